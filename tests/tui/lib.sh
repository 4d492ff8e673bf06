# Helpers for the TUI tests: the program runs in a real terminal, a
# tmux session on a private socket (no user configuration: -f
# /dev/null) of a fixed size, with LANG=C.UTF-8.  Sourced by every
# script in tests/tui.  POSIX sh.
#
#   tui_start ARGS…      starts "verbund ARGS…" in an 80x24 pane ($TUI_W x
#                        $TUI_H); its pid lands in $T/pid; when it ends
#                        the pane shows "EXIT=<status>"
#   screen               the pane's text now
#   line N               line N (0 is the top) of the pane
#   keys K…              tmux send-keys (key names as tmux knows them)
#   typein TEXT          the text, literally
#   wait_for TEXT [S]    waits until the pane shows TEXT (at most S
#                        seconds, default 10); a failure otherwise
#   wait_gone TEXT [S]   waits until the pane no longer shows TEXT
#   wait_line N TEXT     waits until line N is exactly TEXT
#   wait_field NAME VALUE  waits until the form shows VALUE in field NAME
#   wait_cursor Y [X]    waits until the terminal cursor is on line Y
#                        (and column X)
#   wait_exit [STATUS]   waits until the program has ended (with STATUS)
#   resize W H           resizes the pane
#   fail MESSAGE         records a failure and shows the pane
#   finish               exit 0 when nothing failed, else 1
#
# Everything is polled, never slept for a fixed time, so a slow machine
# makes the tests slower, not flaky.

command -v tmux >/dev/null 2>&1 || {
	echo "SKIP: tmux is not installed"
	exit 77
}
if [ -z "${top_srcdir:-}" ]; then
	top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fi
: "${VERBUND:=$top_srcdir/verbund}"
[ -x "$VERBUND" ] || {
	echo "SKIP: the program $VERBUND was not built"
	exit 77
}

T=$(mktemp -d "${TMPDIR:-/tmp}/verbund-tui.XXXXXX") || exit 99
SOCK=$T/tmux.sock
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

LANG=C.UTF-8
LC_ALL=C.UTF-8
HOME=$T/home
XDG_CONFIG_HOME=$T/home/.config
XDG_DATA_HOME=$T/home/.local/share
VERBUND_NOW=2026-01-15T10:00:00Z
export LANG LC_ALL HOME XDG_CONFIG_HOME XDG_DATA_HOME VERBUND_NOW
unset NO_COLOR VERBUND_DB TZ 2>/dev/null || :
mkdir -p "$HOME"
cd "$T" || exit 99

TEST_NAME=$(basename "$0" .sh)
TUI_W=${TUI_W:-80}
TUI_H=${TUI_H:-24}
failures=0

fail() {
	echo "FAIL ($TEST_NAME): $*"
	echo "---- screen:"
	screen | sed 's/^/| /'
	echo "---- cursor: $(tmux -S "$SOCK" display -p -t t '#{cursor_x},#{cursor_y}' 2>/dev/null)"
	failures=$((failures + 1))
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$TEST_NAME: $failures failure(s)"
		exit 1
	fi
	exit 0
}

# The launcher records the program's pid (for signals) and keeps the
# pane open after it ends, showing its exit status.
tui_start() {
	cat >"$T/launch" <<EOF
#!/bin/sh
echo \$\$ >"$T/pid"
exec "$VERBUND" "\$@"
EOF
	chmod +x "$T/launch"
	rm -f "$T/pid"
	_args=
	for _a in "$@"; do
		_args="$_args '$_a'"
	done
	if tmux -S "$SOCK" has-session 2>/dev/null; then
		tmux -S "$SOCK" kill-server 2>/dev/null
		_poll 5 _no_server
	fi
	tmux -S "$SOCK" -f /dev/null new-session -d -s t -x "$TUI_W" -y "$TUI_H" \
		"'$T/launch' $_args; echo EXIT=\$?; sleep 600"
	_i=0
	while [ ! -s "$T/pid" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
}

screen() {
	tmux -S "$SOCK" capture-pane -p -t t 2>/dev/null
}

line() {
	screen | sed -n "$(($1 + 1))p"
}

keys() {
	tmux -S "$SOCK" send-keys -t t "$@"
}

typein() {
	tmux -S "$SOCK" send-keys -t t -l "$1"
}

cursor() {
	tmux -S "$SOCK" display -p -t t '#{cursor_y} #{cursor_x}'
}

# _poll SECONDS COMMAND…: runs COMMAND every 50 ms until it succeeds.
_poll() {
	_limit=$(($1 * 20))
	shift
	_i=0
	while [ $_i -lt $_limit ]; do
		"$@" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# tmux leaves its socket file behind when the server ends, so ask the
# server itself.
_no_server() { ! tmux -S "$SOCK" has-session 2>/dev/null; }
_shows() { screen | grep -qF -- "$1"; }
_not_shows() { ! screen | grep -qF -- "$1"; }
_line_is() { [ "$(line "$1")" = "$2" ]; }
_cursor_is() {
	set -- "$1" "$2" $(cursor)
	[ "$1" = "$3" ] && { [ -z "$2" ] || [ "$2" = "$4" ]; }
}

wait_for() {
	_poll "${2:-10}" _shows "$1" || { fail "the screen never showed: $1"; return 1; }
}

wait_gone() {
	_poll "${2:-10}" _not_shows "$1" || { fail "the screen kept showing: $1"; return 1; }
}

wait_line() {
	_poll 10 _line_is "$1" "$2" || {
		fail "line $1 is not: [$2]"
		echo "   it is: [$(line "$1")]"
		return 1
	}
}

_field_is() { screen | grep -qE "│ $1( \*)? +$2 "; }

wait_field() {
	_poll 10 _field_is "$1" "$2" || { fail "the form's field $1 does not show: $2"; return 1; }
}

wait_cursor() {
	_poll 10 _cursor_is "$1" "${2:-}" || { fail "the cursor is not at line $1 ${2:+column $2}"; return 1; }
}

wait_exit() {
	wait_for "EXIT=${1:-}" || return 1
}

resize() {
	tmux -S "$SOCK" resize-window -t t -x "$1" -y "$2"
}

# The batch mode on the same file, for set-up and for checking results.
vb() {
	"$VERBUND" "$@"
}
