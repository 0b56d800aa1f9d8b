/* mofbind_gen.h: the helpers that the bindings mofbind generates share: field ownership,
 * marshalling between typed structs and MI_Instance (driven by the generated MI_ClassDecl
 * tables), reading the CIM/XML lexical form of untyped (MI_STRING) results, and a failed
 * operation for errors found before anything is sent. Every function is MI_INLINE (static), so
 * bindings generated apart can be linked into one program, and they call only the public MI API
 * of mi.h, so the bindings build against any MI implementation.
 *
 * The MI header is <mofbind/mi.h>; define MOFBIND_MI_HEADER (e.g. to <MI.h>) to use another.
 *
 * What every class X gets: X.c holds the class's tables, X.h the struct and the functions.
 * The functions are MI_INLINE one-line calls of the helpers below with the class's table,
 * spelled by the macros below (MOFBIND_GEN_CLASS_FUNCTIONS, MOFBIND_GEN_P_<type> ...): a
 * program compiles the helpers once in each of its files that calls them, not once in every
 * generated X.c.
 * - typedef struct X: one field per property, inherited ones first in inheritance order, so an
 *   X * can stand for a pointer to its superclass's struct (X_As_Super, X_AsConst_Super; each
 *   X.c checks the layout at compile time; see "Aliasing" below). Fields have the mi.h field
 *   types {value, exists, flags}; exists == MI_FALSE means NULL. A property's description and
 *   its named constants (X_P_Name, from ValueMap/Values) are in the header of the class that
 *   declares it (or overrides it); a subclass's header names that class in a note.
 * - X_rtti, the MI_ClassDecl (offsets, keys, qualifiers the runtime needs, superclass link). A
 *   property's MI_PropertyDecl and a method's MI_MethodDecl are its declaring class's, shared
 *   by the subclasses' tables.
 * - Methods: X_M_In and X_M_Out structs, the declaring class's (an inheriting class's are
 *   typedefs of them); X_Invoke_M and X_Invoke_MSync (MOFBIND_GEN_METHOD_*).
 * - Unset is not NULL. A field is set (exists == MI_TRUE), unset (exists == MI_FALSE: the
 *   caller says nothing about the property), or NULL on purpose (exists == MI_FALSE and the
 *   MOFBIND_GEN_NULL flag, from X_SetNull_P). An instance sent to the server (Create, Modify,
 *   an embedded instance, method parameters) carries the set properties and those NULL on
 *   purpose (xsi:nil); unset ones are absent from the request, so the server applies the MOF
 *   default on Create (a subclass's override included) and keeps the stored value on Modify,
 *   and a property the server's copy of the schema lacks is not sent unless set.
 * - X_Init makes every field unset (frees nothing); it does not copy the MOF defaults into x:
 *   an unset field is not sent, so the server applies the default. X_rtti's MI_PropertyDecl.value
 *   points at each default (boolean, number, char16, string, datetime and arrays of them), as
 *   OMI's generated tables do. It is NULL for a reference or embedded-instance default (an
 *   object path or alias, an `instance of`: an MI_Instance only a running MI implementation
 *   makes, so no static table holds one) and for a datetime with asterisks (no single time);
 *   the server applies those from its copy of the schema. X_Destruct frees what x owns and
 *   makes every field unset.
 * - Per property P: X_Set_P copies the value (x owns the copy), X_SetPtr_P borrows it (strings,
 *   references, instances, arrays: it must outlive x's use), X_Clear_P makes it unset and
 *   X_SetNull_P NULL on purpose, both freeing what x owned; array setters take (data, size); a
 *   NULL string or instance makes the field unset. They return MI_RESULT_OK, or
 *   MI_RESULT_SERVER_LIMITS_EXCEEDED when memory runs out.
 * - Modify changes the properties x sets (and those NULL on purpose) and leaves the others as
 *   they are on the server (a WS-Man Put of those properties). For a full replacement, pass
 *   MOFBIND_GEN_FLAG_REPLACE in X_ModifyEx's flags: every unset property goes as NULL. A key
 *   or a Required property NULL on purpose is refused before anything is sent (Create and
 *   Modify), as the server refuses it.
 * - X_ToInstance(x, application, &instance): a new instance holding copies of the properties of
 *   x that are set; the caller frees it with MI_Instance_Delete.
 * - X_FromInstance(instance, x): fills x with copies (valid after the instance is gone; free
 *   with X_Destruct). Elements may be typed, or MI_STRING in the CIM/XML lexical form (results a
 *   server did not type): they are converted to the field's type. A missing or NULL element
 *   leaves its field unset (so x sent back through Modify does not write it); one that does not
 *   fit gives MI_RESULT_TYPE_MISMATCH and an empty x.
 *   What x held before is forgotten, not freed.
 * - The actual class of a result. A deep Enumerate of X, an association or an embedded instance
 *   may give an instance of a subclass of X: read into an X (X_EnumerateNext, X_FromInstance,
 *   X_GetSync, ...), x keeps a copy of that instance in its first field, mofbind_actual_ (freed
 *   by X_Destruct). X_ClassName(x) is the result's own class (X's name when it is X's, or when x
 *   was not read from an instance). X_From_S(s, y), in the header of each subclass X of S, fills
 *   y, an X, from s, an S read from a result whose class is X: all of X's properties, from the
 *   kept instance. It returns MI_RESULT_TYPE_MISMATCH (y empty) when the result's class is not X
 *   itself; for a class derived from X, call that class's _From_S, then its _As_X.
 * - Operations X_Get, X_Modify, X_Delete, X_Create (not for abstract classes), X_Enumerate and per
 *   method X_Invoke_M: (session, ns, ..., callbacks, op). ns is the namespace; NULL means
 *   X_NAMESPACE, the class's own (from #pragma namespace; root/cimv2, WinRM's and OMI's default,
 *   for MOF without one). With callbacks, the result comes to callbacks->instanceResult; with
 *   callbacks NULL, the caller reads it with MI_Operation_GetInstance. Either way the caller closes
 *   *op with MI_Operation_Close. A failure found before anything is sent (a Required property unset
 *   on Create, a key or Required property NULL on purpose, a NULL argument, memory) comes through
 *   the operation like any other: MI_RESULT_INVALID_PARAMETER and a CIM_Error instance (Message,
 *   MessageID, CIMStatusCode), to the callback (on the calling thread) or from
 *   MI_Operation_GetInstance. The ...Ex forms take flags and MI_OperationOptions. The ...Sync forms
 *   wait, close the operation and return its MI_Result; they fill the typed result when asked (the
 *   created or read instance, the method's X_M_Out) and *errorDetails (may be NULL) with a copy of
 *   the error instance that the caller frees with MI_Instance_Delete (NULL on success).
 *   X_EnumerateNext reads the next result of an enumeration into x.
 * - X_Query(session, ns, where, ...): WQL "SELECT * FROM X WHERE where" (where NULL: all), its
 *   results read as an Enumerate's. X_Subscribe(session, ns, kind, ...): X's lifecycle
 *   indications (kind MOFBIND_GEN_CREATION, _DELETION or _MODIFICATION; an instance of a
 *   subclass of X counts), each read with X_IndicationNext or, in an indicationResult
 *   callback, X_FromIndication: SourceInstance, and a modification's PreviousInstance, as X.
 *   For an indication class X, kind MOFBIND_GEN_INDICATION subscribes to X's own indications
 *   (a provider's, of X or a subclass), which X_IndicationNext reads as an X.
 * - In the header of an association A, for each reference R to a generated class S:
 *   A_References_R(session, ns, s, ...), the A instances whose R is s, read with
 *   A_EnumerateNext; A_Associators_R2(session, ns, s, ...) for each other reference R2 (named
 *   R_R2 when A has more than two), the instances at R2, read with their class's
 *   _EnumerateNext. Each has an Ex form taking (flags, options) and keysOnly.
 *
 * Aliasing. X's struct begins with the fields of each superclass S, in the same order and of
 * the same types (a common initial sequence; X.c checks the last one's offset and the sizes),
 * and X_As_S converts the pointer. ISO C promises the common initial sequence only inside a
 * union, and compilers may assume that accesses through two unrelated struct types do not
 * alias, so no function here reads or writes a field through an lvalue of a class's struct
 * type: the helpers reach fields by the tables' offsets through memcpy and character
 * pointers (which may alias anything), and the setters only take a field's address (&x->F,
 * which accesses nothing). So S's functions may be used on an X * converted with X_As_S, at
 * any optimisation level, mixed with X's own (tests/test_generator_alias, -O2
 * -fstrict-aliasing). In your own code, access a struct's fields through one of the two types
 * (the X, or the converted S *), not both in the same stretch of code.
 *
 * Marshalling by index. An instance made from the class's own table (MI_Application_NewInstance
 * with X_rtti), and a result typed by it, has X's properties as elements 0, 1, ... in
 * declaration order (inst->classDecl == &X_rtti): X_ToInstance and the operations set them by
 * index (MI_Instance_SetElementAt) and X_FromInstance reads them by index
 * (MI_Instance_GetElementAt). Every other instance (an untyped result, a subclass's instance
 * from Enumerate, a method's parameters) is read and written by name.
 */
#ifndef MOFBIND_GEN_H
#define MOFBIND_GEN_H

#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef MOFBIND_MI_HEADER
#include MOFBIND_MI_HEADER
#else
#include <mofbind/mi.h>
#endif

#if defined(MOFBIND_RUNTIME_VERSION) && MOFBIND_RUNTIME_VERSION < 200
#error "bindings generated by mofbind 0.2 need the mofbind 0.2 runtime or newer"
#endif

/* Type mistakes are errors. In C++ a string into a uint32 setter, a superclass's struct where a
 * subclass's is wanted or one method's parameters given to another do not compile. C compilers
 * before gcc 14 and clang 16 only warn about them by default (and the program then runs with a
 * pointer taken for a number), so for gcc and clang, in C99 as in C11 and later, this header
 * turns those warnings into errors for the rest of the file that includes it: an int from a
 * pointer or the reverse, a pointer to another type, a const pointer where a non-const one is
 * wanted, and a call of an undeclared function (Create of an abstract class, a misspelled
 * setter). Each error names the caller's line first. The rest of that file gets the same rules,
 * which gcc 14 and clang 16 apply by default; define MOFBIND_GEN_LENIENT before including to
 * keep the compiler's own. */
#if defined(__GNUC__) && !defined(__cplusplus) && !defined(MOFBIND_GEN_LENIENT)
#pragma GCC diagnostic error "-Wint-conversion"
#pragma GCC diagnostic error "-Wincompatible-pointer-types"
#pragma GCC diagnostic error "-Wimplicit-function-declaration"
#if defined(__clang__) || __GNUC__ >= 10
#pragma GCC diagnostic error "-Wenum-conversion"
#endif
#ifdef __clang__
#pragma GCC diagnostic error "-Wincompatible-pointer-types-discards-qualifiers"
#else
#pragma GCC diagnostic error "-Wdiscarded-qualifiers"
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A field's flags bit: the struct owns the value (the X_Set_ and X_FromInstance functions copy
 * and set it; X_SetPtr_ borrows and leaves it clear). X_Clear_ and X_Destruct free what is owned;
 * a borrowed value must outlive every use of the struct. */
#define MOFBIND_GEN_OWNED 0x80

/* A field's flags bit: the field is NULL on purpose (X_SetNull_P), not merely unset; exists is
 * then MI_FALSE. Sent as an explicit NULL (xsi:nil), where an unset field is not sent at all. */
#define MOFBIND_GEN_NULL 0x40

/* A flag of X_ModifyEx: replace the whole instance, sending every property x does not set as
 * NULL (the way a full Put reads), where X_Modify changes only the properties x sets. A bit that
 * MI's MI_OPERATIONFLAGS_ leave unused; it is taken off before the flags reach the session. */
#define MOFBIND_GEN_FLAG_REPLACE 0x00100000u

/* Which properties mofbind_gen_marshal puts into the instance. Unset fields are left out of
 * every mode but REPLACE; a field NULL on purpose (MOFBIND_GEN_NULL) goes in as NULL. */
/* ALL: every property that is set or NULL on purpose. KEYS: the keys only (Get, Delete, the
 * target of a method). CREATE: as ALL; a Required property unset (keys excepted: the server may
 * assign them) or NULL, or a key NULL, is an error. MODIFY: as ALL; a Required property or a key
 * NULL is an error. REPLACE: as MODIFY, and every unset property goes in as NULL. */
#define MOFBIND_GEN_ALL 0
#define MOFBIND_GEN_KEYS 1
#define MOFBIND_GEN_CREATE 2
#define MOFBIND_GEN_MODIFY 3
#define MOFBIND_GEN_REPLACE 4

#define MOFBIND_GEN_MSG 256 /* room for a marshalling error message */

/* X(type, field type name, MI_Value member) for every MI_Type (rows kept as written). */
/* clang-format off */
#define MOFBIND_GEN_TYPES_(X)                                                                  \
    X(MI_BOOLEAN, Boolean, boolean) X(MI_UINT8, Uint8, uint8) X(MI_SINT8, Sint8, sint8)         \
    X(MI_UINT16, Uint16, uint16) X(MI_SINT16, Sint16, sint16) X(MI_UINT32, Uint32, uint32)      \
    X(MI_SINT32, Sint32, sint32) X(MI_UINT64, Uint64, uint64) X(MI_SINT64, Sint64, sint64)      \
    X(MI_REAL32, Real32, real32) X(MI_REAL64, Real64, real64) X(MI_CHAR16, Char16, char16)      \
    X(MI_DATETIME, Datetime, datetime) X(MI_STRING, String, string)                            \
    X(MI_REFERENCE, Reference, reference) X(MI_INSTANCE, Instance, instance)                   \
    X(MI_BOOLEANA, BooleanA, booleana) X(MI_UINT8A, Uint8A, uint8a)                            \
    X(MI_SINT8A, Sint8A, sint8a) X(MI_UINT16A, Uint16A, uint16a)                               \
    X(MI_SINT16A, Sint16A, sint16a) X(MI_UINT32A, Uint32A, uint32a)                            \
    X(MI_SINT32A, Sint32A, sint32a) X(MI_UINT64A, Uint64A, uint64a)                            \
    X(MI_SINT64A, Sint64A, sint64a) X(MI_REAL32A, Real32A, real32a)                            \
    X(MI_REAL64A, Real64A, real64a) X(MI_CHAR16A, Char16A, char16a)                            \
    X(MI_DATETIMEA, DatetimeA, datetimea) X(MI_STRINGA, StringA, stringa)                      \
    X(MI_REFERENCEA, ReferenceA, referencea) X(MI_INSTANCEA, InstanceA, instancea)
/* clang-format on */

/* The layout of a field of type t: {value; exists; flags}. */
typedef struct mofbind_gen_layout_ {
    size_t size, exists, flags, value;
} mofbind_gen_layout_;

MI_INLINE int mofbind_gen_layout(MI_Type t, mofbind_gen_layout_ *l)
{
    switch (t) {
#define MOFBIND_GEN_L_(T, N, M)                                                                    \
    case T:                                                                                        \
        l->size = sizeof(MI_Const##N##Field);                                                      \
        l->exists = offsetof(MI_Const##N##Field, exists);                                          \
        l->flags = offsetof(MI_Const##N##Field, flags);                                            \
        l->value = sizeof(((MI_Const##N##Field *)0)->value);                                       \
        return 1;
        MOFBIND_GEN_TYPES_(MOFBIND_GEN_L_)
#undef MOFBIND_GEN_L_
    }
    return 0;
}

/* The size of one element of an array type, or of a scalar type. */
MI_INLINE size_t mofbind_gen_elem_size(MI_Type t)
{
    switch ((MI_Type)(t & ~MI_ARRAY)) {
    case MI_BOOLEAN:
        return sizeof(MI_Boolean);
    case MI_UINT8:
        return sizeof(MI_Uint8);
    case MI_SINT8:
        return sizeof(MI_Sint8);
    case MI_UINT16:
        return sizeof(MI_Uint16);
    case MI_SINT16:
        return sizeof(MI_Sint16);
    case MI_UINT32:
        return sizeof(MI_Uint32);
    case MI_SINT32:
        return sizeof(MI_Sint32);
    case MI_UINT64:
        return sizeof(MI_Uint64);
    case MI_SINT64:
        return sizeof(MI_Sint64);
    case MI_REAL32:
        return sizeof(MI_Real32);
    case MI_REAL64:
        return sizeof(MI_Real64);
    case MI_CHAR16:
        return sizeof(MI_Char16);
    case MI_DATETIME:
        return sizeof(MI_Datetime);
    case MI_STRING:
        return sizeof(MI_Char *);
    default:
        return sizeof(MI_Instance *);
    }
}

MI_INLINE int mofbind_gen_exists(const void *field, MI_Type t)
{
    mofbind_gen_layout_ l;
    return mofbind_gen_layout(t, &l) && ((const MI_Boolean *)((const char *)field + l.exists))[0];
}

/* Whether the field is NULL on purpose (X_SetNull_P), not merely unset. */
MI_INLINE int mofbind_gen_is_null(const void *field, MI_Type t)
{
    mofbind_gen_layout_ l;
    return mofbind_gen_layout(t, &l) &&
           !((const MI_Boolean *)((const char *)field + l.exists))[0] &&
           (((const unsigned char *)field)[l.flags] & MOFBIND_GEN_NULL);
}

/* Frees a value this code allocated (mofbind_gen_value_copy). */
MI_INLINE void mofbind_gen_value_free(MI_Value *v, MI_Type t)
{
    MI_Uint32 i;
    switch (t) {
    case MI_STRING:
        free(v->string);
        break;
    case MI_REFERENCE:
    case MI_INSTANCE:
        if (v->instance)
            MI_Instance_Delete(v->instance);
        break;
    case MI_STRINGA:
        for (i = 0; v->stringa.data && i < v->stringa.size; i++)
            free(v->stringa.data[i]);
        free(v->stringa.data);
        break;
    case MI_REFERENCEA:
    case MI_INSTANCEA:
        for (i = 0; v->instancea.data && i < v->instancea.size; i++)
            if (v->instancea.data[i])
                MI_Instance_Delete(v->instancea.data[i]);
        free(v->instancea.data);
        break;
    default:
        if (t & MI_ARRAY)
            free(v->array.data);
        break;
    }
}

MI_INLINE MI_Char *mofbind_gen_strdup(const MI_Char *s)
{
    size_t n = strlen(s) + 1;
    MI_Char *p = (MI_Char *)malloc(n * sizeof(MI_Char));
    if (p)
        memcpy(p, s, n * sizeof(MI_Char));
    return p;
}

/* A deep copy of src into dst (strings duplicated, instances cloned); free it with
 * mofbind_gen_value_free. On failure dst holds nothing to free. */
MI_INLINE MI_Result mofbind_gen_value_copy(MI_Value *dst, const MI_Value *src, MI_Type t)
{
    MI_Uint32 i, n;
    *dst = *src;
    switch (t) {
    case MI_STRING:
        if (!src->string)
            return MI_RESULT_OK;
        dst->string = mofbind_gen_strdup(src->string);
        return dst->string ? MI_RESULT_OK : MI_RESULT_SERVER_LIMITS_EXCEEDED;
    case MI_REFERENCE:
    case MI_INSTANCE:
        if (!src->instance)
            return MI_RESULT_OK;
        dst->instance = NULL;
        return MI_Instance_Clone(src->instance, &dst->instance);
    default:
        break;
    }
    if (!(t & MI_ARRAY))
        return MI_RESULT_OK;
    n = src->array.size;
    dst->array.data = NULL;
    dst->array.size = 0;
    if (n == 0 || !src->array.data)
        return MI_RESULT_OK;
    dst->array.data = calloc(n, mofbind_gen_elem_size(t));
    if (!dst->array.data)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    dst->array.size = n;
    if (t == MI_STRINGA) {
        for (i = 0; i < n; i++) {
            if (!src->stringa.data[i])
                continue;
            dst->stringa.data[i] = mofbind_gen_strdup(src->stringa.data[i]);
            if (!dst->stringa.data[i]) {
                mofbind_gen_value_free(dst, t);
                return MI_RESULT_SERVER_LIMITS_EXCEEDED;
            }
        }
    } else if (t == MI_REFERENCEA || t == MI_INSTANCEA) {
        for (i = 0; i < n; i++) {
            MI_Result r;
            if (!src->instancea.data[i])
                continue;
            r = MI_Instance_Clone(src->instancea.data[i], &dst->instancea.data[i]);
            if (r != MI_RESULT_OK) {
                dst->instancea.data[i] = NULL;
                mofbind_gen_value_free(dst, t);
                return r;
            }
        }
    } else {
        memcpy(dst->array.data, src->array.data, (size_t)n * mofbind_gen_elem_size(t));
    }
    return MI_RESULT_OK;
}

/* Makes a field unset, freeing the value when the field owns it. */
MI_INLINE void mofbind_gen_field_clear(void *field, MI_Type t)
{
    mofbind_gen_layout_ l;
    char *f = (char *)field;
    if (!mofbind_gen_layout(t, &l))
        return;
    if (f[l.flags] & MOFBIND_GEN_OWNED) {
        MI_Value v;
        memcpy(&v, f, l.value);
        mofbind_gen_value_free(&v, t);
    }
    memset(f, 0, l.size);
}

/* Makes a field NULL on purpose (sent as NULL), freeing the value when the field owns it. */
MI_INLINE void mofbind_gen_field_null(void *field, MI_Type t)
{
    mofbind_gen_layout_ l;
    mofbind_gen_field_clear(field, t);
    if (mofbind_gen_layout(t, &l))
        ((unsigned char *)field)[l.flags] = MOFBIND_GEN_NULL;
}

/* The field's value as an MI_Value (a shallow view). */
MI_INLINE void mofbind_gen_field_value(const void *field, MI_Type t, MI_Value *v)
{
    mofbind_gen_layout_ l;
    memset(v, 0, sizeof *v);
    if (mofbind_gen_layout(t, &l))
        memcpy(v, field, l.value);
}

/* Sets a field to v: a copy the field owns (copy != 0), or v itself, borrowed. */
MI_INLINE MI_Result mofbind_gen_field_set(void *field, MI_Type t, const MI_Value *v, int copy)
{
    mofbind_gen_layout_ l;
    char *f = (char *)field;
    MI_Value c;
    if (!mofbind_gen_layout(t, &l))
        return MI_RESULT_INVALID_PARAMETER;
    if (copy) {
        MI_Result r = mofbind_gen_value_copy(&c, v, t);
        if (r != MI_RESULT_OK)
            return r;
    } else {
        c = *v;
    }
    mofbind_gen_field_clear(field, t);
    memcpy(f, &c, l.value);
    f[l.exists] = 1;
    f[l.flags] = (char)(copy ? MOFBIND_GEN_OWNED : 0);
    return MI_RESULT_OK;
}

/* The setters. A scalar field gets the value at v (the field owns nothing). Like every helper
 * here it writes the field through memcpy and character stores, never through a member of the
 * class's struct type, so a setter of a superclass called on a subclass's struct (X_As_S) is
 * not undone by type-based alias analysis. */
MI_INLINE MI_Result mofbind_gen_set_scalar(void *field, MI_Type t, const void *v)
{
    mofbind_gen_layout_ l;
    char *f = (char *)field;
    if (!mofbind_gen_layout(t, &l))
        return MI_RESULT_INVALID_PARAMETER;
    memcpy(f, v, l.value);
    f[l.exists] = 1;
    f[l.flags] = 0;
    return MI_RESULT_OK;
}

/* v, an enumeration's value, as the MI_Value of the integer type t (MI_TRUE), or MI_FALSE for
 * a type that is not an integer. */
MI_INLINE MI_Boolean mofbind_gen_int_value(MI_Type t, long long v, MI_Value *mv)
{
    memset(mv, 0, sizeof *mv);
    switch (t) {
    case MI_UINT8:
        mv->uint8 = (MI_Uint8)v;
        return MI_TRUE;
    case MI_SINT8:
        mv->sint8 = (MI_Sint8)v;
        return MI_TRUE;
    case MI_UINT16:
        mv->uint16 = (MI_Uint16)v;
        return MI_TRUE;
    case MI_SINT16:
        mv->sint16 = (MI_Sint16)v;
        return MI_TRUE;
    case MI_UINT32:
        mv->uint32 = (MI_Uint32)v;
        return MI_TRUE;
    case MI_SINT32:
        mv->sint32 = (MI_Sint32)v;
        return MI_TRUE;
    case MI_UINT64:
        mv->uint64 = (MI_Uint64)v;
        return MI_TRUE;
    case MI_SINT64:
        mv->sint64 = (MI_Sint64)v;
        return MI_TRUE;
    default:
        return MI_FALSE;
    }
}

/* Sets an integer field of type t to v (an enumeration's value, in its base type's range). */
MI_INLINE MI_Result mofbind_gen_set_int(void *field, MI_Type t, long long v)
{
    MI_Value mv;
    if (!mofbind_gen_int_value(t, v, &mv))
        return MI_RESULT_INVALID_PARAMETER;
    return mofbind_gen_set_scalar(field, t, &mv);
}

/* A string, reference or instance: copied (copy != 0) or borrowed; NULL clears the field. */
MI_INLINE MI_Result mofbind_gen_set_ptr(void *field, MI_Type t, const void *value, int copy)
{
    MI_Value v;
    if (!value) {
        mofbind_gen_field_clear(field, t);
        return MI_RESULT_OK;
    }
    if (t == MI_STRING)
        v.string = (MI_Char *)value;
    else
        v.instance = (MI_Instance *)value;
    return mofbind_gen_field_set(field, t, &v, copy);
}

/* An array of size elements at data: copied (copy != 0, deeply for strings and instances) or
 * borrowed. */
MI_INLINE MI_Result mofbind_gen_set_array(void *field, MI_Type t, const void *data, MI_Uint32 size,
                                          int copy)
{
    MI_Value v;
    v.array.data = (void *)data;
    v.array.size = size;
    return mofbind_gen_field_set(field, t, &v, copy);
}

/* Array setters of enumerations: the items are converted one at a time (get(data, i) gives
 * item i as a long long, or for a string enumeration its string, NULL for no value of it) into
 * an array of the wire type t, which the field then owns. */
typedef long long (*mofbind_gen_int_at_)(const void *data, MI_Uint32 i);
typedef const MI_Char *(*mofbind_gen_str_at_)(const void *data, MI_Uint32 i);
MI_INLINE MI_Result mofbind_gen_set_enums(void *field, MI_Type t, const void *data, MI_Uint32 size,
                                          mofbind_gen_int_at_ get_int, mofbind_gen_str_at_ get_str)
{
    size_t es = mofbind_gen_elem_size(t);
    char *buf = (char *)malloc(size ? size * es : 1);
    MI_Uint32 i;
    MI_Result r = MI_RESULT_OK;
    if (!buf)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    for (i = 0; i < size && r == MI_RESULT_OK; i++) {
        MI_Value mv;
        if (get_str) {
            mv.string = (MI_Char *)get_str(data, i);
            if (!mv.string)
                r = MI_RESULT_INVALID_PARAMETER;
        } else if (!mofbind_gen_int_value((MI_Type)(t & ~MI_ARRAY), get_int(data, i), &mv)) {
            r = MI_RESULT_INVALID_PARAMETER;
        }
        memcpy(buf + i * es, &mv, es); /* every member of the union is at its start */
    }
    if (r == MI_RESULT_OK)
        r = mofbind_gen_set_array(field, t, buf, size, 1);
    free(buf);
    return r;
}

/* ---- MOF 3 structures in the class's struct ----------------------------------------------
 * A property typed by a MOF 3 structure S is a field of S's own C type in the class's struct:
 * S_Field {S value; exists; flags} for a scalar, S_AField {S_A value {S *data; size}; exists;
 * flags} for an array (S.h declares them). On the wire it stays an embedded instance (type
 * MI_INSTANCE or MI_INSTANCEA and className S in the property's declaration). The helpers find
 * such fields in the class's structure-field table: X.c's list of property declarations,
 * X_props, holds one entry past its numProperties, the address of X_sfields (an array of
 * mofbind_gen_sfield_ ending with rtti NULL) or NULL when X has none. The marshal, unmarshal,
 * destruct and copy helpers below consult it, so that nothing per class is generated beyond the
 * table and the typed setters. A method's parameter (or its return) typed by S is the same
 * field in the method's _In or _Out struct, found through the method's own table
 * (mofbind_gen_psfield_at_). */
typedef struct mofbind_gen_sfield_ {
    MI_Uint32 index;          /* the property's (parameter's) position in the class's table */
    MI_Uint32 exists;         /* offsetof(S_Field or S_AField, exists); flags follows it */
    MI_Uint32 size;           /* sizeof(S) */
    MI_Uint32 array;          /* 1 for S_AField */
    const MI_ClassDecl *rtti; /* S_rtti */
} mofbind_gen_sfield_;

/* X_props's entry past the properties (X_sfields or NULL) as X.c writes it, and D_M_params's
 * past the parameters (D_M_sfields or NULL). */
#define MOFBIND_GEN_SFIELDS(T) (const MI_PropertyDecl *)(const void *)(T)
#define MOFBIND_GEN_PSFIELDS(T) (const MI_ParameterDecl *)(const void *)(T)

/* The entry of table t (a structure-field table, or NULL) for position i, or NULL. */
MI_INLINE const mofbind_gen_sfield_ *mofbind_gen_sfind_(const void *t, MI_Uint32 i)
{
    const mofbind_gen_sfield_ *d = (const mofbind_gen_sfield_ *)t;
    for (; d && d->rtti; d++)
        if (d->index == i)
            return d;
    return NULL;
}

/* The structure field of property i of cd's class, or NULL when it is an ordinary field. */
MI_INLINE const mofbind_gen_sfield_ *mofbind_gen_sfield_at_(const MI_ClassDecl *cd, MI_Uint32 i)
{
    return mofbind_gen_sfind_(
        cd->properties ? (const void *)cd->properties[cd->numProperties] : NULL, i);
}

/* The same for parameter i of method md (MIReturn is 0): a method's parameters are fields of
 * its _In and _Out structs, and D_M_params holds the table of its structure-typed ones
 * (D_M_sfields, index: the parameter's position in D_M_params) one entry past numParameters,
 * as a class's list does (MOFBIND_GEN_PSFIELDS). */
MI_INLINE const mofbind_gen_sfield_ *mofbind_gen_psfield_at_(const MI_MethodDecl *md, MI_Uint32 i)
{
    return mofbind_gen_sfind_(
        md->parameters ? (const void *)md->parameters[md->numParameters] : NULL, i);
}

MI_INLINE void mofbind_gen_destruct(const MI_ClassDecl *cd, void *x);
MI_INLINE MI_Result mofbind_gen_copy(const MI_ClassDecl *cd, void *dst, const void *src);

MI_INLINE int mofbind_gen_sexists_(const mofbind_gen_sfield_ *d, const void *field)
{
    return ((const unsigned char *)field)[d->exists] != 0;
}

MI_INLINE int mofbind_gen_snull_(const mofbind_gen_sfield_ *d, const void *field)
{
    const unsigned char *f = (const unsigned char *)field;
    return !f[d->exists] && (f[d->exists + 1] & MOFBIND_GEN_NULL);
}

/* A structure array's {data, size}, read and written through memcpy (see "Aliasing"), at an
 * address read back from a volatile: where a helper walking a table is inlined into a caller
 * holding a struct smaller than an MI_Array (an _In struct of one boolean), gcc cannot see that
 * the table has no structure field there and would warn (-Warray-bounds) of the copy. */
MI_INLINE MI_Array mofbind_gen_sarray_(const void *field)
{
    const void *volatile at = field;
    MI_Array a;
    memcpy(&a, at, sizeof a);
    return a;
}

MI_INLINE void mofbind_gen_sarray_put_(void *field, void *data, MI_Uint32 size)
{
    void *volatile at = field;
    MI_Array a;
    a.data = data;
    a.size = size;
    memcpy(at, &a, sizeof a);
}

/* Frees n structures of d's type at data (their fields), then data. */
MI_INLINE void mofbind_gen_sfree_(const mofbind_gen_sfield_ *d, void *data, MI_Uint32 n)
{
    MI_Uint32 k;
    for (k = 0; data && k < n; k++)
        mofbind_gen_destruct(d->rtti, (char *)data + (size_t)k * d->size);
    free(data);
}

/* Makes a structure field unset: the structure's own fields freed (they own what they hold), an
 * array's items and data too when the field owns them (not after SetPtr). */
MI_INLINE void mofbind_gen_sclear_(const mofbind_gen_sfield_ *d, void *field)
{
    unsigned char *f = (unsigned char *)field;
    if (d->array) {
        MI_Array a = mofbind_gen_sarray_(field);
        if (f[d->exists + 1] & MOFBIND_GEN_OWNED)
            mofbind_gen_sfree_(d, a.data, a.size);
    } else {
        mofbind_gen_destruct(d->rtti, field);
    }
    memset(field, 0, (size_t)d->exists + 2);
}

/* Copies n structures at src into a new array *out (deep copies it owns). */
MI_INLINE MI_Result mofbind_gen_scopy_(const mofbind_gen_sfield_ *d, const void *src, MI_Uint32 n,
                                       void **out)
{
    char *data = (char *)calloc(n ? n : 1, d->size);
    MI_Uint32 k;
    *out = NULL;
    if (!data)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    for (k = 0; k < n; k++) {
        MI_Result r = mofbind_gen_copy(d->rtti, data + (size_t)k * d->size,
                                       (const char *)src + (size_t)k * d->size);
        if (r != MI_RESULT_OK) {
            mofbind_gen_sfree_(d, data, k);
            return r;
        }
    }
    *out = data;
    return MI_RESULT_OK;
}

/* X_Set_P of a structure field: a copy of the structure at data (an array: of size of them),
 * which the field owns, or (copy == 0, arrays) data itself, borrowed; data NULL makes the
 * field unset. On failure the field is as it was. */
MI_INLINE MI_Result mofbind_gen_sset_(const mofbind_gen_sfield_ *d, void *field, const void *data,
                                      MI_Uint32 size, int copy)
{
    unsigned char *f = (unsigned char *)field;
    if (!data) {
        mofbind_gen_sclear_(d, field);
        return MI_RESULT_OK;
    }
    if (d->array) {
        void *c = (void *)data;
        if (copy) {
            MI_Result r = mofbind_gen_scopy_(d, data, size, &c);
            if (r != MI_RESULT_OK)
                return r;
        }
        mofbind_gen_sclear_(d, field);
        mofbind_gen_sarray_put_(field, c, size);
    } else {
        /* The copy is made aside first: data may be a part of the field's own value. */
        void *c = malloc(d->size);
        MI_Result r = c ? mofbind_gen_copy(d->rtti, c, data) : MI_RESULT_SERVER_LIMITS_EXCEEDED;
        if (r != MI_RESULT_OK) {
            free(c);
            return r;
        }
        mofbind_gen_sclear_(d, field);
        memcpy(field, c, d->size);
        free(c);
    }
    f[d->exists] = 1;
    f[d->exists + 1] = (unsigned char)(copy ? MOFBIND_GEN_OWNED : 0);
    return MI_RESULT_OK;
}

/* A wrapper's namespace: the caller's, or when NULL the class's own (X_NAMESPACE: the one
 * #pragma namespace put it in, root/cimv2 for MOF without one). */
#define MOFBIND_GEN_NS_(X, ns) ((ns) ? (ns) : X##_NAMESPACE)

/* The functions of a class X, as X.h spells them (MI_INLINE: each is a call of a helper below
 * with the class's table X_rtti, compiled only where a program calls it): _Init, _Destruct,
 * _ToInstance, _FromInstance; the operations; Create for classes that are not abstract. */
#define MOFBIND_GEN_CLASS_FUNCTIONS(X)                                                             \
    MI_INLINE void X##_Init(X *x)                                                                  \
    {                                                                                              \
        memset(x, 0, sizeof *x);                                                                   \
    }                                                                                              \
    MI_INLINE void X##_Destruct(X *x)                                                              \
    {                                                                                              \
        mofbind_gen_destruct(&X##_rtti, x);                                                        \
    }                                                                                              \
    MI_INLINE MI_Result X##_ToInstance(const X *x, MI_Application *application,                    \
                                       MI_Instance **instance)                                     \
    {                                                                                              \
        return mofbind_gen_to_instance(&X##_rtti, x, application, instance);                       \
    }                                                                                              \
    MI_INLINE MI_Result X##_FromInstance(const MI_Instance *instance, X *x)                        \
    {                                                                                              \
        return mofbind_gen_unmarshal(&X##_rtti, instance, x);                                      \
    }                                                                                              \
    MI_INLINE const MI_Char *X##_ClassName(const X *x)                                             \
    {                                                                                              \
        return mofbind_gen_class_name(&X##_rtti, x);                                               \
    }
#define MOFBIND_GEN_OPERATIONS(X)                                                                  \
    MOFBIND_GEN_INSTANCE_OP_(X, Get, MOFBIND_GEN_OP_GET)                                           \
    MOFBIND_GEN_TYPED_SYNC_(X, Get)                                                                \
    MOFBIND_GEN_INSTANCE_OP_(X, Modify, MOFBIND_GEN_OP_MODIFY)                                     \
    MOFBIND_GEN_NO_RESULT_SYNC_(X, Modify)                                                         \
    MOFBIND_GEN_INSTANCE_OP_(X, Delete, MOFBIND_GEN_OP_DELETE)                                     \
    MOFBIND_GEN_NO_RESULT_SYNC_(X, Delete)                                                         \
    MI_INLINE void X##_EnumerateEx(                                                                \
        MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options, const MI_Char *ns,     \
        MI_Boolean keysOnly, MI_OperationCallbacks *callbacks, MI_Operation *op)                   \
    {                                                                                              \
        MI_Session_EnumerateInstances(session, flags, options, MOFBIND_GEN_NS_(X, ns),             \
                                      X##_rtti.name, keysOnly, callbacks, op);                     \
    }                                                                                              \
    MI_INLINE void X##_Enumerate(MI_Session *session, const MI_Char *ns, MI_Boolean keysOnly,      \
                                 MI_OperationCallbacks *callbacks, MI_Operation *op)               \
    {                                                                                              \
        X##_EnumerateEx(session, 0, NULL, ns, keysOnly, callbacks, op);                            \
    }                                                                                              \
    MI_INLINE MI_Result X##_EnumerateNext(                                                         \
        MI_Operation *op, X *x, MI_Boolean *found, MI_Boolean *moreResults, MI_Result *result,     \
        const MI_Char **errorMessage, const MI_Instance **errorDetails)                            \
    {                                                                                              \
        return mofbind_gen_next(op, &X##_rtti, x, found, moreResults, result, errorMessage,        \
                                errorDetails);                                                     \
    }                                                                                              \
    MOFBIND_GEN_QUERIES_(X)
/* X_Query (WQL "SELECT * FROM X WHERE where"; results by X_EnumerateNext), X_Subscribe to the
 * lifecycle indications of X's instances (kind: MOFBIND_GEN_CREATION ...), X_IndicationNext and
 * X_FromIndication (its SourceInstance, and a modification's PreviousInstance, as X structs). */
#define MOFBIND_GEN_QUERIES_(X)                                                                    \
    MI_INLINE void X##_QueryEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options, \
                               const MI_Char *ns, const MI_Char *where,                            \
                               MI_OperationCallbacks *callbacks, MI_Operation *op)                 \
    {                                                                                              \
        mofbind_gen_query(&X##_rtti, -1, session, flags, options, MOFBIND_GEN_NS_(X, ns), where,   \
                          NULL, callbacks, op);                                                    \
    }                                                                                              \
    MI_INLINE void X##_Query(MI_Session *session, const MI_Char *ns, const MI_Char *where,         \
                             MI_OperationCallbacks *callbacks, MI_Operation *op)                   \
    {                                                                                              \
        X##_QueryEx(session, 0, NULL, ns, where, callbacks, op);                                   \
    }                                                                                              \
    MI_INLINE void X##_SubscribeEx(MI_Session *session, MI_Uint32 flags,                           \
                                   MI_OperationOptions *options, const MI_Char *ns, int kind,      \
                                   const MI_SubscriptionDeliveryOptions *deliverOptions,           \
                                   MI_OperationCallbacks *callbacks, MI_Operation *op)             \
    {                                                                                              \
        mofbind_gen_query(&X##_rtti, kind < 0 ? MOFBIND_GEN_INDICATION + 1 : kind, session, flags, \
                          options, MOFBIND_GEN_NS_(X, ns), NULL, deliverOptions, callbacks, op);   \
    }                                                                                              \
    MI_INLINE void X##_Subscribe(MI_Session *session, const MI_Char *ns, int kind,                 \
                                 MI_OperationCallbacks *callbacks, MI_Operation *op)               \
    {                                                                                              \
        X##_SubscribeEx(session, 0, NULL, ns, kind, NULL, callbacks, op);                          \
    }                                                                                              \
    MI_INLINE MI_Result X##_IndicationNext(                                                        \
        MI_Operation *op, X *source, X *previous, MI_Boolean *found, MI_Boolean *moreResults,      \
        MI_Result *result, const MI_Char **errorMessage, const MI_Instance **errorDetails)         \
    {                                                                                              \
        return mofbind_gen_indication_next(op, &X##_rtti, source, previous, found, moreResults,    \
                                           result, errorMessage, errorDetails);                    \
    }                                                                                              \
    MI_INLINE MI_Result X##_FromIndication(const MI_Instance *indication, X *source, X *previous)  \
    {                                                                                              \
        return mofbind_gen_from_indication(&X##_rtti, indication, source, previous);               \
    }
/* In the header of an association A, for its reference ROLE to the generated class S:
 * A_References_NAME(session, ns, x, callbacks, op), the A instances whose ROLE is x (read with
 * A_EnumerateNext); and for each other reference RROLE, A_Associators_NAME(...), the instances
 * at RROLE of the A instances whose ROLE is x (read with RROLE's class's X_EnumerateNext). Each
 * has an Ex form taking (flags, options) and keysOnly. */
#define MOFBIND_GEN_ASSOC_(A, KIND, NAME, S, IS_ASSOC, ROLE, RROLE)                                \
    extern const MI_ClassDecl S##_rtti;                                                            \
    MI_INLINE void A##_##KIND##_##NAME##Ex(MI_Session *session, MI_Uint32 flags,                   \
                                           MI_OperationOptions *options, const MI_Char *ns,        \
                                           const struct S *x, MI_Boolean keysOnly,                 \
                                           MI_OperationCallbacks *callbacks, MI_Operation *op)     \
    {                                                                                              \
        mofbind_gen_assoc_op(&S##_rtti, &A##_rtti, IS_ASSOC, ROLE, RROLE, session, flags, options, \
                             MOFBIND_GEN_NS_(A, ns), x, keysOnly, callbacks, op);                  \
    }                                                                                              \
    MI_INLINE void A##_##KIND##_##NAME(MI_Session *session, const MI_Char *ns, const struct S *x,  \
                                       MI_OperationCallbacks *callbacks, MI_Operation *op)         \
    {                                                                                              \
        A##_##KIND##_##NAME##Ex(session, 0, NULL, ns, x, MI_FALSE, callbacks, op);                 \
    }
#define MOFBIND_GEN_REFERENCES(A, NAME, S, ROLE)                                                   \
    MOFBIND_GEN_ASSOC_(A, References, NAME, S, 0, ROLE, NULL)
#define MOFBIND_GEN_ASSOCIATORS(A, NAME, S, ROLE, RROLE)                                           \
    MOFBIND_GEN_ASSOC_(A, Associators, NAME, S, 1, ROLE, RROLE)
#define MOFBIND_GEN_CREATE_FUNCTIONS(X)                                                            \
    MOFBIND_GEN_INSTANCE_OP_(X, Create, MOFBIND_GEN_OP_CREATE)                                     \
    MOFBIND_GEN_TYPED_SYNC_(X, Create)
/* An abstract class has no instances to create: its Create, CreateEx and CreateSync are
 * declared so that a call is an error that says why ("'X_Create' is unavailable: X is abstract"),
 * with gcc 12 and later and clang, in C and C++; elsewhere deprecated, then an undefined
 * function at link time. */
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 12)
#define MOFBIND_GEN_ABSTRACT_(MSG) __attribute__((unavailable(MSG)))
#elif defined(__GNUC__)
#define MOFBIND_GEN_ABSTRACT_(MSG) __attribute__((error(MSG)))
#else
#define MOFBIND_GEN_ABSTRACT_(MSG)
#endif
#define MOFBIND_GEN_ABSTRACT(X)                                                                    \
    MOFBIND_GEN_ABSTRACT_(#X " is abstract: it has no instances to create")                        \
    void X##_Create(MI_Session *session, const MI_Char *ns, const X *x,                            \
                    MI_OperationCallbacks *callbacks, MI_Operation *op);                           \
    MOFBIND_GEN_ABSTRACT_(#X " is abstract: it has no instances to create")                        \
    void X##_CreateEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,          \
                      const MI_Char *ns, const X *x, MI_OperationCallbacks *callbacks,             \
                      MI_Operation *op);                                                           \
    MOFBIND_GEN_ABSTRACT_(#X " is abstract: it has no instances to create")                        \
    MI_Result X##_CreateSync(MI_Session *session, const MI_Char *ns, const X *x, X *out,           \
                             MI_Instance **errorDetails);
/* X_OpSync of Get and Create: the instance the server answers, into *out (created, for
 * Create: its keys, as the server assigned them). */
#define MOFBIND_GEN_TYPED_SYNC_(X, OP)                                                             \
    MI_INLINE MI_Result X##_##OP##Sync(MI_Session *session, const MI_Char *ns, const X *x, X *out, \
                                       MI_Instance **errorDetails)                                 \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        X##_##OP##Ex(session, 0, NULL, ns, x, NULL, &op);                                          \
        return mofbind_gen_wait(&op, &X##_rtti, NULL, NULL, out, errorDetails);                    \
    }
/* X_OpEx and X_Op of an operation on the instance x names (Get, Modify, Delete, Create). */
#define MOFBIND_GEN_INSTANCE_OP_(X, OP, WHICH)                                                     \
    MI_INLINE void X##_##OP##Ex(MI_Session *session, MI_Uint32 flags,                              \
                                MI_OperationOptions *options, const MI_Char *ns, const X *x,       \
                                MI_OperationCallbacks *callbacks, MI_Operation *op)                \
    {                                                                                              \
        mofbind_gen_instance_op(&X##_rtti, WHICH, session, flags, options, MOFBIND_GEN_NS_(X, ns), \
                                x, callbacks, op);                                                 \
    }                                                                                              \
    MI_INLINE void X##_##OP(MI_Session *session, const MI_Char *ns, const X *x,                    \
                            MI_OperationCallbacks *callbacks, MI_Operation *op)                    \
    {                                                                                              \
        X##_##OP##Ex(session, 0, NULL, ns, x, callbacks, op);                                      \
    }
#define MOFBIND_GEN_NO_RESULT_SYNC_(X, OP)                                                         \
    MI_INLINE MI_Result X##_##OP##Sync(MI_Session *session, const MI_Char *ns, const X *x,         \
                                       MI_Instance **errorDetails)                                 \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        X##_##OP##Ex(session, 0, NULL, ns, x, NULL, &op);                                          \
        return mofbind_gen_wait(&op, NULL, NULL, NULL, NULL, errorDetails);                        \
    }

/* The boolean qualifiers (true, with the flavors of DSP0004's declarations) the tables of X.c
 * share, mofbind_gen_q_NAME; another flavor, or another qualifier, gets an object in X.c. Static
 * as the functions are; mofbind_gen_q_used_ refers to them so that no compiler calls them
 * unused. */
static const MI_Boolean mofbind_gen_true_ = MI_TRUE;
static const MI_Qualifier mofbind_gen_q_Key = {
    MI_T("Key"), MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_Association = {MI_T("Association"), MI_BOOLEAN,
                                                       MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                                                       &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_In = {
    MI_T("In"), MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_Out = {
    MI_T("Out"), MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_Required = {
    MI_T("Required"), MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS, &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_Abstract = {
    MI_T("Abstract"), MI_BOOLEAN, MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED, &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_Indication = {MI_T("Indication"), MI_BOOLEAN,
                                                      MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
                                                      &mofbind_gen_true_};
static const MI_Qualifier mofbind_gen_q_EmbeddedObject = {
    MI_T("EmbeddedObject"), MI_BOOLEAN, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS,
    &mofbind_gen_true_};
MI_INLINE const MI_Qualifier *mofbind_gen_q_used_(int i)
{
    static const MI_Qualifier *const q[] = {
        &mofbind_gen_q_Key,        &mofbind_gen_q_Association,   &mofbind_gen_q_In,
        &mofbind_gen_q_Out,        &mofbind_gen_q_Required,      &mofbind_gen_q_Abstract,
        &mofbind_gen_q_Indication, &mofbind_gen_q_EmbeddedObject};
    return q[i];
}

/* X.c's check that X's struct begins with S's fields, of the same types in the same order, so
 * that each sits where S has it (X_As_S relies on it): the last field X inherits, F, is at S's
 * offset, and X is no smaller than S. */
#define MOFBIND_GEN_LAYOUT_CHECK(X, S, F)                                                          \
    typedef char                                                                                   \
        X##_layout_check_[(offsetof(X, F) == offsetof(S, F) && sizeof(X) >= sizeof(S)) * 2 - 1]

/* X as its superclass S, whose fields come first in the same layout (X.c checks it): X_As_S
 * and X_AsConst_S, for passing a subclass's struct to S's functions (see "Aliasing" above). */
#define MOFBIND_GEN_UPCAST(X, S)                                                                   \
    MI_INLINE S *X##_As_##S(X *x)                                                                  \
    {                                                                                              \
        return (S *)(void *)x;                                                                     \
    }                                                                                              \
    MI_INLINE const S *X##_AsConst_##S(const X *x)                                                 \
    {                                                                                              \
        return (const S *)(const void *)x;                                                         \
    }                                                                                              \
    MI_INLINE MI_Result X##_From_##S(const S *s, X *x)                                             \
    {                                                                                              \
        return mofbind_gen_downcast(&X##_rtti, s, x);                                              \
    }

/* X_SetFrom_P(x, y, application): the reference or embedded instance P (field F, MI_Type MT)
 * made from the struct y of the generated class Y (its keys for a reference: MODE
 * MOFBIND_GEN_KEYS; all of it for an embedded instance: MOFBIND_GEN_ALL), owned by x. For a
 * subclass of Y, pass its _AsConst_Y. */
#define MOFBIND_GEN_SET_FROM(X, P, F, Y, MT, MODE)                                                 \
    extern const MI_ClassDecl Y##_rtti;                                                            \
    MI_INLINE MI_Result X##_SetFrom_##P(X *x, const struct Y *y, MI_Application *application)      \
    {                                                                                              \
        return mofbind_gen_set_from(&x->F, MT, &Y##_rtti, y, application, MODE);                   \
    }

/* The functions of a method M of class X whose tables and parameter structs are D's (D_M_In,
 * D_M_Out, D_M_method, D_M_outs; D is X, or the superclass that declares M): X_Invoke_M and
 * X_Invoke_MSync, taking (session, ns, [instanceKeys,] [in,] ...): MOFBIND_GEN_METHOD_KI for
 * a method with IN parameters called on an instance, _K without IN parameters, _SI and _S for
 * a static method. MOFBIND_GEN_METHOD_OUT gives D_M_Out's _FromInstance and _Destruct;
 * MOFBIND_GEN_INHERITED_IN / _OUT give an inheriting X the names X_M_In, X_M_Out and X_M_Out's
 * functions. Every name is pasted at once, so a method may be called like a C macro. */
#define MOFBIND_GEN_METHOD_KI(X, M, D)                                                             \
    MI_INLINE void X##_Invoke_##M(MI_Session *session, const MI_Char *ns, const X *instanceKeys,   \
                                  const D##_In *in, MI_OperationCallbacks *callbacks,              \
                                  MI_Operation *op)                                                \
    {                                                                                              \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), instanceKeys,  \
                           in, callbacks, op);                                                     \
    }                                                                                              \
    MI_INLINE MI_Result X##_Invoke_##M##Sync(MI_Session *session, const MI_Char *ns,               \
                                             const X *instanceKeys, const D##_In *in,              \
                                             D##_Out *out, MI_Instance **errorDetails)             \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), instanceKeys,  \
                           in, NULL, &op);                                                         \
        return mofbind_gen_wait(&op, NULL, &D##_method, D##_outs, out, errorDetails);              \
    }
#define MOFBIND_GEN_METHOD_K(X, M, D)                                                              \
    MI_INLINE void X##_Invoke_##M(MI_Session *session, const MI_Char *ns, const X *instanceKeys,   \
                                  MI_OperationCallbacks *callbacks, MI_Operation *op)              \
    {                                                                                              \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), instanceKeys,  \
                           NULL, callbacks, op);                                                   \
    }                                                                                              \
    MI_INLINE MI_Result X##_Invoke_##M##Sync(MI_Session *session, const MI_Char *ns,               \
                                             const X *instanceKeys, D##_Out *out,                  \
                                             MI_Instance **errorDetails)                           \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), instanceKeys,  \
                           NULL, NULL, &op);                                                       \
        return mofbind_gen_wait(&op, NULL, &D##_method, D##_outs, out, errorDetails);              \
    }
#define MOFBIND_GEN_METHOD_SI(X, M, D)                                                             \
    MI_INLINE void X##_Invoke_##M(MI_Session *session, const MI_Char *ns, const D##_In *in,        \
                                  MI_OperationCallbacks *callbacks, MI_Operation *op)              \
    {                                                                                              \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), NULL, in,      \
                           callbacks, op);                                                         \
    }                                                                                              \
    MI_INLINE MI_Result X##_Invoke_##M##Sync(MI_Session *session, const MI_Char *ns,               \
                                             const D##_In *in, D##_Out *out,                       \
                                             MI_Instance **errorDetails)                           \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), NULL, in,      \
                           NULL, &op);                                                             \
        return mofbind_gen_wait(&op, NULL, &D##_method, D##_outs, out, errorDetails);              \
    }
#define MOFBIND_GEN_METHOD_S(X, M, D)                                                              \
    MI_INLINE void X##_Invoke_##M(MI_Session *session, const MI_Char *ns,                          \
                                  MI_OperationCallbacks *callbacks, MI_Operation *op)              \
    {                                                                                              \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), NULL, NULL,    \
                           callbacks, op);                                                         \
    }                                                                                              \
    MI_INLINE MI_Result X##_Invoke_##M##Sync(MI_Session *session, const MI_Char *ns, D##_Out *out, \
                                             MI_Instance **errorDetails)                           \
    {                                                                                              \
        MI_Operation op = MI_OPERATION_NULL;                                                       \
        mofbind_gen_invoke(&X##_rtti, &D##_method, session, MOFBIND_GEN_NS_(X, ns), NULL, NULL,    \
                           NULL, &op);                                                             \
        return mofbind_gen_wait(&op, NULL, &D##_method, D##_outs, out, errorDetails);              \
    }
#define MOFBIND_GEN_METHOD_OUT(D)                                                                  \
    extern const MI_MethodDecl D##_method;                                                         \
    extern const MI_Uint32 D##_outs[];                                                             \
    MI_INLINE MI_Result D##_Out_FromInstance(const MI_Instance *instance, D##_Out *out)            \
    {                                                                                              \
        return mofbind_gen_out_from(&D##_method, D##_outs, instance, out);                         \
    }                                                                                              \
    MI_INLINE void D##_Out_Destruct(D##_Out *out)                                                  \
    {                                                                                              \
        mofbind_gen_out_destruct(&D##_method, D##_outs, out);                                      \
    }
/* D_M_In_Init (every IN parameter unset) and D_M_In_Destruct (frees what the setters copied). */
#define MOFBIND_GEN_METHOD_IN(D)                                                                   \
    extern const MI_MethodDecl D##_method;                                                         \
    MI_INLINE void D##_In_Init(D##_In *in)                                                         \
    {                                                                                              \
        memset(in, 0, sizeof *in);                                                                 \
    }                                                                                              \
    MI_INLINE void D##_In_Destruct(D##_In *in)                                                     \
    {                                                                                              \
        mofbind_gen_in_destruct(&D##_method, in);                                                  \
    }
#define MOFBIND_GEN_INHERITED_IN(X, M, D) typedef D##_In X##_##M##_In;
#define MOFBIND_GEN_INHERITED_OUT(X, M, D)                                                         \
    typedef D##_Out X##_##M##_Out;                                                                 \
    MI_INLINE MI_Result X##_##M##_Out_FromInstance(const MI_Instance *instance, D##_Out *out)      \
    {                                                                                              \
        return D##_Out_FromInstance(instance, out);                                                \
    }                                                                                              \
    MI_INLINE void X##_##M##_Out_Destruct(D##_Out *out)                                            \
    {                                                                                              \
        D##_Out_Destruct(out);                                                                     \
    }

/* MOF 3 enumerations. An integer enumeration E is a C enum (constants E_Name); a property or
 * IN parameter P typed by it stores E's base type (the wire form) and X_Set_P takes an E
 * (MOFBIND_GEN_P_ENUM). A string enumeration is a C enum of its values' positions with
 * E_ToString (the value's string, NULL for no value of E) and E_FromString (MI_FALSE for a
 * string that is none of E's); X_Set_P takes an E and stores its string (MOFBIND_GEN_P_SENUM,
 * MI_RESULT_INVALID_PARAMETER for no value of E). An array of E: X_Set_P takes (data, size), an
 * array of E (MOFBIND_GEN_P_ENUMA, _SENUMA). Every setter refuses a value that is none of E's
 * (an int cast to E) with MI_RESULT_INVALID_PARAMETER, leaving the field as it was. In C++ an int
 * or another enumeration's value does not convert to E; in C a value of another enumeration type is
 * an error (the pragma above), a bare integer or another enumeration's constant (an int in C) is
 * not. */
#define MOFBIND_GEN_STRING_ENUM(E, ...)                                                            \
    MI_INLINE const MI_Char *E##_ToString(E value)                                                 \
    {                                                                                              \
        static const MI_Char *const s[] = {__VA_ARGS__};                                           \
        return (size_t)value < sizeof s / sizeof s[0] ? s[value] : NULL;                           \
    }                                                                                              \
    MI_INLINE MI_Boolean E##_FromString(const MI_Char *str, E *value)                              \
    {                                                                                              \
        static const MI_Char *const s[] = {__VA_ARGS__};                                           \
        size_t i;                                                                                  \
        for (i = 0; str && i < sizeof s / sizeof s[0]; i++)                                        \
            if (strcmp(str, s[i]) == 0) {                                                          \
                *value = (E)i;                                                                     \
                return MI_TRUE;                                                                    \
            }                                                                                      \
        return MI_FALSE;                                                                           \
    }
/* E_IsValid of an integer enumeration: whether value is one of E's (DSP0221 3.0 gives an
 * enumeration-typed element only its enumeration's values; a C enum variable may hold any int). */
#define MOFBIND_GEN_INT_ENUM(E, ...)                                                               \
    MI_INLINE MI_Boolean E##_IsValid(E value)                                                      \
    {                                                                                              \
        static const E v[] = {__VA_ARGS__};                                                        \
        size_t i;                                                                                  \
        for (i = 0; i < sizeof v / sizeof v[0]; i++)                                               \
            if (v[i] == value)                                                                     \
                return MI_TRUE;                                                                    \
        return MI_FALSE;                                                                           \
    }
#define MOFBIND_GEN_P_ENUM(X, P, F, E, MT)                                                         \
    MI_INLINE MI_Result X##_Set_##P(X *x, E value)                                                 \
    {                                                                                              \
        if (!E##_IsValid(value))                                                                   \
            return MI_RESULT_INVALID_PARAMETER;                                                    \
        return mofbind_gen_set_int(&x->F, MT, (long long)value);                                   \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, X##_Clear_##P, X##_SetNull_##P, F, MT)
#define MOFBIND_GEN_P_SENUM(X, P, F, E, MT)                                                        \
    MI_INLINE MI_Result X##_Set_##P(X *x, E value)                                                 \
    {                                                                                              \
        const MI_Char *s = E##_ToString(value);                                                    \
        return s ? mofbind_gen_set_ptr(&x->F, MT, s, 0) : MI_RESULT_INVALID_PARAMETER;             \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, X##_Clear_##P, X##_SetNull_##P, F, MT)
/* An array P of an enumeration E: X_Set_P(x, data, size) takes size values of E and stores them
 * converted (MI_RESULT_INVALID_PARAMETER, the field unchanged, when one is no value of E); MT is
 * the wire's array type. There is no SetPtr: the field holds the wire form. */
#define MOFBIND_GEN_P_ENUMA(X, P, F, E, MT)                                                        \
    MI_INLINE long long X##_##P##_at_(const void *data, MI_Uint32 i)                               \
    {                                                                                              \
        return (long long)((const E *)data)[i];                                                    \
    }                                                                                              \
    MI_INLINE MI_Result X##_Set_##P(X *x, const E *data, MI_Uint32 size)                           \
    {                                                                                              \
        MI_Uint32 i;                                                                               \
        for (i = 0; data && i < size; i++)                                                         \
            if (!E##_IsValid(data[i]))                                                             \
                return MI_RESULT_INVALID_PARAMETER;                                                \
        return mofbind_gen_set_enums(&x->F, MT, data, size, X##_##P##_at_, NULL);                  \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, X##_Clear_##P, X##_SetNull_##P, F, MT)
#define MOFBIND_GEN_P_SENUMA(X, P, F, E, MT)                                                       \
    MI_INLINE const MI_Char *X##_##P##_at_(const void *data, MI_Uint32 i)                          \
    {                                                                                              \
        return E##_ToString(((const E *)data)[i]);                                                 \
    }                                                                                              \
    MI_INLINE MI_Result X##_Set_##P(X *x, const E *data, MI_Uint32 size)                           \
    {                                                                                              \
        return mofbind_gen_set_enums(&x->F, MT, data, size, NULL, X##_##P##_at_);                  \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, X##_Clear_##P, X##_SetNull_##P, F, MT)

/* The readers of an OUT parameter P (field F, value type T; MIReturn, the return value, too)
 * of a method's X = D_M_Out: X_Get_P(out, &value) stores the value, or (&data, &size) for an
 * array, and returns MI_TRUE when the server sent one, MI_FALSE when it is absent or NULL (the
 * value stored is then 0 or NULL). What it stores stays the out struct's: valid until
 * D_M_Out_Destruct. X_GetAs_P(out, &y), for a reference or embedded instance of the generated
 * class Y, reads it into y (copies: free with Y_Destruct; a reference gives the keys):
 * MI_RESULT_NOT_FOUND when absent or NULL. An OUT parameter (or return) typed by a MOF 3
 * structure S is an S_Field (S_AField) in the out struct, read from its embedded instance(s):
 * X_Get_P(out, &s) stores a pointer to the S in out (MOFBIND_GEN_GET_STRUCT; an array's
 * X_Get_P(out, &data, &size) gives its S array). IN parameters have setters like properties
 * (D_M_In_Set_P, _SetPtr_P, _Clear_P, _SetNull_P, _SetFrom_P; for a structure S, Set_P takes a
 * const S *, an array (data, size), as a property's), which set exists and own what they copy,
 * freed by D_M_In_Destruct. */
#define MOFBIND_GEN_GET(X, P, F, T)                                                                \
    MI_INLINE MI_Boolean X##_Get_##P(const X *x, T *value)                                         \
    {                                                                                              \
        *value = x->F.value;                                                                       \
        return x->F.exists;                                                                        \
    }
#define MOFBIND_GEN_GET_STRUCT(X, P, F, S)                                                         \
    MI_INLINE MI_Boolean X##_Get_##P(const X *x, const S **value)                                  \
    {                                                                                              \
        *value = x->F.exists ? &x->F.value : NULL;                                                 \
        return x->F.exists;                                                                        \
    }
#define MOFBIND_GEN_GET_ARRAY(X, P, F, T)                                                          \
    MI_INLINE MI_Boolean X##_Get_##P(const X *x, T *data, MI_Uint32 *size)                         \
    {                                                                                              \
        *data = x->F.value.data;                                                                   \
        *size = x->F.value.size;                                                                   \
        return x->F.exists;                                                                        \
    }
#define MOFBIND_GEN_GET_AS(X, P, F, Y)                                                             \
    extern const MI_ClassDecl Y##_rtti;                                                            \
    MI_INLINE MI_Result X##_GetAs_##P(const X *x, struct Y *y)                                     \
    {                                                                                              \
        if (!x->F.exists || !x->F.value)                                                           \
            return MI_RESULT_NOT_FOUND;                                                            \
        return mofbind_gen_unmarshal(&Y##_rtti, x->F.value, y);                                    \
    }

/* The setters of one property P of class X (field F, setter value type T, MI_Type MT):
 * X_Set_P, X_SetPtr_P (pointers and arrays), X_Clear_P. X.h names one line per property, its
 * inherited ones too (each works on X's own field, so no conversion is involved), through the
 * shorthands MOFBIND_GEN_P_<field type>(X, P, F) below. They paste the functions' names at
 * once: a property may be called errno or assert, a name that must not expand as a macro. */
#define MOFBIND_GEN_SCALAR_SETTERS_(X, SET, CLEAR, NUL, F, T, MT)                                  \
    MI_INLINE MI_Result SET(X *x, T value)                                                         \
    {                                                                                              \
        return mofbind_gen_set_scalar(&x->F, MT, &value);                                          \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, CLEAR, NUL, F, MT)
#define MOFBIND_GEN_PTR_SETTERS_(X, SET, SETPTR, CLEAR, NUL, F, T, MT)                             \
    MI_INLINE MI_Result SET(X *x, T value)                                                         \
    {                                                                                              \
        return mofbind_gen_set_ptr(&x->F, MT, value, 1);                                           \
    }                                                                                              \
    MI_INLINE MI_Result SETPTR(X *x, T value)                                                      \
    {                                                                                              \
        return mofbind_gen_set_ptr(&x->F, MT, value, 0);                                           \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, CLEAR, NUL, F, MT)
#define MOFBIND_GEN_ARRAY_SETTERS_(X, SET, SETPTR, CLEAR, NUL, F, T, MT)                           \
    MI_INLINE MI_Result SET(X *x, T data, MI_Uint32 size)                                          \
    {                                                                                              \
        return mofbind_gen_set_array(&x->F, MT, data, size, 1);                                    \
    }                                                                                              \
    MI_INLINE MI_Result SETPTR(X *x, T data, MI_Uint32 size)                                       \
    {                                                                                              \
        return mofbind_gen_set_array(&x->F, MT, data, size, 0);                                    \
    }                                                                                              \
    MOFBIND_GEN_CLEAR_(X, CLEAR, NUL, F, MT)
#define MOFBIND_GEN_CLEAR_(X, CLEAR, NUL, F, MT)                                                   \
    MI_INLINE void CLEAR(X *x)                                                                     \
    {                                                                                              \
        mofbind_gen_field_clear(&x->F, MT);                                                        \
    }                                                                                              \
    MI_INLINE void NUL(X *x)                                                                       \
    {                                                                                              \
        mofbind_gen_field_null(&x->F, MT);                                                         \
    }
#define MOFBIND_GEN_P_Boolean(X, P, F)                                                             \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Boolean,     \
                                MI_BOOLEAN)
#define MOFBIND_GEN_P_Uint8(X, P, F)                                                               \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Uint8,       \
                                MI_UINT8)
#define MOFBIND_GEN_P_Sint8(X, P, F)                                                               \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Sint8,       \
                                MI_SINT8)
#define MOFBIND_GEN_P_Uint16(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Uint16,      \
                                MI_UINT16)
#define MOFBIND_GEN_P_Sint16(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Sint16,      \
                                MI_SINT16)
#define MOFBIND_GEN_P_Uint32(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Uint32,      \
                                MI_UINT32)
#define MOFBIND_GEN_P_Sint32(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Sint32,      \
                                MI_SINT32)
#define MOFBIND_GEN_P_Uint64(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Uint64,      \
                                MI_UINT64)
#define MOFBIND_GEN_P_Sint64(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Sint64,      \
                                MI_SINT64)
#define MOFBIND_GEN_P_Real32(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Real32,      \
                                MI_REAL32)
#define MOFBIND_GEN_P_Real64(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Real64,      \
                                MI_REAL64)
#define MOFBIND_GEN_P_Char16(X, P, F)                                                              \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Char16,      \
                                MI_CHAR16)
#define MOFBIND_GEN_P_Datetime(X, P, F)                                                            \
    MOFBIND_GEN_SCALAR_SETTERS_(X, X##_Set_##P, X##_Clear_##P, X##_SetNull_##P, F, MI_Datetime,    \
                                MI_DATETIME)
#define MOFBIND_GEN_P_String(X, P, F)                                                              \
    MOFBIND_GEN_PTR_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,    \
                             const MI_Char *, MI_STRING)
#define MOFBIND_GEN_P_Reference(X, P, F)                                                           \
    MOFBIND_GEN_PTR_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,    \
                             const MI_Instance *, MI_REFERENCE)
#define MOFBIND_GEN_P_Instance(X, P, F)                                                            \
    MOFBIND_GEN_PTR_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,    \
                             const MI_Instance *, MI_INSTANCE)
#define MOFBIND_GEN_P_BooleanA(X, P, F)                                                            \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Boolean *, MI_BOOLEANA)
#define MOFBIND_GEN_P_Uint8A(X, P, F)                                                              \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Uint8 *, MI_UINT8A)
#define MOFBIND_GEN_P_Sint8A(X, P, F)                                                              \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Sint8 *, MI_SINT8A)
#define MOFBIND_GEN_P_Uint16A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Uint16 *, MI_UINT16A)
#define MOFBIND_GEN_P_Sint16A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Sint16 *, MI_SINT16A)
#define MOFBIND_GEN_P_Uint32A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Uint32 *, MI_UINT32A)
#define MOFBIND_GEN_P_Sint32A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Sint32 *, MI_SINT32A)
#define MOFBIND_GEN_P_Uint64A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Uint64 *, MI_UINT64A)
#define MOFBIND_GEN_P_Sint64A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Sint64 *, MI_SINT64A)
#define MOFBIND_GEN_P_Real32A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Real32 *, MI_REAL32A)
#define MOFBIND_GEN_P_Real64A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Real64 *, MI_REAL64A)
#define MOFBIND_GEN_P_Char16A(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Char16 *, MI_CHAR16A)
#define MOFBIND_GEN_P_DatetimeA(X, P, F)                                                           \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Datetime *, MI_DATETIMEA)
#define MOFBIND_GEN_P_StringA(X, P, F)                                                             \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Char *const *, MI_STRINGA)
#define MOFBIND_GEN_P_ReferenceA(X, P, F)                                                          \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Instance *const *, MI_REFERENCEA)
#define MOFBIND_GEN_P_InstanceA(X, P, F)                                                           \
    MOFBIND_GEN_ARRAY_SETTERS_(X, X##_Set_##P, X##_SetPtr_##P, X##_Clear_##P, X##_SetNull_##P, F,  \
                               const MI_Instance *const *, MI_INSTANCEA)
/* The setters of a property P typed by the MOF 3 structure S (field F, an S_Field):
 * X_Set_P(x, &s) copies s (x owns the copy; NULL makes P unset), X_Clear_P, X_SetNull_P. For
 * an array of S (an S_AField): X_Set_P(x, data, size) copies the structures, X_SetPtr_P
 * borrows the array. S_sfield_ (S.h) describes the field to the helpers. */
#define MOFBIND_GEN_P_STRUCT(X, P, F, S)                                                           \
    MI_INLINE MI_Result X##_Set_##P(X *x, const S *value)                                          \
    {                                                                                              \
        mofbind_gen_sfield_ d;                                                                     \
        S##_sfield_(&d, 0);                                                                        \
        return mofbind_gen_sset_(&d, &x->F, value, 1, 1);                                          \
    }                                                                                              \
    MOFBIND_GEN_SCLEAR_(X, P, F, S, 0)
#define MOFBIND_GEN_P_STRUCTA(X, P, F, S)                                                          \
    MI_INLINE MI_Result X##_Set_##P(X *x, const S *data, MI_Uint32 size)                           \
    {                                                                                              \
        mofbind_gen_sfield_ d;                                                                     \
        S##_sfield_(&d, 1);                                                                        \
        return mofbind_gen_sset_(&d, &x->F, data, size, 1);                                        \
    }                                                                                              \
    MI_INLINE MI_Result X##_SetPtr_##P(X *x, const S *data, MI_Uint32 size)                        \
    {                                                                                              \
        mofbind_gen_sfield_ d;                                                                     \
        S##_sfield_(&d, 1);                                                                        \
        return mofbind_gen_sset_(&d, &x->F, data, size, 0);                                        \
    }                                                                                              \
    MOFBIND_GEN_SCLEAR_(X, P, F, S, 1)
#define MOFBIND_GEN_SCLEAR_(X, P, F, S, A)                                                         \
    MI_INLINE void X##_Clear_##P(X *x)                                                             \
    {                                                                                              \
        mofbind_gen_sfield_ d;                                                                     \
        S##_sfield_(&d, A);                                                                        \
        mofbind_gen_sclear_(&d, &x->F);                                                            \
    }                                                                                              \
    MI_INLINE void X##_SetNull_##P(X *x)                                                           \
    {                                                                                              \
        mofbind_gen_sfield_ d;                                                                     \
        S##_sfield_(&d, A);                                                                        \
        mofbind_gen_sclear_(&d, &x->F);                                                            \
        ((unsigned char *)&x->F)[d.exists + 1] = MOFBIND_GEN_NULL;                                 \
    }
/* In S.h of a structure S: S_sfield_, the description of a field typed by S (array != 0: an
 * S_AField) that the setters above pass to the helpers. */
#define MOFBIND_GEN_STRUCTURE(S)                                                                   \
    extern const MI_ClassDecl S##_rtti;                                                            \
    MI_INLINE void S##_sfield_(mofbind_gen_sfield_ *d, int array)                                  \
    {                                                                                              \
        d->index = 0;                                                                              \
        d->exists =                                                                                \
            (MI_Uint32)(array ? offsetof(S##_AField, exists) : offsetof(S##_Field, exists));       \
        d->size = (MI_Uint32)sizeof(S);                                                            \
        d->array = (MI_Uint32)array;                                                               \
        d->rtti = &S##_rtti;                                                                       \
    }

/* Puts a field that is set, or NULL on purpose (null != 0: as NULL), into the instance (a
 * copy): SetElement, or AddElement when the instance has no element of that name (a dynamic
 * instance, a parameter set). An unset field is left out. */
MI_INLINE MI_Result mofbind_gen_put_value_(MI_Instance *inst, const MI_Char *name, MI_Type t,
                                           const MI_Value *v, MI_Uint32 flags)
{
    MI_Uint32 nf = v ? 0u : (MI_Uint32)MI_FLAG_NULL;
    MI_Result r = MI_Instance_SetElement(inst, name, v, t, nf);
    if (r == MI_RESULT_NOT_FOUND || r == MI_RESULT_NO_SUCH_PROPERTY)
        r = MI_Instance_AddElement(
            inst, name, v, t,
            nf | (flags & (MI_FLAG_KEY | MI_FLAG_IN | MI_FLAG_OUT | MI_FLAG_REQUIRED)));
    return r;
}

MI_INLINE MI_Result mofbind_gen_put(MI_Instance *inst, const MI_Char *name, MI_Type t,
                                    const void *field, MI_Uint32 flags, int null)
{
    MI_Value v;
    if (!null && !mofbind_gen_exists(field, t))
        return MI_RESULT_OK;
    mofbind_gen_field_value(field, t, &v);
    return mofbind_gen_put_value_(inst, name, t, null ? NULL : &v, flags);
}

MI_INLINE int mofbind_gen_space_(MI_Char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reads n decimal digits (an asterisk reads as 0, as DMTF datetimes allow). */
MI_INLINE int mofbind_gen_digits_(const MI_Char *s, int n, MI_Uint32 *out)
{
    MI_Uint32 v = 0;
    int i;
    for (i = 0; i < n; i++) {
        if (s[i] == '*')
            v = v * 10;
        else if (s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (MI_Uint32)(s[i] - '0');
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* A datetime in the DMTF form (yyyymmddhhmmss.mmmmmmsutc, ddddddddhhmmss.mmmmmm:000) or the
 * XML Schema forms WS-Management uses (xs:dateTime, xs:duration). */
MI_INLINE int mofbind_gen_parse_datetime_(const MI_Char *s, MI_Datetime *d)
{
    size_t n = strlen(s);
    MI_Uint32 u;
    memset(d, 0, sizeof *d);
    if (n == 25 && s[14] == '.' && (s[21] == '+' || s[21] == '-' || s[21] == ':')) {
        if (s[21] == ':') {
            MI_Interval *i = &d->u.interval;
            return mofbind_gen_digits_(s, 8, &i->days) &&
                   mofbind_gen_digits_(s + 8, 2, &i->hours) &&
                   mofbind_gen_digits_(s + 10, 2, &i->minutes) &&
                   mofbind_gen_digits_(s + 12, 2, &i->seconds) &&
                   mofbind_gen_digits_(s + 15, 6, &i->microseconds);
        }
        d->isTimestamp = 1;
        if (!mofbind_gen_digits_(s, 4, &d->u.timestamp.year) ||
            !mofbind_gen_digits_(s + 4, 2, &d->u.timestamp.month) ||
            !mofbind_gen_digits_(s + 6, 2, &d->u.timestamp.day) ||
            !mofbind_gen_digits_(s + 8, 2, &d->u.timestamp.hour) ||
            !mofbind_gen_digits_(s + 10, 2, &d->u.timestamp.minute) ||
            !mofbind_gen_digits_(s + 12, 2, &d->u.timestamp.second) ||
            !mofbind_gen_digits_(s + 15, 6, &d->u.timestamp.microseconds) ||
            !mofbind_gen_digits_(s + 22, 3, &u))
            return 0;
        d->u.timestamp.utc = s[21] == '-' ? -(MI_Sint32)u : (MI_Sint32)u;
        return 1;
    }
    if (n >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':') {
        MI_Timestamp *t = &d->u.timestamp;
        const MI_Char *p = s + 19;
        d->isTimestamp = 1;
        if (!mofbind_gen_digits_(s, 4, &t->year) || !mofbind_gen_digits_(s + 5, 2, &t->month) ||
            !mofbind_gen_digits_(s + 8, 2, &t->day) || !mofbind_gen_digits_(s + 11, 2, &t->hour) ||
            !mofbind_gen_digits_(s + 14, 2, &t->minute) ||
            !mofbind_gen_digits_(s + 17, 2, &t->second))
            return 0;
        if (*p == '.') {
            MI_Uint32 scale = 100000;
            for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
                t->microseconds += (MI_Uint32)(*p - '0') * scale;
        }
        if (*p == 'Z')
            return p[1] == '\0';
        if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
            MI_Uint32 h, m;
            if (!mofbind_gen_digits_(p + 1, 2, &h) || !mofbind_gen_digits_(p + 4, 2, &m))
                return 0;
            t->utc = (MI_Sint32)(h * 60 + m) * (*p == '-' ? -1 : 1);
            return 1;
        }
        return *p == '\0';
    }
    if (n >= 2 && s[0] == 'P') {
        MI_Interval *i = &d->u.interval;
        const MI_Char *p = s + 1;
        int time = 0;
        while (*p) {
            MI_Uint32 v = 0, frac = 0, scale = 100000;
            if (*p == 'T') {
                time = 1;
                p++;
                continue;
            }
            if (*p < '0' || *p > '9')
                return 0;
            for (; *p >= '0' && *p <= '9'; p++)
                v = v * 10 + (MI_Uint32)(*p - '0');
            if (*p == '.') {
                for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
                    frac += (MI_Uint32)(*p - '0') * scale;
            }
            switch (*p) {
            case 'D':
                i->days = v;
                break;
            case 'H':
                i->hours = v;
                break;
            case 'M':
                if (!time)
                    return 0;
                i->minutes = v;
                break;
            case 'S':
                i->seconds = v;
                i->microseconds = frac;
                break;
            default:
                return 0;
            }
            p++;
        }
        return 1;
    }
    return 0;
}

/* A char16 as the wire spells it: the code unit in decimal (what OMI and libmofbind's codec
 * write, and what the codec reads first), else one UTF-8 character that fits in 16 bits. */
MI_INLINE int mofbind_gen_parse_char16_(const MI_Char *s, MI_Char16 *c)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= '0' && u[0] <= '9') {
        const unsigned char *p = u;
        unsigned long n = 0;
        while (*p >= '0' && *p <= '9' && n <= 0xFFFFul)
            n = n * 10 + (unsigned long)(*p++ - '0');
        if (!*p && n <= 0xFFFFul) {
            *c = (MI_Char16)n;
            return 1;
        }
    }
    if (u[0] < 0x80 && u[0] && !u[1]) {
        *c = u[0];
        return 1;
    }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80 && !u[2]) {
        *c = (MI_Char16)(((u[0] & 0x1F) << 6) | (u[1] & 0x3F));
        return *c >= 0x80;
    }
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && !u[3]) {
        *c = (MI_Char16)(((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F));
        return *c >= 0x800;
    }
    return 0;
}

/* The CIM/XML lexical form of a scalar of type t (not a string, reference or instance) into v.
 * Returns MI_RESULT_TYPE_MISMATCH when s is not a value of that type. */
MI_INLINE MI_Result mofbind_gen_parse(const MI_Char *s, MI_Type t, MI_Value *v)
{
    char *end;
    const MI_Char *p = s;
    memset(v, 0, sizeof *v);
    while (mofbind_gen_space_(*p))
        p++;
    switch (t) {
    case MI_BOOLEAN: {
        size_t n = strlen(p);
        while (n && mofbind_gen_space_(p[n - 1]))
            n--;
        if ((n == 4 && (p[0] == 't' || p[0] == 'T') && (p[1] == 'r' || p[1] == 'R') &&
             (p[2] == 'u' || p[2] == 'U') && (p[3] == 'e' || p[3] == 'E')) ||
            (n == 1 && p[0] == '1'))
            v->boolean = MI_TRUE;
        else if ((n == 5 && (p[0] == 'f' || p[0] == 'F') && (p[1] == 'a' || p[1] == 'A') &&
                  (p[2] == 'l' || p[2] == 'L') && (p[3] == 's' || p[3] == 'S') &&
                  (p[4] == 'e' || p[4] == 'E')) ||
                 (n == 1 && p[0] == '0'))
            v->boolean = MI_FALSE;
        else
            return MI_RESULT_TYPE_MISMATCH;
        return MI_RESULT_OK;
    }
    case MI_UINT8:
    case MI_UINT16:
    case MI_UINT32:
    case MI_UINT64: {
        unsigned long long u;
        if (*p == '-' || !*p)
            return MI_RESULT_TYPE_MISMATCH;
        errno = 0;
        u = strtoull(p, &end, 10);
        while (mofbind_gen_space_(*end))
            end++;
        if (*end || end == p || errno == ERANGE)
            return MI_RESULT_TYPE_MISMATCH;
        if ((t == MI_UINT8 && u > 0xFFu) || (t == MI_UINT16 && u > 0xFFFFu) ||
            (t == MI_UINT32 && u > 0xFFFFFFFFu))
            return MI_RESULT_TYPE_MISMATCH;
        if (t == MI_UINT8)
            v->uint8 = (MI_Uint8)u;
        else if (t == MI_UINT16)
            v->uint16 = (MI_Uint16)u;
        else if (t == MI_UINT32)
            v->uint32 = (MI_Uint32)u;
        else
            v->uint64 = (MI_Uint64)u;
        return MI_RESULT_OK;
    }
    case MI_SINT8:
    case MI_SINT16:
    case MI_SINT32:
    case MI_SINT64: {
        long long i;
        if (!*p)
            return MI_RESULT_TYPE_MISMATCH;
        errno = 0;
        i = strtoll(p, &end, 10);
        while (mofbind_gen_space_(*end))
            end++;
        if (*end || end == p || errno == ERANGE)
            return MI_RESULT_TYPE_MISMATCH;
        if ((t == MI_SINT8 && (i < -128 || i > 127)) ||
            (t == MI_SINT16 && (i < -32768 || i > 32767)) ||
            (t == MI_SINT32 && (i < -2147483647LL - 1 || i > 2147483647LL)))
            return MI_RESULT_TYPE_MISMATCH;
        if (t == MI_SINT8)
            v->sint8 = (MI_Sint8)i;
        else if (t == MI_SINT16)
            v->sint16 = (MI_Sint16)i;
        else if (t == MI_SINT32)
            v->sint32 = (MI_Sint32)i;
        else
            v->sint64 = (MI_Sint64)i;
        return MI_RESULT_OK;
    }
    case MI_REAL32:
    case MI_REAL64: {
        double d;
        if (!*p)
            return MI_RESULT_TYPE_MISMATCH;
        errno = 0;
        d = strtod(p, &end);
        while (mofbind_gen_space_(*end))
            end++;
        if (*end || end == p || (errno == ERANGE && (d > 1.0 || d < -1.0)))
            return MI_RESULT_TYPE_MISMATCH;
        /* real32 overflows from halfway past FLT_MAX (2^128 - 2^103) on: FLT_MAX itself is
         * written "3.40282347e+38", which is above it. */
        if (t == MI_REAL32 && d == d &&
            (d >= 3.4028235677973366e+38 || d <= -3.4028235677973366e+38) && d < DBL_MAX &&
            d > -DBL_MAX)
            return MI_RESULT_TYPE_MISMATCH;
        if (t == MI_REAL32)
            v->real32 = (MI_Real32)d;
        else
            v->real64 = d;
        return MI_RESULT_OK;
    }
    case MI_CHAR16:
        return mofbind_gen_parse_char16_(s, &v->char16) ? MI_RESULT_OK : MI_RESULT_TYPE_MISMATCH;
    case MI_DATETIME:
        return mofbind_gen_parse_datetime_(p, &v->datetime) ? MI_RESULT_OK
                                                            : MI_RESULT_TYPE_MISMATCH;
    default:
        return MI_RESULT_TYPE_MISMATCH;
    }
}

MI_INLINE MI_Result mofbind_gen_take(MI_Result r, MI_Value *vp, MI_Type et, MI_Uint32 flags,
                                     MI_Type t, void *field);

/* Reads the element `name` of inst into a field of type t, as a copy the field owns. A missing
 * or NULL element clears the field. A typed element must have type t; an MI_STRING (or
 * MI_STRINGA) element of a scalar (array) type is read in its CIM/XML lexical form. */
MI_INLINE MI_Result mofbind_gen_get(const MI_Instance *inst, const MI_Char *name, MI_Type t,
                                    void *field)
{
    MI_Value v;
    MI_Type et = MI_STRING;
    MI_Uint32 flags = 0, i;
    MI_Result r = MI_Instance_GetElement(inst, name, &v, &et, &flags, NULL);
    if (r == MI_RESULT_NOT_FOUND || r == MI_RESULT_NO_SUCH_PROPERTY) {
        /* A method's MIReturn is called ReturnValue on the wire (and by WS-Man clients). */
        static const MI_Char mireturn[] = MI_T("MIReturn");
        for (i = 0; mireturn[i] && name[i] == mireturn[i]; i++)
            ;
        if (!mireturn[i] && !name[i])
            r = MI_Instance_GetElement(inst, MI_T("ReturnValue"), &v, &et, &flags, NULL);
    }
    return mofbind_gen_take(r, &v, et, flags, t, field);
}

/* Stores an element read with result r (value v, type et, flags) into a field of type t, as
 * mofbind_gen_get describes. */
MI_INLINE MI_Result mofbind_gen_take(MI_Result r, MI_Value *vp, MI_Type et, MI_Uint32 flags,
                                     MI_Type t, void *field)
{
    MI_Value v = *vp, c, one;
    MI_Uint32 i;
    mofbind_gen_field_clear(field, t);
    if (r == MI_RESULT_NOT_FOUND || r == MI_RESULT_NO_SUCH_PROPERTY)
        return MI_RESULT_OK;
    if (r != MI_RESULT_OK)
        return r;
    if (flags & MI_FLAG_NULL)
        return MI_RESULT_OK;
    /* An array of one item read without a class declaration comes as a scalar (WS-Man repeats
     * the element per item): view it as an array of one. */
    if ((t & MI_ARRAY) && !(et & MI_ARRAY) &&
        (et == (MI_Type)(t & ~MI_ARRAY) || et == MI_STRING ||
         (et == MI_INSTANCE && t == MI_REFERENCEA))) {
        one = v;
        v.array.data = &one;
        v.array.size = 1;
        et = et == MI_INSTANCE ? t : (MI_Type)(et | MI_ARRAY);
    }
    /* A reference and an embedded instance are both an MI_Instance *: an untyped result may
     * carry one where the class has the other. */
    if ((((et | MI_ARRAY) == MI_REFERENCEA && (t | MI_ARRAY) == MI_INSTANCEA) ||
         ((et | MI_ARRAY) == MI_INSTANCEA && (t | MI_ARRAY) == MI_REFERENCEA)) &&
        (et & MI_ARRAY) == (t & MI_ARRAY))
        et = t;
    if (et == t)
        return mofbind_gen_field_set(field, t, &v, 1);
    if (et == MI_STRING && t < MI_STRING) {
        if (!v.string)
            return MI_RESULT_OK;
        r = mofbind_gen_parse(v.string, t, &c);
        return r == MI_RESULT_OK ? mofbind_gen_field_set(field, t, &c, 1) : r;
    }
    if (et == MI_STRINGA && (t & MI_ARRAY) && (MI_Type)(t & ~MI_ARRAY) < MI_STRING) {
        size_t es = mofbind_gen_elem_size(t);
        MI_Value e;
        memset(&c, 0, sizeof c);
        if (v.stringa.size) {
            c.array.data = calloc(v.stringa.size, es);
            if (!c.array.data)
                return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        c.array.size = v.stringa.size;
        for (i = 0; i < v.stringa.size; i++) {
            r = v.stringa.data[i]
                    ? mofbind_gen_parse(v.stringa.data[i], (MI_Type)(t & ~MI_ARRAY), &e)
                    : MI_RESULT_TYPE_MISMATCH;
            if (r != MI_RESULT_OK) {
                free(c.array.data);
                return r;
            }
            memcpy((char *)c.array.data + i * es, &e, es);
        }
        /* c is already a copy: hand it to the field as owned. */
        r = mofbind_gen_field_set(field, t, &c, 0);
        if (r == MI_RESULT_OK) {
            mofbind_gen_layout_ l;
            mofbind_gen_layout(t, &l);
            ((char *)field)[l.flags] = (char)MOFBIND_GEN_OWNED;
        } else {
            free(c.array.data);
        }
        return r;
    }
    return MI_RESULT_TYPE_MISMATCH;
}

/* True when the elements of inst are the properties of cd by index: element i is
 * cd->properties[i]. That holds for an instance whose class declaration is cd itself, as
 * MI_Application_NewInstance(app, name, cd, ...) makes it and as a result typed by cd comes
 * back (the MI API lays such an instance out in the declaration's order, elements added later
 * following). Setting or reading element i is then one step, where by name the implementation
 * searches the elements (libmofbind: a linear search, about twice the cost of the whole set).
 * Any other instance (a subclass's, an untyped result, a parameter set) is read and written by
 * name. */
MI_INLINE int mofbind_gen_by_index_(const MI_Instance *inst, const MI_ClassDecl *cd)
{
    MI_Uint32 n = 0;
    return inst->classDecl == cd && MI_Instance_GetElementCount(inst, &n) == MI_RESULT_OK &&
           n >= cd->numProperties;
}

/* What makes the instances that the marshal helpers fill: the client's application, or a
 * provider's context (mofbind_prov.h). */
typedef struct mofbind_gen_maker_ {
    MI_Application *app;
    MI_Context *context;
} mofbind_gen_maker_;

MI_INLINE MI_Result mofbind_gen_fill_(const MI_ClassDecl *cd, const void *x, MI_Instance *inst,
                                      int mode, const mofbind_gen_maker_ *mk, MI_Char *msg,
                                      size_t msglen);

/* A new instance of the class of cd holding the struct x's properties (as mode says); the
 * caller frees *out with MI_Instance_Delete. On failure *out is NULL and msg says why. */
MI_INLINE MI_Result mofbind_gen_make_(const MI_ClassDecl *cd, const void *x,
                                      const mofbind_gen_maker_ *mk, int mode, MI_Instance **out,
                                      MI_Char *msg, size_t msglen)
{
    MI_Instance *inst = NULL;
    MI_Result r;
    r = mk->app ? MI_Application_NewInstance(mk->app, cd->name, cd, &inst)
                : MI_Context_NewInstance(mk->context, cd, &inst);
    if (r != MI_RESULT_OK) {
        snprintf(msg, msglen, "%s: cannot make an instance (MI_Result %d)", cd->name, (int)r);
        return r;
    }
    r = mofbind_gen_fill_(cd, x, inst, mode, mk, msg, msglen);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    *out = inst;
    return MI_RESULT_OK;
}

/* The structure field at field (set) as the embedded instance(s) that carry it on the wire, in
 * v: an MI_INSTANCE, or an MI_INSTANCEA (free it with mofbind_gen_value_free). */
MI_INLINE MI_Result mofbind_gen_svalue_(const mofbind_gen_sfield_ *d, const void *field,
                                        const mofbind_gen_maker_ *mk, MI_Value *v, MI_Char *msg,
                                        size_t msglen)
{
    MI_Array a;
    MI_Uint32 k;
    MI_Result r = MI_RESULT_OK;
    memset(v, 0, sizeof *v);
    if (!d->array)
        return mofbind_gen_make_(d->rtti, field, mk, MOFBIND_GEN_ALL, &v->instance, msg, msglen);
    a = mofbind_gen_sarray_(field);
    if (!a.size)
        return MI_RESULT_OK;
    v->instancea.data = (MI_Instance **)calloc(a.size, sizeof(MI_Instance *));
    if (!v->instancea.data)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    v->instancea.size = a.size;
    for (k = 0; k < a.size && r == MI_RESULT_OK; k++)
        r = mofbind_gen_make_(d->rtti, (const char *)a.data + (size_t)k * d->size, mk,
                              MOFBIND_GEN_ALL, &v->instancea.data[k], msg, msglen);
    if (r != MI_RESULT_OK)
        mofbind_gen_value_free(v, MI_INSTANCEA);
    return r;
}

/* Sets the properties of the struct x (as mode says) into inst, an instance of cd's class; on
 * failure msg says why. The properties are set by index (mofbind_gen_by_index_), in
 * declaration order, when inst is typed by cd. */
MI_INLINE MI_Result mofbind_gen_fill_(const MI_ClassDecl *cd, const void *x, MI_Instance *inst,
                                      int mode, const mofbind_gen_maker_ *mk, MI_Char *msg,
                                      size_t msglen)
{
    MI_Uint32 i;
    MI_Result r = MI_RESULT_OK;
    int by_index = mofbind_gen_by_index_(inst, cd), null;
    for (i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *p = cd->properties[i];
        const void *field = (const char *)x + p->offset;
        const mofbind_gen_sfield_ *d = mofbind_gen_sfield_at_(cd, i);
        if (mode == MOFBIND_GEN_KEYS && !(p->flags & MI_FLAG_KEY))
            continue;
        if (d ? mofbind_gen_sexists_(d, field) : mofbind_gen_exists(field, (MI_Type)p->type))
            null = 0;
        else if ((d ? mofbind_gen_snull_(d, field)
                    : mofbind_gen_is_null(field, (MI_Type)p->type)) ||
                 mode == MOFBIND_GEN_REPLACE)
            null = 1;
        else if (mode == MOFBIND_GEN_CREATE && (p->flags & MI_FLAG_REQUIRED) &&
                 !(p->flags & MI_FLAG_KEY)) {
            snprintf(msg, msglen, "%s: the Required property %s is not set", cd->name, p->name);
            r = MI_RESULT_INVALID_PARAMETER;
            break;
        } else {
            continue; /* unset: absent, so the server's default or stored value stands */
        }
        if (null && mode >= MOFBIND_GEN_CREATE && (p->flags & (MI_FLAG_REQUIRED | MI_FLAG_KEY))) {
            snprintf(msg, msglen, "%s: the %s %s cannot be NULL", cd->name,
                     (p->flags & MI_FLAG_KEY) ? "key" : "Required property", p->name);
            r = MI_RESULT_INVALID_PARAMETER;
            break;
        }
        if (by_index && null) {
            r = MI_Instance_ClearElementAt(inst, i);
        } else if (d && !null) {
            MI_Value v;
            r = mofbind_gen_svalue_(d, field, mk, &v, msg, msglen);
            if (r != MI_RESULT_OK)
                return r; /* msg says which structure */
            r = by_index ? MI_Instance_SetElementAt(inst, i, &v, (MI_Type)p->type, 0)
                         : mofbind_gen_put_value_(inst, p->name, (MI_Type)p->type, &v, p->flags);
            mofbind_gen_value_free(&v, (MI_Type)p->type);
        } else if (by_index) {
            MI_Value v;
            mofbind_gen_field_value(field, (MI_Type)p->type, &v);
            r = MI_Instance_SetElementAt(inst, i, &v, (MI_Type)p->type, 0);
        } else if (d) {
            r = mofbind_gen_put_value_(inst, p->name, (MI_Type)p->type, NULL, p->flags);
        } else {
            r = mofbind_gen_put(inst, p->name, (MI_Type)p->type, field, p->flags, null);
        }
        if (r != MI_RESULT_OK) {
            snprintf(msg, msglen, "%s: cannot set the property %s (MI_Result %d)", cd->name,
                     p->name, (int)r);
            break;
        }
    }
    return r;
}

/* A new instance of the class of cd holding the struct x's properties (as mode says); the
 * caller frees *out with MI_Instance_Delete. On failure *out is NULL and msg says why. */
MI_INLINE MI_Result mofbind_gen_marshal(const MI_ClassDecl *cd, const void *x, MI_Application *app,
                                        int mode, MI_Instance **out, MI_Char *msg, size_t msglen)
{
    mofbind_gen_maker_ mk;
    if (out)
        *out = NULL;
    if (!x || !out || !app) {
        snprintf(msg, msglen, "%s: a NULL argument", cd->name);
        return MI_RESULT_INVALID_PARAMETER;
    }
    mk.app = app;
    mk.context = NULL;
    return mofbind_gen_make_(cd, x, &mk, mode, out, msg, msglen);
}

/* Sets a reference or instance field to an instance made from the typed struct y of the class
 * of cd (its keys for a reference: mode MOFBIND_GEN_KEYS); the field owns the instance. */
MI_INLINE MI_Result mofbind_gen_set_from(void *field, MI_Type t, const MI_ClassDecl *cd,
                                         const void *y, MI_Application *app, int mode)
{
    MI_Instance *inst = NULL;
    MI_Char msg[MOFBIND_GEN_MSG];
    MI_Value v;
    mofbind_gen_layout_ l;
    MI_Result r;
    if (!y) {
        mofbind_gen_field_clear(field, t);
        return MI_RESULT_OK;
    }
    r = mofbind_gen_marshal(cd, y, app, mode, &inst, msg, sizeof msg);
    if (r != MI_RESULT_OK)
        return r;
    v.instance = inst;
    r = mofbind_gen_field_set(field, t, &v, 0);
    if (r != MI_RESULT_OK || !mofbind_gen_layout(t, &l)) {
        MI_Instance_Delete(inst);
        return r != MI_RESULT_OK ? r : MI_RESULT_INVALID_PARAMETER;
    }
    ((char *)field)[l.flags] = (char)MOFBIND_GEN_OWNED;
    return MI_RESULT_OK;
}

/* A class's struct begins with mofbind_actual_: the instance a result was read from, kept when
 * its class is not the struct's own (a subclass's instance from a deep Enumerate or an
 * association), else NULL. Read and written through memcpy (see "Aliasing" above). */
MI_INLINE MI_Instance *mofbind_gen_actual_(const void *x)
{
    MI_Instance *inst;
    memcpy(&inst, x, sizeof inst);
    return inst;
}

/* CIM names compare as ASCII letters in either case. */
MI_INLINE int mofbind_gen_name_eq_(const MI_Char *a, const MI_Char *b)
{
    for (; *a && *b; a++, b++) {
        MI_Char ca = (MI_Char)(*a >= 'A' && *a <= 'Z' ? *a + ('a' - 'A') : *a);
        MI_Char cb = (MI_Char)(*b >= 'A' && *b <= 'Z' ? *b + ('a' - 'A') : *b);
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

/* X_ClassName: the class of the instance x was read from (its own class's name when x was not
 * read from a result of another class). */
MI_INLINE const MI_Char *mofbind_gen_class_name(const MI_ClassDecl *cd, const void *x)
{
    MI_Instance *inst = mofbind_gen_actual_(x);
    const MI_Char *name = NULL;
    if (inst && MI_Instance_GetClassName(inst, &name) == MI_RESULT_OK && name)
        return name;
    return cd->name;
}

/* Frees what the struct x (of the class of cd) owns and sets every field to NULL. */
MI_INLINE void mofbind_gen_destruct(const MI_ClassDecl *cd, void *x)
{
    MI_Uint32 i;
    MI_Instance *actual = mofbind_gen_actual_(x);
    if (actual) {
        MI_Instance_Delete(actual);
        actual = NULL;
        memcpy(x, &actual, sizeof actual);
    }
    for (i = 0; i < cd->numProperties; i++) {
        const mofbind_gen_sfield_ *d = mofbind_gen_sfield_at_(cd, i);
        void *field = (char *)x + cd->properties[i]->offset;
        if (d)
            mofbind_gen_sclear_(d, field);
        else
            mofbind_gen_field_clear(field, (MI_Type)cd->properties[i]->type);
    }
}

/* dst, the struct of cd's class, gets deep copies of what is set in src (and the NULL on
 * purpose), which it owns: free them with X_Destruct. On failure dst is empty. */
MI_INLINE MI_Result mofbind_gen_copy(const MI_ClassDecl *cd, void *dst, const void *src)
{
    MI_Uint32 i;
    MI_Instance *actual = mofbind_gen_actual_(src), *copy = NULL;
    memset(dst, 0, cd->size);
    if (actual) {
        MI_Result r = MI_Instance_Clone(actual, &copy);
        if (r != MI_RESULT_OK)
            return r;
        memcpy(dst, &copy, sizeof copy);
    }
    for (i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *p = cd->properties[i];
        const mofbind_gen_sfield_ *d = mofbind_gen_sfield_at_(cd, i);
        const char *from = (const char *)src + p->offset;
        unsigned char *to = (unsigned char *)dst + p->offset;
        MI_Result r = MI_RESULT_OK;
        if (d && mofbind_gen_sexists_(d, from)) {
            MI_Array a = mofbind_gen_sarray_(from);
            r = d->array ? mofbind_gen_sset_(d, to, a.data ? a.data : (void *)to, a.size, 1)
                         : mofbind_gen_sset_(d, to, from, 0, 1);
        } else if (d) {
            to[d->exists + 1] = (unsigned char)(mofbind_gen_snull_(d, from) ? MOFBIND_GEN_NULL : 0);
        } else if (mofbind_gen_exists(from, (MI_Type)p->type)) {
            MI_Value v;
            mofbind_gen_field_value(from, (MI_Type)p->type, &v);
            r = mofbind_gen_field_set(to, (MI_Type)p->type, &v, 1);
        } else if (mofbind_gen_is_null(from, (MI_Type)p->type)) {
            mofbind_gen_field_null(to, (MI_Type)p->type);
        }
        if (r != MI_RESULT_OK) {
            mofbind_gen_destruct(cd, dst);
            return r;
        }
    }
    return MI_RESULT_OK;
}

/* After x was filled from inst: x keeps a copy of inst when inst's class is not cd's
 * (X_ClassName, X_From_S). On failure x is left empty. */
MI_INLINE MI_Result mofbind_gen_keep_actual_(const MI_ClassDecl *cd, const MI_Instance *inst,
                                             void *x)
{
    const MI_Char *name = NULL;
    MI_Instance *copy = NULL;
    MI_Result r;
    if (MI_Instance_GetClassName(inst, &name) != MI_RESULT_OK || !name ||
        mofbind_gen_name_eq_(name, cd->name))
        return MI_RESULT_OK;
    r = MI_Instance_Clone(inst, &copy);
    if (r != MI_RESULT_OK || !copy) {
        mofbind_gen_destruct(cd, x);
        return r != MI_RESULT_OK ? r : MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    memcpy(x, &copy, sizeof copy);
    return MI_RESULT_OK;
}

MI_INLINE MI_Result mofbind_gen_unmarshal(const MI_ClassDecl *cd, const MI_Instance *inst, void *x);

/* A structure field (zeroed) from the embedded instance(s) read into tmp, a field of type t. */
MI_INLINE MI_Result mofbind_gen_sread_(const mofbind_gen_sfield_ *d, MI_Type t, const void *tmp,
                                       void *field)
{
    unsigned char *f = (unsigned char *)field;
    MI_Value v;
    MI_Result r = MI_RESULT_OK;
    if (!mofbind_gen_exists(tmp, t))
        return MI_RESULT_OK;
    mofbind_gen_field_value(tmp, t, &v);
    if (!d->array) {
        if (!v.instance)
            return MI_RESULT_OK;
        r = mofbind_gen_unmarshal(d->rtti, v.instance, field);
    } else {
        MI_Array a;
        MI_Uint32 k;
        a.size = v.instancea.size;
        a.data = calloc(a.size ? a.size : 1, d->size);
        if (!a.data)
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        for (k = 0; k < a.size && r == MI_RESULT_OK; k++)
            if (v.instancea.data[k])
                r = mofbind_gen_unmarshal(d->rtti, v.instancea.data[k],
                                          (char *)a.data + (size_t)k * d->size);
        if (r != MI_RESULT_OK) {
            mofbind_gen_sfree_(d, a.data, k);
            return r;
        }
        mofbind_gen_sarray_put_(field, a.data, a.size);
    }
    if (r == MI_RESULT_OK) {
        f[d->exists] = 1;
        f[d->exists + 1] = MOFBIND_GEN_OWNED;
    }
    return r;
}

/* Fills the struct x from inst with copies x owns; x's previous contents are forgotten, not
 * freed. On failure x is left empty. Reads by index when inst is typed by cd itself, by name
 * otherwise (mofbind_gen_by_index_). */
MI_INLINE MI_Result mofbind_gen_unmarshal(const MI_ClassDecl *cd, const MI_Instance *inst, void *x)
{
    MI_Uint32 i;
    int by_index;
    memset(x, 0, cd->size);
    if (!inst)
        return MI_RESULT_INVALID_PARAMETER;
    by_index = mofbind_gen_by_index_(inst, cd);
    for (i = 0; i < cd->numProperties; i++) {
        const MI_PropertyDecl *p = cd->properties[i];
        const mofbind_gen_sfield_ *d = mofbind_gen_sfield_at_(cd, i);
        MI_ConstInstanceAField tmp; /* a structure's embedded instance(s), read first */
        void *field = (char *)x + p->offset;
        MI_Result r;
        if (d) {
            memset(&tmp, 0, sizeof tmp);
            field = &tmp;
        }
        if (by_index) {
            MI_Value v;
            MI_Type et = MI_STRING;
            MI_Uint32 flags = 0;
            const MI_Char *name = NULL;
            r = MI_Instance_GetElementAt(inst, i, &name, &v, &et, &flags);
            r = mofbind_gen_take(r, &v, et, flags, (MI_Type)p->type, field);
        } else {
            r = mofbind_gen_get(inst, p->name, (MI_Type)p->type, field);
        }
        if (d && r == MI_RESULT_OK)
            r = mofbind_gen_sread_(d, (MI_Type)p->type, &tmp, (char *)x + p->offset);
        if (d)
            mofbind_gen_field_clear(&tmp, (MI_Type)p->type);
        if (r != MI_RESULT_OK) {
            mofbind_gen_destruct(cd, x);
            return r;
        }
    }
    return mofbind_gen_keep_actual_(cd, inst, x);
}

/* X_From_S: x, of the class of cd, from the struct s of a superclass S read from a result whose
 * actual class is cd's (mofbind_actual_ holds that result's instance). MI_RESULT_TYPE_MISMATCH
 * with x empty when the actual class is another. */
MI_INLINE MI_Result mofbind_gen_downcast(const MI_ClassDecl *cd, const void *s, void *x)
{
    MI_Instance *inst = s ? mofbind_gen_actual_(s) : NULL;
    const MI_Char *name = NULL;
    if (!x)
        return MI_RESULT_INVALID_PARAMETER;
    if (!inst || MI_Instance_GetClassName(inst, &name) != MI_RESULT_OK || !name ||
        !mofbind_gen_name_eq_(name, cd->name)) {
        memset(x, 0, cd->size);
        return MI_RESULT_TYPE_MISMATCH;
    }
    return mofbind_gen_unmarshal(cd, inst, x);
}

/* ---- An operation that failed before it started ------------------------------------------ */

typedef struct mofbind_gen_failed_ {
    MI_Result result;
    MI_Boolean async;
    MI_Session session;
    MI_Instance *error; /* CIM_Error, or NULL when it could not be made */
    MI_Char message[MOFBIND_GEN_MSG];
} mofbind_gen_failed_;

MI_INLINE mofbind_gen_failed_ *mofbind_gen_failed_state_(MI_Operation *op)
{
    return (mofbind_gen_failed_ *)(void *)op->reserved2;
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_close_(MI_Operation *op)
{
    mofbind_gen_failed_ *st = mofbind_gen_failed_state_(op);
    if (st) {
        if (st->error)
            MI_Instance_Delete(st->error);
        free(st);
    }
    op->reserved1 = 0;
    op->reserved2 = 0;
    op->ft = NULL;
    return MI_RESULT_OK;
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_cancel_(MI_Operation *op,
                                                       MI_CancellationReason reason)
{
    (void)op;
    (void)reason;
    return MI_RESULT_OK;
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_session_(MI_Operation *op, MI_Session *session)
{
    mofbind_gen_failed_ *st = mofbind_gen_failed_state_(op);
    if (!session)
        return MI_RESULT_INVALID_PARAMETER;
    if (!st)
        return MI_RESULT_FAILED;
    *session = st->session;
    return MI_RESULT_OK;
}

/* The outcome, for every Get* of the operation FT: no result, the failure, moreResults false. */
MI_INLINE MI_Result mofbind_gen_failed_outcome_(MI_Operation *op, MI_Boolean *moreResults,
                                                MI_Result *result, const MI_Char **errorMessage,
                                                const MI_Instance **completionDetails)
{
    mofbind_gen_failed_ *st = mofbind_gen_failed_state_(op);
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = st ? st->result : (MI_Result)op->reserved1;
    if (errorMessage)
        *errorMessage = st ? st->message : NULL;
    if (completionDetails)
        *completionDetails = st ? st->error : NULL;
    return st && st->async ? MI_RESULT_INVALID_PARAMETER : MI_RESULT_OK;
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_instance_(MI_Operation *op,
                                                         const MI_Instance **instance,
                                                         MI_Boolean *moreResults, MI_Result *result,
                                                         const MI_Char **errorMessage,
                                                         const MI_Instance **completionDetails)
{
    if (instance)
        *instance = NULL;
    return mofbind_gen_failed_outcome_(op, moreResults, result, errorMessage, completionDetails);
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_indication_(
    MI_Operation *op, const MI_Instance **instance, const MI_Char **bookmark,
    const MI_Char **machineID, MI_Boolean *moreResults, MI_Result *result,
    const MI_Char **errorMessage, const MI_Instance **completionDetails)
{
    if (instance)
        *instance = NULL;
    if (bookmark)
        *bookmark = NULL;
    if (machineID)
        *machineID = NULL;
    return mofbind_gen_failed_outcome_(op, moreResults, result, errorMessage, completionDetails);
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_class_(MI_Operation *op,
                                                      const MI_Class **classResult,
                                                      MI_Boolean *moreResults, MI_Result *result,
                                                      const MI_Char **errorMessage,
                                                      const MI_Instance **completionDetails)
{
    if (classResult)
        *classResult = NULL;
    return mofbind_gen_failed_outcome_(op, moreResults, result, errorMessage, completionDetails);
}

MI_INLINE MI_Result MI_CALL mofbind_gen_failed_ack_(MI_Operation *op)
{
    (void)op;
    return MI_RESULT_OK;
}

MI_INLINE const MI_OperationFT *mofbind_gen_failed_ft_(void)
{
    static const MI_OperationFT ft = {mofbind_gen_failed_close_,      mofbind_gen_failed_cancel_,
                                      mofbind_gen_failed_session_,    mofbind_gen_failed_instance_,
                                      mofbind_gen_failed_indication_, mofbind_gen_failed_class_};
    return &ft;
}

/* A CIM_Error instance describing a failure found before the request was sent. */
MI_INLINE MI_Instance *mofbind_gen_error_(MI_Session *session, MI_Result r, const MI_Char *msg)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *e = NULL;
    MI_Value v;
    if (!session || MI_Session_GetApplication(session, &app) != MI_RESULT_OK ||
        MI_Application_NewInstance(&app, MI_T("CIM_Error"), NULL, &e) != MI_RESULT_OK)
        return NULL;
    v.string = (MI_Char *)msg;
    if (MI_Instance_AddElement(e, MI_T("Message"), &v, MI_STRING, 0) != MI_RESULT_OK)
        goto fail;
    v.string = (MI_Char *)MI_T("mofbind");
    if (MI_Instance_AddElement(e, MI_T("OwningEntity"), &v, MI_STRING, 0) != MI_RESULT_OK)
        goto fail;
    v.string = (MI_Char *)MI_T("mofbind:InvalidInstance");
    if (MI_Instance_AddElement(e, MI_T("MessageID"), &v, MI_STRING, 0) != MI_RESULT_OK)
        goto fail;
    v.uint32 = (MI_Uint32)r;
    if (MI_Instance_AddElement(e, MI_T("CIMStatusCode"), &v, MI_UINT32, 0) != MI_RESULT_OK)
        goto fail;
    return e;
fail:
    MI_Instance_Delete(e);
    return NULL;
}

/* Makes *op an operation whose only result is the failure r with message msg, delivered like
 * any other: to callbacks->instanceResult now (from the calling thread), or by
 * MI_Operation_GetInstance. The caller closes *op with MI_Operation_Close as usual. */
MI_INLINE void mofbind_gen_fail(MI_Session *session, MI_Uint32 flags,
                                MI_OperationCallbacks *callbacks, MI_Operation *op, MI_Result r,
                                const MI_Char *msg)
{
    MI_Operation local = MI_OPERATION_NULL;
    mofbind_gen_failed_ *st = (mofbind_gen_failed_ *)calloc(1, sizeof *st);
    int async = callbacks && callbacks->instanceResult;
    if (!op)
        op = &local;
    if (st) {
        st->result = r;
        st->async = (MI_Boolean)(async ? MI_TRUE : MI_FALSE);
        if (session)
            st->session = *session;
        snprintf(st->message, sizeof st->message, "%s", msg ? msg : "");
        st->error = mofbind_gen_error_(session, r, st->message);
    }
    op->reserved1 = (MI_Uint64)r;
    op->reserved2 = (ptrdiff_t)st;
    op->ft = mofbind_gen_failed_ft_();
    if (async)
        callbacks->instanceResult(
            op, callbacks->callbackContext, NULL, MI_FALSE, r, st ? st->message : NULL,
            st ? st->error : NULL,
            (flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) ? mofbind_gen_failed_ack_ : NULL);
    if (op == &local)
        mofbind_gen_failed_close_(op);
}

/* What mofbind_gen_instance_op does with the marshalled instance. */
#define MOFBIND_GEN_OP_GET 0
#define MOFBIND_GEN_OP_MODIFY 1
#define MOFBIND_GEN_OP_CREATE 2
#define MOFBIND_GEN_OP_DELETE 3

/* Marshals x for an operation (mode as mofbind_gen_marshal's) into *inst. A failure becomes
 * the operation's result (mofbind_gen_fail) and the answer is 0; the caller then returns. */
MI_INLINE int mofbind_gen_prepare(const MI_ClassDecl *cd, int mode, MI_Session *session,
                                  MI_Uint32 flags, const void *x, MI_OperationCallbacks *callbacks,
                                  MI_Operation *op, MI_Instance **inst)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Char msg[MOFBIND_GEN_MSG];
    MI_Result r = MI_Session_GetApplication(session, &app);
    *inst = NULL;
    if (r != MI_RESULT_OK)
        snprintf(msg, sizeof msg, "%s: the session is not usable (MI_Result %d)", cd->name, (int)r);
    else
        r = mofbind_gen_marshal(cd, x, &app, mode, inst, msg, sizeof msg);
    if (r != MI_RESULT_OK) {
        mofbind_gen_fail(session, flags, callbacks, op, r, msg);
        return 0;
    }
    return 1;
}

/* Marshals x (keys only for Get and Delete; Required properties checked for Create) and starts
 * the operation; a marshalling failure becomes the operation's result (mofbind_gen_fail). The
 * marshalled instance is freed on return: the MI implementation copies what it sends. */
MI_INLINE void mofbind_gen_instance_op(const MI_ClassDecl *cd, int which, MI_Session *session,
                                       MI_Uint32 flags, MI_OperationOptions *options,
                                       const MI_Char *ns, const void *x,
                                       MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    MI_Instance *inst = NULL;
    int mode = which == MOFBIND_GEN_OP_CREATE       ? MOFBIND_GEN_CREATE
               : which != MOFBIND_GEN_OP_MODIFY     ? MOFBIND_GEN_KEYS
               : (flags & MOFBIND_GEN_FLAG_REPLACE) ? MOFBIND_GEN_REPLACE
                                                    : MOFBIND_GEN_MODIFY;
    flags &= ~(MI_Uint32)MOFBIND_GEN_FLAG_REPLACE;
    if (!mofbind_gen_prepare(cd, mode, session, flags, x, callbacks, op, &inst))
        return;
    switch (which) {
    case MOFBIND_GEN_OP_GET:
        MI_Session_GetInstance(session, flags, options, ns, inst, callbacks, op);
        break;
    case MOFBIND_GEN_OP_MODIFY:
        MI_Session_ModifyInstance(session, flags, options, ns, inst, callbacks, op);
        break;
    case MOFBIND_GEN_OP_CREATE:
        MI_Session_CreateInstance(session, flags, options, ns, inst, callbacks, op);
        break;
    default:
        MI_Session_DeleteInstance(session, flags, options, ns, inst, callbacks, op);
        break;
    }
    MI_Instance_Delete(inst);
}

/* ---- Associations, queries and lifecycle indications --------------------------------------
 * The typed traversals of an association A start from the struct of the class S at one of its
 * references (keys only are sent); their results are read with the result class's
 * X_EnumerateNext, as an Enumerate's: A's own struct for References, the class at the result
 * role for Associators (a subclass's instance as its actual class says, X_ClassName). */

/* AssociatorInstances of x (cd's struct) through the association assoc, from role to
 * resultRole (associators != 0), or its ReferenceInstances in role (associators == 0). */
MI_INLINE void mofbind_gen_assoc_op(const MI_ClassDecl *cd, const MI_ClassDecl *assoc,
                                    int associators, const MI_Char *role, const MI_Char *resultRole,
                                    MI_Session *session, MI_Uint32 flags,
                                    MI_OperationOptions *options, const MI_Char *ns, const void *x,
                                    MI_Boolean keysOnly, MI_OperationCallbacks *callbacks,
                                    MI_Operation *op)
{
    MI_Instance *inst = NULL;
    if (!mofbind_gen_prepare(cd, MOFBIND_GEN_KEYS, session, flags, x, callbacks, op, &inst))
        return;
    if (associators)
        MI_Session_AssociatorInstances(session, flags, options, ns, inst, assoc->name, NULL, role,
                                       resultRole, keysOnly, callbacks, op);
    else
        MI_Session_ReferenceInstances(session, flags, options, ns, inst, assoc->name, role,
                                      keysOnly, callbacks, op);
    MI_Instance_Delete(inst);
}

/* Which lifecycle indications X_Subscribe asks for: the DMTF classes, each a subscription. */
#define MOFBIND_GEN_CREATION 0     /* CIM_InstCreation: an instance of X was created */
#define MOFBIND_GEN_DELETION 1     /* CIM_InstDeletion: one was deleted */
#define MOFBIND_GEN_MODIFICATION 2 /* CIM_InstModification: one was modified */
/* Not a lifecycle indication: X is an indication class, and the subscription is to X's own
 * indications (and its subclasses', "SELECT * FROM X"), each read as an X. */
#define MOFBIND_GEN_INDICATION 3

/* A WQL query over cd's class (where: a condition, or NULL for every instance) when kind < 0,
 * else a subscription to kind's lifecycle indications of instances of cd's class (and of its
 * subclasses: ISA). The query is built here and freed once the session has taken it. */
MI_INLINE void mofbind_gen_query(const MI_ClassDecl *cd, int kind, MI_Session *session,
                                 MI_Uint32 flags, MI_OperationOptions *options, const MI_Char *ns,
                                 const MI_Char *where,
                                 const MI_SubscriptionDeliveryOptions *deliverOptions,
                                 MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    static const char *const kinds[] = {"CIM_InstCreation", "CIM_InstDeletion",
                                        "CIM_InstModification"};
    size_t n = strlen(cd->name) + (where ? strlen(where) : 0) + 80;
    MI_Char *q;
    if (kind > MOFBIND_GEN_INDICATION) {
        mofbind_gen_fail(session, flags, callbacks, op, MI_RESULT_INVALID_PARAMETER,
                         "not a kind of indication (MOFBIND_GEN_CREATION, _DELETION, "
                         "_MODIFICATION or _INDICATION)");
        return;
    }
    if (kind == MOFBIND_GEN_INDICATION && !(cd->flags & MI_FLAG_INDICATION)) {
        mofbind_gen_fail(session, flags, callbacks, op, MI_RESULT_INVALID_PARAMETER,
                         "MOFBIND_GEN_INDICATION: not an indication class");
        return;
    }
    q = (MI_Char *)malloc(n);
    if (!q) {
        mofbind_gen_fail(session, flags, callbacks, op, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                         "out of memory");
        return;
    }
    if (kind == MOFBIND_GEN_INDICATION)
        snprintf(q, n, "SELECT * FROM %s", cd->name);
    else if (kind >= 0)
        snprintf(q, n, "SELECT * FROM %s WHERE SourceInstance ISA %s", kinds[kind], cd->name);
    else if (where && *where)
        snprintf(q, n, "SELECT * FROM %s WHERE %s", cd->name, where);
    else
        snprintf(q, n, "SELECT * FROM %s", cd->name);
    if (kind >= 0)
        MI_Session_Subscribe(session, flags, options, ns, MI_T("WQL"), q, deliverOptions, callbacks,
                             op);
    else
        MI_Session_QueryInstances(session, flags, options, ns, MI_T("WQL"), q, callbacks, op);
    free(q);
}

/* An indication's SourceInstance into source and, when previous is not NULL, its
 * PreviousInstance (a modification's, as the server sends it; else previous is left unset)
 * into previous: cd's structs. MI_RESULT_NOT_FOUND when it has no SourceInstance. When cd's
 * class is an indication class (MOFBIND_GEN_INDICATION), the indication itself into source. */
MI_INLINE MI_Result mofbind_gen_from_indication(const MI_ClassDecl *cd,
                                                const MI_Instance *indication, void *source,
                                                void *previous)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    MI_Result r;
    if (previous)
        memset(previous, 0, cd->size);
    memset(source, 0, cd->size);
    if (!indication)
        return MI_RESULT_INVALID_PARAMETER;
    if (cd->flags & MI_FLAG_INDICATION)
        return mofbind_gen_unmarshal(cd, indication, source);
    r = MI_Instance_GetElement(indication, MI_T("SourceInstance"), &v, &t, &fl, NULL);
    if (r != MI_RESULT_OK || t != MI_INSTANCE || (fl & MI_FLAG_NULL) || !v.instance)
        return MI_RESULT_NOT_FOUND;
    r = mofbind_gen_unmarshal(cd, v.instance, source);
    if (r != MI_RESULT_OK || !previous)
        return r;
    fl = 0;
    if (MI_Instance_GetElement(indication, MI_T("PreviousInstance"), &v, &t, &fl, NULL) ==
            MI_RESULT_OK &&
        t == MI_INSTANCE && !(fl & MI_FLAG_NULL) && v.instance) {
        r = mofbind_gen_unmarshal(cd, v.instance, previous);
        if (r != MI_RESULT_OK)
            mofbind_gen_destruct(cd, source);
    }
    return r;
}

/* The next indication of a subscription made by X_Subscribe, read as
 * mofbind_gen_from_indication does; *found says whether one came. */
MI_INLINE MI_Result mofbind_gen_indication_next(MI_Operation *op, const MI_ClassDecl *cd,
                                                void *source, void *previous, MI_Boolean *found,
                                                MI_Boolean *moreResults, MI_Result *result,
                                                const MI_Char **errorMessage,
                                                const MI_Instance **errorDetails)
{
    const MI_Instance *ind = NULL;
    const MI_Char *bookmark = NULL, *machine = NULL;
    MI_Result r = MI_Operation_GetIndication(op, &ind, &bookmark, &machine, moreResults, result,
                                             errorMessage, errorDetails);
    if (found)
        *found = MI_FALSE;
    if (r != MI_RESULT_OK || !ind)
        return r;
    r = mofbind_gen_from_indication(cd, ind, source, previous);
    if (r == MI_RESULT_OK && found)
        *found = MI_TRUE;
    return r;
}

/* ---- Methods: the parameters by the method's table ----------------------------------------
 * A method M of the class D that declares it has the structs D_M_In (its IN parameters, in
 * order) and D_M_Out (MIReturn, then its OUT parameters in order), the table D_M_method whose
 * parameter declarations give the IN parameters' offsets in D_M_In (and the OUT-only ones' in
 * D_M_Out), and D_M_outs, the offsets in D_M_Out of MIReturn and the OUT parameters in the
 * table's order (an IN/OUT parameter has a field in each struct). A subclass X that inherits M
 * uses D's structs and tables (X_M_In is D_M_In) and its own class table for the call. */

/* Makes the field of parameter i of md unset, freeing what it owns (a structure's fields too). */
MI_INLINE void mofbind_gen_pclear_(const MI_MethodDecl *md, MI_Uint32 i, void *field)
{
    const mofbind_gen_sfield_ *d = mofbind_gen_psfield_at_(md, i);
    if (d)
        mofbind_gen_sclear_(d, field);
    else
        mofbind_gen_field_clear(field, (MI_Type)md->parameters[i]->type);
}

/* Puts the field of parameter i of md into the parameter set inst when it is set or NULL on
 * purpose (with flags MI_FLAG_IN or _OUT): a structure as the embedded instance(s) mk makes;
 * on failure msg may say why. */
MI_INLINE MI_Result mofbind_gen_pput_(const MI_MethodDecl *md, MI_Uint32 i, const void *field,
                                      MI_Instance *inst, MI_Uint32 flags,
                                      const mofbind_gen_maker_ *mk, MI_Char *msg, size_t msglen)
{
    const MI_ParameterDecl *p = md->parameters[i];
    const mofbind_gen_sfield_ *d = mofbind_gen_psfield_at_(md, i);
    MI_Type t = (MI_Type)p->type;
    MI_Value v;
    MI_Result r;
    if (!d)
        return mofbind_gen_put(inst, p->name, t, field, flags, mofbind_gen_is_null(field, t));
    if (!mofbind_gen_sexists_(d, field))
        return mofbind_gen_snull_(d, field) ? mofbind_gen_put_value_(inst, p->name, t, NULL, flags)
                                            : MI_RESULT_OK;
    r = mofbind_gen_svalue_(d, field, mk, &v, msg, msglen);
    if (r != MI_RESULT_OK)
        return r;
    r = mofbind_gen_put_value_(inst, p->name, t, &v, flags);
    mofbind_gen_value_free(&v, t);
    return r;
}

/* Reads parameter i of md from the parameter set inst into its field (zeroed; absent: left
 * unset), as copies the field owns: a structure from its embedded instance(s). */
MI_INLINE MI_Result mofbind_gen_pget_(const MI_MethodDecl *md, MI_Uint32 i, const MI_Instance *inst,
                                      void *field)
{
    const MI_ParameterDecl *p = md->parameters[i];
    const mofbind_gen_sfield_ *d = mofbind_gen_psfield_at_(md, i);
    MI_ConstInstanceAField tmp; /* a structure's embedded instance(s), read first */
    MI_Result r;
    if (!d)
        return mofbind_gen_get(inst, p->name, (MI_Type)p->type, field);
    memset(&tmp, 0, sizeof tmp);
    r = mofbind_gen_get(inst, p->name, (MI_Type)p->type, &tmp);
    if (r == MI_RESULT_OK)
        r = mofbind_gen_sread_(d, (MI_Type)p->type, &tmp, field);
    mofbind_gen_field_clear(&tmp, (MI_Type)p->type);
    return r;
}

/* The method's result (MIReturn and the OUT parameters) into out, as copies out owns. */
MI_INLINE void mofbind_gen_out_destruct(const MI_MethodDecl *md, const MI_Uint32 *outs, void *out)
{
    MI_Uint32 i, k = 0;
    for (i = 0; i < md->numParameters; i++)
        if (md->parameters[i]->flags & MI_FLAG_OUT)
            mofbind_gen_pclear_(md, i, (char *)out + outs[k++]);
}

/* Frees what a method's IN struct owns (its setters' copies; a borrowed value is left alone)
 * and makes every field unset: an IN parameter's declaration has its offset in the IN struct. */
MI_INLINE void mofbind_gen_in_destruct(const MI_MethodDecl *md, void *in)
{
    MI_Uint32 i;
    for (i = 0; i < md->numParameters; i++)
        if (md->parameters[i]->flags & MI_FLAG_IN)
            mofbind_gen_pclear_(md, i, (char *)in + md->parameters[i]->offset);
}

MI_INLINE MI_Result mofbind_gen_out_from(const MI_MethodDecl *md, const MI_Uint32 *outs,
                                         const MI_Instance *instance, void *out)
{
    MI_Uint32 i, k = 0;
    memset(out, 0, md->size);
    if (!instance)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < md->numParameters; i++) {
        MI_Result r;
        if (!(md->parameters[i]->flags & MI_FLAG_OUT))
            continue;
        r = mofbind_gen_pget_(md, i, instance, (char *)out + outs[k++]);
        if (r != MI_RESULT_OK) {
            mofbind_gen_out_destruct(md, outs, out);
            return r;
        }
    }
    return MI_RESULT_OK;
}

/* Invokes the method md on the instance of class cd that target's keys name (NULL for a
 * static method: the class itself), with the IN parameters of the struct in (NULL when the
 * method has none). A marshalling failure becomes the operation's result (mofbind_gen_fail). */
MI_INLINE void mofbind_gen_invoke(const MI_ClassDecl *cd, const MI_MethodDecl *md,
                                  MI_Session *session, const MI_Char *ns, const void *target,
                                  const void *in, MI_OperationCallbacks *callbacks,
                                  MI_Operation *op)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *tinst = NULL, *params = NULL;
    MI_Char msg[MOFBIND_GEN_MSG];
    mofbind_gen_maker_ mk;
    MI_Uint32 i;
    MI_Result r;
    msg[0] = '\0';
    r = MI_Session_GetApplication(session, &app);
    if (r == MI_RESULT_OK && !(md->flags & MI_FLAG_STATIC))
        r = mofbind_gen_marshal(cd, target, &app, MOFBIND_GEN_KEYS, &tinst, msg, sizeof msg);
    if (r == MI_RESULT_OK)
        r = MI_Application_NewParameterSet(&app, NULL, &params);
    mk.app = &app;
    mk.context = NULL;
    for (i = 0; r == MI_RESULT_OK && i < md->numParameters; i++) {
        const MI_ParameterDecl *p = md->parameters[i];
        if (!(p->flags & MI_FLAG_IN))
            continue;
        r = in ? mofbind_gen_pput_(md, i, (const char *)in + p->offset, params, MI_FLAG_IN, &mk,
                                   msg, sizeof msg)
               : MI_RESULT_INVALID_PARAMETER;
    }
    if (r != MI_RESULT_OK) {
        if (!msg[0])
            snprintf(msg, sizeof msg, "%s.%s: cannot marshal the parameters (MI_Result %d)",
                     cd->name, md->name, (int)r);
        if (tinst)
            MI_Instance_Delete(tinst);
        if (params)
            MI_Instance_Delete(params);
        mofbind_gen_fail(session, 0, callbacks, op, r, msg);
        return;
    }
    MI_Session_Invoke(session, 0, NULL, ns, cd->name, md->name, tinst, params, callbacks, op);
    if (tinst)
        MI_Instance_Delete(tinst);
    MI_Instance_Delete(params);
}

/* X_ToInstance: every property of x that is set. */
MI_INLINE MI_Result mofbind_gen_to_instance(const MI_ClassDecl *cd, const void *x,
                                            MI_Application *application, MI_Instance **instance)
{
    MI_Char msg[MOFBIND_GEN_MSG];
    return mofbind_gen_marshal(cd, x, application, MOFBIND_GEN_ALL, instance, msg, sizeof msg);
}

/* Collects the results of a synchronous operation and closes it: the first instance goes into
 * x (cd's struct; or, with cd NULL, the struct of method md's OUT parameters, whose offsets are
 * outs), a copy of the error details into *errorDetails (the caller frees it with
 * MI_Instance_Delete). Returns the operation's MI_Result. */
MI_INLINE MI_Result mofbind_gen_wait(MI_Operation *op, const MI_ClassDecl *cd,
                                     const MI_MethodDecl *md, const MI_Uint32 *outs, void *x,
                                     MI_Instance **errorDetails)
{
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK, conv = MI_RESULT_OK;
    int got = 0;
    if (errorDetails)
        *errorDetails = NULL;
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_Operation_GetInstance(op, &inst, &more, &result, &msg, &details);
        if (r != MI_RESULT_OK) {
            result = r;
            break;
        }
        if (inst && x && !got) {
            got = 1;
            conv =
                cd ? mofbind_gen_unmarshal(cd, inst, x) : mofbind_gen_out_from(md, outs, inst, x);
        }
        if (!more && details && errorDetails && result != MI_RESULT_OK)
            MI_Instance_Clone(details, errorDetails);
    }
    MI_Operation_Close(op);
    return result != MI_RESULT_OK ? result : conv;
}

/* The next result of an enumeration, converted into x (cd's struct). *found says whether there
 * was an instance; the operation's outcome is in *result once *moreResults is false. */
MI_INLINE MI_Result mofbind_gen_next(MI_Operation *op, const MI_ClassDecl *cd, void *x,
                                     MI_Boolean *found, MI_Boolean *moreResults, MI_Result *result,
                                     const MI_Char **errorMessage, const MI_Instance **errorDetails)
{
    const MI_Instance *inst = NULL;
    MI_Result r =
        MI_Operation_GetInstance(op, &inst, moreResults, result, errorMessage, errorDetails);
    if (found)
        *found = MI_FALSE;
    if (r != MI_RESULT_OK || !inst)
        return r;
    r = mofbind_gen_unmarshal(cd, inst, x);
    if (r == MI_RESULT_OK && found)
        *found = MI_TRUE;
    return r;
}

#ifdef __cplusplus
}
#endif

#endif
