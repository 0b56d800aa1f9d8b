/* SPDX-License-Identifier: MIT */
/* generator/mof/lex.h: what the scanner (mof_lexer.l) sees: the values of the tokens it makes,
 * its place in the text, and the few services of the reader (parse.c) it calls. The scanner
 * sees tokens and CIM type keywords, never the model: this header includes neither model.h nor
 * parse_int.h, and the scanner includes nothing else of the front end but the token numbers of
 * mof_parser.h (whose semantic values the grammar defines in its own file). */
#ifndef MOFBIND_LEX_H
#define MOFBIND_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types.h"
#include "util.h"

/* A token's place: where it starts. The grammar's locations are these. */
typedef struct mof_ploc {
    uint32_t line;
    uint32_t col;
} mof_ploc;

/* A string literal's value (escapes decoded, adjacent literals joined), in the arena. */
typedef struct mof_strlit {
    const char *s;
    size_t len;
} mof_strlit;

typedef struct mof_intlit {
    uint64_t mag;
    bool neg;
} mof_intlit;

/* The value of one token, as the scanner makes it. */
typedef union mof_tokval {
    const char *str; /* words and identifiers, in the arena */
    mof_strlit s;    /* STRING */
    mof_intlit i;    /* INT */
    double r;        /* REAL */
    uint16_t c16;    /* CHAR16 */
    int dt;          /* DT: a mof_type */
} mof_tokval;

/* The scanner's state within one file being parsed (part of the reader's per-file state). */
typedef struct mof_lexstate {
    /* input and position */
    const char *text;
    size_t len, pos;
    uint32_t line, col;   /* where the next byte is */
    const char *tok_text; /* the token just scanned, for syntax error messages */
    size_t tok_len;
    int scan_error; /* 1: the scanner reported the end of input already */
    mof_ploc ml_start; /* the quote of a literal running across a line end */
    char dt_text[16];  /* the type keyword last scanned, as written (it may be a name) */

    /* string literal being accumulated (adjacent literals join) */
    util_buf sbuf;
    mof_ploc sloc;
} mof_lexstate;

/* The next token (a token number of mof_parser.h, 0 at the end) and its value and place. */
int mof_scan(mof_tokval *val, mof_ploc *loc, void *scanner);

/* The reader's services (parse.c). mof_lex_fatal ends the parse of this file with an error
 * (the scanner's YY_FATAL_ERROR); mof_lex_stop is true once the error cap is reached. */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void mof_lex_fatal(mof_lexstate *lx, const char *msg);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void mof_lex_error(mof_lexstate *lx, mof_ploc l, const char *fmt, ...);
/* A form outside DSP0221 that other compilers accept: a warning, an error under --strict. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void mof_lex_lenient(mof_lexstate *lx, mof_ploc l, const char *fmt, ...);
bool mof_lex_stop(const mof_lexstate *lx);
/* A copy of s[0..n) in the arena ("" when out of memory, which the reader notes). */
const char *mof_lex_strdup(mof_lexstate *lx, const char *s, size_t n);

/* String literals: begin, add each literal's body (between the quotes), end. */
void mof_lex_string_begin(mof_lexstate *lx, mof_ploc l);
void mof_lex_string_add(mof_lexstate *lx, const char *text, size_t len, mof_ploc l);
mof_strlit mof_lex_string_end(mof_lexstate *lx);
/* Decodes one escape sequence or UTF-8 character at *p (below end) into a code point. Returns
 * false with *bad set on a bad escape. */
bool mof_lex_decode_char(const char **p, const char *end, uint32_t *cp, const char **bad);

#endif
