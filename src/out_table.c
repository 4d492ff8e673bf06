/* Result tables: building them row by row (or handing each row to a
 * stream), the format names, the guard against formula injection, and
 * the locale's amounts and dates for people. */
#include "config.h"
#include "out.h"
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "json.h"
#include "num.h"
#include "out_int.h"

static const char *const fmt_names[FMT_DOC_END] = {"table", "csv", "csv-de", "json", "md",
						    "txt", "html", "ics"};

int
out_fmt_parse(const char *name)
{
	for (int i = 0; i < FMT_COUNT; i++)
		if (strcmp(name, fmt_names[i]) == 0)
			return i;
	return -1;
}

int
out_fmt_parse_any(const char *name)
{
	for (int i = 0; i < FMT_DOC_END; i++)
		if (strcmp(name, fmt_names[i]) == 0)
			return i;
	return -1;
}

const char *
out_fmt_name(int fmt)
{
	return fmt >= 0 && fmt < FMT_DOC_END ? fmt_names[fmt] : "?";
}

out_table *
out_new(void)
{
	return xcalloc(1, sizeof(out_table));
}

out_table *
out_each_new(void (*each)(void *ud, const out_table *t, const out_cell *row, int last), void *ud)
{
	out_table *t = out_new();
	t->each = each;
	t->each_ud = ud;
	return t;
}

void
each_pending(out_table *t, int last)
{
	if (!t->nrows)
		return;
	t->each(t->each_ud, t, t->cells, last);
	for (int c = 0; c < t->ncols; c++) {
		free(t->cells[c].s);
		t->cells[c] = (out_cell){1, 0, NULL};
	}
	t->nrows = 0;
	t->passed++;
}

void
out_col(out_table *t, const char *name, int type)
{
	t->names = xrealloc(t->names, (size_t)(t->ncols + 1) * sizeof *t->names);
	t->types = xrealloc(t->types, (size_t)(t->ncols + 1) * sizeof *t->types);
	t->names[t->ncols] = xstrdup(name);
	t->types[t->ncols] = type;
	t->ncols++;
}

void
out_row(out_table *t)
{
	if (t->st)
		stream_pending(t);
	else if (t->each)
		each_pending(t, 0);
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xrealloc(t->cells, t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	out_cell *row = t->cells + t->nrows * (size_t)t->ncols;
	for (int i = 0; i < t->ncols; i++)
		row[i] = (out_cell){1, 0, NULL};
	t->nrows++;
}

out_cell *
out_at(out_table *t, size_t row, int col)
{
	return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

void
out_text(out_table *t, int col, const char *s)
{
	out_cell *c = out_at(t, t->nrows - 1, col);
	free(c->s);
	c->s = s ? xstrdup(s) : NULL;
	c->null = s == NULL;
}

void
out_int(out_table *t, int col, int64_t v)
{
	out_cell *c = out_at(t, t->nrows - 1, col);
	c->i = v;
	c->null = 0;
}

void
out_null(out_table *t, int col)
{
	out_cell *c = out_at(t, t->nrows - 1, col);
	free(c->s);
	c->s = NULL;
	c->null = 1;
}

void
out_free(out_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i].s);
	for (int i = 0; i < t->ncols; i++)
		free((char *)t->names[i]);
	free(t->names);
	free(t->types);
	free(t->cells);
	stream_free(t->st, t->ncols);
	free(t);
}

int
out_needs_guard(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

int
out_needs_prefix(const char *s)
{
	if (!s)
		return 0;
	while (*s == '\'')
		s++;
	return out_needs_guard(s);
}

void
tab_locale_get(tab_locale *l)
{
	struct lconv *lc = localeconv();
	l->dec = *lc->decimal_point ? lc->decimal_point : ".";
	l->sep = lc->thousands_sep;
	l->euro = lc->currency_symbol && strcmp(lc->currency_symbol, "\xe2\x82\xac") == 0;
	l->before = lc->p_cs_precedes == 1;
	l->space = lc->p_sep_by_space == 1;
	l->nbefore = lc->n_cs_precedes == CHAR_MAX ? l->before : lc->n_cs_precedes == 1;
	l->nspace = lc->n_sep_by_space == CHAR_MAX ? l->space : lc->n_sep_by_space == 1;
	const char *d = nl_langinfo(D_FMT);
	l->dmy = d && (strncmp(d, "%d.%m.", 6) == 0 || strncmp(d, "%e.%m.", 6) == 0);
}

char *
tab_cents(const tab_locale *l, int64_t cents, char *buf)
{
	char num[VB_NUM_BUFSZ];
	num_format_cents(cents, num, l->dec, l->sep);
	if (!l->euro) {
		memcpy(buf, num, sizeof num);
		return buf;
	}
	int before = cents < 0 ? l->nbefore : l->before, space = cents < 0 ? l->nspace : l->space;
	if (before)
		snprintf(buf, VB_NUM_BUFSZ, "\xe2\x82\xac%s%s", space ? " " : "", num);
	else
		snprintf(buf, VB_NUM_BUFSZ, "%s%s\xe2\x82\xac", num, space ? " " : "");
	return buf;
}

const char *
tab_date(const tab_locale *l, const char *iso, char *buf)
{
	static const char shape[] = "dddd-dd-dd";
	if (!l->dmy || !iso || strlen(iso) != sizeof shape - 1)
		return iso;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? iso[i] < '0' || iso[i] > '9' : iso[i] != '-')
			return iso;
	snprintf(buf, 11, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	return buf;
}

char *
out_locale_cents(int64_t cents, char *buf)
{
	tab_locale l;
	tab_locale_get(&l);
	return tab_cents(&l, cents, buf);
}

const char *
out_locale_date(const char *iso, char *buf)
{
	tab_locale l;
	tab_locale_get(&l);
	return tab_date(&l, iso, buf);
}
