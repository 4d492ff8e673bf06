/* The consistency check (spec §3.4): what would stop an allocation and
 * what is probably wrong, over every year with data. */
#ifndef VB_CHECK_H
#define VB_CHECK_H

#include "date.h"
#include "db.h"
#include "err.h"
#include "out.h"

/* The report for one year, or (year 0) for every year from the first to
 * the last with a cost, figure, grant or advance; columns
 * severity,year,entity,code,message (year empty for findings of no
 * year).  first_due: "MM-DD" of the first advance instalment, or NULL.
 * *errors counts the rows of severity error; *from and *to the years
 * checked (0 when there were none). */
out_table *check_table(vb_db *db, int year, vb_date today, const char *first_due, int *errors,
		       int *from, int *to, vb_err *err);
/* The same rows added to t (kept or streamed): 0, or -1 with err. */
int check_rows(vb_db *db, int year, vb_date today, const char *first_due, out_table *t, int *errors,
	       int *from, int *to, vb_err *err);

#endif
