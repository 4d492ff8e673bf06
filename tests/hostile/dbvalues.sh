#!/bin/sh
# Values that another program wrote into the federation file are
# validated like input: a NULL where a key belongs, 'abc' as an amount
# and 2024-02-30 as a date (integrity_check says "ok" to all three) stop
# allocate with exit 3, naming table, record and column; check lists
# every such value (exit 1); nothing is allocated as 0.00 and no member
# disappears.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: no sqlite3" >&2; exit 77; }

ok demo gifhorn
cp "$VERBUND_DB" "$T/clean.db"
run check --year 2025 --format csv
expect_status 0

# a NULL key of a service (the NOT NULL removed from the schema first)
sqlite3 "$VERBUND_DB" "PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'key         TEXT NOT NULL', 'key TEXT') WHERE name = 'service';" ||
	fail "sqlite3"
sqlite3 "$VERBUND_DB" "UPDATE service SET key = NULL WHERE code = 'netzwerk'" || fail "sqlite3"
[ "$(sqlite3 "$VERBUND_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
run allocate --year 2025
expect_status 3
no_out
expect_err <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'service', record 'netzwerk', column 'key': NULL is empty, but a value is required; 'verbund check' lists every such value
EOF

# an amount that is not a number, a date that does not exist
cp "$T/clean.db" "$VERBUND_DB"
rm -f "$VERBUND_DB-wal" "$VERBUND_DB-shm"
sqlite3 "$VERBUND_DB" "UPDATE cost SET amount = 'abc' WHERE service = 'helpdesk' AND year = 2025 AND basis = 'plan';
PRAGMA ignore_check_constraints = ON;
UPDATE member SET joined = '2024-02-30' WHERE code = 'sg-brome';" || fail "sqlite3"
run allocate --year 2025 --basis plan
expect_status 3
no_out
expect_err <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'member', record 'sg-brome', column 'joined': "2024-02-30" is not a valid date (YYYY-MM-DD); 'verbund check' lists every such value
EOF
for c in advances settle savings; do
	run $c --year 2025
	expect_status 3
	no_out
done
run check --year 2025 --format csv
expect_status 1
expect_out <<'EOF'
severity,year,entity,code,message
error,,member,sg-brome,"the federation file holds a value that is not valid: table 'member', record 'sg-brome', column 'joined': ""2024-02-30"" is not a valid date (YYYY-MM-DD); 'verbund check' lists every such value"
error,,cost,helpdesk/2025/plan,"the federation file holds a value that is not valid: table 'cost', record 'helpdesk/2025/plan', column 'amount': ""abc"" is not a whole number; 'verbund check' lists every such value"
EOF
# damage in the middle of a member's figures and subscriptions, where
# allocate validates a text only when it differs from the row before
damaged() { # SQL, then the expected message on stdin
	cp "$T/clean.db" "$VERBUND_DB"
	rm -f "$VERBUND_DB-wal" "$VERBUND_DB-shm"
	sqlite3 "$VERBUND_DB" "PRAGMA ignore_check_constraints = ON; $1" || fail "sqlite3: $1"
	run allocate --year 2025
	expect_status 3
	no_out
	expect_err
}
damaged "UPDATE figure SET value = 'abc' WHERE member = 'gm-sassenburg' AND metric = 'users' AND year = 2024" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'figure', record 'gm-sassenburg', column 'value': "abc" is not a whole number; 'verbund check' lists every such value
EOF
damaged "UPDATE figure SET metric = 'Users' WHERE member = 'lk-gifhorn' AND metric = 'users' AND year = 2024" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'figure', record 'lk-gifhorn', column 'metric': "Users" is not a valid code (1–32 characters a–z, 0–9, _ and -); 'verbund check' lists every such value
EOF
damaged "UPDATE figure SET member = 'gm-nirgendwo' WHERE member = 'gm-sassenburg' AND year = 2024" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'figure', record 'gm-nirgendwo': member 'gm-nirgendwo' does not exist; 'verbund check' lists every such value
EOF
damaged "UPDATE subscription SET \"until\" = '2025-1-05' WHERE member = 'gm-sassenburg' AND \"from\" = '2025-01-01'" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'subscription', record 'gm-sassenburg', column 'until': "2025-1-05" is not a valid date (YYYY-MM-DD); 'verbund check' lists every such value
EOF
damaged "UPDATE subscription SET service = 'nirgendwo' WHERE member = 'gm-sassenburg' AND \"from\" = '2025-01-01'" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'subscription', record 'gm-sassenburg': service 'nirgendwo' does not exist; 'verbund check' lists every such value
EOF
damaged "UPDATE subscription SET \"from\" = '2021-02-29' WHERE member = 'gm-sassenburg' AND \"from\" = '2021-01-01'" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'subscription', record 'gm-sassenburg', column 'from': "2021-02-29" is not a valid date (YYYY-MM-DD); 'verbund check' lists every such value
EOF
# a blob where a text belongs, even one whose bytes are a valid code
damaged "UPDATE figure SET member = CAST('gm-sassenburg' AS BLOB) WHERE member = 'gm-sassenburg' AND metric = 'users' AND year = 2024" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'figure', record '?', column 'member': a blob of 13 bytes is not a text; 'verbund check' lists every such value
EOF
damaged "UPDATE subscription SET service = CAST('homeoffice' AS BLOB) WHERE member = 'gm-sassenburg' AND \"from\" = '2025-01-01'" <<'EOF'
verbund: allocate: the federation file holds a value that is not valid: table 'subscription', record 'gm-sassenburg', column 'service': a blob of 10 bytes is not a text; 'verbund check' lists every such value
EOF

# a batch entry of the audit log (one row for many added records) that
# another program wrote wrong: the log stops at it with exit 3, naming
# the entry and the value, and makes up no entry (a value that does not
# identify its record would be shown as written: history is not judged
# by the rules of today; tests/unit/test_store.c)
cp "$T/clean.db" "$VERBUND_DB"
rm -f "$VERBUND_DB-wal" "$VERBUND_DB-shm"
[ "$(sqlite3 "$VERBUND_DB" 'SELECT count(*) > 0 FROM audit WHERE entries > 1')" = 1 ] ||
	fail "the demo's import wrote no batch entry"
sqlite3 "$VERBUND_DB" "INSERT INTO audit(id, time, user, action, entity, code, after, entries)
VALUES (9000, '2025-01-01T00:00:00Z', 'x', 'add', 'figure', 'lk-gifhorn/users/2001',
'[[\"member\",\"metric\",\"year\",\"value\"],[\"lk-gifhorn\",\"users\",2001,-1],[\"LK Gifhorn\",\"users\",2002,1]]', 2)" ||
	fail "sqlite3"
run log --format csv
expect_status 3
expect_err <<'EOF'
verbund: log: the federation file's audit log entry 9000 cannot be read: member: "LK Gifhorn" is not a valid code (1–32 characters a–z, 0–9, _ and -)
EOF
grep -q 'users/2002' "$OUT" && fail "an entry of the damaged record was written"
sqlite3 "$VERBUND_DB" "UPDATE audit SET entries = 3 WHERE id = 9000" 2>/dev/null &&
	fail "the audit log let a row be changed"
finish
