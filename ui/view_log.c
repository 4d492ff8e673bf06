/* View 9: the audit log, newest first; the detail pane shows the
 * values before and after the selected change. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "text.h"
#include "workflow.h"

/* The audit log, newest first, read a page at a time. */
static int
log_load(app *a, view *v, vb_err *err)
{
	vb_pager *p = pager_log(a->db);
	int first = v->main.ncols == 0;
	if (first)
		list_set_table(&v->main, pager_table(p), NULL);
	if (list_set_pager(&v->main, p) < 0)
		return err_set(err, VB_EDB, "%s", v->main.error);
	if (first) {
		list_columns(&v->main, v->ops->columns);
		v->main.frozen = 1;
		v->main.hidden = 2;	/* the entry's number and place in a batch */
	}
	return 0;
}

static void
log_detail(app *a, view *v, size_t row)
{
	char title[256];
	if (row == LIST_NONE || !v->main.t || row >= v->main.n) {
		detail_begin(v, _(" No change selected"));
		detail_end(v);
		return;
	}
	char *time = list_cell_text(&v->main, row, 0), *action = list_cell_text(&v->main, row, 2);
	char *entity = list_cell_text(&v->main, row, 3), *code = list_cell_text(&v->main, row, 4);
	char *before = list_cell_text(&v->main, row, 5), *after = list_cell_text(&v->main, row, 6);
	snprintf(title, sizeof title, " %s: %s %s %s", time, action, entity, code);
	detail_begin(v, title);
	int width = a->cols > 30 ? a->cols - 12 : 60;
	detail_wrapped(v, _("before"), before, width);
	detail_wrapped(v, _("after"), after, width);
	free(time), free(action), free(entity), free(code), free(before), free(after);
	detail_end(v);
}

static void
log_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu change, newest first", " %zu changes, newest first", v->main.n),
		 v->main.n);
}

const view_ops view_log = {
	.title = N_("Log"),
	.file = "log",
	.columns = "time:21 user:10 action:8 entity:12 code:26 after:60 before:60",
	.detail_columns = "c0:10 c1:0",
	.newest_on_entry = 1,
	.load = log_load,
	.detail = log_detail,
	.info = log_info,
};
