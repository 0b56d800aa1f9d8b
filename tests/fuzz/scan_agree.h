/* SPDX-License-Identifier: MIT */
/* tests/fuzz/scan_agree.h: whether wsman_scan (runtime/wsman/wsman_scan.c) and libxml2's SAX2
 * parser agree on a message: scan_agrees is 1 when wsman_scan declines it, or when libxml2 finds
 * it well-formed too and gives the same events (elements with their namespaces and local names,
 * attributes in order with theirs and their values, the text between, adjacent pieces joined);
 * 0 otherwise. Used by fuzz_wsman (every input) and tests/test_wsman (the cases by hand). */
#ifndef MOFBIND_SCAN_AGREE_H
#define MOFBIND_SCAN_AGREE_H

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <string.h>

#include "wsman_int.h"

typedef struct sa_events {
    wsman_buf b;
    int text; /* the last event was text */
    int dtd;  /* libxml2 met a DOCTYPE or an entity */
} sa_events;

static void sa_start(void *ctx, const char *local, const char *uri, int nattr, const char **attrs)
{
    sa_events *e = (sa_events *)ctx;
    int i;
    e->text = 0;
    util_buf_puts(&e->b, "\x01");
    util_buf_puts(&e->b, uri ? uri : "-");
    util_buf_putc(&e->b, '|');
    util_buf_puts(&e->b, local);
    for (i = 0; i < nattr; i++) {
        util_buf_puts(&e->b, "\x04");
        util_buf_puts(&e->b, attrs[i * 5 + 2] ? attrs[i * 5 + 2] : "-");
        util_buf_putc(&e->b, '|');
        util_buf_puts(&e->b, attrs[i * 5]);
        util_buf_putc(&e->b, '=');
        util_buf_putn(&e->b, attrs[i * 5 + 3], (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]));
    }
}

static void sa_end(void *ctx)
{
    sa_events *e = (sa_events *)ctx;
    e->text = 0;
    util_buf_puts(&e->b, "\x02");
}

static void sa_chars(void *ctx, const char *s, size_t n)
{
    sa_events *e = (sa_events *)ctx;
    if (!e->text)
        util_buf_puts(&e->b, "\x03");
    e->text = 1;
    util_buf_putn(&e->b, s, n);
}

static void sa_x_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                       int nb_ns, const xmlChar **ns, int nb_attr, int nb_def,
                       const xmlChar **attrs)
{
    (void)prefix, (void)nb_ns, (void)ns, (void)nb_def;
    sa_start(((xmlParserCtxtPtr)ctx)->_private, (const char *)local, (const char *)uri, nb_attr,
             (const char **)attrs);
}

static void sa_x_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local, (void)prefix, (void)uri;
    sa_end(((xmlParserCtxtPtr)ctx)->_private);
}

static void sa_x_chars(void *ctx, const xmlChar *s, int n)
{
    sa_chars(((xmlParserCtxtPtr)ctx)->_private, (const char *)s, (size_t)n);
}

static void sa_x_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name, (void)ext, (void)sys;
    ((sa_events *)((xmlParserCtxtPtr)ctx)->_private)->dtd = 1;
}

static xmlEntityPtr sa_x_entity(void *ctx, const xmlChar *name)
{
    (void)name;
    ((sa_events *)((xmlParserCtxtPtr)ctx)->_private)->dtd = 1;
    return NULL;
}

static int scan_agrees(const char *data, size_t len)
{
    static const wsman_scan_cb cb = {sa_start, sa_end, sa_chars};
    sa_events a, x;
    xmlSAXHandler h;
    xmlParserCtxtPtr c;
    int ok;
    memset(&a, 0, sizeof a);
    util_buf_init(&a.b);
    if (len > 0x7FFFFFFF || !wsman_scan(data, len, &cb, &a)) {
        util_buf_free(&a.b);
        return 1;
    }
    memset(&x, 0, sizeof x);
    util_buf_init(&x.b);
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = sa_x_start;
    h.endElementNs = sa_x_end;
    h.characters = sa_x_chars;
    h.cdataBlock = sa_x_chars;
    h.internalSubset = sa_x_dtd;
    h.externalSubset = sa_x_dtd;
    h.getEntity = sa_x_entity;
    c = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, NULL);
    if (!c) {
        util_buf_free(&a.b);
        util_buf_free(&x.b);
        return 1; /* (no memory: nothing to compare) */
    }
    c->_private = &x;
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_IGNORE_ENC);
    xmlParseChunk(c, data, (int)len, 1);
    ok = c->wellFormed && !x.dtd && !a.b.failed && !x.b.failed && a.b.len == x.b.len &&
         (a.b.len == 0 || memcmp(a.b.data, x.b.data, a.b.len) == 0);
    xmlFreeParserCtxt(c);
    util_buf_free(&a.b);
    util_buf_free(&x.b);
    return ok;
}

#endif
