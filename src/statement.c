/* Renders the levy statement of fin_statement_load (statement.h): the
 * same data as txt, md, html or json, worded and numbered for the
 * locale. */
#include "config.h"
#include "statement.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "num.h"
#include "out.h"

static const char *const fmt_names[] = {"txt", "md", "html", "json"};

int
statement_fmt_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name && strcmp(name, fmt_names[i]) == 0)
			return i;
	return -1;
}

const char *
statement_ext(int fmt)
{
	return fmt >= 0 && fmt < 4 ? fmt_names[fmt] : "txt";
}

/* ---------------------------------------------------------- wording */

static const char *
basis_word(const char *basis)
{
	return strcmp(basis, "plan") == 0 ? _("plan") : _("actual");
}

static const char *
dec_point(void)
{
	const char *d = localeconv()->decimal_point;
	return d && *d ? d : ".";
}

/* An amount as the locale writes it ("1.234,56 €" in German). */
static const char *
money(int64_t cents, char *buf)
{
	return out_locale_cents(cents, buf);
}

static const char *
date_text(const char *iso, char *buf)
{
	return out_locale_date(iso, buf);
}

/* A quota in ten-thousandths of a percent with 4 decimals ("12.3456"). */
static const char *
quota_text(int64_t q, const char *dec, char *buf, size_t n)
{
	int64_t a = q < 0 ? -q : q;
	snprintf(buf, n, "%s%lld%s%04lld", q < 0 ? "-" : "", (long long)(a / 10000), dec,
		 (long long)(a % 10000));
	return buf;
}

/* "users 1,234 (2023)" for each key part behind a share. */
static void
values_text(const fin_stmt_line *l, sbuf *b, int named)
{
	char v[VB_NUM_BUFSZ];
	/* a key of one part need not be named twice */
	int bare = !named && l->n_values == 1 && strcmp(l->values[0].key, l->key) == 0;
	for (size_t i = 0; i < l->n_values; i++) {
		const fin_stmt_value *x = &l->values[i];
		if (i)
			sb_adds(b, "; ");
		if (bare)
			sb_adds(b, num_format_dec4(x->value, v, dec_point()));
		else
			sb_printf(b, "%s %s", x->key, num_format_dec4(x->value, v, dec_point()));
		if (x->excluded)
			sb_printf(b, " (%s)", _("excluded"));
		else if (x->value_year != VB_ALLOC_NO_YEAR)
			sb_printf(b, " (%d)", x->value_year);
	}
}

static const char *
rounding_note(void)
{
	return _("How the cents were rounded: each service's cost and net cost were split "
		 "by its key with the largest-remainder method: every member first got its exact "
		 "quota rounded toward zero, and the cents still missing went one each to the "
		 "largest remainders, so the shares add up to the cost exactly. Staff-transfer "
		 "credits are rounded half away from zero, quotas to 4 decimals half away from zero.");
}

/* The balance in words: to pay, to be refunded, or settled. */
static void
balance_words(int64_t balance, sbuf *b)
{
	char m[VB_NUM_BUFSZ];
	if (balance > 0)
		sb_printf(b, _("Balance: %s to pay"), money(balance, m));
	else if (balance < 0)
		sb_printf(b, _("Balance: %s to be refunded"), money(-balance, m));
	else
		sb_adds(b, _("Balance: settled, nothing to pay and nothing to refund"));
}

static void
advances_heading(const fin_stmt_member *sm, sbuf *b)
{
	char d[16];
	if (sm->advances_issued)
		sb_printf(b, _("Advances, issued on %s"), date_text(sm->issued_on, d));
	else
		sb_adds(b, _("Advances, computed from the plan (not issued)"));
}

/* ------------------------------------------------------------- txt */

static void
pad_left(sbuf *b, const char *s, int w)
{
	for (int n = utf8_width(s); n < w; n++)
		sb_addc(b, ' ');
	sb_adds(b, s);
}

static void
pad_right(sbuf *b, const char *s, int w)
{
	sb_adds(b, s);
	for (int n = utf8_width(s); n < w; n++)
		sb_addc(b, ' ');
}

/* A paragraph wrapped at width columns, each line after indent spaces. */
static void
wrap(sbuf *b, const char *text, int width, int indent)
{
	const char *p = text;
	while (*p) {
		int col = indent;
		const char *line = p, *brk = NULL;
		sbuf w;
		sb_init(&w);
		for (const char *q = p; *q; q++) {
			if (*q == ' ')
				brk = q;
			sb_reset(&w);
			sb_addn(&w, line, (size_t)(q - line + 1));
			if (col + utf8_width(w.s) > width && brk) {
				break;
			}
			if (!q[1])
				brk = q + 1;
		}
		sb_free(&w);
		if (!brk)
			brk = line + strlen(line);
		for (int i = 0; i < indent; i++)
			sb_addc(b, ' ');
		sb_addn(b, line, (size_t)(brk - line));
		sb_addc(b, '\n');
		p = *brk ? brk + 1 : brk;
	}
}

/* One label and an amount on an 80-column line. */
static void
txt_amount_line(sbuf *b, const char *label, int64_t cents)
{
	char m[VB_NUM_BUFSZ];
	money(cents, m);
	int lw = utf8_width(label), mw = utf8_width(m);
	sb_adds(b, label);
	for (int n = lw + mw; n < 80; n++)
		sb_addc(b, ' ');
	if (lw + mw >= 80)
		sb_addc(b, ' ');
	sb_adds(b, m);
	sb_addc(b, '\n');
}

static void
txt_rule(sbuf *b, char c)
{
	for (int i = 0; i < 80; i++)
		sb_addc(b, c);
	sb_addc(b, '\n');
}

static void
txt_services(const fin_stmt_member *sm, sbuf *b)
{
	const char *heads[] = {_("Service"), _("Days"), _("Quota %"), _("Gross share"), _("Grant relief"),
			       _("Net share")};
	char cells[5][VB_NUM_BUFSZ];
	int w[6] = {0, utf8_width(heads[1]), utf8_width(heads[2]), utf8_width(heads[3]),
		    utf8_width(heads[4]), utf8_width(heads[5])};
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		int ws[5];
		ws[0] = snprintf(cells[0], sizeof cells[0], "%d", (int)l->days);
		quota_text(l->quota, dec_point(), cells[1], sizeof cells[1]);
		ws[1] = utf8_width(cells[1]);
		ws[2] = utf8_width(money(l->gross, cells[2]));
		ws[3] = utf8_width(money(l->grant, cells[3]));
		ws[4] = utf8_width(money(l->net, cells[4]));
		for (int c = 0; c < 5; c++)
			if (ws[c] > w[c + 1])
				w[c + 1] = ws[c];
	}
	int rest = 0;
	for (int c = 1; c < 6; c++)
		rest += w[c] + 2;
	w[0] = 80 - rest > 12 ? 80 - rest : 12;
	pad_right(b, heads[0], w[0]);
	for (int c = 1; c < 6; c++) {
		sb_adds(b, "  ");
		pad_left(b, heads[c], w[c]);
	}
	sb_addc(b, '\n');
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		snprintf(cells[0], sizeof cells[0], "%d", (int)l->days);
		quota_text(l->quota, dec_point(), cells[1], sizeof cells[1]);
		money(l->gross, cells[2]);
		money(l->grant, cells[3]);
		money(l->net, cells[4]);
		if (utf8_width(l->name) > w[0]) {
			/* a long name on a line of its own: names are never cut */
			sb_adds(b, l->name);
			sb_addc(b, '\n');
			pad_right(b, "", w[0]);
		} else {
			pad_right(b, l->name, w[0]);
		}
		for (int c = 0; c < 5; c++) {
			sb_adds(b, "  ");
			pad_left(b, cells[c], w[c + 1]);
		}
		sb_addc(b, '\n');
		sbuf v;
		sb_init(&v);
		sb_printf(&v, _("key %s: %s"), l->key, "");
		values_text(l, &v, 0);
		wrap(b, v.s, 80, 2);
		sb_free(&v);
	}
}

static void
txt_member(const fin_statement *st, const fin_stmt_member *sm, sbuf *b)
{
	char d[16], line[512];
	sb_printf(b, "%s\n", st->federation);
	snprintf(line, sizeof line, _("Levy statement %d (%s)"), st->year, basis_word(st->basis));
	sb_printf(b, "%s\n", line);
	sb_printf(b, _("Member: %s (%s)"), sm->name, sm->code);
	sb_addc(b, '\n');
	sb_printf(b, _("Made on %s; amounts in EUR"), date_text(st->made, d));
	sb_addc(b, '\n');
	txt_rule(b, '=');
	txt_services(sm, b);
	txt_rule(b, '-');
	if (sm->n_transfers) {
		sb_printf(b, "%s\n", _("Staff transfers"));
		for (size_t i = 0; i < sm->n_transfers; i++) {
			snprintf(line, sizeof line, "  %s", "");
			snprintf(line + 2, sizeof line - 2, _("transfer no. %lld of %s"), (long long)sm->transfers[i].id,
				 date_text(sm->transfers[i].date, d));
			txt_amount_line(b, line, sm->transfers[i].amount);
		}
	}
	txt_amount_line(b, _("Staff-transfer adjustments"), sm->transfers_total);
	txt_amount_line(b, _("Total payable"), sm->total);
	txt_rule(b, '-');
	sbuf h;
	sb_init(&h);
	advances_heading(sm, &h);
	sb_printf(b, "%s\n", h.s);
	sb_free(&h);
	for (int k = 0; k < sm->n_adv; k++) {
		snprintf(line, sizeof line, "  %s", "");
		snprintf(line + 2, sizeof line - 2, _("due %s"), date_text(sm->due[k], d));
		txt_amount_line(b, line, sm->adv[k]);
	}
	txt_amount_line(b, _("Advances in all"), sm->adv_total);
	if (strcmp(st->basis, "actual") == 0) {
		sbuf w;
		sb_init(&w);
		balance_words(sm->balance, &w);
		sb_printf(b, "%s\n", w.s);
		sb_free(&w);
	}
	txt_rule(b, '-');
	wrap(b, rounding_note(), 80, 0);
	sb_printf(b, "%s\n%s\n", _("Fingerprint (SHA-256):"), sm->fingerprint);
}

/* -------------------------------------------------------------- md */

/* Markdown table text: | and line breaks would end the cell. */
static void
md_text(sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`')
			sb_addc(b, '\\');
		sb_addc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

static void
md_member(const fin_statement *st, const fin_stmt_member *sm, sbuf *b)
{
	char d[16], m[5][VB_NUM_BUFSZ], q[32];
	sb_adds(b, "# ");
	sb_printf(b, _("Levy statement %d (%s)"), st->year, basis_word(st->basis));
	sb_adds(b, "\n\n");
	md_text(b, st->federation);
	sb_adds(b, "  \n");
	sbuf name;
	sb_init(&name);
	md_text(&name, sm->name);
	sb_printf(b, _("Member: %s (%s)"), name.s, sm->code);
	sb_adds(b, "  \n");
	sb_free(&name);
	sb_printf(b, _("Made on %s; amounts in EUR"), date_text(st->made, d));
	sb_adds(b, "\n\n");
	sb_printf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", _("Service"), _("Key and value used"), _("Days"),
		  _("Quota %"), _("Gross share"), _("Grant relief"), _("Net share"));
	sb_adds(b, "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		sbuf v;
		sb_init(&v);
		values_text(l, &v, 1);
		sb_adds(b, "| ");
		md_text(b, l->name);
		sb_adds(b, " | ");
		md_text(b, v.s);
		sb_printf(b, " | %d | %s | %s | %s | %s |\n", (int)l->days, quota_text(l->quota, dec_point(), q, sizeof q),
			  money(l->gross, m[0]), money(l->grant, m[1]), money(l->net, m[2]));
		sb_free(&v);
	}
	sb_addc(b, '\n');
	if (sm->n_transfers) {
		sb_printf(b, "## %s\n\n", _("Staff transfers"));
		for (size_t i = 0; i < sm->n_transfers; i++) {
			sb_adds(b, "- ");
			sb_printf(b, _("transfer no. %lld of %s"), (long long)sm->transfers[i].id,
				  date_text(sm->transfers[i].date, d));
			sb_printf(b, ": %s\n", money(sm->transfers[i].amount, m[0]));
		}
		sb_addc(b, '\n');
	}
	sb_printf(b, "- %s: %s\n", _("Staff-transfer adjustments"), money(sm->transfers_total, m[0]));
	sb_printf(b, "- **%s: %s**\n\n", _("Total payable"), money(sm->total, m[0]));
	sb_adds(b, "## ");
	advances_heading(sm, b);
	sb_adds(b, "\n\n");
	for (int k = 0; k < sm->n_adv; k++)
		sb_printf(b, "- %s: %s\n", date_text(sm->due[k], d), money(sm->adv[k], m[0]));
	sb_printf(b, "- %s: %s\n\n", _("Advances in all"), money(sm->adv_total, m[0]));
	if (strcmp(st->basis, "actual") == 0) {
		sb_adds(b, "**");
		balance_words(sm->balance, b);
		sb_adds(b, "**\n\n");
	}
	sb_adds(b, "---\n\n");
	sb_printf(b, "%s\n\n", rounding_note());
	sb_printf(b, "%s `%s`\n", _("Fingerprint (SHA-256):"), sm->fingerprint);
}

/* ------------------------------------------------------------ html */

static void
html_text(sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_adds(b, "&amp;"); break;
		case '<': sb_adds(b, "&lt;"); break;
		case '>': sb_adds(b, "&gt;"); break;
		case '"': sb_adds(b, "&quot;"); break;
		case '\'': sb_adds(b, "&#39;"); break;
		default: sb_addc(b, *s);
		}
	}
}

/* Print layout for A4: one statement a page, tables that fit the width. */
static const char html_style[] =
	"@page { size: A4; margin: 16mm 15mm 14mm 15mm; }\n"
	"html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; font-size: 9.5pt; color: #111; }\n"
	"body { margin: 0; }\n"
	"section.statement { max-width: 180mm; margin: 0 auto; }\n"
	"section.statement + section.statement { break-before: page; page-break-before: always; }\n"
	"p { margin: 0 0 1.5mm 0; }\n"
	".federation { font-size: 10.5pt; font-weight: bold; }\n"
	"h1 { font-size: 15pt; margin: 2mm 0 1mm 0; }\n"
	"h2 { font-size: 11pt; margin: 4mm 0 1.5mm 0; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm 0; }\n"
	"th, td { padding: 0.8mm 1.2mm; border-bottom: 0.2mm solid #bbb; vertical-align: top; text-align: left; }\n"
	"th { border-bottom: 0.4mm solid #333; font-weight: bold; }\n"
	"td.n, th.n { text-align: right; white-space: nowrap; }\n"
	"td.v { font-size: 8pt; color: #444; }\n"
	"tr.total td { font-weight: bold; border-top: 0.4mm solid #333; }\n"
	"p.balance { font-size: 11pt; font-weight: bold; margin-top: 2mm; }\n"
	"svg { display: block; margin: 2mm 0; }\n"
	"footer { margin-top: 4mm; border-top: 0.2mm solid #999; padding-top: 1.5mm; font-size: 7.5pt; color: #333; }\n"
	"code { font-size: 7.5pt; word-break: break-all; }\n";

static void
html_head(const fin_statement *st, const char *title, sbuf *b)
{
	/* TRANSLATORS: the language code of the statement's HTML (lang="…") */
	const char *lang = _("en");
	(void)st;
	sb_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", lang);
	html_text(b, title);
	sb_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
}

/* A horizontal bar per service: the member's net share, scaled to the
 * largest; negative shares (credits) drawn in another colour. */
static void
html_chart(const fin_stmt_member *sm, sbuf *b)
{
	enum { W = 640, LABEL = 190, VALUE = 110, ROW = 18 };
	int64_t max = 0;
	char m[VB_NUM_BUFSZ];
	for (size_t i = 0; i < sm->n_lines; i++) {
		int64_t a = sm->lines[i].net < 0 ? -sm->lines[i].net : sm->lines[i].net;
		if (a > max)
			max = a;
	}
	int h = (int)sm->n_lines * ROW + 4;
	sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%%\" viewBox=\"0 0 %d %d\">\n",
		  W, h);
	sb_adds(b, "<title>");
	html_text(b, _("Net share per service"));
	sb_adds(b, "</title>\n");
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		int64_t a = l->net < 0 ? -l->net : l->net;
		int len = max ? (int)((vb_i128)a * (W - LABEL - VALUE - 10) / max) : 0;
		int y = (int)i * ROW + 2;
		sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">", LABEL - 6, y + 12);
		html_text(b, l->name);
		sb_adds(b, "</text>\n");
		sb_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", LABEL, y + 2,
			  len > 0 ? len : 0, ROW - 6, l->net < 0 ? "#b85c00" : "#2f5f8f");
		sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"11\">", LABEL + len + 6, y + 12);
		html_text(b, money(l->net, m));
		sb_adds(b, "</text>\n");
	}
	sb_adds(b, "</svg>\n");
}

static void
html_row_amount(sbuf *b, const char *cls, const char *label, int64_t cents)
{
	char m[VB_NUM_BUFSZ];
	sb_printf(b, "<tr%s%s%s><td>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	html_text(b, label);
	sb_adds(b, "</td><td class=\"n\">");
	html_text(b, money(cents, m));
	sb_adds(b, "</td></tr>\n");
}

static void
html_services(const fin_stmt_member *sm, sbuf *b)
{
	char m[VB_NUM_BUFSZ], q[32];
	const char *heads[] = {_("Service"), _("Key and value used"), _("Days"), _("Quota %"), _("Gross share"),
			       _("Grant relief"), _("Net share")};
	sb_adds(b, "<table>\n<thead><tr>");
	for (int c = 0; c < 7; c++) {
		sb_adds(b, c >= 2 ? "<th class=\"n\">" : "<th>");
		html_text(b, heads[c]);
		sb_adds(b, "</th>");
	}
	sb_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		sbuf v;
		sb_init(&v);
		values_text(l, &v, 1);
		sb_adds(b, "<tr><td>");
		html_text(b, l->name);
		sb_adds(b, "</td><td class=\"v\">");
		html_text(b, v.s);
		sb_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">", (int)l->days);
		html_text(b, quota_text(l->quota, dec_point(), q, sizeof q));
		sb_adds(b, "</td><td class=\"n\">");
		html_text(b, money(l->gross, m));
		sb_adds(b, "</td><td class=\"n\">");
		html_text(b, money(l->grant, m));
		sb_adds(b, "</td><td class=\"n\">");
		html_text(b, money(l->net, m));
		sb_adds(b, "</td></tr>\n");
		sb_free(&v);
	}
	sb_adds(b, "</tbody>\n</table>\n");
}

static void
html_member(const fin_statement *st, const fin_stmt_member *sm, sbuf *b)
{
	char d[16], line[512];
	sb_adds(b, "<section class=\"statement\">\n<header>\n<p class=\"federation\">");
	html_text(b, st->federation);
	sb_adds(b, "</p>\n<h1>");
	snprintf(line, sizeof line, _("Levy statement %d (%s)"), st->year, basis_word(st->basis));
	html_text(b, line);
	sb_adds(b, "</h1>\n<p>");
	sbuf t;
	sb_init(&t);
	sb_printf(&t, _("Member: %s (%s)"), sm->name, sm->code);
	html_text(b, t.s);
	sb_adds(b, "</p>\n<p>");
	sb_reset(&t);
	sb_printf(&t, _("Made on %s; amounts in EUR"), date_text(st->made, d));
	html_text(b, t.s);
	sb_adds(b, "</p>\n</header>\n");
	html_services(sm, b);
	html_chart(sm, b);
	sb_adds(b, "<table>\n<tbody>\n");
	for (size_t i = 0; i < sm->n_transfers; i++) {
		snprintf(line, sizeof line, _("transfer no. %lld of %s"), (long long)sm->transfers[i].id,
			 date_text(sm->transfers[i].date, d));
		html_row_amount(b, NULL, line, sm->transfers[i].amount);
	}
	html_row_amount(b, NULL, _("Staff-transfer adjustments"), sm->transfers_total);
	html_row_amount(b, "total", _("Total payable"), sm->total);
	sb_adds(b, "</tbody>\n</table>\n<h2>");
	sb_reset(&t);
	advances_heading(sm, &t);
	html_text(b, t.s);
	sb_adds(b, "</h2>\n<table>\n<tbody>\n");
	for (int k = 0; k < sm->n_adv; k++) {
		snprintf(line, sizeof line, _("due %s"), date_text(sm->due[k], d));
		html_row_amount(b, NULL, line, sm->adv[k]);
	}
	html_row_amount(b, "total", _("Advances in all"), sm->adv_total);
	sb_adds(b, "</tbody>\n</table>\n");
	if (strcmp(st->basis, "actual") == 0) {
		sb_reset(&t);
		balance_words(sm->balance, &t);
		sb_adds(b, "<p class=\"balance\">");
		html_text(b, t.s);
		sb_adds(b, "</p>\n");
	}
	sb_adds(b, "<footer>\n<p>");
	html_text(b, rounding_note());
	sb_adds(b, "</p>\n<p>");
	html_text(b, _("Fingerprint (SHA-256):"));
	sb_printf(b, " <code>%s</code></p>\n</footer>\n</section>\n", sm->fingerprint);
	sb_free(&t);
}

/* ------------------------------------------------------------ json */

static void
json_member(const fin_statement *st, const fin_stmt_member *sm, jw *w)
{
	char v[VB_NUM_BUFSZ], q[32];
	jw_obj(w);
	jw_key(w, "code");
	jw_str(w, sm->code);
	jw_key(w, "name");
	jw_str(w, sm->name);
	jw_key(w, "fingerprint");
	jw_str(w, sm->fingerprint);
	jw_key(w, "services");
	jw_arr(w);
	for (size_t i = 0; i < sm->n_lines; i++) {
		const fin_stmt_line *l = &sm->lines[i];
		jw_obj(w);
		jw_key(w, "code");
		jw_str(w, l->code);
		jw_key(w, "name");
		jw_str(w, l->name);
		jw_key(w, "key");
		jw_str(w, l->key);
		jw_key(w, "days");
		jw_int(w, l->days);
		jw_key(w, "values");
		jw_arr(w);
		for (size_t j = 0; j < l->n_values; j++) {
			jw_obj(w);
			jw_key(w, "key");
			jw_str(w, l->values[j].key);
			jw_key(w, "value");
			jw_raw(w, num_format_dec4(l->values[j].value, v, "."));
			jw_key(w, "value_year");
			if (l->values[j].value_year != VB_ALLOC_NO_YEAR)
				jw_int(w, l->values[j].value_year);
			else
				jw_null(w);
			jw_key(w, "excluded");
			jw_bool(w, l->values[j].excluded);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_key(w, "cost_cents");
		jw_int(w, l->cost);
		jw_key(w, "gross_cents");
		jw_int(w, l->gross);
		jw_key(w, "grant_cents");
		jw_int(w, l->grant);
		jw_key(w, "net_cents");
		jw_int(w, l->net);
		jw_key(w, "quota_percent");
		jw_str(w, quota_text(l->quota, ".", q, sizeof q));
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "transfers");
	jw_arr(w);
	for (size_t i = 0; i < sm->n_transfers; i++) {
		jw_obj(w);
		jw_key(w, "number");
		jw_int(w, sm->transfers[i].id);
		jw_key(w, "date");
		jw_str(w, sm->transfers[i].date);
		jw_key(w, "amount_cents");
		jw_int(w, sm->transfers[i].amount);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "transfers_cents");
	jw_int(w, sm->transfers_total);
	jw_key(w, "total_cents");
	jw_int(w, sm->total);
	jw_key(w, "advances");
	jw_arr(w);
	for (int k = 0; k < sm->n_adv; k++) {
		jw_obj(w);
		jw_key(w, "due");
		jw_str(w, sm->due[k]);
		jw_key(w, "amount_cents");
		jw_int(w, sm->adv[k]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "advances_cents");
	jw_int(w, sm->adv_total);
	jw_key(w, "advances_issued");
	jw_str(w, sm->advances_issued ? sm->issued_on : NULL);
	if (strcmp(st->basis, "actual") == 0) {
		jw_key(w, "balance_cents");
		jw_int(w, sm->balance);
	}
	jw_obj_end(w);
}

static void
json_render(const fin_statement *st, size_t i, sbuf *out)
{
	jw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "year");
	jw_int(&w, st->year);
	jw_key(&w, "basis");
	jw_str(&w, st->basis);
	jw_key(&w, "federation");
	jw_str(&w, st->federation);
	jw_key(&w, "made");
	jw_str(&w, st->made);
	jw_key(&w, "fingerprint");
	jw_str(&w, i == STMT_ALL ? st->fingerprint : st->members[i].fingerprint);
	jw_key(&w, "members");
	jw_arr(&w);
	for (size_t j = 0; j < st->n; j++)
		if (i == STMT_ALL || i == j)
			json_member(st, &st->members[j], &w);
	jw_arr_end(&w);
	jw_obj_end(&w);
}

/* ---------------------------------------------------------- render */

void
statement_render(const fin_statement *st, size_t i, int fmt, sbuf *out)
{
	if (fmt == STMT_JSON) {
		json_render(st, i, out);
		return;
	}
	if (fmt == STMT_HTML) {
		char title[512];
		if (i == STMT_ALL)
			snprintf(title, sizeof title, _("Levy statement %d (%s)"), st->year, basis_word(st->basis));
		else
			snprintf(title, sizeof title, "%s – %s", st->members[i].name, st->federation);
		html_head(st, title, out);
	}
	int first = 1;
	for (size_t j = 0; j < st->n; j++) {
		if (i != STMT_ALL && i != j)
			continue;
		if (!first && fmt == STMT_TXT)
			sb_adds(out, "\f\n");
		else if (!first && fmt == STMT_MD)
			sb_adds(out, "\n");
		first = 0;
		if (fmt == STMT_TXT)
			txt_member(st, &st->members[j], out);
		else if (fmt == STMT_MD)
			md_member(st, &st->members[j], out);
		else
			html_member(st, &st->members[j], out);
	}
	if (fmt == STMT_HTML)
		sb_adds(out, "</body>\n</html>\n");
}
