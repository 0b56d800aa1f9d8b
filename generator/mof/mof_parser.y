/* generator/mof/mof_parser.y: the MOF grammar (DSP0221 2.x as written in the wild: DMTF, WMI, DSC,
 * OpenLMI, Pegasus, OMI), building the declarations of model.h.
 *
 * A pure parser with locations; its state is a mof_pstate (parse_int.h), the scanner's within
 * it. Keywords that MOF lets stand as names (a property called Value, a qualifier called
 * Association) are names wherever a name is wanted (the `name` rule); Scope, Flavor and pragma
 * words are names checked in C.
 * Lists are built on the stacks of mof_pstate and copied into the arena when they end. On a
 * syntax error the parser resumes after the next ';' of the feature, instance value or
 * declaration it was in, so that one run reports several errors. MOF 3 structures,
 * enumerations and `value of` are recognized and reported as not supported. */
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
static void add_prop_to(mof_pstate *ps, mof_vec *v, mof_qualifiers q, int type,
                        const char *ref_class, const char *name, mof_ploc l, mof_arrspec arr,
                        mof_value *dflt)
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
}

#define add_prop(ps, ...) add_prop_to(ps, &(ps)->props, __VA_ARGS__)
#define add_param(ps, ...) add_prop_to(ps, &(ps)->params, __VA_ARGS__)

static void add_method(mof_pstate *ps, mof_qualifiers q, int type, const char *ref_class,
                       bool is_array, const char *name, mof_ploc l, size_t pmark)
{
    mof_method *m = PUSH(methods, mof_method);
    m->quals = q;
    m->type = (mof_type)type;
    m->ref_class = ref_class;
    m->is_array = is_array;
    m->name = name;
    m->loc = mof_p_loc(ps, l);
    m->params = mof_vec_take(ps, &ps->params, pmark, &m->nparams);
}

static void add_class(mof_pstate *ps, mof_qualifiers q, const char *name, const char *super,
                      mof_ploc l, mof_fmark fm, const char *implied)
{
    mof_class *c = mof_p_zalloc(ps, sizeof *c);
    if (!c)
        return;
    if (implied) {
        /* MOF 3's `association X` / `indication X`: the qualifier MOF 2 writes. */
        mof_qualifier *nq = mof_p_zalloc(ps, (q.n + 1) * sizeof *nq);
        if (!nq)
            return;
        if (q.n)
            memcpy(nq, q.items, q.n * sizeof *nq);
        nq[q.n].name = implied;
        nq[q.n].loc = mof_p_loc(ps, l);
        q.items = nq;
        q.n++;
    }
    c->name = name;
    c->super_name = super;
    c->quals = q;
    c->loc = mof_p_loc(ps, l);
    c->props = mof_vec_take(ps, &ps->props, fm.props, &c->nprops);
    c->methods = mof_vec_take(ps, &ps->methods, fm.methods, &c->nmethods);
    mof_p_decl(ps, MOF_D_CLASS, l, c);
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

static void not_supported(mof_pstate *ps, mof_ploc l, const char *what)
{
    mof_p_error(ps, l, "MOF 3 %s are not supported", what);
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

%type <str> name super_opt alias_opt
%type <quals> quals_opt
%type <mark> quals params_opt params propvals arr_items arr_items_opt names pargs
%type <fmark> features
%type <arr> array_opt
%type <val> init constant arr_item default_opt embedded qparam_opt
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
  | instdecl
  | mof3decl
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

/* ---- qualifier declarations ---- */

qualdecl:
    qualdecl_head qualdecl_items ';'    {
        if ($1 && $1->scope == 0)
            mof_p_error(ps, @1, "qualifier declaration '%s' has no Scope", $1->name);
    }
  ;

qualdecl_head:
    QUALIFIER name ':' DT array_opt default_opt {
        mof_qualdecl *q = mof_p_zalloc(ps, sizeof *q);
        $$ = q;
        if (q) {
            q->name = $2;
            q->type = (mof_type)$4;
            q->is_array = $5.is;
            q->array_size = $5.size;
            q->dflt = $6;
            q->loc = mof_p_loc(ps, @1);
            mof_p_decl(ps, MOF_D_QUALDECL, @1, q);
        }
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

/* ---- classes ---- */

classdecl:
    quals_opt CLASS name super_opt '{' features '}' ';'
                                        { add_class(ps, $1, $3, $4, @2, $6, NULL); }
  | quals_opt ASSOCIATION name super_opt '{' features '}' ';'
                                        { add_class(ps, $1, $3, $4, @2, $6, "Association"); }
  | quals_opt INDICATION name super_opt '{' features '}' ';'
                                        { add_class(ps, $1, $3, $4, @2, $6, "Indication"); }
  | quals_opt CLASS name super_opt '{' features error '}' ';'
                                        { add_class(ps, $1, $3, $4, @2, $6, NULL); }
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
    quals_opt DT name array_opt default_opt ';'
                                        { add_prop(ps, $1, $2, NULL, $3, @3, $4, $5); }
  | quals_opt name REF name array_opt default_opt ';'
                                        { add_prop(ps, $1, MOF_REFERENCE, $2, $4, @4, $5, $6); }
  | quals_opt DT REF name array_opt default_opt ';' {
        if ($2 != MOF_INSTANCE)
            mof_p_error(ps, @3, "a reference names a class before 'ref', not a type");
        add_prop(ps, $1, MOF_REFERENCE, NULL, $4, @4, $5, $6);
    }
  | quals_opt DT name '(' params_opt ')' ';'
                                        { add_method(ps, $1, $2, NULL, false, $3, @3, $5); }
  | quals_opt DT '[' ']' name '(' params_opt ')' ';'
                                        { add_method(ps, $1, $2, NULL, true, $5, @5, $7); }
  | quals_opt name REF name '(' params_opt ')' ';'
                                        {
                                            add_method(ps, $1, MOF_REFERENCE, $2, false, $4, @4,
                                                       $6);
                                        }
  | quals_opt name name array_opt default_opt ';' {
        (void)$1; (void)$4; (void)$5;
        mof_p_error(ps, @2, "MOF 3 properties typed by a structure, enumeration or class "
                    "('%s %s') are not supported; write 'string' with EmbeddedInstance(\"%s\"), "
                    "or '%s ref'", $2, $3, $2, $2);
    }
  | quals_opt name name '{' balanced '}' ';' {
        (void)$1; (void)$3;
        if (mof_name_eq($2, "structure") || mof_name_eq($2, "enumeration"))
            not_supported(ps, @2, mof_name_eq($2, "structure") ? "structure declarations"
                                                              : "enumeration declarations");
        else
            mof_p_error(ps, @2, "syntax error: unexpected '{' after '%s %s'", $2, $3);
    }
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
    quals_opt DT name array_opt default_opt
                                        { add_param(ps, $1, $2, NULL, $3, @3, $4, $5); }
  | quals_opt name REF name array_opt default_opt
                                        { add_param(ps, $1, MOF_REFERENCE, $2, $4, @4, $5, $6); }
  | quals_opt DT REF name array_opt default_opt {
        if ($2 != MOF_INSTANCE)
            mof_p_error(ps, @3, "a reference names a class before 'ref', not a type");
        add_param(ps, $1, MOF_REFERENCE, NULL, $4, @4, $5, $6);
    }
  | quals_opt name name array_opt default_opt {
        (void)$1; (void)$4; (void)$5;
        mof_p_error(ps, @2, "MOF 3 parameters typed by a structure, enumeration or class "
                    "('%s %s') are not supported", $2, $3);
        add_param(ps, $1, MOF_STRING, NULL, $3, @3, no_array, NULL);
    }
  ;

/* ---- instances and values ---- */

instdecl:
    quals_opt INSTANCE OF name alias_opt '{' propvals '}' ';' {
        mof_p_decl(ps, MOF_D_INSTANCE, @2, new_instance(ps, $1, $4, $5, @2, $7, false));
    }
  | quals_opt INSTANCE OF name alias_opt '{' propvals error '}' ';' {
        mof_p_decl(ps, MOF_D_INSTANCE, @2, new_instance(ps, $1, $4, $5, @2, $7, false));
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
    quals_opt name '=' init ';'         {
        mof_propval *pv = PUSH(propvals, mof_propval);
        pv->quals = $1;
        pv->name = $2;
        pv->value = $4;
        pv->loc = mof_p_loc(ps, @2);
    }
  ;

init:
    constant
  | embedded
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
  | ALIAS                               {
        $$ = mof_p_value(ps, MOF_V_ALIAS, @1);
        $$->v.alias.name = $1;
    }
  ;

embedded:
    INSTANCE OF name '{' propvals '}'   {
        $$ = mof_p_value(ps, MOF_V_INSTANCE, @1);
        $$->v.inst = new_instance(ps, (mof_qualifiers){NULL, 0}, $3, NULL, @1, $5, true);
    }
  | VALUE OF name '{' propvals '}'      {
        mof_propval *pv;
        size_t n;
        not_supported(ps, @1, "'value of' values");
        pv = mof_vec_take(ps, &ps->propvals, $5, &n);
        (void)pv; (void)$3;
        $$ = mof_p_value(ps, MOF_V_NULL, @1);
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

/* ---- MOF 3 declarations: recognized, reported, skipped ---- */

mof3decl:
    quals_opt STRUCTURE balanced_decl   {
                                            (void)$1;
                                            not_supported(ps, @2, "structure declarations");
                                        }
  | quals_opt ENUMERATION balanced_decl {
                                            (void)$1;
                                            not_supported(ps, @2, "enumeration declarations");
                                        }
  | quals_opt VALUE OF name alias_opt '{' propvals '}' ';' {
        size_t n;
        (void)$1; (void)$4; (void)$5;
        not_supported(ps, @2, "'value of' declarations");
        mof_vec_take(ps, &ps->propvals, $7, &n);
    }
  ;

/* Everything up to the closing '};', braces balanced. */
balanced_decl:
    head_tokens '{' balanced '}' ';'
  ;

head_tokens:
    %empty
  | head_tokens any_token
  ;

balanced:
    %empty
  | balanced any_token
  | balanced ';'
  | balanced '{' balanced '}'
  ;

any_token:
    name | DT | REF | TRUE_ | FALSE_ | NULL_ | STRING | INT | REAL | CHAR16 | ALIAS
  | '(' | ')' | '[' | ']' | ',' | ':' | '='
  ;

/* ---- names: identifiers, and the keywords MOF lets stand as names ---- */

name:
    IDENT | CLASS | INSTANCE | OF | AS | QUALIFIER | ASSOCIATION | INDICATION | VALUE
  | STRUCTURE | ENUMERATION
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
