/* generator/model.c: the model's small shared pieces: units, name maps, type names. */
#include "model.h"

#include <string.h>

#include "diag.h"

void mof_unit_init(mof_unit *u, struct mof_diag *diag)
{
    memset(u, 0, sizeof *u);
    mof_arena_init(&u->arena);
    u->diag = diag;
}

void mof_unit_free(mof_unit *u)
{
    mof_arena_free(&u->arena);
    u->sources = u->last_source = NULL;
    u->decls = u->last_decl = NULL;
}

void mof_unit_append(mof_unit *u, mof_decl *d)
{
    d->next = NULL;
    if (u->last_decl)
        u->last_decl->next = d;
    else
        u->decls = d;
    u->last_decl = d;
    switch (d->kind) {
    case MOF_D_CLASS:
        u->nclasses++;
        break;
    case MOF_D_INSTANCE:
        u->ninstances++;
        break;
    case MOF_D_QUALDECL:
        u->nqualdecls++;
        break;
    case MOF_D_DELETECLASS:
        break;
    }
}

const char *mof_type_name(mof_type t)
{
    static const char *const names[] = {
        "boolean", "uint8", "sint8", "uint16", "sint16", "uint32", "sint32", "uint64",
        "sint64", "real32", "real64", "char16", "datetime", "string", "ref", "object"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

bool mof_name_eq(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && lower(*p) == lower(*q)) {
        p++;
        q++;
    }
    return lower(*p) == lower(*q);
}

uint32_t mof_name_hash(const char *s)
{
    /* FNV-1a over the lower-cased bytes. */
    uint32_t h = 2166136261u;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        h ^= lower(*p);
        h *= 16777619u;
    }
    return h;
}

/* Slots index into an insertion-ordered entry array, so iteration follows declaration order. */
struct mof_map_slot {
    const char *name;
    void *value;
    uint32_t hash;
};


void mof_map_init(mof_map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

/* The insertion order lives in a separate array stored just past the slots' end: the slot
 * array is allocated with cap slots followed by cap value pointers. */
static void **map_order(const mof_map *m)
{
    return (void **)(m->slots + m->cap);
}

static struct mof_map_slot *map_find(const mof_map *m, const char *name, uint32_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    for (;;) {
        struct mof_map_slot *s = &m->slots[i];
        if (!s->name || (s->hash == h && mof_name_eq(s->name, name)))
            return s;
        i = (i + 1) & mask;
    }
}

static bool map_grow(mof_map *m, mof_arena *a)
{
    size_t ncap = m->cap ? m->cap * 2 : 16, i;
    mof_map old = *m;
    struct mof_map_slot *slots =
        mof_zalloc(a, ncap * sizeof *slots + ncap * sizeof(void *));
    if (!slots)
        return false;
    m->slots = slots;
    m->cap = ncap;
    for (i = 0; i < old.cap; i++)
        if (old.slots[i].name)
            *map_find(m, old.slots[i].name, old.slots[i].hash) = old.slots[i];
    if (old.n)
        memcpy(map_order(m), map_order(&old), old.n * sizeof(void *));
    /* The old arrays stay in the arena until it is freed: maps only grow during resolution. */
    return true;
}

void *mof_map_put(mof_map *m, mof_arena *a, const char *name, void *value)
{
    uint32_t h = mof_name_hash(name);
    struct mof_map_slot *s;
    if ((m->n + 1) * 4 > m->cap * 3 && !map_grow(m, a))
        return NULL;
    s = map_find(m, name, h);
    if (s->name)
        return s->value;
    s->name = name;
    s->hash = h;
    s->value = value;
    map_order(m)[m->n++] = value;
    return NULL;
}

void *mof_map_get(const mof_map *m, const char *name)
{
    struct mof_map_slot *s;
    if (!m->cap)
        return NULL;
    s = map_find(m, name, mof_name_hash(name));
    return s->name ? s->value : NULL;
}

void *mof_map_at(const mof_map *m, size_t i)
{
    return i < m->n ? map_order(m)[i] : NULL;
}
