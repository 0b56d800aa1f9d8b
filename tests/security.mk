# tests/security.mk: hardening tests that cut across the parts (issue 8): the client against a
# hostile WS-Man server (test_hostile_peer: a scripted raw-socket peer on loopback).

check_PROGRAMS += tests/test_hostile_peer
TESTS += tests/test_hostile_peer
tests_test_hostile_peer_SOURCES = tests/test_hostile_peer.c
tests_test_hostile_peer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_hostile_peer_LDADD = runtime/libmofbind.la $(CHECK_LIBS) -lpthread
