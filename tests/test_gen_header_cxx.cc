/* SPDX-License-Identifier: MIT */
// tests/test_gen_header_cxx.cc: the helper headers' test compiled as C++ (the generated bindings
// are C and C++; the headers promise both).
#include "test_gen_header.c"
