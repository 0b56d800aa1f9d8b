/* SPDX-License-Identifier: MIT */
/* server/enums.c: the table of open enumeration contexts. See enums.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enums.h"
#include "core.h"
#include "wsman.h"

/* A context being pulled (taken, not yet put back or freed), and whether a Release came for it
 * meanwhile. */
struct taken {
    char id[48];
    bool released;
};

struct srv_enums {
    pthread_mutex_t lock;
    srv_enum **v;
    size_t n, max;
    size_t items;            /* instances held by the contexts in the table */
    size_t bytes, max_bytes; /* held by every live context (table or taken); its limit */
    struct taken *taken;     /* the contexts being pulled */
    size_t n_taken, cap_taken;
};

/* The index of id among the taken contexts, or n_taken. t->lock held. */
static size_t taken_at(const srv_enums *t, const char *id)
{
    size_t i;
    for (i = 0; i < t->n_taken && strcmp(t->taken[i].id, id) != 0; i++)
        ;
    return i;
}

/* Forgets the taken context id; returns whether a Release came for it. t->lock held. */
static bool untake(srv_enums *t, const char *id)
{
    size_t i = taken_at(t, id);
    bool released;
    if (i == t->n_taken)
        return false;
    released = t->taken[i].released;
    t->taken[i] = t->taken[--t->n_taken];
    return released;
}

bool srv_enums_release_pulled(srv_enums *t, const char *id)
{
    size_t i;
    if (!id)
        return false;
    pthread_mutex_lock(&t->lock);
    i = taken_at(t, id);
    if (i < t->n_taken)
        t->taken[i].released = true;
    pthread_mutex_unlock(&t->lock);
    return i < t->n_taken;
}

static long long now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec;
}

srv_enums *srv_enums_new(size_t max, size_t max_bytes)
{
    srv_enums *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->max = max ? max : 1;
    t->max_bytes = max_bytes;
    t->v = calloc(t->max, sizeof *t->v);
    if (!t->v) {
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

static void give_back(srv_enums *t, size_t bytes)
{
    pthread_mutex_lock(&t->lock);
    t->bytes -= bytes < t->bytes ? bytes : t->bytes;
    pthread_mutex_unlock(&t->lock);
}

void srv_enums_release(srv_enums *t, size_t bytes)
{
    give_back(t, bytes);
}

/* srv_enum_free with the table's lock held. */
static void enum_free_locked(srv_enum *e)
{
    size_t i;
    if (e->feed) /* (the feed takes its provider's lock, never the table's) */
        e->bytes += e->close_feed(e->feed);
    if (e->owner)
        e->owner->bytes -= e->bytes < e->owner->bytes ? e->bytes : e->owner->bytes;
    for (i = 0; i < e->n; i++) {
        if (e->items && e->items[i])
            MI_Instance_Delete(e->items[i]);
        if (e->xml)
            free(e->xml[i]);
    }
    free(e->items);
    free(e->xml);
    free(e);
}

void srv_enum_free(srv_enum *e)
{
    size_t i;
    if (!e)
        return;
    if (e->owner) {
        pthread_mutex_lock(&e->owner->lock);
        (void)untake(e->owner, e->id);
        pthread_mutex_unlock(&e->owner->lock);
    }
    if (e->feed)
        e->bytes += e->close_feed(e->feed);
    if (e->owner)
        give_back(e->owner, e->bytes);
    for (i = 0; i < e->n; i++) {
        if (e->items && e->items[i])
            MI_Instance_Delete(e->items[i]);
        if (e->xml)
            free(e->xml[i]);
    }
    free(e->items);
    free(e->xml);
    free(e);
}

void srv_enums_free(srv_enums *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->n; i++) {
        t->v[i]->owner = NULL;
        srv_enum_free(t->v[i]);
    }
    free(t->v);
    free(t->taken);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

srv_enum *srv_enum_new(srv_enums *owner, size_t bytes, MI_Instance **items, size_t n, bool epr_mode,
                       const char *class_name)
{
    srv_enum *e = calloc(1, sizeof *e);
    char id[WSMAN_MSGID_SIZE];
    if (!e) {
        size_t i;
        for (i = 0; items && i < n; i++)
            MI_Instance_Delete(items[i]);
        free(items);
        if (owner)
            give_back(owner, bytes);
        return NULL;
    }
    e->owner = owner;
    e->bytes = bytes;
    wsman_new_message_id(id);
    snprintf(e->id, sizeof e->id, "%s", id);
    e->items = items;
    e->n = n;
    e->epr_mode = epr_mode;
    snprintf(e->class_name, sizeof e->class_name, "%s", class_name ? class_name : "");
    e->last_used = now_s();
    return e;
}

static void drop_at(srv_enums *t, size_t i)
{
    t->items -= t->v[i]->n;
    enum_free_locked(t->v[i]);
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
    t->n--;
}

int srv_enums_put(srv_enums *t, srv_enum *e)
{
    long long now = now_s();
    size_t i;
    pthread_mutex_lock(&t->lock);
    if (untake(t, e->id)) {
        /* released while it was pulled */
        pthread_mutex_unlock(&t->lock);
        srv_enum_free(e);
        return 0;
    }
    for (i = 0; i < t->n;) {
        if (now - t->v[i]->last_used > SRV_ENUM_IDLE_SECONDS)
            drop_at(t, i);
        else
            i++;
    }
    /* The table is kept oldest first. */
    while (t->n > 0 && (t->n == t->max || t->items + e->n > SRV_ENUM_MAX_ITEMS))
        drop_at(t, 0);
    e->last_used = now;
    t->v[t->n++] = e;
    t->items += e->n;
    pthread_mutex_unlock(&t->lock);
    return 0;
}

srv_enum *srv_enums_take(srv_enums *t, const char *id)
{
    srv_enum *e = NULL;
    size_t i;
    long long now = now_s();
    if (!id)
        return NULL;
    pthread_mutex_lock(&t->lock);
    for (i = 0; i < t->n; i++) {
        if (strcmp(t->v[i]->id, id) == 0) {
            if (now - t->v[i]->last_used <= SRV_ENUM_IDLE_SECONDS) {
                e = t->v[i];
                t->items -= e->n;
                memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
                t->n--;
                if (t->n_taken == t->cap_taken) {
                    size_t cap = t->cap_taken ? t->cap_taken * 2 : 8;
                    struct taken *nv = realloc(t->taken, cap * sizeof *nv);
                    if (nv) {
                        t->taken = nv;
                        t->cap_taken = cap;
                    }
                }
                if (t->n_taken < t->cap_taken) { /* (else a Release meanwhile is refused) */
                    snprintf(t->taken[t->n_taken].id, sizeof t->taken[t->n_taken].id, "%s", e->id);
                    t->taken[t->n_taken++].released = false;
                }
            } else {
                drop_at(t, i);
            }
            break;
        }
    }
    pthread_mutex_unlock(&t->lock);
    return e;
}

int srv_enums_reserve(srv_enums *t, size_t bytes)
{
    long long now = now_s();
    size_t i;
    int rc = 0;
    pthread_mutex_lock(&t->lock);
    for (i = 0; i < t->n;) {
        if (now - t->v[i]->last_used > SRV_ENUM_IDLE_SECONDS)
            drop_at(t, i);
        else
            i++;
    }
    /* Refused rather than evicting other clients' contexts: the client that asks for more
     * than the server holds is the one told so. */
    if (bytes > t->max_bytes || t->bytes > t->max_bytes - bytes)
        rc = -1;
    else
        t->bytes += bytes;
    pthread_mutex_unlock(&t->lock);
    return rc;
}

size_t srv_enums_max_bytes(const srv_enums *t)
{
    return t->max_bytes;
}

static size_t value_bytes(MI_Type t, const MI_Value *v, int depth)
{
    size_t n = 0, i;
    if (t & MI_ARRAY) {
        MI_Type st = (MI_Type)(t & ~MI_ARRAY);
        n += (size_t)v->array.size * mic_scalar_size(st);
        if (st == MI_STRING || st == MI_INSTANCE || st == MI_REFERENCE)
            for (i = 0; i < v->array.size; i++) {
                MI_Value one;
                memset(&one, 0, sizeof one);
                memcpy(&one, (const char *)v->array.data + i * mic_scalar_size(st),
                       mic_scalar_size(st));
                n += value_bytes(st, &one, depth);
            }
        return n;
    }
    if (t == MI_STRING && v->string)
        return strlen(v->string) + 1;
    if ((t == MI_INSTANCE || t == MI_REFERENCE) && v->instance && depth < 32) {
        MI_Uint32 k, ne = 0;
        n = 64;
        MI_Instance_GetElementCount(v->instance, &ne);
        for (k = 0; k < ne; k++) {
            const MI_Char *name;
            MI_Value ev;
            MI_Type et;
            MI_Uint32 f = 0;
            if (MI_Instance_GetElementAt(v->instance, k, &name, &ev, &et, &f) != MI_RESULT_OK)
                continue;
            n += sizeof(MI_Value) + 16;
            if (!(f & MI_FLAG_NULL))
                n += value_bytes(et, &ev, depth + 1);
        }
    }
    return n;
}

size_t srv_instance_bytes(const MI_Instance *inst)
{
    MI_Value v;
    v.instance = (MI_Instance *)inst;
    return value_bytes(MI_INSTANCE, &v, 0);
}
