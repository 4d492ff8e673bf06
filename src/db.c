/* The SQLite wrapper: opening and migrating the federation file, the
 * statement cache, transactions as nested savepoints, and errors that
 * say what to do. */
#include "config.h"
#include "db.h"

#include "auditlog.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/random.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "util.h"

extern const char vb_schema_sql[];

#define STMT_CACHE 128

struct vb_db {
	sqlite3 *h;
	char *path;
	int busy_ms;
	int depth;		/* transaction nesting */
	char *tmp;		/* a file being created: its temporary name */
	int64_t size;		/* the file's size when opened */
	int ro;			/* opened for reading only (no write access) */
	char now[32];		/* the time of the open transaction */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE];
	int ncache;
	struct db_memo {
		const void *key;
		void *val;
		void (*free_fn)(void *);
	} *memo;		/* see db_memo */
	int nmemo;
};

/* One migration per step: migrations[i] takes a file from version i to
 * i + 1, inside the caller's transaction. */
static int migrate_0_to_1(vb_db *db, vb_err *err);
static int migrate_1_to_2(vb_db *db, vb_err *err);
static int migrate_2_to_3(vb_db *db, vb_err *err);
static int migrate_3_to_4(vb_db *db, vb_err *err);
static int (*const migrations[VB_SCHEMA_VERSION])(vb_db *, vb_err *) = {
	migrate_0_to_1,
	migrate_1_to_2,
	migrate_2_to_3,
	migrate_3_to_4,
};

const char *
db_path(const vb_db *db)
{
	return db->path;
}

sqlite3 *
db_handle(vb_db *db)
{
	return db->h;
}


/* Whether path's -shm file exists and this user cannot write it: a
 * stale one left by a program of another user makes SQLite open it
 * read-only, and every write fails. */
static int
shm_not_ours(const char *path)
{
	if (!path)
		return 0;
	char shm[4096];
	int n = snprintf(shm, sizeof shm, "%s-shm", path);
	return n > 0 && (size_t)n < sizeof shm && access(shm, F_OK) == 0 && access(shm, W_OK) != 0;
}

int
db_fail(vb_db *db, int rc, const char *sql, vb_err *err)
{
	int saved_errno = errno;
	const char *msg = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	const char *path = db ? db->path : "?";
	if (rc == SQLITE_CORRUPT_VTAB)	/* a damaged audit log entry, named */
		return err_set(err, VB_EDB, "%s", msg);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(err, VB_EDB,
			       _("%s: another program holds the federation file (waited %d ms); try again later"),
			       path, db ? db->busy_ms : 0);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(err, VB_EDB, _("%s: the file is corrupt or not a federation file (%s)"),
			       path, msg);
	case SQLITE_FULL:
		return err_set(err, VB_EDB, _("%s: the disk is full; nothing was changed"), path);
	case SQLITE_READONLY:
		/* a file, directory or -shm file that is not ours to write */
		if (db && db->ro)
			return err_set(err, VB_EDB,
				       _("%s: the file or its directory is not writable for you, so it was opened for reading only; a change needs write access to both (or run it as the file's owner)"),
				       path);
		if (rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_RECOVERY ||
		    rc == SQLITE_READONLY_DIRECTORY || rc == SQLITE_READONLY_CANTLOCK ||
		    shm_not_ours(path))
			return err_set(err, VB_EDB,
				       _("%s: the shared-memory file %s-shm is not writable for you (left by a program of another user?); when no program uses the federation file, remove %s-shm, or give it to the file's owner"),
				       path, path, path);
		/* fall through */
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		/* the system's reason says what to do ("File too large",
		 * "No space left on device", "Permission denied") */
		if (db && db->h && sqlite3_system_errno(db->h) != 0)
			return err_set(err, VB_EDB, _("%s: cannot write the file: %s (%s)"),
				       path, msg, strerror(sqlite3_system_errno(db->h)));
		/* a failed write of a commit can leave only the C library's errno */
		if (saved_errno == EFBIG || saved_errno == ENOSPC || saved_errno == EDQUOT)
			return err_set(err, VB_EDB, _("%s: cannot write the file: %s (%s)"),
				       path, msg, strerror(saved_errno));
		return err_set(err, VB_EDB, _("%s: cannot write the file: %s"), path, msg);
	case SQLITE_CONSTRAINT:
		return err_set(err, VB_EFAIL, _("rejected by the database: %s"), msg);
	case SQLITE_NOMEM:
		return err_set(err, VB_EFAIL, _("out of memory"));
	default:
		return err_set(err, VB_EDB, _("%s: database error: %s (in: %.120s)"), path, msg,
			       sql ? sql : "?");
	}
}

sqlite3_stmt *
db_prep(vb_db *db, const char *sql, vb_err *err)
{
	for (int i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql) {
			sqlite3_stmt *st = db->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, sql, err);
		return NULL;
	}
	if (db->ncache < STMT_CACHE) {
		db->cache[db->ncache].sql = sql;
		db->cache[db->ncache].st = st;
		db->ncache++;
	} else {
		/* cache full: replace the oldest entry */
		sqlite3_finalize(db->cache[0].st);
		memmove(&db->cache[0], &db->cache[1], (STMT_CACHE - 1) * sizeof db->cache[0]);
		db->cache[STMT_CACHE - 1].sql = sql;
		db->cache[STMT_CACHE - 1].st = st;
	}
	return st;
}

int
db_step(vb_db *db, sqlite3_stmt *st, vb_err *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return rc;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return rc;
	}
	db_fail(db, rc, sqlite3_sql(st), err);
	sqlite3_reset(st);
	return -1;
}

void
db_end(sqlite3_stmt *st)
{
	sqlite3_reset(st);
}

int
db_exec(vb_db *db, const char *sql, vb_err *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, sql, err);
	return 0;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void
db_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

void
db_bind_null(sqlite3_stmt *st, int i)
{
	sqlite3_bind_null(st, i);
}

const char *
db_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Nested levels are savepoints, so an inner failure undoes only its own
 * part and the caller decides about the rest. */
static const char *const sp_begin[] = {
	"SAVEPOINT vb1", "SAVEPOINT vb2", "SAVEPOINT vb3", "SAVEPOINT vb4",
	"SAVEPOINT vb5", "SAVEPOINT vb6", "SAVEPOINT vb7", "SAVEPOINT vb8",
};
static const char *const sp_release[] = {
	"RELEASE vb1", "RELEASE vb2", "RELEASE vb3", "RELEASE vb4",
	"RELEASE vb5", "RELEASE vb6", "RELEASE vb7", "RELEASE vb8",
};
static const char *const sp_rollback[] = {
	"ROLLBACK TO vb1", "ROLLBACK TO vb2", "ROLLBACK TO vb3", "ROLLBACK TO vb4",
	"ROLLBACK TO vb5", "ROLLBACK TO vb6", "ROLLBACK TO vb7", "ROLLBACK TO vb8",
};
#define SP_MAX ((int)(sizeof sp_begin / sizeof sp_begin[0]))

static int
run_cached(vb_db *db, const char *sql, vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	return db_step(db, st, err) < 0 ? -1 : 0;
}

int
db_begin(vb_db *db, vb_err *err)
{
	if (db->depth > 0) {
		if (db->depth > SP_MAX)
			return err_set(err, VB_EFAIL, "internal: transactions nested too deeply");
		if (run_cached(db, sp_begin[db->depth - 1], err) < 0)
			return -1;
		db->depth++;
		return 0;
	}
	/* a statement left stepping would hold an old snapshot, and a write
	 * from it fails at once when another program has written since */
	for (int i = 0; i < db->ncache; i++)
		sqlite3_reset(db->cache[i].st);
	if (run_cached(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	db->depth = 1;
	/* every audit entry of one transaction carries the same time */
	db_now(db->now);
	return 0;
}

int
db_commit(vb_db *db, vb_err *err)
{
	if (db->depth <= 0)
		return 0;
	if (db->depth > 1) {
		db->depth--;
		return run_cached(db, sp_release[db->depth - 1], err);
	}
	db->depth = 0;
	if (run_cached(db, "COMMIT", err) < 0) {
		if (!sqlite3_get_autocommit(db->h))
			db_exec(db, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

void
db_rollback(vb_db *db)
{
	if (db->depth <= 0)
		return;
	if (db->depth > 1) {
		db->depth--;
		run_cached(db, sp_rollback[db->depth - 1], NULL);
		run_cached(db, sp_release[db->depth - 1], NULL);
		return;
	}
	db->depth = 0;
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK", NULL);
}

void *
db_memo(vb_db *db, const void *key)
{
	for (int i = 0; i < db->nmemo; i++)
		if (db->memo[i].key == key)
			return db->memo[i].val;
	return NULL;
}

void
db_memo_put(vb_db *db, const void *key, void *val, void (*free_fn)(void *))
{
	db->memo = xrealloc(db->memo, (size_t)(db->nmemo + 1) * sizeof *db->memo);
	db->memo[db->nmemo].key = key;
	db->memo[db->nmemo].val = val;
	db->memo[db->nmemo].free_fn = free_fn;
	db->nmemo++;
}

const char *
db_user(void)
{
	static char name[64];
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(geteuid());
	const char *u = pw && pw->pw_name ? pw->pw_name : getenv("USER");
	if (u && *u)
		snprintf(name, sizeof name, "%s", u);
	else
		snprintf(name, sizeof name, "uid%ld", (long)geteuid());
	return name;
}

void
db_now(char buf[32])
{
	const char *fixed = getenv("VERBUND_NOW");
	if (fixed && *fixed) {
		snprintf(buf, 32, "%s", fixed);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
db_audit_stamp(vb_db *db, sqlite3_stmt *st, char now[32])
{
	if (db->depth > 0 && db->now[0])
		memcpy(now, db->now, 32);
	else
		db_now(now);
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, db_user());
}

int
db_audit(vb_db *db, const char *action, const char *entity, const char *code,
	 const char *before, const char *after, vb_err *err)
{
	static const char sql[] =
		"INSERT INTO audit(time, user, action, entity, code, before, after) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)";
	char now[32];
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_audit_stamp(db, st, now);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, entity);
	db_bind_text(st, 5, code ? code : "");
	db_bind_text(st, 6, before);
	db_bind_text(st, 7, after);
	return db_step(db, st, err) == SQLITE_DONE ? 0 : -1;
}

int
db_audit_rows(vb_db *db, size_t n, const char *const *row, vb_err *err)
{
	/* the statement of a full batch, built once: ?1 time, ?2 user, then
	 * five parameters per entry */
	static char full[DB_AUDIT_ROWS * 48 + 128];
	char now[32];
	if (n == 0)
		return 0;
	if (n < DB_AUDIT_ROWS) {
		for (size_t k = 0; k < n; k++)
			if (db_audit(db, row[k * 5], row[k * 5 + 1], row[k * 5 + 2], row[k * 5 + 3],
				     row[k * 5 + 4], err) < 0)
				return -1;
		return 0;
	}
	if (!full[0]) {
		int len = snprintf(full, sizeof full,
				   "INSERT INTO audit(time, user, action, entity, code, before, after) VALUES ");
		for (int k = 0; k < DB_AUDIT_ROWS; k++)
			len += snprintf(full + len, sizeof full - (size_t)len, "%s(?1, ?2, ?%d, ?%d, ?%d, ?%d, ?%d)",
					k ? ", " : "", 3 + k * 5, 4 + k * 5, 5 + k * 5, 6 + k * 5, 7 + k * 5);
	}
	sqlite3_stmt *st = db_prep(db, full, err);
	if (!st)
		return -1;
	db_audit_stamp(db, st, now);
	for (int k = 0; k < DB_AUDIT_ROWS * 5; k++)
		db_bind_text(st, 3 + k, k % 5 == 2 && !row[k] ? "" : row[k]);
	return db_step(db, st, err) == SQLITE_DONE ? 0 : -1;
}

char *
db_federation_name(vb_db *db)
{
	static const char sql[] = "SELECT name FROM federation WHERE id = 1";
	sqlite3_stmt *st = db_prep(db, sql, NULL);
	if (!st)
		return NULL;
	char *name = db_step(db, st, NULL) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
	db_end(st);	/* no read transaction may stay open */
	return name;
}

static int
migrate_0_to_1(vb_db *db, vb_err *err)
{
	return db_exec(db, vb_schema_sql, err);
}

/* Version 2: a staff transfer's number is never given again after the
 * transfer was removed (AUTOINCREMENT), so that numbers in letters and
 * notes keep meaning one transfer. */
static int
migrate_1_to_2(vb_db *db, vb_err *err)
{
	static const char sql[] =
		"CREATE TABLE transfer_v2 ("
		"  id      INTEGER PRIMARY KEY AUTOINCREMENT,"
		"  person  TEXT NOT NULL CHECK (length(person) BETWEEN 1 AND 200),"
		"  \"from\"  TEXT NOT NULL REFERENCES member(code),"
		"  \"to\"    TEXT NOT NULL REFERENCES member(code),"
		"  date    TEXT NOT NULL,"
		"  credit  INTEGER NOT NULL CHECK (credit >= 0),"
		"  years   INTEGER NOT NULL CHECK (years BETWEEN 0 AND 100),"
		"  fte     INTEGER CHECK (fte IS NULL OR fte >= 0),"
		"  grade   TEXT,"
		"  notes   TEXT,"
		"  UNIQUE (person, \"from\", \"to\", date),"
		"  CHECK (\"from\" <> \"to\"));"
		"INSERT INTO transfer_v2 SELECT id, person, \"from\", \"to\", date, credit, years, fte, grade, notes FROM transfer;"
		"DROP TABLE transfer;"
		"ALTER TABLE transfer_v2 RENAME TO transfer;";
	return db_exec(db, sql, err);
}

/* Version 3: a random secret of the federation, the key of the keyed
 * hash that makes the pseudonyms of export --pseudonymize (a plain hash
 * of a name is reversed by hashing a staff list).  It stays in the file:
 * no export, log or backup format writes it out except a copy of the
 * whole file. */
static int
migrate_2_to_3(vb_db *db, vb_err *err)
{
	static const char create[] =
		"CREATE TABLE secret ("
		"  id   INTEGER PRIMARY KEY CHECK (id = 1),"
		"  pseudonym_key BLOB NOT NULL CHECK (length(pseudonym_key) = 32))";
	static const char insert[] = "INSERT INTO secret(id, pseudonym_key) VALUES (1, ?1)";
	unsigned char key[32];
	size_t got = 0;
	while (got < sizeof key) {
		ssize_t n = getrandom(key + got, sizeof key - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_set(err, VB_EDB, _("no random numbers from the system: %s"), strerror(errno));
		got += (size_t)n;
	}
	if (db_exec(db, create, err) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(db, insert, err);
	if (!st)
		return -1;
	sqlite3_bind_blob(st, 1, key, sizeof key, SQLITE_TRANSIENT);
	memset(key, 0, sizeof key);
	return db_step(db, st, err) == SQLITE_DONE ? 0 : -1;
}

/* Version 4: batch entries of the audit log (src/auditlog.h), the
 * number of records of one in `entries`; NULL in every other row. */
static int
migrate_3_to_4(vb_db *db, vb_err *err)
{
	return db_exec(db, "ALTER TABLE audit ADD COLUMN entries INTEGER "
			   "CHECK (entries IS NULL OR entries BETWEEN 2 AND 1024)", err);
}

int
db_pseudonym_key(vb_db *db, unsigned char key[32], vb_err *err)
{
	static const char sql[] = "SELECT pseudonym_key FROM secret WHERE id = 1";
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	int rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW || sqlite3_column_type(st, 0) != SQLITE_BLOB || sqlite3_column_bytes(st, 0) != 32) {
		sqlite3_reset(st);
		return err_set(err, VB_EDB,
			       _("the federation file holds a value that is not valid: table '%s', record '%s', column '%s': %s; 'verbund check' lists every such value"),
			       "secret", "1", "pseudonym_key", _("is not a key of 32 bytes"));
	}
	memcpy(key, sqlite3_column_blob(st, 0), 32);
	sqlite3_reset(st);
	return 0;
}

static int
pragma_int(vb_db *db, const char *sql, int *out, vb_err *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, sql, err);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, rc, sql, err);
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

/* Brings the file to VB_SCHEMA_VERSION in one transaction. */
static int
migrate(vb_db *db, int from, vb_err *err)
{
	char sql[64];
	if (db_begin(db, err) < 0)
		return -1;
	for (int v = from; v < VB_SCHEMA_VERSION; v++)
		if (migrations[v](db, err) < 0) {
			err_prefix(err, _("%s: upgrading the file to version %d"), db->path, v + 1);
			err->status = VB_EDB;
			db_rollback(db);
			return -1;
		}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", VB_SCHEMA_VERSION);
	if (db_exec(db, sql, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* init and demo on a name that is taken: an empty file gets a message
 * that says what it probably is. */
static int
taken(const char *path, vb_err *err)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
		return err_set(err, VB_EFAIL,
			       _("%s: an empty file (0 bytes) is in the way, perhaps left by an interrupted 'verbund init' of an older version; remove it and run the command again"),
			       path);
	return err_set(err, VB_EFAIL, _("%s: the file already exists; choose another name or remove it"),
		       path);
}

#define INCOMPLETE_MSG \
	N_("%s: an incomplete federation file: its creation by 'verbund init' or 'verbund demo' was interrupted, and it holds nothing that can be used; remove it and create it again ('verbund init --name NAME' or 'verbund demo gifhorn')")

/* Checks version and kind of the opened file, then configures it.  A
 * file being created (db->tmp) is filled without a journal on disk and
 * without syncs: until db_publish renames it, it is nobody's file. */
static int
prepare_file(vb_db *db, int mode, vb_err *err)
{
	int version, tables;
	if (pragma_int(db, "PRAGMA user_version", &version, err) < 0)
		return -1;
	if (version > VB_SCHEMA_VERSION)
		return err_set(err, VB_EDB,
			       _("%s: written by a newer version of verbund (file version %d, this program knows up to %d); it was not changed"),
			       db->path, version, VB_SCHEMA_VERSION);
	if (version < 0)	/* no version verbund writes */
		return err_set(err, VB_EDB,
			       _("%s: not a verbund federation file; create one with 'verbund init --name NAME' or 'verbund demo gifhorn'"),
			       db->path);
	if (pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables, err) < 0)
		return -1;
	if (version == 0 && mode != DB_OPEN_CREATE) {
		int ours = 0;
		if (tables > 0 &&
		    pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'federation'", &ours, err) < 0)
			return -1;
		if (tables == 0 && db->size == 0)
			return err_set(err, VB_EDB,
				       _("%s: an empty file (0 bytes), not a federation file, perhaps left by an interrupted 'verbund init' of an older version; remove it and create the federation again ('verbund init --name NAME' or 'verbund demo gifhorn')"),
				       db->path);
		if (ours)
			return err_set(err, VB_EDB, _(INCOMPLETE_MSG), db->path);
		return err_set(err, VB_EDB,
			       _("%s: not a verbund federation file; create one with 'verbund init --name NAME' or 'verbund demo gifhorn'"),
			       db->path);
	}
	if (version == 0 && tables > 0)
		return err_set(err, VB_EDB, _("%s: not a new file"), db->path);
	if (db->ro && version < VB_SCHEMA_VERSION)
		return err_set(err, VB_EDB,
			       _("%s: the file must be upgraded to version %d, which needs write access to it and its directory"),
			       db->path, VB_SCHEMA_VERSION);
	const char *setup = db->tmp ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL";
	char *msg = NULL;
	if (!db->ro && sqlite3_exec(db->h, setup, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = sqlite3_errcode(db->h);
		sqlite3_free(msg);
		return db_fail(db, rc, setup, err);
	}
	if (db_exec(db, db->tmp ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384"
				: "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384",
		    err) < 0)
		return -1;
	if (version < VB_SCHEMA_VERSION && migrate(db, version, err) < 0)
		return -1;
	if (mode != DB_OPEN_CREATE && version >= 1) {
		int fed;
		if (pragma_int(db, "SELECT count(*) FROM federation", &fed, err) < 0)
			return -1;
		if (fed == 0)
			return err_set(err, VB_EDB, _(INCOMPLETE_MSG), db->path);
	}
	return 0;
}

static int
wal_exists(const char *name)
{
	sbuf b;
	struct stat st;
	sb_init(&b);
	sb_printf(&b, "%s-wal", name);
	int yes = stat(b.s, &st) == 0 && st.st_size > 0;
	sb_free(&b);
	return yes;
}

/* Opens the SQLite file name (the final path, or the temporary file
 * of a creation) into db and configures it. */
static int
connect(vb_db *db, const char *name, int mode, vb_err *err)
{
	/* without write access to the file or its directory (where SQLite
	 * keeps -wal and -shm), reading still works: read-only */
	if (mode == DB_OPEN_EXISTING && !db->tmp) {
		char *dir = xstrdup(name), *slash = strrchr(dir, '/');
		if (slash)
			slash[slash == dir] = '\0';
		db->ro = access(name, W_OK) != 0 || access(slash ? dir : ".", W_OK) != 0;
		free(dir);
	}
	sbuf uri;
	sb_init(&uri);
	if (db->ro && !wal_exists(name)) {
		/* fully checkpointed and nobody may write here: read the file
		 * as it is, without the -shm SQLite cannot create */
		sb_adds(&uri, "file:");
		for (const char *p = name; *p; p++)
			if (*p == '%' || *p == '?' || *p == '#')
				sb_printf(&uri, "%%%02X", (unsigned char)*p);
			else
				sb_addc(&uri, *p);
		sb_adds(&uri, "?immutable=1");
	}
	/* NOMUTEX: a connection is used by one thread only, and the mutex
	 * taken around every sqlite3_column_*() call was 16 % of an
	 * allocation's instructions */
	int rc = sqlite3_open_v2(uri.s ? uri.s : name, &db->h,
				 (db->ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOFOLLOW |
				 SQLITE_OPEN_NOMUTEX | (uri.s ? SQLITE_OPEN_URI : 0), NULL);
	sb_free(&uri);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, NULL, err);
		err->status = VB_EDB;
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, db->busy_ms);
	rc = audit_entries_register(db->h);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, NULL, err);
		err->status = VB_EDB;
		return -1;
	}
	if (prepare_file(db, mode, err) < 0) {
		err->status = err->status == VB_EFAIL ? VB_EDB : err->status;
		return -1;
	}
	return 0;
}

static void
disconnect(vb_db *db)
{
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	db->ncache = 0;
	if (db->h)
		sqlite3_close(db->h);
	db->h = NULL;
}

int
db_open(vb_db **out, const char *path, int mode, int busy_ms, vb_err *err)
{
	struct stat st;
	*out = NULL;
	if (!path || !*path)
		return err_set(err, VB_EUSAGE, _("the name of the federation file is empty"));
	vb_db *db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->busy_ms = busy_ms;
	if (mode == DB_OPEN_CREATE) {
		/* created under a temporary name, published by db_publish */
		afile af;
		int rc = afile_reserve(&af, path, AFILE_NEW, err);
		if (rc == AFILE_EXISTS)
			taken(path, err);
		if (rc < 0) {
			err->status = err->status == VB_EFAIL && rc != AFILE_EXISTS ? VB_EDB : err->status;
			db_close(db);
			return -1;
		}
		db->tmp = af.tmp;
		free(af.path);
	} else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		db_close(db);
		return err_set(err, VB_EDB,
			       _("%s: is a symbolic link; give the path of the federation file itself"), path);
	} else if (stat(path, &st) < 0) {
		int e = errno;
		db_close(db);
		if (e == ENOENT)
			return err_set(err, VB_EDB,
				       _("%s: no federation file here; create one with 'verbund init --name NAME' or 'verbund demo gifhorn'"),
				       path);
		return err_set(err, VB_EDB, _("%s: %s"), path, strerror(e));
	} else if (!S_ISREG(st.st_mode)) {
		db_close(db);
		return err_set(err, VB_EDB, _("%s: not a regular file"), path);
	} else {
		db->size = (int64_t)st.st_size;
	}
	if (connect(db, db->tmp ? db->tmp : path, mode, err) < 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

int
db_publish(vb_db *db, vb_err *err)
{
	if (!db->tmp)
		return 0;
	disconnect(db);
	/* the journal was in memory: the temporary file is whole once synced */
	afile af = {.path = xstrdup(db->path), .tmp = db->tmp, .f = NULL, .how = AFILE_NEW};
	db->tmp = NULL;
	if (afile_commit(&af, err) < 0) {
		struct stat st;
		if (lstat(db->path, &st) == 0)
			taken(db->path, err);	/* another program took the name meanwhile */
		err->status = VB_EFAIL;
		return -1;
	}
	return connect(db, db->path, DB_OPEN_EXISTING, err);
}

void
db_close(vb_db *db)
{
	if (!db)
		return;
	disconnect(db);
	if (db->tmp) {
		/* a creation not published leaves nothing behind */
		unlink(db->tmp);
		free(db->tmp);
	}
	for (int i = 0; i < db->nmemo; i++)
		if (db->memo[i].free_fn)
			db->memo[i].free_fn(db->memo[i].val);
	free(db->memo);
	free(db->path);
	free(db);
}
