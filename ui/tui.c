/* The TUI: the screen layout, the main loop and the dispatcher of the
 * actions (actions.h).  The views (view_*.c) fill their lists; the
 * widgets (list, form, line editing) are shared.  Nothing here writes
 * SQL: every change goes through ent_write/ent_remove, one transaction
 * each, so a signal between two keys never leaves half a change. */
#include "config.h"
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actions.h"
#include "agreement.h"
#include "app.h"
#include "colors.h"
#include "fileio.h"
#include "i18n.h"
#include "text.h"

#define MIN_COLS 80
#define MIN_ROWS 24
#define UK_RESIZE (-2)

static volatile sig_atomic_t got_signal;
static app *the_app;

static const view_ops *const all_views[NVIEWS] = {
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

static view *
cur_view(app *a)
{
	return &a->views[a->cur];
}

static list *
focused(view *v)
{
	return v->focus && v->ops->detail ? &v->detail : &v->main;
}

static void
view_load(app *a, view *v)
{
	vb_err err;
	size_t row = list_row(&v->main), sel = v->main.sel;
	char *key = row != LIST_NONE && v->main.t && v->main.t->ncols ? list_cell_text(&v->main, row, 0) : NULL;
	err_clear(&err);
	int rc = v->ops->load ? v->ops->load(a, v, &err) : view_load_records(a, v, &err);
	v->loaded = 1;
	v->detail_stale = 1;
	if (rc < 0) {
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		list_set_table(&v->main, NULL, NULL);
		list_clear_columns(&v->main);
		recs_free(v->recs, v->nrecs);
		v->recs = NULL;
		v->nrecs = 0;
	} else {
		v->error[0] = '\0';
	}
	if (key && v->main.n) {
		size_t now = list_row(&v->main);
		char *same = now != LIST_NONE ? list_cell_text(&v->main, now, 0) : NULL;
		if (!same || strcmp(same, key) != 0) {
			for (size_t i = 0; i < v->main.n; i++) {
				char *s = list_cell_text(&v->main, v->main.order[i], 0);
				int eq = strcmp(s, key) == 0;
				free(s);
				if (eq) {
					v->main.sel = i;
					break;
				}
			}
		}
		free(same);
	} else if (v->main.n) {
		v->main.sel = sel < v->main.n ? sel : v->main.n - 1;
	}
	free(key);
}

static void
view_detail(app *a, view *v)
{
	if (!v->ops->detail)
		return;
	size_t row = list_row(&v->main);
	if (!v->detail_stale && row == v->detail_for && v->detail.t)
		return;
	if (row != v->detail_for) {
		v->detail.sel = 0;
		v->detail.top = 0;
	}
	v->ops->detail(a, v, row);
	v->detail_for = row;
	v->detail_stale = 0;
}

static void
ensure_loaded(app *a, view *v)
{
	if (!v->loaded)
		view_load(a, v);
	view_detail(a, v);
}

/* The record behind the selection of the focused pane: *d is the detail
 * row (NULL in the main list). */
static const vb_rec *
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
	size_t row = list_row(&v->main);
	if (!v->ops->entity || row == LIST_NONE || row >= v->nrecs)
		return NULL;
	return &v->recs[row];
}

/* Selects a record after a change: in the main list or the detail. */
static void
select_rec(view *v, const vb_rec *r)
{
	char *id = rec_ident(r);
	if (r->ent == v->ops->entity) {
		for (size_t i = 0; i < v->nrecs; i++) {
			char *s = rec_ident(&v->recs[i]);
			int eq = strcmp(s, id) == 0;
			free(s);
			if (eq) {
				list_select_row(&v->main, i);
				v->focus = 0;
				break;
			}
		}
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

static void
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

static void
draw_header(app *a)
{
	char head[1024];
	snprintf(head, sizeof head, " %s — %s", a->fedname ? a->fedname : _("(no name)"),
		 db_path(a->db));
	text_put(0, 0, head, a->cols, AL_LEFT, color_attr(C_HEADER));
	const char *me = " verbund ";
	int w = text_width(me);
	if (text_width(head) + w + 2 < a->cols)
		text_put(0, a->cols - w, me, w, AL_LEFT, color_attr(C_HEADER));
}

static void
draw_tabs(app *a)
{
	char label[NVIEWS][64];
	int total = 0, cut = 64;
	for (int i = 0; i < NVIEWS; i++) {
		snprintf(label[i], sizeof label[i], " %d %s ", i + 1, _(all_views[i]->title));
		total += text_width(label[i]);
	}
	/* shorten the other views' names until the line fits */
	while (total > a->cols && cut > 1) {
		cut--;
		total = 0;
		for (int i = 0; i < NVIEWS; i++) {
			if (i != a->cur) {
				char name[64];
				snprintf(name, sizeof name, "%s", _(all_views[i]->title));
				sbuf b;
				sb_init(&b);
				utf8_clip(&b, name, cut);
				snprintf(label[i], sizeof label[i], " %d %s ", i + 1, b.s ? b.s : "");
				sb_free(&b);
			}
			total += text_width(label[i]);
		}
	}
	text_fill(1, 0, a->cols, color_attr(C_TAB));
	int x = 0;
	for (int i = 0; i < NVIEWS && x < a->cols; i++) {
		int w = text_width(label[i]);
		text_put(1, x, label[i], w < a->cols - x ? w : a->cols - x, AL_LEFT,
			 color_attr(i == a->cur ? C_TAB_ACTIVE : C_TAB));
		x += w;
	}
}

/* Descriptions of the key line in the order they are dropped when the
 * line is too long: the keys themselves always stay, `q` last of all. */
static const int drop_order[] = {
	ACT_PANE, ACT_SORT, ACT_SEARCH, ACT_EXPORT, ACT_UNDO, ACT_DELETE, ACT_EDIT, ACT_ADD,
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CYCLE, ACT_FORM_HELP, ACT_YEAR, ACT_BASIS,
	ACT_HELP, ACT_CANCEL, ACT_SAVE, ACT_QUIT,
};

/* The bottom line: the keys that apply now.  When it is too long the
 * blanks between keys shrink to one, then descriptions are dropped
 * (drop_order), so every key stays visible. */
static void
draw_keys(app *a, const int *acts, int n)
{
	int x = 0, y = a->rows - 1, total = 0;
	char name[ACT_COUNT][32];
	int shown[ACT_COUNT];
	text_fill(y, 0, a->cols, color_attr(C_STATUS));
	for (int i = 0; i < n; i++) {
		int nk;
		const int *k = keys_of(acts[i], &nk);
		const char *label = ui_actions[acts[i]].label;
		name[i][0] = '\0';
		shown[i] = label != NULL;
		if (nk == 0)
			continue;
		ui_key_name(k[0], name[i], sizeof name[i]);
		total += text_width(name[i]) + 3 + (label ? text_width(_(label)) : 0);
	}
	/* two blanks between the keys when they fit, else one */
	const char *sep = total <= a->cols ? "  " : " ";
	if (total > a->cols) {
		total = 0;
		for (int i = 0; i < n; i++)
			if (name[i][0])
				total += 1 + text_width(name[i]) +
					 (shown[i] ? 1 + text_width(_(ui_actions[acts[i]].label)) : 0);
	}
	for (size_t d = 0; total > a->cols && d < sizeof drop_order / sizeof drop_order[0]; d++)
		for (int i = 0; i < n; i++)
			if (acts[i] == drop_order[d] && shown[i] && name[i][0]) {
				shown[i] = 0;
				total -= 1 + text_width(_(ui_actions[acts[i]].label));
			}
	for (int i = 0; i < n && x < a->cols; i++) {
		const char *label = ui_actions[acts[i]].label;
		if (!name[i][0])
			continue;
		x += text_add(y, x, i ? sep : " ", a->cols - x, color_attr(C_STATUS));
		x += text_add(y, x, name[i], a->cols - x, color_attr(C_KEY));
		if (shown[i]) {
			x += text_add(y, x, " ", a->cols - x, color_attr(C_STATUS));
			x += text_add(y, x, _(label), a->cols - x, color_attr(C_STATUS));
		}
	}
}

static void
status_line(app *a)
{
	view *v = cur_view(a);
	int acts[24], n = 0;
	if (a->confirm.kind) {
		text_put(a->rows - 1, 0, _(" y yes  n no"), a->cols, AL_LEFT, color_attr(C_STATUS));
		return;
	}
	if (a->form) {
		static const int f[] = {ACT_SAVE, ACT_CANCEL, ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CYCLE, ACT_FORM_HELP};
		draw_keys(a, f, 6);
		return;
	}
	if (a->help) {
		char hint[256], down[32], up[32], quit[32];
		int nk;
		const int *k;
		k = keys_of(ACT_DOWN, &nk);
		ui_key_name(nk ? k[0] : 0, down, sizeof down);
		k = keys_of(ACT_UP, &nk);
		ui_key_name(nk ? k[0] : 0, up, sizeof up);
		k = keys_of(ACT_QUIT, &nk);
		ui_key_name(nk ? k[0] : UK_ESC, quit, sizeof quit);
		snprintf(hint, sizeof hint, _(" %s/%s scroll  %s or Esc close"), down, up, quit);
		text_put(a->rows - 1, 0, hint, a->cols, AL_LEFT, color_attr(C_STATUS));
		return;
	}
	if (a->prompt.kind || a->confirm.kind) {
		const char *hint = a->prompt.kind == PROMPT_SEARCH ? _(" Enter keep the match  Esc back to the start  n/N next/previous later")
				   : _(" Enter accept  Esc cancel");
		text_put(a->rows - 1, 0, hint, a->cols, AL_LEFT, color_attr(C_STATUS));
		return;
	}
	int editable = v->focus && v->ops->detail ? 1 : v->ops->entity != NULL;
	if (v->focus && v->ops->detail) {
		drow *d;
		const vb_rec *r = selected_rec(v, &d);
		editable = r || (d && (d->add || d->has_pre));
	}
	if (editable) {
		acts[n++] = ACT_ADD;
		acts[n++] = ACT_EDIT;
		acts[n++] = ACT_DELETE;
	}
	for (int i = 0; i < ACT_COUNT; i++)
		if (v->ops->hints & ((uint64_t)1 << i))
			acts[n++] = i;
	if (v->ops->detail)
		acts[n++] = ACT_PANE;
	acts[n++] = ACT_SEARCH;
	acts[n++] = ACT_SORT;
	acts[n++] = ACT_EXPORT;
	if (a->undo.n)
		acts[n++] = ACT_UNDO;
	acts[n++] = ACT_HELP;
	acts[n++] = ACT_QUIT;
	draw_keys(a, acts, n);
}


/* The line above the keys: a prompt, a question, a message, or where
 * the selection is. */
static void
message_line(app *a, int *cy, int *cx)
{
	int y = a->rows - 2;
	view *v = cur_view(a);
	text_fill(y, 0, a->cols, color_attr(C_MESSAGE));
	if (a->confirm.kind) {
		int w = text_add(y, 0, a->confirm.question, a->cols - 1, color_attr(C_WARNING));
		*cy = y, *cx = w < a->cols ? w : a->cols - 1;
		return;
	}
	if (a->prompt.kind) {
		int w = text_add(y, 0, a->prompt.label, a->cols / 2, color_attr(C_MESSAGE) | A_BOLD);
		int nf = a->prompt.notfound ? text_width(_(" not found ")) : 0;
		*cy = y;
		*cx = le_draw(&a->prompt.le, y, w, a->cols - w - 1 - nf, color_attr(C_FIELD_ACTIVE));
		if (nf)
			text_put(y, a->cols - nf, _(" not found "), nf, AL_LEFT, color_attr(C_WARNING));
		return;
	}
	if (a->msg[0]) {
		/* a long message takes more lines, over the bottom of the view */
		int e = a->msg_kind == MSG_ERROR ? C_ERROR : a->msg_kind == MSG_WARN ? C_WARNING : C_MESSAGE;
		char **lines = NULL, *copy = xstrdup(a->msg), *save = NULL;
		size_t n = 0;
		for (char *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
			char **part;
			size_t k = text_wrap(t, a->cols, &part);
			lines = xrealloc(lines, (n + k + 1) * sizeof *lines);
			memcpy(lines + n, part, k * sizeof *part);
			n += k;
			free(part);
		}
		free(copy);
		size_t shown = n > 6 ? 6 : n;
		for (size_t i = 0; i < n; i++) {
			if (i < shown)
				text_put(y - (int)(shown - 1 - i), 0, lines[i], a->cols, AL_LEFT, color_attr(e));
			free(lines[i]);
		}
		free(lines);
		return;
	}
	char left[512] = "", right[256] = "";
	if (v->ops->info)
		v->ops->info(a, v, left, sizeof left);
	else if (v->ops->entity)
		snprintf(left, sizeof left, " %zu %s", v->nrecs, v->ops->entity->plural);
	list *l = focused(v);
	if (l->n) {
		snprintf(right, sizeof right, "%s%s%s%zu/%zu ", a->search ? "/" : "",
			 a->search ? a->search : "", a->search ? "  " : "", l->sel + 1, l->n);
		if (v->focus) {
			char pane[64];
			snprintf(pane, sizeof pane, _("detail %s"), right);
			snprintf(right, sizeof right, "%s", pane);
		}
	}
	int rw = text_width(right);
	text_put(y, 0, left, a->cols - rw, AL_LEFT, color_attr(C_MESSAGE));
	text_put(y, a->cols - rw, right, rw, AL_LEFT, color_attr(C_MESSAGE));
}

static void
draw_view(app *a)
{
	view *v = cur_view(a);
	int top = 2, h = a->rows - 4;
	int focus = !a->form && !a->help;
	if (v->error[0] && !v->main.n) {
		list_draw(&v->main, top, 0, 1, a->cols, 1, 0, color_attr(C_SELECTED));
		char **lines;
		size_t n = text_wrap(v->error, a->cols - 2, &lines);
		for (int r = 1; r < h; r++)
			text_fill(top + r, 0, a->cols, color_attr(C_NORMAL));
		for (size_t i = 0; i < n; i++) {
			if ((int)i + 1 < h)
				text_put(top + 1 + (int)i, 1, lines[i], a->cols - 2, AL_LEFT, color_attr(C_ERROR));
			free(lines[i]);
		}
		free(lines);
		return;
	}
	if (!v->ops->detail) {
		list_draw(&v->main, top, 0, h, a->cols, 1, focus, color_attr(C_SELECTED));
		return;
	}
	int hm = h * 11 / 20;
	int hd = h - hm;
	list_draw(&v->main, top, 0, hm, a->cols, 1, focus && !v->focus,
		  color_attr(v->focus ? C_SELECTED_INACTIVE : C_SELECTED));
	text_put(top + hm, 0, v->detail_title, a->cols, AL_LEFT, color_attr(C_PANE_TITLE));
	list_draw(&v->detail, top + hm + 1, 0, hd - 1, a->cols, 0, focus && v->focus,
		  color_attr(v->focus ? C_SELECTED : C_SELECTED_INACTIVE));
}

static void
draw_help(app *a)
{
	int top = 2, h = a->rows - 4;
	int w = a->cols;
	attr_t b = color_attr(C_BORDER);
	char title[256], quit[32];
	int nk;
	const int *k = keys_of(ACT_QUIT, &nk);
	ui_key_name(nk ? k[0] : UK_ESC, quit, sizeof quit);
	snprintf(title, sizeof title, _(" Keys (%s, Esc or F1 closes; the configuration's keys group rebinds them) "),
		 quit);
	text_put(top, 0, title, w, AL_LEFT, b | A_REVERSE);
	if (a->help_top + (size_t)(h - 1) > a->nhelp)
		a->help_top = a->nhelp > (size_t)(h - 1) ? a->nhelp - (size_t)(h - 1) : 0;
	for (int r = 1; r < h; r++) {
		size_t i = a->help_top + (size_t)r - 1;
		text_put(top + r, 0, i < a->nhelp ? a->help_lines[i] : "", w, AL_LEFT,
			 color_attr(i < a->nhelp && a->help_lines[i][0] != ' ' ? C_SECTION : C_NORMAL));
	}
}

static void
draw(app *a)
{
	int cy = -1, cx = 0;
	getmaxyx(stdscr, a->rows, a->cols);
	erase();
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS) {
		char need[128];
		snprintf(need, sizeof need, _("need %dx%d, have %dx%d"), MIN_COLS, MIN_ROWS, a->cols, a->rows);
		mvaddstr(0, 0, _("terminal too small"));
		text_add(1, 0, need, a->cols, A_NORMAL);
		move(0, 0);
		refresh();
		return;
	}
	view *v = cur_view(a);
	ensure_loaded(a, v);
	draw_header(a);
	draw_tabs(a);
	if (a->help)
		draw_help(a);
	else
		draw_view(a);
	/* help asked for inside a form is drawn over it */
	if (a->form && !a->help) {
		form_draw(a->form, a->rows, a->cols);
		cy = a->form->cursor_y;
		cx = a->form->cursor_x;
	}
	message_line(a, &cy, &cx);
	status_line(a);
	if (cy < 0 && a->help)
		cy = 2, cx = 0;
	if (cy < 0) {
		int y = list_cursor_y(focused(v));
		cy = y >= 0 ? y : 2;
		cx = 0;
	}
	move(cy, cx);
	refresh();
}

/* --------------------------------------------------------------- help */

static void
help_free(app *a)
{
	for (size_t i = 0; i < a->nhelp; i++)
		free(a->help_lines[i]);
	free(a->help_lines);
	a->help_lines = NULL;
	a->nhelp = 0;
}

static void
help_add(app *a, const char *s)
{
	a->help_lines = xrealloc(a->help_lines, (a->nhelp + 1) * sizeof *a->help_lines);
	a->help_lines[a->nhelp++] = xstrdup(s);
}

/* Adds "keys name help" with the help wrapped under itself; the keys
 * and the name take kw and nw columns and at least two blanks follow
 * each, so the columns never run together. */
static void
help_entry(app *a, const char *keys, const char *name, const char *help, int kw, int nw)
{
	char line[1024], **parts;
	int indent = 2 + kw + 2 + nw + 2;
	int room = a->cols - indent - 1;
	size_t n = text_wrap(help, room < 20 ? 20 : room, &parts);
	for (size_t i = 0; i < n || i == 0; i++) {
		if (i == 0) {
			int kp = kw + 2 - text_width(keys), np = nw + 2 - text_width(name);
			snprintf(line, sizeof line, "  %s%*s%s%*s%s", keys, kp > 0 ? kp : 0, "", name,
				 np > 0 ? np : 0, "", n ? parts[0] : "");
		} else {
			snprintf(line, sizeof line, "%*s%s", indent, "", parts[i]);
		}
		help_add(a, line);
	}
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

/* The help screen, generated from the action list and the key maps. */
static void
help_open(app *a)
{
	static const struct {
		int ctx;
		const char *title;
	} sections[] = {{AC_LIST, N_("Lists and views")}, {AC_FORM, N_("Forms")}};
	int kw = 9, nw = 0;
	help_free(a);
	for (int i = 0; i < ACT_COUNT; i++) {
		char keys[96];
		keys_text(i, keys, sizeof keys);
		if (text_width(keys) > kw)
			kw = text_width(keys);
		if (text_width(ui_actions[i].name) > nw)
			nw = text_width(ui_actions[i].name);
	}
	for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		help_add(a, _(sections[s].title));
		for (int i = 0; i < ACT_COUNT; i++) {
			char keys[96];
			if (ui_actions[i].ctx != sections[s].ctx)
				continue;
			keys_text(i, keys, sizeof keys);
			help_entry(a, keys, ui_actions[i].name, _(ui_actions[i].help), kw, nw);
		}
		help_add(a, " ");
	}
	help_add(a, _("Prompts and questions"));
	help_entry(a, "Enter Esc", "", _("accept a prompt; Esc goes back"), kw, nw);
	help_entry(a, "y n", "", _("confirms a question; n or any other key declines"), kw, nw);
	help_entry(a, "^C", "", _("quits at once; a form not saved is discarded"), kw, nw);
	a->help = 1;
	a->help_top = 0;
}

static void
help_key(app *a, int key)
{
	int act = keys_action(AC_LIST, key);
	switch (act) {
	case ACT_DOWN:
		a->help_top++;
		break;
	case ACT_UP:
		if (a->help_top)
			a->help_top--;
		break;
	case ACT_PAGE_DOWN:
		a->help_top += (size_t)(a->rows - 5);
		break;
	case ACT_PAGE_UP:
		a->help_top = a->help_top > (size_t)(a->rows - 5) ? a->help_top - (size_t)(a->rows - 5) : 0;
		break;
	case ACT_FIRST:
		a->help_top = 0;
		break;
	case ACT_LAST:
		a->help_top = a->nhelp;
		break;
	case ACT_HELP:
	case ACT_QUIT:
		a->help = 0;
		break;
	default:
		if (key == UK_ESC || key == UK_ENTER || keys_action(AC_FORM, key) == ACT_FORM_HELP ||
		    keys_action(AC_FORM, key) == ACT_CANCEL)
			a->help = 0;
		break;
	}
}

/* --------------------------------------------------------------- forms */

static const char *
form_order_of(view *v, const vb_entity *e)
{
	if (e == v->ops->entity)
		return v->ops->form_order;
	return v->ops->order ? v->ops->order(e) : NULL;
}

static void
open_add(app *a, view *v, const vb_entity *e, const drow *d)
{
	vb_rec pre;
	unsigned ro = 0;
	if (d && d->has_pre)
		rec_copy(&pre, &d->pre);
	else
		rec_init(&pre, e);
	if (v->ops->prefill)
		ro = v->ops->prefill(a, v, e, d, &pre);
	a->form = form_open(e, NULL, &pre, ro, form_order_of(v, e));
	rec_free(&pre);
}

static void
open_edit(app *a, view *v, const vb_rec *r)
{
	vb_rec fresh;
	vb_err err;
	err_clear(&err);
	int found = ent_load(a->db, r->ent, r, &fresh, &err);
	if (found < 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		return;
	}
	if (!found) {
		char *id = rec_ident(r);
		app_message(a, MSG_ERROR, _("%s %s no longer exists (another program removed it); Ctrl-L rereads"),
			    _(r->ent->name), id);
		free(id);
		return;
	}
	a->form = form_open(r->ent, &fresh, NULL, 0, form_order_of(v, r->ent));
	rec_free(&fresh);
}

static void
close_form(app *a)
{
	form_free(a->form);
	a->form = NULL;
}

static void
save_form(app *a)
{
	vb_rec after;
	vb_changes ch;
	form *f = a->form;
	changes_init(&ch);
	if (form_save(f, a->db, &ch, &after) < 0) {
		app_message(a, MSG_ERROR, "%s", f->msg);
		return;
	}
	char *id = rec_ident(&after);
	/* the record saved is the last change; the list holds what went
	 * with it (the previous host), which an undo gives back too */
	if (ch.n == 0)
		app_message(a, MSG_INFO, _("%s %s unchanged"), _(after.ent->name), id);
	else if (ch.c[ch.n - 1].action == CH_SET)
		app_message(a, MSG_INFO, _("%s %s saved (u undoes)"), _(after.ent->name), id);
	else
		app_message(a, MSG_INFO, _("%s %s added (u undoes)"), _(after.ent->name), id);
	undo_push(&a->undo, &ch);
	changes_free(&ch);
	free(id);
	close_form(a);
	reload_and_select(a, &after);
	rec_free(&after);
}

static void
form_input(app *a, int key)
{
	switch (form_key(a->form, a->db, key)) {
	case FORM_SAVE:
		save_form(a);
		break;
	case FORM_CANCEL:
		if (form_changed(a->form)) {
			a->confirm.kind = CONFIRM_DISCARD;
			snprintf(a->confirm.question, sizeof a->confirm.question,
				 _("Discard the changes of this form? (y/n)"));
		} else {
			close_form(a);
			app_message(a, MSG_INFO, _("cancelled"));
		}
		break;
	case FORM_HELP:
		help_open(a);
		break;
	default:
		break;
	}
}

/* -------------------------------------------------------------- delete */

static void
ask_delete(app *a, const vb_rec *r)
{
	int host = ent_field(&ent_member, "host");
	/* in the TUI's terms: the core refuses it too, naming the batch
	 * command */
	if (r->ent == &ent_member && !r->v[host].null && r->v[host].i) {
		app_message(a, MSG_WARN, _("%s is the host: give the host role to another member first (e, host)"),
			    r->v[0].s);
		return;
	}
	char *id = rec_ident(r);
	const char *more = r->ent == &ent_agreement ? _(" with its versions and signatures")
			   : r->ent == &ent_version ? _(" with its parties and signatures") : "";
	a->confirm.kind = CONFIRM_DELETE;
	rec_copy(&a->confirm.rec, r);
	snprintf(a->confirm.question, sizeof a->confirm.question, _("Delete %s %s%s? (y/n)"),
		 _(r->ent->name), id, more);
	free(id);
}

static void
do_delete(app *a, const vb_rec *r)
{
	vb_err err;
	vb_changes ch;
	err_clear(&err);
	changes_init(&ch);
	/* the core reports what went with the record (versions and
	 * signatures of an agreement), so that one undo restores it all */
	if (ent_remove(a->db, r, 0, &ch, &err) < 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		reload_and_select(a, NULL);
		return;
	}
	char *id = rec_ident(change_rec(&ch.c[ch.n - 1]));
	app_message(a, MSG_INFO, _("%s %s deleted (u undoes)"), _(r->ent->name), id);
	free(id);
	undo_push(&a->undo, &ch);
	changes_free(&ch);
	reload_and_select(a, NULL);
}

/* -------------------------------------------------------------- export */

static int
export_format(app *a, const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".csv") == 0)
		return a->ctx->cfg.export_german ? FMT_CSV_DE : FMT_CSV;
	if (dot && strcasecmp(dot, ".json") == 0)
		return FMT_JSON;
	if (dot && strcasecmp(dot, ".md") == 0)
		return FMT_MD;
	return -1;
}

/* Written whole through a temporary file and renamed, never through a
 * link: replace is set once the user agreed to overwrite. */
static void
export_write(app *a, const char *path, int replace)
{
	view *v = cur_view(a);
	int fmt = export_format(a, path);
	sbuf b;
	vb_err err;
	err_clear(&err);
	out_table *t = list_export(&v->main);
	sb_init(&b);
	out_render(t, fmt, 0, &b);
	int rc = afile_write_all(path, b.s, b.len, replace ? AFILE_REPLACE : AFILE_NEW, &err);
	if (rc < 0)
		app_message(a, MSG_ERROR, "%s", err.msg);
	else
		app_message(a, MSG_INFO, P_("exported %zu row to %s (%s)", "exported %zu rows to %s (%s)", t->nrows),
			    t->nrows, path, out_fmt_name(fmt));
	sb_free(&b);
	out_free(t);
}

static void
export_to(app *a, const char *path)
{
	struct stat st;
	vb_err err;
	err_clear(&err);
	if (!*path) {
		app_message(a, MSG_INFO, _("not exported"));
		return;
	}
	if (export_format(a, path) < 0) {
		app_message(a, MSG_ERROR, _("%s: the name must end in .csv, .json or .md (the format)"), path);
		return;
	}
	/* a link (even a dangling one), a directory or a device: refused */
	if (afile_check_target(path, &err) < 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		return;
	}
	if (lstat(path, &st) == 0) {
		a->confirm.kind = CONFIRM_OVERWRITE;
		free(a->confirm.path);
		a->confirm.path = xstrdup(path);
		snprintf(a->confirm.question, sizeof a->confirm.question,
			 _("%s exists. Overwrite it? (y/n)"), path);
		return;
	}
	export_write(a, path, 0);
}

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
			l->sel = a->prompt.origin_sel;
			l->top = a->prompt.origin_top;
		}
		return;
	}
	if (list_find(l, needle, from, dir, skip, &pos)) {
		l->sel = pos;
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
			l->sel = a->prompt.origin_sel;
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
		v->main.sel = v->main.top = 0;
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
		recs_free(v->recs, v->nrecs);
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
		a.views[i].ops = all_views[i];
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
