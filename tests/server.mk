# SPDX-License-Identifier: MIT
# tests/server.mk: server tests: mofbind-server embedded in the test process and talked to over
# HTTP with libcurl (test_server: auth, front, operations, CIM checks, WQL, Invoke, limits,
# concurrency, state), run as a child process (test_server_proc: the command line, kill -9
# with --state, HTTPS with an openssl-made certificate, users file), the OMI captures replayed
# against it (test_server_captures), and through libmofbind's MI API (test_server_client).
# Test data: tests/server/*.mof.

# The suites see the server's embedding interface (server.h) and the public headers.
SERVER_TEST_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/server $(LIBCURL_CFLAGS)
SERVER_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
SERVER_TEST_LIBS = $(SERVER_LIBS) $(LIBCURL_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/test_server
TESTS += tests/test_server
tests_test_server_SOURCES = tests/test_server.c tests/test_server_util.h
tests_test_server_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_LDADD = $(SERVER_TEST_LIBS)

EXTRA_DIST += tests/server

check_PROGRAMS += tests/test_server_proc
TESTS += tests/test_server_proc
tests_test_server_proc_SOURCES = tests/test_server_proc.c tests/test_server_util.h
tests_test_server_proc_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_proc_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_proc_LDADD = $(LIBCURL_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/test_server_captures
TESTS += tests/test_server_captures
tests_test_server_captures_SOURCES = tests/test_server_captures.c tests/test_server_util.h
tests_test_server_captures_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_captures_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_captures_LDADD = $(SERVER_TEST_LIBS)

# Through the MI client API of the installed library (libmofbind.so: public API only): every
# operation typed and untyped, the CIM checks as MI_Results, credentials, HTTPS.
check_PROGRAMS += tests/test_server_client
TESTS += tests/test_server_client
tests_test_server_client_SOURCES = tests/test_server_client.c tests/test_server_util.h \
	tests/sync_run.h
tests_test_server_client_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_client_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_client_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS)

# libFuzzer harness for the server's reading of requests (msrv_process; `make fuzz`, clang;
# seeds in tests/fuzz/server/).
FUZZ_SERVER_SRCS = tests/fuzz/fuzz_server.c $(filter %.c,$(server_libserver_la_SOURCES) \
	$(generator_midecl_libmidecl_la_SOURCES) $(server_libprovhost_la_SOURCES) \
	$(runtime_core_libcore_la_SOURCES) $(runtime_wsman_libwsman_la_SOURCES)) \
	$(filter-out tests/fuzz/fuzz_mof.c,$(FUZZ_MOF_SRCS))
fuzz: tests/fuzz/fuzz-server
tests/fuzz/fuzz-server: $(FUZZ_SERVER_SRCS) server/libserver.la generator/mof/libmof.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(SERVER_CPPFLAGS) $(SERVER_HOST_DEFS) \
		-Wno-unused-function -o $@ $(filter %.c,$^) $(LIBMHD_LIBS) $(LIBXML2_LIBS) \
		-ldl -lpthread -lm
CLEANFILES += tests/fuzz/fuzz-server

# The state file's round trip (a property test over every CIM type's extreme values), the
# refusals, leftovers and --state-recover, through the MI client API.
check_PROGRAMS += tests/test_server_state
TESTS += tests/test_server_state
tests_test_server_state_SOURCES = tests/test_server_state.c tests/test_server_util.h \
	tests/sync_run.h
tests_test_server_state_CPPFLAGS = $(SERVER_TEST_CPPFLAGS) $(WSMAN_CPPFLAGS)
tests_test_server_state_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_state_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS)

# Associators, references and queries through the MI API (tests/server/storage.mof).
check_PROGRAMS += tests/test_server_assoc
TESTS += tests/test_server_assoc
tests_test_server_assoc_SOURCES = tests/test_server_assoc.c tests/test_server_util.h \
	tests/sync_run.h
tests_test_server_assoc_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_assoc_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_assoc_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS) -lpthread

# GetClass and EnumerateClasses through the MI API (tests/server/classes.mof).
check_PROGRAMS += tests/test_server_class
TESTS += tests/test_server_class
tests_test_server_class_SOURCES = tests/test_server_class.c tests/test_server_util.h
tests_test_server_class_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_class_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_class_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS) -lpthread

# Subscriptions to lifecycle indications on the wire (tests/server/events.mof, OMI's requests in
# tests/data/wsman).
check_PROGRAMS += tests/test_server_events
TESTS += tests/test_server_events
tests_test_server_events_SOURCES = tests/test_server_events.c tests/test_server_util.h
tests_test_server_events_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_events_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_events_LDADD = $(SERVER_TEST_LIBS)

# MI_Session_Subscribe through the MI API (tests/server/events.mof).
check_PROGRAMS += tests/test_server_indications
TESTS += tests/test_server_indications
tests_test_server_indications_SOURCES = tests/test_server_indications.c tests/test_server_util.h
tests_test_server_indications_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_server_indications_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_server_indications_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS) -lpthread
