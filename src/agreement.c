/* Agreements: a version's status on a day from its dates and
 * signatures, and the versions of an agreement read with their parties. */
#include "config.h"
#include "agreement.h"
#include "date.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "suggest.h"

static const char *const agreement_types[] = {"zweckvereinbarung", "oerv", "absichtserklaerung",
					      "kooperationsvertrag", "other", NULL};

static const vb_field agreement_fields[] = {
	AGREEMENT_FIELDS(VB_FIELD_ROW)
};

static const vb_entity *const agreement_cascade[] = {&ent_signature, &ent_version, NULL};

const vb_entity ent_agreement = {
	.name = N_("agreement"), .plural = "agreements", .table = "agreement",
	.fields = agreement_fields, .nfields = sizeof agreement_fields / sizeof agreement_fields[0],
	.cascade = agreement_cascade,
};

static const vb_field version_fields[] = {
	VERSION_FIELDS(VB_FIELD_ROW)
};

static int
version_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	(void)db, (void)old, (void)flags;
	if (!r->v[AV_UNTIL].null && strcmp(r->v[AV_UNTIL].s, r->v[AV_FROM].s) < 0)
		return err_set(err, VB_EFAIL, _("agreement '%s' version %lld: until (%s) is before from (%s)"),
			       r->v[AV_AGREEMENT].s, (long long)r->v[AV_NUMBER].i, r->v[AV_UNTIL].s,
			       r->v[AV_FROM].s);
	vb_date from;
	if (!r->v[AV_TERM].null && date_parse(r->v[AV_FROM].s, &from) == 0 &&
	    !date_term_fits(from, (int)r->v[AV_TERM].i))
		return err_set(err, VB_EFAIL,
			       P_("agreement '%s' version %lld: a term of %lld year from %s ends after 9999-12-31",
				  "agreement '%s' version %lld: a term of %lld years from %s ends after 9999-12-31",
				  (unsigned long)r->v[AV_TERM].i),
			       r->v[AV_AGREEMENT].s, (long long)r->v[AV_NUMBER].i, (long long)r->v[AV_TERM].i,
			       r->v[AV_FROM].s);
	return 0;
}

/* 1 when code is an item of the comma-separated list. */
static int
listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/* The signatures of version r by members no longer among its parties:
 * the database removes them with the party; they are recorded first. */
static int
dropped_signatures(vb_db *db, const vb_rec *r, vb_changes *ch, vb_err *err)
{
	vb_rec filter, *sigs;
	size_t n;
	rec_init(&filter, &ent_signature);
	val_set_text(&filter.v[AS_AGREEMENT], r->v[AV_AGREEMENT].s);
	val_set_int(&filter.v[AS_NUMBER], r->v[AV_NUMBER].i);
	filter.set[AS_AGREEMENT] = filter.set[AS_NUMBER] = 1;
	int rc = ent_fetch(db, &ent_signature, &filter, &sigs, &n, err);
	rec_free(&filter);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!listed(r->v[AV_PARTIES].s, sigs[i].v[AS_MEMBER].s))
			changes_push(ch, CH_REMOVE, &sigs[i], NULL);
	recs_free(sigs, n);
	return 0;
}

/* Parties: removed ones go (with their signatures), new ones are added,
 * the order is kept. */
static int
version_write_parties(vb_db *db, const vb_rec *r, const vb_rec *old, vb_changes *ch, vb_err *err)
{
	static const char del[] =
		"DELETE FROM agreement_party WHERE agreement = ?1 AND number = ?2 "
		"AND ',' || ?3 || ',' NOT LIKE '%,' || member || ',%'";
	static const char ins[] =
		"INSERT INTO agreement_party(agreement, number, member, pos) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT(agreement, number, member) DO UPDATE SET pos = excluded.pos";
	if (old && dropped_signatures(db, r, ch, err) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(db, del, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[AV_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AV_NUMBER].i);
	db_bind_text(st, 3, r->v[AV_PARTIES].s);
	if (db_step(db, st, err) < 0)
		return -1;
	vb_list l;
	if (vlist_parse(r->v[AV_PARTIES].s, 0, &l, err) < 0)
		return -1;
	int pos = 0, rc = 0;
	for (size_t i = 0; i < l.n && !rc; i++) {
		const char *t = l.item[i].code;
		if (!(st = db_prep(db, ins, err))) {
			rc = -1;
			break;
		}
		db_bind_text(st, 1, r->v[AV_AGREEMENT].s);
		db_bind_int(st, 2, r->v[AV_NUMBER].i);
		db_bind_text(st, 3, t);
		db_bind_int(st, 4, pos++);
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_end(st);
			rc = err_set(err, VB_EFAIL, _("parties: there is no member '%s'"), t);
			suggest_append(db, &ent_member, t, err);
		}
	}
	vlist_free(&l);
	return rc;
}

static int
version_load_extra(vb_db *db, vb_rec *r, vb_err *err)
{
	static const char sql[] =
		"SELECT member FROM agreement_party WHERE agreement = ?1 AND number = ?2 ORDER BY pos";
	sbuf b;
	sb_init(&b);
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[AV_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AV_NUMBER].i);
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		sb_printf(&b, "%s%s", b.len ? "," : "", db_col_text(st, 0));
	/* never half the parties: the next edit would write them back */
	if (rc < 0) {
		sb_free(&b);
		return -1;
	}
	val_set_text(&r->v[AV_PARTIES], b.len ? b.s : NULL);
	sb_free(&b);
	return 0;
}

static const vb_entity *const version_cascade[] = {&ent_signature, NULL};

const vb_entity ent_version = {
	.name = N_("version"), .plural = "versions", .table = "agreement_version",
	.fields = version_fields, .nfields = sizeof version_fields / sizeof version_fields[0],
	.validate = version_validate, .write_lists = version_write_parties,
	.cascade = version_cascade, .load_extra = version_load_extra,
};

static const vb_field signature_fields[] = {
	SIGNATURE_FIELDS(VB_FIELD_ROW)
};

static int
signature_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	static const char agreement[] = "SELECT 1 FROM agreement WHERE code = ?1";
	static const char version[] = "SELECT 1 FROM agreement_version WHERE agreement = ?1 AND number = ?2";
	sqlite3_stmt *ag = db_prep(db, agreement, err);
	if (!ag)
		return -1;
	db_bind_text(ag, 1, r->v[AS_AGREEMENT].s);
	int found = db_step(db, ag, err);
	db_end(ag);
	if (found < 0)
		return -1;
	if (found != SQLITE_ROW)
		return err_set(err, VB_EFAIL, _("there is no agreement '%s'"), r->v[AS_AGREEMENT].s),
		       suggest_append(db, &ent_agreement, r->v[AS_AGREEMENT].s, err);
	static const char party[] =
		"SELECT 1 FROM agreement_party WHERE agreement = ?1 AND number = ?2 AND member = ?3";
	(void)old, (void)flags;
	sqlite3_stmt *st = db_prep(db, version, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[AS_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AS_NUMBER].i);
	int rc = db_step(db, st, err);
	db_end(st);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW)
		return err_set(err, VB_EFAIL, _("agreement '%s' has no version %lld"),
			       r->v[AS_AGREEMENT].s, (long long)r->v[AS_NUMBER].i);
	if (!(st = db_prep(db, party, err)))
		return -1;
	db_bind_text(st, 1, r->v[AS_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AS_NUMBER].i);
	db_bind_text(st, 3, r->v[AS_MEMBER].s);
	rc = db_step(db, st, err);
	db_end(st);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW)
		return err_set(err, VB_EFAIL, _("member '%s' is not a party of agreement '%s' version %lld"),
			       r->v[AS_MEMBER].s, r->v[AS_AGREEMENT].s, (long long)r->v[AS_NUMBER].i);
	return 0;
}

const vb_entity ent_signature = {
	.name = N_("signature"), .plural = "signatures", .table = "signature",
	.fields = signature_fields, .nfields = sizeof signature_fields / sizeof signature_fields[0],
	.validate = signature_validate,
};

int
agreement_next_version(vb_db *db, const char *code, int64_t *out, vb_err *err)
{
	static const char sql[] =
		"SELECT coalesce(max(number), 0) + 1 FROM agreement_version WHERE agreement = ?1";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	if (db_step(db, st, err) != SQLITE_ROW)
		return -1;
	*out = sqlite3_column_int64(st, 0);
	db_end(st);
	return 0;
}
