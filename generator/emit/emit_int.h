/* SPDX-License-Identifier: MIT */
/* generator/emit/emit_int.h: the code generator's internals: its output buffers and the template
 * filler (emit_tpl.c), shared by emit.c and the generator's unit tests. */
#ifndef MOFBIND_EMIT_INT_H
#define MOFBIND_EMIT_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The output buffers: libutil's growable buffer (util.h). */
typedef util_buf gen_buf;

/* One placeholder's value: `$name$` in a template becomes value. */
typedef struct gen_var {
    const char *name;
    const char *value;
} gen_var;

/* A set of templates by name: the built-in ones, or those of --template-dir (a file there
 * named NAME.tpl replaces the built-in NAME, one named NAME.h the helper header NAME.h; the
 * others stay built in). */
typedef struct gen_templates gen_templates;

/* Loads the templates; dir NULL means only the built-in ones. Returns NULL and sets *err (a
 * static message, or errno through err_errno) when a file cannot be read. */
gen_templates *gen_templates_load(const char *dir, char *err, size_t errlen);
void gen_templates_free(gen_templates *t);
/* The text of a template, or NULL when there is none of that name. */
const char *gen_template(const gen_templates *t, const char *name);
/* The built-in templates' names: i from 0 to gen_template_count() - 1. */
size_t gen_template_count(void);
const char *gen_template_name(size_t i);

/* Appends a helper header (a template named NAME.h): the banner line every output begins with,
 * then text as it is. */
void gen_copy_header(gen_buf *out, const char *text, const char *version, const char *source);

/* Appends text with every `$name$` replaced by its value from vars (`$$` is a literal `$`).
 * Returns 0, or -1 with a message in err (the template's name, the offset and the cause: an
 * unknown placeholder or a `$` with no closing `$`); on error nothing is appended. A NULL value
 * (one whose building ran out of memory) marks out failed. */
int gen_fill(gen_buf *out, const char *tpl_name, const char *text, const gen_var *vars,
             size_t nvars, char *err, size_t errlen);

/* emit.c: a C identifier for a CIM name (bytes other than [A-Za-z0-9_] become _xHH; a C or
 * C++ keyword or library macro name gets a trailing underscore). */
void gen_ident(char *out, size_t outlen, const char *name);

/* emit_provider.c: the provider code of --provider for the classes given (see the file's
 * comment). Its files go to the sink: add copies content into a new output file (0, or -1 when
 * out of memory); exists says whether the output directory already holds a file (a skeleton
 * there is the user's and is not replaced). common holds the variables every template gets
 * (version, source). Returns 0, or -1 with a message in err. */
struct mof_class;
typedef struct gen_prov_sink {
    void *ctx;
    int (*add)(void *ctx, const char *name, const gen_buf *content);
    bool (*exists)(void *ctx, const char *name);
} gen_prov_sink;
int gen_provider(const gen_templates *tpl, const struct mof_class *const *classes, size_t n,
                 const gen_var *common, size_t ncommon, gen_prov_sink *sink, char *err,
                 size_t errlen);

#endif
