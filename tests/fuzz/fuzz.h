/* Common parts of the fuzz harnesses (tests/fuzz/fuzz_*.c).
 *
 * Each harness defines its entry point with FUZZ_ENTRY(name).  Built
 * for libFuzzer ("make fuzz") that is LLVMFuzzerTestOneInput; built
 * with -DFUZZ_REPLAY into tests/fuzz/replay (a normal check program,
 * no libFuzzer needed) it is fuzz_<name>, and replay.c feeds it the
 * committed corpus and regression inputs.
 *
 * A harness returns 0 for every input; a property that does not hold
 * calls FUZZ_ASSERT, which aborts (libFuzzer keeps the input as a
 * crash, the replay test fails). */
#ifndef VB_FUZZ_H
#define VB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(name) \
	int fuzz_##name(const uint8_t *data, size_t size); \
	int fuzz_##name(const uint8_t *data, size_t size)
#else
#define FUZZ_ENTRY(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#define FUZZ_ASSERT(cond)                                                        \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, \
				__LINE__, #cond);                                \
			abort();                                                 \
		}                                                                \
	} while (0)

#include "err.h"

static inline void
fuzz_report_nothing(int is_error, const char *msg)
{
	(void)is_error;
	(void)msg;
}

/* Silences the program's warnings and messages (they are expected). */
static inline void
fuzz_quiet(void)
{
	report_set(fuzz_report_nothing);
}

#endif
