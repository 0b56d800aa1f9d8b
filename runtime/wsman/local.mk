# SPDX-License-Identifier: MIT
# runtime/wsman/local.mk: libwsman (not installed), the WS-Management codec: envelopes, instance
# encoding, faults, the readers (libxml2) and writers. libmofbind and mofbind-server both speak
# through it. Sees the core and the public headers.

WSMAN_CPPFLAGS = $(CORE_CPPFLAGS) -I$(srcdir)/runtime/wsman $(LIBXML2_CFLAGS)

noinst_LTLIBRARIES += runtime/wsman/libwsman.la
runtime_wsman_libwsman_la_SOURCES = runtime/wsman/wsman.h runtime/wsman/wsman_int.h \
	runtime/wsman/wsman_buf.c runtime/wsman/wsman_error.c runtime/wsman/wsman_msgid.c \
	runtime/wsman/wsman_scalar.c runtime/wsman/wsman_datetime.c runtime/wsman/wsman_base64.c \
	runtime/wsman/wsman_write.c runtime/wsman/wsman_fault.c \
	runtime/wsman/wsman_xml.c runtime/wsman/wsman_charset.c runtime/wsman/wsman_decode.c \
	runtime/wsman/wsman_response.c runtime/wsman/wsman_create_fast.c runtime/wsman/wsman_scan.c \
	runtime/wsman/wsman_request.c runtime/wsman/wsman_bounds.c runtime/wsman/wsman_class.c
runtime_wsman_libwsman_la_CPPFLAGS = $(WSMAN_CPPFLAGS)
runtime_wsman_libwsman_la_LIBADD = $(LIBXML2_LIBS) -lm
WSMAN_LIBS = runtime/wsman/libwsman.la $(CORE_LIBS) $(LIBXML2_LIBS) -lm
