/* The federation file: one SQLite database.  All SQL of the program
 * goes through this wrapper: statements are prepared once and cached,
 * bound by position, and every error names the statement. */
#ifndef VB_DB_H
#define VB_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define VB_SCHEMA_VERSION 4

typedef struct vb_db vb_db;

enum db_open_mode {
	DB_OPEN_EXISTING,	/* the file must exist and be a federation file */
	DB_OPEN_CREATE		/* the file must not exist; see db_publish */
};

/* Opens (or creates) a federation file. Errors have status VB_EDB
 * except "already exists" (VB_EFAIL) and an empty path (VB_EUSAGE).
 * An empty (0 bytes) or half-created file is refused with a message
 * saying what it is and what to do.
 * DB_OPEN_CREATE makes a new file with the schema under a temporary
 * name in the same directory (mode 0600); the caller fills it, then
 * db_publish syncs it and renames it to path.  Closed before that, or
 * interrupted, it leaves nothing under path. */
int db_open(vb_db **out, const char *path, int mode, int busy_ms, vb_err *err);
/* Puts a created file in place under its name (never over another
 * file) and reopens it there; a no-op for a file opened as existing. */
int db_publish(vb_db *db, vb_err *err);
void db_close(vb_db *db);
const char *db_path(const vb_db *db);
sqlite3 *db_handle(vb_db *db);

/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *db_prep(vb_db *db, const char *sql, vb_err *err);
/* sqlite3_step with errors mapped: SQLITE_ROW, SQLITE_DONE or -1.  On
 * SQLITE_DONE and on an error the statement is reset, so a loop that
 * steps to the end needs nothing more; code that stops at a row (one
 * lookup, an early exit) calls db_end after reading it.  No other code
 * calls sqlite3_reset. */
int db_step(vb_db *db, sqlite3_stmt *st, vb_err *err);
/* Ends a statement's run before its last row, releasing its read
 * snapshot (a statement left stepping would keep an old one). */
void db_end(sqlite3_stmt *st);
/* Runs a statement without results (bind nothing). 0 or -1. */
int db_exec(vb_db *db, const char *sql, vb_err *err);

/* Bind helpers (1-based index); NULL text binds NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_int(sqlite3_stmt *st, int i, int64_t v);
void db_bind_null(sqlite3_stmt *st, int i);
const char *db_col_text(sqlite3_stmt *st, int i);	/* NULL for NULL */

/* Nesting write transactions: the outermost begins IMMEDIATE (so the
 * busy timeout applies) and commits; any rollback aborts the whole. */
int db_begin(vb_db *db, vb_err *err);
int db_commit(vb_db *db, vb_err *err);
void db_rollback(vb_db *db);

/* Data derived once per connection and kept with it (the SQL that an
 * entity's field table gives): the value stored under key, or NULL.
 * db_memo_put hands val over; free_fn frees it when the file closes. */
void *db_memo(vb_db *db, const void *key);
void db_memo_put(vb_db *db, const void *key, void *val, void (*free_fn)(void *));

/* Maps an SQLite result code to an error in err; returns -1. */
int db_fail(vb_db *db, int rc, const char *sql, vb_err *err);

/* Audit: appends one entry (in the current transaction). */
int db_audit(vb_db *db, const char *action, const char *entity, const char *code,
	     const char *before, const char *after, vb_err *err);
/* Audit entries in one statement: n (1..DB_AUDIT_ROWS) entries whose
 * action, entity, code, before and after are row[k * 5 + 0..4], with
 * the time and user of db_audit. */
#define DB_AUDIT_ROWS 32
int db_audit_rows(vb_db *db, size_t n, const char *const *row, vb_err *err);
/* Binds ?1 and ?2 of an audit INSERT: the time of the transaction
 * (every entry of one change has the same; also copied to now) and the
 * user. */
void db_audit_stamp(vb_db *db, sqlite3_stmt *st, char now[32]);
/* The audit identity: OS user and UTC time (VERBUND_NOW overrides the
 * clock, for reproducible runs). */
const char *db_user(void);
void db_now(char buf[32]);

/* The federation's secret key of the pseudonyms (32 bytes). */
int db_pseudonym_key(vb_db *db, unsigned char key[32], vb_err *err);

/* The federation's name, or NULL. */
char *db_federation_name(vb_db *db);

#endif
