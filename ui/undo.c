/* Undo of the session's changes. */
#include "config.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static undo_entry *
push(undo_stack *u, int kind, size_t n)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->e = xrealloc(u->e, u->cap * sizeof *u->e);
	}
	undo_entry *e = &u->e[u->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->n = n;
	e->recs = xcalloc(n, sizeof *e->recs);
	return e;
}

static void
entry_free(undo_entry *e)
{
	recs_free(e->recs, e->n);
	e->recs = NULL;
	e->n = 0;
	if (e->has_first)
		rec_free(&e->first);
	e->has_first = 0;
}

void
undo_free(undo_stack *u)
{
	for (size_t i = 0; i < u->n; i++)
		entry_free(&u->e[i]);
	free(u->e);
	memset(u, 0, sizeof *u);
}

static void
side(undo_entry *e, const vb_rec *r)
{
	if (r) {
		rec_copy(&e->first, r);
		e->has_first = 1;
	}
}

void
undo_added(undo_stack *u, const vb_rec *after, const vb_rec *other)
{
	undo_entry *e = push(u, UNDO_ADDED, 1);
	rec_copy(&e->recs[0], after);
	side(e, other);
}

void
undo_changed(undo_stack *u, const vb_rec *before, const vb_rec *after, const vb_rec *other)
{
	undo_entry *e = push(u, UNDO_CHANGED, 2);
	rec_copy(&e->recs[0], before);
	rec_copy(&e->recs[1], after);
	side(e, other);
}

void
undo_removed(undo_stack *u, vb_rec *recs, size_t n)
{
	undo_entry *e = push(u, UNDO_REMOVED, 0);
	free(e->recs);
	e->recs = recs;
	e->n = n;
}

/* A record written back whole: every field counts as given. */
static int
write_back(vb_db *db, const vb_rec *r, int mode, vb_err *err)
{
	vb_rec w;
	rec_copy(&w, r);
	for (int i = 0; i < r->ent->nfields; i++)
		w.set[i] = 1;
	int rc = ent_write(db, &w, mode, 0, err);
	rec_free(&w);
	return rc;
}

int
undo_last(undo_stack *u, vb_db *db, char *msg, size_t size, vb_rec *what, int *has_what,
	  vb_err *err)
{
	*has_what = 0;
	if (u->n == 0) {
		snprintf(msg, size, _("nothing to undo"));
		return 0;
	}
	undo_entry *e = &u->e[u->n - 1];
	char *id = rec_ident(&e->recs[0]);
	const char *name = _(e->recs[0].ent->name);
	int rc = 0;
	size_t done = 0;
	if (e->has_first && write_back(db, &e->first, W_SET, err) < 0) {
		free(id);
		return -1;	/* nothing undone yet: the entry stays */
	}
	e->has_first = 0;
	rec_free(&e->first);
	switch (e->kind) {
	case UNDO_ADDED:
		rc = ent_remove(db, &e->recs[0], err);
		if (rc == 0)
			snprintf(msg, size, _("undone: %s %s added (removed again)"), name, id);
		break;
	case UNDO_CHANGED:
		rc = write_back(db, &e->recs[0], W_SET, err);
		if (rc == 0) {
			snprintf(msg, size, _("undone: the change of %s %s"), name, id);
			rec_copy(what, &e->recs[0]);
			*has_what = 1;
		}
		break;
	case UNDO_REMOVED:
		for (done = 0; done < e->n && rc == 0; done++)
			rc = write_back(db, &e->recs[done], W_ADD, err);
		if (rc == 0) {
			snprintf(msg, size, _("undone: %s %s removed (restored)"), name, id);
			rec_copy(what, &e->recs[0]);
			*has_what = 1;
		} else if (done > 1) {
			/* the parent is back: the rest cannot be retried as a whole */
			err_prefix(err, _("%s %s restored, but not all that went with it"), name, id);
			err->status = VB_EFAIL;
		}
		break;
	}
	free(id);
	if (rc < 0 && err->status == VB_EDB && done <= 1)
		return -1;	/* busy: the entry stays for another try */
	entry_free(e);
	u->n--;
	return rc;
}
