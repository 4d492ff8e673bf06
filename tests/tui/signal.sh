#!/bin/sh
# Signals in the middle of a form: SIGHUP, SIGTERM, Ctrl-C and a closed
# terminal all end the program with the terminal restored, and the
# form that was never saved changes nothing (the whole export and the
# audit log are the same before and after).  A saved form is complete.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
snapshot() {
	vb --db g.db export >"$T/$1.json" || fail "export failed"
	vb --db g.db log --format csv >"$T/$1.log" || fail "log failed"
}
unchanged() {
	snapshot after
	cmp -s "$T/before.json" "$T/after.json" || { fail "$1: the federation changed"; diff "$T/before.json" "$T/after.json" | head; }
	cmp -s "$T/before.log" "$T/after.log" || { fail "$1: the audit log changed"; diff "$T/before.log" "$T/after.log" | head; }
}
_gone() { ! kill -0 "$(cat "$T/pid")" 2>/dev/null; }
restored() {
	[ "$(tmux -S "$SOCK" display -p -t t '#{alternate_on}')" = 0 ] || fail "$1: the terminal is still in the alternate screen"
}
# an edit form with a changed name, not saved
half_edit() {
	tui_start --db g.db
	wait_for " 7 members"
	keys e
	wait_for "─ Edit member gm-sassenburg ─"
	keys C-u
	typein "Halb geändert"
	wait_field name "Halb geändert"
}
snapshot before

half_edit
kill -HUP "$(cat "$T/pid")"
wait_exit 129
restored SIGHUP
unchanged SIGHUP

half_edit
kill -TERM "$(cat "$T/pid")"
wait_exit 143
restored SIGTERM
unchanged SIGTERM

half_edit
keys C-c
wait_exit 130
restored Ctrl-C
unchanged Ctrl-C

# the terminal goes away (the session is killed: a real hangup)
tui_start --db g.db
wait_for " 7 members"
keys a
wait_for "─ Add member ─"
typein "nie-gespeichert"
keys Tab
typein "Nie gespeichert"
wait_field name "Nie gespeichert"
tmux -S "$SOCK" kill-server
_poll 10 _gone || fail "the program outlived its terminal"
unchanged hangup

# a form that was saved is there as a whole, also when a signal follows
tui_start --db g.db
wait_for " 7 members"
keys e C-u
typein "Gespeichert"
keys F2
wait_for "member gm-sassenburg saved"
kill -HUP "$(cat "$T/pid")"
wait_exit 129
[ "$(vb --db g.db member show gm-sassenburg --format csv | tail -n 1 | cut -d, -f1-4)" = "gm-sassenburg,Gespeichert,gemeinde,member" ] ||
	fail "the saved change is missing"
finish
