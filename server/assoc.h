/* SPDX-License-Identifier: MIT */
/* server/assoc.h: associators and references of an instance, from the association instances in
 * mofbind-server's repository: what a WS-Man Enumerate with DSP0227's association filter asks
 * (MI_Session_AssociatorInstances / ReferenceInstances on the client).
 *
 * Semantics (DSP0004 / DSP0200's Associators and References): an association instance (of a
 * class qualified Association, in the source's namespace) refers to the source when one of its
 * references names the source's class, a subclass or superclass of it, with the same keys.
 * References yields those association instances; Associators yields the instances their other
 * references name (those stored in the repository, or by reference those of classes served
 * elsewhere). Filters, each optional and case-insensitive:
 * the association's class (deep: its subclasses too), the result's class (deep), the role (the
 * name of the reference naming the source) and the result role (the name of the reference
 * naming the result). Each result comes once, in repository order.
 *
 * Threads: the caller holds the repository's lock (read is enough) around srv_assoc_collect. */
#ifndef MOFBIND_SERVER_ASSOC_H
#define MOFBIND_SERVER_ASSOC_H

#include <stdbool.h>
#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"
#include "repo.h"

typedef struct srv_assoc_query {
    const mof_namespace *ns;
    const MI_Instance *source; /* as read from the filter: class name and keys (strings) */
    bool references;
    const char *assoc_class, *result_class, *role, *result_role; /* NULL: any */
    /* The source's class is a provider's: the source is not in the repository (its absence
     * there is no NOT_FOUND), yet associations there may name it. */
    bool source_elsewhere;
    /* Classes whose instances are not in the repository (a provider's), or NULL: none. An
     * Associators result an association there names of such a class is given by reference
     * (srv_assoc_collect's far), for the caller to read where it lives. */
    bool (*elsewhere)(void *ctx, const mof_class *cls);
    void *elsewhere_ctx;
} srv_assoc_query;

/* Does the association class assoc have a reference (named role, when given) that can name an
 * instance of src (a reference to src's class, a superclass or a subclass of it)? */
bool srv_assoc_can_name(const mof_namespace *ns, const mof_class *assoc, const mof_class *src,
                        const char *role);

/* Clones of the results into *items (malloc'd array; *n of them), and into *far (the same
 * way; *n_far of them, once each) the references to the results that live elsewhere (see
 * srv_assoc_query; the result class filter is for the caller to apply to what it reads: a
 * reference may name a superclass). Errors, with a message:
 * INVALID_CLASS for a source class the namespace lacks, INVALID_PARAMETER for its keys missing
 * or malformed, or for an association or result class the namespace lacks; NOT_FOUND when the
 * source is not in the repository (unless source_elsewhere); FAILED when memory runs out. */
MI_Result srv_assoc_collect(srv_repo *repo, const srv_assoc_query *q, MI_Instance ***items,
                            size_t *n, MI_Instance ***far, size_t *n_far, char *msg,
                            size_t msglen);

#endif
