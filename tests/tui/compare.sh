#!/bin/sh
# The Allocation view's c: the previous year beside the current one,
# with each member's change and its cost and share effects, the same
# figures as 'compare'; c again goes back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
row() {	# the compare CSV row of member $1 for 2024: before,delta,cost,share
	vb --db g.db compare --year 2024 --format csv | awk -F, -v m="$1" '$1 == m { print $3, $5, $6, $7 }'
}
set -- $(row gm-sassenburg)
[ "$1 $2 $3 $4" = "202467.53 7806.78 11418.13 -3611.35" ] || fail "compare gives $*"

tui_start --db g.db
wait_for " 7 members"
keys 7
wait_for "TOTAL"
keys y C-u
typein "2024"
keys Enter
wait_for " 2024, actual: 7 members, total 2766703.06 EUR"
keys c
wait_line 2 "code                   total    change cost effect share effect        2023    ▸"
wait_line 3 "gm-sassenburg      210274.31   7806.78    11418.13     -3611.35   202467.53"
wait_line 12 "TOTAL             2766703.06 141803.96   141803.99        -0.03  2624899.10"
# the selected member's change in the detail pane
keys w End
wait_for "cost effect     the services' costs     11418.13"
wait_for "share effect    the member's quotas     -3611.35"
keys w
# the earlier year's totals further right
keys l
wait_for "2023"
keys c h
wait_line 2 "code                   total share                   arbeitsplatz   helpdesk   ▸"
# a year whose previous year has no costs: said, and the view stays
keys y C-u
typein "2017"
keys Enter
wait_for " 2017, actual: 6 members"
keys c
wait_for "no actual costs for 2016"
keys q
wait_exit 0

finish
