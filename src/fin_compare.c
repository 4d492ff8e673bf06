/* The comparison of two years (spec §2): each member's change of its
 * total payable split into cost, share and transfers effects that add
 * up to the cent (fin.h). */
#include "config.h"
#include "fin.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* a * b / c rounded half away from zero, into *out; -1 when it does not
 * fit in int64 (c != 0). */
static int
mul_div_round(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	vb_i128 num = (vb_i128)a * b, den = c;
	int neg = (num < 0) != (den < 0);
	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	vb_i128 q = num / den, rem = num % den;
	if (rem * 2 >= den)
		q++;
	if (neg)
		q = -q;
	if (q > INT64_MAX || q < -INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of a service of y by code, or -1. */
static long
service_of(const fin_year *y, const char *code)
{
	for (size_t s = 0; s < y->d.in.n_services; s++)
		if (strcmp(y->d.services[s].code, code) == 0)
			return (long)s;
	return -1;
}

/* The services active in either year, in code order (codes of y1 or y0). */
static void
union_services(fin_compare *c)
{
	size_t cap = c->y1.n_svc + c->y0.n_svc + 1;
	c->svc_code = xcalloc(cap, sizeof *c->svc_code);
	c->svc_name = xcalloc(cap, sizeof *c->svc_name);
	for (size_t i = 0; i < c->y1.n_svc; i++)
		c->svc_code[c->n_svc++] = c->y1.d.services[c->y1.svc[i]].code;
	for (size_t i = 0; i < c->y0.n_svc; i++) {
		const char *code = c->y0.d.services[c->y0.svc[i]].code;
		long s = service_of(&c->y1, code);
		if (s < 0 || !c->y1.r.services[s].active)
			c->svc_code[c->n_svc++] = code;
	}
	qsort(c->svc_code, c->n_svc, sizeof *c->svc_code, cmp_str);
	c->net_before = xcalloc(c->n_svc + 1, sizeof *c->net_before);
	c->net_after = xcalloc(c->n_svc + 1, sizeof *c->net_after);
	for (size_t i = 0; i < c->n_svc; i++) {
		long s1 = service_of(&c->y1, c->svc_code[i]), s0 = service_of(&c->y0, c->svc_code[i]);
		c->svc_name[i] = s1 >= 0 ? c->y1.d.service_names[s1] : c->y0.d.service_names[s0];
		c->net_after[i] = s1 >= 0 ? c->y1.r.services[s1].net : 0;
		c->net_before[i] = s0 >= 0 ? c->y0.r.services[s0].net : 0;
	}
}

/* Whether member index m of y takes part in service index s. */
static int
takes_part(const fin_year *y, long m, long s)
{
	return m >= 0 && s >= 0 && vb_alloc_cell_at(&y->r, (size_t)m, (size_t)s)->days > 0;
}

static int
fill_row(fin_compare *c, fin_cmp_row *row, long m1, long m0, vb_err *err)
{
	const char *code = row->code;
	row->cells = xcalloc(c->n_svc + 1, sizeof *row->cells);
	int listed1 = m1 >= 0 && c->y1.r.members[m1].listed, listed0 = m0 >= 0 && c->y0.r.members[m0].listed;
	row->after = listed1 ? c->y1.r.members[m1].total : 0;
	row->before = listed0 ? c->y0.r.members[m0].total : 0;
	row->transfers_after = listed1 ? c->y1.r.members[m1].transfers : 0;
	row->transfers_before = listed0 ? c->y0.r.members[m0].transfers : 0;
	if (__builtin_sub_overflow(row->after, row->before, &row->delta) ||
	    __builtin_sub_overflow(row->transfers_after, row->transfers_before, &row->transfers_effect))
		return err_set(err, VB_EFAIL, _("the change of member '%s' overflows"), code);
	for (size_t i = 0; i < c->n_svc; i++) {
		fin_cmp_cell *cl = &row->cells[i];
		long s1 = service_of(&c->y1, c->svc_code[i]), s0 = service_of(&c->y0, c->svc_code[i]);
		cl->after = listed1 && s1 >= 0 ? fin_share(&c->y1, (size_t)m1, (size_t)s1) : 0;
		cl->before = listed0 && s0 >= 0 ? fin_share(&c->y0, (size_t)m0, (size_t)s0) : 0;
		cl->shown = cl->after || cl->before || takes_part(&c->y1, listed1 ? m1 : -1, s1) ||
			    takes_part(&c->y0, listed0 ? m0 : -1, s0);
		int64_t scaled = 0;
		if (c->net_before[i] && cl->before &&
		    mul_div_round(cl->before, c->net_after[i], c->net_before[i], &scaled) < 0)
			return err_set(err, VB_EFAIL, _("the cost effect of member '%s' in service '%s' overflows"),
				       code, c->svc_code[i]);
		if (__builtin_sub_overflow(cl->after, cl->before, &cl->delta) ||
		    (c->net_before[i] && cl->before &&
		     __builtin_sub_overflow(scaled, cl->before, &cl->cost_effect)) ||
		    __builtin_sub_overflow(cl->delta, cl->cost_effect, &cl->share_effect))
			return err_set(err, VB_EFAIL, _("the change of member '%s' in service '%s' overflows"),
				       code, c->svc_code[i]);
		if (fin_add(&row->cost_effect, cl->cost_effect, err, N_("the cost effect of member '%s'"), code) < 0 ||
		    fin_add(&row->share_effect, cl->share_effect, err, N_("the share effect of member '%s'"), code) < 0)
			return -1;
	}
	/* the decomposition holds by construction; a failure here is a bug */
	int64_t sum = row->cost_effect;
	if (__builtin_add_overflow(sum, row->share_effect, &sum) ||
	    __builtin_add_overflow(sum, row->transfers_effect, &sum) || sum != row->delta)
		return err_set(err, VB_EFAIL, _("the effects of member '%s' do not add up to its change"), code);
	return 0;
}

static int
add_total(fin_compare *c, const fin_cmp_row *row, vb_err *err)
{
	fin_cmp_row *t = &c->total;
	const char *what = _("the comparison's total");
	if (fin_add(&t->before, row->before, err, "%s", what) < 0 ||
	    fin_add(&t->after, row->after, err, "%s", what) < 0 ||
	    fin_add(&t->delta, row->delta, err, "%s", what) < 0 ||
	    fin_add(&t->cost_effect, row->cost_effect, err, "%s", what) < 0 ||
	    fin_add(&t->share_effect, row->share_effect, err, "%s", what) < 0 ||
	    fin_add(&t->transfers_before, row->transfers_before, err, "%s", what) < 0 ||
	    fin_add(&t->transfers_after, row->transfers_after, err, "%s", what) < 0 ||
	    fin_add(&t->transfers_effect, row->transfers_effect, err, "%s", what) < 0)
		return -1;
	for (size_t i = 0; i < c->n_svc; i++) {
		fin_cmp_cell *tc = &t->cells[i];
		const fin_cmp_cell *rc = &row->cells[i];
		tc->shown |= rc->shown;
		if (fin_add(&tc->before, rc->before, err, "%s", what) < 0 ||
		    fin_add(&tc->after, rc->after, err, "%s", what) < 0 ||
		    fin_add(&tc->delta, rc->delta, err, "%s", what) < 0 ||
		    fin_add(&tc->cost_effect, rc->cost_effect, err, "%s", what) < 0 ||
		    fin_add(&tc->share_effect, rc->share_effect, err, "%s", what) < 0)
			return -1;
	}
	return 0;
}

/* The members listed in either year (or only member), in code order. */
static int
compare_rows(fin_compare *c, const char *member, vb_err *err)
{
	const alloc_data *d1 = &c->y1.d, *d0 = &c->y0.d;
	size_t n1 = d1->in.n_members, n0 = d0->in.n_members, i1 = 0, i0 = 0;
	c->rows = xcalloc(n1 + n0 + 1, sizeof *c->rows);
	c->total.cells = xcalloc(c->n_svc + 1, sizeof *c->total.cells);
	/* both member lists are in code order: merge them */
	while (i1 < n1 || i0 < n0) {
		int cmp = i1 >= n1 ? 1 : i0 >= n0 ? -1 : strcmp(d1->members[i1].code, d0->members[i0].code);
		long m1 = cmp <= 0 ? (long)i1++ : -1, m0 = cmp >= 0 ? (long)i0++ : -1;
		const char *code = m1 >= 0 ? d1->members[m1].code : d0->members[m0].code;
		int listed = (m1 >= 0 && c->y1.r.members[m1].listed) || (m0 >= 0 && c->y0.r.members[m0].listed);
		if (member ? strcmp(code, member) != 0 : !listed)
			continue;
		if (member && !listed)
			return err_set(err, VB_EFAIL, _("member '%s' takes part neither in %d (%s) nor in %d (%s)"),
				       member, c->year, c->basis, c->against, c->against_basis);
		fin_cmp_row *row = &c->rows[c->nrows++];
		row->code = code;
		row->name = m1 >= 0 ? d1->names[m1] : d0->names[m0];
		if (fill_row(c, row, m1, m0, err) < 0 || add_total(c, row, err) < 0)
			return -1;
	}
	if (member && !c->nrows)
		return err_set(err, VB_EFAIL, _("there is no member '%s'"), member);
	return 0;
}

int
fin_compare_load(vb_db *db, int year, const char *basis, int against, const char *against_basis,
		 const char *member, fin_compare *c, vb_err *err)
{
	memset(c, 0, sizeof *c);
	c->year = year;
	c->against = against;
	c->basis = strcmp(basis, "plan") == 0 ? "plan" : "actual";
	c->against_basis = strcmp(against_basis, "plan") == 0 ? "plan" : "actual";
	if (against > year)
		return err_set(err, VB_EFAIL, _("--against %d is after --year %d: compare a year with an earlier one"),
			       against, year);
	if (fin_year_load(db, year, basis, 0, &c->y1, err) < 0)
		return err_prefix(err, "%d (%s)", year, c->basis);
	if (fin_year_load(db, against, against_basis, 0, &c->y0, err) < 0) {
		fin_year_free(&c->y1);
		return err_prefix(err, "%d (%s)", against, c->against_basis);
	}
	union_services(c);
	if (compare_rows(c, member, err) < 0) {
		fin_compare_free(c);
		return -1;
	}
	return 0;
}

void
fin_compare_free(fin_compare *c)
{
	for (size_t i = 0; i < c->nrows; i++)
		free(c->rows[i].cells);
	free(c->rows);
	free(c->total.cells);
	free(c->svc_code);
	free(c->svc_name);
	free(c->net_before);
	free(c->net_after);
	fin_year_free(&c->y1);
	fin_year_free(&c->y0);
	memset(c, 0, sizeof *c);
}

static void
compare_row(out_table *t, const fin_cmp_row *r, const char *code, const char *name)
{
	out_row(t);
	out_text(t, 0, code);
	out_text(t, 1, name);
	out_int(t, 2, r->before);
	out_int(t, 3, r->after);
	out_int(t, 4, r->delta);
	out_int(t, 5, r->cost_effect);
	out_int(t, 6, r->share_effect);
	out_int(t, 7, r->transfers_effect);
}

out_table *
fin_compare_table(const fin_compare *c)
{
	out_table *t = out_new();
	fin_compare_rows(c, t);
	return t;
}

void
fin_compare_rows(const fin_compare *c, out_table *t)
{
	static const char *const cols[] = {"before", "after", "delta", "cost_effect", "share_effect",
					   "transfers_effect"};
	out_col(t, "code", CT_TEXT);
	out_col(t, "name", CT_TEXT);
	for (int i = 0; i < 6; i++)
		out_col(t, cols[i], CT_CENTS);
	for (size_t i = 0; i < c->nrows; i++)
		compare_row(t, &c->rows[i], c->rows[i].code, c->rows[i].name);
	compare_row(t, &c->total, "TOTAL", "");
}

static void
explain_cell(out_table *t, const char *code, const char *service, const fin_cmp_cell *cl)
{
	out_row(t);
	out_text(t, 0, code);
	out_text(t, 1, service);
	out_int(t, 2, cl->before);
	out_int(t, 3, cl->after);
	out_int(t, 4, cl->delta);
	out_int(t, 5, cl->cost_effect);
	out_int(t, 6, cl->share_effect);
}

static void
explain_member(out_table *t, const fin_compare *c, const fin_cmp_row *r, const char *code)
{
	for (size_t i = 0; i < c->n_svc; i++)
		if (r->cells[i].shown)
			explain_cell(t, code, c->svc_code[i], &r->cells[i]);
	if (r->transfers_before || r->transfers_after) {
		out_row(t);
		out_text(t, 0, code);
		out_text(t, 1, "transfers");
		out_int(t, 2, r->transfers_before);
		out_int(t, 3, r->transfers_after);
		out_int(t, 4, r->transfers_effect);
	}
}

void
fin_compare_explain_rows(const fin_compare *c, out_table *t)
{
	static const char *const cols[] = {"before", "after", "delta", "cost_effect", "share_effect"};
	out_col(t, "code", CT_TEXT);
	out_col(t, "service", CT_TEXT);
	for (int i = 0; i < 5; i++)
		out_col(t, cols[i], CT_CENTS);
	for (size_t i = 0; i < c->nrows; i++)
		explain_member(t, c, &c->rows[i], c->rows[i].code);
	const fin_cmp_row *tot = &c->total;
	out_row(t);
	out_text(t, 0, "TOTAL");
	out_text(t, 1, "");
	out_int(t, 2, tot->before);
	out_int(t, 3, tot->after);
	out_int(t, 4, tot->delta);
	out_int(t, 5, tot->cost_effect);
	out_int(t, 6, tot->share_effect);
}
