/* The finance workbook: the tables of the finance module (fin.h) as
 * sheets of one spreadsheet file, amounts as numbers with a currency
 * format and totals as SUM formulas with their exact values. */
#include "config.h"
#include "workbook.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "date.h"
#include "fileio.h"
#include "fin.h"
#include "i18n.h"
#include "labels.h"
#include "out.h"
#include "util.h"

enum { SHEETS_MAX = 6 };

typedef struct sheet {
	char title[96];		/* translated; a spreadsheet takes 31 characters */
	out_table *t;
	int has_total;		/* the last row is the TOTAL row */
	int years[2];		/* comparison: the years of "before" and "after" */
} sheet;

/* Column titles for people; a column without one (a service code, a
 * due date) keeps its name. */
static const char *
col_title(const sheet *sh, const char *name, char *buf, size_t n)
{
	static const struct {
		const char *name, *title;
	} titles[] = {
		{"code", N_("Code")}, {"name", N_("Name")}, {"transfers", N_("Transfers")},
		{"total", N_("Total")}, {"actual", N_("Actual")}, {"advances", N_("Advances")},
		{"balance", N_("Balance")}, {"delta", N_("Change")},
		{"cost_effect", N_("Cost effect")}, {"share_effect", N_("Share effect")},
		{"transfers_effect", N_("Transfers effect")}, {"service", N_("Service")},
		{"key", N_("Key")}, {"value", N_("Value")}, {"value_year", N_("Value year")},
		{"days", N_("Days")}, {"weight", N_("Weight")}, {"quota", N_("Quota")},
		{"remainder_cent", N_("Remainder cent")}, {"share", N_("Share")},
	};
	if (sh->years[0] && (strcmp(name, "before") == 0 || strcmp(name, "after") == 0)) {
		snprintf(buf, n, "%d", sh->years[name[0] == 'a']);
		return buf;
	}
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strcmp(titles[i].name, name) == 0)
			return _(titles[i].title);
	vb_date d;
	if (strlen(name) == 10 && date_parse(name, &d) == 0)
		return out_locale_date(name, buf);
	return name;
}

/* ------------------------------------------------------------ the data */

/* Whether year has costs on basis: a year without costs has no
 * allocation (and no sheet), which is not an error. */
static int
has_costs(vb_db *db, int year, const char *basis, int *yes, vb_err *err)
{
	alloc_data d;
	*yes = 0;
	int rc = alloc_load(db, year, basis, &d, err);
	for (size_t s = 0; rc == 0 && s < d.in.n_services; s++)
		if (d.services[s].cost != 0)
			*yes = 1;
	alloc_data_free(&d);
	return rc;
}

typedef struct wb_data {
	fin_year plan, actual;
	int has_plan, has_actual;
	fin_compare cmp;	/* the year beside the one before */
	int has_cmp;
	fin_advances adv;
	int has_adv;
	fin_settle settle;
	int has_settle;
} wb_data;

static void
data_free(wb_data *w)
{
	if (w->has_plan)
		fin_year_free(&w->plan);
	if (w->has_actual)
		fin_year_free(&w->actual);
	if (w->has_cmp)
		fin_compare_free(&w->cmp);
	if (w->has_adv)
		fin_advances_free(&w->adv);
	if (w->has_settle)
		fin_settle_free(&w->settle);
}

static int
data_load(vb_db *db, const workbook_opts *o, wb_data *w, vb_err *err)
{
	int plan, actual, prev_plan = 0, prev_actual = 0;
	memset(w, 0, sizeof *w);
	if (has_costs(db, o->year, "plan", &plan, err) < 0 || has_costs(db, o->year, "actual", &actual, err) < 0 ||
	    (o->year > 1000 && (has_costs(db, o->year - 1, "plan", &prev_plan, err) < 0 ||
				has_costs(db, o->year - 1, "actual", &prev_actual, err) < 0)))
		return -1;
	if (plan && fin_year_load(db, o->year, "plan", 1, &w->plan, err) < 0)
		return -1;
	w->has_plan = plan;
	if (actual && fin_year_load(db, o->year, "actual", 1, &w->actual, err) < 0)
		return -1;
	w->has_actual = actual;
	/* the comparison: on the actual basis when the year has actual costs */
	const char *basis = actual ? "actual" : "plan";
	int cmp = actual ? prev_actual : plan && prev_plan;
	if (cmp && fin_compare_load(db, o->year, basis, o->year - 1, basis, NULL, &w->cmp, err) < 0)
		return -1;
	w->has_cmp = cmp;
	if (fin_advances_issued(db, o->year, &w->adv, err) < 0)
		return -1;
	w->has_adv = 1;
	if (!w->adv.issued) {
		fin_advances_free(&w->adv);
		w->has_adv = 0;
		if (plan && fin_advances_effective(db, o->year, o->due, o->ndue, &w->adv, err) < 0)
			return -1;
		w->has_adv = plan;
	}
	if (actual && fin_settle_load(db, o->year, o->due, o->ndue, &w->settle, err) < 0)
		return -1;
	w->has_settle = actual;
	return 0;
}

static void
sheet_add(sheet *sh, int *n, const char *title, out_table *t, int has_total)
{
	memset(&sh[*n], 0, sizeof sh[*n]);
	snprintf(sh[*n].title, sizeof sh[*n].title, "%s", title);
	sh[*n].t = t;
	sh[*n].has_total = has_total;
	(*n)++;
}

/* The sheets of the workbook in their order, *n of them. */
static void
sheets_make(const wb_data *w, int year, sheet *sh, int *n)
{
	*n = 0;
	if (w->has_plan)
		sheet_add(sh, n, _("Allocation (plan)"), fin_alloc_table(&w->plan), 1);
	if (w->has_actual)
		sheet_add(sh, n, _("Allocation (actual)"), fin_alloc_table(&w->actual), 1);
	if (w->has_adv)
		sheet_add(sh, n, _("Advances"), fin_advances_table(&w->adv), 1);
	if (w->has_settle)
		sheet_add(sh, n, _("Settlement"), fin_settle_table(&w->settle), 1);
	if (w->has_cmp) {
		out_table *t = fin_compare_table(&w->cmp);
		char title[96];
		snprintf(title, sizeof title, _("Comparison with %d"), year - 1);
		sheet_add(sh, n, title, t, 1);
		sh[*n - 1].years[0] = year - 1;
		sh[*n - 1].years[1] = year;
	}
	if (w->has_actual || w->has_plan)
		sheet_add(sh, n, _("Explanation"), fin_explain_table(w->has_actual ? &w->actual : &w->plan), 0);
}

/* ------------------------------------------------------------- writing */

typedef struct wb_formats {
	lxw_format *head, *money, *money_total, *text_total, *dec4, *integer;
} wb_formats;

static void
formats_make(lxw_workbook *book, wb_formats *f)
{
	/* the currency format is stored locale-neutral; the spreadsheet
	 * program shows it with its own separators */
	static const char money[] = "#,##0.00 \"€\";[Red]-#,##0.00 \"€\"";
	f->head = workbook_add_format(book);
	format_set_bold(f->head);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	f->money = workbook_add_format(book);
	format_set_num_format(f->money, money);
	f->money_total = workbook_add_format(book);
	format_set_num_format(f->money_total, money);
	format_set_bold(f->money_total);
	format_set_top(f->money_total, LXW_BORDER_THIN);
	f->text_total = workbook_add_format(book);
	format_set_bold(f->text_total);
	format_set_top(f->text_total, LXW_BORDER_THIN);
	f->dec4 = workbook_add_format(book);
	format_set_num_format(f->dec4, "#,##0.0000");
	f->integer = workbook_add_format(book);
	format_set_num_format(f->integer, "0");
}

/* Width in characters of an amount as a spreadsheet shows it:
 * "-1.234.567,89 €". */
static int
money_width(int64_t cents)
{
	int digits = 1;
	for (int64_t v = cents < 0 ? -(cents / 100) : cents / 100; v >= 10; v /= 10)
		digits++;
	return (cents < 0) + digits + (digits - 1) / 3 + 3 + 2;
}

static int
check_lxw(lxw_error e, const char *what, vb_err *err)
{
	if (e == LXW_NO_ERROR)
		return 0;
	return err_set(err, VB_EFAIL, _("%s: %s"), what, lxw_strerror(e));
}

/* One cell of t at (r, c) into sheet row row. */
static int
cell_write(lxw_worksheet *ws, const wb_formats *f, const sheet *sh, size_t r, int c, lxw_row_t row,
	   int *width, vb_err *err)
{
	const out_table *t = sh->t;
	const out_cell *cell = &t->cells[r * (size_t)t->ncols + (size_t)c];
	lxw_col_t col = (lxw_col_t)c;
	if (cell->null)
		return 0;
	switch (t->types[c]) {
	case CT_CENTS:
		if (cell->i > WORKBOOK_CENTS_MAX || cell->i < -WORKBOOK_CENTS_MAX)
			return err_set(err, VB_EFAIL,
				       _("sheet '%s': an amount beyond 2^53 cents cannot be stored exactly in a spreadsheet cell"),
				       sh->title);
		if (money_width(cell->i) > *width)
			*width = money_width(cell->i);
		return check_lxw(worksheet_write_number(ws, row, col, (double)cell->i / 100.0, f->money),
				 sh->title, err);
	case CT_DEC4:
		if (cell->i > WORKBOOK_CENTS_MAX || cell->i < -WORKBOOK_CENTS_MAX)
			return err_set(err, VB_EFAIL,
				       _("sheet '%s': a value beyond 2^53 ten-thousandths cannot be stored exactly in a spreadsheet cell"),
				       sh->title);
		if (money_width(cell->i / 100) + 1 > *width)
			*width = money_width(cell->i / 100) + 1;
		return check_lxw(worksheet_write_number(ws, row, col, (double)cell->i / 10000.0, f->dec4),
				 sh->title, err);
	case CT_INT:
		if (*width < 8)
			*width = 8;
		return check_lxw(worksheet_write_number(ws, row, col, (double)cell->i, f->integer), sh->title,
				 err);
	case CT_BOOL:
		if (*width < 6)
			*width = 6;
		return check_lxw(worksheet_write_boolean(ws, row, col, cell->i != 0, NULL), sh->title, err);
	default: {
		/* text cells are never formulas: no injection guard needed */
		const char *s = cell->s ? cell->s : "";
		int w = utf8_width(s);
		if (w > *width)
			*width = w;
		return check_lxw(worksheet_write_string(ws, row, col, s, NULL), sh->title, err);
	}
	}
}

/* The TOTAL row: a SUM over the column for amounts, with the exact
 * total of the table as its cached value. */
static int
total_write(lxw_worksheet *ws, const wb_formats *f, const sheet *sh, lxw_row_t row, int *widths,
	    vb_err *err)
{
	const out_table *t = sh->t;
	size_t r = t->nrows - 1;
	for (int c = 0; c < t->ncols; c++) {
		const out_cell *cell = &t->cells[r * (size_t)t->ncols + (size_t)c];
		lxw_col_t col = (lxw_col_t)c;
		if (t->types[c] == CT_CENTS) {
			char formula[64], from[16], to[16];
			if (cell->i > WORKBOOK_CENTS_MAX || cell->i < -WORKBOOK_CENTS_MAX)
				return err_set(err, VB_EFAIL,
					       _("sheet '%s': an amount beyond 2^53 cents cannot be stored exactly in a spreadsheet cell"),
					       sh->title);
			lxw_rowcol_to_cell(from, 1, col);
			lxw_rowcol_to_cell(to, row > 1 ? row - 1 : 1, col);
			snprintf(formula, sizeof formula, "=SUM(%s:%s)", from, to);
			if (money_width(cell->i) > widths[c])
				widths[c] = money_width(cell->i);
			if (check_lxw(worksheet_write_formula_num(ws, row, col, formula, f->money_total,
								  (double)cell->i / 100.0),
				      sh->title, err) < 0)
				return -1;
		} else {
			const char *s = c == 0 ? _("TOTAL") : "";
			if (c == 0 && utf8_width(s) > widths[c])
				widths[c] = utf8_width(s);
			if (check_lxw(worksheet_write_string(ws, row, col, s, f->text_total), sh->title, err) < 0)
				return -1;
		}
	}
	return 0;
}

static int
sheet_write(lxw_workbook *book, const wb_formats *f, const sheet *sh, vb_err *err)
{
	const out_table *t = sh->t;
	lxw_worksheet *ws = workbook_add_worksheet(book, sh->title);
	if (!ws)
		return err_set(err, VB_EFAIL, _("sheet '%s' cannot be added"), sh->title);
	int *widths = xcalloc((size_t)t->ncols + 1, sizeof *widths);
	size_t ndata = sh->has_total && t->nrows ? t->nrows - 1 : t->nrows;
	int rc = 0;
	for (int c = 0; c < t->ncols && rc == 0; c++) {
		char buf[64];
		const char *title = col_title(sh, t->names[c], buf, sizeof buf);
		widths[c] = utf8_width(title) + 3;	/* room for the filter's button */
		rc = check_lxw(worksheet_write_string(ws, 0, (lxw_col_t)c, title, f->head), sh->title, err);
	}
	for (size_t r = 0; r < ndata && rc == 0; r++)
		for (int c = 0; c < t->ncols && rc == 0; c++)
			rc = cell_write(ws, f, sh, r, c, (lxw_row_t)(r + 1), &widths[c], err);
	if (rc == 0 && sh->has_total && t->nrows)
		rc = total_write(ws, f, sh, (lxw_row_t)(ndata + 1), widths, err);
	for (int c = 0; c < t->ncols && rc == 0; c++)
		rc = check_lxw(worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c] + 1, NULL),
			       sh->title, err);
	free(widths);
	if (rc < 0)
		return -1;
	/* the header stays in view, with the codes and names beside it */
	worksheet_freeze_panes(ws, 1, t->ncols > 2 ? 2 : 0);
	/* the filter covers the members, not the TOTAL row below them */
	return check_lxw(worksheet_autofilter(ws, 0, 0, (lxw_row_t)(ndata ? ndata : 1),
					      (lxw_col_t)(t->ncols - 1)),
			 sh->title, err);
}

/* "YYYY-MM-DDTHH:MM:SSZ" as a time_t (UTC); 0 (now) when it is not. */
static time_t
made_time(const char *now)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!now || sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			   &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static int
book_write(vb_db *db, const workbook_opts *o, const sheet *sh, int n, const char *file, vb_err *err)
{
	lxw_workbook *book = workbook_new(file);
	if (!book)
		return err_set(err, VB_EFAIL, _("the workbook cannot be created"));
	char *fed = db_federation_name(db);
	sbuf title, subject;
	sb_init(&title);
	sb_init(&subject);
	sb_printf(&title, _("%s: finance %d"), fed ? fed : "verbund", o->year);
	sb_printf(&subject, _("Allocation, advances, settlement and comparison of %d"), o->year);
	lxw_doc_properties props = {
		.title = title.s,
		.subject = subject.s,
		.author = "verbund",
		.company = fed ? fed : "",
		.keywords = "verbund",
		.created = made_time(o->now),
	};
	wb_formats f;
	formats_make(book, &f);
	int rc = check_lxw(workbook_set_properties(book, &props), _("the workbook's properties"), err);
	for (int i = 0; i < n && rc == 0; i++)
		rc = sheet_write(book, &f, &sh[i], err);
	lxw_error e = workbook_close(book);
	if (rc == 0)
		rc = check_lxw(e, file, err);
	sb_free(&title);
	sb_free(&subject);
	free(fed);
	return rc;
}

/* book_write with the C locale's numbers in this thread: libxlsxwriter
 * prints numbers with printf, and a decimal comma (de_DE) would make
 * every amount unreadable.  Texts and dates keep the user's locale. */
static int
book_write_c_numeric(vb_db *db, const workbook_opts *o, const sheet *sh, int n, const char *file,
		     vb_err *err)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE);
	locale_t c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
	if (!c) {
		if (base)
			freelocale(base);
		return err_set(err, VB_EFAIL, _("the workbook cannot be created"));
	}
	locale_t old = uselocale(c);
	int rc = book_write(db, o, sh, n, file, err);
	uselocale(old);
	freelocale(c);
	return rc;
}

int
workbook_write(vb_db *db, const workbook_opts *o, const char *path, int *sheets, vb_err *err)
{
	wb_data w;
	sheet sh[SHEETS_MAX];
	int n = 0;
	*sheets = 0;
	int rc = data_load(db, o, &w, err);
	if (rc == 0)
		sheets_make(&w, o->year, sh, &n);
	if (rc == 0 && n == 0)
		rc = err_set(err, VB_EFAIL, _("%d has no costs, plan or actual: there is nothing to put in a workbook"),
			     o->year);
	afile af;
	if (rc == 0 && (rc = afile_reserve(&af, path, AFILE_REPLACE, err)) == 0) {
		rc = book_write_c_numeric(db, o, sh, n, af.tmp, err);
		if (rc == 0)
			rc = afile_commit(&af, err);
		else
			afile_abort(&af);
	}
	for (int i = 0; i < n; i++)
		out_free(sh[i].t);
	data_free(&w);
	if (rc == 0)
		*sheets = n;
	return rc < 0 ? -1 : 0;
}
