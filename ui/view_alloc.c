/* View 7: the allocation (Kostenumlage) of a year on a basis: members
 * by services with totals, each member's share of the whole as a bar,
 * and in the detail pane the selected member's shares per service. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "allocdb.h"
#include "app.h"
#include "barchart.h"
#include "colors.h"
#include "i18n.h"
#include "labels.h"
#include "num.h"
#include "text.h"
#include "workflow.h"

typedef struct alloc_view {
	int year;
	int plan;		/* basis: 1 plan, 0 actual */
	int have;		/* d and r hold a result */
	alloc_data d;
	vb_alloc_result r;
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
	if (p->have) {
		vb_alloc_free(&p->r);
		alloc_data_free(&p->d);
	}
	p->have = 0;
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
			int y = (int)costs[i].v[1].i;
			if (y > best)
				best = y;
			if (strcmp(costs[i].v[2].s, "actual") == 0 && y > best_actual)
				best_actual = y;
		}
		recs_free(costs, n);
	}
	return best_actual ? best_actual : best ? best : date_year(workflow_today());
}

static char *
money(int64_t cents, char *buf)
{
	struct lconv *lc = localeconv();
	return num_format_cents(cents, buf, *lc->decimal_point ? lc->decimal_point : ".", lc->thousands_sep);
}

static void
share_bar(const list *l, size_t row, int y, int x, int w, attr_t a)
{
	const alloc_view *p = l->data;
	const out_cell *c = &l->t->cells[row * (size_t)l->t->ncols + (size_t)p->total_col];
	barchart_draw(y, x, w, c->i, p->total, a);
}

static int
alloc_load_view(app *a, view *v, vb_err *err)
{
	alloc_view *p = priv(v);
	const char *basis = p->plan ? "plan" : "actual";
	int hscroll = v->main.hscroll, sort = v->main.sort, desc = v->main.desc;
	if (!p->year)
		p->year = default_year(a);
	release(p);
	if (alloc_load(a->db, p->year, basis, &p->d, err) < 0) {
		alloc_data_free(&p->d);
		return err_prefix(err, _("allocation %d (%s)"), p->year, basis);
	}
	if (alloc_run(&p->d, 0, &p->r, err) < 0) {
		alloc_data_free(&p->d);
		return err_prefix(err, _("allocation %d (%s)"), p->year, basis);
	}
	p->have = 1;
	const alloc_data *d = &p->d;
	const vb_alloc_result *r = &p->r;
	size_t ns = d->in.n_services;
	out_table *t = out_new(), *foot = out_new();
	int *col = xcalloc(ns + 1, sizeof *col), nc = 2;
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	for (size_t s = 0; s < ns; s++) {
		col[s] = -1;
		if (r->services[s].active) {
			out_col(t, d->services[s].code, CT_CENTS);
			col[s] = nc++;
		}
	}
	out_col(t, "transfers", CT_CENTS);
	out_col(t, "total", CT_CENTS);
	for (int c = 0; c < t->ncols; c++)
		out_col(foot, t->names[c], t->types[c]);
	int64_t *sum = xcalloc((size_t)nc + 2, sizeof *sum);
	p->member = xcalloc(d->in.n_members + 1, sizeof *p->member);
	for (size_t m = 0; m < d->in.n_members; m++) {
		if (!r->members[m].listed)
			continue;
		p->member[t->nrows] = m;
		out_row(t);
		out_text(t, 0, d->members[m].code);
		out_text(t, 1, d->names[m]);
		for (size_t s = 0; s < ns; s++)
			if (col[s] >= 0) {
				int64_t share = vb_alloc_cell_at(r, m, s)->share;
				out_int(t, col[s], share);
				sum[col[s]] += share;
			}
		out_int(t, nc, r->members[m].transfers);
		out_int(t, nc + 1, r->members[m].total);
		sum[nc] += r->members[m].transfers;
		sum[nc + 1] += r->members[m].total;
	}
	out_row(foot);
	out_text(foot, 0, "TOTAL");
	out_text(foot, 1, "");
	for (int c = 2; c < nc + 2; c++)
		out_int(foot, c, sum[c]);
	p->total = r->total;
	p->total_col = nc + 1;
	free(sum);
	free(col);

	v->main.sort = -1;	/* the old columns do not fit the new table */
	list_set_table(&v->main, t, foot);
	list_clear_columns(&v->main);
	v->main.data = p;
	list_add_col(&v->main, 0, vb_label("code"), 18, 0, NULL);
	list_add_col(&v->main, nc + 1, vb_label("total"), 15, 1, NULL);
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
	const alloc_data *d = &p->d;
	snprintf(title, sizeof title, _(" %s — %s: shares %d (%s)"), d->members[m].code, d->names[m],
		 p->year, p->plan ? _("plan") : _("actual"));
	detail_begin(v, title);
	for (size_t s = 0; s < d->in.n_services; s++) {
		if (!p->r.services[s].active)
			continue;
		const vb_alloc_cell *c = vb_alloc_cell_at(&p->r, m, s);
		char svc[80];
		snprintf(svc, sizeof svc, "  %s", d->services[s].code);
		if (c->days)
			snprintf(days, sizeof days, _("%d days, key %s"), (int)c->days,
				 d->in.keys[d->services[s].key].code);
		else
			snprintf(days, sizeof days, _("not taking part (key %s)"),
				 d->in.keys[d->services[s].key].code);
		detail_row(v, NULL, NULL, svc, d->service_names[s], money(c->share, buf), days);
	}
	detail_row(v, NULL, NULL, _("transfers"), _("staff transfer credits"),
		   money(p->r.members[m].transfers, buf), NULL);
	drow *t = detail_row(v, NULL, NULL, _("total"), NULL, money(p->r.members[m].total, buf), NULL);
	t->section = 1;
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
	snprintf(buf, size, _(" %d, %s: %zu members, total %s EUR"), p->year,
		 p->plan ? _("plan") : _("actual"), v->main.n, money(p->have ? p->total : 0, total));
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
	.hints = (uint64_t)1 << ACT_YEAR | (uint64_t)1 << ACT_BASIS,
	.load = alloc_load_view,
	.detail = alloc_detail,
	.action = alloc_action,
	.prompt_done = alloc_prompt_done,
	.info = alloc_info,
	.free = alloc_free,
};
