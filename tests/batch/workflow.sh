#!/bin/sh
# The office's dates: agreement status, re-drafting on accession,
# deadlines (a notice date on 29 February, a version never fully signed),
# the consistency check, point-in-time views and the audit log.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

new_federation
ok member add lk --name Landkreis --kind landkreis --joined 2024-01-01
ok member add sg --name Samtgemeinde --kind samtgemeinde --joined 2024-01-01
ok member add neu --name 'Neue Gemeinde' --status prospective
ok agreement add zv --title 'Zweckvereinbarung IT' --type zweckvereinbarung
ok agreement version zv --from 2024-09-01 --until 2028-08-31 --notice 6 --parties lk,sg
ok agreement sign zv 1 lk --by 'Landrat' --date 2024-08-01
run agreement list --on 2024-08-10 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,1,1,awaiting signatures,2024-09-01,2028-08-31,sg
EOF2
ok agreement sign zv 1 sg --by 'Bürgermeisterin' --role Samtgemeindebürgermeisterin --date 2024-08-15
run agreement list --on 2024-08-20 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,1,1,signed,2024-09-01,2028-08-31,
EOF2
run agreement list --on 2025-01-01 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,1,1,in force,2024-09-01,2028-08-31,
EOF2
run agreement list --on 2028-09-01 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,1,1,expired,2024-09-01,2028-08-31,
EOF2

# the last day to give notice: 2028-08-31 minus 6 months is 2028-02-29
run deadlines --on 2028-01-01 --within 90 --format csv
expect_out <<'EOF2'
date,days,kind,ref,description
2028-02-29,59,notice,zv/1,"last day to give notice on 'Zweckvereinbarung IT' version 1 (ends 2028-08-31, 6 months' notice)"
EOF2
run deadlines --on 2028-01-01 --within 243 --format csv
expect_out <<'EOF2'
date,days,kind,ref,description
2028-02-29,59,notice,zv/1,"last day to give notice on 'Zweckvereinbarung IT' version 1 (ends 2028-08-31, 6 months' notice)"
2028-08-31,243,version-ends,zv/1,'Zweckvereinbarung IT' version 1 ends
EOF2

# re-drafting on accession: version 2 like the current one, with the new
# member; every party must sign again
ok member set neu --joined 2025-01-01 --status member
ok agreement version zv --from 2025-01-01 --like current --add-party neu
run agreement show zv --on 2025-03-01 --format csv
expect_out <<'EOF2'
version,from,until,term_years,notice_months,text,member,signatory,role,signed,status
1,2024-09-01,2028-08-31,,6,,lk,Landrat,,2024-08-01,in force
1,2024-09-01,2028-08-31,,6,,sg,Bürgermeisterin,Samtgemeindebürgermeisterin,2024-08-15,in force
2,2025-01-01,,,6,,lk,,,,draft
2,2025-01-01,,,6,,sg,,,,draft
2,2025-01-01,,,6,,neu,,,,draft
EOF2
ok agreement sign zv 2 neu --by 'Bürgermeister' --date 2024-12-20
# a version that is never fully signed: overdue signatures (negative days)
run deadlines --on 2025-03-01 --within 30 --format csv
expect_out <<'EOF2'
date,days,kind,ref,description
2025-01-01,-59,signature,zv/2/lk,'lk' has not signed 'Zweckvereinbarung IT' version 2 (in force from 2025-01-01)
2025-01-01,-59,signature,zv/2/sg,'sg' has not signed 'Zweckvereinbarung IT' version 2 (in force from 2025-01-01)
EOF2
run agreement list --on 2025-03-01 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,2,1,in force,2024-09-01,2028-08-31,
EOF2
ok agreement sign zv 2 lk --by Landrat --date 2025-03-10
ok agreement sign zv 2 sg --by 'Bürgermeisterin' --date 2025-03-12
run agreement list --on 2025-03-12 --format csv
expect_out <<'EOF2'
code,title,type,versions,version,status,from,until,missing
zv,Zweckvereinbarung IT,zweckvereinbarung,2,2,in force,2025-01-01,,
EOF2
run agreement show zv --on 2025-03-12 --format csv
expect_out <<'EOF2'
version,from,until,term_years,notice_months,text,member,signatory,role,signed,status
1,2024-09-01,2028-08-31,,6,,lk,Landrat,,2024-08-01,superseded
1,2024-09-01,2028-08-31,,6,,sg,Bürgermeisterin,Samtgemeindebürgermeisterin,2024-08-15,superseded
2,2025-01-01,,,6,,lk,Landrat,,2025-03-10,in force
2,2025-01-01,,,6,,sg,Bürgermeisterin,,2025-03-12,in force
2,2025-01-01,,,6,,neu,Bürgermeister,,2024-12-20,in force
EOF2

# who shared costs on a day
ok member set sg --left 2025-06-30 --status former
run member list --on 2025-07-01 --format csv
expect_out <<'EOF2'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis,landkreis,member,2024-01-01,,true,,,,
neu,Neue Gemeinde,gemeinde,member,2025-01-01,,false,,,,
EOF2
run member list --on 2025-06-30 --format csv
expect_out <<'EOF2'
code,name,kind,status,joined,left,host,contact,email,phone,notes
lk,Landkreis,landkreis,member,2024-01-01,,true,,,,
neu,Neue Gemeinde,gemeinde,member,2025-01-01,,false,,,,
sg,Samtgemeinde,samtgemeinde,former,2024-01-01,2025-06-30,false,,,,
EOF2
run deadlines --on 2025-06-01 --within 30 --format csv
expect_out <<'EOF2'
date,days,kind,ref,description
2025-06-30,29,member-leaves,member/sg,last day on which 'Samtgemeinde' shares costs
EOF2

# ---- check: clean, warnings (exit 0), errors (exit 1)
ok key add users --name Nutzer --metric users
ok key add fix --name Fest --fixed lk=50,sg=50
ok service add helpdesk --name Helpdesk --key users
ok service add net --name Netz --key fix
ok figure set lk users 2024 10
ok figure set sg users 2024 10
ok cost set helpdesk 2025 100 --basis plan
ok cost set helpdesk 2025 100 --basis actual
run check --year 2025 --format csv
expect_status 1
expect_out <<'EOF2'
severity,year,entity,code,message
error,2025,figure,neu,member 'neu' has no figure 'users' for 2025 or earlier (key 'users' of service 'helpdesk')
warning,2025,key,fix,"fixed key 'fix' gives a share to member 'sg', which shares costs on only 181 days of 2025: the others carry the rest"
warning,2025,member,neu,member 'neu' shares costs on 70 days of 2025 on which no agreement version in force names it as a party (from 2025-01-01)
EOF2
expect_err <<'EOF2'
verbund: 1 error, 2 warnings for 2025
EOF2
ok figure set neu users 2025 5
ok cost set net 2026 50
ok member add pro --name Interessent --status intent --joined 2027-01-01
run check --year 2026 --format csv
expect_status 0
expect_out <<'EOF2'
severity,year,entity,code,message
warning,2026,key,fix,"fixed key 'fix' gives a share to member 'sg', which does not share costs in 2026"
warning,2026,cost,net,service 'net' has an actual cost for 2026 but no plan cost
warning,,member,pro,member 'pro' is in status intent but has a joined date (2027-01-01): it shares costs from then
EOF2
# today is 2026-01-15 (VERBUND_NOW): version 3 should be in force and is not signed
ok agreement version zv --from 2026-01-01 --like 2
run check --year 2026 --format csv
expect_status 0
expect_out <<'EOF2'
severity,year,entity,code,message
warning,2026,key,fix,"fixed key 'fix' gives a share to member 'sg', which does not share costs in 2026"
warning,2026,cost,net,service 'net' has an actual cost for 2026 but no plan cost
warning,,member,pro,member 'pro' is in status intent but has a joined date (2027-01-01): it shares costs from then
warning,2026,agreement,zv/3,"version 3 is meant to be in force since 2026-01-01, but not every party has signed: lk,sg,neu"
EOF2

# ---- log: every change once, with before and after; a rejected command
# writes nothing
new_federation
ok member add lk --name Landkreis --kind landkreis
run member set lk --joined 2023-02-30
expect_status 1
ok member set lk --joined 2024-01-01
run log --format csv
expect_out <<EOF2
time,user,action,entity,code,before,after
2026-01-15T10:00:00Z,$(id -un),init,federation,,,"{""name"": ""Test""}"
2026-01-15T10:00:00Z,$(id -un),add,member,lk,,"{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
2026-01-15T10:00:00Z,$(id -un),set,member,lk,"{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": null, ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}","{""code"": ""lk"", ""name"": ""Landkreis"", ""kind"": ""landkreis"", ""status"": ""member"", ""joined"": ""2024-01-01"", ""left"": null, ""host"": true, ""contact"": null, ""email"": null, ""phone"": null, ""notes"": null}"
EOF2
run log --entity federation --format csv
expect_out <<EOF2
time,user,action,entity,code,before,after
2026-01-15T10:00:00Z,$(id -un),init,federation,,,"{""name"": ""Test""}"
EOF2
run log --since 2026-01-16 --format csv
expect_out <<'EOF2'
time,user,action,entity,code,before,after
EOF2
run log --since 2026-02-30
expect_status 1

finish
