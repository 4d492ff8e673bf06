/* JSON (RFC 8259): the writer and the strict parser. */
#include "config.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---------------------------------------------------------------- writer */

#define PUT_LIT(b, lit) sb_putn((b), (lit), sizeof(lit) - 1)

void
jw_init(jw *w, sbuf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

static void
indent(jw *w)
{
	sb_putc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		PUT_LIT(w->out, "  ");
}

/* Separator and line layout before a value or key at the current level. */
static void
before_item(jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->count[w->depth]++ > 0)
		sb_putc(w->out, ',');
	if (w->compact[w->depth]) {
		if (w->count[w->depth] > 1)
			sb_putc(w->out, ' ');
	} else {
		indent(w);
	}
}

static void
open_container(jw *w, char c)
{
	/* compact[0] set by the caller makes the whole document one line */
	int parent_compact = w->compact[w->depth];
	/* records inside an array go on one line each */
	int elem_of_array = w->depth > 0 && !w->after_key;
	before_item(w);
	sb_putc(w->out, c);
	if (w->depth + 1 < JW_MAXDEPTH)
		w->depth++;
	w->count[w->depth] = 0;
	w->compact[w->depth] = (unsigned char)(parent_compact || (elem_of_array && c == '{'));
}

static void
close_container(jw *w, char c)
{
	int had = w->count[w->depth] > 0, compact = w->compact[w->depth];
	w->depth--;
	if (had && !compact)
		indent(w);
	sb_putc(w->out, c);
	if (w->depth == 0)
		sb_putc(w->out, '\n');
}

void jw_obj(jw *w) { open_container(w, '{'); }
void jw_obj_end(jw *w) { close_container(w, '}'); }
void jw_arr(jw *w) { open_container(w, '['); }
void jw_arr_end(jw *w) { close_container(w, ']'); }

void
jw_key(jw *w, const char *k)
{
	before_item(w);
	json_quote(w->out, k);
	PUT_LIT(w->out, ": ");
	w->after_key = 1;
}

/* The bytes that end a run copied as is: NUL, '"', '\\', controls,
 * DEL and the first bytes of C1 and bidirectional controls. */
static const unsigned char quote_stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
	['"'] = 1, ['\\'] = 1, [0x7f] = 1, [0xc2] = 1, [0xe2] = 1,
};

void
json_quote(sbuf *out, const char *s)
{
	sb_putc(out, '"');
	for (; *s; s++) {
		/* copy the run of characters that need no escape in one go */
		size_t run = 0;
		while (!quote_stop[(unsigned char)s[run]])
			run++;
		if (run) {
			sb_putn(out, s, run);
			s += run - 1;
			continue;
		}
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': sb_adds(out, "\\\""); break;
		case '\\': sb_adds(out, "\\\\"); break;
		case '\n': sb_adds(out, "\\n"); break;
		case '\r': sb_adds(out, "\\r"); break;
		case '\t': sb_adds(out, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				sb_printf(out, "\\u%04x", c);
			} else {
				/* C1 and bidirectional controls escaped: the text
				 * stays the same, a terminal shows it harmlessly */
				uint32_t cp;
				int l = utf8_decode((const unsigned char *)s, strnlen(s, 4), &cp);
				if (l > 1 && (utf8_is_control(cp) || utf8_is_bidi(cp))) {
					sb_printf(out, "\\u%04x", (unsigned)cp);
					s += l - 1;
				} else {
					sb_addc(out, (char)c);
				}
			}
		}
	}
	sb_putc(out, '"');
}

void
jw_str(jw *w, const char *s)
{
	before_item(w);
	if (s)
		json_quote(w->out, s);
	else
		PUT_LIT(w->out, "null");
}

void
jw_int(jw *w, int64_t v)
{
	before_item(w);
	sb_puti(w->out, v);
}

void
jw_raw(jw *w, const char *text)
{
	before_item(w);
	sb_adds(w->out, text);
}

void
jw_null(jw *w)
{
	before_item(w);
	PUT_LIT(w->out, "null");
}

void
jw_bool(jw *w, int b)
{
	before_item(w);
	if (b)
		PUT_LIT(w->out, "true");
	else
		PUT_LIT(w->out, "false");
}

/* ---------------------------------------------------------------- parser */

#define JP_MAXDEPTH 64

typedef struct jp {
	const char *name, *p, *end;
	long line;
	vb_err *err;
	int spans;	/* strings and numbers by their text only (raw) */
} jp;

static int
jp_fail(jp *j, const char *why)
{
	return err_set(j->err, VB_EFAIL, "%s:%ld: %s", j->name, j->line, why);
}

static void
skip_ws(jp *j)
{
	while (j->p < j->end) {
		char c = *j->p;
		if (c == '\n')
			j->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			break;
		j->p++;
	}
}

static int parse_value(jp *j, jval *v, int depth);

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void
put_utf8(sbuf *b, unsigned cp)
{
	if (cp < 0x80) {
		sb_addc(b, (char)cp);
	} else if (cp < 0x800) {
		sb_addc(b, (char)(0xC0 | (cp >> 6)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		sb_addc(b, (char)(0xE0 | (cp >> 12)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		sb_addc(b, (char)(0xF0 | (cp >> 18)));
		sb_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		sb_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		sb_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

static int
parse_escape(jp *j, sbuf *b)
{
	if (j->p >= j->end)
		return jp_fail(j, _("unterminated string"));
	char c = *j->p++;
	unsigned cp, lo;
	switch (c) {
	case '"': sb_addc(b, '"'); return 0;
	case '\\': sb_addc(b, '\\'); return 0;
	case '/': sb_addc(b, '/'); return 0;
	case 'b': sb_addc(b, '\b'); return 0;
	case 'f': sb_addc(b, '\f'); return 0;
	case 'n': sb_addc(b, '\n'); return 0;
	case 'r': sb_addc(b, '\r'); return 0;
	case 't': sb_addc(b, '\t'); return 0;
	case 'u':
		if (j->end - j->p < 4 || hex4(j->p, &cp) < 0)
			return jp_fail(j, _("bad \\u escape"));
		j->p += 4;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return jp_fail(j, _("lone low surrogate in \\u escape"));
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
			    hex4(j->p + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
				return jp_fail(j, _("lone high surrogate in \\u escape"));
			j->p += 6;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		}
		if (cp == 0)
			return jp_fail(j, _("NUL character in a string"));
		put_utf8(b, cp);
		return 0;
	default:
		return jp_fail(j, _("bad escape in a string"));
	}
}

/* A string; its value to *out, or only checked when out is NULL. */
static int
parse_string(jp *j, char **out)
{
	sbuf b;
	sb_init(&b);
	j->p++;	/* opening quote */
	for (;;) {
		if (j->p >= j->end) {
			sb_free(&b);
			return jp_fail(j, _("unterminated string"));
		}
		unsigned char c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			break;
		}
		if (c < 0x20) {
			sb_free(&b);
			return jp_fail(j, _("control character in a string (escape it)"));
		}
		if (c == '\\') {
			j->p++;
			if (parse_escape(j, &b) < 0) {
				sb_free(&b);
				return -1;
			}
			if (!out)
				sb_reset(&b);
			continue;
		}
		/* the run of plain characters in one go */
		const char *run = j->p;
		while (j->p < j->end && *j->p != '"' && *j->p != '\\' && (unsigned char)*j->p >= 0x20)
			j->p++;
		if (out)
			sb_putn(&b, run, (size_t)(j->p - run));
	}
	if (out)
		*out = sb_take(&b);
	else
		sb_free(&b);
	return 0;
}

static int
parse_number(jp *j, jval *v)
{
	const char *s = j->p, *p = j->p;
	if (p < j->end && *p == '-')
		p++;
	if (p >= j->end || *p < '0' || *p > '9')
		return jp_fail(j, _("invalid number"));
	if (*p == '0')
		p++;
	else
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	if (p < j->end && *p == '.') {
		p++;
		if (p >= j->end || *p < '0' || *p > '9')
			return jp_fail(j, _("invalid number"));
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= j->end || *p < '0' || *p > '9')
			return jp_fail(j, _("invalid number"));
		while (p < j->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p - s > 64)
		return jp_fail(j, _("number too long"));
	v->t = JNUM;
	v->s = j->spans ? NULL : xstrndup(s, (size_t)(p - s));
	j->p = p;
	return 0;
}

static int
parse_literal(jp *j, jval *v)
{
	static const struct { const char *w; jtype t; int b; } lits[] = {
		{"null", JNULL, 0}, {"true", JBOOL, 1}, {"false", JBOOL, 0},
	};
	for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++) {
		size_t n = strlen(lits[i].w);
		if ((size_t)(j->end - j->p) >= n && memcmp(j->p, lits[i].w, n) == 0) {
			v->t = lits[i].t;
			v->b = lits[i].b;
			j->p += n;
			return 0;
		}
	}
	return jp_fail(j, _("unexpected character"));
}

static void
push_item(jval *v, size_t *cap, char *key)
{
	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		v->items = xrealloc(v->items, *cap * sizeof *v->items);
		if (v->t == JOBJ)
			v->keys = xrealloc(v->keys, *cap * sizeof *v->keys);
	}
	memset(&v->items[v->n], 0, sizeof v->items[v->n]);
	if (v->t == JOBJ)
		v->keys[v->n] = key;
	v->n++;
}

static int
parse_container(jp *j, jval *v, int depth)
{
	int obj = *j->p == '{';
	char close = obj ? '}' : ']';
	size_t cap = 0;
	v->t = obj ? JOBJ : JARR;
	j->p++;
	skip_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		skip_ws(j);
		if (obj) {
			if (j->p >= j->end || *j->p != '"')
				return jp_fail(j, _("expected a key in quotes"));
			if (parse_string(j, &key) < 0)
				return -1;
			/* verbund's objects have a few dozen keys; the cap also
			 * bounds the quadratic duplicate check below */
			if (v->n >= 256) {
				free(key);
				return jp_fail(j, _("object with too many keys"));
			}
			for (size_t i = 0; i < v->n; i++)
				if (strcmp(v->keys[i], key) == 0) {
					free(key);
					return jp_fail(j, _("duplicate key in an object"));
				}
			skip_ws(j);
			if (j->p >= j->end || *j->p != ':') {
				free(key);
				return jp_fail(j, _("expected ':' after a key"));
			}
			j->p++;
		}
		push_item(v, &cap, key);
		if (parse_value(j, &v->items[v->n - 1], depth + 1) < 0)
			return -1;
		skip_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		return jp_fail(j, obj ? _("expected ',' or '}'") : _("expected ',' or ']'"));
	}
}

static int
parse_value(jp *j, jval *v, int depth)
{
	skip_ws(j);
	v->line = j->line;
	if (j->p >= j->end)
		return jp_fail(j, _("unexpected end of the document"));
	char c = *j->p;
	/* depth counts the arrays and objects around this value: at most
	 * JP_MAXDEPTH of them may nest, whatever their innermost value is */
	if ((c == '{' || c == '[') && depth >= JP_MAXDEPTH)
		return jp_fail(j, _("nested too deeply"));
	if (c == '{' || c == '[')
		return parse_container(j, v, depth);
	const char *start = j->p;
	int rc;
	if (c == '"') {
		v->t = JSTR;
		rc = parse_string(j, j->spans ? NULL : &v->s);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		rc = parse_number(j, v);
	} else {
		rc = parse_literal(j, v);
	}
	v->raw = start;
	v->rawlen = (size_t)(j->p - start);
	return rc;
}

static jval *
parse_doc(const char *name, const char *data, size_t len, int spans, vb_err *err)
{
	jp j = {name, data, data + len, 1, err, spans};
	if (memchr(data, '\0', len)) {
		const char *nul = memchr(data, '\0', len);
		j.p = data;
		for (const char *q = data; q < nul; q++)
			j.line += *q == '\n';
		jp_fail(&j, _("NUL byte in the file"));
		return NULL;
	}
	size_t ok = utf8_valid_prefix(data, len);
	if (ok < len) {
		for (const char *q = data; q < data + ok; q++)
			j.line += *q == '\n';
		jp_fail(&j, _("invalid UTF-8"));
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		j.p += 3;
	jval *v = xcalloc(1, sizeof *v);
	if (parse_value(&j, v, 0) < 0) {
		json_free(v);
		return NULL;
	}
	skip_ws(&j);
	if (j.p < j.end) {
		jp_fail(&j, _("unexpected data after the document"));
		json_free(v);
		return NULL;
	}
	return v;
}

jval *
json_parse(const char *name, const char *data, size_t len, vb_err *err)
{
	return parse_doc(name, data, len, 0, err);
}

jval *
json_parse_spans(const char *name, const char *data, size_t len, vb_err *err)
{
	return parse_doc(name, data, len, 1, err);
}

static void
free_inner(jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_inner(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
}

void
json_free(jval *v)
{
	if (!v)
		return;
	free_inner(v);
	free(v);
}

const jval *
json_get(const jval *obj, const char *key)
{
	if (!obj || obj->t != JOBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->items[i];
	return NULL;
}

const char *
json_type_name(jtype t)
{
	/* with the article each takes: "an array", "an object" */
	static const char *const names[] = {"null", "a boolean", "a number", "a string", "an array", "an object"};
	return names[t];
}
