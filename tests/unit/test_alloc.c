/* Unit tests of the cost-allocation engine (src/alloc.c): the spec's
 * worked example, published and real keys, grants, subscriptions,
 * transfers, every error, helpers, and a property test over thousands of
 * random federations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "alloc.h"
#include "date.h"

/* Decimal, not cmocka's hexadecimal, when cents differ. */
#define assert_cents(a, b)                                                                  \
	do {                                                                                \
		long long a_ = (long long)(a), b_ = (long long)(b);                         \
		if (a_ != b_)                                                               \
			fail_msg("%s == %lld, expected %lld", #a, a_, b_);                  \
	} while (0)

__extension__ typedef unsigned __int128 u128;

#define U(x) ((int64_t)(x) * VB_ALLOC_UNIT)	/* units to ten-thousandths */
#define MAXM 16
#define MAXK 8
#define MAXS 8
#define MAXF 256
#define MAXSUB 128
#define MAXG 4
#define MAXT 4

static vb_date
D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* ---- a small federation builder -------------------------------------- */

/* Everything by value (pointers are set in fed_input), so a federation
 * can be copied and shuffled. */
typedef struct fed {
	vb_alloc_member members[MAXM];
	size_t nm;
	vb_alloc_key keys[MAXK];
	vb_alloc_fixed kfixed[MAXK][MAXM];
	vb_alloc_part_ref kparts[MAXK][MAXK];
	size_t kexcl[MAXK][MAXM];
	size_t nk;
	vb_alloc_service services[MAXS];
	size_t ns;
	vb_alloc_sub subs[MAXSUB];
	size_t nsub;
	vb_alloc_figure figs[MAXF];
	size_t nf;
	vb_alloc_grant grants[MAXG];
	size_t ng;
	vb_alloc_transfer transfers[MAXT];
	size_t nt;
	vb_alloc_input in;
} fed;

static fed *
fed_new(void)
{
	fed *f = calloc(1, sizeof *f);
	assert_non_null(f);
	return f;
}

static size_t
member(fed *f, const char *code, vb_date joined, vb_date left)
{
	assert_true(f->nm < MAXM);
	f->members[f->nm] = (vb_alloc_member){code, joined, left};
	return f->nm++;
}

static size_t
key(fed *f, const char *code, enum vb_key_method method, const char *metric, int offset)
{
	assert_true(f->nk < MAXK);
	f->keys[f->nk] = (vb_alloc_key){.code = code, .method = method, .metric = metric,
					.offset = offset};
	return f->nk++;
}

static void
key_fixed(fed *f, size_t k, size_t m, int64_t percent)
{
	f->kfixed[k][f->keys[k].n_fixed++] = (vb_alloc_fixed){m, percent};
}

static void
key_part(fed *f, size_t k, size_t part, int64_t weight)
{
	f->kparts[k][f->keys[k].n_parts++] = (vb_alloc_part_ref){part, weight};
}

static void
key_exclude(fed *f, size_t k, size_t m)
{
	f->kexcl[k][f->keys[k].n_exclude++] = m;
}

static size_t
service(fed *f, const char *code, size_t k, int64_t cost)
{
	assert_true(f->ns < MAXS);
	f->services[f->ns] = (vb_alloc_service){code, k, 0, cost, VB_ALLOC_NO_STANDALONE};
	return f->ns++;
}

static void
figure(fed *f, size_t m, const char *metric, int year, int64_t value)
{
	assert_true(f->nf < MAXF);
	f->figs[f->nf++] = (vb_alloc_figure){m, metric, year, value};
}

static void
subscribe(fed *f, size_t m, size_t s, vb_date from, vb_date until)
{
	assert_true(f->nsub < MAXSUB);
	f->subs[f->nsub++] = (vb_alloc_sub){m, s, from, until};
}

static void
grant(fed *f, const char *code, int64_t amount, vb_date from, vb_date until, size_t s)
{
	assert_true(f->ng < MAXG);
	f->grants[f->ng++] = (vb_alloc_grant){code, amount, from, until, s};
}

static void
transfer(fed *f, size_t from, size_t to, vb_date date, int64_t credit, int years)
{
	assert_true(f->nt < MAXT);
	f->transfers[f->nt++] = (vb_alloc_transfer){from, to, date, credit, years};
}

static const vb_alloc_input *
fed_input(fed *f, int year, int explain)
{
	for (size_t k = 0; k < f->nk; k++) {
		f->keys[k].fixed = f->kfixed[k];
		f->keys[k].parts = f->kparts[k];
		f->keys[k].exclude = f->kexcl[k];
	}
	f->in = (vb_alloc_input){
		.year = year, .explain = explain,
		.members = f->members, .n_members = f->nm,
		.keys = f->keys, .n_keys = f->nk,
		.services = f->services, .n_services = f->ns,
		.subs = f->subs, .n_subs = f->nsub,
		.figures = f->figs, .n_figures = f->nf,
		.grants = f->grants, .n_grants = f->ng,
		.transfers = f->transfers, .n_transfers = f->nt,
	};
	return &f->in;
}

/* Allocates and fails the test on an error. */
static void
run_ok(fed *f, int year, vb_alloc_result *res)
{
	vb_alloc_error err;
	if (vb_allocate(fed_input(f, year, 1), res, &err) != 0)
		fail_msg("allocation failed: %s", err.msg);
	assert_int_equal(err.kind, VB_ALLOC_OK);
}

/* Allocates, expecting the given error. */
static void
run_err(fed *f, int year, enum vb_alloc_errkind kind, const char *msg)
{
	vb_alloc_result res;
	vb_alloc_error err;
	assert_int_equal(vb_allocate(fed_input(f, year, 1), &res, &err), -1);
	assert_int_equal(err.kind, kind);
	assert_string_equal(err.msg, msg);
	assert_null(res.mem);
	assert_null(res.cells);
}

static int64_t
share(const vb_alloc_result *r, size_t m, size_t s)
{
	return vb_alloc_cell_at(r, m, s)->share;
}

static const vb_alloc_part *
only_part(const vb_alloc_result *r, size_t m, size_t s)
{
	size_t n;
	const vb_alloc_part *p = vb_alloc_explain(r, m, s, &n);
	assert_int_equal(n, 1);
	return p;
}

static void
assert_quota(const vb_alloc_part *p, const char *num, const char *den)
{
	char buf[VB_I128_BUFSZ];
	assert_string_equal(vb_i128_format(p->quota_num, buf), num);
	assert_string_equal(vb_i128_format(p->quota_den, buf), den);
}

/* ---- 1. the spec's worked example ------------------------------------ */

static void
test_worked_example(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t c = member(f, "c", D(2024, 7, 1), VB_ALLOC_OPEN);
	size_t k = key(f, "users", VB_KEY_METRIC, "users", 0);
	size_t hd = service(f, "helpdesk", k, 1000000);
	figure(f, a, "users", 2024, U(100));
	figure(f, b, "users", 2024, U(50));
	figure(f, c, "users", 2024, U(50));
	vb_alloc_result r;
	run_ok(f, 2024, &r);

	assert_int_equal(r.days_in_year, 366);
	assert_cents(r.services[hd].cost, 1000000);
	assert_cents(r.services[hd].grant, 0);
	assert_cents(r.services[hd].net, 1000000);
	assert_cents(share(&r, a, hd), 570983);
	assert_cents(share(&r, b, hd), 285491);
	assert_cents(share(&r, c, hd), 143526);
	assert_cents(r.members[a].total, 570983);
	assert_cents(r.total, 1000000);
	assert_int_equal(vb_alloc_cell_at(&r, c, hd)->days, 184);

	/* weights 36600, 18300, 9200; quotas 1000000 * w / 64100 */
	const vb_alloc_part *pa = only_part(&r, a, hd), *pb = only_part(&r, b, hd),
			    *pc = only_part(&r, c, hd);
	assert_cents(pa->weight, U(36600));
	assert_cents(pb->weight, U(18300));
	assert_cents(pc->weight, U(9200));
	assert_cents(pa->value, U(100));
	assert_int_equal(pa->value_year, 2024);
	assert_int_equal(pc->days, 184);
	assert_cents(pa->amount, 1000000);
	assert_quota(pa, "366000000", "641");	/* 570982.839… */
	assert_quota(pb, "183000000", "641");	/* 285491.419… */
	assert_quota(pc, "92000000", "641");	/* 143525.741… */
	assert_true(pa->remainder_cent);
	assert_false(pb->remainder_cent);
	assert_true(pc->remainder_cent);
	assert_cents(pa->share, 570983);
	vb_alloc_free(&r);
	free(f);
}

/* ---- 2. and 3. published examples ------------------------------------- */

/* 8 seats for 10,000 / 6,000 / 1,500 votes: 4 / 3 / 1. */
static void
test_hare_niemeyer(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t p[3];
	p[0] = member(f, "x", D(2000, 1, 1), VB_ALLOC_OPEN);
	p[1] = member(f, "y", D(2000, 1, 1), VB_ALLOC_OPEN);
	p[2] = member(f, "z", D(2000, 1, 1), VB_ALLOC_OPEN);
	size_t km = key(f, "votes", VB_KEY_METRIC, "votes", 0);
	size_t kf = key(f, "seats", VB_KEY_FIXED, NULL, 0);
	const int64_t votes[3] = {10000, 6000, 1500}, seats[3] = {4, 3, 1};
	for (int i = 0; i < 3; i++) {
		figure(f, p[i], "votes", 2023, U(votes[i]));
		key_fixed(f, kf, p[i], U(votes[i]));
	}
	size_t s1 = service(f, "by-metric", km, 8), s2 = service(f, "by-fixed", kf, 8);
	vb_alloc_result r;
	run_ok(f, 2023, &r);
	for (int i = 0; i < 3; i++) {
		assert_cents(share(&r, p[i], s1), seats[i]);
		assert_cents(share(&r, p[i], s2), seats[i]);
	}
	vb_alloc_free(&r);
	free(f);
}

/* 15.60 EUR by 57.073 % / 28.5365 % / 14.3905 %: 8.90 / 4.45 / 2.25. */
static void
test_fixed_percentages(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2000, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2000, 1, 1), VB_ALLOC_OPEN);
	size_t c = member(f, "c", D(2000, 1, 1), VB_ALLOC_OPEN);
	size_t k = key(f, "fix", VB_KEY_FIXED, NULL, 0);
	key_fixed(f, k, a, 570730);
	key_fixed(f, k, b, 285365);
	key_fixed(f, k, c, 143905);
	size_t s = service(f, "svc", k, 1560);
	vb_alloc_result r;
	run_ok(f, 2023, &r);
	assert_cents(share(&r, a, s), 890);
	assert_cents(share(&r, b, s), 445);
	assert_cents(share(&r, c, s), 225);
	assert_true(only_part(&r, c, s)->remainder_cent);
	assert_int_equal(only_part(&r, c, s)->value_year, VB_ALLOC_NO_YEAR);
	assert_cents(only_part(&r, c, s)->value, 143905);
	vb_alloc_free(&r);
	free(f);
}

/* ---- 4. joining and leaving ------------------------------------------ */

static void
test_join_leave(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2024, 2, 1), VB_ALLOC_OPEN);	/* 335 of 366 days */
	size_t c = member(f, "c", D(2020, 1, 1), D(2024, 2, 29));	/* 60 days */
	size_t gone = member(f, "d", D(2020, 1, 1), D(2023, 12, 31));
	size_t later = member(f, "e", D(2025, 1, 1), VB_ALLOC_OPEN);
	size_t never = member(f, "f", VB_ALLOC_NEVER, VB_ALLOC_OPEN);
	size_t s = service(f, "svc", key(f, "eq", VB_KEY_EQUAL, NULL, 0), 100000);
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_int_equal(vb_alloc_cell_at(&r, b, s)->days, 335);
	assert_int_equal(vb_alloc_cell_at(&r, c, s)->days, 60);
	assert_cents(share(&r, a, s), 48095);
	assert_cents(share(&r, b, s), 44021);
	assert_cents(share(&r, c, s), 7884);
	assert_int_equal(r.services[s].n_participants, 3);
	const size_t out[3] = {gone, later, never};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(vb_alloc_cell_at(&r, out[i], s)->days, 0);
		assert_cents(share(&r, out[i], s), 0);
		assert_false(r.members[out[i]].listed);
	}
	assert_true(r.members[c].listed);
	vb_alloc_free(&r);

	/* the same dates one year earlier: 365 days, 334 and 59 */
	f->members[b].joined = D(2023, 2, 1);
	f->members[c].left = D(2023, 2, 28);
	f->members[gone].left = D(2022, 12, 31);
	run_ok(f, 2023, &r);
	assert_int_equal(vb_alloc_cell_at(&r, b, s)->days, 334);
	assert_int_equal(vb_alloc_cell_at(&r, c, s)->days, 59);
	assert_cents(share(&r, a, s), 48153);
	assert_cents(share(&r, b, s), 44063);
	assert_cents(share(&r, c, s), 7784);
	vb_alloc_free(&r);
	free(f);
}

/* ---- 5. Traunstein ---------------------------------------------------- */

/* 50 % equal base amounts, 50 % by population of the previous year. */
static void
test_traunstein(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t traunreut = member(f, "traunreut", D(2024, 4, 1), VB_ALLOC_OPEN);
	size_t siegsdorf = member(f, "siegsdorf", D(2019, 1, 1), VB_ALLOC_OPEN);
	size_t grassau = member(f, "grassau", D(2019, 1, 1), VB_ALLOC_OPEN);
	size_t ruhpolding = member(f, "ruhpolding", D(2019, 1, 1), VB_ALLOC_OPEN);
	size_t inzell = member(f, "inzell", D(2019, 1, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "equal", VB_KEY_EQUAL, NULL, 0);
	size_t pop = key(f, "pop-prev", VB_KEY_METRIC, "population", -1);
	size_t isb = key(f, "isb-ts", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, isb, eq, U(50));
	key_part(f, isb, pop, U(50));
	size_t s = service(f, "isb", isb, 6000000);
	figure(f, grassau, "population", 2023, U(6800));
	figure(f, inzell, "population", 2021, U(4600));		/* carried forward */
	figure(f, ruhpolding, "population", 2022, U(7900));	/* carried forward */
	figure(f, ruhpolding, "population", 2025, U(8000));	/* later: ignored */
	figure(f, siegsdorf, "population", 2024, U(9999));	/* Y itself: ignored */
	figure(f, siegsdorf, "population", 2023, U(8400));
	figure(f, traunreut, "population", 2023, U(21000));
	vb_alloc_result r;
	run_ok(f, 2024, &r);

	const size_t m[5] = {grassau, inzell, ruhpolding, siegsdorf, traunreut};
	const int64_t eq_share[5] = {631398, 631397, 631397, 631397, 474411};
	const int eq_cent[5] = {1, 0, 0, 0, 1};
	const int64_t pop_share[5] = {469195, 317397, 545095, 579594, 1088719};
	const int pop_year[5] = {2023, 2021, 2022, 2023, 2023};
	for (int i = 0; i < 5; i++) {
		size_t n;
		const vb_alloc_part *p = vb_alloc_explain(&r, m[i], s, &n);
		assert_int_equal(n, 2);
		assert_int_equal(p[0].key, eq);
		assert_cents(p[0].amount, 3000000);
		assert_cents(p[0].value, VB_ALLOC_UNIT);
		assert_int_equal(p[0].value_year, VB_ALLOC_NO_YEAR);
		assert_cents(p[0].share, eq_share[i]);
		assert_int_equal(p[0].remainder_cent, eq_cent[i]);
		assert_int_equal(p[1].key, pop);
		assert_int_equal(p[1].value_year, pop_year[i]);
		assert_cents(p[1].share, pop_share[i]);
		assert_cents(share(&r, m[i], s), eq_share[i] + pop_share[i]);
	}
	assert_int_equal(vb_alloc_cell_at(&r, traunreut, s)->days, 275);
	assert_cents(r.total, 6000000);
	vb_alloc_free(&r);
	free(f);
}

/* A composite part whose amount is 0 is not split: its figures are not
 * needed and it is not in the explanation. */
static void
test_composite_zero_part(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t pop = key(f, "pop", VB_KEY_METRIC, "population", 0);	/* no figures */
	size_t mix = key(f, "mix", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, mix, pop, U(1));
	key_part(f, mix, eq, U(99));
	size_t s = service(f, "svc", mix, 49);	/* pop part: 0.49 -> 0 cents */
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	const vb_alloc_part *p = only_part(&r, a, s);
	assert_int_equal(p->key, eq);
	assert_cents(p->amount, 49);
	assert_cents(share(&r, a, s), 25);
	assert_cents(share(&r, b, s), 24);
	vb_alloc_free(&r);
	f->services[s].cost = 100;	/* now the pop part has 1 cent */
	run_err(f, 2024, VB_ALLOC_EFIGURE, "member 'a' has no figure 'population' for 2024 or earlier");
	free(f);
}

/* ---- 6. Rosenheim ----------------------------------------------------- */

static void
check_rosenheim(fed *f, size_t s, const size_t *m)
{
	/* codes in order: bad-aibling, kolbermoor, lk-ro, prutting, wasserburg */
	const int64_t total[5] = {1944783, 1911076, 2550000, 508890, 1585252};
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	for (int i = 0; i < 5; i++)
		assert_cents(share(&r, m[i], s), total[i]);
	size_t n;
	const vb_alloc_part *host = vb_alloc_explain(&r, m[2], s, &n);
	assert_int_equal(n, 3);
	assert_cents(host[0].share, 2550000);
	assert_cents(host[1].share, 0);
	assert_true(host[1].excluded);
	assert_true(host[2].excluded);
	assert_cents(host[2].weight, 0);
	assert_int_equal(host[2].value_year, VB_ALLOC_NO_YEAR);
	const vb_alloc_part *bad = vb_alloc_explain(&r, m[0], s, &n);
	assert_cents(bad[1].amount, 2975001);	/* the odd cent: part listed first */
	assert_cents(bad[2].amount, 2975000);
	assert_cents(bad[1].share, 849338);
	assert_cents(bad[2].share, 1095445);
	vb_alloc_free(&r);
}

static size_t
rosenheim_members(fed *f, size_t *m)
{
	m[4] = member(f, "wasserburg", D(2010, 1, 1), VB_ALLOC_OPEN);
	m[2] = member(f, "lk-ro", D(2010, 1, 1), VB_ALLOC_OPEN);
	m[0] = member(f, "bad-aibling", D(2010, 1, 1), VB_ALLOC_OPEN);
	m[3] = member(f, "prutting", D(2024, 7, 1), VB_ALLOC_OPEN);
	m[1] = member(f, "kolbermoor", D(2010, 1, 1), VB_ALLOC_OPEN);
	const int64_t pop[5] = {19500, 18900, 0, 2900, 13100};
	for (int i = 0; i < 5; i++)
		if (i != 2)	/* the host has no population figure: not needed */
			figure(f, m[i], "population", 2023, U(pop[i]));
	size_t host = key(f, "host", VB_KEY_FIXED, NULL, 0);
	key_fixed(f, host, m[2], U(100));
	return host;
}

/* The Landkreis carries 30 %; 70 % half equal, half by population among
 * the municipalities: as three parts with excludes on the last two, and
 * as a nested composite excluding the host. */
static void
test_rosenheim(void **state)
{
	(void)state;
	size_t m[5];
	fed *f = fed_new();
	size_t host = rosenheim_members(f, m);
	size_t eq = key(f, "equal-muni", VB_KEY_EQUAL, NULL, 0);
	size_t pop = key(f, "pop-muni", VB_KEY_METRIC, "population", 0);
	key_exclude(f, eq, m[2]);
	key_exclude(f, pop, m[2]);
	size_t top = key(f, "isb-ro", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, top, host, U(30));
	key_part(f, top, eq, U(35));
	key_part(f, top, pop, U(35));
	check_rosenheim(f, service(f, "isb", top, 8500001), m);
	free(f);

	f = fed_new();
	host = rosenheim_members(f, m);
	eq = key(f, "equal", VB_KEY_EQUAL, NULL, 0);
	pop = key(f, "pop", VB_KEY_METRIC, "population", 0);
	size_t muni = key(f, "muni", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, muni, eq, U(50));
	key_part(f, muni, pop, U(50));
	key_exclude(f, muni, m[2]);
	top = key(f, "isb-ro", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, top, host, U(30));
	key_part(f, top, muni, U(70));
	check_rosenheim(f, service(f, "isb", top, 8500001), m);
	free(f);
}

/* ---- 7. grants -------------------------------------------------------- */

static fed *
three_equal(int64_t cost, size_t *s)
{
	fed *f = fed_new();
	member(f, "c", D(2020, 1, 1), VB_ALLOC_OPEN);
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	member(f, "b", D(2020, 1, 1), VB_ALLOC_OPEN);
	*s = service(f, "svc", key(f, "eq", VB_KEY_EQUAL, NULL, 0), cost);
	return f;
}

/* A grant above the cost: a credit split like a charge, then negated. */
static void
test_grant_above_cost(void **state)
{
	(void)state;
	size_t s;
	fed *f = three_equal(100000, &s);
	grant(f, "land", 150000, D(2024, 1, 1), D(2024, 12, 31), s);
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_cents(r.services[s].grant, 150000);
	assert_cents(r.services[s].net, -50000);
	assert_cents(share(&r, 1, s), -16667);	/* a */
	assert_cents(share(&r, 2, s), -16667);	/* b */
	assert_cents(share(&r, 0, s), -16666);	/* c */
	assert_true(only_part(&r, 1, s)->remainder_cent);
	assert_cents(r.total, -50000);
	vb_alloc_free(&r);
	free(f);
}

/* Parts by days in each year; all years add up to the amount. */
static void
test_grant_years(void **state)
{
	(void)state;
	size_t s;
	fed *f = three_equal(90000000, &s);
	grant(f, "land", 100000001, D(2023, 7, 1), D(2025, 6, 30), s);
	const int64_t part[3] = {25170999, 50068400, 24760602};	/* 184, 366, 181 days */
	int64_t sum = 0;
	for (int y = 2022; y <= 2026; y++) {
		vb_alloc_result r;
		int64_t expect = y >= 2023 && y <= 2025 ? part[y - 2023] : 0;
		assert_cents(vb_alloc_grant_part(&f->grants[0], y), expect);
		run_ok(f, y, &r);
		assert_cents(r.services[s].grant, expect);
		assert_cents(r.services[s].net, 90000000 - expect);
		sum += r.services[s].grant;
		vb_alloc_free(&r);
	}
	assert_cents(sum, 100000001);

	/* ties: equal days -> the earlier year; more days beat the year */
	vb_alloc_grant g = {"g", 1, D(2023, 7, 2), D(2024, 7, 1), VB_ALLOC_ALL};
	assert_cents(vb_alloc_grant_part(&g, 2023), 1);
	assert_cents(vb_alloc_grant_part(&g, 2024), 0);
	g = (vb_alloc_grant){"g", 2, D(2023, 12, 31), D(2024, 1, 3), VB_ALLOC_ALL};
	assert_cents(vb_alloc_grant_part(&g, 2023), 0);
	assert_cents(vb_alloc_grant_part(&g, 2024), 2);
	free(f);
}

/* An all-services grant is split among the services by cost. */
static void
test_grant_all_services(void **state)
{
	(void)state;
	fed *f = fed_new();
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t net = service(f, "net", eq, 300000);
	size_t ws = service(f, "ws", eq, 100000);
	size_t hd = service(f, "hd", eq, 100000);
	size_t none = service(f, "wlan", eq, 0);
	grant(f, "all", 100001, D(2024, 1, 1), D(2024, 12, 31), VB_ALLOC_ALL);
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_cents(r.services[net].grant, 60001);
	assert_cents(r.services[ws].grant, 20000);
	assert_cents(r.services[hd].grant, 20000);
	assert_cents(r.services[none].grant, 0);
	assert_false(r.services[none].active);
	assert_cents(r.total, 500000 - 100001);
	vb_alloc_free(&r);

	/* ties: larger cost first, then the smaller service code */
	f->services[net].cost = 300;
	f->services[ws].cost = 100;
	f->services[hd].cost = 0;
	f->grants[0].amount = 2;	/* quotas 1.5 and 0.5 */
	run_ok(f, 2024, &r);
	assert_cents(r.services[net].grant, 2);
	assert_cents(r.services[ws].grant, 0);
	vb_alloc_free(&r);
	f->services[net].cost = 100;
	f->services[hd].cost = 100;	/* three costs of 100, 2 cents: hd, net */
	run_ok(f, 2024, &r);
	assert_cents(r.services[hd].grant, 1);
	assert_cents(r.services[net].grant, 1);
	assert_cents(r.services[ws].grant, 0);
	vb_alloc_free(&r);
	free(f);
}

/* ---- 8. subscriptions, transfers -------------------------------------- */

static void
test_subscriptions(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t c = member(f, "c", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t d = member(f, "d", D(2020, 1, 1), D(2024, 6, 30));
	size_t e = member(f, "e", D(2024, 7, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t ho = service(f, "homeoffice", eq, 100001);
	size_t net = service(f, "net", eq, 0);
	f->services[ho].subscription = 1;
	subscribe(f, a, ho, D(2024, 1, 1), D(2024, 3, 31));	/* 91 days */
	subscribe(f, a, ho, D(2024, 10, 1), VB_ALLOC_OPEN);	/* 92 days */
	subscribe(f, b, ho, D(2023, 6, 1), VB_ALLOC_OPEN);	/* 366 */
	subscribe(f, d, ho, D(2024, 5, 1), VB_ALLOC_OPEN);	/* 61: left 30 June */
	subscribe(f, e, ho, D(2024, 1, 1), D(2024, 7, 1));	/* 1: joined 1 July */
	subscribe(f, c, net, D(2024, 5, 1), VB_ALLOC_OPEN);	/* not a subscription service */
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_int_equal(vb_alloc_cell_at(&r, a, ho)->days, 183);
	assert_int_equal(vb_alloc_cell_at(&r, d, ho)->days, 61);
	assert_int_equal(vb_alloc_cell_at(&r, e, ho)->days, 1);
	assert_int_equal(vb_alloc_cell_at(&r, c, ho)->days, 0);
	assert_int_equal(vb_alloc_cell_at(&r, c, net)->days, 366);
	assert_cents(share(&r, a, ho), 29951);	/* 183 / 611 */
	assert_cents(share(&r, b, ho), 59902);	/* 366 / 611 */
	assert_cents(share(&r, d, ho), 9984);	/* 61 / 611 */
	assert_cents(share(&r, e, ho), 164);	/* 1 / 611 */
	assert_cents(share(&r, c, ho), 0);
	assert_false(r.members[c].listed);	/* only in a service without costs */
	assert_true(r.members[d].listed);
	vb_alloc_free(&r);
	free(f);
}

static void
test_transfer_credit(void **state)
{
	(void)state;
	vb_alloc_transfer t = {0, 1, D(2024, 2, 29), 1200000, 1};
	assert_cents(vb_alloc_transfer_credit(&t, 2023), 0);
	assert_cents(vb_alloc_transfer_credit(&t, 2024), 1006557);	/* 307 / 366 */
	assert_cents(vb_alloc_transfer_credit(&t, 2025), 193973);	/* to 28 Feb: 59 / 365 */
	assert_cents(vb_alloc_transfer_credit(&t, 2026), 0);
	t.credit_years = 4;	/* 2028 has 29 February: last day 28 February */
	assert_cents(vb_alloc_transfer_credit(&t, 2027), 1200000);
	assert_cents(vb_alloc_transfer_credit(&t, 2028), 193443);	/* 59 / 366 */
	t.credit_years = 0;
	assert_cents(vb_alloc_transfer_credit(&t, 2024), 0);
	t = (vb_alloc_transfer){0, 1, D(2024, 7, 2), 1, 1};	/* 183/366 of a cent */
	assert_cents(vb_alloc_transfer_credit(&t, 2024), 1);	/* half away from zero */
	t.credit = 3;						/* 1.5 cents */
	assert_cents(vb_alloc_transfer_credit(&t, 2024), 2);

	fed *f = fed_new();
	size_t host = member(f, "host", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t giver = member(f, "giver", D(2020, 1, 1), D(2023, 12, 31));	/* no services in 2024 */
	size_t other = member(f, "other", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t s = service(f, "svc", key(f, "eq", VB_KEY_EQUAL, NULL, 0), 1000);
	transfer(f, giver, host, D(2024, 2, 29), 1200000, 1);
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_cents(r.members[giver].transfers, -1006557);
	assert_cents(r.members[giver].total, -1006557);
	assert_true(r.members[giver].listed);
	assert_cents(r.members[host].transfers, 1006557);
	assert_cents(r.members[host].total, 500 + 1006557);
	assert_cents(r.members[other].total, 500);
	assert_cents(share(&r, giver, s), 0);
	assert_cents(r.total, 1000);
	vb_alloc_free(&r);
	run_ok(f, 2026, &r);
	assert_false(r.members[giver].listed);
	vb_alloc_free(&r);
	free(f);
}

/* ---- 8. errors -------------------------------------------------------- */

static void
test_error_missing_figure(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "bravo", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t old = member(f, "old", D(2020, 1, 1), D(2022, 12, 31));	/* not a participant */
	size_t k = key(f, "users", VB_KEY_METRIC, "users", 0);
	size_t s = service(f, "hd", k, 1000);
	figure(f, a, "users", 2024, U(1));
	figure(f, b, "users", 2025, U(1));
	figure(f, b, "devices", 2020, U(1));
	(void)old;
	run_err(f, 2024, VB_ALLOC_EFIGURE, "member 'bravo' has no figure 'users' for 2024 or earlier");
	f->keys[k].offset = -1;
	run_err(f, 2024, VB_ALLOC_EFIGURE, "member 'a' has no figure 'users' for 2023 or earlier");

	/* not needed: net 0, or the member is excluded */
	f->keys[k].offset = 0;
	f->services[s].cost = 0;
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	vb_alloc_free(&r);
	f->services[s].cost = 1000;
	key_exclude(f, k, b);
	run_ok(f, 2024, &r);
	assert_cents(share(&r, a, s), 1000);
	assert_cents(share(&r, b, s), 0);
	assert_true(only_part(&r, b, s)->excluded);
	vb_alloc_free(&r);
	free(f);
}

static void
test_error_no_participant(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t s = service(f, "ho", key(f, "eq", VB_KEY_EQUAL, NULL, 0), 1000);
	f->services[s].subscription = 1;
	subscribe(f, a, s, D(2023, 1, 1), D(2023, 12, 31));
	run_err(f, 2024, VB_ALLOC_ENOPART, "service 'ho' has costs in 2024 but no participating member");
	/* a grant alone is a cost to share too */
	f->services[s].cost = 0;
	grant(f, "g", 500, D(2024, 1, 1), D(2024, 12, 31), s);
	run_err(f, 2024, VB_ALLOC_ENOPART, "service 'ho' has costs in 2024 but no participating member");
	f->grants[0].amount = 0;
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	vb_alloc_free(&r);
	free(f);
}

static void
test_error_no_weight(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t gone = member(f, "gone", D(2020, 1, 1), D(2022, 1, 1));
	size_t k = key(f, "users", VB_KEY_METRIC, "users", 0);
	size_t s = service(f, "hd", k, 1000);
	figure(f, a, "users", 2024, 0);
	figure(f, b, "users", 2024, 0);
	run_err(f, 2024, VB_ALLOC_EWEIGHT, "key 'users' gives no weight to any participant of service 'hd'");
	size_t fix = key(f, "fix", VB_KEY_FIXED, NULL, 0);
	key_fixed(f, fix, gone, U(100));
	f->services[s].key = fix;
	run_err(f, 2024, VB_ALLOC_EWEIGHT, "key 'fix' gives no weight to any participant of service 'hd'");
	/* a participant with value 0 takes part with 0.00 */
	f->figs[1].value = U(3);
	f->services[s].key = k;
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_cents(share(&r, a, s), 0);
	assert_int_equal(vb_alloc_cell_at(&r, a, s)->days, 366);
	assert_true(r.members[a].listed);
	assert_cents(share(&r, b, s), 1000);
	vb_alloc_free(&r);
	free(f);
}

static void
test_error_grant(void **state)
{
	(void)state;
	fed *f = fed_new();
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	service(f, "hd", key(f, "eq", VB_KEY_EQUAL, NULL, 0), 0);
	grant(f, "land", 36600, D(2023, 1, 1), D(2024, 12, 31), VB_ALLOC_ALL);
	run_err(f, 2024, VB_ALLOC_EGRANT, "grant 'land' has a part in 2024 but no service has costs");
	vb_alloc_result r;
	run_ok(f, 2025, &r);	/* no part in 2025 */
	vb_alloc_free(&r);
	free(f);
}

static void
test_error_cycle(void **state)
{
	(void)state;
	fed *f = fed_new();
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t top = key(f, "top", VB_KEY_COMPOSITE, NULL, 0);
	size_t ka = key(f, "ka", VB_KEY_COMPOSITE, NULL, 0);
	size_t kb = key(f, "kb", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, top, eq, U(50));
	key_part(f, top, ka, U(50));
	key_part(f, ka, kb, U(100));
	key_part(f, kb, eq, U(50));
	key_part(f, kb, ka, U(50));
	service(f, "svc", top, 0);	/* even without costs */
	run_err(f, 2024, VB_ALLOC_ECYCLE, "key 'ka' contains itself: ka -> kb -> ka");
	size_t self = key(f, "self", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, self, self, U(100));
	f->services[0].key = self;
	run_err(f, 2024, VB_ALLOC_ECYCLE, "key 'self' contains itself: self -> self");
	free(f);
}

static void
test_error_input(void **state)
{
	(void)state;
	fed *f = fed_new();
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t s = service(f, "svc", 3, 100);	/* no key 3 */
	vb_alloc_result r;
	vb_alloc_error err;
	assert_int_equal(vb_allocate(fed_input(f, 2024, 0), &r, &err), -1);
	assert_int_equal(err.kind, VB_ALLOC_EINPUT);
	f->services[s].key = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	f->services[s].subscription = 1;
	subscribe(f, 0, s, D(2024, 1, 1), D(2024, 6, 30));
	subscribe(f, 0, s, D(2024, 1, 1), D(2024, 12, 31));
	assert_int_equal(vb_allocate(fed_input(f, 2024, 0), &r, &err), -1);
	assert_int_equal(err.kind, VB_ALLOC_EINPUT);
	f->nsub = 1;
	f->services[s].cost = VB_ALLOC_AMOUNT_MAX + 1;
	assert_int_equal(vb_allocate(fed_input(f, 2024, 0), &r, NULL), -1);
	f->services[s].cost = 100;
	assert_int_equal(vb_allocate(fed_input(f, 2024, 0), &r, NULL), 0);
	vb_alloc_free(&r);
	free(f);
}

/* Nothing at all, and members without services. */
static void
test_empty(void **state)
{
	(void)state;
	fed *f = fed_new();
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	assert_cents(r.total, 0);
	vb_alloc_free(&r);
	member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	run_ok(f, 2024, &r);
	assert_false(r.members[0].listed);
	assert_cents(r.members[0].total, 0);
	assert_cents(vb_alloc_savings(&r, 0), 0);
	vb_alloc_free(&r);
	free(f);
}

/* ---- savings, explanation off, formatting ----------------------------- */

static void
test_savings(void **state)
{
	(void)state;
	fed *f = fed_new();
	size_t a = member(f, "a", D(2020, 1, 1), VB_ALLOC_OPEN);
	size_t b = member(f, "b", D(2024, 7, 1), VB_ALLOC_OPEN);
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t isb = service(f, "isb", eq, 3000000);
	size_t hd = service(f, "hd", eq, 1000000);
	f->services[isb].standalone = 5000000;
	vb_alloc_result r;
	run_ok(f, 2024, &r);
	/* isb: weights 366 and 184 of 550: a 1996364, b 1003636 */
	assert_cents(share(&r, a, isb), 1996364);
	assert_cents(share(&r, b, isb), 1003636);
	assert_cents(vb_alloc_savings(&r, a), 5000000 - 1996364);
	assert_cents(vb_alloc_savings(&r, b), 2513661 - 1003636);	/* 5000000 * 184 / 366 */
	(void)hd;
	vb_alloc_free(&r);

	/* the same without explanation: same cents, no parts */
	vb_alloc_error err;
	assert_int_equal(vb_allocate(fed_input(f, 2024, 0), &r, &err), 0);
	assert_null(r.parts);
	assert_cents(share(&r, b, isb), 1003636);
	size_t n = 9;
	assert_null(vb_alloc_explain(&r, a, isb, &n));
	assert_int_equal(n, 0);
	vb_alloc_free(&r);
	free(f);
}

static void
test_i128_format(void **state)
{
	(void)state;
	char buf[VB_I128_BUFSZ];
	vb_i128 max = (vb_i128)(((u128)1 << 127) - 1);
	assert_string_equal(vb_i128_format(0, buf), "0");
	assert_string_equal(vb_i128_format(-42, buf), "-42");
	assert_string_equal(vb_i128_format((vb_i128)INT64_MAX * 1000, buf), "9223372036854775807000");
	assert_string_equal(vb_i128_format(max, buf), "170141183460469231731687303715884105727");
	assert_string_equal(vb_i128_format(-max - 1, buf), "-170141183460469231731687303715884105728");
}

/* ---- 10. advances ----------------------------------------------------- */

static void
test_advances(void **state)
{
	(void)state;
	int64_t out[12];
	assert_int_equal(vb_advances_split(1001, 4, out), 0);
	assert_cents(out[0], 251);
	assert_cents(out[1], 250);
	assert_cents(out[2], 250);
	assert_cents(out[3], 250);
	assert_int_equal(vb_advances_split(-1001, 4, out), 0);
	assert_cents(out[0], -251);
	assert_cents(out[3], -250);
	assert_int_equal(vb_advances_split(1003, 4, out), 0);
	assert_cents(out[2], 251);
	assert_cents(out[3], 250);
	assert_int_equal(vb_advances_split(5, 12, out), 0);
	int64_t sum = 0;
	for (int k = 0; k < 12; k++)
		sum += out[k];
	assert_cents(sum, 5);
	assert_cents(out[4], 1);
	assert_cents(out[5], 0);
	assert_int_equal(vb_advances_split(7, 0, out), -1);

	static const int months[6][12] = {
		{6},
		{3, 9},
		{2, 6, 10},
		{2, 5, 8, 11},
		{1, 3, 5, 7, 9, 11},
		{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
	};
	static const int ns[6] = {1, 2, 3, 4, 6, 12};
	for (int i = 0; i < 6; i++) {
		for (int k = 0; k < ns[i]; k++)
			assert_int_equal(vb_advances_due_month(ns[i], k), months[i][k]);
		assert_int_equal(vb_advances_due_month(ns[i], ns[i]), -1);
	}
	assert_int_equal(vb_advances_due_month(5, 0), -1);
	assert_int_equal(vb_advances_due_month(4, -1), -1);
}

/* ---- 9. property test ------------------------------------------------- */

static uint64_t
rng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static int64_t
rnd(uint64_t *s, int64_t n)
{
	return (int64_t)(rng(s) % (uint64_t)n);
}

static void
shuffle(size_t *perm, size_t n, uint64_t *s)
{
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rnd(s, (int64_t)i), t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
}

static const char *const member_pool[] = {"ab", "b", "a", "zz", "m-1", "m_2", "k9", "aa",
					   "ba", "c", "x0", "x", "q", "lk"};
static const char *const service_pool[] = {"net", "ws", "hd", "wlan", "ho", "isb"};
static const char *const grant_pool[] = {"g1", "g0", "land"};

static int64_t
random_value(uint64_t *s)
{
	switch (rnd(s, 5)) {
	case 0: return 0;
	case 1: return U(rnd(s, 100));
	case 2: return rnd(s, VB_ALLOC_VALUE_MAX + 1);
	default: return rnd(s, 1000000000);
	}
}

static void
random_members(fed *f, uint64_t *s)
{
	size_t perm[sizeof member_pool / sizeof *member_pool];
	shuffle(perm, sizeof perm / sizeof *perm, s);
	size_t nm = 1 + (size_t)rnd(s, 10);
	for (size_t i = 0; i < nm; i++) {
		vb_date joined = rnd(s, 10) ? D(2022, 1, 1) + (vb_date)rnd(s, 4 * 365) : VB_ALLOC_NEVER;
		vb_date left = VB_ALLOC_OPEN;
		if (joined != VB_ALLOC_NEVER && rnd(s, 2))
			left = joined + (vb_date)rnd(s, 900);
		member(f, member_pool[perm[i]], joined, left);
	}
	static const char *const metrics[2] = {"users", "pop"};
	for (size_t m = 0; m < nm; m++)
		for (int i = 0; i < 2; i++) {
			if (rnd(s, 30))
				figure(f, m, metrics[i], 2019, random_value(s));
			for (int y = 2020; y <= 2026; y++)
				if (rnd(s, 2))
					figure(f, m, metrics[i], y, random_value(s));
		}
}

static void
random_keys(fed *f, uint64_t *s)
{
	size_t eq = key(f, "eq", VB_KEY_EQUAL, NULL, 0);
	size_t users = key(f, "users", VB_KEY_METRIC, "users", 0);
	size_t pop = key(f, "pop", VB_KEY_METRIC, "pop", -1);
	size_t fix = key(f, "fix", VB_KEY_FIXED, NULL, 0);
	for (size_t m = 0; m < f->nm; m++)
		if (rnd(s, 3))
			key_fixed(f, fix, m, rnd(s, 1000001));
	size_t mix = key(f, "mix", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, mix, eq, rnd(s, 1000001));
	key_part(f, mix, pop, 1 + rnd(s, 1000000));
	size_t nest = key(f, "nest", VB_KEY_COMPOSITE, NULL, 0);
	key_part(f, nest, mix, 1 + rnd(s, 1000000));
	key_part(f, nest, fix, rnd(s, 1000001));
	key_part(f, nest, users, rnd(s, 1000001));
	for (size_t k = 0; k < f->nk; k++)
		if (rnd(s, 4) == 0 && f->nm > 1)
			key_exclude(f, k, (size_t)rnd(s, (int64_t)f->nm));
}

static void
random_subs(fed *f, size_t svc, int year, uint64_t *s)
{
	for (size_t m = 0; m < f->nm; m++) {
		if (rnd(s, 3) == 0)
			continue;
		vb_date from = D(year, 1, 1) + (vb_date)rnd(s, 300) - 150;
		vb_date until = from + (vb_date)rnd(s, 200);
		subscribe(f, m, svc, from, until);
		if (rnd(s, 2)) {
			from = until + 1 + (vb_date)rnd(s, 100);
			subscribe(f, m, svc, from, rnd(s, 2) ? VB_ALLOC_OPEN : from + (vb_date)rnd(s, 300));
		}
	}
}

static int
random_fed(fed *f, uint64_t *s)
{
	int year = 2023 + (int)rnd(s, 3);
	random_members(f, s);
	random_keys(f, s);
	size_t ns = 1 + (size_t)rnd(s, 6);
	for (size_t i = 0; i < ns; i++) {
		int64_t cost = rnd(s, 5) == 0 ? 0 : rnd(s, rnd(s, 8) ? 10000000000 : 100000000000000);
		size_t svc = service(f, service_pool[i], (size_t)rnd(s, (int64_t)f->nk), cost);
		f->services[svc].standalone = rnd(s, 2) ? rnd(s, 100000000) : VB_ALLOC_NO_STANDALONE;
		if (rnd(s, 4) == 0) {
			f->services[svc].subscription = 1;
			random_subs(f, svc, year, s);
		}
	}
	for (int64_t i = rnd(s, 4); i > 0; i--) {
		vb_date from = D(2022, 6, 1) + (vb_date)rnd(s, 900);
		size_t svc = rnd(s, 3) ? (size_t)rnd(s, (int64_t)ns) : VB_ALLOC_ALL;
		grant(f, grant_pool[f->ng], rnd(s, 2000000000), from, from + (vb_date)rnd(s, 1200), svc);
	}
	for (int64_t i = f->nm > 1 ? rnd(s, 4) : 0; i > 0; i--) {
		size_t a = (size_t)rnd(s, (int64_t)f->nm), b = (a + 1 + (size_t)rnd(s, (int64_t)f->nm - 1)) % f->nm;
		vb_date date = rnd(s, 4) ? D(2020, 1, 1) + (vb_date)rnd(s, 2500) : D(2024, 2, 29);
		transfer(f, a, b, date, rnd(s, 10000000), (int)rnd(s, 6));
	}
	return year;
}

/* The same federation with members, figures, services and all other
 * records in another order; pm and ps tell where each member and service
 * went. */
static void
shuffled(const fed *f, fed *g, size_t *pm, size_t *ps, uint64_t *s)
{
	size_t perm[MAXF];
	*g = *f;
	shuffle(pm, f->nm, s);
	shuffle(ps, f->ns, s);
	for (size_t m = 0; m < f->nm; m++)
		g->members[pm[m]] = f->members[m];
	for (size_t i = 0; i < f->ns; i++)
		g->services[ps[i]] = f->services[i];
	for (size_t k = 0; k < f->nk; k++) {
		shuffle(perm, f->keys[k].n_fixed, s);
		for (size_t i = 0; i < f->keys[k].n_fixed; i++) {
			g->kfixed[k][perm[i]] = f->kfixed[k][i];
			g->kfixed[k][perm[i]].member = pm[f->kfixed[k][i].member];
		}
		for (size_t i = 0; i < f->keys[k].n_exclude; i++)
			g->kexcl[k][i] = pm[f->kexcl[k][i]];
	}
	shuffle(perm, f->nf, s);
	for (size_t i = 0; i < f->nf; i++) {
		g->figs[perm[i]] = f->figs[i];
		g->figs[perm[i]].member = pm[f->figs[i].member];
	}
	shuffle(perm, f->nsub, s);
	for (size_t i = 0; i < f->nsub; i++) {
		g->subs[perm[i]] = f->subs[i];
		g->subs[perm[i]].member = pm[f->subs[i].member];
		g->subs[perm[i]].service = ps[f->subs[i].service];
	}
	shuffle(perm, f->ng, s);
	for (size_t i = 0; i < f->ng; i++) {
		g->grants[perm[i]] = f->grants[i];
		if (f->grants[i].service != VB_ALLOC_ALL)
			g->grants[perm[i]].service = ps[f->grants[i].service];
	}
	shuffle(perm, f->nt, s);
	for (size_t i = 0; i < f->nt; i++) {
		g->transfers[perm[i]] = f->transfers[i];
		g->transfers[perm[i]].from = pm[f->transfers[i].from];
		g->transfers[perm[i]].to = pm[f->transfers[i].to];
	}
}

static vb_i128
i128_abs(vb_i128 v)
{
	return v < 0 ? -v : v;
}

/* Shares add up per service and in total; every leaf part is within one
 * cent of its exact quota and the parts add up to the share. */
static void
check_invariants(const fed *f, const vb_alloc_result *r)
{
	int64_t net = 0, total = 0, transfers = 0;
	for (size_t s = 0; s < f->ns; s++) {
		int64_t sum = 0;
		for (size_t m = 0; m < f->nm; m++) {
			const vb_alloc_cell *cl = vb_alloc_cell_at(r, m, s);
			size_t n;
			const vb_alloc_part *p = vb_alloc_explain(r, m, s, &n);
			int64_t parts = 0;
			for (size_t i = 0; i < n; i++) {
				vb_i128 diff = (vb_i128)p[i].share * p[i].quota_den - p[i].quota_num;
				assert_true(p[i].quota_den > 0);
				assert_true(i128_abs(diff) < p[i].quota_den);
				assert_true(p[i].remainder_cent == (diff != 0 && (diff > 0) == (p[i].amount > 0)));
				parts += p[i].share;
			}
			if (cl->days <= 0 || r->services[s].net == 0)
				assert_int_equal(n, 0);
			else
				assert_true(n > 0);
			assert_cents(parts, cl->share);
			if (cl->days <= 0)
				assert_cents(cl->share, 0);
			sum += cl->share;
		}
		assert_cents(sum, r->services[s].net);
		assert_cents(r->services[s].cost - r->services[s].grant, r->services[s].net);
		net += r->services[s].net;
	}
	for (size_t m = 0; m < f->nm; m++) {
		total += r->members[m].total;
		transfers += r->members[m].transfers;
	}
	assert_cents(transfers, 0);
	assert_cents(total, net);
	assert_cents(r->total, net);
}

static void
assert_same_part(const vb_alloc_part *a, const vb_alloc_part *b)
{
	assert_int_equal(a->key, b->key);
	assert_cents(a->amount, b->amount);
	assert_cents(a->value, b->value);
	assert_int_equal(a->value_year, b->value_year);
	assert_int_equal(a->days, b->days);
	assert_cents(a->weight, b->weight);
	assert_true(a->quota_num == b->quota_num && a->quota_den == b->quota_den);
	assert_int_equal(a->remainder_cent, b->remainder_cent);
	assert_cents(a->share, b->share);
}

/* r2 is r1's federation shuffled by pm and ps; explanations are
 * compared when both have them. */
static void
assert_same(const fed *f, const vb_alloc_result *r1, const vb_alloc_result *r2,
	    const size_t *pm, const size_t *ps)
{
	int explained = r1->parts && r2->parts;
	assert_cents(r1->total, r2->total);
	for (size_t s = 0; s < f->ns; s++) {
		assert_cents(r1->services[s].grant, r2->services[ps[s]].grant);
		assert_cents(r1->services[s].net, r2->services[ps[s]].net);
	}
	for (size_t m = 0; m < f->nm; m++) {
		const vb_alloc_member_result *a = &r1->members[m], *b = &r2->members[pm[m]];
		assert_cents(a->total, b->total);
		assert_cents(a->transfers, b->transfers);
		assert_int_equal(a->listed, b->listed);
		for (size_t s = 0; s < f->ns; s++) {
			size_t n1, n2;
			const vb_alloc_part *p1 = vb_alloc_explain(r1, m, s, &n1);
			const vb_alloc_part *p2 = vb_alloc_explain(r2, pm[m], ps[s], &n2);
			assert_cents(share(r1, m, s), share(r2, pm[m], ps[s]));
			assert_int_equal(vb_alloc_cell_at(r1, m, s)->days,
					 vb_alloc_cell_at(r2, pm[m], ps[s])->days);
			assert_int_equal(n1, explained ? n2 : n1);
			for (size_t i = 0; explained && i < n1; i++)
				assert_same_part(&p1[i], &p2[i]);
		}
		assert_cents(vb_alloc_savings(r1, m), vb_alloc_savings(r2, pm[m]));
	}
}

static void
test_property(void **state)
{
	(void)state;
	uint64_t seed = UINT64_C(0x9e3779b97f4a7c15);
	int ok = 0, errors[VB_ALLOC_EINTERNAL + 1] = {0};
	const int rounds = 5000;
	fed *f = fed_new(), *g = fed_new();
	for (int i = 0; i < rounds; i++) {
		size_t pm[MAXM], ps[MAXS];
		vb_alloc_result r1, r2;
		vb_alloc_error e1, e2;
		memset(f, 0, sizeof *f);
		int year = random_fed(f, &seed);
		shuffled(f, g, pm, ps, &seed);
		int rc1 = vb_allocate(fed_input(f, year, 1), &r1, &e1);
		int rc2 = vb_allocate(fed_input(g, year, 1), &r2, &e2);
		assert_int_equal(rc1, rc2);
		if (rc1 != 0) {
			assert_int_equal(e1.kind, e2.kind);
			assert_string_equal(e1.msg, e2.msg);
			assert_true(e1.kind >= VB_ALLOC_EFIGURE && e1.kind <= VB_ALLOC_EGRANT);
			errors[e1.kind]++;
			continue;
		}
		ok++;
		check_invariants(f, &r1);
		check_invariants(g, &r2);
		assert_same(f, &r1, &r2, pm, ps);
		/* and without explanation */
		vb_alloc_free(&r2);
		assert_int_equal(vb_allocate(fed_input(g, year, 0), &r2, &e2), 0);
		assert_same(f, &r1, &r2, pm, ps);
		vb_alloc_free(&r1);
		vb_alloc_free(&r2);
	}
	/* most federations allocate; the errors are those of bad data */
	assert_true(ok > rounds / 2);
	assert_true(errors[VB_ALLOC_EFIGURE] > 0 && errors[VB_ALLOC_ENOPART] > 0);
	free(f);
	free(g);
}

/* ---- size ----------------------------------------------------------- */

/* 2,000 members and 200 services (metric, equal and composite keys). */
static void
test_large(void **state)
{
	(void)state;
	enum { NM = 2000, NS = 200 };
	static char codes[NM][8], scodes[NS][8];
	vb_alloc_member *members = calloc(NM, sizeof *members);
	vb_alloc_figure *figs = calloc(NM * 4, sizeof *figs);
	vb_alloc_service *services = calloc(NS, sizeof *services);
	assert_non_null(members);
	assert_non_null(figs);
	assert_non_null(services);
	uint64_t seed = 42;
	for (size_t m = 0; m < NM; m++) {
		snprintf(codes[m], sizeof codes[m], "m%04zu", (m * 7919) % NM);
		members[m] = (vb_alloc_member){codes[m], D(2020, 1, 1) + (vb_date)rnd(&seed, 2000),
					       VB_ALLOC_OPEN};
		for (int y = 0; y < 2; y++) {
			figs[m * 4 + (size_t)y * 2] = (vb_alloc_figure){m, "users", 2022 + y, U(1 + rnd(&seed, 500))};
			figs[m * 4 + (size_t)y * 2 + 1] = (vb_alloc_figure){m, "pop", 2022 + y, U(1 + rnd(&seed, 50000))};
		}
	}
	const vb_alloc_part_ref parts[2] = {{0, U(50)}, {2, U(50)}};
	const size_t excl[1] = {0};
	const vb_alloc_key keys[4] = {
		{.code = "eq", .method = VB_KEY_EQUAL},
		{.code = "users", .method = VB_KEY_METRIC, .metric = "users"},
		{.code = "pop", .method = VB_KEY_METRIC, .metric = "pop", .offset = -1},
		{.code = "mix", .method = VB_KEY_COMPOSITE, .parts = parts, .n_parts = 2,
		 .exclude = excl, .n_exclude = 1},
	};
	for (size_t s = 0; s < NS; s++) {
		snprintf(scodes[s], sizeof scodes[s], "s%03zu", s);
		services[s] = (vb_alloc_service){scodes[s], s % 4, 0, 1 + rnd(&seed, 100000000), -1};
	}
	vb_alloc_input in = {.year = 2024, .members = members, .n_members = NM, .keys = keys,
			     .n_keys = 4, .services = services, .n_services = NS,
			     .figures = figs, .n_figures = NM * 4};
	vb_alloc_result r;
	vb_alloc_error err;
	clock_t t0 = clock();
	if (vb_allocate(&in, &r, &err) != 0)
		fail_msg("%s", err.msg);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	int64_t net = 0;
	for (size_t s = 0; s < NS; s++)
		net += r.services[s].net;
	assert_cents(r.total, net);
	print_message("2,000 members x 200 services: %.3f s\n", secs);
	assert_true(secs < 5.0);	/* generous: sanitizers slow it down */
	vb_alloc_free(&r);
	in.explain = 1;
	if (vb_allocate(&in, &r, &err) != 0)
		fail_msg("%s", err.msg);
	assert_true(r.n_parts > 0);
	vb_alloc_free(&r);
	free(members);
	free(figs);
	free(services);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_hare_niemeyer),
		cmocka_unit_test(test_fixed_percentages),
		cmocka_unit_test(test_join_leave),
		cmocka_unit_test(test_traunstein),
		cmocka_unit_test(test_composite_zero_part),
		cmocka_unit_test(test_rosenheim),
		cmocka_unit_test(test_grant_above_cost),
		cmocka_unit_test(test_grant_years),
		cmocka_unit_test(test_grant_all_services),
		cmocka_unit_test(test_subscriptions),
		cmocka_unit_test(test_transfer_credit),
		cmocka_unit_test(test_error_missing_figure),
		cmocka_unit_test(test_error_no_participant),
		cmocka_unit_test(test_error_no_weight),
		cmocka_unit_test(test_error_grant),
		cmocka_unit_test(test_error_cycle),
		cmocka_unit_test(test_error_input),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_savings),
		cmocka_unit_test(test_i128_format),
		cmocka_unit_test(test_advances),
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
