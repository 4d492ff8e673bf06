/* The deadlines as an iCalendar file (RFC 5545) for calendar programs. */
#ifndef VB_CALENDAR_H
#define VB_CALENDAR_H

#include "db.h"
#include "out.h"
#include "util.h"

/* Appends the calendar of deadlines (a table of deadlines_table():
 * date, days, kind, ref, description) to out: one all-day event per
 * deadline, each with an alarm alarm_days days before (<0: none).
 * now: the export's time as db_now() gives it (DTSTAMP).  The UIDs
 * depend only on the federation's name, the kind and the reference. */
void calendar_render(vb_db *db, const out_table *deadlines, int alarm_days, const char *now, sbuf *out);

#endif
