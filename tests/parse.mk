# tests/parse.mk: the MOF reader: lexical forms, grammar, pragmas and includes, encodings.

check_PROGRAMS += tests/test_parse
TESTS += tests/test_parse
tests_test_parse_SOURCES = tests/test_parse.c
tests_test_parse_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_parse_LDADD = generator/libmofschema.la $(CHECK_LIBS) -lm
