/* Errors and messages: setting a vb_err, and reporting to stderr or
 * to the reporter the TUI installs, with control characters escaped. */
#include "config.h"
#include "err.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static vb_reporter reporter;
static int quiet;

int
err_set(vb_err *err, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = status;
		err->field = -1;
	}
	return -1;
}

int
err_set_field(vb_err *err, int field, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = status;
		err->field = field;
	}
	return -1;
}

int
err_prefix(vb_err *err, const char *fmt, ...)
{
	if (err) {
		char head[512], old[sizeof err->msg];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(head, sizeof head, fmt, ap);
		va_end(ap);
		size_t hl = strlen(head);
		memcpy(old, err->msg, sizeof old);
		if (hl + 2 >= sizeof err->msg)
			hl = sizeof err->msg - 3;
		memcpy(err->msg, head, hl);
		memcpy(err->msg + hl, ": ", 2);
		size_t room = sizeof err->msg - hl - 3, ol = strlen(old);
		if (ol > room)
			ol = room;
		memcpy(err->msg + hl + 2, old, ol);
		err->msg[hl + 2 + ol] = '\0';
	}
	return -1;
}

void
err_clear(vb_err *err)
{
	err->status = 0;
	err->field = -1;
	err->msg[0] = '\0';
}

void
report_set(vb_reporter fn)
{
	reporter = fn;
}

void
report_quiet(int q)
{
	quiet = q;
}

/* Copies a message for a terminal: control characters (C0, DEL, C1)
 * and bytes that are not UTF-8 become "\xNN", so that a value from a
 * file or the command line (an escape sequence, a line break) never
 * reaches the terminal raw. */
static void
sanitize(char *out, size_t size, const char *in)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0;
	while (*p && o + 5 < size) {
		size_t len = 1;
		int bad = 0;
		if (*p < 0x20 || *p == 0x7f) {
			bad = 1;
		} else if (*p >= 0x80) {
			/* the length of a well-formed UTF-8 sequence, else 0 */
			unsigned c = *p;
			size_t need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
				      : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
			for (size_t k = 1; k < need; k++)
				if ((p[k] & 0xc0) != 0x80)
					need = 0;
			if (need == 3 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f)))
				need = 0;
			if (need == 4 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f)))
				need = 0;
			/* C1 controls U+0080..U+009F: 0xc2 0x80..0x9f */
			if (need == 2 && c == 0xc2 && p[1] <= 0x9f) {
				bad = 1;
				len = 2;
			} else if (need) {
				len = need;
			} else {
				bad = 1;
			}
		}
		if (bad) {
			for (size_t k = 0; k < len && o + 5 < size; k++)
				o += (size_t)snprintf(out + o, size - o, "\\x%02x", p[k]);
		} else {
			if (o + len >= size)
				break;
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
}

static void vreport(int level, const char *fmt, va_list ap) VB_PRINTF(2, 0);

static void
vreport(int level, const char *fmt, va_list ap)
{
	char raw[2048], buf[2048];
	vsnprintf(raw, sizeof raw, fmt, ap);
	if (level > 0 && quiet)
		return;
	sanitize(buf, sizeof buf, raw);
	if (reporter) {
		reporter(level == 0, buf);
		return;
	}
	fflush(stdout);
	fprintf(stderr, "verbund: %s%s\n", level == 1 ? _("warning: ") : "", buf);
}

void
report_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(0, fmt, ap);
	va_end(ap);
}

void
report_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(1, fmt, ap);
	va_end(ap);
}

void
report_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(2, fmt, ap);
	va_end(ap);
}

int
report_err(const vb_err *err)
{
	report_error("%s", err->msg);
	return err->status ? err->status : VB_EFAIL;
}
