/* The levy statement of each member (spec §7) as data: gross share
 * (the cost split by the key), grant relief and net share per service,
 * transfer adjustments by number, advances and balance, and the
 * SHA-256 fingerprint of what the statement shows (fin.h). */
#include "config.h"
#include "fin.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "num.h"
#include "sha256.h"
#include "util.h"

/* gross * 100 / cost in ten-thousandths of a percent, half away from 0. */
static int64_t
quota_of(int64_t gross, int64_t cost)
{
	if (!cost)
		return 0;
	vb_i128 num = (vb_i128)gross * 1000000, den = cost;
	int neg = (num < 0) != (den < 0);
	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	vb_i128 q = num / den;
	if ((num % den) * 2 >= den)
		q++;
	/* |gross| <= |cost| for a split: the quota is at most 100 % */
	return (int64_t)(neg ? -q : q);
}

/* The key parts that explain member m's share of service s: the gross
 * split's, else the net split's (a service with cost 0 is not split). */
static void
line_values(fin_stmt_line *l, const fin_year *g, const fin_year *n, size_t m, size_t s)
{
	size_t np;
	const fin_year *y = g;
	const vb_alloc_part *p = vb_alloc_explain(&g->r, m, s, &np);
	if (!np) {
		y = n;
		p = vb_alloc_explain(&n->r, m, s, &np);
	}
	l->values = xcalloc(np + 1, sizeof *l->values);
	for (size_t i = 0; i < np; i++) {
		fin_stmt_value *v = &l->values[l->n_values++];
		v->key = y->d.keys[p[i].key].code;
		v->value = p[i].value;
		v->value_year = p[i].value_year;
		v->excluded = p[i].excluded;
	}
}

static int
member_lines(fin_statement *st, fin_stmt_member *sm, size_t m, vb_err *err)
{
	const fin_year *n = &st->net, *g = &st->gross;
	sm->lines = xcalloc(n->n_svc + 1, sizeof *sm->lines);
	for (size_t i = 0; i < n->n_svc; i++) {
		size_t s = n->svc[i];
		const vb_alloc_cell *cn = vb_alloc_cell_at(&n->r, m, s), *cg = vb_alloc_cell_at(&g->r, m, s);
		if (cn->days <= 0 && !cn->share && !cg->share)
			continue;
		fin_stmt_line *l = &sm->lines[sm->n_lines++];
		l->code = n->d.services[s].code;
		l->name = n->d.service_names[s];
		l->key = n->d.keys[n->d.services[s].key].code;
		l->cost = n->r.services[s].cost;
		l->days = cn->days;
		l->net = cn->share;
		l->gross = cg->share;
		if (__builtin_sub_overflow(l->net, l->gross, &l->grant))
			return err_set(err, VB_EFAIL, _("the grant relief of member '%s' in service '%s' overflows"),
				       sm->code, l->code);
		l->quota = quota_of(l->gross, l->cost);
		line_values(l, g, n, m, s);
	}
	return 0;
}

/* The transfer adjustments of member m, by transfer; they add up to
 * what the allocation gave the member. */
static int
member_transfers(fin_statement *st, fin_stmt_member *sm, size_t m, vb_err *err)
{
	const alloc_data *d = &st->net.d;
	sm->transfers = xcalloc(d->in.n_transfers + 1, sizeof *sm->transfers);
	for (size_t i = 0; i < d->in.n_transfers; i++) {
		const vb_alloc_transfer *t = &d->transfers[i];
		if (t->from != m && t->to != m)
			continue;
		int64_t c = vb_alloc_transfer_credit(t, st->year);
		if (!c)
			continue;
		fin_stmt_transfer *x = &sm->transfers[sm->n_transfers++];
		x->id = d->transfer_ids ? d->transfer_ids[i] : (int64_t)i + 1;
		date_format(t->date, x->date);
		x->amount = t->to == m ? c : -c;
		if (fin_add(&sm->transfers_total, x->amount, err, N_("the transfer adjustments of member '%s'"),
			    sm->code) < 0)
			return -1;
	}
	if (sm->transfers_total != st->net.r.members[m].transfers)
		return err_set(err, VB_EFAIL, _("the transfer adjustments of member '%s' do not add up"), sm->code);
	return 0;
}

static void
member_advances(fin_statement *st, fin_stmt_member *sm, vb_err *err)
{
	long a = fin_advances_find(&st->adv, sm->code);
	(void)err;
	sm->n_adv = st->adv.n;
	sm->advances_issued = st->adv.issued;
	snprintf(sm->issued_on, sizeof sm->issued_on, "%.10s", st->adv.issued_on);
	for (int k = 0; k < st->adv.n; k++) {
		snprintf(sm->due[k], sizeof sm->due[k], "%s", st->adv.due[k]);
		sm->adv[k] = a >= 0 ? st->adv.rows[a].inst[k] : 0;
	}
	sm->adv_total = a >= 0 ? st->adv.rows[a].total : 0;
}

/* Everything the statement of one member shows except the date made and
 * the wording, one item a line, for the fingerprint. */
static void
member_canonical(const fin_statement *st, const fin_stmt_member *sm, sbuf *b)
{
	char v[VB_NUM_BUFSZ];
	sb_printf(b, "verbund statement 1\nfederation\t%s\nyear\t%d\nbasis\t%s\nmember\t%s\t%s\n",
		  st->federation, st->year, st->basis, sm->code, sm->name);
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		sb_printf(b, "service\t%s\t%s\t%s\t%d\t%lld\t%lld\t%lld\t%lld\t%lld", l->code, l->name, l->key,
			  (int)l->days, (long long)l->cost, (long long)l->quota, (long long)l->gross,
			  (long long)l->grant, (long long)l->net);
		for (size_t j = 0; j < l->n_values; j++)
			sb_printf(b, "\t%s=%s@%d%s", l->values[j].key, num_format_dec4(l->values[j].value, v, "."),
				  l->values[j].value_year, l->values[j].excluded ? "x" : "");
		sb_addc(b, '\n');
	}
	for (size_t i = 0; i < sm->n_transfers; i++)
		sb_printf(b, "transfer\t%lld\t%s\t%lld\n", (long long)sm->transfers[i].id, sm->transfers[i].date,
			  (long long)sm->transfers[i].amount);
	sb_printf(b, "total\t%lld\n", (long long)sm->total);
	for (int k = 0; k < sm->n_adv; k++)
		sb_printf(b, "advance\t%s\t%lld\n", sm->due[k], (long long)sm->adv[k]);
	sb_printf(b, "advances\t%lld\t%s\n", (long long)sm->adv_total, sm->advances_issued ? sm->issued_on : "computed");
	if (strcmp(st->basis, "actual") == 0)
		sb_printf(b, "balance\t%lld\n", (long long)sm->balance);
}

static int
statement_members(fin_statement *st, const char *member, vb_err *err)
{
	const fin_year *n = &st->net;
	st->members = xcalloc(n->n_mem + 1, sizeof *st->members);
	sbuf all;
	sb_init(&all);
	for (size_t j = 0; j < n->n_mem; j++) {
		size_t m = n->mem[j];
		if (member && strcmp(member, n->d.members[m].code) != 0)
			continue;
		fin_stmt_member *sm = &st->members[st->n++];
		sm->code = n->d.members[m].code;
		sm->name = n->d.names[m];
		sm->total = n->r.members[m].total;
		if (member_lines(st, sm, m, err) < 0 || member_transfers(st, sm, m, err) < 0) {
			sb_free(&all);
			return -1;
		}
		member_advances(st, sm, err);
		if (__builtin_sub_overflow(sm->total, sm->adv_total, &sm->balance)) {
			sb_free(&all);
			return err_set(err, VB_EFAIL, _("the balance of member '%s' overflows"), sm->code);
		}
		sbuf c;
		sb_init(&c);
		member_canonical(st, sm, &c);
		sha256_hex(c.s, c.len, sm->fingerprint);
		sb_addn(&all, c.s, c.len);
		sb_free(&c);
	}
	sha256_hex(all.s ? all.s : "", all.len, st->fingerprint);
	sb_free(&all);
	if (member && !st->n) {
		long m = alloc_member_index(&n->d, member);
		if (m < 0)
			return err_set(err, VB_EFAIL, _("there is no member '%s'"), member);
		return err_set(err, VB_EFAIL, _("member '%s' takes no part in %d (%s)"), member, st->year, st->basis);
	}
	return 0;
}

int
fin_statement_load(vb_db *db, int year, const char *basis, const char *member, const char (*due)[6],
		   int ndue, vb_date today, fin_statement *st, vb_err *err)
{
	alloc_data d;
	memset(st, 0, sizeof *st);
	st->year = year;
	st->basis = strcmp(basis, "plan") == 0 ? "plan" : "actual";
	date_format(today, st->made);
	char *fed = db_federation_name(db);
	st->federation = fed ? fed : xstrdup("");
	if (fin_year_load(db, year, st->basis, 1, &st->net, err) < 0)
		goto fail;
	/* the gross split: the same data without grants (§7: steps 3-6 on the cost) */
	if (alloc_load(db, year, st->basis, &d, err) < 0) {
		alloc_data_free(&d);
		goto fail;
	}
	d.in.n_grants = 0;
	if (fin_year_run(&d, year, st->basis, 1, &st->gross, err) < 0)
		goto fail;
	/* two reads: the cells of both must mean the same members and services */
	if (st->gross.d.in.n_members != st->net.d.in.n_members ||
	    st->gross.d.in.n_services != st->net.d.in.n_services) {
		err_set(err, VB_EFAIL, _("the federation file changed while the statement was made; make it again"));
		goto fail;
	}
	if (fin_advances_effective(db, year, due, ndue, &st->adv, err) < 0)
		goto fail;
	if (statement_members(st, member, err) < 0)
		goto fail;
	return 0;
fail:
	fin_statement_free(st);
	return -1;
}

void
fin_statement_free(fin_statement *st)
{
	for (size_t i = 0; i < st->n; i++) {
		for (size_t j = 0; j < st->members[i].n_lines; j++)
			free(st->members[i].lines[j].values);
		free(st->members[i].lines);
		free(st->members[i].transfers);
	}
	free(st->members);
	free(st->federation);
	fin_year_free(&st->net);
	fin_year_free(&st->gross);
	fin_advances_free(&st->adv);
	memset(st, 0, sizeof *st);
}
