/* SPDX-License-Identifier: MIT */
/* generator/mof/diag.c: prints located diagnostics (see diag.h). */
#include "diag.h"

#include <string.h>

void mof_diag_init(mof_diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->max_errors = MOF_DIAG_DEFAULT_MAX_ERRORS;
}

bool mof_diag_stop(const mof_diag *d)
{
    return d->capped;
}

static void print_include_chain(FILE *out, const mof_source *src)
{
    const mof_source *p;
    bool first = true;
    for (p = src; p && p->parent; p = p->parent) {
        fprintf(out, "%s %s:%u:%u:\n", first ? "In file included from" : "                 from",
                p->parent->path, (unsigned)p->parent_line, (unsigned)p->parent_col);
        first = false;
    }
}

/* Prints the line `loc` points into and a caret under its column. Tabs are kept in the
 * caret line's padding so the caret lines up in a terminal. A line longer than SHOW_MAX bytes
 * is shown as a window around the column, with "..." where it was cut. */
#define SHOW_MAX 160
static void print_source_line(FILE *out, const mof_loc *loc)
{
    const char *text = loc->src->text, *end = text + loc->src->len, *p = text, *eol, *from, *to;
    uint32_t line = 1;
    const char *caret;
    if (!text)
        return;
    while (line < loc->line) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return;
        p = nl + 1;
        line++;
    }
    eol = p;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
    caret = p + (loc->col ? loc->col - 1 : 0);
    if (caret > eol)
        caret = eol;
    from = p;
    to = eol;
    if (to - from > SHOW_MAX) {
        from = caret - from > SHOW_MAX / 2 ? caret - SHOW_MAX / 2 : p;
        to = to - from > SHOW_MAX ? from + SHOW_MAX : eol;
    }
    fprintf(out, " %s%.*s%s\n ", from > p ? "..." : "", (int)(to - from), from,
            to < eol ? "..." : "");
    if (from > p)
        fputs("   ", out);
    for (; from < caret; from++)
        fputc(*from == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
}

void mof_vdiag(mof_diag *d, const mof_loc *loc, const char *kind, const char *fmt, va_list ap)
{
    bool is_error = strcmp(kind, "error") == 0;
    bool is_note = strcmp(kind, "note") == 0;
    if (d->capped)
        return;
    if (is_error) {
        d->errors++;
        if (d->on_error) {
            char text[512];
            va_list copy;
            va_copy(copy, ap);
            vsnprintf(text, sizeof text, fmt, copy);
            va_end(copy);
            d->on_error(d->on_error_ctx, loc, text);
        }
    } else if (!is_note)
        d->warnings++;
    if (d->out && (is_error || is_note || !d->no_warnings)) {
        if (loc && loc->src) {
            if (!is_note)
                print_include_chain(d->out, loc->src);
            fprintf(d->out, "%s:%u:%u: %s: ", loc->src->path, (unsigned)loc->line,
                    (unsigned)loc->col, kind);
        } else {
            fprintf(d->out, "mofbind: %s: ", kind);
        }
        vfprintf(d->out, fmt, ap);
        fputc('\n', d->out);
        if (loc && loc->src && loc->line)
            print_source_line(d->out, loc);
    }
    if (is_error && d->max_errors && d->errors >= d->max_errors) {
        if (d->out)
            fprintf(d->out, "mofbind: too many errors (%u), stopping\n", d->errors);
        d->capped = true;
    }
}

void mof_error(mof_diag *d, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mof_vdiag(d, loc, "error", fmt, ap);
    va_end(ap);
}

void mof_warning(mof_diag *d, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mof_vdiag(d, loc, "warning", fmt, ap);
    va_end(ap);
}

void mof_pedantic(mof_diag *d, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mof_vdiag(d, loc, d->strict ? "error" : "warning", fmt, ap);
    va_end(ap);
}

void mof_dialect(mof_diag *d, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    if (!d->strict)
        return;
    va_start(ap, fmt);
    mof_vdiag(d, loc, "error", fmt, ap);
    va_end(ap);
}

void mof_note(mof_diag *d, const mof_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mof_vdiag(d, loc, "note", fmt, ap);
    va_end(ap);
}
