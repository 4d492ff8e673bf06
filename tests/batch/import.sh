#!/bin/sh
# import: every CSV kind, ',' and ';', BOM, CRLF, RFC 4180 quoting,
# updates, JSON of a kind, '-' from a pipe, and errors that name file,
# line and column and change nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
D=$T/data
mkdir "$D"

# --- members: ',' with RFC 4180 quotes and an embedded line break ---------
cat >"$D/members.csv" <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,,,,
st-a,"Stadt ""A"", Mitte",stadt,member,1.1.2017,,false,Frau Ä,a@example.org,'+49 1,"zwei
Zeilen"
sg-b,Samtgemeinde B,samtgemeinde,pilot,2020-03-01,,,,,,
EOF
run import members "$D/members.csv"
expect_status 0
no_out
expect_err <<EOF
verbund: imported 3 records from $D/members.csv
EOF
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,,,,
sg-b,Samtgemeinde B,samtgemeinde,pilot,2020-03-01,,false,,,,
st-a,"Stadt ""A"", Mitte",stadt,member,2017-01-01,,false,Frau Ä,a@example.org,'+49 1,"zwei
Zeilen"
EOF
run member show st-a --format json
expect_out <<'EOF'
{
  "code": "st-a",
  "name": "Stadt \"A\", Mitte",
  "kind": "stadt",
  "status": "member",
  "joined": "2017-01-01",
  "left": null,
  "host": false,
  "contact": "Frau Ä",
  "email": "a@example.org",
  "phone": "+49 1",
  "notes": "zwei\nZeilen"
}
EOF

# --- an update: columns in another order, missing columns keep their
# values, empty cells clear them; ';' with a BOM and CRLF ---------------
printf '\357\273\277notes;phone;code;status\r\n;;st-a;former\r\nneu;;sg-b;member\r\n' >"$D/update.csv"
run import members "$D/update.csv"
expect_status 0
expect_err <<EOF
verbund: imported 2 records from $D/update.csv
EOF
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,,,,
sg-b,Samtgemeinde B,samtgemeinde,member,2020-03-01,,false,,,,neu
st-a,"Stadt ""A"", Mitte",stadt,former,2017-01-01,,false,Frau Ä,a@example.org,,
EOF
# the host role moves only to a member marked true, wherever it is in the file
printf 'code,host\nlk,false\nsg-b,true\n' >"$D/host.csv"
ok import members "$D/host.csv"
printf 'code,host\nlk,true\nsg-b,false\n' >"$D/host2.csv"
ok import members "$D/host2.csv"
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,,,,
sg-b,Samtgemeinde B,samtgemeinde,member,2020-03-01,,false,,,,neu
st-a,"Stadt ""A"", Mitte",stadt,former,2017-01-01,,false,Frau Ä,a@example.org,,
EOF

# --- figures: ';', decimal comma, CRLF, blank lines ----------------------
printf 'member;metric;year;value\r\nlk;users;2024;100\r\n\r\nst-a;users;2024;50,5\r\nsg-b;population;2023;1234.5678\r\n' >"$D/figures.csv"
# a metric that no key reads is refused (the line named), then accepted
snapshot
run import figures "$D/figures.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/figures.csv:2: no key reads metric 'users' (--new-metrics accepts it)
EOF
unchanged
ok key add users --name Nutzer --metric users
snapshot
run import figures "$D/figures.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/figures.csv:5: no key reads metric 'population' (--new-metrics accepts it)
EOF
unchanged
printf '[{"member": "lk", "metric": "userz", "year": 2024, "value": 1}]' >"$D/figures.json"
run import figures "$D/figures.json"
expect_status 1
expect_err <<EOF
verbund: import: $D/figures.json:1: no key reads metric 'userz'; did you mean 'users'? (--new-metrics accepts it)
EOF
unchanged
ok key remove users
run import figures --new-metrics "$D/figures.csv"
expect_status 0
expect_err <<EOF
verbund: imported 3 records from $D/figures.csv
EOF
run figure list --format csv
expect_out <<'EOF'
member,metric,year,value
lk,users,2024,100
sg-b,population,2023,1234.5678
st-a,users,2024,50.5
EOF

# --- keys: JSON as export writes it, a composite before its part ---------
cat >"$D/keys.json" <<'EOF'
[
  {"code": "isb", "name": "ISB", "method": "composite", "metric": null, "offset": 0,
   "parts": [{"key": "eq", "weight": 50}, {"key": "fx", "weight": 50}], "exclude": []},
  {"code": "eq", "name": "Gleich", "method": "equal", "exclude": ["lk"]},
  {"code": "fx", "name": "Fest", "method": "fixed", "parts": [{"member": "lk", "percent": 30}, {"member": "st-a", "percent": 70}]},
  {"code": "users", "name": "Nutzer", "method": "metric", "metric": "users", "offset": -1}
]
EOF
run import keys "$D/keys.json"
expect_status 0
expect_err <<EOF
verbund: imported 4 records from $D/keys.json
EOF
run key list --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
eq,Gleich,equal,,0,,lk
fx,Fest,fixed,,0,"lk=30,st-a=70",
isb,ISB,composite,,0,"eq=50,fx=50",
users,Nutzer,metric,users,-1,,
EOF

# --- services, costs, subscriptions, grants, transfers --------------------
cat >"$D/services.csv" <<'EOF'
code,name,key,unit,hours,subscription,standalone
helpdesk,Helpdesk,users,pro Arbeitsplatz,Mo–Fr,false,"1234,50"
wlan,WLAN,eq,,24/7,true,
isb,Informationssicherheit,isb,,,,21000 EUR
EOF
run import services "$D/services.csv"
expect_status 0
expect_err <<EOF
verbund: imported 3 records from $D/services.csv
EOF
run service list --format csv
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone,description
helpdesk,Helpdesk,users,pro Arbeitsplatz,Mo–Fr,false,1234.50,
isb,Informationssicherheit,isb,,,false,21000.00,
wlan,WLAN,eq,,24/7,true,,
EOF
# an empty basis is actual; amounts as on the command line
cat >"$D/costs.csv" <<'EOF'
service,year,basis,amount
helpdesk,2024,,10000
helpdesk,2024,plan,9500.5
wlan,2024,actual,7€
isb,2024,plan,EUR 42000
EOF
run import costs "$D/costs.csv"
expect_status 0
expect_err <<EOF
verbund: imported 4 records from $D/costs.csv
EOF
# without a basis column every cost is actual; a decimal comma in a
# ',' file is quoted
printf 'service,year,amount\nisb,2024,"41000,00"\n' >"$D/costs2.csv"
run import costs "$D/costs2.csv"
expect_status 0
run cost list --format csv
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,actual,10000.00
helpdesk,2024,plan,9500.50
isb,2024,actual,41000.00
isb,2024,plan,42000.00
wlan,2024,actual,7.00
EOF
cat >"$D/subscriptions.csv" <<'EOF'
member,service,from,until
st-a,wlan,2024-01-01,
sg-b,wlan,1.1.2023,31.12.2023
sg-b,wlan,2024-07-01,
EOF
run import subscriptions "$D/subscriptions.csv"
expect_status 0
expect_err <<EOF
verbund: imported 3 records from $D/subscriptions.csv
EOF
run subscription list --format csv
expect_out <<'EOF'
member,service,from,until
sg-b,wlan,2023-01-01,2023-12-31
sg-b,wlan,2024-07-01,
st-a,wlan,2024-01-01,
EOF
cat >"$D/grants.csv" <<'EOF'
code,name,source,amount,from,until,service
hessen,Zuwendung,Land Hessen,150000,2023-01-01,2027-12-31,isb
bund,"=Bund, alle Leistungen",'@Bund,1000,2024-01-01,2024-12-31,
EOF
run import grants "$D/grants.csv"
expect_status 0
expect_err <<EOF
verbund: imported 2 records from $D/grants.csv
EOF
run grant list --format csv
expect_out <<'EOF'
code,name,source,amount,from,until,service
bund,"'=Bund, alle Leistungen",'@Bund,1000.00,2024-01-01,2024-12-31,
hessen,Zuwendung,Land Hessen,150000.00,2023-01-01,2027-12-31,isb
EOF
run grant list --format json
expect_out <<'EOF'
[
  {"code": "bund", "name": "=Bund, alle Leistungen", "source": "@Bund", "amount_cents": 100000, "from": "2024-01-01", "until": "2024-12-31", "service": null},
  {"code": "hessen", "name": "Zuwendung", "source": "Land Hessen", "amount_cents": 15000000, "from": "2023-01-01", "until": "2027-12-31", "service": "isb"}
]
EOF
cat >"$D/transfers.csv" <<'EOF'
person,from,to,date,credit,years,fte,grade,notes
N. N.,sg-b,lk,2020-03-01,52000,5,1,EG 9b TVöD,
EOF
run import transfers "$D/transfers.csv"
expect_status 0
expect_err <<EOF
verbund: imported 1 record from $D/transfers.csv
EOF
# the same identity again updates the transfer, it adds none
printf 'person,from,to,date,credit\nN. N.,sg-b,lk,2020-03-01,"52000,50"\n' >"$D/transfers2.csv"
ok import transfers "$D/transfers2.csv"
run transfer list --format csv
expect_out <<'EOF'
id,person,from,to,date,credit,years,fte,grade,notes
1,N. N.,sg-b,lk,2020-03-01,52000.50,5,1,EG 9b TVöD,
EOF

# --- keys as CSV (as "export keys" writes them): a composite before
# its parts -----------------------------------------------------------------
cat >"$D/keys.csv" <<'EOF'
code,name,method,metric,offset,parts,exclude
mix,Mix,composite,,0,"users=50,pop=50",sg-b
pop,Einwohner,metric,population,-1,,
EOF
run import keys "$D/keys.csv"
expect_status 0
expect_err <<EOF
verbund: imported 2 records from $D/keys.csv
EOF
run key show mix --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
mix,Mix,composite,,0,"users=50,pop=50",sg-b
EOF

# --- '-' reads a pipe -------------------------------------------------------
printf 'member,metric,year,value\nlk,devices,2024,7\n' | run import figures --new-metrics -
expect_status 0
expect_err <<'EOF'
verbund: imported 1 record from <stdin>
EOF
run figure list --metric devices --format csv
expect_out <<'EOF'
member,metric,year,value
lk,devices,2024,7
EOF

# --- JSON of a kind -------------------------------------------------------
cat >"$D/costs.json" <<'EOF'
[
  {"service": "wlan", "year": 2025, "basis": "plan", "amount_cents": 12345}
]
EOF
ok import costs "$D/costs.json"
run cost list --year 2025 --format csv
expect_out <<'EOF'
service,year,basis,amount
wlan,2025,plan,123.45
EOF
run export members --format json
cp "$OUT" "$D/members.json"
ok agreement add zv --title 'Zweckvereinbarung'
ok agreement version zv --from 2017-01-01 --parties lk,st-a
ok agreement sign zv 1 lk --by Landrat --date 2016-12-01
run export agreements
cp "$OUT" "$D/agreements.json"

# --- errors: file, line (where the record starts), column; nothing changes --
snapshot
check_error() { # FILE CONTENT(printf format) EXPECTED-MESSAGE; kind in $KIND
	printf "$2" >"$D/$1"
	run import "$KIND" "$D/$1"
	expect_status 1
	no_out
	printf 'verbund: import: %s%s\n' "$D/$1" "$3" | expect_err
}
KIND=members
# a quoted line break moves the later records down
check_error lines.csv 'code,name,notes\nx1,X,"eins\nzwei\ndrei"\nx2,"Y\n",n\n' \
	':5: column '\''name'\'': "Y\x0a" contains a control character'
check_error date.csv 'code,name,joined\nx1,X,2023-02-30\n' \
	":2: column 'joined': \"2023-02-30\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"
check_error kind.csv 'code,name,kind\nx1,X,dorf\n' \
	":2: column 'kind': \"dorf\" is not one of: landkreis, stadt, gemeinde, samtgemeinde, landschaftsverband, zweckverband, other"
check_error code.csv 'code,name\nX1,X\n' \
	":2: column 'code': \"X1\" is not a valid code (1–32 characters a–z, 0–9, _ and -)"
check_error ctrl.csv 'code,name\nx1,"a\033b"\n' \
	":2: column 'name': \"a\\x1bb\" contains a control character"
check_error fields.csv 'code,name\nx1,X\nx2,Y,Z\n' \
	':3: 3 fields, but the header has 2'
check_error fields2.csv 'code,name,notes\nx1,X,"n\nm"\nx2,Y\n' \
	':4: 2 fields, but the header has 3'
check_error fields1.csv 'code,name\nx1,X\nx2\n' \
	':3: 1 field, but the header has 2'
check_error unknown.csv 'code,name,colour\nx1,X,rot\n' \
	":1: unknown column 'colour' (the columns of members are code,name,kind,status,joined,left,host,contact,email,phone,notes)"
check_error twice.csv 'code,name,code\nx1,X,x1\n' \
	":1: column 'code' appears twice"
check_error nocode.csv 'name\nX\n' \
	":1: the column 'code' is missing"
check_error utf8.csv 'code,name\nx1,X\nx2,Stra\337e\n' \
	":3: column 'name': invalid UTF-8 (save the file as UTF-8)"
check_error utf8b.csv 'code,name,notes\nx1,X,"a\nb"\nx2,Y,"c\nd\374"\n' \
	":4: column 'notes': invalid UTF-8 (save the file as UTF-8)"
check_error utf8c.csv 'code,n\344me\nx1,X\n' \
	':1: invalid UTF-8 in the header line'
check_error quote.csv 'code,name\nx1,"X\nx2,Y\n' \
	':2: unbalanced quote: the field that starts here is never closed'
check_error empty.csv '' \
	': empty file (expected a header line)'
check_error required.csv 'code,name\nx1,X\nx2,\n' \
	':3: name is required'
# all or nothing: the good records before the bad one are not kept
check_error late.csv 'code,name\nx1,X\nx2,Y\nx3,Z\nx4,W,\n' \
	':5: 3 fields, but the header has 2'
KIND=figures
check_error value.csv 'member,metric,year,value\nlk,users,2024,12x\n' \
	":2: column 'value': \"12x\" is not a number (not negative, at most 4 decimals)"
check_error value2.csv 'member;metric;year;value\r\nlk;users;2024;1,23456\r\n' \
	":2: column 'value': \"1,23456\" is not a number (not negative, at most 4 decimals)"
check_error year.csv 'member,metric,year,value\nlk,users,24,1\n' \
	":2: column 'year': \"24\" is not a whole number from 1000 to 9999"
check_error ref.csv 'member,metric,year,value\nlk,users,2024,1\nzz,users,2024,1\n' \
	":3: member: there is no member 'zz'"
KIND=costs
check_error amount.csv 'service,year,basis,amount\nwlan,2024,actual,1.234,56\n' \
	':2: 5 fields, but the header has 4'
check_error amount2.csv 'service;year;basis;amount\nwlan;2024;actual;1.234.56\n' \
	":2: column 'amount': \"1.234.56\" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)"
check_error amount3.csv 'service,year,basis,amount\nwlan,2024,actual,-5\n' \
	":2: column 'amount': \"-5\" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)"
check_error basis.csv 'service,year,basis,amount\nwlan,2024,soll,5\n' \
	":2: column 'basis': \"soll\" is not one of: plan, actual"
KIND=subscriptions
check_error overlap.csv 'member,service,from,until\nst-a,wlan,2024-06-01,\n' \
	":2: member 'st-a' already subscribes to 'wlan' from 2024-01-01 until open end; periods must not overlap"
KIND=keys
check_error keys.json '[{"code": "x", "name": "X", "method": "fixed", "parts": [{"member": "lk", "percent": 60}]}]' \
	":1: key 'x': the percentages add up to 60, not exactly 100"
check_error cycle.json '[{"code": "a1", "name": "A", "method": "composite", "parts": [{"key": "b1", "weight": 100}]},\n {"code": "b1", "name": "B", "method": "composite", "parts": [{"key": "a1", "weight": 100}]}]' \
	":1: key 'a1': there is no key 'b1'"
check_error cycle.csv 'code,name,method,parts\na1,A,composite,b1=100\nb1,B,composite,a1=100\n' \
	":2: key 'a1': there is no key 'b1'"
KIND=agreements
check_error ag.json '[{"code": "zv2", "title": "ZV", "type": "oerv", "versions": [{"number": 1, "from": "2020-01-01", "parties": ["lk"],\n "signatures": [{"member": "st-a", "signatory": "X", "date": "2020-01-01"}]}]}]' \
	":2: member 'st-a' is not a party of agreement 'zv2' version 1"
KIND=members
check_error m.json '[{"code": "x1", "name": "X", "colour": "rot"}]' \
	":1: unknown field 'colour' in a member"
check_error m2.json '[{"code": "x1", "name": "X"},\n {"code": "x2", "name": "Y", "joined": "2023-02-30"}]' \
	":2: field 'joined': \"2023-02-30\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"
check_error m3.json '[{"code": "x1", "name": "X", "host": "yes"}]' \
	":1: field 'host': a string where true or false was expected"
check_error m4.json '{"code": "x1"}' \
	':1: expected an array of members'
unchanged

printf 'code,name\nx1,X\n' >"$D/ok.csv"
run import members "$D/missing.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/missing.csv: cannot read: No such file or directory
EOF
run import bogus "$D/ok.csv"
expect_status 2
expect_err <<'EOF'
verbund: import: unknown kind 'bogus' (members, figures, services, costs, keys, subscriptions, transfers, grants, agreements, all) (see 'verbund help import')
EOF
# '-' from a terminal is refused (when script(1) can make one)
if command -v script >/dev/null 2>&1 &&
	script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	script -qec "'$VERBUND' import members -" /dev/null </dev/null >"$T/tty.out" 2>&1
	echo $? >"$T/tty.status"
	tr -d '\r' <"$T/tty.out" >"$T/tty.txt"
	expect_file "$T/tty.txt" <<'EOF'
verbund: import: '-' reads the data from standard input, which is a terminal; pipe a file in or name it
EOF
	[ "$(cat "$T/tty.status")" = 1 ] || fail "import from a terminal: exit $(cat "$T/tty.status")"
fi
run import members
expect_status 2
expect_err <<'EOF'
verbund: import: missing argument; usage: verbund import KIND FILE|- (see 'verbund help import')
EOF
run import all "$D/members.json"
expect_status 1
expect_err <<EOF
verbund: import: $D/members.json: expected a JSON object as written by 'verbund export'
EOF
printf '{"verbund": 2}' >"$D/v2.json"
run import all "$D/v2.json"
expect_status 1
expect_err <<EOF
verbund: import: $D/v2.json: not a verbund export (expected "verbund": 1)
EOF
printf '{"verbund": 1, "members": [], "extra": []}' >"$D/extra.json"
run import all "$D/extra.json"
expect_status 1
expect_err <<EOF
verbund: import: $D/extra.json:1: unknown section 'extra'
EOF
unchanged

# --- JSON of a kind into a new file, as export wrote it --------------------
rm -f "$VERBUND_DB"
ok init --name Zwei
run import members "$D/members.json"
expect_status 0
expect_err <<EOF
verbund: imported 3 records from $D/members.json
EOF
ok import agreements "$D/agreements.json"
run export agreements
expect_out_file "$D/agreements.json"
run export members --format json
expect_out_file "$D/members.json"

# a host without a code is refused like any member without one (it was
# a crash: the host's code was copied before the code was checked)
printf 'code,name,kind,status,joined,left,host\n,Kreis,landkreis,member,2017-01-01,,true\n' >"$T/nocode.csv"
run import members "$T/nocode.csv"
expect_status 1
no_out
expect_err <<EOF
verbund: import: $T/nocode.csv:2: code is required
EOF

finish
