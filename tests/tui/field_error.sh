#!/bin/sh
# A form's reason stands beside the field it is about in every language:
# the core names the field (not its English word in the message), so a
# German "left before joined" sits on the line of the left date.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	echo "SKIP: the locale de_DE.UTF-8 is not generated (locale -a)"
	exit 77
fi
if [ ! -f "$(dirname "$VERBUND")/locale/de/LC_MESSAGES/verbund.mo" ]; then
	echo "SKIP: no catalogue in the build tree (built without NLS or msgfmt)"
	exit 77
fi

vb --db g.db -q demo gifhorn || exit 1
unset LC_ALL VERBUND_LOCALEDIR LANGUAGE
LANG=de_DE.UTF-8
export LANG

tui_start --db g.db
wait_for " 7 Mitglieder"
wait_for "gm-sassenburg"
keys e
wait_for "Mitglied gm-sassenburg bearbeiten"
# name, kind, status, joined, left
keys Tab Tab Tab Tab
typein "1.1.2010"
keys F2
wait_for "liegt vor Beitritt"
row=$(screen | grep "01.01.2010\|2010-01-01" | head -n 1)
case $row in
*"liegt vor Beitritt"*) ;;
*) fail "the reason is not beside the left date: [$row]" ;;
esac
# no other field shows it
n=$(screen | grep -c "liegt vor Beitritt")
[ "$n" -eq 2 ] || fail "the reason shows $n times, want 2 (beside the field, message line)"
finish
