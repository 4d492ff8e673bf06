#!/bin/sh
# On a terminal (tmux, 80 columns) a table wider than the terminal wraps
# its text column instead of cutting it; in a pipe it is not wrapped.
# Progress of long work appears on stderr only when stderr is a
# terminal (script(1) gives a pseudo-terminal), never in a pipe or
# with -q.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

DB=$T/fed.db
v() { "$VERBUND" --db "$DB" -q "$@" || fail "verbund $*: exit $?"; }
v init --name Test
v member add lk --name 'Landkreis Gifhorn' --kind landkreis --joined 2017-01-01
long='Zweckverband für die gemeinsame Informationstechnik der Kommunen im Landkreis Gifhorn und darüber hinaus'
v member add zv --name "$long" --kind zweckverband --joined 2020-01-01 --notes 'Sitz in Gifhorn'
v key add eq --equal --name Gleich
v service add sw --name 'Software' --key eq
v cost set sw 2026 100000

# --- a table that fits once its name column wraps -----------------------
tui_start --db "$DB" allocate --year 2026 --format table
wait_for "EXIT=0"
screen | sed -n '1,8p' >"$T/got"
cat >"$T/want" <<'EOF'
code   name                                             sw  transfers      total
-----  ----------------------------------------  ---------  ---------  ---------
lk     Landkreis Gifhorn                          50000.00       0.00   50000.00
zv     Zweckverband für die gemeinsame            50000.00       0.00   50000.00
       Informationstechnik der Kommunen im
       Landkreis Gifhorn und darüber hinaus
TOTAL                                            100000.00       0.00  100000.00
EXIT=0
EOF
cmp -s "$T/want" "$T/got" || fail "allocate on an 80-column terminal: $(diff -u "$T/want" "$T/got")"

# the same in a pipe: one line per row, the name whole
"$VERBUND" --db "$DB" allocate --year 2026 --format table >"$T/pipe"
grep -q "^zv     $long  *50000.00" "$T/pipe" || fail "allocate in a pipe: the name is not on its row: $(cat "$T/pipe")"

# --- a table too wide for any fit: texts wrap at 40, nothing is cut -----
tui_start --db "$DB" member list --format table
wait_for "EXIT=0"
screen | tr -s ' \n' '  ' >"$T/list"
for piece in 'Zweckverband für die gemeinsame' 'Informationstechnik der Kommunen im' \
	'Landkreis Gifhorn und darüber hinaus' 'Sitz in Gifhorn'; do
	grep -q "$piece" "$T/list" || fail "member list: '$piece' is not shown"
done

# --- progress: on a terminal only ---------------------------------------
if command -v script >/dev/null 2>&1; then
	# enough pages for a few backup steps: 2,000 members with long notes
	awk 'BEGIN { n = sprintf("%1500s", ""); gsub(/ /, "n", n)
		print "code,name,notes"
		for (i = 1; i <= 2000; i++) printf "m%04d,Gemeinde %d,%s\n", i, i, n }' >"$T/m.csv"
	v import members "$T/m.csv"
	VERBUND_PROGRESS_DELAY_MS=0
	export VERBUND_PROGRESS_DELAY_MS
	script -qec "'$VERBUND' --db '$DB' backup '$T/b1.db'" /dev/null >"$T/tty" 2>&1 ||
		fail "backup on a terminal: exit $?"
	grep -q 'backup (pages): [0-9]* of [0-9]* ([0-9]* %), [0-9]*/s' "$T/tty" ||
		fail "backup on a terminal: no progress: $(od -c "$T/tty" | head -5)"
	grep -q 'verbund: backed up' "$T/tty" || fail "backup on a terminal: no message"
	script -qec "'$VERBUND' --db '$DB' allocate --year 2026 --format csv >/dev/null" /dev/null >"$T/tty2" 2>&1 ||
		fail "allocate on a terminal: exit $?"
	# in a pipe: the message only
	"$VERBUND" --db "$DB" backup "$T/b2.db" 2>"$T/err" >/dev/null || fail "backup: exit $?"
	echo "verbund: backed up $DB to $T/b2.db" | cmp -s - "$T/err" ||
		fail "backup in a pipe: stderr: $(od -c "$T/err" | head -5)"
	# -q on a terminal: nothing at all
	script -qec "'$VERBUND' --db '$DB' -q backup '$T/b3.db'" /dev/null >"$T/tty3" 2>&1 ||
		fail "backup -q on a terminal: exit $?"
	[ -s "$T/tty3" ] && fail "backup -q on a terminal wrote: $(od -c "$T/tty3" | head -5)"
	# an import: records done of the file's records, a rate; the line is
	# cleared before the message
	awk 'BEGIN { print "member,metric,year,value"
		for (i = 1; i <= 2000; i++) printf "m%04d,staff,2026,%d\n", i, i }' >"$T/f.csv"
	script -qec "'$VERBUND' --db '$DB' import figures --new-metrics '$T/f.csv'" /dev/null >"$T/tty4" 2>&1 ||
		fail "import on a terminal: exit $?"
	grep -q 'import: 256 of 2000 (12 %), [0-9]*/s' "$T/tty4" ||
		fail "import on a terminal: no progress: $(od -c "$T/tty4" | head -5)"
	tr '\r' '\n' <"$T/tty4" | grep -q "^.\[Kverbund: imported 2000 records from $T/f.csv\$" ||
		fail "import on a terminal: the line is not cleared before the message: $(od -c "$T/tty4" | tail -5)"
	# in a pipe: the message only; -q on a terminal: nothing
	sed 's/,2026,/,2025,/' "$T/f.csv" >"$T/f2.csv"
	"$VERBUND" --db "$DB" import figures --new-metrics "$T/f2.csv" 2>"$T/err" >/dev/null || fail "import: exit $?"
	echo "verbund: imported 2000 records from $T/f2.csv" | cmp -s - "$T/err" ||
		fail "import in a pipe: stderr: $(od -c "$T/err" | head -5)"
	sed 's/,2026,/,2024,/' "$T/f.csv" >"$T/f3.csv"
	script -qec "'$VERBUND' --db '$DB' -q import figures --new-metrics '$T/f3.csv'" /dev/null >"$T/tty5" 2>&1 ||
		fail "import -q on a terminal: exit $?"
	[ -s "$T/tty5" ] && fail "import -q on a terminal wrote: $(od -c "$T/tty5" | head -5)"
	[ "$("$VERBUND" --db "$DB" figure list --year 2024 --format csv | wc -l)" -gt 2000 ] ||
		fail "import -q on a terminal: the figures are not there"
	unset VERBUND_PROGRESS_DELAY_MS
fi

finish
