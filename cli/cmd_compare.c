/* The batch command compare: a year beside an earlier one, each
 * member's change explained (the finance module's comparison, fin.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "fin.h"
#include "i18n.h"
#include "json.h"
#include "num.h"

static void
cents(jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}

/* Written to stdout in pieces: 0, or -1 when a write failed. */
static int
compare_json(const fin_compare *c, int explain)
{
	sbuf b, *out = &b;
	int bad = 0;
	jw w;
	sb_init(out);
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "year");
	jw_int(&w, c->year);
	jw_key(&w, "basis");
	jw_str(&w, c->basis);
	jw_key(&w, "against");
	jw_int(&w, c->against);
	jw_key(&w, "against_basis");
	jw_str(&w, c->against_basis);
	jw_key(&w, "members");
	jw_arr(&w);
	for (size_t i = 0; i < c->nrows; i++) {
		const fin_cmp_row *r = &c->rows[i];
		jw_obj(&w);
		jw_key(&w, "code");
		jw_str(&w, r->code);
		jw_key(&w, "name");
		jw_str(&w, r->name);
		cents(&w, "before_cents", r->before);
		cents(&w, "after_cents", r->after);
		cents(&w, "delta_cents", r->delta);
		cents(&w, "cost_effect_cents", r->cost_effect);
		cents(&w, "share_effect_cents", r->share_effect);
		cents(&w, "transfers_effect_cents", r->transfers_effect);
		if (explain) {
			jw_key(&w, "services");
			jw_obj(&w);
			for (size_t s = 0; s < c->n_svc; s++) {
				const fin_cmp_cell *cl = &r->cells[s];
				if (!cl->shown)
					continue;
				jw_key(&w, c->svc_code[s]);
				jw_obj(&w);
				w.compact[w.depth] = 1;
				cents(&w, "before_cents", cl->before);
				cents(&w, "after_cents", cl->after);
				cents(&w, "delta_cents", cl->delta);
				cents(&w, "cost_effect_cents", cl->cost_effect);
				cents(&w, "share_effect_cents", cl->share_effect);
				jw_obj_end(&w);
			}
			jw_obj_end(&w);
		}
		jw_obj_end(&w);
		cli_spill(out, stdout, 0, &bad);
	}
	jw_arr_end(&w);
	cents(&w, "delta_cents", c->total.delta);
	jw_obj_end(&w);
	cli_spill(out, stdout, 1, &bad);
	sb_free(out);
	return bad ? -1 : 0;
}

int
cmd_compare(vb_ctx *ctx, cli_args *a)
{
	int year, rc, against;
	const char *basis, *against_basis, *v = arg_get(a, "against");
	fin_compare c;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_get_basis(a, "basis", "actual", &basis)) ||
	    (rc = cmd_get_basis(a, "against-basis", basis, &against_basis)))
		return rc;
	against = year - 1;
	if (v) {
		int64_t y;
		if (num_parse_int(v, 1000, 9999, &y) < 0) {
			report_error(_("%s: --against: \"%s\" is not a year"), a->cmd->name, v);
			return VB_EFAIL;
		}
		against = (int)y;
	}
	int explain = arg_has(a, "explain");
	if (against <= year && ((rc = cmd_need_costs(ctx, a, year, basis)) ||
				(rc = cmd_need_costs(ctx, a, against, against_basis))))
		return rc;
	if (fin_compare_load(ctx->db, year, basis, against, against_basis, arg_get(a, "member"), &c,
			     &err) < 0)
		return cmd_fail(a, &err);
	int fmt = cli_format(ctx);
	if (fmt == FMT_JSON) {
		rc = 0;
		if (compare_json(&c, explain) < 0) {
			report_error(_("cannot write the output"));
			rc = VB_EFAIL;
		}
	} else {
		if (fmt == FMT_TABLE)
			report_info(_("%d (%s) against %d (%s)"), year, c.basis, against, c.against_basis);
		out_table *t = cli_stream(ctx, 0);
		if (explain)
			fin_compare_explain_rows(&c, t);
		else
			fin_compare_rows(&c, t);
		rc = cli_stream_end(t);
	}
	fin_compare_free(&c);
	return rc;
}
