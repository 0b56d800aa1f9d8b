/* SPDX-License-Identifier: MIT */
/* generator/mof/model.c: the model's small shared pieces: units, name maps, type names. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

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
    case MOF_D_ENUM:
        u->nenums++;
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
    return util_strieq(a, b) != 0;
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

/* Edit distance between a and b ignoring ASCII case, a transposition counting as one edit
 * (optimal string alignment), or more than max. */
static size_t edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b), i, j, r0[64], r1[64], r2[64], best;
    size_t *pp = r0, *p = r1, *c = r2, *t;
    if (la >= 64 || lb >= 64)
        return max + 1;
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    for (j = 0; j <= lb; j++)
        p[j] = j;
    for (i = 1; i <= la; i++) {
        c[0] = i;
        best = c[0];
        for (j = 1; j <= lb; j++) {
            unsigned char ai = lower((unsigned char)a[i - 1]), bj = lower((unsigned char)b[j - 1]);
            size_t v = p[j - 1] + (ai == bj ? 0 : 1);
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (i > 1 && j > 1 && ai == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == bj && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
        t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[lb];
}

const char *mof_suggest(const char *name, size_t n, const char *(*at)(const void *ctx, size_t i),
                        const void *ctx)
{
    /* A third of the name's length, at most 3: "Descripton" finds "Description", "Key" does
     * not find "Min". */
    size_t len = strlen(name), max = len / 3 > 3 ? 3 : len / 3, best = max + 1, i;
    const char *found = NULL;
    if (max == 0)
        return NULL;
    for (i = 0; i < n; i++) {
        const char *c = at(ctx, i);
        size_t d;
        if (!c)
            continue;
        if (best == 0)
            break;
        d = edit_distance(name, c, best - 1 < max ? best - 1 : max);
        if (d < best) {
            best = d;
            found = c;
        }
    }
    return found;
}

size_t mof_values_ident(const char *text, char *id, size_t cap)
{
    size_t k = 0;
    const char *s;
    for (s = text; *s && k + 2 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            id[k++] = (char)ch;
        else if (k > 0 && id[k - 1] != '_')
            id[k++] = '_';
    }
    while (k > 0 && id[k - 1] == '_')
        k--;
    if (cap)
        id[k] = '\0';
    return k;
}

static const mof_qualifier *find_qual(const mof_qualifiers *q, const char *name)
{
    size_t i;
    for (i = 0; i < q->n; i++)
        if (mof_name_eq(q->items[i].name, name))
            return &q->items[i];
    return NULL;
}

/* The integer a ValueMap entry names: decimal or 0x hex, with an optional '-'. */
static bool vm_integer(const char *t, bool *neg, uint64_t *mag)
{
    unsigned base = 10;
    uint64_t m = 0;
    *neg = *t == '-';
    t += *neg;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        base = 16;
        t += 2;
    }
    if (!*t)
        return false;
    for (; *t; t++) {
        unsigned d;
        if (*t >= '0' && *t <= '9')
            d = (unsigned)(*t - '0');
        else if (base == 16 && (*t | 0x20) >= 'a' && (*t | 0x20) <= 'f')
            d = (unsigned)((*t | 0x20) - 'a' + 10);
        else
            return false;
        if (m > (UINT64_MAX - d) / base)
            return false;
        m = m * base + d;
    }
    *mag = m;
    if (m == 0)
        *neg = false;
    return true;
}

static bool vm_fits(mof_type t, bool neg, uint64_t mag)
{
    static const uint64_t umax[] = {1, 0xFFu, 0x7Fu, 0xFFFFu, 0x7FFFu, 0xFFFFFFFFu,
                                    0x7FFFFFFFu, 0xFFFFFFFFFFFFFFFFull, 0x7FFFFFFFFFFFFFFFull};
    bool is_signed = t == MOF_SINT8 || t == MOF_SINT16 || t == MOF_SINT32 || t == MOF_SINT64;
    if ((unsigned)t > MOF_SINT64)
        return false;
    if (neg)
        return is_signed && mag <= umax[t] + 1;
    return mag <= umax[t];
}

/* The names given so far: an open-addressing set over a pool of the names themselves. */
typedef struct vm_names {
    char *pool;
    size_t used;
    uint32_t *slots; /* offset in pool + 1; 0 for empty */
    size_t mask;
} vm_names;

static uint32_t vm_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* True when id is in the set; else adds it (when add) and returns false. The set holds the
 * names given; a name is added as it is looked up. */
static bool vm_seen(vm_names *v, const char *id, bool add)
{
    size_t i = vm_hash(id) & v->mask, n;
    while (v->slots[i]) {
        if (strcmp(v->pool + v->slots[i] - 1, id) == 0)
            return true;
        i = (i + 1) & v->mask;
    }
    if (add) {
        n = strlen(id) + 1;
        memcpy(v->pool + v->used, id, n);
        v->slots[i] = (uint32_t)(v->used + 1);
        v->used += n;
    }
    return false;
}

int mof_valuemap_each(const mof_property *p, void (*f)(void *ctx, const mof_vmconst *k),
                      void *ctx)
{
    const mof_qualifier *vm = find_qual(&p->quals, "ValueMap");
    const mof_qualifier *vs = find_qual(&p->quals, "Values");
    const mof_value *names, *vals = NULL;
    size_t i, n, cap = 16, pool;
    vm_names seen;
    mof_vmconst k;
    if (!vs || !vs->value || vs->value->kind != MOF_V_ARRAY)
        return 1;
    if ((p->type != MOF_STRING && p->type > MOF_SINT64) || p->type == MOF_BOOLEAN)
        return 1;
    if (p->type == MOF_STRING && !vm)
        return 1; /* string values have no position to stand for */
    names = vs->value;
    n = names->v.arr.n;
    if (vm) {
        if (!vm->value || vm->value->kind != MOF_V_ARRAY || vm->value->v.arr.n != n)
            return -1;
        vals = vm->value;
    }
    while (cap < n * 2)
        cap *= 2;
    seen.used = 0;
    seen.mask = cap - 1;
    /* every name fits in its entry's length, an underscore, a value suffix (< 80) and a NUL */
    for (i = 0, pool = 1; i < n; i++)
        pool += (names->v.arr.items[i].kind == MOF_V_STRING ? names->v.arr.items[i].v.str.len
                                                            : 0) + 84;
    seen.pool = pool <= UINT32_MAX ? malloc(pool) : NULL;
    seen.slots = calloc(cap, sizeof *seen.slots);
    if (!seen.pool || !seen.slots) {
        free(seen.pool);
        free(seen.slots);
        return -2;
    }
    for (i = 0; i < n; i++) {
        const mof_value *nm = &names->v.arr.items[i];
        k.id[0] = '\0';
        k.neg = k.range = false;
        k.mag = 0;
        k.str = NULL;
        k.len = 0;
        k.lost = NULL;
        k.index = i;
        k.entry = nm;
        k.map = vals ? &vals->v.arr.items[i] : NULL;
        if (nm->kind != MOF_V_STRING) {
            k.lost = "the Values entry is not a string";
        } else if (k.map && k.map->kind != MOF_V_STRING) {
            k.lost = "the ValueMap entry is not a string";
        } else if (k.map && p->type != MOF_STRING && strstr(k.map->v.str.s, "..")) {
            k.range = true;
            k.lost = "the ValueMap entry is a range";
        } else if (p->type == MOF_STRING) {
            k.str = k.map->v.str.s;
            k.len = k.map->v.str.len;
            if (k.len > 200)
                k.lost = "the ValueMap entry is longer than 200 bytes";
        } else if (k.map && !vm_integer(k.map->v.str.s, &k.neg, &k.mag)) {
            k.lost = "the ValueMap entry is not an integer";
        } else {
            if (!k.map)
                k.mag = i;
            if (!vm_fits(p->type, k.neg, k.mag))
                k.lost = "the value does not fit the property's type";
        }
        if (!k.lost && mof_values_ident(nm->v.str.s, k.id, sizeof k.id - 24) == 0)
            k.lost = "the Values entry has no letter or digit";
        if (!k.lost && vm_seen(&seen, k.id, true)) {
            /* A name given twice: the later constant is named after its value too. */
            size_t l = strlen(k.id);
            char suffix[80];
            if (p->type == MOF_STRING)
                mof_values_ident(k.str, suffix, sizeof suffix);
            else
                snprintf(suffix, sizeof suffix, "%s%llu", k.neg ? "m" : "",
                         (unsigned long long)k.mag);
            snprintf(k.id + l, sizeof k.id - l, "_%s", suffix);
            if (vm_seen(&seen, k.id, true))
                k.lost = "its name, and its name with its value, are taken";
        }
        if (k.lost)
            k.id[0] = '\0';
        f(ctx, &k);
    }
    free(seen.pool);
    free(seen.slots);
    return 0;
}
