/* Files written whole or not at all: every file the program creates
 * (export, backup, statement, workbook, the TUI's export, the
 * federation file of init and demo) is written to a temporary file in
 * the same directory, synced and renamed into place.  A symbolic link
 * or another non-regular file under the final name is refused, so that
 * nothing is ever written through a link; the file gets mode 0600. */
#ifndef VB_FILEIO_H
#define VB_FILEIO_H

#include <stddef.h>
#include <stdio.h>
#include "err.h"

/* How the final name may be taken. */
enum afile_how {
	AFILE_NEW,		/* the final name must not exist (checked again at the rename) */
	AFILE_REPLACE		/* an existing regular file is replaced at once */
};

/* What afile_open and afile_reserve return besides 0: the final name
 * exists (AFILE_NEW) and err says so in general words, which a caller
 * may replace with its own ("use --force", "a backup never overwrites"). */
#define AFILE_EXISTS (-2)

/* One file being written.  path is the final name, tmp the temporary
 * file (created with mode 0600 and O_EXCL, so never a link); f is the
 * stream of afile_open, NULL after afile_reserve. */
typedef struct afile {
	char *path;
	char *tmp;
	FILE *f;
	int how;
} afile;

/* Checks the final name (see AFILE_EXISTS; a link, a directory or a
 * device is refused with VB_EFAIL) and creates the temporary file; the
 * caller writes to af->f, then commits or aborts.  -1 with err. */
int afile_open(afile *af, const char *path, int how, vb_err *err);
/* The same for a library that writes by name (SQLite's backup,
 * libxlsxwriter): af->tmp exists, empty, and is the name to write;
 * af->f stays NULL. */
int afile_reserve(afile *af, const char *path, int how, vb_err *err);
/* Flushes and syncs the temporary file, renames it to the final name
 * (never over an existing file for AFILE_NEW) and syncs the directory.
 * On failure the temporary file is removed, err says why, and the
 * final name is as it was.  af is freed either way. */
int afile_commit(afile *af, vb_err *err);
/* Removes the temporary file; the final name is untouched. */
void afile_abort(afile *af);
/* Writes n bytes at p as one file at path. */
int afile_write_all(const char *path, const void *p, size_t n, int how, vb_err *err);

/* Checks that path is not a link or another non-regular file (a
 * missing path is fine): 0, or -1 with err (VB_EFAIL). */
int afile_check_target(const char *path, vb_err *err);
/* Syncs the directory holding path, so that a rename in it is durable. */
int afile_sync_dir(const char *path);
/* Renames from to to: never over an existing file when how is
 * AFILE_NEW (errno EEXIST then).  0 or -1 with errno. */
int afile_rename(const char *from, const char *to, int how);

#endif
