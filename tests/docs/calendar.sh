#!/bin/sh
# deadlines --format ics: the exact calendar text (RFC 5545) of a
# federation with every kind of deadline: VCALENDAR frame, one all-day
# VEVENT per deadline (DTSTART/DTEND as dates), SUMMARY with kind and
# reference, escaped DESCRIPTION (\\ \; \,), lines folded at 75 octets
# without splitting a UTF-8 character, CRLF line ends, a VALARM
# deadlines.alarm_days before (default 14, from the configuration, 0 at
# the day); the same UIDs on a second export; German titles in a German
# locale; other commands refuse the format (exit 2); a bad alarm_days
# stops before the database is used (exit 3).  The UIDs themselves are
# recomputed independently in tests/docs/calendar_read.py.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

VERSION=$("$VERBUND" --version | sed 's/^verbund //')
rm -f "$VERBUND_DB"
ok init --name 'IT-Verbund Nord; Kreis, "Süd" \ Test'
ok member add a --name 'Gemeinde Ä' --joined 2020-01-01
ok member add b --name 'Stadt B' --joined 2020-01-01 --left 2026-06-30 --status former
ok agreement add zv --title 'Zweckvereinbarung IT, Teil 1; Netz \ Server – über die gemeinsame Datenverarbeitung'
ok agreement version zv --from 2024-01-01 --until 2026-12-31 --notice 6 --parties a,b
ok agreement sign zv 1 a --by 'Bürgermeisterin A' --date 2023-12-01
ok transfer add --person 'Erika Muster' --from a --to b --date 2024-01-01 --credit 1000 --years 3
ok grant add g1 --name 'Förderung Digitalisierung' --amount 1000 --from 2024-01-01 --until 2026-03-31 --source 'Land Niedersachsen'

# the UIDs are stable; here they are shown as <uid> (the second export
# must give the same ones, below)
run deadlines --on 2026-01-15 --within 365 --format ics
expect_status 0
no_err
cp "$OUT" "$T/first.ics"
sed 's/^UID:[0-9a-f]\{32\}@verbund\r$/UID:<uid>\r/' "$OUT" >"$T/masked"
sed 's/$/\r/' >"$T/expected" <<EOT
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//verbund//verbund $VERSION//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:IT-Verbund Nord\\; Kreis\\, "Süd" \\\\ Test: deadlines
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20240101
DTEND;VALUE=DATE:20240102
SUMMARY:Signature missing: zv/1/b
DESCRIPTION:'b' has not signed 'Zweckvereinbarung IT\\, Teil 1\\; Netz \\\\ Ser
 ver – über die gemeinsame Datenverarbeitung' version 1 (in force from 2
 024-01-01)
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Signature missing: zv/1/b
TRIGGER:-P14D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20260331
DTEND;VALUE=DATE:20260401
SUMMARY:Grant period ends: grant/g1
DESCRIPTION:grant period of 'Förderung Digitalisierung' from Land Niedersa
 chsen ends
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Grant period ends: grant/g1
TRIGGER:-P14D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20260630
DTEND;VALUE=DATE:20260701
SUMMARY:Member leaves: member/b
DESCRIPTION:last day on which 'Stadt B' shares costs
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Member leaves: member/b
TRIGGER:-P14D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20260630
DTEND;VALUE=DATE:20260701
SUMMARY:Notice deadline: zv/1
DESCRIPTION:last day to give notice on 'Zweckvereinbarung IT\\, Teil 1\\; Net
 z \\\\ Server – über die gemeinsame Datenverarbeitung' version 1 (ends 20
 26-12-31\\, 6 months' notice)
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Notice deadline: zv/1
TRIGGER:-P14D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20261231
DTEND;VALUE=DATE:20270101
SUMMARY:Transfer credit ends: transfer/1
DESCRIPTION:staff-transfer credit for Erika Muster (a to b) ends
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Transfer credit ends: transfer/1
TRIGGER:-P14D
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:<uid>
DTSTAMP:20260115T100000Z
DTSTART;VALUE=DATE:20261231
DTEND;VALUE=DATE:20270101
SUMMARY:Agreement version ends: zv/1
DESCRIPTION:'Zweckvereinbarung IT\\, Teil 1\\; Netz \\\\ Server – über die g
 emeinsame Datenverarbeitung' version 1 ends
TRANSP:TRANSPARENT
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Agreement version ends: zv/1
TRIGGER:-P14D
END:VALARM
END:VEVENT
END:VCALENDAR
EOT
LAST="deadlines --format ics (UIDs masked)"
_compare stdout "$T/masked"

# every line ends in CRLF and has at most 75 octets before it
LC_ALL=C awk '!/\r$/ { print "line " NR " does not end in CRLF" }
	{ sub(/\r$/, ""); if (length($0) > 75) print "line " NR " has " length($0) " octets" }' \
	"$T/first.ics" >"$T/lines"
[ -s "$T/lines" ] && fail "$(cat "$T/lines")"

# six events, six different UIDs, the same on a second export (also
# with another day to count from and a later clock)
grep '^UID:' "$T/first.ics" | sort -u >"$T/uids1"
[ "$(wc -l <"$T/uids1")" -eq 6 ] || fail "expected 6 different UIDs: $(cat "$T/uids1")"
VERBUND_NOW=2026-02-01T08:30:00Z run deadlines --on 2026-02-01 --within 365 --format ics
expect_status 0
grep '^UID:' "$OUT" | sort -u >"$T/uids2"
cmp -s "$T/uids1" "$T/uids2" || fail "the UIDs changed between two exports"
grep -q '^DTSTAMP:20260201T083000Z' "$OUT" || fail "DTSTAMP does not follow the clock"
# the federation's name is part of every UID: another federation with the
# same records gets other UIDs
ok export --output "$T/fed.json"
VERBUND_DB=$T/other.db run init --name 'Another federation'
VERBUND_DB=$T/other.db run -q import all "$T/fed.json"
VERBUND_DB=$T/other.db run deadlines --on 2026-01-15 --within 365 --format ics
grep '^UID:' "$OUT" | sort -u >"$T/uids3"
[ "$(wc -l <"$T/uids3")" -eq 6 ] || fail "the other federation has $(wc -l <"$T/uids3") UIDs"
[ -z "$(comm -12 "$T/uids1" "$T/uids3")" ] || fail "two federations share UIDs"

# deadlines.alarm_days from the configuration; 0: at the start of the day
mkdir -p "$XDG_CONFIG_HOME/verbund"
printf 'deadlines = { alarm_days = 3; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --on 2026-01-15 --within 100 --format ics
expect_status 0
grep '^TRIGGER' "$OUT" | tr -d '\r' >"$T/trig"
printf 'TRIGGER:-P3D\nTRIGGER:-P3D\n' >"$T/expected"
_compare "TRIGGER lines (alarm_days = 3)" "$T/trig"
printf 'deadlines = { alarm_days = 0; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --on 2026-01-15 --within 100 --format ics
grep '^TRIGGER' "$OUT" | tr -d '\r' >"$T/trig"
printf 'TRIGGER:PT0S\nTRIGGER:PT0S\n' >"$T/expected"
_compare "TRIGGER lines (alarm_days = 0)" "$T/trig"
# a bad value stops the program (exit 3) before the database is opened
printf 'deadlines = { alarm_days = -1; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --format ics
expect_status 3
expect_err <<EOT
verbund: $XDG_CONFIG_HOME/verbund/verbund.conf:1: alarm_days: expected 0 to 365 days
EOT
printf 'deadlines = { alarm_days = "14"; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --format ics
expect_status 3
expect_err <<EOT
verbund: $XDG_CONFIG_HOME/verbund/verbund.conf:1: alarm_days: expected a whole number of days
EOT
printf 'deadlines = { alarm = 3; };\n' >"$XDG_CONFIG_HOME/verbund/verbund.conf"
run deadlines --on 2026-01-15 --within 10 --format ics
expect_status 0
expect_err <<EOT
verbund: warning: $XDG_CONFIG_HOME/verbund/verbund.conf:1: unknown setting 'deadlines.alarm' ignored
EOT
rm "$XDG_CONFIG_HOME/verbund/verbund.conf"

# a fold never splits a UTF-8 character: here the 75th octet is the
# first of "ü", so the line ends one octet early
ok grant add g2 --name 'Landesprogramm Breitband und Digitalisierung über 2026 hinaus – Nord' \
	--amount 100 --from 2026-01-01 --until 2027-06-30 --source Land
run deadlines --on 2027-06-01 --within 40 --format ics
expect_status 0
sed -n '/^SUMMARY:Grant period ends: grant\/g2/,/^TRANSP/p' "$OUT" >"$T/g2"
sed 's/$/\r/' >"$T/expected" <<'EOT'
SUMMARY:Grant period ends: grant/g2
DESCRIPTION:grant period of 'Landesprogramm Breitband und Digitalisierung 
 über 2026 hinaus – Nord' from Land ends
TRANSP:TRANSPARENT
EOT
_compare "the folded description of grant/g2" "$T/g2"
ok grant remove g2

# an empty calendar is still a calendar
run deadlines --on 2020-01-01 --within 10 --format ics
expect_status 0
tr -d '\r' <"$OUT" | grep -c '^BEGIN:VEVENT' >"$T/n" || :
[ "$(cat "$T/n")" = 0 ] || fail "events in an empty range"
tr -d '\r' <"$OUT" | tail -n 1 | grep -qx 'END:VCALENDAR' || fail "empty calendar not closed"

# German titles in a German locale (the catalogue of po/de.po, compiled
# here); the machine parts (UIDs, dates, the alarm) stay the same
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$' && command -v msgfmt >/dev/null 2>&1 &&
   grep -q '^#define ENABLE_NLS 1' "$(dirname "$VERBUND")/config.h" 2>/dev/null; then
	mkdir -p "$T/locale/de/LC_MESSAGES"
	msgfmt -o "$T/locale/de/LC_MESSAGES/verbund.mo" "$top_srcdir/po/de.po" || fail "msgfmt po/de.po"
	LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 VERBUND_LOCALEDIR=$T/locale \
		run deadlines --on 2026-01-15 --within 365 --format ics
	expect_status 0
	tr -d '\r' <"$OUT" | grep -E '^(X-WR-CALNAME|SUMMARY|UID|TRIGGER)' >"$T/de"
	tr -d '\r' <"$T/first.ics" | grep '^UID:' >"$T/uidorder"
	{
		echo 'X-WR-CALNAME:IT-Verbund Nord\; Kreis\, "Süd" \\ Test: Fristen'
		paste -d '\n' "$T/uidorder" - - <<'EOT'
SUMMARY:Unterschrift fehlt: zv/1/b
TRIGGER:-P14D
SUMMARY:Förderzeitraum endet: grant/g1
TRIGGER:-P14D
SUMMARY:Mitglied scheidet aus: member/b
TRIGGER:-P14D
SUMMARY:Kündigungstermin: zv/1
TRIGGER:-P14D
SUMMARY:Gutschrift Personalübergang endet: transfer/1
TRIGGER:-P14D
SUMMARY:Vertragsfassung endet: zv/1
TRIGGER:-P14D
EOT
	} >"$T/expected"
	_compare "German calendar" "$T/de"
else
	echo "note: de_DE.UTF-8, msgfmt or NLS missing: German titles not checked"
fi

# only deadlines writes ics (a usage error, exit 2, nothing written)
run member list --format ics
expect_status 2
no_out
expect_err <<'EOT'
verbund: member list: this command does not write the format 'ics' (see 'verbund help member list')
EOT
run --format ics allocate --year 2026
expect_status 2
no_out
run deadlines --format ical
expect_status 2
expect_err <<'EOT'
verbund: deadlines: unknown format 'ical' (table, csv, csv-de, json, md) (see 'verbund help deadlines')
EOT

finish
