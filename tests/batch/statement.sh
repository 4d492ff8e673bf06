#!/bin/sh
# statement: each member's levy statement (§7) on a small federation
# computed by hand: gross share, grant relief, net share, transfers by
# number, advances and balance, fingerprint; files per member.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

rm -f "$VERBUND_DB"
ok init --name 'IT-Verbund Test'
ok member add a --name Alpha --joined 2020-01-01
ok member add b --name Beta --joined 2020-01-01
ok member add c --name Gamma --joined 2024-07-01
ok key add eq --name Gleich --equal
ok key add users --name Nutzer --metric users
ok service add net --name Netz --key eq
ok service add hd --name Helpdesk --key users
ok figure set a users 2023 1
ok figure set b users 2023 2
ok figure set c users 2024 1
ok cost set net 2024 916
ok cost set hd 2024 101
ok cost set net 2024 458 --basis plan
ok cost set hd 2024 101 --basis plan
ok grant add fund --name Landesmittel --amount 91.60 --from 2024-01-01 --until 2024-12-31 --service net
ok transfer add --person 'Erika Muster' --from b --to a --date 2024-01-01 --credit 100 --years 1

# net (equal; c 184 of 366 days): gross 916.00 as 366.00, 366.00, 184.00;
#   net 916.00 - 91.60 = 824.40 as 329.40, 329.40, 165.60; relief -36.60
#   for a; quota 366 / 916 = 39.9563 %.
# hd (users 1, 2, 1 for 184 days): 28.83, 57.67, 14.50 (no grant); quota
#   of a 28.83 / 101 = 28.5446 %.
# transfer no. 1, b -> a: 100.00.  a pays 329.40 + 28.83 + 100.00 = 458.23.
# plan: net 458.00 - 91.60 = 366.40 -> a 146.40; total 146.40 + 28.83 +
#   100.00 = 275.23 in 4 advances 68.81, 68.81, 68.81, 68.80; balance
#   458.23 - 275.23 = 183.00 to pay.
run statement --year 2024 --member a
expect_status 0
no_err
sed '$d' "$OUT" >"$T/a.txt"
expect_file "$T/a.txt" <<'EOF2'
IT-Verbund Test
Levy statement 2024 (actual)
Member: Alpha (a)
Made on 2026-01-15; amounts in EUR
================================================================================
Service                      Days  Quota %  Gross share  Grant relief  Net share
Helpdesk                      366  28.5446        28.83          0.00      28.83
  key users: 1 (2023)
Netz                          366  39.9563       366.00        -36.60     329.40
  key eq: 1
--------------------------------------------------------------------------------
Staff transfers
  transfer no. 1 of 2024-01-01                                            100.00
Staff-transfer adjustments                                                100.00
Total payable                                                             458.23
--------------------------------------------------------------------------------
Advances, computed from the plan (not issued)
  due 2024-02-15                                                           68.81
  due 2024-05-15                                                           68.81
  due 2024-08-15                                                           68.81
  due 2024-11-15                                                           68.80
Advances in all                                                           275.23
Balance: 183.00 to pay
--------------------------------------------------------------------------------
How the cents were rounded: each service's cost and net cost were split by its
key with the largest-remainder method: every member first got its exact quota
rounded toward zero, and the cents still missing went one each to the largest
remainders, so the shares add up to the cost exactly. Staff-transfer credits are
rounded half away from zero, quotas to 4 decimals half away from zero.
Fingerprint (SHA-256):
EOF2
sed -n '$p' "$OUT" >"$T/fp.txt"

# never the person's name
run statement --year 2024 --format json
grep -c 'Erika' "$OUT" >"$T/name"
expect_file "$T/name" <<'EOF2'
0
EOF2

# c on the plan: gross 92.00, relief -18.40, net 73.60; hd 14.50 (14.3564 %);
# total 88.10 in advances 22.03, 22.03, 22.02, 22.02; no balance on a plan
run statement --year 2024 --member c --basis plan --format json
expect_status 0
sed 's/"fingerprint": "[0-9a-f]*"/"fingerprint": "…"/' "$OUT" >"$T/c.json"
expect_file "$T/c.json" <<'EOF2'
{
  "year": 2024,
  "basis": "plan",
  "federation": "IT-Verbund Test",
  "made": "2026-01-15",
  "fingerprint": "…",
  "members": [
    {"code": "c", "name": "Gamma", "fingerprint": "…", "services": [{"code": "hd", "name": "Helpdesk", "key": "users", "days": 184, "values": [{"key": "users", "value": 1, "value_year": 2024, "excluded": false}], "cost_cents": 10100, "gross_cents": 1450, "grant_cents": 0, "net_cents": 1450, "quota_percent": "14.3564"}, {"code": "net", "name": "Netz", "key": "eq", "days": 184, "values": [{"key": "eq", "value": 1, "value_year": null, "excluded": false}], "cost_cents": 45800, "gross_cents": 9200, "grant_cents": -1840, "net_cents": 7360, "quota_percent": "20.0873"}], "transfers": [], "transfers_cents": 0, "total_cents": 8810, "advances": [{"due": "2024-02-15", "amount_cents": 2203}, {"due": "2024-05-15", "amount_cents": 2203}, {"due": "2024-08-15", "amount_cents": 2202}, {"due": "2024-11-15", "amount_cents": 2202}], "advances_cents": 8810, "advances_issued": null}
  ]
}
EOF2

# issued advances: named with their date; b's balance 287.07 - 104.07
ok advances --year 2024 --issue
run statement --year 2024 --member b --format md
expect_status 0
grep -e '^## Adv' -e 'Balance' "$OUT" >"$T/b.md"
expect_file "$T/b.md" <<'EOF2'
## Advances, issued on 2026-01-15
**Balance: 183.00 to pay**
EOF2

# the fingerprint: the same data give the same one on another day, in
# another format and in another language; a change of data changes it
run statement --year 2024 --member a
sed -n '$p' "$OUT" >"$T/fp.txt"
VERBUND_NOW=2027-03-01T08:00:00Z
run statement --year 2024 --member a --format json
VERBUND_NOW=2026-01-15T10:00:00Z
sed -n 's/^  "fingerprint": "\([0-9a-f]*\)",$/\1/p' "$OUT" >"$T/fp.json"
LC_ALL=de_DE.UTF-8
run statement --year 2024 --member a --format html
LC_ALL=C.UTF-8
grep -o '<code>[0-9a-f]*</code>' "$OUT" | sed 's/<[/]*code>//g' >"$T/fp.html"
grep -q 'Umlagebescheid 2024 (Ist)' "$OUT" || fail "no German statement in de_DE"
grep -q '458,23' "$OUT" || fail "no German amounts in de_DE"
cmp -s "$T/fp.txt" "$T/fp.json" || fail "the fingerprint differs between txt and json"
cmp -s "$T/fp.txt" "$T/fp.html" || fail "the fingerprint differs between txt and German html"
[ "$(wc -c <"$T/fp.txt")" = 65 ] || fail "no SHA-256 fingerprint: $(cat "$T/fp.txt")"
ok figure set a users 2023 2
run statement --year 2024 --member a
sed -n '$p' "$OUT" >"$T/fp2"
cmp -s "$T/fp.txt" "$T/fp2" && fail "the fingerprint did not change with the data"
ok figure set a users 2023 1

# one file per member, mode 0600, replacing what is there; links refused
mkdir "$T/out"
echo old >"$T/out/2024-actual-a.txt"
run statement --year 2024 --output "$T/out"
expect_status 0
no_out
ls "$T/out" >"$T/ls"
expect_file "$T/ls" <<'EOF2'
2024-actual-a.txt
2024-actual-b.txt
2024-actual-c.txt
EOF2
[ "$(stat -c %a "$T/out/2024-actual-b.txt")" = 600 ] || fail "statement file not mode 0600"
grep -q '^Member: Alpha (a)$' "$T/out/2024-actual-a.txt" || fail "old file not replaced"
run statement --year 2024 --member a --format txt
cmp -s "$OUT" "$T/out/2024-actual-a.txt" || fail "the file differs from standard output"
run statement --year 2024 --format html --output "$T/out"
[ -f "$T/out/2024-actual-c.html" ] || fail "no html file"
echo keep >"$T/target"
rm "$T/out/2024-actual-a.txt"
ln -s "$T/target" "$T/out/2024-actual-a.txt"
run statement --year 2024 --member a --output "$T/out"
expect_status 1
expect_file "$T/target" <<'EOF2'
keep
EOF2

# without --output: a form feed between members (txt), one html document
run statement --year 2024
[ "$(tr -cd '\f' <"$OUT" | wc -c)" = 2 ] || fail "not 2 form feeds between 3 members"
run statement --year 2024 --format html
[ "$(grep -c '<!DOCTYPE html>' "$OUT")" = 1 ] || fail "not one html document"
[ "$(grep -c '<section class="statement">' "$OUT")" = 3 ] || fail "not 3 statements"

# refusals
run statement --year 2024 --format csv
expect_status 2
run statement --year 2025
expect_status 1
expect_err <<'EOF2'
verbund: statement: there are no actual costs for 2025; years with actual costs: 2024
EOF2
run statement --year 2024 --member zz
expect_status 1
ok member add d --name Delta --joined 2030-01-01
run statement --year 2024 --member d
expect_status 1
expect_err <<'EOF2'
verbund: statement: member 'd' takes no part in 2024 (actual)
EOF2

finish
