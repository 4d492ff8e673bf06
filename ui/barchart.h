/* The bar chart widget: a horizontal bar of a part of a whole, drawn
 * with block characters in eighths of a column, and its percentage. */
#ifndef VB_UI_BARCHART_H
#define VB_UI_BARCHART_H

#include <curses.h>
#include <stdint.h>

/* Draws value/total as a bar and "12.3 %" in w columns at (y, x);
 * a is the row's attribute (the bar takes the bar colour unless the
 * row is selected). */
void barchart_draw(int y, int x, int w, int64_t value, int64_t total, attr_t a);

#endif
