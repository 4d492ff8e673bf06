/* Batch commands of agreements: a new version (also re-drafted from an
 * earlier one), the list with each agreement's status, and one agreement
 * shown whole. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agreement.h"
#include "cmds.h"
#include "i18n.h"
#include "suggest.h"
#include "impexp.h"
#include "num.h"
#include "workflow.h"


static int
like_version(vb_ctx *ctx, const cli_args *a, vb_rec *rec, vb_err *err)
{
	const char *like = arg_get(a, "like");
	int64_t number = 0;
	if (strcmp(like, "current") == 0) {
		ver_info *v;
		size_t n;
		if (versions_on(ctx->db, rec->v[AV_AGREEMENT].s, workflow_today(), &v, &n, err) < 0)
			return -1;
		/* the version in force, else the newest */
		for (size_t i = 0; i < n; i++)
			if (v[i].number > number)
				number = v[i].number;
		for (size_t i = 0; i < n; i++)
			if (v[i].status == VS_IN_FORCE)
				number = v[i].number;
		versions_free(v, n);
		if (!number)
			return err_set(err, VB_EFAIL, _("agreement '%s' has no version to start from"),
				       rec->v[AV_AGREEMENT].s);
	} else if (num_parse_int(like, 1, 9999, &number) < 0) {
		return err_set(err, VB_EFAIL, _("--like: \"%s\" is not a version number or 'current'"), like);
	}
	vb_rec key, old;
	rec_init(&key, &ent_version);
	val_set_text(&key.v[AV_AGREEMENT], rec->v[AV_AGREEMENT].s);
	val_set_int(&key.v[AV_NUMBER], number);
	int found = ent_load(ctx->db, &ent_version, &key, &old, err);
	rec_free(&key);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, VB_EFAIL, _("agreement '%s' has no version %lld"),
						rec->v[AV_AGREEMENT].s, (long long)number);
	static const int copy[] = {AV_TERM, AV_NOTICE, AV_TEXT, AV_PARTIES};
	for (size_t i = 0; i < sizeof copy / sizeof copy[0]; i++)
		if (!rec->set[copy[i]]) {
			rec->v[copy[i]].null = old.v[copy[i]].null;
			val_set_text(&rec->v[copy[i]], NULL);
			rec->v[copy[i]] = old.v[copy[i]];
			rec->v[copy[i]].s = old.v[copy[i]].s ? xstrdup(old.v[copy[i]].s) : NULL;
			rec->set[copy[i]] = 1;
		}
	rec_free(&old);
	return 0;
}

static int
add_parties(vb_rec *rec, const char *more, vb_err *err)
{
	sbuf all;
	sb_init(&all);
	if (!rec->v[AV_PARTIES].null)
		sb_adds(&all, rec->v[AV_PARTIES].s);
	sb_printf(&all, "%s%s", all.len ? "," : "", more);
	int rc = rec_parse(rec, AV_PARTIES, all.s, err);
	sb_free(&all);
	return rc < 0 ? err_prefix(err, "--add-party") : 0;
}

int
cmd_agreement_version(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec rec;
	int64_t next;
	err_clear(&err);
	rec_init(&rec, &ent_version);
	int rc = 0;
	if (cli_fill_rec(a, &rec, &err) < 0)
		goto fail;
	if (arg_has(a, "like") && like_version(ctx, a, &rec, &err) < 0)
		goto fail;
	if (arg_has(a, "add-party") && add_parties(&rec, arg_get(a, "add-party"), &err) < 0)
		goto fail;
	if (rec.v[AV_PARTIES].null) {
		err_set(&err, VB_EFAIL, _("--parties (or --like VERSION) is required"));
		goto fail;
	}
	if (agreement_next_version(ctx->db, rec.v[AV_AGREEMENT].s, &next, &err) < 0)
		goto fail;
	val_set_int(&rec.v[AV_NUMBER], next);
	rec.set[AV_NUMBER] = 1;
	if (ent_write(ctx->db, &rec, &(vb_write){.mode = W_ADD}, NULL, &err) < 0)
		goto fail;
	report_info(_("agreement '%s': version %lld added; every party must sign it"),
		    rec.v[AV_AGREEMENT].s, (long long)next);
	rec_free(&rec);
	return 0;
fail:
	rc = cmd_fail(a, &err);
	rec_free(&rec);
	return rc;
}

int
cmd_agreement_list(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_rec *ags;
	size_t nag, nv;
	ver_info *v;
	vb_date on;
	err_clear(&err);
	if (arg_on_date(a, &on, &err) < 0 || ent_fetch(ctx->db, &ent_agreement, NULL, &ags, &nag, &err) < 0)
		return cmd_fail(a, &err);
	if (versions_on(ctx->db, NULL, on, &v, &nv, &err) < 0) {
		recs_free(ags, nag);
		return cmd_fail(a, &err);
	}
	out_table *t = out_new();
	static const char *const cols[] = {"code", "title", "type", "versions", "version", "status", "from", "until", "missing"};
	static const int types[] = {CT_TEXT, CT_TEXT, CT_TEXT, CT_INT, CT_INT, CT_TEXT, CT_DATE, CT_DATE, CT_TEXT};
	for (int c = 0; c < 9; c++)
		out_col(t, cols[c], types[c]);
	for (size_t i = 0; i < nag; i++) {
		/* the version in force, else the newest */
		const ver_info *pick = NULL;
		int count = 0;
		for (size_t k = 0; k < nv; k++) {
			if (strcmp(v[k].agreement, ags[i].v[AG_CODE].s) != 0)
				continue;
			count++;
			if (!pick || pick->status != VS_IN_FORCE)
				pick = &v[k];
		}
		out_row(t);
		out_text(t, 0, ags[i].v[AG_CODE].s);
		out_text(t, 1, ags[i].v[AG_TITLE].s);
		out_text(t, 2, ags[i].v[AG_TYPE].s);
		out_int(t, 3, count);
		if (!pick)
			continue;
		char d[VB_DATE_BUFSZ];
		out_int(t, 4, pick->number);
		out_text(t, 5, ver_status_name(pick->status));
		out_text(t, 6, date_format(pick->from, d));
		if (pick->has_until)
			out_text(t, 7, date_format(pick->until, d));
		if (pick->status == VS_DRAFT || pick->status == VS_AWAITING)
			out_text(t, 8, pick->missing);
	}
	int rc = cli_print(ctx, t, 0);
	out_free(t);
	versions_free(v, nv);
	recs_free(ags, nag);
	return rc;
}

int
cmd_agreement_show(vb_ctx *ctx, cli_args *a)
{
	static const char sql[] =
		"SELECT v.number, v.\"from\", v.\"until\", v.term_years, v.notice_months, v.text, "
		"p.member, s.signatory, s.role, s.date "
		"FROM agreement_version v JOIN agreement_party p "
		"ON p.agreement = v.agreement AND p.number = v.number "
		"LEFT JOIN signature s ON s.agreement = p.agreement AND s.number = p.number AND s.member = p.member "
		"WHERE v.agreement = ?1 ORDER BY v.number, p.pos";
	vb_err err;
	vb_rec key, ag;
	err_clear(&err);
	rec_init(&key, &ent_agreement);
	rec_parse(&key, AG_CODE, a->pos[0], &err);
	int found = ent_load(ctx->db, &ent_agreement, &key, &ag, &err);
	rec_free(&key);
	if (found <= 0) {
		if (found == 0)
			suggest_not_found(ctx->db, &ent_agreement, NULL, a->pos[0], &err);
		return cmd_fail(a, &err);
	}
	sqlite3_stmt *st = db_prep(ctx->db, sql, &err);
	if (!st) {
		rec_free(&ag);
		return cmd_fail(a, &err);
	}
	db_bind_text(st, 1, a->pos[0]);
	out_table *t = out_new();
	static const char *const cols[] = {"version", "from", "until", "term_years", "notice_months",
					   "text", "member", "signatory", "role", "signed", "status"};
	static const int types[] = {CT_INT, CT_DATE, CT_DATE, CT_INT, CT_INT, CT_TEXT, CT_TEXT,
				    CT_TEXT, CT_TEXT, CT_DATE, CT_TEXT};
	ver_info *vi;
	size_t nvi;
	vb_date on;
	if (arg_on_date(a, &on, &err) < 0 || versions_on(ctx->db, a->pos[0], on, &vi, &nvi, &err) < 0) {
		rec_free(&ag);
		return cmd_fail(a, &err);
	}
	for (int c = 0; c < 11; c++)
		out_col(t, cols[c], types[c]);
	int rc;
	while ((rc = db_step(ctx->db, st, &err)) == SQLITE_ROW) {
		out_row(t);
		for (int c = 0; c < 10; c++) {
			if (sqlite3_column_type(st, c) == SQLITE_NULL)
				continue;
			if (types[c] == CT_INT)
				out_int(t, c, sqlite3_column_int64(st, c));
			else
				out_text(t, c, db_col_text(st, c));
		}
		for (size_t k = 0; k < nvi; k++)
			if (vi[k].number == sqlite3_column_int(st, 0))
				out_text(t, 10, ver_status_name(vi[k].status));
	}
	versions_free(vi, nvi);
	if (rc < 0) {
		out_free(t);
		rec_free(&ag);
		return cmd_fail(a, &err);
	}
	if (cli_format(ctx) == FMT_TABLE) {
		printf("%s: %s\n%s: %s\n%s: %s\n", "code", ag.v[AG_CODE].s, "title", ag.v[AG_TITLE].s,
		       "type", ag.v[AG_TYPE].s);
		if (!ag.v[AG_NOTES].null)
			printf("notes: %s\n", ag.v[AG_NOTES].s);
		putchar('\n');
	}
	rc = cli_print(ctx, t, 0);
	out_free(t);
	rec_free(&ag);
	return rc;
}
