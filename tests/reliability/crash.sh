#!/bin/sh
# crash: kill -9 at random moments of a large import (50,000 figures)
# and of many single saves.  After every kill the file passes
# PRAGMA integrity_check, the import is entirely there or entirely
# absent (row counts), a save is there with its audit entry or absent
# without it, and the file still works for the next command.
#
# Bounded by time (CRASH_IMPORT_SECONDS, default 6, and
# CRASH_SAVE_SECONDS, default 4; at least 3 import kills and 30 save
# kills).  The random delays come from CRASH_SEED (printed; set it to
# repeat a run).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: crash.sh needs the sqlite3 program" >&2
	exit 77
fi
now_ms() {
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	*N | '') echo $(($(date +%s) * 1000)) ;;
	*) echo $((_t / 1000000)) ;;
	esac
}
if ! sleep 0.01 2>/dev/null; then
	echo "SKIP: crash.sh needs a sleep that takes fractions of a second" >&2
	exit 77
fi

: "${CRASH_SEED:=$$}"
: "${CRASH_IMPORT_SECONDS:=6}"
: "${CRASH_SAVE_SECONDS:=4}"
echo "crash: seed $CRASH_SEED"
# rand_ms MAX I: a pseudo-random number of milliseconds in [0, MAX]
rand_ms() {
	awk -v seed="$CRASH_SEED" -v i="$2" -v max="$1" \
		'BEGIN { srand(seed * 7919 + i); printf "%d\n", rand() * max }'
}
ms_to_s() {
	printf '%d.%03d\n' $(($1 / 1000)) $(($1 % 1000))
}

sql() {
	sqlite3 "$VERBUND_DB" "$1"
}
integrity() {
	_r=$(sql 'PRAGMA integrity_check' 2>&1)
	if [ "$_r" != ok ]; then
		fail "integrity_check after $1: $_r"
		return 1
	fi
	return 0
}

new_federation
awk 'BEGIN { print "code,name,joined"; for (i = 0; i < 50; i++) printf "m%02d,Mitglied %d,2020-01-01\n", i, i }' >"$T/members.csv"
ok import members "$T/members.csv"
# 50 members x 1000 years = 50,000 figures
awk 'BEGIN { print "member,metric,year,value"
	for (i = 0; i < 50; i++) for (y = 0; y < 1000; y++) printf "m%02d,users,%d,%d.5\n", i, 2000 + y, i * y }' >"$T/figures.csv"
cp "$VERBUND_DB" "$T/pristine.db"
base_audit=$(sql 'SELECT count(*) FROM audit')

restore() {
	rm -f "$VERBUND_DB-wal" "$VERBUND_DB-shm"
	cp "$T/pristine.db" "$VERBUND_DB"
}

# how long a whole import takes here
t0=$(now_ms)
ok import figures --new-metrics "$T/figures.csv"
full=$(($(now_ms) - t0))
[ "$(sql 'SELECT count(*) FROM figure')" = 50000 ] || fail "the import did not write 50000 figures"
# the audit entries of a whole import (whatever the import logs, it is
# in the import's transaction)
full_audit=$(($(sql 'SELECT count(*) FROM audit') - base_audit))
[ "$full_audit" -ge 1 ] || fail "the import left no audit entry"
echo "crash: a full import takes ${full} ms"
restore

# --- kill -9 during the import ---------------------------------------------
i=0 absent=0 present=0
start=$(now_ms)
while [ $i -lt 3 ] || [ $(($(now_ms) - start)) -lt $((CRASH_IMPORT_SECONDS * 1000)) ]; do
	i=$((i + 1))
	# up to 30 % after the end, so that some kills come too late
	d=$(rand_ms $((full * 13 / 10)) "$i")
	"$VERBUND" -q import figures --new-metrics "$T/figures.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$(ms_to_s "$d")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	integrity "a kill after $d ms of the import (round $i)" || break
	n=$(sql 'SELECT count(*) FROM figure')
	a=$(($(sql 'SELECT count(*) FROM audit') - base_audit))
	case $n/$a in
	0/0) absent=$((absent + 1)) ;;
	50000/"$full_audit") present=$((present + 1)) ;;
	*)
		fail "after a kill at $d ms: $n figures and $a new audit entries (expected 0/0 or 50000/$full_audit)"
		break
		;;
	esac
	# the file still works: a change and a read
	ok figure set --new-metric m00 devices 2024 1 || break
	run figure list --member m00 --year 2024 --format csv
	expect_status 0
	restore
done
echo "crash: import killed $i times: $absent entirely absent, $present entirely there"
[ $((absent + present)) -eq "$i" ] || fail "not every import kill was checked"

# --- kill -9 during single saves ------------------------------------------
restore
# what one save takes, to place the kills inside it
t0=$(now_ms)
for k in 1 2 3 4 5; do
	ok member set m01 --name "Probe $k"
done
one=$((($(now_ms) - t0) / 5))
[ "$one" -gt 0 ] || one=1
echo "crash: a save takes about ${one} ms"
restore
i=0 kept=0 lost=0 prev_name="Mitglied 1" prev_audit=$(sql 'SELECT count(*) FROM audit')
start=$(now_ms)
while [ $i -lt 30 ] || [ $(($(now_ms) - start)) -lt $((CRASH_SAVE_SECONDS * 1000)) ]; do
	i=$((i + 1))
	d=$(rand_ms $((one * 3 / 2)) "$((i + 100000))")
	case $((i % 3)) in
	0) "$VERBUND" -q member set m01 --name "Name $i" >/dev/null 2>&1 & ;;
	1) "$VERBUND" -q figure set --new-metric m01 users 2000 "$i" >/dev/null 2>&1 & ;;
	2) "$VERBUND" -q cost set nosuch 2024 1 >/dev/null 2>&1 & ;;
	esac
	pid=$!
	sleep "$(ms_to_s "$d")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	integrity "a kill after $d ms of a save (round $i)" || break
	name=$(sql "SELECT name FROM member WHERE code = 'm01'")
	audit=$(sql 'SELECT count(*) FROM audit')
	fig=$(sql "SELECT value FROM figure WHERE member = 'm01' AND metric = 'users' AND year = 2000")
	case $((i % 3)) in
	0) new=$([ "$name" = "Name $i" ] && echo 1 || echo 0) ;;
	1) new=$([ "$fig" = "$((i * 10000))" ] && echo 1 || echo 0) ;;
	2) new=0 ;;
	esac
	if [ "$new" = 1 ]; then
		kept=$((kept + 1))
		[ "$audit" -eq $((prev_audit + 1)) ] || fail "round $i: the change is there, but $((audit - prev_audit)) new audit entries"
	else
		lost=$((lost + 1))
		[ "$audit" -eq "$prev_audit" ] || fail "round $i: the change is absent, but $((audit - prev_audit)) new audit entries"
		[ $((i % 3)) -ne 0 ] || [ "$name" = "$prev_name" ] || fail "round $i: the name is '$name', neither the old nor the new one"
	fi
	prev_audit=$audit
	prev_name=$name
done
echo "crash: saves killed $i times: $kept saved, $lost not"
ok member set m01 --name 'Zuletzt'
integrity "the last save"

finish
