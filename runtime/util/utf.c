/* SPDX-License-Identifier: MIT */
/* runtime/util/utf.c: UTF-16 to UTF-8 (see util.h). */
#include "util.h"

size_t util_utf16_to_utf8(const unsigned char *in, size_t len, int be, int lone_surrogates,
                          char *out, int *bad)
{
    char *o = out;
    size_t i;
    *bad = 0;
    if (len % 2) {
        *bad = UTIL_UTF16_ODD;
        return (size_t)-1;
    }
    for (i = 0; i < len; i += 2) {
        uint32_t c = be ? (uint32_t)in[i] << 8 | in[i + 1] : (uint32_t)in[i + 1] << 8 | in[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
            uint32_t c2 = be ? (uint32_t)in[i + 2] << 8 | in[i + 3]
                             : (uint32_t)in[i + 3] << 8 | in[i + 2];
            if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
                i += 2;
            }
        }
        if (c == 0) {
            *bad = UTIL_UTF16_NUL;
            return (size_t)-1;
        }
        if (c >= 0xD800 && c <= 0xDFFF && !lone_surrogates) {
            *bad = UTIL_UTF16_SURROGATE;
            return (size_t)-1;
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
    return (size_t)(o - out);
}
