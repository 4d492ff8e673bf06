/* The finance tables of allocate, advances, settle, simulate and
 * savings as data (fin.h); compare and statement are in fin_compare.c
 * and fin_statement.c. */
#include "config.h"
#include "fin.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strset.h"
#include "suggest.h"
#include "util.h"

int
fin_add(int64_t *sum, int64_t v, vb_err *err, const char *what, ...)
{
	if (!__builtin_add_overflow(*sum, v, sum))
		return 0;
	char buf[512];
	va_list ap;
	va_start(ap, what);
	vsnprintf(buf, sizeof buf, _(what), ap);
	va_end(ap);
	return err_set(err, VB_EFAIL, _("%s overflows (beyond %s cents)"), buf, "±9223372036854775807");
}

/* ------------------------------------------------------------- allocate */

int64_t
fin_share(const fin_year *y, size_t m, size_t s)
{
	if (m >= y->r.n_members || s >= y->r.n_services)
		return 0;
	return vb_alloc_cell_at(&y->r, m, s)->share;
}

/* Active services, listed members and the checked column sums. */
static int
year_index(fin_year *y, vb_err *err)
{
	const alloc_data *d = &y->d;
	const vb_alloc_result *r = &y->r;
	y->svc = xcalloc(d->in.n_services + 1, sizeof *y->svc);
	y->mem = xcalloc(d->in.n_members + 1, sizeof *y->mem);
	for (size_t s = 0; s < d->in.n_services; s++)
		if (r->services[s].active)
			y->svc[y->n_svc++] = s;
	y->svc_total = xcalloc(y->n_svc + 1, sizeof *y->svc_total);
	for (size_t m = 0; m < d->in.n_members; m++) {
		if (!r->members[m].listed)
			continue;
		y->mem[y->n_mem++] = m;
		for (size_t i = 0; i < y->n_svc; i++)
			if (fin_add(&y->svc_total[i], fin_share(y, m, y->svc[i]), err,
				    N_("the total of service '%s'"), d->services[y->svc[i]].code) < 0)
				return -1;
		if (fin_add(&y->transfers_total, r->members[m].transfers, err,
			    N_("the total of the transfer adjustments")) < 0 ||
		    fin_add(&y->total, r->members[m].total, err, N_("the total payable of all members")) < 0)
			return -1;
	}
	return 0;
}

int
fin_year_run(alloc_data *d, int year, const char *basis, int explain, fin_year *y, vb_err *err)
{
	memset(y, 0, sizeof *y);
	y->year = year;
	y->basis = strcmp(basis, "plan") == 0 ? "plan" : "actual";
	y->d = *d;
	memset(d, 0, sizeof *d);
	if (alloc_run(&y->d, explain, &y->r, err) < 0) {
		alloc_data_free(&y->d);
		return -1;
	}
	if (year_index(y, err) < 0) {
		fin_year_free(y);
		return -1;
	}
	return 0;
}

int
fin_year_load(vb_db *db, int year, const char *basis, int explain, fin_year *y, vb_err *err)
{
	return fin_year_load_progress(db, year, basis, explain, NULL, y, err);
}

int
fin_year_load_progress(vb_db *db, int year, const char *basis, int explain,
		       const vb_progress *p, fin_year *y, vb_err *err)
{
	alloc_data d;
	memset(y, 0, sizeof *y);
	if (alloc_load_progress(db, year, basis, p, &d, err) < 0) {
		alloc_data_free(&d);
		return -1;
	}
	return fin_year_run(&d, year, basis, explain, y, err);
}

void
fin_year_free(fin_year *y)
{
	vb_alloc_free(&y->r);
	alloc_data_free(&y->d);
	free(y->svc);
	free(y->mem);
	free(y->svc_total);
	memset(y, 0, sizeof *y);
}

out_table *
fin_alloc_table(const fin_year *y)
{
	out_table *t = out_new();
	fin_alloc_rows(y, t);
	return t;
}

void
fin_alloc_rows(const fin_year *y, out_table *t)
{
	const alloc_data *d = &y->d;
	int nc = 2 + (int)y->n_svc;
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	for (size_t i = 0; i < y->n_svc; i++)
		out_col(t, d->services[y->svc[i]].code, CT_CENTS);
	out_col(t, "transfers", CT_CENTS);
	out_col(t, "total", CT_CENTS);
	for (size_t j = 0; j < y->n_mem; j++) {
		size_t m = y->mem[j];
		out_row(t);
		out_text(t, 0, d->members[m].code);
		out_text(t, 1, d->names[m]);
		for (size_t i = 0; i < y->n_svc; i++)
			out_int(t, 2 + (int)i, fin_share(y, m, y->svc[i]));
		out_int(t, nc, y->r.members[m].transfers);
		out_int(t, nc + 1, y->r.members[m].total);
	}
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (size_t i = 0; i < y->n_svc; i++)
		out_int(t, 2 + (int)i, y->svc_total[i]);
	out_int(t, nc, y->transfers_total);
	out_int(t, nc + 1, y->total);
}

out_table *
fin_explain_table(const fin_year *y)
{
	out_table *t = out_new();
	fin_explain_rows(y, t);
	return t;
}

void
fin_explain_rows(const fin_year *y, out_table *t)
{
	static const char *const cols[] = {"code", "service", "key", "value", "value_year", "days",
					   "weight", "quota", "remainder_cent", "share"};
	static const int types[] = {CT_TEXT, CT_TEXT, CT_TEXT, CT_DEC4, CT_INT, CT_INT, CT_DEC4,
				    CT_RAW, CT_BOOL, CT_CENTS};
	const alloc_data *d = &y->d;
	for (int c = 0; c < 10; c++)
		out_col(t, cols[c], types[c]);
	for (size_t j = 0; j < y->n_mem; j++) {
		size_t m = y->mem[j];
		for (size_t s = 0; s < d->in.n_services; s++) {
			size_t n;
			const vb_alloc_part *p = vb_alloc_explain(&y->r, m, s, &n);
			for (size_t i = 0; i < n; i++) {
				char num[VB_I128_BUFSZ], den[VB_I128_BUFSZ], q[2 * VB_I128_BUFSZ + 2];
				out_row(t);
				out_text(t, 0, d->members[m].code);
				out_text(t, 1, d->services[s].code);
				out_text(t, 2, d->keys[p[i].key].code);
				out_int(t, 3, p[i].value);
				if (p[i].value_year != VB_ALLOC_NO_YEAR)
					out_int(t, 4, p[i].value_year);
				out_int(t, 5, p[i].days);
				out_int(t, 6, p[i].weight);
				snprintf(q, sizeof q, "%s/%s", vb_i128_format(p[i].quota_num, num),
					 vb_i128_format(p[i].quota_den, den));
				out_text(t, 7, q);
				out_int(t, 8, p[i].remainder_cent);
				out_int(t, 9, p[i].share);
			}
		}
	}
}

/* ------------------------------------------------------------- advances */

void
fin_due_dates(int year, int n, const char (*due)[6], int ndue, char out[][11])
{
	for (int k = 0; k < n && k < FIN_MAX_DUE; k++) {
		int month, day = 15;
		if (n != ndue) {
			month = vb_advances_due_month(n, k);
		} else {
			month = (due[k][0] - '0') * 10 + due[k][1] - '0';
			day = (due[k][3] - '0') * 10 + due[k][4] - '0';
		}
		date_format(date_from_ymd(year, month, day), out[k]);
	}
}

static char *
keep_str(alloc_data *d, const char *s)
{
	if (d->nstrings + 1 > d->capstrings) {
		d->capstrings = d->capstrings * 2 + 64;
		d->strings = xrealloc(d->strings, d->capstrings * sizeof *d->strings);
	}
	return d->strings[d->nstrings++] = xstrdup(s ? s : "");
}

static int
adv_sums(fin_advances *p, vb_err *err)
{
	memset(p->sum, 0, sizeof p->sum);
	for (size_t i = 0; i < p->nrows; i++) {
		if (fin_add(&p->sum[0], p->rows[i].total, err, N_("the total of the advances of %d"),
			    p->year) < 0)
			return -1;
		for (int k = 0; k < p->n; k++)
			if (fin_add(&p->sum[1 + k], p->rows[i].inst[k], err,
				    N_("the total of the instalments due %s"), p->due[k]) < 0)
				return -1;
	}
	return 0;
}

int
fin_advances_compute(vb_db *db, int year, int n, const char (*due)[6], int ndue,
		     fin_advances *p, vb_err *err)
{
	fin_year y;
	memset(p, 0, sizeof *p);
	p->year = year;
	if (n < 1 || n > FIN_MAX_DUE)
		return err_set(err, VB_EFAIL, _("%d instalments: 1 to %d are possible"), n, FIN_MAX_DUE);
	if (fin_year_load(db, year, "plan", 0, &y, err) < 0)
		return -1;
	p->n = n;
	fin_due_dates(year, n, due, ndue, p->due);
	p->rows = xcalloc(y.n_mem + 1, sizeof *p->rows);
	for (size_t j = 0; j < y.n_mem; j++) {
		size_t m = y.mem[j];
		fin_adv_row *row = &p->rows[p->nrows++];
		row->code = y.d.members[m].code;
		row->name = y.d.names[m];
		row->total = y.r.members[m].total;
		if (vb_advances_split(row->total, n, row->inst) < 0) {
			err_set(err, VB_EFAIL, _("the advances of member '%s' cannot be split"), row->code);
			goto fail;
		}
	}
	/* the rows point into the plan's strings: keep them, drop the rest */
	vb_alloc_free(&y.r);
	p->d = y.d;
	memset(&y.d, 0, sizeof y.d);
	fin_year_free(&y);
	if (adv_sums(p, err) < 0) {
		fin_advances_free(p);
		return -1;
	}
	return 0;
fail:
	fin_year_free(&y);
	free(p->rows);
	memset(p, 0, sizeof *p);
	return -1;
}

/* The one query of this module: the issued advances are stored records
 * of their own, not an input of the allocation. */
int
fin_advances_issued(vb_db *db, int year, fin_advances *p, vb_err *err)
{
	static const char sql[] =
		"SELECT a.member, m.name, a.k, a.due, a.amount, a.issued FROM advance a "
		"JOIN member m ON m.code = a.member WHERE a.year = ?1 ORDER BY a.member, a.k";
	memset(p, 0, sizeof *p);
	p->year = year;
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, year);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		const char *code = db_col_text(st, 0);
		int k = sqlite3_column_int(st, 2);
		if (k < 0 || k >= FIN_MAX_DUE)
			continue;
		if (!p->nrows || strcmp(p->rows[p->nrows - 1].code, code) != 0) {
			if (p->nrows == cap) {
				cap = cap ? cap * 2 : 32;
				p->rows = xrealloc(p->rows, cap * sizeof *p->rows);
			}
			fin_adv_row *row = &p->rows[p->nrows++];
			memset(row, 0, sizeof *row);
			row->code = keep_str(&p->d, code);
			row->name = keep_str(&p->d, db_col_text(st, 1));
		}
		fin_adv_row *row = &p->rows[p->nrows - 1];
		row->inst[k] = sqlite3_column_int64(st, 4);
		if (fin_add(&row->total, row->inst[k], err, N_("the advances of member '%s'"), row->code) < 0) {
			db_end(st);
			fin_advances_free(p);
			return -1;
		}
		if (k + 1 > p->n)
			p->n = k + 1;
		snprintf(p->due[k], sizeof p->due[k], "%s", db_col_text(st, 3));
		const char *issued = db_col_text(st, 5);
		if (issued && strcmp(issued, p->issued_on) > 0)
			snprintf(p->issued_on, sizeof p->issued_on, "%s", issued);
	}
	db_end(st);
	if (rc < 0) {
		fin_advances_free(p);
		return -1;
	}
	p->issued = p->nrows > 0;
	if (adv_sums(p, err) < 0) {
		fin_advances_free(p);
		return -1;
	}
	return 0;
}

int
fin_advances_effective(vb_db *db, int year, const char (*due)[6], int ndue, fin_advances *p,
		       vb_err *err)
{
	if (fin_advances_issued(db, year, p, err) < 0)
		return -1;
	if (p->issued)
		return 0;
	fin_advances_free(p);
	return fin_advances_compute(db, year, ndue, due, ndue, p, err);
}

void
fin_advances_free(fin_advances *p)
{
	free(p->rows);
	alloc_data_free(&p->d);
	memset(p, 0, sizeof *p);
}

long
fin_advances_find(const fin_advances *p, const char *code)
{
	/* the rows are in code order (both sources read them so) */
	size_t lo = 0, hi = p->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->rows[mid].code, code);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

out_table *
fin_advances_table(const fin_advances *p)
{
	out_table *t = out_new();
	fin_advances_rows(p, t);
	return t;
}

void
fin_advances_rows(const fin_advances *p, out_table *t)
{
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	out_col(t, "total", CT_CENTS);
	for (int k = 0; k < p->n; k++)
		out_col(t, p->due[k], CT_CENTS);
	for (size_t i = 0; i < p->nrows; i++) {
		out_row(t);
		out_text(t, 0, p->rows[i].code);
		out_text(t, 1, p->rows[i].name);
		out_int(t, 2, p->rows[i].total);
		for (int k = 0; k < p->n; k++)
			out_int(t, 3 + k, p->rows[i].inst[k]);
	}
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (int k = 0; k <= p->n; k++)
		out_int(t, 2 + k, p->sum[k]);
}

/* --------------------------------------------------------------- settle */

int
fin_settle_load(vb_db *db, int year, const char (*due)[6], int ndue, fin_settle *s, vb_err *err)
{
	memset(s, 0, sizeof *s);
	s->year = year;
	if (fin_advances_effective(db, year, due, ndue, &s->adv, err) < 0)
		return -1;
	if (fin_year_load(db, year, "actual", 0, &s->actual, err) < 0) {
		fin_advances_free(&s->adv);
		return -1;
	}
	const fin_year *y = &s->actual;
	s->rows = xcalloc(y->d.in.n_members + 1, sizeof *s->rows);
	/* members of the actual allocation, and any that only had advances */
	for (size_t m = 0; m < y->d.in.n_members; m++) {
		long a = fin_advances_find(&s->adv, y->d.members[m].code);
		int listed = y->r.members[m].listed;
		if (!listed && a < 0)
			continue;
		fin_settle_row *row = &s->rows[s->nrows++];
		row->code = y->d.members[m].code;
		row->name = y->d.names[m];
		row->actual = listed ? y->r.members[m].total : 0;
		row->advances = a >= 0 ? s->adv.rows[a].total : 0;
		if (__builtin_sub_overflow(row->actual, row->advances, &row->balance)) {
			err_set(err, VB_EFAIL, _("the balance of member '%s' overflows"), row->code);
			goto fail;
		}
		if (fin_add(&s->sum_actual, row->actual, err, N_("the total of the actual allocation")) < 0 ||
		    fin_add(&s->sum_advances, row->advances, err, N_("the total of the advances")) < 0 ||
		    fin_add(&s->balance, row->balance, err, N_("the total of the balances")) < 0)
			goto fail;
	}
	return 0;
fail:
	fin_settle_free(s);
	return -1;
}

void
fin_settle_free(fin_settle *s)
{
	free(s->rows);
	fin_year_free(&s->actual);
	fin_advances_free(&s->adv);
	memset(s, 0, sizeof *s);
}

/* A member table of code, name and k amount columns with a TOTAL row. */
static void
amount_rows(out_table *t, const char *const *cols, int k, size_t nrows,
	    const char *(*code)(const void *, size_t), const char *(*name)(const void *, size_t),
	    int64_t (*val)(const void *, size_t, int), const void *data, const int64_t *sum)
{
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	for (int c = 0; c < k; c++)
		out_col(t, cols[c], CT_CENTS);
	for (size_t i = 0; i < nrows; i++) {
		out_row(t);
		out_text(t, 0, code(data, i));
		out_text(t, 1, name(data, i));
		for (int c = 0; c < k; c++)
			out_int(t, 2 + c, val(data, i, c));
	}
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (int c = 0; c < k; c++)
		out_int(t, 2 + c, sum[c]);
}

#define ROW_ACCESS(prefix, type, field)                                                     \
	static const char *prefix##_code(const void *d, size_t i)                           \
	{ return ((const type *)d)->field[i].code; }                                        \
	static const char *prefix##_name(const void *d, size_t i)                           \
	{ return ((const type *)d)->field[i].name; }

ROW_ACCESS(settle, fin_settle, rows)
ROW_ACCESS(sim, fin_simulation, rows)
ROW_ACCESS(sav, fin_savings, rows)

static int64_t
settle_val(const void *d, size_t i, int c)
{
	const fin_settle_row *r = &((const fin_settle *)d)->rows[i];
	return c == 0 ? r->actual : c == 1 ? r->advances : r->balance;
}

void
fin_settle_rows(const fin_settle *s, out_table *t)
{
	static const char *const cols[] = {"actual", "advances", "balance"};
	int64_t sum[3] = {s->sum_actual, s->sum_advances, s->balance};
	amount_rows(t, cols, 3, s->nrows, settle_code, settle_name, settle_val, s, sum);
}

out_table *
fin_settle_table(const fin_settle *s)
{
	out_table *t = out_new();
	fin_settle_rows(s, t);
	return t;
}

/* ------------------------------------------------------------- simulate */

static int
sim_change(alloc_data *d, int year, const fin_sim_member *sm, vb_err *err)
{
	vb_date j = sm->has_joined ? sm->joined : date_year_start(year);
	if (sm->member) {
		long m = alloc_member_index(d, sm->member);
		if (m < 0) {
			const char **codes = xcalloc(d->in.n_members + 1, sizeof *codes);
			for (size_t i = 0; i < d->in.n_members; i++)
				codes[i] = d->members[i].code;
			err_set(err, VB_EFAIL, _("there is no member '%s'"), sm->member);
			suggest_append_names(sm->member, codes, d->in.n_members, err);
			free(codes);
			return -1;
		}
		d->members[m].joined = j;
		d->members[m].left = VB_ALLOC_OPEN;
		return 0;
	}
	const char *code = sm->code ? sm->code : "new";
	if (alloc_member_index(d, code) >= 0)
		return err_set(err, VB_EFAIL, _("member '%s' exists already; use --member %s or another --code"),
			       code, code);
	size_t m = alloc_add_member(d, code, sm->name, j);
	/* the figures hold for every year: the earliest one carries forward */
	for (size_t i = 0; i < sm->n_figures; i++)
		alloc_add_figure(d, m, keep_str(d, sm->metrics[i]), VB_DATE_MIN_YEAR, sm->values[i]);
	return 0;
}

/* Every problem of the simulated year, collected so that one run names
 * all of them: each missing figure once, with the option or command
 * that supplies it. */
typedef struct sim_problems {
	sbuf figs;		/* "users=VALUE,devices=VALUE" of the new member */
	sbuf lines;		/* the other problems, separated by "; " */
	strset seen;		/* "member\tmetric\tyear" reported already */
	const char *newcode;	/* the new member's code, or NULL */
} sim_problems;

static void
sim_problem(void *arg, const vb_alloc_error *e)
{
	sim_problems *p = arg;
	const char *key = NULL;	/* a missing figure */
	if (e->kind == VB_ALLOC_EFIGURE && e->code && e->metric) {
		sbuf k;
		sb_init(&k);
		sb_printf(&k, "%s\t%s\t%d", e->code, e->metric, e->year);
		int fresh = strset_add(&p->seen, k.s, k.len);
		sb_free(&k);
		if (!fresh)
			return;
		key = "";
	}
	if (key && p->newcode && strcmp(e->code, p->newcode) == 0) {
		sb_printf(&p->figs, "%s%s=VALUE", p->figs.len ? "," : "", e->metric);
		return;
	}
	if (p->lines.len)
		sb_adds(&p->lines, "; ");
	if (key)
		sb_printf(&p->lines, _("member '%s' has no figure '%s' for %d or earlier ('verbund figure set %s %s %d VALUE' records it)"),
			  e->code, e->metric, e->year, e->code, e->metric, e->year);
	else
		sb_adds(&p->lines, e->msg);
}

static void
sim_problems_free(sim_problems *p)
{
	strset_free(&p->seen);
	sb_free(&p->figs);
	sb_free(&p->lines);
}

int
fin_simulate(vb_db *db, int year, const char *basis, const fin_sim_member *sm, fin_simulation *s,
	     vb_err *err)
{
	sim_problems probs;
	fin_year before;
	alloc_data bd, d;
	vb_err e2;
	memset(s, 0, sizeof *s);
	memset(&before, 0, sizeof before);
	s->year = year;
	s->basis = strcmp(basis, "plan") == 0 ? "plan" : "actual";
	if (alloc_load(db, year, basis, &bd, err) < 0) {
		alloc_data_free(&bd);
		return -1;
	}
	/* the same input again, changed: the members' indexes may move */
	if (alloc_load(db, year, basis, &d, err) < 0 || sim_change(&d, year, sm, err) < 0) {
		alloc_data_free(&d);
		alloc_data_free(&bd);
		return -1;
	}
	/* both runs report every problem, so that one run names them all */
	memset(&probs, 0, sizeof probs);
	sb_init(&probs.figs);
	sb_init(&probs.lines);
	probs.newcode = sm->member ? NULL : sm->code ? sm->code : "new";
	bd.in.problem = d.in.problem = sim_problem;
	bd.in.problem_arg = d.in.problem_arg = &probs;
	err_clear(&e2);
	int base = fin_year_run(&bd, year, basis, 0, &before, err);
	int changed = fin_year_run(&d, year, basis, 0, &s->after, base < 0 ? &e2 : err);
	if (base < 0 || changed < 0) {
		/* every missing figure at once, with what supplies it */
		if (probs.figs.len && probs.lines.len)
			err_set(err, VB_EFAIL, _("the new member '%s' lacks figures: give them with --figure %s; %s"),
				probs.newcode, probs.figs.s, probs.lines.s);
		else if (probs.figs.len)
			err_set(err, VB_EFAIL, _("the new member '%s' lacks figures: give them with --figure %s"),
				probs.newcode, probs.figs.s);
		else if (probs.lines.len)
			err_set(err, VB_EFAIL, "%s", probs.lines.s);
		sim_problems_free(&probs);
		if (base == 0)
			fin_year_free(&before);
		if (changed == 0)
			fin_year_free(&s->after);
		return -1;
	}
	sim_problems_free(&probs);
	before.d.in.problem = s->after.d.in.problem = NULL;
	before.d.in.problem_arg = s->after.d.in.problem_arg = NULL;
	const fin_year *a = &s->after;
	s->rows = xcalloc(a->d.in.n_members + 1, sizeof *s->rows);
	int rc = 0;
	for (size_t m = 0; m < a->d.in.n_members && !rc; m++) {
		long bm = alloc_member_index(&before.d, a->d.members[m].code);
		int was = bm >= 0 && before.r.members[bm].listed;
		if (!was && !a->r.members[m].listed)
			continue;
		fin_sim_row *row = &s->rows[s->nrows++];
		row->code = a->d.members[m].code;
		row->name = a->d.names[m];
		row->before = was ? before.r.members[bm].total : 0;
		row->after = a->r.members[m].listed ? a->r.members[m].total : 0;
		if (__builtin_sub_overflow(row->after, row->before, &row->delta))
			rc = err_set(err, VB_EFAIL, _("the change of member '%s' overflows"), row->code);
		else if (fin_add(&s->sum[0], row->before, err, N_("the total before")) < 0 ||
			 fin_add(&s->sum[1], row->after, err, N_("the total after")) < 0 ||
			 fin_add(&s->sum[2], row->delta, err, N_("the total change")) < 0)
			rc = -1;
	}
	fin_year_free(&before);
	if (rc < 0)
		fin_simulation_free(s);
	return rc;
}

void
fin_simulation_free(fin_simulation *s)
{
	free(s->rows);
	fin_year_free(&s->after);
	memset(s, 0, sizeof *s);
}

static int64_t
sim_val(const void *d, size_t i, int c)
{
	const fin_sim_row *r = &((const fin_simulation *)d)->rows[i];
	return c == 0 ? r->before : c == 1 ? r->after : r->delta;
}

void
fin_simulation_rows(const fin_simulation *s, out_table *t)
{
	static const char *const cols[] = {"before", "after", "delta"};
	amount_rows(t, cols, 3, s->nrows, sim_code, sim_name, sim_val, s, s->sum);
}

/* -------------------------------------------------------------- savings */

int
fin_savings_load(vb_db *db, int year, const char *basis, fin_savings *s, vb_err *err)
{
	memset(s, 0, sizeof *s);
	if (fin_year_load(db, year, basis, 0, &s->y, err) < 0)
		return -1;
	const alloc_data *d = &s->y.d;
	const vb_alloc_result *r = &s->y.r;
	for (size_t i = 0; i < s->y.n_svc; i++)
		if (d->services[s->y.svc[i]].standalone != VB_ALLOC_NO_STANDALONE)
			s->n_standalone++;
	s->rows = xcalloc(d->in.n_members + 1, sizeof *s->rows);
	for (size_t m = 0; m < d->in.n_members; m++) {
		int64_t share = 0;
		int any = 0;
		for (size_t sv = 0; sv < d->in.n_services; sv++) {
			const vb_alloc_cell *c = vb_alloc_cell_at(r, m, sv);
			if (d->services[sv].standalone == VB_ALLOC_NO_STANDALONE || c->days <= 0)
				continue;
			any = 1;
			if (fin_add(&share, c->share, err, N_("the shares of member '%s'"), d->members[m].code) < 0)
				goto fail;
		}
		if (!any)
			continue;
		fin_savings_row *row = &s->rows[s->nrows++];
		row->code = d->members[m].code;
		row->name = d->names[m];
		row->share = share;
		row->savings = vb_alloc_savings(r, m);
		if (row->savings == INT64_MIN) {
			int64_t full = INT64_MAX;	/* fin_add words the message */
			fin_add(&full, 1, err, N_("the savings of member '%s'"), row->code);
			goto fail;
		}
		row->standalone = share;
		if (fin_add(&row->standalone, row->savings, err, N_("the standalone cost of member '%s'"),
			    row->code) < 0 ||
		    fin_add(&s->sum[0], row->standalone, err, N_("the total standalone cost")) < 0 ||
		    fin_add(&s->sum[1], row->share, err, N_("the total of the shares")) < 0 ||
		    fin_add(&s->sum[2], row->savings, err, N_("the total savings")) < 0)
			goto fail;
	}
	return 0;
fail:
	fin_savings_free(s);
	return -1;
}

void
fin_savings_free(fin_savings *s)
{
	free(s->rows);
	fin_year_free(&s->y);
	memset(s, 0, sizeof *s);
}

static int64_t
sav_val(const void *d, size_t i, int c)
{
	const fin_savings_row *r = &((const fin_savings *)d)->rows[i];
	return c == 0 ? r->standalone : c == 1 ? r->share : r->savings;
}

void
fin_savings_rows(const fin_savings *s, out_table *t)
{
	static const char *const cols[] = {"standalone", "share", "savings"};
	amount_rows(t, cols, 3, s->nrows, sav_code, sav_name, sav_val, s, s->sum);
}
