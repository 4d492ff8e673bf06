#!/bin/sh
# The German user interface (LANG=de_DE.UTF-8): messages, --help and
# "help COMMAND" are German; table output shows dates as DD.MM.YYYY and
# amounts as "1.234,56 €"; csv, csv-de, json and md stay byte for byte as
# in the C locale, and table headers keep the CSV column names.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	echo "SKIP: the locale de_DE.UTF-8 is not generated (locale -a)" >&2
	exit 77
fi
builddir=$(dirname "$VERBUND")
if [ -f "$builddir/config.h" ] && ! grep -q '^#define ENABLE_NLS 1' "$builddir/config.h"; then
	echo "SKIP: built without NLS (--disable-nls)" >&2
	exit 77
fi
# the catalog of po/de.po, without installing it: compiled here when
# msgfmt is there, else the one the build made
gmo=
if command -v msgfmt >/dev/null 2>&1; then
	msgfmt -c -o "$T/de.gmo" "$top_srcdir/po/de.po" || fail "msgfmt -c po/de.po"
	gmo=$T/de.gmo
else
	for d in "$builddir/po" "$top_srcdir/po"; do
		if [ -f "$d/de.gmo" ]; then
			gmo=$d/de.gmo
			break
		fi
	done
fi
if [ -z "$gmo" ]; then
	echo "SKIP: no po/de.gmo and no msgfmt to make it" >&2
	exit 77
fi
mkdir -p "$T/locale/de/LC_MESSAGES"
cp "$gmo" "$T/locale/de/LC_MESSAGES/verbund.mo"
VERBUND_LOCALEDIR=$T/locale
export VERBUND_LOCALEDIR

german() {
	unset LC_ALL LANGUAGE LC_MESSAGES LC_NUMERIC LC_MONETARY LC_TIME 2>/dev/null || :
	LANG=de_DE.UTF-8
	export LANG
}
c_locale() {
	LC_ALL=C.UTF-8
	LANG=C.UTF-8
	export LC_ALL LANG
}

# ---- the worked example of spec §2, and a service of 2 × 1,234.56 EUR
new_federation
ok member add a --name 'Stadt A' --joined 2024-01-01
ok member add b --name 'Gemeinde B' --joined 2024-01-01
ok member add c --name 'Gemeinde C' --joined 2024-07-01
ok figure set --new-metric a users 2024 100
ok figure set --new-metric b users 2024 50
ok figure set --new-metric c users 2024 50
ok key add users --name Nutzer --metric users
ok key add halb --name Hälfte --fixed a=50,b=50
ok service add helpdesk --name Servicedesk --key users
ok service add netz --name Netzwerk --key halb
ok cost set helpdesk 2024 10000.00
ok cost set netz 2024 2469.12

# machine formats in the C locale, to compare with
c_locale
for f in csv csv-de json md; do
	run member list --format "$f"
	cp "$OUT" "$T/members.$f"
	run allocate --year 2024 --format "$f"
	cp "$OUT" "$T/alloc.$f"
	run allocate --year 2024 --explain --format "$f"
	cp "$OUT" "$T/explain.$f"
	run cost list --format "$f"
	cp "$OUT" "$T/costs.$f"
done

german

# ---- --help and help COMMAND
run --help
expect_status 0
: | expect_err
head -n 2 "$OUT" >"$T/got"
expect_file "$T/got" <<'END'
Aufruf: verbund [GLOBALE OPTIONEN]                 öffnet die Bedienoberfläche (TUI)
       verbund [GLOBALE OPTIONEN] BEFEHL [ARGUMENTE] Stapelbetrieb
END
for line in 'Globale Optionen:' 'Befehle:' \
	'  member add             ein Mitglied hinzufügen' \
	'  key add                einen Kostenverteilungsschlüssel hinzufügen' \
	'  allocate               die centgenaue Kostenumlage eines Jahres' \
	'  advances               Abschläge aus der Plan-Umlage und ihre Fälligkeiten' \
	'  settle                 Spitzabrechnung: Ist-Umlage abzüglich Abschläge' \
	'  transfer add           einen Personalübergang hinzufügen' \
	'  grant add              eine Zuwendung hinzufügen' \
	'Rückgabewert: 0 Erfolg, 1 der Vorgang ist gescheitert, 2 Aufruffehler,'; do
	grep -qxF -- "$line" "$OUT" || fail "--help lacks the line: $line"
done
# every summary of the command list is German: none still starts with an
# English verb
sed -n '/^Befehle:$/,/^$/p' "$OUT" >"$T/summaries"
if grep -E '^  [a-z][a-z ]*[a-z]   +(add|change|remove|list|show|set|create|end|record|subscribe|import|export|consistent|the|what|final|instalments|notice|consistency) ' "$T/summaries"; then
	fail "--help has English summaries (above)"
fi

run help member add
expect_status 0
for line in 'ein Mitglied hinzufügen' 'Optionen:' \
	'  --joined DATE            erster Tag der Kostenbeteiligung' \
	'  --host                   das Mitglied, das die gemeinsame IT betreibt (Trägerkommune)'; do
	grep -qxF -- "$line" "$OUT" || fail "help member add lacks the line: $line"
done
grep -q '^  --kind CHOICE  *Art der Körperschaft: landkreis, .* (Vorgabe gemeinde)$' "$OUT" ||
	fail "help member add: --kind not in German"
run allocate --help
expect_status 0
grep -qxF '  --basis BASIS            plan (Haushaltsansatz) oder actual (Ist, Vorgabe)' "$OUT" ||
	fail "allocate --help: --basis not in German"

# ---- messages: usage errors (2), failures (1), database (3), info, warning
run frobnicate
expect_status 2
expect_err <<'END'
verbund: unbekannter Befehl »frobnicate« (siehe »verbund --help«)
END
run member list --format xml
expect_status 2
expect_err <<'END'
verbund: member list: unbekanntes Format »xml« (table, csv, csv-de, json, md) (siehe »verbund help member list«)
END
run member add Bad --name X
expect_status 1
expect_err <<'END'
verbund: member add: code: "Bad" ist kein gültiges Kürzel (1–32 Zeichen a–z, 0–9, _ und -)
END
run member add d --name D --joined 31.02.2024
expect_status 1
expect_err <<'END'
verbund: member add: --joined: "31.02.2024" ist kein gültiges Datum (JJJJ-MM-TT oder T.M.JJJJ)
END
run cost set helpdesk 2024 1,234.56
expect_status 1
expect_err <<'END'
verbund: cost set: amount: "1,234.56" ist kein Betrag (wie 1234.56, 1234,56 oder 1.234,56 EUR: höchstens zwei Nachkommastellen, nicht negativ)
END
run cost set helpdesk 2024 11,500
expect_status 1
expect_err <<'END'
verbund: cost set: amount: "11,500" ist mehrdeutig: ein Tausendertrennzeichen (11500) oder ein Dezimalkomma (11 und 500 Tausendstel)? Schreiben Sie 11500 oder 11,50
END
run member show zz
expect_status 1
expect_err <<'END'
verbund: member show: Mitglied »zz« gibt es nicht
END
run --db "$T/none.db" member list
expect_status 3
expect_err <<END
verbund: $T/none.db: hier gibt es keine Verbunddatei; eine anlegen mit »verbund init --name NAME« oder »verbund demo gifhorn«
END
run member add d --name 'Gemeinde D'
expect_status 0
expect_err <<'END'
verbund: Mitglied »d« hinzugefügt
END
ok member remove d
printf 'foo = 1;\n' >"$T/v.conf"
run --config "$T/v.conf" key list --format csv
expect_status 0
expect_err <<END
verbund: Warnung: $T/v.conf:1: unbekannte Einstellung »foo« ignoriert
END
# an error of the allocation engine
ok service add wlan --name WLAN --key users
ok cost set wlan 2025 100
ok member set c --left 2024-12-31
ok member set a --left 2024-12-31
ok member set b --left 2024-12-31
run allocate --year 2025
expect_status 1
expect_err <<'END'
verbund: allocate: Leistung »wlan« hat Kosten in 2025, aber kein teilnehmendes Mitglied
END
ok cost remove wlan 2025
ok service remove wlan
ok member set a --left ''
ok member set b --left ''
ok member set c --left ''

# ---- table output: DD.MM.YYYY and 1.234,56 €; headers stay the CSV names
run member list --format table
expect_status 0
expect_out <<'END'
code  name        kind      status  joined      left  host   contact  email  phone  notes
----  ----------  --------  ------  ----------  ----  -----  -------  -----  -----  -----
a     Stadt A     gemeinde  member  01.01.2024        true
b     Gemeinde B  gemeinde  member  01.01.2024        false
c     Gemeinde C  gemeinde  member  01.07.2024        false
END
run member show c --format table
expect_status 0
grep -qxF 'joined:  01.07.2024' "$OUT" || fail "member show: joined is not DD.MM.YYYY"

run allocate --year 2024 --format table
expect_status 0
expect_out <<'END'
code   name           helpdesk        netz  transfers        total
-----  ----------  -----------  ----------  ---------  -----------
a      Stadt A      5.709,83 €  1.234,56 €     0,00 €   6.944,39 €
b      Gemeinde B   2.854,91 €  1.234,56 €     0,00 €   4.089,47 €
c      Gemeinde C   1.435,26 €      0,00 €     0,00 €   1.435,26 €
TOTAL              10.000,00 €  2.469,12 €     0,00 €  12.469,12 €
END
run cost list --format table
expect_status 0
expect_out <<'END'
service   year  basis        amount
--------  ----  ------  -----------
helpdesk  2024  actual  10.000,00 €
netz      2024  actual   2.469,12 €
END

# ---- machine formats do not change with the locale
for f in csv csv-de json md; do
	run member list --format "$f"
	expect_out_file "$T/members.$f"
	run allocate --year 2024 --format "$f"
	expect_out_file "$T/alloc.$f"
	run allocate --year 2024 --explain --format "$f"
	expect_out_file "$T/explain.$f"
	run cost list --format "$f"
	expect_out_file "$T/costs.$f"
done
grep -qxF 'a,Stadt A,5709.83,1234.56,0.00,6944.39' "$T/alloc.csv" || fail "allocate csv: $(cat "$T/alloc.csv")"

# ---- LC_MESSAGES=C: English messages, German numbers
LC_MESSAGES=C.UTF-8
export LC_MESSAGES
run frobnicate
expect_err <<'END'
verbund: unknown command 'frobnicate' (see 'verbund --help')
END
run cost list --format table
grep -qF '10.000,00 €' "$OUT" || fail "LC_MESSAGES=C changed the numbers: $(cat "$OUT")"
unset LC_MESSAGES

# ---- the C locale is as before: ISO dates, plain amounts
c_locale
run allocate --year 2024 --format table
grep -q '^a  *Stadt A  *5709\.83  *1234\.56  *0\.00  *6944\.39$' "$OUT" || fail "C locale table: $(cat "$OUT")"
run member list --format table
grep -q '^c  *Gemeinde C  *gemeinde  *member  *2024-07-01 ' "$OUT" || fail "C locale dates: $(cat "$OUT")"

finish
