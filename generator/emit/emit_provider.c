/* SPDX-License-Identifier: MIT */
/* generator/emit_provider.c: the provider code of `mofbind --provider` (templates/provider_*,
 * templates/module_*): for each class provided, CLASS_Provider.h (the typed functions the
 * provider defines and its posting helpers; regenerated) and CLASS_Provider.c (a skeleton
 * answering MI_RESULT_NOT_SUPPORTED, written only when absent, then the user's); and for them
 * all mofbind_module.c (MI_Main, the tables with the provider function tables wired in, the
 * glue from the MI provider API to the typed functions) and mofbind_prov.h (the helpers the
 * glue and the posting helpers share). It uses the bindings emit.c writes for the same
 * classes: their structs, _rtti tables, method tables and _In/_Out structs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_int.h"
#include "midecl.h"
#include "model.h"

typedef struct prov_ctx {
    const gen_templates *tpl;
    const gen_var *common; /* version, source */
    size_t ncommon;
    char *err;
    size_t errlen;
    int failed;
} prov_ctx;

#define PROV_MAXVARS 24

static void fill(prov_ctx *p, gen_buf *b, const char *name, const gen_var *vars, size_t n)
{
    gen_var all[PROV_MAXVARS];
    size_t k = 0, i;
    const char *text;
    if (p->failed)
        return;
    text = gen_template(p->tpl, name);
    if (!text) {
        snprintf(p->err, p->errlen, "internal error: no template named %s", name);
        p->failed = 1;
        return;
    }
    for (i = 0; i < p->ncommon && k < PROV_MAXVARS; i++)
        all[k++] = p->common[i];
    for (i = 0; i < n && k < PROV_MAXVARS; i++)
        all[k++] = vars[i];
    if (gen_fill(b, name, text, all, k, p->err, p->errlen) != 0)
        p->failed = 1;
}

#define PVARS(...) ((const gen_var[]){__VA_ARGS__})
#define PNVARS(...) (sizeof PVARS(__VA_ARGS__) / sizeof(gen_var))
#define PFILL(p, b, name, ...) fill((p), (b), (name), PVARS(__VA_ARGS__), PNVARS(__VA_ARGS__))

static int has_in(const mof_method *m)
{
    size_t i;
    for (i = 0; i < m->nparams; i++)
        if (m->params[i].flags & MOF_F_IN)
            return 1;
    return 0;
}

/* The name the skeleton check carries: what the skeleton must define (the instance functions,
 * the association ones, one per method). */
static void signature(gen_buf *b, const mof_class *cls)
{
    size_t i;
    util_buf_puts(b, cls->flags & MOF_C_ASSOCIATION  ? "Association"
                     : cls->flags & MOF_C_INDICATION ? "Indication"
                                                     : "Instances");
    for (i = 0; i < cls->n_all_methods; i++) {
        char m[256];
        gen_ident(m, sizeof m, cls->all_methods[i]->name);
        util_buf_printf(b, "_%s", m);
    }
}

/* The functions of an indication class (omigen's shape: Enable/DisableIndications and
 * Subscribe/Unsubscribe, no instance functions, since indications are posted, never stored) or
 * of any other class (the instance functions): their prototypes into h, their skeleton into c,
 * their glue into glue; and the entries of the class's MI_ProviderFT that point at them. */
static void kind_pieces(prov_ctx *p, const mof_class *cls, const char *cname, gen_buf *h,
                        gen_buf *c, gen_buf *glue, char *instance_ft, char *indication_ft,
                        size_t ftlen)
{
    bool indication = (cls->flags & MOF_C_INDICATION) != 0;
    const char *kind = indication ? "indication" : "instances";
    char hname[40], cname_tpl[40], gname[40];
#define CV {"class", cname}, {"cim_class", cls->name}
    snprintf(hname, sizeof hname, "provider_h_%s", kind);
    snprintf(cname_tpl, sizeof cname_tpl, "provider_c_%s", kind);
    snprintf(gname, sizeof gname, "module_%s", kind);
    PFILL(p, h, hname, CV);
    PFILL(p, c, cname_tpl, CV);
    PFILL(p, glue, gname, CV);
#undef CV
    if (indication) {
        snprintf(instance_ft, ftlen, "NULL, NULL, NULL, NULL, NULL");
        snprintf(indication_ft, ftlen,
                 "%s_EnableIndications_glue,\n    %s_DisableIndications_glue, %s_Subscribe_glue,"
                 " %s_Unsubscribe_glue",
                 cname, cname, cname, cname);
    } else {
        snprintf(instance_ft, ftlen,
                 "%s_GetInstance_glue,\n    %s_EnumerateInstances_glue, %s_CreateInstance_glue,"
                 " %s_ModifyInstance_glue,\n    %s_DeleteInstance_glue",
                 cname, cname, cname, cname, cname);
        snprintf(indication_ft, ftlen, "NULL, NULL, NULL, NULL");
    }
}

static void one_class(prov_ctx *p, const mof_class *cls, gen_buf *h, gen_buf *skel, gen_buf *glue)
{
    char cname[256];
    gen_buf sig = {NULL, 0, 0, false};
    /* The pieces of the whole-file templates provider_h and provider_c. */
    gen_buf h_assoc = {NULL, 0, 0, false}, h_methods = {NULL, 0, 0, false};
    gen_buf c_assoc = {NULL, 0, 0, false}, c_methods = {NULL, 0, 0, false};
    gen_buf h_ops = {NULL, 0, 0, false}, c_ops = {NULL, 0, 0, false};
    char instance_ft[2048], indication_ft[2048];
    size_t i;
    bool assoc = (cls->flags & MOF_C_ASSOCIATION) != 0;
    gen_ident(cname, sizeof cname, cls->name);
    signature(&sig, cls);
    if (sig.failed) {
        p->failed = 1;
        snprintf(p->err, p->errlen, "out of memory");
        return;
    }
#define CV {"class", cname}, {"cim_class", cls->name}
    PFILL(p, glue, "module_class", CV);
    kind_pieces(p, cls, cname, &h_ops, &c_ops, glue, instance_ft, indication_ft,
                sizeof indication_ft);
    if (assoc) {
        PFILL(p, &h_assoc, "provider_h_assoc", CV);
        PFILL(p, &c_assoc, "provider_c_assoc", CV);
        PFILL(p, glue, "module_assoc", CV);
    }
    for (i = 0; i < cls->n_all_methods; i++) {
        const mof_method *m = cls->all_methods[i];
        char mname[256], dn[256], decl[600], in_param[700];
        bool in = has_in(m) != 0;
        bool is_static = (m->flags & MOF_F_STATIC) != 0;
        gen_ident(mname, sizeof mname, m->name);
        gen_ident(dn, sizeof dn, midecl_method_declarer(cls, m)->name);
        snprintf(decl, sizeof decl, "%s_%s", dn, mname);
        if (in)
            snprintf(in_param, sizeof in_param, ", const %s_In *in", decl);
        else
            in_param[0] = '\0';
        PFILL(p, &h_methods, "provider_h_method", CV, {"method", mname}, {"cim_method", m->name},
              {"decl", decl}, {"in_param", in_param},
              {"kind", is_static ? "static, instanceName is NULL" : "instanceName holds the keys"});
        PFILL(p, &c_methods, "provider_c_method", CV, {"method", mname}, {"in_param", in_param},
              {"in_unused", in ? "\n    MI_UNREFERENCED_PARAMETER(in);" : ""});
    }
    PFILL(p, glue, "module_invoke_begin", CV);
    for (i = 0; i < cls->n_all_methods; i++) {
        const mof_method *m = cls->all_methods[i];
        char mname[256], dn[256], decl[600];
        gen_ident(mname, sizeof mname, m->name);
        gen_ident(dn, sizeof dn, midecl_method_declarer(cls, m)->name);
        snprintf(decl, sizeof decl, "%s_%s", dn, mname);
        PFILL(p, glue, has_in(m) ? "module_invoke_method_in" : "module_invoke_method", CV,
              {"method", mname}, {"cim_method", m->name}, {"decl", decl});
    }
    {
        char a[300], r[300];
        snprintf(a, sizeof a, assoc ? "%s_AssociatorInstances_glue" : "NULL", cname);
        snprintf(r, sizeof r, assoc ? "%s_ReferenceInstances_glue" : "NULL", cname);
        PFILL(p, glue, "module_invoke_end", CV, {"associators", a}, {"references", r},
              {"instance_entries", instance_ft}, {"indication_entries", indication_ft});
    }
#define PIECE(b) ((b).data ? (b).data : "")
    PFILL(p, h, "provider_h", CV, {"signature", sig.data}, {"operations", PIECE(h_ops)},
          {"assoc", PIECE(h_assoc)}, {"methods", PIECE(h_methods)});
    PFILL(p, skel, "provider_c", CV, {"signature", sig.data}, {"operations", PIECE(c_ops)},
          {"assoc", PIECE(c_assoc)}, {"methods", PIECE(c_methods)});
#undef PIECE
#undef CV
    if (h_assoc.failed || h_methods.failed || c_assoc.failed || c_methods.failed || h_ops.failed ||
        c_ops.failed)
        p->failed = 1;
    util_buf_free(&h_ops);
    util_buf_free(&c_ops);
    util_buf_free(&h_assoc);
    util_buf_free(&h_methods);
    util_buf_free(&c_assoc);
    util_buf_free(&c_methods);
    util_buf_free(&sig);
}

int gen_provider(const gen_templates *tpl, const mof_class *const *classes, size_t n,
                 const gen_var *common, size_t ncommon, gen_prov_sink *sink, char *err,
                 size_t errlen)
{
    prov_ctx p;
    gen_buf module = {NULL, 0, 0, false}, glue = {NULL, 0, 0, false};
    gen_buf items = {NULL, 0, 0, false}, wire = {NULL, 0, 0, false};
    gen_buf support = {NULL, 0, 0, false}, includes = {NULL, 0, 0, false};
    char count[32];
    size_t i;
    memset(&p, 0, sizeof p);
    p.tpl = tpl;
    p.common = common;
    p.ncommon = ncommon;
    p.err = err;
    p.errlen = errlen;
    err[0] = '\0';
    for (i = 0; i < n && !p.failed; i++) {
        char cname[256], hname[300], cfile[300];
        gen_buf h = {NULL, 0, 0, false}, skel = {NULL, 0, 0, false};
        gen_ident(cname, sizeof cname, classes[i]->name);
        snprintf(hname, sizeof hname, "%s_Provider.h", cname);
        snprintf(cfile, sizeof cfile, "%s_Provider.c", cname);
        util_buf_printf(&includes, "#include \"%s_Provider.h\"\n", cname);
        util_buf_printf(&items, "    &%s_provider_rtti,\n", cname);
        PFILL(&p, &wire, "module_wire", {"class", cname});
        one_class(&p, classes[i], &h, &skel, &glue);
        if (h.failed || skel.failed)
            p.failed = 1;
        if (!p.failed && sink->add(sink->ctx, hname, &h) != 0)
            p.failed = 1;
        /* The skeleton is the user's once written: never replaced. */
        if (!p.failed && !sink->exists(sink->ctx, cfile) && sink->add(sink->ctx, cfile, &skel) != 0)
            p.failed = 1;
        util_buf_free(&h);
        util_buf_free(&skel);
    }
    snprintf(count, sizeof count, "%zu", n);
    PFILL(&p, &module, "module_c", {"includes", includes.data ? includes.data : ""},
          {"glue", glue.data ? glue.data : ""}, {"classes", items.data ? items.data : ""},
          {"nclasses", count}, {"wire", wire.data ? wire.data : ""});
    if (!p.failed) {
        const char *text = gen_template(p.tpl, "mofbind_prov.h"), *version = "", *source = "";
        for (i = 0; i < p.ncommon; i++)
            if (strcmp(p.common[i].name, "version") == 0)
                version = p.common[i].value;
            else if (strcmp(p.common[i].name, "source") == 0)
                source = p.common[i].value;
        if (text)
            gen_copy_header(&support, text, version, source);
        else
            p.failed = 1;
    }
    if (module.failed || glue.failed || items.failed || wire.failed || support.failed ||
        includes.failed)
        p.failed = 1;
    if (!p.failed && (sink->add(sink->ctx, "mofbind_module.c", &module) != 0 ||
                      sink->add(sink->ctx, "mofbind_prov.h", &support) != 0))
        p.failed = 1;
    if (p.failed && !err[0])
        snprintf(err, errlen, "out of memory");
    util_buf_free(&module);
    util_buf_free(&glue);
    util_buf_free(&items);
    util_buf_free(&wire);
    util_buf_free(&support);
    util_buf_free(&includes);
    return p.failed ? -1 : 0;
}
