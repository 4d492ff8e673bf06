/* The deadlines as an iCalendar file: one all-day event per deadline
 * with a stable UID and an alarm before it. */
#include "config.h"
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "ics.h"

/* What a calendar shows as the event's title: the kind in words. */
static const char *
kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
		{"notice", N_("Notice deadline")},
		{"version-ends", N_("Agreement version ends")},
		{"signature", N_("Signature missing")},
		{"credit-ends", N_("Transfer credit ends")},
		{"grant-ends", N_("Grant period ends")},
		{"member-leaves", N_("Member leaves")},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return _(labels[i].label);
	return kind;
}

static const char *
cell_text(const out_table *t, size_t row, int col)
{
	const out_cell *c = &t->cells[row * (size_t)t->ncols + (size_t)col];
	return c->null || !c->s ? "" : c->s;
}

void
calendar_render(vb_db *db, const out_table *deadlines, int alarm_days, const char *now, sbuf *out)
{
	char *fed = db_federation_name(db);
	sbuf name, summary;
	sb_init(&name);
	sb_init(&summary);
	sb_printf(&name, _("%s: deadlines"), fed ? fed : "verbund");
	ics_begin(out, name.s);
	for (size_t r = 0; r < deadlines->nrows; r++) {
		const char *kind = cell_text(deadlines, r, 2), *ref = cell_text(deadlines, r, 3);
		vb_date day;
		if (date_parse(cell_text(deadlines, r, 0), &day) < 0)
			continue;	/* deadlines_table writes only valid dates */
		char uid[ICS_UID_BUFSZ];
		ics_uid(fed, kind, ref, uid);
		sb_reset(&summary);
		sb_printf(&summary, "%s: %s", kind_label(kind), ref);
		ics_event ev = {
			.date = day,
			.uid = uid,
			.summary = summary.s,
			.description = cell_text(deadlines, r, 4),
			.alarm_days = alarm_days,
		};
		ics_event_add(out, &ev, now);
	}
	ics_end(out);
	sb_free(&summary);
	sb_free(&name);
	free(fed);
}
