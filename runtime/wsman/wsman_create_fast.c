/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_create_fast.c: a plain CreateResponse read from parser events, without a
 * tree (wsman_read_create_fast): wsman_scan's, else libxml2's SAX parser's when the message is
 * XML outside wsman_scan's subset; anything else is declined to the tree reader. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "wsman.h"
#include "wsman_int.h"

/* ---- the common case without a tree: a plain CreateResponse --------------------------------
 *
 * Most responses to Create are Envelope/Header(MessageID, RelatesTo)/Body/ResourceCreated with
 * an EPR of string selectors. Reading that with SAX events instead of a libxml2 tree halves the
 * cost of the read. Anything else (a fault, a representation after ResourceCreated, a nested
 * EPR, a DOCTYPE, an entity, another encoding, a parse error) is declined and read by the tree
 * path, which is the reference: tests/test_wsman_ref checks both give the same result. */

#define FAST_MAX_SELECTORS 64

typedef struct fast_state {
    xmlParserCtxtPtr ctxt;
    int depth;
    int decline;
    int where; /* what the text being collected is for (FAST_*) */
    int in_env, in_header, in_body, body_children, in_rc, in_rp, in_set, rp_seen, set_seen;
    wsman_buf text;
    char *message_id, *relates_to, *uri;
    char *names[FAST_MAX_SELECTORS], *values[FAST_MAX_SELECTORS];
    int nsel;
} fast_state;

enum { FAST_NONE, FAST_MSGID, FAST_RELATES, FAST_URI, FAST_SELECTOR };

static void fast_decline(fast_state *st)
{
    st->decline = 1;
    if (st->ctxt) /* (none while wsman_scan reads) */
        xmlStopParser(st->ctxt);
}

static void fast_refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    fast_decline(ctx);
}

static xmlEntityPtr fast_entity(void *ctx, const xmlChar *name)
{
    (void)name;
    fast_decline(ctx);
    return NULL;
}

static char *fast_trimmed(wsman_buf *b)
{
    size_t i = 0, n = b->len;
    char *s;
    while (i < n && isspace((unsigned char)b->data[i]))
        i++;
    while (n > i && isspace((unsigned char)b->data[n - 1]))
        n--;
    s = malloc(n - i + 1);
    if (s) {
        if (n > i)
            memcpy(s, b->data + i, n - i);
        s[n - i] = '\0';
    }
    return s;
}

static int fast_is(const xmlChar *uri, const char *ns, const xmlChar *local, const char *name)
{
    return wsman_ns_is((const char *)uri, ns) && strcmp((const char *)local, name) == 0;
}

static void fast_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                       int nb_ns, const xmlChar **ns, int nb_attr, int nb_def,
                       const xmlChar **attrs)
{
    fast_state *st = ctx;
    int d = ++st->depth;
    (void)prefix;
    (void)nb_ns;
    (void)ns;
    (void)nb_def;
    if (st->decline)
        return;
    if (st->where != FAST_NONE) { /* an element inside a value we collect (nested EPR...) */
        fast_decline(st);
        return;
    }
    if (d == 1) {
        if (!fast_is(uri, WSMAN_NS_SOAP, local, "Envelope"))
            fast_decline(st);
        st->in_env = 1;
    } else if (d == 2) {
        st->in_header = fast_is(uri, WSMAN_NS_SOAP, local, "Header");
        st->in_body = fast_is(uri, WSMAN_NS_SOAP, local, "Body");
    } else if (d == 3 && st->in_header) {
        if (fast_is(uri, WSMAN_NS_ADDRESSING, local, "MessageID") && !st->message_id)
            st->where = FAST_MSGID;
        else if (fast_is(uri, WSMAN_NS_ADDRESSING, local, "RelatesTo") && !st->relates_to)
            st->where = FAST_RELATES;
    } else if (d == 3 && st->in_body) {
        if (st->body_children++ > 0 || !fast_is(uri, WSMAN_NS_TRANSFER, local, "ResourceCreated"))
            fast_decline(st);
        st->in_rc = 1;
    } else if (d == 4 && st->in_rc) {
        if (fast_is(uri, WSMAN_NS_ADDRESSING, local, "ReferenceParameters")) {
            if (st->rp_seen++)
                fast_decline(st);
            st->in_rp = 1;
        } else if (fast_is(uri, WSMAN_NS_ADDRESSING, local, "EndpointReference")) {
            fast_decline(st);
        }
    } else if (d == 5 && st->in_rp) {
        if (fast_is(uri, WSMAN_NS_WSMAN, local, "ResourceURI")) {
            if (st->uri)
                fast_decline(st);
            st->where = FAST_URI;
        } else if (fast_is(uri, WSMAN_NS_WSMAN, local, "SelectorSet")) {
            if (st->set_seen++)
                fast_decline(st);
            st->in_set = 1;
        }
    } else if (d == 6 && st->in_set && fast_is(uri, WSMAN_NS_WSMAN, local, "Selector")) {
        int i;
        const xmlChar *name = NULL, *end = NULL;
        for (i = 0; i < nb_attr; i++) {
            if (!attrs[i * 5 + 2] && strcmp((const char *)attrs[i * 5], "Name") == 0) {
                name = attrs[i * 5 + 3];
                end = attrs[i * 5 + 4];
            }
        }
        if (!name || end <= name || memchr(name, '&', (size_t)(end - name)) ||
            st->nsel >= FAST_MAX_SELECTORS) {
            fast_decline(st);
            return;
        }
        st->names[st->nsel] = malloc((size_t)(end - name) + 1);
        if (!st->names[st->nsel]) {
            fast_decline(st);
            return;
        }
        memcpy(st->names[st->nsel], name, (size_t)(end - name));
        st->names[st->nsel][end - name] = '\0';
        st->values[st->nsel] = NULL;
        st->nsel++;
        st->where = FAST_SELECTOR;
    }
    util_buf_reset(&st->text);
}

static void fast_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    fast_state *st = ctx;
    int d = st->depth--;
    char *t;
    (void)local;
    (void)prefix;
    (void)uri;
    if (st->decline)
        return;
    if (st->where != FAST_NONE) {
        t = fast_trimmed(&st->text);
        if (!t || st->text.failed) {
            free(t);
            fast_decline(st);
            return;
        }
        switch (st->where) {
        case FAST_MSGID:
            st->message_id = t;
            break;
        case FAST_RELATES:
            st->relates_to = t;
            break;
        case FAST_URI:
            st->uri = t;
            break;
        default:
            st->values[st->nsel - 1] = t;
            break;
        }
        st->where = FAST_NONE;
        return;
    }
    if (d == 2) {
        st->in_header = 0;
        st->in_body = 0;
    } else if (d == 3) {
        st->in_rc = 0;
    } else if (d == 4) {
        st->in_rp = 0;
    } else if (d == 5) {
        st->in_set = 0;
    }
}

static void fast_chars(void *ctx, const xmlChar *ch, int len)
{
    fast_state *st = ctx;
    if (!st->decline && st->where != FAST_NONE)
        util_buf_putn(&st->text, (const char *)ch, (size_t)len);
}

/* The events of wsman_scan, as libxml2's SAX2 parser gives them. */
static void scan_start(void *ctx, const char *local, const char *uri, int nattr, const char **attrs)
{
    fast_start(ctx, (const xmlChar *)local, NULL, (const xmlChar *)uri, 0, NULL, nattr, 0,
               (const xmlChar **)attrs);
}

static void scan_end(void *ctx)
{
    fast_end(ctx, NULL, NULL, NULL);
}

static void scan_chars(void *ctx, const char *s, size_t n)
{
    fast_chars(ctx, (const xmlChar *)s, (int)n);
}

static const wsman_scan_cb scan_events = {scan_start, scan_end, scan_chars};

static void fast_free(fast_state *st)
{
    int i;
    for (i = 0; i < st->nsel; i++) {
        free(st->names[i]);
        free(st->values[i]);
    }
    free(st->message_id);
    free(st->relates_to);
    free(st->uri);
    util_buf_free(&st->text);
}

void wsman_parser_free(wsman_parser *p)
{
    if (p && p->ctxt)
        xmlFreeParserCtxt((xmlParserCtxtPtr)p->ctxt);
    if (p)
        memset(p, 0, sizeof *p);
}

/* The push parser for one read: the one kept in pp reset for another document (it is taken
 * out of pp meanwhile), else a new one. The kept one is dropped after WSMAN_PARSER_REUSES reads
 * or when its dictionary holds more than a few hundred names (only a hostile peer sends that
 * many different element and attribute names; the dictionary never shrinks). */
static xmlParserCtxtPtr fast_parser(wsman_parser *pp, xmlSAXHandler *h, fast_state *st)
{
    xmlParserCtxtPtr c = pp ? (xmlParserCtxtPtr)pp->ctxt : NULL;
    if (c) {
        pp->ctxt = NULL;
        if (pp->uses < WSMAN_PARSER_REUSES && xmlDictSize(c->dict) <= 512 &&
            xmlCtxtResetPush(c, NULL, 0, NULL, NULL) == 0) {
            pp->uses++;
            c->userData = st;
            return c;
        }
        xmlFreeParserCtxt(c);
    }
    if (pp)
        pp->uses = 0;
    return xmlCreatePushParserCtxt(h, st, NULL, 0, NULL);
}

/* The reading by libxml2's SAX parser (the one kept in opts->parser, reset, when there is
 * one): whether it went through with nothing declined. */
static int read_sax(const wsman_read_options *opts, const char *body, size_t len, fast_state *st)
{
    xmlSAXHandler h;
    wsman_quiet q;
    int ok;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = fast_start;
    h.endElementNs = fast_end;
    h.characters = fast_chars;
    h.cdataBlock = fast_chars;
    h.internalSubset = fast_refuse_dtd;
    h.externalSubset = fast_refuse_dtd;
    h.getEntity = fast_entity;
    wsman_quiet_begin(&q);
    st->ctxt = fast_parser(opts ? opts->parser : NULL, &h, st);
    if (!st->ctxt) {
        wsman_quiet_end(&q);
        return 0;
    }
    xmlCtxtUseOptions(st->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_IGNORE_ENC);
    xmlParseChunk(st->ctxt, body, (int)len, 1);
    /* (Out of memory anywhere, libxml2's included: the tree reading says so.) */
    ok = !st->decline && st->ctxt->wellFormed && st->ctxt->nsWellFormed && st->rp_seen == 1 &&
         st->uri && st->in_env && !q.nomem && st->ctxt->errNo != XML_ERR_NO_MEMORY &&
         !st->text.failed;
    if (ok && opts && opts->parser && !opts->parser->ctxt)
        opts->parser->ctxt = st->ctxt; /* kept for the next read */
    else
        xmlFreeParserCtxt(st->ctxt);
    st->ctxt = NULL;
    wsman_quiet_end(&q);
    return ok;
}

int wsman_read_create_fast(const wsman_codec *codec, const char *content_type, const char *body,
                           size_t len, const wsman_read_options *opts, wsman_response *resp)
{
    fast_state st;
    wsman_error err = {MI_RESULT_OK, ""};
    wsman_decode dc;
    MI_Instance *inst = NULL;
    const MI_ClassDecl *tdecl = NULL;
    char cs[32];
    int i, ok;
    size_t max = codec && codec->max_message ? codec->max_message : WSMAN_DEFAULT_MAX_MESSAGE;

    if (!codec || !codec->new_instance || len == 0 || len > max || len > 0x7FFFFFFF ||
        (body[0] != '<' && !isspace((unsigned char)body[0])))
        return 0;
    wsman_content_charset(content_type, cs, sizeof cs);
    if (cs[0] && strcmp(cs, "UTF-8") != 0 && strcmp(cs, "UTF8") != 0)
        return 0;
    wsman_declared_encoding(body, len, cs, sizeof cs);
    if (cs[0] && !wsman_is_utf8_name(cs))
        return 0;
    memset(&st, 0, sizeof st);
    util_buf_init(&st.text);
    /* First the small reader of the usual shape; what it declines as XML outside its subset
     * goes to libxml2's SAX parser, what it declines as another kind of answer to the tree. */
    if (wsman_scan(body, len, &scan_events, &st) && !st.decline) {
        ok = st.rp_seen == 1 && st.uri && st.in_env && !st.text.failed;
    } else if (st.decline) {
        ok = 0;
    } else {
        fast_free(&st);
        memset(&st, 0, sizeof st);
        util_buf_init(&st.text);
        ok = read_sax(opts, body, len, &st);
    }
    for (i = 0; ok && i < st.nsel; i++)
        ok = st.values[i] != NULL;
    if (!ok) {
        fast_free(&st);
        return 0;
    }
    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.err = &err;
    if (opts && !opts->no_rtti)
        dc.decl = opts->decl;
    if (wsman_epr_new_instance(&dc, st.uri, &inst, &tdecl) != MI_RESULT_OK) {
        fast_free(&st);
        return 0;
    }
    for (i = 0; i < st.nsel; i++) {
        if (!*st.names[i] ||
            wsman_add_key_selector(&dc, inst, tdecl, st.names[i], st.values[i]) != MI_RESULT_OK) {
            MI_Instance_Delete(inst);
            fast_free(&st);
            return 0;
        }
    }
    memset(resp, 0, sizeof *resp);
    if (wsman_response_add_item(resp, inst) != MI_RESULT_OK) {
        fast_free(&st);
        return 0;
    }
    resp->message_id = st.message_id;
    resp->relates_to = st.relates_to;
    st.message_id = st.relates_to = NULL;
    resp->result = MI_RESULT_OK;
    fast_free(&st);
    return 1;
}
