/* The list widget. */
#include "config.h"
#include "list.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "i18n.h"
#include "labels.h"
#include "num.h"
#include "text.h"
#include "util.h"

void
list_init(list *l)
{
	memset(l, 0, sizeof *l);
	l->sort = -1;
	l->cursor_y = -1;
}

void
list_clear_columns(list *l)
{
	for (int i = 0; i < l->ncols; i++)
		free(l->cols[i].title);
	l->ncols = 0;
	l->hscroll = 0;
}

void
list_free(list *l)
{
	list_clear_columns(l);
	out_free(l->t);
	out_free(l->foot);
	free(l->order);
	list_init(l);
}

static int
numeric(int type)
{
	return type == CT_INT || type == CT_CENTS || type == CT_DEC4;
}

void
list_add_col(list *l, int col, const char *title, int width, int right, list_cell_fn draw)
{
	if (l->ncols >= LIST_MAXCOLS)
		return;
	list_col *c = &l->cols[l->ncols++];
	c->col = col;
	c->title = xstrdup(title ? title : "");
	c->width = width;
	c->right = right;
	c->draw = draw;
}

void
list_columns(list *l, const char *spec)
{
	char *copy = xstrdup(spec), *save = NULL;
	list_clear_columns(l);
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(t, ':');
		int width = 0, right = 0;
		if (colon) {
			*colon = '\0';
			width = atoi(colon + 1);
			right = strchr(colon + 1, 'r') != NULL;
		}
		for (int c = 0; l->t && c < l->t->ncols; c++)
			if (strcmp(l->t->names[c], t) == 0) {
				list_add_col(l, c, vb_label(t), width, right || numeric(l->t->types[c]), NULL);
				break;
			}
	}
	free(copy);
}

static const out_cell *
cell(const out_table *t, size_t row, int col)
{
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

static char *
format_cell(const out_table *t, size_t row, int col)
{
	char num[VB_NUM_BUFSZ];
	const out_cell *c = cell(t, row, col);
	if (c->null)
		return xstrdup("");
	switch (t->types[col]) {
	case CT_INT:
		snprintf(num, sizeof num, "%lld", (long long)c->i);
		return xstrdup(num);
	case CT_CENTS:
		return xstrdup(text_money(c->i, num));
	case CT_DEC4:
		return xstrdup(text_dec4(c->i, num));
	case CT_BOOL:
		return xstrdup(c->i ? _("yes") : "");
	case CT_DATE: {
		/* DD.MM.YYYY where the locale writes dates so (de_DE) */
		char d[11];
		const char *shown = out_locale_date(c->s, d);
		return xstrdup(shown ? shown : "");
	}
	default:
		return xstrdup(c->s ? c->s : "");
	}
}

char *
list_cell_text(const list *l, size_t row, int col)
{
	return format_cell(l->t, row, col);
}

/* ------------------------------------------------------------ sorting */

static const list *sorting;

static int
compare_rows(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const list *l = sorting;
	int col = l->cols[l->sort].col, r = 0;
	const out_cell *x = cell(l->t, a, col), *y = cell(l->t, b, col);
	if (x->null != y->null)
		r = x->null ? -1 : 1;
	else if (x->null)
		r = 0;
	else if (l->t->types[col] == CT_TEXT || l->t->types[col] == CT_RAW || l->t->types[col] == CT_DATE)
		r = strcoll(x->s ? x->s : "", y->s ? y->s : "");
	else
		r = x->i < y->i ? -1 : x->i > y->i;
	if (l->desc)
		r = -r;
	if (r == 0)
		r = a < b ? -1 : a > b;
	return r;
}

static void
apply_order(list *l)
{
	size_t keep = list_row(l);
	for (size_t i = 0; i < l->n; i++)
		l->order[i] = i;
	if (l->sort >= 0 && l->sort < l->ncols && l->cols[l->sort].col >= 0 && l->n > 1) {
		sorting = l;
		qsort(l->order, l->n, sizeof *l->order, compare_rows);
		sorting = NULL;
	} else if (l->desc) {
		for (size_t i = 0; i < l->n / 2; i++) {
			size_t tmp = l->order[i];
			l->order[i] = l->order[l->n - 1 - i];
			l->order[l->n - 1 - i] = tmp;
		}
	}
	if (keep != LIST_NONE)
		list_select_row(l, keep);
}

void
list_set_table(list *l, out_table *t, out_table *foot)
{
	out_free(l->t);
	out_free(l->foot);
	l->t = t;
	l->foot = foot;
	l->fit_for = NULL;
	l->n = t ? t->nrows : 0;
	free(l->order);
	l->order = xcalloc(l->n ? l->n : 1, sizeof *l->order);
	size_t sel = l->sel;
	l->sel = LIST_NONE;	/* apply_order must not look up the old rows */
	apply_order(l);
	l->sel = l->n == 0 ? 0 : sel < l->n ? sel : l->n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
}

void
list_sort_next(list *l)
{
	int next = l->sort + 1;
	while (next < l->ncols && l->cols[next].col < 0)
		next++;
	l->sort = next < l->ncols ? next : -1;
	l->desc = 0;
	apply_order(l);
}

void
list_sort_reverse(list *l)
{
	l->desc = !l->desc;
	apply_order(l);
}

/* ----------------------------------------------------------- movement */

size_t
list_row(const list *l)
{
	if (!l->order || l->n == 0 || l->sel == LIST_NONE || l->sel >= l->n)
		return LIST_NONE;
	return l->order[l->sel];
}

void
list_select_row(list *l, size_t row)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->order[i] == row) {
			l->sel = i;
			return;
		}
}

void
list_move(list *l, long delta)
{
	if (l->n == 0)
		return;
	long s = (long)l->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)l->n)
		s = (long)l->n - 1;
	l->sel = (size_t)s;
}

void
list_home(list *l)
{
	l->sel = 0;
}

void
list_end(list *l)
{
	l->sel = l->n ? l->n - 1 : 0;
}

void
list_hscroll(list *l, int delta)
{
	int h = l->hscroll + delta;
	int movable = l->ncols - l->frozen;
	if (delta > 0 && !l->more_right)
		return;
	if (h > movable - 1)
		h = movable - 1;
	if (h < 0)
		h = 0;
	l->hscroll = h;
}

/* ------------------------------------------------------------- search */

static int
row_matches(const list *l, size_t row, const char *needle)
{
	for (int c = 0; c < l->ncols; c++) {
		if (l->cols[c].col < 0)
			continue;
		char *s = format_cell(l->t, row, l->cols[c].col);
		int m = text_contains(s, needle);
		free(s);
		if (m)
			return 1;
	}
	return 0;
}

int
list_find(const list *l, const char *needle, size_t from, int dir, int skip_from, size_t *out)
{
	if (l->n == 0 || !needle || !*needle)
		return 0;
	if (from >= l->n)
		from = 0;
	for (size_t k = skip_from ? 1 : 0; k <= l->n; k++) {
		size_t pos = dir > 0 ? (from + k) % l->n : (from + l->n * 2 - k) % l->n;
		if (k == l->n && skip_from)
			pos = from;
		if (row_matches(l, l->order[pos], needle)) {
			*out = pos;
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ drawing */

/* The widest text of a column that must not be cut: numbers (their
 * smallest and largest value decide) and right-aligned texts (amounts
 * of the detail panes); 0 for other columns. */
static int
need_width(const list *l, const list_col *c)
{
	int need = 0;
	if (c->col < 0 || !l->t || c->col >= l->t->ncols)
		return 0;
	int type = l->t->types[c->col];
	if (!numeric(type) && !c->right)
		return 0;
	const out_table *ts[2] = {l->t, l->foot};
	for (int k = 0; k < 2; k++) {
		const out_table *t = ts[k];
		if (!t || c->col >= t->ncols)
			continue;
		size_t lo = LIST_NONE, hi = LIST_NONE;
		for (size_t r = 0; r < t->nrows; r++) {
			const out_cell *x = cell(t, r, c->col);
			if (x->null)
				continue;
			if (numeric(t->types[c->col])) {
				if (lo == LIST_NONE || x->i < cell(t, lo, c->col)->i)
					lo = r;
				if (hi == LIST_NONE || x->i > cell(t, hi, c->col)->i)
					hi = r;
			} else {
				int w = text_width(x->s ? x->s : "");
				if (w > need)
					need = w;
			}
		}
		size_t ends[2] = {lo, hi};
		for (int e = 0; e < 2; e++) {
			if (ends[e] == LIST_NONE)
				continue;
			char *s = format_cell(t, ends[e], c->col);
			int w = text_width(s);
			free(s);
			if (w > need)
				need = w;
		}
	}
	return need;
}

static void
fit(list *l)
{
	if (l->fit_for == l->t && l->fit_ncols == l->ncols && l->t)
		return;
	for (int c = 0; c < l->ncols; c++)
		l->need[c] = need_width(l, &l->cols[c]);
	l->fit_for = l->t;
	l->fit_ncols = l->ncols;
}

/* The columns to draw: frozen ones, then from hscroll on; x positions
 * and widths for the screen width w.  A column is as wide as given, a
 * number column at least as wide as its widest value and a blank; one
 * that does not fit the rest of the line is not drawn at all rather
 * than drawn cut. */
static int
layout(list *l, int w, int *idx, int *xs, int *ws)
{
	int n = 0, x = 0;
	l->more_right = 0;
	fit(l);
	for (int c = 0; c < l->ncols; c++) {
		if (c >= l->frozen && c < l->frozen + l->hscroll)
			continue;
		if (x >= w) {
			l->more_right = 1;
			break;
		}
		int cw = l->cols[c].width > 0 ? l->cols[c].width : w - x;
		if (l->need[c] && cw < l->need[c] + 1)
			cw = l->need[c] + 1;
		if (x + cw > w) {
			l->more_right = 1;
			if (l->need[c] > w - x)
				break;
			cw = w - x;
		}
		idx[n] = c, xs[n] = x, ws[n] = cw;
		n++;
		x += cw;
	}
	return n;
}

static void
draw_cells(const list *l, const out_table *t, size_t row, int y, int x0, int n, const int *idx,
	   const int *xs, const int *ws, attr_t a, int use_colors)
{
	if (t == l->t && l->span && l->span(l, row) && n > 0) {
		char *s = format_cell(t, row, l->cols[0].col);
		int w = xs[n - 1] + ws[n - 1];
		attr_t ca = use_colors && l->color && l->color(l, row, 0) ? color_attr(l->color(l, row, 0)) : a;
		text_put(y, x0, s, w, AL_LEFT, ca);
		free(s);
		return;
	}
	for (int k = 0; k < n; k++) {
		const list_col *c = &l->cols[idx[k]];
		/* a blank column between cells: the last of each cell */
		int w = ws[k] > 1 && k + 1 < n ? ws[k] - 1 : ws[k];
		attr_t ca = a;
		if (c->draw && t == l->t) {
			text_fill(y, x0 + xs[k], ws[k], a);
			c->draw(l, row, y, x0 + xs[k], w, a);
			continue;
		}
		if (c->col < 0) {
			text_fill(y, x0 + xs[k], ws[k], a);
			continue;
		}
		if (use_colors && l->color && t == l->t) {
			int e = l->color(l, row, c->col);
			if (e)
				ca = color_attr(e);
		} else if (use_colors && numeric(t->types[c->col]) && !cell(t, row, c->col)->null &&
			   cell(t, row, c->col)->i < 0) {
			ca = color_attr(C_NEGATIVE) | (a & A_BOLD);
		}
		char *s = format_cell(t, row, c->col);
		text_fill(y, x0 + xs[k], ws[k], a);
		text_put(y, x0 + xs[k], s, w, c->right ? AL_RIGHT : AL_LEFT, ca);
		free(s);
	}
}

void
list_draw(list *l, int y, int x, int h, int w, int header, int focused, attr_t sel_attr)
{
	int idx[LIST_MAXCOLS], xs[LIST_MAXCOLS], ws[LIST_MAXCOLS];
	int n = layout(l, w, idx, xs, ws);
	l->cursor_y = -1;
	if (header && h > 0) {
		attr_t ta = color_attr(C_TITLE);
		text_fill(y, x, w, ta);
		for (int k = 0; k < n; k++) {
			const list_col *c = &l->cols[idx[k]];
			char title[96];
			int cw = ws[k] > 1 && k + 1 < n ? ws[k] - 1 : ws[k];
			snprintf(title, sizeof title, "%s%s", c->title,
				 idx[k] == l->sort ? (l->desc ? "▼" : "▲") : "");
			text_put(y, x + xs[k], title, cw, c->right ? AL_RIGHT : AL_LEFT, ta);
		}
		if (l->more_right || l->hscroll)
			text_put(y, x + w - 2, l->hscroll ? (l->more_right ? "◂▸" : " ◂") : " ▸", 2,
				 AL_RIGHT, ta);
		y++, h--;
	}
	if (l->foot && l->foot->nrows && h > 1) {
		h--;
		draw_cells(l, l->foot, 0, y + h, x, n, idx, xs, ws, color_attr(C_TOTAL), 1);
	}
	l->height = h > 0 ? h : 1;
	if (l->n && l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)l->height)
		l->top = l->sel - (size_t)l->height + 1;
	if (l->top + (size_t)l->height > l->n)
		l->top = l->n > (size_t)l->height ? l->n - (size_t)l->height : 0;
	for (int r = 0; r < h; r++) {
		size_t pos = l->top + (size_t)r;
		if (pos >= l->n) {
			text_fill(y + r, x, w, color_attr(C_NORMAL));
			continue;
		}
		int selected = pos == l->sel;
		attr_t a = selected ? sel_attr : color_attr(C_NORMAL);
		draw_cells(l, l->t, l->order[pos], y + r, x, n, idx, xs, ws, a, !selected);
		if (selected && focused)
			l->cursor_y = y + r;
	}
}

int
list_cursor_y(const list *l)
{
	return l->cursor_y >= 0 ? l->cursor_y : -1;
}

/* ------------------------------------------------------------- export */

static void
copy_row(out_table *dst, const out_table *src, size_t row)
{
	out_row(dst);
	for (int c = 0; c < src->ncols; c++) {
		const out_cell *x = cell(src, row, c);
		if (x->null)
			continue;
		if (x->s)
			out_text(dst, c, x->s);
		else
			out_int(dst, c, x->i);
	}
}

out_table *
list_export(const list *l)
{
	out_table *t = out_new();
	if (!l->t)
		return t;
	for (int c = 0; c < l->t->ncols; c++)
		out_col(t, l->t->names[c], l->t->types[c]);
	for (size_t i = 0; i < l->n; i++)
		copy_row(t, l->t, l->order[i]);
	for (size_t i = 0; l->foot && i < l->foot->nrows; i++)
		copy_row(t, l->foot, i);
	return t;
}
