/* A set of byte strings with open addressing and linear probing; the
 * table doubles when it is half full. */
#include "config.h"
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
strset_init(strset *set)
{
	memset(set, 0, sizeof *set);
}

static uint64_t
fnv1a(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static struct strset_slot *
find(const strset *set, const char *s, size_t len)
{
	size_t mask = set->cap - 1;
	for (size_t i = (size_t)fnv1a(s, len) & mask;; i = (i + 1) & mask) {
		struct strset_slot *e = &set->slot[i];
		if (!e->s || (e->len == len && memcmp(e->s, s, len) == 0))
			return e;
	}
}

static void
grow(strset *set)
{
	strset old = *set;
	set->cap = old.cap ? old.cap * 2 : 64;
	set->slot = xcalloc(set->cap, sizeof *set->slot);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].s)
			*find(set, old.slot[i].s, old.slot[i].len) = old.slot[i];
	free(old.slot);
}

int
strset_add(strset *set, const char *s, size_t len)
{
	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	struct strset_slot *e = find(set, s, len);
	if (e->s)
		return 0;
	e->s = xmalloc(len + 1);
	memcpy(e->s, s, len);
	e->s[len] = '\0';
	e->len = len;
	set->n++;
	return 1;
}

void
strset_free(strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i].s);
	free(set->slot);
	memset(set, 0, sizeof *set);
}
