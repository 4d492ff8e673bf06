/* Calendar dates: parsing (YYYY-MM-DD, D.M.YYYY), formatting, and
 * exact arithmetic on day numbers. */
#include "date.h"


int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : mdays[m - 1];
}

int
date_days_in_year(int y)
{
	return date_is_leap(y) ? 366 : 365;
}

/* Howard Hinnant's days_from_civil, for the proleptic Gregorian calendar. */
vb_date
date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (vb_date)(era * 146097 + doe - 719468);
}

void
date_to_ymd(vb_date z, int *year, int *month, int *day)
{
	int32_t zz = z + 719468;
	int era = (zz >= 0 ? zz : zz - 146096) / 146097;
	int doe = zz - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

int
date_year(vb_date d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return y;
}

int
date_valid(int y, int m, int d)
{
	return y >= VB_DATE_MIN_YEAR && y <= VB_DATE_MAX_YEAR && m >= 1 && m <= 12 &&
	       d >= 1 && d <= date_days_in_month(y, m);
}

/* Reads 1..maxd decimal digits; returns the number of digits read. */
static int
read_digits(const char **p, int maxd, int *val)
{
	int n = 0, v = 0;
	while (n < maxd && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*val = v;
	return n;
}

int
date_parse(const char *s, vb_date *out)
{
	int y, m, d;
	const char *p = s;
	if (!s)
		return -1;
	if (read_digits(&p, 4, &y) == 4 && *p == '-') {
		p++;
		if (read_digits(&p, 2, &m) != 2 || *p != '-')
			return -1;
		p++;
		if (read_digits(&p, 2, &d) != 2 || *p != '\0')
			return -1;
	} else {
		p = s;
		int nd = read_digits(&p, 2, &d);
		if (nd < 1 || *p != '.')
			return -1;
		p++;
		nd = read_digits(&p, 2, &m);
		if (nd < 1 || *p != '.')
			return -1;
		p++;
		if (read_digits(&p, 4, &y) != 4 || *p != '\0')
			return -1;
	}
	if (!date_valid(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* Writes n decimal digits of v (zero-padded) at p. */
static char *
put_digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

char *
date_format(vb_date d, char *buf)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	char *p = put_digits(buf, (unsigned)y, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)m, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)dd, 2);
	*p = '\0';
	return buf;
}

char *
date_format_de(vb_date d, char *buf)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	char *p = put_digits(buf, (unsigned)dd, 2);
	*p++ = '.';
	p = put_digits(p, (unsigned)m, 2);
	*p++ = '.';
	p = put_digits(p, (unsigned)y, 4);
	*p = '\0';
	return buf;
}

vb_date
date_add_months(vb_date d, int months)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	int idx = y * 12 + (m - 1) + months;
	int ny = idx >= 0 ? idx / 12 : (idx - 11) / 12;
	int nm = idx - ny * 12 + 1;
	if (ny < 1)
		return date_from_ymd(1, 1, 1);
	if (ny > VB_DATE_MAX_YEAR)
		return date_year_end(VB_DATE_MAX_YEAR);
	int dim = date_days_in_month(ny, nm);
	return date_from_ymd(ny, nm, dd > dim ? dim : dd);
}

vb_date
date_add_years(vb_date d, int years)
{
	return date_add_months(d, years * 12);
}

vb_date
date_year_start(int year)
{
	return date_from_ymd(year, 1, 1);
}

vb_date
date_year_end(int year)
{
	return date_from_ymd(year, 12, 31);
}

int32_t
date_overlap_days(vb_date a, vb_date b, vb_date lo, vb_date hi)
{
	vb_date s = a > lo ? a : lo;
	vb_date e = b < hi ? b : hi;
	return e >= s ? e - s + 1 : 0;
}

vb_date
date_anniversary(vb_date d, int years)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	y += years;
	/* never beyond 0001-01-01 … 9999-12-31 (the day after the last day
	 * stands for "after the range") */
	if (y < 1)
		return date_from_ymd(1, 1, 1);
	if (y > VB_DATE_MAX_YEAR)
		return date_year_end(VB_DATE_MAX_YEAR) + 1;
	if (m == 2 && dd == 29 && !date_is_leap(y)) {
		m = 3;
		dd = 1;
	}
	return date_from_ymd(y, m, dd);
}

int
date_term_fits(vb_date d, int years)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return y + years < VB_DATE_MAX_YEAR + 1 || (y + years == VB_DATE_MAX_YEAR + 1 && m == 1 && dd == 1);
}
