/* The output module's parts among themselves (src/out_table.c builds
 * tables, src/out.c renders them): the locale's conventions for people
 * and the stream's hooks that a table calls. */
#ifndef VB_OUT_INT_H
#define VB_OUT_INT_H

#include "out.h"

/* The locale's conventions for table output (for people): LC_NUMERIC's
 * separators; the euro sign placed as LC_MONETARY places it when the
 * locale's currency is the euro ("1.234,56 €" in de_DE); day-first
 * dates with dots where LC_TIME writes them so (de_DE "%d.%m.%Y"). */
typedef struct tab_locale {
	const char *dec, *sep;
	int euro;		/* the currency symbol is "€" */
	int before, space;	/* symbol before the number; blank between */
	int nbefore, nspace;	/* the same for negative amounts */
	int dmy;		/* dates as DD.MM.YYYY */
} tab_locale;

void tab_locale_get(tab_locale *l);
char *tab_cents(const tab_locale *l, int64_t cents, char *buf);
const char *tab_date(const tab_locale *l, const char *iso, char *buf);
void stream_free(out_stream *st, int ncols);
void stream_pending(out_table *t);
/* Hands the row being built to t->each and makes its cells empty. */
void each_pending(out_table *t, int last);

#endif
