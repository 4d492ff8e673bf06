#!/bin/sh
# Installation: "make install DESTDIR=..." puts the program, the manual
# pages, the German catalog, the bash completion, the schema, the sample
# configuration and the demo federations in place; the installed program
# runs (in German with the installed catalog); "make uninstall
# DESTDIR=..." then leaves no file behind, and not the directories that
# are verbund's alone (PKGDATADIR and its demo directory).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

builddir=$(dirname "$VERBUND")
if [ ! -f "$builddir/Makefile" ] || ! command -v "${MAKE:-make}" >/dev/null 2>&1; then
	echo "SKIP: no Makefile in $builddir, or no make" >&2
	exit 77
fi
# a make of its own, not a part of the make that runs the tests
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES 2>/dev/null || :
mk() {
	"${MAKE:-make}" -C "$builddir" "$@" >>"$T/make.log" 2>&1
}
# the installation directories as make expands them
install_dirs() {
	"${MAKE:-make}" -s -C "$builddir" -f Makefile -f - print-dirs 2>/dev/null <<'END'
print-dirs:
	@echo 'bindir=$(bindir)'
	@echo 'mandir=$(mandir)'
	@echo 'localedir=$(localedir)'
	@echo 'pkgdatadir=$(pkgdatadir)'
	@echo 'bashcompletiondir=$(bashcompletiondir)'
	@echo 'USE_NLS=$(USE_NLS)'
END
}
install_dirs >"$T/dirs" || fail "cannot read the installation directories"
bindir=$(sed -n 's/^bindir=//p' "$T/dirs")
mandir=$(sed -n 's/^mandir=//p' "$T/dirs")
localedir=$(sed -n 's/^localedir=//p' "$T/dirs")
pkgdatadir=$(sed -n 's/^pkgdatadir=//p' "$T/dirs")
bashcompletiondir=$(sed -n 's/^bashcompletiondir=//p' "$T/dirs")
if [ -z "$bindir" ] || [ -z "$mandir" ] || [ -z "$pkgdatadir" ]; then
	fail "installation directories: $(cat "$T/dirs")"
	finish
fi

D=$T/dest
if ! mk install DESTDIR="$D"; then
	fail "make install DESTDIR=$D failed:"
	tail -n 30 "$T/make.log"
	finish
fi

# what must be there
for f in "$bindir/verbund" "$mandir/man1/verbund.1" "$mandir/man5/verbund.conf.5" \
	"$mandir/man7/verbund-allocation.7" "$pkgdatadir/schema.sql" \
	"$pkgdatadir/verbund.conf" "$pkgdatadir/demo/gifhorn.json"; do
	[ -f "$D$f" ] || fail "not installed: $f"
done
[ -x "$D$bindir/verbund" ] || fail "$bindir/verbund is not executable"
if [ -n "$bashcompletiondir" ]; then
	[ -f "$D$bashcompletiondir/verbund" ] || fail "not installed: $bashcompletiondir/verbund"
	case $bashcompletiondir in
	/*) ;;
	*) fail "bashcompletiondir is not absolute: $bashcompletiondir" ;;
	esac
fi
grep -q '^#define ENABLE_NLS 1' "$builddir/config.h" 2>/dev/null && nls=yes || nls=no
if [ "$nls" = yes ]; then
	mo=$D$localedir/de/LC_MESSAGES/verbund.mo
	[ -f "$mo" ] || fail "not installed: $localedir/de/LC_MESSAGES/verbund.mo"
fi
# nothing outside the prefix's directories
find "$D" -type f >"$T/installed"
while read -r f; do
	case ${f#"$D"} in
	"$bindir"/* | "$mandir"/* | "$localedir"/* | "$pkgdatadir"/*) ;;
	*)
		if [ -z "$bashcompletiondir" ] || [ "${f#"$D"}" != "$bashcompletiondir/verbund" ]; then
			fail "installed outside the installation directories: ${f#"$D"}"
		fi
		;;
	esac
done <"$T/installed"

# the installed program works, in German with the installed catalog
VERBUND=$D$bindir/verbund
run --version
expect_status 0
grep -q '^verbund [0-9]' "$OUT" || fail "installed verbund --version: $(cat "$OUT")"
run demo gifhorn
expect_status 0
if [ "$nls" = yes ] && locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	VERBUND_LOCALEDIR=$D$localedir LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 \
		"$VERBUND" frobnicate 2>"$T/de.err"
	grep -qF 'unbekannter Befehl' "$T/de.err" || fail "installed catalog: $(cat "$T/de.err")"
fi
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wwarning "$D$mandir/man7/verbund-allocation.7" >"$T/lint" 2>&1
	[ -s "$T/lint" ] && fail "installed verbund-allocation.7: $(cat "$T/lint")"
fi
if [ -n "$bashcompletiondir" ] && command -v bash >/dev/null 2>&1; then
	bash --norc --noprofile -c ". '$D$bashcompletiondir/verbund' && complete -p verbund" >"$T/c" 2>&1
	grep -qxF 'complete -F _verbund verbund' "$T/c" || fail "installed completion: $(cat "$T/c")"
fi

# uninstall: no file and no directory of verbund is left
if ! mk uninstall DESTDIR="$D"; then
	fail "make uninstall DESTDIR=$D failed:"
	tail -n 30 "$T/make.log"
	finish
fi
find "$D" ! -type d >"$T/left"
if [ -s "$T/left" ]; then
	fail "make uninstall left files behind:"
	cat "$T/left"
fi
for d in "$pkgdatadir/demo" "$pkgdatadir"; do
	[ -d "$D$d" ] && fail "make uninstall left the directory $d behind"
done

finish
