#!/bin/sh
# The German catalogue without installing: the program run where it was
# built finds locale/de/LC_MESSAGES/verbund.mo beside it (made by make
# from po/de.po); VERBUND_LOCALEDIR overrides that; the language follows
# LANGUAGE, LC_ALL, LC_MESSAGES and LANG in gettext's usual order.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	echo "SKIP: the locale de_DE.UTF-8 is not generated (locale -a)" >&2
	exit 77
fi
builddir=$(dirname "$VERBUND")
if [ -f "$builddir/config.h" ] && ! grep -q '^#define ENABLE_NLS 1' "$builddir/config.h"; then
	echo "SKIP: built without NLS (--disable-nls)" >&2
	exit 77
fi
if [ ! -f "$builddir/locale/de/LC_MESSAGES/verbund.mo" ]; then
	echo "SKIP: make made no locale/de/LC_MESSAGES/verbund.mo (no msgfmt?)" >&2
	exit 77
fi

# first line of --help under the environment given: German or English
speaks() {
	want=$1
	shift
	got=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG -u VERBUND_LOCALEDIR \
		"$@" "$VERBUND" --help | head -n 1 | cut -d' ' -f1)
	case $got in
	Aufruf:) got=de ;;
	usage:) got=en ;;
	esac
	[ "$got" = "$want" ] || fail "$* speaks '$got', not $want"
}

speaks de LANG=de_DE.UTF-8
speaks en LANG=C.UTF-8
speaks de LANG=C.UTF-8 LC_MESSAGES=de_DE.UTF-8
speaks en LANG=de_DE.UTF-8 LC_MESSAGES=C.UTF-8
speaks en LANG=de_DE.UTF-8 LC_ALL=C.UTF-8
speaks de LANG=C.UTF-8 LC_ALL=de_DE.UTF-8
speaks en LC_ALL=C.UTF-8 LC_MESSAGES=de_DE.UTF-8
# LANGUAGE comes first, a list tried in order (not in the plain C locale)
speaks en LANG=de_DE.UTF-8 LANGUAGE=en
speaks de LANG=de_DE.UTF-8 LANGUAGE=fr:de
speaks de LANG=C.UTF-8 LANGUAGE=de
speaks en LANG=C LANGUAGE=de
# VERBUND_LOCALEDIR is honoured before the build tree's catalogue
speaks en LANG=de_DE.UTF-8 VERBUND_LOCALEDIR="$T/nowhere"
mkdir -p "$T/loc/de/LC_MESSAGES"
cp "$builddir/locale/de/LC_MESSAGES/verbund.mo" "$T/loc/de/LC_MESSAGES/"
speaks de LANG=de_DE.UTF-8 VERBUND_LOCALEDIR="$T/loc"
# a link to the program is the program: its build tree counts
mkdir "$T/bin"
ln -s "$VERBUND" "$T/bin/verbund"
got=$(env -u LANGUAGE -u LC_ALL LANG=de_DE.UTF-8 "$T/bin/verbund" --help | head -n 1 | cut -d' ' -f1)
[ "$got" = "Aufruf:" ] || fail "through a symbolic link: '$got'"
# a copy outside a build tree does not take a locale/ beside it (it looks
# where make install puts the catalogue); with a config.status beside it,
# it is a build tree and does
cp "$VERBUND" "$T/bin/copy"
mkdir "$T/bin/locale"
cp -r "$builddir/locale/de" "$T/bin/locale/"
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES 2>/dev/null || :
localedir=$("${MAKE:-make}" -s -C "$builddir" -f Makefile -f - print-localedir 2>/dev/null <<'END'
print-localedir:
	@echo '$(localedir)'
END
)
if [ -n "$localedir" ] && [ ! -f "$localedir/de/LC_MESSAGES/verbund.mo" ]; then
	got=$(env -u LANGUAGE -u LC_ALL LANG=de_DE.UTF-8 "$T/bin/copy" --help | head -n 1 | cut -d' ' -f1)
	[ "$got" = "usage:" ] || fail "a copy outside the build tree found a catalogue: '$got'"
fi
: >"$T/bin/config.status"
got=$(env -u LANGUAGE -u LC_ALL LANG=de_DE.UTF-8 "$T/bin/copy" --help | head -n 1 | cut -d' ' -f1)
[ "$got" = "Aufruf:" ] || fail "a copy in a build tree of its own: '$got'"

finish
