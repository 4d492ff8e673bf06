/* SQL generated from the entity tables (never from user text), kept
 * per connection; binding records to statements and reading rows back;
 * loading and fetching records. */
#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>

#include "entity_sql.h"
#include "dbvalid.h"

static void
sql_free(void *p)
{
	ent_sql *q = p;
	free(q->select), free(q->by_key), free(q->insert), free(q->update);
	free(q->del), free(q->exists), free(q->cols), free(q->order), free(q->count);
	free(q->insert_new);
	for (int i = 0; i < q->nfilters; i++)
		free(q->filters[i].sql);
	free(q->filters);
	free(q);
}

static ent_sql *
build_sql(const vb_entity *e)
{
	ent_sql *q = xcalloc(1, sizeof *q);
	sbuf cols, keys, sel, ins, upd, del, order, ex;
	sb_init(&cols), sb_init(&keys), sb_init(&sel), sb_init(&ins), sb_init(&upd);
	sb_init(&del), sb_init(&order), sb_init(&ex);
	int auto_i = ent_auto_field(e), nc = 0, nk = 0, np = 0;
	/* key condition: the auto id when the entity has one */
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if (field_is_virtual(f))
			continue;
		sb_printf(&cols, "%s%s", nc ? ", " : "", f->col);
		nc++;
		if (f->flags & FF_KEY) {
			sb_printf(&keys, "%s%s = ?%d", nk ? " AND " : "", f->col, ++np);
			sb_printf(&order, "%s%s", nk ? ", " : "", f->col);
			nk++;
		}
	}
	sb_printf(&sel, "SELECT %s FROM %s WHERE %s", cols.s, e->table, keys.s);
	q->by_key = sb_take(&sel);
	/* numbered records (transfers) list in the order of their numbers */
	sb_printf(&sel, "SELECT %s FROM %s ORDER BY %s", cols.s, e->table,
		  auto_i >= 0 ? e->fields[auto_i].col : order.s);
	q->select = sb_take(&sel);
	sb_printf(&sel, "SELECT count(*) FROM %s", e->table);
	q->count = sb_take(&sel);
	q->cols = xstrdup(cols.s);
	q->order = xstrdup(auto_i >= 0 ? e->fields[auto_i].col : order.s);
	/* insert: all stored columns; ?N numbered by stored column position */
	sb_printf(&ins, "INSERT INTO %s(%s) VALUES (", e->table, cols.s);
	for (int k = 0; k < nc; k++)
		sb_printf(&ins, "%s?%d", k ? ", " : "", k + 1);
	sb_adds(&ins, ")");
	q->insert = xstrdup(ins.s);
	sb_adds(&ins, " ON CONFLICT DO NOTHING");
	q->insert_new = sb_take(&ins);
	/* update/delete by the auto id, else by the key columns */
	sbuf where;
	sb_init(&where);
	int k = 0;
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if (field_is_virtual(f))
			continue;
		k++;
		if (auto_i >= 0 ? i == auto_i : (f->flags & FF_KEY) != 0)
			sb_printf(&where, "%s%s = ?%d", where.len ? " AND " : "", f->col, k);
	}
	sb_printf(&upd, "UPDATE %s SET ", e->table);
	k = 0;
	int nset = 0;
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if (field_is_virtual(f))
			continue;
		k++;
		if (i != auto_i)
			sb_printf(&upd, "%s%s = ?%d", nset++ ? ", " : "", f->col, k);
	}
	sb_printf(&upd, " WHERE %s", where.s);
	q->update = sb_take(&upd);
	/* delete binds the same positions as update; unused ones stay NULL */
	sb_printf(&del, "DELETE FROM %s WHERE %s", e->table, where.s);
	q->del = sb_take(&del);
	sb_printf(&ex, "SELECT 1 FROM %s WHERE %s", e->table, keys.s);
	q->exists = sb_take(&ex);
	sb_free(&where);
	sb_free(&cols), sb_free(&keys), sb_free(&order);
	return q;
}

/* The statements live with the connection, so that the entity tables
 * stay constant data. */
static ent_sql *
sql_of(vb_db *db, const vb_entity *e)
{
	ent_sql *q = db_memo(db, e);
	if (!q) {
		q = build_sql(e);
		db_memo_put(db, e, q, sql_free);
	}
	return q;
}

const ent_sql *
ent_sql_of(vb_db *db, const vb_entity *e)
{
	return sql_of(db, e);
}

void
ent_bind_val(sqlite3_stmt *st, int pos, const vb_field *f, const vb_val *v)
{
	if (v->null)
		db_bind_null(st, pos);
	else if (field_is_text(f))
		db_bind_text(st, pos, v->s);
	else
		db_bind_int(st, pos, v->i);
}

void
ent_bind_all(sqlite3_stmt *st, const vb_rec *r)
{
	int k = 0;
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (field_is_virtual(f))
			continue;
		ent_bind_val(st, ++k, f, &r->v[i]);
	}
}

/* The record's identity as stored, for a message about a bad value. */
static char *
stored_ident(sqlite3_stmt *st, const vb_entity *e)
{
	sbuf b;
	sb_init(&b);
	int k = 0, a = ent_auto_field(e);
	for (int i = 0; i < e->nfields; i++) {
		if (field_is_virtual(&e->fields[i]))
			continue;
		if (a >= 0 ? i == a : (e->fields[i].flags & FF_KEY) != 0) {
			const char *t = (const char *)sqlite3_column_text(st, k);
			sb_printf(&b, "%s%s", b.len ? "/" : "", t ? t : "NULL");
		}
		k++;
	}
	return sb_take(&b);
}

int
ent_read_row(sqlite3_stmt *st, vb_rec *r, vb_err *err)
{
	int k = 0;
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (field_is_virtual(f))
			continue;
		/* what another program wrote is checked like input; the
		 * record is named once a value fails (reading its identity
		 * can convert the stored values: the first word then stands) */
		vb_err first;
		if (dbv_field(r->ent, i, st, k, &(dbv_at){r->ent->table, NULL}, &first) < 0) {
			char *id = stored_ident(st, r->ent);
			if (dbv_field(r->ent, i, st, k, &(dbv_at){r->ent->table, id}, err) == 0 && err)
				*err = first;
			free(id);
			return -1;
		}
		if (sqlite3_column_type(st, k) == SQLITE_NULL)
			val_set_text(&r->v[i], NULL);
		else if (field_is_text(f))
			val_set_text(&r->v[i], db_col_text(st, k));
		else
			val_set_int(&r->v[i], sqlite3_column_int64(st, k));
		k++;
	}
	return 0;
}

int
ent_auto_field(const vb_entity *e)
{
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_AUTO)
			return i;
	return -1;
}

/* The select comparing exactly the fields of mask: one statement per
 * combination, built once from the field table, so that SQLite can use
 * the keys' indexes (a member's figures, a service's costs). */
const char *
ent_filter_sql(vb_db *db, const vb_entity *e, unsigned mask)
{
	ent_sql *q = sql_of(db, e);
	for (int i = 0; i < q->nfilters; i++)
		if (q->filters[i].mask == mask)
			return q->filters[i].sql;
	sbuf b;
	sb_init(&b);
	sb_printf(&b, "SELECT %s FROM %s WHERE ", q->cols, e->table);
	int k = 0;
	for (int i = 0; i < e->nfields; i++)
		if (mask & (1u << i)) {
			sb_printf(&b, "%s%s = ?%d", k ? " AND " : "", e->fields[i].col, k + 1);
			k++;
		}
	sb_printf(&b, " ORDER BY %s", q->order);
	q->filters = xrealloc(q->filters, (size_t)(q->nfilters + 1) * sizeof *q->filters);
	q->filters[q->nfilters].mask = mask;
	q->filters[q->nfilters].sql = sb_take(&b);
	return q->filters[q->nfilters++].sql;
}

int
ent_load(vb_db *db, const vb_entity *e, const vb_rec *key, vb_rec *out, vb_err *err)
{
	int a = ent_auto_field(e);
	sqlite3_stmt *st;
	rec_init(out, e);
	if (a >= 0 && !key->v[a].null) {
		/* by number */
		st = db_prep(db, ent_filter_sql(db, e, 1u << a), err);
		if (!st)
			return -1;
		db_bind_int(st, 1, key->v[a].i);
	} else {
		st = db_prep(db, ent_sql_of(db, e)->by_key, err);
		if (!st)
			return -1;
		int k = 0;
		for (int i = 0; i < e->nfields; i++)
			if (e->fields[i].flags & FF_KEY)
				ent_bind_val(st, ++k, &e->fields[i], &key->v[i]);
	}
	int rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE) {
		db_end(st);
		return 0;
	}
	if (ent_read_row(st, out, err) < 0) {
		db_end(st);
		rec_free(out);
		return -1;
	}
	db_end(st);
	if (e->load_extra && e->load_extra(db, out, err) < 0) {
		rec_free(out);
		return -1;
	}
	return 1;
}


int
ent_each(vb_db *db, const vb_entity *e, const vb_rec *filter,
	 int (*each)(void *arg, vb_rec *rec, vb_err *err), void *arg, vb_err *err)
{
	unsigned mask = 0;
	for (int i = 0; filter && i < e->nfields; i++)
		if (!field_is_virtual(&e->fields[i]) && filter->set[i] && !filter->v[i].null)
			mask |= 1u << i;
	sqlite3_stmt *st = db_prep(db, mask ? ent_filter_sql(db, e, mask) : ent_sql_of(db, e)->select, err);
	if (!st)
		return -1;
	for (int i = 0, k = 0; i < e->nfields; i++)
		if (mask & (1u << i))
			ent_bind_val(st, ++k, &e->fields[i], &filter->v[i]);
	int rc, stopped = 0;
	vb_rec r;
	rec_init(&r, e);
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		rec_free(&r);
		rec_init(&r, e);
		if (ent_read_row(st, &r, err) < 0 || (e->load_extra && e->load_extra(db, &r, err) < 0) ||
		    each(arg, &r, err) < 0) {
			rc = -1;
			stopped = 1;
			break;
		}
	}
	rec_free(&r);
	if (stopped)
		db_end(st);	/* db_step resets at the end and on errors */
	return rc < 0 ? -1 : 0;
}

int64_t
ent_count(vb_db *db, const vb_entity *e, vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, ent_sql_of(db, e)->count, err);
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return -1;
	int64_t n = sqlite3_column_int64(st, 0);
	db_end(st);
	return n;
}

typedef struct fetch_acc {
	vb_rec *recs;
	size_t n, cap;
} fetch_acc;

static int
fetch_one(void *arg, vb_rec *rec, vb_err *err)
{
	fetch_acc *acc = arg;
	(void)err;
	if (acc->n == acc->cap) {
		acc->cap = acc->cap ? acc->cap * 2 : 64;
		acc->recs = xrealloc(acc->recs, acc->cap * sizeof *acc->recs);
	}
	rec_copy(&acc->recs[acc->n++], rec);
	return 0;
}

int
ent_fetch(vb_db *db, const vb_entity *e, const vb_rec *filter, vb_rec **out, size_t *n,
	  vb_err *err)
{
	fetch_acc acc = {NULL, 0, 0};
	int rc = ent_each(db, e, filter, fetch_one, &acc, err);
	if (rc < 0) {
		recs_free(acc.recs, acc.n);
		acc.recs = NULL;
		acc.n = 0;
	}
	*out = acc.recs;
	*n = acc.n;
	return rc;
}

