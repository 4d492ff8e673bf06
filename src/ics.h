/* iCalendar text (RFC 5545) of all-day events: content lines folded at
 * 75 octets, TEXT values escaped, CRLF line ends.  Pure: no I/O. */
#ifndef VB_ICS_H
#define VB_ICS_H

#include "date.h"
#include "util.h"

#define ICS_UID_BUFSZ 48	/* 32 hex digits, "@verbund", NUL */

typedef struct ics_event {
	vb_date date;		/* the day: DTSTART;VALUE=DATE, DTEND the next day */
	const char *uid;	/* from ics_uid() */
	const char *summary;	/* one line */
	const char *description;	/* may hold line breaks */
	int alarm_days;		/* a VALARM so many days before (0: on the day); <0 none */
	const char *alarm_text;	/* the alarm's DESCRIPTION (else the summary) */
} ics_event;

/* The UID of an event: the same scope, kind and reference give the
 * same UID on every export, so that a calendar updates the event
 * instead of adding it twice.  Scope separates calendars of different
 * sources (verbund passes the federation's name). */
void ics_uid(const char *scope, const char *kind, const char *ref, char out[ICS_UID_BUFSZ]);

/* Begins a VCALENDAR; name (X-WR-CALNAME) may be NULL. */
void ics_begin(sbuf *b, const char *name);
/* Adds one VEVENT.  now: the time of the export, "YYYY-MM-DDTHH:MM:SSZ"
 * as db_now() gives it (DTSTAMP). */
void ics_event_add(sbuf *b, const ics_event *e, const char *now);
void ics_end(sbuf *b);

/* Appends "NAME:VALUE" (value already in its RFC 5545 form) folded at 75
 * octets without splitting a UTF-8 character, and CRLF. */
void ics_line(sbuf *b, const char *name, const char *value);
/* Appends s as an RFC 5545 TEXT value: \ ; , escaped, a line break as
 * \n, other control characters as blanks. */
void ics_text(sbuf *b, const char *s);

#endif
