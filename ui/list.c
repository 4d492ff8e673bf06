/* The list widget. */
#include "config.h"
#include "list.h"
#include "list_int.h"

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
	recs_free(l->recs, l->nrecs);
	pager_free(l->pager);
	free(l->order);
	list_init(l);
}

/* A new table (and its records) in place of the old ones. */
static void
set_rows(list *l, out_table *t, vb_rec *recs, size_t n)
{
	out_free(l->t);
	recs_free(l->recs, l->nrecs);
	l->t = t;
	l->recs = recs;
	l->nrecs = n;
	l->gen++;
}

const vb_rec *
list_rec(const list *l, size_t row)
{
	return row != LIST_NONE && row < l->nrecs ? &l->recs[row] : NULL;
}

int
list_numeric_type(int type)
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
				list_add_col(l, c, vb_label(t), width, right || list_numeric_type(l->t->types[c]), NULL);
				break;
			}
	}
	free(copy);
}

const out_cell *
list_cell_at(const out_table *t, size_t row, int col)
{
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

char *
list_format_cell(const out_table *t, size_t row, int col)
{
	char num[VB_NUM_BUFSZ];
	const out_cell *c = list_cell_at(t, row, col);
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
	return list_format_cell(l->t, row, col);
}

/* ------------------------------------------------------------ sorting */

static const list *sorting;

static int
compare_rows(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const list *l = sorting;
	int col = l->cols[l->sort].col, r = 0;
	const out_cell *x = list_cell_at(l->t, a, col), *y = list_cell_at(l->t, b, col);
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

/* A table with the columns of t and its row `row`. */
static out_table *
one_row(const out_table *t, size_t row)
{
	out_table *k = out_new();
	for (int c = 0; c < t->ncols; c++)
		out_col(k, t->names[c], t->types[c]);
	out_row(k);
	for (int c = 0; c < t->ncols; c++) {
		const out_cell *x = list_cell_at(t, row, c);
		if (x->null)
			continue;
		if (x->s)
			out_text(k, c, x->s);
		else
			out_int(k, c, x->i);
	}
	return k;
}

out_table *
list_row_copy(const list *l, size_t row)
{
	return l->t && row < l->t->nrows ? one_row(l->t, row) : NULL;
}

/* Paged: the window [lo, hi) read unless the rows are there, with
 * rows around it so that moving a few lines reads nothing. */
void
list_window(list *l, size_t lo, size_t hi)
{
	vb_err err;
	if (!l->pager || l->n == 0)
		return;
	if (hi > l->n)
		hi = l->n;
	if (lo >= hi)
		lo = hi - 1;
	if (l->t && lo >= l->base && hi <= l->base + l->t->nrows)
		return;
	/* a few hundred rows: reading a window of a list sorted by a
	 * column other than its key sorts the table, so it should not come
	 * often; they are little memory and give the widths a fair sample */
	size_t around = l->height > 128 ? (size_t)l->height * 2 : 256;
	size_t start = lo > around ? lo - around : 0, want = hi + around - start;
	size_t len = l->t ? l->t->nrows : 0, end = l->base + len;
	out_table *t = pager_table(l->pager);
	vb_rec *recs = NULL;
	size_t nrecs = 0;
	long got;
	int backward = 0;
	err_clear(&err);
	if (len && lo >= end && lo < end + around) {
		/* the rows after the window, found from its last one: no
		 * OFFSET for the database to count up to */
		start = end;
		want = hi + around - start;
		got = pager_read_next(l->pager, l->t, len - 1, 1, want, t, pager_ent(l->pager) ? &recs : NULL,
				      &nrecs, &err);
	} else if (len && hi <= l->base && l->base - hi < around) {
		backward = 1;
		want = l->base - start;
		got = pager_read_next(l->pager, l->t, 0, 0, want, t, pager_ent(l->pager) ? &recs : NULL,
				      &nrecs, &err);
		if (got >= 0)
			start = l->base - (size_t)got;
	} else {
		got = pager_read(l->pager, start, want, t, pager_ent(l->pager) ? &recs : NULL, &nrecs, &err);
	}
	if (got < 0) {
		snprintf(l->error, sizeof l->error, "%s", err.msg);
		out_free(t);
		recs_free(recs, nrecs);
		return;
	}
	l->error[0] = '\0';
	set_rows(l, t, recs, nrecs);
	l->base = start;
	/* another program removed rows meanwhile */
	if (!backward && (size_t)got < want && start + (size_t)got < l->n) {
		l->n = start + (size_t)got;
		if (l->sel >= l->n)
			l->sel = l->n ? l->n - 1 : 0;
	}
}

static void
window_sel(list *l)
{
	list_window(l, l->sel, l->sel + 1);
}

void
list_select_pos(list *l, size_t pos)
{
	if (pos >= l->n)
		list_count(l);
	if (l->n == 0)
		return;
	l->sel = pos < l->n ? pos : l->n - 1;
	window_sel(l);
}

int
list_select_key(list *l, const out_table *t, size_t row)
{
	vb_err err;
	if (!l->pager) {
		/* the first column: the code (or number) of the row */
		for (size_t i = 0; l->t && i < l->n; i++) {
			const out_cell *a = list_cell_at(l->t, l->order[i], 0), *b = list_cell_at(t, row, 0);
			if (a->null == b->null && (a->s && b->s ? strcmp(a->s, b->s) == 0 : a->i == b->i)) {
				l->sel = i;
				return 1;
			}
		}
		return 0;
	}
	err_clear(&err);
	int64_t pos = pager_position(l->pager, t, row, &err);
	if (pos == -1)
		snprintf(l->error, sizeof l->error, "%s", err.msg);
	if (pos < 0)
		return 0;
	list_select_pos(l, (size_t)pos);
	return 1;
}

static void
apply_pager_order(list *l)
{
	list_count(l);
	size_t row = list_row(l);
	out_table *key = row != LIST_NONE ? one_row(l->t, row) : NULL;
	int col = l->sort >= 0 && l->sort < l->ncols ? l->cols[l->sort].col : -1;
	pager_order(l->pager, col, l->desc);
	set_rows(l, pager_table(l->pager), NULL, 0);
	if (!key || !list_select_key(l, key, 0))
		window_sel(l);
	out_free(key);
}

static void
apply_order(list *l)
{
	if (l->pager) {
		apply_pager_order(l);
		return;
	}
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
	pager_free(l->pager);
	l->pager = NULL;
	l->base = 0;
	set_rows(l, t, NULL, 0);
	out_free(l->foot);
	l->foot = foot;
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
list_set_records(list *l, out_table *t, vb_rec *recs, size_t n)
{
	list_set_table(l, t, NULL);
	l->recs = recs;
	l->nrecs = n;
}

/* The first window of a list shown from the top, and the count when
 * the window holds every row; otherwise the count waits (list_count). */
static int
first_rows(list *l)
{
	vb_err err;
	size_t want = l->height > 32 ? (size_t)l->height * 3 : 96;
	out_table *t = pager_table(l->pager);
	vb_rec *recs = NULL;
	size_t nrecs = 0;
	err_clear(&err);
	long got = pager_read(l->pager, 0, want, t, pager_ent(l->pager) ? &recs : NULL, &nrecs, &err);
	if (got < 0) {
		snprintf(l->error, sizeof l->error, "%s", err.msg);
		out_free(t);
		recs_free(recs, nrecs);
		return -1;
	}
	set_rows(l, t, recs, nrecs);
	l->base = 0;
	l->sel = 0;
	l->n = (size_t)got;
	l->count_pending = (size_t)got == want;
	return 0;
}

int
list_count(list *l)
{
	vb_err err;
	if (!l->count_pending || !l->pager)
		return 0;
	l->count_pending = 0;
	err_clear(&err);
	int64_t n = pager_count(l->pager, &err);
	if (n < 0) {
		snprintf(l->error, sizeof l->error, "%s", err.msg);
		return -1;
	}
	l->n = (size_t)n;
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	return 0;
}

int
list_set_pager(list *l, vb_pager *p)
{
	vb_err err;
	size_t sel = l->sel;
	out_free(l->foot);
	l->foot = NULL;
	free(l->order);
	l->order = NULL;
	pager_free(l->pager);
	l->pager = p;
	l->base = 0;
	set_rows(l, pager_table(p), NULL, 0);
	err_clear(&err);
	/* shown from the top: the first rows now, the count after the
	 * screen is painted (a million rows take a while to count) */
	int64_t n = sel == 0 && l->top == 0 ? -1 : pager_count(p, &err);
	l->n = n > 0 ? (size_t)n : 0;
	if (n < 0 && err.msg[0]) {
		snprintf(l->error, sizeof l->error, "%s", err.msg);
		return -1;
	}
	l->error[0] = '\0';
	if (l->sort >= l->ncols || (l->sort >= 0 && l->cols[l->sort].col < 0))
		l->sort = -1;
	int col = l->sort >= 0 ? l->cols[l->sort].col : -1;
	pager_order(p, col, l->desc);
	if (n < 0)
		return first_rows(l);
	l->sel = l->n == 0 ? 0 : sel < l->n ? sel : l->n - 1;
	if (l->top > l->sel)
		l->top = l->sel;
	window_sel(l);
	return 0;
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
	if (l->n == 0 || l->sel == LIST_NONE || l->sel >= l->n)
		return LIST_NONE;
	if (l->pager)
		return l->t && l->sel >= l->base && l->sel < l->base + l->t->nrows ? l->sel - l->base
										 : LIST_NONE;
	if (!l->order)
		return LIST_NONE;
	return l->order[l->sel];
}

void
list_select_row(list *l, size_t row)
{
	if (l->pager) {
		if (l->t && row < l->t->nrows)
			list_select_pos(l, l->base + row);
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->order[i] == row) {
			l->sel = i;
			return;
		}
}

void
list_move(list *l, long delta)
{
	list_count(l);
	if (l->n == 0)
		return;
	long s = (long)l->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)l->n)
		s = (long)l->n - 1;
	l->sel = (size_t)s;
	window_sel(l);
}

void
list_home(list *l)
{
	l->sel = 0;
	window_sel(l);
}

void
list_end(list *l)
{
	list_count(l);
	l->sel = l->n ? l->n - 1 : 0;
	window_sel(l);
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

/* A needle prepared once for many rows: an ASCII needle is compared
 * byte-wise without case (nothing else can match it), others through
 * text_contains. */
typedef struct needle {
	const char *s;
	char *lower;		/* ASCII needle in lower case, or NULL */
	size_t len;
} needle;

static void
needle_init(needle *nd, const char *s)
{
	nd->s = s;
	nd->lower = NULL;
	nd->len = strlen(s);
	for (size_t i = 0; i < nd->len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return;
	nd->lower = xstrdup(s);
	for (size_t i = 0; i < nd->len; i++)
		if (nd->lower[i] >= 'A' && nd->lower[i] <= 'Z')
			nd->lower[i] = (char)(nd->lower[i] - 'A' + 'a');
}

static int
needle_in(const needle *nd, const char *hay)
{
	if (!nd->lower)
		return text_contains(hay, nd->s);
	for (const char *h = hay; *h; h++) {
		size_t k = 0;
		while (k < nd->len) {
			char c = h[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != nd->lower[k])
				break;
			k++;
		}
		if (k == nd->len)
			return 1;
	}
	return 0;
}

static int
row_matches(const list *l, const out_table *t, size_t row, const needle *nd)
{
	for (int c = 0; c < l->ncols; c++) {
		int col = l->cols[c].col;
		if (col < 0)
			continue;
		const out_cell *x = list_cell_at(t, row, col);
		int m;
		if (x->null)
			continue;
		if (t->types[col] == CT_TEXT || t->types[col] == CT_RAW || t->types[col] == CT_JSON) {
			m = needle_in(nd, x->s ? x->s : "");
		} else {
			char *s = list_format_cell(t, row, col);
			m = needle_in(nd, s);
			free(s);
		}
		if (m)
			return 1;
	}
	return 0;
}

/* A walk of a paged list keeping the first match (forward) or the
 * last one (backward) up to the position `upto` (inclusive). */
typedef struct find_walk {
	const list *l;
	const needle *nd;
	size_t upto;
	int last;		/* keep going: the last match counts */
	int found;
	size_t pos;
} find_walk;

static int
find_each(void *arg, size_t pos, const out_table *t, size_t row)
{
	find_walk *w = arg;
	if (pos > w->upto)
		return 1;
	if (pos % 4096 == 0)
		vb_progress_report(w->l->progress, _("search"), pos, w->l->n);
	if (t && row_matches(w->l, t, row, w->nd)) {
		w->found = 1;
		w->pos = pos;
		if (!w->last)
			return 1;
	}
	return 0;
}

/* The rows that can contain an ASCII needle, found by the database:
 * columns of text compared with LIKE (ASCII letters in either case, as
 * needle_in compares), yes/no columns when "yes" contains it.  Not when
 * the needle could be part of a number or a date as the locale writes
 * them: then every row is compared here. */
static int
like_filter(const list *l, const needle *nd, pager_like *f)
{
	const out_table *t = l->t;
	if (!nd->lower || !t)
		return 0;
	int other = 0;
	f->text = nd->lower;
	f->like = f->nonzero = 0;
	for (size_t i = 0; i < nd->len; i++)
		if (!strchr("0123456789.,-' ", nd->lower[i]))
			other = 1;
	for (int c = 0; c < l->ncols; c++) {
		int col = l->cols[c].col;
		if (col < 0 || col >= 16)
			return 0;
		int type = t->types[col];
		if (type == CT_TEXT || type == CT_RAW || type == CT_JSON)
			f->like |= 1u << col;
		else if (type == CT_BOOL && needle_in(nd, _("yes")))
			f->nonzero |= 1u << col;
		else if (type != CT_BOOL && !other)
			return 0;
	}
	return 1;
}

static int
find_range(list *l, const needle *nd, size_t from, size_t upto, int last, size_t *out)
{
	vb_err err;
	pager_like f;
	find_walk w = {l, nd, upto, last, 0, 0};
	if (from > upto || from >= l->n)
		return 0;
	err_clear(&err);
	if (pager_scan_like(l->pager, from, PAGER_UNCHECKED, like_filter(l, nd, &f) ? &f : NULL, find_each, &w,
			    &err) < 0) {
		snprintf(l->error, sizeof l->error, "%s", err.msg);
		return 0;
	}
	if (w.found)
		*out = w.pos;
	return w.found;
}

/* The same search in the database's order, in at most two walks. */
static int
find_paged(list *l, const needle *nd, size_t from, int dir, int skip, size_t *out)
{
	size_t end = l->n - 1;
	if (dir > 0) {
		if (find_range(l, nd, from + (skip ? 1 : 0), end, 0, out))
			return 1;
		return find_range(l, nd, 0, from, 0, out);
	}
	if ((from > 0 || !skip) && find_range(l, nd, 0, skip ? from - 1 : from, 1, out))
		return 1;
	return find_range(l, nd, from, end, 1, out);
}

int
list_find(list *l, const char *needle_text, size_t from, int dir, int skip_from, size_t *out)
{
	needle nd;
	int found = 0;
	list_count(l);
	if (l->n == 0 || !needle_text || !*needle_text)
		return 0;
	if (from >= l->n)
		from = 0;
	needle_init(&nd, needle_text);
	if (l->pager) {
		found = find_paged(l, &nd, from, dir, skip_from, out);
		vb_progress_report(l->progress, _("search"), l->n, l->n);
		free(nd.lower);
		return found;
	}
	for (size_t k = skip_from ? 1 : 0; k <= l->n; k++) {
		size_t pos = dir > 0 ? (from + k) % l->n : (from + l->n * 2 - k) % l->n;
		if (k == l->n && skip_from)
			pos = from;
		if (row_matches(l, l->t, l->order[pos], &nd)) {
			*out = pos;
			found = 1;
			break;
		}
	}
	free(nd.lower);
	return found;
}

/* ------------------------------------------------------------- export */

out_table *
list_columns_table(const list *l)
{
	out_table *t = out_new();
	for (int c = 0; l->t && c < l->t->ncols; c++)
		out_col(t, l->t->names[c], l->t->types[c]);
	return t;
}

typedef struct emit_walk {
	void (*emit)(void *arg, const out_table *t, size_t row);
	void *arg;
	long n;
} emit_walk;

static int
emit_each(void *arg, size_t pos, const out_table *t, size_t row)
{
	emit_walk *w = arg;
	(void)pos;
	w->emit(w->arg, t, row);
	w->n++;
	return 0;
}

long
list_each_row(list *l, void (*emit)(void *arg, const out_table *t, size_t row), void *arg)
{
	emit_walk w = {emit, arg, 0};
	if (!l->t)
		return 0;
	list_count(l);
	if (l->pager) {
		vb_err err;
		err_clear(&err);
		if (pager_scan(l->pager, 0, 0, emit_each, &w, &err) < 0) {
			snprintf(l->error, sizeof l->error, "%s", err.msg);
			return -1;
		}
	} else {
		for (size_t i = 0; i < l->n; i++)
			emit_each(&w, i, l->t, l->order[i]);
	}
	for (size_t i = 0; l->foot && i < l->foot->nrows; i++)
		emit_each(&w, 0, l->foot, i);
	return w.n;
}
