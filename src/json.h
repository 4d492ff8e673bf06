/* JSON (RFC 8259): a writer into a growing string and a strict parser
 * that keeps numbers as text, so no value passes through a double. */
#ifndef VB_JSON_H
#define VB_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "util.h"

/* ---- writer ---- */
#define JW_MAXDEPTH 32
typedef struct jw {
	sbuf *out;
	int depth;
	int count[JW_MAXDEPTH];		/* items written at each level */
	unsigned char compact[JW_MAXDEPTH];
	int after_key;
} jw;

void jw_init(jw *w, sbuf *out);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *k);
void jw_str(jw *w, const char *s);	/* NULL writes null */
void jw_int(jw *w, int64_t v);
void jw_raw(jw *w, const char *text);	/* a number already formatted */
void jw_null(jw *w);
void jw_bool(jw *w, int b);
/* Appends s as a JSON string literal. */
void json_quote(sbuf *out, const char *s);

/* ---- parser ---- */
typedef enum { JNULL, JBOOL, JNUM, JSTR, JARR, JOBJ } jtype;

typedef struct jval {
	jtype t;
	int b;
	char *s;		/* string value, or a number's text */
	size_t n;		/* items of an array or object */
	struct jval *items;
	char **keys;		/* object keys, parallel to items */
	long line;		/* line where the value starts */
	const char *raw;	/* a string's, number's, true's, false's or
				 * null's text in the document (valid while
				 * the document is) */
	size_t rawlen;
} jval;

/* Parses a whole document; name is used in messages. */
jval *json_parse(const char *name, const char *data, size_t len, vb_err *err);
/* The same, checked as strictly, but strings and numbers only by their
 * text (raw, rawlen; s is NULL): for a document whose values are copied
 * as written, without a copy of each. */
jval *json_parse_spans(const char *name, const char *data, size_t len, vb_err *err);
void json_free(jval *v);
/* Member of an object by key, or NULL. */
const jval *json_get(const jval *obj, const char *key);
const char *json_type_name(jtype t);	/* "null", "a string", "an array", … */

#endif
