/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_decl.h: the class X the fuzz harnesses type what they read by (a key, an
 * array, a reference and a datetime: the conversions most likely to go wrong on hostile text). */
#ifndef MOFBIND_FUZZ_DECL_H
#define MOFBIND_FUZZ_DECL_H

#include <mofbind/mi.h>

static const MI_PropertyDecl fz_p_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Id", NULL, 0, MI_STRING, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl fz_p_n = {
    MI_FLAG_PROPERTY, 0, "N", NULL, 0, MI_UINT32A, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl fz_p_r = {
    MI_FLAG_PROPERTY, 0, "R", NULL, 0, MI_REFERENCE, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl fz_p_t = {
    MI_FLAG_PROPERTY, 0, "T", NULL, 0, MI_DATETIME, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl *const fz_props[] = {&fz_p_id, &fz_p_n, &fz_p_r, &fz_p_t};
static const MI_ClassDecl fz_decl = {MI_FLAG_CLASS, 0,    "X",  NULL, 0,    fz_props, 4,   0,
                                     NULL,          NULL, NULL, 0,    NULL, NULL,     NULL};

#endif
