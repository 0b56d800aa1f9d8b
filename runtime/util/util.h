/* runtime/util/util.h: libutil, the small helpers every layer shares (strings for now; the
 * growable buffer and UTF-8/UTF-16 join them). Not installed; it includes nothing of ours, so
 * that the MOF front end, the runtime and the server may all use it. Names use util_. */
#ifndef MOFBIND_UTIL_H
#define MOFBIND_UTIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A malloc'd copy of s; NULL when s is NULL or memory runs out. */
char *util_strdup(const char *s);

/* ASCII case-insensitive equality (CIM names, header and option words): 1 when equal. */
int util_strieq(const char *a, const char *b);

/* 1 when s begins with prefix, ASCII case-insensitively (prefix written in lower case). */
int util_striprefix(const char *s, const char *prefix);

#ifdef __cplusplus
}
#endif

#endif
