/* Progress of long batch work on stderr: shown only when stderr is a
 * terminal and -q was not given, once the work has run for a second
 * (VERBUND_PROGRESS_DELAY_MS changes that, for tests), at most ten
 * times a second, as "import: 120000 of 648000 rows (18 %), 95000
 * rows/s"; the line is cleared when the work ends. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cli_progress_init(cli_progress *p, const vb_ctx *ctx)
{
	const char *d = getenv("VERBUND_PROGRESS_DELAY_MS");
	p->enabled = !ctx->quiet && isatty(STDERR_FILENO);
	p->delay = d && *d ? atof(d) / 1000.0 : 1.0;
	p->start = now_s();
	p->last = 0;
	p->shown = 0;
	p->pub.fn = cli_progress_show;
	p->pub.arg = p;
}

void
cli_progress_show(void *arg, const char *what, uint64_t done, uint64_t total)
{
	cli_progress *p = arg;
	if (!p->enabled || (!done && !total))
		return;
	if (total && done >= total) {
		if (p->shown)
			fputs("\r\033[K", stderr);
		p->shown = 0;
		return;
	}
	double t = now_s(), run = t - p->start;
	if (run < p->delay || (p->shown && t - p->last < 0.1))
		return;
	p->last = t;
	p->shown = 1;
	double rate = run > 0 ? (double)done / run : 0;
	fputc('\r', stderr);
	if (total)
		fprintf(stderr, _("%s: %llu of %llu (%d %%), %.0f/s"), what, (unsigned long long)done,
			(unsigned long long)total, (int)(done * 100 / total), rate);
	else
		fprintf(stderr, _("%s: %llu, %.0f/s"), what, (unsigned long long)done, rate);
	fputs("\033[K", stderr);
	fflush(stderr);
}
