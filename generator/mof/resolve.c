/* SPDX-License-Identifier: MIT */
/* generator/mof/resolve.c: turns parsed declarations into a checked schema (see resolve.h). */
#include "resolve_int.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* The shipped qualifier declarations (schemas/qualifiers*.mof), one line per literal. */
static const char *const builtin_lines[] = {
#include "builtin_quals.inc"
};

#define FLAVOR_OVERRIDE_BITS (MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_DISABLEOVERRIDE)
#define FLAVOR_PROPAGATE_BITS (MOF_FLAVOR_TOSUBCLASS | MOF_FLAVOR_RESTRICTED)

/* ---- name index (shared scratch) ---- */

bool res_index_reset(mof_resolver *r, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2 + 1)
        cap *= 2;
    if (cap > r->slot_cap) {
        res_slot *s = realloc(r->slots, cap * sizeof *s);
        if (!s) {
            r->nomem = true;
            return false;
        }
        r->slots = s;
        r->slot_cap = cap;
    }
    /* The table in use is the first cap slots; slot_cap keeps the allocation's size. */
    memset(r->slots, 0, cap * sizeof *r->slots);
    r->slot_used = cap;
    return true;
}

static res_slot *index_find(const mof_resolver *r, const char *name, uint32_t h)
{
    size_t mask = r->slot_used - 1, i = h & mask;
    for (;;) {
        res_slot *s = &r->slots[i];
        if (!s->name || (s->hash == h && mof_name_eq(s->name, name)))
            return s;
        i = (i + 1) & mask;
    }
}

long res_index_put(mof_resolver *r, const char *name, uint32_t idx)
{
    uint32_t h = mof_name_hash(name);
    res_slot *s = index_find(r, name, h);
    if (s->name)
        return (long)s->idx;
    s->name = name;
    s->hash = h;
    s->idx = idx;
    return -1;
}

long res_index_get(const mof_resolver *r, const char *name)
{
    res_slot *s = index_find(r, name, mof_name_hash(name));
    return s->name ? (long)s->idx : -1;
}

/* ---- lookups (resolve.h) ---- */

const mof_namespace *mof_schema_ns(const mof_schema *s, const char *ns)
{
    return mof_map_get(&s->namespaces, ns ? ns : s->default_ns);
}

const mof_class *mof_schema_class(const mof_schema *s, const char *ns, const char *name)
{
    const mof_namespace *n = mof_schema_ns(s, ns);
    return n ? mof_map_get(&n->classes, name) : NULL;
}

const mof_property *mof_class_prop(const mof_class *c, const char *name)
{
    size_t i;
    for (i = 0; i < c->n_all_props; i++)
        if (mof_name_eq(c->all_props[i]->name, name))
            return c->all_props[i];
    return NULL;
}

const mof_method *mof_class_method(const mof_class *c, const char *name)
{
    size_t i;
    for (i = 0; i < c->n_all_methods; i++)
        if (mof_name_eq(c->all_methods[i]->name, name))
            return c->all_methods[i];
    return NULL;
}

const mof_qualifier *mof_quals_find(const mof_qualifiers *q, const char *name)
{
    size_t i;
    for (i = 0; i < q->n; i++)
        if (mof_name_eq(q->items[i].name, name))
            return &q->items[i];
    return NULL;
}

bool mof_class_isa(const mof_class *c, const mof_class *base)
{
    for (; c; c = c->super)
        if (c == base)
            return true;
    return false;
}

/* ---- qualifiers ---- */

/* A flavor set with DSP0004's defaults filled in (EnableOverride, ToSubclass). */
static unsigned flavor_norm(unsigned f)
{
    if (!(f & FLAVOR_OVERRIDE_BITS))
        f |= MOF_FLAVOR_ENABLEOVERRIDE;
    if (!(f & FLAVOR_PROPAGATE_BITS))
        f |= MOF_FLAVOR_TOSUBCLASS;
    return f;
}

/* The flavor in effect for a use: the declaration's, with what the use writes replacing it. */
static unsigned flavor_eff(const mof_qualifier *q)
{
    unsigned f = q->decl ? q->decl->flavor : 0, w = q->flavor;
    if (w & FLAVOR_OVERRIDE_BITS)
        f &= ~(unsigned)FLAVOR_OVERRIDE_BITS;
    if (w & FLAVOR_PROPAGATE_BITS)
        f &= ~(unsigned)FLAVOR_PROPAGATE_BITS;
    return flavor_norm(f | w);
}

static const char *flavor_conflict(unsigned f)
{
    if ((f & FLAVOR_OVERRIDE_BITS) == FLAVOR_OVERRIDE_BITS)
        return "EnableOverride and DisableOverride";
    if ((f & FLAVOR_PROPAGATE_BITS) == FLAVOR_PROPAGATE_BITS)
        return "ToSubclass and Restricted";
    return NULL;
}

static mof_type infer_type(const mof_value *v, bool *is_array)
{
    *is_array = false;
    if (!v)
        return MOF_BOOLEAN;
    if (v->kind == MOF_V_ARRAY) {
        *is_array = true;
        if (v->v.arr.n == 0)
            return MOF_STRING;
        v = &v->v.arr.items[0];
    }
    switch (v->kind) {
    case MOF_V_BOOL:
        return MOF_BOOLEAN;
    case MOF_V_INT:
        return MOF_SINT64;
    case MOF_V_REAL:
        return MOF_REAL64;
    case MOF_V_CHAR16:
        return MOF_CHAR16;
    default:
        return MOF_STRING;
    }
}

static const char *qualdecl_name_at(const void *ctx, size_t i)
{
    return mof_map_name_at(ctx, i);
}

/* The declaration a qualifier use refers to. A qualifier declared nowhere gets a declaration
 * inferred from its value (WMI's and DSC's compilers accept such MOF), reported once per
 * namespace; --strict makes that an error. */
static const mof_qualdecl *lookup_qual(mof_resolver *r, res_ns *ns, const mof_qualifier *q,
                                       bool *inferred)
{
    const mof_qualdecl *d = mof_map_get(&ns->pub.qualdecls, q->name);
    mof_qualdecl *nd;
    *inferred = false;
    if (d)
        return d;
    d = mof_map_get(&ns->later_quals, q->name);
    if (d) {
        if (!mof_map_put(&ns->undeclared, r->a, q->name, (void *)d)) {
            mof_pedantic(r->diag, &q->loc, "qualifier '%s' is used before its declaration",
                         q->name);
            mof_note(r->diag, &d->loc, "'%s' is declared here", d->name);
        }
        return d;
    }
    *inferred = true;
    nd = mof_zalloc(r->a, sizeof *nd);
    if (!nd)
        return NULL;
    nd->name = q->name;
    nd->type = infer_type(q->value, &nd->is_array);
    nd->scope = MOF_SCOPE_ANY;
    nd->loc = q->loc;
    d = mof_map_get(&ns->flavor_only, q->name);
    if (d)
        nd->flavor = d->flavor;
    if (!mof_map_put(&ns->undeclared, r->a, q->name, nd)) {
        const char *hint = mof_suggest(q->name, ns->pub.qualdecls.n, qualdecl_name_at,
                                       &ns->pub.qualdecls);
        if (hint)
            mof_pedantic(r->diag, &q->loc, "qualifier '%s' is not declared (did you mean "
                         "'%s'?); its type (%s%s) is inferred from its value", q->name, hint,
                         mof_type_name(nd->type), nd->is_array ? "[]" : "");
        else
            mof_pedantic(r->diag, &q->loc, "qualifier '%s' is not declared; its type (%s%s) is "
                         "inferred from its value", q->name, mof_type_name(nd->type),
                         nd->is_array ? "[]" : "");
    }
    return nd;
}

/* True when v's kind (the first item's, for an array) can be a value of type t at all; the
 * value itself (range, format, array shape) is checked later by res_check_value. */
static bool value_kind_fits(mof_type t, const mof_value *v)
{
    if (v->kind == MOF_V_ARRAY) {
        if (v->v.arr.n == 0)
            return true;
        v = &v->v.arr.items[0];
    }
    switch (v->kind) {
    case MOF_V_NULL:
    case MOF_V_ALIAS:
    case MOF_V_ENUM:
    case MOF_V_ARRAY:
        return true;
    case MOF_V_BOOL:
        return t == MOF_BOOLEAN;
    case MOF_V_INT:
        return t >= MOF_UINT8 && t <= MOF_REAL64;
    case MOF_V_REAL:
        return t == MOF_REAL32 || t == MOF_REAL64;
    case MOF_V_CHAR16:
        return t == MOF_CHAR16 || t == MOF_STRING;
    case MOF_V_STRING:
        return t == MOF_STRING || t == MOF_DATETIME || t == MOF_CHAR16 || t == MOF_REFERENCE;
    case MOF_V_INSTANCE:
        return t == MOF_INSTANCE || t == MOF_STRING;
    }
    return true;
}

/* In a WMI class (r->wmi_class), a use of a built-in qualifier whose value is of another kind
 * than mofbind's declaration says (WDK driver MOF writes `Locale("MS\\0x409")` where WMI
 * documents a sint32): mofcomp, which checks no qualifier declaration the namespace does not
 * hold, and root/wmi holds none of these, accepts it, so the use gets a declaration inferred
 * from its value, after a warning (once per qualifier and namespace). */
static const mof_qualdecl *builtin_mismatch(mof_resolver *r, res_ns *ns, const mof_qualifier *qu)
{
    mof_qualdecl *nd = mof_zalloc(r->a, sizeof *nd);
    char tb[40];
    if (!nd)
        return qu->decl;
    *nd = *qu->decl;
    nd->type = infer_type(qu->value, &nd->is_array);
    nd->array_size = 0;
    nd->type_name = NULL;
    nd->builtin = false;
    if (mof_map_put(&ns->retyped, r->a, qu->name, nd))
        return nd;
    snprintf(tb, sizeof tb, "%s%s", mof_type_name(qu->decl->type), qu->decl->is_array ? "[]" : "");
    mof_pedantic(r->diag, &qu->loc, "qualifier '%s' is declared %s in mofbind's built-in set but "
                 "given a %s value here; kept as written (mofcomp accepts this)", qu->name, tb,
                 mof_type_name(nd->type));
    return nd;
}

/* Looks up and checks the qualifiers written on one element (scopes are checked apart). */
static void resolve_quals(mof_resolver *r, res_ns *ns, mof_qualifiers *q)
{
    mof_map seen;
    size_t i, j;
    mof_map_init(&seen);
    for (i = 0; i < q->n && !mof_diag_stop(r->diag); i++) {
        mof_qualifier *qu = &q->items[i];
        const mof_qualifier *prev = NULL;
        const char *conflict;
        bool inferred;
        qu->propagated = false;
        qu->decl = lookup_qual(r, ns, qu, &inferred);
        if (q->n > 16) {
            prev = mof_map_put(&seen, r->a, qu->name, qu);
        } else {
            for (j = 0; j < i && !prev; j++)
                if (mof_name_eq(q->items[j].name, qu->name))
                    prev = &q->items[j];
        }
        if (prev) {
            mof_error(r->diag, &qu->loc, "qualifier '%s' is given twice", qu->name);
            mof_note(r->diag, &prev->loc, "first given here");
        }
        conflict = flavor_conflict(qu->flavor);
        if (conflict)
            mof_error(r->diag, &qu->loc, "qualifier '%s' has conflicting flavors %s", qu->name,
                      conflict);
        if (r->wmi_class && qu->decl && !inferred && qu->value && qu->decl->builtin &&
            !value_kind_fits(qu->decl->type, qu->value)) {
            qu->decl = builtin_mismatch(r, ns, qu);
            inferred = true;
        }
        if (qu->decl && !inferred && qu->value) {
            r->cur_enum = qu->decl->type_name ? mof_map_get(&ns->pub.enums, qu->decl->type_name)
                                              : NULL;
            res_check_value(r, ns, qu->value, qu->decl->type, qu->decl->is_array,
                            qu->decl->array_size, NULL, "qualifier", qu->name, true, 0);
            r->cur_enum = NULL;
        }
    }
}

void res_instance_quals(mof_resolver *r, res_ns *ns, mof_qualifiers *q)
{
    resolve_quals(r, ns, q);
}

static const char *scope_name(unsigned scope)
{
    switch (scope) {
    case MOF_SCOPE_ASSOCIATION:
        return "an association";
    case MOF_SCOPE_INDICATION:
        return "an indication";
    case MOF_SCOPE_PROPERTY:
        return "a property";
    case MOF_SCOPE_REFERENCE:
        return "a reference";
    case MOF_SCOPE_METHOD:
        return "a method";
    case MOF_SCOPE_PARAMETER:
        return "a parameter";
    case MOF_SCOPE_STRUCTURE:
        return "a structure";
    default:
        return "a class";
    }
}

/* Checks each declared qualifier's scope. `allowed` is what the element is (an association is
 * also a class); `what` names the element kind for the message. */
static void check_scopes(mof_resolver *r, const mof_qualifiers *q, unsigned allowed,
                         unsigned what)
{
    size_t i;
    for (i = 0; i < q->n; i++) {
        const mof_qualifier *qu = &q->items[i];
        if (qu->propagated || !qu->decl || !qu->decl->scope)
            continue;
        if (qu->decl->scope & allowed)
            continue;
        /* A built-in declaration's scope is DMTF's; in a WMI class mofcomp checks none
         * (WDK driver MOF puts Max(n) on array properties). */
        if (qu->decl->builtin && r->wmi_class)
            mof_pedantic(r->diag, &qu->loc, "qualifier '%s' cannot be used on %s (mofcomp "
                         "accepts this)", qu->name, scope_name(what));
        else
            mof_error(r->diag, &qu->loc, "qualifier '%s' cannot be used on %s", qu->name,
                      scope_name(what));
    }
}

/* Appends to own the qualifiers of the inherited element that propagate (ToSubclass, not
 * Restricted) and that own does not restate; a restated DisableOverride one must keep its
 * value. */
static void merge_quals(mof_resolver *r, mof_qualifiers *own, const mof_qualifiers *inh,
                        const char *kind, const char *name, const char *from)
{
    size_t i, add = 0, n = own->n;
    mof_qualifier *items;
    for (i = 0; i < inh->n; i++) {
        const mof_qualifier *iq = &inh->items[i];
        unsigned f = flavor_eff(iq);
        const mof_qualifier *oq;
        if (!(f & MOF_FLAVOR_TOSUBCLASS) || (f & MOF_FLAVOR_RESTRICTED))
            continue;
        oq = mof_quals_find(own, iq->name);
        if (!oq) {
            add++;
        } else if ((f & MOF_FLAVOR_DISABLEOVERRIDE) && !res_value_eq(oq->value, iq->value)) {
            mof_error(r->diag, &oq->loc,
                      "%s '%s' cannot change qualifier '%s' inherited from '%s' "
                      "(it is DisableOverride)", kind, name, oq->name, from);
            mof_note(r->diag, &iq->loc, "inherited value is here");
        }
    }
    if (!add)
        return;
    items = mof_alloc(r->a, (n + add) * sizeof *items);
    if (!items)
        return;
    if (n)
        memcpy(items, own->items, n * sizeof *items);
    for (i = 0; i < inh->n; i++) {
        const mof_qualifier *iq = &inh->items[i];
        unsigned f = flavor_eff(iq);
        if (!(f & MOF_FLAVOR_TOSUBCLASS) || (f & MOF_FLAVOR_RESTRICTED))
            continue;
        if (mof_quals_find(own, iq->name))
            continue;
        items[n] = *iq;
        items[n].propagated = true;
        n++;
    }
    own->items = items;
    own->n = n;
}

/* The boolean a qualifier says: absent gives dflt, written without a value gives true. */
static bool qual_bool(const mof_qualifiers *q, const char *name, bool dflt)
{
    const mof_qualifier *f = mof_quals_find(q, name);
    if (!f)
        return dflt;
    if (!f->value)
        return true;
    if (f->value->kind == MOF_V_BOOL)
        return f->value->v.b;
    return f->value->kind != MOF_V_NULL;
}

static unsigned feature_flags(const mof_qualifiers *q, bool param)
{
    unsigned f = 0;
    if (qual_bool(q, "Key", false))
        f |= MOF_F_KEY;
    if (qual_bool(q, "Required", false))
        f |= MOF_F_REQUIRED;
    if (qual_bool(q, "Static", false))
        f |= MOF_F_STATIC;
    if (mof_quals_find(q, "Deprecated"))
        f |= MOF_F_DEPRECATED;
    if (param) {
        /* In defaults to true, but a parameter marked only Out is an output alone, as every
         * CIM implementation reads it. */
        bool out = qual_bool(q, "Out", false);
        if (qual_bool(q, "In", !out))
            f |= MOF_F_IN;
        if (out)
            f |= MOF_F_OUT;
    } else {
        if (qual_bool(q, "Read", true))
            f |= MOF_F_READ;
        if (qual_bool(q, "Write", false))
            f |= MOF_F_WRITE;
    }
    return f;
}

/* EmbeddedInstance / EmbeddedObject on a string (or WMI object) element make it an embedded
 * object: the type becomes MOF_INSTANCE. */
static void apply_embedded(mof_resolver *r, const mof_qualifiers *q, mof_type *type,
                           unsigned *flags, const char **embedded_class, const char *kind,
                           const char *name)
{
    const mof_qualifier *ei = mof_quals_find(q, "EmbeddedInstance");
    bool eo = qual_bool(q, "EmbeddedObject", false);
    *embedded_class = NULL;
    if (ei && ei->value && ei->value->kind == MOF_V_STRING) {
        if (*type == MOF_STRING || *type == MOF_INSTANCE) {
            *type = MOF_INSTANCE;
            *flags |= MOF_F_EMBEDDED_INSTANCE;
            *embedded_class = ei->value->v.str.s;
        } else if (!ei->propagated) {
            mof_error(r->diag, &ei->loc, "EmbeddedInstance needs a string %s, not %s", kind,
                      mof_type_name(*type));
        }
        if (eo && !ei->propagated)
            mof_error(r->diag, &ei->loc, "%s '%s' has both EmbeddedInstance and EmbeddedObject",
                      kind, name);
        return;
    }
    if (eo) {
        if (*type == MOF_STRING || *type == MOF_INSTANCE) {
            *type = MOF_INSTANCE;
            *flags |= MOF_F_EMBEDDED_OBJECT;
        } else {
            const mof_qualifier *o = mof_quals_find(q, "EmbeddedObject");
            if (!o->propagated)
                mof_error(r->diag, &o->loc, "EmbeddedObject needs a string %s, not %s", kind,
                          mof_type_name(*type));
        }
        return;
    }
    if (*type == MOF_INSTANCE)
        *flags |= MOF_F_EMBEDDED_OBJECT;
}

/* ---- qualifier declarations ---- */

static bool decl_default_eq(const mof_value *a, const mof_value *b)
{
    if (a && a->kind == MOF_V_NULL)
        a = NULL;
    if (b && b->kind == MOF_V_NULL)
        b = NULL;
    if (!a || !b)
        return !a && !b;
    return res_value_eq(a, b);
}

static bool qualdecl_same(const mof_qualdecl *a, const mof_qualdecl *b)
{
    return a->type == b->type && a->is_array == b->is_array &&
           a->array_size == b->array_size &&
           (a->scope ? a->scope : MOF_SCOPE_ANY) == (b->scope ? b->scope : MOF_SCOPE_ANY) &&
           (flavor_norm(a->flavor) & ~(unsigned)MOF_FLAVOR_AMENDED) ==
               (flavor_norm(b->flavor) & ~(unsigned)MOF_FLAVOR_AMENDED) &&
           decl_default_eq(a->dflt, b->dflt);
}

/* WMI's `qualifier Name : Flavor...;`: the flavors of a qualifier declared elsewhere. */
static void flavor_only_decl(mof_resolver *r, res_ns *ns, mof_qualdecl *qd)
{
    mof_qualdecl *prev = mof_map_get(&ns->pub.qualdecls, qd->name), *nd;
    if (!prev) {
        mof_map_set(&ns->flavor_only, r->a, qd->name, qd);
        return;
    }
    nd = mof_alloc(r->a, sizeof *nd);
    if (!nd)
        return;
    *nd = *prev;
    nd->flavor = qd->flavor;
    mof_map_set(&ns->pub.qualdecls, r->a, qd->name, nd);
}

static void check_qualdecl(mof_resolver *r, res_ns *ns, mof_qualdecl *qd)
{
    const char *conflict = flavor_conflict(qd->flavor);
    mof_qualdecl *prev;
    qd->builtin = false;
    if (qd->flavor_only) {
        if (conflict)
            mof_error(r->diag, &qd->loc, "qualifier '%s' is declared with conflicting flavors %s",
                      qd->name, conflict);
        flavor_only_decl(r, ns, qd);
        return;
    }
    r->cur_enum = NULL;
    if (qd->type_name) {
        const mof_enum *e = mof_map_get(&ns->pub.enums, qd->type_name);
        if (!e) {
            mof_error(r->diag, &qd->loc, "enumeration '%s' typing qualifier '%s' is not declared "
                      "in namespace '%s'", qd->type_name, qd->name, ns->pub.name);
            return;
        }
        qd->type = e->type;
        r->cur_enum = e;
    }
    if (conflict)
        mof_error(r->diag, &qd->loc, "qualifier '%s' is declared with conflicting flavors %s",
                  qd->name, conflict);
    if (qd->type == MOF_REFERENCE || qd->type == MOF_INSTANCE)
        mof_error(r->diag, &qd->loc, "qualifier '%s' cannot be of type %s", qd->name,
                  mof_type_name(qd->type));
    else
        res_check_value(r, ns, qd->dflt, qd->type, qd->is_array, qd->array_size, NULL,
                        "qualifier", qd->name, false, 0);
    r->cur_enum = NULL;
    prev = mof_map_get(&ns->pub.qualdecls, qd->name);
    if (!prev) {
        mof_map_put(&ns->pub.qualdecls, r->a, qd->name, qd);
    } else if (prev->builtin) {
        /* The MOF's own declaration replaces the shipped one. */
        mof_map_set(&ns->pub.qualdecls, r->a, qd->name, qd);
    } else if (!qualdecl_same(prev, qd)) {
        mof_pedantic(r->diag, &qd->loc, "qualifier '%s' is declared again, differently; the "
                     "later declaration replaces the earlier (mofcomp and cimmof accept this)",
                     qd->name);
        mof_note(r->diag, &prev->loc, "previous definition is here");
        mof_map_set(&ns->pub.qualdecls, r->a, qd->name, qd);
    }
}

/* ---- namespaces ---- */

static res_ns *get_ns(mof_resolver *r, const char *name)
{
    res_ns *ns = mof_map_get(&r->s->namespaces, name);
    size_t i;
    if (ns)
        return ns;
    ns = mof_zalloc(r->a, sizeof *ns);
    if (!ns)
        return NULL;
    ns->pub.name = mof_strdup(r->a, name);
    if (!ns->pub.name)
        return NULL;
    for (i = 0; i < r->builtins.n; i++) {
        mof_qualdecl *qd = mof_map_at(&r->builtins, i);
        mof_map_put(&ns->pub.qualdecls, r->a, qd->name, qd);
    }
    mof_map_put(&r->s->namespaces, r->a, ns->pub.name, ns);
    return ns;
}

/* "\\.\root\cimv2", "/root/cimv2/" and "root/cimv2" all name root/cimv2. */
static const char *normalize_ns(mof_arena *a, const char *name)
{
    char *s = mof_strdup(a, name), *p, *start;
    size_t n;
    if (!s)
        return name;
    for (p = s; *p; p++)
        if (*p == '\\')
            *p = '/';
    start = s;
    if (start[0] == '/' && start[1] == '/') {   /* //host/ */
        char *slash = strchr(start + 2, '/');
        start = slash ? slash : start + strlen(start);
    }
    while (*start == '/')
        start++;
    n = strlen(start);
    while (n && start[n - 1] == '/')
        start[--n] = '\0';
    return *start ? start : "root/cimv2";
}

static void add_instance(mof_resolver *r, res_ns *ns, mof_instance *inst)
{
    mof_namespace *p = &ns->pub;
    if (inst->is_value)
        return; /* a MOF 3 value lives in what names its alias */
    if (p->ninstances == ns->inst_cap) {
        size_t ncap = ns->inst_cap ? ns->inst_cap * 2 : 16;
        mof_instance **n = mof_alloc(r->a, ncap * sizeof *n);
        if (!n)
            return;
        if (p->ninstances)
            memcpy(n, p->instances, p->ninstances * sizeof *n);
        p->instances = n;
        ns->inst_cap = ncap;
    }
    p->instances[p->ninstances++] = inst;
}

/* ---- built-in qualifier declarations ---- */

/* Parses the shipped declarations into the unit's arena, then detaches them from the unit's
 * declaration and source lists, so that the unit still holds only what the user gave. */
static void load_builtins(mof_resolver *r)
{
    mof_unit *u = r->u;
    mof_decl *last = u->last_decl, *d;
    mof_source *last_src = u->last_source;
    size_t nc = u->nclasses, ni = u->ninstances, nq = u->nqualdecls, len = 0, i;
    mof_parse_options popts;
    char *buf, *p;
    for (i = 0; i < sizeof builtin_lines / sizeof builtin_lines[0]; i++)
        len += strlen(builtin_lines[i]);
    buf = malloc(len + 1);
    if (!buf) {
        r->nomem = true;
        return;
    }
    for (p = buf, i = 0; i < sizeof builtin_lines / sizeof builtin_lines[0]; i++) {
        size_t n = strlen(builtin_lines[i]);
        memcpy(p, builtin_lines[i], n);
        p += n;
    }
    *p = '\0';
    memset(&popts, 0, sizeof popts);
    mof_parse_buffer(u, "<built-in qualifiers>", buf, len, &popts);
    free(buf);
    for (d = last ? last->next : u->decls; d; d = d->next) {
        if (d->kind == MOF_D_QUALDECL) {
            d->u.qualdecl->builtin = true;
            mof_map_put(&r->builtins, r->a, d->u.qualdecl->name, d->u.qualdecl);
        }
    }
    if (last)
        last->next = NULL;
    else
        u->decls = NULL;
    u->last_decl = last;
    if (last_src)
        last_src->next = NULL;
    else
        u->sources = NULL;
    u->last_source = last_src;
    u->nclasses = nc;
    u->ninstances = ni;
    u->nqualdecls = nq;
}

bool res_wmi_system(mof_resolver *r, res_ns *ns, const char *name, const mof_loc *loc)
{
    if (name[0] != '_' || name[1] != '_')
        return false;
    if (!mof_map_put(&ns->wmi_system, r->a, name, (void *)name))
        mof_warning(r->diag, loc, "WMI system class '%s' is not declared here; what uses it "
                    "is not checked against it", name);
    return true;
}

/* ---- classes ---- */

/* The scratch marks (seen/seen_stamp) are shared with instance resolution. */
bool res_grow_marks(mof_resolver *r, size_t n)
{
    uint32_t *a, *b;
    size_t ncap;
    if (n <= r->seen_cap)
        return true;
    ncap = r->seen_cap ? r->seen_cap : 64;
    while (ncap < n)
        ncap *= 2;
    a = realloc(r->seen, ncap * sizeof *a);
    if (a)
        r->seen = a;
    b = realloc(r->seen_stamp, ncap * sizeof *b);
    if (b)
        r->seen_stamp = b;
    if (!a || !b) {
        r->nomem = true;
        return false;
    }
    memset(r->seen_stamp + r->seen_cap, 0, (ncap - r->seen_cap) * sizeof *b);
    r->seen_cap = ncap;
    return true;
}

/* The name an Override qualifier gives, without a "Class." prefix. */
static const char *override_target(const mof_qualifier *ov)
{
    const char *s, *dot;
    if (!ov || !ov->value || ov->value->kind != MOF_V_STRING)
        return NULL;
    s = ov->value->v.str.s;
    dot = strrchr(s, '.');
    return dot ? dot + 1 : s;
}

static void check_override_qual(mof_resolver *r, const mof_class *c, const mof_qualifiers *q,
                                const char *kind, const char *name, bool overrides)
{
    const mof_qualifier *ov = mof_quals_find(q, "Override");
    const char *target;
    if (!ov || ov->propagated)
        return;
    target = override_target(ov);
    /* cimmof matches an override by the element's own name and keeps the qualifier's value as
     * written (OpenLMI's networking schema names the property of another superclass). */
    if (target && !mof_name_eq(target, name)) {
        mof_pedantic(r->diag, &ov->loc, "Override(\"%s\") on %s '%s' names another %s; it is "
                     "read as %s '%s' (cimmof accepts this)", ov->value->v.str.s, kind, name,
                     kind, overrides ? "overriding the inherited" : "a new", name);
        return;
    }
    if (!overrides && (c->super || !c->super_name))
        mof_pedantic(r->diag, &ov->loc, "%s '%s' overrides nothing: no superclass of '%s' has a "
                     "%s of that name; it is read as a new %s (mofcomp and cimmof accept this)",
                     kind, name, c->name, kind, kind);
}

/* Starts flattening n features: the scratch index and marks sized, a fresh stamp. */
static bool flatten_begin(mof_resolver *r, size_t n, uint32_t *stamp)
{
    if (!res_index_reset(r, n) || !res_grow_marks(r, n))
        return false;
    *stamp = ++r->stamp;
    return true;
}

enum { FLAT_NEW, FLAT_DUP, FLAT_OVERRIDE };

/* Places a class's own feature among the flattened ones: new (appended at *nall), a second
 * declaration in the same class, or an override of the inherited feature at *k. */
static int flatten_place(mof_resolver *r, const char *name, size_t *nall, uint32_t stamp,
                         long *k)
{
    *k = res_index_put(r, name, (uint32_t)*nall);
    if (*k < 0) {
        *k = (long)(*nall)++;
        r->seen_stamp[*k] = stamp;
        return FLAT_NEW;
    }
    if (r->seen_stamp[*k] == stamp)
        return FLAT_DUP;
    r->seen_stamp[*k] = stamp;
    return FLAT_OVERRIDE;
}

/* ---- ValueMap and Values: the constants the emitter makes of them ---- */

typedef struct res_vm_ctx {
    mof_resolver *r;
    const mof_property *p;
} res_vm_ctx;

static void check_valuemap_one(void *ctx, const mof_vmconst *k)
{
    res_vm_ctx *x = ctx;
    bool on_map = k->map && k->lost && strncmp(k->lost, "the Values entry", 16) != 0;
    const mof_value *at = on_map ? k->map : k->entry;
    char mapped[80] = "";
    if (!k->lost || k->range)
        return;
    if (k->map && k->map->kind == MOF_V_STRING)
        snprintf(mapped, sizeof mapped, " (ValueMap \"%.40s\")", k->map->v.str.s);
    if (k->entry->kind == MOF_V_STRING)
        mof_warning(x->r->diag, &at->loc, "no constant is generated for Values entry \"%.60s\"%s "
                    "of property '%s': %s", k->entry->v.str.s, mapped, x->p->name, k->lost);
    else
        mof_warning(x->r->diag, &at->loc, "no constant is generated for Values entry %zu%s of "
                    "property '%s': %s", k->index + 1, mapped, x->p->name, k->lost);
}

/* Warns where ValueMap and Values disagree, naming the constants the bindings will not have
 * (the qualifiers written on this property; inherited ones were checked where written). */
static void check_valuemap(mof_resolver *r, const mof_property *p)
{
    const mof_qualifier *vm = mof_quals_find(&p->quals, "ValueMap");
    const mof_qualifier *vs = mof_quals_find(&p->quals, "Values");
    res_vm_ctx x;
    size_t nv, nm;
    int rc;
    if (!vs || vs->propagated || (vm && vm->propagated))
        return;
    x.r = r;
    x.p = p;
    rc = mof_valuemap_each(p, check_valuemap_one, &x);
    if (rc == -2)
        r->nomem = true;
    if (rc != -1)
        return;
    nv = vs->value && vs->value->kind == MOF_V_ARRAY ? vs->value->v.arr.n : 1;
    nm = vm->value && vm->value->kind == MOF_V_ARRAY ? vm->value->v.arr.n : 1;
    mof_warning(r->diag, &vs->loc, "property '%s' has %zu Values but %zu ValueMap entries: none "
                "of its constants is generated", p->name, nv, nm);
    mof_note(r->diag, &vm->loc, "ValueMap is here");
}

/* ---- MOF 3 types: properties typed by name, enumerations ---- */

bool res_class_incomplete(const mof_class *c)
{
    for (; c; c = c->super)
        if (c->super_name && !c->super)
            return true;
    return false;
}

/* A class of the namespace by name, declared already or later. */
static const mof_class *res_any_class(res_ns *ns, const char *name)
{
    const mof_class *k = name ? mof_map_get(&ns->pub.classes, name) : NULL;
    return k ? k : name ? mof_map_get(&ns->later_classes, name) : NULL;
}

/* Finds the local declaration written tname whose full name is full, or NULL. */
typedef const void *(*res_local_find)(res_ns *ns, const char *full, const char *tname);

static const void *local_structure_at(res_ns *ns, const char *full, const char *tname)
{
    const mof_class *k = res_any_class(ns, full);
    return k && k->local_name && mof_name_eq(k->local_name, tname) ? k : NULL;
}

static const void *local_enum_at(res_ns *ns, const char *full, const char *tname)
{
    const mof_enum *e = mof_map_get(&ns->later_enums, full);
    return e && e->local_name && mof_name_eq(e->local_name, tname) ? e : NULL;
}

/* The local structure or enumeration tname visible in scope (DSP0221 3.0: a local declaration
 * is visible in its class and that class's subclasses, and in the structures local to them):
 * Scope_tname for scope, the classes that scope is local to, and their superclasses. NULL when
 * none. */
static const void *res_local(res_ns *ns, const mof_class *scope, const char *tname,
                             res_local_find find)
{
    const mof_class *k, *o;
    const void *hit;
    unsigned n = 0, m;
    char full[512];
    for (k = scope; k && n++ < RES_MAX_DEPTH; k = res_any_class(ns, k->super_name))
        for (o = k, m = 0; o && m++ < RES_MAX_DEPTH; o = res_any_class(ns, o->outer)) {
            int len = snprintf(full, sizeof full, "%s_%s", o->name, tname);
            if (len < 0 || (size_t)len >= sizeof full)
                continue;
            if ((hit = find(ns, full, tname)) != NULL)
                return hit;
        }
    return NULL;
}

/* The enumeration declaration tname names in scope (a class or structure; NULL: the top
 * level): a local one visible there first, then the namespace's. It may be unresolved yet, or
 * in error (then it is not in ns->pub.enums). NULL when none. */
static mof_enum *res_enum_decl(res_ns *ns, const mof_class *scope, const char *tname)
{
    /* (the maps hold the declarations, which resolve_enum completes) */
    mof_enum *e = scope ? (mof_enum *)res_local(ns, scope, tname, local_enum_at) : NULL;
    return e ? e : mof_map_get(&ns->later_enums, tname);
}

const mof_enum *res_enum_named(mof_resolver *r, res_ns *ns, const char *tname)
{
    const mof_enum *e = tname ? res_enum_decl(ns, r->scope, tname) : NULL;
    return e ? mof_map_get(&ns->pub.enums, e->name) : NULL;
}

/* A note for a local declaration of the name tname, if local is one (what: "structure"). */
static bool note_local(mof_resolver *r, const mof_loc *loc, const char *what, const char *outer,
                       const char *local, const char *tname)
{
    if (!local || !outer || !mof_name_eq(local, tname))
        return false;
    mof_note(r->diag, loc,
             "%s has a local %s %s; a local %s is visible only in its class, its subclasses "
             "and the structures local to them",
             outer, what, local, what);
    return true;
}

void res_note_local_elsewhere(mof_resolver *r, res_ns *ns, const char *tname)
{
    size_t i, n = 0;
    for (i = 0; i < ns->later_classes.n && n < 3; i++) {
        const mof_class *k = mof_map_at(&ns->later_classes, i);
        n += k && note_local(r, &k->loc, "structure", k->outer, k->local_name, tname);
    }
    for (i = 0; i < ns->later_enums.n && n < 3; i++) {
        const mof_enum *e = mof_map_at(&ns->later_enums, i);
        n += e && note_local(r, &e->loc, "enumeration", e->outer, e->local_name, tname);
    }
}

/* A property, parameter or method typed by a name (MOF 3, and WMI's class-typed properties):
 * an enumeration gives its base type; a class or structure makes it an embedded instance of
 * that class, as EmbeddedInstance("X") on a string does. Local enumerations and structures
 * visible in the scope come before the namespace's. */
static void resolve_typed(mof_resolver *r, res_ns *ns, const char *tname, mof_type *type,
                          unsigned *flags, const char **embedded_class,
                          const mof_enum **enum_decl, const mof_loc *loc, const char *kind,
                          const char *name)
{
    const mof_enum *e = NULL, *ed;
    const mof_class *k = NULL;
    *enum_decl = NULL;
    if (!tname)
        return;
    ed = r->scope ? res_local(ns, r->scope, tname, local_enum_at) : NULL;
    if (!ed && r->scope)
        k = res_local(ns, r->scope, tname, local_structure_at);
    if (!ed && !k)
        ed = mof_map_get(&ns->later_enums, tname);
    if (ed) {
        e = mof_map_get(&ns->pub.enums, ed->name);
        if (!e)
            return; /* it is in error: reported where it is declared */
        *type = e->type;
        *enum_decl = e;
        *flags |= MOF_F_ENUM;
        *flags &= ~(unsigned)(MOF_F_EMBEDDED_OBJECT | MOF_F_EMBEDDED_INSTANCE);
        *embedded_class = NULL;
        return;
    }
    if (!k)
        k = res_any_class(ns, tname);
    *type = MOF_INSTANCE;
    *flags &= ~(unsigned)MOF_F_EMBEDDED_OBJECT;
    *flags |= MOF_F_EMBEDDED_INSTANCE;
    *embedded_class = k ? k->name : tname;
    if (!k && !res_wmi_system(r, ns, tname, loc)) {
        mof_error(r->diag, loc, "type '%s' of %s '%s' is not a class, structure or enumeration "
                  "declared in namespace '%s'", tname, kind, name, ns->pub.name);
        res_note_local_elsewhere(r, ns, tname);
    }
}

static bool integer_type(mof_type t)
{
    return t >= MOF_UINT8 && t <= MOF_SINT64;
}

/* Enumerations are resolved before everything else (they depend on nothing but each other),
 * so that a property may be typed by one declared later, as DSP0221 3.0.1's own example does.
 * depth bounds a chain of enumerations deriving from ones declared later. */
static void resolve_enum(mof_resolver *r, res_ns *ns, mof_enum *e, unsigned depth)
{
    const mof_enum *sup = NULL, *prev = mof_map_get(&ns->pub.enums, e->name);
    const mof_enum_item **all;
    size_t nsup = 0, nall, i, j;
    if (prev == e || e->n_all_items || depth > RES_MAX_DEPTH)
        return; /* done already (as another's parent) */
    if (prev) {
        mof_error(r->diag, &e->loc, "enumeration '%s' is already declared in namespace '%s'%s",
                  e->name, ns->pub.name,
                  e->local_name ? " (a local enumeration is named after its class: Class_Name)"
                                : "");
        mof_note(r->diag, &prev->loc, "previous definition is here");
        return;
    }
    if (e->super_name) {
        /* a local enumeration may derive from one visible in its class (a superclass's) */
        const mof_class *oc = res_any_class(ns, e->outer);
        mof_enum *later = res_enum_decl(ns, oc, e->super_name);
        /* A local enumeration deriving from its superclass's of the same name (B's Kind from
         * A's Kind) would find itself: look from the superclass then. */
        if (later == e && oc && oc->super_name)
            later = res_enum_decl(ns, res_any_class(ns, oc->super_name), e->super_name);
        sup = later ? mof_map_get(&ns->pub.enums, later->name) : NULL;
        if (!sup && later && later != e) {
            resolve_enum(r, ns, later, depth + 1);
            sup = mof_map_get(&ns->pub.enums, later->name);
        }
        if (!sup) {
            mof_error(r->diag, &e->loc,
                      "enumeration '%s' of '%s' is not declared in namespace '%s'", e->super_name,
                      res_enum_label(e), ns->pub.name);
            return;
        }
        e->super = sup;
        e->type = sup->type;
        nsup = sup->n_all_items;
    } else if (!integer_type(e->type) && e->type != MOF_STRING) {
        mof_error(r->diag, &e->loc, "enumeration '%s' must be of an integer type or string, not %s",
                  res_enum_label(e), mof_type_name(e->type));
        return;
    }
    all = mof_alloc(r->a, (nsup + e->nitems + 1) * sizeof *all);
    if (!all)
        return;
    for (i = 0; i < nsup; i++)
        all[i] = sup->all_items[i];
    nall = nsup;
    for (i = 0; i < e->nitems; i++) {
        mof_enum_item *it = &e->items[i];
        const mof_value *v = it->value;
        bool bad = false;
        for (j = 0; j < nall; j++) {
            if (mof_name_eq(all[j]->name, it->name)) {
                mof_error(r->diag, &it->loc, "enumeration '%s' has value '%s' twice",
                          res_enum_label(e), it->name);
                mof_note(r->diag, &all[j]->loc, "previous definition is here");
                bad = true;
                break;
            }
        }
        if (bad)
            continue;
        if (e->type == MOF_STRING) {
            if (!v) {
                it->str = it->name;
            } else if (v->kind == MOF_V_STRING) {
                it->str = v->v.str.s;
            } else {
                mof_error(r->diag, &v->loc,
                          "value '%s' of string enumeration '%s' must be a string", it->name,
                          res_enum_label(e));
                continue;
            }
        } else if (!v) {
            mof_error(r->diag, &it->loc, "value '%s' of integer enumeration '%s' needs a number",
                      it->name, res_enum_label(e));
            continue;
        } else if (v->kind != MOF_V_INT) {
            mof_error(r->diag, &v->loc, "value '%s' of integer enumeration '%s' must be an integer",
                      it->name, res_enum_label(e));
            continue;
        } else {
            res_check_value(r, ns, it->value, e->type, false, 0, NULL, "enumeration value",
                            it->name, false, 0);
            it->mag = v->v.i.mag;
            it->neg = v->v.i.neg && v->v.i.mag;
        }
        all[nall++] = it;
    }
    e->all_items = all;
    e->n_all_items = nall;
    mof_map_put(&ns->pub.enums, r->a, e->name, e);
}

/* True when two declarations of a class say the same (what was written, not what resolution
 * added): a file included twice declares its classes twice. */
static bool quals_same(const mof_qualifiers *a, const mof_qualifiers *b)
{
    size_t i, na = 0, nb = 0;
    for (i = 0; i < a->n; i++)
        na += !a->items[i].propagated;
    for (i = 0; i < b->n; i++)
        nb += !b->items[i].propagated;
    if (na != nb)
        return false;
    for (i = 0; i < a->n; i++) {
        const mof_qualifier *x = &a->items[i], *y;
        if (x->propagated)
            continue;
        y = mof_quals_find(b, x->name);
        if (!y || y->propagated || !res_value_eq(x->value, y->value) || x->flavor != y->flavor)
            return false;
    }
    return true;
}

static bool prop_same(const mof_property *a, const mof_property *b)
{
    bool ta = a->type_name != NULL, tb = b->type_name != NULL;
    if (!mof_name_eq(a->name, b->name) || a->is_array != b->is_array ||
        a->array_size != b->array_size || ta != tb || !quals_same(&a->quals, &b->quals))
        return false;
    /* a resolved declaration's string may have become an embedded instance */
    if (ta ? !mof_name_eq(a->type_name, b->type_name)
           : a->type != b->type && !(a->type == MOF_INSTANCE && b->type == MOF_STRING))
        return false;
    if ((a->ref_class != NULL) != (b->ref_class != NULL) ||
        (a->ref_class && !mof_name_eq(a->ref_class, b->ref_class)))
        return false;
    if ((a->dflt != NULL) != (b->dflt != NULL) || (a->dflt && !res_value_eq(a->dflt, b->dflt)))
        return false;
    return true;
}

static bool class_same(const mof_class *a, const mof_class *b)
{
    size_t i, j;
    if ((a->super_name != NULL) != (b->super_name != NULL) ||
        (a->super_name && !mof_name_eq(a->super_name, b->super_name)) ||
        a->nprops != b->nprops || a->nmethods != b->nmethods ||
        a->is_structure != b->is_structure || !quals_same(&a->quals, &b->quals))
        return false;
    for (i = 0; i < a->nprops; i++)
        if (!prop_same(&a->props[i], &b->props[i]))
            return false;
    for (i = 0; i < a->nmethods; i++) {
        const mof_method *x = &a->methods[i], *y = &b->methods[i];
        if (!mof_name_eq(x->name, y->name) || x->nparams != y->nparams ||
            x->is_void != y->is_void || x->is_array != y->is_array ||
            !quals_same(&x->quals, &y->quals))
            return false;
        for (j = 0; j < x->nparams; j++)
            if (!prop_same(&x->params[j], &y->params[j]))
                return false;
    }
    return true;
}

static void resolve_props(mof_resolver *r, res_ns *ns, mof_class *c)
{
    const mof_class *sup = c->super;
    size_t nsup = sup ? sup->n_all_props : 0, nall = nsup, i;
    const mof_property **all;
    uint32_t stamp;

    all = mof_alloc(r->a, (nsup + c->nprops + 1) * sizeof *all);
    if (!all || !flatten_begin(r, nsup + c->nprops, &stamp))
        return;
    for (i = 0; i < nsup; i++) {
        all[i] = sup->all_props[i];
        res_index_put(r, all[i]->name, (uint32_t)i);
    }
    for (i = 0; i < c->nprops && !mof_diag_stop(r->diag); i++) {
        mof_property *p = &c->props[i];
        bool ref = p->type == MOF_REFERENCE;
        const mof_property *inh = NULL;
        long k;
        resolve_quals(r, ns, &p->quals);
        check_scopes(r, &p->quals, ref ? MOF_SCOPE_REFERENCE : MOF_SCOPE_PROPERTY,
                     ref ? MOF_SCOPE_REFERENCE : MOF_SCOPE_PROPERTY);
        p->origin = c;
        p->overridden = NULL;
        switch (flatten_place(r, p->name, &nall, stamp, &k)) {
        case FLAT_NEW:
            all[k] = p;
            break;
        case FLAT_DUP:
            mof_error(r->diag, &p->loc, "property '%s' is declared twice in class '%s'",
                      p->name, c->name);
            mof_note(r->diag, &all[k]->loc, "previous definition is here");
            continue;
        default:
            inh = all[k];
            all[k] = p;
            p->overridden = inh;
            p->origin = inh->origin;
            merge_quals(r, &p->quals, &inh->quals, "property", p->name, sup->name);
        }
        check_override_qual(r, c, &p->quals, "property", p->name, inh != NULL);
        p->flags = feature_flags(&p->quals, false) | (inh ? MOF_F_OVERRIDE : 0);
        apply_embedded(r, &p->quals, &p->type, &p->flags, &p->embedded_class, "property",
                       p->name);
        resolve_typed(r, ns, p->type_name, &p->type, &p->flags, &p->embedded_class,
                      &p->enum_decl, &p->loc, "property", p->name);
        check_valuemap(r, p);
        if (inh && (inh->type != p->type || inh->is_array != p->is_array)) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%s%s", mof_type_name(p->type), p->is_array ? "[]" : "");
            snprintf(b, sizeof b, "%s%s", mof_type_name(inh->type), inh->is_array ? "[]" : "");
            mof_error(r->diag, &p->loc, "property '%s' of type %s overrides one of type %s",
                      p->name, a, b);
            mof_note(r->diag, &inh->loc, "overridden property is here");
        }
        if (p->flags & MOF_F_KEY) {
            if (c->flags & MOF_C_STRUCTURE)
                mof_error(r->diag, &p->loc, "structure '%s' cannot have key property '%s'",
                          c->name, p->name);
            else if (p->is_array)
                mof_pedantic(r->diag, &p->loc, "key property '%s' is an array (mofcomp "
                             "accepts this)", p->name);
            if (!inh && sup && sup->nkeys && !(c->flags & MOF_C_STRUCTURE))
                mof_pedantic(r->diag, &p->loc, "class '%s' adds key property '%s' although "
                             "superclass '%s' already has keys (mofcomp and cimmof accept "
                             "this)", c->name, p->name, sup->name);
        }
    }
    c->all_props = all;
    c->n_all_props = nall;
    c->nkeys = 0;
    for (i = 0; i < nall; i++)
        if (all[i]->flags & MOF_F_KEY)
            c->nkeys++;
}

static bool same_signature(const mof_method *a, const mof_method *b)
{
    size_t i;
    if (a->type != b->type || a->is_array != b->is_array || a->nparams != b->nparams ||
        a->is_void != b->is_void)
        return false;
    for (i = 0; i < a->nparams; i++) {
        const mof_property *p = &a->params[i], *q = &b->params[i];
        if (!mof_name_eq(p->name, q->name) || p->type != q->type || p->is_array != q->is_array)
            return false;
    }
    return true;
}

static void resolve_params(mof_resolver *r, res_ns *ns, mof_method *m)
{
    size_t i, j;
    mof_map seen;
    mof_map_init(&seen);
    for (i = 0; i < m->nparams && !mof_diag_stop(r->diag); i++) {
        mof_property *p = &m->params[i];
        const mof_property *prev = NULL;
        resolve_quals(r, ns, &p->quals);
        check_scopes(r, &p->quals, MOF_SCOPE_PARAMETER, MOF_SCOPE_PARAMETER);
        p->flags = feature_flags(&p->quals, true);
        p->origin = NULL;
        p->overridden = NULL;
        apply_embedded(r, &p->quals, &p->type, &p->flags, &p->embedded_class, "parameter",
                       p->name);
        resolve_typed(r, ns, p->type_name, &p->type, &p->flags, &p->embedded_class,
                      &p->enum_decl, &p->loc, "parameter", p->name);
        if (m->nparams > 16) {
            prev = mof_map_put(&seen, r->a, p->name, p);
        } else {
            for (j = 0; j < i && !prev; j++)
                if (mof_name_eq(m->params[j].name, p->name))
                    prev = &m->params[j];
        }
        if (prev) {
            mof_error(r->diag, &p->loc, "parameter '%s' is declared twice in method '%s'",
                      p->name, m->name);
            mof_note(r->diag, &prev->loc, "previous definition is here");
        }
    }
}

static void resolve_methods(mof_resolver *r, res_ns *ns, mof_class *c)
{
    const mof_class *sup = c->super;
    size_t nsup = sup ? sup->n_all_methods : 0, nall = nsup, i;
    const mof_method **all;
    uint32_t stamp;

    all = mof_alloc(r->a, (nsup + c->nmethods + 1) * sizeof *all);
    if (!all || !flatten_begin(r, nsup + c->nmethods, &stamp))
        return;
    for (i = 0; i < nsup; i++) {
        all[i] = sup->all_methods[i];
        res_index_put(r, all[i]->name, (uint32_t)i);
    }
    if ((c->flags & MOF_C_STRUCTURE) && c->nmethods)
        mof_error(r->diag, &c->methods[0].loc, "structure '%s' cannot have methods", c->name);
    for (i = 0; i < c->nmethods && !mof_diag_stop(r->diag); i++) {
        mof_method *m = &c->methods[i];
        const mof_method *inh = NULL;
        long k;
        resolve_quals(r, ns, &m->quals);
        check_scopes(r, &m->quals, MOF_SCOPE_METHOD, MOF_SCOPE_METHOD);
        m->origin = c;
        switch (flatten_place(r, m->name, &nall, stamp, &k)) {
        case FLAT_NEW:
            all[k] = m;
            break;
        case FLAT_DUP:
            mof_error(r->diag, &m->loc, "method '%s' is declared twice in class '%s'", m->name,
                      c->name);
            mof_note(r->diag, &all[k]->loc, "previous definition is here");
            continue;
        default:
            inh = all[k];
            all[k] = m;
            m->origin = inh->origin;
            merge_quals(r, &m->quals, &inh->quals, "method", m->name, sup->name);
        }
        check_override_qual(r, c, &m->quals, "method", m->name, inh != NULL);
        m->flags = feature_flags(&m->quals, true) & ~(unsigned)(MOF_F_IN | MOF_F_OUT);
        if (inh)
            m->flags |= MOF_F_OVERRIDE;
        apply_embedded(r, &m->quals, &m->type, &m->flags, &m->embedded_class, "method",
                       m->name);
        resolve_typed(r, ns, m->type_name, &m->type, &m->flags, &m->embedded_class, &m->enum_decl,
                      &m->loc, "method", m->name);
        resolve_params(r, ns, m);
        if (inh && !same_signature(m, inh)) {
            mof_pedantic(r->diag, &m->loc, "method '%s' overrides one with a different "
                         "signature (mofcomp accepts this)", m->name);
            mof_note(r->diag, &inh->loc, "overridden method is here");
        }
    }
    c->all_methods = all;
    c->n_all_methods = nall;
}

/* Class qualifiers: what kind of class this is decides which scopes apply. */
static void resolve_class_quals(mof_resolver *r, res_ns *ns, mof_class *c)
{
    const mof_class *sup = c->super;
    unsigned allowed = MOF_SCOPE_CLASS, what = MOF_SCOPE_CLASS;
    bool assoc, indic;
    resolve_quals(r, ns, &c->quals);
    assoc = qual_bool(&c->quals, "Association", false);
    indic = qual_bool(&c->quals, "Indication", false);
    if (sup && (sup->flags & MOF_C_ASSOCIATION))
        assoc = true;
    if (sup && (sup->flags & MOF_C_INDICATION))
        indic = true;
    if (assoc) {
        allowed |= MOF_SCOPE_ASSOCIATION;
        what = MOF_SCOPE_ASSOCIATION;
    }
    if (indic) {
        allowed |= MOF_SCOPE_INDICATION;
        what = MOF_SCOPE_INDICATION;
    }
    if (c->is_structure) {
        allowed |= MOF_SCOPE_STRUCTURE;
        what = MOF_SCOPE_STRUCTURE;
    }
    check_scopes(r, &c->quals, allowed, what);
    if (sup)
        merge_quals(r, &c->quals, &sup->quals, "class", c->name, sup->name);
    c->flags = 0;
    if (assoc)
        c->flags |= MOF_C_ASSOCIATION;
    if (indic)
        c->flags |= MOF_C_INDICATION;
    if (qual_bool(&c->quals, "Abstract", false))
        c->flags |= MOF_C_ABSTRACT;
    if (qual_bool(&c->quals, "Terminal", false))
        c->flags |= MOF_C_TERMINAL;
    if (qual_bool(&c->quals, "Exception", false))
        c->flags |= MOF_C_EXCEPTION;
    if (c->is_structure)
        c->flags |= MOF_C_STRUCTURE;
    /* (MOF 3's own example derives `association GOLF_Lesson : GOLF_Base` from a class; a
     * superclass below a missing one may be an association through it: nothing to say) */
    if (assoc && sup && !(sup->flags & MOF_C_ASSOCIATION) && !c->mof3_keyword &&
        !res_class_incomplete(sup)) {
        const mof_qualifier *q = mof_quals_find(&c->quals, "Association");
        mof_pedantic(r->diag, q ? &q->loc : &c->loc,
                     "association '%s' derives from '%s', which is not an association "
                     "(mofcomp accepts this)", c->name, sup->name);
    }
}

/* A WMI data block class (WDK driver MOF): it or a superclass carries the WMI qualifier. A
 * class whose superclass is missing (an error already) counts too: its context is unknown, and
 * WDK MOF derives from classes that live only in a Windows repository. */
static bool is_wmi_class(const mof_class *c)
{
    if (res_class_incomplete(c))
        return true;
    for (; c; c = c->super)
        if (mof_quals_find(&c->quals, "WMI"))
            return true;
    return false;
}

static void resolve_class(mof_resolver *r, res_ns *ns, mof_class *c)
{
    mof_class *prev = mof_map_get(&ns->pub.classes, c->name);
    size_t i, nrefs = 0;
    c->ns = &ns->pub;
    c->super = NULL;
    c->depth = 0;
    r->scope = c; /* for the names its features' types use (local declarations) */
    if (prev) {
        if (class_same(prev, c))
            return; /* the same declaration again (an include read twice): nothing new */
        if (c->outer || prev->outer) {
            mof_error(r->diag, &c->loc, "%s '%s' is already declared in namespace '%s' (a local "
                      "structure is named after its class: Class_Name)",
                      c->is_structure ? "structure" : "class", c->name, ns->pub.name);
            mof_note(r->diag, &prev->loc, "previous definition is here");
            return;
        }
        mof_pedantic(r->diag, &c->loc, "class '%s' is declared again in namespace '%s'; the "
                     "later declaration replaces the earlier (mofcomp and cimmof accept this)",
                     c->name, ns->pub.name);
        mof_note(r->diag, &prev->loc, "previous definition is here");
    }
    if (c->super_name) {
        const mof_class *sup = mof_map_get(&ns->pub.classes, c->super_name);
        if (sup) {
            c->super = sup;
            c->depth = sup->depth + 1;
            if (sup->flags & MOF_C_TERMINAL)
                mof_error(r->diag, &c->loc, "class '%s' cannot derive from terminal class '%s'",
                          c->name, sup->name);
            if (c->is_structure && !(sup->flags & MOF_C_STRUCTURE))
                mof_error(r->diag, &c->loc, "structure '%s' cannot derive from class '%s'",
                          c->name, sup->name);
        } else if (mof_name_eq(c->super_name, c->name)) {
            mof_error(r->diag, &c->loc, "class '%s' cannot be its own superclass", c->name);
        } else {
            const mof_class *later = mof_map_get(&ns->later_classes, c->super_name);
            if (later && later != c) {
                mof_error(r->diag, &c->loc, "superclass '%s' of class '%s' must be declared "
                          "before it", later->name, c->name);
                mof_note(r->diag, &later->loc, "'%s' is declared here", later->name);
            } else if (!mof_quals_find(&c->quals, "Amendment") &&
                       !res_wmi_system(r, ns, c->super_name, &c->loc)) {
                /* WMI's localized amendments (.mfl) name superclasses that live in the
                 * base namespace. */
                mof_error(r->diag, &c->loc, "superclass '%s' of class '%s' is not declared in "
                          "namespace '%s'", c->super_name, c->name, ns->pub.name);
            }
        }
    }
    mof_map_set(&ns->pub.classes, r->a, c->name, c);
    r->wmi_class = is_wmi_class(c);
    resolve_class_quals(r, ns, c);
    resolve_props(r, ns, c);
    resolve_methods(r, ns, c);
    r->wmi_class = false;
    for (i = 0; i < c->n_all_props; i++)
        if (c->all_props[i]->type == MOF_REFERENCE)
            nrefs++;
    /* A class below a missing superclass (reported where it is named) lacks the references it
     * would inherit: no knock-on warning. cimmof does not count them: OpenLMI declares
     * method-parameter classes as associations with none. */
    if ((c->flags & MOF_C_ASSOCIATION) && nrefs < 2 && !res_class_incomplete(c))
        mof_pedantic(r->diag, &c->loc, "association '%s' has %zu reference%s; DSP0004 asks for "
                     "at least two (cimmof accepts this)", c->name, nrefs, nrefs == 1 ? "" : "s");
    /* Default values last: an embedded instance in one resolves through the scratch index. */
    for (i = 0; i < c->nprops && !mof_diag_stop(r->diag); i++) {
        mof_property *p = &c->props[i];
        r->cur_enum = p->enum_decl;
        res_check_value(r, ns, p->dflt, p->type, p->is_array, p->array_size,
                        p->type == MOF_REFERENCE ? p->ref_class : p->embedded_class, "property",
                        p->name, false, 0);
    }
    r->cur_enum = NULL;
}

static void delete_class(mof_resolver *r, res_ns *ns, const mof_decl *d)
{
    const mof_class *c = mof_map_get(&ns->pub.classes, d->u.del.name);
    size_t i;
    if (!c) {
        if (!d->u.del.nofail)
            mof_error(r->diag, &d->loc, "cannot delete class '%s': it is not declared in "
                      "namespace '%s'", d->u.del.name, ns->pub.name);
        return;
    }
    /* Subclasses go with their class, as CIM servers delete them. */
    for (i = ns->pub.classes.n; i-- > 0;) {
        const mof_class *k = mof_map_at(&ns->pub.classes, i);
        if (k != c && mof_class_isa(k, c))
            mof_map_del(&ns->pub.classes, r->a, k->name);
    }
    mof_map_del(&ns->pub.classes, r->a, c->name);
}

/* ---- checks once the whole unit is known ---- */

static void check_embedded_class(mof_resolver *r, res_ns *ns, const mof_qualifiers *q,
                                 const char *cls)
{
    const mof_qualifier *ei;
    if (!cls || mof_map_get(&ns->pub.classes, cls))
        return;
    ei = mof_quals_find(q, "EmbeddedInstance");
    if (!ei || ei->propagated)
        return;
    mof_pedantic(r->diag, &ei->loc, "class '%s' named by EmbeddedInstance is not declared in "
                 "namespace '%s'", cls, ns->pub.name);
}

/* A reference's class (a property's, or a parameter's when param is true). */
static void check_ref_class(mof_resolver *r, res_ns *ns, const mof_property *p, bool param)
{
    const mof_class *rc, *base;
    if (p->type != MOF_REFERENCE || !p->ref_class)
        return;
    rc = mof_map_get(&ns->pub.classes, p->ref_class);
    if (!rc) {
        if (res_wmi_system(r, ns, p->ref_class, &p->loc))
            return;
        /* cimmof checks a reference property's class, not a parameter's. */
        if (param)
            mof_pedantic(r->diag, &p->loc, "class '%s' of reference parameter '%s' is not "
                         "declared in namespace '%s'; it is read as a reference to any class "
                         "(cimmof accepts this)", p->ref_class, p->name, ns->pub.name);
        else
            mof_error(r->diag, &p->loc, "class '%s' of reference '%s' is not declared in "
                      "namespace '%s'", p->ref_class, p->name, ns->pub.name);
        return;
    }
    if (p->overridden && p->overridden->type == MOF_REFERENCE && p->overridden->ref_class) {
        base = mof_map_get(&ns->pub.classes, p->overridden->ref_class);
        /* OMI's own network schema narrows references this way, and omigen compiles it. */
        if (base && !mof_class_isa(rc, base)) {
            mof_pedantic(r->diag, &p->loc, "reference '%s' to '%s' overrides one to '%s', which "
                         "is not a superclass of it (omigen accepts this)", p->name, rc->name,
                         base->name);
            mof_note(r->diag, &p->overridden->loc, "overridden reference is here");
        }
    }
}

static void check_namespace(mof_resolver *r, res_ns *ns)
{
    size_t i, j, k;
    for (i = 0; i < ns->pub.classes.n && !mof_diag_stop(r->diag); i++) {
        const mof_class *c = mof_map_at(&ns->pub.classes, i);
        for (j = 0; j < c->nprops; j++) {
            check_ref_class(r, ns, &c->props[j], false);
            check_embedded_class(r, ns, &c->props[j].quals, c->props[j].embedded_class);
        }
        for (j = 0; j < c->nmethods; j++) {
            const mof_method *m = &c->methods[j];
            check_embedded_class(r, ns, &m->quals, m->embedded_class);
            for (k = 0; k < m->nparams; k++) {
                check_ref_class(r, ns, &m->params[k], true);
                check_embedded_class(r, ns, &m->params[k].quals, m->params[k].embedded_class);
            }
        }
    }
}

static void resolve_alias_uses(mof_resolver *r)
{
    size_t i;
    for (i = 0; i < r->nalias_uses && !mof_diag_stop(r->diag); i++) {
        res_alias_use *use = &r->alias_uses[i];
        mof_value *v = use->v;
        const mof_instance *t = mof_map_get(&r->s->aliases, v->v.alias.name);
        const mof_class *want;
        if (!t) {
            mof_error(r->diag, &v->loc, "alias '$%s' is not defined", v->v.alias.name);
            continue;
        }
        v->v.alias.target = t;
        if (!use->cls || !t->cls)
            continue;
        want = mof_map_get(&use->ns->pub.classes, use->cls);
        if (want && !mof_class_isa(t->cls, want))
            mof_error(r->diag, &v->loc, "%s '%s' refers to a '%s', but '$%s' is a '%s'",
                      use->kind, use->name, want->name, v->v.alias.name, t->cls->name);
    }
}

/* ---- the driver ---- */

int mof_resolve(mof_unit *u, mof_schema *schema, const mof_resolve_options *opts)
{
    mof_resolver r;
    const mof_decl *d;
    const char *last_name = NULL;
    res_ns *ns = NULL;
    mof_diag quiet;
    int rc;
    unsigned errors0;
    size_t i;

    if (!u->diag) {
        mof_diag_init(&quiet, NULL);
        u->diag = &quiet;
    }
    memset(schema, 0, sizeof *schema);
    memset(&r, 0, sizeof r);
    errors0 = u->diag->errors;
    schema->unit = u;
    r.u = u;
    r.s = schema;
    r.diag = u->diag;
    r.a = &u->arena;
    schema->default_ns =
        normalize_ns(r.a, opts && opts->default_ns ? opts->default_ns : "root/cimv2");
    if (!opts || !opts->no_builtin_quals)
        load_builtins(&r);

    /* First pass: namespaces in first-seen order, and every class and qualifier declared, so
     * that a use before its declaration gets a precise message. */
    for (d = u->decls; d; d = d->next) {
        const char *name = d->ns ? d->ns : schema->default_ns;
        if (!ns || name != last_name) {
            ns = get_ns(&r, name);
            last_name = name;
            if (!ns)
                break;
        }
        if (d->kind == MOF_D_CLASS)
            mof_map_put(&ns->later_classes, r.a, d->u.cls->name, d->u.cls);
        else if (d->kind == MOF_D_ENUM)
            mof_map_put(&ns->later_enums, r.a, d->u.en->name, d->u.en);
        else if (d->kind == MOF_D_QUALDECL && !d->u.qualdecl->flavor_only)
            mof_map_put(&ns->later_quals, r.a, d->u.qualdecl->name, d->u.qualdecl);
    }
    if (!schema->namespaces.n)
        get_ns(&r, schema->default_ns);

    /* Enumerations first: they may type what is declared before them. */
    ns = NULL;
    last_name = NULL;
    for (d = u->decls; d && !mof_diag_stop(r.diag) && !r.a->failed; d = d->next) {
        const char *name = d->ns ? d->ns : schema->default_ns;
        if (d->kind != MOF_D_ENUM)
            continue;
        if (!ns || name != last_name) {
            ns = get_ns(&r, name);
            last_name = name;
            if (!ns)
                break;
        }
        resolve_enum(&r, ns, d->u.en, 0);
    }

    ns = NULL;
    last_name = NULL;
    for (d = u->decls; d && !mof_diag_stop(r.diag) && !r.a->failed; d = d->next) {
        const char *name = d->ns ? d->ns : schema->default_ns;
        if (!ns || name != last_name) {
            ns = get_ns(&r, name);
            last_name = name;
            if (!ns)
                break;
        }
        r.scope = NULL; /* a class's own, while resolve_class resolves it */
        switch (d->kind) {
        case MOF_D_QUALDECL:
            check_qualdecl(&r, ns, d->u.qualdecl);
            break;
        case MOF_D_CLASS:
            resolve_class(&r, ns, d->u.cls);
            break;
        case MOF_D_INSTANCE:
            res_instance(&r, ns, d->u.inst, 0);
            add_instance(&r, ns, d->u.inst);
            break;
        case MOF_D_DELETECLASS:
            delete_class(&r, ns, d);
            break;
        case MOF_D_ENUM: {
            /* (resolved before; its qualifiers here, where the qualifiers it uses are known) */
            size_t k;
            resolve_quals(&r, ns, &d->u.en->quals);
            for (k = 0; k < d->u.en->nitems; k++)
                resolve_quals(&r, ns, &d->u.en->items[k].quals);
            break;
        }
        }
    }
    for (i = 0; i < schema->namespaces.n && !mof_diag_stop(r.diag); i++)
        check_namespace(&r, mof_map_at(&schema->namespaces, i));
    if (!mof_diag_stop(r.diag))
        resolve_alias_uses(&r);

    if (r.nomem)
        r.a->failed = true;
    free(r.alias_uses);
    free(r.slots);
    free(r.seen);
    free(r.seen_stamp);
    rc = u->diag->errors > errors0 || r.a->failed ? -1 : 0;
    if (u->diag == &quiet)
        u->diag = NULL;
    return rc;
}
