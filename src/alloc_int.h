/* The allocation engine's parts among themselves (src/alloc.c,
 * src/alloc_math.c, src/alloc_input.c): the run's context and the
 * functions they share.  Not for callers of the engine (alloc.h). */
#ifndef VB_ALLOC_INT_H
#define VB_ALLOC_INT_H

#include "alloc.h"

__extension__ typedef unsigned __int128 vb_u128;

/* Scratch and result memory: blocks of ARENA_BLOCK bytes or more. */
struct vb_alloc_mem {
	struct vb_alloc_mem *next;
	size_t cap, used;
	max_align_t data[];
};
#define ARENA_BLOCK ((size_t)64 * 1024)

/* An item of a largest-remainder split: its remainder, weight and
 * position in the split's tie order. */
typedef struct lr_item {
	vb_i128 rem;
	int64_t weight;
	size_t pos;
} lr_item;

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
	/* per participant of the service being split: its days and its
	 * share so far, kept here in a row rather than in the cells, whose
	 * one service is scattered over the whole table (a cache miss per
	 * member, leaf and step) */
	int32_t *sel_days;
	int64_t *sel_share;
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

void *al_arena_alloc(struct vb_alloc_mem **head, size_t count, size_t size);
void al_arena_free(struct vb_alloc_mem *b);
int al_set_err(vb_alloc_error *err, enum vb_alloc_errkind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int al_add_checked(vb_alloc_error *err, int64_t *acc, int64_t v, const char *what, const char *code);
vb_i128 al_abs(vb_i128 v);
vb_i128 al_gcd(vb_i128 a, vb_i128 b);
int64_t al_div_round(vb_i128 num, int64_t den);
size_t al_sat_add(size_t a, size_t b);
size_t al_sat_mul(size_t a, size_t b);
int al_lr_before(vb_i128 rem_a, int64_t w_a, size_t pos_a, vb_i128 rem_b, int64_t w_b, size_t pos_b);
void al_lr_split(int64_t amount, const int64_t *w, size_t n, vb_i128 sum, int64_t *out, unsigned char *cent, lr_item *items);
void *al_tmp(ctx *c, size_t count, size_t size);
int al_nomem(ctx *c);
int al_problem(ctx *c, enum vb_alloc_errkind kind, const char *entity, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static inline vb_alloc_cell *
al_cell(const ctx *c, size_t m, size_t s)
{
	return &c->res->cells[m * c->in->n_services + s];
}

int32_t al_year_days(const ctx *c, vb_date a, vb_date b);
int al_check_input(ctx *c);
int al_fig_find(const ctx *c, size_t m, const char *metric, int year, int64_t *value, int *from);
int al_index_input(ctx *c);

#endif
