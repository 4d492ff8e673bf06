/* Writing and removing records: validation, the entity's rules, one
 * transaction, and the list of every record the write changed, from
 * which the audit log is written. */
#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>

#include "entity_sql.h"
#include "i18n.h"
#include "suggest.h"

/* Names the reference that a foreign-key failure came from. */
static int
explain_fk(vb_db *db, const vb_rec *r, vb_err *err)
{
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if ((f->type != FT_REF && f->type != FT_LIST && f->type != FT_PARTS) || r->v[i].null ||
		    !f->ref)
			continue;
		const vb_entity *target = ent_by_name(f->ref);
		char *copy = xstrdup(r->v[i].s), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(t, '=');
			if (eq)
				*eq = '\0';
			vb_rec key, found;
			rec_init(&key, target);
			val_set_text(&key.v[REC_FIRST], t);
			int rc = ent_load(db, target, &key, &found, NULL);
			rec_free(&key);
			if (rc == 1)
				rec_free(&found);
			if (rc == 0) {
				suggest_not_found(db, target, f->name, t, err);
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
	const vb_entity *e = r->ent;
	sqlite3_stmt *st = db_prep(db, found ? ent_sql_of(db, e)->update : ent_sql_of(db, e)->insert, err);
	if (!st)
		return -1;
	ent_bind_all(st, r);
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
	int a = ent_auto_field(e);
	if (a >= 0 && !found)
		val_set_int(&r->v[a], sqlite3_last_insert_rowid(db_handle(db)));
	return 0;
}


/* What the caller saw before an edit: checked against the stored record. */
static const vb_rec *write_expected;
static int write_check_expected;

static int
write_tx(vb_db *db, vb_rec *rec, int mode, int quiet_audit, vb_err *err)
{
	const vb_entity *e = rec->ent;
	vb_rec old, merged;
	int found = 0, a = ent_auto_field(e);
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
			suggest_not_found(db, e, NULL, id, err);
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
	const char *code = old->v[REC_FIRST].s;
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
		suggest_not_found(db, e, NULL, id, err);
		free(id);
		return -1;
	}
	char *id = rec_ident(&old);
	int rc = -1;
	if (e->before_remove && e->before_remove(db, &old, err) < 0)
		goto out;
	const char *del = ent_sql_of(db, e)->del;
	sqlite3_stmt *st = db_prep(db, del, err);
	if (!st)
		goto out;
	ent_bind_all(st, &old);
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
				e->referred_hint ? _(e->referred_hint) : _("remove or change those first"));
			sb_free(&refs);
		} else {
			db_fail(db, step, del, err);
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
	if (db_begin(db, err) < 0)
		return -1;
	if (remove_tx(db, key, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

