/* SPDX-License-Identifier: MIT */
/* tests/stub_transport.h: the one stub of the client's transport (mob_transport_ft, client.h)
 * the tests install on an application instead of libcurl's: nothing goes to the network, each
 * request is answered by a function of the test. Used by test_client_failalloc and the client
 * fuzz harness. */
#ifndef MOFBIND_TESTS_STUB_TRANSPORT_H
#define MOFBIND_TESTS_STUB_TRANSPORT_H

#include "client.h"

/* The answer to one request: an HTTP status and body (copied by the stub, which allocates its
 * buffer as a transport would, so that allocation failures reach it too), or a transport
 * failure when result is not MI_RESULT_OK. */
typedef struct stub_answer {
    int status;
    const char *body;
    size_t len;
    MI_Result result;
    MI_Uint32 category;
    const char *message;
} stub_answer;

/* request: the request's text (len bytes); msgid: its MessageID ("" when it has none). out is
 * zeroed (result MI_RESULT_OK) on entry. */
typedef void (*stub_answer_fn)(void *ctx, const char *request, size_t len, const char *msgid,
                               stub_answer *out);

/* Makes the application's new sessions answer each request with fn. */
MI_Result stub_transport_install(MI_Application *app, stub_answer_fn fn, void *ctx);

#endif
