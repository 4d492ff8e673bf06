#!/bin/sh
# Every demo federation allocates for every year that has costs, on both
# bases, and reconciles: the members' totals add up to the net costs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

for demo in komgrid gifhorn hessen-isb muenster-lwl; do
	VERBUND_DB=$T/$demo.db
	export VERBUND_DB
	ok demo "$demo"
	run cost list --format csv
	years=$(sed 1d "$OUT" | cut -d, -f2 | sort -u)
	for y in $years; do
		for basis in plan actual; do
			run allocate --year "$y" --basis "$basis" --format json
			expect_status 0 || continue
			# one service and one member per line in the JSON
			sums=$(awk '
				/"net_cents"/ { sub(/.*"net_cents": /, ""); sub(/}.*/, ""); net += $0 }
				/"shares"/ { sub(/.*"total_cents": /, ""); sub(/}.*/, ""); members += $0 }
				/^  "total_cents"/ { sub(/.*: /, ""); total = $0 }
				END { printf "%d %d %d", net, members, total }' "$OUT")
			set -- $sums
			[ "$1" = "$3" ] && [ "$2" = "$3" ] ||
				fail "$demo $y $basis: net $1, members $2, total $3 do not reconcile"
			[ "$3" != 0 ] || fail "$demo $y $basis: nothing allocated"
		done
	done
done

# Gifhorn 2020: Hankensbüttel takes part from 1 March (306 of 366 days)
# and the staff-transfer credit moves 43,475.41 to the Landkreis.
VERBUND_DB=$T/gifhorn.db
run allocate --year 2020 --explain --format csv
grep '^sg-hankensbuettel,helpdesk,' "$OUT" | cut -d, -f1-6 >"$T/hb"
expect_file "$T/hb" <<'EOF2'
sg-hankensbuettel,helpdesk,users,76,2020,306
EOF2
run allocate --year 2020 --format json
grep -c '"transfers_cents": 4347541' "$OUT" >"$T/credit"
grep -c '"transfers_cents": -4347541' "$OUT" >>"$T/credit"
expect_file "$T/credit" <<'EOF2'
1
1
EOF2
# Hessen: the Land's 150,000.00 EUR over 2023-2027, 1826 days: 2023 gets
# 365/1826 of it
VERBUND_DB=$T/hessen-isb.db
run allocate --year 2023 --format json
grep -o '"grant_cents": [0-9]*' "$OUT" >"$T/grant"
expect_file "$T/grant" <<'EOF2'
"grant_cents": 2998357
EOF2
finish
