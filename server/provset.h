/* SPDX-License-Identifier: MIT */
/* server/provset.h: the MI_PropertySet a provider host hands a provider (provset.c): the
 * properties the client asked for, from the request. */
#ifndef MOFBIND_SERVER_PROVSET_H
#define MOFBIND_SERVER_PROVSET_H

#include <stddef.h>

#include <mofbind/mi.h>

typedef struct srv_propset {
    MI_PropertySet base; /* first: the provider's MI_PropertySet * is a srv_propset * */
    char **names;
    MI_Uint32 n, cap;
    int heap; /* made by Clone: Delete frees the struct too */
} srv_propset;

/* Makes ps a property set of copies of names[0..n). MI_RESULT_OK, or SERVER_LIMITS_EXCEEDED
 * (out of memory; ps is then empty but valid). MI_PropertySet_Destruct frees what it holds. */
MI_Result srv_propset_init(srv_propset *ps, const char *const *names, size_t n);

#endif
