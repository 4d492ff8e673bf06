#!/bin/sh
# Output is streamed: lists far larger than the memory the program may
# use are written in every format; tables for people never cut a text
# in a pipe; out of memory is exit 1 with a message, never an abort.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation

# --- no cutting in a pipe -----------------------------------------------
long='Zweckverband für die gemeinsame Informationstechnik der Kommunen im Landkreis'
ok member add zv --name "$long" --kind zweckverband --joined 2020-01-01
run member list --format table
expect_status 0
dashes=$(printf '%s' "$long" | sed 's/./-/g')
expect_out <<EOF
code  name$(printf '%*s' $((${#dashes} - 4)) '')  kind          status  joined      left  host  contact  email  phone  notes
----  $dashes  ------------  ------  ----------  ----  ----  -------  -----  -----  -----
zv    $long  zweckverband  member  2020-01-01        true
EOF
run member show zv --format table
expect_status 0
expect_out <<EOF
code:    zv
name:    $long
kind:    zweckverband
status:  member
joined:  2020-01-01
left:
host:    true
contact:
email:
phone:
notes:
EOF

# --- memory does not grow with the rows ---------------------------------
# AddressSanitizer reserves terabytes of address space for its shadow
# memory: a limit on virtual memory cannot be tested in such a build.
if grep -q __asan_init "$VERBUND" 2>/dev/null; then
	echo "stream: the memory limits are not tested in a build with AddressSanitizer"
	finish
fi
# 5,000 members with 4,000-character notes: 20 MB of output in every
# format, listed within 40 MB of address space (holding the output, as
# the program once did, needs several times the output).
n=5000
awk -v n=$n 'BEGIN {
	note = sprintf("%4000s", ""); gsub(/ /, "x", note)
	print "code,name,kind,status,joined,notes"
	for (i = 1; i <= n; i++)
		printf "m%05d,Gemeinde %d,gemeinde,member,2020-01-01,%s\n", i, i, note
}' >"$T/big.csv"
ok import members "$T/big.csv"
# (the first member, zv, is the host)
for f in csv csv-de json table md; do
	(ulimit -v 40000 && exec "$VERBUND" member list --format $f) >"$T/list.$f" 2>"$T/err.$f"
	st=$?
	[ $st -eq 0 ] || fail "member list --format $f under ulimit -v 40000: exit $st: $(cat "$T/err.$f")"
	[ -s "$T/err.$f" ] && fail "member list --format $f: stderr: $(cat "$T/err.$f")"
done
# every row, each complete
[ "$(grep -c '^m0' "$T/list.csv")" -eq $n ] || fail "csv: not $n rows"
[ "$(grep -c '^m0' "$T/list.table")" -eq $n ] || fail "table: not $n rows"
[ "$(grep -c '^| m0' "$T/list.md")" -eq $n ] || fail "md: not $n rows"
[ "$(grep -c '"code": "m0' "$T/list.json")" -eq $n ] || fail "json: not $n objects"
grep '^m05000,' "$T/list.csv" | grep -q '^m05000,Gemeinde 5000,gemeinde,member,2020-01-01,,false,,,,x\{4000\}$' ||
	fail "csv: the row of m05000 is not complete"
# the same bytes as without a limit
for f in csv json md table; do
	"$VERBUND" member list --format $f >"$T/free.$f"
	cmp -s "$T/free.$f" "$T/list.$f" || fail "--format $f differs under the limit"
done

# exports are streamed too: to stdout and into the file of --output
for args in "export members" "export members --format json" "export"; do
	(ulimit -v 40000 && exec "$VERBUND" $args) >"$T/exp" 2>"$T/err" ||
		fail "$args under ulimit -v 40000: exit $?: $(cat "$T/err")"
	"$VERBUND" $args >"$T/exp.free"
	cmp -s "$T/exp" "$T/exp.free" || fail "$args differs under the limit"
	[ "$(grep -c 'm0' "$T/exp")" -eq $n ] || fail "$args: not $n members"
done
(ulimit -v 40000 && exec "$VERBUND" -q export members --output "$T/members.csv") 2>"$T/err" ||
	fail "export --output under ulimit -v 40000: exit $?: $(cat "$T/err")"
"$VERBUND" export members | cmp -s - "$T/members.csv" || fail "export --output: not the same as on stdout"

# the audit log too: the import above logged every member with its notes
for f in csv json table md; do
	(ulimit -v 40000 && exec "$VERBUND" log --format $f) >"$T/log.$f" 2>"$T/err" ||
		fail "log --format $f under ulimit -v 40000: exit $?: $(cat "$T/err")"
	"$VERBUND" log --format $f >"$T/log.free"
	cmp -s "$T/log.$f" "$T/log.free" || fail "log --format $f differs under the limit"
done
[ "$(grep -c ',add,member,m0' "$T/log.csv")" -eq $n ] || fail "log csv: not $n entries"
[ "$(grep -c '"entity": "member", "code": "m0' "$T/log.json")" -eq $n ] || fail "log json: not $n entries"

# --- finance tables are streamed too -----------------------------------
# 50,000 members with 200-character names: each finance table is 10 MB
# and more. Streamed, they need at most 78 MB of address space; holding the output
# as well (as the program once did) needed up to 110 MB.
new_federation
m=50000
awk -v n=$m 'BEGIN {
	name = sprintf("%190s", ""); gsub(/ /, "n", name)
	print "code,name,kind,status,joined"
	for (i = 1; i <= n; i++)
		printf "f%05d,%s %d,gemeinde,member,2020-01-01\n", i, name, i
}' >"$T/fin.csv"
ok -q import members "$T/fin.csv"
ok -q key add eq --name Gleich --equal
ok -q service add s --name S --key eq
ok -q cost set s 2024 1000000 --basis plan
ok -q cost set s 2024 1200000
ok -q cost set s 2025 1300000
for args in "advances --year 2024" "settle --year 2024" "compare --year 2025 --explain"; do
	for f in csv json table; do
		(ulimit -v 90000 && exec "$VERBUND" $args --format $f) >"$T/fin.$f" 2>"$T/err" ||
			fail "$args --format $f under ulimit -v 90000: exit $?: $(cat "$T/err")"
		"$VERBUND" $args --format $f >"$T/fin.free"
		cmp -s "$T/fin.$f" "$T/fin.free" || fail "$args --format $f differs under the limit"
	done
	[ "$(grep -c '^f' "$T/fin.csv")" -eq $m ] || fail "$args csv: not $m rows"
done
[ "$(grep -c '"code": "f' "$T/fin.json")" -eq $m ] || fail "compare json: not $m members"

# --- out of memory: a message and exit 1, the file unchanged ------------
snapshot
{
	echo "code,name"
	head -c 67108864 /dev/zero | tr '\0' 'x'
	echo ",x"
} >"$T/huge.csv"
(ulimit -v 40000 && exec "$VERBUND" import members "$T/huge.csv") >"$OUT" 2>"$ERR"
echo $? >"$T/status"
LAST="import members huge.csv (ulimit -v 40000)"
expect_status 1
no_out
expect_err <<'EOF'
verbund: out of memory
EOF
unchanged

finish
