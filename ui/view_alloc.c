/* View 7: the allocation (Kostenumlage) of a year on a basis: members
 * by services with totals, each member's share of the whole as a bar,
 * and in the detail pane the selected member's shares per service;
 * with c the previous year beside it (change, cost and share effects). */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "fin.h"
#include "app.h"
#include "barchart.h"
#include "basis.h"
#include "colors.h"
#include "i18n.h"
#include "labels.h"
#include "num.h"
#include "text.h"
#include "workflow.h"

typedef struct alloc_view {
	int year;
	int plan;		/* basis: 1 plan, 0 actual */
	int have;		/* y holds a result */
	fin_year y;
	int compare;		/* c: the previous year beside this one */
	int have_cmp;		/* cmp holds the comparison */
	fin_compare cmp;
	size_t *member;		/* table row -> member index */
	int total_col;
	int64_t total;
} alloc_view;

static alloc_view *
priv(view *v)
{
	if (!v->priv)
		v->priv = xcalloc(1, sizeof(alloc_view));
	return v->priv;
}

static void
release(alloc_view *p)
{
	if (p->have)
		fin_year_free(&p->y);
	if (p->have_cmp)
		fin_compare_free(&p->cmp);
	p->have = p->have_cmp = 0;
	free(p->member);
	p->member = NULL;
}

/* The latest year with actual costs (else with any costs, else this
 * year): what the office looks at first. */
static int
default_year(app *a)
{
	vb_rec *costs;
	size_t n;
	vb_err err;
	int best_actual = 0, best = 0;
	if (ent_fetch(a->db, &ent_cost, NULL, &costs, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++) {
			int y = (int)costs[i].v[CO_YEAR].i;
			if (y > best)
				best = y;
			if (strcmp(costs[i].v[CO_BASIS].s, "actual") == 0 && y > best_actual)
				best_actual = y;
		}
		recs_free(costs, n);
	}
	return best_actual ? best_actual : best ? best : date_year(workflow_today());
}

static void
share_bar(const list *l, size_t row, int y, int x, int w, attr_t a)
{
	const alloc_view *p = l->data;
	const out_cell *c = &l->t->cells[row * (size_t)l->t->ncols + (size_t)p->total_col];
	barchart_draw(y, x, w, c->i, p->total, a);
}

/* Appends row r of src to dst (same columns). */
static void
copy_row(out_table *dst, out_table *src, size_t r)
{
	out_row(dst);
	for (int c = 0; c < src->ncols; c++) {
		const out_cell *cell = out_at(src, r, c);
		if (cell->null)
			continue;
		if (src->types[c] == CT_TEXT || src->types[c] == CT_RAW || src->types[c] == CT_DATE)
			out_text(dst, c, cell->s);
		else
			out_int(dst, c, cell->i);
	}
}

/* The comparison with the previous year on the same basis; when it
 * cannot be made, the status line says why and c is off again. */
static int
compare_prepare(app *a, alloc_view *p)
{
	const char *basis = p->plan ? "plan" : "actual";
	vb_err err;
	err_clear(&err);
	if (fin_require_costs(a->db, p->year - 1, basis, &err) < 0 ||
	    fin_compare_load(a->db, p->year, basis, p->year - 1, basis, NULL, &p->cmp, &err) < 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		p->compare = 0;
		return -1;
	}
	p->have_cmp = 1;
	return 0;
}

/* Fills the columns before, change, cost effect and share effect from
 * column first on, adding rows for members of the previous year only. */
static void
compare_fill(alloc_view *p, out_table *t, out_table *foot, int first)
{
	size_t rows = t->nrows;
	for (size_t i = 0; i < p->cmp.nrows; i++) {
		const fin_cmp_row *r = &p->cmp.rows[i];
		size_t row = rows;
		for (size_t j = 0; j < rows; j++)
			if (strcmp(out_at(t, j, 0)->s, r->code) == 0)
				row = j;
		if (row == rows) {
			long m = alloc_member_index(&p->y.d, r->code);
			if (m < 0)
				continue;
			out_row(t);
			row = t->nrows - 1;
			out_text(t, 0, r->code);
			out_text(t, 1, r->name);
			out_int(t, p->total_col, 0);
			p->member[row] = (size_t)m;
		}
		const int64_t v[4] = {r->before, r->delta, r->cost_effect, r->share_effect};
		for (int c = 0; c < 4; c++) {
			out_cell *cell = out_at(t, row, first + c);
			cell->null = 0;
			cell->i = v[c];
		}
	}
	const fin_cmp_row *tot = &p->cmp.total;
	const int64_t v[4] = {tot->before, tot->delta, tot->cost_effect, tot->share_effect};
	for (int c = 0; c < 4; c++)
		out_int(foot, first + c, v[c]);
}

static int
alloc_load_view(app *a, view *v, vb_err *err)
{
	alloc_view *p = priv(v);
	const char *basis = p->plan ? "plan" : "actual";
	int hscroll = v->main.hscroll, sort = v->main.sort, desc = v->main.desc;
	if (!p->year)
		p->year = default_year(a);
	/* the year shown is the one new figures are entered for */
	a->working_year = p->year;
	release(p);
	/* a year without costs of the basis: say so and name the years
	 * that have some, instead of an allocation of nothing */
	if (fin_require_costs(a->db, p->year, basis, err) < 0)
		return -1;
	/* a large federation takes a while: progress in the message line */
	const vb_progress *progress = app_progress(a);
	int rc = fin_year_load_progress(a->db, p->year, basis, 0, progress, &p->y, err);
	vb_progress_report(progress, "allocate", 1, 1);
	if (rc < 0)
		return err_prefix(err, _("allocation %d (%s)"), p->year, basis);
	p->have = 1;
	/* the core's table, its TOTAL row as the list's footer */
	out_table *all = fin_alloc_table(&p->y), *t = out_new(), *foot = out_new();
	int nc = all->ncols - 2, cmp_col = -1;
	for (int c = 0; c < all->ncols; c++) {
		out_col(t, all->names[c], all->types[c]);
		out_col(foot, all->names[c], all->types[c]);
	}
	if (p->compare && compare_prepare(a, p) == 0) {
		static const char *const names[] = {"before", "delta", "cost_effect", "share_effect"};
		cmp_col = t->ncols;
		for (int i = 0; i < 4; i++) {
			out_col(t, names[i], CT_CENTS);
			out_col(foot, names[i], CT_CENTS);
		}
	}
	for (size_t r = 0; r < all->nrows; r++)
		copy_row(r + 1 < all->nrows ? t : foot, all, r);
	out_free(all);
	p->member = xcalloc(p->y.n_mem + (p->compare ? p->y.d.in.n_members : 0) + 1, sizeof *p->member);
	for (size_t j = 0; j < p->y.n_mem; j++)
		p->member[j] = p->y.mem[j];
	p->total = p->y.total;
	p->total_col = nc + 1;
	if (cmp_col >= 0)
		compare_fill(p, t, foot, cmp_col);

	v->main.sort = -1;	/* the old columns do not fit the new table */
	list_set_table(&v->main, t, foot);
	list_clear_columns(&v->main);
	v->main.data = p;
	list_add_col(&v->main, 0, vb_label("code"), 18, 0, NULL);
	list_add_col(&v->main, nc + 1, vb_label("total"), 15, 1, NULL);
	if (cmp_col >= 0) {
		static const char *const heads[] = {N_("change"), N_("cost effect"), N_("share effect")};
		char before[16];
		for (int i = 0; i < 3; i++)
			list_add_col(&v->main, cmp_col + 1 + i, _(heads[i]), 13, 1, NULL);
		snprintf(before, sizeof before, "%d", p->cmp.against);
		list_add_col(&v->main, cmp_col, before, 15, 1, NULL);
	}
	list_add_col(&v->main, -1, _("share"), 24, 0, share_bar);
	for (int c = 2; c < nc; c++) {
		int w = text_width(t->names[c]);
		list_add_col(&v->main, c, t->names[c], w + 1 > 14 ? w + 1 : 14, 1, NULL);
	}
	list_add_col(&v->main, nc, vb_label("transfers"), 14, 1, NULL);
	list_add_col(&v->main, 1, vb_label("name"), 40, 0, NULL);
	v->main.frozen = 3;
	v->main.hscroll = hscroll < v->main.ncols - 3 ? hscroll : 0;
	/* the kept sort, applied to the new rows */
	if (sort >= 0 && sort < v->main.ncols) {
		v->main.sort = sort - 1;
		list_sort_next(&v->main);
		if (desc)
			list_sort_reverse(&v->main);
	}
	return 0;
}

/* The member's change against the previous year, split as compare
 * splits it. */
static void
compare_detail(view *v, const alloc_view *p, const char *code)
{
	char buf[VB_NUM_BUFSZ], year[16];
	for (size_t i = 0; i < p->cmp.nrows; i++) {
		const fin_cmp_row *r = &p->cmp.rows[i];
		if (strcmp(r->code, code) != 0)
			continue;
		snprintf(year, sizeof year, "%d", p->cmp.against);
		drow *first = detail_row(v, NULL, NULL, year, _("total of the previous year"),
					 text_money(r->before, buf), NULL);
		first->section = 1;
		detail_row(v, NULL, NULL, _("change"), NULL, text_money(r->delta, buf), NULL);
		detail_row(v, NULL, NULL, _("cost effect"), _("the services' costs"), text_money(r->cost_effect, buf), NULL);
		detail_row(v, NULL, NULL, _("share effect"), _("the member's quotas"), text_money(r->share_effect, buf), NULL);
		detail_row(v, NULL, NULL, _("transfers"), _("staff transfer credits"),
			   text_money(r->transfers_effect, buf), NULL);
	}
}

static void
alloc_detail(app *a, view *v, size_t row)
{
	alloc_view *p = priv(v);
	char title[256], buf[VB_NUM_BUFSZ], days[32];
	(void)a;
	if (!p->have || row == LIST_NONE || row >= v->main.n) {
		detail_begin(v, _(" No member selected"));
		detail_end(v);
		return;
	}
	size_t m = p->member[row];
	const alloc_data *d = &p->y.d;
	snprintf(title, sizeof title, _(" %s — %s: shares %d (%s)"), d->members[m].code, d->names[m],
		 p->year, p->plan ? _("plan") : _("actual"));
	detail_begin(v, title);
	for (size_t s = 0; s < d->in.n_services; s++) {
		if (!p->y.r.services[s].active)
			continue;
		const vb_alloc_cell *c = vb_alloc_cell_at(&p->y.r, m, s);
		char svc[80];
		snprintf(svc, sizeof svc, "  %s", d->services[s].code);
		if (c->days)
			snprintf(days, sizeof days, P_("%d day, key %s", "%d days, key %s", (unsigned long)c->days), (int)c->days,
				 d->in.keys[d->services[s].key].code);
		else
			snprintf(days, sizeof days, _("not taking part (key %s)"),
				 d->in.keys[d->services[s].key].code);
		detail_row(v, NULL, NULL, svc, d->service_names[s], text_money(c->share, buf), days);
	}
	detail_row(v, NULL, NULL, _("transfers"), _("staff transfer credits"),
		   text_money(p->y.r.members[m].transfers, buf), NULL);
	drow *t = detail_row(v, NULL, NULL, _("total"), NULL, text_money(p->y.r.members[m].total, buf), NULL);
	t->section = 1;
	if (p->have_cmp)
		compare_detail(v, p, d->members[m].code);
	detail_end(v);
}

static int
alloc_action(app *a, view *v, int act)
{
	alloc_view *p = priv(v);
	char year[16];
	switch (act) {
	case ACT_YEAR:
		snprintf(year, sizeof year, "%d", p->year);
		app_prompt(a, PROMPT_VIEW, _("Year of the allocation: "), year);
		return 1;
	case ACT_BASIS:
		p->plan = !p->plan;
		v->loaded = 0;
		return 1;
	case ACT_COMPARE:
		p->compare = !p->compare;
		v->loaded = 0;
		return 1;
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_OPEN:
	case ACT_DELETE:
		app_message(a, MSG_WARN, _("the allocation is computed: change members, figures, costs or keys"));
		return 1;
	default:
		return 0;
	}
}

static void
alloc_prompt_done(app *a, view *v, const char *text)
{
	int64_t y;
	if (num_parse_int(text, 1000, 9999, &y) < 0) {
		app_message(a, MSG_ERROR, _("\"%s\" is not a year"), text);
		return;
	}
	priv(v)->year = (int)y;
	v->loaded = 0;
}

static void
alloc_info(app *a, view *v, char *buf, size_t size)
{
	alloc_view *p = priv(v);
	char total[VB_NUM_BUFSZ];
	(void)a;
	snprintf(buf, size, P_(" %d, %s: %zu member, total %s EUR", " %d, %s: %zu members, total %s EUR", v->main.n),
		 p->year,
		 p->plan ? _("plan") : _("actual"), v->main.n, text_money(p->have ? p->total : 0, total));
}

/* allocation-2024-actual.csv: what the file holds, in its name */
static void
alloc_export_name(app *a, view *v, char *buf, size_t size)
{
	alloc_view *p = priv(v);
	(void)a;
	snprintf(buf, size, "allocation-%d-%s.csv", p->year, p->plan ? "plan" : "actual");
}

static void
alloc_free(view *v)
{
	if (v->priv)
		release(v->priv);
	free(v->priv);
	v->priv = NULL;
}

const view_ops view_alloc = {
	.title = N_("Allocation"),
	.file = "allocation",
	.detail_columns = "c0:18 c1:23 c2:15r c3:0",
	.hints = (uint64_t)1 << ACT_YEAR | (uint64_t)1 << ACT_BASIS | (uint64_t)1 << ACT_COMPARE,
	.load = alloc_load_view,
	.detail = alloc_detail,
	.action = alloc_action,
	.prompt_done = alloc_prompt_done,
	.export_name = alloc_export_name,
	.info = alloc_info,
	.free = alloc_free,
};
