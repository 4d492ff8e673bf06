/* View 8: deadlines of the coming days — notice dates of agreements,
 * missing signatures, ending staff-transfer credits and grants — as the
 * core computes them for `verbund deadlines`. */
#include "config.h"

#include <stdlib.h>

#include "app.h"
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
deadlines_info(app *a, view *v, char *buf, size_t size)
{
	char today[16];
	(void)a;
	snprintf(buf, size, _(" %zu deadlines from %s within %d days"), v->main.n,
		 date_format(workflow_today(), today), WITHIN_DAYS);
}

const view_ops view_deadlines = {
	.title = N_("Deadlines"),
	.file = "deadlines",
	.columns = "date:11 days:6 kind:18 ref:24 description:0",
	.load = deadlines_load,
	.info = deadlines_info,
};
