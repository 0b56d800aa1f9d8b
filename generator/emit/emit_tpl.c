/* SPDX-License-Identifier: MIT */
/* generator/emit/emit_tpl.c: output buffers and the template filler of the code generator.
 * Templates are logic-free text with `$name$` placeholders; the helper headers (NAME.h) are C
 * copied as they are. The built-in ones are templates/ compiled into the program
 * (builtin_templates.inc, made by generator/emit/local.mk). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_int.h"

/* gen_builtins[]: {name, lines} for each templates/NAME.tpl and templates/NAME.h (named NAME.h),
 * lines NULL-terminated. */
#include "builtin_templates.inc"

#define GEN_NBUILTIN (sizeof gen_builtins / sizeof gen_builtins[0])
#define GEN_MAX_TEMPLATE (1u << 20) /* a template file larger than this is not one */

struct gen_templates {
    char *text[GEN_NBUILTIN];
};

size_t gen_template_count(void)
{
    return GEN_NBUILTIN;
}

const char *gen_template_name(size_t i)
{
    return i < GEN_NBUILTIN ? gen_builtins[i].name : NULL;
}

static char *join_lines(const char *const *lines)
{
    size_t n = 0, i;
    char *s, *p;
    for (i = 0; lines[i]; i++)
        n += strlen(lines[i]);
    s = malloc(n + 1);
    if (!s)
        return NULL;
    p = s;
    for (i = 0; lines[i]; i++) {
        size_t k = strlen(lines[i]);
        memcpy(p, lines[i], k);
        p += k;
    }
    *p = '\0';
    return s;
}

/* A helper header (NAME.h) is its own file name; a template NAME is NAME.tpl. */
static int is_header(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && strcmp(name + n - 2, ".h") == 0;
}

/* Reads DIR/NAME.tpl (DIR/NAME.h for a header) into *out; returns 1 when read, 0 when absent,
 * -1 on error. */
static int read_override(const char *dir, const char *name, char **out, char *err, size_t errlen)
{
    char path[4096];
    const char *ext = is_header(name) ? "" : ".tpl";
    FILE *f;
    char *s = NULL;
    size_t n = 0, cap = 0;
    int c;
    if ((size_t)snprintf(path, sizeof path, "%s/%s%s", dir, name, ext) >= sizeof path) {
        snprintf(err, errlen, "%s/%s%s: path too long", dir, name, ext);
        return -1;
    }
    f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while ((c = getc(f)) != EOF) {
        if (n + 1 >= cap) {
            char *ns;
            if (cap >= GEN_MAX_TEMPLATE) {
                snprintf(err, errlen, "%s: larger than %u bytes", path, GEN_MAX_TEMPLATE);
                free(s);
                fclose(f);
                return -1;
            }
            cap = cap ? cap * 2 : 1024;
            ns = realloc(s, cap);
            if (!ns) {
                snprintf(err, errlen, "%s: out of memory", path);
                free(s);
                fclose(f);
                return -1;
            }
            s = ns;
        }
        s[n++] = (char)c;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(s);
        fclose(f);
        return -1;
    }
    fclose(f);
    if (!s) {
        s = malloc(1);
        if (!s) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
    }
    s[n] = '\0';
    *out = s;
    return 1;
}

/* Every NAME.tpl and NAME.h in dir must be one mofbind knows: a misspelt file name would
 * otherwise be ignored without a word. The helper headers were templates before 0.3. */
static int check_dir(const char *dir, char *err, size_t errlen)
{
    static const char *const moved[][2] = {{"support_h.tpl", "mofbind_gen.h"},
                                           {"provider_support_h.tpl", "mofbind_prov.h"}};
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    while (rc == 0 && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), i, k;
        if (n > 4 && strcmp(e->d_name + n - 4, ".tpl") == 0)
            k = n - 4; /* a template is named without .tpl */
        else if (n > 2 && strcmp(e->d_name + n - 2, ".h") == 0)
            k = n;
        else
            continue;
        for (i = 0; i < GEN_NBUILTIN; i++)
            if (strlen(gen_builtins[i].name) == k &&
                memcmp(gen_builtins[i].name, e->d_name, k) == 0)
                break;
        if (i < GEN_NBUILTIN)
            continue;
        rc = -1;
        for (i = 0; i < sizeof moved / sizeof moved[0]; i++)
            if (strcmp(e->d_name, moved[i][0]) == 0)
                break;
        if (i < sizeof moved / sizeof moved[0])
            snprintf(err, errlen,
                     "%s/%s: no longer a template: %s is a plain C header now (its banner added by "
                     "mofbind), to be overridden by a %s there",
                     dir, e->d_name, moved[i][1], moved[i][1]);
        else
            snprintf(err, errlen, "%s/%s: no template of that name", dir, e->d_name);
    }
    closedir(d);
    return rc;
}

gen_templates *gen_templates_load(const char *dir, char *err, size_t errlen)
{
    gen_templates *t;
    size_t i;
    if (dir && check_dir(dir, err, errlen) != 0)
        return NULL;
    t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (i = 0; i < GEN_NBUILTIN; i++) {
        int r = 0;
        if (dir) {
            r = read_override(dir, gen_builtins[i].name, &t->text[i], err, errlen);
            if (r < 0) {
                gen_templates_free(t);
                return NULL;
            }
        }
        if (r == 0) {
            t->text[i] = join_lines(gen_builtins[i].lines);
            if (!t->text[i]) {
                snprintf(err, errlen, "out of memory");
                gen_templates_free(t);
                return NULL;
            }
        }
    }
    return t;
}

void gen_templates_free(gen_templates *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < GEN_NBUILTIN; i++)
        free(t->text[i]);
    free(t);
}

/* gen_builtins is sorted by name (the makefile sorts the files); strcmp order. */
const char *gen_template(const gen_templates *t, const char *name)
{
    size_t lo = 0, hi = GEN_NBUILTIN;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, gen_builtins[mid].name);
        if (c == 0)
            return t->text[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void gen_copy_header(gen_buf *out, const char *text, const char *version, const char *source)
{
    util_buf_printf(out, "/* Generated by mofbind %s from %s. Do not edit. */\n", version, source);
    util_buf_puts(out, text);
}

int gen_fill(gen_buf *out, const char *tpl_name, const char *text, const gen_var *vars,
             size_t nvars, char *err, size_t errlen)
{
    size_t start = out->len;
    const char *p = text, *dollar;
    while ((dollar = strchr(p, '$')) != NULL) {
        const char *end = strchr(dollar + 1, '$');
        size_t len, i;
        util_buf_putn(out, p, (size_t)(dollar - p));
        if (!end) {
            snprintf(err, errlen, "template %s: offset %zu: '$' with no closing '$'", tpl_name,
                     (size_t)(dollar - text));
            goto fail;
        }
        len = (size_t)(end - dollar - 1);
        if (len == 0) {
            util_buf_putn(out, "$", 1);
        } else {
            for (i = 0; i < nvars; i++)
                if (vars[i].name[0] == dollar[1] && strncmp(vars[i].name, dollar + 1, len) == 0 &&
                    vars[i].name[len] == '\0')
                    break;
            if (i == nvars) {
                snprintf(err, errlen, "template %s: offset %zu: unknown placeholder $%.*s$",
                         tpl_name, (size_t)(dollar - text), len > 64 ? 64 : (int)len, dollar + 1);
                goto fail;
            }
            if (vars[i].value)
                util_buf_puts(out, vars[i].value);
            else /* a value whose own building ran out of memory: the output fails with it */
                util_buf_fail(out);
        }
        p = end + 1;
    }
    util_buf_puts(out, p);
    return 0;
fail:
    if (!out->failed)
        util_buf_truncate(out, start);
    return -1;
}
