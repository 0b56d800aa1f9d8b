/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_int.h: internals shared by the codec's files (runtime/wsman/wsman_*.c). Not
 * for the runtime or the server: they use wsman.h. */
#ifndef MOFBIND_WSMAN_INT_H
#define MOFBIND_WSMAN_INT_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "wsman.h"

#if defined(__GNUC__)
#define WSMAN_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WSMAN_PRINTF(a, b)
#endif

/* XML escaping (wsman_buf.c): wsb_escape returns -1 for text XML 1.0 cannot carry (control
 * characters, invalid UTF-8); attr escapes for an attribute value. */
int wsb_escape(wsman_buf *b, const char *s, int attr);
int wsman_text_is_xml_safe(const char *s);
/* Whether the eight bytes at p are all printable ASCII (0x20 to 0x7F), eight at a time: a byte
 * under 0x20 borrows into its high bit when 0x20 is taken from it, one from 0x80 up has it set
 * (a borrow into the next byte only makes the answer no, never yes wrongly). */
static inline int wsman_printable8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return ((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) == 0;
}
/* Whether none of the eight bytes at p is '&', '<', '>' or '"' (those wsb_escape replaces in
 * printable text): a byte equal to c is a zero byte of w ^ c..c, which the classic test finds
 * (it never misses one; it may see one that is not there, only making the answer no). */
static inline int wsman_no_markup8(const unsigned char *p)
{
    static const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t w, a, l, g, q;
    memcpy(&w, p, 8);
    a = w ^ (ones * '&');
    l = w ^ (ones * '<');
    g = w ^ (ones * '>');
    q = w ^ (ones * '"');
    return ((((a - ones) & ~a) | ((l - ones) & ~l) | ((g - ones) & ~g) | ((q - ones) & ~q)) &
            highs) == 0;
}
/* Length of a valid UTF-8 sequence at s (of at most n bytes) that XML 1.0 may carry, or 0;
 * *cp gets its code point (wsman_buf.c). */
size_t wsman_utf8_char(const unsigned char *s, size_t n, unsigned *cp);

/* Copies the whitespace-trimmed text into buf; -1 when too long or empty (wsman_scalar.c). */
int wsman_trimmed(const char *s, char *buf, size_t size);

/* OctetString (wsman_base64.c): is the qualifier list's OctetString set; base64 both ways
 * (wsman_parse_base64 mallocs *out). */
int wsman_octet_string(const MI_Qualifier *const *quals, MI_Uint32 n);
void wsman_put_base64(wsman_buf *b, const MI_Uint8 *data, MI_Uint32 size);
MI_Result wsman_parse_base64(const char *text, MI_Uint8 **out, MI_Uint32 *size);

MI_Result wsman_seterr(wsman_error *err, MI_Result r, const char *fmt, ...) WSMAN_PRINTF(3, 4);

/* Prefixes of the addressing and wsman namespaces in the envelope being written. */
typedef struct wsman_pfx {
    const char *a; /* addressing */
    const char *w; /* wsman */
} wsman_pfx;

/* Instance encoding (wsman_write.c). elem: the element's QName ("p:Contoso_Widget"); the
 * instance's own namespace is declared on it as prefix `p` + URI prefix + class. */
MI_Result wsman_put_instance(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                             const char *elem_local, const char *uri_prefix, const char *class_uri,
                             int skip_null, int in_params_only, wsman_error *err);
extern const char wsman_head_all_ns[];
void wsman_put_server_head(wsman_buf *b, const char *action, const char *relates_to,
                           const char *not_understood, const char *decls);
/* The EPR content (a:Address + a:ReferenceParameters) of an instance's keys. */
MI_Result wsman_put_epr(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                        const char *uri_prefix, int with_namespace, int depth, wsman_error *err);
/* The w:Selector elements of an instance's keys (no SelectorSet wrapper). */
MI_Result wsman_put_key_selectors(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                                  const char *uri_prefix, int depth, wsman_error *err);

/* libxml2's error reporting while the codec reads (wsman_xml.c). libxml2 prints its errors to
 * stderr through handlers it keeps per thread; a library must never print, so between begin
 * and end this thread's handlers only note what went wrong (end puts the previous ones back;
 * pairs nest). */
typedef struct wsman_quiet {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
    int nomem;         /* libxml2 reported an allocation failure */
    char message[160]; /* its first error message, for the error instance */
} wsman_quiet;
void wsman_quiet_begin(wsman_quiet *q);
void wsman_quiet_end(wsman_quiet *q);

/* Encodings (wsman_charset.c): the charset a Content-Type names and the encoding an XML
 * declaration at the start of p names, upper-cased into buf ("" when none); whether a name is
 * UTF-8's. wsman_to_utf8 gives the message as UTF-8 for libxml2: *p and *plen point into data
 * or into *conv (a converted UTF-16 message, freed by the caller). */
void wsman_content_charset(const char *ct, char *buf, size_t size);
void wsman_declared_encoding(const char *p, size_t len, char *buf, size_t size);
int wsman_is_utf8_name(const char *s);
MI_Result wsman_to_utf8(const char *data, size_t len, const char *content_type, char **conv,
                        const char **p, size_t *plen, wsman_error *err);

/* What wsman_xml_parse lets libxml2 read (wsman_bounds.c): attributes on one element (whose
 * duplicate check costs libxml2 time quadratic in their number) and elements in a message.
 * WS-Man elements carry a handful of attributes; an envelope's namespace declarations count. */
#define WSMAN_MAX_ATTRIBUTES 64u
#define WSMAN_MAX_ELEMENTS 2000000u
/* MI_RESULT_OK, or MI_RESULT_SERVER_LIMITS_EXCEEDED with a message when the UTF-8 text of a
 * message passes one of the bounds above. Linear in len. */
MI_Result wsman_check_bounds(const char *data, size_t len, wsman_error *err);

/* XML reading (wsman_xml.c). Only UTF-8 and UTF-16 messages are read (converted to UTF-8
 * here, libxml2's own encoding switching never used): another encoding named by the
 * Content-Type charset or the XML declaration, or recognised from the first bytes (UCS-4,
 * EBCDIC), is MI_RESULT_NOT_SUPPORTED; out of memory, libxml2's included, is
 * MI_RESULT_SERVER_LIMITS_EXCEEDED; anything else unreadable MI_RESULT_FAILED (err->result). */
xmlDocPtr wsman_xml_parse(const char *data, size_t len, const char *content_type, size_t max,
                          wsman_error *err);
int wsman_is(const xmlNode *n, const char *ns, const char *local);
/* Is href the namespace ns (WSMAN_NS_WSMAN and WSMAN_NS_WSMANFAULT also matching their 2005/06
 * forms)? href may be NULL. */
int wsman_ns_is(const char *href, const char *ns);
xmlNodePtr wsman_first_elem(xmlNodePtr parent);
xmlNodePtr wsman_next_elem(xmlNodePtr n);
xmlNodePtr wsman_child(xmlNodePtr parent, const char *ns, const char *local);
char *wsman_text(const xmlNode *n, int trim); /* malloc'd; NULL on no memory */
int wsman_is_nil(const xmlNode *n);
/* An attribute's value (malloc'd; NULL when absent or on no memory); whether it is true. */
char *wsman_attr(const xmlNode *n, const char *ns, const char *name);
int wsman_attr_true(const xmlNode *n, const char *ns, const char *name);
/* n is the element `local` of the enumeration or the wsman namespace. */
int wsman_is_enum_or_wsman(const xmlNode *n, const char *local);

typedef struct wsman_decode {
    const wsman_codec *codec;
    const MI_ClassDecl *decl;    /* typed by a class */
    const MI_MethodDecl *method; /* typed by a method's parameters */
    int strict;                  /* unknown property -> NO_SUCH_PROPERTY */
    int xsi_types;               /* untyped values typed by their xsi:type="cim:..." */
    wsman_error *err;
    const wsman_class_read *classes; /* a class answer: read <CLASS> elements, or NULL */
} wsman_decode;

/* A CIM-XML <CLASS> element as a class object carrying the names of dc->classes
 * (wsman_class.c); appending one to a response (frees c when out of memory). */
MI_Result wsman_decode_class(const wsman_decode *dc, xmlNodePtr elem, MI_Class **out);
MI_Result wsman_response_add_class(wsman_response *resp, MI_Class *c);

/* Decodes the element `elem` as an instance of class_name (NULL: from xsi:type or the
 * element's local name). */
MI_Result wsman_decode_instance(const wsman_decode *dc, xmlNodePtr elem, const char *class_name,
                                int depth, MI_Instance **out);
/* Decodes an EPR (element holding a:Address/a:ReferenceParameters, or a:EndpointReference) as
 * a reference instance. */
MI_Result wsman_decode_epr(const wsman_decode *dc, xmlNodePtr elem, int depth, MI_Instance **out);
/* The parts of EPR decoding the CreateResponse fast path uses too (wsman_decode.c). */
MI_Result wsman_epr_new_instance(const wsman_decode *dc, const char *uri, MI_Instance **inst,
                                 const MI_ClassDecl **tdecl);
MI_Result wsman_add_key_selector(const wsman_decode *dc, MI_Instance *inst,
                                 const MI_ClassDecl *tdecl, const char *name, const char *value);

/* Appends an item to a response (wsman_response.c); frees inst when out of memory. */
MI_Result wsman_response_add_item(wsman_response *resp, MI_Instance *inst);

/* wsman_read_response without its SAX fast path for plain CreateResponses: the reference
 * reading, which the tests compare the fast path with. */
MI_Result wsman_read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                   const char *content_type, const char *body, size_t len,
                                   const wsman_read_options *opts, wsman_response *resp);

/* wsman_scan.c: a strict reader of a small subset of XML (see there); 1 when data is in it
 * (well-formed, its events given), 0 when declined (perhaps after some events). attrs holds
 * nattr entries of five: local name, prefix (NULL: none), namespace (NULL: none), value, end of
 * the value (values are not NUL-terminated). */
typedef struct wsman_scan_cb {
    void (*start)(void *ctx, const char *local, const char *uri, int nattr, const char **attrs);
    void (*end)(void *ctx);
    void (*chars)(void *ctx, const char *s, size_t n);
} wsman_scan_cb;
int wsman_scan(const char *data, size_t len, const wsman_scan_cb *cb, void *ctx);
/* The fast path itself: 1 when it read a plain CreateResponse into resp (result OK), 0 when it
 * declined (resp untouched). */
int wsman_read_create_fast(const wsman_codec *codec, const char *content_type, const char *body,
                           size_t len, const wsman_read_options *opts, wsman_response *resp);

/* Faults (wsman_fault.c). */
MI_Result wsman_read_fault(const wsman_codec *codec, xmlNodePtr fault, wsman_action action,
                           int http_status, wsman_fault *f);
MI_Uint32 wsman_result_category(MI_Result r);

#endif /* MOFBIND_WSMAN_INT_H */
