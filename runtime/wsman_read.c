/* runtime/wsman_read.c: reading WS-Man messages with libxml2, hardened (no network, no
 * entities, no DTD, bounded size and depth): the instance decoding both sides use, the client's
 * response reader (wsman_read_response) and the server's request reader (wsman_read_request). */
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

/* The charset named by a Content-Type, upper-cased into buf ("" when none). */
static void content_charset(const char *ct, char *buf, size_t size)
{
    const char *p;
    size_t n = 0;
    buf[0] = '\0';
    if (!ct)
        return;
    for (p = ct; *p; p++) {
        if (strncasecmp(p, "charset=", 8) == 0) {
            p += 8;
            if (*p == '"')
                p++;
            while (*p && *p != ';' && *p != '"' && *p != ' ' && n + 1 < size)
                buf[n++] = (char)toupper((unsigned char)*p++);
            buf[n] = '\0';
            return;
        }
    }
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
 * used libxml2 in the globals, every other in its own state; tests/test_wire checks it.) */
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

/* ---- encodings ------------------------------------------------------------------------- */

enum { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

static int name_is(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcasecmp(s, *names) == 0)
            return 1;
    return 0;
}

static const char *const utf8_names[] = {"UTF-8", "UTF8", NULL};
static const char *const utf16_names[] = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF16", NULL};

/* The encoding the XML declaration at the start of p names, into buf ("" when none). */
static void declared_encoding(const char *p, size_t len, char *buf, size_t size)
{
    size_t end, i, n = 0;
    buf[0] = '\0';
    if (len < 6 || memcmp(p, "<?xml", 5) != 0 || !isspace((unsigned char)p[5]))
        return;
    for (end = 5; end + 1 < len && end < 512; end++)
        if (p[end] == '?' && p[end + 1] == '>')
            break;
    for (i = 5; i + 8 < end; i++) {
        char q;
        if (memcmp(p + i, "encoding", 8) != 0 || !isspace((unsigned char)p[i - 1]))
            continue;
        i += 8;
        while (i < end && isspace((unsigned char)p[i]))
            i++;
        if (i >= end || p[i] != '=')
            return;
        i++;
        while (i < end && isspace((unsigned char)p[i]))
            i++;
        if (i >= end || (p[i] != '"' && p[i] != '\''))
            return;
        q = p[i++];
        while (i < end && p[i] != q && n + 1 < size)
            buf[n++] = isprint((unsigned char)p[i]) ? p[i++] : (i++, '?');
        buf[n] = '\0';
        return;
    }
}

/* UTF-16 (without its BOM) to UTF-8; NULL with *bad set for a malformed text, NULL alone when
 * out of memory. */
static char *utf16_to_utf8(const unsigned char *d, size_t len, int be, size_t *outlen, int *bad)
{
    char *out, *o;
    size_t i;
    *bad = 0;
    if (len % 2) {
        *bad = 1;
        return NULL;
    }
    if (!(out = malloc(len / 2 * 3 + 1)))
        return NULL;
    o = out;
    for (i = 0; i < len; i += 2) {
        unsigned long c =
            be ? (unsigned long)d[i] << 8 | d[i + 1] : (unsigned long)d[i + 1] << 8 | d[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
            unsigned long c2 = be ? (unsigned long)d[i + 2] << 8 | d[i + 3]
                                  : (unsigned long)d[i + 3] << 8 | d[i + 2];
            if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                i += 2;
            }
        }
        if (c == 0 || (c >= 0xD800 && c <= 0xDFFF)) {
            free(out);
            *bad = 1;
            return NULL;
        }
        if (c < 0x80) {
            *o++ = (char)c;
        } else if (c < 0x800) {
            *o++ = (char)(0xC0 | c >> 6);
            *o++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *o++ = (char)(0xE0 | c >> 12);
            *o++ = (char)(0x80 | (c >> 6 & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (char)(0xF0 | c >> 18);
            *o++ = (char)(0x80 | (c >> 12 & 0x3F));
            *o++ = (char)(0x80 | (c >> 6 & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

/* The message as UTF-8 for libxml2: *p and *plen point into data or into *conv (a converted
 * UTF-16 message, freed by the caller). The bytes decide the encoding (XML 1.0 appendix F:
 * a BOM, or the first character '<' or white space in UTF-16); the Content-Type charset and
 * the declaration must name UTF-8 or UTF-16. */
static MI_Result to_utf8(const char *data, size_t len, const char *content_type, char **conv,
                         const char **p, size_t *plen, wsman_error *err)
{
    const unsigned char *d = (const unsigned char *)data;
    char cs[32], decl[48];
    int enc = ENC_UTF8, bad;
    size_t skip = 0;
    *conv = NULL;
    content_charset(content_type, cs, sizeof cs);
    if (cs[0] && !name_is(cs, utf8_names) && !name_is(cs, utf16_names))
        return wsman_seterr(err, MI_RESULT_NOT_SUPPORTED,
                            "the Content-Type names charset %s: only UTF-8 and UTF-16 are "
                            "supported",
                            cs);
    if (len >= 4 && ((!d[0] && !d[1] && (d[2] || d[3])) || (!d[2] && !d[3] && (d[0] || d[1]))))
        return wsman_seterr(err, MI_RESULT_NOT_SUPPORTED,
                            "the message is in UCS-4: only UTF-8 and UTF-16 are supported");
    if (len >= 4 && d[0] == 0x4C && d[1] == 0x6F && d[2] == 0xA7 && d[3] == 0x94)
        return wsman_seterr(err, MI_RESULT_NOT_SUPPORTED,
                            "the message is in EBCDIC: only UTF-8 and UTF-16 are supported");
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        skip = 3;
    else if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        enc = ENC_UTF16LE, skip = 2;
    else if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        enc = ENC_UTF16BE, skip = 2;
    else if (len >= 2 && !d[0] && d[1])
        enc = ENC_UTF16BE;
    else if (len >= 2 && d[0] && !d[1])
        enc = ENC_UTF16LE;
    if (enc == ENC_UTF8) {
        *p = data + skip;
        *plen = len - skip;
    } else {
        if (!(*conv = utf16_to_utf8(d + skip, len - skip, enc == ENC_UTF16BE, plen, &bad)))
            return bad ? wsman_seterr(err, MI_RESULT_FAILED,
                                      "malformed XML: the message is not valid UTF-16")
                       : wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        *p = *conv;
    }
    declared_encoding(*p, *plen, decl, sizeof decl);
    if (decl[0] && !name_is(decl, enc == ENC_UTF8 ? utf8_names : utf16_names)) {
        MI_Result r = name_is(decl, enc == ENC_UTF8 ? utf16_names : utf8_names)
                          ? MI_RESULT_FAILED
                          : MI_RESULT_NOT_SUPPORTED;
        free(*conv);
        *conv = NULL;
        if (r == MI_RESULT_FAILED)
            return wsman_seterr(err, r,
                                "malformed XML: the message declares encoding %s but is "
                                "in %s",
                                decl, enc == ENC_UTF8 ? "UTF-8" : "UTF-16");
        return wsman_seterr(err, r,
                            "the message declares encoding %s: only UTF-8 and UTF-16 are "
                            "supported",
                            decl);
    }
    return MI_RESULT_OK;
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
    if (to_utf8(data, len, content_type, &conv, &p, &plen, err) != MI_RESULT_OK)
        return NULL;
    if (plen > (size_t)2147483647) {
        free(conv);
        wsman_seterr(err, MI_RESULT_FAILED, "the message is larger than the limit of %zu bytes",
                     max);
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

int wsman_is(const xmlNode *n, const char *ns, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0)
        return 0;
    if (!ns)
        return 1;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
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

static char *attr(const xmlNode *n, const char *ns, const char *name)
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

static int attr_true(const xmlNode *n, const char *ns, const char *name)
{
    char *v = attr(n, ns, name);
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
    return attr_true(n, WSMAN_NS_XSI, "nil");
}

/* ---- instance decoding ------------------------------------------------------------------- */

/* The datetime wrappers WinRM and DSP0230 use around a value. */
static xmlNodePtr datetime_wrapper(xmlNodePtr elem)
{
    xmlNodePtr c = wsman_first_elem(elem);
    const char *nm;
    if (!c || wsman_next_elem(c))
        return NULL;
    nm = (const char *)c->name;
    if (strcasecmp(nm, "Datetime") == 0 || strcasecmp(nm, "Interval") == 0 ||
        strcasecmp(nm, "Date") == 0 || strcasecmp(nm, "Time") == 0 ||
        strcasecmp(nm, "CIM_DateTime") == 0)
        return c;
    return NULL;
}

static int is_epr_elem(xmlNodePtr elem)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(elem); c; c = wsman_next_elem(c))
        if (c->ns && c->ns->href && strcmp((const char *)c->ns->href, WSMAN_NS_ADDRESSING) == 0)
            return 1;
    return 0;
}

/* Class name from xsi:type="pfx:CLASS_Type" (OMI's rule), else NULL. */
static char *xsi_type_class(xmlNodePtr elem)
{
    char *t = attr(elem, WSMAN_NS_XSI, "type");
    char *colon, *us;
    if (!t)
        return NULL;
    colon = strchr(t, ':');
    us = strrchr(t, '_');
    if (!us || strcmp(us, "_Type") != 0) {
        free(t);
        return NULL;
    }
    *us = '\0';
    if (colon) {
        memmove(t, colon + 1, strlen(colon + 1) + 1);
    }
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* The MI type named by xsi:type="cim:cimX" (CIM_Error details), or -1. */
static int xsi_cim_type(xmlNodePtr elem)
{
    static const struct {
        const char *name;
        MI_Type type;
    } map[] = {
        {"cimBoolean", MI_BOOLEAN},   {"cimUnsignedByte", MI_UINT8},
        {"cimByte", MI_SINT8},        {"cimUnsignedShort", MI_UINT16},
        {"cimShort", MI_SINT16},      {"cimUnsignedInt", MI_UINT32},
        {"cimInt", MI_SINT32},        {"cimUnsignedLong", MI_UINT64},
        {"cimLong", MI_SINT64},       {"cimFloat", MI_REAL32},
        {"cimDouble", MI_REAL64},     {"cimChar16", MI_CHAR16},
        {"cimDateTime", MI_DATETIME}, {"cimString", MI_STRING},
    };
    char *t = attr(elem, WSMAN_NS_XSI, "type");
    const char *local;
    size_t i;
    int r = -1;
    if (!t)
        return -1;
    local = strchr(t, ':') ? strchr(t, ':') + 1 : t;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(local, map[i].name) == 0)
            r = (int)map[i].type;
    free(t);
    return r;
}

/* The declared type of a property (or parameter), or -1 when unknown. */
static int declared_type(const wsman_decode *dc, const char *name, const char **cls)
{
    MI_Uint32 i;
    *cls = NULL;
    if (dc->decl) {
        for (i = 0; i < dc->decl->numProperties; i++) {
            const MI_PropertyDecl *p = dc->decl->properties[i];
            if (p && p->name && strcasecmp(p->name, name) == 0) {
                *cls = p->className;
                return (int)p->type;
            }
        }
    }
    if (dc->method) {
        for (i = 0; i < dc->method->numParameters; i++) {
            const MI_ParameterDecl *p = dc->method->parameters[i];
            if (p && p->name && strcasecmp(p->name, name) == 0) {
                *cls = p->className;
                return (int)p->type;
            }
        }
        if (strcasecmp(name, "ReturnValue") == 0 || strcasecmp(name, "MIReturn") == 0)
            return (int)dc->method->returnType;
    }
    return -1;
}

/* The declared property's OctetString qualifier. */
static int declared_octet_string(const wsman_decode *dc, const char *name)
{
    MI_Uint32 i;
    for (i = 0; dc->decl && i < dc->decl->numProperties; i++) {
        const MI_PropertyDecl *p = dc->decl->properties[i];
        if (p && p->name && strcasecmp(p->name, name) == 0)
            return wsman_octet_string(p->qualifiers, p->numQualifiers);
    }
    for (i = 0; dc->method && i < dc->method->numParameters; i++) {
        const MI_ParameterDecl *p = dc->method->parameters[i];
        if (p && p->name && strcasecmp(p->name, name) == 0)
            return wsman_octet_string(p->qualifiers, p->numQualifiers);
    }
    return 0;
}

/* One element holding base64 for a uint8[]: xsi:type cimBase64Binary, or an OctetString
 * property whose text is not a plain number. */
static int is_base64_elem(const wsman_decode *dc, const char *name, xmlNodePtr e)
{
    char *t = attr(e, WSMAN_NS_XSI, "type");
    int yes = 0;
    if (t) {
        const char *local = strchr(t, ':') ? strchr(t, ':') + 1 : t;
        yes = strcmp(local, "cimBase64Binary") == 0 || strcmp(local, "base64Binary") == 0;
        free(t);
    }
    if (!yes && declared_octet_string(dc, name)) {
        MI_Value v;
        char *text = wsman_text(e, 1);
        yes = text && wsman_parse_scalar(text, MI_UINT8, &v) != MI_RESULT_OK;
        free(text);
    }
    return yes;
}

/* Frees the temporaries of a decoded array value. */
static void free_array(MI_Type type, MI_Value *v)
{
    MI_Uint32 i;
    if (!v->array.data)
        return;
    if (type == MI_REFERENCEA || type == MI_INSTANCEA)
        for (i = 0; i < v->array.size; i++)
            if (v->instancea.data[i])
                MI_Instance_Delete(v->instancea.data[i]);
    if (type == MI_STRINGA)
        for (i = 0; i < v->array.size; i++)
            free(v->stringa.data[i]);
    free(v->array.data);
    v->array.data = NULL;
}

static size_t type_size(MI_Type t)
{
    switch (t) {
    case MI_BOOLEAN:
    case MI_UINT8:
    case MI_SINT8:
        return 1;
    case MI_UINT16:
    case MI_SINT16:
    case MI_CHAR16:
        return 2;
    case MI_UINT32:
    case MI_SINT32:
    case MI_REAL32:
        return 4;
    case MI_UINT64:
    case MI_SINT64:
    case MI_REAL64:
        return 8;
    case MI_DATETIME:
        return sizeof(MI_Datetime);
    default:
        return sizeof(void *);
    }
}

static void store_item(MI_Type et, MI_Value *arr, MI_Uint32 k, const MI_Value *v)
{
    switch (et) {
    case MI_BOOLEAN:
        arr->booleana.data[k] = v->boolean;
        break;
    case MI_UINT8:
        arr->uint8a.data[k] = v->uint8;
        break;
    case MI_SINT8:
        arr->sint8a.data[k] = v->sint8;
        break;
    case MI_UINT16:
        arr->uint16a.data[k] = v->uint16;
        break;
    case MI_SINT16:
        arr->sint16a.data[k] = v->sint16;
        break;
    case MI_UINT32:
        arr->uint32a.data[k] = v->uint32;
        break;
    case MI_SINT32:
        arr->sint32a.data[k] = v->sint32;
        break;
    case MI_UINT64:
        arr->uint64a.data[k] = v->uint64;
        break;
    case MI_SINT64:
        arr->sint64a.data[k] = v->sint64;
        break;
    case MI_REAL32:
        arr->real32a.data[k] = v->real32;
        break;
    case MI_REAL64:
        arr->real64a.data[k] = v->real64;
        break;
    case MI_CHAR16:
        arr->char16a.data[k] = v->char16;
        break;
    case MI_DATETIME:
        arr->datetimea.data[k] = v->datetime;
        break;
    case MI_STRING:
        arr->stringa.data[k] = v->string;
        break;
    case MI_REFERENCE:
        arr->referencea.data[k] = v->reference;
        break;
    case MI_INSTANCE:
        arr->instancea.data[k] = v->instance;
        break;
    default:
        break;
    }
}

/* One value of scalar type `et` from elem. Strings are malloc'd into *v (caller frees);
 * references and instances are new instances (caller deletes). */
static MI_Result decode_value(const wsman_decode *dc, xmlNodePtr elem, MI_Type et,
                              const char *ref_class, int depth, MI_Value *v)
{
    const char *pname = (const char *)elem->name;
    MI_Result r;
    char *text;
    xmlNodePtr w;
    if (et == MI_REFERENCE) {
        r = wsman_decode_epr(dc, elem, depth + 1, &v->reference);
        return r;
    }
    if (et == MI_INSTANCE) {
        wsman_decode sub = *dc;
        char *cls = xsi_type_class(elem);
        sub.decl = NULL;
        sub.method = NULL;
        sub.strict = 0;
        r = wsman_decode_instance(&sub, elem, cls ? cls : ref_class, depth + 1, &v->instance);
        free(cls);
        return r;
    }
    w = datetime_wrapper(elem);
    text = wsman_text(w ? w : elem, 0);
    if (!text)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    if (et == MI_STRING) {
        v->string = text;
        return MI_RESULT_OK;
    }
    r = wsman_parse_scalar(text, et, v);
    if (r != MI_RESULT_OK) {
        char shown[48];
        snprintf(shown, sizeof shown, "%s", text);
        wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                     "property '%s': '%s%s' is not a valid value of its type", pname, shown,
                     strlen(text) >= sizeof shown ? "..." : "");
        free(text);
        return MI_RESULT_INVALID_PARAMETER;
    }
    free(text);
    return MI_RESULT_OK;
}

static void free_scalar(MI_Type t, MI_Value *v)
{
    if (t == MI_STRING)
        free(v->string);
    else if ((t == MI_REFERENCE || t == MI_INSTANCE) && v->instance)
        MI_Instance_Delete(v->instance);
}

/* What an untyped element holds. */
static MI_Type untyped_kind(const wsman_decode *dc, xmlNodePtr e)
{
    int t;
    if (is_epr_elem(e))
        return MI_REFERENCE;
    if (datetime_wrapper(e))
        return MI_STRING;
    if (wsman_first_elem(e))
        return MI_INSTANCE;
    if (dc->xsi_types && (t = xsi_cim_type(e)) >= 0)
        return (MI_Type)t;
    return MI_STRING;
}

static MI_Result put_element(MI_Instance *inst, int typed_decl, const char *name, const MI_Value *v,
                             MI_Type type, MI_Uint32 flags)
{
    MI_Result r;
    if (typed_decl) {
        r = MI_Instance_SetElement(inst, name, v, type, flags & MI_FLAG_NULL);
        if (r != MI_RESULT_NOT_FOUND)
            return r;
    }
    return MI_Instance_AddElement(inst, name, v, type, flags);
}

/* Decodes the elements named `name` (nodes[0..count)) into one property of inst. */
static MI_Result decode_property(const wsman_decode *dc, MI_Instance *inst, int typed_decl,
                                 const char *name, xmlNodePtr *nodes, MI_Uint32 count, int depth)
{
    const char *ref_class = NULL;
    int dt = declared_type(dc, name, &ref_class);
    MI_Type type, et;
    MI_Value v;
    MI_Result r;
    MI_Uint32 i, k;
    int is_array;

    if (dt < 0 && (dc->decl || dc->method) && dc->strict)
        return wsman_seterr(dc->err, MI_RESULT_NO_SUCH_PROPERTY,
                            "the class %s has no property '%s'",
                            dc->decl ? dc->decl->name : dc->method->name, name);
    if (dt >= 0) {
        type = (MI_Type)dt;
    } else {
        /* Untyped: the kind of the first non-nil element; several elements make an array. */
        type = MI_STRING;
        for (i = 0; i < count; i++) {
            if (!wsman_is_nil(nodes[i])) {
                type = untyped_kind(dc, nodes[i]);
                break;
            }
        }
        if (count > 1)
            type = (MI_Type)(type | MI_ARRAY);
    }
    is_array = (type & MI_ARRAY) != 0;
    et = (MI_Type)(type & ~MI_ARRAY);
    memset(&v, 0, sizeof v);

    if (!is_array) {
        if (count > 1)
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s' is not an array but came %u times", name,
                                (unsigned)count);
        if (wsman_is_nil(nodes[0]))
            return put_element(inst, typed_decl, name, NULL, type, MI_FLAG_NULL);
        if (dt < 0 && untyped_kind(dc, nodes[0]) != et)
            et = type = untyped_kind(dc, nodes[0]);
        r = decode_value(dc, nodes[0], et, ref_class, depth, &v);
        if (r != MI_RESULT_OK)
            return r;
        r = put_element(inst, typed_decl, name, &v, type, 0);
        free_scalar(et, &v);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                                wsman_result_name(r));
        return MI_RESULT_OK;
    }

    /* Arrays: one nil element is a NULL array; nil items inside are dropped. */
    if (count == 1 && wsman_is_nil(nodes[0]))
        return put_element(inst, typed_decl, name, NULL, type, MI_FLAG_NULL);
    if (type == MI_UINT8A && count == 1 && is_base64_elem(dc, name, nodes[0])) {
        char *text = wsman_text(nodes[0], 0);
        if (!text)
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        r = wsman_parse_base64(text, &v.uint8a.data, &v.uint8a.size);
        free(text);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r == MI_RESULT_FAILED ? r : MI_RESULT_INVALID_PARAMETER,
                                "property '%s': not valid base64", name);
        r = put_element(inst, typed_decl, name, &v, type, 0);
        free(v.uint8a.data);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                                wsman_result_name(r));
        return MI_RESULT_OK;
    }
    v.array.data = calloc(count, type_size(et));
    if (!v.array.data)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    for (i = 0, k = 0; i < count; i++) {
        MI_Value item;
        if (wsman_is_nil(nodes[i]))
            continue;
        if (dt < 0 && untyped_kind(dc, nodes[i]) != et) {
            v.array.size = k;
            free_array(type, &v);
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s': the array mixes values of different kinds", name);
        }
        memset(&item, 0, sizeof item);
        r = decode_value(dc, nodes[i], et, ref_class, depth, &item);
        if (r != MI_RESULT_OK) {
            v.array.size = k;
            free_array(type, &v);
            return r;
        }
        store_item(et, &v, k++, &item);
    }
    v.array.size = k;
    r = put_element(inst, typed_decl, name, &v, type, 0);
    free_array(type, &v);
    if (r != MI_RESULT_OK)
        return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                            wsman_result_name(r));
    return MI_RESULT_OK;
}

typedef struct child_ref {
    xmlNodePtr node;
    size_t pos;
} child_ref;

typedef struct group_ref {
    size_t start, count, pos;
} group_ref;

static int cmp_child(const void *a, const void *b)
{
    const child_ref *x = a, *y = b;
    int c = strcmp((const char *)x->node->name, (const char *)y->node->name);
    if (c)
        return c;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_group(const void *a, const void *b)
{
    const group_ref *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

MI_Result wsman_decode_instance(const wsman_decode *dc, xmlNodePtr elem, const char *class_name,
                                int depth, MI_Instance **out)
{
    MI_Instance *inst = NULL;
    char *xcls = NULL;
    const char *cls = class_name;
    xmlNodePtr c, *nodes = NULL;
    size_t nchildren = 0, i, j;
    MI_Result r = MI_RESULT_OK;
    wsman_decode untyped;
    int typed_decl;

    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "instances nested too deeply");
    if (!dc->codec || !dc->codec->new_instance)
        return wsman_seterr(dc->err, MI_RESULT_FAILED, "no instance factory");
    if (!cls) {
        xcls = xsi_type_class(elem);
        cls = xcls ? xcls : (const char *)elem->name;
        /* A client reading a subclass (polymorphic enumeration) keeps its real class name and
         * reads it untyped; WQL property lists (XmlFragment) stay typed by the class asked. */
        if (dc->decl && !dc->strict && dc->decl->name && strcasecmp(cls, dc->decl->name) != 0 &&
            strcmp((const char *)elem->name, "XmlFragment") != 0) {
            untyped = *dc;
            untyped.decl = NULL;
            dc = &untyped;
        }
    }
    typed_decl = dc->decl != NULL;
    r = dc->codec->new_instance(dc->codec->new_instance_ctx, dc->decl ? dc->decl->name : cls,
                                dc->decl, &inst);
    if (r != MI_RESULT_OK || !inst) {
        r = wsman_seterr(dc->err, r != MI_RESULT_OK ? r : MI_RESULT_FAILED,
                         "cannot make an instance of '%s'", cls);
        free(xcls); /* after the message: cls may point into it */
        return r;
    }
    free(xcls);
    for (c = wsman_first_elem(elem); c; c = wsman_next_elem(c))
        nchildren++;
    if (nchildren > 0) {
        /* Group the children by name (sorted: n log n whatever the input), then decode the
         * groups in the order their names first appear. */
        size_t ngroups = 0, k;
        child_ref *refs = malloc(nchildren * sizeof *refs);
        group_ref *groups = malloc(nchildren * sizeof *groups);
        nodes = malloc(nchildren * sizeof *nodes);
        if (!refs || !groups || !nodes) {
            free(refs);
            free(groups);
            free(nodes);
            MI_Instance_Delete(inst);
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        }
        for (i = 0, c = wsman_first_elem(elem); c; c = wsman_next_elem(c), i++) {
            refs[i].node = c;
            refs[i].pos = i;
        }
        qsort(refs, nchildren, sizeof *refs, cmp_child);
        for (i = 0; i < nchildren; i = j) {
            for (j = i + 1; j < nchildren && strcmp((const char *)refs[j].node->name,
                                                    (const char *)refs[i].node->name) == 0;
                 j++)
                ;
            groups[ngroups].start = i;
            groups[ngroups].count = j - i;
            groups[ngroups].pos = refs[i].pos;
            ngroups++;
        }
        if (ngroups > WSMAN_MAX_PROPERTIES) {
            r = wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                             "an instance with %zu properties is too large", ngroups);
            ngroups = 0;
        }
        qsort(groups, ngroups, sizeof *groups, cmp_group);
        for (k = 0; k < ngroups && r == MI_RESULT_OK; k++) {
            for (i = 0; i < groups[k].count; i++)
                nodes[i] = refs[groups[k].start + i].node;
            r = decode_property(dc, inst, typed_decl, (const char *)nodes[0]->name, nodes,
                                (MI_Uint32)groups[k].count, depth);
        }
        free(refs);
        free(groups);
    }
    free(nodes);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    *out = inst;
    return MI_RESULT_OK;
}

/* ResourceURI + SelectorSet under `rp` (a:ReferenceParameters) -> a reference instance. */
/* The instance an EPR names: class = text after the last '/' of its ResourceURI (OMI's rule),
 * typed by the declaration when that is the class being decoded (Create's result, EPR-mode
 * enumerations, self references). *tdecl says which. */
static MI_Result epr_new_instance(const wsman_decode *dc, const char *uri, MI_Instance **inst,
                                  const MI_ClassDecl **tdecl)
{
    const char *cls = strrchr(uri, '/') ? strrchr(uri, '/') + 1 : uri;
    MI_Result r;
    *inst = NULL;
    *tdecl = NULL;
    if (!*cls)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "an endpoint reference's ResourceURI names no class");
    if (dc->decl && dc->decl->name && strcasecmp(dc->decl->name, cls) == 0)
        *tdecl = dc->decl;
    r = dc->codec->new_instance(dc->codec->new_instance_ctx, *tdecl ? (*tdecl)->name : cls, *tdecl,
                                inst);
    if (r != MI_RESULT_OK || !*inst) {
        *inst = NULL;
        return wsman_seterr(dc->err, r ? r : MI_RESULT_FAILED, "cannot make an instance of '%s'",
                            cls);
    }
    return MI_RESULT_OK;
}

/* One string selector of an EPR (trimmed text): __cimnamespace, or a key typed by tdecl. */
static MI_Result add_key_selector(const wsman_decode *dc, MI_Instance *inst,
                                  const MI_ClassDecl *tdecl, const char *name, const char *val)
{
    MI_Value v;
    MI_Result r;
    if (strcmp(name, "__cimnamespace") == 0)
        return MI_Instance_SetNameSpace(inst, val);
    if (tdecl) {
        const char *kcls;
        wsman_decode kd = *dc;
        int kt;
        kd.decl = tdecl;
        kd.method = NULL;
        kt = declared_type(&kd, name, &kcls);
        if (kt >= 0 && kt != MI_STRING && !(kt & MI_ARRAY) && kt != MI_REFERENCE &&
            kt != MI_INSTANCE) {
            if (wsman_parse_scalar(val, (MI_Type)kt, &v) != MI_RESULT_OK) {
                wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                             "key '%s': '%.40s' is not a valid value of its type", name, val);
                return MI_RESULT_INVALID_PARAMETER;
            }
            return put_element(inst, 1, name, &v, (MI_Type)kt, MI_FLAG_KEY);
        }
    }
    v.string = (MI_Char *)val;
    r = put_element(inst, tdecl != NULL, name, &v, MI_STRING, MI_FLAG_KEY);
    return r;
}

static MI_Result decode_refparams(const wsman_decode *dc, xmlNodePtr rp, int depth,
                                  MI_Instance **out)
{
    xmlNodePtr ruri = wsman_child(rp, WSMAN_NS_WSMAN, "ResourceURI");
    xmlNodePtr set = wsman_child(rp, WSMAN_NS_WSMAN, "SelectorSet"), s;
    char *uri;
    MI_Instance *inst = NULL;
    const MI_ClassDecl *tdecl = NULL;
    MI_Result r;
    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "references nested too deeply");
    if (!dc->codec || !dc->codec->new_instance)
        return wsman_seterr(dc->err, MI_RESULT_FAILED, "no instance factory");
    if (!ruri)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "an endpoint reference has no ResourceURI");
    uri = wsman_text(ruri, 1);
    if (!uri)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    r = epr_new_instance(dc, uri, &inst, &tdecl);
    free(uri);
    if (r != MI_RESULT_OK)
        return r;
    for (s = wsman_first_elem(set); s; s = wsman_next_elem(s)) {
        char *name, *val;
        xmlNodePtr epr;
        MI_Value v;
        if (!wsman_is(s, WSMAN_NS_WSMAN, "Selector"))
            continue;
        name = attr(s, NULL, "Name");
        if (!name || !*name) {
            free(name);
            MI_Instance_Delete(inst);
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "a selector has no Name");
        }
        epr = wsman_child(s, WSMAN_NS_ADDRESSING, "EndpointReference");
        if (epr) {
            r = wsman_decode_epr(dc, epr, depth + 1, &v.reference);
            if (r == MI_RESULT_OK) {
                r = put_element(inst, tdecl != NULL, name, &v, MI_REFERENCE, MI_FLAG_KEY);
                MI_Instance_Delete(v.reference);
            }
        } else {
            val = wsman_text(s, 1);
            r = val ? add_key_selector(dc, inst, tdecl, name, val) : MI_RESULT_FAILED;
            free(val);
        }
        if (r != MI_RESULT_OK) {
            if (r != MI_RESULT_INVALID_PARAMETER || !dc->err || !dc->err->message[0])
                wsman_seterr(dc->err, r, "selector '%s' cannot be read (%s)", name,
                             wsman_result_name(r));
            free(name);
            MI_Instance_Delete(inst);
            return r;
        }
        free(name);
    }
    *out = inst;
    return MI_RESULT_OK;
}

MI_Result wsman_decode_epr(const wsman_decode *dc, xmlNodePtr elem, int depth, MI_Instance **out)
{
    xmlNodePtr rp;
    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "references nested too deeply");
    rp = wsman_child(elem, WSMAN_NS_ADDRESSING, "ReferenceParameters");
    if (!rp) {
        xmlNodePtr epr = wsman_child(elem, WSMAN_NS_ADDRESSING, "EndpointReference");
        if (epr)
            return wsman_decode_epr(dc, epr, depth + 1, out);
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "'%s' is not an endpoint reference", (const char *)elem->name);
    }
    return decode_refparams(dc, rp, depth, out);
}

/* ---- client: responses ------------------------------------------------------------------- */

void wsman_response_free(wsman_response *resp)
{
    size_t i;
    if (!resp)
        return;
    wsman_fault_free(&resp->fault);
    for (i = 0; i < resp->num_items; i++)
        if (resp->items[i])
            MI_Instance_Delete(resp->items[i]);
    free(resp->items);
    free(resp->message_id);
    free(resp->relates_to);
    free(resp->context);
    free(resp->protocol_version);
    free(resp->product_vendor);
    free(resp->product_version);
    memset(resp, 0, sizeof *resp);
}

static MI_Result add_item(wsman_response *resp, MI_Instance *inst)
{
    size_t n = resp->num_items;
    if ((n & (n - 1)) == 0) { /* capacity doubles at powers of two: linear time overall */
        MI_Instance **p = realloc(resp->items, (n ? n * 2 : 1) * sizeof *p);
        if (!p) {
            MI_Instance_Delete(inst);
            return MI_RESULT_FAILED;
        }
        resp->items = p;
    }
    resp->items[resp->num_items++] = inst;
    return MI_RESULT_OK;
}

static MI_Result fail(const wsman_codec *codec, wsman_response *resp, MI_Result r,
                      MI_Uint32 category, int http_status, const char *fmt, ...) WSMAN_PRINTF(6, 7);

static MI_Result fail(const wsman_codec *codec, wsman_response *resp, MI_Result r,
                      MI_Uint32 category, int http_status, const char *fmt, ...)
{
    char msg[WSMAN_ERROR_SIZE];
    va_list ap;
    size_t i;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (i = 0; i < resp->num_items; i++)
        MI_Instance_Delete(resp->items[i]);
    resp->num_items = 0;
    wsman_fault_synthesize(codec, &resp->fault, r, msg, category, http_status);
    resp->result = r;
    return r;
}

static MI_Result read_items(const wsman_decode *dc, xmlNodePtr items, wsman_response *resp)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(items); c; c = wsman_next_elem(c)) {
        MI_Instance *inst = NULL;
        MI_Result r;
        if (wsman_is(c, WSMAN_NS_WSMAN, "Item")) {
            /* EnumerateObjectAndEPR: the instance, else the EPR. */
            xmlNodePtr obj = wsman_first_elem(c), epr = NULL;
            for (; obj; obj = wsman_next_elem(obj)) {
                if (!wsman_is(obj, WSMAN_NS_ADDRESSING, "EndpointReference"))
                    break;
                epr = obj;
            }
            if (obj)
                r = wsman_decode_instance(dc, obj, NULL, 1, &inst);
            else if (epr)
                r = wsman_decode_epr(dc, epr, 1, &inst);
            else
                continue;
        } else if (wsman_is(c, WSMAN_NS_ADDRESSING, "EndpointReference")) {
            r = wsman_decode_epr(dc, c, 1, &inst);
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "XmlFragment")) {
            r = wsman_decode_instance(dc, c, dc->decl ? NULL : "XmlFragment", 1, &inst);
        } else {
            r = wsman_decode_instance(dc, c, NULL, 1, &inst);
        }
        if (r != MI_RESULT_OK)
            return r;
        if (add_item(resp, inst) != MI_RESULT_OK)
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    return MI_RESULT_OK;
}

static int is_enum_or_wsman(const xmlNode *n, const char *local)
{
    return wsman_is(n, WSMAN_NS_ENUMERATION, local) || wsman_is(n, WSMAN_NS_WSMAN, local);
}

/* ---- the common case without a tree: a plain CreateResponse --------------------------------
 *
 * Most responses to Create are Envelope/Header(MessageID, RelatesTo)/Body/ResourceCreated with
 * an EPR of string selectors. Reading that with SAX events instead of a libxml2 tree halves the
 * cost of the read. Anything else (a fault, a representation after ResourceCreated, a nested
 * EPR, a DOCTYPE, an entity, another encoding, a parse error) is declined and read by the tree
 * path, which is the reference: tests/test_wire_ref checks both give the same result. */

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
    return uri && strcmp((const char *)uri, ns) == 0 && strcmp((const char *)local, name) == 0;
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
    wsman_buf_reset(&st->text);
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
        wsb_putn(&st->text, (const char *)ch, (size_t)len);
}

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
    wsman_buf_free(&st->text);
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

int wsman_read_create_fast(const wsman_codec *codec, const char *content_type, const char *body,
                           size_t len, const wsman_read_options *opts, wsman_response *resp)
{
    xmlSAXHandler h;
    fast_state st;
    wsman_quiet q;
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
    content_charset(content_type, cs, sizeof cs);
    if (cs[0] && strcmp(cs, "UTF-8") != 0 && strcmp(cs, "UTF8") != 0)
        return 0;
    declared_encoding(body, len, cs, sizeof cs);
    if (cs[0] && !name_is(cs, utf8_names))
        return 0;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = fast_start;
    h.endElementNs = fast_end;
    h.characters = fast_chars;
    h.cdataBlock = fast_chars;
    h.internalSubset = fast_refuse_dtd;
    h.externalSubset = fast_refuse_dtd;
    h.getEntity = fast_entity;
    memset(&st, 0, sizeof st);
    wsman_buf_init(&st.text);
    wsman_quiet_begin(&q);
    st.ctxt = fast_parser(opts ? opts->parser : NULL, &h, &st);
    if (!st.ctxt) {
        wsman_quiet_end(&q);
        wsman_buf_free(&st.text);
        return 0;
    }
    xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                   XML_PARSE_IGNORE_ENC);
    xmlParseChunk(st.ctxt, body, (int)len, 1);
    /* (Out of memory anywhere, libxml2's included: the tree reading says so.) */
    ok = !st.decline && st.ctxt->wellFormed && st.ctxt->nsWellFormed && st.rp_seen == 1 && st.uri &&
         st.in_env && !q.nomem && st.ctxt->errNo != XML_ERR_NO_MEMORY && !st.text.failed;
    for (i = 0; ok && i < st.nsel; i++)
        ok = st.values[i] != NULL;
    if (ok && opts && opts->parser && !opts->parser->ctxt)
        opts->parser->ctxt = st.ctxt; /* kept for the next read */
    else
        xmlFreeParserCtxt(st.ctxt);
    wsman_quiet_end(&q);
    if (!ok) {
        fast_free(&st);
        return 0;
    }
    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.err = &err;
    if (opts && !opts->no_rtti)
        dc.decl = opts->decl;
    if (epr_new_instance(&dc, st.uri, &inst, &tdecl) != MI_RESULT_OK) {
        fast_free(&st);
        return 0;
    }
    for (i = 0; i < st.nsel; i++) {
        if (!*st.names[i] ||
            add_key_selector(&dc, inst, tdecl, st.names[i], st.values[i]) != MI_RESULT_OK) {
            MI_Instance_Delete(inst);
            fast_free(&st);
            return 0;
        }
    }
    memset(resp, 0, sizeof *resp);
    if (add_item(resp, inst) != MI_RESULT_OK) {
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

MI_Result wsman_read_response(const wsman_codec *codec, wsman_action action, int http_status,
                              const char *content_type, const char *body, size_t len,
                              const wsman_read_options *opts, wsman_response *resp)
{
    memset(resp, 0, sizeof *resp);
    if (action == WSMAN_ACTION_CREATE && http_status == 200 && body &&
        wsman_read_create_fast(codec, content_type, body, len, opts, resp))
        return MI_RESULT_OK;
    return wsman_read_response_tree(codec, action, http_status, content_type, body, len, opts,
                                    resp);
}

static MI_Result read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_read_options *opts, wsman_response *resp);

MI_Result wsman_read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                   const char *content_type, const char *body, size_t len,
                                   const wsman_read_options *opts, wsman_response *resp)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = read_response_tree(codec, action, http_status, content_type, body, len, opts, resp);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED) {
        /* libxml2 ran out of memory (a value it could not copy reads as absent): the
         * response is not read. */
        wsman_response_free(resp);
        r = fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE, http_status,
                 "out of memory reading the response");
    }
    return r;
}

static MI_Result read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_read_options *opts, wsman_response *resp)
{
    wsman_error err = {MI_RESULT_OK, ""};
    wsman_decode dc;
    xmlDocPtr doc;
    xmlNodePtr env, header, bodyn, fault, n;
    MI_Result r = MI_RESULT_OK;
    size_t max = codec && codec->max_message ? codec->max_message : WSMAN_DEFAULT_MAX_MESSAGE;

    memset(resp, 0, sizeof *resp);
    if (!body)
        len = 0;
    if (http_status == 401 || http_status == 403)
        return fail(codec, resp, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_ACCESS_DENIED,
                    http_status, "Access is denied (HTTP %d): the server refused the credentials",
                    http_status);
    if (http_status == 301 || http_status == 302 || http_status == 303 || http_status == 307 ||
        http_status == 308)
        return fail(codec, resp, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                    http_status, "the server redirected the request (HTTP %d)", http_status);
    if (len == 0) {
        if (http_status == 413)
            return fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                        MI_ERRORCATEGORY_LIMITS_EXCEEDED, http_status,
                        "the request is larger than the server accepts (HTTP 413)");
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the server answered HTTP %d with an empty body", http_status);
    }
    doc = wsman_xml_parse(body, len, content_type, max, &err);
    if (!doc)
        return fail(codec, resp, err.result,
                    err.result == MI_RESULT_SERVER_LIMITS_EXCEEDED
                        ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                        : MI_ERRORCATEGORY_PROTOCOL_ERROR,
                    http_status, "unreadable response (HTTP %d): %s", http_status, err.message);
    env = xmlDocGetRootElement(doc);
    if (!wsman_is(env, WSMAN_NS_SOAP, "Envelope")) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the response (HTTP %d) is not a SOAP 1.2 envelope", http_status);
    }
    header = wsman_child(env, WSMAN_NS_SOAP, "Header");
    bodyn = wsman_child(env, WSMAN_NS_SOAP, "Body");
    if (((n = wsman_child(header, WSMAN_NS_ADDRESSING, "MessageID")) &&
         !(resp->message_id = wsman_text(n, 1))) ||
        ((n = wsman_child(header, WSMAN_NS_ADDRESSING, "RelatesTo")) &&
         !(resp->relates_to = wsman_text(n, 1)))) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                    MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE, http_status, "out of memory");
    }
    if (!bodyn) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the response (HTTP %d) has no SOAP Body", http_status);
    }
    fault = wsman_child(bodyn, WSMAN_NS_SOAP, "Fault");
    if (fault) {
        r = wsman_read_fault(codec, fault, action, http_status, &resp->fault);
        resp->result = r;
        xmlFreeDoc(doc);
        return r;
    }
    if (http_status != 200) {
        xmlFreeDoc(doc);
        return fail(codec, resp,
                    http_status == 413 ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_FAILED,
                    MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the server answered HTTP %d without a SOAP fault", http_status);
    }

    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.err = &err;
    if (opts && !opts->no_rtti) {
        dc.decl = opts->decl;
        dc.method = opts->method;
    }
    switch (action) {
    case WSMAN_ACTION_IDENTIFY:
        n = wsman_first_elem(bodyn);
        if (!n || strcmp((const char *)n->name, "IdentifyResponse") != 0) {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no IdentifyResponse in the response");
            break;
        }
        {
            xmlNodePtr c;
            for (c = wsman_first_elem(n); c; c = wsman_next_elem(c)) {
                char **slot = NULL;
                if (wsman_is(c, WSMAN_NS_IDENTITY, "ProtocolVersion"))
                    slot = &resp->protocol_version;
                else if (wsman_is(c, WSMAN_NS_IDENTITY, "ProductVendor"))
                    slot = &resp->product_vendor;
                else if (wsman_is(c, WSMAN_NS_IDENTITY, "ProductVersion"))
                    slot = &resp->product_version;
                if (slot && !*slot && !(*slot = wsman_text(c, 1)))
                    r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            }
        }
        break;
    case WSMAN_ACTION_GET:
    case WSMAN_ACTION_PUT:
    case WSMAN_ACTION_INVOKE:
        n = wsman_first_elem(bodyn);
        if (!n) {
            if (action == WSMAN_ACTION_PUT)
                break;
            r = wsman_seterr(&err, MI_RESULT_FAILED, "the response carries no instance");
            break;
        }
        {
            MI_Instance *inst = NULL;
            if (action == WSMAN_ACTION_INVOKE)
                dc.decl = NULL;
            r = wsman_decode_instance(&dc, n, NULL, 0, &inst);
            if (r == MI_RESULT_OK && add_item(resp, inst) != MI_RESULT_OK)
                r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        }
        break;
    case WSMAN_ACTION_CREATE: {
        xmlNodePtr rc = wsman_child(bodyn, WSMAN_NS_TRANSFER, "ResourceCreated");
        xmlNodePtr full = NULL, c;
        MI_Instance *inst = NULL;
        for (c = wsman_first_elem(bodyn); c; c = wsman_next_elem(c))
            if (c != rc) {
                full = c;
                break;
            }
        if (full) {
            r = wsman_decode_instance(&dc, full, NULL, 0, &inst);
        } else if (rc) {
            r = wsman_decode_epr(&dc, rc, 0, &inst);
        } else {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no ResourceCreated in the response");
            break;
        }
        if (r == MI_RESULT_OK && add_item(resp, inst) != MI_RESULT_OK)
            r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        break;
    }
    case WSMAN_ACTION_DELETE:
    case WSMAN_ACTION_RELEASE:
        break;
    case WSMAN_ACTION_ENUMERATE:
    case WSMAN_ACTION_PULL: {
        const char *want = action == WSMAN_ACTION_ENUMERATE ? "EnumerateResponse" : "PullResponse";
        xmlNodePtr er = wsman_child(bodyn, WSMAN_NS_ENUMERATION, want), c;
        if (!er) {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no %s in the response", want);
            break;
        }
        for (c = wsman_first_elem(er); c && r == MI_RESULT_OK; c = wsman_next_elem(c)) {
            if (wsman_is(c, WSMAN_NS_ENUMERATION, "EnumerationContext")) {
                free(resp->context);
                if (!(resp->context = wsman_text(c, 1)))
                    r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            } else if (is_enum_or_wsman(c, "Items")) {
                r = read_items(&dc, c, resp);
            } else if (is_enum_or_wsman(c, "EndOfSequence")) {
                resp->end_of_sequence = MI_TRUE;
            }
        }
        if (resp->context && !*resp->context) {
            free(resp->context);
            resp->context = NULL;
        }
        break;
    }
    default:
        r = wsman_seterr(&err, MI_RESULT_INVALID_PARAMETER, "unknown operation");
        break;
    }
    xmlFreeDoc(doc);
    if (r != MI_RESULT_OK)
        return fail(codec, resp, r == MI_RESULT_INVALID_PARAMETER ? MI_RESULT_FAILED : r,
                    r == MI_RESULT_SERVER_LIMITS_EXCEEDED ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                                                          : MI_ERRORCATEGORY_INVALID_RESULT,
                    http_status, "%s", err.message);
    resp->result = MI_RESULT_OK;
    return MI_RESULT_OK;
}

/* ---- server: requests -------------------------------------------------------------------- */

void wsman_message_free(wsman_message *msg)
{
    size_t i;
    if (!msg)
        return;
    for (i = 0; i < msg->num_selectors; i++) {
        free(msg->selectors[i].name);
        free(msg->selectors[i].value);
        if (msg->selectors[i].ref)
            MI_Instance_Delete(msg->selectors[i].ref);
    }
    free(msg->selectors);
    for (i = 0; i < msg->num_options; i++) {
        free(msg->options[i].name);
        free(msg->options[i].type);
        free(msg->options[i].value);
    }
    free(msg->options);
    free(msg->action_uri);
    free(msg->to);
    free(msg->resource_uri);
    free(msg->class_name);
    free(msg->method_name);
    free(msg->name_space);
    free(msg->message_id);
    free(msg->reply_to);
    free(msg->locale);
    free(msg->data_locale);
    free(msg->filter_dialect);
    free(msg->filter);
    free(msg->context);
    free(msg->body_name);
    if (msg->doc_)
        xmlFreeDoc((xmlDocPtr)msg->doc_);
    memset(msg, 0, sizeof *msg);
}

static MI_Result req_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *detail, const char *fmt, ...) WSMAN_PRINTF(6, 7);

static MI_Result req_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *detail, const char *fmt, ...)
{
    if (f) {
        va_list ap;
        memset(f, 0, sizeof *f);
        f->result = r;
        f->code = code;
        f->subcode = subcode;
        f->fault_detail = detail;
        va_start(ap, fmt);
        vsnprintf(f->message, sizeof f->message, fmt, ap);
        va_end(ap);
    }
    return r;
}

#define FD_PREFIX "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/"

static int header_must_understand(xmlNodePtr h)
{
    return attr_true(h, WSMAN_NS_SOAP, "mustUnderstand");
}

/* The usec of an xs:duration OperationTimeout; -1 when invalid or negative. */
static long long parse_timeout(const char *text)
{
    MI_Datetime dt;
    unsigned long long us;
    if (!text || text[0] != 'P' || wsman_parse_datetime(text, &dt) != MI_RESULT_OK ||
        dt.isTimestamp)
        return -1;
    us = ((((unsigned long long)dt.u.interval.days * 24 + dt.u.interval.hours) * 60 +
           dt.u.interval.minutes) *
              60 +
          dt.u.interval.seconds) *
             1000000ull +
         dt.u.interval.microseconds;
    return us > 0x7FFFFFFFFFFFFFFFull ? -1 : (long long)us;
}

static wsman_action action_of(const char *uri, int *unsupported)
{
    static const struct {
        const char *uri;
        wsman_action a;
    } map[] = {
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", WSMAN_ACTION_GET},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Put", WSMAN_ACTION_PUT},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", WSMAN_ACTION_CREATE},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", WSMAN_ACTION_DELETE},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", WSMAN_ACTION_ENUMERATE},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", WSMAN_ACTION_PULL},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release", WSMAN_ACTION_RELEASE},
        {"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity/Identify",
         WSMAN_ACTION_IDENTIFY},
    };
    size_t i;
    *unsupported = 0;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(uri, map[i].uri) == 0)
            return map[i].a;
    if (strncmp(uri, "http://schemas.xmlsoap.org/ws/2004/", 35) == 0 ||
        strncmp(uri, "http://schemas.dmtf.org/wbem/wsman/1/wsman/", 43) == 0 || !strchr(uri, '/')) {
        *unsupported = 1;
        return WSMAN_ACTION_UNKNOWN;
    }
    return WSMAN_ACTION_INVOKE;
}

static MI_Result add_selector(const wsman_codec *codec, wsman_message *msg, xmlNodePtr s,
                              wsman_fault_desc *fault)
{
    wsman_error err = {MI_RESULT_OK, ""};
    wsman_selector *sel, *p;
    xmlNodePtr epr;
    char *name = attr(s, NULL, "Name");
    if (!name || !*name) {
        free(name);
        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender", "wsman:InvalidSelectors",
                         FD_PREFIX "InsufficientSelectors", "a selector has no Name");
    }
    if (strcmp(name, "__cimnamespace") == 0) {
        free(name);
        free(msg->name_space);
        msg->name_space = wsman_text(s, 1);
        return MI_RESULT_OK;
    }
    if (msg->num_selectors >= 256) {
        free(name);
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "SelectorLimit", "too many selectors");
    }
    p = realloc(msg->selectors, (msg->num_selectors + 1) * sizeof *p);
    if (!p) {
        free(name);
        return req_fault(fault, MI_RESULT_FAILED, "Receiver", "wsman:InternalError", NULL,
                         "out of memory");
    }
    msg->selectors = p;
    sel = &p[msg->num_selectors];
    memset(sel, 0, sizeof *sel);
    sel->name = name;
    msg->num_selectors++;
    epr = wsman_child(s, WSMAN_NS_ADDRESSING, "EndpointReference");
    if (epr) {
        wsman_decode dc;
        MI_Result r;
        memset(&dc, 0, sizeof dc);
        dc.codec = codec;
        dc.err = &err;
        r = wsman_decode_epr(&dc, epr, 1, &sel->ref);
        if (r != MI_RESULT_OK)
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender", "wsman:InvalidSelectors",
                             FD_PREFIX "InvalidValue", "selector '%s': %s", name, err.message);
    } else {
        sel->value = wsman_text(s, 1);
    }
    return MI_RESULT_OK;
}

static MI_Result add_option(wsman_message *msg, xmlNodePtr o)
{
    wsman_option_text *p;
    if (msg->num_options >= 256)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    p = realloc(msg->options, (msg->num_options + 1) * sizeof *p);
    if (!p)
        return MI_RESULT_FAILED;
    msg->options = p;
    p = &p[msg->num_options++];
    p->name = attr(o, NULL, "Name");
    p->type = attr(o, NULL, "Type");
    p->value = wsman_text(o, 0);
    return MI_RESULT_OK;
}

static MI_Result read_header(const wsman_codec *codec, xmlNodePtr header, wsman_message *msg,
                             wsman_fault_desc *fault)
{
    xmlNodePtr h, c;
    MI_Result r;
    for (h = wsman_first_elem(header); h; h = wsman_next_elem(h)) {
        const char *ns = h->ns && h->ns->href ? (const char *)h->ns->href : "";
        const char *nm = (const char *)h->name;
        char *text;
        if (strcmp(ns, WSMAN_NS_ADDRESSING) == 0) {
            if (strcmp(nm, "To") == 0) {
                free(msg->to);
                msg->to = wsman_text(h, 1);
            } else if (strcmp(nm, "Action") == 0) {
                free(msg->action_uri);
                msg->action_uri = wsman_text(h, 1);
            } else if (strcmp(nm, "MessageID") == 0) {
                free(msg->message_id);
                msg->message_id = wsman_text(h, 1);
            } else if (strcmp(nm, "ReplyTo") == 0) {
                free(msg->reply_to);
                c = wsman_child(h, WSMAN_NS_ADDRESSING, "Address");
                msg->reply_to = c ? wsman_text(c, 1) : NULL;
            } else if (strcmp(nm, "FaultTo") != 0 && strcmp(nm, "RelatesTo") != 0 &&
                       header_must_understand(h)) {
                goto not_understood;
            }
        } else if (strcmp(ns, WSMAN_NS_WSMAN) == 0) {
            if (strcmp(nm, "ResourceURI") == 0) {
                free(msg->resource_uri);
                msg->resource_uri = wsman_text(h, 1);
            } else if (strcmp(nm, "SelectorSet") == 0) {
                for (c = wsman_first_elem(h); c; c = wsman_next_elem(c)) {
                    if (!wsman_is(c, WSMAN_NS_WSMAN, "Selector"))
                        continue;
                    r = add_selector(codec, msg, c, fault);
                    if (r != MI_RESULT_OK)
                        return r;
                }
            } else if (strcmp(nm, "OptionSet") == 0) {
                for (c = wsman_first_elem(h); c; c = wsman_next_elem(c)) {
                    if (!wsman_is(c, WSMAN_NS_WSMAN, "Option"))
                        continue;
                    if (add_option(msg, c) != MI_RESULT_OK)
                        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender",
                                         "wsman:EncodingLimit", FD_PREFIX "OptionLimit",
                                         "too many options");
                }
            } else if (strcmp(nm, "MaxEnvelopeSize") == 0) {
                MI_Value v;
                text = wsman_text(h, 1);
                if (!text || wsman_parse_scalar(text, MI_UINT32, &v) != MI_RESULT_OK) {
                    free(text);
                    return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                     "wsa:InvalidMessageInformationHeader", NULL,
                                     "MaxEnvelopeSize is not a number");
                }
                free(text);
                if (v.uint32 < WSMAN_MIN_ENVELOPE_SIZE)
                    return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender",
                                     "wsman:EncodingLimit", FD_PREFIX "MinimumEnvelopeLimit",
                                     "MaxEnvelopeSize %lu is below the minimum of %u",
                                     (unsigned long)v.uint32, WSMAN_MIN_ENVELOPE_SIZE);
                msg->max_envelope_size = v.uint32;
            } else if (strcmp(nm, "OperationTimeout") == 0) {
                long long us;
                text = wsman_text(h, 1);
                us = parse_timeout(text);
                free(text);
                if (us <= 0)
                    return req_fault(fault, MI_RESULT_INVALID_OPERATION_TIMEOUT, "Sender",
                                     "wsa:InvalidMessageInformationHeader", NULL,
                                     "OperationTimeout is not a positive xs:duration");
                msg->timeout_usec = (MI_Uint64)us;
            } else if (strcmp(nm, "Locale") == 0) {
                free(msg->locale);
                msg->locale = attr(h, "http://www.w3.org/XML/1998/namespace", "lang");
            } else if (header_must_understand(h)) {
                goto not_understood;
            }
        } else if (strcmp(ns, WSMAN_NS_MSWSMAN) == 0) {
            if (strcmp(nm, "DataLocale") == 0) {
                free(msg->data_locale);
                msg->data_locale = attr(h, "http://www.w3.org/XML/1998/namespace", "lang");
            } else if (strcmp(nm, "SessionId") != 0 && strcmp(nm, "OperationID") != 0 &&
                       strcmp(nm, "SequenceId") != 0 && header_must_understand(h)) {
                goto not_understood;
            }
        } else if (header_must_understand(h)) {
            goto not_understood;
        }
        continue;
    not_understood:
        r = req_fault(fault, MI_RESULT_NOT_SUPPORTED, "MustUnderstand", NULL, NULL,
                      "Header not understood: %s", nm);
        if (fault)
            fault->not_understood = (const char *)h->name;
        return r;
    }
    return MI_RESULT_OK;
}

static MI_Result read_enum_body(xmlNodePtr op, wsman_message *msg, wsman_fault_desc *fault)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(op); c; c = wsman_next_elem(c)) {
        char *text;
        if (wsman_is(c, WSMAN_NS_WSMAN, "OptimizeEnumeration")) {
            msg->optimize = MI_TRUE;
        } else if (is_enum_or_wsman(c, "MaxElements")) {
            MI_Value v;
            text = wsman_text(c, 1);
            if (!text || wsman_parse_scalar(text, MI_UINT32, &v) != MI_RESULT_OK || v.uint32 == 0) {
                free(text);
                return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                 "wsman:InvalidParameter", FD_PREFIX "InvalidValue",
                                 "MaxElements is not a positive number");
            }
            free(text);
            msg->max_elements = v.uint32;
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "EnumerationMode")) {
            text = wsman_text(c, 1);
            msg->epr_mode = text && (strcmp(text, "EnumerateEPR") == 0 ||
                                     strcmp(text, "EnumerateObjectAndEPR") == 0);
            free(text);
        } else if (is_enum_or_wsman(c, "Filter")) {
            free(msg->filter_dialect);
            free(msg->filter);
            msg->filter_dialect = attr(c, NULL, "Dialect");
            msg->filter = wsman_text(c, 1);
        } else if (wsman_is(c, WSMAN_NS_ENUMERATION, "EnumerationContext")) {
            free(msg->context);
            msg->context = wsman_text(c, 1);
        }
    }
    return MI_RESULT_OK;
}

/* The mime type (before ';'), lower-cased, is one a SOAP 1.2 server takes? */
static int content_type_ok(const char *ct)
{
    char mime[64];
    size_t n = 0;
    while (*ct == ' ')
        ct++;
    while (ct[n] && ct[n] != ';' && ct[n] != ' ' && n + 1 < sizeof mime) {
        mime[n] = (char)tolower((unsigned char)ct[n]);
        n++;
    }
    mime[n] = '\0';
    return strcmp(mime, "application/soap+xml") == 0 || strcmp(mime, "text/xml") == 0;
}

static MI_Result read_request(const wsman_codec *codec, const char *content_type, const char *data,
                              size_t len, wsman_message *msg, wsman_fault_desc *fault);

MI_Result wsman_read_request(const wsman_codec *codec, const char *content_type, const char *data,
                             size_t len, wsman_message *msg, wsman_fault_desc *fault)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = read_request(codec, content_type, data, len, msg, fault);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED)
        r = req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Receiver", "wsman:InternalError",
                      NULL, "out of memory reading the request");
    return r;
}

static MI_Result read_request(const wsman_codec *codec, const char *content_type, const char *data,
                              size_t len, wsman_message *msg, wsman_fault_desc *fault)
{
    wsman_error err = {MI_RESULT_OK, ""};
    xmlDocPtr doc;
    xmlNodePtr env, header, body, first;
    size_t max = codec && codec->max_message ? codec->max_message : WSMAN_DEFAULT_MAX_MESSAGE;
    char cs[32];
    MI_Result r;
    int unsupported = 0;
    const char *slash;

    memset(msg, 0, sizeof *msg);
    if (fault)
        memset(fault, 0, sizeof *fault);
    if (content_type) {
        if (!content_type_ok(content_type))
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                             FD_PREFIX "EncodingType",
                             "the Content-Type must be application/soap+xml");
        content_charset(content_type, cs, sizeof cs);
        if (cs[0] && strcmp(cs, "UTF-8") != 0 && strcmp(cs, "UTF8") != 0)
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                             FD_PREFIX "CharacterSet", "only UTF-8 is supported");
    }
    if (len > max)
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "ServiceEnvelopeLimit",
                         "the request is larger than the limit of %zu bytes", max);
    doc = wsman_xml_parse(data, len, "application/soap+xml;charset=UTF-8", max, &err);
    if (!doc && err.result == MI_RESULT_NOT_SUPPORTED)
        return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "CharacterSet", "%s", err.message);
    if (!doc && err.result == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Receiver", "wsman:InternalError",
                         NULL, "%s", err.message);
    if (!doc)
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "%s", err.message);
    msg->doc_ = doc;
    env = xmlDocGetRootElement(doc);
    if (!wsman_is(env, WSMAN_NS_SOAP, "Envelope"))
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "the request is not a SOAP 1.2 envelope");
    header = wsman_child(env, WSMAN_NS_SOAP, "Header");
    body = wsman_child(env, WSMAN_NS_SOAP, "Body");
    if (!body)
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "the request has no SOAP Body");
    r = read_header(codec, header, msg, fault);
    if (r != MI_RESULT_OK)
        return r;
    first = wsman_first_elem(body);
    if (!msg->action_uri || !*msg->action_uri) {
        if (first && wsman_is(first, WSMAN_NS_IDENTITY, "Identify")) {
            msg->action = WSMAN_ACTION_IDENTIFY;
            return MI_RESULT_OK;
        }
        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                         "wsa:MessageInformationHeaderRequired", NULL,
                         "the request has no a:Action header");
    }
    msg->action = action_of(msg->action_uri, &unsupported);
    if (unsupported)
        return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsa:ActionNotSupported",
                         FD_PREFIX "ActionMismatch", "the action '%.150s' is not supported",
                         msg->action_uri);
    if (msg->resource_uri) {
        slash = strrchr(msg->resource_uri, '/');
        msg->class_name = strdup(slash ? slash + 1 : msg->resource_uri);
    }
    if (msg->action == WSMAN_ACTION_INVOKE) {
        slash = strrchr(msg->action_uri, '/');
        msg->method_name = strdup(slash + 1);
        if (!msg->method_name || !*msg->method_name)
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsa:ActionNotSupported",
                             FD_PREFIX "ActionMismatch", "the action names no method");
    }
    switch (msg->action) {
    case WSMAN_ACTION_ENUMERATE:
    case WSMAN_ACTION_PULL:
    case WSMAN_ACTION_RELEASE: {
        const char *want = msg->action == WSMAN_ACTION_ENUMERATE ? "Enumerate"
                           : msg->action == WSMAN_ACTION_PULL    ? "Pull"
                                                                 : "Release";
        if (!first || !wsman_is(first, WSMAN_NS_ENUMERATION, want))
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                             "wsman:SchemaValidationError", NULL, "the body has no n:%s", want);
        r = read_enum_body(first, msg, fault);
        if (r != MI_RESULT_OK)
            return r;
        if (msg->action != WSMAN_ACTION_ENUMERATE && (!msg->context || !*msg->context))
            return req_fault(fault, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "Receiver",
                             "wsen:InvalidEnumerationContext", NULL,
                             "the request has no EnumerationContext");
        break;
    }
    case WSMAN_ACTION_CREATE:
    case WSMAN_ACTION_PUT:
    case WSMAN_ACTION_INVOKE:
        if (!first) {
            if (msg->action == WSMAN_ACTION_INVOKE)
                break;
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                             "wsman:SchemaValidationError", NULL, "the body has no instance");
        }
        msg->body_ = first;
        msg->body_name = strdup((const char *)first->name);
        break;
    default:
        break;
    }
    return MI_RESULT_OK;
}

static MI_Result message_instance(const wsman_codec *codec, const wsman_message *msg,
                                  const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                  MI_Instance **out, wsman_error *err);

MI_Result wsman_message_instance(const wsman_codec *codec, const wsman_message *msg,
                                 const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                 MI_Instance **out, wsman_error *err)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = message_instance(codec, msg, decl, method, out, err);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED) {
        if (*out)
            MI_Instance_Delete(*out);
        *out = NULL;
        r = wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    return r;
}

static MI_Result message_instance(const wsman_codec *codec, const wsman_message *msg,
                                  const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                  MI_Instance **out, wsman_error *err)
{
    wsman_decode dc;
    *out = NULL;
    if (!msg->body_) {
        if (msg->action == WSMAN_ACTION_INVOKE && codec && codec->new_instance) {
            MI_Result r = codec->new_instance(codec->new_instance_ctx, "__Parameters", NULL, out);
            return r == MI_RESULT_OK ? r : wsman_seterr(err, r, "cannot make an instance");
        }
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "the request has no instance");
    }
    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.decl = decl;
    dc.method = decl ? NULL : method;
    dc.strict = 1;
    dc.err = err;
    return wsman_decode_instance(
        &dc, (xmlNodePtr)msg->body_,
        msg->action == WSMAN_ACTION_INVOKE && method ? "__Parameters" : NULL, 0, out);
}
