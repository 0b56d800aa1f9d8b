# tests/security.mk: hardening tests that cut across the parts (issue 8): the client against a
# hostile WS-Man server (test_hostile_peer: a scripted raw-socket peer on loopback), the server
# against hostile clients (test_hostile_client).

check_PROGRAMS += tests/test_hostile_peer
TESTS += tests/test_hostile_peer
tests_test_hostile_peer_SOURCES = tests/test_hostile_peer.c tests/stderr_capture.h
tests_test_hostile_peer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_hostile_peer_LDADD = runtime/libmofbind.la $(CHECK_LIBS) -lpthread

# mofbind-server against hostile clients: credentials for every action, oversized headers and
# bodies, 1,000 malformed requests, concurrent creates and deletes, no secret in the log.
check_PROGRAMS += tests/test_hostile_client
TESTS += tests/test_hostile_client
tests_test_hostile_client_SOURCES = tests/test_hostile_client.c tests/test_server_util.h
tests_test_hostile_client_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_hostile_client_LDADD = $(SERVER_TEST_LIBS) -lpthread

# Allocation-failure mode (tests/failalloc.c): the objects linked in get their malloc, calloc,
# realloc, strdup and strndup through the injector.
FAILALLOC_WRAP = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup

# The runtime's operation path with each of its allocations failing in turn (the libcurl
# transport replaced by a stub in the test).
check_PROGRAMS += tests/test_failalloc_runtime
TESTS += tests/test_failalloc_runtime
tests_test_failalloc_runtime_SOURCES = tests/test_failalloc_runtime.c tests/failalloc.c \
	tests/stderr_capture.h \
	tests/failalloc.h runtime/application.c runtime/options.c runtime/session.c \
	runtime/operation.c
tests_test_failalloc_runtime_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(LIBCURL_CFLAGS)
tests_test_failalloc_runtime_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_failalloc_runtime_LDFLAGS = $(FAILALLOC_WRAP)
tests_test_failalloc_runtime_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(LIBCURL_LIBS) \
	$(CHECK_LIBS) -lpthread

# mofbind itself with the allocation-failure injector (MOFBIND_FAIL_ALLOC=N), for
# tests/generator_hostile.sh.
check_PROGRAMS += tests/mofbind-failalloc
tests_mofbind_failalloc_SOURCES = generator/main.c generator/emit.c generator/emit.h \
	generator/emit_tpl.c generator/emit_int.h tests/failalloc.c tests/failalloc.h
nodist_tests_mofbind_failalloc_SOURCES = generator/builtin_templates.inc
tests_mofbind_failalloc_CFLAGS = $(AM_CFLAGS)
tests_mofbind_failalloc_LDFLAGS = $(FAILALLOC_WRAP)
tests_mofbind_failalloc_LDADD = generator/libmofschema.la
TESTS += tests/generator_hostile.sh
EXTRA_DIST += tests/generator_hostile.sh

# The fuzz harnesses replayed over their corpora (seeds and every input that once crashed one)
# by the project's compiler: tests/fuzz/replay.c.
check_PROGRAMS += tests/fuzz_client_replay tests/fuzz_server_replay tests/fuzz_tpl_replay
TESTS += tests/fuzz_client_replay tests/fuzz_server_replay tests/fuzz_tpl_replay
tests_fuzz_client_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_client.c \
	runtime/application.c runtime/options.c runtime/session.c runtime/operation.c
tests_fuzz_client_replay_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(LIBCURL_CFLAGS) \
	'-DREPLAY_DIR="tests/fuzz/client"'
tests_fuzz_client_replay_LDADD = runtime/libmicore.la $(LIBXML2_LIBS) $(LIBCURL_LIBS) -lpthread
tests_fuzz_server_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_server.c
tests_fuzz_server_replay_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/server \
	'-DREPLAY_DIR="tests/fuzz/server"'
tests_fuzz_server_replay_LDADD = $(MOFSERVER_LIBS) -lpthread
tests_fuzz_tpl_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_tpl.c generator/emit_tpl.c \
	generator/emit_int.h
nodist_tests_fuzz_tpl_replay_SOURCES = generator/builtin_templates.inc
tests_fuzz_tpl_replay_CPPFLAGS = $(AM_CPPFLAGS) '-DREPLAY_DIR="tests/fuzz/tpl"'
