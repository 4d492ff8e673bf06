/* Unit tests of the storage: opening and creating federation files,
 * records written and read back through the field tables, refused and
 * rejected changes that leave no trace, the audit log, removal of
 * referenced records, the host rules, and export/import round trips
 * (spec §1, §3, §6).  Every test works in its own temporary directory. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "auditlog.h"
#include "db.h"
#include "entity.h"
#include "err.h"
#include "impexp.h"
#include "json.h"
#include "pager.h"
#include "util.h"
#include "workflow.h"

#define NOW "2024-05-01T12:00:00Z"

/* ============================================================ fixture */

typedef struct fx {
	char dir[512];
	char path[600];
	vb_db *db;
} fx;

static void
rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[1200];
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static int
setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "%s/verbund-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/fed.db", f->dir);
	setenv("VERBUND_NOW", NOW, 1);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fx *f = *state;
	if (f->db)
		db_close(f->db);
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* ============================================================ helpers */

static void
file_in(const fx *f, const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", f->dir, name);
}

static int
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static char *
slurp(const char *path, size_t *len)
{
	char *s = file_read_all(path, len);
	if (!s)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	return s;
}

static int64_t
q_int(vb_db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(db)));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The first column of the first row, or NULL (for NULL); malloc'ed. */
static char *
q_text(vb_db *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(db)));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *r = t ? xstrdup((const char *)t) : NULL;
	sqlite3_finalize(st);
	return r;
}

static void
fed_row(vb_db *db, const char *name, const char *notes)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
					    "INSERT INTO federation(id, name, notes, created) VALUES (1, ?1, ?2, ?3)",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (notes)
		sqlite3_bind_text(st, 2, notes, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, NOW, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* A new federation file at path with its federation row. */
static vb_db *
create_fed(const char *path, const char *name, const char *notes)
{
	vb_db *db = NULL;
	vb_err err;
	err_clear(&err);
	if (db_open(&db, path, DB_OPEN_CREATE, 2000, &err) != 0)
		fail_msg("db_open(%s): %s", path, err.msg);
	fed_row(db, name, notes);
	if (db_publish(db, &err) != 0)
		fail_msg("db_publish(%s): %s", path, err.msg);
	return db;
}

static void
put(vb_rec *r, const char *field, const char *text)
{
	vb_err err;
	int i = ent_field(r->ent, field);
	if (i < 0)
		fail_msg("%s has no field %s", r->ent->name, field);
	err_clear(&err);
	if (rec_parse(r, i, text, &err) != 0)
		fail_msg("%s.%s = \"%s\": %s", r->ent->name, field, text, err.msg);
}

static void
vbuild(vb_rec *r, const vb_entity *e, va_list ap)
{
	const char *f;
	rec_init(r, e);
	while ((f = va_arg(ap, const char *)) != NULL)
		put(r, f, va_arg(ap, const char *));
}

/* A record from field/value pairs, NULL-terminated. */
static void
build(vb_rec *r, const vb_entity *e, ...)
{
	va_list ap;
	va_start(ap, e);
	vbuild(r, e, ap);
	va_end(ap);
}

/* Writes a record given as field/value pairs; returns ent_write's result. */
static int
try_write(vb_db *db, const vb_entity *e, int mode, vb_err *err, ...)
{
	vb_rec r;
	va_list ap;
	va_start(ap, err);
	vbuild(&r, e, ap);
	va_end(ap);
	err_clear(err);
	int rc = ent_write(db, &r, &(vb_write){.mode = mode}, NULL, err);
	rec_free(&r);
	return rc;
}

#define WRITE_OK(db, e, mode, ...) do {						\
		vb_err werr_;							\
		if (try_write(db, e, mode, &werr_, __VA_ARGS__, (const char *)NULL) != 0) \
			fail_msg("write of a %s failed: %s", (e)->name, werr_.msg); \
	} while (0)

/* Writing must fail with VB_EFAIL and a message containing want. */
#define WRITE_FAILS(db, e, mode, want, ...) do {				\
		vb_err werr_;							\
		if (try_write(db, e, mode, &werr_, __VA_ARGS__, (const char *)NULL) != -1) \
			fail_msg("write of a %s was accepted", (e)->name);	\
		assert_int_equal(werr_.status, VB_EFAIL);			\
		if (!strstr(werr_.msg, want))					\
			fail_msg("message \"%s\" lacks \"%s\"", werr_.msg, want); \
	} while (0)

/* Loads the record whose key fields are given as pairs: 1 found, 0 not. */
static int
load(vb_db *db, const vb_entity *e, vb_rec *out, ...)
{
	vb_rec key;
	vb_err err;
	va_list ap;
	va_start(ap, out);
	vbuild(&key, e, ap);
	va_end(ap);
	err_clear(&err);
	int rc = ent_load(db, e, &key, out, &err);
	rec_free(&key);
	if (rc < 0)
		fail_msg("ent_load(%s): %s", e->name, err.msg);
	return rc;
}

static const vb_val *
val(const vb_rec *r, const char *field)
{
	int i = ent_field(r->ent, field);
	if (i < 0)
		fail_msg("%s has no field %s", r->ent->name, field);
	return &r->v[i];
}

static void
expect_text(const vb_rec *r, const char *field, const char *want)
{
	const vb_val *v = val(r, field);
	if (!want) {
		if (!v->null)
			fail_msg("%s.%s is \"%s\", expected null", r->ent->name, field, v->s ? v->s : "?");
		return;
	}
	if (v->null || !v->s)
		fail_msg("%s.%s is null, expected \"%s\"", r->ent->name, field, want);
	assert_string_equal(v->s, want);
}

static void
expect_int(const vb_rec *r, const char *field, int64_t want)
{
	const vb_val *v = val(r, field);
	if (v->null)
		fail_msg("%s.%s is null, expected %lld", r->ent->name, field, (long long)want);
	if (v->i != want)
		fail_msg("%s.%s is %lld, expected %lld", r->ent->name, field, (long long)v->i,
			 (long long)want);
}

/* The entries of the log: one per changed record, batches counted by
 * their records (src/auditlog.h). */
static int64_t
audit_count(vb_db *db)
{
	return q_int(db, "SELECT count(*) FROM vb_audit_entry");
}

/* Everything a change could touch: the export, the tables that the
 * export reads through, and the audit log. */
static char *
snapshot(vb_db *db)
{
	static const char *const tables[] = {"member", "figure", "cost_key", "key_share", "key_part",
					     "key_exclude", "service", "cost", "subscription",
					     "grant_fund", "transfer", "agreement", "agreement_version",
					     "agreement_party", "signature", "advance", "audit", NULL};
	sbuf b;
	vb_err err;
	sb_init(&b);
	if (export_json(db, &b, NULL, &err) != 0)
		fail_msg("export_json: %s", err.msg);
	for (int i = 0; tables[i]; i++) {
		char sql[128];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[i]);
		assert_int_equal(sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL), SQLITE_OK);
		sb_printf(&b, "-- %s\n", tables[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *t = sqlite3_column_text(st, c);
				sb_printf(&b, "%s%s", c ? "|" : "", t ? (const char *)t : "<null>");
			}
			sb_addc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	return sb_take(&b);
}

/* Two long texts must be the same; a mismatch shows where. */
static void
same_text(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0;
	while (i < alen && i < blen && a[i] == b[i])
		i++;
	if (i == alen && i == blen)
		return;
	size_t from = i > 60 ? i - 60 : 0;
	fail_msg("%s differ at byte %zu (lengths %zu, %zu):\n--- first: …%.*s\n--- second: …%.*s",
		 what, i, alen, blen, (int)(alen - from < 160 ? alen - from : 160), a + from,
		 (int)(blen - from < 160 ? blen - from : 160), b + from);
}

static void
same_snapshot(const char *before, vb_db *db)
{
	char *after = snapshot(db);
	same_text("snapshots", before, strlen(before), after, strlen(after));
	free(after);
}

/* Two members a (the host) and b, ready for keys and figures. */
static void
two_members(vb_db *db)
{
	WRITE_OK(db, &ent_member, W_ADD, "code", "a", "name", "Alpha", "joined", "2020-01-01");
	WRITE_OK(db, &ent_member, W_ADD, "code", "b", "name", "Beta", "joined", "2020-01-01");
}

/* ============================================================== files */

static void
test_open_create(void **state)
{
	fx *f = *state;
	vb_err err;
	struct stat st;
	char wal[700];

	umask(022);
	err_clear(&err);
	assert_int_equal(db_open(&f->db, f->path, DB_OPEN_CREATE, 1000, &err), 0);
	assert_non_null(f->db);
	assert_string_equal(db_path(f->db), f->path);
	/* filled under a temporary name: nothing under the final one yet */
	assert_int_equal(stat(f->path, &st), -1);
	fed_row(f->db, "Test", NULL);
	assert_int_equal(db_publish(f->db, &err), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(q_int(f->db, "PRAGMA user_version"), VB_SCHEMA_VERSION);
	assert_int_equal(q_int(f->db, "PRAGMA foreign_keys"), 1);
	char *mode = q_text(f->db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
				      "('federation', 'member', 'figure', 'cost_key', 'service', 'cost', 'audit')"), 7);
	assert_int_equal(audit_count(f->db), 0);
	/* a write: the WAL file holds the same personal data, so the same mode */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "Alpha");
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	if (stat(wal, &st) == 0)
		assert_int_equal(st.st_mode & 07777, 0600);
	char *name = db_federation_name(f->db);
	assert_string_equal(name, "Test");
	free(name);
	db_close(f->db);
	f->db = NULL;

	/* create again: refused (status 1), the file is left alone */
	vb_db *db2 = (vb_db *)1;
	err_clear(&err);
	assert_int_equal(db_open(&db2, f->path, DB_OPEN_CREATE, 1000, &err), -1);
	assert_null(db2);
	assert_int_equal(err.status, VB_EFAIL);
	assert_non_null(strstr(err.msg, "already exists"));
	assert_non_null(strstr(err.msg, f->path));

	/* open the existing file */
	err_clear(&err);
	assert_int_equal(db_open(&f->db, f->path, DB_OPEN_EXISTING, 1000, &err), 0);
	assert_int_equal(q_int(f->db, "PRAGMA user_version"), VB_SCHEMA_VERSION);
	assert_int_equal(q_int(f->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM member"), 1);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
}

static void
test_open_missing(void **state)
{
	fx *f = *state;
	vb_err err;
	vb_db *db = (vb_db *)1;
	char p[700];

	file_in(f, "missing.db", p, sizeof p);
	err_clear(&err);
	assert_int_equal(db_open(&db, p, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_null(db);
	assert_int_equal(err.status, VB_EDB);
	assert_non_null(strstr(err.msg, p));
	assert_non_null(strstr(err.msg, "init"));	/* says how to create one */
	assert_false(exists(p));	/* and creates nothing */

	/* a directory that does not exist */
	file_in(f, "no/such/dir.db", p, sizeof p);
	err_clear(&err);
	assert_int_equal(db_open(&db, p, DB_OPEN_CREATE, 1000, &err), -1);
	assert_int_equal(err.status, VB_EDB);

	/* a directory is not a federation file */
	err_clear(&err);
	assert_int_equal(db_open(&db, f->dir, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_int_equal(err.status, VB_EDB);

	/* an empty file is not a federation file, and stays empty */
	file_in(f, "empty.db", p, sizeof p);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fclose(fp);
	err_clear(&err);
	assert_int_equal(db_open(&db, p, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_int_equal(err.status, VB_EDB);
	struct stat st;
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 0);

	/* nor is a text file, which is left unchanged */
	static const char text[] = "code,name\na,Alpha\n";
	file_in(f, "text.db", p, sizeof p);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	err_clear(&err);
	assert_int_equal(db_open(&db, p, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_int_equal(err.status, VB_EDB);
	size_t len;
	char *s = slurp(p, &len);
	same_text("text file", text, sizeof text - 1, s, len);
	free(s);

	/* an SQLite file of another program */
	sqlite3 *h;
	file_in(f, "other.db", p, sizeof p);
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	err_clear(&err);
	assert_int_equal(db_open(&db, p, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_int_equal(err.status, VB_EDB);
	assert_non_null(strstr(err.msg, "not a verbund federation file"));
}

static void
test_open_newer(void **state)
{
	fx *f = *state;
	vb_err err;
	sqlite3 *h;
	vb_db *db = (vb_db *)1;

	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "Alpha");
	db_close(f->db);
	f->db = NULL;
	/* a later version of the program wrote the file */
	assert_int_equal(sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", VB_SCHEMA_VERSION + 1);
	assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);

	size_t len1, len2;
	char *before = slurp(f->path, &len1);
	err_clear(&err);
	assert_int_equal(db_open(&db, f->path, DB_OPEN_EXISTING, 1000, &err), -1);
	assert_null(db);
	assert_int_equal(err.status, VB_EDB);
	assert_non_null(strstr(err.msg, "newer version"));
	assert_non_null(strstr(err.msg, f->path));
	char *after = slurp(f->path, &len2);
	same_text("the refused file", before, len1, after, len2);
	free(before);
	free(after);

	/* still the newer version with its data */
	assert_int_equal(sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), VB_SCHEMA_VERSION + 1);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM member", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* ============================================================ records */

static void
test_member_roundtrip(void **state)
{
	fx *f = *state;
	vb_rec r, got;
	vb_err err;
	f->db = create_fed(f->path, "Test", NULL);

	build(&r, &ent_member,
	      "code", "wittingen",
	      "name", "Stadt Wittingen – Süd \"Ost\" \\ ✓",
	      "kind", "stadt",
	      "status", "pilot",
	      "joined", "1.1.2017",
	      "left", "31.12.2030",
	      "contact", "Frau Müller",
	      "email", "it@wittingen.de",
	      "phone", "+49 5831 123",
	      "notes", "Zeile 1\nZeile 2\tmit Tab",
	      (const char *)NULL);
	err_clear(&err);
	if (ent_write(f->db, &r, &(vb_write){.mode = W_ADD}, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	rec_free(&r);

	assert_int_equal(load(f->db, &ent_member, &got, "code", "wittingen", (const char *)NULL), 1);
	expect_text(&got, "code", "wittingen");
	expect_text(&got, "name", "Stadt Wittingen – Süd \"Ost\" \\ ✓");
	expect_text(&got, "kind", "stadt");
	expect_text(&got, "status", "pilot");
	expect_text(&got, "joined", "2017-01-01");
	expect_text(&got, "left", "2030-12-31");
	expect_int(&got, "host", 1);	/* the first member */
	expect_text(&got, "contact", "Frau Müller");
	expect_text(&got, "email", "it@wittingen.de");
	expect_text(&got, "phone", "+49 5831 123");
	expect_text(&got, "notes", "Zeile 1\nZeile 2\tmit Tab");
	rec_free(&got);

	/* the defaults of a new member */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "b", "name", "B");
	assert_int_equal(load(f->db, &ent_member, &got, "code", "b", (const char *)NULL), 1);
	expect_text(&got, "name", "B");
	expect_text(&got, "kind", "gemeinde");
	expect_text(&got, "status", "member");
	expect_text(&got, "joined", NULL);
	expect_text(&got, "left", NULL);
	expect_int(&got, "host", 0);
	expect_text(&got, "contact", NULL);
	expect_text(&got, "email", NULL);
	expect_text(&got, "phone", NULL);
	expect_text(&got, "notes", NULL);
	rec_free(&got);

	/* not found */
	assert_int_equal(load(f->db, &ent_member, &got, "code", "ghost", (const char *)NULL), 0);
	rec_free(&got);

	/* all, in code order, and filtered */
	vb_rec *recs, filter;
	size_t n;
	assert_int_equal(ent_fetch(f->db, &ent_member, NULL, &recs, &n, &err), 0);
	assert_int_equal(n, 2);
	expect_text(&recs[0], "code", "b");
	expect_text(&recs[1], "code", "wittingen");
	expect_text(&recs[1], "notes", "Zeile 1\nZeile 2\tmit Tab");
	recs_free(recs, n);
	build(&filter, &ent_member, "kind", "stadt", (const char *)NULL);
	assert_int_equal(ent_fetch(f->db, &ent_member, &filter, &recs, &n, &err), 0);
	rec_free(&filter);
	assert_int_equal(n, 1);
	expect_text(&recs[0], "code", "wittingen");
	recs_free(recs, n);

	/* a partial change keeps the other fields */
	WRITE_OK(f->db, &ent_member, W_SET, "code", "wittingen", "status", "member", "left", "");
	assert_int_equal(load(f->db, &ent_member, &got, "code", "wittingen", (const char *)NULL), 1);
	expect_text(&got, "status", "member");
	expect_text(&got, "left", NULL);	/* an empty value clears */
	expect_text(&got, "joined", "2017-01-01");
	expect_text(&got, "kind", "stadt");
	expect_text(&got, "contact", "Frau Müller");
	expect_text(&got, "notes", "Zeile 1\nZeile 2\tmit Tab");
	expect_int(&got, "host", 1);
	rec_free(&got);
}

static void
test_other_roundtrips(void **state)
{
	fx *f = *state;
	vb_rec r, got;
	vb_err err;
	f->db = create_fed(f->path, "Test", NULL);
	two_members(f->db);

	/* figure: a decimal with a comma */
	WRITE_OK(f->db, &ent_figure, W_UPSERT, "member", "a", "metric", "users", "year", "2024", "value", "12,5");
	assert_int_equal(load(f->db, &ent_figure, &got, "member", "a", "metric", "users", "year", "2024",
			      (const char *)NULL), 1);
	expect_int(&got, "value", 125000);
	rec_free(&got);

	/* a fixed key with an exclusion; parts come back in member order */
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "fix", "name", "Fest", "method", "fixed",
		 "parts", "b=66.6667,a=33.3333", "exclude", "a");
	assert_int_equal(load(f->db, &ent_key, &got, "code", "fix", (const char *)NULL), 1);
	expect_text(&got, "method", "fixed");
	expect_text(&got, "parts", "a=33.3333,b=66.6667");
	expect_text(&got, "exclude", "a");
	expect_text(&got, "metric", NULL);
	expect_int(&got, "offset", 0);
	rec_free(&got);
	assert_int_equal(q_int(f->db, "SELECT percent FROM key_share WHERE key = 'fix' AND member = 'b'"), 666667);

	/* a metric key with an offset */
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "users", "name", "Nutzer", "method", "metric",
		 "metric", "users", "offset", "-1");
	assert_int_equal(load(f->db, &ent_key, &got, "code", "users", (const char *)NULL), 1);
	expect_text(&got, "metric", "users");
	expect_int(&got, "offset", -1);
	expect_text(&got, "parts", NULL);
	expect_text(&got, "exclude", NULL);
	rec_free(&got);

	/* a composite key keeps the order of its parts */
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "mix", "name", "Mix", "method", "composite",
		 "parts", "users=70,fix=30");
	assert_int_equal(load(f->db, &ent_key, &got, "code", "mix", (const char *)NULL), 1);
	expect_text(&got, "parts", "users=70,fix=30");
	rec_free(&got);

	/* service and cost: amounts in cents */
	WRITE_OK(f->db, &ent_service, W_ADD, "code", "helpdesk", "name", "Helpdesk", "key", "mix",
		 "standalone", "12000,5 EUR", "subscription", "yes", "description", "a\nb");
	assert_int_equal(load(f->db, &ent_service, &got, "code", "helpdesk", (const char *)NULL), 1);
	expect_int(&got, "standalone", 1200050);
	expect_int(&got, "subscription", 1);
	expect_text(&got, "description", "a\nb");
	expect_text(&got, "unit", NULL);
	rec_free(&got);
	WRITE_OK(f->db, &ent_cost, W_UPSERT, "service", "helpdesk", "year", "2024", "amount", "€ 10000");
	assert_int_equal(load(f->db, &ent_cost, &got, "service", "helpdesk", "year", "2024", "basis", "actual",
			      (const char *)NULL), 1);	/* basis defaults to actual */
	expect_int(&got, "amount", 1000000);
	rec_free(&got);

	/* transfer: numbered by the program */
	build(&r, &ent_transfer, "person", "Hans Meier", "from", "b", "to", "a", "date", "1.3.2020",
	      "credit", "5000", "years", "5", "fte", "0,5", "grade", "EG 9b TVöD", (const char *)NULL);
	err_clear(&err);
	if (ent_write(f->db, &r, &(vb_write){.mode = W_ADD}, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	expect_int(&r, "id", 1);
	rec_free(&r);
	build(&r, &ent_transfer, (const char *)NULL);
	val_set_int(&r.v[ent_field(&ent_transfer, "id")], 1);
	assert_int_equal(ent_load(f->db, &ent_transfer, &r, &got, &err), 1);
	rec_free(&r);
	expect_text(&got, "person", "Hans Meier");
	expect_text(&got, "date", "2020-03-01");
	expect_int(&got, "credit", 500000);
	expect_int(&got, "years", 5);
	expect_int(&got, "fte", 5000);
	expect_text(&got, "grade", "EG 9b TVöD");
	expect_text(&got, "notes", NULL);
	rec_free(&got);

	/* agreement, version with parties, signature */
	WRITE_OK(f->db, &ent_agreement, W_ADD, "code", "oerv", "title", "ÖRV", "type", "oerv");
	WRITE_OK(f->db, &ent_version, W_ADD, "agreement", "oerv", "number", "1", "from", "2017-01-01",
		 "term_years", "", "parties", "b,a");
	WRITE_OK(f->db, &ent_signature, W_ADD, "agreement", "oerv", "number", "1", "member", "a",
		 "signatory", "Dr. Landrat", "date", "2016-12-20");
	assert_int_equal(load(f->db, &ent_version, &got, "agreement", "oerv", "number", "1",
			      (const char *)NULL), 1);
	expect_text(&got, "parties", "b,a");
	rec_free(&got);
}

static void
test_add_duplicate(void **state)
{
	fx *f = *state;
	vb_rec got;
	f->db = create_fed(f->path, "Test", NULL);
	two_members(f->db);
	WRITE_OK(f->db, &ent_figure, W_ADD, "member", "a", "metric", "users", "year", "2024", "value", "10");
	WRITE_OK(f->db, &ent_transfer, W_ADD, "person", "P", "from", "b", "to", "a", "date", "2020-03-01",
		 "credit", "100", "years", "2");
	char *snap = snapshot(f->db);

	WRITE_FAILS(f->db, &ent_member, W_ADD, "member 'a' already exists", "code", "a", "name", "Other");
	WRITE_FAILS(f->db, &ent_figure, W_ADD, "figure 'a/users/2024' already exists", "member", "a",
		    "metric", "users", "year", "2024", "value", "99");
	WRITE_FAILS(f->db, &ent_transfer, W_ADD, "already exists", "person", "P", "from", "b", "to", "a",
		    "date", "1.3.2020", "credit", "999", "years", "9");
	same_snapshot(snap, f->db);
	assert_int_equal(load(f->db, &ent_member, &got, "code", "a", (const char *)NULL), 1);
	expect_text(&got, "name", "Alpha");
	rec_free(&got);
	free(snap);
	/* the connection is usable afterwards */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "c", "name", "Gamma");
}

static void
test_set_missing(void **state)
{
	fx *f = *state;
	vb_rec got;
	f->db = create_fed(f->path, "Test", NULL);
	two_members(f->db);
	char *snap = snapshot(f->db);
	WRITE_FAILS(f->db, &ent_member, W_SET, "there is no member 'ghost'", "code", "ghost", "name", "Ghost");
	WRITE_FAILS(f->db, &ent_figure, W_SET, "there is no figure 'a/users/2024'", "member", "a",
		    "metric", "users", "year", "2024", "value", "1");
	WRITE_FAILS(f->db, &ent_member, W_SET, "code is required", "name", "Nobody");
	same_snapshot(snap, f->db);
	free(snap);
	assert_int_equal(load(f->db, &ent_member, &got, "code", "ghost", (const char *)NULL), 0);
	rec_free(&got);
	/* upsert adds, then changes */
	WRITE_OK(f->db, &ent_member, W_UPSERT, "code", "c", "name", "Gamma");
	WRITE_OK(f->db, &ent_member, W_UPSERT, "code", "c", "kind", "stadt");
	assert_int_equal(load(f->db, &ent_member, &got, "code", "c", (const char *)NULL), 1);
	expect_text(&got, "name", "Gamma");
	expect_text(&got, "kind", "stadt");
	rec_free(&got);
}

static void
test_rejected_leaves_no_trace(void **state)
{
	fx *f = *state;
	vb_rec got;
	f->db = create_fed(f->path, "Test", NULL);
	two_members(f->db);
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "eq", "name", "Gleich", "method", "equal");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "c1", "name", "C1", "method", "composite", "parts", "eq=100");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "c2", "name", "C2", "method", "composite", "parts", "c1=100");
	WRITE_OK(f->db, &ent_service, W_ADD, "code", "net", "name", "Netz", "key", "eq");
	WRITE_OK(f->db, &ent_subscription, W_ADD, "member", "a", "service", "net", "from", "2024-01-01",
		 "until", "2024-06-30");
	int64_t audits = audit_count(f->db);
	char *snap = snapshot(f->db);

	/* joined after left */
	WRITE_FAILS(f->db, &ent_member, W_ADD, "left (2024-04-30) is before joined (2024-05-01)",
		    "code", "c", "name", "Gamma", "joined", "2024-05-01", "left", "30.4.2024");
	WRITE_FAILS(f->db, &ent_member, W_SET, "is before joined", "code", "b", "left", "2019-12-31");
	/* a fixed key must add up to exactly 100 */
	WRITE_FAILS(f->db, &ent_key, W_ADD, "the percentages add up to 99.9999, not exactly 100",
		    "code", "fx", "name", "Fest", "method", "fixed", "parts", "a=50,b=49.9999");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "the percentages add up to 100.0001, not exactly 100",
		    "code", "fx", "name", "Fest", "method", "fixed", "parts", "a=50,b=50.0001");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "a fixed key needs parts", "code", "fx", "name", "Fest",
		    "method", "fixed");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "there is no member 'zz'", "code", "fx", "name", "Fest",
		    "method", "fixed", "parts", "a=50,zz=50");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "exclude: there is no member 'zz'", "code", "fx", "name", "Fest",
		    "method", "equal", "exclude", "zz");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "a metric key needs a metric", "code", "fx", "name", "M",
		    "method", "metric");
	/* composite: weights, itself, cycles */
	WRITE_FAILS(f->db, &ent_key, W_ADD, "the weights add up to 50, not exactly 100", "code", "c3",
		    "name", "C3", "method", "composite", "parts", "eq=50");
	WRITE_FAILS(f->db, &ent_key, W_ADD, "key 'c3' cannot be a part of itself", "code", "c3",
		    "name", "C3", "method", "composite", "parts", "c3=100");
	WRITE_FAILS(f->db, &ent_key, W_SET, "would make a cycle", "code", "c1", "parts", "c2=100");
	WRITE_FAILS(f->db, &ent_key, W_SET, "would make a cycle", "code", "c1", "parts", "eq=50,c2=50");
	WRITE_FAILS(f->db, &ent_key, W_SET, "would make a cycle", "code", "eq", "method", "composite",
		    "parts", "c2=100");
	/* references that do not exist */
	WRITE_FAILS(f->db, &ent_figure, W_UPSERT, "there is no member 'ghost'", "member", "ghost",
		    "metric", "users", "year", "2024", "value", "1");
	WRITE_FAILS(f->db, &ent_service, W_ADD, "there is no key 'nokey'", "code", "s2", "name", "S2",
		    "key", "nokey");
	/* overlapping subscriptions, transfers to oneself, grants ending before they start */
	WRITE_FAILS(f->db, &ent_subscription, W_ADD, "periods must not overlap", "member", "a",
		    "service", "net", "from", "2024-06-30");
	WRITE_FAILS(f->db, &ent_transfer, W_ADD, "from and to are the same member", "person", "P",
		    "from", "a", "to", "a", "date", "2020-01-01", "credit", "1", "years", "1");
	WRITE_FAILS(f->db, &ent_grant, W_ADD, "is before from", "code", "g", "name", "G", "amount", "1",
		    "from", "2024-01-01", "until", "2023-12-31");
	/* a required field */
	WRITE_FAILS(f->db, &ent_member, W_ADD, "name is required", "code", "c");

	same_snapshot(snap, f->db);
	free(snap);
	assert_int_equal(audit_count(f->db), audits);
	assert_int_equal(load(f->db, &ent_key, &got, "code", "c1", (const char *)NULL), 1);
	expect_text(&got, "parts", "eq=100");
	rec_free(&got);

	/* the connection is clean: the next change goes through, audited once */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "c", "name", "Gamma");
	assert_int_equal(audit_count(f->db), audits + 1);
}

/* The one-line JSON of the audit log, written without the JSON writer
 * for records without lists: the same bytes as the writer's. */
static void
json_same(const vb_rec *r, const char *want)
{
	sbuf b;
	jw w;
	sb_init(&b);
	jw_init(&w, &b);
	w.compact[0] = 1;
	rec_json(r, &w);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	char *got = rec_json_string(r);
	assert_string_equal(got, b.s);
	assert_string_equal(got, want);
	free(got);
	sb_free(&b);
}

static void
test_record_json(void **state)
{
	(void)state;
	vb_rec r;
	build(&r, &ent_figure, "member", "m-1", "metric", "users", "year", "2024", "value", "12.0505", NULL);
	json_same(&r, "{\"member\": \"m-1\", \"metric\": \"users\", \"year\": 2024, \"value\": 12.0505}");
	char *id = rec_ident(&r);
	assert_string_equal(id, "m-1/users/2024");
	free(id);
	rec_free(&r);
	build(&r, &ent_cost, "service", "sw", "year", "2026", "basis", "plan", "amount", "1234.5", NULL);
	json_same(&r, "{\"service\": \"sw\", \"year\": 2026, \"basis\": \"plan\", \"amount_cents\": 123450}");
	rec_free(&r);
	build(&r, &ent_service, "code", "sw", "name", "Soft \"ware\" \u00e4", "key", "eq",
	      "subscription", "true", NULL);
	json_same(&r, "{\"code\": \"sw\", \"name\": \"Soft \\\"ware\\\" \u00e4\", \"key\": \"eq\", "
		      "\"unit\": null, \"hours\": null, \"subscription\": true, \"standalone_cents\": null, "
		      "\"description\": null}");
	rec_free(&r);
	build(&r, &ent_member, "code", "a", "name", "Alpha", "notes", "x\ny\t\u202e", NULL);
	json_same(&r, "{\"code\": \"a\", \"name\": \"Alpha\", \"kind\": null, \"status\": null, "
		      "\"joined\": null, \"left\": null, \"host\": null, \"contact\": null, \"email\": null, "
		      "\"phone\": null, \"notes\": \"x\\ny\\t\\u202e\"}");
	rec_free(&r);
}

static void
test_audit(void **state)
{
	fx *f = *state;
	vb_rec r;
	vb_err err;
	f->db = create_fed(f->path, "Test", NULL);
	assert_int_equal(audit_count(f->db), 0);

	static const char add_after[] =
		"{\"code\": \"a\", \"name\": \"Alpha\", \"kind\": \"gemeinde\", \"status\": \"member\", "
		"\"joined\": \"2024-01-01\", \"left\": null, \"host\": true, \"contact\": null, "
		"\"email\": null, \"phone\": null, \"notes\": \"x\\ny\"}";
	static const char set_after[] =
		"{\"code\": \"a\", \"name\": \"Alpha \\\"A\\\"\", \"kind\": \"gemeinde\", \"status\": \"member\", "
		"\"joined\": \"2024-01-01\", \"left\": null, \"host\": true, \"contact\": null, "
		"\"email\": null, \"phone\": null, \"notes\": \"x\\ny\"}";

	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "Alpha", "joined", "2024-01-01",
		 "notes", "x\ny");
	assert_int_equal(audit_count(f->db), 1);
	char *s = q_text(f->db, "SELECT time FROM audit WHERE id = 1");
	assert_string_equal(s, NOW);
	free(s);
	s = q_text(f->db, "SELECT user FROM audit WHERE id = 1");
	assert_string_equal(s, db_user());
	free(s);
	s = q_text(f->db, "SELECT action || '/' || entity || '/' || code FROM audit WHERE id = 1");
	assert_string_equal(s, "add/member/a");
	free(s);
	assert_null(q_text(f->db, "SELECT before FROM audit WHERE id = 1"));
	s = q_text(f->db, "SELECT after FROM audit WHERE id = 1");
	assert_string_equal(s, add_after);
	jval *v = json_parse("after", s, strlen(s), &err);
	assert_non_null(v);
	assert_string_equal(json_get(v, "name")->s, "Alpha");
	json_free(v);
	free(s);

	WRITE_OK(f->db, &ent_member, W_SET, "code", "a", "name", "Alpha \"A\"");
	assert_int_equal(audit_count(f->db), 2);
	s = q_text(f->db, "SELECT action || '/' || entity || '/' || code FROM audit WHERE id = 2");
	assert_string_equal(s, "set/member/a");
	free(s);
	s = q_text(f->db, "SELECT before FROM audit WHERE id = 2");
	assert_string_equal(s, add_after);
	free(s);
	s = q_text(f->db, "SELECT after FROM audit WHERE id = 2");
	assert_string_equal(s, set_after);
	free(s);

	/* a key: its parts are part of the record */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "b", "name", "Beta");
	assert_int_equal(audit_count(f->db), 3);
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "fix", "name", "Fest", "method", "fixed",
		 "parts", "a=60,b=40", "exclude", "b");
	assert_int_equal(audit_count(f->db), 4);
	s = q_text(f->db, "SELECT after FROM audit WHERE id = 4");
	assert_string_equal(s, "{\"code\": \"fix\", \"name\": \"Fest\", \"method\": \"fixed\", \"metric\": null, "
			       "\"offset\": 0, \"parts\": [{\"member\": \"a\", \"percent\": 60}, "
			       "{\"member\": \"b\", \"percent\": 40}], \"exclude\": [\"b\"]}");
	free(s);

	/* a change without a difference is still one entry; a quiet one none */
	build(&r, &ent_member, "code", "b", "name", "Beta", (const char *)NULL);
	err_clear(&err);
	assert_int_equal(ent_write(f->db, &r, &(vb_write){.mode = W_SET, .flags = VB_W_NOLOG}, NULL, &err), 0);
	rec_free(&r);
	assert_int_equal(audit_count(f->db), 4);

	/* amounts in cents, the transfer by its number */
	WRITE_OK(f->db, &ent_transfer, W_ADD, "person", "P", "from", "b", "to", "a", "date", "2020-03-01",
		 "credit", "1234,56", "years", "2");
	assert_int_equal(audit_count(f->db), 5);
	s = q_text(f->db, "SELECT code || ' ' || after FROM audit WHERE id = 5");
	assert_string_equal(s, "1 {\"id\": 1, \"person\": \"P\", \"from\": \"b\", \"to\": \"a\", "
			       "\"date\": \"2020-03-01\", \"credit_cents\": 123456, \"years\": 2, "
			       "\"fte\": null, \"grade\": null, \"notes\": null}");
	free(s);

	/* removal: before, no after */
	build(&r, &ent_transfer, (const char *)NULL);
	val_set_int(&r.v[ent_field(&ent_transfer, "id")], 1);
	err_clear(&err);
	if (ent_remove(f->db, &r, 0, NULL, &err) != 0)
		fail_msg("%s", err.msg);
	rec_free(&r);
	assert_int_equal(audit_count(f->db), 6);
	s = q_text(f->db, "SELECT action || '/' || entity || '/' || code FROM audit WHERE id = 6");
	assert_string_equal(s, "remove/transfer/1");
	free(s);
	assert_null(q_text(f->db, "SELECT after FROM audit WHERE id = 6"));
	s = q_text(f->db, "SELECT before FROM audit WHERE id = 6");
	assert_non_null(strstr(s, "\"credit_cents\": 123456"));
	free(s);

	/* the log is append-only */
	assert_int_not_equal(sqlite3_exec(db_handle(f->db), "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db_handle(f->db), "UPDATE audit SET user = 'x'", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(audit_count(f->db), 6);
}

static void
remove_ok(vb_db *db, const vb_entity *e, ...)
{
	vb_rec key;
	vb_err err;
	va_list ap;
	va_start(ap, e);
	vbuild(&key, e, ap);
	va_end(ap);
	err_clear(&err);
	if (ent_remove(db, &key, 0, NULL, &err) != 0)
		fail_msg("removing a %s: %s", e->name, err.msg);
	rec_free(&key);
}

/* Removal must fail with a message containing want. */
static void
remove_fails(vb_db *db, const char *want, const vb_entity *e, ...)
{
	vb_rec key;
	vb_err err;
	va_list ap;
	va_start(ap, e);
	vbuild(&key, e, ap);
	va_end(ap);
	err_clear(&err);
	if (ent_remove(db, &key, 0, NULL, &err) != -1)
		fail_msg("removing a %s was accepted", e->name);
	rec_free(&key);
	assert_int_equal(err.status, VB_EFAIL);
	if (!strstr(err.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

static void
test_remove_referenced(void **state)
{
	fx *f = *state;
	vb_rec got;
	f->db = create_fed(f->path, "Test", NULL);
	two_members(f->db);
	WRITE_OK(f->db, &ent_figure, W_ADD, "member", "b", "metric", "users", "year", "2024", "value", "5");
	WRITE_OK(f->db, &ent_figure, W_ADD, "member", "b", "metric", "users", "year", "2025", "value", "6");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "eq", "name", "Gleich", "method", "equal");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "mix", "name", "Mix", "method", "composite", "parts", "eq=100");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "k2", "name", "K2", "method", "equal");
	WRITE_OK(f->db, &ent_service, W_ADD, "code", "net", "name", "Netz", "key", "k2");
	int64_t audits = audit_count(f->db);
	char *snap = snapshot(f->db);

	remove_fails(f->db, "member 'b' is still referred to (figures: 2)", &ent_member, "code", "b",
		     (const char *)NULL);
	remove_fails(f->db, "left date", &ent_member, "code", "b", (const char *)NULL);
	remove_fails(f->db, "key 'eq' is still referred to (composite keys: 1)", &ent_key, "code", "eq",
		     (const char *)NULL);
	remove_fails(f->db, "key 'k2' is still referred to (services: 1)", &ent_key, "code", "k2",
		     (const char *)NULL);
	remove_fails(f->db, "member 'a' is the host", &ent_member, "code", "a", (const char *)NULL);
	remove_fails(f->db, "there is no member 'ghost'", &ent_member, "code", "ghost", (const char *)NULL);
	same_snapshot(snap, f->db);
	free(snap);
	assert_int_equal(audit_count(f->db), audits);

	/* without the references the removal goes through, audited */
	remove_ok(f->db, &ent_figure, "member", "b", "metric", "users", "year", "2024", (const char *)NULL);
	remove_ok(f->db, &ent_figure, "member", "b", "metric", "users", "year", "2025", (const char *)NULL);
	remove_ok(f->db, &ent_member, "code", "b", (const char *)NULL);
	assert_int_equal(load(f->db, &ent_member, &got, "code", "b", (const char *)NULL), 0);
	rec_free(&got);
	assert_int_equal(audit_count(f->db), audits + 3);
	char *s = q_text(f->db, "SELECT action || '/' || entity || '/' || code FROM audit ORDER BY id DESC LIMIT 1");
	assert_string_equal(s, "remove/member/b");
	free(s);
	/* a key's parts go with it */
	remove_ok(f->db, &ent_key, "code", "mix", (const char *)NULL);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM key_part"), 0);
	remove_ok(f->db, &ent_key, "code", "eq", (const char *)NULL);
	/* the host may go when it is the last member */
	remove_ok(f->db, &ent_member, "code", "a", (const char *)NULL);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM member"), 0);
}

static int64_t
host_of(vb_db *db, const char *code)
{
	vb_rec got;
	assert_int_equal(load(db, &ent_member, &got, "code", code, (const char *)NULL), 1);
	int64_t h = val(&got, "host")->i;
	rec_free(&got);
	return h;
}

static int64_t
hosts(vb_db *db)
{
	return q_int(db, "SELECT count(*) FROM member WHERE host = 1");
}

static void
test_host_rules(void **state)
{
	fx *f = *state;
	f->db = create_fed(f->path, "Test", NULL);
	assert_int_equal(hosts(f->db), 0);
	/* the first member becomes the host, even when told otherwise */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "A", "host", "false");
	assert_int_equal(host_of(f->db, "a"), 1);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "b", "name", "B");
	assert_int_equal(host_of(f->db, "a"), 1);
	assert_int_equal(host_of(f->db, "b"), 0);
	assert_int_equal(hosts(f->db), 1);
	/* --host on a new member moves the role */
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "c", "name", "C", "host", "true");
	assert_int_equal(host_of(f->db, "a"), 0);
	assert_int_equal(host_of(f->db, "c"), 1);
	assert_int_equal(hosts(f->db), 1);
	/* --host on an existing member moves it too */
	WRITE_OK(f->db, &ent_member, W_SET, "code", "b", "host", "true");
	assert_int_equal(host_of(f->db, "b"), 1);
	assert_int_equal(host_of(f->db, "c"), 0);
	assert_int_equal(hosts(f->db), 1);
	/* setting it again changes nothing */
	WRITE_OK(f->db, &ent_member, W_SET, "code", "b", "host", "true");
	assert_int_equal(host_of(f->db, "b"), 1);
	assert_int_equal(hosts(f->db), 1);
	/* the host cannot just drop the role */
	char *snap = snapshot(f->db);
	WRITE_FAILS(f->db, &ent_member, W_SET, "there must always be one", "code", "b", "host", "false");
	same_snapshot(snap, f->db);
	free(snap);
	/* other changes of the host keep the role */
	WRITE_OK(f->db, &ent_member, W_SET, "code", "b", "name", "B2");
	assert_int_equal(host_of(f->db, "b"), 1);
	/* a rejected change with --host does not move it */
	WRITE_FAILS(f->db, &ent_member, W_SET, "is before joined", "code", "a", "host", "true",
		    "joined", "2024-01-01", "left", "2023-01-01");
	assert_int_equal(host_of(f->db, "b"), 1);
	assert_int_equal(host_of(f->db, "a"), 0);
	assert_int_equal(hosts(f->db), 1);
}

/* ======================================================= import/export */

static char *
export_all(vb_db *db, size_t *len)
{
	sbuf b;
	vb_err err;
	sb_init(&b);
	err_clear(&err);
	if (export_json(db, &b, NULL, &err) != 0)
		fail_msg("export_json: %s", err.msg);
	/* valid JSON */
	jval *v = json_parse("export", b.s, b.len, &err);
	if (!v)
		fail_msg("the export is not valid JSON: %s", err.msg);
	json_free(v);
	*len = b.len;
	return sb_take(&b);
}

/* Exports db, imports that into a fresh file with the same federation
 * row, and exports again: the two must be byte-identical. */
static void
roundtrip(const fx *f, vb_db *db, const char *tag, const char *fname, const char *fnotes)
{
	char p[700];
	size_t len1, len2, n = 0;
	vb_err err;
	char *one = export_all(db, &len1);
	snprintf(p, sizeof p, "%s/copy-%s.db", f->dir, tag);
	vb_db *copy = create_fed(p, fname, fnotes);
	err_clear(&err);
	if (import_data(copy, NULL, "export.json", one, len1, &n, &err) != 0)
		fail_msg("%s: importing the export: %s", tag, err.msg);
	assert_true(n > 0);
	char *two = export_all(copy, &len2);
	same_text(tag, one, len1, two, len2);
	free(two);
	/* importing the same again changes no record */
	err_clear(&err);
	if (import_data(copy, NULL, "export.json", one, len1, &n, &err) != 0)
		fail_msg("%s: importing the export again: %s", tag, err.msg);
	two = export_all(copy, &len2);
	same_text(tag, one, len1, two, len2);
	free(two);
	free(one);
	db_close(copy);
}

static void
test_roundtrip_demos(void **state)
{
	fx *f = *state;
	vb_err err;
	for (int i = 0; demo_names[i]; i++) {
		const char *doc = demo_data(demo_names[i]);
		char p[700];
		size_t n = 0;
		assert_non_null(doc);
		jval *d = json_parse(demo_names[i], doc, strlen(doc), &err);
		if (!d)
			fail_msg("demo %s: %s", demo_names[i], err.msg);
		const jval *fed = json_get(d, "federation");
		const jval *name = json_get(fed, "name"), *notes = json_get(fed, "notes");
		assert_non_null(name);
		snprintf(p, sizeof p, "%s/demo-%s.db", f->dir, demo_names[i]);
		vb_db *db = create_fed(p, name->s, notes && notes->t == JSTR ? notes->s : NULL);
		err_clear(&err);
		if (import_data(db, NULL, demo_names[i], doc, strlen(doc), &n, &err) != 0)
			fail_msg("demo %s: %s", demo_names[i], err.msg);
		assert_true(n > 0);
		/* every record the import writes is logged (spec 1.8: every
		 * change with its values), and the import itself once */
		assert_int_equal(q_int(db, "SELECT count(*) FROM audit WHERE action = 'import'"), 1);
		assert_true(audit_count(db) >= (int64_t)n + 1);
		roundtrip(f, db, demo_names[i], name->s, notes && notes->t == JSTR ? notes->s : NULL);
		json_free(d);
		db_close(db);
	}
	assert_null(demo_data("nowhere"));
}

static void
test_roundtrip_built(void **state)
{
	fx *f = *state;
	vb_db *db = f->db = create_fed(f->path, "Verbund \"Test\" – Süd", "Zeile 1\nZeile 2");
	WRITE_OK(db, &ent_member, W_ADD, "code", "lk", "name", "Landkreis", "kind", "landkreis",
		 "joined", "2017-01-01", "email", "it@lk.de");
	WRITE_OK(db, &ent_member, W_ADD, "code", "a", "name", "=Gemeinde A", "joined", "2017-01-01",
		 "left", "2024-06-30", "status", "former", "notes", "Tab\there, \"quotes\", \\ back\nnew line ✓");
	WRITE_OK(db, &ent_member, W_ADD, "code", "b", "name", "Stadt B", "kind", "stadt",
		 "joined", "1.7.2020", "phone", "+49 1");
	WRITE_OK(db, &ent_member, W_ADD, "code", "p", "name", "Interessent", "status", "prospective");
	/* keys listed in code order refer to keys that come later */
	WRITE_OK(db, &ent_key, W_ADD, "code", "z-eq", "name", "Gleich", "method", "equal", "exclude", "lk");
	WRITE_OK(db, &ent_key, W_ADD, "code", "pop", "name", "Einwohner", "method", "metric",
		 "metric", "population", "offset", "-1", "exclude", "lk,a");
	WRITE_OK(db, &ent_key, W_ADD, "code", "fix", "name", "Fest", "method", "fixed",
		 "parts", "lk=30,a=33.3333,b=36.6667");
	WRITE_OK(db, &ent_key, W_ADD, "code", "a-mix", "name", "Mix", "method", "composite",
		 "parts", "z-eq=50,pop=50");
	WRITE_OK(db, &ent_key, W_ADD, "code", "b-nest", "name", "Verschachtelt", "method", "composite",
		 "parts", "fix=30,a-mix=70");
	WRITE_OK(db, &ent_service, W_ADD, "code", "net", "name", "Netzwerk", "key", "b-nest",
		 "unit", "je Standort", "hours", "Mo–Fr 7–17", "standalone", "25000");
	WRITE_OK(db, &ent_service, W_ADD, "code", "wlan", "name", "WLAN", "key", "z-eq",
		 "subscription", "true", "description", "mehrzeilig\nbeschrieben");
	WRITE_OK(db, &ent_figure, W_ADD, "member", "a", "metric", "population", "year", "2023", "value", "1234.5678");
	WRITE_OK(db, &ent_figure, W_ADD, "member", "b", "metric", "population", "year", "2023", "value", "20000");
	WRITE_OK(db, &ent_cost, W_ADD, "service", "net", "year", "2024", "basis", "plan", "amount", "100000");
	WRITE_OK(db, &ent_cost, W_ADD, "service", "net", "year", "2024", "amount", "99999,99");
	WRITE_OK(db, &ent_cost, W_ADD, "service", "wlan", "year", "2024", "amount", "0");
	WRITE_OK(db, &ent_subscription, W_ADD, "member", "b", "service", "wlan", "from", "2024-01-01",
		 "until", "2024-03-31");
	WRITE_OK(db, &ent_subscription, W_ADD, "member", "b", "service", "wlan", "from", "2024-07-01");
	WRITE_OK(db, &ent_grant, W_ADD, "code", "land", "name", "Förderung", "source", "Land",
		 "amount", "150000", "from", "2023-01-01", "until", "2027-12-31");
	WRITE_OK(db, &ent_grant, W_ADD, "code", "net-g", "name", "Netz", "amount", "0,01",
		 "from", "2024-01-01", "until", "2024-01-01", "service", "net");
	WRITE_OK(db, &ent_transfer, W_ADD, "person", "Erika Muster", "from", "b", "to", "lk",
		 "date", "2020-02-29", "credit", "40000", "years", "3", "fte", "0.75",
		 "grade", "EG 9b TVöD", "notes", "-minus\n@at");
	WRITE_OK(db, &ent_transfer, W_ADD, "person", "Max", "from", "a", "to", "lk",
		 "date", "2021-01-01", "credit", "0,01", "years", "1");
	WRITE_OK(db, &ent_agreement, W_ADD, "code", "oerv", "title", "Vereinbarung \"IT\"", "type", "oerv",
		 "notes", "n\n1");
	WRITE_OK(db, &ent_agreement, W_ADD, "code", "loi", "title", "Absicht", "type", "absichtserklaerung");
	WRITE_OK(db, &ent_version, W_ADD, "agreement", "oerv", "number", "1", "from", "2017-01-01",
		 "term_years", "5", "notice_months", "6", "text", "https://example.org/v1.pdf", "parties", "lk,a");
	WRITE_OK(db, &ent_version, W_ADD, "agreement", "oerv", "number", "2", "from", "2020-07-01",
		 "until", "2028-08-31", "parties", "lk,b,a");
	WRITE_OK(db, &ent_signature, W_ADD, "agreement", "oerv", "number", "1", "member", "lk",
		 "signatory", "Landrat", "role", "Landrat", "date", "2016-12-01");
	WRITE_OK(db, &ent_signature, W_ADD, "agreement", "oerv", "number", "1", "member", "a",
		 "signatory", "Bürgermeisterin \"A\"", "date", "2016-12-02");
	WRITE_OK(db, &ent_signature, W_ADD, "agreement", "oerv", "number", "2", "member", "b",
		 "signatory", "B", "date", "2020-06-15");
	WRITE_OK(db, &ent_version, W_ADD, "agreement", "loi", "number", "1", "from", "2016-12-13",
		 "parties", "p");
	roundtrip(f, db, "built", "Verbund \"Test\" – Süd", "Zeile 1\nZeile 2");

	/* amounts travel as cents */
	size_t len;
	char *s = export_all(db, &len);
	assert_non_null(strstr(s, "\"amount_cents\": 9999999"));
	assert_non_null(strstr(s, "\"credit_cents\": 4000000"));
	assert_non_null(strstr(s, "\"standalone_cents\": 2500000"));
	assert_non_null(strstr(s, "\"value\": 1234.5678"));
	free(s);
}

/* An import of one kind checks each reference once itself, with the
 * database's foreign keys off for its transaction only: the messages
 * are those of the database's check, new records and changed ones
 * alike, and the keys are on again afterwards. */
static void
test_import_refs(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n = 99, changed = 99;
	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "A");
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "bb", "name", "B");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "eq", "name", "Eq", "method", "equal");
	static const char ok[] = "member,metric,year,value\na,staff,2025,1\nbb,staff,2025,2\na,staff,2026,3\n";
	err_clear(&err);
	assert_int_equal(import_data_flags(f->db, &ent_figure, "f.csv", ok, strlen(ok), IMPORT_NEW_METRICS,
					   &n, &changed, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(changed, 3);
	assert_int_equal(q_int(f->db, "PRAGMA foreign_keys"), 1);
	char *snap = snapshot(f->db);

	static const char bad_new[] = "member,metric,year,value\na,staff,2027,1\nb,staff,2027,2\n";
	err_clear(&err);
	assert_int_equal(import_data_flags(f->db, &ent_figure, "f.csv", bad_new, strlen(bad_new),
					   IMPORT_NEW_METRICS, &n, &changed, &err), -1);
	assert_string_equal(err.msg, "f.csv:3: member: there is no member 'b'; did you mean 'bb'?");
	assert_int_equal(q_int(f->db, "PRAGMA foreign_keys"), 1);
	same_snapshot(snap, f->db);

	/* a stored service changed to a key that does not exist */
	static const char sv[] = "code,name,key\nsw,Software,eq\n";
	err_clear(&err);
	assert_int_equal(import_data(f->db, &ent_service, "s.csv", sv, strlen(sv), &n, &err), 0);
	free(snap);
	snap = snapshot(f->db);
	static const char sv_bad[] = "code,name,key\nsw,Software,nokey\n";
	err_clear(&err);
	assert_int_equal(import_data(f->db, &ent_service, "s.csv", sv_bad, strlen(sv_bad), &n, &err), -1);
	assert_string_equal(err.msg, "s.csv:2: key: there is no key 'nokey'");
	same_snapshot(snap, f->db);
	assert_int_equal(q_int(f->db, "PRAGMA foreign_keys"), 1);
	free(snap);
}

/* An import of one kind leaves the tables' CHECK constraints to the
 * validation of its values (the database would repeat it on every
 * row): every value a CHECK forbids is refused by the validation,
 * naming the line, and the constraints hold again afterwards. */
static void
test_import_checks(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n;
	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "A");
	WRITE_OK(f->db, &ent_key, W_ADD, "code", "eq", "name", "Eq", "method", "equal");
	WRITE_OK(f->db, &ent_service, W_ADD, "code", "sw", "name", "Software", "key", "eq");
	char *snap = snapshot(f->db);
	char long_name[260];
	memset(long_name, 'n', 201);
	long_name[201] = '\0';
	static const struct {
		const vb_entity *e;
		const char *head, *row;
	} bad[] = {
		{&ent_figure, "member,metric,year,value", "a,Users,2025,1"},
		{&ent_figure, "member,metric,year,value", "a,mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm,2025,1"},
		{&ent_figure, "member,metric,year,value", "a,users,999,1"},
		{&ent_figure, "member,metric,year,value", "a,users,2025,-1"},
		{&ent_service, "code,name,key", "S W,Software,eq"},
		{&ent_service, "code,name,key", "sw2,LONG,eq"},
		{&ent_service, "code,name,key,subscription", "sw2,S,eq,2"},
		{&ent_service, "code,name,key,standalone", "sw2,S,eq,-1"},
		{&ent_cost, "service,year,basis,amount", "sw,10000,plan,1"},
		{&ent_cost, "service,year,basis,amount", "sw,2025,guess,1"},
		{&ent_cost, "service,year,basis,amount", "sw,2025,plan,-1"},
		{&ent_subscription, "member,service,from,until", "a,sw,2025-02-01,2025-01-31"},
		{&ent_grant, "code,name,amount,from,until", "G,G,1,2025-01-01,2025-12-31"},
		{&ent_grant, "code,name,amount,from,until", "g,LONG,1,2025-01-01,2025-12-31"},
		{&ent_grant, "code,name,amount,from,until", "g,G,-1,2025-01-01,2025-12-31"},
		{&ent_grant, "code,name,amount,from,until", "g,G,1,2025-12-31,2025-01-01"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		sbuf csv;
		sb_init(&csv);
		sb_printf(&csv, "%s\n", bad[k].head);
		if (strncmp(bad[k].row + strcspn(bad[k].row, ",") + 1, "LONG", 4) == 0)
			sb_printf(&csv, "%.*s,%s%s\n", (int)strcspn(bad[k].row, ","), bad[k].row, long_name,
				  bad[k].row + strcspn(bad[k].row, ",") + 5);
		else
			sb_printf(&csv, "%s\n", bad[k].row);
		err_clear(&err);
		if (import_data_flags(f->db, bad[k].e, "x.csv", csv.s, csv.len, IMPORT_NEW_METRICS, &n,
				      NULL, &err) != -1)
			fail_msg("%s: accepted", bad[k].row);
		if (strncmp(err.msg, "x.csv:2: ", 9) != 0 || strstr(err.msg, "database") || err.status != VB_EFAIL)
			fail_msg("%s: %s", bad[k].row, err.msg);
		sb_free(&csv);
	}
	same_snapshot(snap, f->db);
	free(snap);
	assert_int_equal(q_int(f->db, "PRAGMA ignore_check_constraints"), 0);
	assert_int_not_equal(sqlite3_exec(db_handle(f->db),
					  "INSERT INTO figure VALUES ('a', 'users', 2025, -1)", NULL, NULL, NULL),
			     SQLITE_OK);
}

/* The entries of an import, as the log reads them: in the order of the
 * file, the import's own entry last. */
static void
test_import_audit_batches(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n, changed;
	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "A");
	int64_t first = q_int(f->db, "SELECT max(id) FROM audit") + 1;
	sbuf csv;
	sb_init(&csv);
	sb_adds(&csv, "member,metric,year,value\n");
	for (int y = 1; y <= DB_AUDIT_ROWS * 2 + 5; y++)
		sb_printf(&csv, "a,users,%d,%d.5\n", 2000 + y, y);
	err_clear(&err);
	assert_int_equal(import_data_flags(f->db, &ent_figure, "f.csv", csv.s, csv.len, IMPORT_NEW_METRICS,
					   &n, &changed, &err), 0);
	assert_int_equal(n, DB_AUDIT_ROWS * 2 + 5);
	assert_int_equal(changed, DB_AUDIT_ROWS * 2 + 5);
	char sql[200], want[200];
	for (int y = 1; y <= DB_AUDIT_ROWS * 2 + 5; y++) {
		snprintf(sql, sizeof sql,
			 "SELECT time || '|' || action || '|' || entity || '|' || code || '|' || "
			 "coalesce(before, 'NULL') || '|' || after FROM vb_audit_entry WHERE id >= %lld "
			 "ORDER BY id, k LIMIT 1 OFFSET %d",
			 (long long)first, y - 1);
		snprintf(want, sizeof want,
			 NOW "|add|figure|a/users/%d|NULL|{\"member\": \"a\", \"metric\": \"users\", "
			 "\"year\": %d, \"value\": %d.5}", 2000 + y, 2000 + y, y);
		char *got = q_text(f->db, sql);
		assert_string_equal(got, want);
		free(got);
	}
	snprintf(sql, sizeof sql, "SELECT action || '|' || entity || '|' || code || '|' || after FROM vb_audit_entry "
		 "WHERE id >= %lld ORDER BY id, k LIMIT 1 OFFSET %d", (long long)first, DB_AUDIT_ROWS * 2 + 5);
	char *got = q_text(f->db, sql);
	assert_string_equal(got, "import|figures|f.csv|{\"file\": \"f.csv\", \"records\": 69}");
	free(got);
	assert_int_equal(audit_count(f->db), first + DB_AUDIT_ROWS * 2 + 5);
	/* stored as one batch entry and the import's */
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit"), first + 1);
	snprintf(sql, sizeof sql, "SELECT entries || '|' || code || '|' || substr(after, 1, 81) FROM audit WHERE id = %lld",
		 (long long)first);
	got = q_text(f->db, sql);
	assert_string_equal(got, "69|a/users/2001|[[\"member\",\"metric\",\"year\",\"value\"],"
				 "[\"a\",\"users\",2001,1.5],[\"a\",\"users\",2002,2.5]");
	free(got);
	sb_free(&csv);
}

/* The entries of the log in order, one line each:
 * "id/k action entity code before after". */
static char *
log_lines(vb_db *db, int64_t from)
{
	sqlite3_stmt *st;
	sbuf b;
	sb_init(&b);
	assert_int_equal(sqlite3_prepare_v2(db_handle(db),
					    "SELECT id, k, action, entity, code, coalesce(before, 'NULL'), after "
					    "FROM vb_audit_entry WHERE id >= ?1 ORDER BY id, k", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(st, 1, from);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_printf(&b, "%lld/%lld %s %s %s %s %s\n", (long long)(sqlite3_column_int64(st, 0) - from),
			  (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2),
			  sqlite3_column_text(st, 3), sqlite3_column_text(st, 4), sqlite3_column_text(st, 5),
			  sqlite3_column_text(st, 6));
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	return sb_take(&b);
}

/* Batches keep the order of the file: a changed record between added
 * ones ends a batch, a lone added record is a single entry, a run
 * longer than AUDIT_BATCH_MAX is cut; read backwards, a batch's
 * records come last first. */
static void
test_import_audit_runs(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n, changed;
	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "a", "name", "A");
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "b", "name", "B");
	static const char csv1[] = "member,metric,year,value\na,users,2003,1\na,users,2005,1\n";
	err_clear(&err);
	assert_int_equal(import_data_flags(f->db, &ent_figure, "f.csv", csv1, strlen(csv1), IMPORT_NEW_METRICS,
					   &n, &changed, &err), 0);
	int64_t first = q_int(f->db, "SELECT max(id) FROM audit") + 1;
	static const char csv2[] = "member,metric,year,value\n"
				   "a,users,2001,1\na,users,2002,2\na,users,2003,3\na,users,2004,4\n"
				   "a,users,2005,5\nb,users,2001,6\n";
	if (import_data_flags(f->db, &ent_figure, "g.csv", csv2, strlen(csv2), IMPORT_NEW_METRICS, &n, &changed,
			      &err) != 0)
		fail_msg("%s", err.msg);
	char *got = log_lines(f->db, first);
	assert_string_equal(got,
		"0/0 add figure a/users/2001 NULL {\"member\": \"a\", \"metric\": \"users\", \"year\": 2001, \"value\": 1}\n"
		"0/1 add figure a/users/2002 NULL {\"member\": \"a\", \"metric\": \"users\", \"year\": 2002, \"value\": 2}\n"
		"1/0 set figure a/users/2003 {\"member\": \"a\", \"metric\": \"users\", \"year\": 2003, \"value\": 1} "
		"{\"member\": \"a\", \"metric\": \"users\", \"year\": 2003, \"value\": 3}\n"
		"2/0 add figure a/users/2004 NULL {\"member\": \"a\", \"metric\": \"users\", \"year\": 2004, \"value\": 4}\n"
		"3/0 set figure a/users/2005 {\"member\": \"a\", \"metric\": \"users\", \"year\": 2005, \"value\": 1} "
		"{\"member\": \"a\", \"metric\": \"users\", \"year\": 2005, \"value\": 5}\n"
		"4/0 add figure b/users/2001 NULL {\"member\": \"b\", \"metric\": \"users\", \"year\": 2001, \"value\": 6}\n"
		"5/0 import figures g.csv NULL {\"file\": \"g.csv\", \"records\": 6}\n");
	free(got);
	/* the lone ones are single entries */
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE entries IS NOT NULL AND id >= %lld", (long long)first);
	assert_int_equal(q_int(f->db, sql), 1);

	/* a run longer than a batch */
	first = q_int(f->db, "SELECT max(id) FROM audit") + 1;
	sbuf csv;
	sb_init(&csv);
	sb_adds(&csv, "member,metric,year,value\n");
	for (int y = 0; y < AUDIT_BATCH_MAX + 3; y++)
		sb_printf(&csv, "b,m%d,2020,%d\n", y, y);
	assert_int_equal(import_data_flags(f->db, &ent_figure, "h.csv", csv.s, csv.len, IMPORT_NEW_METRICS, &n,
					   &changed, &err), 0);
	sb_free(&csv);
	snprintf(sql, sizeof sql, "SELECT group_concat(coalesce(entries, 1), ',') FROM audit WHERE id >= %lld",
		 (long long)first);
	got = q_text(f->db, sql);
	assert_string_equal(got, "1024,3,1");
	free(got);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM vb_audit_entry WHERE id >= %lld", (long long)first);
	assert_int_equal(q_int(f->db, sql), AUDIT_BATCH_MAX + 3 + 1);
	/* newest first: the last record of a batch first */
	snprintf(sql, sizeof sql, "SELECT group_concat(code, ' ') FROM (SELECT code FROM vb_audit_entry "
		 "WHERE id >= %lld AND id < %lld ORDER BY id DESC, k DESC LIMIT 5)", (long long)first, (long long)first + 2);
	got = q_text(f->db, sql);
	assert_string_equal(got, "b/m1026/2020 b/m1025/2020 b/m1024/2020 b/m1023/2020 b/m1022/2020");
	free(got);
}

/* Puts a batch entry as another program could (past the CHECK): audit
 * row 77, of kind entity (SQL), with entries and after (SQL). */
static void
put_batch(fx *f, const char *entries, const char *entity, const char *after)
{
	char sql[600];
	f->db = create_fed(f->path, "Test", NULL);
	snprintf(sql, sizeof sql,
		 "INSERT INTO audit(id, time, user, action, entity, code, before, after, entries) "
		 "VALUES (77, '2024-01-01T00:00:00Z', 'u', 'add', %s, 'a', NULL, %s, %s)",
		 entity, after, entries);
	assert_int_equal(sqlite3_exec(db_handle(f->db), "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL),
			 SQLITE_OK);
	if (sqlite3_exec(db_handle(f->db), sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db_handle(f->db)));
}

#define FIG_KEYS "[\"member\",\"metric\",\"year\",\"value\"]"

/* A batch entry that another program damaged stops the reading of the
 * log with a message naming the entry; nothing is made up.  Values are
 * shown as they were written (the rules of a later version do not
 * apply to history); those that identify the record are read as a
 * single entry's code is made. */
static void
test_audit_batch_damaged(void **state)
{
	static const struct {
		const char *entries, *entity, *after, *want;
	} cases[] = {
		{"3", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],[\"a\",\"users\",2002,2]]'",
		 "not as many as its number says"},
		{"1", "'figure'", "'[]'", "not a whole number from 2 to 1024"},
		{"'two'", "'figure'", "'[]'", "not a whole number from 2 to 1024"},
		{"2.5", "'figure'", "'[]'", "not a whole number from 2 to 1024"},
		{"2", "'nothing'", "'[]'", "its kind of record is not known"},
		{"2", "'figures'", "'[]'", "its kind of record is not known"},
		{"2", "'figure'", "x'5b5d'", "not text"},
		{"2", "'figure'", "'[[\"a\",\"users\",2001,1],[\"a\",\"users\",2002,2]]'",
		 "does not begin with the names of its fields"},
		{"2", "'figure'", "'[]'", "does not begin with the names of its fields"},
		{"2", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],[\"a\",\"users\",2002]]'",
		 "does not have the values of its fields"},
		{"2", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],[\"a\",\"users\",2002,[2]]]'",
		 "does not have the values of its fields"},
		{"2", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],[\"a\",\"users\",20020,2]]'", "year: "},
		{"2", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],[\"A B\",\"users\",2002,2]]'", "member: "},
		{"2", "'figure'", "'[[\"member\",\"metric\",\"value\"],[\"a\",\"users\",1],[\"a\",\"users\",2]]'",
		 "its fields do not include year, which identifies a record"},
		{"2", "'figure'", "'[" FIG_KEYS ",[\"a\",\"users\",2001,1],'", "cannot be read"},
	};
	fx *f = *state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		put_batch(f, cases[i].entries, cases[i].entity, cases[i].after);
		vb_err err;
		err_clear(&err);
		out_table *t = log_table(f->db, NULL, NULL, NULL, &err);
		if (t)
			fail_msg("case %zu: the log was read", i);
		if (!strstr(err.msg, "audit log entry 77 cannot be read") || !strstr(err.msg, cases[i].want))
			fail_msg("case %zu: %s", i, err.msg);
		db_close(f->db);
		f->db = NULL;
		unlink(f->path);
	}
	/* a value today's rules refuse, names of another version, a code
	 * written with an escape: shown as written, the code as read */
	put_batch(f, "2", "'figure'",
		  "'[[\"member\",\"metric\",\"year\",\"value\",\"source\"],"
		  "[\"a\",\"users\",2001,-1,\"Amt \\\"X\\\"\"],[\"a\\u0062\",\"users\",2002,2.00001,null]]'");
	char *got = log_lines(f->db, 77);
	assert_string_equal(got,
		"0/0 add figure a/users/2001 NULL {\"member\": \"a\", \"metric\": \"users\", \"year\": 2001, "
		"\"value\": -1, \"source\": \"Amt \\\"X\\\"\"}\n"
		"0/1 add figure ab/users/2002 NULL {\"member\": \"a\\u0062\", \"metric\": \"users\", \"year\": 2002, "
		"\"value\": 2.00001, \"source\": null}\n");
	free(got);
}

static void
test_import_all_or_nothing(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n = 99;
	f->db = create_fed(f->path, "Test", NULL);
	WRITE_OK(f->db, &ent_member, W_ADD, "code", "host", "name", "Host");
	char *snap = snapshot(f->db);

	/* JSON: the second record is bad, so the first is not kept either */
	static const char members[] =
		"[\n"
		"  {\"code\": \"a\", \"name\": \"A\"},\n"
		"  {\"code\": \"b\", \"name\": \"B\", \"joined\": \"2023-02-30\"}\n"
		"]\n";
	err_clear(&err);
	assert_int_equal(import_data(f->db, &ent_member, "m.json", members, strlen(members), &n, &err), -1);
	assert_int_equal(n, 0);
	assert_int_equal(err.status, VB_EFAIL);
	assert_string_equal(err.msg, "m.json:3: field 'joined': \"2023-02-30\" is not a valid date (YYYY-MM-DD or D.M.YYYY)");
	same_snapshot(snap, f->db);

	/* CSV: the line is the one where the record starts */
	static const char csv[] =
		"code,name,notes,joined\n"
		"a,A,\"zwei\nZeilen\",2024-01-01\n"
		"b,B,,2023-02-30\n";
	err_clear(&err);
	assert_int_equal(import_data(f->db, &ent_member, "m.csv", csv, strlen(csv), &n, &err), -1);
	assert_string_equal(err.msg, "m.csv:4: column 'joined': \"2023-02-30\" is not a valid date (YYYY-MM-DD or D.M.YYYY)");
	same_snapshot(snap, f->db);

	/* a bad record after good ones of other kinds */
	static const char all[] =
		"{\"verbund\": 1,\n"
		" \"members\": [{\"code\": \"a\", \"name\": \"A\"}],\n"
		" \"keys\": [{\"code\": \"k\", \"name\": \"K\", \"method\": \"equal\"},\n"
		"          {\"code\": \"c\", \"name\": \"C\", \"method\": \"composite\",\n"
		"           \"parts\": [{\"key\": \"nope\", \"weight\": 100}]}]}\n";
	err_clear(&err);
	assert_int_equal(import_data(f->db, NULL, "all.json", all, strlen(all), &n, &err), -1);
	if (!strstr(err.msg, "all.json:4") || !strstr(err.msg, "there is no key 'nope'"))
		fail_msg("unexpected message: %s", err.msg);
	same_snapshot(snap, f->db);

	/* a composite key before its parts is fine */
	static const char keys[] =
		"{\"verbund\": 1,\n"
		" \"keys\": [{\"code\": \"a\", \"name\": \"A\", \"method\": \"composite\",\n"
		"           \"parts\": [{\"key\": \"b\", \"weight\": 100}]},\n"
		"          {\"code\": \"b\", \"name\": \"B\", \"method\": \"composite\",\n"
		"           \"parts\": [{\"key\": \"c\", \"weight\": 100}]},\n"
		"          {\"code\": \"c\", \"name\": \"C\", \"method\": \"equal\"}]}\n";
	err_clear(&err);
	if (import_data(f->db, NULL, "keys.json", keys, strlen(keys), &n, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 3);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM cost_key"), 3);
	assert_int_equal(q_int(f->db, "SELECT count(*) FROM audit WHERE action = 'import'"), 1);

	/* keys that only refer to each other are a cycle */
	static const char cycle[] =
		"{\"verbund\": 1,\n"
		" \"keys\": [{\"code\": \"x\", \"name\": \"X\", \"method\": \"composite\",\n"
		"           \"parts\": [{\"key\": \"y\", \"weight\": 100}]},\n"
		"          {\"code\": \"y\", \"name\": \"Y\", \"method\": \"composite\",\n"
		"           \"parts\": [{\"key\": \"x\", \"weight\": 100}]}]}\n";
	free(snap);
	snap = snapshot(f->db);
	err_clear(&err);
	assert_int_equal(import_data(f->db, NULL, "cycle.json", cycle, strlen(cycle), &n, &err), -1);
	assert_int_equal(err.status, VB_EFAIL);
	same_snapshot(snap, f->db);
	free(snap);
}

static void
test_csv_roundtrip(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n;
	f->db = create_fed(f->path, "Test", NULL);
	/* the formula guard written by an export is removed on import */
	static const char csv[] =
		"\xef\xbb\xbf" "code;name;notes;host\r\n"
		"a;'=Gemeinde;\"x;y\r\nz\";true\r\n"
		"b;'-B;'+1;\r\n"
		"c;'x;;\r\n";
	err_clear(&err);
	if (import_data(f->db, &ent_member, "m.csv", csv, strlen(csv), &n, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(n, 3);
	vb_rec got;
	assert_int_equal(load(f->db, &ent_member, &got, "code", "a", (const char *)NULL), 1);
	expect_text(&got, "name", "=Gemeinde");
	expect_text(&got, "notes", "x;y\nz");
	rec_free(&got);
	assert_int_equal(load(f->db, &ent_member, &got, "code", "b", (const char *)NULL), 1);
	expect_text(&got, "name", "-B");
	expect_text(&got, "notes", "+1");
	expect_int(&got, "host", 0);	/* an empty flag is false */
	rec_free(&got);
	assert_int_equal(load(f->db, &ent_member, &got, "code", "c", (const char *)NULL), 1);
	expect_text(&got, "name", "'x");	/* not a guard */
	rec_free(&got);

	/* export as CSV and import into a fresh file: the same CSV again */
	out_table *t = export_table(f->db, &ent_member, &err);
	assert_non_null(t);
	sbuf one, two;
	sb_init(&one);
	sb_init(&two);
	out_render(t, FMT_CSV, 0, &one);
	out_free(t);
	assert_non_null(strstr(one.s, "a,'=Gemeinde,gemeinde,member,,,true,,,,\"x;y\nz\"\n"));
	char p[700];
	file_in(f, "copy.db", p, sizeof p);
	vb_db *copy = create_fed(p, "Test", NULL);
	err_clear(&err);
	if (import_data(copy, &ent_member, "m.csv", one.s, one.len, &n, &err) != 0)
		fail_msg("%s", err.msg);
	t = export_table(copy, &ent_member, &err);
	out_render(t, FMT_CSV, 0, &two);
	out_free(t);
	same_text("CSV exports", one.s, one.len, two.s, two.len);
	/* csv-de too */
	sb_reset(&one);
	sb_reset(&two);
	t = export_table(f->db, &ent_member, &err);
	out_render(t, FMT_CSV_DE, 0, &one);
	out_free(t);
	db_close(copy);
	unlink(p);
	copy = create_fed(p, "Test", NULL);
	err_clear(&err);
	if (import_data(copy, &ent_member, "m.csv", one.s, one.len, &n, &err) != 0)
		fail_msg("%s", err.msg);
	t = export_table(copy, &ent_member, &err);
	out_render(t, FMT_CSV_DE, 0, &two);
	out_free(t);
	same_text("csv-de exports", one.s, one.len, two.s, two.len);
	sb_free(&one);
	sb_free(&two);
	db_close(copy);
}


/* ============================================================ pager */

typedef struct scan_acc {
	out_table *all;
	size_t from, seen;
} scan_acc;

static int
same_key(const out_table *a, size_t ra, const out_table *b, size_t rb)
{
	/* every cell equal: the rows are the same record */
	for (int c = 0; c < a->ncols; c++) {
		const out_cell *x = out_at((out_table *)a, ra, c), *y = out_at((out_table *)b, rb, c);
		if (x->null != y->null || (x->s == NULL) != (y->s == NULL))
			return 0;
		if (x->null)
			continue;
		if (x->s ? strcmp(x->s, y->s) != 0 : x->i != y->i)
			return 0;
	}
	return 1;
}

static int
scan_check(void *arg, size_t pos, const out_table *t, size_t row)
{
	scan_acc *s = arg;
	assert_int_equal(pos, s->from + s->seen);
	assert_true(same_key(s->all, pos, t, row));
	s->seen++;
	return 0;
}

/* Every order of every paged list: the rows read whole, in windows and
 * in a walk agree, and each row's position is its index. */
static void
check_pager(vb_pager *p, const char *what)
{
	vb_err err;
	out_table *probe = pager_table(p);
	int ncols = probe->ncols;
	out_free(probe);
	for (int col = -1; col < ncols; col++)
		for (int desc = 0; desc < 2; desc++) {
			pager_order(p, col, desc);
			int64_t n = pager_count(p, &err);
			assert_true(n > 0);
			out_table *all = pager_table(p);
			vb_rec *recs = NULL;
			size_t nrecs = 0;
			assert_int_equal(pager_read(p, 0, (size_t)n + 5, all, pager_ent(p) ? &recs : NULL, &nrecs, &err), n);
			if (pager_ent(p))
				assert_int_equal(nrecs, (size_t)n);
			recs_free(recs, nrecs);
			for (size_t r = 0; r < (size_t)n; r++) {
				int64_t pos = pager_position(p, all, r, &err);
				if (pos != (int64_t)r)
					fail_msg("%s, column %d%s: row %zu is at %lld", what, col, desc ? " desc" : "", r,
						 (long long)pos);
				out_table *w = pager_table(p);
				assert_int_equal(pager_read(p, r, 2, w, NULL, NULL, &err), r + 1 < (size_t)n ? 2 : 1);
				assert_true(same_key(all, r, w, 0));
				out_free(w);
				/* the rows next to it, found by its values */
				for (int after = 0; after < 2; after++) {
					size_t want = after ? ((size_t)n - 1 - r < 3 ? (size_t)n - 1 - r : 3) : (r < 2 ? r : 2);
					vb_rec *nr = NULL;
					size_t nn = 0;
					w = pager_table(p);
					long got = pager_read_next(p, all, r, after, after ? 3 : 2, w,
								   pager_ent(p) ? &nr : NULL, &nn, &err);
					if (got != (long)want)
						fail_msg("%s, column %d%s: %ld rows %s row %zu, not %zu", what, col,
							 desc ? " desc" : "", got, after ? "after" : "before", r, want);
					for (size_t i = 0; i < want; i++)
						if (!same_key(all, after ? r + 1 + i : r - want + i, w, i))
							fail_msg("%s, column %d%s: row %zu %s %zu differs", what, col,
								 desc ? " desc" : "", r, after ? "after" : "before", i);
					if (pager_ent(p))
						assert_int_equal(nn, want);
					recs_free(nr, nn);
					out_free(w);
				}
			}
			scan_acc acc = {all, (size_t)n / 2, 0};
			assert_int_equal(pager_scan(p, acc.from, 0, scan_check, &acc, &err), 0);
			assert_int_equal(acc.seen, (size_t)n - acc.from);
			out_free(all);
		}
}

typedef struct like_acc {
	size_t hits, rows;
	int bad;
} like_acc;

static int
like_check(void *arg, size_t pos, const out_table *t, size_t row)
{
	like_acc *a = arg;
	(void)pos;
	a->rows++;
	if (!t)
		return 0;
	/* a row read: its code, name or kind contains "bro" in any case,
	 * or it is the host */
	const char *code = out_at((out_table *)t, row, 0)->s, *name = out_at((out_table *)t, row, 1)->s;
	const char *kind = out_at((out_table *)t, row, 2)->s;
	if (!strcasestr(code, "bro") && !strcasestr(name, "bro") && !strcasestr(kind, "bro") &&
	    !out_at((out_table *)t, row, 6)->i)
		a->bad++;
	a->hits++;
	return 0;
}

static void
test_pager(void **state)
{
	fx *f = *state;
	vb_err err;
	size_t n = 0;
	const char *doc = demo_data("gifhorn");
	vb_db *db = f->db = create_fed(f->path, "Pager", NULL);
	err_clear(&err);
	if (import_data(db, NULL, "gifhorn", doc, strlen(doc), &n, &err) != 0)
		fail_msg("demo: %s", err.msg);
	/* a NULL and equal values in the columns ordered by */
	WRITE_OK(db, &ent_member, W_ADD, "code", "zz-last", "name", "Ärzteverbund", "kind", "zweckverband",
		 "joined", "2017-01-01");
	WRITE_OK(db, &ent_member, W_ADD, "code", "aa-first", "name", "Ärzteverbund", "kind", "other");
	const vb_entity *const ents[] = {&ent_member, &ent_service, &ent_agreement, &ent_transfer, &ent_figure};
	/* byte order (C), then a locale's collation where one is there */
	for (int loc = 0; loc < 2; loc++) {
		if (loc == 1 && !setlocale(LC_COLLATE, "de_DE.UTF-8"))
			break;
		for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
			vb_pager *p = pager_entity(db, ents[i]);
			assert_non_null(p);
			check_pager(p, ents[i]->name);
			pager_free(p);
		}
	}
	setlocale(LC_COLLATE, "C");
	/* the walk that reads only rows that can match: LIKE's escapes and
	 * case, and yes/no columns */
	{
		vb_pager *p = pager_entity(db, &ent_member);
		WRITE_OK(db, &ent_member, W_ADD, "code", "pct", "name", "100%_Bro\\ker", "kind", "other");
		pager_like lk = {"BrO", 1u << 0 | 1u << 1 | 1u << 2, 1u << 6};
		like_acc a = {0, 0, 0};
		assert_int_equal(pager_scan_like(p, 0, 0, &lk, like_check, &a, &err), 0);
		assert_int_equal(a.rows, (size_t)pager_count(p, &err));
		/* sg-brome, 100%_Bro\ker and the host lk-gifhorn */
		assert_int_equal(a.hits, 3);
		assert_int_equal(a.bad, 0);
		pager_like g = {"%_bro\\", 1u << 1, 0};
		a = (like_acc){0, 0, 0};
		assert_int_equal(pager_scan_like(p, 0, 0, &g, like_check, &a, &err), 0);
		assert_int_equal(a.hits, 1);
		pager_like h = {"%", 1u << 0, 0};
		a = (like_acc){0, 0, 0};
		assert_int_equal(pager_scan_like(p, 0, 0, &h, like_check, &a, &err), 0);
		assert_int_equal(a.hits, 0);
		pager_free(p);
	}
	/* keys hold lists that are no columns: not paged */
	assert_null(pager_entity(db, &ent_key));
	vb_pager *p = pager_log(db);
	check_pager(p, "log");
	/* the log starts newest first */
	pager_order(p, -1, 0);
	out_table *t = pager_table(p);
	assert_int_equal(pager_read(p, 0, 1, t, NULL, NULL, &err), 1);
	assert_string_equal(out_at(t, 0, 4)->s, "pct");
	out_free(t);
	/* a row no longer stored has no position */
	pager_free(p);
	p = pager_entity(db, &ent_member);
	t = pager_table(p);
	assert_int_equal(pager_read(p, 0, 1, t, NULL, NULL, &err), 1);
	out_text(t, 0, "gone");
	assert_int_equal(pager_position(p, t, 0, &err), -2);
	out_free(t);
	pager_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_member_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_roundtrips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejected_leaves_no_trace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_referenced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roundtrip_demos, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roundtrip_built, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_audit_batches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_audit_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_batch_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pager, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
