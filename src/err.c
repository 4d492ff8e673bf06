#include "config.h"
#include "err.h"

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

static void
vreport(int level, const char *fmt, va_list ap)
{
	char buf[2048];
	vsnprintf(buf, sizeof buf, fmt, ap);
	if (level > 0 && quiet)
		return;
	if (reporter) {
		reporter(level == 0, buf);
		return;
	}
	fflush(stdout);
	fprintf(stderr, "verbund: %s%s\n", level == 1 ? "warning: " : "", buf);
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
