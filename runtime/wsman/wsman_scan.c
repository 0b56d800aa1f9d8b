/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_scan.c: a strict reader of a small subset of XML 1.0 with namespaces
 * (wsman_scan), for the answers a client reads most (a plain CreateResponse: wsman_create_fast.c)
 * at a fraction of libxml2's cost. It never decides alone that a message is malformed: anything
 * outside the subset is declined (returns 0) and read by libxml2 as before, so it only has to be
 * right about what it accepts: a document it accepts is well-formed and namespace-well-formed,
 * and the events it gives are those libxml2's SAX2 parser gives for it (tests/test_wsman_ref and
 * fuzz_wsman compare the two readings).
 *
 * The subset: UTF-8 of XML characters without CR (XML would normalize CR and CRLF); an optional
 * `<?xml version="1.0" ...?>` declaration; then whitespace, one element, whitespace. Names are
 * ASCII NCNames with at most one prefix; attribute values hold no '&', '<', tab or newline (XML
 * would expand or normalize them); text holds the five predefined entities and character
 * references; every prefix is declared (`xml` for attributes is predefined), none declared twice
 * on one element, no two attributes with the same local name on one element. Declined: comments,
 * processing instructions, CDATA, a DOCTYPE (so no entity is ever defined or expanded), xmlns=""
 * and declarations of the xml and xmlns prefixes or namespaces, more than WSMAN_SCAN_DEPTH open
 * elements, WSMAN_SCAN_ATTRS attributes on one or WSMAN_SCAN_NAMES bytes of open names and
 * namespaces. Nothing is fetched or expanded: the bounds are the caller's message size and the
 * fixed arrays here. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "wsman_int.h"

#define WSMAN_SCAN_DEPTH 32
#define WSMAN_SCAN_ATTRS 16
#define WSMAN_SCAN_NAMES 4096
#define WSMAN_SCAN_BINDINGS 64

static const char xml_ns[] = "http://www.w3.org/XML/1998/namespace";
static const char xmlns_ns[] = "http://www.w3.org/2000/xmlns/";

typedef struct scan_binding {
    const char *prefix; /* in the input ("" and 0 for the default namespace) */
    size_t plen;
    const char *uri; /* NUL-terminated, in names */
} scan_binding;

typedef struct scan_open {
    const char *qname; /* raw, in the input */
    size_t qlen;
    size_t names_mark; /* names' use and bindings' count when it opened */
    int bindings_mark;
} scan_open;

typedef struct scan {
    const char *p, *end;
    char names[WSMAN_SCAN_NAMES];
    size_t used;
    scan_binding bind[WSMAN_SCAN_BINDINGS];
    int nbind;
    scan_open open[WSMAN_SCAN_DEPTH];
    int depth;
} scan;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static void skip_space(scan *s)
{
    while (s->p < s->end && is_space(*s->p))
        s->p++;
}

static int name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int name_char(char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* An NCName at s->p: its length (0 when there is none). */
static size_t ncname(const scan *s, const char *p)
{
    const char *q = p;
    if (q >= s->end || !name_start(*q))
        return 0;
    while (q < s->end && name_char(*q))
        q++;
    return (size_t)(q - p);
}

/* A QName at s->p, moved past: *plen is its prefix's length (0: none), *len the whole. */
static int qname(scan *s, size_t *plen, size_t *len)
{
    const char *b = s->p;
    size_t a = ncname(s, b), c;
    if (!a)
        return 0;
    *plen = 0;
    if (b + a < s->end && b[a] == ':') {
        if (!(c = ncname(s, b + a + 1)))
            return 0;
        *plen = a;
        a += 1 + c;
        if (b + a < s->end && b[a] == ':')
            return 0;
    }
    if (b + a < s->end && (unsigned char)b[a] >= 0x80)
        return 0; /* a non-ASCII name: libxml2's */
    *len = a;
    s->p = b + a;
    return 1;
}

/* A NUL-terminated copy of n bytes at p in names, or NULL when they are full. */
static const char *keep(scan *s, const char *p, size_t n)
{
    char *d;
    if (n >= sizeof s->names - s->used)
        return NULL;
    d = s->names + s->used;
    memcpy(d, p, n);
    d[n] = '\0';
    s->used += n + 1;
    return d;
}

/* The namespace bound to the prefix of n bytes at p (n == 0: the default), innermost first;
 * NULL for none. */
static const char *lookup(const scan *s, const char *p, size_t n)
{
    int i;
    for (i = s->nbind - 1; i >= 0; i--)
        if (s->bind[i].plen == n && memcmp(s->bind[i].prefix, p, n) == 0)
            return s->bind[i].uri;
    return NULL;
}

/* Whether the whole input is UTF-8 of XML characters, without CR. Eight bytes at a time while
 * they are all printable ASCII (wsman_printable8): the usual answer is all of it. */
static int chars_ok(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t n;
        if (len - i >= 8 && wsman_printable8(u + i)) {
            i += 8;
            continue;
        }
        if (u[i] < 0x80) {
            if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n')
                return 0;
            i++;
            continue;
        }
        if (!(n = wsman_utf8_char(u + i, len - i, &cp)))
            return 0;
        i += n;
    }
    return 1;
}

/* `= "value"` (or single quotes, with spaces around '='), moved past: the value's start and
 * length. Declined: '&' and '<' (references are not expanded here), tab and newline (XML would
 * normalize them). */
static int value(scan *s, const char **v, size_t *n)
{
    const char *q;
    skip_space(s);
    if (s->p >= s->end || *s->p++ != '=')
        return 0;
    skip_space(s);
    if (s->p >= s->end || (*s->p != '"' && *s->p != '\''))
        return 0;
    *v = s->p + 1;
    if (!(q = memchr(*v, *s->p, (size_t)(s->end - *v))))
        return 0;
    for (s->p = *v; s->p < q; s->p++)
        if (*s->p == '&' || *s->p == '<' || *s->p == '\t' || *s->p == '\n')
            return 0;
    *n = (size_t)(q - *v);
    s->p = q + 1;
    return 1;
}

/* `<?xml version="1.0"` then optional encoding and standalone, `?>`; at the very start. */
static int xml_decl(scan *s)
{
    static const char *const parts[] = {"version", "encoding", "standalone"};
    int k, seen = 0;
    s->p += 5; /* "<?xml" */
    for (k = 0; k < 3; k++) {
        const char *save = s->p, *v;
        size_t n = strlen(parts[k]);
        if (s->p >= s->end || !is_space(*s->p))
            break;
        skip_space(s);
        if ((size_t)(s->end - s->p) < n || memcmp(s->p, parts[k], n) != 0) {
            s->p = save;
            if (k == 0)
                return 0;
            continue;
        }
        s->p += n;
        if (!value(s, &v, &n))
            return 0;
        if (k == 0 && !(n == 3 && memcmp(v, "1.0", 3) == 0))
            return 0;
        if (k == 1 && !((n == 5 && (memcmp(v, "UTF-8", 5) == 0 || memcmp(v, "utf-8", 5) == 0)) ||
                        (n == 4 && (memcmp(v, "UTF8", 4) == 0 || memcmp(v, "utf8", 4) == 0))))
            return 0;
        if (k == 2 &&
            !((n == 3 && memcmp(v, "yes", 3) == 0) || (n == 2 && memcmp(v, "no", 2) == 0)))
            return 0;
        seen |= 1 << k;
    }
    skip_space(s);
    if (!(seen & 1) || s->end - s->p < 2 || s->p[0] != '?' || s->p[1] != '>')
        return 0;
    s->p += 2;
    return 1;
}

/* A start tag after its '<': the element's events. */
static int start_tag(scan *s, const wsman_scan_cb *cb, void *ctx)
{
    const char *attrs[WSMAN_SCAN_ATTRS * 5];
    const char *raw[WSMAN_SCAN_ATTRS], *q = s->p, *local, *uri;
    size_t rawp[WSMAN_SCAN_ATTRS], rawl[WSMAN_SCAN_ATTRS], plen, len;
    int n = 0, i, j, empty = 0;
    scan_open *o;
    if (s->depth >= WSMAN_SCAN_DEPTH || !qname(s, &plen, &len))
        return 0;
    o = &s->open[s->depth];
    o->qname = q;
    o->qlen = len;
    o->names_mark = s->used;
    o->bindings_mark = s->nbind;
    /* The attributes: declarations bound at once, the others kept for after. */
    for (;;) {
        const char *a, *v;
        size_t ap, al, vl;
        int had_space = s->p < s->end && is_space(*s->p);
        skip_space(s);
        if (s->p >= s->end)
            return 0;
        if (*s->p == '>') {
            s->p++;
            break;
        }
        if (*s->p == '/') {
            if (s->end - s->p < 2 || s->p[1] != '>')
                return 0;
            s->p += 2;
            empty = 1;
            break;
        }
        a = s->p;
        if (!had_space || !qname(s, &ap, &al))
            return 0;
        if (!value(s, &v, &vl))
            return 0;
        if ((ap == 5 && memcmp(a, "xmlns", 5) == 0) ||
            (ap == 0 && al == 5 && !memcmp(a, "xmlns", 5))) {
            const char *pfx = ap ? a + 6 : a + 5, *u;
            size_t pl = ap ? al - 6 : 0;
            if (vl == 0 || (pl == 3 && memcmp(pfx, "xml", 3) == 0) ||
                (pl == 5 && memcmp(pfx, "xmlns", 5) == 0) ||
                (vl == sizeof xml_ns - 1 && memcmp(v, xml_ns, vl) == 0) ||
                (vl == sizeof xmlns_ns - 1 && memcmp(v, xmlns_ns, vl) == 0))
                return 0;
            for (j = o->bindings_mark; j < s->nbind; j++)
                if (s->bind[j].plen == pl && memcmp(s->bind[j].prefix, pfx, pl) == 0)
                    return 0; /* declared twice on one element */
            if (s->nbind >= WSMAN_SCAN_BINDINGS || !(u = keep(s, v, vl)))
                return 0;
            s->bind[s->nbind].prefix = pfx;
            s->bind[s->nbind].plen = pl;
            s->bind[s->nbind++].uri = u;
            continue;
        }
        if (n >= WSMAN_SCAN_ATTRS)
            return 0;
        raw[n] = a;
        rawp[n] = ap;
        rawl[n] = al;
        attrs[n * 5 + 3] = v;
        attrs[n * 5 + 4] = v + vl;
        n++;
    }
    /* Names and namespaces, now that the element's declarations are in scope. */
    for (i = 0; i < n; i++) {
        const char *ln = raw[i] + (rawp[i] ? rawp[i] + 1 : 0);
        size_t ll = rawl[i] - (rawp[i] ? rawp[i] + 1 : 0);
        for (j = 0; j < i; j++) {
            const char *lj = raw[j] + (rawp[j] ? rawp[j] + 1 : 0);
            if (rawl[j] - (rawp[j] ? rawp[j] + 1 : 0) == ll && memcmp(lj, ln, ll) == 0)
                return 0; /* (the same name, or perhaps the same namespace by two prefixes) */
        }
        attrs[i * 5 + 2] = NULL;
        attrs[i * 5 + 1] = NULL;
        if (rawp[i]) {
            if (rawp[i] == 3 && memcmp(raw[i], "xml", 3) == 0)
                attrs[i * 5 + 2] = xml_ns;
            else if (!(attrs[i * 5 + 2] = lookup(s, raw[i], rawp[i])))
                return 0;
            if (!(attrs[i * 5 + 1] = keep(s, raw[i], rawp[i])))
                return 0;
        }
        if (!(attrs[i * 5] = keep(s, ln, ll)))
            return 0;
    }
    uri = lookup(s, q, plen);
    if (plen && !uri)
        return 0;
    if (!(local = keep(s, q + (plen ? plen + 1 : 0), len - (plen ? plen + 1 : 0))))
        return 0;
    s->depth++;
    cb->start(ctx, local, uri, n, attrs);
    if (empty) {
        s->depth--;
        cb->end(ctx);
        s->used = o->names_mark;
        s->nbind = o->bindings_mark;
    }
    return 1;
}

/* An end tag after its "</". */
static int end_tag(scan *s, const wsman_scan_cb *cb, void *ctx)
{
    scan_open *o;
    if (s->depth == 0)
        return 0;
    o = &s->open[s->depth - 1];
    if ((size_t)(s->end - s->p) < o->qlen || memcmp(s->p, o->qname, o->qlen) != 0)
        return 0;
    s->p += o->qlen;
    skip_space(s);
    if (s->p >= s->end || *s->p != '>')
        return 0;
    s->p++;
    s->depth--;
    cb->end(ctx);
    s->used = o->names_mark;
    s->nbind = o->bindings_mark;
    return 1;
}

/* A reference after its '&' into out (UTF-8, up to 4 bytes): its length, 0 when declined. */
static size_t reference(scan *s, char *out)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
    unsigned long v = 0;
    size_t i, digits = 0;
    int hex;
    for (i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if ((size_t)(s->end - s->p) >= n && memcmp(s->p, named[i].name, n) == 0) {
            s->p += n;
            out[0] = named[i].c;
            return 1;
        }
    }
    if (s->p >= s->end || *s->p != '#')
        return 0; /* another entity: never defined here (no DTD) */
    s->p++;
    hex = s->p < s->end && *s->p == 'x';
    if (hex)
        s->p++;
    for (; s->p < s->end && *s->p != ';'; s->p++, digits++) {
        char c = *s->p;
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return 0;
        if (digits >= 7)
            return 0;
        v = v * (hex ? 16u : 10u) + d;
    }
    if (s->p >= s->end || digits == 0)
        return 0;
    s->p++;
    /* An XML character (CR too: a reference is how it survives normalization). */
    if (!(v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
          (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)))
        return 0;
    if (v < 0x80) {
        out[0] = (char)v;
        return 1;
    }
    if (v < 0x800) {
        out[0] = (char)(0xC0 | (v >> 6));
        out[1] = (char)(0x80 | (v & 0x3F));
        return 2;
    }
    if (v < 0x10000) {
        out[0] = (char)(0xE0 | (v >> 12));
        out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
        out[2] = (char)(0x80 | (v & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (v >> 18));
    out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[3] = (char)(0x80 | (v & 0x3F));
    return 4;
}

int wsman_scan(const char *data, size_t len, const wsman_scan_cb *cb, void *ctx)
{
    scan *s, st;
    int rooted = 0;
    s = &st;
    s->p = data;
    s->end = data + len;
    s->used = 0;
    s->nbind = 0;
    s->depth = 0;
    if (!chars_ok(data, len))
        return 0;
    if (len >= 6 && memcmp(data, "<?xml", 5) == 0 && is_space(data[5]) && !xml_decl(s))
        return 0;
    while (s->p < s->end) {
        const char *t = s->p;
        if (*s->p != '<') {
            /* Text (outside the root only whitespace) up to the next markup or reference,
             * without "]]>". */
            const char *lt = memchr(t, '<', (size_t)(s->end - t)), *q;
            s->p = lt ? lt : s->end;
            if ((q = memchr(t, '&', (size_t)(s->p - t))) != NULL)
                s->p = q;
            for (q = t; (q = memchr(q, '>', (size_t)(s->p - q))) != NULL; q++)
                if (q - t >= 2 && q[-1] == ']' && q[-2] == ']')
                    return 0;
            if (s->depth == 0) {
                for (; t < s->p; t++)
                    if (!is_space(*t))
                        return 0;
                if (s->p < s->end && *s->p == '&')
                    return 0;
                continue;
            }
            if (s->p > t)
                cb->chars(ctx, t, (size_t)(s->p - t));
            if (s->p < s->end && *s->p == '&') {
                char u[4];
                size_t n;
                s->p++;
                if (!(n = reference(s, u)))
                    return 0;
                cb->chars(ctx, u, n);
            }
            continue;
        }
        s->p++;
        if (s->p >= s->end)
            return 0;
        if (*s->p == '/') {
            s->p++;
            if (!end_tag(s, cb, ctx))
                return 0;
            continue;
        }
        if (*s->p == '!' || *s->p == '?' || (s->depth == 0 && rooted))
            return 0; /* comments, CDATA, PIs, a DOCTYPE; a second root */
        if (!start_tag(s, cb, ctx))
            return 0;
        rooted = 1;
    }
    return rooted && s->depth == 0;
}
