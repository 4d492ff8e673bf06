/* The levy statement as a document (spec §7): txt (80 columns), md,
 * html (self-contained, A4 print layout, SVG bar chart) and json, in
 * the locale's language and number format. */
#ifndef VB_STATEMENT_H
#define VB_STATEMENT_H

#include <stddef.h>

#include "fin.h"
#include "util.h"

enum stmt_fmt { STMT_TXT, STMT_MD, STMT_HTML, STMT_JSON };

#define STMT_ALL ((size_t)-1)

/* The format named txt, md, html or json; -1 for anything else. */
int statement_fmt_parse(const char *name);
/* The file name extension of a format ("txt", "md", "html", "json"). */
const char *statement_ext(int fmt);
/* Appends the statement of member index i of st (STMT_ALL: every
 * member; txt separates them by a form feed, html makes one document
 * with a page break before each) to out. */
void statement_render(const fin_statement *st, size_t i, int fmt, sbuf *out);

#endif
