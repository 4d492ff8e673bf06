/* Parsing and formatting of exact numbers: amounts in cents, figures
 * and percentages in ten-thousandths, integers. */
#include "config.h"
#include "num.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Strips an optional currency ("EUR" or "€") before or after the number;
 * copies the bare number into out (size n). 0 or -1. */
static int
strip_currency(const char *s, char *out, size_t n)
{
	static const char *const marks[] = {"EUR", "\xe2\x82\xac"};
	const char *p = skip_spaces(s);
	size_t len;
	int prefixed = 0;
	for (size_t i = 0; i < 2 && !prefixed; i++) {
		size_t ml = strlen(marks[i]);
		if (strncmp(p, marks[i], ml) == 0) {
			p = skip_spaces(p + ml);
			prefixed = 1;
		}
	}
	len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	for (size_t i = 0; i < 2 && !prefixed; i++) {
		size_t ml = strlen(marks[i]);
		if (len >= ml && memcmp(p + len - ml, marks[i], ml) == 0) {
			len -= ml;
			while (len && p[len - 1] == ' ')
				len--;
			break;
		}
	}
	if (len == 0 || len >= n)
		return -1;
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}

/* Parses digits[sep digits] with at most maxdec decimals, scaled by
 * 10^scale. */
static int
parse_fixed(const char *s, int comma_ok, int maxdec, int scale, int64_t max, int64_t *v)
{
	const char *p = s;
	int64_t ip = 0, fp = 0;
	int nint = 0, ndec = 0;
	while (*p >= '0' && *p <= '9') {
		if (nint >= 15)
			return -1;
		ip = ip * 10 + (*p++ - '0');
		nint++;
	}
	if (nint == 0)
		return -1;
	if (*p == '.' || (comma_ok && *p == ',')) {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (ndec >= maxdec)
				return -1;
			fp = fp * 10 + (*p++ - '0');
			ndec++;
		}
		if (ndec == 0)
			return -1;
	}
	if (*p != '\0')
		return -1;
	int64_t mul = 1;
	for (int i = 0; i < scale; i++)
		mul *= 10;
	for (int i = ndec; i < scale; i++)
		fp *= 10;
	if (ip > max / mul)
		return -1;
	int64_t r = ip * mul + fp;
	if (r > max)
		return -1;
	*v = r;
	return 0;
}

static int
is_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return n > 0;
}

/* A first group of a grouped number: 1-3 digits, no leading zero. */
static int
first_group(const char *p, size_t n)
{
	return n >= 1 && n <= 3 && p[0] != '0' && is_digits(p, n);
}

int
num_ambiguous(const char *s)
{
	char t[64];
	if (!s || num_trim(s, t, sizeof t) < 0)
		return 0;
	size_t n = strlen(t), sep = strcspn(t, ".,");
	/* one separator, three digits after it, a possible first group
	 * before it ("0.375" and "1234.567" have one reading only) */
	return sep < n && n - sep == 4 && first_group(t, sep) && is_digits(t + sep + 1, 3);
}

/* German grouping: dots between groups of three digits, then a decimal
 * comma or at least two dots ("262.000,00", "1.234.567"; "1.234" alone is
 * ambiguous). Copies the number without the dots into out. 1 when s is
 * grouped so, 0 when it has no dot, -1 when it has dots otherwise. */
static int
ungroup(const char *s, char *out, size_t n)
{
	const char *comma = strchr(s, ',');
	size_t intlen = comma ? (size_t)(comma - s) : strlen(s);
	const char *dot = memchr(s, '.', intlen);
	int dots = 0;
	for (const char *p = s; *p; p++)
		dots += *p == '.';
	if (dots == 0 || (dots == 1 && !comma))
		return 0;	/* no grouping: a plain decimal point or comma */
	if (!dot || !first_group(s, (size_t)(dot - s)))
		return -1;
	for (const char *p = dot; p < s + intlen; p += 4)
		if (*p != '.' || (size_t)(s + intlen - p) < 4 || !is_digits(p + 1, 3))
			return -1;
	if (comma && strchr(comma, '.'))
		return -1;
	size_t k = 0;
	for (const char *p = s; *p; p++)
		if (*p != '.') {
			if (k + 1 >= n)
				return -1;
			out[k++] = *p;
		}
	out[k] = '\0';
	return 1;
}

/* Parses a number a person wrote: spaces around it ignored, German
 * grouping accepted, one separator before three digits refused as
 * ambiguous. */
static int
parse_human(const char *s, int maxdec, int scale, int64_t max, int64_t *v)
{
	char t[64], plain[64];
	if (num_trim(s, t, sizeof t) < 0)
		return NUM_EINVAL;
	if (num_ambiguous(t))
		return NUM_EAMBIG;
	int g = ungroup(t, plain, sizeof plain);
	if (g < 0)
		return NUM_EINVAL;
	return parse_fixed(g ? plain : t, 1, maxdec, scale, max, v) < 0 ? NUM_EINVAL : 0;
}

int
num_trim(const char *s, char *out, size_t n)
{
	const char *p = skip_spaces(s);
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	if (len >= n)
		return -1;
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}

int
num_parse_amount(const char *s, int64_t *cents)
{
	char bare[64];
	if (!s || strip_currency(s, bare, sizeof bare) < 0)
		return NUM_EINVAL;
	return parse_human(bare, 2, 2, VB_AMOUNT_MAX, cents);
}

int
num_parse_dec4(const char *s, int comma_ok, int64_t *v)
{
	char t[64];
	if (!s)
		return NUM_EINVAL;
	if (comma_ok)
		return parse_human(s, 4, 4, VB_DEC4_MAX, v);
	if (num_trim(s, t, sizeof t) < 0)
		return NUM_EINVAL;
	return parse_fixed(t, 0, 4, 4, VB_DEC4_MAX, v);
}

/* "12.345": the two readings and how to write each one unambiguously. */
void
num_explain_ambiguous(const char *s, int amount, char *buf, size_t n)
{
	char t[64], whole[64], dec[64];
	if ((amount ? strip_currency(s, t, sizeof t) : num_trim(s, t, sizeof t)) < 0 || !num_ambiguous(t)) {
		snprintf(buf, n, "%s", _("is not a number"));
		return;
	}
	size_t sep = strcspn(t, ".,");
	char mark = t[sep];
	snprintf(whole, sizeof whole, "%.*s%s", (int)sep, t, t + sep + 1);
	if (!amount)
		snprintf(dec, sizeof dec, "%s0", t);
	else if (t[sep + 3] == '0')
		snprintf(dec, sizeof dec, "%.*s", (int)sep + 3, t);
	else
		dec[0] = '\0';
	if (dec[0])
		snprintf(buf, n, mark == '.'
			 ? _("is ambiguous: a thousands separator (%s) or a decimal point (%.*s and %s thousandths)? Write %s or %s")
			 : _("is ambiguous: a thousands separator (%s) or a decimal comma (%.*s and %s thousandths)? Write %s or %s"),
			 whole, (int)sep, t, t + sep + 1, whole, dec);
	else
		snprintf(buf, n, mark == '.'
			 ? _("is ambiguous: a thousands separator (%s) or a decimal point (%.*s and %s thousandths, more decimals than an amount has)? Write %s")
			 : _("is ambiguous: a thousands separator (%s) or a decimal comma (%.*s and %s thousandths, more decimals than an amount has)? Write %s"),
			 whole, (int)sep, t, t + sep + 1, whole);
}

int
num_parse_int(const char *s, int64_t min, int64_t max, int64_t *v)
{
	const char *p = s;
	int neg = 0;
	int64_t r = 0;
	char t[32];
	if (!s || num_trim(s, t, sizeof t) < 0)
		return -1;
	p = t;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!*p)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || r > INT64_C(100000000000000000))
			return -1;
		r = r * 10 + (*p - '0');
	}
	if (neg)
		r = -r;
	if (r < min || r > max)
		return -1;
	*v = r;
	return 0;
}

/* Writes u in decimal with a thousands separator every three digits;
 * returns the end (no snprintf: allocations format millions of amounts). */
static char *
put_grouped(char *out, uint64_t u, const char *sep)
{
	char digits[24], *d = digits + sizeof digits;
	do
		*--d = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	int n = (int)(digits + sizeof digits - d);
	size_t sl = sep ? strlen(sep) : 0;
	char *o = out;
	for (int i = 0; i < n; i++) {
		if (i > 0 && sl && (n - i) % 3 == 0) {
			memcpy(o, sep, sl);
			o += sl;
		}
		*o++ = d[i];
	}
	*o = '\0';
	return o;
}

char *
num_format_cents(int64_t cents, char *buf, const char *dec, const char *sep)
{
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	char *o = buf;
	if (sep && strlen(sep) > 3)
		sep = NULL;
	if (!dec)
		dec = ".";
	if (strlen(dec) > 3)
		dec = ".";
	if (cents < 0)
		*o++ = '-';
	o = put_grouped(o, u / 100, sep);
	size_t dl = strlen(dec);
	memcpy(o, dec, dl);
	o += dl;
	*o++ = (char)('0' + u % 100 / 10);
	*o++ = (char)('0' + u % 10);
	*o = '\0';
	return buf;
}

char *
num_format_dec4(int64_t v, char *buf, const char *dec)
{
	/* digits written directly: an import logs every figure it writes */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(u % 10000);
	char *o = buf;
	if (v < 0)
		*o++ = '-';
	o = put_grouped(o, u / 10000, NULL);
	if (frac) {
		const char *d = dec ? dec : ".";
		size_t dl = strlen(d);
		if (dl > 8)	/* no separator is that long: the buffer's bound */
			dl = 8;
		memcpy(o, d, dl);
		o += dl;
		for (unsigned p = 1000; p > 0 && frac; p /= 10) {
			*o++ = (char)('0' + frac / p);
			frac %= p;
		}
		*o = '\0';
	}
	return buf;
}
