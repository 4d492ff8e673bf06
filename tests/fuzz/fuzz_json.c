/* Fuzz harness: the JSON parser (src/json.c).
 *
 * When a document parses: strings are valid UTF-8 without NUL, keys of
 * an object are unique and json_get finds each, and the document
 * written again (json_quote for strings, numbers as their text) parses
 * to the same tree. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "util.h"

static void
write_val(sbuf *b, const jval *v)
{
	switch (v->t) {
	case JNULL: sb_adds(b, "null"); break;
	case JBOOL: sb_adds(b, v->b ? "true" : "false"); break;
	case JNUM: sb_adds(b, v->s); break;
	case JSTR: json_quote(b, v->s); break;
	case JARR:
	case JOBJ:
		sb_addc(b, v->t == JARR ? '[' : '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				sb_adds(b, ",\n");
			if (v->t == JOBJ) {
				json_quote(b, v->keys[i]);
				sb_addc(b, ':');
			}
			write_val(b, &v->items[i]);
		}
		sb_addc(b, v->t == JARR ? ']' : '}');
		break;
	}
}

static void
check_val(const jval *v)
{
	if (v->t == JSTR || v->t == JNUM) {
		FUZZ_ASSERT(v->s != NULL);
		FUZZ_ASSERT(utf8_valid_prefix(v->s, strlen(v->s)) == strlen(v->s));
	}
	if (v->t == JOBJ)
		for (size_t i = 0; i < v->n; i++) {
			FUZZ_ASSERT(utf8_valid_prefix(v->keys[i], strlen(v->keys[i])) == strlen(v->keys[i]));
			FUZZ_ASSERT(json_get(v, v->keys[i]) == &v->items[i]);
		}
	if (v->t == JARR || v->t == JOBJ)
		for (size_t i = 0; i < v->n; i++) {
			FUZZ_ASSERT(v->items[i].line >= v->line);
			check_val(&v->items[i]);
		}
}

static int
same(const jval *a, const jval *b)
{
	if (a->t != b->t || a->n != b->n)
		return 0;
	switch (a->t) {
	case JNULL: return 1;
	case JBOOL: return a->b == b->b;
	case JNUM:
	case JSTR: return strcmp(a->s, b->s) == 0;
	default:
		for (size_t i = 0; i < a->n; i++) {
			if (a->t == JOBJ && strcmp(a->keys[i], b->keys[i]) != 0)
				return 0;
			if (!same(&a->items[i], &b->items[i]))
				return 0;
		}
		return 1;
	}
}

FUZZ_ENTRY(json)
{
	static int init;
	if (!init) {
		fuzz_quiet();
		init = 1;
	}
	char *copy = xmalloc(size ? size : 1);
	if (size)
		memcpy(copy, data, size);
	vb_err err;
	err_clear(&err);
	jval *v = json_parse("fuzz.json", copy, size, &err);
	if (!v) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		FUZZ_ASSERT(err.status == VB_EFAIL);
	} else {
		check_val(v);
		sbuf b;
		sb_init(&b);
		write_val(&b, v);
		jval *w = json_parse("again.json", b.s, b.len, &err);
		if (!w)
			fprintf(stderr, "re-parse failed: %s\n", err.msg);
		FUZZ_ASSERT(w != NULL);
		FUZZ_ASSERT(same(v, w));
		json_free(w);
		sb_free(&b);
		json_free(v);
	}
	free(copy);
	return 0;
}
