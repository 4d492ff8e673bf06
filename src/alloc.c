/* The cost-allocation engine: the exact rules of spec §2.
 *
 * One run works in steps (see vb_allocate): check the input, index it
 * (code orders, figures sorted once), check the keys for cycles, count
 * each member's days per service, apply grants, reserve the explanation,
 * split every service by its key, add staff transfer credits, and finally
 * check that everything reconciles.  Scratch memory comes from one arena
 * freed at the end; the result lives in another, freed by vb_alloc_free. */
#include "alloc.h"
#include "i18n.h"		/* the messages that reach users */

#include <stdarg.h>
#include <stdio.h>		/* vsnprintf into the error message only */
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 vb_u128;

/* ---- arena ---------------------------------------------------------- */

struct vb_alloc_mem {
	struct vb_alloc_mem *next;
	size_t cap, used;
	max_align_t data[];
};

#define ARENA_BLOCK ((size_t)64 * 1024)

static struct vb_alloc_mem *
block_new(size_t cap)
{
	struct vb_alloc_mem *b = calloc(1, sizeof *b + cap);
	if (b)
		b->cap = cap;
	return b;
}

/* Zeroed memory for count objects of size bytes; NULL on overflow or
 * when out of memory.  Large requests get a block of their own behind
 * the current one, so that the current block keeps serving small ones. */
static void *
arena_alloc(struct vb_alloc_mem **head, size_t count, size_t size)
{
	if (size && count > (SIZE_MAX - ARENA_BLOCK) / size)
		return NULL;
	size_t n = count * size, unit = sizeof(max_align_t);
	n = n ? (n + unit - 1) / unit * unit : unit;
	struct vb_alloc_mem *b = *head;
	if (n > ARENA_BLOCK / 4) {
		struct vb_alloc_mem *big = block_new(n);
		if (!big)
			return NULL;
		big->used = n;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			*head = big;
		}
		return big->data;
	}
	if (!b || b->cap - b->used < n) {
		b = block_new(ARENA_BLOCK);
		if (!b)
			return NULL;
		b->next = *head;
		*head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

static void
arena_free(struct vb_alloc_mem *b)
{
	while (b) {
		struct vb_alloc_mem *next = b->next;
		free(b);
		b = next;
	}
}

/* ---- errors --------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
set_err(vb_alloc_error *err, enum vb_alloc_errkind kind, const char *fmt, ...)
{
	va_list ap;
	err->kind = kind;
	err->entity = err->code = err->metric = NULL;
	err->year = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- exact arithmetic ----------------------------------------------- */

/* *acc += v, or an error naming what overflowed: no sum ever wraps.
 * what is marked N_() and translated only on overflow: this runs for
 * every cell, and gettext there was most of an allocation's time. */
static int
add_checked(vb_alloc_error *err, int64_t *acc, int64_t v, const char *what, const char *code)
{
	if (!__builtin_add_overflow(*acc, v, acc))
		return 0;
	return set_err(err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"), _(what), code,
		       "±9223372036854775807");
}

static vb_i128
i128_abs(vb_i128 v)
{
	return v < 0 ? -v : v;
}

static vb_i128
i128_gcd(vb_i128 a, vb_i128 b)
{
	while (b) {
		vb_i128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* num / den (den > 0) rounded half away from zero. */
static int64_t
div_round(vb_i128 num, int64_t den)
{
	vb_i128 q = (2 * i128_abs(num) + den) / (2 * (vb_i128)den);
	return (int64_t)(num < 0 ? -q : q);
}

static size_t
sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t
sat_mul(size_t a, size_t b)
{
	return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

/* ---- largest remainder (Hare–Niemeyer) ------------------------------ */

/* Whether item a comes before item b when handing out the missing cents:
 * larger remainder, then larger weight, then the smaller position (the
 * callers list items in the tie order that each split names). */
static int
lr_before(vb_i128 rem_a, int64_t w_a, size_t pos_a, vb_i128 rem_b, int64_t w_b, size_t pos_b)
{
	if (rem_a != rem_b)
		return rem_a > rem_b;
	if (w_a != w_b)
		return w_a > w_b;
	return pos_a < pos_b;
}

typedef struct lr_item {
	vb_i128 rem;
	int64_t weight;
	size_t pos;
} lr_item;

static int
lr_cmp(const void *pa, const void *pb)
{
	const lr_item *a = pa, *b = pb;
	if (lr_before(a->rem, a->weight, a->pos, b->rem, b->weight, b->pos))
		return -1;
	return lr_before(b->rem, b->weight, b->pos, a->rem, a->weight, a->pos);
}

/* Splits amount among n non-negative weights (sum > 0) into out[], cent[i]
 * telling who got a remainder cent; a negative amount is split like its
 * absolute value and negated.  items is scratch for n entries. */
static void
lr_swap(lr_item *a, lr_item *b)
{
	lr_item t = *a;
	*a = *b;
	*b = t;
}

/* Moves the k items that come first in lr_cmp's order to items[0..k),
 * in any order: only who gets a cent matters, so a selection (linear on
 * average) replaces a full sort.  The order is total (positions are
 * unique), so the result does not depend on the input order. */
static void
lr_select(lr_item *items, size_t n, size_t k)
{
	size_t lo = 0, hi = n;	/* the k-th boundary lies in [lo, hi) */
	while (hi - lo > 1 && k > lo && k < hi) {
		/* median of three as the pivot, moved to the end */
		size_t mid = lo + (hi - lo) / 2, last = hi - 1;
		if (lr_cmp(&items[mid], &items[lo]) < 0)
			lr_swap(&items[mid], &items[lo]);
		if (lr_cmp(&items[last], &items[lo]) < 0)
			lr_swap(&items[last], &items[lo]);
		if (lr_cmp(&items[mid], &items[last]) < 0)
			lr_swap(&items[mid], &items[last]);
		lr_item pivot = items[last];
		size_t store = lo;
		for (size_t i = lo; i < last; i++)
			if (lr_cmp(&items[i], &pivot) < 0)
				lr_swap(&items[i], &items[store++]);
		lr_swap(&items[store], &items[last]);
		/* items[lo..store) come before the pivot, items(store..hi) after */
		if (store + 1 == k || store == k)
			return;
		if (store > k)
			hi = store;
		else
			lo = store + 1;
	}
}

static void
lr_split(int64_t amount, const int64_t *w, size_t n, vb_i128 sum, int64_t *out,
	 unsigned char *cent, lr_item *items)
{
	vb_i128 a = i128_abs(amount), given = 0;
	for (size_t i = 0; i < n; i++) {
		vb_i128 num = a * w[i];
		out[i] = (int64_t)(num / sum);
		cent[i] = 0;
		items[i] = (lr_item){num % sum, w[i], i};
		given += out[i];
	}
	size_t missing = (size_t)(a - given);
	if (missing) {
		lr_select(items, n, missing);
		for (size_t k = 0; k < missing; k++) {
			out[items[k].pos]++;
			cent[items[k].pos] = 1;
		}
	}
	for (size_t i = 0; amount < 0 && i < n; i++)
		out[i] = -out[i];
}

/* ---- the run's context ---------------------------------------------- */

/* The engine reads the input's figures in place when they come sorted
 * (as allocdb reads them): a copy was a fifth of an allocation's memory
 * at 10,800 members. */
typedef vb_alloc_figure fig;

/* A member's figure under a metric key, looked up once per run: every
 * service of that key reads the same one (the profile of a federation of
 * 10,800 members and 500 services spent a tenth of its time in
 * fig_find's string compares otherwise). */
typedef struct leaf_fig {
	int64_t value;
	int year;
	unsigned char state;	/* 0 not yet looked up, 1 found, 2 none */
} leaf_fig;

typedef struct coded {
	const char *code;
	size_t idx;
} coded;

enum { KEY_NEW, KEY_ON_PATH, KEY_DONE };

typedef struct ctx {
	const vb_alloc_input *in;
	vb_alloc_result *res;
	vb_alloc_error *err;
	struct vb_alloc_mem *tmp;	/* scratch, freed at the end */
	vb_date ys, ye;			/* first and last day of Y */
	size_t *morder;			/* member indexes in code order */
	size_t *sorder;			/* service indexes in code order */
	size_t *gorder;			/* grant indexes in code order */
	const fig *figs;		/* sorted by member, metric, year */
	size_t *fig_start;		/* [n_members + 1] into figs */
	unsigned char *color;		/* per key: KEY_* */
	size_t *leaves;			/* per key: number of leaf parts */
	size_t *path;			/* keys on the current visit path */
	size_t *part_off;		/* per key: its slice of part_amount */
	int64_t *part_amount;		/* composite part amounts */
	int *excl;			/* per member: keys on the path excluding it */
	int64_t *fixed;			/* per member: percentage under the current fixed key */
	size_t *sel;			/* participants (code order) or services */
	size_t nsel;
	int64_t *w, *share;		/* split buffers */
	unsigned char *cent;
	lr_item *items;
	struct leaf_fig **kfig;		/* per metric key: each member's figure, found once */
	size_t svc;			/* the service being split */
	size_t next_part;		/* explanation: first free part */
	size_t leaf_max, leaf_used;	/* explanation: leaf slots of the service */
	size_t problems;		/* reported through in->problem */
	int missing;			/* the current leaf lacks a figure */
	const char *want_metric;	/* the figure it lacks (problem reports) */
	int want_year;
} ctx;

static void *
tmp_alloc(ctx *c, size_t count, size_t size)
{
	return arena_alloc(&c->tmp, count, size);
}

static int
nomem(ctx *c)
{
	return set_err(c->err, VB_ALLOC_ENOMEM, "out of memory");
}

/* A problem that leaves the rest of the year to be checked: reported
 * through in->problem when the caller asks for every problem (0: go on
 * without this part), else the run's error (-1). */
static int
problem(ctx *c, enum vb_alloc_errkind kind, const char *entity, const char *code, const char *fmt, ...)
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

static vb_alloc_cell *
cell(const ctx *c, size_t m, size_t s)
{
	return &c->res->cells[m * c->in->n_services + s];
}

static int32_t
year_days(const ctx *c, vb_date a, vb_date b)
{
	return date_overlap_days(a, b, c->ys, c->ye);
}

/* ---- step: check the input ------------------------------------------ */

/* Names the record by its code when it has one, else by its position. */
static int
bad_input(ctx *c, const char *what, const char *code, size_t i, const char *why)
{
	if (code)
		return set_err(c->err, VB_ALLOC_EINPUT, "invalid input: %s '%s': %s", what, code, why);
	return set_err(c->err, VB_ALLOC_EINPUT, "invalid input: %s %zu: %s", what, i, why);
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
static int
check_input(ctx *c)
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

/* ---- step: index the input ------------------------------------------ */

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
	size_t *order = tmp_alloc(c, n, sizeof *order);
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
	c->fig_start = tmp_alloc(c, in->n_members + 1, sizeof *c->fig_start);
	if (!c->fig_start)
		return nomem(c);
	/* callers that read figures in key order need no copy and no sort */
	size_t k = 1;
	while (k < in->n_figures && fig_cmp(&in->figures[k - 1], &in->figures[k]) <= 0)
		k++;
	if (k < in->n_figures) {
		fig *copy = tmp_alloc(c, in->n_figures, sizeof *copy);
		if (!copy)
			return nomem(c);
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
static int
fig_find(const ctx *c, size_t m, const char *metric, int year, int64_t *value, int *from)
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
	coded *tmp = tmp_alloc(c, n, sizeof *tmp);
	if (!tmp)
		return nomem(c);
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
		return nomem(c);
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
	res->services = arena_alloc(&res->mem, in->n_services, sizeof *res->services);
	res->members = arena_alloc(&res->mem, in->n_members, sizeof *res->members);
	res->cells = arena_alloc(&res->mem, sat_mul(in->n_members, in->n_services),
				 sizeof *res->cells);
	if (!res->services || !res->members || !res->cells)
		return nomem(c);
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
	c->sel = tmp_alloc(c, n, sizeof *c->sel);
	c->w = tmp_alloc(c, n, sizeof *c->w);
	c->share = tmp_alloc(c, n, sizeof *c->share);
	c->cent = tmp_alloc(c, n, sizeof *c->cent);
	c->items = tmp_alloc(c, n, sizeof *c->items);
	c->excl = tmp_alloc(c, in->n_members, sizeof *c->excl);
	c->fixed = tmp_alloc(c, in->n_members, sizeof *c->fixed);
	c->part_amount = tmp_alloc(c, nparts, sizeof *c->part_amount);
	c->part_off = tmp_alloc(c, in->n_keys, sizeof *c->part_off);
	c->color = tmp_alloc(c, in->n_keys, sizeof *c->color);
	c->leaves = tmp_alloc(c, in->n_keys, sizeof *c->leaves);
	c->path = tmp_alloc(c, in->n_keys, sizeof *c->path);
	c->kfig = tmp_alloc(c, in->n_keys, sizeof *c->kfig);
	if (!c->kfig || !c->sel || !c->w || !c->share || !c->cent || !c->items || !c->excl || !c->fixed ||
	    !c->part_amount || !c->part_off || !c->color || !c->leaves || !c->path)
		return nomem(c);
	for (size_t k = 0, off = 0; k < in->n_keys; k++) {
		c->part_off[k] = off;
		if (in->keys[k].method == VB_KEY_COMPOSITE)
			off += in->keys[k].n_parts;
	}
	return 0;
}

static int
index_input(ctx *c)
{
	if (order_records(c) < 0 || index_figures(c) < 0 || alloc_result(c) < 0)
		return -1;
	return alloc_buffers(c);
}

/* ---- step: keys (cycles, leaf counts) ------------------------------- */

static int
cycle_error(ctx *c, size_t k, size_t depth)
{
	const vb_alloc_key *keys = c->in->keys;
	char chain[256];
	size_t len = 0, j = 0;
	while (c->path[j] != k)
		j++;
	chain[0] = '\0';
	for (; j <= depth; j++) {
		const char *code = keys[j < depth ? c->path[j] : k].code;
		int n = snprintf(chain + len, sizeof chain - len, "%s%s", code, j < depth ? " -> " : "");
		if (n < 0 || (size_t)n >= sizeof chain - len)
			break;
		len += (size_t)n;
	}
	return set_err(c->err, VB_ALLOC_ECYCLE, _("key '%s' contains itself: %s"), keys[k].code, chain);
}

/* Depth-first visit of a key's parts: a key met again while still on the
 * path is a cycle; on the way back each key learns its number of leaves. */
static int
visit_key(ctx *c, size_t k, size_t depth)
{
	const vb_alloc_key *key = &c->in->keys[k];
	if (c->color[k] == KEY_DONE)
		return 0;
	if (c->color[k] == KEY_ON_PATH)
		return cycle_error(c, k, depth);
	c->color[k] = KEY_ON_PATH;
	c->path[depth] = k;
	size_t leaves = key->method == VB_KEY_COMPOSITE ? 0 : 1;
	for (size_t i = 0; key->method == VB_KEY_COMPOSITE && i < key->n_parts; i++) {
		size_t part = key->parts[i].key;
		if (visit_key(c, part, depth + 1) < 0)
			return -1;
		leaves = sat_add(leaves, c->leaves[part]);
	}
	c->leaves[k] = leaves;
	c->color[k] = KEY_DONE;
	return 0;
}

static int
check_keys(ctx *c)
{
	for (size_t i = 0; i < c->in->n_services; i++)
		if (visit_key(c, c->in->services[c->sorder[i]].key, 0) < 0)
			return -1;
	return 0;
}

/* ---- step: days ----------------------------------------------------- */

static int
count_days(ctx *c)
{
	const vb_alloc_input *in = c->in;
	for (size_t m = 0; m < in->n_members; m++) {
		int32_t days = year_days(c, in->members[m].joined, in->members[m].left);
		for (size_t s = 0; s < in->n_services; s++)
			cell(c, m, s)->days = in->services[s].subscription ? 0 : days;
	}
	for (size_t i = 0; i < in->n_subs; i++) {
		const vb_alloc_sub *sub = &in->subs[i];
		const vb_alloc_member *mem = &in->members[sub->member];
		if (!in->services[sub->service].subscription)
			continue;
		vb_date from = sub->from > mem->joined ? sub->from : mem->joined;
		vb_date until = sub->until < mem->left ? sub->until : mem->left;
		vb_alloc_cell *cl = cell(c, sub->member, sub->service);
		cl->days += year_days(c, from, until);
		if (cl->days > c->res->days_in_year)
			return set_err(c->err, VB_ALLOC_EINPUT,
				       _("invalid input: subscriptions of member '%s' to service '%s' overlap"),
				       mem->code, in->services[sub->service].code);
	}
	return 0;
}

/* ---- step: grants and net costs ------------------------------------- */

/* Splits an all-services grant's year part among the services with a
 * cost above zero, by cost (ties: larger cost, then smaller code). */
static int
split_grant(ctx *c, const vb_alloc_grant *g, int64_t part)
{
	const vb_alloc_input *in = c->in;
	vb_i128 sum = 0;
	c->nsel = 0;
	for (size_t i = 0; i < in->n_services; i++) {
		size_t s = c->sorder[i];
		if (in->services[s].cost <= 0)
			continue;
		c->sel[c->nsel] = s;
		c->w[c->nsel++] = in->services[s].cost;
		sum += in->services[s].cost;
	}
	if (c->nsel == 0)
		return problem(c, VB_ALLOC_EGRANT, "grant", g->code,
			       _("grant '%s' has a part in %d but no service has costs"), g->code, in->year);
	lr_split(part, c->w, c->nsel, sum, c->share, c->cent, c->items);
	for (size_t i = 0; i < c->nsel; i++)
		if (add_checked(c->err, &c->res->services[c->sel[i]].grant, c->share[i],
				N_("the sum of the grants of service"), in->services[c->sel[i]].code) < 0)
			return -1;
	return 0;
}

static int
apply_grants(ctx *c)
{
	const vb_alloc_input *in = c->in;
	vb_alloc_service_result *sr = c->res->services;
	for (size_t i = 0; i < in->n_grants; i++) {
		const vb_alloc_grant *g = &in->grants[c->gorder[i]];
		int64_t part = vb_alloc_grant_part(g, in->year);
		if (part == 0)
			continue;
		if (g->service != VB_ALLOC_ALL) {
			if (add_checked(c->err, &sr[g->service].grant, part, N_("the sum of the grants of service"),
					in->services[g->service].code) < 0)
				return -1;
		} else if (split_grant(c, g, part) < 0) {
			return -1;
		}
	}
	for (size_t s = 0; s < in->n_services; s++) {
		if (__builtin_sub_overflow(sr[s].cost, sr[s].grant, &sr[s].net))
			return set_err(c->err, VB_ALLOC_EOVERFLOW,
				       _("%s '%s' overflows: beyond %s cents"), _("the net cost of service"),
				       in->services[s].code, "±9223372036854775807");
		sr[s].active = sr[s].cost != 0 || sr[s].grant != 0;
	}
	return 0;
}

/* ---- step: reserve the explanation ---------------------------------- */

/* One part per participant and leaf of every service with a net cost;
 * parts of zero amount are dropped later, when the service is packed. */
static int
reserve_explain(ctx *c)
{
	const vb_alloc_input *in = c->in;
	size_t cap = 0;
	if (!in->explain)
		return 0;
	for (size_t s = 0; s < in->n_services; s++) {
		size_t np = 0;
		if (c->res->services[s].net == 0)
			continue;
		for (size_t m = 0; m < in->n_members; m++)
			np += cell(c, m, s)->days > 0;
		cap = sat_add(cap, sat_mul(np, c->leaves[in->services[s].key]));
	}
	c->res->parts = arena_alloc(&c->res->mem, cap, sizeof *c->res->parts);
	c->res->first_part = arena_alloc(&c->res->mem, sat_mul(in->n_members, in->n_services),
					 sizeof *c->res->first_part);
	return c->res->parts && c->res->first_part ? 0 : nomem(c);
}

/* ---- step: split the services --------------------------------------- */

static int split_key(ctx *c, size_t k, int64_t amount);

static int
weight_error(ctx *c, size_t k)
{
	return problem(c, VB_ALLOC_EWEIGHT, "key", c->in->keys[k].code,
		       _("key '%s' gives no weight to any participant of service '%s'"),
		       c->in->keys[k].code, c->in->services[c->svc].code);
}

static void
mark_excluded(ctx *c, const vb_alloc_key *key, int delta)
{
	for (size_t i = 0; i < key->n_exclude; i++)
		c->excl[key->exclude[i]] += delta;
}

static void
scatter_fixed(ctx *c, const vb_alloc_key *key, int on)
{
	for (size_t i = 0; key->method == VB_KEY_FIXED && i < key->n_fixed; i++)
		c->fixed[key->fixed[i].member] = on ? key->fixed[i].percent : 0;
}

/* The value of member m under a leaf key (scaled), and the year of the
 * figure it came from. */
static int
leaf_value(ctx *c, const vb_alloc_key *key, size_t m, int64_t *value, int *year)
{
	*year = VB_ALLOC_NO_YEAR;
	*value = 0;
	if (c->excl[m] > 0)
		return 0;
	if (key->method == VB_KEY_EQUAL)
		*value = VB_ALLOC_UNIT;
	else if (key->method == VB_KEY_FIXED)
		*value = c->fixed[m];
	else {
		size_t k = (size_t)(key - c->in->keys);
		if (!c->kfig[k] && !(c->kfig[k] = tmp_alloc(c, c->in->n_members, sizeof **c->kfig)))
			return nomem(c);
		leaf_fig *f = &c->kfig[k][m];
		if (!f->state)
			f->state = fig_find(c, m, key->metric, c->in->year + key->offset, &f->value,
					    &f->year) < 0 ? 2 : 1;
		if (f->state == 2) {
			c->missing = 1;
			c->want_metric = key->metric;
			c->want_year = c->in->year + key->offset;
			if (!c->in->problem)
				return problem(c, VB_ALLOC_EFIGURE, "figure", c->in->members[m].code,
					       _("member '%s' has no figure '%s' for %d or earlier"),
					       c->in->members[m].code, key->metric, c->in->year + key->offset);
			return problem(c, VB_ALLOC_EFIGURE, "figure", c->in->members[m].code,
				       _("member '%s' has no figure '%s' for %d or earlier (key '%s' of service '%s')"),
				       c->in->members[m].code, key->metric, c->in->year + key->offset, key->code,
				       c->in->services[c->svc].code);
		}
		*value = f->value;
		*year = f->year;
	}
	return 0;
}

static vb_alloc_part *
part_slot(const ctx *c, size_t i)
{
	return &c->res->parts[c->next_part + i * c->leaf_max + c->leaf_used];
}

static void
set_quota(vb_alloc_part *p, int64_t amount, vb_i128 sum)
{
	vb_i128 num = (vb_i128)amount * p->weight, g = i128_gcd(i128_abs(num), sum);
	p->quota_num = num / g;
	p->quota_den = sum / g;
}

/* Weights of the participants under a metric, equal or fixed key. */
static int
leaf_weights(ctx *c, size_t k, vb_i128 *sum)
{
	const vb_alloc_key *key = &c->in->keys[k];
	*sum = 0;
	for (size_t i = 0; i < c->nsel; i++) {
		size_t m = c->sel[i];
		int64_t value;
		int year;
		if (leaf_value(c, key, m, &value, &year) < 0)
			return -1;
		int32_t days = cell(c, m, c->svc)->days;
		if (__builtin_mul_overflow(value, (int64_t)days, &c->w[i]))
			return set_err(c->err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"),
				       _("the weight of member"), c->in->members[m].code,
				       "±9223372036854775807");
		*sum += c->w[i];
		if (c->in->explain)
			*part_slot(c, i) = (vb_alloc_part){.key = k, .value = value, .value_year = year,
							   .excluded = c->excl[m] > 0, .days = days,
							   .weight = c->w[i]};
	}
	return 0;
}

static int
split_leaf(ctx *c, size_t k, int64_t amount)
{
	vb_i128 sum;
	scatter_fixed(c, &c->in->keys[k], 1);
	c->missing = 0;
	int rc = leaf_weights(c, k, &sum);
	scatter_fixed(c, &c->in->keys[k], 0);
	if (rc < 0)
		return -1;
	if (c->missing)
		return 0;	/* reported; the others are checked on */
	if (sum == 0)
		return weight_error(c, k);
	lr_split(amount, c->w, c->nsel, sum, c->share, c->cent, c->items);
	for (size_t i = 0; i < c->nsel; i++) {
		if (add_checked(c->err, &cell(c, c->sel[i], c->svc)->share, c->share[i],
				N_("the share of member"), c->in->members[c->sel[i]].code) < 0)
			return -1;
		if (!c->in->explain)
			continue;
		vb_alloc_part *p = part_slot(c, i);
		p->amount = amount;
		set_quota(p, amount, sum);
		p->remainder_cent = c->cent[i];
		p->share = c->share[i];
	}
	c->leaf_used++;
	return 0;
}

/* Splits amount into the parts by their weights (ties: the part listed
 * first), then each part by its own key. */
static int
split_composite(ctx *c, size_t k, int64_t amount)
{
	const vb_alloc_key *key = &c->in->keys[k];
	int64_t *amounts = c->part_amount + c->part_off[k];
	vb_i128 sum = 0;
	for (size_t i = 0; i < key->n_parts; i++) {
		c->w[i] = key->parts[i].weight;
		sum += c->w[i];
	}
	if (sum == 0)
		return weight_error(c, k);
	lr_split(amount, c->w, key->n_parts, sum, amounts, c->cent, c->items);
	for (size_t i = 0; i < key->n_parts; i++)
		if (split_key(c, key->parts[i].key, amounts[i]) < 0)
			return -1;
	return 0;
}

/* A key's excludes hold for the key and all of its parts. */
static int
split_key(ctx *c, size_t k, int64_t amount)
{
	const vb_alloc_key *key = &c->in->keys[k];
	if (amount == 0)
		return 0;
	mark_excluded(c, key, 1);
	int rc = key->method == VB_KEY_COMPOSITE ? split_composite(c, k, amount)
						 : split_leaf(c, k, amount);
	mark_excluded(c, key, -1);
	return rc;
}

/* Moves the service's parts together (leaf_used per participant instead
 * of leaf_max) and points the cells at them. */
static void
pack_explain(ctx *c)
{
	size_t used = c->leaf_used, base = c->next_part;
	vb_alloc_part *parts = c->res->parts;
	for (size_t i = 0; i < c->nsel; i++) {
		if (used && i)
			memmove(&parts[base + i * used], &parts[base + i * c->leaf_max],
				used * sizeof *parts);
		vb_alloc_cell *cl = cell(c, c->sel[i], c->svc);
		c->res->first_part[(size_t)(cl - c->res->cells)] = base + i * used;
		cl->n_parts = (uint32_t)used;
	}
	c->next_part += c->nsel * used;
	c->res->n_parts = c->next_part;
}

static int
split_service(ctx *c, size_t s)
{
	const vb_alloc_input *in = c->in;
	vb_alloc_service_result *sr = &c->res->services[s];
	c->svc = s;
	c->nsel = 0;
	for (size_t i = 0; i < in->n_members; i++)
		if (cell(c, c->morder[i], s)->days > 0)
			c->sel[c->nsel++] = c->morder[i];
	sr->n_participants = c->nsel;
	if (sr->net == 0)
		return 0;
	if (c->nsel == 0)
		return problem(c, VB_ALLOC_ENOPART, "service", in->services[s].code,
			       _("service '%s' has costs in %d but no participating member"),
			       in->services[s].code, in->year);
	c->leaf_max = c->leaves[in->services[s].key];
	c->leaf_used = 0;
	if (split_key(c, in->services[s].key, sr->net) < 0)
		return -1;
	if (in->explain)
		pack_explain(c);
	return 0;
}

static int
split_services(ctx *c)
{
	for (size_t i = 0; i < c->in->n_services; i++)
		if (split_service(c, c->sorder[i]) < 0)
			return -1;
	return 0;
}

/* ---- step: transfers, totals, reconciliation ------------------------ */

static int
add_transfers(ctx *c)
{
	vb_alloc_member_result *mr = c->res->members;
	for (size_t i = 0; i < c->in->n_transfers; i++) {
		const vb_alloc_transfer *t = &c->in->transfers[i];
		int64_t credit = vb_alloc_transfer_credit(t, c->in->year);
		if (credit == 0)
			continue;
		if (credit == INT64_MIN ||
		    add_checked(c->err, &mr[t->from].transfers, -credit, N_("the sum of the transfers of member"),
				c->in->members[t->from].code) < 0 ||
		    add_checked(c->err, &mr[t->to].transfers, credit, N_("the sum of the transfers of member"),
				c->in->members[t->to].code) < 0)
			return c->err->kind == VB_ALLOC_EOVERFLOW ? -1
				: set_err(c->err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"),
					  _("the sum of the transfers of member"), c->in->members[t->from].code,
					  "±9223372036854775807");
		mr[t->from].listed = mr[t->to].listed = 1;
	}
	return 0;
}

static int
reconcile(ctx *c)
{
	const vb_alloc_input *in = c->in;
	vb_alloc_result *res = c->res;
	int64_t *sums = tmp_alloc(c, in->n_services, sizeof *sums), net = 0;
	if (!sums)
		return nomem(c);
	res->total = 0;
	for (size_t m = 0; m < in->n_members; m++) {
		vb_alloc_member_result *mr = &res->members[m];
		mr->total = mr->transfers;
		for (size_t s = 0; s < in->n_services; s++) {
			const vb_alloc_cell *cl = cell(c, m, s);
			if (add_checked(c->err, &mr->total, cl->share, N_("the total of member"), in->members[m].code) < 0 ||
			    add_checked(c->err, &sums[s], cl->share, N_("the sum of the shares of service"), in->services[s].code) < 0)
				return -1;
			if (cl->days > 0 && res->services[s].active)
				mr->listed = 1;
		}
		if (add_checked(c->err, &res->total, mr->total, N_("the total of all members, at member"),
				in->members[m].code) < 0)
			return -1;
	}
	for (size_t s = 0; s < in->n_services; s++) {
		if (sums[s] != res->services[s].net)
			return set_err(c->err, VB_ALLOC_EINTERNAL,
				       "internal error: shares of service '%s' add up to %lld cents, not %lld",
				       in->services[s].code, (long long)sums[s],
				       (long long)res->services[s].net);
		if (add_checked(c->err, &net, res->services[s].net, N_("the sum of net costs, at service"),
				in->services[s].code) < 0)
			return -1;
	}
	if (res->total != net)
		return set_err(c->err, VB_ALLOC_EINTERNAL,
			       "internal error: member totals add up to %lld cents, net costs to %lld",
			       (long long)res->total, (long long)net);
	return 0;
}

/* ---- public --------------------------------------------------------- */

int
vb_allocate(const vb_alloc_input *in, vb_alloc_result *res, vb_alloc_error *err)
{
	static int (*const steps[])(ctx *) = {
		check_input, index_input, check_keys, count_days, apply_grants,
		reserve_explain, split_services, add_transfers, reconcile,
	};
	vb_alloc_error ignored;
	ctx c = {.in = in, .res = res, .err = err ? err : &ignored,
		 .ys = date_year_start(in->year), .ye = date_year_end(in->year)};
	int rc = 0;
	err = c.err;
	memset(res, 0, sizeof *res);
	err->kind = VB_ALLOC_OK;
	err->msg[0] = '\0';
	/* problems reported as they were found end the run after their step */
	for (size_t i = 0; rc == 0 && i < sizeof steps / sizeof *steps; i++)
		if ((rc = steps[i](&c)) == 0 && c.problems)
			rc = -1;
	arena_free(c.tmp);
	if (rc < 0)
		vb_alloc_free(res);
	return rc;
}

void
vb_alloc_free(vb_alloc_result *res)
{
	arena_free(res->mem);
	memset(res, 0, sizeof *res);
}

const vb_alloc_cell *
vb_alloc_cell_at(const vb_alloc_result *res, size_t member, size_t service)
{
	return &res->cells[member * res->n_services + service];
}

const vb_alloc_part *
vb_alloc_explain(const vb_alloc_result *res, size_t member, size_t service, size_t *n)
{
	const vb_alloc_cell *cl = vb_alloc_cell_at(res, member, service);
	*n = res->parts ? cl->n_parts : 0;
	return *n ? &res->parts[res->first_part[(size_t)(cl - res->cells)]] : NULL;
}

static int32_t
grant_days(const vb_alloc_grant *g, int year)
{
	return date_overlap_days(g->from, g->until, date_year_start(year), date_year_end(year));
}

/* Only one year's part is wanted: it gets a remainder cent exactly when
 * fewer than `missing` years come before it, so no list is sorted. */
int64_t
vb_alloc_grant_part(const vb_alloc_grant *g, int year)
{
	if (g->until < g->from)
		return 0;
	int y0 = date_year(g->from), y1 = date_year(g->until);
	if (year < y0 || year > y1)
		return 0;
	vb_i128 a = i128_abs(g->amount), sum = (vb_i128)g->until - g->from + 1, given = 0;
	int64_t days = grant_days(g, year);
	vb_i128 rem = a * days % sum, before = 0;
	for (int y = y0; y <= y1; y++) {
		int64_t d = grant_days(g, y);
		given += a * d / sum;
		if (y != year && lr_before(a * d % sum, d, (size_t)(y - y0), rem, days,
					   (size_t)(year - y0)))
			before++;
	}
	vb_i128 part = a * days / sum + (before < a - given);
	return (int64_t)(g->amount < 0 ? -part : part);
}

/* The credit period ends the day before the same calendar date
 * credit_years later (date_anniversary: 29 February becomes 1 March). */
int64_t
vb_alloc_transfer_credit(const vb_alloc_transfer *t, int year)
{
	if (t->credit_years <= 0 || t->credit_years > VB_ALLOC_YEARS_MAX)
		return 0;
	vb_date last = date_anniversary(t->date, t->credit_years) - 1;
	int32_t days = date_overlap_days(t->date, last, date_year_start(year), date_year_end(year));
	return div_round((vb_i128)t->credit * days, date_days_in_year(year));
}

int64_t
vb_alloc_savings(const vb_alloc_result *res, size_t member)
{
	vb_i128 savings = 0;
	for (size_t s = 0; s < res->n_services; s++) {
		const vb_alloc_cell *cl = vb_alloc_cell_at(res, member, s);
		int64_t standalone = res->services[s].standalone;
		if (standalone < 0 || cl->days <= 0)
			continue;
		savings += (vb_i128)div_round((vb_i128)standalone * cl->days, res->days_in_year) - cl->share;
		if (savings > INT64_MAX || savings < -INT64_MAX)
			return INT64_MIN;
	}
	return (int64_t)savings;
}

int
vb_advances_split(int64_t total, int n, int64_t *out)
{
	if (n < 1 || total == INT64_MIN)
		return -1;
	int64_t a = total < 0 ? -total : total;
	for (int k = 0; k < n; k++) {
		int64_t v = a / n + (k < a % n);
		out[k] = total < 0 ? -v : v;
	}
	return 0;
}

int
vb_advances_due_month(int n, int k)
{
	if ((n != 1 && n != 2 && n != 3 && n != 4 && n != 6 && n != 12) || k < 0 || k >= n)
		return -1;
	int step = 12 / n;
	return step * k + (step + 1) / 2;
}

char *
vb_i128_format(vb_i128 v, char *buf)
{
	char digits[VB_I128_BUFSZ];
	size_t n = 0;
	vb_u128 u = v < 0 ? -(vb_u128)v : (vb_u128)v;
	do {
		digits[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = digits[--n];
	*p = '\0';
	return buf;
}
