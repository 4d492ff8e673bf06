#!/bin/sh
# x exports the current view to a file, the format chosen by the file
# name's extension, new files with mode 0600: the member list as the
# batch mode lists it, a sorted Markdown table, JSON, the allocation
# with its TOTAL row as 'allocate' prints it, and German CSV when the
# configuration asks for it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
same() {	# same FILE COMMAND…: the file holds exactly the command's output
	_f=$1
	shift
	"$@" >"$T/want" 2>&1
	cmp -s "$_f" "$T/want" || { fail "$_f differs from: $*"; diff "$T/want" "$_f" | head -20; }
}

tui_start --db g.db
wait_for " 7 members"
keys x
wait_for "Export to (.csv, .json, .md): members.csv"
keys Enter
wait_for "exported 7 rows to members.csv (csv)"
same members.csv vb --db g.db member list --format csv
[ "$(stat -c %a members.csv)" = 600 ] || fail "members.csv has mode $(stat -c %a members.csv)"

# an existing file is overwritten only after a y
keys x Enter
wait_for "members.csv exists. Overwrite it? (y/n)"
keys n
wait_for "not exported"
keys x Enter
wait_for "members.csv exists. Overwrite it? (y/n)"
keys y
wait_for "exported 7 rows to members.csv (csv)"

# an unknown extension is refused
keys x C-u
typein "members.txt"
keys Enter
wait_for "members.txt: the name must end in .csv, .json or .md (the format)"
[ ! -e members.txt ] || fail "members.txt was written"

# the view as shown: sorted by name, descending, as Markdown
keys s s S
wait_for "sorted by name, descending"
keys x C-u
typein "by-name.md"
keys Enter
wait_for "exported 7 rows to by-name.md (md)"
sed -n 3p by-name.md | grep -q "^| st-wittingen *| Stadt Wittingen " || { fail "by-name.md"; cat by-name.md; }
sed -n 9p by-name.md | grep -q "^| gm-sassenburg *| Gemeinde Sassenburg " || { fail "by-name.md"; cat by-name.md; }

# JSON: amounts in cents, as the batch mode writes them
keys 5 x C-u
typein "transfers.json"
keys Enter
wait_for "exported 1 row to transfers.json (json)"
grep -q '"credit_cents": 5200000' transfers.json || { fail "transfers.json"; cat transfers.json; }

# the allocation with its totals, exactly as 'allocate' prints it
keys 7
wait_for "2026, actual: 7 members"
keys x Enter
wait_for "exported 8 rows to allocation-2026-actual.csv (csv)"
same allocation-2026-actual.csv vb --db g.db allocate --year 2026 --basis actual --format csv
keys b
wait_for "2026, plan: 7 members"
keys x C-u
typein "plan-2026.csv"
keys Enter
wait_for "exported 8 rows to plan-2026.csv (csv)"
same plan-2026.csv vb --db g.db allocate --year 2026 --basis plan --format csv
keys q
wait_exit 0

# German CSV for spreadsheets when the configuration says so
cat >"$T/de.conf" <<'CONF'
export_csv = "csv-de";
CONF
tui_start --config "$T/de.conf" --db g.db
wait_for " 7 members"
keys 3 x C-u
typein "services-de.csv"
keys Enter
wait_for "exported 7 rows to services-de.csv (csv-de)"
same services-de.csv vb --db g.db service list --format csv-de
keys q
wait_exit 0
finish
