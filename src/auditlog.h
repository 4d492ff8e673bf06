/* The audit log's batch entries and the log read one entry per changed
 * record.  An import that adds many records of one kind writes them as
 * batch entries: one row of table audit with `entries` set to their
 * number (2 or more), `code` and nothing else of the first record, and
 * in `after` a JSON array: first the names of the record's fields (the
 * keys of its JSON object), then per record the array of its values in
 * that order.  The virtual table vb_audit_entry shows every row of
 * audit, a batch row once per record: its object made of those names
 * and values as they were written (a single entry's object, byte for
 * byte), its code made from the values that identify the record, as a
 * single entry's was.  `log`, the TUI's Log and the tests read it:
 *
 *   time, user, action, entity, code, before, after, id, k
 *
 * id is the row of audit, k the record's place in a batch (0 for a
 * single entry); ORDER BY id, k (both ascending or both descending) and
 * bounds on id are used. */
#ifndef VB_AUDITLOG_H
#define VB_AUDITLOG_H

#include <sqlite3.h>
#include <stddef.h>
#include "db.h"
#include "err.h"

/* Records in one batch entry at most, and the length of its values
 * after which no record joins it: reading an entry of the log parses
 * its batch, which stays small. */
#define AUDIT_BATCH_MAX 1024
#define AUDIT_BATCH_BYTES 65536

/* Writes n added records of entity as one entry: a single entry (code,
 * after) when n is 1, else a batch entry of values ("[[…],[…]]"). */
int audit_batch(vb_db *db, const char *entity, size_t n, const char *code, const char *after,
		const char *values, vb_err *err);

/* Makes vb_audit_entry known to the connection: SQLITE_OK or an error. */
int audit_entries_register(sqlite3 *h);

#endif
