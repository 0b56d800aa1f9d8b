# bench/local.mk: benchmarks (make bench); never part of make check.
EXTRA_DIST += bench/run
.PHONY: bench
bench: all
	RUNS=$${RUNS:-11} $(SHELL) $(srcdir)/bench/run $(abs_top_builddir)
