/* Values read from the federation file validated like input from the
 * user (see dbvalid.h). */
#include "config.h"
#include "dbvalid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "num.h"
#include "util.h"

static int
bad(const dbv_at *at, const char *column, const char *why, vb_err *err)
{
	sbuf rec;
	sb_init(&rec);
	utf8_shown(&rec, at->record ? at->record : "?", 60);
	err_set(err, VB_EDB,
		_("the federation file holds a value that is not valid: table '%s', record '%s', column '%s': %s; 'verbund check' lists every such value"),
		at->table, rec.s ? rec.s : "", column, why);
	sb_free(&rec);
	return -1;
}

/* The stored value as text for a message: "NULL", the number, or the
 * text escaped and cut. */
static void
stored(sqlite3_stmt *st, int col, sbuf *b)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		sb_adds(b, "NULL");
		return;
	case SQLITE_INTEGER:
		sb_printf(b, "%lld", (long long)sqlite3_column_int64(st, col));
		return;
	case SQLITE_FLOAT:
		sb_printf(b, "%g", sqlite3_column_double(st, col));
		return;
	case SQLITE_BLOB:
		sb_printf(b, P_("a blob of %d byte", "a blob of %d bytes", (unsigned long)sqlite3_column_bytes(st, col)),
			  sqlite3_column_bytes(st, col));
		return;
	default:
		sb_addc(b, '"');
		utf8_shown(b, (const char *)sqlite3_column_text(st, col), 60);
		sb_addc(b, '"');
	}
}

static int
bad_value(sqlite3_stmt *st, int col, const dbv_at *at, const char *why, vb_err *err)
{
	sbuf b;
	sb_init(&b);
	stored(st, col, &b);
	sb_printf(&b, " %s", why);
	bad(at, sqlite3_column_name(st, col), b.s, err);
	sb_free(&b);
	return -1;
}

/* NULL: 1 when allowed, -1 (with err) when not, 0 for a value. */
static int
null_check(sqlite3_stmt *st, int col, int nullable, const dbv_at *at, vb_err *err)
{
	if (sqlite3_column_type(st, col) != SQLITE_NULL)
		return 0;
	return nullable ? 1 : bad_value(st, col, at, _("is empty, but a value is required"), err);
}

static int
text_col(sqlite3_stmt *st, int col, const dbv_at *at, vb_err *err)
{
	if (sqlite3_column_type(st, col) != SQLITE_TEXT)
		return bad_value(st, col, at, _("is not a text"), err);
	return 0;
}

static int
int_col(sqlite3_stmt *st, int col, int64_t min, int64_t max, const dbv_at *at, vb_err *err)
{
	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return bad_value(st, col, at, _("is not a whole number"), err);
	int64_t v = sqlite3_column_int64(st, col);
	if (v < min || v > max) {
		char why[128];
		snprintf(why, sizeof why, _("is not between %lld and %lld"), (long long)min, (long long)max);
		return bad_value(st, col, at, why, err);
	}
	return 0;
}

/* 1 when s is a code: 1–32 characters a–z, 0–9, _ and - (a table
 * instead of strspn, which builds one on every call). */
static int
is_code(const char *s)
{
	static const unsigned char ok[256] = {
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
		['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
		['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
		['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
		['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1, ['-'] = 1,
	};
	size_t n = 0;
	while (ok[(unsigned char)s[n]])
		if (++n > 32)
			return 0;
	return n >= 1 && s[n] == '\0';
}

int
dbv_code(sqlite3_stmt *st, int col, int nullable, const dbv_at *at, const char **out, vb_err *err)
{
	int n = null_check(st, col, nullable, at, err);
	if (n)
		return n;
	if (text_col(st, col, at, err) < 0)
		return -1;
	const char *s = (const char *)sqlite3_column_text(st, col);
	if (!is_code(s))
		return bad_value(st, col, at, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"), err);
	*out = s;
	return 0;
}

int
dbv_int(sqlite3_stmt *st, int col, int nullable, int64_t min, int64_t max, const dbv_at *at,
	int64_t *out, vb_err *err)
{
	int n = null_check(st, col, nullable, at, err);
	if (n)
		return n;
	if (int_col(st, col, min, max, at, err) < 0)
		return -1;
	*out = sqlite3_column_int64(st, col);
	return 0;
}

int
dbv_date(sqlite3_stmt *st, int col, int nullable, const dbv_at *at, vb_date *out, vb_err *err)
{
	int n = null_check(st, col, nullable, at, err);
	if (n)
		return n;
	if (text_col(st, col, at, err) < 0)
		return -1;
	const char *s = (const char *)sqlite3_column_text(st, col);
	vb_date d;
	/* stored dates are always YYYY-MM-DD: four digits and '-' make
	 * date_parse read that form and nothing else, and what it accepts
	 * in that form is written back the same */
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
	      s[3] >= '0' && s[3] <= '9' && s[4] == '-') ||
	    date_parse(s, &d) < 0)
		return bad_value(st, col, at, _("is not a valid date (YYYY-MM-DD)"), err);
	*out = d;
	return 0;
}

static int
field_required(const vb_field *f)
{
	return (f->flags & (FF_REQ | FF_KEY | FF_AUTO)) || f->type == FT_BOOL;
}

/* The range of a numeric field; 0 when the field is no number. */
static int
num_range(const vb_field *f, int64_t *min, int64_t *max)
{
	switch (f->type) {
	case FT_CENTS:
		*min = 0, *max = VB_AMOUNT_MAX;
		return 1;
	case FT_DEC4:
		*min = 0, *max = VB_DEC4_MAX;
		return 1;
	case FT_INT:
		*min = f->min, *max = f->max ? f->max : INT64_MAX;
		return 1;
	case FT_BOOL:
		*min = 0, *max = 1;
		return 1;
	default:
		return 0;
	}
}

/* One type test and one read for a valid number (the case of nearly
 * every value: an allocation reads hundreds of thousands); the checks
 * in their order, with their messages, for anything else. */
int
dbv_num(const vb_entity *e, int fi, sqlite3_stmt *st, int col, const dbv_at *at, int64_t *out,
	vb_err *err)
{
	const vb_field *f = &e->fields[fi];
	int64_t min, max;
	if (!num_range(f, &min, &max))
		return err_set(err, VB_EFAIL, "dbv_num: field '%s' is no number", f->name);
	if (sqlite3_column_type(st, col) == SQLITE_INTEGER) {
		int64_t v = sqlite3_column_int64(st, col);
		if (v >= min && v <= max) {
			*out = v;
			return 0;
		}
	}
	int n = null_check(st, col, !field_required(f), at, err);
	if (n)
		return n;
	return int_col(st, col, min, max, at, err);
}

int
dbv_field(const vb_entity *e, int fi, sqlite3_stmt *st, int col, const dbv_at *at, vb_err *err)
{
	const vb_field *f = &e->fields[fi];
	int required = field_required(f);
	int64_t lo, hi, v;
	if (num_range(f, &lo, &hi))
		return dbv_num(e, fi, st, col, at, &v, err) < 0 ? -1 : 0;
	int n = null_check(st, col, !required, at, err);
	if (n)
		return n < 0 ? -1 : 0;
	switch (f->type) {
	case FT_LIST:
	case FT_PARTS:
		return 0;	/* kept in tables of their own */
	default:
		break;
	}
	if (text_col(st, col, at, err) < 0)
		return -1;
	const char *s = (const char *)sqlite3_column_text(st, col);
	if (f->type == FT_DATE) {
		vb_date d;
		return dbv_date(st, col, 0, at, &d, err);
	}
	/* the rules of input, checked directly for the common kinds (every
	 * list and export reads through here) */
	size_t len = strlen(s);
	if (required && len == 0)
		return bad_value(st, col, at, _("is empty, but a value is required"), err);
	if (f->type == FT_CODE || f->type == FT_REF) {
		if (!is_code(s))
			return bad_value(st, col, at, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"), err);
		return 0;
	}
	if (f->type == FT_CHOICE) {
		for (int k = 0; f->choices && f->choices[k]; k++)
			if (strcmp(f->choices[k], s) == 0)
				return 0;
	} else if (f->type == FT_TEXT || f->type == FT_NOTES) {
		uint32_t cp;
		size_t max = f->max > 0 ? (size_t)f->max : f->type == FT_NOTES ? 4000 : 200;
		if (utf8_valid_prefix(s, len) == len && !utf8_forbidden(s, f->type == FT_NOTES, &cp) &&
		    (len <= max || utf8_chars(s) <= max))
			return 0;
	}
	/* anything else, or to say why: the rules of input themselves */
	vb_rec r;
	vb_err why;
	rec_init(&r, e);
	int rc = rec_parse(&r, fi, s, &why);
	if (rc == 0 && !*s && required)
		rc = err_set(&why, VB_EFAIL, _("is empty, but a value is required"));
	rec_free(&r);
	if (rc < 0)
		return bad(at, sqlite3_column_name(st, col), why.msg, err);
	return 0;
}

/* ------------------------------------------------------------------ scan */

typedef struct scan {
	void (*found)(void *, const char *, const char *, const char *);
	void *ctx;
	int n;
} scan;

static void
report(scan *sc, const char *table, const char *record, const vb_err *e)
{
	sc->found(sc->ctx, table, record, e->msg);
	sc->n++;
}

/* The identity of row st of e: its key fields joined by '/'. */
static char *
identity(const vb_entity *e, sqlite3_stmt *st, const int *cols)
{
	sbuf b;
	sb_init(&b);
	int auto_f = ent_auto_field(e);
	for (int i = 0; i < e->nfields; i++) {
		if (!(e->fields[i].flags & FF_KEY) && i != auto_f)
			continue;
		if (auto_f >= 0 && i != auto_f)
			continue;	/* a number names the record alone */
		const char *s = (const char *)sqlite3_column_text(st, cols[i]);
		sb_printf(&b, "%s%s", b.len ? "/" : "", s ? s : "NULL");
	}
	return sb_take(&b);
}

static int
scan_entity(vb_db *db, const vb_entity *e, scan *sc, vb_err *err)
{
	int cols[VB_MAXF], nc = 0;
	sbuf sql;
	sb_init(&sql);
	/* SQL from the field table only, never from data */
	sb_adds(&sql, "SELECT ");
	for (int i = 0; i < e->nfields; i++) {
		cols[i] = -1;
		if (e->fields[i].type == FT_LIST || e->fields[i].type == FT_PARTS)
			continue;
		sb_printf(&sql, "%s%s", nc ? ", " : "", e->fields[i].col);
		cols[i] = nc++;
	}
	sb_printf(&sql, " FROM %s", e->table);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db_handle(db), sql.s, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, sql.s, err);
		sb_free(&sql);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *id = identity(e, st, cols);
		dbv_at at = {e->table, id};
		for (int i = 0; i < e->nfields; i++) {
			vb_err one;
			if (cols[i] >= 0 && dbv_field(e, i, st, cols[i], &at, &one) < 0)
				report(sc, e->table, id, &one);
		}
		free(id);
	}
	if (rc != SQLITE_DONE)
		db_fail(db, rc, sql.s, err);
	sqlite3_finalize(st);
	sb_free(&sql);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The tables that belong to no entity of their own. */
static int
scan_parts(vb_db *db, scan *sc, vb_err *err)
{
	static const struct {
		const char *table, *sql;
		int kinds[4];	/* 'c' code, 'i' int 0..1000000, 'n' int >= 0, 'd' date, 's' signed amount */
	} parts[] = {
		{"key_share", "SELECT key || '/' || member, key, member, percent FROM key_share", {'c', 'c', 'i', 0}},
		{"key_part", "SELECT key || '/' || part, key, part, weight FROM key_part", {'c', 'c', 'i', 0}},
		{"key_exclude", "SELECT key || '/' || member, key, member FROM key_exclude", {'c', 'c', 0, 0}},
		{"agreement_party", "SELECT agreement || '/' || number || '/' || member, member, number FROM agreement_party", {'c', 'n', 0, 0}},
		{"advance", "SELECT year || '/' || member || '/' || k, member, due, amount FROM advance", {'c', 'd', 's', 0}},
	};
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		sqlite3_stmt *st;
		int rc = sqlite3_prepare_v2(db_handle(db), parts[p].sql, -1, &st, NULL);
		if (rc != SQLITE_OK)
			return db_fail(db, rc, parts[p].sql, err);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *id = (const char *)sqlite3_column_text(st, 0);
			dbv_at at = {parts[p].table, id ? id : "NULL"};
			for (int k = 0; k < 4 && parts[p].kinds[k]; k++) {
				vb_err one;
				const char *code;
				int64_t v;
				vb_date d;
				int bad_one = 0;
				switch (parts[p].kinds[k]) {
				case 'c': bad_one = dbv_code(st, k + 1, 0, &at, &code, &one) < 0; break;
				case 'i': bad_one = dbv_int(st, k + 1, 0, 0, 1000000, &at, &v, &one) < 0; break;
				case 'n': bad_one = dbv_int(st, k + 1, 0, 0, INT64_MAX, &at, &v, &one) < 0; break;
				case 'd': bad_one = dbv_date(st, k + 1, 0, &at, &d, &one) < 0; break;
				case 's': bad_one = dbv_int(st, k + 1, 0, -INT64_MAX, INT64_MAX, &at, &v, &one) < 0; break;
				}
				if (bad_one)
					report(sc, parts[p].table, at.record, &one);
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, rc, parts[p].sql, err);
	}
	return 0;
}

/* References to records that do not exist (foreign_key_check). */
static int
scan_references(vb_db *db, scan *sc, vb_err *err)
{
	static const char sql[] = "PRAGMA foreign_key_check";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, sql, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		char rowid[32];
		snprintf(rowid, sizeof rowid, "#%lld", (long long)sqlite3_column_int64(st, 1));
		vb_err one;
		err_set(&one, VB_EDB, _("the federation file holds a reference to a record that does not exist: table '%s', row %s, refers to a missing record of '%s'; 'verbund check' lists every such value"),
			table ? table : "?", sqlite3_column_type(st, 1) == SQLITE_NULL ? "?" : rowid,
			parent ? parent : "?");
		report(sc, table ? table : "?", sqlite3_column_type(st, 1) == SQLITE_NULL ? "" : rowid, &one);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, sql, err);
	return 0;
}

int
dbv_scan(vb_db *db, void (*found)(void *ctx, const char *table, const char *record, const char *msg),
	 void *ctx, vb_err *err)
{
	scan sc = {found, ctx, 0};
	for (int i = 0; vb_entities[i]; i++)
		if (scan_entity(db, vb_entities[i], &sc, err) < 0)
			return -1;
	if (scan_parts(db, &sc, err) < 0 || scan_references(db, &sc, err) < 0)
		return -1;
	return sc.n;
}
