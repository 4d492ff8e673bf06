/* Line editing for form fields and prompts. */
#include "config.h"
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "text.h"
#include "util.h"

void
le_init(lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	le_set(le, text);
}

void
le_free(lineedit *le)
{
	free(le->s);
	memset(le, 0, sizeof *le);
}

void
le_set(lineedit *le, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n + 1 > le->cap) {
		le->cap = n + 16;
		le->s = xrealloc(le->s, le->cap);
	}
	if (n)
		memcpy(le->s, text, n);
	le->s[n] = '\0';
	le->len = n;
	le->cur = n;
	le->first = 0;
	le->chars = utf8_chars(le->s);
}

void
le_set_max(lineedit *le, size_t max)
{
	le->max = max;
}

static void
insert(lineedit *le, uint32_t cp)
{
	char u[4];
	size_t n;
	/* a field takes no more than it can store: a paste stops here,
	 * and the work per key stays bounded */
	if (le->chars >= (le->max ? le->max : LE_MAX_DEFAULT)) {
		beep();
		return;
	}
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	if (le->len + n + 1 > le->cap) {
		le->cap = (le->len + n + 1) * 2;
		le->s = xrealloc(le->s, le->cap);
	}
	memmove(le->s + le->cur + n, le->s + le->cur, le->len - le->cur + 1);
	memcpy(le->s + le->cur, u, n);
	le->len += n;
	le->cur += n;
	le->chars++;
}

static size_t
prev_pos(const lineedit *le, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)le->s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

static size_t
next_pos(const lineedit *le, size_t pos)
{
	uint32_t cp;
	if (pos >= le->len)
		return le->len;
	return pos + text_cp_len(le->s + pos, le->len - pos, &cp);
}

static void
erase_range(lineedit *le, size_t from, size_t to)
{
	memmove(le->s + from, le->s + to, le->len - to + 1);
	le->len -= to - from;
	le->cur = from;
	if (le->first > le->cur)
		le->first = le->cur;
	le->chars = utf8_chars(le->s);
}

int
le_key(lineedit *le, int key)
{
	switch (key) {
	case UK_FN(KEY_LEFT):
		le->cur = prev_pos(le, le->cur);
		return 1;
	case UK_FN(KEY_RIGHT):
		le->cur = next_pos(le, le->cur);
		return 1;
	case UK_FN(KEY_HOME):
	case UK_CTRL('A'):
		le->cur = 0;
		return 1;
	case UK_FN(KEY_END):
	case UK_CTRL('E'):
		le->cur = le->len;
		return 1;
	case UK_FN(KEY_BACKSPACE):
	case 127:
	case UK_CTRL('H'):
		if (le->cur > 0)
			erase_range(le, prev_pos(le, le->cur), le->cur);
		return 1;
	case UK_FN(KEY_DC):
	case UK_CTRL('D'):
		if (le->cur < le->len)
			erase_range(le, le->cur, next_pos(le, le->cur));
		return 1;
	case UK_CTRL('U'):
		erase_range(le, 0, le->cur);
		return 1;
	case UK_CTRL('K'):
		le->s[le->cur] = '\0';
		le->len = le->cur;
		le->chars = utf8_chars(le->s);
		return 1;
	case UK_CTRL('W'): {
		size_t p = le->cur;
		while (p > 0 && le->s[p - 1] == ' ')
			p--;
		while (p > 0 && le->s[p - 1] != ' ')
			p--;
		erase_range(le, p, le->cur);
		return 1;
	}
	default:
		break;
	}
	if (key >= 0x20 && key != 0x7f && key < 0x110000 && !(key >= 0x80 && key < 0xa0)) {
		insert(le, (uint32_t)key);
		return 1;
	}
	return 0;
}

static int
width_between(const lineedit *le, size_t from, size_t to)
{
	int w = 0;
	while (from < to) {
		uint32_t cp;
		from += text_cp_len(le->s + from, le->len - from, &cp);
		w += text_cp_width(cp);
	}
	return w;
}

int
le_draw(lineedit *le, int y, int x, int w, attr_t a)
{
	if (w <= 0)
		return x;
	if (le->first > le->cur)
		le->first = le->cur;
	/* keep the cursor inside, with one column for it at the end (one
	 * pass: the width shrinks as the first character moves on) */
	int before = width_between(le, le->first, le->cur);
	while (le->first < le->cur && before > w - 1) {
		uint32_t cp;
		size_t l = text_cp_len(le->s + le->first, le->len - le->first, &cp);
		before -= text_cp_width(cp);
		le->first += l;
	}
	text_fill(y, x, w, a);
	size_t i = le->first;
	int used = 0;
	char one[8];
	while (i < le->len) {
		uint32_t cp;
		size_t l = text_cp_len(le->s + i, le->len - i, &cp);
		int cw = text_cp_width(cp);
		if (used + cw > w)
			break;
		memcpy(one, le->s + i, l);
		one[l] = '\0';
		text_add(y, x + used, one, cw, a);
		used += cw;
		i += l;
	}
	return x + width_between(le, le->first, le->cur);
}
