# SPDX-License-Identifier: MIT
# runtime/util/local.mk: libutil (not installed), the helpers every layer shares: strings, the
# growable buffer, UTF-8/UTF-16. It sees nothing of ours; every library may see it.

UTIL_CPPFLAGS = -I$(srcdir)/runtime/util
UTIL_LIBS = runtime/util/libutil.la

noinst_LTLIBRARIES += runtime/util/libutil.la
runtime_util_libutil_la_SOURCES = runtime/util/util.h runtime/util/buf.c runtime/util/str.c \
	runtime/util/utf.c
runtime_util_libutil_la_CPPFLAGS = $(AM_CPPFLAGS) $(UTIL_CPPFLAGS)
