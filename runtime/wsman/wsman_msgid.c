/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_msgid.c: WS-Addressing MessageIDs: a random uuid: URN, and the next one
 * after it (counted up in its last hex digits). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "wsman.h"
#include "wsman_int.h"

/* ---- message IDs ---------------------------------------------------------------------- */

void wsman_new_message_id(char out[WSMAN_MSGID_SIZE])
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
    }
    if (got < sizeof r) {
        /* No entropy source: still unique enough per process for correlation. */
        static const unsigned char zero[16];
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        memcpy(r, zero, sizeof r);
        memcpy(r, &ts, sizeof ts < sizeof r ? sizeof ts : sizeof r);
        r[15] ^= (unsigned char)getpid();
    }
    r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
    {
        static const char hex[] = "0123456789ABCDEF";
        char *o = out;
        int k;
        memcpy(o, "uuid:", 5);
        o += 5;
        for (k = 0; k < 16; k++) {
            if (k == 4 || k == 6 || k == 8 || k == 10)
                *o++ = '-';
            *o++ = hex[r[k] >> 4];
            *o++ = hex[r[k] & 15];
        }
        *o = '\0';
    }
}

void wsman_next_message_id(char id[WSMAN_MSGID_SIZE])
{
    size_t n = strlen(id), k;
    for (k = 0; k < 12 && k < n; k++) {
        char *c = &id[n - 1 - k];
        if (*c == '9') {
            *c = 'A';
            return;
        }
        if (*c != 'F' && *c != 'f') {
            (*c)++;
            return;
        }
        *c = '0'; /* carry */
    }
}
