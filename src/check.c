/* The consistency check: over every year from the first to the last with
 * data, what would stop the allocation (the engine reports every
 * problem of a year, check_basis only collects them) and what is
 * probably wrong (spec §3.4). */
#include "config.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "allocdb.h"
#include "dbvalid.h"
#include "i18n.h"
#include "strset.h"
#include "suggest.h"
#include "workflow.h"

typedef struct chk {
	out_table *t;
	int errors;
	int year;	/* the year being checked, for the engine's reports */
	char **metrics;	/* the metrics that keys read */
	size_t nmetrics;
	int from, to;	/* the years checked */
	size_t reported;	/* problems the engine reported */
	strset seen;	/* "code\0message" of the findings reported */
} chk;

static vb_date
parse_or(const char *s, vb_date dflt)
{
	vb_date d;
	return s && date_parse(s, &d) == 0 ? d : dflt;
}

/* One finding; year 0: it belongs to no year.  The same finding for
 * plan and actual is reported once. */
static void
chk_add(chk *c, int error, int year, const char *entity, const char *code, const char *msg)
{
	size_t lc = strlen(code), lm = strlen(msg);
	char *key = xmalloc(lc + lm + 2);
	memcpy(key, code, lc + 1);
	memcpy(key + lc + 1, msg, lm + 1);
	int fresh = strset_add(&c->seen, key, lc + lm + 1);
	free(key);
	if (!fresh)
		return;
	out_row(c->t);
	out_text(c->t, 0, error ? "error" : "warning");
	if (year)
		out_int(c->t, 1, year);
	out_text(c->t, 2, entity);
	out_text(c->t, 3, code);
	out_text(c->t, 4, msg);
	c->errors += error;
}

static void
bad_stored(void *ctx, const char *table, const char *record, const char *msg)
{
	chk_add(ctx, 1, 0, table, record, msg);
}

static void
engine_problem(void *arg, const vb_alloc_error *e)
{
	chk *c = arg;
	c->reported++;
	chk_add(c, 1, c->year, e->entity ? e->entity : "allocation", e->code ? e->code : "", e->msg);
}

/* Everything that stops the allocation of a year and basis, as the
 * engine finds it. */
static int
check_basis(chk *c, vb_db *db, int year, const char *basis, vb_err *err)
{
	alloc_data d;
	vb_alloc_result r;
	vb_err e2;
	char code[64];
	if (alloc_load(db, year, basis, &d, err) < 0)
		return -1;
	d.in.problem = engine_problem;
	d.in.problem_arg = c;
	c->year = year;
	size_t before = c->reported;
	err_clear(&e2);
	if (alloc_run(&d, 0, &r, &e2) == 0) {
		vb_alloc_free(&r);
	} else if (c->reported == before && e2.msg[0]) {
		/* an error the engine stops at (a cycle, an overflow) */
		snprintf(code, sizeof code, "%d/%s", year, basis);
		chk_add(c, 1, year, "allocation", code, e2.msg);
	}
	alloc_data_free(&d);
	return 0;
}

/* Runs sql (binding ?1 to year when it has one) and calls row for each row. */
static int
each_row(vb_db *db, const char *sql, int year, void (*row)(chk *, sqlite3_stmt *, int, vb_date),
	 chk *c, vb_date today, vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	int rc;
	if (!st)
		return -1;
	if (year)
		db_bind_int(st, 1, year);
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		row(c, st, year, today);
	return rc < 0 ? -1 : 0;
}

static void
row_fixed_share(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	vb_date ys = date_year_start(year), ye = date_year_end(year);
	vb_date j = parse_or(db_col_text(st, 2), VB_ALLOC_NEVER), l = parse_or(db_col_text(st, 3), VB_ALLOC_OPEN);
	int days = j == VB_ALLOC_NEVER ? 0 : date_overlap_days(j, l, ys, ye);
	(void)today;
	if (days == date_days_in_year(year))
		return;
	if (days == 0)
		snprintf(msg, sizeof msg, _("fixed key '%s' gives a share to member '%s', which does not share costs in %d"),
			 db_col_text(st, 0), db_col_text(st, 1), year);
	else
		snprintf(msg, sizeof msg,
			 P_("fixed key '%s' gives a share to member '%s', which shares costs on only %d day of %d: the others carry the rest",
			    "fixed key '%s' gives a share to member '%s', which shares costs on only %d days of %d: the others carry the rest",
			    (unsigned long)days),
			 db_col_text(st, 0), db_col_text(st, 1), days, year);
	chk_add(c, 0, year, "key", db_col_text(st, 0), msg);
}

static void
row_costs(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	const char *b = db_col_text(st, 1) ? db_col_text(st, 1) : "";
	int plan = strstr(b, "plan") != NULL, actual = strstr(b, "actual") != NULL;
	if (actual && !plan)
		snprintf(msg, sizeof msg, _("service '%s' has an actual cost for %d but no plan cost"), db_col_text(st, 0), year);
	else if (plan && !actual && year < date_year(today))
		snprintf(msg, sizeof msg, _("service '%s' has a plan cost for %d but no actual cost"), db_col_text(st, 0), year);
	else
		return;
	chk_add(c, 0, year, "cost", db_col_text(st, 0), msg);
}

static void
row_unknown_metric(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	(void)year, (void)today;
	const char *metric = db_col_text(st, 0);
	int fy = sqlite3_column_int(st, 1);
	if (fy < c->from || fy > c->to)
		return;
	const char *near = suggest_best(metric, (const char *const *)c->metrics, c->nmetrics);
	int n = sqlite3_column_int(st, 2);
	if (near)
		snprintf(msg, sizeof msg, P_("%d figure of metric '%s', which no key reads; did you mean '%s'?",
					    "%d figures of metric '%s', which no key reads; did you mean '%s'?",
					    (unsigned long)n), n, metric, near);
	else
		snprintf(msg, sizeof msg, P_("%d figure of metric '%s', which no key reads",
					    "%d figures of metric '%s', which no key reads", (unsigned long)n),
			 n, metric);
	chk_add(c, 0, sqlite3_column_int(st, 1), "figure", metric, msg);
}

static void
row_status(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	const char *code = db_col_text(st, 0), *status = db_col_text(st, 1), *left = db_col_text(st, 2);
	(void)year;
	if (left && parse_or(left, today) < today && strcmp(status, "former") != 0) {
		snprintf(msg, sizeof msg, _("member '%s' left on %s but has status %s, not former"), code, left, status);
		chk_add(c, 0, date_year(parse_or(left, today)), "member", code, msg);
	} else if (!left && strcmp(status, "former") == 0) {
		snprintf(msg, sizeof msg, _("member '%s' has status former but no left date"), code);
		chk_add(c, 0, 0, "member", code, msg);
	}
}

static void
row_prospective(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	(void)year, (void)today;
	snprintf(msg, sizeof msg, _("member '%s' is in status %s but has a joined date (%s): it shares costs from then"),
		 db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	chk_add(c, 0, 0, "member", db_col_text(st, 0), msg);
}

/* A fixed key whose listed members have all left by today. */
static void
row_fixed_left(chk *c, sqlite3_stmt *st, int year, vb_date today)
{
	char msg[512];
	(void)year;
	if (sqlite3_column_int(st, 1) == 0 || !db_col_text(st, 2) || parse_or(db_col_text(st, 2), today) >= today)
		return;
	snprintf(msg, sizeof msg, _("every member listed by fixed key '%s' has left (the last on %s)"),
		 db_col_text(st, 0), db_col_text(st, 2));
	chk_add(c, 0, date_year(today), "key", db_col_text(st, 0), msg);
}

/* Days of [a, b] that no interval of iv (n pairs, any order) covers:
 * the count, and the first such day in *first. */
static int
uncovered(vb_date a, vb_date b, vb_date (*iv)[2], size_t n, vb_date *first)
{
	int days = 0;
	*first = 0;
	for (vb_date d = a; d <= b; d++) {
		size_t i;
		for (i = 0; i < n && !(iv[i][0] <= d && d <= iv[i][1]); i++)
			;
		if (i == n) {
			if (!days)
				*first = d;
			days++;
		}
	}
	return days;
}

/* Members sharing costs in year on days on which no agreement version
 * in force names them: a version is in force from its start (or its
 * last signature, when all parties have signed) to its end, or to the
 * day before a later version of the same agreement comes into force. */
static int
check_parties(chk *c, vb_db *db, int year, vb_err *err)
{
	static const char sql[] =
		"SELECT m.code, m.joined, m.\"left\", v.\"from\", "
		" coalesce(v.\"until\", CASE WHEN v.term_years IS NOT NULL THEN date(v.\"from\", '+' || v.term_years || ' years', '-1 day') END), "
		" (SELECT max(s.date) FROM signature s WHERE s.agreement = v.agreement AND s.number = v.number), "
		" (SELECT count(*) FROM signature s WHERE s.agreement = v.agreement AND s.number = v.number) = "
		" (SELECT count(*) FROM agreement_party q WHERE q.agreement = v.agreement AND q.number = v.number), "
		" (SELECT min(max(w.\"from\", (SELECT max(s.date) FROM signature s WHERE s.agreement = w.agreement AND s.number = w.number))) "
		"  FROM agreement_version w WHERE w.agreement = v.agreement AND w.number > v.number "
		"  AND (SELECT count(*) FROM signature s WHERE s.agreement = w.agreement AND s.number = w.number) = "
		"      (SELECT count(*) FROM agreement_party q WHERE q.agreement = w.agreement AND q.number = w.number)) "
		"FROM member m LEFT JOIN agreement_party p ON p.member = m.code "
		"LEFT JOIN agreement_version v ON v.agreement = p.agreement AND v.number = p.number "
		"WHERE m.joined IS NOT NULL ORDER BY m.code";
	sqlite3_stmt *st = db_prep(db, sql, err);
	vb_date ys = date_year_start(year), ye = date_year_end(year), (*iv)[2] = NULL;
	size_t n = 0, cap = 0;
	char *member = NULL;
	vb_date a = 0, b = 0;
	int rc;
	if (!st)
		return -1;
	for (;;) {
		rc = db_step(db, st, err);
		const char *code = rc == SQLITE_ROW ? db_col_text(st, 0) : NULL;
		if (member && (!code || strcmp(code, member) != 0)) {
			vb_date first;
			int days = a <= b ? uncovered(a, b, iv, n, &first) : 0;
			if (days > 0) {
				char msg[512], d1[VB_DATE_BUFSZ];
				snprintf(msg, sizeof msg,
					 P_("member '%s' shares costs on %d day of %d on which no agreement version in force names it as a party (from %s)",
					    "member '%s' shares costs on %d days of %d on which no agreement version in force names it as a party (from %s)",
					    (unsigned long)days), member, days, year, date_format(first, d1));
				chk_add(c, 0, year, "member", member, msg);
			}
			free(member);
			member = NULL;
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (!member) {
			vb_date j = parse_or(db_col_text(st, 1), VB_ALLOC_NEVER), l = parse_or(db_col_text(st, 2), VB_ALLOC_OPEN);
			member = xstrdup(code);
			a = j > ys ? j : ys;
			b = l < ye ? l : ye;
		}
		if (!db_col_text(st, 3) || !sqlite3_column_int(st, 6))
			continue;
		vb_date from = parse_or(db_col_text(st, 3), VB_ALLOC_OPEN), sig = parse_or(db_col_text(st, 5), from);
		vb_date until = parse_or(db_col_text(st, 4), VB_ALLOC_OPEN), next = parse_or(db_col_text(st, 7), VB_ALLOC_OPEN);
		if (next != VB_ALLOC_OPEN && next - 1 < until)
			until = next - 1;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			iv = xrealloc(iv, cap * sizeof *iv);
		}
		iv[n][0] = sig > from ? sig : from;
		iv[n][1] = until;
		n++;
	}
	db_end(st);
	free(member);
	free(iv);
	return rc < 0 ? -1 : 0;
}

/* The first and last year with a cost, figure, grant or advance. */
static int
data_years(vb_db *db, int *from, int *to, vb_err *err)
{
	static const char sql[] =
		"SELECT min(y), max(y) FROM (SELECT year AS y FROM cost UNION ALL SELECT year FROM figure "
		"UNION ALL SELECT CAST(substr(\"from\", 1, 4) AS INTEGER) FROM grant_fund "
		"UNION ALL SELECT CAST(substr(\"until\", 1, 4) AS INTEGER) FROM grant_fund "
		"UNION ALL SELECT year FROM advance)";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	int rc = db_step(db, st, err);
	*from = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	*to = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
	db_end(st);
	return rc < 0 ? -1 : 0;
}

static int
has_costs(vb_db *db, int year, vb_err *err)
{
	static const char sql[] = "SELECT 1 FROM cost WHERE year = ?1 LIMIT 1";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, year);
	int rc = db_step(db, st, err);
	db_end(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

static int
check_year(chk *c, vb_db *db, int year, vb_date today, int cost_from, int cost_to, vb_err *err)
{
	static const char fixed[] =
		"SELECT s.key, s.member, m.joined, m.\"left\" FROM key_share s "
		"JOIN member m ON m.code = s.member WHERE s.percent > 0 AND ?1 IS NOT NULL ORDER BY s.key, s.member";
	static const char costs[] =
		"SELECT service, group_concat(basis) FROM cost WHERE year = ?1 GROUP BY service ORDER BY service";
	char msg[512];
	if (check_basis(c, db, year, "plan", err) < 0 || check_basis(c, db, year, "actual", err) < 0 ||
	    each_row(db, fixed, year, row_fixed_share, c, today, err) < 0 ||
	    each_row(db, costs, year, row_costs, c, today, err) < 0 || check_parties(c, db, year, err) < 0)
		return -1;
	if (year > cost_from && year < cost_to && has_costs(db, year, err) == 0) {
		snprintf(msg, sizeof msg, _("%d has no costs, plan or actual, although %d and %d have"), year,
			 cost_from, cost_to);
		chk_add(c, 0, year, "cost", "", msg);
	}
	return err->msg[0] ? -1 : 0;
}

/* The current year's plan without issued advances once the first due
 * date has passed. */
static int
check_advances(chk *c, vb_db *db, vb_date today, const char *first_due, vb_err *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM cost WHERE year = ?1 AND basis = 'plan'), "
		"(SELECT count(*) FROM advance WHERE year = ?1)";
	char iso[16], msg[512];
	int year = date_year(today);
	vb_date due;
	if (!first_due)
		return 0;
	snprintf(iso, sizeof iso, "%04d-%.5s", year, first_due);
	if (date_parse(iso, &due) < 0 || today <= due)
		return 0;
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, year);
	int rc = db_step(db, st, err);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0 && sqlite3_column_int(st, 1) == 0) {
		snprintf(msg, sizeof msg, _("the plan of %d has no issued advances, although the first was due on %s"),
			 year, iso);
		snprintf(iso, sizeof iso, "%d", year);
		chk_add(c, 0, year, "advance", iso, msg);
	}
	db_end(st);
	return rc < 0 ? -1 : 0;
}

/* Versions meant to be in force today that not every party has signed. */
static int
check_signatures(chk *c, vb_db *db, vb_date today, vb_err *err)
{
	ver_info *v;
	size_t nv;
	char msg[512];
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
		chk_add(c, 0, date_year(today), "agreement", ref, msg);
	}
	versions_free(v, nv);
	return 0;
}

static int
check_records(chk *c, vb_db *db, int from, int to, vb_date today, const char *first_due, vb_err *err)
{
	static const char prospective[] =
		"SELECT code, status, joined FROM member WHERE status IN ('prospective', 'intent') "
		"AND joined IS NOT NULL ORDER BY code";
	static const char status[] = "SELECT code, status, \"left\" FROM member ORDER BY code";
	static const char fixed_left[] =
		"SELECT s.key, count(*), max(coalesce(m.\"left\", '9999-12-31')) FROM key_share s "
		"JOIN member m ON m.code = s.member GROUP BY s.key ORDER BY s.key";
	static const char metrics[] =
		"SELECT f.metric, f.year, count(*) FROM figure f WHERE NOT EXISTS (SELECT 1 FROM cost_key k WHERE k.method = 'metric' AND k.metric = f.metric) "
		"GROUP BY f.metric, f.year ORDER BY f.year, f.metric";
	if (each_row(db, prospective, 0, row_prospective, c, today, err) < 0 ||
	    each_row(db, status, 0, row_status, c, today, err) < 0 ||
	    each_row(db, fixed_left, 0, row_fixed_left, c, today, err) < 0 ||
	    check_signatures(c, db, today, err) < 0 || check_advances(c, db, today, first_due, err) < 0)
		return -1;
	/* figures of metrics that no key reads, in the years checked */
	c->from = from;
	c->to = to;
	return each_row(db, metrics, 0, row_unknown_metric, c, today, err);
}

int
check_rows(vb_db *db, int year, vb_date today, const char *first_due, out_table *t, int *errors,
	   int *from, int *to, vb_err *err)
{
	chk c = {.t = t};
	strset_init(&c.seen);
	int cost_from = 0, cost_to = 0;
	static const char cost_years[] = "SELECT min(year), max(year) FROM cost";
	out_col(c.t, "severity", CT_TEXT);
	out_col(c.t, "year", CT_INT);
	out_col(c.t, "entity", CT_TEXT);
	out_col(c.t, "code", CT_TEXT);
	out_col(c.t, "message", CT_TEXT);
	err_clear(err);
	*from = *to = year;
	sqlite3_stmt *st = NULL;
	/* values that do not validate come first; they would stop the rest */
	int bad = dbv_scan(db, bad_stored, &c, err);
	if (bad < 0)
		goto fail;
	if (bad > 0) {
		*errors = c.errors;
		strset_free(&c.seen);
		return 0;
	}
	if ((!year && data_years(db, from, to, err) < 0) || known_metrics(db, &c.metrics, &c.nmetrics, err) < 0 ||
	    !(st = db_prep(db, cost_years, err)))
		goto fail;
	if (db_step(db, st, err) == SQLITE_ROW) {
		cost_from = sqlite3_column_int(st, 0);
		cost_to = sqlite3_column_int(st, 1);
	}
	db_end(st);
	if (err->msg[0])
		goto fail;
	for (int y = *from; y && y <= *to; y++)
		if (check_year(&c, db, y, today, cost_from, cost_to, err) < 0)
			goto fail;
	if (check_records(&c, db, *from, *to, today, first_due, err) < 0)
		goto fail;
	suggest_free_names(c.metrics, c.nmetrics);
	strset_free(&c.seen);
	*errors = c.errors;
	return 0;
fail:
	suggest_free_names(c.metrics, c.nmetrics);
	strset_free(&c.seen);
	return -1;
}

out_table *
check_table(vb_db *db, int year, vb_date today, const char *first_due, int *errors, int *from,
	    int *to, vb_err *err)
{
	out_table *t = out_new();
	if (check_rows(db, year, today, first_due, t, errors, from, to, err) < 0) {
		out_free(t);
		return NULL;
	}
	return t;
}
