#!/bin/sh
# A form for every kind of record: a key with fixed percentages, a
# service (its key chosen with Space) and its cost, a staff transfer, a
# grant, an agreement with a version and a signature, a subscription.
# Each result is checked through the batch mode.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
expect() {	# expect WHAT EXPECTED COMMAND…
	_what=$1 _want=$2
	shift 2
	_got=$("$@" 2>&1)
	[ "$_got" = "$_want" ] || { fail "$_what: got"; printf '%s\n' "$_got"; echo "want:"; printf '%s\n' "$_want"; }
}

tui_start --db g.db
wait_for " 7 members"

# a key with fixed percentages: method cycles equal -> fixed
keys 4
wait_for " 7 keys"
keys a
wait_for "─ Add key ─"
typein "halb"
keys Tab
typein "Halbe-halbe"
keys Tab Space
wait_field method "fixed"
keys Tab Tab Tab
typein "lk-gifhorn=50,sg-brome=50"
keys F2
wait_for "key halb added (u undoes)"
expect "key" "code,name,method,metric,offset,parts,exclude
halb,Halbe-halbe,fixed,,0,\"lk-gifhorn=50,sg-brome=50\"," vb --db g.db key show halb --format csv

# a service: Space offers the keys, typing works too
keys 3
wait_for " 7 services"
keys a
wait_for "─ Add service ─"
typein "it-sec"
keys Tab
typein "Informationssicherheit"
keys Tab Space
wait_field key "base"
keys Space
wait_field key "devices"
keys C-u
typein "halb"
keys F2
wait_for "service it-sec added (u undoes)"
expect "service" "code,name,key,unit,hours,subscription,standalone,description
it-sec,Informationssicherheit,halb,,,false,," vb --db g.db service show it-sec --format csv
# its cost, from the detail pane: the fields of 'cost set SERVICE YEAR AMOUNT'
keys w
wait_for "detail 1/1"
keys a
wait_for "─ Add cost ─"
wait_field service "it-sec"
keys Tab
typein "1234,56"
keys F2
wait_for "cost it-sec/2026/actual added (u undoes)"
expect "cost" "service,year,basis,amount
it-sec,2026,actual,1234.56" vb --db g.db cost list --service it-sec --format csv

# a staff transfer
keys 5
wait_for " 1 staff transfer "
keys a
wait_for "─ Add transfer ─"
typein "Erika Muster"
keys Tab
typein "sg-brome"
keys Tab
typein "lk-gifhorn"
keys Tab
typein "1.7.2025"
keys Tab
typein "30000"
keys Tab
typein "3"
keys F2
wait_for "transfer 2 added (u undoes)"
expect "transfer" "id,person,from,to,date,credit,years,fte,grade,notes
2,Erika Muster,sg-brome,lk-gifhorn,2025-07-01,30000.00,3,,," sh -c "'$VERBUND' --db g.db transfer list --format csv | grep -e ^id -e Erika"

# a grant: the fields of 'grant add'
keys 6
wait_for " 0 grants"
keys a
wait_for "─ Add grant ─"
typein "land"
keys Tab
typein "Landeszuschuss"
keys Tab
typein "150000"
keys Tab
typein "2025-01-01"
keys Tab
typein "2026-12-31"
keys Tab
typein "it-sec"
keys Tab
typein "Land Niedersachsen"
keys F2
wait_for "grant land added (u undoes)"
expect "grant" "code,name,source,amount,from,until,service
land,Landeszuschuss,Land Niedersachsen,150000.00,2025-01-01,2026-12-31,it-sec" vb --db g.db grant list --format csv

# an agreement, its first version and a signature
keys 2
wait_for " 1 agreement "
keys a
wait_for "─ Add agreement ─"
typein "zv-itsec"
keys Tab
typein "Zweckvereinbarung IT-Sicherheit"
keys Tab Space
wait_field type "oerv"
keys F2
wait_for "agreement zv-itsec added (u undoes)"
wait_for "No versions yet: a adds the first"
keys w a
wait_for "─ Add version ─"
wait_field number "1"
typein "2026-01-01"
keys Tab Tab
typein "5"
keys Tab
typein "6"
keys Tab Tab
typein "lk-gifhorn,sg-brome"
keys F2
wait_for "version zv-itsec/1 added (u undoes)"
wait_for "signed 0 of 2"
# the notice has a line of its own under the version; then the parties
wait_for "notice 6 months"
keys j j Enter
wait_for "─ Add signature ─"
wait_field member "lk-gifhorn"
wait_field date "2026-01-15"
typein "Dr. Andreas Ebel"
keys Tab
typein "Landrat"
keys F2
wait_for "signature zv-itsec/1/lk-gifhorn added (u undoes)"
wait_for "signed 1 of 2"
expect "agreement" "version,from,until,term_years,notice_months,text,member,signatory,role,signed
1,2026-01-01,,5,6,,lk-gifhorn,Dr. Andreas Ebel,Landrat,2026-01-15
1,2026-01-01,,5,6,,sg-brome,,," sh -c "'$VERBUND' --db g.db agreement show zv-itsec --format csv | cut -d, -f1-10"
# deleting the agreement takes its version and signature; one u brings
# all of it back in one step
keys w
keys d
wait_for "Delete agreement zv-itsec with its versions and signatures? (y/n)"
keys y
wait_for "agreement zv-itsec deleted (u undoes)"
expect "agreement gone" "verbund: agreement show: there is no agreement 'zv-itsec'" \
	sh -c "'$VERBUND' --db g.db agreement show zv-itsec --format csv 2>&1 | cut -d, -f1-10"
keys u
wait_for "undone: agreement zv-itsec removed (restored)"
expect "agreement restored" "version,from,until,term_years,notice_months,text,member,signatory,role,signed
1,2026-01-01,,5,6,,lk-gifhorn,Dr. Andreas Ebel,Landrat,2026-01-15
1,2026-01-01,,5,6,,sg-brome,,," sh -c "'$VERBUND' --db g.db agreement show zv-itsec --format csv | cut -d, -f1-10"

# a subscription from the member's detail pane
keys 1
wait_for " 7 members"
keys w /
typein "Subscr"
keys Enter
keys a
wait_for "─ Add subscription ─"
wait_field from "2026-01-15"
typein "homeoffice"
keys Tab C-u
typein "2020-01-01"
keys Tab
typein "2020-12-31"
keys F2
wait_for "subscription gm-sassenburg/homeoffice/2020-01-01 added (u undoes)"
expect "subscription" "member,service,from,until
gm-sassenburg,homeoffice,2020-01-01,2020-12-31
gm-sassenburg,homeoffice,2021-01-01,2023-06-30
gm-sassenburg,homeoffice,2025-01-01," vb --db g.db subscription list --member gm-sassenburg --format csv
keys q
wait_exit 0
finish
