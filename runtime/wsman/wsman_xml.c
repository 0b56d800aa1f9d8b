/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_xml.c: reading XML with libxml2, hardened (no network, no entities, no
 * DTD, bounded size and depth), libxml2's error reporting kept quiet, and the tree helpers the
 * readers share. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "wsman.h"
#include "wsman_int.h"

void wsman_global_init(void)
{
    xmlInitParser();
}

/* ---- parsing --------------------------------------------------------------------------- */

/* Any DOCTYPE stops the parser: no DTD, no entity declarations, no expansion bombs. */
static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    xmlParserCtxtPtr c = ctx;
    (void)name;
    (void)ext;
    (void)sys;
    c->_private = (void *)c;
    xmlStopParser(c);
}

/* ---- libxml2's error reporting --------------------------------------------------------- */

static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

#if LIBXML_VERSION >= 21200
static void quiet_structured(void *ctx, const xmlError *e)
#else
static void quiet_structured(void *ctx, xmlErrorPtr e)
#endif
{
    wsman_quiet *q = ctx;
    size_t n;
    if (!q || !e)
        return;
    if (e->code == XML_ERR_NO_MEMORY)
        q->nomem = 1;
    if (q->message[0] || !e->message)
        return;
    snprintf(q->message, sizeof q->message, "%s", e->message);
    n = strlen(q->message);
    while (n > 0 && (q->message[n - 1] == '\n' || q->message[n - 1] == ' '))
        q->message[--n] = '\0';
}

/* (libxml2 2.9 as Debian 12 builds it keeps these handlers per thread: the thread that first
 * used libxml2 in the globals, every other in its own state; tests/test_wsman checks it.) */
void wsman_quiet_begin(wsman_quiet *q)
{
    memset(q, 0, sizeof *q);
    q->generic = xmlGenericError;
    q->generic_ctx = xmlGenericErrorContext;
    q->structured = xmlStructuredError;
    q->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(q, quiet_generic);
    xmlSetStructuredErrorFunc(q, quiet_structured);
}

void wsman_quiet_end(wsman_quiet *q)
{
    xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
    xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}

xmlDocPtr wsman_xml_parse(const char *data, size_t len, const char *content_type, size_t max,
                          wsman_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc = NULL;
    wsman_quiet q;
    char *conv;
    const char *p = NULL;
    size_t plen = 0;
    int nomem, attempt;
    if (max == 0)
        max = WSMAN_DEFAULT_MAX_MESSAGE;
    if (!data || len == 0) {
        wsman_seterr(err, MI_RESULT_FAILED, "the message is empty");
        return NULL;
    }
    if (len > max || len > (size_t)2147483647) {
        wsman_seterr(err, MI_RESULT_FAILED, "the message is larger than the limit of %zu bytes",
                     max);
        return NULL;
    }
    if (wsman_to_utf8(data, len, content_type, &conv, &p, &plen, err) != MI_RESULT_OK)
        return NULL;
    if (plen > (size_t)2147483647) {
        free(conv);
        wsman_seterr(err, MI_RESULT_FAILED, "the message is larger than the limit of %zu bytes",
                     max);
        return NULL;
    }
    if (wsman_check_bounds(p, plen, err) != MI_RESULT_OK) {
        free(conv);
        return NULL;
    }
    wsman_quiet_begin(&q);
    for (attempt = 0;; attempt++) {
        ctxt = xmlNewParserCtxt();
        if (!ctxt) {
            wsman_quiet_end(&q);
            free(conv);
            wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            return NULL;
        }
        ctxt->sax->internalSubset = refuse_dtd;
        ctxt->sax->externalSubset = refuse_dtd;
        ctxt->_private = NULL;
        /* UTF-8 only, whatever a declaration says: libxml2 never switches encodings (and so
         * never reaches iconv). */
        doc = xmlCtxtReadMemory(ctxt, p, (int)plen, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_IGNORE_ENC);
        /* libxml2 2.9 loses some of its allocation failures without a word (a dictionary
         * entry that could not be made reads as an empty namespace or a missing name): a
         * message that reads as malformed, even only in its namespaces, is read once more,
         * and only the second reading counts. */
        if (attempt > 0 || q.nomem || ctxt->errNo == XML_ERR_NO_MEMORY || ctxt->_private ||
            (doc && ctxt->wellFormed && ctxt->nsWellFormed))
            break;
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        q.message[0] = '\0';
    }
    nomem = q.nomem || ctxt->errNo == XML_ERR_NO_MEMORY;
    if (ctxt->_private) {
        wsman_seterr(err, MI_RESULT_FAILED, "a DOCTYPE is not allowed in a WS-Man message");
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (nomem) {
        wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[160] = "not well-formed";
        if (e && e->message) {
            size_t n;
            snprintf(msg, sizeof msg, "%s", e->message);
            n = strlen(msg);
            while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
                msg[--n] = '\0';
        } else if (q.message[0]) {
            snprintf(msg, sizeof msg, "%s", q.message);
        }
        wsman_seterr(err, MI_RESULT_FAILED, "malformed XML (line %d): %s", e ? e->line : 0, msg);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    wsman_quiet_end(&q);
    free(conv);
    return doc;
}

/* ---- tree helpers ------------------------------------------------------------------------ */

int wsman_ns_is(const char *href, const char *ns)
{
    if (!href)
        return 0;
    if (strcmp(href, ns) == 0)
        return 1;
    /* WinRM 1.x: the namespaces the 2005/06 draft names differently and uses the same. */
    if (strcmp(ns, WSMAN_NS_WSMAN) == 0)
        return strcmp(href, WSMAN_NS_WSMAN_2005) == 0;
    if (strcmp(ns, WSMAN_NS_WSMANFAULT) == 0)
        return strcmp(href, WSMAN_NS_WSMANFAULT_2005) == 0;
    return 0;
}

int wsman_is(const xmlNode *n, const char *ns, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0)
        return 0;
    if (!ns)
        return 1;
    return n->ns && wsman_ns_is((const char *)n->ns->href, ns);
}

xmlNodePtr wsman_next_elem(xmlNodePtr n)
{
    for (n = n ? n->next : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

xmlNodePtr wsman_first_elem(xmlNodePtr parent)
{
    xmlNodePtr n;
    for (n = parent ? parent->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

xmlNodePtr wsman_child(xmlNodePtr parent, const char *ns, const char *local)
{
    xmlNodePtr n;
    for (n = wsman_first_elem(parent); n; n = wsman_next_elem(n))
        if (wsman_is(n, ns, local))
            return n;
    return NULL;
}

/* Concatenated text and CDATA directly under n (no entity nodes: the DTD is refused). */
char *wsman_text(const xmlNode *n, int trim)
{
    const xmlNode *c;
    size_t len = 0, off = 0;
    char *s;
    for (c = n ? n->children : NULL; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            len += strlen((const char *)c->content);
    s = malloc(len + 1);
    if (!s)
        return NULL;
    for (c = n ? n->children : NULL; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t k = strlen((const char *)c->content);
            memcpy(s + off, c->content, k);
            off += k;
        }
    }
    s[off] = '\0';
    if (trim) {
        size_t a = 0, b = off;
        while (a < b && isspace((unsigned char)s[a]))
            a++;
        while (b > a && isspace((unsigned char)s[b - 1]))
            b--;
        memmove(s, s + a, b - a);
        s[b - a] = '\0';
    }
    return s;
}

char *wsman_attr(const xmlNode *n, const char *ns, const char *name)
{
    xmlChar *v = ns ? xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns)
                    : xmlGetNoNsProp(n, (const xmlChar *)name);
    char *s;
    if (!v)
        return NULL;
    s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

int wsman_attr_true(const xmlNode *n, const char *ns, const char *name)
{
    char *v = wsman_attr(n, ns, name);
    int t = 0;
    if (v) {
        size_t a = 0, b = strlen(v);
        while (a < b && isspace((unsigned char)v[a]))
            a++;
        while (b > a && isspace((unsigned char)v[b - 1]))
            b--;
        v[b] = '\0';
        t = strcasecmp(v + a, "true") == 0 || strcmp(v + a, "1") == 0;
    }
    free(v);
    return t;
}

int wsman_is_nil(const xmlNode *n)
{
    return wsman_attr_true(n, WSMAN_NS_XSI, "nil");
}

int wsman_is_enum_or_wsman(const xmlNode *n, const char *local)
{
    return wsman_is(n, WSMAN_NS_ENUMERATION, local) || wsman_is(n, WSMAN_NS_WSMAN, local);
}
