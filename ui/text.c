/* UTF-8 text on the screen.  Every string drawn goes through here, so
 * that widths are counted in display columns (umlauts 1, CJK 2) and no
 * control character reaches the terminal.  In a locale whose charset
 * is not UTF-8 (chosen once, text_init) the text is converted to that
 * charset: typographic characters and the TUI's symbols become ASCII
 * look-alikes, anything else the charset lacks becomes '?', and every
 * character takes one column. */
#include "config.h"
#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "util.h"
#include "num.h"

/* 1 in a UTF-8 locale; set once by text_init, before anything is drawn */
static int utf8_screen = 1;

void
text_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	utf8_screen = cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

int
text_utf8(void)
{
	return utf8_screen;
}

/* The ASCII look-alike of a typographic character or symbol, or 0. */
static char
ascii_alike(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char c;
	} map[] = {
		{0x2010, '-'}, {0x2011, '-'}, {0x2012, '-'}, {0x2013, '-'}, {0x2014, '-'},
		{0x2015, '-'}, {0x2212, '-'}, {0x2018, '\''}, {0x2019, '\''}, {0x201a, ','},
		{0x201c, '"'}, {0x201d, '"'}, {0x201e, '"'}, {0x00ab, '"'}, {0x00bb, '"'},
		{0x2026, '~'}, {0x00b7, '.'}, {0x2022, '*'}, {0x00a0, ' '}, {0x202f, ' '},
		{0x2009, ' '}, {0x2192, '>'}, {0x21b5, '?'}, {0x00bf, '?'}, {0xfffd, '?'},
		{0x25b2, '^'}, {0x25bc, 'v'}, {0x25b8, '>'}, {0x25c2, '<'}, {0x25b6, '>'},
		{0x25c0, '<'}, {0x2500, '-'}, {0x2502, '|'}, {0x250c, '+'}, {0x2510, '+'},
		{0x2514, '+'}, {0x2518, '+'}, {0x251c, '+'}, {0x2524, '+'}, {0x253c, '+'},
		{0x2588, '#'}, {0x20ac, 'E'},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].cp == cp)
			return map[i].c;
	return 0;
}

size_t
text_cp_len(const char *s, size_t n, uint32_t *cp)
{
	int l = utf8_decode((const unsigned char *)s, n, cp);
	if (l <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	return (size_t)l;
}

/* What the screen shows for a code point: control characters become
 * visible one-column symbols. */
static uint32_t
shown(uint32_t cp)
{
	if (cp == '\n')
		return 0x21b5;	/* ↵ */
	if (cp == '\t')
		return 0x2192;	/* → */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || utf8_is_bidi(cp))
		return 0xbf;	/* ¿ */
	if (utf8_screen && wcwidth((wchar_t)cp) < 0)
		return 0xfffd;
	return cp;
}

int
text_cp_width(uint32_t cp)
{
	if (!utf8_screen)
		return 1;
	int w = wcwidth((wchar_t)shown(cp));
	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		uint32_t cp;
		i += text_cp_len(s + i, n - i, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

/* A code point in the locale's charset: its ASCII look-alike, itself
 * when the charset has it, else '?'. */
static void
add_local(sbuf *b, uint32_t cp)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	char c = cp < 0x80 ? (char)cp : ascii_alike(cp);
	if (c) {
		sb_addc(b, c);
		return;
	}
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(mb, (wchar_t)cp, &st);
	if (n == (size_t)-1 || n == 0)
		sb_addc(b, '?');
	else
		sb_addn(b, mb, n);
}

static void
add_cp(sbuf *b, uint32_t cp)
{
	char u[5];
	cp = shown(cp);
	if (!utf8_screen) {
		add_local(b, cp);
		return;
	}
	if (cp < 0x80) {
		sb_addc(b, (char)cp);
		return;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		sb_addn(b, u, 4);
	}
}

/* The visible form of s clipped to w columns ("…" marks a cut);
 * returns the columns used. */
static int
clip(sbuf *b, const char *s, int w)
{
	size_t n = strlen(s), i = 0;
	int used = 0, total = text_width(s);
	int room = total > w ? w - 1 : w;
	while (i < n) {
		uint32_t cp;
		size_t l = text_cp_len(s + i, n - i, &cp);
		int cw = text_cp_width(cp);
		if (used + cw > room)
			break;
		add_cp(b, cp);
		used += cw;
		i += l;
	}
	if (total > w && w > 0) {
		add_cp(b, 0x2026);	/* … */
		used++;
	}
	return used;
}

void
text_fill(int y, int x, int w, attr_t a)
{
	if (w <= 0)
		return;
	attrset(a);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void
text_put(int y, int x, const char *s, int w, int align, attr_t a)
{
	sbuf b;
	if (w <= 0)
		return;
	sb_init(&b);
	int used = clip(&b, s ? s : "", w);
	text_fill(y, x, w, a);
	attrset(a);
	mvaddstr(y, align == AL_RIGHT ? x + w - used : x, b.s ? b.s : "");
	attrset(A_NORMAL);
	sb_free(&b);
}

int
text_add(int y, int x, const char *s, int w, attr_t a)
{
	sbuf b;
	if (w <= 0)
		return 0;
	sb_init(&b);
	int used = clip(&b, s ? s : "", w);
	attrset(a);
	mvaddstr(y, x, b.s ? b.s : "");
	attrset(A_NORMAL);
	sb_free(&b);
	return used;
}

static wchar_t *
lower_wide(const char *s)
{
	size_t n = strlen(s), i = 0, k = 0;
	wchar_t *w = xmalloc((n + 1) * sizeof *w);
	while (i < n) {
		uint32_t cp;
		i += text_cp_len(s + i, n - i, &cp);
		w[k++] = (wchar_t)towlower((wint_t)cp);
	}
	w[k] = 0;
	return w;
}

int
text_contains(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return 1;
	if (!hay)
		return 0;
	wchar_t *h = lower_wide(hay), *n = lower_wide(needle);
	int found = wcsstr(h, n) != NULL;
	free(h);
	free(n);
	return found;
}

size_t
text_wrap(const char *s, int w, char ***lines)
{
	size_t n = 0;
	const char *p = s;
	*lines = NULL;
	if (w < 1)
		w = 1;
	while (*p == ' ')
		p++;
	while (*p) {
		/* the longest run of words that fits; a longer word is cut */
		const char *end = p, *q = p;
		int used = 0;
		while (*q) {
			const char *word = q;
			int ww = 0;
			while (*q && *q != ' ') {
				uint32_t cp;
				size_t l = text_cp_len(q, strlen(q), &cp);
				int cw = text_cp_width(cp);
				if (!used && ww + cw > w)
					break;
				ww += cw;
				q += l;
			}
			if (used && used + 1 + ww > w)
				break;
			used += (used ? 1 : 0) + ww;
			end = q;
			if (q == word || (*q && *q != ' '))
				break;	/* a word cut at the width */
			while (*q == ' ')
				q++;
		}
		if (end == p)
			end = p + 1;
		*lines = xrealloc(*lines, (n + 1) * sizeof **lines);
		(*lines)[n++] = xstrndup(p, (size_t)(end - p));
		p = end;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* The locale's decimal point, "." where it has none. */
static const char *
decimal_point(void)
{
	const char *dp = localeconv()->decimal_point;
	return dp && *dp ? dp : ".";
}

char *
text_money(int64_t cents, char *buf)
{
	return num_format_cents(cents, buf, decimal_point(), localeconv()->thousands_sep);
}

char *
text_dec4(int64_t v, char *buf)
{
	return num_format_dec4(v, buf, decimal_point());
}
