#!/bin/sh
# allocate: the spec's worked example, published largest-remainder cases,
# the real composite keys (Traunstein, Rosenheim), grants, transfers,
# explanations and the errors that stop an allocation.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add a --name A --joined 2020-01-01
ok member add b --name B --joined 2020-01-01
ok member add c --name C --joined 2024-07-01
ok figure set --new-metric a users 2024 100
ok figure set --new-metric b users 2024 50
ok figure set --new-metric c users 2024 50
ok key add users --name Nutzer --metric users
ok service add helpdesk --name Helpdesk --key users
ok cost set helpdesk 2024 10000

# Worked example of the spec: weights 36600, 18300, 9200; the two missing
# cents go to A and C.
run allocate --year 2024 --format csv
expect_status 0
expect_out <<'EOF2'
code,name,helpdesk,transfers,total
a,A,5709.83,0.00,5709.83
b,B,2854.91,0.00,2854.91
c,C,1435.26,0.00,1435.26
TOTAL,,10000.00,0.00,10000.00
EOF2
: | expect_err

run allocate --year 2024 --explain --format csv
expect_out <<'EOF2'
code,service,key,value,value_year,days,weight,quota,remainder_cent,share
a,helpdesk,users,100,2024,366,36600,366000000/641,true,5709.83
b,helpdesk,users,50,2024,366,18300,183000000/641,false,2854.91
c,helpdesk,users,50,2024,184,9200,92000000/641,true,1435.26
EOF2

run allocate --year 2024 --format json
expect_out <<'EOF2'
{
  "year": 2024,
  "basis": "actual",
  "currency": "EUR",
  "services": [
    {"code": "helpdesk", "name": "Helpdesk", "key": "users", "cost_cents": 1000000, "grant_cents": 0, "net_cents": 1000000}
  ],
  "members": [
    {"code": "a", "name": "A", "shares": {"helpdesk": 570983}, "transfers_cents": 0, "total_cents": 570983},
    {"code": "b", "name": "B", "shares": {"helpdesk": 285491}, "transfers_cents": 0, "total_cents": 285491},
    {"code": "c", "name": "C", "shares": {"helpdesk": 143526}, "transfers_cents": 0, "total_cents": 143526}
  ],
  "total_cents": 1000000
}
EOF2

# the plan basis has no costs yet: refused, naming the years that have
# them (none)
run allocate --year 2024 --basis plan --format csv
expect_status 1
no_out
expect_err <<'EOF2'
verbund: allocate: there are no plan costs for 2024; no year has plan costs yet
EOF2

# csv-de for German spreadsheets
run allocate --year 2024 --format csv-de
printf '\357\273\277code;name;helpdesk;transfers;total\r\na;A;5709,83;0,00;5709,83\r\nb;B;2854,91;0,00;2854,91\r\nc;C;1435,26;0,00;1435,26\r\nTOTAL;;10000,00;0,00;10000,00\r\n' >"$T/de"
expect_out_file "$T/de"

# ---- errors: exit 1, the reason on stderr, nothing on stdout
ok figure remove c users 2024
run allocate --year 2024
expect_status 1
: | expect_out
expect_err <<'EOF2'
verbund: allocate: member 'c' has no figure 'users' for 2024 or earlier
EOF2
ok figure set --new-metric c users 2023 50
run allocate --year 2024 --format csv
expect_status 0
ok member set a --left 2019-12-31 --joined 2019-01-01
ok member set b --left 2019-12-31 --joined 2019-01-01
ok member set c --joined ''
run allocate --year 2024
expect_status 1
: | expect_out
expect_err <<'EOF2'
verbund: allocate: service 'helpdesk' has costs in 2024 but no participating member
EOF2
run allocate --year 2024 --format xml
expect_status 2
run allocate
expect_status 2
run allocate --year 24x
expect_status 1

# ---- Hare-Niemeyer: 8 seats, 10,000 / 6,000 / 1,500 votes -> 4 / 3 / 1
new_federation
ok member add p --name P --joined 2020-01-01
ok member add q --name Q --joined 2020-01-01
ok member add r --name R --joined 2020-01-01
ok figure set --new-metric p votes 2020 10000
ok figure set --new-metric q votes 2020 6000
ok figure set --new-metric r votes 2020 1500
ok key add votes --name Stimmen --metric votes
ok key add pct --name Prozent --fixed p=57.073,q=28.5365,r=14.3905
ok service add seats --name Sitze --key votes
ok service add fix --name Fest --key pct
ok cost set seats 2024 0.08
# 15.60 EUR by 57.073 % / 28.5365 % / 14.3905 % -> 8.90 / 4.45 / 2.25
ok cost set fix 2024 15.60
run allocate --year 2024 --format csv
expect_out <<'EOF2'
code,name,fix,seats,transfers,total
p,P,8.90,0.04,0.00,8.94
q,Q,4.45,0.03,0.00,4.48
r,R,2.25,0.01,0.00,2.26
TOTAL,,15.60,0.08,0.00,15.68
EOF2
# a key that gives no weight to any participant
ok key add none --name Keiner --metric nothing
ok figure set --new-metric p nothing 2020 0
ok figure set --new-metric q nothing 2020 0
ok figure set --new-metric r nothing 2020 0
ok service set seats --key none
run allocate --year 2024
expect_status 1
expect_err <<'EOF2'
verbund: allocate: key 'none' gives no weight to any participant of service 'seats'
EOF2

# ---- Traunstein: 50 % equal base + 50 % population of the previous year,
# carried forward from the latest year at or before 2023
new_federation
ok member add x --name X --joined 2020-01-01
ok member add y --name Y --joined 2020-01-01
ok member add z --name Z --joined 2020-01-01
ok figure set --new-metric x population 2022 1000
ok figure set --new-metric x population 2023 2000
ok figure set --new-metric x population 2024 9000
ok figure set --new-metric y population 2022 3000
ok figure set --new-metric z population 2021 5000
ok key add base --name Sockel --equal
ok key add popprev --name 'Einwohner Vorjahr' --metric population --offset -1
ok key add isb --name ISB --composite base=50,popprev=50
ok service add isb --name Informationssicherheit --key isb
ok cost set isb 2024 1000
run allocate --year 2024 --explain --format csv
expect_out <<'EOF2'
code,service,key,value,value_year,days,weight,quota,remainder_cent,share
x,isb,base,1,,366,366,50000/3,true,166.67
x,isb,popprev,2000,2023,366,732000,10000/1,false,100.00
y,isb,base,1,,366,366,50000/3,true,166.67
y,isb,popprev,3000,2022,366,1098000,15000/1,false,150.00
z,isb,base,1,,366,366,50000/3,false,166.66
z,isb,popprev,5000,2021,366,1830000,25000/1,false,250.00
EOF2
run allocate --year 2024 --format csv
expect_out <<'EOF2'
code,name,isb,transfers,total
x,X,266.67,0.00,266.67
y,Y,316.67,0.00,316.67
z,Z,416.66,0.00,416.66
TOTAL,,1000.00,0.00,1000.00
EOF2

# ---- Rosenheim: the Landkreis carries 30 %; 70 % are shared half equally
# and half by population among the municipalities (host excluded)
new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok member add m1 --name 'Gemeinde 1' --joined 2020-01-01
ok member add m2 --name 'Gemeinde 2' --joined 2020-01-01
ok figure set --new-metric m1 population 2020 1000
ok figure set --new-metric m2 population 2020 3000
ok key add host30 --name Landkreis --fixed lk=100
ok key add base --name Sockel --equal --exclude lk
ok key add pop --name Einwohner --metric population --exclude lk
ok key add ros --name Rosenheim --composite host30=30,base=35,pop=35
ok service add isb --name ISB --key ros
ok cost set isb 2024 10000
run allocate --year 2024 --format csv
expect_out <<'EOF2'
code,name,isb,transfers,total
lk,Landkreis,3000.00,0.00,3000.00
m1,Gemeinde 1,2625.00,0.00,2625.00
m2,Gemeinde 2,4375.00,0.00,4375.00
TOTAL,,10000.00,0.00,10000.00
EOF2

# ---- grants: larger than the cost (a credit), and spread over two years
new_federation
ok member add p --name P --joined 2020-01-01
ok member add q --name Q --joined 2020-01-01
ok member add r --name R --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add s --name S --key eq
ok service add t --name T --key eq
ok cost set s 2024 100
ok grant add big --name Gross --amount 300 --from 2024-01-01 --until 2024-12-31 --service s
run allocate --year 2024 --format csv
expect_out <<'EOF2'
code,name,s,transfers,total
p,P,-66.67,0.00,-66.67
q,Q,-66.67,0.00,-66.67
r,R,-66.66,0.00,-66.66
TOTAL,,-200.00,0.00,-200.00
EOF2
# 1000.00 from 2023-07-01 to 2024-06-30: 184 and 182 days -> 502.73 and 497.27;
# 2024: t is 2000.00 - 497.27 = 1502.73, three equal shares of 500.91
ok grant remove big
ok cost set t 2023 2000
ok cost set t 2024 2000
ok grant add span --name Span --amount 1000 --from 2023-07-01 --until 2024-06-30 --service t
run allocate --year 2023 --format json
expect_out <<'EOF2'
{
  "year": 2023,
  "basis": "actual",
  "currency": "EUR",
  "services": [
    {"code": "t", "name": "T", "key": "eq", "cost_cents": 200000, "grant_cents": 50273, "net_cents": 149727}
  ],
  "members": [
    {"code": "p", "name": "P", "shares": {"t": 49909}, "transfers_cents": 0, "total_cents": 49909},
    {"code": "q", "name": "Q", "shares": {"t": 49909}, "transfers_cents": 0, "total_cents": 49909},
    {"code": "r", "name": "R", "shares": {"t": 49909}, "transfers_cents": 0, "total_cents": 49909}
  ],
  "total_cents": 149727
}
EOF2
run allocate --year 2024 --format csv
expect_out <<'EOF2'
code,name,s,t,transfers,total
p,P,33.34,500.91,0.00,534.25
q,Q,33.33,500.91,0.00,534.24
r,R,33.33,500.91,0.00,534.24
TOTAL,,100.00,1502.73,0.00,1602.73
EOF2
# an all-services grant in a year without costs
ok grant add all --name Alle --amount 10 --from 2025-01-01 --until 2025-12-31
run allocate --year 2025
expect_status 1
expect_err <<'EOF2'
verbund: allocate: there are no actual costs for 2025; years with actual costs: 2023, 2024
EOF2
ok cost set s 2025 0
run allocate --year 2025
expect_status 1
expect_err <<'EOF2'
verbund: allocate: grant 'all' has a part in 2025 but no service has costs
EOF2

# ---- staff transfers: 52,000.00 a year for 5 years from 2020-03-01
new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2017-01-01
ok member add sg --name Samtgemeinde --kind samtgemeinde --joined 2020-03-01
ok key add eq --name Gleich --equal
ok service add s --name S --key eq
ok cost set s 2020 1000
ok cost set s 2025 1000
ok transfer add --person 'N. N.' --from sg --to lk --date 2020-03-01 --credit 52000 --years 5
# 2020: 306 of 366 days -> 43,475.41; 2025: until 2025-02-28, 59 of 365 days -> 8,405.48;
# the service itself by days: 366 and 306 of 672 -> 544.64 and 455.36
run allocate --year 2020 --format csv
expect_out <<'EOF2'
code,name,s,transfers,total
lk,Landkreis,544.64,43475.41,44020.05
sg,Samtgemeinde,455.36,-43475.41,-43020.05
TOTAL,,1000.00,0.00,1000.00
EOF2
run allocate --year 2025 --format csv
expect_out <<'EOF2'
code,name,s,transfers,total
lk,Landkreis,500.00,8405.48,8905.48
sg,Samtgemeinde,500.00,-8405.48,-7905.48
TOTAL,,1000.00,0.00,1000.00
EOF2

finish
