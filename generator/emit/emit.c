/* SPDX-License-Identifier: MIT */
/* generator/emit/emit.c: the code generator: from a resolved schema (model.h) to one C header and
 * one C source per class, plus the shared helper header mofbind_gen.h. The shape of every piece of
 * output lives in templates/ (see emit_tpl.c); this file decides what goes where: which classes,
 * which pieces, in which order, with which names. All output is built in memory first and only then
 * written, each file through a temporary file and a rename, and only when it changed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "emit_int.h"
#include "midecl.h"
#include "resolve.h"
#include "util.h"

#define GEN_SUPPORT "mofbind_gen.h"
/* The list of what the last run wrote into the output directory (not the provider skeletons,
 * which are the user's): a run removes what it lists and no longer writes. */
#define GEN_MANIFEST "mofbind.manifest"

typedef struct gen_file {
    char *name; /* relative to the output directory */
    char *path; /* where it is written */
    gen_buf buf;
} gen_file;

typedef struct gen_ctx {
    const mof_schema *s;
    const mof_gen_options *o;
    mof_diag *d;
    gen_templates *tpl;
    char version[32];         /* "0.1" */
    char runtime_version[16]; /* "100" */
    bool failed;
    gen_file *files;
    size_t nfiles, capfiles;
    /* the class being generated */
    const mof_class *cls;
    char cname[256];   /* C name of the class */
    char source[512];  /* the MOF file named in the banner */
    char ns_lit[512];  /* its namespace as a C string literal body */
    gen_buf scratch;   /* for values built on the fly */
    bool true_emitted; /* the class's source has its MI_Boolean TRUE for qualifiers */
    const struct gen_set *sel; /* the classes being generated */
} gen_ctx;

/* ---- names ------------------------------------------------------------------------------- */

/* C and C++ keywords, and macros of the C library a field name must not be. */
/* Sorted (strcmp order) for bsearch. */
static const char *const gen_reserved[] = {
    "BUFSIZ",
    "EDOM",
    "EILSEQ",
    "EOF",
    "ERANGE",
    "EXIT_FAILURE",
    "EXIT_SUCCESS",
    "FILENAME_MAX",
    "FOPEN_MAX",
    "L_tmpnam",
    "MB_CUR_MAX",
    "MI_ARRAY",
    "MI_CALL",
    "MI_CONST",
    "MI_FALSE",
    "MI_INLINE",
    "MI_T",
    "MI_TRUE",
    "NULL",
    "RAND_MAX",
    "SEEK_CUR",
    "SEEK_END",
    "SEEK_SET",
    "TMP_MAX",
    "_Bool",
    "_Complex",
    "_Imaginary",
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "assert",
    "auto",
    "bitand",
    "bitor",
    "bool",
    "break",
    "case",
    "catch",
    "char",
    "char16_t",
    "char32_t",
    "char8_t",
    "class",
    "co_await",
    "co_return",
    "co_yield",
    "compl",
    "complex",
    "concept",
    "const",
    "const_cast",
    "consteval",
    "constexpr",
    "constinit",
    "continue",
    "decltype",
    "default",
    "delete",
    "do",
    "double",
    "dynamic_cast",
    "else",
    "enum",
    "errno",
    "explicit",
    "export",
    "extern",
    "false",
    "float",
    "for",
    "friend",
    "goto",
    "if",
    "imaginary",
    "inline",
    "int",
    "linux",
    "long",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "offsetof",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "register",
    "reinterpret_cast",
    "requires",
    "restrict",
    "return",
    "setjmp",
    "short",
    "signed",
    "sizeof",
    "static",
    "static_assert",
    "static_cast",
    "stderr",
    "stdin",
    "stdout",
    "struct",
    "switch",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typedef",
    "typeid",
    "typename",
    "union",
    "unix",
    "unsigned",
    "using",
    "va_arg",
    "va_end",
    "va_start",
    "virtual",
    "void",
    "volatile",
    "wchar_t",
    "while",
    "x",
    "xor",
    "xor_eq",
};

static int gen_strcmp_p(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static bool gen_is_reserved(const char *s)
{
    return bsearch(s, gen_reserved, sizeof gen_reserved / sizeof gen_reserved[0],
                   sizeof gen_reserved[0], gen_strcmp_p) != NULL;
}

/* A C identifier for a CIM name: bytes other than [A-Za-z0-9_] become _xHH, a keyword or macro
 * name gets a trailing underscore. */
void gen_ident(char *out, size_t outlen, const char *name)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)name;
    for (; *p && n + 5 < outlen; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
            (*p >= '0' && *p <= '9' && n > 0))
            out[n++] = (char)*p;
        else
            n += (size_t)snprintf(out + n, outlen - n, "_x%02X", *p);
    }
    out[n] = '\0';
    if (gen_is_reserved(out) && n + 1 < outlen) {
        out[n++] = '_';
        out[n] = '\0';
    }
}

static const char *gen_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The file named in banners: as given when relative, its basename when absolute. */
static void gen_source_name(char *out, size_t outlen, const char *path)
{
    const char *p = path[0] == '/' ? gen_basename(path) : path;
    size_t n = 0;
    /* Keep the comment a comment. */
    for (; *p && n + 1 < outlen; p++)
        out[n++] = (p[0] == '*' && p[1] == '/') ? '_' : *p;
    out[n] = '\0';
}

/* ---- output -------------------------------------------------------------------------------- */

static gen_file *gen_new_file(gen_ctx *c, const char *name)
{
    gen_file *f;
    if (c->nfiles == c->capfiles) {
        size_t cap = c->capfiles ? c->capfiles * 2 : 64;
        gen_file *nf = realloc(c->files, cap * sizeof *nf);
        if (!nf) {
            c->failed = true;
            return NULL;
        }
        c->files = nf;
        c->capfiles = cap;
    }
    f = &c->files[c->nfiles];
    memset(f, 0, sizeof *f);
    f->name = malloc(strlen(name) + 1);
    if (!f->name) {
        c->failed = true;
        return NULL;
    }
    strcpy(f->name, name);
    c->nfiles++;
    return f;
}

#define GEN_MAXVARS 48

/* Fills template `name` into b with the class-wide variables plus vars. */
static void gen_fill_tpl(gen_ctx *c, gen_buf *b, const char *name, const gen_var *vars,
                         size_t nvars)
{
    gen_var all[GEN_MAXVARS];
    size_t n = 0, i;
    char err[512];
    const char *text;
    if (c->failed)
        return;
    text = gen_template(c->tpl, name);
    if (!text) {
        mof_error(c->d, NULL, "internal error: no template named %s", name);
        c->failed = true;
        return;
    }
    all[n++] = (gen_var){"version", c->version};
    all[n++] = (gen_var){"runtime_version", c->runtime_version};
    all[n++] = (gen_var){"source", c->source};
    if (c->cls) {
        all[n++] = (gen_var){"class", c->cname};
        all[n++] = (gen_var){"cim_class", c->cls->name};
        all[n++] = (gen_var){"namespace", c->cls->ns ? c->cls->ns->name : ""};
        all[n++] = (gen_var){"namespace_c", c->ns_lit};
    }
    for (i = 0; i < nvars && n < GEN_MAXVARS; i++)
        all[n++] = vars[i];
    if (gen_fill(b, name, text, all, n, err, sizeof err) != 0) {
        mof_error(c->d, NULL, "internal error: %s", err);
        c->failed = true;
    }
}

#define GEN_VARS(...) ((const gen_var[]){__VA_ARGS__})
#define GEN_NVARS(...) (sizeof GEN_VARS(__VA_ARGS__) / sizeof(gen_var))
#define FILL(c, b, name, ...)                                                                      \
    gen_fill_tpl((c), (b), (name), GEN_VARS(__VA_ARGS__), GEN_NVARS(__VA_ARGS__))
#define FILL0(c, b, name) gen_fill_tpl((c), (b), (name), NULL, 0)

/* ---- text helpers ------------------------------------------------------------------------- */

/* A C string literal body for s (quotes not included): escapes, octal for what is not
 * printable ASCII, no trigraphs. */
static void gen_cstring(gen_buf *b, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            util_buf_printf(b, "\\%c", ch);
        else if (ch == '?' && i + 1 < len && s[i + 1] == '?')
            util_buf_puts(b, "?\\");
        else if (ch < 0x20 || ch >= 0x7F)
            util_buf_printf(b, "\\%03o", ch);
        else
            util_buf_putn(b, (const char *)&ch, 1);
    }
}

/* Appends a comment: the first sentence of text, cut near 200 characters, wrapped to 100
 * columns, each line starting with indent. */
static void gen_comment(gen_buf *b, const char *indent, const char *prefix, const char *text)
{
    char sent[256];
    size_t n = 0, i, col, ind = strlen(indent);
    const char *p;
    if (prefix)
        for (p = prefix; *p && n + 1 < sizeof sent; p++)
            sent[n++] = *p;
    if (text) {
        while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
            text++;
        for (p = text; *p && n + 4 < sizeof sent - 1 && n < 200; p++) {
            char ch = *p;
            if (ch == '\n' || ch == '\r' || ch == '\t')
                ch = ' ';
            if (ch == ' ' && n > 0 && sent[n - 1] == ' ')
                continue;
            if (ch == '/' && n > 0 && sent[n - 1] == '*')
                ch = '|';
            if (ch == '*' && n > 0 && sent[n - 1] == '/')
                ch = '|';
            if (ch == '?' && n > 0 && sent[n - 1] == '?')
                continue;
            sent[n++] = ch;
            if (ch == '.' && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0')) {
                p++;
                break;
            }
        }
        if (*p && n >= 200) {
            while (n > 0 && sent[n - 1] != ' ')
                n--;
            while (n > 0 && sent[n - 1] == ' ')
                n--;
            memcpy(sent + n, "...", 3);
            n += 3;
        }
    }
    while (n > 0 && sent[n - 1] == ' ')
        n--;
    sent[n] = '\0';
    if (n == 0)
        return;
    /* Wrap at word boundaries; a space goes out only before a word on the same line. */
    util_buf_puts(b, indent);
    util_buf_puts(b, "/* ");
    col = ind + 3;
    i = 0;
    while (i < n) {
        size_t w = i;
        bool first = col == ind + 3;
        while (w < n && sent[w] != ' ')
            w++;
        if (!first && col + 1 + (w - i) + 3 > 100) {
            util_buf_puts(b, "\n");
            util_buf_puts(b, indent);
            util_buf_puts(b, " * ");
            col = ind + 3;
            first = true;
        }
        if (!first) {
            util_buf_putn(b, " ", 1);
            col++;
        }
        util_buf_putn(b, sent + i, w - i);
        col += w - i;
        i = w < n ? w + 1 : w;
    }
    util_buf_puts(b, " */\n");
}

static const char *gen_str_qual(const mof_qualifiers *q, const char *name)
{
    const mof_qualifier *x = mof_quals_find(q, name);
    if (x && x->value && x->value->kind == MOF_V_STRING)
        return x->value->v.str.s;
    return NULL;
}

/* ---- types --------------------------------------------------------------------------------- */

static const char *const gen_field_names[] = {
    "Boolean", "Uint8",  "Sint8",  "Uint16", "Sint16",   "Uint32", "Sint32",    "Uint64",
    "Sint64",  "Real32", "Real64", "Char16", "Datetime", "String", "Reference", "Instance"};
static const char *const gen_mitypes[] = {
    "MI_BOOLEAN",  "MI_UINT8",  "MI_SINT8",     "MI_UINT16",  "MI_SINT16", "MI_UINT32",
    "MI_SINT32",   "MI_UINT64", "MI_SINT64",    "MI_REAL32",  "MI_REAL64", "MI_CHAR16",
    "MI_DATETIME", "MI_STRING", "MI_REFERENCE", "MI_INSTANCE"};
static const char *const gen_members[] = {
    "boolean", "uint8",  "sint8",  "uint16", "sint16",   "uint32", "sint32",    "uint64",
    "sint64",  "real32", "real64", "char16", "datetime", "string", "reference", "instance"};
static const char *const gen_ctypes[] = {"MI_Boolean",  "MI_Uint8",  "MI_Sint8",    "MI_Uint16",
                                         "MI_Sint16",   "MI_Uint32", "MI_Sint32",   "MI_Uint64",
                                         "MI_Sint64",   "MI_Real32", "MI_Real64",   "MI_Char16",
                                         "MI_Datetime", "MI_Char",   "MI_Instance", "MI_Instance"};

/* The names and C spellings that make up one property's or parameter's code. */
typedef struct gen_ptype {
    char field_type[300]; /* MI_ConstUint32Field, or a structure's S_Field */
    char fname[24];      /* Uint32 or Uint32A: the setter shorthand MOFBIND_GEN_P_<fname> */
    char mitype[24];     /* MI_UINT32 or MI_UINT32A */
    char member[24];     /* MI_Value member */
    char ctype[48];      /* the setter's value parameter type */
    char vcast[32];      /* cast of that value into the MI_Value member ("" for scalars) */
    int kind;            /* 0 scalar by value, 1 pointer (string, reference, instance), 2 array */
} gen_ptype;

static void gen_type_of(gen_ptype *t, mof_type type, bool is_array)
{
    unsigned i = (unsigned)type < 16 ? (unsigned)type : MOF_STRING;
    snprintf(t->field_type, sizeof t->field_type, "MI_Const%s%sField", gen_field_names[i],
             is_array ? "A" : "");
    snprintf(t->fname, sizeof t->fname, "%s%s", gen_field_names[i], is_array ? "A" : "");
    snprintf(t->mitype, sizeof t->mitype, "%s%s", gen_mitypes[i], is_array ? "A" : "");
    snprintf(t->member, sizeof t->member, "%s%s", gen_members[i], is_array ? "a" : "");
    if (is_array) {
        t->kind = 2;
        if (type == MOF_STRING) {
            strcpy(t->ctype, "const MI_Char *const *");
            strcpy(t->vcast, "(MI_Char **)");
        } else if (type == MOF_REFERENCE || type == MOF_INSTANCE) {
            strcpy(t->ctype, "const MI_Instance *const *");
            strcpy(t->vcast, "(MI_Instance **)");
        } else {
            snprintf(t->ctype, sizeof t->ctype, "const %s *", gen_ctypes[i]);
            snprintf(t->vcast, sizeof t->vcast, "(%s *)", gen_ctypes[i]);
        }
    } else if (type == MOF_STRING || type == MOF_REFERENCE || type == MOF_INSTANCE) {
        t->kind = 1;
        snprintf(t->ctype, sizeof t->ctype, "const %s *", gen_ctypes[i]);
        snprintf(t->vcast, sizeof t->vcast, "(%s *)", gen_ctypes[i]);
    } else {
        t->kind = 0;
        snprintf(t->ctype, sizeof t->ctype, "%s ", gen_ctypes[i]);
        t->vcast[0] = '\0';
    }
}

/* ---- class selection ----------------------------------------------------------------------- */

typedef struct gen_set {
    const mof_class **v;
    size_t n, cap;
} gen_set;

static bool gen_set_has(const gen_set *s, const mof_class *c)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->v[i] == c)
            return true;
    return false;
}

static bool gen_set_add(gen_set *s, const mof_class *c)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        const mof_class **nv = realloc(s->v, cap * sizeof *nv);
        if (!nv)
            return false;
        s->v = nv;
        s->cap = cap;
    }
    s->v[s->n++] = c;
    return true;
}

/* A class of the namespaces we generate from, by name. */
static const mof_class *gen_find_class(gen_ctx *c, const char *name, const mof_namespace *pref)
{
    size_t i;
    const mof_class *k;
    if (pref && (k = mof_map_get(&pref->classes, name)) != NULL)
        return k;
    if (c->o->ns)
        return NULL;
    for (i = 0; i < c->s->namespaces.n; i++) {
        const mof_namespace *ns = mof_map_at(&c->s->namespaces, i);
        if ((k = mof_map_get(&ns->classes, name)) != NULL)
            return k;
    }
    return NULL;
}

/* Adds cls and what it needs: superclasses, classes its references and embedded instances
 * name (properties and method parameters). */
static bool gen_need(gen_ctx *c, gen_set *sel, const mof_class *cls)
{
    size_t i, j;
    if (!cls || gen_set_has(sel, cls))
        return true;
    if (!gen_set_add(sel, cls))
        return false;
    if (cls->super && !gen_need(c, sel, cls->super))
        return false;
    for (i = 0; i < cls->n_all_props; i++) {
        const mof_property *p = cls->all_props[i];
        const char *other = p->type == MOF_REFERENCE ? p->ref_class : p->embedded_class;
        if (other && !gen_need(c, sel, gen_find_class(c, other, cls->ns)))
            return false;
    }
    for (i = 0; i < cls->n_all_methods; i++) {
        const mof_method *m = cls->all_methods[i];
        const char *ret = m->type == MOF_REFERENCE ? m->ref_class : m->embedded_class;
        if (ret && !gen_need(c, sel, gen_find_class(c, ret, cls->ns)))
            return false;
        for (j = 0; j < m->nparams; j++) {
            const mof_property *p = &m->params[j];
            const char *other = p->type == MOF_REFERENCE ? p->ref_class : p->embedded_class;
            if (other && !gen_need(c, sel, gen_find_class(c, other, cls->ns)))
                return false;
        }
    }
    return true;
}

/* The classes to generate, in schema order (namespaces as first seen, classes as declared). */
static const char *gen_class_name_at(const void *ctx, size_t i)
{
    return mof_map_name_at(ctx, i);
}

static int gen_select(gen_ctx *c, gen_set *out)
{
    gen_set sel = {NULL, 0, 0};
    const mof_namespace *only = NULL;
    size_t i, j;
    int rc = 0;
    if (c->o->ns) {
        only = mof_schema_ns(c->s, c->o->ns);
        if (!only) {
            mof_error(c->d, NULL, "no namespace %s in the input", c->o->ns);
            return -1;
        }
    }
    for (i = 0; i < c->o->nclasses; i++) {
        const mof_class *k = gen_find_class(c, c->o->classes[i], only);
        if (!k) {
            const char *hint = NULL;
            for (j = 0; j < c->s->namespaces.n && !hint; j++) {
                const mof_namespace *ns = mof_map_at(&c->s->namespaces, j);
                if (!only || ns == only)
                    hint = mof_suggest(c->o->classes[i], ns->classes.n, gen_class_name_at,
                                       &ns->classes);
            }
            if (hint)
                mof_error(c->d, NULL, "--class %s: no such class in the input (did you mean "
                          "%s?)", c->o->classes[i], hint);
            else
                mof_error(c->d, NULL, "--class %s: no such class in the input",
                          c->o->classes[i]);
            rc = -1;
            continue;
        }
        if (!gen_need(c, &sel, k)) {
            rc = -1;
            mof_error(c->d, NULL, "out of memory");
            break;
        }
    }
    for (i = 0; rc == 0 && i < c->s->namespaces.n; i++) {
        const mof_namespace *ns = mof_map_at(&c->s->namespaces, i);
        if (only && ns != only)
            continue;
        for (j = 0; j < ns->classes.n; j++) {
            const mof_class *k = mof_map_at(&ns->classes, j);
            if (!c->o->all && !gen_set_has(&sel, k))
                continue;
            if (!gen_set_add(out, k)) {
                mof_error(c->d, NULL, "out of memory");
                rc = -1;
                break;
            }
        }
    }
    free(sel.v);
    /* One file per class name: the same name in two namespaces needs --namespace. */
    for (i = 0; rc == 0 && i < out->n; i++)
        for (j = i + 1; j < out->n; j++)
            if (mof_name_eq(out->v[i]->name, out->v[j]->name)) {
                mof_error(c->d, &out->v[j]->loc,
                          "class %s is in namespaces %s and %s; choose one with --namespace",
                          out->v[j]->name, out->v[i]->ns->name, out->v[j]->ns->name);
                rc = -1;
                break;
            }
    return rc;
}

/* ---- per class ---------------------------------------------------------------------------- */

/* Appends item to the macro definition in b, a space before it, continuing the definition on
 * a new line (*col is the current line's length) when the line would pass 100 columns. */
static void gen_macro_item(gen_buf *b, size_t *col, const char *item)
{
    size_t n = strlen(item);
    if (*col + 1 + n + 2 > 100) {
        util_buf_puts(b, " \\\n   ");
        *col = 3;
    }
    util_buf_printf(b, " %s", item);
    *col += 1 + n;
}

/* A table of pointers to the declarations items names (`    &NAME,` lines): `id`, of `type`. */
static void gen_list(gen_buf *b, const char *type, const char *id, const gen_buf *items)
{
    util_buf_printf(b, "static const %s *const %s[] = {\n", type, id);
    util_buf_putn(b, items->data ? items->data : "", items->len);
    util_buf_puts(b, "};\n\n");
}

/* The boolean qualifiers mofbind_gen.h defines, mofbind_gen_q_NAME, with their flavors: a
 * table's qualifier of this name and flavor (true) points there instead of an object of its own
 * (tests/test_generator_rt checks both ends agree). */
static const char *const gen_shared_quals[][2] = {
    {"Key", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"Association", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"In", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"Out", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"Required", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"Abstract", "MI_FLAG_ENABLEOVERRIDE | MI_FLAG_RESTRICTED"},
    {"Indication", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
    {"EmbeddedObject", "MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS"},
};

/* Emits the qualifier table of one feature under `id`; returns the number emitted (the table
 * is `id` when > 0). */
static unsigned gen_quals(gen_ctx *c, gen_buf *b, const char *id, const mof_qualifiers *qs)
{
    size_t k;
    unsigned n = 0;
    char qid[600], flavor[160];
    gen_buf items = {NULL, 0, 0, false};
    for (k = 0; midecl_qualifiers[k]; k++) {
        const mof_qualifier *q = midecl_qualifier(qs, k);
        if (!q)
            continue;
        snprintf(qid, sizeof qid, "%s_%s_qual", id, midecl_qualifiers[k]);
        midecl_flags_text(flavor, sizeof flavor, midecl_qualifier_flavor(q));
        if (q->value && q->value->kind == MOF_V_STRING) {
            util_buf_truncate(&c->scratch, 0);
            gen_cstring(&c->scratch, q->value->v.str.s, q->value->v.str.len);
            if (c->scratch.failed)
                c->failed = true;
            util_buf_printf(b, "static const MI_Char *const %s_value = MI_T(\"%s\");\n", qid,
                            c->scratch.data ? c->scratch.data : "");
            util_buf_printf(b,
                            "static const MI_Qualifier %s = {\n    MI_T(\"%s\"), MI_STRING, %s, "
                            "&%s_value};\n",
                            qid, midecl_qualifiers[k], flavor, qid);
        } else {
            size_t s;
            for (s = 0; s < sizeof gen_shared_quals / sizeof gen_shared_quals[0]; s++)
                if (strcmp(gen_shared_quals[s][0], midecl_qualifiers[k]) == 0 &&
                    strcmp(gen_shared_quals[s][1], flavor) == 0 &&
                    (!q->value || (q->value->kind == MOF_V_BOOL && q->value->v.b)))
                    break;
            if (s < sizeof gen_shared_quals / sizeof gen_shared_quals[0]) {
                util_buf_printf(&items, "    &mofbind_gen_q_%s,\n", midecl_qualifiers[k]);
                n++;
                continue;
            }
            if (!c->true_emitted) {
                util_buf_printf(b, "static const MI_Boolean %s_true_ = MI_TRUE;\n\n", c->cname);
                c->true_emitted = true;
            }
            util_buf_printf(b,
                            "static const MI_Qualifier %s = {\n    MI_T(\"%s\"), MI_BOOLEAN, %s, "
                            "&%s_true_};\n",
                            qid, midecl_qualifiers[k], flavor, c->cname);
        }
        util_buf_printf(&items, "    &%s,\n", qid);
        n++;
    }
    if (n)
        gen_list(b, "MI_Qualifier", id, &items);
    if (items.failed)
        c->failed = true;
    util_buf_free(&items);
    return n;
}

/* The field comment: markers, then the Description's first sentence (with_desc; an inherited
 * field's description is its declaring class's, in that class's header). sn: the C name of the
 * MOF 3 structure whose C struct the field is (gen_sfield), or NULL; holds_self: the field is
 * typed by a structure but stays an embedded instance (gen_struct_holds). */
static void gen_field_doc(gen_buf *b, const char *indent, const mof_property *p, bool with_desc,
                          const char *sn, bool holds_self)
{
    char pre[300];
    size_t n = 0;
    const char *desc = with_desc ? gen_str_qual(&p->quals, "Description") : NULL;
    pre[0] = '\0';
    if (p->flags & MOF_F_KEY)
        n += (size_t)snprintf(pre + n, sizeof pre - n, "[Key] ");
    if ((p->flags & MOF_F_REQUIRED) && n < sizeof pre)
        n += (size_t)snprintf(pre + n, sizeof pre - n, "[Required] ");
    if (p->type == MOF_REFERENCE && n < sizeof pre)
        n += (size_t)snprintf(pre + n, sizeof pre - n, "[%.100s REF] ",
                              p->ref_class ? p->ref_class : "object");
    if (p->type == MOF_INSTANCE && n < sizeof pre) {
        if (sn) /* what the field is now; on the wire still an embedded instance */
            n += (size_t)snprintf(pre + n, sizeof pre - n, "[%s %.100s] ",
                                  p->is_array ? "array of structure" : "structure", sn);
        else if (p->embedded_class)
            n += (size_t)snprintf(pre + n, sizeof pre - n, "[EmbeddedInstance %.100s%s] ",
                                  p->embedded_class,
                                  holds_self ? ": a structure that would hold itself" : "");
        else
            n += (size_t)snprintf(pre + n, sizeof pre - n, "[EmbeddedObject] ");
    }
    if (p->is_array && p->array_size && n < sizeof pre)
        snprintf(pre + n, sizeof pre - n, "[at most %u] ", (unsigned)p->array_size);
    if (!desc) {
        /* markers alone */
        size_t k = strlen(pre);
        while (k && pre[k - 1] == ' ')
            pre[--k] = '\0';
        if (k)
            gen_comment(b, indent, pre, NULL);
        return;
    }
    gen_comment(b, indent, pre, desc);
}

/* A C literal for the integer (neg, mag) of type t. */
static void gen_int_literal(char *out, size_t len, mof_type t, bool neg, unsigned long long mag)
{
    bool wide = t == MOF_UINT64 || t == MOF_SINT64;
    if (!neg) {
        bool is_unsigned = t == MOF_UINT8 || t == MOF_UINT16 || t == MOF_UINT32 ||
                           t == MOF_UINT64 || t == MOF_BOOLEAN;
        snprintf(out, len, "%llu%s", mag, is_unsigned ? (wide ? "ULL" : "u") : (wide ? "LL" : ""));
    } else if (mag == 0x8000000000000000ull || mag == 0x80000000ull) {
        snprintf(out, len, "(-%llu%s - 1)", mag - 1, wide ? "LL" : "");
    } else {
        snprintf(out, len, "(-%llu%s)", mag, wide ? "LL" : "");
    }
}

/* Named constants from ValueMap/Values of an integer or string property (which ones:
 * mof_valuemap_each; the resolver warns about the entries that get none). */
typedef struct gen_vm_ctx {
    gen_ctx *c;
    gen_buf *b;
    const mof_property *p;
    const char *pname;
} gen_vm_ctx;

static void gen_valuemap_one(void *ctx, const mof_vmconst *k)
{
    gen_vm_ctx *x = ctx;
    gen_ctx *c = x->c;
    char val[300];
    if (k->lost)
        return;
    if (x->p->type == MOF_STRING) {
        util_buf_truncate(&c->scratch, 0);
        gen_cstring(&c->scratch, k->str, k->len);
        snprintf(val, sizeof val, "MI_T(\"%s\")", c->scratch.data ? c->scratch.data : "");
    } else {
        gen_int_literal(val, sizeof val, x->p->type, k->neg, (unsigned long long)k->mag);
    }
    util_buf_printf(x->b, "#define %s_%s_%s %s\n", c->cname, x->pname, k->id, val);
}

static void gen_valuemap(gen_ctx *c, gen_buf *b, const mof_property *p, const char *pname)
{
    gen_vm_ctx x;
    x.c = c;
    x.b = b;
    x.p = p;
    x.pname = pname;
    if (mof_valuemap_each(p, gen_valuemap_one, &x) == -2)
        c->failed = true;
}

/* ---- MOF 3 structures as C structs ---------------------------------------------------------- */

static const mof_class *gen_find_class(gen_ctx *c, const char *name, const mof_namespace *pref);
static bool gen_selected(const gen_ctx *c, const mof_class *k);

/* Whether owner can be reached from the structure s (s is owner or derives from it, or one of
 * s's structure-typed properties reaches it): owner's field of s could then not be s itself, as
 * a C struct cannot hold itself. Any path counts, whether or not the structures on it embed
 * their fields by value, so the answer is the same from either end of a cycle. seen: the
 * structures already walked from this question's start; one seen again reaches nothing new (a
 * cycle of its own, or a part of the graph already walked: each is walked once). */
static bool gen_struct_reaches(gen_ctx *c, const mof_class *s, const mof_class *owner,
                               gen_set *seen)
{
    const mof_class *k;
    size_t i;
    for (k = s; k; k = k->super)
        if (k == owner)
            return true;
    if (gen_set_has(seen, s))
        return false;
    if (!gen_set_add(seen, s))
        return true; /* out of memory: the embedded-instance field is always safe */
    for (i = 0; i < s->n_all_props; i++) {
        const mof_property *p = s->all_props[i];
        const mof_class *t;
        if (p->type != MOF_INSTANCE || !p->embedded_class)
            continue;
        t = gen_find_class(c, p->embedded_class, s->ns);
        if (t && (t->flags & MOF_C_STRUCTURE) && gen_struct_reaches(c, t, owner, seen))
            return true;
    }
    return false;
}

static bool gen_struct_holds(gen_ctx *c, const mof_class *s, const mof_class *owner)
{
    gen_set seen = {NULL, 0, 0};
    bool r = gen_struct_reaches(c, s, owner, &seen);
    free(seen.v);
    return r;
}

/* The MOF 3 structure typing p (a property of owner, or with owner NULL a parameter or the
 * return of a method of the class being generated), or NULL. */
static const mof_class *gen_structure_of(gen_ctx *c, const mof_property *p, const mof_class *owner)
{
    const mof_class *k;
    if (p->type != MOF_INSTANCE || !p->embedded_class || (!owner && !c->cls))
        return NULL;
    k = gen_find_class(c, p->embedded_class, owner ? owner->ns : c->cls->ns);
    return k && (k->flags & MOF_C_STRUCTURE) ? k : NULL;
}

/* The MOF 3 structure whose C struct is the field of property p in owner's struct (its C name
 * into sn), or NULL when p is another field: a property typed by a structure being generated,
 * which does not hold owner itself (that one stays an embedded-instance field: a C struct
 * cannot hold itself). owner NULL: p is a parameter (or the return) of a method of the class
 * being generated, in the method's _In or _Out struct, which no structure holds. */
static const mof_class *gen_sfield(gen_ctx *c, const mof_property *p, const mof_class *owner,
                                   char *sn, size_t snlen)
{
    const mof_class *k = gen_structure_of(c, p, owner);
    if (!k || !gen_selected(c, k) || (owner && gen_struct_holds(c, k, owner)))
        return NULL;
    if (sn)
        gen_ident(sn, snlen, k->name);
    return k;
}

/* The struct of a class, or of a method's parameters; fields of the given properties. */
static void gen_struct_fields(gen_ctx *c, gen_buf *b, const mof_property *const *props, size_t n,
                              const mof_class *cls)
{
    size_t i;
    const mof_class *origin_shown = NULL;
    for (i = 0; i < n; i++) {
        const mof_property *p = props[i];
        gen_ptype t;
        char field[300], sn[256];
        gen_buf doc = {NULL, 0, 0, false};
        /* A note where the properties inherited from each superclass begin. */
        if (cls && p->origin && p->origin != cls && p->origin != origin_shown) {
            char note[300];
            snprintf(note, sizeof note, "Inherited from %.120s: see %.120s.h", p->origin->name,
                     p->origin->name);
            gen_comment(&doc, "    ", note, NULL);
            origin_shown = p->origin;
        } else if (cls && p->origin == cls && i == 0) {
            origin_shown = cls; /* a class with no inherited property before: no note */
        } else if (cls && p->origin == cls && origin_shown != cls) {
            char note[300];
            snprintf(note, sizeof note, "Declared by %.200s", cls->name);
            gen_comment(&doc, "    ", note, NULL);
            origin_shown = cls;
        }
        gen_type_of(&t, p->type, p->is_array);
        if (gen_sfield(c, p, cls, sn, sizeof sn)) /* the structure's own C type */
            snprintf(t.field_type, sizeof t.field_type, "%s%s", sn,
                     p->is_array ? "_AField" : "_Field");
        else
            sn[0] = '\0';
        gen_field_doc(&doc, "    ", p, !cls || midecl_declarer(cls, p) == cls, sn[0] ? sn : NULL,
                      !sn[0] && gen_structure_of(c, p, cls));
        gen_ident(field, sizeof field, p->name);
        util_buf_printf(b, "%s    %s %s;\n", doc.data ? doc.data : "", t.field_type, field);
        if (doc.failed)
            c->failed = true;
        util_buf_free(&doc);
    }
}

static bool gen_selected(const gen_ctx *c, const mof_class *k)
{
    return k && c->sel && gen_set_has(c->sel, k);
}

/* ---- MOF 3 enumerations ------------------------------------------------------------------ */

/* The C name of an enumeration: its schema name, Outer_Name for one local to a class or
 * structure. */
static void gen_enum_name(char *out, size_t len, const mof_enum *e)
{
    gen_ident(out, len, e->name);
}

/* A C enum holds int values only (C99 6.7.2.2); a wider enumeration stays its base type. */
static bool gen_enum_is_c(const mof_enum *e)
{
    size_t i;
    if (e->type == MOF_STRING)
        return true;
    for (i = 0; i < e->n_all_items; i++) {
        const mof_enum_item *it = e->all_items[i];
        if (it->neg ? it->mag > 2147483648ull : it->mag > 2147483647ull)
            return false;
    }
    return true;
}

/* The enumeration a property or parameter's setter takes (an array's: an array of it), or
 * NULL. */
static const mof_enum *gen_prop_enum(const mof_property *p)
{
    const mof_enum *e = (p->flags & MOF_F_ENUM) ? p->enum_decl : NULL;
    return e && gen_enum_is_c(e) ? e : NULL;
}

/* An enumeration's C declaration, guarded so that every header that uses it may carry it. */
static void gen_enum_decl(gen_ctx *c, gen_buf *h, const mof_enum *e)
{
    char en[300], iname[300], val[64];
    gen_buf items = {NULL, 0, 0, false}, strs = {NULL, 0, 0, false};
    size_t i;
    bool str = e->type == MOF_STRING;
    /* strs: a string enumeration's strings by position, or an integer one's constants (for
     * _IsValid) */
    gen_enum_name(en, sizeof en, e);
    for (i = 0; i < e->n_all_items; i++) {
        const mof_enum_item *it = e->all_items[i];
        gen_ident(iname, sizeof iname, it->name);
        if (str) {
            snprintf(val, sizeof val, "%zu", i);
            util_buf_printf(&strs, "%sMI_T(\"", i ? ", " : "");
            gen_cstring(&strs, it->str ? it->str : it->name,
                        strlen(it->str ? it->str : it->name));
            util_buf_puts(&strs, "\")");
        } else {
            if (it->neg && it->mag == 2147483648ull)
                snprintf(val, sizeof val, "(-2147483647 - 1)");
            else
                snprintf(val, sizeof val, "%s%llu", it->neg ? "-" : "",
                         (unsigned long long)it->mag);
            util_buf_printf(&strs, "%s%s_%s", i ? ", " : "", en, iname);
        }
        util_buf_printf(&items, "    %s_%s = %s,\n", en, iname, val);
    }
    FILL(c, h, str ? "enum_string_h" : "enum_h", {"enum", en},
         {"cim_enum", e->local_name ? e->local_name : e->name},
         {"items", items.data ? items.data : ""}, {"strings", strs.data ? strs.data : ""},
         {"values", strs.data ? strs.data : ""});
    if (items.failed || strs.failed)
        c->failed = true;
    util_buf_free(&items);
    util_buf_free(&strs);
}

/* Adds e to list (n entries, room for cap) unless it is NULL or listed already. */
static void gen_list_add(const void **list, size_t *n, size_t cap, const void *e)
{
    size_t k;
    for (k = 0; e && k < *n && list[k] != e; k++)
        ;
    if (e && k == *n && *n < cap)
        list[(*n)++] = e;
}

/* The enumerations a class's header declares: those local to it, and those typing the
 * properties and parameters it declares (an inherited one is in its declarer's header). */
static void gen_enums(gen_ctx *c, gen_buf *h, const mof_class *cls)
{
    const void **done;
    size_t ndone = 0, cap = 0, i, j;
    const mof_namespace *ns = cls->ns;
    if (ns)
        cap += ns->enums.n;
    cap += cls->nprops;
    for (i = 0; i < cls->nmethods; i++)
        cap += cls->methods[i].nparams + 1; /* and its return */
    if (!cap)
        return;
    done = calloc(cap, sizeof *done);
    if (!done) {
        c->failed = true;
        return;
    }
    for (i = 0; ns && i < ns->enums.n; i++) {
        const mof_enum *e = mof_map_at(&ns->enums, i);
        if (e && e->outer && strcmp(e->outer, cls->name) == 0 && gen_enum_is_c(e))
            done[ndone++] = e;
    }
    for (i = 0; i <= cls->nmethods; i++) {
        const mof_property *ps = i == 0 ? cls->props : cls->methods[i - 1].params;
        size_t n = i == 0 ? cls->nprops : cls->methods[i - 1].nparams;
        for (j = 0; j < n; j++)
            gen_list_add(done, &ndone, cap, gen_prop_enum(&ps[j]));
    }
    for (i = 0; i < cls->nmethods; i++) {
        const mof_method *m = &cls->methods[i];
        const mof_enum *e = (m->flags & MOF_F_ENUM) ? m->enum_decl : NULL;
        gen_list_add(done, &ndone, cap, e && gen_enum_is_c(e) ? e : NULL);
    }
    for (i = 0; i < ndone; i++)
        gen_enum_decl(c, h, (const mof_enum *)done[i]);
    free(done);
}

/* What one property's or IN parameter's setters are: the shorthand MOFBIND_GEN_P_<macro>, its
 * arguments after the property's name, the prototype's template and value type. A scalar typed
 * by an enumeration takes the enumeration (ENUM, or SENUM for a string one), an array an array
 * of it (ENUMA, SENUMA). */
typedef struct gen_setter {
    const char *tpl;
    char macro[32];
    char args[700];
    char ctype[320];
} gen_setter;

static void gen_setter_of(gen_ctx *c, const mof_class *owner, const mof_property *p, gen_setter *s)
{
    static const char *const tpl[] = {"setter_proto_h", "setter_proto_ptr_h",
                                      "setter_proto_array_h"};
    gen_ptype t;
    char field[300], en[300], sn[256];
    const mof_enum *e = gen_prop_enum(p);
    gen_type_of(&t, p->type, p->is_array);
    gen_ident(field, sizeof field, p->name);
    if (gen_sfield(c, p, owner, sn, sizeof sn)) {
        s->tpl = tpl[p->is_array ? 2 : 0];
        snprintf(s->macro, sizeof s->macro, "STRUCT%s", p->is_array ? "A" : "");
        snprintf(s->args, sizeof s->args, "%s, %s", field, sn);
        snprintf(s->ctype, sizeof s->ctype, "const %s *", sn);
    } else if (e) {
        gen_enum_name(en, sizeof en, e);
        s->tpl = p->is_array ? "setter_proto_enum_array_h" : tpl[0];
        snprintf(s->macro, sizeof s->macro, "%s%s", p->type == MOF_STRING ? "SENUM" : "ENUM",
                 p->is_array ? "A" : "");
        snprintf(s->args, sizeof s->args, "%s, %s, %s", field, en, t.mitype);
        snprintf(s->ctype, sizeof s->ctype, "%s ", en);
    } else {
        s->tpl = tpl[t.kind];
        snprintf(s->macro, sizeof s->macro, "%s", t.fname);
        snprintf(s->args, sizeof s->args, "%s", field);
        snprintf(s->ctype, sizeof s->ctype, "%s", t.ctype);
    }
}

/* The generated class that a scalar reference or embedded instance p names, when it is one of
 * the classes being generated (its C name into kn); NULL otherwise. */
static const mof_class *gen_other_class(gen_ctx *c, const mof_property *p,
                                        const mof_namespace *ns, char *kn, size_t knlen)
{
    const char *other = p->type == MOF_REFERENCE  ? p->ref_class
                        : p->type == MOF_INSTANCE ? p->embedded_class
                                                  : NULL;
    const mof_class *k;
    if (!other || p->is_array)
        return NULL;
    k = gen_find_class(c, other, ns);
    if (!gen_selected(c, k))
        return NULL;
    gen_ident(kn, knlen, k->name);
    return k;
}

/* owner_SetFrom_P for a scalar reference or embedded instance p of a generated class. */
static void gen_setter_from(gen_ctx *c, gen_buf *h, const char *owner, const mof_property *p,
                            const mof_namespace *ns, const mof_class *owner_cls)
{
    gen_ptype t;
    char field[300], kn[256];
    if (!gen_other_class(c, p, ns, kn, sizeof kn) || gen_sfield(c, p, owner_cls, NULL, 0))
        return;
    gen_type_of(&t, p->type, p->is_array);
    gen_ident(field, sizeof field, p->name);
    FILL(c, h, "setter_from_h", {"owner", owner}, {"prop", p->name}, {"other", kn},
         {"field", field}, {"mitype", t.mitype},
         {"mode", p->type == MOF_REFERENCE ? "MOFBIND_GEN_KEYS" : "MOFBIND_GEN_ALL"});
}

/* The setters of a method's IN struct (owner D_M_In), as a class's property setters: the
 * prototypes, then one MOFBIND_GEN_P_<type> line per parameter, then SetFrom. */
static void gen_param_setters(gen_ctx *c, gen_buf *h, const char *owner,
                              const mof_property *const *ps, size_t n)
{
    size_t i;
    gen_setter st;
    for (i = 0; i < n; i++) {
        gen_setter_of(c, NULL, ps[i], &st);
        FILL(c, h, st.tpl, {"owner", owner}, {"prop", ps[i]->name}, {"ctype", st.ctype});
    }
    for (i = 0; i < n; i++) {
        gen_setter_of(c, NULL, ps[i], &st);
        util_buf_printf(h, "MOFBIND_GEN_P_%s(%s, %s, %s)\n", st.macro, owner, ps[i]->name, st.args);
    }
    for (i = 0; i < n; i++)
        gen_setter_from(c, h, owner, ps[i], c->cls->ns, NULL);
}

/* The readers of a method's OUT struct (owner D_M_Out, MIReturn first): owner_Get_P, and
 * owner_GetAs_P for a scalar reference or embedded instance of a generated class (not a MOF 3
 * structure: its field is the structure's C struct, which Get_P points at). */
static void gen_param_getters(gen_ctx *c, gen_buf *h, const char *owner,
                              const mof_property *const *ps, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        gen_ptype t;
        char field[300], kn[256], vt[300], sn[256];
        gen_type_of(&t, ps[i]->type, ps[i]->is_array);
        gen_ident(field, sizeof field, ps[i]->name);
        if (gen_sfield(c, ps[i], NULL, sn, sizeof sn)) {
            snprintf(vt, sizeof vt, "const %s *", sn);
            if (ps[i]->is_array)
                FILL(c, h, "getter_array_h", {"owner", owner}, {"prop", ps[i]->name},
                     {"field", field}, {"ctype", vt}, {"vtype", vt});
            else
                FILL(c, h, "getter_struct_h", {"owner", owner}, {"prop", ps[i]->name},
                     {"field", field}, {"struct", sn});
            continue;
        }
        snprintf(vt, sizeof vt, "%s", t.ctype); /* as a macro argument: no trailing space */
        if (vt[0] && vt[strlen(vt) - 1] == ' ')
            vt[strlen(vt) - 1] = '\0';
        FILL(c, h, t.kind == 2 ? "getter_array_h" : "getter_h", {"owner", owner},
             {"prop", ps[i]->name}, {"field", field}, {"ctype", t.ctype}, {"vtype", vt});
        if (gen_other_class(c, ps[i], c->cls->ns, kn, sizeof kn))
            FILL(c, h, "getter_as_h", {"owner", owner}, {"prop", ps[i]->name},
                 {"field", field}, {"other", kn});
    }
}

/* Whether p's setters differ from those of the superclass's property of that name (an
 * override typed by an enumeration deriving from the superclass's, MOF 3), or p is new. */
static bool gen_setter_new(gen_ctx *c, const mof_class *cls, const mof_property *p)
{
    const mof_property *up = cls->super ? mof_class_prop(cls->super, p->name) : NULL;
    gen_setter a, b;
    if (!up)
        return true;
    gen_setter_of(c, cls, p, &a);
    gen_setter_of(c, cls->super, up, &b);
    return strcmp(a.macro, b.macro) != 0 || strcmp(a.args, b.args) != 0;
}

/* The setters of a class: a list macro X_SETTERS_(C) that names the superclass's list and then
 * one MOFBIND_GEN_P_<type> line per property the class adds (an override keeps its type, so
 * the superclass's line serves it), instantiated for X; a subclass's list starts with X's. So
 * every class has setters for all its properties, each working on the class's own field, and
 * each property is named once. An override whose setter takes another type (MOF 3: typed by an
 * enumeration deriving from the overridden one's) cannot reuse the superclass's line: X's list
 * then names every property itself. Then X_SetFrom_P for every (scalar) reference or embedded
 * instance of a class being generated, inherited ones too: an override may narrow its class. */
static void gen_setters(gen_ctx *c, gen_buf *lines, gen_buf *protos, gen_buf *from,
                        const mof_class *cls, const char *super)
{
    size_t i;
    bool whole = false;
    for (i = 0; cls->super && i < cls->n_all_props && !whole; i++)
        whole = mof_class_prop(cls->super, cls->all_props[i]->name) &&
                gen_setter_new(c, cls, cls->all_props[i]);
    if (cls->super && !whole)
        util_buf_printf(lines, "    %s_SETTERS_(MOFBIND_C_) \\\n", super);
    else if (whole) /* what the template's comment says of the superclass's list */
        util_buf_printf(lines, "    /* %s_SETTERS_'s lines, an override's retyped: */ \\\n",
                        super);
    for (i = 0; i < cls->n_all_props; i++) {
        const mof_property *p = cls->all_props[i];
        gen_setter st;
        bool added = gen_setter_new(c, cls, p);
        if (!added && !whole)
            continue;
        gen_setter_of(c, cls, p, &st);
        util_buf_printf(lines, "    MOFBIND_GEN_P_%s(MOFBIND_C_, %s, %s) \\\n", st.macro, p->name,
                        st.args);
        /* The prototypes of the setters of the properties the class adds or retypes, spelled
         * out so that grep finds them and a compiler's note points at them (the definitions
         * come from the list macro; inherited properties' are named in the superclass's
         * header). */
        if (added)
            FILL(c, protos, st.tpl, {"owner", c->cname}, {"prop", p->name},
                 {"ctype", st.ctype});
    }
    for (i = 0; i < cls->n_all_props; i++)
        gen_setter_from(c, from, c->cname, cls->all_props[i], cls->ns, cls);
}

/* One item of a default (midecl_default) as a C initializer of its type. */
static void gen_value_item(gen_buf *b, mof_type t, const MI_Value *v)
{
    char num[64];
    switch (t) {
    case MOF_BOOLEAN:
        util_buf_puts(b, v->boolean ? "1" : "0");
        return;
    case MOF_UINT8:
        util_buf_printf(b, "%uu", (unsigned)v->uint8);
        return;
    case MOF_SINT8:
        util_buf_printf(b, "%d", (int)v->sint8);
        return;
    case MOF_UINT16:
        util_buf_printf(b, "%uu", (unsigned)v->uint16);
        return;
    case MOF_SINT16:
        util_buf_printf(b, "%d", (int)v->sint16);
        return;
    case MOF_UINT32:
        util_buf_printf(b, "%luu", (unsigned long)v->uint32);
        return;
    case MOF_SINT32: /* the lowest one is not a literal: -2147483648 is -(2147483648) */
        if (v->sint32 == INT32_MIN)
            util_buf_puts(b, "(-2147483647 - 1)");
        else
            util_buf_printf(b, "%ld", (long)v->sint32);
        return;
    case MOF_UINT64:
        util_buf_printf(b, "%lluULL", (unsigned long long)v->uint64);
        return;
    case MOF_SINT64:
        if (v->sint64 == INT64_MIN)
            util_buf_puts(b, "(-9223372036854775807LL - 1)");
        else
            util_buf_printf(b, "%lldLL", (long long)v->sint64);
        return;
    case MOF_REAL32:
    case MOF_REAL64:
        /* Digits enough to read back the same value; always a floating literal. */
        snprintf(num, sizeof num, t == MOF_REAL32 ? "%.9g" : "%.17g",
                 t == MOF_REAL32 ? (double)v->real32 : v->real64);
        util_buf_printf(b, "%s%s%s", num, strpbrk(num, ".e") ? "" : ".0",
                        t == MOF_REAL32 ? "f" : "");
        return;
    case MOF_CHAR16:
        util_buf_printf(b, "%uu", (unsigned)v->char16);
        return;
    case MOF_DATETIME:
        /* C99 and C++ before C++20 initialize only a union's first member: an interval's five
         * fields go through the timestamp's, which has the same layout (eight 32-bit fields);
         * isTimestamp says which one the union holds. */
        if (v->datetime.isTimestamp)
            util_buf_printf(b, "{1, {{%lu, %lu, %lu, %lu, %lu, %lu, %lu, %ld}}}",
                            (unsigned long)v->datetime.u.timestamp.year,
                            (unsigned long)v->datetime.u.timestamp.month,
                            (unsigned long)v->datetime.u.timestamp.day,
                            (unsigned long)v->datetime.u.timestamp.hour,
                            (unsigned long)v->datetime.u.timestamp.minute,
                            (unsigned long)v->datetime.u.timestamp.second,
                            (unsigned long)v->datetime.u.timestamp.microseconds,
                            (long)v->datetime.u.timestamp.utc);
        else
            util_buf_printf(b, "{0, {{%lu, %lu, %lu, %lu, %lu, 0, 0, 0}}}",
                            (unsigned long)v->datetime.u.interval.days,
                            (unsigned long)v->datetime.u.interval.hours,
                            (unsigned long)v->datetime.u.interval.minutes,
                            (unsigned long)v->datetime.u.interval.seconds,
                            (unsigned long)v->datetime.u.interval.microseconds);
        return;
    default: /* MOF_STRING: midecl_default carries no other type */
        util_buf_puts(b, "MI_T(\"");
        gen_cstring(b, v->string, strlen(v->string));
        util_buf_puts(b, "\")");
        return;
    }
}

/* The definitions of p's MOF default as the table carries it (midecl_default), named id, into
 * b; value gets what the MI_PropertyDecl's value field says: "&id", or NULL without one. */
static void gen_default(gen_ctx *c, gen_buf *b, const mof_property *p, const char *id, char *value,
                        size_t len)
{
    MI_Value v;
    void *data;
    int has = midecl_default(p, &v, &data);
    gen_buf init = {NULL, 0, 0, false};
    unsigned i = (unsigned)p->type;
    char ctype[48], atype[48], n[16];
    snprintf(value, len, "NULL");
    if (has < 0)
        c->failed = true;
    if (has <= 0)
        return;
    snprintf(ctype, sizeof ctype, "%s%s", gen_ctypes[i], p->type == MOF_STRING ? " *const" : "");
    snprintf(value, len, "&%s", id);
    if (!p->is_array) {
        gen_value_item(&init, p->type, &v);
        util_buf_printf(b, "static const %s %s = %s;\n", ctype, id, init.data ? init.data : "");
    } else if (v.array.size == 0) {
        snprintf(atype, sizeof atype, "MI_Const%sA", gen_field_names[i]);
        util_buf_printf(b, "static const %s %s = {NULL, 0};\n", atype, id);
    } else {
        MI_Uint32 k;
        size_t es = midecl_item_size(p->type);
        for (k = 0; k < v.array.size; k++) {
            MI_Value item; /* the k-th item in its member of the union (all at offset 0) */
            memset(&item, 0, sizeof item);
            memcpy(&item, (const char *)v.array.data + k * es, es);
            if (k)
                util_buf_puts(&init, ", ");
            gen_value_item(&init, p->type, &item);
        }
        snprintf(atype, sizeof atype, "MI_Const%sA", gen_field_names[i]);
        snprintf(n, sizeof n, "%lu", (unsigned long)v.array.size);
        util_buf_printf(b, "static const %s %s_data[] = {%s};\n", ctype, id,
                        init.data ? init.data : "");
        util_buf_printf(b, "static const %s %s = {%s_data, %s};\n", atype, id, id, n);
    }
    if (init.failed)
        c->failed = true;
    util_buf_free(&init);
    free(data);
}

/* The MI_PropertyDecl or MI_ParameterDecl fields shared by both. */
static void gen_feature_decl(gen_ctx *c, gen_buf *b, const char *tpl, const char *id,
                             const mof_property *p, const char *flags, const char *offset,
                             const char *origin, const char *propagator, const char *value)
{
    char quals[600], nquals[16], code[16], subscript[16], classname[300];
    unsigned nq;
    const char *cn = p->type == MOF_REFERENCE ? p->ref_class : p->embedded_class;
    gen_ptype t;
    snprintf(quals, sizeof quals, "%s_quals", id);
    nq = gen_quals(c, b, quals, &p->quals);
    if (!nq)
        strcpy(quals, "NULL");
    snprintf(nquals, sizeof nquals, "%u", nq);
    snprintf(code, sizeof code, "0x%08Xu", util_name_code(p->name));
    snprintf(subscript, sizeof subscript, "%u", (unsigned)p->array_size);
    if (cn)
        snprintf(classname, sizeof classname, "MI_T(\"%.280s\")", cn);
    else
        strcpy(classname, "NULL");
    gen_type_of(&t, p->type, p->is_array);
    FILL(c, b, tpl, {"id", id}, {"flags", flags}, {"code", code}, {"name", p->name},
         {"quals", quals}, {"nquals", nquals},
         {"mitype", midecl_type_name(midecl_type(p->type, p->is_array))}, {"classname", classname},
         {"subscript", subscript}, {"offset", offset}, {"origin", origin},
         {"propagator", propagator}, {"value", value});
}

/* One method of the class: its functions in the header (MI_INLINE calls of
 * mofbind_gen_invoke with the method's table); for a method the class declares (or
 * overrides), also the parameter structs and, in the source, the tables. An inherited method
 * uses its declaring class's structs and tables. */
static void gen_method(gen_ctx *c, gen_buf *h, gen_buf *src, const mof_method *m, gen_buf *mlist)
{
    char mname[256], mid[600], decl[600], dn[256], in_t[640], out_t[640], buf[640], flags[200];
    const mof_property **ins, **outs;
    size_t nin = 0, nout = 0, i, nsf;
    gen_buf plist = {NULL, 0, 0, false}, offs = {NULL, 0, 0, false};
    bool is_static = (m->flags & MOF_F_STATIC) != 0;
    const mof_class *declarer = midecl_method_declarer(c->cls, m);
    unsigned nparams = 0;
    char nq[16], code[16], sizes[700], nps[16], plist_id[640], item[700], args[1000];
    const char *desc = gen_str_qual(&m->quals, "Description");
    gen_buf doc = {NULL, 0, 0, false};
    mof_property ret;

    ins = calloc(m->nparams + 1, sizeof *ins);
    outs = calloc(m->nparams + 2, sizeof *outs);
    if (!ins || !outs) {
        free(ins);
        free(outs);
        c->failed = true;
        return;
    }
    gen_ident(mname, sizeof mname, m->name);
    gen_ident(dn, sizeof dn, declarer->name);
    snprintf(mid, sizeof mid, "%s_%s", c->cname, mname);
    snprintf(decl, sizeof decl, "%s_%s", dn, mname);
    snprintf(in_t, sizeof in_t, "%s_In", decl);
    snprintf(out_t, sizeof out_t, "%s_Out", decl);

    /* MIReturn first, as a pseudo-parameter of the return type. */
    midecl_return_param(m, &ret);
    outs[nout++] = &ret;
    for (i = 0; i < m->nparams; i++) {
        const mof_property *p = &m->params[i];
        if (p->flags & MOF_F_IN)
            ins[nin++] = p;
        if (p->flags & MOF_F_OUT)
            outs[nout++] = p;
    }
    snprintf(item, sizeof item, "%s_method", decl);
    util_buf_printf(mlist, "    &%s,\n", item);

    if (declarer != c->cls) {
        /* Its functions are the declarer's on this class's struct: named in one line rather
         * than spelled out again in every subclass (the output's size). */
        FILL(c, h, nin ? "method_inherited_in_h" : "method_inherited_h", {"method", mname},
             {"cim_method", m->name}, {"decl", decl}, {"decl_class", dn},
             {"kind", is_static ? (nin ? "SI" : "S") : (nin ? "KI" : "K")});
    } else {
        /* The parameter structs. */
        char pre[600];
        snprintf(pre, sizeof pre, "%s.%s%s", c->cls->name, m->name, desc ? ": " : "");
        gen_comment(&doc, "", pre, desc);
        if (nin) {
            FILL(c, h, "param_struct_begin", {"type", in_t}, {"what", "IN"}, {"method", m->name});
            gen_struct_fields(c, h, ins, nin, NULL);
            util_buf_printf(h, "} %s;\n", in_t);
            FILL(c, h, "method_in_h", {"decl", decl});
            gen_param_setters(c, h, in_t, ins, nin);
        }
        FILL(c, h, "param_struct_begin", {"type", out_t}, {"what", "OUT"}, {"method", m->name});
        gen_struct_fields(c, h, outs, nout, NULL);
        util_buf_printf(h, "} %s;\n", out_t);
        FILL(c, h, "method_out_h", {"decl", decl}, {"cim_method", m->name});
        gen_param_getters(c, h, out_t, outs, nout);

        /* The structure-typed parameters' table (mofbind_gen.h), one entry past the list. */
        for (i = 0, nsf = 0; i <= m->nparams; i++) {
            const mof_property *p = i == 0 ? &ret : &m->params[i - 1];
            char sn[256];
            if (!gen_sfield(c, p, NULL, sn, sizeof sn))
                continue;
            if (!nsf++)
                util_buf_printf(src, "static const mofbind_gen_sfield_ %s_sfields[] = {\n", mid);
            util_buf_printf(src, "    {%zu, offsetof(%s_%s, exists), sizeof(%s), %d, &%s_rtti},\n",
                            i, sn, p->is_array ? "AField" : "Field", sn, p->is_array ? 1 : 0, sn);
        }
        if (nsf)
            util_buf_puts(src, "    {0, 0, 0, 0, NULL}};\n");
        /* Parameter declarations: MIReturn, then the parameters in order. */
        for (i = 0; i <= m->nparams; i++) {
            const mof_property *p = i == 0 ? &ret : &m->params[i - 1];
            char pid[1000], pfield[256], off[1000];
            gen_ident(pfield, sizeof pfield, p->name);
            snprintf(pid, sizeof pid, "%s_%s_param", mid, pfield);
            midecl_flags_text(flags, sizeof flags, midecl_parameter_flags(p));
            if (p->flags & MOF_F_IN)
                snprintf(off, sizeof off, "offsetof(%s, %s)", in_t, pfield);
            else
                snprintf(off, sizeof off, "offsetof(%s, %s)", out_t, pfield);
            gen_feature_decl(c, src, "param_decl", pid, p, flags, off, "", "", "NULL");
            util_buf_printf(&plist, "    &%s,\n", pid);
            if (p->flags & MOF_F_OUT)
                util_buf_printf(&offs, "    offsetof(%s, %s),\n", out_t, pfield);
            nparams++;
        }
        if (nsf)
            util_buf_printf(&plist, "    MOFBIND_GEN_PSFIELDS(%s_sfields),\n", mid);
        else
            util_buf_puts(&plist, "    NULL,\n");
        snprintf(plist_id, sizeof plist_id, "%s_params", mid);
        gen_list(src, "MI_ParameterDecl", plist_id, &plist);
        FILL(c, src, "method_outs", {"id", mid}, {"out_type", out_t},
             {"offsets", offs.data ? offs.data : ""});

        midecl_flags_text(flags, sizeof flags, midecl_method_flags(m));
        snprintf(buf, sizeof buf, "%s_quals", mid);
        {
            unsigned n = gen_quals(c, src, buf, &m->quals);
            snprintf(nq, sizeof nq, "%u", n);
            if (!n)
                strcpy(buf, "NULL");
        }
        snprintf(code, sizeof code, "0x%08Xu", util_name_code(m->name));
        snprintf(sizes, sizeof sizes, "sizeof(%s)", out_t);
        snprintf(nps, sizeof nps, "%u", nparams);
        FILL(c, src, "method_decl", {"id", item}, {"flags", flags}, {"code", code},
             {"name", m->name}, {"quals", buf}, {"nquals", nq}, {"params", plist_id},
             {"nparams", nps}, {"size", sizes},
             {"mitype", midecl_type_name(midecl_type(m->type, m->is_array))},
             {"origin", m->origin ? m->origin->name : c->cls->name}, {"propagator", c->cls->name});
    }

    if (declarer == c->cls) {
        /* The functions: their prototypes, then MOFBIND_GEN_METHOD_<K|KI|S|SI>. */
        snprintf(args, sizeof args, "%s%s%s%s%s%s%s", is_static && !nin ? "" : "\n   ",
                 is_static ? "" : " const ", is_static ? "" : c->cname,
                 is_static ? "" : " *instanceKeys,", nin ? " const " : "", nin ? mid : "",
                 nin ? "_In *in," : "");
        FILL(c, h, "method_h", {"doc", doc.data ? doc.data : ""}, {"method", mname}, {"decl", decl},
             {"kind", is_static ? (nin ? "SI" : "S") : (nin ? "KI" : "K")}, {"args", args});
    }
    if (plist.failed || offs.failed || doc.failed)
        c->failed = true;
    util_buf_free(&plist);
    util_buf_free(&offs);
    util_buf_free(&doc);
    free(ins);
    free(outs);
}

/* The headers of the structures whose C structs are fields of cls's struct or of the
 * parameter structs of the methods it declares (each once), for their types. */
static void gen_struct_includes(gen_ctx *c, gen_buf *b, const mof_class *cls)
{
    const void **seen;
    size_t n = 0, cap = cls->n_all_props, i, j;
    for (i = 0; i < cls->n_all_methods; i++)
        cap += cls->all_methods[i]->nparams + 1;
    if (!cap)
        return;
    seen = calloc(cap, sizeof *seen);
    if (!seen) {
        c->failed = true;
        return;
    }
    for (i = 0; i < cls->n_all_props; i++)
        gen_list_add(seen, &n, cap, gen_sfield(c, cls->all_props[i], cls, NULL, 0));
    for (i = 0; i < cls->n_all_methods; i++) {
        const mof_method *m = cls->all_methods[i];
        mof_property ret;
        if (midecl_method_declarer(cls, m) != cls)
            continue; /* its structs are in its declarer's header */
        midecl_return_param(m, &ret);
        gen_list_add(seen, &n, cap, gen_sfield(c, &ret, NULL, NULL, 0));
        for (j = 0; j < m->nparams; j++)
            gen_list_add(seen, &n, cap, gen_sfield(c, &m->params[j], NULL, NULL, 0));
    }
    for (i = 0; i < n; i++)
        if (seen[i] != cls->super)
            util_buf_printf(b, "#include \"%s.h\"\n", ((const mof_class *)seen[i])->name);
    free(seen);
}

/* The typed traversals of an association cls (mofbind_gen.h's MOFBIND_GEN_REFERENCES and
 * MOFBIND_GEN_ASSOCIATORS), for its scalar references to generated classes: References per
 * reference, Associators per other reference, named after the result role alone in a binary
 * association and after both roles (Role_ResultRole) in a wider one. */
static void gen_assoc(gen_ctx *c, gen_buf *h, const mof_class *cls)
{
    const mof_namespace *ns = cls->ns;
    size_t i, j, nrefs = 0;
    bool any = false;
    for (i = 0; i < cls->n_all_props; i++)
        if (cls->all_props[i]->type == MOF_REFERENCE && !cls->all_props[i]->is_array)
            nrefs++;
    for (i = 0; i < cls->n_all_props; i++) {
        const mof_property *p = cls->all_props[i];
        char kn[256], field[300];
        if (p->type != MOF_REFERENCE || !gen_other_class(c, p, ns, kn, sizeof kn))
            continue;
        gen_ident(field, sizeof field, p->name);
        if (!any)
            util_buf_printf(h, "\n/* Through %s from an instance x at one of its references: "
                               "the %s\n * instances that refer to x (References_Role, read "
                               "with %s_EnumerateNext),\n * and the instances at its other "
                               "references (Associators_..., read with their\n * class's "
                               "_EnumerateNext). */\n",
                            c->cname, c->cname, c->cname);
        any = true;
        util_buf_printf(h,
                        "struct %s;\nMI_INLINE void %s_References_%s(MI_Session *session, "
                        "const MI_Char *ns,\n    const struct %s *x, MI_OperationCallbacks "
                        "*callbacks, MI_Operation *op);\nMOFBIND_GEN_REFERENCES(%s, %s, %s, "
                        "MI_T(\"%s\"))\n",
                        kn, c->cname, field, kn, c->cname, field, kn, p->name);
        for (j = 0; j < cls->n_all_props; j++) {
            const mof_property *q = cls->all_props[j];
            char name[700], qf[300];
            if (j == i || q->type != MOF_REFERENCE || q->is_array)
                continue;
            gen_ident(qf, sizeof qf, q->name);
            if (nrefs == 2)
                snprintf(name, sizeof name, "%s", qf);
            else
                snprintf(name, sizeof name, "%s_%s", field, qf);
            util_buf_printf(h,
                            "/* The %s at %s of the %s whose %s is x. */\n"
                            "MI_INLINE void %s_Associators_%s(MI_Session *session, "
                            "const MI_Char *ns,\n    const struct %s *x, "
                            "MI_OperationCallbacks *callbacks, MI_Operation *op);\n"
                            "MOFBIND_GEN_ASSOCIATORS(%s, %s, %s, MI_T(\"%s\"), MI_T(\"%s\"))\n",
                            q->ref_class ? q->ref_class : "instances", q->name, c->cname,
                            p->name, c->cname, name, kn, c->cname, name, kn, p->name, q->name);
        }
    }
}

static void gen_class(gen_ctx *c, const mof_class *cls)
{
    char hname[300], cfile[300], guard[300], super[256], flags[300], code[16], nq[16];
    char nprops[16], nmeth[16], quals_id[300], props_id[300], meths_id[300];
    char superclass[300], superdecl[300];
    gen_file *hf, *cf;
    /* The pieces of the whole-file templates class_h and class_c, in their order. */
    enum {
        INCLUDES,
        ENUMS,
        FIELDS,
        CONSTANTS,
        SETTERS,
        PROTOS,
        SET_FROM,
        UPCASTS,
        EXTERNS,
        OPS,
        METHODS,
        TABLES,
        LAYOUT,
        NPIECES
    };
    gen_buf piece[NPIECES];
    gen_buf plist = {NULL, 0, 0, false}, mlist = {NULL, 0, 0, false};
    gen_buf doc = {NULL, 0, 0, false};
    char last_inherited[256] = ""; /* the layout check's field */
    size_t i, col = 0, nsf;
    const char *desc = gen_str_qual(&cls->quals, "Description");
    bool abstract = (cls->flags & MOF_C_ABSTRACT) != 0;

    memset(piece, 0, sizeof piece);
    c->cls = cls;
    c->true_emitted = false;
    gen_ident(c->cname, sizeof c->cname, cls->name);
    gen_source_name(c->source, sizeof c->source, cls->loc.src ? cls->loc.src->path : "?");
    {
        gen_buf nl;
        const char *ns = cls->ns ? cls->ns->name : "";
        memset(&nl, 0, sizeof nl);
        gen_cstring(&nl, ns, strlen(ns));
        snprintf(c->ns_lit, sizeof c->ns_lit, "%.*s", nl.data ? (int)nl.len : 0,
                 nl.data ? nl.data : "");
        if (nl.failed || nl.len >= sizeof c->ns_lit)
            c->failed = true;
        util_buf_free(&nl);
    }
    snprintf(hname, sizeof hname, "%s.h", cls->name);
    snprintf(cfile, sizeof cfile, "%s.c", cls->name);
    hf = gen_new_file(c, hname);
    cf = hf ? gen_new_file(c, cfile) : NULL;
    if (!hf || !cf)
        return;
    snprintf(guard, sizeof guard, "MOFBIND_GEN_%s_H", c->cname);
    if (cls->super)
        gen_ident(super, sizeof super, cls->super->name);
    else
        super[0] = '\0';

    /* ---- header ---- */
    if (cls->super)
        util_buf_printf(&piece[INCLUDES], "#include \"%s.h\"\n", cls->super->name);
    gen_struct_includes(c, &piece[INCLUDES], cls);
    gen_enums(c, &piece[ENUMS], cls);
    gen_comment(&doc, "", NULL, desc);
    if (cls->n_all_props)
        gen_struct_fields(c, &piece[FIELDS], cls->all_props, cls->n_all_props, cls);
    else
        util_buf_puts(&piece[FIELDS],
                      "    MI_Uint8 mofbind_empty_; /* the class has no properties */\n");
    /* Named constants, X_P_Name, for the properties the class declares (or overrides); an
     * inherited property's are its declaring class's, named in one note per such class. */
    for (i = 0; i < cls->n_all_props; i++) {
        const mof_property *p = cls->all_props[i];
        if (midecl_declarer(cls, p) == cls)
            gen_valuemap(c, &piece[CONSTANTS], p, p->name);
    }
    {
        const mof_class *k;
        for (k = cls->super; k; k = k->super) {
            gen_buf note = {NULL, 0, 0, false}, vm = {NULL, 0, 0, false};
            char dn[256];
            size_t count = 0;
            for (i = 0; i < cls->n_all_props; i++) {
                const mof_property *p = cls->all_props[i];
                if (midecl_declarer(cls, p) != k)
                    continue;
                util_buf_truncate(&vm, 0);
                gen_valuemap(c, &vm, p, p->name);
                if (!vm.len)
                    continue;
                util_buf_printf(&note, "%s%s", count++ ? ", " : "Constants of inherited ", p->name);
            }
            if (count) {
                gen_ident(dn, sizeof dn, k->name);
                util_buf_printf(&note, ": see %s.h (%s_P_Name)", k->name, dn);
                gen_comment(&piece[CONSTANTS], "", NULL, note.data);
            }
            if (note.failed || vm.failed)
                c->failed = true;
            util_buf_free(&note);
            util_buf_free(&vm);
        }
    }
    if (cls->flags & MOF_C_STRUCTURE) /* the field types of a property typed by it */
        FILL(c, &piece[CONSTANTS], "structure_h", {"class", c->cname});
    gen_setters(c, &piece[SETTERS], &piece[PROTOS], &piece[SET_FROM], cls, super);

    /* ---- source: the tables ---- */
    {
        gen_buf *src = &piece[TABLES], ext = {NULL, 0, 0, false};
        size_t nsuper = cls->super ? cls->super->n_all_props : 0, pcol;
        /* The table's list of properties is a macro in the header, X_PROPS_, which begins with
         * the superclass's S_PROPS_ when the class overrides none of S's properties (they are
         * then S's list, in S's order), and names every property's declaration otherwise. */
        bool chain = cls->super && nsuper <= cls->n_all_props;
        for (i = 0; chain && i < nsuper; i++)
            if (midecl_declarer(cls, cls->all_props[i]) == cls ||
                !mof_name_eq(cls->all_props[i]->name, cls->super->all_props[i]->name))
                chain = false;
        util_buf_printf(&plist, "#define %s_PROPS_", c->cname);
        pcol = strlen(c->cname) + 16;
        if (chain) {
            char sp[300];
            snprintf(sp, sizeof sp, "%s_PROPS_", super);
            gen_macro_item(&plist, &pcol, sp);
        }
        /* Property declarations: those this class declares (or overrides); an inherited one
         * is its declaring class's, which sits at the same offset (the layout check). */
        for (i = 0; i < cls->n_all_props; i++) {
            const mof_property *p = cls->all_props[i];
            char pid[600], pf[256], off[600], fl[200], dn[256], vid[600], value[610];
            const mof_class *declarer = midecl_declarer(cls, p);
            gen_ident(pf, sizeof pf, p->name);
            gen_ident(dn, sizeof dn, declarer->name);
            snprintf(pid, sizeof pid, "%s_%s_prop", dn, pf);
            if (!chain || i >= nsuper) {
                char item[610];
                snprintf(item, sizeof item, "&%s,", pid);
                gen_macro_item(&plist, &pcol, item);
            }
            /* The layout check: an inherited field sits where the superclass has it. */
            if (cls->super && mof_class_prop(cls->super, p->name))
                snprintf(last_inherited, sizeof last_inherited, "%s", pf);
            if (declarer != cls)
                continue;
            snprintf(off, sizeof off, "offsetof(%s, %s)", c->cname, pf);
            midecl_flags_text(fl, sizeof fl, midecl_property_flags(p));
            snprintf(vid, sizeof vid, "%s_%s_value", dn, pf);
            gen_default(c, src, p, vid, value, sizeof value);
            gen_feature_decl(c, src, "prop_decl", pid, p, fl, off,
                             p->origin ? p->origin->name : cls->name, cls->name, value);
            /* One declaration of them all, its lines filled up to 100 columns. */
            if (!ext.len) {
                util_buf_puts(&ext, "extern const MI_PropertyDecl ");
                col = 29;
            } else if (col + 2 + strlen(pid) + 1 > 100) {
                util_buf_puts(&ext, ",\n    ");
                col = 4;
            } else {
                util_buf_puts(&ext, ", ");
                col += 2;
            }
            util_buf_puts(&ext, pid);
            col += strlen(pid);
        }
        if (ext.len)
            util_buf_puts(&ext, ";\n");
        util_buf_puts(&plist, "\n");
        util_buf_puts(&piece[EXTERNS], "\n/* The property declarations of this class (its subclasses "
                                       "share them) and the table's list. */\n");
        util_buf_putn(&piece[EXTERNS], ext.data ? ext.data : "", ext.len);
        util_buf_putn(&piece[EXTERNS], plist.data ? plist.data : "", plist.len);
        if (ext.failed)
            c->failed = true;
        util_buf_free(&ext);
        snprintf(props_id, sizeof props_id, "%s_props", c->cname);
        /* The structure fields' table (mofbind_gen.h), one entry past the properties. */
        for (i = 0, nsf = 0; i < cls->n_all_props; i++) {
            const mof_property *p = cls->all_props[i];
            char sn[256];
            if (!gen_sfield(c, p, cls, sn, sizeof sn))
                continue;
            if (!nsf++)
                util_buf_printf(src, "static const mofbind_gen_sfield_ %s_sfields[] = {\n",
                                c->cname);
            util_buf_printf(src, "    {%zu, offsetof(%s_%s, exists), sizeof(%s), %d, &%s_rtti},\n",
                            i, sn, p->is_array ? "AField" : "Field", sn, p->is_array ? 1 : 0, sn);
        }
        if (nsf)
            util_buf_puts(src, "    {0, 0, 0, 0, NULL}};\n");
        if (cls->n_all_props && nsf)
            util_buf_printf(src,
                            "static const MI_PropertyDecl *const %s[] = {%s_PROPS_\n"
                            "    MOFBIND_GEN_SFIELDS(%s_sfields)};\n\n",
                            props_id, c->cname, c->cname);
        else if (cls->n_all_props)
            util_buf_printf(src, "static const MI_PropertyDecl *const %s[] = {%s_PROPS_ NULL};\n\n",
                            props_id, c->cname);
        else
            strcpy(props_id, "NULL");
        /* Methods: their functions go to the header, after the operations. */
        for (i = 0; i < cls->n_all_methods; i++)
            gen_method(c, &piece[METHODS], src, cls->all_methods[i], &mlist);
        snprintf(meths_id, sizeof meths_id, "%s_methods", c->cname);
        if (cls->n_all_methods)
            gen_list(src, "MI_MethodDecl", meths_id, &mlist);
        else
            strcpy(meths_id, "NULL");
        /* The class's qualifiers. */
        snprintf(quals_id, sizeof quals_id, "%s_quals", c->cname);
        {
            unsigned n = gen_quals(c, src, quals_id, &cls->quals);
            snprintf(nq, sizeof nq, "%u", n);
            if (!n)
                strcpy(quals_id, "NULL");
        }
        midecl_flags_text(flags, sizeof flags, midecl_class_flags(cls));
        snprintf(code, sizeof code, "0x%08Xu", util_name_code(cls->name));
        snprintf(nprops, sizeof nprops, "%zu", cls->n_all_props);
        snprintf(nmeth, sizeof nmeth, "%zu", cls->n_all_methods);
        if (cls->super) {
            snprintf(superclass, sizeof superclass, "MI_T(\"%s\")", cls->super->name);
            snprintf(superdecl, sizeof superdecl, "&%s_rtti", super);
        } else {
            strcpy(superclass, "NULL");
            strcpy(superdecl, "NULL");
        }
        if (cls->super && last_inherited[0])
            FILL(c, &piece[LAYOUT], "layout_check", {"super", super}, {"field", last_inherited});
    }

    /* Up-casts to every superclass; the operations. */
    {
        const mof_class *k;
        if (cls->super)
            util_buf_puts(&piece[UPCASTS], "\n/* x as its superclass S: _As_S, _AsConst_S; back: "
                                           "_From_S (mofbind_gen.h). */\n");
        for (k = cls->super; k; k = k->super) {
            char sn[256];
            gen_ident(sn, sizeof sn, k->name);
            util_buf_printf(&piece[UPCASTS], "MOFBIND_GEN_UPCAST(%s, %s)\n", c->cname, sn);
        }
    }
    /* A MOF 3 structure is a value (an embedded instance on the wire), never an instance of a
     * namespace: no operations. */
    if (!(cls->flags & MOF_C_STRUCTURE)) {
        FILL0(c, &piece[OPS], "ops_h");
        FILL0(c, &piece[OPS], abstract ? "abstract_h" : "create_h");
        if (cls->flags & MOF_C_ASSOCIATION)
            gen_assoc(c, &piece[OPS], cls);
    }
    for (i = 0; i < NPIECES; i++)
        if (piece[i].failed)
            c->failed = true;
#define PIECE(k) (piece[k].data ? piece[k].data : "")
    hf = &c->files[c->nfiles - 2]; /* the array may have moved */
    cf = &c->files[c->nfiles - 1];
    FILL(c, &hf->buf, "class_h", {"file", hname}, {"guard", guard}, {"includes", PIECE(INCLUDES)},
         {"enums", PIECE(ENUMS)}, {"doc", doc.data ? doc.data : ""}, {"fields", PIECE(FIELDS)},
         {"constants", PIECE(CONSTANTS)}, {"setters", PIECE(SETTERS)},
         {"setter_prototypes", PIECE(PROTOS)}, {"set_from", PIECE(SET_FROM)},
         {"upcasts", PIECE(UPCASTS)}, {"externs", PIECE(EXTERNS)}, {"operations", PIECE(OPS)},
         {"methods", PIECE(METHODS)});
    FILL(c, &cf->buf, "class_c", {"file", cfile}, {"header", hname}, {"tables", PIECE(TABLES)},
         {"flags", flags}, {"code", code}, {"quals", quals_id}, {"nquals", nq}, {"props", props_id},
         {"nprops", nprops}, {"superclass", superclass}, {"superdecl", superdecl},
         {"methods", meths_id}, {"nmethods", nmeth}, {"layout_check", PIECE(LAYOUT)});
#undef PIECE
    if (plist.failed || mlist.failed || doc.failed || hf->buf.failed || cf->buf.failed)
        c->failed = true;
    for (i = 0; i < NPIECES; i++)
        util_buf_free(&piece[i]);
    util_buf_free(&plist);
    util_buf_free(&mlist);
    util_buf_free(&doc);
    c->cls = NULL;
}

/* ---- writing ------------------------------------------------------------------------------ */

static char *gen_path(const char *dir, const char *name)
{
    size_t n = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
    char *p = malloc(n);
    if (!p)
        return NULL;
    if (dir)
        snprintf(p, n, "%s/%s", dir, name);
    else
        snprintf(p, n, "%s", name);
    return p;
}

/* True when the file at path holds exactly b. */
static bool gen_same(const char *path, const gen_buf *b)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t off = 0, n;
    bool same = true;
    if (!f)
        return false;
    while (same && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (off + n > b->len || memcmp(chunk, b->data + off, n) != 0)
            same = false;
        off += n;
    }
    if (ferror(f))
        same = false;
    fclose(f);
    return same && off == b->len;
}

static int gen_mkdirs(const char *dir, mof_diag *d)
{
    char *p = gen_path(NULL, dir), *s;
    struct stat st;
    if (!p) {
        mof_error(d, NULL, "out of memory");
        return -1;
    }
    for (s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char save = *s;
            *s = '\0';
            if (stat(p, &st) != 0 && mkdir(p, 0777) != 0 && errno != EEXIST) {
                mof_error(d, NULL, "cannot create directory %s: %s", p, strerror(errno));
                free(p);
                return -1;
            }
            *s = save;
            if (!save)
                break;
        }
    }
    free(p);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        mof_error(d, NULL, "%s is not a directory", dir);
        return -1;
    }
    return 0;
}

typedef struct gen_pending {
    char *tmp;
    char *final;
} gen_pending;

/* Writes the files that changed: every one to a temporary file first; only when all are
 * written are they renamed over the outputs. On failure the temporary files are removed and
 * no output is touched. */
static int gen_write_all(gen_file *files, size_t n, mof_diag *d)
{
    gen_pending *pend = calloc(n ? n : 1, sizeof *pend);
    size_t np = 0, i;
    int rc = 0;
    mode_t mask = umask(0);
    umask(mask);
    if (!pend) {
        mof_error(d, NULL, "out of memory");
        return -1;
    }
    for (i = 0; i < n && rc == 0; i++) {
        char *final = gen_path(NULL, files[i].path), *tmp;
        const char *base;
        struct stat st;
        int fd;
        size_t off = 0;
        if (!final) {
            mof_error(d, NULL, "out of memory");
            rc = -1;
            break;
        }
        /* A device, FIFO or directory in the way (-MF /dev/null) is neither read (a FIFO
         * would block) nor replaced by the rename (as root, /dev/null became a file). */
        if (stat(final, &st) == 0 && !S_ISREG(st.st_mode)) {
            mof_error(d, NULL, "cannot write %s: not a regular file", final);
            free(final);
            rc = -1;
            break;
        }
        if (gen_same(final, &files[i].buf)) {
            free(final);
            continue;
        }
        base = gen_basename(final);
        tmp = malloc(strlen(final) + 16);
        if (!tmp) {
            free(final);
            mof_error(d, NULL, "out of memory");
            rc = -1;
            break;
        }
        memcpy(tmp, final, (size_t)(base - final));
        sprintf(tmp + (base - final), ".%s.XXXXXX", base);
        fd = mkstemp(tmp);
        if (fd < 0) {
            mof_error(d, NULL, "cannot create %s: %s", tmp, strerror(errno));
            free(tmp);
            free(final);
            rc = -1;
            break;
        }
        pend[np].tmp = tmp;
        pend[np].final = final;
        np++;
        while (off < files[i].buf.len) {
            ssize_t w = write(fd, files[i].buf.data + off, files[i].buf.len - off);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            off += (size_t)w;
        }
        if (off < files[i].buf.len || fchmod(fd, 0666 & ~mask) != 0) {
            mof_error(d, NULL, "cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            rc = -1;
            break;
        }
        if (close(fd) != 0) {
            mof_error(d, NULL, "cannot write %s: %s", tmp, strerror(errno));
            rc = -1;
            break;
        }
    }
    for (i = 0; i < np; i++) {
        if (rc == 0 && rename(pend[i].tmp, pend[i].final) != 0) {
            mof_error(d, NULL, "cannot rename %s to %s: %s", pend[i].tmp, pend[i].final,
                      strerror(errno));
            rc = -1;
        }
        if (rc != 0)
            unlink(pend[i].tmp);
        free(pend[i].tmp);
        free(pend[i].final);
    }
    free(pend);
    return rc;
}

/* A make-escaped file name. */
static void gen_make_name(gen_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == '\\')
            util_buf_putn(b, "\\", 1);
        if (*s == '$')
            util_buf_putn(b, "$", 1);
        util_buf_putn(b, s, 1);
    }
}

/* "OUTPUTS: INPUTS", every MOF file read (includes too), one name per line; with -MT the
 * targets given instead of the outputs, with -MP an empty rule per input. */
static void gen_deps(gen_ctx *c, gen_buf *b, const char *const *names, size_t n, bool var)
{
    size_t i;
    const mof_source *src;
    for (i = 0; i < c->o->ndep_targets; i++) {
        if (i)
            util_buf_puts(b, " \\\n ");
        gen_make_name(b, c->o->dep_targets[i]);
    }
    for (i = 0; i < n && !c->o->ndep_targets; i++) {
        char *p = gen_path(c->o->outdir, names[i]);
        if (!p) {
            util_buf_fail(b);
            return;
        }
        if (i)
            util_buf_puts(b, " \\\n ");
        gen_make_name(b, p);
        free(p);
    }
    util_buf_puts(b, ":");
    for (src = c->s->unit->sources; src; src = src->next) {
        if (!src->path)
            continue;
        util_buf_puts(b, " \\\n ");
        gen_make_name(b, src->path);
    }
    util_buf_puts(b, "\n");
    /* The outputs as a make variable (-MD): what a Makefile cleans, or waits for, without a
     * list of its own. */
    if (var) {
        util_buf_printf(b, "\n%s =", c->o->dep_var ? c->o->dep_var : "MOFBIND_OUTPUTS");
        for (i = 0; i < n; i++) {
            char *p = gen_path(c->o->outdir, names[i]);
            if (!p) {
                util_buf_fail(b);
                return;
            }
            util_buf_puts(b, " \\\n ");
            gen_make_name(b, p);
            free(p);
        }
        util_buf_puts(b, "\n");
    }
    for (src = c->s->unit->sources; src && c->o->dep_phony; src = src->next) {
        if (!src->path)
            continue;
        util_buf_puts(b, "\n");
        gen_make_name(b, src->path);
        util_buf_puts(b, ":\n");
    }
}

static void gen_versions(gen_ctx *c)
{
    unsigned maj = 0, min = 0;
    sscanf(PACKAGE_VERSION, "%u.%u", &maj, &min);
    snprintf(c->version, sizeof c->version, "%u.%u", maj, min);
    snprintf(c->runtime_version, sizeof c->runtime_version, "%u", maj * 10000 + min * 100);
}

/* ---- providers (--provider, emit_provider.c) -------------------------------------------- */

/* A skeleton (CLASS_Provider.c) lives in --skeleton-dir when one is given. */
static const char *gen_prov_dir(const gen_ctx *c, const char *name)
{
    size_t n = strlen(name);
    bool skeleton = n > 11 && strcmp(name + n - 11, "_Provider.c") == 0;
    return skeleton && c->o->skeleton_dir ? c->o->skeleton_dir : c->o->outdir;
}

static int gen_prov_add(void *ctx, const char *name, const gen_buf *content)
{
    gen_ctx *c = ctx;
    gen_file *f = gen_new_file(c, name);
    if (!f)
        return -1;
    util_buf_putn(&f->buf, content->data ? content->data : "", content->len);
    if (gen_prov_dir(c, name) != c->o->outdir && !(f->path = gen_path(c->o->skeleton_dir, name)))
        return -1;
    return f->buf.failed ? -1 : 0;
}

static bool gen_prov_exists(void *ctx, const char *name)
{
    gen_ctx *c = ctx;
    struct stat st;
    char *path = gen_path(gen_prov_dir(c, name), name);
    bool there = path && stat(path, &st) == 0;
    free(path);
    return there;
}

/* The provider code of the classes named with --class (every class that is not abstract, with
 * --all). */
/* The classes --provider applies to (the caller frees the array), or NULL after an error. */
static const mof_class **gen_provided_classes(gen_ctx *c, const gen_set *sel, size_t *n)
{
    const mof_class **v = calloc(sel->n + 1, sizeof *v);
    size_t i, j;
    *n = 0;
    if (!v) {
        mof_error(c->d, NULL, "out of memory");
        return NULL;
    }
    for (i = 0; i < sel->n; i++) {
        const mof_class *k = sel->v[i];
        bool named = c->o->all;
        for (j = 0; j < c->o->nclasses && !named; j++)
            named = mof_name_eq(c->o->classes[j], k->name);
        if (named && !(k->flags & MOF_C_ABSTRACT))
            v[(*n)++] = k;
    }
    if (*n == 0) {
        mof_error(c->d, NULL,
                  "--provider: the classes named are all abstract: none can have a "
                  "provider");
        free(v);
        return NULL;
    }
    return v;
}

static int gen_provided(gen_ctx *c, const gen_set *sel)
{
    size_t n;
    const mof_class **v = gen_provided_classes(c, sel, &n);
    gen_prov_sink sink = {NULL, gen_prov_add, gen_prov_exists};
    gen_var common[2];
    char err[512];
    int rc;
    if (!v)
        return -1;
    sink.ctx = c;
    common[0] = (gen_var){"version", c->version};
    common[1] = (gen_var){"source", c->source};
    rc = gen_provider(c->tpl, v, n, common, 2, &sink, err, sizeof err);
    if (rc != 0)
        mof_error(c->d, NULL, "%s", err);
    free(v);
    return rc;
}

/* ---- the manifest and the unity source --------------------------------------------------- */

/* A file of the output directory the user owns rather than mofbind: a provider skeleton (when
 * no --skeleton-dir puts it elsewhere). Never listed, never removed. */
static bool gen_users(const gen_file *f)
{
    size_t len = strlen(f->name);
    return f->path || (len > 11 && strcmp(f->name + len - 11, "_Provider.c") == 0);
}

/* --unity-source: one .c including every generated one. */
static void gen_unity(gen_ctx *c)
{
    gen_buf inc = {NULL, 0, 0, false};
    size_t i, n = c->nfiles;
    gen_file *f;
    for (i = 0; i < n; i++) {
        size_t len = strlen(c->files[i].name);
        if (len > 2 && strcmp(c->files[i].name + len - 2, ".c") == 0 && !gen_users(&c->files[i]))
            util_buf_printf(&inc, "#include \"%s\"\n", c->files[i].name);
    }
    f = gen_new_file(c, c->o->unity);
    if (f)
        FILL(c, &f->buf, "unity_c", {"file", c->o->unity},
             {"includes", inc.data ? inc.data : ""});
    if (inc.failed)
        c->failed = true;
    util_buf_free(&inc);
}

/* The manifest holds a section per schema generated into the directory: a line naming the MOF
 * files of the run (as banners name them), then the files that run wrote, a line each. A run
 * rewrites its own section and keeps the others, so that two schemas generated into one
 * directory do not remove each other's files. */
#define GEN_SECTION "# mofbind outputs of"

static void gen_manifest_head(gen_ctx *c, gen_buf *b)
{
    size_t i;
    char name[512];
    util_buf_puts(b, GEN_SECTION);
    for (i = 0; i < c->o->ninputs; i++) {
        gen_source_name(name, sizeof name, c->o->inputs[i]);
        util_buf_printf(b, " %s", name);
    }
    util_buf_puts(b, "\n");
}

/* The previous manifest's text (NULL when there is none). */
static char *gen_read_manifest(gen_ctx *c)
{
    char *path = gen_path(c->o->outdir, GEN_MANIFEST), *text = NULL;
    FILE *fp = path ? fopen(path, "rb") : NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    free(path);
    if (!fp)
        return NULL;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (len + got + 1 > cap) {
            char *nt;
            cap = (len + got + 1) * 2;
            if (!(nt = realloc(text, cap)))
                break;
            text = nt;
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(fp);
    if (text)
        text[len] = '\0';
    return text;
}

/* The sections of a manifest's text: calls each(ctx, head, body, body_len) for each, head
 * being its first line (with the newline). */
static void gen_sections(const char *text,
                         void (*each)(void *, const char *, size_t, const char *, size_t),
                         void *ctx)
{
    const char *p = text;
    while (p && *p) {
        const char *head = p, *body, *end;
        size_t hlen;
        if (strncmp(p, GEN_SECTION, strlen(GEN_SECTION)) != 0)
            return; /* not a manifest of ours: left alone */
        body = strchr(p, '\n');
        body = body ? body + 1 : p + strlen(p);
        hlen = (size_t)(body - head);
        for (end = body; *end && strncmp(end, GEN_SECTION, strlen(GEN_SECTION)) != 0;) {
            const char *nl = strchr(end, '\n');
            end = nl ? nl + 1 : end + strlen(end);
        }
        each(ctx, head, hlen, body, (size_t)(end - body));
        p = end;
    }
}

typedef struct gen_mf {
    gen_ctx *c;
    const gen_buf *head; /* this run's */
    gen_buf *out;        /* the other sections, kept */
    void (*mine)(struct gen_mf *, const char *, size_t); /* this run's old section's body */
} gen_mf;

static bool gen_mf_mine(const gen_mf *m, const char *head, size_t hlen)
{
    return hlen == m->head->len && memcmp(head, m->head->data, hlen) == 0;
}

static void gen_mf_keep(void *ctx, const char *head, size_t hlen, const char *body, size_t blen)
{
    gen_mf *m = ctx;
    if (!gen_mf_mine(m, head, hlen)) {
        util_buf_putn(m->out, head, hlen);
        util_buf_putn(m->out, body, blen);
    }
}

/* True when the lines of body include name. */
static bool gen_lists(const char *body, size_t blen, const char *name)
{
    size_t n = strlen(name);
    const char *p = body, *end = body + blen;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len == n && memcmp(p, name, n) == 0)
            return true;
        p = nl ? nl + 1 : end;
    }
    return false;
}

static void gen_mf_mine_body(void *ctx, const char *head, size_t hlen, const char *body,
                             size_t blen)
{
    gen_mf *m = ctx;
    if (gen_mf_mine(m, head, hlen))
        m->mine(m, body, blen);
}

/* The manifest of this run: its section (each file this run writes into the output directory,
 * not the user's), then the other sections of the old one. */
static void gen_manifest(gen_ctx *c, const char *old)
{
    size_t i, n = c->nfiles;
    gen_buf head = {NULL, 0, 0, false};
    gen_file *f = gen_new_file(c, GEN_MANIFEST);
    gen_mf m;
    if (!f)
        return;
    gen_manifest_head(c, &head);
    util_buf_putn(&f->buf, head.data ? head.data : "", head.len);
    for (i = 0; i < n; i++)
        if (!gen_users(&c->files[i]))
            util_buf_printf(&f->buf, "%s\n", c->files[i].name);
    memset(&m, 0, sizeof m);
    m.c = c;
    m.head = &head;
    m.out = &f->buf;
    if (head.data)
        gen_sections(old, gen_mf_keep, &m);
    if (head.failed)
        util_buf_fail(&f->buf);
    util_buf_free(&head);
}

/* Removes each file this run's old section lists that the run no longer writes and no other
 * section lists: a class gone from the schema (or from --class) leaves no file behind. A name
 * with a directory in it, a hidden one or a provider skeleton is never removed, whatever the
 * manifest says. */
static void gen_remove_one(gen_mf *m, const char *line, size_t len)
{
    char name[1024], *p;
    gen_ctx *c = m->c;
    const gen_file *now = NULL;
    size_t i;
    if (!len || len >= sizeof name)
        return;
    memcpy(name, line, len);
    name[len] = '\0';
    if (name[0] == '.' || name[0] == '#' || strchr(name, '/') ||
        strcmp(name, GEN_MANIFEST) == 0 ||
        (len > 11 && strcmp(name + len - 11, "_Provider.c") == 0))
        return;
    for (i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i].name, GEN_MANIFEST) == 0)
            now = &c->files[i];
    if (!now || gen_lists(now->buf.data, now->buf.len, name))
        return; /* written by this run or listed by another section */
    p = gen_path(c->o->outdir, name);
    if (p && unlink(p) != 0 && errno != ENOENT)
        mof_warning(c->d, NULL, "cannot remove %s, no longer generated: %s", p, strerror(errno));
    free(p);
}

static void gen_remove_lines(gen_mf *m, const char *body, size_t blen)
{
    const char *p = body, *end = body + blen;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        gen_remove_one(m, p, len);
        p = nl ? nl + 1 : end;
    }
}

static void gen_remove_stale(gen_ctx *c, const char *old)
{
    gen_buf head = {NULL, 0, 0, false};
    gen_mf m;
    gen_manifest_head(c, &head);
    memset(&m, 0, sizeof m);
    m.c = c;
    m.head = &head;
    m.mine = gen_remove_lines;
    if (head.data && !head.failed)
        gen_sections(old, gen_mf_mine_body, &m);
    util_buf_free(&head);
}

int mof_generate(const mof_schema *s, const mof_gen_options *o, mof_diag *d)
{
    gen_ctx c;
    gen_set sel = {NULL, 0, 0};
    char *old_manifest = NULL;
    char err[512];
    size_t i;
    int rc = 0;

    memset(&c, 0, sizeof c);
    c.s = s;
    c.o = o;
    c.d = d;
    gen_versions(&c);
    if (gen_select(&c, &sel) != 0) {
        free(sel.v);
        return -1;
    }
    if (sel.n == 0) {
        mof_error(d, NULL, "no class to generate");
        free(sel.v);
        return -1;
    }

    if (o->deps_only) {
        /* The bindings of each class, mofbind_gen.h, and with --provider the provider code
         * (not the skeletons: they are the user's). */
        size_t np = 0, cap, k = 0;
        const mof_class **pv = NULL;
        const char **names;
        char **owned;
        gen_buf b = {NULL, 0, 0, false};
        if (o->provider && !(pv = gen_provided_classes(&c, &sel, &np))) {
            free(sel.v);
            return -1;
        }
        cap = sel.n * 2 + np + 5;
        names = calloc(cap, sizeof *names);
        owned = calloc(cap, sizeof *owned);
        for (i = 0; names && owned && i < sel.n + np && !b.failed; i++) {
            const char *nm = i < sel.n ? sel.v[i]->name : NULL;
            char cname[256];
            size_t len, w;
            if (!nm)
                gen_ident(cname, sizeof cname, pv[i - sel.n]->name);
            len = strlen(nm ? nm : cname) + 13;
            for (w = 0; w < (nm ? 2u : 1u); w++) {
                if (!(owned[k] = malloc(len))) {
                    util_buf_fail(&b);
                    break;
                }
                if (nm)
                    snprintf(owned[k], len, w ? "%s.c" : "%s.h", nm);
                else
                    snprintf(owned[k], len, "%s_Provider.h", cname);
                names[k] = owned[k];
                k++;
            }
        }
        if (!names || !owned)
            util_buf_fail(&b);
        if (!b.failed) {
            if (o->provider) {
                names[k++] = "mofbind_module.c";
                names[k++] = "mofbind_prov.h";
            }
            names[k++] = GEN_SUPPORT;
            if (o->unity)
                names[k++] = o->unity;
            names[k++] = GEN_MANIFEST;
            if (o->print_outputs) {
                for (i = 0; i < k && !b.failed; i++) {
                    char *p = gen_path(o->outdir, names[i]);
                    if (!p)
                        util_buf_fail(&b);
                    else
                        util_buf_printf(&b, "%s\n", p);
                    free(p);
                }
            } else {
                gen_deps(&c, &b, names, k, false);
            }
        }
        if (b.failed) {
            mof_error(d, NULL, "out of memory");
            rc = -1;
        } else {
            fwrite(b.data, 1, b.len, stdout);
            if (fflush(stdout) != 0) {
                mof_error(d, NULL, "cannot write the dependency rules: %s", strerror(errno));
                rc = -1;
            }
        }
        for (i = 0; owned && i < cap; i++)
            free(owned[i]);
        free(owned);
        free(names);
        free(pv);
        util_buf_free(&b);
        free(sel.v);
        return rc;
    }

    c.tpl = gen_templates_load(o->template_dir, err, sizeof err);
    if (!c.tpl) {
        mof_error(d, NULL, "templates: %s", err);
        free(sel.v);
        return -1;
    }
    c.sel = &sel;
    for (i = 0; i < sel.n && !c.failed; i++)
        gen_class(&c, sel.v[i]);
    if (!c.failed) {
        gen_file *f;
        const char *text = gen_template(c.tpl, "mofbind_gen.h");
        gen_source_name(c.source, sizeof c.source, o->ninputs ? o->inputs[0] : "?");
        f = gen_new_file(&c, GEN_SUPPORT);
        if (f && text)
            gen_copy_header(&f->buf, text, c.version, c.source);
        else if (f)
            c.failed = true;
    }
    if (!c.failed && o->provider && gen_provided(&c, &sel) != 0)
        c.failed = true;
    if (!c.failed && o->unity)
        gen_unity(&c);
    if (!c.failed) {
        old_manifest = gen_read_manifest(&c);
        gen_manifest(&c, old_manifest);
    }
    for (i = 0; i < c.nfiles; i++)
        if (c.files[i].buf.failed)
            c.failed = true;
    if (c.scratch.failed) /* a value built there came out empty */
        c.failed = true;
    if (c.failed) {
        if (d->errors == 0)
            mof_error(d, NULL, "out of memory while generating");
        rc = -1;
    }
    if (rc == 0 && gen_mkdirs(o->outdir, d) != 0)
        rc = -1;
    if (rc == 0 && o->provider && o->skeleton_dir && gen_mkdirs(o->skeleton_dir, d) != 0)
        rc = -1;
    if (rc == 0) {
        /* Every output gets its path; the depfile, if any, is one more output. */
        for (i = 0; i < c.nfiles && rc == 0; i++) {
            char *full;
            if (c.files[i].path)
                continue; /* placed already (a skeleton in --skeleton-dir) */
            full = gen_path(o->outdir, c.files[i].name);
            if (!full) {
                mof_error(d, NULL, "out of memory");
                rc = -1;
                break;
            }
            c.files[i].path = full;
        }
    }
    if (rc == 0 && o->depfile) {
        const char **names = calloc(c.nfiles + 1, sizeof *names);
        gen_file *f;
        size_t n = c.nfiles;
        if (names) {
            size_t len;
            for (i = 0, n = 0; i < c.nfiles; i++) {
                len = strlen(c.files[i].name);
                if (o->provider && len > 11 &&
                    strcmp(c.files[i].name + len - 11, "_Provider.c") == 0)
                    continue; /* a skeleton: the user's, not an output */
                names[n++] = c.files[i].name;
            }
        }
        f = names ? gen_new_file(&c, gen_basename(o->depfile)) : NULL;
        if (f) {
            f->path = gen_path(NULL, o->depfile);
            gen_deps(&c, &f->buf, names, n, true);
        }
        free(names);
        if (!f || !f->path || f->buf.failed) {
            mof_error(d, NULL, "out of memory");
            rc = -1;
        }
    }
    if (rc == 0)
        rc = gen_write_all(c.files, c.nfiles, d);
    if (rc == 0)
        gen_remove_stale(&c, old_manifest);
    free(old_manifest);
    for (i = 0; i < c.nfiles; i++) {
        free(c.files[i].name);
        free(c.files[i].path);
        util_buf_free(&c.files[i].buf);
    }
    free(c.files);
    util_buf_free(&c.scratch);
    gen_templates_free(c.tpl);
    free(sel.v);
    return rc;
}
