#!/bin/sh
# The TUI in a real terminal under tmux: the member list of the Gifhorn
# demo, moving, too small a terminal and back, quitting.
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
db=$tmp/g.db
"$VERBUND" --db "$db" -q demo gifhorn || exit 1
fail=0

screen() { tmux -S "$sock" capture-pane -p -t t; }
# waits until the screen shows the text (or 5 s pass)
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "FAIL: screen never showed: $1"
	screen
	fail=1
	return 1
}

tmux -S "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
	"LANG=C.UTF-8 LC_ALL=C.UTF-8 '$VERBUND' --db '$db'; echo EXIT=\$?; sleep 30"
wait_for "IT-Verbund Landkreis Gifhorn"
line=$(screen | sed -n 3p)
expected="gm-sassenburg     Gemeinde Sassenburg        gemeinde     member     2017-01-01"
[ "$line" = "$expected" ] || { echo "FAIL: first row"; echo " got: [$line]"; echo "want: [$expected]"; fail=1; }
wait_for "7 members"
# umlauts take one column each: the row stays aligned
row=$(screen | grep "sg-hankensbuettel")
want="sg-hankensbuettel Samtgemeinde Hankensbüttel samtgemeinde member     2020-03-01"
[ "$row" = "$want" ] || { echo "FAIL: umlaut row"; echo " got: [$row]"; echo "want: [$want]"; fail=1; }
tmux -S "$sock" send-keys -t t j j
sleep 0.3
cur=$(tmux -S "$sock" display -p -t t '#{cursor_y}')
[ "$cur" = 4 ] || { echo "FAIL: cursor on row $cur, want 4 (third member)"; fail=1; }
tmux -S "$sock" resize-window -t t -x 40 -y 10
wait_for "terminal too small"
tmux -S "$sock" resize-window -t t -x 80 -y 24
wait_for "7 members"
tmux -S "$sock" send-keys -t t q
wait_for "EXIT=0"
exit $fail
