# tests/wire.mk: the WS-Man codec (runtime/wsman*): lexical forms, instance round trips of every
# MI type, request shapes, faults both ways, HTTP-level results and hostile input
# (tests/test_wire), and every reference exchange in ../shared (tests/test_wire_ref: OMI captures
# and WinRM samples; it skips when MOFBIND_SHARED is absent).

check_PROGRAMS += tests/test_wire
TESTS += tests/test_wire
tests_test_wire_SOURCES = tests/test_wire.c tests/test_wire_util.h
tests_test_wire_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
tests_test_wire_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wire_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(CHECK_LIBS) -lm

check_PROGRAMS += tests/test_wire_ref
TESTS += tests/test_wire_ref
tests_test_wire_ref_SOURCES = tests/test_wire_ref.c tests/test_wire_util.h
tests_test_wire_ref_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
tests_test_wire_ref_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_wire_ref_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(CHECK_LIBS)
