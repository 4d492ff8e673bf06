#!/bin/sh
# A new figure's year is the working year (spec §4): the year shown in
# the Allocation view, at first the current one; never the year after
# the selected figure row.  Deleting the host is refused in the TUI's
# terms.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1

tui_start --db g.db
wait_for " 7 members"
# the detail of the first member, its figure row of 2017 selected
keys g w
wait_for "detail 1/"
keys a
wait_for "─ Add figure ─"
wait_field year "2026"
keys Escape
wait_gone "─ Add figure ─"
# the Allocation view's year becomes the working year
keys w 7
wait_for "TOTAL"
keys y C-u
typein "2024"
keys Enter
wait_for " 2024, actual: "
keys 1
wait_for " 7 members"
keys g w
wait_for "detail 1/"
keys a
wait_for "─ Add figure ─"
wait_field year "2024"
typein "pcs"
keys Tab Tab
typein "7"
keys F2
wait_for "figure gm-sassenburg/pcs/2024 added (u undoes)"
# the host (lk-gifhorn, the second row) cannot be deleted
keys w j d
wait_for "lk-gifhorn is the host: give the host role to another member first (e, host)"
[ "$(vb --db g.db member show lk-gifhorn --format csv | tail -n 1 | cut -d, -f7)" = true ] ||
	fail "lk-gifhorn is no longer the host"
keys q
wait_exit 0
finish
