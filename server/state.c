/* server/state.c: the --state file: the repository written out as MOF instance declarations,
 * atomically (a temporary file in the same directory, fsync, rename, fsync of the directory),
 * so that whatever was acknowledged is on disk in full and a crash leaves the old file or the
 * new one, never a torn one. Loading is the MOF front end's job (server.c). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "repo.h"
#include "server_int.h"
#include "state.h"
#include "wsman.h"

#define ST_MAX_DEPTH 16

static void put(wsman_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        char *nd;
        while (cap < b->len + n + 1)
            cap *= 2;
        nd = realloc(b->data, cap);
        if (!nd) {
            b->failed = 1;
            return;
        }
        b->data = nd;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_(wsman_buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* A MOF string literal. */
static void mof_string(wsman_buf *b, const char *s)
{
    put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        switch (c) {
        case '"':
            puts_(b, "\\\"");
            break;
        case '\\':
            puts_(b, "\\\\");
            break;
        case '\n':
            puts_(b, "\\n");
            break;
        case '\r':
            puts_(b, "\\r");
            break;
        case '\t':
            puts_(b, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                snprintf(esc, sizeof esc, "\\x%04X", c);
                puts_(b, esc);
            } else {
                put(b, s, 1);
            }
        }
    }
    put(b, "\"", 1);
}

/* A DMTF datetime string: yyyymmddhhmmss.mmmmmmsutc or ddddddddhhmmss.mmmmmm:000. */
static void mof_datetime(wsman_buf *b, const MI_Datetime *d)
{
    char s[40];
    if (d->isTimestamp) {
        const MI_Timestamp *t = &d->u.timestamp;
        int utc = t->utc;
        snprintf(s, sizeof s, "%04u%02u%02u%02u%02u%02u.%06u%c%03d", t->year % 10000u,
                 t->month % 100u, t->day % 100u, t->hour % 100u, t->minute % 100u, t->second % 100u,
                 t->microseconds % 1000000u, utc < 0 ? '-' : '+', (utc < 0 ? -utc : utc) % 1000);
    } else {
        const MI_Interval *v = &d->u.interval;
        snprintf(s, sizeof s, "%08u%02u%02u%02u.%06u:000", v->days % 100000000u, v->hours % 100u,
                 v->minutes % 100u, v->seconds % 100u, v->microseconds % 1000000u);
    }
    mof_string(b, s);
}

static void st_instance(wsman_buf *b, const MI_Instance *inst, int indent, int depth);

/* An object path for a reference: Class.k1="v",k2=3 (keys; every scalar when none is flagged). */
static void mof_path(wsman_buf *b, const MI_Instance *ref)
{
    wsman_buf p;
    const MI_Char *cn = "";
    MI_Uint32 n = 0, i;
    int any_key = 0, first = 1, pass;
    wsman_buf_init(&p);
    MI_Instance_GetClassName(ref, &cn);
    put(&p, cn, strlen(cn));
    put(&p, ".", 1);
    MI_Instance_GetElementCount(ref, &n);
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < n; i++) {
            const MI_Char *name;
            MI_Value v;
            MI_Type t;
            MI_Uint32 f = 0;
            if (MI_Instance_GetElementAt(ref, i, &name, &v, &t, &f) != MI_RESULT_OK)
                continue;
            if (pass == 0) {
                any_key |= (f & MI_FLAG_KEY) != 0;
                continue;
            }
            if ((any_key && !(f & MI_FLAG_KEY)) || (f & MI_FLAG_NULL) || (t & MI_ARRAY) ||
                t == MI_INSTANCE || t == MI_REFERENCE)
                continue;
            if (!first)
                put(&p, ",", 1);
            first = 0;
            put(&p, name, strlen(name));
            put(&p, "=", 1);
            if (t == MI_STRING || t == MI_DATETIME || t == MI_CHAR16) {
                wsman_buf tmp;
                const char *s;
                wsman_buf_init(&tmp);
                if (t == MI_STRING)
                    s = v.string;
                else {
                    wsman_format_scalar(&tmp, t, &v);
                    s = tmp.data ? tmp.data : "";
                }
                put(&p, "\"", 1);
                for (; *s; s++) {
                    if (*s == '"' || *s == '\\')
                        put(&p, "\\", 1);
                    put(&p, s, 1);
                }
                put(&p, "\"", 1);
                wsman_buf_free(&tmp);
            } else {
                wsman_buf tmp;
                wsman_buf_init(&tmp);
                wsman_format_scalar(&tmp, t, &v);
                if (tmp.data)
                    put(&p, tmp.data, tmp.len);
                wsman_buf_free(&tmp);
            }
        }
    }
    if (p.failed)
        b->failed = 1;
    else
        mof_string(b, p.data ? p.data : "");
    wsman_buf_free(&p);
}

/* One scalar as a MOF literal; returns -1 when MOF cannot spell it (NaN, infinities). */
static int mof_scalar(wsman_buf *b, MI_Type t, const MI_Value *v, int indent, int depth)
{
    char s[64];
    switch (t) {
    case MI_BOOLEAN:
        puts_(b, v->boolean ? "TRUE" : "FALSE");
        return 0;
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
        if (!isfinite(v->real32))
            return -1;
        snprintf(s, sizeof s, "%.9g", (double)v->real32);
        break;
    case MI_REAL64:
        if (!isfinite(v->real64))
            return -1;
        snprintf(s, sizeof s, "%.17g", v->real64);
        break;
    case MI_CHAR16:
        snprintf(s, sizeof s, "%u", (unsigned)v->char16);
        break;
    case MI_DATETIME:
        mof_datetime(b, &v->datetime);
        return 0;
    case MI_STRING:
        mof_string(b, v->string);
        return 0;
    case MI_REFERENCE:
        mof_path(b, v->reference);
        return 0;
    case MI_INSTANCE:
        if (depth >= ST_MAX_DEPTH)
            return -1;
        st_instance(b, v->instance, indent, depth + 1);
        return 0;
    default:
        return -1;
    }
    puts_(b, s);
    return 0;
}

static size_t esize(MI_Type t)
{
    switch (t) {
    case MI_BOOLEAN:
    case MI_UINT8:
    case MI_SINT8:
        return 1;
    case MI_UINT16:
    case MI_SINT16:
    case MI_CHAR16:
        return 2;
    case MI_UINT32:
    case MI_SINT32:
    case MI_REAL32:
        return 4;
    case MI_UINT64:
    case MI_SINT64:
    case MI_REAL64:
        return 8;
    case MI_DATETIME:
        return sizeof(MI_Datetime);
    case MI_STRING:
        return sizeof(char *);
    default:
        return sizeof(MI_Instance *);
    }
}

static void indent_(wsman_buf *b, int n)
{
    while (n-- > 0)
        put(b, "    ", 4);
}

static void st_instance(wsman_buf *b, const MI_Instance *inst, int indent, int depth)
{
    const MI_Char *cn = "";
    MI_Uint32 n = 0, i;
    MI_Instance_GetClassName(inst, &cn);
    puts_(b, "instance of ");
    puts_(b, cn);
    puts_(b, "\n");
    indent_(b, indent);
    puts_(b, "{\n");
    MI_Instance_GetElementCount(inst, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        size_t mark;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL))
            continue;
        mark = b->len;
        indent_(b, indent + 1);
        puts_(b, name);
        puts_(b, " = ");
        if (t & MI_ARRAY) {
            MI_Type st = (MI_Type)(t & ~MI_ARRAY);
            size_t es = esize(st), k;
            int bad = 0;
            puts_(b, "{");
            for (k = 0; k < v.array.size && !bad; k++) {
                MI_Value one;
                memset(&one, 0, sizeof one);
                memcpy(&one, (const char *)v.array.data + k * es, es);
                if (k)
                    puts_(b, ", ");
                bad = mof_scalar(b, st, &one, indent + 1, depth) != 0;
            }
            puts_(b, "}");
            if (bad) {
                b->len = mark; /* drop what MOF cannot spell: it reads back as NULL */
                if (b->data)
                    b->data[mark] = '\0';
                continue;
            }
        } else if (mof_scalar(b, t, &v, indent + 1, depth) != 0) {
            b->len = mark;
            if (b->data)
                b->data[mark] = '\0';
            continue;
        }
        puts_(b, ";\n");
    }
    indent_(b, indent);
    puts_(b, "}");
}

typedef struct st_ctx {
    wsman_buf *b;
    const mof_namespace *ns;
} st_ctx;

static int write_one(void *ctx, const mof_class *cls, const MI_Instance *inst)
{
    st_ctx *c = ctx;
    if (cls->ns != c->ns) {
        c->ns = cls->ns;
        puts_(c->b, "#pragma namespace(");
        mof_string(c->b, cls->ns->name);
        puts_(c->b, ")\n\n");
    }
    st_instance(c->b, inst, 0, 0);
    puts_(c->b, ";\n\n");
    return 0;
}

int srv_state_render(msrv_server *srv, wsman_buf *b)
{
    st_ctx c;
    c.b = b;
    c.ns = NULL;
    puts_(b, "// mofbind-server state: the instances of the repository. Rewritten by the "
             "server after each change.\n\n");
    srv_repo_each(srv->repo, NULL, write_one, &c);
    return b->failed ? -1 : 0;
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
    wsman_buf_init(&b);
    srv_repo_rdlock(srv->repo);
    snap = srv->state_gen;
    rc = srv_state_render(srv, &b);
    srv_repo_unlock(srv->repo);
    if (rc != 0)
        srv_err(err, errlen, "out of memory writing the state");
    else
        rc = write_state(srv->cfg.state_file, &b, err, errlen);
    if (rc == 0)
        srv->saved_gen = snap;
    wsman_buf_free(&b);
    pthread_mutex_unlock(&srv->state_lock);
    return rc;
}
