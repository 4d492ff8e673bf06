/* The commands that add, change, remove, list and show records of one
 * entity, driven by its field table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "i18n.h"
#include "suggest.h"
#include "workflow.h"

int
cmd_fail(const cli_args *a, vb_err *err)
{
	report_error("%s: %s", a->cmd->name, err->msg);
	return err->status ? err->status : VB_EFAIL;
}

enum { DONE_ADDED, DONE_SAVED, DONE_REMOVED };

static void
done(const vb_rec *r, int what)
{
	char *id = rec_ident(r);
	if (what == DONE_ADDED)
		report_info(_("%s '%s' added"), _(r->ent->name), id);
	else if (what == DONE_SAVED)
		report_info(_("%s '%s' saved"), _(r->ent->name), id);
	else
		report_info(_("%s '%s' removed"), _(r->ent->name), id);
	free(id);
}

static int
write_cmd(vb_ctx *ctx, cli_args *a, int mode)
{
	vb_err err;
	vb_rec rec;
	err_clear(&err);
	rec_init(&rec, a->cmd->ent);
	int rc = 0;
	if (cli_fill_rec(a, &rec, &err) < 0) {
		rc = cmd_fail(a, &err);
		rec_free(&rec);
		return rc;
	}
	/* a required option left out is a usage error, not bad data */
	for (int i = 0; mode == W_ADD && i < rec.ent->nfields; i++) {
		const vb_field *f = &rec.ent->fields[i];
		/* identity fields too (a transfer's --person, a subscription's
		 * --from): positional ones are always set here */
		if ((f->flags & FF_REQ) && !f->def && !(f->flags & FF_AUTO) && !rec.set[i] &&
		    f->type != FT_LIST) {
			rec_free(&rec);
			return cli_usage_error(a, _("--%s is required"), f->opt ? f->opt : f->name);
		}
	}
	if (ent_write(ctx->db, &rec, &(vb_write){.mode = mode}, NULL, &err) < 0)
		rc = cmd_fail(a, &err);
	else
		done(&rec, mode == W_ADD ? DONE_ADDED : DONE_SAVED);
	rec_free(&rec);
	return rc;
}

int
cmd_ent_add(vb_ctx *ctx, cli_args *a)
{
	return write_cmd(ctx, a, W_ADD);
}

int
cmd_ent_set(vb_ctx *ctx, cli_args *a)
{
	return write_cmd(ctx, a, W_SET);
}

int
cmd_ent_upsert(vb_ctx *ctx, cli_args *a)
{
	return write_cmd(ctx, a, W_UPSERT);
}

/* figure set: a metric that no key reads is refused unless --new-metric
 * (spec §3.4); a value that is no metric at all is left to the write. */
int
cmd_figure_set(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec rec;
	err_clear(&err);
	rec_init(&rec, &ent_figure);
	int i = ent_field(&ent_figure, "metric"), rc = 0;
	if (!arg_has(a, "new-metric") && rec_parse(&rec, i, a->pos[1], &err) == 0 && !rec.v[i].null &&
	    metric_known(ctx->db, rec.v[i].s, _("--new-metric accepts it"), &err) <= 0)
		rc = cmd_fail(a, &err);
	rec_free(&rec);
	return rc ? rc : cmd_ent_upsert(ctx, a);
}

int
cmd_ent_remove(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec key;
	err_clear(&err);
	rec_init(&key, a->cmd->ent);
	int rc = 0;
	int filled = cli_fill_rec(a, &key, &err);
	/* identity fields that were not given take their default, as on
	 * add ("cost remove S Y" is the actual cost, like "cost set S Y A") */
	for (int i = 0; filled == 0 && i < key.ent->nfields; i++) {
		const vb_field *f = &key.ent->fields[i];
		if ((f->flags & FF_KEY) && f->def && !key.set[i])
			filled = rec_parse(&key, i, f->def, &err);
	}
	if (filled < 0 || ent_remove(ctx->db, &key, 0, NULL, &err) < 0)
		rc = cmd_fail(a, &err);
	else
		done(&key, DONE_REMOVED);
	rec_free(&key);
	return rc;
}

/* A list written as the records come from the database. */
typedef struct list_out {
	int json, on_given;
	vb_date on;
	out_table *t;		/* table formats */
	sbuf b;			/* json */
	jw w;
	int bad;		/* a write failed */
} list_out;

static int
list_one(void *arg, vb_rec *rec, vb_err *err)
{
	list_out *o = arg;
	(void)err;
	/* --on: members sharing costs on that day */
	if (o->on_given && !member_active_on(rec->v[MB_JOINED].s, rec->v[MB_LEFT].s, o->on))
		return 0;
	if (!o->json) {
		recs_table_row(o->t, rec, 1);
		return 0;
	}
	rec_json(rec, &o->w);
	if (o->b.len >= 65536) {
		if (!o->bad && fwrite(o->b.s, 1, o->b.len, stdout) != o->b.len)
			o->bad = 1;
		sb_reset(&o->b);
	}
	return 0;
}

int
cmd_ent_list(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec filter;
	list_out o;
	err_clear(&err);
	memset(&o, 0, sizeof o);
	rec_init(&filter, a->cmd->ent);
	int rc;
	if (cli_fill_rec(a, &filter, &err) < 0) {
		rec_free(&filter);
		return cmd_fail(a, &err);
	}
	if (arg_has(a, "on")) {
		if (date_parse(arg_get(a, "on"), &o.on) < 0) {
			err_set(&err, VB_EFAIL, _("--on: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), arg_get(a, "on"));
			rec_free(&filter);
			return cmd_fail(a, &err);
		}
		o.on_given = 1;
	}
	o.json = cli_format(ctx) == FMT_JSON;
	if (o.json) {
		/* the same objects as export writes (lists and parts as arrays) */
		sb_init(&o.b);
		jw_init(&o.w, &o.b);
		jw_arr(&o.w);
	} else {
		o.t = cli_stream(ctx, 0);
		recs_table_cols(a->cmd->ent, o.t, 1);
	}
	/* the statement stepping through the records keeps one read
	 * transaction open, so the list is one state of the file */
	rc = ent_each(ctx->db, a->cmd->ent, &filter, list_one, &o, &err);
	rec_free(&filter);
	if (rc < 0) {
		if (o.t)
			out_free(o.t);
		sb_free(&o.b);
		return cmd_fail(a, &err);
	}
	if (!o.json)
		return cli_stream_end(o.t);
	jw_arr_end(&o.w);
	if (!o.bad && (fwrite(o.b.s, 1, o.b.len, stdout) != o.b.len || fflush(stdout) != 0))
		o.bad = 1;
	sb_free(&o.b);
	if (o.bad) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

int
cmd_ent_show(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec key, rec;
	err_clear(&err);
	rec_init(&key, a->cmd->ent);
	int rc = 0, found = 0;
	if (cli_fill_rec(a, &key, &err) < 0 || (found = ent_load(ctx->db, a->cmd->ent, &key, &rec, &err)) < 0) {
		rec_free(&key);
		return cmd_fail(a, &err);
	}
	if (!found) {
		char *id = rec_ident(&key);
		suggest_not_found(ctx->db, a->cmd->ent, NULL, id, &err);
		free(id);
		rec_free(&key);
		return cmd_fail(a, &err);
	}
	if (cli_format(ctx) == FMT_JSON) {
		/* one object, a field a line: the same fields as export */
		sbuf b;
		jw w;
		sb_init(&b);
		jw_init(&w, &b);
		rec_json(&rec, &w);
		rc = out_write(stdout, &b) < 0 ? VB_EFAIL : 0;
		if (rc)
			report_error(_("cannot write the output"));
		sb_free(&b);
	} else {
		/* show includes the fields that CSV leaves out */
		out_table *t = recs_table(a->cmd->ent, &rec, 1, 1);
		rc = cli_print(ctx, t, 1);
		out_free(t);
	}
	rec_free(&rec);
	rec_free(&key);
	return rc;
}

/* key add/set: --metric M | --equal | --fixed … | --composite … choose
 * the method. */
int
cmd_key_write(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec rec;
	int adding = strcmp(a->cmd->name, "key add") == 0, methods = 0, rc = 0;
	err_clear(&err);
	rec_init(&rec, &ent_key);
	static const char *const m[] = {"metric", "equal", "fixed", "composite"};
	for (int i = 0; i < 4; i++)
		methods += arg_has(a, m[i]);
	if (methods > 1 || (adding && methods == 0)) {
		rec_free(&rec);
		return cli_usage_error(a, _("give exactly one of --metric, --equal, --fixed, --composite"));
	}
	if (cli_fill_rec(a, &rec, &err) < 0)
		goto fail;
	for (int i = 0; i < 4; i++) {
		const char *v = arg_get(a, m[i]);
		if (!v)
			continue;
		rec_parse(&rec, ent_field(&ent_key, "method"), m[i], &err);
		if (i == 0 && rec_parse(&rec, ent_field(&ent_key, "metric"), v, &err) < 0) {
			err_prefix(&err, "--metric");
			goto fail;
		}
		if (i >= 2 && rec_parse(&rec, ent_field(&ent_key, "parts"), v, &err) < 0) {
			err_prefix(&err, "--%s", m[i]);
			goto fail;
		}
		if (i != 0 && !arg_has(a, "offset"))
			rec_parse(&rec, ent_field(&ent_key, "offset"), "0", &err);
		if (i < 2)
			rec_parse(&rec, ent_field(&ent_key, "parts"), NULL, &err);
	}
	if (ent_write(ctx->db, &rec, &(vb_write){.mode = adding ? W_ADD : W_SET}, NULL, &err) < 0)
		goto fail;
	done(&rec, adding ? DONE_ADDED : DONE_SAVED);
	rec_free(&rec);
	return 0;
fail:
	rc = cmd_fail(a, &err);
	rec_free(&rec);
	return rc;
}

/* Ends the subscription running on --until on that day. */
int
cmd_unsubscribe(vb_ctx *ctx, cli_args *a)
{
	static const char sql[] =
		"SELECT \"from\" FROM subscription WHERE member = ?1 AND service = ?2 AND \"from\" <= ?3 "
		"AND (\"until\" IS NULL OR \"until\" >= ?3) ORDER BY \"from\" DESC LIMIT 1";
	vb_err err;
	vb_rec rec;
	err_clear(&err);
	rec_init(&rec, &ent_subscription);
	int rc = 0;
	if (cli_fill_rec(a, &rec, &err) < 0)
		goto fail;
	if (rec.v[SU_UNTIL].null) {
		rec_free(&rec);
		return cli_usage_error(a, _("--until is required"));
	}
	sqlite3_stmt *st = db_prep(ctx->db, sql, &err);
	if (!st)
		goto fail;
	db_bind_text(st, 1, rec.v[SU_MEMBER].s);
	db_bind_text(st, 2, rec.v[SU_SERVICE].s);
	db_bind_text(st, 3, rec.v[SU_UNTIL].s);
	int step = db_step(ctx->db, st, &err);
	if (step < 0)
		goto fail;
	if (step != SQLITE_ROW) {
		err_set(&err, VB_EFAIL, _("member '%s' has no subscription to '%s' running on %s"),
			rec.v[SU_MEMBER].s, rec.v[SU_SERVICE].s, rec.v[SU_UNTIL].s);
		goto fail;
	}
	rec_parse(&rec, 2, db_col_text(st, 0), &err);
	db_end(st);
	if (ent_write(ctx->db, &rec, &(vb_write){.mode = W_SET}, NULL, &err) < 0)
		goto fail;
	report_info(_("subscription of '%s' to '%s' ends on %s"), rec.v[SU_MEMBER].s, rec.v[SU_SERVICE].s, rec.v[SU_UNTIL].s);
	rec_free(&rec);
	return 0;
fail:
	rc = cmd_fail(a, &err);
	rec_free(&rec);
	return rc;
}

/* --like N|current: the new version starts as a copy of another one (its
 * parties, term, notice and text), for re-drafting on accession. */
