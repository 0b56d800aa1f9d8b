# SPDX-License-Identifier: MIT
# bench/local.mk: benchmarks (make bench, make bench-check); never part of make check.
#
# bench/bench_runtime (make bench-runtime runs it alone) creates Bench_Thing, a class of 20
# properties (bench/bench.mof), through typed bindings that the in-tree mofbind generates into
# bench/gen/ of the build tree.
EXTRA_DIST += bench/run bench/check bench/bench.mof bench/baseline.md

# bench/cputime: one run of a command, its wall and CPU time in microseconds and peak RSS.
noinst_PROGRAMS += bench/cputime
bench_cputime_SOURCES = bench/cputime.c

BENCH_GEN_STAMP = bench/gen/bench.stamp
BENCH_GEN = bench/gen/Bench_Thing.c bench/gen/Bench_Thing.h bench/gen/mofbind_gen.h
CLEANFILES += $(BENCH_GEN) $(BENCH_GEN_STAMP) bench/results.md bench/gen/mofbind.manifest
$(BENCH_GEN_STAMP): $(srcdir)/bench/bench.mof generator/mofbind$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) bench/gen && \
	generator/mofbind$(EXEEXT) -o bench/gen --all $(srcdir)/bench/bench.mof && touch $@
$(BENCH_GEN): $(BENCH_GEN_STAMP)
	@test -f $@ || { rm -f $(BENCH_GEN_STAMP) && $(MAKE) $(AM_MAKEFLAGS) $(BENCH_GEN_STAMP); }

# The runtime's benchmark: built with everything, run by `make bench-runtime` (RUNS=N), never
# by make check. It drives the client's internals and embeds the server.
noinst_PROGRAMS += bench/bench_runtime
bench_bench_runtime_SOURCES = bench/bench_runtime.c tests/proc_status.h
nodist_bench_bench_runtime_SOURCES = bench/gen/Bench_Thing.c
bench_bench_runtime_CPPFLAGS = $(CLIENT_CPPFLAGS) $(SERVER_CPPFLAGS) -I$(srcdir)/tests \
	-I$(builddir)/bench/gen -DBENCH_MOF='"$(abs_top_srcdir)/bench/bench.mof"'
bench_bench_runtime_LDADD = runtime/client/libclient.la $(SERVER_LIBS) $(LIBCURL_LIBS) -lpthread
.PHONY: bench-runtime
bench-runtime: bench/bench_runtime$(EXEEXT)
	./bench/bench_runtime $${RUNS:-11}
$(bench_bench_runtime_OBJECTS): | $(BENCH_GEN_STAMP)

.PHONY: bench bench-check
bench: all
	RUNS=$${RUNS:-11} $(SHELL) $(srcdir)/bench/run $(abs_top_builddir)
# A fresh run against the committed table (bench/baseline.md, written by make bench on the
# machine it names, compiling every 8th generated file): fails on a regression of more than
# 20 % (bench/check says how it judges).
bench-check: all
	RUNS=$${RUNS:-11} COMPILE_EVERY=$${COMPILE_EVERY:-8} $(SHELL) $(srcdir)/bench/run \
		$(abs_top_builddir) && \
	$(SHELL) $(srcdir)/bench/check $(srcdir)/bench/baseline.md bench/results.md
