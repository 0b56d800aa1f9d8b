/* server/state.h: the --state file: the repository saved as MOF instance declarations. */
#ifndef MOFBIND_SERVER_STATE_H
#define MOFBIND_SERVER_STATE_H

#include "server_int.h"
#include "wsman.h"

/* Appends the MOF text of every instance (`#pragma namespace` before each namespace's run) to
 * b. The caller holds the repository lock. Returns 0, or -1 when memory ran out. Values MOF
 * cannot spell (NaN, infinities) are left out and read back as NULL. */
int srv_state_render(msrv_server *srv, wsman_buf *b);

/* Writes the state file atomically (temporary file, fsync, rename, directory fsync); nothing
 * when no state file is configured. The caller holds the repository lock (read or write).
 * Returns 0, or -1 with a message in err. */
int srv_state_save(msrv_server *srv, char *err, size_t errlen);

#endif
