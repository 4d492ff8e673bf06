/* Undo of this session's changes: each entry is the list of records one
 * save or delete changed, as the core reported it (side effects and
 * cascades included); an undo writes them all back in one transaction
 * through the core (ent_revert), logged like any change. */
#ifndef VB_UI_UNDO_H
#define VB_UI_UNDO_H

#include "entity.h"

typedef struct undo_stack {
	vb_changes *e;
	size_t n, cap;
} undo_stack;

void undo_free(undo_stack *u);
/* Takes over the changes of one save or delete (ch ends empty); an
 * empty list is no entry. */
void undo_push(undo_stack *u, vb_changes *ch);
/* Undoes the last entry.  0 with a description in msg, -1 with err
 * (nothing was undone; the entry stays when the database was busy).
 * *what is the record to select afterwards (free it), or unset. */
int undo_last(undo_stack *u, vb_db *db, char *msg, size_t size, vb_rec *what, int *has_what,
	      vb_err *err);

#endif
