/* SPDX-License-Identifier: MIT */
/* src/Svc_Service_Provider.c: the provider of Svc_Service, in the skeleton that
 * mofbind_generate(... PROVIDER SKELETON_DIR src) wrote at the first configure: the services
 * live in memory. mofbind-server --provider libsvcprovider.so serves them. */
#include <pthread.h>
#include <string.h>

#include "Svc_Service_Provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Svc_Service_Provider.h declares them, and change the name here to the one there. */
typedef Svc_Service_Skeleton_Instances Svc_Service_Skeleton_Check;

#define MAX_SERVICES 64

struct Svc_Service_Self {
    Svc_Service v[MAX_SERVICES];
    size_t n;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Svc_Service_Self state;

/* The index of the service named as s is, or -1. Called with the lock held. */
static int find(const Svc_Service_Self *self, const Svc_Service *s)
{
    size_t i;
    for (i = 0; s->Name.exists && i < self->n; i++)
        if (strcmp(self->v[i].Name.value, s->Name.value) == 0)
            return (int)i;
    return -1;
}

void MI_CALL Svc_Service_Load(Svc_Service_Self **self, MI_Module_Self *selfModule,
                              MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = &state;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Svc_Service_Unload(Svc_Service_Self *self, MI_Context *context)
{
    size_t i;
    for (i = 0; i < self->n; i++)
        Svc_Service_Destruct(&self->v[i]);
    self->n = 0;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Svc_Service_EnumerateInstances(Svc_Service_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_PropertySet *propertySet, MI_Boolean keysOnly,
                                            const MI_Filter *filter)
{
    size_t i;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    pthread_mutex_lock(&lock);
    for (i = 0; i < self->n; i++)
        Svc_Service_Post(context, &self->v[i]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Svc_Service_GetInstance(Svc_Service_Self *self, MI_Context *context,
                                     const MI_Char *nameSpace, const MI_Char *className,
                                     const Svc_Service *instanceName,
                                     const MI_PropertySet *propertySet)
{
    int i;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(self, instanceName);
    if (i >= 0)
        Svc_Service_Post(context, &self->v[i]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}

void MI_CALL Svc_Service_CreateInstance(Svc_Service_Self *self, MI_Context *context,
                                        const MI_Char *nameSpace, const MI_Char *className,
                                        const Svc_Service *newInstance)
{
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    pthread_mutex_lock(&lock);
    if (!newInstance->Name.exists)
        r = MI_RESULT_INVALID_PARAMETER;
    else if (find(self, newInstance) >= 0)
        r = MI_RESULT_ALREADY_EXISTS;
    else if (self->n == MAX_SERVICES)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if ((r = Svc_Service_Copy(&self->v[self->n], newInstance)) == MI_RESULT_OK)
        Svc_Service_Post(context, &self->v[self->n++]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Svc_Service_ModifyInstance(Svc_Service_Self *self, MI_Context *context,
                                        const MI_Char *nameSpace, const MI_Char *className,
                                        const Svc_Service *modifiedInstance,
                                        const MI_PropertySet *propertySet)
{
    Svc_Service copy;
    int i;
    MI_Result r = MI_RESULT_NOT_FOUND;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(self, modifiedInstance);
    if (i >= 0 && (r = Svc_Service_Copy(&copy, modifiedInstance)) == MI_RESULT_OK) {
        Svc_Service_Destruct(&self->v[i]);
        self->v[i] = copy;
        Svc_Service_Post(context, &self->v[i]);
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Svc_Service_DeleteInstance(Svc_Service_Self *self, MI_Context *context,
                                        const MI_Char *nameSpace, const MI_Char *className,
                                        const Svc_Service *instanceName)
{
    int i;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    pthread_mutex_lock(&lock);
    i = find(self, instanceName);
    if (i >= 0) {
        Svc_Service_Destruct(&self->v[i]);
        self->v[i] = self->v[--self->n];
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}
