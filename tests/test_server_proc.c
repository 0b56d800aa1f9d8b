/* SPDX-License-Identifier: MIT */
/* tests/test_server_proc.c: the mofbind-server program as a child process: its command line,
 * the `listening on` line, SIGTERM, the state file after kill -9 right after acknowledged
 * Creates, and HTTPS with a certificate made at test time by the openssl command. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_server_util.h"

static char *server_path(void)
{
    const char *b = getenv("MOFBIND_BUILDDIR");
    return ts_fmt("%s/server/mofbind-server", b && *b ? b : ".");
}

typedef struct child {
    pid_t pid;
    int out; /* its stdout */
    unsigned port;
    char url[128];
} child;

/* Runs the server with args (NULL-terminated, without argv[0]); stderr goes to errfile (or
 * /dev/null). Returns the exit status when it exits before printing `listening on`, else
 * -1000 with *c filled. */
static int spawn(child *c, const char *const *args, const char *errfile, bool https)
{
    int pipefd[2];
    char *bin = server_path();
    const char *argv[40];
    size_t n = 0;
    char line[256];
    size_t len = 0;
    memset(c, 0, sizeof *c);
    argv[n++] = bin;
    for (; *args && n < 38; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    ck_assert_int_eq(pipe(pipefd), 0);
    c->pid = fork();
    ck_assert_int_ge(c->pid, 0);
    if (c->pid == 0) {
        int fd = open(errfile ? errfile : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(pipefd[1], 1);
        if (fd >= 0)
            dup2(fd, 2);
        close(pipefd[0]);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    free(bin);
    close(pipefd[1]);
    c->out = pipefd[0];
    /* Wait for the first line (10 s at most). */
    while (len < sizeof line - 1) {
        struct pollfd p = {c->out, POLLIN, 0};
        ssize_t r;
        if (poll(&p, 1, 10000) <= 0)
            break;
        r = read(c->out, line + len, 1);
        if (r <= 0)
            break;
        if (line[len] == '\n')
            break;
        len++;
    }
    line[len] = '\0';
    if (sscanf(line, "listening on 127.0.0.1:%u", &c->port) != 1) {
        int st = 0;
        waitpid(c->pid, &st, 0);
        close(c->out);
        c->pid = 0;
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    snprintf(c->url, sizeof c->url, "%s://127.0.0.1:%u/wsman", https ? "https" : "http", c->port);
    return -1000;
}

static int finish(child *c, int sig)
{
    int st = 0;
    if (!c->pid)
        return -1;
    kill(c->pid, sig);
    waitpid(c->pid, &st, 0);
    close(c->out);
    c->pid = 0;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Runs the program to completion; returns the exit status and its stdout (malloc'd). */
static int run(const char *const *args, char **out)
{
    child c;
    char buf[8192];
    size_t len = 0;
    ssize_t r;
    int pipefd[2], st = 0;
    char *bin = server_path();
    const char *argv[20];
    size_t n = 0;
    argv[n++] = bin;
    for (; *args && n < 18; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    ck_assert_int_eq(pipe(pipefd), 0);
    c.pid = fork();
    ck_assert_int_ge(c.pid, 0);
    if (c.pid == 0) {
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    free(bin);
    close(pipefd[1]);
    while (len < sizeof buf - 1 && (r = read(pipefd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = '\0';
    close(pipefd[0]);
    waitpid(c.pid, &st, 0);
    *out = ts_fmt("%s", buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static ts_resp post(const char *url, const char *body, const char *cafile)
{
    static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
    return ts_request(url, NULL, TS_USER, TS_PASSWORD, ct, body, strlen(body), cafile);
}

static char *create_env(const char *id)
{
    char *props = ts_fmt("<p:Id>%s</p:Id><p:Name>n-%s</p:Name>", id, id);
    char *body = ts_widget("Contoso_Widget", props);
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    free(props);
    free(body);
    return env;
}

START_TEST(help_and_version)
{
    static const char *const help[] = {"--help", NULL};
    static const char *const version[] = {"--version", NULL};
    static const char *const bogus[] = {"--bogus", NULL};
    char *out;
    ck_assert_int_eq(run(help, &out), 0);
    ck_assert_msg(strstr(out, "Usage: mofbind-server") && strstr(out, "--schema") &&
                      strstr(out, "--state") && strstr(out, "--no-auth"),
                  "%s", out);
    free(out);
    ck_assert_int_eq(run(version, &out), 0);
    ck_assert_msg(strstr(out, "mofbind-server") && strstr(out, PACKAGE_VERSION), "%s", out);
    free(out);
    ck_assert_int_eq(run(bogus, &out), 1);
    ck_assert_msg(strstr(out, "--help"), "%s", out);
    free(out);
}
END_TEST

START_TEST(refuses_to_run_open)
{
    char *schema = ts_path("tests/server/widget.mof");
    const char *const noauth_missing[] = {"--schema", schema, "--listen", "127.0.0.1:0", NULL};
    const char *const half[] = {"--schema", schema, "--user", "x", "--listen", "127.0.0.1:0", NULL};
    const char *const badmof[] = {"--schema", "/nonexistent/x.mof", "--no-auth", NULL};
    const char *const badlisten[] = {"--schema", schema, "--no-auth", "--listen", "nohost:1", NULL};
    char *out;
    ck_assert_int_eq(run(noauth_missing, &out), 1);
    ck_assert_msg(strstr(out, "no credentials"), "%s", out);
    free(out);
    ck_assert_int_eq(run(half, &out), 1);
    free(out);
    ck_assert_int_eq(run(badmof, &out), 1);
    free(out);
    ck_assert_int_eq(run(badlisten, &out), 1);
    ck_assert_msg(strstr(out, "invalid listen address"), "%s", out);
    free(out);
    free(schema);
}
END_TEST

START_TEST(method_result_refused)
{
    char *schema = ts_path("tests/server/widget.mof");
    const char *const bad[] = {"--schema", schema, "--no-auth", "--method-result", "Widget",
                               NULL};
    const char *const unknown[] = {"--schema", schema, "--no-auth", "--listen", "127.0.0.1:0",
                                   "--method-result", "Nope_Class.Run=0", NULL};
    char *out;
    ck_assert_int_eq(run(bad, &out), 1);
    ck_assert_msg(strstr(out, "--method-result wants CLASS.METHOD=VALUE, not 'Widget'"), "%s",
                  out);
    free(out);
    ck_assert_int_eq(run(unknown, &out), 1);
    ck_assert_msg(strstr(out, "--method-result Nope_Class.Run=0: no such class or method"), "%s",
                  out);
    free(out);
    free(schema);
}
END_TEST

START_TEST(no_auth_is_loud)
{
    char *schema = ts_path("tests/server/widget.mof");
    char errf[512];
    const char *const args[] = {"--schema", schema, "--no-auth", "--listen", "127.0.0.1:0", NULL};
    child c;
    char *env = create_env("open1");
    ts_resp r;
    int fd = ts_mkstemp(errf, sizeof errf);
    char buf[4096] = "";
    ssize_t n;
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(spawn(&c, args, errf, false), -1000);
    {
        static const char *const ct[] = {"Content-Type: application/soap+xml", NULL};
        r = ts_request(c.url, NULL, NULL, NULL, ct, env, strlen(env), NULL);
    }
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    ck_assert_int_eq(finish(&c, SIGTERM), 0);
    n = read(fd, buf, sizeof buf - 1);
    ck_assert_int_gt(n, 0);
    buf[n] = '\0';
    ck_assert_msg(strstr(buf, "WARNING") && strstr(buf, "--no-auth"), "%s", buf);
    /* One log line per request: action, class, result, status, microseconds. */
    ck_assert_msg(strstr(buf, "Create Contoso_Widget MI_RESULT_OK 200 "), "%s", buf);
    close(fd);
    unlink(errf);
    free(env);
    free(schema);
}
END_TEST

/* A port in use stops the start with a message; so does a bad certificate. */
START_TEST(cannot_listen)
{
    char *schema = ts_path("tests/server/widget.mof"), *out, *addr;
    child c;
    const char *const first[] = {"--schema",    schema,    "--no-auth", "--listen",
                                 "127.0.0.1:0", "--quiet", NULL};
    ck_assert_int_eq(spawn(&c, first, NULL, false), -1000);
    addr = ts_fmt("127.0.0.1:%u", c.port);
    {
        const char *const second[] = {"--schema", schema, "--no-auth", "--listen", addr, NULL};
        ck_assert_int_eq(run(second, &out), 1);
        ck_assert_msg(strstr(out, "cannot listen"), "%s", out);
        free(out);
    }
    {
        const char *const badtls[] = {"--schema", schema, "--no-auth", "--listen", "127.0.0.1:0",
                                      "--cert",   schema, "--key",     schema,     NULL};
        ck_assert_int_eq(run(badtls, &out), 1);
        free(out);
    }
    ck_assert_int_eq(finish(&c, SIGTERM), 0);
    free(addr);
    free(schema);
}
END_TEST

START_TEST(state_after_kill_9)
{
    char dir[512];
    char *schema = ts_path("tests/server/widget.mof"), *state;
    child c;
    int i;
    const int N = 25;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    {
        const char *const args[] = {"--schema", schema,        "--state",    state,
                                    "--user",   TS_USER,       "--password", TS_PASSWORD,
                                    "--listen", "127.0.0.1:0", "--quiet",    NULL};
        ck_assert_int_eq(spawn(&c, args, NULL, false), -1000);
        for (i = 0; i < N; i++) {
            char id[32];
            char *env;
            ts_resp r;
            snprintf(id, sizeof id, "k%d", i);
            env = create_env(id);
            r = post(c.url, env, NULL);
            ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
            ts_resp_free(&r);
            free(env);
        }
        /* Killed right after the last acknowledgement: no chance to flush anything. */
        ck_assert_int_eq(finish(&c, SIGKILL), 128 + SIGKILL);
    }
    {
        const char *const args[] = {"--schema", schema,        "--state",    state,
                                    "--user",   TS_USER,       "--password", TS_PASSWORD,
                                    "--listen", "127.0.0.1:0", "--quiet",    NULL};
        ck_assert_int_eq(spawn(&c, args, NULL, false), -1000);
        for (i = 0; i < N; i++) {
            char *sel = ts_fmt("<w:Selector Name=\"Id\">k%d</w:Selector>", i);
            char *env =
                ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2", sel, NULL, "");
            char *want = ts_fmt(">n-k%d<", i);
            ts_resp r = post(c.url, env, NULL);
            ck_assert_msg(r.status == 200, "k%d: %ld %s", i, r.status, r.body);
            TS_HAS(r, want);
            ts_resp_free(&r);
            free(env);
            free(sel);
            free(want);
        }
        ck_assert_int_eq(finish(&c, SIGTERM), 0);
    }
    /* No temporary file is left beside the state. */
    {
        char *cmd = ts_fmt("ls %s | grep -v '^repo.mof$' | grep -q .", dir);
        ck_assert_int_ne(system(cmd), 0);
        free(cmd);
        cmd = ts_fmt("rm -rf %s", dir);
        ck_assert_int_eq(system(cmd), 0);
        free(cmd);
    }
    free(state);
    free(schema);
}
END_TEST

START_TEST(state_file_errors_stop_start)
{
    char dir[512];
    char *schema = ts_path("tests/server/widget.mof"), *state, *out, *cmd;
    FILE *f;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    f = fopen(state, "w");
    ck_assert_ptr_nonnull(f);
    fputs("#pragma namespace(\"root/cimv2\")\ninstance of Contoso_Widget { Count = 1; };\n", f);
    fclose(f);
    {
        const char *const args[] = {"--schema", schema, "--state", state, "--no-auth", NULL};
        ck_assert_int_eq(run(args, &out), 1);
        ck_assert_msg(strstr(out, "repo.mof"), "%s", out);
        free(out);
    }
    cmd = ts_fmt("rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(state);
    free(schema);
}
END_TEST

START_TEST(https)
{
    char dir[512];
    char *schema = ts_path("tests/server/widget.mof"), *cert, *key, *cmd, *env, *plain;
    child c;
    ts_resp r;
    if (system("openssl version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP https: the openssl command is not available\n");
        free(schema);
        return;
    }
    ts_mkdtemp(dir, sizeof dir);
    cert = ts_fmt("%s/cert.pem", dir);
    key = ts_fmt("%s/key.pem", dir);
    cmd = ts_fmt("openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s -days 2 "
                 "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1",
                 key, cert);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    {
        const char *const args[] = {"--schema", schema,        "--cert",  cert,         "--key",
                                    key,        "--user",      TS_USER,   "--password", TS_PASSWORD,
                                    "--listen", "127.0.0.1:0", "--quiet", NULL};
        ck_assert_int_eq(spawn(&c, args, NULL, true), -1000);
    }
    /* Verified TLS (the certificate as the trust anchor), as OMI's 60-https capture. */
    env = create_env("w2");
    r = post(c.url, env, cert);
    ck_assert_msg(r.curl == CURLE_OK && r.status == 200, "curl %d status %ld %s", (int)r.curl,
                  r.status, r.body);
    TS_HAS(r, "ResourceCreated");
    ts_resp_free(&r);
    /* Without trusting the certificate, verification fails. */
    r = post(c.url, env, "/dev/null");
    ck_assert_int_ne(r.curl, CURLE_OK);
    ts_resp_free(&r);
    /* Plain HTTP to the HTTPS port gets no SOAP answer. */
    plain = ts_fmt("http://127.0.0.1:%u/wsman", c.port);
    r = post(plain, env, NULL);
    ck_assert_msg(r.status != 200, "plain HTTP answered 200");
    ts_resp_free(&r);
    ck_assert_int_eq(finish(&c, SIGTERM), 0);
    free(plain);
    free(env);
    cmd = ts_fmt("rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(cert);
    free(key);
    free(schema);
}
END_TEST

START_TEST(users_file)
{
    char dir[512];
    char *schema = ts_path("tests/server/widget.mof"), *users, *cmd, *env;
    FILE *f;
    child c;
    ts_resp r;
    static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
    ts_mkdtemp(dir, sizeof dir);
    users = ts_fmt("%s/users", dir);
    f = fopen(users, "w");
    ck_assert_ptr_nonnull(f);
    fputs("# test users\n\nalice:Wonder-1\nbob:Builder:2\n", f);
    fclose(f);
    chmod(users, 0600);
    {
        const char *const args[] = {"--schema", schema,        "--users-file", users,
                                    "--listen", "127.0.0.1:0", "--quiet",      NULL};
        ck_assert_int_eq(spawn(&c, args, NULL, false), -1000);
    }
    env = create_env("u1");
    r = ts_request(c.url, NULL, "alice", "Wonder-1", ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 200);
    ts_resp_free(&r);
    free(env);
    env = create_env("u2");
    r = ts_request(c.url, NULL, "bob", "Builder:2", ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 200);
    ts_resp_free(&r);
    r = ts_request(c.url, NULL, "alice", "Builder:2", ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 401);
    ts_resp_free(&r);
    free(env);
    ck_assert_int_eq(finish(&c, SIGINT), 0);
    cmd = ts_fmt("rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(users);
    free(schema);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server-process");
    TCase *tc = tcase_create("process");
    SRunner *sr;
    int failed;
    const char *b = getenv("MOFBIND_BUILDDIR");
    char bin[4096], root[4096];
    snprintf(bin, sizeof bin, "%s/server/mofbind-server", b && *b ? b : ".");
    if (access(bin, X_OK) != 0) {
        fprintf(stderr, "%s not built\n", bin);
        return 99;
    }
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_ALL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, help_and_version);
    tcase_add_test(tc, refuses_to_run_open);
    tcase_add_test(tc, method_result_refused);
    tcase_add_test(tc, no_auth_is_loud);
    tcase_add_test(tc, cannot_listen);
    tcase_add_test(tc, state_after_kill_9);
    tcase_add_test(tc, state_file_errors_stop_start);
    tcase_add_test(tc, https);
    tcase_add_test(tc, users_file);
    suite_add_tcase(s, tc);
    if (ts_tmproot_make(root, sizeof root) != 0)
        return 99;
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    ts_tmproot_remove(root);
    return failed ? 1 : 0;
}
