/* Calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian).  Never time_t: calendar arithmetic stays exact. */
#ifndef VB_DATE_H
#define VB_DATE_H

#include <stdint.h>

typedef int32_t vb_date;	/* days since 1970-01-01 */

#define VB_DATE_MIN_YEAR 1000
#define VB_DATE_MAX_YEAR 9999
#define VB_DATE_BUFSZ 11	/* "YYYY-MM-DD" + NUL */

int date_is_leap(int year);
int date_days_in_month(int year, int month);
int date_days_in_year(int year);
/* Day number of a valid civil date (no range check). */
vb_date date_from_ymd(int year, int month, int day);
void date_to_ymd(vb_date d, int *year, int *month, int *day);
int date_year(vb_date d);
/* 1 when y-m-d is a real date within the supported years. */
int date_valid(int year, int month, int day);
/* Parse "YYYY-MM-DD" or "D.M.YYYY" (one or two digits for day and month).
 * Returns 0 on success, -1 when the text is not a real date. */
int date_parse(const char *s, vb_date *out);
/* "YYYY-MM-DD" into buf (VB_DATE_BUFSZ bytes); returns buf. */
char *date_format(vb_date d, char *buf);
/* "DD.MM.YYYY" into buf (VB_DATE_BUFSZ bytes); returns buf. */
char *date_format_de(vb_date d, char *buf);
/* Add months, clamping the day to the end of the target month
 * (2028-08-31 - 6 months = 2028-02-29); results stay within
 * 0001-01-01 … 9999-12-31 (saturated). */
vb_date date_add_months(vb_date d, int months);
/* Add years with the same clamping (2024-02-29 + 1 year = 2025-02-28). */
vb_date date_add_years(vb_date d, int years);
/* The same calendar date `years` later; a 29 February falls on 1 March
 * in years without it.  Beyond 9999 the result is 10000-01-01, so that
 * "the day before" is 9999-12-31; callers refuse such input. */
vb_date date_anniversary(vb_date d, int years);
/* 1 when a term of `years` from d ends (the day before the
 * anniversary) on 9999-12-31 or earlier. */
int date_term_fits(vb_date d, int years);
/* First and last day of a year. */
vb_date date_year_start(int year);
vb_date date_year_end(int year);
/* Number of days of the inclusive range [a, b] that fall in [lo, hi];
 * 0 when they do not overlap. */
int32_t date_overlap_days(vb_date a, vb_date b, vb_date lo, vb_date hi);

#endif
