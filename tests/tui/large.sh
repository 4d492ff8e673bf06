#!/bin/sh
# A federation of 10,000 members: the list opens, jumps to the end,
# pages, follows a held-down key, searches and sorts without waiting
# (only the visible rows are drawn).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db big.db -q init --name "Großer Verbund" || exit 1
awk 'BEGIN {
	print "code,name,kind,status,joined"
	for (i = 1; i <= 10000; i++)
		printf "m%05d,Gemeinde Nummer %d – Süd,gemeinde,member,2020-01-01\n", i, i
}' >members.csv
vb --db big.db -q import members members.csv || exit 1
awk 'BEGIN {
	print "member,metric,year,value"
	for (i = 1; i <= 10000; i++)
		printf "m%05d,users,2024,%d\nm%05d,population,2024,%d\n", i, i % 97 + 3, i, i * 10
}' >figures.csv
vb --db big.db -q import figures --new-metrics figures.csv || exit 1

start=$(date +%s)
tui_start --db big.db
wait_for " 10000 members" 5
wait_line 3 "m00001 Gemeinde Nummer 1 – Süd  gemeinde member 2020-01-01      yes"
keys G
wait_for "10000/10000" 3
wait_line 12 "m10000 Gemeinde Nummer 10000 – S… gemeinde member 2020-01-01"
wait_for " m10000 — Gemeinde Nummer 10000 – Süd: figures and subscriptions"
keys g
wait_for " 1/10000" 3
# a held-down key: 500 rows down, the screen catches up at once
set --
i=0
while [ $i -lt 500 ]; do
	set -- "$@" j
	i=$((i + 1))
done
keys "$@"
wait_for "501/10000" 5
wait_for " m00501 — Gemeinde Nummer 501 – Süd" 3
keys PgDn PgDn
wait_for "519/10000" 3
keys /
typein "9999"
wait_for " m09999 — Gemeinde Nummer 9999 – Süd" 3
keys Enter
wait_for "9999/10000" 3
keys s s S
wait_for "sorted by name, descending" 3
keys x C-u
typein "all.csv"
keys Enter
wait_for "exported 10000 rows to all.csv (csv)" 5
[ "$(wc -l <all.csv)" = 10001 ] || fail "all.csv has $(wc -l <all.csv) lines"
keys q
wait_exit 0
elapsed=$(($(date +%s) - start))
[ $elapsed -lt 30 ] || fail "10,000 members took $elapsed s"
finish
