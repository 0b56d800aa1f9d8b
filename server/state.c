/* SPDX-License-Identifier: MIT */
/* server/state.c: the --state file: the repository written out as MOF instance declarations,
 * atomically (a temporary file in the same directory, fsync, rename, fsync of the directory),
 * so that whatever was acknowledged is on disk in full and a crash leaves the old file or the
 * new one, never a torn one; every value written so that it reads back bit for bit, and what
 * MOF cannot spell refused before it is acknowledged (srv_state_check). Loading is the MOF
 * front end's job (server.c); here are the start-up helpers: removing the temporaries of a save
 * that was killed, and --state-recover's splitting of the file into declarations that load and
 * declarations set aside. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "repo.h"
#include "server_int.h"
#include "state.h"
#include "wsman.h"

#define ST_MAX_DEPTH 16

/* The text being written, and what could not be: the first value MOF cannot spell, named
 * for the message (a save or a Create that meets one fails rather than lose it). */
typedef struct st_w {
    wsman_buf *b;
    const char *cls; /* the class and property being written */
    const char *prop;
    const char *why; /* NULL while every value was written */
    const char *why_cls;
    const char *why_prop;
} st_w;

static void st_bad(st_w *w, const char *why)
{
    if (!w->why) {
        w->why = why;
        w->why_cls = w->cls;
        w->why_prop = w->prop;
    }
}

/* A MOF string literal: every byte below 0x20, DEL, '"' and '\' escaped, so the text never
 * breaks a line or a literal; the rest (UTF-8) as is, which the MOF lexer copies back. */
static void mof_string(wsman_buf *b, const char *s)
{
    util_buf_putn(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        switch (c) {
        case '"':
            util_buf_puts(b, "\\\"");
            break;
        case '\\':
            util_buf_puts(b, "\\\\");
            break;
        case '\n':
            util_buf_puts(b, "\\n");
            break;
        case '\r':
            util_buf_puts(b, "\\r");
            break;
        case '\t':
            util_buf_puts(b, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(esc, sizeof esc, "\\x%04X", c);
                util_buf_puts(b, esc);
            } else {
                util_buf_putn(b, s, 1);
            }
        }
    }
    util_buf_putn(b, "\"", 1);
}

/* A DMTF datetime string (yyyymmddhhmmss.mmmmmmsutc or ddddddddhhmmss.mmmmmm:000), which the
 * loader parses back to the same fields; -1 for a value the form cannot hold (an interval of
 * more than 99,999,999 days, which xs:duration can say). */
static int mof_datetime(wsman_buf *b, const MI_Datetime *d)
{
    char s[40];
    if (d->isTimestamp) {
        const MI_Timestamp *t = &d->u.timestamp;
        int utc = t->utc;
        if (t->year > 9999 || t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 ||
            t->hour > 23 || t->minute > 59 || t->second > 60 || t->microseconds > 999999 ||
            utc > 999 || utc < -999)
            return -1;
        snprintf(s, sizeof s, "%04u%02u%02u%02u%02u%02u.%06u%c%03d", t->year, t->month, t->day,
                 t->hour, t->minute, t->second, t->microseconds, utc < 0 ? '-' : '+',
                 utc < 0 ? -utc : utc);
    } else {
        const MI_Interval *v = &d->u.interval;
        if (v->days > 99999999u || v->hours > 23 || v->minutes > 59 || v->seconds > 59 ||
            v->microseconds > 999999)
            return -1;
        snprintf(s, sizeof s, "%08u%02u%02u%02u.%06u:000", v->days, v->hours, v->minutes,
                 v->seconds, v->microseconds);
    }
    mof_string(b, s);
    return 0;
}

static void st_instance(st_w *w, const MI_Instance *inst, int indent, int depth);

/* An object path for a reference: Class.k1="v",k2=3 (keys; every scalar when none is flagged),
 * as the loader reads it back (server/typing.c). */
static void mof_path(st_w *w, const MI_Instance *ref)
{
    wsman_buf p;
    const MI_Char *cn = "";
    MI_Uint32 n = 0, i;
    int any_key = 0, first = 1, pass;
    util_buf_init(&p);
    MI_Instance_GetClassName(ref, &cn);
    util_buf_putn(&p, cn, strlen(cn));
    util_buf_putn(&p, ".", 1);
    MI_Instance_GetElementCount(ref, &n);
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < n; i++) {
            const MI_Char *name;
            MI_Value v;
            MI_Type t;
            MI_Uint32 f = 0;
            wsman_buf tmp;
            const char *s;
            if (MI_Instance_GetElementAt(ref, i, &name, &v, &t, &f) != MI_RESULT_OK)
                continue;
            if (pass == 0) {
                any_key |= (f & MI_FLAG_KEY) != 0;
                continue;
            }
            if ((any_key && !(f & MI_FLAG_KEY)) || (f & MI_FLAG_NULL) || (t & MI_ARRAY))
                continue;
            if (t == MI_INSTANCE || t == MI_REFERENCE) {
                /* The path form has no nested paths: a key lost here would not reload. */
                st_bad(w, "a reference whose keys hold a reference or an instance");
                continue;
            }
            if (!first)
                util_buf_putn(&p, ",", 1);
            first = 0;
            util_buf_putn(&p, name, strlen(name));
            util_buf_putn(&p, "=", 1);
            util_buf_init(&tmp);
            if (t == MI_STRING) {
                s = v.string;
            } else if (wsman_format_scalar(&tmp, t, &v) == MI_RESULT_OK && tmp.data) {
                s = tmp.data;
            } else {
                st_bad(w, "a reference key the path form cannot spell");
                s = "";
            }
            if (t == MI_STRING || t == MI_DATETIME || t == MI_CHAR16) {
                util_buf_putn(&p, "\"", 1);
                for (; *s; s++) {
                    if (*s == '"' || *s == '\\')
                        util_buf_putn(&p, "\\", 1);
                    util_buf_putn(&p, s, 1);
                }
                util_buf_putn(&p, "\"", 1);
            } else {
                util_buf_putn(&p, s, strlen(s));
            }
            util_buf_free(&tmp);
        }
    }
    if (p.failed)
        util_buf_fail(w->b);
    else
        mof_string(w->b, p.data ? p.data : "");
    util_buf_free(&p);
}

/* One scalar as a MOF literal that reads back bit for bit; a value MOF cannot spell (NaN,
 * infinities) is noted in w. */
static void mof_scalar(st_w *w, MI_Type t, const MI_Value *v, int indent, int depth)
{
    wsman_buf *b = w->b;
    char s[64];
    switch (t) {
    case MI_BOOLEAN:
        util_buf_puts(b, v->boolean ? "TRUE" : "FALSE");
        return;
    case MI_UINT8:
        snprintf(s, sizeof s, "%u", (unsigned)v->uint8);
        break;
    case MI_SINT8:
        snprintf(s, sizeof s, "%d", (int)v->sint8);
        break;
    case MI_UINT16:
        snprintf(s, sizeof s, "%u", (unsigned)v->uint16);
        break;
    case MI_SINT16:
        snprintf(s, sizeof s, "%d", (int)v->sint16);
        break;
    case MI_UINT32:
        snprintf(s, sizeof s, "%u", v->uint32);
        break;
    case MI_SINT32:
        snprintf(s, sizeof s, "%d", v->sint32);
        break;
    case MI_UINT64:
        snprintf(s, sizeof s, "%llu", v->uint64);
        break;
    case MI_SINT64:
        snprintf(s, sizeof s, "%lld", v->sint64);
        break;
    case MI_REAL32:
        /* The float's exact double in 17 digits: the loader's strtod gives that double back,
         * and narrowing it is exact (9 digits of the float itself can round past FLT_MAX). */
        if (!isfinite(v->real32)) {
            st_bad(w, "NaN and infinities have no MOF literal");
            return;
        }
        snprintf(s, sizeof s, "%.17g", (double)v->real32);
        break;
    case MI_REAL64:
        if (!isfinite(v->real64)) {
            st_bad(w, "NaN and infinities have no MOF literal");
            return;
        }
        snprintf(s, sizeof s, "%.17g", v->real64);
        break;
    case MI_CHAR16:
        /* A character literal (a number would read back as an integer literal). */
        snprintf(s, sizeof s, "'\\x%04X'", (unsigned)v->char16);
        break;
    case MI_DATETIME:
        if (mof_datetime(b, &v->datetime) != 0)
            st_bad(w, "a datetime outside the DMTF form (an interval over 99999999 days)");
        return;
    case MI_STRING:
        mof_string(b, v->string);
        return;
    case MI_REFERENCE:
        mof_path(w, v->reference);
        return;
    case MI_INSTANCE:
        if (depth >= ST_MAX_DEPTH) {
            st_bad(w, "embedded instances nested too deeply");
            return;
        }
        st_instance(w, v->instance, indent, depth + 1);
        return;
    default:
        st_bad(w, "a value of unknown type");
        return;
    }
    util_buf_puts(b, s);
}

static void indent_(wsman_buf *b, int n)
{
    while (n-- > 0)
        util_buf_putn(b, "    ", 4);
}

static void st_instance(st_w *w, const MI_Instance *inst, int indent, int depth)
{
    wsman_buf *b = w->b;
    const MI_Char *cn = "";
    const char *outer_cls = w->cls, *outer_prop = w->prop;
    MI_Uint32 n = 0, i;
    MI_Instance_GetClassName(inst, &cn);
    util_buf_puts(b, "instance of ");
    util_buf_puts(b, cn);
    util_buf_puts(b, "\n");
    indent_(b, indent);
    util_buf_puts(b, "{\n");
    MI_Instance_GetElementCount(inst, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL))
            continue;
        w->cls = cn;
        w->prop = name;
        indent_(b, indent + 1);
        util_buf_puts(b, name);
        util_buf_puts(b, " = ");
        if (t & MI_ARRAY) {
            MI_Type st = (MI_Type)(t & ~MI_ARRAY);
            size_t es = mic_scalar_size(st), k;
            util_buf_puts(b, "{");
            for (k = 0; k < v.array.size; k++) {
                MI_Value one;
                memset(&one, 0, sizeof one);
                memcpy(&one, (const char *)v.array.data + k * es, es);
                if (k)
                    util_buf_puts(b, ", ");
                mof_scalar(w, st, &one, indent + 1, depth);
            }
            util_buf_puts(b, "}");
        } else {
            mof_scalar(w, t, &v, indent + 1, depth);
        }
        util_buf_puts(b, ";\n");
    }
    w->cls = outer_cls;
    w->prop = outer_prop;
    indent_(b, indent);
    util_buf_puts(b, "}");
}

MI_Result srv_state_check(const MI_Instance *inst, char *msg, size_t msglen)
{
    wsman_buf b;
    st_w w;
    MI_Result r = MI_RESULT_OK;
    util_buf_init(&b);
    memset(&w, 0, sizeof w);
    w.b = &b;
    st_instance(&w, inst, 0, 0);
    if (w.why) {
        srv_err(msg, msglen, "%s.%s: the state file cannot keep this value: %s",
                w.why_cls ? w.why_cls : "?", w.why_prop ? w.why_prop : "?", w.why);
        r = MI_RESULT_INVALID_PARAMETER;
    } else if (b.failed) {
        srv_err(msg, msglen, "out of memory");
        r = MI_RESULT_FAILED;
    }
    util_buf_free(&b);
    return r;
}

typedef struct st_ctx {
    st_w w;
    const mof_namespace *ns;
} st_ctx;

static int write_one(void *ctx, const mof_class *cls, const MI_Instance *inst)
{
    st_ctx *c = ctx;
    if (cls->ns != c->ns) {
        c->ns = cls->ns;
        util_buf_puts(c->w.b, "#pragma namespace(");
        mof_string(c->w.b, cls->ns->name);
        util_buf_puts(c->w.b, ")\n\n");
    }
    st_instance(&c->w, inst, 0, 0);
    util_buf_puts(c->w.b, ";\n\n");
    return 0;
}

int srv_state_render(msrv_server *srv, wsman_buf *b, char *err, size_t errlen)
{
    st_ctx c;
    memset(&c, 0, sizeof c);
    c.w.b = b;
    util_buf_puts(b, "// mofbind-server state: the instances of the repository. Rewritten by the "
             "server after each change.\n\n");
    srv_repo_each(srv->repo, NULL, write_one, &c);
    if (c.w.why) {
        /* Create and Put refuse such values (srv_state_check): nothing is dropped quietly. */
        srv_err(err, errlen, "%s.%s: the state file cannot keep this value: %s",
                c.w.why_cls ? c.w.why_cls : "?", c.w.why_prop ? c.w.why_prop : "?", c.w.why);
        return -1;
    }
    if (b->failed) {
        srv_err(err, errlen, "out of memory writing the state");
        return -1;
    }
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes text to the state file atomically. */
static int write_state(const char *path, const wsman_buf *b, char *err, size_t errlen)
{
    char *tmp, *dir, *slash;
    int fd, rc = -1;
    tmp = malloc(strlen(path) + 8);
    dir = strdup(path);
    if (!tmp || !dir) {
        srv_err(err, errlen, "out of memory writing the state");
        goto out;
    }
    sprintf(tmp, "%s.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        srv_err(err, errlen, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    if (write_all(fd, b->data ? b->data : "", b->len) != 0 || fsync(fd) != 0) {
        srv_err(err, errlen, "%s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        goto out;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        srv_err(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    /* The rename itself is durable once the directory is synced. */
    slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    rc = 0;
out:
    free(tmp);
    free(dir);
    return rc;
}

int srv_state_commit(msrv_server *srv, unsigned long long gen, char *err, size_t errlen)
{
    wsman_buf b;
    unsigned long long snap;
    int rc = 0;
    if (!srv->cfg.state_file)
        return 0;
    pthread_mutex_lock(&srv->state_lock);
    if (srv->saved_gen >= gen) {
        /* Another request's save, made while this one waited, already holds this change. */
        pthread_mutex_unlock(&srv->state_lock);
        return 0;
    }
    util_buf_init(&b);
    srv_repo_rdlock(srv->repo);
    snap = srv->state_gen;
    rc = srv_state_render(srv, &b, err, errlen);
    srv_repo_unlock(srv->repo);
    if (rc == 0)
        rc = write_state(srv->cfg.state_file, &b, err, errlen);
    if (rc == 0)
        srv->saved_gen = snap;
    util_buf_free(&b);
    pthread_mutex_unlock(&srv->state_lock);
    return rc;
}

/* ---- start-up: leftovers and recovery ---------------------------------------------------- */

int srv_state_clean_temps(msrv_server *srv, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t blen = strlen(base);
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    DIR *d;
    struct dirent *e;
    int n = 0;
    if (!dir)
        return 0;
    d = opendir(dir);
    while (d && (e = readdir(d)) != NULL) {
        /* mkstemp's names: the state's, a dot and six letters or digits. */
        const char *x = e->d_name + blen + 1;
        struct stat st;
        char *full;
        size_t k;
        if (strncmp(e->d_name, base, blen) != 0 || e->d_name[blen] != '.' || strlen(x) != 6)
            continue;
        for (k = 0; k < 6 && isalnum((unsigned char)x[k]); k++)
            ;
        if (k != 6)
            continue;
        full = malloc(strlen(dir) + strlen(e->d_name) + 2);
        if (!full)
            break;
        sprintf(full, "%s/%s", dir, e->d_name);
        if (lstat(full, &st) == 0 && S_ISREG(st.st_mode) && unlink(full) == 0) {
            srv_notice(srv, "removed %s, left by a save that did not finish", full);
            n++;
        }
        free(full);
    }
    if (d)
        closedir(d);
    free(dir);
    return n;
}

void srv_state_chunks_free(srv_state_chunks *c)
{
    free(c->orig);
    free(c->text);
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* A declaration starts on a line that starts in column 0 with something other than a brace
 * (the server writes `instance of` and `#pragma` there, and everything inside a declaration
 * indented or as a brace; a hand-written file is split as well as its layout allows). */
static bool starts_decl(const char *line)
{
    return *line && *line != ' ' && *line != '\t' && *line != '{' && *line != '}' &&
           *line != '\n' && *line != '\r';
}

int srv_state_chunks_read(const char *path, srv_state_chunks *c, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 0, i;
    uint32_t line = 1;
    memset(c, 0, sizeof *c);
    if (!f) {
        srv_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;
        if (c->len + 65536 + 1 > cap) {
            char *nt;
            cap = cap ? cap * 2 : 65536 * 2;
            nt = realloc(c->orig, cap);
            if (!nt)
                goto nomem;
            c->orig = nt;
        }
        got = fread(c->orig + c->len, 1, 65536, f);
        c->len += got;
        if (got < 65536)
            break;
    }
    if (ferror(f)) {
        srv_err(err, errlen, "%s: %s", path, strerror(errno));
        fclose(f);
        srv_state_chunks_free(c);
        return -1;
    }
    fclose(f);
    if (!c->orig && !(c->orig = malloc(1)))
        goto nomem;
    c->orig[c->len] = '\0';
    c->text = malloc(c->len + 1);
    if (!c->text)
        goto nomem;
    memcpy(c->text, c->orig, c->len + 1);
    for (i = 0; i < c->len; line++) {
        const char *nl = memchr(c->orig + i, '\n', c->len - i);
        size_t end = nl ? (size_t)(nl - c->orig) + 1 : c->len;
        if (c->n == 0 || starts_decl(c->orig + i)) {
            if (c->n % 64 == 0) {
                srv_state_chunk *nv = realloc(c->v, (c->n + 64) * sizeof *nv);
                if (!nv)
                    goto nomem;
                c->v = nv;
            }
            memset(&c->v[c->n], 0, sizeof *c->v);
            c->v[c->n].off = i;
            c->v[c->n].line = line;
            c->n++;
        }
        c->v[c->n - 1].end = end;
        i = end;
    }
    return 0;
nomem:
    fclose(f);
    srv_state_chunks_free(c);
    srv_err(err, errlen, "out of memory reading %s", path);
    return -1;
}

int srv_state_chunks_reject(srv_state_chunks *c, uint32_t line, const char *why)
{
    size_t lo = 0, hi = c->n, k;
    srv_state_chunk *ch;
    if (!c->n)
        return 0;
    /* The last declaration starting at or before the line. */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c->v[mid].line <= line)
            lo = mid;
        else
            hi = mid;
    }
    ch = &c->v[lo];
    if (ch->rejected)
        return 0;
    ch->rejected = true;
    snprintf(ch->why, sizeof ch->why, "%s", why ? why : "");
    /* Blanked in the text the loader reads, newlines kept so every other line keeps its
     * number in the messages. */
    for (k = ch->off; k < ch->end; k++)
        if (c->text[k] != '\n')
            c->text[k] = ' ';
    c->n_rejected++;
    return 1;
}

int srv_state_write_rejected(const char *path, const srv_state_chunks *c, char *out, size_t outlen,
                             char *err, size_t errlen)
{
    char *rpath = malloc(strlen(path) + 10);
    wsman_buf b;
    size_t k;
    int fd, rc = -1;
    if (!rpath) {
        srv_err(err, errlen, "out of memory");
        return -1;
    }
    sprintf(rpath, "%s.rejected", path);
    snprintf(out, outlen, "%s", rpath);
    util_buf_init(&b);
    for (k = 0; k < c->n; k++) {
        const srv_state_chunk *ch = &c->v[k];
        char head[400];
        if (!ch->rejected)
            continue;
        snprintf(head, sizeof head, "// set aside by mofbind-server --state-recover: %s:%u: %s\n",
                 path, (unsigned)ch->line, ch->why);
        util_buf_puts(&b, head);
        util_buf_putn(&b, c->orig + ch->off, ch->end - ch->off);
        if (ch->end > ch->off && c->orig[ch->end - 1] != '\n')
            util_buf_puts(&b, "\n");
        util_buf_puts(&b, "\n");
    }
    if (b.failed) {
        srv_err(err, errlen, "out of memory");
        goto out;
    }
    /* Appended: an earlier recovery's declarations stay. Synced before the state file is
     * rewritten without them. */
    fd = open(rpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0 || write_all(fd, b.data ? b.data : "", b.len) != 0 || fsync(fd) != 0) {
        srv_err(err, errlen, "%s: %s", rpath, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    if (close(fd) != 0) {
        srv_err(err, errlen, "%s: %s", rpath, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    util_buf_free(&b);
    free(rpath);
    return rc;
}
