/* Import (CSV or JSON, all or nothing) and export of a federation. */
#ifndef VB_IMPEXP_H
#define VB_IMPEXP_H

#include <stddef.h>
#include "db.h"
#include "entity.h"
#include "util.h"

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
/* The whole federation as JSON (round-trips through import_data). */
int export_json(vb_db *db, sbuf *out, vb_err *err);
/* One entity as the JSON array that import reads back. */
int export_kind_json(vb_db *db, const vb_entity *e, sbuf *out, vb_err *err);
/* One entity as a table (CSV columns). */
out_table *export_table(vb_db *db, const vb_entity *e, vb_err *err);
/* Embedded demo federation by name, or NULL. */
const char *demo_data(const char *name);
extern const char *const demo_names[];

#endif
