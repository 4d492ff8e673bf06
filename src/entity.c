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
		vb_list l;
		if (vlist_parse(r->v[i].s, f->type == FT_PARTS, &l, err) < 0)
			return -1;
		for (size_t k = 0; k < l.n; k++) {
			const char *t = l.item[k].code;
			vb_rec key, found;
			rec_init(&key, target);
			val_set_text(&key.v[REC_FIRST], t);
			int rc = ent_load(db, target, &key, &found, NULL);
			rec_free(&key);
			if (rc == 1)
				rec_free(&found);
			if (rc == 0) {
				suggest_not_found(db, target, f->name, t, err);
				if (err)
					err->field = i;
				vlist_free(&l);
				return -1;
			}
		}
		vlist_free(&l);
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

/* ------------------------------------------- references checked once */

struct vb_refs {
	char **slot;		/* "entity\tcode"; open addressing */
	size_t n, cap;		/* cap a power of two */
	sbuf key;
	/* the reference found last in each field: a file's records of one
	 * member come one after another */
	char *last[VB_MAXF];
};

vb_refs *
refs_new(void)
{
	vb_refs *r = xcalloc(1, sizeof *r);
	r->cap = 256;
	r->slot = xcalloc(r->cap, sizeof *r->slot);
	return r;
}

void
refs_free(vb_refs *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->cap; i++)
		free(r->slot[i]);
	for (int i = 0; i < VB_MAXF; i++)
		free(r->last[i]);
	free(r->slot);
	sb_free(&r->key);
	free(r);
}

static char **
refs_slot(vb_refs *r, const char *key)
{
	size_t h = 14695981039346656037u, mask = r->cap - 1;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (!r->slot[i] || strcmp(r->slot[i], key) == 0)
			return &r->slot[i];
}

static void
refs_add(vb_refs *r, const char *key)
{
	if (r->n * 2 >= r->cap) {
		char **old = r->slot;
		size_t oldcap = r->cap;
		r->cap *= 2;
		r->slot = xcalloc(r->cap, sizeof *r->slot);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*refs_slot(r, old[i]) = old[i];
		free(old);
	}
	*refs_slot(r, key) = xstrdup(key);
	r->n++;
}

int
ent_checks_own_refs(const vb_entity *e)
{
	if (e->before_write || e->write_lists || e->load_extra || ent_auto_field(e) >= 0)
		return 0;
	for (int i = 0; i < e->nfields; i++)
		if (field_is_virtual(&e->fields[i]))
			return 0;
	return 1;
}

/* 0 when the record of target with code exists; -1 with the message
 * of check_refs when not (or on error). */
static int
ref_exists(vb_db *db, const vb_entity *target, const vb_field *f, int i, const char *code,
	   vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, ent_sql_of(db, target)->exists, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	int rc = db_step(db, st, err);
	db_end(st);
	if (rc < 0)
		return -1;
	if (rc != SQLITE_ROW) {
		suggest_not_found(db, target, f->name, code, err);
		if (err)
			err->field = i;
		return -1;
	}
	return 0;
}

/* With the database's foreign keys off: every reference of r exists
 * (the first one that does not is named, as check_refs names it). */
static int
own_refs(vb_db *db, const vb_rec *r, vb_refs *refs, vb_err *err)
{
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (f->type != FT_REF || !f->ref || r->v[i].null)
			continue;
		if (refs->last[i] && strcmp(refs->last[i], r->v[i].s) == 0)
			continue;
		const vb_entity *target = ent_by_name(f->ref);
		sb_reset(&refs->key);
		sb_adds(&refs->key, target->name);
		sb_addc(&refs->key, '\t');
		sb_adds(&refs->key, r->v[i].s);
		if (!*refs_slot(refs, refs->key.s)) {
			if (ref_exists(db, target, f, i, r->v[i].s, err) < 0)
				return -1;
			refs_add(refs, refs->key.s);
		}
		/* the same field of the same record kind always refers to one
		 * entity: the code alone identifies it */
		free(refs->last[i]);
		refs->last[i] = xstrdup(r->v[i].s);
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
		db_end(st);
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


static int
write_lists(vb_db *db, vb_rec *r, const vb_rec *old, vb_changes *ch, vb_err *err)
{
	const vb_entity *e = r->ent;
	if (!e->write_lists)
		return 0;
	if (e->write_lists(db, r, old, ch, err) < 0)
		return -1;
	/* the lists as stored (the order of a key's shares), so that the
	 * log and an undo compare what the file holds */
	return e->load_extra ? e->load_extra(db, r, err) : 0;
}

/* Fills the key fields that have a default (the basis of a cost, also
 * when given empty: "actual when not given") and checks that the
 * identity is complete. */
static int
complete_key(vb_rec *rec, vb_err *err)
{
	const vb_entity *e = rec->ent;
	int a = ent_auto_field(e);
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_KEY) && rec->v[i].null && e->fields[i].def &&
		    rec_parse(rec, i, e->fields[i].def, err) < 0)
			return -1;
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_KEY) && rec->v[i].null && !(a >= 0 && !rec->v[a].null))
			return err_set(err, VB_EFAIL, _("%s is required"), e->fields[i].name);
	return 0;
}

/* The stored record (or the defaults of a new one) with what the user
 * gave on top. */
static int
merge(const vb_rec *rec, const vb_rec *old, vb_rec *merged, vb_err *err)
{
	const vb_entity *e = rec->ent;
	if (old) {
		rec_copy(merged, old);
	} else {
		rec_init(merged, e);
		for (int i = 0; i < e->nfields; i++)
			if (e->fields[i].def && rec_parse(merged, i, e->fields[i].def, err) < 0)
				return -1;
	}
	for (int i = 0; i < e->nfields; i++)
		if (rec->set[i] || ((e->fields[i].flags & FF_KEY) && !old)) {
			if (old && (e->fields[i].flags & FF_AUTO))
				continue;
			free(merged->v[i].s);
			merged->v[i] = rec->v[i];
			merged->v[i].s = rec->v[i].s ? xstrdup(rec->v[i].s) : NULL;
			merged->set[i] = 1;
		}
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_REQ) && merged->v[i].null)
			return err_set(err, VB_EFAIL, _("%s is required"), e->fields[i].name);
	return 0;
}

/* Where an import may offer a record as new before reading it: an
 * entity that is one row and nothing beside it (no list tables, no side
 * effects, no number of its own, so that its identity is the only
 * uniqueness its table knows). */
static int
new_first(const vb_entity *e, const vb_write *how)
{
	return how->mode == W_UPSERT && (how->flags & VB_W_IMPORT) && !(how->flags & VB_W_EXPECT) &&
	       !e->before_write && !e->write_lists && !e->load_extra && ent_auto_field(e) < 0;
}

/* Most records of an import are new: the record with the defaults of a
 * new one is validated and inserted unless its identity is stored
 * already (one search of the table instead of a read and an insert).
 * 1 written, 0 not (stored already, or refused as new: the caller
 * takes the way of every write, which gives the message), -1 error. */
static int
write_new(vb_db *db, vb_rec *rec, const vb_write *how, vb_changes *ch, vb_err *err)
{
	const vb_entity *e = rec->ent;
	vb_rec merged;
	int rc = 0;
	if (merge(rec, NULL, &merged, NULL) < 0 ||
	    (e->validate && e->validate(db, &merged, NULL, how->flags, NULL) < 0))
		goto out;
	if ((how->flags & VB_W_REFS) && own_refs(db, &merged, how->refs, NULL) < 0)
		goto out;	/* the way of every write names the reference */
	sqlite3_stmt *st = db_prep(db, ent_sql_of(db, e)->insert_new, err);
	if (!st) {
		rc = -1;
		goto out;
	}
	ent_bind_all(st, &merged);
	int step = sqlite3_step(st);
	if (step != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_handle(db));
		db_end(st);
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY && check_refs(db, &merged, err) < 0)
			rc = -1;
		else
			rc = db_fail(db, step, sqlite3_sql(st), err);
		goto out;
	}
	db_end(st);
	if (sqlite3_changes(db_handle(db)) == 0)
		goto out;
	changes_push(ch, CH_ADD, NULL, &merged);
	rec_free(rec);
	*rec = merged;
	return 1;
out:
	rec_free(&merged);
	return rc;
}

static int
write_tx(vb_db *db, vb_rec *rec, const vb_write *how, vb_changes *ch, vb_err *err)
{
	const vb_entity *e = rec->ent;
	vb_rec old, merged;
	int found = 0, mode = how->mode;
	if (complete_key(rec, err) < 0)
		return -1;
	if (new_first(e, how)) {
		int rc = write_new(db, rec, how, ch, err);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	if (mode != W_ADD || ent_auto_field(e) < 0) {
		found = ent_load(db, e, rec, &old, err);
		if (found < 0)
			return -1;
	}
	if ((how->flags & VB_W_EXPECT) &&
	    (how->expected ? !found || !rec_equal(&old, how->expected) : found)) {
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
	const vb_rec *was = found ? &old : NULL;
	vb_changes side;
	changes_init(&side);
	if (merge(rec, was, &merged, err) < 0)
		goto fail;
	if (e->validate && e->validate(db, &merged, was, how->flags, err) < 0)
		goto fail;
	/* the same record again (an import of unchanged data) is no change */
	if (!was || !rec_equal(&merged, was)) {
		if (e->before_write && e->before_write(db, &merged, was, &side, err) < 0)
			goto fail;
		if ((how->flags & VB_W_REFS) && own_refs(db, &merged, how->refs, err) < 0)
			goto fail;
		if (write_row(db, &merged, found, err) < 0 || write_lists(db, &merged, was, &side, err) < 0)
			goto fail;
		if (!was || !rec_equal(&merged, was))
			changes_push(&side, found ? CH_SET : CH_ADD, was, &merged);
	}
	changes_move(ch, &side);
	if (found)
		rec_free(&old);
	rec_free(rec);
	*rec = merged;
	return 0;
fail:
	changes_free(&side);
	if (found)
		rec_free(&old);
	rec_free(&merged);
	return -1;
}

/* Runs fn in a transaction of its own (or the caller's, VB_W_BULK) and
 * logs the changes it made unless VB_W_NOLOG. */
static int
in_tx(vb_db *db, unsigned flags, vb_changes *ch, vb_err *err,
      int (*fn)(vb_db *, const void *, vb_changes *, vb_err *), const void *arg)
{
	vb_changes local;
	changes_init(&local);
	vb_changes *out = ch ? ch : &local;
	size_t mark = out->n;
	int bulk = (flags & VB_W_BULK) != 0;
	if (!bulk && db_begin(db, err) < 0)
		return -1;
	int rc = fn(db, arg, out, err);
	if (rc == 0 && !(flags & VB_W_NOLOG))
		rc = changes_log(db, out, mark, err);
	if (rc == 0 && !bulk)
		rc = db_commit(db, err);
	else if (rc < 0 && !bulk)
		db_rollback(db);
	if (rc < 0 && ch) {
		/* nothing of it was kept: the caller's list is as before */
		for (size_t i = mark; i < ch->n; i++)
			rec_free(&ch->c[i].before), rec_free(&ch->c[i].after);
		ch->n = mark;
	}
	changes_free(&local);
	return rc;
}

struct write_arg {
	vb_rec *rec;
	const vb_write *how;
};

static int
write_fn(vb_db *db, const void *arg, vb_changes *ch, vb_err *err)
{
	const struct write_arg *w = arg;
	return write_tx(db, w->rec, w->how, ch, err);
}

int
ent_write(vb_db *db, vb_rec *rec, const vb_write *how, vb_changes *ch, vb_err *err)
{
	struct write_arg w = {rec, how};
	return in_tx(db, how->flags, ch, err, write_fn, &w);
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

/* Records the records that the database removes with old (versions and
 * signatures of an agreement), deepest first. */
static int
collect_cascade(vb_db *db, const vb_rec *old, vb_changes *ch, vb_err *err)
{
	const vb_entity *e = old->ent;
	for (int k = 0; e->cascade && e->cascade[k]; k++) {
		const vb_entity *c = e->cascade[k];
		vb_rec filter, *recs;
		size_t n;
		rec_init(&filter, c);
		/* the child's leading key fields are the parent's key */
		for (int i = 0, j = 0; i < e->nfields; i++) {
			if (!(e->fields[i].flags & FF_KEY))
				continue;
			while (j < c->nfields && !(c->fields[j].flags & FF_KEY))
				j++;
			if (j >= c->nfields)
				break;
			filter.v[j] = old->v[i];
			filter.v[j].s = old->v[i].s ? xstrdup(old->v[i].s) : NULL;
			filter.set[j++] = 1;
		}
		int rc = ent_fetch(db, c, &filter, &recs, &n, err);
		rec_free(&filter);
		if (rc < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			changes_push(ch, CH_REMOVE, &recs[i], NULL);
		recs_free(recs, n);
	}
	return 0;
}

/* Deletes old's row; the refusal names who still refers to it. */
static int
delete_row(vb_db *db, const vb_rec *old, vb_err *err)
{
	const vb_entity *e = old->ent;
	const char *del = ent_sql_of(db, e)->del;
	sqlite3_stmt *st = db_prep(db, del, err);
	if (!st)
		return -1;
	ent_bind_all(st, old);
	int step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		return 0;
	int ext = sqlite3_extended_errcode(db_handle(db));
	db_end(st);
	if (ext != SQLITE_CONSTRAINT_FOREIGNKEY)
		return db_fail(db, step, del, err);
	char *id = rec_ident(old);
	sbuf refs;
	sb_init(&refs);
	describe_refs(db, old, &refs);
	err_set(err, VB_EFAIL, _("%s '%s' is still referred to (%s); %s"), _(e->name), id,
		refs.s ? refs.s : _("other records"),
		e->referred_hint ? _(e->referred_hint) : _("remove or change those first"));
	sb_free(&refs);
	free(id);
	return -1;
}

static int
remove_fn(vb_db *db, const void *arg, vb_changes *ch, vb_err *err)
{
	const vb_rec *key = arg;
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
	int rc = -1;
	if ((!e->before_remove || e->before_remove(db, &old, err) == 0) &&
	    ent_put(db, &old, NULL, ch, err) == 0)
		rc = 0;
	rec_free(&old);
	return rc;
}

int
ent_remove(vb_db *db, const vb_rec *key, unsigned flags, vb_changes *ch, vb_err *err)
{
	return in_tx(db, flags, ch, err, remove_fn, key);
}

int
ent_put(vb_db *db, const vb_rec *before, const vb_rec *after, vb_changes *ch, vb_err *err)
{
	if (!after) {
		if (collect_cascade(db, before, ch, err) < 0 || delete_row(db, before, err) < 0)
			return -1;
		changes_push(ch, CH_REMOVE, before, NULL);
		return 0;
	}
	vb_rec w;
	rec_copy(&w, after);
	int rc = write_row(db, &w, before != NULL, err);
	if (rc == 0)
		rc = write_lists(db, &w, before, ch, err);
	if (rc == 0)
		changes_push(ch, before ? CH_SET : CH_ADD, before, &w);
	rec_free(&w);
	return rc;
}

/* The record as stored now must be the one the change left. */
static int
unchanged_since(vb_db *db, const vb_change *c, vb_rec *now, int *found, vb_err *err)
{
	const vb_rec *r = change_rec(c);
	*found = ent_load(db, r->ent, r, now, err);
	if (*found < 0)
		return -1;
	if (c->action == CH_REMOVE ? !*found : *found && rec_equal(now, &c->after))
		return 0;
	char *id = rec_ident(r);
	err_set(err, VB_ECONFLICT, _("%s '%s' was changed by another program since; nothing was undone"),
		_(r->ent->name), id);
	free(id);
	if (*found)
		rec_free(now);
	*found = 0;
	return -1;
}

static int
revert_fn(vb_db *db, const void *arg, vb_changes *ch, vb_err *err)
{
	const vb_changes *done = arg;
	for (size_t i = done->n; i-- > 0;) {
		const vb_change *c = &done->c[i];
		vb_rec now;
		int found, rc;
		if (unchanged_since(db, c, &now, &found, err) < 0)
			return -1;
		if (c->action == CH_ADD) {
			/* a cascade of the removal was recorded by its own change */
			rc = ent_put(db, &now, NULL, ch, err);
		} else {
			rc = ent_put(db, found ? &now : NULL, &c->before, ch, err);
		}
		if (found)
			rec_free(&now);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
ent_revert(vb_db *db, const vb_changes *done, vb_changes *ch, vb_err *err)
{
	return in_tx(db, 0, ch, err, revert_fn, done);
}
