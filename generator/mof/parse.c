/* SPDX-License-Identifier: MIT */
/* generator/mof/parse.c: reading MOF files into a unit (parse.h): file reading and decoding,
 * #pragma handling (include, namespace ...), and the helpers the grammar's actions call. */
#define _POSIX_C_SOURCE 200809L
#include "parse.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "mof_parser.h"
#include "parse_int.h"
#include "scan.h"
#include "util.h"

int mof_yyparse(void *scanner, mof_pstate *ps);

static bool word_eq(const char *a, const char *b)
{
    return mof_name_eq(a, b);
}

/* ---- diagnostics and memory ---- */

void mof_lex_fatal(mof_lexstate *lx, const char *msg)
{
    mof_pstate *ps = MOF_PSTATE_OF(lx);
    ps->fatal_msg = msg;
    longjmp(ps->fatal, 1);
}

bool mof_lex_stop(const mof_lexstate *lx)
{
    const mof_pstate *ps = MOF_PSTATE_OF(lx);
    return ps->diag && mof_diag_stop(ps->diag);
}

mof_loc mof_p_loc(const mof_pstate *ps, mof_ploc l)
{
    mof_loc loc;
    loc.src = ps->src;
    loc.line = l.line;
    loc.col = l.col;
    return loc;
}

static void vreport(mof_pstate *ps, mof_ploc l, bool error, const char *fmt, va_list ap)
{
    if (!error && ps->diag && ps->diag->strict && ps->lenient)
        error = true;
    mof_loc loc = mof_p_loc(ps, l);
    if (error)
        ps->ctx->errors++;
    if (ps->diag)
        mof_vdiag(ps->diag, &loc, error ? "error" : "warning", fmt, ap);
}

void mof_p_error(mof_pstate *ps, mof_ploc l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(ps, l, true, fmt, ap);
    va_end(ap);
}

void mof_lex_error(mof_lexstate *lx, mof_ploc l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(MOF_PSTATE_OF(lx), l, true, fmt, ap);
    va_end(ap);
}

void mof_p_warning(mof_pstate *ps, mof_ploc l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(ps, l, false, fmt, ap);
    va_end(ap);
}

void mof_p_lenient(mof_pstate *ps, mof_ploc l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps->lenient = true;
    vreport(ps, l, false, fmt, ap);
    ps->lenient = false;
    va_end(ap);
}

void mof_lex_lenient(mof_lexstate *lx, mof_ploc l, const char *fmt, ...)
{
    mof_pstate *ps = MOF_PSTATE_OF(lx);
    va_list ap;
    va_start(ap, fmt);
    ps->lenient = true;
    vreport(ps, l, false, fmt, ap);
    ps->lenient = false;
    va_end(ap);
}

void mof_p_dialect(mof_pstate *ps, mof_ploc l, const char *fmt, ...)
{
    va_list ap;
    if (!ps->diag || !ps->diag->strict)
        return;
    va_start(ap, fmt);
    vreport(ps, l, true, fmt, ap);
    va_end(ap);
}

/* An error with no place in the input (a file that cannot be read). */
static void plain_error(mof_pctx *ctx, const mof_loc *loc, const char *fmt, ...) MOF_PRINTF(3, 4);
static void plain_error(mof_pctx *ctx, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    ctx->errors++;
    if (!ctx->u->diag)
        return;
    va_start(ap, fmt);
    mof_vdiag(ctx->u->diag, loc, "error", fmt, ap);
    va_end(ap);
}

void *mof_p_zalloc(mof_pstate *ps, size_t size)
{
    void *p = mof_zalloc(ps->a, size);
    if (!p)
        ps->nomem = true;
    return p;
}

const char *mof_p_strdup(mof_pstate *ps, const char *s, size_t n)
{
    const char *p = mof_strndup(ps->a, s, n);
    if (!p) {
        ps->nomem = true;
        return "";
    }
    return p;
}

const char *mof_lex_strdup(mof_lexstate *lx, const char *s, size_t n)
{
    return mof_p_strdup(MOF_PSTATE_OF(lx), s, n);
}

void *mof_vec_push(mof_pstate *ps, mof_vec *v)
{
    unsigned char *slot;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        unsigned char *np = realloc(v->p, cap * v->elem);
        if (!np) {
            ps->nomem = true;
            memset(&ps->scratch, 0, sizeof ps->scratch);
            return &ps->scratch;
        }
        v->p = np;
        v->cap = cap;
    }
    slot = v->p + v->n++ * v->elem;
    memset(slot, 0, v->elem);
    return slot;
}

void *mof_vec_take(mof_pstate *ps, mof_vec *v, size_t mark, size_t *n)
{
    void *copy = NULL;
    *n = 0;
    if (mark >= v->n) {
        if (mark <= v->cap)
            v->n = mark < v->n ? mark : v->n;
        return NULL;
    }
    copy = mof_memdup(ps->a, v->p + mark * v->elem, v->n - mark, v->elem);
    if (!copy)
        ps->nomem = true;
    else
        *n = v->n - mark;
    v->n = mark;
    return copy;
}

mof_value *mof_p_value(mof_pstate *ps, mof_vkind kind, mof_ploc l)
{
    mof_value *v = mof_p_zalloc(ps, sizeof *v);
    if (!v) {
        memset(&ps->scratch, 0, sizeof ps->scratch);
        v = &ps->scratch.v;
    }
    v->kind = kind;
    v->loc = mof_p_loc(ps, l);
    return v;
}

mof_qualifiers mof_p_quals(mof_pstate *ps, size_t mark)
{
    mof_qualifiers q;
    q.items = mof_vec_take(ps, &ps->quals, mark, &q.n);
    return q;
}

void mof_p_decl(mof_pstate *ps, mof_decl_kind kind, mof_ploc l, void *what)
{
    mof_decl *d;
    if (!what)
        return;
    d = mof_p_zalloc(ps, sizeof *d);
    if (!d)
        return;
    d->kind = kind;
    d->ns = ps->ctx->ns;
    d->loc = mof_p_loc(ps, l);
    switch (kind) {
    case MOF_D_QUALDECL:
        d->u.qualdecl = what;
        break;
    case MOF_D_CLASS:
        d->u.cls = what;
        break;
    case MOF_D_INSTANCE:
        d->u.inst = what;
        break;
    case MOF_D_ENUM:
        d->u.en = what;
        break;
    case MOF_D_DELETECLASS:
        break;
    }
    mof_unit_append(ps->u, d);
}

/* ---- string and character literals ---- */

bool mof_lex_decode_char(const char **pp, const char *end, uint32_t *cp, const char **bad)
{
    const unsigned char *p = (const unsigned char *)*pp;
    if (*p == '\\' && (const char *)p + 1 < end) {
        unsigned c = p[1];
        p += 2;
        switch (c) {
        case 'b': *cp = '\b'; break;
        case 't': *cp = '\t'; break;
        case 'n': *cp = '\n'; break;
        case 'f': *cp = '\f'; break;
        case 'r': *cp = '\r'; break;
        case '"': *cp = '"'; break;
        case '\'': *cp = '\''; break;
        case '\\': *cp = '\\'; break;
        case 'x':
        case 'X': {
            uint32_t v = 0;
            int nd = 0;
            while (nd < 4 && (const char *)p < end &&
                   ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f'))) {
                v = v * 16 + (uint32_t)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
                p++;
                nd++;
            }
            if (nd == 0) {
                *bad = *pp;
                return false;
            }
            *cp = v;
            break;
        }
        default:
            *bad = *pp;
            return false;
        }
        *pp = (const char *)p;
        return true;
    }
    /* One UTF-8 character (a malformed byte stands for itself). */
    if (*p < 0x80) {
        *cp = *p++;
    } else {
        int n = (*p >= 0xF0) ? 3 : (*p >= 0xE0) ? 2 : (*p >= 0xC0) ? 1 : 0, i;
        uint32_t v = *p & (0x3Fu >> n);
        for (i = 1; i <= n; i++) {
            if ((const char *)p + i >= end || (p[i] & 0xC0) != 0x80)
                break;
            v = (v << 6) | (p[i] & 0x3Fu);
        }
        if (n == 0 || i <= n) {
            *cp = *p++;
        } else {
            *cp = v;
            p += n + 1;
        }
    }
    *pp = (const char *)p;
    return true;
}

static void sbuf_put(mof_pstate *ps, const char *s, size_t n)
{
    util_buf_putn(&ps->lx.sbuf, s, n);
    if (ps->lx.sbuf.failed)
        ps->nomem = true;
}

void mof_lex_string_begin(mof_lexstate *lx, mof_ploc l)
{
    util_buf_reset(&lx->sbuf);
    lx->sloc = l;
}

/* Where the escape at bad starts, in a literal whose body (after the quote) is at text and
 * whose quote is at l; the literal may run across line ends. */
static mof_ploc escape_loc(const char *text, const char *bad, mof_ploc l)
{
    const char *p, *from = text;
    mof_ploc r = l;
    for (p = text; p < bad; p++) {
        if (*p == '\n') {
            r.line++;
            from = p + 1;
        }
    }
    r.col = (from == text ? l.col + 1 : 1) + (uint32_t)(bad - from);
    return r;
}

void mof_lex_string_add(mof_lexstate *lx, const char *text, size_t len, mof_ploc l)
{
    mof_pstate *ps = MOF_PSTATE_OF(lx);
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *bs = memchr(p, '\\', (size_t)(end - p)), *bad = NULL;
        uint32_t cp;
        char u[3];
        size_t n;
        if (!bs) {
            sbuf_put(ps, p, (size_t)(end - p));
            break;
        }
        sbuf_put(ps, p, (size_t)(bs - p));
        p = bs;
        if (!mof_lex_decode_char(&p, end, &cp, &bad)) {
            mof_ploc bl = escape_loc(text, bad, l);
            if (bad[1] == 'x' || bad[1] == 'X') {
                /* Kept as written, backslash and all, as cimmof keeps it. */
                mof_p_lenient(ps, bl, "\\%c used with no following hex digits; kept as written "
                              "(cimmof accepts this)", bad[1]);
                sbuf_put(ps, bad, 2);
                p = bad + 2;
                continue;
            }
            /* Read as the character escaped (the backslash dropped), as mofcomp does. */
            p = bad + 1;
            if (!mof_lex_decode_char(&p, end, &cp, &bad))
                cp = (unsigned char)bad[1];
            if (cp == '\n')
                mof_p_lenient(ps, bl, "backslash before a line end in a string literal; the "
                              "line end is kept (mofcomp accepts this)");
            else
                mof_p_lenient(ps, bl, "unknown escape sequence '\\%.*s' read as '%.*s' (mofcomp "
                              "accepts this)", (int)(p - bs - 1), bs + 1, (int)(p - bs - 1),
                              bs + 1);
        }
        if (cp < 0x80) {
            u[0] = (char)cp;
            n = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
            n = 2;
        } else {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            n = 3;
        }
        sbuf_put(ps, u, n);
    }
}

mof_strlit mof_lex_string_end(mof_lexstate *lx)
{
    mof_pstate *ps = MOF_PSTATE_OF(lx);
    mof_strlit s;
    s.s = mof_p_strdup(ps, ps->lx.sbuf.data ? ps->lx.sbuf.data : "", ps->lx.sbuf.len);
    s.len = ps->lx.sbuf.len;
    return s;
}

/* ---- flavors and scopes ---- */

unsigned mof_p_flavor(mof_pstate *ps, const char *w, mof_ploc l)
{
    static const struct {
        const char *name;
        unsigned bit;
    } flavors[] = {
        {"EnableOverride", MOF_FLAVOR_ENABLEOVERRIDE},
        {"DisableOverride", MOF_FLAVOR_DISABLEOVERRIDE},
        {"ToSubclass", MOF_FLAVOR_TOSUBCLASS},
        {"Restricted", MOF_FLAVOR_RESTRICTED},
        {"Translatable", MOF_FLAVOR_TRANSLATABLE},
        {"ToInstance", MOF_FLAVOR_TOINSTANCE},
        {"Amended", MOF_FLAVOR_AMENDED},
        {"NotToSubclass", MOF_FLAVOR_RESTRICTED}, /* WMI spellings */
        {"NotToInstance", 0},
    };
    size_t i;
    for (i = 0; i < sizeof flavors / sizeof flavors[0]; i++)
        if (word_eq(w, flavors[i].name))
            return flavors[i].bit;
    mof_p_error(ps, l, "unknown flavor '%s'", w);
    return 0;
}

static unsigned scope_bit(const char *w, bool *ok)
{
    static const struct {
        const char *name;
        unsigned bit;
    } scopes[] = {
        {"class", MOF_SCOPE_CLASS},         {"association", MOF_SCOPE_ASSOCIATION},
        {"indication", MOF_SCOPE_INDICATION}, {"property", MOF_SCOPE_PROPERTY},
        {"reference", MOF_SCOPE_REFERENCE}, {"method", MOF_SCOPE_METHOD},
        {"parameter", MOF_SCOPE_PARAMETER}, {"qualifier", MOF_SCOPE_QUALIFIER},
        {"any", MOF_SCOPE_ANY},
        /* DSP0221 2.x's schema scope, and MOF 3's: nothing here can carry them. */
        {"structure", MOF_SCOPE_STRUCTURE}, {"enumeration", MOF_SCOPE_ENUMERATION},
        {"enumerationvalue", MOF_SCOPE_ENUMERATION},
        /* DSP0221 2.x's schema scope: nothing here can carry it. */
        {"schema", 0},
    };
    size_t i;
    *ok = true;
    for (i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        if (word_eq(w, scopes[i].name))
            return scopes[i].bit;
    *ok = false;
    return 0;
}

void mof_p_qualdecl_item(mof_pstate *ps, mof_qualdecl *qd, const char *what, mof_ploc l,
                         size_t mark)
{
    mof_pname *w = (mof_pname *)(void *)ps->names.p;
    size_t i, end = ps->names.n;
    bool is_scope = word_eq(what, "Scope");
    bool is_flavor = word_eq(what, "Flavor") || word_eq(what, "Policy");
    if (!is_scope && !is_flavor) {
        mof_p_error(ps, l, "expected 'Scope' or 'Flavor' in a qualifier declaration, not '%s'",
                    what);
    } else if (qd) {
        for (i = mark; i < end; i++) {
            if (is_scope) {
                bool ok;
                unsigned bit = scope_bit(w[i].s, &ok);
                if (!ok)
                    mof_p_error(ps, w[i].loc, "unknown scope '%s'", w[i].s);
                qd->scope |= bit;
            } else {
                qd->flavor |= mof_p_flavor(ps, w[i].s, w[i].loc);
            }
        }
    }
    ps->names.n = mark;
}

/* ---- pragmas ---- */

static bool starts_root(const char *s)
{
    return (s[0] | 0x20) == 'r' && (s[1] | 0x20) == 'o' && (s[2] | 0x20) == 'o' &&
           (s[3] | 0x20) == 't' && (s[4] == '\0' || s[4] == '/');
}

/* "\\\\.\\root\\cimv2", "//./root/cimv2", "/root/cimv2", "root\\cimv2" -> "root/cimv2".
 * A WMI namespace without the server prefix is relative to the current one when that one
 * was itself given in WMI's form (mofcomp reads it so); DMTF MOF always names namespaces whole. */
static const char *normalize_ns(mof_pstate *ps, const char *s, size_t len)
{
    char *buf = malloc(len + 1), *o = buf;
    const char *p = s, *end = s + len, *r;
    bool wmi = false;
    size_t n;
    if (!buf) {
        ps->nomem = true;
        return ps->ctx->ns;
    }
    if (len >= 2 && (s[0] == '\\' || s[0] == '/') && (s[1] == '\\' || s[1] == '/')) {
        wmi = true;
        p += 2;
        while (p < end && *p != '\\' && *p != '/')
            p++; /* the server name */
    }
    for (; p < end; p++) {
        char c = *p == '\\' ? '/' : *p;
        if (c == '/' && (o == buf || o[-1] == '/'))
            continue;
        *o++ = c;
    }
    while (o > buf && o[-1] == '/')
        o--;
    *o = '\0';
    n = (size_t)(o - buf);
    if (!wmi && ps->ctx->ns_wmi && ps->ctx->ns && !starts_root(buf)) {
        size_t bl = strlen(ps->ctx->ns);
        char *joined = mof_alloc(ps->a, bl + 1 + n + 1);
        if (!joined) {
            ps->nomem = true;
            free(buf);
            return ps->ctx->ns;
        }
        memcpy(joined, ps->ctx->ns, bl);
        joined[bl] = '/';
        memcpy(joined + bl + 1, buf, n + 1);
        free(buf);
        return joined;
    }
    if (wmi)
        ps->ctx->ns_wmi = true;
    r = mof_p_strdup(ps, buf, n);
    free(buf);
    return r;
}

static int parse_fd(mof_pctx *ctx, mof_pstate *parent, const char *path, int fd, mof_ploc at);

/* The path of name under dir (dl bytes; "" for none), matching each component without case
 * when it is not there as written, as Windows and OMI find includes. Returns a malloc'd path
 * of an existing file, or NULL. */
static char *find_nocase(const char *dir, size_t dl, const char *name)
{
    size_t cap = dl + strlen(name) + 2, n = dl;
    char *path = malloc(cap);
    const char *p = name;
    if (!path)
        return NULL;
    memcpy(path, dir, dl);
    path[n] = '\0';
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t cl = slash ? (size_t)(slash - p) : strlen(p);
        struct stat st;
        DIR *dp;
        struct dirent *e;
        bool found = false;
        if (cl == 0) {
            p++;
            continue;
        }
        if (n > 0 && path[n - 1] != '/')
            path[n++] = '/';
        memcpy(path + n, p, cl);
        path[n + cl] = '\0';
        if (stat(path, &st) != 0) {
            path[n] = '\0';
            dp = opendir(n ? path : ".");
            if (dp) {
                while ((e = readdir(dp)) != NULL) {
                    if (strlen(e->d_name) == cl && strncasecmp(e->d_name, p, cl) == 0) {
                        memcpy(path + n, e->d_name, cl);
                        found = true;
                        break;
                    }
                }
                closedir(dp);
            }
            path[n + cl] = '\0';
            if (!found) {
                free(path);
                return NULL;
            }
        }
        n += cl;
        p += cl;
    }
    return path;
}

static void pragma_include(mof_pstate *ps, const mof_pname *arg, mof_ploc l)
{
    char *name, *cand = NULL;
    const char *dir_end;
    size_t i, n, dl;
    const mof_parse_options *o = ps->ctx->opts;
    int found = -1, fd = -1, pass;
    if (memchr(arg->s, '\0', arg->len)) {
        mof_p_error(ps, arg->loc, "include file name holds a NUL character");
        return;
    }
    name = malloc(arg->len + 1);
    if (!name) {
        ps->nomem = true;
        return;
    }
    for (i = 0; i < arg->len; i++)
        name[i] = arg->s[i] == '\\' ? '/' : arg->s[i];
    name[arg->len] = '\0';
    n = arg->len;
    /* Relative to the including file, then through -I directories; then the same again with
     * names compared without case. */
    for (pass = 0; pass < 2 && found == -1 && !ps->nomem; pass++) {
        for (i = 0; found == -1; i++) {
            const char *dir;
            if (name[0] == '/') {
                if (i > 0)
                    break;
                dir = "";
                dl = 0;
            } else if (i == 0) {
                dir = ps->src->path;
                dir_end = strrchr(dir, '/');
                dl = dir_end ? (size_t)(dir_end - dir) + 1 : 0;
            } else if (o && i - 1 < o->n_include_dirs) {
                dir = o->include_dirs[i - 1];
                dl = strlen(dir);
            } else {
                break;
            }
            free(cand);
            if (pass == 1) {
                cand = find_nocase(dir, dl, name);
                if (!cand)
                    continue;
            } else {
                cand = malloc(dl + 1 + n + 1);
                if (!cand) {
                    ps->nomem = true;
                    break;
                }
                memcpy(cand, dir, dl);
                if (i > 0 && dl > 0 && dir[dl - 1] != '/')
                    cand[dl++] = '/';
                memcpy(cand + dl, name, n + 1);
            }
            fd = open(cand, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
            if (fd >= 0) {
                found = (int)i;
                if (pass == 1)
                    mof_p_lenient(ps, arg->loc, "include file '%s' found as '%s', its name "
                                  "compared without case (mofcomp and OMI find it so)", name,
                                  cand);
            } else if (errno != ENOENT && errno != ENOTDIR) {
                mof_p_error(ps, arg->loc, "cannot open '%s': %s", cand, strerror(errno));
                found = -2;
                break;
            }
        }
    }
    if (found == -1 && !ps->nomem) {
        if (o && o->missing_include_warns) {
            mof_p_lenient(ps, arg->loc, "cannot find include file '%s'; skipped, as the "
                          "fragment's base schema lives elsewhere (--syntax-only)", name);
        } else {
            mof_loc loc = mof_p_loc(ps, arg->loc);
            const char *dir = ps->src->path;
            mof_p_error(ps, arg->loc, "cannot find include file '%s'", name);
            dir_end = strrchr(dir, '/');
            if (ps->diag && ps->diag->out && !mof_diag_stop(ps->diag)) {
                /* the note's text is built here: its length depends on the -I list */
                size_t k;
                fprintf(ps->diag->out, "%s:%u:%u: note: looked in ", loc.src->path,
                        (unsigned)loc.line, (unsigned)loc.col);
                if (name[0] == '/')
                    fputs("no directory (the name is absolute)", ps->diag->out);
                else
                    fprintf(ps->diag->out, "'%.*s' (the including file's directory)",
                            dir_end ? (int)(dir_end - dir) : 1, dir_end ? dir : ".");
                for (k = 0; name[0] != '/' && o && k < o->n_include_dirs; k++)
                    fprintf(ps->diag->out, ", '%s' (-I)", o->include_dirs[k]);
                fputc('\n', ps->diag->out);
            }
            ps->u->include_missing = true;
        }
    } else if (found >= 0) {
        parse_fd(ps->ctx, ps, cand, fd, l);
    }
    free(cand);
    free(name);
}

void mof_p_pragma(mof_pstate *ps, const char *name, mof_ploc l, bool has_args, size_t mark)
{
    const mof_pname *a = ps->names.p ? (const mof_pname *)(void *)ps->names.p + mark : NULL;
    size_t n = ps->names.n - mark;
    bool one_string = has_args && n == 1 && a[0].is_string;
    if (word_eq(name, "include")) {
        if (!one_string)
            mof_p_error(ps, l, "#pragma include wants one file name string");
        else
            pragma_include(ps, a, l);
    } else if (word_eq(name, "namespace")) {
        if (!one_string)
            mof_p_error(ps, l, "#pragma namespace wants one namespace string");
        else if (a[0].len == 0 || memchr(a[0].s, '\0', a[0].len))
            mof_p_error(ps, a[0].loc, "namespace name is empty or holds a NUL character");
        else
            ps->ctx->ns = normalize_ns(ps, a[0].s, a[0].len);
    } else if (word_eq(name, "locale") || word_eq(name, "instancelocale")) {
        if (!one_string)
            mof_p_error(ps, l, "#pragma %s wants one locale string", name);
    } else if (word_eq(name, "classflags") || word_eq(name, "instanceflags")) {
        size_t i;
        for (i = 0; i < n; i++)
            if (!a[i].is_string && !a[i].is_int)
                break;
        if (!has_args || n == 0 || i < n)
            mof_p_error(ps, l, "#pragma %s wants flag strings or a number", name);
    } else if (word_eq(name, "autorecover")) {
        if (has_args && n)
            mof_p_error(ps, l, "#pragma autorecover takes no arguments");
    } else if (word_eq(name, "deleteclass")) {
        mof_decl *d;
        bool nofail = false;
        if (!has_args || n < 1 || n > 2 || !a[0].is_string || (n == 2 && a[1].is_string) ||
            (n == 2 && !word_eq(a[1].s, "FAIL") && !(nofail = word_eq(a[1].s, "NOFAIL")))) {
            mof_p_error(ps, l, "#pragma deleteclass wants a class name string and FAIL or "
                        "NOFAIL");
        } else if ((d = mof_p_zalloc(ps, sizeof *d)) != NULL) {
            d->kind = MOF_D_DELETECLASS;
            d->ns = ps->ctx->ns;
            d->loc = mof_p_loc(ps, l);
            d->u.del.name = mof_p_strdup(ps, a[0].s, a[0].len);
            d->u.del.nofail = nofail;
            mof_unit_append(ps->u, d);
        }
    } else if (word_eq(name, "deleteinstance") || word_eq(name, "source") ||
               word_eq(name, "nonlocal") || word_eq(name, "nonlocaltype") ||
               word_eq(name, "sourcetype") || word_eq(name, "amendment")) {
        mof_p_warning(ps, l, "#pragma %s (WMI) is not supported; ignored", name);
    } else {
        mof_p_warning(ps, l, "unknown pragma '%s' ignored", name);
    }
    ps->names.n = mark;
}

/* ---- reading files ---- */

/* Decodes raw bytes (in the arena; UTF-8 is decoded where it lies) into the source's text: BOM
 * removed, UTF-16 turned into UTF-8, CRLF and CR turned into LF. Returns false after reporting
 * why it could not. */
static bool decode_text(mof_pctx *ctx, mof_source *src, unsigned char *raw, size_t len)
{
    mof_arena *a = &ctx->u->arena;
    char *out, *o;
    size_t i;
    int utf16 = 0; /* 1 LE, 2 BE */
    if (len >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF) {
        raw += 3;
        len -= 3;
    } else if (len >= 2 && raw[0] == 0xFF && raw[1] == 0xFE) {
        utf16 = 1;
        raw += 2;
        len -= 2;
    } else if (len >= 2 && raw[0] == 0xFE && raw[1] == 0xFF) {
        utf16 = 2;
        raw += 2;
        len -= 2;
    } else if (len >= 2 && raw[0] != 0 && raw[1] == 0) {
        utf16 = 1; /* UTF-16LE without a BOM: ASCII text shows it */
    } else if (len >= 2 && raw[0] == 0 && raw[1] != 0) {
        utf16 = 2;
    }
    if (utf16) {
        size_t n;
        int bad;
        if (len % 2) {
            plain_error(ctx, NULL, "%s: UTF-16 text with an odd number of bytes", src->path);
            return false;
        }
        out = mof_alloc(a, len / 2 * 3 + 1);
        if (!out)
            return false;
        n = util_utf16_to_utf8(raw, len, utf16 == 2, 1, out, &bad);
        if (n == (size_t)-1) {
            plain_error(ctx, NULL, "%s: the text holds a NUL character", src->path);
            return false;
        }
        /* Now UTF-8: its line ends are normalized below. */
        raw = (unsigned char *)out;
        len = n;
    }
    {
        const unsigned char *nul = memchr(raw, 0, len);
        if (nul) {
            size_t off = (size_t)(nul - raw), line = 1;
            for (i = 0; i < off; i++)
                line += raw[i] == '\n';
            plain_error(ctx, NULL, "%s:%zu: the text holds a NUL byte (UTF-16 or a binary "
                        "file?)", src->path, line);
            return false;
        }
        out = o = (char *)raw;
        for (i = 0; i < len; i++) {
            const unsigned char *cr = memchr(raw + i, '\r', len - i);
            size_t run = cr ? (size_t)(cr - (raw + i)) : len - i;
            if (o != (char *)raw + i)
                memmove(o, raw + i, run);
            o += run;
            i += run;
            if (i < len) {
                *o++ = '\n';
                if (i + 1 < len && raw[i + 1] == '\n')
                    i++;
            }
        }
    }
    *o = '\0';
    src->text = out;
    src->len = (size_t)(o - out);
    return true;
}

static mof_source *new_source(mof_pctx *ctx, mof_pstate *parent, const char *path, mof_ploc at)
{
    mof_unit *u = ctx->u;
    mof_source *s = mof_zalloc(&u->arena, sizeof *s);
    if (!s)
        return NULL;
    s->path = mof_strdup(&u->arena, path);
    if (!s->path)
        return NULL;
    if (parent) {
        s->parent = parent->src;
        s->parent_line = at.line;
        s->parent_col = at.col;
    }
    if (u->last_source)
        u->last_source->next = s;
    else
        u->sources = s;
    u->last_source = s;
    return s;
}

/* Parses a source whose text is decoded. */
static void parse_source(mof_pctx *ctx, mof_pstate *parent, mof_source *src, dev_t dev,
                         ino_t ino)
{
    mof_pstate *ps = calloc(1, sizeof *ps);
    void *scanner;
    if (!ps) {
        ctx->u->arena.failed = true;
        return;
    }
    ps->ctx = ctx;
    ps->u = ctx->u;
    ps->a = &ctx->u->arena;
    ps->diag = ctx->u->diag;
    ps->src = src;
    ps->parent = parent;
    ps->depth = parent ? parent->depth + 1 : 0;
    ps->dev = dev;
    ps->ino = ino;
    ps->lx.text = src->text;
    ps->lx.len = src->len;
    ps->lx.line = 1;
    ps->lx.col = 1;
    ps->quals.elem = sizeof(mof_qualifier);
    ps->props.elem = sizeof(mof_property);
    ps->methods.elem = sizeof(mof_method);
    ps->params.elem = sizeof(mof_property);
    ps->propvals.elem = sizeof(mof_propval);
    ps->values.elem = sizeof(mof_value);
    ps->names.elem = sizeof(mof_pname);
    ps->items.elem = sizeof(mof_enum_item);
    if (mof_yylex_init_extra(&ps->lx, &scanner) != 0) {
        ctx->u->arena.failed = true;
        free(ps);
        return;
    }
    if (setjmp(ps->fatal) == 0) {
        mof_yyparse(scanner, ps); /* 2, stack exhausted, was reported by mof_yyerror */
    } else {
        mof_loc loc = mof_p_loc(ps, (mof_ploc){ps->lx.line, ps->lx.col});
        plain_error(ctx, &loc, "the scanner failed: %s", ps->fatal_msg);
        ctx->u->arena.failed = true;
    }
    mof_yylex_destroy(scanner);
    if (ps->nomem || ps->a->failed) {
        mof_loc loc = mof_p_loc(ps, (mof_ploc){ps->lx.line, ps->lx.col});
        plain_error(ctx, &loc, "out of memory");
        ctx->u->arena.failed = true;
    }
    free(ps->quals.p);
    free(ps->props.p);
    free(ps->methods.p);
    free(ps->params.p);
    free(ps->propvals.p);
    free(ps->values.p);
    free(ps->names.p);
    free(ps->items.p);
    util_buf_free(&ps->lx.sbuf);
    free(ps);
}

/* Reads and parses the file open on fd (which it closes). */
static int parse_fd(mof_pctx *ctx, mof_pstate *parent, const char *path, int fd, mof_ploc at)
{
    struct stat st;
    unsigned char *raw;
    size_t len = 0;
    mof_source *src;
    const mof_pstate *p;
    mof_loc where;
    if (parent)
        where = mof_p_loc(parent, at);
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        plain_error(ctx, parent ? &where : NULL, "cannot open '%s': %s", path, strerror(e));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        plain_error(ctx, parent ? &where : NULL, "'%s' is not a regular file", path);
        return -1;
    }
    for (p = parent; p; p = p->parent) {
        if (p->dev == st.st_dev && p->ino == st.st_ino) {
            close(fd);
            mof_p_error(parent, at, "'%s' includes itself", path);
            return -1;
        }
    }
    if (parent && parent->depth + 1 >= MOF_MAX_INCLUDE_DEPTH) {
        close(fd);
        mof_p_error(parent, at, "includes nest deeper than %d files", MOF_MAX_INCLUDE_DEPTH);
        return -1;
    }
    if ((uint64_t)st.st_size > MOF_MAX_FILE_SIZE) {
        close(fd);
        plain_error(ctx, parent ? &where : NULL, "'%s' is larger than %u MB", path,
                    MOF_MAX_FILE_SIZE >> 20);
        return -1;
    }
    raw = mof_alloc(&ctx->u->arena, (size_t)st.st_size + 1);
    if (!raw) {
        close(fd);
        return -1;
    }
    while (len < (size_t)st.st_size) {
        ssize_t r = read(fd, raw + len, (size_t)st.st_size - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            int e = r < 0 ? errno : EIO;
            close(fd);
            plain_error(ctx, parent ? &where : NULL, "cannot read '%s': %s", path, strerror(e));
            return -1;
        }
        len += (size_t)r;
    }
    close(fd);
    src = new_source(ctx, parent, path, at);
    if (!src || !decode_text(ctx, src, raw, len))
        return -1;
    parse_source(ctx, parent, src, st.st_dev, st.st_ino);
    return 0;
}

int mof_parse_file(mof_unit *u, const char *path, const mof_parse_options *opts)
{
    mof_pctx ctx;
    int fd;
    memset(&ctx, 0, sizeof ctx);
    ctx.u = u;
    ctx.opts = opts;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        plain_error(&ctx, NULL, "cannot open '%s': %s", path, strerror(errno));
    else
        parse_fd(&ctx, NULL, path, fd, (mof_ploc){0, 0});
    return ctx.errors || u->arena.failed ? -1 : 0;
}

int mof_parse_buffer(mof_unit *u, const char *name, const char *data, size_t len,
                     const mof_parse_options *opts)
{
    mof_pctx ctx;
    mof_source *src;
    unsigned char *copy;
    memset(&ctx, 0, sizeof ctx);
    ctx.u = u;
    ctx.opts = opts;
    if (len > MOF_MAX_FILE_SIZE) {
        plain_error(&ctx, NULL, "%s: larger than %u MB", name, MOF_MAX_FILE_SIZE >> 20);
        return -1;
    }
    copy = mof_alloc(&u->arena, len + 1);
    if (copy && len)
        memcpy(copy, data, len);
    src = new_source(&ctx, NULL, name, (mof_ploc){0, 0});
    if (!copy || !src || !decode_text(&ctx, src, copy, len))
        return -1;
    parse_source(&ctx, NULL, src, 0, 0);
    return ctx.errors || u->arena.failed ? -1 : 0;
}
