# Fuzzing, included by Makefile.am.
#
# "make fuzz" builds the libFuzzer harnesses tests/fuzz/fuzz_*.c with
# clang -fsanitize=fuzzer,address,undefined and runs each for
# FUZZ_SECONDS seconds (default 30), e.g.
#     make fuzz FUZZ_SECONDS=600 FUZZ_HARNESSES='csv import'
# "make check" replays the committed corpora and every crash once found
# (tests/fuzz/regress) through tests/fuzz/replay, a normal program built
# from the same harnesses without libFuzzer (tests/reliability/fuzz_replay.sh).

FUZZ_SECONDS = 30
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer
FUZZ_HARNESSES = csv json import config num dbfile
FUZZ_ARGS =

fuzz: $(BUILT_SOURCES)
	@FUZZ_CC='$(FUZZ_CC)' FUZZ_CFLAGS='$(FUZZ_CFLAGS)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	FUZZ_HARNESSES='$(FUZZ_HARNESSES)' FUZZ_ARGS='$(FUZZ_ARGS)' \
	FUZZ_CPPFLAGS='-I$(abs_top_builddir) -I$(abs_top_srcdir)/src -I$(abs_top_builddir)/src -DLOCALEDIR="\"$(localedir)\"" -DPKGDATADIR="\"$(pkgdatadir)\"" $(SQLITE3_CFLAGS) $(LIBCONFIG_CFLAGS)' \
	FUZZ_LIBS='$(SQLITE3_LIBS) $(LIBCONFIG_LIBS) $(XLSXWRITER_LIBS) $(LIBINTL)' \
	FUZZ_SOURCES="`for f in $(src_libverbund_a_SOURCES); do case $$f in *.c) echo $(abs_top_srcdir)/$$f;; esac; done` \
	`for f in $(nodist_src_libverbund_a_SOURCES); do echo $(abs_top_builddir)/$$f; done`" \
	VERBUND='$(abs_top_builddir)/verbund' \
	srcdir='$(abs_top_srcdir)' builddir='$(abs_top_builddir)' \
	$(SHELL) $(top_srcdir)/tests/fuzz/run.sh

fuzz-clean:
	-rm -rf tests/fuzz/obj tests/fuzz/work tests/fuzz/artifacts
	-rm -f tests/fuzz/fuzz_csv tests/fuzz/fuzz_json tests/fuzz/fuzz_import \
	  tests/fuzz/fuzz_config tests/fuzz/fuzz_num tests/fuzz/fuzz_dbfile tests/fuzz/*.log

clean-local: fuzz-clean

.PHONY: fuzz fuzz-clean
