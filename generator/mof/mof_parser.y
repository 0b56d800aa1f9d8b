/* SPDX-License-Identifier: MIT */
/* generator/mof/mof_parser.y: the MOF grammar (DSP0221 2.x as written in the wild: DMTF, WMI, DSC,
 * OpenLMI, Pegasus, OMI), building the declarations of model.h.
 *
 * A pure parser with locations; its state is a mof_pstate (parse_int.h), the scanner's within
 * it. Keywords that MOF lets stand as names (a property called Value, a qualifier called
 * Association) are names wherever a name is wanted (the `name` rule); Scope, Flavor and pragma
 * words are names checked in C.
 * Lists are built on the stacks of mof_pstate and copied into the arena when they end. On a
 * syntax error the parser resumes after the next ';' of the feature, instance value or
 * declaration it was in, so that one run reports several errors.
 *
 * Dialects: WMI's forms (void methods, properties typed by a class name, instance property
 * lines without a value, flavor-only qualifier declarations, type keywords used as names) are
 * read as mofcomp reads them, silently unless --strict; MOF 3 (DSP0221 3.0.1) structures,
 * enumerations, `value of`, enumeration values and qualifier types are read as that
 * specification gives them. */
%define api.pure full
%define api.prefix {mof_yy}
%define api.location.type {mof_ploc}
%define parse.error custom
%locations
%param {void *scanner}
%parse-param {struct mof_pstate *ps}
%define api.value.type {union mof_yyvalue}

/* The header (mof_parser.h) is what the scanner sees too: token numbers and places, not the
 * semantic values, whose union names the model's types and is completed below. */
%code requires {
#include "lex.h"
struct mof_pstate;
union mof_yyvalue;
}

%code {
#include <string.h>

#include "parse_int.h"
#include "scan.h"

union mof_yyvalue {
    const char *str;
    mof_strlit s;
    mof_intlit i;
    double r;
    uint16_t c16;
    int dt;
    mof_value *val;
    size_t mark;
    mof_qualifiers quals;
    mof_fmark fmark;
    mof_arrspec arr;
    mof_qualdecl *qd;
    mof_instance *inst;
    unsigned flavor;
    struct mof_chead *head;
};

/* The scanner, unless the error cap has been reached: then the input ends here. The token's
 * value goes into the member its kind uses. */
static int mof_yylex(MOF_YYSTYPE *lval, MOF_YYLTYPE *lloc, void *scanner)
{
    mof_lexstate *lx = mof_yyget_extra(scanner);
    mof_tokval v;
    int tok;
    if (mof_lex_stop(lx)) {
        lx->scan_error = 1;
        return 0;
    }
    memset(&v, 0, sizeof v);
    tok = mof_scan(&v, lloc, scanner);
    switch (tok) {
    case STRING:
        lval->s = v.s;
        break;
    case INT:
        lval->i = v.i;
        break;
    case REAL:
        lval->r = v.r;
        break;
    case CHAR16:
        lval->c16 = v.c16;
        break;
    case DT:
        lval->dt = v.dt;
        break;
    default:
        lval->str = v.str;
        break;
    }
    return tok;
}

/* Where the token before the one at l ends, when l is on a later line: found in the text, back
 * over blanks and `//` comments, so that scanning pays nothing for it. {0, 0} otherwise. */
static mof_ploc prev_token_end(const mof_pstate *ps, mof_ploc l)
{
    const char *text = ps->src->text, *end = text + ps->src->len, *p = text, *ls;
    mof_ploc r = {0, 0};
    uint32_t line = 1;
    while (line < l.line) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return r;
        p = nl + 1;
        line++;
    }
    p += l.col ? l.col - 1 : 0;
    if (p > end)
        return r;
    for (;;) {
        while (p > text && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\f' || p[-1] == '\v' ||
                            p[-1] == '\n')) {
            if (p[-1] == '\n')
                line--;
            p--;
        }
        /* a `//` comment at the end of this line: go back over it (not inside a string) */
        for (ls = p; ls > text && ls[-1] != '\n'; ls--)
            ;
        {
            const char *c = ls, *cmt = NULL;
            bool in_str = false;
            for (; c + 1 < p; c++) {
                if (*c == '"' && (c == ls || c[-1] != '\\'))
                    in_str = !in_str;
                else if (!in_str && c[0] == '/' && c[1] == '/') {
                    cmt = c;
                    break;
                }
            }
            if (!cmt)
                break;
            p = cmt;
        }
    }
    if (line >= l.line)
        return r;
    r.line = line;
    r.col = (uint32_t)(p - ls) + 1;
    return r;
}

static void mof_yyerror(MOF_YYLTYPE *lloc, void *scanner, mof_pstate *ps, const char *msg);

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                            \
    do {                                                                                       \
        if (N)                                                                                 \
            (Cur) = YYRHSLOC(Rhs, 1);                                                          \
        else                                                                                   \
            (Cur) = YYRHSLOC(Rhs, 0);                                                          \
    } while (0)

#define PUSH(vec, type) ((type *)mof_vec_push(ps, &ps->vec))

/* Pushes a property (onto the class's list) or a parameter (onto the method's). */
static mof_property *add_prop_to(mof_pstate *ps, mof_vec *v, mof_qualifiers q, int type,
                                 const char *ref_class, const char *name, mof_ploc l,
                                 mof_arrspec arr, mof_value *dflt)
{
    mof_property *p = mof_vec_push(ps, v);
    p->quals = q;
    p->type = (mof_type)type;
    p->ref_class = ref_class;
    p->name = name;
    p->loc = mof_p_loc(ps, l);
    p->is_array = arr.is;
    p->array_size = arr.size;
    p->dflt = dflt;
    return p;
}

#define add_prop(ps, ...) add_prop_to(ps, &(ps)->props, __VA_ARGS__)
#define add_param(ps, ...) add_prop_to(ps, &(ps)->params, __VA_ARGS__)

static mof_method *add_method(mof_pstate *ps, mof_qualifiers q, int type,
                              const char *ref_class, bool is_array, const char *name,
                              mof_ploc l, size_t pmark)
{
    mof_method *m = PUSH(methods, mof_method);
    m->quals = q;
    m->type = (mof_type)type;
    m->ref_class = ref_class;
    m->is_array = is_array;
    m->name = name;
    m->loc = mof_p_loc(ps, l);
    m->params = mof_vec_take(ps, &ps->params, pmark, &m->nparams);
    return m;
}

/* A method whose return type is written as a name: WMI's void, or a class, structure or
 * enumeration (resolved later). */
static void add_named_method(mof_pstate *ps, mof_qualifiers q, const char *type, bool is_array,
                             const char *name, mof_ploc tl, mof_ploc l, size_t pmark)
{
    mof_method *m = add_method(ps, q, MOF_INSTANCE, NULL, is_array, name, l, pmark);
    if (mof_name_eq(type, "void") && !is_array) {
        m->is_void = true;
        m->type = MOF_UINT32; /* unused */
        mof_p_dialect(ps, tl, "method '%s' returns void, a WMI form (mofcomp accepts it)", name);
    } else {
        m->type_name = type;
    }
}

/* A local structure or enumeration is named Outer_Name (DSP0221 3.0: it is visible in its
 * class, the subclasses and the structures local to them only, so two classes may each have
 * their own of one name): that is its name in the schema, on the wire and in C; it keeps the
 * name written as local_name. NULL when out of memory. */
static const char *local_full_name(mof_pstate *ps, const char *name)
{
    size_t no = strlen(ps->outer), nn = strlen(name);
    char *full = mof_p_zalloc(ps, no + nn + 2);
    if (full) {
        memcpy(full, ps->outer, no);
        full[no] = '_';
        memcpy(full + no + 1, name, nn + 1);
    }
    return full;
}

/* A class or structure being read: what its head said, and where its features start. */
typedef struct mof_chead {
    mof_qualifiers q;
    const char *name, *super, *implied, *outer, *saved_outer;
    const char *local; /* a local structure's name as written (name is Outer_Name) */
    mof_ploc l;
    bool structure;
} mof_chead;

static mof_chead *class_head(mof_pstate *ps, mof_qualifiers q, const char *name,
                             const char *super, mof_ploc l, const char *implied, bool structure)
{
    mof_chead *h = mof_p_zalloc(ps, sizeof *h);
    if (!h)
        return NULL;
    h->q = q;
    h->name = name;
    h->super = super;
    h->implied = implied;
    h->l = l;
    h->structure = structure;
    h->outer = ps->outer;
    h->saved_outer = ps->outer;
    if (structure && ps->outer && name) {
        const char *full = local_full_name(ps, name);
        if (full) {
            h->local = name;
            h->name = full;
        }
    }
    ps->outer = h->name;
    return h;
}

static void add_class(mof_pstate *ps, const mof_chead *h, mof_fmark fm)
{
    mof_qualifiers q;
    mof_class *c;
    if (!h)
        return;
    ps->outer = h->saved_outer;
    q = h->q;
    c = mof_p_zalloc(ps, sizeof *c);
    if (!c)
        return;
    c->is_structure = h->structure;
    c->mof3_keyword = h->implied != NULL;
    c->outer = h->outer;
    if (h->implied) {
        /* MOF 3's `association X` / `indication X`: the qualifier MOF 2 writes. */
        mof_qualifier *nq = mof_p_zalloc(ps, (q.n + 1) * sizeof *nq);
        if (!nq)
            return;
        if (q.n)
            memcpy(nq, q.items, q.n * sizeof *nq);
        nq[q.n].name = h->implied;
        nq[q.n].loc = mof_p_loc(ps, h->l);
        q.items = nq;
        q.n++;
    }
    c->name = h->name;
    c->local_name = h->local;
    c->super_name = h->super;
    c->quals = q;
    c->loc = mof_p_loc(ps, h->l);
    c->props = mof_vec_take(ps, &ps->props, fm.props, &c->nprops);
    c->methods = mof_vec_take(ps, &ps->methods, fm.methods, &c->nmethods);
    mof_p_decl(ps, MOF_D_CLASS, h->l, c);
}

static void add_enum(mof_pstate *ps, mof_qualifiers q, const char *name, int type,
                     const char *super, mof_ploc l, size_t mark)
{
    mof_enum *e = mof_p_zalloc(ps, sizeof *e);
    if (!e)
        return;
    e->name = name;
    if (ps->outer && name) {
        const char *full = local_full_name(ps, name);
        if (full) {
            e->local_name = name;
            e->name = full;
        }
    }
    e->type = (mof_type)type;
    e->super_name = super;
    e->outer = ps->outer;
    e->quals = q;
    e->loc = mof_p_loc(ps, l);
    e->items = mof_vec_take(ps, &ps->items, mark, &e->nitems);
    mof_p_decl(ps, MOF_D_ENUM, l, e);
}

static mof_qualdecl *new_qualdecl(mof_pstate *ps, const char *name, int type,
                                  const char *type_name, mof_arrspec arr, mof_value *dflt,
                                  mof_ploc l)
{
    mof_qualdecl *q = mof_p_zalloc(ps, sizeof *q);
    if (!q)
        return NULL;
    q->name = name;
    q->type = (mof_type)type;
    q->type_name = type_name;
    q->is_array = arr.is;
    q->array_size = arr.size;
    q->dflt = dflt;
    q->loc = mof_p_loc(ps, l);
    mof_p_decl(ps, MOF_D_QUALDECL, l, q);
    return q;
}

static void new_item(mof_pstate *ps, mof_qualifiers q, const char *name, mof_value *v,
                     mof_ploc l)
{
    mof_enum_item *it = PUSH(items, mof_enum_item);
    it->quals = q;
    it->name = name;
    it->value = v;
    it->loc = mof_p_loc(ps, l);
}

static mof_value *enum_value(mof_pstate *ps, const char *type, const char *name, mof_ploc l)
{
    mof_value *v = mof_p_value(ps, MOF_V_ENUM, l);
    v->v.enumv.type = type;
    v->v.enumv.name = name;
    return v;
}

static mof_instance *new_instance(mof_pstate *ps, mof_qualifiers q, const char *cls,
                                  const char *alias, mof_ploc l, size_t vmark, bool embedded)
{
    mof_instance *in = mof_p_zalloc(ps, sizeof *in);
    if (!in)
        return NULL;
    in->quals = q;
    in->class_name = cls;
    in->alias = alias;
    in->loc = mof_p_loc(ps, l);
    in->embedded = embedded;
    in->vals = mof_vec_take(ps, &ps->propvals, vmark, &in->nvals);
    return in;
}

static mof_value *array_value(mof_pstate *ps, mof_ploc l, size_t mark)
{
    mof_value *v = mof_p_value(ps, MOF_V_ARRAY, l);
    mof_value *items = mof_vec_take(ps, &ps->values, mark, &v->v.arr.n);
    v->v.arr.items = items;
    return v;
}


static const mof_arrspec no_array = {false, 0};
}

%token END 0 "end of file"
%token PRAGMA "'#pragma'"
%token <str> CLASS "'class'" INSTANCE "'instance'" OF "'of'" AS "'as'"
%token <str> QUALIFIER "'qualifier'" ASSOCIATION "'association'" INDICATION "'indication'"
%token <str> VALUE "'value'" STRUCTURE "'structure'" ENUMERATION "'enumeration'"
%token REF "'ref'" TRUE_ "'true'" FALSE_ "'false'" NULL_ "'null'"
%token <dt> DT "type name"
%token <str> IDENT "identifier" ALIAS "alias"
%token <s> STRING "string literal"
%token <i> INT "integer literal"
%token <r> REAL "real literal"
%token <c16> CHAR16 "character literal"

%type <str> name tname propname super_opt alias_opt
%type <quals> quals_opt
%type <mark> quals params_opt params propvals arr_items arr_items_opt names pargs
%type <mark> enum_items enum_items_opt
%type <head> class_head struct_head
%type <dt> enum_base
%type <fmark> features
%type <arr> array_opt
%type <val> init constant arr_item default_opt embedded qparam_opt enumval
%type <qd> qualdecl_head
%type <flavor> flavors_opt flavors

%%

unit:
    %empty
  | unit production
  ;

production:
    pragma
  | qualdecl
  | classdecl
  | structdecl
  | enumdecl
  | instdecl
  | valuedecl
  | error ';'
  ;

/* ---- pragmas ---- */

pragma:
    PRAGMA name                         { mof_p_pragma(ps, $2, @1, false, ps->names.n); }
  | PRAGMA name '(' pargs ')'           { mof_p_pragma(ps, $2, @1, true, $4); }
  ;

pargs:
    %empty                              { $$ = ps->names.n; }
  | pargs parg                          { $$ = $1; }
  | pargs ',' parg                      { $$ = $1; }
  ;

parg:
    STRING                              {
        mof_pname *n = PUSH(names, mof_pname);
        n->s = $1.s; n->len = $1.len; n->is_string = true; n->loc = @1;
    }
  | name                                {
        mof_pname *n = PUSH(names, mof_pname);
        n->s = $1; n->len = strlen($1); n->loc = @1;
    }
  | INT                                 {
        mof_pname *n = PUSH(names, mof_pname);
        n->s = ""; n->is_int = true; n->ival = $1.mag; n->loc = @1;
    }
  ;

/* ---- qualifier declarations (MOF 2, MOF 3's qualifier types, WMI's flavor-only form) ---- */

qualdecl:
    quals_opt qualdecl_head qualdecl_items ';' {
        (void)$1;
        if ($2 && $2->scope == 0)
            mof_p_error(ps, @2, "qualifier declaration '%s' has no Scope", $2->name);
    }
  | quals_opt QUALIFIER name ':' flavors ';' {
        mof_qualdecl *q = mof_p_zalloc(ps, sizeof *q);
        (void)$1;
        mof_p_dialect(ps, @2, "qualifier declaration '%s' gives only flavors, a WMI form "
                      "(mofcomp accepts it)", $3);
        if (q) {
            q->name = $3;
            q->flavor = $5;
            q->flavor_only = true;
            q->scope = MOF_SCOPE_ANY;
            q->loc = mof_p_loc(ps, @2);
            mof_p_decl(ps, MOF_D_QUALDECL, @2, q);
        }
    }
  ;

qualdecl_head:
    QUALIFIER name ':' DT array_opt default_opt {
        $$ = new_qualdecl(ps, $2, $4, NULL, $5, $6, @1);
    }
  | QUALIFIER name ':' name '=' init    {
        $$ = new_qualdecl(ps, $2, MOF_STRING, $4, no_array, $6, @1);
    }
  | QUALIFIER name ':' name '[' ']' default_opt {
        mof_arrspec a = {true, 0};
        $$ = new_qualdecl(ps, $2, MOF_STRING, $4, a, $7, @1);
    }
  ;

qualdecl_items:
    %empty
  | qualdecl_items ',' name '(' names ')' { mof_p_qualdecl_item(ps, $<qd>0, $3, @3, $5); }
  | qualdecl_items name '(' names ')'     { mof_p_qualdecl_item(ps, $<qd>0, $2, @2, $4); }
  ;

names:
    name                                {
        mof_pname *n;
        $$ = ps->names.n;
        n = PUSH(names, mof_pname);
        n->s = $1; n->len = strlen($1); n->loc = @1;
    }
  | names ',' name                      {
        mof_pname *n = PUSH(names, mof_pname);
        n->s = $3; n->len = strlen($3); n->loc = @3;
        $$ = $1;
    }
  ;

/* ---- qualifier lists ---- */

quals_opt:
    %empty                              { $$.items = NULL; $$.n = 0; }
  | '[' quals ']'                       { $$ = mof_p_quals(ps, $2); }
  ;

quals:
    qualifier                           { $$ = ps->quals.n - 1; }
  | quals ',' qualifier                 { $$ = $1; }
  ;

qualifier:
    name qparam_opt flavors_opt         {
        mof_qualifier *q = PUSH(quals, mof_qualifier);
        q->name = $1;
        q->value = $2;
        q->flavor = $3;
        q->loc = mof_p_loc(ps, @1);
    }
  ;

qparam_opt:
    %empty                              { $$ = NULL; }
  | '(' init ')'                        { $$ = $2; }
  | '{' arr_items_opt '}'               { $$ = array_value(ps, @1, $2); }
  ;

flavors_opt:
    %empty                              { $$ = 0; }
  | ':' flavors                         { $$ = $2; }
  ;

flavors:
    name                                { $$ = mof_p_flavor(ps, $1, @1); }
  | flavors name                        { $$ = $1 | mof_p_flavor(ps, $2, @2); }
  ;

/* ---- classes and MOF 3 structures ---- */

class_head:
    quals_opt CLASS name super_opt '{'  { $$ = class_head(ps, $1, $3, $4, @2, NULL, false); }
  | quals_opt ASSOCIATION name super_opt '{' {
        $$ = class_head(ps, $1, $3, $4, @2, "Association", false);
    }
  | quals_opt INDICATION name super_opt '{' {
        $$ = class_head(ps, $1, $3, $4, @2, "Indication", false);
    }
  ;

classdecl:
    class_head features '}' ';'         { add_class(ps, $1, $2); }
  | class_head features error '}' ';'   { add_class(ps, $1, $2); }
  ;

struct_head:
    quals_opt STRUCTURE name super_opt '{' {
        $$ = class_head(ps, $1, $3, $4, @2, NULL, true);
    }
  ;

structdecl:
    struct_head features '}' ';'        { add_class(ps, $1, $2); }
  | struct_head features error '}' ';'  { add_class(ps, $1, $2); }
  ;

super_opt:
    %empty                              { $$ = NULL; }
  | ':' name                            { $$ = $2; }
  ;

features:
    %empty                              { $$.props = ps->props.n; $$.methods = ps->methods.n; }
  | features feature                    { $$ = $1; }
  | features error ';'                  { $$ = $1; }
  ;

feature:
    quals_opt DT propname array_opt default_opt ';'
                                        { add_prop(ps, $1, $2, NULL, $3, @3, $4, $5); }
  | quals_opt tname REF propname array_opt default_opt ';'
                                        { add_prop(ps, $1, MOF_REFERENCE, $2, $4, @4, $5, $6); }
  | quals_opt DT REF propname array_opt default_opt ';' {
        if ($2 != MOF_INSTANCE)
            mof_p_error(ps, @3, "a reference names a class before 'ref', not a type");
        add_prop(ps, $1, MOF_REFERENCE, NULL, $4, @4, $5, $6);
    }
  | quals_opt tname propname array_opt default_opt ';' {
        /* typed by a class (WMI: an embedded object of that class; MOF 3 too), a structure or
         * an enumeration: the resolver decides which */
        mof_property *p = add_prop(ps, $1, MOF_INSTANCE, NULL, $3, @3, $4, $5);
        p->type_name = $2;
    }
  | quals_opt DT propname '(' params_opt ')' ';'
                                        { add_method(ps, $1, $2, NULL, false, $3, @3, $5); }
  | quals_opt DT '[' ']' propname '(' params_opt ')' ';'
                                        { add_method(ps, $1, $2, NULL, true, $5, @5, $7); }
  | quals_opt tname REF propname '(' params_opt ')' ';'
                                        {
                                            add_method(ps, $1, MOF_REFERENCE, $2, false, $4, @4,
                                                       $6);
                                        }
  | quals_opt tname propname '(' params_opt ')' ';'
                                        { add_named_method(ps, $1, $2, false, $3, @2, @3, $5); }
  | quals_opt tname '[' ']' propname '(' params_opt ')' ';'
                                        { add_named_method(ps, $1, $2, true, $5, @2, @5, $7); }
  | structdecl
  | enumdecl
  ;

array_opt:
    %empty                              { $$ = no_array; }
  | '[' ']'                             { $$.is = true; $$.size = 0; }
  | '[' INT ']'                         {
        $$.is = true;
        $$.size = (uint32_t)$2.mag;
        if ($2.neg || $2.mag == 0 || $2.mag > UINT32_MAX) {
            mof_p_error(ps, @2, "array size must be a positive 32-bit number");
            $$.size = 0;
        }
    }
  ;

default_opt:
    %empty                              { $$ = NULL; }
  | '=' init                            { $$ = $2; }
  ;

params_opt:
    %empty                              { $$ = ps->params.n; }
  | params                              { $$ = $1; }
  ;

params:
    param                               { $$ = ps->params.n - 1; }
  | params ',' param                    { $$ = $1; }
  ;

param:
    quals_opt DT propname array_opt default_opt
                                        { add_param(ps, $1, $2, NULL, $3, @3, $4, $5); }
  | quals_opt tname REF propname array_opt default_opt
                                        { add_param(ps, $1, MOF_REFERENCE, $2, $4, @4, $5, $6); }
  | quals_opt DT REF propname array_opt default_opt {
        if ($2 != MOF_INSTANCE)
            mof_p_error(ps, @3, "a reference names a class before 'ref', not a type");
        add_param(ps, $1, MOF_REFERENCE, NULL, $4, @4, $5, $6);
    }
  | quals_opt tname propname array_opt default_opt {
        mof_property *p = add_param(ps, $1, MOF_INSTANCE, NULL, $3, @3, $4, $5);
        p->type_name = $2;
    }
  ;

/* ---- MOF 3 enumerations ---- */

enumdecl:
    quals_opt ENUMERATION name ':' enum_base '{' enum_items_opt '}' ';' {
        add_enum(ps, $1, $3, $5, $5 < 0 ? ps->enum_super : NULL, @2, $7);
    }
  ;

enum_base:
    DT                                  { $$ = $1; }
  | name                                {
        /* DSP0221 3.0.1's own example writes `: Integer` */
        if (mof_name_eq($1, "integer")) {
            $$ = MOF_SINT64;
        } else {
            $$ = -1;
            ps->enum_super = $1;
        }
    }
  ;

enum_items_opt:
    %empty                              { $$ = ps->items.n; }
  | enum_items                          { $$ = $1; }
  | enum_items ','                      { $$ = $1; }
  ;

enum_items:
    enum_item                           { $$ = ps->items.n - 1; }
  | enum_items ',' enum_item            { $$ = $1; }
  ;

enum_item:
    quals_opt name                      { new_item(ps, $1, $2, NULL, @2); }
  | quals_opt name '=' constant         { new_item(ps, $1, $2, $4, @2); }
  ;

/* ---- instances, MOF 3 values, and property values ---- */

instdecl:
    quals_opt INSTANCE OF name alias_opt '{' propvals '}' ';' {
        mof_p_decl(ps, MOF_D_INSTANCE, @2, new_instance(ps, $1, $4, $5, @2, $7, false));
    }
  | quals_opt INSTANCE OF name alias_opt '{' propvals error '}' ';' {
        mof_p_decl(ps, MOF_D_INSTANCE, @2, new_instance(ps, $1, $4, $5, @2, $7, false));
    }
  ;

valuedecl:
    quals_opt VALUE OF name alias_opt '{' propvals '}' ';' {
        mof_instance *in = new_instance(ps, $1, $4, $5, @2, $7, false);
        if (in)
            in->is_value = true;
        mof_p_decl(ps, MOF_D_INSTANCE, @2, in);
    }
  ;

alias_opt:
    %empty                              { $$ = NULL; }
  | AS ALIAS                            { $$ = $2; }
  ;

propvals:
    %empty                              { $$ = ps->propvals.n; }
  | propvals propval                    { $$ = $1; }
  | propvals error ';'                  { $$ = $1; }
  ;

propval:
    quals_opt propname '=' init ';'     {
        mof_propval *pv = PUSH(propvals, mof_propval);
        pv->quals = $1;
        pv->name = $2;
        pv->value = $4;
        pv->loc = mof_p_loc(ps, @2);
    }
  | quals_opt propname ';'              {
        /* WMI: a property named without a value (a provider supplies it) */
        mof_propval *pv = PUSH(propvals, mof_propval);
        mof_p_dialect(ps, @2, "property '%s' is given no value, a WMI form (mofcomp accepts "
                      "it)", $2);
        pv->quals = $1;
        pv->name = $2;
        pv->value = mof_p_value(ps, MOF_V_NULL, @2);
        pv->loc = mof_p_loc(ps, @2);
    }
  ;

init:
    constant
  | embedded
  | enumval
  | ALIAS                               {
        $$ = mof_p_value(ps, MOF_V_ALIAS, @1);
        $$->v.alias.name = $1;
    }
  | '{' arr_items_opt '}'               { $$ = array_value(ps, @1, $2); }
  ;

arr_items_opt:
    %empty                              { $$ = ps->values.n; }
  | arr_items                           { $$ = $1; }
  | arr_items ','                       { $$ = $1; }
  ;

arr_items:
    arr_item                            { $$ = ps->values.n; *PUSH(values, mof_value) = *$1; }
  | arr_items ',' arr_item              { $$ = $1; *PUSH(values, mof_value) = *$3; }
  ;

arr_item:
    constant
  | embedded
  | enumval
  | ALIAS                               {
        $$ = mof_p_value(ps, MOF_V_ALIAS, @1);
        $$->v.alias.name = $1;
    }
  ;

/* MOF 3: an enumeration value, bare or qualified by its enumeration. */
enumval:
    IDENT                               { $$ = enum_value(ps, NULL, $1, @1); }
  | IDENT '.' IDENT                     { $$ = enum_value(ps, $1, $3, @1); }
  ;

embedded:
    INSTANCE OF name '{' propvals '}'   {
        $$ = mof_p_value(ps, MOF_V_INSTANCE, @1);
        $$->v.inst = new_instance(ps, (mof_qualifiers){NULL, 0}, $3, NULL, @1, $5, true);
    }
  | VALUE OF name '{' propvals '}'      {
        $$ = mof_p_value(ps, MOF_V_INSTANCE, @1);
        $$->v.inst = new_instance(ps, (mof_qualifiers){NULL, 0}, $3, NULL, @1, $5, true);
        if ($$->v.inst)
            $$->v.inst->is_value = true;
    }
  ;

constant:
    INT                                 {
        $$ = mof_p_value(ps, MOF_V_INT, @1);
        $$->v.i.mag = $1.mag;
        $$->v.i.neg = $1.neg;
    }
  | REAL                                { $$ = mof_p_value(ps, MOF_V_REAL, @1); $$->v.r = $1; }
  | CHAR16                              { $$ = mof_p_value(ps, MOF_V_CHAR16, @1); $$->v.c16 = $1; }
  | STRING                              {
        $$ = mof_p_value(ps, MOF_V_STRING, @1);
        $$->v.str.s = $1.s;
        $$->v.str.len = $1.len;
    }
  | TRUE_                               { $$ = mof_p_value(ps, MOF_V_BOOL, @1); $$->v.b = true; }
  | FALSE_                              { $$ = mof_p_value(ps, MOF_V_BOOL, @1); $$->v.b = false; }
  | NULL_                               { $$ = mof_p_value(ps, MOF_V_NULL, @1); }
  ;

/* ---- names: identifiers, and the keywords MOF lets stand as names ---- */

/* A type written as a name at the start of a feature: not 'structure' or 'enumeration', which
 * start local declarations there. (Each of these lists its tokens itself rather than through
 * another: one reduction a name, not two, on the hot path.) */
tname:
    IDENT | CLASS | INSTANCE | OF | AS | QUALIFIER | ASSOCIATION | INDICATION | VALUE
  ;

name:
    IDENT | CLASS | INSTANCE | OF | AS | QUALIFIER | ASSOCIATION | INDICATION | VALUE
  | STRUCTURE | ENUMERATION
  ;

/* The name of a property, parameter or method: WMI also writes type keywords there. */
propname:
    IDENT | CLASS | INSTANCE | OF | AS | QUALIFIER | ASSOCIATION | INDICATION | VALUE
  | STRUCTURE | ENUMERATION
  | DT                                  {
        mof_p_dialect(ps, @1, "type name '%s' used as a name, a WMI form (mofcomp accepts it)",
                      ps->lx.dt_text);
        $$ = mof_p_strdup(ps, ps->lx.dt_text, strlen(ps->lx.dt_text));
    }
  ;

%%

/* Bison calls this only when its stack is exhausted: values nested beyond YYMAXDEPTH. */
static void mof_yyerror(MOF_YYLTYPE *lloc, void *scanner, mof_pstate *ps, const char *msg)
{
    (void)scanner;
    (void)msg;
    mof_p_error(ps, *lloc, "values nest too deeply for the parser");
}

/* "unexpected X, expecting A, B or C" with the lookahead spelled as written. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, mof_pstate *ps)
{
    enum { MAX_EXPECTED = 4 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    yysymbol_kind_t tok = yypcontext_token(ctx);
    mof_ploc l = *yypcontext_location(ctx);
    char what[160], exp[256];
    int n, i;
    size_t used = 0;
    (void)scanner;
    if (tok == YYSYMBOL_YYEOF && ps->lx.scan_error)
        return 0; /* the scanner already said why the input ended */
    if (tok == YYSYMBOL_IDENT || tok == YYSYMBOL_ALIAS)
        snprintf(what, sizeof what, "%s '%.*s'", yysymbol_name(tok),
                 (int)(ps->lx.tok_len > 60 ? 60 : ps->lx.tok_len), ps->lx.tok_text);
    else if (tok == YYSYMBOL_DT || tok == YYSYMBOL_INT || tok == YYSYMBOL_REAL)
        snprintf(what, sizeof what, "'%.*s'", (int)(ps->lx.tok_len > 60 ? 60 : ps->lx.tok_len),
                 ps->lx.tok_text);
    else
        snprintf(what, sizeof what, "%s", yysymbol_name(tok));
    /* A ';' the parser wanted before a token on a later line: say so after the token that
     * wanted it, as C compilers do, not at the next line's start. */
    {
        yysymbol_kind_t all[YYNTOKENS];
        int na = yypcontext_expected_tokens(ctx, all, YYNTOKENS);
        for (i = 0; i < na; i++) {
            if (strcmp(yysymbol_name(all[i]), "';'") == 0) {
                mof_ploc pe = prev_token_end(ps, l);
                if (pe.line) {
                    mof_p_error(ps, pe, "syntax error: expected ';' before %s", what);
                    return 0;
                }
                break;
            }
        }
    }
    n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    exp[0] = '\0';
    if (n > 0) {
        used = (size_t)snprintf(exp, sizeof exp, ", expecting ");
        for (i = 0; i < n && used < sizeof exp; i++)
            used += (size_t)snprintf(exp + used, sizeof exp - used, "%s%s",
                                     i == 0 ? "" : i == n - 1 ? " or " : ", ",
                                     yysymbol_name(expected[i]));
    }
    mof_p_error(ps, l, "syntax error: unexpected %s%s", what, exp);
    return 0;
}
