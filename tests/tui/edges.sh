#!/bin/sh
# Rough edges found in use: the Log view shows the newest change on
# entry; `w` lands on a line that `a` acts on; yes/no fields in the
# user's words; help columns apart; the discard question's own key
# line; a long note shown from its start; the Allocation view of a
# year without costs says why.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
n=$(vb --db g.db log --format csv | tail -n +2 | wc -l)

tui_start --db g.db
wait_for " 7 members"

# the Log view: newest first, also after the selection went elsewhere
keys 9
wait_for " $n changes, newest first"
wait_for " 1/$n"
keys G
wait_for " $n/$n"
keys 1
wait_for " 7 members"
vb --db g.db -q member set gm-sassenburg --contact "Frau Neu" || fail "member set"
keys 9
wait_for " $((n + 1)) changes, newest first"
wait_for " 1/$((n + 1))"
line 3 | grep -q ' set  *member  *gm-sassenburg' || fail "the top row is not the newest change: [$(line 3)]"

# w: the detail pane's selection on a line that a acts on
keys 1 C-l
wait_for "reread the database"
wait_for "contact                   Frau Neu"
keys w
wait_for "detail 2/"
keys a
wait_for " Add figure "
keys Escape
wait_gone " Add figure "
keys w

# a member's form: host as yes/no, the notes from their start
keys e
wait_for " Edit member gm-sassenburg "
wait_field host "no"
wait_field notes "Mitglied seit Januar 2017"
keys Tab Tab Tab Tab Tab
wait_cursor 10
keys Space
wait_field host "yes"
# the discard question has its own key line
keys Escape
wait_for "Discard the changes of this form? (y/n)"
wait_line 23 " y yes  n no"
keys n
wait_for " Edit member gm-sassenburg "
keys Escape
wait_for "Discard the changes of this form? (y/n)"
keys y
wait_for "changes discarded"
[ "$(vb --db g.db member show gm-sassenburg --format csv | tail -n 1 | cut -d, -f7)" = false ] ||
	fail "the discarded form changed the host"

# the help screen: keys, name and text in columns of their own
keys '?'
wait_for "Lists and views"
keys G
wait_for "  Tab Down Enter  next-field       form: next field"
keys q
wait_gone "Lists and views"

# a year without costs: the reason, and the years that have costs
keys 7
wait_for "2026, actual: 7 members"
keys y C-u
typein 2030
keys Enter
wait_for "there are no actual costs for 2030; years with actual costs: 2017-2026"
keys x
wait_for "nothing to export"
keys q
wait_exit 0
finish
