#!/bin/sh
# init: a new federation file, refusals, unusable files, file mode.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# --- a new file -------------------------------------------------------
run init --name 'Kreis Test'
expect_status 0
no_out
expect_err <<EOF
verbund: created $VERBUND_DB for 'Kreis Test'
EOF
mode=$(ls -l "$VERBUND_DB" | cut -c1-10)
[ "$mode" = "-rw-------" ] || fail "new file has mode $mode, expected -rw-------"

run export
expect_status 0
expect_out <<'EOF'
{
  "verbund": 1,
  "federation": {
    "name": "Kreis Test",
    "notes": null
  },
  "members": [],
  "keys": [],
  "services": [],
  "figures": [],
  "costs": [],
  "subscriptions": [],
  "grants": [],
  "transfers": [],
  "agreements": []
}
EOF

run member list --format csv
expect_status 0
expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
EOF
no_err

# --- init on an existing file is refused; the file is kept -------------
ok member add lk --name Landkreis
cp "$VERBUND_DB" "$T/copy.db"
snapshot
run init --name Other
expect_status 1
no_out
expect_err <<EOF
verbund: init: $VERBUND_DB: the file already exists; choose another name or remove it
EOF
unchanged
# an existing empty file is not overwritten either
: >"$T/empty.db"
run --db "$T/empty.db" init --name Other
expect_status 1
expect_err <<EOF
verbund: init: $T/empty.db: an empty file (0 bytes) is in the way, perhaps left by an interrupted 'verbund init' of an older version; remove it and run the command again
EOF
[ -s "$T/empty.db" ] && fail "init wrote into an existing empty file"

# --- the name ----------------------------------------------------------
run --db "$T/n1.db" init
expect_status 2
expect_err <<'EOF'
verbund: init: --name is required (see 'verbund help init')
EOF
run --db "$T/n1.db" init --name ''
expect_status 1
expect_err <<'EOF'
verbund: init: --name: the name must not be empty
EOF
run --db "$T/n1.db" init --name "$(printf 'a\tb')"
expect_status 1
expect_err <<'EOF'
verbund: init: --name: "a\x09b" contains a control character
EOF
[ -e "$T/n1.db" ] && fail "a refused init left $T/n1.db behind"
run --db "$T/n1.db" init --name Test extra
expect_status 2
expect_err <<'EOF'
verbund: init: unexpected argument 'extra' (see 'verbund help init')
EOF
[ -e "$T/n1.db" ] && fail "a refused init left $T/n1.db behind"

# --- mode 0600 whatever the umask -------------------------------------
(umask 000 && "$VERBUND" -q --db "$T/open.db" init --name Test) || fail "init with umask 000"
mode=$(ls -l "$T/open.db" | cut -c1-10)
[ "$mode" = "-rw-------" ] || fail "file made with umask 000 has mode $mode"

# --- -q silences the message, not the work -----------------------------
run -q --db "$T/quiet.db" init --name Test
expect_status 0
expect_silent
[ -f "$T/quiet.db" ] || fail "init -q made no file"

# --- a missing file: exit 3, naming init and demo ---------------------
run --db "$T/missing.db" member list
expect_status 3
no_out
expect_err <<EOF
verbund: $T/missing.db: no federation file here; create one with 'verbund init --name NAME' or 'verbund demo gifhorn'
EOF
[ -e "$T/missing.db" ] && fail "a command on a missing file created it"

# --- a file written by a newer version: exit 3, untouched -------------
if command -v sqlite3 >/dev/null 2>&1; then
	"$VERBUND" -q --db "$T/new.db" init --name Test
	sqlite3 "$T/new.db" 'PRAGMA user_version=99'
	cp "$T/new.db" "$T/new.copy"
	run --db "$T/new.db" member add x --name X
	expect_status 3
	expect_err <<EOF
verbund: $T/new.db: written by a newer version of verbund (file version 99, this program knows up to 4); it was not changed
EOF
	cmp -s "$T/new.db" "$T/new.copy" || fail "the newer file was changed"
	[ -e "$T/new.db-wal" ] && fail "the newer file got a WAL file"
	run --db "$T/new.db" init --name Test
	expect_status 1
	cmp -s "$T/new.db" "$T/new.copy" || fail "the newer file was changed by init"
fi

# --- locked longer than the busy timeout: exit 3, nothing written -------
if command -v sqlite3 >/dev/null 2>&1; then
	"$VERBUND" -q --db "$T/locked.db" init --name Gesperrt
	printf 'busy_timeout_ms = 200;\n' >"$T/fast.conf"
	printf 'BEGIN IMMEDIATE;\nDELETE FROM member;\n.shell touch %s\n.shell sleep 1\n' "$T/has-lock" |
		sqlite3 "$T/locked.db" >/dev/null 2>&1 &
	holder=$!
	n=0
	while [ ! -e "$T/has-lock" ] && [ $n -lt 100 ]; do
		sleep 0.05 2>/dev/null || sleep 1
		n=$((n + 1))
	done
	run --config "$T/fast.conf" --db "$T/locked.db" member add x --name X
	expect_status 3
	no_out
	expect_err <<EOF
verbund: member add: $T/locked.db: another program holds the federation file (waited 200 ms); try again later
EOF
	# reading goes on meanwhile (WAL)
	run --config "$T/fast.conf" --db "$T/locked.db" member list --format csv
	expect_status 0
	wait "$holder"
	run --db "$T/locked.db" member list --format csv
	expect_out <<'EOF'
code,name,kind,status,joined,left,host,contact,email,phone,notes
EOF
fi

# --- not a federation file ---------------------------------------------
printf 'garbage, not SQLite\n' >"$T/junk.db"
cp "$T/junk.db" "$T/junk.copy"
run --db "$T/junk.db" member list
expect_status 3
expect_err <<EOF
verbund: $T/junk.db: the file is corrupt or not a federation file (file is not a database)
EOF
cmp -s "$T/junk.db" "$T/junk.copy" || fail "a junk file was changed"
: >"$T/zero.db"
run --db "$T/zero.db" member list
expect_status 3
expect_err <<EOF
verbund: $T/zero.db: an empty file (0 bytes), not a federation file, perhaps left by an interrupted 'verbund init' of an older version; remove it and create the federation again ('verbund init --name NAME' or 'verbund demo gifhorn')
EOF
# demo on it says the same (not "run init", which refuses the file)
run --db "$T/zero.db" demo gifhorn
expect_status 3
expect_err <<EOF
verbund: $T/zero.db: an empty file (0 bytes), not a federation file, perhaps left by an interrupted 'verbund init' of an older version; remove it and create the federation again ('verbund init --name NAME' or 'verbund demo gifhorn')
EOF
# a half-created file of an older version: the schema without its
# version, or the schema without the federation's record
ok --db "$T/half.db" init --name Half
sqlite3 "$T/half.db" 'PRAGMA user_version = 0' || fail "sqlite3 failed"
run --db "$T/half.db" member list
expect_status 3
expect_err <<EOF
verbund: $T/half.db: an incomplete federation file: its creation by 'verbund init' or 'verbund demo' was interrupted, and it holds nothing that can be used; remove it and create it again ('verbund init --name NAME' or 'verbund demo gifhorn')
EOF
ok --db "$T/half2.db" init --name Half
sqlite3 "$T/half2.db" 'DELETE FROM federation' || fail "sqlite3 failed"
run --db "$T/half2.db" demo gifhorn
expect_status 3
expect_err <<EOF
verbund: $T/half2.db: an incomplete federation file: its creation by 'verbund init' or 'verbund demo' was interrupted, and it holds nothing that can be used; remove it and create it again ('verbund init --name NAME' or 'verbund demo gifhorn')
EOF
run --db "$T" member list
expect_status 3
expect_err <<EOF
verbund: $T: not a regular file
EOF

# --- the default location: $XDG_DATA_HOME/verbund/verbund.db ------------
(
	unset VERBUND_DB
	"$VERBUND" init --name Default >"$T/o" 2>"$T/e"
	echo $? >"$T/s"
)
[ "$(cat "$T/s")" = 0 ] || fail "init at the default location: exit $(cat "$T/s")"
[ "$(cat "$T/e")" = "verbund: created $XDG_DATA_HOME/verbund/verbund.db for 'Default'" ] ||
	fail "init at the default location said: $(cat "$T/e")"
[ -f "$XDG_DATA_HOME/verbund/verbund.db" ] || fail "no file at the default location"
# --db wins over $VERBUND_DB
run --db "$XDG_DATA_HOME/verbund/verbund.db" export
expect_status 0
grep -q '"name": "Default"' "$OUT" || fail "--db did not win over VERBUND_DB"

# --- the configuration's database, when $VERBUND_DB is not set -------------
mkdir -p "$XDG_CONFIG_HOME/verbund"
printf 'database = "%s";\n' "$T/from-config.db" >"$XDG_CONFIG_HOME/verbund/verbund.conf"
(
	unset VERBUND_DB
	"$VERBUND" init --name Konfiguriert >"$T/o" 2>"$T/e"
	echo $? >"$T/s"
)
[ "$(cat "$T/s")" = 0 ] || fail "init with the configuration's database: exit $(cat "$T/s")"
[ "$(cat "$T/e")" = "verbund: created $T/from-config.db for 'Konfiguriert'" ] ||
	fail "init with the configuration's database said: $(cat "$T/e")"
# $VERBUND_DB wins over the configuration
run export
expect_status 0
grep -q '"name": "Kreis Test"' "$OUT" || fail "VERBUND_DB did not win over the configuration"
rm "$XDG_CONFIG_HOME/verbund/verbund.conf"

# a named configuration that does not exist, or does not parse: exit 3,
# the file untouched
VERBUND_DB=$XDG_DATA_HOME/verbund/verbund.db
snapshot
run --config "$T/nope.conf" member add x --name X
expect_status 3
no_out
expect_err <<EOF
verbund: $T/nope.conf: cannot read the configuration: No such file or directory
EOF
printf 'database = ;\n' >"$T/bad.conf"
run --config "$T/bad.conf" member add x --name X
expect_status 3
expect_err <<EOF
verbund: $T/bad.conf:1: syntax error
EOF
unchanged

finish
