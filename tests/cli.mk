# SPDX-License-Identifier: MIT
# tests/cli.mk: the mofbind command line, the bad-MOF suite, the README's promises about other
# files (tests/readme.sh), and the fuzz harness build.

TESTS += tests/badmof.sh tests/cli.sh tests/readme.sh
EXTRA_DIST += tests/badmof.sh tests/cli.sh tests/readme.sh tests/badmof tests/data
# The harnesses and their seed corpora, named one by one: tests/fuzz/ in the build tree holds
# objects, binaries and grown corpora, and a directory named in EXTRA_DIST is copied from there
# too.
EXTRA_DIST += tests/fuzz/fuzz_mof.c tests/fuzz/fuzz_wsman.c tests/fuzz/fuzz_client.c \
	tests/fuzz/fuzz_server.c tests/fuzz/fuzz_tpl.c tests/fuzz/replay.c tests/fuzz/fuzz_class.h \
	tests/fuzz/fuzz_decl.h tests/fuzz/mof tests/fuzz/wsman tests/fuzz/client tests/fuzz/server \
	tests/fuzz/tpl tests/fuzz/fuzz_http1.c tests/fuzz/http1

# libFuzzer harnesses (clang). `make fuzz` builds them; scripts/fuzz.sh runs them.
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_MOF_SRCS = tests/fuzz/fuzz_mof.c $(filter %.c,$(generator_mof_libmof_la_SOURCES) \
	$(runtime_util_libutil_la_SOURCES) \
	$(patsubst %.l,%.c,$(patsubst %.y,%.c,$(generator_mof_libmofscan_la_SOURCES))))
.PHONY: fuzz
fuzz: tests/fuzz/fuzz-mof
tests/fuzz/fuzz-mof: $(FUZZ_MOF_SRCS) generator/mof/mof_parser.h generator/mof/libmof.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(MOF_CPPFLAGS) \
		-Wno-unused-function -o $@ $(filter %.c,$^)
CLEANFILES += tests/fuzz/fuzz-mof
