# SPDX-License-Identifier: MIT
# runtime/core/local.mk: libcore (not installed), the instance core: MI_Instance as libmofbind
# and mofbind-server make it, value copies, the MI property code of a name. Sees the public
# headers and libutil.

CORE_CPPFLAGS = $(MI_CPPFLAGS) $(UTIL_CPPFLAGS) -I$(srcdir)/runtime/core

noinst_LTLIBRARIES += runtime/core/libcore.la
runtime_core_libcore_la_SOURCES = runtime/core/core.h runtime/core/instance.c runtime/core/class.c
runtime_core_libcore_la_CPPFLAGS = $(CORE_CPPFLAGS)
CORE_LIBS = runtime/core/libcore.la $(UTIL_LIBS)
