#!/bin/sh
# Hostile input and hostile sums:
#  - --db "" and an empty VERBUND_DB are usage errors (exit 2);
#  - C1 controls (U+009B, a CSI) and bidirectional controls (U+202E) are
#    refused in single-line fields and shown escaped in the message;
#    stored ones (written by another program) reach no terminal raw:
#    table output shows U+FFFD, JSON escapes them;
#  - notes take CRLF from the command line (kept as LF);
#  - a message cuts a long value on a character boundary;
#  - a term or a credit period ending after 9999-12-31 is refused;
#  - 93,000 transfers of 999,999,999,999.99 overflow a member's sum of
#    transfers: allocate, advances, settle and savings stop with exit 1,
#    print nothing and name the member; check reports it as an error.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: no sqlite3" >&2; exit 77; }

# --- names of the file ---------------------------------------------------
new_federation
run --db "" member list
expect_status 2
no_out
expect_err <<'EOF'
verbund: member list: --db: the file name is empty (see 'verbund help member list')
EOF
run --db= init --name X
expect_status 2
expect_err <<'EOF'
verbund: init: --db: the file name is empty (see 'verbund help init')
EOF
VERBUND_DB= run member list
expect_status 2
expect_err <<'EOF'
verbund: member list: VERBUND_DB is set but empty; name a file or unset it (see 'verbund help member list')
EOF

# --- control characters ----------------------------------------------------
snapshot
run member add a --name "$(printf 'A\302\233B')"
expect_status 1
expect_err <<'EOF'
verbund: member add: --name: "A\u009bB" contains a control character
EOF
run member add a --name "$(printf 'A\342\200\256B')"
expect_status 1
expect_err <<'EOF'
verbund: member add: --name: "A\u202eB" contains a bidirectional control character (U+202E)
EOF
run member add a --name "$(printf 'A\342\201\246B')"
expect_status 1
expect_err <<'EOF'
verbund: member add: --name: "A\u2066B" contains a bidirectional control character (U+2066)
EOF
unchanged
ok member add a --name A --notes "$(printf 'one\r\ntwo')"
run member show a --format json
expect_status 0
grep -q '"notes": "one\\ntwo"' "$OUT" || fail "CRLF notes not kept as LF: $(cat "$OUT")"
# stored by another program: a C1 control in a name stops the command
# (exit 3), and the message shows it escaped
sqlite3 "$VERBUND_DB" "UPDATE member SET name = 'X' || char(155) || 'Y' WHERE code = 'a'" || fail "sqlite3"
run member list --format table
expect_status 3
no_out
expect_err <<'EOF'
verbund: member list: the federation file holds a value that is not valid: table 'member', record 'a', column 'name': "X\u009bY" contains a control character; 'verbund check' lists every such value
EOF
# a bidi control in notes (allowed there) reaches no terminal raw
sqlite3 "$VERBUND_DB" "UPDATE member SET name = 'A', notes = 'one' || char(8238) || 'two' WHERE code = 'a'" || fail "sqlite3"
run member list --format table
expect_status 0
expect_out <<'EOF'
code  name  kind      status  joined  left  host  contact  email  phone  notes
----  ----  --------  ------  ------  ----  ----  -------  -----  -----  -------
a     A     gemeinde  member                true                         one�two
EOF
run member list --format json
grep -q '"notes": "one\\u202etwo"' "$OUT" || fail "JSON does not escape a bidi control: $(cat "$OUT")"

# --- messages cut on character boundaries -------------------------------------
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "ä" }')
run member add b --name "$long"
expect_status 1
cut=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "ä" }')
expect_err <<EOF
verbund: member add: --name: "$cut…" is longer than 200 characters
EOF

ok member add c --name C
# --- the limits named ------------------------------------------------------------
run transfer add --person P --from a --to c --date 2020-01-01 --credit 12345678901234 --years 1
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --credit: "12345678901234" is above the largest amount, 999999999999.99 EUR
EOF
run figure set a users 2025 99999999999999 --new-metric
expect_status 1
expect_err <<'EOF'
verbund: figure set: value: "99999999999999" is above the largest figure, 1000000000000
EOF
# JSON types with their article
printf '[{"code": "j", "name": "J", "host": "yes"}, {"code": "k", "name": ["K"]}]' >"$T/m.json"
run import members "$T/m.json"
expect_status 1
grep -q "an array where" "$ERR" || grep -q "a string where" "$ERR" || fail "JSON type message: $(cat "$ERR")"
grep -q " a array\| a object" "$ERR" && fail "'a array' in: $(cat "$ERR")"

# --- a configuration with 70,000 colour entries (under 1 MB): refused at once
awk 'BEGIN { print "colors = {"; for (i = 0; i < 70000; i++) printf "c%d=\"red\";\n", i; print "};" }' >"$T/big.conf"
run --config "$T/big.conf" member list
expect_status 3
expect_err <<EOF
verbund: $T/big.conf: the configuration has more than 2048 settings
EOF

# --- dates stay within 0001-01-01 … 9999-12-31 ---------------------------------

run transfer add --person P --from a --to c --date 9950-01-01 --credit 10 --years 60
expect_status 1
expect_err <<'EOF'
verbund: transfer add: transfer: a credit of 60 years from 9950-01-01 ends after 9999-12-31
EOF
ok agreement add zv --title T --type other
run agreement version zv --from 9950-01-01 --term 60 --parties a,c
expect_status 1
expect_err <<'EOF'
verbund: agreement version: agreement 'zv' version 1: a term of 60 years from 9950-01-01 ends after 9999-12-31
EOF
# ending exactly on the last day is fine
ok agreement version zv --from 9900-01-01 --term 100 --parties a,c

# --- sums that do not fit in 64 bits ---------------------------------------------
rm -f "$VERBUND_DB" "$VERBUND_DB-wal" "$VERBUND_DB-shm"
ok demo gifhorn
sqlite3 "$VERBUND_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 93000)
INSERT INTO transfer(person, \"from\", \"to\", date, credit, years)
SELECT 'P' || i, 'lk-gifhorn', 'st-wittingen', '2024-01-01', 99999999999999, 5 FROM n" || fail "sqlite3"
for c in allocate advances settle savings; do
	run $c --year 2025
	expect_status 1
	no_out
	expect_err <<EOF
verbund: $c: the sum of the transfers of member 'lk-gifhorn' overflows: beyond ±9223372036854775807 cents
EOF
done
run check --year 2025 --format csv
expect_status 1
expect_out <<'EOF'
severity,year,entity,code,message
error,2025,allocation,2025/plan,the sum of the transfers of member 'lk-gifhorn' overflows: beyond ±9223372036854775807 cents
error,2025,allocation,2025/actual,the sum of the transfers of member 'lk-gifhorn' overflows: beyond ±9223372036854775807 cents
EOF

finish
