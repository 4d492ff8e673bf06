/* Every key action of the TUI, declared once: the dispatcher, the help
 * screen, the status line and the key rebinding of the configuration
 * all read this list. */
#ifndef VB_UI_ACTIONS_H
#define VB_UI_ACTIONS_H

#include <stddef.h>
#include "vbconfig.h"

/* Where an action applies: in the lists (and the help screen) or in a
 * form.  Each context has its own key map. */
enum { AC_LIST = 1, AC_FORM = 2 };

/* X(id, name in the configuration, context, default keys separated by
 * blanks, short label for the status line or NULL, help text) */
#define UI_ACTIONS(X) \
	X(DOWN, "down", AC_LIST, "j Down", NULL, N_("next row")) \
	X(UP, "up", AC_LIST, "k Up", NULL, N_("previous row")) \
	X(PAGE_DOWN, "page-down", AC_LIST, "PgDn ^F", NULL, N_("next page")) \
	X(PAGE_UP, "page-up", AC_LIST, "PgUp ^B", NULL, N_("previous page")) \
	X(FIRST, "first", AC_LIST, "g Home", NULL, N_("first row")) \
	X(LAST, "last", AC_LIST, "G End", NULL, N_("last row")) \
	X(SCROLL_LEFT, "scroll-left", AC_LIST, "h Left", NULL, N_("show the columns further left")) \
	X(SCROLL_RIGHT, "scroll-right", AC_LIST, "l Right", NULL, N_("show the columns further right")) \
	X(PANE, "pane", AC_LIST, "w", N_("pane"), N_("switch between the list and the detail pane below it")) \
	X(OPEN, "open", AC_LIST, "Enter", NULL, N_("open the selected row in a form")) \
	X(ADD, "add", AC_LIST, "a", N_("add"), N_("add a record (in the detail pane: of the kind of the selected row)")) \
	X(EDIT, "edit", AC_LIST, "e", N_("edit"), N_("edit the selected record in a form")) \
	X(DELETE, "delete", AC_LIST, "d", N_("delete"), N_("delete the selected record (after a y)")) \
	X(UNDO, "undo", AC_LIST, "u", N_("undo"), N_("undo the last change of this session (several levels)")) \
	X(SEARCH, "search", AC_LIST, "/", N_("search"), N_("search as you type; Enter keeps the match, Esc goes back")) \
	X(NEXT_MATCH, "next-match", AC_LIST, "n", NULL, N_("next match of the search")) \
	X(PREV_MATCH, "prev-match", AC_LIST, "N", NULL, N_("previous match of the search")) \
	X(SORT, "sort", AC_LIST, "s", N_("sort"), N_("sort by the next column (then back to the stored order)")) \
	X(REVERSE, "reverse", AC_LIST, "S", NULL, N_("reverse the sort order")) \
	X(EXPORT, "export", AC_LIST, "x", N_("export"), N_("export the view to a file: .csv, .json or .md")) \
	X(YEAR, "year", AC_LIST, "y", N_("year"), N_("Allocation: choose the year")) \
	X(BASIS, "basis", AC_LIST, "b", N_("basis"), N_("Allocation: switch between plan and actual costs")) \
	X(COMPARE, "compare", AC_LIST, "c", N_("compare"), N_("Allocation: set the previous year beside this one (change, cost and share effects)")) \
	X(REFRESH, "refresh", AC_LIST, "^L", NULL, N_("reread the database (changes of other programs) and redraw")) \
	X(NEXT_VIEW, "next-view", AC_LIST, "Tab", NULL, N_("next view")) \
	X(PREV_VIEW, "prev-view", AC_LIST, "S-Tab", NULL, N_("previous view")) \
	X(VIEW_1, "view-members", AC_LIST, "1", NULL, N_("view 1: members")) \
	X(VIEW_2, "view-agreements", AC_LIST, "2", NULL, N_("view 2: agreements, versions and signatures")) \
	X(VIEW_3, "view-services", AC_LIST, "3", NULL, N_("view 3: services and their costs")) \
	X(VIEW_4, "view-keys", AC_LIST, "4", NULL, N_("view 4: cost-sharing keys")) \
	X(VIEW_5, "view-transfers", AC_LIST, "5", NULL, N_("view 5: staff transfers")) \
	X(VIEW_6, "view-grants", AC_LIST, "6", NULL, N_("view 6: grants")) \
	X(VIEW_7, "view-allocation", AC_LIST, "7", NULL, N_("view 7: allocation of a year")) \
	X(VIEW_8, "view-deadlines", AC_LIST, "8", NULL, N_("view 8: deadlines")) \
	X(VIEW_9, "view-log", AC_LIST, "9", NULL, N_("view 9: audit log")) \
	X(HELP, "help", AC_LIST, "? F1", N_("help"), N_("this help")) \
	X(QUIT, "quit", AC_LIST, "q", N_("quit"), N_("quit (Ctrl-C too)")) \
	X(NEXT_FIELD, "next-field", AC_FORM, "Tab Down Enter", N_("next"), N_("form: next field")) \
	X(PREV_FIELD, "prev-field", AC_FORM, "S-Tab Up", N_("previous"), N_("form: previous field")) \
	X(CYCLE, "cycle", AC_FORM, "Space", N_("choices"), N_("form: next choice of a choice, yes/no or code field")) \
	X(SAVE, "save", AC_FORM, "F2", N_("save"), N_("form: save (one transaction)")) \
	X(CANCEL, "cancel", AC_FORM, "Esc", N_("cancel"), N_("form: cancel (asks first when something changed)")) \
	X(FORM_HELP, "form-help", AC_FORM, "F1", N_("help"), N_("form: this help"))

#define UI_ACTION_ENUM(id, name, ctx, keys, label, help) ACT_##id,
enum ui_action { UI_ACTIONS(UI_ACTION_ENUM) ACT_COUNT };
#undef UI_ACTION_ENUM

typedef struct ui_action_info {
	const char *name;
	int ctx;
	const char *defkeys;
	const char *label;
	const char *help;
} ui_action_info;

extern const ui_action_info ui_actions[ACT_COUNT];

/* Keys: Unicode code points for characters, UK_FN(k) for curses key
 * codes (arrows, function keys). */
#define UK_FN(k) (0x200000 | (k))
#define UK_ENTER 13
#define UK_ESC 27
#define UK_TAB 9
#define UK_CTRL(c) ((c) & 0x1f)
#define UK_MAXKEYS 4

/* Builds the key maps from the defaults and the configuration's keys
 * (unknown action or key names are warned about). */
void keys_init(const vb_config *cfg);
/* The action of a key in a context, or -1. */
int keys_action(int ctx, int key);
/* The keys of an action (n of them). */
const int *keys_of(int action, int *n);
/* The name of a key as the configuration writes it ("q", "^L", "F2"). */
char *ui_key_name(int key, char *buf, size_t size);
/* Parses a key name; -1 when it is not one. */
int key_parse(const char *s);
/* "j Down" style list of an action's keys. */
char *keys_text(int action, char *buf, size_t size);

#endif
