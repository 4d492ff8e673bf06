/* Exact numbers: amounts in int64 cents, figures and percentages in
 * int64 ten-thousandths.  No floating point. */
#ifndef VB_NUM_H
#define VB_NUM_H

#include <stdint.h>

#define VB_AMOUNT_MAX INT64_C(99999999999999)	/* 999,999,999,999.99 EUR */
#define VB_DEC4_MAX INT64_C(10000000000000000)	/* 10^12 units */
#define VB_NUM_BUFSZ 48

/* "1234.56", "1234,5", "99 EUR", "€7", "7€": no thousands separators,
 * at most two decimals, never negative. 0 or -1. */
int num_parse_amount(const char *s, int64_t *cents);
/* Non-negative decimal with at most 4 places, "12.5" (and "12,5" when
 * comma_ok), into ten-thousandths. 0 or -1. */
int num_parse_dec4(const char *s, int comma_ok, int64_t *v);
/* Decimal integer in [min, max] (optional leading '-'). 0 or -1. */
int num_parse_int(const char *s, int64_t min, int64_t max, int64_t *v);

/* Cents as "-1234.56"; dec is the decimal mark, sep (may be "" or NULL)
 * the thousands separator. Returns buf (VB_NUM_BUFSZ bytes). */
char *num_format_cents(int64_t cents, char *buf, const char *dec, const char *sep);
/* Ten-thousandths with as few decimals as needed ("12.5", "3"). */
char *num_format_dec4(int64_t v, char *buf, const char *dec);

#endif
