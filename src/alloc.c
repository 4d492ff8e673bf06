/* The cost-allocation engine: the exact rules of spec §2.
 *
 * One run works in steps (see vb_allocate): check the input, index it
 * (code orders, figures sorted once), check the keys for cycles, count
 * each member's days per service, apply grants, reserve the explanation,
 * split every service by its key, add staff transfer credits, and finally
 * check that everything reconciles.  Scratch memory comes from one arena
 * freed at the end; the result lives in another, freed by vb_alloc_free. */
#include "alloc.h"
#include "alloc_int.h"
#include "i18n.h"		/* the messages that reach users */

#include <stdarg.h>
#include <stdio.h>		/* vsnprintf into the error message only */
#include <stdlib.h>
#include <string.h>

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
	return al_set_err(c->err, VB_ALLOC_ECYCLE, _("key '%s' contains itself: %s"), keys[k].code, chain);
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
		leaves = al_sat_add(leaves, c->leaves[part]);
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
		int32_t days = al_year_days(c, in->members[m].joined, in->members[m].left);
		for (size_t s = 0; s < in->n_services; s++)
			al_cell(c, m, s)->days = in->services[s].subscription ? 0 : days;
	}
	for (size_t i = 0; i < in->n_subs; i++) {
		const vb_alloc_sub *sub = &in->subs[i];
		const vb_alloc_member *mem = &in->members[sub->member];
		if (!in->services[sub->service].subscription)
			continue;
		vb_date from = sub->from > mem->joined ? sub->from : mem->joined;
		vb_date until = sub->until < mem->left ? sub->until : mem->left;
		vb_alloc_cell *cl = al_cell(c, sub->member, sub->service);
		cl->days += al_year_days(c, from, until);
		if (cl->days > c->res->days_in_year)
			return al_set_err(c->err, VB_ALLOC_EINPUT,
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
		return al_problem(c, VB_ALLOC_EGRANT, "grant", g->code,
			       _("grant '%s' has a part in %d but no service has costs"), g->code, in->year);
	al_lr_split(part, c->w, c->nsel, sum, c->share, c->cent, c->items);
	for (size_t i = 0; i < c->nsel; i++)
		if (al_add_checked(c->err, &c->res->services[c->sel[i]].grant, c->share[i],
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
			if (al_add_checked(c->err, &sr[g->service].grant, part, N_("the sum of the grants of service"),
					in->services[g->service].code) < 0)
				return -1;
		} else if (split_grant(c, g, part) < 0) {
			return -1;
		}
	}
	for (size_t s = 0; s < in->n_services; s++) {
		if (__builtin_sub_overflow(sr[s].cost, sr[s].grant, &sr[s].net))
			return al_set_err(c->err, VB_ALLOC_EOVERFLOW,
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
			np += al_cell(c, m, s)->days > 0;
		cap = al_sat_add(cap, al_sat_mul(np, c->leaves[in->services[s].key]));
	}
	c->res->parts = al_arena_alloc(&c->res->mem, cap, sizeof *c->res->parts);
	c->res->first_part = al_arena_alloc(&c->res->mem, al_sat_mul(in->n_members, in->n_services),
					 sizeof *c->res->first_part);
	return c->res->parts && c->res->first_part ? 0 : al_nomem(c);
}

/* ---- step: split the services --------------------------------------- */

static int split_key(ctx *c, size_t k, int64_t amount);

static int
weight_error(ctx *c, size_t k)
{
	return al_problem(c, VB_ALLOC_EWEIGHT, "key", c->in->keys[k].code,
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
		if (!c->kfig[k] && !(c->kfig[k] = al_tmp(c, c->in->n_members, sizeof **c->kfig)))
			return al_nomem(c);
		leaf_fig *f = &c->kfig[k][m];
		if (!f->state)
			f->state = al_fig_find(c, m, key->metric, c->in->year + key->offset, &f->value,
					    &f->year) < 0 ? 2 : 1;
		if (f->state == 2) {
			c->missing = 1;
			c->want_metric = key->metric;
			c->want_year = c->in->year + key->offset;
			if (!c->in->problem)
				return al_problem(c, VB_ALLOC_EFIGURE, "figure", c->in->members[m].code,
					       _("member '%s' has no figure '%s' for %d or earlier"),
					       c->in->members[m].code, key->metric, c->in->year + key->offset);
			return al_problem(c, VB_ALLOC_EFIGURE, "figure", c->in->members[m].code,
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
	vb_i128 num = (vb_i128)amount * p->weight, g = al_gcd(al_abs(num), sum);
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
		int32_t days = c->sel_days[i];
		if (__builtin_mul_overflow(value, (int64_t)days, &c->w[i]))
			return al_set_err(c->err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"),
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
	al_lr_split(amount, c->w, c->nsel, sum, c->share, c->cent, c->items);
	for (size_t i = 0; i < c->nsel; i++) {
		if (al_add_checked(c->err, &c->sel_share[i], c->share[i],
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
	al_lr_split(amount, c->w, key->n_parts, sum, amounts, c->cent, c->items);
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
		vb_alloc_cell *cl = al_cell(c, c->sel[i], c->svc);
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
	for (size_t i = 0; i < in->n_members; i++) {
		const vb_alloc_cell *cl = al_cell(c, c->morder[i], s);
		if (cl->days > 0) {
			c->sel[c->nsel] = c->morder[i];
			c->sel_days[c->nsel] = cl->days;
			c->sel_share[c->nsel++] = 0;
		}
	}
	sr->n_participants = c->nsel;
	if (sr->net == 0)
		return 0;
	if (c->nsel == 0)
		return al_problem(c, VB_ALLOC_ENOPART, "service", in->services[s].code,
			       _("service '%s' has costs in %d but no participating member"),
			       in->services[s].code, in->year);
	c->leaf_max = c->leaves[in->services[s].key];
	c->leaf_used = 0;
	int rc = split_key(c, in->services[s].key, sr->net);
	/* a cell's share comes from its service's split alone (the cells
	 * start at 0) */
	for (size_t i = 0; i < c->nsel; i++)
		al_cell(c, c->sel[i], s)->share = c->sel_share[i];
	if (rc < 0)
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
		    al_add_checked(c->err, &mr[t->from].transfers, -credit, N_("the sum of the transfers of member"),
				c->in->members[t->from].code) < 0 ||
		    al_add_checked(c->err, &mr[t->to].transfers, credit, N_("the sum of the transfers of member"),
				c->in->members[t->to].code) < 0)
			return c->err->kind == VB_ALLOC_EOVERFLOW ? -1
				: al_set_err(c->err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"),
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
	int64_t *sums = al_tmp(c, in->n_services, sizeof *sums), net = 0;
	if (!sums)
		return al_nomem(c);
	res->total = 0;
	for (size_t m = 0; m < in->n_members; m++) {
		vb_alloc_member_result *mr = &res->members[m];
		mr->total = mr->transfers;
		for (size_t s = 0; s < in->n_services; s++) {
			const vb_alloc_cell *cl = al_cell(c, m, s);
			if (al_add_checked(c->err, &mr->total, cl->share, N_("the total of member"), in->members[m].code) < 0 ||
			    al_add_checked(c->err, &sums[s], cl->share, N_("the sum of the shares of service"), in->services[s].code) < 0)
				return -1;
			if (cl->days > 0 && res->services[s].active)
				mr->listed = 1;
		}
		if (al_add_checked(c->err, &res->total, mr->total, N_("the total of all members, at member"),
				in->members[m].code) < 0)
			return -1;
	}
	for (size_t s = 0; s < in->n_services; s++) {
		if (sums[s] != res->services[s].net)
			return al_set_err(c->err, VB_ALLOC_EINTERNAL,
				       "internal error: shares of service '%s' add up to %lld cents, not %lld",
				       in->services[s].code, (long long)sums[s],
				       (long long)res->services[s].net);
		if (al_add_checked(c->err, &net, res->services[s].net, N_("the sum of net costs, at service"),
				in->services[s].code) < 0)
			return -1;
	}
	if (res->total != net)
		return al_set_err(c->err, VB_ALLOC_EINTERNAL,
			       "internal error: member totals add up to %lld cents, net costs to %lld",
			       (long long)res->total, (long long)net);
	return 0;
}

/* ---- public --------------------------------------------------------- */

int
vb_allocate(const vb_alloc_input *in, vb_alloc_result *res, vb_alloc_error *err)
{
	static int (*const steps[])(ctx *) = {
		al_check_input, al_index_input, check_keys, count_days, apply_grants,
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
	al_arena_free(c.tmp);
	if (rc < 0)
		vb_alloc_free(res);
	return rc;
}

void
vb_alloc_free(vb_alloc_result *res)
{
	al_arena_free(res->mem);
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
	vb_i128 a = al_abs(g->amount), sum = (vb_i128)g->until - g->from + 1, given = 0;
	int64_t days = grant_days(g, year);
	vb_i128 rem = a * days % sum, before = 0;
	for (int y = y0; y <= y1; y++) {
		int64_t d = grant_days(g, y);
		given += a * d / sum;
		if (y != year && al_lr_before(a * d % sum, d, (size_t)(y - y0), rem, days,
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
	return al_div_round((vb_i128)t->credit * days, date_days_in_year(year));
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
		savings += (vb_i128)al_div_round((vb_i128)standalone * cl->days, res->days_in_year) - cl->share;
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
