/* The list widget: a table of rows (the same out_table that an export
 * writes), shown through a display order (sorting), a selection and a
 * scroll position.  Only the visible rows are drawn, so a list of any
 * length costs the same per screen.  A paged list (list_set_pager)
 * holds only a window of rows around the selection, read from the
 * database as the selection moves; sorting and searching are then the
 * database's, so a list of a million records needs no more memory than
 * one of a hundred. */
#ifndef VB_UI_LIST_H
#define VB_UI_LIST_H

#include <curses.h>
#include <stddef.h>
#include "out.h"
#include "pager.h"
#include "progress.h"

#define LIST_MAXCOLS 64
#define LIST_NONE ((size_t)-1)

struct list;
/* Draws a cell that is not plain text (the allocation's bars). */
typedef void (*list_cell_fn)(const struct list *l, size_t row, int y, int x, int w, attr_t a);
/* The colour of a cell, or 0 for the row's own. */
typedef int (*list_color_fn)(const struct list *l, size_t row, int col);
/* 1 when the row's first cell spans the whole line (a heading). */
typedef int (*list_span_fn)(const struct list *l, size_t row);

typedef struct list_col {
	int col;		/* table column, or -1 when draw paints it */
	char *title;
	int width;		/* 0: the rest of the line */
	int right;		/* right-aligned (numbers) */
	list_cell_fn draw;
} list_col;

typedef struct list {
	out_table *t;		/* owned; paged: the window's rows */
	vb_rec *recs;		/* records parallel to t's rows, or NULL (owned) */
	size_t nrecs;
	vb_pager *pager;	/* paged: where the rows come from (owned) */
	size_t base;		/* paged: display position of t's first row */
	unsigned gen;		/* changes whenever t does */
	char error[512];	/* why the last read of a window failed */
	int hidden;		/* last columns of t that are not exported */
	const vb_progress *progress;	/* of a search's walk (may be NULL) */
	int count_pending;	/* n counts the rows read so far, not all */
	out_table *foot;	/* optional totals row (owned), not sorted */
	list_col cols[LIST_MAXCOLS];
	int ncols;
	int frozen;		/* leading columns that do not scroll sideways */
	int hscroll;		/* first scrolling column shown */
	int more_right;		/* columns cut off at the last draw */
	size_t *order;		/* display position -> table row (not paged) */
	size_t n;
	size_t sel, top;
	int sort;		/* display column sorted by, -1: stored order */
	int desc;
	int height;		/* rows shown at the last draw */
	int cursor_y;		/* screen line of the selection, or -1 */
	list_color_fn color;
	list_span_fn span;
	void *data;		/* for the callbacks */
	/* widths the contents need (numbers, right-aligned texts), per
	 * display column, for the table fit_for */
	unsigned fit_gen;
	int fit_ncols;
	int need[LIST_MAXCOLS];
} list;

void list_init(list *l);
void list_free(list *l);
/* Takes over t (and foot, may be NULL); keeps the sort column. */
void list_set_table(list *l, out_table *t, out_table *foot);
/* The same with the records of t's rows (taken over too). */
void list_set_records(list *l, out_table *t, vb_rec *recs, size_t n);
/* Pages the list from p (taken over): counts the rows, keeps the sort
 * column and the position of the selection.  -1 when the count failed
 * (l->error says why). */
int list_set_pager(list *l, vb_pager *p);
/* Counts the rows of a paged list whose count waits (the first rows
 * are shown before); movement, search and sorting count first.  -1
 * when the count failed (l->error says why). */
int list_count(list *l);
/* The record of table row `row`, or NULL. */
const vb_rec *list_rec(const list *l, size_t row);
/* Row `row` of the table as a table of one row (free it). */
out_table *list_row_copy(const list *l, size_t row);
/* Selects the row at display position pos. */
void list_select_pos(list *l, size_t pos);
/* Selects the row with the key of row `row` of t (a table with the
 * list's columns); 1 when it is there. */
int list_select_key(list *l, const out_table *t, size_t row);
/* Display columns from "name:width name:width …" (width 0: the rest;
 * a number or a right-aligned column is widened to its widest value and
 * never drawn cut);
 * names that the table does not have are skipped. */
void list_columns(list *l, const char *spec);
void list_clear_columns(list *l);
void list_add_col(list *l, int col, const char *title, int width, int right, list_cell_fn draw);

/* The table row of the selection, or LIST_NONE. */
size_t list_row(const list *l);
void list_select_row(list *l, size_t row);
void list_move(list *l, long delta);
void list_home(list *l);
void list_end(list *l);
void list_hscroll(list *l, int delta);

/* Cycles the sort column (then back to the stored order) / reverses. */
void list_sort_next(list *l);
void list_sort_reverse(list *l);

/* The text a cell shows (locale's number format); free it. */
char *list_cell_text(const list *l, size_t row, int col);
/* The next display position from `from` (exclusive when skip_from)
 * going dir (+1/-1, wrapping) whose row contains needle; 1 found. */
int list_find(list *l, const char *needle, size_t from, int dir, int skip_from, size_t *out);

/* Draws the list in h lines at (y, x) of width w: a heading line when
 * header is set, the rows, and the totals row at the bottom. */
void list_draw(list *l, int y, int x, int h, int w, int header, int focused, attr_t sel_attr);
/* The screen line of the selection at the last draw, or -1. */
int list_cursor_y(const list *l);

/* The rows in display order and the totals row, for export: each row
 * is passed to emit(arg, t, row) (a paged list reads them in one walk,
 * never holding them all); the rows emitted, or -1 (l->error). */
long list_each_row(list *l, void (*emit)(void *arg, const out_table *t, size_t row), void *arg);
/* The table's columns without rows. */
out_table *list_columns_table(const list *l);

#endif
