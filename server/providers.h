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

/* Stops the hosts (closing their sockets lets them unload the providers) and frees them. */
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
 * filters what it posts, as OMI does). */
typedef struct srv_prov_req {
    pw_op op;
    const char *ns, *cls, *method;
    const MI_Instance *a, *b;
    bool keys_only;
    const char *result_class, *role, *result_role;
    const char *query_lang, *query;
} srv_prov_req;

/* Sends one request and waits for the result. Always fills ans (free it with
 * srv_prov_answer_free). */
void srv_prov_call(msrv_server *srv, srv_prov *p, const srv_prov_req *req, srv_prov_answer *ans);
void srv_prov_answer_free(srv_prov_answer *ans);

/* The library's file name, for messages. */
const char *srv_prov_name(const srv_prov *p);

#endif
