/* Result tables and their rendering in every output format: table,
 * csv, csv-de, json, md. */
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

static void
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

static char *
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

static const char *
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

/* Display form of one cell for csv (dec "."), csv-de (","), table and md. */
static void
cell_text(const out_table *t, size_t r, int c, int fmt, sbuf *b)
{
	const out_cell *cell = &t->cells[r * (size_t)t->ncols + (size_t)c];
	char num[VB_NUM_BUFSZ];
	const char *dec = fmt == FMT_CSV_DE ? "," : ".";
	const char *sep = NULL;
	tab_locale loc;
	if (fmt == FMT_TABLE) {
		tab_locale_get(&loc);
		dec = loc.dec;
		sep = loc.sep;
	}
	if (cell->null)
		return;
	switch (t->types[c]) {
	case CT_INT:
		sb_printf(b, "%lld", (long long)cell->i);
		break;
	case CT_CENTS:
		if (fmt == FMT_TABLE)
			sb_adds(b, tab_cents(&loc, cell->i, num));
		else
			sb_adds(b, num_format_cents(cell->i, num, dec, sep));
		break;
	case CT_DATE:
		if (fmt == FMT_TABLE) {
			char d[11];
			const char *shown = tab_date(&loc, cell->s, d);
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

static void
render_csv(const out_table *t, int fmt, sbuf *out)
{
	char d = fmt == FMT_CSV_DE ? ';' : ',';
	const char *eol = fmt == FMT_CSV_DE ? "\r\n" : "\n";
	sbuf cell;
	sb_init(&cell);
	if (fmt == FMT_CSV_DE)
		sb_adds(out, "\xef\xbb\xbf");
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			sb_addc(out, d);
		csv_quote(out, t->names[c], d);
	}
	sb_adds(out, eol);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				sb_addc(out, d);
			sb_reset(&cell);
			cell_text(t, r, c, fmt, &cell);
			csv_quote(out, cell.s ? cell.s : "", d);
		}
		sb_adds(out, eol);
	}
	sb_free(&cell);
}

static void
json_cell(const out_table *t, size_t r, int c, jw *w)
{
	const out_cell *cell = &t->cells[r * (size_t)t->ncols + (size_t)c];
	char num[VB_NUM_BUFSZ];
	if (t->types[c] == CT_CENTS) {
		sbuf k;
		sb_init(&k);
		sb_printf(&k, "%s_cents", t->names[c]);
		jw_key(w, k.s);
		sb_free(&k);
	} else {
		jw_key(w, t->names[c]);
	}
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
	default:
		jw_str(w, cell->s ? cell->s : "");
	}
}

static void
render_json(const out_table *t, int single, sbuf *out)
{
	jw w;
	jw_init(&w, out);
	if (single) {
		if (t->nrows == 0) {
			sb_adds(out, "null\n");
			return;
		}
		jw_obj(&w);
		for (int c = 0; c < t->ncols; c++)
			json_cell(t, 0, c, &w);
		jw_obj_end(&w);
		return;
	}
	jw_arr(&w);
	for (size_t r = 0; r < t->nrows; r++) {
		jw_obj(&w);
		for (int c = 0; c < t->ncols; c++)
			json_cell(t, r, c, &w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
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
 * Markdown. */
static void
sanitize(const char *s, int md, sbuf *b)
{
	for (; *s; s++) {
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
}

#define TABLE_CELL_MAX 40

static char **
display_cells(const out_table *t, int fmt, int single)
{
	size_t n = t->nrows * (size_t)t->ncols;
	char **disp = xcalloc(n ? n : 1, sizeof *disp);
	sbuf raw, clean;
	sb_init(&raw);
	sb_init(&clean);
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			sb_reset(&raw);
			sb_reset(&clean);
			cell_text(t, r, c, fmt, &raw);
			sanitize(raw.s ? raw.s : "", fmt == FMT_MD, &clean);
			/* long texts are cut in lists for people; show gives all */
			if (fmt == FMT_TABLE && !single && clean.s && utf8_width(clean.s) > TABLE_CELL_MAX) {
				sbuf cut;
				sb_init(&cut);
				utf8_clip(&cut, clean.s, TABLE_CELL_MAX - 1);
				sb_adds(&cut, "\xe2\x80\xa6");	/* … */
				sb_free(&clean);
				clean = cut;
			}
			disp[r * (size_t)t->ncols + (size_t)c] = sb_take(&clean);
		}
	sb_free(&raw);
	sb_free(&clean);
	return disp;
}

static void
pad(sbuf *b, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(b, ' ');
}

/* Ends a table line without trailing blanks. */
static void
end_line(sbuf *b)
{
	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	sb_addc(b, '\n');
}

static void
render_table(const out_table *t, int fmt, int single, sbuf *out)
{
	char **disp = display_cells(t, fmt, single);
	int *w = xcalloc((size_t)t->ncols, sizeof *w);
	for (int c = 0; c < t->ncols; c++) {
		w[c] = utf8_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			int cw = utf8_width(disp[r * (size_t)t->ncols + (size_t)c]);
			if (cw > w[c])
				w[c] = cw;
		}
		if (fmt == FMT_MD && w[c] < 3)
			w[c] = 3;
	}
	if (single && fmt == FMT_TABLE) {
		int kw = 0;
		for (int c = 0; c < t->ncols; c++)
			if (utf8_width(t->names[c]) > kw)
				kw = utf8_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++)
			for (int c = 0; c < t->ncols; c++) {
				sb_adds(out, t->names[c]);
				sb_addc(out, ':');
				pad(out, kw - utf8_width(t->names[c]) + 1);
				sb_adds(out, disp[r * (size_t)t->ncols + (size_t)c]);
				end_line(out);
			}
	} else {
		const char *sepc = fmt == FMT_MD ? " | " : "  ";
		for (int c = 0; c < t->ncols; c++) {
			sb_adds(out, c ? sepc : (fmt == FMT_MD ? "| " : ""));
			int lw = utf8_width(t->names[c]);
			if (is_numeric(t->types[c]))
				pad(out, w[c] - lw);
			sb_adds(out, t->names[c]);
			if (!is_numeric(t->types[c]) && (c + 1 < t->ncols || fmt == FMT_MD))
				pad(out, w[c] - lw);
		}
		if (fmt == FMT_MD)
			sb_adds(out, " |\n");
		else
			end_line(out);
		for (int c = 0; c < t->ncols; c++) {
			sb_adds(out, c ? (fmt == FMT_MD ? " | " : "  ") : (fmt == FMT_MD ? "| " : ""));
			int n = w[c];
			for (int i = 0; i < n; i++)
				sb_adds(out, fmt == FMT_MD ? (i == n - 1 && is_numeric(t->types[c]) ? ":" : "-") : "-");
		}
		if (fmt == FMT_MD)
			sb_adds(out, " |\n");
		else
			end_line(out);
		for (size_t r = 0; r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				const char *s = disp[r * (size_t)t->ncols + (size_t)c];
				int sw = utf8_width(s);
				int cw = w[c];
				sb_adds(out, c ? sepc : (fmt == FMT_MD ? "| " : ""));
				if (is_numeric(t->types[c]))
					pad(out, cw - sw);
				sb_adds(out, s);
				if (!is_numeric(t->types[c]) && (c + 1 < t->ncols || fmt == FMT_MD))
					pad(out, cw - sw);
			}
			if (fmt == FMT_MD)
			sb_adds(out, " |\n");
		else
			end_line(out);
		}
	}
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(disp[i]);
	free(disp);
	free(w);
}

void
out_render(const out_table *t, int fmt, int single, sbuf *out)
{
	switch (fmt) {
	case FMT_CSV:
	case FMT_CSV_DE:
		render_csv(t, fmt, out);
		break;
	case FMT_JSON:
		render_json(t, single, out);
		break;
	default:
		render_table(t, fmt, single, out);
	}
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
