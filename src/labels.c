/* Labels of field and column names for the TUI's column titles and form
 * labels.  The English name is the message id, so the C locale shows the
 * names that the batch mode's CSV and JSON use. */
#include "config.h"
#include "labels.h"

#include <string.h>

#include "i18n.h"

static const char *const labels[] = {
	/* fields of the records */
	N_("code"), N_("name"), N_("kind"), N_("status"), N_("joined"), N_("left"),
	N_("host"), N_("contact"), N_("email"), N_("phone"), N_("notes"),
	N_("member"), N_("metric"), N_("year"), N_("value"), N_("key"), N_("unit"),
	N_("hours"), N_("subscription"), N_("standalone"), N_("service"), N_("basis"),
	N_("amount"), N_("from"), N_("until"), N_("source"), N_("id"), N_("person"),
	N_("to"), N_("date"), N_("credit"), N_("years"), N_("fte"), N_("grade"),
	N_("title"), N_("type"), N_("agreement"), N_("number"), N_("term_years"),
	N_("notice_months"), N_("text"), N_("parties"), N_("signatory"), N_("role"),
	N_("method"), N_("offset"), N_("parts"), N_("exclude"),
	/* columns of lists and reports */
	N_("total"), N_("transfers"), N_("days"), N_("ref"), N_("description"),
	N_("time"), N_("user"), N_("action"), N_("entity"), N_("before"), N_("after"),
	N_("severity"), N_("message"), N_("versions"), N_("version"), N_("missing"),
	N_("signed"), N_("weight"), N_("quota"), N_("remainder_cent"), N_("share"),
	N_("value_year"), N_("actual"), N_("plan"), N_("advances"), N_("balance"),
	N_("delta"), N_("savings"), N_("cost"),
};

const char *
vb_label(const char *name)
{
	if (!name)
		return "";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i], name) == 0)
			return _(labels[i]);
	return name;
}
