/* SPDX-License-Identifier: MIT */
/* server/classes.h: class definitions of the loaded schema as CIM-XML for GetClass and
 * EnumerateClasses (classes.c). */
#ifndef MOFBIND_SERVER_CLASSES_H
#define MOFBIND_SERVER_CLASSES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "wsman.h"

/* What a class answer holds, from the request's options (OMI's names). */
typedef struct srv_class_opts {
    bool qualifiers; /* IncludeQualifiers */
    bool inherited;  /* IncludeInheritedElements: inherited properties and methods too */
    bool hierarchy;  /* IncludeInheritanceHierarchy: OMI's DERIVATION attribute */
    bool names_only; /* ClassNamesOnly (mofbind's): NAME and SUPERCLASS alone */
} srv_class_opts;

/* Appends cls as a <CLASS> element to b. Returns 0, or -1 when the schema holds text XML 1.0
 * cannot carry (or b ran out of memory: b->failed). */
int srv_class_xml(wsman_buf *b, const mof_class *cls, const srv_class_opts *o);

/* The classes an EnumerateClasses of ns answers, in declaration order (a superclass before
 * its subclasses): the subclasses of base (all of them when deep, the direct ones otherwise),
 * or with no base every class (deep) or the root classes. Structures are not classes here.
 * Fills out (when not NULL, room for all) and returns how many. */
size_t srv_classes_select(const mof_namespace *ns, const mof_class *base, bool deep,
                          const mof_class **out);

#endif
