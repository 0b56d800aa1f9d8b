# SPDX-License-Identifier: MIT
# runtime/client/local.mk: libmofbind (installed), the MI client API over WS-Management:
# application, sessions, operations, the event loops, options, the libcurl transport. It exports
# MI_Application_InitializeV1 only (runtime/client/libmofbind.sym), every other call being an
# inline in mi.h over its function table. Sees the codec, the core and the public headers.

CLIENT_CPPFLAGS = $(WSMAN_CPPFLAGS) -I$(srcdir)/runtime/client $(LIBCURL_CFLAGS)

# The client as a convenience library too, so that tests can reach its internals; libmofbind
# is it plus the codec and the core.
noinst_LTLIBRARIES += runtime/client/libclient.la
runtime_client_libclient_la_SOURCES = \
	runtime/client/client.h \
	runtime/client/application.c \
	runtime/client/options.c \
	runtime/client/session.c \
	runtime/client/operation.c \
	runtime/client/query.c \
	runtime/client/loop.c \
	runtime/client/queue.c \
	runtime/client/class.c \
	runtime/client/exchange.c \
	runtime/client/delivery.c \
	runtime/client/transport.c \
	runtime/client/http1.h \
	runtime/client/http1.c \
	runtime/client/inbox.c
runtime_client_libclient_la_CPPFLAGS = $(CLIENT_CPPFLAGS)
runtime_client_libclient_la_LIBADD = runtime/wsman/libwsman.la runtime/core/libcore.la \
	runtime/util/libutil.la $(LIBCURL_LIBS) $(LIBXML2_LIBS)

lib_LTLIBRARIES += runtime/client/libmofbind.la
runtime_client_libmofbind_la_SOURCES =
runtime_client_libmofbind_la_LIBADD = runtime/client/libclient.la
runtime_client_libmofbind_la_LDFLAGS = -version-info 1:0:1 \
	-Wl,--version-script=$(srcdir)/runtime/client/libmofbind.sym
EXTRA_runtime_client_libmofbind_la_DEPENDENCIES = runtime/client/libmofbind.sym
EXTRA_DIST += runtime/client/libmofbind.sym
