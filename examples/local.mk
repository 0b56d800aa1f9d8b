# SPDX-License-Identifier: MIT
# examples/local.mk: the demo (examples/demo.c) and the typed bindings it and the end-to-end
# suite (tests/e2e.mk) use. The bindings are generated at build time from schemas/demo.mof by
# the in-tree mofbind into examples/gen/ of the build tree; they are never committed.
#
# One stamp stands for the whole set of generated files: mofbind rewrites a file only when its
# content changes, so the outputs' own times cannot say whether generation is due. mofbind -MD
# -MF writes the MOF files read (includes too); the rule retargets that list at the stamp. The
# MOF is named by its absolute path, so the banners say demo.mof however the tree was configured
# and scripts/demo.sh, which runs mofbind the same way, rewrites nothing.

DEMO_MOF = schemas/demo.mof
DEMO_GEN_STAMP = examples/gen/demo.stamp
# One .c per class of demo.mof (mofbind --all): a class added there is added here.
DEMO_GEN_C = \
	examples/gen/Demo_ManagedElement.c examples/gen/Demo_LogicalElement.c \
	examples/gen/Demo_Setting.c examples/gen/Win32_Foo.c examples/gen/Demo_FooDependency.c
DEMO_GEN_H = $(DEMO_GEN_C:.c=.h) examples/gen/mofbind_gen.h
# The bindings include <mofbind/mi.h>, in-tree as installed: the public headers only.
DEMO_GEN_CPPFLAGS = $(MI_CPPFLAGS) -I$(builddir)/examples/gen

EXTRA_DIST += $(DEMO_MOF)
CLEANFILES += $(DEMO_GEN_C) $(DEMO_GEN_H) $(DEMO_GEN_STAMP) examples/gen/demo.d \
	examples/gen/demo.Pd examples/gen/mofbind.manifest

$(DEMO_GEN_STAMP): $(srcdir)/$(DEMO_MOF) generator/mofbind$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) examples/gen && \
	generator/mofbind$(EXEEXT) -o examples/gen --all -MD -MF examples/gen/demo.d \
		$(abs_top_srcdir)/$(DEMO_MOF) && \
	$(AWK) 'd { print; next } /:/ { sub(/^.*:/, "$@:"); d = 1; print }' \
		examples/gen/demo.d >examples/gen/demo.Pd.tmp && \
	mv -f examples/gen/demo.Pd.tmp examples/gen/demo.Pd && touch $@
$(DEMO_GEN_C) $(DEMO_GEN_H): $(DEMO_GEN_STAMP)
	@test -f $@ || { rm -f $(DEMO_GEN_STAMP) && $(MAKE) $(AM_MAKEFLAGS) $(DEMO_GEN_STAMP); }
-include examples/gen/demo.Pd

# The generated bindings, compiled once for the demo and the end-to-end suite.
noinst_LTLIBRARIES += examples/libdemobind.la
nodist_examples_libdemobind_la_SOURCES = $(DEMO_GEN_C)
examples_libdemobind_la_CPPFLAGS = $(DEMO_GEN_CPPFLAGS)

# The demo: a client of mofbind-server that uses the generated bindings only.
noinst_PROGRAMS += examples/demo
examples_demo_SOURCES = examples/demo.c
examples_demo_CPPFLAGS = $(DEMO_GEN_CPPFLAGS)
examples_demo_LDADD = examples/libdemobind.la runtime/client/libmofbind.la
$(examples_demo_OBJECTS): | examples/gen/demo.stamp

# The demo provider (examples/provider/): the skeletons `mofbind --provider` wrote, filled in,
# built with the provider code mofbind generates at build time into examples/provgen/ (the
# skeletons are found in the source tree, so they are never written there again) into a
# loadable module for `mofbind-server --provider` (scripts/demo.sh, tests/e2e.mk).
DEMO_PROV_STAMP = examples/provgen/demo.stamp
DEMO_PROV_GEN_C = examples/provgen/mofbind_module.c
DEMO_PROV_CPPFLAGS = $(MI_CPPFLAGS) -I$(builddir)/examples/provgen -I$(srcdir)/examples/provider
CLEANFILES += $(DEMO_PROV_STAMP) examples/provgen/*.c examples/provgen/*.h \
	examples/provgen/mofbind.manifest
$(DEMO_PROV_STAMP): $(srcdir)/$(DEMO_MOF) generator/mofbind$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) examples/provgen && \
	generator/mofbind$(EXEEXT) -o examples/provgen --provider \
		--skeleton-dir $(srcdir)/examples/provider --class Win32_Foo \
		--class Demo_FooDependency $(srcdir)/$(DEMO_MOF) && touch $@
$(DEMO_PROV_GEN_C): $(DEMO_PROV_STAMP)
	@test -f $@ || { rm -f $(DEMO_PROV_STAMP) && $(MAKE) $(AM_MAKEFLAGS) $(DEMO_PROV_STAMP); }

noinst_LTLIBRARIES += examples/libdemoprovider.la
examples_libdemoprovider_la_SOURCES = examples/provider/Win32_Foo_Provider.c \
	examples/provider/Demo_FooDependency_Provider.c examples/provider/demo_provider.h \
	examples/provider/demo_store.h examples/provider/demo_store.c
nodist_examples_libdemoprovider_la_SOURCES = $(DEMO_PROV_GEN_C)
examples_libdemoprovider_la_CPPFLAGS = $(DEMO_PROV_CPPFLAGS)
examples_libdemoprovider_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
examples_libdemoprovider_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
examples_libdemoprovider_la_LIBADD = examples/libdemobind.la -lpthread
$(examples_libdemoprovider_la_OBJECTS): | examples/provgen/demo.stamp
