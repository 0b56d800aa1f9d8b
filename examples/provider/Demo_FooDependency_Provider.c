/* SPDX-License-Identifier: MIT */
/* examples/provider/Demo_FooDependency_Provider.c: the demo's provider of the association
 * Demo_FooDependency (schemas/demo.mof), written into the skeleton `mofbind --provider` made:
 * links between two Win32_Foo that exist, kept in memory; References and Associators answer
 * from them. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "Demo_FooDependency_Provider.h"
#include "demo_provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Demo_FooDependency_Provider.h declares them, and change the name here to the one
 * there. */
typedef Demo_FooDependency_Skeleton_Association Demo_FooDependency_Skeleton_Check;

#define MAX_LINKS 256

struct Demo_FooDependency_Self {
    int unused;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Demo_FooDependency links[MAX_LINKS];
static size_t n_links;

/* The InstanceID a reference names, or NULL. */
static const MI_Char *ref_id(const MI_ConstReferenceField *f)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    if (f->exists && f->value &&
        MI_Instance_GetElement(f->value, "InstanceID", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL))
        return v.string;
    return NULL;
}

static int same(const MI_Char *a, const MI_Char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The index of the link with these ends, or -1. Called with the lock held. */
static int find(const Demo_FooDependency *x)
{
    size_t i;
    for (i = 0; i < n_links; i++)
        if (same(ref_id(&links[i].Antecedent), ref_id(&x->Antecedent)) &&
            same(ref_id(&links[i].Dependent), ref_id(&x->Dependent)))
            return (int)i;
    return -1;
}

void MI_CALL Demo_FooDependency_Load(Demo_FooDependency_Self **self, MI_Module_Self *selfModule,
                                     MI_Context *context)
{
    static Demo_FooDependency_Self state;
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = &state;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Demo_FooDependency_Unload(Demo_FooDependency_Self *self, MI_Context *context)
{
    size_t i;
    MI_UNREFERENCED_PARAMETER(self);
    pthread_mutex_lock(&lock);
    for (i = 0; i < n_links; i++)
        Demo_FooDependency_Destruct(&links[i]);
    n_links = 0;
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Demo_FooDependency_EnumerateInstances(Demo_FooDependency_Self *self,
                                                   MI_Context *context, const MI_Char *nameSpace,
                                                   const MI_Char *className,
                                                   const MI_PropertySet *propertySet,
                                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    size_t i;
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    pthread_mutex_lock(&lock);
    for (i = 0; i < n_links && r == MI_RESULT_OK; i++)
        r = Demo_FooDependency_Post(context, &links[i]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Demo_FooDependency_GetInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const Demo_FooDependency *instanceName,
                                            const MI_PropertySet *propertySet)
{
    int i;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(instanceName);
    if (i >= 0)
        MI_Context_PostResult(context, Demo_FooDependency_Post(context, &links[i]));
    pthread_mutex_unlock(&lock);
    if (i < 0)
        MI_Context_PostError(context, MI_RESULT_NOT_FOUND, MI_RESULT_TYPE_MI,
                             "no such Demo_FooDependency");
}

void MI_CALL Demo_FooDependency_CreateInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *newInstance)
{
    const MI_Char *a = ref_id(&newInstance->Antecedent), *d = ref_id(&newInstance->Dependent);
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (!a || !d || !demo_foo_exists(a) || !demo_foo_exists(d)) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             "a Demo_FooDependency links two Win32_Foo that exist");
        return;
    }
    pthread_mutex_lock(&lock);
    if (find(newInstance) >= 0)
        r = MI_RESULT_ALREADY_EXISTS;
    else if (n_links == MAX_LINKS)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if ((r = Demo_FooDependency_Copy(&links[n_links], newInstance)) == MI_RESULT_OK)
        r = Demo_FooDependency_Post(context, &links[n_links++]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Demo_FooDependency_ModifyInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *modifiedInstance,
                                               const MI_PropertySet *propertySet)
{
    Demo_FooDependency copy;
    int i;
    MI_Result r = MI_RESULT_NOT_FOUND;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(modifiedInstance);
    if (i >= 0 && (r = Demo_FooDependency_Copy(&copy, modifiedInstance)) == MI_RESULT_OK) {
        Demo_FooDependency_Destruct(&links[i]);
        links[i] = copy;
        r = Demo_FooDependency_Post(context, &links[i]);
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Demo_FooDependency_DeleteInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *instanceName)
{
    int i;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    pthread_mutex_lock(&lock);
    i = find(instanceName);
    if (i >= 0) {
        Demo_FooDependency_Destruct(&links[i]);
        links[i] = links[--n_links];
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}

/* The InstanceID of the instance a request names. */
static const MI_Char *name_id(const MI_Instance *inst)
{
    MI_ConstReferenceField f;
    f.value = inst;
    f.exists = MI_TRUE;
    f.flags = 0;
    return ref_id(&f);
}

/* Posts, for each link that has the thing named at an end (the end role names, when given),
 * the link itself (refs) or the thing at its other end (the reference's keys). */
static void walk(MI_Context *context, const MI_Instance *instanceName, const MI_Char *role,
                 int refs)
{
    const MI_Char *id = name_id(instanceName);
    size_t i;
    MI_Result r = MI_RESULT_OK;
    pthread_mutex_lock(&lock);
    for (i = 0; i < n_links && r == MI_RESULT_OK; i++) {
        int ante = same(ref_id(&links[i].Antecedent), id);
        int dep = same(ref_id(&links[i].Dependent), id);
        if (role && role[0]) {
            ante = ante && strcmp(role, "Antecedent") == 0;
            dep = dep && strcmp(role, "Dependent") == 0;
        }
        if (!ante && !dep)
            continue;
        if (refs)
            r = Demo_FooDependency_Post(context, &links[i]);
        else
            r = MI_Context_PostInstance(context, ante ? links[i].Dependent.value
                                                      : links[i].Antecedent.value);
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Demo_FooDependency_AssociatorInstances(
    Demo_FooDependency_Self *self, MI_Context *context, const MI_Char *nameSpace,
    const MI_Char *className, const MI_Instance *instanceName, const MI_Char *resultClass,
    const MI_Char *role, const MI_Char *resultRole, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(resultClass);
    MI_UNREFERENCED_PARAMETER(resultRole);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    walk(context, instanceName, role, 0);
}

void MI_CALL Demo_FooDependency_ReferenceInstances(
    Demo_FooDependency_Self *self, MI_Context *context, const MI_Char *nameSpace,
    const MI_Char *className, const MI_Instance *instanceName, const MI_Char *role,
    const MI_PropertySet *propertySet, MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    walk(context, instanceName, role, 1);
}
