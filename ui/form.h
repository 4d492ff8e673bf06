/* The form widget: one record of any entity, its fields in the order
 * of the batch command's arguments, validated by the core (rec_parse
 * per field, ent_write for the whole) with the reason beside the field. */
#ifndef VB_UI_FORM_H
#define VB_UI_FORM_H

#include "entity.h"
#include "lineedit.h"

typedef struct form_field {
	int fi;			/* index in the entity's field table */
	lineedit le;
	char *orig;		/* text when the form opened */
	int readonly;
	char *error;		/* reason shown beside the field */
	char **codes;		/* FT_REF: codes to cycle through (loaded on first use) */
	size_t ncodes;
	int loaded;
} form_field;

typedef struct form {
	const vb_entity *e;
	int mode;		/* W_ADD or W_SET */
	vb_rec orig;		/* W_SET: the record as opened */
	form_field f[VB_MAXF];
	int nf, cur;
	char title[200];
	char msg[1024];		/* a reason that names no field */
	int conflict;		/* another program changed the record: the
				   next save overwrites it knowingly */
	int cursor_y, cursor_x;
} form;

enum { FORM_NONE, FORM_SAVE, FORM_CANCEL, FORM_HELP };

/* A form to edit rec (mode W_SET), or to add a record (rec NULL) with
 * the values of pre (may be NULL) over the field defaults.  Fields in
 * ro_mask (bits of field indexes) cannot be changed; order lists the
 * field names when it differs from the field table. */
form *form_open(const vb_entity *e, const vb_rec *rec, const vb_rec *pre, unsigned ro_mask,
		const char *order);
void form_free(form *f);
/* 1 when a field differs from its text when the form opened. */
int form_changed(const form *f);
/* A key in the form: FORM_NONE, or what the caller must do. */
int form_key(form *f, vb_db *db, int key);
/* Draws the form over the screen (rows x cols); cursor_y/x tell where
 * the terminal cursor belongs. */
void form_draw(form *f, int rows, int cols);
/* Validates and writes in one transaction.  0: *after is the record as
 * written and ch holds every record the save changed (for undo; empty
 * when nothing changed); -1: the reasons are in the form. */
int form_save(form *f, vb_db *db, vb_changes *ch, vb_rec *after);

#endif
