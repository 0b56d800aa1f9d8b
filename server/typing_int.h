/* SPDX-License-Identifier: MIT */
/* server/typing_int.h: what the files of the server's typing (typing.c, decls.c, typing_wire.c,
 * typing_mof.c, typing_key.c) share. Not for the rest of the server: it uses typing.h. */
#ifndef MOFBIND_SERVER_TYPING_INT_H
#define MOFBIND_SERVER_TYPING_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"
#include "typing.h"

#define TY_MAX_DEPTH 16 /* embedded instances and references within each other */

/* A message into msg (when msg is given), the way the server answers with it. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void ty_say(char *msg, size_t len, const char *fmt, ...);

/* A property's MI_Type (arrays flagged) and the MI flags its instances carry (MI_FLAG_KEY). */
MI_Type ty_prop_type(const mof_property *p);
MI_Uint32 ty_prop_flags(const mof_property *p);
/* The class called name in ns; NULL when there is none. */
const mof_class *ty_ns_class(const mof_namespace *ns, const char *name);

/* The declaration of cls, built on first use (decls.c); NULL (a dynamic instance, then)
 * without a cache or when out of memory. */
const MI_ClassDecl *ty_class_decl(srv_decls *c, const mof_class *cls);

/* A value being built for one property: a scalar in v, or an array whose buffer is owned here,
 * plus instances made along the way (deleted after AddElement copied them). */
typedef struct ty_val {
    MI_Value v;
    bool null;
    void *buf;
    MI_Instance **made;
    size_t nmade;
} ty_val;

void ty_val_free(ty_val *tv);
/* Keeps inst with the value, to be deleted with it; -1 when out of memory (inst deleted). */
int ty_keep(ty_val *tv, MI_Instance *inst);
/* Gives the k-th property p of the class its value: by index in a typed instance (made from the
 * class's declaration, so the element is there already), else by adding the element. */
MI_Result ty_put(MI_Instance *inst, const MI_ClassDecl *decl, size_t k, const mof_property *p,
                 ty_val *tv);
MI_Result ty_add(MI_Instance *inst, const mof_property *p, ty_val *tv);
/* ty_put after the value of p was made with result r: a key left NULL is refused when
 * key_required (with the message the server answers); frees tv. Returns the result. */
MI_Result ty_put_checked(MI_Result r, MI_Instance *inst, const MI_ClassDecl *decl, size_t k,
                         const mof_class *cls, const mof_property *p, ty_val *tv, int key_required,
                         char *msg, size_t msglen);
/* A keys-only copy of a typed instance, for reference values. */
MI_Result ty_keys_only(const MI_Instance *src, MI_Instance **out);

/* The value of p from a MOF value (typing_mof.c): class defaults and `instance of`. */
MI_Result ty_mof_value(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                       int depth, ty_val *tv, char *msg, size_t msglen);

#endif
