#!/bin/sh
# limits: writes that hit the file-size limit (ulimit -f; SIGXFSZ is
# ignored, so the write gets EFBIG as on a full disk).  An import, a
# save, an export to a file or to stdout and a backup report the error
# and exit non-zero; the federation file stays intact (integrity_check)
# and unchanged (export and audit log); no partial output file is left.
# A write that fits under the limit still works.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: limits.sh needs the sqlite3 program" >&2
	exit 77
fi
trap '' XFSZ
# the unit of "ulimit -f" in this shell (512 or 1024 bytes)
(ulimit -f 1 && head -c 4096 /dev/zero >"$T/probe") 2>/dev/null
unit=$(wc -c <"$T/probe")
case $unit in
512 | 1024) ;;
*)
	echo "SKIP: ulimit -f does not limit file sizes here ($unit)" >&2
	exit 77
	;;
esac

integrity() {
	_r=$(sqlite3 "$VERBUND_DB" 'PRAGMA integrity_check' 2>&1)
	[ "$_r" = ok ] || fail "integrity_check after: $LAST: $_r"
}
# limited BYTES ARGS…: run ARGS with the file-size limit BYTES
limited() {
	_lim=$((($1 + unit - 1) / unit))
	shift
	LAST="(ulimit -f $_lim) verbund $*"
	(
		ulimit -f "$_lim" || exit 99
		exec "$VERBUND" "$@"
	) >"$OUT" 2>"$ERR"
	echo $? >"$T/status"
}
expect_failed() {
	_st=$(cat "$T/status")
	if [ "$_st" = 0 ] || [ "$_st" = 99 ]; then
		fail "exit status $_st of: $LAST"
	fi
	if ! grep -q "$1" "$ERR"; then
		fail "stderr of $LAST does not say '$1':"
		sed 's/^/  | /' "$ERR"
	fi
}

new_federation
awk 'BEGIN { print "code,name,joined"; for (i = 0; i < 50; i++) printf "m%02d,Mitglied %d,2020-01-01\n", i, i }' >"$T/members.csv"
ok import members "$T/members.csv"
awk 'BEGIN { print "member,metric,year,value"
	for (i = 0; i < 50; i++) for (y = 0; y < 1000; y++) printf "m%02d,users,%d,%d.5\n", i, 2000 + y, i * y }' >"$T/figures.csv"
# the checkpoint puts everything into the file: its size is the base
sqlite3 "$VERBUND_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
size=$(wc -c <"$VERBUND_DB")
snapshot

# --- an import of 50,000 rows does not fit into 32 kB more ------------------
limited $((size + 32768)) import figures --new-metrics "$T/figures.csv"
expect_failed 'File too large'
expect_status 3
# the write fails at a record (file:line) or, with the page cache, at the commit
grep -Eq "^verbund: import: ($T/figures.csv:[0-9]+: )?$VERBUND_DB: cannot write the file: " "$ERR" ||
	fail "unexpected message: $(cat "$ERR")"
integrity
unchanged
[ "$(sqlite3 "$VERBUND_DB" 'SELECT count(*) FROM figure')" = 0 ] || fail "a part of the import is there"

# --- a save that fits works, under the same limit ------------------------------
limited $((size + 32768)) member set m01 --name 'Klein genug'
expect_status 0
integrity
run member show m01 --format csv
grep -q 'Klein genug' "$OUT" || fail "the small save is not there"

# --- with 50,000 figures: exports and a backup that do not fit -----------------
ok import figures --new-metrics "$T/figures.csv"
snapshot
limited 65536 export --output "$T/export.json"
expect_failed 'File too large'
[ ! -e "$T/export.json" ] || fail "a partial export file was left"
limited 65536 export figures --format csv --output "$T/figures-out.csv"
expect_failed 'File too large'
[ ! -e "$T/figures-out.csv" ] || fail "a partial export file was left"
# to stdout, redirected to a file
LAST="(ulimit -f) export > file"
(
	ulimit -f $((65536 / unit))
	exec "$VERBUND" export
) >"$T/stdout.json" 2>"$ERR"
echo $? >"$T/status"
expect_failed 'cannot write the output'
limited 65536 backup "$T/backup.db"
expect_failed 'backup failed'
[ ! -e "$T/backup.db" ] || fail "a partial backup was left"
integrity
unchanged

finish
