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


static const vb_field member_fields[] = {
	MEMBER_FIELDS(VB_FIELD_ROW)
};


/* 1 when a member other than code is the host, 0 when none, -1. */
static int
other_host(vb_db *db, const char *code, vb_err *err)
{
	static const char sql[] = "SELECT 1 FROM member WHERE host = 1 AND code <> ?1";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(db, st, err);
	db_end(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

/* 1 when members other than code exist, 0 when none, -1. */
static int
other_members(vb_db *db, const char *code, vb_err *err)
{
	static const char sql[] = "SELECT 1 FROM member WHERE code <> ?1 LIMIT 1";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(db, st, err);
	db_end(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

/* Dates in order; the host stays the host until another member takes
 * the role; the first member becomes the host. */
static int
member_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	if (!r->v[MB_JOINED].null && !r->v[MB_LEFT].null &&
	    strcmp(r->v[MB_LEFT].s, r->v[MB_JOINED].s) < 0)
		return err_set_field(err, MB_LEFT, VB_EFAIL, _("member '%s': left (%s) is before joined (%s)"),
			       r->v[MB_CODE].s, r->v[MB_LEFT].s, r->v[MB_JOINED].s);
	if (r->v[MB_HOST].i)
		return 0;
	if (old && old->v[MB_HOST].i) {
		/* an import may name the new host in a later line: it checks
		 * the rule once the whole file is written */
		if (flags & VB_W_IMPORT)
			return 0;
		return err_set(err, VB_EFAIL,
			       _("member '%s' is the host; there must always be one: give the role to another member with --host"),
			       r->v[MB_CODE].s);
	}
	/* the first member is the host (in an import: the first of an
	 * empty file; later ones wait for the import's own check) */
	int rc = flags & VB_W_IMPORT ? other_members(db, r->v[MB_CODE].s, err)
				     : other_host(db, r->v[MB_CODE].s, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		val_set_int(&r->v[MB_HOST], 1);
	return 0;
}

/* --host moves the role: the previous host is written (and logged)
 * without it before this member takes it. */
static int
member_move_host(vb_db *db, const vb_rec *r, const vb_rec *old, vb_changes *ch, vb_err *err)
{
	vb_rec filter, *hosts;
	size_t n;
	(void)old;
	if (!r->v[MB_HOST].i)
		return 0;
	rec_init(&filter, &ent_member);
	val_set_int(&filter.v[MB_HOST], 1);
	filter.set[MB_HOST] = 1;
	int rc = ent_fetch(db, &ent_member, &filter, &hosts, &n, err);
	rec_free(&filter);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (strcmp(hosts[i].v[MB_CODE].s, r->v[MB_CODE].s) == 0)
			continue;
		vb_rec was;
		rec_copy(&was, &hosts[i]);
		val_set_int(&hosts[i].v[MB_HOST], 0);
		rc = ent_put(db, &was, &hosts[i], ch, err);
		rec_free(&was);
	}
	recs_free(hosts, n);
	return rc;
}

static int
member_before_remove(vb_db *db, const vb_rec *old, vb_err *err)
{
	static const char others[] = "SELECT count(*) FROM member WHERE code <> ?1";
	if (!old->v[MB_HOST].i)
		return 0;
	sqlite3_stmt *st = db_prep(db, others, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, old->v[MB_CODE].s);
	if (db_step(db, st, err) != SQLITE_ROW)
		return -1;
	int n = sqlite3_column_int(st, 0);
	db_end(st);
	if (n > 0)
		return err_set(err, VB_EFAIL,
			       _("member '%s' is the host; give the role to another member (member set CODE --host) first"),
			       old->v[MB_CODE].s);
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
	.validate = member_validate, .before_write = member_move_host,
	.before_remove = member_before_remove, .refs = member_refs,
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
subscription_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	static const char overlap[] =
		"SELECT \"from\", \"until\" FROM subscription WHERE member = ?1 AND service = ?2 "
		"AND \"from\" <> ?3 AND (\"until\" IS NULL OR \"until\" >= ?3) "
		"AND (?4 IS NULL OR \"from\" <= ?4)";
	(void)old, (void)flags;
	const vb_val *from = &r->v[SU_FROM], *until = &r->v[SU_UNTIL];
	if (!until->null && strcmp(until->s, from->s) < 0)
		return err_set_field(err, SU_UNTIL, VB_EFAIL, _("subscription: until (%s) is before from (%s)"),
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
		db_end(st);
		return -1;
	}
	db_end(st);
	return rc < 0 ? -1 : 0;
}

const vb_entity ent_subscription = {
	.name = N_("subscription"), .plural = "subscriptions", .table = "subscription",
	.fields = subscription_fields, .nfields = sizeof subscription_fields / sizeof subscription_fields[0],
	.validate = subscription_validate,
};

/* ----------------------------------------------------------------- grant */

static const vb_field grant_fields[] = {
	GRANT_FIELDS(VB_FIELD_ROW)
};

static int
grant_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	(void)db, (void)old, (void)flags;
	if (strcmp(r->v[GR_UNTIL].s, r->v[GR_FROM].s) < 0)
		return err_set_field(err, GR_UNTIL, VB_EFAIL, _("grant '%s': until (%s) is before from (%s)"),
			       r->v[GR_CODE].s, r->v[GR_UNTIL].s, r->v[GR_FROM].s);
	return 0;
}

const vb_entity ent_grant = {
	.name = N_("grant"), .plural = "grants", .table = "grant_fund",
	.fields = grant_fields, .nfields = sizeof grant_fields / sizeof grant_fields[0],
	.validate = grant_validate,
};

/* -------------------------------------------------------------- transfer */

static const vb_field transfer_fields[] = {
	TRANSFER_FIELDS(VB_FIELD_ROW)
};

static int
transfer_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	(void)db, (void)old, (void)flags;
	if (strcmp(r->v[TR_FROM].s, r->v[TR_TO].s) == 0)
		return err_set_field(err, TR_TO, VB_EFAIL, _("transfer: from and to are the same member '%s'"),
			       r->v[TR_FROM].s);
	if (r->v[TR_CREDIT].i <= 0)
		return err_set_field(err, TR_CREDIT, VB_EFAIL, _("transfer: the credit must be above 0"));
	vb_date date;
	if (date_parse(r->v[TR_DATE].s, &date) == 0 &&
	    !date_term_fits(date, (int)r->v[TR_YEARS].i))
		return err_set_field(err, TR_YEARS, VB_EFAIL, P_("transfer: a credit of %lld year from %s ends after 9999-12-31",
					     "transfer: a credit of %lld years from %s ends after 9999-12-31",
					     (unsigned long)r->v[TR_YEARS].i),
			       (long long)r->v[TR_YEARS].i, r->v[TR_DATE].s);
	return 0;
}

const vb_entity ent_transfer = {
	.name = N_("transfer"), .plural = "transfers", .table = "transfer",
	.fields = transfer_fields, .nfields = sizeof transfer_fields / sizeof transfer_fields[0],
	.validate = transfer_validate,
};

const vb_entity *const vb_entities[] = {
	&ent_member, &ent_key, &ent_service, &ent_figure, &ent_cost, &ent_subscription,
	&ent_grant, &ent_transfer, &ent_agreement, &ent_version, &ent_signature, NULL,
};
