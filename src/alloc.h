/* The cost-allocation engine (spec §2): plain structs in, cents out.
 *
 * Pure: no SQL, no file or terminal I/O, no globals, no floating point.
 * Money is int64 cents; figures, percentages and weights are int64
 * ten-thousandths (12.5 is 125000).  Exact quotas use 128-bit integers.
 * Records refer to each other by index into the caller's arrays; strings
 * are owned by the caller and must outlive the call (not the result). */
#ifndef VB_ALLOC_H
#define VB_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

__extension__ typedef __int128 vb_i128;

#define VB_ALLOC_NEVER INT32_MAX	/* joined: the member never shares costs */
#define VB_ALLOC_OPEN INT32_MAX		/* left / until: open end */
#define VB_ALLOC_ALL SIZE_MAX		/* grant service: all services */
#define VB_ALLOC_NO_STANDALONE (-1)	/* service standalone: none */
#define VB_ALLOC_NO_YEAR 0		/* explain value_year: not from a figure */
#define VB_ALLOC_UNIT INT64_C(10000)	/* 1.0 in ten-thousandths */
#define VB_ALLOC_VALUE_MAX INT64_C(10000000000000000)	/* 10^12 units */
#define VB_ALLOC_AMOUNT_MAX INT64_C(1000000000000000)	/* 10^13 EUR, in cents */
#define VB_ALLOC_YEARS_MAX 1000		/* transfer credit_years */
#define VB_I128_BUFSZ 41		/* sign, 39 digits, NUL */

/* ---- input ---------------------------------------------------------- */

struct vb_alloc_error;

typedef struct vb_alloc_member {
	const char *code;	/* unique; ties of the split go to the smaller code */
	vb_date joined;		/* first day of sharing, or VB_ALLOC_NEVER */
	vb_date left;		/* last day of sharing, or VB_ALLOC_OPEN */
} vb_alloc_member;

enum vb_key_method { VB_KEY_METRIC, VB_KEY_EQUAL, VB_KEY_FIXED, VB_KEY_COMPOSITE };

typedef struct vb_alloc_fixed {	/* one percentage of a fixed key */
	size_t member;
	int64_t percent;	/* ten-thousandths; members not listed weigh 0 */
} vb_alloc_fixed;

typedef struct vb_alloc_part_ref {	/* one part of a composite key */
	size_t key;
	int64_t weight;		/* percent, ten-thousandths */
} vb_alloc_part_ref;

typedef struct vb_alloc_key {
	const char *code;
	enum vb_key_method method;
	const char *metric;	/* VB_KEY_METRIC */
	int offset;		/* VB_KEY_METRIC: figures of year Y + offset */
	const vb_alloc_fixed *fixed;	/* VB_KEY_FIXED */
	size_t n_fixed;
	const vb_alloc_part_ref *parts;	/* VB_KEY_COMPOSITE, in listed order */
	size_t n_parts;
	const size_t *exclude;	/* member indexes weighing 0 (also in all parts) */
	size_t n_exclude;
} vb_alloc_key;

typedef struct vb_alloc_service {
	const char *code;
	size_t key;
	int subscription;	/* 1: only subscribed members take part */
	int64_t cost;		/* cents for (Y, basis), |cost| <= VB_ALLOC_AMOUNT_MAX */
	int64_t standalone;	/* cents per year, or VB_ALLOC_NO_STANDALONE */
} vb_alloc_service;

typedef struct vb_alloc_sub {
	size_t member, service;
	vb_date from;
	vb_date until;		/* or VB_ALLOC_OPEN */
} vb_alloc_sub;

typedef struct vb_alloc_figure {
	size_t member;
	const char *metric;
	int year;
	int64_t value;		/* ten-thousandths, 0 .. VB_ALLOC_VALUE_MAX */
} vb_alloc_figure;

typedef struct vb_alloc_grant {
	const char *code;
	int64_t amount;		/* cents over the whole period, |amount| <= VB_ALLOC_AMOUNT_MAX */
	vb_date from, until;	/* inclusive */
	size_t service;		/* service index or VB_ALLOC_ALL */
} vb_alloc_grant;

typedef struct vb_alloc_transfer {
	size_t from, to;	/* giving and receiving member */
	vb_date date;		/* first day at the new employer */
	int64_t credit;		/* cents per year, |credit| <= VB_ALLOC_AMOUNT_MAX */
	int credit_years;	/* 0 .. VB_ALLOC_YEARS_MAX */
} vb_alloc_transfer;

typedef struct vb_alloc_input {
	int year;
	int explain;		/* 1: fill vb_alloc_result.parts */
	const vb_alloc_member *members;
	size_t n_members;
	const vb_alloc_key *keys;
	size_t n_keys;
	const vb_alloc_service *services;
	size_t n_services;
	const vb_alloc_sub *subs;
	size_t n_subs;
	const vb_alloc_figure *figures;
	size_t n_figures;
	const vb_alloc_grant *grants;
	size_t n_grants;
	const vb_alloc_transfer *transfers;
	size_t n_transfers;
	/* Every problem of the year (vb_check): when set, the engine reports
	 * each missing figure, service without participants, key without
	 * weight and grant without costs through it and goes on; it still
	 * fails at the end, with the first in err. NULL: it stops at the
	 * first. */
	void (*problem)(void *arg, const struct vb_alloc_error *e);
	void *problem_arg;
} vb_alloc_input;

/* ---- output --------------------------------------------------------- */

typedef struct vb_alloc_service_result {
	int64_t cost;		/* as given */
	int64_t grant;		/* grant parts of year Y */
	int64_t net;		/* cost - grant, may be negative */
	int64_t standalone;	/* as given */
	size_t n_participants;
	int active;		/* cost or grant part is not zero: a service of Y */
} vb_alloc_service_result;

typedef struct vb_alloc_member_result {
	int64_t transfers;	/* staff transfer adjustment (+ receives, - gives) */
	int64_t total;		/* shares + transfers */
	int listed;		/* takes part in an active service or has a transfer credit */
} vb_alloc_member_result;

typedef struct vb_alloc_cell {	/* one member and one service (16 bytes: */
	int64_t share;		/* a nation has millions of them) cents; 0 when not taking part */
	uint32_t n_parts;	/* explanation: parts[first_part[cell] .. + n_parts) */
	int32_t days;		/* days shared in Y; > 0 exactly when taking part */
} vb_alloc_cell;

typedef struct vb_alloc_part {	/* explanation of one leaf key part */
	size_t key;		/* the leaf key (metric, equal or fixed) */
	int64_t amount;		/* cents that this part splits among participants */
	int64_t value;		/* value used, ten-thousandths (equal: 1, fixed: %) */
	int value_year;		/* year of the figure, or VB_ALLOC_NO_YEAR */
	int excluded;		/* 1: excluded by the key, value 0 */
	int32_t days;
	int64_t weight;		/* value * days, ten-thousandths */
	vb_i128 quota_num;	/* exact quota in cents: quota_num / quota_den, */
	vb_i128 quota_den;	/* in lowest terms, quota_den > 0 */
	int remainder_cent;	/* 1: got one of the remaining cents */
	int64_t share;		/* cents */
} vb_alloc_part;

struct vb_alloc_mem;		/* the result's arena */

typedef struct vb_alloc_result {
	int year;
	int days_in_year;
	size_t n_members, n_services;	/* indexes as in the input */
	vb_alloc_service_result *services;	/* [n_services] */
	vb_alloc_member_result *members;	/* [n_members] */
	vb_alloc_cell *cells;	/* [member * n_services + service] */
	vb_alloc_part *parts;	/* explanation, NULL unless requested */
	size_t *first_part;	/* explanation: per cell, its first part */
	size_t n_parts;
	int64_t total;		/* sum of member totals == sum of net costs */
	struct vb_alloc_mem *mem;
} vb_alloc_result;

enum vb_alloc_errkind {
	VB_ALLOC_OK,
	VB_ALLOC_EFIGURE,	/* a participant has no figure */
	VB_ALLOC_ENOPART,	/* costs but no participating member */
	VB_ALLOC_EWEIGHT,	/* sum of weights is 0 */
	VB_ALLOC_EGRANT,	/* all-services grant but no service has costs */
	VB_ALLOC_ECYCLE,	/* a composite key contains itself */
	VB_ALLOC_EINPUT,	/* an index or value out of range (caller's bug) */
	VB_ALLOC_ENOMEM,
	VB_ALLOC_EINTERNAL,	/* reconciliation failed */
	VB_ALLOC_EOVERFLOW	/* a sum or product beyond ±(2^63 - 1) */
};

typedef struct vb_alloc_error {
	enum vb_alloc_errkind kind;
	char msg[512];		/* English, names the record */
	const char *entity;	/* the record named: "figure" (code: the member), */
	const char *code;	/* "service", "key", "grant"; NULL for other kinds */
	const char *metric;	/* VB_ALLOC_EFIGURE: the metric and the year of */
	int year;		/* the figure missing (else NULL, 0) */
} vb_alloc_error;

/* ---- functions ------------------------------------------------------ */

/* Allocates the costs of in->year.  0, or -1 with err (may be NULL)
 * filled and res empty.  Free a successful result with vb_alloc_free. */
int vb_allocate(const vb_alloc_input *in, vb_alloc_result *res, vb_alloc_error *err);
void vb_alloc_free(vb_alloc_result *res);

const vb_alloc_cell *vb_alloc_cell_at(const vb_alloc_result *res, size_t member, size_t service);
/* The explanation of one member's share of one service (leaf parts in
 * the keys' listed order); NULL with *n = 0 when there is none. */
const vb_alloc_part *vb_alloc_explain(const vb_alloc_result *res, size_t member, size_t service,
				      size_t *n);

/* Grant part of a year: the amount spread over the period's days by
 * largest remainder (ties: more days, then the earlier year). */
int64_t vb_alloc_grant_part(const vb_alloc_grant *g, int year);
/* Staff transfer credit of a year (spec §2.7), rounded half away from 0. */
int64_t vb_alloc_transfer_credit(const vb_alloc_transfer *t, int year);
/* Savings of a member: sum over the services it takes part in that have
 * a standalone amount of standalone * days / D (rounded half away from
 * zero) minus its share; INT64_MIN when that sum does not fit. */
int64_t vb_alloc_savings(const vb_alloc_result *res, size_t member);

/* Splits total into n instalments (first |total| mod n get one cent
 * more; negative totals negated).  0, or -1 when n < 1. */
int vb_advances_split(int64_t total, int n, int64_t *out);
/* Month (1-12) in which instalment k (0-based) of n falls:
 * 12/n*k + ceil(12/n/2); -1 unless n is 1, 2, 3, 4, 6 or 12 and 0 <= k < n. */
int vb_advances_due_month(int n, int k);

/* Decimal text of v into buf (VB_I128_BUFSZ bytes); returns buf. */
char *vb_i128_format(vb_i128 v, char *buf);

#endif
