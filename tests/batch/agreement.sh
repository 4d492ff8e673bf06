#!/bin/sh
# agreement add/version/sign/list/show: versions numbered per agreement,
# parties, signatures only by parties.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2017-01-01
ok member add a --name 'Stadt A' --kind stadt --joined 2017-01-01
ok member add b --name 'Gemeinde B' --joined 2020-03-01

run agreement add zv --title 'Zweckvereinbarung IT-Verbund' --type zweckvereinbarung
expect_status 0
no_out
expect_err <<'EOF'
verbund: agreement 'zv' added
EOF
ok agreement add loi --title 'Absichtserklärung' --type absichtserklaerung
# the type defaults to zweckvereinbarung
ok agreement add kv --title 'Kooperation'

run agreement version zv --from 2017-01-01 --term 5 --notice 6 --text 'https://example.org/zv.pdf' --parties lk,a
expect_status 0
expect_err <<'EOF'
verbund: agreement 'zv': version 1 added; every party must sign it
EOF
run agreement version zv --from 1.3.2020 --until 31.8.2028 --notice 6 --parties b,lk,a
expect_status 0
expect_err <<'EOF'
verbund: agreement 'zv': version 2 added; every party must sign it
EOF
# numbers count per agreement
run agreement version loi --from 2024-01-01 --parties a,b
expect_status 0
expect_err <<'EOF'
verbund: agreement 'loi': version 1 added; every party must sign it
EOF

run agreement sign zv 1 lk --by 'Dr. Andreas Ebel' --role Landrat --date 2016-12-01
expect_status 0
no_out
expect_err <<'EOF'
verbund: signature 'zv/1/lk' saved
EOF
ok agreement sign zv 1 a --by 'Bürgermeisterin Ä' --date 5.12.2016
ok agreement sign zv 2 b --by 'B' --role Bürgermeister --date 2020-02-20
# signing again replaces the signature
ok agreement sign zv 2 b --by 'B. Beispiel' --role Bürgermeister --date 2020-02-21

# the status of each agreement on a day (default: today, VERBUND_NOW)
run agreement list --format csv
expect_status 0
expect_out <<'EOF'
code,title,type,versions,version,status,from,until,missing
kv,Kooperation,zweckvereinbarung,0,,,,,
loi,Absichtserklärung,absichtserklaerung,1,1,draft,2024-01-01,,"a,b"
zv,Zweckvereinbarung IT-Verbund,zweckvereinbarung,2,2,awaiting signatures,2020-03-01,2028-08-31,"lk,a"
EOF
no_err
run agreement list --format json
expect_out <<'EOF'
[
  {"code": "kv", "title": "Kooperation", "type": "zweckvereinbarung", "versions": 0, "version": null, "status": null, "from": null, "until": null, "missing": null},
  {"code": "loi", "title": "Absichtserklärung", "type": "absichtserklaerung", "versions": 1, "version": 1, "status": "draft", "from": "2024-01-01", "until": null, "missing": "a,b"},
  {"code": "zv", "title": "Zweckvereinbarung IT-Verbund", "type": "zweckvereinbarung", "versions": 2, "version": 2, "status": "awaiting signatures", "from": "2020-03-01", "until": "2028-08-31", "missing": "lk,a"}
]
EOF
# version 1 runs 5 years from 2017-01-01: in force once both signed
run agreement list --on 2018-06-30 --format csv
expect_out <<'EOF'
code,title,type,versions,version,status,from,until,missing
kv,Kooperation,zweckvereinbarung,0,,,,,
loi,Absichtserklärung,absichtserklaerung,1,1,draft,2024-01-01,,"a,b"
zv,Zweckvereinbarung IT-Verbund,zweckvereinbarung,2,1,in force,2017-01-01,2021-12-31,
EOF
# before lk signed, nothing is in force: the latest version, not signed
# by anybody on that day
run agreement list --on 2016-11-30 --format csv
expect_out <<'EOF'
code,title,type,versions,version,status,from,until,missing
kv,Kooperation,zweckvereinbarung,0,,,,,
loi,Absichtserklärung,absichtserklaerung,1,1,draft,2024-01-01,,"a,b"
zv,Zweckvereinbarung IT-Verbund,zweckvereinbarung,2,2,draft,2020-03-01,2028-08-31,"b,lk,a"
EOF
run agreement show zv --on 2016-12-03 --format csv
expect_out <<'EOF'
version,from,until,term_years,notice_months,text,member,signatory,role,signed,status
1,2017-01-01,,5,6,https://example.org/zv.pdf,lk,Dr. Andreas Ebel,Landrat,2016-12-01,awaiting signatures
1,2017-01-01,,5,6,https://example.org/zv.pdf,a,Bürgermeisterin Ä,,2016-12-05,awaiting signatures
2,2020-03-01,2028-08-31,,6,,b,B. Beispiel,Bürgermeister,2020-02-21,draft
2,2020-03-01,2028-08-31,,6,,lk,,,,draft
2,2020-03-01,2028-08-31,,6,,a,,,,draft
EOF
# parties in the order given, with their signatures
run agreement show zv --format csv
expect_status 0
expect_out <<'EOF'
version,from,until,term_years,notice_months,text,member,signatory,role,signed,status
1,2017-01-01,,5,6,https://example.org/zv.pdf,lk,Dr. Andreas Ebel,Landrat,2016-12-01,expired
1,2017-01-01,,5,6,https://example.org/zv.pdf,a,Bürgermeisterin Ä,,2016-12-05,expired
2,2020-03-01,2028-08-31,,6,,b,B. Beispiel,Bürgermeister,2020-02-21,awaiting signatures
2,2020-03-01,2028-08-31,,6,,lk,,,,awaiting signatures
2,2020-03-01,2028-08-31,,6,,a,,,,awaiting signatures
EOF
run agreement show loi --format json
expect_out <<'EOF'
[
  {"version": 1, "from": "2024-01-01", "until": null, "term_years": null, "notice_months": null, "text": null, "member": "a", "signatory": null, "role": null, "signed": null, "status": "draft"},
  {"version": 1, "from": "2024-01-01", "until": null, "term_years": null, "notice_months": null, "text": null, "member": "b", "signatory": null, "role": null, "signed": null, "status": "draft"}
]
EOF
run agreement show kv --format csv
expect_out <<'EOF'
version,from,until,term_years,notice_months,text,member,signatory,role,signed,status
EOF
run export agreements
expect_status 0
expect_out <<'EOF'
[
  {"code": "kv", "title": "Kooperation", "type": "zweckvereinbarung", "notes": null, "versions": []},
  {"code": "loi", "title": "Absichtserklärung", "type": "absichtserklaerung", "notes": null, "versions": [{"number": 1, "from": "2024-01-01", "until": null, "term_years": null, "notice_months": null, "text": null, "parties": ["a", "b"], "signatures": []}]},
  {"code": "zv", "title": "Zweckvereinbarung IT-Verbund", "type": "zweckvereinbarung", "notes": null, "versions": [{"number": 1, "from": "2017-01-01", "until": null, "term_years": 5, "notice_months": 6, "text": "https://example.org/zv.pdf", "parties": ["lk", "a"], "signatures": [{"member": "a", "signatory": "Bürgermeisterin Ä", "role": null, "date": "2016-12-05"}, {"member": "lk", "signatory": "Dr. Andreas Ebel", "role": "Landrat", "date": "2016-12-01"}]}, {"number": 2, "from": "2020-03-01", "until": "2028-08-31", "term_years": null, "notice_months": 6, "text": null, "parties": ["b", "lk", "a"], "signatures": [{"member": "b", "signatory": "B. Beispiel", "role": "Bürgermeister", "date": "2020-02-21"}]}]}
]
EOF

# --- refusals ----------------------------------------------------------------
snapshot
# a signature by a member that is not a party
run agreement sign zv 1 b --by X --date 2019-12-05
expect_status 1
no_out
expect_err <<'EOF'
verbund: agreement sign: member 'b' is not a party of agreement 'zv' version 1
EOF
run agreement sign zv 1 zz --by X --date 2019-12-05
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: member 'zz' is not a party of agreement 'zv' version 1
EOF
run agreement sign zv 3 a --by X --date 2019-12-05
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: agreement 'zv' has no version 3
EOF
run agreement sign zv 2 a --date 2020-01-01
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: signatory is required
EOF
run agreement sign zv 2 a --by X
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: date is required
EOF
run agreement sign zv 2 a --by X --date 2020-02-30
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: --date: "2020-02-30" is not a valid date (YYYY-MM-DD or D.M.YYYY)
EOF
run agreement sign zv x a --by X --date 2019-12-05
expect_status 1
expect_err <<'EOF'
verbund: agreement sign: number: "x" is not a whole number from 1 to 9999
EOF
run agreement sign zv 2 --by X --date 2019-12-05
expect_status 2
expect_err <<'EOF'
verbund: agreement sign: missing argument; usage: verbund agreement sign CODE VERSION MEMBER --by NAME [--role R] --date DATE (see 'verbund help agreement sign')
EOF
run agreement add x --title X --type vertrag
expect_status 2
expect_err <<'EOF'
verbund: agreement add: --type: "vertrag" is not one of: zweckvereinbarung, oerv, absichtserklaerung, kooperationsvertrag, other
EOF
run agreement add x --type oerv
expect_status 2
expect_err <<'EOF'
verbund: agreement add: --title is required (see 'verbund help agreement add')
EOF
run agreement add zv --title Y
expect_status 1
expect_err <<'EOF'
verbund: agreement add: agreement 'zv' already exists
EOF
run agreement version zv --from 2021-01-01 --parties lk,zz
expect_status 1
expect_err <<'EOF'
verbund: agreement version: parties: there is no member 'zz'
EOF
run agreement version zv --from 2021-01-01
expect_status 1
expect_err <<'EOF'
verbund: agreement version: --parties (or --like VERSION) is required
EOF
run agreement version zv --parties lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: from is required
EOF
run agreement version nope --from 2021-01-01 --parties lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: agreement: there is no agreement 'nope'
EOF
run agreement version zv --from 2021-01-01 --until 2020-12-31 --parties lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: agreement 'zv' version 3: until (2020-12-31) is before from (2021-01-01)
EOF
run agreement version zv --from 2021-01-01 --term 0 --parties lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: --term: "0" is not a whole number from 1 to 100
EOF
run agreement version zv --from 2021-01-01 --notice 121 --parties lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: --notice: "121" is not a whole number from 0 to 120
EOF
run agreement version zv --from 2021-01-01 --parties lk,lk
expect_status 1
expect_err <<'EOF'
verbund: agreement version: --parties: "lk" is listed twice
EOF
run agreement version zv --from 2021-01-01 --parties lk --number 7
expect_status 2
expect_err <<'EOF'
verbund: agreement version: unknown option '--number' (see 'verbund help agreement version')
EOF
run agreement show nope
expect_status 1
expect_err <<'EOF'
verbund: agreement show: there is no agreement 'nope'
EOF
run agreement show
expect_status 2
expect_err <<'EOF'
verbund: agreement show: missing argument; usage: verbund agreement show CODE [--on DATE] (see 'verbund help agreement show')
EOF
# parties cannot be removed as members
run member remove b
expect_status 1
expect_err <<'EOF'
verbund: member remove: member 'b' is still referred to (agreement parties: 2); a member that leaves gets a left date and status former instead
EOF
no_out
unchanged

finish
