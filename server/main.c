/* SPDX-License-Identifier: MIT */
/* server/main.c: the mofbind-server command line: options into an msrv_config, then serve
 * until SIGINT or SIGTERM. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"
#include "wsman.h"

static void usage(FILE *out)
{
    fputs("Usage: mofbind-server [OPTION]... --schema FILE...\n"
          "Serve the classes of MOF schemas over WS-Management (SOAP over HTTP or\n"
          "HTTPS), keeping their instances in memory: a CIM server for tests, demos\n"
          "and continuous integration.\n"
          "\n"
          "Schemas:\n"
          "  -s, --schema=FILE        load FILE (repeatable); its `instance of`\n"
          "                           declarations become the initial instances\n"
          "  -I, --include-dir=DIR    search DIR for #pragma include files\n"
          "      --namespace=NS       namespace before any #pragma namespace, and of\n"
          "                           requests without __cimnamespace (root/cimv2)\n"
          "      --state=FILE.mof     keep the instances in FILE: loaded at start,\n"
          "                           rewritten atomically after each change; a\n"
          "                           file that does not load stops the start\n"
          "      --state-recover      load the instances of --state that load, append\n"
          "                           the declarations that do not to FILE.mof.rejected\n"
          "                           and rewrite FILE.mof\n"
          "\n"
          "Serving:\n"
          "  -l, --listen=ADDR:PORT   address to listen on (127.0.0.1:5985, or :5986\n"
          "                           with TLS); port 0 picks a free port; prints\n"
          "                           `listening on ADDR:PORT` on standard output\n"
          "      --cert=FILE          PEM certificate: serve HTTPS (with --key)\n"
          "      --key=FILE           PEM private key of the certificate\n"
          "  -u, --user=NAME          accept HTTP Basic credentials NAME ...\n"
          "  -p, --password=PASS      ... with PASS (better: --password-file)\n"
          "      --password-file=FILE the password of --user: the first line of FILE\n"
          "      --users-file=FILE    accept the `user:password` lines of FILE\n"
          "      --no-auth            accept unauthenticated requests (tests only)\n"
          "      --max-body=BYTES     largest request body accepted (1048576)\n"
          "      --max-connections=N  concurrent connections (256); a request on one\n"
          "                           over it is answered 503 and the connection closed\n"
          "      --max-per-address=N  concurrent connections from one client address\n"
          "                           (32; 0: no cap); answered 503 over it\n"
          "      --max-instances=N    instances the repository holds at most (1000000)\n"
          "      --max-enum-bytes=BYTES\n"
          "                           bytes the open enumerations' snapshots hold in\n"
          "                           all (268435456)\n"
          "      --timeout=SECONDS    idle connection timeout (30)\n"
          "      --request-deadline=SECONDS\n"
          "                           a request's head and body must arrive within\n"
          "                           this time, from the connection's accept or, kept\n"
          "                           alive, from the request's first byte (10; 0: none)\n"
          "      --threads=N          a pool of N threads waiting on all connections\n"
          "                           (epoll; for many connections: threads and memory\n"
          "                           stay bounded); default: one thread per connection\n"
          "  -q, --quiet              do not log one line per request\n"
          "\n",
          out);
    /* In two: C99 compilers need not take a literal over 4095 bytes. */
    fputs("Providers:\n"
          "      --provider=LIB.so    serve the classes of the provider library LIB.so\n"
          "                           (its MI_Main) from it instead of from memory\n"
          "                           (repeatable); each library runs in a host\n"
          "                           process of its own, restarted if it crashes\n"
          "      --provider-timeout=SECONDS\n"
          "                           time a provider has to post its result (30)\n"
          "      --provider-idle-timeout=SECONDS\n"
          "                           unload a provider idle this long, loading it\n"
          "                           again at the next request (90; 0: never)\n"
          "      --provider-host=PATH the host program (the installed\n"
          "                           mofbind-provider-host)\n"
          "      --providers-in-process  run providers on threads of the server, for\n"
          "                           debugging (a crash then stops the server)\n"
          "      --method-result=CLASS.METHOD=VALUE\n"
          "                           answer Invoke of CLASS.METHOD (METHOD * for\n"
          "                           every method of CLASS) with ReturnValue VALUE\n"
          "                           and OUT parameters unset (repeatable); other\n"
          "                           methods are answered MI_RESULT_NOT_SUPPORTED\n"
          "\n"
          "  -h, --help               display this help and exit\n"
          "  -V, --version            output version information and exit\n"
          "\n"
          "SIGINT or SIGTERM stops the server cleanly. Exit status is 0 after a clean\n"
          "stop, 1 when the options, schemas, credentials, TLS files or state file\n"
          "cannot be used or the address cannot be bound.\n",
          out);
}

static const char **push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) {
        fputs("mofbind-server: out of memory\n", stderr);
        exit(1);
    }
    nv[(*n)++] = s;
    *v = nv;
    return nv;
}

static unsigned long number(const char *opt, const char *s, unsigned long max)
{
    char *end;
    unsigned long v;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v > max || s[0] == '-') {
        fprintf(stderr, "mofbind-server: invalid value '%s' for %s\n", s, opt);
        exit(1);
    }
    return v;
}

/* --method-result CLASS.METHOD=VALUE: a canned answer, for demos and for users' CI. */
typedef struct canned {
    const char *spec;  /* the option's argument, for messages */
    char *class_name;  /* owned */
    char *method_name; /* owned; NULL for every method */
    const char *value; /* points into spec */
} canned;

static MI_Result canned_answer(void *ctx, msrv_call *call)
{
    const canned *k = ctx;
    MI_Value v;
    MI_Type type;
    MI_Result r = MI_Instance_GetElement(call->out, MI_T("ReturnValue"), NULL, &type, NULL, NULL);
    if (r == MI_RESULT_NO_SUCH_PROPERTY)
        return MI_RESULT_OK; /* a method without a return value */
    if (r == MI_RESULT_OK && (type & MI_ARRAY))
        r = MI_RESULT_NOT_SUPPORTED;
    if (r == MI_RESULT_OK)
        r = wsman_parse_scalar(k->value, type, &v);
    if (r == MI_RESULT_OK)
        r = MI_Instance_SetElement(call->out, MI_T("ReturnValue"), &v, type, 0);
    if (r != MI_RESULT_OK)
        snprintf(call->message, call->message_size,
                 "--method-result %s: '%s' is not a value of the method's return type", k->spec,
                 k->value);
    return r;
}

static void canned_parse(canned *k, const char *spec)
{
    const char *dot = strchr(spec, '.'), *eq = dot ? strchr(dot, '=') : NULL;
    memset(k, 0, sizeof *k);
    k->spec = spec;
    if (!dot || !eq || dot == spec || eq == dot + 1) {
        fprintf(stderr, "mofbind-server: --method-result wants CLASS.METHOD=VALUE, not '%s'\n",
                spec);
        exit(1);
    }
    k->class_name = strndup(spec, (size_t)(dot - spec));
    if (!(eq - dot == 2 && dot[1] == '*'))
        k->method_name = strndup(dot + 1, (size_t)(eq - dot - 1));
    k->value = eq + 1;
    if (!k->class_name || (!k->method_name && !(eq - dot == 2 && dot[1] == '*'))) {
        fputs("mofbind-server: out of memory\n", stderr);
        exit(1);
    }
}

static void canned_free(canned *k, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(k[i].class_name);
        free(k[i].method_name);
    }
    free(k);
}

/* The first line of a file, for --password-file. */
static char *first_line(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[1024];
    size_t n;
    if (!f) {
        fprintf(stderr, "mofbind-server: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    if (!fgets(buf, sizeof buf, f))
        buf[0] = '\0';
    fclose(f);
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return strdup(buf);
}

enum {
    OPT_NAMESPACE = 256,
    OPT_STATE,
    OPT_STATE_RECOVER,
    OPT_CERT,
    OPT_KEY,
    OPT_PASSWORD_FILE,
    OPT_USERS_FILE,
    OPT_NO_AUTH,
    OPT_MAX_BODY,
    OPT_MAX_CONN,
    OPT_MAX_PER_ADDR,
    OPT_DEADLINE,
    OPT_MAX_INST,
    OPT_MAX_ENUM_BYTES,
    OPT_TIMEOUT,
    OPT_THREADS,
    OPT_METHOD_RESULT,
    OPT_PROVIDER,
    OPT_PROVIDER_HOST,
    OPT_PROVIDER_TIMEOUT,
    OPT_PROVIDER_IDLE_TIMEOUT,
    OPT_PROVIDERS_IN_PROCESS
};

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"schema", required_argument, NULL, 's'},
        {"include-dir", required_argument, NULL, 'I'},
        {"namespace", required_argument, NULL, OPT_NAMESPACE},
        {"state", required_argument, NULL, OPT_STATE},
        {"state-recover", no_argument, NULL, OPT_STATE_RECOVER},
        {"listen", required_argument, NULL, 'l'},
        {"cert", required_argument, NULL, OPT_CERT},
        {"key", required_argument, NULL, OPT_KEY},
        {"user", required_argument, NULL, 'u'},
        {"password", required_argument, NULL, 'p'},
        {"password-file", required_argument, NULL, OPT_PASSWORD_FILE},
        {"users-file", required_argument, NULL, OPT_USERS_FILE},
        {"no-auth", no_argument, NULL, OPT_NO_AUTH},
        {"max-body", required_argument, NULL, OPT_MAX_BODY},
        {"max-connections", required_argument, NULL, OPT_MAX_CONN},
        {"max-per-address", required_argument, NULL, OPT_MAX_PER_ADDR},
        {"request-deadline", required_argument, NULL, OPT_DEADLINE},
        {"max-instances", required_argument, NULL, OPT_MAX_INST},
        {"max-enum-bytes", required_argument, NULL, OPT_MAX_ENUM_BYTES},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"quiet", no_argument, NULL, 'q'},
        {"method-result", required_argument, NULL, OPT_METHOD_RESULT},
        {"provider", required_argument, NULL, OPT_PROVIDER},
        {"provider-host", required_argument, NULL, OPT_PROVIDER_HOST},
        {"provider-timeout", required_argument, NULL, OPT_PROVIDER_TIMEOUT},
        {"provider-idle-timeout", required_argument, NULL, OPT_PROVIDER_IDLE_TIMEOUT},
        {"providers-in-process", no_argument, NULL, OPT_PROVIDERS_IN_PROCESS},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    msrv_config cfg;
    const char **schemas = NULL, **incs = NULL, **provs = NULL;
    size_t nschemas = 0, nincs = 0, nprovs = 0, ncanned = 0, i;
    canned *canneds = NULL;
    char *password_owned = NULL;
    msrv_server *srv = NULL;
    char err[512];
    sigset_t sigs;
    int c, sig = 0, rc;

    memset(&cfg, 0, sizeof cfg);
    while ((c = getopt_long(argc, argv, "s:I:l:u:p:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            push(&schemas, &nschemas, optarg);
            break;
        case 'I':
            push(&incs, &nincs, optarg);
            break;
        case OPT_NAMESPACE:
            cfg.default_ns = optarg;
            break;
        case OPT_STATE:
            cfg.state_file = optarg;
            break;
        case OPT_STATE_RECOVER:
            cfg.state_recover = true;
            break;
        case 'l':
            cfg.listen = optarg;
            break;
        case OPT_CERT:
            cfg.cert_file = optarg;
            break;
        case OPT_KEY:
            cfg.key_file = optarg;
            break;
        case 'u':
            cfg.user = optarg;
            break;
        case 'p':
            cfg.password = optarg;
            break;
        case OPT_PASSWORD_FILE:
            free(password_owned);
            password_owned = first_line(optarg);
            cfg.password = password_owned;
            break;
        case OPT_USERS_FILE:
            cfg.users_file = optarg;
            break;
        case OPT_NO_AUTH:
            cfg.no_auth = true;
            break;
        case OPT_MAX_BODY:
            cfg.max_body = number("--max-body", optarg, 1024ul * 1024ul * 1024ul);
            break;
        case OPT_MAX_CONN:
            cfg.max_connections = (unsigned)number("--max-connections", optarg, 65535);
            break;
        case OPT_MAX_PER_ADDR:
            cfg.max_per_address = (unsigned)number("--max-per-address", optarg, 65535);
            if (!cfg.max_per_address)
                cfg.max_per_address = MSRV_UNLIMITED;
            break;
        case OPT_DEADLINE:
            cfg.request_deadline = (unsigned)number("--request-deadline", optarg, 86400);
            if (!cfg.request_deadline)
                cfg.request_deadline = MSRV_UNLIMITED;
            break;
        case OPT_MAX_ENUM_BYTES:
            cfg.max_enum_bytes = number("--max-enum-bytes", optarg, 1ul << 40);
            break;
        case OPT_MAX_INST:
            cfg.max_instances = number("--max-instances", optarg, 1000000000ul);
            break;
        case OPT_TIMEOUT:
            cfg.timeout = (unsigned)number("--timeout", optarg, 86400);
            break;
        case OPT_THREADS:
            cfg.threads = (unsigned)number("--threads", optarg, 256);
            break;
        case 'q':
            cfg.quiet = true;
            break;
        case OPT_PROVIDER:
            push(&provs, &nprovs, optarg);
            break;
        case OPT_PROVIDER_HOST:
            cfg.provider_host = optarg;
            break;
        case OPT_PROVIDER_TIMEOUT:
            cfg.provider_timeout = (unsigned)number("--provider-timeout", optarg, 86400);
            break;
        case OPT_PROVIDER_IDLE_TIMEOUT:
            cfg.provider_idle_timeout =
                (unsigned)number("--provider-idle-timeout", optarg, 31536000);
            if (!cfg.provider_idle_timeout)
                cfg.provider_idle_timeout = MSRV_UNLIMITED;
            break;
        case OPT_PROVIDERS_IN_PROCESS:
            cfg.providers_in_process = true;
            break;
        case OPT_METHOD_RESULT: {
            canned *nc = realloc(canneds, (ncanned + 1) * sizeof *canneds);
            if (!nc) {
                fputs("mofbind-server: out of memory\n", stderr);
                return 1;
            }
            canneds = nc;
            canned_parse(&canneds[ncanned++], optarg);
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("mofbind-server (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            return 0;
        default:
            fputs("Try 'mofbind-server --help' for more information.\n", stderr);
            return 1;
        }
    }
    if (optind < argc) {
        fprintf(stderr,
                "mofbind-server: unexpected argument '%s' (schemas go with --schema)\n"
                "Try 'mofbind-server --help' for more information.\n",
                argv[optind]);
        return 1;
    }
    if (nschemas == 0)
        fputs("mofbind-server: warning: no --schema: no class is served\n", stderr);
    if (cfg.state_recover && !cfg.state_file) {
        fputs("mofbind-server: --state-recover goes with --state\n", stderr);
        return 1;
    }
    cfg.schema_files = schemas;
    cfg.n_schema_files = nschemas;
    cfg.include_dirs = incs;
    cfg.n_include_dirs = nincs;
    cfg.providers = provs;
    cfg.n_providers = nprovs;
    if (cfg.no_auth)
        fputs("mofbind-server: WARNING: --no-auth: every request is accepted WITHOUT "
              "authentication. For tests only; never expose this server.\n",
              stderr);

    /* The signals are taken synchronously by sigwait below; blocking them first makes the
     * server's threads inherit the mask, so they never run a handler. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    rc = msrv_new(&cfg, &srv, err, sizeof err);
    if (password_owned) {
        memset(password_owned, 0, strlen(password_owned));
        free(password_owned);
    }
    free(schemas);
    free(provs);
    free(incs);
    if (rc != 0) {
        fprintf(stderr, "mofbind-server: %s\n", err);
        canned_free(canneds, ncanned);
        return 1;
    }
    for (i = 0; i < ncanned; i++) {
        if (msrv_register_method(srv, NULL, canneds[i].class_name, canneds[i].method_name,
                                 canned_answer, &canneds[i]) != 0) {
            fprintf(stderr, "mofbind-server: --method-result %s: no such class or method in the "
                    "schemas\n", canneds[i].spec);
            rc = 1;
        }
    }
    if (rc == 0 && msrv_start(srv, err, sizeof err) != 0) {
        fprintf(stderr, "mofbind-server: %s\n", err);
        rc = 1;
    }
    if (rc != 0) {
        msrv_free(srv);
        canned_free(canneds, ncanned);
        return 1;
    }
    printf("listening on %s%s%s:%u\n", strchr(msrv_address(srv), ':') ? "[" : "", msrv_address(srv),
           strchr(msrv_address(srv), ':') ? "]" : "", (unsigned)msrv_port(srv));
    fflush(stdout);
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "mofbind-server: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    msrv_stop(srv);
    msrv_free(srv);
    canned_free(canneds, ncanned);
    return 0;
}
