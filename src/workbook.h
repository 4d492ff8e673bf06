/* The finance workbook (spec §7): every finance table of a year as one
 * Office Open XML spreadsheet, written through libxlsxwriter. */
#ifndef VB_WORKBOOK_H
#define VB_WORKBOOK_H

#include "db.h"
#include "err.h"

/* The largest amount a spreadsheet cell holds to the cent: 2^53 cents
 * (a cell is an IEEE double). */
#define WORKBOOK_CENTS_MAX INT64_C(9007199254740992)

typedef struct workbook_opts {
	int year;
	const char (*due)[6];	/* the configured due dates of advances, "MM-DD" */
	int ndue;
	const char *now;	/* the time made, as db_now() gives it */
} workbook_opts;

/* Writes the workbook of o->year to path: sheets Allocation (plan),
 * Allocation (actual), Advances, Settlement, Comparison (with the year
 * before), Explanation, each when its data exists; titles in the
 * locale's language.  Atomic (a temporary file in the same directory,
 * synced, renamed; an existing regular file is replaced, a link or
 * other non-regular file refused), mode 0600.  *sheets: how many were
 * written.  0, or -1 with err (nothing written then). */
int workbook_write(vb_db *db, const workbook_opts *o, const char *path, int *sheets, vb_err *err);

#endif
