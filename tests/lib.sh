# Helpers for the batch-mode tests of verbund; sourced by every script in
# tests/batch.  POSIX sh.
#
#   run ARGS…            runs "$VERBUND ARGS…"; stdout, stderr and the exit
#                        status go to $OUT, $ERR and $T/status (stdin is the
#                        caller's: "run import members - <file" works)
#   expect_out <<EOF     stdout of the last run is exactly the here-doc
#   expect_err <<EOF     stderr of the last run is exactly the here-doc
#   expect_status N      exit status of the last run is N
#   expect_out_file F    stdout of the last run is byte-identical to file F
#   expect_file F <<EOF  file F is exactly the here-doc
#   no_out / no_err      stdout / stderr of the last run is empty
#   expect_silent        both are empty
#   ok ARGS…             runs "$VERBUND -q ARGS…" and fails the test unless
#                        it exits 0 with empty stderr (for set-up steps)
#   snapshot / unchanged the full JSON export and the audit log before and
#                        after a rejected command are the same
#   fail MESSAGE         records a failure
#   finish               exit 0 when nothing failed, else 1
#
# Each check prints a unified diff and the command on a mismatch and
# the test goes on, so that one run shows every difference.

set -u

if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
if [ -z "${VERBUND:-}" ]; then
	VERBUND=$top_srcdir/verbund
fi
if [ ! -x "$VERBUND" ]; then
	echo "SKIP: the program $VERBUND was not built" >&2
	exit 77
fi

# Every run sees the same, private environment: no user files, a fixed
# audit time, the C.UTF-8 locale, no colour settings.
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL
unset NO_COLOR VERBUND_DB XDG_CONFIG_HOME XDG_DATA_HOME TZ 2>/dev/null || :

T=$(mktemp -d "${TMPDIR:-/tmp}/verbund-test.XXXXXX") || {
	echo "cannot create a temporary directory" >&2
	exit 99
}
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir "$T/home"
HOME=$T/home
XDG_CONFIG_HOME=$T/home/.config
XDG_DATA_HOME=$T/home/.local/share
VERBUND_DB=$T/fed.db
VERBUND_NOW=2026-01-15T10:00:00Z
export HOME XDG_CONFIG_HOME XDG_DATA_HOME VERBUND_DB VERBUND_NOW

OUT=$T/stdout
ERR=$T/stderr
LAST=
: >"$OUT"
: >"$ERR"
echo 0 >"$T/status"

TEST_NAME=$(basename "$0" .sh)

# Failures are counted in a file: checks often run in a pipeline
# (": | expect_out"), that is in a subshell.
fail() {
	echo "FAIL ($TEST_NAME): $*"
	echo x >>"$T/failures"
}

run() {
	LAST="verbund $*"	# for messages (no forks: tests run many commands)
	"$VERBUND" "$@" >"$OUT" 2>"$ERR"
	echo $? >"$T/status"
}

# _compare WHAT FILE: FILE against the expected text in $T/expected.
_compare() {
	if ! cmp -s "$T/expected" "$2"; then
		fail "$1 of: $LAST"
		diff -u "$T/expected" "$2" | sed '1,2d'
		# show what the other stream said, for context
		if [ "$1" = stdout ] && [ -s "$ERR" ]; then
			echo "  (stderr was:)"
			sed 's/^/  | /' "$ERR"
		fi
		return 1
	fi
	return 0
}

expect_out() {
	cat >"$T/expected"
	_compare stdout "$OUT"
}

expect_err() {
	cat >"$T/expected"
	_compare stderr "$ERR"
}

expect_out_file() {
	cp "$1" "$T/expected"
	_compare stdout "$OUT"
}

expect_file() {
	cat >"$T/expected"
	if [ ! -f "$1" ]; then
		fail "$1 does not exist (after: $LAST)"
		return 1
	fi
	_compare "$1" "$1"
}

expect_status() {
	read -r _st <"$T/status"
	if [ "$_st" != "$1" ]; then
		fail "exit status $_st, expected $1, of: $LAST"
		if [ -s "$ERR" ]; then
			echo "  (stderr was:)"
			sed 's/^/  | /' "$ERR"
		fi
		return 1
	fi
	return 0
}

# Empty stdout / stderr (cheaper than ": | expect_out").
no_out() {
	if [ -s "$OUT" ]; then
		fail "stdout of: $LAST is not empty:"
		sed 's/^/  | /' "$OUT" | head -20
		return 1
	fi
}

no_err() {
	if [ -s "$ERR" ]; then
		fail "stderr of: $LAST is not empty:"
		sed 's/^/  | /' "$ERR" | head -20
		return 1
	fi
}

expect_silent() {
	no_out
	no_err
}

ok() {
	run -q "$@"
	expect_status 0 && no_err
}

# The whole federation and its audit log, as the program shows them.
_dump() {
	"$VERBUND" export --format json >"$1" 2>&1
	echo "status $?" >>"$1"
	"$VERBUND" log --format csv >>"$1" 2>&1
	echo "status $?" >>"$1"
}

snapshot() {
	_dump "$T/snapshot"
}

unchanged() {
	_dump "$T/now"
	if ! cmp -s "$T/snapshot" "$T/now"; then
		fail "the federation changed after: $LAST"
		diff -u "$T/snapshot" "$T/now" | sed '1,2d' | head -40
		return 1
	fi
	return 0
}

# A new, empty federation "Test".
new_federation() {
	rm -f "$VERBUND_DB" "$VERBUND_DB-wal" "$VERBUND_DB-shm"
	ok init --name Test
}

finish() {
	if [ -s "$T/failures" ]; then
		echo "$TEST_NAME: $(wc -l <"$T/failures" | tr -d ' ') check(s) failed"
		exit 1
	fi
	exit 0
}
