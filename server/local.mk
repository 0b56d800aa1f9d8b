# server/local.mk: mofbind-server, the WS-Man CIM server: a library (server/libmofserver.la,
# embedded by the tests and the demo) and a thin command line over it.

noinst_LTLIBRARIES += server/libmofserver.la
server_libmofserver_la_SOURCES = \
	server/server.h server/server_int.h server/server.c \
	server/front.c server/auth.c \
	server/dispatch.c \
	server/repo.h server/repo.c \
	server/typing.h server/typing.c \
	server/enums.h server/enums.c \
	server/state.h server/state.c \
	server/wql.h server/wql.c
server_libmofserver_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBMHD_CFLAGS) $(LIBXML2_CFLAGS)

# What a program embedding the server links (the convenience libraries once each).
MOFSERVER_LIBS = server/libmofserver.la generator/libmofschema.la runtime/libmicore.la \
	$(LIBMHD_LIBS) $(LIBXML2_LIBS) -lm

bin_PROGRAMS += server/mofbind-server
server_mofbind_server_SOURCES = server/main.c
server_mofbind_server_LDADD = $(MOFSERVER_LIBS)

man1_MANS += doc/mofbind-server.1
EXTRA_DIST += doc/mofbind-server.1
