#!/bin/sh
# Did you mean (spec §3.4): a code that does not exist, an unknown
# command and an unknown option are refused with the closest existing
# one when one is near (edit distance up to 2, or a unique prefix).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add sg-brome --name Brome --joined 2024-01-01 --host
ok member add sg-boldecker-land --name 'Boldecker Land' --joined 2024-01-01
ok key add users --name Nutzer --metric users
ok key add equal --name Gleich --equal
ok service add helpdesk --name Helpdesk --key users
ok grant add land --name Land --amount 100 --from 2024-01-01 --until 2024-12-31
ok agreement add zv --title Zweckvereinbarung --type zweckvereinbarung
snapshot

# ---- codes of every entity
run member show sg-brom
expect_status 1
no_out
expect_err <<'EOF'
verbund: member show: there is no member 'sg-brom'; did you mean 'sg-brome'?
EOF
run member set sg-bmore --name X
expect_status 1
expect_err <<'EOF'
verbund: member set: there is no member 'sg-bmore'; did you mean 'sg-brome'?
EOF
run member remove sg-bold
expect_status 1
expect_err <<'EOF'
verbund: member remove: there is no member 'sg-bold'; did you mean 'sg-boldecker-land'?
EOF
run member show sg-b
expect_status 1
expect_err <<'EOF'
verbund: member show: there is no member 'sg-b'
EOF
run figure set sg-brme users 2024 5
expect_status 1
expect_err <<'EOF'
verbund: figure set: member: there is no member 'sg-brme'; did you mean 'sg-brome'?
EOF
run service show helpdsk
expect_status 1
expect_err <<'EOF'
verbund: service show: there is no service 'helpdsk'; did you mean 'helpdesk'?
EOF
run cost set helpdesc 2024 5
expect_status 1
expect_err <<'EOF'
verbund: cost set: service: there is no service 'helpdesc'; did you mean 'helpdesk'?
EOF
run service add net --name Netz --key user
expect_status 1
expect_err <<'EOF'
verbund: service add: key: there is no key 'user'; did you mean 'users'?
EOF
run key show eqal
expect_status 1
expect_err <<'EOF'
verbund: key show: there is no key 'eqal'; did you mean 'equal'?
EOF
run key add mix --name Mix --composite users=50,eqaul=50
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'mix': there is no key 'eqaul'; did you mean 'equal'?
EOF
run grant remove lnad
expect_status 1
expect_err <<'EOF'
verbund: grant remove: there is no grant 'lnad'; did you mean 'land'?
EOF
run agreement show zw
expect_status 1
expect_err <<'EOF'
verbund: agreement show: there is no agreement 'zw'; did you mean 'zv'?
EOF
run agreement version zx --from 2024-01-01 --parties sg-brome
expect_status 1
run subscribe sg-brome helpdek --from 2024-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: service: there is no service 'helpdek'; did you mean 'helpdesk'?
EOF
unchanged

# ---- commands and options
run membr list
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'membr'; did you mean 'member'? (see 'verbund --help')
EOF
run alocate --year 2024
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'alocate'; did you mean 'allocate'? (see 'verbund --help')
EOF
run frobnicate
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'frobnicate' (see 'verbund --help')
EOF
run member lst
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'member lst'; did you mean 'member list'? member takes:
  verbund member add CODE --name NAME [--kind K] [--status S] [--joined DATE] [--left DATE] [--host] […]
  verbund member set CODE [--name NAME] [--kind K] […]
  verbund member remove CODE
  verbund member list [--on DATE] [--kind K] [--status S]
  verbund member show CODE
EOF
run allocate --yaer 2024
expect_status 2
expect_err <<'EOF'
verbund: allocate: unknown option '--yaer'; did you mean '--year'? (see 'verbund help allocate')
EOF
run allocate --exp --year 2024
expect_status 2
expect_err <<'EOF'
verbund: allocate: unknown option '--exp'; did you mean '--explain'? (see 'verbund help allocate')
EOF
run figure set sg-brome users 2024 5 --new-metrics
expect_status 2
expect_err <<'EOF'
verbund: figure set: unknown option '--new-metrics'; did you mean '--new-metric'? (see 'verbund help figure set')
EOF
run --formt csv member list
expect_status 2
expect_err <<'EOF'
verbund: unknown option '--formt'; did you mean '--format'? (see 'verbund --help')
EOF
run member list --colour red
expect_status 2
expect_err <<'EOF'
verbund: member list: unknown option '--colour' (see 'verbund help member list')
EOF
unchanged

finish
