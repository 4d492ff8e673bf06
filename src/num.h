/* Exact numbers: amounts in int64 cents, figures and percentages in
 * int64 ten-thousandths.  No floating point. */
#ifndef VB_NUM_H
#define VB_NUM_H

#include <stddef.h>
#include <stdint.h>

#define VB_AMOUNT_MAX INT64_C(99999999999999)	/* 999,999,999,999.99 EUR */
#define VB_DEC4_MAX INT64_C(10000000000000000)	/* 10^12 units */
#define VB_NUM_BUFSZ 48

/* Results of the parsers besides 0 (both are below 0). */
#define NUM_EINVAL (-1)	/* not a number of the kind asked for */
#define NUM_EAMBIG (-2)	/* "12.345", "11,500": thousands or decimals? */

/* Numbers a person wrote (spec §3.4): spaces around them are ignored; a
 * single '.' or ',' followed by exactly three digits after a first group
 * of 1-3 digits ("12.345", "11,500") is ambiguous; German grouping, dots
 * between groups of three before a decimal comma or at least two of them
 * ("262.000,00", "1.234.567"), is accepted. */

/* "1234.56", "1234,5", "262.000,00", "99 EUR", "€7", "7€": at most two
 * decimals, never negative. 0, NUM_EINVAL or NUM_EAMBIG. */
int num_parse_amount(const char *s, int64_t *cents);
/* Non-negative decimal with at most 4 places into ten-thousandths.
 * comma_ok: a figure as a person writes it ("12,5", the rules above);
 * otherwise only "12.5" (numbers inside comma-separated lists).
 * 0, NUM_EINVAL or NUM_EAMBIG. */
int num_parse_dec4(const char *s, int comma_ok, int64_t *v);
/* 1 when s (spaces around it ignored) is ambiguous as described above. */
int num_ambiguous(const char *s);
/* The reason an ambiguous s is refused, for "\"12.345\" <reason>": both
 * readings and how to write each one (amount: at most two decimals). */
void num_explain_ambiguous(const char *s, int amount, char *buf, size_t n);
/* s without the spaces around it into out (n bytes). 0 or -1 (too long). */
int num_trim(const char *s, char *out, size_t n);
/* Decimal integer in [min, max] (optional leading '-'; spaces around it
 * ignored). 0 or -1. */
int num_parse_int(const char *s, int64_t min, int64_t max, int64_t *v);

/* Cents as "-1234.56"; dec is the decimal mark, sep (may be "" or NULL)
 * the thousands separator. Returns buf (VB_NUM_BUFSZ bytes). */
char *num_format_cents(int64_t cents, char *buf, const char *dec, const char *sep);
/* Ten-thousandths with as few decimals as needed ("12.5", "3"). */
char *num_format_dec4(int64_t v, char *buf, const char *dec);

#endif
