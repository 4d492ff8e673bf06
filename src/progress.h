/* Progress of long work (import, export, backup, allocation), reported
 * through a callback of the caller's: the batch mode prints it on a
 * terminal's stderr, the TUI in its message line; the core knows no
 * terminal. */
#ifndef VB_PROGRESS_H
#define VB_PROGRESS_H

#include <stdint.h>

/* what: the work ("import", "backup", ...); done of total units (rows,
 * pages); total 0 when unknown.  Called often (the callback decides
 * when to show something); done == total ends the work. */
typedef void (*vb_progress_fn)(void *arg, const char *what, uint64_t done, uint64_t total);

typedef struct vb_progress {
	vb_progress_fn fn;	/* NULL: nobody listens */
	void *arg;
} vb_progress;

static inline void
vb_progress_report(const vb_progress *p, const char *what, uint64_t done, uint64_t total)
{
	if (p && p->fn)
		p->fn(p->arg, what, done, total);
}

#endif
