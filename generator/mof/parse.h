/* SPDX-License-Identifier: MIT */
/* generator/mof/parse.h: reading MOF text into a mof_unit (model.h).
 *
 * The reader takes files as MOF is written in the wild: UTF-8 with or without a BOM, UTF-16LE or
 * UTF-16BE with a BOM, LF, CRLF or CR line ends (normalized to LF before scanning, so columns
 * count bytes of UTF-8). `#pragma include` is followed relative to the including file, then
 * through the include directories, then the same again matching names without case (with a
 * warning, as mofcomp and OMI find them); includes nest up to MOF_MAX_INCLUDE_DEPTH and a cycle
 * is an error. An include not found sets unit->include_missing (resolving would only report
 * what it would have declared), or is a warning with missing_include_warns. Errors go to
 * unit->diag; the parser recovers at the next declaration where it can. */
#ifndef MOFBIND_PARSE_H
#define MOFBIND_PARSE_H

#include <stddef.h>

#include "model.h"

#define MOF_MAX_INCLUDE_DEPTH 64
#define MOF_MAX_FILE_SIZE (256u * 1024u * 1024u)

typedef struct mof_parse_options {
    const char *const *include_dirs; /* -I DIR, in order */
    size_t n_include_dirs;
    bool missing_include_warns; /* --syntax-only: an include not found is a warning (the
                                   fragment's base schema lives elsewhere), not an error */
} mof_parse_options;

/* Parses the file at path and appends its declarations (and its includes') to the unit.
 * Returns 0, or -1 when an error was reported (the unit keeps what parsed). */
int mof_parse_file(mof_unit *u, const char *path, const mof_parse_options *opts);

/* The same for text in memory (tests, fuzzing, the embedded qualifier declarations); name is the
 * path diagnostics show, and includes resolve relative to it. The data is copied. */
int mof_parse_buffer(mof_unit *u, const char *name, const char *data, size_t len,
                     const mof_parse_options *opts);

#endif
