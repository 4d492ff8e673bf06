/* The office's questions answered as tables: agreement status,
 * deadlines, the consistency check, the audit log. */
#include "config.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "allocdb.h"
#include "dbvalid.h"
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

out_table *
log_table(vb_db *db, const char *since, const char *entity, const char *code, vb_err *err)
{
	static const char sql[] =
		"SELECT time, user, action, entity, code, before, after FROM audit "
		"WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR entity = ?2) "
		"AND (?3 IS NULL OR code = ?3 OR code LIKE ?3 || '/%') ORDER BY id";
	static const char *const cols[] = {"time", "user", "action", "entity", "code", "before", "after"};
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return NULL;
	db_bind_text(st, 1, since);
	db_bind_text(st, 2, entity);
	db_bind_text(st, 3, code);
	out_table *t = out_new();
	for (int c = 0; c < 7; c++)
		out_col(t, cols[c], c == 0 ? CT_RAW : CT_TEXT);
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		out_row(t);
		for (int c = 0; c < 7; c++)
			out_text(t, c, db_col_text(st, c));
	}
	sqlite3_reset(st);
	if (rc < 0) {
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
	sqlite3_reset(st);
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
			snprintf(desc, sizeof desc, _("last day to give notice on '%s' version %d (ends %s, %d months' notice)"),
				 x->title, x->number, date_format(x->until, d1), x->notice_months);
			dl_add(l, date_add_months(x->until, -x->notice_months), 0, "notice", ref, desc);
		}
		if (x->has_until) {
			snprintf(desc, sizeof desc, _("'%s' version %d ends"), x->title, x->number);
			dl_add(l, x->until, 0, "version-ends", ref, desc);
		}
		if ((x->status == VS_DRAFT || x->status == VS_AWAITING) && x->missing) {
			char *copy = xstrdup(x->missing), *save = NULL;
			for (char *m = strtok_r(copy, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
				char r2[192];
				snprintf(r2, sizeof r2, "%s/%s", ref, m);
				snprintf(desc, sizeof desc, _("'%s' has not signed '%s' version %d (in force from %s)"),
					 m, x->title, x->number, date_format(x->from, d1));
				dl_add(l, x->from, 1, "signature", r2, desc);
			}
			free(copy);
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
	sqlite3_reset(st);
	if (rc < 0 || !(st = db_prep(db, grants, err)))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		snprintf(ref, sizeof ref, "grant/%s", db_col_text(st, 0));
		snprintf(desc, sizeof desc, _("grant period of '%s'%s%s ends"), db_col_text(st, 1),
			 db_col_text(st, 3) ? _(" from ") : "", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		dl_add(l, parse_or(db_col_text(st, 2), 0), 0, "grant-ends", ref, desc);
	}
	sqlite3_reset(st);
	if (rc < 0 || !(st = db_prep(db, members, err)))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		snprintf(ref, sizeof ref, "member/%s", db_col_text(st, 0));
		snprintf(desc, sizeof desc, _("last day on which '%s' shares costs"), db_col_text(st, 1));
		dl_add(l, parse_or(db_col_text(st, 2), 0), 0, "member-leaves", ref, desc);
	}
	sqlite3_reset(st);
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

/* ----------------------------------------------------------------- check */

typedef struct chk {
	out_table *t;
	int errors;
	int found;	/* errors found for the basis being checked, repeats included */
} chk;

static void
chk_add(chk *c, int error, const char *entity, const char *code, const char *msg)
{
	c->found += error;
	/* the same finding for plan and actual is reported once */
	for (size_t r = 0; r < c->t->nrows; r++)
		if (strcmp(out_at(c->t, r, 3)->s, msg) == 0 && strcmp(out_at(c->t, r, 2)->s, code) == 0)
			return;
	out_row(c->t);
	out_text(c->t, 0, error ? "error" : "warning");
	out_text(c->t, 1, entity);
	out_text(c->t, 2, code);
	out_text(c->t, 3, msg);
	c->errors += error;
}

typedef struct fig_min {
	size_t member;
	const char *metric;
	int year;	/* the earliest figure */
} fig_min;

static int
fig_min_cmp(const void *pa, const void *pb)
{
	const fig_min *a = pa, *b = pb;
	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	return strcmp(a->metric, b->metric);
}

/* Earliest figure year per member and metric, sorted for lookups. */
static fig_min *
fig_index(const alloc_data *d, size_t *n)
{
	fig_min *f = xcalloc(d->in.n_figures + 1, sizeof *f);
	for (size_t i = 0; i < d->in.n_figures; i++)
		f[i] = (fig_min){d->figures[i].member, d->figures[i].metric, d->figures[i].year};
	if (d->in.n_figures > 1)
		qsort(f, d->in.n_figures, sizeof *f, fig_min_cmp);
	size_t k = 0;
	for (size_t i = 0; i < d->in.n_figures; i++) {
		if (k && fig_min_cmp(&f[k - 1], &f[i]) == 0) {
			if (f[i].year < f[k - 1].year)
				f[k - 1].year = f[i].year;
			continue;
		}
		f[k++] = f[i];
	}
	*n = k;
	return f;
}

static int
member_days(const alloc_data *d, size_t m, size_t s, int year)
{
	vb_date ys = date_year_start(year), ye = date_year_end(year);
	const vb_alloc_member *mm = &d->members[m];
	if (mm->joined == VB_ALLOC_NEVER)
		return 0;
	if (!d->services[s].subscription)
		return date_overlap_days(mm->joined, mm->left, ys, ye);
	int days = 0;
	for (size_t i = 0; i < d->in.n_subs; i++) {
		const vb_alloc_sub *sb = &d->subs[i];
		if (sb->member != m || sb->service != s)
			continue;
		vb_date a = sb->from > mm->joined ? sb->from : mm->joined;
		vb_date b = sb->until < mm->left ? sb->until : mm->left;
		days += date_overlap_days(a, b, ys, ye);
	}
	return days;
}

static int
excluded(const vb_alloc_key *k, size_t m)
{
	for (size_t i = 0; i < k->n_exclude; i++)
		if (k->exclude[i] == m)
			return 1;
	return 0;
}

/* Walks the leaf keys of key k for service s and reports participants
 * without a figure. */
static void
check_key_figures(chk *c, const alloc_data *d, const fig_min *fm, size_t nfm, size_t s, size_t k,
		  const size_t *outer_ex, size_t nouter, int year, int depth)
{
	const vb_alloc_key *key = &d->keys[k];
	char msg[512];
	if (depth > 32)
		return;
	if (key->method == VB_KEY_COMPOSITE) {
		size_t *ex = xcalloc(nouter + key->n_exclude + 1, sizeof *ex);
		memcpy(ex, outer_ex, nouter * sizeof *ex);
		memcpy(ex + nouter, key->exclude, key->n_exclude * sizeof *ex);
		for (size_t p = 0; p < key->n_parts; p++)
			if (key->parts[p].weight > 0)
				check_key_figures(c, d, fm, nfm, s, key->parts[p].key, ex, nouter + key->n_exclude,
						  year, depth + 1);
		free(ex);
		return;
	}
	if (key->method != VB_KEY_METRIC)
		return;
	for (size_t m = 0; m < d->in.n_members; m++) {
		int out = excluded(key, m);
		for (size_t i = 0; i < nouter && !out; i++)
			out = outer_ex[i] == m;
		if (out || member_days(d, m, s, year) <= 0)
			continue;
		fig_min probe = {m, key->metric, 0};
		const fig_min *f = bsearch(&probe, fm, nfm, sizeof *fm, fig_min_cmp);
		if (f && f->year <= year + key->offset)
			continue;
		snprintf(msg, sizeof msg,
			 _("member '%s' has no figure '%s' for %d or earlier (key '%s' of service '%s')"),
			 d->members[m].code, key->metric, year + key->offset, key->code, d->services[s].code);
		chk_add(c, 1, "figure", d->members[m].code, msg);
	}
}

static void
check_basis(chk *c, vb_db *db, int year, const char *basis, vb_err *err)
{
	alloc_data d;
	char msg[512], code[64];
	if (alloc_load(db, year, basis, &d, err) < 0)
		return;
	size_t nfm;
	fig_min *fm = fig_index(&d, &nfm);
	c->found = 0;
	for (size_t s = 0; s < d.in.n_services; s++) {
		if (d.services[s].cost == 0)
			continue;
		int participants = 0;
		for (size_t m = 0; m < d.in.n_members && !participants; m++)
			participants = member_days(&d, m, s, year) > 0;
		if (!participants) {
			snprintf(msg, sizeof msg, _("service '%s' has %s costs in %d but no participating member"),
				 d.services[s].code, basis, year);
			chk_add(c, 1, "service", d.services[s].code, msg);
			continue;
		}
		check_key_figures(c, &d, fm, nfm, s, d.services[s].key, NULL, 0, year, 0);
	}
	free(fm);
	/* whatever else would stop the allocation */
	vb_alloc_result r;
	vb_err e2;
	if (c->found == 0) {
		if (alloc_run(&d, 0, &r, &e2) < 0) {
			snprintf(code, sizeof code, "%d/%s", year, basis);
			chk_add(c, 1, "allocation", code, e2.msg);
		} else {
			vb_alloc_free(&r);
		}
	}
	alloc_data_free(&d);
}

static int
check_records(chk *c, vb_db *db, int year, vb_date today, vb_err *err)
{
	static const char fixed[] =
		"SELECT s.key, s.member, m.joined, m.\"left\", m.status FROM key_share s "
		"JOIN member m ON m.code = s.member WHERE s.percent > 0 ORDER BY s.key, s.member";
	static const char prospective[] =
		"SELECT code, status, joined FROM member WHERE status IN ('prospective', 'intent') "
		"AND joined IS NOT NULL ORDER BY code";
	static const char costs[] =
		"SELECT service, group_concat(basis) FROM cost WHERE year = ?1 GROUP BY service ORDER BY service";
	char msg[512];
	int rc;
	vb_date ys = date_year_start(year), ye = date_year_end(year);
	sqlite3_stmt *st = db_prep(db, fixed, err);
	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		vb_date j = parse_or(db_col_text(st, 2), VB_ALLOC_NEVER), l = parse_or(db_col_text(st, 3), VB_ALLOC_OPEN);
		int days = j == VB_ALLOC_NEVER ? 0 : date_overlap_days(j, l, ys, ye);
		if (days == date_days_in_year(year))
			continue;
		if (days == 0)
			snprintf(msg, sizeof msg, _("fixed key '%s' gives a share to member '%s', which does not share costs in %d"),
				 db_col_text(st, 0), db_col_text(st, 1), year);
		else
			snprintf(msg, sizeof msg, _("fixed key '%s' gives a share to member '%s', which shares costs on only %d days of %d: the others carry the rest"),
				 db_col_text(st, 0), db_col_text(st, 1), days, year);
		chk_add(c, 0, "key", db_col_text(st, 0), msg);
	}
	sqlite3_reset(st);
	if (rc < 0 || !(st = db_prep(db, prospective, err)))
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		snprintf(msg, sizeof msg, _("member '%s' is in status %s but has a joined date (%s): it shares costs from then"),
			 db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
		chk_add(c, 0, "member", db_col_text(st, 0), msg);
	}
	sqlite3_reset(st);
	if (rc < 0 || !(st = db_prep(db, costs, err)))
		return -1;
	db_bind_int(st, 1, year);
	int past = year < date_year(today);
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		const char *b = db_col_text(st, 1);
		int plan = strstr(b, "plan") != NULL, actual = strstr(b, "actual") != NULL;
		if (actual && !plan)
			snprintf(msg, sizeof msg, _("service '%s' has an actual cost for %d but no plan cost"), db_col_text(st, 0), year);
		else if (plan && !actual && past)
			snprintf(msg, sizeof msg, _("service '%s' has a plan cost for %d but no actual cost"), db_col_text(st, 0), year);
		else
			continue;
		chk_add(c, 0, "cost", db_col_text(st, 0), msg);
	}
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	ver_info *v;
	size_t nv;
	if (versions_on(db, NULL, today, &v, &nv, err) < 0)
		return -1;
	for (size_t i = 0; i < nv; i++) {
		char ref[96], d1[VB_DATE_BUFSZ];
		if ((v[i].status != VS_AWAITING && v[i].status != VS_DRAFT) || today < v[i].from ||
		    (v[i].has_until && today > v[i].until))
			continue;
		snprintf(ref, sizeof ref, "%s/%d", v[i].agreement, v[i].number);
		snprintf(msg, sizeof msg, _("version %d is meant to be in force since %s, but not every party has signed: %s"),
			 v[i].number, date_format(v[i].from, d1), v[i].missing ? v[i].missing : "");
		chk_add(c, 0, "agreement", ref, msg);
	}
	versions_free(v, nv);
	return 0;
}

static void
bad_stored(void *ctx, const char *table, const char *record, const char *msg)
{
	chk_add(ctx, 1, table, record, msg);
}

out_table *
check_table(vb_db *db, int year, vb_date today, int *errors, vb_err *err)
{
	chk c = {out_new(), 0, 0};
	out_col(c.t, "severity", CT_TEXT);
	out_col(c.t, "entity", CT_TEXT);
	out_col(c.t, "code", CT_TEXT);
	out_col(c.t, "message", CT_TEXT);
	err_clear(err);
	/* values that do not validate come first; they would stop the rest */
	int bad = dbv_scan(db, bad_stored, &c, err);
	if (bad < 0) {
		out_free(c.t);
		return NULL;
	}
	if (bad > 0) {
		*errors = c.errors;
		return c.t;
	}
	check_basis(&c, db, year, "plan", err);
	if (!err->msg[0])
		check_basis(&c, db, year, "actual", err);
	if (err->msg[0] || check_records(&c, db, year, today, err) < 0) {
		out_free(c.t);
		return NULL;
	}
	*errors = c.errors;
	return c.t;
}
