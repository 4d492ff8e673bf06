/* Batch commands on whole files: init, demo, import, export and backup. */
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
#include "fileio.h"
#include "i18n.h"
#include "json.h"
#include "impexp.h"
#include "num.h"
#include "sha256.h"
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

/* The log entry of a new federation: its name, as an object like every
 * entry's before and after. */
static int
audit_init(vb_db *db, const char *name, vb_err *err)
{
	sbuf after;
	sb_init(&after);
	sb_adds(&after, "{\"name\": ");
	json_quote(&after, name);
	sb_adds(&after, "}");
	int rc = db_audit(db, "init", "federation", "", NULL, after.s, err);
	sb_free(&after);
	return rc;
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
	    audit_init(ctx->db, name, err) < 0)
		goto fail_tx;
	if (db_commit(ctx->db, err) < 0)
		goto fail;
	return 0;
fail_tx:
	db_rollback(ctx->db);
fail:
	/* not published yet: closing leaves nothing under the name */
	db_close(ctx->db);
	ctx->db = NULL;
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
	if (create_federation(ctx, a, name, NULL, &err) < 0 || db_publish(ctx->db, &err) < 0)
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
		if (session_open_db(ctx, &err) < 0) {
			rc = report_err(&err);
			goto out;
		}
		sqlite3_stmt *s = db_prep(ctx->db, count_sql, &err);
		if (!s || db_step(ctx->db, s, &err) != SQLITE_ROW) {
			rc = cmd_fail(a, &err);
			goto out;
		}
		int members = sqlite3_column_int(s, 0);
		db_end(s);
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
	if (import_data(ctx->db, NULL, which, data, len, &n, &err) < 0 || db_publish(ctx->db, &err) < 0) {
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
	size_t len, n = 0, changed = 0;
	char *data = file_read_all(file, &len);
	if (!data) {
		err_set(&err, VB_EFAIL, _("%s: cannot read: %s"), file, strerror(errno));
		return cmd_fail(a, &err);
	}
	const char *shown = strcmp(file, "-") == 0 ? "<stdin>" : file;
	int rc = 0;
	cli_progress pr;
	cli_progress_init(&pr, ctx);
	if (e == &ent_agreement) {
		/* agreements travel with their versions, in the JSON of export */
		sbuf wrap;
		sb_init(&wrap);
		sb_adds(&wrap, "{\"verbund\": 1, \"agreements\": ");
		sb_addn(&wrap, data, len);
		sb_adds(&wrap, "}");
		rc = import_data_progress(ctx->db, NULL, shown, wrap.s, wrap.len, 0, &pr.pub, &n, &changed,
					  &err);
		sb_free(&wrap);
	} else {
		rc = import_data_progress(ctx->db, e, shown, data, len,
					  arg_has(a, "new-metrics") ? IMPORT_NEW_METRICS : 0, &pr.pub, &n,
					  &changed, &err);
	}
	free(data);
	if (rc < 0)
		return cmd_fail(a, &err);
	if (n > 0 && changed == 0)
		report_info(P_("nothing changed: the %zu record of %s is stored already",
			       "nothing changed: the %zu records of %s are stored already", n), n, shown);
	else
		report_info(P_("imported %zu record from %s", "imported %zu records from %s", n), n, shown);
	return 0;
}

/* vb_pseudonym(name): "Person-" and the first 12 hex digits of the
 * HMAC-SHA-256 of the name's UTF-8 bytes under the federation's secret
 * key: the same name gets the same pseudonym within one federation,
 * and without the key a list of names does not give them away. */
static void
sql_pseudonym(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *key = sqlite3_user_data(cx);
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	if (!name) {
		sqlite3_result_null(cx);
		return;
	}
	char hex[65], out[24];
	hmac_sha256_hex(key, 32, name, (size_t)sqlite3_value_bytes(argv[0]), hex);
	snprintf(out, sizeof out, "Person-%.12s", hex);
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
	unsigned char *key = xmalloc(32);
	if (db_pseudonym_key(db, key, err) < 0) {
		free(key);
		return -1;
	}
	/* the key lives as long as the function: freed with the connection */
	if (sqlite3_create_function_v2(db_handle(db), "vb_pseudonym", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, key, sql_pseudonym, NULL,
				       NULL, free) != SQLITE_OK)
		return db_fail(db, sqlite3_errcode(db_handle(db)), "vb_pseudonym", err);
	return db_exec(db, sql, err);
}

/* Writes an export as it is read: into the temporary file of --output
 * (renamed into place when whole) or onto stdout. */
int
cmd_export(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	int fmt = ctx->fmt;
	const char *output = arg_get(a, "output");
	const vb_entity *e = NULL;
	if (fmt == FMT_TABLE || fmt == FMT_MD)
		return cli_usage_error(a, _("export writes json, csv or csv-de"));
	if (arg_has(a, "force") && !output)
		return cli_usage_error(a, _("--force replaces the file of --output"));
	if (output && strcmp(output, "-") == 0)
		output = NULL;
	if (a->npos == 0 || strcmp(a->pos[0], "all") == 0) {
		if (fmt >= 0 && fmt != FMT_JSON)
			return cli_usage_error(a, _("the whole federation is exported as JSON; name a kind for CSV"));
	} else {
		e = ent_by_name(a->pos[0]);
		if (!e || e == &ent_version || e == &ent_signature || strcmp(e->plural, a->pos[0]) != 0)
			return cli_usage_error(a, _("unknown kind '%s'"), a->pos[0]);
		if (e == &ent_agreement && fmt >= 0 && fmt != FMT_JSON)
			return cli_usage_error(a, _("agreements are exported as JSON only"));
	}
	if (arg_has(a, "pseudonymize") && pseudonymize(ctx->db, &err) < 0)
		return cmd_fail(a, &err);
	afile af;
	FILE *f = stdout;
	if (output) {
		int rc = afile_open(&af, output, arg_has(a, "force") ? AFILE_REPLACE : AFILE_NEW, &err);
		if (rc == AFILE_EXISTS)
			err_set(&err, VB_EFAIL, _("%s: the file already exists; use --force to replace it"), output);
		if (rc < 0)
			return cmd_fail(a, &err);
		f = af.f;
	}
	cli_progress pr;
	cli_progress_init(&pr, ctx);
	export_sink sink = {f, 0, &pr.pub, 0, 0};
	sbuf out;
	sb_init(&out);
	/* one read transaction: every table from the same state of the file */
	int rc = db_exec(ctx->db, "BEGIN", &err);
	int64_t total = rc < 0 ? -1 : export_count(ctx->db, e == &ent_agreement ? NULL : e, &err);
	rc = total < 0 ? -1 : 0;
	sink.total = total > 0 ? (uint64_t)total : 0;
	if (rc < 0) {
		/* reported below */
	} else if (!e) {
		rc = export_json(ctx->db, &out, &sink, &err);
	} else if (e == &ent_agreement || fmt == FMT_JSON) {
		rc = export_kind_json(ctx->db, e, &out, &sink, &err);
	} else {
		out_table *t = out_stream_new(f, fmt < 0 ? FMT_CSV : fmt, 0, 0);
		rc = export_rows(ctx->db, e, t, &sink, &err);
		if (rc == 0 && out_end(t) < 0)
			sink.bad = 1;
		out_free(t);
	}
	db_exec(ctx->db, "COMMIT", NULL);
	vb_progress_report(&pr.pub, "export", sink.total, sink.total);
	if (rc == 0 && out.len && !sink.bad && fwrite(out.s, 1, out.len, f) != out.len)
		sink.bad = 1;
	sb_free(&out);
	if (rc == 0 && !sink.bad && fflush(f) != 0)
		sink.bad = 1;
	if (rc < 0 || (sink.bad && output)) {
		if (output)
			afile_abort(&af);
		if (rc == 0)
			err_set(&err, VB_EFAIL, _("%s: cannot write: %s"), output, strerror(errno));
		return cmd_fail(a, &err);
	}
	if (sink.bad) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	if (output) {
		if (afile_commit(&af, &err) < 0)
			return cmd_fail(a, &err);
		report_info(_("exported to %s"), output);
	}
	return 0;
}

/* The copy is made in a temporary file beside the target and renamed
 * into place when whole: an interrupted backup leaves no file under
 * the target's name, and a backup never replaces a file. */
int
cmd_backup(vb_ctx *ctx, cli_args *a)
{
	vb_err err;
	err_clear(&err);
	const char *target = a->pos[0];
	afile af;
	int rc = afile_reserve(&af, target, AFILE_NEW, &err);
	if (rc == AFILE_EXISTS)
		err_set(&err, VB_EFAIL, _("%s: the file already exists; a backup never overwrites"), target);
	if (rc < 0)
		return cmd_fail(a, &err);
	sqlite3 *dst;
	rc = sqlite3_open_v2(af.tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", db_handle(ctx->db), "main") : NULL;
	if (b) {
		cli_progress pr;
		cli_progress_init(&pr, ctx);
		/* step in slices so that writers can proceed between them */
		while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			int all = sqlite3_backup_pagecount(b), done = all - sqlite3_backup_remaining(b);
			if (done < all)
				vb_progress_report(&pr.pub, _("backup (pages)"), (uint64_t)done, (uint64_t)all);
			sqlite3_sleep(rc == SQLITE_OK ? 0 : 10);
		}
		vb_progress_report(&pr.pub, "backup", 1, 1);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE) {
		err_set(&err, VB_EFAIL, _("%s: backup failed: %s"), target, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		afile_abort(&af);
		return cmd_fail(a, &err);
	}
	/* closing the last connection checkpoints and removes its journal */
	if (sqlite3_close(dst) != SQLITE_OK) {
		err_set(&err, VB_EFAIL, _("%s: backup failed: %s"), target, sqlite3_errmsg(dst));
		afile_abort(&af);
		return cmd_fail(a, &err);
	}
	if (afile_commit(&af, &err) < 0)
		return cmd_fail(a, &err);
	report_info(_("backed up %s to %s"), ctx->db_path, target);
	return 0;
}
