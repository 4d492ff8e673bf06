/* The values of records: creating, copying and comparing records, and
 * parsing text (command line, CSV, forms) and JSON into typed field
 * values, with messages that name the value.  No SQL here. */
#include "config.h"
#include "entity.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "basis.h"
#include "date.h"
#include "i18n.h"
#include "num.h"

#define TEXT_MAX 200
#define NOTES_MAX 4000

int
ent_field(const vb_entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

const vb_entity *
ent_by_name(const char *name)
{
	for (int i = 0; vb_entities[i]; i++)
		if (strcmp(vb_entities[i]->name, name) == 0 || strcmp(vb_entities[i]->plural, name) == 0)
			return vb_entities[i];
	return NULL;
}

void
rec_init(vb_rec *r, const vb_entity *e)
{
	memset(r, 0, sizeof *r);
	r->ent = e;
	for (int i = 0; i < VB_MAXF; i++)
		r->v[i].null = 1;
}

/* The values a record of its entity has (all, before it has one). */
static int
rec_nvals(const vb_rec *r)
{
	return r->ent && r->ent->nfields <= VB_MAXF ? r->ent->nfields : VB_MAXF;
}

void
rec_free(vb_rec *r)
{
	for (int i = 0, n = rec_nvals(r); i < n; i++)
		if (r->v[i].s) {
			free(r->v[i].s);
			r->v[i].s = NULL;
		}
}

void
val_set_text(vb_val *v, const char *s)
{
	free(v->s);
	v->s = s ? xstrdup(s) : NULL;
	v->null = s == NULL;
	v->i = 0;
}

void
val_set_int(vb_val *v, int64_t i)
{
	free(v->s);
	v->s = NULL;
	v->i = i;
	v->null = 0;
}

void
rec_copy(vb_rec *dst, const vb_rec *src)
{
	rec_init(dst, src->ent);
	for (int i = 0, n = rec_nvals(src); i < n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].s = src->v[i].s ? xstrdup(src->v[i].s) : NULL;
		dst->set[i] = src->set[i];
	}
}

void
val_append(sbuf *b, const vb_field *f, const vb_val *v)
{
	char buf[VB_NUM_BUFSZ];
	if (v->null)
		return;
	switch (f->type) {
	case FT_CENTS:
		sb_adds(b, num_format_cents(v->i, buf, ".", NULL));
		break;
	case FT_DEC4:
		sb_adds(b, num_format_dec4(v->i, buf, "."));
		break;
	case FT_INT:
		/* an import names every record it logs */
		sb_puti(b, v->i);
		break;
	case FT_BOOL:
		sb_adds(b, v->i ? "true" : "false");
		break;
	default:
		if (v->s)
			sb_adds(b, v->s);
	}
}

char *
val_format(const vb_field *f, const vb_val *v)
{
	sbuf b;
	sb_init(&b);
	val_append(&b, f, v);
	return sb_take(&b);
}

/* A value as it may appear in a message: control characters escaped,
 * long values cut. */
static char *
shown(const char *s)
{
	sbuf b;
	sb_init(&b);
	sb_addc(&b, '"');
	/* cut on a character boundary; C1 and bidi controls escaped */
	utf8_shown(&b, s, 60);
	sb_addc(&b, '"');
	return sb_take(&b);
}

static int
bad_value(vb_err *err, const char *text, const char *why)
{
	char *s = shown(text);
	err_set(err, VB_EFAIL, "%s %s", s, why);
	free(s);
	return -1;
}

static int
valid_code(const char *s)
{
	/* a loop, not strspn: that builds its table of the set on every call */
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (n == 32 || !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return n >= 1;
}

/* Checks a text field: valid UTF-8, no control characters (notes allow
 * LF and TAB), at most max characters. */
static int
check_text(const char *s, int notes, int64_t max, vb_err *err)
{
	size_t n = strlen(s);
	if (utf8_valid_prefix(s, n) != n)
		return bad_value(err, s, _("is not valid UTF-8"));
	uint32_t cp;
	if (utf8_forbidden(s, notes, &cp)) {
		if (utf8_is_bidi(cp)) {
			char why[128];
			snprintf(why, sizeof why, _("contains a bidirectional control character (U+%04X)"), (unsigned)cp);
			return bad_value(err, s, why);
		}
		return bad_value(err, s, _("contains a control character"));
	}
	if ((int64_t)utf8_chars(s) > max) {
		char why[64];
		snprintf(why, sizeof why, _("is longer than %lld characters"), (long long)max);
		return bad_value(err, s, why);
	}
	return 0;
}

int
vlist_parse(const char *text, int parts, vb_list *out, vb_err *err)
{
	memset(out, 0, sizeof *out);
	out->buf = xstrdup(text ? text : "");
	size_t cap = 1;
	for (const char *p = out->buf; *p; p++)
		cap += *p == ',';
	out->item = xcalloc(cap, sizeof *out->item);
	char *save = NULL;
	for (char *tok = strtok_r(out->buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		vb_item *it = &out->item[out->n];
		if (parts) {
			if (!eq) {
				bad_value(err, tok, _("is not of the form code=number"));
				goto fail;
			}
			*eq = '\0';
			if (num_parse_dec4(eq + 1, 0, &it->num) < 0 || it->num > 1000000) {
				bad_value(err, eq + 1, _("is not a percentage between 0 and 100 with at most 4 decimals (use a decimal point)"));
				goto fail;
			}
		}
		if (!valid_code(tok)) {
			bad_value(err, tok, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"));
			goto fail;
		}
		for (size_t k = 0; k < out->n; k++)
			if (strcmp(out->item[k].code, tok) == 0) {
				bad_value(err, tok, _("is listed twice"));
				goto fail;
			}
		it->code = tok;
		out->n++;
	}
	if (out->n == 0) {
		bad_value(err, text ? text : "", _("is an empty list"));
		goto fail;
	}
	return 0;
fail:
	vlist_free(out);
	return -1;
}

void
vlist_free(vb_list *l)
{
	free(l->item);
	free(l->buf);
	memset(l, 0, sizeof *l);
}

/* Checks a list value and writes its canonical form (numbers with a
 * decimal point and no trailing zeros) to canon. */
static int
parse_list(const vb_field *f, const char *text, sbuf *canon, vb_err *err)
{
	vb_list l;
	if (vlist_parse(text, f->type == FT_PARTS, &l, err) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			sb_addc(canon, ',');
		sb_adds(canon, l.item[i].code);
		if (f->type == FT_PARTS) {
			char buf[VB_NUM_BUFSZ];
			sb_printf(canon, "=%s", num_format_dec4(l.item[i].num, buf, "."));
		}
	}
	vlist_free(&l);
	return 0;
}

/* Whether text is a plain number whose whole part has more than max
 * digits (then it is refused for its size, and the message says so). */
static int
too_many_digits(const char *text, int max)
{
	int digits = 0, in_whole = 1;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits += in_whole;
		else if (*p == '.' || *p == ',')
			in_whole = 0;
		else if (*p != ' ')
			return 0;
	}
	return digits > max;
}

static int parse_one(vb_rec *r, int i, const char *text, vb_err *err);

/* An error names the field it is about (forms show it beside it). */
int
rec_parse(vb_rec *r, int i, const char *text, vb_err *err)
{
	int rc = parse_one(r, i, text, err);
	if (rc < 0 && err)
		err->field = i;
	return rc;
}

static int
parse_one(vb_rec *r, int i, const char *text, vb_err *err)
{
	const vb_field *f = &r->ent->fields[i];
	vb_val *v = &r->v[i];
	int64_t num;
	int rc;
	vb_date d;
	char buf[VB_DATE_BUFSZ];
	r->set[i] = 1;
	/* spaces around a value are ignored alike for every kind (notes
	 * keep their layout) */
	if (text && f->type != FT_NOTES && (text[0] == ' ' || (*text && text[strlen(text) - 1] == ' '))) {
		size_t a = strspn(text, " "), b = strlen(text);
		while (b > a && text[b - 1] == ' ')
			b--;
		char *trimmed = xstrndup(text + a, b - a);
		rc = rec_parse(r, i, trimmed, err);
		free(trimmed);
		return rc;
	}
	if ((!text || !*text) && f->type == FT_BOOL) {
		/* an empty flag (a CSV cell, --host=) is false: flags are never null */
		val_set_int(v, 0);
		return 0;
	}
	if (!text || !*text) {
		val_set_text(v, NULL);
		return 0;
	}
	switch (f->type) {
	case FT_CODE:
	case FT_REF:
		if (!valid_code(text))
			return bad_value(err, text, _("is not a valid code (1–32 characters a–z, 0–9, _ and -)"));
		val_set_text(v, text);
		return 0;
	case FT_TEXT:
	case FT_NOTES:
		if (check_text(text, f->type == FT_NOTES, f->max ? f->max : (f->type == FT_NOTES ? NOTES_MAX : TEXT_MAX), err) < 0)
			return -1;
		val_set_text(v, text);
		if (f->type == FT_NOTES) {
			/* CRLF line breaks (Windows, a pasted text) are kept as LF */
			char *w = v->s;
			for (const char *q = v->s; *q; q++)
				if (!(q[0] == '\r' && q[1] == '\n'))
					*w++ = *q;
			*w = '\0';
		}
		return 0;
	case FT_CHOICE:
		/* in any case; a basis also by its German name (Plan, Ist) */
		for (int k = 0; f->choices[k]; k++)
			if (strcasecmp(f->choices[k], text) == 0) {
				val_set_text(v, f->choices[k]);
				return 0;
			}
		if (strcmp(f->name, "basis") == 0 && basis_parse(text)) {
			val_set_text(v, basis_parse(text));
			return 0;
		}
		{
			sbuf b;
			sb_init(&b);
			sb_adds(&b, _("is not one of:"));
			for (int k = 0; f->choices[k]; k++)
				sb_printf(&b, "%s %s", k ? "," : "", f->choices[k]);
			bad_value(err, text, b.s);
			sb_free(&b);
			return -1;
		}
	case FT_DATE:
		if (date_parse(text, &d) < 0)
			return bad_value(err, text, _("is not a valid date (YYYY-MM-DD or D.M.YYYY)"));
		val_set_text(v, date_format(d, buf));
		return 0;
	case FT_CENTS:
		if ((rc = num_parse_amount(text, &num)) == NUM_EAMBIG) {
			char why[512];
			num_explain_ambiguous(text, 1, why, sizeof why);
			return bad_value(err, text, why);
		}
		if (rc < 0 && too_many_digits(text, 12))
			return bad_value(err, text, _("is above the largest amount, 999999999999.99 EUR"));
		if (rc < 0)
			return bad_value(err, text, _("is not an amount (like 1234.56, 1234,56 or 1.234,56 EUR: at most two decimals, not negative)"));
		val_set_int(v, num);
		return 0;
	case FT_DEC4:
		if ((rc = num_parse_dec4(text, 1, &num)) == NUM_EAMBIG) {
			char why[512];
			num_explain_ambiguous(text, 0, why, sizeof why);
			return bad_value(err, text, why);
		}
		if (rc < 0 && too_many_digits(text, 13))
			return bad_value(err, text, _("is above the largest figure, 1000000000000"));
		if (rc < 0)
			return bad_value(err, text, _("is not a number (not negative, at most 4 decimals)"));
		val_set_int(v, num);
		return 0;
	case FT_INT:
		if (num_parse_int(text, f->min, f->max, &num) < 0) {
			char why[96];
			snprintf(why, sizeof why, _("is not a whole number from %lld to %lld"),
				 (long long)f->min, (long long)f->max);
			return bad_value(err, text, why);
		}
		val_set_int(v, num);
		return 0;
	case FT_BOOL: {
		static const char *const yes[] = {"true", "yes", "1", "ja", "x", NULL};
		static const char *const no[] = {"false", "no", "0", "nein", NULL};
		for (int k = 0; yes[k]; k++)
			if (strcmp(text, yes[k]) == 0) {
				val_set_int(v, 1);
				return 0;
			}
		for (int k = 0; no[k]; k++)
			if (strcmp(text, no[k]) == 0) {
				val_set_int(v, 0);
				return 0;
			}
		return bad_value(err, text, _("is not true or false"));
	}
	case FT_LIST:
	case FT_PARTS: {
		sbuf canon;
		sb_init(&canon);
		if (parse_list(f, text, &canon, err) < 0) {
			sb_free(&canon);
			return -1;
		}
		val_set_text(v, canon.s);
		sb_free(&canon);
		return 0;
	}
	}
	return err_set(err, VB_EFAIL, "internal: unknown field type");
}

/* JSON values of the parts of a key: [{"member": "a", "percent": 50}] or
 * [{"key": "k", "weight": 50}], turned into "a=50". */
static int
parts_from_json(const jval *v, sbuf *text, vb_err *err)
{
	if (v->t != JARR)
		return err_set(err, VB_EFAIL, _("line %ld: expected an array"), v->line);
	for (size_t k = 0; k < v->n; k++) {
		const jval *it = &v->items[k];
		const jval *code = json_get(it, "member"), *num = json_get(it, "percent");
		if (!code) {
			code = json_get(it, "key");
			num = json_get(it, "weight");
		}
		if (it->t != JOBJ || it->n != 2 || !code || code->t != JSTR || !num || num->t != JNUM)
			return err_set(err, VB_EFAIL,
				       _("line %ld: a part must be {\"member\": CODE, \"percent\": N} or {\"key\": CODE, \"weight\": N}"),
				       it->line);
		sb_printf(text, "%s%s=%s", k ? "," : "", code->s, num->s);
	}
	return 0;
}

static int parse_json_one(vb_rec *r, int i, const jval *v, vb_err *err);

int
rec_parse_json(vb_rec *r, int i, const jval *v, vb_err *err)
{
	int rc = parse_json_one(r, i, v, err);
	if (rc < 0 && err)
		err->field = i;
	return rc;
}

static int
parse_json_one(vb_rec *r, int i, const jval *v, vb_err *err)
{
	const vb_field *f = &r->ent->fields[i];
	if (v->t == JNULL)
		return rec_parse(r, i, NULL, err);
	switch (f->type) {
	case FT_CENTS:
		if (v->t != JNUM)
			break;
		{
			int64_t c;
			if (num_parse_int(v->s, 0, VB_AMOUNT_MAX, &c) < 0)
				return bad_value(err, v->s, _("is not an amount in cents (a whole number, not negative)"));
			r->set[i] = 1;
			val_set_int(&r->v[i], c);
			return 0;
		}
	case FT_DEC4:
	case FT_INT:
		if (v->t != JNUM)
			break;
		return rec_parse(r, i, v->s, err);
	case FT_BOOL:
		if (v->t != JBOOL)
			break;
		return rec_parse(r, i, v->b ? "true" : "false", err);
	case FT_LIST:
	case FT_PARTS: {
		if (v->t != JARR)
			break;
		sbuf text;
		sb_init(&text);
		int rc = 0;
		if (v->n == 0) {
			rc = rec_parse(r, i, NULL, err);
		} else if (f->type == FT_PARTS) {
			rc = parts_from_json(v, &text, err);
			if (rc == 0)
				rc = rec_parse(r, i, text.s, err);
		} else {
			for (size_t k = 0; k < v->n && rc == 0; k++) {
				if (v->items[k].t != JSTR)
					rc = err_set(err, VB_EFAIL, _("expected a list of codes"));
				else
					sb_printf(&text, "%s%s", k ? "," : "", v->items[k].s);
			}
			if (rc == 0)
				rc = rec_parse(r, i, text.s, err);
		}
		sb_free(&text);
		return rc;
	}
	default:
		if (v->t != JSTR)
			break;
		return rec_parse(r, i, v->s, err);
	}
	return err_set(err, VB_EFAIL, _("%s where %s was expected"), json_type_name(v->t),
		       f->type == FT_CENTS || f->type == FT_DEC4 || f->type == FT_INT ? _("a number")
		       : f->type == FT_BOOL ? _("true or false")
		       : f->type == FT_LIST || f->type == FT_PARTS ? _("an array")
		       : _("a string"));
}


int
rec_equal(const vb_rec *a, const vb_rec *b)
{
	if (a->ent != b->ent)
		return 0;
	for (int i = 0; i < a->ent->nfields; i++) {
		const vb_val *x = &a->v[i], *y = &b->v[i];
		if (x->null != y->null)
			return 0;
		if (x->null)
			continue;
		if (x->s || y->s) {
			if (!str_eq(x->s, y->s))
				return 0;
		} else if (x->i != y->i) {
			return 0;
		}
	}
	return 1;
}

void
recs_free(vb_rec *recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rec_free(&recs[i]);
	free(recs);
}
