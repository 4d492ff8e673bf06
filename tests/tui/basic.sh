#!/bin/sh
# The TUI in a real terminal: the member list of the Gifhorn demo with
# its header, aligned UTF-8 rows and the cursor on the selection; too
# small a terminal and back; quitting.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
tui_start --db g.db
wait_for " IT-Verbund Landkreis Gifhorn — g.db"
wait_for " 7 members"
wait_line 2 "code              name                       kind         status joined        ▸"
wait_line 3 "gm-sassenburg     Gemeinde Sassenburg        gemeinde     member 2017-01-01"
# umlauts take one column each: the row stays aligned
wait_line 6 "sg-hankensbuettel Samtgemeinde Hankensbüttel samtgemeinde member 2020-03-01"
# the status line names the keys that apply
wait_for " a add  e edit  d delete  w pane  / search  s sort  x export  ? help  q quit"
# the terminal cursor sits on the selected row (screen readers follow it)
wait_cursor 3 0
keys j j
wait_cursor 5 0
wait_for "3/7"
keys G
wait_cursor 9 0
keys g
wait_cursor 3 0
# the detail pane: the selected member's figures
wait_for " gm-sassenburg — Gemeinde Sassenburg: figures and subscriptions"
wait_for "Figures (a adds one)"
resize 40 10
wait_for "terminal too small"
wait_for "need 80x24, have 40x10"
resize 80 24
wait_for " 7 members"
wait_cursor 3 0
keys q
wait_exit 0
finish
