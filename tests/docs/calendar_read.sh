#!/bin/sh
# The calendar of deadlines --format ics as a calendar program reads it:
# parsed by the icalendar package (tests/docs/calendar_read.py), with
# the exact events, UIDs recomputed independently and stable across two
# exports, CRLF and at most 75 octets per line.  Skipped (77) only when
# /usr/bin/python3 or its icalendar package is missing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
if [ ! -x "$PY" ] || ! "$PY" -c 'import icalendar' 2>/dev/null; then
	echo "SKIP: /usr/bin/python3 with icalendar (Debian: python3-icalendar) is missing" >&2
	exit 77
fi

rm -f "$VERBUND_DB"
ok init --name 'IT-Verbund Nord; Kreis, "Süd" \ Test'
ok member add a --name 'Gemeinde Ä' --joined 2020-01-01
ok member add b --name 'Stadt B' --joined 2020-01-01 --left 2026-06-30 --status former
ok agreement add zv --title 'Zweckvereinbarung IT, Teil 1; Netz \ Server – über die gemeinsame Datenverarbeitung'
ok agreement version zv --from 2024-01-01 --until 2026-12-31 --notice 6 --parties a,b
ok agreement sign zv 1 a --by 'Bürgermeisterin A' --date 2023-12-01
ok transfer add --person 'Erika Muster' --from a --to b --date 2024-01-01 --credit 1000 --years 3
ok grant add g1 --name 'Förderung Digitalisierung' --amount 1000 --from 2024-01-01 --until 2026-03-31 --source 'Land Niedersachsen'

run deadlines --on 2026-01-15 --within 365 --format ics
expect_status 0
cp "$OUT" "$T/a.ics"
VERBUND_NOW=2026-03-01T12:00:00Z run deadlines --on 2026-01-15 --within 365 --format ics
expect_status 0
cp "$OUT" "$T/b.ics"
mkdir -p "$XDG_CONFIG_HOME/verbund"
printf 'deadlines = { alarm_days = 30; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --on 2026-01-15 --within 365 --format ics
expect_status 0
cp "$OUT" "$T/c.ics"

"$PY" "$top_srcdir/tests/docs/calendar_read.py" "$T/a.ics" "$T/b.ics" "$T/c.ics" ||
	fail "calendar_read.py found differences"
finish
