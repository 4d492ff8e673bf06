#!/bin/sh
# Long work in the TUI shows its progress in the message line, as the
# batch mode does on standard error: an export, and a search that walks
# the rows (beside the search prompt, at the right end of its line).  VERBUND_PROGRESS_DELAY_MS=0 shows it from the first step
# (else after a second); everything the program writes to the terminal
# is recorded, since the message is replaced when the work is done.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db big.db -q init --name "Verbund mit Fortschritt" || exit 1
awk 'BEGIN {
	print "code,name,kind,status,joined"
	for (i = 1; i <= 10000; i++)
		printf "m%05d,Ort %05d,gemeinde,member,2020-01-01\n", i, i
}' >members.csv
vb --db big.db -q import members members.csv || exit 1

VERBUND_PROGRESS_DELAY_MS=0
export VERBUND_PROGRESS_DELAY_MS
tui_start --db big.db
wait_for " 10000 members" 10
tmux -S "$SOCK" pipe-pane -t t -o "cat >>'$T/raw'"

keys x C-u
typein "all.csv"
keys Enter
wait_for "exported 10000 rows to all.csv (csv)" 10
[ "$(wc -l <all.csv)" = 10001 ] || fail "all.csv has $(wc -l <all.csv) lines"

# digits could be part of a formatted number: every row is compared
keys /
typein "09999"
wait_for " m09999 — Ort 09999:" 10
# none is left on the screen when the work is done
wait_gone " of 10000 (" 5
keys Escape

keys q
wait_exit 0
tmux -S "$SOCK" pipe-pane -t t
# the terminal's bytes without escape sequences
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b[()][0-9A-Za-z]//g; s/\x1b[=>]//g' "$T/raw" >"$T/text"
grep -q 'export: [0-9]* of 10000 ([0-9]* %), [0-9]*/s' "$T/text" ||
	fail "no progress of the export was shown: $(head -c 600 "$T/text")"
grep -q 'search: [0-9]* of 10000 ([0-9]* %), [0-9]*/s' "$T/text" ||
	fail "no progress of the search was shown: $(head -c 600 "$T/text")"
finish
