# SPDX-License-Identifier: MIT
# server/local.mk: mofbind-server, the WS-Man CIM server: a library (server/libserver.la,
# embedded by the tests and the demo) and a thin command line over it. It sees the codec, the
# core, the public headers, the MOF front end (the schema it serves) and libmidecl (its classes'
# declarations), never the client or the emitter.

SERVER_CPPFLAGS = $(WSMAN_CPPFLAGS) $(MIDECL_CPPFLAGS) -I$(srcdir)/server $(LIBMHD_CFLAGS)

noinst_LTLIBRARIES += server/libserver.la
server_libserver_la_SOURCES = \
	server/server.h server/server_int.h server/server.c \
	server/front.c server/auth.c \
	server/dispatch.c \
	server/repo.h server/repo.c \
	server/typing.h server/typing_int.h server/typing.c server/decls.c \
	server/typing_wire.c server/typing_mof.c server/typing_key.c \
	server/enums.h server/enums.c \
	server/state.h server/state.c \
	server/wql.h server/wql.c \
	server/providers.h server/providers.c \
	server/assoc.h server/assoc.c \
	server/classes.h server/classes.c \
	server/subscribe.h server/subscribe.c
# Where the server finds the provider host once installed (the fuzz harness needs it too).
SERVER_HOST_DEFS = -DMOFBIND_PROVIDER_HOST='"$(pkglibexecdir)/mofbind-provider-host"'
server_libserver_la_CPPFLAGS = $(SERVER_CPPFLAGS) $(SERVER_HOST_DEFS)
server_libserver_la_LIBADD = server/libprovhost.la

# The provider host: what runs a provider library (server/providers.c starts it as
# mofbind-provider-host, or on a thread for debugging); the core and the codec's buffer
# beneath it.
noinst_LTLIBRARIES += server/libprovhost.la
server_libprovhost_la_SOURCES = \
	server/provwire.h server/provwire.c \
	server/provhost.h server/provhost.c \
	server/provinst.h server/provinst.c \
	server/provset.h server/provset.c
server_libprovhost_la_CPPFLAGS = $(WSMAN_CPPFLAGS) -I$(srcdir)/server
server_libprovhost_la_LIBADD = -ldl -lpthread

# The program also gives providers their local session (MI_Context_GetLocalSession): the
# client library over the host's socket (server/provsession.c), the one part of the server
# that sees the client, and only in this program (the in-process host has no local session).
pkglibexec_PROGRAMS = server/mofbind-provider-host
server_mofbind_provider_host_SOURCES = server/provhost_main.c \
	server/provsession.h server/provsession.c
server_mofbind_provider_host_CPPFLAGS = $(CLIENT_CPPFLAGS) -I$(srcdir)/server
server_mofbind_provider_host_LDADD = server/libprovhost.la runtime/client/libclient.la \
	$(WSMAN_LIBS) $(LIBCURL_LIBS)

# The installed library (<mofbind/server.h>, pkg-config mofbind-server): the server for
# programs that embed it, exporting only the functions of server.h.
lib_LTLIBRARIES += server/libmofbind-server.la
server_libmofbind_server_la_SOURCES =
# Each convenience library once: a shared library takes all of each.
server_libmofbind_server_la_LIBADD = server/libserver.la generator/midecl/libmidecl.la \
	generator/mof/libmof.la runtime/wsman/libwsman.la runtime/core/libcore.la $(UTIL_LIBS) \
	$(LIBMHD_LIBS) $(LIBXML2_LIBS) -ldl -lpthread -lm
server_libmofbind_server_la_LDFLAGS = -version-info 0:0:0 \
	-Wl,--version-script=$(srcdir)/server/libmofbind-server.sym
EXTRA_server_libmofbind_server_la_DEPENDENCIES = server/libmofbind-server.sym
EXTRA_DIST += server/libmofbind-server.sym
pkginclude_HEADERS += server/server.h

# What a program embedding the server links (the convenience libraries once each).
SERVER_LIBS = server/libserver.la $(MIDECL_LIBS) $(WSMAN_LIBS) $(LIBMHD_LIBS) -ldl

bin_PROGRAMS += server/mofbind-server
server_mofbind_server_SOURCES = server/main.c
server_mofbind_server_CPPFLAGS = $(SERVER_CPPFLAGS)
server_mofbind_server_LDADD = $(SERVER_LIBS)

man1_MANS += doc/mofbind-server.1
EXTRA_DIST += doc/mofbind-server.1
