/* server/repo.h: the in-memory instance repository of mofbind-server: instances of resolved
 * classes, each under the canonical text of its key values (srv_instance_key, typing.h), kept
 * in insertion order for enumeration and for the state file.
 *
 * Threads: one reader-writer lock guards everything; callers take it around each operation
 * (srv_repo_rdlock / srv_repo_wrlock, then srv_repo_unlock). The repository owns its
 * instances: insert adopts, find lends (valid while the lock is held), remove and replace hand
 * the old instance back to the caller to delete. */
#ifndef MOFBIND_SERVER_REPO_H
#define MOFBIND_SERVER_REPO_H

#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"

typedef struct srv_repo srv_repo;

srv_repo *srv_repo_new(void);
void srv_repo_free(srv_repo *r);

void srv_repo_rdlock(srv_repo *r);
void srv_repo_wrlock(srv_repo *r);
void srv_repo_unlock(srv_repo *r);

/* The instance of cls under key, or NULL. */
MI_Instance *srv_repo_find(srv_repo *r, const mof_class *cls, const char *key);

/* Adds inst (adopted) under key; the caller has checked that the key is free. Returns 0, or
 * -1 when out of memory (inst is then not adopted). */
int srv_repo_insert(srv_repo *r, const mof_class *cls, const char *key, MI_Instance *inst);

/* Puts inst (adopted) in place of the instance under key, keeping its position; returns the
 * old instance, or NULL when there was none (then nothing is adopted). */
MI_Instance *srv_repo_replace(srv_repo *r, const mof_class *cls, const char *key,
                              MI_Instance *inst);

/* Takes the instance under key out; returns it (the caller deletes it) or NULL. */
MI_Instance *srv_repo_remove(srv_repo *r, const mof_class *cls, const char *key);

/* Calls fn for each instance in insertion order (until it returns nonzero, which is then
 * returned). cls NULL: every instance; otherwise those of cls and (deep) of its subclasses. */
typedef int (*srv_repo_fn)(void *ctx, const mof_class *cls, const MI_Instance *inst);
int srv_repo_each(srv_repo *r, const mof_class *cls, srv_repo_fn fn, void *ctx);

/* Number of instances (of cls and its subclasses when cls is set; of namespace ns when set).
 * Constant time for all of them (both NULL), linear otherwise. */
size_t srv_repo_count(srv_repo *r, const mof_namespace *ns, const mof_class *cls);

#endif
