/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_charset.c: which encoding a message is in (its bytes, the Content-Type
 * charset, the XML declaration) and its conversion to the UTF-8 libxml2 reads. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wsman.h"
#include "wsman_int.h"
#include "util.h"

/* The charset named by a Content-Type, upper-cased into buf ("" when none). */
void wsman_content_charset(const char *ct, char *buf, size_t size)
{
    const char *p;
    size_t n = 0;
    buf[0] = '\0';
    if (!ct)
        return;
    for (p = ct; *p; p++) {
        /* (Compared only where a 'c' is: every answer has a Content-Type to look through.) */
        if ((*p == 'c' || *p == 'C') && strncasecmp(p, "charset=", 8) == 0) {
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

int wsman_is_utf8_name(const char *s)
{
    return name_is(s, utf8_names);
}

/* The encoding the XML declaration at the start of p names, into buf ("" when none). */
void wsman_declared_encoding(const char *p, size_t len, char *buf, size_t size)
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
    char *out;
    *bad = 0;
    if (len % 2) {
        *bad = 1;
        return NULL;
    }
    if (!(out = malloc(len / 2 * 3 + 1)))
        return NULL;
    *outlen = util_utf16_to_utf8(d, len, be, 0, out, bad);
    if (*outlen == (size_t)-1) {
        free(out);
        return NULL;
    }
    return out;
}

/* The message as UTF-8 for libxml2: *p and *plen point into data or into *conv (a converted
 * UTF-16 message, freed by the caller). The bytes decide the encoding (XML 1.0 appendix F:
 * a BOM, or the first character '<' or white space in UTF-16); the Content-Type charset and
 * the declaration must name UTF-8 or UTF-16. */
MI_Result wsman_to_utf8(const char *data, size_t len, const char *content_type, char **conv,
                        const char **p, size_t *plen, wsman_error *err)
{
    const unsigned char *d = (const unsigned char *)data;
    char cs[32], decl[48];
    int enc = ENC_UTF8, bad;
    size_t skip = 0;
    *conv = NULL;
    wsman_content_charset(content_type, cs, sizeof cs);
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
    wsman_declared_encoding(*p, *plen, decl, sizeof decl);
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
