/* RFC 4180 CSV: a strict reader (',' or ';' detected from the header,
 * UTF-8 BOM and CRLF accepted) and field quoting for writers. */
#ifndef VB_CSV_H
#define VB_CSV_H

#include <stddef.h>
#include "err.h"
#include "util.h"

typedef struct csv_reader {
	const char *name;	/* file name for messages */
	const char *data;
	size_t len, pos;
	char delim;
	long line;		/* physical line of the next unread byte */
	long rec_line;		/* physical line on which the last record starts */
	sbuf buf;		/* field bytes of the current record, NUL-separated */
	size_t *offs;
	size_t nfields, cap;
	char **fields;		/* valid after csv_next() returned 1 */
} csv_reader;

/* data must stay valid while the reader is used. Checks UTF-8, NUL
 * bytes, skips a BOM and detects the delimiter. 0 or -1. */
int csv_open(csv_reader *r, const char *name, const char *data, size_t len, vb_err *err);
/* The same without the UTF-8 check, for callers that check each field
 * (and so can name the record's line and the column). */
int csv_open_raw(csv_reader *r, const char *name, const char *data, size_t len, vb_err *err);
/* Reads the next record: 1, 0 at the end, -1 on error. */
int csv_next(csv_reader *r, vb_err *err);
void csv_close(csv_reader *r);

/* Appends s as one field, quoted when it must be. */
void csv_quote(sbuf *out, const char *s, char delim);

#endif
