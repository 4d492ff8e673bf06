/* The fields of every entity, each list written once: it generates the
 * entity's field table (in the file that defines the entity) and the
 * enum that names each field's index in a record (rec.v[MB_NAME]).
 * A field is F(PREFIX, ID, designated initialisers of its vb_field). */
#ifndef VB_FIELDS_H
#define VB_FIELDS_H

#define VB_FIELD_ENUM(prefix, id, ...) prefix##_##id,
#define VB_FIELD_ROW(prefix, id, ...) {__VA_ARGS__},

/* member */
#define MEMBER_FIELDS(F) \
	F(MB, CODE, .name = "code", .col = "code", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("unique code, a–z 0–9 _ -")) \
	F(MB, NAME, .name = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("name")) \
	F(MB, KIND, .name = "kind", .col = "kind", .type = FT_CHOICE, .flags = FF_REQ, .choices = member_kinds, .def = "gemeinde", .help = N_("kind of authority")) \
	F(MB, STATUS, .name = "status", .col = "status", .type = FT_CHOICE, .flags = FF_REQ, .choices = member_status, .def = "member", .help = N_("status")) \
	F(MB, JOINED, .name = "joined", .col = "joined", .type = FT_DATE, .help = N_("first day of cost sharing")) \
	F(MB, LEFT, .name = "left", .col = "\"left\"", .type = FT_DATE, .help = N_("last day of cost sharing")) \
	F(MB, HOST, .name = "host", .col = "host", .type = FT_BOOL, .flags = FF_FLAG, .def = "false", .help = N_("the member that runs the shared IT")) \
	F(MB, CONTACT, .name = "contact", .col = "contact", .type = FT_TEXT, .max = 200, .help = N_("contact person")) \
	F(MB, EMAIL, .name = "email", .col = "email", .type = FT_TEXT, .max = 200, .help = N_("e-mail")) \
	F(MB, PHONE, .name = "phone", .col = "phone", .type = FT_TEXT, .max = 200, .help = N_("phone")) \
	F(MB, NOTES, .name = "notes", .col = "notes", .type = FT_NOTES, .help = N_("notes"))
enum member_field { MEMBER_FIELDS(VB_FIELD_ENUM) MB_NFIELDS };

/* figure */
#define FIGURE_FIELDS(F) \
	F(FG, MEMBER, .name = "member", .col = "member", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "member", .help = N_("member")) \
	F(FG, METRIC, .name = "metric", .col = "metric", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("metric (users, devices, population, …)")) \
	F(FG, YEAR, .name = "year", .col = "year", .type = FT_INT, .flags = FF_KEY | FF_REQ, .min = 1000, .max = 9999, .help = N_("year")) \
	F(FG, VALUE, .name = "value", .col = "value", .type = FT_DEC4, .flags = FF_REQ, .help = N_("value (not negative, at most 4 decimals)"))
enum figure_field { FIGURE_FIELDS(VB_FIELD_ENUM) FG_NFIELDS };

/* service */
#define SERVICE_FIELDS(F) \
	F(SV, CODE, .name = "code", .col = "code", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("unique code")) \
	F(SV, NAME, .name = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("name")) \
	F(SV, KEY, .name = "key", .col = "key", .type = FT_REF, .flags = FF_REQ, .ref = "key", .help = N_("cost-sharing key")) \
	F(SV, UNIT, .name = "unit", .col = "unit", .type = FT_TEXT, .max = 200, .help = N_("unit, e.g. per workstation")) \
	F(SV, HOURS, .name = "hours", .col = "hours", .type = FT_TEXT, .max = 200, .help = N_("service hours")) \
	F(SV, SUBSCRIPTION, .name = "subscription", .col = "subscription", .type = FT_BOOL, .flags = FF_FLAG, .def = "false", .help = N_("only subscribed members take part")) \
	F(SV, STANDALONE, .name = "standalone", .col = "standalone", .type = FT_CENTS, .help = N_("yearly cost for one member alone (savings)")) \
	F(SV, DESCRIPTION, .name = "description", .col = "description", .type = FT_NOTES, .flags = FF_NOCSV, .help = N_("description"))
enum service_field { SERVICE_FIELDS(VB_FIELD_ENUM) SV_NFIELDS };

/* cost */
#define COST_FIELDS(F) \
	F(CO, SERVICE, .name = "service", .col = "service", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "service", .help = N_("service")) \
	F(CO, YEAR, .name = "year", .col = "year", .type = FT_INT, .flags = FF_KEY | FF_REQ, .min = 1000, .max = 9999, .help = N_("year")) \
	F(CO, BASIS, .name = "basis", .col = "basis", .type = FT_CHOICE, .flags = FF_KEY | FF_REQ, .choices = bases, .def = "actual", .help = N_("plan (budget) or actual")) \
	F(CO, AMOUNT, .name = "amount", .col = "amount", .type = FT_CENTS, .flags = FF_REQ, .help = N_("amount in EUR"))
enum cost_field { COST_FIELDS(VB_FIELD_ENUM) CO_NFIELDS };

/* subscription */
#define SUBSCRIPTION_FIELDS(F) \
	F(SU, MEMBER, .name = "member", .col = "member", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "member", .help = N_("member")) \
	F(SU, SERVICE, .name = "service", .col = "service", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "service", .help = N_("service")) \
	F(SU, FROM, .name = "from", .col = "\"from\"", .type = FT_DATE, .flags = FF_KEY | FF_REQ, .help = N_("first day")) \
	F(SU, UNTIL, .name = "until", .col = "\"until\"", .type = FT_DATE, .help = N_("last day (empty: open)"))
enum subscription_field { SUBSCRIPTION_FIELDS(VB_FIELD_ENUM) SU_NFIELDS };

/* grant */
#define GRANT_FIELDS(F) \
	F(GR, CODE, .name = "code", .col = "code", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("unique code")) \
	F(GR, NAME, .name = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("name")) \
	F(GR, SOURCE, .name = "source", .col = "source", .type = FT_TEXT, .max = 200, .help = N_("who gives it, e.g. Land Hessen")) \
	F(GR, AMOUNT, .name = "amount", .col = "amount", .type = FT_CENTS, .flags = FF_REQ, .help = N_("amount in EUR")) \
	F(GR, FROM, .name = "from", .col = "\"from\"", .type = FT_DATE, .flags = FF_REQ, .help = N_("first day of the period")) \
	F(GR, UNTIL, .name = "until", .col = "\"until\"", .type = FT_DATE, .flags = FF_REQ, .help = N_("last day of the period")) \
	F(GR, SERVICE, .name = "service", .col = "service", .type = FT_REF, .ref = "service", .help = N_("service (empty: all services)"))
enum grant_field { GRANT_FIELDS(VB_FIELD_ENUM) GR_NFIELDS };

/* transfer */
#define TRANSFER_FIELDS(F) \
	F(TR, ID, .name = "id", .col = "id", .type = FT_INT, .flags = FF_AUTO | FF_NOCSV, .min = 1, .max = INT64_MAX, .help = N_("number")) \
	F(TR, PERSON, .name = "person", .col = "person", .type = FT_TEXT, .flags = FF_KEY | FF_REQ, .max = 200, .help = N_("name of the employee")) \
	F(TR, FROM, .name = "from", .col = "\"from\"", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "member", .help = N_("giving member")) \
	F(TR, TO, .name = "to", .col = "\"to\"", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "member", .help = N_("receiving member (normally the host)")) \
	F(TR, DATE, .name = "date", .col = "date", .type = FT_DATE, .flags = FF_KEY | FF_REQ, .help = N_("first day at the new employer")) \
	F(TR, CREDIT, .name = "credit", .col = "credit", .type = FT_CENTS, .flags = FF_REQ, .help = N_("yearly credit in EUR")) \
	F(TR, YEARS, .name = "years", .col = "years", .type = FT_INT, .flags = FF_REQ, .min = 1, .max = 100, .help = N_("years the credit runs")) \
	F(TR, FTE, .name = "fte", .col = "fte", .type = FT_DEC4, .help = N_("full-time equivalent")) \
	F(TR, GRADE, .name = "grade", .col = "grade", .type = FT_TEXT, .max = 200, .help = N_("pay grade, e.g. EG 9b TVöD")) \
	F(TR, NOTES, .name = "notes", .col = "notes", .type = FT_NOTES, .help = N_("notes"))
enum transfer_field { TRANSFER_FIELDS(VB_FIELD_ENUM) TR_NFIELDS };

/* key */
#define KEY_FIELDS(F) \
	F(KY, CODE, .name = "code", .col = "code", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("unique code")) \
	F(KY, NAME, .name = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("name")) \
	F(KY, METHOD, .name = "method", .col = "method", .type = FT_CHOICE, .flags = FF_REQ, .choices = key_methods, .def = "equal", .help = N_("metric, equal, fixed or composite")) \
	F(KY, METRIC, .name = "metric", .col = "metric", .type = FT_CODE, .help = N_("metric of a metric key")) \
	F(KY, OFFSET, .name = "offset", .col = "\"offset\"", .type = FT_INT, .def = "0", .min = -100, .max = 100, .help = N_("year offset of the figures (-1: previous year)")) \
	F(KY, PARTS, .name = "parts", .type = FT_PARTS, .help = N_("fixed: member=percent,…; composite: key=weight,…")) \
	F(KY, EXCLUDE, .name = "exclude", .type = FT_LIST, .ref = "member", .help = N_("members that weigh 0 under this key"))
enum key_field { KEY_FIELDS(VB_FIELD_ENUM) KY_NFIELDS };

/* agreement */
#define AGREEMENT_FIELDS(F) \
	F(AG, CODE, .name = "code", .col = "code", .type = FT_CODE, .flags = FF_KEY | FF_REQ, .help = N_("unique code")) \
	F(AG, TITLE, .name = "title", .col = "title", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("title")) \
	F(AG, TYPE, .name = "type", .col = "type", .type = FT_CHOICE, .flags = FF_REQ, .choices = agreement_types, .def = "zweckvereinbarung", .help = N_("legal form")) \
	F(AG, NOTES, .name = "notes", .col = "notes", .type = FT_NOTES, .help = N_("notes"))
enum agreement_field { AGREEMENT_FIELDS(VB_FIELD_ENUM) AG_NFIELDS };

/* version */
#define VERSION_FIELDS(F) \
	F(AV, AGREEMENT, .name = "agreement", .col = "agreement", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "agreement", .help = N_("agreement")) \
	F(AV, NUMBER, .name = "number", .col = "number", .type = FT_INT, .flags = FF_KEY | FF_REQ, .min = 1, .max = 9999, .help = N_("version number")) \
	F(AV, FROM, .name = "from", .col = "\"from\"", .type = FT_DATE, .flags = FF_REQ, .help = N_("in force from")) \
	F(AV, UNTIL, .name = "until", .col = "\"until\"", .type = FT_DATE, .help = N_("last day in force (empty: term or open)")) \
	F(AV, TERM, .name = "term_years", .col = "term_years", .type = FT_INT, .min = 1, .max = 100, .help = N_("term in years"), .opt = "term") \
	F(AV, NOTICE, .name = "notice_months", .col = "notice_months", .type = FT_INT, .max = 120, .help = N_("notice period in months"), .opt = "notice") \
	F(AV, TEXT, .name = "text", .col = "text", .type = FT_TEXT, .max = 1000, .help = N_("path or URL of the text")) \
	F(AV, PARTIES, .name = "parties", .type = FT_LIST, .flags = FF_REQ, .ref = "member", .help = N_("members that must sign"))
enum version_field { VERSION_FIELDS(VB_FIELD_ENUM) AV_NFIELDS };

/* signature */
#define SIGNATURE_FIELDS(F) \
	F(AS, AGREEMENT, .name = "agreement", .col = "agreement", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "agreement", .help = N_("agreement")) \
	F(AS, NUMBER, .name = "number", .col = "number", .type = FT_INT, .flags = FF_KEY | FF_REQ, .min = 1, .max = 9999, .help = N_("version number")) \
	F(AS, MEMBER, .name = "member", .col = "member", .type = FT_REF, .flags = FF_KEY | FF_REQ, .ref = "member", .help = N_("signing party")) \
	F(AS, SIGNATORY, .name = "signatory", .col = "signatory", .type = FT_TEXT, .flags = FF_REQ, .max = 200, .help = N_("name of the person who signed"), .opt = "by") \
	F(AS, ROLE, .name = "role", .col = "role", .type = FT_TEXT, .max = 200, .help = N_("role, e.g. Landrat")) \
	F(AS, DATE, .name = "date", .col = "date", .type = FT_DATE, .flags = FF_REQ, .help = N_("date of signature"))
enum signature_field { SIGNATURE_FIELDS(VB_FIELD_ENUM) AS_NFIELDS };

#endif
