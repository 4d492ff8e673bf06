/* Fuzz harness: the configuration reader (config_load in
 * src/vbconfig.c, on top of libconfig).
 *
 * The input is written to a file in a temporary directory and read as
 * --config.  Properties: an error has status 3 (VB_EDB) and a message;
 * a configuration that loads has sane values (busy timeout in range,
 * 1..12 due dates "MM-DD" in order, at most VB_MAX_BINDINGS colours and
 * keys); config_free releases everything (LeakSanitizer). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "util.h"
#include "vbconfig.h"

static char *dir, *path;

static void
cleanup(void)
{
	if (path)
		unlink(path);
	if (dir)
		rmdir(dir);
	free(path);
	free(dir);
}

static void
setup(void)
{
	const char *tmp = getenv("TMPDIR");
	sbuf b;
	fuzz_quiet();
	sb_init(&b);
	sb_printf(&b, "%s/vbfuzz.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp");
	dir = sb_take(&b);
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	sb_printf(&b, "%s/verbund.conf", dir);
	path = sb_take(&b);
	atexit(cleanup);
}

FUZZ_ENTRY(config)
{
	static int init;
	if (!init) {
		setup();
		init = 1;
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	vb_config c;
	vb_err err;
	err_clear(&err);
	config_defaults(&c);
	if (config_load(&c, path, &err) < 0) {
		FUZZ_ASSERT(err.status == VB_EDB);
		FUZZ_ASSERT(err.msg[0] != '\0');
	} else {
		FUZZ_ASSERT(c.busy_ms >= 0 && c.busy_ms <= 3600000);
		FUZZ_ASSERT(c.ndue >= 1 && c.ndue <= VB_MAX_DUE && 12 % c.ndue == 0);
		for (int i = 0; i < c.ndue; i++) {
			FUZZ_ASSERT(strlen(c.due[i]) == 5 && c.due[i][2] == '-');
			FUZZ_ASSERT(i == 0 || strcmp(c.due[i - 1], c.due[i]) < 0);
		}
		FUZZ_ASSERT(c.ncolors >= 0 && c.ncolors <= VB_MAX_BINDINGS);
		FUZZ_ASSERT(c.nkeys >= 0 && c.nkeys <= VB_MAX_BINDINGS);
		FUZZ_ASSERT(c.database == NULL || c.database[0] != '\0');
	}
	config_free(&c);
	return 0;
}
