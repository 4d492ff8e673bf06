/* Unit tests of the core's values and formats: dates, amounts and
 * decimals, the CSV reader and quoting, the JSON parser and writer, and
 * the output formats (spec §3, §3.1, §3.3). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "date.h"
#include "err.h"
#include "json.h"
#include "num.h"
#include "out.h"
#include "suggest.h"
#include "util.h"

/* ================================================================ dates */

static vb_date
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* date_parse must accept s and give the ISO date iso. */
static void
date_ok(const char *s, const char *iso)
{
	vb_date d = -1;
	char buf[VB_DATE_BUFSZ];
	if (date_parse(s, &d) != 0)
		fail_msg("date \"%s\" was rejected", s);
	assert_string_equal(date_format(d, buf), iso);
}

static void
date_bad(const char *s)
{
	vb_date d = 12345;
	if (date_parse(s, &d) != -1)
		fail_msg("date \"%s\" was accepted", s);
	assert_int_equal(d, 12345);	/* untouched */
}

static void
test_date_leap_rules(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(2400));
	assert_int_equal(date_days_in_year(1900), 365);
	assert_int_equal(date_days_in_year(2000), 366);
	assert_int_equal(date_days_in_year(2024), 366);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2024, 4), 30);
	assert_int_equal(date_days_in_month(2024, 12), 31);
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
}

static void
test_date_day_numbers(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(2000, 1, 1), 10957);
	assert_int_equal(ymd(2000, 3, 1), 11017);
	assert_int_equal(ymd(2024, 1, 1), 19723);
	assert_int_equal(ymd(2024, 12, 31) - ymd(2024, 1, 1), 365);
	assert_int_equal(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);	/* no 29 Feb 1900 */
	assert_int_equal(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);	/* 29 Feb 2000 */
	/* every day of the supported range survives the round trip */
	for (vb_date z = ymd(VB_DATE_MIN_YEAR, 1, 1); z <= ymd(VB_DATE_MAX_YEAR, 12, 31); z += 97) {
		date_to_ymd(z, &y, &m, &d);
		assert_true(date_valid(y, m, d));
		assert_int_equal(ymd(y, m, d), z);
	}
	date_to_ymd(ymd(1000, 1, 1), &y, &m, &d);
	assert_int_equal(y, 1000);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	date_to_ymd(ymd(9999, 12, 31), &y, &m, &d);
	assert_int_equal(y, 9999);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	assert_int_equal(date_year(ymd(2028, 2, 29)), 2028);
	assert_int_equal(date_year_start(2024), ymd(2024, 1, 1));
	assert_int_equal(date_year_end(2024), ymd(2024, 12, 31));
}

static void
test_date_parse_valid(void **state)
{
	(void)state;
	date_ok("2024-02-29", "2024-02-29");
	date_ok("2000-02-29", "2000-02-29");
	date_ok("2023-12-31", "2023-12-31");
	date_ok("29.2.2024", "2024-02-29");
	date_ok("1.3.2020", "2020-03-01");
	date_ok("01.03.2020", "2020-03-01");
	date_ok("1.03.2020", "2020-03-01");
	date_ok("31.12.2023", "2023-12-31");
	date_ok("1000-01-01", "1000-01-01");
	date_ok("9999-12-31", "9999-12-31");
	date_ok("1.1.1000", "1000-01-01");
	date_ok("31.12.9999", "9999-12-31");
}

static void
test_date_parse_invalid(void **state)
{
	(void)state;
	vb_date d;
	date_bad("2023-02-30");
	date_bad("2023-02-29");	/* not a leap year */
	date_bad("1900-02-29");	/* divisible by 100, not by 400 */
	date_bad("29.2.1900");
	date_bad("29.2.2023");
	date_bad("30.2.2024");
	date_bad("2024-04-31");
	date_bad("2024-13-01");
	date_bad("2024-00-10");
	date_bad("2024-01-00");
	date_bad("2024-01-32");
	date_bad("32.1.2024");
	date_bad("0.1.2024");
	date_bad("1.0.2024");
	date_bad("1.13.2024");
	date_bad("0999-12-31");	/* before the supported years */
	date_bad("31.12.999");
	date_bad("10000-01-01");	/* after them */
	date_bad("1.1.10000");
	date_bad("0000-01-01");
	date_bad("2024-2-29");	/* ISO form needs two digits */
	date_bad("2024-02-9");
	date_bad("24-02-29");
	date_bad("29.02.24");
	date_bad("123.1.2024");
	date_bad("1.123.2024");
	date_bad("2024/02/29");
	date_bad("2024-02-29 ");
	date_bad(" 2024-02-29");
	date_bad("2024-02-29x");
	date_bad("1.3.2020.");
	date_bad("1..2020");
	date_bad(".3.2020");
	date_bad("-2024-01-01");
	date_bad("");
	date_bad("today");
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_false(date_valid(999, 12, 31));
	assert_false(date_valid(10000, 1, 1));
	assert_true(date_valid(1000, 1, 1));
	assert_true(date_valid(9999, 12, 31));
}

static void
test_date_format(void **state)
{
	(void)state;
	char buf[VB_DATE_BUFSZ];
	assert_string_equal(date_format(ymd(2024, 2, 29), buf), "2024-02-29");
	assert_string_equal(date_format(ymd(1000, 1, 1), buf), "1000-01-01");
	assert_string_equal(date_format(ymd(9999, 12, 31), buf), "9999-12-31");
	assert_string_equal(date_format_de(ymd(2024, 2, 29), buf), "29.02.2024");
	assert_string_equal(date_format_de(ymd(2020, 3, 1), buf), "01.03.2020");
	assert_ptr_equal(date_format(0, buf), buf);
	assert_string_equal(buf, "1970-01-01");
}

static void
test_date_add_months(void **state)
{
	(void)state;
	char buf[VB_DATE_BUFSZ];
#define ADDM(y, m, d, n, iso) assert_string_equal(date_format(date_add_months(ymd(y, m, d), n), buf), iso)
	ADDM(2028, 8, 31, -6, "2028-02-29");	/* the spec's example */
	ADDM(2027, 8, 31, -6, "2027-02-28");
	ADDM(2100, 8, 31, -6, "2100-02-28");
	ADDM(2000, 8, 31, -6, "2000-02-29");
	ADDM(2024, 1, 31, 1, "2024-02-29");
	ADDM(2024, 1, 31, 2, "2024-03-31");
	ADDM(2024, 3, 31, 1, "2024-04-30");
	ADDM(2024, 5, 31, -1, "2024-04-30");
	ADDM(2024, 12, 15, 1, "2025-01-15");
	ADDM(2024, 1, 15, -1, "2023-12-15");
	ADDM(2024, 1, 15, -13, "2022-12-15");
	ADDM(2024, 1, 15, -12, "2023-01-15");
	ADDM(2024, 1, 15, 24, "2026-01-15");
	ADDM(2024, 6, 30, 0, "2024-06-30");
	ADDM(2024, 10, 31, 120, "2034-10-31");
	ADDM(2024, 10, 31, -120, "2014-10-31");
	ADDM(2025, 3, 31, -1, "2025-02-28");
#undef ADDM
	assert_string_equal(date_format(date_add_years(ymd(2024, 2, 29), 1), buf), "2025-02-28");
	assert_string_equal(date_format(date_add_years(ymd(2024, 2, 29), 4), buf), "2028-02-29");
	assert_string_equal(date_format(date_add_years(ymd(2024, 2, 29), -4), buf), "2020-02-29");
	assert_string_equal(date_format(date_add_years(ymd(2024, 2, 29), -1), buf), "2023-02-28");
	assert_string_equal(date_format(date_add_years(ymd(2020, 3, 1), 5), buf), "2025-03-01");
}

static void
test_date_overlap(void **state)
{
	(void)state;
	vb_date lo = ymd(2024, 1, 1), hi = ymd(2024, 12, 31);
	assert_int_equal(date_overlap_days(lo, hi, lo, hi), 366);
	assert_int_equal(date_overlap_days(ymd(2024, 7, 1), ymd(2030, 1, 1), lo, hi), 184);
	assert_int_equal(date_overlap_days(ymd(2020, 1, 1), ymd(2024, 6, 30), lo, hi), 182);
	assert_int_equal(date_overlap_days(ymd(2024, 3, 1), ymd(2024, 3, 1), lo, hi), 1);
	assert_int_equal(date_overlap_days(ymd(2023, 1, 1), ymd(2023, 12, 31), lo, hi), 0);
	assert_int_equal(date_overlap_days(ymd(2025, 1, 1), ymd(2025, 12, 31), lo, hi), 0);
	assert_int_equal(date_overlap_days(ymd(2023, 6, 1), lo, lo, hi), 1);	/* touching */
	assert_int_equal(date_overlap_days(hi, ymd(2026, 1, 1), lo, hi), 1);
	assert_int_equal(date_overlap_days(ymd(2024, 5, 1), ymd(2024, 4, 30), lo, hi), 0);	/* empty */
	assert_int_equal(date_overlap_days(ymd(2023, 1, 1), ymd(2023, 12, 31),
					   ymd(2023, 1, 1), ymd(2023, 12, 31)), 365);
	assert_int_equal(date_overlap_days(ymd(1000, 1, 1), ymd(9999, 12, 31), lo, hi), 366);
}

/* ============================================================== numbers */

static void
amount_ok(const char *s, int64_t cents)
{
	int64_t v = -1;
	if (num_parse_amount(s, &v) != 0)
		fail_msg("amount \"%s\" was rejected", s);
	if (v != cents)
		fail_msg("amount \"%s\": %lld cents, expected %lld", s, (long long)v, (long long)cents);
}

static void
amount_bad(const char *s)
{
	int64_t v = 777;
	if (num_parse_amount(s, &v) != -1)
		fail_msg("amount \"%s\" was accepted (%lld cents)", s, (long long)v);
	assert_int_equal(v, 777);
}

static void
test_amount_accepted(void **state)
{
	(void)state;
	amount_ok("1234,56", 123456);
	amount_ok("1234.56", 123456);
	amount_ok("1234.5", 123450);
	amount_ok("1234,5", 123450);
	amount_ok("1234", 123400);
	amount_ok("99 EUR", 9900);
	amount_ok("EUR 99", 9900);
	amount_ok("EUR99", 9900);
	amount_ok("99EUR", 9900);
	amount_ok("7€", 700);
	amount_ok("€ 7", 700);
	amount_ok("€7", 700);
	amount_ok("7 €", 700);
	amount_ok("12,34 €", 1234);
	amount_ok("EUR 0,01", 1);
	amount_ok("0", 0);
	amount_ok("0.00", 0);
	amount_ok("0.01", 1);
	amount_ok("0,1", 10);
	amount_ok("007", 700);
	amount_ok("10000000", 1000000000);
	/* the maximum: 999,999,999,999.99 EUR */
	amount_ok("999999999999.99", VB_AMOUNT_MAX);
	amount_ok("999999999999,99 EUR", VB_AMOUNT_MAX);
	assert_int_equal(VB_AMOUNT_MAX, INT64_C(99999999999999));
}

static void
test_amount_rejected(void **state)
{
	(void)state;
	int64_t v;
	amount_bad("1,234.56");	/* English grouping */
	amount_bad("1.234.56");
	amount_bad("1.234,567");
	amount_bad("1.23,56");	/* groups of three only */
	amount_bad("1.2345,00");
	amount_bad("0.234,00");	/* no leading zero group */
	amount_bad(".234,00");
	amount_bad("1.234.5");
	amount_bad("1234.567");	/* three decimals, one reading only */
	amount_bad("1 234");
	amount_bad("1e5");
	amount_bad("-5");
	amount_bad("-0");
	amount_bad("+5");
	amount_bad("");
	amount_bad(" ");
	amount_bad("EUR");
	amount_bad("€");
	amount_bad("EUR €");
	amount_bad("1,2,3");
	amount_bad("1.2.3");
	amount_bad("1.");
	amount_bad("1,");
	amount_bad(".5");
	amount_bad(",5");
	amount_bad("5 EUR EUR");
	amount_bad("EUR 5 EUR");
	amount_bad("USD 5");
	amount_bad("5 USD");
	amount_bad("5x");
	amount_bad("0x10");
	amount_bad("five");
	amount_bad("1000000000000");	/* one cent above the maximum */
	amount_bad("999999999999.991");
	amount_bad("9999999999999999999999");
	assert_int_equal(num_parse_amount(NULL, &v), -1);
}

static void
dec4_ok(const char *s, int comma_ok, int64_t want)
{
	int64_t v = -1;
	if (num_parse_dec4(s, comma_ok, &v) != 0)
		fail_msg("decimal \"%s\" was rejected", s);
	if (v != want)
		fail_msg("decimal \"%s\": %lld, expected %lld", s, (long long)v, (long long)want);
}

static void
dec4_bad(const char *s, int comma_ok)
{
	int64_t v = 777;
	if (num_parse_dec4(s, comma_ok, &v) != -1)
		fail_msg("decimal \"%s\" was accepted", s);
	assert_int_equal(v, 777);
}

static void
test_dec4(void **state)
{
	(void)state;
	int64_t v;
	dec4_ok("12.5", 1, 125000);
	dec4_ok("12,5", 1, 125000);
	dec4_ok("12.5", 0, 125000);
	dec4_ok("3", 0, 30000);
	dec4_ok("0", 0, 0);
	dec4_ok("0.0001", 0, 1);
	dec4_ok("0,0001", 1, 1);
	dec4_ok("1.2345", 0, 12345);
	dec4_ok("99.9999", 0, 999999);
	dec4_ok("100", 0, 1000000);
	dec4_ok("1000000000000", 0, VB_DEC4_MAX);
	dec4_bad("1.23456", 0);	/* five places */
	dec4_bad("1,23456", 1);
	dec4_bad("0.00001", 0);
	dec4_bad("12,5", 0);	/* comma only where allowed */
	dec4_bad("-1", 1);
	dec4_bad("+1", 1);
	dec4_bad("", 1);
	dec4_bad("1.", 1);
	dec4_bad(".5", 1);
	dec4_bad("1e3", 1);
	dec4_bad("1 000", 1);
	dec4_bad("1,000.5", 1);
	dec4_bad("1.000,5", 0);	/* no grouping inside lists */
	dec4_bad("1000000000000.0001", 0);
	assert_int_equal(num_parse_dec4(NULL, 1, &v), -1);

	assert_int_equal(num_parse_int("-5", -100, 100, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(num_parse_int("2024", 1000, 9999, &v), 0);
	assert_int_equal(v, 2024);
	assert_int_equal(num_parse_int("100", -100, 100, &v), 0);
	assert_int_equal(v, 100);
	v = 9;
	assert_int_equal(num_parse_int("101", -100, 100, &v), -1);
	assert_int_equal(num_parse_int("-101", -100, 100, &v), -1);
	assert_int_equal(num_parse_int("", 0, 10, &v), -1);
	assert_int_equal(num_parse_int("-", 0, 10, &v), -1);
	assert_int_equal(num_parse_int("1.0", 0, 10, &v), -1);
	assert_int_equal(num_parse_int("12a", 0, 100, &v), -1);
	assert_int_equal(num_parse_int("99999999999999999999999", 0, INT64_MAX, &v), -1);
	assert_int_equal(v, 9);
}

/* Spec §3.4: one separator before exactly three digits is refused as
 * ambiguous, German grouping is accepted, spaces around are ignored. */
static void
test_ambiguous_and_grouped(void **state)
{
	(void)state;
	int64_t v = 777;
	char why[512];
	assert_int_equal(num_parse_amount("12.345", &v), NUM_EAMBIG);
	assert_int_equal(num_parse_amount("11,500", &v), NUM_EAMBIG);
	assert_int_equal(num_parse_amount(" 1.000 EUR", &v), NUM_EAMBIG);
	assert_int_equal(num_parse_dec4("12.345", 1, &v), NUM_EAMBIG);
	assert_int_equal(num_parse_dec4("999,999", 1, &v), NUM_EAMBIG);
	assert_int_equal(v, 777);
	assert_true(num_ambiguous(" 1,000 "));
	assert_false(num_ambiguous("0.375"));	/* no group starts with 0 */
	assert_false(num_ambiguous("1234.567"));	/* nor has four digits */
	assert_false(num_ambiguous("12.34"));
	assert_false(num_ambiguous("1.234,5"));
	/* inside lists only a decimal point: 12.345 % has one reading */
	dec4_ok("12.345", 0, 123450);
	dec4_ok("0.375", 1, 3750);
	dec4_ok("1234.567", 1, 12345670);
	/* German grouping */
	amount_ok("262.000,00", 26200000);
	amount_ok("1.234,56", 123456);
	amount_ok("1.234,5 EUR", 123450);
	amount_ok("1.234.567", 123456700);
	amount_ok("12.345.678,9", 1234567890);
	dec4_ok("1.234.567", 1, INT64_C(12345670000));
	dec4_ok("1.000,5", 1, 10005000);
	dec4_ok("1.234,5678", 1, 12345678);
	/* spaces around */
	amount_ok("  12,50  ", 1250);
	dec4_ok(" 12.5 ", 1, 125000);
	dec4_ok(" 12.5 ", 0, 125000);
	assert_int_equal(num_parse_int(" 2024 ", 1000, 9999, &v), 0);
	assert_int_equal(v, 2024);
	/* the reasons */
	num_explain_ambiguous("12.345", 0, why, sizeof why);
	assert_string_equal(why, "is ambiguous: a thousands separator (12345) or a decimal point "
			    "(12 and 345 thousandths)? Write 12345 or 12.3450");
	num_explain_ambiguous("11,500", 1, why, sizeof why);
	assert_string_equal(why, "is ambiguous: a thousands separator (11500) or a decimal comma "
			    "(11 and 500 thousandths)? Write 11500 or 11,50");
	num_explain_ambiguous("EUR 11,567", 1, why, sizeof why);
	assert_string_equal(why, "is ambiguous: a thousands separator (11567) or a decimal comma "
			    "(11 and 567 thousandths, more decimals than an amount has)? Write 11567");
}

/* Did you mean: edit distance with swaps, a unique prefix first. */
static void
test_suggest(void **state)
{
	(void)state;
	static const char *const names[] = {"users", "devices", "school_devices", "sites", "explain", "help"};
	assert_int_equal(suggest_distance("usres", "users", 2), 1);	/* a swap */
	assert_int_equal(suggest_distance("usr", "users", 2), 2);
	assert_int_equal(suggest_distance("user", "users", 2), 1);
	assert_int_equal(suggest_distance("abc", "xyzuvw", 2), 3);	/* above max */
	assert_int_equal(suggest_distance("", "", 2), 0);
	assert_string_equal(suggest_best("usres", names, 6), "users");
	assert_string_equal(suggest_best("school", names, 6), "school_devices");
	assert_string_equal(suggest_best("exp", names, 6), "explain");	/* not "help" */
	assert_string_equal(suggest_best("site", names, 6), "sites");
	assert_null(suggest_best("users", names, 6));	/* it exists */
	assert_null(suggest_best("population", names, 6));
	assert_null(suggest_best("ab", names, 6));	/* two edits of two letters */
	assert_null(suggest_best("", names, 6));
}

static void
test_format_cents(void **state)
{
	(void)state;
	char buf[VB_NUM_BUFSZ];
	assert_string_equal(num_format_cents(123456, buf, ".", NULL), "1234.56");
	assert_string_equal(num_format_cents(123456, buf, ".", ""), "1234.56");
	assert_string_equal(num_format_cents(123456, buf, ".", ","), "1,234.56");
	assert_string_equal(num_format_cents(123456, buf, ",", "."), "1.234,56");
	assert_string_equal(num_format_cents(123456789, buf, ",", "."), "1.234.567,89");
	assert_string_equal(num_format_cents(12345678, buf, ",", "."), "123.456,78");
	assert_string_equal(num_format_cents(100000, buf, ".", ","), "1,000.00");
	assert_string_equal(num_format_cents(99999, buf, ".", ","), "999.99");
	assert_string_equal(num_format_cents(0, buf, ".", ","), "0.00");
	assert_string_equal(num_format_cents(5, buf, ".", NULL), "0.05");
	assert_string_equal(num_format_cents(50, buf, ",", NULL), "0,50");
	assert_string_equal(num_format_cents(-5, buf, ".", NULL), "-0.05");
	assert_string_equal(num_format_cents(-123456, buf, ".", NULL), "-1234.56");
	assert_string_equal(num_format_cents(-123456, buf, ".", ","), "-1,234.56");
	assert_string_equal(num_format_cents(-100000000, buf, ",", "."), "-1.000.000,00");
	assert_string_equal(num_format_cents(VB_AMOUNT_MAX, buf, ".", NULL), "999999999999.99");
	assert_string_equal(num_format_cents(VB_AMOUNT_MAX, buf, ",", "."), "999.999.999.999,99");
	assert_string_equal(num_format_cents(-VB_AMOUNT_MAX, buf, ".", ","), "-999,999,999,999.99");
	/* a multibyte separator (narrow no-break space) */
	assert_string_equal(num_format_cents(123456, buf, ",", "\xe2\x80\xaf"), "1\xe2\x80\xaf" "234,56");
	assert_string_equal(num_format_cents(INT64_MIN, buf, ".", NULL), "-92233720368547758.08");
	assert_ptr_equal(num_format_cents(1, buf, ".", NULL), buf);
}

static void
test_format_dec4(void **state)
{
	(void)state;
	char buf[VB_NUM_BUFSZ];
	assert_string_equal(num_format_dec4(125000, buf, "."), "12.5");
	assert_string_equal(num_format_dec4(125000, buf, ","), "12,5");
	assert_string_equal(num_format_dec4(30000, buf, "."), "3");
	assert_string_equal(num_format_dec4(0, buf, "."), "0");
	assert_string_equal(num_format_dec4(1, buf, "."), "0.0001");
	assert_string_equal(num_format_dec4(10, buf, "."), "0.001");
	assert_string_equal(num_format_dec4(1000, buf, "."), "0.1");
	assert_string_equal(num_format_dec4(12345, buf, "."), "1.2345");
	assert_string_equal(num_format_dec4(12340, buf, "."), "1.234");
	assert_string_equal(num_format_dec4(1000000, buf, "."), "100");
	assert_string_equal(num_format_dec4(999999, buf, ","), "99,9999");
	assert_string_equal(num_format_dec4(-125000, buf, "."), "-12.5");
	assert_string_equal(num_format_dec4(VB_DEC4_MAX, buf, "."), "1000000000000");
	assert_string_equal(num_format_dec4(101, buf, "."), "0.0101");
	assert_string_equal(num_format_dec4(10010, buf, "."), "1.001");
	assert_string_equal(num_format_dec4(-1, buf, ","), "-0,0001");
	assert_string_equal(num_format_dec4(INT64_MIN, buf, "."), "-922337203685477.5808");
	assert_string_equal(num_format_dec4(INT64_MAX, buf, "."), "922337203685477.5807");
	/* parse and format are inverse */
	static const char *const samples[] = {"0", "0.5", "7", "33.3333", "1.01", "250000.25", NULL};
	for (int i = 0; samples[i]; i++) {
		int64_t v;
		assert_int_equal(num_parse_dec4(samples[i], 0, &v), 0);
		assert_string_equal(num_format_dec4(v, buf, "."), samples[i]);
	}
}

/* ================================================================== CSV */

/* Reads all records of data: "LINE:f1|f2|…\n" for each. Returns the
 * reader's result (0 at the end, -1 on error); *delim gets the
 * delimiter. */
static int
csv_dump(const char *data, size_t len, sbuf *out, char *delim, vb_err *err)
{
	csv_reader r;
	int rc;
	err_clear(err);
	if (csv_open(&r, "f.csv", data, len, err) < 0) {
		csv_close(&r);
		return -2;
	}
	if (delim)
		*delim = r.delim;
	while ((rc = csv_next(&r, err)) == 1) {
		sb_printf(out, "%ld:", r.rec_line);
		for (size_t i = 0; i < r.nfields; i++)
			sb_printf(out, "%s%s", i ? "|" : "", r.fields[i]);
		sb_addc(out, '\n');
	}
	csv_close(&r);
	return rc;
}

/* The records of s (NUL-terminated) must be exactly want. */
static void
csv_expect(const char *s, char delim, const char *want)
{
	sbuf b;
	vb_err err;
	char d = 0;
	sb_init(&b);
	int rc = csv_dump(s, strlen(s), &b, &d, &err);
	if (rc != 0)
		fail_msg("CSV rejected (%d): %s", rc, err.msg);
	assert_int_equal(d, delim);
	assert_string_equal(b.s ? b.s : "", want);
	sb_free(&b);
}

/* Reading data must fail with exactly the message want. */
static void
csv_expect_error(const char *data, size_t len, const char *want)
{
	sbuf b;
	vb_err err;
	sb_init(&b);
	int rc = csv_dump(data, len, &b, NULL, &err);
	if (rc >= 0)
		fail_msg("CSV accepted: %s", b.s ? b.s : "");
	assert_int_equal(err.status, VB_EFAIL);
	assert_string_equal(err.msg, want);
	sb_free(&b);
}

static void
test_csv_basic(void **state)
{
	(void)state;
	csv_expect("code,name\na,Alpha\nb,Beta\n", ',', "1:code|name\n2:a|Alpha\n3:b|Beta\n");
	/* no final line break */
	csv_expect("code,name\na,Alpha", ',', "1:code|name\n2:a|Alpha\n");
	/* empty fields */
	csv_expect("a,b,c\n,,\n", ',', "1:a|b|c\n2:||\n");
	/* spaces are data */
	csv_expect("a,b\n x , y\n", ',', "1:a|b\n2: x | y\n");
	/* one column */
	csv_expect("code\nx\n", ',', "1:code\n2:x\n");
	/* UTF-8 passes */
	csv_expect("name\nGemeinde Sassenburg – Süd ✓\n", ',', "1:name\n2:Gemeinde Sassenburg – Süd ✓\n");
	/* empty input: no records */
	csv_expect("", ',', "");
}

static void
test_csv_quoted(void **state)
{
	(void)state;
	/* "" is a quote; a line break inside quotes belongs to the field and
	 * moves the following records down */
	csv_expect("code,notes\n"
		   "a,\"say \"\"hi\"\"\nsecond line\"\n"
		   "b,\"x,y\"\n"
		   "c,\"one\n\ntwo\n\"\n"
		   "d,\"\"\n",
		   ',',
		   "1:code|notes\n"
		   "2:a|say \"hi\"\nsecond line\n"
		   "4:b|x,y\n"
		   "5:c|one\n\ntwo\n\n"
		   "9:d|\n");
	/* a quoted CRLF is a line break of the value, kept as LF */
	csv_expect("a,b\r\n\"1\r\n2\",3\r\n4,5\r\n", ',', "1:a|b\n2:1\n2|3\n4:4|5\n");
	/* a quoted field as the last of a file without a final newline */
	csv_expect("a,b\n1,\"x\"", ',', "1:a|b\n2:1|x\n");
	/* a quoted delimiter of the other kind */
	csv_expect("a;b\n\"1;2\";\"3,4\"\n", ';', "1:a|b\n2:1;2|3,4\n");
}

static void
test_csv_delimiter(void **state)
{
	(void)state;
	csv_expect("code;name;value\na;Müller, Hans;12,5\n", ';', "1:code|name|value\n2:a|Müller, Hans|12,5\n");
	/* more semicolons than commas in the header */
	csv_expect("a,b;c;d\n1;2;3\n", ';', "1:a,b|c|d\n2:1|2|3\n");
	/* a tie keeps the comma; so does a header without either */
	csv_expect("a,b;c\n1,2;3\n", ',', "1:a|b;c\n2:1|2;3\n");
	csv_expect("code\na;b\n", ',', "1:code\n2:a;b\n");
	/* delimiters inside quotes do not count */
	csv_expect("\"x,y,z\";b\n1;2\n", ';', "1:x,y,z|b\n2:1|2\n");
	/* only the header line decides */
	csv_expect("a,b\n1;2;3;4,5\n", ',', "1:a|b\n2:1;2;3;4|5\n");
}

static void
test_csv_bom_crlf_blank(void **state)
{
	(void)state;
	/* a BOM is skipped, not part of the first column's name */
	csv_expect("\xef\xbb\xbf" "code;name\r\na;b\r\n", ';', "1:code|name\n2:a|b\n");
	csv_expect("\xef\xbb\xbf" "code,name\na,b\n", ',', "1:code|name\n2:a|b\n");
	/* CRLF */
	csv_expect("a,b\r\n1,2\r\n3,4", ',', "1:a|b\n2:1|2\n3:3|4\n");
	/* blank lines are skipped but counted */
	csv_expect("a,b\n\n1,2\n\r\n\n3,4\n\n", ',', "1:a|b\n3:1|2\n6:3|4\n");
	csv_expect("\n\na,b\n1,2\n", ',', "3:a|b\n4:1|2\n");
}

static void
test_csv_trailing_delimiter(void **state)
{
	(void)state;
	/* a trailing delimiter is an empty last field */
	csv_expect("a,b,\n1,2,\n", ',', "1:a|b|\n2:1|2|\n");
	csv_expect("a,b,\n1,2,", ',', "1:a|b|\n2:1|2|\n");
	csv_expect("a;b;\r\n1;2;\r\n", ';', "1:a|b|\n2:1|2|\n");
	csv_expect("a,b\n1,\"2\",\n", ',', "1:a|b\n2:1|2|\n");
}

static void
test_csv_errors(void **state)
{
	(void)state;
	const char *s;
	/* an unbalanced quote names the line where the field starts */
	s = "a,b\n1,2\n3,\"open\n4,5\n6,7\n";
	csv_expect_error(s, strlen(s),
			 "f.csv:3: unbalanced quote: the field that starts here is never closed");
	s = "\"a,b\n";
	csv_expect_error(s, strlen(s),
			 "f.csv:1: unbalanced quote: the field that starts here is never closed");
	/* a quote inside an unquoted field */
	s = "a,b\n1,x\"y\"\n";
	csv_expect_error(s, strlen(s),
			 "f.csv:2: quote inside an unquoted field (quote the whole field and double the quote)");
	/* data after a closing quote; the line is where the quote closed */
	s = "a,b\n1,\"x\ny\"z\n";
	csv_expect_error(s, strlen(s), "f.csv:3: unexpected character after a closing quote");
	s = "a,b\n\"x\" ,2\n";
	csv_expect_error(s, strlen(s), "f.csv:2: unexpected character after a closing quote");
	/* a bare CR */
	s = "a,b\n1,2\r3,4\n";
	csv_expect_error(s, strlen(s), "f.csv:2: carriage return inside an unquoted field");
	s = "a,b\n1,2\n\r3,4\n";
	csv_expect_error(s, strlen(s), "f.csv:3: carriage return without a line feed");
	/* invalid UTF-8, with the line it is on (after a quoted line break) */
	s = "a,b\n\"x\ny\",2\n\xff,3\n";
	csv_expect_error(s, strlen(s), "f.csv:4: invalid UTF-8");
	s = "a,b\n1,M\xc3\n";
	csv_expect_error(s, strlen(s), "f.csv:2: invalid UTF-8");
	s = "a\n\xed\xa0\x80\n";	/* an encoded surrogate is not UTF-8 */
	csv_expect_error(s, strlen(s), "f.csv:2: invalid UTF-8");
	s = "a\n\xc0\xaf\n";	/* overlong */
	csv_expect_error(s, strlen(s), "f.csv:2: invalid UTF-8");
	/* a NUL byte */
	static const char nul[] = "a,b\n1,2\n\n3\0,4\n";
	csv_expect_error(nul, sizeof nul - 1, "f.csv:4: NUL byte in the file");
	static const char nul1[] = "\0a,b\n";
	csv_expect_error(nul1, sizeof nul1 - 1, "f.csv:1: NUL byte in the file");
}

static void
test_csv_quote(void **state)
{
	(void)state;
	sbuf b;
	sb_init(&b);
#define QUOTE(in, d, want) do { sb_reset(&b); csv_quote(&b, in, d); assert_string_equal(b.s ? b.s : "", want); } while (0)
	QUOTE("plain", ',', "plain");
	QUOTE("", ',', "");
	QUOTE("Müller", ',', "Müller");
	QUOTE("a,b", ',', "\"a,b\"");
	QUOTE("a,b", ';', "a,b");
	QUOTE("a;b", ';', "\"a;b\"");
	QUOTE("a;b", ',', "a;b");
	QUOTE("say \"hi\"", ',', "\"say \"\"hi\"\"\"");
	QUOTE("\"", ',', "\"\"\"\"");
	QUOTE("line\nbreak", ',', "\"line\nbreak\"");
	QUOTE("cr\r", ';', "\"cr\r\"");
	QUOTE(" spaced ", ',', " spaced ");
	QUOTE("tab\there", ',', "tab\there");
#undef QUOTE
	/* what csv_quote writes, the reader reads back */
	static const char *const vals[] = {"a,b", "say \"hi\"", "x\ny", "", "\"\"", ";", NULL};
	sb_reset(&b);
	for (int i = 0; vals[i]; i++) {
		if (i)
			sb_addc(&b, ',');
		csv_quote(&b, vals[i], ',');
	}
	sb_addc(&b, '\n');
	csv_reader r;
	vb_err err;
	assert_int_equal(csv_open(&r, "rt.csv", b.s, b.len, &err), 0);
	assert_int_equal(csv_next(&r, &err), 1);
	assert_int_equal(r.nfields, 6);
	for (int i = 0; vals[i]; i++)
		assert_string_equal(r.fields[i], vals[i]);
	assert_int_equal(csv_next(&r, &err), 0);
	csv_close(&r);
	sb_free(&b);
}

/* ================================================================= JSON */

static jval *
jparse(const char *s, vb_err *err)
{
	err_clear(err);
	return json_parse("t.json", s, strlen(s), err);
}

static void
json_bad(const char *s, size_t len, const char *want)
{
	vb_err err;
	err_clear(&err);
	jval *v = json_parse("t.json", s, len, &err);
	if (v) {
		json_free(v);
		fail_msg("JSON accepted: %.80s", s);
	}
	assert_int_equal(err.status, VB_EFAIL);
	if (want)
		assert_string_equal(err.msg, want);
	else if (strncmp(err.msg, "t.json:", 7) != 0)
		fail_msg("message without the file name: %s", err.msg);
}

static void
json_bad_s(const char *s, const char *want)
{
	json_bad(s, strlen(s), want);
}

static void
test_json_values(void **state)
{
	(void)state;
	vb_err err;
	jval *v = jparse("{\"s\": \"x\", \"n\": -12.5e+3, \"i\": 0, \"big\": 12345678901234567890,\n"
			 " \"t\": true, \"f\": false, \"z\": null,\n"
			 " \"a\": [1, \"two\", [], {}],\n"
			 " \"o\": {\"k\": \"v\", \"\": 1.0E-2}}", &err);
	assert_non_null(v);
	assert_int_equal(v->t, JOBJ);
	assert_int_equal(v->n, 9);
	assert_int_equal(v->line, 1);
	assert_string_equal(v->keys[0], "s");
	assert_string_equal(v->keys[8], "o");
	const jval *x = json_get(v, "s");
	assert_non_null(x);
	assert_int_equal(x->t, JSTR);
	assert_string_equal(x->s, "x");
	x = json_get(v, "n");
	assert_int_equal(x->t, JNUM);
	assert_string_equal(x->s, "-12.5e+3");	/* numbers stay text */
	assert_string_equal(json_get(v, "i")->s, "0");
	assert_string_equal(json_get(v, "big")->s, "12345678901234567890");
	x = json_get(v, "t");
	assert_int_equal(x->t, JBOOL);
	assert_int_equal(x->b, 1);
	assert_int_equal(x->line, 2);
	x = json_get(v, "f");
	assert_int_equal(x->t, JBOOL);
	assert_int_equal(x->b, 0);
	assert_int_equal(json_get(v, "z")->t, JNULL);
	x = json_get(v, "a");
	assert_int_equal(x->t, JARR);
	assert_int_equal(x->n, 4);
	assert_int_equal(x->line, 3);
	assert_int_equal(x->items[0].t, JNUM);
	assert_string_equal(x->items[0].s, "1");
	assert_int_equal(x->items[1].t, JSTR);
	assert_string_equal(x->items[1].s, "two");
	assert_int_equal(x->items[2].t, JARR);
	assert_int_equal(x->items[2].n, 0);
	assert_int_equal(x->items[3].t, JOBJ);
	assert_int_equal(x->items[3].n, 0);
	x = json_get(v, "o");
	assert_int_equal(x->t, JOBJ);
	assert_string_equal(json_get(x, "k")->s, "v");
	assert_string_equal(json_get(x, "")->s, "1.0E-2");
	assert_int_equal(json_get(x, "k")->line, 4);
	assert_null(json_get(v, "missing"));
	assert_null(json_get(json_get(v, "a"), "s"));	/* not an object */
	assert_null(json_get(NULL, "s"));
	json_free(v);

	/* scalars as documents, white space around them, a BOM */
	static const char *const docs[] = {"1", " \t\r\n true \n", "null", "\"\"", "-0", "0.5", "[]", "{}",
					   "\xef\xbb\xbf{\"a\": 1}", NULL};
	for (int i = 0; docs[i]; i++) {
		v = jparse(docs[i], &err);
		if (!v)
			fail_msg("rejected %s: %s", docs[i], err.msg);
		json_free(v);
	}
	assert_string_equal(json_type_name(JNULL), "null");
	assert_string_equal(json_type_name(JBOOL), "a boolean");
	assert_string_equal(json_type_name(JNUM), "a number");
	assert_string_equal(json_type_name(JSTR), "a string");
	assert_string_equal(json_type_name(JARR), "an array");
	assert_string_equal(json_type_name(JOBJ), "an object");
}

static void
test_json_escapes(void **state)
{
	(void)state;
	vb_err err;
	jval *v = jparse("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e4\\u00C4\\u20ac\", \"\\ud83d\\ude00\","
			 " \"\\uD834\\uDD1E\", \"Grüße – ✓\", \"\\u0041\\u007f\\u0001\"]", &err);
	if (!v)
		fail_msg("%s", err.msg);
	assert_int_equal(v->n, 6);
	assert_string_equal(v->items[0].s, "\"\\/\b\f\n\r\t");
	assert_string_equal(v->items[1].s, "\xc3\xa4\xc3\x84\xe2\x82\xac");
	assert_string_equal(v->items[2].s, "\xf0\x9f\x98\x80");	/* U+1F600 */
	assert_string_equal(v->items[3].s, "\xf0\x9d\x84\x9e");	/* U+1D11E */
	assert_string_equal(v->items[4].s, "Grüße – ✓");
	assert_string_equal(v->items[5].s, "A\x7f\x01");
	json_free(v);
	/* escaped keys are compared decoded */
	json_bad_s("{\"a\": 1, \"\\u0061\": 2}", "t.json:1: duplicate key in an object");
}

static void
test_json_rejects(void **state)
{
	(void)state;
	/* trailing commas */
	json_bad_s("[1, 2,]", "t.json:1: unexpected character");
	json_bad_s("{\"a\": 1,}", "t.json:1: expected a key in quotes");
	json_bad_s("[,]", "t.json:1: unexpected character");
	/* duplicate keys */
	json_bad_s("{\"a\": 1, \"b\": 2, \"a\": 3}", "t.json:1: duplicate key in an object");
	/* lone surrogates */
	json_bad_s("\"\\ud800\"", "t.json:1: lone high surrogate in \\u escape");
	json_bad_s("\"\\udbff x\"", "t.json:1: lone high surrogate in \\u escape");
	json_bad_s("\"\\ud800\\u0041\"", "t.json:1: lone high surrogate in \\u escape");
	json_bad_s("\"\\ud800\\ud800\"", "t.json:1: lone high surrogate in \\u escape");
	json_bad_s("\"\\udc00\"", "t.json:1: lone low surrogate in \\u escape");
	json_bad_s("\"\\ude00\\ud83d\"", "t.json:1: lone low surrogate in \\u escape");
	/* control characters, raw */
	json_bad_s("\"a\tb\"", "t.json:1: control character in a string (escape it)");
	json_bad_s("\"a\nb\"", "t.json:1: control character in a string (escape it)");
	json_bad_s("\"\x1f\"", "t.json:1: control character in a string (escape it)");
	/* NUL, escaped and raw */
	json_bad_s("\"\\u0000\"", "t.json:1: NUL character in a string");
	static const char nul[] = "[1,\n\"a\0\"]";
	json_bad(nul, sizeof nul - 1, "t.json:2: NUL byte in the file");
	static const char nul2[] = "[1]\0";
	json_bad(nul2, sizeof nul2 - 1, "t.json:1: NUL byte in the file");
	/* garbage after the document */
	json_bad_s("{} x", "t.json:1: unexpected data after the document");
	json_bad_s("[1] [2]", "t.json:1: unexpected data after the document");
	json_bad_s("1 2", "t.json:1: unexpected data after the document");
	json_bad_s("nullx", "t.json:1: unexpected data after the document");
	json_bad_s("{}\n\n}", "t.json:3: unexpected data after the document");
	/* numbers */
	json_bad_s("01", "t.json:1: unexpected data after the document");
	json_bad_s("1.", "t.json:1: invalid number");
	json_bad_s(".5", "t.json:1: unexpected character");
	json_bad_s("+1", "t.json:1: unexpected character");
	json_bad_s("-", "t.json:1: invalid number");
	json_bad_s("1e", "t.json:1: invalid number");
	json_bad_s("1e+", "t.json:1: invalid number");
	json_bad_s("[1.e5]", "t.json:1: invalid number");
	json_bad_s("NaN", "t.json:1: unexpected character");
	json_bad_s("Infinity", "t.json:1: unexpected character");
	/* literals, strings, structure */
	json_bad_s("tru", "t.json:1: unexpected character");
	json_bad_s("True", "t.json:1: unexpected character");
	json_bad_s("'a'", "t.json:1: unexpected character");
	json_bad_s("{a: 1}", "t.json:1: expected a key in quotes");
	json_bad_s("{\"a\" 1}", "t.json:1: expected ':' after a key");
	json_bad_s("{\"a\": 1 \"b\": 2}", "t.json:1: expected ',' or '}'");
	json_bad_s("[1 2]", "t.json:1: expected ',' or ']'");
	json_bad_s("[1", "t.json:1: expected ',' or ']'");
	json_bad_s("{\"a\": [}", "t.json:1: unexpected character");
	json_bad_s("\"unterminated", "t.json:1: unterminated string");
	json_bad_s("\"bad \\x escape\"", "t.json:1: bad escape in a string");
	json_bad_s("\"\\u12\"", "t.json:1: bad \\u escape");
	json_bad_s("\"\\u12g4\"", "t.json:1: bad \\u escape");
	json_bad_s("", "t.json:1: unexpected end of the document");
	json_bad_s("   \n ", "t.json:2: unexpected end of the document");
	json_bad_s("\"\xc3\x28\"", "t.json:1: invalid UTF-8");
	json_bad_s("[\"ok\",\n\n\"\xff\"]", "t.json:3: invalid UTF-8");
}

/* n nested arrays around the value inner (may be ""). */
static char *
nested(int n, const char *inner)
{
	sbuf b;
	sb_init(&b);
	for (int i = 0; i < n; i++)
		sb_addc(&b, '[');
	sb_adds(&b, inner);
	for (int i = 0; i < n; i++)
		sb_addc(&b, ']');
	return sb_take(&b);
}

static void
test_json_depth(void **state)
{
	(void)state;
	vb_err err;
	char *s;
	jval *v;
	/* 64 levels are fine, whatever the innermost value */
	s = nested(64, "");
	v = jparse(s, &err);
	if (!v)
		fail_msg("64 levels rejected: %s", err.msg);
	json_free(v);
	free(s);
	s = nested(64, "1");
	v = jparse(s, &err);
	if (!v)
		fail_msg("64 levels around a number rejected: %s", err.msg);
	json_free(v);
	free(s);
	s = nested(63, "{\"a\": 1}");
	v = jparse(s, &err);
	if (!v)
		fail_msg("63 arrays around an object rejected: %s", err.msg);
	json_free(v);
	free(s);
	/* 65 are too deep */
	s = nested(65, "");
	json_bad_s(s, "t.json:1: nested too deeply");
	free(s);
	s = nested(65, "1");
	json_bad_s(s, "t.json:1: nested too deeply");
	free(s);
	s = nested(64, "{}");
	json_bad_s(s, "t.json:1: nested too deeply");
	free(s);
	s = nested(100000, "");	/* no stack overflow */
	json_bad_s(s, "t.json:1: nested too deeply");
	free(s);
}

static void
test_json_error_lines(void **state)
{
	(void)state;
	json_bad_s("{\n  \"a\": 1,\n  \"a\": 2\n}", "t.json:3: duplicate key in an object");
	json_bad_s("[\n  1,\n  2,\n]", "t.json:4: unexpected character");
	json_bad_s("{\n\"a\":\n\"x\ty\"}", "t.json:3: control character in a string (escape it)");
	json_bad_s("\r\n\r\n[1,\r\n\"\\ud800\"]", "t.json:4: lone high surrogate in \\u escape");
	json_bad_s("[\n1\n]\n\n\nx", "t.json:6: unexpected data after the document");
	/* the line of each value is kept */
	vb_err err;
	jval *v = jparse("[\n\n  {\"a\":\n 1},\n  2\n]", &err);
	assert_non_null(v);
	assert_int_equal(v->line, 1);
	assert_int_equal(v->items[0].line, 3);
	assert_int_equal(v->items[0].items[0].line, 4);
	assert_int_equal(v->items[1].line, 5);
	json_free(v);
}

static void
test_json_writer(void **state)
{
	(void)state;
	sbuf b;
	jw w;
	sb_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_key(&w, "a");
	jw_int(&w, 1);
	jw_key(&w, "neg");
	jw_int(&w, INT64_MIN);
	jw_key(&w, "s");
	jw_str(&w, "x\"y\\z\n\r\t\x01\x7f ä/");
	jw_key(&w, "n");
	jw_str(&w, NULL);
	jw_key(&w, "z");
	jw_null(&w);
	jw_key(&w, "b");
	jw_bool(&w, 1);
	jw_key(&w, "f");
	jw_bool(&w, 0);
	jw_key(&w, "r");
	jw_raw(&w, "12.5");
	jw_key(&w, "arr");
	jw_arr(&w);
	jw_int(&w, 1);
	jw_str(&w, "two");
	jw_arr_end(&w);
	jw_key(&w, "recs");
	jw_arr(&w);
	jw_obj(&w);
	jw_key(&w, "k");
	jw_str(&w, "v");
	jw_obj_end(&w);
	jw_obj(&w);
	jw_key(&w, "k");
	jw_str(&w, "w");
	jw_key(&w, "l");
	jw_arr(&w);
	jw_int(&w, 1);
	jw_int(&w, 2);
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_key(&w, "e");
	jw_arr(&w);
	jw_arr_end(&w);
	jw_key(&w, "eo");
	jw_obj(&w);
	jw_obj_end(&w);
	jw_key(&w, "k\"ey");
	jw_int(&w, 0);
	jw_obj_end(&w);
	assert_string_equal(b.s,
		"{\n"
		"  \"a\": 1,\n"
		"  \"neg\": -9223372036854775808,\n"
		"  \"s\": \"x\\\"y\\\\z\\n\\r\\t\\u0001\\u007f ä/\",\n"
		"  \"n\": null,\n"
		"  \"z\": null,\n"
		"  \"b\": true,\n"
		"  \"f\": false,\n"
		"  \"r\": 12.5,\n"
		"  \"arr\": [\n"
		"    1,\n"
		"    \"two\"\n"
		"  ],\n"
		"  \"recs\": [\n"
		"    {\"k\": \"v\"},\n"
		"    {\"k\": \"w\", \"l\": [1, 2]}\n"
		"  ],\n"
		"  \"e\": [],\n"
		"  \"eo\": {},\n"
		"  \"k\\\"ey\": 0\n"
		"}\n");
	/* what the writer writes, the parser reads back */
	vb_err err;
	jval *v = json_parse("w.json", b.s, b.len, &err);
	if (!v)
		fail_msg("%s", err.msg);
	assert_string_equal(json_get(v, "s")->s, "x\"y\\z\n\r\t\x01\x7f ä/");
	assert_string_equal(json_get(v, "neg")->s, "-9223372036854775808");
	assert_non_null(json_get(v, "k\"ey"));
	json_free(v);

	/* a writer made compact at the top writes one line */
	sb_reset(&b);
	jw_init(&w, &b);
	w.compact[0] = 1;
	jw_obj(&w);
	jw_key(&w, "a");
	jw_int(&w, 1);
	jw_key(&w, "b");
	jw_arr(&w);
	jw_int(&w, 1);
	jw_obj(&w);
	jw_key(&w, "c");
	jw_null(&w);
	jw_obj_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	assert_string_equal(b.s, "{\"a\": 1, \"b\": [1, {\"c\": null}]}\n");

	/* a top-level array of records */
	sb_reset(&b);
	jw_init(&w, &b);
	jw_arr(&w);
	jw_arr_end(&w);
	assert_string_equal(b.s, "[]\n");

	sb_reset(&b);
	json_quote(&b, "");
	json_quote(&b, "\x1b[0m");
	assert_string_equal(b.s, "\"\"\"\\u001b[0m\"");
	sb_free(&b);
}

/* =============================================================== output */

static char *
render(const out_table *t, int fmt, int single)
{
	sbuf b;
	sb_init(&b);
	out_render(t, fmt, single, &b);
	if (!b.s)
		return xstrdup("");
	return sb_take(&b);
}

#define EXPECT_RENDER(t, fmt, single, want) do {			\
		char *got_ = render(t, fmt, single);			\
		assert_string_equal(got_, want);			\
		free(got_);						\
	} while (0)

/* name TEXT, amount CENTS, share DEC4, n INT, day DATE, ok BOOL */
static out_table *
sample_table(void)
{
	out_table *t = out_new();
	out_col(t, "name", CT_TEXT);
	out_col(t, "amount", CT_CENTS);
	out_col(t, "share", CT_DEC4);
	out_col(t, "n", CT_INT);
	out_col(t, "day", CT_DATE);
	out_col(t, "ok", CT_BOOL);
	out_row(t);
	out_text(t, 0, "=1+2");
	out_int(t, 1, 123456);
	out_int(t, 2, 125000);
	out_int(t, 3, -3);
	out_text(t, 4, "2024-01-01");
	out_int(t, 5, 1);
	out_row(t);
	out_text(t, 0, "Müller, \"X\"");
	out_int(t, 1, -5);
	out_int(t, 2, 30000);
	out_int(t, 3, 42);
	out_int(t, 5, 0);	/* day stays null */
	return t;
}

static void
test_out_formats(void **state)
{
	(void)state;
	assert_int_equal(out_fmt_parse("table"), FMT_TABLE);
	assert_int_equal(out_fmt_parse("csv"), FMT_CSV);
	assert_int_equal(out_fmt_parse("csv-de"), FMT_CSV_DE);
	assert_int_equal(out_fmt_parse("json"), FMT_JSON);
	assert_int_equal(out_fmt_parse("md"), FMT_MD);
	assert_int_equal(out_fmt_parse("xml"), -1);
	assert_int_equal(out_fmt_parse("CSV"), -1);
	assert_int_equal(out_fmt_parse(""), -1);
	assert_string_equal(out_fmt_name(FMT_CSV_DE), "csv-de");
	assert_string_equal(out_fmt_name(FMT_MD), "md");
	assert_string_equal(out_fmt_name(99), "?");
}

static void
test_out_csv(void **state)
{
	(void)state;
	out_table *t = sample_table();
	EXPECT_RENDER(t, FMT_CSV, 0,
		      "name,amount,share,n,day,ok\n"
		      "'=1+2,1234.56,12.5,-3,2024-01-01,true\n"
		      "\"Müller, \"\"X\"\"\",-0.05,3,42,,false\n");
	out_free(t);
}

static void
test_out_csv_de(void **state)
{
	(void)state;
	out_table *t = sample_table();
	EXPECT_RENDER(t, FMT_CSV_DE, 0,
		      "\xef\xbb\xbf" "name;amount;share;n;day;ok\r\n"
		      "'=1+2;1234,56;12,5;-3;2024-01-01;true\r\n"
		      "\"Müller, \"\"X\"\"\";-0,05;3;42;;false\r\n");
	out_free(t);
	/* a ';' in a value is quoted, a ',' is not */
	t = out_new();
	out_col(t, "a;b", CT_TEXT);
	out_col(t, "c", CT_TEXT);
	out_row(t);
	out_text(t, 0, "x;y");
	out_text(t, 1, "1,5");
	EXPECT_RENDER(t, FMT_CSV_DE, 0, "\xef\xbb\xbf\"a;b\";c\r\n\"x;y\";1,5\r\n");
	EXPECT_RENDER(t, FMT_CSV, 0, "a;b,c\nx;y,\"1,5\"\n");
	out_free(t);
	/* no rows: the header alone */
	t = out_new();
	out_col(t, "code", CT_TEXT);
	EXPECT_RENDER(t, FMT_CSV_DE, 0, "\xef\xbb\xbf" "code\r\n");
	EXPECT_RENDER(t, FMT_CSV, 0, "code\n");
	out_free(t);
}

static void
test_out_guard(void **state)
{
	(void)state;
	assert_true(out_needs_guard("=x"));
	assert_true(out_needs_guard("+x"));
	assert_true(out_needs_guard("-x"));
	assert_true(out_needs_guard("@x"));
	assert_true(out_needs_guard("\tx"));
	assert_true(out_needs_guard("\rx"));
	assert_false(out_needs_guard("x=1"));
	assert_false(out_needs_guard(" =x"));
	assert_false(out_needs_guard("'=x"));
	assert_false(out_needs_guard("\nx"));
	assert_false(out_needs_guard(""));
	assert_false(out_needs_guard(NULL));

	out_table *t = out_new();
	out_col(t, "text", CT_TEXT);
	out_col(t, "int", CT_INT);
	out_col(t, "cents", CT_CENTS);
	out_col(t, "dec", CT_DEC4);
	out_col(t, "raw", CT_RAW);
	static const char *const texts[] = {"=HYPERLINK(\"x\")", "+49 5371", "-minus", "@SUM(A1)",
					    "\tTab", "\rCR", "a=b", "", NULL};
	for (int i = 0; texts[i]; i++) {
		out_row(t);
		out_text(t, 0, texts[i]);
		out_int(t, 1, -(int64_t)i - 1);
		out_int(t, 2, -(int64_t)i * 100 - 1);
		out_int(t, 3, -(int64_t)i * 10000 - 5000);
		out_text(t, 4, "-raw");
	}
	/* numbers (negative ones too) and raw text are never prefixed */
	EXPECT_RENDER(t, FMT_CSV, 0,
		      "text,int,cents,dec,raw\n"
		      "\"'=HYPERLINK(\"\"x\"\")\",-1,-0.01,-0.5,-raw\n"
		      "'+49 5371,-2,-1.01,-1.5,-raw\n"
		      "'-minus,-3,-2.01,-2.5,-raw\n"
		      "'@SUM(A1),-4,-3.01,-3.5,-raw\n"
		      "'\tTab,-5,-4.01,-4.5,-raw\n"
		      "\"'\rCR\",-6,-5.01,-5.5,-raw\n"
		      "a=b,-7,-6.01,-6.5,-raw\n"
		      ",-8,-7.01,-7.5,-raw\n");
	EXPECT_RENDER(t, FMT_CSV_DE, 0,
		      "\xef\xbb\xbf" "text;int;cents;dec;raw\r\n"
		      "\"'=HYPERLINK(\"\"x\"\")\";-1;-0,01;-0,5;-raw\r\n"
		      "'+49 5371;-2;-1,01;-1,5;-raw\r\n"
		      "'-minus;-3;-2,01;-2,5;-raw\r\n"
		      "'@SUM(A1);-4;-3,01;-3,5;-raw\r\n"
		      "'\tTab;-5;-4,01;-4,5;-raw\r\n"
		      "\"'\rCR\";-6;-5,01;-5,5;-raw\r\n"
		      "a=b;-7;-6,01;-6,5;-raw\r\n"
		      ";-8;-7,01;-7,5;-raw\r\n");
	/* JSON carries the text unchanged */
	char *js = render(t, FMT_JSON, 0);
	assert_non_null(strstr(js, "{\"text\": \"-minus\", \"int\": -3, \"cents_cents\": -201, \"dec\": -2.5, \"raw\": \"-raw\"}"));
	assert_null(strstr(js, "'"));
	free(js);
	out_free(t);
}

static void
test_out_json(void **state)
{
	(void)state;
	out_table *t = sample_table();
	EXPECT_RENDER(t, FMT_JSON, 0,
		      "[\n"
		      "  {\"name\": \"=1+2\", \"amount_cents\": 123456, \"share\": 12.5, \"n\": -3, \"day\": \"2024-01-01\", \"ok\": true},\n"
		      "  {\"name\": \"Müller, \\\"X\\\"\", \"amount_cents\": -5, \"share\": 3, \"n\": 42, \"day\": null, \"ok\": false}\n"
		      "]\n");
	EXPECT_RENDER(t, FMT_JSON, 1,
		      "{\n"
		      "  \"name\": \"=1+2\",\n"
		      "  \"amount_cents\": 123456,\n"
		      "  \"share\": 12.5,\n"
		      "  \"n\": -3,\n"
		      "  \"day\": \"2024-01-01\",\n"
		      "  \"ok\": true\n"
		      "}\n");
	/* the output is valid JSON */
	char *js = render(t, FMT_JSON, 0);
	vb_err err;
	jval *v = json_parse("out", js, strlen(js), &err);
	assert_non_null(v);
	assert_int_equal(v->t, JARR);
	assert_int_equal(v->n, 2);
	assert_string_equal(json_get(&v->items[1], "amount_cents")->s, "-5");
	json_free(v);
	free(js);
	out_free(t);
	/* empty lists and a missing single record */
	t = out_new();
	out_col(t, "code", CT_TEXT);
	EXPECT_RENDER(t, FMT_JSON, 0, "[]\n");
	EXPECT_RENDER(t, FMT_JSON, 1, "null\n");
	/* a null text cell is null, control characters are escaped */
	out_row(t);
	out_row(t);
	out_text(t, 0, "a\nb\x01");
	EXPECT_RENDER(t, FMT_JSON, 0, "[\n  {\"code\": null},\n  {\"code\": \"a\\nb\\u0001\"}\n]\n");
	out_free(t);
}

static void
test_out_md(void **state)
{
	(void)state;
	out_table *t = out_new();
	out_col(t, "name", CT_TEXT);
	out_col(t, "amount", CT_CENTS);
	out_col(t, "x", CT_TEXT);
	out_row(t);
	out_text(t, 0, "a|b");
	out_int(t, 1, 123456);
	out_text(t, 2, "=y");
	out_row(t);
	out_text(t, 0, "l1\nl2");
	out_int(t, 1, -5);
	out_text(t, 2, "t\tz");
	EXPECT_RENDER(t, FMT_MD, 0,
		      "| name     |  amount | x   |\n"
		      "| -------- | ------: | --- |\n"
		      "| a\\|b     | 1234.56 | =y  |\n"
		      "| l1<br>l2 |   -0.05 | t z |\n");
	out_free(t);
}

static void
test_out_table(void **state)
{
	(void)state;
	/* the test runs in the C locale: no thousands separators */
	out_table *t = out_new();
	out_col(t, "name", CT_TEXT);
	out_col(t, "amount", CT_CENTS);
	out_col(t, "note", CT_TEXT);
	out_row(t);
	out_text(t, 0, "=x");
	out_int(t, 1, 123456);
	out_text(t, 2, "a\nb");
	out_row(t);
	out_text(t, 0, "Müller");
	out_int(t, 1, -5);
	out_text(t, 2, "\x1b[31mred");
	EXPECT_RENDER(t, FMT_TABLE, 0,
		      "name     amount  note\n"
		      "------  -------  --------\n"
		      "'=x     1234.56  a\xe2\x86\xb5" "b\n"
		      "Müller    -0.05  \xef\xbf\xbd[31mred\n");
	/* a single record is a field list */
	EXPECT_RENDER(t, FMT_TABLE, 1,
		      "name:   '=x\n"
		      "amount: 1234.56\n"
		      "note:   a\xe2\x86\xb5" "b\n"
		      "name:   Müller\n"
		      "amount: -0.05\n"
		      "note:   \xef\xbf\xbd[31mred\n");
	out_free(t);
	/* the guard and control characters in a table */
	t = out_new();
	out_col(t, "v", CT_TEXT);
	out_row(t);
	out_text(t, 0, "\tx");
	out_row(t);
	out_text(t, 0, "-1");
	EXPECT_RENDER(t, FMT_TABLE, 0, "v\n---\n'\xef\xbf\xbdx\n'-1\n");
	out_free(t);
}

static void
test_out_cells(void **state)
{
	(void)state;
	out_table *t = out_new();
	out_col(t, "a", CT_TEXT);
	out_col(t, "b", CT_INT);
	for (int i = 0; i < 100; i++) {	/* grows past the first allocation */
		out_row(t);
		char s[16];
		snprintf(s, sizeof s, "r%d", i);
		out_text(t, 0, s);
		out_int(t, 1, i);
	}
	assert_int_equal(t->nrows, 100);
	assert_string_equal(out_at(t, 77, 0)->s, "r77");
	assert_int_equal(out_at(t, 77, 1)->i, 77);
	assert_false(out_at(t, 77, 1)->null);
	out_row(t);
	assert_true(out_at(t, 100, 0)->null);
	out_text(t, 0, "x");
	out_null(t, 0);
	assert_true(out_at(t, 100, 0)->null);
	assert_null(out_at(t, 100, 0)->s);
	out_text(t, 0, NULL);
	assert_true(out_at(t, 100, 0)->null);
	out_free(t);
	out_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_leap_rules),
		cmocka_unit_test(test_date_day_numbers),
		cmocka_unit_test(test_date_parse_valid),
		cmocka_unit_test(test_date_parse_invalid),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_add_months),
		cmocka_unit_test(test_date_overlap),
		cmocka_unit_test(test_amount_accepted),
		cmocka_unit_test(test_amount_rejected),
		cmocka_unit_test(test_dec4),
		cmocka_unit_test(test_ambiguous_and_grouped),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_format_cents),
		cmocka_unit_test(test_format_dec4),
		cmocka_unit_test(test_csv_basic),
		cmocka_unit_test(test_csv_quoted),
		cmocka_unit_test(test_csv_delimiter),
		cmocka_unit_test(test_csv_bom_crlf_blank),
		cmocka_unit_test(test_csv_trailing_delimiter),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_quote),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_json_rejects),
		cmocka_unit_test(test_json_depth),
		cmocka_unit_test(test_json_error_lines),
		cmocka_unit_test(test_json_writer),
		cmocka_unit_test(test_out_formats),
		cmocka_unit_test(test_out_csv),
		cmocka_unit_test(test_out_csv_de),
		cmocka_unit_test(test_out_guard),
		cmocka_unit_test(test_out_json),
		cmocka_unit_test(test_out_md),
		cmocka_unit_test(test_out_table),
		cmocka_unit_test(test_out_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL) ? 1 : 0;
}
