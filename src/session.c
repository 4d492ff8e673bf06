/* Opens and closes the federation file of one run of the program. */
#include "config.h"

#include <stdlib.h>

#include "i18n.h"
#include "session.h"

int
session_open_db(vb_ctx *ctx, vb_err *err)
{
	if (ctx->db)
		return 0;
	free(ctx->db_path);
	ctx->db_path = config_db_path(&ctx->cfg, ctx->db_opt);
	if (!ctx->db_path)
		return err_set(err, VB_EDB, _("no federation file given: use --db FILE or set VERBUND_DB"));
	return db_open(&ctx->db, ctx->db_path, DB_OPEN_EXISTING, ctx->cfg.busy_ms, err);
}

void
session_free(vb_ctx *ctx)
{
	db_close(ctx->db);
	ctx->db = NULL;
	config_free(&ctx->cfg);
	free(ctx->db_path);
	ctx->db_path = NULL;
}
