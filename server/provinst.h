/* SPDX-License-Identifier: MIT */
/* server/provinst.h: instances laid out in the provider's own memory, as OMI's generated structs
 * are (provinst.c), for the provider host's MI_Context_ConstructInstance and
 * ConstructParameters. */
#ifndef MOFBIND_SERVER_PROVINST_H
#define MOFBIND_SERVER_PROVINST_H

#include <mofbind/mi.h>

/* Makes self (decl->size bytes of the caller's memory, zeroed here) an instance of decl: a
 * class's declaration, or a method's (the instance of its parameters) passed as one, as OMI
 * does. Each element is the field at its declaration's offset ({value, exists, flags}), which
 * the caller may also read and write directly. INVALID_PARAMETER when a field does not lie
 * between the MI_Instance header and size (mofbind's own generated structs, which begin with
 * a pointer, are not such a layout: their instances come from NewInstance). Destruct, or
 * Delete, frees what the instance holds, never its memory; Clone gives a heap instance. */
MI_Result srv_provinst_construct(MI_Instance *self, const MI_ClassDecl *decl);

#endif
