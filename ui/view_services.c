/* View 3: the service catalogue; the detail pane holds the selected
 * service's costs per year (plan and actual) and its subscriptions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "i18n.h"
#include "workflow.h"

static void
services_detail(app *a, view *v, size_t row)
{
	char title[256];
	vb_rec *recs;
	size_t n;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No service selected"));
		detail_end(v);
		return;
	}
	const vb_rec *s = list_rec(&v->main, row);
	snprintf(title, sizeof title, _(" %s — %s: costs per year"), s->v[SV_CODE].s,
		 s->v[SV_NAME].s);
	detail_begin(v, title);
	detail_section(v, &ent_cost, _("Costs (a adds a year)"));
	view_fetch_of(a, &ent_cost, "service", s->v[SV_CODE].s, &recs, &n);
	/* the newest year first */
	for (size_t i = n; i-- > 0;) {
		char *year = rec_text(&recs[i], "year"), *amount = rec_shown(&recs[i], "amount");
		char y[32];
		snprintf(y, sizeof y, "  %s", year);
		detail_row(v, &ent_cost, &recs[i], y,
			   strcmp(recs[i].v[CO_BASIS].s, "plan") == 0 ? _("plan") : _("actual"), amount, NULL);
		free(year), free(amount);
	}
	recs_free(recs, n);
	int sub = ent_field(s->ent, "subscription");
	if (sub >= 0 && s->v[sub].i) {
		detail_section(v, &ent_subscription, _("Subscriptions (only these members take part)"));
		view_fetch_of(a, &ent_subscription, "service", s->v[SV_CODE].s, &recs, &n);
		for (size_t i = 0; i < n; i++) {
			char member[64], period[64];
			snprintf(member, sizeof member, "  %s", recs[i].v[SU_MEMBER].s);
			char from[11], until[11];
			snprintf(period, sizeof period, "%s – %s", out_locale_date(recs[i].v[SU_FROM].s, from),
				 recs[i].v[SU_UNTIL].null ? _("open") : out_locale_date(recs[i].v[SU_UNTIL].s, until));
			/* in the last column, which takes the rest of the line */
			detail_row(v, &ent_subscription, &recs[i], member, NULL, NULL, period);
		}
		recs_free(recs, n);
	}
	char *desc = rec_text(s, "description");
	if (*desc)
		detail_row(v, NULL, NULL, _("description"), NULL, NULL, desc);
	free(desc);
	detail_end(v);
}

static unsigned
services_prefill(app *a, view *v, const vb_entity *e, const drow *d, vb_rec *r)
{
	vb_err err;
	char buf[VB_DATE_BUFSZ], year[16];
	size_t row = list_row(&v->main);
	(void)a;
	if (e == &ent_service || row == LIST_NONE || !list_rec(&v->main, row))
		return 0;
	const char *code = list_rec(&v->main, row)->v[SV_CODE].s;
	if (e == &ent_cost) {
		rec_parse(r, 0, code, &err);
		snprintf(year, sizeof year, "%d", date_year(workflow_today()));
		if (d && d->has && d->rec.ent == &ent_cost) {
			snprintf(year, sizeof year, "%lld", (long long)d->rec.v[CO_YEAR].i);
			/* the other basis of the same year, or the next year */
			if (strcmp(d->rec.v[CO_BASIS].s, "plan") == 0)
				rec_parse(r, 2, "actual", &err);
			else
				rec_parse(r, 2, "plan", &err), snprintf(year, sizeof year, "%lld",
									(long long)d->rec.v[CO_YEAR].i + 1);
		}
		rec_parse(r, 1, year, &err);
		return 1u << 0;
	}
	if (e == &ent_subscription) {
		rec_parse(r, 1, code, &err);
		rec_parse(r, 2, date_format(workflow_today(), buf), &err);
		return 1u << 1;
	}
	return 0;
}

static const char *
services_order(const vb_entity *e)
{
	/* cost set SERVICE YEAR AMOUNT [--basis] */
	return e == &ent_cost ? "service,year,amount,basis" : NULL;
}

static void
services_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu service", " %zu services", v->main.n), v->main.n);
}

const view_ops view_services = {
	.title = N_("Services"),
	.file = "services",
	.entity = &ent_service,
	.columns = "code:16 name:32 key:14 subscription:13 standalone:14 unit:24 hours:24",
	.frozen = 1,
	.detail_columns = "c0:24 c1:12 c2:18r c3:0",
	.detail = services_detail,
	.prefill = services_prefill,
	.order = services_order,
	.info = services_info,
};
