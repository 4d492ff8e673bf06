#!/bin/sh
# --format table|csv|csv-de|json|md of lists and single records: exact
# output; csv-de with BOM, ';', decimal comma and CRLF; unknown formats.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name 'Landkreis Gifhorn' --kind landkreis --joined 2017-01-01
ok member add sg --name 'Samtgemeinde Hankensbüttel; Süd' --kind samtgemeinde --joined 2020-03-01 \
	--notes "$(printf 'a|b\nc')"
ok member add x --name '=Formel "x"' --status pilot
ok key add eq --name Gleich --equal
ok service add hd --name Helpdesk --key eq
ok cost set hd 2024 1234567.8
ok cost set hd 2023 0.05 --basis plan
ok figure set --new-metric lk users 2024 1234.5
ok figure set --new-metric sg users 2024 0.0001

# --- csv (the default when stdout is not a terminal) ------------------------
run cost list
expect_status 0
no_err
expect_out <<'EOF'
service,year,basis,amount
hd,2023,plan,0.05
hd,2024,actual,1234567.80
EOF
run cost list --format csv
expect_out <<'EOF'
service,year,basis,amount
hd,2023,plan,0.05
hd,2024,actual,1234567.80
EOF
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,,,,
sg,Samtgemeinde Hankensbüttel; Süd,samtgemeinde,member,2020-03-01,,false,,,,"a|b
c"
x,"'=Formel ""x""",gemeinde,pilot,,,false,,,,
EOF

# --- csv-de: BOM, ';', decimal comma, CRLF ----------------------------------
run cost list --format csv-de
expect_status 0
printf '\357\273\277service;year;basis;amount\r\nhd;2023;plan;0,05\r\nhd;2024;actual;1234567,80\r\n' >"$T/want"
expect_out_file "$T/want"
run figure list --format csv-de
printf '\357\273\277member;metric;year;value\r\nlk;users;2024;1234,5\r\nsg;users;2024;0,0001\r\n' >"$T/want"
expect_out_file "$T/want"
# a ';' in a value is quoted; a quoted line break stays inside the quotes
run member list --format csv-de
printf '\357\273\277%s\r\n' 'code;name;kind;status;joined;left;host;contact;email;phone;notes' >"$T/want"
printf '%s\r\n' 'lk;Landkreis Gifhorn;landkreis;member;2017-01-01;;true;;;;' >>"$T/want"
printf '%s\n' 'sg;"Samtgemeinde Hankensbüttel; Süd";samtgemeinde;member;2020-03-01;;false;;;;"a|b' >>"$T/want"
printf '%s\r\n' 'c"' 'x;"'\''=Formel ""x""";gemeinde;pilot;;;false;;;;' >>"$T/want"
expect_out_file "$T/want"

# --- json --------------------------------------------------------------------
run cost list --format json
expect_status 0
expect_out <<'EOF'
[
  {"service": "hd", "year": 2023, "basis": "plan", "amount_cents": 5},
  {"service": "hd", "year": 2024, "basis": "actual", "amount_cents": 123456780}
]
EOF
run figure list --format json
expect_out <<'EOF'
[
  {"member": "lk", "metric": "users", "year": 2024, "value": 1234.5},
  {"member": "sg", "metric": "users", "year": 2024, "value": 0.0001}
]
EOF
run member list --format json
expect_out <<'EOF'
[
  {"code": "lk", "name": "Landkreis Gifhorn", "kind": "landkreis", "status": "member", "joined": "2017-01-01", "left": null, "host": true, "contact": null, "email": null, "phone": null, "notes": null},
  {"code": "sg", "name": "Samtgemeinde Hankensbüttel; Süd", "kind": "samtgemeinde", "status": "member", "joined": "2020-03-01", "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": "a|b\nc"},
  {"code": "x", "name": "=Formel \"x\"", "kind": "gemeinde", "status": "pilot", "joined": null, "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": null}
]
EOF
run cost list --year 1999 --format json
expect_out <<'EOF'
[]
EOF
run member show zz --format json
expect_status 1
no_out

# --- table: aligned, numbers right, no control characters, no blanks at
# the ends of lines (C.UTF-8 has no thousands separator) -------------------
run cost list --format table
expect_status 0
expect_out <<'EOF'
service  year  basis       amount
-------  ----  ------  ----------
hd       2023  plan          0.05
hd       2024  actual  1234567.80
EOF
run figure list --format table
expect_out <<'EOF'
member  metric  year   value
------  ------  ----  ------
lk      users   2024  1234.5
sg      users   2024  0.0001
EOF
run member list --format table
expect_out <<'EOF'
code  name                             kind          status  joined      left  host   contact  email  phone  notes
----  -------------------------------  ------------  ------  ----------  ----  -----  -------  -----  -----  -----
lk    Landkreis Gifhorn                landkreis     member  2017-01-01        true
sg    Samtgemeinde Hankensbüttel; Süd  samtgemeinde  member  2020-03-01        false                         a|b↵c
x     '=Formel "x"                     gemeinde      pilot                     false
EOF
run member show sg --format table
expect_out <<'EOF'
code:    sg
name:    Samtgemeinde Hankensbüttel; Süd
kind:    samtgemeinde
status:  member
joined:  2020-03-01
left:
host:    false
contact:
email:
phone:
notes:   a|b↵c
EOF
run cost list --year 1999 --format table
expect_out <<'EOF'
service  year  basis  amount
-------  ----  -----  ------
EOF

# --- md --------------------------------------------------------------------
run cost list --format md
expect_status 0
expect_out <<'EOF'
| service | year | basis  |     amount |
| ------- | ---: | ------ | ---------: |
| hd      | 2023 | plan   |       0.05 |
| hd      | 2024 | actual | 1234567.80 |
EOF
run member list --format md
expect_out <<'EOF'
| code | name                            | kind         | status | joined     | left | host  | contact | email | phone | notes     |
| ---- | ------------------------------- | ------------ | ------ | ---------- | ---- | ----- | ------- | ----- | ----- | --------- |
| lk   | Landkreis Gifhorn               | landkreis    | member | 2017-01-01 |      | true  |         |       |       |           |
| sg   | Samtgemeinde Hankensbüttel; Süd | samtgemeinde | member | 2020-03-01 |      | false |         |       |       | a\|b<br>c |
| x    | =Formel "x"                     | gemeinde     | pilot  |            |      | false |         |       |       |           |
EOF

# --- the global option before the command works the same -----------------
run --format csv-de cost list
printf '\357\273\277service;year;basis;amount\r\nhd;2023;plan;0,05\r\nhd;2024;actual;1234567,80\r\n' >"$T/want"
expect_out_file "$T/want"
run --format=json cost list --year 2023
expect_out <<'EOF'
[
  {"service": "hd", "year": 2023, "basis": "plan", "amount_cents": 5}
]
EOF

# --- no escape sequences, also with a terminal type that has colours ------
for f in table csv csv-de json md; do
	TERM=xterm-256color "$VERBUND" member list --format $f >"$T/o" 2>&1
	if LC_ALL=C grep -q "$(printf '\033')" "$T/o"; then
		fail "--format $f wrote an escape sequence"
	fi
done

# --- unknown or missing formats are usage errors ---------------------------
snapshot
run member list --format xml
expect_status 2
no_out
expect_err <<'EOF'
verbund: member list: unknown format 'xml' (table, csv, csv-de, json, md) (see 'verbund help member list')
EOF
run --format xml member list
expect_status 2
no_out
expect_err <<'EOF'
verbund: unknown format 'xml' (table, csv, csv-de, json, md) (see 'verbund --help')
EOF
run member list --format
expect_status 2
expect_err <<'EOF'
verbund: member list: option '--format' needs a value (see 'verbund help member list')
EOF
run --format
expect_status 2
expect_err <<'EOF'
verbund: option '--format' needs a value (see 'verbund --help')
EOF
run member add y --name Y --format xml
expect_status 2
expect_err <<'EOF'
verbund: member add: unknown format 'xml' (table, csv, csv-de, json, md) (see 'verbund help member add')
EOF
run member list --format CSV
expect_status 2
expect_err <<'EOF'
verbund: member list: unknown format 'CSV' (table, csv, csv-de, json, md) (see 'verbund help member list')
EOF
unchanged

finish
