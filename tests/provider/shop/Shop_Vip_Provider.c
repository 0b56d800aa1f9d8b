/* SPDX-License-Identifier: MIT */
/* tests/provider/shop/Shop_Vip_Provider.c: a provider of the MOF 3 class Shop_Vip
 * (tests/data/mof3), written into the skeleton `mofbind --provider` made, for
 * tests/test_e2e_mof3: its typed entries get the structures as C structs (Home, a structure;
 * Notes, an array of structures each holding a Shop_Date; Sponsors, an array of a local
 * structure), it keeps copies (Shop_Vip_Copy copies them deeply), and Get posts them back
 * (Shop_Vip_Post makes the embedded instances). Create writes into Caption what it read from
 * the structures, for the test to check that the provider saw them typed. Instances live in
 * memory, 16 at most. */
#include <stdio.h>
#include <string.h>

#include "Shop_Vip_Provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Shop_Vip_Provider.h declares them, and change the name here to the one there. */
typedef Shop_Vip_Skeleton_Instances_Move_LastVisit_CountCustomers Shop_Vip_Skeleton_Check;

#define MAX_VIPS 16

struct Shop_Vip_Self {
    Shop_Vip vips[MAX_VIPS];
    int n;
};

static Shop_Vip_Self state;

static int find(const Shop_Vip *key)
{
    int i;
    for (i = 0; key->InstanceID.exists && i < state.n; i++)
        if (strcmp(state.vips[i].InstanceID.value, key->InstanceID.value) == 0)
            return i;
    return -1;
}

void MI_CALL Shop_Vip_Load(Shop_Vip_Self **self, MI_Module_Self *selfModule, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = &state;
    MI_Context_RefuseUnload(context); /* the instances are in this library's memory */
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Shop_Vip_Unload(Shop_Vip_Self *self, MI_Context *context)
{
    while (self->n > 0)
        Shop_Vip_Destruct(&self->vips[--self->n]);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Shop_Vip_EnumerateInstances(Shop_Vip_Self *self, MI_Context *context,
                                         const MI_Char *nameSpace, const MI_Char *className,
                                         const MI_PropertySet *propertySet, MI_Boolean keysOnly,
                                         const MI_Filter *filter)
{
    MI_Result r = MI_RESULT_OK;
    int i;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    for (i = 0; i < self->n && r == MI_RESULT_OK; i++)
        r = Shop_Vip_Post(context, &self->vips[i]);
    MI_Context_PostResult(context, r);
}

void MI_CALL Shop_Vip_GetInstance(Shop_Vip_Self *self, MI_Context *context,
                                  const MI_Char *nameSpace, const MI_Char *className,
                                  const Shop_Vip *instanceName, const MI_PropertySet *propertySet)
{
    int i = find(instanceName);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context,
                          i < 0 ? MI_RESULT_NOT_FOUND : Shop_Vip_Post(context, &self->vips[i]));
}

void MI_CALL Shop_Vip_CreateInstance(Shop_Vip_Self *self, MI_Context *context,
                                     const MI_Char *nameSpace, const MI_Char *className,
                                     const Shop_Vip *newInstance)
{
    Shop_Vip *v;
    char seen[200];
    const Shop_Vip *x = newInstance;
    MI_Result r;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (!x->InstanceID.exists || find(x) >= 0 || self->n == MAX_VIPS) {
        MI_Context_PostResult(context, MI_RESULT_ALREADY_EXISTS);
        return;
    }
    v = &self->vips[self->n];
    r = Shop_Vip_Copy(v, x);
    if (r != MI_RESULT_OK) {
        MI_Context_PostResult(context, r);
        return;
    }
    self->n++;
    /* What the typed entry got, read from the C structs. */
    snprintf(seen, sizeof seen, "home=%s notes=%u second=%s/%u sponsors=%u first=%s",
             x->Home.exists && x->Home.value.City.exists ? x->Home.value.City.value : "-",
             x->Notes.exists ? (unsigned)x->Notes.value.size : 0u,
             x->Notes.exists && x->Notes.value.size > 1 && x->Notes.value.data[1].Text.exists
                 ? x->Notes.value.data[1].Text.value
                 : "-",
             x->Notes.exists && x->Notes.value.size > 1 && x->Notes.value.data[1].Written.exists
                 ? (unsigned)x->Notes.value.data[1].Written.value.Year.value
                 : 0u,
             x->Sponsors.exists ? (unsigned)x->Sponsors.value.size : 0u,
             x->Sponsors.exists && x->Sponsors.value.size && x->Sponsors.value.data[0].Name.exists
                 ? x->Sponsors.value.data[0].Name.value
                 : "-");
    r = Shop_Vip_Set_Caption(v, seen);
    MI_Context_PostResult(context, r);
}

void MI_CALL Shop_Vip_ModifyInstance(Shop_Vip_Self *self, MI_Context *context,
                                     const MI_Char *nameSpace, const MI_Char *className,
                                     const Shop_Vip *modifiedInstance,
                                     const MI_PropertySet *propertySet)
{
    int i = find(modifiedInstance);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, i < 0 ? MI_RESULT_NOT_FOUND : MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Shop_Vip_DeleteInstance(Shop_Vip_Self *self, MI_Context *context,
                                     const MI_Char *nameSpace, const MI_Char *className,
                                     const Shop_Vip *instanceName)
{
    int i = find(instanceName);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    if (i < 0) {
        MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
        return;
    }
    Shop_Vip_Destruct(&self->vips[i]);
    self->vips[i] = self->vips[--self->n];
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Shop_Vip_Method_Move(Shop_Vip_Self *self, MI_Context *context,
                                  const MI_Char *nameSpace, const MI_Char *className,
                                  const MI_Char *methodName, const Shop_Vip *instanceName,
                                  const Shop_Customer_Move_In *in)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(in);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Shop_Vip_Method_LastVisit(Shop_Vip_Self *self, MI_Context *context,
                                       const MI_Char *nameSpace, const MI_Char *className,
                                       const MI_Char *methodName, const Shop_Vip *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Shop_Vip_Method_CountCustomers(Shop_Vip_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_Char *methodName, const Shop_Vip *instanceName,
                                            const Shop_Customer_CountCustomers_In *in)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(in);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}
