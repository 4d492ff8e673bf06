#!/bin/sh
# export: the whole federation as JSON, one kind as CSV; the round trip
# export -> import all -> export; the formula-injection quote.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
D=$T/data
mkdir "$D"

# A federation with every kind of record and texts that need care:
# quotes, separators, line breaks, tabs, umlauts, and names that begin
# with = + - @ (a code may begin with - too).
ok member add lk --name 'Landkreis "Nord"' --kind landkreis --joined 2017-01-01 \
	--contact 'Frau Ä' --email lk@example.org --phone '+49 1' \
	--notes "$(printf 'Zeile 1\nZeile 2\tTab')"
ok member add --name '=SUMME(A1)' --status pilot --joined 2020-03-01 -- -x
ok member add b --name '@Gemeinde; B' --status former --joined 2017-01-01 --left 2023-12-31 --contact '-Herr B'
ok member add c --name "'=zitiert" --status prospective
ok figure set --new-metric lk users 2024 100
ok figure set --new-metric -- -x users 2024 50.25
ok figure set --new-metric lk population 2023 12345.6789
ok key add users --name Nutzer --metric users
ok key add pop --name '+Einwohner' --metric population --offset -1
ok key add eq --name Gleich --equal --exclude lk
ok key add fx --name Fest --fixed lk=30,-x=70
ok key add mix --name Mix --composite eq=50,pop=50 --exclude b
ok service add helpdesk --name Helpdesk --key users --unit 'pro AP' --hours 'Mo–Fr' \
	--standalone 1234.5 --description "$(printf 'Tickets\nTelefon')"
ok service add wlan --name '-WLAN' --key mix --subscription
ok cost set helpdesk 2024 10000
ok cost set helpdesk 2024 9500.5 --basis plan
ok cost set wlan 2024 0,01
ok subscribe --from 2024-01-01 -- -x wlan
ok subscribe lk wlan --from 2024-01-01 --until 2024-06-30
ok grant add hessen --name Zuwendung --source '=Land' --amount 1000 --from 2024-01-01 --until 2025-12-31 --service wlan
ok grant add all --name Alle --amount 0.5 --from 2024-01-01 --until 2024-12-31
ok transfer add --person '@N. N.' --from b --to lk --date 2020-03-01 --credit 52000 --years 5 \
	--fte 0.75 --grade 'EG 9b' --notes "$(printf 'a\nb')"
ok agreement add zv --title '=ZV' --type oerv
ok agreement version zv --from 2017-01-01 --term 5 --notice 6 --text 'https://example.org/a,b' --parties lk,b
ok agreement sign zv 1 lk --by 'Dr. E' --role Landrat --date 2016-12-01

# --- the whole federation: JSON, no quotes added ----------------------------
run export
expect_status 0
no_err
expect_out <<'EOF'
{
  "verbund": 1,
  "federation": {
    "name": "Test",
    "notes": null
  },
  "members": [
    {"code": "-x", "name": "=SUMME(A1)", "kind": "gemeinde", "status": "pilot", "joined": "2020-03-01", "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": null},
    {"code": "b", "name": "@Gemeinde; B", "kind": "gemeinde", "status": "former", "joined": "2017-01-01", "left": "2023-12-31", "host": false, "contact": "-Herr B", "email": null, "phone": null, "notes": null},
    {"code": "c", "name": "'=zitiert", "kind": "gemeinde", "status": "prospective", "joined": null, "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": null},
    {"code": "lk", "name": "Landkreis \"Nord\"", "kind": "landkreis", "status": "member", "joined": "2017-01-01", "left": null, "host": true, "contact": "Frau Ä", "email": "lk@example.org", "phone": "+49 1", "notes": "Zeile 1\nZeile 2\tTab"}
  ],
  "keys": [
    {"code": "eq", "name": "Gleich", "method": "equal", "metric": null, "offset": 0, "parts": [], "exclude": ["lk"]},
    {"code": "fx", "name": "Fest", "method": "fixed", "metric": null, "offset": 0, "parts": [{"member": "-x", "percent": 70}, {"member": "lk", "percent": 30}], "exclude": []},
    {"code": "mix", "name": "Mix", "method": "composite", "metric": null, "offset": 0, "parts": [{"key": "eq", "weight": 50}, {"key": "pop", "weight": 50}], "exclude": ["b"]},
    {"code": "pop", "name": "+Einwohner", "method": "metric", "metric": "population", "offset": -1, "parts": [], "exclude": []},
    {"code": "users", "name": "Nutzer", "method": "metric", "metric": "users", "offset": 0, "parts": [], "exclude": []}
  ],
  "services": [
    {"code": "helpdesk", "name": "Helpdesk", "key": "users", "unit": "pro AP", "hours": "Mo–Fr", "subscription": false, "standalone_cents": 123450, "description": "Tickets\nTelefon"},
    {"code": "wlan", "name": "-WLAN", "key": "mix", "unit": null, "hours": null, "subscription": true, "standalone_cents": null, "description": null}
  ],
  "figures": [
    {"member": "-x", "metric": "users", "year": 2024, "value": 50.25},
    {"member": "lk", "metric": "population", "year": 2023, "value": 12345.6789},
    {"member": "lk", "metric": "users", "year": 2024, "value": 100}
  ],
  "costs": [
    {"service": "helpdesk", "year": 2024, "basis": "actual", "amount_cents": 1000000},
    {"service": "helpdesk", "year": 2024, "basis": "plan", "amount_cents": 950050},
    {"service": "wlan", "year": 2024, "basis": "actual", "amount_cents": 1}
  ],
  "subscriptions": [
    {"member": "-x", "service": "wlan", "from": "2024-01-01", "until": null},
    {"member": "lk", "service": "wlan", "from": "2024-01-01", "until": "2024-06-30"}
  ],
  "grants": [
    {"code": "all", "name": "Alle", "source": null, "amount_cents": 50, "from": "2024-01-01", "until": "2024-12-31", "service": null},
    {"code": "hessen", "name": "Zuwendung", "source": "=Land", "amount_cents": 100000, "from": "2024-01-01", "until": "2025-12-31", "service": "wlan"}
  ],
  "transfers": [
    {"person": "@N. N.", "from": "b", "to": "lk", "date": "2020-03-01", "credit_cents": 5200000, "years": 5, "fte": 0.75, "grade": "EG 9b", "notes": "a\nb"}
  ],
  "agreements": [
    {"code": "zv", "title": "=ZV", "type": "oerv", "notes": null, "versions": [{"number": 1, "from": "2017-01-01", "until": null, "term_years": 5, "notice_months": 6, "text": "https://example.org/a,b", "parties": ["lk", "b"], "signatures": [{"member": "lk", "signatory": "Dr. E", "role": "Landrat", "date": "2016-12-01"}]}]}
  ]
}
EOF
cp "$OUT" "$D/all.json"
# "all" and --format json say the same
run export all --format json
expect_out_file "$D/all.json"

# --- one kind as CSV: the columns of the contract, ' before = + - @ --------
run export members --format csv
expect_status 0
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
'-x,'=SUMME(A1),gemeinde,pilot,2020-03-01,,false,,,,
b,'@Gemeinde; B,gemeinde,former,2017-01-01,2023-12-31,false,'-Herr B,,,
c,''=zitiert,gemeinde,prospective,,,false,,,,
lk,"Landkreis ""Nord""",landkreis,member,2017-01-01,,true,Frau Ä,lk@example.org,'+49 1,"Zeile 1
Zeile 2	Tab"
EOF
cp "$OUT" "$D/members.csv"
# CSV is the default for a kind when stdout is not a terminal
run export members
expect_out_file "$D/members.csv"
run export figures --format csv
expect_out <<'EOF'
member,metric,year,value
'-x,users,2024,50.25
lk,population,2023,12345.6789
lk,users,2024,100
EOF
cp "$OUT" "$D/figures.csv"
run export services --format csv
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone
helpdesk,Helpdesk,users,pro AP,Mo–Fr,false,1234.50
wlan,'-WLAN,mix,,,true,
EOF
cp "$OUT" "$D/services.csv"
run export costs --format csv
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,actual,10000.00
helpdesk,2024,plan,9500.50
wlan,2024,actual,0.01
EOF
cp "$OUT" "$D/costs.csv"
run export subscriptions --format csv
expect_out <<'EOF'
member,service,from,until
'-x,wlan,2024-01-01,
lk,wlan,2024-01-01,2024-06-30
EOF
cp "$OUT" "$D/subscriptions.csv"
run export grants --format csv
expect_out <<'EOF'
code,name,source,amount,from,until,service
all,Alle,,0.50,2024-01-01,2024-12-31,
hessen,Zuwendung,'=Land,1000.00,2024-01-01,2025-12-31,wlan
EOF
cp "$OUT" "$D/grants.csv"
run export transfers --format csv
expect_out <<'EOF'
person,from,to,date,credit,years,fte,grade,notes
'@N. N.,b,lk,2020-03-01,52000.00,5,0.75,EG 9b,"a
b"
EOF
cp "$OUT" "$D/transfers.csv"
run export keys --format json
expect_status 0
expect_out <<'EOF'
[
  {"code": "eq", "name": "Gleich", "method": "equal", "metric": null, "offset": 0, "parts": [], "exclude": ["lk"]},
  {"code": "fx", "name": "Fest", "method": "fixed", "metric": null, "offset": 0, "parts": [{"member": "-x", "percent": 70}, {"member": "lk", "percent": 30}], "exclude": []},
  {"code": "mix", "name": "Mix", "method": "composite", "metric": null, "offset": 0, "parts": [{"key": "eq", "weight": 50}, {"key": "pop", "weight": 50}], "exclude": ["b"]},
  {"code": "pop", "name": "+Einwohner", "method": "metric", "metric": "population", "offset": -1, "parts": [], "exclude": []},
  {"code": "users", "name": "Nutzer", "method": "metric", "metric": "users", "offset": 0, "parts": [], "exclude": []}
]
EOF
cp "$OUT" "$D/keys.json"
run export keys --format csv
expect_status 0
cp "$OUT" "$D/keys.csv"
run export agreements
expect_status 0
expect_out <<'EOF'
[
  {"code": "zv", "title": "=ZV", "type": "oerv", "notes": null, "versions": [{"number": 1, "from": "2017-01-01", "until": null, "term_years": 5, "notice_months": 6, "text": "https://example.org/a,b", "parties": ["lk", "b"], "signatures": [{"member": "lk", "signatory": "Dr. E", "role": "Landrat", "date": "2016-12-01"}]}]}
]
EOF
cp "$OUT" "$D/agreements.json"

# --- usage errors -------------------------------------------------------------
run export --format csv
expect_status 2
no_out
expect_err <<'EOF'
verbund: export: the whole federation is exported as JSON; name a kind for CSV (see 'verbund help export')
EOF
run export agreements --format csv
expect_status 2
expect_err <<'EOF'
verbund: export: agreements are exported as JSON only (see 'verbund help export')
EOF
run export bogus
expect_status 2
expect_err <<'EOF'
verbund: export: unknown kind 'bogus' (see 'verbund help export')
EOF
run export member
expect_status 2
expect_err <<'EOF'
verbund: export: unknown kind 'member' (see 'verbund help export')
EOF
run export members extra
expect_status 2
expect_err <<'EOF'
verbund: export: unexpected argument 'extra' (see 'verbund help export')
EOF
run export --format xml
expect_status 2
expect_err <<'EOF'
verbund: export: unknown format 'xml' (table, csv, csv-de, json, md) (see 'verbund help export')
EOF

# --- round trip: export -> import all into a new file -> export ------------
# byte-identical except the federation's name (import all never renames)
NEW=$T/new.db
"$VERBUND" -q --db "$NEW" init --name 'Ganz anders' || fail "init $NEW"
run --db "$NEW" import all "$D/all.json"
expect_status 0
no_out
expect_err <<EOF
verbund: imported 23 records from $D/all.json
EOF
run --db "$NEW" export
sed 's/^    "name": "Test",$/    "name": "Ganz anders",/' "$D/all.json" >"$D/all-renamed.json"
expect_out_file "$D/all-renamed.json"
# importing the same export again changes nothing and adds nothing
run --db "$NEW" import all "$D/all.json"
expect_status 0
run --db "$NEW" export
expect_out_file "$D/all-renamed.json"

# --- round trip of the CSV of each kind (the ' goes again) -----------------
NEW2=$T/new2.db
"$VERBUND" -q --db "$NEW2" init --name Test || fail "init $NEW2"
for kind in members figures; do
	run --db "$NEW2" import $kind --new-metrics "$D/$kind.csv"
	expect_status 0
done
run --db "$NEW2" import keys "$D/keys.json"
expect_status 0
for kind in services costs subscriptions grants transfers; do
	run --db "$NEW2" import $kind "$D/$kind.csv"
	expect_status 0
done
run --db "$NEW2" import agreements "$D/agreements.json"
expect_status 0
run --db "$NEW2" export
# the CSV leaves out a service's description; everything else is back
sed 's/"description": "Tickets\\nTelefon"/"description": null/' "$D/all.json" >"$D/all-csv.json"
expect_out_file "$D/all-csv.json"
for kind in members figures services costs subscriptions grants transfers; do
	run --db "$NEW2" export $kind --format csv
	expect_out_file "$D/$kind.csv"
done

# the same with csv-de (BOM, ';', decimal comma, CRLF)
NEW5=$T/new5.db
"$VERBUND" -q --db "$NEW5" init --name Test || fail "init $NEW5"
for kind in members figures keys services costs subscriptions grants transfers; do
	if [ $kind = keys ]; then
		run --db "$NEW5" import keys "$D/keys.json"
		expect_status 0
		continue
	fi
	"$VERBUND" export $kind --format csv-de >"$D/$kind.de.csv"
	run --db "$NEW5" import $kind --new-metrics "$D/$kind.de.csv"
	expect_status 0
done
ok --db "$NEW5" import agreements "$D/agreements.json"
run --db "$NEW5" export
expect_out_file "$D/all-csv.json"

# import all never deletes: an export with fewer records adds and updates
printf '{"verbund": 1, "members": [{"code": "neu", "name": "Neu"}, {"code": "c", "name": "C"}]}' >"$D/few.json"
run --db "$NEW5" import all "$D/few.json"
expect_status 0
run --db "$NEW5" member list --format csv
cut -d, -f1,2 "$OUT" | head -n 4 >"$T/got"
expect_file "$T/got" <<'EOF'
code,name
'-x,'=SUMME(A1)
b,'@Gemeinde; B
c,C
EOF
run --db "$NEW5" export figures --format csv
expect_out_file "$D/figures.csv"

# the CSV of keys imports back too (a composite before its parts)
NEW3=$T/new3.db
"$VERBUND" -q --db "$NEW3" init --name Test || fail "init $NEW3"
ok --db "$NEW3" import members "$D/members.csv"
run --db "$NEW3" import keys "$D/keys.csv"
expect_status 0
run --db "$NEW3" export keys --format json
expect_out_file "$D/keys.json"

# --- a demo federation round-trips too ----------------------------------------
DEMO=$T/demo.db
"$VERBUND" -q --db "$DEMO" demo gifhorn || fail "demo gifhorn"
"$VERBUND" --db "$DEMO" export >"$D/demo.json"
NEW4=$T/new4.db
"$VERBUND" -q --db "$NEW4" init --name Kopie || fail "init $NEW4"
run --db "$NEW4" import all "$D/demo.json"
expect_status 0
run --db "$NEW4" export
# the federation's name and notes stay those of the new file
awk 'NR == 4 { print "    \"name\": \"Kopie\","; next }
     NR == 5 { print "    \"notes\": null"; next } { print }' "$D/demo.json" >"$D/demo-renamed.json"
expect_out_file "$D/demo-renamed.json"

finish
