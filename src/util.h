/* Memory, growing strings and UTF-8 helpers. */
#ifndef VB_UTIL_H
#define VB_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growing, always NUL-terminated byte string. */
typedef struct sbuf {
	char *s;
	size_t len, cap;
} sbuf;

void sb_init(sbuf *b);
void sb_free(sbuf *b);
void sb_reset(sbuf *b);
void sb_addn(sbuf *b, const char *s, size_t n);
void sb_adds(sbuf *b, const char *s);
void sb_addc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Hands over the string; the buffer is empty afterwards. */
char *sb_take(sbuf *b);

/* sb_addc and sb_addn with the common case (room enough) in line, for
 * what is written per cell or per key (millions in an allocation). */
static inline void
sb_putc(sbuf *b, char c)
{
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		sb_addc(b, c);
	}
}

static inline void
sb_putn(sbuf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		sb_addn(b, s, n);
	}
}

/* v in decimal, its digits written by hand (no snprintf: allocations,
 * imports and logs write hundreds of thousands of numbers). */
static inline void
sb_puti(sbuf *b, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	sb_putn(b, p, (size_t)(buf + sizeof buf - p));
}

/* Length of the valid UTF-8 prefix of s[0..n); n when all valid. */
size_t utf8_valid_prefix(const char *s, size_t n);
/* Decodes one UTF-8 character; returns its length (>=1) or 0 if invalid. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F). */
int utf8_is_control(uint32_t cp);
/* Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069): they reorder what a terminal shows. */
int utf8_is_bidi(uint32_t cp);
/* The first character a text field may not hold, or NULL: control
 * characters and bidirectional controls in a single line; in multiline
 * text (notes) LF, CRLF and TAB are allowed, and bidirectional controls
 * too (they are shown escaped).  *cp gets the character (a byte that is
 * not UTF-8 comes as itself). */
const char *utf8_forbidden(const char *s, int multiline, uint32_t *cp);
/* s for a message: '"' and '\\' escaped, controls as \xNN, C1 and
 * bidirectional controls as \uNNNN, invalid bytes as \xNN, cut after
 * max_chars characters (never inside one) with "…". */
void utf8_shown(sbuf *b, const char *s, size_t max_chars);
/* Number of characters (code points) of a valid UTF-8 string. */
size_t utf8_chars(const char *s);
/* Display columns of a valid UTF-8 string (wcwidth; control chars 1). */
int utf8_width(const char *s);
/* Display columns of one code point. */
int utf8_width_cp(uint32_t cp);
/* Copies at most `cols` display columns of s into b. Returns columns used. */
int utf8_clip(sbuf *b, const char *s, int cols);

int str_eq(const char *a, const char *b);	/* NULL-safe */
int str_empty(const char *s);			/* NULL or "" */
/* Reads a whole file (or stdin for "-"); returns malloc'ed data or NULL
 * with errno set. */
char *file_read_all(const char *path, size_t *len);

#endif
