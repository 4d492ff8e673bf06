/* The bar chart widget.  Integer arithmetic only: the bar shows money
 * and must not disagree with the cents beside it. */
#include "config.h"
#include "barchart.h"

#include <locale.h>
#include <stdio.h>

#include "util.h"

#include "colors.h"
#include "text.h"

void
barchart_draw(int y, int x, int w, int64_t value, int64_t total, attr_t a)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	char pct[32];
	int pw = 8;
	if (w < pw + 2) {
		text_fill(y, x, w, a);
		return;
	}
	int bw = w - pw - 1;
	if (total == 0) {
		text_put(y, x + bw + 1, "–", pw, AL_RIGHT, a);
		return;
	}
	/* per mille, rounded half away from zero; the locale's decimal sign */
	__extension__ __int128 num = (__int128)value * 2000 / total;
	long long pm = (long long)((num + (num >= 0 ? 1 : -1)) / 2);
	const char *dp = localeconv()->decimal_point;
	snprintf(pct, sizeof pct, "%s%lld%s%lld %%", pm < 0 && pm > -10 ? "-" : "", pm / 10,
		 dp && *dp ? dp : ".", (pm < 0 ? -pm : pm) % 10);
	text_put(y, x + bw + 1, pct, pw, AL_RIGHT, a);
	if (value <= 0 || total < 0)
		return;
	__extension__ __int128 cells = (__int128)value * bw * 8 / total;
	int full = (int)(cells / 8), part = (int)(cells % 8);
	if (!text_utf8() && part >= 4)
		full++, part = 0;	/* whole cells only: rounded */
	if (full > bw)
		full = bw, part = 0;
	attr_t ba = (a & A_REVERSE) || a != color_attr(C_NORMAL) ? a : color_attr(C_BAR);
	/* a UTF-8 screen draws eighths of a cell; otherwise whole cells of
	 * '#' (text.c turns the full block into it) */
	sbuf b;
	sb_init(&b);
	for (int i = 0; i < full; i++)
		sb_adds(&b, "█");
	if (part && full < bw && text_utf8())
		sb_adds(&b, eighths[part]);
	if (b.s)
		text_add(y, x, b.s, bw, ba);
	sb_free(&b);
}
