/* The list widget's parts among themselves (ui/list.c keeps the rows,
 * ui/list_draw.c draws them). */
#ifndef VB_LIST_INT_H
#define VB_LIST_INT_H

#include "list.h"

/* The cell of a row and column of t. */
const out_cell *list_cell_at(const out_table *t, size_t row, int col);
/* A cell as the list shows it (amounts and dates in the locale); free it. */
char *list_format_cell(const out_table *t, size_t row, int col);
/* 1 for the types shown as numbers (right-aligned, never cut). */
int list_numeric_type(int type);
/* Paged: makes the rows [lo, hi) readable (reads a window around them). */
void list_window(list *l, size_t lo, size_t hi);

#endif
