/* SPDX-License-Identifier: MIT */
/* server/repo.h: the in-memory instance repository of mofbind-server: instances of resolved
 * classes, each under the canonical text of its key values (srv_instance_key, typing.h) in the
 * key space of the class that declares the keys, kept in insertion order for enumeration and
 * for the state file.
 *
 * Key spaces: the keys an instance is known by are declared by one class (the topmost class
 * of its superclass chain that has keys), and every instance of that class and of all its
 * subclasses shares one space: an Acme_ThinVolume "e1" and an Acme_StorageVolume "e1" (its
 * superclass, which declares the key) are the same instance name, so only one can exist. A
 * class without keys is its own space (it holds one instance).
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

/* The class whose instances share cls's key space (see above). */
const mof_class *srv_repo_key_space(const mof_class *cls);

/* The instance under key in cls's key space when it is an instance of cls or of a subclass of
 * cls, or NULL. */
MI_Instance *srv_repo_find(srv_repo *r, const mof_class *cls, const char *key);

/* The instance under key in cls's key space whatever its class (*actual, may be NULL), or
 * NULL: whether a new instance of cls with these keys would clash. */
MI_Instance *srv_repo_find_space(srv_repo *r, const mof_class *cls, const char *key,
                                 const mof_class **actual);

/* Adds inst (adopted, of class cls) under key; the caller has checked that the key is free in
 * cls's key space. Returns 0, or -1 when out of memory (inst is then not adopted). */
int srv_repo_insert(srv_repo *r, const mof_class *cls, const char *key, MI_Instance *inst);

/* Puts inst (adopted, now of class cls) in place of the instance under key in cls's key space,
 * keeping its position; returns the old instance, or NULL when there was none (then nothing is
 * adopted). */
MI_Instance *srv_repo_replace(srv_repo *r, const mof_class *cls, const char *key,
                              MI_Instance *inst);

/* Takes the instance under key out when it is one of cls or of a subclass (srv_repo_find);
 * returns it (the caller deletes it) or NULL. */
MI_Instance *srv_repo_remove(srv_repo *r, const mof_class *cls, const char *key);

/* Calls fn for each instance in insertion order (until it returns nonzero, which is then
 * returned). cls NULL: every instance; otherwise those of cls and (deep) of its subclasses. */
typedef int (*srv_repo_fn)(void *ctx, const mof_class *cls, const MI_Instance *inst);
int srv_repo_each(srv_repo *r, const mof_class *cls, srv_repo_fn fn, void *ctx);

/* Number of instances (of cls and its subclasses when cls is set; of namespace ns when set).
 * Constant time for all of them (both NULL), linear otherwise. */
size_t srv_repo_count(srv_repo *r, const mof_namespace *ns, const mof_class *cls);

#endif
