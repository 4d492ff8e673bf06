/* The allocation engine's exact arithmetic: its memory arena, errors,
 * checked sums, rounding of 128-bit quotients, and the largest-remainder
 * (Hare–Niemeyer) split that every step of spec §2 uses. */
#include "alloc.h"
#include "i18n.h"		/* the messages that reach users */
#include <stdarg.h>
#include <stdio.h>		/* vsnprintf into the error message only */
#include <stdlib.h>
#include <string.h>
#include "alloc_int.h"

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
void *
al_arena_alloc(struct vb_alloc_mem **head, size_t count, size_t size)
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

void
al_arena_free(struct vb_alloc_mem *b)
{
	while (b) {
		struct vb_alloc_mem *next = b->next;
		free(b);
		b = next;
	}
}

int
al_set_err(vb_alloc_error *err, enum vb_alloc_errkind kind, const char *fmt, ...)
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

/* *acc += v, or an error naming what overflowed: no sum ever wraps.
 * what is marked N_() and translated only on overflow: this runs for
 * every cell, and gettext there was most of an allocation's time. */
int
al_add_checked(vb_alloc_error *err, int64_t *acc, int64_t v, const char *what, const char *code)
{
	if (!__builtin_add_overflow(*acc, v, acc))
		return 0;
	return al_set_err(err, VB_ALLOC_EOVERFLOW, _("%s '%s' overflows: beyond %s cents"), _(what), code,
		       "±9223372036854775807");
}

vb_i128
al_abs(vb_i128 v)
{
	return v < 0 ? -v : v;
}

vb_i128
al_gcd(vb_i128 a, vb_i128 b)
{
	while (b) {
		vb_i128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* num / den (den > 0) rounded half away from zero. */
int64_t
al_div_round(vb_i128 num, int64_t den)
{
	vb_i128 q = (2 * al_abs(num) + den) / (2 * (vb_i128)den);
	return (int64_t)(num < 0 ? -q : q);
}

size_t
al_sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

size_t
al_sat_mul(size_t a, size_t b)
{
	return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

/* Whether item a comes before item b when handing out the missing cents:
 * larger remainder, then larger weight, then the smaller position (the
 * callers list items in the tie order that each split names). */
int
al_lr_before(vb_i128 rem_a, int64_t w_a, size_t pos_a, vb_i128 rem_b, int64_t w_b, size_t pos_b)
{
	if (rem_a != rem_b)
		return rem_a > rem_b;
	if (w_a != w_b)
		return w_a > w_b;
	return pos_a < pos_b;
}

static int
lr_cmp(const void *pa, const void *pb)
{
	const lr_item *a = pa, *b = pb;
	if (al_lr_before(a->rem, a->weight, a->pos, b->rem, b->weight, b->pos))
		return -1;
	return al_lr_before(b->rem, b->weight, b->pos, a->rem, a->weight, a->pos);
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

void
al_lr_split(int64_t amount, const int64_t *w, size_t n, vb_i128 sum, int64_t *out,
	 unsigned char *cent, lr_item *items)
{
	vb_i128 a = al_abs(amount), given = 0;
	/* 64-bit division where the product fits (every realistic amount
	 * and weight): the 128-bit one was a third of the engine's time */
	uint64_t ua = (uint64_t)a, lim = ua ? UINT64_MAX / ua : UINT64_MAX;
	int narrow = sum > 0 && sum <= (vb_i128)UINT64_MAX;
	uint64_t us = narrow ? (uint64_t)sum : 1;
	for (size_t i = 0; i < n; i++) {
		if (narrow && w[i] >= 0 && (uint64_t)w[i] <= lim) {
			uint64_t num = ua * (uint64_t)w[i];
			out[i] = (int64_t)(num / us);
			items[i] = (lr_item){(vb_i128)(num % us), w[i], i};
		} else {
			vb_i128 num = a * w[i];
			out[i] = (int64_t)(num / sum);
			items[i] = (lr_item){num % sum, w[i], i};
		}
		cent[i] = 0;
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
