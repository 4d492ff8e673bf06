#!/bin/sh
# What goes in (spec §3.4): ambiguous numbers are refused with both
# readings, German grouping and basis names are accepted, spaces around
# any value are ignored, and years without costs are refused by the
# finance commands, naming the years that have costs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add a --name 'Stadt A' --joined 2024-01-01 --host
ok member add b --name 'Gemeinde B' --joined 2024-01-01
ok key add users --name Nutzer --metric users
ok service add hd --name Helpdesk --key users

# ---- ambiguous: one separator before exactly three digits
snapshot
run figure set a users 2024 12.345
expect_status 1
no_out
expect_err <<'EOF'
verbund: figure set: value: "12.345" is ambiguous: a thousands separator (12345) or a decimal point (12 and 345 thousandths)? Write 12345 or 12.3450
EOF
run figure set a users 2024 11,500
expect_status 1
expect_err <<'EOF'
verbund: figure set: value: "11,500" is ambiguous: a thousands separator (11500) or a decimal comma (11 and 500 thousandths)? Write 11500 or 11,5000
EOF
run cost set hd 2024 11,500
expect_status 1
expect_err <<'EOF'
verbund: cost set: amount: "11,500" is ambiguous: a thousands separator (11500) or a decimal comma (11 and 500 thousandths)? Write 11500 or 11,50
EOF
run cost set hd 2024 '1.250 EUR'
expect_status 1
expect_err <<'EOF'
verbund: cost set: amount: "1.250 EUR" is ambiguous: a thousands separator (1250) or a decimal point (1 and 250 thousandths)? Write 1250 or 1.25
EOF
printf 'member,metric,year,value\na,users,2024,10\nb,users,2024,11.500\n' >"$T/f.csv"
run import figures "$T/f.csv"
expect_status 1
expect_err <<EOF
verbund: import: $T/f.csv:3: column 'value': "11.500" is ambiguous: a thousands separator (11500) or a decimal point (11 and 500 thousandths)? Write 11500 or 11.5000
EOF
unchanged

# ---- each reading written unambiguously
ok figure set a users 2024 12345
ok figure set b users 2024 12.3450
# one reading only: a leading 0, four digits before the separator
ok figure set a users 2023 0.375
ok figure set b users 2023 1234.567
run figure list --format csv
expect_out <<'EOF'
member,metric,year,value
a,users,2023,0.375
a,users,2024,12345
b,users,2023,1234.567
b,users,2024,12.345
EOF

# ---- German grouping: dots in groups of three before a decimal comma,
# or two dots and more
ok cost set hd 2024 262.000,00
ok cost set hd 2023 1.234.567
ok cost set hd 2025 ' 12,50 EUR ' --basis Plan
ok cost set hd 2026 99 --basis IST
run cost list --format csv
expect_out <<'EOF'
service,year,basis,amount
hd,2023,actual,1234567.00
hd,2024,actual,262000.00
hd,2025,plan,12.50
hd,2026,actual,99.00
EOF
printf 'service;year;basis;amount\nhd;2027;Ist;"1.234,56"\nhd;2027;plan;"2.000.000"\n' >"$T/c.csv"
run import costs "$T/c.csv"
expect_status 0
run cost list --year 2027 --format csv
expect_out <<'EOF'
service,year,basis,amount
hd,2027,actual,1234.56
hd,2027,plan,2000000.00
EOF
snapshot
for v in 1,234.56 1.23,45 1.2345,00 0.234,56 1.234.5; do
	run cost set hd 2024 "$v"
	expect_status 1
	printf 'verbund: cost set: amount: "%s" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)\n' "$v" | expect_err
done
run cost set hd 2024 5 --basis soll
expect_status 2
expect_err <<'EOF'
verbund: cost set: --basis: "soll" is not one of: plan, actual
EOF
unchanged

# ---- spaces around a value are ignored for every kind of value
ok member set b --joined ' 2024-01-01 ' --kind ' stadt' --name '  Gemeinde B  '
ok figure set ' a ' ' users ' ' 2025 ' ' 7,5 '
run member show b --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
b,Gemeinde B,stadt,member,2024-01-01,,false,,,,
EOF
run figure list --year 2025 --format csv
expect_out <<'EOF'
member,metric,year,value
a,users,2025,7.5
EOF

# ---- years without costs: allocate, advances, settle refuse them
snapshot
run allocate --year 1999
expect_status 1
no_out
expect_err <<'EOF'
verbund: allocate: there are no actual costs for 1999; years with actual costs: 2023, 2024, 2026, 2027
EOF
run allocate --year 2024 --basis Plan
expect_status 1
expect_err <<'EOF'
verbund: allocate: there are no plan costs for 2024; years with plan costs: 2025, 2027
EOF
run advances --year 2024
expect_status 1
expect_err <<'EOF'
verbund: advances: there are no plan costs for 2024; years with plan costs: 2025, 2027
EOF
run settle --year 2025
expect_status 1
expect_err <<'EOF'
verbund: settle: there are no actual costs for 2025; years with actual costs: 2023, 2024, 2026, 2027
EOF
ok cost set hd 2020 1
ok cost set hd 2021 1
ok cost set hd 2022 1
run allocate --year 2019
expect_status 1
expect_err <<'EOF'
verbund: allocate: there are no actual costs for 2019; years with actual costs: 2020-2024, 2026, 2027
EOF
run allocate --year 2024 --basis ist --format csv
expect_status 0
expect_out <<'EOF'
code,name,hd,transfers,total
a,Stadt A,261738.26,0.00,261738.26
b,Gemeinde B,261.74,0.00,261.74
TOTAL,,262000.00,0.00,262000.00
EOF

finish
