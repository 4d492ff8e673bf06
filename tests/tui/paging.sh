#!/bin/sh
# A federation of 30,000 members, read a window at a time: the list
# jumps to the end, searches far away (n, N wrap around), sorts by name
# in the database keeping the selection on its member, exports the whole
# list in the order shown, follows an edited record to its new place,
# and the Log pages its entries newest first.  The program holds only a
# few screens of rows: its peak memory stays far below what 30,000
# records would take.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db big.db -q init --name "Verbund in Seiten" || exit 1
# names count down while codes count up: the two orders differ
awk 'BEGIN {
	print "code,name,kind,status,joined"
	for (i = 1; i <= 30000; i++)
		printf "m%05d,Ort %05d,%s,member,2020-01-01\n", i, 30001 - i, i % 3 ? "gemeinde" : "stadt"
}' >members.csv
vb --db big.db -q import members members.csv || exit 1

tui_start --db big.db
wait_for " 30000 members" 10
wait_line 3 "m00001 Ort 30000 gemeinde member 2020-01-01      yes"
keys G
wait_for "30000/30000" 5
wait_for " m30000 — Ort 00001: figures and subscriptions"
# a held-down key upwards: the rows before the window are read as it goes
set --
i=0
while [ $i -lt 600 ]; do
	set -- "$@" k
	i=$((i + 1))
done
keys "$@"
wait_for "29400/30000" 10
wait_for " m29400 — Ort 00601:"
wait_line 3 "m29400 Ort 00601 stadt    member 2020-01-01"
wait_line 12 "m29409 Ort 00592 stadt    member 2020-01-01"
keys g
wait_for " 1/30000"

# a search that walks the database: the match is far away
keys /
typein "m29999"
wait_for " m29999 — Ort 00002:" 10
keys Enter
wait_for "29999/30000"
keys n
wait_for "/m29999: 29999/30000" 10
keys N
wait_for "/m29999: 29999/30000" 10
keys /
typein "Ort 1000"
wait_for " m19992 — Ort 10009:" 10
keys Escape
wait_for " m29999 — Ort 00002:"

# sorted by name in the database: the selection stays on its member
keys s s
wait_for "sorted by name"
wait_line 3 "m29999 Ort 00002 gemeinde member 2020-01-01"
keys k
wait_for "/m29999  1/30000"
wait_line 3 "m30000 Ort 00001 stadt    member 2020-01-01"
# downwards in the order by name: the rows after the window
set --
i=0
while [ $i -lt 700 ]; do
	set -- "$@" j
	i=$((i + 1))
done
keys "$@"
wait_for "/m29999  701/30000" 10
wait_for " m29300 — Ort 00701:"
keys g
wait_line 3 "m30000 Ort 00001 stadt    member 2020-01-01"
keys G
wait_for "30000/30000"
wait_for " m00001 — Ort 30000:"
keys /
typein "Ort 10000"
keys Enter
wait_for "10000/30000" 10
wait_for " m20001 — Ort 10000:"
keys S
wait_for "sorted by name, descending"
wait_for " m20001 — Ort 10000:"
keys j k
wait_for "/Ort 10000  20001/30000"

# the export writes every row in the order shown
keys x C-u
typein "sorted.csv"
keys Enter
wait_for "exported 30000 rows to sorted.csv (csv)" 10
[ "$(wc -l <sorted.csv)" = 30001 ] || fail "sorted.csv has $(wc -l <sorted.csv) lines"
[ "$(sed -n 2p sorted.csv | cut -d, -f1-2)" = "m00001,Ort 30000" ] || fail "sorted.csv begins with $(sed -n 2p sorted.csv)"
[ "$(sed -n 30001p sorted.csv | cut -d, -f1-2)" = "m30000,Ort 00001" ] || fail "sorted.csv ends with $(sed -n 30001p sorted.csv)"

# an edited name moves the record; the selection goes with it
keys e
wait_for "─ Edit member m20001 ─"
keys C-u
typein "Aaa"
keys F2
wait_for "member m20001 saved (u undoes)"
wait_for " m20001 — Aaa:"
keys k j
wait_for "/Ort 10000  30000/30000"
wait_line 12 "m20001 Aaa       stadt    member 2020-01-01"
keys u
wait_for " m20001 — Ort 10000:"
keys j k
wait_for "/Ort 10000  20001/30000"

# the Log, newest first: the undo on top, the import's records below
# (init, 30,000 members, the import itself, the change and its undo)
keys 9
wait_for " 30004 changes, newest first"
wait_for "1/30004"
wait_line 3 "2026-01-15T10:00:00Z root set    member  m20001      {\"code\": \"m20001\", \"name\":…"
wait_line 5 "2026-01-15T10:00:00Z root import members members.csv {\"file\": \"members.csv\", \"r…"
keys G
wait_for "30004/30004"
keys /
typein "m00001"
keys Enter
wait_for "30003/30004" 10

# a few screens of rows are held, not 30,000 records (a build with the
# address sanitizer has shadow memory of its own)
pid=$(cat "$T/pid" 2>/dev/null)
if [ -n "$pid" ] && [ -r "/proc/$pid/status" ] && ! ldd "$VERBUND" 2>/dev/null | grep -q libasan; then
	kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
	echo "peak memory with 30,000 members: ${kb} kB"
	[ "${kb:-0}" -lt 30000 ] || fail "peak memory ${kb} kB with 30,000 members"
fi
keys q
wait_exit 0
finish
