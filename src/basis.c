/* The cost basis of a year: its names as people write them, and the
 * refusal of a year and basis without any cost (spec §3.4). */
#include "config.h"
#include "basis.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "util.h"

const char *
basis_parse(const char *s)
{
	static const struct {
		const char *name, *basis;
	} names[] = {{"plan", "plan"}, {"actual", "actual"}, {"ist", "actual"}};
	char t[16];
	size_t a, b;
	if (!s)
		return NULL;
	a = strspn(s, " ");
	b = strlen(s);
	while (b > a && s[b - 1] == ' ')
		b--;
	if (b - a >= sizeof t)
		return NULL;
	memcpy(t, s + a, b - a);
	t[b - a] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(t, names[i].name) == 0)
			return names[i].basis;
	return NULL;
}

/* "2019, 2021-2024": the years, runs of consecutive years shortened. */
static void
years_text(const int *y, size_t n, sbuf *out)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && y[j + 1] == y[j] + 1)
			j++;
		sb_printf(out, "%s%d", i ? ", " : "", y[i]);
		if (j > i)
			sb_printf(out, "%s%d", j == i + 1 ? ", " : "-", y[j]);
		i = j + 1;
	}
}

int
fin_require_costs(vb_db *db, int year, const char *basis, vb_err *err)
{
	static const char sql[] = "SELECT DISTINCT year FROM cost WHERE basis = ?1 ORDER BY year";
	sqlite3_stmt *st = db_prep(db, sql, err);
	int *years = NULL, rc, found = 0;
	size_t n = 0, cap = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, basis);
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0);
		if (y == year)
			found = 1;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			years = xrealloc(years, cap * sizeof *years);
		}
		years[n++] = y;
	}
	if (rc < 0 || found) {
		free(years);
		return rc < 0 ? -1 : 0;
	}
	sbuf b;
	sb_init(&b);
	years_text(years, n, &b);
	if (strcmp(basis, "plan") == 0)
		rc = n ? err_set(err, VB_EFAIL, _("there are no plan costs for %d; years with plan costs: %s"), year, b.s)
		       : err_set(err, VB_EFAIL, _("there are no plan costs for %d; no year has plan costs yet"), year);
	else
		rc = n ? err_set(err, VB_EFAIL, _("there are no actual costs for %d; years with actual costs: %s"), year, b.s)
		       : err_set(err, VB_EFAIL, _("there are no actual costs for %d; no year has actual costs yet"), year);
	sb_free(&b);
	free(years);
	return rc;
}
