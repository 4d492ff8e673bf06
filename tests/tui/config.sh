#!/bin/sh
# Keys and colours from the configuration file (--config): a rebound
# key works and the old one no longer does, the help screen and the
# status line show the new keys, unknown names are warned about;
# colour schemes, a colour of one element, and monochrome with NO_COLOR.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
cat >"$T/keys.conf" <<'CONF'
keys = {
	quit = "Q";
	add = "F3 A";
	next-view = "^N";
	nonsense = "z";
	sort = "Ctrl-Shift-X";
};
colors = {
	header = "bold yellow on red";
	frobnicate = "red";
};
CONF
tui_start --config "$T/keys.conf" --db g.db
wait_for "configuration: keys: unknown action 'nonsense' ignored"
wait_for "configuration: colors: unknown element 'frobnicate' ignored"
wait_for "configuration: keys: sort: \"Ctrl-Shift-X\" is not a key"
vb --db g.db -q --config "$T/keys.conf" member list >/dev/null || fail "the batch mode refuses the file"
# the status line shows the new keys
wait_for " F3 add  e edit  d delete  w pane  / search  s sort  x export  ? help  Q quit"
# the old key does nothing, the new ones work
keys q
keys j
wait_cursor 4 0
keys F3
wait_for "─ Add member ─"
keys Escape
wait_for "cancelled"
keys A
wait_for "─ Add member ─"
keys Escape
# Tab is no longer bound to next-view? It still is; ^N is the new key
keys C-n
wait_for " 1 agreement "
keys 1
# the help screen is generated from the same key maps
keys ?
wait_for "Lists and views"
wait_for "  F3 A            add              add a record"
keys PgDn
wait_for "  ^N              next-view        next view"
keys G
wait_for "  Q               quit             quit (Ctrl-C too)"
wait_for " Keys (Q, Esc or F1 closes;"
wait_for "j/k scroll  Q or Esc close"
keys Q
wait_gone "Lists and views"
# colours: the header as configured (yellow on red)
tmux -S "$SOCK" capture-pane -e -p -t t | head -1 | grep -q "$(printf '\033')\[33m.*$(printf '\033')\[41m\|$(printf '\033')\[41m.*$(printf '\033')\[33m" ||
	fail "the header is not yellow on red"
keys Q
wait_exit 0

# monochrome: NO_COLOR, and a terminal without colours
esc=$(printf '\033')
for how in "NO_COLOR=1" "TERM=vt100"; do
	tmux -S "$SOCK" kill-server 2>/dev/null
	_poll 5 _no_server
	tmux -S "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
		"env $how '$VERBUND' --db g.db; echo EXIT=\$?; sleep 600"
	wait_for " 7 members"
	tmux -S "$SOCK" capture-pane -e -p -t t >"$T/mono"
	grep -q "$esc\[[0-9;]*[34][0-7]m" "$T/mono" && fail "$how: colours on a monochrome screen"
	grep -q "$esc\[[0-9;]*7m" "$T/mono" || fail "$how: no reverse video for the selection"
	keys q
	wait_exit 0
done

# the schemes all draw (light and dark background, mono)
for scheme in default dark light mono; do
	printf 'colors = { scheme = "%s"; };\n' "$scheme" >"$T/s.conf"
	tui_start --config "$T/s.conf" --db g.db
	wait_for " 7 members"
	keys 7
	wait_for "TOTAL"
	keys q
	wait_exit 0
done
printf 'colors = { scheme = "neon"; };\n' >"$T/s.conf"
tui_start --config "$T/s.conf" --db g.db
wait_for "configuration: colors: unknown scheme 'neon' (default, dark, light, mono)"
keys q
wait_exit 0
finish
