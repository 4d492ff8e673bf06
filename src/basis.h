/* The cost basis of a year (plan or actual): its names, and whether a
 * year has any cost on it. */
#ifndef VB_BASIS_H
#define VB_BASIS_H

#include "db.h"
#include "err.h"

/* "plan" or "actual" for a basis as a person writes it: the names
 * themselves and the German "Plan" and "Ist", in any case; NULL for
 * anything else. */
const char *basis_parse(const char *s);

/* Refuses (status 1) a year and basis without any cost record, naming
 * the years that have costs of that basis: allocate, advances, settle,
 * statement, workbook and compare call it before they compute. */
int fin_require_costs(vb_db *db, int year, const char *basis, vb_err *err);

#endif
