#!/bin/sh
# The manual pages: every command that "verbund --help" lists is
# documented in the COMMANDS section of verbund(1), and every command
# documented there is listed by --help; every option of every command is
# in verbund(1); verbund-allocation(7) has the worked example of the
# specification; every page is lint-clean
# (mandoc -Tlint -Wwarning prints nothing) when mandoc is installed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

man=$top_srcdir/man
pages="$man/verbund.1 $man/verbund.conf.5 $man/verbund-allocation.7"
for p in $pages; do
	[ -f "$p" ] || fail "missing manual page $p"
done

# the commands of --help: "  name [sub]   summary" between "commands:"
# and the next empty line
run --help
expect_status 0
sed -n '/^commands:$/,/^$/p' "$OUT" | sed -n 's/^  \([a-z][a-z -]*[a-z]\)  .*/\1/p' | sort >"$T/help"
[ "$(wc -l <"$T/help")" -ge 40 ] || fail "--help lists only $(wc -l <"$T/help") commands"

# the commands documented in verbund.1: the items of the first-level,
# not compact tag lists of the COMMANDS section (".It Cm member remove Ar
# code" or ".It Xo" followed by ".Cm member add"); the lists of values
# inside it (key methods, version states, ...) are -compact or nested
awk '
/^\.Sh / { insec = ($0 == ".Sh COMMANDS"); next }
!insec { next }
/^\.Bl/ { depth++; compact[depth] = ($0 ~ /-compact/); next }
/^\.El/ { depth--; next }
/^\.It/ {
	if (depth != 1 || compact[1]) next
	if ($0 ~ /^\.It Xo/) { want = 1; next }
	if ($2 == "Cm") emit(3)
	next
}
want && /^\.Cm / { emit(2); want = 0; next }
want { want = 0 }
function emit(from,   i, s) {
	s = ""
	for (i = from; i <= NF; i++) {
		if ($i ~ /^[A-Z][a-z][a-z]?$/ || $i !~ /^[a-z][a-z-]*$/) break
		s = s (s == "" ? "" : " ") $i
	}
	if (s != "") print s
}' "$man/verbund.1" | sort -u >"$T/man"
[ "$(wc -l <"$T/man")" -ge 40 ] || fail "found only $(wc -l <"$T/man") commands in verbund.1"

comm -23 "$T/help" "$T/man" >"$T/undocumented"
if [ -s "$T/undocumented" ]; then
	fail "commands of --help that verbund.1 does not document: $(tr '\n' ',' <"$T/undocumented")"
fi
comm -13 "$T/help" "$T/man" >"$T/unknown"
if [ -s "$T/unknown" ]; then
	fail "commands documented in verbund.1 that --help does not list: $(tr '\n' ',' <"$T/unknown")"
fi
# and each of them exists: "verbund help CMD" knows it; every option that
# "verbund help CMD" lists is documented in verbund.1 (as "Fl -option")
while read -r c; do
	# shellcheck disable=SC2086
	run help $c
	expect_status 0 || fail "verbund help $c"
	sed -n 's/^  --\([a-z][a-z-]*\).*/\1/p' "$OUT" | while read -r o; do
		grep -q "Fl -$o\( \|\$\)" "$man/verbund.1" ||
			fail "verbund.1 does not document the option --$o of '$c'"
	done
done <"$T/man"

# verbund-allocation(7) keeps the worked example of the specification
for s in 5,709.83 2,854.91 1,435.26 10,000.00 36600 18300 9200 64100 \
	366000000/641 92000000/641; do
	grep -qF -- "$s" "$man/verbund-allocation.7" || fail "verbund-allocation.7 lacks $s"
done
grep -q '^\.Xr verbund-allocation 7' "$man/verbund.1" || fail "verbund.1 does not refer to verbund-allocation(7)"

# lint
if ! command -v mandoc >/dev/null 2>&1; then
	[ -s "$T/failures" ] && finish
	echo "SKIP: mandoc is not installed; the pages were not linted" >&2
	exit 77
fi
for p in $pages; do
	mandoc -Tlint -Wwarning "$p" >"$T/lint" 2>&1
	if [ -s "$T/lint" ]; then
		fail "mandoc -Tlint -Wwarning $(basename "$p"):"
		cat "$T/lint"
	fi
done

finish
