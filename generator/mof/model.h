/* SPDX-License-Identifier: MIT */
/* generator/mof/model.h: the MOF front end's data model, shared by the parser, the resolver,
 * the code generator and mofbind-server.
 *
 * Two layers. The parser turns MOF text into a mof_unit: an ordered list of declarations
 * (qualifier declarations, classes, instances, deleteclass pragmas), each tagged with the
 * namespace that was current where it was written, with names as written and nothing looked up.
 * The resolver (resolve.h) turns a unit into a mof_schema: namespaces with their qualifier
 * declarations, classes and instances, every name looked up, inheritance flattened, values
 * checked. The fields marked "resolved" are zero until the resolver fills them.
 *
 * All memory lives in the unit's arena (arena.h); nothing here is freed on its own. CIM names
 * compare case-insensitively (ASCII); use mof_name_eq. */
#ifndef MOFBIND_MODEL_H
#define MOFBIND_MODEL_H

/* The scanner sees tokens (lex.h), never the model. */
#ifdef MOFBIND_SCANNER
#error "the MOF scanner must not include the model: it sees lex.h only"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "types.h"

struct mof_diag;

/* The MOF spelling of a type ("uint32", "datetime", "ref" ...). */
const char *mof_type_name(mof_type t);

/* The identifier a Values entry names its constant by (letters and digits, other runs as one
 * '_', none at the ends), in id (cap bytes, cut short if need be); returns its length, 0 when
 * the text has no letter or digit. The emitter and the resolver's checks share it. */
size_t mof_values_ident(const char *text, char *id, size_t cap);

/* The name among n candidates (got by at(ctx, i)) closest to name by edit distance, when it
 * is close enough to be a likely misspelling; NULL otherwise. For "did you mean" hints. */
const char *mof_suggest(const char *name, size_t n, const char *(*at)(const void *ctx, size_t i),
                        const void *ctx);

/* Values as written. An integer keeps its magnitude and sign apart, so that the whole range of
 * uint64 and sint64 fits; range checks against the declared type happen in the resolver. */
typedef enum mof_vkind {
    MOF_V_NULL,
    MOF_V_BOOL,
    MOF_V_INT,
    MOF_V_REAL,
    MOF_V_STRING,   /* also datetime literals and object paths of references: strings in MOF */
    MOF_V_CHAR16,
    MOF_V_ARRAY,    /* `{ v, v, ... }` */
    MOF_V_ALIAS,    /* `$name` */
    MOF_V_INSTANCE, /* an embedded `instance of X { ... }` or `value of X { ... }` value */
    MOF_V_ENUM      /* MOF 3: an enumeration value by name, `Basic` or `MemberStatusEnum.Basic`;
                       the resolver turns it into the MOF_V_INT or MOF_V_STRING it stands for */
} mof_vkind;

typedef struct mof_value mof_value;
struct mof_instance;

struct mof_value {
    mof_vkind kind;
    mof_loc loc;
    union {
        bool b;
        struct {
            uint64_t mag;   /* magnitude */
            bool neg;       /* the literal had a leading '-' */
        } i;
        double r;
        struct {
            const char *s;  /* escapes decoded, adjacent literals joined; UTF-8 */
            size_t len;     /* may contain NUL bytes from "\x0000" */
        } str;
        uint16_t c16;
        struct {
            mof_value *items;
            size_t n;
        } arr;
        struct {
            const char *name;                /* without the '$' */
            const struct mof_instance *target; /* resolved */
        } alias;
        struct mof_instance *inst;
        struct {
            const char *type;                /* the enumeration written before '.'; or NULL */
            const char *name;
        } enumv;
    } v;
};

/* Qualifier flavors (bits). */
enum {
    MOF_FLAVOR_ENABLEOVERRIDE = 1u << 0,
    MOF_FLAVOR_DISABLEOVERRIDE = 1u << 1,
    MOF_FLAVOR_TOSUBCLASS = 1u << 2,
    MOF_FLAVOR_RESTRICTED = 1u << 3,
    MOF_FLAVOR_TRANSLATABLE = 1u << 4,
    MOF_FLAVOR_TOINSTANCE = 1u << 5,
    MOF_FLAVOR_AMENDED = 1u << 6   /* WMI */
};

/* Qualifier scopes (bits). */
enum {
    MOF_SCOPE_CLASS = 1u << 0,
    MOF_SCOPE_ASSOCIATION = 1u << 1,
    MOF_SCOPE_INDICATION = 1u << 2,
    MOF_SCOPE_PROPERTY = 1u << 3,
    MOF_SCOPE_REFERENCE = 1u << 4,
    MOF_SCOPE_METHOD = 1u << 5,
    MOF_SCOPE_PARAMETER = 1u << 6,
    MOF_SCOPE_QUALIFIER = 1u << 7,  /* MOF 3 */
    MOF_SCOPE_STRUCTURE = 1u << 8,  /* MOF 3 */
    MOF_SCOPE_ENUMERATION = 1u << 9, /* MOF 3 */
    MOF_SCOPE_ANY = 0x3FFu
};

typedef struct mof_qualdecl {
    const char *name;
    mof_type type;
    bool is_array;
    uint32_t array_size;   /* fixed size, 0 when variable or not an array */
    mof_value *dflt;       /* NULL when none */
    unsigned scope;        /* MOF_SCOPE_* */
    unsigned flavor;       /* MOF_FLAVOR_* */
    mof_loc loc;
    const char *type_name; /* MOF 3: the enumeration that types it (type is then its base) */
    bool flavor_only;      /* WMI's `qualifier Name : Flavor...;`: sets the flavors of a
                              qualifier declared elsewhere (type and scope are not given) */
    bool builtin;          /* resolved: from schemas/, not from the user's MOF */
} mof_qualdecl;

typedef struct mof_qualifier {
    const char *name;
    mof_value *value;      /* NULL when written without a value (a boolean qualifier's TRUE) */
    unsigned flavor;       /* flavors written on the use */
    mof_loc loc;
    const mof_qualdecl *decl; /* resolved */
    bool propagated;          /* resolved: inherited from the superclass (ToSubclass), not written
                                 here; the resolver appends these after the ones written */
} mof_qualifier;

typedef struct mof_qualifiers {
    mof_qualifier *items;
    size_t n;
} mof_qualifiers;

/* Feature flags, resolved from qualifiers (and inheritance). */
enum {
    MOF_F_KEY = 1u << 0,
    MOF_F_REQUIRED = 1u << 1,
    MOF_F_IN = 1u << 2,
    MOF_F_OUT = 1u << 3,
    MOF_F_READ = 1u << 4,
    MOF_F_WRITE = 1u << 5,
    MOF_F_STATIC = 1u << 6,
    MOF_F_OVERRIDE = 1u << 7,   /* redefines a superclass's feature (Override qualifier) */
    MOF_F_EMBEDDED_OBJECT = 1u << 8, /* EmbeddedObject, or WMI `object` */
    MOF_F_EMBEDDED_INSTANCE = 1u << 9, /* EmbeddedInstance("X"): embedded_class is X */
    MOF_F_DEPRECATED = 1u << 10,
    MOF_F_ENUM = 1u << 11      /* MOF 3: typed by an enumeration (enum_decl); type is its base */
};

struct mof_enum;

/* A property, a method parameter, or (with MOF_REFERENCE) a reference. */
typedef struct mof_property mof_property;
struct mof_property {
    const char *name;
    mof_type type;
    const char *ref_class;    /* MOF_REFERENCE: the class named before REF */
    bool is_array;
    uint32_t array_size;      /* `uint8 cdb[16]`: 16; 0 when variable or scalar */
    mof_qualifiers quals;
    mof_value *dflt;          /* default value (class) ; NULL when none */
    mof_loc loc;
    const char *type_name;    /* the type written as a name (a class, a MOF 3 structure or
                                 enumeration); NULL for the built-in types */
    /* resolved */
    unsigned flags;           /* MOF_F_* */
    const struct mof_enum *enum_decl; /* MOF_F_ENUM: the enumeration */
    const char *embedded_class;     /* EmbeddedInstance's class; NULL otherwise */
    const struct mof_class *origin; /* the class that first declared a property of this name */
    const mof_property *overridden; /* the superclass's property this one overrides, if any */
};

typedef struct mof_method {
    const char *name;
    mof_type type;            /* return type */
    const char *ref_class;
    bool is_array;            /* MOF 2 allows array returns in practice (WMI) */
    bool is_void;             /* WMI's `void Name(...)`: no return value (type is unused) */
    const char *type_name;    /* the return type written as a name, as for properties */
    const char *embedded_class; /* resolved: the method's EmbeddedInstance class, or NULL */
    const struct mof_enum *enum_decl; /* resolved, MOF_F_ENUM: the return's enumeration */
    mof_qualifiers quals;
    mof_property *params;
    size_t nparams;
    mof_loc loc;
    /* resolved */
    unsigned flags;
    const struct mof_class *origin;
} mof_method;

/* Class flags, resolved. */
enum {
    MOF_C_ABSTRACT = 1u << 0,
    MOF_C_ASSOCIATION = 1u << 1,
    MOF_C_INDICATION = 1u << 2,
    MOF_C_TERMINAL = 1u << 3,
    MOF_C_EXCEPTION = 1u << 4,
    MOF_C_STRUCTURE = 1u << 5   /* MOF 3 structure: no methods, no keys, used as a value */
};

struct mof_namespace;

typedef struct mof_class mof_class;
struct mof_class {
    const char *name;
    const char *super_name;   /* NULL for a root class */
    mof_qualifiers quals;
    mof_property *props;      /* declared here, in source order */
    size_t nprops;
    mof_method *methods;      /* declared here, in source order */
    size_t nmethods;
    mof_loc loc;
    bool is_structure;        /* MOF 3 `structure` */
    bool mof3_keyword;        /* declared with MOF 3's `association` or `indication` */
    const char *outer;        /* a structure local to a class or structure: that one's name */
    const char *local_name;   /* a local structure's name as written; name is Outer_Name */
    /* resolved */
    const struct mof_namespace *ns;
    const mof_class *super;
    unsigned flags;           /* MOF_C_* */
    unsigned depth;           /* 0 for a root class */
    /* Every property of the class, inherited ones first in the order the root declared them;
     * an override keeps its superclass's position and points at the subclass's declaration. */
    const mof_property **all_props;
    size_t n_all_props;
    const mof_method **all_methods;
    size_t n_all_methods;
    size_t nkeys;
};

/* One `Name = value;` of an instance. */
typedef struct mof_propval {
    const char *name;
    mof_value *value;
    mof_qualifiers quals;
    mof_loc loc;
    const mof_property *prop; /* resolved */
} mof_propval;

typedef struct mof_instance mof_instance;
struct mof_instance {
    const char *class_name;
    const char *alias;        /* `as $alias`, without the '$'; NULL when none */
    mof_qualifiers quals;
    mof_propval *vals;
    size_t nvals;
    mof_loc loc;
    bool embedded;            /* a value inside another instance, not a top-level declaration */
    bool is_value;            /* MOF 3 `value of`: a value (named by its alias), not an instance
                                 of the namespace */
    /* resolved */
    const struct mof_namespace *ns;
    const mof_class *cls;
};

/* The parser's output. */
typedef enum mof_decl_kind {
    MOF_D_QUALDECL,
    MOF_D_CLASS,
    MOF_D_INSTANCE,
    MOF_D_DELETECLASS,  /* #pragma deleteclass("Name", FAIL|NOFAIL) */
    MOF_D_ENUM          /* MOF 3 enumeration */
} mof_decl_kind;

/* One value of a MOF 3 enumeration. */
typedef struct mof_enum_item {
    const char *name;
    mof_value *value;         /* as written (an integer or a string); NULL when omitted */
    mof_qualifiers quals;
    mof_loc loc;
    /* resolved: the value (a string enumeration's omitted value is the name) */
    uint64_t mag;
    bool neg;
    const char *str;
} mof_enum_item;

/* A MOF 3 enumeration: integer-based or string-based, possibly deriving from another (whose
 * values it keeps, adding its own). */
typedef struct mof_enum mof_enum;
struct mof_enum {
    const char *name;
    mof_type type;            /* an integer type or MOF_STRING; for a derived enumeration, its
                                 root's (resolved) */
    const char *super_name;   /* the enumeration it derives from, or NULL */
    const char *outer;        /* local to this class or structure, or NULL */
    const char *local_name;   /* a local enumeration's name as written; name is Outer_Name */
    mof_qualifiers quals;
    mof_enum_item *items;     /* declared here */
    size_t nitems;
    mof_loc loc;
    /* resolved */
    const mof_enum *super;
    const mof_enum_item **all_items; /* inherited ones first */
    size_t n_all_items;
};

typedef struct mof_decl mof_decl;
struct mof_decl {
    mof_decl_kind kind;
    const char *ns;           /* namespace from #pragma namespace, normalized ("root/cimv2");
                                 NULL when no pragma was seen: the default namespace */
    mof_loc loc;
    union {
        mof_qualdecl *qualdecl;
        mof_class *cls;
        mof_instance *inst;
        mof_enum *en;
        struct {
            const char *name;
            bool nofail;
        } del;
    } u;
    mof_decl *next;
};

typedef struct mof_unit {
    mof_arena arena;
    struct mof_diag *diag;    /* where errors go; not owned */
    mof_source *sources;      /* every file read, in order */
    mof_source *last_source;
    mof_decl *decls;          /* in source order, includes expanded */
    mof_decl *last_decl;
    size_t nclasses, ninstances, nqualdecls, nenums; /* counts of decls of each kind */
    bool include_missing;     /* an include was not found: resolving would only add knock-on
                                 errors */
} mof_unit;

void mof_unit_init(mof_unit *u, struct mof_diag *diag);
void mof_unit_free(mof_unit *u);
void mof_unit_append(mof_unit *u, mof_decl *d);

/* A case-insensitive (ASCII) map from names to pointers, arena-backed, for lookups by name. */
typedef struct mof_map {
    struct mof_map_slot *slots;
    size_t cap;   /* power of two */
    size_t n;
} mof_map;

void mof_map_init(mof_map *m);
/* Returns the previous value under name (and keeps it), or NULL after inserting value. */
void *mof_map_put(mof_map *m, mof_arena *a, const char *name, void *value);
void *mof_map_get(const mof_map *m, const char *name);
/* Iterates in insertion order: i from 0 to m->n - 1. */
void *mof_map_at(const mof_map *m, size_t i);
/* The name an entry was put under (as first written). */
const char *mof_map_name_at(const mof_map *m, size_t i);
/* Puts value under name, replacing (in place, keeping the order) any value there; returns the
 * replaced value or NULL. */
void *mof_map_set(mof_map *m, mof_arena *a, const char *name, void *value);
/* Removes name; returns its value, or NULL when absent. Linear in the map size: for rare
 * removals such as #pragma deleteclass. */
void *mof_map_del(mof_map *m, mof_arena *a, const char *name);

bool mof_name_eq(const char *a, const char *b);
uint32_t mof_name_hash(const char *s);

/* The resolver's output. */
typedef struct mof_namespace {
    const char *name;         /* "root/cimv2" */
    mof_map qualdecls;        /* name -> mof_qualdecl* */
    mof_map classes;          /* name -> mof_class*, in declaration order (MOF 3 structures
                                 too, flagged MOF_C_STRUCTURE; local ones as Outer_Name) */
    mof_map enums;            /* name -> mof_enum* (MOF 3), local ones as Outer_Name */
    mof_instance **instances; /* top-level instances, in declaration order */
    size_t ninstances;
} mof_namespace;

typedef struct mof_schema {
    mof_unit *unit;           /* the parse it came from (its arena holds everything) */
    mof_map namespaces;       /* name -> mof_namespace*, in first-seen order */
    const char *default_ns;   /* namespace for declarations before any pragma */
    mof_map aliases;          /* alias -> mof_instance* */
} mof_schema;

/* The named constants the bindings make of a property's ValueMap and Values (an integer or
 * string property; a string one needs ValueMap): one call per Values entry, in order, saying
 * the constant's name and value or why it has none. The emitter prints the ones it has; the
 * resolver warns about the others. */
typedef struct mof_vmconst {
    size_t index;             /* position in Values */
    const mof_value *entry;   /* the Values entry */
    const mof_value *map;     /* its ValueMap entry, or NULL (the value is the position) */
    char id[160];             /* the constant's name, "" when it has none */
    bool neg;                 /* integer property: the value */
    uint64_t mag;
    const char *str;          /* string property: the value */
    size_t len;
    bool range;               /* the ValueMap entry is a range ("0..15", ".."): no constant, by
                                 design */
    const char *lost;         /* why there is no constant; NULL when there is one */
} mof_vmconst;

/* Returns 1 when the property has no such constants, -1 when ValueMap and Values differ in
 * length (none is made; f is not called), -2 when out of memory (f is not called), 0 after
 * calling f for each entry. */
int mof_valuemap_each(const mof_property *p, void (*f)(void *ctx, const mof_vmconst *k),
                      void *ctx);

#endif
