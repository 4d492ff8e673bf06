/* View 4: the cost-sharing keys with method, parts and exclusions; the
 * detail pane spells out the selected key and the services using it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "num.h"
#include "text.h"

static void
parts_rows(view *v, const char *label, const char *items, int percent)
{
	vb_list l;
	if (vlist_parse(items, percent, &l, NULL) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		char item[80], num[64], nb[VB_NUM_BUFSZ];
		snprintf(item, sizeof item, "  %s", l.item[i].code);
		snprintf(num, sizeof num, "%s%s", percent ? text_dec4(l.item[i].num, nb) : "",
			 percent ? " %" : "");
		detail_row(v, NULL, NULL, i == 0 ? label : "", item, num, NULL);
	}
	vlist_free(&l);
}

static void
keys_detail(app *a, view *v, size_t row)
{
	char title[256], line[256];
	vb_rec *svcs;
	size_t ns;
	vb_err err;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No key selected"));
		detail_end(v);
		return;
	}
	const vb_rec *k = list_rec(&v->main, row);
	char *method = rec_text(k, "method"), *metric = rec_text(k, "metric");
	char *offset = rec_text(k, "offset"), *parts = rec_text(k, "parts"), *excl = rec_text(k, "exclude");
	snprintf(title, sizeof title, _(" %s — %s (e edits the key)"), k->v[KY_CODE].s, k->v[KY_NAME].s);
	detail_begin(v, title);
	if (strcmp(method, "metric") == 0) {
		snprintf(line, sizeof line, _("proportional to each member's '%s'"), metric);
		detail_row(v, NULL, NULL, _("method"), line,
			   strcmp(offset, "0") ? offset : NULL, strcmp(offset, "0") ? _("year offset") : NULL);
	} else if (strcmp(method, "equal") == 0) {
		detail_row(v, NULL, NULL, _("method"), _("every participating member weighs 1"), NULL, NULL);
	} else if (strcmp(method, "fixed") == 0) {
		detail_row(v, NULL, NULL, _("method"), _("fixed percentages (members not listed weigh 0)"), NULL, NULL);
		parts_rows(v, _("percentages"), parts, 1);
	} else {
		detail_row(v, NULL, NULL, _("method"), _("a weighted mix of other keys"), NULL, NULL);
		parts_rows(v, _("parts"), parts, 1);
	}
	if (*excl)
		parts_rows(v, _("excluded"), excl, 0);
	if (ent_fetch(a->db, &ent_service, NULL, &svcs, &ns, &err) == 0) {
		int first = 1;
		int ki = ent_field(&ent_service, "key");
		for (size_t i = 0; i < ns; i++)
			if (!svcs[i].v[ki].null && strcmp(svcs[i].v[ki].s, k->v[KY_CODE].s) == 0) {
				char item[300];
				snprintf(item, sizeof item, "  %s (%s)", svcs[i].v[SV_CODE].s, svcs[i].v[SV_NAME].s);
				detail_row(v, NULL, NULL, first ? _("used by") : "", item, NULL, NULL);
				first = 0;
			}
		if (first)
			detail_row(v, NULL, NULL, _("used by"), _("  no service"), NULL, NULL);
		recs_free(svcs, ns);
	}
	free(method), free(metric), free(offset), free(parts), free(excl);
	detail_end(v);
}

static void
keys_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu key", " %zu keys", v->main.n), v->main.n);
}

const view_ops view_keys = {
	.title = N_("Keys"),
	.file = "keys",
	.entity = &ent_key,
	.columns = "code:16 method:10 name:34 metric:16 offset:7 parts:40 exclude:30",
	.frozen = 1,
	.detail_columns = "c0:14 c1:44 c2:10r c3:0",
	.detail = keys_detail,
	.info = keys_info,
};
