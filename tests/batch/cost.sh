#!/bin/sh
# cost set/list/remove: bases, amounts, filters, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add helpdesk --name Helpdesk --key eq
ok service add net --name Netz --key eq

# basis defaults to actual
run cost set helpdesk 2024 10000
expect_status 0
no_out
expect_err <<'EOF'
verbund: cost 'helpdesk/2024/actual' saved
EOF
ok cost set helpdesk 2024 9500,50 --basis plan
ok cost set helpdesk 2025 'EUR 1.5' --basis plan
ok cost set net 2024 0
ok cost set net 2023 '7€' --basis actual
# set again replaces
ok cost set net 2023 '8 €'

run cost list --format csv
expect_status 0
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,actual,10000.00
helpdesk,2024,plan,9500.50
helpdesk,2025,plan,1.50
net,2023,actual,8.00
net,2024,actual,0.00
EOF
no_err
run cost list --year 2024 --format csv
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,actual,10000.00
helpdesk,2024,plan,9500.50
net,2024,actual,0.00
EOF
run cost list --basis plan --format csv
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,plan,9500.50
helpdesk,2025,plan,1.50
EOF
run cost list --service net --year 2023 --format json
expect_status 0
expect_out <<'EOF'
[
  {"service": "net", "year": 2023, "basis": "actual", "amount_cents": 800}
]
EOF

# --- refusals ----------------------------------------------------------------
snapshot
for a in -5 1,234.56 1.234.56 1e5 .5 5. +5 '99 USD' '€ 5 EUR' 1,2,3 0x10; do
	run cost set helpdesk 2024 "$a"
	expect_status 1
	expect_err <<EOF
verbund: cost set: amount: "$a" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)
EOF
done
run cost set helpdesk 2024 12.345
expect_status 1
expect_err <<'EOF'
verbund: cost set: amount: "12.345" is ambiguous: a thousands separator (12345) or a decimal point (12 and 345 thousandths, more decimals than an amount has)? Write 12345
EOF
run cost set helpdesk 2024 ''
expect_status 1
expect_err <<'EOF'
verbund: cost set: amount is required
EOF
run cost set nope 2024 5
expect_status 1
expect_err <<'EOF'
verbund: cost set: service: there is no service 'nope'
EOF
run cost set helpdesk 2024 5 --basis soll
expect_status 2
expect_err <<'EOF'
verbund: cost set: --basis: "soll" is not one of: plan, actual
EOF
run cost set helpdesk 24 5
expect_status 1
expect_err <<'EOF'
verbund: cost set: year: "24" is not a whole number from 1000 to 9999
EOF
run cost set helpdesk 2024
expect_status 2
expect_err <<'EOF'
verbund: cost set: missing argument; usage: verbund cost set SERVICE YEAR AMOUNT [--basis plan|actual] (see 'verbund help cost set')
EOF
run cost remove helpdesk 2023
expect_status 1
expect_err <<'EOF'
verbund: cost remove: there is no cost 'helpdesk/2023/actual'
EOF
run cost remove helpdesk 2025
expect_status 1
expect_err <<'EOF'
verbund: cost remove: there is no cost 'helpdesk/2025/actual'
EOF
no_out
unchanged

# --- remove: without --basis it is the actual cost ---------------------
run cost remove helpdesk 2024
expect_status 0
expect_err <<'EOF'
verbund: cost 'helpdesk/2024/actual' removed
EOF
run cost remove helpdesk 2025 --basis plan
expect_status 0
expect_err <<'EOF'
verbund: cost 'helpdesk/2025/plan' removed
EOF
run cost list --format csv
expect_out <<'EOF'
service,year,basis,amount
helpdesk,2024,plan,9500.50
net,2023,actual,8.00
net,2024,actual,0.00
EOF

finish
