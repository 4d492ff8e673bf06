/* Reading a long list a page at a time: the SQL of a window (ORDER BY
 * … LIMIT … OFFSET …), of a row's position (the rows ordered before
 * it, counted) and of a walk from a position, built from the entity's
 * field table or the audit log's columns, never from user text. */
#include "config.h"
#include "pager.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "entity_sql.h"

#define PG_MAXCOLS 16

struct vb_pager {
	vb_db *db;
	const vb_entity *e;		/* NULL: the audit log */
	const char *table, *cols;	/* FROM, the select list */
	int ncols;
	const char *sqlcol[PG_MAXCOLS];	/* per table column; NULL: none */
	int types[PG_MAXCOLS];
	int keys[PG_MAXCOLS], nkeys;	/* the identity, table columns */
	int keys_desc;			/* the stored order is by key descending */
	int col, desc;
	int collate;			/* text in the locale's collation, not
					 * byte order (C and C.UTF-8 sort so) */
	const struct pg_sql *q;	/* the statements of this order */
};

/* The statements of one order of one table.  db_prep knows a statement
 * by the address of its text, so the texts stay with the connection
 * (db_memo) as long as it is open and are never built twice. */
typedef struct pg_sql {
	const char *table;
	int col, desc, collate;
	char *read, *pos, *scan, *exists, *count, *order;
	char *after, *before;	/* the rows next to a row (keyset) */
	struct pg_like {
		unsigned like, nonzero;
		char *sql;
		struct pg_like *next;
	} *likes;		/* scans with a text filter */
	struct pg_sql *next;
} pg_sql;

static const char pg_memo_key = 0;

static void
pg_sql_free(void *v)
{
	pg_sql *q = v;
	while (q) {
		pg_sql *next = q->next;
		free(q->read), free(q->pos), free(q->scan), free(q->exists), free(q->count), free(q->order);
		free(q->after), free(q->before);
		while (q->likes) {
			struct pg_like *l = q->likes->next;
			free(q->likes->sql);
			free(q->likes);
			q->likes = l;
		}
		free(q);
		q = next;
	}
}

/* Text in the order of the user's locale, as the lists sorted before
 * they were read in pages. */
static int
collate_locale(void *arg, int na, const void *a, int nb, const void *b)
{
	char sa[256], sb[256];
	char *x = (size_t)na < sizeof sa ? sa : xmalloc((size_t)na + 1);
	char *y = (size_t)nb < sizeof sb ? sb : xmalloc((size_t)nb + 1);
	(void)arg;
	memcpy(x, a, (size_t)na), x[na] = '\0';
	memcpy(y, b, (size_t)nb), y[nb] = '\0';
	int r = strcoll(x, y);
	if (r == 0)
		r = na == nb ? memcmp(a, b, (size_t)na) : na < nb ? -1 : 1;
	if (x != sa)
		free(x);
	if (y != sb)
		free(y);
	return r;
}

static vb_pager *
pager_new(vb_db *db)
{
	vb_pager *p = xcalloc(1, sizeof *p);
	p->db = db;
	p->col = -1;
	const char *lc = setlocale(LC_COLLATE, NULL);
	p->collate = lc && strcmp(lc, "C") != 0 && strcmp(lc, "POSIX") != 0 && strncmp(lc, "C.", 2) != 0;
	sqlite3_create_collation_v2(db_handle(db), "vb_locale", SQLITE_UTF8, NULL, collate_locale, NULL);
	return p;
}

vb_pager *
pager_entity(vb_db *db, const vb_entity *e)
{
	if (e->nfields > PG_MAXCOLS)
		return NULL;
	for (int i = 0; i < e->nfields; i++)
		if (field_is_virtual(&e->fields[i]))
			return NULL;
	vb_pager *p = pager_new(db);
	const ent_sql *q = ent_sql_of(db, e);
	out_table *t = out_new();
	recs_table_cols(e, t, 1);
	p->e = e;
	p->table = e->table;
	p->cols = q->cols;
	p->ncols = e->nfields;
	int a = ent_auto_field(e);
	for (int i = 0; i < e->nfields; i++) {
		p->sqlcol[i] = e->fields[i].col;
		p->types[i] = t->types[i];
		if (a >= 0 ? i == a : (e->fields[i].flags & FF_KEY) != 0)
			p->keys[p->nkeys++] = i;
	}
	out_free(t);
	return p;
}

/* The columns of the audit log's entries (src/auditlog.h). */
static const char *const log_cols[] = {"time", "user", "action", "entity", "code", "before", "after", "id", "k"};

vb_pager *
pager_log(vb_db *db)
{
	static const int types[] = {CT_RAW, CT_TEXT, CT_TEXT, CT_TEXT, CT_TEXT, CT_JSON, CT_JSON, CT_INT, CT_INT};
	vb_pager *p = pager_new(db);
	/* one entry per record, batches expanded (src/auditlog.h) */
	p->table = "vb_audit_entry";
	p->cols = "time, user, action, entity, code, before, after, id, k";
	p->ncols = 9;
	for (int c = 0; c < 9; c++) {
		p->sqlcol[c] = log_cols[c];
		p->types[c] = types[c];
	}
	p->keys[p->nkeys++] = 7;
	p->keys[p->nkeys++] = 8;
	p->keys_desc = 1;
	return p;
}

void
pager_free(vb_pager *p)
{
	free(p);
}

const vb_entity *
pager_ent(const vb_pager *p)
{
	return p->e;
}

out_table *
pager_table(const vb_pager *p)
{
	out_table *t = out_new();
	if (p->e)
		recs_table_cols(p->e, t, 1);
	else
		for (int c = 0; c < p->ncols; c++)
			out_col(t, log_cols[c], p->types[c]);
	return t;
}

static int
is_text(int type)
{
	return type == CT_TEXT || type == CT_RAW || type == CT_DATE || type == CT_JSON;
}

/* The column as ordered and compared: text in the locale's collation. */
static void
col_expr(sbuf *b, const vb_pager *p, int c)
{
	sb_printf(b, "%s%s", p->sqlcol[c], p->collate && is_text(p->types[c]) ? " COLLATE vb_locale" : "");
}

/* ORDER BY of p's order, or of the reverse order. */
static void
order_by(sbuf *b, const vb_pager *p, int desc)
{
	int kdesc = p->keys_desc != desc;
	if (p->col >= 0) {
		col_expr(b, p, p->col);
		sb_printf(b, " %s, ", desc ? "DESC" : "ASC");
	}
	for (int k = 0; k < p->nkeys; k++)
		sb_printf(b, "%s%s %s", k ? ", " : "", p->sqlcol[p->keys[k]], kdesc ? "DESC" : "ASC");
}

static pg_sql *
build_sql(const vb_pager *p)
{
	pg_sql *q = xcalloc(1, sizeof *q);
	sbuf order, rev, kb, before, b;
	int kdesc = p->keys_desc != p->desc;
	sb_init(&order), sb_init(&rev), sb_init(&kb), sb_init(&before), sb_init(&b);
	order_by(&order, p, p->desc);
	order_by(&rev, p, !p->desc);
	/* the keys ordered before those bound from ?2 on; with more than
	 * one, the first is also bounded alone, which a virtual table (the
	 * audit log's) can use where it cannot use a row value */
	sb_adds(&kb, "(");
	if (p->nkeys > 1)
		sb_printf(&kb, "%s %s ?2 AND (", p->sqlcol[p->keys[0]], kdesc ? ">=" : "<=");
	for (int k = 0; k < p->nkeys; k++)
		sb_printf(&kb, "%s%s", k ? ", " : "", p->sqlcol[p->keys[k]]);
	sb_printf(&kb, ") %s (", kdesc ? ">" : "<");
	for (int k = 0; k < p->nkeys; k++)
		sb_printf(&kb, "%s?%d", k ? ", " : "", k + 2);
	sb_adds(&kb, p->nkeys > 1 ? "))" : ")");
	/* the rows ordered before the row whose column is ?1, keys ?2… */
	if (p->col < 0) {
		sb_adds(&before, kb.s);
	} else {
		/* NULL is the smallest value: first ascending, last descending;
		 * never NULL itself, so that NOT (…) holds for the rows after */
		sbuf c;
		sb_init(&c);
		col_expr(&c, p, p->col);
		if (!p->desc)
			sb_printf(&before, "CASE WHEN ?1 IS NULL THEN %s IS NULL AND %s "
					   "ELSE %s IS NULL OR %s < ?1 OR (%s = ?1 AND %s) END",
				  p->sqlcol[p->col], kb.s, p->sqlcol[p->col], c.s, c.s, kb.s);
		else
			sb_printf(&before, "CASE WHEN ?1 IS NULL THEN %s IS NOT NULL OR %s "
					   "ELSE %s IS NOT NULL AND (%s > ?1 OR (%s = ?1 AND %s)) END",
				  p->sqlcol[p->col], kb.s, p->sqlcol[p->col], c.s, c.s, kb.s);
		sb_free(&c);
	}

	q->table = p->table;
	q->col = p->col;
	q->desc = p->desc;
	q->collate = p->collate;
	sb_printf(&b, "SELECT %s FROM %s ORDER BY %s LIMIT ?1 OFFSET ?2", p->cols, p->table, order.s);
	q->read = sb_take(&b);
	sb_printf(&b, "SELECT %s FROM %s ORDER BY %s LIMIT -1 OFFSET ?1", p->cols, p->table, order.s);
	q->scan = sb_take(&b);
	q->order = xstrdup(order.s);
	sb_printf(&b, "SELECT count(*) FROM %s", p->table);
	q->count = sb_take(&b);
	sb_printf(&b, "SELECT 1 FROM %s WHERE ", p->table);
	for (int k = 0; k < p->nkeys; k++)
		sb_printf(&b, "%s%s = ?%d", k ? " AND " : "", p->sqlcol[p->keys[k]], k + 1);
	q->exists = sb_take(&b);
	sb_printf(&b, "SELECT count(*) FROM %s WHERE %s", p->table, before.s);
	q->pos = sb_take(&b);
	sb_printf(&b, "SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT ?20", p->cols, p->table, before.s, rev.s);
	q->before = sb_take(&b);
	sb_printf(&b, "SELECT %s FROM %s WHERE NOT (%s) AND NOT (", p->cols, p->table, before.s);
	for (int k = 0; k < p->nkeys; k++)
		sb_printf(&b, "%s%s = ?%d", k ? " AND " : "", p->sqlcol[p->keys[k]], k + 2);
	sb_printf(&b, ") ORDER BY %s LIMIT ?20", order.s);
	q->after = sb_take(&b);
	sb_free(&order), sb_free(&rev), sb_free(&kb), sb_free(&before);
	return q;
}

/* The statements of p's table and order, built on first use. */
static const pg_sql *
stmts(vb_pager *p)
{
	if (p->q)
		return p->q;
	pg_sql *head = db_memo(p->db, &pg_memo_key), *q;
	for (q = head; q; q = q->next)
		if (q->table == p->table && q->col == p->col && q->desc == p->desc && q->collate == p->collate)
			return p->q = q;
	q = build_sql(p);
	if (!head) {
		db_memo_put(p->db, &pg_memo_key, q, pg_sql_free);
	} else {
		q->next = head->next;
		head->next = q;
	}
	return p->q = q;
}

void
pager_order(vb_pager *p, int col, int desc)
{
	p->col = col >= 0 && col < p->ncols ? col : -1;
	p->desc = desc != 0;
	p->q = NULL;
}

int64_t
pager_count(vb_pager *p, vb_err *err)
{
	sqlite3_stmt *st = db_prep(p->db, stmts(p)->count, err);
	if (!st || db_step(p->db, st, err) != SQLITE_ROW)
		return -1;
	int64_t n = sqlite3_column_int64(st, 0);
	db_end(st);
	return n;
}

/* The current row of st as a row of t (and a record when recs). */
static int
read_row(vb_pager *p, sqlite3_stmt *st, out_table *t, vb_rec **recs, size_t *nrecs, int checked,
	 vb_err *err)
{
	if (!p->e || !checked) {
		/* the values as stored: rows only compared (a search) */
		out_row(t);
		for (int c = 0; c < p->ncols; c++) {
			if (sqlite3_column_type(st, c) == SQLITE_NULL)
				continue;
			if (p->types[c] == CT_INT || p->types[c] == CT_CENTS || p->types[c] == CT_DEC4 ||
			    p->types[c] == CT_BOOL)
				out_int(t, c, sqlite3_column_int64(st, c));
			else
				out_text(t, c, db_col_text(st, c));
		}
		return 0;
	}
	vb_rec r;
	rec_init(&r, p->e);
	if (ent_read_row(st, &r, err) < 0 || (p->e->load_extra && p->e->load_extra(p->db, &r, err) < 0)) {
		rec_free(&r);
		return -1;
	}
	recs_table_row(t, &r, 1);
	if (recs) {
		*recs = xrealloc(*recs, (*nrecs + 1) * sizeof **recs);
		(*recs)[(*nrecs)++] = r;
	} else {
		rec_free(&r);
	}
	return 0;
}

long
pager_read(vb_pager *p, size_t pos, size_t n, out_table *t, vb_rec **recs, size_t *nrecs,
	   vb_err *err)
{
	sqlite3_stmt *st = db_prep(p->db, stmts(p)->read, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)n);
	db_bind_int(st, 2, (int64_t)pos);
	long got = 0;
	int rc;
	while ((rc = db_step(p->db, st, err)) == SQLITE_ROW) {
		if (read_row(p, st, t, recs, nrecs, 1, err) < 0) {
			db_end(st);
			return -1;
		}
		got++;
	}
	return rc < 0 ? -1 : got;
}

static void
bind_cell(sqlite3_stmt *st, int i, const out_cell *c, int type)
{
	if (c->null)
		db_bind_null(st, i);
	else if (type == CT_INT || type == CT_CENTS || type == CT_DEC4 || type == CT_BOOL)
		db_bind_int(st, i, c->i);
	else
		db_bind_text(st, i, c->s);
}

int64_t
pager_position(vb_pager *p, const out_table *t, size_t row, vb_err *err)
{
	if (row >= t->nrows || t->ncols < p->ncols)
		return -2;
	const out_cell *cells = t->cells + row * (size_t)t->ncols;
	/* is it stored at all? */
	sqlite3_stmt *st = db_prep(p->db, stmts(p)->exists, err);
	if (!st)
		return -1;
	for (int k = 0; k < p->nkeys; k++)
		bind_cell(st, k + 1, &cells[p->keys[k]], p->types[p->keys[k]]);
	int rc = db_step(p->db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE)
		return -2;
	db_end(st);

	st = db_prep(p->db, stmts(p)->pos, err);
	if (!st)
		return -1;
	if (p->col >= 0)
		bind_cell(st, 1, &cells[p->col], p->types[p->col]);
	for (int k = 0; k < p->nkeys; k++)
		bind_cell(st, k + 2, &cells[p->keys[k]], p->types[p->keys[k]]);
	if (db_step(p->db, st, err) != SQLITE_ROW)
		return -1;
	int64_t pos = sqlite3_column_int64(st, 0);
	db_end(st);
	return pos;
}

long
pager_read_next(vb_pager *p, const out_table *a, size_t row, int after, size_t n, out_table *t,
		vb_rec **recs, size_t *nrecs, vb_err *err)
{
	if (row >= a->nrows || a->ncols < p->ncols)
		return 0;
	const out_cell *cells = a->cells + row * (size_t)a->ncols;
	sqlite3_stmt *st = db_prep(p->db, after ? stmts(p)->after : stmts(p)->before, err);
	if (!st)
		return -1;
	if (p->col >= 0)
		bind_cell(st, 1, &cells[p->col], p->types[p->col]);
	for (int k = 0; k < p->nkeys; k++)
		bind_cell(st, k + 2, &cells[p->keys[k]], p->types[p->keys[k]]);
	db_bind_int(st, 20, (int64_t)n);
	/* before: nearest first, turned round below */
	out_table *got = after ? t : pager_table(p);
	vb_rec *grecs = NULL;
	size_t ng = 0;
	long count = 0;
	int rc;
	while ((rc = db_step(p->db, st, err)) == SQLITE_ROW) {
		if (read_row(p, st, got, after ? recs : recs ? &grecs : NULL, after ? nrecs : &ng, 1, err) < 0) {
			db_end(st);
			rc = -1;
			break;
		}
		count++;
	}
	if (!after) {
		for (size_t i = got->nrows; rc >= 0 && i-- > 0;) {
			out_row(t);
			for (int c = 0; c < got->ncols; c++) {
				const out_cell *x = got->cells + i * (size_t)got->ncols + c;
				if (x->null)
					continue;
				if (x->s)
					out_text(t, c, x->s);
				else
					out_int(t, c, x->i);
			}
			if (recs) {
				*recs = xrealloc(*recs, (*nrecs + 1) * sizeof **recs);
				(*recs)[(*nrecs)++] = grecs[i];
				grecs[i].ent = NULL;
			}
		}
		for (size_t i = 0; i < ng; i++)
			if (grecs[i].ent)
				rec_free(&grecs[i]);
		free(grecs);
		out_free(got);
	}
	return rc < 0 ? -1 : count;
}

#define SCAN_CHUNK 256

/* The walk with a last column saying whether the row can match: one of
 * the columns of like contains ?2 (LIKE: ASCII letters in either case),
 * or one of nonzero is not 0. */
static const char *
like_sql(vb_pager *p, unsigned like, unsigned nonzero)
{
	pg_sql *q = (pg_sql *)stmts(p);
	for (struct pg_like *l = q->likes; l; l = l->next)
		if (l->like == like && l->nonzero == nonzero)
			return l->sql;
	sbuf b;
	sb_init(&b);
	sb_printf(&b, "SELECT %s, (0", p->cols);
	for (int c = 0; c < p->ncols; c++) {
		if (like & (1u << c))
			sb_printf(&b, " OR %s LIKE ?2 ESCAPE '\\'", p->sqlcol[c]);
		if (nonzero & (1u << c))
			sb_printf(&b, " OR %s <> 0", p->sqlcol[c]);
	}
	sb_printf(&b, ") FROM %s ORDER BY %s LIMIT -1 OFFSET ?1", p->table, q->order);
	struct pg_like *l = xcalloc(1, sizeof *l);
	l->like = like;
	l->nonzero = nonzero;
	l->sql = sb_take(&b);
	l->next = q->likes;
	q->likes = l;
	return l->sql;
}

int
pager_scan(vb_pager *p, size_t from, unsigned flags,
	   int (*each)(void *arg, size_t pos, const out_table *t, size_t row), void *arg,
	   vb_err *err)
{
	return pager_scan_like(p, from, flags, NULL, each, arg, err);
}

int
pager_scan_like(vb_pager *p, size_t from, unsigned flags, const pager_like *f,
		int (*each)(void *arg, size_t pos, const out_table *t, size_t row), void *arg,
		vb_err *err)
{
	sqlite3_stmt *st = db_prep(p->db, f ? like_sql(p, f->like, f->nonzero) : stmts(p)->scan, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)from);
	sbuf pat;	/* bound, so kept until the walk ends */
	sb_init(&pat);
	if (f) {
		/* the text as a LIKE pattern: its own % _ and \ escaped */
		sb_adds(&pat, "%");
		for (const char *c = f->text; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				sb_adds(&pat, "\\");
			sb_printf(&pat, "%c", *c);
		}
		sb_adds(&pat, "%");
		db_bind_text(st, 2, pat.s);
	}
	out_table *t = pager_table(p);
	size_t pos = from;
	int rc, failed = 0;
	while ((rc = db_step(p->db, st, err)) == SQLITE_ROW) {
		if (f && !sqlite3_column_int(st, p->ncols)) {
			/* cannot match: only its position counts */
			if (each(arg, pos++, NULL, 0))
				break;
			continue;
		}
		if (t->nrows == SCAN_CHUNK) {
			out_free(t);
			t = pager_table(p);
		}
		if (read_row(p, st, t, NULL, NULL, !(flags & PAGER_UNCHECKED), err) < 0) {
			failed = 1;
			break;
		}
		if (each(arg, pos++, t, t->nrows - 1))
			break;
	}
	if (rc == SQLITE_ROW)
		db_end(st);	/* stopped before the end */
	sqlite3_clear_bindings(st);
	sb_free(&pat);
	out_free(t);
	return failed || rc < 0 ? -1 : 0;
}
