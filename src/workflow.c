/* The office's questions answered as tables: agreement status on a
 * day, the deadlines, the audit log (the consistency check is in
 * src/check.c). */
#include "config.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "allocdb.h"
#include "entity.h"
#include "i18n.h"

vb_date
workflow_today(void)
{
	char now[32];
	vb_date d;
	db_now(now);
	now[10] = '\0';
	if (date_parse(now, &d) == 0)
		return d;
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
log_rows(vb_db *db, const char *since, const char *entity, const char *code, out_table *t, vb_err *err)
{
	static const char sql[] =
		"SELECT time, user, action, entity, code, before, after FROM vb_audit_entry "
		"WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR entity = ?2) "
		"AND (?3 IS NULL OR code = ?3 OR code LIKE ?3 || '/%') ORDER BY id, k";
	static const char *const cols[] = {"time", "user", "action", "entity", "code", "before", "after"};
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, since);
	db_bind_text(st, 2, entity);
	db_bind_text(st, 3, code);
	for (int c = 0; c < 7; c++)
		out_col(t, cols[c], c == 0 ? CT_RAW : c >= 5 ? CT_JSON : CT_TEXT);
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		out_row(t);
		for (int c = 0; c < 7; c++)
			out_text(t, c, db_col_text(st, c));
	}
	return rc < 0 ? -1 : 0;
}

out_table *
log_table(vb_db *db, const char *since, const char *entity, const char *code, vb_err *err)
{
	out_table *t = out_new();
	if (log_rows(db, since, entity, code, t, err) < 0) {
		out_free(t);
		return NULL;
	}
	return t;
}

/* ------------------------------------------------------------ agreements */

const char *
ver_status_name(int status)
{
	static const char *const names[] = {"draft", "awaiting signatures", "signed", "in force",
					    "expired", "superseded"};
	return status >= 0 && status <= VS_SUPERSEDED ? names[status] : "?";
}

int
member_active_on(const char *joined, const char *left, vb_date on)
{
	vb_date j, l;
	if (!joined || date_parse(joined, &j) < 0 || j > on)
		return 0;
	return !left || date_parse(left, &l) < 0 || l >= on;
}

static vb_date
parse_or(const char *s, vb_date dflt)
{
	vb_date d;
	return s && date_parse(s, &d) == 0 ? d : dflt;
}

static void
derive_status(ver_info *v, vb_date on)
{
	if (v->nsigned == 0)
		v->status = VS_DRAFT;
	else if (v->nsigned < v->nparties)
		v->status = VS_AWAITING;
	else if (on < v->from)
		v->status = VS_SIGNED;
	else if (!v->has_until || on <= v->until)
		v->status = VS_IN_FORCE;
	else
		v->status = VS_EXPIRED;
}

int
versions_on(vb_db *db, const char *agreement, vb_date on, ver_info **out, size_t *n, vb_err *err)
{
	static const char sql[] =
		"SELECT v.agreement, a.title, v.number, v.\"from\", v.\"until\", v.term_years, v.notice_months, "
		" (SELECT count(*) FROM agreement_party p WHERE p.agreement = v.agreement AND p.number = v.number), "
		" (SELECT count(*) FROM signature s WHERE s.agreement = v.agreement AND s.number = v.number AND s.date <= ?2), "
		" (SELECT group_concat(member, ',') FROM (SELECT p.member FROM agreement_party p "
		"   WHERE p.agreement = v.agreement AND p.number = v.number AND NOT EXISTS "
		"   (SELECT 1 FROM signature s WHERE s.agreement = p.agreement AND s.number = p.number "
		"    AND s.member = p.member AND s.date <= ?2) ORDER BY p.pos)), "
		" (SELECT max(date) FROM signature s WHERE s.agreement = v.agreement AND s.number = v.number AND s.date <= ?2) "
		"FROM agreement_version v JOIN agreement a ON a.code = v.agreement "
		"WHERE (?1 IS NULL OR v.agreement = ?1) ORDER BY v.agreement, v.number";
	char onbuf[VB_DATE_BUFSZ];
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, agreement);
	db_bind_text(st, 2, date_format(on, onbuf));
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		ver_info *v = &(*out)[(*n)++];
		memset(v, 0, sizeof *v);
		v->agreement = xstrdup(db_col_text(st, 0));
		v->title = xstrdup(db_col_text(st, 1));
		v->number = sqlite3_column_int(st, 2);
		v->from = parse_or(db_col_text(st, 3), 0);
		if (db_col_text(st, 4)) {
			v->until = parse_or(db_col_text(st, 4), 0);
			v->has_until = 1;
		} else if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			v->until = date_anniversary(v->from, sqlite3_column_int(st, 5)) - 1;
			v->has_until = 1;
		}
		v->notice_months = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6);
		v->nparties = sqlite3_column_int(st, 7);
		v->nsigned = sqlite3_column_int(st, 8);
		v->missing = db_col_text(st, 9) ? xstrdup(db_col_text(st, 9)) : NULL;
		v->signed_on = parse_or(db_col_text(st, 10), 0);
		derive_status(v, on);
	}
	if (rc < 0) {
		versions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	/* a version that has come into force supersedes the earlier ones */
	for (size_t i = 0; i < *n; i++) {
		ver_info *v = &(*out)[i];
		if (v->status != VS_IN_FORCE && v->status != VS_EXPIRED)
			continue;
		for (size_t k = 0; k < *n; k++) {
			ver_info *o = &(*out)[k];
			if (strcmp(o->agreement, v->agreement) == 0 && o->number < v->number &&
			    o->status != VS_DRAFT && o->status != VS_AWAITING)
				o->status = VS_SUPERSEDED;
		}
	}
	return 0;
}

void
versions_free(ver_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].agreement);
		free(v[i].title);
		free(v[i].missing);
	}
	free(v);
}

/* ------------------------------------------------------------- deadlines */

typedef struct dl_item {
	vb_date date;
	char *kind, *ref, *desc;
} dl_item;

typedef struct dl_list {
	dl_item *items;
	size_t n, cap;
	vb_date on, last;
} dl_list;

static void
dl_add(dl_list *l, vb_date date, int overdue_ok, const char *kind, const char *ref, const char *desc)
{
	if (date > l->last || (date < l->on && !overdue_ok))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->n++] = (dl_item){date, xstrdup(kind), xstrdup(ref), xstrdup(desc)};
}

static int
dl_cmp(const void *pa, const void *pb)
{
	const dl_item *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	int c = strcmp(a->kind, b->kind);
	return c ? c : strcmp(a->ref, b->ref);
}

static void
dl_versions(dl_list *l, const ver_info *v, size_t n)
{
	char ref[128], desc[512], d1[VB_DATE_BUFSZ];
	for (size_t i = 0; i < n; i++) {
		const ver_info *x = &v[i];
		if (x->status == VS_SUPERSEDED || x->status == VS_EXPIRED)
			continue;
		snprintf(ref, sizeof ref, "%s/%d", x->agreement, x->number);
		if (x->has_until && x->notice_months >= 0) {
			snprintf(desc, sizeof desc,
				 P_("last day to give notice on '%s' version %d (ends %s, %d month's notice)",
				    "last day to give notice on '%s' version %d (ends %s, %d months' notice)",
				    (unsigned long)x->notice_months),
				 x->title, x->number, date_format(x->until, d1), x->notice_months);
			dl_add(l, date_add_months(x->until, -x->notice_months), 0, "notice", ref, desc);
		}
		if (x->has_until) {
			snprintf(desc, sizeof desc, _("'%s' version %d ends"), x->title, x->number);
			dl_add(l, x->until, 0, "version-ends", ref, desc);
		}
		vb_list miss;
		if ((x->status == VS_DRAFT || x->status == VS_AWAITING) && x->missing &&
		    vlist_parse(x->missing, 0, &miss, NULL) == 0) {
			for (size_t k = 0; k < miss.n; k++) {
				const char *m = miss.item[k].code;
				char r2[192];
				snprintf(r2, sizeof r2, "%s/%s", ref, m);
				snprintf(desc, sizeof desc, _("'%s' has not signed '%s' version %d (in force from %s)"),
					 m, x->title, x->number, date_format(x->from, d1));
				dl_add(l, x->from, 1, "signature", r2, desc);
			}
			vlist_free(&miss);
		}
	}
}

static int
dl_records(vb_db *db, dl_list *l, vb_err *err)
{
	static const char transfers[] = "SELECT id, person, \"from\", \"to\", date, years FROM transfer";
	static const char grants[] = "SELECT code, name, \"until\", source FROM grant_fund";
	static const char members[] = "SELECT code, name, \"left\" FROM member WHERE \"left\" IS NOT NULL";
	char ref[64], desc[512];
	int rc;
	sqlite3_stmt *st = db_prep(db, transfers, err);
	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		int years = sqlite3_column_int(st, 5);
		if (years <= 0)
			continue;
		vb_date end = date_anniversary(parse_or(db_col_text(st, 4), 0), years) - 1;
		snprintf(ref, sizeof ref, "transfer/%lld", (long long)sqlite3_column_int64(st, 0));
		snprintf(desc, sizeof desc, _("staff-transfer credit for %s (%s to %s) ends"),
			 db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		dl_add(l, end, 0, "credit-ends", ref, desc);
	}
	if (rc < 0 || !(st = db_prep(db, grants, err)))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		snprintf(ref, sizeof ref, "grant/%s", db_col_text(st, 0));
		snprintf(desc, sizeof desc, _("grant period of '%s'%s%s ends"), db_col_text(st, 1),
			 db_col_text(st, 3) ? _(" from ") : "", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		dl_add(l, parse_or(db_col_text(st, 2), 0), 0, "grant-ends", ref, desc);
	}
	if (rc < 0 || !(st = db_prep(db, members, err)))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		snprintf(ref, sizeof ref, "member/%s", db_col_text(st, 0));
		snprintf(desc, sizeof desc, _("last day on which '%s' shares costs"), db_col_text(st, 1));
		dl_add(l, parse_or(db_col_text(st, 2), 0), 0, "member-leaves", ref, desc);
	}
	return rc < 0 ? -1 : 0;
}

out_table *
deadlines_table(vb_db *db, vb_date on, int within, vb_err *err)
{
	dl_list l = {NULL, 0, 0, on, on + within};
	ver_info *v;
	size_t nv;
	if (versions_on(db, NULL, on, &v, &nv, err) < 0)
		return NULL;
	dl_versions(&l, v, nv);
	versions_free(v, nv);
	out_table *t = NULL;
	if (dl_records(db, &l, err) == 0) {
		if (l.n > 1)
			qsort(l.items, l.n, sizeof *l.items, dl_cmp);
		t = out_new();
		out_col(t, "date", CT_DATE);
		out_col(t, "days", CT_INT);
		out_col(t, "kind", CT_TEXT);
		out_col(t, "ref", CT_TEXT);
		out_col(t, "description", CT_TEXT);
		for (size_t i = 0; i < l.n; i++) {
			char d[VB_DATE_BUFSZ];
			out_row(t);
			out_text(t, 0, date_format(l.items[i].date, d));
			out_int(t, 1, l.items[i].date - on);
			out_text(t, 2, l.items[i].kind);
			out_text(t, 3, l.items[i].ref);
			out_text(t, 4, l.items[i].desc);
		}
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.items[i].kind);
		free(l.items[i].ref);
		free(l.items[i].desc);
	}
	free(l.items);
	return t;
}
