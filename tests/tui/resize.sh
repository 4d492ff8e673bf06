#!/bin/sh
# Resizing: below 80x24 the screen says so and recovers when enlarged,
# also while a form or a prompt is open (what was typed stays); a
# larger terminal shows more.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
tui_start --db g.db
wait_for " 7 members"
keys j j
wait_cursor 5 0
resize 40 10
wait_for "terminal too small"
wait_for "need 80x24, have 40x10"
# keys other than quitting wait for a usable screen
keys j
resize 80 24
wait_for " 7 members"
wait_cursor 5 0
wait_line 5 "sg-brome          Samtgemeinde Brome         samtgemeinde member 2017-01-01"

# inside a form
keys a
wait_for "─ Add member ─"
typein "klein"
resize 79 24
wait_for "need 80x24, have 79x24"
resize 80 23
wait_for "need 80x24, have 80x23"
resize 80 24
wait_for "─ Add member ─"
wait_field code "klein"
wait_cursor 4 18
keys Tab
typein "Klein – Größe"
resize 40 10
wait_for "terminal too small"
resize 110 30
wait_for "─ Add member ─"
wait_field name "Klein – Größe"
# the wider screen has room for every view's full name
wait_for " 1 Members  2 Agreements  3 Services  4 Keys  5 Transfers  6 Grants  7 Allocation  8 Deadlines  9 Log"
keys F2
wait_for "member klein added (u undoes)"
[ "$(vb --db g.db member show klein --format csv | tail -n 1)" = "klein,Klein – Größe,gemeinde,member,,,false,,,," ] ||
	fail "member klein: $(vb --db g.db member show klein --format csv)"

# inside a prompt
keys /
typein "wit"
resize 40 10
wait_for "terminal too small"
resize 80 24
wait_for "/wit"
keys Enter
wait_for "/wit  8/8"
keys q
wait_exit 0
finish
