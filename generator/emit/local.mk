# SPDX-License-Identifier: MIT
# generator/emit/local.mk: libemit, the emitter: resolved classes to C bindings through the
# templates of templates/ (compiled in), linked by the mofbind CLI and the tests. It sees the
# front end, libmidecl and the public headers, never the runtime's internals or the server.

EMIT_CPPFLAGS = $(MIDECL_CPPFLAGS) -I$(srcdir)/generator/emit -I$(builddir)/generator/emit

noinst_LTLIBRARIES += generator/emit/libemit.la
generator_emit_libemit_la_SOURCES = generator/emit/emit.c generator/emit/emit.h \
	generator/emit/emit_tpl.c generator/emit/emit_int.h generator/emit/emit_provider.c
nodist_generator_emit_libemit_la_SOURCES = generator/emit/builtin_templates.inc
generator_emit_libemit_la_CPPFLAGS = $(EMIT_CPPFLAGS)
EMIT_LIBS = generator/emit/libemit.la $(MIDECL_LIBS)

# The templates of generated code (templates/*.tpl) and the helper headers copied into every
# output (templates/*.h, real C headers: tests/test_gen_header compiles them), compiled into
# mofbind: each line becomes a C string literal (a last line without a newline stays without
# one: a whole-file template may end with a placeholder), each file a NULL-terminated array
# named after it, listed by name (a template's without .tpl), sorted. mofbind_gen.h's runtime
# check must name this version (maj * 10000 + min * 100, as mi.h's MOFBIND_RUNTIME_VERSION): a
# bump of configure.ac's version that forgets it stops the build here.
GEN_TEMPLATE_FILES = $(sort $(wildcard $(srcdir)/templates/*.tpl $(srcdir)/templates/*.h))
GEN_TEMPLATE_DIST = $(patsubst $(srcdir)/%,%,$(GEN_TEMPLATE_FILES))
EXTRA_DIST += $(GEN_TEMPLATE_DIST) templates/README.md
BUILT_SOURCES += generator/emit/builtin_templates.inc
CLEANFILES += generator/emit/builtin_templates.inc
generator/emit/builtin_templates.inc: $(GEN_TEMPLATE_FILES) Makefile
	$(AM_V_GEN)v='$(PACKAGE_VERSION)'; maj=$${v%%.*}; min=$${v#*.}; min=$${min%%.*}; \
	  num=`expr $$maj \* 10000 + $$min \* 100`; \
	  grep -F "MOFBIND_RUNTIME_VERSION < $$num" $(srcdir)/templates/mofbind_gen.h >/dev/null && \
	  grep -F "mofbind $$maj.$$min need the mofbind $$maj.$$min runtime" \
	    $(srcdir)/templates/mofbind_gen.h >/dev/null || { \
	  echo "templates/mofbind_gen.h: its runtime check does not name $$maj.$$min ($$num)" >&2; \
	  exit 1; }; \
	$(MKDIR_P) generator/emit && { \
	  echo '/* Generated from templates/ by generator/emit/local.mk. Do not edit. */'; \
	  for f in $(GEN_TEMPLATE_FILES); do \
	    n=`basename $$f .tpl | tr . _`; \
	    echo "static const char *const gen_tpl_$$n[] = {"; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n",/' $$f >$@.lines \
	      || exit 1; \
	    if [ -n "`tail -c 1 $$f`" ]; then sed -e '$$s/\\n",$$/",/' $@.lines; \
	    else cat $@.lines; fi; rm -f $@.lines; \
	    echo "NULL};"; \
	  done; \
	  echo 'static const struct gen_builtin { const char *name; const char *const *lines; }'; \
	  echo 'gen_builtins[] = {'; \
	  for f in $(GEN_TEMPLATE_FILES); do \
	    n=`basename $$f .tpl`; echo "{\"$$n\", gen_tpl_`echo $$n | tr . _`},"; \
	  done; \
	  echo '};'; } >$@.tmp && mv -f $@.tmp $@
