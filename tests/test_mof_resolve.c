/* SPDX-License-Identifier: MIT */
/* tests/test_mof_resolve.c: the schema model: each semantic rule of the resolver, and the shared
 * CIM schemas as a corpus. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "parse.h"
#include "resolve.h"

/* One parse-and-resolve, its diagnostics captured as text. */
typedef struct fixture {
    mof_diag diag;
    mof_unit unit;
    mof_schema schema;
    char *out;
    size_t outlen;
    int rc;
} fixture;

static fixture F;

#ifndef RESOLVE_CORPUS
static void run_opts(const char *text, bool strict, const mof_resolve_options *ropts)
{
    FILE *mem;
    mof_unit_free(&F.unit);
    free(F.out);
    F.out = NULL;
    mem = open_memstream(&F.out, &F.outlen);
    ck_assert_ptr_nonnull(mem);
    mof_diag_init(&F.diag, mem);
    F.diag.max_errors = 0;
    F.diag.strict = strict;
    mof_unit_init(&F.unit, &F.diag);
    F.rc = mof_parse_buffer(&F.unit, "t.mof", text, strlen(text), NULL);
    ck_assert_msg(F.rc == 0, "parse failed");
    F.rc = mof_resolve(&F.unit, &F.schema, ropts);
    fclose(mem);
}

static void run(const char *text)
{
    run_opts(text, false, NULL);
}

#endif

static void teardown(void)
{
    mof_unit_free(&F.unit);
    free(F.out);
    F.out = NULL;
}

static void setup(void)
{
    memset(&F, 0, sizeof F);
    mof_unit_init(&F.unit, NULL);
}

/* Asserts a clean resolution. */
#define CLEAN()                                                                                 \
    ck_assert_msg(F.diag.errors == 0 && F.diag.warnings == 0 && F.rc == 0,                      \
                  "expected no diagnostics, got:\n%s", F.out)
/* Asserts exactly n errors and that the output contains msg. */
#define ERRORS(n, msg)                                                                          \
    do {                                                                                        \
        ck_assert_msg(F.diag.errors == (n), "expected %d error(s), got %u:\n%s", (n),          \
                      F.diag.errors, F.out);                                                    \
        ck_assert_msg(strstr(F.out, (msg)) != NULL, "expected '%s' in:\n%s", (msg), F.out);    \
        ck_assert_int_eq(F.rc, -1);                                                             \
    } while (0)
#define WARNS(n, msg)                                                                           \
    do {                                                                                        \
        ck_assert_msg(F.diag.errors == 0 && F.diag.warnings == (n),                             \
                      "expected %d warning(s), got:\n%s", (n), F.out);                          \
        ck_assert_msg(strstr(F.out, (msg)) != NULL, "expected '%s' in:\n%s", (msg), F.out);    \
    } while (0)

#ifndef RESOLVE_CORPUS
static const mof_class *cls(const char *name)
{
    const mof_class *c = mof_schema_class(&F.schema, NULL, name);
    ck_assert_msg(c != NULL, "class %s not found", name);
    return c;
}

/* ---- classes and inheritance ---- */

START_TEST(flatten_order)
{
    const mof_class *a, *b, *c;
    run("class A { [Key] string Id; string Name; uint32 Size; };\n"
        "class B : A { string Extra; [Override(\"Name\")] string Name = \"n\"; };\n"
        "class C : B { uint8 More; };\n");
    CLEAN();
    a = cls("A");
    b = cls("B");
    c = cls("C");
    ck_assert_ptr_eq(c->super, b);
    ck_assert_ptr_eq(b->super, a);
    ck_assert_uint_eq(c->depth, 2);
    ck_assert_uint_eq(c->n_all_props, 5);
    ck_assert_str_eq(c->all_props[0]->name, "Id");
    ck_assert_str_eq(c->all_props[1]->name, "Name");
    ck_assert_str_eq(c->all_props[2]->name, "Size");
    ck_assert_str_eq(c->all_props[3]->name, "Extra");
    ck_assert_str_eq(c->all_props[4]->name, "More");
    /* The override keeps A's position, points at B's declaration, and remembers A's. */
    ck_assert_ptr_eq(c->all_props[1], &b->props[1]);
    ck_assert_ptr_eq(b->props[1].overridden, &a->props[1]);
    ck_assert_ptr_eq(b->props[1].origin, a);
    ck_assert(b->props[1].flags & MOF_F_OVERRIDE);
    ck_assert_ptr_eq(c->all_props[4]->origin, c);
    /* Keys are inherited. */
    ck_assert_uint_eq(c->nkeys, 1);
    ck_assert(c->all_props[0]->flags & MOF_F_KEY);
    ck_assert_ptr_eq(mof_class_prop(c, "size"), &a->props[2]);
    ck_assert_ptr_null(mof_class_prop(c, "nope"));
    ck_assert(mof_class_isa(c, a));
    ck_assert(!mof_class_isa(a, c));
}
END_TEST

START_TEST(implicit_override)
{
    /* WMI redeclares inherited properties without Override. */
    const mof_class *b;
    run("class A { string Handle; };\nclass B : A { [Key] string Handle; };\n");
    CLEAN();
    b = cls("B");
    ck_assert_uint_eq(b->n_all_props, 1);
    ck_assert_uint_eq(b->nkeys, 1);
    ck_assert_ptr_eq(b->props[0].overridden, &cls("A")->props[0]);
}
END_TEST

START_TEST(methods_flatten)
{
    const mof_class *b;
    const mof_method *m;
    run("class A { uint32 Start(); uint32 Stop([In] boolean Force); };\n"
        "class B : A { [Override(\"Stop\")] uint32 Stop([In] boolean Force); "
        "uint32 Reset([Out] string Msg, [In, Out] uint32 N, sint8 D); };\n");
    CLEAN();
    b = cls("B");
    ck_assert_uint_eq(b->n_all_methods, 3);
    ck_assert_str_eq(b->all_methods[1]->name, "Stop");
    ck_assert_ptr_eq(b->all_methods[1]->origin, cls("A"));
    m = mof_class_method(b, "reset");
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(m->params[0].flags & (MOF_F_IN | MOF_F_OUT), MOF_F_OUT);
    ck_assert_uint_eq(m->params[1].flags & (MOF_F_IN | MOF_F_OUT), MOF_F_IN | MOF_F_OUT);
    ck_assert_uint_eq(m->params[2].flags & (MOF_F_IN | MOF_F_OUT), MOF_F_IN);
}
END_TEST

START_TEST(method_signature)
{
    run("class A { uint32 Stop(boolean Force); };\n"
        "class B : A { [Override(\"Stop\")] uint32 Stop(string Force); };\n");
    WARNS(1, "t.mof:2:41: warning: method 'Stop' overrides one with a different signature "
             "(mofcomp accepts this)");
    run_opts("class A { uint32 Stop(boolean Force); };\n"
             "class B : A { [Override(\"Stop\")] uint32 Stop(string Force); };\n",
             true, NULL);
    ERRORS(1, "t.mof:2:41: error: method 'Stop' overrides one with a different signature");
}
END_TEST

START_TEST(feature_flags)
{
    const mof_class *a;
    run("class A { [Key, Required] string K; string R; [Write] string W; [Read(false), Write]"
        " string WO; [Static] uint32 S; [Deprecated {\"x\"}] string D; };\n");
    CLEAN();
    a = cls("A");
    ck_assert_uint_eq(a->props[0].flags, MOF_F_KEY | MOF_F_REQUIRED | MOF_F_READ);
    ck_assert_uint_eq(a->props[1].flags, MOF_F_READ);
    ck_assert_uint_eq(a->props[2].flags, MOF_F_READ | MOF_F_WRITE);
    ck_assert_uint_eq(a->props[3].flags, MOF_F_WRITE);
    ck_assert_uint_eq(a->props[4].flags, MOF_F_READ | MOF_F_STATIC);
    ck_assert_uint_eq(a->props[5].flags, MOF_F_READ | MOF_F_DEPRECATED);
}
END_TEST

START_TEST(superclass_missing)
{
    run("class B : A { };\n");
    ERRORS(1, "t.mof:1:1: error: superclass 'A' of class 'B' is not declared in namespace "
              "'root/cimv2'");
}
END_TEST

START_TEST(superclass_later)
{
    run("class B : A { };\nclass A { };\n");
    ERRORS(1, "superclass 'A' of class 'B' must be declared before it");
    ck_assert(strstr(F.out, "t.mof:2:1: note: 'A' is declared here"));
}
END_TEST

START_TEST(superclass_self)
{
    run("class A : A { };\n");
    ERRORS(1, "class 'A' cannot be its own superclass");
}
END_TEST

START_TEST(duplicates)
{
    run("class A { string x; string X; uint32 m(); uint32 M(); uint32 n(string p, uint8 P); };\n"
        "class a { };\n");
    ck_assert_uint_eq(F.diag.errors, 3);
    ck_assert_uint_eq(F.diag.warnings, 1);
    ck_assert(strstr(F.out, "property 'X' is declared twice in class 'A'"));
    ck_assert(strstr(F.out, "method 'M' is declared twice in class 'A'"));
    ck_assert(strstr(F.out, "parameter 'P' is declared twice in method 'n'"));
    ck_assert(strstr(F.out, "t.mof:2:1: warning: class 'a' is declared again in namespace "
                            "'root/cimv2'; the later declaration replaces the earlier"));
    ck_assert(strstr(F.out, "t.mof:1:1: note: previous definition is here"));
}
END_TEST

START_TEST(terminal)
{
    run("[Terminal] class A { };\nclass B : A { };\n");
    ERRORS(1, "class 'B' cannot derive from terminal class 'A'");
}
END_TEST

START_TEST(override_rules)
{
    run("class A { string Name; uint32 Size; };\n"
        "class B : A { [Override(\"Other\")] string Name; [Override(\"Gone\")] string Gone;\n"
        "  [Override(\"Size\")] uint16 Size; };\n");
    ck_assert_uint_eq(F.diag.errors, 1);
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert(strstr(F.out, "warning: Override(\"Other\") on property 'Name' names another "
                            "property; it is read as overriding the inherited 'Name' (cimmof "
                            "accepts this)"));
    ck_assert(strstr(F.out, "property 'Gone' overrides nothing"));
    ck_assert(strstr(F.out, "property 'Size' of type uint16 overrides one of type uint32"));
}
END_TEST

START_TEST(keys)
{
    const char *text = "class A { [Key] string Id; };\nclass B : A { [Key] string Id2; };\n"
                       "class C { [Key] string L[]; };\n";
    run(text);
    ck_assert_uint_eq(F.diag.errors, 0);
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert_uint_eq(cls("B")->nkeys, 2);
    run_opts(text, true, NULL);
    ck_assert_uint_eq(F.diag.errors, 2);
    ck_assert(strstr(F.out, "class 'B' adds key property 'Id2' although superclass 'A' already "
                            "has keys"));
    ck_assert(strstr(F.out, "key property 'L' is an array"));
}
END_TEST

START_TEST(associations)
{
    const mof_class *as;
    run("class E { [Key] string Id; };\n"
        "[Association] class L { [Key] E REF A; [Key] E REF B; };\n"
        "class L2 : L { };\n"
        "[Association] class One { [Key] E REF A; };\n"
        "[Association] class Bad : E { E REF A; E REF B; };\n");
    ck_assert_uint_eq(F.diag.errors, 0);
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert(strstr(F.out, "warning: association 'One' has 1 reference; DSP0004 asks for at "
                            "least two (cimmof accepts this)"));
    ck_assert(strstr(F.out, "association 'Bad' derives from 'E', which is not an "
                            "association"));
    as = cls("L2");
    ck_assert(as->flags & MOF_C_ASSOCIATION);
    ck_assert_uint_eq(as->nkeys, 2);
}
END_TEST

START_TEST(references)
{
    run("class E { };\nclass E2 : E { };\nclass X { };\n"
        "[Association] class L { E REF A; E REF B; Nope REF C; };\n"
        "[Association] class L2 : L { [Override(\"A\")] E2 REF A; [Override(\"B\")] X REF B; };\n"
        "class S { uint32 M([IN] Gone REF P, [IN] E REF Q); };\n");
    ck_assert_uint_eq(F.diag.errors, 1);
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert(strstr(F.out, "class 'Nope' of reference 'C' is not declared"));
    ck_assert(strstr(F.out, "warning: class 'Gone' of reference parameter 'P' is not declared"));
    ck_assert(strstr(F.out, "warning: reference 'B' to 'X' overrides one to 'E', which is not "
                            "a superclass of it (omigen accepts this)"));
}
END_TEST

START_TEST(class_flags)
{
    run("[Abstract] class A { };\nclass B : A { };\n[Indication] class I { };\nclass J : I { };\n"
        "[Exception] class X { };\n");
    CLEAN();
    ck_assert(cls("A")->flags & MOF_C_ABSTRACT);
    /* Abstract is Restricted: it does not propagate. */
    ck_assert(!(cls("B")->flags & MOF_C_ABSTRACT));
    ck_assert(cls("J")->flags & MOF_C_INDICATION);
    ck_assert(cls("X")->flags & MOF_C_EXCEPTION);
}
END_TEST

/* ---- qualifiers ---- */

START_TEST(qual_builtin_and_undeclared)
{
    run("[Description(\"d\"), Fancy(3)] class A { [Fancy2] string x; };\n");
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert_uint_eq(F.diag.errors, 0);
    ck_assert(strstr(F.out, "t.mof:1:20: warning: qualifier 'Fancy' is not declared; its type "
                            "(sint64) is inferred from its value"));
    ck_assert(strstr(F.out, "qualifier 'Fancy2' is not declared; its type (boolean)"));
    ck_assert_ptr_nonnull(mof_quals_find(&cls("A")->quals, "fancy")->decl);
}
END_TEST

START_TEST(qual_strict)
{
    run_opts("[Fancy] class A { };\n[Fancy] class B { };\n", true, NULL);
    ERRORS(1, "t.mof:1:2: error: qualifier 'Fancy' is not declared");
}
END_TEST

START_TEST(qual_no_builtins)
{
    mof_resolve_options o;
    memset(&o, 0, sizeof o);
    o.no_builtin_quals = true;
    run_opts("[Description(\"x\")] class A { };\n", false, &o);
    WARNS(1, "qualifier 'Description' is not declared");
}
END_TEST

START_TEST(qualdecl_redeclare)
{
    const mof_qualdecl *q;
    run("Qualifier Key : boolean = false, Scope(property, reference), "
        "Flavor(DisableOverride, ToSubclass);\n"
        "Qualifier Key : boolean = false, Scope(reference, property), "
        "Flavor(ToSubclass, DisableOverride);\n"
        "Qualifier Units : uint32, Scope(any);\n"
        "Qualifier Foo : string = \"a\", Scope(class);\n"
        "Qualifier Foo : string = \"b\", Scope(class);\n"
        "[Units(3)] class A { };\n");
    WARNS(1, "t.mof:5:1: warning: qualifier 'Foo' is declared again, differently; the later "
             "declaration replaces the earlier");
    ck_assert(strstr(F.out, "t.mof:4:1: note: previous definition is here"));
    /* The file's own Units replaces the shipped one. */
    q = mof_map_get(&mof_schema_ns(&F.schema, NULL)->qualdecls, "units");
    ck_assert_int_eq(q->type, MOF_UINT32);
    ck_assert(!q->builtin);
    q = mof_map_get(&mof_schema_ns(&F.schema, NULL)->qualdecls, "Description");
    ck_assert(q->builtin);
}
END_TEST

START_TEST(qualdecl_default_type)
{
    run("Qualifier Q1 : uint8 = 256, Scope(any);\nQualifier Q2 : string = 1, Scope(any);\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    ck_assert(strstr(F.out, "value 256 is out of range for uint8 qualifier 'Q1'"));
    ck_assert(strstr(F.out, "string qualifier 'Q2' cannot take an integer value"));
}
END_TEST

START_TEST(qual_value_type)
{
    run("class A { [MaxLen(\"x\")] string a; [MaxLen(-1)] string b; [Key(1)] string c;\n"
        "  [Description({\"a\", \"b\"})] string d; [ValueMap(\"1\")] string e; };\n");
    ck_assert_uint_eq(F.diag.errors, 4);
    ck_assert(strstr(F.out, "uint32 qualifier 'MaxLen' cannot take a string value"));
    ck_assert(strstr(F.out, "value -1 is out of range for uint32 qualifier 'MaxLen'"));
    ck_assert(strstr(F.out, "boolean qualifier 'Key' cannot take an integer value"));
    ck_assert(strstr(F.out, "qualifier 'Description' is not an array"));
}
END_TEST

START_TEST(qual_scope)
{
    run("[Key] class A { [In] string p; [Aggregation] uint32 M(); };\n"
        "[Aggregation] class B { };\n"
        "[Association, Aggregation] class C { [Aggregate, Key] A REF x; [Key] A REF y; };\n");
    ck_assert_uint_eq(F.diag.errors, 4);
    ck_assert(strstr(F.out, "t.mof:1:2: error: qualifier 'Key' cannot be used on a class"));
    ck_assert(strstr(F.out, "qualifier 'In' cannot be used on a property"));
    ck_assert(strstr(F.out, "qualifier 'Aggregation' cannot be used on a method"));
    ck_assert(strstr(F.out, "t.mof:2:2: error: qualifier 'Aggregation' cannot be used on a "
                            "class"));
}
END_TEST

START_TEST(qual_twice)
{
    run("[Description(\"a\"), description(\"b\")] class A { };\n");
    ERRORS(1, "t.mof:1:20: error: qualifier 'description' is given twice");
}
END_TEST

START_TEST(qual_flavor_conflict)
{
    run("[Description(\"a\") : ToSubclass Restricted] class A { };\n");
    ERRORS(1, "qualifier 'Description' has conflicting flavors ToSubclass and Restricted");
}
END_TEST

START_TEST(qual_disable_override)
{
    run("class A { [Key] string Id; };\nclass B : A { [Key(false), Override(\"Id\")] string Id; };\n"
        "[Association] class L { [Key] A REF x; [Key] A REF y; };\n"
        "[Association(false)] class L2 : L { };\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    ck_assert(strstr(F.out, "t.mof:2:16: error: property 'Id' cannot change qualifier 'Key' "
                            "inherited from 'A' (it is DisableOverride)"));
    ck_assert(strstr(F.out, "class 'L2' cannot change qualifier 'Association'"));
}
END_TEST

START_TEST(qual_propagation)
{
    const mof_class *b;
    const mof_qualifier *q;
    run("[Description(\"base\"), Version(\"1\"), UMLPackagePath(\"p\")] class A {\n"
        "  [Description(\"pd\"), Units(\"Bytes\")] uint32 Size; };\n"
        "[Description(\"sub\")] class B : A { [Override(\"Size\")] uint32 Size; };\n");
    CLEAN();
    b = cls("B");
    q = mof_quals_find(&b->quals, "Description");
    ck_assert(!q->propagated);
    ck_assert_str_eq(q->value->v.str.s, "sub");
    /* Version is Restricted; UMLPackagePath has the default ToSubclass. */
    ck_assert_ptr_null(mof_quals_find(&b->quals, "Version"));
    q = mof_quals_find(&b->quals, "UMLPackagePath");
    ck_assert_ptr_nonnull(q);
    ck_assert(q->propagated);
    q = mof_quals_find(&b->props[0].quals, "Units");
    ck_assert_ptr_nonnull(q);
    ck_assert(q->propagated);
}
END_TEST

/* ---- embedded instances ---- */

START_TEST(embedded)
{
    const mof_class *a;
    run("class A { [EmbeddedInstance(\"E\")] string e; [EmbeddedObject] string o;\n"
        "  [EmbeddedInstance(\"E\")] string M([EmbeddedInstance(\"E\"), In] string p); };\n"
        "class E { string v; };\n");
    CLEAN();
    a = cls("A");
    ck_assert_int_eq(a->props[0].type, MOF_INSTANCE);
    ck_assert(a->props[0].flags & MOF_F_EMBEDDED_INSTANCE);
    ck_assert_str_eq(a->props[0].embedded_class, "E");
    ck_assert_int_eq(a->props[1].type, MOF_INSTANCE);
    ck_assert(a->props[1].flags & MOF_F_EMBEDDED_OBJECT);
    ck_assert_int_eq(a->methods[0].type, MOF_INSTANCE);
    ck_assert_str_eq(a->methods[0].embedded_class, "E");
    ck_assert_str_eq(a->methods[0].params[0].embedded_class, "E");
}
END_TEST

START_TEST(embedded_errors)
{
    run("class A { [EmbeddedInstance(\"Nope\")] string e; [EmbeddedInstance(\"A\")] uint32 n; };\n");
    ck_assert_uint_eq(F.diag.errors, 1);
    ck_assert_uint_eq(F.diag.warnings, 1);
    ck_assert(strstr(F.out, "t.mof:1:12: warning: class 'Nope' named by EmbeddedInstance is not "
                            "declared in namespace 'root/cimv2'"));
    ck_assert(strstr(F.out, "EmbeddedInstance needs a string property, not uint32"));
}
END_TEST

/* ---- values ---- */

START_TEST(values_ok)
{
    run("class A { uint8 a = 255; sint8 b = -128; uint64 c = 0xFFFFFFFFFFFFFFFF;\n"
        "  sint64 d = -9223372036854775808; real32 e = 1.5; real64 f = 4.9E-324; real32 g = 3;\n"
        "  char16 h = 'x'; boolean i = true; string j = null; uint8 k[] = {1, 2};\n"
        "  uint8 l[4] = {1, 2, 3, 4}; datetime m = \"20240101120000.000000+060\";\n"
        "  datetime n = \"00000001020304.000000:000\"; datetime o = \"2024****120000.******+000\";\n"
        "  string p[] = {}; };\n");
    CLEAN();
}
END_TEST

START_TEST(values_bad)
{
    run("class A { uint8 a = 300; sint8 b = -129; uint32 c = -1; real32 d = 1e39;\n"
        "  boolean e = 1; string f = 3; uint8 g = {1}; uint8 h[] = 1; uint8 i[2] = {1, 2, 3};\n"
        "  datetime j = \"2024\"; datetime k = \"20241301120000.000000+060\"; char16 l = \"x\";\n"
        "  uint8 m[] = {1, \"a\"}; };\n");
    ck_assert_uint_eq(F.diag.errors, 11);
    ck_assert_uint_eq(F.diag.warnings, 2);
    ck_assert(strstr(F.out, "t.mof:1:21: error: value 300 is out of range for uint8 property "
                            "'a'"));
    ck_assert(strstr(F.out, "value -129 is out of range for sint8 property 'b'"));
    ck_assert(strstr(F.out, "value -1 is out of range for uint32 property 'c'"));
    ck_assert(strstr(F.out, "value 1e+39 is out of range for real32 property 'd'"));
    ck_assert(strstr(F.out, "boolean property 'e' cannot take an integer value"));
    ck_assert(strstr(F.out, "string property 'f' cannot take an integer value"));
    ck_assert(strstr(F.out, "property 'g' is not an array"));
    ck_assert(strstr(F.out, "property 'h' is an array: write its value in braces"));
    ck_assert(strstr(F.out, "property 'i' is declared to hold at most 2 elements, not 3"));
    ck_assert(strstr(F.out, "invalid datetime value \"2024\" for datetime property 'j'"));
    ck_assert(strstr(F.out, "invalid datetime value \"20241301120000.000000+060\""));
    ck_assert(strstr(F.out, "char16 property 'l' is given a string of one character"));
    ck_assert(strstr(F.out, "uint8[] property 'm' cannot take a string value"));
}
END_TEST

/* MOF 3: tests/data/mof3 (the shapes of DSP0221 3.0.1's GOLF example) resolves cleanly;
 * enumeration values become the integers or strings they stand for, properties typed by
 * structures and classes become embedded instances of them, `value of` stays out of the
 * namespace's instances. */
START_TEST(mof3_schema)
{
    const char *src = getenv("MOFBIND_SRCDIR");
    char path[4096];
    FILE *mem;
    const mof_namespace *ns;
    const mof_class *cu, *vip, *date, *visit;
    const mof_property *p;
    const mof_method *m;
    const mof_instance *in;
    const mof_enum *e;
    const mof_value *v;
    snprintf(path, sizeof path, "%s/tests/data/mof3/schema.mof", src ? src : ".");
    mof_unit_free(&F.unit);
    mem = open_memstream(&F.out, &F.outlen);
    ck_assert_ptr_nonnull(mem);
    mof_diag_init(&F.diag, mem);
    mof_unit_init(&F.unit, &F.diag);
    ck_assert_int_eq(mof_parse_file(&F.unit, path, NULL), 0);
    F.rc = mof_resolve(&F.unit, &F.schema, NULL);
    fclose(mem);
    CLEAN();
    ns = mof_schema_ns(&F.schema, NULL);
    ck_assert_uint_eq(ns->classes.n, 11); /* Shop_Customer_Note and Shop_Store_Note apart */
    ck_assert_uint_eq(ns->enums.n, 9);    /* Shop_Customer_LevelKind and Shop_Store_LevelKind */
    ck_assert_uint_eq(ns->ninstances, 2);
    date = cls("Shop_Date");
    ck_assert(date->flags & MOF_C_STRUCTURE);
    p = mof_class_prop(date, "Month");
    ck_assert_int_eq(p->type, MOF_UINT8);
    ck_assert(p->flags & MOF_F_ENUM);
    ck_assert_str_eq(p->enum_decl->name, "Shop_Months");
    ck_assert_int_eq(p->dflt->kind, MOF_V_INT);
    ck_assert_uint_eq(p->dflt->v.i.mag, 1);
    cu = cls("Shop_Customer");
    p = mof_class_prop(cu, "Level");
    ck_assert_int_eq(p->type, MOF_UINT16);
    ck_assert_uint_eq(p->dflt->v.i.mag, 0);
    p = mof_class_prop(cu, "Since");
    ck_assert_int_eq(p->type, MOF_INSTANCE);
    ck_assert(p->flags & MOF_F_EMBEDDED_INSTANCE);
    ck_assert_str_eq(p->embedded_class, "Shop_Date");
    p = mof_class_prop(cu, "Notes");
    ck_assert(p->is_array);
    ck_assert_str_eq(p->embedded_class, "Shop_Customer_Note"); /* its local Note */
    ck_assert(cls("Shop_Customer_Note")->flags & MOF_C_STRUCTURE);
    ck_assert_str_eq(cls("Shop_Customer_Note")->outer, "Shop_Customer");
    ck_assert_str_eq(mof_class_prop(cls("Shop_Store"), "Memos")->embedded_class, "Shop_Store_Note");
    m = mof_class_method(cu, "Move");
    ck_assert_int_eq(m->type, MOF_SINT64);
    ck_assert_str_eq(m->params[0].embedded_class, "Shop_Address");
    ck_assert_int_eq(m->params[1].type, MOF_UINT16);
    ck_assert_str_eq(m->params[1].enum_decl->name, "Shop_Customer_LevelKind");
    ck_assert_str_eq(m->params[1].enum_decl->local_name, "LevelKind");
    /* Shop_Store's own LevelKind, a string one, its default written LevelKind.Kiosk */
    p = mof_class_prop(cls("Shop_Store"), "Level");
    ck_assert_str_eq(p->enum_decl->name, "Shop_Store_LevelKind");
    ck_assert_int_eq(p->type, MOF_STRING);
    ck_assert_str_eq(p->dflt->v.str.s, "Kiosk");
    m = mof_class_method(cu, "LastVisit");
    ck_assert_int_eq(m->type, MOF_INSTANCE);
    ck_assert_str_eq(m->embedded_class, "Shop_Date");
    m = mof_class_method(cu, "CountCustomers");
    ck_assert_int_eq(m->params[0].type, MOF_STRING);
    ck_assert_str_eq(m->params[1].embedded_class, "Shop_Customer");
    /* a derived enumeration keeps its parent's values */
    ck_assert_ptr_null(mof_map_get(&ns->enums, "VipLevelKind"));
    e = mof_map_get(&ns->enums, "Shop_Vip_VipLevelKind");
    ck_assert_str_eq(e->super->name, "Shop_Customer_LevelKind"); /* the superclass's local one */
    ck_assert_uint_eq(e->n_all_items, 5);
    ck_assert_int_eq(e->type, MOF_UINT16);
    e = mof_map_get(&ns->enums, "Shop_Regions");
    ck_assert_str_eq(e->all_items[2]->str, "Islands");
    vip = cls("Shop_Vip");
    p = mof_class_prop(vip, "Level");
    ck_assert_ptr_eq(p->origin, cu);
    ck_assert_uint_eq(p->dflt->v.i.mag, 6);
    visit = cls("Shop_Visit");
    ck_assert(visit->flags & MOF_C_ASSOCIATION);
    v = mof_quals_find(&mof_class_prop(visit, "Store")->quals, "Sharing")->value;
    ck_assert_int_eq(v->kind, MOF_V_STRING);
    ck_assert_str_eq(v->v.str.s, "composite");
    in = ns->instances[0]; /* $Store: Level = LevelKind.Flagship, its class's LevelKind */
    ck_assert_str_eq(in->vals[2].name, "Level");
    ck_assert_str_eq(in->vals[2].value->v.str.s, "flagship");
    in = ns->instances[1];
    ck_assert_ptr_eq(in->cls, vip);
    ck_assert_str_eq(in->vals[4].name, "Level");
    ck_assert_uint_eq(in->vals[4].value->v.i.mag, 7);
    v = in->vals[7].value; /* Home = value of Shop_Address { Region = South; ... } */
    ck_assert(v->v.inst->is_value);
    ck_assert_str_eq(v->v.inst->vals[0].value->v.str.s, "S");
    v = in->vals[11].value; /* PaymentMonths = { January, Shop_Months.July } */
    ck_assert_uint_eq(v->v.arr.items[0].v.i.mag, 1);
    ck_assert_uint_eq(v->v.arr.items[1].v.i.mag, 7);
    ck_assert_ptr_eq(in->vals[5].value->v.alias.target->cls, date);
    ck_assert(((const mof_instance *)mof_map_get(&F.schema.aliases, "AnnSince"))->is_value);
}
END_TEST

/* MOF 3 resolution errors, as DSP0221 3.0.1 states the rules. */
START_TEST(mof3_errors)
{
    run("enumeration E : uint8 { A = 1, Blue = 2, A = 3, C };\n"
        "enumeration S : string { X, Y = 4 };\n"
        "enumeration R : real32 { Z = 1 };\n"
        "enumeration D : Nope { Q = 1 };\n"
        "structure T { uint8 n; uint8 Get(); [Key] string k; };\n"
        "class K { [Key] string Id; };\n"
        "structure T2 : K { };\n"
        "class C { E e = Bleu; E f = S.X; uint8 g = A; Missing m; E h = 5; };\n"
        "instance of T { n = 1; };\n");
    ck_assert_msg(F.diag.errors == 14, "%s", F.out);
    ck_assert(strstr(F.out, "t.mof:1:42: error: enumeration 'E' has value 'A' twice"));
    ck_assert(strstr(F.out, "t.mof:1:49: error: value 'C' of integer enumeration 'E' needs a "
                            "number"));
    ck_assert(strstr(F.out, "t.mof:2:33: error: value 'Y' of string enumeration 'S' must be a "
                            "string"));
    ck_assert(strstr(F.out, "t.mof:3:1: error: enumeration 'R' must be of an integer type or "
                            "string, not real32"));
    ck_assert(strstr(F.out, "t.mof:4:1: error: enumeration 'Nope' of 'D' is not declared"));
    ck_assert(strstr(F.out, "t.mof:5:30: error: structure 'T' cannot have methods"));
    ck_assert(strstr(F.out, "t.mof:5:50: error: structure 'T' cannot have key property 'k'"));
    ck_assert(strstr(F.out, "t.mof:7:1: error: structure 'T2' cannot derive from class 'K'"));
    ck_assert(strstr(F.out, "t.mof:8:17: error: 'Bleu' is not a value of enumeration 'E' (did "
                            "you mean 'Blue'?)"));
    ck_assert(strstr(F.out, "t.mof:8:29: error: property 'f' takes values of enumeration 'E', "
                            "not of 'S'"));
    ck_assert(strstr(F.out, "t.mof:8:44: error: uint8 property 'g' is not typed by an "
                            "enumeration: 'A' is not a value it can take"));
    ck_assert(strstr(F.out, "t.mof:8:55: error: type 'Missing' of property 'm' is not a class, "
                            "structure or enumeration declared in namespace 'root/cimv2'"));
    ck_assert(strstr(F.out, "t.mof:8:64: error: value 5 of property 'h' is not a value of "
                            "enumeration 'E'"));
    ck_assert(strstr(F.out, "t.mof:9:1: error: 'T' is a structure: write 'value of T', not "
                            "'instance of'"));
}
END_TEST

/* Local structures (DSP0221 3.0): each is its class's, named Class_Name in the schema (and so
 * on the wire and in C), visible in the class, its subclasses and its `value of`s; two classes
 * may each have one of a name; one class cannot have two; another class does not see it. */
START_TEST(mof3_local_structures)
{
    const mof_class *a, *b, *a2, *ar;
    run("class A { structure R { uint8 n; }; R r; };\n"
        "class B { structure R { string s; }; R r; R rs[]; };\n"
        "class A2 : A { R more; };\n"
        "class U { R r; };\n"
        "class D { structure Q { uint8 x; }; structure Q { uint8 y; }; };\n"
        "instance of A2 { r = value of R { n = 1; }; more = value of R { n = 2; }; };\n"
        "instance of B { r = value of R { s = \"x\"; }; };\n");
    ck_assert_msg(F.diag.errors == 2, "%s", F.out);
    ck_assert(strstr(F.out, "t.mof:4:13: error: type 'R' of property 'r' is not a class, "
                            "structure or enumeration declared in namespace 'root/cimv2'"));
    ck_assert(strstr(F.out, "t.mof:5:37: error: structure 'D_Q' is already declared in "
                            "namespace 'root/cimv2' (a local structure is named after its "
                            "class: Class_Name)"));
    a = mof_schema_class(&F.schema, "root/cimv2", "A");
    b = mof_schema_class(&F.schema, "root/cimv2", "B");
    a2 = mof_schema_class(&F.schema, "root/cimv2", "A2");
    ar = mof_schema_class(&F.schema, "root/cimv2", "A_R");
    ck_assert(a && b && a2 && ar && mof_schema_class(&F.schema, "root/cimv2", "B_R"));
    ck_assert_ptr_null(mof_schema_class(&F.schema, "root/cimv2", "R"));
    ck_assert_str_eq(ar->local_name, "R");
    ck_assert(ar->flags & MOF_C_STRUCTURE);
    ck_assert_str_eq(mof_class_prop(a, "r")->embedded_class, "A_R");
    ck_assert_str_eq(mof_class_prop(b, "r")->embedded_class, "B_R");
    ck_assert_str_eq(mof_class_prop(b, "rs")->embedded_class, "B_R");
    ck_assert_str_eq(mof_class_prop(a2, "more")->embedded_class, "A_R"); /* a subclass sees it */
}
END_TEST

/* Local enumerations (DSP0221 3.0): each is its class's, named Class_Name in the schema (and
 * so in C), visible in the class, its subclasses and the structures local to them, as a type
 * and as the Enum of an Enum.Value (in a default or an instance); two classes may each have one
 * of a name; one class cannot have two; another class sees neither, and is told where they are.
 */
/* A local enumeration deriving from its superclass's local enumeration of the same name, and a
 * method's return typed by an enumeration, which the method keeps (the bindings declare its C
 * enum). */
START_TEST(mof3_enumeration_same_name_and_return)
{
    const mof_class *b;
    const mof_enum *bk;
    size_t i;
    run("enumeration Code : uint16 { Ok = 0, Failed = 1 };\n"
        "class A { enumeration K : uint8 { Lo = 1 }; K k; };\n"
        "class B : A { enumeration K : K { Hi = 2 }; [Override(\"k\")] K k = K.Hi;\n"
        "  Code Run(); };\n");
    ck_assert_msg(F.diag.errors == 0, "%s", F.out);
    b = cls("B");
    bk = mof_map_get(&mof_schema_ns(&F.schema, NULL)->enums, "B_K");
    ck_assert_ptr_nonnull(bk);
    ck_assert_ptr_eq(bk->super, mof_map_get(&mof_schema_ns(&F.schema, NULL)->enums, "A_K"));
    for (i = 0; i < b->nmethods && strcmp(b->methods[i].name, "Run") != 0; i++)
        ;
    ck_assert_uint_lt(i, b->nmethods);
    ck_assert(b->methods[i].flags & MOF_F_ENUM);
    ck_assert_ptr_eq(b->methods[i].enum_decl,
                     mof_map_get(&mof_schema_ns(&F.schema, NULL)->enums, "Code"));
    ck_assert_int_eq(b->methods[i].type, MOF_UINT16);
}
END_TEST

START_TEST(mof3_local_enumerations)
{
    const mof_class *a, *b, *sub, *pair;
    const mof_enum *ak, *bk, *d;
    const mof_namespace *ns;
    run("class A { enumeration K : uint8 { Lo = 1, Hi = 2 };\n"
        "  structure P { K x = K.Hi; }; K k = K.Lo; P p; };\n"
        "class B { enumeration K : string { Lo, Hi = \"h\" }; K k = K.Hi; };\n"
        "class A2 : A { enumeration K2 : K { Top = 9 }; K2 k2 = K.Hi; K more; };\n"
        "class U { K k; A_K named = K.Lo; B_K b = A_K.Lo; };\n"
        "class D { enumeration Q : uint8 { X = 1 }; enumeration Q : uint8 { Y = 2 }; };\n"
        "instance of A2 { k = K.Hi; k2 = K2.Top; p = value of A_P { x = K.Lo; }; };\n"
        "instance of B { k = K.Lo; };\n");
    ck_assert_msg(F.diag.errors == 4, "%s", F.out);
    ck_assert(strstr(F.out, "t.mof:5:13: error: type 'K' of property 'k' is not a class, "
                            "structure or enumeration declared in namespace 'root/cimv2'\n"));
    ck_assert(strstr(F.out, "t.mof:1:11: note: A has a local enumeration K; a local "
                            "enumeration is visible only in its class, its subclasses and the "
                            "structures local to them\n"));
    ck_assert(strstr(F.out, "t.mof:3:11: note: B has a local enumeration K;"));
    ck_assert(strstr(F.out, "t.mof:5:28: error: 'K' in 'K.Lo' is not an enumeration declared "
                            "in namespace 'root/cimv2'\n"));
    ck_assert(strstr(F.out, "t.mof:5:42: error: property 'b' takes values of enumeration "
                            "'B_K', not of 'A_K'\n"));
    ck_assert(strstr(F.out, "t.mof:6:44: error: enumeration 'D_Q' is already declared in "
                            "namespace 'root/cimv2' (a local enumeration is named after its "
                            "class: Class_Name)\n"));
    ns = mof_schema_ns(&F.schema, NULL);
    ck_assert_ptr_null(mof_map_get(&ns->enums, "K"));
    ak = mof_map_get(&ns->enums, "A_K");
    bk = mof_map_get(&ns->enums, "B_K");
    ck_assert(ak && bk && ak != bk);
    ck_assert_str_eq(ak->local_name, "K");
    ck_assert_str_eq(ak->outer, "A");
    d = mof_map_get(&ns->enums, "D_Q");
    ck_assert_str_eq(d->all_items[0]->name, "X"); /* the first one stays */
    a = cls("A");
    b = cls("B");
    sub = cls("A2");
    pair = cls("A_P");
    ck_assert_ptr_eq(mof_class_prop(a, "k")->enum_decl, ak);
    ck_assert_uint_eq(mof_class_prop(a, "k")->dflt->v.i.mag, 1);
    ck_assert_ptr_eq(mof_class_prop(pair, "x")->enum_decl, ak); /* its class's structure */
    ck_assert_uint_eq(mof_class_prop(pair, "x")->dflt->v.i.mag, 2);
    ck_assert_ptr_eq(mof_class_prop(b, "k")->enum_decl, bk);
    ck_assert_str_eq(mof_class_prop(b, "k")->dflt->v.str.s, "h");
    ck_assert_ptr_eq(mof_class_prop(sub, "more")->enum_decl, ak); /* a subclass sees it */
    ck_assert_ptr_eq(mof_class_prop(sub, "k2")->enum_decl->super, ak);
    ck_assert_uint_eq(mof_class_prop(sub, "k2")->dflt->v.i.mag, 2);
    ck_assert_ptr_eq(mof_class_prop(cls("U"), "named")->enum_decl, ak); /* its schema name */
    /* instances: K is the class's (A's for A2, B's for B) */
    ck_assert_uint_eq(ns->instances[0]->vals[0].value->v.i.mag, 2);
    ck_assert_uint_eq(ns->instances[0]->vals[1].value->v.i.mag, 9);
    ck_assert_uint_eq(ns->instances[0]->vals[2].value->v.inst->vals[0].value->v.i.mag, 1);
    ck_assert_str_eq(ns->instances[1]->vals[0].value->v.str.s, "Lo");
}
END_TEST

/* A qualifier declared nowhere whose name is close to a declared one. */
START_TEST(qual_did_you_mean)
{
    run("[Descripton(\"x\")] class A { [Kye] string K; [Zzyzx] string Z; };\n");
    ck_assert_msg(F.diag.errors == 0 && F.diag.warnings == 3, "%s", F.out);
    ck_assert(strstr(F.out, "t.mof:1:2: warning: qualifier 'Descripton' is not declared (did you "
                            "mean 'Description'?); its type (string) is inferred from its "
                            "value\n"));
    ck_assert(strstr(F.out, "qualifier 'Kye' is not declared (did you mean 'Key'?)"));
    ck_assert(strstr(F.out, "qualifier 'Zzyzx' is not declared; its type"));
}
END_TEST

static char vm_names[256];

static void vm_collect(void *ctx, const mof_vmconst *k)
{
    size_t n = strlen(vm_names);
    (void)ctx;
    if (!k->lost)
        snprintf(vm_names + n, sizeof vm_names - n, "%s=%llu ", k->id,
                 (unsigned long long)k->mag);
}

/* ValueMap and Values that disagree: warnings naming the constants the bindings will lack;
 * ranges, hex values and a name given twice (the second named after its value too) are not
 * lost. */
START_TEST(valuemap_warnings)
{
    run("class A {\n"
        "  [ValueMap {\"1\", \"2\"}, Values {\"One\"}] uint16 a;\n"
        "  [ValueMap {\"1\", \"x\", \"300\", \"..\", \"0x10\", \"5\", \"6\"},\n"
        "   Values {\"One\", \"Ex\", \"Big\", \"Rest\", \"Hex\", \"One\", \"--\"}] uint8 b;\n"
        "  [Values {\"Zero\", \"One\"}] uint32 c; };\n");
    ck_assert_msg(F.diag.errors == 0 && F.diag.warnings == 4, "%s", F.out);
    ck_assert(strstr(F.out, "t.mof:2:25: warning: property 'a' has 1 Values but 2 ValueMap "
                            "entries: none of its constants is generated\n"));
    ck_assert(strstr(F.out, "t.mof:2:4: note: ValueMap is here"));
    ck_assert(strstr(F.out, "t.mof:3:19: warning: no constant is generated for Values entry "
                            "\"Ex\" (ValueMap \"x\") of property 'b': the ValueMap entry is "
                            "not an integer\n"));
    ck_assert(strstr(F.out, "t.mof:3:24: warning: no constant is generated for Values entry "
                            "\"Big\" (ValueMap \"300\") of property 'b': the value does not "
                            "fit the property's type\n"));
    ck_assert(strstr(F.out, "t.mof:4:54: warning: no constant is generated for Values entry "
                            "\"--\" (ValueMap \"6\") of property 'b': the Values entry has no "
                            "letter or digit\n"));
    /* the constants made: One = 1, Hex = 0x10, the second One as One_5; c by position */
    vm_names[0] = '\0';
    ck_assert_int_eq(mof_valuemap_each(&cls("A")->props[1], vm_collect, NULL), 0);
    ck_assert_str_eq(vm_names, "One=1 Hex=16 One_5=5 ");
    vm_names[0] = '\0';
    ck_assert_int_eq(mof_valuemap_each(&cls("A")->props[2], vm_collect, NULL), 0);
    ck_assert_str_eq(vm_names, "Zero=0 One=1 ");
    ck_assert_int_eq(mof_valuemap_each(&cls("A")->props[0], vm_collect, NULL), -1);
}
END_TEST

/* ---- instances and aliases ---- */

START_TEST(instances)
{
    const mof_namespace *ns;
    const mof_instance *i1, *i2;
    run("class E { [Key] string Id; uint8 n; };\n"
        "[Association] class L { [Key] E REF a; [Key] E REF b; };\n"
        "class H { [EmbeddedInstance(\"E\")] string e; };\n"
        "instance of L { a = $one; b = \"E.Id=\\\"2\\\"\"; };\n"
        "instance of E as $one { Id = \"1\"; n = 4; };\n"
        "instance of H { e = instance of E { Id = \"x\"; }; };\n");
    CLEAN();
    ns = mof_schema_ns(&F.schema, "root/cimv2");
    ck_assert_uint_eq(ns->ninstances, 3);
    i1 = ns->instances[0];
    i2 = ns->instances[1];
    ck_assert_ptr_eq(i1->cls, cls("L"));
    ck_assert_ptr_eq(i1->vals[0].prop, &cls("L")->props[0]);
    ck_assert_ptr_eq(i1->vals[0].value->v.alias.target, i2);
    ck_assert_ptr_eq(mof_map_get(&F.schema.aliases, "ONE"), i2);
    ck_assert_ptr_eq(ns->instances[2]->vals[0].value->v.inst->cls, cls("E"));
}
END_TEST

START_TEST(instance_errors)
{
    run("[Abstract] class A { string s; };\nclass E { [Key] string Id; uint8 n; };\n"
        "class F : E { };\n"
        "[Association] class L { [Key] F REF a; [Key] E REF b; };\n"
        "class H { [EmbeddedInstance(\"F\")] string e; };\n"
        "instance of A { s = \"x\"; };\n"
        "instance of E as $e { Id = \"1\"; n = 256; nope = 1; n = 2; };\n"
        "instance of E as $e { Id = \"2\"; };\n"
        "instance of L { a = $e; b = $missing; };\n"
        "instance of Nope { };\n"
        "instance of H { e = instance of E { Id = \"x\"; }; };\n"
        "instance of Later { };\nclass Later { };\n");
    ck_assert_uint_eq(F.diag.errors, 9);
    ck_assert(strstr(F.out, "t.mof:6:1: error: cannot create an instance of abstract class "
                            "'A'"));
    ck_assert(strstr(F.out, "value 256 is out of range for uint8 property 'n'"));
    ck_assert(strstr(F.out, "class 'E' has no property 'nope'"));
    ck_assert(strstr(F.out, "property 'n' is given twice"));
    ck_assert(strstr(F.out, "alias '$e' is already defined"));
    ck_assert(strstr(F.out, "alias '$missing' is not defined"));
    ck_assert(strstr(F.out, "property 'a' refers to a 'F', but '$e' is a 'E'"));
    ck_assert(strstr(F.out, "class 'Nope' is not declared in namespace 'root/cimv2'"));
    ck_assert(strstr(F.out, "property 'e' takes an instance of 'F', not of 'E'"));
    ck_assert(strstr(F.out, "class 'Later' must be declared before its instances"));
}
END_TEST

/* ---- namespaces and pragmas ---- */

START_TEST(namespaces)
{
    const mof_namespace *ns;
    mof_resolve_options o;
    memset(&o, 0, sizeof o);
    o.default_ns = "root\\default";
    run_opts("class A { };\n#pragma namespace(\"root/other\")\nclass A { };\nclass B : A { };\n",
             false, &o);
    CLEAN();
    ck_assert_str_eq(F.schema.default_ns, "root/default");
    ck_assert_uint_eq(F.schema.namespaces.n, 2);
    ns = mof_schema_ns(&F.schema, "ROOT/Other");
    ck_assert_ptr_nonnull(ns);
    ck_assert_uint_eq(ns->classes.n, 2);
    ck_assert_ptr_nonnull(mof_schema_class(&F.schema, NULL, "A"));
    ck_assert_ptr_null(mof_schema_class(&F.schema, NULL, "B"));
    ck_assert_ptr_eq(mof_schema_class(&F.schema, "root/other", "B")->ns, ns);
    /* Every namespace sees the shipped qualifiers. */
    ck_assert_ptr_nonnull(mof_map_get(&ns->qualdecls, "Key"));
}
END_TEST

START_TEST(deleteclass)
{
    const mof_namespace *ns;
    run("class A { };\nclass B : A { };\nclass C { };\n"
        "#pragma deleteclass(\"A\", FAIL)\n"
        "class A { uint8 x; };\n"
        "#pragma deleteclass(\"Gone\", NOFAIL)\n");
    CLEAN();
    ns = mof_schema_ns(&F.schema, NULL);
    ck_assert_uint_eq(ns->classes.n, 2);
    ck_assert_str_eq(((const mof_class *)mof_map_at(&ns->classes, 0))->name, "C");
    ck_assert_uint_eq(cls("A")->nprops, 1);
    ck_assert_ptr_null(mof_schema_class(&F.schema, NULL, "B"));
    run("#pragma deleteclass(\"Gone\", FAIL)\n");
    ERRORS(1, "cannot delete class 'Gone': it is not declared in namespace 'root/cimv2'");
}
END_TEST

START_TEST(wmi_system)
{
    run("class Foo_Event : __ExtrinsicEvent { string s; };\n"
        "instance of __Win32Provider as $p { Name = \"x\"; };\n"
        "instance of __Win32Provider { Name = \"y\"; };\n");
    WARNS(2, "t.mof:1:1: warning: WMI system class '__ExtrinsicEvent' is not declared here");
    ck_assert(strstr(F.out, "WMI system class '__Win32Provider'"));
}
END_TEST

START_TEST(map_ops)
{
    mof_arena a;
    mof_map m;
    int v[40];
    char names[40][8];
    size_t i;
    mof_arena_init(&a);
    mof_map_init(&m);
    for (i = 0; i < 40; i++) {
        snprintf(names[i], sizeof names[i], "N%zu", i);
        ck_assert_ptr_null(mof_map_put(&m, &a, names[i], &v[i]));
    }
    ck_assert_ptr_eq(mof_map_put(&m, &a, "n3", &v[0]), &v[3]);
    ck_assert_ptr_eq(mof_map_set(&m, &a, "n3", &v[0]), &v[3]);
    ck_assert_ptr_eq(mof_map_get(&m, "N3"), &v[0]);
    ck_assert_ptr_eq(mof_map_del(&m, &a, "n5"), &v[5]);
    ck_assert_ptr_null(mof_map_get(&m, "N5"));
    ck_assert_ptr_null(mof_map_del(&m, &a, "n5"));
    ck_assert_uint_eq(m.n, 39);
    ck_assert_ptr_eq(mof_map_at(&m, 5), &v[6]);
    ck_assert_str_eq(mof_map_name_at(&m, 5), "N6");
    for (i = 6; i < 40; i++)
        ck_assert_ptr_eq(mof_map_get(&m, names[i]), &v[i]);
    mof_arena_free(&a);
}
END_TEST

#else

/* ---- the shared CIM schemas ---- */

static void corpus(const char *rel, size_t nclasses)
{
    const char *shared = getenv("MOFBIND_SHARED");
    char path[4096];
    struct stat st;
    const mof_namespace *ns;
    FILE *mem;
    if (!shared || !*shared)
        shared = "../shared";
    snprintf(path, sizeof path, "%s/%s", shared, rel);
    if (stat(path, &st) != 0) {
        printf("SKIP corpus: %s is absent\n", path);
        return;
    }
    free(F.out);
    F.out = NULL;
    mem = open_memstream(&F.out, &F.outlen);
    mof_diag_init(&F.diag, mem);
    mof_unit_free(&F.unit);
    mof_unit_init(&F.unit, &F.diag);
    F.rc = mof_parse_file(&F.unit, path, NULL);
    if (F.rc == 0)
        F.rc = mof_resolve(&F.unit, &F.schema, NULL);
    fclose(mem);
    CLEAN();
    ns = mof_schema_ns(&F.schema, NULL);
    ck_assert_str_eq(ns->name, "root/cimv2");
    ck_assert_uint_eq(ns->classes.n, nclasses);
    ck_assert_uint_eq(F.schema.namespaces.n, 1);
}

START_TEST(corpus_249)
{
    const mof_class *c;
    corpus("mof/cim-schema/cim_schema_2.49.0.mof", 1631);
    if (!F.schema.unit)
        return;
    c = mof_schema_class(&F.schema, NULL, "CIM_ComputerSystem");
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(c->nkeys, 2);
    ck_assert_str_eq(c->all_props[0]->name, "InstanceID");
}
END_TEST

START_TEST(corpus_232)
{
    corpus("mof/cim-schema-old/cim_schema_2.32.0.mof", 1418);
}
END_TEST
#endif

#ifndef RESOLVE_CORPUS
static Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *t = tcase_create("rules");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, flatten_order);
    tcase_add_test(t, implicit_override);
    tcase_add_test(t, methods_flatten);
    tcase_add_test(t, method_signature);
    tcase_add_test(t, feature_flags);
    tcase_add_test(t, superclass_missing);
    tcase_add_test(t, superclass_later);
    tcase_add_test(t, superclass_self);
    tcase_add_test(t, duplicates);
    tcase_add_test(t, terminal);
    tcase_add_test(t, override_rules);
    tcase_add_test(t, keys);
    tcase_add_test(t, associations);
    tcase_add_test(t, references);
    tcase_add_test(t, class_flags);
    tcase_add_test(t, qual_builtin_and_undeclared);
    tcase_add_test(t, qual_strict);
    tcase_add_test(t, qual_no_builtins);
    tcase_add_test(t, qualdecl_redeclare);
    tcase_add_test(t, qualdecl_default_type);
    tcase_add_test(t, qual_value_type);
    tcase_add_test(t, qual_scope);
    tcase_add_test(t, qual_twice);
    tcase_add_test(t, qual_flavor_conflict);
    tcase_add_test(t, qual_disable_override);
    tcase_add_test(t, qual_propagation);
    tcase_add_test(t, embedded);
    tcase_add_test(t, embedded_errors);
    tcase_add_test(t, values_ok);
    tcase_add_test(t, values_bad);
    tcase_add_test(t, valuemap_warnings);
    tcase_add_test(t, mof3_schema);
    tcase_add_test(t, mof3_errors);
    tcase_add_test(t, mof3_local_structures);
    tcase_add_test(t, mof3_local_enumerations);
    tcase_add_test(t, mof3_enumeration_same_name_and_return);
    tcase_add_test(t, qual_did_you_mean);
    tcase_add_test(t, instances);
    tcase_add_test(t, instance_errors);
    tcase_add_test(t, namespaces);
    tcase_add_test(t, deleteclass);
    tcase_add_test(t, wmi_system);
    tcase_add_test(t, map_ops);
    suite_add_tcase(s, t);
    return s;
}
#else
static Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve-corpus");
    TCase *c = tcase_create("corpus");
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, corpus_249);
    tcase_add_test(c, corpus_232);
    suite_add_tcase(s, c);
    return s;
}
#endif

int main(void)
{
    SRunner *sr;
    int failed;
#ifdef RESOLVE_CORPUS
    const char *shared = getenv("MOFBIND_SHARED");
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/mof/cim-schema", shared && *shared ? shared : "../shared");
    if (stat(path, &st) != 0) {
        printf("SKIP: %s is absent (set MOFBIND_SHARED), the CIM corpus was not checked\n",
               path);
        return 77;
    }
#endif
    sr = srunner_create(resolve_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
