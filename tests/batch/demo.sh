#!/bin/sh
# demo: the four seed federations load, with the facts of their sources;
# a file that has members is refused.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# --- every demo loads into a new file (mode 0600) ---------------------------
for d in komgrid:128 gifhorn:470 hessen-isb:58 muenster-lwl:3; do
	name=${d%%:*}
	n=${d#*:}
	run --db "$T/$name.db" demo "$name"
	expect_status 0
	no_out
	expect_err <<EOF
verbund: loaded the demo federation '$name' ($n records) into $T/$name.db
EOF
	mode=$(ls -l "$T/$name.db" | cut -c1-10)
	[ "$mode" = "-rw-------" ] || fail "demo $name made a file with mode $mode"
	run --db "$T/$name.db" export
	expect_status 0
done

# --- Gifhorn: seven members; Hankensbüttel joined on 1 March 2020, the day
# its employee moved to the Landkreis --------------------------------------
G="--db $T/gifhorn.db"
run $G member list --format csv
cut -d, -f1,3,4,5,6,7 "$OUT" >"$T/members"
expect_file "$T/members" <<'EOF'
code,kind,status,joined,left,host
gm-sassenburg,gemeinde,member,2017-01-01,,false
lk-gifhorn,landkreis,member,2017-01-01,,true
sg-brome,samtgemeinde,member,2017-01-01,,false
sg-hankensbuettel,samtgemeinde,member,2020-03-01,,false
sg-isenbuettel,samtgemeinde,member,2017-01-01,,false
sg-meinersen,samtgemeinde,member,2017-01-01,,false
st-wittingen,stadt,member,2017-01-01,,false
EOF
run $G member show sg-hankensbuettel --format json
grep '"name"\|"joined"' "$OUT" >"$T/hb"
expect_file "$T/hb" <<'EOF'
  "name": "Samtgemeinde Hankensbüttel",
  "joined": "2020-03-01",
EOF
run $G transfer list --format csv
cut -d, -f3-5 "$OUT" >"$T/transfers"
expect_file "$T/transfers" <<'EOF'
from,to,date
sg-hankensbuettel,lk-gifhorn,2020-03-01
EOF
# members sharing costs on the day before and on the day of the accession
run $G member list --on 2020-02-29 --format csv
<"$OUT" tail -n +2 | wc -l | tr -d ' ' >"$T/n"
expect_file "$T/n" <<'EOF'
6
EOF
run $G member list --on 2020-03-01 --format csv
<"$OUT" tail -n +2 | wc -l | tr -d ' ' >"$T/n"
expect_file "$T/n" <<'EOF'
7
EOF

# --- Hessen: the Land's grant of 150,000 EUR ---------------------------------
run --db "$T/hessen-isb.db" grant list --format csv
cut -d, -f1,3- "$OUT" >"$T/grants"
expect_file "$T/grants" <<'EOF'
code,source,amount,from,until,service
land-hessen-ikz,Land Hessen,150000.00,2023-01-01,2027-12-31,isb
EOF
run --db "$T/hessen-isb.db" member list --format csv
<"$OUT" tail -n +2 | wc -l | tr -d ' ' >"$T/n"
expect_file "$T/n" <<'EOF'
7
EOF

# --- Münster/LWL: a letter of intent, members in status intent -------------
run --db "$T/muenster-lwl.db" member list --format csv
cut -d, -f1,3-7 "$OUT" >"$T/m"
expect_file "$T/m" <<'EOF'
code,kind,status,joined,left,host
lwl,landschaftsverband,intent,,,false
st-muenster,stadt,intent,,,true
EOF
run --db "$T/muenster-lwl.db" agreement list --format csv
cut -d, -f1,3 "$OUT" >"$T/a"
expect_file "$T/a" <<'EOF'
code,type
absichtserklaerung-it,absichtserklaerung
EOF

# --- komgrid: four members, the Landkreis is the host ----------------------
run --db "$T/komgrid.db" member list --format csv
cut -d, -f1,5,7 "$OUT" >"$T/k"
expect_file "$T/k" <<'EOF'
code,joined,host
lk-lueneburg,2024-01-01,true
sg-dahlenburg,2024-01-01,false
sg-gellersen,2024-04-01,false
sg-ostheide,2024-01-01,false
EOF

# --- refusals ------------------------------------------------------------------
cp "$T/gifhorn.db" "$T/gifhorn.copy"
run --db "$T/gifhorn.db" demo komgrid
expect_status 1
no_out
expect_err <<EOF
verbund: demo: $T/gifhorn.db already has members; load a demo into a new file (--db FILE)
EOF
VERBUND_DB=$T/gifhorn.db
snapshot
run demo gifhorn
expect_status 1
unchanged
VERBUND_DB=$T/fed.db
run demo nowhere
expect_status 2
expect_err <<'EOF'
verbund: demo: unknown demo federation 'nowhere' (there are: komgrid, gifhorn, hessen-isb, muenster-lwl) (see 'verbund help demo')
EOF
[ -e "$T/fed.db" ] && fail "an unknown demo created a file"
run demo
expect_status 2
expect_err <<'EOF'
verbund: demo: missing argument; usage: verbund demo NAME (see 'verbund help demo')
EOF

# --- a new file made by init takes a demo while it has no members; its
# name stays ------------------------------------------------------------------
ok init --name 'Eigener Name'
run demo muenster-lwl
expect_status 0
expect_err <<EOF
verbund: loaded the demo federation 'muenster-lwl' (3 records) into $VERBUND_DB
EOF
run export
<"$OUT" sed -n 4p >"$T/name"
expect_file "$T/name" <<'EOF'
    "name": "Eigener Name",
EOF

finish
