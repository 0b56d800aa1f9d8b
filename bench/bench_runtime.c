/* SPDX-License-Identifier: MIT */
/* bench/bench_runtime.c: what a Create costs in libmofbind and mofbind-server, each figure
 * next to a floor measured in the same run (bench/run puts these rows in its table).
 *   1. Client CPU per Create, no network, for Bench_Thing (bench/bench.mof, 20 properties):
 *      marshal the typed struct to an MI_Instance (generated Bench_Thing_ToInstance), copy it
 *      (as the operation does), write the SOAP request, read mofbind-server's real
 *      CreateResponse; the four together; allocations per Create (malloc calls counted by
 *      interposing malloc in this program; not in sanitizer builds).
 *   2. Round trips to mofbind-server embedded on loopback (Basic over HTTP): Creates/s and
 *      p50/p99 latency, one and 16 operations in flight on one session (16: refilled from the
 *      completion callbacks, as the target row; and refilled by the submitting thread, which
 *      each completion wakes, for comparison); floor: libcurl posting the same request bytes
 *      (a new key each time) over one kept-alive connection, one thread.
 *      And Creates/s, 1 in flight, to a peer that writes each answer the way OMI's server does
 *      (header, then body, in two send() calls with Nagle on: tests/split_peer.h, with
 *      mofbind-server's answers), where a client that delays its ACK waits ~40 ms an answer;
 *      floor: a raw socket sending the same request bytes and reading the same answers on one
 *      kept-alive connection, with TCP_QUICKACK set as the transport sets it.
 *   3. The server: Creates/s with 16 clients (16 sessions, 16 threads) against libcurl on 16
 *      kept-alive connections; RSS of a mofbind-server process (forked at start) holding
 *      100,000 instances against the same process idle.
 * Rows: | what | median | spread | floor (same run) | vs floor | target | status |; the median
 * is over RUNS runs, the spread is half the range, (max - min) / 2.
 *   4. Scale (mode "scale", see part_scale): 1,000 sessions from this process, 10 Creates in
 *      flight on each, against libcurl's multi interface over as many connections.
 * Usage: bench_runtime [RUNS [cpu|rt|split|rows|sync N|chain N|async N|floor N|scale SERVER]]
 * (cpu: part 1 only, rt: the round trips of part 2 only, both for profiling; split: the
 * header-then-body peer's rows alone; rows: no header; sync, chain, async, floor: N round trips
 * of one kind alone (1 in flight, 16 refilled from the callbacks, 16 refilled by another
 * thread, libcurl's floor), printing Creates/s alone, for perf and strace; split-sync,
 * split-raw, split-curl: the same for the header-then-body peer's row and its two floors;
 * scale: part 4 alone, SERVER the mofbind-server program, SCALE_RUNS runs, default 3;
 * SCALE_PART=mofbind or floor: that half alone, CPU and context switches per Create on stderr,
 * per thread too).
 */
#include "config.h"

#include <curl/curl.h>
#include <dirent.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "Bench_Thing.h"
#include "client.h"
#include "server.h"
#include "proc_status.h"
#include "split_peer.h"

#ifndef BENCH_MOF
#define BENCH_MOF "bench/bench.mof"
#endif
#define USER "bench"
#define PASSWORD "bench-pass"
#define NPROPS 20
#define RSS_INSTANCES 100000

/* Allocation counting: this program's malloc, calloc and realloc count calls and hand them
 * to glibc's allocator (glibc supports replacing malloc this way; free goes to glibc too).
 * The counter is the one piece of global mutable state here: malloc has no context argument.
 * Sanitizers bring their own allocator, so there the count is not available. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||                         \
    __has_feature(thread_sanitizer)
#define BR_NO_COUNT 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || !defined(__GLIBC__)
#define BR_NO_COUNT 1
#endif

#ifndef BR_NO_COUNT
static unsigned long br_allocs;
/* Not a locked increment: that would add its own cost to every allocation timed. Counts are
 * read only in the single-threaded part 1; elsewhere a lost increment does not matter. */
static void count(void)
{
    __atomic_store_n(&br_allocs, __atomic_load_n(&br_allocs, __ATOMIC_RELAXED) + 1,
                     __ATOMIC_RELAXED);
}
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

void *malloc(size_t n)
{
    count();
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    count();
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    count();
    return __libc_realloc(p, n);
}

void free(void *p)
{
    __libc_free(p);
}

static unsigned long allocs(void)
{
    return __atomic_load_n(&br_allocs, __ATOMIC_RELAXED);
}
#else
static unsigned long allocs(void)
{
    return 0;
}
#endif

typedef struct br {
    MI_Application app;
    Bench_Thing thing; /* the typed struct, 20 properties set */
    MI_Instance *inst; /* the same as an MI_Instance */
    msrv_server *srv;  /* embedded, listening on url */
    char url[64];
    char *req; /* a Create request as the client writes it */
    size_t req_len;
    char *resp; /* mofbind-server's answer to it */
    size_t resp_len;
    unsigned next_id;             /* keys of created instances, never reused */
    char msgid[WSMAN_MSGID_SIZE]; /* MessageIDs, numbered as a session does */
    int runs;
} br;

/* A timing over runs: median and half the range. */
typedef struct br_stat {
    double med, spread;
} br_stat;

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

static br_stat summary(double *v, int n)
{
    br_stat s;
    qsort(v, (size_t)n, sizeof *v, cmp);
    s.med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.spread = (v[n - 1] - v[0]) / 2;
    return s;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_runtime: %s\n", what);
    exit(1);
}

static void row(const char *what, const char *med, const char *spread, const char *floor,
                const char *vs, const char *target, const char *status)
{
    printf("| %s | %s | %s | %s | %s | %s | %s |\n", what, med, spread, floor, vs, target, status);
    fflush(stdout);
}

static void fill(Bench_Thing *t, unsigned id)
{
    static const MI_Char *const tags[] = {"alpha", "beta", "gamma"};
    MI_Datetime d;
    char buf[32];
    memset(&d, 0, sizeof d);
    d.isTimestamp = 1;
    d.u.timestamp.year = 2024;
    d.u.timestamp.month = 5;
    d.u.timestamp.day = 17;
    d.u.timestamp.hour = 12;
    snprintf(buf, sizeof buf, "thing-%09u", id);
    if (Bench_Thing_Set_Id(t, buf) || Bench_Thing_Set_Name(t, "value 1 & <more>") ||
        Bench_Thing_Set_Caption(t, "value 2 & <more>") ||
        Bench_Thing_Set_Description(t, "value 3 & <more>") ||
        Bench_Thing_Set_Count(t, 4000000000u) || Bench_Thing_Set_Size(t, 1234567890123ULL) ||
        Bench_Thing_Set_Offset(t, -98765432109LL) || Bench_Thing_Set_Ratio(t, 0.125) ||
        Bench_Thing_Set_Scale(t, 2.5f) || Bench_Thing_Set_Enabled(t, MI_TRUE) ||
        Bench_Thing_Set_Healthy(t, MI_FALSE) || Bench_Thing_Set_Made(t, d) ||
        Bench_Thing_Set_Seen(t, d) || Bench_Thing_Set_Tags(t, tags, 3) ||
        Bench_Thing_Set_Level(t, 200) || Bench_Thing_Set_Code(t, -7) ||
        Bench_Thing_Set_Owner(t, "value 17 & <more>") ||
        Bench_Thing_Set_Location(t, "value 18 & <more>") ||
        Bench_Thing_Set_Serial(t, "value 19 & <more>") ||
        Bench_Thing_Set_Model(t, "value 20 & <more>"))
        die("Bench_Thing_Set_* failed");
}

/* The Create request for inst, as the operation writes it (the MessageID the next of the
 * series in msgid, as a session numbers them). */
static MI_Result write_create(const MI_Instance *inst, const char *url, char *msgid_series,
                              wsman_buf *out)
{
    wsman_request req;
    wsman_error err;
    char msgid[WSMAN_MSGID_SIZE];
    memset(&req, 0, sizeof req);
    req.action = WSMAN_ACTION_CREATE;
    req.to = url;
    req.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
    req.name_space = "root/cimv2";
    req.instance = inst;
    req.max_envelope_size = 512000;
    req.timeout_usec = 60000000;
    req.locale = "en-US";
    req.data_locale = "en-US";
    wsman_next_message_id(msgid_series);
    req.message_id = msgid_series;
    return wsman_write_request(&req, out, msgid, &err);
}

/* The floor of marshalling: the same 20 values set through the MI API by hand. */
static void marshal_by_hand(br *b)
{
    const Bench_Thing *t = &b->thing;
    MI_Instance *i = NULL;
    MI_Value v;
    MI_Uint32 k = 0;
    if (MI_Application_NewInstance(&b->app, NULL, &Bench_Thing_rtti, &i) != MI_RESULT_OK)
        die("NewInstance failed");
#define BR_SET(field, member, type)                                                                \
    memcpy(&v.member, &t->field.value, sizeof v.member);                                           \
    if (MI_Instance_SetElementAt(i, k++, &v, type, 0) != MI_RESULT_OK)                             \
        die("SetElementAt failed");
    BR_SET(Id, string, MI_STRING)
    BR_SET(Name, string, MI_STRING)
    BR_SET(Caption, string, MI_STRING)
    BR_SET(Description, string, MI_STRING)
    BR_SET(Count, uint32, MI_UINT32)
    BR_SET(Size, uint64, MI_UINT64)
    BR_SET(Offset, sint64, MI_SINT64)
    BR_SET(Ratio, real64, MI_REAL64)
    BR_SET(Scale, real32, MI_REAL32)
    BR_SET(Enabled, boolean, MI_BOOLEAN)
    BR_SET(Healthy, boolean, MI_BOOLEAN)
    BR_SET(Made, datetime, MI_DATETIME)
    BR_SET(Seen, datetime, MI_DATETIME)
    v.stringa.data = (MI_Char **)t->Tags.value.data;
    v.stringa.size = t->Tags.value.size;
    if (MI_Instance_SetElementAt(i, k++, &v, MI_STRINGA, 0) != MI_RESULT_OK)
        die("SetElementAt failed");
    BR_SET(Level, uint8, MI_UINT8)
    BR_SET(Code, sint32, MI_SINT32)
    BR_SET(Owner, string, MI_STRING)
    BR_SET(Location, string, MI_STRING)
    BR_SET(Serial, string, MI_STRING)
    BR_SET(Model, string, MI_STRING)
#undef BR_SET
    MI_Instance_Delete(i);
}

enum phase {
    PH_MARSHAL,
    PH_MARSHAL_FLOOR,
    PH_COPY,
    PH_WRITE,
    PH_WRITE_FLOOR,
    PH_READ,
    PH_READ_FLOOR,
    PH_CREATE
};

/* CPU time per iteration of one phase, in ns; *nalloc gets allocations per iteration. */
static double cpu_phase(br *b, enum phase ph, int iters, double *nalloc)
{
    wsman_codec codec;
    wsman_read_options ro;
    wsman_parser parser; /* kept between responses, as a session keeps it */
    wsman_buf out;
    char *copybuf = (char *)malloc(b->req_len);
    double t0, t1;
    unsigned long a0, a1;
    int i;
    memset(&codec, 0, sizeof codec);
    codec.new_instance = mic_new_instance_hook;
    memset(&ro, 0, sizeof ro);
    memset(&parser, 0, sizeof parser);
    ro.decl = &Bench_Thing_rtti;
    ro.parser = &parser;
    util_buf_init(&out);
    if (!copybuf || write_create(b->inst, b->url, b->msgid, &out) != MI_RESULT_OK) /* grown once */
        die("out of memory");
    a0 = allocs();
    t0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (i = 0; i < iters; i++) {
        MI_Instance *x = NULL;
        wsman_response resp;
        xmlDocPtr doc;
        switch (ph) {
        case PH_MARSHAL:
            if (Bench_Thing_ToInstance(&b->thing, &b->app, &x) != MI_RESULT_OK)
                die("ToInstance failed");
            MI_Instance_Delete(x);
            break;
        case PH_MARSHAL_FLOOR:
            marshal_by_hand(b);
            break;
        case PH_COPY:
            if (MI_Instance_Clone(b->inst, &x) != MI_RESULT_OK)
                die("Clone failed");
            MI_Instance_Delete(x);
            break;
        case PH_WRITE:
            if (write_create(b->inst, b->url, b->msgid, &out) != MI_RESULT_OK)
                die("write failed");
            break;
        case PH_WRITE_FLOOR:
            memcpy(copybuf, b->req, b->req_len);
            __asm__ __volatile__("" : : "r"(copybuf) : "memory");
            break;
        case PH_READ:
        case PH_CREATE:
            if (ph == PH_CREATE) {
                if (Bench_Thing_ToInstance(&b->thing, &b->app, &x) != MI_RESULT_OK)
                    die("ToInstance failed");
                {
                    MI_Instance *y = NULL;
                    if (MI_Instance_Clone(x, &y) != MI_RESULT_OK)
                        die("Clone failed");
                    MI_Instance_Delete(x);
                    x = y;
                }
                if (write_create(x, b->url, b->msgid, &out) != MI_RESULT_OK)
                    die("write failed");
            }
            if (wsman_read_response(&codec, WSMAN_ACTION_CREATE, 200,
                                    "application/soap+xml;charset=UTF-8", b->resp, b->resp_len, &ro,
                                    &resp) != MI_RESULT_OK ||
                resp.num_items != 1)
                die("read failed");
            wsman_response_free(&resp);
            if (x)
                MI_Instance_Delete(x);
            break;
        case PH_READ_FLOOR:
            doc = xmlReadMemory(b->resp, (int)b->resp_len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NODICT);
            if (!doc)
                die("libxml2 parse failed");
            xmlFreeDoc(doc);
            break;
        }
    }
    t1 = now(CLOCK_PROCESS_CPUTIME_ID);
    a1 = allocs();
    util_buf_free(&out);
    wsman_parser_free(&parser);
    free(copybuf);
    if (nalloc)
        *nalloc = (double)(a1 - a0) / iters;
    return (t1 - t0) / iters * 1e9;
}

static br_stat cpu_stat(br *b, enum phase ph, int iters, double *nalloc)
{
    double *v = (double *)calloc((size_t)b->runs, sizeof *v);
    br_stat s;
    int i;
    if (!v)
        die("out of memory");
    cpu_phase(b, ph, iters / 10 + 1, NULL); /* warm up */
    for (i = 0; i < b->runs; i++)
        v[i] = cpu_phase(b, ph, iters, nalloc);
    s = summary(v, b->runs);
    free(v);
    return s;
}

/* A row of part 1: s against the floor fs named fname (none when NULL). */
static void cpu_row(const char *what, br_stat s, br_stat fs, const char *fname, const char *target,
                    const char *status)
{
    char med[64], spr[64], fl[256], vs[64];
    snprintf(med, sizeof med, "%.0f ns", s.med);
    snprintf(spr, sizeof spr, "± %.0f ns", s.spread);
    snprintf(fl, sizeof fl, "%s: %.0f ns", fname ? fname : "", fs.med);
    snprintf(vs, sizeof vs, "%.1f×", s.med / fs.med);
    row(what, med, spr, fname ? fl : "—", fname ? vs : "—", target, status);
}

static void part_cpu(br *b)
{
    int iters = 20000;
    char med[64], spr[64], fl[256], vs[64];
    double na, nfa;
    br_stat m = cpu_stat(b, PH_MARSHAL, iters, NULL);
    br_stat mf = cpu_stat(b, PH_MARSHAL_FLOOR, iters, NULL);
    br_stat c = cpu_stat(b, PH_COPY, iters, NULL);
    br_stat w = cpu_stat(b, PH_WRITE, iters, NULL), wf = cpu_stat(b, PH_WRITE_FLOOR, iters, NULL);
    br_stat r = cpu_stat(b, PH_READ, iters, NULL), rf = cpu_stat(b, PH_READ_FLOOR, iters, &nfa);
    br_stat t = cpu_stat(b, PH_CREATE, iters, &na);

    cpu_row("runtime: marshal Bench_Thing (20 properties) to MI_Instance, CPU", m, mf,
            "the same 20 values by MI_Instance_SetElementAt", "", "");
    cpu_row("runtime: copy of the instance (as the operation does), CPU", c, c, NULL, "", "");
    {
        char name[96];
        snprintf(name, sizeof name, "memcpy of the same %zu bytes", b->req_len);
        cpu_row("runtime: SOAP write of the Create request, CPU", w, wf, name, "", "");
        snprintf(name, sizeof name, "libxml2 parse of the same %zu bytes", b->resp_len);
        cpu_row("runtime: read of the CreateResponse, CPU", r, rf, name, "", "");
    }
    {
        br_stat sum;
        sum.med = m.med + c.med + w.med + r.med;
        sum.spread = 0;
        snprintf(fl, sizeof fl, "sum of the four rows above: %.0f ns", sum.med);
        snprintf(med, sizeof med, "%.0f ns", t.med);
        snprintf(spr, sizeof spr, "± %.0f ns", t.spread);
        row("runtime: client CPU per Create, all of it in one loop", med, spr, fl, "—",
            "≤ 10000 ns", t.med <= 10000 ? "met" : "MISSED");
    }
#ifndef BR_NO_COUNT
    snprintf(med, sizeof med, "%.1f allocs", na);
    snprintf(fl, sizeof fl, "libxml2 parse of the response alone: %.1f allocs", nfa);
    snprintf(vs, sizeof vs, "%.1f×", na / nfa);
    row("runtime: allocations per Create (malloc/calloc/realloc calls)", med, "± 0 allocs", fl, vs,
        "", "");
#else
    (void)vs, (void)na, (void)nfa;
    row("runtime: allocations per Create", "n/a (sanitizer build)", "", "", "", "", "");
#endif
}

/* ---- round trips ------------------------------------------------------------------------ */

/* One posting client of the floor: a libcurl handle with its own copy of the request bytes,
 * whose key (thing-NNNNNNNNN, same length) is rewritten before each post. */
typedef struct poster {
    CURL *c;
    char *body;
    size_t len;
    char *key; /* the 9 digits in body */
    double t0;
} poster;

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
    (void)p, (void)ctx;
    return size * n;
}

static void poster_init(poster *p, br *b, const char *url, struct curl_slist *hd)
{
    char *k;
    p->c = curl_easy_init();
    p->body = (char *)malloc(b->req_len + 1);
    if (!p->c || !p->body)
        die("out of memory");
    memcpy(p->body, b->req, b->req_len);
    p->body[b->req_len] = '\0';
    p->len = b->req_len;
    k = strstr(p->body, "thing-");
    if (!k)
        die("no key in the request");
    p->key = k + 6;
    curl_easy_setopt(p->c, CURLOPT_URL, url);
    curl_easy_setopt(p->c, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(p->c, CURLOPT_POST, 1L);
    curl_easy_setopt(p->c, CURLOPT_POSTFIELDS, p->body);
    curl_easy_setopt(p->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)p->len);
    curl_easy_setopt(p->c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(p->c, CURLOPT_USERNAME, USER);
    curl_easy_setopt(p->c, CURLOPT_PASSWORD, PASSWORD);
    curl_easy_setopt(p->c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(p->c, CURLOPT_PROXY, "");
    /* As libmofbind's transfers: no DNS cache, which libcurl walks whole after each transfer
     * (transport.c says why), so that the floor does not pay for it either. */
    curl_easy_setopt(p->c, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
    curl_easy_setopt(p->c, CURLOPT_WRITEFUNCTION, discard);
}

static void poster_next(poster *p, br *b)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%09u", b->next_id++);
    memcpy(p->key, digits, 9);
}

static void poster_check(poster *p)
{
    long code = 0;
    curl_easy_getinfo(p->c, CURLINFO_RESPONSE_CODE, &code);
    if (code != 200) {
        fprintf(stderr, "bench_runtime: floor: HTTP status %ld\n", code);
        exit(1);
    }
}

static struct curl_slist *floor_headers(void)
{
    struct curl_slist *hd = curl_slist_append(NULL, "Content-Type: application/soap+xml;"
                                                    "charset=UTF-8");
    hd = curl_slist_append(hd, "Expect:");
    hd = curl_slist_append(hd, "Accept:");
    if (!hd)
        die("out of memory");
    return hd;
}

/* The posters of m whose requests are answered: checked, their latency in lat[*done], and
 * each posts again while fewer than n were sent. */
static void posters_done(CURLM *m, br *b, int n, int *sent, int *done, double *lat)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(m, &left)) != NULL) {
        poster *q = NULL;
        if (msg->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&q);
        if (msg->data.result != CURLE_OK)
            die(curl_easy_strerror(msg->data.result));
        poster_check(q);
        if (lat)
            lat[*done] = now(CLOCK_MONOTONIC) - q->t0;
        (*done)++;
        curl_multi_remove_handle(m, q->c);
        if (*sent < n) {
            poster_next(q, b);
            q->t0 = now(CLOCK_MONOTONIC);
            curl_multi_add_handle(m, q->c);
            (*sent)++;
        }
    }
}

/* libcurl posting n requests over conns kept-alive connections (one in flight on each);
 * latencies in lat (n entries, seconds) when not NULL. Returns Creates/s. */
static double curl_floor(br *b, const char *url, int n, int conns, double *lat)
{
    struct curl_slist *hd = floor_headers();
    poster *p = (poster *)calloc((size_t)conns, sizeof *p);
    CURLM *m = curl_multi_init();
    double t0, t1;
    int i, sent = 0, done = 0, running;
    if (!p || !m)
        die("out of memory");
    for (i = 0; i < conns; i++)
        poster_init(&p[i], b, url, hd);
    t0 = now(CLOCK_MONOTONIC);
    if (conns == 1) {
        for (i = 0; i < n; i++) {
            double s = now(CLOCK_MONOTONIC);
            poster_next(&p[0], b);
            CURLcode rc = curl_easy_perform(p[0].c);
            if (rc != CURLE_OK)
                die(curl_easy_strerror(rc));
            poster_check(&p[0]);
            if (lat)
                lat[i] = now(CLOCK_MONOTONIC) - s;
        }
    } else {
        for (i = 0; i < conns && sent < n; i++, sent++) {
            poster_next(&p[i], b);
            p[i].t0 = now(CLOCK_MONOTONIC);
            curl_easy_setopt(p[i].c, CURLOPT_PRIVATE, (void *)&p[i]);
            curl_multi_add_handle(m, p[i].c);
        }
        while (done < n) {
            curl_multi_perform(m, &running);
            posters_done(m, b, n, &sent, &done, lat);
            if (done < n)
                curl_multi_poll(m, NULL, 0, 100, NULL);
        }
    }
    t1 = now(CLOCK_MONOTONIC);
    for (i = 0; i < conns; i++) {
        curl_easy_cleanup(p[i].c);
        free(p[i].body);
    }
    curl_multi_cleanup(m);
    curl_slist_free_all(hd);
    free(p);
    return n / (t1 - t0);
}

/* Operations in flight: the callbacks count them down and wake the submitting thread. */
typedef struct flight {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done, ok;
} flight;

typedef struct opctx {
    flight *f;
    struct chain *c;
    double t0, *lat;
} opctx;

static void MI_CALL on_done(MI_Operation *op, void *ctx, const MI_Instance *inst, MI_Boolean more,
                            MI_Result r, const MI_Char *msg, const MI_Instance *details,
                            MI_Result(MI_CALL *ack)(MI_Operation *))
{
    opctx *o = (opctx *)ctx;
    (void)inst, (void)msg, (void)details, (void)ack;
    if (!more) {
        *o->lat = now(CLOCK_MONOTONIC) - o->t0;
        MI_Operation_Close(op);
        pthread_mutex_lock(&o->f->mu);
        if (r == MI_RESULT_OK)
            o->f->ok++;
        o->f->done++;
        pthread_cond_signal(&o->f->cv);
        pthread_mutex_unlock(&o->f->mu);
    }
}

/* Operations in flight, refilled from their callbacks: each completion starts the next Create
 * on the session's worker, as an application chaining its work does, so that no other thread
 * wakes per Create (the submitting thread of mi_creates wakes for each completion, a thread
 * hand-off per Create that the floor does not pay). The state is under mu: the callbacks hold
 * it while they run, the submitting thread while it starts the first ones. */
typedef struct chain {
    br *b;
    MI_Session *s;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int n, sent, done, ok;
    double *lat;
    opctx *o;
} chain;

static void chain_send(chain *c);

static void MI_CALL on_chain(MI_Operation *op, void *ctx, const MI_Instance *inst, MI_Boolean more,
                             MI_Result r, const MI_Char *msg, const MI_Instance *details,
                             MI_Result(MI_CALL *ack)(MI_Operation *))
{
    opctx *o = (opctx *)ctx;
    chain *c = o->c;
    (void)inst, (void)msg, (void)details, (void)ack;
    if (more)
        return;
    *o->lat = now(CLOCK_MONOTONIC) - o->t0;
    MI_Operation_Close(op);
    pthread_mutex_lock(&c->mu);
    if (r == MI_RESULT_OK)
        c->ok++;
    if (c->sent < c->n)
        chain_send(c);
    if (++c->done == c->n)
        pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* The instance of a Create of thing with the key thing-ID (its Id set, then marshalled). */
static MI_Instance *thing_instance(Bench_Thing *thing, MI_Application *app, unsigned id)
{
    MI_Instance *w = NULL;
    char key[32];
    snprintf(key, sizeof key, "thing-%09u", id);
    Bench_Thing_SetPtr_Id(thing, key);
    if (Bench_Thing_ToInstance(thing, app, &w) != MI_RESULT_OK)
        die("ToInstance failed");
    return w;
}

/* Lock held. */
static void chain_send(chain *c)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op;
    MI_Instance *w = NULL;
    opctx *o = &c->o[c->sent];
    w = thing_instance(&c->b->thing, &c->b->app, c->b->next_id++);
    cb.instanceResult = on_chain;
    cb.callbackContext = o;
    o->c = c;
    o->lat = &c->lat[c->sent];
    o->t0 = now(CLOCK_MONOTONIC);
    c->sent++;
    MI_Session_CreateInstance(c->s, 0, NULL, "root/cimv2", w, &cb, &op);
    MI_Instance_Delete(w);
}

/* Creates/s with inflight operations in flight on one session, refilled from the callbacks. */
static double mi_chained(br *b, MI_Session *s, int n, int inflight, double *lat)
{
    chain c;
    double t0, t1;
    memset(&c, 0, sizeof c);
    c.b = b;
    c.s = s;
    c.n = n;
    c.lat = lat;
    c.o = (opctx *)calloc((size_t)n, sizeof *c.o);
    if (!c.o)
        die("out of memory");
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    t0 = now(CLOCK_MONOTONIC);
    pthread_mutex_lock(&c.mu);
    while (c.sent < inflight && c.sent < n)
        chain_send(&c);
    while (c.done < n)
        pthread_cond_wait(&c.cv, &c.mu);
    pthread_mutex_unlock(&c.mu);
    t1 = now(CLOCK_MONOTONIC);
    pthread_mutex_destroy(&c.mu);
    pthread_cond_destroy(&c.cv);
    free(c.o);
    if (c.ok != n) {
        fprintf(stderr, "bench_runtime: %d of %d creates failed\n", n - c.ok, n);
        exit(1);
    }
    return n / (t1 - t0);
}

/* One Create through the typed bindings and the session, synchronously. */
static void create_sync(br *b, MI_Session *s, unsigned id)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w = NULL;
    const MI_Instance *res;
    const MI_Char *msg = NULL;
    MI_Boolean more;
    MI_Result r;
    w = thing_instance(&b->thing, &b->app, id);
    MI_Session_CreateInstance(s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    MI_Operation_GetInstance(&op, &res, &more, &r, &msg, NULL);
    if (r != MI_RESULT_OK) {
        fprintf(stderr, "bench_runtime: create failed: %d (%s)\n", (int)r, msg ? msg : "");
        exit(1);
    }
    MI_Operation_Close(&op);
}

/* Creates/s through libmofbind on one session; inflight 1 (synchronous) or more (callbacks).
 * Latencies (seconds) in lat, n entries. */
static double mi_creates(br *b, MI_Session *s, int n, int inflight, double *lat)
{
    double t0 = now(CLOCK_MONOTONIC), t1;
    int i, sent = 0;
    if (inflight <= 1) {
        for (i = 0; i < n; i++) {
            double st = now(CLOCK_MONOTONIC);
            create_sync(b, s, b->next_id++);
            lat[i] = now(CLOCK_MONOTONIC) - st;
        }
    } else {
        flight f;
        opctx *o = (opctx *)calloc((size_t)n, sizeof *o);
        MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
        if (!o)
            die("out of memory");
        memset(&f, 0, sizeof f);
        pthread_mutex_init(&f.mu, NULL);
        pthread_cond_init(&f.cv, NULL);
        cb.instanceResult = on_done;
        pthread_mutex_lock(&f.mu);
        while (f.done < n) {
            while (sent < n && sent - f.done < inflight) {
                MI_Operation op;
                MI_Instance *w = NULL;
                pthread_mutex_unlock(&f.mu);
                w = thing_instance(&b->thing, &b->app, b->next_id++);
                o[sent].f = &f;
                o[sent].lat = &lat[sent];
                o[sent].t0 = now(CLOCK_MONOTONIC);
                cb.callbackContext = &o[sent];
                MI_Session_CreateInstance(s, 0, NULL, "root/cimv2", w, &cb, &op);
                MI_Instance_Delete(w);
                sent++;
                pthread_mutex_lock(&f.mu);
            }
            if (f.done < n)
                pthread_cond_wait(&f.cv, &f.mu);
        }
        pthread_mutex_unlock(&f.mu);
        pthread_mutex_destroy(&f.mu);
        pthread_cond_destroy(&f.cv);
        free(o);
        if (f.ok != n) {
            fprintf(stderr, "bench_runtime: %d of %d creates failed\n", n - f.ok, n);
            exit(1);
        }
    }
    t1 = now(CLOCK_MONOTONIC);
    return n / (t1 - t0);
}

static MI_Result new_session(br *b, const char *url, MI_Session *s)
{
    MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials c;
    MI_Result r;
    if (MI_Application_NewDestinationOptions(&b->app, &d) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    memset(&c, 0, sizeof c);
    c.authenticationType = MI_AUTH_TYPE_BASIC;
    c.credentials.usernamePassword.username = USER;
    c.credentials.usernamePassword.password = PASSWORD;
    MI_DestinationOptions_AddDestinationCredentials(&d, &c);
    MI_DestinationOptions_SetPacketPrivacy(&d, MI_FALSE);
    r = MI_Application_NewSession(&b->app, NULL, url, &d, NULL, NULL, s);
    MI_DestinationOptions_Delete(&d);
    return r;
}

/* 16 clients: each thread its own session and typed struct, synchronous Creates. */
typedef struct client {
    br *b;
    MI_Session s;
    Bench_Thing thing;
    unsigned first;
    int n;
} client;

static void *client_main(void *arg)
{
    client *c = (client *)arg;
    int i;
    for (i = 0; i < c->n; i++) {
        MI_Operation op = MI_OPERATION_NULL;
        MI_Instance *w = NULL;
        const MI_Instance *res;
        MI_Boolean more;
        MI_Result r;
        w = thing_instance(&c->thing, &c->b->app, c->first + (unsigned)i);
        MI_Session_CreateInstance(&c->s, 0, NULL, "root/cimv2", w, NULL, &op);
        MI_Instance_Delete(w);
        MI_Operation_GetInstance(&op, &res, &more, &r, NULL, NULL);
        MI_Operation_Close(&op);
        if (r != MI_RESULT_OK)
            die("create failed (16 clients)");
    }
    return NULL;
}

static double mi_clients(br *b, client *cl, int nclients, int per)
{
    pthread_t th[16];
    double t0, t1;
    int i;
    for (i = 0; i < nclients; i++) {
        cl[i].first = b->next_id;
        b->next_id += (unsigned)per;
        cl[i].n = per;
    }
    t0 = now(CLOCK_MONOTONIC);
    for (i = 0; i < nclients; i++)
        if (pthread_create(&th[i], NULL, client_main, &cl[i]))
            die("pthread_create failed");
    for (i = 0; i < nclients; i++)
        pthread_join(th[i], NULL);
    t1 = now(CLOCK_MONOTONIC);
    return nclients * per / (t1 - t0);
}

static void percentiles(double *lat, int n, double *p50, double *p99)
{
    qsort(lat, (size_t)n, sizeof *lat, cmp);
    *p50 = lat[n / 2] * 1e6;
    *p99 = lat[(n * 99) / 100] * 1e6;
}

/* Rows of one kind of round trip. "vs floor" is the median of the ratios of each run to the
 * floor's run beside it (they interleave): load from other work that comes and goes during the
 * runs then falls on both sides of each ratio, where a ratio of the two medians could set a
 * run from a quiet moment against one from a busy moment. */
static void throughput_rows(const char *what, const char *fwhat, double *v, double *fv, double *p50,
                            double *p99, double *fp50, double *fp99, double *cpu, double *fcpu,
                            int runs, int has_target)
{
    double *pair = (double *)calloc((size_t)runs, sizeof *pair);
    double ratio;
    br_stat s, f, l50, l99, f50, f99;
    char med[64], spr[64], fl[160], vs[32];
    int i;
    if (!pair)
        die("out of memory");
    for (i = 0; i < runs; i++)
        pair[i] = v[i] / fv[i];
    ratio = summary(pair, runs).med;
    free(pair);
    s = summary(v, runs);
    f = summary(fv, runs);
    l50 = summary(p50, runs);
    l99 = summary(p99, runs);
    f50 = summary(fp50, runs);
    f99 = summary(fp99, runs);
    snprintf(med, sizeof med, "%.0f /s", s.med);
    snprintf(spr, sizeof spr, "± %.0f /s", s.spread);
    snprintf(fl, sizeof fl, "%s: %.0f /s", fwhat, f.med);
    snprintf(vs, sizeof vs, "%.0f %%", ratio * 100);
    row(what, med, spr, fl, vs, has_target ? "≥ 80 % of the floor" : "",
        has_target ? (ratio >= 0.8 ? "met" : "MISSED") : "");
    {
        char w2[200];
        snprintf(w2, sizeof w2, "%s, p50 latency", what);
        snprintf(med, sizeof med, "%.0f us", l50.med);
        snprintf(spr, sizeof spr, "± %.0f us", l50.spread);
        snprintf(fl, sizeof fl, "%s: %.0f us", fwhat, f50.med);
        snprintf(vs, sizeof vs, "%.1f×", l50.med / f50.med);
        row(w2, med, spr, fl, vs, "", "");
        snprintf(w2, sizeof w2, "%s, p99 latency", what);
        snprintf(med, sizeof med, "%.0f us", l99.med);
        snprintf(spr, sizeof spr, "± %.0f us", l99.spread);
        snprintf(fl, sizeof fl, "%s: %.0f us", fwhat, f99.med);
        snprintf(vs, sizeof vs, "%.1f×", l99.med / f99.med);
        row(w2, med, spr, fl, vs, "", "");
        if (cpu) {
            br_stat c = summary(cpu, runs), fc = summary(fcpu, runs);
            snprintf(w2, sizeof w2, "%s, CPU per Create (client and server: this process)", what);
            snprintf(med, sizeof med, "%.0f us", c.med);
            snprintf(spr, sizeof spr, "± %.0f us", c.spread);
            snprintf(fl, sizeof fl, "%s: %.0f us", fwhat, fc.med);
            snprintf(vs, sizeof vs, "%.1f×", c.med / fc.med);
            row(w2, med, spr, fl, vs, "", "");
        }
    }
}

/* The floor of the header-then-body peer: n Creates over one kept-alive raw socket to port,
 * the request bytes libcurl sends (headers and the same body, a new key each time) in one
 * send(), the answer read to its Content-Length, TCP_QUICKACK set before each wait in the
 * middle of an answer as the transport does. Latencies in lat. Returns Creates/s. */
static double raw_floor(br *b, unsigned port, int n, double *lat)
{
    struct sockaddr_in a;
    char head[512], *msg, *key, *in = NULL;
    size_t hl, cap = 0, at;
    double t0, t1;
    int fd = socket(AF_INET, SOCK_STREAM, 0), i;
    /* (YmVuY2g6YmVuY2gtcGFzcw== is base64 of USER:PASSWORD.) */
    hl = (size_t)snprintf(head, sizeof head,
                          "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                          "Authorization: Basic YmVuY2g6YmVuY2gtcGFzcw==\r\n"
                          "User-Agent: libmofbind/" PACKAGE_VERSION "\r\n"
                          "Content-Type: application/soap+xml;charset=UTF-8\r\n"
                          "Content-Length: %lu\r\n\r\n",
                          port, (unsigned long)b->req_len);
    msg = (char *)malloc(hl + b->req_len + 1);
    if (fd < 0 || !msg)
        die("raw floor: no socket or memory");
    memcpy(msg, head, hl);
    memcpy(msg + hl, b->req, b->req_len);
    msg[hl + b->req_len] = '\0';
    if (!(key = strstr(msg + hl, "thing-")))
        die("no key in the request");
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a))
        die("raw floor: cannot connect");
    t0 = now(CLOCK_MONOTONIC);
    for (i = 0; i < n; i++) {
        double s = now(CLOCK_MONOTONIC);
        char digits[16];
        snprintf(digits, sizeof digits, "%09u", b->next_id++);
        memcpy(key + 6, digits, 9);
        if (sp_send_all(fd, msg, hl + b->req_len) || sp_read_message(fd, &in, &cap, &at, 1) < 0)
            die("raw floor: exchange failed");
        if (strncmp(in, "HTTP/1.1 200 ", 13))
            die("raw floor: the peer did not answer 200");
        if (lat)
            lat[i] = now(CLOCK_MONOTONIC) - s;
    }
    t1 = now(CLOCK_MONOTONIC);
    close(fd);
    free(in);
    free(msg);
    return n / (t1 - t0);
}

/* The header callback of curl_quickack_floor: the answer has begun. */
static size_t floor_header_seen(char *p, size_t size, size_t n, void *ctx)
{
    (void)p;
    *(int *)ctx = 1;
    return size * n;
}

/* The socket option callback of curl_quickack_floor: the connection's socket, kept. */
static int floor_socket_seen(void *ctx, curl_socket_t fd, curlsocktype purpose)
{
    (void)purpose;
    *(int *)ctx = (int)fd;
    return CURL_SOCKOPT_OK;
}

/* n synchronous Creates through libcurl on one kept-alive connection to url, with the
 * transport's ACK policy (TCP_QUICKACK each time the transfer waits in the middle of an
 * answer, runtime/client/transport.c) and nothing else of libmofbind: what libcurl alone costs
 * against a header-then-body server. Creates/s; lat[i] each one's latency when lat. */
static double curl_quickack_floor(br *b, const char *url, int n, double *lat)
{
    struct curl_slist *hd = floor_headers();
    CURLM *m = curl_multi_init();
    poster p;
    double t0, t1;
    int i, answering = 0, fd = -1;
    if (!m)
        die("out of memory");
    poster_init(&p, b, url, hd);
    curl_easy_setopt(p.c, CURLOPT_SOCKOPTFUNCTION, floor_socket_seen);
    curl_easy_setopt(p.c, CURLOPT_SOCKOPTDATA, &fd);
    curl_easy_setopt(p.c, CURLOPT_HEADERFUNCTION, floor_header_seen);
    curl_easy_setopt(p.c, CURLOPT_HEADERDATA, &answering);
    t0 = now(CLOCK_MONOTONIC);
    for (i = 0; i < n; i++) {
        double s = now(CLOCK_MONOTONIC);
        int running = 1, left;
        CURLMsg *msg;
        poster_next(&p, b);
        answering = 0;
        curl_multi_add_handle(m, p.c);
        for (;;) {
            curl_multi_perform(m, &running);
            if (!running)
                break;
            if (answering && fd >= 0)
                sp_quickack(fd); /* the rest of the answer may wait for our ACK */
            curl_multi_poll(m, NULL, 0, 1000, NULL);
        }
        while ((msg = curl_multi_info_read(m, &left)) != NULL)
            if (msg->msg == CURLMSG_DONE && msg->data.result != CURLE_OK)
                die(curl_easy_strerror(msg->data.result));
        curl_multi_remove_handle(m, p.c);
        poster_check(&p);
        if (lat)
            lat[i] = now(CLOCK_MONOTONIC) - s;
    }
    t1 = now(CLOCK_MONOTONIC);
    curl_easy_cleanup(p.c); /* closes the connection: the peer serves one at a time */
    curl_multi_cleanup(m);
    free(p.body);
    curl_slist_free_all(hd);
    return n / (t1 - t0);
}

/* Synchronous Creates to the header-then-body peer against raw_floor and curl_quickack_floor,
 * runs interleaved. 3,000 a run (a third of a second): at 1,000 a burst of other work on the
 * machine fell on one side of a run and moved the ratio by several points from run to run. */
static void split_rows(br *b)
{
    int n = 3000, runs = b->runs, i;
    double *v = (double *)calloc((size_t)runs * 12, sizeof *v);
    double *lat = (double *)calloc((size_t)n, sizeof *lat);
    double *fv = v + runs, *p50 = v + 2 * runs, *p99 = v + 3 * runs, *fp50 = v + 4 * runs,
           *fp99 = v + 5 * runs, *cpu = v + 6 * runs, *fcpu = v + 7 * runs, *cv = v + 8 * runs,
           *cp50 = v + 9 * runs, *cp99 = v + 10 * runs, *ccpu = v + 11 * runs;
    MI_Session s = MI_SESSION_NULL;
    sp_peer peer;
    if (!v || !lat)
        die("out of memory");
    if (sp_start(&peer, b->srv, 0))
        die("cannot start the header-then-body peer");
    for (i = 0; i < runs; i++) {
        double c0, c1, c2, c3;
        /* A session (its connection) per run, closed before the floor's connection, since
         * the peer serves one connection at a time. */
        if (new_session(b, peer.url, &s) != MI_RESULT_OK)
            die("NewSession failed");
        mi_creates(b, &s, 50, 1, lat); /* warm up: the connection */
        c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        v[i] = mi_creates(b, &s, n, 1, lat);
        c1 = now(CLOCK_PROCESS_CPUTIME_ID);
        MI_Session_Close(&s, NULL, NULL);
        percentiles(lat, n, &p50[i], &p99[i]);
        raw_floor(b, peer.port, 50, NULL);
        c2 = now(CLOCK_PROCESS_CPUTIME_ID);
        fv[i] = raw_floor(b, peer.port, n, lat);
        c3 = now(CLOCK_PROCESS_CPUTIME_ID);
        percentiles(lat, n, &fp50[i], &fp99[i]);
        cpu[i] = (c1 - c0) / n * 1e6;
        fcpu[i] = (c3 - c2) / n * 1e6;
        curl_quickack_floor(b, peer.url, 50, NULL);
        c2 = now(CLOCK_PROCESS_CPUTIME_ID);
        cv[i] = curl_quickack_floor(b, peer.url, n, lat);
        c3 = now(CLOCK_PROCESS_CPUTIME_ID);
        percentiles(lat, n, &cp50[i], &cp99[i]);
        ccpu[i] = (c3 - c2) / n * 1e6;
    }
    sp_stop(&peer);
    throughput_rows("round trip: Creates to a peer writing header then body with Nagle on (as "
                    "OMI's server), 1 in flight",
                    "raw socket, same bytes, 1 kept-alive connection, TCP_QUICKACK alike", v, fv,
                    p50, p99, fp50, fp99, cpu, fcpu, runs, 1);
    /* The same runs against libcurl alone: what the other round-trip rows' floors are. */
    throughput_rows("round trip: Creates to a peer writing header then body with Nagle on (as "
                    "OMI's server), 1 in flight, against libcurl",
                    "libcurl, same bytes, 1 kept-alive connection, TCP_QUICKACK alike", v, cv,
                    p50, p99, cp50, cp99, cpu, ccpu, runs, 1);
    free(lat);
    free(v);
}

/* One kind of the header-then-body rows alone, n Creates after a warm-up of 50 (what: "sync",
 * libmofbind; "raw", raw_floor; "curl", curl_quickack_floor), printing Creates/s, for strace
 * and callgrind. */
static void split_one(br *b, const char *what, int n)
{
    MI_Session s = MI_SESSION_NULL;
    sp_peer peer;
    double r, *lat = (double *)calloc((size_t)(n > 50 ? n : 50), sizeof *lat);
    if (n < 1 || !lat)
        die("bad count");
    if (sp_start(&peer, b->srv, 0))
        die("cannot start the header-then-body peer");
    if (!strcmp(what, "sync")) {
        if (new_session(b, peer.url, &s) != MI_RESULT_OK)
            die("NewSession failed");
        mi_creates(b, &s, 50, 1, lat);
        r = mi_creates(b, &s, n, 1, lat);
        MI_Session_Close(&s, NULL, NULL);
    } else if (!strcmp(what, "raw")) {
        raw_floor(b, peer.port, 50, NULL);
        r = raw_floor(b, peer.port, n, NULL);
    } else {
        curl_quickack_floor(b, peer.url, 50, NULL);
        r = curl_quickack_floor(b, peer.url, n, NULL);
    }
    sp_stop(&peer);
    free(lat);
    printf("%.0f /s\n", r);
}

static void part_round_trips(br *b, int rt_only)
{
    int n = 1000, runs = b->runs, i, k;
    double *v = (double *)calloc((size_t)runs * 8, sizeof *v);
    double *lat = (double *)calloc((size_t)n, sizeof *lat);
    double *fv = v + runs, *p50 = v + 2 * runs, *p99 = v + 3 * runs, *fp50 = v + 4 * runs,
           *fp99 = v + 5 * runs, *cpu = v + 6 * runs, *fcpu = v + 7 * runs;
    MI_Session s = MI_SESSION_NULL;
    client cl[16];
    if (!v || !lat)
        die("out of memory");
    if (new_session(b, b->url, &s) != MI_RESULT_OK)
        die("NewSession failed");
    mi_creates(b, &s, 200, 1, lat); /* warm up: connection, server's first instances */
    curl_floor(b, b->url, 200, 1, NULL);
    /* Runs of the figure and of its floor interleave, so that load on the machine falls on
     * both alike. */
    /* 1 in flight (synchronous); 16 in flight refilled from the callbacks (target); 16 in
     * flight refilled by the submitting thread, which each completion wakes (no target: that
     * hand-off per Create is the application's design, not the runtime's). */
    for (k = 0; k < 3; k++) {
        static const char *const what[3] = {
            "round trip: Creates to mofbind-server, 1 in flight",
            "round trip: Creates to mofbind-server, 16 in flight on one session (refilled from "
            "the callbacks)",
            "round trip: Creates to mofbind-server, 16 in flight on one session (refilled by "
            "another thread, woken per completion)"};
        for (i = 0; i < runs; i++) {
            double c0 = now(CLOCK_PROCESS_CPUTIME_ID), c1, c2, c3;
            v[i] = k == 1 ? mi_chained(b, &s, n, 16, lat) : mi_creates(b, &s, n, k ? 16 : 1, lat);
            c1 = now(CLOCK_PROCESS_CPUTIME_ID);
            percentiles(lat, n, &p50[i], &p99[i]);
            c2 = now(CLOCK_PROCESS_CPUTIME_ID);
            fv[i] = curl_floor(b, b->url, n, 1, lat);
            c3 = now(CLOCK_PROCESS_CPUTIME_ID);
            percentiles(lat, n, &fp50[i], &fp99[i]);
            cpu[i] = (c1 - c0) / n * 1e6;
            fcpu[i] = (c3 - c2) / n * 1e6;
        }
        throughput_rows(what[k], "libcurl, same bytes, 1 kept-alive connection", v, fv, p50, p99,
                        fp50, fp99, cpu, fcpu, runs, k < 2);
    }
    MI_Session_Close(&s, NULL, NULL);
    split_rows(b);
    if (rt_only) {
        free(lat);
        free(v);
        return;
    }

    /* The server with 16 clients. */
    for (i = 0; i < 16; i++) {
        cl[i].b = b;
        cl[i].s = (MI_Session)MI_SESSION_NULL;
        Bench_Thing_Init(&cl[i].thing);
        fill(&cl[i].thing, 0);
        if (new_session(b, b->url, &cl[i].s) != MI_RESULT_OK)
            die("NewSession failed");
    }
    mi_clients(b, cl, 16, 20); /* warm up: 16 connections */
    for (i = 0; i < runs; i++) {
        v[i] = mi_clients(b, cl, 16, n / 16);
        fv[i] = curl_floor(b, b->url, n / 16 * 16, 16, NULL);
    }
    {
        br_stat sv = summary(v, runs), sf = summary(fv, runs);
        char med[64], spr[64], fl[128], vs[32];
        snprintf(med, sizeof med, "%.0f /s", sv.med);
        snprintf(spr, sizeof spr, "± %.0f /s", sv.spread);
        snprintf(fl, sizeof fl, "libcurl, same bytes, 16 kept-alive connections: %.0f /s", sf.med);
        snprintf(vs, sizeof vs, "%.0f %%", sv.med / sf.med * 100);
        row("server: Creates/s with 16 clients (16 sessions, 16 threads)", med, spr, fl, vs, "",
            "");
    }
    for (i = 0; i < 16; i++) {
        MI_Session_Close(&cl[i].s, NULL, NULL);
        Bench_Thing_Destruct(&cl[i].thing);
    }
    free(lat);
    free(v);
}

/* ---- the server's memory --------------------------------------------------------------- */

static double rss_mb(pid_t pid)
{
    char path[64], line[256];
    FILE *f;
    double kb = -1;
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kb = atof(line + 6);
    fclose(f);
    return kb / 1024;
}

static msrv_server *make_server(const char *mof, FILE *log)
{
    msrv_config cfg;
    msrv_server *srv = NULL;
    const char *files[1];
    char err[256];
    files[0] = mof;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = files;
    cfg.n_schema_files = 1;
    cfg.user = USER;
    cfg.password = PASSWORD;
    cfg.listen = "127.0.0.1:0";
    cfg.quiet = true;
    cfg.log = log;
    cfg.diag = stderr;
    if (msrv_new(&cfg, &srv, err, sizeof err) || msrv_start(srv, err, sizeof err)) {
        fprintf(stderr, "bench_runtime: server: %s\n", err);
        exit(1);
    }
    return srv;
}

/* A mofbind-server process of its own (forked before this one starts threads), for its RSS.
 * Returns its pid; *port gets its port. It dies with this process. */
static pid_t fork_server(const char *mof, unsigned *port)
{
    int fd[2];
    pid_t pid;
    if (pipe(fd))
        die("pipe failed");
    fflush(NULL);
    pid = fork();
    if (pid < 0)
        die("fork failed");
    if (pid == 0) {
        FILE *devnull = fopen("/dev/null", "w");
        msrv_server *srv;
        unsigned p;
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(fd[0]);
        srv = make_server(mof, devnull);
        p = msrv_port(srv);
        if (write(fd[1], &p, sizeof p) != (ssize_t)sizeof p)
            _exit(1);
        close(fd[1]);
        for (;;)
            pause();
    }
    close(fd[1]);
    if (read(fd[0], port, sizeof *port) != (ssize_t)sizeof *port)
        die("the forked server did not start");
    close(fd[0]);
    return pid;
}

static void part_rss(br *b, pid_t pid, unsigned port)
{
    char url[64], med[64], fl[160], vs[32], what[160];
    double idle, full, per;
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", port);
    curl_floor(b, url, 16, 16, NULL); /* its threads and connections up */
    idle = rss_mb(pid);
    curl_floor(b, url, RSS_INSTANCES, 16, NULL);
    full = rss_mb(pid);
    per = (full - idle) * 1048576 / RSS_INSTANCES;
    snprintf(what, sizeof what,
             "server: RSS of mofbind-server holding 100,000 Bench_Thing "
             "instances (one run)");
    snprintf(med, sizeof med, "%.1f MB", full);
    snprintf(fl, sizeof fl,
             "the same process idle, before the Creates: %.1f MB (so %.0f bytes an instance)", idle,
             per);
    snprintf(vs, sizeof vs, "%.1f×", full / idle);
    row(what, med, "one run", fl, vs, "", "");
}

/* ---- scale: a thousand sessions from one process ------------------------------------------ */

/* Part 4 (mode "scale"): SESSIONS sessions (default 1,000), each to a destination of its own
 * (127.0.X.Y: loopback addresses all reach a server listening on 0.0.0.0), spread over SERVERS
 * mofbind-server processes (default 2, each --threads=1: event-driven, one thread), 10 Creates
 * in flight on each session, refilled from the callbacks, to 100,000 Creates; floor: libcurl's
 * multi interface as an application would drive it for many connections (epoll and
 * curl_multi_socket_action, one thread), posting the same request bytes (a new key each time)
 * over as many kept-alive connections as the sessions use (one each: a session runs one
 * operation at a time), one request in flight on each. Fresh servers for every run of either.
 * Also: the client's peak thread count, its RSS per idle session (each with its connection open)
 * and per operation in flight, and the CPU time of the process over 10 s while its sessions
 * are idle. */

typedef struct scale {
    br *b;
    const char *server, *mof;
    int nsess, inflight, creates, nserv; /* creates: the whole run's */
    pid_t *pids;
    unsigned *ports;
    char (*urls)[64];
    char opts[128]; /* the servers' options, for the rows */
    /* one run of libmofbind's */
    MI_Session *sessions;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int total, sent, done, ok; /* total: this run's */
    double *lat;
    struct sslot *slots;
} scale;

typedef struct sslot {
    scale *sc;
    int sess;
    double t0;
} sslot;

static void scale_servers_start(scale *sc)
{
    int i;
    for (i = 0; i < sc->nserv; i++) {
        int fd[2];
        char line[256], maxc[48];
        FILE *f;
        const char *colon = NULL;
        if (pipe(fd))
            die("pipe failed");
        fflush(NULL);
        snprintf(maxc, sizeof maxc, "--max-connections=%d", sc->nsess + 64);
        sc->pids[i] = fork();
        if (sc->pids[i] < 0)
            die("fork failed");
        if (sc->pids[i] == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            dup2(fd[1], 1);
            close(fd[0]);
            close(fd[1]);
            execl(sc->server, sc->server, "--schema", sc->mof, "--listen", "0.0.0.0:0",
                  "--threads=1", maxc, "--max-per-address=0", "--user", USER, "--password",
                  PASSWORD, "-q", (char *)NULL);
            _exit(127);
        }
        close(fd[1]);
        f = fdopen(fd[0], "r");
        if (!f || !fgets(line, sizeof line, f) || !(colon = strrchr(line, ':')))
            die("a mofbind-server did not start");
        sc->ports[i] = (unsigned)atoi(colon + 1);
        fclose(f); /* (it prints nothing more: -q) */
    }
    /* Every session connects from 127.0.0.1 whatever its destination: no per-address cap. */
    snprintf(sc->opts, sizeof sc->opts,
             "--threads=1 --max-connections=%d --max-per-address=0 --user", sc->nsess + 64);
}

/* CPU time (user and system, microseconds) used so far by this process (who RUSAGE_SELF) or
 * by its children waited for (RUSAGE_CHILDREN: the servers, once stopped). */
static double cpu_usec(int who)
{
    struct rusage u;
    getrusage(who, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

static void scale_servers_stop(scale *sc)
{
    int i;
    for (i = 0; i < sc->nserv; i++) {
        kill(sc->pids[i], SIGTERM);
        waitpid(sc->pids[i], NULL, 0);
    }
}

/* Session i's URL: a destination of its own, on server i % SERVERS. */
static void scale_urls(scale *sc)
{
    int i;
    for (i = 0; i < sc->nsess; i++)
        snprintf(sc->urls[i], sizeof sc->urls[i], "http://127.0.%d.%d:%u/wsman", 1 + i / 250,
                 1 + i % 250, sc->ports[i % sc->nserv]);
}

static void scale_send(scale *sc, sslot *o);

static void MI_CALL on_scale(MI_Operation *op, void *ctx, const MI_Instance *inst,
                             MI_Boolean more, MI_Result r, const MI_Char *msg,
                             const MI_Instance *details, MI_Result(MI_CALL *ack)(MI_Operation *))
{
    sslot *o = (sslot *)ctx;
    scale *sc = o->sc;
    (void)inst, (void)details, (void)ack;
    if (more)
        return;
    MI_Operation_Close(op);
    pthread_mutex_lock(&sc->mu);
    if (r == MI_RESULT_OK)
        sc->ok++;
    else if (sc->ok == sc->done)
        fprintf(stderr, "bench_runtime: scale: a Create failed: %d %s\n", (int)r,
                msg ? msg : "");
    if (sc->lat)
        sc->lat[sc->done] = now(CLOCK_MONOTONIC) - o->t0;
    if (sc->sent < sc->total)
        scale_send(sc, o);
    if (++sc->done == sc->total)
        pthread_cond_signal(&sc->cv);
    pthread_mutex_unlock(&sc->mu);
}

/* Lock held. */
static void scale_send(scale *sc, sslot *o)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op;
    MI_Instance *w = NULL;
    w = thing_instance(&sc->b->thing, &sc->b->app, sc->b->next_id++);
    cb.instanceResult = on_scale;
    cb.callbackContext = o;
    o->t0 = now(CLOCK_MONOTONIC);
    sc->sent++;
    MI_Session_CreateInstance(&sc->sessions[o->sess], 0, NULL, "root/cimv2", w, &cb, &op);
    MI_Instance_Delete(w);
}

/* total Creates, inflight on each session; the main thread samples RSS and threads meanwhile
 * (peaks into *rss_kb, *threads). Returns Creates/s. */
static double scale_run(scale *sc, int total, int inflight, double *lat, long *rss_kb,
                        long *threads)
{
    int i, k;
    double t0, t1;
    sc->sent = sc->done = sc->ok = 0;
    sc->total = total;
    sc->lat = lat;
    t0 = now(CLOCK_MONOTONIC);
    pthread_mutex_lock(&sc->mu);
    for (k = 0; k < inflight; k++)
        for (i = 0; i < sc->nsess && sc->sent < total; i++) {
            sslot *o = &sc->slots[i * sc->inflight + k];
            o->sc = sc;
            o->sess = i;
            scale_send(sc, o);
        }
    while (sc->done < total) {
        struct timespec ts;
        long v;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&sc->cv, &sc->mu, &ts);
        if (rss_kb && (v = proc_status("VmRSS")) > *rss_kb)
            *rss_kb = v;
        if (threads && (v = proc_status("Threads")) > *threads)
            *threads = v;
    }
    pthread_mutex_unlock(&sc->mu);
    t1 = now(CLOCK_MONOTONIC);
    if (sc->ok != total) {
        fprintf(stderr, "bench_runtime: scale: %d of %d creates failed\n", total - sc->ok, total);
        exit(1);
    }
    return total / (t1 - t0);
}

/* The floor: libcurl's multi interface over epoll, one poster (connection) per session's
 * destination, one request in flight on each. */
typedef struct sfloor {
    int ep;
    double due; /* libcurl's timeout (0: none) */
} sfloor;

static int sfloor_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp)
{
    sfloor *f = (sfloor *)userp;
    struct epoll_event ev;
    (void)e, (void)socketp;
    memset(&ev, 0, sizeof ev);
    ev.data.fd = fd;
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (what == CURL_POLL_REMOVE)
        epoll_ctl(f->ep, EPOLL_CTL_DEL, fd, NULL);
    else if (epoll_ctl(f->ep, EPOLL_CTL_MOD, fd, &ev) != 0)
        epoll_ctl(f->ep, EPOLL_CTL_ADD, fd, &ev);
    return 0;
}

static int sfloor_timer(CURLM *m, long ms, void *userp)
{
    sfloor *f = (sfloor *)userp;
    (void)m;
    f->due = ms < 0 ? 0 : now(CLOCK_MONOTONIC) + ms / 1000.0;
    if (ms == 0)
        f->due = 1e-9;
    return 0;
}

static double scale_floor(scale *sc, int total, double *lat)
{
    struct curl_slist *hd = floor_headers();
    poster *p = (poster *)calloc((size_t)sc->nsess, sizeof *p);
    CURLM *m = curl_multi_init();
    sfloor f;
    double t0, t1;
    int i, sent = 0, done = 0, running;
    if (!p || !m)
        die("out of memory");
    f.ep = epoll_create1(0);
    f.due = 0;
    curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, sfloor_socket);
    curl_multi_setopt(m, CURLMOPT_SOCKETDATA, (void *)&f);
    curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, sfloor_timer);
    curl_multi_setopt(m, CURLMOPT_TIMERDATA, (void *)&f);
    curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)sc->nsess);
    for (i = 0; i < sc->nsess; i++) {
        poster_init(&p[i], sc->b, sc->urls[i], hd);
        curl_easy_setopt(p[i].c, CURLOPT_PRIVATE, (void *)&p[i]);
    }
    t0 = now(CLOCK_MONOTONIC);
    for (i = 0; i < sc->nsess && sent < total; i++, sent++) {
        poster_next(&p[i], sc->b);
        p[i].t0 = now(CLOCK_MONOTONIC);
        curl_multi_add_handle(m, p[i].c);
    }
    while (done < total) {
        struct epoll_event ev[64];
        int n, timeout = -1;
        if (f.due > 0) {
            double d = (f.due - now(CLOCK_MONOTONIC)) * 1000;
            timeout = d <= 0 ? 0 : (int)d + 1;
        }
        n = epoll_wait(f.ep, ev, 64, timeout);
        for (i = 0; i < n; i++) {
            int what = ((ev[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
                       ((ev[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                       ((ev[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(m, ev[i].data.fd, what, &running);
        }
        if (f.due > 0 && now(CLOCK_MONOTONIC) >= f.due) {
            f.due = 0;
            curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        posters_done(m, sc->b, total, &sent, &done, lat);
    }
    t1 = now(CLOCK_MONOTONIC);
    for (i = 0; i < sc->nsess; i++) {
        curl_easy_cleanup(p[i].c);
        free(p[i].body);
    }
    curl_multi_cleanup(m);
    close(f.ep);
    curl_slist_free_all(hd);
    free(p);
    return total / (t1 - t0);
}

static void scale_sessions_open(scale *sc)
{
    int i;
    for (i = 0; i < sc->nsess; i++)
        if (new_session(sc->b, sc->urls[i], &sc->sessions[i]) != MI_RESULT_OK)
            die("NewSession failed");
}

static void scale_sessions_close(scale *sc)
{
    int i;
    for (i = 0; i < sc->nsess; i++)
        MI_Session_Close(&sc->sessions[i], NULL, NULL);
}

/* A row of microseconds of CPU per Create, v against the floor's fv (runs of each). */
static void scale_cpu_row(const char *what, double *v, double *fv, int runs)
{
    br_stat s = summary(v, runs), fs = summary(fv, runs);
    char med[64], spread[64], fl[128], vs[32];
    snprintf(med, sizeof med, "%.1f us", s.med);
    snprintf(spread, sizeof spread, "± %.1f us", s.spread);
    snprintf(fl, sizeof fl, "libcurl multi as above: %.1f us", fs.med);
    snprintf(vs, sizeof vs, "%.1f×", s.med / fs.med);
    row(what, med, spread, fl, vs, "", "");
}

/* SCALE_PART (mofbind or floor): one half of the scale run alone, for strace, perf and
 * callgrind, with figures per Create on stderr: the process's user and system CPU and context
 * switches (getrusage), and each thread's (/proc/self/task/N/stat and status) over the run. */
typedef struct tstat {
    int tid;
    double user, sys; /* clock ticks */
    long vcs, ivcs;
} tstat;

static int tstats_read(tstat *t, int max)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;
    if (!d)
        return 0;
    while (n < max && (e = readdir(d))) {
        char path[300], line[512], *p;
        FILE *f;
        unsigned long ut = 0, st = 0;
        if (e->d_name[0] == '.')
            continue;
        memset(&t[n], 0, sizeof t[n]);
        t[n].tid = atoi(e->d_name);
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        if ((f = fopen(path, "r"))) {
            /* utime and stime: fields 14 and 15, after the ')' closing the name (field 2) */
            if (fgets(line, sizeof line, f) && (p = strrchr(line, ')')) &&
                sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) ==
                    2) {
                t[n].user = (double)ut;
                t[n].sys = (double)st;
            }
            fclose(f);
        }
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if ((f = fopen(path, "r"))) {
            while (fgets(line, sizeof line, f)) {
                sscanf(line, "voluntary_ctxt_switches: %ld", &t[n].vcs);
                sscanf(line, "nonvoluntary_ctxt_switches: %ld", &t[n].ivcs);
            }
            fclose(f);
        }
        n++;
    }
    closedir(d);
    return n;
}

static void scale_part_report(const char *what, int creates, double rate, const struct rusage *u0,
                              const struct rusage *u1, const tstat *t0, int n0, const tstat *t1,
                              int n1)
{
    double tick = 1e6 / (double)sysconf(_SC_CLK_TCK);
    int i, j;
    fprintf(stderr,
            "%s: %d Creates, %.0f /s; per Create: user %.1f us, system %.1f us, "
            "voluntary context switches %.3f, involuntary %.3f\n",
            what, creates, rate,
            ((double)(u1->ru_utime.tv_sec - u0->ru_utime.tv_sec) * 1e6 +
             (double)(u1->ru_utime.tv_usec - u0->ru_utime.tv_usec)) /
                creates,
            ((double)(u1->ru_stime.tv_sec - u0->ru_stime.tv_sec) * 1e6 +
             (double)(u1->ru_stime.tv_usec - u0->ru_stime.tv_usec)) /
                creates,
            (double)(u1->ru_nvcsw - u0->ru_nvcsw) / creates,
            (double)(u1->ru_nivcsw - u0->ru_nivcsw) / creates);
    for (i = 0; i < n1; i++) {
        tstat z;
        memset(&z, 0, sizeof z);
        for (j = 0; j < n0; j++)
            if (t0[j].tid == t1[i].tid)
                z = t0[j];
        fprintf(stderr,
                "  thread %d%s: user %.1f us, system %.1f us, voluntary %.3f, involuntary %.3f "
                "per Create\n",
                t1[i].tid, t1[i].tid == (int)getpid() ? " (caller)" : "",
                (t1[i].user - z.user) * tick / creates, (t1[i].sys - z.sys) * tick / creates,
                (double)(t1[i].vcs - z.vcs) / creates, (double)(t1[i].ivcs - z.ivcs) / creates);
    }
}

static int part_scale(br *b, const char *mof, const char *server)
{
    scale sc;
    int r, runs = getenv("SCALE_RUNS") ? atoi(getenv("SCALE_RUNS")) : 3;
    double *v, *fv, *p50, *p99, *fp50, *fp99, *lat, *cc, *fcc, *sv, *fsv;
    long rss0, rss_idle = 0, rss_peak = 0, threads = 0, loops = 1;
    double idle_cpu, idle_cs;
    struct rlimit rl;
    struct rusage u0, u1;
    char what[400], med[64], spread[64], fl[300], vs[32];
    const char *part;
    br_stat s, fs;

    memset(&sc, 0, sizeof sc);
    sc.b = b;
    sc.mof = mof;
    sc.server = server;
    sc.nsess = getenv("SCALE_SESSIONS") ? atoi(getenv("SCALE_SESSIONS")) : 1000;
    sc.inflight = 10;
    sc.creates = getenv("SCALE_CREATES") ? atoi(getenv("SCALE_CREATES")) : 100000;
    sc.nserv = getenv("SCALE_SERVERS") ? atoi(getenv("SCALE_SERVERS")) : 2;
    part = getenv("SCALE_PART");
    if (part && strcmp(part, "mofbind") && strcmp(part, "floor"))
        die("SCALE_PART: mofbind or floor");
    if (getenv("MOFBIND_LOOP_THREADS"))
        loops = atol(getenv("MOFBIND_LOOP_THREADS"));
    if (runs < 1 || sc.nsess < 1 || sc.nsess > 62500 || sc.creates < sc.nsess || sc.nserv < 1)
        die("bad SCALE_* settings");
    /* Each connection is a descriptor: raise the soft limit as far as allowed. */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)(2 * sc.nsess + 64)) {
        row("scale: 1,000 sessions", "skipped: RLIMIT_NOFILE too low", "", "", "", "", "");
        return 0;
    }
    sc.pids = (pid_t *)calloc((size_t)sc.nserv, sizeof *sc.pids);
    sc.ports = (unsigned *)calloc((size_t)sc.nserv, sizeof *sc.ports);
    sc.urls = (char(*)[64])calloc((size_t)sc.nsess, sizeof *sc.urls);
    sc.sessions = (MI_Session *)calloc((size_t)sc.nsess, sizeof *sc.sessions);
    sc.slots = (sslot *)calloc((size_t)sc.nsess * (size_t)sc.inflight, sizeof *sc.slots);
    v = (double *)calloc((size_t)runs * 10, sizeof *v);
    lat = (double *)calloc((size_t)sc.creates, sizeof *lat);
    if (!sc.pids || !sc.ports || !sc.urls || !sc.sessions || !sc.slots || !v || !lat)
        die("out of memory");
    fv = v + runs, p50 = fv + runs, p99 = p50 + runs, fp50 = p99 + runs, fp99 = fp50 + runs;
    cc = fp99 + runs, fcc = cc + runs, sv = fcc + runs, fsv = sv + runs;
    pthread_mutex_init(&sc.mu, NULL);
    pthread_cond_init(&sc.cv, NULL);

    if (part) {
        for (r = 0; r < runs; r++) {
            tstat t0[16], t1[16];
            int n0, n1, isf = !strcmp(part, "floor");
            int total = isf ? sc.creates : sc.creates - sc.nsess;
            double rate;
            scale_servers_start(&sc);
            scale_urls(&sc);
            if (!isf) {
                scale_sessions_open(&sc);
                scale_run(&sc, sc.nsess, 1, NULL, NULL, &threads);
            }
            n0 = tstats_read(t0, 16);
            getrusage(RUSAGE_SELF, &u0);
            rate = isf ? scale_floor(&sc, total, lat)
                       : scale_run(&sc, total, sc.inflight, lat, NULL, NULL);
            getrusage(RUSAGE_SELF, &u1);
            n1 = tstats_read(t1, 16);
            scale_part_report(isf ? "floor" : "mofbind", total, rate, &u0, &u1, t0, n0, t1, n1);
            if (!isf)
                scale_sessions_close(&sc);
            scale_servers_stop(&sc);
        }
        return 0;
    }
    for (r = 0; r < runs; r++) {
        int warm = r == 0;
        double c0;
        scale_servers_start(&sc);
        scale_urls(&sc);
        rss0 = proc_status("VmRSS");
        scale_sessions_open(&sc);
        /* One Create on each session opens its connection. */
        scale_run(&sc, sc.nsess, 1, NULL, NULL, &threads);
        if (warm) {
            /* The sessions idle, their connections open: memory, and CPU over 10 s. */
            rss_idle = proc_status("VmRSS") - rss0;
            getrusage(RUSAGE_SELF, &u0);
            sleep(10);
            getrusage(RUSAGE_SELF, &u1);
            idle_cpu = (double)(u1.ru_utime.tv_sec - u0.ru_utime.tv_sec) * 1e3 +
                       (double)(u1.ru_utime.tv_usec - u0.ru_utime.tv_usec) / 1e3 +
                       (double)(u1.ru_stime.tv_sec - u0.ru_stime.tv_sec) * 1e3 +
                       (double)(u1.ru_stime.tv_usec - u0.ru_stime.tv_usec) / 1e3;
            idle_cs = (double)(u1.ru_nvcsw - u0.ru_nvcsw) + (double)(u1.ru_nivcsw - u0.ru_nivcsw);
            rss_peak = proc_status("VmRSS");
        }
        /* CPU per Create: this process's over the run; the servers' over their whole life
         * (their start and the connecting Creates are a few per cent of it), both runs alike. */
        c0 = cpu_usec(RUSAGE_SELF);
        v[r] = scale_run(&sc, sc.creates - sc.nsess, sc.inflight, lat, warm ? &rss_peak : NULL,
                         &threads);
        cc[r] = (cpu_usec(RUSAGE_SELF) - c0) / (sc.creates - sc.nsess);
        percentiles(lat, sc.creates - sc.nsess, &p50[r], &p99[r]);
        scale_sessions_close(&sc);
        c0 = cpu_usec(RUSAGE_CHILDREN);
        scale_servers_stop(&sc);
        sv[r] = (cpu_usec(RUSAGE_CHILDREN) - c0) / sc.creates;
        /* The floor, against fresh servers too. */
        scale_servers_start(&sc);
        scale_urls(&sc);
        c0 = cpu_usec(RUSAGE_SELF);
        fv[r] = scale_floor(&sc, sc.creates, lat);
        fcc[r] = (cpu_usec(RUSAGE_SELF) - c0) / sc.creates;
        percentiles(lat, sc.creates, &fp50[r], &fp99[r]);
        c0 = cpu_usec(RUSAGE_CHILDREN);
        scale_servers_stop(&sc);
        fsv[r] = (cpu_usec(RUSAGE_CHILDREN) - c0) / sc.creates;
        if (warm)
            rss_peak -= rss0 + rss_idle; /* what the operations in flight add */
    }

    snprintf(what, sizeof what,
             "scale: Creates to mofbind-server from %d sessions in one process, each its own "
             "destination (127.0.x.y), 10 in flight on each (refilled from the callbacks), "
             "to %d (%d mofbind-server processes, %s; %ld loop thread%s)",
             sc.nsess, sc.creates, sc.nserv, sc.opts, loops, loops == 1 ? "" : "s");
    {
        double *ratio = (double *)calloc((size_t)runs, sizeof *ratio);
        int i;
        if (!ratio)
            die("out of memory");
        for (i = 0; i < runs; i++)
            ratio[i] = v[i] / fv[i];
        s = summary(ratio, runs);
        snprintf(vs, sizeof vs, "%.0f %%", s.med * 100);
        free(ratio);
    }
    fs = summary(fv, runs);
    s = summary(v, runs);
    snprintf(med, sizeof med, "%.0f /s", s.med);
    snprintf(spread, sizeof spread, "± %.0f /s", s.spread);
    snprintf(fl, sizeof fl,
             "libcurl multi (epoll, curl_multi_socket_action, one thread), same bytes, %d "
             "kept-alive connections, one in flight on each: %.0f /s",
             sc.nsess, fs.med);
    row(what, med, spread, fl, vs, "≥ 80 % of the floor", s.med >= 0.8 * fs.med ? "met" : "MISSED");
    s = summary(p50, runs);
    fs = summary(fp50, runs);
    snprintf(med, sizeof med, "%.0f us", s.med);
    snprintf(spread, sizeof spread, "± %.0f us", s.spread);
    snprintf(fl, sizeof fl, "libcurl multi as above: %.0f us", fs.med);
    snprintf(vs, sizeof vs, "%.1f×", s.med / fs.med);
    snprintf(what, sizeof what,
             "scale: %d sessions, 10 in flight on each, p50 latency (a session runs its "
             "operations one at a time: each waits for those ahead of it)",
             sc.nsess);
    row(what, med, spread, fl, vs, "", "");
    s = summary(p99, runs);
    fs = summary(fp99, runs);
    snprintf(med, sizeof med, "%.0f us", s.med);
    snprintf(spread, sizeof spread, "± %.0f us", s.spread);
    snprintf(fl, sizeof fl, "libcurl multi as above: %.0f us", fs.med);
    snprintf(vs, sizeof vs, "%.1f×", s.med / fs.med);
    snprintf(what, sizeof what, "scale: %d sessions, 10 in flight on each, p99 latency", sc.nsess);
    row(what, med, spread, fl, vs, "", "");
    /* CPU per Create: whether the throughput is below the floor's for want of CPU (client
     * and servers share the machine's CPUs) or for time spent waiting. */
    snprintf(what, sizeof what,
             "scale: %d sessions, CPU per Create of the client process (getrusage, user+system)",
             sc.nsess);
    scale_cpu_row(what, cc, fcc, runs);
    snprintf(what, sizeof what,
             "scale: %d sessions, CPU per Create of the mofbind-server processes (their whole "
             "life, start included)",
             sc.nsess);
    scale_cpu_row(what, sv, fsv, runs);
    snprintf(what, sizeof what,
             "scale: client threads at the peak (%d sessions busy; /proc/self/status every "
             "50 ms)",
             sc.nsess);
    snprintf(med, sizeof med, "%ld", threads);
    snprintf(fl, sizeof fl, "the loop pool (%ld) + the caller's thread (1)", loops);
    snprintf(vs, sizeof vs, "%.1f×", (double)threads / (double)(loops + 1));
    row(what, med, "all runs", fl, vs, "≤ 8", threads <= 8 ? "met" : "MISSED");
    snprintf(what, sizeof what,
             "scale: client RSS per idle session, its connection open (%d sessions, first run)",
             sc.nsess);
    snprintf(med, sizeof med, "%.1f KB", (double)rss_idle * 1.024 / sc.nsess);
    row(what, med, "one run", "—", "—", "≤ 32 KB",
        (double)rss_idle * 1.024 / sc.nsess <= 32 ? "met" : "MISSED");
    snprintf(what, sizeof what,
             "scale: client RSS per operation in flight (peak RSS during the run over the idle "
             "sessions', %d in flight, first run)",
             sc.nsess * sc.inflight);
    snprintf(med, sizeof med, "%.1f KB",
             (double)(rss_peak > 0 ? rss_peak : 0) * 1.024 / (sc.nsess * sc.inflight));
    row(what, med, "one run", "—", "—", "≤ 16 KB",
        (double)rss_peak * 1.024 / (sc.nsess * sc.inflight) <= 16 ? "met" : "MISSED");
    snprintf(what, sizeof what,
             "scale: client CPU of %d idle sessions (connections open) over 10 s "
             "(getrusage of the process; context switches in the floor column)",
             sc.nsess);
    snprintf(med, sizeof med, "%.1f ms", idle_cpu);
    snprintf(fl, sizeof fl, "%.0f context switches of the process in the 10 s", idle_cs);
    row(what, med, "one run", fl, "—", "no measurable CPU",
        idle_cpu < 10 ? "met" : "MISSED");

    free(sc.pids);
    free(sc.ports);
    free(sc.urls);
    free(sc.sessions);
    free(sc.slots);
    free(v);
    free(lat);
    pthread_mutex_destroy(&sc.mu);
    pthread_cond_destroy(&sc.cv);
    return 0;
}

int main(int argc, char **argv)
{
    br b;
    FILE *devnull = fopen("/dev/null", "w");
    const char *mof = getenv("BENCH_MOF") ? getenv("BENCH_MOF") : BENCH_MOF;
    const char *mode = argc > 2 ? argv[2] : "";
    int cpu_only = !strcmp(mode, "cpu"), rt_only = !strcmp(mode, "rt"),
        split_only = !strcmp(mode, "split");
    pid_t child = 0;
    unsigned child_port = 0;
    wsman_buf out;
    unsigned status = 0;

    memset(&b, 0, sizeof b);
    b.runs = argc > 1 ? atoi(argv[1]) : 11;
    wsman_new_message_id(b.msgid);
    if (b.runs < 1)
        b.runs = 1;
    if (!devnull)
        die("cannot open /dev/null");
    if (!cpu_only && !rt_only && (!strcmp(mode, "") || !strcmp(mode, "rows")))
        child = fork_server(mof, &child_port); /* before any thread */
    if (!strcmp(mode, "scale") && argc < 4)
        die("usage: bench_runtime RUNS scale PATH-OF-mofbind-server");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (MI_Application_Initialize(0, NULL, NULL, &b.app) != MI_RESULT_OK)
        die("MI_Application_Initialize failed");
    if (!strcmp(mode, "scale")) {
        Bench_Thing_Init(&b.thing);
        fill(&b.thing, 0);
        if (Bench_Thing_ToInstance(&b.thing, &b.app, &b.inst) != MI_RESULT_OK)
            die("ToInstance failed");
        util_buf_init(&out);
        if (write_create(b.inst, "http://127.0.0.1/wsman", b.msgid, &out) != MI_RESULT_OK)
            die("write failed");
        b.req_len = out.len;
        if (!(b.req = (char *)malloc(out.len + 1)))
            die("out of memory");
        memcpy(b.req, out.data, out.len);
        b.req[out.len] = '\0';
        util_buf_free(&out);
        b.next_id = 1;
        part_scale(&b, mof, argv[3]);
        MI_Instance_Delete(b.inst);
        Bench_Thing_Destruct(&b.thing);
        free(b.req);
        MI_Application_Close(&b.app);
        curl_global_cleanup();
        fclose(devnull);
        return 0;
    }
    b.srv = make_server(mof, devnull);
    snprintf(b.url, sizeof b.url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(b.srv));
    Bench_Thing_Init(&b.thing);
    fill(&b.thing, 0);
    if (Bench_Thing_ToInstance(&b.thing, &b.app, &b.inst) != MI_RESULT_OK)
        die("ToInstance failed");
    /* The request bytes and the server's real answer to them. */
    util_buf_init(&out);
    if (write_create(b.inst, b.url, b.msgid, &out) != MI_RESULT_OK)
        die("write failed");
    b.req_len = out.len;
    b.req = (char *)malloc(out.len + 1);
    if (!b.req)
        die("out of memory");
    memcpy(b.req, out.data, out.len);
    b.req[out.len] = '\0';
    util_buf_free(&out);
    msrv_process(b.srv, NULL, b.req, b.req_len, &status, &b.resp, &b.resp_len);
    if (status != 200 || !b.resp)
        die("mofbind-server did not create the instance");
    b.next_id = 1;
    if (getenv("BENCH_DUMP")) { /* the request and response bytes, for profiling by hand */
        fwrite(b.req, 1, b.req_len, stderr);
        fputs("\n", stderr);
        fwrite(b.resp, 1, b.resp_len, stderr);
        fputs("\n", stderr);
    }

    if (strcmp(mode, "rows") && strcmp(mode, "sync") && strcmp(mode, "async") &&
        strcmp(mode, "floor") && strcmp(mode, "chain") && strncmp(mode, "split-", 6))
        printf("| what | median | spread | floor (same run) | vs floor | target | status |\n"
               "|---|---|---|---|---|---|---|\n");
    if (!strcmp(mode, "sync") || !strcmp(mode, "async") || !strcmp(mode, "floor") ||
        !strcmp(mode, "chain")) {
        int n = argc > 3 ? atoi(argv[3]) : 10000;
        double *lat = (double *)calloc((size_t)(n > 0 ? n : 1), sizeof *lat);
        MI_Session s = MI_SESSION_NULL;
        if (!lat || n < 1)
            die("bad count");
        if (mode[0] == 'f') {
            printf("%.0f /s\n", curl_floor(&b, b.url, n, 1, lat));
        } else {
            if (new_session(&b, b.url, &s) != MI_RESULT_OK)
                die("NewSession failed");
            if (mode[0] == 'c')
                printf("%.0f /s\n", mi_chained(&b, &s, n, 16, lat));
            else
                printf("%.0f /s\n", mi_creates(&b, &s, n, mode[0] == 's' ? 1 : 16, lat));
            MI_Session_Close(&s, NULL, NULL);
        }
        free(lat);
    } else if (!strcmp(mode, "split-sync") || !strcmp(mode, "split-raw") ||
               !strcmp(mode, "split-curl")) {
        split_one(&b, mode + 6, argc > 3 ? atoi(argv[3]) : 10000);
    } else if (split_only) {
        split_rows(&b);
    } else if (!rt_only) {
        part_cpu(&b);
    }
    if (rt_only) {
        part_round_trips(&b, 1);
    } else if (!cpu_only && child) {
        part_round_trips(&b, 0);
        part_rss(&b, child, child_port);
        kill(child, SIGTERM);
        waitpid(child, NULL, 0);
    }
    MI_Instance_Delete(b.inst);
    Bench_Thing_Destruct(&b.thing);
    free(b.req);
    free(b.resp);
    msrv_free(b.srv);
    MI_Application_Close(&b.app);
    curl_global_cleanup();
    fclose(devnull);
    return 0;
}
