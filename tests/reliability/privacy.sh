#!/bin/sh
# privacy: files with personal data are private to their owner, exports
# can pseudonymize the staff of transfers, and the audit log keeps no
# more than the records.
#  - a new federation file (and the directories verbund creates for it)
#    and a backup have mode 0600 (0700), whatever the umask;
#  - export --output FILE creates FILE with mode 0600, refuses an
#    existing FILE unless --force, and --force replaces it (mode 0600
#    again, the old file is never half written);
#  - export --pseudonymize: "Person-" and the first 12 hex digits of the
#    HMAC-SHA-256 of the name under the federation's random secret key
#    (as openssl computes it; never the plain SHA-256 of the name), the
#    same in every run and every format, no real name and no transfer
#    notes anywhere in the output, no key, and the stored data unchanged;
#  - the audit log's before/after of a transfer hold exactly the fields
#    of the record, nothing else.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

mode() {
	stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"
}
expect_mode() {
	_m=$(mode "$1")
	[ "$_m" = "$2" ] || fail "$1 has mode $_m, expected $2 (after: $LAST)"
}

# --- the federation file and its backup --------------------------------------
umask 000
new_federation
expect_mode "$VERBUND_DB" 600
# the default location: directories 0700
unset VERBUND_DB
run -q init --name Default
expect_status 0
expect_mode "$XDG_DATA_HOME/verbund" 700
expect_mode "$XDG_DATA_HOME/verbund/verbund.db" 600
VERBUND_DB=$T/fed.db
export VERBUND_DB
umask 022
ok member add lk --name Landkreis --kind landkreis --joined 2024-01-01 --host
ok member add st-a --name 'Stadt A' --kind stadt --joined 2024-01-01
ok member add gm-b --name 'Gemeinde B' --joined 2024-01-01
ok transfer add --person 'Erika Mustermann' --from st-a --to lk --date 2024-03-01 --credit 12000 --years 3 --grade 'EG 9b' --notes 'kommt aus dem Bürgerbüro, Tel. privat 0123'
ok transfer add --person 'Jürgen Müller-Lüdenscheidt' --from gm-b --to lk --date 2025-01-01 --credit 5000 --years 2
ok transfer add --person 'Erika Mustermann' --from gm-b --to lk --date 2026-01-01 --credit 100 --years 1
umask 000
ok backup "$T/backup.db"
expect_mode "$T/backup.db" 600
umask 022

# --- export --output -------------------------------------------------------
umask 000
run export --output "$T/all.json"
expect_status 0
expect_err <<EOF
verbund: exported to $T/all.json
EOF
: | expect_out
expect_mode "$T/all.json" 600
run export
expect_out_file "$T/all.json"
run -q export transfers --format csv --output "$T/transfers.csv"
expect_status 0
expect_mode "$T/transfers.csv" 600
umask 022
# an existing file is refused and left as it was
echo 'keep me' >"$T/exists.json"
chmod 644 "$T/exists.json"
run export --output "$T/exists.json"
expect_status 1
expect_err <<EOF
verbund: export: $T/exists.json: the file already exists; use --force to replace it
EOF
expect_file "$T/exists.json" <<'EOF'
keep me
EOF
expect_mode "$T/exists.json" 644
# also through a symbolic link
ln -s "$T/exists.json" "$T/link.json"
run export --output "$T/link.json"
expect_status 1
expect_file "$T/exists.json" <<'EOF'
keep me
EOF
# --force replaces it, with mode 0600
run -q export --output "$T/exists.json" --force
expect_status 0
expect_mode "$T/exists.json" 600
cmp -s "$T/exists.json" "$T/all.json" || fail "--force did not write the export"
[ "$(ls "$T" | grep -c '^exists\.json\.')" = 0 ] || fail "a temporary file was left"
run export --force
expect_status 2
expect_err <<'EOF'
verbund: export: --force replaces the file of --output (see 'verbund help export')
EOF
run export --output "$T/nodir/x.json"
expect_status 1
expect_err <<EOF
verbund: export: $T/nodir/x.json: cannot create: No such file or directory
EOF

# --- export --pseudonymize ---------------------------------------------------
snapshot
# HMAC-SHA-256 of the name under the federation's secret key (as openssl
# computes it), the first 12 hex digits
KEY=$(sqlite3 "$VERBUND_DB" 'SELECT lower(hex(pseudonym_key)) FROM secret' 2>/dev/null)
pseudo() {
	if [ -n "$KEY" ] && command -v openssl >/dev/null 2>&1; then
		printf 'Person-%s' "$(printf '%s' "$1" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY" |
			sed 's/.*= //' | cut -c1-12)"
	else
		printf 'Person-?'
	fi
}
if command -v sqlite3 >/dev/null 2>&1; then
	[ ${#KEY} = 64 ] || fail "no secret key of 32 bytes in the federation file"
fi
# the plain SHA-256 of a name (what a staff list gives) is not the pseudonym
if command -v sha256sum >/dev/null 2>&1; then
	plain=$(printf '%s' 'Erika Mustermann' | sha256sum | cut -c1-12)
	run export transfers --format csv --pseudonymize
	grep -q "$plain" "$OUT" && fail "the pseudonym is the plain SHA-256 of the name"
fi
E=$(pseudo 'Erika Mustermann')
J=$(pseudo 'Jürgen Müller-Lüdenscheidt')
run export transfers --format csv --pseudonymize
expect_status 0
if [ "$E" != 'Person-?' ]; then
	# in the order of the transfers' numbers
	{
		echo 'person,from,to,date,credit,years,fte,grade,notes'
		printf '%s\n' "$E,st-a,lk,2024-03-01,12000.00,3,,EG 9b," "$J,gm-b,lk,2025-01-01,5000.00,2,,," \
			"$E,gm-b,lk,2026-01-01,100.00,1,,,"
	} >"$T/expected2.csv"
	expect_out_file "$T/expected2.csv"
fi
cp "$OUT" "$T/pseudo1.csv"
run export transfers --format csv --pseudonymize
expect_out_file "$T/pseudo1.csv"
# every format, the whole export too: no real name, no notes
for args in "transfers --format csv" "transfers --format csv-de" "transfers --format json" ""; do
	# shellcheck disable=SC2086
	run export $args --pseudonymize
	expect_status 0
	for secret in Erika Mustermann Jürgen Müller Bürgerbüro 0123; do
		if grep -q "$secret" "$OUT"; then
			fail "'$secret' is in the output of: $LAST"
		fi
	done
	[ "$E" = 'Person-?' ] || grep -q "$E" "$OUT" || fail "no pseudonym $E in: $LAST"
	[ -z "$KEY" ] || ! grep -qi "$KEY" "$OUT" || fail "the secret key is in the output of: $LAST"
done
run export --pseudonymize --output "$T/pseudo.json"
expect_status 0
expect_mode "$T/pseudo.json" 600
grep -q Mustermann "$T/pseudo.json" && fail "a real name in the pseudonymized export file"
# the stored data did not change
unchanged
run transfer list --format csv
grep -q 'Erika Mustermann' "$OUT" || fail "the stored name was changed"
# long names and other characters: the pseudonym is the HMAC of the bytes
if [ "$E" != 'Person-?' ]; then
	for name in "$(printf '%055d' 0 | tr 0 x)" "$(printf '%056d' 0 | tr 0 y)" \
		"$(printf '%064d' 0 | tr 0 z)" "$(printf '%0100d' 0 | sed 's/0/ä/g')" "Ö"; do
		ok transfer add --person "$name" --from st-a --to lk --date 2020-01-01 --credit 1 --years 1
		run export transfers --format csv --pseudonymize
		grep -q "^$(pseudo "$name"),st-a,lk,2020-01-01," "$OUT" ||
			fail "the pseudonym of a ${#name}-character name is not $(pseudo "$name")"
		id=$(sqlite3 "$VERBUND_DB" "SELECT id FROM transfer WHERE date = '2020-01-01'" 2>/dev/null)
		[ -n "$id" ] && ok transfer remove "$id"
	done
fi

# --- the audit log holds no more than the record ---------------------------
if command -v sqlite3 >/dev/null 2>&1; then
	ok transfer set 1 --credit 13000 --notes ''
	ok transfer remove 3
	fields='credit_cents,date,from,fte,grade,id,notes,person,to,years'
	# every before and after of a transfer: exactly the record's fields
	n=0
	for col in before after; do
		for id in $(sqlite3 "$VERBUND_DB" "SELECT id FROM audit WHERE entity = 'transfer' AND $col IS NOT NULL"); do
			keys=$(sqlite3 "$VERBUND_DB" "SELECT group_concat(key, ',') FROM (SELECT key FROM audit, json_each(audit.$col) WHERE audit.id = $id ORDER BY key)")
			[ "$keys" = "$fields" ] || fail "audit entry $id ($col) holds the fields $keys"
			n=$((n + 1))
		done
	done
	[ "$n" -ge 9 ] || fail "only $n before/after values of transfers in the audit log"
	# the values are those of the record (here: the last state of transfer 1)
	after=$(sqlite3 "$VERBUND_DB" "SELECT after FROM audit WHERE entity = 'transfer' AND code = '1' ORDER BY id DESC LIMIT 1")
	run transfer list --format json
	expect_status 0
	grep -qF "$(printf '%s' "$after" | sed 's/^{//; s/}$//')" "$OUT" || fail "the audit's after is not the stored record: $after"
	# the code of a transfer's entry is its number, not the person's name
	[ "$(sqlite3 "$VERBUND_DB" "SELECT count(*) FROM audit WHERE entity = 'transfer' AND code GLOB '*[^0-9]*'")" = 0 ] ||
		fail "a transfer's audit code is not its number"
	# the import entry names the file and the count, no records
	printf 'person,from,to,date,credit,years\nMax Muster,st-a,lk,2027-01-01,1,1\n' >"$T/t.csv"
	ok import transfers "$T/t.csv"
	[ "$(sqlite3 "$VERBUND_DB" "SELECT count(*) FROM audit WHERE action = 'import' AND after LIKE '%Muster%'")" = 0 ] ||
		fail "the import's own audit entry holds record data"
fi

finish
