/* SPDX-License-Identifier: MIT */
/* generator/mof/diag.h: located diagnostics for the MOF front end.
 *
 * Every message reads `file:line:col: error: text` (or `warning:`), the way compilers print
 * them, followed by the source line and a caret under the column. For a file read through
 * `#pragma include`, the chain of includes comes first, one `In file included from F:L:C:` line
 * each (innermost first), as gcc prints it. After max_errors errors one last line says so and
 * mof_diag_stop turns true, so the parser can give up. The places (mof_loc) are defined here, so
 * that what reports errors needs no more of the front end than this header. */
#ifndef MOFBIND_DIAG_H
#define MOFBIND_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One file read: the command line's, an include's, or a buffer given by a test or fuzzer. */
typedef struct mof_source mof_source;
struct mof_source {
    const char *path; /* as it will appear in diagnostics */
    const char *text; /* UTF-8 (converted from UTF-16 if need be), BOM removed,
                         NUL-terminated */
    size_t len;
    const mof_source *parent; /* the file whose #pragma include read this one; NULL at top level */
    uint32_t parent_line;     /* where that pragma is */
    uint32_t parent_col;
    mof_source *next; /* every source of a unit, in reading order */
};

/* A place in the input: 1-based line, 1-based column counted in bytes of the UTF-8 text. */
typedef struct mof_loc {
    const mof_source *src;
    uint32_t line;
    uint32_t col;
} mof_loc;

typedef struct mof_diag {
    FILE *out;            /* stderr in the CLI; a memstream in tests; NULL to count only */
    unsigned errors;
    unsigned warnings;
    unsigned max_errors;  /* 0: no cap */
    bool strict;          /* --strict: diagnostics issued with mof_pedantic become errors, and
                             the dialect forms of mof_dialect are reported as errors */
    bool no_warnings;     /* -w: warnings are counted but not printed */
    bool capped;          /* the cap was reached */
    /* Called for each error, as well as printing it (mofbind-server's --state-recover finds
     * the declarations that do not load this way); text is the message without location. */
    void (*on_error)(void *ctx, const mof_loc *loc, const char *text);
    void *on_error_ctx;
} mof_diag;

#define MOF_DIAG_DEFAULT_MAX_ERRORS 20

void mof_diag_init(mof_diag *d, FILE *out);

/* loc may be NULL for a message that has no place (a missing file named on the command line). */
#if defined(__GNUC__)
#define MOF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MOF_PRINTF(a, b)
#endif
void mof_error(mof_diag *d, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
void mof_warning(mof_diag *d, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
/* A warning that --strict makes an error. */
void mof_pedantic(mof_diag *d, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
/* A dialect's ordinary form: nothing, or an error under --strict. */
void mof_dialect(mof_diag *d, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
/* A `note:` attached to the previous message (for "previous definition is here"). */
void mof_note(mof_diag *d, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
void mof_vdiag(mof_diag *d, const mof_loc *loc, const char *kind, const char *fmt, va_list ap);

/* True once the error cap has been reached: stop parsing. */
bool mof_diag_stop(const mof_diag *d);

#endif
