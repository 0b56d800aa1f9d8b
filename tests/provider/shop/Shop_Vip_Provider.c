/* SPDX-License-Identifier: MIT */
/* tests/provider/shop/Shop_Vip_Provider.c: a provider of the MOF 3 class Shop_Vip
 * (tests/data/mof3), written into the skeleton `mofbind --provider` made, for
 * tests/test_e2e_mof3: its typed entries get the structures as C structs (Home, a structure;
 * Notes, an array of structures each holding a Shop_Date; Sponsors, an array of a local
 * structure), it keeps copies (Shop_Vip_Copy copies them deeply), and Get posts them back
 * (Shop_Vip_Post makes the embedded instances). Create writes into Caption what it read from
 * the structures, for the test to check that the provider saw them typed. Its methods get and
 * give structures as C structs in their typed _In and _Out: Move stores its NewHome, LastVisit
 * returns a Shop_Date (Since), Plan answers what it read from its structure and
 * array-of-structure parameters. Instances live in memory, 16 at most. */
#include <stdio.h>
#include <string.h>

#include "Shop_Vip_Provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Shop_Vip_Provider.h declares them, and change the name here to the one there. */
typedef Shop_Vip_Skeleton_Instances_Move_LastVisit_CountCustomers_Plan Shop_Vip_Skeleton_Check;

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

/* Move: the instance's Home becomes NewHome (a Shop_Address, typed), its Level NewLevel. */
void MI_CALL Shop_Vip_Method_Move(Shop_Vip_Self *self, MI_Context *context,
                                  const MI_Char *nameSpace, const MI_Char *className,
                                  const MI_Char *methodName, const Shop_Vip *instanceName,
                                  const Shop_Customer_Move_In *in)
{
    Shop_Customer_Move_Out out;
    int i = find(instanceName);
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    if (i < 0) {
        MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
        return;
    }
    if (in->NewHome.exists)
        r = Shop_Vip_Set_Home(&self->vips[i], &in->NewHome.value);
    if (r == MI_RESULT_OK && in->NewLevel.exists)
        r = Shop_Vip_Set_Level(&self->vips[i], (Shop_Vip_VipLevelKind)in->NewLevel.value);
    memset(&out, 0, sizeof out);
    out.MIReturn.value = r == MI_RESULT_OK ? Shop_ResultCode_Ok : Shop_ResultCode_Failed;
    out.MIReturn.exists = MI_TRUE;
    MI_Context_PostResult(context, Shop_Vip_Move_Post(context, &out));
}

/* LastVisit: the instance's Since, a Shop_Date, as the method's return. */
void MI_CALL Shop_Vip_Method_LastVisit(Shop_Vip_Self *self, MI_Context *context,
                                       const MI_Char *nameSpace, const MI_Char *className,
                                       const MI_Char *methodName, const Shop_Vip *instanceName)
{
    Shop_Customer_LastVisit_Out out;
    int i = find(instanceName);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    if (i < 0) {
        MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
        return;
    }
    /* The out struct borrows the instance's Since: _Post only reads it (no _Out_Destruct). */
    memset(&out, 0, sizeof out);
    out.MIReturn = self->vips[i].Since;
    MI_Context_PostResult(context, Shop_Vip_LastVisit_Post(context, &out));
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

/* Plan: what it read from its typed IN parameters comes back in its OUT ones: Branch's City
 * names the count of Offers, the first one's Name and From's Year; Kept holds a Note per offer
 * (4 at most; Text the offer's Name, Written From); Line is the IN Line with a 0 added to its
 * Number. MIReturn: Failed when there are no offers. */
void MI_CALL Shop_Vip_Method_Plan(Shop_Vip_Self *self, MI_Context *context,
                                  const MI_Char *nameSpace, const MI_Char *className,
                                  const MI_Char *methodName, const Shop_Vip *instanceName,
                                  const Shop_Vip_Plan_In *in)
{
    Shop_Vip_Plan_Out out;
    Shop_Customer_Note kept[4];
    MI_Uint8 number[32];
    char city[160];
    MI_Uint32 i, n = in->Offers.exists ? in->Offers.value.size : 0, nn = 0;
    const Shop_Vip_Sponsor *offers = in->Offers.value.data;
    MI_Result r = MI_RESULT_OK;
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(self);
    if (find(instanceName) < 0) {
        MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
        return;
    }
    memset(&out, 0, sizeof out);
    snprintf(city, sizeof city, "offers=%u first=%s year=%u", (unsigned)n,
             n && offers[0].Name.exists ? offers[0].Name.value : "-",
             in->From.exists && in->From.value.Year.exists ? (unsigned)in->From.value.Year.value
                                                           : 0u);
    Shop_Address_Init(&out.Branch.value);
    r = Shop_Address_Set_City(&out.Branch.value, city);
    out.Branch.exists = MI_TRUE;
    if (n > 4)
        n = 4;
    for (i = 0; i < n; i++) {
        Shop_Customer_Note_Init(&kept[i]);
        if (r == MI_RESULT_OK && offers[i].Name.exists)
            r = Shop_Customer_Note_Set_Text(&kept[i], offers[i].Name.value);
        if (r == MI_RESULT_OK && in->From.exists)
            r = Shop_Customer_Note_Set_Written(&kept[i], &in->From.value);
    }
    /* kept is the out struct's, borrowed (not owned: _Out_Destruct leaves the array alone). */
    out.Kept.value.data = kept;
    out.Kept.value.size = n;
    out.Kept.exists = MI_TRUE;
    if (in->Line.exists) {
        const Shop_Phone *l = &in->Line.value;
        if (l->Number.exists && l->Number.value.size < sizeof number) {
            nn = l->Number.value.size;
            memcpy(number, l->Number.value.data, nn);
        }
        number[nn++] = 0;
        Shop_Phone_Init(&out.Line.value);
        if (r == MI_RESULT_OK && l->AreaCode.exists)
            r = Shop_Phone_Set_AreaCode(&out.Line.value, l->AreaCode.value.data,
                                        l->AreaCode.value.size);
        if (r == MI_RESULT_OK)
            r = Shop_Phone_Set_Number(&out.Line.value, number, nn);
        out.Line.exists = MI_TRUE;
    }
    out.MIReturn.value = n ? Shop_ResultCode_Ok : Shop_ResultCode_Failed;
    out.MIReturn.exists = MI_TRUE;
    if (r == MI_RESULT_OK)
        r = Shop_Vip_Plan_Post(context, &out);
    Shop_Vip_Plan_Out_Destruct(&out);
    for (i = 0; i < n; i++)
        Shop_Customer_Note_Destruct(&kept[i]);
    MI_Context_PostResult(context, r);
}
