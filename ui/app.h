/* The TUI's state and the interface each view fills: one small table
 * of operations per view (view_*.c), written with designated
 * initializers. */
#ifndef VB_UI_APP_H
#define VB_UI_APP_H

#include <stdint.h>

#include "progress.h"
#include "session.h"
#include "entity.h"
#include "form.h"
#include "lineedit.h"
#include "list.h"
#include "undo.h"

#define NVIEWS 9

typedef struct app app;
typedef struct view view;

/* A row of a detail pane. */
typedef struct drow {
	const vb_entity *add;	/* what `a` adds on this row, or NULL */
	vb_rec rec;		/* the row's record (edit, delete) when has */
	int has;
	vb_rec pre;		/* prefill of a record to add when has_pre (an
				 * unsigned party: Enter signs) */
	int has_pre;
	int section;		/* a heading */
} drow;

typedef struct view_ops {
	const char *title;		/* tab and help: "Members" */
	const char *file;		/* default export name: "members" */
	const vb_entity *entity;	/* records of the main list; NULL: read-only */
	const char *columns;		/* "name:width …" of the main list */
	int frozen;			/* columns that stay when scrolling sideways */
	const char *form_order;		/* field order of the entity's form, if not
					 * the field table's */
	const char *detail_columns;	/* "c0:w c1:w …"; NULL: no detail pane */
	uint64_t hints;			/* further actions for the status line */
	int newest_on_entry;		/* entering the view selects its first row */
	/* Reads the main list (NULL: every record of entity). */
	int (*load)(app *a, view *v, vb_err *err);
	/* Fills the detail pane for the main table row (LIST_NONE: none). */
	void (*detail)(app *a, view *v, size_t row);
	/* Values of a new record of e (d: the detail row, or NULL for the
	 * main list); returns the fields that cannot be changed. */
	unsigned (*prefill)(app *a, view *v, const vb_entity *e, const drow *d, vb_rec *r);
	/* The field order of a form of e in the detail pane. */
	const char *(*order)(const vb_entity *e);
	/* Keys of the view (year, basis); 1 when handled. */
	int (*action)(app *a, view *v, int action);
	/* A prompt the view opened was answered. */
	void (*prompt_done)(app *a, view *v, const char *text);
	/* The export file name offered (NULL: file + ".csv"). */
	void (*export_name)(app *a, view *v, char *buf, size_t size);
	/* The left part of the message line ("7 members"). */
	void (*info)(app *a, view *v, char *buf, size_t size);
	void (*free)(view *v);
} view_ops;

struct view {
	const view_ops *ops;
	list main, detail;
	drow *drows;		/* parallel to detail.t's rows */
	size_t ndrows;
	out_table *dt;		/* detail table being built */
	char detail_title[256];
	size_t detail_for;	/* display position the detail shows */
	unsigned detail_gen;	/* of the main list's rows then */
	int detail_stale;
	int focus;		/* 0: main list, 1: detail pane */
	int loaded;
	char error[1024];	/* why the view is empty */
	void *priv;
};

enum msg_kind { MSG_INFO, MSG_WARN, MSG_ERROR };
enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_EXPORT, PROMPT_VIEW };
enum confirm_kind { CONFIRM_NONE, CONFIRM_DELETE, CONFIRM_DISCARD, CONFIRM_OVERWRITE };

struct app {
	vb_ctx *ctx;
	vb_db *db;
	char *fedname;
	view views[NVIEWS];
	int cur;
	form *form;
	struct {
		int kind;
		char label[128];
		lineedit le;
		size_t origin_sel, origin_top;
		int notfound;	/* the search text has no match */
	} prompt;
	struct {
		int kind;
		char question[600];
		vb_rec rec;	/* CONFIRM_DELETE: what to delete */
		char *path;	/* CONFIRM_OVERWRITE */
	} confirm;
	int help;
	size_t help_top;
	char **help_lines;
	size_t nhelp;
	undo_stack undo;
	char msg[1024];
	int msg_kind;
	char *search;		/* the last search */
	struct {
		vb_progress pub;
		double start, last;
		int shown;
	} progress;
	int working_year;	/* the Allocation view's year; 0: the current year */
	int quit;
	int rows, cols;
};

/* tui.c */
void app_message(app *a, int kind, const char *fmt, ...) VB_PRINTF(3, 4);
/* Progress of long work (export, allocation, search) for the core's
 * callbacks: shown in the message line once the work has run for a
 * second (VERBUND_PROGRESS_DELAY_MS changes that), as the batch mode
 * shows it on stderr. */
const vb_progress *app_progress(app *a);
void app_prompt(app *a, int kind, const char *label, const char *text);
/* Every view reads the database again when shown next. */
void app_changed(app *a);

/* view_entity.c: shared by the views */
void view_fetch_of(app *a, const vb_entity *e, const char *field, const char *code,
		   vb_rec **recs, size_t *n);
int view_load_records(app *a, view *v, vb_err *err);
/* Starts a new detail pane with a title. */
void detail_begin(view *v, const char *title);
/* Adds a row: c0 … c3 (NULL: empty), what `a` adds on it, its record
 * (copied, may be NULL). */
drow *detail_row(view *v, const vb_entity *add, const vb_rec *rec, const char *c0,
		 const char *c1, const char *c2, const char *c3);
drow *detail_section(view *v, const vb_entity *add, const char *text);
void detail_end(view *v);
/* A long text wrapped over rows of width columns, label on the first. */
void detail_wrapped(view *v, const char *label, const char *text, int width);
/* A row for each field of a record: name and value. */
void detail_fields(view *v, const vb_rec *r);
/* A value as text (free it). */
char *rec_text(const vb_rec *r, const char *field);
/* A value as the screen shows it in the user's locale: amounts and
 * decimals with its separators, dates as it writes them, yes/no. */
char *rec_shown(const vb_rec *r, const char *field);

extern const view_ops view_members, view_agreements, view_services, view_keys,
	view_transfers, view_grants, view_alloc, view_deadlines, view_log;

#endif
