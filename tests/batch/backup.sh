#!/bin/sh
# backup: a consistent copy with mode 0600 that opens; never overwrites.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

run --db "$T/demo.db" demo gifhorn
expect_status 0
VERBUND_DB=$T/demo.db
"$VERBUND" export >"$T/original.json"

run backup "$T/copy.db"
expect_status 0
no_out
expect_err <<EOF
verbund: backed up $T/demo.db to $T/copy.db
EOF
mode=$(ls -l "$T/copy.db" | cut -c1-10)
[ "$mode" = "-rw-------" ] || fail "the backup has mode $mode, expected -rw-------"

# the copy opens and holds the same federation
run --db "$T/copy.db" export
expect_status 0
expect_out_file "$T/original.json"
# and it is a federation file of its own: changes stay in it
ok --db "$T/copy.db" member set lk-gifhorn --phone 123
run export
expect_out_file "$T/original.json"

# mode 0600 whatever the umask
(umask 000 && "$VERBUND" -q backup "$T/open.db") || fail "backup with umask 000"
mode=$(ls -l "$T/open.db" | cut -c1-10)
[ "$mode" = "-rw-------" ] || fail "a backup made with umask 000 has mode $mode"

# -q: no message
run -q backup "$T/quiet.db"
expect_status 0
expect_silent

# --- an existing target is never overwritten ---------------------------------
cp "$T/copy.db" "$T/copy.before"
run backup "$T/copy.db"
expect_status 1
no_out
expect_err <<EOF
verbund: backup: $T/copy.db: the file already exists; a backup never overwrites
EOF
cmp -s "$T/copy.db" "$T/copy.before" || fail "backup changed an existing file"
echo 'not a database' >"$T/text.txt"
run backup "$T/text.txt"
expect_status 1
expect_err <<EOF
verbund: backup: $T/text.txt: the file already exists; a backup never overwrites
EOF
[ "$(cat "$T/text.txt")" = 'not a database' ] || fail "backup overwrote a text file"
# nor the file itself
run backup "$T/demo.db"
expect_status 1
expect_err <<EOF
verbund: backup: $T/demo.db: the file already exists; a backup never overwrites
EOF
run export
expect_out_file "$T/original.json"

# --- usage and unusable sources ------------------------------------------
run backup
expect_status 2
expect_err <<'EOF'
verbund: backup: missing argument; usage: verbund backup FILE (see 'verbund help backup')
EOF
run backup "$T/a.db" "$T/b.db"
expect_status 2
expect_err <<EOF
verbund: backup: unexpected argument '$T/b.db' (see 'verbund help backup')
EOF
run --db "$T/missing.db" backup "$T/never.db"
expect_status 3
expect_err <<EOF
verbund: $T/missing.db: no federation file here; create one with 'verbund init --name NAME' or 'verbund demo gifhorn'
EOF
[ -e "$T/never.db" ] && fail "a failed backup left $T/never.db"

finish
