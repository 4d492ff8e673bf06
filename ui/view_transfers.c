/* View 5: staff transfers (Personalübergänge); the detail pane shows
 * the whole record and its credit in each year. */
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
transfers_detail(app *a, view *v, size_t row)
{
	char title[256];
	(void)a;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No transfer selected"));
		detail_end(v);
		return;
	}
	const vb_rec *r = list_rec(&v->main, row);
	int di = ent_field(r->ent, "date"), ci = ent_field(r->ent, "credit"), yi = ent_field(r->ent, "years");
	snprintf(title, sizeof title, _(" Transfer %lld: %s"), (long long)r->v[TR_ID].i, r->v[TR_PERSON].s);
	detail_begin(v, title);
	detail_fields(v, r);
	vb_date start;
	if (!r->v[di].null && date_parse(r->v[di].s, &start) == 0 && r->v[yi].i > 0) {
		vb_alloc_transfer t = {.date = start, .credit = r->v[ci].i, .credit_years = (int)r->v[yi].i};
		int y0 = date_year(start);
		for (int y = y0; y <= y0 + t.credit_years; y++) {
			char line[96], amount[VB_NUM_BUFSZ];
			int64_t c = vb_alloc_transfer_credit(&t, y);
			if (c == 0)
				continue;
			text_money(c, amount);
			snprintf(line, sizeof line, "%d %16s EUR", y, amount);
			detail_row(v, NULL, NULL, y == y0 ? _("credit by year") : "", line, NULL, NULL);
		}
	}
	detail_end(v);
}

static void
transfers_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu staff transfer", " %zu staff transfers", v->main.n), v->main.n);
}

const view_ops view_transfers = {
	.title = N_("Transfers"),
	.file = "transfers",
	.entity = &ent_transfer,
	.columns = "id:4 person:24 from:16 to:12 date:11 credit:13 years:6 fte:6 grade:16 notes:60",
	.frozen = 2,
	.detail_columns = "c0:16 c1:0",
	.detail = transfers_detail,
	.info = transfers_info,
};
