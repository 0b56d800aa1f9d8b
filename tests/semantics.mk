# tests/semantics.mk: what the generated bindings mean on the wire (issue 14): unset is absent,
# NULL on purpose is xsi:nil, defaults reach the result, Modify changes what it sets, one key
# space per key class. The bindings of tests/semantics/acme.mof are generated into the build
# tree at build time; mofbind-server is embedded in the test (tests/e2e_util.h).

SEM_GEN_OUT = tests/semgen/Acme_Label.c tests/semgen/Acme_Label.h \
	tests/semgen/Acme_StorageVolume.c tests/semgen/Acme_StorageVolume.h \
	tests/semgen/Acme_ThinVolume.c tests/semgen/Acme_ThinVolume.h tests/semgen/mofbind_gen.h
tests/semgen/.stamp: generator/mofbind$(EXEEXT) $(srcdir)/tests/semantics/acme.mof
	$(AM_V_GEN)$(MKDIR_P) tests/semgen && \
	  generator/mofbind$(EXEEXT) -o tests/semgen --all $(srcdir)/tests/semantics/acme.mof && \
	  touch $@
$(SEM_GEN_OUT): tests/semgen/.stamp
	@:
CLEANFILES += $(SEM_GEN_OUT) tests/semgen/.stamp
EXTRA_DIST += tests/semantics/acme.mof

check_PROGRAMS += tests/test_e2e_semantics
TESTS += tests/test_e2e_semantics
tests_test_e2e_semantics_SOURCES = tests/test_e2e_semantics.c tests/e2e_util.h \
	tests/stderr_capture.h
nodist_tests_test_e2e_semantics_SOURCES = $(SEM_GEN_OUT)
tests_test_e2e_semantics_CPPFLAGS = $(E2E_CPPFLAGS) -I$(builddir)/tests/semgen
tests_test_e2e_semantics_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_semantics_LDADD = $(E2E_LIBS)
$(tests_test_e2e_semantics_OBJECTS): | tests/semgen/.stamp examples/gen/demo.stamp
