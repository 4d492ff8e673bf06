/* The allocation engine's first steps: the run's context helpers, then
 * checking the input and indexing it (code orders, figures sorted once,
 * the result's and the split's buffers). */
#include "alloc.h"
#include "i18n.h"		/* the messages that reach users */
#include <stdarg.h>
#include <stdio.h>		/* vsnprintf into the error message only */
#include <stdlib.h>
#include <string.h>
#include "alloc_int.h"

void *
al_tmp(ctx *c, size_t count, size_t size)
{
	return al_arena_alloc(&c->tmp, count, size);
}

int
al_nomem(ctx *c)
{
	return al_set_err(c->err, VB_ALLOC_ENOMEM, "out of memory");
}

/* A problem that leaves the rest of the year to be checked: reported
 * through in->problem when the caller asks for every problem (0: go on
 * without this part), else the run's error (-1). */
int
al_problem(ctx *c, enum vb_alloc_errkind kind, const char *entity, const char *code, const char *fmt, ...)
{
	vb_alloc_error e;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	e.kind = kind;
	e.entity = entity;
	e.code = code;
	e.metric = kind == VB_ALLOC_EFIGURE ? c->want_metric : NULL;
	e.year = kind == VB_ALLOC_EFIGURE ? c->want_year : 0;
	if (c->problems++ == 0 || !c->in->problem)
		*c->err = e;
	if (!c->in->problem)
		return -1;
	c->in->problem(c->in->problem_arg, &e);
	return 0;
}

int32_t
al_year_days(const ctx *c, vb_date a, vb_date b)
{
	return date_overlap_days(a, b, c->ys, c->ye);
}

/* Names the record by its code when it has one, else by its position. */
static int
bad_input(ctx *c, const char *what, const char *code, size_t i, const char *why)
{
	if (code)
		return al_set_err(c->err, VB_ALLOC_EINPUT, "invalid input: %s '%s': %s", what, code, why);
	return al_set_err(c->err, VB_ALLOC_EINPUT, "invalid input: %s %zu: %s", what, i, why);
}

static int
amount_ok(int64_t cents)
{
	return cents >= -VB_ALLOC_AMOUNT_MAX && cents <= VB_ALLOC_AMOUNT_MAX;
}

static int
check_key(ctx *c, const vb_alloc_key *k, size_t i)
{
	const vb_alloc_input *in = c->in;
	if (!k->code)
		return bad_input(c, "key", NULL, i, "no code");
	if ((unsigned)k->method > VB_KEY_COMPOSITE || (k->method == VB_KEY_METRIC && !k->metric))
		return bad_input(c, "key", k->code, i, "unknown method or no metric");
	for (size_t j = 0; j < k->n_fixed; j++)
		if (k->fixed[j].member >= in->n_members || k->fixed[j].percent < 0 ||
		    k->fixed[j].percent > VB_ALLOC_VALUE_MAX)
			return bad_input(c, "key", k->code, i, "fixed percentage out of range");
	for (size_t j = 0; j < k->n_parts; j++)
		if (k->parts[j].key >= in->n_keys || k->parts[j].weight < 0)
			return bad_input(c, "key", k->code, i, "composite part out of range");
	for (size_t j = 0; j < k->n_exclude; j++)
		if (k->exclude[j] >= in->n_members)
			return bad_input(c, "key", k->code, i, "excluded member out of range");
	return 0;
}

/* Index and value ranges: the rest of the engine relies on them. */
int
al_check_input(ctx *c)
{
	const vb_alloc_input *in = c->in;
	size_t nm = in->n_members, ns = in->n_services;
	for (size_t i = 0; i < nm; i++)
		if (!in->members[i].code)
			return bad_input(c, "member", NULL, i, "no code");
	for (size_t i = 0; i < in->n_keys; i++)
		if (check_key(c, &in->keys[i], i) < 0)
			return -1;
	for (size_t i = 0; i < ns; i++) {
		const vb_alloc_service *s = &in->services[i];
		if (!s->code || s->key >= in->n_keys || !amount_ok(s->cost) || !amount_ok(s->standalone))
			return bad_input(c, "service", s->code, i, "no code, unknown key or amount out of range");
	}
	for (size_t i = 0; i < in->n_subs; i++)
		if (in->subs[i].member >= nm || in->subs[i].service >= ns)
			return bad_input(c, "subscription", NULL, i, "unknown member or service");
	for (size_t i = 0; i < in->n_figures; i++) {
		const vb_alloc_figure *f = &in->figures[i];
		if (f->member >= nm || !f->metric || f->value < 0 || f->value > VB_ALLOC_VALUE_MAX)
			return bad_input(c, "figure", NULL, i, "unknown member, no metric or value out of range");
	}
	for (size_t i = 0; i < in->n_grants; i++) {
		const vb_alloc_grant *g = &in->grants[i];
		if (!g->code || (g->service != VB_ALLOC_ALL && g->service >= ns) || !amount_ok(g->amount))
			return bad_input(c, "grant", g->code, i, "no code, unknown service or amount out of range");
	}
	for (size_t i = 0; i < in->n_transfers; i++) {
		const vb_alloc_transfer *t = &in->transfers[i];
		if (t->from >= nm || t->to >= nm || !amount_ok(t->credit) || t->credit_years < 0 ||
		    t->credit_years > VB_ALLOC_YEARS_MAX)
			return bad_input(c, "transfer", NULL, i, "unknown member, credit or years out of range");
	}
	return 0;
}

static int
coded_cmp(const void *pa, const void *pb)
{
	const coded *a = pa, *b = pb;
	int r = strcmp(a->code, b->code);
	return r ? r : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Sorts tmp (filled by the caller) by code and returns the indexes. */
static size_t *
code_order(ctx *c, coded *tmp, size_t n)
{
	size_t *order = al_tmp(c, n, sizeof *order);
	if (!order)
		return NULL;
	qsort(tmp, n, sizeof *tmp, coded_cmp);
	for (size_t i = 0; i < n; i++)
		order[i] = tmp[i].idx;
	return order;
}

static int
fig_cmp(const void *pa, const void *pb)
{
	const fig *a = pa, *b = pb;
	if (a->member != b->member)
		return a->member < b->member ? -1 : 1;
	int r = strcmp(a->metric, b->metric);
	if (r)
		return r;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return (a->value > b->value) - (a->value < b->value);
}

/* Figures sorted once, with each member's range, so that a lookup is a
 * binary search instead of a scan. */
static int
index_figures(ctx *c)
{
	const vb_alloc_input *in = c->in;
	c->fig_start = al_tmp(c, in->n_members + 1, sizeof *c->fig_start);
	if (!c->fig_start)
		return al_nomem(c);
	/* callers that read figures in key order need no copy and no sort */
	size_t k = 1;
	while (k < in->n_figures && fig_cmp(&in->figures[k - 1], &in->figures[k]) <= 0)
		k++;
	if (k < in->n_figures) {
		fig *copy = al_tmp(c, in->n_figures, sizeof *copy);
		if (!copy)
			return al_nomem(c);
		memcpy(copy, in->figures, in->n_figures * sizeof *copy);
		qsort(copy, in->n_figures, sizeof *copy, fig_cmp);
		c->figs = copy;
	} else {
		c->figs = in->figures;
	}
	size_t j = 0;
	for (size_t m = 0; m <= in->n_members; m++) {
		while (j < in->n_figures && c->figs[j].member < m)
			j++;
		c->fig_start[m] = j;
	}
	return 0;
}

/* The member's figure for the latest year <= year; -1 when there is none. */
int
al_fig_find(const ctx *c, size_t m, const char *metric, int year, int64_t *value, int *from)
{
	size_t lo = c->fig_start[m], hi = c->fig_start[m + 1], first = lo;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->figs[mid].metric, metric);
		if (r < 0 || (r == 0 && c->figs[mid].year <= year))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == first || strcmp(c->figs[lo - 1].metric, metric) != 0)
		return -1;
	*value = c->figs[lo - 1].value;
	*from = c->figs[lo - 1].year;
	return 0;
}

static int
order_records(ctx *c)
{
	const vb_alloc_input *in = c->in;
	size_t n = in->n_members;
	if (in->n_services > n)
		n = in->n_services;
	if (in->n_grants > n)
		n = in->n_grants;
	coded *tmp = al_tmp(c, n, sizeof *tmp);
	if (!tmp)
		return al_nomem(c);
	for (size_t i = 0; i < in->n_members; i++)
		tmp[i] = (coded){in->members[i].code, i};
	c->morder = code_order(c, tmp, in->n_members);
	for (size_t i = 0; i < in->n_services; i++)
		tmp[i] = (coded){in->services[i].code, i};
	c->sorder = code_order(c, tmp, in->n_services);
	for (size_t i = 0; i < in->n_grants; i++)
		tmp[i] = (coded){in->grants[i].code, i};
	c->gorder = code_order(c, tmp, in->n_grants);
	if (!c->morder || !c->sorder || !c->gorder)
		return al_nomem(c);
	return 0;
}

static int
alloc_result(ctx *c)
{
	const vb_alloc_input *in = c->in;
	vb_alloc_result *res = c->res;
	res->year = in->year;
	res->days_in_year = date_days_in_year(in->year);
	res->n_members = in->n_members;
	res->n_services = in->n_services;
	res->services = al_arena_alloc(&res->mem, in->n_services, sizeof *res->services);
	res->members = al_arena_alloc(&res->mem, in->n_members, sizeof *res->members);
	res->cells = al_arena_alloc(&res->mem, al_sat_mul(in->n_members, in->n_services),
				 sizeof *res->cells);
	if (!res->services || !res->members || !res->cells)
		return al_nomem(c);
	for (size_t s = 0; s < in->n_services; s++) {
		res->services[s].cost = in->services[s].cost;
		res->services[s].standalone = in->services[s].standalone;
	}
	return 0;
}

/* Buffers of the splits: one entry per member, service or composite part. */
static int
alloc_buffers(ctx *c)
{
	const vb_alloc_input *in = c->in;
	size_t n = in->n_members, nparts = 0;
	if (in->n_services > n)
		n = in->n_services;
	for (size_t k = 0; k < in->n_keys; k++) {
		if (in->keys[k].method != VB_KEY_COMPOSITE)
			continue;
		if (in->keys[k].n_parts > n)
			n = in->keys[k].n_parts;
		nparts += in->keys[k].n_parts;
	}
	c->sel = al_tmp(c, n, sizeof *c->sel);
	c->sel_days = al_tmp(c, n, sizeof *c->sel_days);
	c->sel_share = al_tmp(c, n, sizeof *c->sel_share);
	c->w = al_tmp(c, n, sizeof *c->w);
	c->share = al_tmp(c, n, sizeof *c->share);
	c->cent = al_tmp(c, n, sizeof *c->cent);
	c->items = al_tmp(c, n, sizeof *c->items);
	c->excl = al_tmp(c, in->n_members, sizeof *c->excl);
	c->fixed = al_tmp(c, in->n_members, sizeof *c->fixed);
	c->part_amount = al_tmp(c, nparts, sizeof *c->part_amount);
	c->part_off = al_tmp(c, in->n_keys, sizeof *c->part_off);
	c->color = al_tmp(c, in->n_keys, sizeof *c->color);
	c->leaves = al_tmp(c, in->n_keys, sizeof *c->leaves);
	c->path = al_tmp(c, in->n_keys, sizeof *c->path);
	c->kfig = al_tmp(c, in->n_keys, sizeof *c->kfig);
	if (!c->kfig || !c->sel || !c->sel_days || !c->sel_share || !c->w || !c->share || !c->cent || !c->items || !c->excl || !c->fixed ||
	    !c->part_amount || !c->part_off || !c->color || !c->leaves || !c->path)
		return al_nomem(c);
	for (size_t k = 0, off = 0; k < in->n_keys; k++) {
		c->part_off[k] = off;
		if (in->keys[k].method == VB_KEY_COMPOSITE)
			off += in->keys[k].n_parts;
	}
	return 0;
}

int
al_index_input(ctx *c)
{
	if (order_records(c) < 0 || index_figures(c) < 0 || alloc_result(c) < 0)
		return -1;
	return alloc_buffers(c);
}
