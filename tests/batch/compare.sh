#!/bin/sh
# compare: a year beside an earlier one (or plan beside actual), each
# member's change split into cost, share and transfers effects (§2),
# in every format, computed by hand below.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add a --name Alpha --joined 2020-01-01
ok member add b --name Beta --joined 2020-01-01
ok member add c --name Gamma --joined 2024-07-01
ok key add eq --name Gleich --equal
ok key add users --name Nutzer --metric users
ok service add net --name Netz --key eq
ok service add hd --name Helpdesk --key users
ok figure set a users 2023 1
ok figure set b users 2023 2
ok figure set c users 2024 1
ok cost set net 2023 300
ok cost set net 2024 916
ok cost set hd 2023 100
ok cost set hd 2024 101
ok transfer add --person 'Erika Muster' --from b --to a --date 2024-01-01 --credit 100 --years 1

# net (equal): 2023 a, b 150.00 each; 2024 a, b 366 days, c 184 of 366:
#   a, b 366.00, c 184.00.  Cost effect of a: 150.00 * 916 / 300 - 150.00
#   = 308.00; share effect 366.00 - 150.00 - 308.00 = -92.00.
# hd (users a 1, b 2, c 1): 2023 weights 365, 730: a 33.33, b 66.67;
#   2024 weights 366, 732, 184 of 1282: 2883.46, 5766.93, 1449.61 cents,
#   the two missing cents to b and c: a 28.83, b 57.67, c 14.50.
#   Cost effect of a: 33.33 * 101 / 100 = 33.6633 -> 33.66, minus 33.33
#   = 0.33, share effect 28.83 - 33.33 - 0.33 = -4.83; of b: 66.67 * 1.01
#   = 67.3367 -> 67.34: 0.67 and 57.67 - 66.67 - 0.67 = -9.67.
# transfer b -> a: 100.00 for all of 2024, none in 2023.
# a: 183.33 -> 494.83, delta 311.50 = 308.33 - 96.83 + 100.00
# b: 216.67 -> 323.67, delta 107.00 = 308.67 - 101.67 - 100.00
# c: 0.00 -> 198.50, all of it share effect (it joined)
run compare --year 2024 --format csv
expect_status 0
no_err
expect_out <<'EOF2'
code,name,before,after,delta,cost_effect,share_effect,transfers_effect
a,Alpha,183.33,494.83,311.50,308.33,-96.83,100.00
b,Beta,216.67,323.67,107.00,308.67,-101.67,-100.00
c,Gamma,0.00,198.50,198.50,0.00,198.50,0.00
TOTAL,,400.00,1017.00,617.00,617.00,0.00,0.00
EOF2
# the same with the defaults spelt out
run compare --year 2024 --against 2023 --basis actual --against-basis actual --format csv
expect_out <<'EOF2'
code,name,before,after,delta,cost_effect,share_effect,transfers_effect
a,Alpha,183.33,494.83,311.50,308.33,-96.83,100.00
b,Beta,216.67,323.67,107.00,308.67,-101.67,-100.00
c,Gamma,0.00,198.50,198.50,0.00,198.50,0.00
TOTAL,,400.00,1017.00,617.00,617.00,0.00,0.00
EOF2

run compare --year 2024 --explain --format csv
expect_status 0
expect_out <<'EOF2'
code,service,before,after,delta,cost_effect,share_effect
a,hd,33.33,28.83,-4.50,0.33,-4.83
a,net,150.00,366.00,216.00,308.00,-92.00
a,transfers,0.00,100.00,100.00,,
b,hd,66.67,57.67,-9.00,0.67,-9.67
b,net,150.00,366.00,216.00,308.00,-92.00
b,transfers,0.00,-100.00,-100.00,,
c,hd,0.00,14.50,14.50,0.00,14.50
c,net,0.00,184.00,184.00,0.00,184.00
TOTAL,,400.00,1017.00,617.00,617.00,0.00
EOF2

run compare --year 2024 --member a --explain --format json
expect_status 0
expect_out <<'EOF2'
{
  "year": 2024,
  "basis": "actual",
  "against": 2023,
  "against_basis": "actual",
  "members": [
    {"code": "a", "name": "Alpha", "before_cents": 18333, "after_cents": 49483, "delta_cents": 31150, "cost_effect_cents": 30833, "share_effect_cents": -9683, "transfers_effect_cents": 10000, "services": {"hd": {"before_cents": 3333, "after_cents": 2883, "delta_cents": -450, "cost_effect_cents": 33, "share_effect_cents": -483}, "net": {"before_cents": 15000, "after_cents": 36600, "delta_cents": 21600, "cost_effect_cents": 30800, "share_effect_cents": -9200}}}
  ],
  "delta_cents": 31150
}
EOF2

run compare --year 2024 --member c --format md
expect_out <<'EOF2'
| code  | name  | before |  after |  delta | cost_effect | share_effect | transfers_effect |
| ----- | ----- | -----: | -----: | -----: | ----------: | -----------: | ---------------: |
| c     | Gamma |   0.00 | 198.50 | 198.50 |        0.00 |       198.50 |             0.00 |
| TOTAL |       |   0.00 | 198.50 | 198.50 |        0.00 |       198.50 |             0.00 |
EOF2

run compare --year 2024 --member b --format csv-de
printf '\357\273\277code;name;before;after;delta;cost_effect;share_effect;transfers_effect\r\nb;Beta;216,67;323,67;107,00;308,67;-101,67;-100,00\r\nTOTAL;;216,67;323,67;107,00;308,67;-101,67;-100,00\r\n' >"$T/de"
expect_out_file "$T/de"

# for people: which years stand beside each other goes to stderr
run compare --year 2024 --member b --format table
expect_err <<'EOF2'
verbund: 2024 (actual) against 2023 (actual)
EOF2
expect_out <<'EOF2'
code   name  before   after   delta  cost_effect  share_effect  transfers_effect
-----  ----  ------  ------  ------  -----------  ------------  ----------------
b      Beta  216.67  323.67  107.00       308.67       -101.67           -100.00
TOTAL        216.67  323.67  107.00       308.67       -101.67           -100.00
EOF2

# plan against actual of the same year: net plan 458.00 (a, b 183.00,
# c 92.00), hd plan as actual.  Everything is the cost effect:
# a 183.00 * 916 / 458 - 183.00 = 183.00.
ok cost set net 2024 458 --basis plan
ok cost set hd 2024 101 --basis plan
run compare --year 2024 --against 2024 --against-basis plan --format csv
expect_status 0
expect_out <<'EOF2'
code,name,before,after,delta,cost_effect,share_effect,transfers_effect
a,Alpha,311.83,494.83,183.00,183.00,0.00,0.00
b,Beta,140.67,323.67,183.00,183.00,0.00,0.00
c,Gamma,106.50,198.50,92.00,92.00,0.00,0.00
TOTAL,,559.00,1017.00,458.00,458.00,0.00,0.00
EOF2

# refusals
run compare --year 2024 --against 2025
expect_status 1
no_out
expect_err <<'EOF2'
verbund: compare: --against 2025 is after --year 2024: compare a year with an earlier one
EOF2
run compare --year 2024 --against-basis soll
expect_status 2
run compare --year 2024 --against 24x
expect_status 1
expect_err <<'EOF2'
verbund: compare: --against: "24x" is not a year
EOF2
# either year without costs of its basis (spec §3.4)
run compare --year 2025
expect_status 1
expect_err <<'EOF2'
verbund: compare: there are no actual costs for 2025; years with actual costs: 2023, 2024
EOF2
run compare --year 2024 --against 2022
expect_status 1
expect_err <<'EOF2'
verbund: compare: there are no actual costs for 2022; years with actual costs: 2023, 2024
EOF2
ok member add d --name Delta --joined 2030-01-01
run compare --year 2024 --member d
expect_status 1
expect_err <<'EOF2'
verbund: compare: member 'd' takes part neither in 2024 (actual) nor in 2023 (actual)
EOF2

finish
