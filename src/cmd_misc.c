/* Commands beyond single records: files, import/export, agreements,
 * and the command table. */
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
#include "impexp.h"
#include "num.h"
#include "workflow.h"

/* Creates the directories above path (for the default XDG location). */
static void
make_parents(const char *path)
{
	char *copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(copy, 0700);
			*p = '/';
		}
	free(copy);
}

static int
create_federation(vb_ctx *ctx, const cli_args *a, const char *name, const char *notes, vb_err *err)
{
	static const char sql[] = "INSERT INTO federation(id, name, notes, created) VALUES (1, ?1, ?2, ?3)";
	vb_rec probe;
	char now[32];
	rec_init(&probe, &ent_member);
	/* the name follows the rules of any name */
	if (rec_parse(&probe, ent_field(&ent_member, "name"), name, err) < 0 || !*name) {
		rec_free(&probe);
		if (!*name)
			err_set(err, VB_EFAIL, _("the name must not be empty"));
		return err_prefix(err, "--name");
	}
	rec_free(&probe);
	free(ctx->db_path);
	ctx->db_path = config_db_path(&ctx->cfg, ctx->db_opt);
	if (!ctx->db_path)
		return err_set(err, VB_EDB, _("no federation file given: use --db FILE or set VERBUND_DB"));
	if (!ctx->db_opt && !getenv("VERBUND_DB") && !ctx->cfg.database)
		make_parents(ctx->db_path);
	if (db_open(&ctx->db, ctx->db_path, DB_OPEN_CREATE, ctx->cfg.busy_ms, err) < 0)
		return -1;
	(void)a;
	if (db_begin(ctx->db, err) < 0)
		goto fail;
	sqlite3_stmt *st = db_prep(ctx->db, sql, err);
	if (!st)
		goto fail_tx;
	db_now(now);
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, notes);
	db_bind_text(st, 3, now);
	if (db_step(ctx->db, st, err) < 0 ||
	    db_audit(ctx->db, "init", "federation", "", NULL, name, err) < 0)
		goto fail_tx;
	if (db_commit(ctx->db, err) < 0)
		goto fail;
	return 0;
fail_tx:
	db_rollback(ctx->db);
fail:
	db_close(ctx->db);
	ctx->db = NULL;
	unlink(ctx->db_path);
	return -1;
}

int
cmd_init(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	const char *name = arg_get(a, "name");
	if (!name)
		return cli_usage_error(a, _("--name is required"));
	if (create_federation(ctx, a, name, NULL, &err) < 0)
		return cmd_fail(a, &err);
	report_info(_("created %s for '%s'"), ctx->db_path, name);
	return 0;
}

int
cmd_demo(vb_ctx *ctx, cli_args *a)
{
	static const char count_sql[] = "SELECT count(*) FROM member";
	vb_err err;
	err_clear(&err);
	const char *which = a->pos[0], *data = demo_data(which);
	if (!data) {
		sbuf b;
		sb_init(&b);
		for (int i = 0; demo_names[i]; i++)
			sb_printf(&b, "%s%s", i ? ", " : "", demo_names[i]);
		int rc = cli_usage_error(a, _("unknown demo federation '%s' (there are: %s)"), which, b.s);
		sb_free(&b);
		return rc;
	}
	size_t len = strlen(data), n = 0;
	jval *doc = json_parse(which, data, len, &err);
	if (!doc)
		return cmd_fail(a, &err);
	const jval *fed = json_get(json_get(doc, "federation"), "name");
	const jval *notes = json_get(json_get(doc, "federation"), "notes");
	char *name = xstrdup(fed && fed->t == JSTR ? fed->s : which);
	char *fnotes = notes && notes->t == JSTR ? xstrdup(notes->s) : NULL;
	json_free(doc);
	int rc = 0;
	char *path = config_db_path(&ctx->cfg, ctx->db_opt);
	struct stat st;
	if (path && stat(path, &st) == 0) {
		/* an existing file is filled only while it has no members */
		if (cli_open_db(ctx, &err) < 0) {
			rc = report_err(&err);
			goto out;
		}
		sqlite3_stmt *s = db_prep(ctx->db, count_sql, &err);
		if (!s || db_step(ctx->db, s, &err) != SQLITE_ROW) {
			rc = cmd_fail(a, &err);
			goto out;
		}
		int members = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		if (members > 0) {
			err_set(&err, VB_EFAIL, _("%s already has members; load a demo into a new file (--db FILE)"),
				ctx->db_path);
			rc = cmd_fail(a, &err);
			goto out;
		}
	} else if (create_federation(ctx, a, name, fnotes, &err) < 0) {
		rc = cmd_fail(a, &err);
		goto out;
	}
	if (import_data(ctx->db, NULL, which, data, len, &n, &err) < 0) {
		rc = cmd_fail(a, &err);
		goto out;
	}
	report_info(P_("loaded the demo federation '%s' (%zu record) into %s",
		       "loaded the demo federation '%s' (%zu records) into %s", n), which, n, ctx->db_path);
out:
	free(path);
	free(name);
	free(fnotes);
	return rc;
}

int
cmd_import(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	const char *kind = a->pos[0], *file = a->pos[1];
	const vb_entity *e = NULL;
	static const char *const kinds[] = {"members", "figures", "services", "costs", "keys",
					    "subscriptions", "transfers", "grants", "agreements", NULL};
	int ok = strcmp(kind, "all") == 0;
	for (int i = 0; !ok && kinds[i]; i++)
		ok = strcmp(kinds[i], kind) == 0;
	if (!ok)
		return cli_usage_error(a, _("unknown kind '%s' (members, figures, services, costs, keys, subscriptions, transfers, grants, agreements, all)"), kind);
	if (strcmp(kind, "all") != 0)
		e = ent_by_name(kind);
	if (strcmp(file, "-") == 0 && isatty(STDIN_FILENO)) {
		err_set(&err, VB_EFAIL, _("'-' reads the data from standard input, which is a terminal; pipe a file in or name it"));
		return cmd_fail(a, &err);
	}
	size_t len, n = 0;
	char *data = file_read_all(file, &len);
	if (!data) {
		err_set(&err, VB_EFAIL, _("%s: cannot read: %s"), file, strerror(errno));
		return cmd_fail(a, &err);
	}
	const char *shown = strcmp(file, "-") == 0 ? "<stdin>" : file;
	int rc = 0;
	if (e == &ent_agreement) {
		/* agreements travel with their versions, in the JSON of export */
		sbuf wrap;
		sb_init(&wrap);
		sb_adds(&wrap, "{\"verbund\": 1, \"agreements\": ");
		sb_addn(&wrap, data, len);
		sb_adds(&wrap, "}");
		rc = import_data(ctx->db, NULL, shown, wrap.s, wrap.len, &n, &err);
		sb_free(&wrap);
	} else {
		rc = import_data(ctx->db, e, shown, data, len, &n, &err);
	}
	free(data);
	if (rc < 0)
		return cmd_fail(a, &err);
	report_info(P_("imported %zu record from %s", "imported %zu records from %s", n), n, shown);
	return 0;
}

/* ---------------------------------------------------------- export */

/* SHA-256 (FIPS 180-4), for the pseudonyms of --pseudonymize. */
typedef struct sha256 {
	uint32_t h[8];
	uint64_t len;
} sha256;

static uint32_t
ror32(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256_block(sha256 *c, const unsigned char *p)
{
	static const uint32_t k[64] = {
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
		0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
		0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
		0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
		0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
	};
	uint32_t w[64], v[8];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, c->h, sizeof v);
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = v[7] + (ror32(v[4], 6) ^ ror32(v[4], 11) ^ ror32(v[4], 25)) +
			      ((v[4] & v[5]) ^ (~v[4] & v[6])) + k[i] + w[i];
		uint32_t t2 = (ror32(v[0], 2) ^ ror32(v[0], 13) ^ ror32(v[0], 22)) +
			      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof v[0]);
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		c->h[i] += v[i];
}

static void
sha256_hex(const char *s, size_t n, char out[65])
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	sha256 c;
	memcpy(c.h, h0, sizeof c.h);
	c.len = (uint64_t)n * 8;
	for (; n >= 64; s += 64, n -= 64)
		sha256_block(&c, (const unsigned char *)s);
	unsigned char last[128] = {0};
	memcpy(last, s, n);
	last[n] = 0x80;
	size_t total = n + 9 <= 64 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		last[total - 1 - i] = (unsigned char)(c.len >> (8 * i));
	sha256_block(&c, last);
	if (total == 128)
		sha256_block(&c, last + 64);
	for (int i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", (unsigned)c.h[i]);
}

/* vb_pseudonym(name): "Person-" and the first 8 hex digits of the
 * SHA-256 of the name's UTF-8 bytes; the same name always gets the same
 * pseudonym (printf %s NAME | sha256sum | cut -c1-8). */
static void
sql_pseudonym(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	if (!name) {
		sqlite3_result_null(cx);
		return;
	}
	char hex[65], out[16];
	sha256_hex(name, (size_t)sqlite3_value_bytes(argv[0]), hex);
	snprintf(out, sizeof out, "Person-%.8s", hex);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/* For this connection only, a temporary table "transfer" stands in for
 * the stored one (unqualified names find temp tables first): the
 * export reads pseudonyms and no notes (free text that may name the
 * person), and nothing is written to the federation file. */
static int
pseudonymize(vb_db *db, vb_err *err)
{
	static const char sql[] =
		"CREATE TEMP TABLE transfer AS SELECT id, vb_pseudonym(person) AS person, "
		"\"from\", \"to\", date, credit, years, fte, grade, NULL AS notes FROM main.transfer";
	if (sqlite3_create_function(db_handle(db), "vb_pseudonym", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_pseudonym, NULL,
				    NULL) != SQLITE_OK)
		return db_fail(db, sqlite3_errcode(db_handle(db)), "vb_pseudonym", err);
	return db_exec(db, sql, err);
}

/* Writes out to path, created with mode 0600.  An existing file is
 * refused, or with force replaced at once (a temporary file renamed
 * over it, so that it is never half written); nothing is left behind
 * when a write fails. */
static int
write_private(const char *path, const sbuf *out, int force, vb_err *err)
{
	sbuf tmp;
	sb_init(&tmp);
	int fd;
	if (force) {
		sb_printf(&tmp, "%s.XXXXXX", path);
		fd = mkstemp(tmp.s);
	} else {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	}
	if (fd < 0) {
		int e = errno;
		sb_free(&tmp);
		if (e == EEXIST)
			return err_set(err, VB_EFAIL, _("%s: the file already exists; use --force to replace it"), path);
		return err_set(err, VB_EFAIL, _("%s: cannot create: %s"), path, strerror(e));
	}
	const char *created = force ? tmp.s : path;
	int e = 0;
	if (fchmod(fd, 0600) < 0)
		e = errno;
	for (size_t done = 0; !e && done < out->len;) {
		ssize_t n = write(fd, out->s + done, out->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
	}
	if (!e && fsync(fd) < 0 && errno != EINVAL)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (!e && force && rename(created, path) < 0)
		e = errno;
	if (e) {
		unlink(created);
		sb_free(&tmp);
		return err_set(err, VB_EFAIL, _("%s: cannot write: %s"), path, strerror(e));
	}
	sb_free(&tmp);
	return 0;
}

int
cmd_export(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	int fmt = ctx->fmt;
	const char *output = arg_get(a, "output");
	sbuf out;
	if (fmt == FMT_TABLE || fmt == FMT_MD)
		return cli_usage_error(a, _("export writes json, csv or csv-de"));
	if (arg_has(a, "force") && !output)
		return cli_usage_error(a, _("--force replaces the file of --output"));
	if (output && strcmp(output, "-") == 0)
		output = NULL;
	if (arg_has(a, "pseudonymize") && pseudonymize(ctx->db, &err) < 0)
		return cmd_fail(a, &err);
	sb_init(&out);
	if (a->npos == 0 || strcmp(a->pos[0], "all") == 0) {
		if (fmt >= 0 && fmt != FMT_JSON)
			return cli_usage_error(a, _("the whole federation is exported as JSON; name a kind for CSV"));
		if (export_json(ctx->db, &out, &err) < 0) {
			sb_free(&out);
			return cmd_fail(a, &err);
		}
	} else {
		const vb_entity *e = ent_by_name(a->pos[0]);
		if (!e || e == &ent_version || e == &ent_signature || strcmp(e->plural, a->pos[0]) != 0)
			return cli_usage_error(a, _("unknown kind '%s'"), a->pos[0]);
		if (e == &ent_agreement && fmt >= 0 && fmt != FMT_JSON)
			return cli_usage_error(a, _("agreements are exported as JSON only"));
		if (e == &ent_agreement || fmt == FMT_JSON) {
			if (export_kind_json(ctx->db, e, &out, &err) < 0) {
				sb_free(&out);
				return cmd_fail(a, &err);
			}
			goto write;
		}
		out_table *t = export_table(ctx->db, e, &err);
		if (!t)
			return cmd_fail(a, &err);
		if (fmt < 0)
			fmt = FMT_CSV;
		out_render(t, fmt, 0, &out);
		out_free(t);
	}
write:;
	int rc;
	if (output) {
		rc = write_private(output, &out, arg_has(a, "force"), &err);
		sb_free(&out);
		if (rc < 0)
			return cmd_fail(a, &err);
		report_info(_("exported to %s"), output);
		return 0;
	}
	rc = out_write(stdout, &out);
	sb_free(&out);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

int
cmd_backup(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	const char *target = a->pos[0];
	int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(&err, VB_EFAIL,
			errno == EEXIST ? _("%s: the file already exists; a backup never overwrites")
					: _("%s: cannot create: %s"),
			target, strerror(errno));
		return cmd_fail(a, &err);
	}
	close(fd);
	sqlite3 *dst;
	int rc = sqlite3_open_v2(target, &dst, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", db_handle(ctx->db), "main") : NULL;
	if (b) {
		/* step in slices so that writers can proceed between them */
		while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(rc == SQLITE_OK ? 0 : 10);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE) {
		err_set(&err, VB_EFAIL, _("%s: backup failed: %s"), target, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		unlink(target);
		return cmd_fail(a, &err);
	}
	sqlite3_close(dst);
	chmod(target, 0600);
	report_info(_("backed up %s to %s"), ctx->db_path, target);
	return 0;
}

int
cmd_unsubscribe(vb_ctx *ctx, cli_args *a)
{
	static const char sql[] =
		"SELECT \"from\" FROM subscription WHERE member = ?1 AND service = ?2 AND \"from\" <= ?3 "
		"AND (\"until\" IS NULL OR \"until\" >= ?3) ORDER BY \"from\" DESC LIMIT 1";
	vb_err err;
	vb_rec rec;
	err_clear(&err);
	rec_init(&rec, &ent_subscription);
	int rc = 0;
	if (cli_fill_rec(a, &rec, &err) < 0)
		goto fail;
	if (rec.v[3].null) {
		rec_free(&rec);
		return cli_usage_error(a, _("--until is required"));
	}
	sqlite3_stmt *st = db_prep(ctx->db, sql, &err);
	if (!st)
		goto fail;
	db_bind_text(st, 1, rec.v[0].s);
	db_bind_text(st, 2, rec.v[1].s);
	db_bind_text(st, 3, rec.v[3].s);
	int step = db_step(ctx->db, st, &err);
	if (step < 0)
		goto fail;
	if (step != SQLITE_ROW) {
		sqlite3_reset(st);
		err_set(&err, VB_EFAIL, _("member '%s' has no subscription to '%s' running on %s"),
			rec.v[0].s, rec.v[1].s, rec.v[3].s);
		goto fail;
	}
	rec_parse(&rec, 2, db_col_text(st, 0), &err);
	sqlite3_reset(st);
	if (ent_write(ctx->db, &rec, W_SET, 0, &err) < 0)
		goto fail;
	report_info(_("subscription of '%s' to '%s' ends on %s"), rec.v[0].s, rec.v[1].s, rec.v[3].s);
	rec_free(&rec);
	return 0;
fail:
	rc = cmd_fail(a, &err);
	rec_free(&rec);
	return rc;
}

/* --like N|current: the new version starts as a copy of another one (its
 * parties, term, notice and text), for re-drafting on accession. */
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
	if (ent_write(ctx->db, &rec, W_ADD, 0, &err) < 0)
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

/* The day that --on names, else today. */
static int
get_on(const cli_args *a, vb_date *on, vb_err *err)
{
	const char *v = arg_get(a, "on");
	*on = workflow_today();
	if (v && date_parse(v, on) < 0)
		return err_set(err, VB_EFAIL, _("--on: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), v);
	return 0;
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
	if (get_on(a, &on, &err) < 0 || ent_fetch(ctx->db, &ent_agreement, NULL, &ags, &nag, &err) < 0)
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
			err_set(&err, VB_EFAIL, _("there is no agreement '%s'"), a->pos[0]);
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
	if (get_on(a, &on, &err) < 0 || versions_on(ctx->db, a->pos[0], on, &vi, &nvi, &err) < 0) {
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
	sqlite3_reset(st);
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
	if (get_on(a, &on, &err) < 0)
		return cmd_fail(a, &err);
	out_table *t = deadlines_table(ctx->db, on, (int)within, &err);
	if (!t)
		return cmd_fail(a, &err);
	int rc = cli_print(ctx, t, 0);
	out_free(t);
	return rc;
}

int
cmd_check(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	int64_t year = date_year(workflow_today());
	int errors = 0;
	err_clear(&err);
	const char *y = arg_get(a, "year");
	if (y && num_parse_int(y, 1000, 9999, &year) < 0) {
		err_set(&err, VB_EFAIL, _("--year: \"%s\" is not a year"), y);
		return cmd_fail(a, &err);
	}
	out_table *t = check_table(ctx->db, (int)year, workflow_today(), &errors, &err);
	if (!t)
		return cmd_fail(a, &err);
	int rc = cli_print(ctx, t, 0);
	if (rc == 0) {
		size_t warnings = t->nrows - (size_t)errors;
		char e1[64], w1[64];
		snprintf(e1, sizeof e1, P_("%d error", "%d errors", (unsigned long)errors), errors);
		snprintf(w1, sizeof w1, P_("%zu warning", "%zu warnings", warnings), warnings);
		report_info(_("%s, %s for %lld"), e1, w1, (long long)year);
	}
	out_free(t);
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
	out_table *t = log_table(ctx->db, since, arg_get(a, "entity"), arg_get(a, "code"), &err);
	if (!t)
		return cmd_fail(a, &err);
	int rc = cli_print(ctx, t, 0);
	out_free(t);
	return rc;
}

/* ------------------------------------------------------------ the table */

static const cli_opt on_opts[] = {
	{"on", 1, "DATE", N_("the day to look at (default today)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt version_opts[] = {
	{"like", 1, "N|current", N_("start from the parties, term, notice and text of that version")},
	{"add-party", 1, "CODE,…", N_("add these members to the parties (re-drafting on accession)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt deadlines_opts[] = {
	{"on", 1, "DATE", N_("the day to count from (default today)")},
	{"within", 1, "DAYS", N_("how many days ahead (default 90)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt check_opts[] = {
	{"year", 1, "YEAR", N_("the year to check (default the current year)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt log_opts[] = {
	{"since", 1, "DATE", N_("only changes on or after this day (UTC)")},
	{"entity", 1, "ENTITY", N_("only this kind: member, figure, key, service, cost, …")},
	{"code", 1, "CODE", N_("only this record (its code, or its identity a/b/c)")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt init_opts[] = {
	{"name", 1, "NAME", N_("the federation's name")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt key_opts[] = {
	{"metric", 1, "METRIC", N_("proportional to this figure of each member")},
	{"equal", 0, NULL, N_("every participating member weighs 1")},
	{"fixed", 1, "M=P,…", N_("fixed percentages adding up to exactly 100")},
	{"composite", 1, "K=W,…", N_("weighted mix of other keys, weights adding up to 100")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt allocate_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan (budget) or actual (default)")},
	{"explain", 0, NULL, N_("every share with key value, days, weight, exact quota and remainder cent")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt advances_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year (from its plan allocation)")},
	{"installments", 1, "N", N_("1, 2, 3, 4, 6 or 12 instalments (default: the configured due dates)")},
	{"issue", 0, NULL, N_("record these advances as issued (Abschlagsbescheid)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt settle_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt simulate_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan (default) or actual")},
	{"member", 1, "CODE", N_("an existing (prospective) member, as if it had joined")},
	{"joined", 1, "DATE", N_("first day of cost sharing (default: 1 January of the year)")},
	{"code", 1, "CODE", N_("code of a member described here (default: new)")},
	{"name", 1, "NAME", N_("name of a member described here")},
	{"figure", 2, "METRIC=VALUE", N_("a figure of the described member, for every year (repeatable)")},
	{NULL, 0, NULL, NULL},
};
static const cli_opt savings_opts[] = {
	{"year", 1, "YEAR", N_("the calendar year")},
	{"basis", 1, "BASIS", N_("plan or actual (default)")},
	{NULL, 0, NULL, NULL},
};

static const cli_opt export_opts[] = {
	{"output", 1, "FILE", N_("write to a new FILE with mode 0600 instead of standard output")},
	{"force", 0, NULL, N_("with --output: replace FILE if it exists")},
	{"pseudonymize", 0, NULL, N_("staff names of transfers as Person- and the first 8 hex digits of their SHA-256; no transfer notes")},
	{NULL, 0, NULL, NULL},
};

#define ENT(e) &ent_##e
#define NOLIST NULL

const vb_cmd vb_commands[] = {
	{"init", "--name NAME", N_("create a new federation file (fails if it exists)"),
	 cmd_init, DB_NONE, NULL, NULL, NULL, init_opts, 0, 0, NULL},
	{"demo", "NAME", N_("create a demo federation: komgrid, gifhorn, hessen-isb, muenster-lwl"),
	 cmd_demo, DB_NONE, NULL, NULL, NULL, NULL, 1, 1, NULL},

	{"member add", "CODE --name NAME [--kind K] [--status S] [--joined DATE] [--left DATE] [--host] […]",
	 N_("add a member"), cmd_ent_add, DB_NEED, ENT(member), "code", NULL, NULL, 1, 1, NULL},
	{"member set", "CODE [--name NAME] [--kind K] […]", N_("change a member"),
	 cmd_ent_set, DB_NEED, ENT(member), "code", NULL, NULL, 1, 1, NULL},
	{"member remove", "CODE", N_("remove a member that nothing refers to"),
	 cmd_ent_remove, DB_NEED, ENT(member), "code", "", NULL, 1, 1, NULL},
	{"member list", "[--on DATE] [--kind K] [--status S]", N_("list the members (--on: those sharing costs that day)"),
	 cmd_ent_list, DB_NEED, ENT(member), NULL, "kind,status", on_opts, 0, 0, NULL},
	{"member show", "CODE", N_("show one member"),
	 cmd_ent_show, DB_NEED, ENT(member), "code", "", NULL, 1, 1, NULL},

	{"figure set", "MEMBER METRIC YEAR VALUE", N_("set a member's key figure for a year"),
	 cmd_ent_upsert, DB_NEED, ENT(figure), "member,metric,year,value", NULL, NULL, 4, 4, NULL},
	{"figure list", "[--member M] [--metric X] [--year Y]", N_("list figures"),
	 cmd_ent_list, DB_NEED, ENT(figure), NULL, "member,metric,year", NULL, 0, 0, NULL},
	{"figure remove", "MEMBER METRIC YEAR", N_("remove a figure"),
	 cmd_ent_remove, DB_NEED, ENT(figure), "member,metric,year", "", NULL, 3, 3, NULL},

	{"service add", "CODE --name NAME --key KEY [--unit U] [--hours H] [--subscription] [--standalone AMOUNT]",
	 N_("add a service"), cmd_ent_add, DB_NEED, ENT(service), "code", NULL, NULL, 1, 1, NULL},
	{"service set", "CODE [--name NAME] [--key KEY] […]", N_("change a service"),
	 cmd_ent_set, DB_NEED, ENT(service), "code", NULL, NULL, 1, 1, NULL},
	{"service remove", "CODE", N_("remove a service without costs"),
	 cmd_ent_remove, DB_NEED, ENT(service), "code", "", NULL, 1, 1, NULL},
	{"service list", "", N_("list the service catalogue"),
	 cmd_ent_list, DB_NEED, ENT(service), NULL, "key", NULL, 0, 0, NULL},
	{"service show", "CODE", N_("show one service"),
	 cmd_ent_show, DB_NEED, ENT(service), "code", "", NULL, 1, 1, NULL},

	{"subscribe", "MEMBER SERVICE --from DATE [--until DATE]", N_("subscribe a member to a service"),
	 cmd_ent_add, DB_NEED, ENT(subscription), "member,service", NULL, NULL, 2, 2, NULL},
	{"unsubscribe", "MEMBER SERVICE --until DATE", N_("end a member's subscription on a date"),
	 cmd_unsubscribe, DB_NEED, ENT(subscription), "member,service", NULL, NULL, 2, 2, "from"},
	{"subscription list", "[--member M] [--service S]", N_("list subscriptions"),
	 cmd_ent_list, DB_NEED, ENT(subscription), NULL, "member,service", NULL, 0, 0, NULL},

	{"cost set", "SERVICE YEAR AMOUNT [--basis plan|actual]", N_("set a service's cost for a year"),
	 cmd_ent_upsert, DB_NEED, ENT(cost), "service,year,amount", NULL, NULL, 3, 3, NULL},
	{"cost list", "[--year Y] [--service S] [--basis B]", N_("list costs"),
	 cmd_ent_list, DB_NEED, ENT(cost), NULL, "service,year,basis", NULL, 0, 0, NULL},
	{"cost remove", "SERVICE YEAR [--basis plan|actual]", N_("remove a cost"),
	 cmd_ent_remove, DB_NEED, ENT(cost), "service,year", NULL, NULL, 2, 2, "amount"},

	{"key add", "CODE --name N (--metric M [--offset N] | --equal | --fixed m=P,… | --composite k=W,…) [--exclude m,…]",
	 N_("add a cost-sharing key"), cmd_key_write, DB_NEED, ENT(key), "code", NULL, key_opts, 1, 1,
	 "method,metric,parts"},
	{"key set", "CODE [--name N] [--metric M | --equal | --fixed … | --composite …] [--offset N] [--exclude …]",
	 N_("change a cost-sharing key"), cmd_key_write, DB_NEED, ENT(key), "code", NULL, key_opts, 1, 1,
	 "method,metric,parts"},
	{"key remove", "CODE", N_("remove a key that no service uses"),
	 cmd_ent_remove, DB_NEED, ENT(key), "code", "", NULL, 1, 1, NULL},
	{"key list", "", N_("list the cost-sharing keys"),
	 cmd_ent_list, DB_NEED, ENT(key), NULL, "method", NULL, 0, 0, NULL},
	{"key show", "CODE", N_("show one key"),
	 cmd_ent_show, DB_NEED, ENT(key), "code", "", NULL, 1, 1, NULL},

	{"grant add", "CODE --name N --amount A --from DATE --until DATE [--service S] [--source TEXT]",
	 N_("add a grant"), cmd_ent_add, DB_NEED, ENT(grant), "code", NULL, NULL, 1, 1, NULL},
	{"grant set", "CODE [--name N] [--amount A] […]", N_("change a grant"),
	 cmd_ent_set, DB_NEED, ENT(grant), "code", NULL, NULL, 1, 1, NULL},
	{"grant remove", "CODE", N_("remove a grant"),
	 cmd_ent_remove, DB_NEED, ENT(grant), "code", "", NULL, 1, 1, NULL},
	{"grant list", "", N_("list grants"),
	 cmd_ent_list, DB_NEED, ENT(grant), NULL, "service", NULL, 0, 0, NULL},

	{"transfer add", "--person P --from M --to M --date DATE --credit A --years N [--fte F] [--grade G]",
	 N_("add a staff transfer"), cmd_ent_add, DB_NEED, ENT(transfer), "", NULL, NULL, 0, 0, NULL},
	{"transfer set", "ID [--credit A] […]", N_("change a staff transfer"),
	 cmd_ent_set, DB_NEED, ENT(transfer), "id", NULL, NULL, 1, 1, NULL},
	{"transfer remove", "ID", N_("remove a staff transfer"),
	 cmd_ent_remove, DB_NEED, ENT(transfer), "id", "", NULL, 1, 1, NULL},
	{"transfer list", "", N_("list staff transfers"),
	 cmd_ent_list, DB_NEED, ENT(transfer), NULL, "from,to", NULL, 0, 0, NULL},

	{"agreement add", "CODE --title T --type TYPE", N_("add an agreement"),
	 cmd_ent_add, DB_NEED, ENT(agreement), "code", NULL, NULL, 1, 1, NULL},
	{"agreement version", "CODE --from DATE [--until DATE] [--term Y] [--notice M] [--text REF] (--parties m1,m2,… | --like N|current [--add-party M])",
	 N_("add a new version that every party must sign"), cmd_agreement_version, DB_NEED,
	 ENT(version), "agreement", NULL, version_opts, 1, 1, "number"},
	{"agreement sign", "CODE VERSION MEMBER --by NAME [--role R] --date DATE",
	 N_("record a party's signature of a version"), cmd_ent_upsert, DB_NEED, ENT(signature),
	 "agreement,number,member", NULL, NULL, 3, 3, NULL},
	{"agreement list", "[--on DATE]", N_("list agreements with the status of the version in force"),
	 cmd_agreement_list, DB_NEED, NULL, NULL, NULL, on_opts, 0, 0, NULL},
	{"agreement show", "CODE [--on DATE]", N_("show an agreement's versions, parties, signatures and status"),
	 cmd_agreement_show, DB_NEED, NULL, NULL, NULL, on_opts, 1, 1, NULL},

	{"allocate", "--year Y [--basis plan|actual] [--explain]",
	 N_("the cent-exact cost allocation of a year"), cmd_allocate, DB_NEED, NULL, NULL, NULL,
	 allocate_opts, 0, 0, NULL},
	{"advances", "--year Y [--installments N] [--issue]",
	 N_("instalments of the plan allocation and their due dates"), cmd_advances, DB_NEED, NULL,
	 NULL, NULL, advances_opts, 0, 0, NULL},
	{"settle", "--year Y", N_("final settlement: actual allocation minus advances"),
	 cmd_settle, DB_NEED, NULL, NULL, NULL, settle_opts, 0, 0, NULL},
	{"simulate", "--year Y (--member CODE [--joined D] | [--code C] --name N --joined D --figure metric=value …) [--basis plan|actual]",
	 N_("what every member would pay if a member joined; nothing is written"), cmd_simulate,
	 DB_NEED, NULL, NULL, NULL, simulate_opts, 0, 0, NULL},
	{"savings", "--year Y [--basis plan|actual]",
	 N_("what each member saves against running the services alone"), cmd_savings, DB_NEED,
	 NULL, NULL, NULL, savings_opts, 0, 0, NULL},

	{"deadlines", "[--within DAYS] [--on DATE]",
	 N_("notice dates, unsigned versions, ending credits, grants and memberships"), cmd_deadlines,
	 DB_NEED, NULL, NULL, NULL, deadlines_opts, 0, 0, NULL},
	{"check", "[--year Y]", N_("consistency report; exit 1 when it finds an error"),
	 cmd_check, DB_NEED, NULL, NULL, NULL, check_opts, 0, 0, NULL},
	{"log", "[--since DATE] [--entity E] [--code C]", N_("the audit log of every change"),
	 cmd_log, DB_NEED, NULL, NULL, NULL, log_opts, 0, 0, NULL},

	{"import", "KIND FILE|-", N_("import CSV or JSON records; KIND all reads a JSON export"),
	 cmd_import, DB_NEED, NULL, NULL, NULL, NULL, 2, 2, NULL},
	{"export", "[KIND] [--format json|csv] [--output FILE [--force]] [--pseudonymize]", N_("export the federation as JSON, or one kind as CSV"),
	 cmd_export, DB_NEED, NULL, NULL, NULL, export_opts, 0, 1, NULL},
	{"backup", "FILE", N_("consistent copy of the file while others use it"),
	 cmd_backup, DB_NEED, NULL, NULL, NULL, NULL, 1, 1, NULL},
	{NULL, NULL, NULL, NULL, DB_NONE, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
