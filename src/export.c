/* Export of a federation: the whole as JSON (which import all reads
 * back), one kind as JSON or as a table for CSV, written record by record
 * into a sink, with progress. */
#include "config.h"
#include "impexp.h"
#include <stdlib.h>
#include <string.h>

static const vb_entity *const export_order[] = {&ent_member, &ent_key, &ent_service, &ent_figure,
						  &ent_cost, &ent_subscription, &ent_grant,
						  &ent_transfer, NULL};

/* Where the records of one section go: a JSON writer or a table. */
typedef struct section_out {
	jw *w;
	unsigned skip;
	export_sink *sink;
	out_table *t;		/* export_rows */
} section_out;

int64_t
export_count(vb_db *db, const vb_entity *e, vb_err *err)
{
	if (e)
		return ent_count(db, e, err);
	int64_t all = 0;
	for (int i = 0; export_order[i]; i++) {
		int64_t n = ent_count(db, export_order[i], err);
		if (n < 0)
			return -1;
		all += n;
	}
	return all;
}

/* One record written: progress now and then, and the text so far to
 * the sink's file once it passes 64 KiB. */
static void
sink_step(export_sink *sink, sbuf *out)
{
	if (!sink)
		return;
	if ((++sink->done & 1023) == 0 && sink->done < sink->total)
		vb_progress_report(sink->progress, "export", sink->done, sink->total);
	if (sink->f && out->len >= 65536) {
		if (!sink->bad && fwrite(out->s, 1, out->len, sink->f) != out->len)
			sink->bad = 1;
		sb_reset(out);
	}
}

static int
section_one(void *arg, vb_rec *rec, vb_err *err)
{
	section_out *o = arg;
	(void)err;
	rec_json_skip(rec, o->w, o->skip);
	sink_step(o->sink, o->w->out);
	return 0;
}

static int
export_section(vb_db *db, jw *w, const vb_entity *e, int with_key, export_sink *sink,
	       vb_err *err)
{
	section_out o = {w, 0, sink, NULL};
	for (int i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_AUTO)
			o.skip |= 1u << i;
	if (with_key)
		jw_key(w, e->plural);
	jw_arr(w);
	if (ent_each(db, e, NULL, section_one, &o, err) < 0)
		return -1;
	jw_arr_end(w);
	return 0;
}

static int
row_one(void *arg, vb_rec *rec, vb_err *err)
{
	section_out *o = arg;
	(void)err;
	recs_table_row(o->t, rec, 0);
	if (o->sink && (++o->sink->done & 1023) == 0 && o->sink->done < o->sink->total)
		vb_progress_report(o->sink->progress, "export", o->sink->done, o->sink->total);
	return 0;
}

int
export_rows(vb_db *db, const vb_entity *e, out_table *t, export_sink *sink, vb_err *err)
{
	section_out o = {NULL, 0, sink, t};
	recs_table_cols(e, t, 0);
	return ent_each(db, e, NULL, row_one, &o, err);
}

static int
export_agreements(vb_db *db, jw *w, int with_key, vb_err *err)
{
	vb_rec *ags, *vers, *sigs;
	size_t nag, nver, nsig;
	if (ent_fetch(db, &ent_agreement, NULL, &ags, &nag, err) < 0)
		return -1;
	if (ent_fetch(db, &ent_version, NULL, &vers, &nver, err) < 0) {
		recs_free(ags, nag);
		return -1;
	}
	if (ent_fetch(db, &ent_signature, NULL, &sigs, &nsig, err) < 0) {
		recs_free(ags, nag), recs_free(vers, nver);
		return -1;
	}
	if (with_key)
		jw_key(w, "agreements");
	jw_arr(w);
	for (size_t a = 0; a < nag; a++) {
		/* the agreement object with its nested versions */
		jw_obj(w);
		for (int i = 0; i < ent_agreement.nfields; i++) {
			jw_key(w, ent_agreement.fields[i].name);
			jw_str(w, ags[a].v[i].null ? NULL : ags[a].v[i].s);
		}
		jw_key(w, "versions");
		jw_arr(w);
		for (size_t v = 0; v < nver; v++) {
			if (strcmp(vers[v].v[AV_AGREEMENT].s, ags[a].v[AG_CODE].s) != 0)
				continue;
			sbuf tmp;
			jw inner;
			sb_init(&tmp);
			jw_init(&inner, &tmp);
			inner.compact[0] = 1;
			rec_json_skip(&vers[v], &inner, 1u << AV_AGREEMENT);
			/* splice the signatures in before the closing brace */
			while (tmp.len && (tmp.s[tmp.len - 1] == '\n' || tmp.s[tmp.len - 1] == '}'))
				tmp.s[--tmp.len] = '\0';
			sb_adds(&tmp, ", \"signatures\": [");
			int ns = 0;
			for (size_t s = 0; s < nsig; s++) {
				if (strcmp(sigs[s].v[AS_AGREEMENT].s, ags[a].v[AG_CODE].s) != 0 ||
				    sigs[s].v[AS_NUMBER].i != vers[v].v[AV_NUMBER].i)
					continue;
				char *one;
				sbuf sb1;
				jw w1;
				sb_init(&sb1);
				jw_init(&w1, &sb1);
				w1.compact[0] = 1;
				rec_json_skip(&sigs[s], &w1, (1u << AS_AGREEMENT) | (1u << AS_NUMBER));
				one = sb_take(&sb1);
				one[strcspn(one, "\n")] = '\0';
				sb_printf(&tmp, "%s%s", ns++ ? ", " : "", one);
				free(one);
			}
			sb_adds(&tmp, "]}");
			jw_raw(w, tmp.s);
			sb_free(&tmp);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	recs_free(ags, nag), recs_free(vers, nver), recs_free(sigs, nsig);
	return 0;
}

int
export_json(vb_db *db, sbuf *out, export_sink *sink, vb_err *err)
{
	static const char sql[] = "SELECT name, notes FROM federation WHERE id = 1";
	jw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "verbund");
	jw_int(&w, 1);
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	jw_key(&w, "federation");
	jw_obj(&w);
	if (db_step(db, st, err) == SQLITE_ROW) {
		jw_key(&w, "name");
		jw_str(&w, db_col_text(st, 0));
		jw_key(&w, "notes");
		jw_str(&w, db_col_text(st, 1));
	}
	db_end(st);
	jw_obj_end(&w);
	const vb_entity *const *order = export_order;
	for (int i = 0; order[i]; i++)
		if (export_section(db, &w, order[i], 1, sink, err) < 0)
			return -1;
	if (export_agreements(db, &w, 1, err) < 0)
		return -1;
	jw_obj_end(&w);
	return 0;
}

int
export_kind_json(vb_db *db, const vb_entity *e, sbuf *out, export_sink *sink, vb_err *err)
{
	jw w;
	jw_init(&w, out);
	if (e == &ent_agreement)
		return export_agreements(db, &w, 0, err);
	return export_section(db, &w, e, 0, sink, err);
}

out_table *
export_table(vb_db *db, const vb_entity *e, vb_err *err)
{
	vb_rec *recs;
	size_t n;
	if (ent_fetch(db, e, NULL, &recs, &n, err) < 0)
		return NULL;
	out_table *t = recs_table(e, recs, n, 0);
	recs_free(recs, n);
	return t;
}
