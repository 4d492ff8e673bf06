#!/bin/sh
# What a command changes is logged completely: side effects (the host
# role) get their entry (cascades: tests/unit/test_store.c, the TUI's
# delete: tests/tui/entities.sh); imports refuse repeated identities and host conflicts, and
# an import that changes nothing writes nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

U=$(id -un 2>/dev/null || echo "${USER:-}")
new_federation
ok member add a --name A --kind landkreis
ok member add b --name B

# --- moving the host role logs both members --------------------------------
VERBUND_NOW=2026-02-01T08:00:00Z ok member set b --host
run log --since 2026-02-01 --format csv
expect_status 0
expect_out <<EOF
time,user,action,entity,code,before,after
2026-02-01T08:00:00Z,$U,set,member,a,"{""code"": ""a"", ""name"": ""A"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}","{""code"": ""a"", ""name"": ""A"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": false, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
2026-02-01T08:00:00Z,$U,set,member,b,"{""code"": ""b"", ""name"": ""B"", ""kind"": ""gemeinde"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": false, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}","{""code"": ""b"", ""name"": ""B"", ""kind"": ""gemeinde"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
EOF
# a write of the same values again is no change and no entry
VERBUND_NOW=2026-02-02T08:00:00Z ok member set b --name B
run log --since 2026-02-02 --format csv
expect_out <<EOF
time,user,action,entity,code,before,after
EOF

# --- imports ---------------------------------------------------------------
D=$T/data
mkdir "$D"
ok member set a --host
ok key add eq --name Gleich --equal
ok key add usr --name Nutzer --metric users
ok service add net --name Netz --key eq
snapshot
# the same identity twice: both lines named
printf 'code,name\nc,C\nd,D\nc,C2\n' >"$D/dup.csv"
run import members "$D/dup.csv"
expect_status 1
no_out
expect_err <<EOF
verbund: import: $D/dup.csv:4: member 'c' is also on line 2; a file names each record once
EOF
unchanged
printf 'member,metric,year,value\na,users,2024,1\na,users,2024,2\n' >"$D/dupfig.csv"
run import figures "$D/dupfig.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/dupfig.csv:3: figure 'a/users/2024' is also on line 2; a file names each record once
EOF
unchanged
# a cost's basis defaults to actual: both lines name the same cost
printf 'service,year,basis,amount\nnet,2024,,10\nnet,2024,actual,20\n' >"$D/dupcost.csv"
run import costs "$D/dupcost.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/dupcost.csv:3: cost 'net/2024/actual' is also on line 2; a file names each record once
EOF
unchanged
printf '[{"code": "x", "name": "X"},\n {"code": "x", "name": "Y"}]\n' >"$D/dup.json"
run import members "$D/dup.json"
expect_status 1
expect_err <<EOF
verbund: import: $D/dup.json:2: member 'x' is also on line 1; a file names each record once
EOF
unchanged
# two members marked host
printf 'code,host\na,true\nb,true\n' >"$D/hosts.csv"
run import members "$D/hosts.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/hosts.csv:3: member 'b' is marked host, and so is member 'a' on line 2; a federation has one host
EOF
unchanged
# the host marked false with no other host
printf 'code,host\nb,false\na,false\n' >"$D/nohost.csv"
run import members "$D/nohost.csv"
expect_status 1
expect_err <<EOF
verbund: import: $D/nohost.csv:3: member 'a' is the host and marked false, and no other member is marked host; mark the new host true
EOF
unchanged
# nothing changes: nothing written, not even a log entry
printf 'code,name,host\na,A,true\nb,B,false\n' >"$D/same.csv"
run import members "$D/same.csv"
expect_status 0
no_out
expect_err <<EOF
verbund: nothing changed: the 2 records of $D/same.csv are stored already
EOF
unchanged
printf 'code,name,kind\n' >"$D/header.csv"
run import members "$D/header.csv"
expect_status 0
expect_err <<EOF
verbund: imported 0 records from $D/header.csv
EOF
unchanged
# the role moves to a member marked true in a later line; both logged
printf 'code,host\na,false\nb,true\n' >"$D/move.csv"
VERBUND_NOW=2026-02-04T08:00:00Z ok import members "$D/move.csv"
run log --since 2026-02-04 --format csv
cut -d, -f3-5 "$OUT" >"$T/got"
expect_file "$T/got" <<EOF
action,entity,code
set,member,a
set,member,b
import,members,$D/move.csv
EOF
run member list --format csv
cut -d, -f1,7 "$OUT" >"$T/got"
expect_file "$T/got" <<'EOF'
code,host
a,false
b,true
EOF

# --- ranges: refused, and the export stays byte-identical ------------------
ok service set net --subscription
run export --format json
cp "$OUT" "$T/export-before"
snapshot
run transfer add --person P --from a --to b --date 2024-01-01 --credit 0 --years 1
expect_status 1
expect_err <<'EOF'
verbund: transfer add: transfer: the credit must be above 0
EOF
run transfer add --person P --from a --to b --date 2024-01-01 --credit 10 --years 0
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --years: "0" is not a whole number from 1 to 100
EOF
run member set a --joined 2024-01-01 --left 2023-12-31
expect_status 1
expect_err <<'EOF'
verbund: member set: member 'a': left (2023-12-31) is before joined (2024-01-01)
EOF
run subscribe a net --from 2024-02-01 --until 2024-01-01
expect_status 1
expect_err <<'EOF'
verbund: subscribe: subscription: until (2024-01-01) is before from (2024-02-01)
EOF
run member set b --host=false
expect_status 1
expect_err <<'EOF'
verbund: member set: member 'b' is the host; there must always be one: give the role to another member with --host
EOF
unchanged
run export --format json
expect_out_file "$T/export-before"

finish
