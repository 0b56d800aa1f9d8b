# tests/runtime.mk: runtime tests (libmicore instances, libmofbind client).

# mi.h compiles as strict C99 and as C++, with every warning an error, and its values are the
# MI API's.
check_PROGRAMS += tests/test_runtime_header tests/test_runtime_cxx
TESTS += tests/test_runtime_header tests/test_runtime_cxx
tests_test_runtime_header_SOURCES = tests/test_runtime_header.c
tests_test_runtime_header_CFLAGS = $(AM_CFLAGS) -std=c99 -Wall -Wextra -Wpedantic -Werror
tests_test_runtime_cxx_SOURCES = tests/test_runtime_cxx.cc
tests_test_runtime_cxx_CXXFLAGS = -Wall -Wextra -Wpedantic -Werror
EXTRA_tests_test_runtime_cxx_DEPENDENCIES = tests/test_runtime_header.c

# Instances: dynamic and class-backed, the whole MI_InstanceFT, every type, ownership flags.
check_PROGRAMS += tests/test_runtime
TESTS += tests/test_runtime
tests_test_runtime_SOURCES = tests/test_runtime.c
tests_test_runtime_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_runtime_LDADD = runtime/libmicore.la $(CHECK_LIBS)

# The client: options, destinations, and the operation life cycle against a scripted HTTP
# peer (libmicrohttpd on an ephemeral loopback port) replaying OMI captures and hostile answers.
check_PROGRAMS += tests/test_runtime_client
TESTS += tests/test_runtime_client
tests_test_runtime_client_SOURCES = tests/test_runtime_client.c
tests_test_runtime_client_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBMHD_CFLAGS) \
	$(LIBXML2_CFLAGS) $(LIBCURL_CFLAGS)
tests_test_runtime_client_LDADD = runtime/libmoclient.la $(LIBMHD_LIBS) $(CHECK_LIBS)

# End to end: the installed library (public API only) against mofbind-server embedded on an
# ephemeral loopback port, HTTP and HTTPS.
check_PROGRAMS += tests/test_runtime_server
TESTS += tests/test_runtime_server
tests_test_runtime_server_SOURCES = tests/test_runtime_server.c
tests_test_runtime_server_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -I$(srcdir)/server
tests_test_runtime_server_LDADD = runtime/libmofbind.la $(MOFSERVER_LIBS) $(CHECK_LIBS)

# A kept-alive session against a peer that writes each answer header then body with Nagle on,
# as OMI's server does (tests/split_peer.h): no answer may wait for the client's delayed ACK.
check_PROGRAMS += tests/test_split_answer
TESTS += tests/test_split_answer
tests_test_split_answer_SOURCES = tests/test_split_answer.c tests/split_peer.h \
	tests/test_server_util.h
tests_test_split_answer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBCURL_CFLAGS) -I$(srcdir)/server
tests_test_split_answer_LDADD = runtime/libmofbind.la $(MOFSERVER_LIBS) $(LIBCURL_LIBS) \
	$(CHECK_LIBS) -lpthread

# libFuzzer harness for the client's reading of responses through the MI API (`make fuzz`,
# clang; the libcurl transport is replaced by the harness's stub; seeds in tests/fuzz/client/).
FUZZ_CLIENT_SRCS = tests/fuzz/fuzz_client.c $(filter %.c,$(runtime_libmicore_la_SOURCES) \
	$(filter-out runtime/transport.c,$(runtime_libmoclient_la_SOURCES)))
fuzz: tests/fuzz/fuzz-client
tests/fuzz/fuzz-client: $(FUZZ_CLIENT_SRCS) runtime/libmoclient.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) \
		$(LIBXML2_CFLAGS) $(LIBCURL_CFLAGS) -o $@ $(filter %.c,$^) $(LIBXML2_LIBS) \
		$(LIBCURL_LIBS) -lpthread -lm
CLEANFILES += tests/fuzz/fuzz-client
