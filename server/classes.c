/* SPDX-License-Identifier: MIT */
/* server/classes.c: class definitions of the loaded schema as CIM-XML (DSP0201 <CLASS>), the
 * form OMI and WinRM answer GetClass and class enumerations in over WSMAN_URI_CIMXML_SCHEMA:
 * the class's qualifiers (inherited ones PROPAGATED), every property (PROPERTY, PROPERTY.ARRAY,
 * PROPERTY.REFERENCE) with its CLASSORIGIN, qualifiers and default value, every method (METHOD)
 * with its parameters (PARAMETER, PARAMETER.ARRAY, PARAMETER.REFERENCE, PARAMETER.REFARRAY),
 * written from the resolved MOF model, and the selection of classes an enumeration answers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "classes.h"
#include "resolve.h"

static void put(wsman_buf *b, const char *s)
{
    util_buf_puts(b, s);
}

/* An escaped attribute or text; -1 when the schema holds text XML cannot carry. */
static int esc(wsman_buf *b, const char *s, int attr)
{
    return wsman_buf_escape(b, s ? s : "", attr);
}

static void put_utf8(wsman_buf *b, unsigned cp)
{
    char u[5] = {0};
    if (cp < 0x80) {
        u[0] = (char)cp;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
    }
    esc(b, u, 0);
}

/* One <VALUE> of a scalar MOF value; -1 for text XML cannot carry. */
static int put_scalar(wsman_buf *b, const mof_value *v)
{
    char num[40];
    put(b, "<VALUE>");
    switch (v->kind) {
    case MOF_V_BOOL:
        put(b, v->v.b ? "true" : "false");
        break;
    case MOF_V_INT:
        snprintf(num, sizeof num, "%s%llu", v->v.i.neg && v->v.i.mag ? "-" : "",
                 (unsigned long long)v->v.i.mag);
        put(b, num);
        break;
    case MOF_V_REAL:
        snprintf(num, sizeof num, "%.17g", v->v.r);
        put(b, num);
        break;
    case MOF_V_STRING:
        if (memchr(v->v.str.s, '\0', v->v.str.len) || esc(b, v->v.str.s, 0) != 0)
            return -1;
        break;
    case MOF_V_CHAR16:
        /* DSP0201: the character itself. */
        if (v->v.c16 == 0 || (v->v.c16 >= 0xD800 && v->v.c16 <= 0xDFFF))
            return -1;
        put_utf8(b, v->v.c16);
        break;
    default:
        break;
    }
    put(b, "</VALUE>");
    return 0;
}

/* The VALUE or VALUE.ARRAY of a value (nothing for NULL and values that are no text). */
static int put_value(wsman_buf *b, const mof_value *v)
{
    size_t i;
    if (!v || v->kind == MOF_V_NULL || v->kind == MOF_V_ALIAS || v->kind == MOF_V_INSTANCE ||
        v->kind == MOF_V_ENUM)
        return 0;
    if (v->kind != MOF_V_ARRAY)
        return put_scalar(b, v);
    put(b, "<VALUE.ARRAY>");
    for (i = 0; i < v->v.arr.n; i++) {
        const mof_value *it = &v->v.arr.items[i];
        if (it->kind == MOF_V_NULL) {
            put(b, "<VALUE.NULL/>");
            continue;
        }
        if (it->kind != MOF_V_ARRAY && put_scalar(b, it) != 0)
            return -1;
    }
    put(b, "</VALUE.ARRAY>");
    return 0;
}

/* The CIM-XML TYPE of a MOF type (references and embedded objects have none of their own). */
static const char *type_name(mof_type t)
{
    return t == MOF_INSTANCE || t == MOF_REFERENCE ? "string" : mof_type_name(t);
}

static int put_qualifier(wsman_buf *b, const mof_qualifier *q)
{
    const mof_qualdecl *d = q->decl;
    unsigned fl = q->flavor | (d ? d->flavor : 0);
    mof_type t = d ? d->type : MOF_BOOLEAN;
    put(b, "<QUALIFIER NAME=\"");
    if (esc(b, q->name, 1) != 0)
        return -1;
    put(b, "\" TYPE=\"");
    put(b, type_name(t));
    put(b, "\"");
    if (q->propagated)
        put(b, " PROPAGATED=\"true\"");
    if (fl & MOF_FLAVOR_DISABLEOVERRIDE)
        put(b, " OVERRIDABLE=\"false\"");
    if (fl & MOF_FLAVOR_RESTRICTED)
        put(b, " TOSUBCLASS=\"false\"");
    if (fl & MOF_FLAVOR_TRANSLATABLE)
        put(b, " TRANSLATABLE=\"true\"");
    put(b, ">");
    if (q->value) {
        /* An array qualifier's single value is still an array (ValueMap {"1"}). */
        if (d && d->is_array && q->value->kind != MOF_V_ARRAY) {
            put(b, "<VALUE.ARRAY>");
            if (put_scalar(b, q->value) != 0)
                return -1;
            put(b, "</VALUE.ARRAY>");
        } else if (put_value(b, q->value) != 0) {
            return -1;
        }
    } else if (t == MOF_BOOLEAN) {
        put(b, "<VALUE>true</VALUE>"); /* written without a value: TRUE */
    }
    put(b, "</QUALIFIER>");
    return 0;
}

static int put_qualifiers(wsman_buf *b, const mof_qualifiers *qs, const srv_class_opts *o)
{
    size_t i;
    if (!o->qualifiers)
        return 0;
    for (i = 0; i < qs->n; i++)
        if (put_qualifier(b, &qs->items[i]) != 0)
            return -1;
    return 0;
}

/* The qualifier that makes an embedded object of a feature typed by a class (MOF 3) or by
 * WMI's `object`, unless written with the others. */
static void put_embedded(wsman_buf *b, const mof_property *p, const srv_class_opts *o)
{
    if (!o->qualifiers || mof_quals_find(&p->quals, "EmbeddedInstance") ||
        mof_quals_find(&p->quals, "EmbeddedObject"))
        return;
    if ((p->flags & MOF_F_EMBEDDED_INSTANCE) && p->embedded_class) {
        put(b, "<QUALIFIER NAME=\"EmbeddedInstance\" TYPE=\"string\"><VALUE>");
        esc(b, p->embedded_class, 0);
        put(b, "</VALUE></QUALIFIER>");
    } else if (p->type == MOF_INSTANCE) {
        put(b, "<QUALIFIER NAME=\"EmbeddedObject\" TYPE=\"boolean\"><VALUE>true</VALUE>"
               "</QUALIFIER>");
    }
}

/* A property (elem "PROPERTY") or a parameter (elem "PARAMETER") of its kind. */
static int put_feature(wsman_buf *b, const char *elem, const mof_property *p, const char *origin,
                       int propagated, const srv_class_opts *o)
{
    int ref = p->type == MOF_REFERENCE, param = elem[1] == 'A';
    const char *kind =
        ref ? (p->is_array ? ".REFARRAY" : ".REFERENCE") : (p->is_array ? ".ARRAY" : "");
    char num[24];
    if (ref && p->is_array && !param)
        kind = ".REFERENCE"; /* DSP0201 has no reference array property */
    util_buf_puts(b, "<");
    put(b, elem);
    put(b, kind);
    put(b, " NAME=\"");
    if (esc(b, p->name, 1) != 0)
        return -1;
    put(b, "\"");
    if (ref) {
        put(b, " REFERENCECLASS=\"");
        esc(b, p->ref_class, 1);
        put(b, "\"");
    } else {
        put(b, " TYPE=\"");
        put(b, type_name(p->type));
        put(b, "\"");
    }
    if (p->is_array && p->array_size) {
        snprintf(num, sizeof num, " ARRAYSIZE=\"%u\"", (unsigned)p->array_size);
        put(b, num);
    }
    if (origin) {
        put(b, " CLASSORIGIN=\"");
        esc(b, origin, 1);
        put(b, "\"");
        if (propagated)
            put(b, " PROPAGATED=\"true\"");
    }
    put(b, ">");
    if (put_qualifiers(b, &p->quals, o) != 0)
        return -1;
    put_embedded(b, p, o);
    if (!param && !ref && p->type != MOF_INSTANCE && put_value(b, p->dflt) != 0)
        return -1;
    put(b, "</");
    put(b, elem);
    put(b, kind);
    put(b, ">");
    return 0;
}

int srv_class_xml(wsman_buf *b, const mof_class *cls, const srv_class_opts *o)
{
    size_t i, j;
    put(b, "<CLASS NAME=\"");
    if (esc(b, cls->name, 1) != 0)
        return -1;
    put(b, "\"");
    if (cls->super_name) {
        put(b, " SUPERCLASS=\"");
        esc(b, cls->super->name, 1);
        put(b, "\"");
    }
    if (o->names_only) {
        put(b, "/>");
        return 0;
    }
    if (o->hierarchy) {
        /* OMI's DERIVATION: the superclasses, nearest first. */
        const mof_class *s;
        put(b, " DERIVATION=\"");
        for (s = cls->super; s; s = s->super) {
            esc(b, s->name, 1);
            if (s->super)
                put(b, ",");
        }
        put(b, "\"");
    }
    put(b, ">");
    if (put_qualifiers(b, &cls->quals, o) != 0)
        return -1;
    for (i = 0; i < cls->n_all_props; i++) {
        const mof_property *p = cls->all_props[i];
        const mof_class *origin = p->origin ? p->origin : cls;
        int local = 0;
        for (j = 0; j < cls->nprops; j++)
            local |= &cls->props[j] == p;
        if (!o->inherited && !local)
            continue;
        if (put_feature(b, "PROPERTY", p, origin->name, !local, o) != 0)
            return -1;
    }
    for (i = 0; i < cls->n_all_methods; i++) {
        const mof_method *m = cls->all_methods[i];
        const mof_class *origin = m->origin ? m->origin : cls;
        int local = 0;
        for (j = 0; j < cls->nmethods; j++)
            local |= &cls->methods[j] == m;
        if (!o->inherited && !local)
            continue;
        put(b, "<METHOD NAME=\"");
        if (esc(b, m->name, 1) != 0)
            return -1;
        put(b, "\"");
        if (!m->is_void) {
            put(b, " TYPE=\"");
            put(b, type_name(m->type));
            put(b, "\"");
        }
        put(b, " CLASSORIGIN=\"");
        esc(b, origin->name, 1);
        put(b, local ? "\">" : "\" PROPAGATED=\"true\">");
        if (put_qualifiers(b, &m->quals, o) != 0)
            return -1;
        for (j = 0; j < m->nparams; j++)
            if (put_feature(b, "PARAMETER", &m->params[j], NULL, 0, o) != 0)
                return -1;
        put(b, "</METHOD>");
    }
    put(b, "</CLASS>");
    return b->failed ? -1 : 0;
}

size_t srv_classes_select(const mof_namespace *ns, const mof_class *base, bool deep,
                          const mof_class **out)
{
    size_t i, n = 0;
    for (i = 0; i < ns->classes.n; i++) {
        const mof_class *c = mof_map_at(&ns->classes, i);
        bool in;
        if (!c || (c->flags & MOF_C_STRUCTURE))
            continue;
        if (base)
            in = c != base && (deep ? mof_class_isa(c, base) : c->super == base);
        else
            in = deep || !c->super;
        if (in) {
            if (out)
                out[n] = c;
            n++;
        }
    }
    return n;
}
