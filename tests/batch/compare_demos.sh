#!/bin/sh
# compare explains every demo's change from year to year (and from plan
# to actual) to the cent: checked against two allocate --format json runs
# by an independent computation of §2's cost, share and transfers effects.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "SKIP: $PY is needed to read the JSON" >&2
	exit 77
fi

cat >"$T/check.py" <<'EOF2'
import json, sys
from fractions import Fraction

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def half_away(fr):
    # rounds a Fraction half away from zero to an integer
    n, d = abs(fr.numerator), fr.denominator
    q, r = divmod(n, d)
    if 2 * r >= d:
        q += 1
    return q if fr >= 0 else -q

after, before, cmp = (load(p) for p in sys.argv[1:4])
label = sys.argv[4]
net1 = {s["code"]: s["net_cents"] for s in after["services"]}
net0 = {s["code"]: s["net_cents"] for s in before["services"]}
m1 = {m["code"]: m for m in after["members"]}
m0 = {m["code"]: m for m in before["members"]}
codes = sorted(set(m1) | set(m0), key=lambda c: c.encode())
got = cmp["members"]
bad = []
if [m["code"] for m in got] != codes:
    bad.append("members %s, expected %s" % ([m["code"] for m in got], codes))
total = 0
for m in got:
    a, b = m1.get(m["code"]), m0.get(m["code"])
    s1 = a["shares"] if a else {}
    s0 = b["shares"] if b else {}
    t1 = a["transfers_cents"] if a else 0
    t0 = b["transfers_cents"] if b else 0
    want = {"before_cents": b["total_cents"] if b else 0,
            "after_cents": a["total_cents"] if a else 0,
            "transfers_effect_cents": t1 - t0}
    want["delta_cents"] = want["after_cents"] - want["before_cents"]
    ce_sum = se_sum = 0
    for svc in sorted(set(net1) | set(net0)):
        x0, x1 = s0.get(svc, 0), s1.get(svc, 0)
        n0, n1 = net0.get(svc, 0), net1.get(svc, 0)
        ce = 0 if n0 == 0 or x0 == 0 else half_away(Fraction(x0 * n1, n0)) - x0
        se = x1 - x0 - ce
        ce_sum += ce
        se_sum += se
        exp = m["services"].get(svc)
        if exp is None:
            if x0 or x1:
                bad.append("%s %s: no explanation" % (m["code"], svc))
            continue
        w = {"before_cents": x0, "after_cents": x1, "delta_cents": x1 - x0,
             "cost_effect_cents": ce, "share_effect_cents": se}
        if exp != w:
            bad.append("%s %s: %s, expected %s" % (m["code"], svc, exp, w))
    want["cost_effect_cents"] = ce_sum
    want["share_effect_cents"] = se_sum
    for k, v in want.items():
        if m[k] != v:
            bad.append("%s %s: %s, expected %s" % (m["code"], k, m[k], v))
    if ce_sum + se_sum + want["transfers_effect_cents"] != want["delta_cents"]:
        bad.append("%s: the effects do not add up" % m["code"])
    total += m["delta_cents"]
if cmp["delta_cents"] != total or total != after["total_cents"] - before["total_cents"]:
    bad.append("total delta %s" % cmp["delta_cents"])
for b in bad[:20]:
    print("FAIL (compare_demos): %s: %s" % (label, b))
print(len(got))
sys.exit(1 if bad else 0)
EOF2

pairs=0
for demo in komgrid gifhorn hessen-isb muenster-lwl; do
	VERBUND_DB=$T/$demo.db
	export VERBUND_DB
	ok demo "$demo"
	run cost list --format csv
	# year,basis pairs that have costs
	sed 1d "$OUT" | cut -d, -f2,3 | sort -u >"$T/have"
	for y in $(cut -d, -f1 "$T/have" | sort -u); do
		# the year before on the same basis, and plan against actual
		for spec in "$((y - 1)) actual actual" "$((y - 1)) plan plan" "$y plan actual"; do
			set -- $spec
			grep -qx "$1,$2" "$T/have" && grep -qx "$y,$3" "$T/have" || continue
			"$VERBUND" allocate --year "$y" --basis "$3" --format json >"$T/a1" &&
			"$VERBUND" allocate --year "$1" --basis "$2" --format json >"$T/a0" ||
				{ fail "$demo: allocate $y/$1"; continue; }
			run compare --year "$y" --basis "$3" --against "$1" --against-basis "$2" --explain --format json
			expect_status 0 || continue
			"$PY" "$T/check.py" "$T/a1" "$T/a0" "$OUT" "$demo $y $3 against $1 $2" >"$T/res" ||
				{ grep FAIL "$T/res"; fail "$demo $y $3 against $1 $2"; }
			pairs=$((pairs + 1))
		done
	done
done
# every demo has several years: the loop must not have come out empty
echo "$pairs comparisons checked"
[ "$pairs" -ge 20 ] || fail "only $pairs comparisons checked"

finish
