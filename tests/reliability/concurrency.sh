#!/bin/sh
# concurrency: two batch writers and a reader on one file at the same
# time, in loops (CONC_ROUNDS rounds each, default 40).  With the
# default busy timeout (5 s) no command fails, none says "another
# program holds the file", and no update is lost: every writer's rows
# and audit entries are there.  Then another program (sqlite3) holds the
# write lock: with busy_timeout_ms = 100 a write waits about 100 ms and
# exits 3 with the message that another program holds the file, a read
# still works, and with the default timeout a write waits until the
# lock is released and succeeds.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: concurrency.sh needs the sqlite3 program" >&2
	exit 77
fi
: "${CONC_ROUNDS:=40}"
now_ms() {
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	*N | '') echo $(($(date +%s) * 1000)) ;;
	*) echo $((_t / 1000000)) ;;
	esac
}
sql() {
	sqlite3 "$VERBUND_DB" "$1"
}

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2024-01-01 --host
ok member add st-a --name 'Stadt A' --kind stadt --joined 2024-01-01
ok key add eq --name Gleich --equal
ok service add helpdesk --name Helpdesk --key eq
base_audit=$(sql 'SELECT count(*) FROM audit')

# writer NAME: CONC_ROUNDS changes, each a new row and an audit entry;
# the status of each command and its messages go to $T/NAME.*
writer_a() {
	i=0
	while [ $i -lt "$CONC_ROUNDS" ]; do
		i=$((i + 1))
		"$VERBUND" -q figure set --new-metric lk users $((2000 + i)) "$i" 2>>"$T/a.err"
		echo $? >>"$T/a.status"
		# and a change of the same record each round
		"$VERBUND" -q member set lk --notes "a $i" 2>>"$T/a.err"
		echo $? >>"$T/a.status"
	done
}
writer_b() {
	i=0
	while [ $i -lt "$CONC_ROUNDS" ]; do
		i=$((i + 1))
		"$VERBUND" -q cost set helpdesk $((2000 + i)) "$i.50" --basis plan 2>>"$T/b.err"
		echo $? >>"$T/b.status"
		printf 'member,metric,year,value\nst-a,devices,%d,%d\n' $((2000 + i)) "$i" |
			"$VERBUND" -q import figures --new-metrics - 2>>"$T/b.err"
		echo $? >>"$T/b.status"
	done
}
reader() {
	i=0
	while [ $i -lt "$CONC_ROUNDS" ]; do
		i=$((i + 1))
		"$VERBUND" -q export >"$T/r.out" 2>>"$T/r.err"
		echo $? >>"$T/r.status"
		"$VERBUND" -q figure list --member lk --format csv >/dev/null 2>>"$T/r.err"
		echo $? >>"$T/r.status"
	done
}
: >"$T/a.err" && : >"$T/b.err" && : >"$T/r.err"
t0=$(now_ms)
writer_a &
pa=$!
writer_b &
pb=$!
reader &
pr=$!
wait $pa
wait $pb
wait $pr
echo "concurrency: 2 writers and a reader, $CONC_ROUNDS rounds each, in $(($(now_ms) - t0)) ms"

for w in a b r; do
	n=$(grep -c . "$T/$w.status")
	[ "$n" -eq $((CONC_ROUNDS * 2)) ] || fail "$w ran $n commands, expected $((CONC_ROUNDS * 2))"
	bad=$(grep -vc '^0$' "$T/$w.status")
	[ "$bad" -eq 0 ] || fail "$w: $bad commands failed"
	if [ -s "$T/$w.err" ]; then
		fail "$w said on stderr:"
		sed 's/^/  | /' "$T/$w.err" | head -10
	fi
done
if grep -q -e 'another program' -e 'locked' "$T/a.err" "$T/b.err" "$T/r.err"; then
	fail "a command gave up on the lock within the busy timeout"
fi
# nothing lost
[ "$(sql "SELECT count(*) FROM figure WHERE member = 'lk' AND metric = 'users'")" -eq "$CONC_ROUNDS" ] ||
	fail "writer a: figures lost"
[ "$(sql "SELECT count(*) FROM figure WHERE member = 'st-a' AND metric = 'devices'")" -eq "$CONC_ROUNDS" ] ||
	fail "writer b: imported figures lost"
[ "$(sql "SELECT count(*) FROM cost WHERE service = 'helpdesk' AND basis = 'plan'")" -eq "$CONC_ROUNDS" ] ||
	fail "writer b: costs lost"
[ "$(sql "SELECT notes FROM member WHERE code = 'lk'")" = "a $CONC_ROUNDS" ] ||
	fail "writer a: the last change of member lk is not the one stored"
audit=$(($(sql 'SELECT count(*) FROM audit') - base_audit))
# a: a figure and a member change per round; b: a cost, and an import
# (its record and the import entry) per round
[ "$audit" -ge $((CONC_ROUNDS * 4)) ] || fail "only $audit audit entries for $((CONC_ROUNDS * 4)) or more changes"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'member' AND code = 'lk' AND action = 'set'")" -eq "$CONC_ROUNDS" ] ||
	fail "audit entries of member lk lost"
[ "$(sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the parallel run"

# --- another program holds the write lock ----------------------------------
printf 'busy_timeout_ms = 100;\n' >"$T/busy100.conf"
mkfifo "$T/fifo"
sqlite3 "$VERBUND_DB" <"$T/fifo" >"$T/holder.out" 2>&1 &
holder=$!
exec 3>"$T/fifo"
printf '.timeout 2000\nBEGIN IMMEDIATE;\nSELECT '"'"'holding'"'"';\n' >&3
k=0
until grep -q holding "$T/holder.out" 2>/dev/null; do
	k=$((k + 1))
	if [ $k -gt 500 ]; then
		fail "sqlite3 did not take the lock: $(cat "$T/holder.out")"
		break
	fi
	sleep 0.01 2>/dev/null || sleep 1
done
snapshot_audit=$(sql 'SELECT count(*) FROM audit' 2>/dev/null)

t0=$(now_ms)
run --config "$T/busy100.conf" figure set --new-metric lk probe 2100 1
waited=$(($(now_ms) - t0))
expect_status 3
expect_err <<EOF
verbund: figure set: $VERBUND_DB: another program holds the federation file (waited 100 ms); try again later
EOF
[ "$waited" -ge 100 ] || fail "gave up after $waited ms, before the busy timeout of 100 ms"
[ "$waited" -lt 5000 ] || fail "waited $waited ms with a busy timeout of 100 ms"
echo "concurrency: a write against a held lock gave up after $waited ms (timeout 100 ms)"
# an import too: all or nothing, exit 3
printf 'member,metric,year,value\nlk,probe,2101,1\nlk,probe,2102,2\n' >"$T/two.csv"
run --config "$T/busy100.conf" import figures --new-metrics "$T/two.csv"
expect_status 3
expect_err <<EOF
verbund: import: $VERBUND_DB: another program holds the federation file (waited 100 ms); try again later
EOF
# reading is not blocked by a writer (WAL)
run --config "$T/busy100.conf" figure list --member lk --year 2001 --format csv
expect_status 0
expect_out <<'EOF'
member,metric,year,value
lk,users,2001,1
EOF
# with the default timeout (5 s) a write waits for the lock
"$VERBUND" -q figure set --new-metric lk probe 2103 3 >"$T/wait.out" 2>&1 &
waiter=$!
sleep 1
printf 'COMMIT;\n' >&3
exec 3>&-
wait $holder
t0=$(now_ms)
wait $waiter
st=$?
[ $st -eq 0 ] || fail "the waiting write failed ($st): $(cat "$T/wait.out")"
[ "$(sql "SELECT count(*) FROM figure WHERE metric = 'probe' AND year IN (2100, 2101, 2102)")" -eq 0 ] ||
	fail "a refused write left rows"
[ "$(sql "SELECT count(*) FROM figure WHERE metric = 'probe' AND year = 2103")" -eq 1 ] ||
	fail "the waiting write is not there"
[ "$(sql 'SELECT count(*) FROM audit')" -eq $((snapshot_audit + 1)) ] ||
	fail "the audit log does not have exactly the one waiting write"

finish
