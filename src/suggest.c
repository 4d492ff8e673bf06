/* Known names and "did you mean …?": edit distance, the nearest of a
 * list, and the lists of names that exist (codes, metrics). */
#include "config.h"
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define SUGGEST_LEN 64	/* longer words are never near anything */

int
suggest_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b);
	int d[3][SUGGEST_LEN + 1];
	if (la > SUGGEST_LEN || lb > SUGGEST_LEN)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	/* three rows of the Damerau (optimal string alignment) table */
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int *cur = d[i % 3], *prev = d[(i - 1) % 3], *pp = d[(i + 1) % 3];
		int row_min;
		cur[0] = (int)i;
		row_min = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > max)
			return max + 1;
	}
	return d[la % 3][lb] > max ? max + 1 : d[la % 3][lb];
}

const char *
suggest_best(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL, *prefixed = NULL;
	int best_d = SUGGEST_MAX_DISTANCE + 1, prefixes = 0;
	size_t wl;
	if (!word || !*word)
		return NULL;
	wl = strlen(word);
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		if (strcmp(names[i], word) == 0)
			return NULL;
		int d = suggest_distance(word, names[i], SUGGEST_MAX_DISTANCE);
		/* a distance as long as the word itself is no resemblance */
		if (d < best_d && (size_t)d < wl) {
			best_d = d;
			best = names[i];
		}
		if (strncmp(names[i], word, wl) == 0 && (!prefixed || strcmp(prefixed, names[i]) != 0)) {
			prefixed = names[i];
			prefixes++;
		}
	}
	/* what was typed is the start of one name only: that one */
	if (prefixes == 1)
		return prefixed;
	return best;
}

void
suggest_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
suggest_code(vb_db *db, const vb_entity *e, const char *code, char *out, size_t n, vb_err *err)
{
	vb_rec filter, *recs;
	size_t nrec;
	int keys = 0;
	for (int i = 0; i < e->nfields; i++)
		keys += (e->fields[i].flags & FF_KEY) != 0;
	/* only records known by one code */
	if (keys != 1 || !(e->fields[0].flags & FF_KEY) || e->fields[0].type != FT_CODE || !code)
		return 0;
	rec_init(&filter, e);
	int rc = ent_fetch(db, e, &filter, &recs, &nrec, err);
	rec_free(&filter);
	if (rc < 0)
		return -1;
	const char **names = xcalloc(nrec + 1, sizeof *names);
	for (size_t i = 0; i < nrec; i++)
		names[i] = recs[i].v[0].s;
	const char *best = suggest_best(code, names, nrec);
	rc = 0;
	if (best && strlen(best) < n) {
		memcpy(out, best, strlen(best) + 1);
		rc = 1;
	}
	free(names);
	recs_free(recs, nrec);
	return rc;
}

int
suggest_not_found(vb_db *db, const vb_entity *e, const char *field, const char *code, vb_err *err)
{
	char near[80];
	vb_err tmp;
	err_clear(&tmp);
	int found = suggest_code(db, e, code, near, sizeof near, &tmp);
	if (found < 0 && err) {
		*err = tmp;
		return -1;
	}
	if (field)
		err_set(err, VB_EFAIL, _("%s: there is no %s '%s'"), field, _(e->name), code);
	else
		err_set(err, VB_EFAIL, _("there is no %s '%s'"), _(e->name), code);
	if (found == 1 && err) {
		size_t l = strlen(err->msg);
		snprintf(err->msg + l, sizeof err->msg - l, _("; did you mean '%s'?"), near);
	}
	return -1;
}

int
suggest_append_names(const char *word, const char *const *names, size_t n, vb_err *err)
{
	const char *best = suggest_best(word, names, n);
	if (best && err) {
		size_t l = strlen(err->msg);
		snprintf(err->msg + l, sizeof err->msg - l, _("; did you mean '%s'?"), best);
	}
	return -1;
}

int
suggest_append(vb_db *db, const vb_entity *e, const char *code, vb_err *err)
{
	char near[80];
	vb_err tmp;
	err_clear(&tmp);
	if (suggest_code(db, e, code, near, sizeof near, &tmp) == 1 && err) {
		size_t l = strlen(err->msg);
		snprintf(err->msg + l, sizeof err->msg - l, _("; did you mean '%s'?"), near);
	}
	return -1;
}

int
known_metrics(vb_db *db, char ***out, size_t *n, vb_err *err)
{
	static const char sql[] =
		"SELECT DISTINCT metric FROM cost_key WHERE method = 'metric' AND metric IS NOT NULL ORDER BY metric";
	sqlite3_stmt *st = db_prep(db, sql, err);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = db_step(db, st, err)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = xstrdup(db_col_text(st, 0) ? db_col_text(st, 0) : "");
	}
	if (rc < 0) {
		suggest_free_names(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
metric_known(vb_db *db, const char *metric, const char *hint, vb_err *err)
{
	char **names;
	size_t n;
	int known = 0;
	if (known_metrics(db, &names, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n && !known; i++)
		known = strcmp(names[i], metric) == 0;
	if (!known) {
		const char *best = suggest_best(metric, (const char *const *)names, n);
		if (best)
			err_set(err, VB_EFAIL, _("no key reads metric '%s'; did you mean '%s'? (%s)"), metric,
				best, hint);
		else
			err_set(err, VB_EFAIL, _("no key reads metric '%s' (%s)"), metric, hint);
	}
	suggest_free_names(names, n);
	return known;
}
