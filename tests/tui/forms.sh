#!/bin/sh
# Adding, editing and deleting a member through forms, with the result
# checked through the batch mode; a form that does not validate stays
# open with the reason beside the field; Esc asks before discarding;
# u undoes the changes one by one, the deletion too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
show() { vb --db g.db member show "$1" --format csv 2>&1 | tail -n 1; }
expect_member() {
	_poll 10 _member_is "$1" "$2" || fail "member $1 is [$(show "$1")], want [$2]"
}
_member_is() { [ "$(show "$1")" = "$2" ]; }

tui_start --db g.db
wait_for " 7 members"
keys a
wait_for "─ Add member ─"
# the fields in the order of 'member add', with the defaults of the batch mode
wait_for "│ code *"
wait_field kind "gemeinde"
wait_field status "member"
wait_cursor 4 13
typein "neu-1"
keys Tab
typein "Gemeinde Neuß – 東京"
keys Tab
# Space cycles a choice field: gemeinde -> samtgemeinde
keys Space
wait_field kind "samtgemeinde"
keys Tab Tab
typein "1.2.2025"
keys Tab
typein "xx"
keys F2
# still open, the reason beside the field and in the message line
wait_for "│ left      xx"
screen | grep "│ left      xx" | grep -qF '"xx" is not a valid date' || fail "no reason beside the field"
wait_for 'left: "xx" is not a valid date (YYYY-MM-DD or D.M.YYYY)'
wait_cursor 9 15
keys C-u F2
wait_for "member neu-1 added (u undoes)"
expect_member neu-1 "neu-1,Gemeinde Neuß – 東京,samtgemeinde,member,2025-02-01,,false,,,,"
# the new member is selected, its row aligned despite the wide characters
wait_line 5 "neu-1             Gemeinde Neuß – 東京       samtgemeinde member 2025-02-01"
wait_cursor 5 0

# edit: the code cannot change, the cursor starts on the name
keys e
wait_for "─ Edit member neu-1 ─"
wait_cursor 5 33
keys C-u
typein "Neuer Name"
keys Tab Tab Space
wait_field status "former"
keys F2
wait_for "member neu-1 saved (u undoes)"
expect_member neu-1 "neu-1,Neuer Name,samtgemeinde,former,2025-02-01,,false,,,,"

# Esc asks when something changed; n keeps the form, y drops it
keys Enter
wait_for "─ Edit member neu-1 ─"
typein "X"
keys Escape
wait_for "Discard the changes of this form? (y/n)"
keys n
wait_gone "Discard the changes"
wait_for "─ Edit member neu-1 ─"
keys Escape
wait_for "Discard the changes of this form? (y/n)"
keys y
wait_for "changes discarded"
wait_gone "─ Edit member"
expect_member neu-1 "neu-1,Neuer Name,samtgemeinde,former,2025-02-01,,false,,,,"
# Esc without changes closes at once
keys e
wait_for "─ Edit member neu-1 ─"
keys Escape
wait_for "cancelled"

# delete after y; any other key keeps the member
keys d
wait_for "Delete member neu-1? (y/n)"
keys n
wait_for "not deleted"
expect_member neu-1 "neu-1,Neuer Name,samtgemeinde,former,2025-02-01,,false,,,,"
keys d
wait_for "Delete member neu-1? (y/n)"
keys y
wait_for "member neu-1 deleted (u undoes)"
expect_member neu-1 "verbund: member show: there is no member 'neu-1'"
wait_gone "neu-1  "

# undo, several levels: the deletion, the edit, the addition
keys u
wait_for "undone: member neu-1 removed (restored)"
expect_member neu-1 "neu-1,Neuer Name,samtgemeinde,former,2025-02-01,,false,,,,"
keys u
wait_for "undone: the change of member neu-1"
expect_member neu-1 "neu-1,Gemeinde Neuß – 東京,samtgemeinde,member,2025-02-01,,false,,,,"
keys u
wait_for "undone: member neu-1 added (removed again)"
expect_member neu-1 "verbund: member show: there is no member 'neu-1'"
keys u
wait_for "nothing to undo"
# every change went through the audit log, the undos too
n=$(vb --db g.db log --entity member --code neu-1 --format csv | tail -n +2 | cut -d, -f3 | tr '\n' ' ')
[ "$n" = "add set remove add set remove " ] || fail "audit log of neu-1: $n"

# a form on the detail pane: a key figure of the selected member
keys g w
wait_for "detail 1/"
keys a
wait_for "─ Add figure ─"
# the member is the selected one and fixed; the year is this year
wait_field member "gm-sassenburg"
wait_field year "2026"
typein "pcs"
keys Tab Tab
typein "12,5"
keys F2
wait_for "figure gm-sassenburg/pcs/2026 added (u undoes)"
got=$(vb --db g.db figure list --member gm-sassenburg --format csv | grep pcs)
[ "$got" = "gm-sassenburg,pcs,2026,12.5" ] || fail "figure: [$got]"

# giving the host role to another member moves it; the undo gives it back
host() { vb --db g.db member list --format csv | awk -F, '$7 == "true" {print $1}'; }
keys w 1 j j
wait_cursor 5 0
keys e Tab Tab Tab Tab Tab Space
wait_field host "yes"
keys F2
wait_for "member sg-brome saved (u undoes)"
[ "$(host)" = sg-brome ] || fail "the host is $(host), not sg-brome"
keys u
wait_for "undone: the change of member sg-brome"
[ "$(host)" = lk-gifhorn ] || fail "after the undo the host is $(host), not lk-gifhorn"
keys q
wait_exit 0
finish
