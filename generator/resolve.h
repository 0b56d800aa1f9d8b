/* generator/resolve.h: from parsed declarations to a checked schema (model.h).
 *
 * The resolver puts each declaration in its namespace, supplies the qualifier declarations that
 * schemas/ ships (DMTF standard, WMI, DSC) for qualifiers the MOF uses without declaring, checks
 * every qualifier's type, scope and flavor, resolves classes (superclass present, no cycle,
 * properties flattened in inheritance order, overrides, keys, association rules, embedded
 * instance classes), type- and range-checks every default and instance value, resolves
 * aliases, and reports duplicates and instances of abstract classes. Errors go to the unit's
 * diag, located at the offending token. */
#ifndef MOFBIND_RESOLVE_H
#define MOFBIND_RESOLVE_H

#include "model.h"

typedef struct mof_resolve_options {
    const char *default_ns;   /* namespace before any #pragma namespace; NULL: "root/cimv2" */
    bool no_builtin_quals;    /* do not supply the shipped qualifier declarations */
} mof_resolve_options;

/* Resolves the unit into *schema (which points into the unit's arena). Returns 0, or -1 when
 * errors were reported; the schema is usable as far as it resolved either way. */
int mof_resolve(mof_unit *u, mof_schema *schema, const mof_resolve_options *opts);

/* Lookups in a resolved schema. ns NULL means the default namespace. */
const mof_namespace *mof_schema_ns(const mof_schema *s, const char *ns);
const mof_class *mof_schema_class(const mof_schema *s, const char *ns, const char *name);
/* A property of a resolved class by name, inherited ones included; NULL when none. */
const mof_property *mof_class_prop(const mof_class *c, const char *name);
const mof_method *mof_class_method(const mof_class *c, const char *name);
/* A qualifier on a feature or class by name (the effective one, inherited qualifiers with
 * ToSubclass included for classes and overridden properties); NULL when absent. */
const mof_qualifier *mof_quals_find(const mof_qualifiers *q, const char *name);
/* True when the class is c or a subclass of it. */
bool mof_class_isa(const mof_class *c, const mof_class *base);

#endif
