#!/bin/sh
# workbook --year Y FILE.xlsx read back by openpyxl
# (tests/docs/workbook_read.py): the sheets that have data, titles in
# English and in German, every amount a number with a currency format
# equal to the JSON of allocate, advances, settle and compare to the
# cent, TOTAL rows as SUM formulas with exact cached values, frozen and
# filtered header, sized columns, document properties; for a year of
# every demo.
# The file: mode 0600 whatever the umask, an existing file replaced, a
# symbolic link, a directory and "-" refused with nothing written, no
# temporary file left behind.  Skipped (77) only when /usr/bin/python3
# or its openpyxl package is missing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
if [ ! -x "$PY" ] || ! "$PY" -c 'import openpyxl' 2>/dev/null; then
	echo "SKIP: /usr/bin/python3 with openpyxl (Debian: python3-openpyxl) is missing" >&2
	exit 77
fi
READ=$top_srcdir/tests/docs/workbook_read.py

# json_of YEAR DIR: the JSON answers the workbook of YEAR must equal;
# a sheet without data has no file
json_of() {
	_y=$1 _d=$2
	rm -rf "$_d" && mkdir "$_d"
	_basis=
	for _b in plan actual; do
		"$VERBUND" cost list --year "$_y" --format csv | cut -d, -f3 | grep -qx "$_b" || continue
		"$VERBUND" allocate --year "$_y" --basis "$_b" --explain --format json >"$_d/$_b.json" ||
			fail "allocate $_y $_b"
		_basis=$_b
	done
	if [ -f "$_d/plan.json" ] || "$VERBUND" advances --year "$_y" --format json 2>/dev/null | grep -q '"issued": true'; then
		"$VERBUND" -q advances --year "$_y" --format json >"$_d/advances.json" || fail "advances $_y"
	fi
	if [ -f "$_d/actual.json" ]; then
		"$VERBUND" settle --year "$_y" --format json >"$_d/settle.json" || fail "settle $_y"
	fi
	if [ -n "$_basis" ] && "$VERBUND" cost list --year $((_y - 1)) --format csv | cut -d, -f3 | grep -qx "$_basis"; then
		"$VERBUND" compare --year "$_y" --against $((_y - 1)) --basis "$_basis" --format json \
			>"$_d/prev.json" || fail "compare $_y $_basis"
	fi
}

# check_book FILE YEAR LANG: the workbook against the JSON
check_book() {
	json_of "$2" "$T/json"

	"$PY" "$READ" "$1" "$T/json" "$3" "$FED" "$2" || fail "workbook_read.py: $1 ($2, $3)"
}

umask 000
ok demo gifhorn
FED='IT-Verbund Landkreis Gifhorn'
run workbook --year 2024 "$T/finanzen.xlsx"
expect_status 0
no_out
expect_err <<EOT
verbund: workbook of 2024 written to $T/finanzen.xlsx (6 sheets)
EOT
[ "$(stat -c %a "$T/finanzen.xlsx")" = 600 ] || fail "mode $(stat -c %a "$T/finanzen.xlsx"), expected 600"
check_book "$T/finanzen.xlsx" 2024 en

# the first year with costs has no comparison; issued advances are used
ok advances --year 2017 --issue
run workbook --year 2017 "$T/finanzen.xlsx"
expect_status 0
expect_err <<EOT
verbund: workbook of 2017 written to $T/finanzen.xlsx (5 sheets)
EOT
[ "$(stat -c %a "$T/finanzen.xlsx")" = 600 ] || fail "replaced file: mode $(stat -c %a "$T/finanzen.xlsx")"
check_book "$T/finanzen.xlsx" 2017 en

# German titles in a German locale
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$' && command -v msgfmt >/dev/null 2>&1 &&
   grep -q '^#define ENABLE_NLS 1' "$(dirname "$VERBUND")/config.h" 2>/dev/null; then
	mkdir -p "$T/locale/de/LC_MESSAGES"
	msgfmt -o "$T/locale/de/LC_MESSAGES/verbund.mo" "$top_srcdir/po/de.po" || fail "msgfmt po/de.po"
	LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 VERBUND_LOCALEDIR=$T/locale run workbook --year 2025 "$T/de.xlsx"
	expect_status 0
	expect_err <<EOT
verbund: Arbeitsmappe 2025 in $T/de.xlsx geschrieben (6 Blätter)
EOT
	check_book "$T/de.xlsx" 2025 de
else
	echo "note: de_DE.UTF-8, msgfmt or NLS missing: German titles not checked"
fi

# a year of every other demo (Münster/LWL has no costs at all)
for demo in komgrid hessen-isb muenster-lwl; do
	VERBUND_DB=$T/$demo.db
	export VERBUND_DB
	ok demo "$demo"
	FED=$("$VERBUND" export --format json | sed -n 's/^ *"name": "\(.*\)",*$/\1/p' | head -n 1)
	year=$("$VERBUND" cost list --format csv | sed 1d | cut -d, -f2 | sort -n | tail -n 1)
	if [ -z "$year" ]; then
		# a declaration of intent without any cost sharing (yet)
		run workbook --year 2024 "$T/$demo.xlsx"
		expect_status 1
		expect_err <<'EOT'
verbund: workbook: 2024 has no costs, plan or actual: there is nothing to put in a workbook
EOT
		continue
	fi
	run workbook --year "$year" "$T/$demo.xlsx"
	expect_status 0
	check_book "$T/$demo.xlsx" "$year" en
done
VERBUND_DB=$T/fed.db
export VERBUND_DB

# a year with plan costs only: plan, advances, explanation
new_federation
ok member add a --name A --joined 2020-01-01
ok member add b --name B --joined 2020-01-01
ok figure set --new-metric a users 2026 30
ok figure set --new-metric b users 2026 10
ok key add users --name Users --metric users
ok service add hd --name Helpdesk --key users
ok cost set hd 2026 1000.01 --basis plan
FED=Test
run workbook --year 2026 "$T/plan.xlsx"
expect_status 0
expect_err <<EOT
verbund: workbook of 2026 written to $T/plan.xlsx (3 sheets)
EOT
check_book "$T/plan.xlsx" 2026 en

# refusals: nothing written, nothing left behind
run workbook --year 2027 "$T/none.xlsx"
expect_status 1
no_out
expect_err <<'EOT'
verbund: workbook: 2027 has no costs, plan or actual: there is nothing to put in a workbook
EOT
[ -e "$T/none.xlsx" ] && fail "a workbook without data was written"
echo keep >"$T/target"
ln -s "$T/target" "$T/link.xlsx"
run workbook --year 2026 "$T/link.xlsx"
expect_status 1
no_out
expect_err <<EOT
verbund: workbook: $T/link.xlsx: is a symbolic link; nothing is written through a link, give the name of a regular file
EOT
[ "$(cat "$T/target")" = keep ] || fail "the link's target changed"
[ -L "$T/link.xlsx" ] || fail "the link was replaced"
mkdir "$T/dir.xlsx"
run workbook --year 2026 "$T/dir.xlsx"
expect_status 1
expect_err <<EOT
verbund: workbook: $T/dir.xlsx: is a directory
EOT
run workbook --year 2026 -
expect_status 2
expect_err <<'EOT'
verbund: workbook: a workbook is written to a file, not to standard output (see 'verbund help workbook')
EOT
run workbook "$T/x.xlsx"
expect_status 2
expect_err <<'EOT'
verbund: workbook: --year is required (see 'verbund help workbook')
EOT
run workbook --year 2026
expect_status 2
ls -a "$T" | grep -v -x -E '\.|\.\.|home|stdout|stderr|status|expected|failures|json|locale|fed\.db.*|.*\.xlsx|target|snapshot|now|left|komgrid\.db.*|hessen-isb\.db.*|muenster-lwl\.db.*' >"$T/left" || :
[ -s "$T/left" ] && fail "left behind: $(cat "$T/left")"

finish
