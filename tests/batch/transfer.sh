#!/bin/sh
# transfer add/set/remove/list: numbering, identity, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2017-01-01
ok member add sg --name Samtgemeinde --kind samtgemeinde --joined 2020-03-01
ok member add st --name Stadt --kind stadt --joined 2017-01-01

run transfer add --person 'N. N.' --from sg --to lk --date 2020-03-01 --credit 52000 \
	--years 5 --fte 1 --grade 'EG 9b TVöD'
expect_status 0
no_out
expect_err <<'EOF'
verbund: transfer '1' added
EOF
run transfer add --person 'M. Muster' --from st --to lk --date 1.4.2021 --credit '1234,56' \
	--years 3 --fte 0,5 --notes "$(printf 'Teilzeit\nab April')"
expect_status 0
expect_err <<'EOF'
verbund: transfer '2' added
EOF

run transfer list --format csv
expect_status 0
expect_out <<'EOF'
id,person,from,to,date,credit,years,fte,grade,notes
1,N. N.,sg,lk,2020-03-01,52000.00,5,1,EG 9b TVöD,
2,M. Muster,st,lk,2021-04-01,1234.56,3,0.5,,"Teilzeit
ab April"
EOF
no_err
run transfer list --format json
expect_out <<'EOF'
[
  {"id": 1, "person": "N. N.", "from": "sg", "to": "lk", "date": "2020-03-01", "credit_cents": 5200000, "years": 5, "fte": 1, "grade": "EG 9b TVöD", "notes": null},
  {"id": 2, "person": "M. Muster", "from": "st", "to": "lk", "date": "2021-04-01", "credit_cents": 123456, "years": 3, "fte": 0.5, "grade": null, "notes": "Teilzeit\nab April"}
]
EOF
run transfer list --from sg --format csv
expect_out <<'EOF'
id,person,from,to,date,credit,years,fte,grade,notes
1,N. N.,sg,lk,2020-03-01,52000.00,5,1,EG 9b TVöD,
EOF
# the CSV export has no number: the identity is person, from, to, date
run export transfers --format csv
expect_out <<'EOF'
person,from,to,date,credit,years,fte,grade,notes
N. N.,sg,lk,2020-03-01,52000.00,5,1,EG 9b TVöD,
M. Muster,st,lk,2021-04-01,1234.56,3,0.5,,"Teilzeit
ab April"
EOF

# --- refusals ----------------------------------------------------------------
snapshot
run transfer add --person 'N. N.' --from sg --to lk --date 2020-03-01 --credit 1 --years 5
expect_status 1
expect_err <<'EOF'
verbund: transfer add: transfer 'N. N./sg/lk/2020-03-01' already exists
EOF
run transfer add --person X --from sg --to sg --date 2020-03-01 --credit 1 --years 5
expect_status 1
expect_err <<'EOF'
verbund: transfer add: transfer: from and to are the same member 'sg'
EOF
run transfer add --person X --from zz --to lk --date 2020-03-01 --credit 1 --years 5
expect_status 1
expect_err <<'EOF'
verbund: transfer add: from: there is no member 'zz'
EOF
run transfer add --person X --from sg --to zz --date 2020-03-01 --credit 1 --years 5
expect_status 1
expect_err <<'EOF'
verbund: transfer add: to: there is no member 'zz'
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit 1 --years 101
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --years: "101" is not a whole number from 1 to 100
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit 1
expect_status 2
expect_err <<'EOF'
verbund: transfer add: --years is required (see 'verbund help transfer add')
EOF
run transfer add --from sg --to lk --date 2020-03-01 --credit 1 --years 1
expect_status 2
expect_err <<'EOF'
verbund: transfer add: --person is required (see 'verbund help transfer add')
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit -1 --years 1
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --credit: "-1" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit 1 --years 2 --fte 1.23456
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --fte: "1.23456" is not a number (not negative, at most 4 decimals)
EOF
run transfer add --person "$(printf 'X\033[2J')" --from sg --to lk --date 2020-03-01 --credit 1 --years 2
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --person: "X\x1b[2J" contains a control character
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit 1 --years 2 extra
expect_status 2
expect_err <<'EOF'
verbund: transfer add: unexpected argument 'extra' (see 'verbund help transfer add')
EOF
run transfer add --person X --from sg --to lk --date 2020-03-01 --credit 1 --years 2 --id 5
expect_status 2
expect_err <<'EOF'
verbund: transfer add: unknown option '--id' (see 'verbund help transfer add')
EOF
run transfer set 9 --credit 2000
expect_status 1
expect_err <<'EOF'
verbund: transfer set: there is no transfer '9'
EOF
run transfer set abc --credit 2000
expect_status 1
expect_err <<'EOF'
verbund: transfer set: id: "abc" is not a whole number from 1 to 9223372036854775807
EOF
# changing a transfer to the identity of another one names that identity
run transfer set 2 --person 'N. N.' --from sg --date 2020-03-01
expect_status 1
expect_err <<'EOF'
verbund: transfer set: transfer 'N. N./sg/lk/2020-03-01' already exists
EOF
run transfer set 2 --to st
expect_status 1
expect_err <<'EOF'
verbund: transfer set: transfer: from and to are the same member 'st'
EOF
run transfer remove 9
expect_status 1
expect_err <<'EOF'
verbund: transfer remove: there is no transfer '9'
EOF
run transfer remove
expect_status 2
expect_err <<'EOF'
verbund: transfer remove: missing argument; usage: verbund transfer remove ID (see 'verbund help transfer remove')
EOF
run member remove sg
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'sg' is still referred to (staff transfers from it: 1); a member that leaves gets a left date and status former instead
EOF
run member remove lk
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'lk' is the host; give the role to another member (member set CODE --host) first
EOF
no_out
unchanged

# --- set / remove --------------------------------------------------------
run transfer set 2 --credit 2000 --notes '' --grade 'EG 10'
expect_status 0
expect_err <<'EOF'
verbund: transfer '2' saved
EOF
run transfer list --format csv
expect_out <<'EOF'
id,person,from,to,date,credit,years,fte,grade,notes
1,N. N.,sg,lk,2020-03-01,52000.00,5,1,EG 9b TVöD,
2,M. Muster,st,lk,2021-04-01,2000.00,3,0.5,EG 10,
EOF
run transfer remove 1
expect_status 0
expect_err <<'EOF'
verbund: transfer '1' removed
EOF
ok member remove sg
run transfer list --format csv
expect_out <<'EOF'
id,person,from,to,date,credit,years,fte,grade,notes
2,M. Muster,st,lk,2021-04-01,2000.00,3,0.5,EG 10,
EOF

finish
