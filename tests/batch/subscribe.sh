#!/bin/sh
# subscribe/unsubscribe/subscription list: periods, overlaps, refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok member add a --name 'Stadt A' --joined 2020-01-01
ok member add b --name 'Gemeinde B' --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add wlan --name WLAN --key eq --subscription
ok service add ho --name Homeoffice --key eq --subscription

run subscribe a wlan --from 2024-01-01
expect_status 0
no_out
expect_err <<'EOF'
verbund: subscription 'a/wlan/2024-01-01' added
EOF
ok subscribe a wlan --from 1.1.2023 --until 30.6.2023
ok subscribe b wlan --from 2023-07-01 --until 2023-07-01
ok subscribe b ho --from 2022-02-28

run subscription list --format csv
expect_status 0
expect_out <<'EOF'
member,service,from,until
a,wlan,2023-01-01,2023-06-30
a,wlan,2024-01-01,
b,ho,2022-02-28,
b,wlan,2023-07-01,2023-07-01
EOF
no_err
run subscription list --service wlan --member b --format csv
expect_out <<'EOF'
member,service,from,until
b,wlan,2023-07-01,2023-07-01
EOF
run subscription list --member a --format json
expect_out <<'EOF'
[
  {"member": "a", "service": "wlan", "from": "2023-01-01", "until": "2023-06-30"},
  {"member": "a", "service": "wlan", "from": "2024-01-01", "until": null}
]
EOF

# --- refusals -------------------------------------------------------------
snapshot
# an open period overlaps everything after its start
run subscribe a wlan --from 2024-06-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: member 'a' already subscribes to 'wlan' from 2024-01-01 until open end; periods must not overlap
EOF
# touching the last day is an overlap (dates are inclusive)
run subscribe a wlan --from 2022-01-01 --until 2023-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: member 'a' already subscribes to 'wlan' from 2023-01-01 until 2023-06-30; periods must not overlap
EOF
run subscribe a wlan --from 2023-06-30 --until 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: subscribe: member 'a' already subscribes to 'wlan' from 2023-01-01 until 2023-06-30; periods must not overlap
EOF
# an open new period before an existing one
run subscribe a wlan --from 2022-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: member 'a' already subscribes to 'wlan' from 2023-01-01 until 2023-06-30; periods must not overlap
EOF
run subscribe a wlan --from 2024-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: subscription 'a/wlan/2024-01-01' already exists
EOF
run subscribe a wlan --from 2022-01-01 --until 2021-12-31
expect_status 1
expect_err <<'EOF'
verbund: subscribe: subscription: until (2021-12-31) is before from (2022-01-01)
EOF
run subscribe a wlan
expect_status 2
expect_err <<'EOF'
verbund: subscribe: --from is required (see 'verbund help subscribe')
EOF
run subscribe a wlan --from 2023-02-29
expect_status 1
expect_err <<'EOF'
verbund: subscribe: --from: "2023-02-29" is not a valid date (YYYY-MM-DD or D.M.YYYY)
EOF
run subscribe zz wlan --from 2024-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: member: there is no member 'zz'
EOF
run subscribe a zz --from 2024-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: service: there is no service 'zz'
EOF
run subscribe a --from 2024-01-01
expect_status 2
expect_err <<'EOF'
verbund: subscribe: missing argument; usage: verbund subscribe MEMBER SERVICE --from DATE [--until DATE] (see 'verbund help subscribe')
EOF
run unsubscribe a wlan
expect_status 2
expect_err <<'EOF'
verbund: unsubscribe: --until is required (see 'verbund help unsubscribe')
EOF
run unsubscribe a wlan --until 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: unsubscribe: member 'a' has no subscription to 'wlan' running on 2023-12-31
EOF
run unsubscribe a wlan --until 2022-12-31
expect_status 1
expect_err <<'EOF'
verbund: unsubscribe: member 'a' has no subscription to 'wlan' running on 2022-12-31
EOF
run unsubscribe a wlan --from 2024-01-01 --until 2024-12-31
expect_status 2
expect_err <<'EOF'
verbund: unsubscribe: unknown option '--from' (see 'verbund help unsubscribe')
EOF
# a member with subscriptions cannot be removed
run member remove b
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'b' is still referred to (subscriptions: 2); a member that leaves gets a left date and status former instead
EOF
run service remove wlan
expect_status 1
expect_err <<'EOF'
verbund: service remove: service 'wlan' is still referred to (subscriptions: 3); remove or change those first
EOF
unchanged

# --- unsubscribe ends the period running on the date ---------------------
run unsubscribe a wlan --until 2024-12-31
expect_status 0
no_out
expect_err <<'EOF'
verbund: subscription of 'a' to 'wlan' ends on 2024-12-31
EOF
# it may also shorten a closed period
run unsubscribe a wlan --until 2023-03-31
expect_status 0
expect_err <<'EOF'
verbund: subscription of 'a' to 'wlan' ends on 2023-03-31
EOF
# the first day of a period is a day on which it runs
ok unsubscribe b ho --until 2022-02-28
# after the end, a new period may start the next day
ok subscribe a wlan --from 2025-01-01
run subscription list --format csv
expect_out <<'EOF'
member,service,from,until
a,wlan,2023-01-01,2023-03-31
a,wlan,2024-01-01,2024-12-31
a,wlan,2025-01-01,
b,ho,2022-02-28,2022-02-28
b,wlan,2023-07-01,2023-07-01
EOF

finish
