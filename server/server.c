/* SPDX-License-Identifier: MIT */
/* server/server.c: the server object's life cycle (server.h): the configuration, the
 * credentials, the TLS material, the schemas and their initial instances, the state file, the
 * method handlers, and the log. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "enums.h"
#include "subscribe.h"
#include "parse.h"
#include "providers.h"
#include "repo.h"
#include "resolve.h"
#include "server_int.h"
#include "state.h"
#include "typing.h"
#include "wsman.h"

#define SRV_MAX_PEM (1024u * 1024u)

void srv_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Text that came from outside, written so that it cannot forge a line or a field of the log:
 * control bytes, DEL and '\\' (and spaces, in a field) as \\xHH. */
static void put_escaped(FILE *out, const char *s, bool field)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || c == '\\' || (field && c == ' '))
            fprintf(out, "\\x%02X", c);
        else
            fputc(c, out);
    }
}

void srv_notice(msrv_server *srv, const char *fmt, ...)
{
    va_list ap;
    FILE *out = srv->log ? srv->log : stderr;
    char text[1024];
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&srv->log_lock);
    fputs("mofbind-server: ", out);
    put_escaped(out, text, false);
    fputc('\n', out);
    fflush(out);
    pthread_mutex_unlock(&srv->log_lock);
}

void srv_log_request(msrv_server *srv, const srv_reply *r, unsigned long usec)
{
    FILE *out = srv->log ? srv->log : stderr;
    const char *res = r->result < 0 ? "-" : wsman_result_name((MI_Result)r->result);
    if (srv->cfg.quiet)
        return;
    pthread_mutex_lock(&srv->log_lock);
    put_escaped(out, r->action[0] ? r->action : "-", true);
    fputc(' ', out);
    put_escaped(out, r->class_name[0] ? r->class_name : "-", true);
    fprintf(out, " %s %u %luus\n", res ? res : "-", r->status, usec);
    fflush(out);
    pthread_mutex_unlock(&srv->log_lock);
}

/* ---- configuration copies ------------------------------------------------------------- */

static const char *own(msrv_server *srv, const char *s)
{
    char **no;
    char *c;
    if (!s)
        return NULL;
    no = realloc(srv->owned, (srv->n_owned + 1) * sizeof *no);
    if (!no)
        return NULL;
    srv->owned = no;
    c = strdup(s);
    if (!c)
        return NULL;
    srv->owned[srv->n_owned++] = c;
    return c;
}

static const char *const *own_list(msrv_server *srv, const char *const *v, size_t n, bool *ok)
{
    const char **copy;
    size_t i;
    char **no;
    if (!n)
        return NULL;
    copy = calloc(n, sizeof *copy);
    no = copy ? realloc(srv->owned, (srv->n_owned + 1) * sizeof *no) : NULL;
    if (!no) {
        free(copy);
        *ok = false;
        return NULL;
    }
    srv->owned = no;
    srv->owned[srv->n_owned++] = (char *)copy;
    for (i = 0; i < n; i++) {
        copy[i] = own(srv, v[i]);
        if (!copy[i])
            *ok = false;
    }
    return copy;
}

static char *read_file(const char *path, size_t max, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;
    if (!f) {
        srv_err(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(max + 1);
    if (!buf) {
        fclose(f);
        srv_err(err, errlen, "out of memory");
        return NULL;
    }
    n = fread(buf, 1, max + 1, f);
    fclose(f);
    if (n > max) {
        free(buf);
        srv_err(err, errlen, "%s: larger than %zu bytes", path, max);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* ---- schemas and instances ----------------------------------------------------------- */

/* Loads each instance declaration from `from` (NULL: every source but `skip`) into the
 * repository; a later instance with the same keys replaces an earlier one. With chunks
 * (--state-recover), an instance that cannot be made is set aside instead of failing. */
static int load_instances(msrv_server *srv, const mof_source *from, const mof_source *skip,
                          srv_state_chunks *chunks, char *err, size_t errlen)
{
    size_t i, j;
    for (i = 0; i < srv->schema.namespaces.n; i++) {
        const mof_namespace *ns = mof_map_at(&srv->schema.namespaces, i);
        for (j = 0; j < ns->ninstances; j++) {
            const mof_instance *mi = ns->instances[j];
            MI_Instance *inst = NULL, *old;
            char msg[256] = "", *key = NULL;
            MI_Result r;
            if ((from && mi->loc.src != from) || (skip && mi->loc.src == skip) || !mi->cls)
                continue;
            r = srv_mof_instance(mi, srv->decls, &inst, msg, sizeof msg);
            if (r == MI_RESULT_OK)
                r = srv_instance_key(mi->cls, inst, &key);
            if (r != MI_RESULT_OK) {
                srv_err(err, errlen, "%s:%u: instance of %s: %s",
                        mi->loc.src ? mi->loc.src->path : "?", (unsigned)mi->loc.line,
                        mi->class_name, msg[0] ? msg : wsman_result_text(r));
                if (inst)
                    MI_Instance_Delete(inst);
                if (!chunks || r == MI_RESULT_FAILED)
                    return -1;
                fprintf(srv->cfg.diag ? srv->cfg.diag : stderr, "%s\n", err);
                srv_state_chunks_reject(chunks, mi->loc.line, msg[0] ? msg : wsman_result_text(r));
                err[0] = '\0';
                continue;
            }
            old = srv_repo_replace(srv->repo, mi->cls, key, inst);
            if (old)
                MI_Instance_Delete(old);
            else if (srv_repo_insert(srv->repo, mi->cls, key, inst) != 0) {
                MI_Instance_Delete(inst);
                free(key);
                srv_err(err, errlen, "out of memory");
                return -1;
            }
            free(key);
        }
    }
    return 0;
}

/* What the diagnostics of one attempt at loading say about the state file. */
typedef struct load_watch {
    const char *state_path;
    srv_state_chunks *chunks; /* --state-recover: declarations with errors are set aside */
    bool resolving;           /* parse errors may cascade: only the first one counts */
    unsigned state_errors, other_errors, rejected;
    uint32_t first_line;
    char first_why[256];
} load_watch;

static void watch_error(void *ctx, const mof_loc *loc, const char *text)
{
    load_watch *w = ctx;
    /* Without --state every error is the schemas' (state_path is NULL). */
    if (!loc || !loc->src || !w->state_path || strcmp(loc->src->path, w->state_path) != 0) {
        w->other_errors++;
        return;
    }
    if (w->state_errors++ == 0) {
        w->first_line = loc->line;
        snprintf(w->first_why, sizeof w->first_why, "%s", text);
    }
    if (w->chunks && w->resolving)
        w->rejected += (unsigned)srv_state_chunks_reject(w->chunks, loc->line, text);
}

/* One attempt: the schemas, then the state text when there is one, parsed and resolved into a
 * fresh unit. Returns 0, or -1 with the diagnostics counted in w. */
static int parse_all(msrv_server *srv, const char *state_text, size_t state_len, load_watch *w,
                     const mof_source **state_src)
{
    mof_parse_options popts;
    mof_resolve_options ropts;
    const mof_source *before_state;
    size_t i;
    int rc = 0;

    if (srv->unit_ready)
        mof_unit_free(&srv->unit);
    memset(&srv->schema, 0, sizeof srv->schema);
    memset(&popts, 0, sizeof popts);
    popts.include_dirs = srv->cfg.include_dirs;
    popts.n_include_dirs = srv->cfg.n_include_dirs;
    mof_diag_init(&srv->diag, srv->cfg.diag ? srv->cfg.diag : stderr);
    if (w->chunks)
        srv->diag.max_errors = 0; /* every declaration that does not load, in one pass */
    srv->diag.on_error = watch_error;
    srv->diag.on_error_ctx = w;
    mof_unit_init(&srv->unit, &srv->diag);
    srv->unit_ready = true;
    w->resolving = false;
    for (i = 0; i < srv->cfg.n_schema_files; i++)
        if (mof_parse_file(&srv->unit, srv->cfg.schema_files[i], &popts) != 0)
            rc = -1;
    for (i = 0; i < srv->cfg.n_schema_texts; i++) {
        char name[32];
        snprintf(name, sizeof name, "<schema %zu>", i + 1);
        if (mof_parse_buffer(&srv->unit, name, srv->cfg.schema_texts[i],
                             strlen(srv->cfg.schema_texts[i]), &popts) != 0)
            rc = -1;
    }
    if (rc != 0)
        return -1;
    if (state_text) {
        before_state = srv->unit.last_source;
        if (mof_parse_buffer(&srv->unit, srv->cfg.state_file, state_text, state_len, &popts) != 0)
            return -1;
        *state_src = before_state ? before_state->next : srv->unit.sources;
    }
    memset(&ropts, 0, sizeof ropts);
    ropts.default_ns = srv->cfg.default_ns;
    w->resolving = true;
    if (mof_resolve(&srv->unit, &srv->schema, &ropts) != 0)
        return -1;
    srv->have_schema = true;
    return 0;
}

static int load_schemas(msrv_server *srv, char *err, size_t errlen)
{
    const mof_source *state_src = NULL;
    srv_state_chunks chunks;
    load_watch w;
    bool have_state = false, recover = srv->cfg.state_recover;
    int rc;

    memset(&chunks, 0, sizeof chunks);
    if (srv->cfg.state_file) {
        struct stat st;
        srv_state_clean_temps(srv, srv->cfg.state_file);
        if (stat(srv->cfg.state_file, &st) == 0) {
            have_state = true;
            if (srv_state_chunks_read(srv->cfg.state_file, &chunks, err, errlen) != 0)
                return -1;
        } else if (errno != ENOENT) {
            srv_err(err, errlen, "%s: %s", srv->cfg.state_file, strerror(errno));
            return -1;
        }
    }
    for (;;) {
        memset(&w, 0, sizeof w);
        w.state_path = srv->cfg.state_file;
        w.chunks = recover ? &chunks : NULL;
        rc = parse_all(srv, have_state ? chunks.text : NULL, chunks.len, &w, &state_src);
        if (rc == 0 || !recover || w.other_errors || !w.state_errors)
            break;
        /* A syntax error may confuse the parser about what follows: only the declaration of
         * the first one is set aside, and the file read again without it. */
        if (!w.resolving)
            w.rejected += (unsigned)srv_state_chunks_reject(&chunks, w.first_line, w.first_why);
        if (!w.rejected)
            break;
    }
    if (rc != 0) {
        if (w.other_errors || !w.state_errors)
            srv_err(err, errlen, "the schemas have errors");
        else if (recover)
            srv_err(err, errlen,
                    "%s: the state file does not load even without the "
                    "declarations that have errors",
                    srv->cfg.state_file);
        else
            srv_err(err, errlen,
                    "%s:%u: the state file does not load (%u error%s, the first: %s); it was "
                    "left as it is: correct it, or start with --state-recover to load the "
                    "instances that load and set the others aside in %s.rejected",
                    srv->cfg.state_file, (unsigned)w.first_line, w.state_errors,
                    w.state_errors == 1 ? "" : "s", w.first_why, srv->cfg.state_file);
        srv->diag.on_error = NULL;
        srv_state_chunks_free(&chunks);
        return -1;
    }
    /* The state file, when there is one, is the whole repository: the schemas' own instances
     * only seed a repository that has never been saved. */
    if (have_state) {
        char rpath[1024];
        size_t before;
        rc = load_instances(srv, state_src, NULL, recover ? &chunks : NULL, err, errlen);
        if (rc != 0 && !recover) {
            char first[512];
            snprintf(first, sizeof first, "%s", err);
            srv_err(err, errlen,
                    "%s; the state file was left as it is: correct it, or start with "
                    "--state-recover to load the instances that load and set the others aside "
                    "in %s.rejected",
                    first, srv->cfg.state_file);
        }
        if (rc != 0 || !recover)
            goto out;
        if (rc == 0 && chunks.n_rejected) {
            /* The declarations set aside are on disk in the .rejected file before the state
             * file is rewritten without them. */
            rc = srv_state_write_rejected(srv->cfg.state_file, &chunks, rpath, sizeof rpath, err,
                                          errlen);
            if (rc == 0)
                srv_notice(srv, "--state-recover: %zu declaration%s of %s set aside in %s",
                           chunks.n_rejected, chunks.n_rejected == 1 ? "" : "s",
                           srv->cfg.state_file, rpath);
        }
        if (rc == 0) {
            before = srv_repo_count(srv->repo, NULL, NULL);
            srv->state_gen = 1;
            rc = srv_state_commit(srv, srv->state_gen, err, errlen);
            if (rc == 0)
                srv_notice(srv, "--state-recover: %zu instance%s loaded from %s", before,
                           before == 1 ? "" : "s", srv->cfg.state_file);
        }
        goto out;
    }
    rc = load_instances(srv, NULL, NULL, NULL, err, errlen);
out:
    srv->diag.on_error = NULL; /* w is gone */
    srv_state_chunks_free(&chunks);
    return rc;
}

/* ---- life cycle ------------------------------------------------------------------------ */

int msrv_new(const msrv_config *config, msrv_server **out, char *err, size_t errlen)
{
    msrv_server *srv;
    bool ok = true;
    *out = NULL;
    srv = calloc(1, sizeof *srv);
    if (!srv) {
        srv_err(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&srv->log_lock, NULL);
    pthread_mutex_init(&srv->state_lock, NULL);
    srv->cfg = *config;
    srv->log = config->log ? config->log : stderr;
#define OWN(f)                                                                                     \
    do {                                                                                           \
        if (config->f && !(srv->cfg.f = own(srv, config->f)))                                      \
            ok = false;                                                                            \
    } while (0)
    OWN(listen);
    OWN(cert_file);
    OWN(key_file);
    OWN(users_file);
    OWN(default_ns);
    OWN(state_file);
    OWN(provider_host);
#undef OWN
    srv->cfg.user = NULL;
    srv->cfg.password = NULL;
    srv->cfg.schema_files = own_list(srv, config->schema_files, config->n_schema_files, &ok);
    srv->cfg.schema_texts = own_list(srv, config->schema_texts, config->n_schema_texts, &ok);
    srv->cfg.include_dirs = own_list(srv, config->include_dirs, config->n_include_dirs, &ok);
    srv->cfg.providers = own_list(srv, config->providers, config->n_providers, &ok);
    if (!srv->cfg.max_body)
        srv->cfg.max_body = MSRV_DEFAULT_MAX_BODY;
    if (!srv->cfg.max_connections)
        srv->cfg.max_connections = MSRV_DEFAULT_MAX_CONNECTIONS;
    if (!srv->cfg.timeout)
        srv->cfg.timeout = MSRV_DEFAULT_TIMEOUT;
    if (!srv->cfg.max_per_address)
        srv->cfg.max_per_address = MSRV_DEFAULT_MAX_PER_ADDRESS;
    if (!srv->cfg.request_deadline)
        srv->cfg.request_deadline = MSRV_DEFAULT_REQUEST_DEADLINE;
    if (!srv->cfg.max_enum_bytes)
        srv->cfg.max_enum_bytes = MSRV_DEFAULT_MAX_ENUM_BYTES;
    if (!srv->cfg.max_instances)
        srv->cfg.max_instances = MSRV_DEFAULT_MAX_INSTANCES;
    if (!ok) {
        srv_err(err, errlen, "out of memory");
        goto fail;
    }

    /* Credentials. */
    if (config->user || config->password) {
        if (!config->user || !config->password || !config->user[0]) {
            srv_err(err, errlen, "--user and --password go together");
            goto fail;
        }
        if (strchr(config->user, ':')) {
            srv_err(err, errlen, "a user name cannot contain ':' (HTTP Basic)");
            goto fail;
        }
        if (srv_auth_add(srv, config->user, config->password) != 0) {
            srv_err(err, errlen, "out of memory");
            goto fail;
        }
    }
    if (config->users_file && srv_auth_load_file(srv, config->users_file, err, errlen) != 0)
        goto fail;
    if (!config->no_auth && srv->n_creds == 0) {
        srv_err(err, errlen,
                "no credentials: give --user and --password, or --users-file "
                "(or --no-auth, for tests only)");
        goto fail;
    }

    /* TLS material. */
    if (!config->cert_file != !config->key_file) {
        srv_err(err, errlen, "--cert and --key go together");
        goto fail;
    }
    if (config->cert_file) {
        srv->tls_cert = read_file(config->cert_file, SRV_MAX_PEM, err, errlen);
        if (!srv->tls_cert)
            goto fail;
        srv->tls_key = read_file(config->key_file, SRV_MAX_PEM, err, errlen);
        if (!srv->tls_key)
            goto fail;
    }

    wsman_global_init();
    srv->repo = srv_repo_new();
    srv->enums = srv_enums_new(MSRV_DEFAULT_MAX_ENUM_CONTEXTS, srv->cfg.max_enum_bytes);
    srv->decls = srv_decls_new();
    /* (with a thread pool, half its threads at most wait in a Pull of events) */
    srv->subs = srv_subs_new(srv->enums, MSRV_DEFAULT_MAX_ENUM_CONTEXTS,
                             srv->cfg.threads ? (srv->cfg.threads + 1) / 2 : 0);
    if (!srv->repo || !srv->enums || !srv->decls || !srv->subs) {
        srv_err(err, errlen, "out of memory");
        goto fail;
    }
    if (load_schemas(srv, err, errlen) != 0)
        goto fail;
    if (srv_provs_start(srv, err, errlen) != 0)
        goto fail;
    *out = srv;
    return 0;
fail:
    msrv_free(srv);
    return -1;
}

int msrv_start(msrv_server *srv, char *err, size_t errlen)
{
    if (srv->started) {
        srv_err(err, errlen, "already started");
        return -1;
    }
    if (srv_front_start(srv, err, errlen) != 0)
        return -1;
    srv->started = true;
    if (strncmp(srv->address, "127.", 4) != 0 && strcmp(srv->address, "::1") != 0) {
        if (srv->cfg.no_auth)
            srv_notice(srv,
                       "WARNING: listening on %s without authentication: anyone who can "
                       "reach it can change the repository",
                       srv->address);
        else if (!srv->tls_cert)
            srv_notice(srv,
                       "warning: listening on %s over plain HTTP: Basic credentials "
                       "cross the network in clear text (use --cert and --key)",
                       srv->address);
    }
    return 0;
}

const char *msrv_address(const msrv_server *srv)
{
    return srv->address;
}

uint16_t msrv_port(const msrv_server *srv)
{
    return srv->port;
}

bool msrv_is_tls(const msrv_server *srv)
{
    return srv->tls_cert != NULL;
}

/* How long msrv_stop waits for the answers in flight to be written out (ms). */
#define SRV_STOP_DRAIN_MS 10000

void msrv_stop(msrv_server *srv)
{
    if (srv && srv->started) {
        /* New requests are refused; those in flight are answered and their answers written
         * out before the connections close (a bounded wait: a client that does not read its
         * answer does not hold the stop). */
        __atomic_store_n(&srv->stopping, true, __ATOMIC_RELEASE);
        srv_subs_stop(srv->subs); /* Pulls waiting for events answer now */
        srv_provs_cancel(srv);    /* and requests waiting for providers */
        srv_front_drain(srv, SRV_STOP_DRAIN_MS);
        srv_front_stop(srv);
        srv->started = false;
        __atomic_store_n(&srv->stopping, false, __ATOMIC_RELEASE);
    }
}

void msrv_free(msrv_server *srv)
{
    size_t i;
    if (!srv)
        return;
    msrv_stop(srv);
    srv_provs_stop(srv);
    srv_subs_free(srv->subs);   /* its events count in the contexts' bytes */
    srv_enums_free(srv->enums); /* before the providers: a context may hold a stream */
    srv_provs_free(srv);
    srv_repo_free(srv->repo);
    srv_decls_free(srv->decls); /* after the instances, before the schema they point into */
    if (srv->unit_ready)
        mof_unit_free(&srv->unit);
    srv_auth_free(srv);
    if (srv->tls_key) {
        memset(srv->tls_key, 0, strlen(srv->tls_key));
        free(srv->tls_key);
    }
    free(srv->tls_cert);
    for (i = 0; i < srv->n_methods; i++) {
        free(srv->methods[i].ns);
        free(srv->methods[i].class_name);
        free(srv->methods[i].method_name);
    }
    free(srv->methods);
    for (i = 0; i < srv->n_owned; i++)
        free(srv->owned[i]);
    free(srv->owned);
    pthread_mutex_destroy(&srv->log_lock);
    pthread_mutex_destroy(&srv->state_lock);
    free(srv);
}

void msrv_process(msrv_server *srv, const char *content_type, const char *request, size_t len,
                  unsigned *status, char **body, size_t *body_len)
{
    srv_request req;
    srv_reply reply;
    memset(&req, 0, sizeof req);
    memset(&reply, 0, sizeof reply);
    req.body = request ? request : "";
    req.len = request ? len : 0;
    req.content_type = content_type ? content_type : "application/soap+xml";
    req.error =
        len > srv->cfg.max_body ? SRV_FRONT_TOO_LARGE : srv_check_content_type(req.content_type);
    srv_dispatch(srv, &req, &reply);
    *status = reply.status;
    *body = reply.body;
    *body_len = reply.len;
}

size_t msrv_instance_count(msrv_server *srv, const char *ns, const char *class_name)
{
    const mof_namespace *n = NULL;
    const mof_class *c = NULL;
    size_t count;
    if (!srv->have_schema)
        return 0;
    n = mof_schema_ns(&srv->schema, ns ? ns : srv_default_ns(srv));
    if (!n)
        return 0;
    if (class_name) {
        c = mof_map_get(&n->classes, class_name);
        if (!c)
            return 0;
    }
    srv_repo_rdlock(srv->repo);
    count = srv_repo_count(srv->repo, n, c);
    srv_repo_unlock(srv->repo);
    return count;
}

const char *srv_default_ns(const msrv_server *srv)
{
    if (srv->cfg.default_ns)
        return srv->cfg.default_ns;
    if (srv->have_schema && srv->schema.default_ns)
        return srv->schema.default_ns;
    return "root/cimv2";
}

int msrv_register_method(msrv_server *srv, const char *ns, const char *class_name,
                         const char *method_name, msrv_method_fn fn, void *ctx)
{
    srv_method *nm, *m;
    size_t i;
    bool found = false;
    if (!srv || !class_name || !fn || srv->started || !srv->have_schema)
        return -1;
    for (i = 0; i < srv->schema.namespaces.n && !found; i++) {
        const mof_namespace *n = mof_map_at(&srv->schema.namespaces, i);
        const mof_class *c;
        if (ns && !mof_name_eq(n->name, ns))
            continue;
        c = mof_map_get(&n->classes, class_name);
        if (c && (!method_name || mof_class_method(c, method_name)))
            found = true;
    }
    if (!found)
        return -1;
    nm = realloc(srv->methods, (srv->n_methods + 1) * sizeof *nm);
    if (!nm)
        return -1;
    srv->methods = nm;
    m = &srv->methods[srv->n_methods];
    memset(m, 0, sizeof *m);
    m->ns = ns ? strdup(ns) : NULL;
    m->class_name = strdup(class_name);
    m->method_name = method_name ? strdup(method_name) : NULL;
    m->fn = fn;
    m->ctx = ctx;
    if ((ns && !m->ns) || !m->class_name || (method_name && !m->method_name)) {
        free(m->ns);
        free(m->class_name);
        free(m->method_name);
        return -1;
    }
    srv->n_methods++;
    return 0;
}

const srv_method *srv_find_method(const msrv_server *srv, const char *ns, const char *class_name,
                                  const char *method_name)
{
    size_t i;
    for (i = 0; i < srv->n_methods; i++) {
        const srv_method *m = &srv->methods[i];
        if ((!m->ns || mof_name_eq(m->ns, ns)) && mof_name_eq(m->class_name, class_name) &&
            (!m->method_name || mof_name_eq(m->method_name, method_name)))
            return m;
    }
    return NULL;
}
