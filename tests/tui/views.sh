#!/bin/sh
# Every view opens by its number and by Tab/Shift-Tab: members,
# agreements with versions and signatures, services with costs, keys,
# transfers, grants, the allocation (year and basis, totals as the
# batch mode computes them), deadlines and the audit log.  Ctrl-L shows
# what a batch command changed while the TUI had the file open.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
vb --db g.db -q grant add land --name "Landeszuschuss" --amount 1000 --from 2025-01-01 --until 2026-02-28 || exit 1
vb --db g.db -q agreement version oerv-it-verbund --from 2026-04-01 --parties lk-gifhorn,sg-brome || exit 1
total() {	# the TOTAL of 'allocate' for year $1 and basis $2
	vb --db g.db allocate --year "$1" --basis "$2" --format csv | tail -n 1 | awk -F, '{print $NF}'
}

tui_start --db g.db
wait_for " 7 members"
keys 2
wait_for " 1 agreement "
wait_line 3 "oerv-it-verbund oerv Öffentlich-rechtliche Vereinbarung über den IT-Verbund im …"
# the newest version first, with its parties and who signed
wait_line 14 "Version 3           2026-04-01 – open; signed 0 of 2"
wait_line 15 "  lk-gifhorn        not signed (Enter records it)"
wait_line 17 "Version 2           2020-03-01 – open; signed 7 of 7"
wait_line 18 "                    notice 12 months"
wait_line 19 "  lk-gifhorn        Dr. Andreas Ebel, Landrat                         2020-02-27"
# w goes to the detail pane, G to its last row
keys w G
wait_cursor 21 0
wait_line 21 "notes               Quelle 003: auf Dauer angelegte öffentlich-recht…"
keys w

keys 3
wait_for " 7 services"
wait_line 7 "rechenzentrum Gemeinsames Rechenzentrum      rz"
wait_line 14 "Costs (a adds a year)"
wait_line 20 "  2024      actual 572762.93"

keys 4
wait_for " 7 keys"
wait_line 6 "rz         composite Rechenzentrum: 30 % Sockelbetrag…                      0"
keys j j j
wait_line 14 "method  a weighted mix of other keys"
wait_line 15 "parts     base                                      30 %"
wait_line 16 "          users                                     70 %"
wait_line 17 "used by   rechenzentrum (Gemeinsames Rechenzentrum)"

keys 5
wait_for " 1 staff transfer "
wait_line 3 " 1 N. N. (Mitarbeiter der… sg-hankensbuet… lk-gifhorn 2020-03-01 52000.00      5"
wait_line 15 "person         N. N. (Mitarbeiter der Samtgemeinde Hankensbüttel)"

keys 6
wait_for " 1 grant "
wait_line 3 "land Landeszuschuss 1000.00 2025-01-01 2026-02-28"
wait_line 21 "part by year 2025           860.85 EUR"

# the allocation: the latest year with actual costs first
keys 7
wait_for " 2026, actual: 7 members, total $(total 2026 actual) EUR"
wait_for "TOTAL"
wait_for " y year  b basis  c compare  w pane  / search  s sort  x export  ? help  q quit"
keys y
wait_for "Year of the allocation: 2026"
keys C-u
typein "2024"
keys Enter
wait_for " 2024, actual: 7 members, total 2766703.06 EUR"
[ "$(total 2024 actual)" = 2766703.06 ] || fail "the batch mode's total differs"
wait_line 2 "code                   total share                   arbeitsplatz   helpdesk   ▸"
wait_line 3 "gm-sassenburg      210274.31 █                 7.6 %     39706.88   18480.16"
wait_line 4 "lk-gifhorn        1239238.67 ██████▎          44.8 %    268109.27  120847.78"
wait_line 12 "TOTAL             2766703.06                            572762.93  258929.86"
wait_line 14 "  arbeitsplatz  Endgeräte Verwaltung    39706.88 366 days, key devices"
keys b
wait_for " 2024, plan: 7 members, total $(total 2024 plan) EUR"
keys y C-u
typein "20x4"
keys Enter
wait_for "\"20x4\" is not a year"

keys 8
wait_for " 3 deadlines from 2026-01-15 within 90 days"
wait_line 3 "2026-02-28   44 grant-ends grant/land              grant period of 'Landeszusch…"
wait_line 18 "description grant period of 'Landeszuschuss' ends"

keys 9
wait_for " $(($(vb --db g.db log --format csv | wc -l) - 1)) changes, newest first"
wait_for "add    version     oerv-it-verbund/3"
wait_for "after  {\"agreement\": \"oerv-it-verbund\", \"number\": 3, \"from\": \"2026-04-01\","

# Tab and Shift-Tab go round
keys Tab
wait_for " 7 members"
keys BTab
wait_for "changes, newest first"
keys BTab
wait_for "deadlines from 2026-01-15"

# a batch command works while the TUI has the file open; Ctrl-L shows it
keys 1
wait_for " 7 members"
vb --db g.db -q member add extern --name "Von außen" || fail "the batch mode cannot write while the TUI is open"
keys j
wait_for "2/7"
keys C-l
wait_for "reread the database"
wait_line 3 "extern            Von außen                  gemeinde     member"
# the selection stays on its member
wait_cursor 5 0
wait_line 5 "lk-gifhorn        Landkreis Gifhorn          landkreis    member 2017-01-01"
keys q
wait_exit 0
finish
