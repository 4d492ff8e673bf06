#!/bin/sh
# figure set/list/remove: values with up to 4 decimals, filters, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok member add a --name 'Stadt A' --joined 2020-01-01
for m in users population school_devices devices; do
	ok key add "$m" --name "$m" --metric "$m"
done

# a metric that no key reads is refused, with the nearest known one
snapshot
run figure set lk usres 2024 100
expect_status 1
no_out
expect_err <<'EOF'
verbund: figure set: no key reads metric 'usres'; did you mean 'users'? (--new-metric accepts it)
EOF
run figure set lk school 2024 100
expect_status 1
expect_err <<'EOF'
verbund: figure set: no key reads metric 'school'; did you mean 'school_devices'? (--new-metric accepts it)
EOF
run figure set lk rooms 2024 100
expect_status 1
expect_err <<'EOF'
verbund: figure set: no key reads metric 'rooms' (--new-metric accepts it)
EOF
unchanged

run figure set lk users 2024 100
expect_status 0
no_out
expect_err <<'EOF'
verbund: figure 'lk/users/2024' saved
EOF
# set again: the value is replaced
ok figure set lk users 2024 120.5
ok figure set a users 2024 12,25
ok figure set a population 2023 12345.6789
ok figure set a population 2024 0
ok figure set lk school_devices 2023 7
ok figure set lk my-metric 2023 1.0000 --new-metric

run figure list --format csv
expect_status 0
expect_out <<'EOF'
member,metric,year,value
a,population,2023,12345.6789
a,population,2024,0
a,users,2024,12.25
lk,my-metric,2023,1
lk,school_devices,2023,7
lk,users,2024,120.5
EOF
no_err
run figure list --member a --format csv
expect_out <<'EOF'
member,metric,year,value
a,population,2023,12345.6789
a,population,2024,0
a,users,2024,12.25
EOF
run figure list --year 2024 --format csv
expect_out <<'EOF'
member,metric,year,value
a,population,2024,0
a,users,2024,12.25
lk,users,2024,120.5
EOF
run figure list --metric population --year 2023 --format json
expect_status 0
expect_out <<'EOF'
[
  {"member": "a", "metric": "population", "year": 2023, "value": 12345.6789}
]
EOF
run figure list --member zz --format csv
expect_status 0
expect_out <<'EOF'
member,metric,year,value
EOF

# --- refusals ------------------------------------------------------------
snapshot
for v in 1.23456 -5 1e5 12x '1 234' 1.5. 1,234.56 ,5; do
	run figure set a users 2024 "$v"
	expect_status 1
	no_out
	expect_err <<EOF
verbund: figure set: value: "$v" is not a number (not negative, at most 4 decimals)
EOF
done
# too large: the message names the largest figure
run figure set a users 2024 999999999999999
expect_status 1
no_out
expect_err <<EOF
verbund: figure set: value: "999999999999999" is above the largest figure, 1000000000000
EOF
run figure set a Users 2024 5
expect_status 1
expect_err <<'EOF'
verbund: figure set: metric: "Users" is not a valid code (1–32 characters a–z, 0–9, _ and -)
EOF
run figure set a users 999 5
expect_status 1
expect_err <<'EOF'
verbund: figure set: year: "999" is not a whole number from 1000 to 9999
EOF
run figure set a users 20x4 5
expect_status 1
expect_err <<'EOF'
verbund: figure set: year: "20x4" is not a whole number from 1000 to 9999
EOF
run figure set zz users 2024 5
expect_status 1
expect_err <<'EOF'
verbund: figure set: member: there is no member 'zz'
EOF
run figure set a users 2024 ''
expect_status 1
expect_err <<'EOF'
verbund: figure set: value is required
EOF
run figure set a users 2024
expect_status 2
expect_err <<'EOF'
verbund: figure set: missing argument; usage: verbund figure set MEMBER METRIC YEAR VALUE (see 'verbund help figure set')
EOF
run figure set a users 2024 5 6
expect_status 2
expect_err <<'EOF'
verbund: figure set: unexpected argument '6' (see 'verbund help figure set')
EOF
run figure list --year abc
expect_status 1
expect_err <<'EOF'
verbund: figure list: --year: "abc" is not a whole number from 1000 to 9999
EOF
run figure list --value 5
expect_status 2
expect_err <<'EOF'
verbund: figure list: unknown option '--value' (see 'verbund help figure list')
EOF
run figure remove a users 2023
expect_status 1
expect_err <<'EOF'
verbund: figure remove: there is no figure 'a/users/2023'
EOF
unchanged

# the largest value with 4 decimals that is accepted round-trips
ok figure set a devices 2024 99999999999.9999
run figure list --metric devices --format csv
expect_out <<'EOF'
member,metric,year,value
a,devices,2024,99999999999.9999
EOF

# --- remove --------------------------------------------------------------
run figure remove a users 2024
expect_status 0
expect_err <<'EOF'
verbund: figure 'a/users/2024' removed
EOF
run figure list --member a --metric users --format csv
expect_out <<'EOF'
member,metric,year,value
EOF
# a member without figures can be removed again
ok figure remove a population 2023
ok figure remove a population 2024
ok figure remove a devices 2024
ok member remove a

finish
