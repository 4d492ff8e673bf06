#!/bin/sh
# service add/set/remove/list/show: fields, references, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok key add eq --name Gleich --equal
ok key add users --name Nutzer --metric users

run service add helpdesk --name Helpdesk --key eq --unit 'pro Arbeitsplatz' \
	--hours 'Mo–Fr 7–17 Uhr' --standalone '12000 EUR' \
	--description "$(printf 'Tickets\nTelefon')"
expect_status 0
no_out
expect_err <<'EOF'
verbund: service 'helpdesk' added
EOF
ok service add wlan --name WLAN --key users --subscription
ok service add formel --name '=SUMME(A1)' --key eq --unit '-pro Gerät' --standalone 0,5

run service list --format csv
expect_status 0
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone,description
formel,'=SUMME(A1),eq,'-pro Gerät,,false,0.50,
helpdesk,Helpdesk,eq,pro Arbeitsplatz,Mo–Fr 7–17 Uhr,false,12000.00,"Tickets
Telefon"
wlan,WLAN,users,,,true,,
EOF
no_err
run service list --key users --format csv
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone,description
wlan,WLAN,users,,,true,,
EOF
run service show helpdesk --format json
expect_status 0
expect_out <<'EOF'
{
  "code": "helpdesk",
  "name": "Helpdesk",
  "key": "eq",
  "unit": "pro Arbeitsplatz",
  "hours": "Mo–Fr 7–17 Uhr",
  "subscription": false,
  "standalone_cents": 1200000,
  "description": "Tickets\nTelefon"
}
EOF
run service list --format json
expect_out <<'EOF'
[
  {"code": "formel", "name": "=SUMME(A1)", "key": "eq", "unit": "-pro Gerät", "hours": null, "subscription": false, "standalone_cents": 50, "description": null},
  {"code": "helpdesk", "name": "Helpdesk", "key": "eq", "unit": "pro Arbeitsplatz", "hours": "Mo–Fr 7–17 Uhr", "subscription": false, "standalone_cents": 1200000, "description": "Tickets\nTelefon"},
  {"code": "wlan", "name": "WLAN", "key": "users", "unit": null, "hours": null, "subscription": true, "standalone_cents": null, "description": null}
]
EOF

# --- set -------------------------------------------------------------------
ok service set helpdesk --standalone '' --key users
ok service set wlan --subscription=false --hours 24/7
run service set formel --name 'Formel'
expect_status 0
expect_err <<'EOF'
verbund: service 'formel' saved
EOF
run service list --format csv
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone,description
formel,Formel,eq,'-pro Gerät,,false,0.50,
helpdesk,Helpdesk,users,pro Arbeitsplatz,Mo–Fr 7–17 Uhr,false,,"Tickets
Telefon"
wlan,WLAN,users,,24/7,false,,
EOF

# --- refusals --------------------------------------------------------------
snapshot
run service add x --name X --key nokey
expect_status 1
expect_err <<'EOF'
verbund: service add: key: there is no key 'nokey'
EOF
run service add x --name X
expect_status 2
expect_err <<'EOF'
verbund: service add: --key is required (see 'verbund help service add')
EOF
run service add helpdesk --name X --key eq
expect_status 1
expect_err <<'EOF'
verbund: service add: service 'helpdesk' already exists
EOF
run service add x --name X --key eq --standalone -5
expect_status 1
expect_err <<'EOF'
verbund: service add: --standalone: "-5" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)
EOF
run service add X --name X --key eq
expect_status 1
expect_err <<'EOF'
verbund: service add: code: "X" is not a valid code (1–32 characters a–z, 0–9, _ and -)
EOF
run service add x --name "$(printf 'a\nb')" --key eq
expect_status 1
expect_err <<'EOF'
verbund: service add: --name: "a\x0ab" contains a control character
EOF
run service set nope --name X
expect_status 1
expect_err <<'EOF'
verbund: service set: there is no service 'nope'
EOF
run service set helpdesk --key nokey
expect_status 1
expect_err <<'EOF'
verbund: service set: key: there is no key 'nokey'
EOF
run service show nope
expect_status 1
expect_err <<'EOF'
verbund: service show: there is no service 'nope'
EOF
run service remove nope
expect_status 1
expect_err <<'EOF'
verbund: service remove: there is no service 'nope'
EOF
# a key in use cannot be removed
run key remove users
expect_status 1
expect_err <<'EOF'
verbund: key remove: key 'users' is still referred to (services: 2); remove or change those first
EOF
# a service with costs cannot be removed
ok cost set helpdesk 2024 100
snapshot
run service remove helpdesk
expect_status 1
expect_err <<'EOF'
verbund: service remove: service 'helpdesk' is still referred to (costs: 1); remove or change those first
EOF
unchanged

# --- remove ----------------------------------------------------------------
ok cost remove helpdesk 2024
run service remove helpdesk
expect_status 0
expect_err <<'EOF'
verbund: service 'helpdesk' removed
EOF
run service list --format csv
expect_out <<'EOF'
code,name,key,unit,hours,subscription,standalone,description
formel,Formel,eq,'-pro Gerät,,false,0.50,
wlan,WLAN,users,,24/7,false,,
EOF

finish
