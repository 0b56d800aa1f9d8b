/* SPDX-License-Identifier: MIT */
/* generator/mof/scan.h: the reentrant scanner's interface, written by hand so the build does not
 * depend on flex's --header-file output (automake's ylwrap loses it). */
#ifndef MOFBIND_SCAN_H
#define MOFBIND_SCAN_H

#include <stddef.h>

typedef void *yyscan_t;
struct mof_lexstate;

int mof_yylex_init_extra(struct mof_lexstate *extra, yyscan_t *scanner);
int mof_yylex_destroy(yyscan_t scanner);
struct mof_lexstate *mof_yyget_extra(yyscan_t scanner);

#endif
