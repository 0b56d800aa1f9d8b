/* SPDX-License-Identifier: MIT */
/* examples/provider/Win32_Foo_Provider.c: the demo's provider of Win32_Foo (schemas/demo.mof),
 * written into the skeleton `mofbind --provider` made: the things live in memory (one seeded
 * at Load, as demo.mof's `instance of` declares it), and the methods Reset and Attach answer
 * with their typed _Out structs. The errors it posts reach the client as faults with these
 * messages. */
#include <stdio.h>
#include <string.h>

#include "Win32_Foo_Provider.h"
#include "demo_provider.h"
#include "demo_store.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Win32_Foo_Provider.h declares them, and change the name here to the one there. */
typedef Win32_Foo_Skeleton_Instances_Reset_Attach Win32_Foo_Skeleton_Check;

#define MAX_FOOS 256

struct Win32_Foo_Self {
    int unused; /* the store is Demo_FooDependency's provider's too (demo_provider.h) */
};

static int same_keys(const void *a, const void *b)
{
    const Win32_Foo *x = (const Win32_Foo *)a, *y = (const Win32_Foo *)b;
    return x->InstanceID.exists && y->InstanceID.exists &&
           strcmp(x->InstanceID.value, y->InstanceID.value) == 0;
}
static MI_Result copy(void *dst, const void *src)
{
    return Win32_Foo_Copy((Win32_Foo *)dst, (const Win32_Foo *)src);
}
static void destruct(void *x)
{
    Win32_Foo_Destruct((Win32_Foo *)x);
}
static MI_Result post(MI_Context *context, const void *x)
{
    return Win32_Foo_Post(context, (const Win32_Foo *)x);
}

static Win32_Foo foos[MAX_FOOS + 1];
static demo_store store = DEMO_STORE(foos, MAX_FOOS, same_keys, copy, destruct, post);

int demo_foo_exists(const MI_Char *id)
{
    Win32_Foo keys;
    Win32_Foo_Init(&keys);
    return id && Win32_Foo_SetPtr_InstanceID(&keys, id) == MI_RESULT_OK &&
           demo_store_has(&store, &keys);
}

/* A result, NOT_FOUND with a message naming the thing asked for. */
static void answer(MI_Context *context, MI_Result r, const Win32_Foo *keys)
{
    char msg[200];
    if (r != MI_RESULT_NOT_FOUND) {
        MI_Context_PostResult(context, r);
        return;
    }
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
    (void)demo_store_add(&store, NULL, &seed); /* (kept from an earlier Load: nothing) */
    *self = &state;
    /* The instances live in this library's memory: it must not be unloaded when idle. */
    MI_Context_RefuseUnload(context);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Win32_Foo_Unload(Win32_Foo_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    demo_store_clear(&store);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Win32_Foo_EnumerateInstances(Win32_Foo_Self *self, MI_Context *context,
                                          const MI_Char *nameSpace, const MI_Char *className,
                                          const MI_PropertySet *propertySet, MI_Boolean keysOnly,
                                          const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    if (propertySet) {
        /* The properties the client asked for (a WQL select list): a provider whose
         * properties are costly to read may read only these (the server leaves out the
         * others anyway). This one only says which they are, in the server's log. */
        char line[200] = "Enumerate asked for";
        MI_Uint32 i, n = 0;
        const MI_Char *name;
        MI_PropertySet_GetElementCount(propertySet, &n);
        for (i = 0; i < n && MI_PropertySet_GetElementAt(propertySet, i, &name) == MI_RESULT_OK;
             i++)
            snprintf(line + strlen(line), sizeof line - strlen(line), " %s", name);
        MI_Context_WriteVerbose(context, line);
    }
    MI_Context_PostResult(context, demo_store_post_all(&store, context));
}

void MI_CALL Win32_Foo_GetInstance(Win32_Foo_Self *self, MI_Context *context,
                                   const MI_Char *nameSpace, const MI_Char *className,
                                   const Win32_Foo *instanceName, const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    answer(context, demo_store_get(&store, context, instanceName), instanceName);
}

void MI_CALL Win32_Foo_CreateInstance(Win32_Foo_Self *self, MI_Context *context,
                                      const MI_Char *nameSpace, const MI_Char *className,
                                      const Win32_Foo *newInstance)
{
    MI_Result r;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (!newInstance->InstanceID.exists || !newInstance->InstanceID.value[0]) {
        MI_Context_PostError(context, MI_RESULT_INVALID_PARAMETER, MI_RESULT_TYPE_MI,
                             "a Win32_Foo needs an InstanceID");
        return;
    }
    r = demo_store_add(&store, context, newInstance);
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
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    answer(context, demo_store_replace(&store, context, modifiedInstance), modifiedInstance);
}

void MI_CALL Win32_Foo_DeleteInstance(Win32_Foo_Self *self, MI_Context *context,
                                      const MI_Char *nameSpace, const MI_Char *className,
                                      const Win32_Foo *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    answer(context, demo_store_remove(&store, instanceName), instanceName);
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
        answer(context, MI_RESULT_NOT_FOUND, instanceName);
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
