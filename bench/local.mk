# bench/local.mk: benchmarks (make bench); never part of make check.
