#!/bin/sh
# The statement agrees with allocate for every year and basis of every
# demo: net shares and totals as allocate has them, gross shares that
# add up to each service's cost, grant relief = net - gross, transfer
# adjustments that add up, balance = total - advances.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "SKIP: $PY is needed to read the JSON" >&2
	exit 77
fi
cat >"$T/check.py" <<'EOF2'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
a = json.load(open(sys.argv[2], encoding="utf-8"))
am = {m["code"]: m for m in a["members"]}
bad = []
if [m["code"] for m in s["members"]] != [m["code"] for m in a["members"]]:
    bad.append("members differ from allocate")
cost = {x["code"]: x["cost_cents"] for x in a["services"]}
gross = {}
for m in s["members"]:
    x = am.get(m["code"], {"shares": {}, "total_cents": None, "transfers_cents": None})
    for sv in m["services"]:
        if sv["net_cents"] != x["shares"].get(sv["code"]):
            bad.append("%s %s: net %s" % (m["code"], sv["code"], sv["net_cents"]))
        if sv["grant_cents"] != sv["net_cents"] - sv["gross_cents"]:
            bad.append("%s %s: relief" % (m["code"], sv["code"]))
        gross[sv["code"]] = gross.get(sv["code"], 0) + sv["gross_cents"]
    if sum(sv["net_cents"] for sv in m["services"]) + m["transfers_cents"] != m["total_cents"] or m["total_cents"] != x["total_cents"]:
        bad.append("%s: total" % m["code"])
    if sum(t["amount_cents"] for t in m["transfers"]) != m["transfers_cents"] or m["transfers_cents"] != x["transfers_cents"]:
        bad.append("%s: transfers" % m["code"])
    if s["basis"] == "actual" and m["balance_cents"] != m["total_cents"] - m["advances_cents"]:
        bad.append("%s: balance" % m["code"])
for k, v in gross.items():
    if v != cost[k]:
        bad.append("%s: gross shares %s, cost %s" % (k, v, cost[k]))
for b in bad[:10]:
    print("FAIL (statement_demos): %s: %s" % (sys.argv[3], b))
sys.exit(1 if bad else 0)
EOF2

n=0
for demo in komgrid gifhorn hessen-isb muenster-lwl; do
	VERBUND_DB=$T/$demo.db
	export VERBUND_DB
	ok demo "$demo"
	run cost list --format csv
	sed 1d "$OUT" | cut -d, -f2,3 | sort -u | tr , ' ' >"$T/have"
	while read -r y basis; do
		run statement --year "$y" --basis "$basis" --format json
		expect_status 0 || continue
		cp "$OUT" "$T/s.json"
		run allocate --year "$y" --basis "$basis" --format json
		"$PY" "$T/check.py" "$T/s.json" "$OUT" "$demo $y $basis" || fail "$demo $y $basis"
		n=$((n + 1))
	done <"$T/have"
done
echo "$n statements checked"
[ "$n" -ge 30 ] || fail "only $n statements checked"

finish
