/* View 6: grants (Zuwendungen); the detail pane shows the whole record
 * and the part of the amount that falls in each year. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "app.h"
#include "text.h"
#include "date.h"
#include "i18n.h"
#include "num.h"

static void
grants_detail(app *a, view *v, size_t row)
{
	char title[256];
	vb_date from, until;
	(void)a;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No grant selected"));
		detail_end(v);
		return;
	}
	const vb_rec *r = list_rec(&v->main, row);
	int fi = ent_field(r->ent, "from"), ui = ent_field(r->ent, "until"), ai = ent_field(r->ent, "amount");
	snprintf(title, sizeof title, _(" %s — %s"), r->v[GR_CODE].s, r->v[GR_NAME].s);
	detail_begin(v, title);
	detail_fields(v, r);
	if (!r->v[fi].null && !r->v[ui].null && date_parse(r->v[fi].s, &from) == 0 &&
	    date_parse(r->v[ui].s, &until) == 0 && until >= from) {
		vb_alloc_grant g = {.amount = r->v[ai].i, .from = from, .until = until, .service = VB_ALLOC_ALL};
		for (int y = date_year(from); y <= date_year(until) && y < date_year(from) + 200; y++) {
			char line[96], amount[VB_NUM_BUFSZ];
			text_money(vb_alloc_grant_part(&g, y), amount);
			snprintf(line, sizeof line, "%d %16s EUR", y, amount);
			detail_row(v, NULL, NULL, y == date_year(from) ? _("part by year") : "", line, NULL, NULL);
		}
	}
	detail_end(v);
}

static void
grants_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu grant", " %zu grants", v->main.n), v->main.n);
}

const view_ops view_grants = {
	.title = N_("Grants"),
	.file = "grants",
	.entity = &ent_grant,
	.columns = "code:16 name:26 amount:14 from:11 until:11 service:16 source:30",
	.frozen = 1,
	/* grant add CODE --name N --amount A --from D --until D [--service S] [--source T] */
	.form_order = "code,name,amount,from,until,service,source",
	.detail_columns = "c0:16 c1:0",
	.detail = grants_detail,
	.info = grants_info,
};
