/* SPDX-License-Identifier: MIT */
/* server/enums.h: open WS-Enumeration contexts of mofbind-server: each holds a snapshot of the
 * instances an Enumerate selected (copies, so Pulls see a consistent set however the
 * repository changes meanwhile), taken page by page by Pull and dropped by Release, at the
 * end of the sequence, after SRV_ENUM_IDLE_SECONDS without use, or (oldest first) when the
 * table is full or the contexts together hold more than SRV_ENUM_MAX_ITEMS instances.
 * The bytes the snapshots hold, all contexts together (in the table or being pulled), are
 * bounded too: an Enumerate whose snapshot would pass the limit is refused
 * (MI_RESULT_SERVER_LIMITS_EXCEEDED), so unreleased contexts cannot grow the server's memory
 * past it whatever the instances weigh.
 *
 * Threads: the table has its own lock; a context being pulled is taken out of the table for
 * the time of the Pull (srv_enums_take, then srv_enums_put), so two Pulls of one context
 * cannot interleave: the second finds no context. */
#ifndef MOFBIND_SERVER_ENUMS_H
#define MOFBIND_SERVER_ENUMS_H

#include <stdbool.h>
#include <stddef.h>

#include <mofbind/mi.h>

#define SRV_ENUM_IDLE_SECONDS 600
#define SRV_ENUM_MAX_ITEMS                                                                         \
    200000u /* instances held by all open contexts together (the                                   \
               newest context may exceed it alone) */

typedef struct srv_enums srv_enums;

/* A context may be fed while it is pulled (a provider's stream, providers.h): closing it
 * returns the bytes of the byte limit the feed still held. */
typedef size_t (*srv_enum_close_fn)(void *feed);

typedef struct srv_enum {
    srv_enums *owner; /* whose byte count holds this context's (NULL: none) */
    size_t bytes;
    char id[48];
    MI_Instance **items; /* owned; NULL for a class enumeration */
    char **xml;          /* owned: a class enumeration's items (CIM-XML), else NULL */
    size_t n;
    size_t pos; /* next item to hand out */
    bool epr_mode;
    void *feed; /* NULL: items is the whole sequence; else a batch of it, the rest to come */
    srv_enum_close_fn close_feed;
    bool feed_ended; /* the feed has nothing more */
    char class_name[96];
    long long last_used; /* monotonic seconds */
} srv_enum;

/* max contexts; max_bytes held by all contexts together. */
srv_enums *srv_enums_new(size_t max, size_t max_bytes);

/* About how many bytes a copy of inst holds (its values, strings, arrays and embedded
 * instances), for the byte limit. */
size_t srv_instance_bytes(const MI_Instance *inst);

/* Counts bytes against the limit for a context about to be made (idle contexts are dropped
 * first). Returns 0, or -1 when the limit would be passed (nothing counted). */
int srv_enums_reserve(srv_enums *t, size_t bytes);
/* Gives back bytes counted with srv_enums_reserve. */
void srv_enums_release(srv_enums *t, size_t bytes);
/* The limit (for messages). */
size_t srv_enums_max_bytes(const srv_enums *t);
void srv_enums_free(srv_enums *t);

/* A new context over items (adopted, also on failure; NULL when the caller sets xml after),
 * holding bytes reserved from owner
 * (given back when it is freed, or now on failure). Returns it (owned by the caller until
 * put back), or NULL when out of memory. */
srv_enum *srv_enum_new(srv_enums *owner, size_t bytes, MI_Instance **items, size_t n, bool epr_mode,
                       const char *class_name);
void srv_enum_free(srv_enum *e);

/* Puts e into the table (evicting the oldest when full). Returns 0, or -1 (e freed). */
int srv_enums_put(srv_enums *t, srv_enum *e);

/* Takes the context named id out of the table; NULL when unknown or expired. Until it is put
 * back or freed, the table remembers that it is being pulled. */
srv_enum *srv_enums_take(srv_enums *t, const char *id);

/* A Release of the context named id while it is being pulled (a client cancelling during a
 * Pull releases the context that Pull holds): true when it is, and then the Pull's
 * srv_enums_put frees it instead of putting it back (its provider, if it streams one, is told
 * at once through the feed's close). */
bool srv_enums_release_pulled(srv_enums *t, const char *id);

#endif
