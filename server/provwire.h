/* SPDX-License-Identifier: MIT */
/* server/provwire.h: the messages between mofbind-server and a provider host process
 * (mofbind-provider-host): length-prefixed frames over a stream socket, carrying requests one
 * way and posted instances, results and log lines the other, with instances in a compact
 * binary form. Both ends are the same build on the same machine, so numbers travel in the
 * machine's own byte order; what the host sends is still read as untrusted (it runs provider
 * code): every length is checked, depth and sizes are bounded, and a bad frame is an error,
 * never a crash (tests/fuzz/fuzz_provwire.c).
 *
 * Frame: u32 length of the rest, u8 kind, u64 request id, then the kind's fields. */
#ifndef MOFBIND_SERVER_PROVWIRE_H
#define MOFBIND_SERVER_PROVWIRE_H

#include <stddef.h>
#include <stdint.h>

#include <mofbind/mi.h>
#include "wsman.h"

#define PW_MAX_FRAME (64u * 1024u * 1024u) /* a frame over this is refused */
#define PW_MAX_DEPTH 16                    /* embedded instances and references */

typedef enum pw_kind {
    /* host -> server */
    PW_HELLO = 1,    /* str error ("" when loaded), u32 n, n x str class name */
    PW_INSTANCE = 2, /* instance */
    PW_RESULT = 3,   /* u32 result, str message, u8 has error, [instance error] */
    PW_LOG = 4,      /* u32 channel, str message */
    PW_SESSION = 5,  /* str body: a WS-Man request of the providers' local session
                        (MI_Context_GetLocalSession), answered by PW_SESSION_REPLY of the
                        same id */
    /* An indication the provider posted on the indication context of a class (request id 0):
       str class, str bookmark, instance (pw_get_indication) */
    PW_INDICATION = 6,
    /* The provider posted a result on that context outside DisableIndications, which ends
       the class's subscriptions: str class, u32 result, str message (pw_get_ind_end) */
    PW_IND_END = 7,
    /* server -> host */
    PW_REQUEST = 10, /* u8 op, str ns, str class, str method, u8 keysOnly, u8 has a,
                       [instance a], u8 has b, [instance b], str resultClass, str role,
                       str resultRole, str queryLanguage, str query, str locale,
                       str dataLocale ("" travels for none), u8 has options, [instance
                       options: one element per custom operation option, typed], u32 n,
                       n x str property (the provider's MI_PropertySet; 0: none), u64
                       subscriptionID, str bookmark (for Subscribe and Unsubscribe) */
    /* u32 HTTP status, str body: the WS-Man response */
    PW_SESSION_REPLY = 11,
    /* The server gave up on the request of this id (its time limit passed, the client released
       its enumeration, the server stops): u32 reason, an MI_CancellationReason
       (pw_get_cancel). The host calls the provider's MI_Context_RegisterCancel callback and
       refuses the context's later posts; nothing of the request is sent back any more. */
    PW_CANCEL = 12
} pw_kind;

typedef enum pw_op {
    PW_OP_GET = 1,
    PW_OP_ENUMERATE,
    PW_OP_CREATE,
    PW_OP_MODIFY,
    PW_OP_DELETE,
    PW_OP_INVOKE,
    PW_OP_ASSOCIATORS, /* class: the association class; a: the source's keys */
    PW_OP_REFERENCES,
    /* class: the indication class; query: the subscription's filter. The host calls
       EnableIndications before the class's first subscription and DisableIndications after
       its last Unsubscribe, as OMI's provider manager does. */
    PW_OP_SUBSCRIBE,
    PW_OP_UNSUBSCRIBE
} pw_op;

/* Writing: a frame is built in a wsman_buf (begin, the fields, end); out of memory marks the
 * buffer failed. */
void pw_begin(wsman_buf *b, pw_kind kind, uint64_t id);
void pw_u8(wsman_buf *b, uint8_t v);
void pw_u32(wsman_buf *b, uint32_t v);
void pw_u64(wsman_buf *b, uint64_t v);
void pw_str(wsman_buf *b, const char *s); /* NULL travels as "" */
void pw_strn(wsman_buf *b, const char *s, size_t n); /* n bytes without a NUL among them */
/* An instance: its class name, namespace and elements (name, type, flags, value). Returns
 * MI_RESULT_OK, INVALID_PARAMETER for a value it cannot carry (too deep, bad type). */
MI_Result pw_instance(wsman_buf *b, const MI_Instance *inst);
/* Fills in the frame's length. Returns 0, or -1 when the buffer failed or is over the limit. */
int pw_end(wsman_buf *b);

/* Reading: a cursor over one frame's bytes (after the length). Every getter returns 0, or -1
 * when the frame is too short or malformed (the cursor is then spent). */
typedef struct pw_reader {
    const unsigned char *p, *end;
} pw_reader;

int pw_get_u8(pw_reader *r, uint8_t *v);
int pw_get_u32(pw_reader *r, uint32_t *v);
int pw_get_u64(pw_reader *r, uint64_t *v);
/* A string: points into the frame (it travels with its NUL), valid while the frame is. */
int pw_get_str(pw_reader *r, const char **s);
/* A new dynamic instance (libmicore) the caller frees with MI_Instance_Delete. When decl_of
 * is given, an instance whose class it knows is made from that declaration instead (the
 * elements are then set by name, added when the declaration lacks them). */
typedef const MI_ClassDecl *(*pw_decl_fn)(void *ctx, const char *name);
int pw_get_instance(pw_reader *r, pw_decl_fn decl_of, void *ctx, MI_Instance **out);

/* A list of names (u32 n, n x str): *names a malloc'd array of n pointers into the frame, the
 * caller frees it (NULL on failure). */
int pw_get_names(pw_reader *r, const char ***names, uint32_t *n);

/* A local session's exchange (PW_SESSION, PW_SESSION_REPLY): the fields after the id. The body
 * points into the frame. Return 0, or -1 when malformed. */
int pw_get_session(pw_reader *r, const char **body, size_t *len);
int pw_get_session_reply(pw_reader *r, uint32_t *status, const char **body, size_t *len);
/* The fields of PW_INDICATION and PW_IND_END after the request id (strings point into the
 * frame; *inst is the caller's to delete). 0, or -1 when malformed. */
int pw_get_indication(pw_reader *r, const char **cls, const char **bookmark, MI_Instance **inst);
int pw_get_ind_end(pw_reader *r, const char **cls, MI_Result *result, const char **message);
/* The field of PW_CANCEL after the request id: 0, or -1 when malformed or not a reason. */
int pw_get_cancel(pw_reader *r, MI_CancellationReason *reason);

/* Whole frames over a file descriptor. pw_send writes all of b (EINTR retried; no SIGPIPE:
 * MSG_NOSIGNAL). pw_recv reads one frame into *data (malloc'd, the caller frees) and *len.
 * Both return 0, or -1 on end of file, an error or an oversized frame. */
int pw_send(int fd, const wsman_buf *b);
int pw_recv(int fd, unsigned char **data, size_t *len);

#endif
