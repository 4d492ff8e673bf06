/* The output module's parts among themselves (src/out_table.c builds
 * tables, src/out.c renders them): the locale's conventions for people
 * and the stream's hooks that a table calls. */
#ifndef VB_OUT_INT_H
#define VB_OUT_INT_H

#include "out.h"
#include "json.h"

/* The locale's conventions for table output (for people): LC_NUMERIC's
 * separators; the euro sign placed as LC_MONETARY places it when the
 * locale's currency is the euro ("1.234,56 €" in de_DE); day-first
 * dates with dots where LC_TIME writes them so (de_DE "%d.%m.%Y"). */
typedef struct tab_locale {
	const char *dec, *sep;
	int euro;		/* the currency symbol is "€" */
	int before, space;	/* symbol before the number; blank between */
	int nbefore, nspace;	/* the same for negative amounts */
	int dmy;		/* dates as DD.MM.YYYY */
} tab_locale;

void tab_locale_get(tab_locale *l);
char *tab_cents(const tab_locale *l, int64_t cents, char *buf);
const char *tab_date(const tab_locale *l, const char *iso, char *buf);
void stream_free(out_stream *st, int ncols);
void stream_pending(out_table *t);
/* Hands the row being built to t->each and makes its cells empty. */
void each_pending(out_table *t, int last);

/* ---- the stream (src/out.c), and its grid for table and md
 * (src/out_grid.c) ---- */

#define SPOOL_MEM (1u << 20)

/* A spooled cell's header: its display text's length and its width in
 * columns, measured once (measuring again when the rows were written
 * made table and md cost 1.45 times what json costs). */
typedef struct spool_cell {
	uint32_t len;
	int32_t width;
} spool_cell;

struct out_stream {
	FILE *f;		/* rows go to f, or */
	sbuf *to;		/* are appended to to */
	int fmt, single, width;	/* width: terminal columns, 0 no limit */
	int err;		/* a write failed */
	int begun;
	size_t rows;		/* rows passed on */
	tab_locale loc;
	sbuf line, raw, clean;
	jw w;
	char **jkeys;		/* json: the key of each column */
	int *wd;		/* table, md: column widths */
	char *gl;		/* table, md: a line being built */
	size_t glcap;
	sbuf spool;		/* table, md: each cell's display text as a
				 * spool_cell, its bytes and a NUL */
	FILE *spill;		/* ... and what did not fit in memory */
};

void st_put(out_stream *st, const char *s, size_t n);
/* Writes st->line and empties it. */
void st_put_line(out_stream *st);
void out_pad(sbuf *b, int n);
/* Ends a table line without trailing blanks. */
void out_end_line(sbuf *b);
size_t out_wrap_piece(const char *s, int cols, size_t *skip);
int out_is_numeric(int type);
/* Writes the spooled rows of a table or md in their columns. */
void grid_end(out_stream *st, const out_table *t);

#endif
