/* SPDX-License-Identifier: MIT */
// tests/test_mi_header_cxx.cc: the mi.h header test compiled as C++ (mi.h promises extern "C"
// and C++-clean declarations).
#include "test_mi_header.c"
