/* RFC 4180 CSV: the strict reader of imports and field quoting for the
 * writers. */
#include "config.h"
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static long
line_of(const char *data, size_t upto)
{
	long line = 1;
	const char *p = data, *end = data + upto;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

/* Chooses ';' when the header has more semicolons than commas outside
 * quotes. */
static char
detect_delim(const char *p, const char *end)
{
	int commas = 0, semis = 0, quoted = 0;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '\n')
			break;
		else if (!quoted && *p == ',')
			commas++;
		else if (!quoted && *p == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

int
csv_open_raw(csv_reader *r, const char *name, const char *data, size_t len, vb_err *err)
{
	memset(r, 0, sizeof *r);
	sb_init(&r->buf);
	r->name = name;
	r->data = data;
	r->len = len;
	r->line = 1;
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return err_set(err, VB_EFAIL, _("%s:%ld: NUL byte in the file"), name,
			       line_of(data, (size_t)(nul - data)));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	r->delim = detect_delim(data + r->pos, data + len);
	return 0;
}

int
csv_open(csv_reader *r, const char *name, const char *data, size_t len, vb_err *err)
{
	if (csv_open_raw(r, name, data, len, err) < 0)
		return -1;
	size_t ok = utf8_valid_prefix(data, len);
	if (ok < len)
		return err_set(err, VB_EFAIL, _("%s:%ld: invalid UTF-8"), name, line_of(data, ok));
	return 0;
}

static void
end_field(csv_reader *r, size_t start)
{
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->offs = xrealloc(r->offs, r->cap * sizeof *r->offs);
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->offs[r->nfields++] = start;
	sb_addc(&r->buf, '\0');
}

/* Reads a quoted field; the opening quote is at r->pos. */
static int
read_quoted(csv_reader *r, vb_err *err)
{
	long start_line = r->line;
	const char *d = r->data;
	r->pos++;
	for (;;) {
		if (r->pos >= r->len)
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: unbalanced quote: the field that starts here is never closed"),
				       r->name, start_line);
		char c = d[r->pos];
		if (c == '"') {
			if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
				sb_addc(&r->buf, '"');
				r->pos += 2;
				continue;
			}
			r->pos++;
			break;
		}
		if (c == '\n')
			r->line++;
		/* a quoted CRLF is a line break of the value: keep it as LF */
		if (c == '\r' && r->pos + 1 < r->len && d[r->pos + 1] == '\n') {
			r->pos++;
			continue;
		}
		sb_addc(&r->buf, c);
		r->pos++;
	}
	if (r->pos < r->len) {
		char c = d[r->pos];
		if (c != r->delim && c != '\n' &&
		    !(c == '\r' && r->pos + 1 < r->len && d[r->pos + 1] == '\n'))
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: unexpected character after a closing quote"),
				       r->name, r->line);
	}
	return 0;
}

static int
read_plain(csv_reader *r, vb_err *err)
{
	const char *d = r->data;
	size_t s = r->pos;
	while (r->pos < r->len) {
		char c = d[r->pos];
		if (c == r->delim || c == '\n')
			break;
		if (c == '\r') {
			if (r->pos + 1 < r->len && d[r->pos + 1] == '\n')
				break;
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: carriage return inside an unquoted field"),
				       r->name, r->line);
		}
		if (c == '"')
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: quote inside an unquoted field (quote the whole field and double the quote)"),
				       r->name, r->line);
		r->pos++;
	}
	sb_addn(&r->buf, d + s, r->pos - s);
	return 0;
}

int
csv_next(csv_reader *r, vb_err *err)
{
	const char *d = r->data;
	/* skip blank lines */
	while (r->pos < r->len && (d[r->pos] == '\n' || d[r->pos] == '\r')) {
		if (d[r->pos] == '\r' && !(r->pos + 1 < r->len && d[r->pos + 1] == '\n'))
			return err_set(err, VB_EFAIL,
				       _("%s:%ld: carriage return without a line feed"),
				       r->name, r->line);
		if (d[r->pos] == '\n')
			r->line++;
		r->pos++;
	}
	if (r->pos >= r->len)
		return 0;
	r->rec_line = r->line;
	r->nfields = 0;
	sb_reset(&r->buf);
	for (;;) {
		size_t start = r->buf.len;
		int rc = r->pos < r->len && d[r->pos] == '"' ? read_quoted(r, err) : read_plain(r, err);
		if (rc < 0)
			return -1;
		end_field(r, start);
		if (r->pos >= r->len)
			break;
		char c = d[r->pos];
		if (c == r->delim) {
			r->pos++;
			if (r->pos >= r->len) {	/* trailing delimiter at EOF: empty last field */
				end_field(r, r->buf.len);
				break;
			}
			continue;
		}
		if (c == '\r')
			r->pos++;
		r->pos++;	/* '\n' */
		r->line++;
		break;
	}
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i] = r->buf.s + r->offs[i];
	return 1;
}

void
csv_close(csv_reader *r)
{
	sb_free(&r->buf);
	free(r->offs);
	free(r->fields);
	memset(r, 0, sizeof *r);
}

void
csv_quote(sbuf *out, const char *s, char delim)
{
	if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
		sb_adds(out, s);
		return;
	}
	sb_putc(out, '"');
	for (;;) {
		/* up to and with the next quote, which is doubled */
		const char *q = strchr(s, '"');
		size_t n = q ? (size_t)(q - s) + 1 : strlen(s);
		sb_putn(out, s, n);
		if (!q)
			break;
		sb_putc(out, '"');
		s = q + 1;
	}
	sb_putc(out, '"');
}
