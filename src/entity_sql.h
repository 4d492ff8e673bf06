/* The SQL of an entity, built once per connection from its field table
 * (internal to the files that read and write records). */
#ifndef VB_ENTITY_SQL_H
#define VB_ENTITY_SQL_H

#include "entity.h"

typedef struct ent_sql {
	char *select, *by_key, *insert, *update, *del, *exists, *count;
	char *insert_new;	/* insert, doing nothing when the identity is stored */
	char *cols, *order;	/* the parts of the filtered selects */
	struct ent_filter_sql {
		unsigned mask;	/* the fields compared, bit per field */
		char *sql;
	} *filters;
	int nfilters;
} ent_sql;

/* The statements of e for this connection (built on first use). */
const ent_sql *ent_sql_of(vb_db *db, const vb_entity *e);
/* The select comparing exactly the fields whose bit is set in mask. */
const char *ent_filter_sql(vb_db *db, const vb_entity *e, unsigned mask);

void ent_bind_val(sqlite3_stmt *st, int pos, const vb_field *f, const vb_val *v);
/* Binds every stored field at its column position. */
void ent_bind_all(sqlite3_stmt *st, const vb_rec *r);
/* Reads a row into r, every value validated like input: -1 with err
 * (VB_EDB, naming table, record and column) for one that is not. */
int ent_read_row(sqlite3_stmt *st, vb_rec *r, vb_err *err);

#endif
