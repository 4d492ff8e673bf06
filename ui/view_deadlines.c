/* View 8: deadlines of the coming days — notice dates of agreements,
 * missing signatures, ending staff-transfer credits and grants — as the
 * core computes them for `verbund deadlines`. */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "list.h"
#include "i18n.h"
#include "workflow.h"

#define WITHIN_DAYS 90

static int
deadlines_load(app *a, view *v, vb_err *err)
{
	out_table *t = deadlines_table(a->db, workflow_today(), WITHIN_DAYS, err);
	if (!t)
		return -1;
	int first = v->main.ncols == 0;
	list_set_table(&v->main, t, NULL);
	if (first)
		list_columns(&v->main, v->ops->columns);
	return 0;
}

static void
deadlines_detail(app *a, view *v, size_t row)
{
	static const char *const names[] = {N_("date"), N_("days"), N_("kind"), N_("ref"), N_("description")};
	if (row == LIST_NONE || !v->main.t || row >= v->main.n) {
		detail_begin(v, _(" No deadline selected"));
		detail_end(v);
		return;
	}
	detail_begin(v, _(" The selected deadline"));
	for (int c = 0; c < v->main.t->ncols && c < 5; c++) {
		char *s = list_cell_text(&v->main, row, c);
		detail_wrapped(v, _(names[c]), s, a->cols > 30 ? a->cols - 16 : 60);
		free(s);
	}
	detail_end(v);
}

static void
deadlines_info(app *a, view *v, char *buf, size_t size)
{
	char today[16], shown[11];
	(void)a;
	snprintf(buf, size, P_(" %zu deadline from %s within %d days", " %zu deadlines from %s within %d days",
				 v->main.n),
		 v->main.n,
		 out_locale_date(date_format(workflow_today(), today), shown), WITHIN_DAYS);
}

const view_ops view_deadlines = {
	.title = N_("Deadlines"),
	.file = "deadlines",
	.columns = "date:11 days:6 kind:18 ref:24 description:0",
	.detail_columns = "c0:14 c1:0",
	.load = deadlines_load,
	.detail = deadlines_detail,
	.info = deadlines_info,
};
