/* bench/bench_runtime.c: what a Create costs in libmofbind.
 *   1. client CPU per Create, no network: copy the inbound instance (as the operation does),
 *      write the SOAP request, read a CreateResponse (an instance of 20 properties);
 *   2. Creates per second to mofbind-server (embedded, loopback, Basic over HTTP) over one
 *      kept-alive connection, one at a time and with 16 operations in flight.
 * Prints a Markdown table (median and spread of RUNS runs).
 * Usage: bench_runtime [RUNS [cpu]] (cpu: the first figure only). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "server.h"

#define NPROPS 20

static const char *const pnames[NPROPS] = {
    "Id",    "Name",  "Caption", "Description", "Count",  "Size", "Offset",
    "Ratio", "Scale", "Enabled", "Healthy",     "Made",   "Seen", "Tags",
    "Level", "Code",  "Owner",   "Location",    "Serial", "Model"};
static const MI_Type ptypes[NPROPS] = {MI_STRING,  MI_STRING,   MI_STRING,   MI_STRING,  MI_UINT32,
                                       MI_UINT64,  MI_SINT64,   MI_REAL64,   MI_REAL32,  MI_BOOLEAN,
                                       MI_BOOLEAN, MI_DATETIME, MI_DATETIME, MI_STRINGA, MI_UINT8,
                                       MI_SINT32,  MI_STRING,   MI_STRING,   MI_STRING,  MI_STRING};
static MI_PropertyDecl props[NPROPS];
static const MI_PropertyDecl *pptrs[NPROPS];
static MI_ClassDecl decl;

static const char *MOF =
    "#pragma namespace(\"root/cimv2\")\n"
    "class Bench_Thing {\n"
    " [Key] string Id; string Name; string Caption; string Description; uint32 Count;\n"
    " uint64 Size; sint64 Offset; real64 Ratio; real32 Scale; boolean Enabled;\n"
    " boolean Healthy; datetime Made; datetime Seen; string Tags[]; uint8 Level;\n"
    " sint32 Code; string Owner; string Location; string Serial; string Model;\n"
    "};\n";

static const char *RESPONSE =
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
    "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" "
    "xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\"><s:Header>"
    "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
    "<a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse</a:Action>"
    "<a:MessageID>uuid:00000000-0000-4000-8000-000000000001</a:MessageID>"
    "</s:Header><s:Body><x:ResourceCreated>"
    "<a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>"
    "<a:ReferenceParameters><w:ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
    "Bench_Thing</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Id\">thing-1</w:Selector>"
    "</w:SelectorSet></a:ReferenceParameters></x:ResourceCreated></s:Body></s:Envelope>";

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void summary(double *v, int n, double *med, double *spread)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    *med = v[n / 2];
    *spread = (v[n - 1] - v[0]) / 2;
}

static MI_Instance *thing(MI_Application *app, unsigned id)
{
    MI_Instance *i = NULL;
    MI_Value v;
    char buf[32];
    int k;
    static MI_Char *tags[] = {(MI_Char *)"alpha", (MI_Char *)"beta", (MI_Char *)"gamma"};
    if (MI_Application_NewInstance(app, NULL, &decl, &i) != MI_RESULT_OK)
        exit(1);
    for (k = 0; k < NPROPS; k++) {
        memset(&v, 0, sizeof v);
        switch (ptypes[k]) {
        case MI_STRING:
            snprintf(buf, sizeof buf, k == 0 ? "thing-%u" : "value %u & <more>", id);
            v.string = buf;
            break;
        case MI_UINT32:
            v.uint32 = 4000000000u;
            break;
        case MI_UINT64:
            v.uint64 = 1234567890123ULL;
            break;
        case MI_SINT64:
            v.sint64 = -98765432109LL;
            break;
        case MI_REAL64:
            v.real64 = 0.125;
            break;
        case MI_REAL32:
            v.real32 = 2.5f;
            break;
        case MI_BOOLEAN:
            v.boolean = MI_TRUE;
            break;
        case MI_DATETIME:
            v.datetime.isTimestamp = 1;
            v.datetime.u.timestamp.year = 2024;
            v.datetime.u.timestamp.month = 5;
            v.datetime.u.timestamp.day = 17;
            v.datetime.u.timestamp.hour = 12;
            break;
        case MI_STRINGA:
            v.stringa.data = tags;
            v.stringa.size = 3;
            break;
        case MI_UINT8:
            v.uint8 = 200;
            break;
        case MI_SINT32:
            v.sint32 = -7;
            break;
        default:
            break;
        }
        if (MI_Instance_SetElementAt(i, (MI_Uint32)k, &v, ptypes[k], 0) != MI_RESULT_OK)
            exit(1);
    }
    return i;
}

/* 1. CPU per Create without the network. */
static double cpu_per_create(MI_Application *app, int iters)
{
    MI_Instance *inst = thing(app, 1);
    wsman_codec codec;
    wsman_buf out;
    wsman_read_options ro;
    double t0, t1;
    int i;
    memset(&codec, 0, sizeof codec);
    codec.new_instance = mic_new_instance_hook;
    memset(&ro, 0, sizeof ro);
    ro.decl = &decl;
    wsman_buf_init(&out);
    t0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (i = 0; i < iters; i++) {
        wsman_request req;
        wsman_response resp;
        wsman_error err;
        char msgid[WSMAN_MSGID_SIZE];
        MI_Instance *copy = NULL;
        if (MI_Instance_Clone(inst, &copy) != MI_RESULT_OK)
            exit(1);
        memset(&req, 0, sizeof req);
        req.action = WSMAN_ACTION_CREATE;
        req.to = "http://127.0.0.1:5985/wsman";
        req.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
        req.name_space = "root/cimv2";
        req.instance = copy;
        req.max_envelope_size = 512000;
        req.timeout_usec = 60000000;
        req.locale = "en-US";
        req.data_locale = "en-US";
        if (wsman_write_request(&req, &out, msgid, &err) != MI_RESULT_OK)
            exit(1);
        if (wsman_read_response(&codec, WSMAN_ACTION_CREATE, 200,
                                "application/soap+xml;charset=UTF-8", RESPONSE, strlen(RESPONSE),
                                &ro, &resp) != MI_RESULT_OK ||
            resp.num_items != 1)
            exit(1);
        wsman_response_free(&resp);
        MI_Instance_Delete(copy);
    }
    t1 = now(CLOCK_PROCESS_CPUTIME_ID);
    wsman_buf_free(&out);
    MI_Instance_Delete(inst);
    return (t1 - t0) / iters * 1e6;
}

typedef struct flight {
    int done, ok;
} flight;

static void MI_CALL on_done(MI_Operation *op, void *ctx, const MI_Instance *inst, MI_Boolean more,
                            MI_Result r, const MI_Char *msg, const MI_Instance *details,
                            MI_Result(MI_CALL *ack)(MI_Operation *))
{
    flight *f = (flight *)ctx;
    (void)inst, (void)msg, (void)details, (void)ack;
    if (!more) {
        if (r == MI_RESULT_OK)
            __atomic_add_fetch(&f->ok, 1, __ATOMIC_ACQ_REL);
        __atomic_add_fetch(&f->done, 1, __ATOMIC_ACQ_REL);
        MI_Operation_Close(op);
    }
}

/* 2. Creates per second; inflight 1 (synchronous) or more (callbacks). */
static double creates_per_second(MI_Application *app, MI_Session *s, int n, int inflight,
                                 unsigned *next_id)
{
    double t0 = now(CLOCK_MONOTONIC), t1;
    int i, sent = 0;
    if (inflight <= 1) {
        for (i = 0; i < n; i++) {
            MI_Operation op = MI_OPERATION_NULL;
            MI_Instance *w = thing(app, (*next_id)++);
            const MI_Instance *res;
            MI_Boolean more;
            MI_Result r;
            MI_Session_CreateInstance(s, 0, NULL, "root/cimv2", w, NULL, &op);
            MI_Instance_Delete(w);
            MI_Operation_GetInstance(&op, &res, &more, &r, NULL, NULL);
            MI_Operation_Close(&op);
            if (r != MI_RESULT_OK) {
                fprintf(stderr, "bench_runtime: create failed: %d\n", r);
                exit(1);
            }
        }
    } else {
        flight f = {0, 0};
        MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
        cb.callbackContext = &f;
        cb.instanceResult = on_done;
        while (__atomic_load_n(&f.done, __ATOMIC_ACQUIRE) < n) {
            while (sent < n && sent - __atomic_load_n(&f.done, __ATOMIC_ACQUIRE) < inflight) {
                MI_Operation op;
                MI_Instance *w = thing(app, (*next_id)++);
                MI_Session_CreateInstance(s, 0, NULL, "root/cimv2", w, &cb, &op);
                MI_Instance_Delete(w);
                sent++;
            }
            {
                struct timespec ts = {0, 20000};
                nanosleep(&ts, NULL);
            }
        }
        if (f.ok != n) {
            fprintf(stderr, "bench_runtime: %d of %d creates failed\n", n - f.ok, n);
            exit(1);
        }
    }
    t1 = now(CLOCK_MONOTONIC);
    return n / (t1 - t0);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 11, i, k;
    double *v, med, spread;
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials c;
    msrv_config cfg;
    msrv_server *srv = NULL;
    const char *texts[1];
    char err[256], url[64];
    unsigned next_id = 1;
    FILE *devnull = fopen("/dev/null", "w");

    if (runs < 1)
        runs = 1;
    v = (double *)calloc((size_t)runs, sizeof *v);
    for (k = 0; k < NPROPS; k++) {
        props[k].flags = MI_FLAG_PROPERTY | (k == 0 ? MI_FLAG_KEY : 0);
        props[k].name = pnames[k];
        props[k].type = ptypes[k];
        props[k].origin = props[k].propagator = "Bench_Thing";
        pptrs[k] = &props[k];
    }
    decl.flags = MI_FLAG_CLASS;
    decl.name = "Bench_Thing";
    decl.properties = pptrs;
    decl.numProperties = NPROPS;
    if (MI_Application_Initialize(0, NULL, NULL, &app) != MI_RESULT_OK)
        return 1;

    printf("| libmofbind | median | spread |\n|---|---|---|\n");
    cpu_per_create(&app, 2000); /* warm up */
    for (i = 0; i < runs; i++)
        v[i] = cpu_per_create(&app, 20000);
    summary(v, runs, &med, &spread);
    printf("| client CPU per Create, 20 properties (copy, write SOAP, read response) | %.2f us "
           "| +- %.2f us |\n",
           med, spread);
    if (argc > 2 && !strcmp(argv[2], "cpu")) { /* the first figure only (profiling) */
        MI_Application_Close(&app);
        free(v);
        fclose(devnull);
        return 0;
    }

    texts[0] = MOF;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_texts = texts;
    cfg.n_schema_texts = 1;
    cfg.user = "bench";
    cfg.password = "bench-pass";
    cfg.listen = "127.0.0.1:0";
    cfg.quiet = true;
    cfg.log = devnull;
    cfg.diag = stderr;
    if (msrv_new(&cfg, &srv, err, sizeof err) || msrv_start(srv, err, sizeof err)) {
        fprintf(stderr, "bench_runtime: server: %s\n", err);
        return 1;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(srv));
    MI_Application_NewDestinationOptions(&app, &d);
    memset(&c, 0, sizeof c);
    c.authenticationType = MI_AUTH_TYPE_BASIC;
    c.credentials.usernamePassword.username = "bench";
    c.credentials.usernamePassword.password = "bench-pass";
    MI_DestinationOptions_AddDestinationCredentials(&d, &c);
    MI_DestinationOptions_SetPacketPrivacy(&d, MI_FALSE);
    if (MI_Application_NewSession(&app, NULL, url, &d, NULL, NULL, &s) != MI_RESULT_OK)
        return 1;
    MI_DestinationOptions_Delete(&d);
    creates_per_second(&app, &s, 200, 1, &next_id); /* warm up */
    for (i = 0; i < runs; i++)
        v[i] = creates_per_second(&app, &s, 2000, 1, &next_id);
    summary(v, runs, &med, &spread);
    printf("| Creates/s to mofbind-server, one kept-alive connection, one at a time | %.0f | +- "
           "%.0f |\n",
           med, spread);
    for (i = 0; i < runs; i++)
        v[i] = creates_per_second(&app, &s, 2000, 16, &next_id);
    summary(v, runs, &med, &spread);
    printf("| Creates/s to mofbind-server, 16 operations in flight on one session | %.0f | +- "
           "%.0f |\n",
           med, spread);
    MI_Session_Close(&s, NULL, NULL);
    MI_Application_Close(&app);
    msrv_free(srv);
    free(v);
    fclose(devnull);
    return 0;
}
