/* Agreements: a version's status on a day from its dates and
 * signatures, and the versions of an agreement read with their parties. */
#include "config.h"
#include "agreement.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const agreement_types[] = {"zweckvereinbarung", "oerv", "absichtserklaerung",
					      "kooperationsvertrag", "other", NULL};

static const vb_field agreement_fields[] = {
	{"code", "code", FT_CODE, FF_KEY | FF_REQ, NULL, NULL, NULL, 0, 0, N_("unique code"), NULL},
	{"title", "title", FT_TEXT, FF_REQ, NULL, NULL, NULL, 0, 200, N_("title"), NULL},
	{"type", "type", FT_CHOICE, FF_REQ, agreement_types, "zweckvereinbarung", NULL, 0, 0, N_("legal form"), NULL},
	{"notes", "notes", FT_NOTES, 0, NULL, NULL, NULL, 0, 0, N_("notes"), NULL},
};

const vb_entity ent_agreement = {
	.name = N_("agreement"), .plural = "agreements", .table = "agreement",
	.fields = agreement_fields, .nfields = sizeof agreement_fields / sizeof agreement_fields[0],
};

static const vb_field version_fields[] = {
	{"agreement", "agreement", FT_REF, FF_KEY | FF_REQ, NULL, NULL, "agreement", 0, 0, N_("agreement"), NULL},
	{"number", "number", FT_INT, FF_KEY | FF_REQ, NULL, NULL, NULL, 1, 9999, N_("version number"), NULL},
	{"from", "\"from\"", FT_DATE, FF_REQ, NULL, NULL, NULL, 0, 0, N_("in force from"), NULL},
	{"until", "\"until\"", FT_DATE, 0, NULL, NULL, NULL, 0, 0, N_("last day in force (empty: term or open)"), NULL},
	{"term_years", "term_years", FT_INT, 0, NULL, NULL, NULL, 1, 100, N_("term in years"), "term"},
	{"notice_months", "notice_months", FT_INT, 0, NULL, NULL, NULL, 0, 120, N_("notice period in months"), "notice"},
	{"text", "text", FT_TEXT, 0, NULL, NULL, NULL, 0, 1000, N_("path or URL of the text"), NULL},
	{"parties", NULL, FT_LIST, FF_REQ, NULL, NULL, "member", 0, 0, N_("members that must sign"), NULL},
};

static int
version_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	(void)db, (void)old;
	if (!r->v[AV_UNTIL].null && strcmp(r->v[AV_UNTIL].s, r->v[AV_FROM].s) < 0)
		return err_set(err, VB_EFAIL, _("agreement '%s' version %lld: until (%s) is before from (%s)"),
			       r->v[AV_AGREEMENT].s, (long long)r->v[AV_NUMBER].i, r->v[AV_UNTIL].s,
			       r->v[AV_FROM].s);
	return 0;
}

/* Parties: removed ones go (with their signatures), new ones are added,
 * the order is kept. */
static int
version_after(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	static const char del[] =
		"DELETE FROM agreement_party WHERE agreement = ?1 AND number = ?2 "
		"AND ',' || ?3 || ',' NOT LIKE '%,' || member || ',%'";
	static const char ins[] =
		"INSERT INTO agreement_party(agreement, number, member, pos) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT(agreement, number, member) DO UPDATE SET pos = excluded.pos";
	(void)old;
	sqlite3_stmt *st = db_prep(db, del, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[AV_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AV_NUMBER].i);
	db_bind_text(st, 3, r->v[AV_PARTIES].s);
	if (db_step(db, st, err) < 0)
		return -1;
	char *copy = xstrdup(r->v[AV_PARTIES].s), *save = NULL;
	int pos = 0, rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
		if (!(st = db_prep(db, ins, err))) {
			rc = -1;
			break;
		}
		db_bind_text(st, 1, r->v[AV_AGREEMENT].s);
		db_bind_int(st, 2, r->v[AV_NUMBER].i);
		db_bind_text(st, 3, t);
		db_bind_int(st, 4, pos++);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			rc = err_set(err, VB_EFAIL, _("parties: there is no member '%s'"), t);
		}
	}
	free(copy);
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
	while (db_step(db, st, err) == SQLITE_ROW)
		sb_printf(&b, "%s%s", b.len ? "," : "", db_col_text(st, 0));
	sqlite3_reset(st);
	val_set_text(&r->v[AV_PARTIES], b.len ? b.s : NULL);
	sb_free(&b);
	return 0;
}

const vb_entity ent_version = {
	.name = N_("version"), .plural = "versions", .table = "agreement_version",
	.fields = version_fields, .nfields = sizeof version_fields / sizeof version_fields[0],
	.check = version_check, .after = version_after, .load_extra = version_load_extra,
};

static const vb_field signature_fields[] = {
	{"agreement", "agreement", FT_REF, FF_KEY | FF_REQ, NULL, NULL, "agreement", 0, 0, N_("agreement"), NULL},
	{"number", "number", FT_INT, FF_KEY | FF_REQ, NULL, NULL, NULL, 1, 9999, N_("version number"), NULL},
	{"member", "member", FT_REF, FF_KEY | FF_REQ, NULL, NULL, "member", 0, 0, N_("signing party"), NULL},
	{"signatory", "signatory", FT_TEXT, FF_REQ, NULL, NULL, NULL, 0, 200, N_("name of the person who signed"), "by"},
	{"role", "role", FT_TEXT, 0, NULL, NULL, NULL, 0, 200, N_("role, e.g. Landrat"), NULL},
	{"date", "date", FT_DATE, FF_REQ, NULL, NULL, NULL, 0, 0, N_("date of signature"), NULL},
};

static int
signature_check(vb_db *db, vb_rec *r, const vb_rec *old, vb_err *err)
{
	static const char agreement[] = "SELECT 1 FROM agreement WHERE code = ?1";
	static const char version[] = "SELECT 1 FROM agreement_version WHERE agreement = ?1 AND number = ?2";
	sqlite3_stmt *ag = db_prep(db, agreement, err);
	if (!ag)
		return -1;
	db_bind_text(ag, 1, r->v[AS_AGREEMENT].s);
	int found = db_step(db, ag, err);
	sqlite3_reset(ag);
	if (found < 0)
		return -1;
	if (found != SQLITE_ROW)
		return err_set(err, VB_EFAIL, _("there is no agreement '%s'"), r->v[AS_AGREEMENT].s);
	static const char party[] =
		"SELECT 1 FROM agreement_party WHERE agreement = ?1 AND number = ?2 AND member = ?3";
	(void)old;
	sqlite3_stmt *st = db_prep(db, version, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[AS_AGREEMENT].s);
	db_bind_int(st, 2, r->v[AS_NUMBER].i);
	int rc = db_step(db, st, err);
	sqlite3_reset(st);
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
	sqlite3_reset(st);
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
	.check = signature_check,
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
	sqlite3_reset(st);
	return 0;
}
