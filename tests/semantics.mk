# SPDX-License-Identifier: MIT
# tests/semantics.mk: what the generated bindings mean on the wire: unset is absent,
# NULL on purpose is xsi:nil, defaults reach the result, Modify changes what it sets, one key
# space per key class. The bindings of tests/semantics/acme.mof are generated into the build
# tree at build time; mofbind-server is embedded in the test (tests/e2e_util.h).

SEM_GEN_OUT = tests/semgen/Acme_Label.c tests/semgen/Acme_Label.h \
	tests/semgen/Acme_StoragePool.c tests/semgen/Acme_StoragePool.h \
	tests/semgen/Acme_AllocatedFromPool.c tests/semgen/Acme_AllocatedFromPool.h \
	tests/semgen/Acme_StorageVolume.c tests/semgen/Acme_StorageVolume.h \
	tests/semgen/Acme_ThinVolume.c tests/semgen/Acme_ThinVolume.h tests/semgen/mofbind_gen.h
tests/semgen/.stamp: generator/mofbind$(EXEEXT) $(srcdir)/tests/semantics/acme.mof
	$(AM_V_GEN)$(MKDIR_P) tests/semgen && \
	  generator/mofbind$(EXEEXT) -o tests/semgen --all $(srcdir)/tests/semantics/acme.mof && \
	  touch $@
$(SEM_GEN_OUT): tests/semgen/.stamp
	@:
CLEANFILES += $(SEM_GEN_OUT) tests/semgen/.stamp tests/semgen/mofbind.manifest
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

# test_e2e_mof3: the bindings of the MOF 3 schema tests/data/mof3 (structures, enumerations),
# generated into tests/mof3gen/ at build time, against an embedded mofbind-server loading it.
M3_GEN_OUT = tests/mof3gen/Shop_Address.c \
	tests/mof3gen/Shop_Address.h tests/mof3gen/Shop_Base.c tests/mof3gen/Shop_Base.h \
	tests/mof3gen/Shop_Customer.c tests/mof3gen/Shop_Customer.h \
	tests/mof3gen/Shop_Customer_Note.c tests/mof3gen/Shop_Customer_Note.h tests/mof3gen/Shop_Date.c \
	tests/mof3gen/Shop_Date.h tests/mof3gen/Shop_Phone.c tests/mof3gen/Shop_Phone.h \
	tests/mof3gen/Shop_Store.c tests/mof3gen/Shop_Store.h tests/mof3gen/Shop_Store_Note.c \
	tests/mof3gen/Shop_Store_Note.h tests/mof3gen/Shop_Vip.c tests/mof3gen/Shop_Vip.h \
	tests/mof3gen/Shop_Vip_Sponsor.c tests/mof3gen/Shop_Vip_Sponsor.h \
	tests/mof3gen/Shop_Visit.c tests/mof3gen/Shop_Visit.h tests/mof3gen/mofbind_gen.h
tests/mof3gen/.stamp: generator/mofbind$(EXEEXT) $(wildcard $(srcdir)/tests/data/mof3/*.mof \
		$(srcdir)/tests/data/mof3/*/*.mof)
	$(AM_V_GEN)$(MKDIR_P) tests/mof3gen && \
	  generator/mofbind$(EXEEXT) -o tests/mof3gen --all $(srcdir)/tests/data/mof3/schema.mof && \
	  touch $@
$(M3_GEN_OUT): tests/mof3gen/.stamp
	@:
CLEANFILES += $(M3_GEN_OUT) tests/mof3gen/.stamp tests/mof3gen/mofbind.manifest

# Its structures that would hold themselves (tests/data/mof3/recursive), into tests/mof3rec/.
M3R_GEN_OUT = tests/mof3rec/Rec_Bundle.c tests/mof3rec/Rec_Bundle.h tests/mof3rec/Rec_Kit.c \
	tests/mof3rec/Rec_Kit.h tests/mof3rec/Rec_Part.c tests/mof3rec/Rec_Part.h
tests/mof3rec/.stamp: generator/mofbind$(EXEEXT) $(srcdir)/tests/data/mof3/recursive/parts.mof
	$(AM_V_GEN)$(MKDIR_P) tests/mof3rec && \
	  generator/mofbind$(EXEEXT) -o tests/mof3rec --all \
	    $(srcdir)/tests/data/mof3/recursive/parts.mof && touch $@
$(M3R_GEN_OUT): tests/mof3rec/.stamp
	@:
CLEANFILES += $(M3R_GEN_OUT) tests/mof3rec/mofbind_gen.h tests/mof3rec/.stamp \
	tests/mof3rec/mofbind.manifest

check_PROGRAMS += tests/test_e2e_mof3
TESTS += tests/test_e2e_mof3
tests_test_e2e_mof3_SOURCES = tests/test_e2e_mof3.c tests/e2e_util.h
nodist_tests_test_e2e_mof3_SOURCES = $(M3_GEN_OUT) $(M3R_GEN_OUT)
tests_test_e2e_mof3_CPPFLAGS = $(E2E_CPPFLAGS) -I$(builddir)/tests/mof3gen -I$(builddir)/tests/mof3rec
tests_test_e2e_mof3_CFLAGS = $(E2E_CFLAGS)
tests_test_e2e_mof3_LDADD = $(E2E_LIBS)
$(tests_test_e2e_mof3_OBJECTS): | tests/mof3gen/.stamp tests/mof3rec/.stamp examples/gen/demo.stamp
EXTRA_tests_test_e2e_mof3_DEPENDENCIES = tests/provider/libshopprov.la \
	server/mofbind-provider-host$(EXEEXT)

# The provider of Shop_Vip for test_e2e_mof3 (tests/provider/shop/, the skeleton filled in),
# built with the provider code mofbind generates into tests/m3prov/: its typed entries get the
# MOF 3 structures as C structs.
M3_PROV_GEN_C = tests/m3prov/mofbind_module.c tests/m3prov/Shop_Address.c \
	tests/m3prov/Shop_Base.c tests/m3prov/Shop_Customer.c tests/m3prov/Shop_Customer_Note.c \
	tests/m3prov/Shop_Date.c tests/m3prov/Shop_Phone.c tests/m3prov/Shop_Store.c \
	tests/m3prov/Shop_Store_Note.c tests/m3prov/Shop_Vip.c tests/m3prov/Shop_Vip_Sponsor.c
tests/m3prov/.stamp: generator/mofbind$(EXEEXT) $(wildcard $(srcdir)/tests/data/mof3/*.mof \
		$(srcdir)/tests/data/mof3/*/*.mof)
	$(AM_V_GEN)$(MKDIR_P) tests/m3prov && \
	  generator/mofbind$(EXEEXT) -o tests/m3prov --provider \
	    --skeleton-dir $(srcdir)/tests/provider/shop --class Shop_Vip \
	    $(srcdir)/tests/data/mof3/schema.mof && touch $@
$(M3_PROV_GEN_C): tests/m3prov/.stamp
	@:
CLEANFILES += tests/m3prov/*.c tests/m3prov/*.h tests/m3prov/.stamp tests/m3prov/mofbind.manifest
check_LTLIBRARIES += tests/provider/libshopprov.la
tests_provider_libshopprov_la_SOURCES = tests/provider/shop/Shop_Vip_Provider.c
nodist_tests_provider_libshopprov_la_SOURCES = $(M3_PROV_GEN_C)
tests_provider_libshopprov_la_CPPFLAGS = $(MI_CPPFLAGS) -I$(builddir)/tests/m3prov
tests_provider_libshopprov_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_provider_libshopprov_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
$(tests_provider_libshopprov_la_OBJECTS): | tests/m3prov/.stamp
