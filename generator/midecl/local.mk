# SPDX-License-Identifier: MIT
# generator/midecl/local.mk: libmidecl, a resolved class in MI's terms, the one translation of
# the model into MI class declarations: the emitter prints it, mofbind-server builds
# MI_ClassDecls from it at run time. It sees the front end and the public headers.

MIDECL_CPPFLAGS = $(MOF_CPPFLAGS) $(MI_CPPFLAGS) -I$(srcdir)/generator/midecl

noinst_LTLIBRARIES += generator/midecl/libmidecl.la
generator_midecl_libmidecl_la_SOURCES = generator/midecl/midecl.h generator/midecl/midecl.c
generator_midecl_libmidecl_la_CPPFLAGS = $(MIDECL_CPPFLAGS)
MIDECL_LIBS = generator/midecl/libmidecl.la $(MOF_LIBS)
