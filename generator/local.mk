# generator/local.mk: the MOF front end (a library the server links too) and the mofbind CLI.

noinst_LTLIBRARIES += generator/libmofschema.la
generator_libmofschema_la_SOURCES = \
	generator/arena.c generator/arena.h \
	generator/diag.c generator/diag.h \
	generator/model.c generator/model.h \
	generator/parse.c generator/parse.h generator/parse_int.h \
	generator/resolve.c generator/resolve.h generator/resolve_value.c generator/resolve_int.h
nodist_generator_libmofschema_la_SOURCES = generator/builtin_quals.inc
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

# The shipped qualifier declarations, compiled into the front end: each line of schemas/
# qualifiers*.mof becomes one C string literal (short ones: C99 caps a literal at 4095 bytes).
MOF_QUAL_FILES = schemas/qualifiers.mof schemas/qualifiers_optional.mof \
	schemas/qualifiers_wmi.mof schemas/qualifiers_dsc.mof
EXTRA_DIST += $(MOF_QUAL_FILES)
BUILT_SOURCES += generator/builtin_quals.inc
CLEANFILES += generator/builtin_quals.inc
generator/builtin_quals.inc: $(MOF_QUAL_FILES)
	$(AM_V_GEN)$(MKDIR_P) generator && { \
	  echo '/* Generated from $(MOF_QUAL_FILES) by generator/local.mk. Do not edit. */'; \
	  for f in $(MOF_QUAL_FILES); do \
	    sed -e '/^[ 	]*\/\//d' -e '/^[ 	]*$$/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
	        -e 's/^/"/' -e 's/$$/\\n",/' $(srcdir)/$$f || exit 1; \
	  done; } >$@.tmp && mv -f $@.tmp $@
