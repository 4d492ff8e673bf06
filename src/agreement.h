/* Agreements, their versions (re-drafted on accession), parties and
 * signatures. */
#ifndef VB_AGREEMENT_H
#define VB_AGREEMENT_H

#include "db.h"
#include "entity.h"

enum { AG_CODE, AG_TITLE, AG_TYPE, AG_NOTES };
enum { AV_AGREEMENT, AV_NUMBER, AV_FROM, AV_UNTIL, AV_TERM, AV_NOTICE, AV_TEXT, AV_PARTIES };
enum { AS_AGREEMENT, AS_NUMBER, AS_MEMBER, AS_SIGNATORY, AS_ROLE, AS_DATE };

/* The next free version number of an agreement (1 for the first). */
int agreement_next_version(vb_db *db, const char *code, int64_t *out, vb_err *err);

#endif
