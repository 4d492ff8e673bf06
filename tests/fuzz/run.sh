#!/bin/sh
# Builds the libFuzzer harnesses with clang and runs each for a bounded
# time; called by "make fuzz" (tests/fuzz/fuzz.mk), which passes:
#
#   FUZZ_CC         clang (needs libFuzzer: -fsanitize=fuzzer)
#   FUZZ_CFLAGS     extra compiler flags (-g -O1 …)
#   FUZZ_CPPFLAGS   include paths and defines of the program's build
#   FUZZ_LIBS       libraries (sqlite3, libconfig, libintl)
#   FUZZ_SOURCES    the core's .c files (src/libverbund.a), absolute
#   FUZZ_SECONDS    seconds per harness (default 30)
#   FUZZ_HARNESSES  which harnesses (default: csv json import config num dbfile)
#   FUZZ_ARGS       further libFuzzer options, e.g. -jobs=2
#   srcdir, builddir  top source and build directories
#
# New inputs go to $builddir/tests/fuzz/work/NAME, crashes to
# $builddir/tests/fuzz/artifacts; the committed corpora in
# tests/fuzz/corpus and the regression inputs in tests/fuzz/regress are
# read, never written.  Exit status 1 when a harness failed.
set -u
: "${FUZZ_CC:=clang}" "${FUZZ_SECONDS:=30}" "${FUZZ_CFLAGS:=-g -O1 -fno-omit-frame-pointer}"
: "${FUZZ_HARNESSES:=csv json import config num dbfile}" "${FUZZ_ARGS:=}"
: "${FUZZ_CPPFLAGS:=}" "${FUZZ_LIBS:=}" "${FUZZ_SOURCES:=}"
: "${srcdir:=.}" "${builddir:=.}"
S=$srcdir/tests/fuzz
B=$builddir/tests/fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
mkdir -p "$B/obj" "$B/work" "$B/artifacts" || exit 1

if ! printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$B/obj/probe.c" ||
   ! $FUZZ_CC -fsanitize=fuzzer "$B/obj/probe.c" -o "$B/obj/probe" 2>"$B/obj/probe.log"; then
	echo "fuzz: $FUZZ_CC cannot link -fsanitize=fuzzer (install clang and its runtime, e.g. libclang-rt-14-dev):" >&2
	sed 's/^/  /' "$B/obj/probe.log" >&2
	exit 1
fi

# the core, instrumented for coverage and the sanitizers (rebuilt when
# a source or any header is newer than its object)
newest_h=$(ls -t "$srcdir"/src/*.h "$builddir/config.h" 2>/dev/null | head -1)
objs=
for src in $FUZZ_SOURCES; do
	o=$B/obj/$(basename "$src" .c).o
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		echo "  CC(fuzz) $(basename "$src")"
		$FUZZ_CC $FUZZ_CFLAGS -std=c11 -fsanitize=fuzzer-no-link $SAN $FUZZ_CPPFLAGS \
			-c "$src" -o "$o" || exit 1
	fi
	objs="$objs $o"
done

failed=
summary=
# leaks inside libconfig itself are not ours (see lsan.supp)
LSAN_OPTIONS="suppressions=$S/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
for h in $FUZZ_HARNESSES; do
	bin=$B/fuzz_$h
	if [ ! -x "$bin" ] || [ "$S/fuzz_$h.c" -nt "$bin" ] || [ "$S/fuzz.h" -nt "$bin" ] ||
	   [ -n "$(find "$B/obj" -name '*.o' -newer "$bin" 2>/dev/null)" ]; then
		echo "  CCLD(fuzz) fuzz_$h"
		$FUZZ_CC $FUZZ_CFLAGS -std=c11 -fsanitize=fuzzer $SAN $FUZZ_CPPFLAGS -I"$S" \
			"$S/fuzz_$h.c" $objs $FUZZ_LIBS -o "$bin" || exit 1
	fi
	mkdir -p "$B/work/$h"
	dict=
	[ -f "$S/dict/$h.dict" ] && dict="-dict=$S/dict/$h.dict"
	dirs="$B/work/$h"
	if [ "$h" = dbfile ] && [ ! -f "$B/work/dbfile-seed/demo.db" ]; then
		# the seeds: valid federation files (small pages, so that
		# they fit -max_len)
		mkdir -p "$B/work/dbfile-seed"
		for demo in komgrid gifhorn; do
			f=$B/work/dbfile-seed/$demo.db
			"${VERBUND:-$builddir/verbund}" -q --db "$f" demo "$demo" &&
				sqlite3 "$f" 'PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM' >/dev/null
		done
		cp "$B/work/dbfile-seed/komgrid.db" "$B/work/dbfile-seed/demo.db"
	fi
	[ "$h" = dbfile ] && dirs="$dirs $B/work/dbfile-seed"
	for d in "$S/corpus/$h" "$S/regress/$h"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	log=$B/fuzz_$h.log
	echo "fuzz: $h for ${FUZZ_SECONDS}s"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$B/artifacts/$h-" $dict $FUZZ_ARGS \
		$dirs >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ $rc -ne 0 ]; then
		failed="$failed $h"
		echo "fuzz: $h FAILED (exit $rc); the input is in $B/artifacts; the end of $log:" >&2
		tail -40 "$log" >&2
	fi
	summary="$summary
  $h: ${execs:-?} executions, ${cov:-cov: ?}, exit $rc"
done
echo "fuzz: done ($FUZZ_SECONDS s per harness)$summary"
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed; keep each crashing input in tests/fuzz/regress/NAME/ once it is fixed" >&2
	exit 1
fi
exit 0
