/* The batch command workbook: the finance workbook of a year (workbook.h)
 * written to a file. */
#include "config.h"

#include <string.h>

#include "cmds.h"
#include "i18n.h"
#include "num.h"
#include "workbook.h"

int
cmd_workbook(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	int64_t year;
	char now[32];
	int sheets;
	err_clear(&err);
	const char *y = arg_get(a, "year"), *file = a->pos[0];
	if (!y)
		return cli_usage_error(a, _("--year is required"));
	if (num_parse_int(y, 1000, 9999, &year) < 0) {
		err_set(&err, VB_EFAIL, _("--year: \"%s\" is not a year"), y);
		return cmd_fail(a, &err);
	}
	if (strcmp(file, "-") == 0)
		return cli_usage_error(a, _("a workbook is written to a file, not to standard output"));
	db_now(now);
	workbook_opts o = {(int)year, (const char(*)[6])ctx->cfg.due, ctx->cfg.ndue, now};
	if (workbook_write(ctx->db, &o, file, &sheets, &err) < 0)
		return cmd_fail(a, &err);
	report_info(P_("workbook of %d written to %s (%d sheet)", "workbook of %d written to %s (%d sheets)",
		       (unsigned long)sheets),
		    (int)year, file, sheets);
	return 0;
}
