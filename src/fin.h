/* The finance tables (spec §2, §3.2, §7) as data: allocate, advances,
 * settle, simulate, savings, compare and statement.  Batch output,
 * documents and the TUI all render what this module returns; it does
 * no formatting and knows no command line or terminal.
 *
 * Use:  fin_year y;  if (fin_year_load(db, 2024, "actual", 0, &y, &err) < 0) …
 *       out_table *t = fin_alloc_table(&y);   … render t …   out_free(t);
 *       fin_year_free(&y);
 * Every fin_*_rows() adds to t (kept, streamed or handed on row by row)
 * the CSV columns of §3.2 (amounts CT_CENTS, i.e. int64 cents) and the
 * rows, the last one the TOTAL row (code "TOTAL", name ""), except where
 * said; fin_*_table() returns them as a new kept table.
 * Every sum is checked: a result beyond int64 cents is an error (status
 * VB_EFAIL) naming what overflowed, never a wrapped number.
 * Strings in the results point into the loaded data and live as long
 * as the structure they came from. */
#ifndef VB_FIN_H
#define VB_FIN_H

#include <stdint.h>

#include "allocdb.h"
#include "db.h"
#include "err.h"
#include "out.h"

#define FIN_MAX_DUE 12

/* ---- allocate ------------------------------------------------------- */

/* The allocation of one year on one basis. */
typedef struct fin_year {
	int year;
	const char *basis;	/* "plan" or "actual" (static) */
	alloc_data d;		/* the engine's input, with names */
	vb_alloc_result r;	/* the engine's result (member/service indexes of d) */
	size_t *svc;		/* active services (§3.2: a cost or a grant part), code order */
	size_t n_svc;
	size_t *mem;		/* listed members, code order */
	size_t n_mem;
	int64_t *svc_total;	/* [n_svc] sum of the listed members' shares */
	int64_t transfers_total;
	int64_t total;		/* == r.total */
} fin_year;

/* Loads and allocates year and basis ("plan" or "actual"); explain
 * fills the engine's explanation.  0, or -1 with err. */
int fin_year_load(vb_db *db, int year, const char *basis, int explain, fin_year *y, vb_err *err);
/* The same, reporting the progress of reading to p (NULL: nobody). */
int fin_year_load_progress(vb_db *db, int year, const char *basis, int explain,
			   const vb_progress *p, fin_year *y, vb_err *err);
/* Allocates data already loaded (and maybe changed, as simulate does);
 * takes over d (freed by fin_year_free, also on error). */
int fin_year_run(alloc_data *d, int year, const char *basis, int explain, fin_year *y, vb_err *err);
void fin_year_free(fin_year *y);
/* Share of member index m (of y->d) in service index s; 0 when absent. */
int64_t fin_share(const fin_year *y, size_t m, size_t s);
/* code,name,<active services…>,transfers,total; TOTAL row last. */
out_table *fin_alloc_table(const fin_year *y);
/* The same rows into t, a kept or a streamed table without columns. */
void fin_alloc_rows(const fin_year *y, out_table *t);
/* code,service,key,value,value_year,days,weight,quota,remainder_cent,share
 * (needs explain; no TOTAL row). */
out_table *fin_explain_table(const fin_year *y);
void fin_explain_rows(const fin_year *y, out_table *t);

/* ---- advances ------------------------------------------------------- */

typedef struct fin_adv_row {
	const char *code, *name;
	int64_t total;
	int64_t inst[FIN_MAX_DUE];
} fin_adv_row;

typedef struct fin_advances {
	int year;
	int n;				/* instalments */
	char due[FIN_MAX_DUE][11];	/* YYYY-MM-DD */
	int issued;			/* 1: read from the issued advances */
	char issued_on[32];		/* when they were issued (UTC ISO 8601), or "" */
	fin_adv_row *rows;		/* in code order */
	size_t nrows;
	int64_t sum[FIN_MAX_DUE + 1];	/* [0] totals, [1 + k] instalment k */
	alloc_data d;			/* owns the strings */
} fin_advances;

/* The due dates of n instalments in year: the configured ones (due as
 * "MM-DD", ndue of them) when n == ndue, else the 15th of §2's months. */
void fin_due_dates(int year, int n, const char (*due)[6], int ndue, char out[][11]);
/* The advances computed from the plan allocation of year. */
int fin_advances_compute(vb_db *db, int year, int n, const char (*due)[6], int ndue,
			 fin_advances *p, vb_err *err);
/* The advances issued for year; p->issued is 0 (and no rows) when none. */
int fin_advances_issued(vb_db *db, int year, fin_advances *p, vb_err *err);
/* The issued advances, else those computed from the plan with the
 * configured due dates (what settle and statement use). */
int fin_advances_effective(vb_db *db, int year, const char (*due)[6], int ndue,
			   fin_advances *p, vb_err *err);
void fin_advances_free(fin_advances *p);
/* Index of a member's row, or -1. */
long fin_advances_find(const fin_advances *p, const char *code);
/* code,name,total,<due dates…>; TOTAL row last. */
out_table *fin_advances_table(const fin_advances *p);
void fin_advances_rows(const fin_advances *p, out_table *t);

/* ---- settle --------------------------------------------------------- */

typedef struct fin_settle_row {
	const char *code, *name;
	int64_t actual, advances, balance;	/* balance > 0: the member pays */
} fin_settle_row;

typedef struct fin_settle {
	int year;
	fin_year actual;
	fin_advances adv;
	fin_settle_row *rows;	/* members of the actual allocation, and any with advances */
	size_t nrows;
	int64_t sum_actual, sum_advances, balance;
} fin_settle;

int fin_settle_load(vb_db *db, int year, const char (*due)[6], int ndue, fin_settle *s,
		    vb_err *err);
void fin_settle_free(fin_settle *s);
/* code,name,actual,advances,balance; TOTAL row last. */
out_table *fin_settle_table(const fin_settle *s);
void fin_settle_rows(const fin_settle *s, out_table *t);

/* ---- simulate ------------------------------------------------------- */

typedef struct fin_sim_member {	/* what simulate changes */
	const char *member;	/* an existing member, or NULL for a new one */
	const char *code;	/* new member: code (NULL: "new"), name */
	const char *name;
	int has_joined;
	vb_date joined;		/* default: 1 January of the year */
	const char *const *metrics;	/* new member: figures holding every year */
	const int64_t *values;	/* ten-thousandths */
	size_t n_figures;
} fin_sim_member;

typedef struct fin_sim_row {
	const char *code, *name;
	int64_t before, after, delta;
} fin_sim_row;

typedef struct fin_simulation {
	int year;
	const char *basis;
	fin_year after;		/* the allocation with the change */
	fin_sim_row *rows;
	size_t nrows;
	int64_t sum[3];		/* before, after, delta */
} fin_simulation;

int fin_simulate(vb_db *db, int year, const char *basis, const fin_sim_member *sm,
		 fin_simulation *s, vb_err *err);
void fin_simulation_free(fin_simulation *s);
/* code,name,before,after,delta; TOTAL row last. */
void fin_simulation_rows(const fin_simulation *s, out_table *t);

/* ---- savings -------------------------------------------------------- */

typedef struct fin_savings_row {
	const char *code, *name;
	int64_t standalone, share, savings;
} fin_savings_row;

typedef struct fin_savings {
	fin_year y;
	int n_standalone;	/* services of the year with a standalone amount */
	fin_savings_row *rows;
	size_t nrows;
	int64_t sum[3];		/* standalone, share, savings */
} fin_savings;

int fin_savings_load(vb_db *db, int year, const char *basis, fin_savings *s, vb_err *err);
void fin_savings_free(fin_savings *s);
/* code,name,standalone,share,savings; TOTAL row last. */
void fin_savings_rows(const fin_savings *s, out_table *t);

/* ---- compare (§2 "Comparison of two years") ------------------------ */

typedef struct fin_cmp_cell {	/* one member, one service */
	int64_t before, after, delta;	/* shares in Y0 and Y; delta = after - before */
	int64_t cost_effect;	/* before * n1 / n0 (half away from 0) - before; 0 when n0 or before is 0 */
	int64_t share_effect;	/* delta - cost_effect */
	int shown;		/* takes part or has a share in either year */
} fin_cmp_cell;

typedef struct fin_cmp_row {
	const char *code, *name;
	int64_t before, after, delta;	/* totals payable */
	int64_t cost_effect, share_effect;	/* sums over the services */
	int64_t transfers_before, transfers_after, transfers_effect;
	fin_cmp_cell *cells;	/* [n_svc] */
} fin_cmp_row;

typedef struct fin_compare {
	int year, against;
	const char *basis, *against_basis;
	fin_year y1, y0;	/* the allocations of Y (after) and Y0 (before) */
	const char **svc_code;	/* services active in either year, code order */
	const char **svc_name;
	int64_t *net_before, *net_after;	/* [n_svc] */
	size_t n_svc;
	fin_cmp_row *rows;	/* members listed in either year (or the one asked for), code order */
	size_t nrows;
	fin_cmp_row total;	/* column sums (cells too) */
} fin_compare;

/* Year (basis) beside against (against_basis), against <= year; member
 * NULL for all, else only that member.  Every delta is exactly the sum
 * of its cost, share and transfers effects. */
int fin_compare_load(vb_db *db, int year, const char *basis, int against, const char *against_basis,
		     const char *member, fin_compare *c, vb_err *err);
void fin_compare_free(fin_compare *c);
/* code,name,before,after,delta,cost_effect,share_effect,transfers_effect;
 * TOTAL row last. */
out_table *fin_compare_table(const fin_compare *c);
void fin_compare_rows(const fin_compare *c, out_table *t);
/* code,service,before,after,delta,cost_effect,share_effect: per member a
 * row per service it has, then a row "transfers" when it has any (its
 * effects empty: a transfer is neither); TOTAL row last. */
void fin_compare_explain_rows(const fin_compare *c, out_table *t);

/* ---- statement (§7) ------------------------------------------------- */

typedef struct fin_stmt_value {	/* one key part behind a share */
	const char *key;	/* the leaf key */
	int64_t value;		/* value used, ten-thousandths (equal: 1, fixed: percent) */
	int value_year;		/* year of the figure, or VB_ALLOC_NO_YEAR */
	int excluded;		/* the key excludes the member: value 0 */
} fin_stmt_value;

typedef struct fin_stmt_line {	/* one service of a member's statement */
	const char *code, *name, *key;
	int64_t cost;		/* the service's cost (Y, basis) */
	int64_t gross;		/* the cost split by the key (§2 steps 3-6 on the cost) */
	int64_t grant;		/* relief: net - gross (negative: the grant lowers the share) */
	int64_t net;		/* the share of allocate */
	int64_t quota;		/* gross / cost in ten-thousandths of a percent, half away from 0 */
	int32_t days;
	fin_stmt_value *values;
	size_t n_values;
} fin_stmt_line;

typedef struct fin_stmt_transfer {
	int64_t id;		/* the transfer's number (never the person's name) */
	char date[11];		/* its date, YYYY-MM-DD */
	int64_t amount;		/* + received credit, - given credit */
} fin_stmt_transfer;

typedef struct fin_stmt_member {
	const char *code, *name;
	fin_stmt_line *lines;	/* the services it takes part in or has a share of */
	size_t n_lines;
	fin_stmt_transfer *transfers;
	size_t n_transfers;
	int64_t transfers_total, total;
	int n_adv;		/* advances: issued, else computed from the plan */
	char due[FIN_MAX_DUE][11];
	int64_t adv[FIN_MAX_DUE];
	int64_t adv_total;
	int advances_issued;
	char issued_on[11];	/* YYYY-MM-DD when issued */
	int64_t balance;	/* total - advances (meaningful on basis actual): > 0 to pay */
	char fingerprint[65];	/* SHA-256 of what this member's statement shows */
} fin_stmt_member;

typedef struct fin_statement {
	int year;
	const char *basis;
	char *federation;	/* the federation's name */
	char made[11];		/* date made (not in the fingerprint) */
	fin_year net, gross;	/* the allocation, and the split of the cost without grants */
	fin_advances adv;
	fin_stmt_member *members;	/* those allocate lists (or the one asked for) */
	size_t n;
	char fingerprint[65];	/* SHA-256 over all members' statements */
} fin_statement;

/* The statements of year and basis for every member that allocate lists,
 * or only member; today is the date made.  due/ndue: the configured due
 * dates for advances not yet issued. */
int fin_statement_load(vb_db *db, int year, const char *basis, const char *member,
		       const char (*due)[6], int ndue, vb_date today, fin_statement *st, vb_err *err);
void fin_statement_free(fin_statement *st);

/* ---- helpers -------------------------------------------------------- */

/* *sum += v, or -1 with err naming what on overflow: a printf-like text
 * marked N_(), translated only then (fin_add runs for every cell of an
 * allocation: gettext there took half of the run at nation scale). */
int fin_add(int64_t *sum, int64_t v, vb_err *err, const char *what, ...) VB_PRINTF(4, 5);

#endif
