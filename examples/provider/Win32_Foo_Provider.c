/* SPDX-License-Identifier: MIT */
/* examples/provider/Win32_Foo_Provider.c: the demo's provider of Win32_Foo (schemas/demo.mof),
 * written into the skeleton `mofbind --provider` made: the things live in memory (one seeded
 * at Load, as demo.mof's `instance of` declares it), and the methods Reset and Attach answer
 * with their typed _Out structs. The errors it posts reach the client as faults with these
 * messages. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "Win32_Foo_Provider.h"
#include "demo_provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Win32_Foo_Provider.h declares them, and change the name here to the one there. */
typedef Win32_Foo_Skeleton_Instances_Reset_Attach Win32_Foo_Skeleton_Check;

#define MAX_FOOS 256

struct Win32_Foo_Self {
    int unused; /* the store is shared with Demo_FooDependency's provider (demo_provider.h) */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Win32_Foo foos[MAX_FOOS];
static size_t n_foos;

/* The index of the thing with this InstanceID, or -1. Called with the lock held. */
static int find(const MI_Char *id)
{
    size_t i;
    for (i = 0; id && i < n_foos; i++)
        if (strcmp(foos[i].InstanceID.value, id) == 0)
            return (int)i;
    return -1;
}

int demo_foo_exists(const MI_Char *id)
{
    int found;
    pthread_mutex_lock(&lock);
    found = find(id) >= 0;
    pthread_mutex_unlock(&lock);
    return found;
}

static void not_found(MI_Context *context, const Win32_Foo *keys)
{
    char msg[200];
    snprintf(msg, sizeof msg, "no Win32_Foo with InstanceID \"%.100s\"",
             keys->InstanceID.exists ? keys->InstanceID.value : "");
    MI_Context_PostError(context, MI_RESULT_NOT_FOUND, MI_RESULT_TYPE_MI, msg);
}

void MI_CALL Win32_Foo_Load(Win32_Foo_Self **self, MI_Module_Self *selfModule, MI_Context *context)
{
    static Win32_Foo_Self state;
    static const MI_Char *const tags[] = {"initial", "from-provider"};
    Win32_Foo seed;
    MI_UNREFERENCED_PARAMETER(selfModule);
    Win32_Foo_Init(&seed);
    Win32_Foo_SetPtr_InstanceID(&seed, "seed");
    Win32_Foo_SetPtr_Name(&seed, "The seed instance");
    Win32_Foo_Set_Enabled(&seed, MI_TRUE);
    Win32_Foo_Set_Count(&seed, 1);
    Win32_Foo_SetPtr_Tags(&seed, tags, 2);
    pthread_mutex_lock(&lock);
    if (n_foos == 0 && Win32_Foo_Copy(&foos[0], &seed) == MI_RESULT_OK)
        n_foos = 1;
    pthread_mutex_unlock(&lock);
    *self = &state;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Win32_Foo_Unload(Win32_Foo_Self *self, MI_Context *context)
{
    size_t i;
    MI_UNREFERENCED_PARAMETER(self);
    pthread_mutex_lock(&lock);
    for (i = 0; i < n_foos; i++)
        Win32_Foo_Destruct(&foos[i]);
    n_foos = 0;
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Win32_Foo_EnumerateInstances(Win32_Foo_Self *self, MI_Context *context,
                                          const MI_Char *nameSpace, const MI_Char *className,
                                          const MI_PropertySet *propertySet, MI_Boolean keysOnly,
                                          const MI_Filter *filter)
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
    for (i = 0; i < n_foos && r == MI_RESULT_OK; i++)
        r = Win32_Foo_Post(context, &foos[i]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, r);
}

void MI_CALL Win32_Foo_GetInstance(Win32_Foo_Self *self, MI_Context *context,
                                   const MI_Char *nameSpace, const MI_Char *className,
                                   const Win32_Foo *instanceName, const MI_PropertySet *propertySet)
{
    int i;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(instanceName->InstanceID.value);
    if (i >= 0)
        MI_Context_PostResult(context, Win32_Foo_Post(context, &foos[i]));
    pthread_mutex_unlock(&lock);
    if (i < 0)
        not_found(context, instanceName);
}

void MI_CALL Win32_Foo_CreateInstance(Win32_Foo_Self *self, MI_Context *context,
                                      const MI_Char *nameSpace, const MI_Char *className,
                                      const Win32_Foo *newInstance)
{
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (!newInstance->InstanceID.exists || !newInstance->InstanceID.value[0]) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             "a Win32_Foo needs an InstanceID");
        return;
    }
    pthread_mutex_lock(&lock);
    if (find(newInstance->InstanceID.value) >= 0)
        r = MI_RESULT_ALREADY_EXISTS;
    else if (n_foos == MAX_FOOS)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if ((r = Win32_Foo_Copy(&foos[n_foos], newInstance)) == MI_RESULT_OK)
        r = Win32_Foo_Post(context, &foos[n_foos++]);
    pthread_mutex_unlock(&lock);
    if (r == MI_RESULT_ALREADY_EXISTS)
        MI_Context_PostError(context, MI_RESULT_ALREADY_EXISTS, MI_RESULT_TYPE_MI,
                             "a Win32_Foo with this InstanceID exists already");
    else
        MI_Context_PostResult(context, r);
}

void MI_CALL Win32_Foo_ModifyInstance(Win32_Foo_Self *self, MI_Context *context,
                                      const MI_Char *nameSpace, const MI_Char *className,
                                      const Win32_Foo *modifiedInstance,
                                      const MI_PropertySet *propertySet)
{
    Win32_Foo copy;
    int i;
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    pthread_mutex_lock(&lock);
    i = find(modifiedInstance->InstanceID.value);
    if (i >= 0 && (r = Win32_Foo_Copy(&copy, modifiedInstance)) == MI_RESULT_OK) {
        Win32_Foo_Destruct(&foos[i]);
        foos[i] = copy;
        r = Win32_Foo_Post(context, &foos[i]);
    }
    pthread_mutex_unlock(&lock);
    if (i < 0)
        not_found(context, modifiedInstance);
    else
        MI_Context_PostResult(context, r);
}

void MI_CALL Win32_Foo_DeleteInstance(Win32_Foo_Self *self, MI_Context *context,
                                      const MI_Char *nameSpace, const MI_Char *className,
                                      const Win32_Foo *instanceName)
{
    int i;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    pthread_mutex_lock(&lock);
    i = find(instanceName->InstanceID.value);
    if (i >= 0) {
        Win32_Foo_Destruct(&foos[i]);
        foos[i] = foos[--n_foos];
    }
    pthread_mutex_unlock(&lock);
    if (i < 0)
        not_found(context, instanceName);
    else
        MI_Context_PostResult(context, MI_RESULT_OK);
}

/* Reset: Message says what was done, MIReturn is the level; level 13 is refused. */
void MI_CALL Win32_Foo_Method_Reset(Win32_Foo_Self *self, MI_Context *context,
                                    const MI_Char *nameSpace, const MI_Char *className,
                                    const MI_Char *methodName, const Win32_Foo *instanceName,
                                    const Win32_Foo_Reset_In *in)
{
    Win32_Foo_Reset_Out out;
    char msg[160];
    unsigned level = in->Level.exists ? in->Level.value : 0;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    if (!demo_foo_exists(instanceName->InstanceID.value)) {
        not_found(context, instanceName);
        return;
    }
    if (level == 13) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             "level 13 is refused by the demo provider");
        return;
    }
    snprintf(msg, sizeof msg, "reset %.100s to level %u%s", instanceName->InstanceID.value, level,
             in->Force.exists && in->Force.value ? " (forced)" : "");
    memset(&out, 0, sizeof out);
    out.MIReturn.value = level;
    out.MIReturn.exists = MI_TRUE;
    out.Message.value = msg;
    out.Message.exists = MI_TRUE;
    MI_Context_PostResult(context, Win32_Foo_Reset_Post(context, &out));
}

/* The InstanceID of a reference to a Win32_Foo, or "?". */
static const MI_Char *ref_id(const MI_Instance *ref)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    if (ref && MI_Instance_GetElement(ref, "InstanceID", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL))
        return v.string;
    return "?";
}

/* Attach: Count is the number of Labels, Seen the InstanceIDs of Other and the Peers. */
void MI_CALL Win32_Foo_Method_Attach(Win32_Foo_Self *self, MI_Context *context,
                                     const MI_Char *nameSpace, const MI_Char *className,
                                     const MI_Char *methodName, const Win32_Foo *instanceName,
                                     const Win32_Foo_Attach_In *in)
{
    Win32_Foo_Attach_Out out;
    const MI_Char *seen[17];
    MI_Uint32 n = 0, i;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    if (in->Other.exists)
        seen[n++] = ref_id(in->Other.value);
    for (i = 0; in->Peers.exists && i < in->Peers.value.size && n < 17; i++)
        seen[n++] = ref_id(in->Peers.value.data[i]);
    memset(&out, 0, sizeof out);
    out.MIReturn.exists = MI_TRUE;
    out.Count.value = in->Labels.exists ? in->Labels.value.size : 0;
    out.Count.exists = MI_TRUE;
    out.Seen.value.data = seen;
    out.Seen.value.size = n;
    out.Seen.exists = MI_TRUE;
    MI_Context_PostResult(context, Win32_Foo_Attach_Post(context, &out));
}
