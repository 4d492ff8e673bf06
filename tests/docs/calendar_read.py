"""Reads the calendars of tests/docs/calendar_read.sh with the icalendar
package and checks every event exactly.  Arguments: the export (alarm
14 days), a second export with another clock, one with alarm_days 30."""
import datetime
import sys

import icalendar

FED = 'IT-Verbund Nord; Kreis, "Süd" \\ Test'
TITLE = ('Zweckvereinbarung IT, Teil 1; Netz \\ Server – über die '
         'gemeinsame Datenverarbeitung')
# (date, kind, ref, summary, description) in the program's order
EVENTS = [
    ('2024-01-01', 'signature', 'zv/1/b', 'Signature missing: zv/1/b',
     "'b' has not signed '%s' version 1 (in force from 2024-01-01)" % TITLE),
    ('2026-03-31', 'grant-ends', 'grant/g1', 'Grant period ends: grant/g1',
     "grant period of 'Förderung Digitalisierung' from Land Niedersachsen ends"),
    ('2026-06-30', 'member-leaves', 'member/b', 'Member leaves: member/b',
     "last day on which 'Stadt B' shares costs"),
    ('2026-06-30', 'notice', 'zv/1', 'Notice deadline: zv/1',
     "last day to give notice on '%s' version 1 (ends 2026-12-31, "
     "6 months' notice)" % TITLE),
    ('2026-12-31', 'credit-ends', 'transfer/1', 'Transfer credit ends: transfer/1',
     'staff-transfer credit for Erika Muster (a to b) ends'),
    ('2026-12-31', 'version-ends', 'zv/1', 'Agreement version ends: zv/1',
     "'%s' version 1 ends" % TITLE),
]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def fnv128_uid(*parts):
    """The UID as verbund(1) documents it: FNV-1a (128 bits) over the
    federation's name, the kind and the reference, each followed by the
    byte 0xff; 32 hex digits and "@verbund"."""
    h = 0x6c62272e07bb014262b821756295c58d
    prime = (1 << 88) + 0x13b
    for p in parts:
        for byte in p.encode('utf-8') + b'\xff':
            h ^= byte
            h = (h * prime) % (1 << 128)
    return '%032x@verbund' % h


def raw_lines(path):
    data = open(path, 'rb').read()
    check(data.endswith(b'\r\n'), path + ': does not end in CRLF')
    lines = data.split(b'\r\n')[:-1]
    for n, line in enumerate(lines, 1):
        check(b'\n' not in line and b'\r' not in line, '%s:%d: a bare LF or CR' % (path, n))
        check(len(line) <= 75, '%s:%d: %d octets' % (path, n, len(line)))
        line.decode('utf-8')  # a split UTF-8 character raises here
    return data


def read(path, alarm_days, stamp):
    cal = icalendar.Calendar.from_ical(raw_lines(path))
    check(str(cal['VERSION']) == '2.0', path + ': VERSION')
    check(str(cal['CALSCALE']) == 'GREGORIAN', path + ': CALSCALE')
    check(str(cal['PRODID']).startswith('-//verbund//verbund '), path + ': PRODID')
    check(str(cal['X-WR-CALNAME']) == FED + ': deadlines', path + ': X-WR-CALNAME')
    events = list(cal.walk('VEVENT'))
    check(len(events) == len(EVENTS), '%s: %d events' % (path, len(events)))
    uids = []
    for ev, (day, kind, ref, summary, desc) in zip(events, EVENTS):
        d = datetime.date.fromisoformat(day)
        where = '%s: %s %s' % (path, kind, ref)
        check(type(ev['DTSTART'].dt) is datetime.date and ev['DTSTART'].dt == d, where + ': DTSTART')
        check(ev['DTEND'].dt == d + datetime.timedelta(days=1), where + ': DTEND')
        check(str(ev['SUMMARY']) == summary, where + ': SUMMARY %r' % str(ev['SUMMARY']))
        check(str(ev['DESCRIPTION']) == desc, where + ': DESCRIPTION %r' % str(ev['DESCRIPTION']))
        check(ev['DTSTAMP'].dt == stamp, where + ': DTSTAMP %r' % ev['DTSTAMP'].dt)
        uid = str(ev['UID'])
        check(uid == fnv128_uid(FED, kind, ref), where + ': UID ' + uid)
        uids.append(uid)
        alarms = list(ev.walk('VALARM'))
        check(len(alarms) == 1, where + ': %d alarms' % len(alarms))
        for a in alarms:
            check(str(a['ACTION']) == 'DISPLAY', where + ': ACTION')
            check(a['TRIGGER'].dt == datetime.timedelta(days=-alarm_days), where + ': TRIGGER')
            check(str(a['DESCRIPTION']) == summary, where + ': alarm DESCRIPTION')
    check(len(set(uids)) == len(uids), path + ': UIDs not unique')
    return uids


utc = datetime.timezone.utc
u1 = read(sys.argv[1], 14, datetime.datetime(2026, 1, 15, 10, 0, tzinfo=utc))
u2 = read(sys.argv[2], 14, datetime.datetime(2026, 3, 1, 12, 0, tzinfo=utc))
u3 = read(sys.argv[3], 30, datetime.datetime(2026, 1, 15, 10, 0, tzinfo=utc))
check(u1 == u2 == u3, 'the UIDs differ between exports')
for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
