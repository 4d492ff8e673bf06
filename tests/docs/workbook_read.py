"""Reads a workbook of 'verbund workbook' with openpyxl, as a spreadsheet
program would, and checks it against the JSON output of the same data.

usage: workbook_read.py XLSX DIR LANG FEDERATION YEAR
DIR holds the JSON answers that tests/docs/workbook.sh saved:
plan.json, actual.json (allocate --explain), advances.json, settle.json,
prev.json (compare of the year with the one before, on the comparison's
basis: actual when the year has actual costs, else plan); a
missing file means the sheet must be missing too.  LANG: en or de."""
import decimal
import json
import os
import sys

import openpyxl

xlsx, jdir, lang, federation, year = sys.argv[1:6]
year = int(year)
failures = []

TITLES = {
    'en': {'plan': 'Allocation (plan)', 'actual': 'Allocation (actual)',
           'advances': 'Advances', 'settle': 'Settlement',
           'compare': 'Comparison with %d' % (year - 1), 'explain': 'Explanation',
           'code': 'Code', 'name': 'Name', 'transfers': 'Transfers', 'total': 'Total',
           'actual_col': 'Actual', 'advances_col': 'Advances', 'balance': 'Balance',
           'delta': 'Change', 'TOTAL': 'TOTAL', 'finance': 'finance',
           'cost_effect': 'Cost effect', 'share_effect': 'Share effect',
           'transfers_effect': 'Transfers effect'},
    'de': {'plan': 'Umlage (Plan)', 'actual': 'Umlage (Ist)',
           'advances': 'Abschläge', 'settle': 'Abrechnung',
           'compare': 'Vergleich mit %d' % (year - 1), 'explain': 'Erläuterung',
           'code': 'Kürzel', 'name': 'Name', 'transfers': 'Personalübergänge',
           'total': 'Summe', 'actual_col': 'Ist', 'advances_col': 'Abschläge',
           'balance': 'Saldo', 'delta': 'Veränderung', 'TOTAL': 'SUMME',
           'finance': 'Finanzen', 'cost_effect': 'Kosteneffekt',
           'share_effect': 'Anteilseffekt', 'transfers_effect': 'Personalübergangseffekt'},
}[lang]


def check(cond, what):
    if not cond:
        failures.append(what)


def load(name):
    path = os.path.join(jdir, name + '.json')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def cents(cell, where):
    """The cell's amount in cents: a number (never text) with a currency
    format, exactly representable to the cent."""
    v = cell.value
    check(isinstance(v, (int, float)) and not isinstance(v, bool),
          '%s: %r is not a number' % (where, v))
    check('€' in cell.number_format, '%s: format %r is not a currency' % (where, cell.number_format))
    if not isinstance(v, (int, float)):
        return None
    d = decimal.Decimal(repr(v)) * 100
    check(d == d.to_integral_value(), '%s: %r is not a whole number of cents' % (where, v))
    return int(d)


wb = openpyxl.load_workbook(xlsx)                  # formulas
vals = openpyxl.load_workbook(xlsx, data_only=True)  # cached values

plan, actual = load('plan'), load('actual')
advances, settle, prev = load('advances'), load('settle'), load('prev')
expected_sheets = []
for key, data in (('plan', plan), ('actual', actual), ('advances', advances),
                  ('settle', settle), ('compare', prev)):
    if data is not None:
        expected_sheets.append(TITLES[key])
if plan is not None or actual is not None:
    expected_sheets.append(TITLES['explain'])
check(wb.sheetnames == expected_sheets, 'sheets %r, expected %r' % (wb.sheetnames, expected_sheets))

p = wb.properties
check(p.title == '%s: %s %d' % (federation, TITLES['finance'], year), 'title %r' % p.title)
check(p.creator == 'verbund', 'creator %r' % p.creator)
check(str(year) in (p.subject or ''), 'subject %r' % p.subject)


def table(title, header, rows, total):
    """header: expected titles; rows: [(code, name, [cents…])];
    total: [cents…] of the TOTAL row (None: no TOTAL row)."""
    if title not in wb.sheetnames:
        return
    ws, wv = wb[title], vals[title]
    got = [c.value for c in ws[1]]
    check(got == header, '%s: header %r, expected %r' % (title, got, header))
    check(ws.freeze_panes in ('A2', 'C2'), '%s: freeze panes %r' % (title, ws.freeze_panes))
    n = len(rows)
    last = openpyxl.utils.get_column_letter(len(header))
    check(ws.auto_filter.ref == 'A1:%s%d' % (last, n + 1 if n else 2),
          '%s: autofilter %r' % (title, ws.auto_filter.ref))
    check(ws.max_row == n + 1 + (total is not None), '%s: %d rows' % (title, ws.max_row))
    for r, (code, name, amounts) in enumerate(rows, 2):
        check(ws.cell(r, 1).value == code, '%s!A%d: %r, expected %r' % (title, r, ws.cell(r, 1).value, code))
        check(ws.cell(r, 2).value == name, '%s!B%d: %r' % (title, r, ws.cell(r, 2).value))
        for c, want in enumerate(amounts, 3):
            where = '%s!%s%d' % (title, openpyxl.utils.get_column_letter(c), r)
            got = cents(ws.cell(r, c), where)
            check(got == want, '%s: %r cents, expected %r' % (where, got, want))
    if total is None:
        return
    t = n + 2
    check(ws.cell(t, 1).value == TITLES['TOTAL'], '%s: TOTAL row label %r' % (title, ws.cell(t, 1).value))
    for c, want in enumerate(total, 3):
        col = openpyxl.utils.get_column_letter(c)
        where = '%s!%s%d' % (title, col, t)
        f = ws.cell(t, c).value
        check(f == '=SUM(%s2:%s%d)' % (col, col, t - 1), '%s: formula %r' % (where, f))
        got = cents(wv.cell(t, c), where + ' (cached)')
        check(got == want, '%s: cached %r cents, expected %r' % (where, got, want))
        # the formula's value: the sum of the cells above
        s = sum(cents(wv.cell(r, c), where) or 0 for r in range(2, t))
        check(s == want, '%s: the column sums to %r, expected %r' % (where, s, want))
    # every column is wide enough for its longest text
    for c in range(1, len(header) + 1):
        letter = openpyxl.utils.get_column_letter(c)
        width = ws.column_dimensions[letter].width
        longest = max(len(str(ws.cell(r, c).value or '')) for r in range(1, t))
        check(width >= longest, '%s: column %s is %s wide for %d characters' % (title, letter, width, longest))


def alloc_sheet(title, j):
    if j is None:
        return
    svcs = [s['code'] for s in j['services']]
    header = [TITLES['code'], TITLES['name']] + svcs + [TITLES['transfers'], TITLES['total']]
    rows = [(m['code'], m['name'], [m['shares'][s] for s in svcs] + [m['transfers_cents'], m['total_cents']])
            for m in j['members']]
    total = [sum(r[2][k] for r in rows) for k in range(len(svcs) + 2)]
    check(total[-1] == j['total_cents'], title + ': total_cents')
    table(title, header, rows, total)


alloc_sheet(TITLES['plan'], plan)
alloc_sheet(TITLES['actual'], actual)

if advances is not None:
    import datetime
    due = [datetime.date.fromisoformat(d) for d in advances['due']]
    fmt = '%d.%m.%Y' if lang == 'de' else '%Y-%m-%d'
    header = [TITLES['code'], TITLES['name'], TITLES['total']] + [d.strftime(fmt) for d in due]
    rows = [(m['code'], m['name'], [m['total_cents']] + m['installments_cents']) for m in advances['members']]
    table(TITLES['advances'], header, rows, [sum(r[2][k] for r in rows) for k in range(len(due) + 1)])

if settle is not None:
    header = [TITLES['code'], TITLES['name'], TITLES['actual_col'], TITLES['advances_col'], TITLES['balance']]
    rows = [(m['code'], m['name'], [m['actual_cents'], m['advances_cents'], m['balance_cents']])
            for m in settle['members']]
    total = [sum(r[2][k] for r in rows) for k in range(3)]
    check(total[2] == settle['balance_cents'], 'settle: balance_cents')
    table(TITLES['settle'], header, rows, total)

if prev is not None:
    header = [TITLES['code'], TITLES['name'], str(year - 1), str(year), TITLES['delta'],
              TITLES['cost_effect'], TITLES['share_effect'], TITLES['transfers_effect']]
    fields = ['before', 'after', 'delta', 'cost_effect', 'share_effect', 'transfers_effect']
    check(prev['year'] == year and prev['against'] == year - 1 and prev['basis'] == prev['against_basis'],
          'compare: years and bases')
    now = actual if actual is not None else plan
    check(prev['basis'] == now['basis'], 'compare: basis %r' % prev['basis'])
    rows = [(m['code'], m['name'], [m[f + '_cents'] for f in fields]) for m in prev['members']]
    total = [sum(r[2][k] for r in rows) for k in range(len(fields))]
    check(total[1] == now['total_cents'], 'comparison: the total after is not the allocation\'s')
    table(TITLES['compare'], header, rows, total)

# the explanation: every key part of the allocation on the comparison's
# basis (actual when there is one), its share to the cent
j = actual if actual is not None else plan
if j is not None and TITLES['explain'] in wb.sheetnames:
    ws = wb[TITLES['explain']]
    want = []
    for m in j['members']:
        for s in j['services']:
            for part in m['explain'].get(s['code'], []):
                want.append([m['code'], s['code'], part['key'], part['value'], part['value_year'],
                             part['days'], part['weight'], part['quota'], part['remainder_cent'],
                             part['share_cents']])
    # the engine lists the parts in its service order: compare as sets of rows
    got = []
    for r in range(2, ws.max_row + 1):
        row = [ws.cell(r, c).value for c in range(1, 10)]
        row.append(cents(ws.cell(r, 10), 'Explanation!J%d' % r))
        got.append(row)
    key = lambda row: [str(x) for x in row]
    check(sorted(got, key=key) == sorted(want, key=key),
          'Explanation: %d rows differ from allocate --explain --format json' %
          sum(1 for a, b in zip(sorted(got, key=key), sorted(want, key=key)) if a != b))
    check(len(got) == len(want), 'Explanation: %d rows, expected %d' % (len(got), len(want)))
    check(ws.freeze_panes in ('A2', 'C2'), 'Explanation: freeze panes')
    check(ws.auto_filter.ref == 'A1:J%d' % max(ws.max_row, 2), 'Explanation: autofilter %r' % ws.auto_filter.ref)

for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
