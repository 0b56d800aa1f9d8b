/* SPDX-License-Identifier: MIT */
/* server/provwire.c: the frames between mofbind-server and its provider hosts (provwire.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core.h"
#include "provwire.h"
#include "wsman_int.h"

/* ---- writing ---------------------------------------------------------------------------- */

void pw_begin(wsman_buf *b, pw_kind kind, uint64_t id)
{
    uint32_t len = 0;
    util_buf_reset(b);
    util_buf_putn(b, (const char *)&len, sizeof len);
    pw_u8(b, (uint8_t)kind);
    util_buf_putn(b, (const char *)&id, sizeof id);
}

void pw_u8(wsman_buf *b, uint8_t v)
{
    util_buf_putn(b, (const char *)&v, 1);
}

void pw_u32(wsman_buf *b, uint32_t v)
{
    util_buf_putn(b, (const char *)&v, sizeof v);
}

void pw_u64(wsman_buf *b, uint64_t v)
{
    util_buf_putn(b, (const char *)&v, sizeof v);
}

void pw_str(wsman_buf *b, const char *s)
{
    pw_strn(b, s, s ? strlen(s) : 0);
}

void pw_strn(wsman_buf *b, const char *s, size_t n)
{
    if (n >= PW_MAX_FRAME || (n && memchr(s, '\0', n))) {
        util_buf_fail(b); /* a NUL inside would end it early at the reader */
        return;
    }
    pw_u32(b, (uint32_t)n);
    util_buf_putn(b, n ? s : "", n);
    pw_u8(b, 0);
}

/* Bytes of one element of a scalar type carried as raw bytes (0: not raw). */
static size_t raw_size(MI_Type t)
{
    return t == MI_STRING || t == MI_REFERENCE || t == MI_INSTANCE || (unsigned)t > MI_INSTANCE
               ? 0
               : mic_scalar_size(t);
}

static MI_Result put_instance(wsman_buf *b, const MI_Instance *inst, int depth);

/* One scalar of type t (no array bit) at p (the MI_Value member's storage). */
static MI_Result put_scalar(wsman_buf *b, MI_Type t, const void *p, int depth)
{
    size_t n = raw_size(t);
    if (n) {
        util_buf_putn(b, (const char *)p, n);
        return MI_RESULT_OK;
    }
    if (t == MI_STRING) {
        pw_str(b, *(const MI_Char *const *)p);
        return MI_RESULT_OK;
    }
    if (t == MI_REFERENCE || t == MI_INSTANCE) {
        const MI_Instance *sub = *(const MI_Instance *const *)p;
        pw_u8(b, sub ? 1 : 0);
        return sub ? put_instance(b, sub, depth + 1) : MI_RESULT_OK;
    }
    return MI_RESULT_INVALID_PARAMETER;
}

static MI_Result put_instance(wsman_buf *b, const MI_Instance *inst, int depth)
{
    const MI_Char *cn = NULL, *ns = NULL;
    MI_Uint32 count = 0, i;
    MI_Result r;
    if (depth > PW_MAX_DEPTH)
        return MI_RESULT_INVALID_PARAMETER;
    if (MI_Instance_GetClassName(inst, &cn) != MI_RESULT_OK ||
        MI_Instance_GetElementCount(inst, &count) != MI_RESULT_OK)
        return MI_RESULT_INVALID_PARAMETER;
    if (MI_Instance_GetNameSpace(inst, &ns) != MI_RESULT_OK)
        ns = NULL;
    pw_str(b, cn);
    pw_str(b, ns);
    pw_u32(b, count);
    for (i = 0; i < count; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type t;
        MI_Uint32 flags = 0;
        MI_Type base;
        memset(&v, 0, sizeof v);
        r = MI_Instance_GetElementAt(inst, i, &name, &v, &t, &flags);
        if (r != MI_RESULT_OK)
            return r;
        if ((unsigned)t > MI_INSTANCEA)
            return MI_RESULT_INVALID_PARAMETER;
        pw_str(b, name);
        pw_u32(b, (uint32_t)t);
        flags &= ~(MI_Uint32)(MI_FLAG_BORROW | MI_FLAG_ADOPT);
        pw_u32(b, flags);
        base = (MI_Type)(t & ~MI_ARRAY);
        if (flags & MI_FLAG_NULL) {
            pw_u8(b, 1);
            continue;
        }
        pw_u8(b, 0);
        if (t & MI_ARRAY) {
            const char *data = (const char *)v.array.data;
            size_t es = mic_scalar_size(base);
            MI_Uint32 k;
            pw_u32(b, v.array.size);
            if (v.array.size && !data)
                return MI_RESULT_INVALID_PARAMETER;
            for (k = 0; k < v.array.size; k++) {
                r = put_scalar(b, base, data + (size_t)k * es, depth);
                if (r != MI_RESULT_OK)
                    return r;
            }
        } else {
            r = put_scalar(b, base, &v, depth);
            if (r != MI_RESULT_OK)
                return r;
        }
    }
    return b->failed ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_OK;
}

MI_Result pw_instance(wsman_buf *b, const MI_Instance *inst)
{
    if (!inst)
        return MI_RESULT_INVALID_PARAMETER;
    return put_instance(b, inst, 0);
}

int pw_end(wsman_buf *b)
{
    uint32_t len;
    if (b->failed || b->len < sizeof len || b->len - sizeof len > PW_MAX_FRAME)
        return -1;
    len = (uint32_t)(b->len - sizeof len);
    memcpy(b->data, &len, sizeof len);
    return 0;
}

/* ---- reading ---------------------------------------------------------------------------- */

static int take(pw_reader *r, void *out, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->p = r->end;
        return -1;
    }
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}

int pw_get_u8(pw_reader *r, uint8_t *v)
{
    return take(r, v, 1);
}

int pw_get_u32(pw_reader *r, uint32_t *v)
{
    return take(r, v, sizeof *v);
}

int pw_get_u64(pw_reader *r, uint64_t *v)
{
    return take(r, v, sizeof *v);
}

/* A string travels as u32 length, the bytes and a NUL, so that it can be used in place. */
int pw_get_str(pw_reader *r, const char **s)
{
    uint32_t n;
    if (pw_get_u32(r, &n) != 0 || (size_t)(r->end - r->p) <= n || r->p[n] != '\0' ||
        memchr(r->p, '\0', n)) {
        r->p = r->end;
        return -1;
    }
    *s = (const char *)r->p;
    r->p += (size_t)n + 1;
    return 0;
}

static int get_instance(pw_reader *r, pw_decl_fn decl_of, void *ctx, int depth, MI_Instance **out);

/* Frees what get_value made for v (the strings point into the frame). */
static void drop_value(MI_Type t, MI_Value *v)
{
    MI_Type base = (MI_Type)(t & ~MI_ARRAY);
    if (t & MI_ARRAY) {
        if ((base == MI_REFERENCE || base == MI_INSTANCE) && v->array.data) {
            MI_Uint32 k;
            for (k = 0; k < v->array.size; k++) {
                MI_Instance *x = ((MI_Instance **)v->array.data)[k];
                if (x)
                    MI_Instance_Delete(x);
            }
        }
        free(v->array.data);
    } else if ((t == MI_REFERENCE || t == MI_INSTANCE) && v->instance) {
        MI_Instance_Delete(v->instance);
    }
    memset(v, 0, sizeof *v);
}

static int get_scalar(pw_reader *r, MI_Type t, void *p, pw_decl_fn decl_of, void *ctx, int depth)
{
    size_t n = raw_size(t);
    if (n)
        return take(r, p, n);
    if (t == MI_STRING)
        return pw_get_str(r, (const char **)p);
    if (t == MI_REFERENCE || t == MI_INSTANCE) {
        uint8_t present;
        *(MI_Instance **)p = NULL;
        if (pw_get_u8(r, &present) != 0 || present > 1)
            return -1;
        return present ? get_instance(r, decl_of, ctx, depth + 1, (MI_Instance **)p) : 0;
    }
    return -1;
}

static int get_value(pw_reader *r, MI_Type t, MI_Value *v, pw_decl_fn decl_of, void *ctx, int depth)
{
    MI_Type base = (MI_Type)(t & ~MI_ARRAY);
    memset(v, 0, sizeof *v);
    if (t & MI_ARRAY) {
        uint32_t n, k;
        size_t es = mic_scalar_size(base);
        char *data;
        if (pw_get_u32(r, &n) != 0)
            return -1;
        /* Every element takes at least its raw size (one byte for the others) of the frame:
         * a count beyond what is left is a lie, refused before anything is allocated. */
        if (n > (size_t)(r->end - r->p) / (raw_size(base) ? raw_size(base) : 1))
            return -1;
        data = n ? calloc(n, es) : NULL;
        if (n && !data)
            return -1;
        v->array.data = data;
        for (k = 0; k < n; k++) {
            if (get_scalar(r, base, data + (size_t)k * es, decl_of, ctx, depth) != 0) {
                v->array.size = k;
                drop_value(t, v);
                return -1;
            }
        }
        v->array.size = n;
        return 0;
    }
    return get_scalar(r, base, v, decl_of, ctx, depth);
}

static int get_instance(pw_reader *r, pw_decl_fn decl_of, void *ctx, int depth, MI_Instance **out)
{
    const char *cn, *ns;
    uint32_t count, i;
    const MI_ClassDecl *decl;
    MI_Instance *inst = NULL;
    *out = NULL;
    if (depth > PW_MAX_DEPTH || pw_get_str(r, &cn) != 0 || pw_get_str(r, &ns) != 0 ||
        pw_get_u32(r, &count) != 0 || count > (size_t)(r->end - r->p))
        return -1;
    decl = decl_of ? decl_of(ctx, cn) : NULL;
    if (mic_instance_new(cn, decl, &inst) != MI_RESULT_OK)
        return -1;
    if (ns[0] && MI_Instance_SetNameSpace(inst, ns) != MI_RESULT_OK)
        goto fail;
    for (i = 0; i < count; i++) {
        const char *name;
        uint32_t t, flags;
        uint8_t null;
        MI_Value v;
        MI_Result res;
        if (pw_get_str(r, &name) != 0 || pw_get_u32(r, &t) != 0 || pw_get_u32(r, &flags) != 0 ||
            pw_get_u8(r, &null) != 0 || t > MI_INSTANCEA || null > 1)
            goto fail;
        flags &= ~(uint32_t)(MI_FLAG_BORROW | MI_FLAG_ADOPT | MI_FLAG_NULL);
        memset(&v, 0, sizeof v);
        if (!null && get_value(r, (MI_Type)t, &v, decl_of, ctx, depth) != 0)
            goto fail;
        res = MI_RESULT_NOT_FOUND;
        if (decl)
            res = MI_Instance_SetElement(inst, name, null ? NULL : &v, (MI_Type)t,
                                         null ? MI_FLAG_NULL : 0);
        if (res == MI_RESULT_NOT_FOUND)
            res = MI_Instance_AddElement(inst, name, null ? NULL : &v, (MI_Type)t,
                                         flags | (null ? MI_FLAG_NULL : 0));
        drop_value((MI_Type)t, &v);
        if (res != MI_RESULT_OK)
            goto fail;
    }
    *out = inst;
    return 0;
fail:
    MI_Instance_Delete(inst);
    return -1;
}

int pw_get_instance(pw_reader *r, pw_decl_fn decl_of, void *ctx, MI_Instance **out)
{
    return get_instance(r, decl_of, ctx, 0, out);
}

int pw_get_names(pw_reader *r, const char ***names, uint32_t *n)
{
    uint32_t i;
    *names = NULL;
    /* (each name takes at least its length and its NUL: a count past that is a lie) */
    if (pw_get_u32(r, n) != 0 || *n > (size_t)(r->end - r->p) / 5 ||
        !(*names = calloc((size_t)*n + 1, sizeof **names))) {
        r->p = r->end;
        return -1;
    }
    for (i = 0; i < *n; i++)
        if (pw_get_str(r, &(*names)[i]) != 0) {
            free(*names);
            *names = NULL;
            return -1;
        }
    return 0;
}

/* The body is the frame's last field: anything after it is a malformed frame. */
int pw_get_session(pw_reader *r, const char **body, size_t *len)
{
    if (pw_get_str(r, body) != 0 || r->p != r->end) {
        r->p = r->end;
        return -1;
    }
    *len = strlen(*body);
    return 0;
}

int pw_get_session_reply(pw_reader *r, uint32_t *status, const char **body, size_t *len)
{
    if (pw_get_u32(r, status) != 0)
        return -1;
    return pw_get_session(r, body, len);
}

int pw_get_indication(pw_reader *r, const char **cls, const char **bookmark, MI_Instance **inst)
{
    *inst = NULL;
    if (pw_get_str(r, cls) != 0 || pw_get_str(r, bookmark) != 0 || !(*cls)[0])
        return -1;
    return pw_get_instance(r, NULL, NULL, inst);
}

int pw_get_ind_end(pw_reader *r, const char **cls, MI_Result *result, const char **message)
{
    uint32_t v;
    if (pw_get_str(r, cls) != 0 || pw_get_u32(r, &v) != 0 || pw_get_str(r, message) != 0 ||
        !(*cls)[0])
        return -1;
    *result = (MI_Result)v;
    return 0;
}

int pw_get_cancel(pw_reader *r, MI_CancellationReason *reason)
{
    uint32_t v;
    if (pw_get_u32(r, &v) != 0 || v > MI_REASON_SERVICESTOP)
        return -1;
    *reason = (MI_CancellationReason)v;
    return 0;
}

/* ---- frames over a descriptor ------------------------------------------------------------ */

int pw_send(int fd, const wsman_buf *b)
{
    size_t off = 0;
    if (b->failed || !b->data)
        return -1;
    while (off < b->len) {
        ssize_t n = send(fd, b->data + off, b->len - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        off += (size_t)n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = read(fd, (char *)buf + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        off += (size_t)n;
    }
    return 0;
}

int pw_recv(int fd, unsigned char **data, size_t *len)
{
    uint32_t n;
    unsigned char *buf;
    *data = NULL;
    *len = 0;
    if (read_all(fd, &n, sizeof n) != 0 || n == 0 || n > PW_MAX_FRAME)
        return -1;
    buf = malloc(n);
    if (!buf)
        return -1;
    if (read_all(fd, buf, n) != 0) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}
