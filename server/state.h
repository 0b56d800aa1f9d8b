/* SPDX-License-Identifier: MIT */
/* server/state.h: the --state file: the repository saved as MOF instance declarations. */
#ifndef MOFBIND_SERVER_STATE_H
#define MOFBIND_SERVER_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "server_int.h"
#include "wsman.h"

/* Appends the MOF text of every instance (`#pragma namespace` before each namespace's run) to
 * b. The caller holds the repository lock. Returns 0, or -1 with a message in err when memory
 * ran out or a value has no MOF spelling (NaN, infinities: Create and Put refuse them first,
 * so nothing is ever left out quietly). */
int srv_state_render(msrv_server *srv, wsman_buf *b, char *err, size_t errlen);

/* Whether the state file can keep inst so that it reads back bit for bit: MI_RESULT_OK, or
 * MI_RESULT_INVALID_PARAMETER with the property and the reason in msg (NaN or an infinity, an
 * interval over 99,999,999 days, a reference whose keys are references). Create and Put call
 * it when a state file is configured. */
MI_Result srv_state_check(const MI_Instance *inst, char *msg, size_t msglen);

/* Makes the change of generation gen (srv->state_gen as the change left it, under the
 * repository's write lock) durable: unless a save that includes it has already been made, the
 * whole repository is rendered (under the read lock) and written atomically (temporary file,
 * fsync, rename, fsync of the directory). Saves are serialized, and one save covers every
 * change made before it rendered: concurrent changes share an fsync (group commit). Call it
 * without holding the repository lock; nothing happens when no state file is configured.
 * Returns 0, or -1 with a message in err. */
int srv_state_commit(msrv_server *srv, unsigned long long gen, char *err, size_t errlen);

/* Removes the temporary files (FILE.XXXXXX) of saves killed midway, saying so in the log.
 * Returns how many. */
int srv_state_clean_temps(msrv_server *srv, const char *path);

/* --state-recover: the state file split into its top-level declarations (each starts on a line
 * that starts in column 0), so that those that do not load can be set aside. */
typedef struct srv_state_chunk {
    size_t off, end; /* bytes of the file */
    uint32_t line;   /* where it starts */
    bool rejected;
    char why[256]; /* the first error that set it aside */
} srv_state_chunk;

typedef struct srv_state_chunks {
    char *orig; /* the file as read */
    char *text; /* the same, the rejected declarations blanked (newlines kept, so every line
                   keeps its number): what the loader reads */
    size_t len;
    srv_state_chunk *v;
    size_t n, n_rejected;
} srv_state_chunks;

int srv_state_chunks_read(const char *path, srv_state_chunks *c, char *err, size_t errlen);
/* Sets aside the declaration that holds line. Returns 1, or 0 when it already was. */
int srv_state_chunks_reject(srv_state_chunks *c, uint32_t line, const char *why);
/* Appends the rejected declarations, each after a comment with its place and error, to
 * PATH.rejected (named into out), and syncs it. Returns 0, or -1 with err. */
int srv_state_write_rejected(const char *path, const srv_state_chunks *c, char *out, size_t outlen,
                             char *err, size_t errlen);
void srv_state_chunks_free(srv_state_chunks *c);

#endif
