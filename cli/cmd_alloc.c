/* Finance: allocate, advances, settle, simulate, savings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "allocdb.h"
#include "cmds.h"
#include "i18n.h"
#include "json.h"
#include "num.h"

static int
get_year(const cli_args *a, int *year)
{
	int64_t y;
	const char *v = arg_get(a, "year");
	if (!v)
		return cli_usage_error(a, _("--year is required"));
	if (num_parse_int(v, 1000, 9999, &y) < 0) {
		report_error(_("%s: --year: \"%s\" is not a year"), a->cmd->name, v);
		return VB_EFAIL;
	}
	*year = (int)y;
	return 0;
}

static int
get_basis(const cli_args *a, const char *def, const char **basis)
{
	const char *v = arg_get(a, "basis");
	if (!v)
		v = def;
	if (strcmp(v, "plan") != 0 && strcmp(v, "actual") != 0)
		return cli_usage_error(a, _("--basis is plan or actual, not '%s'"), v);
	*basis = v;
	return 0;
}

/* Loads and allocates; on error reports and returns the exit status. */
static int
run_alloc(vb_ctx *ctx, const cli_args *a, int year, const char *basis, int explain,
	  alloc_data *d, vb_alloc_result *r)
{
	vb_err err;
	err_clear(&err);
	if (alloc_load(ctx->db, year, basis, d, &err) < 0 || alloc_run(d, explain, r, &err) < 0) {
		alloc_data_free(d);
		return cmd_fail(a, &err);
	}
	return 0;
}

static int
emit(sbuf *b)
{
	int rc = out_write(stdout, b);
	sb_free(b);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

/* Appends the TOTAL row: the sum of every amount column. */
static void
total_row(out_table *t)
{
	size_t rows = t->nrows;
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (int c = 2; c < t->ncols; c++) {
		if (t->types[c] != CT_CENTS)
			continue;
		int64_t sum = 0;
		for (size_t r = 0; r < rows; r++)
			sum += out_at(t, r, c)->i;
		out_int(t, c, sum);
	}
}

/* The rows of a member table as the "members" array of a JSON answer:
 * text columns as strings, amounts as NAME_cents integers. */
static void
members_json(jw *w, out_table *t)
{
	jw_key(w, "members");
	jw_arr(w);
	for (size_t i = 0; i < t->nrows; i++) {
		jw_obj(w);
		for (int c = 0; c < t->ncols; c++) {
			const out_cell *cell = out_at(t, i, c);
			if (t->types[c] == CT_CENTS) {
				char key[80];
				snprintf(key, sizeof key, "%s_cents", t->names[c]);
				jw_key(w, key);
				jw_int(w, cell->i);
			} else {
				jw_key(w, t->names[c]);
				jw_str(w, cell->s);
			}
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* ------------------------------------------------------------- allocate */

static out_table *
alloc_table(const alloc_data *d, const vb_alloc_result *r)
{
	out_table *t = out_new();
	size_t ns = d->in.n_services;
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	int *col = xcalloc(ns + 1, sizeof *col);
	int nc = 2;
	for (size_t s = 0; s < ns; s++)
		if (r->services[s].active) {
			out_col(t, d->services[s].code, CT_CENTS);
			col[s] = nc++;
		} else {
			col[s] = -1;
		}
	out_col(t, "transfers", CT_CENTS);
	out_col(t, "total", CT_CENTS);
	int64_t *sum = xcalloc((size_t)nc + 2, sizeof *sum);
	for (size_t m = 0; m < d->in.n_members; m++) {
		if (!r->members[m].listed)
			continue;
		out_row(t);
		out_text(t, 0, d->members[m].code);
		out_text(t, 1, d->names[m]);
		for (size_t s = 0; s < ns; s++)
			if (col[s] >= 0) {
				int64_t v = vb_alloc_cell_at(r, m, s)->share;
				out_int(t, col[s], v);
				sum[col[s]] += v;
			}
		out_int(t, nc, r->members[m].transfers);
		out_int(t, nc + 1, r->members[m].total);
		sum[nc] += r->members[m].transfers;
		sum[nc + 1] += r->members[m].total;
	}
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (int c = 2; c < nc + 2; c++)
		out_int(t, c, sum[c]);
	free(col);
	free(sum);
	return t;
}

static const char *
key_code(const alloc_data *d, size_t k)
{
	return d->keys[k].code;
}

static out_table *
explain_table(const alloc_data *d, const vb_alloc_result *r)
{
	static const char *const cols[] = {"code", "service", "key", "value", "value_year", "days",
					   "weight", "quota", "remainder_cent", "share"};
	static const int types[] = {CT_TEXT, CT_TEXT, CT_TEXT, CT_DEC4, CT_INT, CT_INT, CT_DEC4,
				    CT_RAW, CT_BOOL, CT_CENTS};
	out_table *t = out_new();
	for (int c = 0; c < 10; c++)
		out_col(t, cols[c], types[c]);
	for (size_t m = 0; m < d->in.n_members; m++) {
		if (!r->members[m].listed)
			continue;
		for (size_t s = 0; s < d->in.n_services; s++) {
			size_t n;
			const vb_alloc_part *p = vb_alloc_explain(r, m, s, &n);
			for (size_t i = 0; i < n; i++) {
				char num[VB_I128_BUFSZ], den[VB_I128_BUFSZ], q[2 * VB_I128_BUFSZ + 2];
				out_row(t);
				out_text(t, 0, d->members[m].code);
				out_text(t, 1, d->services[s].code);
				out_text(t, 2, key_code(d, p[i].key));
				out_int(t, 3, p[i].value);
				if (p[i].value_year != VB_ALLOC_NO_YEAR)
					out_int(t, 4, p[i].value_year);
				out_int(t, 5, p[i].days);
				out_int(t, 6, p[i].weight);
				snprintf(q, sizeof q, "%s/%s", vb_i128_format(p[i].quota_num, num),
					 vb_i128_format(p[i].quota_den, den));
				out_text(t, 7, q);
				out_int(t, 8, p[i].remainder_cent);
				out_int(t, 9, p[i].share);
			}
		}
	}
	return t;
}

static void
explain_json(jw *w, const alloc_data *d, const vb_alloc_result *r, size_t m)
{
	char buf[VB_NUM_BUFSZ];
	jw_key(w, "explain");
	jw_obj(w);
	for (size_t s = 0; s < d->in.n_services; s++) {
		size_t n;
		const vb_alloc_part *p = vb_alloc_explain(r, m, s, &n);
		if (!n)
			continue;
		jw_key(w, d->services[s].code);
		jw_arr(w);
		for (size_t i = 0; i < n; i++) {
			char num[VB_I128_BUFSZ], den[VB_I128_BUFSZ], q[2 * VB_I128_BUFSZ + 2];
			jw_obj(w);
			jw_key(w, "key");
			jw_str(w, key_code(d, p[i].key));
			jw_key(w, "value");
			jw_raw(w, num_format_dec4(p[i].value, buf, "."));
			jw_key(w, "value_year");
			if (p[i].value_year != VB_ALLOC_NO_YEAR)
				jw_int(w, p[i].value_year);
			else
				jw_null(w);
			jw_key(w, "days");
			jw_int(w, p[i].days);
			jw_key(w, "weight");
			jw_raw(w, num_format_dec4(p[i].weight, buf, "."));
			jw_key(w, "quota");
			snprintf(q, sizeof q, "%s/%s", vb_i128_format(p[i].quota_num, num),
				 vb_i128_format(p[i].quota_den, den));
			jw_str(w, q);
			jw_key(w, "remainder_cent");
			jw_bool(w, p[i].remainder_cent);
			jw_key(w, "share_cents");
			jw_int(w, p[i].share);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	jw_obj_end(w);
}

static void
alloc_json(sbuf *out, const alloc_data *d, const vb_alloc_result *r, const char *basis, int explain)
{
	jw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "year");
	jw_int(&w, r->year);
	jw_key(&w, "basis");
	jw_str(&w, basis);
	jw_key(&w, "currency");
	jw_str(&w, "EUR");
	jw_key(&w, "services");
	jw_arr(&w);
	for (size_t s = 0; s < d->in.n_services; s++) {
		const vb_alloc_service_result *sr = &r->services[s];
		if (!sr->active)
			continue;
		jw_obj(&w);
		jw_key(&w, "code");
		jw_str(&w, d->services[s].code);
		jw_key(&w, "name");
		jw_str(&w, d->service_names[s]);
		jw_key(&w, "key");
		jw_str(&w, key_code(d, d->services[s].key));
		jw_key(&w, "cost_cents");
		jw_int(&w, sr->cost);
		jw_key(&w, "grant_cents");
		jw_int(&w, sr->grant);
		jw_key(&w, "net_cents");
		jw_int(&w, sr->net);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "members");
	jw_arr(&w);
	for (size_t m = 0; m < d->in.n_members; m++) {
		if (!r->members[m].listed)
			continue;
		jw_obj(&w);
		jw_key(&w, "code");
		jw_str(&w, d->members[m].code);
		jw_key(&w, "name");
		jw_str(&w, d->names[m]);
		jw_key(&w, "shares");
		jw_obj(&w);
		for (size_t s = 0; s < d->in.n_services; s++)
			if (r->services[s].active) {
				jw_key(&w, d->services[s].code);
				jw_int(&w, vb_alloc_cell_at(r, m, s)->share);
			}
		jw_obj_end(&w);
		jw_key(&w, "transfers_cents");
		jw_int(&w, r->members[m].transfers);
		jw_key(&w, "total_cents");
		jw_int(&w, r->members[m].total);
		if (explain)
			explain_json(&w, d, r, m);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "total_cents");
	jw_int(&w, r->total);
	jw_obj_end(&w);
}

int
cmd_allocate(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	const char *basis;
	alloc_data d;
	vb_alloc_result r;
	if ((rc = get_year(a, &year)) || (rc = get_basis(a, "actual", &basis)))
		return rc;
	int explain = arg_has(a, "explain");
	if ((rc = run_alloc(ctx, a, year, basis, explain, &d, &r)))
		return rc;
	sbuf out;
	sb_init(&out);
	if (cli_format(ctx) == FMT_JSON) {
		alloc_json(&out, &d, &r, basis, explain);
	} else {
		out_table *t = explain ? explain_table(&d, &r) : alloc_table(&d, &r);
		out_render(t, cli_format(ctx), 0, &out);
		out_free(t);
	}
	vb_alloc_free(&r);
	alloc_data_free(&d);
	return emit(&out);
}

/* ------------------------------------------------------------- advances */

typedef struct adv_row {
	const char *code, *name;
	int64_t total;
	int64_t inst[12];
} adv_row;

typedef struct adv_plan {
	int n;
	char due[12][VB_DATE_BUFSZ];
	adv_row *rows;
	size_t nrows;
	int issued;
	alloc_data d;		/* owns the strings */
} adv_plan;

static void
adv_plan_free(adv_plan *p)
{
	free(p->rows);
	alloc_data_free(&p->d);
}

/* The advances of a year computed from the plan allocation. */
static int
advances_compute(vb_ctx *ctx, const cli_args *a, int year, int n, int custom, adv_plan *p)
{
	vb_alloc_result r;
	int rc = run_alloc(ctx, a, year, "plan", 0, &p->d, &r);
	if (rc)
		return rc;
	p->n = n;
	for (int k = 0; k < n; k++) {
		int month, day = 15;
		if (custom) {
			month = vb_advances_due_month(n, k);
		} else {
			month = (ctx->cfg.due[k][0] - '0') * 10 + ctx->cfg.due[k][1] - '0';
			day = (ctx->cfg.due[k][3] - '0') * 10 + ctx->cfg.due[k][4] - '0';
		}
		date_format(date_from_ymd(year, month, day), p->due[k]);
	}
	p->rows = xcalloc(p->d.in.n_members + 1, sizeof *p->rows);
	for (size_t m = 0; m < p->d.in.n_members; m++) {
		if (!r.members[m].listed)
			continue;
		adv_row *row = &p->rows[p->nrows++];
		row->code = p->d.members[m].code;
		row->name = p->d.names[m];
		row->total = r.members[m].total;
		vb_advances_split(row->total, n, row->inst);
	}
	vb_alloc_free(&r);
	return 0;
}

/* The advances recorded as issued for a year; 0 rows when none. */
static int
advances_issued(vb_ctx *ctx, const cli_args *a, int year, adv_plan *p)
{
	static const char sql[] =
		"SELECT a.member, m.name, a.k, a.due, a.amount FROM advance a JOIN member m ON m.code = a.member "
		"WHERE a.year = ?1 ORDER BY a.member, a.k";
	vb_err err;
	err_clear(&err);
	sqlite3_stmt *st = db_prep(ctx->db, sql, &err);
	if (!st)
		return cmd_fail(a, &err);
	db_bind_int(st, 1, year);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(ctx->db, st, &err)) == SQLITE_ROW) {
		const char *code = db_col_text(st, 0);
		int k = sqlite3_column_int(st, 2);
		if (k < 0 || k >= 12)
			continue;
		if (!p->nrows || strcmp(p->rows[p->nrows - 1].code, code) != 0) {
			if (p->nrows == cap) {
				cap = cap ? cap * 2 : 32;
				p->rows = xrealloc(p->rows, cap * sizeof *p->rows);
			}
			adv_row *row = &p->rows[p->nrows++];
			memset(row, 0, sizeof *row);
			/* strings live in the plan's string list */
			if (p->d.nstrings + 2 > p->d.capstrings) {
				p->d.capstrings = p->d.capstrings * 2 + 64;
				p->d.strings = xrealloc(p->d.strings, p->d.capstrings * sizeof *p->d.strings);
			}
			row->code = p->d.strings[p->d.nstrings++] = xstrdup(code);
			row->name = p->d.strings[p->d.nstrings++] = xstrdup(db_col_text(st, 1));
		}
		adv_row *row = &p->rows[p->nrows - 1];
		row->inst[k] = sqlite3_column_int64(st, 4);
		row->total += row->inst[k];
		if (k + 1 > p->n)
			p->n = k + 1;
		snprintf(p->due[k], VB_DATE_BUFSZ, "%s", db_col_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc < 0)
		return cmd_fail(a, &err);
	p->issued = p->nrows > 0;
	return 0;
}

static int
advances_issue(vb_ctx *ctx, const cli_args *a, int year, const adv_plan *p)
{
	static const char del[] = "DELETE FROM advance WHERE year = ?1";
	static const char ins[] =
		"INSERT INTO advance(year, member, k, due, amount, issued) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	vb_err err;
	char now[32], after[128], code[8];
	int64_t total = 0;
	err_clear(&err);
	db_now(now);
	if (db_begin(ctx->db, &err) < 0)
		return cmd_fail(a, &err);
	sqlite3_stmt *st = db_prep(ctx->db, del, &err);
	if (!st)
		goto fail;
	db_bind_int(st, 1, year);
	if (db_step(ctx->db, st, &err) < 0)
		goto fail;
	for (size_t i = 0; i < p->nrows; i++) {
		total += p->rows[i].total;
		for (int k = 0; k < p->n; k++) {
			if (!(st = db_prep(ctx->db, ins, &err)))
				goto fail;
			db_bind_int(st, 1, year);
			db_bind_text(st, 2, p->rows[i].code);
			db_bind_int(st, 3, k);
			db_bind_text(st, 4, p->due[k]);
			db_bind_int(st, 5, p->rows[i].inst[k]);
			db_bind_text(st, 6, now);
			if (db_step(ctx->db, st, &err) < 0)
				goto fail;
		}
	}
	snprintf(after, sizeof after, "{\"members\": %zu, \"installments\": %d, \"total_cents\": %lld}",
		 p->nrows, p->n, (long long)total);
	snprintf(code, sizeof code, "%d", year);
	if (db_audit(ctx->db, "issue", "advances", code, NULL, after, &err) < 0)
		goto fail;
	if (db_commit(ctx->db, &err) < 0)
		return cmd_fail(a, &err);
	report_info(P_("advances of %d issued for %zu member", "advances of %d issued for %zu members", p->nrows),
		    year, p->nrows);
	return 0;
fail:
	db_rollback(ctx->db);
	return cmd_fail(a, &err);
}

static int
advances_print(vb_ctx *ctx, int year, const adv_plan *p)
{
	sbuf out;
	sb_init(&out);
	if (cli_format(ctx) == FMT_JSON) {
		jw w;
		jw_init(&w, &out);
		jw_obj(&w);
		jw_key(&w, "year");
		jw_int(&w, year);
		jw_key(&w, "issued");
		jw_bool(&w, p->issued);
		jw_key(&w, "due");
		jw_arr(&w);
		w.compact[w.depth] = 1;
		for (int k = 0; k < p->n; k++)
			jw_str(&w, p->due[k]);
		jw_arr_end(&w);
		jw_key(&w, "members");
		jw_arr(&w);
		for (size_t i = 0; i < p->nrows; i++) {
			jw_obj(&w);
			jw_key(&w, "code");
			jw_str(&w, p->rows[i].code);
			jw_key(&w, "name");
			jw_str(&w, p->rows[i].name);
			jw_key(&w, "total_cents");
			jw_int(&w, p->rows[i].total);
			jw_key(&w, "installments_cents");
			jw_arr(&w);
			for (int k = 0; k < p->n; k++)
				jw_int(&w, p->rows[i].inst[k]);
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		return emit(&out);
	}
	out_table *t = out_new();
	int64_t sum[13] = {0};
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	out_col(t, "total", CT_CENTS);
	for (int k = 0; k < p->n; k++)
		out_col(t, p->due[k], CT_CENTS);
	for (size_t i = 0; i < p->nrows; i++) {
		out_row(t);
		out_text(t, 0, p->rows[i].code);
		out_text(t, 1, p->rows[i].name);
		out_int(t, 2, p->rows[i].total);
		sum[0] += p->rows[i].total;
		for (int k = 0; k < p->n; k++) {
			out_int(t, 3 + k, p->rows[i].inst[k]);
			sum[1 + k] += p->rows[i].inst[k];
		}
	}
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	for (int k = 0; k <= p->n; k++)
		out_int(t, 2 + k, sum[k]);
	out_render(t, cli_format(ctx), 0, &out);
	out_free(t);
	return emit(&out);
}

static int
get_installments(vb_ctx *ctx, const cli_args *a, int *n, int *custom)
{
	const char *v = arg_get(a, "installments");
	int64_t k;
	*n = ctx->cfg.ndue;
	*custom = 0;
	if (!v)
		return 0;
	if (num_parse_int(v, 1, 12, &k) < 0 || 12 % k != 0 || k == 5)
		return cli_usage_error(a, _("--installments is 1, 2, 3, 4, 6 or 12, not '%s'"), v);
	*custom = (int)k != ctx->cfg.ndue;
	*n = (int)k;
	return 0;
}

int
cmd_advances(vb_ctx *ctx, cli_args *a)
{
	int year, rc, n, custom;
	adv_plan p;
	memset(&p, 0, sizeof p);
	if ((rc = get_year(a, &year)) || (rc = get_installments(ctx, a, &n, &custom)))
		return rc;
	if (!arg_has(a, "issue") && !arg_has(a, "installments")) {
		if ((rc = advances_issued(ctx, a, year, &p)))
			return rc;
		if (p.issued) {
			report_info(_("advances of %d as issued; 'advances --year %d --issue' issues them anew"),
				    year, year);
			rc = advances_print(ctx, year, &p);
			adv_plan_free(&p);
			return rc;
		}
		adv_plan_free(&p);
		memset(&p, 0, sizeof p);
	}
	if ((rc = advances_compute(ctx, a, year, n, custom, &p)))
		return rc;
	if (arg_has(a, "issue") && (rc = advances_issue(ctx, a, year, &p))) {
		adv_plan_free(&p);
		return rc;
	}
	p.issued = arg_has(a, "issue");
	rc = advances_print(ctx, year, &p);
	adv_plan_free(&p);
	return rc;
}

/* --------------------------------------------------------------- settle */

int
cmd_settle(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	alloc_data d;
	vb_alloc_result r;
	adv_plan p;
	memset(&p, 0, sizeof p);
	if ((rc = get_year(a, &year)))
		return rc;
	if ((rc = advances_issued(ctx, a, year, &p)))
		return rc;
	if (!p.issued) {
		adv_plan_free(&p);
		memset(&p, 0, sizeof p);
		if ((rc = advances_compute(ctx, a, year, ctx->cfg.ndue, 0, &p)))
			return rc;
	}
	if ((rc = run_alloc(ctx, a, year, "actual", 0, &d, &r))) {
		adv_plan_free(&p);
		return rc;
	}
	/* members of the actual allocation, and any that only had advances */
	out_table *t = out_new();
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	out_col(t, "actual", CT_CENTS);
	out_col(t, "advances", CT_CENTS);
	out_col(t, "balance", CT_CENTS);
	int64_t sa = 0, sv = 0;
	for (size_t m = 0; m < d.in.n_members; m++) {
		int64_t adv = 0;
		int has_adv = 0;
		for (size_t i = 0; i < p.nrows; i++)
			if (strcmp(p.rows[i].code, d.members[m].code) == 0)
				adv = p.rows[i].total, has_adv = 1;
		if (!r.members[m].listed && !has_adv)
			continue;
		int64_t act = r.members[m].listed ? r.members[m].total : 0;
		out_row(t);
		out_text(t, 0, d.members[m].code);
		out_text(t, 1, d.names[m]);
		out_int(t, 2, act);
		out_int(t, 3, adv);
		out_int(t, 4, act - adv);
		sa += act, sv += adv;
	}
	sbuf out;
	sb_init(&out);
	if (cli_format(ctx) == FMT_JSON) {
		jw w;
		jw_init(&w, &out);
		jw_obj(&w);
		jw_key(&w, "year");
		jw_int(&w, year);
		jw_key(&w, "advances_issued");
		jw_bool(&w, p.issued);
		members_json(&w, t);
		jw_key(&w, "balance_cents");
		jw_int(&w, sa - sv);
		jw_obj_end(&w);
	} else {
		total_row(t);
		out_render(t, cli_format(ctx), 0, &out);
	}
	out_free(t);
	vb_alloc_free(&r);
	alloc_data_free(&d);
	adv_plan_free(&p);
	return emit(&out);
}

/* ------------------------------------------------------------- simulate */

static int
sim_prepare(vb_ctx *ctx, const cli_args *a, int year, alloc_data *d, vb_err *err)
{
	const char *code = arg_get(a, "member"), *joined = arg_get(a, "joined");
	vb_date j = date_year_start(year);
	(void)ctx;
	if (joined && date_parse(joined, &j) < 0)
		return err_set(err, VB_EFAIL, _("--joined: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), joined);
	if (code) {
		long m = alloc_member_index(d, code);
		if (m < 0)
			return err_set(err, VB_EFAIL, _("there is no member '%s'"), code);
		d->members[m].joined = j;
		d->members[m].left = VB_ALLOC_OPEN;
		return 0;
	}
	const char *name = arg_get(a, "name");
	code = arg_get(a, "code") ? arg_get(a, "code") : "new";
	if (alloc_member_index(d, code) >= 0)
		return err_set(err, VB_EFAIL, _("member '%s' exists already; use --member %s or another --code"), code, code);
	size_t m = alloc_add_member(d, code, name, j);
	const char *figs = arg_get(a, "figure");
	if (figs) {
		char *copy = xstrdup(figs), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(t, '=');
			int64_t v;
			if (!eq || eq == t || num_parse_dec4(eq + 1, 0, &v) < 0) {
				err_set(err, VB_EFAIL, _("--figure: \"%s\" is not metric=value (a number with a decimal point, at most 4 decimals)"), t);
				free(copy);
				return -1;
			}
			*eq = '\0';
			/* hold for every year: the earliest possible figure carries forward */
			const char *metric;
			if (d->nstrings == d->capstrings) {
				d->capstrings = d->capstrings * 2 + 16;
				d->strings = xrealloc(d->strings, d->capstrings * sizeof *d->strings);
			}
			metric = d->strings[d->nstrings++] = xstrdup(t);
			alloc_add_figure(d, m, metric, VB_DATE_MIN_YEAR, v);
		}
		free(copy);
	}
	return 0;
}

int
cmd_simulate(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	const char *basis;
	alloc_data d;
	vb_alloc_result before, after;
	vb_err err;
	err_clear(&err);
	if ((rc = get_year(a, &year)) || (rc = get_basis(a, "plan", &basis)))
		return rc;
	if (!arg_has(a, "member") && (!arg_has(a, "name") || !arg_has(a, "joined")))
		return cli_usage_error(a, _("give --member CODE, or --name and --joined for a new member"));
	if (arg_has(a, "member") && (arg_has(a, "name") || arg_has(a, "code") || arg_has(a, "figure")))
		return cli_usage_error(a, _("--member simulates an existing member; --code, --name and --figure describe a new one"));
	if ((rc = run_alloc(ctx, a, year, basis, 0, &d, &before)))
		return rc;
	/* the "before" result refers to the members before the change */
	size_t nb = d.in.n_members;
	char **codes = xcalloc(nb + 1, sizeof *codes);
	int64_t *tot = xcalloc(nb + 1, sizeof *tot);
	int *listed = xcalloc(nb + 1, sizeof *listed);
	for (size_t m = 0; m < nb; m++) {
		codes[m] = xstrdup(d.members[m].code);
		tot[m] = before.members[m].total;
		listed[m] = before.members[m].listed;
	}
	vb_alloc_free(&before);
	if (sim_prepare(ctx, a, year, &d, &err) < 0 || alloc_run(&d, 0, &after, &err) < 0) {
		rc = cmd_fail(a, &err);
		goto out;
	}
	out_table *t = out_new();
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	out_col(t, "before", CT_CENTS);
	out_col(t, "after", CT_CENTS);
	out_col(t, "delta", CT_CENTS);
	for (size_t m = 0; m < d.in.n_members; m++) {
		int64_t b = 0;
		int was = 0;
		for (size_t i = 0; i < nb; i++)
			if (strcmp(codes[i], d.members[m].code) == 0)
				b = tot[i], was = listed[i];
		if (!was && !after.members[m].listed)
			continue;
		int64_t aft = after.members[m].listed ? after.members[m].total : 0;
		out_row(t);
		out_text(t, 0, d.members[m].code);
		out_text(t, 1, d.names[m]);
		out_int(t, 2, b);
		out_int(t, 3, aft);
		out_int(t, 4, aft - b);
	}
	sbuf out;
	sb_init(&out);
	if (cli_format(ctx) == FMT_JSON) {
		jw w;
		jw_init(&w, &out);
		jw_obj(&w);
		jw_key(&w, "year");
		jw_int(&w, year);
		jw_key(&w, "basis");
		jw_str(&w, basis);
		members_json(&w, t);
		jw_obj_end(&w);
	} else {
		total_row(t);
		out_render(t, cli_format(ctx), 0, &out);
	}
	out_free(t);
	vb_alloc_free(&after);
	rc = emit(&out);
out:
	for (size_t m = 0; m < nb; m++)
		free(codes[m]);
	free(codes);
	free(tot);
	free(listed);
	alloc_data_free(&d);
	return rc;
}

/* -------------------------------------------------------------- savings */

int
cmd_savings(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	const char *basis;
	alloc_data d;
	vb_alloc_result r;
	if ((rc = get_year(a, &year)) || (rc = get_basis(a, "actual", &basis)))
		return rc;
	if ((rc = run_alloc(ctx, a, year, basis, 0, &d, &r)))
		return rc;
	out_table *t = out_new();
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	out_col(t, "standalone", CT_CENTS);
	out_col(t, "share", CT_CENTS);
	out_col(t, "savings", CT_CENTS);
	int64_t s3 = 0;
	for (size_t m = 0; m < d.in.n_members; m++) {
		int64_t share = 0;
		int any = 0;
		for (size_t s = 0; s < d.in.n_services; s++) {
			const vb_alloc_cell *c = vb_alloc_cell_at(&r, m, s);
			if (d.services[s].standalone != VB_ALLOC_NO_STANDALONE && c->days > 0) {
				share += c->share;
				any = 1;
			}
		}
		if (!any)
			continue;
		int64_t sav = vb_alloc_savings(&r, m);
		out_row(t);
		out_text(t, 0, d.members[m].code);
		out_text(t, 1, d.names[m]);
		out_int(t, 2, sav + share);
		out_int(t, 3, share);
		out_int(t, 4, sav);
		s3 += sav;
	}
	sbuf out;
	sb_init(&out);
	if (cli_format(ctx) == FMT_JSON) {
		jw w;
		jw_init(&w, &out);
		jw_obj(&w);
		jw_key(&w, "year");
		jw_int(&w, year);
		jw_key(&w, "basis");
		jw_str(&w, basis);
		members_json(&w, t);
		jw_key(&w, "savings_cents");
		jw_int(&w, s3);
		jw_obj_end(&w);
	} else {
		total_row(t);
		out_render(t, cli_format(ctx), 0, &out);
	}
	out_free(t);
	vb_alloc_free(&r);
	alloc_data_free(&d);
	return emit(&out);
}
