/* View 1: the members; the detail pane holds the selected member's
 * contact, key figures and subscriptions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "i18n.h"
#include "workflow.h"

/* Figures of the latest year first, then by metric. */
static int
newest_first(const void *pa, const void *pb)
{
	const vb_rec *a = pa, *b = pb;
	if (a->v[FG_YEAR].i != b->v[FG_YEAR].i)
		return a->v[FG_YEAR].i > b->v[FG_YEAR].i ? -1 : 1;
	return strcmp(a->v[FG_METRIC].s, b->v[FG_METRIC].s);
}

static void
members_detail(app *a, view *v, size_t row)
{
	char title[256];
	vb_rec *recs;
	size_t n;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No member selected"));
		detail_end(v);
		return;
	}
	const vb_rec *m = list_rec(&v->main, row);
	snprintf(title, sizeof title, _(" %s — %s: figures and subscriptions"),
		 m->v[MB_CODE].s, m->v[MB_NAME].s);
	detail_begin(v, title);
	char *contact = rec_text(m, "contact"), *email = rec_text(m, "email"), *phone = rec_text(m, "phone");
	if (*contact || *email || *phone) {
		char line[700];
		snprintf(line, sizeof line, "%s%s%s%s%s", contact, *contact && *phone ? " · " : "", phone,
			 (*contact || *phone) && *email ? " · " : "", email);
		detail_row(v, NULL, NULL, _("contact"), NULL, NULL, line);
	}
	free(contact), free(email), free(phone);

	detail_section(v, &ent_figure, _("Figures (a adds one)"));
	view_fetch_of(a, &ent_figure, "member", m->v[MB_CODE].s, &recs, &n);
	if (n > 1)
		qsort(recs, n, sizeof *recs, newest_first);
	for (size_t i = 0; i < n; i++) {
		char *year = rec_text(&recs[i], "year"), *value = rec_shown(&recs[i], "value");
		char metric[64];
		snprintf(metric, sizeof metric, "  %s", recs[i].v[FG_METRIC].s);
		detail_row(v, &ent_figure, &recs[i], metric, year, value, NULL);
		free(year), free(value);
	}
	recs_free(recs, n);

	detail_section(v, &ent_subscription, _("Subscriptions (a adds one)"));
	view_fetch_of(a, &ent_subscription, "member", m->v[MB_CODE].s, &recs, &n);
	for (size_t i = 0; i < n; i++) {
		char service[64], period[64];
		snprintf(service, sizeof service, "  %s", recs[i].v[SU_SERVICE].s);
		char from[11], until[11];
		snprintf(period, sizeof period, "%s – %s", out_locale_date(recs[i].v[SU_FROM].s, from),
			 recs[i].v[SU_UNTIL].null ? _("open") : out_locale_date(recs[i].v[SU_UNTIL].s, until));
		detail_row(v, &ent_subscription, &recs[i], service, NULL, NULL, period);
	}
	recs_free(recs, n);
	char *notes = rec_text(m, "notes");
	if (*notes)
		detail_row(v, NULL, NULL, _("notes"), NULL, NULL, notes);
	free(notes);
	detail_end(v);
}

static unsigned
members_prefill(app *a, view *v, const vb_entity *e, const drow *d, vb_rec *r)
{
	vb_err err;
	char buf[VB_DATE_BUFSZ];
	vb_date today = workflow_today();
	size_t row = list_row(&v->main);
	if (e == &ent_member || row == LIST_NONE || !list_rec(&v->main, row))
		return 0;
	const char *code = list_rec(&v->main, row)->v[MB_CODE].s;
	rec_parse(r, 0, code, &err);
	if (e == &ent_figure) {
		/* the working year (spec §4), never guessed from the row above;
		 * the metric of the selected figure row */
		char year[16];
		snprintf(year, sizeof year, "%d", a->working_year ? a->working_year : date_year(today));
		if (d && d->has && d->rec.ent == &ent_figure)
			rec_parse(r, 1, d->rec.v[FG_METRIC].s, &err);
		rec_parse(r, 2, year, &err);
	} else if (e == &ent_subscription) {
		rec_parse(r, 2, date_format(today, buf), &err);
	}
	return 1u << 0;
}

static void
members_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu member", " %zu members", v->main.n), v->main.n);
}

const view_ops view_members = {
	.title = N_("Members"),
	.file = "members",
	.entity = &ent_member,
	.columns = "code:18 name:27 kind:13 status:12 joined:11 left:11 host:5 contact:24 email:28 phone:18",
	.frozen = 1,
	.detail_columns = "c0:22 c1:6 c2:14r c3:0",
	.detail = members_detail,
	.prefill = members_prefill,
	.info = members_info,
};
