/* SPDX-License-Identifier: MIT */
/* generator/mof/types.h: the CIM types of MOF, as the scanner's type keywords and the model
 * both name them. Nothing else: the scanner includes this, not the model. */
#ifndef MOFBIND_MOF_TYPES_H
#define MOFBIND_MOF_TYPES_H

/* CIM types. The numbering is MI_Type's (mi.h), so the generator and the server can use a
 * mof_type where an MI_Type is wanted. Arrays are a flag on the feature, not a type. */
typedef enum mof_type {
    MOF_BOOLEAN = 0,
    MOF_UINT8 = 1,
    MOF_SINT8 = 2,
    MOF_UINT16 = 3,
    MOF_SINT16 = 4,
    MOF_UINT32 = 5,
    MOF_SINT32 = 6,
    MOF_UINT64 = 7,
    MOF_SINT64 = 8,
    MOF_REAL32 = 9,
    MOF_REAL64 = 10,
    MOF_CHAR16 = 11,
    MOF_DATETIME = 12,
    MOF_STRING = 13,
    MOF_REFERENCE = 14, /* `ClassName REF name`; ref_class names the class (NULL for
                           `object ref`) */
    MOF_INSTANCE = 15   /* embedded object: WMI's `object` type, or resolved from a string property
                           with EmbeddedInstance / EmbeddedObject */
} mof_type;

#endif
