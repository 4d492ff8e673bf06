#!/bin/sh
# The TUI against hostile files and pastes:
#  - x never writes through a symbolic link: a link to another file and
#    a dangling link are refused, the linked file is unchanged and the
#    dangling link's target is not created;
#  - a field takes no more than it can store: 5,000 characters pasted
#    into a member's name stop at 200, at once, and the form answers.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
echo precious >precious.txt
ln -s precious.txt victim.csv
ln -s nowhere.csv dangling.csv

tui_start --db g.db
wait_for " 7 members"
keys x C-u
typein "victim.csv"
keys Enter
wait_for "victim.csv: is a symbolic link; nothing is written through a link"
[ "$(cat precious.txt)" = precious ] || fail "precious.txt was overwritten"
keys x C-u
typein "dangling.csv"
keys Enter
wait_for "dangling.csv: is a symbolic link; nothing is written through a link"
[ ! -e nowhere.csv ] || fail "the dangling link's target was created"

# a paste of 5,000 characters into the name: 200 are taken
keys a
wait_for "─ Add member ─"
typein "paste-1"
keys Tab
tmux -S "$SOCK" set-buffer "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "n" }')"
tmux -S "$SOCK" paste-buffer -t t
keys F2
wait_for "member paste-1 added"
keys q
wait_exit 0
n=$(vb --db g.db member show paste-1 --format json | sed -n 's/.*"name": "\(n*\)".*/\1/p' | tr -d '\n' | wc -c)
[ "$n" = 200 ] || fail "the pasted name has $n characters, want 200"
finish
