#!/bin/sh
# member add/set/remove/list/show: fields, defaults, the host role,
# refusals.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation

# --- add ---------------------------------------------------------------
run member add lk --name 'Landkreis Gifhorn' --kind landkreis --joined 2017-01-01 \
	--contact 'Frau Müller' --email it@example.org --phone '+49 5371 82-0' \
	--notes "$(printf 'erste Zeile\nzweite\tZeile')"
expect_status 0
no_out
expect_err <<'EOF'
verbund: member 'lk' added
EOF
run member add st-a --name 'Stadt Ä' --kind stadt --status pilot --joined 1.3.2020
expect_status 0
expect_err <<'EOF'
verbund: member 'st-a' added
EOF
# defaults: kind gemeinde, status member, not the host
ok member add gm_b --name 'Gemeinde B'

run member list --format csv
expect_status 0
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
gm_b,Gemeinde B,gemeinde,member,,,false,,,,
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,true,Frau Müller,it@example.org,'+49 5371 82-0,"erste Zeile
zweite	Zeile"
st-a,Stadt Ä,stadt,pilot,2020-03-01,,false,,,,
EOF
no_err

run member show lk --format json
expect_status 0
expect_out <<'EOF'
{
  "code": "lk",
  "name": "Landkreis Gifhorn",
  "kind": "landkreis",
  "status": "member",
  "joined": "2017-01-01",
  "left": null,
  "host": true,
  "contact": "Frau Müller",
  "email": "it@example.org",
  "phone": "+49 5371 82-0",
  "notes": "erste Zeile\nzweite\tZeile"
}
EOF
run member show st-a --format csv
expect_status 0
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
st-a,Stadt Ä,stadt,pilot,2020-03-01,,false,,,,
EOF
run member list --format json
expect_status 0
expect_out <<'EOF'
[
  {"code": "gm_b", "name": "Gemeinde B", "kind": "gemeinde", "status": "member", "joined": null, "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": null},
  {"code": "lk", "name": "Landkreis Gifhorn", "kind": "landkreis", "status": "member", "joined": "2017-01-01", "left": null, "host": true, "contact": "Frau Müller", "email": "it@example.org", "phone": "+49 5371 82-0", "notes": "erste Zeile\nzweite\tZeile"},
  {"code": "st-a", "name": "Stadt Ä", "kind": "stadt", "status": "pilot", "joined": "2020-03-01", "left": null, "host": false, "contact": null, "email": null, "phone": null, "notes": null}
]
EOF

# --- add refusals: nothing changes -------------------------------------
snapshot
run member add lk --name Again
expect_status 1
expect_err <<'EOF'
verbund: member add: member 'lk' already exists
EOF
run member add x
expect_status 2
expect_err <<'EOF'
verbund: member add: --name is required (see 'verbund help member add')
EOF
run member add x --name X --kind dorf
expect_status 2
expect_err <<'EOF'
verbund: member add: --kind: "dorf" is not one of: landkreis, stadt, gemeinde, samtgemeinde, landschaftsverband, zweckverband, other
EOF
run member add x --name X --status aktiv
expect_status 2
expect_err <<'EOF'
verbund: member add: --status: "aktiv" is not one of: prospective, intent, pilot, member, former
EOF
run member add x --name X --joined 2024-01-01 --left 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: member add: member 'x': left (2023-12-31) is before joined (2024-01-01)
EOF
run member add x --name X --joined 2023-02-30
expect_status 1
expect_err <<'EOF'
verbund: member add: --joined: "2023-02-30" is not a valid date (YYYY-MM-DD or D.M.YYYY)
EOF
run member add x --name X --bogus
expect_status 2
expect_err <<'EOF'
verbund: member add: unknown option '--bogus' (see 'verbund help member add')
EOF
run member add x --name
expect_status 2
expect_err <<'EOF'
verbund: member add: option '--name' needs a value (see 'verbund help member add')
EOF
run member add x --name X y
expect_status 2
expect_err <<'EOF'
verbund: member add: unexpected argument 'y' (see 'verbund help member add')
EOF
no_out
unchanged

# --- set -----------------------------------------------------------------
run member set st-a --status former --left 31.12.2025 --notes ''
expect_status 0
expect_err <<'EOF'
verbund: member 'st-a' saved
EOF
run member set gm_b --contact 'Herr B' --email b@example.org
expect_status 0
# --host on another member moves the role
run member set gm_b --host
expect_status 0
# an empty value clears a field
ok member set lk --phone ''
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
gm_b,Gemeinde B,gemeinde,member,,,true,Herr B,b@example.org,,
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,false,Frau Müller,it@example.org,,"erste Zeile
zweite	Zeile"
st-a,Stadt Ä,stadt,former,2020-03-01,2025-12-31,false,,,,
EOF
run member list --status former --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
st-a,Stadt Ä,stadt,former,2020-03-01,2025-12-31,false,,,,
EOF
run member list --kind landkreis --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis Gifhorn,landkreis,member,2017-01-01,,false,Frau Müller,it@example.org,,"erste Zeile
zweite	Zeile"
EOF

snapshot
run member set zz --name X
expect_status 1
expect_err <<'EOF'
verbund: member set: there is no member 'zz'
EOF
run member set st-a --left 2019-12-31
expect_status 1
expect_err <<'EOF'
verbund: member set: member 'st-a': left (2019-12-31) is before joined (2020-03-01)
EOF
run member set lk --name ''
expect_status 1
expect_err <<'EOF'
verbund: member set: name is required
EOF
run member set lk --status
expect_status 2
expect_err <<'EOF'
verbund: member set: option '--status' needs a value (see 'verbund help member set')
EOF
# the host cannot give up the role by itself
run member set gm_b --host=false
expect_status 1
expect_err <<'EOF'
verbund: member set: member 'gm_b' is the host; there must always be one: give the role to another member with --host
EOF
unchanged

# --- show / remove ----------------------------------------------------
run member show zz
expect_status 1
no_out
expect_err <<'EOF'
verbund: member show: there is no member 'zz'
EOF
snapshot
run member remove gm_b
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'gm_b' is the host; give the role to another member (member set CODE --host) first
EOF
ok figure set --new-metric lk users 2024 10
run member remove lk
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'lk' is still referred to (figures: 1); a member that leaves gets a left date and status former instead
EOF
run member remove zz
expect_status 1
expect_err <<'EOF'
verbund: member remove: there is no member 'zz'
EOF
snapshot
unchanged
run member remove st-a
expect_status 0
expect_err <<'EOF'
verbund: member 'st-a' removed
EOF
run member show st-a
expect_status 1

# the only member left may be removed although it is the host
ok figure remove lk users 2024
ok member remove lk
run member remove gm_b
expect_status 0
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
EOF
# the first member becomes the host, also when it is not marked
ok member add z --name Z --status prospective
ok member add y --name Y
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
y,Y,gemeinde,member,,,false,,,,
z,Z,gemeinde,prospective,,,true,,,,
EOF
# a new member marked --host takes the role
ok member add w --name W --host
run member list --format csv
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
w,W,gemeinde,member,,,true,,,,
y,Y,gemeinde,member,,,false,,,,
z,Z,gemeinde,prospective,,,false,,,,
EOF

# --- grouping -----------------------------------------------------------
run member
expect_status 2
expect_err <<'EOF'
verbund: 'member' needs a subcommand; member takes:
  verbund member add CODE --name NAME [--kind K] [--status S] [--joined DATE] [--left DATE] [--host] […]
  verbund member set CODE [--name NAME] [--kind K] […]
  verbund member remove CODE
  verbund member list [--on DATE] [--kind K] [--status S]
  verbund member show CODE
EOF
run member frob
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'member frob'; member takes:
  verbund member add CODE --name NAME [--kind K] [--status S] [--joined DATE] [--left DATE] [--host] […]
  verbund member set CODE [--name NAME] [--kind K] […]
  verbund member remove CODE
  verbund member list [--on DATE] [--kind K] [--status S]
  verbund member show CODE
EOF

finish
