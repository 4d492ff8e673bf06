/* The table of batch commands: each command's name, usage, summary,
 * handler, options and the entity whose fields it takes. */
#include "config.h"

#include "cmds.h"
#include "i18n.h"


static const cli_opt on_opts[] = {
	{"on", 1, "DATE", N_("the day to look at (default today)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt version_opts[] = {
	{"like", 1, "N|current", N_("start from the parties, term, notice and text of that version")},
	{"add-party", 1, "CODE,…", N_("add these members to the parties (re-drafting on accession)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt deadlines_opts[] = {
	{"on", 1, "DATE", N_("the day to count from (default today)")},
	{"within", 1, "DAYS", N_("how many days ahead (default 90)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt check_opts[] = {
	{"year", 1, "YEAR", N_("the year to check (default the current year)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt log_opts[] = {
	{"since", 1, "DATE", N_("only changes on or after this day (UTC)")},
	{"entity", 1, "ENTITY", N_("only this kind: member, figure, key, service, cost, …")},
	{"code", 1, "CODE", N_("only this record (its code, or its identity a/b/c)")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt init_opts[] = {
	{"name", 1, "NAME", N_("the federation's name")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt key_opts[] = {
	{"metric", 1, "METRIC", N_("proportional to this figure of each member")},
	{"equal", 0, NULL, N_("every participating member weighs 1")},
	{"fixed", 1, "M=P,…", N_("fixed percentages adding up to exactly 100")},
	{"composite", 1, "K=W,…", N_("weighted mix of other keys, weights adding up to 100")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt allocate_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan (budget) or actual (default)")},
	{"explain", 0, NULL, N_("every share with key value, days, weight, exact quota and remainder cent")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt advances_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year (from its plan allocation)")},
	{"installments", 1, "N", N_("1, 2, 3, 4, 6 or 12 instalments (default: the configured due dates)")},
	{"issue", 0, NULL, N_("record these advances as issued (Abschlagsbescheid)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt settle_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt simulate_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan (default) or actual")},
	{"member", 1, "CODE", N_("an existing (prospective) member, as if it had joined")},
	{"joined", 1, "DATE", N_("first day of cost sharing (default: 1 January of the year)")},
	{"code", 1, "CODE", N_("code of a member described here (default: new)")},
	{"name", 1, "NAME", N_("name of a member described here")},
	{"figure", 2, "METRIC=VALUE", N_("a figure of the described member, for every year (repeatable)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt savings_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan or actual (default)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt workbook_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt export_opts[] = {
	{"output", 1, "FILE", N_("write to a new FILE with mode 0600 instead of standard output")},
	{"force", 0, NULL, N_("with --output: replace FILE if it exists")},
	{"pseudonymize", 0, NULL, N_("staff names of transfers as Person- and the first 8 hex digits of their SHA-256; no transfer notes")},
	{NULL, 0, NULL, NULL},
};

#define ENT(e) &ent_##e
#define NOLIST NULL

const vb_cmd vb_commands[] = {
	{"init", "--name NAME", N_("create a new federation file (fails if it exists)"),
	 cmd_init, DB_NONE, NULL, NULL, NULL, init_opts, 0, 0, NULL},
	{"demo", "NAME", N_("create a demo federation: komgrid, gifhorn, hessen-isb, muenster-lwl"),
	 cmd_demo, DB_NONE, NULL, NULL, NULL, NULL, 1, 1, NULL},

	{"member add", "CODE --name NAME [--kind K] [--status S] [--joined DATE] [--left DATE] [--host] […]",
	 N_("add a member"), cmd_ent_add, DB_NEED, ENT(member), "code", NULL, NULL, 1, 1, NULL},
	{"member set", "CODE [--name NAME] [--kind K] […]", N_("change a member"),
	 cmd_ent_set, DB_NEED, ENT(member), "code", NULL, NULL, 1, 1, NULL},
	{"member remove", "CODE", N_("remove a member that nothing refers to"),
	 cmd_ent_remove, DB_NEED, ENT(member), "code", "", NULL, 1, 1, NULL},
	{"member list", "[--on DATE] [--kind K] [--status S]", N_("list the members (--on: those sharing costs that day)"),
	 cmd_ent_list, DB_NEED, ENT(member), NULL, "kind,status", on_opts, 0, 0, NULL},
	{"member show", "CODE", N_("show one member"),
	 cmd_ent_show, DB_NEED, ENT(member), "code", "", NULL, 1, 1, NULL},

	{"figure set", "MEMBER METRIC YEAR VALUE", N_("set a member's key figure for a year"),
	 cmd_ent_upsert, DB_NEED, ENT(figure), "member,metric,year,value", NULL, NULL, 4, 4, NULL},
	{"figure list", "[--member M] [--metric X] [--year Y]", N_("list figures"),
	 cmd_ent_list, DB_NEED, ENT(figure), NULL, "member,metric,year", NULL, 0, 0, NULL},
	{"figure remove", "MEMBER METRIC YEAR", N_("remove a figure"),
	 cmd_ent_remove, DB_NEED, ENT(figure), "member,metric,year", "", NULL, 3, 3, NULL},

	{"service add", "CODE --name NAME --key KEY [--unit U] [--hours H] [--subscription] [--standalone AMOUNT]",
	 N_("add a service"), cmd_ent_add, DB_NEED, ENT(service), "code", NULL, NULL, 1, 1, NULL},
	{"service set", "CODE [--name NAME] [--key KEY] […]", N_("change a service"),
	 cmd_ent_set, DB_NEED, ENT(service), "code", NULL, NULL, 1, 1, NULL},
	{"service remove", "CODE", N_("remove a service without costs"),
	 cmd_ent_remove, DB_NEED, ENT(service), "code", "", NULL, 1, 1, NULL},
	{"service list", "", N_("list the service catalogue"),
	 cmd_ent_list, DB_NEED, ENT(service), NULL, "key", NULL, 0, 0, NULL},
	{"service show", "CODE", N_("show one service"),
	 cmd_ent_show, DB_NEED, ENT(service), "code", "", NULL, 1, 1, NULL},

	{"subscribe", "MEMBER SERVICE --from DATE [--until DATE]", N_("subscribe a member to a service"),
	 cmd_ent_add, DB_NEED, ENT(subscription), "member,service", NULL, NULL, 2, 2, NULL},
	{"unsubscribe", "MEMBER SERVICE --until DATE", N_("end a member's subscription on a date"),
	 cmd_unsubscribe, DB_NEED, ENT(subscription), "member,service", NULL, NULL, 2, 2, "from"},
	{"subscription list", "[--member M] [--service S]", N_("list subscriptions"),
	 cmd_ent_list, DB_NEED, ENT(subscription), NULL, "member,service", NULL, 0, 0, NULL},

	{"cost set", "SERVICE YEAR AMOUNT [--basis plan|actual]", N_("set a service's cost for a year"),
	 cmd_ent_upsert, DB_NEED, ENT(cost), "service,year,amount", NULL, NULL, 3, 3, NULL},
	{"cost list", "[--year Y] [--service S] [--basis B]", N_("list costs"),
	 cmd_ent_list, DB_NEED, ENT(cost), NULL, "service,year,basis", NULL, 0, 0, NULL},
	{"cost remove", "SERVICE YEAR [--basis plan|actual]", N_("remove a cost"),
	 cmd_ent_remove, DB_NEED, ENT(cost), "service,year", NULL, NULL, 2, 2, "amount"},

	{"key add", "CODE --name N (--metric M [--offset N] | --equal | --fixed m=P,… | --composite k=W,…) [--exclude m,…]",
	 N_("add a cost-sharing key"), cmd_key_write, DB_NEED, ENT(key), "code", NULL, key_opts, 1, 1,
	 "method,metric,parts"},
	{"key set", "CODE [--name N] [--metric M | --equal | --fixed … | --composite …] [--offset N] [--exclude …]",
	 N_("change a cost-sharing key"), cmd_key_write, DB_NEED, ENT(key), "code", NULL, key_opts, 1, 1,
	 "method,metric,parts"},
	{"key remove", "CODE", N_("remove a key that no service uses"),
	 cmd_ent_remove, DB_NEED, ENT(key), "code", "", NULL, 1, 1, NULL},
	{"key list", "", N_("list the cost-sharing keys"),
	 cmd_ent_list, DB_NEED, ENT(key), NULL, "method", NULL, 0, 0, NULL},
	{"key show", "CODE", N_("show one key"),
	 cmd_ent_show, DB_NEED, ENT(key), "code", "", NULL, 1, 1, NULL},

	{"grant add", "CODE --name N --amount A --from DATE --until DATE [--service S] [--source TEXT]",
	 N_("add a grant"), cmd_ent_add, DB_NEED, ENT(grant), "code", NULL, NULL, 1, 1, NULL},
	{"grant set", "CODE [--name N] [--amount A] […]", N_("change a grant"),
	 cmd_ent_set, DB_NEED, ENT(grant), "code", NULL, NULL, 1, 1, NULL},
	{"grant remove", "CODE", N_("remove a grant"),
	 cmd_ent_remove, DB_NEED, ENT(grant), "code", "", NULL, 1, 1, NULL},
	{"grant list", "", N_("list grants"),
	 cmd_ent_list, DB_NEED, ENT(grant), NULL, "service", NULL, 0, 0, NULL},

	{"transfer add", "--person P --from M --to M --date DATE --credit A --years N [--fte F] [--grade G]",
	 N_("add a staff transfer"), cmd_ent_add, DB_NEED, ENT(transfer), "", NULL, NULL, 0, 0, NULL},
	{"transfer set", "ID [--credit A] […]", N_("change a staff transfer"),
	 cmd_ent_set, DB_NEED, ENT(transfer), "id", NULL, NULL, 1, 1, NULL},
	{"transfer remove", "ID", N_("remove a staff transfer"),
	 cmd_ent_remove, DB_NEED, ENT(transfer), "id", "", NULL, 1, 1, NULL},
	{"transfer list", "", N_("list staff transfers"),
	 cmd_ent_list, DB_NEED, ENT(transfer), NULL, "from,to", NULL, 0, 0, NULL},

	{"agreement add", "CODE --title T --type TYPE", N_("add an agreement"),
	 cmd_ent_add, DB_NEED, ENT(agreement), "code", NULL, NULL, 1, 1, NULL},
	{"agreement version", "CODE --from DATE [--until DATE] [--term Y] [--notice M] [--text REF] (--parties m1,m2,… | --like N|current [--add-party M])",
	 N_("add a new version that every party must sign"), cmd_agreement_version, DB_NEED,
	 ENT(version), "agreement", NULL, version_opts, 1, 1, "number"},
	{"agreement sign", "CODE VERSION MEMBER --by NAME [--role R] --date DATE",
	 N_("record a party's signature of a version"), cmd_ent_upsert, DB_NEED, ENT(signature),
	 "agreement,number,member", NULL, NULL, 3, 3, NULL},
	{"agreement list", "[--on DATE]", N_("list agreements with the status of the version in force"),
	 cmd_agreement_list, DB_NEED, NULL, NULL, NULL, on_opts, 0, 0, NULL},
	{"agreement show", "CODE [--on DATE]", N_("show an agreement's versions, parties, signatures and status"),
	 cmd_agreement_show, DB_NEED, NULL, NULL, NULL, on_opts, 1, 1, NULL},

	{"allocate", "--year Y [--basis plan|actual] [--explain]",
	 N_("the cent-exact cost allocation of a year"), cmd_allocate, DB_NEED, NULL, NULL, NULL,
	 allocate_opts, 0, 0, NULL},
	{"advances", "--year Y [--installments N] [--issue]",
	 N_("instalments of the plan allocation and their due dates"), cmd_advances, DB_NEED, NULL,
	 NULL, NULL, advances_opts, 0, 0, NULL},
	{"settle", "--year Y", N_("final settlement: actual allocation minus advances"),
	 cmd_settle, DB_NEED, NULL, NULL, NULL, settle_opts, 0, 0, NULL},
	{"simulate", "--year Y (--member CODE [--joined D] | [--code C] --name N --joined D --figure metric=value …) [--basis plan|actual]",
	 N_("what every member would pay if a member joined; nothing is written"), cmd_simulate,
	 DB_NEED, NULL, NULL, NULL, simulate_opts, 0, 0, NULL},
	{"savings", "--year Y [--basis plan|actual]",
	 N_("what each member saves against running the services alone"), cmd_savings, DB_NEED,
	 NULL, NULL, NULL, savings_opts, 0, 0, NULL},
	{"workbook", "--year Y FILE.xlsx",
	 N_("every finance table of a year in one spreadsheet workbook"), cmd_workbook, DB_NEED,
	 NULL, NULL, NULL, workbook_opts, 1, 1, NULL},

	{"deadlines", "[--within DAYS] [--on DATE] [--format ics]",
	 N_("notice dates, unsigned versions, ending credits, grants and memberships"), cmd_deadlines,
	 DB_NEED, NULL, NULL, NULL, deadlines_opts, 0, 0, NULL},
	{"check", "[--year Y]", N_("consistency report; exit 1 when it finds an error"),
	 cmd_check, DB_NEED, NULL, NULL, NULL, check_opts, 0, 0, NULL},
	{"log", "[--since DATE] [--entity E] [--code C]", N_("the audit log of every change"),
	 cmd_log, DB_NEED, NULL, NULL, NULL, log_opts, 0, 0, NULL},

	{"import", "KIND FILE|-", N_("import CSV or JSON records; KIND all reads a JSON export"),
	 cmd_import, DB_NEED, NULL, NULL, NULL, NULL, 2, 2, NULL},
	{"export", "[KIND] [--format json|csv] [--output FILE [--force]] [--pseudonymize]", N_("export the federation as JSON, or one kind as CSV"),
	 cmd_export, DB_NEED, NULL, NULL, NULL, export_opts, 0, 1, NULL},
	{"backup", "FILE", N_("consistent copy of the file while others use it"),
	 cmd_backup, DB_NEED, NULL, NULL, NULL, NULL, 1, 1, NULL},
	{NULL, NULL, NULL, NULL, DB_NONE, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
