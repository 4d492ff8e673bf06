/* Records of the federation described by tables of fields.  One
 * description per entity drives the command-line options, CSV and JSON
 * import and export, the audit log's before/after, validation, the SQL
 * and the TUI's forms. */
#ifndef VB_ENTITY_H
#define VB_ENTITY_H

#include <stdint.h>
#include "db.h"
#include "err.h"
#include "json.h"
#include "out.h"
#include "util.h"

enum ftype {
	FT_CODE,	/* [a-z0-9_-]{1,32} */
	FT_TEXT,	/* one line, no control characters */
	FT_NOTES,	/* may hold line breaks and tabs */
	FT_CHOICE,	/* one of choices[] */
	FT_DATE,	/* YYYY-MM-DD (D.M.YYYY accepted) */
	FT_CENTS,	/* amount in EUR, stored in cents */
	FT_DEC4,	/* non-negative decimal, 4 places */
	FT_INT,		/* integer in [min, max] */
	FT_BOOL,
	FT_REF,		/* code of another record (ref names the entity) */
	FT_LIST,	/* comma-separated codes (key excludes, parties) */
	FT_PARTS	/* comma-separated code=number (key parts) */
};

enum fflag {
	FF_KEY = 1,	/* part of the identity */
	FF_REQ = 2,	/* required (not empty) */
	FF_AUTO = 4,	/* assigned by the program (transfer id) */
	FF_NOCSV = 8,	/* not a CSV column */
	FF_FLAG = 16	/* command-line option without argument (sets true) */
};

typedef struct vb_field {
	const char *name;	/* CSV column, JSON key, option name */
	const char *col;	/* SQL column (quoted where needed) */
	int type;
	unsigned flags;
	const char *const *choices;	/* FT_CHOICE, NULL-terminated */
	const char *def;		/* default on add (text form) */
	const char *ref;		/* FT_REF/FT_LIST: entity referred to */
	int64_t min, max;		/* FT_INT bounds; FT_TEXT max characters */
	const char *help;		/* one line for --help and forms */
	const char *opt;		/* command-line option if not --name */
} vb_field;

typedef struct vb_val {
	int null;
	int64_t i;	/* CENTS, DEC4, INT, BOOL */
	char *s;	/* CODE, TEXT, NOTES, CHOICE, DATE, REF, LIST, PARTS */
} vb_val;

#define VB_MAXF 16
/* Index of a record's first field (its code, or the first part of its
 * identity), for code that works on records of any entity; code that
 * knows the entity uses the names of src/fields.h (MB_CODE, FG_YEAR, …). */
#define REC_FIRST 0

typedef struct vb_rec {
	const struct vb_entity *ent;
	vb_val v[VB_MAXF];
	unsigned char set[VB_MAXF];	/* given by the user (options, columns) */
} vb_rec;

/* What a write did to one record.  A command's changes come as a list
 * in the order they were made, the record the command named last (its
 * side effects and cascades before it), so that undoing them in reverse
 * order never breaks a reference or the one-host rule. */
enum change_action { CH_ADD, CH_SET, CH_REMOVE };

typedef struct vb_change {
	int action;
	vb_rec before;	/* CH_SET, CH_REMOVE */
	vb_rec after;	/* CH_ADD, CH_SET */
} vb_change;

typedef struct vb_changes {
	vb_change *c;
	size_t n, cap;
} vb_changes;

typedef struct vb_referrer {
	const char *table, *col, *label;
} vb_referrer;

typedef struct vb_entity {
	const char *name;	/* "member" */
	const char *plural;	/* "members": import/export kind */
	const char *table;	/* SQL table */
	const vb_field *fields;
	int nfields;
	/* cross-field validation and normalisation, no writes; old is NULL
	 * for a new record, flags those of the write (VB_W_…) */
	int (*validate)(vb_db *db, vb_rec *rec, const vb_rec *old, unsigned flags, vb_err *err);
	/* writes that must come before the row (moving the host role away
	 * from another member), each recorded in ch */
	int (*before_write)(vb_db *db, const vb_rec *rec, const vb_rec *old, vb_changes *ch,
			    vb_err *err);
	/* writes the rows of list fields after the row (key parts, agreement
	 * parties); records in ch what goes with them (signatures of a
	 * party no longer listed) */
	int (*write_lists)(vb_db *db, const vb_rec *rec, const vb_rec *old, vb_changes *ch,
			   vb_err *err);
	/* fills derived fields (key parts) after loading */
	int (*load_extra)(vb_db *db, vb_rec *rec, vb_err *err);
	/* before removal (refuse the host, …) */
	int (*before_remove)(vb_db *db, const vb_rec *old, vb_err *err);
	/* the entities whose records the database removes with a record of
	 * this one (ON DELETE CASCADE): those whose leading key fields equal
	 * its key fields; deepest first, NULL-terminated */
	const struct vb_entity *const *cascade;
	const vb_referrer *refs;	/* who refers to this entity */
	/* the hint when a removal is refused because others refer to the
	 * record (NULL: "remove or change those first") */
	const char *referred_hint;
	/* the JSON names of a FT_PARTS entry's code and number for this
	 * record (NULL: "member" and "percent") */
	void (*parts_names)(const vb_rec *r, const char **code, const char **num);
} vb_entity;

enum write_mode { W_ADD, W_SET, W_UPSERT };

/* Flags of a write or removal, passed as sqlite3_open_v2 takes its. */
enum write_flags {
	/* one record of an import: the import itself checks the one-host
	 * rule at its end (the file may name the new host after the old
	 * one is marked false) */
	VB_W_IMPORT = 1,
	/* inside a transaction whose caller gives up as a whole on any
	 * error: no savepoint of its own */
	VB_W_BULK = 2,
	/* no audit entries: the caller logs the changes (changes_log) */
	VB_W_NOLOG = 4,
	/* write only when the stored record still equals vb_write.expected
	 * (read before an edit; NULL: it must not exist yet); otherwise
	 * status VB_ECONFLICT and nothing is written, so that another
	 * program's change is never overwritten unseen */
	VB_W_EXPECT = 8,
	/* the caller turned the database's foreign keys off for its
	 * transaction (an import of one kind): the record's references are
	 * checked here before it is written, each one once (vb_write.refs
	 * remembers those that exist) */
	VB_W_REFS = 16,
};

/* References known to exist, for VB_W_REFS (refs_new, refs_free). */
typedef struct vb_refs vb_refs;
vb_refs *refs_new(void);
void refs_free(vb_refs *refs);
/* 1 when the writes of e can check their own references (VB_W_REFS):
 * its record is one row whose references are its FT_REF fields. */
int ent_checks_own_refs(const vb_entity *e);

typedef struct vb_write {
	int mode;		/* W_ADD, W_SET, W_UPSERT */
	unsigned flags;		/* VB_W_… */
	const vb_rec *expected;	/* with VB_W_EXPECT */
	vb_refs *refs;		/* with VB_W_REFS */
} vb_write;

extern const vb_entity ent_member, ent_figure, ent_key, ent_service, ent_cost,
	ent_subscription, ent_grant, ent_transfer, ent_agreement, ent_version,
	ent_signature;
/* All entities in dependency order (import order); NULL-terminated. */
extern const vb_entity *const vb_entities[];
const vb_entity *ent_by_name(const char *name);	/* name or plural */

int ent_field(const vb_entity *e, const char *name);	/* index or -1 */
int ent_auto_field(const vb_entity *e);	/* the FF_AUTO field or -1 */

/* A field kept in tables of its own (lists), not in a column. */
static inline int
field_is_virtual(const vb_field *f)
{
	return f->type == FT_LIST || f->type == FT_PARTS;
}

/* A field whose value is text (vb_val.s), not a number (vb_val.i). */
static inline int
field_is_text(const vb_field *f)
{
	return f->type == FT_CODE || f->type == FT_TEXT || f->type == FT_NOTES ||
	       f->type == FT_CHOICE || f->type == FT_DATE || f->type == FT_REF ||
	       f->type == FT_LIST || f->type == FT_PARTS;
}

void rec_init(vb_rec *r, const vb_entity *e);
void rec_free(vb_rec *r);
void rec_copy(vb_rec *dst, const vb_rec *src);
void val_set_text(vb_val *v, const char *s);	/* NULL clears */
void val_set_int(vb_val *v, int64_t i);
/* Text form of a value for messages and forms ("" for null). */
char *val_format(const vb_field *f, const vb_val *v);
/* The same appended to b (nothing for null). */
void val_append(sbuf *b, const vb_field *f, const vb_val *v);

/* A list value parsed into typed items: the codes of FT_LIST ("a,b"),
 * or the code=number pairs of FT_PARTS ("a=50,b=12.5", numbers in
 * ten-thousandths).  The items point into buf. */
typedef struct vb_item {
	const char *code;
	int64_t num;		/* FT_PARTS only */
} vb_item;
typedef struct vb_list {
	size_t n;
	vb_item *item;
	char *buf;
} vb_list;
/* Parses and checks a list (parts: code=number pairs): every code valid,
 * none twice, every number a percentage with at most 4 decimals, at
 * least one item.  0, or -1 with err naming the item; free with
 * vlist_free either way. */
int vlist_parse(const char *text, int parts, vb_list *out, vb_err *err);
void vlist_free(vb_list *l);

/* Parses text into rec's field i and marks it set; an empty text clears.
 * On error, err says why, naming the value. comma_lists: FT_PARTS
 * numbers use '.' only. */
int rec_parse(vb_rec *r, int i, const char *text, vb_err *err);
/* The same from a JSON value (amounts as name_cents integers). */
int rec_parse_json(vb_rec *r, int i, const jval *v, vb_err *err);

/* Loads the record with the key fields of key (1 found, 0 not, -1). */
int ent_load(vb_db *db, const vb_entity *e, const vb_rec *key, vb_rec *out, vb_err *err);
/* Validates and writes rec in one transaction, with one audit entry
 * per record changed (unless VB_W_NOLOG).  Every change, side effects
 * included, is appended to ch (may be NULL); a record written again
 * unchanged is no change and not written.  On success rec holds the
 * record as stored. */
int ent_write(vb_db *db, vb_rec *rec, const vb_write *how, vb_changes *ch, vb_err *err);
/* 1 when both records hold the same values. */
int rec_equal(const vb_rec *a, const vb_rec *b);
/* Removes the record with rec's key, refusing when others refer to it;
 * what the database removes with it is in ch, before the record. */
int ent_remove(vb_db *db, const vb_rec *key, unsigned flags, vb_changes *ch, vb_err *err);
/* Undoes done (the changes of one command) in one transaction: each
 * record back as it was, in reverse order, without the rules of a new
 * write (they held when the changes were made).  Refused (VB_ECONFLICT)
 * when another program changed one of the records since.  The undo's
 * own changes are appended to ch (may be NULL) and logged. */
int ent_revert(vb_db *db, const vb_changes *done, vb_changes *ch, vb_err *err);
/* Writes a record as given, without rules: before NULL inserts after,
 * after NULL removes before (with its cascade), else updates; the change
 * goes to ch.  For side effects of a write (the previous host). */
int ent_put(vb_db *db, const vb_rec *before, const vb_rec *after, vb_changes *ch, vb_err *err);

void changes_init(vb_changes *ch);
void changes_free(vb_changes *ch);
/* Appends a change; the records are copied (before or after may be NULL). */
void changes_push(vb_changes *ch, int action, const vb_rec *before, const vb_rec *after);
/* Moves every change of src to the end of dst (src ends empty). */
void changes_move(vb_changes *dst, vb_changes *src);
/* The record a change is about: after, or before for a removal. */
const vb_rec *change_rec(const vb_change *c);
/* Writes the audit entries of ch's changes from index `from` on. */
int changes_log(vb_db *db, const vb_changes *ch, size_t from, vb_err *err);
/* The same with buffers kept from one call to the next (an import logs
 * a record at a time); free them with changes_logbuf_free.  With batch
 * set, the entries wait until DB_AUDIT_ROWS of them are written with
 * one statement, and added records of one entity without lists in a
 * row become batch entries of up to AUDIT_BATCH_MAX records;
 * changes_log_flush writes those still waiting (before anything else
 * is logged). */
typedef struct vb_logbuf {
	sbuf before, after, ident;
	int batch;
	sbuf text;		/* the waiting entries' texts, each ending in NUL */
	size_t n;
	struct vb_logpend {
		const char *action, *entity;
		size_t code, before, after;	/* offsets in text + 1; 0: NULL */
	} pend[DB_AUDIT_ROWS];
	/* a run of added records of one entity without lists, waiting to
	 * be written as one batch entry (src/auditlog.h) */
	const vb_entity *run_ent;
	size_t run_n;
	sbuf run;		/* "[", the keys, then each record's values */
	sbuf run_code, run_after;	/* the first record's code and object */
} vb_logbuf;
int changes_log_buf(vb_db *db, const vb_changes *ch, size_t from, vb_logbuf *lb, vb_err *err);
int changes_log_flush(vb_db *db, vb_logbuf *lb, vb_err *err);
void changes_logbuf_free(vb_logbuf *lb);

/* Records matching the filter (fields of filter that are set), in key
 * order. */
int ent_fetch(vb_db *db, const vb_entity *e, const vb_rec *filter, vb_rec **out,
	      size_t *n, vb_err *err);
/* Number of records of e; -1 with err. */
int64_t ent_count(vb_db *db, const vb_entity *e, vb_err *err);
/* The same records one at a time: each gets a record that is reused for
 * the next one (copy what must stay); its -1 stops the walk (-1). */
int ent_each(vb_db *db, const vb_entity *e, const vb_rec *filter,
	     int (*each)(void *arg, vb_rec *rec, vb_err *err), void *arg, vb_err *err);
void recs_free(vb_rec *recs, size_t n);

/* The JSON object of a record (audit, export); fields whose bit is set
 * in skip are left out. */
void rec_json(const vb_rec *r, jw *w);
void rec_json_skip(const vb_rec *r, jw *w, unsigned skip);
char *rec_json_string(const vb_rec *r);
/* The same (compact, one line) appended to b. */
void rec_json_to(const vb_rec *r, sbuf *b);
/* Whether e's records have no lists: their JSON is one literal per
 * field, and rec_json_values_to writes just those literals, in field
 * order, as an array (a batch of the audit log, src/auditlog.c). */
int rec_json_flat_ent(const vb_entity *e);
void rec_json_values_to(const vb_rec *r, sbuf *b);
/* The keys of that object, in field order, as an array. */
void rec_json_keys_to(const vb_entity *e, sbuf *b);
/* A table with one column per CSV field (and the auto id when with_auto). */
out_table *recs_table(const vb_entity *e, const vb_rec *recs, size_t n, int with_auto);
/* The same a record at a time: the columns, then one row per record. */
void recs_table_cols(const vb_entity *e, out_table *t, int with_auto);
void recs_table_row(out_table *t, const vb_rec *r, int with_auto);

/* Text identity "a/b/c" of a record for messages and the audit log. */
char *rec_ident(const vb_rec *r);
/* The same appended to b. */
void rec_ident_to(const vb_rec *r, sbuf *b);

#include "fields.h"

#endif
