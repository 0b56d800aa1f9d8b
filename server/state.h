/* server/state.h: the --state file: the repository saved as MOF instance declarations. */
#ifndef MOFBIND_SERVER_STATE_H
#define MOFBIND_SERVER_STATE_H

#include "server_int.h"
#include "wsman.h"

/* Appends the MOF text of every instance (`#pragma namespace` before each namespace's run) to
 * b. The caller holds the repository lock. Returns 0, or -1 when memory ran out. Values MOF
 * cannot spell (NaN, infinities) are left out and read back as NULL. */
int srv_state_render(msrv_server *srv, wsman_buf *b);

/* Makes the change of generation gen (srv->state_gen as the change left it, under the
 * repository's write lock) durable: unless a save that includes it has already been made, the
 * whole repository is rendered (under the read lock) and written atomically (temporary file,
 * fsync, rename, fsync of the directory). Saves are serialized, and one save covers every
 * change made before it rendered: concurrent changes share an fsync (group commit). Call it
 * without holding the repository lock; nothing happens when no state file is configured.
 * Returns 0, or -1 with a message in err. */
int srv_state_commit(msrv_server *srv, unsigned long long gen, char *err, size_t errlen);

#endif
