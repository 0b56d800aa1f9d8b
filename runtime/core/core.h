/* SPDX-License-Identifier: MIT */
/* runtime/core/core.h: private interface of libcore, the instance and value core shared by
 * libmofbind (the client) and mofbind-server. Not installed.
 *
 * Ownership follows mi.h: an instance made here is a heap instance freed with
 * MI_Instance_Delete. Threads: no shared state; one instance belongs to one thread at a time.
 */
#ifndef MOFBIND_MICORE_H
#define MOFBIND_MICORE_H

#include <mofbind/mi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Out of memory, as the MI API reports it (OMI's usage): MI_RESULT_SERVER_LIMITS_EXCEEDED. */
#define MIC_RESULT_NOMEM MI_RESULT_SERVER_LIMITS_EXCEEDED

/* A new heap instance, what MI_Application_NewInstance gives: className may be NULL when decl
 * is given (the decl's name is used). With decl, one NULL element per declared property,
 * typed and flagged as declared; without, a dynamic instance that grows with AddElement.
 * Errors: INVALID_PARAMETER (no name, bad name, NULL out), FAILED (out of memory). */
MI_Result mic_instance_new(const MI_Char *className, const MI_ClassDecl *decl, MI_Instance **out);

/* An MI_Application whose FT offers NewInstance (and NewParameterSet) only; the other entries
 * return MI_RESULT_NOT_SUPPORTED. For code that links libcore without the client (the
 * server, codec tests). Close is a no-op returning MI_RESULT_OK. */
void mic_application_core(MI_Application *app);

/* The wsman codec's new_instance hook over mic_instance_new (ctx unused). */
MI_Result mic_new_instance_hook(void *ctx, const MI_Char *className, const MI_ClassDecl *decl,
                                MI_Instance **out);

/* Deep copy of a value of `type` (strings duplicated, instances cloned, arrays copied);
 * dst is zeroed first and left zeroed on failure (INVALID_PARAMETER, FAILED). */
MI_Result mic_value_copy(MI_Type type, const MI_Value *src, MI_Value *dst);

/* Frees what mic_value_copy made (or what MI_FLAG_ADOPT handed over) and zeroes v. */
void mic_value_free(MI_Type type, MI_Value *v);

/* The core application's function table (see mic_application_core). */
extern const MI_ApplicationFT mic_core_application_ft;

/* Its entries for what neither libcore nor libmofbind offers: MI_RESULT_NOT_SUPPORTED, out
 * parameters cleared. libmofbind's application table uses them too. */
MI_Result MI_CALL mic_app_NewHostedProvider(MI_Application *a, const MI_Char *n, const MI_Char *p,
                                            MI_MainFunction m, MI_Instance **e,
                                            MI_HostedProvider *h);
MI_Result MI_CALL mic_app_NewSubscriptionDeliveryOptions(MI_Application *a,
                                                         MI_SubscriptionDeliveryType t,
                                                         MI_SubscriptionDeliveryOptions *o);
MI_Result MI_CALL mic_app_NewSerializer(MI_Application *a, MI_Uint32 f, MI_Char *fmt,
                                        MI_Serializer *s);
MI_Result MI_CALL mic_app_NewDeserializer(MI_Application *a, MI_Uint32 f, MI_Char *fmt,
                                          MI_Deserializer *s);
MI_Result MI_CALL mic_app_NewInstanceFromClass(MI_Application *a, const MI_Char *n,
                                               const MI_Class *c, MI_Instance **i);
MI_Result MI_CALL mic_app_NewClass(MI_Application *a, const MI_ClassDecl *d, const MI_Char *n,
                                   const MI_Char *s, MI_Class **c);

/* The generated declaration an instance was made from (NULL for a dynamic instance of ours;
 * classDecl for an instance made elsewhere). */
const MI_ClassDecl *mic_instance_decl(const MI_Instance *a);

/* Whether that declaration lives only as long as a (an instance of ours made by
 * NewInstanceFromClass holds its class): who keeps the declaration keeps a, or a copy. */
int mic_instance_decl_held(const MI_Instance *a);

/* The storage of one element of type t (the array bit ignored): its C size for numbers,
 * char16 and datetime, the size of a pointer for strings, references and instances. */
size_t mic_scalar_size(MI_Type t);

/* ---- class objects (class.c) -------------------------------------------------------------- */

/* The memory of one MI_ClassDecl being built at run time (its decls, arrays, names, values):
 * every allocation is zeroed and freed with the builder. NULL when out of memory. */
typedef struct mic_classdef mic_classdef;
mic_classdef *mic_classdef_new(void);
void *mic_classdef_alloc(mic_classdef *d, size_t size);
char *mic_classdef_strdup(mic_classdef *d, const char *s);
/* *out gets a copy in d of the value src points at, of the C type of type (a declaration's
 * `const void *value`: NULL, no value, gives NULL), strings, arrays and instances copied too
 * and freed with d. 0, or -1 when out of memory or type is not an MI_Type. */
int mic_classdef_value(mic_classdef *d, MI_Uint32 type, const void *src, const void **out);
void mic_classdef_free(mic_classdef *d);

/* The class object of decl, which lives in def (adopted, also on failure), with copies of the
 * namespace and server names (either may be NULL). Free it with MI_Class_Delete. Errors:
 * INVALID_PARAMETER (no decl or name), SERVER_LIMITS_EXCEEDED (out of memory). */
MI_Result mic_class_new(mic_classdef *def, MI_ClassDecl *decl, const MI_Char *ns,
                        const MI_Char *server, MI_Class **out);
/* Makes parent the superclass of c (c's declaration then points at parent's; c keeps parent's
 * class alive). Only before c is handed to anyone: class objects are immutable afterwards. */
MI_Result mic_class_set_parent(MI_Class *c, const MI_Class *parent);
/* The class object of decl, which the caller keeps for as long as the class lives (a
 * generated declaration), with copies of the names; its superClassDecl chain gives
 * GetParentClass. What MI_Instance_GetClass gives for a typed instance. Errors: INVALID_PARAMETER,
 * SERVER_LIMITS_EXCEEDED (out of memory). */
MI_Result mic_class_borrow(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                           MI_Class **out);
/* The class object of a deep copy of decl and of its superclasses' declarations (names,
 * qualifiers, properties with their defaults, methods and parameters; the function pointers
 * as they are; not the schema), which the class owns: decl may go once it returns. What
 * MI_Application_NewClass gives. Errors as mic_class_borrow. */
MI_Result mic_class_copy(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                         MI_Class **out);
/* A class object over a copy of decl's name (or name, when not NULL) and properties (names,
 * types, flags, reference class; no qualifiers, values or methods): the class of a dynamic
 * instance, whose declaration changes and goes with it. Errors as mic_class_borrow. */
MI_Result mic_class_snapshot(const MI_ClassDecl *decl, const MI_Char *name, const MI_Char *ns,
                             const MI_Char *server, MI_Class **out);
/* 1 when c is a class object made by libcore. */
int mic_class_is_ours(const MI_Class *c);

/* 1 when a is an MI_Instance made by libcore (its ft is ours). */
int mic_is_ours(const MI_Instance *a);

#ifdef __cplusplus
}
#endif

#endif /* MOFBIND_MICORE_H */
