// tests/test_runtime_cxx.cc: the mi.h header test compiled as C++ (mi.h promises extern "C"
// and C++-clean declarations).
#include "test_runtime_header.c"
