/* Batch commands that report on the federation: deadlines, the
 * consistency check and the audit log. */
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
#include "calendar.h"
#include "check.h"
#include "cmds.h"
#include "i18n.h"
#include "impexp.h"
#include "num.h"
#include "workflow.h"

/* The deadlines as a calendar (deadlines --format ics). */
static int
print_calendar(vb_ctx *ctx, const out_table *t)
{
	char now[32];
	sbuf b;
	sb_init(&b);
	db_now(now);
	calendar_render(ctx->db, t, ctx->cfg.alarm_days, now, &b);
	int rc = out_write(stdout, &b);
	sb_free(&b);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

int
cmd_deadlines(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	vb_date on;
	int64_t within = 90;
	err_clear(&err);
	const char *w = arg_get(a, "within");
	if (w && num_parse_int(w, 0, 36600, &within) < 0) {
		err_set(&err, VB_EFAIL, _("--within: \"%s\" is not a number of days"), w);
		return cmd_fail(a, &err);
	}
	if (arg_on_date(a, &on, &err) < 0)
		return cmd_fail(a, &err);
	out_table *t = deadlines_table(ctx->db, on, (int)within, &err);
	if (!t)
		return cmd_fail(a, &err);
	int rc;
	if (cli_format(ctx) == FMT_ICS)
		rc = print_calendar(ctx, t);
	else
		rc = cli_print(ctx, t, 0);
	out_free(t);
	return rc;
}

int
cmd_check(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	int64_t year = 0;
	int errors = 0, from, to;
	err_clear(&err);
	const char *y = arg_get(a, "year");
	if (y && num_parse_int(y, 1000, 9999, &year) < 0) {
		err_set(&err, VB_EFAIL, _("--year: \"%s\" is not a year"), y);
		return cmd_fail(a, &err);
	}
	/* streamed: findings are written as they are found */
	out_table *t = cli_stream(ctx, 0);
	if (check_rows(ctx->db, (int)year, workflow_today(), ctx->cfg.ndue > 0 ? ctx->cfg.due[0] : NULL, t,
		       &errors, &from, &to, &err) < 0) {
		out_free(t);
		return cmd_fail(a, &err);
	}
	size_t rows = out_rows(t);
	int rc = cli_stream_end(t);
	if (rc == 0) {
		size_t warnings = rows - (size_t)errors;
		char e1[64], w1[64];
		snprintf(e1, sizeof e1, P_("%d error", "%d errors", (unsigned long)errors), errors);
		snprintf(w1, sizeof w1, P_("%zu warning", "%zu warnings", warnings), warnings);
		if (from == to)
			report_info(_("%s, %s for %lld"), e1, w1, (long long)from);
		else
			report_info(_("%s, %s for %d-%d"), e1, w1, from, to);
	}
	return rc ? rc : errors ? VB_EFAIL : 0;
}

int
cmd_log(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	const char *since = arg_get(a, "since");
	char buf[VB_DATE_BUFSZ];
	vb_date d;
	if (since) {
		if (date_parse(since, &d) < 0) {
			err_set(&err, VB_EFAIL, _("--since: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), since);
			return cmd_fail(a, &err);
		}
		since = date_format(d, buf);
	}
	/* streamed: memory does not grow with the entries written */
	out_table *t = cli_stream(ctx, 0);
	if (log_rows(ctx->db, since, arg_get(a, "entity"), arg_get(a, "code"), t, &err) < 0) {
		out_free(t);
		return cmd_fail(a, &err);
	}
	return cli_stream_end(t);
}
