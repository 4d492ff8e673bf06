/* Lists of changed records: what one command wrote, kept so that the
 * audit log, the TUI's undo and its messages all read the same list. */
#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>

#include "auditlog.h"

void
changes_init(vb_changes *ch)
{
	memset(ch, 0, sizeof *ch);
}

void
changes_free(vb_changes *ch)
{
	for (size_t i = 0; i < ch->n; i++) {
		rec_free(&ch->c[i].before);
		rec_free(&ch->c[i].after);
	}
	free(ch->c);
	changes_init(ch);
}

void
changes_push(vb_changes *ch, int action, const vb_rec *before, const vb_rec *after)
{
	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 8;
		ch->c = xrealloc(ch->c, ch->cap * sizeof *ch->c);
	}
	vb_change *c = &ch->c[ch->n++];
	const vb_entity *e = before ? before->ent : after->ent;
	c->action = action;
	if (before)
		rec_copy(&c->before, before);
	else
		rec_init(&c->before, e);
	if (after)
		rec_copy(&c->after, after);
	else
		rec_init(&c->after, e);
}

void
changes_move(vb_changes *dst, vb_changes *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 8;
			dst->c = xrealloc(dst->c, dst->cap * sizeof *dst->c);
		}
		dst->c[dst->n++] = src->c[i];
	}
	free(src->c);
	changes_init(src);
}

const vb_rec *
change_rec(const vb_change *c)
{
	return c->action == CH_REMOVE ? &c->before : &c->after;
}

int
changes_log(vb_db *db, const vb_changes *ch, size_t from, vb_err *err)
{
	vb_logbuf lb;
	memset(&lb, 0, sizeof lb);
	int rc = changes_log_buf(db, ch, from, &lb, err);
	changes_logbuf_free(&lb);
	return rc;
}

/* Appends a text and its NUL to the waiting entries': its offset + 1. */
static size_t
pend_text(sbuf *text, size_t start)
{
	sb_addc(text, '\0');
	return start + 1;
}

/* The waiting run of added records as one batch entry. */
static int
run_flush(vb_db *db, vb_logbuf *lb, vb_err *err)
{
	if (lb->run_n == 0)
		return 0;
	sb_addc(&lb->run, ']');
	int rc = audit_batch(db, lb->run_ent->name, lb->run_n, lb->run_code.s, lb->run_after.s, lb->run.s, err);
	lb->run_n = 0;
	sb_reset(&lb->run), sb_reset(&lb->run_code), sb_reset(&lb->run_after);
	return rc;
}

/* An added record joins the run (a new one when its entity differs or
 * the run is full). */
static int
run_add(vb_db *db, vb_logbuf *lb, const vb_rec *r, vb_err *err)
{
	if (lb->n > 0 && changes_log_flush(db, lb, err) < 0)
		return -1;
	if (lb->run_n > 0 &&
	    (lb->run_ent != r->ent || lb->run_n == AUDIT_BATCH_MAX || lb->run.len >= AUDIT_BATCH_BYTES) &&
	    run_flush(db, lb, err) < 0)
		return -1;
	if (lb->run_n == 0) {
		lb->run_ent = r->ent;
		rec_ident_to(r, &lb->run_code);
		sb_addc(&lb->run_code, '\0');	/* "" is a code too */
		rec_json_to(r, &lb->run_after);
		sb_addc(&lb->run, '[');
		rec_json_keys_to(r->ent, &lb->run);
	}
	sb_addc(&lb->run, ',');
	rec_json_values_to(r, &lb->run);
	lb->run_n++;
	return 0;
}

int
changes_log_flush(vb_db *db, vb_logbuf *lb, vb_err *err)
{
	if (run_flush(db, lb, err) < 0)
		return -1;
	const char *row[DB_AUDIT_ROWS * 5];
	for (size_t k = 0; k < lb->n; k++) {
		const struct vb_logpend *p = &lb->pend[k];
		row[k * 5] = p->action;
		row[k * 5 + 1] = p->entity;
		row[k * 5 + 2] = p->code ? lb->text.s + p->code - 1 : "";
		row[k * 5 + 3] = p->before ? lb->text.s + p->before - 1 : NULL;
		row[k * 5 + 4] = p->after ? lb->text.s + p->after - 1 : NULL;
	}
	int rc = db_audit_rows(db, lb->n, row, err);
	lb->n = 0;
	sb_reset(&lb->text);
	return rc;
}

int
changes_log_buf(vb_db *db, const vb_changes *ch, size_t from, vb_logbuf *lb, vb_err *err)
{
	static const char *const actions[] = {"add", "set", "remove"};
	for (size_t i = from; i < ch->n; i++) {
		const vb_change *c = &ch->c[i];
		if (lb->batch && c->action == CH_ADD && rec_json_flat_ent(c->after.ent)) {
			if (run_add(db, lb, &c->after, err) < 0)
				return -1;
			continue;
		}
		if (lb->run_n > 0 && run_flush(db, lb, err) < 0)
			return -1;
		if (lb->batch) {
			struct vb_logpend *p = &lb->pend[lb->n++];
			size_t at = lb->text.len;
			p->action = actions[c->action];
			p->entity = change_rec(c)->ent->name;
			rec_ident_to(change_rec(c), &lb->text);
			p->code = pend_text(&lb->text, at);
			p->before = p->after = 0;
			if (c->action != CH_ADD) {
				at = lb->text.len;
				rec_json_to(&c->before, &lb->text);
				p->before = pend_text(&lb->text, at);
			}
			if (c->action != CH_REMOVE) {
				at = lb->text.len;
				rec_json_to(&c->after, &lb->text);
				p->after = pend_text(&lb->text, at);
			}
			if (lb->n == DB_AUDIT_ROWS && changes_log_flush(db, lb, err) < 0)
				return -1;
			continue;
		}
		sb_reset(&lb->before), sb_reset(&lb->after), sb_reset(&lb->ident);
		if (c->action != CH_ADD)
			rec_json_to(&c->before, &lb->before);
		if (c->action != CH_REMOVE)
			rec_json_to(&c->after, &lb->after);
		rec_ident_to(change_rec(c), &lb->ident);
		if (db_audit(db, actions[c->action], change_rec(c)->ent->name, lb->ident.s ? lb->ident.s : "",
			     c->action != CH_ADD ? lb->before.s : NULL,
			     c->action != CH_REMOVE ? lb->after.s : NULL, err) < 0)
			return -1;
	}
	return 0;
}

void
changes_logbuf_free(vb_logbuf *lb)
{
	sb_free(&lb->before), sb_free(&lb->after), sb_free(&lb->ident);
	sb_free(&lb->text);
	sb_free(&lb->run), sb_free(&lb->run_code), sb_free(&lb->run_after);
	lb->n = lb->run_n = 0;
}
