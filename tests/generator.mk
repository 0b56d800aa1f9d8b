# SPDX-License-Identifier: MIT
# tests/generator.mk: the code generator's tests.
#
# - test_emit_tpl: the emitter's template filler (Check).
# - test_gen_header, test_gen_header_cxx: the helper headers copied into every output
#   (templates/mofbind_gen.h, templates/mofbind_prov.h) compile as they are, as strict C99 and as
#   C++ with every warning an error, and their class-independent helpers work.
# - test_midecl: the MI declarations mofbind-server builds at run time carry the MOF defaults.
# - test_generator_rt: the bindings of tests/golden/gen_test.mof, generated into tests/gen/ by
#   the mofbind just built, compiled with the project's warnings and linked with libcore
#   (Check): round trips of every type, untyped results, ownership, the Create failure path.
# - test_generator_alias: a subclass's struct through its superclass's functions, at -O2 with
#   -fstrict-aliasing (the layout and aliasing rules described in mofbind_gen.h).
# - generator.sh: golden files, determinism, no rewrite of unchanged files, atomic failure,
#   -M/-MD, --class closure; the output compiled as C99 and C++ by gcc and clang with -Werror;
#   the must-not-compile cases of tests/compile/.
# - generator_cim.sh: bindings for every class of the shared CIM 2.49 schema, compiled.
# `make update-golden` rewrites tests/golden/gen_test/ from the current generator.

check_PROGRAMS += tests/test_emit_tpl
TESTS += tests/test_emit_tpl
tests_test_emit_tpl_SOURCES = tests/test_emit_tpl.c
tests_test_emit_tpl_CPPFLAGS = $(EMIT_CPPFLAGS)
tests_test_emit_tpl_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_emit_tpl_LDADD = $(EMIT_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/test_gen_header tests/test_gen_header_cxx
TESTS += tests/test_gen_header tests/test_gen_header_cxx
tests_test_gen_header_SOURCES = tests/test_gen_header.c
tests_test_gen_header_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/templates
tests_test_gen_header_CFLAGS = $(AM_CFLAGS) -std=c99 -Wall -Wextra -Wpedantic -Werror
tests_test_gen_header_cxx_SOURCES = tests/test_gen_header_cxx.cc
tests_test_gen_header_cxx_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/templates
tests_test_gen_header_cxx_CXXFLAGS = -Wall -Wextra -Wpedantic -Werror
EXTRA_tests_test_gen_header_cxx_DEPENDENCIES = tests/test_gen_header.c

GEN_TEST_OUT = tests/gen/Gen_Base.c tests/gen/Gen_Base.h tests/gen/Gen_Middle.c \
	tests/gen/Gen_Middle.h tests/gen/Gen_Setting.c tests/gen/Gen_Setting.h \
	tests/gen/Gen_Leaf.c tests/gen/Gen_Leaf.h tests/gen/Gen_LeafSetting.c \
	tests/gen/Gen_LeafSetting.h tests/gen/mofbind_gen.h
tests/gen/.stamp: generator/mofbind$(EXEEXT) $(srcdir)/tests/golden/gen_test.mof
	$(AM_V_GEN)$(MKDIR_P) tests/gen && abs=`cd tests/gen && pwd` && \
	  (cd $(srcdir)/tests/golden && $(abs_builddir)/generator/mofbind$(EXEEXT) -o "$$abs" \
	    --all gen_test.mof) && touch $@
$(GEN_TEST_OUT): tests/gen/.stamp
	@:
CLEANFILES += $(GEN_TEST_OUT) tests/gen/.stamp tests/gen/mofbind.manifest

check_PROGRAMS += tests/test_midecl
TESTS += tests/test_midecl
tests_test_midecl_SOURCES = tests/test_midecl.c
tests_test_midecl_CPPFLAGS = $(MIDECL_CPPFLAGS)
tests_test_midecl_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_midecl_LDADD = $(MIDECL_LIBS) $(CHECK_LIBS)

check_PROGRAMS += tests/test_generator_rt
TESTS += tests/test_generator_rt
tests_test_generator_rt_SOURCES = tests/test_generator_rt.c
nodist_tests_test_generator_rt_SOURCES = $(GEN_TEST_OUT)
tests_test_generator_rt_CPPFLAGS = $(CORE_CPPFLAGS) -I$(builddir)/tests/gen
tests_test_generator_rt_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_generator_rt_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests/test_generator_rt-test_generator_rt.$(OBJEXT): tests/gen/.stamp

# The superclass's functions on a subclass's struct, compiled with -O2 -fstrict-aliasing (the
# per-target flags come after AM_CFLAGS; a CFLAGS given to make still comes last).
check_PROGRAMS += tests/test_generator_alias
TESTS += tests/test_generator_alias
tests_test_generator_alias_SOURCES = tests/test_generator_alias.c
nodist_tests_test_generator_alias_SOURCES = $(GEN_TEST_OUT)
tests_test_generator_alias_CPPFLAGS = $(tests_test_generator_rt_CPPFLAGS)
tests_test_generator_alias_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -O2 -fstrict-aliasing
tests_test_generator_alias_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests/test_generator_alias-test_generator_alias.$(OBJEXT): tests/gen/.stamp

TESTS += tests/generator.sh tests/generator_cim.sh
EXTRA_DIST += tests/generator.sh tests/generator_cim.sh tests/golden tests/compile

# Rewrites the golden files from the current generator; review the diff, then commit it.
.PHONY: update-golden
update-golden: generator/mofbind$(EXEEXT)
	rm -f $(srcdir)/tests/golden/gen_test/*
	cd $(srcdir)/tests/golden && $(abs_builddir)/generator/mofbind$(EXEEXT) -o gen_test \
	  --all gen_test.mof

# libFuzzer harness for the template filler (`make fuzz`, clang; seeds in tests/fuzz/tpl/).
fuzz: tests/fuzz/fuzz-tpl
tests/fuzz/fuzz-tpl: tests/fuzz/fuzz_tpl.c generator/emit/emit_tpl.c \
		$(filter %.c,$(runtime_util_libutil_la_SOURCES)) generator/emit/builtin_templates.inc
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(EMIT_CPPFLAGS) -o $@ $(filter %.c,$^)
CLEANFILES += tests/fuzz/fuzz-tpl
