# SPDX-License-Identifier: MIT
# tests/security.mk: hardening tests that cut across the parts: the client against a
# hostile WS-Man server (test_hostile_peer: a scripted raw-socket peer on loopback), the server
# against hostile clients (test_hostile_client).

check_PROGRAMS += tests/test_hostile_peer
TESTS += tests/test_hostile_peer
tests_test_hostile_peer_SOURCES = tests/test_hostile_peer.c tests/stderr_capture.h
tests_test_hostile_peer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_hostile_peer_CPPFLAGS = $(MI_CPPFLAGS)
tests_test_hostile_peer_LDADD = runtime/client/libmofbind.la $(CHECK_LIBS) -lpthread

# mofbind-server against hostile clients: credentials for every action, oversized headers and
# bodies, 1,000 malformed requests, concurrent creates and deletes, no secret in the log.
check_PROGRAMS += tests/test_hostile_client
TESTS += tests/test_hostile_client
tests_test_hostile_client_SOURCES = tests/test_hostile_client.c tests/test_server_util.h
tests_test_hostile_client_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_hostile_client_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_hostile_client_LDADD = $(SERVER_TEST_LIBS) -lpthread

# Allocation-failure mode (tests/failalloc.c): the objects linked in get their malloc, calloc,
# realloc, strdup and strndup through the injector.
FAILALLOC_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

# The client's operation path with each of its allocations failing in turn (its sessions
# talking to the stub transport, tests/stub_transport.c).
check_PROGRAMS += tests/test_client_failalloc
TESTS += tests/test_client_failalloc
tests_test_client_failalloc_SOURCES = tests/test_client_failalloc.c tests/failalloc.c \
	tests/stderr_capture.h tests/failalloc.h tests/stub_transport.c tests/stub_transport.h \
	tests/widget_decl.h
tests_test_client_failalloc_CPPFLAGS = $(CLIENT_CPPFLAGS)
tests_test_client_failalloc_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_client_failalloc_LDFLAGS = $(FAILALLOC_WRAP)
tests_test_client_failalloc_LDADD = runtime/client/libclient.la $(LIBXML2_LIBS) $(CHECK_LIBS) \
	-lpthread

# mofbind itself with the allocation-failure injector (MOFBIND_FAIL_ALLOC=N), for
# tests/generator_hostile.sh.
check_PROGRAMS += tests/mofbind-failalloc
tests_mofbind_failalloc_SOURCES = generator/main.c tests/failalloc.c tests/failalloc.h
tests_mofbind_failalloc_CPPFLAGS = $(EMIT_CPPFLAGS)
tests_mofbind_failalloc_CFLAGS = $(AM_CFLAGS)
tests_mofbind_failalloc_LDFLAGS = $(FAILALLOC_WRAP)
tests_mofbind_failalloc_LDADD = $(EMIT_LIBS)
TESTS += tests/generator_hostile.sh
EXTRA_DIST += tests/generator_hostile.sh

# The fuzz harnesses replayed over their corpora (seeds and every input that once crashed one)
# by the project's compiler: tests/fuzz/replay.c.
check_PROGRAMS += tests/fuzz_client_replay tests/fuzz_server_replay tests/fuzz_tpl_replay \
	tests/fuzz_wsman_replay
TESTS += tests/fuzz_client_replay tests/fuzz_server_replay tests/fuzz_tpl_replay \
	tests/fuzz_wsman_replay
tests_fuzz_client_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_client.c \
	tests/fuzz/fuzz_class.h tests/fuzz/fuzz_decl.h tests/stub_transport.c \
	tests/stub_transport.h
tests_fuzz_client_replay_CPPFLAGS = $(CLIENT_CPPFLAGS) -I$(srcdir)/tests \
	'-DREPLAY_DIR="tests/fuzz/client"'
tests_fuzz_client_replay_LDADD = runtime/client/libclient.la -lpthread
tests_fuzz_server_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_server.c
tests_fuzz_server_replay_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/server \
	'-DREPLAY_DIR="tests/fuzz/server"'
tests_fuzz_server_replay_LDADD = $(SERVER_LIBS) -lpthread
tests_fuzz_tpl_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_tpl.c
tests_fuzz_tpl_replay_CPPFLAGS = $(EMIT_CPPFLAGS) '-DREPLAY_DIR="tests/fuzz/tpl"'
tests_fuzz_tpl_replay_LDADD = $(EMIT_LIBS)
tests_fuzz_wsman_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_wsman.c tests/fuzz/scan_agree.h
tests_fuzz_wsman_replay_CPPFLAGS = $(WSMAN_CPPFLAGS) -I$(srcdir)/tests \
	'-DREPLAY_DIR="tests/fuzz/wsman"'
tests_fuzz_wsman_replay_LDADD = $(WSMAN_LIBS)
check_PROGRAMS += tests/fuzz_http1_replay
TESTS += tests/fuzz_http1_replay
tests_fuzz_http1_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_http1.c
tests_fuzz_http1_replay_CPPFLAGS = $(CLIENT_CPPFLAGS) '-DREPLAY_DIR="tests/fuzz/http1"'
tests_fuzz_http1_replay_LDADD = runtime/client/libclient.la
check_PROGRAMS += tests/fuzz_provwire_replay
TESTS += tests/fuzz_provwire_replay
tests_fuzz_provwire_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_provwire.c
tests_fuzz_provwire_replay_CPPFLAGS = $(SERVER_CPPFLAGS) '-DREPLAY_DIR="tests/fuzz/provwire"'
tests_fuzz_provwire_replay_LDADD = $(SERVER_LIBS) -lpthread
