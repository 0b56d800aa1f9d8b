# runtime/local.mk: libmofbind, the MI client API over WS-Management.
#
# libmicore (convenience, not installed): instances and values, and the WS-Man codec
# (runtime/wsman*, the wire engineer's), shared by libmofbind and mofbind-server.
# libmofbind (installed): application, session, operation, options, the libcurl transport,
# plus libmicore; it exports MI_Application_InitializeV1 only (runtime/libmofbind.sym), every
# other call being an inline in mi.h over its function table.

pkginclude_HEADERS += runtime/mi.h

noinst_LTLIBRARIES += runtime/libmicore.la
runtime_libmicore_la_SOURCES = \
	runtime/micore.h \
	runtime/instance.c
runtime_libmicore_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS)
runtime_libmicore_la_LIBADD = $(LIBXML2_LIBS)
# The WS-Man codec's files are added here by its owner (runtime/wsman*.c, runtime/wsman*.h):
runtime_libmicore_la_SOURCES += runtime/wsman.h runtime/wsman_int.h runtime/wsman_value.c \
	runtime/wsman_write.c runtime/wsman_read.c runtime/wsman_fault.c

# The client (application, session, operation, options, transport), kept as a convenience
# library too so that tests can reach its internals; libmofbind is it plus libmicore.
noinst_LTLIBRARIES += runtime/libmoclient.la
runtime_libmoclient_la_SOURCES = \
	runtime/client.h \
	runtime/application.c \
	runtime/options.c \
	runtime/session.c \
	runtime/operation.c \
	runtime/transport.c
runtime_libmoclient_la_CPPFLAGS = $(AM_CPPFLAGS) $(LIBXML2_CFLAGS) $(LIBCURL_CFLAGS)
runtime_libmoclient_la_LIBADD = runtime/libmicore.la $(LIBCURL_LIBS) $(LIBXML2_LIBS)

lib_LTLIBRARIES += runtime/libmofbind.la
runtime_libmofbind_la_SOURCES =
runtime_libmofbind_la_LIBADD = runtime/libmoclient.la
runtime_libmofbind_la_LDFLAGS = -version-info 0:0:0 \
	-Wl,--version-script=$(srcdir)/runtime/libmofbind.sym
EXTRA_runtime_libmofbind_la_DEPENDENCIES = runtime/libmofbind.sym
EXTRA_DIST += runtime/libmofbind.sym

# The runtime's benchmark (bench/bench_runtime.c): built with everything, run by
# `make bench-runtime` (RUNS=N), never by make check.
noinst_PROGRAMS += bench/bench_runtime
bench_bench_runtime_SOURCES = bench/bench_runtime.c
bench_bench_runtime_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/server $(LIBXML2_CFLAGS) \
	$(LIBCURL_CFLAGS)
bench_bench_runtime_LDADD = runtime/libmoclient.la server/libmofserver.la \
	generator/libmofschema.la $(LIBMHD_LIBS) $(LIBXML2_LIBS) -lm
.PHONY: bench-runtime
bench-runtime: bench/bench_runtime$(EXEEXT)
	./bench/bench_runtime $${RUNS:-11}
