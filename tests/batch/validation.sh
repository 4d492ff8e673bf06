#!/bin/sh
# Values on the command line: dates, amounts, figures, texts, codes;
# usage errors; refusals that protect references and the host role.
# Every rejected command exits 1 (2 for usage) and changes nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2020-01-01
ok member add a --name 'Stadt A' --kind stadt --joined 2020-01-01
ok key add eq --name Gleich --equal
ok service add hd --name Helpdesk --key eq

# --- dates ---------------------------------------------------------------
# (each accepted form on a member of its own, then one list)
i=0
for d in 2024-02-29 29.2.2024 29.02.2024 1.1.2024 01.01.2024 31.12.2023 29.2.2000 \
	1000-01-01 9999-12-31; do
	i=$((i + 1))
	ok member add d$i --name "D $i" --joined "$d"
done
run member list --format csv
grep '^d' "$OUT" | cut -d, -f1,5 >"$T/got"
expect_file "$T/got" <<'EOF'
d1,2024-02-29
d2,2024-02-29
d3,2024-02-29
d4,2024-01-01
d5,2024-01-01
d6,2023-12-31
d7,2000-02-29
d8,1000-01-01
d9,9999-12-31
EOF
snapshot
for d in 2023-02-30 29.2.2023 29.2.2100 31.4.2024 0.1.2024 1.13.2024 2024-00-10 2024-1-1 \
	1.1.24 '2024 -01-01' 2024/01/01 0999-01-01 heute 2024-02-29T00:00; do
	run member set a --joined "$d"
	expect_status 1
	no_out
	printf 'verbund: member set: --joined: "%s" is not a valid date (YYYY-MM-DD or D.M.YYYY)\n' "$d" | expect_err
done
unchanged

# --- amounts: cents exact, a decimal point or comma, EUR or € ---------------
y=2000
for a in '1234,56' '1234.5' '99 EUR' '7€' 'EUR 12' '€ 0,01' '0' '999999999999.99'; do
	y=$((y + 1))
	ok cost set hd $y "$a"
done
run cost list --format csv
expect_out <<'EOF'
service,year,basis,amount
hd,2001,actual,1234.56
hd,2002,actual,1234.50
hd,2003,actual,99.00
hd,2004,actual,7.00
hd,2005,actual,12.00
hd,2006,actual,0.01
hd,2007,actual,0.00
hd,2008,actual,999999999999.99
EOF
snapshot
for a in 1,234.56 1.234.5 1e5 -5 +5 .5 5. '1 234' 12x '5 USD' '€' '€ 5 EUR'; do
	run cost set hd 2001 "$a"
	expect_status 1
	no_out
	printf 'verbund: cost set: amount: "%s" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)\n' "$a" | expect_err
done
# too large: the message names the largest amount
run cost set hd 2001 1000000000000
expect_status 1
no_out
printf 'verbund: cost set: amount: "1000000000000" is above the largest amount, 999999999999.99 EUR\n' | expect_err
run grant add g --name G --amount 1,234.56 --from 2024-01-01 --until 2024-12-31
expect_status 1
expect_err <<'EOF'
verbund: grant add: --amount: "1,234.56" is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)
EOF
unchanged

# --- figures: not negative, at most 4 decimals ------------------------------
y=2000
for v in 0 1 1.5 12,25 0.0001 1234.5678 100.0000; do
	y=$((y + 1))
	ok figure set --new-metric a users $y "$v"
done
run figure list --format csv
expect_out <<'EOF'
member,metric,year,value
a,users,2001,0
a,users,2002,1
a,users,2003,1.5
a,users,2004,12.25
a,users,2005,0.0001
a,users,2006,1234.5678
a,users,2007,100
EOF
snapshot
for v in 1.23456 0.00001 -1 1e3 12x 1.2.3 '1 000' ''; do
	run figure set --new-metric a users 2024 "$v"
	expect_status 1
	if [ -n "$v" ]; then
		printf 'verbund: figure set: value: "%s" is not a number (not negative, at most 4 decimals)\n' "$v" | expect_err
	else
		echo 'verbund: figure set: value is required' | expect_err
	fi
done
run transfer add --person X --from a --to lk --date 2024-01-01 --credit 1 --years 1 --fte 0.12345
expect_status 1
expect_err <<'EOF'
verbund: transfer add: --fte: "0.12345" is not a number (not negative, at most 4 decimals)
EOF
unchanged

# --- texts: no control characters in single-line fields ----------------------
snapshot
for c in '\001' '\011' '\012' '\015' '\033' '\177'; do
	run member add x --name "$(printf "a${c}b")"
	expect_status 1
	no_out
	case $c in
	'\001') hex=01 ;; '\011') hex=09 ;; '\012') hex=0a ;; '\015') hex=0d ;;
	'\033') hex=1b ;; '\177') hex=7f ;;
	esac
	case $c in
	*) printf 'verbund: member add: --name: "a\\x%sb" contains a control character\n' "$hex" | expect_err ;;
	esac
done
run service add x --name X --key eq --unit "$(printf 'pro\tAP')"
expect_status 1
expect_err <<'EOF'
verbund: service add: --unit: "pro\x09AP" contains a control character
EOF
run agreement add x --title "$(printf 'A\nB')"
expect_status 1
expect_err <<'EOF'
verbund: agreement add: --title: "A\x0aB" contains a control character
EOF
# notes may hold line breaks and tabs, nothing else
run member set a --notes "$(printf 'a\033[2Jb')"
expect_status 1
expect_err <<'EOF'
verbund: member set: --notes: "a\x1b[2Jb" contains a control character
EOF
# more than 200 characters
long=$(printf '%0201d' 0)
run member add x --name "$long"
expect_status 1
expect_err <<'EOF'
verbund: member add: --name: "000000000000000000000000000000000000000000000000000000000000…" is longer than 200 characters
EOF
unchanged
ok member set a --notes "$(printf 'Zeile 1\nZeile 2\tTab')"
ok member set a --notes ''
# 200 characters (not bytes) are fine
ok member add y --name "$(printf '%0200d' 0 | sed 's/0/ä/g')"

# --- codes: a-z 0-9 _ -, 1 to 32 characters ----------------------------------
snapshot
for c in A Lk 'a b' 'ä' 'a.b' 'a/b' "$(printf '%033d' 0)"; do
	run member add "$c" --name X
	expect_status 1
	printf 'verbund: member add: code: "%s" is not a valid code (1–32 characters a–z, 0–9, _ and -)\n' "$c" | expect_err
done
run key add eq2 --name X --metric Users
expect_status 1
expect_err <<'EOF'
verbund: key add: --metric: "Users" is not a valid code (1–32 characters a–z, 0–9, _ and -)
EOF
unchanged
ok member add "$(printf '%032d' 0)" --name 'zweiunddreißig'
ok member add z_9-x --name Z

# --- usage errors: exit 2 ----------------------------------------------------
snapshot
run member add q --name Q --colour red
expect_status 2
no_out
expect_err <<'EOF'
verbund: member add: unknown option '--colour' (see 'verbund help member add')
EOF
run member add q --name Q -x
expect_status 2
expect_err <<'EOF'
verbund: member add: unknown option '-x' (see 'verbund help member add')
EOF
run --colour member list
expect_status 2
expect_err <<'EOF'
verbund: unknown option '--colour' (see 'verbund --help')
EOF
run figure set a users 2024
expect_status 2
expect_err <<'EOF'
verbund: figure set: missing argument; usage: verbund figure set MEMBER METRIC YEAR VALUE (see 'verbund help figure set')
EOF
run member add q --joined
expect_status 2
expect_err <<'EOF'
verbund: member add: option '--joined' needs a value (see 'verbund help member add')
EOF
run --db
expect_status 2
expect_err <<'EOF'
verbund: option '--db' needs a value (see 'verbund --help')
EOF
run frobnicate
expect_status 2
expect_err <<'EOF'
verbund: unknown command 'frobnicate' (see 'verbund --help')
EOF
unchanged

# --- references and the host role --------------------------------------------
ok figure set --new-metric lk users 2024 10
snapshot
run member remove lk
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'lk' is the host; give the role to another member (member set CODE --host) first
EOF
run member set lk --host=false
expect_status 1
expect_err <<'EOF'
verbund: member set: member 'lk' is the host; there must always be one: give the role to another member with --host
EOF
run member set lk --host=no
expect_status 1
unchanged
# --host on another member moves the role
run member set a --host
expect_status 0
run member list --format csv
cut -d, -f1,7 "$OUT" | grep -v "^d[0-9]" >"$T/hosts"
expect_file "$T/hosts" <<EOF
code,host
$(printf '%032d' 0),false
a,true
lk,false
y,false
z_9-x,false
EOF
# now lk may go, but it has figures: refused with a hint
snapshot
run member remove lk
expect_status 1
no_out
expect_err <<'EOF'
verbund: member remove: member 'lk' is still referred to (figures: 1); a member that leaves gets a left date and status former instead
EOF
unchanged
# -q never silences errors
run -q member remove lk
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'lk' is still referred to (figures: 1); a member that leaves gets a left date and status former instead
EOF
# the hint's way out works
run member set lk --left 2024-12-31 --status former
expect_status 0

finish
