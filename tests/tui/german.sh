#!/bin/sh
# The TUI in German at 80x24, as the program runs from its build tree
# (no VERBUND_LOCALEDIR: the catalogue make put beside it): every view
# speaks German, shows amounts and percentages with decimal commas, cuts
# no number, and keeps every key of the key line, `q` included.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	echo "SKIP: the locale de_DE.UTF-8 is not generated (locale -a)"
	exit 77
fi
if [ ! -f "$(dirname "$VERBUND")/locale/de/LC_MESSAGES/verbund.mo" ]; then
	echo "SKIP: no catalogue in the build tree (built without NLS or msgfmt)"
	exit 77
fi

vb --db g.db -q demo gifhorn || exit 1
unset LC_ALL VERBUND_LOCALEDIR LANGUAGE
LANG=de_DE.UTF-8
export LANG

# a number cut by "…" (127.628,… or 2.919.9…), or a key line without q
no_cut_number() {
	if screen | grep -q '[0-9][.,]*…'; then
		fail "$1: a number is cut"
	fi
	line 23 | grep -q ' q beenden$\| q$' || fail "$1: the key line lacks q: [$(line 23)]"
}

tui_start --db g.db
wait_for " 7 Mitglieder"
wait_for "Kürzel            Name"
wait_for " a neu e bearbeiten d löschen w / suchen s x exportieren ? Hilfe q beenden"
wait_for "01.01.2017"
no_cut_number Mitglieder
keys 2
wait_for " 1 Vereinbarung "
wait_for "Fassung 2"
# dates in periods and signatures as German writes them
wait_for "01.03.2020 – unbefristet"
wait_for "  lk-gifhorn        Dr. Andreas Ebel, Landrat                         27.02.2020"
no_cut_number Vereinbarungen
keys 3
wait_for " 7 Leistungen"
wait_for "Kosten (a fügt ein Jahr hinzu)"
wait_for "  2026       Plan 594.500,00"
no_cut_number Leistungen
# the subscriptions' periods in German dates, not cut
keys j j w G
wait_for "  gm-sassenburg                     01.01.2021 – 30.06.2023"
wait_for "  lk-gifhorn                        01.04.2020 – offen"
keys w
keys 4
wait_for " 7 Schlüssel"
wait_for "Methode"
no_cut_number Schlüssel
keys 5
wait_for " 1 Personalübergang "
wait_for "Gutschrift      52.000,00"
wait_for "Datum           01.03.2020"
no_cut_number Personalübergänge
keys 6
wait_for " 0 Zuwendungen"
no_cut_number Zuwendungen
keys 7
wait_for "Ist: 7 Mitglieder, Summe"
keys y C-u
typein 2024
keys Enter
wait_for " 2024, Ist: 7 Mitglieder, Summe 2.766.703,06 EUR"
wait_line 4 "lk-gifhorn        1.239.238,67 ██████▎          44,8 %   268.109,27  120.847,78"
wait_for "TOTAL             2.766.703,06                           572.762,93  258.929,86"
wait_for " y Jahr b Basis c Vergleich w / suchen s x exportieren ? Hilfe q beenden"
no_cut_number Umlage
keys 8
wait_for " ab 15.01.2026 innerhalb von 90 Tagen"
no_cut_number Fristen
keys 9
wait_for "Änderungen, neueste zuerst"
no_cut_number Protokoll
# the next column does not fit: the code column takes the room left
wait_for " signature   oerv-it-verbund/2/sg-hankensbu…"
wait_for " signature   oerv-it-verbund/2/sg-meinersen"
keys q
wait_exit 0
finish
