#!/bin/sh
# Installs what verbund needs to build (and, with --test, to run every
# test) on Debian 12 (bookworm).  Uses sudo only when not running as root.
# A package that cannot be installed fails the script.
set -e
pkgs="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libsqlite3-dev libconfig-dev libxlsxwriter-dev libcmocka-dev
sqlite3 tmux mandoc locales"
# The tests of the documents read them the way their users' programs do:
# the statement's HTML with a strict HTML5 parser and headless Chromium
# (page count and text through pdftotext; a font for the text), the
# workbook with openpyxl, the calendar with icalendar.
test_pkgs="chromium fonts-dejavu-core poppler-utils python3 python3-openpyxl python3-icalendar python3-html5lib"
case "${1-}" in
'') ;;
--test) pkgs="$pkgs $test_pkgs" ;;
*) echo "usage: sh build-aux/deps.sh [--test]" >&2; exit 2 ;;
esac
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# The German locale for the tests of the German user interface
# (tests/i18n): enable de_DE.UTF-8 in /etc/locale.gen and generate it when
# "locale -a" lacks it.  Without it those tests are skipped, so a failure
# here is only a warning.
gen_de() {
	if [ -f /etc/locale.gen ] && ! grep -q '^de_DE\.UTF-8 UTF-8' /etc/locale.gen; then
		if grep -q '^# *de_DE\.UTF-8 UTF-8' /etc/locale.gen; then
			$SUDO sed -i 's/^# *de_DE\.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen || return 1
		else
			echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null || return 1
		fi
	fi
	$SUDO locale-gen >/dev/null
}
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-*8$'; then
	gen_de || echo "deps.sh: warning: cannot generate the locale de_DE.UTF-8; tests/i18n will be skipped" >&2
fi
