/* A long list read a page at a time: an entity's records or the audit
 * log, in the order of any column, as rows of an out_table at display
 * positions.  Nothing but the rows asked for is held, so a screen of a
 * list costs the same at 10 or 1,000,000 records (the TUI's lists). */
#ifndef VB_PAGER_H
#define VB_PAGER_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "entity.h"
#include "err.h"
#include "out.h"

typedef struct vb_pager vb_pager;

/* An entity's records, in key order at first; the rows have the
 * columns of recs_table(e, …, 1): column i is field i.  NULL when the
 * entity has list fields (they are no columns; such lists are short). */
vb_pager *pager_entity(vb_db *db, const vb_entity *e);
/* The audit log, newest first at first; the columns of log_table and a
 * last one, "id", the entry's number. */
vb_pager *pager_log(vb_db *db);
void pager_free(vb_pager *p);

/* A new table with the rows' columns and no rows. */
out_table *pager_table(const vb_pager *p);
/* The entity (NULL for the log). */
const vb_entity *pager_ent(const vb_pager *p);
/* Orders by column col (-1: the stored order), reversed with desc; text
 * in the collation of the locale (strcoll), ties in the stored order. */
void pager_order(vb_pager *p, int col, int desc);
/* Rows now; -1 with err. */
int64_t pager_count(vb_pager *p, vb_err *err);
/* Appends the rows at display positions [pos, pos + n) to t (from
 * pager_table); for an entity also their records to *recs (may be
 * NULL), *nrecs counting them.  The rows read, or -1 with err. */
long pager_read(vb_pager *p, size_t pos, size_t n, out_table *t, vb_rec **recs, size_t *nrecs,
		vb_err *err);
/* Appends to t (and *recs) up to n rows next to row `row` of a (a table
 * of pager_table's columns) in display order: those right after it, or
 * those right before it (in display order too).  Found through the
 * row's values, not its position, so that a list moving by a window
 * never makes the database count the rows before.  Rows read, or -1. */
long pager_read_next(vb_pager *p, const out_table *a, size_t row, int after, size_t n, out_table *t,
		     vb_rec **recs, size_t *nrecs, vb_err *err);
/* The display position of the row whose key is that of row `row` of t
 * (a table of pager_table's columns): 0 … count-1, or -1 with err, or -2
 * when no such row is stored. */
int64_t pager_position(vb_pager *p, const out_table *t, size_t row, vb_err *err);
/* Walks the rows from display position `from` to the end in one read:
 * each(arg, pos, t, row) sees row `row` of a table of some rows; it
 * returns 1 to stop, 0 to go on.  0, or -1 with err.  Each record is
 * checked like input (an export) unless flags has PAGER_UNCHECKED (a
 * search, which only compares texts and shows nothing it read). */
#define PAGER_UNCHECKED 1u
int pager_scan(vb_pager *p, size_t from, unsigned flags,
	       int (*each)(void *arg, size_t pos, const out_table *t, size_t row), void *arg,
	       vb_err *err);

/* A walk that reads only the rows that can contain a text: those where
 * one of the columns of `like` (bit per column) contains text, compared
 * as SQL's LIKE does (ASCII letters in either case, other characters
 * exactly), or one of the columns of `nonzero` is not 0.  each sees the
 * other rows with t NULL (their position only). */
typedef struct pager_like {
	const char *text;
	unsigned like, nonzero;
} pager_like;
int pager_scan_like(vb_pager *p, size_t from, unsigned flags, const pager_like *f,
		    int (*each)(void *arg, size_t pos, const out_table *t, size_t row), void *arg,
		    vb_err *err);

#endif
