/* The batch commands allocate, advances, settle, simulate and savings:
 * options in, the finance module's tables (fin.h) out in the chosen format. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "fin.h"
#include "cmds.h"
#include "i18n.h"
#include "json.h"
#include "num.h"

int
cmd_get_year(const cli_args *a, int *year)
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

int
cmd_get_basis(const cli_args *a, const char *opt, const char *def, const char **basis)
{
	const char *v = arg_get(a, opt);
	if (!v)
		v = def;
	if (!(*basis = basis_parse(v)))
		return strcmp(opt, "basis") == 0
			       ? cli_usage_error(a, _("--basis is plan or actual, not '%s'"), v)
			       : cli_usage_error(a, _("--against-basis is plan or actual, not '%s'"), v);
	return 0;
}

int
cmd_need_costs(vb_ctx *ctx, const cli_args *a, int year, const char *basis)
{
	vb_err err;
	err_clear(&err);
	if (fin_require_costs(ctx->db, year, basis, &err) < 0)
		return cmd_fail(a, &err);
	return 0;
}

/* ------------------------------------------------------------- allocate */

static void
explain_json(jw *w, const fin_year *y, size_t m)
{
	const alloc_data *d = &y->d;
	char buf[VB_NUM_BUFSZ];
	jw_key(w, "explain");
	jw_obj(w);
	for (size_t s = 0; s < d->in.n_services; s++) {
		size_t n;
		const vb_alloc_part *p = vb_alloc_explain(&y->r, m, s, &n);
		if (!n)
			continue;
		jw_key(w, d->services[s].code);
		jw_arr(w);
		for (size_t i = 0; i < n; i++) {
			char num[VB_I128_BUFSZ], den[VB_I128_BUFSZ], q[2 * VB_I128_BUFSZ + 2];
			jw_obj(w);
			jw_key(w, "key");
			jw_str(w, d->keys[p[i].key].code);
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

/* A JSON answer written to stdout in pieces as it grows. */
typedef struct json_doc {
	sbuf out;
	jw w;
	int bad;	/* a write failed */
} json_doc;

static void
json_begin(json_doc *d)
{
	sb_init(&d->out);
	jw_init(&d->w, &d->out);
	d->bad = 0;
	jw_obj(&d->w);
}

static int
json_end(json_doc *d)
{
	jw_obj_end(&d->w);
	cli_spill(&d->out, stdout, 1, &d->bad);
	sb_free(&d->out);
	if (d->bad) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

/* One row of a member table as an object of the "members" array: text
 * columns as strings, amounts as NAME_cents integers. The last row, the
 * TOTAL row, is not a member. */
static void
member_object(void *ud, const out_table *t, const out_cell *row, int last)
{
	json_doc *d = ud;
	if (last)
		return;
	jw_obj(&d->w);
	for (int c = 0; c < t->ncols; c++) {
		if (t->types[c] == CT_CENTS) {
			char key[80];
			snprintf(key, sizeof key, "%s_cents", t->names[c]);
			jw_key(&d->w, key);
			jw_int(&d->w, row[c].i);
		} else {
			jw_key(&d->w, t->names[c]);
			jw_str(&d->w, row[c].s);
		}
	}
	jw_obj_end(&d->w);
	cli_spill(&d->out, stdout, 0, &d->bad);
}

/* The "members" array: the table whose rows go into it, one at a time. */
static out_table *
members_begin(json_doc *d)
{
	jw_key(&d->w, "members");
	jw_arr(&d->w);
	return out_each_new(member_object, d);
}

static void
members_end(json_doc *d, out_table *t)
{
	out_end(t);
	out_free(t);
	jw_arr_end(&d->w);
}

/* A member table of year and basis: streamed in a table format, or the
 * JSON object {"year", "basis", "members"[, tail_key]}. */
static int
emit_members(vb_ctx *ctx, int year, const char *basis, void (*rows)(const void *, out_table *),
	     const void *data, const char *tail_key, int64_t tail)
{
	if (cli_format(ctx) != FMT_JSON) {
		out_table *t = cli_stream(ctx, 0);
		rows(data, t);
		return cli_stream_end(t);
	}
	json_doc d;
	json_begin(&d);
	jw_key(&d.w, "year");
	jw_int(&d.w, year);
	jw_key(&d.w, "basis");
	jw_str(&d.w, basis);
	out_table *t = members_begin(&d);
	rows(data, t);
	members_end(&d, t);
	if (tail_key) {
		jw_key(&d.w, tail_key);
		jw_int(&d.w, tail);
	}
	return json_end(&d);
}

static void
sim_rows(const void *s, out_table *t)
{
	fin_simulation_rows(s, t);
}

static void
sav_rows(const void *s, out_table *t)
{
	fin_savings_rows(s, t);
}


static int
alloc_json(FILE *f, const fin_year *y, int explain)
{
	sbuf b, *out = &b;
	int bad = 0;
	sb_init(out);
	const alloc_data *d = &y->d;
	jw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "year");
	jw_int(&w, y->year);
	jw_key(&w, "basis");
	jw_str(&w, y->basis);
	jw_key(&w, "currency");
	jw_str(&w, "EUR");
	jw_key(&w, "services");
	jw_arr(&w);
	for (size_t i = 0; i < y->n_svc; i++) {
		size_t s = y->svc[i];
		const vb_alloc_service_result *sr = &y->r.services[s];
		jw_obj(&w);
		jw_key(&w, "code");
		jw_str(&w, d->services[s].code);
		jw_key(&w, "name");
		jw_str(&w, d->service_names[s]);
		jw_key(&w, "key");
		jw_str(&w, d->keys[d->services[s].key].code);
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
	for (size_t j = 0; j < y->n_mem; j++) {
		size_t m = y->mem[j];
		jw_obj(&w);
		jw_key(&w, "code");
		jw_str(&w, d->members[m].code);
		jw_key(&w, "name");
		jw_str(&w, d->names[m]);
		jw_key(&w, "shares");
		jw_obj(&w);
		for (size_t i = 0; i < y->n_svc; i++) {
			jw_key(&w, d->services[y->svc[i]].code);
			jw_int(&w, fin_share(y, m, y->svc[i]));
		}
		jw_obj_end(&w);
		jw_key(&w, "transfers_cents");
		jw_int(&w, y->r.members[m].transfers);
		jw_key(&w, "total_cents");
		jw_int(&w, y->r.members[m].total);
		if (explain)
			explain_json(&w, y, m);
		jw_obj_end(&w);
		cli_spill(out, f, 0, &bad);
	}
	jw_arr_end(&w);
	jw_key(&w, "total_cents");
	jw_int(&w, y->total);
	jw_obj_end(&w);
	cli_spill(out, f, 1, &bad);
	sb_free(out);
	if (bad) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

int
cmd_allocate(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	const char *basis;
	fin_year y;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_get_basis(a, "basis", "actual", &basis)) ||
	    (rc = cmd_need_costs(ctx, a, year, basis)))
		return rc;
	int explain = arg_has(a, "explain");
	cli_progress pr;
	cli_progress_init(&pr, ctx);
	if (fin_year_load_progress(ctx->db, year, basis, explain, &pr.pub, &y, &err) < 0)
		return cmd_fail(a, &err);
	if (cli_format(ctx) == FMT_JSON) {
		rc = alloc_json(stdout, &y, explain);
	} else {
		out_table *t = cli_stream(ctx, 0);
		if (explain)
			fin_explain_rows(&y, t);
		else
			fin_alloc_rows(&y, t);
		rc = cli_stream_end(t);
	}
	fin_year_free(&y);
	return rc;
}

/* ------------------------------------------------------------- advances */

/* The advances issued before, whole, for the log of a reissue: the log
 * keeps what the members were sent. */
static void
advances_json(const fin_advances *o, sbuf *out)
{
	int64_t total = 0;
	sb_adds(out, "{\"issued\": ");
	json_quote(out, o->issued_on);
	sb_adds(out, ", \"due\": [");
	for (int k = 0; k < o->n; k++)
		sb_printf(out, "%s\"%s\"", k ? ", " : "", o->due[k]);
	sb_adds(out, "], \"members\": [");
	for (size_t i = 0; i < o->nrows; i++) {
		sb_printf(out, "%s{\"code\": ", i ? ", " : "");
		json_quote(out, o->rows[i].code);
		sb_adds(out, ", \"installments_cents\": [");
		for (int k = 0; k < o->n; k++)
			sb_printf(out, "%s%lld", k ? ", " : "", (long long)o->rows[i].inst[k]);
		sb_adds(out, "]}");
		total += o->rows[i].total;
	}
	sb_printf(out, "], \"total_cents\": %lld}", (long long)total);
}

static int
advances_issue(vb_ctx *ctx, const cli_args *a, int year, const fin_advances *p,
	       const fin_advances *before)
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
	sbuf was;
	sb_init(&was);
	if (before)
		advances_json(before, &was);
	int logged = db_audit(ctx->db, before ? "reissue" : "issue", "advances", code,
			      before ? was.s : NULL, after, &err);
	sb_free(&was);
	if (logged < 0)
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
advances_print(vb_ctx *ctx, const fin_advances *p)
{
	if (cli_format(ctx) != FMT_JSON) {
		out_table *t = cli_stream(ctx, 0);
		fin_advances_rows(p, t);
		return cli_stream_end(t);
	}
	json_doc d;
	json_begin(&d);
	jw *w = &d.w;
	jw_key(w, "year");
	jw_int(w, p->year);
	jw_key(w, "issued");
	jw_bool(w, p->issued);
	jw_key(w, "due");
	jw_arr(w);
	w->compact[w->depth] = 1;
	for (int k = 0; k < p->n; k++)
		jw_str(w, p->due[k]);
	jw_arr_end(w);
	jw_key(w, "members");
	jw_arr(w);
	for (size_t i = 0; i < p->nrows; i++) {
		jw_obj(w);
		jw_key(w, "code");
		jw_str(w, p->rows[i].code);
		jw_key(w, "name");
		jw_str(w, p->rows[i].name);
		jw_key(w, "total_cents");
		jw_int(w, p->rows[i].total);
		jw_key(w, "installments_cents");
		jw_arr(w);
		for (int k = 0; k < p->n; k++)
			jw_int(w, p->rows[i].inst[k]);
		jw_arr_end(w);
		jw_obj_end(w);
		cli_spill(&d.out, stdout, 0, &d.bad);
	}
	jw_arr_end(w);
	return json_end(&d);
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
	fin_advances p;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = get_installments(ctx, a, &n, &custom)))
		return rc;
	if (!arg_has(a, "issue") && !arg_has(a, "reissue") && !arg_has(a, "installments")) {
		if (fin_advances_issued(ctx->db, year, &p, &err) < 0)
			return cmd_fail(a, &err);
		if (p.issued) {
			report_info(_("advances of %d as issued; 'advances --year %d --reissue' issues them anew"),
				    year, year);
			rc = advances_print(ctx, &p);
			fin_advances_free(&p);
			return rc;
		}
		fin_advances_free(&p);
	}
	if ((rc = cmd_need_costs(ctx, a, year, "plan")))
		return rc;
	if (fin_advances_compute(ctx->db, year, n, (const char(*)[6])ctx->cfg.due, ctx->cfg.ndue, &p,
				 &err) < 0)
		return cmd_fail(a, &err);
	int issue = arg_has(a, "issue") || arg_has(a, "reissue");
	fin_advances old;
	memset(&old, 0, sizeof old);
	if (issue && fin_advances_issued(ctx->db, year, &old, &err) < 0) {
		fin_advances_free(&p);
		return cmd_fail(a, &err);
	}
	if (issue && old.issued && !arg_has(a, "reissue")) {
		/* an advance notice sent to the members is never replaced silently */
		err_set(&err, VB_EFAIL,
			_("the advances of %d were issued on %s; --reissue replaces them (the log keeps the earlier ones)"),
			year, old.issued_on);
		fin_advances_free(&old);
		fin_advances_free(&p);
		return cmd_fail(a, &err);
	}
	if (issue && (rc = advances_issue(ctx, a, year, &p, old.issued ? &old : NULL))) {
		fin_advances_free(&old);
		fin_advances_free(&p);
		return rc;
	}
	fin_advances_free(&old);
	p.issued = issue;
	rc = advances_print(ctx, &p);
	fin_advances_free(&p);
	return rc;
}

/* --------------------------------------------------------------- settle */

int
cmd_settle(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	fin_settle s;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_need_costs(ctx, a, year, "actual")))
		return rc;
	if (fin_settle_load(ctx->db, year, (const char(*)[6])ctx->cfg.due, ctx->cfg.ndue, &s, &err) < 0)
		return cmd_fail(a, &err);
	if (cli_format(ctx) == FMT_JSON) {
		json_doc d;
		json_begin(&d);
		jw_key(&d.w, "year");
		jw_int(&d.w, year);
		jw_key(&d.w, "advances_issued");
		jw_bool(&d.w, s.adv.issued);
		out_table *t = members_begin(&d);
		fin_settle_rows(&s, t);
		members_end(&d, t);
		jw_key(&d.w, "balance_cents");
		jw_int(&d.w, s.balance);
		rc = json_end(&d);
	} else {
		out_table *t = cli_stream(ctx, 0);
		fin_settle_rows(&s, t);
		rc = cli_stream_end(t);
	}
	fin_settle_free(&s);
	return rc;
}

/* ------------------------------------------------------------- simulate */

/* The change simulate makes, from the options; figures into the arrays. */
static int
sim_options(const cli_args *a, fin_sim_member *sm, char **copy, const char **metrics,
	    int64_t *values, size_t max, vb_err *err)
{
	const char *joined = arg_get(a, "joined");
	memset(sm, 0, sizeof *sm);
	*copy = NULL;
	if (joined) {
		if (date_parse(joined, &sm->joined) < 0)
			return err_set(err, VB_EFAIL, _("--joined: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), joined);
		sm->has_joined = 1;
	}
	sm->member = arg_get(a, "member");
	if (sm->member)
		return 0;
	sm->name = arg_get(a, "name");
	sm->code = arg_get(a, "code");
	sm->metrics = metrics;
	sm->values = values;
	const char *figs = arg_get(a, "figure");
	if (!figs)
		return 0;
	char *save = NULL;
	*copy = xstrdup(figs);
	for (char *t = strtok_r(*copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		if (sm->n_figures == max)
			return err_set(err, VB_EFAIL, _("--figure: more than %zu figures"), max);
		if (!eq || eq == t || num_parse_dec4(eq + 1, 0, &values[sm->n_figures]) < 0)
			return err_set(err, VB_EFAIL, _("--figure: \"%s\" is not metric=value (a number with a decimal point, at most 4 decimals)"), t);
		*eq = '\0';
		metrics[sm->n_figures++] = t;
	}
	return 0;
}

int
cmd_simulate(vb_ctx *ctx, cli_args *a)
{
	enum { MAXFIG = 64 };
	int year, rc;
	const char *basis, *metrics[MAXFIG];
	int64_t values[MAXFIG];
	char *copy = NULL;
	fin_sim_member sm;
	fin_simulation s;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_get_basis(a, "basis", "plan", &basis)))
		return rc;
	if (!arg_has(a, "member") && (!arg_has(a, "name") || !arg_has(a, "joined")))
		return cli_usage_error(a, _("give --member CODE, or --name and --joined for a new member"));
	if (arg_has(a, "member") && (arg_has(a, "name") || arg_has(a, "code") || arg_has(a, "figure")))
		return cli_usage_error(a, _("--member simulates an existing member; --code, --name and --figure describe a new one"));
	if (sim_options(a, &sm, &copy, metrics, values, MAXFIG, &err) < 0 ||
	    fin_simulate(ctx->db, year, basis, &sm, &s, &err) < 0) {
		free(copy);
		return cmd_fail(a, &err);
	}
	free(copy);
	rc = emit_members(ctx, year, basis, sim_rows, &s, NULL, 0);
	fin_simulation_free(&s);
	return rc;
}

/* -------------------------------------------------------------- savings */

int
cmd_savings(vb_ctx *ctx, cli_args *a)
{
	int year, rc;
	const char *basis;
	fin_savings s;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_get_basis(a, "basis", "actual", &basis)))
		return rc;
	if (fin_savings_load(ctx->db, year, basis, &s, &err) < 0)
		return cmd_fail(a, &err);
	if (!s.n_standalone) {
		/* an all-zero table would read as "no savings" */
		fin_savings_free(&s);
		report_error(_("savings: no service of %d has a standalone amount (what a member would pay to run it alone); set one with 'verbund service set CODE --standalone AMOUNT'"),
			     year);
		return VB_EFAIL;
	}
	rc = emit_members(ctx, year, basis, sav_rows, &s, "savings_cents", s.sum[2]);
	fin_savings_free(&s);
	return rc;
}
