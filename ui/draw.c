/* Drawing the TUI's screen: header, tabs, the current view, the status,
 * message and key lines, and the help page. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "actions.h"
#include "app.h"
#include "colors.h"
#include "i18n.h"
#include "text.h"
#include "tui_int.h"

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
		snprintf(label[i], sizeof label[i], " %d %s ", i + 1, _(tui_views[i]->title));
		total += text_width(label[i]);
	}
	/* shorten the other views' names until the line fits */
	while (total > a->cols && cut > 1) {
		cut--;
		total = 0;
		for (int i = 0; i < NVIEWS; i++) {
			if (i != a->cur) {
				char name[64];
				snprintf(name, sizeof name, "%s", _(tui_views[i]->title));
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
		/* the progress of the work the prompt started (a search
		 * that walks the rows), at the right end of the line */
		int pw = 0;
		if (!nf && a->progress.shown && a->msg[0]) {
			pw = text_width(a->msg) + 2;
			if (pw > a->cols / 2)
				pw = a->cols / 2;
		}
		*cy = y;
		*cx = le_draw(&a->prompt.le, y, w, a->cols - w - 1 - nf - pw, color_attr(C_FIELD_ACTIVE));
		if (nf)
			text_put(y, a->cols - nf, _(" not found "), nf, AL_LEFT, color_attr(C_WARNING));
		if (pw)
			text_put(y, a->cols - pw, a->msg, pw - 1, AL_RIGHT, color_attr(C_MESSAGE));
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
	if (v->main.count_pending)
		return;	/* counted right after this screen */
	if (v->ops->info)
		v->ops->info(a, v, left, sizeof left);
	else if (v->ops->entity)
		snprintf(left, sizeof left, " %zu %s", v->main.n, v->ops->entity->plural);
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

void
draw_message(app *a)
{
	int cy = -1, cx = 0;
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS)
		return;
	message_line(a, &cy, &cx);
	refresh();
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

void
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
	if (v->main.error[0]) {
		/* a page of the list could not be read */
		app_message(a, MSG_ERROR, "%s", v->main.error);
		v->main.error[0] = '\0';
	}
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

void
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
void
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

void
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
