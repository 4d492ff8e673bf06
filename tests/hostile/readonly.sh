#!/bin/sh
# Read commands work on a federation file in a directory the user cannot
# write (no -shm can be created there): the file is read as it is; a
# change is refused with a message that says why and what to do.  Needs
# another user to run as (root and runuser, the user nobody).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	echo "SKIP: needs root, runuser and the user nobody" >&2
	exit 77
fi
ok demo gifhorn
"$VERBUND" member list --format csv >"$T/members.csv"
R=$T/ro
mkdir "$R"
cp "$VERBUND_DB" "$R/fed.db"
chmod 644 "$R/fed.db"
chmod 755 "$R" "$T"
as_nobody() {
	LAST="(as nobody) verbund $*"
	runuser -u nobody -- "$VERBUND" --db "$R/fed.db" "$@" >"$OUT" 2>"$ERR"
	echo $? >"$T/status"
}
as_nobody member list --format csv
expect_status 0
no_err
expect_out_file "$T/members.csv"
as_nobody allocate --year 2025 --format csv
expect_status 0
as_nobody member add zz --name Z
expect_status 3
expect_err <<EOF
verbund: member add: $R/fed.db: the file or its directory is not writable for you, so it was opened for reading only; a change needs write access to both (or run it as the file's owner)
EOF
[ ! -e "$R/fed.db-shm" ] || fail "a -shm file was created"
finish
