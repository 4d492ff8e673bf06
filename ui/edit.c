/* Changing records from the TUI: the add and edit forms, deleting after
 * a confirmation, and exporting the current view to a file. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "app.h"
#include "fileio.h"
#include "i18n.h"
#include "tui_int.h"

static const char *
form_order_of(view *v, const vb_entity *e)
{
	if (e == v->ops->entity)
		return v->ops->form_order;
	return v->ops->order ? v->ops->order(e) : NULL;
}

void
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

void
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

void
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

void
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

void
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

void
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

/* The rows of the list go to the file one at a time (a paged list is
 * read in one walk, never held whole), with progress in the message
 * line. */
typedef struct export_walk {
	out_table *out;
	int ncols;
	uint64_t done, total;
	const vb_progress *progress;
} export_walk;

static void
export_row(void *arg, const out_table *t, size_t row)
{
	export_walk *w = arg;
	out_row(w->out);
	for (int c = 0; c < w->ncols && c < t->ncols; c++) {
		const out_cell *x = &t->cells[row * (size_t)t->ncols + (size_t)c];
		if (x->null)
			continue;
		if (x->s)
			out_text(w->out, c, x->s);
		else
			out_int(w->out, c, x->i);
	}
	if (++w->done % 1024 == 0)
		vb_progress_report(w->progress, _("export"), w->done, w->total);
}

/* Written through a temporary file and renamed, never through a link:
 * replace is set once the user agreed to overwrite. */
void
export_write(app *a, const char *path, int replace)
{
	view *v = cur_view(a);
	int fmt = export_format(a, path);
	afile af;
	vb_err err;
	err_clear(&err);
	if (afile_open(&af, path, replace ? AFILE_REPLACE : AFILE_NEW, &err) != 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		return;
	}
	list_count(&v->main);	/* the total of the progress */
	out_table *cols = list_columns_table(&v->main);
	export_walk w = {out_stream_new(af.f, fmt, 0, 0), cols->ncols - v->main.hidden, 0,
			 v->main.n + (v->main.foot ? v->main.foot->nrows : 0), app_progress(a)};
	for (int c = 0; c < w.ncols; c++)
		out_col(w.out, cols->names[c], cols->types[c]);
	out_free(cols);
	long n = list_each_row(&v->main, export_row, &w);
	vb_progress_report(w.progress, _("export"), w.total, w.total);
	int bad = out_end(w.out) < 0;
	out_free(w.out);
	if (n < 0 || bad) {
		afile_abort(&af);
		app_message(a, MSG_ERROR, "%s: %s", path, n < 0 ? v->main.error : _("cannot write the file"));
		return;
	}
	if (afile_commit(&af, &err) < 0) {
		app_message(a, MSG_ERROR, "%s", err.msg);
		return;
	}
	app_message(a, MSG_INFO, P_("exported %zu row to %s (%s)", "exported %zu rows to %s (%s)", (size_t)n),
		    (size_t)n, path, out_fmt_name(fmt));
}

void
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
