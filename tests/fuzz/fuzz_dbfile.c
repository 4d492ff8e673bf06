/* Fuzzing the federation file itself: the input is the bytes of a
 * database file (the seeds are valid demo files, mutated).  It is
 * opened, every kind of record is listed, and the allocation and check
 * run over it.  Properties: no crash, no sanitizer report, and every
 * refusal says why with status 1 (a finding) or 3 (the file cannot be
 * used) — never a wrapped number or a silent 0 (the engine's own
 * reconciliation would fail with an internal error). */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "allocdb.h"
#include "db.h"
#include "entity.h"
#include "fuzz.h"
#include "util.h"
#include "check.h"
#include "workflow.h"

static char *dir, *path;

static void
cleanup(void)
{
	sbuf b;
	sb_init(&b);
	const char *ext[] = {"", "-wal", "-shm", "-journal"};
	for (int i = 0; i < 4; i++) {
		sb_reset(&b);
		sb_printf(&b, "%s%s", path, ext[i]);
		unlink(b.s);
	}
	sb_free(&b);
	rmdir(dir);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/vbfuzzdb.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp");
	dir = sb_take(&b);
	if (!mkdtemp(dir))
		abort();
	sb_printf(&b, "%s/fed.db", dir);
	path = sb_take(&b);
	atexit(cleanup);
	fuzz_quiet();
}

static void
refused(const vb_err *err)
{
	FUZZ_ASSERT(err->status == VB_EFAIL || err->status == VB_EDB);
	FUZZ_ASSERT(err->msg[0] != '\0');
	FUZZ_ASSERT(strstr(err->msg, "internal error") == NULL);
}

FUZZ_ENTRY(dbfile)
{
	if (!path)
		setup();
	cleanup();
	if (mkdir(dir, 0700) < 0 && access(dir, W_OK) < 0)
		abort();
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	vb_db *db;
	vb_err err;
	err_clear(&err);
	if (db_open(&db, path, DB_OPEN_EXISTING, 0, &err) < 0) {
		refused(&err);
		return 0;
	}
	for (int i = 0; vb_entities[i]; i++) {
		vb_rec filter, *recs = NULL;
		size_t n = 0;
		rec_init(&filter, vb_entities[i]);
		err_clear(&err);
		if (ent_fetch(db, vb_entities[i], &filter, &recs, &n, &err) < 0)
			refused(&err);
		else
			recs_free(recs, n);
		rec_free(&filter);
	}
	static const char *const bases[] = {"plan", "actual"};
	for (int b = 0; b < 2; b++) {
		alloc_data d;
		vb_alloc_result r;
		err_clear(&err);
		if (alloc_load(db, 2025, bases[b], &d, &err) < 0) {
			refused(&err);
			continue;
		}
		if (alloc_run(&d, 1, &r, &err) < 0)
			refused(&err);
		else
			vb_alloc_free(&r);
		alloc_data_free(&d);
	}
	int errors = 0, from = 0, to = 0;
	err_clear(&err);
	out_table *t = check_table(db, 2025, date_from_ymd(2025, 6, 30), NULL, &errors, &from, &to, &err);
	if (t)
		out_free(t);
	else
		refused(&err);
	db_close(db);
	return 0;
}
