/* SPDX-License-Identifier: MIT */
/* generator/main.c: the mofbind command line: check MOF, or generate C bindings from it. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "model.h"
#include "parse.h"
#include "resolve.h"

enum mode { MODE_GENERATE, MODE_CHECK, MODE_SYNTAX };

static void usage(FILE *out)
{
    fputs("Usage: mofbind [OPTION]... -o OUTDIR (--class NAME... | --all) FILE...\n"
          "       mofbind --check [OPTION]... FILE...\n"
          "       mofbind --syntax-only FILE...\n"
          "Compile CIM schemas written in MOF and generate typed C bindings for them.\n"
          "\n"
          "Modes:\n"
          "      --check              parse and resolve, print a summary, generate nothing\n"
          "      --syntax-only        parse only (for fragments whose superclasses live\n"
          "                           elsewhere), print a summary\n"
          "\n"
          "Input:\n"
          "  -I, --include-dir=DIR    search DIR for #pragma include files (repeatable)\n"
          "      --namespace=NS       namespace before any #pragma namespace\n"
          "                           (default root/cimv2)\n"
          "      --strict             read DSP0221 only: a leniency (a form other compilers\n"
          "                           accept, a qualifier with no declaration) is an error\n"
          "      --no-builtin-qualifiers\n"
          "                           do not supply the shipped qualifier declarations\n"
          "      --max-errors=N       stop after N errors (default 20, 0 for no limit)\n"
          "  -w, --no-warnings        do not print warnings\n"
          "\n"
          "Generation:\n"
          "  -o, --output-dir=DIR     write the bindings into DIR\n"
          "      --class=NAME         generate NAME and what it needs (repeatable)\n"
          "      --all                generate every class\n"
          "      --provider           also generate a provider of the classes named (all\n"
          "                           but abstract ones with --all): CLASS_Provider.h,\n"
          "                           the skeleton CLASS_Provider.c (written only when\n"
          "                           absent: yours to edit), mofbind_module.c (MI_Main)\n"
          "                           and mofbind_prov.h\n"
          "      --skeleton-dir=DIR   where the CLASS_Provider.c skeletons are, or are\n"
          "                           written when absent (default: the output dir)\n"
          "      --template-dir=DIR   use the templates in DIR instead of the built-in ones\n"
          "  -M                       print make dependency rules, generate nothing\n"
          "      -MD -MF FILE         write make dependency rules to FILE while generating\n"
          "      -MT TARGET           name TARGET (a stamp file, say) as the rule's target\n"
          "                           instead of the outputs (repeatable)\n"
          "      -MP                  add an empty rule per MOF file, so a removed include\n"
          "                           does not stop make\n"
          "      -MV NAME             name the make variable of the -MD file that lists\n"
          "                           the outputs (default MOFBIND_OUTPUTS)\n"
          "      --print-outputs      print the outputs one a line (for CMake's\n"
          "                           execute_process, Meson's run_command), generate\n"
          "                           nothing\n"
          "      --unity-source=NAME.c\n"
          "                           also write NAME.c into the output dir, including\n"
          "                           every generated .c: one source to build, whatever\n"
          "                           classes the schema holds\n"
          "\n"
          "The output dir keeps mofbind.manifest, the list of the files a run wrote there\n"
          "(never the provider skeletons): the next run removes those it no longer writes.\n"
          "\n"
          "  -h, --help               display this help and exit\n"
          "  -V, --version            output version information and exit\n"
          "\n"
          "Exit status is 0 on success and 1 when the MOF has errors.\n",
          out);
}

static const char *const *push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) {
        fputs("mofbind: out of memory\n", stderr);
        exit(1);
    }
    nv[(*n)++] = s;
    *v = nv;
    return nv;
}

static void print_summary(const mof_schema *s, const mof_unit *u, enum mode mode)
{
    size_t i;
    const mof_decl *d;
    size_t nstruct = 0;
    if (mode == MODE_SYNTAX) {
        for (d = u->decls; d; d = d->next)
            nstruct += d->kind == MOF_D_CLASS && d->u.cls->is_structure;
        printf("%zu classes, ", u->nclasses - nstruct);
        if (nstruct || u->nenums) /* MOF 3 */
            printf("%zu structures, %zu enumerations, ", nstruct, u->nenums);
        printf("%zu instances, %zu qualifier declarations\n", u->ninstances, u->nqualdecls);
        return;
    }
    for (i = 0; i < s->namespaces.n; i++) {
        const mof_namespace *ns = mof_map_at(&s->namespaces, i);
        size_t nq = 0, j;
        nstruct = 0;
        for (j = 0; j < ns->qualdecls.n; j++) {
            const mof_qualdecl *q = mof_map_at(&ns->qualdecls, j);
            if (!q->builtin)
                nq++;
        }
        for (j = 0; j < ns->classes.n; j++)
            nstruct += ((const mof_class *)mof_map_at(&ns->classes, j))->is_structure;
        printf("%s: %zu classes, ", ns->name, ns->classes.n - nstruct);
        if (nstruct || ns->enums.n)
            printf("%zu structures, %zu enumerations, ", nstruct, ns->enums.n);
        printf("%zu instances, %zu qualifier declarations\n", ns->ninstances, nq);
    }
}

int main(int argc, char **argv)
{
    enum {
        OPT_CHECK = 256,
        OPT_SYNTAX,
        OPT_NAMESPACE,
        OPT_STRICT,
        OPT_NO_BUILTIN,
        OPT_MAX_ERRORS,
        OPT_CLASS,
        OPT_ALL,
        OPT_PROVIDER,
        OPT_SKELETON_DIR,
        OPT_TEMPLATE_DIR,
        OPT_MD,
        OPT_MF,
        OPT_MT,
        OPT_MP,
        OPT_MV,
        OPT_PRINT_OUTPUTS,
        OPT_UNITY
    };
    static const struct option longopts[] = {
        {"check", no_argument, NULL, OPT_CHECK},
        {"syntax-only", no_argument, NULL, OPT_SYNTAX},
        {"include-dir", required_argument, NULL, 'I'},
        {"namespace", required_argument, NULL, OPT_NAMESPACE},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"no-builtin-qualifiers", no_argument, NULL, OPT_NO_BUILTIN},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"no-warnings", no_argument, NULL, 'w'},
        {"output-dir", required_argument, NULL, 'o'},
        {"class", required_argument, NULL, OPT_CLASS},
        {"all", no_argument, NULL, OPT_ALL},
        {"provider", no_argument, NULL, OPT_PROVIDER},
        {"skeleton-dir", required_argument, NULL, OPT_SKELETON_DIR},
        {"template-dir", required_argument, NULL, OPT_TEMPLATE_DIR},
        {"MD", no_argument, NULL, OPT_MD},
        {"MF", required_argument, NULL, OPT_MF},
        {"MT", required_argument, NULL, OPT_MT},
        {"MP", no_argument, NULL, OPT_MP},
        {"MV", required_argument, NULL, OPT_MV},
        {"print-outputs", no_argument, NULL, OPT_PRINT_OUTPUTS},
        {"unity-source", required_argument, NULL, OPT_UNITY},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    enum mode mode = MODE_GENERATE;
    const char **incdirs = NULL, **classes = NULL, **targets = NULL;
    size_t nincdirs = 0, nclasses = 0, ntargets = 0;
    mof_diag diag;
    mof_unit unit;
    mof_schema schema;
    mof_parse_options popts;
    mof_resolve_options ropts;
    mof_gen_options gopts;
    int c, i, rc = 0;

    memset(&ropts, 0, sizeof ropts);
    memset(&gopts, 0, sizeof gopts);
    mof_diag_init(&diag, stderr);

    /* -MD and -MF are gcc-style two-letter short options; turn them into long ones first. */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-MD") == 0)
            argv[i] = (char *)"--MD";
        else if (strcmp(argv[i], "-MF") == 0)
            argv[i] = (char *)"--MF";
        else if (strcmp(argv[i], "-MT") == 0)
            argv[i] = (char *)"--MT";
        else if (strcmp(argv[i], "-MP") == 0)
            argv[i] = (char *)"--MP";
        else if (strcmp(argv[i], "-MV") == 0)
            argv[i] = (char *)"--MV";
    }

    for (;;) {
        c = getopt_long(argc, argv, "I:o:whVM", longopts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case OPT_CHECK:
            mode = MODE_CHECK;
            break;
        case OPT_SYNTAX:
            mode = MODE_SYNTAX;
            break;
        case 'I':
            push(&incdirs, &nincdirs, optarg);
            break;
        case OPT_NAMESPACE:
            ropts.default_ns = optarg;
            break;
        case OPT_STRICT:
            diag.strict = true;
            break;
        case OPT_NO_BUILTIN:
            ropts.no_builtin_quals = true;
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            unsigned long n;
            errno = 0;
            n = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || n > 100000) {
                fprintf(stderr, "mofbind: --max-errors wants a number, not '%s'\n", optarg);
                return 1;
            }
            diag.max_errors = (unsigned)n;
            break;
        }
        case 'w':
            diag.no_warnings = true;
            break;
        case 'o':
            gopts.outdir = optarg;
            break;
        case OPT_CLASS:
            push(&classes, &nclasses, optarg);
            break;
        case OPT_PROVIDER:
            gopts.provider = true;
            break;
        case OPT_SKELETON_DIR:
            gopts.skeleton_dir = optarg;
            break;
        case OPT_ALL:
            gopts.all = true;
            break;
        case OPT_TEMPLATE_DIR:
            gopts.template_dir = optarg;
            break;
        case 'M':
            gopts.deps_only = true;
            break;
        case OPT_MD:
            break;
        case OPT_MF:
            gopts.depfile = optarg;
            break;
        case OPT_MT:
            push(&targets, &ntargets, optarg);
            break;
        case OPT_MP:
            gopts.dep_phony = true;
            break;
        case OPT_MV:
            gopts.dep_var = optarg;
            break;
        case OPT_PRINT_OUTPUTS:
            gopts.deps_only = true;
            gopts.print_outputs = true;
            break;
        case OPT_UNITY: {
            size_t n = strlen(optarg);
            if (n < 3 || strcmp(optarg + n - 2, ".c") != 0 || strchr(optarg, '/') ||
                optarg[0] == '.' || strcmp(optarg, "mofbind_module.c") == 0) {
                fprintf(stderr,
                        "mofbind: --unity-source wants a file name ending in .c (no "
                        "directory), not '%s'\n",
                        optarg);
                return 1;
            }
            gopts.unity = optarg;
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("mofbind %s\n", PACKAGE_VERSION);
            return 0;
        default:
            fputs("Try 'mofbind --help' for more information.\n", stderr);
            return 1;
        }
    }
    if (optind >= argc) {
        fputs("mofbind: no input files\nTry 'mofbind --help' for more information.\n", stderr);
        return 1;
    }
    if (mode == MODE_GENERATE && !gopts.deps_only && !gopts.outdir) {
        fputs("mofbind: nothing to do: give --check, --syntax-only or -o OUTDIR\n"
              "Try 'mofbind --help' for more information.\n",
              stderr);
        return 1;
    }
    if (mode == MODE_GENERATE && !gopts.all && nclasses == 0) {
        fputs("mofbind: name the classes to generate with --class NAME, or give --all\n", stderr);
        return 1;
    }

    memset(&popts, 0, sizeof popts);
    popts.include_dirs = incdirs;
    popts.n_include_dirs = nincdirs;
    popts.missing_include_warns = mode == MODE_SYNTAX;
    mof_unit_init(&unit, &diag);
    for (i = optind; i < argc && !mof_diag_stop(&diag); i++)
        if (mof_parse_file(&unit, argv[i], &popts) != 0)
            rc = 1;

    if (mode == MODE_SYNTAX) {
        if (diag.errors == 0 && !unit.arena.failed)
            print_summary(NULL, &unit, mode);
    } else if (!mof_diag_stop(&diag) && !unit.include_missing) {
        /* (an include not found leaves declarations out: resolving would report only what
         * they would have declared) */
        if (mof_resolve(&unit, &schema, &ropts) != 0)
            rc = 1;
        /* Out of memory while reading leaves the model incomplete: nothing is generated from
         * it (the message comes below). */
        if (diag.errors == 0 && !unit.arena.failed) {
            if (mode == MODE_CHECK) {
                print_summary(&schema, &unit, mode);
            } else {
                gopts.classes = classes;
                gopts.nclasses = nclasses;
                gopts.dep_targets = targets;
                gopts.ndep_targets = ntargets;
                gopts.inputs = (const char *const *)(argv + optind);
                gopts.ninputs = (size_t)(argc - optind);
                gopts.ns = ropts.default_ns;
                if (mof_generate(&schema, &gopts, &diag) != 0)
                    rc = 1;
            }
        }
    }
    if (diag.errors) {
        fprintf(stderr, "%u error%s, %u warning%s\n", diag.errors, diag.errors == 1 ? "" : "s",
                diag.warnings, diag.warnings == 1 ? "" : "s");
        rc = 1;
    }
    if (unit.arena.failed) {
        fputs("mofbind: out of memory\n", stderr);
        rc = 1;
    }
    /* A summary or -M rules that could not be written (a full disk, a closed pipe) fail the
     * run: nothing else would tell. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "mofbind: error: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        rc = 1;
    }
    mof_unit_free(&unit);
    free(incdirs);
    free(classes);
    free(targets);
    return rc;
}
