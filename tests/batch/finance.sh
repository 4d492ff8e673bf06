#!/bin/sh
# Finance's year: advances from the plan (instalments, due dates, issue),
# the final settlement, simulation of an accession, and savings.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add a --name A --joined 2020-01-01
ok member add b --name B --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add s --name S --key eq
# plan 20.02: each member 10.01 -> 2.51, 2.50, 2.50, 2.50
ok cost set s 2024 20.02 --basis plan
run advances --year 2024 --format csv
expect_status 0
expect_out <<'EOF2'
code,name,total,2024-02-15,2024-05-15,2024-08-15,2024-11-15
a,A,10.01,2.51,2.50,2.50,2.50
b,B,10.01,2.51,2.50,2.50,2.50
TOTAL,,20.02,5.02,5.00,5.00,5.00
EOF2
run advances --year 2024 --format json
expect_out <<'EOF2'
{
  "year": 2024,
  "issued": false,
  "due": ["2024-02-15", "2024-05-15", "2024-08-15", "2024-11-15"],
  "members": [
    {"code": "a", "name": "A", "total_cents": 1001, "installments_cents": [251, 250, 250, 250]},
    {"code": "b", "name": "B", "total_cents": 1001, "installments_cents": [251, 250, 250, 250]}
  ]
}
EOF2
# other numbers of instalments: the 15th of month 12/N*k + ceil(12/N/2)
for n in 1 2 3 6 12; do
	run advances --year 2024 --installments $n --format json
	expect_status 0
	grep '"due"' "$OUT" >"$T/due.$n"
done
expect_file "$T/due.1" <<'EOF2'
  "due": ["2024-06-15"],
EOF2
expect_file "$T/due.2" <<'EOF2'
  "due": ["2024-03-15", "2024-09-15"],
EOF2
expect_file "$T/due.3" <<'EOF2'
  "due": ["2024-02-15", "2024-06-15", "2024-10-15"],
EOF2
expect_file "$T/due.6" <<'EOF2'
  "due": ["2024-01-15", "2024-03-15", "2024-05-15", "2024-07-15", "2024-09-15", "2024-11-15"],
EOF2
expect_file "$T/due.12" <<'EOF2'
  "due": ["2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15", "2024-07-15", "2024-08-15", "2024-09-15", "2024-10-15", "2024-11-15", "2024-12-15"],
EOF2
run advances --year 2024 --installments 5
expect_status 2
# due dates from the configuration
cat >"$T/v.conf" <<'EOF2'
advances = { due = ["03-31", "09-30"]; };
EOF2
run --config "$T/v.conf" advances --year 2024 --format csv
expect_out <<'EOF2'
code,name,total,2024-03-31,2024-09-30
a,A,10.01,5.01,5.00
b,B,10.01,5.01,5.00
TOTAL,,20.02,10.02,10.00
EOF2
# a negative total (a grant larger than the cost) gets the amounts negated
ok service add g --name G --key eq
ok grant add credit --name Gutschrift --amount 40.04 --from 2024-01-01 --until 2024-12-31 --service g
run advances --year 2024 --format csv
expect_out <<'EOF2'
code,name,total,2024-02-15,2024-05-15,2024-08-15,2024-11-15
a,A,-10.01,-2.51,-2.50,-2.50,-2.50
b,B,-10.01,-2.51,-2.50,-2.50,-2.50
TOTAL,,-20.02,-5.02,-5.00,-5.00,-5.00
EOF2
ok grant remove credit

# settlement without issued advances: from the current plan
ok cost set s 2024 30 --basis actual
run settle --year 2024 --format csv
expect_out <<'EOF2'
code,name,actual,advances,balance
a,A,15.00,10.01,4.99
b,B,15.00,10.01,4.99
TOTAL,,30.00,20.02,9.98
EOF2

# issued advances stay as issued when the plan changes
run advances --year 2024 --issue --format csv
expect_status 0
expect_err <<'EOF2'
verbund: advances of 2024 issued for 2 members
EOF2
ok cost set s 2024 40 --basis plan
run advances --year 2024 --format csv
expect_out <<'EOF2'
code,name,total,2024-02-15,2024-05-15,2024-08-15,2024-11-15
a,A,10.01,2.51,2.50,2.50,2.50
b,B,10.01,2.51,2.50,2.50,2.50
TOTAL,,20.02,5.02,5.00,5.00,5.00
EOF2
run settle --year 2024 --format json
expect_out <<'EOF2'
{
  "year": 2024,
  "advances_issued": true,
  "members": [
    {"code": "a", "name": "A", "actual_cents": 1500, "advances_cents": 1001, "balance_cents": 499},
    {"code": "b", "name": "B", "actual_cents": 1500, "advances_cents": 1001, "balance_cents": 499}
  ],
  "balance_cents": 998
}
EOF2
# issued again: refused, naming when; --reissue replaces them from the new plan
snapshot
run advances --year 2024 --issue
expect_status 1
no_out
expect_err <<'EOF2'
verbund: advances: the advances of 2024 were issued on 2026-01-15T10:00:00Z; --reissue replaces them (the log keeps the earlier ones)
EOF2
unchanged
ok advances --year 2024 --reissue
run settle --year 2024 --format csv
expect_out <<'EOF2'
code,name,actual,advances,balance
a,A,15.00,20.00,-5.00
b,B,15.00,20.00,-5.00
TOTAL,,30.00,40.00,-10.00
EOF2
run log --entity advances --format csv
expect_out <<EOF2
time,user,action,entity,code,before,after
2026-01-15T10:00:00Z,$(id -un),issue,advances,2024,,"{""members"": 2, ""installments"": 4, ""total_cents"": 2002}"
2026-01-15T10:00:00Z,$(id -un),reissue,advances,2024,"{""issued"": ""2026-01-15T10:00:00Z"", ""due"": [""2024-02-15"", ""2024-05-15"", ""2024-08-15"", ""2024-11-15""], ""members"": [{""code"": ""a"", ""installments_cents"": [251, 250, 250, 250]}, {""code"": ""b"", ""installments_cents"": [251, 250, 250, 250]}], ""total_cents"": 2002}","{""members"": 2, ""installments"": 4, ""total_cents"": 4000}"
EOF2

# ---- simulate: the worked example's member C joining on 2024-07-01
new_federation
ok member add a --name A --joined 2020-01-01
ok member add b --name B --joined 2020-01-01
ok member add c --name C --status prospective
ok figure set --new-metric a users 2024 100
ok figure set --new-metric b users 2024 50
ok figure set --new-metric c users 2024 50
ok key add users --name Nutzer --metric users
ok service add helpdesk --name Helpdesk --key users --standalone 8000
ok cost set helpdesk 2024 10000 --basis plan
snapshot
run simulate --year 2024 --member c --joined 2024-07-01 --format csv
expect_status 0
expect_out <<'EOF2'
code,name,before,after,delta
a,A,6666.67,5709.83,-956.84
b,B,3333.33,2854.91,-478.42
c,C,0.00,1435.26,1435.26
TOTAL,,10000.00,10000.00,0.00
EOF2
unchanged
# a member described on the command line, 50 users from 1 January
run simulate --year 2024 --code neu --name 'Neue Gemeinde' --joined 2024-01-01 --figure users=50 --format json
expect_out <<'EOF2'
{
  "year": 2024,
  "basis": "plan",
  "members": [
    {"code": "a", "name": "A", "before_cents": 666667, "after_cents": 500000, "delta_cents": -166667},
    {"code": "b", "name": "B", "before_cents": 333333, "after_cents": 250000, "delta_cents": -83333},
    {"code": "neu", "name": "Neue Gemeinde", "before_cents": 0, "after_cents": 250000, "delta_cents": 250000}
  ]
}
EOF2
unchanged
run simulate --year 2024 --member a --name X
expect_status 2
run simulate --year 2024 --member nobody
expect_status 1
expect_err <<'EOF2'
verbund: simulate: there is no member 'nobody'
EOF2
run simulate --year 2024 --code a --name Doppelt --joined 2024-01-01
expect_status 1
run simulate --year 2024 --name Ohne --joined 2024-01-01
expect_status 1
expect_err <<'EOF2'
verbund: simulate: the new member 'new' lacks figures: give them with --figure users=VALUE
EOF2

# ---- savings: standalone 8,000.00 a year against the shares
ok member set c --joined 2024-07-01 --status member
ok cost set helpdesk 2024 10000
# A 8000.00 - 5709.83; B 8000.00 - 2854.91; C 8000.00 * 184 / 366 = 4021.86 - 1435.26
run savings --year 2024 --format csv
expect_out <<'EOF2'
code,name,standalone,share,savings
a,A,8000.00,5709.83,2290.17
b,B,8000.00,2854.91,5145.09
c,C,4021.86,1435.26,2586.60
TOTAL,,20021.86,10000.00,10021.86
EOF2

# no service with a standalone amount: said on stderr, with how to set one
ok service set helpdesk --standalone ''
run savings --year 2024 --format csv
expect_status 1
no_out
expect_err <<'EOF2'
verbund: savings: no service of 2024 has a standalone amount (what a member would pay to run it alone); set one with 'verbund service set CODE --standalone AMOUNT'
EOF2

# ---- simulate names every missing figure at once, and what supplies it
new_federation
ok member add a --name A --joined 2020-01-01
ok member add b --name B --joined 2020-01-01
ok figure set --new-metric a users 2024 100
ok figure set --new-metric b users 2024 50
ok figure set --new-metric a devices 2024 10
ok figure set --new-metric a sites 2024 3
ok figure set --new-metric b sites 2024 2
ok key add users --name Nutzer --metric users
ok key add devices --name Geräte --metric devices
ok key add sites --name Standorte --metric sites
ok service add helpdesk --name Helpdesk --key users
ok service add pcs --name Arbeitsplätze --key devices
ok service add netz --name Netz --key sites
ok cost set helpdesk 2024 1000 --basis plan
ok cost set pcs 2024 1000 --basis plan
ok cost set netz 2024 1000 --basis plan
# the new member lacks users and devices, member b lacks devices
run simulate --year 2024 --code neu --name Neu --joined 2024-01-01 --figure sites=1
expect_status 1
expect_err <<'EOF2'
verbund: simulate: the new member 'neu' lacks figures: give them with --figure users=VALUE,devices=VALUE; member 'b' has no figure 'devices' for 2024 or earlier ('verbund figure set b devices 2024 VALUE' records it)
EOF2
ok figure set b devices 2024 5
run simulate --year 2024 --code neu --name Neu --joined 2024-01-01 --figure sites=1,users=10
expect_status 1
expect_err <<'EOF2'
verbund: simulate: the new member 'neu' lacks figures: give them with --figure devices=VALUE
EOF2
run simulate --year 2024 --code neu --name Neu --joined 2024-01-01 --figure sites=1,users=10,devices=5 --format csv
expect_status 0

finish
