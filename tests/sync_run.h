/* SPDX-License-Identifier: MIT */
/* tests/sync_run.h: an MI operation run synchronously to its end, as the suites that drive
 * libmofbind through the MI API read it: the final result and message, how many instances came,
 * a clone of the first (when asked), each instance handed to a callback (when given), and the
 * error details' CIMStatusCode and Message. A suite asserts what it expects of them. Included
 * by one test program each (static functions). */
#ifndef MOFBIND_SYNC_RUN_H
#define MOFBIND_SYNC_RUN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mofbind/mi.h>

typedef struct sync_outcome {
    MI_Result result;
    char message[512];
    int count;          /* instances */
    MI_Instance *first; /* a clone of the first instance (keep_first), else NULL */
    int details;        /* error details came with the end */
    long cim_status;    /* their CIMStatusCode (a uint32, a uint16 or its text), else -1 */
    MI_Type cim_status_type;
    char details_message[512]; /* their Message */
} sync_outcome;

typedef void (*sync_each_fn)(void *ctx, const MI_Instance *inst);

/* Reads op to its end and closes it; each (may be NULL) sees every instance as it comes. */
static inline sync_outcome sync_run_each(MI_Operation *op, int keep_first, sync_each_fn each,
                                         void *ctx)
{
    sync_outcome o;
    MI_Boolean more = MI_TRUE;
    memset(&o, 0, sizeof o);
    o.cim_status = -1;
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        ck_assert_int_eq(MI_Operation_GetInstance(op, &inst, &more, &r, &msg, &details),
                         MI_RESULT_OK);
        if (inst) {
            if (keep_first && !o.first)
                ck_assert_int_eq(MI_Instance_Clone(inst, &o.first), MI_RESULT_OK);
            if (each)
                each(ctx, inst);
            o.count++;
        }
        if (!more) {
            MI_Value v;
            MI_Type t;
            o.result = r;
            snprintf(o.message, sizeof o.message, "%s", msg ? msg : "");
            o.details = details != NULL;
            if (details && MI_Instance_GetElement(details, "CIMStatusCode", &v, &t, NULL, NULL) ==
                               MI_RESULT_OK) {
                o.cim_status_type = t;
                o.cim_status = t == MI_UINT32   ? (long)v.uint32
                               : t == MI_UINT16 ? (long)v.uint16
                               : t == MI_STRING ? atol(v.string)
                                                : -1;
            }
            if (details &&
                MI_Instance_GetElement(details, "Message", &v, &t, NULL, NULL) == MI_RESULT_OK &&
                t == MI_STRING && v.string)
                snprintf(o.details_message, sizeof o.details_message, "%s", v.string);
        }
    }
    ck_assert_int_eq(MI_Operation_Close(op), MI_RESULT_OK);
    return o;
}

static inline sync_outcome sync_run(MI_Operation *op, int keep_first)
{
    return sync_run_each(op, keep_first, NULL, NULL);
}

static inline void sync_outcome_free(sync_outcome *o)
{
    if (o->first)
        MI_Instance_Delete(o->first);
    o->first = NULL;
}

#endif
