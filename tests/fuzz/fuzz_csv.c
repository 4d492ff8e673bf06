/* Fuzz harness: the CSV reader (src/csv.c).
 *
 * Every input is read twice, with and without the UTF-8 check.  When a
 * whole file reads without error:
 *  - the reader's line count is 1 + the number of line feeds (the
 *    physical lines that messages name), and records start on
 *    non-decreasing lines;
 *  - writing the records again with csv_quote and reading that back
 *    gives the same records (the writer and the reader agree), up to
 *    the one documented change: a CR LF inside a quoted field is read
 *    as LF (stored values never hold a CR: text fields refuse it). */
#include "config.h"

#include <string.h>

#include "csv.h"
#include "fuzz.h"
#include "util.h"

typedef struct recs {
	sbuf text;		/* the records written again */
	size_t nrec;
	sbuf fields;		/* every field, NUL-terminated, in order */
	size_t nfields;
} recs;

static void
quote_always(sbuf *out, const char *s)
{
	sb_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(out, '"');
		sb_addc(out, *s);
	}
	sb_addc(out, '"');
}

/* Reads all records; 1 when the whole input was read, 0 on an error. */
static int
read_all(const char *data, size_t len, int raw, recs *out, char *delim)
{
	csv_reader r;
	vb_err err;
	int rc;
	err_clear(&err);
	if ((raw ? csv_open_raw : csv_open)(&r, "fuzz.csv", data, len, &err) < 0) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		csv_close(&r);
		return 0;
	}
	*delim = r.delim;
	FUZZ_ASSERT(r.delim == ',' || r.delim == ';');
	long last = 0;
	while ((rc = csv_next(&r, &err)) == 1) {
		FUZZ_ASSERT(r.nfields >= 1);
		FUZZ_ASSERT(r.rec_line >= last && r.rec_line <= r.line);
		last = r.rec_line;
		for (size_t i = 0; i < r.nfields; i++) {
			const char *f = r.fields[i];
			if (i)
				sb_addc(&out->text, r.delim);
			/* a lone empty field would be a blank line, which the
			 * reader skips; a BOM at the start would be taken as one */
			if ((r.nfields == 1 && !*f) ||
			    (out->text.len == 0 && strncmp(f, "\xef\xbb\xbf", 3) == 0))
				quote_always(&out->text, f);
			else
				csv_quote(&out->text, f, r.delim);
			/* what reading it back gives: quoted CR LF becomes LF */
			for (const char *p = f; *p; p++)
				if (!(p[0] == '\r' && p[1] == '\n'))
					sb_addc(&out->fields, *p);
			sb_addc(&out->fields, '\0');
			out->nfields++;
		}
		sb_addc(&out->text, '\n');
		out->nrec++;
	}
	if (rc < 0) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		csv_close(&r);
		return 0;
	}
	long lf = 0;
	for (size_t i = 0; i < len; i++)
		lf += data[i] == '\n';
	FUZZ_ASSERT(r.line == lf + 1);
	csv_close(&r);
	return 1;
}

static void
recs_done(recs *r)
{
	sb_free(&r->text);
	sb_free(&r->fields);
}

static void
check(const char *data, size_t len, int raw)
{
	recs a = {0};
	char delim = ',';
	sb_init(&a.text), sb_init(&a.fields);
	if (read_all(data, len, raw, &a, &delim) && a.nrec > 0) {
		/* the written records read back the same with the same
		 * delimiter (told: detection looks at the header only) */
		csv_reader r;
		vb_err err;
		sbuf again;
		size_t n = 0, nrec = 0;
		int rc;
		err_clear(&err);
		sb_init(&again);
		rc = csv_open_raw(&r, "again.csv", a.text.s, a.text.len, &err);
		FUZZ_ASSERT(rc == 0);
		r.delim = delim;
		while ((rc = csv_next(&r, &err)) == 1) {
			for (size_t i = 0; i < r.nfields; i++)
				sb_addn(&again, r.fields[i], strlen(r.fields[i]) + 1);
			n += r.nfields;
			nrec++;
		}
		if (rc != 0)
			fprintf(stderr, "re-read failed: %s\n", err.msg);
		FUZZ_ASSERT(rc == 0);
		FUZZ_ASSERT(nrec == a.nrec);
		FUZZ_ASSERT(n == a.nfields);
		FUZZ_ASSERT(again.len == a.fields.len);
		FUZZ_ASSERT(a.fields.len == 0 || memcmp(a.fields.s, again.s, a.fields.len) == 0);
		csv_close(&r);
		sb_free(&again);
	}
	recs_done(&a);
}

FUZZ_ENTRY(csv)
{
	static int init;
	if (!init) {
		fuzz_quiet();
		init = 1;
	}
	/* a copy of exactly `size` bytes, so that ASan sees any overread */
	char *copy = xmalloc(size ? size : 1);
	if (size)
		memcpy(copy, data, size);
	check(copy, size, 0);
	check(copy, size, 1);
	free(copy);
	return 0;
}
