#!/bin/sh
# Read commands work on a federation file in a directory the user cannot
# write (no -shm can be created there): the file is read as it is; a
# change is refused with a message that says why and what to do.  Needs
# another user to run as (root and runuser, the user nobody).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1 ||
   ! id daemon >/dev/null 2>&1; then
	echo "SKIP: needs root, runuser and the users nobody and daemon" >&2
	exit 77
fi
ok demo gifhorn
"$VERBUND" member list --format csv >"$T/members.csv"
R=$T/ro
mkdir "$R"
cp "$VERBUND_DB" "$R/fed.db"
chmod 644 "$R/fed.db"
chmod 755 "$R" "$T"
# the other users run a copy of the program: the build tree may lie in
# a directory that only its owner may enter (mktemp -d, a home directory)
PROG=$T/verbund-ro
cp "$VERBUND" "$PROG"
chmod 755 "$PROG"
as_nobody() {
	LAST="(as nobody) verbund $*"
	runuser -u nobody -- "$PROG" --db "$R/fed.db" "$@" >"$OUT" 2>"$ERR"
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

# A stale -shm that a program of another user left beside a file its
# owner may write: reading works, a change is refused naming the fix.
W=$T/w
mkdir "$W"
chmod 777 "$W"
cp "$VERBUND_DB" "$W/fed.db"
chown daemon "$W/fed.db"
chmod 644 "$W/fed.db"
runuser -u nobody -- sh -c 'umask 022 && : >"$1"' sh "$W/fed.db-shm"
as_daemon() {
	LAST="(as daemon) verbund $*"
	runuser -u daemon -- "$PROG" --db "$W/fed.db" "$@" >"$OUT" 2>"$ERR"
	echo $? >"$T/status"
}
as_daemon member list --format csv
expect_status 0
no_err
expect_out_file "$T/members.csv"
as_daemon member add zz --name Z
expect_status 3
expect_err <<EOF
verbund: member add: $W/fed.db: the shared-memory file $W/fed.db-shm is not writable for you (left by a program of another user?); when no program uses the federation file, remove $W/fed.db-shm, or give it to the file's owner
EOF
rm -f "$W/fed.db-shm"
as_daemon member add zz --name Z
expect_status 0
finish
