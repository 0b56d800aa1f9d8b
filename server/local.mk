# server/local.mk: mofbind-server, the WS-Man CIM server: a library (server/libserver.la,
# embedded by the tests and the demo) and a thin command line over it. It sees the codec, the
# core, the public headers and the MOF front end (the schema it serves), never the client or
# the emitter.

SERVER_CPPFLAGS = $(WSMAN_CPPFLAGS) $(MOF_CPPFLAGS) -I$(srcdir)/server $(LIBMHD_CFLAGS)

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
	server/assoc.h server/assoc.c
server_libserver_la_CPPFLAGS = $(SERVER_CPPFLAGS)

# What a program embedding the server links (the convenience libraries once each).
SERVER_LIBS = server/libserver.la generator/mof/libmof.la runtime/wsman/libwsman.la \
	runtime/core/libcore.la $(LIBMHD_LIBS) $(LIBXML2_LIBS) -lm

bin_PROGRAMS += server/mofbind-server
server_mofbind_server_SOURCES = server/main.c
server_mofbind_server_CPPFLAGS = $(SERVER_CPPFLAGS)
server_mofbind_server_LDADD = $(SERVER_LIBS)

man1_MANS += doc/mofbind-server.1
EXTRA_DIST += doc/mofbind-server.1
