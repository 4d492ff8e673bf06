/* iCalendar text (RFC 5545) of all-day events: folding, escaping, UIDs
 * and the VCALENDAR/VEVENT/VALARM frame. */
#include "config.h"
#include "ics.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ICS_FOLD 75	/* octets per line, without the CRLF */

__extension__ typedef unsigned __int128 ics_u128;

/* FNV-1a with 128 bits: stable across versions and machines, and wide
 * enough that two deadlines of one federation never share a UID. */
static void
fnv128(ics_u128 *h, const char *s)
{
	const ics_u128 prime = ((ics_u128)1 << 88) + 0x13b;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		*h ^= *p;
		*h *= prime;
	}
	/* a separator that no text holds, so "ab"+"c" differs from "a"+"bc" */
	*h ^= 0xff;
	*h *= prime;
}

void
ics_uid(const char *scope, const char *kind, const char *ref, char out[ICS_UID_BUFSZ])
{
	ics_u128 h = ((ics_u128)0x6c62272e07bb0142u << 64) | 0x62b821756295c58du;
	fnv128(&h, scope ? scope : "");
	fnv128(&h, kind);
	fnv128(&h, ref);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++)
		out[i] = hex[(unsigned)(h >> (124 - 4 * i)) & 15];
	memcpy(out + 32, "@verbund", 9);
}

void
ics_line(sbuf *b, const char *name, const char *value)
{
	sbuf l;
	sb_init(&l);
	sb_adds(&l, name);
	sb_addc(&l, ':');
	sb_adds(&l, value);
	size_t pos = 0, room = ICS_FOLD;
	while (l.len - pos > room) {
		size_t cut = pos + room;
		/* never inside a UTF-8 character: back to its first byte */
		while (cut > pos && ((unsigned char)l.s[cut] & 0xc0) == 0x80)
			cut--;
		sb_addn(b, l.s + pos, cut - pos);
		sb_adds(b, "\r\n ");
		pos = cut;
		room = ICS_FOLD - 1;	/* the continuation's leading blank counts */
	}
	sb_addn(b, l.s + pos, l.len - pos);
	sb_adds(b, "\r\n");
	sb_free(&l);
}

void
ics_text(sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			sb_addc(b, '\\');
			sb_addc(b, (char)c);
		} else if (c == '\r' && s[1] == '\n') {
			continue;	/* CRLF: one line break */
		} else if (c == '\n' || c == '\r') {
			sb_adds(b, "\\n");
		} else if (c < 0x20 || c == 0x7f) {
			sb_addc(b, ' ');
		} else {
			sb_addc(b, (char)c);
		}
	}
}

static void
text_line(sbuf *b, const char *name, const char *text)
{
	sbuf v;
	sb_init(&v);
	ics_text(&v, text);
	ics_line(b, name, v.s ? v.s : "");
	sb_free(&v);
}

void
ics_begin(sbuf *b, const char *name)
{
	ics_line(b, "BEGIN", "VCALENDAR");
	ics_line(b, "VERSION", "2.0");
	ics_line(b, "PRODID", "-//verbund//verbund " PACKAGE_VERSION "//EN");
	ics_line(b, "CALSCALE", "GREGORIAN");
	ics_line(b, "METHOD", "PUBLISH");
	if (name)
		text_line(b, "X-WR-CALNAME", name);
}

void
ics_end(sbuf *b)
{
	ics_line(b, "END", "VCALENDAR");
}

/* "YYYY-MM-DDTHH:MM:SSZ" as a UTC DATE-TIME "YYYYMMDDTHHMMSSZ"; anything
 * else as midnight of 1970-01-01, which a test with a fixed clock shows. */
static void
stamp(const char *now, char out[17])
{
	int k = 0;
	for (const char *p = now; p && *p && k < 14; p++)
		if (*p >= '0' && *p <= '9')
			out[k < 8 ? k : k + 1] = *p, k++;
	if (k != 14)
		memcpy(out, "19700101T000000Z", 17);
	out[8] = 'T';
	out[15] = 'Z';
	out[16] = '\0';
}

static void
ics_date(vb_date d, char out[9])
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(out, 9, "%04d%02d%02d", y, m, day);
}

void
ics_event_add(sbuf *b, const ics_event *e, const char *now)
{
	char ts[17], day[9], next[9], trig[32];
	stamp(now, ts);
	ics_date(e->date, day);
	ics_line(b, "BEGIN", "VEVENT");
	ics_line(b, "UID", e->uid);
	ics_line(b, "DTSTAMP", ts);
	ics_line(b, "DTSTART;VALUE=DATE", day);
	/* 9999-12-31 has no next day: without DTEND an all-day event lasts
	 * its one day (RFC 5545, 3.6.1) */
	if (e->date < date_from_ymd(9999, 12, 31)) {
		ics_date(e->date + 1, next);
		ics_line(b, "DTEND;VALUE=DATE", next);
	}
	text_line(b, "SUMMARY", e->summary);
	if (e->description)
		text_line(b, "DESCRIPTION", e->description);
	ics_line(b, "TRANSP", "TRANSPARENT");
	if (e->alarm_days >= 0) {
		ics_line(b, "BEGIN", "VALARM");
		ics_line(b, "ACTION", "DISPLAY");
		text_line(b, "DESCRIPTION", e->alarm_text ? e->alarm_text : e->summary);
		if (e->alarm_days == 0)
			snprintf(trig, sizeof trig, "PT0S");
		else
			snprintf(trig, sizeof trig, "-P%dD", e->alarm_days);
		ics_line(b, "TRIGGER", trig);
		ics_line(b, "END", "VALARM");
	}
	ics_line(b, "END", "VEVENT");
}
