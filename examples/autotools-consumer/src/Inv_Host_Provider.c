/* SPDX-License-Identifier: MIT */
/* src/Inv_Host_Provider.c: the provider of Inv_Host, in the skeleton `mofbind --provider
 * --skeleton-dir src` wrote (Makefile.am; the Meson build runs the same command): the hosts
 * live in memory, in a list. Create, Get and Enumerate are written; Modify and Delete still
 * answer MI_RESULT_NOT_SUPPORTED as the skeleton had them. mofbind-server --provider
 * libinvprovider.so serves Inv_Host from it (tests/inventory-provider.sh). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "Inv_Host_Provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Inv_Host_Provider.h declares them, and change the name here to the one there. */
typedef Inv_Host_Skeleton_Instances Inv_Host_Skeleton_Check;

typedef struct host_node {
    struct host_node *next;
    Inv_Host host;
} host_node;

struct Inv_Host_Self {
    pthread_mutex_t lock; /* hosts */
    host_node *hosts;     /* newest first */
};

static Inv_Host_Self state = {PTHREAD_MUTEX_INITIALIZER, NULL};

/* The host named as h is, or NULL. Called with the lock held. */
static host_node *lookup(Inv_Host_Self *self, const Inv_Host *h)
{
    host_node *n;
    for (n = self->hosts; h->Name.exists && n; n = n->next)
        if (strcmp(n->host.Name.value, h->Name.value) == 0)
            return n;
    return NULL;
}

void MI_CALL Inv_Host_Load(Inv_Host_Self **self, MI_Module_Self *selfModule, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = &state;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Inv_Host_Unload(Inv_Host_Self *self, MI_Context *context)
{
    while (self->hosts) {
        host_node *n = self->hosts;
        self->hosts = n->next;
        Inv_Host_Destruct(&n->host);
        free(n);
    }
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Inv_Host_EnumerateInstances(Inv_Host_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter)
{
    host_node *n;
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter); /* (the server applies a query to what is posted) */
    pthread_mutex_lock(&self->lock);
    for (n = self->hosts; n && r == MI_RESULT_OK; n = n->next)
        r = Inv_Host_Post(context, &n->host);
    pthread_mutex_unlock(&self->lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Inv_Host_GetInstance(Inv_Host_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const Inv_Host *instanceName,
    const MI_PropertySet *propertySet)
{
    host_node *n;
    MI_Result r = MI_RESULT_NOT_FOUND;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&self->lock);
    if ((n = lookup(self, instanceName)) != NULL)
        r = Inv_Host_Post(context, &n->host);
    pthread_mutex_unlock(&self->lock);
    if (r == MI_RESULT_NOT_FOUND)
        MI_Context_PostError(context, r, MI_RESULT_TYPE_MI, "no such Inv_Host");
    else
        MI_Context_PostResult(context, r);
}

void MI_CALL Inv_Host_CreateInstance(Inv_Host_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const Inv_Host *newInstance)
{
    host_node *n = NULL;
    MI_Result r;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    pthread_mutex_lock(&self->lock);
    if (!newInstance->Name.exists)
        r = MI_RESULT_INVALID_PARAMETER;
    else if (lookup(self, newInstance))
        r = MI_RESULT_ALREADY_EXISTS;
    else if (!(n = (host_node *)calloc(1, sizeof *n)))
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if ((r = Inv_Host_Copy(&n->host, newInstance)) == MI_RESULT_OK) {
        n->next = self->hosts;
        self->hosts = n;
        r = Inv_Host_Post(context, &n->host);
        n = NULL;
    }
    pthread_mutex_unlock(&self->lock);
    free(n);
    MI_Context_PostResult(context, r);
}

void MI_CALL Inv_Host_ModifyInstance(Inv_Host_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const Inv_Host *modifiedInstance,
    const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(modifiedInstance);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Inv_Host_DeleteInstance(Inv_Host_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const Inv_Host *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}
