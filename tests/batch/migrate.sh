#!/bin/sh
# Forward migration: a file of schema version 1 (as the first release
# wrote it) opens, is brought to the current version in one transaction
# and keeps its data; transfer numbers are then never given twice, and
# the file gets a random secret key for pseudonyms (version 3); its audit
# log takes batch entries (version 4) and reads as before.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }

sqlite3 "$VERBUND_DB" <"$top_srcdir/data/schema.sql" || fail "schema.sql does not load"
sqlite3 "$VERBUND_DB" <<'EOF2'
PRAGMA user_version = 1;
INSERT INTO federation VALUES (1, 'Alt', NULL, '2025-01-01T00:00:00Z');
INSERT INTO member(code, name, kind, status, joined, host) VALUES ('lk', 'Landkreis', 'landkreis', 'member', '2020-01-01', 1);
INSERT INTO member(code, name, kind, status, joined, host) VALUES ('sg', 'Samtgemeinde', 'samtgemeinde', 'member', '2020-01-01', 0);
INSERT INTO transfer(id, person, "from", "to", date, credit, years) VALUES (1, 'A', 'sg', 'lk', '2020-03-01', 100000, 2);
INSERT INTO transfer(id, person, "from", "to", date, credit, years) VALUES (2, 'B', 'sg', 'lk', '2021-03-01', 200000, 2);
INSERT INTO audit(time, user, action, entity, code, before, after) VALUES ('2025-01-01T00:00:00Z', 'alt', 'add', 'member', 'sg', NULL, '{"code": "sg"}');
EOF2
run transfer list --format csv
expect_status 0
expect_out <<'EOF2'
id,person,from,to,date,credit,years,fte,grade,notes
1,A,sg,lk,2020-03-01,1000.00,2,,,
2,B,sg,lk,2021-03-01,2000.00,2,,,
EOF2
sqlite3 "$VERBUND_DB" 'PRAGMA user_version' >"$T/version"
expect_file "$T/version" <<'EOF2'
4
EOF2
# version 4: the log of the old file, then an import's batch entry
printf 'member,metric,year,value\nlk,users,2024,1\nsg,users,2024,2\n' >"$T/fig.csv"
VERBUND_NOW=2025-06-01T00:00:00Z ok import figures --new-metrics "$T/fig.csv"
run log --format csv
expect_out <<EOF2
time,user,action,entity,code,before,after
2025-01-01T00:00:00Z,alt,add,member,sg,,"{""code"": ""sg""}"
2025-06-01T00:00:00Z,$(id -un),add,figure,lk/users/2024,,"{""member"": ""lk"", ""metric"": ""users"", ""year"": 2024, ""value"": 1}"
2025-06-01T00:00:00Z,$(id -un),add,figure,sg/users/2024,,"{""member"": ""sg"", ""metric"": ""users"", ""year"": 2024, ""value"": 2}"
2025-06-01T00:00:00Z,$(id -un),import,figures,$T/fig.csv,,"{""file"": ""$T/fig.csv"", ""records"": 2}"
EOF2
sqlite3 "$VERBUND_DB" 'SELECT entries FROM audit WHERE entity = '"'figure'" >"$T/entries"
expect_file "$T/entries" <<'EOF2'
2
EOF2
# version 3 added the federation's secret key of the pseudonyms
sqlite3 "$VERBUND_DB" 'SELECT length(pseudonym_key) FROM secret' >"$T/key"
expect_file "$T/key" <<'EOF2'
32
EOF2
# the highest number, once removed, is not given again
ok transfer remove 2
ok transfer add --person C --from sg --to lk --date 2022-03-01 --credit 10 --years 1
run transfer list --format csv
expect_out <<'EOF2'
id,person,from,to,date,credit,years,fte,grade,notes
1,A,sg,lk,2020-03-01,1000.00,2,,,
3,C,sg,lk,2022-03-01,10.00,1,,,
EOF2
sqlite3 "$VERBUND_DB" 'PRAGMA integrity_check; PRAGMA foreign_key_check' >"$T/check"
expect_file "$T/check" <<'EOF2'
ok
EOF2
finish
