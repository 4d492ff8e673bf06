#!/bin/sh
# fuzz_replay: the fuzz harnesses (tests/fuzz/fuzz_*.c) without
# libFuzzer, over the committed seed corpora and every input that once
# made a harness fail (tests/fuzz/regress/HARNESS/): each must pass its
# harness's checks (with the sanitizers, in a sanitizer build); the
# dbfile harness gets federation files made and mutated here.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

REPLAY=${REPLAY:-$(dirname "$VERBUND")/tests/fuzz/replay}
if [ ! -x "$REPLAY" ]; then
	echo "SKIP: $REPLAY was not built" >&2
	exit 77
fi
F=$top_srcdir/tests/fuzz
# in a sanitizer build: leaks inside libconfig itself are not ours
LSAN_OPTIONS="suppressions=$F/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
total=0
for h in csv json import config num; do
	set --
	for d in "$F/corpus/$h" "$F/regress/$h"; do
		[ -d "$d" ] || continue
		for f in "$d"/*; do
			[ -f "$f" ] && set -- "$@" "$f"
		done
	done
	[ $# -gt 0 ] || {
		fail "no inputs for the harness $h"
		continue
	}
	if ! "$REPLAY" "$h" "$@" >"$OUT" 2>"$ERR"; then
		fail "the harness $h failed on its corpus or regression inputs:"
		tail -30 "$ERR"
	fi
	total=$((total + $#))
done
# dbfile: federation files, made here (a database file is built, not
# committed): a valid demo file, and copies with bytes overwritten at
# spread offsets (headers, b-tree pages, records), each opened, listed,
# allocated and checked by the harness
if command -v sqlite3 >/dev/null 2>&1; then
	set --
	"$VERBUND" -q --db "$T/seed.db" demo komgrid || fail "demo komgrid"
	sqlite3 "$T/seed.db" 'PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM' >/dev/null ||
		fail "sqlite3 vacuum"
	size=$(wc -c <"$T/seed.db")
	set -- "$T/seed.db"
	i=1
	while [ $i -le 60 ]; do
		cp "$T/seed.db" "$T/mut$i.db"
		off=$(( (i * 7919 + i * i * 131) % size ))
		printf '\377\000\377%s' "$i" | dd of="$T/mut$i.db" bs=1 seek="$off" conv=notrunc 2>/dev/null
		set -- "$@" "$T/mut$i.db"
		i=$((i + 1))
	done
	# values another program wrote: a NULL key, a text amount, a date that does not exist
	cp "$T/seed.db" "$T/sem.db"
	sqlite3 "$T/sem.db" "PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'key         TEXT NOT NULL', 'key TEXT') WHERE name = 'service';" &&
	sqlite3 "$T/sem.db" "UPDATE service SET key = NULL WHERE rowid IN (SELECT rowid FROM service LIMIT 1);
UPDATE cost SET amount = 'abc' WHERE rowid IN (SELECT rowid FROM cost LIMIT 1);
PRAGMA ignore_check_constraints = ON; UPDATE member SET joined = '2024-02-30';
UPDATE transfer SET credit = 9223372036854775807;" 2>/dev/null
	set -- "$@" "$T/sem.db"
	# and every file that once made the harness fail
	for f in "$F/regress/dbfile"/*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	if ! "$REPLAY" dbfile "$@" >"$OUT" 2>"$ERR"; then
		fail "the harness dbfile failed on a mutated federation file:"
		tail -30 "$ERR"
	fi
	total=$((total + $#))
fi
echo "fuzz_replay: $total inputs"
finish
