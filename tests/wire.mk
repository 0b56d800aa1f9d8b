# tests/wire.mk: the WS-Man codec (runtime/wsman*): lexical forms, instance round trips of every
# MI type, request shapes, faults both ways, HTTP-level results and hostile input
# (tests/test_wire), and every reference exchange in ../shared (tests/test_wire_ref: OMI captures
# and WinRM samples; it skips when MOFBIND_SHARED is absent).

check_PROGRAMS += tests/test_wire
TESTS += tests/test_wire
tests_test_wire_SOURCES = tests/test_wire.c tests/test_wire_util.h tests/stderr_capture.h
tests_test_wire_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
tests_test_wire_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wire_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(CHECK_LIBS) -lm -lpthread

check_PROGRAMS += tests/test_wire_ref
TESTS += tests/test_wire_ref
tests_test_wire_ref_SOURCES = tests/test_wire_ref.c tests/test_wire_util.h
tests_test_wire_ref_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
tests_test_wire_ref_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wire_ref_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(CHECK_LIBS)

# libFuzzer harness for the codec's readers (`make fuzz`, clang; scripts/fuzz.sh runs it on the
# seeds in tests/fuzz/wsman/, which tests/fuzz's EXTRA_DIST carries).
FUZZ_WSMAN_SRCS = tests/fuzz/fuzz_wsman.c $(filter %.c,$(runtime_libmicore_la_SOURCES))
fuzz: tests/fuzz/fuzz-wsman
tests/fuzz/fuzz-wsman: $(FUZZ_WSMAN_SRCS) runtime/libmicore.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) \
		$(LIBXML2_CFLAGS) -o $@ $(filter %.c,$^) $(LIBXML2_LIBS) -lm
CLEANFILES += tests/fuzz/fuzz-wsman
