#!/bin/sh
# check (spec §3.4) covers every year from the first to the last with a
# cost, figure, grant or advance: what stops an allocation (every
# problem of a year, as the engine finds it) and what is probably wrong,
# each finding with its year, entity and code.  Today is 2026-01-15
# (VERBUND_NOW); the advances warning is tested with VERBUND_NOW in
# March, after the first due date (02-15).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add a --name A --joined 2023-01-01 --host
ok member add b --name B --joined 2023-01-01
ok member add c --name C --joined 2024-01-01 --left 2025-06-30
ok member add d --name D --status former
ok key add users --name Nutzer --metric users
ok key add fix --name Fest --fixed c=100
ok service add hd --name Helpdesk --key users
ok service add net --name Netz --key fix
ok agreement add zv --title ZV --type zweckvereinbarung
ok agreement version zv --from 2023-01-01 --parties a,b
ok agreement sign zv 1 a --by X --date 2022-12-01
ok agreement sign zv 1 b --by Y --date 2022-12-01
ok figure set a users 2023 10
ok figure set b users 2023 10
ok figure set --new-metric a usres 2024 5
ok cost set hd 2023 100
ok cost set hd 2023 100 --basis plan
ok cost set hd 2024 100
ok cost set hd 2024 100 --basis plan
ok cost set hd 2026 100 --basis plan

# in 2026: the missing 2024 figure of c is found, every problem of a
# year at once, a year without costs, the status of c, d and key fix
run check --format csv
expect_status 1
expect_out <<'EOF'
severity,year,entity,code,message
warning,2023,key,fix,"fixed key 'fix' gives a share to member 'c', which does not share costs in 2023"
error,2024,figure,c,member 'c' has no figure 'users' for 2024 or earlier (key 'users' of service 'hd')
warning,2024,member,c,member 'c' shares costs on 366 days of 2024 on which no agreement version in force names it as a party (from 2024-01-01)
warning,2025,key,fix,"fixed key 'fix' gives a share to member 'c', which shares costs on only 181 days of 2025: the others carry the rest"
warning,2025,member,c,member 'c' shares costs on 181 days of 2025 on which no agreement version in force names it as a party (from 2025-01-01)
warning,2025,cost,,"2025 has no costs, plan or actual, although 2023 and 2026 have"
warning,2026,key,fix,"fixed key 'fix' gives a share to member 'c', which does not share costs in 2026"
warning,2025,member,c,"member 'c' left on 2025-06-30 but has status member, not former"
warning,,member,d,member 'd' has status former but no left date
warning,2026,key,fix,every member listed by fixed key 'fix' has left (the last on 2025-06-30)
warning,2024,figure,usres,"1 figure of metric 'usres', which no key reads; did you mean 'users'?"
EOF
expect_err <<'EOF'
verbund: 1 error, 10 warnings for 2023-2026
EOF

# one year only; every problem of that year at once
ok member add e --name E --joined 2024-01-01
ok service add solo --name Solo --key users --subscription
ok cost set solo 2024 50
run check --year 2024 --format csv
expect_status 1
expect_out <<'EOF'
severity,year,entity,code,message
error,2024,figure,c,member 'c' has no figure 'users' for 2024 or earlier (key 'users' of service 'hd')
error,2024,figure,e,member 'e' has no figure 'users' for 2024 or earlier (key 'users' of service 'hd')
error,2024,service,solo,service 'solo' has costs in 2024 but no participating member
warning,2024,cost,solo,service 'solo' has an actual cost for 2024 but no plan cost
warning,2024,member,c,member 'c' shares costs on 366 days of 2024 on which no agreement version in force names it as a party (from 2024-01-01)
warning,2024,member,e,member 'e' shares costs on 366 days of 2024 on which no agreement version in force names it as a party (from 2024-01-01)
warning,2025,member,c,"member 'c' left on 2025-06-30 but has status member, not former"
warning,,member,d,member 'd' has status former but no left date
warning,2026,key,fix,every member listed by fixed key 'fix' has left (the last on 2025-06-30)
warning,2024,figure,usres,"1 figure of metric 'usres', which no key reads; did you mean 'users'?"
EOF
expect_err <<'EOF'
verbund: 3 errors, 7 warnings for 2024
EOF

# the current year's plan without issued advances after the first due
# date (02-15)
ok member remove e
VERBUND_NOW=2026-03-01T10:00:00Z run check --year 2026 --format csv
expect_status 0
expect_out <<'EOF'
severity,year,entity,code,message
warning,2026,key,fix,"fixed key 'fix' gives a share to member 'c', which does not share costs in 2026"
warning,2025,member,c,"member 'c' left on 2025-06-30 but has status member, not former"
warning,,member,d,member 'd' has status former but no left date
warning,2026,key,fix,every member listed by fixed key 'fix' has left (the last on 2025-06-30)
warning,2026,advance,2026,"the plan of 2026 has no issued advances, although the first was due on 2026-02-15"
EOF
expect_err <<'EOF'
verbund: 0 errors, 5 warnings for 2026
EOF

finish
