/* The TUI: the main loop, the views' data and the dispatcher of the
 * actions (actions.h); ui/draw.c draws the screen and ui/edit.c holds
 * the forms, delete and export.  The views (view_*.c) fill their lists; the
 * widgets (list, form, line editing) are shared.  Nothing here writes
 * SQL: every change goes through ent_write/ent_remove, one transaction
 * each, so a signal between two keys never leaves half a change. */
#include "config.h"
#include "tui.h"

#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "app.h"
#include "colors.h"
#include "i18n.h"
#include "text.h"
#include "tui_int.h"

#define UK_RESIZE (-2)

static volatile sig_atomic_t got_signal;
static app *the_app;

const view_ops *const tui_views[NVIEWS] = {
	&view_members, &view_agreements, &view_services, &view_keys, &view_transfers,
	&view_grants, &view_alloc, &view_deadlines, &view_log,
};

/* An exit from inside the core (out of memory) leaves a usable terminal. */
static void
restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* ------------------------------------------------------------ messages */

void
app_message(app *a, int kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_kind = kind;
}

/* The core's reports (warnings of the configuration, …) land in the
 * message line instead of on a terminal that curses owns. */
static void
reporter(int is_error, const char *msg)
{
	app *a = the_app;
	if (!a)
		return;
	if (!is_error && a->msg[0] && a->msg_kind == MSG_WARN) {
		/* several warnings (of the configuration) stay side by side */
		size_t used = strlen(a->msg);
		snprintf(a->msg + used, sizeof a->msg - used, "\n%s", msg);
	} else if (is_error || a->msg_kind != MSG_ERROR || !a->msg[0]) {
		app_message(a, is_error ? MSG_ERROR : MSG_WARN, "%s", msg);
	}
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
progress_show(void *arg, const char *what, uint64_t done, uint64_t total)
{
	app *a = arg;
	const char *d = getenv("VERBUND_PROGRESS_DELAY_MS");
	double delay = d && *d ? atof(d) / 1000.0 : 1.0, t = now_s(), run = t - a->progress.start;
	if (total && done >= total) {
		if (a->progress.shown)
			a->msg[0] = '\0';
		a->progress.shown = 0;
		return;
	}
	if (run < delay || (a->progress.shown && t - a->progress.last < 0.1))
		return;
	a->progress.last = t;
	a->progress.shown = 1;
	double rate = run > 0 ? (double)done / run : 0;
	if (total)
		app_message(a, MSG_INFO, _("%s: %llu of %llu (%d %%), %.0f/s"), what, (unsigned long long)done,
			    (unsigned long long)total, (int)(done * 100 / total), rate);
	else
		app_message(a, MSG_INFO, _("%s: %llu, %.0f/s"), what, (unsigned long long)done, rate);
	draw_message(a);
}

const vb_progress *
app_progress(app *a)
{
	a->progress.pub.fn = progress_show;
	a->progress.pub.arg = a;
	a->progress.start = now_s();
	a->progress.last = 0;
	a->progress.shown = 0;
	return &a->progress.pub;
}

void
app_prompt(app *a, int kind, const char *label, const char *text)
{
	a->prompt.kind = kind;
	a->prompt.notfound = 0;
	snprintf(a->prompt.label, sizeof a->prompt.label, "%s", label);
	le_set(&a->prompt.le, text);
}

void
app_changed(app *a)
{
	for (int i = 0; i < NVIEWS; i++)
		a->views[i].loaded = 0;
}

/* --------------------------------------------------------------- views */

view *
cur_view(app *a)
{
	return &a->views[a->cur];
}

list *
focused(view *v)
{
	return v->focus && v->ops->detail ? &v->detail : &v->main;
}

static void
view_load(app *a, view *v)
{
	vb_err err;
	size_t row = list_row(&v->main), sel = v->main.sel;
	/* the selected row, to select it again where it is now */
	out_table *key = row != LIST_NONE && v->main.t && v->main.t->ncols ? list_row_copy(&v->main, row) : NULL;
	err_clear(&err);
	int rc = v->ops->load ? v->ops->load(a, v, &err) : view_load_records(a, v, &err);
	v->loaded = 1;
	v->detail_stale = 1;
	if (rc < 0) {
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		list_set_table(&v->main, NULL, NULL);
		list_clear_columns(&v->main);
	} else {
		v->error[0] = '\0';
	}
	if (!key || !v->main.n || !list_select_key(&v->main, key, 0)) {
		if (v->main.n)
			list_select_pos(&v->main, sel < v->main.n ? sel : v->main.n - 1);
	}
	out_free(key);
}

static void
view_detail(app *a, view *v)
{
	if (!v->ops->detail)
		return;
	if (v->main.n)
		list_select_pos(&v->main, v->main.sel);	/* its row read */
	size_t row = list_row(&v->main);
	size_t pos = row == LIST_NONE ? LIST_NONE : v->main.sel;
	if (!v->detail_stale && pos == v->detail_for && v->main.gen == v->detail_gen && v->detail.t)
		return;
	if (pos != v->detail_for) {
		v->detail.sel = 0;
		v->detail.top = 0;
	}
	v->ops->detail(a, v, row);
	v->detail_for = pos;
	v->detail_gen = v->main.gen;
	v->detail_stale = 0;
}

void
ensure_loaded(app *a, view *v)
{
	if (!v->loaded)
		view_load(a, v);
	view_detail(a, v);
}

/* The record behind the selection of the focused pane: *d is the detail
 * row (NULL in the main list). */
const vb_rec *
selected_rec(view *v, drow **d)
{
	*d = NULL;
	if (v->focus && v->ops->detail) {
		size_t row = list_row(&v->detail);
		if (row == LIST_NONE || row >= v->ndrows)
			return NULL;
		*d = &v->drows[row];
		return (*d)->has ? &(*d)->rec : NULL;
	}
	if (!v->ops->entity)
		return NULL;
	return list_rec(&v->main, list_row(&v->main));
}

/* Selects a record after a change: in the main list or the detail. */
static void
select_rec(view *v, const vb_rec *r)
{
	char *id = rec_ident(r);
	if (r->ent == v->ops->entity) {
		out_table *t = recs_table(r->ent, r, 1, 1);
		if (list_select_key(&v->main, t, 0))
			v->focus = 0;
		out_free(t);
	} else {
		for (size_t i = 0; i < v->ndrows; i++) {
			if (!v->drows[i].has || v->drows[i].rec.ent != r->ent)
				continue;
			char *s = rec_ident(&v->drows[i].rec);
			int eq = strcmp(s, id) == 0;
			free(s);
			if (eq) {
				list_select_row(&v->detail, i);
				v->focus = 1;
				break;
			}
		}
	}
	free(id);
}

void
reload_and_select(app *a, const vb_rec *r)
{
	view *v = cur_view(a);
	app_changed(a);
	view_load(a, v);
	view_detail(a, v);
	if (r) {
		select_rec(v, r);
		v->detail_stale = 1;
		view_detail(a, v);
		if (r->ent != v->ops->entity)
			select_rec(v, r);
	}
}

/* ------------------------------------------------------------- drawing */



/* --------------------------------------------------------------- help */

/* --------------------------------------------------------------- forms */

/* -------------------------------------------------------------- delete */

/* -------------------------------------------------------------- export */

/* -------------------------------------------------------------- search */

static void
search_step(app *a, const char *needle, int dir, int skip)
{
	view *v = cur_view(a);
	list *l = focused(v);
	size_t pos;
	size_t from = a->prompt.kind == PROMPT_SEARCH ? a->prompt.origin_sel : l->sel;
	a->prompt.notfound = 0;
	if (!needle || !*needle) {
		if (a->prompt.kind == PROMPT_SEARCH) {
			list_select_pos(l, a->prompt.origin_sel);
			l->top = a->prompt.origin_top;
		}
		return;
	}
	l->progress = app_progress(a);
	int found = list_find(l, needle, from, dir, skip, &pos);
	l->progress = NULL;
	if (found) {
		list_select_pos(l, pos);
		if (a->prompt.kind != PROMPT_SEARCH)
			app_message(a, MSG_INFO, _("/%s: %zu/%zu"), needle, pos + 1, l->n);
	} else if (a->prompt.kind == PROMPT_SEARCH) {
		a->prompt.notfound = 1;
	} else {
		app_message(a, MSG_WARN, _("/%s: not found"), needle);
	}
}

/* --------------------------------------------------------------- input */

static void
prompt_input(app *a, int key)
{
	view *v = cur_view(a);
	list *l = focused(v);
	int kind = a->prompt.kind;
	if (key == UK_ESC) {
		a->prompt.kind = PROMPT_NONE;
		if (kind == PROMPT_SEARCH) {
			list_select_pos(l, a->prompt.origin_sel);
			l->top = a->prompt.origin_top;
		}
		a->msg[0] = '\0';
		return;
	}
	if (key == UK_ENTER) {
		char *text = xstrdup(a->prompt.le.s);
		a->prompt.kind = PROMPT_NONE;
		if (kind == PROMPT_SEARCH) {
			free(a->search);
			a->search = *text ? xstrdup(text) : NULL;
			a->msg[0] = '\0';
		} else if (kind == PROMPT_EXPORT) {
			export_to(a, text);
		} else if (kind == PROMPT_VIEW && v->ops->prompt_done) {
			v->ops->prompt_done(a, v, text);
		}
		free(text);
		return;
	}
	if (le_key(&a->prompt.le, key) && kind == PROMPT_SEARCH) {
		a->msg[0] = '\0';
		search_step(a, a->prompt.le.s, 1, 0);
	}
}

static void
confirm_input(app *a, int key)
{
	int yes = key == 'y' || key == 'Y';
	int kind = a->confirm.kind;
	a->confirm.kind = CONFIRM_NONE;
	a->msg[0] = '\0';
	switch (kind) {
	case CONFIRM_DELETE:
		if (yes)
			do_delete(a, &a->confirm.rec);
		else
			app_message(a, MSG_INFO, _("not deleted"));
		rec_free(&a->confirm.rec);
		break;
	case CONFIRM_DISCARD:
		if (yes) {
			close_form(a);
			app_message(a, MSG_INFO, _("changes discarded"));
		}
		break;
	case CONFIRM_OVERWRITE:
		if (yes)
			export_write(a, a->confirm.path, 1);
		else
			app_message(a, MSG_INFO, _("not exported"));
		free(a->confirm.path);
		a->confirm.path = NULL;
		break;
	default:
		break;
	}
}

static void
switch_view(app *a, int i)
{
	int was = a->cur;
	a->cur = (i + NVIEWS) % NVIEWS;
	a->msg[0] = '\0';
	view *v = cur_view(a);
	if (v->ops->newest_on_entry && a->cur != was) {
		/* "newest first": entering shows the newest, reread */
		v->main.sort = -1;
		v->main.desc = 0;
		view_load(a, v);
		v->main.top = 0;
		list_home(&v->main);
		v->focus = 0;
	}
}

/* After switching to the detail pane the selection sits on a line that
 * a, e or d act on: the first such line from the selection on. */
static void
detail_actionable(view *v)
{
	size_t from = v->detail.sel;
	for (size_t k = 0; k < v->detail.n; k++) {
		size_t pos = (from + k) % v->detail.n, row = v->detail.order[pos];
		if (row < v->ndrows && (v->drows[row].add || v->drows[row].has || v->drows[row].has_pre)) {
			v->detail.sel = pos;
			return;
		}
	}
}

static void
refresh_all(app *a)
{
	free(a->fedname);
	a->fedname = db_federation_name(a->db);
	app_changed(a);
	view_load(a, cur_view(a));
	clearok(curscr, TRUE);
	app_message(a, MSG_INFO, _("reread the database"));
}

static void
edit_action(app *a, view *v, int act)
{
	drow *d;
	const vb_rec *r = selected_rec(v, &d);
	int in_detail = v->focus && v->ops->detail;
	if (!in_detail && !v->ops->entity) {
		app_message(a, MSG_WARN, _("%s: this view cannot be edited"), _(v->ops->title));
		return;
	}
	switch (act) {
	case ACT_ADD:
		if (in_detail && !(d && d->add)) {
			app_message(a, MSG_WARN, _("nothing to add here"));
			return;
		}
		open_add(a, v, in_detail ? d->add : v->ops->entity, in_detail ? d : NULL);
		break;
	case ACT_EDIT:
	case ACT_OPEN:
		if (r)
			open_edit(a, v, r);
		else if (d && d->has_pre && d->add)
			open_add(a, v, d->add, d);
		else
			app_message(a, MSG_WARN, in_detail ? _("nothing to edit here; a adds") : _("no row selected"));
		break;
	case ACT_DELETE:
		if (r)
			ask_delete(a, r);
		else
			app_message(a, MSG_WARN, _("nothing to delete here"));
		break;
	default:
		break;
	}
}

static void
undo_action(app *a)
{
	vb_err err;
	vb_rec what;
	int has_what = 0;
	char msg[512];
	err_clear(&err);
	if (undo_last(&a->undo, a->db, msg, sizeof msg, &what, &has_what, &err) < 0 || err.msg[0]) {
		app_message(a, MSG_ERROR, _("undo: %s"), err.msg);
		reload_and_select(a, NULL);
		return;
	}
	app_message(a, MSG_INFO, "%s", msg);
	reload_and_select(a, has_what ? &what : NULL);
	if (has_what)
		rec_free(&what);
}

static void
list_input(app *a, int key)
{
	view *v = cur_view(a);
	list *l = focused(v);
	int act = keys_action(AC_LIST, key);
	a->msg[0] = '\0';
	/* keys typed ahead reach a view before it was drawn */
	ensure_loaded(a, v);
	if (act < 0)
		return;
	if (v->ops->action && v->ops->action(a, v, act))
		return;
	switch (act) {
	case ACT_DOWN: list_move(l, 1); break;
	case ACT_UP: list_move(l, -1); break;
	case ACT_PAGE_DOWN: list_move(l, l->height > 1 ? l->height - 1 : 1); break;
	case ACT_PAGE_UP: list_move(l, -(l->height > 1 ? l->height - 1 : 1)); break;
	case ACT_FIRST: list_home(l); break;
	case ACT_LAST: list_end(l); break;
	case ACT_SCROLL_LEFT: list_hscroll(l, -1); break;
	case ACT_SCROLL_RIGHT: list_hscroll(l, 1); break;
	case ACT_PANE:
		if (v->ops->detail) {
			v->focus = !v->focus;
			if (v->focus)
				detail_actionable(v);
		} else
			app_message(a, MSG_WARN, _("this view has no detail pane"));
		break;
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_OPEN:
	case ACT_DELETE:
		edit_action(a, v, act);
		break;
	case ACT_UNDO:
		undo_action(a);
		break;
	case ACT_SEARCH:
		a->prompt.origin_sel = l->sel;
		a->prompt.origin_top = l->top;
		app_prompt(a, PROMPT_SEARCH, "/", "");
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (!a->search)
			app_message(a, MSG_WARN, _("no search yet: / searches"));
		else
			search_step(a, a->search, act == ACT_NEXT_MATCH ? 1 : -1, 1);
		break;
	case ACT_SORT:
	case ACT_REVERSE:
		if (act == ACT_SORT)
			list_sort_next(l);
		else
			list_sort_reverse(l);
		if (l->sort >= 0)
			app_message(a, MSG_INFO, _("sorted by %s%s"), l->cols[l->sort].title,
				    l->desc ? _(", descending") : "");
		else
			app_message(a, MSG_INFO, l->desc ? _("stored order, reversed") : _("stored order"));
		break;
	case ACT_EXPORT: {
		char name[128];
		if (v->error[0]) {
			app_message(a, MSG_ERROR, _("nothing to export: %s"), v->error);
			break;
		}
		if (v->ops->export_name)
			v->ops->export_name(a, v, name, sizeof name);
		else
			snprintf(name, sizeof name, "%s.csv", v->ops->file);
		app_prompt(a, PROMPT_EXPORT, _("Export to (.csv, .json, .md): "), name);
		break;
	}
	case ACT_YEAR:
	case ACT_BASIS:
		app_message(a, MSG_WARN, _("only in the Allocation view (7)"));
		break;
	case ACT_REFRESH:
		refresh_all(a);
		break;
	case ACT_NEXT_VIEW: switch_view(a, a->cur + 1); break;
	case ACT_PREV_VIEW: switch_view(a, a->cur - 1); break;
	case ACT_VIEW_1: case ACT_VIEW_2: case ACT_VIEW_3: case ACT_VIEW_4: case ACT_VIEW_5:
	case ACT_VIEW_6: case ACT_VIEW_7: case ACT_VIEW_8: case ACT_VIEW_9:
		switch_view(a, act - ACT_VIEW_1);
		break;
	case ACT_HELP:
		help_open(a);
		break;
	case ACT_QUIT:
		a->quit = 1;
		break;
	default:
		break;
	}
}

static void
dispatch(app *a, int key)
{
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS) {
		/* nothing to see: only quitting makes sense */
		if (!a->form && !a->prompt.kind && !a->confirm.kind && !a->help &&
		    keys_action(AC_LIST, key) == ACT_QUIT)
			a->quit = 1;
		return;
	}
	if ((a->confirm.kind || a->prompt.kind || a->help || a->form) &&
	    keys_action(AC_LIST, key) == ACT_REFRESH) {
		clearok(curscr, TRUE);	/* a repaint; rereading waits for the list */
		return;
	}
	if (a->confirm.kind)
		confirm_input(a, key);
	else if (a->prompt.kind)
		prompt_input(a, key);
	else if (a->help)
		help_key(a, key);
	else if (a->form)
		form_input(a, key);
	else
		list_input(a, key);
}

/* Keys already typed: drawing waits until they are handled, so that a
 * held-down key over 10,000 rows costs one screen, not one per row. */
static int
input_pending(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

static int
read_key(void)
{
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			return UK_RESIZE;
		if (wc == KEY_ENTER)
			return UK_ENTER;
		return UK_FN((int)wc);
	}
	if (wc == '\n' || wc == '\r')
		return UK_ENTER;
	if (wc == 127 || wc == 8)
		return UK_FN(KEY_BACKSPACE);
	return (int)wc;
}

/* ---------------------------------------------------------------- main */

static void
app_free(app *a)
{
	for (int i = 0; i < NVIEWS; i++) {
		view *v = &a->views[i];
		if (v->ops->free)
			v->ops->free(v);
		list_free(&v->main);
		list_free(&v->detail);
		detail_begin(v, NULL);
		out_free(v->dt);
	}
	close_form(a);
	le_free(&a->prompt.le);
	rec_free(&a->confirm.rec);
	free(a->confirm.path);
	help_free(a);
	undo_free(&a->undo);
	free(a->search);
	free(a->fedname);
}

int
tui_run(vb_ctx *ctx)
{
	vb_err err;
	err_clear(&err);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		report_error(_("no command given and not on a terminal; see 'verbund --help'"));
		return VB_EUSAGE;
	}
	if (session_open_db(ctx, &err) < 0)
		return report_err(&err);
	static app a;
	memset(&a, 0, sizeof a);
	a.ctx = ctx;
	a.db = ctx->db;
	a.fedname = db_federation_name(ctx->db);
	rec_init(&a.confirm.rec, &ent_member);
	le_init(&a.prompt.le, "");
	for (int i = 0; i < NVIEWS; i++) {
		a.views[i].ops = tui_views[i];
		list_init(&a.views[i].main);
		list_init(&a.views[i].detail);
		a.views[i].detail_for = LIST_NONE;
	}
	the_app = &a;
	report_set(reporter);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);

	/* newterm, unlike initscr, lets an unusable terminal be reported */
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		const char *term = getenv("TERM");
		report_set(NULL);
		the_app = NULL;
		app_free(&a);
		report_error(_("cannot use the terminal (TERM=%s); batch commands still work"),
			     term ? term : "");
		return VB_EFAIL;
	}
	set_term(scr);
	atexit(restore_terminal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(250);
	curs_set(1);
	text_init();
	colors_init(&ctx->cfg);
	keys_init(&ctx->cfg);

	int dirty = 1;
	while (!got_signal && !a.quit) {
		/* dirty stays set while typed keys wait; an idle timeout then draws */
		if (dirty && !input_pending()) {
			draw(&a);
			dirty = 0;
			/* a long list is counted once its first rows show */
			view *v = cur_view(&a);
			if (v->main.count_pending && !input_pending()) {
				list_count(&v->main);
				dirty = 1;
				continue;
			}
		}
		int key = read_key();
		if (got_signal)
			break;
		if (key == -1)
			continue;
		dirty = 1;
		if (key == UK_RESIZE)
			continue;
		if (key == UK_CTRL('C')) {
			got_signal = SIGINT;
			break;
		}
		dispatch(&a, key);
	}
	/* a form not saved was never confirmed: it is simply dropped */
	endwin();
	delscreen(scr);
	report_set(NULL);
	the_app = NULL;
	app_free(&a);
	/* a signal (Ctrl-C too) ends the program the way the shell expects */
	return got_signal ? 128 + got_signal : 0;
}
