/* SPDX-License-Identifier: MIT */
/* examples/provider/Demo_FooDependency_Provider.c: the demo's provider of the association
 * Demo_FooDependency (schemas/demo.mof), written into the skeleton `mofbind --provider` made:
 * links between two Win32_Foo that exist, kept in memory; References and Associators answer
 * from them. */
#include <stdio.h>
#include <string.h>

#include "Demo_FooDependency_Provider.h"
#include "demo_provider.h"
#include "demo_store.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Demo_FooDependency_Provider.h declares them, and change the name here to the one
 * there. */
typedef Demo_FooDependency_Skeleton_Association Demo_FooDependency_Skeleton_Check;

#define MAX_LINKS 256

struct Demo_FooDependency_Self {
    int unused;
};

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

/* A link is known by its two ends. */
static int same_keys(const void *a, const void *b)
{
    const Demo_FooDependency *x = (const Demo_FooDependency *)a;
    const Demo_FooDependency *y = (const Demo_FooDependency *)b;
    return same(ref_id(&x->Antecedent), ref_id(&y->Antecedent)) &&
           same(ref_id(&x->Dependent), ref_id(&y->Dependent));
}
static MI_Result copy(void *dst, const void *src)
{
    return Demo_FooDependency_Copy((Demo_FooDependency *)dst, (const Demo_FooDependency *)src);
}
static void destruct(void *x)
{
    Demo_FooDependency_Destruct((Demo_FooDependency *)x);
}
static MI_Result post(MI_Context *context, const void *x)
{
    return Demo_FooDependency_Post(context, (const Demo_FooDependency *)x);
}

static Demo_FooDependency links[MAX_LINKS + 1];
static demo_store store = DEMO_STORE(links, MAX_LINKS, same_keys, copy, destruct, post);

void MI_CALL Demo_FooDependency_Load(Demo_FooDependency_Self **self, MI_Module_Self *selfModule,
                                     MI_Context *context)
{
    static Demo_FooDependency_Self state;
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = &state;
    /* The links live in this library's memory: this class's provider must not be unloaded
     * when idle (each class provider refuses for itself, as in OMI). */
    MI_Context_RefuseUnload(context);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Demo_FooDependency_Unload(Demo_FooDependency_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    demo_store_clear(&store);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Demo_FooDependency_EnumerateInstances(Demo_FooDependency_Self *self,
                                                   MI_Context *context, const MI_Char *nameSpace,
                                                   const MI_Char *className,
                                                   const MI_PropertySet *propertySet,
                                                   MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_Context_PostResult(context, demo_store_post_all(&store, context));
}

/* A result; NOT_FOUND says so in a message. */
static void answer(MI_Context *context, MI_Result r)
{
    if (r == MI_RESULT_NOT_FOUND)
        MI_Context_PostError(context, MI_RESULT_NOT_FOUND, MI_RESULT_TYPE_MI,
                             "no such Demo_FooDependency");
    else
        MI_Context_PostResult(context, r);
}

void MI_CALL Demo_FooDependency_GetInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const Demo_FooDependency *instanceName,
                                            const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    answer(context, demo_store_get(&store, context, instanceName));
}

void MI_CALL Demo_FooDependency_CreateInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *newInstance)
{
    const MI_Char *a = ref_id(&newInstance->Antecedent), *d = ref_id(&newInstance->Dependent);
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (!a || !d || !demo_foo_exists(a) || !demo_foo_exists(d)) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             "a Demo_FooDependency links two Win32_Foo that exist");
        return;
    }
    MI_Context_PostResult(context, demo_store_add(&store, context, newInstance));
}

void MI_CALL Demo_FooDependency_ModifyInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *modifiedInstance,
                                               const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, demo_store_replace(&store, context, modifiedInstance));
}

void MI_CALL Demo_FooDependency_DeleteInstance(Demo_FooDependency_Self *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const Demo_FooDependency *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_Context_PostResult(context, demo_store_remove(&store, instanceName));
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

/* A walk over the links from the thing named: what it posts. */
typedef struct walk_ctx {
    MI_Context *context;
    const MI_Char *id, *role;
    int refs;
} walk_ctx;

/* For a link that has the thing at an end (the end role names, when given), posts the link
 * itself (refs) or the thing at its other end (the reference's keys). */
static MI_Result walk_one(void *ctx, const void *x)
{
    const walk_ctx *w = (const walk_ctx *)ctx;
    const Demo_FooDependency *link = (const Demo_FooDependency *)x;
    int ante = same(ref_id(&link->Antecedent), w->id);
    int dep = same(ref_id(&link->Dependent), w->id);
    if (w->role && w->role[0]) {
        ante = ante && strcmp(w->role, "Antecedent") == 0;
        dep = dep && strcmp(w->role, "Dependent") == 0;
    }
    if (!ante && !dep)
        return MI_RESULT_OK;
    if (w->refs)
        return Demo_FooDependency_Post(w->context, link);
    return MI_Context_PostInstance(w->context,
                                   ante ? link->Dependent.value : link->Antecedent.value);
}

static void walk(MI_Context *context, const MI_Instance *instanceName, const MI_Char *role,
                 int refs)
{
    walk_ctx w;
    w.context = context;
    w.id = name_id(instanceName);
    w.role = role;
    w.refs = refs;
    MI_Context_PostResult(context, demo_store_each(&store, walk_one, &w));
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
