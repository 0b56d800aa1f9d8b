/* generator/mof/model.c: the model's small shared pieces: units, name maps, type names. */
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
    for (;; p++, q++) {
        unsigned char c = *p, d = *q;
        if (c == d) {
            if (!c)
                return true;
        } else if ((c | 0x20) != (d | 0x20) || (unsigned)((c | 0x20) - 'a') > 'z' - 'a') {
            return false;
        }
    }
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

/* The map keeps its entries in an insertion-ordered array (so iteration follows declaration
 * order) and an open-addressing index of slots pointing into it. Both live in one arena block:
 * cap slots, then cap entries; the load stays under 3/4, so n < cap. */
struct mof_map_slot {
    uint32_t hash;
    uint32_t idx;   /* entry index + 1; 0 for an empty slot */
};

struct mof_map_entry {
    const char *name;
    void *value;
};

void mof_map_init(mof_map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

static struct mof_map_entry *map_entries(const mof_map *m)
{
    return (struct mof_map_entry *)(void *)(m->slots + m->cap);
}

/* The slot holding name, or the empty slot where it would go. */
static struct mof_map_slot *map_find(const mof_map *m, const char *name, uint32_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    const struct mof_map_entry *e = map_entries(m);
    for (;;) {
        struct mof_map_slot *s = &m->slots[i];
        if (!s->idx || (s->hash == h && mof_name_eq(e[s->idx - 1].name, name)))
            return s;
        i = (i + 1) & mask;
    }
}

/* Rebuilds the index into a new block of ncap slots (old blocks stay in the arena). */
static bool map_rehash(mof_map *m, mof_arena *a, size_t ncap)
{
    mof_map old = *m;
    size_t i;
    struct mof_map_slot *slots =
        mof_zalloc(a, ncap * sizeof *slots + ncap * sizeof(struct mof_map_entry));
    if (!slots)
        return false;
    m->slots = slots;
    m->cap = ncap;
    if (old.n)
        memcpy(map_entries(m), map_entries(&old), old.n * sizeof(struct mof_map_entry));
    for (i = 0; i < m->n; i++) {
        const char *name = map_entries(m)[i].name;
        uint32_t h = mof_name_hash(name);
        struct mof_map_slot *s = map_find(m, name, h);
        s->hash = h;
        s->idx = (uint32_t)i + 1;
    }
    return true;
}

void *mof_map_put(mof_map *m, mof_arena *a, const char *name, void *value)
{
    uint32_t h = mof_name_hash(name);
    struct mof_map_slot *s;
    struct mof_map_entry *e;
    if ((m->n + 1) * 4 > m->cap * 3 && !map_rehash(m, a, m->cap ? m->cap * 2 : 16))
        return NULL;
    s = map_find(m, name, h);
    if (s->idx)
        return map_entries(m)[s->idx - 1].value;
    e = &map_entries(m)[m->n];
    e->name = name;
    e->value = value;
    s->hash = h;
    s->idx = (uint32_t)++m->n;
    return NULL;
}

void *mof_map_set(mof_map *m, mof_arena *a, const char *name, void *value)
{
    struct mof_map_slot *s;
    void *prev;
    if (!m->cap)
        return mof_map_put(m, a, name, value);
    s = map_find(m, name, mof_name_hash(name));
    if (!s->idx)
        return mof_map_put(m, a, name, value);
    prev = map_entries(m)[s->idx - 1].value;
    map_entries(m)[s->idx - 1].value = value;
    return prev;
}

void *mof_map_del(mof_map *m, mof_arena *a, const char *name)
{
    struct mof_map_slot *s;
    struct mof_map_entry *e;
    struct mof_map_entry gone;
    size_t i;
    if (!m->cap)
        return NULL;
    s = map_find(m, name, mof_name_hash(name));
    if (!s->idx)
        return NULL;
    e = map_entries(m);
    i = s->idx - 1;
    gone = e[i];
    memmove(&e[i], &e[i + 1], (m->n - i - 1) * sizeof *e);
    m->n--;
    /* Deleting is rare (#pragma deleteclass): rebuilding the index keeps probing simple. */
    if (!map_rehash(m, a, m->cap)) {
        m->n++;   /* out of memory: the sticky arena flag reports it; keep the map usable */
        memmove(&e[i + 1], &e[i], (m->n - i - 1) * sizeof *e);
        e[i] = gone;
        return NULL;
    }
    return gone.value;
}

void *mof_map_get(const mof_map *m, const char *name)
{
    struct mof_map_slot *s;
    if (!m->cap)
        return NULL;
    s = map_find(m, name, mof_name_hash(name));
    return s->idx ? map_entries(m)[s->idx - 1].value : NULL;
}

void *mof_map_at(const mof_map *m, size_t i)
{
    return i < m->n ? map_entries(m)[i].value : NULL;
}

const char *mof_map_name_at(const mof_map *m, size_t i)
{
    return i < m->n ? map_entries(m)[i].name : NULL;
}
