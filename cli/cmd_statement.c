/* The batch command statement: the levy statement of each member as a
 * document (statement.h), to standard output or one file per member. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmds.h"
#include "fileio.h"
#include "fin.h"
#include "i18n.h"
#include "statement.h"
#include "workflow.h"

/* The document format: --format txt (default), md, html or json. */
static int
statement_format(vb_ctx *ctx, const cli_args *a, int *fmt)
{
	switch (ctx->fmt) {
	case -1:
	case FMT_TXT: *fmt = STMT_TXT; return 0;
	case FMT_MD: *fmt = STMT_MD; return 0;
	case FMT_HTML: *fmt = STMT_HTML; return 0;
	case FMT_JSON: *fmt = STMT_JSON; return 0;
	default:
		return cli_usage_error(a, _("a statement is written as txt, md, html or json, not '%s'"),
				       out_fmt_name(ctx->fmt));
	}
}

/* Each member's statement as DIR/<year>-<basis>-<code>.<ext>. */
static int
write_files(const cli_args *a, const fin_statement *st, const char *dir, int fmt)
{
	struct stat sb;
	vb_err err;
	err_clear(&err);
	if (stat(dir, &sb) < 0) {
		report_error(_("%s: --output: %s: %s"), a->cmd->name, dir, strerror(errno));
		return VB_EFAIL;
	}
	if (!S_ISDIR(sb.st_mode)) {
		report_error(_("%s: --output: %s: %s"), a->cmd->name, dir, _("not a directory"));
		return VB_EFAIL;
	}
	for (size_t i = 0; i < st->n; i++) {
		sbuf doc, path;
		sb_init(&doc);
		sb_init(&path);
		statement_render(st, i, fmt, &doc);
		sb_printf(&path, "%s%s%d-%s-%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", st->year,
			  st->basis, st->members[i].code, statement_ext(fmt));
		int rc = afile_write_all(path.s, doc.s, doc.len, AFILE_REPLACE, &err);
		if (rc == 0)
			report_info(_("wrote %s"), path.s);
		sb_free(&doc);
		sb_free(&path);
		if (rc < 0)
			return cmd_fail(a, &err);
	}
	return 0;
}

int
cmd_statement(vb_ctx *ctx, cli_args *a)
{
	int year, rc, fmt = STMT_TXT;
	const char *basis, *dir = arg_get(a, "output");
	fin_statement st;
	vb_err err;
	err_clear(&err);
	if ((rc = cmd_get_year(a, &year)) || (rc = cmd_get_basis(a, "basis", "actual", &basis)) ||
	    (rc = statement_format(ctx, a, &fmt)))
		return rc;
	if (dir && !*dir)
		return cli_usage_error(a, _("--output needs a directory"));
	if ((rc = cmd_need_costs(ctx, a, year, basis)))
		return rc;
	if (fin_statement_load(ctx->db, year, basis, arg_get(a, "member"), (const char(*)[6])ctx->cfg.due,
			       ctx->cfg.ndue, workflow_today(), &st, &err) < 0)
		return cmd_fail(a, &err);
	if (dir) {
		rc = write_files(a, &st, dir, fmt);
	} else {
		sbuf out;
		sb_init(&out);
		statement_render(&st, STMT_ALL, fmt, &out);
		rc = out_write(stdout, &out);
		sb_free(&out);
		if (rc < 0) {
			report_error(_("cannot write the output"));
			rc = VB_EFAIL;
		}
	}
	fin_statement_free(&st);
	return rc;
}
