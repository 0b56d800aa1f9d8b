/* SPDX-License-Identifier: MIT */
/* generator/mof/parse_int.h: what the grammar (mof_parser.y) and the reader (parse.c) share: the
 * per-file parse state and the helpers the grammar's actions call. The scanner does not include
 * it (it sees lex.h); nothing outside those files does. */
#ifndef MOFBIND_PARSE_INT_H
#define MOFBIND_PARSE_INT_H

/* The scanner sees tokens (lex.h), never the model. */
#ifdef MOFBIND_SCANNER
#error "the MOF scanner must not include the model: it sees lex.h only"
#endif

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "diag.h"
#include "lex.h"
#include "model.h"
#include "parse.h"

/* `[]` (size 0) or `[N]` after a name; absent when !is. */
typedef struct mof_arrspec {
    bool is;
    uint32_t size;
} mof_arrspec;

/* Where a class body's features start on the feature stacks. */
typedef struct mof_fmark {
    size_t props;
    size_t methods;
} mof_fmark;

/* A growable stack of fixed-size items (qualifiers, properties ...). Lists under construction
 * sit on these; a finished list is copied into the arena and popped (see mof_vec_take). */
typedef struct mof_vec {
    unsigned char *p;
    size_t n;     /* items */
    size_t cap;   /* items */
    size_t elem;  /* bytes per item */
} mof_vec;

/* What stays the same across the files of one top-level parse: the options, the current
 * namespace (a #pragma namespace in an included file holds after it, as text inclusion reads). */
typedef struct mof_pctx {
    mof_unit *u;
    const mof_parse_options *opts;
    const char *ns;          /* normalized, arena; NULL: the default namespace */
    bool ns_wmi;             /* ns was given in WMI's \\\\server\\ form */
    unsigned errors;         /* errors reported by this parse */
} mof_pctx;

/* A word in a Scope(...)/Flavor(...) list, or a pragma argument. */
typedef struct mof_pname {
    const char *s;           /* identifier text, or a string literal's value */
    size_t len;
    bool is_string;
    bool is_int;
    uint64_t ival;
    mof_ploc loc;
} mof_pname;

/* One file being parsed. */
typedef struct mof_pstate mof_pstate;
struct mof_pstate {
    mof_pctx *ctx;
    mof_unit *u;
    mof_arena *a;
    mof_diag *diag;
    mof_source *src;
    mof_pstate *parent;      /* the includer's state, for cycle checks */
    unsigned depth;          /* include depth, 0 at top */
    dev_t dev;               /* identity of the file (0, 0 for buffers) */
    ino_t ino;

    mof_lexstate lx; /* the scanner's (lex.h) */
    bool lenient;    /* the report being made is a leniency (mof_p_lenient) */

    /* lists under construction */
    mof_vec quals;           /* mof_qualifier */
    mof_vec props;           /* mof_property */
    mof_vec methods;         /* mof_method */
    mof_vec params;          /* mof_property */
    mof_vec propvals;        /* mof_propval */
    mof_vec values;          /* mof_value */
    mof_vec names;           /* mof_pname: scope and flavor words, pragma arguments */
    mof_vec items;           /* mof_enum_item */
    const char *outer;       /* the class or structure whose features are being read */
    const char *enum_super;  /* the enumeration the one being read derives from */
    bool nomem;
    jmp_buf fatal; /* where mof_lex_fatal returns to (parse_source) */
    const char *fatal_msg;
    union {                  /* what mof_vec_push hands out after an allocation failure */
        mof_qualifier q;
        mof_property p;
        mof_method m;
        mof_propval pv;
        mof_value v;
        mof_pname n;
        mof_enum_item e;
    } scratch;
};

/* The per-file state whose scanner state lx is. */
#define MOF_PSTATE_OF(l) ((mof_pstate *)(void *)((char *)(l)-offsetof(mof_pstate, lx)))

/* Helpers for the grammar's actions (parse.c). */
mof_loc mof_p_loc(const mof_pstate *ps, mof_ploc l);
void mof_p_error(mof_pstate *ps, mof_ploc l, const char *fmt, ...) MOF_PRINTF(3, 4);
void mof_p_warning(mof_pstate *ps, mof_ploc l, const char *fmt, ...) MOF_PRINTF(3, 4);
/* A form outside DSP0221 that other compilers accept: a warning, an error under --strict. */
void mof_p_lenient(mof_pstate *ps, mof_ploc l, const char *fmt, ...) MOF_PRINTF(3, 4);
/* A dialect's ordinary form (WMI's void methods ...): silent, an error under --strict. */
void mof_p_dialect(mof_pstate *ps, mof_ploc l, const char *fmt, ...) MOF_PRINTF(3, 4);
void *mof_p_zalloc(mof_pstate *ps, size_t size);
const char *mof_p_strdup(mof_pstate *ps, const char *s, size_t n);
/* Pushes one zeroed item; returns it (a scratch item after an allocation failure, which sets
 * ps->nomem). mof_p_value never fails either, in the same way. */
void *mof_vec_push(mof_pstate *ps, mof_vec *v);
/* Copies the items from mark to the top into the arena, pops them, and returns the copy
 * (NULL when there are none); *n gets their number. */
void *mof_vec_take(mof_pstate *ps, mof_vec *v, size_t mark, size_t *n);

mof_value *mof_p_value(mof_pstate *ps, mof_vkind kind, mof_ploc l);
mof_qualifiers mof_p_quals(mof_pstate *ps, size_t mark);
/* Appends a declaration of the current namespace to the unit, whose payload (the class,
 * instance or qualifier declaration) is what; nothing when what is NULL (out of memory). */
void mof_p_decl(mof_pstate *ps, mof_decl_kind kind, mof_ploc l, void *what);
/* The pragma whose words sit on the names stack from mark. */
void mof_p_pragma(mof_pstate *ps, const char *name, mof_ploc l, bool has_args, size_t mark);
/* The Scope(...) / Flavor(...) / Policy(...) item of a qualifier declaration. */
void mof_p_qualdecl_item(mof_pstate *ps, mof_qualdecl *qd, const char *what, mof_ploc l,
                         size_t mark);
/* The flavor named by a word after a qualifier's ':'; 0 after an error. */
unsigned mof_p_flavor(mof_pstate *ps, const char *word, mof_ploc l);

#endif
