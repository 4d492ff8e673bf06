#!/bin/sh
# fuzz_replay: the fuzz harnesses (tests/fuzz/fuzz_*.c) without
# libFuzzer, over the committed seed corpora and every input that once
# made a harness fail (tests/fuzz/regress/HARNESS/): each must pass its
# harness's checks (with the sanitizers, in a sanitizer build).
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
echo "fuzz_replay: $total inputs"
finish
