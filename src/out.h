/* Tables of results and their output formats: table (people), csv,
 * csv-de (German spreadsheets), json and md. */
#ifndef VB_OUT_H
#define VB_OUT_H

#include <stdint.h>
#include <stdio.h>
#include "util.h"

enum out_fmt { FMT_TABLE, FMT_CSV, FMT_CSV_DE, FMT_JSON, FMT_MD, FMT_COUNT };
/* Document formats: no table renders in them; a command takes one only
 * when its table entry names it (vb_cmd.doc_formats). */
enum out_doc_fmt { FMT_TXT = FMT_COUNT, FMT_HTML, FMT_ICS, FMT_DOC_END };

enum col_type {
	CT_TEXT,	/* text, formula-injection guarded */
	CT_INT,		/* integer */
	CT_CENTS,	/* money in cents: EUR with two decimals, JSON name_cents */
	CT_DEC4,	/* ten-thousandths: "12.5" */
	CT_DATE,	/* "YYYY-MM-DD" text */
	CT_BOOL,	/* true/false */
	CT_RAW,		/* text written as is (JSON: string), never guarded */
	CT_JSON		/* a JSON object as text: JSON writes the object itself
			 * (a text that is no object stays a string), the other
			 * formats the text */
};

typedef struct out_cell {
	int null;
	int64_t i;
	char *s;
} out_cell;

typedef struct out_stream out_stream;

/* A table of results. Kept (out_new): every row stays until out_render.
 * Streamed (out_stream_new): each row is written when the next one
 * starts or at out_end, and only the row being built is held. */
typedef struct out_table {
	int ncols;
	const char **names;	/* owned copies */
	int *types;
	size_t nrows, cap;
	out_cell *cells;	/* nrows * ncols */
	out_stream *st;		/* streamed: where the rows go */
	/* handed on (out_each_new): each row goes to each when the next
	 * one starts (last 0) or at out_end (last 1) */
	void (*each)(void *ud, const struct out_table *t, const out_cell *row, int last);
	void *each_ud;
	size_t passed;		/* rows handed on */
} out_table;

/* Parses a table format's name; -1 when unknown. */
int out_fmt_parse(const char *name);
/* Parses a table or document format's name; -1 when unknown. */
int out_fmt_parse_any(const char *name);
const char *out_fmt_name(int fmt);

out_table *out_new(void);
void out_col(out_table *t, const char *name, int type);
void out_row(out_table *t);			/* starts a new row */
void out_text(out_table *t, int col, const char *s);	/* NULL: empty */
void out_int(out_table *t, int col, int64_t v);
void out_null(out_table *t, int col);
out_cell *out_at(out_table *t, size_t row, int col);
void out_free(out_table *t);

/* A streamed table in format fmt onto f: csv and json rows are written
 * as they come; table and md rows are spooled (memory up to 1 MB, then
 * an anonymous temporary file) until out_end knows the widths. width:
 * the terminal's columns for table output (the last text column wraps
 * to fit), 0 when not a terminal (nothing is cut or wrapped). Only the
 * row being built can be read back with out_at(t, 0, col). */
out_table *out_stream_new(FILE *f, int fmt, int single, int width);
/* A table that keeps only the row being built and hands each row to
 * each(ud, t, row, last); out_end hands on the last one. */
out_table *out_each_new(void (*each)(void *ud, const out_table *t, const out_cell *row, int last),
			void *ud);
/* Writes the last row and what ends the format, and flushes: 0, or -1
 * when a write failed (the table must still be freed). Kept tables: 0. */
int out_end(out_table *t);
/* Rows given so far (streamed: also those already written). */
size_t out_rows(const out_table *t);

/* Renders a list. With single, JSON is one object and table a vertical
 * field list (for "show"). */
void out_render(const out_table *t, int fmt, int single, sbuf *out);
/* The same, table output fitted to width columns (0: no limit). */
void out_render_width(const out_table *t, int fmt, int single, int width, sbuf *out);
/* Writes buf to stdout; reports errors (e.g. EPIPE, ENOSPC). 0 or -1. */
int out_write(FILE *f, const sbuf *buf);
/* An amount and an ISO date as table output shows them in the current
 * locale ("1.234,56 €" and "31.12.2024" in de_DE; "1234.56" and
 * "2024-12-31" in C). buf: VB_NUM_BUFSZ bytes (cents), 11 (date); a
 * text that is not a date comes back unchanged. */
char *out_locale_cents(int64_t cents, char *buf);
const char *out_locale_date(const char *iso, char *buf);
/* 1 when s must get a leading ' in CSV/table output. */
int out_needs_guard(const char *s);
/* Whether CSV and table output put a ' before s: it begins with a
 * character of out_needs_guard, also after quotes ("'=x" becomes "''=x",
 * so that an import, removing one quote, gets "'=x" back). */
int out_needs_prefix(const char *s);

#endif
