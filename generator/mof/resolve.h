/* generator/mof/resolve.h: from parsed declarations to a checked schema (model.h).
 *
 * The resolver puts each declaration in its namespace, supplies the qualifier declarations that
 * schemas/ ships (DMTF standard, WMI, DSC) for qualifiers the MOF uses without declaring, checks
 * every qualifier's type, scope and flavor, resolves classes (superclass present, no cycle,
 * properties flattened in inheritance order, overrides, keys, association rules, embedded
 * instance classes), type- and range-checks every default and instance value, resolves
 * aliases, and reports duplicates and instances of abstract classes. Errors go to the unit's
 * diag, located at the offending token.
 *
 * The rules, where MOF compilers differ:
 * - Order: a superclass, and the class of an instance, must be declared earlier in the same
 *   namespace (a class declared later gets a note saying where); so no cycle can form. The
 *   classes named by references and by EmbeddedInstance, and aliases, may come later.
 * - Qualifier declarations live per namespace. Every namespace starts with the shipped ones
 *   (builtin = true); a declaration in the MOF replaces a shipped one silently, an identical
 *   second declaration in the MOF is fine, a different one is an error. A qualifier declared
 *   nowhere is a warning (once per namespace and name, type inferred from the value), an error
 *   with diag->strict; so is a use before the MOF's own later declaration.
 * - Effective qualifiers: after resolution a class's, an overriding property's or method's
 *   quals list holds what was written, then the inherited qualifiers that propagate
 *   (ToSubclass and not Restricted, flavor as declared unless the use says otherwise), marked
 *   propagated. A DisableOverride qualifier may be restated only with the same value.
 * - A property redeclared in a subclass overrides the inherited one with or without an
 *   Override qualifier (WMI writes none); the type must match, a reference may narrow to a
 *   subclass. Override("X") must name the feature itself and something must be overridden.
 * - Keys: not arrays; a subclass may not add keys below a class that has some.
 * - Associations: at least two references (inherited ones count); an association cannot
 *   derive from a non-association. Association and Indication propagate to subclasses.
 * - Parameters: MOF_F_IN unless the parameter says Out without In; methods get neither.
 * - EmbeddedInstance("X") / EmbeddedObject on a string element turn its type into
 *   MOF_INSTANCE (embedded_class X); X missing from the namespace is a warning (the class may
 *   live in MOF loaded elsewhere, as DSC's MSFT_Credential does), an error with strict.
 * - Values: integers must fit the type (char16 takes a character or 0..65535, reals take
 *   integers), real32 must be finite within FLT_MAX, datetimes follow DSP0004 (25 characters,
 *   asterisks allowed), a fixed-size array takes at most its size, null fits anything.
 *   Qualifier values may give a scalar for an array type (as other compilers accept).
 * - #pragma deleteclass removes the class and its subclasses from the namespace; deleting a
 *   missing class is an error unless NOFAIL.
 * - A class with WMI's Amendment qualifier (localized .mfl) may name a superclass absent from
 *   its namespace. WMI system classes (__Win32Provider, __ExtrinsicEvent ...) live in every WMI
 *   repository rather than in MOF: one missing is a warning, and what uses it goes unchecked. */
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
