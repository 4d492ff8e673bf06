#!/bin/sh
# Typing into a choice field completes to the first listed value that
# starts with what was typed and takes nothing else; Space still cycles.
# A field naming another record completes to its existing codes.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
show() { vb --db g.db "$1" show "$2" --format csv 2>&1 | tail -n 1; }

tui_start --db g.db
wait_for " 7 members"
keys a
wait_for "─ Add member ─"
typein "neu-2"
keys Tab
typein "Neu"
keys Tab
wait_field kind "gemeinde"
# s completes to the first listed kind with s (never "gemeindes"), a
# narrows to samtgemeinde, x is refused
typein "s"
wait_field kind "stadt"
typein "a"
wait_field kind "samtgemeinde"
typein "x"
wait_for "kind takes only one of: landkreis, stadt"
wait_field kind "samtgemeinde"
# Space still cycles
keys Space
wait_field kind "landschaftsverband"
keys Tab
keys C-u
typein "f"
wait_field status "former"
keys F2
wait_for "member neu-2 added (u undoes)"
[ "$(show member neu-2)" = "neu-2,Neu,landschaftsverband,former,,,false,,,," ] ||
	fail "member neu-2 is [$(show member neu-2)]"

# a service's key: h completes to the existing key homeoffice
keys 3
wait_for " 7 services"
keys a
wait_for "─ Add service ─"
typein "neu-s"
keys Tab
typein "Neuer Dienst"
keys Tab
# the line under the fields offers the existing keys
wait_for "Space: the next key: base, devices, homeoffi"
typein "h"
wait_field key "homeoffice"
typein "o"
wait_field key "homeoffice"
keys F2
wait_for "service neu-s added (u undoes)"
show service neu-s | grep -q '^neu-s,Neuer Dienst,homeoffice,' ||
	fail "service neu-s is [$(show service neu-s)]"
keys q
wait_exit 0
finish
