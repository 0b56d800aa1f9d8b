/* SPDX-License-Identifier: MIT */
/* server/wql.c: the WQL subset of filtered enumerations: a small recursive-descent parser into
 * a condition tree, and its evaluation on an instance. See wql.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "resolve.h"
#include "wql.h"
#include "wsman.h"

#define WQL_MAX_DEPTH 64
#define WQL_MAX_NODES 1024

typedef enum {
    T_END,
    T_IDENT,
    T_STRING,
    T_NUMBER,
    T_OP,
    T_LPAREN,
    T_RPAREN,
    T_COMMA,
    T_STAR
} tkind;

typedef enum { OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE } cmpop;

typedef enum { L_STR, L_NUM, L_BOOL, L_NULL } lkind;

typedef struct literal {
    lkind kind;
    char *s;         /* L_STR */
    long double num; /* L_NUM */
    bool b;          /* L_BOOL */
} literal;

typedef enum { N_AND, N_OR, N_NOT, N_CMP, N_LIKE, N_ISNULL, N_ISA } nkind;

typedef struct node node;
struct node {
    nkind kind;
    node *a, *b;
    const mof_property *prop;
    cmpop op;
    literal lit;
    bool negate;          /* IS NOT NULL */
    const mof_class *isa; /* N_ISA: the class; prop NULL for __THIS */
};

struct wql_query {
    const mof_class *cls;
    node *where; /* NULL: every instance */
    const char **props; /* the selected properties' declared names (the schema's), or NULL: * */
    size_t n_props;
};

typedef struct parser {
    const char *p;
    tkind tok;
    char *text; /* the token's text (identifier, decoded string, number, operator) */
    const mof_class *cls;
    char *msg;
    size_t msglen;
    bool failed;
    unsigned nodes;
} parser;

static void fail(parser *ps, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void fail(parser *ps, const char *fmt, ...)
{
    va_list ap;
    if (ps->failed)
        return;
    ps->failed = true;
    va_start(ap, fmt);
    vsnprintf(ps->msg, ps->msglen, fmt, ap);
    va_end(ap);
}

static void next(parser *ps)
{
    const char *p = ps->p, *start;
    free(ps->text);
    ps->text = NULL;
    while (isspace((unsigned char)*p))
        p++;
    start = p;
    if (!*p) {
        ps->tok = T_END;
    } else if (isalpha((unsigned char)*p) || *p == '_') {
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        ps->tok = T_IDENT;
    } else if (isdigit((unsigned char)*p) || ((*p == '-' || *p == '+' || *p == '.') &&
                                              (isdigit((unsigned char)p[1]) || p[1] == '.'))) {
        p++;
        while (isalnum((unsigned char)*p) || *p == '.' ||
               ((*p == '-' || *p == '+') && (p[-1] == 'e' || p[-1] == 'E')))
            p++;
        ps->tok = T_NUMBER;
    } else if (*p == '\'' || *p == '"') {
        char q = *p++;
        size_t n = 0;
        char *out = malloc(strlen(p) + 1);
        if (!out) {
            fail(ps, "out of memory");
            ps->tok = T_END;
            return;
        }
        while (*p && *p != q) {
            if (*p == '\\' && p[1])
                p++;
            out[n++] = *p++;
        }
        out[n] = '\0';
        if (*p != q) {
            free(out);
            fail(ps, "unterminated string");
            ps->tok = T_END;
            return;
        }
        p++;
        ps->tok = T_STRING;
        ps->text = out;
        ps->p = p;
        return;
    } else if (*p == '(' || *p == ')' || *p == ',' || *p == '*') {
        ps->tok = *p == '(' ? T_LPAREN : *p == ')' ? T_RPAREN : *p == ',' ? T_COMMA : T_STAR;
        p++;
    } else if (*p == '=' || *p == '<' || *p == '>' || *p == '!') {
        if ((p[0] == '<' && (p[1] == '=' || p[1] == '>')) || (p[0] == '>' && p[1] == '=') ||
            (p[0] == '!' && p[1] == '='))
            p += 2;
        else if (*p == '!') {
            fail(ps, "unexpected '!'");
            ps->tok = T_END;
            return;
        } else
            p++;
        ps->tok = T_OP;
    } else {
        fail(ps, "unexpected character '%c'", *p);
        ps->tok = T_END;
        return;
    }
    ps->text = malloc((size_t)(p - start) + 1);
    if (!ps->text) {
        fail(ps, "out of memory");
        ps->tok = T_END;
        return;
    }
    memcpy(ps->text, start, (size_t)(p - start));
    ps->text[p - start] = '\0';
    ps->p = p;
}

static bool is_kw(const parser *ps, const char *kw)
{
    return ps->tok == T_IDENT && strcasecmp(ps->text, kw) == 0;
}

static node *new_node(parser *ps, nkind k)
{
    node *n;
    if (++ps->nodes > WQL_MAX_NODES) {
        fail(ps, "the condition is too long");
        return NULL;
    }
    n = calloc(1, sizeof *n);
    if (!n)
        fail(ps, "out of memory");
    else
        n->kind = k;
    return n;
}

static void free_node(node *n)
{
    if (!n)
        return;
    free_node(n->a);
    free_node(n->b);
    free(n->lit.s);
    free(n);
}

static const mof_property *property(parser *ps)
{
    const mof_property *p;
    if (ps->tok != T_IDENT) {
        fail(ps, "expected a property name");
        return NULL;
    }
    p = mof_class_prop(ps->cls, ps->text);
    if (!p)
        fail(ps, "%s has no property '%.80s'", ps->cls->name, ps->text);
    return p;
}

/* A literal at the current token; false when there is none. */
static bool literal_here(parser *ps, literal *l)
{
    memset(l, 0, sizeof *l);
    if (ps->tok == T_STRING) {
        l->kind = L_STR;
        l->s = ps->text;
        ps->text = NULL;
    } else if (ps->tok == T_NUMBER) {
        char *end;
        errno = 0;
        l->kind = L_NUM;
        l->num = strtold(ps->text, &end);
        if (*end || errno) {
            fail(ps, "bad number '%.40s'", ps->text);
            return false;
        }
    } else if (is_kw(ps, "TRUE") || is_kw(ps, "FALSE")) {
        l->kind = L_BOOL;
        l->b = is_kw(ps, "TRUE");
    } else if (is_kw(ps, "NULL")) {
        l->kind = L_NULL;
    } else {
        return false;
    }
    next(ps);
    return true;
}

static bool op_here(parser *ps, cmpop *op)
{
    const char *t = ps->text;
    if (ps->tok != T_OP)
        return false;
    if (!strcmp(t, "="))
        *op = OP_EQ;
    else if (!strcmp(t, "!=") || !strcmp(t, "<>"))
        *op = OP_NE;
    else if (!strcmp(t, "<"))
        *op = OP_LT;
    else if (!strcmp(t, ">"))
        *op = OP_GT;
    else if (!strcmp(t, "<="))
        *op = OP_LE;
    else
        *op = OP_GE;
    next(ps);
    return true;
}

static cmpop flip(cmpop op)
{
    switch (op) {
    case OP_LT:
        return OP_GT;
    case OP_GT:
        return OP_LT;
    case OP_LE:
        return OP_GE;
    case OP_GE:
        return OP_LE;
    default:
        return op;
    }
}

static node *expr(parser *ps, int depth);

/* After ISA: the class (a name, or a string naming it) into n. */
static void isa_class(parser *ps, node *n)
{
    next(ps);
    n->kind = N_ISA;
    if (ps->tok != T_IDENT && ps->tok != T_STRING) {
        fail(ps, "expected a class name after ISA");
        return;
    }
    n->isa = mof_map_get(&ps->cls->ns->classes, ps->text);
    if (!n->isa) {
        fail(ps, "no class %.80s in namespace %s", ps->text, ps->cls->ns->name);
        return;
    }
    next(ps);
}

static node *factor(parser *ps, int depth)
{
    node *n;
    literal lit;
    cmpop op;
    if (depth > WQL_MAX_DEPTH) {
        fail(ps, "the condition nests too deep");
        return NULL;
    }
    if (is_kw(ps, "NOT")) {
        next(ps);
        n = new_node(ps, N_NOT);
        if (n)
            n->a = factor(ps, depth + 1);
        return n;
    }
    if (ps->tok == T_LPAREN) {
        next(ps);
        n = expr(ps, depth + 1);
        if (ps->tok != T_RPAREN)
            fail(ps, "expected ')'");
        else
            next(ps);
        return n;
    }
    if (literal_here(ps, &lit)) {
        /* literal op Property */
        n = new_node(ps, N_CMP);
        if (!n) {
            free(lit.s);
            return NULL;
        }
        n->lit = lit;
        if (!op_here(ps, &op)) {
            fail(ps, "expected a comparison operator");
            return n;
        }
        n->op = flip(op);
        n->prop = property(ps);
        if (n->prop)
            next(ps);
        return n;
    }
    n = new_node(ps, N_CMP);
    if (!n)
        return NULL;
    if (is_kw(ps, "__THIS")) {
        next(ps);
        if (!is_kw(ps, "ISA"))
            fail(ps, "expected ISA after __THIS");
        else
            isa_class(ps, n);
        return n;
    }
    n->prop = property(ps);
    if (!n->prop)
        return n;
    next(ps);
    if (is_kw(ps, "ISA")) {
        if (n->prop->type != MOF_REFERENCE && n->prop->type != MOF_INSTANCE &&
            !(n->prop->flags & (MOF_F_EMBEDDED_OBJECT | MOF_F_EMBEDDED_INSTANCE)))
            fail(ps, "ISA wants an embedded instance or a reference, and %s is neither",
                 n->prop->name);
        else
            isa_class(ps, n);
        return n;
    }
    if (is_kw(ps, "IS")) {
        next(ps);
        n->kind = N_ISNULL;
        if (is_kw(ps, "NOT")) {
            n->negate = true;
            next(ps);
        }
        if (!is_kw(ps, "NULL"))
            fail(ps, "expected NULL after IS");
        else
            next(ps);
        return n;
    }
    if (is_kw(ps, "LIKE")) {
        next(ps);
        n->kind = N_LIKE;
        if (ps->tok != T_STRING || !literal_here(ps, &n->lit))
            fail(ps, "LIKE wants a string pattern");
        return n;
    }
    if (!op_here(ps, &n->op)) {
        fail(ps, "expected a comparison operator after %s", n->prop->name);
        return n;
    }
    if (!literal_here(ps, &n->lit))
        fail(ps, "expected a literal value");
    return n;
}

static node *term(parser *ps, int depth)
{
    node *left = factor(ps, depth);
    while (!ps->failed && is_kw(ps, "AND")) {
        node *n = new_node(ps, N_AND);
        next(ps);
        if (!n)
            break;
        n->a = left;
        n->b = factor(ps, depth);
        left = n;
    }
    return left;
}

static node *expr(parser *ps, int depth)
{
    node *left = term(ps, depth);
    while (!ps->failed && is_kw(ps, "OR")) {
        node *n = new_node(ps, N_OR);
        next(ps);
        if (!n)
            break;
        n->a = left;
        n->b = term(ps, depth);
        left = n;
    }
    return left;
}

wql_query *wql_parse(const char *text, const mof_namespace *ns, char *msg, size_t msglen)
{
    parser ps;
    wql_query *q = calloc(1, sizeof *q);
    const char *props_at;
    memset(&ps, 0, sizeof ps);
    ps.msg = msg;
    ps.msglen = msglen;
    if (!q) {
        snprintf(msg, msglen, "out of memory");
        return NULL;
    }
    ps.p = text ? text : "";
    next(&ps);
    if (!is_kw(&ps, "SELECT")) {
        fail(&ps, "a WQL query starts with SELECT");
        goto out;
    }
    next(&ps);
    /* The property list is checked once the class is known: remember where it starts. */
    props_at = ps.p;
    if (ps.tok == T_STAR) {
        next(&ps);
        props_at = NULL;
    } else {
        while (ps.tok == T_IDENT && !is_kw(&ps, "FROM")) {
            next(&ps);
            if (ps.tok != T_COMMA)
                break;
            next(&ps);
        }
    }
    if (!is_kw(&ps, "FROM")) {
        fail(&ps, "expected FROM");
        goto out;
    }
    next(&ps);
    if (ps.tok != T_IDENT) {
        fail(&ps, "expected a class name after FROM");
        goto out;
    }
    q->cls = ns ? mof_map_get(&ns->classes, ps.text) : NULL;
    if (!q->cls) {
        fail(&ps, "no class %.80s in namespace %s", ps.text, ns ? ns->name : "?");
        goto out;
    }
    ps.cls = q->cls;
    next(&ps);
    if (props_at) {
        /* Each selected property must exist. */
        parser pp;
        memset(&pp, 0, sizeof pp);
        pp.p = text;
        pp.cls = q->cls;
        pp.msg = msg;
        pp.msglen = msglen;
        next(&pp); /* SELECT */
        next(&pp);
        while (!pp.failed && pp.tok == T_IDENT && !is_kw(&pp, "FROM")) {
            const mof_property *prop = property(&pp);
            const char **grown;
            if (prop) {
                grown = realloc(q->props, (q->n_props + 1) * sizeof *grown);
                if (!grown) {
                    fail(&pp, "out of memory");
                    break;
                }
                q->props = grown;
                q->props[q->n_props++] = prop->name;
            }
            next(&pp);
            if (pp.tok == T_COMMA)
                next(&pp);
        }
        free(pp.text);
        if (pp.failed) {
            ps.failed = true;
            goto out;
        }
    }
    if (is_kw(&ps, "WHERE")) {
        next(&ps);
        q->where = expr(&ps, 0);
    }
    if (!ps.failed && ps.tok != T_END)
        fail(&ps, "unexpected '%.40s'", ps.text ? ps.text : "?");
out:
    free(ps.text);
    if (ps.failed) {
        wql_free(q);
        return NULL;
    }
    return q;
}

const mof_class *wql_class(const wql_query *q)
{
    return q->cls;
}

void wql_free(wql_query *q)
{
    if (!q)
        return;
    free_node(q->where);
    free(q->props);
    free(q);
}

size_t wql_selected(const wql_query *q, const char *const **names)
{
    *names = q->props;
    return q->n_props;
}

/* ---- evaluation ------------------------------------------------------------------------- */

/* Microseconds since 0000-03-01 (timestamps, in UTC) or of an interval: an order for
 * datetimes. */
static long double dt_usec(const MI_Datetime *d)
{
    if (d->isTimestamp) {
        const MI_Timestamp *t = &d->u.timestamp;
        long long y = (long long)t->year - (t->month <= 2);
        long long era = (y >= 0 ? y : y - 399) / 400;
        long long yoe = y - era * 400;
        long long mp = (t->month + 9) % 12;
        long long doy = (153 * mp + 2) / 5 + t->day - 1;
        long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long long days = era * 146097 + doe;
        long long secs =
            days * 86400 + t->hour * 3600LL + t->minute * 60LL + t->second - t->utc * 60LL;
        return (long double)secs * 1e6L + t->microseconds;
    }
    return ((((long double)d->u.interval.days * 24 + d->u.interval.hours) * 60 +
             d->u.interval.minutes) *
                60 +
            d->u.interval.seconds) *
               1e6L +
           d->u.interval.microseconds;
}

static int order(long double a, long double b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

/* Compares a value with a literal: 0 and *res (<0, 0, >0), or -1 when they do not compare. */
static int compare(MI_Type t, const MI_Value *v, const literal *l, int *res)
{
    long double x;
    switch (t) {
    case MI_STRING:
        if (l->kind != L_STR)
            return -1;
        *res = strcasecmp(v->string, l->s);
        return 0;
    case MI_BOOLEAN:
        if (l->kind == L_BOOL)
            *res = order(v->boolean ? 1 : 0, l->b ? 1 : 0);
        else if (l->kind == L_NUM)
            *res = order(v->boolean ? 1 : 0, l->num);
        else
            return -1;
        return 0;
    case MI_CHAR16:
        if (l->kind == L_STR && strlen(l->s) == 1)
            *res = order(v->char16, (unsigned char)l->s[0]);
        else if (l->kind == L_NUM)
            *res = order(v->char16, l->num);
        else
            return -1;
        return 0;
    case MI_DATETIME: {
        MI_Datetime d;
        if (l->kind != L_STR || wsman_parse_datetime(l->s, &d) != MI_RESULT_OK ||
            d.isTimestamp != v->datetime.isTimestamp)
            return -1;
        *res = order(dt_usec(&v->datetime), dt_usec(&d));
        return 0;
    }
    case MI_UINT8:
        x = v->uint8;
        break;
    case MI_SINT8:
        x = v->sint8;
        break;
    case MI_UINT16:
        x = v->uint16;
        break;
    case MI_SINT16:
        x = v->sint16;
        break;
    case MI_UINT32:
        x = v->uint32;
        break;
    case MI_SINT32:
        x = v->sint32;
        break;
    case MI_UINT64:
        x = (long double)v->uint64;
        break;
    case MI_SINT64:
        x = (long double)v->sint64;
        break;
    case MI_REAL32:
        x = v->real32;
        break;
    case MI_REAL64:
        x = v->real64;
        break;
    default:
        return -1;
    }
    if (l->kind != L_NUM)
        return -1;
    *res = order(x, l->num);
    return 0;
}

/* s LIKE pattern, case-insensitive: % any run, _ any one byte. */
static bool like(const char *s, const char *p)
{
    const char *star = NULL, *mark = NULL;
    while (*s) {
        if (*p == '%') {
            star = p++;
            mark = s;
        } else if (*p == '_' || (*p && tolower((unsigned char)*p) == tolower((unsigned char)*s))) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++mark;
        } else {
            return false;
        }
    }
    while (*p == '%')
        p++;
    return *p == '\0';
}

/* N_ISA: is the instance (__THIS) or the property's instance of the class or a subclass? */
static bool is_a(const node *n, const MI_Instance *inst)
{
    const MI_Char *cn = NULL;
    const mof_class *c;
    if (n->prop) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElement(inst, n->prop->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL) || (t != MI_INSTANCE && t != MI_REFERENCE) || !v.instance)
            return false;
        inst = v.instance;
    }
    if (MI_Instance_GetClassName(inst, &cn) != MI_RESULT_OK || !cn)
        return false;
    c = mof_map_get(&n->isa->ns->classes, cn);
    return c && mof_class_isa(c, n->isa);
}

static bool eval(const node *n, const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    int res = 0;
    bool null;
    if (!n)
        return true;
    switch (n->kind) {
    case N_AND:
        return eval(n->a, inst) && eval(n->b, inst);
    case N_OR:
        return eval(n->a, inst) || eval(n->b, inst);
    case N_NOT:
        return !eval(n->a, inst);
    default:
        break;
    }
    if (n->kind == N_ISA)
        return is_a(n, inst);
    null = MI_Instance_GetElement(inst, n->prop->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
           (f & MI_FLAG_NULL);
    if (n->kind == N_ISNULL)
        return null != n->negate;
    if (null || n->lit.kind == L_NULL || (t & MI_ARRAY))
        return false;
    if (n->kind == N_LIKE)
        return t == MI_STRING && like(v.string, n->lit.s);
    if (compare(t, &v, &n->lit, &res) != 0)
        return false;
    switch (n->op) {
    case OP_EQ:
        return res == 0;
    case OP_NE:
        return res != 0;
    case OP_LT:
        return res < 0;
    case OP_GT:
        return res > 0;
    case OP_LE:
        return res <= 0;
    case OP_GE:
        return res >= 0;
    }
    return false;
}

bool wql_match(const wql_query *q, const MI_Instance *inst)
{
    return eval(q->where, inst);
}
