# generator/local.mk: the MOF front end (a library the server links too) and the mofbind CLI.

noinst_LTLIBRARIES += generator/libmofschema.la
generator_libmofschema_la_SOURCES = \
	generator/arena.c generator/arena.h \
	generator/diag.c generator/diag.h \
	generator/model.c generator/model.h \
	generator/parse.c generator/parse.h \
	generator/resolve.c generator/resolve.h
generator_libmofschema_la_LIBADD = generator/libmofscan.la

# The flex and bison output, kept apart so that the warnings their skeletons trip
# (unused functions, sign compares) can be silenced for them alone.
noinst_LTLIBRARIES += generator/libmofscan.la
generator_libmofscan_la_SOURCES = generator/mof_parser.y generator/mof_lexer.l generator/scan.h
generator_libmofscan_la_CFLAGS = $(AM_CFLAGS) -Wno-unused-function -Wno-sign-compare \
	-Wno-missing-prototypes -Wno-unused-parameter
BUILT_SOURCES += generator/mof_parser.h

bin_PROGRAMS += generator/mofbind
generator_mofbind_SOURCES = generator/main.c generator/emit.c generator/emit.h
generator_mofbind_LDADD = generator/libmofschema.la

man1_MANS += doc/mofbind.1
EXTRA_DIST += doc/mofbind.1
