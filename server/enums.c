/* server/enums.c: the table of open enumeration contexts. See enums.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enums.h"
#include "wsman.h"

struct srv_enums {
    pthread_mutex_t lock;
    srv_enum **v;
    size_t n, max;
    size_t items; /* instances held by the contexts in the table */
};

static long long now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec;
}

srv_enums *srv_enums_new(size_t max)
{
    srv_enums *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->max = max ? max : 1;
    t->v = calloc(t->max, sizeof *t->v);
    if (!t->v) {
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

void srv_enum_free(srv_enum *e)
{
    size_t i;
    if (!e)
        return;
    for (i = 0; i < e->n; i++)
        if (e->items[i])
            MI_Instance_Delete(e->items[i]);
    free(e->items);
    free(e);
}

void srv_enums_free(srv_enums *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->n; i++)
        srv_enum_free(t->v[i]);
    free(t->v);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

srv_enum *srv_enum_new(MI_Instance **items, size_t n, bool epr_mode, const char *class_name)
{
    srv_enum *e = calloc(1, sizeof *e);
    char id[WSMAN_MSGID_SIZE];
    if (!e) {
        size_t i;
        for (i = 0; i < n; i++)
            MI_Instance_Delete(items[i]);
        free(items);
        return NULL;
    }
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
    srv_enum_free(t->v[i]);
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
    t->n--;
}

int srv_enums_put(srv_enums *t, srv_enum *e)
{
    long long now = now_s();
    size_t i;
    pthread_mutex_lock(&t->lock);
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
            } else {
                drop_at(t, i);
            }
            break;
        }
    }
    pthread_mutex_unlock(&t->lock);
    return e;
}
