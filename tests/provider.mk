# SPDX-License-Identifier: MIT
# tests/provider.mk: providers: the provider half of mi.h, the provider host of mofbind-server,
# the generated provider code.

# The provider half of mi.h has OMI's binary layout (x86_64 offsets checked at compile time)
# and its inline wrappers call the right entries; as C99 and as C++.
check_PROGRAMS += tests/test_provider_abi tests/test_provider_abi_cxx
TESTS += tests/test_provider_abi tests/test_provider_abi_cxx
tests_test_provider_abi_SOURCES = tests/test_provider_abi.c
tests_test_provider_abi_CPPFLAGS = $(MI_CPPFLAGS)
tests_test_provider_abi_CFLAGS = $(AM_CFLAGS) -std=c99 -Wall -Wextra -Wpedantic -Werror
tests_test_provider_abi_cxx_SOURCES = tests/test_provider_abi_cxx.cc
tests_test_provider_abi_cxx_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/tests
tests_test_provider_abi_cxx_CXXFLAGS = -Wall -Wextra -Wpedantic -Werror
EXTRA_tests_test_provider_abi_cxx_DEPENDENCIES = tests/test_provider_abi.c

# What each test provider library is built with: a loadable module (-rpath: libtool builds a
# check_ library as a convenience archive otherwise) exporting only MI_Main.
TEST_PROVIDER_CPPFLAGS = $(MI_CPPFLAGS)
TEST_PROVIDER_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
TEST_PROVIDER_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
TEST_PROVIDER_LIBADD = -lpthread

# A provider written by hand against mi.h (tests/provider/widget_provider.c), loaded by the
# server in its host process: every instance operation and Invoke, errors it posts, a crash
# (the host is restarted, the other classes keep serving), a provider that never answers
# (timed out), and the in-process mode.
check_LTLIBRARIES += tests/provider/libwidgetprov.la
tests_provider_libwidgetprov_la_SOURCES = tests/provider/widget_provider.c
tests_provider_libwidgetprov_la_CPPFLAGS = $(TEST_PROVIDER_CPPFLAGS)
tests_provider_libwidgetprov_la_CFLAGS = $(TEST_PROVIDER_CFLAGS)
tests_provider_libwidgetprov_la_LDFLAGS = $(TEST_PROVIDER_LDFLAGS)
tests_provider_libwidgetprov_la_LIBADD = $(TEST_PROVIDER_LIBADD)

check_PROGRAMS += tests/test_provider_host
TESTS += tests/test_provider_host
tests_test_provider_host_SOURCES = tests/test_provider_host.c tests/sync_run.h
tests_test_provider_host_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/server
tests_test_provider_host_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_provider_host_LDADD = runtime/client/libmofbind.la $(SERVER_LIBS) $(CHECK_LIBS)
EXTRA_tests_test_provider_host_DEPENDENCIES = tests/provider/libwidgetprov.la \
	examples/libdemoprovider.la server/mofbind-provider-host$(EXEEXT)

# libFuzzer harness for provider host frames (`make fuzz`, clang; seeds in
# tests/fuzz/provwire/).
EXTRA_DIST += tests/fuzz/fuzz_provwire.c tests/fuzz/provwire
FUZZ_PROVWIRE_SRCS = tests/fuzz/fuzz_provwire.c server/provwire.c \
	$(filter %.c,$(runtime_util_libutil_la_SOURCES) $(runtime_core_libcore_la_SOURCES) \
	$(runtime_wsman_libwsman_la_SOURCES))
fuzz: tests/fuzz/fuzz-provwire
tests/fuzz/fuzz-provwire: $(FUZZ_PROVWIRE_SRCS) runtime/wsman/libwsman.la
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(WSMAN_CPPFLAGS) -I$(srcdir)/server \
		-o $@ $(filter %.c,$^) $(LIBXML2_LIBS) -lm
CLEANFILES += tests/fuzz/fuzz-provwire

# mofbind --provider: the output compiles (C and C++, gcc and clang) and links into a module,
# is deterministic, keeps the user's skeletons, and an out-of-date skeleton fails to compile.
TESTS += tests/provider_gen.sh
EXTRA_DIST += tests/provider_gen.sh

# Indications from a provider (tests/provider/alert_provider.c, tests/server/alerts.mof):
# EnableIndications, Subscribe, Unsubscribe and DisableIndications through the host process,
# alerts posted from the provider's own thread to every matching subscription, a refused
# Subscribe, a provider that ends its indications, its host killed mid-subscription, overflow.
check_LTLIBRARIES += tests/provider/libalertprov.la
tests_provider_libalertprov_la_SOURCES = tests/provider/alert_provider.c
tests_provider_libalertprov_la_CPPFLAGS = $(TEST_PROVIDER_CPPFLAGS)
tests_provider_libalertprov_la_CFLAGS = $(TEST_PROVIDER_CFLAGS)
tests_provider_libalertprov_la_LDFLAGS = $(TEST_PROVIDER_LDFLAGS)
tests_provider_libalertprov_la_LIBADD = $(TEST_PROVIDER_LIBADD)

# The same from a provider built from the skeletons `mofbind --provider` wrote for the
# indication classes Test_TypedAlert and Test_TypedAlertSub and for Test_TypedControl
# (tests/provider/typed/, filled in), with the glue and bindings generated at build time into
# tests/provgen/ (the skeletons are found in the source tree, so never written there again):
# typed alerts posted with X_PostIndication reach subscriptions made through the typed
# bindings and through MI.
TYPED_PROV_STAMP = tests/provgen/typed.stamp
TYPED_PROV_BIND_C = tests/provgen/CIM_Indication.c tests/provgen/Test_TypedAlert.c \
	tests/provgen/Test_TypedAlertSub.c tests/provgen/Test_TypedControl.c
TYPED_PROV_GEN_C = tests/provgen/mofbind_module.c $(TYPED_PROV_BIND_C)
TYPED_PROV_CPPFLAGS = $(MI_CPPFLAGS) -I$(builddir)/tests/provgen -I$(srcdir)/tests/provider/typed
CLEANFILES += $(TYPED_PROV_STAMP) tests/provgen/*.c tests/provgen/*.h \
	tests/provgen/mofbind.manifest
$(TYPED_PROV_STAMP): $(srcdir)/tests/server/alerts.mof $(srcdir)/schemas/indications.mof \
		generator/mofbind$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) tests/provgen && \
	generator/mofbind$(EXEEXT) -o tests/provgen --provider -I $(srcdir)/schemas \
		--skeleton-dir $(srcdir)/tests/provider/typed --class Test_TypedAlert \
		--class Test_TypedAlertSub --class Test_TypedControl \
		$(srcdir)/tests/server/alerts.mof && touch $@
$(TYPED_PROV_GEN_C): $(TYPED_PROV_STAMP)
	@test -f $@ || { rm -f $(TYPED_PROV_STAMP) && $(MAKE) $(AM_MAKEFLAGS) $(TYPED_PROV_STAMP); }

check_LTLIBRARIES += tests/provider/libtypedprov.la
tests_provider_libtypedprov_la_SOURCES = tests/provider/typed/Test_TypedAlert_Provider.c \
	tests/provider/typed/Test_TypedAlertSub_Provider.c \
	tests/provider/typed/Test_TypedControl_Provider.c tests/provider/typed/typed_alerts.c \
	tests/provider/typed/typed_alerts.h
nodist_tests_provider_libtypedprov_la_SOURCES = $(TYPED_PROV_GEN_C)
tests_provider_libtypedprov_la_CPPFLAGS = $(TYPED_PROV_CPPFLAGS)
tests_provider_libtypedprov_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_provider_libtypedprov_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
tests_provider_libtypedprov_la_LIBADD = -lpthread
$(tests_provider_libtypedprov_la_OBJECTS): | tests/provgen/typed.stamp

check_PROGRAMS += tests/test_provider_indications
TESTS += tests/test_provider_indications
tests_test_provider_indications_SOURCES = tests/test_provider_indications.c tests/sync_run.h \
	tests/test_server_util.h
nodist_tests_test_provider_indications_SOURCES = $(TYPED_PROV_BIND_C)
tests_test_provider_indications_CPPFLAGS = $(SERVER_TEST_CPPFLAGS) -I$(builddir)/tests/provgen
tests_test_provider_indications_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_provider_indications_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS) -lpthread
EXTRA_tests_test_provider_indications_DEPENDENCIES = tests/provider/libalertprov.la \
	tests/provider/libtypedprov.la server/mofbind-provider-host$(EXEEXT)
$(tests_test_provider_indications_OBJECTS): | tests/provgen/typed.stamp

# A provider's life (tests/provider/ticker_provider.c, tests/server/ticker.mof): its cancel
# callback when the client releases an enumeration, the provider time limit passes or the
# server stops; its idle unload, RefuseUnload and RequestUnload, its Load and Unload counted;
# how its prompts are answered from the client's options. Out of process and in process.
check_LTLIBRARIES += tests/provider/libtickerprov.la
tests_provider_libtickerprov_la_SOURCES = tests/provider/ticker_provider.c
tests_provider_libtickerprov_la_CPPFLAGS = $(TEST_PROVIDER_CPPFLAGS)
tests_provider_libtickerprov_la_CFLAGS = $(TEST_PROVIDER_CFLAGS)
tests_provider_libtickerprov_la_LDFLAGS = $(TEST_PROVIDER_LDFLAGS)
tests_provider_libtickerprov_la_LIBADD = $(TEST_PROVIDER_LIBADD)

check_PROGRAMS += tests/test_provider_life
TESTS += tests/test_provider_life
tests_test_provider_life_SOURCES = tests/test_provider_life.c tests/sync_run.h \
	tests/test_server_util.h
tests_test_provider_life_CPPFLAGS = $(SERVER_TEST_CPPFLAGS)
tests_test_provider_life_CFLAGS = $(SERVER_TEST_CFLAGS)
tests_test_provider_life_LDADD = runtime/client/libmofbind.la $(SERVER_TEST_LIBS) -lpthread
EXTRA_tests_test_provider_life_DEPENDENCIES = tests/provider/libtickerprov.la \
	server/mofbind-provider-host$(EXEEXT)
