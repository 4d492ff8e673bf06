/* What the views share: reading the records of an entity into the main
 * list, and building the detail pane row by row. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "colors.h"
#include "i18n.h"
#include "labels.h"
#include "num.h"
#include "text.h"

/* The main list of an entity's records: paged from the database (only
 * a window of rows is held), or read whole for an entity whose lists
 * are no columns (keys: few records). */
int
view_load_records(app *a, view *v, vb_err *err)
{
	const vb_entity *e = v->ops->entity;
	int first = v->main.ncols == 0;
	vb_pager *p = pager_entity(a->db, e);
	if (p) {
		if (first)
			list_set_table(&v->main, pager_table(p), NULL);
		if (list_set_pager(&v->main, p) < 0)
			return err_set(err, VB_EDB, "%s", v->main.error);
	} else {
		vb_rec *recs;
		size_t n;
		if (ent_fetch(a->db, e, NULL, &recs, &n, err) < 0)
			return -1;
		list_set_records(&v->main, recs_table(e, recs, n, 1), recs, n);
	}
	if (first) {
		list_columns(&v->main, v->ops->columns);
		v->main.frozen = v->ops->frozen;
	}
	return 0;
}

char *
rec_text(const vb_rec *r, const char *field)
{
	int i = ent_field(r->ent, field);
	if (i < 0)
		return xstrdup("");
	return val_format(&r->ent->fields[i], &r->v[i]);
}

char *
rec_shown(const vb_rec *r, const char *field)
{
	char buf[VB_NUM_BUFSZ], d[11];
	int i = ent_field(r->ent, field);
	if (i < 0 || r->v[i].null)
		return xstrdup("");
	const vb_field *f = &r->ent->fields[i];
	switch (f->type) {
	case FT_CENTS:
		return xstrdup(text_money(r->v[i].i, buf));
	case FT_DEC4:
		return xstrdup(text_dec4(r->v[i].i, buf));
	case FT_DATE: {
		const char *shown = r->v[i].s ? out_locale_date(r->v[i].s, d) : NULL;
		return xstrdup(shown ? shown : r->v[i].s ? r->v[i].s : "");
	}
	case FT_BOOL:
		return xstrdup(r->v[i].i ? _("yes") : _("no"));
	default:
		return val_format(f, &r->v[i]);
	}
}

/* ------------------------------------------------------------- detail */

static int
detail_color(const list *l, size_t row, int col)
{
	const view *v = l->data;
	(void)col;
	return row < v->ndrows && v->drows[row].section ? C_SECTION : 0;
}

/* A heading with nothing in the other columns spans the line. */
static int
detail_span(const list *l, size_t row)
{
	const view *v = l->data;
	if (row >= v->ndrows || !v->drows[row].section)
		return 0;
	for (int c = 1; c < l->t->ncols; c++) {
		const out_cell *x = &l->t->cells[row * (size_t)l->t->ncols + (size_t)c];
		if (x->s && *x->s)
			return 0;
	}
	return 1;
}

void
detail_begin(view *v, const char *title)
{
	for (size_t i = 0; i < v->ndrows; i++) {
		rec_free(&v->drows[i].rec);
		rec_free(&v->drows[i].pre);
	}
	free(v->drows);
	v->drows = NULL;
	v->ndrows = 0;
	out_free(v->dt);
	v->dt = out_new();
	for (int c = 0; c < 4; c++) {
		char name[4] = {'c', (char)('0' + c), 0, 0};
		out_col(v->dt, name, CT_TEXT);
	}
	snprintf(v->detail_title, sizeof v->detail_title, "%s", title ? title : "");
}

drow *
detail_row(view *v, const vb_entity *add, const vb_rec *rec, const char *c0, const char *c1,
	   const char *c2, const char *c3)
{
	const char *c[4] = {c0, c1, c2, c3};
	v->drows = xrealloc(v->drows, (v->ndrows + 1) * sizeof *v->drows);
	drow *d = &v->drows[v->ndrows++];
	memset(d, 0, sizeof *d);
	d->add = add;
	if (rec) {
		rec_copy(&d->rec, rec);
		d->has = 1;
	}
	out_row(v->dt);
	for (int k = 0; k < 4; k++)
		out_text(v->dt, k, c[k] ? c[k] : "");
	return d;
}

drow *
detail_section(view *v, const vb_entity *add, const char *text)
{
	drow *d = detail_row(v, add, NULL, text, NULL, NULL, NULL);
	d->section = 1;
	return d;
}

void
detail_end(view *v)
{
	int first = v->detail.t == NULL;
	size_t sel = v->detail.sel;
	list_set_table(&v->detail, v->dt, NULL);
	v->dt = NULL;
	if (first) {
		list_columns(&v->detail, v->ops->detail_columns);
		v->detail.data = v;
		v->detail.color = detail_color;
		v->detail.span = detail_span;
	}
	v->detail.sel = sel < v->detail.n ? sel : 0;
}

void
detail_wrapped(view *v, const char *label, const char *text, int width)
{
	char **lines;
	size_t n = text_wrap(text ? text : "", width, &lines);
	if (n == 0)
		detail_row(v, NULL, NULL, label, "–", NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		detail_row(v, NULL, NULL, i ? "" : label, lines[i], NULL, NULL);
		free(lines[i]);
	}
	free(lines);
}

void
detail_fields(view *v, const vb_rec *r)
{
	for (int i = 0; i < r->ent->nfields; i++) {
		char *s = rec_shown(r, r->ent->fields[i].name);
		detail_row(v, NULL, NULL, vb_label(r->ent->fields[i].name), s, NULL, NULL);
		free(s);
	}
}

/* The records of entity e whose field is code (a member's figures, a
 * service's costs); none, with the reason in the message line, when
 * the read fails. */
void
view_fetch_of(app *a, const vb_entity *e, const char *field, const char *code, vb_rec **recs,
	 size_t *n)
{
	vb_rec filter;
	vb_err err;
	rec_init(&filter, e);
	rec_parse(&filter, ent_field(e, field), code, &err);
	if (ent_fetch(a->db, e, &filter, recs, n, &err) < 0) {
		*recs = NULL;
		*n = 0;
		app_message(a, MSG_ERROR, "%s", err.msg);
	}
	rec_free(&filter);
}
