# SPDX-License-Identifier: MIT
# generator/local.mk: mofbind, the command line over the front end (generator/mof/) and the
# emitter (generator/emit/), which prints classes as libmidecl (generator/midecl/) describes them.
include generator/mof/local.mk
include generator/midecl/local.mk
include generator/emit/local.mk

bin_PROGRAMS += generator/mofbind
generator_mofbind_SOURCES = generator/main.c
generator_mofbind_CPPFLAGS = $(EMIT_CPPFLAGS)
generator_mofbind_LDADD = $(EMIT_LIBS)

man1_MANS += doc/mofbind.1
EXTRA_DIST += doc/mofbind.1
