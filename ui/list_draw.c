/* The list widget on the screen: column widths from the content, the
 * columns that fit, the rows drawn (the rest of the widget is in
 * ui/list.c). */
#include "config.h"
#include "list.h"
#include "list_int.h"

#include <stdlib.h>
#include <string.h>

#include "colors.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* ------------------------------------------------------------ drawing */

/* The widest text of a column: of numbers their smallest and largest
 * value decide, of texts every row (of a paged list the rows read, a
 * few screens around the selection); headings that span the line
 * count for none. */
static int
numeric_col(const list *l, int c)
{
	int col = l->cols[c].col;
	return col >= 0 && l->t && col < l->t->ncols && list_numeric_type(l->t->types[col]);
}

static int
need_width(const list *l, const list_col *c)
{
	int need = 0;
	if (c->col < 0 || c->draw || !l->t || c->col >= l->t->ncols)
		return 0;
	const out_table *ts[2] = {l->t, l->foot};
	for (int k = 0; k < 2; k++) {
		const out_table *t = ts[k];
		if (!t || c->col >= t->ncols)
			continue;
		int type = t->types[c->col];
		size_t lo = LIST_NONE, hi = LIST_NONE;
		for (size_t r = 0; r < t->nrows; r++) {
			const out_cell *x = list_cell_at(t, r, c->col);
			if (x->null || (t == l->t && l->span && l->span(l, r)))
				continue;
			if (list_numeric_type(type)) {
				if (lo == LIST_NONE || x->i < list_cell_at(t, lo, c->col)->i)
					lo = r;
				if (hi == LIST_NONE || x->i > list_cell_at(t, hi, c->col)->i)
					hi = r;
			} else if (type == CT_DATE || type == CT_BOOL) {
				char *f = list_format_cell(t, r, c->col);
				int w = text_width(f);
				free(f);
				if (w > need)
					need = w;
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
			char *f = list_format_cell(t, ends[e], c->col);
			int w = text_width(f);
			free(f);
			if (w > need)
				need = w;
		}
	}
	return need;
}

static void
fit(list *l)
{
	if (l->fit_gen == l->gen && l->fit_ncols == l->ncols && l->t)
		return;
	for (int c = 0; c < l->ncols; c++)
		l->need[c] = need_width(l, &l->cols[c]);
	l->fit_gen = l->gen;
	l->fit_ncols = l->ncols;
}

/* The width of a column: its widest text or its title, and a blank.
 * A number (or a right-aligned text: the amounts of the detail panes)
 * always gets it; a text gets at most the width the view gives it (0:
 * the rest of the line), so that one long name does not push the other
 * columns off the screen. */
static int
col_width(const list *l, int c, int rest)
{
	const list_col *lc = &l->cols[c];
	int tw = text_width(lc->title) + (c == l->sort ? 1 : 0);
	int want = (l->need[c] > tw ? l->need[c] : tw) + 1;
	if (lc->draw || lc->col < 0)
		return lc->width > 0 ? lc->width : rest;
	if (lc->right)
		return want;
	if (lc->width == 0)
		return rest > want ? rest : want;
	return want < lc->width ? want : lc->width;
}

/* The columns to draw: frozen ones, then from hscroll on; x positions
 * and widths for the screen width w.  A number that does not fit the
 * rest of the line is not drawn at all rather than drawn cut; a text
 * is cut there. */
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
		int cw = col_width(l, c, w - x);
		if (x + cw > w) {
			/* a text cut short still shows a few letters; a
			 * number is never cut */
			l->more_right = 1;
			if (l->cols[c].right || numeric_col(l, c) || w - x < (cw < 8 ? cw : 8))
				break;
			cw = w - x;
		}
		idx[n] = c, xs[n] = x, ws[n] = cw;
		n++;
		x += cw;
	}
	/* room left on the right (the next column did not fit, or there is
	 * none): the last text column, held to its declared width, may use
	 * it up to its content's width */
	if (n > 0 && x < w) {
		const list_col *lc = &l->cols[idx[n - 1]];
		int want = l->need[idx[n - 1]] + 1;
		if (!lc->draw && lc->col >= 0 && !lc->right && !numeric_col(l, idx[n - 1]) && want > ws[n - 1])
			ws[n - 1] = want < ws[n - 1] + (w - x) ? want : ws[n - 1] + (w - x);
	}
	return n;
}

static void
draw_cells(const list *l, const out_table *t, size_t row, int y, int x0, int n, const int *idx,
	   const int *xs, const int *ws, attr_t a, int use_colors)
{
	if (t == l->t && l->span && l->span(l, row) && n > 0) {
		char *s = list_format_cell(t, row, l->cols[0].col);
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
		} else if (use_colors && list_numeric_type(t->types[c->col]) && !list_cell_at(t, row, c->col)->null &&
			   list_cell_at(t, row, c->col)->i < 0) {
			ca = color_attr(C_NEGATIVE) | (a & A_BOLD);
		}
		char *s = list_format_cell(t, row, c->col);
		text_fill(y, x0 + xs[k], ws[k], a);
		text_put(y, x0 + xs[k], s, w, c->right ? AL_RIGHT : AL_LEFT, ca);
		free(s);
	}
}

void
list_draw(list *l, int y, int x, int h, int w, int header, int focused, attr_t sel_attr)
{
	int idx[LIST_MAXCOLS], xs[LIST_MAXCOLS], ws[LIST_MAXCOLS];
	l->cursor_y = -1;
	if (l->pager) {
		/* the rows this screen shows (the height of the last draw) */
		size_t rows = (size_t)(h > 1 ? h : 1);
		if (l->sel < l->top)
			l->top = l->sel;
		if (l->sel >= l->top + rows)
			l->top = l->sel - rows + 1;
		list_window(l, l->top, l->top + rows);
	}
	int n = layout(l, w, idx, xs, ws);
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
		size_t row = l->pager ? pos - l->base : l->order[pos];
		if (l->pager && (pos < l->base || row >= l->t->nrows)) {
			text_fill(y + r, x, w, a);	/* a read failed */
			continue;
		}
		draw_cells(l, l->t, row, y + r, x, n, idx, xs, ws, a, !selected);
		if (selected && focused)
			l->cursor_y = y + r;
	}
}

int
list_cursor_y(const list *l)
{
	return l->cursor_y >= 0 ? l->cursor_y : -1;
}

