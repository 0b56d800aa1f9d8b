/* SPDX-License-Identifier: MIT */
/* generator/mof/resolve_value.c: type and range checks of values, and resolution of instances. */
#include "resolve_int.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool int_in_range(mof_type t, uint64_t mag, bool neg);

static const char *value_kind(const mof_value *v)
{
    switch (v->kind) {
    case MOF_V_NULL:
        return "null";
    case MOF_V_BOOL:
        return "a boolean value";
    case MOF_V_INT:
        return "an integer value";
    case MOF_V_REAL:
        return "a real value";
    case MOF_V_STRING:
        return "a string value";
    case MOF_V_CHAR16:
        return "a char16 value";
    case MOF_V_ARRAY:
        return "an array value";
    case MOF_V_ALIAS:
        return "an alias";
    case MOF_V_INSTANCE:
        return "an instance";
    case MOF_V_ENUM:
        return "an enumeration value";
    }
    return "a value";
}

static const char *type_name(mof_type t, bool is_array, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", mof_type_name(t), is_array ? "[]" : "");
    return buf;
}

bool res_int_fits(mof_type t, uint64_t mag, bool neg)
{
    return int_in_range(t, mag, neg);
}

/* The largest magnitude of each integer type; signed types allow one more when negative. */
static bool int_in_range(mof_type t, uint64_t mag, bool neg)
{
    uint64_t max;
    bool is_signed = false;
    switch (t) {
    case MOF_UINT8:
        max = UINT8_MAX;
        break;
    case MOF_UINT16:
        max = UINT16_MAX;
        break;
    case MOF_UINT32:
        max = UINT32_MAX;
        break;
    case MOF_UINT64:
        max = UINT64_MAX;
        break;
    case MOF_SINT8:
        max = INT8_MAX;
        is_signed = true;
        break;
    case MOF_SINT16:
        max = INT16_MAX;
        is_signed = true;
        break;
    case MOF_SINT32:
        max = INT32_MAX;
        is_signed = true;
        break;
    case MOF_SINT64:
        max = INT64_MAX;
        is_signed = true;
        break;
    case MOF_CHAR16:
        max = UINT16_MAX;
        break;
    default:
        return true;
    }
    if (neg && mag != 0)
        return is_signed && mag - 1 <= max;
    return mag <= max;
}

static bool all_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool all_stars(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != '*')
            return false;
    return true;
}

/* A field of digits within [lo, hi], or all asterisks (DSP0004: not significant). */
static bool dt_field(const char *s, size_t n, unsigned lo, unsigned hi)
{
    unsigned v = 0;
    size_t i;
    if (all_stars(s, n))
        return true;
    if (!all_digits(s, n))
        return false;
    for (i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] - '0');
    return v >= lo && v <= hi;
}

/* DSP0004 datetime: yyyymmddhhmmss.mmmmmmsutc for a timestamp, ddddddddhhmmss.mmmmmm:000 for
 * an interval; asterisks may stand for digits that are not significant. */
static bool datetime_ok(const char *s, size_t n)
{
    size_t i;
    if (n != 25 || s[14] != '.')
        return false;
    for (i = 15; i < 21; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '*'))
            return false;
    if (s[21] == ':') {
        return dt_field(s, 8, 0, 99999999) && dt_field(s + 8, 2, 0, 23) &&
               dt_field(s + 10, 2, 0, 59) && dt_field(s + 12, 2, 0, 59) &&
               memcmp(s + 22, "000", 3) == 0;
    }
    if (s[21] != '+' && s[21] != '-')
        return false;
    return dt_field(s, 4, 0, 9999) && dt_field(s + 4, 2, 1, 12) && dt_field(s + 6, 2, 1, 31) &&
           dt_field(s + 8, 2, 0, 23) && dt_field(s + 10, 2, 0, 59) &&
           dt_field(s + 12, 2, 0, 60) && all_digits(s + 22, 3);
}

static void note_alias_use(mof_resolver *r, res_ns *ns, mof_value *v, const char *cls,
                           const char *kind, const char *name)
{
    res_alias_use *u;
    if (r->nalias_uses == r->alias_cap) {
        size_t ncap = r->alias_cap ? r->alias_cap * 2 : 64;
        res_alias_use *n = realloc(r->alias_uses, ncap * sizeof *n);
        if (!n) {
            r->nomem = true;
            return;
        }
        r->alias_uses = n;
        r->alias_cap = ncap;
    }
    u = &r->alias_uses[r->nalias_uses++];
    u->v = v;
    u->cls = cls;
    u->ns = ns;
    u->kind = kind;
    u->name = name;
}

static void mismatch(mof_resolver *r, const mof_value *v, mof_type type, bool is_array,
                     const char *kind, const char *name)
{
    char tb[32];
    mof_error(r->diag, &v->loc, "%s %s '%s' cannot take %s", type_name(type, is_array, tb,
              sizeof tb), kind, name, value_kind(v));
}

static const char *enum_item_name_at(const void *ctx, size_t i)
{
    return ((const mof_enum *)ctx)->all_items[i]->name;
}

/* An enumeration value by name (MOF 3) becomes the integer or string it stands for; a value
 * given as that integer or string must be one of the enumeration's. */
static void check_enum(mof_resolver *r, res_ns *ns, const mof_enum *e, mof_value *v,
                       const char *kind, const char *name)
{
    const mof_enum *k;
    size_t i;
    if (v->kind == MOF_V_ENUM) {
        const char *vn = v->v.enumv.name, *hint;
        if (v->v.enumv.type) {
            /* Enum.Value: Enum as the scope sees it (a local one first), e or an ancestor */
            const char *tn = v->v.enumv.type;
            const mof_enum *t = res_enum_named(r, ns, tn);
            for (k = e; k && k != t; k = k->super)
                ;
            if (!t) {
                mof_error(r->diag, &v->loc,
                          "'%s' in '%s.%s' is not an enumeration declared in namespace '%s'", tn,
                          tn, vn, ns->pub.name);
                res_note_local_elsewhere(r, ns, tn);
                return;
            }
            if (!k) {
                /* two local enumerations written alike: their full names tell them apart */
                bool alike = mof_name_eq(res_enum_label(e), res_enum_label(t));
                mof_error(r->diag, &v->loc, "%s '%s' takes values of enumeration '%s', not of '%s'",
                          kind, name, alike ? e->name : res_enum_label(e), alike ? t->name : tn);
                return;
            }
        }
        for (i = 0; i < e->n_all_items; i++) {
            const mof_enum_item *it = e->all_items[i];
            if (!mof_name_eq(it->name, vn))
                continue;
            if (e->type == MOF_STRING) {
                v->kind = MOF_V_STRING;
                v->v.str.s = it->str;
                v->v.str.len = strlen(it->str);
            } else {
                v->kind = MOF_V_INT;
                v->v.i.mag = it->mag;
                v->v.i.neg = it->neg;
            }
            return;
        }
        hint = mof_suggest(vn, e->n_all_items, enum_item_name_at, e);
        if (hint)
            mof_error(r->diag, &v->loc,
                      "'%s' is not a value of enumeration '%s' (did you mean '%s'?)", vn,
                      res_enum_label(e), hint);
        else
            mof_error(r->diag, &v->loc, "'%s' is not a value of enumeration '%s'", vn,
                      res_enum_label(e));
        return;
    }
    for (i = 0; i < e->n_all_items; i++) {
        const mof_enum_item *it = e->all_items[i];
        if (e->type == MOF_STRING ? v->kind == MOF_V_STRING && strcmp(it->str, v->v.str.s) == 0
                                  : v->kind == MOF_V_INT && it->mag == v->v.i.mag &&
                                        it->neg == (v->v.i.neg && v->v.i.mag))
            return;
    }
    if (v->kind == MOF_V_INT)
        mof_error(r->diag, &v->loc,
                  "value %s%" PRIu64 " of %s '%s' is not a value of enumeration '%s'",
                  v->v.i.neg ? "-" : "", v->v.i.mag, kind, name, res_enum_label(e));
    else if (v->kind == MOF_V_STRING)
        mof_error(r->diag, &v->loc, "value \"%.*s\" of %s '%s' is not a value of enumeration '%s'",
                  v->v.str.len > 40 ? 40 : (int)v->v.str.len, v->v.str.s, kind, name,
                  res_enum_label(e));
}

/* A one-character string given to a char16 (mofcomp and cimmof read it as that character). */
static bool char16_from_string(mof_resolver *r, mof_value *v, const char *kind,
                               const char *name)
{
    const char *p = v->v.str.s, *bad = NULL;
    uint32_t cp = 0;
    size_t n = 0;
    const unsigned char *u = (const unsigned char *)p;
    if (v->v.str.len == 0)
        return false;
    /* one UTF-8 character of at most three bytes */
    n = u[0] < 0x80 ? 1 : u[0] >= 0xE0 ? 3 : 2;
    if (n != v->v.str.len || (n == 3 && u[0] >= 0xF0))
        return false;
    if (n == 1)
        cp = u[0];
    else if (n == 2)
        cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    else
        cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    (void)bad;
    mof_pedantic(r->diag, &v->loc, "char16 %s '%s' is given a string of one character; it is "
                 "read as that character (mofcomp and cimmof accept this)", kind, name);
    v->kind = MOF_V_CHAR16;
    v->v.c16 = (uint16_t)cp;
    return true;
}

static void check_scalar(mof_resolver *r, res_ns *ns, mof_value *v, mof_type type,
                         bool is_array, const char *cls, const char *kind, const char *name,
                         unsigned depth)
{
    char tb[32];
    if (v->kind == MOF_V_NULL)
        return;
    if (r->cur_enum) {
        check_enum(r, ns, r->cur_enum, v, kind, name);
        if (v->kind == MOF_V_ENUM)
            return; /* reported */
    } else if (v->kind == MOF_V_ENUM) {
        mof_error(r->diag, &v->loc, "%s %s '%s' is not typed by an enumeration: '%s%s%s' is not "
                  "a value it can take", type_name(type, is_array, tb, sizeof tb), kind, name,
                  v->v.enumv.type ? v->v.enumv.type : "", v->v.enumv.type ? "." : "",
                  v->v.enumv.name);
        return;
    }
    switch (type) {
    case MOF_BOOLEAN:
        if (v->kind != MOF_V_BOOL)
            mismatch(r, v, type, is_array, kind, name);
        return;
    case MOF_UINT8:
    case MOF_SINT8:
    case MOF_UINT16:
    case MOF_SINT16:
    case MOF_UINT32:
    case MOF_SINT32:
    case MOF_UINT64:
    case MOF_SINT64:
    case MOF_CHAR16:
        if (type == MOF_CHAR16 && v->kind == MOF_V_CHAR16)
            return;
        if (type == MOF_CHAR16 && v->kind == MOF_V_STRING && char16_from_string(r, v, kind, name))
            return;
        if (v->kind != MOF_V_INT) {
            mismatch(r, v, type, is_array, kind, name);
        } else if (!int_in_range(type, v->v.i.mag, v->v.i.neg)) {
            mof_error(r->diag, &v->loc, "value %s%" PRIu64 " is out of range for %s %s '%s'",
                      v->v.i.neg ? "-" : "", v->v.i.mag, mof_type_name(type), kind, name);
        }
        return;
    case MOF_REAL32:
    case MOF_REAL64:
        if (v->kind == MOF_V_INT)
            return;
        if (v->kind != MOF_V_REAL)
            mismatch(r, v, type, is_array, kind, name);
        else if (type == MOF_REAL32 && isfinite(v->v.r) && fabs(v->v.r) > FLT_MAX)
            mof_error(r->diag, &v->loc, "value %g is out of range for real32 %s '%s'", v->v.r,
                      kind, name);
        return;
    case MOF_DATETIME:
        if (v->kind != MOF_V_STRING)
            mismatch(r, v, type, is_array, kind, name);
        else if (!datetime_ok(v->v.str.s, v->v.str.len))
            mof_error(r->diag, &v->loc, "invalid datetime value \"%.*s\" for %s %s '%s'",
                      v->v.str.len > 40 ? 40 : (int)v->v.str.len, v->v.str.s,
                      type_name(type, is_array, tb, sizeof tb), kind, name);
        return;
    case MOF_STRING:
        if (v->kind != MOF_V_STRING)
            mismatch(r, v, type, is_array, kind, name);
        return;
    case MOF_REFERENCE:
        if (v->kind == MOF_V_ALIAS)
            note_alias_use(r, ns, v, cls, kind, name);
        else if (v->kind != MOF_V_STRING)
            mismatch(r, v, type, is_array, kind, name);
        return;
    case MOF_INSTANCE:
        if (v->kind == MOF_V_ALIAS) {
            note_alias_use(r, ns, v, cls, kind, name);
        } else if (v->kind == MOF_V_INSTANCE) {
            mof_instance *in = v->v.inst;
            const mof_enum *saved = r->cur_enum;
            const mof_class *local = cls ? mof_schema_class(r->s, ns->pub.name, cls) : NULL;
            /* `value of Name` where the property is typed by the local structure Name of its
             * class (named Class_Name in the schema), which is visible there. */
            if (local && local->local_name && in->class_name &&
                mof_name_eq(in->class_name, local->local_name) &&
                !mof_map_get(&ns->pub.classes, in->class_name))
                in->class_name = local->name;
            res_instance(r, ns, in, depth + 1);
            r->cur_enum = saved;
            if (cls && in->cls) {
                const mof_class *want = mof_schema_class(r->s, ns->pub.name, cls);
                if (want && !mof_class_isa(in->cls, want))
                    mof_error(r->diag, &v->loc,
                              "%s '%s' takes an instance of '%s', not of '%s'", kind, name,
                              want->name, in->cls->name);
            }
        } else if (v->kind != MOF_V_STRING) {
            mismatch(r, v, type, is_array, kind, name);
        }
        return;
    }
}

void res_check_value(mof_resolver *r, res_ns *ns, mof_value *v, mof_type type, bool is_array,
                     uint32_t array_size, const char *cls, const char *kind, const char *name,
                     bool lenient_array, unsigned depth)
{
    size_t i;
    if (!v || v->kind == MOF_V_NULL)
        return;
    if (depth > RES_MAX_DEPTH) {
        mof_error(r->diag, &v->loc, "values nest too deeply");
        return;
    }
    if (!is_array) {
        if (v->kind == MOF_V_ARRAY)
            mof_error(r->diag, &v->loc, "%s '%s' is not an array", kind, name);
        else
            check_scalar(r, ns, v, type, false, cls, kind, name, depth);
        return;
    }
    if (v->kind != MOF_V_ARRAY) {
        if (lenient_array)
            check_scalar(r, ns, v, type, true, cls, kind, name, depth);
        else
            mof_error(r->diag, &v->loc, "%s '%s' is an array: write its value in braces", kind,
                      name);
        return;
    }
    if (array_size && v->v.arr.n > array_size)
        mof_pedantic(r->diag, &v->loc, "%s '%s' is declared to hold at most %" PRIu32
                     " elements, not %zu; all are kept (mofcomp accepts this)", kind, name,
                     array_size, v->v.arr.n);
    for (i = 0; i < v->v.arr.n && !mof_diag_stop(r->diag); i++) {
        mof_value *it = &v->v.arr.items[i];
        if (it->kind == MOF_V_ARRAY)
            mof_error(r->diag, &it->loc, "arrays of arrays are not allowed in %s '%s'", kind,
                      name);
        else
            check_scalar(r, ns, it, type, true, cls, kind, name, depth);
    }
}

bool res_value_eq(const mof_value *a, const mof_value *b)
{
    static const mof_value vtrue = {MOF_V_BOOL, {NULL, 0, 0}, {true}};
    size_t i;
    if (!a)
        a = &vtrue;
    if (!b)
        b = &vtrue;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case MOF_V_NULL:
        return true;
    case MOF_V_BOOL:
        return a->v.b == b->v.b;
    case MOF_V_INT:
        return a->v.i.mag == b->v.i.mag && (a->v.i.neg == b->v.i.neg || a->v.i.mag == 0);
    case MOF_V_REAL:
        return a->v.r == b->v.r;
    case MOF_V_STRING:
        return a->v.str.len == b->v.str.len && memcmp(a->v.str.s, b->v.str.s, a->v.str.len) == 0;
    case MOF_V_CHAR16:
        return a->v.c16 == b->v.c16;
    case MOF_V_ARRAY:
        if (a->v.arr.n != b->v.arr.n)
            return false;
        for (i = 0; i < a->v.arr.n; i++)
            if (!res_value_eq(&a->v.arr.items[i], &b->v.arr.items[i]))
                return false;
        return true;
    case MOF_V_ALIAS:
        return mof_name_eq(a->v.alias.name, b->v.alias.name);
    case MOF_V_INSTANCE:
        return a->v.inst == b->v.inst;
    case MOF_V_ENUM:
        return mof_name_eq(a->v.enumv.name, b->v.enumv.name) &&
               (!a->v.enumv.type) == (!b->v.enumv.type) &&
               (!a->v.enumv.type || mof_name_eq(a->v.enumv.type, b->v.enumv.type));
    }
    return false;
}

/* Index over the flattened properties of a class, for classes too big to scan. */
static long find_prop(mof_resolver *r, const mof_class *c, const char *name, bool indexed)
{
    size_t i;
    if (indexed)
        return res_index_get(r, name);
    for (i = 0; i < c->n_all_props; i++)
        if (mof_name_eq(c->all_props[i]->name, name))
            return (long)i;
    return -1;
}

void res_instance(mof_resolver *r, res_ns *ns, mof_instance *inst, unsigned depth)
{
    const mof_class *c, *saved_scope;
    bool indexed, incomplete;
    size_t i;
    uint32_t stamp;

    inst->ns = &ns->pub;
    if (depth > RES_MAX_DEPTH) {
        mof_error(r->diag, &inst->loc, "instances nest too deeply");
        return;
    }
    if (inst->alias) {
        const mof_instance *prev = mof_map_put(&r->s->aliases, r->a, inst->alias, inst);
        if (prev) {
            mof_error(r->diag, &inst->loc, "alias '$%s' is already defined", inst->alias);
            mof_note(r->diag, &prev->loc, "previous definition is here");
        }
    }
    res_instance_quals(r, ns, &inst->quals);
    for (i = 0; i < inst->nvals; i++)
        res_instance_quals(r, ns, &inst->vals[i].quals);
    c = mof_map_get(&ns->pub.classes, inst->class_name);
    inst->cls = c;
    if (!c) {
        const mof_class *later = mof_map_get(&ns->later_classes, inst->class_name);
        if (later) {
            mof_error(r->diag, &inst->loc, "class '%s' must be declared before its instances",
                      inst->class_name);
            mof_note(r->diag, &later->loc, "'%s' is declared here", later->name);
        } else if (!res_wmi_system(r, ns, inst->class_name, &inst->loc)) {
            mof_error(r->diag, &inst->loc, "class '%s' is not declared in namespace '%s'",
                      inst->class_name, ns->pub.name);
        }
        return;
    }
    if ((c->flags & MOF_C_ABSTRACT) && !inst->is_value)
        mof_error(r->diag, &inst->loc, "cannot create an instance of abstract class '%s'",
                  c->name);
    if ((c->flags & MOF_C_STRUCTURE) && !inst->is_value && !inst->embedded)
        mof_error(r->diag, &inst->loc, "'%s' is a structure: write 'value of %s', not "
                  "'instance of'", c->name, c->name);

    /* First look every property up (the index is reused by nested instances), then check the
     * values, which may recurse. */
    indexed = c->n_all_props > 16;
    if (indexed) {
        if (!res_index_reset(r, c->n_all_props))
            return;
        for (i = 0; i < c->n_all_props; i++)
            res_index_put(r, c->all_props[i]->name, (uint32_t)i);
    }
    if (!res_grow_marks(r, c->n_all_props))
        return;
    stamp = ++r->stamp;
    incomplete = res_class_incomplete(c);
    for (i = 0; i < inst->nvals; i++) {
        mof_propval *pv = &inst->vals[i];
        long k = find_prop(r, c, pv->name, indexed);
        pv->prop = NULL;
        if (k < 0) {
            /* a class below a missing superclass (an error already) lacks what it inherits */
            if (!incomplete)
                mof_error(r->diag, &pv->loc, "class '%s' has no property '%s'", c->name,
                          pv->name);
            continue;
        }
        if (r->seen_stamp[k] == stamp) {
            mof_pedantic(r->diag, &pv->loc, "property '%s' is given twice; the last value "
                         "given is kept (mofcomp and cimmof accept this)", pv->name);
            mof_note(r->diag, &inst->vals[r->seen[k]].loc, "first given here");
            r->seen[k] = (uint32_t)i;
            pv->prop = c->all_props[k];
            continue;
        }
        r->seen_stamp[k] = stamp;
        r->seen[k] = (uint32_t)i;
        pv->prop = c->all_props[k];
    }
    saved_scope = r->scope;
    r->scope = c; /* Enum.Value: the local enumerations the class sees */
    for (i = 0; i < inst->nvals && !mof_diag_stop(r->diag); i++) {
        mof_propval *pv = &inst->vals[i];
        const mof_property *p = pv->prop;
        if (!p)
            continue;
        r->cur_enum = p->enum_decl;
        res_check_value(r, ns, pv->value, p->type, p->is_array, p->array_size,
                        p->type == MOF_REFERENCE ? p->ref_class : p->embedded_class,
                        "property", p->name, false, depth);
        r->cur_enum = NULL;
    }
    r->scope = saved_scope;
}
