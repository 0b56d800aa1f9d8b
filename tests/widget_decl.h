/* SPDX-License-Identifier: MIT */
/* tests/widget_decl.h: Contoso_Widget (tests/server/widget.mof) as the OMI captures' provider
 * declares it: the class declaration the suites that build typed instances without generated
 * bindings type them by (the codec's, the client's). Included by one test program each. */
#ifndef MOFBIND_WIDGET_DECL_H
#define MOFBIND_WIDGET_DECL_H

#include <mofbind/mi.h>

static const MI_PropertyDecl w_id = {MI_FLAG_PROPERTY | MI_FLAG_KEY,
                                     0,
                                     "Id",
                                     NULL,
                                     0,
                                     MI_STRING,
                                     NULL,
                                     0,
                                     0,
                                     "Contoso_Widget",
                                     "Contoso_Widget",
                                     NULL};
static const MI_PropertyDecl w_name = {MI_FLAG_PROPERTY, 0,    "Name", NULL, 0,
                                       MI_STRING,        NULL, 0,      0,    "Contoso_Widget",
                                       "Contoso_Widget", NULL};
static const MI_PropertyDecl w_count = {MI_FLAG_PROPERTY, 0,    "Count", NULL, 0,
                                        MI_UINT32,        NULL, 0,       0,    "Contoso_Widget",
                                        "Contoso_Widget", NULL};
static const MI_PropertyDecl w_enabled = {MI_FLAG_PROPERTY, 0,    "Enabled", NULL, 0,
                                          MI_BOOLEAN,       NULL, 0,         0,    "Contoso_Widget",
                                          "Contoso_Widget", NULL};
static const MI_PropertyDecl w_offset = {MI_FLAG_PROPERTY, 0,    "Offset", NULL, 0,
                                         MI_SINT64,        NULL, 0,        0,    "Contoso_Widget",
                                         "Contoso_Widget", NULL};
static const MI_PropertyDecl w_ratio = {MI_FLAG_PROPERTY, 0,    "Ratio", NULL, 0,
                                        MI_REAL64,        NULL, 0,       0,    "Contoso_Widget",
                                        "Contoso_Widget", NULL};
static const MI_PropertyDecl w_tags = {MI_FLAG_PROPERTY, 0,    "Tags", NULL, 0,
                                       MI_STRINGA,       NULL, 0,      0,    "Contoso_Widget",
                                       "Contoso_Widget", NULL};
static const MI_PropertyDecl *const widget_props[] = {&w_id,     &w_name,  &w_count, &w_enabled,
                                                      &w_offset, &w_ratio, &w_tags};
static const MI_ClassDecl widget_decl = {
    MI_FLAG_CLASS, 0,   "Contoso_Widget", NULL, 0, widget_props, 7, 0, NULL, NULL, NULL, 0, NULL,
    NULL,          NULL};

#endif
