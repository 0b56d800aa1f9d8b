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

# The templates of generated code (templates/*.tpl), compiled into mofbind: each line becomes a
# C string literal, each template a NULL-terminated array named after its file.
GEN_TEMPLATE_FILES = $(sort $(wildcard $(srcdir)/templates/*.tpl))
GEN_TEMPLATE_DIST = $(patsubst $(srcdir)/%,%,$(GEN_TEMPLATE_FILES))
EXTRA_DIST += $(GEN_TEMPLATE_DIST)
BUILT_SOURCES += generator/emit/builtin_templates.inc
CLEANFILES += generator/emit/builtin_templates.inc
generator/emit/builtin_templates.inc: $(GEN_TEMPLATE_FILES)
	$(AM_V_GEN)$(MKDIR_P) generator/emit && { \
	  echo '/* Generated from templates/ by generator/emit/local.mk. Do not edit. */'; \
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
