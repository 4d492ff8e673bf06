#!/bin/sh
# No lost update: a member changed by another program while its form is
# open is not overwritten unseen; the form says so, keeps the values
# typed, and only a second F2 saves them over the other change.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
show() { vb --db g.db member show "$1" --format csv 2>&1 | tail -n 1; }
_member_is() { [ "$(show "$1")" = "$2" ]; }
expect_member() {
	_poll 10 _member_is "$1" "$2" || fail "member $1 is [$(show "$1")], want [$2]"
}

tui_start --db g.db
wait_for " 7 members"
# the first member, gm-sassenburg
keys e
wait_for "─ Edit member gm-sassenburg ─"
# meanwhile another program renames it
vb --db g.db -q member set gm-sassenburg --contact 'Frau Batch' || fail "batch write refused"
keys C-u
typein "Sassenburg (TUI)"
keys F2
wait_for "was changed by another program since it was read."
wait_for "─ Edit member gm-sassenburg ─"
# nothing was written over the other program's change
expect_member gm-sassenburg "gm-sassenburg,Gemeinde Sassenburg,gemeinde,member,2017-01-01,,false,Frau Batch,,,\"Mitglied seit Januar 2017 (Quelle: 003). Kennzahlen (Nutzer, Endgeräte, Schulendgeräte, Standorte, Heimarbeitsplätze) illustrativ.\""
# the second F2 saves the values of the form, knowingly (the contact the
# other program set goes, as the form showed it empty)
keys F2
wait_for "member gm-sassenburg saved"
expect_member gm-sassenburg "gm-sassenburg,Sassenburg (TUI),gemeinde,member,2017-01-01,,false,,,,\"Mitglied seit Januar 2017 (Quelle: 003). Kennzahlen (Nutzer, Endgeräte, Schulendgeräte, Standorte, Heimarbeitsplätze) illustrativ.\""
keys q
wait_exit 0
finish
