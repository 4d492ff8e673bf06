#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "num.h"

#define TEXT_MAX 200
#define NOTES_MAX 4000

int
ent_field(const vb_entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

vb_entity *
ent_by_name(const char *name)
{
	for (int i = 0; vb_entities[i]; i++)
		if (strcmp(vb_entities[i]->name, name) == 0 || strcmp(vb_entities[i]->plural, name) == 0)
			return vb_entities[i];
	return NULL;
}

static int
is_virtual(const vb_field *f)
{
	return f->type == FT_LIST || f->type == FT_PARTS;
}

static int
is_text_type(int t)
{
	return t == FT_CODE || t == FT_TEXT || t == FT_NOTES || t == FT_CHOICE || t == FT_DATE ||
	       t == FT_REF || t == FT_LIST || t == FT_PARTS;
}

void
rec_init(vb_rec *r, const vb_entity *e)
{
	memset(r, 0, sizeof *r);
	r->ent = e;
	for (int i = 0; i < VB_MAXF; i++)
		r->v[i].null = 1;
}

void
rec_free(vb_rec *r)
{
	for (int i = 0; i < VB_MAXF; i++) {
		free(r->v[i].s);
		r->v[i].s = NULL;
	}
}

void
val_set_text(vb_val *v, const char *s)
{
	free(v->s);
	v->s = s ? xstrdup(s) : NULL;
	v->null = s == NULL;
	v->i = 0;
}

void
val_set_int(vb_val *v, int64_t i)
{
	free(v->s);
	v->s = NULL;
	v->i = i;
	v->null = 0;
}

void
rec_copy(vb_rec *dst, const vb_rec *src)
{
	rec_init(dst, src->ent);
	for (int i = 0; i < VB_MAXF; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].s = src->v[i].s ? xstrdup(src->v[i].s) : NULL;
		dst->set[i] = src->set[i];
	}
}

char *
val_format(const vb_field *f, const vb_val *v)
{
	char buf[VB_NUM_BUFSZ];
	if (v->null)
		return xstrdup("");
	switch (f->type) {
	case FT_CENTS:
		return xstrdup(num_format_cents(v->i, buf, ".", NULL));
	case FT_DEC4:
		return xstrdup(num_format_dec4(v->i, buf, "."));
	case FT_INT:
		snprintf(buf, sizeof buf, "%lld", (long long)v->i);
		return xstrdup(buf);
	case FT_BOOL:
		return xstrdup(v->i ? "true" : "false");
	default:
		return xstrdup(v->s ? v->s : "");
	}
}

/* A value as it may appear in a message: control characters escaped,
 * long values cut. */
static char *
shown(const char *s)
{
	sbuf b;
	sb_init(&b);
	sb_addc(&b, '"');
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++) {
		if (n >= 60) {
			sb_adds(&b, "…");
			break;
		}
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			sb_printf(&b, *p == '"' ? "\\\"" : *p == '\\' ? "\\\\" : "\\x%02x", *p);
		else
			sb_addc(&b, (char)*p);
	}
	sb_addc(&b, '"');
	return sb_take(&b);
}

static int
bad_value(vb_err *err, const char *text, const char *why)
{
	char *s = shown(text);
	err_set(err, VB_EFAIL, "%s %s", s, why);
	free(s);
	return -1;
}

static int
valid_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 32)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* Checks a text field: valid UTF-8, no control characters (notes allow
 * LF and TAB), at most max characters. */
static int
check_text(const char *s, int notes, int64_t max, vb_err *err)
{
	size_t n = strlen(s);
	if (utf8_valid_prefix(s, n) != n)
		return bad_value(err, s, _("is not valid UTF-8"));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) && !(notes && (*p == '\n' || *p == '\t')))
			return bad_value(err, s, _("contains a control character"));
	if ((int64_t)utf8_chars(s) > max) {
		char why[64];
		snprintf(why, sizeof why, _("is longer than %lld characters"), (long long)max);
		return bad_value(err, s, why);
	}
	return 0;
}

static int
parse_list(const vb_field *f, const char *text, sbuf *canon, vb_err *err)
{
	char *copy = xstrdup(text), *save = NULL;
	int n = 0, rc = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		int64_t num = 0;
		if (f->type == FT_PARTS) {
			if (!eq) {
				rc = bad_value(err, tok, _("is not of the form code=number"));
				break;
			}
			*eq = '\0';
			if (num_parse_dec4(eq + 1, 0, &num) < 0 || num > 1000000) {
				rc = bad_value(err, eq + 1, _("is not a percentage between 0 and 100 with at most 4 decimals (use a decimal point)"));
				break;
			}
		}
		if (!valid_code(tok)) {
			rc = bad_value(err, tok, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"));
			break;
		}
		/* duplicates */
		char *dup = xstrdup(canon->s ? canon->s : "");
		for (char *s2 = NULL, *t = strtok_r(dup, ",", &s2); t; t = strtok_r(NULL, ",", &s2)) {
			char *e2 = strchr(t, '=');
			if (e2)
				*e2 = '\0';
			if (strcmp(t, tok) == 0)
				rc = bad_value(err, tok, _("is listed twice"));
		}
		free(dup);
		if (rc)
			break;
		if (n++)
			sb_addc(canon, ',');
		sb_adds(canon, tok);
		if (f->type == FT_PARTS) {
			char buf[VB_NUM_BUFSZ];
			sb_printf(canon, "=%s", num_format_dec4(num, buf, "."));
		}
	}
	free(copy);
	if (!rc && n == 0)
		return bad_value(err, text, _("is an empty list"));
	return rc;
}

int
rec_parse(vb_rec *r, int i, const char *text, vb_err *err)
{
	const vb_field *f = &r->ent->fields[i];
	vb_val *v = &r->v[i];
	int64_t num;
	vb_date d;
	char buf[VB_DATE_BUFSZ];
	r->set[i] = 1;
	if ((!text || !*text) && f->type == FT_BOOL) {
		/* an empty flag (a CSV cell, --host=) is false: flags are never null */
		val_set_int(v, 0);
		return 0;
	}
	if (!text || !*text) {
		val_set_text(v, NULL);
		return 0;
	}
	switch (f->type) {
	case FT_CODE:
	case FT_REF:
		if (!valid_code(text))
			return bad_value(err, text, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"));
		val_set_text(v, text);
		return 0;
	case FT_TEXT:
	case FT_NOTES:
		if (check_text(text, f->type == FT_NOTES, f->max ? f->max : (f->type == FT_NOTES ? NOTES_MAX : TEXT_MAX), err) < 0)
			return -1;
		val_set_text(v, text);
		return 0;
	case FT_CHOICE:
		for (int k = 0; f->choices[k]; k++)
			if (strcmp(f->choices[k], text) == 0) {
				val_set_text(v, text);
				return 0;
			}
		{
			sbuf b;
			sb_init(&b);
			sb_adds(&b, _("is not one of:"));
			for (int k = 0; f->choices[k]; k++)
				sb_printf(&b, "%s %s", k ? "," : "", f->choices[k]);
			bad_value(err, text, b.s);
			sb_free(&b);
			return -1;
		}
	case FT_DATE:
		if (date_parse(text, &d) < 0)
			return bad_value(err, text, _("is not a valid date (YYYY-MM-DD or D.M.YYYY)"));
		val_set_text(v, date_format(d, buf));
		return 0;
	case FT_CENTS:
		if (num_parse_amount(text, &num) < 0)
			return bad_value(err, text, _("is not an amount (like 1234.56 or 1234,56 EUR: no thousands separators, at most two decimals, not negative)"));
		val_set_int(v, num);
		return 0;
	case FT_DEC4:
		if (num_parse_dec4(text, 1, &num) < 0)
			return bad_value(err, text, _("is not a number (not negative, at most 4 decimals)"));
		val_set_int(v, num);
		return 0;
	case FT_INT:
		if (num_parse_int(text, f->min, f->max, &num) < 0) {
			char why[96];
			snprintf(why, sizeof why, _("is not a whole number from %lld to %lld"),
				 (long long)f->min, (long long)f->max);
			return bad_value(err, text, why);
		}
		val_set_int(v, num);
		return 0;
	case FT_BOOL: {
		static const char *const yes[] = {"true", "yes", "1", "ja", "x", NULL};
		static const char *const no[] = {"false", "no", "0", "nein", NULL};
		for (int k = 0; yes[k]; k++)
			if (strcmp(text, yes[k]) == 0) {
				val_set_int(v, 1);
				return 0;
			}
		for (int k = 0; no[k]; k++)
			if (strcmp(text, no[k]) == 0) {
				val_set_int(v, 0);
				return 0;
			}
		return bad_value(err, text, _("is not true or false"));
	}
	case FT_LIST:
	case FT_PARTS: {
		sbuf canon;
		sb_init(&canon);
		if (parse_list(f, text, &canon, err) < 0) {
			sb_free(&canon);
			return -1;
		}
		val_set_text(v, canon.s);
		sb_free(&canon);
		return 0;
	}
	}
	return err_set(err, VB_EFAIL, "internal: unknown field type");
}

/* JSON values of the parts of a key: [{"member": "a", "percent": 50}] or
 * [{"key": "k", "weight": 50}], turned into "a=50". */
static int
parts_from_json(const jval *v, sbuf *text, vb_err *err)
{
	if (v->t != JARR)
		return err_set(err, VB_EFAIL, _("line %ld: expected an array"), v->line);
	for (size_t k = 0; k < v->n; k++) {
		const jval *it = &v->items[k];
		const jval *code = json_get(it, "member"), *num = json_get(it, "percent");
		if (!code) {
			code = json_get(it, "key");
			num = json_get(it, "weight");
		}
		if (it->t != JOBJ || it->n != 2 || !code || code->t != JSTR || !num || num->t != JNUM)
			return err_set(err, VB_EFAIL,
				       _("line %ld: a part must be {\"member\": CODE, \"percent\": N} or {\"key\": CODE, \"weight\": N}"),
				       it->line);
		sb_printf(text, "%s%s=%s", k ? "," : "", code->s, num->s);
	}
	return 0;
}

int
rec_parse_json(vb_rec *r, int i, const jval *v, vb_err *err)
{
	const vb_field *f = &r->ent->fields[i];
	if (v->t == JNULL)
		return rec_parse(r, i, NULL, err);
	switch (f->type) {
	case FT_CENTS:
		if (v->t != JNUM)
			break;
		{
			int64_t c;
			if (num_parse_int(v->s, 0, VB_AMOUNT_MAX, &c) < 0)
				return bad_value(err, v->s, _("is not an amount in cents (a whole number, not negative)"));
			r->set[i] = 1;
			val_set_int(&r->v[i], c);
			return 0;
		}
	case FT_DEC4:
	case FT_INT:
		if (v->t != JNUM)
			break;
		return rec_parse(r, i, v->s, err);
	case FT_BOOL:
		if (v->t != JBOOL)
			break;
		return rec_parse(r, i, v->b ? "true" : "false", err);
	case FT_LIST:
	case FT_PARTS: {
		if (v->t != JARR)
			break;
		sbuf text;
		sb_init(&text);
		int rc = 0;
		if (v->n == 0) {
			rc = rec_parse(r, i, NULL, err);
		} else if (f->type == FT_PARTS) {
			rc = parts_from_json(v, &text, err);
			if (rc == 0)
				rc = rec_parse(r, i, text.s, err);
		} else {
			for (size_t k = 0; k < v->n && rc == 0; k++) {
				if (v->items[k].t != JSTR)
					rc = err_set(err, VB_EFAIL, _("expected a list of codes"));
				else
					sb_printf(&text, "%s%s", k ? "," : "", v->items[k].s);
			}
			if (rc == 0)
				rc = rec_parse(r, i, text.s, err);
		}
		sb_free(&text);
		return rc;
	}
	default:
		if (v->t != JSTR)
			break;
		return rec_parse(r, i, v->s, err);
	}
	return err_set(err, VB_EFAIL, _("a %s where %s was expected"), json_type_name(v->t),
		       f->type == FT_CENTS || f->type == FT_DEC4 || f->type == FT_INT ? _("a number")
		       : f->type == FT_BOOL ? _("true or false")
		       : f->type == FT_LIST || f->type == FT_PARTS ? _("an array")
		       : _("a string"));
}

/* ------------------------------------------------------------------ SQL */

static void
build_sql(vb_entity *e)
{
	if (e->sql.select)
		return;
	sbuf cols, keys, sel, ins, upd, del, order, ex;
	sb_init(&cols), sb_init(&keys), sb_init(&sel), sb_init(&ins), sb_init(&upd);
	sb_init(&del), sb_init(&order), sb_init(&ex);
	int auto_i = -1, nc = 0, nk = 0, np = 0;
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_AUTO)
			auto_i = i;
	/* key condition: the auto id when the entity has one */
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if (is_virtual(f))
			continue;
		sb_printf(&cols, "%s%s", nc ? ", " : "", f->col);
		nc++;
		if (f->flags & FF_KEY) {
			sb_printf(&keys, "%s%s = ?%d", nk ? " AND " : "", f->col, ++np);
			sb_printf(&order, "%s%s", nk ? ", " : "", f->col);
			nk++;
		}
	}
	sb_printf(&sel, "SELECT %s FROM %s", cols.s, e->table);
	e->sql.select = xstrdup(sel.s);
	sb_printf(&sel, " WHERE %s", keys.s);
	e->sql.by_key = sb_take(&sel);
	/* numbered records (transfers) list in the order of their numbers */
	sb_printf(&sel, "SELECT %s FROM %s ORDER BY %s", cols.s, e->table,
		  auto_i >= 0 ? e->fields[auto_i].col : order.s);
	e->sql.cols = xstrdup(cols.s);
	e->sql.order = xstrdup(auto_i >= 0 ? e->fields[auto_i].col : order.s);
	free(e->sql.select);
	e->sql.select = sb_take(&sel);
	/* insert: all stored columns; ?N numbered by stored column position */
	sb_printf(&ins, "INSERT INTO %s(%s) VALUES (", e->table, cols.s);
	for (int k = 0; k < nc; k++)
		sb_printf(&ins, "%s?%d", k ? ", " : "", k + 1);
	sb_adds(&ins, ")");
	e->sql.insert = sb_take(&ins);
	/* update/delete by the auto id, else by the key columns */
	sbuf where;
	sb_init(&where);
	int k = 0;
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if (is_virtual(f))
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
		if (is_virtual(f))
			continue;
		k++;
		if (i != auto_i)
			sb_printf(&upd, "%s%s = ?%d", nset++ ? ", " : "", f->col, k);
	}
	sb_printf(&upd, " WHERE %s", where.s);
	e->sql.update = sb_take(&upd);
	/* delete binds the same positions as update; unused ones stay NULL */
	sb_printf(&del, "DELETE FROM %s WHERE %s", e->table, where.s);
	e->sql.del = sb_take(&del);
	sb_printf(&ex, "SELECT 1 FROM %s WHERE %s", e->table, keys.s);
	e->sql.exists = sb_take(&ex);
	sb_free(&where);
	sb_free(&cols), sb_free(&keys), sb_free(&order);
}

static void
bind_val(sqlite3_stmt *st, int pos, const vb_field *f, const vb_val *v)
{
	if (v->null)
		db_bind_null(st, pos);
	else if (is_text_type(f->type))
		db_bind_text(st, pos, v->s);
	else
		db_bind_int(st, pos, v->i);
}

/* Binds every stored field at its column position. */
static void
bind_all(sqlite3_stmt *st, const vb_rec *r)
{
	int k = 0;
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (is_virtual(f))
			continue;
		bind_val(st, ++k, f, &r->v[i]);
	}
}

static void
read_row(sqlite3_stmt *st, vb_rec *r)
{
	int k = 0;
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (is_virtual(f))
			continue;
		if (sqlite3_column_type(st, k) == SQLITE_NULL)
			val_set_text(&r->v[i], NULL);
		else if (is_text_type(f->type))
			val_set_text(&r->v[i], db_col_text(st, k));
		else
			val_set_int(&r->v[i], sqlite3_column_int64(st, k));
		k++;
	}
}

static int
auto_field(const vb_entity *e)
{
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_AUTO)
			return i;
	return -1;
}

/* The select comparing exactly the fields of mask: one statement per
 * combination, built once from the field table, so that SQLite can use
 * the keys' indexes (a member's figures, a service's costs). */
static const char *
filter_sql(vb_entity *e, unsigned mask)
{
	for (int i = 0; i < e->sql.nfilters; i++)
		if (e->sql.filters[i].mask == mask)
			return e->sql.filters[i].sql;
	sbuf b;
	sb_init(&b);
	sb_printf(&b, "SELECT %s FROM %s WHERE ", e->sql.cols, e->table);
	int k = 0;
	for (int i = 0; i < e->nfields; i++)
		if (mask & (1u << i)) {
			sb_printf(&b, "%s%s = ?%d", k ? " AND " : "", e->fields[i].col, k + 1);
			k++;
		}
	sb_printf(&b, " ORDER BY %s", e->sql.order);
	e->sql.filters = xrealloc(e->sql.filters, (size_t)(e->sql.nfilters + 1) * sizeof *e->sql.filters);
	e->sql.filters[e->sql.nfilters].mask = mask;
	e->sql.filters[e->sql.nfilters].sql = sb_take(&b);
	return e->sql.filters[e->sql.nfilters++].sql;
}

int
ent_load(vb_db *db, const vb_entity *e, const vb_rec *key, vb_rec *out, vb_err *err)
{
	vb_entity *me = (vb_entity *)e;
	build_sql(me);
	int a = auto_field(e);
	sqlite3_stmt *st;
	rec_init(out, e);
	if (a >= 0 && !key->v[a].null) {
		/* by number */
		st = db_prep(db, filter_sql(me, 1u << a), err);
		if (!st)
			return -1;
		db_bind_int(st, 1, key->v[a].i);
	} else {
		st = db_prep(db, me->sql.by_key, err);
		if (!st)
			return -1;
		int k = 0;
		for (int i = 0; i < e->nfields; i++)
			if (e->fields[i].flags & FF_KEY)
				bind_val(st, ++k, &e->fields[i], &key->v[i]);
	}
	int rc = db_step(db, st, err);
	if (rc < 0)
		return -1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	read_row(st, out);
	sqlite3_reset(st);
	if (e->load_extra && e->load_extra(db, out, err) < 0) {
		rec_free(out);
		return -1;
	}
	return 1;
}

char *
rec_ident(const vb_rec *r)
{
	sbuf b;
	sb_init(&b);
	int a = auto_field(r->ent);
	if (a >= 0 && !r->v[a].null) {
		sb_printf(&b, "%lld", (long long)r->v[a].i);
		return sb_take(&b);
	}
	for (int i = 0; i < r->ent->nfields; i++)
		if (r->ent->fields[i].flags & FF_KEY) {
			char *s = val_format(&r->ent->fields[i], &r->v[i]);
			sb_printf(&b, "%s%s", b.len ? "/" : "", s);
			free(s);
		}
	return sb_take(&b);
}

void
rec_json(const vb_rec *r, jw *w)
{
	rec_json_skip(r, w, 0);
}

void
rec_json_skip(const vb_rec *r, jw *w, unsigned skip)
{
	char num[VB_NUM_BUFSZ];
	jw_obj(w);
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		const vb_val *v = &r->v[i];
		if (skip & (1u << i))
			continue;
		if (f->type == FT_CENTS) {
			char k[64];
			snprintf(k, sizeof k, "%s_cents", f->name);
			jw_key(w, k);
		} else {
			jw_key(w, f->name);
		}
		if (f->type == FT_LIST || f->type == FT_PARTS) {
			/* lists are arrays; parts are objects naming member or key */
			int method = ent_field(r->ent, "method");
			int by_key = method >= 0 && str_eq(r->v[method].s, "composite");
			jw_arr(w);
			if (!v->null) {
				char *copy = xstrdup(v->s), *save = NULL;
				for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
					char *eq = strchr(t, '=');
					if (f->type == FT_LIST || !eq) {
						jw_str(w, t);
						continue;
					}
					*eq = '\0';
					jw_obj(w);
					jw_key(w, by_key ? "key" : "member");
					jw_str(w, t);
					jw_key(w, by_key ? "weight" : "percent");
					jw_raw(w, eq + 1);
					jw_obj_end(w);
				}
				free(copy);
			}
			jw_arr_end(w);
			continue;
		}
		if (v->null) {
			jw_null(w);
			continue;
		}
		switch (f->type) {
		case FT_CENTS:
		case FT_INT:
			jw_int(w, v->i);
			break;
		case FT_DEC4:
			jw_raw(w, num_format_dec4(v->i, num, "."));
			break;
		case FT_BOOL:
			jw_bool(w, (int)v->i);
			break;
		default:
			jw_str(w, v->s);
		}
	}
	jw_obj_end(w);
}

char *
rec_json_string(const vb_rec *r)
{
	sbuf b;
	jw w;
	sb_init(&b);
	jw_init(&w, &b);
	w.compact[0] = 1;
	rec_json(r, &w);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	return sb_take(&b);
}

/* Names the reference that a foreign-key failure came from. */
static int
explain_fk(vb_db *db, const vb_rec *r, vb_err *err)
{
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if ((f->type != FT_REF && f->type != FT_LIST && f->type != FT_PARTS) || r->v[i].null ||
		    !f->ref)
			continue;
		vb_entity *target = ent_by_name(f->ref);
		char *copy = xstrdup(r->v[i].s), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(t, '=');
			if (eq)
				*eq = '\0';
			vb_rec key, found;
			rec_init(&key, target);
			val_set_text(&key.v[0], t);
			int rc = ent_load(db, target, &key, &found, NULL);
			rec_free(&key);
			if (rc == 1)
				rec_free(&found);
			if (rc == 0) {
				err_set(err, VB_EFAIL, _("%s: there is no %s '%s'"), f->name, _(target->name), t);
				free(copy);
				return -1;
			}
		}
		free(copy);
	}
	return -1;
}

/* Checks that every referenced record exists (with a clear message). */
static int
check_refs(vb_db *db, const vb_rec *r, vb_err *err)
{
	vb_err tmp;
	err_clear(&tmp);
	explain_fk(db, r, &tmp);
	if (tmp.msg[0]) {
		if (err)
			*err = tmp;
		return -1;
	}
	return 0;
}

static int
write_row(vb_db *db, vb_rec *r, int found, vb_err *err)
{
	vb_entity *e = (vb_entity *)r->ent;
	sqlite3_stmt *st = db_prep(db, found ? e->sql.update : e->sql.insert, err);
	if (!st)
		return -1;
	bind_all(st, r);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_handle(db));
		sqlite3_reset(st);
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY && check_refs(db, r, err) < 0)
			return -1;
		if (ext == SQLITE_CONSTRAINT_PRIMARYKEY || ext == SQLITE_CONSTRAINT_UNIQUE) {
			/* name the identity that collides, not the record's own
			 * number (a transfer changed to another's identity) */
			sbuf id;
			sb_init(&id);
			for (int i = 0; i < e->nfields; i++)
				if (e->fields[i].flags & FF_KEY) {
					char *s = val_format(&e->fields[i], &r->v[i]);
					sb_printf(&id, "%s%s", id.len ? "/" : "", s);
					free(s);
				}
			err_set(err, VB_EFAIL, _("%s '%s' already exists"), _(e->name), id.s ? id.s : "");
			sb_free(&id);
			return -1;
		}
		return db_fail(db, rc, sqlite3_sql(st), err);
	}
	int a = auto_field(e);
	if (a >= 0 && !found)
		val_set_int(&r->v[a], sqlite3_last_insert_rowid(db_handle(db)));
	return 0;
}

int
rec_equal(const vb_rec *a, const vb_rec *b)
{
	if (a->ent != b->ent)
		return 0;
	for (int i = 0; i < a->ent->nfields; i++) {
		const vb_val *x = &a->v[i], *y = &b->v[i];
		if (x->null != y->null)
			return 0;
		if (x->null)
			continue;
		if (x->s || y->s) {
			if (!str_eq(x->s, y->s))
				return 0;
		} else if (x->i != y->i) {
			return 0;
		}
	}
	return 1;
}

/* What the caller saw before an edit: checked against the stored record. */
static const vb_rec *write_expected;
static int write_check_expected;

static int
write_tx(vb_db *db, vb_rec *rec, int mode, int quiet_audit, vb_err *err)
{
	const vb_entity *e = rec->ent;
	vb_rec old, merged;
	int found = 0, a = auto_field(e);
	/* a key field with a default (the basis of a cost) takes it, also
	 * when given empty (an empty CSV cell: "actual when not given") */
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_KEY) && rec->v[i].null && e->fields[i].def &&
		    rec_parse(rec, i, e->fields[i].def, err) < 0)
			return -1;
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_KEY) && rec->v[i].null && !(a >= 0 && !rec->v[a].null))
			return err_set(err, VB_EFAIL, _("%s is required"), e->fields[i].name);
	if (mode != W_ADD || a < 0) {
		found = ent_load(db, e, rec, &old, err);
		if (found < 0)
			return -1;
	}
	if (write_check_expected &&
	    (write_expected ? !found || !rec_equal(&old, write_expected) : found)) {
		char *id2 = rec_ident(rec);
		err_set(err, VB_ECONFLICT,
			_("%s '%s' was changed by another program since it was read."),
			_(e->name), id2);
		free(id2);
		if (found)
			rec_free(&old);
		return -1;
	}
	if ((mode == W_ADD && found) || (mode == W_SET && !found)) {
		char *id = rec_ident(rec);
		if (found)
			err_set(err, VB_EFAIL, _("%s '%s' already exists"), _(e->name), id);
		else
			err_set(err, VB_EFAIL, _("there is no %s '%s'"), _(e->name), id);
		free(id);
		if (found)
			rec_free(&old);
		return -1;
	}
	/* merge: stored (or default) values, then what the user gave */
	if (found) {
		rec_copy(&merged, &old);
	} else {
		rec_init(&merged, e);
		for (int i = 0; i < e->nfields; i++)
			if (e->fields[i].def && rec_parse(&merged, i, e->fields[i].def, err) < 0)
				goto fail;
	}
	for (int i = 0; i < e->nfields; i++)
		if (rec->set[i] || ((e->fields[i].flags & FF_KEY) && !found)) {
			if (found && (e->fields[i].flags & FF_AUTO))
				continue;
			merged.v[i].null = rec->v[i].null;
			merged.v[i].i = rec->v[i].i;
			val_set_text(&merged.v[i], NULL);
			merged.v[i] = rec->v[i];
			merged.v[i].s = rec->v[i].s ? xstrdup(rec->v[i].s) : NULL;
			merged.set[i] = 1;
		}
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_REQ) && merged.v[i].null) {
			err_set(err, VB_EFAIL, _("%s is required"), e->fields[i].name);
			goto fail;
		}
	if (e->check && e->check(db, &merged, found ? &old : NULL, err) < 0)
		goto fail;
	if (write_row(db, &merged, found, err) < 0)
		goto fail;
	if (e->after && e->after(db, &merged, found ? &old : NULL, err) < 0)
		goto fail;
	if (!quiet_audit) {
		char *before = found ? rec_json_string(&old) : NULL;
		char *after = rec_json_string(&merged);
		char *ident = rec_ident(&merged);
		int rc = 0;
		/* a record written again unchanged (an import of the same
		 * data) is no change */
		if (!before || strcmp(before, after) != 0)
			rc = db_audit(db, found ? "set" : "add", e->name, ident, before, after, err);
		free(before), free(after), free(ident);
		if (rc < 0)
			goto fail;
	}
	if (found)
		rec_free(&old);
	rec_free(rec);
	*rec = merged;
	return 0;
fail:
	if (found)
		rec_free(&old);
	rec_free(&merged);
	return -1;
}

int
ent_write_if(vb_db *db, vb_rec *rec, int mode, const vb_rec *expected, vb_err *err)
{
	write_expected = expected;
	write_check_expected = 1;
	int rc = ent_write(db, rec, mode, 0, err);
	write_check_expected = 0;
	write_expected = NULL;
	return rc;
}

int
ent_write(vb_db *db, vb_rec *rec, int mode, int quiet_audit, vb_err *err)
{
	build_sql((vb_entity *)rec->ent);
	/* an import gives up as a whole on any error: no savepoint per record */
	if (db_bulk(db))
		return write_tx(db, rec, mode, quiet_audit, err);
	if (db_begin(db, err) < 0)
		return -1;
	if (write_tx(db, rec, mode, quiet_audit, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Counts the records that refer to a record, for the refusal's hint. */
static int
describe_refs(vb_db *db, const vb_rec *old, sbuf *out)
{
	int total = 0;
	const char *code = old->v[0].s;
	for (const vb_referrer *r = old->ent->refs; r && r->table; r++) {
		char sql[256];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?1", r->table, r->col);
		if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
			continue;
		db_bind_text(st, 1, code);
		if (sqlite3_step(st) == SQLITE_ROW) {
			int n = sqlite3_column_int(st, 0);
			if (n > 0) {
				/* "figures: 2" needs no plural forms in any language */
				sb_printf(out, "%s%s: %d", total ? ", " : "", _(r->label), n);
				total += n;
			}
		}
		sqlite3_finalize(st);
	}
	return total;
}

static int
remove_tx(vb_db *db, const vb_rec *key, vb_err *err)
{
	const vb_entity *e = key->ent;
	vb_rec old;
	int found = ent_load(db, e, key, &old, err);
	if (found < 0)
		return -1;
	if (!found) {
		char *id = rec_ident(key);
		err_set(err, VB_EFAIL, _("there is no %s '%s'"), _(e->name), id);
		free(id);
		return -1;
	}
	char *id = rec_ident(&old);
	int rc = -1;
	if (e->before_remove && e->before_remove(db, &old, err) < 0)
		goto out;
	sqlite3_stmt *st = db_prep(db, e->sql.del, err);
	if (!st)
		goto out;
	bind_all(st, &old);
	int step = sqlite3_step(st);
	if (step != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_handle(db));
		sqlite3_reset(st);
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
			sbuf refs;
			sb_init(&refs);
			describe_refs(db, &old, &refs);
			err_set(err, VB_EFAIL, _("%s '%s' is still referred to (%s); %s"), _(e->name), id,
				refs.s ? refs.s : _("other records"),
				e == &ent_member ? _("a member that leaves gets a left date and status former instead")
						 : _("remove or change those first"));
			sb_free(&refs);
		} else {
			db_fail(db, step, e->sql.del, err);
		}
		goto out;
	}
	char *before = rec_json_string(&old);
	rc = db_audit(db, "remove", e->name, id, before, NULL, err);
	free(before);
out:
	free(id);
	rec_free(&old);
	return rc;
}

int
ent_remove(vb_db *db, const vb_rec *key, vb_err *err)
{
	build_sql((vb_entity *)key->ent);
	if (db_begin(db, err) < 0)
		return -1;
	if (remove_tx(db, key, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int
ent_fetch(vb_db *db, const vb_entity *e, const vb_rec *filter, vb_rec **out, size_t *n,
	  vb_err *err)
{
	vb_entity *me = (vb_entity *)e;
	unsigned mask = 0;
	build_sql(me);
	for (int i = 0; filter && i < e->nfields; i++)
		if (!is_virtual(&e->fields[i]) && filter->set[i] && !filter->v[i].null)
			mask |= 1u << i;
	sqlite3_stmt *st = db_prep(db, mask ? filter_sql(me, mask) : e->sql.select, err);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	for (int i = 0, k = 0; i < e->nfields; i++)
		if (mask & (1u << i))
			bind_val(st, ++k, &e->fields[i], &filter->v[i]);
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		vb_rec *r = &(*out)[(*n)++];
		rec_init(r, e);
		read_row(st, r);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		recs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	if (e->load_extra)
		for (size_t i = 0; i < *n; i++)
			if (e->load_extra(db, &(*out)[i], err) < 0) {
				recs_free(*out, *n);
				*out = NULL;
				*n = 0;
				return -1;
			}
	return 0;
}

void
recs_free(vb_rec *recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rec_free(&recs[i]);
	free(recs);
}

static int
col_type(int ft)
{
	switch (ft) {
	case FT_CENTS: return CT_CENTS;
	case FT_DEC4: return CT_DEC4;
	case FT_INT: return CT_INT;
	case FT_BOOL: return CT_BOOL;
	case FT_DATE: return CT_DATE;
	case FT_CODE:
	case FT_REF:
	case FT_CHOICE: return CT_TEXT;
	default: return CT_TEXT;
	}
}

out_table *
recs_table(const vb_entity *e, const vb_rec *recs, size_t n, int with_auto)
{
	out_table *t = out_new();
	int map[VB_MAXF], nc = 0;
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if ((f->flags & FF_NOCSV) && !with_auto)
			continue;
		out_col(t, f->name, col_type(f->type));
		map[nc++] = i;
	}
	for (size_t r = 0; r < n; r++) {
		out_row(t);
		for (int c = 0; c < nc; c++) {
			const vb_val *v = &recs[r].v[map[c]];
			if (v->null)
				continue;
			if (is_text_type(e->fields[map[c]].type))
				out_text(t, c, v->s);
			else
				out_int(t, c, v->i);
		}
	}
	return t;
}
