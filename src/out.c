/* Result tables and their rendering in every output format: table,
 * csv, csv-de, json, md. */
#include "config.h"
#include "out.h"
#include "out_int.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "json.h"
#include "num.h"

/* ------------------------------------------------------------ rendering
 * Every format is written row by row through one stream (struct
 * out_stream): csv and json rows go out as they come; table and md keep
 * each row's display texts in a spool (in memory up to SPOOL_MEM bytes,
 * then in an anonymous temporary file) until the widths are known, so
 * that memory does not grow with the number of rows. out_render() runs
 * the rows of a kept table through the same stream. */


void
st_put(out_stream *st, const char *s, size_t n)
{
	if (st->to)
		sb_addn(st->to, s, n);
	else if (n && !st->err && fwrite(s, 1, n, st->f) != n)
		st->err = 1;
}

void
st_put_line(out_stream *st)
{
	st_put(st, st->line.s ? st->line.s : "", st->line.len);
	sb_reset(&st->line);
}

/* An amount as num_format_cents(cents, buf, dec, NULL) writes it,
 * for a one-character decimal mark: written here without the checks
 * and copies of the general function (hundreds of thousands of cells
 * in an allocation). */
static void
add_cents(sbuf *b, int64_t cents, char dec)
{
	char buf[32], *p = buf + sizeof buf;
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	*--p = (char)('0' + u % 10);
	*--p = (char)('0' + u / 10 % 10);
	*--p = dec;
	u /= 100;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (cents < 0)
		*--p = '-';
	sb_putn(b, p, (size_t)(buf + sizeof buf - p));
}

/* Display form of one cell for csv (dec "."), csv-de (","), table and md. */
static void
cell_text(const out_stream *st, const out_cell *cell, int type, sbuf *b)
{
	char num[VB_NUM_BUFSZ];
	int fmt = st->fmt;
	const char *dec = fmt == FMT_CSV_DE ? "," : ".";
	const char *sep = NULL;
	if (fmt == FMT_TABLE) {
		dec = st->loc.dec;
		sep = st->loc.sep;
	}
	if (cell->null)
		return;
	switch (type) {
	case CT_INT:
		sb_puti(b, cell->i);
		break;
	case CT_CENTS:
		if (fmt == FMT_TABLE && (st->loc.euro || (sep && *sep)))
			sb_adds(b, tab_cents(&st->loc, cell->i, num));
		else if (dec[0] && !dec[1])
			add_cents(b, cell->i, dec[0]);
		else
			sb_adds(b, num_format_cents(cell->i, num, dec, sep));
		break;
	case CT_DATE:
		if (fmt == FMT_TABLE) {
			char d[11];
			const char *shown = tab_date(&st->loc, cell->s, d);
			sb_adds(b, shown ? shown : "");
		} else
			sb_adds(b, cell->s ? cell->s : "");
		break;
	case CT_DEC4:
		sb_adds(b, num_format_dec4(cell->i, num, dec));
		break;
	case CT_BOOL:
		sb_adds(b, cell->i ? "true" : "false");
		break;
	case CT_TEXT:
	case CT_JSON:
		if ((fmt == FMT_CSV || fmt == FMT_CSV_DE || fmt == FMT_TABLE) && out_needs_prefix(cell->s))
			sb_addc(b, '\'');
		sb_adds(b, cell->s ? cell->s : "");
		break;
	default:
		sb_adds(b, cell->s ? cell->s : "");
	}
}

int
out_is_numeric(int type)
{
	return type == CT_INT || type == CT_CENTS || type == CT_DEC4;
}

/* 1 when s is one whole JSON object (what the audit log keeps). */
static int
is_json_object(const char *s)
{
	if (!s || *s != '{')
		return 0;
	vb_err err;
	jval *v = json_parse("", s, strlen(s), &err);
	int ok = v && v->t == JOBJ;
	json_free(v);
	return ok;
}

static void
json_cell(out_stream *st, const out_table *t, const out_cell *cell, int c)
{
	char num[VB_NUM_BUFSZ];
	jw *w = &st->w;
	jw_key(w, st->jkeys[c]);
	if (cell->null) {
		jw_null(w);
		return;
	}
	switch (t->types[c]) {
	case CT_INT:
	case CT_CENTS:
		jw_int(w, cell->i);
		break;
	case CT_DEC4:
		jw_raw(w, num_format_dec4(cell->i, num, "."));
		break;
	case CT_BOOL:
		jw_bool(w, (int)cell->i);
		break;
	case CT_JSON:
		if (is_json_object(cell->s))
			jw_raw(w, cell->s);
		else
			jw_str(w, cell->s ? cell->s : "");
		break;
	default:
		jw_str(w, cell->s ? cell->s : "");
	}
}

/* The length of a C1 control (U+0080–U+009F, CSI on many terminals) or
 * a bidirectional control at s, 0 for anything else. */
static size_t
control_len(const char *s)
{
	uint32_t cp;
	int l = utf8_decode((const unsigned char *)s, strnlen(s, 4), &cp);
	return l > 1 && (utf8_is_control(cp) || utf8_is_bidi(cp)) ? (size_t)l : 0;
}

/* Makes text safe for a terminal or a Markdown cell: control characters
 * (C0, C1) and bidirectional controls become visible, '|' is escaped in
 * Markdown.  1 when what it wrote is all ASCII (its width is then its
 * length). */
static int
sanitize(const char *s, int md, sbuf *b)
{
	int ascii = 1;
	for (; *s; s++) {
		/* a run of printable ASCII (nearly every cell) in one copy */
		size_t run = 0;
		while ((unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f && !(md && s[run] == '|'))
			run++;
		if (run) {
			sb_addn(b, s, run);
			s += run - 1;
			continue;
		}
		ascii = 0;	/* not always so, but then measured */
		size_t ctl = control_len(s);
		if (ctl) {
			sb_adds(b, md ? " " : "\xef\xbf\xbd");	/* U+FFFD */
			s += ctl - 1;
			continue;
		}
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			sb_adds(b, md ? "<br>" : "\xe2\x86\xb5");	/* ↵ */
		else if (c < 0x20 || c == 0x7f)
			sb_adds(b, md ? " " : "\xef\xbf\xbd");	/* U+FFFD */
		else if (md && c == '|')
			sb_adds(b, "\\|");
		else
			sb_addc(b, (char)c);
	}
	return ascii;
}

/* 1 when csv_quote() would quote the n bytes at s. */
static int
csv_special(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

/* 1 when sanitize() would copy the n bytes at s unchanged. */
static int
plain(const char *s, size_t n, int md)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f || (md && s[i] == '|'))
			return 0;
	return 1;
}

void
out_pad(sbuf *b, int n)
{
	static const char blanks[] = "                                ";
	for (; n > 0; n -= (int)sizeof blanks - 1)
		sb_addn(b, blanks, n < (int)sizeof blanks - 1 ? (size_t)n : sizeof blanks - 1);
}

/* Ends a table line without trailing blanks. */
void
out_end_line(sbuf *b)
{
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	sb_addc(b, '\n');
}

/* The next piece of s (bytes) that fits in cols display columns, broken
 * after the last blank that fits, or inside a word longer than cols;
 * *skip: bytes to leave out after it (the blank). */
size_t
out_wrap_piece(const char *s, int cols, size_t *skip)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, blank = 0;
	int w = 0, have_blank = 0;
	*skip = 0;
	while (i < n) {
		uint32_t cp;
		int l = utf8_decode(p + i, n - i, &cp);
		if (!l)
			l = 1, cp = '?';
		int cw = utf8_width_cp(cp);
		if (w + cw > cols && i > 0) {
			if (have_blank && blank > 0) {
				*skip = 1;
				return blank;
			}
			return i;
		}
		if (cp == ' ')
			blank = i, have_blank = 1;
		w += cw;
		i += (size_t)l;
	}
	return n;
}

/* A cell's display text into st->clean; returns its width. */
static int
text_cell(out_stream *st, const out_cell *cell, int type)
{
	sb_reset(&st->raw);
	sb_reset(&st->clean);
	cell_text(st, cell, type, &st->raw);
	int ascii = sanitize(st->raw.s ? st->raw.s : "", st->fmt == FMT_MD, &st->clean);
	if (!st->clean.s)
		sb_adds(&st->clean, "");
	return ascii ? (int)st->clean.len : utf8_width(st->clean.s);
}

static void
begin(out_stream *st, const out_table *t)
{
	st->begun = 1;
	switch (st->fmt) {
	case FMT_CSV:
	case FMT_CSV_DE: {
		char d = st->fmt == FMT_CSV_DE ? ';' : ',';
		if (st->fmt == FMT_CSV_DE)
			sb_adds(&st->line, "\xef\xbb\xbf");
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				sb_addc(&st->line, d);
			csv_quote(&st->line, t->names[c], d);
		}
		sb_adds(&st->line, st->fmt == FMT_CSV_DE ? "\r\n" : "\n");
		st_put_line(st);
		break;
	}
	case FMT_JSON:
		st->jkeys = xcalloc((size_t)t->ncols + 1, sizeof *st->jkeys);
		for (int c = 0; c < t->ncols; c++) {
			sbuf k;
			sb_init(&k);
			sb_printf(&k, t->types[c] == CT_CENTS ? "%s_cents" : "%s", t->names[c]);
			st->jkeys[c] = sb_take(&k);
		}
		jw_init(&st->w, &st->line);
		if (!st->single)
			jw_arr(&st->w);
		st_put_line(st);
		break;
	default:
		st->wd = xcalloc((size_t)t->ncols + 1, sizeof *st->wd);
		for (int c = 0; c < t->ncols; c++) {
			st->wd[c] = utf8_width(t->names[c]);
			if (st->fmt == FMT_MD && st->wd[c] < 3)
				st->wd[c] = 3;
		}
	}
}

/* The vertical field list of "show": a line per field, long values
 * wrapped at the terminal's width. */
static void
vertical_row(out_stream *st, const out_table *t, const out_cell *row)
{
	int kw = 0;
	for (int c = 0; c < t->ncols; c++)
		if (utf8_width(t->names[c]) > kw)
			kw = utf8_width(t->names[c]);
	for (int c = 0; c < t->ncols; c++) {
		text_cell(st, &row[c], t->types[c]);
		sb_adds(&st->line, t->names[c]);
		sb_addc(&st->line, ':');
		out_pad(&st->line, kw - utf8_width(t->names[c]) + 1);
		const char *s = st->clean.s;
		int room = st->width - kw - 2;
		if (st->width > 0 && room >= 10) {
			for (int first = 1; first || *s; first = 0) {
				size_t skip, n = out_wrap_piece(s, room, &skip);
				if (!first)
					out_pad(&st->line, kw + 2);
				sb_addn(&st->line, s, n);
				out_end_line(&st->line);
				s += n + skip;
			}
		} else {
			sb_adds(&st->line, s);
			out_end_line(&st->line);
		}
		st_put_line(st);
	}
}

static void
spool_row(out_stream *st, const out_table *t, const out_cell *row)
{
	int md = st->fmt == FMT_MD;
	for (int c = 0; c < t->ncols; c++) {
		spool_cell h = {0, 0};
		size_t at = st->spool.len;
		sb_putn(&st->spool, (const char *)&h, sizeof h);
		size_t from = st->spool.len;
		/* nearly every cell is printable ASCII that sanitize() would
		 * copy unchanged: written into the spool directly, its width
		 * its length */
		cell_text(st, &row[c], t->types[c], &st->spool);
		h.len = (uint32_t)(st->spool.len - from);
		if (plain(st->spool.s + from, h.len, md)) {
			h.width = (int32_t)h.len;
		} else {
			st->spool.len = from;
			st->spool.s[from] = '\0';
			sb_reset(&st->raw);
			cell_text(st, &row[c], t->types[c], &st->raw);
			int ascii = sanitize(st->raw.s ? st->raw.s : "", md, &st->spool);
			h.len = (uint32_t)(st->spool.len - from);
			h.width = ascii ? (int32_t)h.len : utf8_width(st->spool.s + from);
		}
		memcpy(st->spool.s + at, &h, sizeof h);
		sb_putc(&st->spool, '\0');
		if (h.width > st->wd[c])
			st->wd[c] = h.width;
	}
	if (st->spool.len < SPOOL_MEM)
		return;
	if (!st->spill && !(st->spill = tmpfile())) {
		st->err = 1;
		return;
	}
	if (fwrite(st->spool.s, 1, st->spool.len, st->spill) != st->spool.len)
		st->err = 1;
	sb_reset(&st->spool);
}

static void
stream_row(out_stream *st, const out_table *t, const out_cell *row)
{
	if (!st->begun)
		begin(st, t);
	if (st->err)
		return;
	st->rows++;
	switch (st->fmt) {
	case FMT_CSV:
	case FMT_CSV_DE: {
		char d = st->fmt == FMT_CSV_DE ? ';' : ',';
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				sb_putc(&st->line, d);
			if (out_is_numeric(t->types[c]) || t->types[c] == CT_BOOL) {
				/* a number needs no quotes (checked): written
				 * into the line directly */
				size_t from = st->line.len;
				cell_text(st, &row[c], t->types[c], &st->line);
				if (st->line.len == from || !csv_special(st->line.s + from, st->line.len - from, d))
					continue;
				st->line.len = from;
				st->line.s[from] = '\0';
			}
			sb_reset(&st->raw);
			cell_text(st, &row[c], t->types[c], &st->raw);
			csv_quote(&st->line, st->raw.s ? st->raw.s : "", d);
		}
		sb_adds(&st->line, st->fmt == FMT_CSV_DE ? "\r\n" : "\n");
		st_put_line(st);
		break;
	}
	case FMT_JSON:
		if (st->single && st->rows > 1)
			break;
		jw_obj(&st->w);
		for (int c = 0; c < t->ncols; c++)
			json_cell(st, t, &row[c], c);
		jw_obj_end(&st->w);
		st_put_line(st);
		break;
	default:
		if (st->single && st->fmt == FMT_TABLE)
			vertical_row(st, t, row);
		else
			spool_row(st, t, row);
	}
}

static void
stream_end(out_stream *st, const out_table *t)
{
	if (!st->begun)
		begin(st, t);
	switch (st->fmt) {
	case FMT_CSV:
	case FMT_CSV_DE:
		break;
	case FMT_JSON:
		if (!st->single)
			jw_arr_end(&st->w);
		else if (st->rows == 0)
			sb_adds(&st->line, "null\n");
		st_put_line(st);
		break;
	default:
		if (!(st->single && st->fmt == FMT_TABLE))
			grid_end(st, t);
	}
	if (st->f && !st->err && fflush(st->f) != 0)
		st->err = 1;
}

static out_stream *
stream_new(FILE *f, sbuf *to, int fmt, int single, int width)
{
	out_stream *st = xcalloc(1, sizeof *st);
	st->f = f;
	st->to = to;
	st->fmt = fmt;
	st->single = single;
	st->width = width;
	tab_locale_get(&st->loc);
	sb_init(&st->line);
	sb_init(&st->raw);
	sb_init(&st->clean);
	sb_init(&st->spool);
	return st;
}

void
stream_free(out_stream *st, int ncols)
{
	if (!st)
		return;
	if (st->jkeys)
		for (int c = 0; c < ncols; c++)
			free(st->jkeys[c]);
	free(st->jkeys);
	free(st->wd);
	free(st->gl);
	sb_free(&st->line);
	sb_free(&st->raw);
	sb_free(&st->clean);
	sb_free(&st->spool);
	if (st->spill)
		fclose(st->spill);
	free(st);
}

out_table *
out_stream_new(FILE *f, int fmt, int single, int width)
{
	out_table *t = out_new();
	t->st = stream_new(f, NULL, fmt, single, width);
	return t;
}

/* Passes the row being built on and makes its cells empty again. */
void
stream_pending(out_table *t)
{
	if (!t->nrows)
		return;
	stream_row(t->st, t, t->cells);
	for (int c = 0; c < t->ncols; c++) {
		free(t->cells[c].s);
		t->cells[c] = (out_cell){1, 0, NULL};
	}
	t->nrows = 0;
}

int
out_end(out_table *t)
{
	if (t->each)
		each_pending(t, 1);
	if (!t->st)
		return 0;
	stream_pending(t);
	stream_end(t->st, t);
	return t->st->err ? -1 : 0;
}

size_t
out_rows(const out_table *t)
{
	return t->st ? t->st->rows + t->nrows : t->passed + t->nrows;
}

void
out_render_width(const out_table *t, int fmt, int single, int width, sbuf *out)
{
	out_stream *st = stream_new(NULL, out, fmt, single, width);
	for (size_t r = 0; r < t->nrows; r++)
		stream_row(st, t, t->cells + r * (size_t)t->ncols);
	stream_end(st, t);
	stream_free(st, t->ncols);
}

void
out_render(const out_table *t, int fmt, int single, sbuf *out)
{
	out_render_width(t, fmt, single, 0, out);
}

int
out_write(FILE *f, const sbuf *buf)
{
	if (buf->len && fwrite(buf->s, 1, buf->len, f) != buf->len)
		return -1;
	if (fflush(f) != 0)
		return -1;
	return 0;
}
