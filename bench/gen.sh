#!/bin/sh
# Generates a state-scale federation for the benchmarks and
# loads it through verbund's own import.
#
#   sh bench/gen.sh [--members N] [--services N] [--years N] [--metrics N]
#                   [--first-year Y] [--members-only] [--no-load] DIR
#
# Defaults: 2000 members, 200 services, 10 years from 2017, 6 metrics.
# Writes into DIR:
#   members.csv keys.json services.csv figures.csv costs.csv
#   subscriptions.csv   the records, in verbund's import formats
#   fed.db              the federation (unless --no-load), built with
#                       init, then import members, keys, services,
#                       figures, costs and subscriptions
#   params              the parameters, for run.sh
# With --members-only only members.csv is written and loaded (the TUI's
# measurement at a million members needs nothing else).
# The output is deterministic: the same parameters give the same bytes.
#
# Shape of the data:
#   * member m00001 is the host (a Landkreis); the others are Städte,
#     Gemeinden and Samtgemeinden.  Every 7th member joins in the middle
#     of a later year (pro rata), every 97th leaves in the middle of a
#     year and is 'former'.
#   * one metric key per metric (users, devices, sites, population,
#     homeoffice, school_devices, metric7, ...); 'users-prev' reads the
#     previous year's users (offset -1); two equal keys ('base', and
#     'base-nohost' that excludes the host); a fixed key 'host30'; two
#     composites: 'rz' = 30 % base + 70 % users, and 'isb' = 30 % host30
#     + 35 % base-nohost + 35 % the population key without the host.
#   * every 10th service is a subscription service; a third of the
#     members subscribe to each, some of them twice (a period that ended,
#     then a new one).
#   * figures: every metric for every year from the year before the
#     member joined (keys may read the previous year) to the year it
#     left (the full grid for members that were there from the start).
#   * costs: plan and actual for every service and year.
# Environment: VERBUND (the program; default ./verbund), AWK (default awk).
set -eu

members=2000 services=200 years=10 metrics=6 first=2017 load=1 only=0
while [ $# -gt 0 ]; do
	case $1 in
	--members) members=$2; shift 2 ;;
	--services) services=$2; shift 2 ;;
	--years) years=$2; shift 2 ;;
	--metrics) metrics=$2; shift 2 ;;
	--first-year) first=$2; shift 2 ;;
	--no-load) load=0; shift ;;
	--members-only) only=1; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "gen.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: gen.sh [--members N] [--services N] [--years N] [--metrics N] [--first-year Y] [--members-only] [--no-load] DIR" >&2; exit 2; }
dir=$1
for v in "$members" "$services" "$years" "$metrics" "$first"; do
	case $v in ''|*[!0-9]*) echo "gen.sh: not a number: $v" >&2; exit 2 ;; esac
done
[ "$members" -ge 2 ] && [ "$services" -ge 1 ] && [ "$years" -ge 1 ] && [ "$metrics" -ge 1 ] ||
	{ echo "gen.sh: need at least 2 members, 1 service, 1 year, 1 metric" >&2; exit 2; }
VERBUND=${VERBUND:-./verbund}
AWK=${AWK:-awk}
mkdir -p "$dir"

# One awk program writes every file; a Park-Miller generator (products
# stay below 2^53, exact in any awk) makes the values deterministic.
$AWK -v ONLY="$only" -v M="$members" -v S="$services" -v Y="$years" -v K="$metrics" -v Y0="$first" -v D="$dir" '
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function code(i) { return sprintf("m%05d", i) }
function d2(x) { return sprintf("%02d", x) }
BEGIN {
	seed = 20240607
	split("users devices sites population homeoffice school_devices", base_metric, " ")
	for (k = 1; k <= K; k++) metric[k] = k <= 6 ? base_metric[k] : "metric" k
	split("Nutzerzahl|Endgeräte|Standorte|Einwohner|Heimarbeitsplätze|Schulendgeräte", mname, "|")
	split("stadt gemeinde samtgemeinde gemeinde gemeinde stadt samtgemeinde", kinds, " ")
	split("Aschenbach Birkenfeld Dornhagen Eichwalde Falkenried Grünberg Hohenlinden Immenstedt Kalkhorst Lindow", place, " ")

	# ---- members
	f = D "/members.csv"
	print "code,name,kind,status,joined,left,host,contact,email,phone,notes" > f
	for (i = 1; i <= M; i++) {
		kind = i == 1 ? "landkreis" : kinds[1 + i % 7]
		jy[i] = Y0; jm = 1; jd = 1; left = ""; status = "member"; ly = Y0 + Y - 1
		if (i > 1 && i % 7 == 0) {          # joins mid-year
			jy[i] = Y0 + rnd(Y); jm = 2 + rnd(11); jd = 1 + 14 * rnd(2)
		}
		joined = jy[i] "-" d2(jm) "-" d2(jd)
		# figures from the year before joining (keys may read the
		# previous year) up to the year of leaving
		fy[i] = jy[i] > Y0 ? jy[i] - 1 : Y0
		if (i > 1 && i % 97 == 0) {         # leaves mid-year
			ly = jy[i] + rnd(Y0 + Y - jy[i]); lm = 6
			if (ly == jy[i] && lm <= jm) lm = 12
			left = ly "-" d2(lm) "-30"; status = "former"
		}
		fz[i] = ly
		name = (kind == "landkreis" ? "Landkreis " : kind == "stadt" ? "Stadt " : kind == "samtgemeinde" ? "Samtgemeinde " : "Gemeinde ") place[1 + i % 10] " " i
		printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,\"%s\"\n", code(i), name, kind, status, joined, left,
			i == 1 ? "true" : "false", "Sachbearbeitung IT " i, "it" i "@example.org",
			"+49 5" sprintf("%03d", i % 1000) " " sprintf("%06d", rnd(1000000)),
			"Kennzahlen generiert (Benchmark), Mitglied " i > f
	}
	close(f)
	if (ONLY) exit

	# ---- keys (JSON, as export writes them)
	f = D "/keys.json"
	print "[" > f
	for (k = 1; k <= K; k++)
		printf "  {\"code\": \"%s\", \"name\": \"%s\", \"method\": \"metric\", \"metric\": \"%s\", \"offset\": 0, \"parts\": [], \"exclude\": []},\n",
			metric[k], k <= 6 ? mname[k] : "Kennzahl " k, metric[k] > f
	nkeys = K
	key[++nkeys] = "users-prev"
	printf "  {\"code\": \"users-prev\", \"name\": \"Nutzerzahl des Vorjahres\", \"method\": \"metric\", \"metric\": \"%s\", \"offset\": -1, \"parts\": [], \"exclude\": []},\n", metric[1] > f
	key[++nkeys] = "base"
	print "  {\"code\": \"base\", \"name\": \"Sockelbetrag\", \"method\": \"equal\", \"metric\": null, \"offset\": 0, \"parts\": [], \"exclude\": []}," > f
	key[++nkeys] = "base-nohost"
	printf "  {\"code\": \"base-nohost\", \"name\": \"Sockelbetrag ohne Träger\", \"method\": \"equal\", \"metric\": null, \"offset\": 0, \"parts\": [], \"exclude\": [\"%s\"]},\n", code(1) > f
	pm = K >= 4 ? metric[4] : metric[1]
	printf "  {\"code\": \"pop-nohost\", \"name\": \"Einwohner ohne Träger\", \"method\": \"metric\", \"metric\": \"%s\", \"offset\": 0, \"parts\": [], \"exclude\": [\"%s\"]},\n", pm, code(1) > f
	key[++nkeys] = "pop-nohost"
	printf "  {\"code\": \"host30\", \"name\": \"Trägeranteil\", \"method\": \"fixed\", \"metric\": null, \"offset\": 0, \"parts\": [{\"member\": \"%s\", \"percent\": 100}], \"exclude\": []},\n", code(1) > f
	# the composites come before nothing they need: import resolves the order
	key[++nkeys] = "rz"
	printf "  {\"code\": \"rz\", \"name\": \"Rechenzentrum: 30 %% Sockel, 70 %% Nutzer\", \"method\": \"composite\", \"metric\": null, \"offset\": 0, \"parts\": [{\"key\": \"base\", \"weight\": 30}, {\"key\": \"%s\", \"weight\": 70}], \"exclude\": []},\n", metric[1] > f
	key[++nkeys] = "isb"
	print "  {\"code\": \"isb\", \"name\": \"Informationssicherheit\", \"method\": \"composite\", \"metric\": null, \"offset\": 0, \"parts\": [{\"key\": \"host30\", \"weight\": 30}, {\"key\": \"base-nohost\", \"weight\": 35}, {\"key\": \"pop-nohost\", \"weight\": 35}], \"exclude\": []}" > f
	print "]" > f
	close(f)
	for (k = 1; k <= K; k++) key[k] = metric[k]

	# ---- services
	f = D "/services.csv"
	print "code,name,key,unit,hours,subscription,standalone" > f
	for (s = 1; s <= S; s++) {
		issub[s] = s % 10 == 0
		skey[s] = issub[s] ? metric[1 + s % K] : key[1 + s % nkeys]
		printf "s%04d,Dienst %d,%s,je Einheit,Mo-Fr 08:00-16:00,%s,%s\n", s, s, skey[s],
			issub[s] ? "true" : "false", s % 3 == 0 ? sprintf("%d.00", 5000 + rnd(50000)) : "" > f
	}
	close(f)

	# ---- figures: every metric and year from the joining year on
	f = D "/figures.csv"
	print "member,metric,year,value" > f
	for (i = 1; i <= M; i++) {
		size = i == 1 ? 2000 : 20 + rnd(400)
		for (k = 1; k <= K; k++) {
			v = metric[k] == "population" ? size * 40 + rnd(5000) : size * (1 + k % 3) + rnd(50)
			for (y = fy[i]; y <= fz[i]; y++) {
				v += rnd(7) - 2; if (v < 0) v = 0
				printf "%s,%s,%d,%d\n", code(i), metric[k], y, v > f
			}
		}
	}
	close(f)

	# ---- costs: plan and actual
	f = D "/costs.csv"
	print "service,year,basis,amount" > f
	for (s = 1; s <= S; s++) {
		c = 20000 + rnd(2000000)
		for (y = Y0; y < Y0 + Y; y++) {
			c = int(c * (100 + rnd(8)) / 100)
			printf "s%04d,%d,actual,%d.%02d\n", s, y, c + rnd(c / 10 + 1), rnd(100) > f
			printf "s%04d,%d,plan,%d.00\n", s, y, c > f
		}
	}
	close(f)

	# ---- subscriptions to the subscription services
	f = D "/subscriptions.csv"
	print "member,service,from,until" > f
	for (i = 1; i <= M; i++)
		for (s = 10; s <= S; s += 10) {
			if ((i + s / 10) % 3 != 0) continue
			y = jy[i] + rnd(2); if (y >= Y0 + Y) y = Y0 + Y - 1
			from = y "-" d2(1 + rnd(12)) "-01"
			if (i % 5 == 0 && y + 1 < Y0 + Y) {     # ended, then renewed
				printf "%s,s%04d,%s,%d-12-31\n", code(i), s, from, y > f
				from = (y + 1 + rnd(Y0 + Y - y - 1)) "-07-01"
			}
			printf "%s,s%04d,%s,\n", code(i), s, from > f
		}
	close(f)
}' </dev/null

cat > "$dir/params" <<EOF
members=$members
services=$services
years=$years
metrics=$metrics
first_year=$first
last_year=$((first + years - 1))
EOF

[ "$load" = 1 ] || exit 0
db=$dir/fed.db
rm -f "$db" "$db-wal" "$db-shm"
v() { "$VERBUND" --db "$db" --quiet "$@"; }
v init --name "Landesweiter IT-Verbund (Benchmark, $members Mitglieder)"
v import members "$dir/members.csv"
[ "$only" = 0 ] || exit 0
v import keys "$dir/keys.json"
v import services "$dir/services.csv"
v import figures "$dir/figures.csv"
v import costs "$dir/costs.csv"
v import subscriptions "$dir/subscriptions.csv"
