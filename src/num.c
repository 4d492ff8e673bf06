#include "config.h"
#include "num.h"

#include <stdio.h>
#include <string.h>

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

int
num_parse_amount(const char *s, int64_t *cents)
{
	char bare[64];
	if (!s || strip_currency(s, bare, sizeof bare) < 0)
		return -1;
	return parse_fixed(bare, 1, 2, 2, VB_AMOUNT_MAX, cents);
}

int
num_parse_dec4(const char *s, int comma_ok, int64_t *v)
{
	if (!s)
		return -1;
	return parse_fixed(s, comma_ok, 4, 4, VB_DEC4_MAX, v);
}

int
num_parse_int(const char *s, int64_t min, int64_t max, int64_t *v)
{
	const char *p = s;
	int neg = 0;
	int64_t r = 0;
	if (!s)
		return -1;
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

/* Writes u in decimal with a thousands separator every three digits. */
static void
put_grouped(char *out, uint64_t u, const char *sep)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
	size_t sl = sep ? strlen(sep) : 0;
	char *o = out;
	for (int i = 0; i < n; i++) {
		if (i > 0 && sl && (n - i) % 3 == 0) {
			memcpy(o, sep, sl);
			o += sl;
		}
		*o++ = digits[i];
	}
	*o = '\0';
}

char *
num_format_cents(int64_t cents, char *buf, const char *dec, const char *sep)
{
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	char ip[40];
	if (sep && strlen(sep) > 3)
		sep = NULL;
	put_grouped(ip, u / 100, sep);
	snprintf(buf, VB_NUM_BUFSZ, "%s%s%s%02u", cents < 0 ? "-" : "", ip,
		 dec ? dec : ".", (unsigned)(u % 100));
	return buf;
}

char *
num_format_dec4(int64_t v, char *buf, const char *dec)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(u % 10000);
	int n = snprintf(buf, VB_NUM_BUFSZ, "%s%llu", v < 0 ? "-" : "",
			 (unsigned long long)(u / 10000));
	if (frac) {
		char f[8];
		snprintf(f, sizeof f, "%04u", frac);
		for (int i = 3; i > 0 && f[i] == '0'; i--)
			f[i] = '\0';
		snprintf(buf + n, VB_NUM_BUFSZ - (size_t)n, "%s%s", dec ? dec : ".", f);
	}
	return buf;
}
