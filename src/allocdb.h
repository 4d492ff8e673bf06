/* Reads what the allocation engine needs for one year and basis from
 * the federation file, and runs it. */
#ifndef VB_ALLOCDB_H
#define VB_ALLOCDB_H

#include "alloc.h"
#include "progress.h"
#include "db.h"
#include "err.h"

typedef struct alloc_data {
	vb_alloc_input in;
	char **names;		/* member names, parallel to in.members */
	char **service_names;
	/* owned storage behind in */
	vb_alloc_member *members;
	vb_alloc_key *keys;
	vb_alloc_fixed *fixed;
	vb_alloc_part_ref *parts;
	size_t *excludes;
	vb_alloc_service *services;
	vb_alloc_sub *subs;
	vb_alloc_figure *figures;
	vb_alloc_grant *grants;
	vb_alloc_transfer *transfers;
	int64_t *transfer_ids;	/* each transfer's number, parallel to transfers */
	char **strings;		/* every string the input points to */
	size_t nstrings, capstrings;
	size_t cap_members, cap_figures;
} alloc_data;

/* Loads year and basis ("plan" or "actual"). */
int alloc_load(vb_db *db, int year, const char *basis, alloc_data *d, vb_err *err);
/* The same, reporting the figures read ("allocate", rows of rows) to p
 * (NULL: nobody). */
int alloc_load_progress(vb_db *db, int year, const char *basis, const vb_progress *p,
			alloc_data *d, vb_err *err);
void alloc_data_free(alloc_data *d);
/* Index of a member by code, or -1. */
long alloc_member_index(const alloc_data *d, const char *code);
/* Adds a member (for simulations) keeping the code order; returns its
 * index. Figures given hold for every year. */
size_t alloc_add_member(alloc_data *d, const char *code, const char *name, vb_date joined);
void alloc_add_figure(alloc_data *d, size_t member, const char *metric, int year, int64_t value);
/* Runs the engine; engine errors become status 1. */
int alloc_run(alloc_data *d, int explain, vb_alloc_result *res, vb_err *err);

#endif
