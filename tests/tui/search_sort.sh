#!/bin/sh
# Incremental search with / (Enter keeps the match, Esc goes back),
# n and N, and sorting by column with s (and S to reverse).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
tui_start --db g.db
wait_for " 7 members"
wait_cursor 3 0

# search as you type: each key moves to the first match (the detail
# pane follows the selection; the cursor is in the prompt meanwhile)
keys /
wait_for "Enter keep the match"
typein "sg-"
wait_for " sg-brome — Samtgemeinde Brome:"
wait_cursor 22 4
typein "i"
wait_for " sg-isenbuettel — Samtgemeinde Isenbüttel:"
# Esc goes back to where the search started
keys Escape
wait_cursor 3 0
wait_gone "Enter keep the match"
wait_for " gm-sassenburg — Gemeinde Sassenburg:"
# umlauts and case: "BÜTTEL" finds Samtgemeinde Hankensbüttel
keys /
typein "BÜTTEL"
wait_for " sg-hankensbuettel — Samtgemeinde Hankensbüttel:"
keys Enter
wait_gone "Enter keep the match"
wait_cursor 6 0
wait_for "/BÜTTEL  4/7"
# n goes to the next match (Isenbüttel), then wraps around; N goes back
keys n
wait_cursor 7 0
keys n
wait_cursor 6 0
keys N
wait_cursor 7 0
keys /
typein "zzz"
wait_for "  not found"
keys Escape
wait_cursor 7 0

# s sorts by the next column: code, name, kind, …; S reverses
keys g s
wait_for "sorted by code"
wait_line 2 "code▲             name                       kind         status joined        ▸"
keys s
wait_for "sorted by name"
wait_line 3 "gm-sassenburg     Gemeinde Sassenburg        gemeinde     member 2017-01-01"
wait_line 9 "st-wittingen      Stadt Wittingen            stadt        member 2017-01-01"
keys s
wait_for "sorted by kind"
wait_line 3 "gm-sassenburg     Gemeinde Sassenburg        gemeinde     member 2017-01-01"
wait_line 4 "lk-gifhorn        Landkreis Gifhorn          landkreis    member 2017-01-01"
wait_line 9 "st-wittingen      Stadt Wittingen            stadt        member 2017-01-01"
keys S
wait_for "sorted by kind, descending"
wait_line 2 "code              name                       kind▼        status joined        ▸"
wait_line 3 "st-wittingen      Stadt Wittingen            stadt        member 2017-01-01"
# the selection stays on its member while the order changes
wait_cursor 9 0
# joined: Hankensbüttel (2020) comes last
keys s s
wait_for "sorted by joined"
wait_line 9 "sg-hankensbuettel Samtgemeinde Hankensbüttel samtgemeinde member 2020-03-01"
# back to the stored order after the last column
for i in 1 2 3 4 5 6; do keys s; done
wait_for "stored order"
wait_line 3 "gm-sassenburg     Gemeinde Sassenburg        gemeinde     member 2017-01-01"
wait_line 6 "sg-hankensbuettel Samtgemeinde Hankensbüttel samtgemeinde member 2020-03-01"
# sideways: the further columns of the list
keys l
wait_line 2 "code              kind         status joined     left host contact email phone ◂"
keys l l l l
wait_for "host"
keys h h h h h
wait_line 2 "code              name                       kind         status joined        ▸"
keys q
wait_exit 0
finish
