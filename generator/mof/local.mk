# SPDX-License-Identifier: MIT
# generator/mof/local.mk: libmof, the MOF front end (lexer, grammar, AST arena, model, resolver,
# diagnostics). The mofbind CLI, the emitter and mofbind-server link it; it sees only itself and
# libutil.

MOF_CPPFLAGS = $(AM_CPPFLAGS) $(UTIL_CPPFLAGS) -I$(srcdir)/generator/mof \
	-I$(builddir)/generator/mof

noinst_LTLIBRARIES += generator/mof/libmof.la
generator_mof_libmof_la_SOURCES = \
	generator/mof/arena.c generator/mof/arena.h \
	generator/mof/diag.c generator/mof/diag.h \
	generator/mof/model.c generator/mof/model.h generator/mof/types.h \
	generator/mof/parse.c generator/mof/parse.h generator/mof/parse_int.h \
	generator/mof/resolve.c generator/mof/resolve.h generator/mof/resolve_value.c \
	generator/mof/resolve_int.h
nodist_generator_mof_libmof_la_SOURCES = generator/mof/builtin_quals.inc
generator_mof_libmof_la_CPPFLAGS = $(MOF_CPPFLAGS)
generator_mof_libmof_la_LIBADD = generator/mof/libmofscan.la
# What a program using the front end links.
MOF_LIBS = generator/mof/libmof.la $(UTIL_LIBS)

# The flex and bison output, kept apart so that the warnings their skeletons trip
# (unused functions, sign compares) can be silenced for them alone.
noinst_LTLIBRARIES += generator/mof/libmofscan.la
generator_mof_libmofscan_la_SOURCES = generator/mof/mof_parser.y generator/mof/mof_lexer.l \
	generator/mof/scan.h generator/mof/lex.h
generator_mof_libmofscan_la_CPPFLAGS = $(MOF_CPPFLAGS)
generator_mof_libmofscan_la_CFLAGS = $(AM_CFLAGS) -Wno-unused-function -Wno-sign-compare \
	-Wno-missing-prototypes -Wno-unused-parameter
BUILT_SOURCES += generator/mof/mof_parser.h

# The shipped qualifier declarations, compiled into the front end: each line of schemas/
# qualifiers*.mof becomes one C string literal (short ones: C99 caps a literal at 4095 bytes).
MOF_QUAL_FILES = schemas/qualifiers.mof schemas/qualifiers_optional.mof \
	schemas/qualifiers_wmi.mof schemas/qualifiers_dsc.mof
EXTRA_DIST += $(MOF_QUAL_FILES)
BUILT_SOURCES += generator/mof/builtin_quals.inc
CLEANFILES += generator/mof/builtin_quals.inc
generator/mof/builtin_quals.inc: $(MOF_QUAL_FILES)
	$(AM_V_GEN)$(MKDIR_P) generator/mof && { \
	  echo '/* Generated from $(MOF_QUAL_FILES) by generator/mof/local.mk. Do not edit. */'; \
	  for f in $(MOF_QUAL_FILES); do \
	    sed -e '/^[ 	]*\/\//d' -e '/^[ 	]*$$/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
	        -e 's/^/"/' -e 's/$$/\\n",/' $(srcdir)/$$f || exit 1; \
	  done; } >$@.tmp && mv -f $@.tmp $@
