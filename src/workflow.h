/* The federation office's questions: the audit log, agreement status,
 * deadlines, the consistency check and who was a member on a day.
 * Each answer is a table that the batch mode prints and the TUI shows. */
#ifndef VB_WORKFLOW_H
#define VB_WORKFLOW_H

#include "date.h"
#include "db.h"
#include "err.h"
#include "out.h"

/* The audit log (columns time,user,action,entity,code,before,after),
 * oldest first; filters may be NULL. */
out_table *log_table(vb_db *db, const char *since, const char *entity, const char *code,
		     vb_err *err);
/* The same rows added to t (kept or streamed): 0, or -1 with err. */
int log_rows(vb_db *db, const char *since, const char *entity, const char *code, out_table *t,
	     vb_err *err);

/* Today's date (VERBUND_NOW overrides the clock). */
vb_date workflow_today(void);

#endif

/* ---- agreements ---- */

enum ver_status {
	VS_DRAFT,		/* nobody has signed */
	VS_AWAITING,		/* some parties have not signed */
	VS_SIGNED,		/* all signed, not yet in force */
	VS_IN_FORCE,
	VS_EXPIRED,
	VS_SUPERSEDED		/* a newer version is in force (or has been) */
};

typedef struct ver_info {
	char *agreement, *title;
	int number;
	vb_date from, until;	/* until: VB_OPEN when open */
	int has_until;
	int notice_months;	/* -1: none */
	int nparties, nsigned;
	char *missing;		/* comma-separated parties without signature */
	vb_date signed_on;	/* the last signature (all signed) */
	int status;
} ver_info;

/* Every version of every agreement (or of one), with its status on day
 * `on`, ordered by agreement and number. */
int versions_on(vb_db *db, const char *agreement, vb_date on, ver_info **out, size_t *n,
		vb_err *err);
void versions_free(ver_info *v, size_t n);
const char *ver_status_name(int status);

/* Deadlines between on and on + within days (missing signatures also
 * when overdue): columns date,days,kind,ref,description, by date. */
out_table *deadlines_table(vb_db *db, vb_date on, int within, vb_err *err);

/* Members sharing costs on a day (joined <= on <= left). */
int member_active_on(const char *joined, const char *left, vb_date on);
