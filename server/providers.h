/* SPDX-License-Identifier: MIT */
/* server/providers.h: mofbind-server's side of provider libraries (--provider): each library
 * runs in a host process of its own (mofbind-provider-host, as OMI's omiagent), started with
 * the server and restarted after a crash; the dispatcher hands it the instance operations and
 * method calls of the classes it serves and gets back the instances and the result the
 * provider posted.
 *
 * Failures are answers, never hangs: a host that dies fails the requests it had in flight
 * (MI_RESULT_FAILED, a message naming the library and the signal) and is started again at the
 * next request; a provider that posts no result within the configured time fails its request
 * (the host keeps running: the provider may have only forgotten). Each is logged with the
 * library's name. Threads: srv_prov_call may run on many server threads at once. */
#ifndef MOFBIND_SERVER_PROVIDERS_H
#define MOFBIND_SERVER_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

#include <mofbind/mi.h>
#include "provwire.h"

typedef struct msrv_server msrv_server;
typedef struct srv_prov srv_prov;

/* Starts a host for each of cfg.providers and learns the classes each serves; every such
 * class must be declared by the schemas. Returns 0, or -1 with err. */
int srv_provs_start(msrv_server *srv, char *err, size_t errlen);

/* Stops the hosts (closing their sockets lets them unload the providers) and the threads
 * reading them; then (srv_provs_free, which stops them first if need be) frees them. The
 * enumeration contexts, which may hold streams, are freed in between. */
void srv_provs_stop(msrv_server *srv);

/* The server stops serving: the requests waiting for a provider answer now
 * (MI_RESULT_SERVER_IS_SHUTTING_DOWN) and their providers are cancelled
 * (MI_REASON_SERVICESTOP), so that the requests in flight the stop waits for end at once. */
void srv_provs_cancel(msrv_server *srv);
void srv_provs_free(msrv_server *srv);

/* The provider serving class_name (case-insensitive), or NULL: the in-memory store. */
srv_prov *srv_prov_for(const msrv_server *srv, const char *class_name);

/* What a provider answered. items (the posted instances, dynamic) and error belong to it. */
typedef struct srv_prov_answer {
    MI_Result result;
    char message[512];  /* the provider's message, or ours (timeout, crash), or "" */
    MI_Instance *error; /* the error instance it posted, or NULL */
    MI_Instance **items;
    size_t n_items;
} srv_prov_answer;

/* One request. a is the instance (the keys for Get, Delete and an instance method; the new or
 * modified instance; the source's keys for Associators and References), b the IN parameters of
 * Invoke; either may be NULL. The strings may be NULL (none): method for Invoke; result_class,
 * role and result_role the filters of Associators (role alone for References); query_lang and
 * query an Enumerate's filter, which the provider sees as an MI_Filter (the server still
 * filters what it posts, as OMI does). locale and data_locale are the client's (NULL: none);
 * options its custom operation options, one typed element each (NULL: none): the provider's
 * context answers GetLocale and Get...Option from them. */
typedef struct srv_prov_req {
    pw_op op;
    const char *ns, *cls, *method;
    const MI_Instance *a, *b;
    bool keys_only;
    const char *result_class, *role, *result_role;
    const char *query_lang, *query;
    const char *locale, *data_locale;
    const MI_Instance *options;
    /* The properties the client asked for (an Enumerate's WQL select list), the provider's
     * MI_PropertySet; n_props 0: none (NULL, as OMI passes it). */
    const char *const *props;
    size_t n_props;
    /* Subscribe and Unsubscribe (op PW_OP_SUBSCRIBE, PW_OP_UNSUBSCRIBE, cls the indication
     * class, query its filter): the ID the provider knows the subscription by, and the
     * client's bookmark (NULL: none). */
    uint64_t subscription_id;
    const char *bookmark;
    /* srv_prov_call: whether the client has gone (srv_request.gone; NULL: never asked), when
     * the request is failed and its provider cancelled (MI_REASON_NONE) without waiting for
     * the time limit. */
    bool (*gone)(void *ctx);
    void *gone_ctx;
} srv_prov_req;

/* Sends one request and waits for the result. Always fills ans (free it with
 * srv_prov_answer_free). */
void srv_prov_call(msrv_server *srv, srv_prov *p, const srv_prov_req *req, srv_prov_answer *ans);
void srv_prov_answer_free(srv_prov_answer *ans);

/* Sends req without waiting for the answer (an Unsubscribe: the subscription is gone
 * whatever the provider says). Nothing is sent when the host is down: a host started again
 * never heard of the subscriptions of the one that ended. Returns 0 when sent. */
int srv_prov_notify(srv_prov *p, const srv_prov_req *req);

/* A streamed request (Enumerate): what the provider posts waits in a feed, from which the
 * enumeration context takes Pull-sized batches while the provider still runs, so the client
 * gets the first instances before the last is posted. Each posted instance that keep (when
 * given) accepts is counted against the enumeration contexts' byte limit while it waits
 * there; one past it ends the stream with MI_RESULT_SERVER_LIMITS_EXCEEDED (what came before
 * is still handed out). The provider must post or answer within the provider time limit of
 * its previous post. */
typedef struct srv_prov_feed srv_prov_feed;
typedef bool (*srv_prov_keep_fn)(void *ctx, const MI_Instance *inst);

/* Sends req; returns the feed (the caller closes it with srv_prov_feed_close), or NULL with
 * ans filled. keep_ctx is freed with keep_free (when given) once the feed no longer needs it,
 * also on failure. */
srv_prov_feed *srv_prov_stream(msrv_server *srv, srv_prov *p, const srv_prov_req *req,
                               srv_prov_keep_fn keep, void *keep_ctx, void (*keep_free)(void *),
                               srv_prov_answer *ans);

/* Waits until max instances wait, the stream ended, or (with some waiting) a short gathering
 * time passed; takes up to max of them (a malloc'd array of *n, adopted by the caller, with
 * *bytes of the byte limit now the caller's to give back). *ended when the stream is over
 * and nothing remains: end then has its result and message (a failure comes by itself, at
 * the take after the instances posted before it). */
MI_Instance **srv_prov_feed_take(srv_prov_feed *f, size_t max, size_t *n, size_t *bytes,
                                 bool *ended, srv_prov_answer *end);

/* The consumer is done with the feed (the provider may still be running: what it posts later
 * is dropped). Returns the bytes of the byte limit the instances it held had, for the caller
 * to give back. void * to serve as an enumeration context's srv_enum_close_fn. */
size_t srv_prov_feed_close(void *feed);

/* The library's file name, for messages. */
const char *srv_prov_name(const srv_prov *p);

#endif
