/* Cost-sharing keys: metric, equal, fixed percentages and composites,
 * with their parts and exclusions kept in their own tables. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "suggest.h"
#include "num.h"

static const char *const key_methods[] = {"metric", "equal", "fixed", "composite", NULL};

enum { K_CODE, K_NAME, K_METHOD, K_METRIC, K_OFFSET, K_PARTS, K_EXCLUDE };

static const vb_field key_fields[] = {
	KEY_FIELDS(VB_FIELD_ROW)
};

/* Walks the parts of key `code` (the key being written uses `parts`)
 * and reports whether `target` is reachable. */
static int
reaches(vb_db *db, const char *code, const char *target, const char *self, const char *parts,
	int depth, vb_err *err)
{
	static const char sql[] = "SELECT part FROM key_part WHERE key = ?1 ORDER BY pos";
	if (depth > 64)
		return 1;
	char **list = NULL;
	size_t n = 0;
	if (strcmp(code, self) == 0) {
		vb_list l;
		if (vlist_parse(parts, 1, &l, err) < 0)
			return -1;
		for (size_t i = 0; i < l.n; i++) {
			list = xrealloc(list, (n + 1) * sizeof *list);
			list[n++] = xstrdup(l.item[i].code);
		}
		vlist_free(&l);
	} else {
		sqlite3_stmt *st = db_prep(db, sql, err);
		if (!st)
			return -1;
		db_bind_text(st, 1, code);
		int rc;
		while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
			list = xrealloc(list, (n + 1) * sizeof *list);
			list[n++] = xstrdup(db_col_text(st, 0));
		}
		if (rc < 0) {
			/* half a list of parts would call a cycle none */
			for (size_t i = 0; i < n; i++)
				free(list[i]);
			free(list);
			return -1;
		}
	}
	int found = 0;
	for (size_t i = 0; i < n && found == 0; i++)
		found = strcmp(list[i], target) == 0 ? 1
			: reaches(db, list[i], target, self, parts, depth + 1, err);
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return found;
}

static int
exists(vb_db *db, const char *sql, const char *code, vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(db, st, err);
	db_end(st);
	return rc < 0 ? -1 : rc == SQLITE_ROW;
}

static int
check_parts(vb_db *db, vb_rec *r, int composite, vb_err *err)
{
	static const char member_sql[] = "SELECT 1 FROM member WHERE code = ?1";
	static const char key_sql[] = "SELECT 1 FROM cost_key WHERE code = ?1";
	const char *code = r->v[K_CODE].s;
	if (r->v[K_PARTS].null)
		return err_set(err, VB_EFAIL, composite
			? _("key '%s': a composite key needs parts (--composite key=weight,…)")
			: _("key '%s': a fixed key needs parts (--fixed member=percent,…)"), code);
	int64_t sum = 0;
	vb_list l;
	if (vlist_parse(r->v[K_PARTS].s, 1, &l, err) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		const char *t = l.item[i].code;
		sum += l.item[i].num;	/* each at most 100: no overflow */
		int there = 1, cycle = 0;
		if (composite && strcmp(t, code) == 0)
			rc = err_set(err, VB_EFAIL, _("key '%s' cannot be a part of itself"), code);
		else if ((there = exists(db, composite ? key_sql : member_sql, t, err)) < 0)
			rc = -1;
		else if (there == 0)
			rc = err_set(err, VB_EFAIL, _("key '%s': there is no %s '%s'"), code,
				     composite ? _("key") : _("member"), t),
			suggest_append(db, composite ? &ent_key : &ent_member, t, err);
		else if (composite && (cycle = reaches(db, t, code, code, r->v[K_PARTS].s, 0, err)) < 0)
			rc = -1;
		else if (cycle == 1)
			rc = err_set(err, VB_EFAIL, _("key '%s': part '%s' would make a cycle (it contains '%s')"),
				     code, t, code);
	}
	vlist_free(&l);
	if (rc == 0 && sum != 1000000) {
		char buf[48];
		rc = err_set(err, VB_EFAIL, composite
			? _("key '%s': the weights add up to %s, not exactly 100")
			: _("key '%s': the percentages add up to %s, not exactly 100"),
			code, num_format_dec4(sum, buf, "."));
	}
	return rc;
}

static int
key_validate(vb_db *db, vb_rec *r, const vb_rec *old, unsigned flags, vb_err *err)
{
	static const char member_sql[] = "SELECT 1 FROM member WHERE code = ?1";
	const char *method = r->v[K_METHOD].s, *code = r->v[K_CODE].s;
	(void)old, (void)flags;
	if (strcmp(method, "metric") == 0) {
		if (r->v[K_METRIC].null)
			return err_set_field(err, K_METRIC, VB_EFAIL, _("key '%s': a metric key needs a metric"), code);
	} else {
		val_set_text(&r->v[K_METRIC], NULL);
		if (!r->v[K_OFFSET].null && r->v[K_OFFSET].i != 0)
			return err_set_field(err, K_OFFSET, VB_EFAIL, _("key '%s': only a metric key has a year offset"), code);
	}
	if (r->v[K_OFFSET].null)
		val_set_int(&r->v[K_OFFSET], 0);
	if (strcmp(method, "fixed") == 0 || strcmp(method, "composite") == 0) {
		if (check_parts(db, r, strcmp(method, "composite") == 0, err) < 0) {
			if (err && err->status == VB_EFAIL)
				err->field = K_PARTS;
			return -1;
		}
	} else if (!r->v[K_PARTS].null) {
		val_set_text(&r->v[K_PARTS], NULL);
	}
	if (!r->v[K_EXCLUDE].null) {
		vb_list l;
		if (vlist_parse(r->v[K_EXCLUDE].s, 0, &l, err) < 0)
			return -1;
		int rc = 0;
		for (size_t i = 0; i < l.n && !rc; i++)
			if (exists(db, member_sql, l.item[i].code, err) == 0)
				rc = err_set(err, VB_EFAIL, _("key '%s': exclude: there is no member '%s'"), code,
					     l.item[i].code),
				suggest_append(db, &ent_member, l.item[i].code, err);
		vlist_free(&l);
		if (rc) {
			if (err && err->status == VB_EFAIL)
				err->field = K_EXCLUDE;
			return -1;
		}
	}
	return 0;
}

static int
key_write_lists(vb_db *db, const vb_rec *r, const vb_rec *old, vb_changes *ch, vb_err *err)
{
	static const char del_share[] = "DELETE FROM key_share WHERE key = ?1";
	static const char del_part[] = "DELETE FROM key_part WHERE key = ?1";
	static const char del_excl[] = "DELETE FROM key_exclude WHERE key = ?1";
	static const char ins_share[] = "INSERT INTO key_share(key, member, percent) VALUES (?1, ?2, ?3)";
	static const char ins_part[] = "INSERT INTO key_part(key, pos, part, weight) VALUES (?1, ?2, ?3, ?4)";
	static const char ins_excl[] = "INSERT INTO key_exclude(key, member) VALUES (?1, ?2)";
	const char *code = r->v[K_CODE].s;
	const char *dels[] = {del_share, del_part, del_excl};
	(void)old, (void)ch;
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st = db_prep(db, dels[i], err);
		if (!st)
			return -1;
		db_bind_text(st, 1, code);
		if (db_step(db, st, err) < 0)
			return -1;
	}
	int composite = str_eq(r->v[K_METHOD].s, "composite");
	if (!r->v[K_PARTS].null) {
		vb_list l;
		if (vlist_parse(r->v[K_PARTS].s, 1, &l, err) < 0)
			return -1;
		int pos = 0, rc = 0;
		for (size_t i = 0; i < l.n && !rc; i++) {
			const char *t = l.item[i].code;
			int64_t v = l.item[i].num;
			sqlite3_stmt *st = db_prep(db, composite ? ins_part : ins_share, err);
			if (!st) {
				rc = -1;
				break;
			}
			db_bind_text(st, 1, code);
			if (composite) {
				db_bind_int(st, 2, pos++);
				db_bind_text(st, 3, t);
				db_bind_int(st, 4, v);
			} else {
				db_bind_text(st, 2, t);
				db_bind_int(st, 3, v);
			}
			if (db_step(db, st, err) < 0)
				rc = -1;
		}
		vlist_free(&l);
		if (rc) {
			if (err && err->status == VB_EFAIL)
				err->field = K_EXCLUDE;
			return -1;
		}
	}
	if (!r->v[K_EXCLUDE].null) {
		vb_list l;
		if (vlist_parse(r->v[K_EXCLUDE].s, 0, &l, err) < 0)
			return -1;
		int rc = 0;
		for (size_t i = 0; i < l.n && !rc; i++) {
			sqlite3_stmt *st = db_prep(db, ins_excl, err);
			if (!st) {
				rc = -1;
				break;
			}
			db_bind_text(st, 1, code);
			db_bind_text(st, 2, l.item[i].code);
			if (db_step(db, st, err) < 0)
				rc = -1;
		}
		vlist_free(&l);
		if (rc) {
			if (err && err->status == VB_EFAIL)
				err->field = K_EXCLUDE;
			return -1;
		}
	}
	return 0;
}

static int
key_load_extra(vb_db *db, vb_rec *r, vb_err *err)
{
	static const char shares[] = "SELECT member, percent FROM key_share WHERE key = ?1 ORDER BY member";
	static const char parts[] = "SELECT part, weight FROM key_part WHERE key = ?1 ORDER BY pos";
	static const char excl[] = "SELECT member FROM key_exclude WHERE key = ?1 ORDER BY member";
	char buf[48];
	sbuf b;
	sb_init(&b);
	sqlite3_stmt *st = db_prep(db, str_eq(r->v[K_METHOD].s, "composite") ? parts : shares, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, r->v[K_CODE].s);
	int rc;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		sb_printf(&b, "%s%s=%s", b.len ? "," : "", db_col_text(st, 0),
			  num_format_dec4(sqlite3_column_int64(st, 1), buf, "."));
	/* never half the parts: the next edit would write them back */
	if (rc < 0) {
		sb_free(&b);
		return -1;
	}
	val_set_text(&r->v[K_PARTS], b.len ? b.s : NULL);
	sb_reset(&b);
	if (!(st = db_prep(db, excl, err))) {
		sb_free(&b);
		return -1;
	}
	db_bind_text(st, 1, r->v[K_CODE].s);
	while ((rc = db_step(db, st, err)) == SQLITE_ROW)
		sb_printf(&b, "%s%s", b.len ? "," : "", db_col_text(st, 0));
	if (rc < 0) {
		sb_free(&b);
		return -1;
	}
	val_set_text(&r->v[K_EXCLUDE], b.len ? b.s : NULL);
	sb_free(&b);
	return 0;
}

/* The parts of a composite key name keys and weights; a fixed key's
 * name members and percentages. */
static void
key_parts_names(const vb_rec *r, const char **code, const char **num)
{
	if (str_eq(r->v[K_METHOD].s, "composite")) {
		*code = "key";
		*num = "weight";
	}
}

static const vb_referrer key_refs[] = {
	{"service", "key", N_("services")},
	{"key_part", "part", N_("composite keys")},
	{NULL, NULL, NULL},
};

const vb_entity ent_key = {
	.name = N_("key"), .plural = "keys", .table = "cost_key",
	.fields = key_fields, .nfields = sizeof key_fields / sizeof key_fields[0],
	.validate = key_validate, .write_lists = key_write_lists, .load_extra = key_load_extra, .refs = key_refs,
	.parts_names = key_parts_names,
};
