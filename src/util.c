/* Checked memory allocation, growing strings (sbuf) and UTF-8
 * helpers (validation, display width, shortening). */
#include "config.h"
#include "util.h"
#include "i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Out of memory is an error like any other (exit status 1), never an
 * abort: nothing was committed, so the database is as before (an open
 * transaction is rolled back by SQLite; a TUI restores the terminal in
 * its atexit handler). */
static void
oom(void)
{
	fputs(_("verbund: out of memory\n"), stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sb_init(sbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sb_free(sbuf *b)
{
	free(b->s);
	sb_init(b);
}

void
sb_reset(sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static void
sb_grow(sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
sb_addn(sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_adds(sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void
sb_addc(sbuf *b, char c)
{
	sb_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	sb_grow(b, 64);
	/* one pass when the text fits in the room there is */
	size_t room = b->cap - b->len;
	va_start(ap, fmt);
	int n = vsnprintf(b->s + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->s[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sb_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
sb_take(sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	sb_init(b);
	return s;
}

int
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int len;
	uint32_t v, min;
	if ((c & 0xE0) == 0xC0) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int l = utf8_decode(p + i, n - i, &cp);
		if (!l)
			return i;
		i += (size_t)l;
	}
	return n;
}

int
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int
utf8_is_bidi(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *
utf8_forbidden(const char *s, int multiline, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t c;
		int l = utf8_decode(p + i, n - i, &c);
		if (!l)
			l = 1, c = p[i];
		int ok = !utf8_is_control(c) && (multiline || !utf8_is_bidi(c));
		if (multiline && (c == '\n' || c == '\t' || (c == '\r' && p[i + 1] == '\n')))
			ok = 1;
		if (!ok) {
			*cp = c;
			return s + i;
		}
		i += (size_t)l;
	}
	return NULL;
}

void
utf8_shown(sbuf *b, const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, chars = 0;
	while (i < n) {
		if (chars++ >= max_chars) {
			sb_adds(b, "\xe2\x80\xa6");	/* … */
			return;
		}
		uint32_t c;
		int l = utf8_decode(p + i, n - i, &c);
		if (!l) {
			sb_printf(b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			sb_printf(b, "\\%c", (char)c);
		else if (c < 0x80 && utf8_is_control(c))
			sb_printf(b, "\\x%02x", (unsigned)c);
		else if (utf8_is_control(c) || utf8_is_bidi(c))
			sb_printf(b, "\\u%04x", (unsigned)c);
		else
			sb_addn(b, s + i, (size_t)l);
		i += (size_t)l;
	}
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
cp_width(uint32_t cp)
{
	if (cp < 0x7F)	/* ASCII, the common case: no call */
		return 1;
	if (cp == 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
utf8_width_cp(uint32_t cp)
{
	return cp_width(cp);
}

int
utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		uint32_t cp;
		if (p[i] < 0x80) {	/* ASCII: one column */
			i++, w++;
			continue;
		}
		int l = utf8_decode(p + i, n - i, &cp);
		if (!l) {
			i++, w++;
			continue;
		}
		w += cp_width(cp);
		i += (size_t)l;
	}
	return w;
}

int
utf8_clip(sbuf *b, const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		uint32_t cp;
		int l = utf8_decode(p + i, n - i, &cp);
		if (!l)
			l = 1, cp = '?';
		int cw = cp_width(cp);
		if (w + cw > cols)
			break;
		sb_addn(b, s + i, (size_t)l);
		w += cw;
		i += (size_t)l;
	}
	return w;
}

int
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int
str_empty(const char *s)
{
	return !s || !*s;
}

char *
file_read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return NULL;
	sbuf b;
	sb_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&b, chunk, n);
	int failed = ferror(f);
	int saved = errno;
	if (f != stdin)
		fclose(f);
	if (failed) {
		sb_free(&b);
		errno = saved ? saved : EIO;
		return NULL;
	}
	*len = b.len;
	return sb_take(&b);
}
