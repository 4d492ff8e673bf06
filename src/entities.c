/* The field tables of every entity, and their rules beyond single
 * fields (one host, dates in order, no overlapping subscriptions). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "fields.h"
#include "i18n.h"


static const char *const member_kinds[] = {"landkreis", "stadt", "gemeinde", "samtgemeinde",
					   "landschaftsverband", "zweckverband", "other", NULL};
static const char *const member_status[] = {"prospective", "intent", "pilot", "member",
					    "former", NULL};
static const char *const bases[] = {"plan", "actual", NULL};

/* ---------------------------------------------------------------- member */

int vb_importing;

static const vb_field member_fields[] = {
	MEMBER_FIELDS(VB_FIELD_ROW)
};

enum { M_CODE, M_NAME, M_KIND, M_STATUS, M_JOINED, M_LEFT, M_HOST };

static int
member_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	static const char any_host[] = "SELECT code FROM member WHERE host = 1";
	if (!r->v[M_JOINED].null && !r->v[M_LEFT].null &&
	    strcmp(r->v[M_LEFT].s, r->v[M_JOINED].s) < 0)
		return err_set(err, VB_EFAIL, _("member '%s': left (%s) is before joined (%s)"),
			       r->v[M_CODE].s, r->v[M_LEFT].s, r->v[M_JOINED].s);
	if (old && old->v[M_HOST].i && !r->v[M_HOST].i && vb_importing) {
		/* an import moves the role only by marking another member
		 * (that record may come later in the file); "false" for the
		 * host keeps it, so that an export imports into a file with
		 * another host */
		val_set_int(&r->v[M_HOST], 1);
	} else if (old && old->v[M_HOST].i && !r->v[M_HOST].i)
		return err_set(err, VB_EFAIL,
			       _("member '%s' is the host; there must always be one: give the role to another member with --host"),
			       r->v[M_CODE].s);
	sqlite3_stmt *st = db_prep(db, any_host, err);
	if (!st)
		return -1;
	int rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	int host_exists = rc == SQLITE_ROW && strcmp(db_col_text(st, 0), r->v[M_CODE].s) != 0;
	sqlite3_reset(st);
	if (!host_exists && !r->v[M_HOST].i) {
		/* the first member (or the only one) is the host */
		val_set_int(&r->v[M_HOST], 1);
	} else if (host_exists && r->v[M_HOST].i) {
		/* --host moves the role */
		if (db_exec(db, "UPDATE member SET host = 0 WHERE host = 1", err) < 0)
			return -1;
	}
	return 0;
}

static int
member_before_remove(vb_db *db, const vb_rec *old, vb_err *err)
{
	static const char others[] = "SELECT count(*) FROM member WHERE code <> ?1";
	if (!old->v[M_HOST].i)
		return 0;
	sqlite3_stmt *st = db_prep(db, others, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, old->v[M_CODE].s);
	if (db_step(db, st, err) != SQLITE_ROW)
		return -1;
	int n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (n > 0)
		return err_set(err, VB_EFAIL,
			       _("member '%s' is the host; give the role to another member (member set CODE --host) first"),
			       old->v[M_CODE].s);
	return 0;
}

static const vb_referrer member_refs[] = {
	{"figure", "member", N_("figures")},
	{"key_share", "member", N_("fixed key shares")},
	{"key_exclude", "member", N_("key exclusions")},
	{"subscription", "member", N_("subscriptions")},
	{"transfer", "\"from\"", N_("staff transfers from it")},
	{"transfer", "\"to\"", N_("staff transfers to it")},
	{"agreement_party", "member", N_("agreement parties")},
	{"advance", "member", N_("issued advances")},
	{NULL, NULL, NULL},
};

const vb_entity ent_member = {
	.name = N_("member"), .plural = "members", .table = "member",
	.fields = member_fields, .nfields = sizeof member_fields / sizeof member_fields[0],
	.check = member_check, .before_remove = member_before_remove, .refs = member_refs,
	.referred_hint = N_("a member that leaves gets a left date and status former instead"),
};

/* ---------------------------------------------------------------- figure */

static const vb_field figure_fields[] = {
	FIGURE_FIELDS(VB_FIELD_ROW)
};

const vb_entity ent_figure = {
	.name = N_("figure"), .plural = "figures", .table = "figure",
	.fields = figure_fields, .nfields = sizeof figure_fields / sizeof figure_fields[0],
};

/* --------------------------------------------------------------- service */

static const vb_field service_fields[] = {
	SERVICE_FIELDS(VB_FIELD_ROW)
};

static const vb_referrer service_refs[] = {
	{"cost", "service", N_("costs")},
	{"subscription", "service", N_("subscriptions")},
	{"grant_fund", "service", N_("grants")},
	{NULL, NULL, NULL},
};

const vb_entity ent_service = {
	.name = N_("service"), .plural = "services", .table = "service",
	.fields = service_fields, .nfields = sizeof service_fields / sizeof service_fields[0],
	.refs = service_refs,
};

/* ------------------------------------------------------------------ cost */

static const vb_field cost_fields[] = {
	COST_FIELDS(VB_FIELD_ROW)
};

const vb_entity ent_cost = {
	.name = N_("cost"), .plural = "costs", .table = "cost",
	.fields = cost_fields, .nfields = sizeof cost_fields / sizeof cost_fields[0],
};

/* ---------------------------------------------------------- subscription */

static const vb_field subscription_fields[] = {
	SUBSCRIPTION_FIELDS(VB_FIELD_ROW)
};

static int
subscription_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	static const char overlap[] =
		"SELECT \"from\", \"until\" FROM subscription WHERE member = ?1 AND service = ?2 "
		"AND \"from\" <> ?3 AND (\"until\" IS NULL OR \"until\" >= ?3) "
		"AND (?4 IS NULL OR \"from\" <= ?4)";
	(void)old;
	const vb_val *from = &r->v[SU_FROM], *until = &r->v[SU_UNTIL];
	if (!until->null && strcmp(until->s, from->s) < 0)
		return err_set(err, VB_EFAIL, _("subscription: until (%s) is before from (%s)"),
			       until->s, from->s);
	sqlite3_stmt *st = db_prep(db, overlap, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[SU_MEMBER].s);
	db_bind_text(st, 2, r->v[SU_SERVICE].s);
	db_bind_text(st, 3, from->s);
	db_bind_text(st, 4, until->null ? NULL : until->s);
	int rc = db_step(db, st, err);
	if (rc == SQLITE_ROW) {
		const char *u = db_col_text(st, 1);
		err_set(err, VB_EFAIL,
			_("member '%s' already subscribes to '%s' from %s until %s; periods must not overlap"),
			r->v[SU_MEMBER].s, r->v[SU_SERVICE].s, db_col_text(st, 0), u ? u : _("open end"));
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

const vb_entity ent_subscription = {
	.name = N_("subscription"), .plural = "subscriptions", .table = "subscription",
	.fields = subscription_fields, .nfields = sizeof subscription_fields / sizeof subscription_fields[0],
	.check = subscription_check,
};

/* ----------------------------------------------------------------- grant */

static const vb_field grant_fields[] = {
	GRANT_FIELDS(VB_FIELD_ROW)
};

static int
grant_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	(void)db, (void)old;
	if (strcmp(r->v[GR_UNTIL].s, r->v[GR_FROM].s) < 0)
		return err_set(err, VB_EFAIL, _("grant '%s': until (%s) is before from (%s)"),
			       r->v[GR_CODE].s, r->v[GR_UNTIL].s, r->v[GR_FROM].s);
	return 0;
}

const vb_entity ent_grant = {
	.name = N_("grant"), .plural = "grants", .table = "grant_fund",
	.fields = grant_fields, .nfields = sizeof grant_fields / sizeof grant_fields[0],
	.check = grant_check,
};

/* -------------------------------------------------------------- transfer */

static const vb_field transfer_fields[] = {
	TRANSFER_FIELDS(VB_FIELD_ROW)
};

static int
transfer_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	(void)db, (void)old;
	if (strcmp(r->v[TR_FROM].s, r->v[TR_TO].s) == 0)
		return err_set(err, VB_EFAIL, _("transfer: from and to are the same member '%s'"),
			       r->v[TR_FROM].s);
	vb_date date;
	if (date_parse(r->v[TR_DATE].s, &date) == 0 &&
	    !date_term_fits(date, (int)r->v[TR_YEARS].i))
		return err_set(err, VB_EFAIL, _("transfer: a credit of %lld years from %s ends after 9999-12-31"),
			       (long long)r->v[TR_YEARS].i, r->v[TR_DATE].s);
	return 0;
}

const vb_entity ent_transfer = {
	.name = N_("transfer"), .plural = "transfers", .table = "transfer",
	.fields = transfer_fields, .nfields = sizeof transfer_fields / sizeof transfer_fields[0],
	.check = transfer_check,
};

const vb_entity *const vb_entities[] = {
	&ent_member, &ent_key, &ent_service, &ent_figure, &ent_cost, &ent_subscription,
	&ent_grant, &ent_transfer, &ent_agreement, &ent_version, &ent_signature, NULL,
};
