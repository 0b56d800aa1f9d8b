/* SPDX-License-Identifier: MIT */
/* generator/emit/emit.h: writing C bindings for a resolved schema (see templates/). */
#ifndef MOFBIND_EMIT_H
#define MOFBIND_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

typedef struct mof_gen_options {
    const char *outdir;              /* -o */
    const char *const *classes;      /* --class NAME ... */
    size_t nclasses;
    bool all;                        /* --all */
    const char *template_dir;        /* --template-dir; NULL: the embedded templates */
    const char *ns;                  /* namespace to take classes from; NULL: default */
    const char *depfile;             /* -MF FILE (with -MD); NULL: none */
    bool deps_only;                  /* -M: print the rules to stdout, generate nothing */
    const char *const *dep_targets;  /* -MT TARGET ...: the rule's targets instead of the
                                        outputs (a stamp file, say) */
    size_t ndep_targets;
    bool dep_phony;                  /* -MP: a phony rule per MOF file, so that a removed
                                        include does not stop make */
    const char *dep_var;             /* -MV NAME: the make variable of the depfile listing the
                                        outputs; NULL: MOFBIND_OUTPUTS */
    bool print_outputs;              /* --print-outputs: print the outputs one a line (for
                                        CMake and Meson), generate nothing */
    const char *unity;               /* --unity-source NAME.c: also a source in the output
                                        directory that includes every generated .c */
    bool provider;                   /* --provider: also the provider code of the classes
                                        named (emit_provider.c) */
    const char *skeleton_dir;        /* --skeleton-dir: where the provider skeletons are (and
                                        are written when absent); NULL: outdir */
    const char *const *inputs;       /* the MOF files named on the command line */
    size_t ninputs;
} mof_gen_options;

/* Generates the bindings. Returns 0, or -1 after reporting an error through d; on failure no
 * output file is created or changed. */
int mof_generate(const mof_schema *s, const mof_gen_options *o, mof_diag *d);

#endif
