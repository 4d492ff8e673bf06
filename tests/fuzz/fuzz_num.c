/* Fuzz harness: the parsers of amounts, decimals (figures, percentages,
 * FTE), whole numbers and dates (src/num.c, src/date.c).
 *
 * The input (up to its first NUL) is given to every parser.  When one
 * accepts it, the value is in its documented range and its formatted
 * text parses back to the same value; a date also survives the
 * calendar arithmetic that deadlines and credits use (months, years,
 * anniversaries stay valid dates in order). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "num.h"
#include "util.h"

static void
check_amount(const char *s)
{
	int64_t c, c2;
	char buf[VB_NUM_BUFSZ];
	if (num_parse_amount(s, &c) < 0)
		return;
	FUZZ_ASSERT(c >= 0 && c <= VB_AMOUNT_MAX);
	num_format_cents(c, buf, ".", NULL);
	FUZZ_ASSERT(num_parse_amount(buf, &c2) == 0 && c2 == c);
	num_format_cents(c, buf, ",", NULL);
	FUZZ_ASSERT(num_parse_amount(buf, &c2) == 0 && c2 == c);
	/* with a thousands separator it is no longer an amount we read */
	num_format_cents(c, buf, ",", ".");
	FUZZ_ASSERT(strlen(buf) < VB_NUM_BUFSZ);
}

static void
check_dec4(const char *s, int comma_ok)
{
	int64_t v, v2;
	char buf[VB_NUM_BUFSZ];
	if (num_parse_dec4(s, comma_ok, &v) < 0)
		return;
	FUZZ_ASSERT(v >= 0 && v <= VB_DEC4_MAX);
	FUZZ_ASSERT(comma_ok || !strchr(s, ','));
	num_format_dec4(v, buf, ".");
	FUZZ_ASSERT(num_parse_dec4(buf, 0, &v2) == 0 && v2 == v);
}

static void
check_int(const char *s, int64_t min, int64_t max)
{
	int64_t v, v2;
	char buf[32];
	if (num_parse_int(s, min, max, &v) < 0)
		return;
	FUZZ_ASSERT(v >= min && v <= max);
	snprintf(buf, sizeof buf, "%" PRId64, v);
	FUZZ_ASSERT(num_parse_int(buf, min, max, &v2) == 0 && v2 == v);
}

static void
check_date(const char *s, int months)
{
	vb_date d, d2;
	char buf[VB_DATE_BUFSZ];
	int y, m, dd;
	if (date_parse(s, &d) < 0)
		return;
	date_to_ymd(d, &y, &m, &dd);
	FUZZ_ASSERT(date_valid(y, m, dd));
	FUZZ_ASSERT(date_from_ymd(y, m, dd) == d);
	FUZZ_ASSERT(date_year(d) == y);
	date_format(d, buf);
	FUZZ_ASSERT(strlen(buf) == 10);
	FUZZ_ASSERT(date_parse(buf, &d2) == 0 && d2 == d);
	date_format_de(d, buf);
	FUZZ_ASSERT(date_parse(buf, &d2) == 0 && d2 == d);
	FUZZ_ASSERT(date_year_start(y) <= d && d <= date_year_end(y));
	FUZZ_ASSERT(date_overlap_days(d, d, date_year_start(y), date_year_end(y)) == 1);
	/* notice periods and terms: months and years either way */
	vb_date a = date_add_months(d, months);
	date_to_ymd(a, &y, &m, &dd);
	FUZZ_ASSERT(m >= 1 && m <= 12 && dd >= 1 && dd <= date_days_in_month(y, m));
	FUZZ_ASSERT(months >= 0 ? a >= d : a <= d);
	vb_date an = date_anniversary(d, months / 12 < 0 ? -(months / 12) : months / 12);
	FUZZ_ASSERT(an >= d);
	vb_date ay = date_add_years(d, months / 12);
	FUZZ_ASSERT(months / 12 >= 0 ? ay >= d : ay <= d);
}

FUZZ_ENTRY(num)
{
	char s[256];
	size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	/* a month count from the input for the calendar checks */
	int months = 0;
	for (size_t i = 0; i < n; i++)
		months = (months * 31 + (unsigned char)s[i]) % 2401;
	months -= 1200;

	check_amount(s);
	check_dec4(s, 0);
	check_dec4(s, 1);
	check_int(s, INT64_MIN + 1, INT64_MAX);
	check_int(s, 1000, 9999);
	check_int(s, -100, 100);
	check_date(s, months);
	return 0;
}
