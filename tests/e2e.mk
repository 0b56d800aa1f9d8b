# SPDX-License-Identifier: MIT
# tests/e2e.mk: the end-to-end suites: the bindings generated from schemas/demo.mof (built by
# examples/local.mk), the public libmofbind, and mofbind-server embedded in the test process
# (or forked, to be killed) on an ephemeral loopback port.
# - test_e2e: every type round trip, references, methods, namespaces, async, cancel, close.
# - test_e2e_fail: wrong password, unknown class and namespace, server killed mid-operation,
#   server not listening, operation timeout.
# - test_e2e_tls: HTTPS with a CA and certificates made at test time (scripts/testcerts.sh).
# - test_e2e_scale: many sessions sharing the application's event loop: order, overlap, cancel
#   and close of one while the others run, a destination that never answers, close from a
#   callback.
# - e2e_demo.sh: examples/demo against mofbind-server run as a program, as scripts/demo.sh does.
# scripts/valgrind.sh runs the three Check suites under valgrind memcheck.

E2E_CPPFLAGS = $(DEMO_GEN_CPPFLAGS) -I$(srcdir)/server -DE2E_SRCDIR='"$(abs_top_srcdir)"'
E2E_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
E2E_LIBS = examples/libdemobind.la runtime/client/libmofbind.la $(SERVER_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/test_e2e tests/test_e2e_fail tests/test_e2e_tls tests/test_e2e_scale
TESTS += tests/test_e2e tests/test_e2e_fail tests/test_e2e_tls tests/test_e2e_scale
EXTRA_DIST += scripts/testcerts.sh scripts/valgrind.sh tests/valgrind.supp
TESTS += tests/e2e_demo.sh
EXTRA_DIST += tests/e2e_demo.sh

tests_test_e2e_SOURCES = tests/test_e2e.c tests/e2e_util.h
tests_test_e2e_CPPFLAGS = $(E2E_CPPFLAGS)
tests_test_e2e_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_LDADD = $(E2E_LIBS)
$(tests_test_e2e_OBJECTS): | examples/gen/demo.stamp

tests_test_e2e_fail_SOURCES = tests/test_e2e_fail.c tests/e2e_util.h
tests_test_e2e_fail_CPPFLAGS = $(E2E_CPPFLAGS)
tests_test_e2e_fail_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_fail_LDADD = $(E2E_LIBS)
$(tests_test_e2e_fail_OBJECTS): | examples/gen/demo.stamp

tests_test_e2e_scale_SOURCES = tests/test_e2e_scale.c tests/e2e_util.h tests/proc_status.h
tests_test_e2e_scale_CPPFLAGS = $(E2E_CPPFLAGS)
tests_test_e2e_scale_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_scale_LDADD = $(E2E_LIBS)
$(tests_test_e2e_scale_OBJECTS): | examples/gen/demo.stamp

tests_test_e2e_tls_SOURCES = tests/test_e2e_tls.c tests/e2e_util.h
tests_test_e2e_tls_CPPFLAGS = $(E2E_CPPFLAGS)
tests_test_e2e_tls_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_tls_LDADD = $(E2E_LIBS)
$(tests_test_e2e_tls_OBJECTS): | examples/gen/demo.stamp

# test_e2e_provider: test_e2e's type and method suites against the demo provider
# (examples/provider/) in mofbind-server's provider host, plus the provider's own errors.
check_PROGRAMS += tests/test_e2e_provider
TESTS += tests/test_e2e_provider
tests_test_e2e_provider_SOURCES = tests/test_e2e_provider.c tests/e2e_util.h tests/sync_run.h
EXTRA_tests_test_e2e_provider_DEPENDENCIES = tests/test_e2e.c examples/libdemoprovider.la \
	server/mofbind-provider-host$(EXEEXT)
tests_test_e2e_provider_CPPFLAGS = $(E2E_CPPFLAGS)
# (test_e2e.c's other tests are compiled in but not run here)
tests_test_e2e_provider_CFLAGS = $(E2E_CFLAGS) -Wno-unused-function -Wno-unused-variable
tests_test_e2e_provider_LDADD = $(E2E_LIBS)
$(tests_test_e2e_provider_OBJECTS): | examples/gen/demo.stamp
