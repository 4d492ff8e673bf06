/* View 2: agreements; the detail pane lists each version with its
 * parties and their signatures.  On a version row `a` adds the next
 * version and Enter edits it; on a party row Enter records or edits the
 * signature. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "app.h"
#include "date.h"
#include "i18n.h"
#include "workflow.h"

static void
fetch_by_agreement(app *a, const vb_entity *e, const char *code, vb_rec **recs, size_t *n)
{
	vb_rec filter;
	vb_err err;
	rec_init(&filter, e);
	rec_parse(&filter, 0, code, &err);
	if (ent_fetch(a->db, e, &filter, recs, n, &err) < 0) {
		*recs = NULL;
		*n = 0;
		app_message(a, MSG_ERROR, "%s", err.msg);
	}
	rec_free(&filter);
}

static const vb_rec *
signature_of(const vb_rec *sigs, size_t n, int64_t number, const char *member)
{
	for (size_t i = 0; i < n; i++)
		if (sigs[i].v[AS_NUMBER].i == number && strcmp(sigs[i].v[AS_MEMBER].s, member) == 0)
			return &sigs[i];
	return NULL;
}

static void
version_row(view *v, const vb_rec *ver, const vb_rec *sigs, size_t nsigs)
{
	char head[64], period[160], state[64], from[11], until[11];
	int parties = 0, signed_ = 0;
	vb_list l;
	if (!ver->v[AV_PARTIES].null && vlist_parse(ver->v[AV_PARTIES].s, 0, &l, NULL) == 0) {
		for (size_t i = 0; i < l.n; i++) {
			parties++;
			signed_ += signature_of(sigs, nsigs, ver->v[AV_NUMBER].i, l.item[i].code) != NULL;
		}
		vlist_free(&l);
	}
	snprintf(head, sizeof head, _("Version %lld"), (long long)ver->v[AV_NUMBER].i);
	/* dates as the locale writes them (31.12.2024 in German) */
	const char *f = out_locale_date(ver->v[AV_FROM].s, from);
	if (!ver->v[AV_UNTIL].null)
		snprintf(period, sizeof period, "%s – %s", f, out_locale_date(ver->v[AV_UNTIL].s, until));
	else if (!ver->v[AV_TERM].null)
		snprintf(period, sizeof period, P_("%s, %lld year", "%s, %lld years", (unsigned long)ver->v[AV_TERM].i),
			 f, (long long)ver->v[AV_TERM].i);
	else
		snprintf(period, sizeof period, _("%s – open"), f);
	snprintf(state, sizeof state, _("signed %d of %d"), signed_, parties);
	/* the state with the period, so that the parties' signatories and
	 * dates below keep their columns; the notice on a line of its own */
	size_t used = strlen(period);
	snprintf(period + used, sizeof period - used, "; %s", state);
	drow *d = detail_row(v, &ent_version, ver, head, period, NULL, NULL);
	d->section = 1;
	if (!ver->v[AV_NOTICE].null) {
		char notice[96];
		snprintf(notice, sizeof notice, P_("notice %lld month", "notice %lld months", (unsigned long)ver->v[AV_NOTICE].i),
			 (long long)ver->v[AV_NOTICE].i);
		detail_row(v, &ent_version, ver, "", notice, NULL, NULL);
	}
}

static void
party_rows(view *v, const vb_rec *ver, const vb_rec *sigs, size_t nsigs)
{
	vb_list l;
	vb_err err;
	if (ver->v[AV_PARTIES].null || vlist_parse(ver->v[AV_PARTIES].s, 0, &l, NULL) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		const char *t = l.item[i].code;
		char party[64], who[512], date[11];
		const vb_rec *s = signature_of(sigs, nsigs, ver->v[AV_NUMBER].i, t);
		snprintf(party, sizeof party, "  %s", t);
		if (s) {
			snprintf(who, sizeof who, "%s%s%s", s->v[AS_SIGNATORY].s,
				 s->v[AS_ROLE].null ? "" : ", ", s->v[AS_ROLE].null ? "" : s->v[AS_ROLE].s);
			detail_row(v, &ent_signature, s, party, who, out_locale_date(s->v[AS_DATE].s, date), NULL);
		} else {
			drow *d = detail_row(v, &ent_signature, NULL, party, _("not signed (Enter records it)"),
					     NULL, NULL);
			rec_init(&d->pre, &ent_signature);
			rec_parse(&d->pre, AS_AGREEMENT, ver->v[AV_AGREEMENT].s, &err);
			val_set_int(&d->pre.v[AS_NUMBER], ver->v[AV_NUMBER].i);
			rec_parse(&d->pre, AS_MEMBER, t, &err);
			d->has_pre = 1;
		}
	}
	vlist_free(&l);
}

static void
agreements_detail(app *a, view *v, size_t row)
{
	char title[256];
	vb_rec *vers, *sigs;
	size_t nv, ns;
	if (row == LIST_NONE || !list_rec(&v->main, row)) {
		detail_begin(v, _(" No agreement selected"));
		detail_end(v);
		return;
	}
	const vb_rec *ag = list_rec(&v->main, row);
	snprintf(title, sizeof title, _(" %s: versions, parties and signatures"),
		 ag->v[AG_CODE].s);
	detail_begin(v, title);
	fetch_by_agreement(a, &ent_version, ag->v[AG_CODE].s, &vers, &nv);
	fetch_by_agreement(a, &ent_signature, ag->v[AG_CODE].s, &sigs, &ns);
	if (nv == 0)
		detail_section(v, &ent_version, _("No versions yet: a adds the first"));
	for (size_t i = nv; i-- > 0;) {
		/* the newest version first: that is the one being signed */
		version_row(v, &vers[i], sigs, ns);
		party_rows(v, &vers[i], sigs, ns);
	}
	if (!ag->v[AG_NOTES].null)
		detail_row(v, NULL, NULL, _("notes"), ag->v[AG_NOTES].s, NULL, NULL);
	recs_free(vers, nv);
	recs_free(sigs, ns);
	detail_end(v);
}

static unsigned
agreements_prefill(app *a, view *v, const vb_entity *e, const drow *d, vb_rec *r)
{
	vb_err err;
	char buf[VB_DATE_BUFSZ];
	size_t row = list_row(&v->main);
	if (e == &ent_agreement || row == LIST_NONE || !list_rec(&v->main, row))
		return 0;
	const char *code = list_rec(&v->main, row)->v[AG_CODE].s;
	if (e == &ent_version) {
		int64_t next = 1;
		vb_rec *vers;
		size_t nv;
		agreement_next_version(a->db, code, &next, &err);
		rec_parse(r, AV_AGREEMENT, code, &err);
		val_set_int(&r->v[AV_NUMBER], next);
		/* a re-draft usually keeps the terms and parties of the last one */
		fetch_by_agreement(a, &ent_version, code, &vers, &nv);
		if (nv) {
			const vb_rec *last = &vers[nv - 1];
			int keep[] = {AV_TERM, AV_NOTICE, AV_PARTIES};
			for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
				char *s = val_format(&ent_version.fields[keep[k]], &last->v[keep[k]]);
				rec_parse(r, keep[k], s, &err);
				free(s);
			}
		}
		recs_free(vers, nv);
		return 1u << AV_AGREEMENT | 1u << AV_NUMBER;
	}
	if (e == &ent_signature) {
		if (!d || !d->has_pre) {
			const vb_rec *src = d && d->has ? &d->rec : NULL;
			rec_parse(r, AS_AGREEMENT, code, &err);
			if (src && src->ent == &ent_signature) {
				val_set_int(&r->v[AS_NUMBER], src->v[AS_NUMBER].i);
			}
		}
		if (r->v[AS_DATE].null)
			rec_parse(r, AS_DATE, date_format(workflow_today(), buf), &err);
		return 1u << AS_AGREEMENT | 1u << AS_NUMBER | (d && d->has_pre ? 1u << AS_MEMBER : 0);
	}
	return 0;
}

static void
agreements_info(app *a, view *v, char *buf, size_t size)
{
	(void)a;
	snprintf(buf, size, P_(" %zu agreement", " %zu agreements", v->main.n), v->main.n);
}

const view_ops view_agreements = {
	.title = N_("Agreements"),
	.file = "agreements",
	.entity = &ent_agreement,
	.columns = "code:20 type:19 title:0",
	.frozen = 1,
	.detail_columns = "c0:20 c1:50 c2:14 c3:0",
	.detail = agreements_detail,
	.prefill = agreements_prefill,
	.info = agreements_info,
};
