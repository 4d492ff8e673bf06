/* One line of text being typed (form fields, prompts): UTF-8, the
 * cursor between characters, horizontal scrolling. */
#ifndef VB_UI_LINEEDIT_H
#define VB_UI_LINEEDIT_H

#include <curses.h>
#include <stddef.h>

typedef struct lineedit {
	char *s;	/* always NUL-terminated */
	size_t len, cap;
	size_t cur;	/* byte offset of the cursor */
	size_t first;	/* byte offset of the first character shown */
	size_t max;	/* most characters it takes (0: LE_MAX_DEFAULT) */
	size_t chars;	/* characters in s */
} lineedit;

/* The cap of a line without a field's own maximum (a search, a path). */
#define LE_MAX_DEFAULT 4096

void le_init(lineedit *le, const char *text);
void le_free(lineedit *le);
void le_set(lineedit *le, const char *text);	/* cursor to the end */
/* Caps the text at max characters while typing (a paste stops there). */
void le_set_max(lineedit *le, size_t max);
/* Handles an editing key (characters, Backspace, Delete, arrows,
 * Home/End, ^A ^E ^U ^K ^W); 1 when it was one. */
int le_key(lineedit *le, int key);
/* Draws the text in w columns at (y, x); returns the cursor's column. */
int le_draw(lineedit *le, int y, int x, int w, attr_t a);

#endif
