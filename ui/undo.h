/* Undo of this session's changes: each entry keeps the records before
 * and after a change and writes them back through the core (ent_write,
 * ent_remove), so an undo is validated and logged like any change. */
#ifndef VB_UI_UNDO_H
#define VB_UI_UNDO_H

#include "entity.h"

enum undo_kind { UNDO_ADDED, UNDO_CHANGED, UNDO_REMOVED };

typedef struct undo_entry {
	int kind;
	vb_rec *recs;	/* ADDED: the new record; CHANGED: before, after;
			 * REMOVED: the record and what went with it, parent first */
	size_t n;
	vb_rec first;	/* written back before the rest when has_first: a
			 * record the change altered on the side (the host role) */
	int has_first;
} undo_entry;

typedef struct undo_stack {
	undo_entry *e;
	size_t n, cap;
} undo_stack;

void undo_free(undo_stack *u);
/* side (may be NULL): another record as it was before the change,
 * which the change altered too (the previous host). */
void undo_added(undo_stack *u, const vb_rec *after, const vb_rec *side);
void undo_changed(undo_stack *u, const vb_rec *before, const vb_rec *after, const vb_rec *side);
/* Takes over recs (n records, the removed one first). */
void undo_removed(undo_stack *u, vb_rec *recs, size_t n);
/* Undoes the last entry.  0 with a description in msg, -1 with err
 * (the entry stays when the database was busy). *what is the record
 * to select afterwards (free it), or unset. */
int undo_last(undo_stack *u, vb_db *db, char *msg, size_t size, vb_rec *what, int *has_what,
	      vb_err *err);

#endif
