/* Agreements, their versions (re-drafted on accession), parties and
 * signatures. */
#ifndef VB_AGREEMENT_H
#define VB_AGREEMENT_H

#include "db.h"
#include "entity.h"
#include "fields.h"

/* The next free version number of an agreement (1 for the first). */
int agreement_next_version(vb_db *db, const char *code, int64_t *out, vb_err *err);

#endif
