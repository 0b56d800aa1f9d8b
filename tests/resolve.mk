# tests/resolve.mk: the schema model: one Check program for the resolver's rules, and the same
# source built again to check the shared CIM schemas (it skips when ../shared is absent).

check_PROGRAMS += tests/test_resolve tests/test_resolve_corpus
TESTS += tests/test_resolve tests/test_resolve_corpus
tests_test_resolve_SOURCES = tests/test_resolve.c
tests_test_resolve_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_resolve_LDADD = generator/libmofschema.la $(CHECK_LIBS)
tests_test_resolve_corpus_SOURCES = tests/test_resolve.c
tests_test_resolve_corpus_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -DRESOLVE_CORPUS
tests_test_resolve_corpus_LDADD = generator/libmofschema.la $(CHECK_LIBS)
