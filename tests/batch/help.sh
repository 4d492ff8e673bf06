#!/bin/sh
# --help and -h of the program; "verbund help X", "verbund X --help" and
# "X -h" for every command that --help lists.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# no file is needed for help
VERBUND_DB=$T/none.db

run --help
expect_status 0
no_err
cp "$OUT" "$T/help"
head -n 2 "$T/help" >"$T/got"
expect_file "$T/got" <<'EOF'
usage: verbund [GLOBAL OPTIONS]                  open the TUI
       verbund [GLOBAL OPTIONS] COMMAND [ARGS]   batch mode
EOF
tail -n 3 "$T/help" >"$T/got"
expect_file "$T/got" <<'EOF'
'verbund help COMMAND' or 'verbund COMMAND --help' shows a command's usage.
Exit status: 0 success, 1 the operation failed, 2 usage error,
3 the database or configuration cannot be used.
EOF
run -h
expect_out_file "$T/help"
run help
expect_status 0
expect_out_file "$T/help"
run --version
expect_status 0
grep -q '^verbund [0-9][0-9.]*$' "$OUT" || fail "--version printed: $(cat "$OUT")"
run -V
expect_status 0

# the commands that --help lists: "  name [sub]   summary"
sed -n '/^commands:$/,/^$/p' "$T/help" | sed -n 's/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p' >"$T/commands"
# the commands of the contract are there
for c in init demo 'member add' 'member set' 'member remove' 'member list' 'member show' \
	'figure set' 'figure list' 'figure remove' 'service add' 'service set' 'service remove' \
	'service list' 'service show' subscribe unsubscribe 'cost set' 'cost list' \
	'key add' 'key set' 'key remove' 'key list' 'key show' 'grant add' 'grant list' \
	'grant remove' 'transfer add' 'transfer list' 'transfer remove' 'agreement add' \
	'agreement version' 'agreement sign' 'agreement list' 'agreement show' import export backup; do
	grep -qx "$c" "$T/commands" || fail "--help does not list '$c'"
done
[ "$(wc -l <"$T/commands")" -ge 38 ] || fail "--help lists only $(wc -l <"$T/commands") commands"

: >"$T/all-usage"
while read -r c; do
	# shellcheck disable=SC2086 # the command's words are separate arguments
	run help $c
	expect_status 0 || continue
	no_err
	read -r first <"$OUT"
	case $first in
	"usage: verbund $c" | "usage: verbund $c "*) ;;
	*) fail "verbund help $c: the first line is '$first'" ;;
	esac
	cat "$OUT" >>"$T/all-usage"
	cp "$OUT" "$T/usage"
	run $c --help
	expect_status 0
	expect_out_file "$T/usage"
done <"$T/commands"
# every usage lists --help; no line ends in a blank
[ "$(grep -c '^  --help  *show this help$' "$T/all-usage")" = "$(wc -l <"$T/commands" | tr -d ' ')" ] ||
	fail "not every command's usage lists --help"
grep -n ' $' "$T/all-usage" && fail "a line of a usage ends in a blank"
# -h is --help; help wins over missing arguments and other options
for c in 'member add' import 'agreement sign' init; do
	run help $c
	cp "$OUT" "$T/usage"
	run $c -h
	expect_status 0
	expect_out_file "$T/usage"
	run $c --format json --help
	expect_status 0
	expect_out_file "$T/usage"
done
[ -e "$T/none.db" ] && fail "help created the federation file"

# --- a group word alone lists its subcommands --------------------------------
run help member
expect_status 2
head -n 1 "$ERR" >"$T/got"
expect_file "$T/got" <<'EOF'
verbund: 'member' needs a subcommand; member takes:
EOF
run help frobnicate
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'frobnicate' (see 'verbund --help')
EOF
run help member frobnicate
expect_status 2
head -n 1 "$ERR" >"$T/got"
expect_file "$T/got" <<'EOF'
verbund: unknown command 'member frobnicate'; member takes:
EOF

# --- one usage in full --------------------------------------------------------
run help figure set
expect_out <<'EOF'
usage: verbund figure set MEMBER METRIC YEAR VALUE

set a member's key figure for a year

options:
  --new-metric             accept a metric that no key reads (yet)
  --format FMT             output format: table, csv, csv-de, json, md
  --db FILE                the federation file
  --config FILE            the configuration file
  --quiet                  no informational messages or warnings
  --help                   show this help
EOF

finish
