/* Replays fuzz inputs without libFuzzer: "replay HARNESS FILE…" feeds
 * each file to the harness (csv, json, import, config, num, dbfile), so that
 * the committed corpora and every crash once found (tests/fuzz/regress)
 * run in "make check", with the sanitizers of the build if any. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"

int fuzz_csv(const uint8_t *data, size_t size);
int fuzz_json(const uint8_t *data, size_t size);
int fuzz_import(const uint8_t *data, size_t size);
int fuzz_config(const uint8_t *data, size_t size);
int fuzz_num(const uint8_t *data, size_t size);
int fuzz_dbfile(const uint8_t *data, size_t size);

static const struct {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} harnesses[] = {
	{"csv", fuzz_csv}, {"json", fuzz_json}, {"import", fuzz_import},
	{"config", fuzz_config}, {"num", fuzz_num}, {"dbfile", fuzz_dbfile},
};

int
main(int argc, char **argv)
{
	size_t h;
	if (argc < 2) {
		fprintf(stderr, "usage: replay HARNESS FILE…\n");
		return 2;
	}
	for (h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++)
		if (strcmp(harnesses[h].name, argv[1]) == 0)
			break;
	if (h == sizeof harnesses / sizeof harnesses[0]) {
		fprintf(stderr, "replay: unknown harness '%s'\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		size_t len;
		char *data = file_read_all(argv[i], &len);
		if (!data) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		/* exactly len bytes, so that ASan sees any overread */
		uint8_t *copy = xmalloc(len ? len : 1);
		memcpy(copy, data, len);
		free(data);
		harnesses[h].fn(copy, len);
		free(copy);
	}
	printf("%s: %d inputs\n", argv[1], argc - 2);
	return 0;
}
