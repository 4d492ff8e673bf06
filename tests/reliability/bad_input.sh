#!/bin/sh
# bad_input: every bad input is refused with a clear message and
# changes nothing.
#
#  - the corpus tests/bad (its MANIFEST names the command, the exit
#    status and the exact message of each file): malformed CSV and JSON,
#    impossible dates, negative, huge and 3-decimal amounts, unknown
#    references, SQL-looking codes, names with escape sequences;
#  - big inputs generated here: a 10 MB field (CSV and JSON), 100,000
#    columns in the header and in a record, 9 MB of JSON objects with
#    4096 keys each;
#  - bad values and names on the command line;
#  - bad configurations (exit 3, file and line named), among them a
#    1 GB one (sparse) and a 2 MB one (written out), which are refused
#    for their size; a 900 kB one is still read.
# After each: the exit status, the exact message on stderr, nothing on
# stdout, no raw control character on stderr, and the federation is the
# same (export and audit log, tests/lib.sh snapshot/unchanged).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

BAD=$top_srcdir/tests/bad
G=$T/gen
mkdir "$G"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2024-01-01 --host
ok member add st-a --name 'Stadt A' --kind stadt --joined 2024-01-01
ok key add users --name Nutzer --metric users
ok key add eq --name Gleich --equal
ok service add helpdesk --name Helpdesk --key users
ok service add home --name Heimarbeit --key eq --subscription
ok figure set lk users 2024 100
ok cost set helpdesk 2024 1000
ok transfer add --person 'Erika Mustermann' --from st-a --to lk --date 2024-03-01 --credit 1200 --years 3
snapshot

# no C0/DEL control character except the line ends, no C1 control
# (U+0080..U+009F, UTF-8 0xC2 0x80..0x9F) on stderr
CTRL=$(printf '[\001-\011\013-\037\177]')
C1=$(printf '\302[\200-\237]')
no_raw_controls() {
	if LC_ALL=C grep -q "$CTRL" "$ERR" || LC_ALL=C grep -q "$C1" "$ERR"; then
		fail "a raw control character on stderr of: $LAST"
		od -c "$ERR" | head -5
	fi
}

# refused STATUS MESSAGE ARGS…: the command exits STATUS, says exactly
# MESSAGE on stderr, nothing on stdout, and changes nothing.
refused() {
	_status=$1 _msg=$2
	shift 2
	run "$@"
	expect_status "$_status"
	printf '%s\n' "$_msg" | expect_err
	: | expect_out
	no_raw_controls
	unchanged
}

# --- the corpus -------------------------------------------------------
n=0
set -f
while IFS='|' read -r file args status msg; do
	case $file in '#'* | '') continue ;; esac
	p=$BAD/$file
	if [ ! -f "$p" ]; then
		fail "MANIFEST names $file, which is not in tests/bad"
		continue
	fi
	# shellcheck disable=SC2046
	refused "$status" "$(printf '%s' "$msg" | sed "s|@|$p|g")" $(printf '%s' "$args" | sed "s|@|$p|g")
	n=$((n + 1))
done <"$BAD/MANIFEST"
set +f
[ "$n" -ge 50 ] || fail "only $n cases read from tests/bad/MANIFEST"
# every file of the corpus is in the manifest
for p in "$BAD"/*; do
	f=$(basename "$p")
	case $f in MANIFEST | *.conf) continue ;; esac
	grep -q "^$f|" "$BAD/MANIFEST" || fail "tests/bad/$f is not in the MANIFEST"
done

# --- big inputs, generated ----------------------------------------------
sixty=$(printf '%060d' 0 | tr 0 a)
# a 10 MB field
{
	printf 'code,name\nbig,'
	head -c 10485760 /dev/zero | tr '\0' a
	printf '\n'
} >"$G/field-10mb.csv"
refused 1 "verbund: import: $G/field-10mb.csv:2: column 'name': \"$sixty…\" is longer than 200 characters" \
	import members "$G/field-10mb.csv"
# 10 MB of notes in quotes, with line breaks: the record starts on line 2
{
	printf 'code,name,notes\nbig,Big,"'
	head -c 10485760 /dev/zero | tr '\0' '\n'
	printf '"\n'
} >"$G/notes-10mb.csv"
nl60=$(printf '%060d' 0 | sed 's/0/\\x0a/g')
refused 1 "verbund: import: $G/notes-10mb.csv:2: column 'notes': \"$nl60…\" is longer than 4000 characters" \
	import members "$G/notes-10mb.csv"
# a 10 MB JSON string
{
	printf '[{"code": "big", "name": "'
	head -c 10485760 /dev/zero | tr '\0' a
	printf '"}]\n'
} >"$G/field-10mb.json"
refused 1 "verbund: import: $G/field-10mb.json:1: field 'name': \"$sixty…\" is longer than 200 characters" \
	import members "$G/field-10mb.json"
# 100,000 columns in the header
awk 'BEGIN { printf "code"; for (i = 1; i < 100000; i++) printf ",c%d", i; printf "\nx\n" }' >"$G/columns-100k.csv"
refused 1 "verbund: import: $G/columns-100k.csv:1: 100000 columns; members have at most 11" \
	import members "$G/columns-100k.csv"
# and 100,000 fields in a record
awk 'BEGIN { printf "member,metric,year,value\nlk"; for (i = 1; i < 100000; i++) printf ",1"; printf "\n" }' >"$G/fields-100k.csv"
refused 1 "verbund: import: $G/fields-100k.csv:2: 100000 fields, but the header has 4" \
	import figures "$G/fields-100k.csv"
# 9 MB of objects with thousands of keys each: refused at once (the
# duplicate-key check once took 10 s of CPU for this)
awk 'BEGIN { printf "["; for (o = 0; o < 200; o++) { printf "%s{", o ? "," : "";
	for (i = 0; i < 4096; i++) printf "%s\"k%d\": 1", i ? "," : "", i; printf "}" } printf "]\n" }' >"$G/wide.json"
t0=$(date +%s)
refused 1 "verbund: import: $G/wide.json:1: object with too many keys" import members "$G/wide.json"
[ $(($(date +%s) - t0)) -lt 10 ] || fail "refusing $G/wide.json took $(($(date +%s) - t0)) s"
# the same from standard input
run import figures - <"$G/fields-100k.csv"
expect_status 1
expect_err <<'EOF'
verbund: import: <stdin>:2: 100000 fields, but the header has 4
EOF
unchanged

# --- bad values on the command line -------------------------------------
refused 1 'verbund: cost set: amount: "12.345" is ambiguous: a thousands separator (12345) or a decimal point (12 and 345 thousandths, more decimals than an amount has)? Write 12345' \
	cost set helpdesk 2025 12.345
refused 1 'verbund: cost set: amount: "-5" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)' \
	cost set helpdesk 2025 -5
refused 1 'verbund: cost set: amount: "1000000000000" is above the largest amount, 999999999999.99 EUR' \
	cost set helpdesk 2025 1000000000000
refused 1 'verbund: cost set: year: "20255" is not a whole number from 1000 to 9999' \
	cost set helpdesk 20255 1
refused 1 'verbund: figure set: value: "-1" is not a number (not negative, at most 4 decimals)' \
	figure set lk users 2025 -1
refused 1 'verbund: member add: --joined: "2023-02-29" is not a valid date (YYYY-MM-DD or D.M.YYYY)' \
	member add neu --name Neu --joined 2023-02-29
refused 1 'verbund: grant add: --amount: "1e3" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)' \
	grant add g --name G --amount 1e3 --from 2024-01-01 --until 2024-12-31
refused 1 "verbund: figure set: member: there is no member 'nobody'" \
	figure set nobody users 2025 1
refused 1 "verbund: member add: code: \"x'); DROP TABLE member; --\" is not a valid code (1–32 characters a–z, 0–9, _ and -)" \
	member add "x'); DROP TABLE member; --" --name X
esc=$(printf '\033[2J\033[31mrot\033]0;Titel\007')
refused 1 'verbund: member add: --name: "\x1b[2J\x1b[31mrot\x1b]0;Titel\x07" contains a control character' \
	member add esc --name "$esc"
refused 1 'verbund: transfer add: --person: "A\x1b]0;x\x07" contains a control character' \
	transfer add --person "$(printf 'A\033]0;x\007')" --from st-a --to lk --date 2025-01-01 --credit 1 --years 1
# an escape sequence in a word the program does not know
refused 2 "verbund: unknown command '\\x1b[2J' (see 'verbund --help')" "$(printf '\033[2J')"
run member "$(printf '\033[2J')"
expect_status 2
no_raw_controls
run import members "$T/$(printf 'no\033[31mfile')"
expect_status 1
no_raw_controls
grep -q 'no\\x1b\[31mfile: cannot read' "$ERR" || fail "the file name is not shown escaped: $(cat "$ERR")"
unchanged

# --- bad configurations: exit 3, the federation is not touched ----------
for conf in "$BAD"/*.conf; do
	run --config "$conf" member list
	expect_status 3
	: | expect_out
	no_raw_controls
	case $(cat "$ERR") in
	"verbund: $conf:"[0-9]*": "?*) ;;
	*) fail "the message does not name file and line: $(cat "$ERR")" ;;
	esac
done
unchanged
refused 3 "verbund: $T/none.conf: cannot read the configuration: No such file or directory" \
	--config "$T/none.conf" member list
refused 3 "verbund: $T: the configuration is not a regular file" \
	--config "$T" member list
# 1 GB: a string of NUL bytes in a sparse file (it takes no disk space)
printf 'database = "' >"$G/1gb.conf"
dd if=/dev/null of="$G/1gb.conf" bs=1 seek=1073741824 2>/dev/null
printf '";\n' >>"$G/1gb.conf"
[ "$(wc -c <"$G/1gb.conf")" -gt 1073741824 ] || fail "could not make a 1 GB file"
refused 3 "verbund: $G/1gb.conf: the configuration is larger than 1 MB" \
	--config "$G/1gb.conf" member list
rm -f "$G/1gb.conf"
# 2 MB of real text in a string
{
	printf 'colors = { header = "'
	head -c 2097152 /dev/zero | tr '\0' x
	printf '"; };\n'
} >"$G/2mb.conf"
refused 3 "verbund: $G/2mb.conf: the configuration is larger than 1 MB" \
	--config "$G/2mb.conf" member list
# 900 kB is still a configuration
{
	printf 'busy_timeout_ms = 100;\ncolors = { header = "'
	head -c 921600 /dev/zero | tr '\0' x
	printf '"; };\n'
} >"$G/900kb.conf"
run -q --config "$G/900kb.conf" member list --format csv
expect_status 0
: | expect_err
# a FIFO (not a regular file) never hangs the program
if mkfifo "$G/fifo.conf" 2>/dev/null; then
	refused 3 "verbund: $G/fifo.conf: the configuration is not a regular file" \
		--config "$G/fifo.conf" member list
fi

# --- SQL-looking text is data: stored as given, the tables stay ---------
sql="Robert'); DROP TABLE member; --"
ok member add bobby --name "$sql" --notes "1; DELETE FROM audit WHERE 1=1; SELECT * FROM sqlite_master"
run member show bobby --format json
expect_status 0
grep -q "\"name\": \"Robert'); DROP TABLE member; --\"" "$OUT" || fail "the SQL-looking name was not stored as given"
printf 'code,name\nbobby2,"x"" OR 1=1; --"\n' >"$G/sql-name.csv"
ok import members "$G/sql-name.csv"
run member list --format csv
expect_status 0
expect_out <<EOF
code,name,kind,status,joined,left,host,contact,email,phone,notes
bobby,$sql,gemeinde,member,,,false,,,,1; DELETE FROM audit WHERE 1=1; SELECT * FROM sqlite_master
bobby2,"x"" OR 1=1; --",gemeinde,member,,,false,,,,
lk,Landkreis,landkreis,member,2024-01-01,,true,,,,
st-a,Stadt A,stadt,member,2024-01-01,,false,,,,
EOF
if command -v sqlite3 >/dev/null 2>&1; then
	[ "$(sqlite3 "$VERBUND_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
	[ "$(sqlite3 "$VERBUND_DB" 'SELECT count(*) FROM audit')" -ge 11 ] || fail "audit entries are missing"
fi

finish
