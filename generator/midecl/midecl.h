/* SPDX-License-Identifier: MIT */
/* generator/midecl/midecl.h: libmidecl, a resolved class (model.h) in MI's terms (mi.h): the
 * flags, types, codes and qualifiers of the class, its properties, methods and parameters. This
 * is the one translation of the model into MI class declarations: the emitter prints it as the
 * generated tables, mofbind-server builds MI_ClassDecls from it at run time, so both always
 * agree. It sees the model and the public mi.h; the model never sees mi.h. */
#ifndef MOFBIND_MIDECL_H
#define MOFBIND_MIDECL_H

#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"

/* The MI_Type of a feature of MOF type t (an array when is_array). */
MI_Type midecl_type(mof_type t, int is_array);

/* The MI_FLAG_ bits of a class, a property, a method, a method's parameter, a qualifier's
 * flavor (with its declaration's). */
MI_Uint32 midecl_class_flags(const mof_class *cls);
MI_Uint32 midecl_property_flags(const mof_property *p);
MI_Uint32 midecl_method_flags(const mof_method *m);
MI_Uint32 midecl_parameter_flags(const mof_property *p);
MI_Uint32 midecl_qualifier_flavor(const mof_qualifier *q);

/* The class whose declaration p (or m) is: cls, or the superclass that declared the very same
 * feature (not an override). Generated tables hold a feature once, in its declarer's. */
const mof_class *midecl_declarer(const mof_class *cls, const mof_property *p);
const mof_class *midecl_method_declarer(const mof_class *cls, const mof_method *m);

/* A method's return value as the pseudo-parameter MIReturn, the first of its parameters in
 * MI declarations. */
void midecl_return_param(const mof_method *m, mof_property *out);

/* The qualifiers a declaration carries to the runtime, in this order, when the feature has them
 * (a FALSE boolean one is as good as none and is left out). NULL-terminated. */
extern const char *const midecl_qualifiers[];
/* The i-th of those on qs (NULL when absent or left out). */
const mof_qualifier *midecl_qualifier(const mof_qualifiers *qs, size_t i);

/* The C spellings: "MI_FLAG_CLASS | MI_FLAG_ABSTRACT" ("0" for no flag) and "MI_UINT32A". */
void midecl_flags_text(char *out, size_t len, MI_Uint32 flags);
const char *midecl_type_name(MI_Type t);

/* One MOF value (not an array) as an MI_Value of type t: a boolean, an integer, a real, a char16,
 * a string (out->string then points into the model) or a datetime (a DSP0004 string read into
 * out->datetime; one with asterisks names no single time and is not read). -1 when v is NULL or
 * of a kind that needs more than the model to type (a reference, an instance), or does not fit
 * t. */
int midecl_scalar(mof_type t, const mof_value *v, MI_Value *out);

/* The MOF default of p (a subclass's override's own) as MI declarations carry it in
 * MI_PropertyDecl.value: 1 with *out filled (an array's MI_Array data in a new buffer, *items,
 * for the caller to free()), 0 when there is none to carry, -1 when out of memory. None to carry:
 * no default, NULL, a datetime with asterisks, or a reference or embedded-instance default. Those
 * last two are values only a running MI implementation can make (an MI_Instance has its
 * implementation's function table), so no static table can hold them, and OMI's do not; the
 * server types them from the schema (an object path or an alias for a reference, an alias or an
 * `instance of` for an embedded instance). */
int midecl_default(const mof_property *p, MI_Value *out, void **items);
/* The size of an item of a default's array of type t (0 for the types defaults are not carried
 * for: reference, instance). */
size_t midecl_item_size(mof_type t);

/* An MI_ClassDecl of cls built at run time (properties with their defaults, methods and their
 * parameters, with the flags, codes, types and qualifiers above); its strings are the schema's,
 * so the schema must outlive it. NULL when out of memory. Free it with midecl_class_free.
 * Offsets and sizes are 0: there is no generated struct behind it. */
MI_ClassDecl *midecl_class_new(const mof_class *cls);
void midecl_class_free(MI_ClassDecl *decl);

#endif
