# SPDX-License-Identifier: MIT
# tests/mof.mk: libmof, the MOF front end.
# - test_mof_parse: the MOF reader: lexical forms, grammar, pragmas and includes, encodings.
# - test_mof_resolve: the schema model, one Check case per rule of the resolver; the same source
#   is built again as test_mof_resolve_corpus to check the shared CIM schemas (it skips when
#   ../shared is absent).

check_PROGRAMS += tests/test_mof_parse
TESTS += tests/test_mof_parse
tests_test_mof_parse_SOURCES = tests/test_mof_parse.c
tests_test_mof_parse_CPPFLAGS = $(MOF_CPPFLAGS)
tests_test_mof_parse_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_mof_parse_LDADD = $(MOF_LIBS) $(CHECK_LIBS) -lm

check_PROGRAMS += tests/test_mof_resolve tests/test_mof_resolve_corpus
TESTS += tests/test_mof_resolve tests/test_mof_resolve_corpus
tests_test_mof_resolve_SOURCES = tests/test_mof_resolve.c
tests_test_mof_resolve_CPPFLAGS = $(MOF_CPPFLAGS)
tests_test_mof_resolve_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_mof_resolve_LDADD = $(MOF_LIBS) $(CHECK_LIBS)
tests_test_mof_resolve_corpus_SOURCES = tests/test_mof_resolve.c
tests_test_mof_resolve_corpus_CPPFLAGS = $(MOF_CPPFLAGS)
tests_test_mof_resolve_corpus_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -DRESOLVE_CORPUS
tests_test_mof_resolve_corpus_LDADD = $(MOF_LIBS) $(CHECK_LIBS)
