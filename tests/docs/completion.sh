#!/bin/sh
# The bash completion (completion/verbund): sourced into bash, it
# completes commands, subcommands, options, --format and choice values,
# file names and the codes of the federation named by --db on the line.
# Without bash-completion's helpers, and with them when they are there.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "SKIP: bash is not installed" >&2
	exit 77
fi
script=$top_srcdir/completion/verbund
[ -f "$script" ] || {
	fail "missing $script"
	finish
}

new_federation
ok member add a --name A --joined 2024-01-01
ok member add b --name B --joined 2024-01-01
ok member add c --name C --joined 2024-07-01
ok figure set --new-metric a users 2024 100
ok key add users --name Users --metric users
ok key add half --name Half --fixed a=50,b=50
ok service add helpdesk --name Helpdesk --key users
ok service add netz --name Netz --key half
: >"$T/members.csv"
mkdir "$T/dir"
# the default file of the environment must not be what is read
DB=$T/fed.db
VERBUND_DB=$T/other.db
export VERBUND_DB VERBUND T DB

# comp WORD...: the completions of the last word, one line
# "words -> replies" (sorted); the program is $VERBUND
cat >"$T/comp.bash" <<'END'
comp() {
	COMP_WORDS=("$VERBUND" "$@")
	COMP_CWORD=$#
	local l=$VERBUND w p=
	for w in "$@"; do
		if [[ $w == = || $p == = ]]; then l+=$w; else l+=" $w"; fi
		p=$w
	done
	COMP_LINE=$l
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_verbund
	l=${l#"$VERBUND"}
	l=${l# }
	printf '%s ->%s\n' "${l% }" "$( ((${#COMPREPLY[@]})) && printf ' %s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr -d '\n')"
}
complete -p verbund
comp ''
comp me
comp member ''
comp member add x --jo
comp allocate --e
comp allocate --ba
comp --format c
comp member list --format=j
comp member add x --kind=s
comp member list --status p
comp allocate --basis ''
comp --db "$DB" member show ''
comp member show --db "$DB" ''
comp --db "$DB" figure set a ''
comp --db "$DB" subscribe a ''
comp --db "$DB" cost set ''
comp --db "$DB" key show ''
comp --db "$DB" key add k --exclude a,''
comp --db "$DB" key add k --fixed ''
comp --db "$DB" service add s --key h
comp --db "$DB" transfer add --from ''
comp import ''
comp import members "$T/mem"
comp backup "$T/di"
comp --db "$T/mem"
comp --config="$T/mem"
comp export ''
comp demo ''
comp help ''
comp help agreement ''
comp log --entity s
comp advances --installments ''
comp deadlines --format ''
comp member list --format ''
END

# the expected lines ($T stands for the temporary directory)
cat >"$T/expected.txt" <<'END'
complete -F _verbund verbund
 -> advances agreement allocate backup check compare cost deadlines demo export figure grant help import init key log member savings service settle simulate statement subscribe subscription transfer unsubscribe workbook
me -> member
member -> add list remove set show
member add x --jo -> --joined
allocate --e -> --explain
allocate --ba -> --basis
--format c -> csv csv-de
member list --format=j -> json
member add x --kind=s -> samtgemeinde stadt
member list --status p -> pilot prospective
allocate --basis -> actual plan
--db $T/fed.db member show -> a b c
member show --db $T/fed.db -> a b c
--db $T/fed.db figure set a -> users
--db $T/fed.db subscribe a -> helpdesk netz
--db $T/fed.db cost set -> helpdesk netz
--db $T/fed.db key show -> half users
--db $T/fed.db key add k --exclude a, -> a,a a,b a,c
--db $T/fed.db key add k --fixed -> a= b= c=
--db $T/fed.db service add s --key h -> half
--db $T/fed.db transfer add --from -> a b c
import -> agreements all costs figures grants keys members services subscriptions transfers
import members $T/mem -> $T/members.csv
backup $T/di -> $T/dir
--db $T/mem -> $T/members.csv
--config=$T/mem -> $T/members.csv
export -> agreements costs figures grants keys members services subscriptions transfers
demo -> gifhorn hessen-isb komgrid muenster-lwl
help -> advances agreement allocate backup check compare cost deadlines demo export figure grant import init key log member savings service settle simulate statement subscribe subscription transfer unsubscribe workbook
help agreement -> add list show sign version
log --entity s -> service signature subscription
advances --installments -> 1 12 2 3 4 6
deadlines --format -> csv csv-de ics json md table
member list --format -> csv csv-de json md table
END
sed "s|\\\$T|$T|g" "$T/expected.txt" >"$T/expected.sub"

# plain bash
bash --norc --noprofile -c \
	". '$script' && . '$T/comp.bash'" >"$T/got" 2>&1
cp "$T/expected.sub" "$T/expected"
_compare "completions (plain bash)" "$T/got"

# with bash-completion's helpers (_init_completion, _filedir)
for bc in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	[ -f "$bc" ] || continue
	bash --norc --noprofile -c \
		". '$bc' && . '$script' && . '$T/comp.bash'" >"$T/got" 2>&1
	cp "$T/expected.sub" "$T/expected"
	_compare "completions (with $bc)" "$T/got"
	break
done

# every command that --help lists completes from its first word
run --help
sed -n '/^commands:$/,/^$/p' "$OUT" | sed -n 's/^  \([a-z][a-z-]*\) \([a-z][a-z-]*\)  .*/\1 \2/p' >"$T/pairs"
while read -r g s; do
	echo "comp $g $(printf '%.1s' "$s")"
done <"$T/pairs" >"$T/each.bash"
bash --norc --noprofile -c \
	". '$script' && . '$T/comp.bash' >/dev/null && . '$T/each.bash'" >"$T/got" 2>&1
while read -r g s; do
	grep -q "^$g $(printf '%.1s' "$s") ->.* $s\( \|\$\)" "$T/got" ||
		fail "'verbund $g $(printf '%.1s' "$s")<TAB>' does not offer $s"
done <"$T/pairs"

finish
