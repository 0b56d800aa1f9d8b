# SPDX-License-Identifier: MIT
# tests/client.mk: libmofbind, the MI client.

# The client: options, destinations, and the operation life cycle against a scripted HTTP
# peer (libmicrohttpd on an ephemeral loopback port) replaying OMI captures and hostile answers.
check_PROGRAMS += tests/test_client
TESTS += tests/test_client
tests_test_client_SOURCES = tests/test_client.c tests/mhd_peer.h tests/widget_decl.h \
	tests/stderr_capture.h
tests_test_client_CPPFLAGS = $(CLIENT_CPPFLAGS) $(LIBMHD_CFLAGS)
tests_test_client_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_client_LDADD = runtime/client/libclient.la $(LIBMHD_LIBS) $(CHECK_LIBS)

# (The installed library against mofbind-server embedded in the test, HTTP and HTTPS:
# tests/test_server_client, in tests/server.mk.)

# A kept-alive session against a peer that writes each answer header then body with Nagle on,
# as OMI's server does (tests/split_peer.h): no answer may wait for the client's delayed ACK.
check_PROGRAMS += tests/test_split_answer
TESTS += tests/test_split_answer
tests_test_split_answer_SOURCES = tests/test_split_answer.c tests/split_peer.h \
	tests/test_server_util.h
tests_test_split_answer_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/server $(LIBCURL_CFLAGS)
tests_test_split_answer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_split_answer_LDADD = runtime/client/libmofbind.la $(SERVER_LIBS) $(LIBCURL_LIBS) \
	$(CHECK_LIBS) -lpthread

# libFuzzer harness for the client's reading of responses through the MI API (`make fuzz`,
# clang; its sessions talk to the stub transport, tests/stub_transport.c; seeds in
# tests/fuzz/client/).
FUZZ_CLIENT_SRCS = tests/fuzz/fuzz_client.c tests/stub_transport.c \
	$(filter %.c,$(runtime_util_libutil_la_SOURCES) $(runtime_core_libcore_la_SOURCES) \
	$(runtime_wsman_libwsman_la_SOURCES) $(runtime_client_libclient_la_SOURCES))
fuzz: tests/fuzz/fuzz-client
tests/fuzz/fuzz-client: $(FUZZ_CLIENT_SRCS) runtime/client/libclient.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(CLIENT_CPPFLAGS) -I$(srcdir)/tests -o $@ \
		$(filter %.c,$^) $(LIBXML2_LIBS) $(LIBCURL_LIBS) -lpthread -lm
CLEANFILES += tests/fuzz/fuzz-client

# The synchronous lane's HTTP/1.x answer reader (runtime/client/http1.c): heads and chunked
# bodies from tables, every input an exact-size copy.
check_PROGRAMS += tests/test_http1
TESTS += tests/test_http1
tests_test_http1_SOURCES = tests/test_http1.c
tests_test_http1_CPPFLAGS = $(CLIENT_CPPFLAGS)
tests_test_http1_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_http1_LDADD = runtime/client/libclient.la $(CHECK_LIBS)

# libFuzzer harness for the HTTP/1.x answer reader (`make fuzz`, clang; seeds in tests/fuzz/http1/,
# replayed by tests/fuzz_http1_replay, tests/security.mk).
FUZZ_HTTP1_SRCS = tests/fuzz/fuzz_http1.c runtime/client/http1.c \
	$(filter %.c,$(runtime_util_libutil_la_SOURCES))
fuzz: tests/fuzz/fuzz-http1
tests/fuzz/fuzz-http1: $(FUZZ_HTTP1_SRCS) runtime/client/http1.h
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(CLIENT_CPPFLAGS) -o $@ $(filter %.c,$^)
CLEANFILES += tests/fuzz/fuzz-http1
