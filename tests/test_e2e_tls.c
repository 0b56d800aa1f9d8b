/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_tls.c: HTTPS end to end. A test CA and server certificates are made at test
 * time by scripts/testcerts.sh (the openssl command): a certificate for 127.0.0.1 signed by the
 * trusted CA works; a certificate for another host name, and one from a CA the client does not
 * trust, are refused unless the destination options turn that check off. Skips (exit 77) when
 * the openssl command is absent. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "e2e_util.h"

static char dir[256];

/* Makes DIR/NAME/{ca.pem,server.pem,server.key} for host. */
static int make_certs(const char *name, const char *host)
{
    char cmd[1024];
    const char *top = getenv("MOFBIND_SRCDIR");
    snprintf(cmd, sizeof cmd, "sh '%s/scripts/testcerts.sh' '%s/%s' '%s'", top ? top : E2E_SRCDIR,
             dir, name, host);
    return system(cmd);
}

static void path(char *out, size_t n, const char *name, const char *file)
{
    snprintf(out, n, "%s/%s/%s", dir, name, file);
}

static void start(e2e_server *s, const char *name)
{
    e2e_server_opts so;
    char cert[512], key[512];
    path(cert, sizeof cert, name, "server.pem");
    path(key, sizeof key, name, "server.key");
    memset(&so, 0, sizeof so);
    so.cert_file = cert;
    so.key_file = key;
    e2e_server_start(s, &so);
    ck_assert(msrv_is_tls(s->srv));
}

/* Creates a Win32_Foo over the session: the MI_Result, with error details when not OK. */
static MI_Result try_create(e2e_client *c, const char *id, MI_Instance **err)
{
    Win32_Foo x;
    MI_Result r;
    e2e_foo(&x, id);
    r = Win32_Foo_CreateSync(&c->session, E2E_NS, &x, NULL, err);
    Win32_Foo_Destruct(&x);
    return r;
}

static void expect_refused(e2e_client *c)
{
    MI_Instance *err = NULL;
    long t0 = e2e_now_ms();
    MI_Result r = try_create(c, "refused", &err);
    ck_assert_msg(r != MI_RESULT_OK, "a certificate that should be refused was accepted");
    ck_assert_msg(err != NULL, "no error details");
    ck_assert_int_eq(e2e_err_uint(err, "CIMStatusCode"), (long)r);
    ck_assert_int_eq(e2e_err_uint(err, "error_Category"), MI_ERRORCATEGORY_SECURITY_ERROR);
    ck_assert_int_lt(e2e_now_ms() - t0, 5000 * e2e_scale());
    MI_Instance_Delete(err);
}

START_TEST(good_certificate)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    char ca[512];
    MI_Instance *err = NULL;
    MI_Result r;
    start(&s, "good");
    path(ca, sizeof ca, "good", "ca.pem");
    memset(&o, 0, sizeof o);
    o.cafile = ca;
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    r = try_create(&c, "over-tls", &err);
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 2);
    e2e_client_close(&c);
    /* Without the CA, the system's store does not know the test CA. */
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    expect_refused(&c);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(wrong_host_name)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    char ca[512];
    start(&s, "otherhost");
    path(ca, sizeof ca, "otherhost", "ca.pem");
    memset(&o, 0, sizeof o);
    o.cafile = ca;
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    expect_refused(&c);
    e2e_client_close(&c);
    /* Unless the options say the name is not to be checked. */
    o.no_cn_check = 1;
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    ck_assert_int_eq(try_create(&c, "cn-off", NULL), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(unknown_ca)
{
    e2e_server s;
    e2e_client c;
    e2e_client_opts o;
    char ca[512];
    start(&s, "good");
    /* The CA of another run: a valid CA, just not the one that signed this certificate. */
    path(ca, sizeof ca, "otherca", "ca.pem");
    memset(&o, 0, sizeof o);
    o.cafile = ca;
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    expect_refused(&c);
    e2e_client_close(&c);
    /* Unless the options say the CA is not to be checked. */
    o.no_ca_check = 1;
    ck_assert_int_eq(e2e_client_open(&c, s.url, &o), MI_RESULT_OK);
    ck_assert_int_eq(try_create(&c, "ca-off", NULL), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Plain HTTP to an HTTPS port fails cleanly too. */
START_TEST(http_to_https_port)
{
    e2e_server s;
    e2e_client c;
    char url[128];
    MI_Instance *err = NULL;
    start(&s, "good");
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", s.port);
    ck_assert_int_eq(e2e_client_open(&c, url, NULL), MI_RESULT_OK);
    ck_assert_int_ne(try_create(&c, "plain", &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(err);
    MI_Instance_Delete(err);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

static Suite *suite(void)
{
    Suite *su = suite_create("e2e_tls");
    TCase *t = tcase_create("tls");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, good_certificate);
    tcase_add_test(t, wrong_host_name);
    tcase_add_test(t, unknown_ca);
    tcase_add_test(t, http_to_https_port);
    suite_add_tcase(su, t);
    return su;
}

int main(void)
{
    SRunner *sr;
    int failed;
    char cmd[512];
    const char *tmp = getenv("TMPDIR");
    if (system("openssl version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP: the openssl command is not available\n");
        return 77;
    }
    snprintf(dir, sizeof dir, "%s/mofbind-e2e-tls.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 99;
    }
    if (make_certs("good", "127.0.0.1") != 0 || make_certs("otherhost", "wrong.example") != 0 ||
        make_certs("otherca", "127.0.0.1") != 0) {
        fprintf(stderr, "scripts/testcerts.sh failed\n");
        return 99;
    }
    sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
