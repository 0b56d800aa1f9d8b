/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_provider.c: the end-to-end type and method suites of test_e2e.c, run against
 * the demo provider (examples/provider/, built from the skeletons `mofbind --provider` wrote)
 * that mofbind-server loads in a host process: every MI type and array type created, read back
 * with Get and Enumerate and compared, Modify, references, Reset and Attach with their typed
 * _In and _Out structs, all through the generated client bindings, and through the generated
 * provider glue on the other side; plus what only a provider does: the errors it posts, the
 * seed it makes at Load, and the association class it serves (Enumerate, and Associators and
 * References handed to its AssociatorInstances and ReferenceInstances). */
#define E2E_PROVIDER 1
#define E2E_NO_MAIN 1
#include "test_e2e.c"

#include "sync_run.h"

/* The errors the provider posts reach the client as its MI_Result and message. */
START_TEST(provider_errors)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x, key, got;
    MI_Instance *err = NULL;
    MI_Result r;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    Win32_Foo_Init(&key);
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_SetPtr_InstanceID(&key, "nobody"), MI_RESULT_OK);
    r = Win32_Foo_GetSync(&c.session, E2E_NS, &key, &got, &err);
    ck_assert_int_eq(r, MI_RESULT_NOT_FOUND);
    e2e_check_error(err, MI_RESULT_NOT_FOUND);
    ck_assert_str_eq(e2e_err_str(err, "Message"), "no Win32_Foo with InstanceID \"nobody\"");
    MI_Instance_Delete(err);
    err = NULL;
    e2e_foo(&x, "twice");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    r = Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, &err);
    ck_assert_int_eq(r, MI_RESULT_ALREADY_EXISTS);
    e2e_check_error(err, MI_RESULT_ALREADY_EXISTS);
    ck_assert_str_eq(e2e_err_str(err, "Message"),
                     "a Win32_Foo with this InstanceID exists already");
    MI_Instance_Delete(err);
    err = NULL;
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, E2E_NS, &x, NULL), MI_RESULT_OK);
    r = Win32_Foo_DeleteSync(&c.session, E2E_NS, &x, &err);
    ck_assert_int_eq(r, MI_RESULT_NOT_FOUND);
    MI_Instance_Delete(err);
    Win32_Foo_Destruct(&x);
    Win32_Foo_Destruct(&key);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* The seed the provider makes at Load, and the association class it serves. */
START_TEST(provider_seed_and_association)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo key, got, a, b;
    Demo_FooDependency dep, back;
    MI_Instance *ra = NULL, *rb = NULL, *err = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result r, res = MI_RESULT_FAILED;
    const MI_Char *msg;
    const MI_Instance *details;
    int n = 0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    Win32_Foo_Init(&key);
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_SetPtr_InstanceID(&key, "seed"), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &key, &got, NULL), MI_RESULT_OK);
    ck_assert_str_eq(got.Name.value, "The seed instance");
    ck_assert(got.Tags.exists);
    ck_assert_uint_eq(got.Tags.value.size, 2);
    ck_assert_str_eq(got.Tags.value.data[1], "from-provider");
    Win32_Foo_Destruct(&got);

    created_foo(&c, &a, "ante", &ra);
    created_foo(&c, &b, "dep", &rb);
    Demo_FooDependency_Init(&dep);
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Antecedent(&dep, ra), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Dependent(&dep, rb), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Reason(&dep, "needs it"), MI_RESULT_OK);
    r = Demo_FooDependency_CreateSync(&c.session, E2E_NS, &dep, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    /* A link to a thing that does not exist is refused by the provider. */
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Dependent(&dep, ra), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, E2E_NS, &a, NULL), MI_RESULT_OK);
    r = Demo_FooDependency_CreateSync(&c.session, E2E_NS, &dep, NULL, &err);
    ck_assert_int_eq(r, MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_nonnull(strstr(e2e_err_str(err, "Message"), "two Win32_Foo that exist"));
    MI_Instance_Delete(err);
    Demo_FooDependency_Enumerate(&c.session, E2E_NS, MI_FALSE, NULL, &op);
    while (more) {
        Demo_FooDependency_Init(&back);
        ck_assert_int_eq(
            Demo_FooDependency_EnumerateNext(&op, &back, &found, &more, &res, &msg, &details),
            MI_RESULT_OK);
        if (found) {
            n++;
            ck_assert(back.Reason.exists);
            ck_assert_str_eq(back.Reason.value, "needs it");
        }
        Demo_FooDependency_Destruct(&back);
    }
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_eq(n, 1);
    MI_Instance_Delete(ra);
    MI_Instance_Delete(rb);
    Win32_Foo_Destruct(&a);
    Win32_Foo_Destruct(&b);
    Win32_Foo_Destruct(&key);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* What an Associators or References operation gave: its result and the InstanceID (of the
 * Antecedent for a Demo_FooDependency) of each instance, joined by ','. */
typedef struct assoc_out {
    MI_Result result;
    int n;
    char ids[256];
} assoc_out;

/* Notes an instance's InstanceID in the assoc_out ctx. */
static void assoc_note(void *ctx, const MI_Instance *inst)
{
    assoc_out *o = (assoc_out *)ctx;
    MI_Value v;
    MI_Type t;
    const MI_Char *cn = NULL;
    ck_assert_int_eq(MI_Instance_GetClassName(inst, &cn), MI_RESULT_OK);
    if (strcmp(cn, "Demo_FooDependency") == 0) {
        ck_assert_int_eq(MI_Instance_GetElement(inst, "Antecedent", &v, &t, NULL, NULL),
                         MI_RESULT_OK);
        ck_assert_int_eq(t, MI_REFERENCE);
        ck_assert_int_eq(MI_Instance_GetElement(v.reference, "InstanceID", &v, &t, NULL, NULL),
                         MI_RESULT_OK);
    } else {
        ck_assert_str_eq(cn, "Win32_Foo");
        ck_assert_int_eq(MI_Instance_GetElement(inst, "InstanceID", &v, &t, NULL, NULL),
                         MI_RESULT_OK);
    }
    ck_assert_int_eq(t, MI_STRING);
    snprintf(o->ids + strlen(o->ids), sizeof o->ids - strlen(o->ids), "%s%s", o->n++ ? "," : "",
             v.string);
}

static void assoc_collect(MI_Operation *op, assoc_out *o)
{
    memset(o, 0, sizeof *o);
    o->result = sync_run_each(op, 0, assoc_note, o).result;
}

static void associators(e2e_client *c, const MI_Instance *src, const char *assoc,
                        const char *result, const char *role, assoc_out *o)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Session_AssociatorInstances(&c->session, 0, NULL, E2E_NS, src, assoc, result, role, NULL,
                                   MI_FALSE, NULL, &op);
    assoc_collect(&op, o);
}

static void references(e2e_client *c, const MI_Instance *src, const char *result, const char *role,
                       assoc_out *o)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Session_ReferenceInstances(&c->session, 0, NULL, E2E_NS, src, result, role, MI_FALSE, NULL,
                                  &op);
    assoc_collect(&op, o);
}

/* Associators and References of instances a provider serves, answered by the association's
 * provider through the generated AssociatorInstances and ReferenceInstances glue, with the
 * filters applied (by the provider: the role; by the server: the classes). */
START_TEST(provider_associators_references)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo a, b, x;
    Demo_FooDependency dep;
    MI_Instance *ra = NULL, *rb = NULL, *rx = NULL;
    assoc_out o;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    created_foo(&c, &a, "ante", &ra);
    created_foo(&c, &b, "dep", &rb);
    created_foo(&c, &x, "alone", &rx);
    Demo_FooDependency_Init(&dep);
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Antecedent(&dep, ra), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_SetPtr_Dependent(&dep, rb), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_CreateSync(&c.session, E2E_NS, &dep, NULL, NULL),
                     MI_RESULT_OK);

    associators(&c, ra, NULL, NULL, NULL, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.ids, "dep");
    associators(&c, rb, "Demo_FooDependency", "Win32_Foo", NULL, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.ids, "ante");
    associators(&c, rb, NULL, NULL, "Dependent", &o); /* b is the Dependent: a is found */
    ck_assert_str_eq(o.ids, "ante");
    associators(&c, rb, NULL, NULL, "Antecedent", &o); /* the role the provider checks */
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.n, 0);
    associators(&c, ra, NULL, "Demo_Setting", NULL, &o); /* a result class it is not */
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.n, 0);
    associators(&c, rx, NULL, NULL, NULL, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.n, 0);

    references(&c, ra, NULL, NULL, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.ids, "ante");
    references(&c, rb, "Demo_FooDependency", "Dependent", &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.ids, "ante");
    references(&c, rb, NULL, "Antecedent", &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.n, 0);
    references(&c, ra, "Win32_Foo", NULL, &o); /* not an association class */
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.n, 0);

    /* An unknown result class is the server's error, before any provider is asked. */
    associators(&c, ra, NULL, "No_Such_Class", NULL, &o);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);

    MI_Instance_Delete(ra);
    MI_Instance_Delete(rb);
    MI_Instance_Delete(rx);
    Win32_Foo_Destruct(&a);
    Win32_Foo_Destruct(&b);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("e2e_provider");
    TCase *t = tcase_create("provider");
    SRunner *sr;
    int failed;
    tcase_set_timeout(t, 60 * (double)e2e_scale());
    tcase_add_test(t, types_typical);
    tcase_add_test(t, types_edges);
    tcase_add_test(t, types_nulls);
    tcase_add_test(t, types_one_by_one);
    tcase_add_test(t, types_references);
    tcase_add_test(t, types_modify);
    tcase_add_test(t, concurrent_sessions);
    tcase_add_test(t, method_reset);
    tcase_add_test(t, method_references);
    tcase_add_test(t, method_typed_parameters);
    tcase_add_test(t, provider_errors);
    tcase_add_test(t, provider_seed_and_association);
    tcase_add_test(t, provider_associators_references);
    suite_add_tcase(su, t);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
