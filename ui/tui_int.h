/* The TUI's parts among themselves: what ui/tui.c (the loop, the views'
 * data, input), ui/draw.c (the screen) and ui/edit.c (forms, delete,
 * export) call of each other.  Not for the views (they use app.h). */
#ifndef VB_UI_TUI_INT_H
#define VB_UI_TUI_INT_H

#include "app.h"

/* The smallest screen the TUI draws on; smaller shows a notice. */
#define MIN_COLS 80
#define MIN_ROWS 24

/* The views in the order of their number keys (ui/tui.c). */
extern const view_ops *const tui_views[NVIEWS];

view *cur_view(app *a);
list *focused(view *v);
void ensure_loaded(app *a, view *v);
const vb_rec *selected_rec(view *v, drow **d);
void reload_and_select(app *a, const vb_rec *r);
void draw(app *a);
/* Draws the message line alone, at once (progress during long work). */
void draw_message(app *a);
void help_free(app *a);
void help_open(app *a);
void help_key(app *a, int key);
void open_add(app *a, view *v, const vb_entity *e, const drow *d);
void open_edit(app *a, view *v, const vb_rec *r);
void close_form(app *a);
void form_input(app *a, int key);
void ask_delete(app *a, const vb_rec *r);
void do_delete(app *a, const vb_rec *r);
void export_write(app *a, const char *path, int replace);
void export_to(app *a, const char *path);

#endif
