#!/bin/sh
# Installs what verbund needs to build and test on Debian 12 (bookworm).
# Uses sudo only when not running as root.
set -e
pkgs="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libsqlite3-dev libconfig-dev libcmocka-dev
sqlite3 tmux mandoc locales"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
