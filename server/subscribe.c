/* SPDX-License-Identifier: MIT */
/* server/subscribe.c: the subscriptions of mofbind-server (subscribe.h): the table, the
 * bounded queue of each, the lifecycle indications raised into them, and the Pulls that hand
 * the events out. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "resolve.h"
#include "subscribe.h"
#include "typing_int.h"
#include "wql.h"

typedef enum sub_state {
    SUB_LIVE,
    SUB_EXPIRED,     /* no more events; what is queued goes, then EndOfSequence */
    SUB_OVERFLOWED,  /* no more events; what is queued goes, then the QuotaLimit fault */
    SUB_FAILED,      /* a provider ended it; what is queued goes, then its fault */
    SUB_UNSUBSCRIBED /* gone from the table; freed by the Pull that holds it */
} sub_state;

/* A provider's indication class attached to a subscription (srv_subs_attach). */
typedef struct sub_att {
    struct sub_att *next;
    srv_prov *p;
    uint64_t sid;
    const char *ns; /* the schema's */
    char cls[];
} sub_att;

struct srv_sub {
    char id[48];
    uint64_t sid;
    sub_att *atts;
    MI_Result end_result; /* SUB_FAILED: the fault the Pull answers */
    char end_message[400];
    const mof_namespace *ns;
    wql_query *filter;
    MI_Instance **q; /* queue: q[head .. head+n) of a ring of cap */
    char **marks;    /* the bookmark each queued event was posted with (NULL: none), beside q */
    bool send_bookmarks; /* the subscriber asked for bookmarks (w:SendBookmarks) */
    size_t head, n, cap;
    size_t bytes;         /* counted in the contexts' byte limit */
    long long expires_at; /* monotonic usec; 0: never */
    long long last_used;  /* monotonic usec */
    unsigned long long heartbeat_usec;
    unsigned long long dropped;
    long long seq; /* SequenceNumber of the next event queued */
    sub_state state;
    bool pulling;
    srv_sub *next;
};

struct srv_subs {
    pthread_mutex_t lock;
    pthread_cond_t cond; /* broadcast when events come, a subscription ends, or on stop */
    srv_sub *list;
    size_t n, max;
    size_t waiters, max_waiters;
    srv_enums *bytes;
    bool stopping;
    uint64_t next_sid;
    sub_att *gone; /* of subscriptions that ended: their providers are told by flush */
    char next_ind[WSMAN_MSGID_SIZE]; /* the series IndicationIdentifiers are taken from */
    char host[256];                  /* SourceInstanceHost */
};

static long long mono_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

srv_subs *srv_subs_new(srv_enums *bytes, size_t max, size_t max_waiters)
{
    srv_subs *t = calloc(1, sizeof *t);
    pthread_condattr_t ca;
    if (!t)
        return NULL;
    if (pthread_mutex_init(&t->lock, NULL) != 0) {
        free(t);
        return NULL;
    }
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (pthread_cond_init(&t->cond, &ca) != 0) {
        pthread_condattr_destroy(&ca);
        pthread_mutex_destroy(&t->lock);
        free(t);
        return NULL;
    }
    pthread_condattr_destroy(&ca);
    t->bytes = bytes;
    t->max = max;
    t->max_waiters = max_waiters;
    wsman_new_message_id(t->next_ind);
    if (gethostname(t->host, sizeof t->host - 1) != 0 || !t->host[0])
        snprintf(t->host, sizeof t->host, "localhost");
    return t;
}

/* Drops the queue's events from index i of the ring on (all of them: i = 0). */
static void sub_clear(srv_subs *t, srv_sub *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        MI_Instance_Delete(s->q[(s->head + i) % s->cap]);
        free(s->marks[(s->head + i) % s->cap]);
    }
    s->n = 0;
    srv_enums_release(t->bytes, s->bytes);
    s->bytes = 0;
}

static void atts_free(sub_att *a)
{
    while (a) {
        sub_att *next = a->next;
        free(a);
        a = next;
    }
}

/* s gets no more events: its providers are to be told (under the lock). */
static void release(srv_subs *t, srv_sub *s)
{
    while (s->atts) {
        sub_att *a = s->atts;
        s->atts = a->next;
        a->next = t->gone;
        t->gone = a;
    }
}

static void set_state(srv_subs *t, srv_sub *s, sub_state st)
{
    s->state = st;
    if (st != SUB_LIVE)
        release(t, s);
}

/* Tells the providers of the subscriptions that ended to Unsubscribe: called without the
 * lock, as it writes to their hosts. */
static void flush(srv_subs *t)
{
    sub_att *a;
    pthread_mutex_lock(&t->lock);
    a = t->gone;
    t->gone = NULL;
    pthread_mutex_unlock(&t->lock);
    while (a) {
        sub_att *next = a->next;
        srv_prov_req req;
        memset(&req, 0, sizeof req);
        req.op = PW_OP_UNSUBSCRIBE;
        req.ns = a->ns;
        req.cls = a->cls;
        req.subscription_id = a->sid;
        (void)srv_prov_notify(a->p, &req);
        free(a);
        a = next;
    }
}

static void sub_free(srv_subs *t, srv_sub *s)
{
    atts_free(s->atts);
    sub_clear(t, s);
    free(s->q);
    free(s->marks);
    wql_free(s->filter);
    free(s);
}

/* Takes s out of the list (under the lock); frees it unless a Pull holds it. */
static void sub_unlink(srv_subs *t, srv_sub *s)
{
    srv_sub **pp;
    for (pp = &t->list; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            t->n--;
            break;
        }
    set_state(t, s, SUB_UNSUBSCRIBED);
    if (!s->pulling)
        sub_free(t, s);
}

/* Ends expired subscriptions and drops idle ones (under the lock). */
static void sweep(srv_subs *t, long long now)
{
    srv_sub *s = t->list, *next;
    for (; s; s = next) {
        next = s->next;
        if (s->pulling)
            continue;
        if (s->state == SUB_LIVE && s->expires_at && now >= s->expires_at) {
            set_state(t, s, SUB_EXPIRED);
            pthread_cond_broadcast(&t->cond);
        }
        if (now - s->last_used > (long long)SRV_SUB_IDLE_SECONDS * 1000000)
            sub_unlink(t, s);
    }
}

void srv_subs_stop(srv_subs *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->stopping = true;
    pthread_cond_broadcast(&t->cond);
    pthread_mutex_unlock(&t->lock);
}

void srv_subs_free(srv_subs *t)
{
    srv_sub *s, *next;
    if (!t)
        return;
    for (s = t->list; s; s = next) {
        next = s->next;
        sub_free(t, s);
    }
    atts_free(t->gone);
    pthread_cond_destroy(&t->cond);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static MI_Result sub_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static MI_Result sub_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *fmt, ...)
{
    va_list ap;
    memset(f, 0, sizeof *f);
    f->result = r;
    f->code = code;
    f->subcode = subcode;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    return r;
}

/* The usec an e:Expires asks for (a duration, or a time from now); -1 when not valid or not
 * in the future. */
static long long expires_usec(const char *text)
{
    MI_Datetime dt;
    long long us;
    if (!text || wsman_parse_datetime(text, &dt) != MI_RESULT_OK)
        return -1;
    us = wsman_datetime_usec_from_now(&dt);
    return us > 0 ? us : -1;
}

static void put_duration(char out[40], long long usec)
{
    long long ms = usec / 1000;
    snprintf(out, 40, "PT%lld.%03lldS", ms / 1000, ms % 1000);
}

/* The usec granted for the request's Expires (0: none asked) and its text, or the fault. */
static MI_Result grant(const wsman_message *msg, long long *ex, char expires[40],
                       wsman_fault_desc *f)
{
    *ex = 0;
    expires[0] = '\0';
    if (!msg->expires)
        return MI_RESULT_OK;
    *ex = expires_usec(msg->expires);
    if (*ex <= 0)
        return sub_fault(f, MI_RESULT_INVALID_PARAMETER, "Sender", "e:InvalidExpirationTime",
                         "Expires %.60s is not a positive xs:duration nor a time to come",
                         msg->expires);
    if (*ex > (long long)SRV_SUB_MAX_EXPIRES * 1000000)
        *ex = (long long)SRV_SUB_MAX_EXPIRES * 1000000;
    put_duration(expires, *ex);
    return MI_RESULT_OK;
}

MI_Result srv_subs_subscribe(srv_subs *t, const mof_namespace *ns, const wsman_message *msg,
                             char id[48], char expires[40], uint64_t *sid, const mof_class **from,
                             wsman_fault_desc *f)
{
    char qmsg[256];
    srv_sub *s;
    long long ex = 0, now = mono_usec();
    const mof_class *cls;
    expires[0] = '\0';
    if (!msg->delivery_mode || strcmp(msg->delivery_mode, WSMAN_DELIVERY_PULL) != 0)
        return sub_fault(f, MI_RESULT_NOT_SUPPORTED, "Sender", "e:DeliveryModeRequestedUnavailable",
                         "The delivery mode %.120s is not supported: only pull delivery (%s) is",
                         msg->delivery_mode ? msg->delivery_mode : "(push, by default)",
                         WSMAN_DELIVERY_PULL);
    if (!msg->filter_dialect || strcmp(msg->filter_dialect, WSMAN_DIALECT_WQL) != 0)
        return sub_fault(f, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED, "Sender",
                         "e:FilteringRequestedUnavailable",
                         "The filter dialect %.120s is not supported: use WQL (%s)",
                         msg->filter_dialect ? msg->filter_dialect : "(none)", WSMAN_DIALECT_WQL);
    if (grant(msg, &ex, expires, f) != MI_RESULT_OK)
        return f->result;
    if (!(s = calloc(1, sizeof *s)))
        return sub_fault(f, MI_RESULT_FAILED, "Receiver", "wsman:InternalError", "out of memory");
    s->filter = msg->filter ? wql_parse(msg->filter, ns, qmsg, sizeof qmsg) : NULL;
    if (!s->filter) {
        free(s);
        return sub_fault(f, MI_RESULT_INVALID_QUERY, "Sender", "wsen:CannotProcessFilter",
                         "The query is not valid: %s", msg->filter ? qmsg : "there is none");
    }
    cls = wql_class(s->filter);
    if (!(cls->flags & MOF_C_INDICATION)) {
        sub_fault(f, MI_RESULT_INVALID_CLASS, "Sender", "e:EventSourceUnableToProcess",
                  "%.80s is not an indication class: subscribe to CIM_InstCreation, "
                  "CIM_InstModification, CIM_InstDeletion or a superclass",
                  cls->name);
        wql_free(s->filter);
        free(s);
        return MI_RESULT_INVALID_CLASS;
    }
    s->ns = ns;
    s->send_bookmarks = msg->send_bookmarks != MI_FALSE;
    s->heartbeat_usec = msg->heartbeat_usec;
    s->expires_at = ex ? now + ex : 0;
    s->last_used = now;
    wsman_new_message_id(s->id);
    pthread_mutex_lock(&t->lock);
    sweep(t, now);
    if (t->n >= t->max) {
        pthread_mutex_unlock(&t->lock);
        wql_free(s->filter);
        free(s);
        return sub_fault(f, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:QuotaLimit",
                         "The server holds %zu subscriptions at most: unsubscribe some first",
                         t->max);
    }
    s->next = t->list;
    t->list = s;
    t->n++;
    s->sid = ++t->next_sid;
    *sid = s->sid;
    *from = cls;
    memcpy(id, s->id, sizeof s->id);
    pthread_mutex_unlock(&t->lock);
    flush(t);
    return MI_RESULT_OK;
}

static srv_sub *find(srv_subs *t, const char *id)
{
    srv_sub *s;
    if (!id)
        return NULL;
    for (s = t->list; s; s = s->next)
        if (strcmp(s->id, id) == 0)
            return s;
    return NULL;
}

MI_Result srv_subs_renew(srv_subs *t, const wsman_message *msg, char expires[40],
                         wsman_fault_desc *f)
{
    long long ex = 0, now = mono_usec();
    srv_sub *s;
    expires[0] = '\0';
    if (grant(msg, &ex, expires, f) != MI_RESULT_OK)
        return f->result;
    pthread_mutex_lock(&t->lock);
    sweep(t, now);
    s = find(t, msg->identifier);
    if (!s || s->state != SUB_LIVE) {
        pthread_mutex_unlock(&t->lock);
        return sub_fault(f, MI_RESULT_NOT_FOUND, "Receiver", "e:UnableToRenew",
                         "The subscription %.60s cannot be renewed: %s",
                         msg->identifier ? msg->identifier : "(no e:Identifier)",
                         !s                        ? "it is unknown, expired or unsubscribed"
                         : s->state == SUB_EXPIRED ? "it expired"
                         : s->state == SUB_FAILED  ? s->end_message
                                                   : "its queue overflowed");
    }
    s->expires_at = ex ? now + ex : 0;
    s->last_used = now;
    pthread_mutex_unlock(&t->lock);
    flush(t);
    return MI_RESULT_OK;
}

MI_Result srv_subs_unsubscribe(srv_subs *t, const wsman_message *msg, wsman_fault_desc *f)
{
    srv_sub *s;
    pthread_mutex_lock(&t->lock);
    s = find(t, msg->identifier);
    if (!s) {
        pthread_mutex_unlock(&t->lock);
        return sub_fault(f, MI_RESULT_NOT_FOUND, "Sender", "wsa:DestinationUnreachable",
                         "The subscription %.60s is unknown, expired or already unsubscribed",
                         msg->identifier ? msg->identifier : "(no e:Identifier)");
    }
    sub_unlink(t, s);
    pthread_cond_broadcast(&t->cond); /* a Pull waiting on it answers EndOfSequence */
    pthread_mutex_unlock(&t->lock);
    flush(t);
    return MI_RESULT_OK;
}

bool srv_subs_pull_begin(srv_subs *t, const wsman_message *msg, size_t max, srv_sub_pull *p,
                         MI_Result *r, wsman_fault_desc *f)
{
    long long now = mono_usec(), until;
    unsigned long long wait;
    srv_sub *s;
    size_t i;
    memset(p, 0, sizeof *p);
    *r = MI_RESULT_OK;
    pthread_mutex_lock(&t->lock);
    s = find(t, msg->context);
    if (!s) {
        pthread_mutex_unlock(&t->lock);
        return false;
    }
    if (s->pulling) {
        pthread_mutex_unlock(&t->lock);
        *r = sub_fault(f, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "Receiver",
                       "wsen:InvalidEnumerationContext",
                       "The subscription is being pulled by another request");
        return true;
    }
    s->pulling = true;
    s->last_used = now;
    wait = s->heartbeat_usec ? s->heartbeat_usec : SRV_SUB_PULL_WAIT;
    if (msg->timeout_usec && msg->timeout_usec / 4 * 3 < wait)
        wait = msg->timeout_usec / 4 * 3;
    if (wait > SRV_SUB_PULL_WAIT_MAX)
        wait = SRV_SUB_PULL_WAIT_MAX;
    if (t->max_waiters && t->waiters >= t->max_waiters)
        wait = 0;
    until = now + (long long)wait;
    t->waiters++;
    for (;;) {
        now = mono_usec();
        if (s->state == SUB_LIVE && s->expires_at && now >= s->expires_at)
            set_state(t, s, SUB_EXPIRED);
        if (s->n || s->state != SUB_LIVE || t->stopping || now >= until)
            break;
        {
            long long to = s->expires_at && s->expires_at < until ? s->expires_at : until;
            struct timespec ts;
            ts.tv_sec = (time_t)(to / 1000000);
            ts.tv_nsec = (long)(to % 1000000) * 1000;
            pthread_cond_timedwait(&t->cond, &t->lock, &ts);
        }
    }
    t->waiters--;
    s->last_used = mono_usec();
    if (s->n == 0 && s->state == SUB_OVERFLOWED) {
        *r = sub_fault(f, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:QuotaLimit",
                       "The subscription's queue overflowed, which ended it: %llu events were "
                       "dropped after the last one delivered; subscribe again",
                       s->dropped);
        s->pulling = false;
        sub_unlink(t, s);
        pthread_mutex_unlock(&t->lock);
        flush(t);
        return true;
    }
    if (s->n == 0 && s->state == SUB_FAILED) {
        wsman_fault_for_result(s->end_result, s->end_message, f);
        *r = f->result;
        s->pulling = false;
        sub_unlink(t, s);
        pthread_mutex_unlock(&t->lock);
        flush(t);
        return true;
    }
    p->sub = s;
    p->end = s->n == 0 && s->state != SUB_LIVE;
    p->n = s->n < max ? s->n : max;
    if (p->n && (!(p->items = malloc(p->n * sizeof *p->items)) ||
                 (s->send_bookmarks && !(p->marks = malloc(p->n * sizeof *p->marks))))) {
        s->pulling = false;
        pthread_mutex_unlock(&t->lock);
        free(p->items);
        memset(p, 0, sizeof *p);
        *r = sub_fault(f, MI_RESULT_FAILED, "Receiver", "wsman:InternalError", "out of memory");
        return true;
    }
    for (i = 0; i < p->n; i++) {
        p->items[i] = s->q[(s->head + i) % s->cap];
        if (p->marks)
            p->marks[i] = s->marks[(s->head + i) % s->cap];
    }
    pthread_mutex_unlock(&t->lock);
    flush(t);
    return true;
}

void srv_subs_pull_end(srv_subs *t, srv_sub_pull *p, size_t sent)
{
    srv_sub *s = p->sub;
    size_t i;
    if (!s)
        return;
    pthread_mutex_lock(&t->lock);
    for (i = 0; i < sent && s->n; i++) {
        MI_Instance *e = s->q[s->head];
        size_t b = srv_instance_bytes(e) + sizeof e;
        b = b < s->bytes ? b : s->bytes;
        s->bytes -= b;
        srv_enums_release(t->bytes, b);
        MI_Instance_Delete(e);
        free(s->marks[s->head]);
        s->head = (s->head + 1) % s->cap;
        s->n--;
    }
    s->pulling = false;
    if (s->state == SUB_UNSUBSCRIBED)
        sub_free(t, s); /* unlinked while it was pulled */
    else if (p->end)
        sub_unlink(t, s); /* its end was answered */
    pthread_mutex_unlock(&t->lock);
    flush(t);
    free(p->items);
    free(p->marks);
    memset(p, 0, sizeof *p);
}

const char *srv_subs_pull_bookmark(const srv_sub_pull *p, size_t n)
{
    size_t i;
    for (i = n < p->n ? n : p->n; p->marks && i > 0; i--)
        if (p->marks[i - 1])
            return p->marks[i - 1];
    return NULL;
}

bool srv_subs_active(srv_subs *t, const mof_namespace *ns)
{
    srv_sub *s;
    bool any = false;
    if (!t)
        return false;
    pthread_mutex_lock(&t->lock);
    for (s = t->list; s && !any; s = s->next)
        any = s->ns == ns && (s->state == SUB_LIVE || s->state == SUB_OVERFLOWED);
    pthread_mutex_unlock(&t->lock);
    return any;
}

/* The indication's time: now, UTC. */
static void now_datetime(MI_Datetime *dt)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    memset(dt, 0, sizeof *dt);
    dt->isTimestamp = MI_TRUE;
    dt->u.timestamp.year = (MI_Uint32)tm.tm_year + 1900;
    dt->u.timestamp.month = (MI_Uint32)tm.tm_mon + 1;
    dt->u.timestamp.day = (MI_Uint32)tm.tm_mday;
    dt->u.timestamp.hour = (MI_Uint32)tm.tm_hour;
    dt->u.timestamp.minute = (MI_Uint32)tm.tm_min;
    dt->u.timestamp.second = (MI_Uint32)tm.tm_sec;
    dt->u.timestamp.microseconds = (MI_Uint32)(ts.tv_nsec / 1000);
}

/* Sets what the class declares (an indication class of another schema may lack some). */
static void set_opt(MI_Instance *inst, const char *name, const MI_Value *v, MI_Type type)
{
    (void)MI_Instance_SetElement(inst, name, v, type, 0);
}

/* Queues a copy of ind into s (under the lock), numbered, with the bookmark it was posted with
 * when s asked for bookmarks; overflows s when it cannot. */
static void queue_event(srv_subs *t, srv_sub *s, const MI_Instance *ind, const char *bookmark)
{
    MI_Instance *c = NULL;
    char *mark = NULL;
    MI_Value v;
    size_t b;
    if (s->state == SUB_OVERFLOWED) {
        s->dropped++;
        return;
    }
    if (s->n >= SRV_SUB_MAX_QUEUE || MI_Instance_Clone(ind, &c) != MI_RESULT_OK ||
        (bookmark && s->send_bookmarks && !(mark = strdup(bookmark)))) {
        if (c)
            MI_Instance_Delete(c);
        set_state(t, s, SUB_OVERFLOWED);
        s->dropped++;
        return;
    }
    v.sint64 = s->seq; /* from 0, as DMTF's CIM_Indication says */
    set_opt(c, "SequenceNumber", &v, MI_SINT64);
    v.string = s->id;
    set_opt(c, "SequenceContext", &v, MI_STRING);
    b = srv_instance_bytes(c) + sizeof c;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8, i;
        MI_Instance **nq = malloc(cap * sizeof *nq);
        char **nm = calloc(cap, sizeof *nm);
        if (!nq || !nm) {
            free(nq);
            free(nm);
            MI_Instance_Delete(c);
            free(mark);
            s->state = SUB_OVERFLOWED;
            s->dropped++;
            return;
        }
        for (i = 0; i < s->n; i++) {
            nq[i] = s->q[(s->head + i) % s->cap];
            nm[i] = s->marks[(s->head + i) % s->cap];
        }
        free(s->q);
        free(s->marks);
        s->q = nq;
        s->marks = nm;
        s->head = 0;
        s->cap = cap;
    }
    if (srv_enums_reserve(t->bytes, b) != 0) {
        MI_Instance_Delete(c);
        free(mark);
        set_state(t, s, SUB_OVERFLOWED);
        s->dropped++;
        return;
    }
    s->bytes += b;
    s->seq++;
    s->q[(s->head + s->n) % s->cap] = c;
    s->marks[(s->head + s->n) % s->cap] = mark;
    s->n++;
}

/* ---- lifecycle indications ----------------------------------------------------------------- */

#define MODEL_PATH_DEPTH 4 /* references within keys followed this deep */

static void path_instance(util_buf *b, const mof_namespace *ns, const MI_Instance *inst, int depth);

/* One key value of a model path: quoted, with \ and " escaped (DSP0004's string escapes); a
 * reference is the referenced instance's path, as such a string. */
static void path_value(util_buf *b, const mof_namespace *ns, MI_Type t, const MI_Value *v,
                       int depth)
{
    util_buf inner;
    const char *text, *c;
    size_t n;
    util_buf_init(&inner);
    if (t == MI_REFERENCE || t == MI_INSTANCE) {
        if (v->reference && depth < MODEL_PATH_DEPTH)
            path_instance(&inner, ns, v->reference, depth + 1);
    } else if (t == MI_STRING) {
        util_buf_puts(&inner, v->string ? v->string : "");
    } else if (wsman_format_scalar(&inner, t, v) != MI_RESULT_OK) {
        util_buf_fail(&inner);
    }
    if (inner.failed)
        util_buf_fail(b);
    text = inner.data ? inner.data : "";
    n = inner.len;
    util_buf_putc(b, '"');
    for (c = text; c < text + n; c++) {
        if (*c == '"' || *c == '\\')
            util_buf_putc(b, '\\');
        util_buf_putc(b, *c);
    }
    util_buf_putc(b, '"');
    util_buf_free(&inner);
}

/* ClassName.Key1="v1",Key2="v2": the instance's keys, as its class in the namespace declares
 * them (the elements flagged keys for a class the namespace lacks). */
static void path_instance(util_buf *b, const mof_namespace *ns, const MI_Instance *inst, int depth)
{
    const MI_Char *cn = NULL;
    const mof_class *cls;
    MI_Uint32 n = 0, i;
    bool first = true;
    if (MI_Instance_GetClassName(inst, &cn) != MI_RESULT_OK || !cn) {
        util_buf_fail(b);
        return;
    }
    util_buf_puts(b, cn);
    cls = mof_map_get(&ns->classes, cn);
    MI_Instance_GetElementCount(inst, &n);
    for (i = 0; i < n; i++) {
        const mof_property *p;
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        bool key;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL) || (t & MI_ARRAY))
            continue;
        p = cls ? mof_class_prop(cls, name) : NULL;
        key = cls ? p && (p->flags & MOF_F_KEY) : (f & MI_FLAG_KEY) != 0;
        if (!key)
            continue;
        util_buf_puts(b, first ? "." : ",");
        util_buf_puts(b, name);
        util_buf_putc(b, '=');
        path_value(b, ns, t, &v, depth);
        first = false;
    }
}

/* SourceInstanceModelPath as CIM_InstIndication's description asks:
 * <NamespacePath>:<ClassName>.<Prop1>="<Value1>",... with DSP0004's namespace path
 * //host/namespace (new string; NULL when out of memory). */
static char *model_path(const srv_subs *t, const mof_namespace *ns, const MI_Instance *inst)
{
    util_buf b;
    util_buf_init(&b);
    util_buf_printf(&b, "//%s/%s:", t->host, ns->name);
    path_instance(&b, ns, inst, 0);
    if (b.failed) {
        util_buf_free(&b);
        return NULL;
    }
    return b.data;
}

void srv_subs_raise(srv_subs *t, srv_decls *decls, const mof_namespace *ns, srv_event_kind kind,
                    const MI_Instance *source, const MI_Instance *previous)
{
    static const char *const names[] = {"CIM_InstCreation", "CIM_InstModification",
                                        "CIM_InstDeletion"};
    const mof_class *cls;
    MI_Instance *ind = NULL;
    MI_Datetime now;
    MI_Value v;
    srv_sub *s;
    char *path, ident[WSMAN_MSGID_SIZE + 8];
    if (!t || !source || !srv_subs_active(t, ns))
        return;
    cls = mof_map_get(&ns->classes, names[kind]);
    if (!cls || mic_instance_new(cls->name, ty_class_decl(decls, cls), &ind) != MI_RESULT_OK)
        return; /* (no subscription can select a class the namespace lacks) */
    v.instance = (MI_Instance *)source;
    set_opt(ind, "SourceInstance", &v, MI_INSTANCE);
    if (previous) {
        v.instance = (MI_Instance *)previous;
        set_opt(ind, "PreviousInstance", &v, MI_INSTANCE);
    }
    now_datetime(&now);
    v.datetime = now;
    set_opt(ind, "IndicationTime", &v, MI_DATETIME);
    if ((path = model_path(t, ns, source)) != NULL) {
        v.string = path;
        set_opt(ind, "SourceInstanceModelPath", &v, MI_STRING);
        free(path);
    }
    v.string = t->host;
    set_opt(ind, "SourceInstanceHost", &v, MI_STRING);
    v.uint16 = 2; /* Information: a change was made, nothing is wrong */
    set_opt(ind, "PerceivedSeverity", &v, MI_UINT16);
    pthread_mutex_lock(&t->lock);
    /* One identifier per indication, whichever subscriptions queue it: the random start of
     * the server's series, counted up (unique across restarts, as DMTF asks). */
    wsman_next_message_id(t->next_ind);
    snprintf(ident, sizeof ident, "mofbind:%s", t->next_ind + 5);
    v.string = ident;
    set_opt(ind, "IndicationIdentifier", &v, MI_STRING);
    sweep(t, mono_usec());
    for (s = t->list; s; s = s->next) {
        const mof_class *want = wql_class(s->filter);
        if (s->ns != ns || (s->state != SUB_LIVE && s->state != SUB_OVERFLOWED) ||
            !mof_class_isa(cls, want))
            continue;
        if (!wql_match(s->filter, ind))
            continue;
        queue_event(t, s, ind, NULL);
        pthread_cond_broadcast(&t->cond);
    }
    pthread_mutex_unlock(&t->lock);
    MI_Instance_Delete(ind);
    flush(t);
}

/* ---- providers' indications --------------------------------------------------------------- */

static srv_sub *find_live(srv_subs *t, const char *id)
{
    srv_sub *s = find(t, id);
    return s && s->state == SUB_LIVE ? s : NULL;
}

bool srv_subs_attach(srv_subs *t, const char *id, srv_prov *p, const char *cls)
{
    size_t n = strlen(cls) + 1;
    sub_att *a = malloc(sizeof *a + n);
    srv_sub *s;
    if (!a)
        return false;
    memcpy(a->cls, cls, n);
    a->p = p;
    pthread_mutex_lock(&t->lock);
    s = find_live(t, id);
    if (!s) {
        pthread_mutex_unlock(&t->lock);
        free(a);
        return false;
    }
    a->sid = s->sid;
    a->ns = s->ns->name;
    a->next = s->atts;
    s->atts = a;
    pthread_mutex_unlock(&t->lock);
    return true;
}

static bool att_is(const sub_att *a, const srv_prov *p, const char *cls)
{
    return a->p == p && (!cls || strcasecmp(a->cls, cls) == 0);
}

/* Takes s's attachments to p (of cls; NULL: all) away and frees them; whether it had any. */
static bool detach(srv_sub *s, const srv_prov *p, const char *cls)
{
    sub_att **pp = &s->atts;
    bool any = false;
    while (*pp) {
        sub_att *a = *pp;
        if (att_is(a, p, cls)) {
            *pp = a->next;
            free(a);
            any = true;
        } else {
            pp = &a->next;
        }
    }
    return any;
}

void srv_subs_detach(srv_subs *t, const char *id, srv_prov *p, const char *cls)
{
    srv_sub *s;
    pthread_mutex_lock(&t->lock);
    if ((s = find(t, id)) != NULL)
        (void)detach(s, p, cls);
    pthread_mutex_unlock(&t->lock);
}

void srv_subs_post(srv_subs *t, srv_prov *p, const char *cls, const MI_Instance *ind,
                   const char *bookmark)
{
    const MI_Char *cn = NULL;
    srv_sub *s;
    if (!t || MI_Instance_GetClassName(ind, &cn) != MI_RESULT_OK || !cn)
        return;
    pthread_mutex_lock(&t->lock);
    sweep(t, mono_usec());
    for (s = t->list; s; s = s->next) {
        const mof_class *icls, *want = wql_class(s->filter);
        const sub_att *a;
        if (s->state != SUB_LIVE)
            continue;
        for (a = s->atts; a && !att_is(a, p, cls); a = a->next)
            ;
        icls = a ? mof_map_get(&s->ns->classes, cn) : NULL;
        if (!icls || !mof_class_isa(icls, want) || !wql_match(s->filter, ind))
            continue;
        queue_event(t, s, ind, bookmark);
        pthread_cond_broadcast(&t->cond);
    }
    pthread_mutex_unlock(&t->lock);
    flush(t);
}

void srv_subs_provider_ended(srv_subs *t, srv_prov *p, const char *cls, MI_Result r,
                             const char *message)
{
    srv_sub *s;
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    for (s = t->list; s; s = s->next) {
        const sub_att *a;
        for (a = s->atts; a && !att_is(a, p, cls); a = a->next)
            ;
        if (!a)
            continue;
        /* A host that ended knows nothing more of the subscription: its attachments go
         * untold. A provider that ended its indications is told to Unsubscribe each, as OMI
         * cancels them. */
        if (!cls)
            (void)detach(s, p, NULL);
        if (s->state != SUB_LIVE)
            continue;
        if (r == MI_RESULT_OK) {
            set_state(t, s, SUB_EXPIRED);
        } else {
            s->end_result = r;
            snprintf(s->end_message, sizeof s->end_message, "%s", message);
            set_state(t, s, SUB_FAILED);
        }
        pthread_cond_broadcast(&t->cond);
    }
    pthread_mutex_unlock(&t->lock);
    if (cls)
        flush(t); /* (not under p's lock: called from its reader) */
}
