/* SPDX-License-Identifier: MIT */
/* tests/test_server_class.c: MI_Session_GetClass and EnumerateClasses of libmofbind (public API
 * only) against mofbind-server in this process, on tests/server/classes.mof plus generated
 * subclasses: a class read back whole through the MI_ClassFT (qualifiers with their flavors,
 * ValueMap/Values, defaults, keys, arrays, references, embedded instances, methods and their
 * parameters, the superclass chain), Clone and Delete, synchronous and asynchronous delivery,
 * enumeration deep and shallow, class names only, Pull paging in small envelopes, cancel,
 * enumerations of several sessions at once on the application's event loop, and the failures
 * (class or namespace not found, bad names) as MI results with error details. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>

#include "test_server_util.h"

#define NS "root/test"
#define GENERATED 60 /* subclasses of Acme_Gadget the test adds */

static ts_mi M; /* the server, the application and its session */
static char *Extra;

static void setup(void)
{
    size_t cap = GENERATED * 200 + 64, len = 0;
    int i;
    Extra = malloc(cap);
    ck_assert_ptr_nonnull(Extra);
    len += (size_t)snprintf(Extra + len, cap - len, "#pragma namespace(\"root/test\")\n");
    for (i = 0; i < GENERATED; i++)
        len += (size_t)snprintf(Extra + len, cap - len,
                                "[Description(\"Generated subclass %d of the gadget, long enough "
                                "to fill envelopes.\")]\nclass Acme_Gadget%02d : Acme_Gadget { "
                                "uint32 P%02d = %d; };\n",
                                i, i, i, i);
    ts_mi_start(&M, "tests/server/classes.mof", Extra);
}

static void teardown(void)
{
    ts_mi_stop(&M);
    free(Extra);
}

/* ---- reading a class -------------------------------------------------------------------- */

/* The string array value of qualifier `name` in qs, joined with '|' into out. */
static void qual_strings(const MI_QualifierSet *qs, const char *name, char *out, size_t size)
{
    MI_Type t;
    MI_Uint32 flags, idx, i;
    MI_Value v;
    size_t len = 0;
    out[0] = '\0';
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(qs, name, &t, &flags, &v, &idx), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRINGA);
    for (i = 0; i < v.stringa.size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "|" : "", v.stringa.data[i]);
}

static void check_widget(const MI_Class *c)
{
    const MI_Char *s = NULL;
    MI_Uint32 n, flags, idx;
    MI_Type t;
    MI_Value v;
    MI_Boolean exists;
    MI_Char *refclass;
    MI_QualifierSet qs;
    MI_ParameterSet ps;
    char buf[200];

    ck_assert_int_eq(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Acme_Widget");
    ck_assert_int_eq(MI_Class_GetNameSpace(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, NS);
    ck_assert_int_eq(MI_Class_GetServerName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "127.0.0.1");
    ck_assert_int_eq(MI_Class_GetParentClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Acme_Base");

    /* The class's own qualifiers, and the ones it inherits (Version does not propagate to
     * subclasses? it does: ToSubclass is its flavor; Abstract is restricted). */
    ck_assert_int_eq(MI_Class_GetClassQualifierSet(c, &qs), MI_RESULT_OK);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "description", &t, &flags, &v, &idx),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRING);
    ck_assert_str_eq(v.string, "A widget & its <parts>.");
    ck_assert(flags & MI_FLAG_TRANSLATABLE);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "Abstract", &t, &flags, &v, &idx),
                     MI_RESULT_NOT_FOUND);

    /* Properties: inherited first, in the root's order. */
    ck_assert_int_eq(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(MI_Class_GetElementAt(c, 0, &s, NULL, &exists, &t, NULL, NULL, &flags),
                     MI_RESULT_OK);
    ck_assert_str_eq(s, "Name");
    ck_assert_int_eq(t, MI_STRING);
    ck_assert(flags & MI_FLAG_KEY);
    ck_assert(!exists);

    ck_assert_int_eq(MI_Class_GetElement(c, "status", &v, &exists, &t, NULL, &qs, &flags, &idx),
                     MI_RESULT_OK);
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(t, MI_UINT16);
    ck_assert(exists);
    ck_assert_uint_eq(v.uint16, 0); /* the override's default */
    ck_assert(!(flags & MI_FLAG_KEY));
    qual_strings(&qs, "ValueMap", buf, sizeof buf);
    ck_assert_str_eq(buf, "0|2");
    qual_strings(&qs, "Values", buf, sizeof buf);
    ck_assert_str_eq(buf, "Unknown|OK");

    ck_assert_int_eq(MI_Class_GetElement(c, "Tags", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRINGA);
    ck_assert(exists);
    ck_assert_uint_eq(v.stringa.size, 2);
    ck_assert_str_eq(v.stringa.data[1], "b");
    ck_assert_int_eq(MI_Class_GetElement(c, "Weight", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_REAL64);
    ck_assert(v.real64 == 1.5);
    ck_assert_int_eq(MI_Class_GetElement(c, "Enabled", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_BOOLEAN);
    ck_assert(v.boolean);
    ck_assert_int_eq(MI_Class_GetElement(c, "Built", &v, &exists, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_DATETIME);
    ck_assert(!exists);
    ck_assert_int_eq(MI_Class_GetElement(c, "LastJob", NULL, NULL, &t, &refclass, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_INSTANCE);
    ck_assert_str_eq(refclass, "Acme_Job");
    ck_assert_int_eq(MI_Class_GetElement(c, "Owner", NULL, NULL, &t, &refclass, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_REFERENCE);
    ck_assert_str_eq(refclass, "Acme_Job");
    ck_assert_int_eq(MI_Class_GetElement(c, "Nothing", NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    ck_assert_int_eq(MI_Class_GetElementAt(c, 8, &s, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);

    /* Methods and their parameters. */
    ck_assert_int_eq(MI_Class_GetMethodCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(MI_Class_GetMethod(c, "resize", &qs, &ps, &idx), MI_RESULT_OK);
    ck_assert_uint_eq(idx, 0);
    qual_strings(&qs, "Values", buf, sizeof buf);
    ck_assert_str_eq(buf, "Completed|Not Supported|Job Started");
    ck_assert_int_eq(MI_ParameterSet_GetMethodReturnType(&ps, &t, &qs), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert_int_eq(MI_ParameterSet_GetParameterCount(&ps, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(MI_ParameterSet_GetParameterAt(&ps, 0, &s, &t, &refclass, &qs), MI_RESULT_OK);
    ck_assert_str_eq(s, "NewSize");
    ck_assert_int_eq(t, MI_UINT64);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "Required", &t, &flags, &v, &idx),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_BOOLEAN);
    ck_assert(v.boolean);
    ck_assert_int_eq(MI_ParameterSet_GetParameter(&ps, "Reasons", &t, &refclass, &qs, &idx),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRINGA);
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(MI_ParameterSet_GetParameter(&ps, "Job", &t, &refclass, &qs, &idx),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_REFERENCE);
    ck_assert_str_eq(refclass, "Acme_Job");
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "Out", &t, &flags, &v, &idx), MI_RESULT_OK);
    ck_assert_int_eq(MI_ParameterSet_GetParameterAt(&ps, 3, &s, &t, &refclass, &qs),
                     MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Class_GetMethodAt(c, 1, &s, &qs, &ps), MI_RESULT_OK);
    ck_assert_str_eq(s, "Ping");
    ck_assert_int_eq(MI_ParameterSet_GetParameterCount(&ps, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(MI_ParameterSet_GetMethodReturnType(&ps, &t, &qs), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_BOOLEAN);
    ck_assert_int_eq(MI_Class_GetMethod(c, "Explode", &qs, &ps, &idx), MI_RESULT_METHOD_NOT_FOUND);
    ck_assert_int_eq(MI_Class_GetMethodAt(c, 2, &s, NULL, NULL), MI_RESULT_METHOD_NOT_FOUND);
}

/* The superclass chain of c, by GetParentClass (each handle deleted). */
static void check_chain(const MI_Class *c, const char *expect)
{
    char got[200] = "";
    size_t len = 0;
    MI_Class *cur = NULL, *next;
    const MI_Char *s;
    ck_assert_int_eq(MI_Class_Clone(c, &cur), MI_RESULT_OK);
    for (;;) {
        MI_Result r = MI_Class_GetParentClass(cur, &next);
        if (r == MI_RESULT_INVALID_SUPERCLASS) {
            ck_assert_ptr_null(next);
            break;
        }
        ck_assert_int_eq(r, MI_RESULT_OK);
        ck_assert_int_eq(MI_Class_GetClassName(next, &s), MI_RESULT_OK);
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", len ? " " : "", s);
        ck_assert_int_eq(MI_Class_Delete(cur), MI_RESULT_OK);
        cur = next;
    }
    ck_assert_int_eq(MI_Class_GetParentClassName(cur, &s), MI_RESULT_INVALID_SUPERCLASS);
    ck_assert_ptr_null(s);
    MI_Class_Delete(cur);
    ck_assert_str_eq(got, expect);
}

START_TEST(get_class_sync)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Class *c = NULL;
    MI_Class *copy = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_Widget", NULL, &op);
    ck_assert_int_eq(MI_Operation_GetClass(&op, &c, &more, &r, &msg, &details), MI_RESULT_OK);
    ck_assert_int_eq(r, MI_RESULT_OK);
    ck_assert(!more);
    ck_assert_ptr_nonnull(c);
    check_widget(c);
    check_chain(c, "Acme_Base Acme_Root");
    /* A clone outlives the operation. */
    ck_assert_int_eq(MI_Class_Clone(c, &copy), MI_RESULT_OK);
    MI_Operation_Close(&op);
    check_widget(copy);
    check_chain(copy, "Acme_Base Acme_Root");
    ck_assert_int_eq(MI_Class_Delete(copy), MI_RESULT_OK);

    /* The root class: abstract, no parent. */
    memset(&op, 0, sizeof op);
    MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_Root", NULL, &op);
    ck_assert_int_eq(MI_Operation_GetClass(&op, &c, &more, &r, &msg, &details), MI_RESULT_OK);
    ck_assert_int_eq(r, MI_RESULT_OK);
    ck_assert(c->classDecl->flags & MI_FLAG_ABSTRACT);
    check_chain(c, "");
    MI_Operation_Close(&op);
}
END_TEST

/* A class read from the server, copied by MI_Application_NewClass, and instances made from
 * each with MI_Application_NewInstanceFromClass: the copy is whole once the operation that
 * delivered the class (and with it the declaration it was copied from) is gone; an instance has
 * every property of the class, typed and flagged, none set (the defaults are the server's: a
 * Create of it gets them), and outlives the class it was made from. */
START_TEST(new_class_and_instance_from_class)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Class *c = NULL;
    MI_Class *copy = NULL;
    MI_Instance *from_read = NULL, *from_copy = NULL;
    const MI_Instance *got = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL, *s = NULL, *name = NULL, *pname = NULL;
    MI_Uint32 n = 0, i, flags = 0, pflags = 0;
    MI_Value v;
    MI_Type t, pt;
    char buf[64];
    MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_Widget", NULL, &op);
    ck_assert_int_eq(MI_Operation_GetClass(&op, &c, &more, &r, &msg, NULL), MI_RESULT_OK);
    ck_assert_int_eq(r, MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewClass(&M.app, c->classDecl, NS, "127.0.0.1", &copy),
                     MI_RESULT_OK);
    ck_assert_ptr_ne(copy->classDecl, c->classDecl);
    ck_assert_int_eq(MI_Application_NewInstanceFromClass(&M.app, NULL, c, &from_read),
                     MI_RESULT_OK);
    MI_Operation_Close(&op); /* frees c and its declaration */
    check_widget(copy);
    check_chain(copy, "Acme_Base Acme_Root");
    ck_assert_int_eq(MI_Application_NewInstanceFromClass(&M.app, "Acme_Widget", copy, &from_copy),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_Class_GetElementCount(copy, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 8);
    for (i = 0; i < n; i++) {
        MI_Instance *x = i % 2 ? from_read : from_copy;
        ck_assert_int_eq(
            MI_Class_GetElementAt(copy, i, &pname, NULL, NULL, &pt, NULL, NULL, &pflags),
            MI_RESULT_OK);
        ck_assert_int_eq(MI_Instance_GetElementAt(x, i, &name, &v, &t, &flags), MI_RESULT_OK);
        ck_assert_str_eq(name, pname);
        ck_assert_int_eq(t, pt);
        ck_assert(flags & MI_FLAG_NULL); /* Status and Weight have defaults: not applied */
        ck_assert_uint_eq(flags & MI_FLAG_KEY, pflags & MI_FLAG_KEY);
    }
    ck_assert_int_eq(MI_Class_Delete(copy), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetClassName(from_copy, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Acme_Widget");
    /* Created on the server, the instance gets the class's defaults there. */
    v.string = (MI_Char *)"made-from-class";
    ck_assert_int_eq(MI_Instance_SetElement(from_read, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    memset(&op, 0, sizeof op);
    MI_Session_CreateInstance(&M.session, 0, NULL, NS, from_read, NULL, &op);
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &got, &more, &r, &msg, NULL), MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", r, msg ? msg : "");
    MI_Operation_Close(&op);
    memset(&op, 0, sizeof op);
    MI_Session_GetInstance(&M.session, 0, NULL, NS, from_read, NULL, &op);
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &got, &more, &r, &msg, NULL), MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && got, "Get: %d %s", r, msg ? msg : "");
    ck_assert_str_eq(ts_elem_text(got, "Status", buf), "0"); /* the override's default */
    MI_Operation_Close(&op);
    MI_Instance_Delete(from_read);
    MI_Instance_Delete(from_copy);
}
END_TEST

typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned classes;
    unsigned names_only; /* classes that came with no properties */
    int done;
    int widget_ok;
    MI_Result result;
    MI_Uint32 status; /* CIMStatusCode of the details, 0 when none */
    int cancel_after;
    const char *chain;       /* the superclass chain every class must have (NULL: not checked) */
    MI_Session *close_first; /* close this session from the first class's callback */
    ts_closed *closed;       /* ... whose close completes here */
} waiter;

static void MI_CALL on_class(MI_Operation *op, void *ctx, const MI_Class *c, MI_Boolean more,
                             MI_Result r, const MI_Char *msg, const MI_Instance *details,
                             MI_Result(MI_CALL *ack)(MI_Operation *))
{
    waiter *w = ctx;
    (void)msg;
    pthread_mutex_lock(&w->mu);
    if (c) {
        const MI_Char *name = NULL;
        MI_Uint32 n = 1;
        w->classes++;
        MI_Class_GetClassName(c, &name);
        MI_Class_GetElementCount(c, &n);
        w->names_only += n == 0;
        if (name && !strcmp(name, "Acme_Widget") && n > 0) {
            pthread_mutex_unlock(&w->mu);
            check_widget(c);
            check_chain(c, "Acme_Base Acme_Root");
            pthread_mutex_lock(&w->mu);
            w->widget_ok = 1;
        }
        if (w->chain)
            check_chain(c, w->chain);
    }
    if (w->cancel_after && w->classes == (unsigned)w->cancel_after)
        MI_Operation_Cancel(op, MI_REASON_NONE);
    if (!more) {
        MI_Value v;
        w->done = 1;
        w->result = r;
        if (details &&
            MI_Instance_GetElement(details, "CIMStatusCode", &v, NULL, NULL, NULL) == MI_RESULT_OK)
            w->status = v.uint32;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    if (c && w->close_first) {
        /* From a callback: does not block; the loop finishes the close. */
        ck_assert_int_eq(MI_Session_Close(w->close_first, w->closed, ts_on_closed), MI_RESULT_OK);
        w->close_first = NULL;
    }
    if (ack)
        ack(op);
}

static void waiter_init(waiter *w, MI_OperationCallbacks *cbs)
{
    memset(w, 0, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    memset(cbs, 0, sizeof *cbs);
    cbs->callbackContext = w;
    cbs->classResult = on_class;
}

static void waiter_wait(waiter *w, MI_Operation *op)
{
    pthread_mutex_lock(&w->mu);
    while (!w->done)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
    MI_Operation_Close(op);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
}

START_TEST(get_class_async)
{
    waiter w;
    MI_OperationCallbacks cbs;
    MI_Operation op = MI_OPERATION_NULL;
    waiter_init(&w, &cbs);
    MI_Session_GetClass(&M.session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NS, "Acme_Widget",
                        &cbs, &op);
    waiter_wait(&w, &op);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_uint_eq(w.classes, 1);
    ck_assert(w.widget_ok);

    waiter_init(&w, &cbs);
    MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_NoSuchClass", &cbs, &op);
    waiter_wait(&w, &op);
    ck_assert_int_eq(w.result, MI_RESULT_INVALID_CLASS);
    ck_assert_uint_eq(w.status, MI_RESULT_INVALID_CLASS);
    ck_assert_uint_eq(w.classes, 0);
}
END_TEST

/* Runs a synchronous class operation to its end: its result, the classes' names sorted. */
typedef struct outcome {
    MI_Result result;
    unsigned count;
    char first[64];
    MI_Uint32 status; /* CIMStatusCode of the details */
    char message[256];
} outcome;

static outcome finish(MI_Operation *op)
{
    outcome o;
    const MI_Class *c;
    MI_Boolean more = MI_TRUE;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    memset(&o, 0, sizeof o);
    while (more) {
        MI_Result r = MI_RESULT_OK;
        c = NULL;
        ck_assert_int_eq(MI_Operation_GetClass(op, &c, &more, &r, &msg, &details), MI_RESULT_OK);
        if (c) {
            const MI_Char *name;
            ck_assert_int_eq(MI_Class_GetClassName(c, &name), MI_RESULT_OK);
            if (!o.count)
                snprintf(o.first, sizeof o.first, "%s", name);
            o.count++;
        }
        if (!more) {
            MI_Value v;
            o.result = r;
            if (r != MI_RESULT_OK) {
                ck_assert_ptr_nonnull(details);
                ck_assert_int_eq(
                    MI_Instance_GetElement(details, "CIMStatusCode", &v, NULL, NULL, NULL),
                    MI_RESULT_OK);
                o.status = v.uint32;
                snprintf(o.message, sizeof o.message, "%s", msg ? msg : "");
            }
        }
    }
    MI_Operation_Close(op);
    return o;
}

static outcome enumerate(MI_Uint32 flags, const char *ns, const char *base, MI_Boolean names)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Session_EnumerateClasses(&M.session, flags, NULL, ns, base, names, NULL, &op);
    return finish(&op);
}

START_TEST(enumerate_classes)
{
    /* Every class: 5 declared, the generated ones, and the schema's own (CIM_Error...) maybe:
     * count the declared ones through a base. */
    outcome o = enumerate(0, NS, "Acme_Root", MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 3 + GENERATED); /* Base, Widget, Gadget, Gadget00..59 */
    ck_assert_str_eq(o.first, "Acme_Base");
    o = enumerate(MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, NS, "Acme_Root", MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 1);
    ck_assert_str_eq(o.first, "Acme_Base");
    o = enumerate(MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, NS, "Acme_Base", MI_FALSE);
    ck_assert_uint_eq(o.count, 2);
    o = enumerate(0, NS, "Acme_Gadget", MI_FALSE);
    ck_assert_uint_eq(o.count, GENERATED);
    ck_assert_str_eq(o.first, "Acme_Gadget00");
    o = enumerate(0, NS, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_ge(o.count, 5 + GENERATED);
    o = enumerate(MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW, NS, "", MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_ge(o.count, 2); /* Acme_Root, Acme_Job (and any other root) */
}
END_TEST

START_TEST(enumerate_async_paged_names_only)
{
    waiter w;
    MI_OperationCallbacks cbs;
    MI_Operation op = MI_OPERATION_NULL;
    /* Small envelopes: the answers come in many Pulls. */
    ts_mi_reopen(&M, 8);
    waiter_init(&w, &cbs);
    MI_Session_EnumerateClasses(&M.session, 0, NULL, NS, "Acme_Root", MI_FALSE, &cbs, &op);
    waiter_wait(&w, &op);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_uint_eq(w.classes, 3 + GENERATED);
    ck_assert(w.widget_ok);
    ck_assert_uint_eq(w.names_only, 0);

    waiter_init(&w, &cbs);
    MI_Session_EnumerateClasses(&M.session, 0, NULL, NS, "Acme_Root", MI_TRUE, &cbs, &op);
    waiter_wait(&w, &op);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_uint_eq(w.classes, 3 + GENERATED);
    ck_assert_uint_eq(w.names_only, 3 + GENERATED);
}
END_TEST

START_TEST(enumerate_cancel)
{
    waiter w;
    MI_OperationCallbacks cbs;
    MI_Operation op = MI_OPERATION_NULL;
    ts_mi_reopen(&M, 8);
    waiter_init(&w, &cbs);
    w.cancel_after = 1;
    MI_Session_EnumerateClasses(&M.session, 0, NULL, NS, "Acme_Gadget", MI_FALSE, &cbs, &op);
    waiter_wait(&w, &op);
    ck_assert_int_eq(w.result, MI_RESULT_FAILED);
    ck_assert_uint_lt(w.classes, GENERATED);
}
END_TEST

/* EnumerateClasses of the gadgets on six sessions at once, paged in 8 KiB envelopes, all run
 * as steps by the application's one event loop: each class comes with its superclass chain
 * (read by further Gets between the Pulls); one cancelled from its first callback and one whose
 * session is closed from its first callback end failed without holding up the others, which
 * each get every class; a synchronous GetClass queued behind an enumeration on the first
 * session gets its class after it. */
START_TEST(enumerations_share_the_loop)
{
    enum { N = 6 };
    MI_Session ss[N];
    MI_DestinationOptions d[N];
    MI_Operation op[N], sync = MI_OPERATION_NULL;
    waiter w[N];
    ts_closed closed;
    MI_OperationCallbacks cbs[N];
    const MI_Class *c = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    int i;
    for (i = 0; i < N; i++) {
        ts_mi_session(&M.t, &M.app, &d[i], 8, &ss[i]);
        waiter_init(&w[i], &cbs[i]);
        w[i].chain = "Acme_Gadget Acme_Base Acme_Root";
        memset(&op[i], 0, sizeof op[i]);
    }
    w[1].cancel_after = 1;
    w[2].close_first = &ss[2];
    ts_closed_init(&closed);
    w[2].closed = &closed;
    for (i = 0; i < N; i++)
        MI_Session_EnumerateClasses(&ss[i], 0, NULL, NS, "Acme_Gadget", MI_FALSE, &cbs[i], &op[i]);
    MI_Session_GetClass(&ss[0], 0, NULL, NS, "Acme_Widget", NULL, &sync);
    ck_assert_int_eq(MI_Operation_GetClass(&sync, &c, &more, &r, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(r, MI_RESULT_OK);
    check_widget(c);
    check_chain(c, "Acme_Base Acme_Root");
    MI_Operation_Close(&sync);
    for (i = 0; i < N; i++) {
        pthread_mutex_lock(&w[i].mu);
        while (!w[i].done)
            pthread_cond_wait(&w[i].cv, &w[i].mu);
        pthread_mutex_unlock(&w[i].mu);
    }
    ts_closed_wait(&closed);
    for (i = 0; i < N; i++) {
        if (i == 1 || i == 2) {
            ck_assert_int_ne(w[i].result, MI_RESULT_OK);
            ck_assert_uint_lt(w[i].classes, GENERATED);
        } else {
            ck_assert_msg(w[i].result == MI_RESULT_OK, "session %d: %d", i, (int)w[i].result);
            ck_assert_uint_eq(w[i].classes, GENERATED);
        }
        MI_Operation_Close(&op[i]);
        if (i != 2)
            ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
        MI_DestinationOptions_Delete(&d[i]);
        pthread_mutex_destroy(&w[i].mu);
        pthread_cond_destroy(&w[i].cv);
    }
}
END_TEST

START_TEST(failures)
{
    MI_Operation op = MI_OPERATION_NULL;
    outcome o;
    MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_NoSuchClass", NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    ck_assert_uint_eq(o.status, MI_RESULT_INVALID_CLASS);
    ck_assert_ptr_nonnull(strstr(o.message, "Acme_NoSuchClass"));
    MI_Session_GetClass(&M.session, 0, NULL, "root/nowhere", "Acme_Widget", NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_NAMESPACE);
    MI_Session_GetClass(&M.session, 0, NULL, NS, "not a name", NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    MI_Session_GetClass(&M.session, 0, NULL, NS, NULL, NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    o = enumerate(0, NS, "Acme_NoSuchClass", MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    o = enumerate(0, "root/nowhere", NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_NAMESPACE);
    o = enumerate(0, NS, "1bad", MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    /* GetInstance on a class operation, GetClass on an instance one: refused. */
    {
        const MI_Instance *inst;
        const MI_Class *c;
        MI_Session_GetClass(&M.session, 0, NULL, NS, "Acme_Root", NULL, &op);
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, NULL, NULL, NULL, NULL),
                         MI_RESULT_INVALID_PARAMETER);
        o = finish(&op);
        ck_assert_int_eq(o.result, MI_RESULT_OK);
        MI_Session_EnumerateInstances(&M.session, 0, NULL, NS, "Acme_Job", MI_FALSE, NULL, &op);
        ck_assert_int_eq(MI_Operation_GetClass(&op, &c, NULL, NULL, NULL, NULL),
                         MI_RESULT_INVALID_PARAMETER);
        MI_Operation_Close(&op);
    }
    /* A bad session: the class callback says so. */
    {
        MI_Session bad = MI_SESSION_NULL;
        waiter w;
        MI_OperationCallbacks cbs;
        waiter_init(&w, &cbs);
        MI_Session_GetClass(&bad, 0, NULL, NS, "Acme_Root", &cbs, &op);
        ck_assert(w.done);
        ck_assert_int_eq(w.result, MI_RESULT_INVALID_PARAMETER);
        pthread_mutex_destroy(&w.mu);
        pthread_cond_destroy(&w.cv);
    }
}
END_TEST

/* The requests OMI's and Windows' clients send (tests/data/wsman, SOURCES.md), as they are. */
static char *data_file(const char *name)
{
    char rel[200];
    char *path, *buf;
    FILE *f;
    long n;
    snprintf(rel, sizeof rel, "tests/data/wsman/%s", name);
    path = ts_path(rel);
    f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    free(path);
    return buf;
}

START_TEST(stored_requests)
{
    char *req = data_file("omi-getclass-request.xml");
    ts_resp r = ts_post(&M.t, req);
    ck_assert_int_eq(r.status, 200);
    TS_HAS(r,
           "<wsa:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse</wsa:Action>");
    TS_HAS(r, "<SOAP-ENV:Body><CLASS NAME=\"Acme_Widget\" SUPERCLASS=\"Acme_Base\" "
              "DERIVATION=\"Acme_Base,Acme_Root\">");
    TS_HAS(r, "<PROPERTY NAME=\"Name\" TYPE=\"string\" CLASSORIGIN=\"Acme_Root\" "
              "PROPAGATED=\"true\">");
    TS_HAS(r, "<QUALIFIER NAME=\"Values\" TYPE=\"string\" TRANSLATABLE=\"true\"><VALUE.ARRAY>"
              "<VALUE>Unknown</VALUE><VALUE>OK</VALUE></VALUE.ARRAY></QUALIFIER>");
    TS_HAS(r, "<PARAMETER.REFERENCE NAME=\"Job\" REFERENCECLASS=\"Acme_Job\">");
    TS_HAS(r, "<wsa:RelatesTo>uuid:5BB5A585-1ED7-4A26-A7FF-8FA70B5618ED</wsa:RelatesTo>");
    ts_resp_free(&r);
    free(req);

    req = data_file("winrm-enumerate-classes-request.xml");
    r = ts_post(&M.t, req);
    ck_assert_int_eq(r.status, 200);
    TS_HAS(r, "<wsman:Items><CLASS NAME=");
    TS_HAS(r, "<CLASS NAME=\"Acme_Gadget59\" SUPERCLASS=\"Acme_Gadget\"");
    TS_HAS(r, "</wsman:Items><wsman:EndOfSequence/>");
    ts_resp_free(&r);
    free(req);

    /* Not found, as OMI answers it. */
    req = data_file("omi-getclass-request.xml");
    {
        char *p = strstr(req, ">Acme_Widget<");
        ck_assert_ptr_nonnull(p);
        memcpy(p + 1, "Acme_Nothin", 11);
    }
    r = ts_post(&M.t, req);
    TS_FAULT(r, MI_RESULT_INVALID_CLASS, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(req);
}
END_TEST

START_TEST(needs_credentials)
{
    /* Authenticated like every request: no credentials, no classes. */
    MI_Session s2;
    MI_DestinationOptions d2;
    MI_Operation op = MI_OPERATION_NULL;
    char url[160];
    outcome o;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&M.app, &d2), MI_RESULT_OK);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(M.t.srv));
    ck_assert_int_eq(MI_Application_NewSession(&M.app, NULL, url, &d2, NULL, NULL, &s2),
                     MI_RESULT_OK);
    MI_Session_GetClass(&s2, 0, NULL, NS, "Acme_Widget", NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    MI_Session_Close(&s2, NULL, NULL);
    MI_DestinationOptions_Delete(&d2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server_class");
    TCase *c = tcase_create("mi");
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 60);
    tcase_add_test(c, get_class_sync);
    tcase_add_test(c, new_class_and_instance_from_class);
    tcase_add_test(c, get_class_async);
    tcase_add_test(c, enumerate_classes);
    tcase_add_test(c, enumerate_async_paged_names_only);
    tcase_add_test(c, enumerate_cancel);
    tcase_add_test(c, enumerations_share_the_loop);
    tcase_add_test(c, failures);
    tcase_add_test(c, needs_credentials);
    tcase_add_test(c, stored_requests);
    suite_add_tcase(s, c);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
