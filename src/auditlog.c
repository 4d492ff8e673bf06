/* The audit log's batch entries: written by an import, read back one
 * entry per record through the virtual table vb_audit_entry (the
 * layout is in auditlog.h). */
#include "config.h"
#include "auditlog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "i18n.h"
#include "json.h"

int
audit_batch(vb_db *db, const char *entity, size_t n, const char *code, const char *after,
	    const char *values, vb_err *err)
{
	static const char sql[] =
		"INSERT INTO audit(time, user, action, entity, code, before, after, entries) "
		"VALUES (?1, ?2, 'add', ?3, ?4, NULL, ?5, ?6)";
	char now[32];
	if (n == 0)
		return 0;
	if (n == 1)
		return db_audit(db, "add", entity, code, NULL, after, err);
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_audit_stamp(db, st, now);
	db_bind_text(st, 3, entity);
	db_bind_text(st, 4, code);
	db_bind_text(st, 5, values);
	db_bind_int(st, 6, (int64_t)n);
	return db_step(db, st, err) == SQLITE_DONE ? 0 : -1;
}

/* ------------------------------------------------------ vb_audit_entry */

enum { AE_TIME, AE_USER, AE_ACTION, AE_ENTITY, AE_CODE, AE_BEFORE, AE_AFTER, AE_ID, AE_K };
/* the columns of the SELECT on audit */
enum { S_ID, S_TIME, S_USER, S_ACTION, S_ENTITY, S_CODE, S_BEFORE, S_AFTER, S_ENTRIES };

/* the plan chosen by ae_best */
#define PLAN_EQ 1
#define PLAN_LO 2
#define PLAN_HI 4
#define PLAN_DESC 8

typedef struct ae_vtab {
	sqlite3_vtab base;
	sqlite3 *h;
} ae_vtab;

typedef struct ae_cursor {
	sqlite3_vtab_cursor base;
	sqlite3_stmt *st;	/* the rows of audit */
	int desc, eof;
	int64_t id;
	int64_t n;		/* records of the row: 1, or its entries */
	int64_t k;		/* the record shown: 0 … n-1 */
	const vb_entity *e;	/* a batch's entity */
	jval *batch;		/* a batch's values, parsed on first use */
	int64_t made;		/* the k whose code and after are below; -1 */
	sbuf code, after;
} ae_cursor;

static int
ae_connect(sqlite3 *h, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **msg)
{
	(void)aux, (void)argc, (void)argv, (void)msg;
	int rc = sqlite3_declare_vtab(h, "CREATE TABLE x(time, user, action, entity, code, before, after, id, k)");
	if (rc != SQLITE_OK)
		return rc;
	ae_vtab *vt = sqlite3_malloc(sizeof *vt);
	if (!vt)
		return SQLITE_NOMEM;
	memset(vt, 0, sizeof *vt);
	vt->h = h;
	*out = &vt->base;
	return SQLITE_OK;
}

static int
ae_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* Bounds on id are used (each is checked by SQLite again, so > may be
 * read as >=); ORDER BY id, or id and k the same way, is delivered. */
static int
ae_best(sqlite3_vtab *vt, sqlite3_index_info *ix)
{
	(void)vt;
	int eq = -1, lo = -1, hi = -1, plan = 0, arg = 0;
	double cost = 1e6;
	for (int i = 0; i < ix->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &ix->aConstraint[i];
		if (!c->usable || c->iColumn != AE_ID)
			continue;
		if (c->op == SQLITE_INDEX_CONSTRAINT_EQ)
			eq = i;
		else if (c->op == SQLITE_INDEX_CONSTRAINT_GT || c->op == SQLITE_INDEX_CONSTRAINT_GE)
			lo = i;
		else if (c->op == SQLITE_INDEX_CONSTRAINT_LT || c->op == SQLITE_INDEX_CONSTRAINT_LE)
			hi = i;
	}
	if (eq >= 0) {
		plan |= PLAN_EQ;
		ix->aConstraintUsage[eq].argvIndex = ++arg;
		cost = 10;
	} else {
		if (lo >= 0) {
			plan |= PLAN_LO;
			ix->aConstraintUsage[lo].argvIndex = ++arg;
			cost /= 4;
		}
		if (hi >= 0) {
			plan |= PLAN_HI;
			ix->aConstraintUsage[hi].argvIndex = ++arg;
			cost /= 4;
		}
	}
	if (ix->nOrderBy >= 1 && ix->aOrderBy[0].iColumn == AE_ID &&
	    (ix->nOrderBy == 1 || (ix->nOrderBy == 2 && ix->aOrderBy[1].iColumn == AE_K &&
				   ix->aOrderBy[1].desc == ix->aOrderBy[0].desc))) {
		ix->orderByConsumed = 1;
		if (ix->aOrderBy[0].desc)
			plan |= PLAN_DESC;
	}
	ix->idxNum = plan;
	ix->estimatedCost = cost;
	ix->estimatedRows = (sqlite3_int64)cost;
	return SQLITE_OK;
}

static int
ae_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	(void)vt;
	ae_cursor *c = sqlite3_malloc(sizeof *c);
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	c->made = -1;
	*out = &c->base;
	return SQLITE_OK;
}

static void
ae_forget(ae_cursor *c)
{
	json_free(c->batch);
	c->batch = NULL;
	c->made = -1;
}

static int
ae_close(sqlite3_vtab_cursor *cur)
{
	ae_cursor *c = (ae_cursor *)cur;
	sqlite3_finalize(c->st);
	ae_forget(c);
	sb_free(&c->code), sb_free(&c->after);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* A row of audit that cannot be read: the message, as an error of the
 * statement reading the log. */
static char *
damaged(const ae_cursor *c, const char *why)
{
	return sqlite3_mprintf(_("the federation file's audit log entry %lld cannot be read: %s"), (long long)c->id,
			       why);
}

static int
fail(ae_cursor *c, const char *why)
{
	sqlite3_free(c->base.pVtab->zErrMsg);
	c->base.pVtab->zErrMsg = damaged(c, why);
	return SQLITE_CORRUPT_VTAB;
}

/* The next row of audit: its first record (the last when descending). */
static int
ae_row(ae_cursor *c)
{
	ae_forget(c);
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_DONE) {
		c->eof = 1;
		return SQLITE_OK;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_free(c->base.pVtab->zErrMsg);
		c->base.pVtab->zErrMsg = sqlite3_mprintf("%s", sqlite3_errmsg(sqlite3_db_handle(c->st)));
		return rc;
	}
	c->id = sqlite3_column_int64(c->st, S_ID);
	c->n = 1;
	c->e = NULL;
	if (sqlite3_column_type(c->st, S_ENTRIES) != SQLITE_NULL) {
		int integer = sqlite3_column_type(c->st, S_ENTRIES) == SQLITE_INTEGER;
		const char *name = (const char *)sqlite3_column_text(c->st, S_ENTITY);
		c->n = integer ? sqlite3_column_int64(c->st, S_ENTRIES) : 0;
		if (c->n < 2 || c->n > AUDIT_BATCH_MAX)
			return fail(c, _("its number of records is not a whole number from 2 to 1024"));
		c->e = name ? ent_by_name(name) : NULL;
		if (!c->e || strcmp(c->e->name, name) != 0)
			return fail(c, _("its kind of record is not known"));
		if (sqlite3_column_type(c->st, S_AFTER) != SQLITE_TEXT)
			return fail(c, _("its records are not text"));
	}
	c->k = c->desc ? c->n - 1 : 0;
	return SQLITE_OK;
}

static int
ae_filter(sqlite3_vtab_cursor *cur, int plan, const char *name, int argc, sqlite3_value **argv)
{
	ae_cursor *c = (ae_cursor *)cur;
	ae_vtab *vt = (ae_vtab *)cur->pVtab;
	char sql[256];
	(void)name;
	snprintf(sql, sizeof sql,
		 "SELECT id, time, user, action, entity, code, before, after, entries FROM audit%s%s ORDER BY id %s",
		 plan & PLAN_EQ ? " WHERE id = ?1" : plan & PLAN_LO ? " WHERE id >= ?1" : plan & PLAN_HI ? " WHERE id <= ?1" : "",
		 (plan & (PLAN_LO | PLAN_HI)) == (PLAN_LO | PLAN_HI) ? " AND id <= ?2" : "",
		 plan & PLAN_DESC ? "DESC" : "ASC");
	sqlite3_finalize(c->st);
	c->st = NULL;
	ae_forget(c);
	c->eof = 0;
	c->desc = (plan & PLAN_DESC) != 0;
	int rc = sqlite3_prepare_v2(vt->h, sql, -1, &c->st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_free(cur->pVtab->zErrMsg);
		cur->pVtab->zErrMsg = sqlite3_mprintf("%s", sqlite3_errmsg(vt->h));
		return rc;
	}
	for (int i = 0; i < argc; i++)
		sqlite3_bind_value(c->st, i + 1, argv[i]);
	return ae_row(c);
}

static int
ae_next(sqlite3_vtab_cursor *cur)
{
	ae_cursor *c = (ae_cursor *)cur;
	if (c->desc ? c->k > 0 : c->k < c->n - 1) {
		c->k += c->desc ? -1 : 1;
		return SQLITE_OK;
	}
	return ae_row(c);
}

static int
ae_eof(sqlite3_vtab_cursor *cur)
{
	return ((ae_cursor *)cur)->eof;
}

/* The batch's values parsed, on first use: its keys first, then one
 * array per record.  NULL, or the reason it cannot be read. */
static char *
ae_parse(ae_cursor *c)
{
	vb_err err;
	if (c->batch)
		return NULL;
	const char *text = (const char *)sqlite3_column_text(c->st, S_AFTER);
	int len = sqlite3_column_bytes(c->st, S_AFTER);
	c->batch = json_parse_spans("after", text ? text : "", text ? (size_t)len : 0, &err);
	if (!c->batch)
		return damaged(c, err.msg);
	const jval *keys = c->batch->t == JARR && c->batch->n > 0 ? &c->batch->items[0] : NULL;
	int ok = keys && keys->t == JARR && keys->n > 0;
	for (size_t i = 0; ok && i < keys->n; i++)
		ok = keys->items[i].t == JSTR;
	char *why = !ok ? damaged(c, _("it does not begin with the names of its fields"))
		    : (int64_t)c->batch->n != c->n + 1 ? damaged(c, _("its records are not as many as its number says"))
		    : NULL;
	if (why)
		ae_forget(c);
	return why;
}

/* Whether the JSON text raw (a string) is "name" or, for an amount,
 * "name_cents": the key of field f in a record's object. */
static int
names_field(const jval *raw, const vb_field *f)
{
	size_t nl = strlen(f->name), n = raw->rawlen;
	const char *r = raw->raw;
	if (n < nl + 2 || r[0] != '"' || memcmp(r + 1, f->name, nl) != 0)
		return 0;
	return n == nl + 2 || (f->type == FT_CENTS && n == nl + 8 && memcmp(r + 1 + nl, "_cents\"", 7) == 0);
}

/* Field f of r from the value x of a batch (known by its text only). */
static int
parse_key(vb_rec *r, int f, const jval *x, vb_err *err)
{
	jval v = *x;
	jval *lit = NULL;
	int rc;
	if (x->t == JSTR && memchr(x->raw, '\\', x->rawlen)) {
		/* escapes: the string read again, whole */
		lit = json_parse("after", x->raw, x->rawlen, err);
		if (!lit)
			return -1;
		v.s = lit->s;
	} else if (x->t == JSTR || x->t == JNUM) {
		size_t skip = x->t == JSTR;
		v.s = xstrndup(x->raw + skip, x->rawlen - 2 * skip);
	}
	rc = rec_parse_json(r, f, &v, err);
	if (lit)
		json_free(lit);
	else
		free(v.s);
	return rc;
}

/* The code and the object of record k of a batch: the object as the
 * names and values are stored (history is shown as it was written),
 * the code from the values of the fields that identify a record of its
 * kind, made as a single entry's is.  NULL, or the reason it cannot be
 * read (free it). */
static char *
ae_make(ae_cursor *c)
{
	vb_err err;
	char why[1200];
	char *fail_why;
	if (c->made == c->k)
		return NULL;
	if ((fail_why = ae_parse(c)) != NULL)
		return fail_why;
	const jval *keys = &c->batch->items[0], *v = &c->batch->items[c->k + 1];
	if (v->t != JARR || v->n != keys->n)
		return damaged(c, _("a record does not have the values of its fields"));
	sb_reset(&c->after);
	sb_putc(&c->after, '{');
	for (size_t i = 0; i < v->n; i++) {
		const jval *x = &v->items[i];
		if (x->t == JARR || x->t == JOBJ)
			return damaged(c, _("a record does not have the values of its fields"));
		/* the texts as written (valid JSON: the parser took them) */
		if (i > 0)
			sb_putn(&c->after, ", ", 2);
		sb_putn(&c->after, keys->items[i].raw, keys->items[i].rawlen);
		sb_putn(&c->after, ": ", 2);
		sb_putn(&c->after, x->raw, x->rawlen);
	}
	sb_putc(&c->after, '}');
	/* the code: the fields that identify a record, found by their names */
	vb_rec r;
	rec_init(&r, c->e);
	int a = ent_auto_field(c->e);
	for (int f = 0; f < c->e->nfields; f++) {
		const vb_field *fd = &c->e->fields[f];
		if (!(fd->flags & FF_KEY) && f != a)
			continue;
		size_t i = 0;
		while (i < keys->n && !names_field(&keys->items[i], fd))
			i++;
		if (i == keys->n) {
			if (f == a)
				continue;	/* a number of its own is not needed */
			rec_free(&r);
			snprintf(why, sizeof why, _("its fields do not include %s, which identifies a record"), fd->name);
			return damaged(c, why);
		}
		if (parse_key(&r, f, &v->items[i], &err) < 0) {
			rec_free(&r);
			snprintf(why, sizeof why, "%s: %s", fd->name, err.msg);
			return damaged(c, why);
		}
	}
	sb_reset(&c->code);
	rec_ident_to(&r, &c->code);
	rec_free(&r);
	c->made = c->k;
	return NULL;
}

static int
ae_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	static const int stored[] = {S_TIME, S_USER, S_ACTION, S_ENTITY, S_CODE, S_BEFORE, S_AFTER};
	ae_cursor *c = (ae_cursor *)cur;
	if (col == AE_ID) {
		sqlite3_result_int64(ctx, c->id);
	} else if (col == AE_K) {
		sqlite3_result_int64(ctx, c->k);
	} else if (!c->e || col < AE_CODE) {
		sqlite3_result_value(ctx, sqlite3_column_value(c->st, stored[col]));
	} else if (col == AE_BEFORE) {
		sqlite3_result_null(ctx);	/* a batch's records were added */
	} else {
		char *why = ae_make(c);
		if (why) {
			sqlite3_result_error(ctx, why, -1);
			sqlite3_result_error_code(ctx, SQLITE_CORRUPT_VTAB);
			sqlite3_free(why);
			return SQLITE_OK;
		}
		const sbuf *b = col == AE_CODE ? &c->code : &c->after;
		sqlite3_result_text(ctx, b->s ? b->s : "", (int)b->len, SQLITE_TRANSIENT);
	}
	return SQLITE_OK;
}

static int
ae_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((ae_cursor *)cur)->id;
	return SQLITE_OK;
}

static const sqlite3_module ae_module = {
	.iVersion = 0,
	.xCreate = NULL,	/* eponymous only */
	.xConnect = ae_connect,
	.xBestIndex = ae_best,
	.xDisconnect = ae_disconnect,
	.xOpen = ae_open,
	.xClose = ae_close,
	.xFilter = ae_filter,
	.xNext = ae_next,
	.xEof = ae_eof,
	.xColumn = ae_column,
	.xRowid = ae_rowid,
};

int
audit_entries_register(sqlite3 *h)
{
	return sqlite3_create_module_v2(h, "vb_audit_entry", &ae_module, NULL, NULL);
}
