/* Values read from the federation file, validated as strictly as input
 * from the user: another program may have written anything into the
 * file (a NULL where a code belongs, 'abc' as an amount, 2024-02-30 as
 * a date).  A value that does not validate stops the command (exit 3)
 * naming table, record and column; `check` lists every such value. */
#ifndef VB_DBVALID_H
#define VB_DBVALID_H

#include <sqlite3.h>
#include <stdint.h>
#include "date.h"
#include "entity.h"
#include "err.h"

/* Where a value comes from, for the message. */
typedef struct dbv_at {
	const char *table;
	const char *record;	/* its code or identity, as stored */
} dbv_at;

/* Column col of st as the stored form of field fi of entity e.  0, or
 * -1 with err (VB_EDB).  NULL passes where the field is optional. */
int dbv_field(const vb_entity *e, int fi, sqlite3_stmt *st, int col, const dbv_at *at, vb_err *err);

/* Column col of st as numeric field fi of e (amount, ten-thousandths,
 * whole number or yes/no), validated as dbv_field does: 0 with *out,
 * 1 for an allowed NULL (*out left alone), or -1 with err. */
int dbv_num(const vb_entity *e, int fi, sqlite3_stmt *st, int col, const dbv_at *at, int64_t *out,
	    vb_err *err);

/* Typed reads of one column, each validated; -1 with err (VB_EDB).
 * A NULL is refused unless nullable (then *out is left alone and the
 * result is 1). */
int dbv_code(sqlite3_stmt *st, int col, int nullable, const dbv_at *at, const char **out, vb_err *err);
int dbv_int(sqlite3_stmt *st, int col, int nullable, int64_t min, int64_t max, const dbv_at *at,
	    int64_t *out, vb_err *err);
int dbv_date(sqlite3_stmt *st, int col, int nullable, const dbv_at *at, vb_date *out, vb_err *err);

/* Every stored value of the file that does not validate, and every
 * reference to a record that does not exist: found(ctx, table, record,
 * message) for each.  Returns the number found, or -1 with err. */
int dbv_scan(vb_db *db, void (*found)(void *ctx, const char *table, const char *record, const char *msg),
	     void *ctx, vb_err *err);

#endif
