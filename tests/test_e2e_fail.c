/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_fail.c: failures end to end, through the bindings generated from
 * schemas/demo.mof: wrong or missing password, unknown class and namespace, the server killed in
 * the middle of an operation, no server listening, an operation timeout. Each must give the
 * right MI_Result with error details, within its time bound (no hang), and free everything. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e_util.h"

/* Creates a Win32_Foo and checks the failure: result, details (CIMStatusCode, a Message), the
 * error category when cat >= 0, and the time taken. */
static void expect_create_fails(e2e_client *c, const char *ns, MI_Result want, long cat,
                                long max_ms)
{
    Win32_Foo x;
    MI_Instance *err = NULL;
    MI_Result r;
    long t0 = e2e_now_ms(), dt;
    e2e_foo(&x, "fail");
    r = Win32_Foo_CreateSync(&c->session, ns, &x, NULL, &err);
    dt = e2e_now_ms() - t0;
    ck_assert_msg(r == want, "got MI_Result %d (%s), wanted %d", (int)r,
                  err && e2e_err_str(err, "Message") ? e2e_err_str(err, "Message") : "-",
                  (int)want);
    e2e_check_error(err, want);
    if (cat >= 0)
        ck_assert_msg(e2e_err_uint(err, "error_Category") == cat, "error_Category %ld, wanted %ld",
                      e2e_err_uint(err, "error_Category"), cat);
    ck_assert_msg(dt < max_ms * e2e_scale(), "took %ld ms", dt);
    MI_Instance_Delete(err);
    Win32_Foo_Destruct(&x);
}

START_TEST(wrong_password)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    e2e_server_start(&s, NULL);
    memset(&o, 0, sizeof o);
    o.password = "not-the-password";
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    expect_create_fails(&c, E2E_NS, MI_RESULT_ACCESS_DENIED, -1, 5000);
    e2e_client_close(&c);
    o.password = NULL;
    o.user = "nobody";
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    expect_create_fails(&c, E2E_NS, MI_RESULT_ACCESS_DENIED, -1, 5000);
    e2e_client_close(&c);
    o.user = "";
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    expect_create_fails(&c, E2E_NS, MI_RESULT_ACCESS_DENIED, -1, 5000);
    e2e_client_close(&c);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 1);
    e2e_server_stop(&s);
}
END_TEST

/* A server that knows root/mofbind but not the demo classes. */
static const char other_schema[] = "#pragma namespace(\"root/mofbind\")\n"
                                   "class Other_Thing { [Key] string Id; };\n";

/* The Message of a failed Create through c, as a static copy. */
static const char *create_message(e2e_client *c, MI_Result want)
{
    static char msg[512];
    Win32_Foo x;
    MI_Instance *err = NULL;
    e2e_foo(&x, "fail");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c->session, E2E_NS, &x, NULL, &err), want);
    snprintf(msg, sizeof msg, "%s", e2e_err_str(err, "Message") ? e2e_err_str(err, "Message") : "");
    MI_Instance_Delete(err);
    Win32_Foo_Destruct(&x);
    return msg;
}

/* Messages that say what happened: no credentials at all; https:// to a plain HTTP port. */
START_TEST(messages_say_what_happened)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    char url[160];
    const char *m;
    e2e_server_start(&s, NULL);
    memset(&o, 0, sizeof o);
    o.user = "";
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    m = create_message(&c, MI_RESULT_ACCESS_DENIED);
    ck_assert_msg(strstr(m, "no credentials were given") != NULL, "%s", m);
    e2e_client_close(&c);
    snprintf(url, sizeof url, "https://127.0.0.1:%u/wsman", s.port);
    memset(&o, 0, sizeof o);
    o.no_ca_check = 1;
    ck_assert_int_eq(e2e_client_open(&c, url, &o), MI_RESULT_OK);
    m = create_message(&c, MI_RESULT_FAILED);
    /* The server's plain answer is read, or (when it closed first, with the hello unread, so
     * that the kernel reset the connection) the handshake ended on a closed connection. */
    ck_assert_msg(strstr(m, "it answered in plain HTTP, not TLS") != NULL ||
                      strstr(m, "closed the connection during the TLS handshake") != NULL,
                  "%s", m);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(unknown_class)
{
    e2e_server s;
    e2e_server_opts so;
    e2e_client c;
    Win32_Foo x, got;
    MI_Instance *err = NULL;
    memset(&so, 0, sizeof so);
    so.schema_text = other_schema;
    e2e_server_start(&s, &so);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    expect_create_fails(&c, E2E_NS, MI_RESULT_INVALID_CLASS, -1, 5000);
    e2e_foo(&x, "k");
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &x, &got, &err),
                     MI_RESULT_INVALID_CLASS);
    e2e_check_error(err, MI_RESULT_INVALID_CLASS);
    MI_Instance_Delete(err);
    e2e_enumerate_fails(&c, E2E_NS, MI_RESULT_INVALID_CLASS);
    Win32_Foo_Destruct(&got);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(unknown_namespace)
{
    e2e_server s;
    e2e_client c;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    expect_create_fails(&c, "root/nosuch", MI_RESULT_INVALID_NAMESPACE, -1, 5000);
    expect_create_fails(&c, "root/mofbind/deeper", MI_RESULT_INVALID_NAMESPACE, -1, 5000);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* A port nothing listens on: bound, then closed. */
static unsigned free_port(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

START_TEST(not_listening)
{
    e2e_client c;
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", free_port());
    ck_assert_int_eq(e2e_client_open(&c, url, NULL), MI_RESULT_OK);
    expect_create_fails(&c, E2E_NS, MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR, 5000);
    /* Asynchronously too, through the callback. */
    {
        Win32_Foo x;
        MI_Operation op = MI_OPERATION_NULL;
        const MI_Instance *inst, *details;
        MI_Boolean more;
        MI_Result res;
        e2e_foo(&x, "k");
        Win32_Foo_Get(&c.session, E2E_NS, &x, NULL, &op);
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, &details),
                         MI_RESULT_OK);
        ck_assert(!more && !inst);
        ck_assert_int_eq(res, MI_RESULT_FAILED);
        ck_assert_ptr_nonnull(details);
        ck_assert_int_eq(e2e_err_uint(details, "error_Category"),
                         MI_ERRORCATEGORY_CONNECTION_ERROR);
        ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
        Win32_Foo_Destruct(&x);
    }
    e2e_client_close(&c);
}
END_TEST

/* Operation timeout: the destination's timeout is 1 s, the server takes 20. */
START_TEST(operation_timeout)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    Win32_Foo x;
    Win32_Foo_Reset_In in;
    Win32_Foo_Reset_Out out;
    MI_Instance *err = NULL;
    MI_Result r;
    long t0, dt;
    e2e_server_start(&s, NULL);
    memset(&o, 0, sizeof o);
    o.timeout_ms = 1000 * e2e_scale();
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    in.Level.value = E2E_SLOW_LEVEL;
    in.Level.exists = MI_TRUE;
    t0 = e2e_now_ms();
    r = Win32_Foo_Invoke_ResetSync(&c.session, E2E_NS, &x, &in, &out, &err);
    dt = e2e_now_ms() - t0;
    ck_assert_int_eq(r, MI_RESULT_FAILED);
    e2e_check_error(err, MI_RESULT_FAILED);
    ck_assert_int_eq(e2e_err_uint(err, "error_Category"), MI_ERRORCATEGORY_OPERATION_TIMEOUT);
    ck_assert_msg(dt >= 900 * e2e_scale() && dt < 5000 * e2e_scale(), "took %ld ms", dt);
    MI_Instance_Delete(err);
    Win32_Foo_Reset_Out_Destruct(&out);
    e2e_release(&s);
    /* The session is still usable. */
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, E2E_NS, &x, NULL), MI_RESULT_OK);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* The server runs in a child process, which is killed (SIGKILL) while it works on a request. */
START_TEST(server_killed)
{
    int fds[2], status;
    pid_t pid;
    unsigned port = 0;
    char url[64];
    e2e_client c;
    Win32_Foo x;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst, *details = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result res = MI_RESULT_OK;
    Win32_Foo_Reset_In in;
    long t0, dt;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        /* The child: a server whose slow Reset reports on the pipe that it has started. */
        e2e_server s;
        char line[32];
        close(fds[0]);
        e2e_server_start(&s, NULL);
        snprintf(line, sizeof line, "%u\n", s.port);
        if (write(fds[1], line, strlen(line)) < 0)
            _exit(1);
        e2e_wait_slow_entered(&s.calls, 1);
        if (write(fds[1], "S", 1) < 0)
            _exit(1);
        for (;;)
            pause();
    }
    close(fds[1]);
    {
        char buf[32];
        size_t n = 0;
        while (n < sizeof buf - 1 && read(fds[0], buf + n, 1) == 1 && buf[n] != '\n')
            n++;
        buf[n] = '\0';
        port = (unsigned)atoi(buf);
    }
    ck_assert_uint_gt(port, 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", port);
    ck_assert_int_eq(e2e_client_open(&c, url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "victim");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    memset(&in, 0, sizeof in);
    in.Level.value = E2E_SLOW_LEVEL;
    in.Level.exists = MI_TRUE;
    Win32_Foo_Invoke_Reset(&c.session, E2E_NS, &x, &in, NULL, &op);
    {
        char ch = 0;
        ck_assert_int_eq(read(fds[0], &ch, 1), 1);
        ck_assert_int_eq(ch, 'S');
    }
    t0 = e2e_now_ms();
    ck_assert_int_eq(kill(pid, SIGKILL), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, &details),
                         MI_RESULT_OK);
    dt = e2e_now_ms() - t0;
    ck_assert_int_eq(res, MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(details);
    ck_assert_int_eq(e2e_err_uint(details, "CIMStatusCode"), MI_RESULT_FAILED);
    ck_assert_int_eq(e2e_err_uint(details, "error_Category"), MI_ERRORCATEGORY_CONNECTION_ERROR);
    ck_assert_msg(dt < 5000 * e2e_scale(), "took %ld ms", dt);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    /* What follows fails at once: nothing listens any more. */
    expect_create_fails(&c, E2E_NS, MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR, 5000);
    close(fds[0]);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
}
END_TEST

static Suite *suite(void)
{
    Suite *su = suite_create("e2e_fail");
    TCase *t = tcase_create("failures");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, wrong_password);
    tcase_add_test(t, messages_say_what_happened);
    tcase_add_test(t, unknown_class);
    tcase_add_test(t, unknown_namespace);
    tcase_add_test(t, not_listening);
    tcase_add_test(t, operation_timeout);
    tcase_add_test(t, server_killed);
    suite_add_tcase(su, t);
    return su;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    signal(SIGPIPE, SIG_IGN);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
