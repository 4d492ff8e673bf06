/* Colours named by purpose, one table per scheme; monochrome
 * attributes when NO_COLOR is set or the terminal has no colours. */
#ifndef VB_UI_COLORS_H
#define VB_UI_COLORS_H

#include <curses.h>
#include "vbconfig.h"

/* X(id, name in the configuration, purpose) */
#define UI_COLORS(X) \
	X(NORMAL, "normal", "text") \
	X(HEADER, "header", "the top line: federation and file") \
	X(TAB, "tab", "the view names") \
	X(TAB_ACTIVE, "tab_active", "the name of the current view") \
	X(TITLE, "title", "column headings") \
	X(SELECTED, "selected", "the selected row of the active pane") \
	X(SELECTED_INACTIVE, "selected_inactive", "the selected row of the other pane") \
	X(PANE_TITLE, "pane_title", "the title of a detail pane") \
	X(SECTION, "section", "section rows of a detail pane") \
	X(STATUS, "status", "the bottom line of keys") \
	X(KEY, "key", "key names in the bottom line") \
	X(MESSAGE, "message", "messages") \
	X(ERROR, "error", "error messages and reasons in forms") \
	X(WARNING, "warning", "warnings") \
	X(MATCH, "match", "search text") \
	X(BAR, "bar", "bars of the allocation") \
	X(NEGATIVE, "negative", "negative amounts (refunds, credits)") \
	X(TOTAL, "total", "rows of totals") \
	X(LABEL, "label", "field names in forms") \
	X(FIELD, "field", "input fields") \
	X(FIELD_ACTIVE, "field_active", "the input field being edited") \
	X(READONLY, "readonly", "fields that cannot be changed") \
	X(BORDER, "border", "frames of forms and the help")

#define UI_COLOR_ENUM(id, name, purpose) C_##id,
enum ui_color { UI_COLORS(UI_COLOR_ENUM) C_COUNT };
#undef UI_COLOR_ENUM

/* Chooses the scheme (configuration, NO_COLOR, the terminal) and
 * applies the configuration's elements; call after initscr. */
void colors_init(const vb_config *cfg);
/* The attributes of an element. */
attr_t color_attr(int element);
/* 1 when colours are in use. */
int colors_on(void);

#endif
