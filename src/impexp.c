/* Import of CSV and JSON files, all or nothing: the header by name, one
 * record per identity, the host rules, and nothing written when nothing
 * changes.  Export lives in src/export.c. */
#include "config.h"
#include "impexp.h"

#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "csv.h"
#include "fields.h"
#include "i18n.h"
#include "json.h"
#include "suggest.h"

extern const char vb_demo_komgrid[], vb_demo_gifhorn[], vb_demo_hessen_isb[], vb_demo_muenster_lwl[];

const char *const demo_names[] = {"komgrid", "gifhorn", "hessen-isb", "muenster-lwl", NULL};

const char *
demo_data(const char *name)
{
	const char *const data[] = {vb_demo_komgrid, vb_demo_gifhorn, vb_demo_hessen_isb,
				    vb_demo_muenster_lwl};
	for (int i = 0; demo_names[i]; i++)
		if (strcmp(demo_names[i], name) == 0)
			return data[i];
	return NULL;
}

/* ---------------------------------------------------------- one import */

/* An import under way: the changes of the record being written (logged
 * as soon as it is written, so that no list grows with the file), the
 * identities seen with their lines, and the member marked host. */
typedef struct imp {
	vb_db *db;
	const char *name;
	unsigned flags;		/* IMPORT_NEW_METRICS */
	vb_changes ch;
	vb_logbuf log;		/* buffers of the audit entries */
	size_t count;		/* records read */
	size_t changed;		/* records changed (audit entries written) */
	const vb_progress *progress;
	uint64_t done, total;	/* records written, and in the file */
	vb_refs *refs;		/* set while the database's foreign keys are off */
	char *unhosted;		/* the last host the file marked false */
	char **metrics;		/* the metrics some key reads, read once */
	size_t nmetrics;
	int metrics_read;
	/* the identities seen, 8 bytes each (a nation's figures are
	 * 611,916): where in pool, and on which line */
	struct imp_seen {
		uint32_t id;	/* offset + 1 of "Eidentity" in pool (E: the
				 * entity's letter); 0: empty */
		uint32_t line;
		uint32_t tag;	/* the identity's hash: most slots of other
				 * identities are passed without reading pool */
	} *seen;		/* open addressing; cap a power of two */
	size_t nseen, capseen;
	sbuf pool;		/* the identities, each ending in NUL */
	sbuf key;		/* the identity being looked up */
	char *host;		/* the member marked host, and its line */
	long host_line;
} imp;

static void
imp_free(imp *im)
{
	changes_free(&im->ch);
	changes_logbuf_free(&im->log);
	free(im->unhosted);
	suggest_free_names(im->metrics, im->nmetrics);
	free(im->seen);
	sb_free(&im->pool);
	sb_free(&im->key);
	free(im->host);
}

static size_t
hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of id, whose hash is h: where it is, or the empty one where
 * it goes. */
static struct imp_seen *
seen_slot(imp *im, const char *id, size_t h)
{
	size_t mask = im->capseen - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		const struct imp_seen *s = &im->seen[i];
		if (!s->id || (s->tag == (uint32_t)h && strcmp(im->pool.s + s->id - 1, id) == 0))
			return &im->seen[i];
	}
}

/* The identity of a record as text, from its key fields (never the
 * number of a transfer, which a file does not give), appended to b. */
static void
key_text(const vb_rec *r, sbuf *b)
{
	const vb_entity *e = r->ent;
	size_t start = b->len;
	for (int i = 0; i < e->nfields; i++) {
		if (!(e->fields[i].flags & FF_KEY))
			continue;
		if (b->len > start)
			sb_addc(b, '/');
		if (r->v[i].null && e->fields[i].def)
			sb_adds(b, e->fields[i].def);
		else
			val_append(b, &e->fields[i], &r->v[i]);
	}
}

/* im->key: the entity's letter, then (from *ident on) the identity. */
static void
seen_id(imp *im, const vb_entity *e, size_t *ident)
{
	int k = 0;
	while (vb_entities[k] && vb_entities[k] != e)
		k++;
	sb_reset(&im->key);
	sb_addc(&im->key, (char)('A' + k));
	*ident = im->key.len;
}

static long
seen_line(imp *im, const vb_entity *e, const char *ident)
{
	size_t at;
	if (!im->capseen)
		return 0;
	seen_id(im, e, &at);
	sb_adds(&im->key, ident);
	struct imp_seen *s = seen_slot(im, im->key.s, hash(im->key.s));
	return s->id ? (long)s->line : 0;
}

/* Remembers the record's identity; a second record with it is refused,
 * naming both lines. */
static int
imp_once(imp *im, const vb_rec *r, long line, vb_err *err)
{
	if (im->nseen * 2 >= im->capseen) {
		struct imp_seen *old = im->seen;
		size_t oldcap = im->capseen;
		im->capseen = oldcap ? oldcap * 2 : 256;
		im->seen = xcalloc(im->capseen, sizeof *im->seen);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].id) {
				size_t m = im->capseen - 1, j = old[i].tag & m;
				/* the tag is the low half of the hash, enough for a
				 * table of up to 2^32 slots; the identities differ */
				while (im->seen[j].id)
					j = (j + 1) & m;
				im->seen[j] = old[i];
			}
		free(old);
	}
	size_t at;
	seen_id(im, r->ent, &at);
	key_text(r, &im->key);
	size_t h = hash(im->key.s);
	struct imp_seen *s = seen_slot(im, im->key.s, h);
	if (s->id)
		return err_set(err, VB_EFAIL, _("%s:%ld: %s '%s' is also on line %ld; a file names each record once"),
			       im->name, line, _(r->ent->name), im->key.s + at, (long)s->line);
	if (im->pool.len + im->key.len + 1 >= UINT32_MAX || line > (long)UINT32_MAX)
		return err_set(err, VB_EFAIL, _("%s:%ld: too many records for one import; import the file in parts"),
			       im->name, line);
	s->id = (uint32_t)im->pool.len + 1;
	s->line = (uint32_t)line;
	s->tag = (uint32_t)h;
	sb_addn(&im->pool, im->key.s, im->key.len);
	sb_addc(&im->pool, '\0');
	im->nseen++;
	return 0;
}

/* A figure of a metric that no key reads is refused unless flags has
 * IMPORT_NEW_METRICS (spec §3.4). 0 or -1.  The metrics that keys read
 * are read once per import (an import of figures writes no keys); one
 * not among them is asked again, for the message. */
static int
figure_metric_ok(imp *im, const vb_rec *rec, vb_err *err)
{
	if (rec->ent != &ent_figure || (im->flags & IMPORT_NEW_METRICS) || rec->v[FG_METRIC].null)
		return 0;
	if (!im->metrics_read) {
		if (known_metrics(im->db, &im->metrics, &im->nmetrics, err) < 0)
			return -1;
		im->metrics_read = 1;
	}
	const char *m = rec->v[FG_METRIC].s;
	for (size_t i = 0; i < im->nmetrics; i++)
		if (strcmp(im->metrics[i], m) == 0)
			return 0;
	return metric_known(im->db, m, _("--new-metrics accepts it"), err) == 1 ? 0 : -1;
}

/* One record of the file: written (or found unchanged), its changes
 * kept for the log. */
static int
imp_write(imp *im, vb_rec *rec, long line, vb_err *err)
{
	if (imp_once(im, rec, line, err) < 0)
		return -1;
	/* (a member without a code is refused by the write below) */
	if (rec->ent == &ent_member && rec->set[MB_HOST] && !rec->v[MB_HOST].null &&
	    rec->v[MB_HOST].i && rec->v[MB_CODE].s) {
		if (im->host)
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: member '%s' is marked host, and so is member '%s' on line %ld; a federation has one host"),
				       im->name, line, rec->v[MB_CODE].s, im->host, im->host_line);
		im->host = xstrdup(rec->v[MB_CODE].s);
		im->host_line = line;
	}
	const vb_write how = {.mode = W_UPSERT,
			      .flags = VB_W_IMPORT | VB_W_BULK | VB_W_NOLOG | (im->refs ? VB_W_REFS : 0),
			      .refs = im->refs};
	if (figure_metric_ok(im, rec, err) < 0 || ent_write(im->db, rec, &how, &im->ch, err) < 0)
		return err_prefix(err, "%s:%ld", im->name, line);
	/* logged at once, in the import's transaction: the entries come in
	 * the order of the changes, before the import's own */
	if (changes_log_buf(im->db, &im->ch, 0, &im->log, err) < 0)
		return -1;
	for (size_t i = 0; i < im->ch.n; i++) {
		const vb_change *c = &im->ch.c[i];
		/* a host marked false: check_host names it if no other takes over */
		if (c->action == CH_SET && c->before.ent == &ent_member && c->before.v[MB_HOST].i &&
		    !c->after.v[MB_HOST].i) {
			free(im->unhosted);
			im->unhosted = xstrdup(c->before.v[MB_CODE].s);
		}
	}
	im->changed += im->ch.n;
	/* the list is emptied, its room kept for the next record */
	for (size_t i = 0; i < im->ch.n; i++)
		rec_free(&im->ch.c[i].before), rec_free(&im->ch.c[i].after);
	im->ch.n = 0;
	/* versions and signatures travel inside their agreement's record */
	if (rec->ent != &ent_version && rec->ent != &ent_signature)
		im->count++;
	/* every record counts for the progress, on its own line or not */
	if ((++im->done & 255) == 0)
		vb_progress_report(im->progress, "import", im->done,
				   im->total > im->done ? im->total : im->done + 1);
	return 0;
}

/* ------------------------------------------------------------------ CSV */

static int
csv_header(csv_reader *r, const vb_entity *e, int *map, vb_err *err)
{
	unsigned seen = 0;
	for (size_t c = 0; c < r->nfields; c++) {
		const char *name = r->fields[c];
		int i = ent_field(e, name);
		if (i < 0 || (e->fields[i].flags & FF_AUTO)) {
			sbuf known;
			sb_init(&known);
			for (int k = 0; k < e->nfields; k++)
				if (!(e->fields[k].flags & FF_AUTO))
					sb_printf(&known, "%s%s", known.len ? "," : "", e->fields[k].name);
			err_set(err, VB_EFAIL, _("%s:%ld: unknown column '%.60s' (the columns of %s are %s)"),
				r->name, r->rec_line, name, e->plural, known.s);
			sb_free(&known);
			return -1;
		}
		if (seen & (1u << i))
			return err_set(err, VB_EFAIL, _("%s:%ld: column '%s' appears twice"), r->name,
				       r->rec_line, name);
		seen |= 1u << i;
		map[c] = i;
	}
	for (int i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_KEY) && !e->fields[i].def && !(seen & (1u << i)))
			return err_set(err, VB_EFAIL, _("%s:%ld: the column '%s' is missing"), r->name,
				       r->rec_line, e->fields[i].name);
	return 0;
}

static int key_parts_ready(vb_db *db, const vb_rec *rec, vb_err *err);


static int
import_csv(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
	   imp *im, vb_err *err)
{
	csv_reader r;
	int map[VB_MAXF * 2], rc;
	/* UTF-8 is checked field by field below, so that the message names
	 * the line on which the record starts and the column */
	if (csv_open_raw(&r, name, data, len, err) < 0)
		return -1;
	rc = csv_next(&r, err);
	if (rc <= 0) {
		csv_close(&r);
		return rc < 0 ? -1 : err_set(err, VB_EFAIL, _("%s: empty file (expected a header line)"), name);
	}
	for (size_t c = 0; c < r.nfields; c++)
		if (utf8_valid_prefix(r.fields[c], strlen(r.fields[c])) != strlen(r.fields[c])) {
			err_set(err, VB_EFAIL, _("%s:%ld: invalid UTF-8 in the header line"), name, r.rec_line);
			csv_close(&r);
			return -1;
		}
	if (r.nfields > VB_MAXF * 2) {
		err_set(err, VB_EFAIL, _("%s:%ld: %zu columns; %s have at most %d"), name, r.rec_line,
			r.nfields, e->plural, e->nfields);
		csv_close(&r);
		return -1;
	}
	if (csv_header(&r, e, map, err) < 0) {
		csv_close(&r);
		return -1;
	}
	size_t ncols = r.nfields, after_header = r.pos, cap = 0;
	/* the records the file holds, for the progress: its lines (a quoted
	 * field may hold more, which only makes the estimate high) */
	for (const char *p = data + after_header, *end = data + len; p < end; im->total++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	long header_lines = r.line;
	unsigned char *done = NULL;
	/* keys may refer to keys in later lines: the records are read in
	 * passes, each writing the composite keys whose parts exist (as
	 * json_keys does); when a pass makes no progress, the rest is
	 * written anyway so that the first one says why it cannot be.
	 * Other kinds take one pass. */
	int stuck = e != &ent_key, again;
	do {
		size_t idx = 0, progress = 0;
		again = 0;
		r.pos = after_header;
		r.line = header_lines;
		while ((rc = csv_next(&r, err)) == 1) {
			size_t k = idx++;
			if (k >= cap) {
				size_t ncap = cap ? cap * 2 : 64;
				done = xrealloc(done, ncap);
				memset(done + cap, 0, ncap - cap);
				cap = ncap;
			}
			if (done[k])
				continue;
			vb_rec rec;
			if (r.nfields != ncols) {
				rc = err_set(err, VB_EFAIL, P_("%s:%ld: %zu field, but the header has %zu",
						"%s:%ld: %zu fields, but the header has %zu", r.nfields), name,
					     r.rec_line, r.nfields, ncols);
				break;
			}
			rec_init(&rec, e);
			for (size_t c = 0; c < ncols && rc == 1; c++) {
				const char *text = r.fields[c];
				const vb_field *f = &e->fields[map[c]];
				/* the quote of the formula-injection rule goes again; codes
				 * may begin with '-' and get it too */
				if (text[0] == '\'' && out_needs_prefix(text + 1))
					text++;
				if (utf8_valid_prefix(text, strlen(text)) != strlen(text))
					rc = err_set(err, VB_EFAIL, _("%s:%ld: column '%s': invalid UTF-8 (save the file as UTF-8)"),
						     name, r.rec_line, f->name);
				else if (rec_parse(&rec, map[c], text, err) < 0)
					rc = err_prefix(err, _("%s:%ld: column '%s'"), name, r.rec_line, f->name);
			}
			if (rc == 1) {
				int ready = stuck ? 1 : key_parts_ready(db, &rec, err);
				if (ready < 0) {
					rc = -1;
				} else if (!ready) {
					again = 1;
					rec_free(&rec);
					continue;
				} else if (imp_write(im, &rec, r.rec_line, err) < 0) {
					rc = -1;
				}
			}
			rec_free(&rec);
			if (rc != 1)
				break;
			done[k] = 1;
			progress++;
		}
		if (rc < 0)
			break;
		if (again && progress == 0)
			stuck = 1;
	} while (again);
	free(done);
	csv_close(&r);
	return rc < 0 ? -1 : 0;
}

/* ----------------------------------------------------------------- JSON */

static int
in_names(const char *const *names, const char *k)
{
	for (; names && *names; names++)
		if (strcmp(*names, k) == 0)
			return 1;
	return 0;
}

/* Fills rec from a JSON object; keys in `extra` are skipped (nested
 * lists), unknown keys are errors. */
static int
json_rec(const char *name, const jval *o, vb_rec *rec, const char *const *extra, vb_err *err)
{
	const vb_entity *e = rec->ent;
	if (o->t != JOBJ)
		return err_set(err, VB_EFAIL, _("%s:%ld: expected an object for a %s"), name, o->line, _(e->name));
	for (size_t k = 0; k < o->n; k++) {
		const char *key = o->keys[k];
		char base[64];
		size_t kl = strlen(key);
		int i;
		if (in_names(extra, key))
			continue;
		snprintf(base, sizeof base, "%s", key);
		/* a key too long for base is no field name anyway */
		if (kl > 6 && kl < sizeof base && strcmp(key + kl - 6, "_cents") == 0) {
			base[kl - 6] = '\0';
			i = ent_field(e, base);
			if (i >= 0 && e->fields[i].type != FT_CENTS)
				i = -1;
		} else {
			i = ent_field(e, key);
			if (i >= 0 && e->fields[i].type == FT_CENTS)
				i = -1;
		}
		if (i < 0)
			return err_set(err, VB_EFAIL, _("%s:%ld: unknown field '%.60s' in a %s"), name,
				       o->items[k].line, key, _(e->name));
		if (e->fields[i].flags & FF_AUTO)
			continue;
		if (rec_parse_json(rec, i, &o->items[k], err) < 0)
			return err_prefix(err, _("%s:%ld: field '%s'"), name, o->items[k].line, key);
	}
	return 0;
}

static int
json_records(const vb_entity *e, const char *name, const jval *arr, imp *im,
	     vb_err *err)
{
	if (arr->t != JARR)
		return err_set(err, VB_EFAIL, _("%s:%ld: expected an array of %s"), name, arr->line, e->plural);
	for (size_t k = 0; k < arr->n; k++) {
		vb_rec rec;
		rec_init(&rec, e);
		int rc = json_rec(name, &arr->items[k], &rec, NULL, err);
		if (rc == 0)
			rc = imp_write(im, &rec, arr->items[k].line, err);
		rec_free(&rec);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* 1 when every part of a composite key is stored already (or the key is
 * not composite), 0 when it must wait for a later round, -1 on error. */
static int
key_parts_ready(vb_db *db, const vb_rec *rec, vb_err *err)
{
	static const char sql[] = "SELECT 1 FROM cost_key WHERE code = ?1";
	int m = ent_field(&ent_key, "method"), p = ent_field(&ent_key, "parts");
	if (m < 0 || p < 0 || !str_eq(rec->v[m].s, "composite") || rec->v[p].null)
		return 1;
	vb_list l;
	if (vlist_parse(rec->v[p].s, 1, &l, err) < 0)
		return -1;
	int ready = 1;
	for (size_t i = 0; i < l.n && ready == 1; i++) {
		const char *t = l.item[i].code;
		sqlite3_stmt *st = db_prep(db, sql, err);
		if (!st) {
			ready = -1;
			break;
		}
		db_bind_text(st, 1, t);
		int rc = db_step(db, st, err);
		db_end(st);
		ready = rc < 0 ? -1 : rc == SQLITE_ROW;
	}
	vlist_free(&l);
	return ready;
}

/* Keys may refer to keys listed after them: write in rounds, each
 * taking the composite keys whose parts exist already.  A failed write
 * is never just retried: it would mark the import's transaction as
 * rolled back.  When a round makes no progress, the remaining keys are
 * written anyway, so that the first one reports why it cannot be. */
static int
json_keys(vb_db *db, const char *name, const jval *arr, imp *im, vb_err *err)
{
	if (arr->t != JARR)
		return err_set(err, VB_EFAIL, _("%s:%ld: expected an array of keys"), name, arr->line);
	unsigned char *done = xcalloc(arr->n + 1, 1);
	size_t left = arr->n;
	int rc = 0, stuck = 0;
	while (left > 0 && rc == 0) {
		size_t progress = 0;
		for (size_t k = 0; k < arr->n && rc == 0; k++) {
			if (done[k])
				continue;
			vb_rec rec;
			rec_init(&rec, &ent_key);
			if (json_rec(name, &arr->items[k], &rec, NULL, err) < 0) {
				rec_free(&rec);
				rc = -1;
				break;
			}
			int ready = stuck ? 1 : key_parts_ready(db, &rec, err);
			if (ready < 0) {
				rc = -1;
			} else if (ready) {
				if (imp_write(im, &rec, arr->items[k].line, err) < 0) {
					rc = -1;
				} else {
					done[k] = 1;
					left--;
					progress++;
				}
			}
			rec_free(&rec);
		}
		if (progress == 0)
			stuck = 1;
	}
	free(done);
	return rc;
}

static int
json_agreements(const char *name, const jval *arr, imp *im, vb_err *err)
{
	static const char *const ag_extra[] = {"versions", NULL};
	static const char *const v_extra[] = {"signatures", NULL};
	if (arr->t != JARR)
		return err_set(err, VB_EFAIL, _("%s:%ld: expected an array of agreements"), name, arr->line);
	for (size_t k = 0; k < arr->n; k++) {
		const jval *o = &arr->items[k];
		vb_rec ag;
		rec_init(&ag, &ent_agreement);
		int rc = json_rec(name, o, &ag, ag_extra, err);
		if (rc == 0)
			rc = imp_write(im, &ag, o->line, err);
		const jval *versions = json_get(o, "versions");
		if (rc == 0 && versions && versions->t != JARR)
			rc = err_set(err, VB_EFAIL, _("%s:%ld: versions: expected an array"), name, versions->line);
		for (size_t v = 0; rc == 0 && versions && v < versions->n; v++) {
			const jval *vo = &versions->items[v];
			vb_rec ver;
			rec_init(&ver, &ent_version);
			rc = json_rec(name, vo, &ver, v_extra, err);
			rec_parse(&ver, AV_AGREEMENT, ag.v[AG_CODE].s, err);
			if (rc == 0)
				rc = imp_write(im, &ver, vo->line, err);
			const jval *sigs = json_get(vo, "signatures");
			if (rc == 0 && sigs && sigs->t != JARR)
				rc = err_set(err, VB_EFAIL, _("%s:%ld: signatures: expected an array"), name, sigs->line);
			for (size_t s = 0; rc == 0 && sigs && s < sigs->n; s++) {
				vb_rec sig;
				rec_init(&sig, &ent_signature);
				rc = json_rec(name, &sigs->items[s], &sig, NULL, err);
				rec_parse(&sig, AS_AGREEMENT, ag.v[AG_CODE].s, err);
				if (!ver.v[AV_NUMBER].null)
					val_set_int(&sig.v[AS_NUMBER], ver.v[AV_NUMBER].i), sig.set[AS_NUMBER] = 1;
				if (rc == 0)
					rc = imp_write(im, &sig, sigs->items[s].line, err);
				rec_free(&sig);
			}
			rec_free(&ver);
		}
		rec_free(&ag);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The records of an array, for the progress; with nested, the versions
 * and signatures inside each agreement too. */
static uint64_t
json_count(const jval *arr, int nested)
{
	uint64_t n = arr->n;
	for (size_t k = 0; nested && k < arr->n; k++) {
		const jval *versions = json_get(&arr->items[k], "versions");
		for (size_t v = 0; versions && versions->t == JARR && v < versions->n; v++) {
			const jval *sigs = json_get(&versions->items[v], "signatures");
			n += 1 + (sigs && sigs->t == JARR ? sigs->n : 0);
		}
	}
	return n;
}

static int
import_all(vb_db *db, const char *name, const jval *doc, imp *im, vb_err *err)
{
	static const char *const order[] = {"members", "keys", "services", "figures", "costs",
					    "subscriptions", "grants", "transfers", "agreements", NULL};
	if (doc->t != JOBJ)
		return err_set(err, VB_EFAIL, _("%s: expected a JSON object as written by 'verbund export'"), name);
	const jval *ver = json_get(doc, "verbund");
	if (!ver || ver->t != JNUM || strcmp(ver->s, "1") != 0)
		return err_set(err, VB_EFAIL, _("%s: not a verbund export (expected \"verbund\": 1)"), name);
	for (size_t k = 0; k < doc->n; k++)
		if (!in_names(order, doc->keys[k]) && strcmp(doc->keys[k], "verbund") != 0 &&
		    strcmp(doc->keys[k], "federation") != 0)
			return err_set(err, VB_EFAIL, _("%s:%ld: unknown section '%.60s'"), name,
				       doc->items[k].line, doc->keys[k]);
	for (int s = 0; order[s]; s++) {
		const jval *sec = json_get(doc, order[s]);
		if (sec && sec->t == JARR)
			im->total += json_count(sec, strcmp(order[s], "agreements") == 0);
	}
	for (int s = 0; order[s]; s++) {
		const jval *sec = json_get(doc, order[s]);
		int rc;
		if (!sec)
			continue;
		if (strcmp(order[s], "keys") == 0)
			rc = json_keys(db, name, sec, im, err);
		else if (strcmp(order[s], "agreements") == 0)
			rc = json_agreements(name, sec, im, err);
		else
			rc = json_records(ent_by_name(order[s]), name, sec, im, err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
looks_like_json(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	return i < len && (data[i] == '[' || data[i] == '{');
}

static int
import_tx(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
	  imp *im, vb_err *err)
{
	if (!e && !looks_like_json(data, len))
		return err_set(err, VB_EFAIL,
			       _("%s: 'import all' reads the JSON that 'verbund export' writes; import a CSV file by its kind (members, figures, …)"),
			       name);
	if (!e || looks_like_json(data, len)) {
		jval *doc = json_parse(name, data, len, err);
		if (!doc)
			return -1;
		if (e && doc->t == JARR)
			im->total = json_count(doc, 0);
		/* keys may refer to keys listed after them, here as in "import all" */
		int rc = !e ? import_all(db, name, doc, im, err)
			 : e == &ent_key ? json_keys(db, name, doc, im, err)
			 : json_records(e, name, doc, im, err);
		json_free(doc);
		return rc;
	}
	return import_csv(db, e, name, data, len, im, err);
}

/* The member that was the host and is marked false in this import
 * while no other member took the role: refused, naming its line. */
static int
check_host(imp *im, vb_err *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM member WHERE host = 1)";
	sqlite3_stmt *st = db_prep(im->db, sql, err);
	if (!st)
		return -1;
	if (db_step(im->db, st, err) != SQLITE_ROW)
		return -1;
	int64_t members = sqlite3_column_int64(st, 0), hosts = sqlite3_column_int64(st, 1);
	db_end(st);
	if (members == 0 || hosts > 0)
		return 0;
	if (im->unhosted) {
		const char *code = im->unhosted;
		return err_set(err, VB_EFAIL,
			       _("%s:%ld: member '%s' is the host and marked false, and no other member is marked host; mark the new host true"),
			       im->name, seen_line(im, &ent_member, code), code);
	}
	return err_set(err, VB_EFAIL, _("%s: no member is the host; mark one true"), im->name);
}

int
import_data(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
	    size_t *count, vb_err *err)
{
	return import_data_flags(db, e, name, data, len, 0, count, NULL, err);
}

int
import_data_flags(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
		  unsigned flags, size_t *count, size_t *changed, vb_err *err)
{
	return import_data_progress(db, e, name, data, len, flags, NULL, count, changed, err);
}

int
import_data_progress(vb_db *db, const vb_entity *e, const char *name, const char *data,
		     size_t len, unsigned flags, const vb_progress *progress, size_t *count,
		     size_t *changed, vb_err *err)
{
	imp im;
	memset(&im, 0, sizeof im);
	im.db = db;
	im.name = name;
	im.progress = progress;
	im.log.batch = 1;	/* the entries go DB_AUDIT_ROWS at a time */
	/* a whole federation's figures bring their metrics */
	im.flags = e ? flags : flags | IMPORT_NEW_METRICS;
	changes_init(&im.ch);
	*count = 0;
	if (changed)
		*changed = 0;
	/* one kind whose references are its own fields: each distinct
	 * reference is checked once (VB_W_REFS) instead of the database
	 * checking it on every row; possible only outside a transaction */
	int fk_off = e && ent_checks_own_refs(e) && sqlite3_get_autocommit(db_handle(db)) &&
		     db_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON", NULL) == 0;
	if (fk_off)
		im.refs = refs_new();
	int rc = db_begin(db, err);
	if (rc == 0)
		rc = import_tx(db, e, name, data, len, &im, err);
	if (rc == 0)
		rc = check_host(&im, err);
	if (rc == 0)
		rc = changes_log_flush(db, &im.log, err);
	if (rc == 0 && im.changed > 0) {
		/* the changes are logged already; the import's summary follows */
		sbuf after;
		sb_init(&after);
		sb_adds(&after, "{\"file\": ");
		json_quote(&after, name);
		sb_printf(&after, ", \"records\": %zu}", im.count);
		rc = db_audit(db, "import", e ? e->plural : "all", name, NULL, after.s, err);
		sb_free(&after);
	}
	if (rc == 0 && im.changed == 0) {
		/* nothing changed: nothing is written, not even a log entry */
		db_rollback(db);
	} else if (rc == 0) {
		rc = db_commit(db, err);
	} else {
		db_rollback(db);
	}
	if (fk_off)	/* outside a transaction this cannot fail */
		db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF", NULL);
	refs_free(im.refs);
	/* the line of the progress goes, whatever the outcome */
	vb_progress_report(progress, "import", 1, 1);
	if (rc == 0) {
		*count = im.count;
		if (changed)
			*changed = im.changed;
	}
	imp_free(&im);
	return rc;
}
