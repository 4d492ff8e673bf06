/* The open federation of one run of the program: the options that name
 * its file and configuration, the configuration read, and the database
 * handle, shared by the batch mode and the TUI. */
#ifndef VB_SESSION_H
#define VB_SESSION_H

#include "db.h"
#include "err.h"
#include "vbconfig.h"

typedef struct vb_ctx {
	const char *db_opt;	/* --db */
	const char *config_opt;	/* --config */
	int fmt;		/* --format, or -1 */
	int quiet;
	vb_config cfg;
	vb_db *db;
	char *db_path;
} vb_ctx;

/* Opens the database that ctx names (--db, $VERBUND_DB, the
 * configuration, the default path); a no-op when it is open. */
int session_open_db(vb_ctx *ctx, vb_err *err);
/* Closes the database and frees what ctx holds. */
void session_free(vb_ctx *ctx);

#endif
