/* Table and md output for people: the spooled rows laid out in columns
 * of their widths, texts wrapped to fit a terminal, the spill file read
 * back (the rest of the stream is in src/out.c). */
#include "config.h"
#include "out.h"
#include "out_int.h"

#include <stdlib.h>
#include <string.h>

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
		if (out_is_numeric(t->types[c])) {
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
	st_put(st, st->gl, (size_t)(o - st->gl));
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
				n = out_wrap_piece(s, st->wd[c], &skip);
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
			if (out_is_numeric(t->types[c])) {
				if (sw < 0)
					sw = utf8_width(s);	/* never wrapped */
				out_pad(&st->line, cw - sw);
				sb_addn(&st->line, s, n);
			} else {
				sb_addn(&st->line, s, n);
				if (sw < 0)
					sw = utf8_width(st->line.s + at);
				if (c + 1 < t->ncols || md)
					out_pad(&st->line, cw - sw);
			}
		}
		if (md)
			sb_adds(&st->line, " |\n");
		else
			out_end_line(&st->line);
		st_put_line(st);
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

void
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
		if (out_is_numeric(t->types[c]))
			out_pad(&st->line, st->wd[c] - lw);
		sb_adds(&st->line, t->names[c]);
		if (!out_is_numeric(t->types[c]) && (c + 1 < t->ncols || md))
			out_pad(&st->line, st->wd[c] - lw);
	}
	if (md)
		sb_adds(&st->line, " |\n");
	else
		out_end_line(&st->line);
	for (int c = 0; c < t->ncols; c++) {
		sb_adds(&st->line, c ? (md ? " | " : "  ") : (md ? "| " : ""));
		int n = st->wd[c];
		for (int i = 0; i < n; i++)
			sb_adds(&st->line, md ? (i == n - 1 && out_is_numeric(t->types[c]) ? ":" : "-") : "-");
	}
	if (md)
		sb_adds(&st->line, " |\n");
	else
		out_end_line(&st->line);
	st_put_line(st);
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

