/* SPDX-License-Identifier: MIT */
/* server/auth.c: the credentials mofbind-server accepts (HTTP Basic): --user/--password and
 * users files of `user:password` lines. Passwords are never logged. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server_int.h"

#define AUTH_MAX_LINE 4096
#define AUTH_MAX_USERS 10000

int srv_auth_add(msrv_server *srv, const char *user, const char *password)
{
    srv_cred *nc;
    char *u, *p;
    if (srv->n_creds >= AUTH_MAX_USERS)
        return -1;
    nc = realloc(srv->creds, (srv->n_creds + 1) * sizeof *nc);
    if (!nc)
        return -1;
    srv->creds = nc;
    u = strdup(user);
    p = strdup(password);
    if (!u || !p) {
        free(u);
        free(p);
        return -1;
    }
    srv->creds[srv->n_creds].user = u;
    srv->creds[srv->n_creds].password = p;
    srv->n_creds++;
    return 0;
}

int srv_auth_load_file(msrv_server *srv, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char line[AUTH_MAX_LINE];
    unsigned lineno = 0;
    struct stat st;
    if (!f) {
        srv_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
        srv_notice(srv, "warning: users file %s is readable by others (chmod 600 it)", path);
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        char *colon, *s = line;
        lineno++;
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            srv_err(err, errlen, "%s:%u: line too long", path, lineno);
            goto fail;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        colon = strchr(s, ':');
        if (!colon || colon == s) {
            srv_err(err, errlen, "%s:%u: expected user:password", path, lineno);
            goto fail;
        }
        *colon = '\0';
        if (srv_auth_add(srv, s, colon + 1) != 0) {
            srv_err(err, errlen, "%s:%u: too many users or out of memory", path, lineno);
            goto fail;
        }
    }
    if (ferror(f)) {
        srv_err(err, errlen, "%s: read error", path);
        goto fail;
    }
    memset(line, 0, sizeof line);
    fclose(f);
    return 0;
fail:
    memset(line, 0, sizeof line);
    fclose(f);
    return -1;
}

/* Equal strings, in time that depends on the lengths only. */
static bool same(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i;
    unsigned char d = (unsigned char)(la != lb);
    for (i = 0; i < la; i++)
        d |= (unsigned char)(a[i] ^ b[i < lb ? i : 0]);
    return d == 0;
}

bool srv_auth_check(const msrv_server *srv, const char *user, const char *password)
{
    bool ok = false;
    size_t i;
    for (i = 0; i < srv->n_creds; i++) {
        bool u = same(user, srv->creds[i].user);
        bool p = same(password, srv->creds[i].password);
        ok |= u & p;
    }
    return ok;
}

void srv_auth_free(msrv_server *srv)
{
    size_t i;
    for (i = 0; i < srv->n_creds; i++) {
        memset(srv->creds[i].password, 0, strlen(srv->creds[i].password));
        free(srv->creds[i].user);
        free(srv->creds[i].password);
    }
    free(srv->creds);
    srv->creds = NULL;
    srv->n_creds = 0;
}
