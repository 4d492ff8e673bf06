/* Known names and "did you mean …?" (spec §3.4): the closest of the
 * names that exist, for codes of records, metrics, commands, options and
 * choices, in batch mode and in the TUI alike. */
#ifndef VB_SUGGEST_H
#define VB_SUGGEST_H

#include <stddef.h>

#include "db.h"
#include "entity.h"
#include "err.h"

#define SUGGEST_MAX_DISTANCE 2

/* Edit distance (insertions, deletions, substitutions and swaps of two
 * neighbours) between a and b counted in bytes, or max + 1 when it is
 * above max. */
int suggest_distance(const char *a, const char *b, int max);
/* The name nearest to word: the only name that begins with word, else
 * the one at the smallest edit distance up to SUGGEST_MAX_DISTANCE (the
 * first listed on a tie); NULL when none is near or word is one of them. */
const char *suggest_best(const char *word, const char *const *names, size_t n);

/* The code of a record of e nearest to code (e identified by one code:
 * member, key, service, grant, agreement) into out (n bytes); 1 when
 * there is one, 0 when not, -1 on a database error. */
int suggest_code(vb_db *db, const vb_entity *e, const char *code, char *out, size_t n,
		 vb_err *err);
/* Sets err to "[field: ]there is no <entity> 'code'" and, when one is
 * near, "; did you mean 'x'?"; returns -1. field may be NULL. */
int suggest_not_found(vb_db *db, const vb_entity *e, const char *field, const char *code,
		      vb_err *err);

/* Appends "; did you mean 'x'?" to err's message when a code of e is
 * near code; returns -1 (for "return suggest_append(…)" after err_set).
 * With names (n of them) instead of db, the nearest of those. */
int suggest_append(vb_db *db, const vb_entity *e, const char *code, vb_err *err);
int suggest_append_names(const char *word, const char *const *names, size_t n, vb_err *err);

/* The metrics that keys read, sorted, without repeats (*n of them;
 * free with suggest_free_names). 0 or -1. */
int known_metrics(vb_db *db, char ***out, size_t *n, vb_err *err);
void suggest_free_names(char **names, size_t n);
/* 1 when a key reads metric, 0 when none does (err then says so, with
 * the closest known metric and hint, e.g. "--new-metric accepts it",
 * in parentheses), -1 on a database error. */
int metric_known(vb_db *db, const char *metric, const char *hint, vb_err *err);

#endif
