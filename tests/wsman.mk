# SPDX-License-Identifier: MIT
# tests/wsman.mk: libwsman, the WS-Man codec (runtime/wsman/): lexical forms, instance round
# trips of every MI type, request shapes, faults both ways, HTTP-level results and hostile input
# (tests/test_wsman), and every reference exchange in ../shared (tests/test_wsman_ref: OMI
# captures and WinRM samples; it skips when MOFBIND_SHARED is absent).

check_PROGRAMS += tests/test_wsman
TESTS += tests/test_wsman
tests_test_wsman_SOURCES = tests/test_wsman.c tests/test_wsman_util.h tests/stderr_capture.h \
	tests/widget_decl.h tests/fuzz/scan_agree.h
tests_test_wsman_CPPFLAGS = $(WSMAN_CPPFLAGS)
tests_test_wsman_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wsman_LDADD = $(WSMAN_LIBS) $(CHECK_LIBS) -lpthread

check_PROGRAMS += tests/test_wsman_ref
TESTS += tests/test_wsman_ref
tests_test_wsman_ref_SOURCES = tests/test_wsman_ref.c tests/test_wsman_util.h tests/widget_decl.h
tests_test_wsman_ref_CPPFLAGS = $(WSMAN_CPPFLAGS)
tests_test_wsman_ref_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wsman_ref_LDADD = $(WSMAN_LIBS) $(CHECK_LIBS)

# libFuzzer harness for the codec's readers (`make fuzz`, clang; scripts/fuzz.sh runs it on the
# seeds in tests/fuzz/wsman/, which tests/fuzz's EXTRA_DIST carries).
FUZZ_WSMAN_SRCS = tests/fuzz/fuzz_wsman.c tests/fuzz/scan_agree.h $(filter %.c,$(runtime_util_libutil_la_SOURCES) \
	$(runtime_core_libcore_la_SOURCES) \
	$(runtime_wsman_libwsman_la_SOURCES))
fuzz: tests/fuzz/fuzz-wsman
tests/fuzz/fuzz-wsman: $(FUZZ_WSMAN_SRCS) runtime/wsman/libwsman.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(WSMAN_CPPFLAGS) -o $@ $(filter %.c,$^) \
		$(LIBXML2_LIBS) -lm
CLEANFILES += tests/fuzz/fuzz-wsman

# The reader on other servers' variants (tests/data/wsman, sources in its SOURCES.md).
check_PROGRAMS += tests/test_wsman_variants
TESTS += tests/test_wsman_variants
tests_test_wsman_variants_SOURCES = tests/test_wsman_variants.c tests/test_wsman_util.h \
	tests/widget_decl.h
tests_test_wsman_variants_CPPFLAGS = $(WSMAN_CPPFLAGS)
tests_test_wsman_variants_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wsman_variants_LDADD = $(WSMAN_LIBS) $(CHECK_LIBS)
