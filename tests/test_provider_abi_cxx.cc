/* SPDX-License-Identifier: MIT */
// tests/test_provider_abi_cxx.cc: the provider ABI test compiled as C++ (the layout is the
// same through a C++ compiler).
#include "test_provider_abi.c"
