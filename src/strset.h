/* A set of byte strings (open addressing): which texts were seen, in
 * time that does not grow with the number of them. */
#ifndef VB_STRSET_H
#define VB_STRSET_H

#include <stddef.h>

typedef struct strset {
	struct strset_slot {
		char *s;	/* NULL: empty */
		size_t len;
	} *slot;
	size_t n, cap;	/* cap: 0 or a power of two */
} strset;

void strset_init(strset *set);
/* Adds the len bytes at s (which may hold '\0'): 1 when they were not in
 * the set, 0 when they were. */
int strset_add(strset *set, const char *s, size_t len);
void strset_free(strset *set);

#endif
