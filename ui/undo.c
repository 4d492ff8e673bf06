/* Undo of the session's changes: a stack of the core's change lists. */
#include "config.h"
#include "undo.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void
undo_free(undo_stack *u)
{
	for (size_t i = 0; i < u->n; i++)
		changes_free(&u->e[i]);
	free(u->e);
	memset(u, 0, sizeof *u);
}

void
undo_push(undo_stack *u, vb_changes *ch)
{
	if (ch->n == 0)
		return;
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->e = xrealloc(u->e, u->cap * sizeof *u->e);
	}
	changes_init(&u->e[u->n]);
	changes_move(&u->e[u->n++], ch);
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
	vb_changes *e = &u->e[u->n - 1];
	/* the record the user named is the last of the list */
	const vb_change *main = &e->c[e->n - 1];
	const vb_rec *r = change_rec(main);
	if (ent_revert(db, e, NULL, err) < 0) {
		if (err->status == VB_EDB)
			return -1;	/* busy: the entry stays for another try */
		changes_free(e);
		u->n--;
		return -1;
	}
	char *id = rec_ident(r);
	const char *name = _(r->ent->name);
	switch (main->action) {
	case CH_ADD:
		snprintf(msg, size, _("undone: %s %s added (removed again)"), name, id);
		break;
	case CH_SET:
		snprintf(msg, size, _("undone: the change of %s %s"), name, id);
		rec_copy(what, &main->before);
		*has_what = 1;
		break;
	default:
		snprintf(msg, size, _("undone: %s %s removed (restored)"), name, id);
		rec_copy(what, &main->before);
		*has_what = 1;
		break;
	}
	free(id);
	changes_free(e);
	u->n--;
	return 0;
}
