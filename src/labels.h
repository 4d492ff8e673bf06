/* Labels for people: field and column names as the TUI shows them. */
#ifndef VB_LABELS_H
#define VB_LABELS_H

/* The translated label of a field or column name ("joined" is
 * "Beitritt" in German); the name itself when it has no label or in the
 * C locale.  Machine output (CSV, JSON, table headers) keeps the names. */
const char *vb_label(const char *name);

#endif
