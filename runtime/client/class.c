/* SPDX-License-Identifier: MIT */
/* runtime/client/class.c: MI_Session_GetClass and MI_Session_EnumerateClasses over the CIM-XML
 * class resource (WSMAN_URI_CIMXML_SCHEMA), as WinRM and OMI serve it: GetClass is a Get with
 * the __cimnamespace and ClassName selectors, answered by one <CLASS>; EnumerateClasses is an
 * Enumerate of the same resource (ClassName empty for every class, else the base class whose
 * subclasses are wanted), paged with Pull and released as EnumerateInstances is. Both send the
 * options Windows' own client sends (IncludeInheritanceHierarchy, IncludeInheritedElements,
 * IncludeQualifiers); EnumerateClasses adds DeepInheritance (false with
 * MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW: direct subclasses only) and ClassNamesOnly, which
 * mofbind-server honours and other servers may ignore (the classes then come whole).
 *
 * A class's superclass is linked to it (MI_Class_GetParentClass) from the classes the operation
 * has read already, or read with a further Get of the same resource; a superclass that cannot
 * be read leaves the class without one (GetParentClass: MI_RESULT_INVALID_SUPERCLASS) rather
 * than failing the operation. Nothing here blocks: exchange.c runs the requests, the classes
 * read waiting here, in order, until their superclasses are in (mob_class_next). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

#define MOB_CLASS_MAX_DEPTH 64 /* superclasses read for one class */
#define MOB_CLASS_OPTIONS 6

/* A class read, waiting for its superclass. */
typedef struct mob_pending {
    MI_Class *cls;
    MI_Boolean more;
} mob_pending;

/* The classes one operation has read (a handle each), and the request they came with. */
struct mob_class_cache {
    MI_Class **v;
    size_t n, cap;
    wsman_request req; /* the operation's own request (op->req between superclass Gets) */
    wsman_option opts[MOB_CLASS_OPTIONS];
    wsman_option *all; /* the caller's options and ours */
    int names_only;
    /* The classes read, not yet handed over, in order (a ring of cap_pend). */
    mob_pending *pend;
    size_t first, npend, cap_pend;
    /* The superclasses read for the first of them: chain[0] its superclass, chain[k] that of
     * chain[k - 1]; the last is linked first. */
    MI_Class *chain[MOB_CLASS_MAX_DEPTH];
    size_t depth;
    int fetching; /* the Get of the superclass of the last of the chain (or of the first
                   * pending class) is in flight */
    int orphan;   /* ... and it failed: that class goes without its superclass */
};

void mob_class_cache_free(mob_op *op)
{
    struct mob_class_cache *c = op->classes;
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++)
        MI_Class_Delete(c->v[i]);
    for (i = 0; i < c->npend; i++)
        MI_Class_Delete(c->pend[(c->first + i) % c->cap_pend].cls);
    for (i = 0; i < c->depth; i++)
        MI_Class_Delete(c->chain[i]);
    free(c->v);
    free(c->pend);
    free(c->all);
    free(c);
    op->classes = NULL;
}

/* Keeps a handle on cls (a clone) for linking later classes; 0, or -1 when out of memory. */
static int cache_keep(struct mob_class_cache *c, const MI_Class *cls)
{
    MI_Class *h;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        MI_Class **v = (MI_Class **)realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    if (MI_Class_Clone(cls, &h) != MI_RESULT_OK)
        return -1;
    c->v[c->n++] = h;
    return 0;
}

static MI_Class *cache_find(const struct mob_class_cache *c, const char *name)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        if (util_strieq(c->v[i]->classDecl->name, name))
            return c->v[i];
    return NULL;
}

static int cancelled(mob_op *op)
{
    return __atomic_load_n(&op->cancelled, __ATOMIC_ACQUIRE) != 0;
}

int mob_class_take(mob_op *op, MI_Class *cls, MI_Boolean more)
{
    struct mob_class_cache *c = op->classes;
    if (c->npend == c->cap_pend) {
        size_t cap = c->cap_pend ? c->cap_pend * 2 : 16, i;
        mob_pending *v = (mob_pending *)malloc(cap * sizeof *v);
        if (!v) {
            MI_Class_Delete(cls);
            return -1;
        }
        for (i = 0; i < c->npend; i++)
            v[i] = c->pend[(c->first + i) % c->cap_pend];
        free(c->pend);
        c->pend = v;
        c->first = 0;
        c->cap_pend = cap;
    }
    c->pend[(c->first + c->npend) % c->cap_pend].cls = cls;
    c->pend[(c->first + c->npend) % c->cap_pend].more = more;
    c->npend++;
    return 0;
}

int mob_class_fetching(const mob_op *op)
{
    return op->classes && op->classes->fetching;
}

int mob_class_next(mob_op *op)
{
    struct mob_class_cache *c = op->classes;
    while (c && c->npend) {
        mob_pending *head = &c->pend[c->first];
        MI_Class *cls = c->depth ? c->chain[c->depth - 1] : head->cls;
        const char *super = cls->classDecl->superClass;
        MI_Class *p = NULL;
        mob_result *r;
        if (super && !c->names_only && !c->orphan && !(p = cache_find(c, super)) &&
            c->depth < MOB_CLASS_MAX_DEPTH && !cancelled(op)) {
            op->req = c->req;
            op->req.action = WSMAN_ACTION_GET;
            op->req.context = NULL;
            op->req.schema_class = super;
            c->fetching = 1;
            return 1;
        }
        c->orphan = 0;
        if (p)
            mic_class_set_parent(cls, p);
        if (c->depth) {
            /* A superclass read for the classes below it in the chain: kept, so that they
             * (and later classes) find it. */
            MI_Class *child = c->depth > 1 ? c->chain[c->depth - 2] : head->cls;
            if (cache_keep(c, cls) != 0) {
                /* No room to keep it: linked to its child at once, and not read again. */
                mic_class_set_parent(child, cls);
                c->orphan = 1;
            }
            MI_Class_Delete(cls);
            c->depth--;
            continue;
        }
        c->first = (c->first + 1) % c->cap_pend;
        c->npend--;
        if (cache_keep(c, cls) != 0 || !(r = mob_result_new(NULL, head->more, MI_RESULT_OK))) {
            MI_Class_Delete(cls);
            return -1;
        }
        r->cls = cls;
        mob_op_push(op, r);
    }
    return 0;
}

void mob_class_parent(mob_op *op, wsman_response *resp)
{
    struct mob_class_cache *c = op->classes;
    const char *super = op->req.schema_class;
    c->fetching = 0;
    if (resp && resp->result == MI_RESULT_OK && resp->num_classes == 1 &&
        util_strieq(resp->classes[0]->classDecl->name, super)) {
        c->chain[c->depth++] = resp->classes[0];
        resp->classes[0] = NULL;
    } else {
        c->orphan = 1;
    }
    if (resp)
        wsman_response_free(resp);
    op->req = c->req;
}

static void option(struct mob_class_cache *c, size_t *n, const char *name, MI_Boolean v)
{
    size_t i;
    for (i = 0; i < c->req.num_options; i++)
        if (util_strieq(c->req.options[i].name, name))
            return; /* the caller's own value wins */
    c->opts[*n].name = name;
    c->opts[*n].type = MI_BOOLEAN;
    c->opts[*n].value.boolean = v;
    (*n)++;
}

mob_result *mob_class_setup(mob_session *s, mob_op *op)
{
    struct mob_class_cache *c = (struct mob_class_cache *)calloc(1, sizeof *c);
    int enumerate = op->kind == MOB_OP_ENUMCLASSES;
    wsman_request *req = &op->req;
    size_t n = 0;

    if (!c)
        return mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                "out of memory");
    op->classes = c;
    c->names_only = enumerate && op->keys_only; /* (keysOnly carried classNamesOnly) */
    req->resource_uri = WSMAN_URI_CIMXML_SCHEMA;
    req->resource_uri_prefix = NULL;
    req->namespace_in_uri = MI_FALSE;
    req->class_name = NULL;
    req->schema_class = op->class_name ? op->class_name : "";
    op->ro.decl = NULL;
    op->ro.method = NULL;
    c->req = *req;
    option(c, &n, "IncludeInheritanceHierarchy", !c->names_only);
    option(c, &n, "IncludeInheritedElements", !c->names_only);
    option(c, &n, "IncludeQualifiers", !c->names_only);
    if (enumerate) {
        option(c, &n, "DeepInheritance",
               (op->flags & MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW) ? MI_FALSE : MI_TRUE);
        option(c, &n, "ClassNamesOnly", c->names_only ? MI_TRUE : MI_FALSE);
    }
    if (!(c->all = (wsman_option *)calloc(req->num_options + n, sizeof *c->all)))
        return mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                "out of memory");
    if (req->num_options)
        memcpy(c->all, req->options, req->num_options * sizeof *c->all);
    memcpy(c->all + req->num_options, c->opts, n * sizeof *c->all);
    req->options = c->all;
    req->num_options += n;
    c->req = *req;
    return NULL;
}
