#!/bin/sh
# Fault injection: init, demo, backup and export --output are killed
# (SIGKILL, through strace's syscall injection) at their writes, syncs
# and renames.  After every kill the final name holds either nothing or
# the whole, usable file, and a retry succeeds.  Each syscall's calls
# are counted first; at most $FAULT_SAMPLES of them (spread evenly,
# first and last included) are hit per syscall, to keep the run short.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

command -v strace >/dev/null 2>&1 || { echo "SKIP: no strace" >&2; exit 77; }
strace -f -o /dev/null true 2>/dev/null || { echo "SKIP: strace cannot trace here" >&2; exit 77; }
# LeakSanitizer stops the program's threads through ptrace at exit, which
# strace holds: under strace leaks are left to the other tests.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS
SAMPLES=${FAULT_SAMPLES:-8}
CALLS="write pwrite64 fsync fdatasync rename renameat2 link"
D=$T/fault
mkdir -p "$D"
ok --db "$T/src.db" demo gifhorn
"$VERBUND" --db "$T/src.db" member list --format csv >"$T/members.csv"
"$VERBUND" --db "$T/src.db" export >"$T/export.json"
points=0
kills=0

# the command line of each case; $1 is the final name
cmd_of() {
	case $CASE in
	init) echo "--db $1 init --name X" ;;
	demo) echo "--db $1 demo gifhorn" ;;
	backup) echo "--db $T/src.db backup $1" ;;
	export) echo "--db $T/src.db export --output $1" ;;
	esac
}

# whether the file under the final name is whole
whole() {
	case $CASE in
	init | demo)
		"$VERBUND" --db "$1" member list --format csv >"$T/got" 2>&1 ;;
	backup)
		"$VERBUND" --db "$1" member list --format csv >"$T/got" 2>&1 &&
			cmp -s "$T/got" "$T/members.csv" ;;
	export)
		cmp -s "$1" "$T/export.json" ;;
	esac
}

for CASE in init demo backup export; do
	rm -rf "$D" && mkdir -p "$D"
	# shellcheck disable=SC2046
	strace -f -qq -o "$T/trace" -e trace=$(echo $CALLS | tr ' ' ,) "$VERBUND" -q $(cmd_of "$D/f") ||
		fail "$CASE does not run under strace"
	for call in $CALLS; do
		n=$(grep -c "^[0-9]* *$call(" "$T/trace")
		[ "$n" -gt 0 ] || continue
		step=$(( (n + SAMPLES - 1) / SAMPLES ))
		k=1
		while [ "$k" -le "$n" ]; do
			rm -rf "$D" && mkdir -p "$D"
			points=$((points + 1))
			# shellcheck disable=SC2046
			strace -f -qq -o /dev/null -e trace="$call" -e inject="$call:signal=KILL:when=$k" \
				"$VERBUND" -q $(cmd_of "$D/f") >/dev/null 2>&1
			st=$?
			[ "$st" = 0 ] || kills=$((kills + 1))
			if [ -e "$D/f" ]; then
				whole "$D/f" || fail "$CASE killed at $call #$k (status $st): a partial file under the final name"
			else
				# shellcheck disable=SC2046
				"$VERBUND" -q $(cmd_of "$D/f") >"$T/retry" 2>&1 ||
					fail "$CASE killed at $call #$k: the retry failed: $(cat "$T/retry")"
				whole "$D/f" || fail "$CASE killed at $call #$k: the retry's file is not whole"
			fi
			if [ "$k" -lt "$n" ] && [ $((k + step)) -gt "$n" ]; then
				k=$n
			else
				k=$((k + step))
			fi
		done
	done
done
echo "fault injection: $points points, $kills kills" >&2
[ "$kills" -gt 0 ] || fail "no run was killed: the injection did not work"
finish
