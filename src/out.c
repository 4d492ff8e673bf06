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

/* sb_addc and sb_addn with the common case (room enough) in line, for
 * what is written per cell. */
static inline void
put_c(sbuf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		sb_addc(b, c);
	}
}

static inline void
put_n(sbuf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		sb_addn(b, s, n);
	}
}

static void
put(out_stream *st, const char *s, size_t n)
{
	if (st->to)
		sb_addn(st->to, s, n);
	else if (n && !st->err && fwrite(s, 1, n, st->f) != n)
		st->err = 1;
}

static void
put_line(out_stream *st)
{
	put(st, st->line.s ? st->line.s : "", st->line.len);
	sb_reset(&st->line);
}

static void
add_int(sbuf *b, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	sb_addn(b, p, (size_t)(buf + sizeof buf - p));
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
	put_n(b, p, (size_t)(buf + sizeof buf - p));
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
		add_int(b, cell->i);
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

static int
is_numeric(int type)
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

static void
pad(sbuf *b, int n)
{
	static const char blanks[] = "                                ";
	for (; n > 0; n -= (int)sizeof blanks - 1)
		sb_addn(b, blanks, n < (int)sizeof blanks - 1 ? (size_t)n : sizeof blanks - 1);
}

/* Ends a table line without trailing blanks. */
static void
end_line(sbuf *b)
{
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	sb_addc(b, '\n');
}

/* The next piece of s (bytes) that fits in cols display columns, broken
 * after the last blank that fits, or inside a word longer than cols;
 * *skip: bytes to leave out after it (the blank). */
static size_t
wrap_piece(const char *s, int cols, size_t *skip)
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
		put_line(st);
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
		put_line(st);
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
		pad(&st->line, kw - utf8_width(t->names[c]) + 1);
		const char *s = st->clean.s;
		int room = st->width - kw - 2;
		if (st->width > 0 && room >= 10) {
			for (int first = 1; first || *s; first = 0) {
				size_t skip, n = wrap_piece(s, room, &skip);
				if (!first)
					pad(&st->line, kw + 2);
				sb_addn(&st->line, s, n);
				end_line(&st->line);
				s += n + skip;
			}
		} else {
			sb_adds(&st->line, s);
			end_line(&st->line);
		}
		put_line(st);
	}
}

static void
spool_row(out_stream *st, const out_table *t, const out_cell *row)
{
	int md = st->fmt == FMT_MD;
	for (int c = 0; c < t->ncols; c++) {
		spool_cell h = {0, 0};
		size_t at = st->spool.len;
		put_n(&st->spool, (const char *)&h, sizeof h);
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
		put_c(&st->spool, '\0');
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
				put_c(&st->line, d);
			if (is_numeric(t->types[c]) || t->types[c] == CT_BOOL) {
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
		put_line(st);
		break;
	}
	case FMT_JSON:
		if (st->single && st->rows > 1)
			break;
		jw_obj(&st->w);
		for (int c = 0; c < t->ncols; c++)
			json_cell(st, t, &row[c], c);
		jw_obj_end(&st->w);
		put_line(st);
		break;
	default:
		if (st->single && st->fmt == FMT_TABLE)
			vertical_row(st, t, row);
		else
			spool_row(st, t, row);
	}
}

/* Fits a table for people to the terminal's width: the widest text
 * column (names, descriptions, messages; the last one of equal width)
 * gives up columns, down to 10 or its name's width, then the next
 * widest, until the table fits; their texts wrap.  A table that cannot
 * fit even so wraps only texts wider than 40 columns.  Sets wrap[c];
 * 1 when any column wraps. */
static int
wrap_columns(out_stream *st, const out_table *t, unsigned char *wrap)
{
	if (st->fmt != FMT_TABLE || st->width <= 0)
		return 0;
	int total = 0, least_total = 0, any = 0;
	for (int c = 0; c < t->ncols; c++) {
		total += st->wd[c] + (c ? 2 : 0);
		int l = st->wd[c];
		if (t->types[c] == CT_TEXT || t->types[c] == CT_RAW) {
			int m = utf8_width(t->names[c]);
			l = m > 10 ? m : 10;
			l = l < st->wd[c] ? l : st->wd[c];
		}
		least_total += l + (c ? 2 : 0);
	}
	if (least_total > st->width) {
		/* too many columns to fit: lines stay longer than the terminal,
		 * but no text column is wider than 40 */
		for (int c = 0; c < t->ncols; c++)
			if ((t->types[c] == CT_TEXT || t->types[c] == CT_RAW) && st->wd[c] > 40 &&
			    utf8_width(t->names[c]) <= 40) {
				st->wd[c] = 40;
				wrap[c] = 1;
				any = 1;
			}
		return any;
	}
	while (total > st->width) {
		int best = -1, least = 0;
		for (int c = 0; c < t->ncols; c++) {
			if (t->types[c] != CT_TEXT && t->types[c] != CT_RAW)
				continue;
			int l = utf8_width(t->names[c]);
			if (l < 10)
				l = 10;
			if (st->wd[c] > l && (best < 0 || st->wd[c] >= st->wd[best]))
				best = c, least = l;
		}
		if (best < 0)
			break;
		int room = st->wd[best] - (total - st->width);
		if (room < least)
			room = least;
		total -= st->wd[best] - room;
		st->wd[best] = room;
		wrap[best] = 1;
		any = 1;
	}
	return any;
}

/* A row that wraps nowhere, as one line built in place (the same line
 * as the general case below, which added each piece to an sbuf: a
 * tenth of a table's instructions). */
static void
grid_line_one(out_stream *st, const out_table *t, const char *const *cells, const spool_cell *hd)
{
	int md = st->fmt == FMT_MD;
	size_t need = 8;
	for (int c = 0; c < t->ncols; c++)
		need += 3 + hd[c].len + (st->wd[c] > hd[c].width ? (size_t)(st->wd[c] - hd[c].width) : 0);
	if (need > st->glcap) {
		st->glcap = need * 2;
		st->gl = xrealloc(st->gl, st->glcap);
	}
	char *o = st->gl;
	if (md)
		*o++ = '|', *o++ = ' ';
	for (int c = 0; c < t->ncols; c++) {
		int gap = st->wd[c] - hd[c].width;
		if (c) {
			if (md)
				*o++ = ' ', *o++ = '|', *o++ = ' ';
			else
				*o++ = ' ', *o++ = ' ';
		}
		if (is_numeric(t->types[c])) {
			if (gap > 0)
				memset(o, ' ', (size_t)gap), o += gap;
			memcpy(o, cells[c], hd[c].len), o += hd[c].len;
		} else {
			memcpy(o, cells[c], hd[c].len), o += hd[c].len;
			if (gap > 0 && (c + 1 < t->ncols || md))
				memset(o, ' ', (size_t)gap), o += gap;
		}
	}
	if (md) {
		memcpy(o, " |\n", 3), o += 3;
	} else {
		while (o > st->gl && o[-1] == ' ')
			o--;
		*o++ = '\n';
	}
	put(st, st->gl, (size_t)(o - st->gl));
}

/* One row: its first line, then while a wrapped text goes on, lines
 * with only the wrapped columns' further pieces.  cells: NUL-terminated
 * texts; hd: their lengths and widths. */
static void
grid_line(out_stream *st, const out_table *t, const char *const *cells, const spool_cell *hd,
	  const unsigned char *wrap, const char **rest)
{
	int md = st->fmt == FMT_MD;
	const char *sepc = md ? " | " : "  ";
	size_t sepl = strlen(sepc);
	int more = 0;
	if (!wrap && !st->line.len) {
		grid_line_one(st, t, cells, hd);
		return;
	}
	for (int c = 0; c < t->ncols; c++)
		rest[c] = cells[c];
	for (int first = 1; first || more; first = 0) {
		more = 0;
		for (int c = 0; c < t->ncols; c++) {
			const char *s = rest[c] ? rest[c] : "";
			size_t n, skip = 0;
			int sw = -1, cw = st->wd[c];	/* sw: width of s, when known */
			if (wrap && wrap[c]) {
				n = wrap_piece(s, st->wd[c], &skip);
				rest[c] = s[n + skip] ? s + n + skip : NULL;
				more |= rest[c] != NULL;
			} else if (first) {
				n = hd[c].len;
				sw = hd[c].width;
				rest[c] = NULL;
			} else {
				n = 0;
				sw = 0;
			}
			if (c)
				sb_addn(&st->line, sepc, sepl);
			else if (md)
				sb_addn(&st->line, "| ", 2);
			size_t at = st->line.len;
			if (is_numeric(t->types[c])) {
				if (sw < 0)
					sw = utf8_width(s);	/* never wrapped */
				pad(&st->line, cw - sw);
				sb_addn(&st->line, s, n);
			} else {
				sb_addn(&st->line, s, n);
				if (sw < 0)
					sw = utf8_width(st->line.s + at);
				if (c + 1 < t->ncols || md)
					pad(&st->line, cw - sw);
			}
		}
		if (md)
			sb_adds(&st->line, " |\n");
		else
			end_line(&st->line);
		put_line(st);
	}
}

/* The spill file read back in large blocks (a read per cell was a
 * tenth of a table's instructions). */
typedef struct spill_rd {
	FILE *f;
	char *b;
	size_t cap, pos, end;	/* unread bytes: b[pos..end) */
} spill_rd;

/* Makes n bytes from rd->pos on readable in rd->b, keeping those from
 * *keep on (the current row; *keep is moved with them).  0, or -1 when
 * the file ends or cannot be read. */
static int
spill_fill(spill_rd *rd, size_t *keep, size_t n)
{
	if (rd->b)
		memmove(rd->b, rd->b + *keep, rd->end - *keep);
	rd->end -= *keep;
	rd->pos -= *keep;
	*keep = 0;
	if (rd->pos + n > rd->cap || rd->cap < SPOOL_MEM / 4) {
		size_t cap = rd->cap > SPOOL_MEM / 4 ? rd->cap : SPOOL_MEM / 4;
		while (cap < rd->pos + n)
			cap *= 2;
		rd->b = xrealloc(rd->b, cap);
		rd->cap = cap;
	}
	while (rd->end - rd->pos < n) {
		size_t got = fread(rd->b + rd->end, 1, rd->cap - rd->end, rd->f);
		if (!got)
			return -1;
		rd->end += got;
	}
	return 0;
}

static inline int
spill_need(spill_rd *rd, size_t *keep, size_t n)
{
	return rd->end - rd->pos >= n ? 0 : spill_fill(rd, keep, n);
}

static void
grid_end(out_stream *st, const out_table *t)
{
	int md = st->fmt == FMT_MD;
	unsigned char *wrap = xcalloc((size_t)t->ncols + 1, 1);
	const char **rest = xcalloc((size_t)t->ncols + 1, sizeof *rest);
	if (!wrap_columns(st, t, wrap)) {
		free(wrap);
		wrap = NULL;
	}
	for (int c = 0; c < t->ncols; c++) {
		sb_adds(&st->line, c ? (md ? " | " : "  ") : (md ? "| " : ""));
		int lw = utf8_width(t->names[c]);
		if (is_numeric(t->types[c]))
			pad(&st->line, st->wd[c] - lw);
		sb_adds(&st->line, t->names[c]);
		if (!is_numeric(t->types[c]) && (c + 1 < t->ncols || md))
			pad(&st->line, st->wd[c] - lw);
	}
	if (md)
		sb_adds(&st->line, " |\n");
	else
		end_line(&st->line);
	for (int c = 0; c < t->ncols; c++) {
		sb_adds(&st->line, c ? (md ? " | " : "  ") : (md ? "| " : ""));
		int n = st->wd[c];
		for (int i = 0; i < n; i++)
			sb_adds(&st->line, md ? (i == n - 1 && is_numeric(t->types[c]) ? ":" : "-") : "-");
	}
	if (md)
		sb_adds(&st->line, " |\n");
	else
		end_line(&st->line);
	put_line(st);
	const char **cells = xcalloc((size_t)t->ncols + 1, sizeof *cells);
	spool_cell *hd = xcalloc((size_t)t->ncols + 1, sizeof *hd);
	if (st->spill) {
		/* the rest of the spool after what went to the file */
		if (st->spool.len && fwrite(st->spool.s, 1, st->spool.len, st->spill) != st->spool.len)
			st->err = 1;
		sb_free(&st->spool);
		if (fflush(st->spill) != 0 || fseek(st->spill, 0, SEEK_SET) != 0)
			st->err = 1;
		spill_rd rd = {st->spill, NULL, 0, 0, 0};
		size_t *at = xcalloc((size_t)t->ncols + 1, sizeof *at);
		for (size_t r = 0; r < st->rows && !st->err; r++) {
			size_t row = rd.pos;	/* where the row begins in rd.b */
			for (int c = 0; c < t->ncols && !st->err; c++) {
				if (spill_need(&rd, &row, sizeof hd[c]) < 0) {
					st->err = 1;
					break;
				}
				memcpy(&hd[c], rd.b + rd.pos, sizeof hd[c]);
				rd.pos += sizeof hd[c];
				if (spill_need(&rd, &row, (size_t)hd[c].len + 1) < 0) {
					st->err = 1;
					break;
				}
				at[c] = rd.pos - row;
				rd.pos += (size_t)hd[c].len + 1;
			}
			if (st->err)
				break;
			for (int c = 0; c < t->ncols; c++)
				cells[c] = rd.b + row + at[c];
			grid_line(st, t, cells, hd, wrap, rest);
		}
		free(at);
		free(rd.b);
	} else {
		const char *p = st->spool.s;
		for (size_t r = 0; r < st->rows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				memcpy(&hd[c], p, sizeof hd[c]);
				p += sizeof hd[c];
				cells[c] = p;
				p += hd[c].len + 1;
			}
			grid_line(st, t, cells, hd, wrap, rest);
		}
	}
	free(hd);
	free(cells);
	free(rest);
	free(wrap);
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
		put_line(st);
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
