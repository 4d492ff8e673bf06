/* The federation office's screen: the member list. */
#include "config.h"
#include "tui.h"

#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entity.h"
#include "i18n.h"

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

typedef struct tui {
	vb_ctx *ctx;
	char *fedname;
	vb_rec *members;
	size_t n, sel, top;
	char status[256];
} tui;

static int
reload(tui *t)
{
	vb_err err;
	err_clear(&err);
	recs_free(t->members, t->n);
	t->members = NULL;
	t->n = 0;
	if (ent_fetch(t->ctx->db, &ent_member, NULL, &t->members, &t->n, &err) < 0) {
		snprintf(t->status, sizeof t->status, "%s", err.msg);
		return -1;
	}
	if (t->sel >= t->n)
		t->sel = t->n ? t->n - 1 : 0;
	return 0;
}

/* Writes s clipped to w columns at the cursor, padding with blanks. */
static void
put_cell(const char *s, int w)
{
	sbuf b;
	sb_init(&b);
	int used = utf8_clip(&b, s ? s : "", w);
	for (char *p = b.s; p && *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	if (b.s)
		addstr(b.s);
	for (; used < w; used++)
		addch(' ');
	sb_free(&b);
}

static void
draw(tui *t)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < 24 || cols < 80) {
		mvaddstr(0, 0, _("terminal too small"));
		mvprintw(1, 0, _("need 80x24, have %dx%d"), cols, rows);
		refresh();
		return;
	}
	attron(A_REVERSE);
	move(0, 0);
	char head[512];
	snprintf(head, sizeof head, " verbund — %s — %s", t->fedname ? t->fedname : "", db_path(t->ctx->db));
	put_cell(head, cols);
	attroff(A_REVERSE);
	static const int w[] = {18, 27, 13, 11, 0};
	static const char *const h[] = {"code", "name", "kind", "status", "joined"};
	move(1, 0);
	attron(A_BOLD);
	for (int c = 0; c < 5; c++)
		put_cell(h[c], c < 4 ? w[c] : cols - 69);
	attroff(A_BOLD);
	int list_rows = rows - 3;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)list_rows)
		t->top = t->sel - (size_t)list_rows + 1;
	for (int r = 0; r < list_rows && t->top + (size_t)r < t->n; r++) {
		const vb_rec *m = &t->members[t->top + (size_t)r];
		int selected = t->top + (size_t)r == t->sel;
		move(2 + r, 0);
		if (selected)
			attron(A_REVERSE);
		put_cell(m->v[0].s, w[0]);
		put_cell(m->v[1].s, w[1]);
		put_cell(m->v[2].s, w[2]);
		put_cell(m->v[3].s, w[3]);
		put_cell(m->v[4].null ? "" : m->v[4].s, cols - 69);
		if (selected)
			attroff(A_REVERSE);
	}
	move(rows - 1, 0);
	attron(A_REVERSE);
	char foot[300];
	snprintf(foot, sizeof foot, " %zu %s   j/k ↑/↓ move   g/G first/last   Ctrl-L reload   q quit  %s",
		 t->n, _("members"), t->status);
	put_cell(foot, cols);
	attroff(A_REVERSE);
	if (t->n)
		move(2 + (int)(t->sel - t->top), 0);
	refresh();
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
	if (cli_open_db(ctx, &err) < 0)
		return report_err(&err);
	tui t = {.ctx = ctx};
	t.fedname = db_federation_name(ctx->db);
	reload(&t);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	timeout(200);
	for (;;) {
		if (got_signal)
			break;
		draw(&t);
		int ch = getch();
		if (ch == ERR)
			continue;
		if (ch == 'q' || ch == 3)
			break;
		switch (ch) {
		case 'j': case KEY_DOWN:
			if (t.sel + 1 < t.n)
				t.sel++;
			break;
		case 'k': case KEY_UP:
			if (t.sel > 0)
				t.sel--;
			break;
		case 'g': case KEY_HOME:
			t.sel = 0;
			break;
		case 'G': case KEY_END:
			t.sel = t.n ? t.n - 1 : 0;
			break;
		case KEY_NPAGE:
			t.sel = t.sel + 20 < t.n ? t.sel + 20 : (t.n ? t.n - 1 : 0);
			break;
		case KEY_PPAGE:
			t.sel = t.sel > 20 ? t.sel - 20 : 0;
			break;
		case 12: /* Ctrl-L */
			reload(&t);
			clearok(stdscr, TRUE);
			break;
		default:
			break;
		}
	}
	endwin();
	recs_free(t.members, t.n);
	free(t.fedname);
	return 0;
}
