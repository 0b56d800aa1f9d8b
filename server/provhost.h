/* SPDX-License-Identifier: MIT */
/* server/provhost.h: the provider host: loads one provider library through MI_Main and serves
 * the requests mofbind-server sends over a socket (provwire.h) by calling the library's
 * MI_ProviderFT, with an MI_Context whose posts go back over the socket. It runs as a process
 * of its own (mofbind-provider-host, so that a crashing provider takes down only its host) or,
 * for debugging, on a thread of the server. */
#ifndef MOFBIND_SERVER_PROVHOST_H
#define MOFBIND_SERVER_PROVHOST_H

#include <mofbind/mi.h>
#include "provwire.h"

/* Sends one frame (begun with pw_begin) to the server: 0, or -1 when it cannot. */
typedef int (*srv_provhost_send_fn)(void *ctx, wsman_buf *frame);

/* Where MI_Context_GetLocalSession's session comes from (server/provsession.h): session gives
 * the host's one session (made at the first call, its requests sent through send); reply hands
 * it a PW_SESSION_REPLY frame; end fails what still waits for the server, which closed the
 * connection; close closes the session once the providers are unloaded. */
typedef struct srv_provhost_local {
    MI_Result (*session)(srv_provhost_send_fn send, void *ctx, MI_Session *out);
    void (*reply)(const unsigned char *frame, size_t len);
    void (*end)(void);
    void (*close)(void);
} srv_provhost_local;

/* Serves until the server closes fd (then unloads the provider and returns 0), or returns 1
 * when the library cannot be loaded (after telling the server why). fd is closed on return.
 * Each request runs on a thread of its own, so a provider that blocks holds up only its own
 * request. local: the providers' local session, or NULL (in process: GetLocalSession answers
 * MI_RESULT_NOT_SUPPORTED). Each class's provider is loaded at its class's first request and,
 * idle for idle_timeout seconds (0: never) or idle after MI_Context_RequestUnload, unloaded
 * unless it called RefuseUnload; the module (the library closed) after its last class provider
 * (or idle_timeout after its load when no class's was loaded); each loaded again at the next
 * request. A PW_CANCEL, or the connection's end, cancels requests. */
int srv_provhost_run(int fd, const char *path, const srv_provhost_local *local,
                     unsigned idle_timeout);

#endif
