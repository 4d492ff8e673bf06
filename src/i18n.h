/* Message translation. */
#ifndef VB_I18N_H
#define VB_I18N_H

#include "config.h"
#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(one, many, n) ngettext(one, many, n)
#else
#define _(s) (s)
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(s) (s)

#include <stddef.h>

/* Binds the message catalogues (see i18n.c for where they are looked
 * for) after setlocale; returns the directory, or NULL without NLS. */
const char *vb_i18n_init(void);
/* The build tree's catalogue directory when the program runs from its
 * build tree: 1 and the path in buf, else 0. */
int vb_build_localedir(char *buf, size_t size);

#endif
