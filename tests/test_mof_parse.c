/* SPDX-License-Identifier: MIT */
/* tests/test_mof_parse.c: the MOF reader: each lexical form, each construct of the grammar, pragmas
 * and includes, input encodings and line ends, and the diagnostics the reader itself gives. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "parse.h"

typedef struct fixture {
    mof_diag diag;
    mof_unit unit;
    char *out;
    size_t outlen;
    int rc;
    char dir[64];
} fixture;

static fixture F;

static void setup(void)
{
    memset(&F, 0, sizeof F);
    mof_unit_init(&F.unit, NULL);
    strcpy(F.dir, "/tmp/mofbind-parse-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(F.dir));
}

static void rm_rf(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void teardown(void)
{
    mof_unit_free(&F.unit);
    free(F.out);
    rm_rf(F.dir);
}

static FILE *begin(const char **incdirs, size_t n, mof_parse_options *o)
{
    FILE *mem;
    mof_unit_free(&F.unit);
    free(F.out);
    F.out = NULL;
    mem = open_memstream(&F.out, &F.outlen);
    ck_assert_ptr_nonnull(mem);
    mof_diag_init(&F.diag, mem);
    F.diag.max_errors = 0;
    mof_unit_init(&F.unit, &F.diag);
    memset(o, 0, sizeof *o);
    o->include_dirs = incdirs;
    o->n_include_dirs = n;
    return mem;
}

/* Parses text in memory as "t.mof". */
static void parse_len(const char *text, size_t len)
{
    mof_parse_options o;
    FILE *mem = begin(NULL, 0, &o);
    F.rc = mof_parse_buffer(&F.unit, "t.mof", text, len, &o);
    fclose(mem);
}

static void parse(const char *text)
{
    parse_len(text, strlen(text));
}

/* The same with --strict. */
static void parse_strict(const char *text)
{
    mof_parse_options o;
    FILE *mem = begin(NULL, 0, &o);
    F.diag.strict = true;
    F.rc = mof_parse_buffer(&F.unit, "t.mof", text, strlen(text), &o);
    fclose(mem);
}

/* Writes a file under the fixture's directory; returns its path (static buffer per call). */
static const char *put(const char *name, const void *data, size_t len)
{
    static char paths[8][256];
    static int k;
    char *path = paths[k++ % 8];
    FILE *f;
    char *slash;
    snprintf(path, 256, "%s/%s", F.dir, name);
    for (slash = strchr(path + strlen(F.dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static const char *puts_(const char *name, const char *text)
{
    return put(name, text, strlen(text));
}

static void parse_file(const char *path, const char **incdirs, size_t n)
{
    mof_parse_options o;
    FILE *mem = begin(incdirs, n, &o);
    F.rc = mof_parse_file(&F.unit, path, &o);
    fclose(mem);
}

#define CLEAN()                                                                                 \
    ck_assert_msg(F.rc == 0 && F.diag.errors == 0 && F.diag.warnings == 0,                      \
                  "expected a clean parse, got:\n%s", F.out ? F.out : "")
#define HAS(msg) ck_assert_msg(F.out && strstr(F.out, (msg)), "expected '%s' in:\n%s", (msg), \
                               F.out ? F.out : "")
#define ERRORS(n, msg)                                                                          \
    do {                                                                                        \
        ck_assert_msg(F.diag.errors == (n), "expected %d error(s), got %u:\n%s", (n),           \
                      F.diag.errors, F.out ? F.out : "");                                       \
        HAS(msg);                                                                               \
        ck_assert_int_eq(F.rc, -1);                                                             \
    } while (0)

static mof_decl *decl(size_t i)
{
    mof_decl *d = F.unit.decls;
    while (d && i--)
        d = d->next;
    ck_assert_ptr_nonnull(d);
    return d;
}

static mof_class *cls(size_t i)
{
    mof_decl *d = decl(i);
    ck_assert_int_eq(d->kind, MOF_D_CLASS);
    return d->u.cls;
}

static mof_value *dflt(size_t ci, size_t pi)
{
    mof_class *c = cls(ci);
    ck_assert_uint_gt(c->nprops, pi);
    ck_assert_ptr_nonnull(c->props[pi].dflt);
    return c->props[pi].dflt;
}

/* ---- literals ---- */

START_TEST(integers)
{
    mof_value *v;
    parse("class A { uint8 a = 42; uint64 b = 0xFFFFFFFFFFFFFFFF; uint8 c = 0101b;\n"
          "  uint8 d = 017; sint64 e = -9223372036854775808; sint8 f = +5; uint8 g = 0;\n"
          "  sint32 h = -0x10; uint8 i = 1B; uint16 j = 0XaB; };\n");
    CLEAN();
    v = dflt(0, 0);
    ck_assert_int_eq(v->kind, MOF_V_INT);
    ck_assert_uint_eq(v->v.i.mag, 42);
    ck_assert(!v->v.i.neg);
    ck_assert_uint_eq(dflt(0, 1)->v.i.mag, UINT64_MAX);
    ck_assert_uint_eq(dflt(0, 2)->v.i.mag, 5);
    ck_assert_uint_eq(dflt(0, 3)->v.i.mag, 15);
    ck_assert_uint_eq(dflt(0, 4)->v.i.mag, 9223372036854775808u);
    ck_assert(dflt(0, 4)->v.i.neg);
    ck_assert_uint_eq(dflt(0, 5)->v.i.mag, 5);
    ck_assert(!dflt(0, 5)->v.i.neg);
    ck_assert_uint_eq(dflt(0, 6)->v.i.mag, 0);
    ck_assert_uint_eq(dflt(0, 7)->v.i.mag, 16);
    ck_assert(dflt(0, 7)->v.i.neg);
    ck_assert_uint_eq(dflt(0, 8)->v.i.mag, 1);
    ck_assert_uint_eq(dflt(0, 9)->v.i.mag, 0xAB);
    ck_assert_uint_eq(dflt(0, 9)->loc.line, 3);
    ck_assert_uint_eq(dflt(0, 9)->loc.col, 46);
}
END_TEST

START_TEST(integer_errors)
{
    parse("class A { uint64 a = 18446744073709551616; uint8 b = 08; uint8 c = 0x; };\n");
    ck_assert_uint_eq(F.diag.errors, 3);
    HAS("t.mof:1:22: error: integer literal '18446744073709551616' does not fit in 64 bits");
    HAS("t.mof:1:54: error: invalid digit in octal literal '08'");
    HAS("t.mof:1:68: error: malformed number '0x'");
}
END_TEST

START_TEST(reals)
{
    parse("class A { real64 a = 4.9E-324; real64 b = .5; real64 c = -1.5e3; real32 d = 2.25;\n"
          "  real64 e = 1e2; real64 f = 1.7976931348623157E+308; };\n");
    CLEAN();
    ck_assert_int_eq(dflt(0, 0)->kind, MOF_V_REAL);
    ck_assert(dflt(0, 0)->v.r > 0 && dflt(0, 0)->v.r < 1e-323);
    ck_assert(dflt(0, 1)->v.r == 0.5);
    ck_assert(dflt(0, 2)->v.r == -1500.0);
    ck_assert(dflt(0, 3)->v.r == 2.25);
    ck_assert(dflt(0, 4)->v.r == 100.0);
    ck_assert(isfinite(dflt(0, 5)->v.r));
    parse("class A { real64 a = 1e999; real64 b = 1.; };\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    HAS("t.mof:1:22: error: real literal '1e999' is out of range");
    HAS("t.mof:1:40: error: malformed number '1.'");
}
END_TEST

START_TEST(chars)
{
    parse("class A { char16 a = 'a'; char16 b = '\\xFFFF'; char16 c = '\\n'; char16 d = '\\'';\n"
          "  char16 e = '\xc3\xa9'; char16 f = '\\x4'; char16 g = '\"'; };\n");
    CLEAN();
    ck_assert_int_eq(dflt(0, 0)->kind, MOF_V_CHAR16);
    ck_assert_uint_eq(dflt(0, 0)->v.c16, 'a');
    ck_assert_uint_eq(dflt(0, 1)->v.c16, 0xFFFF);
    ck_assert_uint_eq(dflt(0, 2)->v.c16, '\n');
    ck_assert_uint_eq(dflt(0, 3)->v.c16, '\'');
    ck_assert_uint_eq(dflt(0, 4)->v.c16, 0xE9);
    ck_assert_uint_eq(dflt(0, 5)->v.c16, 4);
    ck_assert_uint_eq(dflt(0, 6)->v.c16, '"');
    parse("class A { char16 a = 'ab'; char16 b = '\\q'; char16 c = '\xf0\x9f\x98\x80';\n"
          "  char16 d = '\\x'; };\n");
    ck_assert_uint_eq(F.diag.errors, 3);
    ck_assert_uint_eq(F.diag.warnings, 1);
    HAS("t.mof:1:22: error: character literal 'ab' holds more than one character");
    HAS("t.mof:1:40: warning: unknown escape sequence '\\q' read as 'q'");
    HAS("t.mof:2:15: error: unknown escape sequence '\\x' in character literal");
    HAS("is outside the range of char16");
}
END_TEST

START_TEST(strings)
{
    mof_value *v;
    parse("class A { string a = \"b\\bt\\tn\\nf\\fr\\r\\\"\\'\\\\\";\n"
          "  string b = \"x\\x41\\X00e9\\x20AC\" /* joined */ \"y\" // across lines\n"
          "     \"z\";\n"
          "  string c = \"nul\\x0000in\"; string d = \"\"; string e = \"\xc3\xa9t\xc3\xa9\"; };\n");
    CLEAN();
    v = dflt(0, 0);
    ck_assert_int_eq(v->kind, MOF_V_STRING);
    ck_assert_uint_eq(v->v.str.len, 13);
    ck_assert_mem_eq(v->v.str.s, "b\bt\tn\nf\fr\r\"'\\", 13);
    v = dflt(0, 1);
    ck_assert_str_eq(v->v.str.s, "xA\xc3\xa9\xe2\x82\xacyz");
    ck_assert_uint_eq(v->loc.line, 2);
    ck_assert_uint_eq(v->loc.col, 14);
    v = dflt(0, 2);
    ck_assert_uint_eq(v->v.str.len, 6);
    ck_assert_mem_eq(v->v.str.s, "nul\0in", 6);
    ck_assert_uint_eq(dflt(0, 3)->v.str.len, 0);
    ck_assert_str_eq(dflt(0, 4)->v.str.s, "\xc3\xa9t\xc3\xa9");
}
END_TEST

START_TEST(string_errors)
{
    parse("class A { string a = \"bad\\q\"; string b = \"\\x\"; };\n"
          "class B { string c = \"open; };\n");
    HAS("t.mof:1:26: warning: unknown escape sequence '\\q' read as 'q' (mofcomp accepts this)");
    HAS("t.mof:1:43: warning: \\x used with no following hex digits; kept as written (cimmof "
        "accepts this)");
    HAS("t.mof:2:22: error: unterminated string literal");
    ck_assert_int_eq(F.rc, -1);
    parse("class A { string a = \"\\xZ\\X\"; };\n");
    ck_assert_int_eq(F.rc, 0);
    ck_assert_str_eq(dflt(0, 0)->v.str.s, "\\xZ\\X");
}
END_TEST

/* Leniencies of the reader: an unknown escape reads as the character, a string may run across
 * a line end (the line end kept); --strict makes both errors. */
START_TEST(string_lenient)
{
    const char *text = "class A { string a = \"x\\`y\"; char16 c = '\\q';\n"
                       "  string b = \"one\ntwo \\q\" \"three\"; uint8 n; };\n";
    parse(text);
    ck_assert_int_eq(F.rc, 0);
    ck_assert_uint_eq(F.diag.warnings, 4);
    ck_assert_str_eq(dflt(0, 0)->v.str.s, "x`y");
    ck_assert_uint_eq(dflt(0, 1)->v.c16, 'q');
    ck_assert_str_eq(dflt(0, 2)->v.str.s, "one\ntwo qthree");
    HAS("t.mof:2:14: warning: string literal runs across a line end");
    HAS("t.mof:3:5: warning: unknown escape sequence '\\q' read as 'q'");
    /* the lines after the literal count on */
    ck_assert_uint_eq(cls(0)->props[3].loc.line, 3);
    ck_assert_uint_eq(cls(0)->props[3].loc.col, 24);
    parse_strict(text);
    ck_assert_uint_eq(F.diag.errors, 4);
    ck_assert_int_eq(F.rc, -1);
}
END_TEST

/* WMI's forms, read as mofcomp reads them: silent, errors under --strict. */
START_TEST(wmi_forms)
{
    const char *text = "qualifier Description : ToSubclass Amended;\n"
                       "class A { [Key] string string; MSWmi_Guid GuidList[]; __Event Event;\n"
                       "  void Reset([In] T_X Arg, boolean boolean); T_X Make(); };\n"
                       "instance of A { string = \"k\"; Event; };\n";
    mof_qualdecl *q;
    mof_class *c;
    mof_instance *in;
    parse(text);
    CLEAN();
    q = decl(0)->u.qualdecl;
    ck_assert(q->flavor_only);
    ck_assert_str_eq(q->name, "Description");
    ck_assert_uint_eq(q->flavor, MOF_FLAVOR_TOSUBCLASS | MOF_FLAVOR_AMENDED);
    c = cls(1);
    ck_assert_str_eq(c->props[0].name, "string");
    ck_assert_int_eq(c->props[0].type, MOF_STRING);
    ck_assert_str_eq(c->props[1].type_name, "MSWmi_Guid");
    ck_assert(c->props[1].is_array);
    ck_assert_str_eq(c->props[2].type_name, "__Event");
    ck_assert(c->methods[0].is_void);
    ck_assert_ptr_null(c->methods[0].type_name);
    ck_assert_str_eq(c->methods[0].params[0].type_name, "T_X");
    ck_assert_str_eq(c->methods[0].params[1].name, "boolean");
    ck_assert(!c->methods[1].is_void);
    ck_assert_str_eq(c->methods[1].type_name, "T_X");
    in = decl(2)->u.inst;
    ck_assert_str_eq(in->vals[0].name, "string");
    ck_assert_str_eq(in->vals[1].name, "Event");
    ck_assert_int_eq(in->vals[1].value->kind, MOF_V_NULL);
    parse_strict(text);
    ck_assert_uint_eq(F.diag.errors, 6);
    HAS("t.mof:1:1: error: qualifier declaration 'Description' gives only flavors, a WMI form");
    HAS("t.mof:2:24: error: type name 'string' used as a name, a WMI form");
    HAS("t.mof:3:3: error: method 'Reset' returns void, a WMI form");
    HAS("t.mof:4:31: error: property 'Event' is given no value, a WMI form");
}
END_TEST

START_TEST(constants)
{
    mof_value *v;
    parse("class A { boolean a = TRUE; boolean b = False; string c = NULL;\n"
          "  datetime d = \"20240101120000.000000+060\"; uint8 e[] = {1, 2, 3,};\n"
          "  string f[] = {}; };\n");
    CLEAN();
    ck_assert_int_eq(dflt(0, 0)->kind, MOF_V_BOOL);
    ck_assert(dflt(0, 0)->v.b);
    ck_assert(!dflt(0, 1)->v.b);
    ck_assert_int_eq(dflt(0, 2)->kind, MOF_V_NULL);
    ck_assert_int_eq(dflt(0, 3)->kind, MOF_V_STRING);
    v = dflt(0, 4);
    ck_assert_int_eq(v->kind, MOF_V_ARRAY);
    ck_assert_uint_eq(v->v.arr.n, 3);
    ck_assert_uint_eq(v->v.arr.items[2].v.i.mag, 3);
    ck_assert_uint_eq(v->v.arr.items[2].loc.col, 64);
    ck_assert_uint_eq(dflt(0, 5)->v.arr.n, 0);
}
END_TEST

/* ---- lexical structure ---- */

START_TEST(keywords_and_names)
{
    mof_class *c;
    parse("CLASS A { STRING Class; Uint32 Value; string Association; string Indication;\n"
          "  string Instance; string Of; string As; string Qualifier; string Structure;\n"
          "  [Key] string key; };\n"
          "Instance Of A { Class = \"c\"; Value = 1; };\n");
    CLEAN();
    c = cls(0);
    ck_assert_uint_eq(c->nprops, 10);
    ck_assert_str_eq(c->props[0].name, "Class");
    ck_assert_int_eq(c->props[0].type, MOF_STRING);
    ck_assert_str_eq(c->props[1].name, "Value");
    ck_assert_int_eq(c->props[1].type, MOF_UINT32);
    ck_assert_str_eq(c->props[8].name, "Structure");
    ck_assert_str_eq(c->props[9].name, "key");
    ck_assert_str_eq(c->props[9].quals.items[0].name, "Key");
    ck_assert_int_eq(decl(1)->kind, MOF_D_INSTANCE);
    ck_assert_str_eq(decl(1)->u.inst->vals[0].name, "Class");
}
END_TEST

START_TEST(comments)
{
    parse("// line\n/* block\n * more */ class /* inside */ A { // tail\n string x; };\n");
    CLEAN();
    ck_assert_uint_eq(cls(0)->loc.line, 3);
    ck_assert_uint_eq(cls(0)->loc.col, 12);
    ck_assert_uint_eq(cls(0)->props[0].loc.line, 4);
    parse("class A { };\n/* open\n\n");
    ERRORS(1, "t.mof:2:1: error: unterminated comment");
    parse("class A { /* open\n");
    ERRORS(1, "t.mof:1:11: error: unterminated comment");
}
END_TEST

START_TEST(stray)
{
    parse("class A { string x; @ };\n#include \"x\"\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    HAS("t.mof:1:21: error: unexpected character '@'");
    HAS("t.mof:2:1: error: C preprocessor directive '#include': run the C preprocessor over "
        "this file first (as WDK builds do before mofcomp)");
    /* C preprocessor input: one error, not one per macro line that follows */
    parse("#Define X \\\n    \"a\" \\\n    \"b\"\nclass A { };\n");
    ERRORS(1, "t.mof:1:1: error: C preprocessor directive '#Define': run the C preprocessor");
    parse("#prgma include(\"x\")\nclass A { };\n");
    ERRORS(1, "t.mof:1:1: error: unknown directive '#prgma' (did you mean '#pragma'?)");
    /* cpp's line splice outside a string (blanks and CR before the newline too): one error,
     * the file read no further; a `\` elsewhere is a stray character, and reading goes on */
    parse("[Description(\"a\"), \\ \t\r\n Abstract]\nclass A { @ };\n");
    ERRORS(1, "t.mof:1:20: error: '\\' at the end of a line outside a string is a C "
              "preprocessor line continuation: run the C preprocessor over this file first");
    parse("class A { string x; \\ uint8 y; };\nclass B { @ };\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    HAS("t.mof:1:21: error: unexpected character '\\'");
    HAS("t.mof:2:11: error: unexpected character '@'");
    parse("class A { };\n\\");
    ERRORS(1, "t.mof:2:1: error: unexpected character '\\'");
}
END_TEST

START_TEST(syntax_errors_recover)
{
    parse("class A { string x = ; uint32 y; string = 3; };\nclass B { uint8 z };\n"
          "class C { };\n");
    ck_assert_uint_eq(F.diag.errors, 3);
    HAS("t.mof:1:22: error: syntax error: unexpected ';'");
    HAS("t.mof:1:41: error: syntax error: unexpected '='");
    HAS("t.mof:2:19: error: syntax error: unexpected '}', expecting ';'");
    /* Recovery kept the good parts. */
    ck_assert_uint_eq(F.unit.nclasses, 3);
    ck_assert_str_eq(cls(0)->props[0].name, "y");
}
END_TEST

START_TEST(error_cap)
{
    mof_parse_options o;
    FILE *mem = begin(NULL, 0, &o);
    F.diag.max_errors = 2;
    F.rc = mof_parse_buffer(&F.unit, "t.mof", "class A { @ # $ };\nclass B { @ };\n", 30, &o);
    fclose(mem);
    ck_assert_uint_eq(F.diag.errors, 2);
    HAS("too many errors (2), stopping");
    ck_assert(strstr(F.out, "t.mof:2") == NULL);
}
END_TEST

/* ---- encodings and line ends ---- */

START_TEST(line_ends)
{
    parse("class A {\r\n string x;\r\n};\rclass B {\r string y = \"a\"\r\n \"b\"; };\r");
    CLEAN();
    ck_assert_uint_eq(cls(0)->props[0].loc.line, 2);
    ck_assert_uint_eq(cls(1)->loc.line, 4);
    ck_assert_uint_eq(cls(1)->props[0].loc.line, 5);
    ck_assert_str_eq(cls(1)->props[0].dflt->v.str.s, "ab");
    ck_assert_ptr_null(strchr(F.unit.sources->text, '\r'));
}
END_TEST

static size_t to_utf16(const char *s, unsigned char *out, int be, int bom)
{
    size_t n = 0;
    if (bom) {
        out[n++] = be ? 0xFE : 0xFF;
        out[n++] = be ? 0xFF : 0xFE;
    }
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        out[n++] = be ? 0 : c;
        out[n++] = be ? c : 0;
    }
    return n;
}

START_TEST(encodings)
{
    static const char text[] = "class A {\r\n string x = \"y\"; };\n";
    unsigned char buf[256];
    size_t n;
    /* UTF-8 with BOM */
    n = (size_t)snprintf((char *)buf, sizeof buf, "\xEF\xBB\xBF%s", text);
    parse_len((const char *)buf, n);
    CLEAN();
    ck_assert_uint_eq(cls(0)->loc.col, 1);
    /* UTF-16LE and BE with BOM, and LE without one */
    n = to_utf16(text, buf, 0, 1);
    parse_file(put("le.mof", buf, n), NULL, 0);
    CLEAN();
    ck_assert_str_eq(cls(0)->props[0].dflt->v.str.s, "y");
    ck_assert_uint_eq(cls(0)->props[0].loc.line, 2);
    n = to_utf16(text, buf, 1, 1);
    parse_file(put("be.mof", buf, n), NULL, 0);
    CLEAN();
    ck_assert_str_eq(cls(0)->name, "A");
    n = to_utf16(text, buf, 0, 0);
    parse_file(put("le-nobom.mof", buf, n), NULL, 0);
    CLEAN();
    /* A surrogate pair becomes one 4-byte UTF-8 character. */
    n = to_utf16("class A { string x = \"", buf, 0, 1);
    memcpy(buf + n, "\x3D\xD8\x00\xDE", 4);
    n += 4;
    n += to_utf16("\"; };", buf + n, 0, 0);
    parse_file(put("pair.mof", buf, n), NULL, 0);
    CLEAN();
    ck_assert_str_eq(cls(0)->props[0].dflt->v.str.s, "\xF0\x9F\x98\x80");
    /* Odd UTF-16, and NUL bytes in UTF-8. */
    parse_file(put("odd.mof", "\xFF\xFE\x41", 3), NULL, 0);
    ERRORS(1, "UTF-16 text with an odd number of bytes");
    parse_len("class A {\n\0 };", 14);
    ERRORS(1, "t.mof:2: the text holds a NUL byte");
}
END_TEST

/* ---- pragmas and includes ---- */

START_TEST(includes)
{
    const char *incs[1];
    char incdir[128];
    const mof_source *s;
    puts_("top.mof", "#pragma include (\"sub/a.mof\")\n#pragma include (\"sub\\\\b.mof\")\n"
                     "#pragma include (\"lib.mof\")\nclass Top : Lib { };\n");
    puts_("sub/a.mof", "class A { };\n#pragma include (\"c.mof\")\n");
    puts_("sub/c.mof", "class C { };\n");
    puts_("sub/b.mof", "class B { };\n");
    puts_("inc/lib.mof", "class Lib { };\n");
    snprintf(incdir, sizeof incdir, "%s/inc", F.dir);
    incs[0] = incdir;
    parse_file(put("dummy", "", 0), NULL, 0); /* warm the static path buffers */
    {
        char top[128];
        snprintf(top, sizeof top, "%s/top.mof", F.dir);
        parse_file(top, incs, 1);
    }
    CLEAN();
    ck_assert_uint_eq(F.unit.nclasses, 5);
    ck_assert_str_eq(cls(0)->name, "A");
    ck_assert_str_eq(cls(1)->name, "C");
    ck_assert_str_eq(cls(2)->name, "B");
    ck_assert_str_eq(cls(3)->name, "Lib");
    ck_assert_str_eq(cls(4)->name, "Top");
    /* The sources know who included them and where. */
    s = cls(1)->loc.src;
    ck_assert_ptr_nonnull(strstr(s->path, "sub/c.mof"));
    ck_assert_ptr_nonnull(s->parent);
    ck_assert_ptr_nonnull(strstr(s->parent->path, "sub/a.mof"));
    ck_assert_uint_eq(s->parent_line, 2);
    ck_assert_uint_eq(s->parent_col, 1);
}
END_TEST

START_TEST(include_errors)
{
    char top[128];
    puts_("self.mof", "#pragma include (\"self.mof\")\n");
    snprintf(top, sizeof top, "%s/self.mof", F.dir);
    parse_file(top, NULL, 0);
    ERRORS(1, "self.mof:1:1: error: '");
    HAS("self.mof' includes itself");
    puts_("outer.mof", "\n#pragma include (\"inner.mof\")\n");
    puts_("inner.mof", "class X { string = 1; };\n");
    snprintf(top, sizeof top, "%s/outer.mof", F.dir);
    parse_file(top, NULL, 0);
    ck_assert_uint_eq(F.diag.errors, 1);
    HAS("In file included from ");
    HAS("outer.mof:2:1:\n");
    HAS("inner.mof:1:18: error: syntax error: unexpected '='");
    parse("#pragma include (\"nowhere.mof\")\n");
    ERRORS(1, "t.mof:1:18: error: cannot find include file 'nowhere.mof'");
    parse_file("/nonexistent/dir/x.mof", NULL, 0);
    ERRORS(1, "cannot open '/nonexistent/dir/x.mof': No such file or directory");
    parse_file(F.dir, NULL, 0);
    ERRORS(1, "is not a regular file");
}
END_TEST

START_TEST(include_depth)
{
    char name[32], text[64], top[128];
    int i;
    for (i = 0; i < MOF_MAX_INCLUDE_DEPTH + 2; i++) {
        snprintf(name, sizeof name, "d%d.mof", i);
        snprintf(text, sizeof text, "#pragma include (\"d%d.mof\")\n", i + 1);
        puts_(name, text);
    }
    snprintf(top, sizeof top, "%s/d0.mof", F.dir);
    parse_file(top, NULL, 0);
    ERRORS(1, "includes nest deeper than 64 files");
}
END_TEST

START_TEST(namespaces)
{
    parse("class A { };\n#pragma namespace (\"root/test\")\nclass B { };\n"
          "#pragma namespace(\"\\\\\\\\.\\\\root\\\\cimv2\")\nclass C { };\n"
          "#pragma namespace(\"sub\")\nclass D { };\n#pragma namespace(\"\\\\\\\\.\\\\root\")\n"
          "#pragma namespace(\"Root\\\\Other\")\nclass E { };\n"
          "#pragma namespace(\"//./root/x/\")\nclass F { };\n");
    CLEAN();
    ck_assert_ptr_null(decl(0)->ns);
    ck_assert_str_eq(decl(1)->ns, "root/test");
    ck_assert_str_eq(decl(2)->ns, "root/cimv2");
    ck_assert_str_eq(decl(3)->ns, "root/cimv2/sub"); /* WMI: relative to a WMI-form one */
    ck_assert_str_eq(decl(4)->ns, "Root/Other");
    ck_assert_str_eq(decl(5)->ns, "root/x");
}
END_TEST

START_TEST(pragmas)
{
    mof_decl *d;
    parse("#pragma locale (\"en_US\")\n#pragma instancelocale(\"ms_409\")\n"
          "#pragma classflags(\"forceupdate\", \"updateonly\")\n#pragma classflags(1)\n"
          "#pragma instanceflags(\"updateonly\")\n"
          "#pragma autorecover\n#pragma deleteclass(\"Gone\", NOFAIL)\n"
          "#pragma DELETECLASS(\"Gone2\", FAIL)\n#pragma deleteclass(\"Gone3\")\n");
    CLEAN();
    d = decl(0);
    ck_assert_int_eq(d->kind, MOF_D_DELETECLASS);
    ck_assert_str_eq(d->u.del.name, "Gone");
    ck_assert(d->u.del.nofail);
    ck_assert(!decl(1)->u.del.nofail);
    ck_assert(!decl(2)->u.del.nofail);
    parse("#pragma frobnicate(\"x\")\n#pragma source(\"\\\\\\\\.\\\\root\")\nclass A { };\n");
    ck_assert_uint_eq(F.diag.errors, 0);
    ck_assert_uint_eq(F.diag.warnings, 2);
    HAS("t.mof:1:1: warning: unknown pragma 'frobnicate' ignored");
    HAS("t.mof:2:1: warning: #pragma source (WMI) is not supported; ignored");
    ck_assert_int_eq(F.rc, 0);
    parse("#pragma locale(1)\n#pragma deleteclass(\"A\", SOMETIMES)\n#pragma autorecover(1)\n");
    ck_assert_uint_eq(F.diag.errors, 3);
    HAS("#pragma locale wants one locale string");
}
END_TEST

/* ---- declarations ---- */

START_TEST(qualifier_declarations)
{
    mof_qualdecl *q;
    parse("Qualifier Description : string = null, Scope(any),\n"
          "    Flavor(EnableOverride, ToSubclass, Translatable);\n"
          "qualifier ValueMap : string[], Scope(property, method, parameter);\n"
          "Qualifier Key : boolean = false, Scope(property, reference),\n"
          "    Flavor(DisableOverride, ToSubclass);\n"
          "Qualifier Sized : uint8[4] = {1, 2}, Scope(class, association, indication), "
          "Flavor(Restricted);\n"
          "Qualifier Mof3 : boolean = false scope(qualifier) policy(restricted);\n");
    CLEAN();
    q = decl(0)->u.qualdecl;
    ck_assert_int_eq(decl(0)->kind, MOF_D_QUALDECL);
    ck_assert_str_eq(q->name, "Description");
    ck_assert_int_eq(q->type, MOF_STRING);
    ck_assert_int_eq(q->dflt->kind, MOF_V_NULL);
    ck_assert_uint_eq(q->scope, MOF_SCOPE_ANY);
    ck_assert_uint_eq(q->flavor, MOF_FLAVOR_ENABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS |
                                     MOF_FLAVOR_TRANSLATABLE);
    q = decl(1)->u.qualdecl;
    ck_assert(q->is_array);
    ck_assert_ptr_null(q->dflt);
    ck_assert_uint_eq(q->scope, MOF_SCOPE_PROPERTY | MOF_SCOPE_METHOD | MOF_SCOPE_PARAMETER);
    q = decl(2)->u.qualdecl;
    ck_assert_int_eq(q->type, MOF_BOOLEAN);
    ck_assert_uint_eq(q->flavor, MOF_FLAVOR_DISABLEOVERRIDE | MOF_FLAVOR_TOSUBCLASS);
    q = decl(3)->u.qualdecl;
    ck_assert_uint_eq(q->array_size, 4);
    ck_assert_uint_eq(q->dflt->v.arr.n, 2);
    ck_assert_uint_eq(q->scope, MOF_SCOPE_CLASS | MOF_SCOPE_ASSOCIATION | MOF_SCOPE_INDICATION);
    ck_assert_uint_eq(q->flavor, MOF_FLAVOR_RESTRICTED);
    q = decl(4)->u.qualdecl;
    ck_assert_uint_eq(q->scope, MOF_SCOPE_QUALIFIER);
    ck_assert_uint_eq(q->flavor, MOF_FLAVOR_RESTRICTED);
    ck_assert_uint_eq(F.unit.nqualdecls, 5);
}
END_TEST

START_TEST(qualifier_lists)
{
    mof_qualifiers q;
    parse("[Abstract, Description(\"d\") : ToSubclass Translatable Amended,\n"
          " ValueMap{\"1\", \"2\"}, MaxLen(256): DisableOverride Restricted EnableOverride,\n"
          " Locale(1033): ToInstance, Deprecated {\"X\"}]\nclass A { };\n");
    CLEAN();
    q = cls(0)->quals;
    ck_assert_uint_eq(q.n, 6);
    ck_assert_str_eq(q.items[0].name, "Abstract");
    ck_assert_ptr_null(q.items[0].value);
    ck_assert_uint_eq(q.items[0].loc.col, 2);
    ck_assert_str_eq(q.items[1].value->v.str.s, "d");
    ck_assert_uint_eq(q.items[1].flavor, MOF_FLAVOR_TOSUBCLASS | MOF_FLAVOR_TRANSLATABLE |
                                             MOF_FLAVOR_AMENDED);
    ck_assert_int_eq(q.items[2].value->kind, MOF_V_ARRAY);
    ck_assert_uint_eq(q.items[2].value->v.arr.n, 2);
    ck_assert_uint_eq(q.items[3].flavor, MOF_FLAVOR_DISABLEOVERRIDE | MOF_FLAVOR_RESTRICTED |
                                             MOF_FLAVOR_ENABLEOVERRIDE);
    ck_assert_uint_eq(q.items[4].flavor, MOF_FLAVOR_TOINSTANCE);
    ck_assert_uint_eq(q.items[5].value->v.arr.n, 1);
    parse("[Description(\"d\") : Sometimes] class A { };\n");
    ERRORS(1, "t.mof:1:21: error: unknown flavor 'Sometimes'");
}
END_TEST

START_TEST(classes)
{
    mof_class *c;
    mof_method *m;
    parse("[Association] class L : Base {\n"
          "  [Key] CIM_A REF Left; [Key] CIM_B ref Right;\n"
          "  uint8 cdb[16]; string list[] = {\"a\"}; object Emb; object ref Any;\n"
          "  uint32 Do([IN] string x, [IN, OUT] CIM_A REF y, [OUT] uint8 z[],\n"
          "           [In] CIM_A REF many[], [out] object o, uint8 fixed[4]);\n"
          "  CIM_A REF Get(); string[] Names(); uint32 None();\n"
          "};\n");
    CLEAN();
    c = cls(0);
    ck_assert_str_eq(c->name, "L");
    ck_assert_str_eq(c->super_name, "Base");
    ck_assert_uint_eq(c->loc.col, 15);
    ck_assert_uint_eq(c->nprops, 6);
    ck_assert_int_eq(c->props[0].type, MOF_REFERENCE);
    ck_assert_str_eq(c->props[0].ref_class, "CIM_A");
    ck_assert_str_eq(c->props[1].ref_class, "CIM_B");
    ck_assert(c->props[2].is_array);
    ck_assert_uint_eq(c->props[2].array_size, 16);
    ck_assert(c->props[3].is_array);
    ck_assert_uint_eq(c->props[3].array_size, 0);
    ck_assert_int_eq(c->props[4].type, MOF_INSTANCE);
    ck_assert_int_eq(c->props[5].type, MOF_REFERENCE);
    ck_assert_ptr_null(c->props[5].ref_class);
    ck_assert_uint_eq(c->nmethods, 4);
    m = &c->methods[0];
    ck_assert_str_eq(m->name, "Do");
    ck_assert_int_eq(m->type, MOF_UINT32);
    ck_assert_uint_eq(m->nparams, 6);
    ck_assert_str_eq(m->params[0].quals.items[0].name, "IN");
    ck_assert_uint_eq(m->params[1].quals.n, 2);
    ck_assert_int_eq(m->params[1].type, MOF_REFERENCE);
    ck_assert(m->params[2].is_array);
    ck_assert(m->params[3].is_array);
    ck_assert_int_eq(m->params[3].type, MOF_REFERENCE);
    ck_assert_int_eq(m->params[4].type, MOF_INSTANCE);
    ck_assert_uint_eq(m->params[5].array_size, 4);
    ck_assert_int_eq(c->methods[1].type, MOF_REFERENCE);
    ck_assert_str_eq(c->methods[1].ref_class, "CIM_A");
    ck_assert(c->methods[2].is_array);
    ck_assert_uint_eq(c->methods[3].nparams, 0);
    parse("class A { uint8 a[0]; uint32 ref b; };\n");
    ck_assert_uint_eq(F.diag.errors, 2);
    HAS("t.mof:1:19: error: array size must be a positive 32-bit number");
    HAS("t.mof:1:30: error: a reference names a class before 'ref', not a type");
}
END_TEST

START_TEST(instances)
{
    mof_instance *in;
    mof_value *v;
    parse("instance of A as $a { Id = \"1\"; };\n"
          "[Q] instance of B { [Q2] Left = $a; List = {$a, $b}; Emb = instance of E { X = 1; };\n"
          "  Embs = {instance of E { X = 2; }, instance of E { }}; };\n");
    CLEAN();
    ck_assert_uint_eq(F.unit.ninstances, 2);
    in = decl(0)->u.inst;
    ck_assert_str_eq(in->class_name, "A");
    ck_assert_str_eq(in->alias, "a");
    ck_assert(!in->embedded);
    ck_assert_uint_eq(in->loc.col, 1);
    in = decl(1)->u.inst;
    ck_assert_uint_eq(in->quals.n, 1);
    ck_assert_uint_eq(in->loc.col, 5);
    ck_assert_uint_eq(in->nvals, 4);
    ck_assert_str_eq(in->vals[0].quals.items[0].name, "Q2");
    ck_assert_int_eq(in->vals[0].value->kind, MOF_V_ALIAS);
    ck_assert_str_eq(in->vals[0].value->v.alias.name, "a");
    v = in->vals[1].value;
    ck_assert_uint_eq(v->v.arr.n, 2);
    ck_assert_str_eq(v->v.arr.items[1].v.alias.name, "b");
    v = in->vals[2].value;
    ck_assert_int_eq(v->kind, MOF_V_INSTANCE);
    ck_assert_str_eq(v->v.inst->class_name, "E");
    ck_assert(v->v.inst->embedded);
    ck_assert_uint_eq(v->v.inst->nvals, 1);
    v = in->vals[3].value;
    ck_assert_uint_eq(v->v.arr.n, 2);
    ck_assert_int_eq(v->v.arr.items[0].kind, MOF_V_INSTANCE);
    ck_assert_uint_eq(v->v.arr.items[0].v.inst->vals[0].value->v.i.mag, 2);
    ck_assert_uint_eq(v->v.arr.items[1].v.inst->nvals, 0);
}
END_TEST

START_TEST(mof3)
{
    mof_enum *e;
    mof_class *c;
    mof_instance *in;
    parse("structure S { sint32 X; };\n"
          "enumeration E : uint32 { A = 1, [Description(\"b\")] B = 2 };\n"
          "class C { S Inner; E Kind = E.B; };\nvalue of S as $v { X = 1; };\n"
          "class D { structure Inner2 { string s; }; enumeration L : string { P, Q = \"q\", };\n"
          "  L Which = P; };\n"
          "association L2 { [Key] A REF a; [Key] A REF b; };\nindication I { };\n"
          "enumeration F : E { Z = 9 };\nenumeration M : Integer { };\n"
          "qualifier K : L = P Scope(Structure) Policy(Restricted);\n"
          "instance of C { Inner = value of S { X = 2; }; Kind = B; };\n");
    CLEAN();
    c = cls(0);
    ck_assert(c->is_structure);
    ck_assert_ptr_null(c->outer);
    e = decl(1)->u.en;
    ck_assert_int_eq(decl(1)->kind, MOF_D_ENUM);
    ck_assert_str_eq(e->name, "E");
    ck_assert_int_eq(e->type, MOF_UINT32);
    ck_assert_uint_eq(e->nitems, 2);
    ck_assert_str_eq(e->items[1].name, "B");
    ck_assert_str_eq(e->items[1].quals.items[0].name, "Description");
    c = cls(2);
    ck_assert_str_eq(c->props[0].type_name, "S");
    ck_assert_int_eq(c->props[1].dflt->kind, MOF_V_ENUM);
    ck_assert_str_eq(c->props[1].dflt->v.enumv.type, "E");
    ck_assert_str_eq(c->props[1].dflt->v.enumv.name, "B");
    in = decl(3)->u.inst;
    ck_assert(in->is_value);
    ck_assert_str_eq(in->alias, "v");
    /* local declarations come before their class, marked with it; a local structure or
     * enumeration is named after it (Outer_Name), keeping the name written */
    ck_assert_str_eq(cls(4)->name, "D_Inner2");
    ck_assert_str_eq(cls(4)->local_name, "Inner2");
    ck_assert_str_eq(cls(4)->outer, "D");
    ck_assert_str_eq(decl(5)->u.en->outer, "D");
    ck_assert_str_eq(decl(5)->u.en->name, "D_L"); /* a local enumeration likewise */
    ck_assert_str_eq(decl(5)->u.en->local_name, "L");
    ck_assert_ptr_null(decl(1)->u.en->local_name);
    ck_assert_ptr_null(decl(5)->u.en->items[0].value);
    ck_assert_str_eq(cls(6)->name, "D");
    ck_assert_ptr_null(cls(6)->outer);
    ck_assert_str_eq(cls(6)->props[0].dflt->v.enumv.name, "P");
    /* association/indication class declarations become the qualifier MOF 2 writes. */
    ck_assert_str_eq(cls(7)->name, "L2");
    ck_assert_str_eq(cls(7)->quals.items[0].name, "Association");
    ck_assert_str_eq(cls(8)->quals.items[0].name, "Indication");
    ck_assert_str_eq(decl(9)->u.en->super_name, "E");
    ck_assert_int_eq(decl(10)->u.en->type, MOF_SINT64);
    ck_assert_str_eq(decl(11)->u.qualdecl->type_name, "L");
    ck_assert_uint_eq(decl(11)->u.qualdecl->scope, MOF_SCOPE_STRUCTURE);
    ck_assert_uint_eq(decl(11)->u.qualdecl->flavor, MOF_FLAVOR_RESTRICTED);
    in = decl(12)->u.inst;
    ck_assert(in->vals[0].value->v.inst->is_value);
    ck_assert_int_eq(in->vals[1].value->kind, MOF_V_ENUM);
}
END_TEST

START_TEST(big_input)
{
    /* Many declarations and long concatenations: the stacks and the arena grow. */
    size_t n = 20000, i, len = 0;
    char *buf = malloc(n * 64 + 64);
    ck_assert_ptr_nonnull(buf);
    len += (size_t)sprintf(buf + len, "class A { string d = ");
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(buf + len, "\"%05zu\" ", i);
    len += (size_t)sprintf(buf + len, "; uint8 a[] = {");
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(buf + len, "%s1", i ? "," : "");
    len += (size_t)sprintf(buf + len, "}; };\n");
    parse_len(buf, len);
    free(buf);
    CLEAN();
    ck_assert_uint_eq(dflt(0, 0)->v.str.len, n * 5);
    ck_assert_uint_eq(dflt(0, 1)->v.arr.n, n);
}
END_TEST

START_TEST(deep_and_long)
{
    size_t n = 5000, i, len = 0;
    char *buf = malloc(n * 40 + 200);
    ck_assert_ptr_nonnull(buf);
    len += (size_t)sprintf(buf + len, "instance of A { s = ");
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(buf + len, "instance of A { s = ");
    len += (size_t)sprintf(buf + len, "1");
    for (i = 0; i < n; i++)
        len += (size_t)sprintf(buf + len, "; }");
    len += (size_t)sprintf(buf + len, "; };\n");
    parse_len(buf, len);
    ERRORS(1, "values nest too deeply for the parser");
    /* A long line is shown as a window around the column. */
    len = (size_t)sprintf(buf, "class A { string s = \"%0500d\"; uint8 @; };\n", 0);
    parse_len(buf, len);
    free(buf);
    ERRORS(2, "t.mof:1:532: error: unexpected character '@'");
    HAS("\n ...0000");
    HAS("0000\"; uint8 @; };\n");
    ck_assert_uint_lt(F.outlen, 600);
}
END_TEST

static Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *t = tcase_create("reader");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, integers);
    tcase_add_test(t, integer_errors);
    tcase_add_test(t, reals);
    tcase_add_test(t, chars);
    tcase_add_test(t, strings);
    tcase_add_test(t, string_errors);
    tcase_add_test(t, constants);
    tcase_add_test(t, keywords_and_names);
    tcase_add_test(t, comments);
    tcase_add_test(t, stray);
    tcase_add_test(t, syntax_errors_recover);
    tcase_add_test(t, error_cap);
    tcase_add_test(t, line_ends);
    tcase_add_test(t, encodings);
    tcase_add_test(t, includes);
    tcase_add_test(t, include_errors);
    tcase_add_test(t, include_depth);
    tcase_add_test(t, namespaces);
    tcase_add_test(t, pragmas);
    tcase_add_test(t, qualifier_declarations);
    tcase_add_test(t, qualifier_lists);
    tcase_add_test(t, classes);
    tcase_add_test(t, instances);
    tcase_add_test(t, mof3);
    tcase_add_test(t, string_lenient);
    tcase_add_test(t, wmi_forms);
    tcase_add_test(t, big_input);
    tcase_add_test(t, deep_and_long);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(parse_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
