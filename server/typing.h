/* SPDX-License-Identifier: MIT */
/* server/typing.h: instances of the schema's classes as mofbind-server stores them, built from
 * what a request carried (values as text, typed here against the resolved class) and from MOF
 * `instance of` declarations (the schemas' and the state file's); and the canonical key text
 * that identifies an instance in the repository.
 *
 * A stored instance is a dynamic MI_Instance (libcore) of the class's name with every
 * property of the class, in the class's order, typed as declared, NULL unless given a value
 * (or a default), key properties flagged MI_FLAG_KEY, its namespace set.
 *
 * Stored instances are typed instances (libcore's, backed by an MI_ClassDecl) when a
 * declaration cache is given: the class's declaration is built once and shared, so an instance
 * holds only its values (a dynamic instance would also hold a copy of every name and a
 * synthesized declaration of its own). The declarations point into the schema: free the cache
 * after every instance made with it and before the schema.
 *
 * Errors are MI_Results the way the server answers them, with a message into msg:
 * INVALID_PARAMETER for a missing or NULL key, a value of the wrong type or out of range;
 * NO_SUCH_PROPERTY for a property the class does not have; FAILED when memory runs out.
 * Threads: the functions only read the schema (and the cache, which locks itself); they may run
 * concurrently. */
#ifndef MOFBIND_SERVER_TYPING_H
#define MOFBIND_SERVER_TYPING_H

#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"
#include "wsman.h"

/* The classes' MI_ClassDecls, built on first use. NULL when out of memory. */
typedef struct srv_decls srv_decls;
srv_decls *srv_decls_new(void);
void srv_decls_free(srv_decls *decls);

/* "a" or "an", the article a message puts before word (a class or type name). */
const char *srv_article(const char *word);

/* From a body instance decoded without a class declaration (MI_STRING / MI_STRINGA elements,
 * MI_REFERENCE, MI_INSTANCE, NULLs). Properties absent from `wire` take their value in base
 * when given (Put: the stored instance), else the class default, else NULL. With base (a
 * Put), a Required property set to NULL is INVALID_PARAMETER, as is a NULL key always. decls may be
 * NULL (a dynamic instance); embedded instances are always dynamic. */
MI_Result srv_type_instance(const mof_class *cls, srv_decls *decls, const MI_Instance *wire,
                            const MI_Instance *base, MI_Instance **out, char *msg, size_t msglen);

/* From a resolved MOF instance declaration; decls as above. */
MI_Result srv_mof_instance(const mof_instance *mi, srv_decls *decls, MI_Instance **out, char *msg,
                           size_t msglen);

/* A keys-only instance of cls from a request's selectors (every key required, no other
 * selector allowed, values typed as the keys are). */
MI_Result srv_selector_instance(const mof_class *cls, const wsman_selector *sel, size_t nsel,
                                MI_Instance **out, char *msg, size_t msglen);

/* The keys-only instance of class rc that a reference read from the wire names (its selectors
 * as strings, or nested references), typed as srv_selector_instance types them. */
MI_Result srv_ref_keys(const mof_class *rc, const MI_Instance *ref, MI_Instance **out, char *msg,
                       size_t msglen);

/* The canonical text of the key values of inst (an instance made above), malloc'd into *key.
 * Two instances of one class have the same key text exactly when their keys are equal. */
MI_Result srv_instance_key(const mof_class *cls, const MI_Instance *inst, char **key);

/* The IN parameters of method m from a decoded _INPUT instance (strings), typed; and a fresh
 * output instance with the OUT parameters and ReturnValue, all NULL. */
MI_Result srv_type_params(const mof_method *m, const MI_Instance *wire, MI_Instance **out,
                          char *msg, size_t msglen);
MI_Result srv_new_output(const mof_method *m, MI_Instance **out);

#endif
