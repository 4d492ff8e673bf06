/* The form widget. */
#include "config.h"
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "colors.h"
#include "i18n.h"
#include "labels.h"
#include "text.h"

/* The fields in the order of the batch command's arguments. */
static int
field_order(const vb_entity *e, const char *order, int *out)
{
	int n = 0;
	unsigned seen = 0;
	if (order) {
		char *copy = xstrdup(order), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			int i = ent_field(e, t);
			if (i >= 0 && !(seen & (1u << i))) {
				out[n++] = i;
				seen |= 1u << i;
			}
		}
		free(copy);
	}
	for (int i = 0; i < e->nfields; i++)
		if (!(seen & (1u << i)))
			out[n++] = i;
	return n;
}

static int
editable(const form *f, int k)
{
	return !f->f[k].readonly;
}

static void
first_editable(form *f)
{
	for (int k = 0; k < f->nf; k++)
		if (editable(f, k)) {
			f->cur = k;
			return;
		}
	f->cur = 0;
}

/* The most characters a field can hold, so that typing and pasting stop
 * there (the same limits as the batch mode's). */
static size_t
field_max(const vb_field *fd)
{
	switch (fd->type) {
	case FT_CODE:
	case FT_REF:
		return 32;
	case FT_DATE:
		return 10;
	case FT_CENTS:
	case FT_DEC4:
	case FT_INT:
	case FT_BOOL:
	case FT_CHOICE:
		return 40;
	case FT_NOTES:
		return 4000;
	case FT_LIST:
	case FT_PARTS:
		return 4000;
	default:
		return fd->max > 0 ? (size_t)fd->max : 200;
	}
}

form *
form_open(const vb_entity *e, const vb_rec *rec, const vb_rec *pre, unsigned ro_mask,
	  const char *order)
{
	form *f = xcalloc(1, sizeof *f);
	int idx[VB_MAXF], n = field_order(e, order, idx);
	int a = ent_auto_field(e);
	f->e = e;
	f->mode = rec ? W_SET : W_ADD;
	if (rec)
		rec_copy(&f->orig, rec);
	else
		rec_init(&f->orig, e);
	for (int k = 0; k < n; k++) {
		int i = idx[k];
		const vb_field *fd = &e->fields[i];
		char *text;
		if (i == a && !rec)
			continue;	/* assigned on saving */
		form_field *ff = &f->f[f->nf++];
		ff->fi = i;
		const vb_val *val = rec ? &rec->v[i] : pre && !pre->v[i].null ? &pre->v[i] : NULL;
		if (fd->type == FT_BOOL)	/* yes/no in the user's language */
			text = xstrdup(val ? (val->i ? _("yes") : _("no"))
				       : fd->def && strcmp(fd->def, "true") == 0 ? _("yes") : _("no"));
		else if (val)
			text = val_format(fd, val);
		else
			text = xstrdup(fd->def ? fd->def : "");
		le_init(&ff->le, text);
		le_set_max(&ff->le, field_max(fd));
		ff->orig = text;
		ff->readonly = (ro_mask >> i) & 1;
		if (rec && (i == a || (a < 0 && (fd->flags & FF_KEY))))
			ff->readonly = 1;
	}
	char *id = rec ? rec_ident(rec) : NULL;
	if (rec)
		snprintf(f->title, sizeof f->title, _(" Edit %s %s "), _(e->name), id);
	else
		snprintf(f->title, sizeof f->title, _(" Add %s "), _(e->name));
	free(id);
	first_editable(f);
	return f;
}

void
form_free(form *f)
{
	if (!f)
		return;
	for (int k = 0; k < f->nf; k++) {
		le_free(&f->f[k].le);
		free(f->f[k].orig);
		free(f->f[k].error);
		for (size_t c = 0; c < f->f[k].ncodes; c++)
			free(f->f[k].codes[c]);
		free(f->f[k].codes);
	}
	rec_free(&f->orig);
	free(f);
}

int
form_changed(const form *f)
{
	for (int k = 0; k < f->nf; k++)
		if (strcmp(f->f[k].le.s, f->f[k].orig) != 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------ cycling */

static int
cyclable(const form *f, int k)
{
	int t = f->e->fields[f->f[k].fi].type;
	return t == FT_CHOICE || t == FT_BOOL || t == FT_REF;
}

static void
load_codes(form_field *ff, const vb_field *fd, vb_db *db)
{
	const vb_entity *target = fd->ref ? ent_by_name(fd->ref) : NULL;
	vb_rec *recs = NULL;
	size_t n = 0;
	vb_err err;
	ff->loaded = 1;
	if (!target || ent_fetch(db, target, NULL, &recs, &n, &err) < 0)
		return;
	ff->codes = xcalloc(n ? n : 1, sizeof *ff->codes);
	for (size_t i = 0; i < n; i++)
		if (!recs[i].v[REC_FIRST].null)
			ff->codes[ff->ncodes++] = xstrdup(recs[i].v[REC_FIRST].s);
	recs_free(recs, n);
}

static void
cycle(form *f, vb_db *db)
{
	form_field *ff = &f->f[f->cur];
	const vb_field *fd = &f->e->fields[ff->fi];
	const char *const *list;
	size_t n = 0;
	if (fd->type == FT_CHOICE) {
		list = fd->choices;
	} else if (fd->type == FT_BOOL) {
		vb_rec tmp;
		vb_err err;
		rec_init(&tmp, f->e);
		/* "true", "ja", "x", … count as what they mean */
		int on = rec_parse(&tmp, ff->fi, ff->le.s, &err) == 0 && tmp.v[ff->fi].i;
		rec_free(&tmp);
		le_set(&ff->le, on ? _("no") : _("yes"));
		return;
	} else {
		if (!ff->loaded)
			load_codes(ff, fd, db);
		list = (const char *const *)ff->codes;
		n = ff->ncodes;
		if (n == 0)
			return;
	}
	if (fd->type != FT_REF)
		while (list[n])
			n++;
	size_t next = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], ff->le.s) == 0) {
			next = (i + 1) % n;
			break;
		}
	le_set(&ff->le, list[next]);
}

/* ---------------------------------------------------------- completing */

/* The value of list that the text before the cursor and c begin (one
 * equal to them before a longer one), or NULL. */
static const char *
first_match(const char *const *list, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix);
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], prefix) == 0)
			return list[i];
	for (size_t i = 0; i < n; i++)
		if (strncmp(list[i], prefix, pl) == 0)
			return list[i];
	return NULL;
}

/* Typing c into a choice field or a field naming another record: the
 * value completes to the first listed one that starts with what was
 * typed, the cursor after the typed part.  A choice field takes only
 * its listed values (a character that fits none starts over, else it
 * is refused); a reference field takes other text as it is typed (a
 * new metric).  1 when c was handled. */
static int
complete(form *f, form_field *ff, vb_db *db, int c)
{
	const vb_field *fd = &f->e->fields[ff->fi];
	const char *const *list;
	size_t n = 0;
	if (c < 0x20 || c >= 0x7f)
		return fd->type == FT_CHOICE && c >= 0xa0 && c < 0x110000 ? -1 : 0;
	if (fd->type == FT_CHOICE) {
		list = fd->choices;
		while (list[n])
			n++;
	} else {
		if (!ff->loaded)
			load_codes(ff, fd, db);
		list = (const char *const *)ff->codes;
		n = ff->ncodes;
	}
	char prefix[64];
	size_t cur = ff->le.cur < sizeof prefix - 2 ? ff->le.cur : sizeof prefix - 2;
	memcpy(prefix, ff->le.s, cur);
	prefix[cur] = (char)c;
	prefix[cur + 1] = '\0';
	const char *m = first_match(list, n, prefix);
	if (!m && fd->type == FT_CHOICE) {
		prefix[0] = (char)c;
		prefix[1] = '\0';
		m = first_match(list, n, prefix);
	}
	if (m) {
		le_set(&ff->le, m);
		ff->le.cur = strlen(prefix);
		return 1;
	}
	if (fd->type == FT_CHOICE)
		return -1;
	/* other text: what follows the cursor was only offered */
	le_key(&ff->le, UK_CTRL('K'));
	return 0;
}

/* ---------------------------------------------------------------- keys */

static void
step(form *f, int dir)
{
	for (int k = 1; k <= f->nf; k++) {
		int c = (f->cur + dir * k + f->nf * 2) % f->nf;
		if (editable(f, c)) {
			f->cur = c;
			return;
		}
	}
}

int
form_key(form *f, vb_db *db, int key)
{
	int act = keys_action(AC_FORM, key);
	switch (act) {
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		step(f, act == ACT_NEXT_FIELD ? 1 : -1);
		/* a field naming another record shows the existing codes */
		if (f->nf && !f->f[f->cur].loaded && f->e->fields[f->f[f->cur].fi].type == FT_REF)
			load_codes(&f->f[f->cur], &f->e->fields[f->f[f->cur].fi], db);
		return FORM_NONE;
	case ACT_SAVE:
		return FORM_SAVE;
	case ACT_CANCEL:
		return FORM_CANCEL;
	case ACT_FORM_HELP:
		return FORM_HELP;
	case ACT_CYCLE:
		if (f->nf && !f->f[f->cur].readonly && cyclable(f, f->cur)) {
			cycle(f, db);
			return FORM_NONE;
		}
		break;
	default:
		break;
	}
	if (f->nf == 0)
		return FORM_NONE;
	form_field *ff = &f->f[f->cur];
	if (ff->readonly) {
		snprintf(f->msg, sizeof f->msg, _("%s cannot be changed here"),
			 f->e->fields[ff->fi].name);
		return FORM_NONE;
	}
	const vb_field *fd = &f->e->fields[ff->fi];
	if (fd->type == FT_CHOICE || fd->type == FT_REF) {
		int done = complete(f, ff, db, key);
		if (done < 0) {
			char list[256];
			size_t used = 0;
			list[0] = '\0';
			for (int c = 0; fd->choices[c] && used < sizeof list; c++)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
							 c ? ", " : "", fd->choices[c]);
			snprintf(f->msg, sizeof f->msg, _("%s takes only one of: %s"),
				 vb_label(fd->name), list);
		}
		if (done != 0)
			return FORM_NONE;
	}
	le_key(&ff->le, key);
	return FORM_NONE;
}

/* ---------------------------------------------------------------- save */

/* The form field showing the record field an error of the core is
 * about (err->field), -1 when it is about none shown. */
static int
field_of(const form *f, const vb_err *err)
{
	for (int k = 0; k < f->nf; k++)
		if (err->field >= 0 && f->f[k].fi == err->field)
			return k;
	return -1;
}

static void
set_error(form_field *ff, const char *msg)
{
	free(ff->error);
	ff->error = msg ? xstrdup(msg) : NULL;
}

int
form_save(form *f, vb_db *db, vb_changes *ch, vb_rec *after)
{
	vb_rec r;
	vb_err err;
	int bad = -1, a = ent_auto_field(f->e);
	err_clear(&err);
	f->msg[0] = '\0';
	rec_init(&r, f->e);
	if (f->mode == W_SET && a >= 0)
		val_set_int(&r.v[a], f->orig.v[a].i);
	for (int k = 0; k < f->nf; k++) {
		form_field *ff = &f->f[k];
		set_error(ff, NULL);
		if (ff->fi == a)
			continue;
		if (rec_parse(&r, ff->fi, ff->le.s, &err) < 0) {
			set_error(ff, err.msg);
			if (bad < 0)
				bad = k;
		}
	}
	if (bad >= 0) {
		snprintf(f->msg, sizeof f->msg, "%s: %s", vb_label(f->e->fields[f->f[bad].fi].name),
			 f->f[bad].error);
		f->cur = bad;
		rec_free(&r);
		return -1;
	}
	/* an edit never overwrites another program's change unseen: the
	 * stored record must still be the one the form opened with, unless
	 * the user saves again after being told */
	vb_write how = {.mode = f->mode};
	if (f->mode == W_SET && !f->conflict) {
		how.flags = VB_W_EXPECT;
		how.expected = &f->orig;
	}
	int rc = ent_write(db, &r, &how, ch, &err);
	if (rc < 0 && err.status == VB_ECONFLICT) {
		f->conflict = 1;
		snprintf(f->msg, sizeof f->msg, "%s %s", err.msg,
			 _("F2 saves your values over that change, Esc cancels."));
		rec_free(&r);
		return -1;
	}
	if (rc < 0) {
		int k = field_of(f, &err);
		if (k >= 0) {
			set_error(&f->f[k], err.msg);
			if (!f->f[k].readonly)
				f->cur = k;
		}
		snprintf(f->msg, sizeof f->msg, "%s", err.msg);
		rec_free(&r);
		return -1;
	}
	*after = r;
	return 0;
}

/* ------------------------------------------------------------- drawing */

static void
frame(int y, int x, int h, int w, const char *title)
{
	attr_t b = color_attr(C_BORDER);
	/* lines of '-' and '|' where the screen is not UTF-8 */
	int u = text_utf8();
	attrset(b);
	mvaddch(y, x, u ? ACS_ULCORNER : '+');
	mvhline(y, x + 1, u ? ACS_HLINE : '-', w - 2);
	mvaddch(y, x + w - 1, u ? ACS_URCORNER : '+');
	mvvline(y + 1, x, u ? ACS_VLINE : '|', h - 2);
	mvvline(y + 1, x + w - 1, u ? ACS_VLINE : '|', h - 2);
	mvaddch(y + h - 1, x, u ? ACS_LLCORNER : '+');
	mvhline(y + h - 1, x + 1, u ? ACS_HLINE : '-', w - 2);
	mvaddch(y + h - 1, x + w - 1, u ? ACS_LRCORNER : '+');
	attrset(A_NORMAL);
	for (int r = 1; r < h - 1; r++)
		text_fill(y + r, x + 1, w - 2, color_attr(C_NORMAL));
	if (title)
		text_add(y, x + 2, title, w - 4, b);
}

static void
field_help(const form *f, char *buf, size_t size)
{
	const form_field *ff = &f->f[f->cur];
	const vb_field *fd = &f->e->fields[ff->fi];
	size_t used = (size_t)snprintf(buf, size, "%s%s", _(fd->help),
				       fd->flags & FF_REQ ? _(" (required)") : "");
	if (used >= size)
		return;
	if (ff->readonly) {
		snprintf(buf + used, size - used, _("; cannot be changed here"));
	} else if (fd->type == FT_CHOICE) {
		used += (size_t)snprintf(buf + used, size - used, _("; Space: "));
		for (int c = 0; fd->choices[c] && used < size; c++)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", c ? ", " : "",
						 fd->choices[c]);
	} else if (fd->type == FT_BOOL) {
		snprintf(buf + used, size - used, _("; Space: yes/no"));
	} else if (fd->type == FT_REF) {
		/* the existing codes to pick from (as far as the line goes) */
		used += (size_t)snprintf(buf + used, size - used, _("; Space: the next %s"), fd->ref);
		for (size_t c = 0; c < ff->ncodes && used < size; c++)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", c ? ", " : ": ",
						 ff->codes[c]);
	} else if (fd->type == FT_DATE) {
		snprintf(buf + used, size - used, _("; YYYY-MM-DD or D.M.YYYY"));
	}
}

void
form_draw(form *f, int rows, int cols)
{
	int bw = cols - 2 < 100 ? cols - 2 : 100;
	int bh = f->nf + 6;
	int bx = (cols - bw) / 2;
	int by = (rows - 2 - bh) / 2;
	int lw = 4;
	if (by < 1)
		by = 1;
	for (int k = 0; k < f->nf; k++) {
		int w = text_width(vb_label(f->e->fields[f->f[k].fi].name)) + 3;
		if (w > lw)
			lw = w;
	}
	int inner = bw - 4;
	int iw = (inner - lw) * 3 / 5;
	if (iw > 50)
		iw = 50;
	int rw = inner - lw - iw - 1;
	frame(by, bx, bh, bw, f->title);
	int x = bx + 2;
	for (int k = 0; k < f->nf; k++) {
		form_field *ff = &f->f[k];
		const vb_field *fd = &f->e->fields[ff->fi];
		int y = by + 2 + k;
		char label[64];
		snprintf(label, sizeof label, "%s%s", vb_label(fd->name), fd->flags & FF_REQ ? " *" : "");
		text_put(y, x, label, lw, AL_LEFT,
			 color_attr(ff->readonly ? C_READONLY : C_LABEL) | (k == f->cur ? A_BOLD : 0));
		attr_t a = color_attr(ff->readonly ? C_READONLY
				      : k == f->cur ? C_FIELD_ACTIVE : C_FIELD);
		int cx;
		if (k == f->cur) {
			cx = le_draw(&ff->le, y, x + lw, iw, a);
		} else {
			/* a field not being edited shows its start (a long note
			 * begins with what matters) */
			size_t cur = ff->le.cur;
			ff->le.cur = ff->le.first = 0;
			cx = le_draw(&ff->le, y, x + lw, iw, a);
			ff->le.cur = cur;
		}
		if (k == f->cur) {
			f->cursor_y = y;
			f->cursor_x = cx;
		}
		if (ff->error)
			text_put(y, x + lw + iw + 1, ff->error, rw, AL_LEFT, color_attr(C_ERROR));
	}
	if (f->nf) {
		char help[512];
		field_help(f, help, sizeof help);
		text_put(by + bh - 3, x, help, inner, AL_LEFT, color_attr(C_MESSAGE));
	}
	if (f->msg[0])
		text_put(by + bh - 2, x, f->msg, inner, AL_LEFT, color_attr(C_ERROR));
}
