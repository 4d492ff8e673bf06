/* Import (CSV or JSON, all or nothing) and export of a federation. */
#ifndef VB_IMPEXP_H
#define VB_IMPEXP_H

#include <stddef.h>
#include <stdio.h>
#include "db.h"
#include "entity.h"
#include "progress.h"
#include "util.h"

/* Where an export goes while it is written: the text collects in the
 * caller's buffer and is passed on to f (when not NULL) whenever it
 * passes 64 KiB, so that an export is never held whole; the records
 * written are reported to progress ("export", done of total). */
typedef struct export_sink {
	FILE *f;
	int bad;		/* a write to f failed */
	const vb_progress *progress;
	uint64_t done, total;
} export_sink;
/* Records an export of e (NULL: the whole federation) will write. */
int64_t export_count(vb_db *db, const vb_entity *e, vb_err *err);

/* Imports records of one entity (CSV or the JSON that export writes),
 * or, with e == NULL, a whole federation (JSON).  One transaction: an
 * audit entry per changed record and one for the import; nothing is
 * written on error, nor when nothing changes.  *count: the records
 * read.  name is used in messages. */
int import_data(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
		size_t *count, vb_err *err);
/* import_data with flags: IMPORT_NEW_METRICS accepts figures of metrics
 * that no key reads (import_data, and import_data_flags without it,
 * refuse them; a whole federation's figures bring their metrics).
 * *changed (changed may be NULL): how many records changed; 0 when the
 * import wrote nothing. */
#define IMPORT_NEW_METRICS 1u
int import_data_flags(vb_db *db, const vb_entity *e, const char *name, const char *data, size_t len,
		      unsigned flags, size_t *count, size_t *changed, vb_err *err);
/* import_data_flags reporting to progress ("import", records done of
 * the records the file holds; may be NULL). */
int import_data_progress(vb_db *db, const vb_entity *e, const char *name, const char *data,
			 size_t len, unsigned flags, const vb_progress *progress, size_t *count,
			 size_t *changed, vb_err *err);
/* The whole federation as JSON (round-trips through import_data). */
int export_json(vb_db *db, sbuf *out, export_sink *sink, vb_err *err);
/* One entity as the JSON array that import reads back. */
int export_kind_json(vb_db *db, const vb_entity *e, sbuf *out, export_sink *sink, vb_err *err);
/* One entity's records as rows of t, a table without columns (streamed
 * or kept): the CSV columns, then a row per record. */
int export_rows(vb_db *db, const vb_entity *e, out_table *t, export_sink *sink, vb_err *err);
/* One entity as a table (CSV columns). */
out_table *export_table(vb_db *db, const vb_entity *e, vb_err *err);
/* Embedded demo federation by name, or NULL. */
const char *demo_data(const char *name);
extern const char *const demo_names[];

#endif
