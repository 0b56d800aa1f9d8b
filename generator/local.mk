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
generator_mofbind_SOURCES = generator/main.c generator/emit.c generator/emit.h \
	generator/emit_tpl.c generator/emit_int.h
nodist_generator_mofbind_SOURCES = generator/builtin_templates.inc
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

# The templates of generated code (templates/*.tpl), compiled into mofbind: each line becomes a
# C string literal, each template a NULL-terminated array named after its file.
GEN_TEMPLATE_FILES = $(sort $(wildcard $(srcdir)/templates/*.tpl))
GEN_TEMPLATE_DIST = $(patsubst $(srcdir)/%,%,$(GEN_TEMPLATE_FILES))
EXTRA_DIST += $(GEN_TEMPLATE_DIST)
BUILT_SOURCES += generator/builtin_templates.inc
CLEANFILES += generator/builtin_templates.inc
generator/builtin_templates.inc: $(GEN_TEMPLATE_FILES)
	$(AM_V_GEN)$(MKDIR_P) generator && { \
	  echo '/* Generated from templates/ by generator/local.mk. Do not edit. */'; \
	  for f in $(GEN_TEMPLATE_FILES); do \
	    n=`basename $$f .tpl`; \
	    echo "static const char *const gen_tpl_$$n[] = {"; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n",/' $$f || exit 1; \
	    echo "NULL};"; \
	  done; \
	  echo 'static const struct gen_builtin { const char *name; const char *const *lines; }'; \
	  echo 'gen_builtins[] = {'; \
	  for f in $(GEN_TEMPLATE_FILES); do \
	    n=`basename $$f .tpl`; echo "{\"$$n\", gen_tpl_$$n},"; \
	  done; \
	  echo '};'; } >$@.tmp && mv -f $@.tmp $@
