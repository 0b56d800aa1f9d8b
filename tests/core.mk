# SPDX-License-Identifier: MIT
# tests/core.mk: the public header and libcore.
# - test_mi_header, test_mi_header_cxx: mi.h compiles as strict C99 and as C++, with every
#   warning an error, and its values are the MI API's.
# - test_core: instances, dynamic and class-backed, the whole MI_InstanceFT, every type,
#   ownership flags.

check_PROGRAMS += tests/test_mi_header tests/test_mi_header_cxx
TESTS += tests/test_mi_header tests/test_mi_header_cxx
tests_test_mi_header_SOURCES = tests/test_mi_header.c
tests_test_mi_header_CPPFLAGS = $(MI_CPPFLAGS)
tests_test_mi_header_CFLAGS = $(AM_CFLAGS) -std=c99 -Wall -Wextra -Wpedantic -Werror
tests_test_mi_header_cxx_SOURCES = tests/test_mi_header_cxx.cc
tests_test_mi_header_cxx_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/tests
tests_test_mi_header_cxx_CXXFLAGS = -Wall -Wextra -Wpedantic -Werror
EXTRA_tests_test_mi_header_cxx_DEPENDENCIES = tests/test_mi_header.c

check_PROGRAMS += tests/test_core
TESTS += tests/test_core
tests_test_core_SOURCES = tests/test_core.c
tests_test_core_CPPFLAGS = $(CORE_CPPFLAGS)
tests_test_core_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_core_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
