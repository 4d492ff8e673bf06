#!/bin/sh
# key add/set/remove/list/show: metric (with offset), equal, fixed
# (exactly 100), composite (weights 100, no cycles), excludes.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
for m in lk a b c; do
	ok member add $m --name "Mitglied $m" --joined 2020-01-01
done

run key add users --name Nutzer --metric users
expect_status 0
no_out
expect_err <<'EOF'
verbund: key 'users' added
EOF
ok key add pop --name 'Einwohner Vorjahr' --metric population --offset -1
ok key add eq --name Gleich --equal --exclude lk
ok key add fx --name Fest --fixed lk=30,a=40.5,b=29.5
ok key add third --name Drittel --fixed lk=33.3333,a=33.3333,b=33.3334
ok key add isb --name ISB --composite eq=50,pop=50 --exclude lk,c
ok key add top --name Gesamt --composite isb=70,fx=30

run key list --format csv
expect_status 0
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
eq,Gleich,equal,,0,,lk
fx,Fest,fixed,,0,"a=40.5,b=29.5,lk=30",
isb,ISB,composite,,0,"eq=50,pop=50","c,lk"
pop,Einwohner Vorjahr,metric,population,-1,,
third,Drittel,fixed,,0,"a=33.3333,b=33.3334,lk=33.3333",
top,Gesamt,composite,,0,"isb=70,fx=30",
users,Nutzer,metric,users,0,,
EOF
no_err
run key show pop --format json
expect_status 0
expect_out <<'EOF'
{
  "code": "pop",
  "name": "Einwohner Vorjahr",
  "method": "metric",
  "metric": "population",
  "offset": -1,
  "parts": [],
  "exclude": []
}
EOF
run key show isb --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
isb,ISB,composite,,0,"eq=50,pop=50","c,lk"
EOF
run key list --method composite --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
isb,ISB,composite,,0,"eq=50,pop=50","c,lk"
top,Gesamt,composite,,0,"isb=70,fx=30",
EOF
# the whole export shows parts as objects
run export keys --format json
expect_status 0
expect_out <<'EOF'
[
  {"code": "eq", "name": "Gleich", "method": "equal", "metric": null, "offset": 0, "parts": [], "exclude": ["lk"]},
  {"code": "fx", "name": "Fest", "method": "fixed", "metric": null, "offset": 0, "parts": [{"member": "a", "percent": 40.5}, {"member": "b", "percent": 29.5}, {"member": "lk", "percent": 30}], "exclude": []},
  {"code": "isb", "name": "ISB", "method": "composite", "metric": null, "offset": 0, "parts": [{"key": "eq", "weight": 50}, {"key": "pop", "weight": 50}], "exclude": ["c", "lk"]},
  {"code": "pop", "name": "Einwohner Vorjahr", "method": "metric", "metric": "population", "offset": -1, "parts": [], "exclude": []},
  {"code": "third", "name": "Drittel", "method": "fixed", "metric": null, "offset": 0, "parts": [{"member": "a", "percent": 33.3333}, {"member": "b", "percent": 33.3334}, {"member": "lk", "percent": 33.3333}], "exclude": []},
  {"code": "top", "name": "Gesamt", "method": "composite", "metric": null, "offset": 0, "parts": [{"key": "isb", "weight": 70}, {"key": "fx", "weight": 30}], "exclude": []},
  {"code": "users", "name": "Nutzer", "method": "metric", "metric": "users", "offset": 0, "parts": [], "exclude": []}
]
EOF

# --- refusals ----------------------------------------------------------------
snapshot
run key add x --name X
expect_status 2
expect_err <<'EOF'
verbund: key add: give exactly one of --metric, --equal, --fixed, --composite (see 'verbund help key add')
EOF
run key add x --name X --equal --metric users
expect_status 2
expect_err <<'EOF'
verbund: key add: give exactly one of --metric, --equal, --fixed, --composite (see 'verbund help key add')
EOF
run key add x --name X --metric
expect_status 2
expect_err <<'EOF'
verbund: key add: option '--metric' needs a value (see 'verbund help key add')
EOF
run key add users --name X --equal
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'users' already exists
EOF
run key add x --equal
expect_status 1
expect_err <<'EOF'
verbund: key add: name is required
EOF
run key add x --name X --metric Users
expect_status 1
expect_err <<'EOF'
verbund: key add: --metric: "Users" is not a valid code (1–32 characters a–z, 0–9, _ and -)
EOF
run key add x --name X --equal --offset 1
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': only a metric key has a year offset
EOF
run key add x --name X --metric users --offset 101
expect_status 1
expect_err <<'EOF'
verbund: key add: --offset: "101" is not a whole number from -100 to 100
EOF
run key add x --name X --equal --exclude zz
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': exclude: there is no member 'zz'
EOF
run key add x --name X --equal --exclude a,a
expect_status 1
expect_err <<'EOF'
verbund: key add: --exclude: "a" is listed twice
EOF
# fixed: exactly 100
run key add x --name X --fixed lk=30,a=40
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': the percentages add up to 70, not exactly 100
EOF
run key add x --name X --fixed lk=30,a=70.0001
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': the percentages add up to 100.0001, not exactly 100
EOF
run key add x --name X --fixed lk=33.3333,a=33.3333,b=33.3333
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': the percentages add up to 99.9999, not exactly 100
EOF
run key add x --name X --fixed lk=30,a=70.00001
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "70.00001" is not a percentage between 0 and 100 with at most 4 decimals (use a decimal point)
EOF
run key add x --name X --fixed lk=101
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "101" is not a percentage between 0 and 100 with at most 4 decimals (use a decimal point)
EOF
run key add x --name X --fixed lk=-10,a=110
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "-10" is not a percentage between 0 and 100 with at most 4 decimals (use a decimal point)
EOF
run key add x --name X --fixed lk
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "lk" is not of the form code=number
EOF
run key add x --name X --fixed lk=30,a=70,5
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "5" is not of the form code=number
EOF
run key add x --name X --fixed lk=30,lk=70
expect_status 1
expect_err <<'EOF'
verbund: key add: --fixed: "lk" is listed twice
EOF
run key add x --name X --fixed lk=30,zz=70
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': there is no member 'zz'
EOF
run key add x --name X --fixed ''
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': a fixed key needs parts (--fixed member=percent,…)
EOF
# composite: weights 100, existing keys, no cycles
run key add x --name X --composite eq=50,pop=40
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': the weights add up to 90, not exactly 100
EOF
run key add x --name X --composite nokey=100
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x': there is no key 'nokey'
EOF
run key add x --name X --composite x=100
expect_status 1
expect_err <<'EOF'
verbund: key add: key 'x' cannot be a part of itself
EOF
run key set eq --composite top=100
expect_status 1
expect_err <<'EOF'
verbund: key set: key 'eq': part 'top' would make a cycle (it contains 'eq')
EOF
run key set isb --composite users=50,top=50
expect_status 1
expect_err <<'EOF'
verbund: key set: key 'isb': part 'top' would make a cycle (it contains 'isb')
EOF
run key set fx --composite fx=100
expect_status 1
expect_err <<'EOF'
verbund: key set: key 'fx' cannot be a part of itself
EOF
run key set nokey --equal
expect_status 1
expect_err <<'EOF'
verbund: key set: there is no key 'nokey'
EOF
# keys in use
run key remove eq
expect_status 1
expect_err <<'EOF'
verbund: key remove: key 'eq' is still referred to (composite keys: 1); remove or change those first
EOF
run key remove nokey
expect_status 1
expect_err <<'EOF'
verbund: key remove: there is no key 'nokey'
EOF
run member remove c
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'c' is still referred to (key exclusions: 1); a member that leaves gets a left date and status former instead
EOF
run member remove b
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'b' is still referred to (fixed key shares: 2); a member that leaves gets a left date and status former instead
EOF
no_out
unchanged

# --- set -------------------------------------------------------------------
ok key set users --offset -1
ok key set isb --exclude ''
# another method: parts, metric and offset of the old one go
run key set fx --equal
expect_status 0
expect_err <<'EOF'
verbund: key 'fx' saved
EOF
ok key set pop --fixed lk=100 --exclude a
ok key set third --name 'Ein Drittel'
ok key set eq --metric devices
run key list --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
eq,Gleich,metric,devices,0,,lk
fx,Fest,equal,,0,,
isb,ISB,composite,,0,"eq=50,pop=50",
pop,Einwohner Vorjahr,fixed,,0,lk=100,a
third,Ein Drittel,fixed,,0,"a=33.3333,b=33.3334,lk=33.3333",
top,Gesamt,composite,,0,"isb=70,fx=30",
users,Nutzer,metric,users,-1,,
EOF

# --- remove ----------------------------------------------------------------
run key remove top
expect_status 0
expect_err <<'EOF'
verbund: key 'top' removed
EOF
ok key remove isb
ok key remove eq
run key show eq
expect_status 1
expect_err <<'EOF'
verbund: key show: there is no key 'eq'
EOF
ok member remove c
run key list --format csv
expect_out <<'EOF'
code,name,method,metric,offset,parts,exclude
fx,Fest,equal,,0,,
pop,Einwohner Vorjahr,fixed,,0,lk=100,a
third,Ein Drittel,fixed,,0,"a=33.3333,b=33.3334,lk=33.3333",
users,Nutzer,metric,users,-1,,
EOF

finish
