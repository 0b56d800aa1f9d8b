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
 * than failing the operation. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

#define MOB_CLASS_MAX_DEPTH 64 /* superclasses read for one class */
#define MOB_CLASS_OPTIONS 6

/* The classes one operation has read (a handle each), and the request they came with. */
struct mob_class_cache {
    MI_Class **v;
    size_t n, cap;
    wsman_request req;
    wsman_read_options ro;
    wsman_option opts[MOB_CLASS_OPTIONS];
    wsman_option *all; /* the caller's options and ours */
    int names_only;
};

void mob_class_cache_free(mob_op *op)
{
    struct mob_class_cache *c = op->classes;
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++)
        MI_Class_Delete(c->v[i]);
    free(c->v);
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

/* Links cls to its superclass, read with a Get when the operation has not read it yet (and so
 * on up); best effort, see the top of the file. */
static void link_parent(mob_session *s, mob_op *op, MI_Class *cls, int depth)
{
    struct mob_class_cache *c = op->classes;
    const char *super = cls->classDecl->superClass;
    MI_Class *p;
    wsman_request req;
    wsman_response resp;
    mob_result *res;
    if (!super || c->names_only)
        return;
    if ((p = cache_find(c, super))) {
        mic_class_set_parent(cls, p);
        return;
    }
    if (depth >= MOB_CLASS_MAX_DEPTH || cancelled(op))
        return;
    req = c->req;
    req.action = WSMAN_ACTION_GET;
    req.context = NULL;
    req.schema_class = super;
    if ((res = mob_exchange(s, op, &req, &c->ro, &resp))) {
        mob_result_free(res);
        return;
    }
    if (resp.result == MI_RESULT_OK && resp.num_classes == 1 &&
        util_strieq(resp.classes[0]->classDecl->name, super)) {
        p = resp.classes[0];
        link_parent(s, op, p, depth + 1);
        if (cache_keep(c, p) == 0)
            mic_class_set_parent(cls, p);
    }
    wsman_response_free(&resp);
}

mob_result *mob_class_item(mob_session *s, mob_op *op, MI_Class *cls)
{
    mob_result *r;
    link_parent(s, op, cls, 0);
    if (cache_keep(op->classes, cls) != 0 || !(r = mob_result_new(NULL, MI_TRUE, MI_RESULT_OK))) {
        MI_Class_Delete(cls);
        return NULL;
    }
    r->cls = cls;
    return r;
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

void mob_run_class(mob_session *s, mob_op *op, wsman_request *req, wsman_read_options *ro)
{
    struct mob_class_cache *c = (struct mob_class_cache *)calloc(1, sizeof *c);
    int enumerate = op->kind == MOB_OP_ENUMCLASSES;
    wsman_response resp;
    mob_result *res;
    size_t n = 0;

    if (!c) {
        mob_op_deliver(op, NULL);
        return;
    }
    op->classes = c;
    c->names_only = enumerate && op->keys_only;
    op->keys_only = MI_FALSE; /* (it carried classNamesOnly: no EPR mode here) */
    req->resource_uri = WSMAN_URI_CIMXML_SCHEMA;
    req->resource_uri_prefix = NULL;
    req->namespace_in_uri = MI_FALSE;
    req->class_name = NULL;
    req->schema_class = op->class_name ? op->class_name : "";
    ro->decl = NULL;
    ro->method = NULL;
    c->req = *req;
    option(c, &n, "IncludeInheritanceHierarchy", !c->names_only);
    option(c, &n, "IncludeInheritedElements", !c->names_only);
    option(c, &n, "IncludeQualifiers", !c->names_only);
    if (enumerate) {
        option(c, &n, "DeepInheritance",
               (op->flags & MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW) ? MI_FALSE : MI_TRUE);
        option(c, &n, "ClassNamesOnly", c->names_only ? MI_TRUE : MI_FALSE);
    }
    if (!(c->all = (wsman_option *)calloc(req->num_options + n, sizeof *c->all))) {
        mob_op_deliver(op, NULL);
        return;
    }
    if (req->num_options)
        memcpy(c->all, req->options, req->num_options * sizeof *c->all);
    memcpy(c->all + req->num_options, c->opts, n * sizeof *c->all);
    req->options = c->all;
    req->num_options += n;
    c->req = *req;
    c->ro = *ro;
    if (enumerate) {
        mob_run_enumerate(s, op, req, ro);
        return;
    }
    req->action = WSMAN_ACTION_GET;
    if ((res = mob_exchange(s, op, req, ro, &resp))) {
        mob_op_deliver(op, res);
        return;
    }
    if (resp.result != MI_RESULT_OK) {
        res = mob_result_from_fault(&resp);
    } else if (resp.num_classes != 1) {
        res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_INVALID_RESULT,
                               "the answer to GetClass holds no class");
    } else {
        MI_Class *cls = resp.classes[0];
        resp.classes[0] = NULL;
        if (!util_strieq(cls->classDecl->name, op->class_name)) {
            MI_Class_Delete(cls);
            res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_INVALID_RESULT,
                                   "the answer to GetClass holds another class");
        } else if ((res = mob_class_item(s, op, cls))) {
            res->more = MI_FALSE;
        }
    }
    wsman_response_free(&resp);
    mob_op_deliver(op, res);
}
