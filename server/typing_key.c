/* SPDX-License-Identifier: MIT */
/* server/typing_key.c: the canonical key text of an instance, which identifies it in the
 * repository. See typing.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "resolve.h"
#include "typing.h"
#include "typing_int.h"

/* ---- keys ---------------------------------------------------------------------------------- */

static void key_text(util_buf *b, const MI_Instance *inst, int depth);

/* One value, length-prefixed so that no separator inside a value can confuse two keys. */
static void key_value(util_buf *b, MI_Type t, const MI_Value *v, int depth)
{
    char num[32];
    if (t == MI_STRING) {
        snprintf(num, sizeof num, "s%zu:", strlen(v->string));
        util_buf_putn(b, num, strlen(num));
        util_buf_putn(b, v->string, strlen(v->string));
    } else if (t == MI_REFERENCE || t == MI_INSTANCE) {
        util_buf_putn(b, "r{", 2);
        if (depth < TY_MAX_DEPTH)
            key_text(b, v->reference, depth + 1);
        util_buf_putn(b, "}", 1);
    } else {
        wsman_buf wb;
        util_buf_init(&wb);
        if (wsman_format_scalar(&wb, t, v) != MI_RESULT_OK || wb.failed) {
            util_buf_fail(b);
        } else {
            snprintf(num, sizeof num, "v%zu:", wb.len);
            util_buf_putn(b, num, strlen(num));
            util_buf_putn(b, wb.data ? wb.data : "", wb.len);
        }
        util_buf_free(&wb);
    }
}

static void key_text(util_buf *b, const MI_Instance *inst, int depth)
{
    MI_Uint32 n = 0, i;
    const MI_Char *cn = NULL;
    MI_Instance_GetClassName(inst, &cn);
    if (depth > 0 && cn) {
        util_buf_putn(b, cn, strlen(cn));
        util_buf_putn(b, ":", 1);
    }
    MI_Instance_GetElementCount(inst, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        if (!(f & MI_FLAG_KEY) || (f & MI_FLAG_NULL) || (t & MI_ARRAY))
            continue;
        if (depth == 0) {
            /* Top level: the properties of the class, in its order, always the same names. */
            util_buf_putn(b, name, strlen(name));
        }
        util_buf_putn(b, "=", 1);
        key_value(b, t, &v, depth);
        util_buf_putn(b, ";", 1);
    }
}

MI_Result srv_instance_key(const mof_class *cls, const MI_Instance *inst, char **key)
{
    util_buf b;
    size_t k;
    memset(&b, 0, sizeof b);
    util_buf_putn(&b, "", 0);
    for (k = 0; k < cls->n_all_props; k++) {
        const mof_property *p = cls->all_props[k];
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (!(p->flags & MOF_F_KEY))
            continue;
        if (MI_Instance_GetElement(inst, p->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL)) {
            util_buf_free(&b);
            return MI_RESULT_INVALID_PARAMETER;
        }
        util_buf_putn(&b, p->name, strlen(p->name));
        util_buf_putn(&b, "=", 1);
        key_value(&b, t, &v, 0);
        util_buf_putn(&b, ";", 1);
    }
    if (b.failed) {
        util_buf_free(&b);
        return MI_RESULT_FAILED;
    }
    /* The repository keeps the key with its instance: no more memory than its text. */
    *key = realloc(b.data, b.len + 1);
    if (!*key)
        *key = b.data;
    return MI_RESULT_OK;
}
