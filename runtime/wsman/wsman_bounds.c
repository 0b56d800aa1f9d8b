/* SPDX-License-Identifier: MIT */
/* runtime/wsman_bounds.c: a linear look at a message before libxml2 parses it, refusing what
 * would make the parse costly out of proportion to the message's size: libxml2 checks an
 * element's attributes for duplicates pair by pair (100,000 attributes on one element cost
 * seconds), so an element may carry at most WSMAN_MAX_ATTRIBUTES, and a message at most
 * WSMAN_MAX_ELEMENTS elements. Text nodes are bounded by libxml2 itself (10 MB without
 * XML_PARSE_HUGE, which the codec never sets) and by the message size. Serves both the
 * server's reading of requests and the client's reading of responses (wsman_xml_parse in
 * wsman_xml.c). */
#include "config.h"

#include <string.h>

#include "wsman_int.h"

/* The end of the construct that starts at p (after its opening), i.e. the first byte after
 * `close`, or end when it is not closed. */
static const char *past(const char *p, const char *end, const char *close)
{
    size_t n = strlen(close);
    while (p + n <= end) {
        const char *q = memchr(p, close[0], (size_t)(end - p));
        if (!q || q + n > end)
            return end;
        if (memcmp(q, close, n) == 0)
            return q + n;
        p = q + 1;
    }
    return end;
}

MI_Result wsman_check_bounds(const char *data, size_t len, wsman_error *err)
{
    const char *p = data, *end = data + len;
    size_t elements = 0;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        size_t attrs = 0;
        char quote = 0;
        if (!lt)
            break;
        p = lt + 1;
        if (end - p >= 3 && memcmp(p, "!--", 3) == 0) {
            p = past(p + 3, end, "-->");
            continue;
        }
        if (end - p >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
            p = past(p + 8, end, "]]>");
            continue;
        }
        if (p < end && (*p == '?' || *p == '!' || *p == '/')) {
            p = past(p, end, *p == '?' ? "?>" : ">");
            continue;
        }
        if (++elements > WSMAN_MAX_ELEMENTS)
            return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                                "the message has more than %u elements",
                                (unsigned)WSMAN_MAX_ELEMENTS);
        /* A start tag: each '=' outside a quoted value is an attribute. */
        for (; p < end; p++) {
            char c = *p;
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                if (++attrs > WSMAN_MAX_ATTRIBUTES)
                    return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                                        "an element of the message has more than %u attributes",
                                        (unsigned)WSMAN_MAX_ATTRIBUTES);
            } else if (c == '>') {
                p++;
                break;
            }
        }
    }
    return MI_RESULT_OK;
}
