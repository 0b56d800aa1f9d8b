/* SPDX-License-Identifier: MIT */
/* examples/demo.c: the mofbind demo. A client of a WS-Man CIM server (mofbind-server serving
 * schemas/demo.mof) that works through the typed bindings mofbind generated from that schema:
 * it creates Win32_Foo instances synchronously and with callbacks, shows a duplicate refused
 * with ALREADY_EXISTS and its error details, reads instances back with Get and Enumerate, calls
 * a method, and deletes what it made, printing each step. scripts/demo.sh runs it.
 *
 * Exit status: 0 when every step had the expected outcome, 1 otherwise, 2 on bad usage. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Demo_Setting.h"
#include "Win32_Foo.h"

/* The demo's state: the session and how many steps went as expected. */
typedef struct demo {
    MI_Application app;
    MI_Session session;
    const char *ns;
    int step, failed;
} demo;

static void step(demo *d, const char *what)
{
    printf("\n[%d] %s\n", ++d->step, what);
}

static void outcome(demo *d, MI_Result got, MI_Result want, const char *what)
{
    if (got == want) {
        printf("    -> %s%s%s\n", mofbind_result_name(got), what ? ": " : "", what ? what : "");
    } else {
        printf("    -> UNEXPECTED: %s, wanted %s\n", mofbind_result_name(got),
               mofbind_result_name(want));
        d->failed++;
    }
}

/* Frees an error instance the bindings handed over (NULL is fine). */
static void drop(MI_Instance **e)
{
    if (*e)
        MI_Instance_Delete(*e);
    *e = NULL;
}

/* Prints the elements of an error instance (CIM_Error shape) that a person wants to read. */
static void print_error(const MI_Instance *e)
{
    static const char *const names[] = {
        "Message",        "MessageID",  "CIMStatusCode",     "CIMStatusCodeDescription",
        "OwningEntity",   "ErrorType",  "PerceivedSeverity", "ProbableCause",
        "error_Category", "error_Code", "error_Type"};
    const MI_Char *cls = NULL;
    size_t i;
    if (!e) {
        printf("       (no error details)\n");
        return;
    }
    MI_Instance_GetClassName(e, &cls);
    printf("       error details (%s):\n", cls ? cls : "?");
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        if (MI_Instance_GetElement(e, names[i], &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL))
            continue;
        switch (t) {
        case MI_STRING:
            printf("         %-25s %s\n", names[i], v.string);
            break;
        case MI_UINT16:
            printf("         %-25s %u\n", names[i], (unsigned)v.uint16);
            break;
        case MI_UINT32:
            printf("         %-25s %u\n", names[i], (unsigned)v.uint32);
            break;
        default:
            break;
        }
    }
}

static void print_datetime(const char *label, const MI_ConstDatetimeField *f)
{
    const MI_Datetime *t = &f->value;
    if (!f->exists)
        return;
    if (t->isTimestamp)
        printf("       %-9s %04u-%02u-%02u %02u:%02u:%02u UTC%+d min\n", label, t->u.timestamp.year,
               t->u.timestamp.month, t->u.timestamp.day, t->u.timestamp.hour, t->u.timestamp.minute,
               t->u.timestamp.second, t->u.timestamp.utc);
    else
        printf("       %-9s %u days %02u:%02u:%02u\n", label, t->u.interval.days,
               t->u.interval.hours, t->u.interval.minutes, t->u.interval.seconds);
}

/* Prints a Win32_Foo read back from the server, typed. */
static void print_foo(const Win32_Foo *x)
{
    MI_Uint32 i;
    printf("       InstanceID %s, Name \"%s\"\n", x->InstanceID.exists ? x->InstanceID.value : "-",
           x->Name.exists ? x->Name.value : "-");
    if (x->Enabled.exists)
        printf("       Enabled   %s\n", x->Enabled.value ? "true" : "false");
    if (x->Level.exists || x->Port.exists || x->Count.exists)
        printf("       Level %u, Port %u, Count %u, Size %llu bytes, Delta64 %lld\n",
               (unsigned)x->Level.value, (unsigned)x->Port.value, (unsigned)x->Count.value,
               (unsigned long long)x->Size.value, (long long)x->Delta64.value);
    if (x->Ratio.exists || x->Precise.exists)
        printf("       Ratio %g, Precise %.15g, Grade '%c'\n", (double)x->Ratio.value,
               x->Precise.value, x->Grade.exists ? (char)x->Grade.value : '-');
    print_datetime("Created", &x->Created);
    print_datetime("Uptime", &x->Uptime);
    if (x->Tags.exists) {
        printf("       Tags     ");
        for (i = 0; i < x->Tags.value.size; i++)
            printf(" \"%s\"", x->Tags.value.data[i]);
        printf("\n");
    }
    if (x->Ports.exists) {
        printf("       Ports    ");
        for (i = 0; i < x->Ports.value.size; i++)
            printf(" %u", (unsigned)x->Ports.value.data[i]);
        printf("\n");
    }
    if (x->Setting.exists && x->Setting.value) {
        Demo_Setting s;
        Demo_Setting_Init(&s);
        if (Demo_Setting_FromInstance(x->Setting.value, &s) == MI_RESULT_OK)
            printf("       Setting   %s = %s\n", s.Name.exists ? s.Name.value : "-",
                   s.Value.exists ? s.Value.value : "-");
        Demo_Setting_Destruct(&s);
    }
}

/* Prints the reference (the keys) a Create answers with. */
static void print_ref(const Win32_Foo *x)
{
    printf("       Win32_Foo.InstanceID=\"%s\"\n",
           x->InstanceID.exists ? x->InstanceID.value : "?");
}

/* A Win32_Foo with a value in many of its properties, the embedded Setting included. */
static MI_Result make_foo(demo *d, Win32_Foo *x, const char *id, const char *name)
{
    static const MI_Uint16 ports[] = {5985, 5986};
    static const MI_Char *const tags[] = {"demo", "typed", "bindings"};
    MI_Datetime created, uptime;
    Demo_Setting s;
    MI_Instance *si = NULL;
    MI_Result r;

    memset(&created, 0, sizeof created);
    created.isTimestamp = MI_TRUE;
    created.u.timestamp.year = 2026;
    created.u.timestamp.month = 11;
    created.u.timestamp.day = 25;
    created.u.timestamp.hour = 1;
    created.u.timestamp.minute = 2;
    created.u.timestamp.second = 3;
    memset(&uptime, 0, sizeof uptime);
    uptime.u.interval.days = 3;
    uptime.u.interval.hours = 4;
    uptime.u.interval.minutes = 5;

    Win32_Foo_Init(x);
    Win32_Foo_Set_InstanceID(x, id);
    Win32_Foo_Set_Name(x, name);
    Win32_Foo_Set_Caption(x, "made by examples/demo.c");
    Win32_Foo_Set_State(x, Demo_LogicalElement_State_Enabled);
    Win32_Foo_Set_Enabled(x, MI_TRUE);
    Win32_Foo_Set_Level(x, 7);
    Win32_Foo_Set_Port(x, 5985);
    Win32_Foo_Set_Count(x, 42);
    Win32_Foo_Set_Size(x, 4294967296ULL * 3);
    Win32_Foo_Set_Delta64(x, -9000000000LL);
    Win32_Foo_Set_Ratio(x, 0.5f);
    Win32_Foo_Set_Precise(x, 3.141592653589793);
    Win32_Foo_Set_Grade(x, 'A');
    Win32_Foo_Set_Created(x, created);
    Win32_Foo_Set_Uptime(x, uptime);
    Win32_Foo_Set_Ports(x, ports, 2);
    r = Win32_Foo_Set_Tags(x, tags, 3);
    if (r != MI_RESULT_OK)
        return r;

    Demo_Setting_Init(&s);
    Demo_Setting_Set_Name(&s, "color");
    Demo_Setting_Set_Value(&s, "blue");
    r = Demo_Setting_ToInstance(&s, &d->app, &si);
    Demo_Setting_Destruct(&s);
    if (r != MI_RESULT_OK)
        return r;
    r = Win32_Foo_Set_Setting(x, si);
    MI_Instance_Delete(si);
    return r;
}

/* Step 2: Create with callbacks. The result comes to this callback on the session's worker
 * thread; the main thread waits for it. */
typedef struct async_wait {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
    MI_Result result;
    Win32_Foo created;
    MI_Result convert;
} async_wait;

static void MI_CALL created_cb(MI_Operation *op, void *ctx, const MI_Instance *instance,
                               MI_Boolean moreResults, MI_Result result, const MI_Char *errorString,
                               const MI_Instance *errorDetails,
                               MI_Result(MI_CALL *ack)(MI_Operation *))
{
    async_wait *w = (async_wait *)ctx;
    (void)op;
    (void)ack; /* automatic acknowledgement: instance is valid during this call only */
    printf("    callback: moreResults %s, %s%s%s\n", moreResults ? "true" : "false",
           mofbind_result_name(result), errorString ? ": " : "", errorString ? errorString : "");
    if (result != MI_RESULT_OK)
        print_error(errorDetails);
    if (instance)
        w->convert = Win32_Foo_FromInstance(instance, &w->created);
    if (!moreResults) {
        pthread_mutex_lock(&w->mu);
        w->result = result;
        w->done = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
    }
}

static char *read_first_line(const char *path)
{
    char buf[512];
    FILE *f = fopen(path, "r");
    char *s;
    if (!f) {
        fprintf(stderr, "demo: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (!fgets(buf, sizeof buf, f))
        buf[0] = '\0';
    fclose(f);
    buf[strcspn(buf, "\r\n")] = '\0';
    s = (char *)malloc(strlen(buf) + 1);
    if (s)
        strcpy(s, buf);
    return s;
}

static void usage(FILE *out)
{
    fputs("Usage: demo [OPTION]... DESTINATION\n"
          "Runs the mofbind demo against the WS-Man server at DESTINATION (https://host:port,\n"
          "http://host:port or host:port, which means HTTPS) serving schemas/demo.mof.\n"
          "\n"
          "  --user NAME           Basic credentials: user NAME (default demo) ...\n"
          "  --password-file FILE  ... with the password on the first line of FILE (else from\n"
          "                        the environment variable MOFBIND_DEMO_PASSWORD)\n"
          "  --cafile FILE         trust the CA certificate(s) in FILE for HTTPS\n"
          "  --no-privacy          allow Basic credentials over plain HTTP (loopback tests)\n"
          "  --namespace NS        the namespace (default root/mofbind, as in demo.mof)\n",
          out);
}

static int run(demo *d)
{
    Win32_Foo foo1, foo2, got, key;
    MI_Instance *err = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cbs;
    async_wait w;
    MI_Result r, res;
    MI_Boolean found, more;
    const MI_Char *msg;
    const MI_Instance *details;
    int n;

    /* 1. Create, synchronously. */
    step(d, "Win32_Foo_CreateSync: create Win32_Foo \"demo-1\" (every kind of field set)");
    if (make_foo(d, &foo1, "demo-1", "First demo thing") != MI_RESULT_OK) {
        printf("    -> cannot build the struct\n");
        return 1;
    }
    Win32_Foo_Init(&got);
    r = Win32_Foo_CreateSync(&d->session, d->ns, &foo1, &got, &err);
    outcome(d, r, MI_RESULT_OK, "created; the server answered with its reference:");
    if (r == MI_RESULT_OK)
        print_ref(&got);
    else
        print_error(err);
    Win32_Foo_Destruct(&got);
    drop(&err);
    if (r != MI_RESULT_OK) {
        printf("    stopping here: the first request failed, the others would too\n");
        Win32_Foo_Destruct(&foo1);
        return 1;
    }

    /* 2. Create with callbacks. */
    step(d, "Win32_Foo_Create with callbacks: create \"demo-2\"; the result comes to a callback");
    make_foo(d, &foo2, "demo-2", "Second demo thing");
    Win32_Foo_Set_Count(&foo2, 7);
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    Win32_Foo_Init(&w.created);
    w.convert = MI_RESULT_FAILED;
    memset(&cbs, 0, sizeof cbs);
    cbs.callbackContext = &w;
    cbs.instanceResult = created_cb;
    Win32_Foo_Create(&d->session, d->ns, &foo2, &cbs, &op);
    printf("    (Win32_Foo_Create returned at once; waiting for the callback)\n");
    pthread_mutex_lock(&w.mu);
    while (!w.done)
        pthread_cond_wait(&w.cv, &w.mu);
    pthread_mutex_unlock(&w.mu);
    MI_Operation_Close(&op);
    outcome(d, w.result, MI_RESULT_OK, "created; the callback got its reference:");
    if (w.convert == MI_RESULT_OK)
        print_ref(&w.created);
    Win32_Foo_Destruct(&w.created);
    pthread_cond_destroy(&w.cv);
    pthread_mutex_destroy(&w.mu);

    /* 3. A duplicate. */
    step(d, "Win32_Foo_CreateSync again with InstanceID \"demo-1\": a duplicate");
    r = Win32_Foo_CreateSync(&d->session, d->ns, &foo1, NULL, &err);
    outcome(d, r, MI_RESULT_ALREADY_EXISTS, "refused, as it should be");
    print_error(err);
    if (r == MI_RESULT_ALREADY_EXISTS && !err) {
        printf("    -> UNEXPECTED: no error details\n");
        d->failed++;
    }
    drop(&err);

    /* 4. Get. */
    step(d, "Win32_Foo_GetSync: read \"demo-1\" back by its key");
    Win32_Foo_Init(&key);
    Win32_Foo_SetPtr_InstanceID(&key, "demo-1");
    Win32_Foo_Init(&got);
    r = Win32_Foo_GetSync(&d->session, d->ns, &key, &got, &err);
    outcome(d, r, MI_RESULT_OK, "the typed struct holds:");
    if (r == MI_RESULT_OK) {
        print_foo(&got);
        if (!got.Count.exists || got.Count.value != 42 || !got.Name.exists ||
            strcmp(got.Name.value, "First demo thing") != 0) {
            printf("    -> UNEXPECTED: the values differ from what was created\n");
            d->failed++;
        }
    } else {
        print_error(err);
    }
    Win32_Foo_Destruct(&got);
    drop(&err);

    /* 5. Enumerate. */
    step(d, "Win32_Foo_Enumerate + Win32_Foo_EnumerateNext: list every Win32_Foo");
    Win32_Foo_Enumerate(&d->session, d->ns, MI_FALSE, NULL, &op);
    n = 0;
    res = MI_RESULT_FAILED;
    do {
        Win32_Foo_Init(&got);
        found = MI_FALSE;
        more = MI_FALSE;
        r = Win32_Foo_EnumerateNext(&op, &got, &found, &more, &res, &msg, &details);
        if (r != MI_RESULT_OK) {
            printf("    -> EnumerateNext: %s\n", mofbind_result_name(r));
            Win32_Foo_Destruct(&got);
            break;
        }
        if (found) {
            n++;
            printf("       #%d %-8s \"%s\" Count %u\n", n,
                   got.InstanceID.exists ? got.InstanceID.value : "-",
                   got.Name.exists ? got.Name.value : "-", (unsigned)got.Count.value);
        }
        if (!more && res != MI_RESULT_OK)
            print_error(details);
        Win32_Foo_Destruct(&got);
    } while (more);
    MI_Operation_Close(&op);
    outcome(d, res, MI_RESULT_OK, NULL);
    printf("       %d instances (the seed, demo-1 and demo-2)\n", n);
    if (n != 3) {
        printf("    -> UNEXPECTED: wanted 3\n");
        d->failed++;
    }

    /* 6. A method. */
    step(d, "Win32_Foo_Invoke_ResetSync: call the method Reset(Level 1, Force true) on demo-1");
    {
        Win32_Foo_Reset_In in;
        Win32_Foo_Reset_Out out;
        MI_Uint32 ret = 0;
        const MI_Char *message = NULL;
        Win32_Foo_Reset_In_Init(&in);
        memset(&out, 0, sizeof out);
        Win32_Foo_Reset_In_Set_Level(&in, 1);
        Win32_Foo_Reset_In_Set_Force(&in, MI_TRUE);
        r = Win32_Foo_Invoke_ResetSync(&d->session, d->ns, &key, &in, &out, &err);
        if (r == MI_RESULT_OK) {
            outcome(d, r, MI_RESULT_OK, "the server ran the method");
            Win32_Foo_Reset_Out_Get_MIReturn(&out, &ret);
            Win32_Foo_Reset_Out_Get_Message(&out, &message);
            printf("       ReturnValue %u, Message \"%s\"\n", (unsigned)ret,
                   message ? message : "");
        } else if (r == MI_RESULT_NOT_SUPPORTED) {
            /* mofbind-server run as a program answers methods it has no handler for so. */
            outcome(d, r, MI_RESULT_NOT_SUPPORTED,
                    "the server answered that no provider implements it");
            print_error(err);
        } else {
            outcome(d, r, MI_RESULT_OK, NULL);
            print_error(err);
        }
        Win32_Foo_Reset_Out_Destruct(&out);
        Win32_Foo_Reset_In_Destruct(&in);
        drop(&err);
    }

    /* 7. Delete. */
    step(d, "Win32_Foo_DeleteSync: delete demo-1 and demo-2");
    r = Win32_Foo_DeleteSync(&d->session, d->ns, &foo1, &err);
    outcome(d, r, MI_RESULT_OK, "demo-1 deleted");
    if (err)
        print_error(err);
    drop(&err);
    r = Win32_Foo_DeleteSync(&d->session, d->ns, &foo2, &err);
    outcome(d, r, MI_RESULT_OK, "demo-2 deleted");
    if (err)
        print_error(err);
    drop(&err);

    step(d, "Win32_Foo_GetSync: \"demo-1\" is gone");
    Win32_Foo_Init(&got);
    r = Win32_Foo_GetSync(&d->session, d->ns, &key, &got, &err);
    outcome(d, r, MI_RESULT_NOT_FOUND, "as expected");
    print_error(err);
    Win32_Foo_Destruct(&got);
    drop(&err);

    Win32_Foo_Destruct(&key);
    Win32_Foo_Destruct(&foo1);
    Win32_Foo_Destruct(&foo2);
    return d->failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *user = "demo", *pwfile = NULL, *dest = NULL, *cafile = NULL;
    int no_privacy = 0;
    char *password = NULL;
    MI_DestinationOptions opts = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials cred;
    MI_Instance *err = NULL;
    demo d;
    int i, rc;
    MI_Result r;

    memset(&d, 0, sizeof d);
    d.ns = "root/mofbind"; /* schemas/demo.mof's #pragma namespace */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--user") == 0 && i + 1 < argc) {
            user = argv[++i];
        } else if (strcmp(argv[i], "--password-file") == 0 && i + 1 < argc) {
            pwfile = argv[++i];
        } else if (strcmp(argv[i], "--cafile") == 0 && i + 1 < argc) {
            cafile = argv[++i];
        } else if (strcmp(argv[i], "--no-privacy") == 0) {
            no_privacy = 1;
        } else if (strcmp(argv[i], "--namespace") == 0 && i + 1 < argc) {
            d.ns = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] != '-' && !dest) {
            dest = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!dest) {
        usage(stderr);
        return 2;
    }
    if (pwfile) {
        if (!(password = read_first_line(pwfile)))
            return 2;
    } else if (getenv("MOFBIND_DEMO_PASSWORD")) {
        const char *p = getenv("MOFBIND_DEMO_PASSWORD");
        if ((password = (char *)malloc(strlen(p) + 1)))
            strcpy(password, p);
    }

    printf("mofbind demo: typed bindings generated from schemas/demo.mof, over WS-Man to %s\n",
           dest);
    printf("              (user \"%s\", %s%s%s)\n", user,
           password ? "password given" : "no password", cafile ? ", trusting the CA in " : "",
           cafile ? cafile : "");
    r = MI_Application_Initialize(0, "mofbind-demo", &err, &d.app);
    if (r != MI_RESULT_OK) {
        printf("MI_Application_Initialize: %s\n", mofbind_result_name(r));
        print_error(err);
        if (err)
            MI_Instance_Delete(err);
        free(password);
        return 1;
    }
    r = MI_Application_NewDestinationOptions(&d.app, &opts);
    if (r == MI_RESULT_OK && cafile)
        r = MI_DestinationOptions_SetTrustedCertsDir(&opts, cafile);
    if (r == MI_RESULT_OK && no_privacy)
        r = MI_DestinationOptions_SetPacketPrivacy(&opts, MI_FALSE);
    if (r == MI_RESULT_OK && password) {
        memset(&cred, 0, sizeof cred);
        cred.authenticationType = MI_AUTH_TYPE_BASIC;
        cred.credentials.usernamePassword.username = user;
        cred.credentials.usernamePassword.password = password;
        r = MI_DestinationOptions_AddDestinationCredentials(&opts, &cred);
    }
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    if (r == MI_RESULT_OK)
        r = MI_Application_NewSession(&d.app, NULL, dest, &opts, NULL, &err, &d.session);
    MI_DestinationOptions_Delete(&opts);
    if (r != MI_RESULT_OK) {
        printf("MI_Application_NewSession: %s\n", mofbind_result_name(r));
        print_error(err);
        if (err)
            MI_Instance_Delete(err);
        MI_Application_Close(&d.app);
        return 1;
    }

    rc = run(&d);

    MI_Session_Close(&d.session, NULL, NULL);
    MI_Application_Close(&d.app);
    printf("\n%d steps, %s\n", d.step,
           d.failed ? "SOME FAILED (see UNEXPECTED above)" : "all as expected");
    return rc;
}
