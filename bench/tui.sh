#!/bin/sh
# The TUI at scale: for each number of members, a federation of members
# only (bench/gen.sh --members-only), then the TUI started in a
# pseudo-terminal (bench/tui.py): the time from the start to the first
# painted member list (median of BENCH_RUNS runs after a warm-up run)
# and the peak resident memory.  Prints a Markdown table.
#
#   sh bench/tui.sh [MEMBERS ...]      (default: 10000 1000000)
#
# Environment: VERBUND (default ./verbund), BENCH_RUNS (5), BENCH_DIR (a
# work directory kept afterwards; default a temporary one, removed),
# BENCH_TUI_TIMEOUT (seconds a run may take, 60).  A million members
# take about a minute to generate and import.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
VERBUND=${VERBUND:-./verbund}
RUNS=${BENCH_RUNS:-5}
case $VERBUND in /*) ;; *) VERBUND=$(pwd)/$VERBUND ;; esac
[ -x "$VERBUND" ] || { echo "tui.sh: $VERBUND is not executable (set VERBUND)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "tui.sh: needs python3" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10000 1000000
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset VERBUND_DB NO_COLOR 2>/dev/null || true
export XDG_CONFIG_HOME=/nonexistent XDG_DATA_HOME=/nonexistent

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/verbund-tui.XXXXXX")
	trap 'rm -rf "$work"' EXIT INT TERM
fi
cp "$VERBUND" "$work/verbund.bin"
V=$work/verbund.bin

rows=
for n in "$@"; do
	dir=$work/m$n
	if [ ! -f "$dir/fed.db" ]; then
		echo "generating $n members in $dir ..." >&2
		VERBUND=$V sh "$here/gen.sh" --members "$n" --members-only "$dir"
	fi
	first=$(sed -n '2{s/,.*//;p;q}' "$dir/members.csv")
	echo "TUI at $n members ..." >&2
	out=$(python3 "$here/tui.py" "$V" "$dir/fed.db" "$first" "$RUNS")
	t=${out% *} kb=${out#* }
	res=$(awk -v t="$t" -v k="$kb" 'BEGIN { print (t < 100 && k / 1024 < 50) ? "PASS" : "MISS" }')
	rows="$rows$(printf '| %s | %.1f ms | %.1f MB | < 100 ms, < 50 MB | %s |' "$n" "$t" \
		"$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" "$res")
"
done
cat <<EOF

## verbund TUI at scale

Start to the first painted member list (100x30 pseudo-terminal, median of
$RUNS runs after a warm-up run) and peak resident memory (wait4);
$("$V" --version 2>/dev/null | head -n 1).

| members | first paint | peak memory | goal | result |
|---:|---:|---:|---|---|
EOF
printf '%s' "$rows"
