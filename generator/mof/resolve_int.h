/* SPDX-License-Identifier: MIT */
/* generator/mof/resolve_int.h: the resolver's internals, shared by resolve.c and
 * resolve_value.c. */
#ifndef MOFBIND_RESOLVE_INT_H
#define MOFBIND_RESOLVE_INT_H

#include "diag.h"
#include "resolve.h"

/* Embedded instance values nest no deeper than this (the parser bounds them too). */
#define RES_MAX_DEPTH 64

/* A namespace with the resolver's private maps; the public part comes first. */
typedef struct res_ns {
    mof_namespace pub;
    mof_map later_classes;   /* every class declared in the unit, first declaration */
    mof_map later_quals;     /* every qualifier declared in the unit, first declaration */
    mof_map later_enums;     /* every enumeration declared in the unit, first declaration */
    mof_map undeclared;      /* qualifiers already reported as undeclared */
    mof_map wmi_system;      /* WMI system classes already reported as absent */
    mof_map retyped;         /* built-in qualifiers already reported as given another type */
    mof_map flavor_only;     /* WMI's flavor-only qualifier declarations of qualifiers not
                                declared (yet): name -> mof_qualdecl* */
    size_t inst_cap;
} res_ns;

/* An alias used as a value, looked up once every alias of the unit is known. */
typedef struct res_alias_use {
    mof_value *v;
    const char *cls;          /* the class the value must be an instance of; NULL: any */
    const res_ns *ns;
    const char *kind, *name;  /* what the value is for, for messages */
} res_alias_use;

/* A name index over a list being built (flattened properties, instance values): open
 * addressing, reused from class to class. */
typedef struct res_slot {
    const char *name;
    uint32_t hash;
    uint32_t idx;
} res_slot;

typedef struct mof_resolver {
    mof_unit *u;
    mof_schema *s;
    mof_diag *diag;
    mof_arena *a;
    mof_map builtins;         /* the shipped qualifier declarations */
    res_alias_use *alias_uses;
    size_t nalias_uses, alias_cap;
    res_slot *slots;
    size_t slot_cap;
    size_t slot_used;         /* slots in the table now (a power of two) */
    uint32_t *seen;           /* instance values: the first value given for each property */
    uint32_t *seen_stamp;
    size_t seen_cap;
    uint32_t stamp;
    const mof_enum *cur_enum; /* the enumeration typing the value being checked, or NULL */
    bool wmi_class; /* resolving a WMI data block class (resolve.c's is_wmi_class) */
    const mof_class *scope; /* the class or structure whose features or instance values are
                               being resolved (local declarations); NULL at the top level */
    bool nomem;
} mof_resolver;

/* Checks v against a feature's type; kind and name say what it is for ("property", "x").
 * cls is a reference's class or an embedded instance's class (NULL when any). Array values
 * given to a scalar, and other mismatches, are errors; lenient_array lets a scalar stand for a
 * one-element array (qualifier values, as other compilers accept them). */
void res_check_value(mof_resolver *r, res_ns *ns, mof_value *v, mof_type type, bool is_array,
                     uint32_t array_size, const char *cls, const char *kind, const char *name,
                     bool lenient_array, unsigned depth);

/* True (after a warning, once per name and namespace) when name is a WMI system class
 * (__Win32Provider, __ExtrinsicEvent ...): those live in every WMI repository, not in MOF, so
 * their absence is not an error. */
bool res_wmi_system(mof_resolver *r, res_ns *ns, const char *name, const mof_loc *loc);

/* True when c or a class above it names a superclass that is missing (an error already): c
 * lacks what it would inherit, so a check of what it has would only add knock-on errors. */
bool res_class_incomplete(const mof_class *c);

/* Resolves the qualifiers of an instance or of one of its values (no scope applies). */
void res_instance_quals(mof_resolver *r, res_ns *ns, mof_qualifiers *q);

/* Resolves an instance (top-level or embedded in a value). */
void res_instance(mof_resolver *r, res_ns *ns, mof_instance *inst, unsigned depth);

/* The resolved enumeration that tname names in r->scope: a local one visible there (its
 * class's, the classes it is local to, and their superclasses') first, then the namespace's.
 * NULL when none, or when that one is in error. */
const mof_enum *res_enum_named(mof_resolver *r, res_ns *ns, const char *tname);

/* After an error for a name that names nothing visible here: notes saying where local
 * structures and enumerations of that name live (at most three), since DSP0221 3.0 hides them
 * outside their classes. */
void res_note_local_elsewhere(mof_resolver *r, res_ns *ns, const char *tname);

/* An enumeration's name for messages: the name written (a local one's is Outer_Name). */
static inline const char *res_enum_label(const mof_enum *e)
{
    return e->local_name ? e->local_name : e->name;
}

/* True when the integer (mag, neg) fits the integer or char16 type t. */
bool res_int_fits(mof_type t, uint64_t mag, bool neg);

/* True when two qualifier values mean the same (an absent value is boolean true). */
bool res_value_eq(const mof_value *a, const mof_value *b);

/* Makes room for n marks in seen and seen_stamp. */
bool res_grow_marks(mof_resolver *r, size_t n);

/* Index helpers. */
bool res_index_reset(mof_resolver *r, size_t n);
/* Returns the index stored under name, or -1 after storing idx. */
long res_index_put(mof_resolver *r, const char *name, uint32_t idx);
long res_index_get(const mof_resolver *r, const char *name);

#endif
