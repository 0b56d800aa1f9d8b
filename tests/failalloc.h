/* SPDX-License-Identifier: MIT */
/* tests/failalloc.h: allocation-failure injection (tests/failalloc.c): link the program with
 * FAILALLOC_WRAP (tests/security.mk) so that malloc, calloc, realloc, strdup and strndup of
 * the objects linked in can be made to fail. Test code only; thread-safe. */
#ifndef MOFBIND_FAILALLOC_H
#define MOFBIND_FAILALLOC_H

/* Makes the nth allocation from now on fail, once (0: none), and restarts the count. */
void failalloc_set(unsigned long n);

/* How many allocations there were since the last failalloc_set (or the start). */
unsigned long failalloc_count(void);

#endif
