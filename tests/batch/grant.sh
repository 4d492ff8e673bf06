#!/bin/sh
# grant add/set/remove/list: one service or all, periods, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add isb --name Informationssicherheit --key eq
ok service add net --name Netz --key eq

run grant add hessen --name 'Zuwendung Land Hessen' --source 'Land Hessen' \
	--amount 150000 --from 2023-01-01 --until 2027-12-31 --service isb
expect_status 0
no_out
expect_err <<'EOF'
verbund: grant 'hessen' added
EOF
# no service: all services
ok grant add bund --name 'Bundesmittel' --amount '1000,5 EUR' --from 1.7.2024 --until 30.6.2025

run grant list --format csv
expect_status 0
expect_out <<'EOF'
code,name,source,amount,from,until,service
bund,Bundesmittel,,1000.50,2024-07-01,2025-06-30,
hessen,Zuwendung Land Hessen,Land Hessen,150000.00,2023-01-01,2027-12-31,isb
EOF
no_err
run grant list --format json
expect_out <<'EOF'
[
  {"code": "bund", "name": "Bundesmittel", "source": null, "amount_cents": 100050, "from": "2024-07-01", "until": "2025-06-30", "service": null},
  {"code": "hessen", "name": "Zuwendung Land Hessen", "source": "Land Hessen", "amount_cents": 15000000, "from": "2023-01-01", "until": "2027-12-31", "service": "isb"}
]
EOF
run grant list --service isb --format csv
expect_out <<'EOF'
code,name,source,amount,from,until,service
hessen,Zuwendung Land Hessen,Land Hessen,150000.00,2023-01-01,2027-12-31,isb
EOF

# --- refusals ----------------------------------------------------------------
snapshot
run grant add x --name X --amount 1,000.00 --from 2023-01-01 --until 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: grant add: --amount: "1,000.00" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)
EOF
run grant add x --name X --amount 100 --from 2023-01-01 --until 2022-12-31
expect_status 1
expect_err <<'EOF'
verbund: grant add: grant 'x': until (2022-12-31) is before from (2023-01-01)
EOF
run grant add x --name X --amount 100 --from 2023-01-01
expect_status 2
expect_err <<'EOF'
verbund: grant add: --until is required (see 'verbund help grant add')
EOF
run grant add x --name X --from 2023-01-01 --until 2023-12-31
expect_status 2
expect_err <<'EOF'
verbund: grant add: --amount is required (see 'verbund help grant add')
EOF
run grant add x --name X --amount 100 --from 2023-01-01 --until 2023-12-31 --service zz
expect_status 1
expect_err <<'EOF'
verbund: grant add: service: there is no service 'zz'
EOF
run grant add hessen --name X --amount 100 --from 2023-01-01 --until 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: grant add: grant 'hessen' already exists
EOF
run grant set nope --name X
expect_status 1
expect_err <<'EOF'
verbund: grant set: there is no grant 'nope'
EOF
run grant set hessen --until 2022-12-31
expect_status 1
expect_err <<'EOF'
verbund: grant set: grant 'hessen': until (2022-12-31) is before from (2023-01-01)
EOF
run grant set hessen --amount ''
expect_status 1
expect_err <<'EOF'
verbund: grant set: amount is required
EOF
run grant remove nope
expect_status 1
expect_err <<'EOF'
verbund: grant remove: there is no grant 'nope'
EOF
run service remove isb
expect_status 1
expect_err <<'EOF'
verbund: service remove: service 'isb' is still referred to (grants: 1); remove or change those first
EOF
no_out
unchanged

# --- set / remove --------------------------------------------------------
run grant set bund --service net --source '@Bund'
expect_status 0
expect_err <<'EOF'
verbund: grant 'bund' saved
EOF
ok grant set hessen --service ''
run grant list --format csv
expect_out <<'EOF'
code,name,source,amount,from,until,service
bund,Bundesmittel,'@Bund,1000.50,2024-07-01,2025-06-30,net
hessen,Zuwendung Land Hessen,Land Hessen,150000.00,2023-01-01,2027-12-31,
EOF
run grant remove bund
expect_status 0
expect_err <<'EOF'
verbund: grant 'bund' removed
EOF
ok service remove net
run grant list --format csv
expect_out <<'EOF'
code,name,source,amount,from,until,service
hessen,Zuwendung Land Hessen,Land Hessen,150000.00,2023-01-01,2027-12-31,
EOF

finish
