/* UTF-8 text on the screen: display widths through wcwidth, clipping
 * to columns, control characters made visible. */
#ifndef VB_UI_TEXT_H
#define VB_UI_TEXT_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

enum { AL_LEFT, AL_RIGHT };

/* Chooses, once, from nl_langinfo(CODESET) whether the screen gets
 * UTF-8 or the locale's charset with ASCII fallbacks. */
void text_init(void);
/* 1 when the screen is UTF-8 (bars, markers and lines as Unicode). */
int text_utf8(void);

/* Display columns of a code point as the screen shows it (control
 * characters are shown as one-column symbols). */
int text_cp_width(uint32_t cp);
/* Display columns of a UTF-8 string. */
int text_width(const char *s);
/* Draws s at (y, x) in exactly w columns with attributes a: clipped
 * with "…" when too long, padded with blanks, aligned left or right. */
void text_put(int y, int x, const char *s, int w, int align, attr_t a);
/* Draws s from (y, x) up to w columns without padding; returns the
 * columns used. */
int text_add(int y, int x, const char *s, int w, attr_t a);
/* Fills w columns at (y, x) with blanks. */
void text_fill(int y, int x, int w, attr_t a);
/* Byte length of the UTF-8 character at s (1 for invalid bytes). */
size_t text_cp_len(const char *s, size_t n, uint32_t *cp);
/* Splits s into lines of at most w columns at blanks; returns how
 * many (free each line and the array). */
size_t text_wrap(const char *s, int w, char ***lines);
/* An amount of cents in the user's locale (decimal point, thousands
 * separator), without the currency, written to buf (VB_NUM_BUFSZ bytes);
 * returns buf.  Likewise a figure of ten-thousandths. */
char *text_money(int64_t cents, char *buf);
char *text_dec4(int64_t v, char *buf);
/* Lower-case, case-insensitive substring search of UTF-8 texts. */
int text_contains(const char *hay, const char *needle);

#endif
