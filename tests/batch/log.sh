#!/bin/sh
# log: every change with time, user, action, entity, code, before and
# after, written with the change; filters; rejected commands log nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

U=$(id -un 2>/dev/null || echo "${USER:-}")
new_federation
ok member add lk --name Landkreis --kind landkreis
ok member set lk --phone '+49 1'
ok figure set --new-metric lk users 2024 5
VERBUND_NOW=2026-02-01T08:30:00Z ok figure set --new-metric lk users 2024 6
VERBUND_NOW=2026-02-02T09:00:00Z ok figure remove lk users 2024

run log --format csv
expect_status 0
no_err
expect_out <<EOF
time,user,action,entity,code,before,after
2026-01-15T10:00:00Z,$U,init,federation,,,"{""name"": ""Test""}"
2026-01-15T10:00:00Z,$U,add,member,lk,,"{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
2026-01-15T10:00:00Z,$U,set,member,lk,"{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}","{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": ""+49 1"", ""notes"": null}"
2026-01-15T10:00:00Z,$U,add,figure,lk/users/2024,,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 5}"
2026-02-01T08:30:00Z,$U,set,figure,lk/users/2024,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 5}","{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 6}"
2026-02-02T09:00:00Z,$U,remove,figure,lk/users/2024,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 6}",
EOF
run log --format json
expect_status 0
expect_out <<EOF
[
  {"time": "2026-01-15T10:00:00Z", "user": "$U", "action": "init", "entity": "federation", "code": "", "before": null, "after": {"name": "Test"}},
  {"time": "2026-01-15T10:00:00Z", "user": "$U", "action": "add", "entity": "member", "code": "lk", "before": null, "after": {"code": "lk", "name": "Landkreis", "kind": "landkreis", "status": "member", "joined": null, "left": null, "host": true, "contact": null, "email": null, "phone": null, "notes": null}},
  {"time": "2026-01-15T10:00:00Z", "user": "$U", "action": "set", "entity": "member", "code": "lk", "before": {"code": "lk", "name": "Landkreis", "kind": "landkreis", "status": "member", "joined": null, "left": null, "host": true, "contact": null, "email": null, "phone": null, "notes": null}, "after": {"code": "lk", "name": "Landkreis", "kind": "landkreis", "status": "member", "joined": null, "left": null, "host": true, "contact": null, "email": null, "phone": "+49 1", "notes": null}},
  {"time": "2026-01-15T10:00:00Z", "user": "$U", "action": "add", "entity": "figure", "code": "lk/users/2024", "before": null, "after": {"member": "lk", "metric": "users", "year": 2024, "value": 5}},
  {"time": "2026-02-01T08:30:00Z", "user": "$U", "action": "set", "entity": "figure", "code": "lk/users/2024", "before": {"member": "lk", "metric": "users", "year": 2024, "value": 5}, "after": {"member": "lk", "metric": "users", "year": 2024, "value": 6}},
  {"time": "2026-02-02T09:00:00Z", "user": "$U", "action": "remove", "entity": "figure", "code": "lk/users/2024", "before": {"member": "lk", "metric": "users", "year": 2024, "value": 6}, "after": null}
]
EOF

# --- filters -------------------------------------------------------------------
run log --since 2026-02-01 --format csv
expect_out <<EOF
time,user,action,entity,code,before,after
2026-02-01T08:30:00Z,$U,set,figure,lk/users/2024,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 5}","{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 6}"
2026-02-02T09:00:00Z,$U,remove,figure,lk/users/2024,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 6}",
EOF
run log --since 2.2.2026 --entity figure --format csv
expect_out <<EOF
time,user,action,entity,code,before,after
2026-02-02T09:00:00Z,$U,remove,figure,lk/users/2024,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 6}",
EOF
run log --entity member --format csv
cut -d, -f3-5 "$OUT" >"$T/got"
expect_file "$T/got" <<'EOF'
action,entity,code
add,member,lk
set,member,lk
EOF
# a code finds the record and the records named after it
run log --code lk --format csv
cut -d, -f3-5 "$OUT" >"$T/got"
expect_file "$T/got" <<'EOF'
action,entity,code
add,member,lk
set,member,lk
add,figure,lk/users/2024
set,figure,lk/users/2024
remove,figure,lk/users/2024
EOF
run log --code lk/users/2024 --since 2026-02-02 --format csv
cut -d, -f3-5 "$OUT" >"$T/got"
expect_file "$T/got" <<'EOF'
action,entity,code
remove,figure,lk/users/2024
EOF
run log --since 2030-01-01 --format csv
expect_out <<'EOF'
time,user,action,entity,code,before,after
EOF
run log --since bogus
expect_status 1
expect_err <<'EOF'
verbund: log: --since: "bogus" is not a valid date (YYYY-MM-DD or D.M.YYYY)
EOF
run log --who me
expect_status 2
expect_err <<'EOF'
verbund: log: unknown option '--who' (see 'verbund help log')
EOF

# --- rejected commands log nothing; unchanged records are no change ---------
run log --format csv
cp "$OUT" "$T/log.before"
run member add lk --name Again
expect_status 1
run member set lk --kind dorf
expect_status 2
run member remove lk
expect_status 0
ok member add lk --name Landkreis --kind landkreis
ok member set lk --kind landkreis
printf 'code,name\nlk,Landkreis\nxx,X,too many\n' >"$T/bad.csv"
run import members "$T/bad.csv"
expect_status 1
run log --since 2026-01-15 --format csv
cut -d, -f3-5 "$OUT" | tail -n 3 >"$T/got"
expect_file "$T/got" <<'EOF'
remove,figure,lk/users/2024
remove,member,lk
add,member,lk
EOF

# --- an import logs every record it changes, and itself ----------------------
printf 'code,name,phone\nlk,Landkreis,\nst,Stadt,\n' >"$T/m.csv"
VERBUND_NOW=2026-03-01T12:00:00Z ok import members "$T/m.csv"
run log --since 2026-03-01 --format csv
expect_out <<EOF
time,user,action,entity,code,before,after
2026-03-01T12:00:00Z,$U,add,member,st,,"{""code"": ""st"", ""name"": ""Stadt"", ""kind"": ""gemeinde"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": false, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
2026-03-01T12:00:00Z,$U,import,members,$T/m.csv,,"{""file"": ""$T/m.csv"", ""records"": 2}"
EOF

finish
