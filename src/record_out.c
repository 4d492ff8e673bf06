/* Records written out: their identity text, their JSON object (audit
 * log, export) and the table of a list of records. */
#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"

char *
rec_ident(const vb_rec *r)
{
	sbuf b;
	sb_init(&b);
	rec_ident_to(r, &b);
	return sb_take(&b);
}

void
rec_ident_to(const vb_rec *r, sbuf *b)
{
	int a = ent_auto_field(r->ent);
	size_t start = b->len;
	if (a >= 0 && !r->v[a].null) {
		val_append(b, &r->ent->fields[a], &r->v[a]);
		return;
	}
	for (int i = 0; i < r->ent->nfields; i++)
		if (r->ent->fields[i].flags & FF_KEY) {
			/* an empty part before gets no separator */
			if (b->len > start)
				sb_addc(b, '/');
			val_append(b, &r->ent->fields[i], &r->v[i]);
		}
}

void
rec_json(const vb_rec *r, jw *w)
{
	rec_json_skip(r, w, 0);
}

void
rec_json_skip(const vb_rec *r, jw *w, unsigned skip)
{
	char num[VB_NUM_BUFSZ];
	jw_obj(w);
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		const vb_val *v = &r->v[i];
		if (skip & (1u << i))
			continue;
		if (f->type == FT_CENTS) {
			char k[64];
			snprintf(k, sizeof k, "%s_cents", f->name);
			jw_key(w, k);
		} else {
			jw_key(w, f->name);
		}
		if (f->type == FT_LIST || f->type == FT_PARTS) {
			/* lists are arrays; parts are objects naming member or key */
			const char *code_name = "member", *num_name = "percent";
			if (r->ent->parts_names)
				r->ent->parts_names(r, &code_name, &num_name);
			jw_arr(w);
			vb_list l;
			if (!v->null && vlist_parse(v->s, f->type == FT_PARTS, &l, NULL) == 0) {
				for (size_t k = 0; k < l.n; k++) {
					if (f->type == FT_LIST) {
						jw_str(w, l.item[k].code);
						continue;
					}
					char nb[VB_NUM_BUFSZ];
					jw_obj(w);
					jw_key(w, code_name);
					jw_str(w, l.item[k].code);
					jw_key(w, num_name);
					jw_raw(w, num_format_dec4(l.item[k].num, nb, "."));
					jw_obj_end(w);
				}
				vlist_free(&l);
			} else if (!v->null) {
				jw_str(w, v->s);	/* not a list: shown as it is */
			}
			jw_arr_end(w);
			continue;
		}
		if (v->null) {
			jw_null(w);
			continue;
		}
		switch (f->type) {
		case FT_CENTS:
		case FT_INT:
			jw_int(w, v->i);
			break;
		case FT_DEC4:
			jw_raw(w, num_format_dec4(v->i, num, "."));
			break;
		case FT_BOOL:
			jw_bool(w, (int)v->i);
			break;
		default:
			jw_str(w, v->s);
		}
	}
	jw_obj_end(w);
}

char *
rec_json_string(const vb_rec *r)
{
	sbuf b;
	sb_init(&b);
	rec_json_to(r, &b);
	return sb_take(&b);
}

/* A value of a record without lists as a JSON literal. */
static void
json_lit(const vb_field *f, const vb_val *v, sbuf *b)
{
	char num[VB_NUM_BUFSZ];
	if (v->null) {
		sb_addn(b, "null", 4);
		return;
	}
	switch (f->type) {
	case FT_CENTS:
	case FT_INT:
		sb_puti(b, v->i);
		break;
	case FT_DEC4:
		sb_adds(b, num_format_dec4(v->i, num, "."));
		break;
	case FT_BOOL:
		sb_adds(b, v->i ? "true" : "false");
		break;
	default:
		if (v->s)
			json_quote(b, v->s);
		else
			sb_addn(b, "null", 4);
	}
}

/* The compact JSON of a record without lists, written straight into b:
 * the bytes jw writes in compact mode, without its bookkeeping (an
 * import logs every record it writes). */
static void
rec_json_flat(const vb_rec *r, sbuf *b)
{
	sb_addc(b, '{');
	for (int i = 0; i < r->ent->nfields; i++) {
		const vb_field *f = &r->ent->fields[i];
		if (i > 0)
			sb_addn(b, ", ", 2);
		sb_addc(b, '"');
		sb_adds(b, f->name);
		sb_adds(b, f->type == FT_CENTS ? "_cents\": " : "\": ");
		json_lit(f, &r->v[i], b);
	}
	sb_addc(b, '}');
}

void
rec_json_keys_to(const vb_entity *e, sbuf *b)
{
	sb_addc(b, '[');
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		sb_adds(b, i > 0 ? ",\"" : "\"");
		sb_adds(b, f->name);
		sb_adds(b, f->type == FT_CENTS ? "_cents\"" : "\"");
	}
	sb_addc(b, ']');
}

int
rec_json_flat_ent(const vb_entity *e)
{
	for (int i = 0; i < e->nfields; i++)
		if (field_is_virtual(&e->fields[i]))
			return 0;
	return 1;
}

void
rec_json_values_to(const vb_rec *r, sbuf *b)
{
	sb_addc(b, '[');
	for (int i = 0; i < r->ent->nfields; i++) {
		if (i > 0)
			sb_addc(b, ',');
		json_lit(&r->ent->fields[i], &r->v[i], b);
	}
	sb_addc(b, ']');
}

void
rec_json_to(const vb_rec *r, sbuf *b)
{
	jw w;
	size_t start = b->len;
	if (rec_json_flat_ent(r->ent)) {
		rec_json_flat(r, b);
		return;
	}
	jw_init(&w, b);
	w.compact[0] = 1;
	rec_json(r, &w);
	if (b->len > start && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
}


static int
col_type(int ft)
{
	switch (ft) {
	case FT_CENTS: return CT_CENTS;
	case FT_DEC4: return CT_DEC4;
	case FT_INT: return CT_INT;
	case FT_BOOL: return CT_BOOL;
	case FT_DATE: return CT_DATE;
	case FT_CODE:
	case FT_REF:
	case FT_CHOICE: return CT_TEXT;
	default: return CT_TEXT;
	}
}

void
recs_table_cols(const vb_entity *e, out_table *t, int with_auto)
{
	for (int i = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if ((f->flags & FF_NOCSV) && !with_auto)
			continue;
		out_col(t, f->name, col_type(f->type));
	}
}

void
recs_table_row(out_table *t, const vb_rec *r, int with_auto)
{
	const vb_entity *e = r->ent;
	out_row(t);
	for (int i = 0, c = 0; i < e->nfields; i++) {
		const vb_field *f = &e->fields[i];
		if ((f->flags & FF_NOCSV) && !with_auto)
			continue;
		const vb_val *v = &r->v[i];
		if (!v->null) {
			if (field_is_text(f))
				out_text(t, c, v->s);
			else
				out_int(t, c, v->i);
		}
		c++;
	}
}

out_table *
recs_table(const vb_entity *e, const vb_rec *recs, size_t n, int with_auto)
{
	out_table *t = out_new();
	recs_table_cols(e, t, with_auto);
	for (size_t r = 0; r < n; r++)
		recs_table_row(t, &recs[r], with_auto);
	return t;
}
