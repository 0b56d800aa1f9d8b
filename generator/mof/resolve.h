/* SPDX-License-Identifier: MIT */
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
 *   second declaration in the MOF is fine, a different one is a leniency. A qualifier declared
 *   nowhere is a warning (once per namespace and name, type inferred from the value; a close
 *   declared name is suggested), an error with diag->strict; so is a use before the MOF's own
 *   later declaration. WMI's flavor-only declaration gives a declared qualifier new flavors (or
 *   the flavors of one inferred later).
 * - Effective qualifiers: after resolution a class's, an overriding property's or method's
 *   quals list holds what was written, then the inherited qualifiers that propagate
 *   (ToSubclass and not Restricted, flavor as declared unless the use says otherwise), marked
 *   propagated. A DisableOverride qualifier may be restated only with the same value.
 * - A property redeclared in a subclass overrides the inherited one with or without an
 *   Override qualifier (WMI writes none); the type must match, a reference may narrow to a
 *   subclass. Override("X") must name the feature itself and something must be overridden.
 * - Leniencies (a warning naming the compiler that accepts the form; an error under strict):
 *   a class declared again replaces the earlier declaration in the namespace (an identical one
 *   is dropped silently; subclasses already resolved keep the earlier one); a qualifier declared
 *   again differently replaces the earlier; Override of nothing declares a new feature; an
 *   override may change a method's signature; an association may derive from a plain class; a
 *   property given twice in an instance keeps the last value; a one-character string is a
 *   char16; a fixed-size array keeps all the values given; a reference may override one to a
 *   class that is not its superclass (omigen); in a WMI data block class (WMI qualifier, or a
 *   superclass missing) a built-in qualifier may take another type or go outside its scope.
 * - Keys: a key array, and a subclass adding keys below a class that has some, are leniencies.
 * - Associations: at least two references (inherited ones count; not checked when the
 *   superclass is missing, already an error); an association cannot derive from a
 *   non-association. Association and Indication propagate to subclasses.
 * - Parameters: MOF_F_IN unless the parameter says Out without In; methods get neither.
 * - EmbeddedInstance("X") / EmbeddedObject on a string element turn its type into
 *   MOF_INSTANCE (embedded_class X); X missing from the namespace is a warning (the class may
 *   live in MOF loaded elsewhere, as DSC's MSFT_Credential does), an error with strict.
 * - Values: integers must fit the type (char16 takes a character or 0..65535, reals take
 *   integers), real32 must be finite within FLT_MAX, datetimes follow DSP0004 (25 characters,
 *   asterisks allowed), a fixed-size array takes at most its size, null fits anything.
 *   Qualifier values may give a scalar for an array type (as other compilers accept).
 * - MOF 3: structures are classes flagged MOF_C_STRUCTURE (no methods or keys, deriving only
 *   from structures; local ones go into the namespace under their own name). Enumerations are
 *   resolved before anything else, so what they type may come first. A property, parameter or
 *   method typed by a name is an embedded instance of that class or structure (which may be
 *   declared later) or has an enumeration's base type (MOF_F_ENUM); enumeration values given
 *   by name become the integers or strings they stand for, and a value given as a number or
 *   string must be one of the enumeration's. `value of` instances are values (named by their
 *   alias), not instances of the namespace; `instance of` a structure is an error. An
 *   association declared with MOF 3's keyword may derive from a class, as the GOLF example's
 *   does.
 * - ValueMap/Values: the constants the emitter cannot make of them are warnings
 *   (mof_valuemap_each, model.h).
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
