#!/bin/sh
# The statement as a browser and a printer read it: every member's HTML
# file of the Gifhorn demo parses with a strict HTML5 parser, holds no
# external resource and no script, and prints from headless Chromium to
# one A4 page whose text carries the member, the total and the balance.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PY=/usr/bin/python3
CHROMIUM=$(command -v chromium || command -v chromium-browser || :)
if [ -z "$CHROMIUM" ] || ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	echo "SKIP: chromium and poppler-utils (pdfinfo, pdftotext) are needed" >&2
	exit 77
fi
if [ ! -x "$PY" ] || ! "$PY" -c 'import html5lib' 2>/dev/null; then
	echo "SKIP: /usr/bin/python3 with html5lib is needed" >&2
	exit 77
fi

ok demo gifhorn
mkdir "$T/out"
run statement --year 2024 --format html --output "$T/out"
expect_status 0
run statement --year 2024 --format json
cp "$OUT" "$T/all.json"

cat >"$T/check.py" <<'EOF2'
import sys, re, html5lib
path = sys.argv[1]
data = open(path, "rb").read()
html5lib.HTMLParser(strict=True).parse(data)      # raises on any parse error
text = data.decode("utf-8")
for bad in ("<script", "<link", "<img", "<iframe", "<object", "@import", "url(", "src=", "href="):
    if bad in text.lower():
        sys.exit("%s: has %s" % (path, bad))
if "@page { size: A4" not in text or "<svg" not in text:
    sys.exit("%s: no A4 print layout or no SVG chart" % path)
EOF2

for f in "$T"/out/*.html; do
	"$PY" "$T/check.py" "$f" || fail "$(basename "$f") is not a self-contained valid HTML5 document"
done

# print each member and read the PDF back
sed -n 's/.*{"code": "\([^"]*\)", "name": "[^"]*", "fingerprint".*/\1/p' "$T/all.json" >"$T/codes"
[ "$(wc -l <"$T/codes")" = 7 ] || fail "not the 7 members of the Gifhorn demo"
while read -r code; do
	pdf=$T/$code.pdf
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$T/chromium" --print-to-pdf="$pdf" \
		"file://$T/out/2024-actual-$code.html" >/dev/null 2>&1
	if [ ! -s "$pdf" ]; then
		fail "$code: chromium printed no PDF"
		continue
	fi
	pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" = 1 ] || fail "$code: $pages pages, not one A4 page"
	pdfinfo "$pdf" | grep -q 'Page size: .* pts (A4)' || fail "$code: not A4"
	pdftotext -layout "$pdf" "$T/$code.txt"
	# the member, its total and its balance as the JSON has them
	"$PY" - "$T/all.json" "$code" "$T/$code.txt" <<'EOF2' || fail "$code: the printed text lacks what the JSON says"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
m = [x for x in doc["members"] if x["code"] == sys.argv[2]][0]
text = open(sys.argv[3], encoding="utf-8").read()
def eur(c):
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)
want = ["Member: %s (%s)" % (m["name"], m["code"]), "Total payable", eur(m["total_cents"]),
        "Levy statement 2024 (actual)", m["fingerprint"]]
want += [s["name"] for s in m["services"]]
b = m["balance_cents"]
want.append("Balance: %s %s" % (eur(abs(b)), "to pay" if b > 0 else "to be refunded") if b else "Balance: settled")
missing = [w for w in want if w not in text]
if missing:
    print("missing:", missing)
    sys.exit(1)
EOF2
done <"$T/codes"

finish
