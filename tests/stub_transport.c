/* SPDX-License-Identifier: MIT */
/* tests/stub_transport.c: the stub transport (see stub_transport.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_transport.h"
#include "util.h"

typedef struct stub {
    mob_transport base;
    char *body; /* the last answer, valid until the next post or close */
} stub;

static stub_answer_fn stub_fn;
static void *stub_ctx;
static const mob_transport_ft stub_ft;

static MI_Result stub_open(const mob_dest *d, mob_transport **out)
{
    stub *t = (stub *)calloc(1, sizeof *t);
    (void)d;
    *out = NULL;
    if (!t)
        return MIC_RESULT_NOMEM;
    t->base.ft = &stub_ft;
    *out = &t->base;
    return MI_RESULT_OK;
}

static void stub_close(mob_transport *tp)
{
    stub *t = (stub *)tp;
    free(t->body);
    free(t);
}

/* The MessageID of the request (uuid:...), or "" when there is none. */
static void stub_msgid(const char *req, size_t len, char *out, size_t outlen)
{
    static const char tag[] = "MessageID>";
    const char *p = NULL, *e;
    size_t i, n;
    out[0] = '\0';
    for (i = 0; i + sizeof tag - 1 <= len; i++)
        if (memcmp(req + i, tag, sizeof tag - 1) == 0) {
            p = req + i + sizeof tag - 1;
            break;
        }
    if (!p || !(e = memchr(p, '<', len - (size_t)(p - req))))
        return;
    n = (size_t)(e - p);
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static void stub_post(mob_transport *tp, const mob_dest *d, const char *body, size_t len,
                      MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out)
{
    stub *t = (stub *)tp;
    stub_answer a;
    char id[128];
    (void)d, (void)timeout_usec, (void)cancel; /* the stub answers at once */
    memset(out, 0, sizeof *out);
    memset(&a, 0, sizeof a);
    stub_msgid(body, len, id, sizeof id);
    stub_fn(stub_ctx, body, len, id, &a);
    if (a.result != MI_RESULT_OK) {
        out->result = a.result;
        out->category = a.category;
        snprintf(out->message, sizeof out->message, "%s", a.message ? a.message : "");
        return;
    }
    free(t->body);
    t->body = (char *)malloc(a.len + 1);
    out->content_type = t->body ? util_strdup("application/soap+xml;charset=UTF-8") : NULL;
    if (!t->body || !out->content_type) {
        out->result = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        out->category = MI_ERRORCATEGORY_LIMITS_EXCEEDED;
        snprintf(out->message, sizeof out->message, "out of memory");
        return;
    }
    memcpy(t->body, a.body, a.len);
    t->body[a.len] = '\0';
    out->status = a.status;
    out->body = t->body;
    out->len = a.len;
    out->result = MI_RESULT_OK;
}

static void stub_wake(mob_transport *tp)
{
    (void)tp; /* the stub's exchanges never wait */
}

/* No driver: an event loop sends through stub_post too, each answer coming at once. */
static const mob_transport_ft stub_ft = {stub_open, stub_close, stub_post, stub_wake,
                                         NULL,      NULL,       NULL,      NULL,
                                         NULL,      NULL,       NULL,      NULL,
                                         NULL};

MI_Result stub_transport_install(MI_Application *app, stub_answer_fn fn, void *ctx)
{
    stub_fn = fn;
    stub_ctx = ctx;
    return mob_application_set_transport(app, &stub_ft);
}
