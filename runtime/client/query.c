/* SPDX-License-Identifier: MIT */
/* runtime/client/query.c: the filters of MI_Session_QueryInstances, AssociatorInstances,
 * ReferenceInstances and Subscribe (whose Subscribe request names the class its query selects
 * from, as OMI routes it). Each runs as an Enumerate of the all-classes ResourceURI (prefix + "*",
 * as WinRM and DSP0227 address them) with a filter, a query (WQL, CQL) or DSP0227's association
 * filter, paged with Pull and released as EnumerateInstances is (exchange.c). Results are read
 * untyped unless their class is the one a generated declaration describes: they may be of any
 * class. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

static char *dup_or_null(const MI_Char *s, int *nomem)
{
    char *d;
    if (!s || !*s)
        return NULL;
    if (!(d = util_strdup(s)))
        *nomem = 1;
    return d;
}

void mob_query_free(mob_query *q)
{
    if (!q)
        return;
    free(q->dialect);
    free(q->text);
    free(q->assoc_class);
    free(q->result_class);
    free(q->role);
    free(q->result_role);
    free(q->bookmark);
    free(q);
}

mob_query *mob_query_new(const MI_Char *dialect, const MI_Char *text, const MI_Char *assoc,
                         const MI_Char *result, const MI_Char *role, const MI_Char *result_role)
{
    mob_query *q = calloc(1, sizeof *q);
    int nomem = 0;
    if (!q)
        return NULL;
    q->dialect = dup_or_null(dialect, &nomem);
    q->text = dup_or_null(text, &nomem);
    q->assoc_class = dup_or_null(assoc, &nomem);
    q->result_class = dup_or_null(result, &nomem);
    q->role = dup_or_null(role, &nomem);
    q->result_role = dup_or_null(result_role, &nomem);
    if (nomem) {
        mob_query_free(q);
        return NULL;
    }
    return q;
}

int mob_query_delivery(mob_query *q, const MI_SubscriptionDeliveryOptions *delivery)
{
    const mob_options *st = mob_sd_store(delivery);
    const mob_option *o;
    if (!st) {
        q->foreign_delivery = MI_TRUE;
        return 0;
    }
    o = mob_options_find(st, MI_SUBSCRIPTIONDELIVERYOPTIONS_EXPIRATION_TIME);
    if (o && o->kind == MOB_OPT_DATETIME) {
        /* How long, or until when: at least a millisecond (the server refuses the past). */
        long long us = wsman_datetime_usec_from_now(&o->value.datetime);
        q->expires_usec = us > 1000 ? (MI_Uint64)us : 1000ULL;
    }
    o = mob_options_find(st, MI_SUBSCRIPTIONDELIVERYOPTIONS_HEARTBEAT_INTERVAL);
    if (o && o->kind == MOB_OPT_INTERVAL && !o->value.datetime.isTimestamp)
        q->heartbeat_usec = (MI_Uint64)wsman_datetime_usec_from_now(&o->value.datetime);
    /* A bookmark asks for bookmarks; the two constants are DSP0226's earliest and none. */
    o = mob_options_find(st, MI_SUBSCRIPTIONDELIVERYOPTIONS_BOOKMARK);
    if (o && o->kind == MOB_OPT_STRING && o->value.string) {
        const char *b = o->value.string;
        q->send_bookmarks = MI_TRUE;
        if (strcmp(b, MI_SUBSCRIBE_BOOKMARK_NEWEST) != 0 &&
            !(q->bookmark = util_strdup(
                  strcmp(b, MI_SUBSCRIBE_BOOKMARK_OLDEST) == 0 ? WSMAN_BOOKMARK_EARLIEST : b)))
            return -1;
    }
    return 0;
}

/* The dialect URI for the names the MI API uses ("WQL", "CQL", "DMTF:CQL"); a URI is taken as
 * the server's to judge. */
static const char *dialect_uri(const char *d)
{
    if (util_strieq(d, "WQL"))
        return WSMAN_DIALECT_WQL;
    if (util_strieq(d, "CQL") || util_strieq(d, "DMTF:CQL"))
        return WSMAN_DIALECT_CQL;
    if (strstr(d, "://"))
        return d;
    return NULL;
}

/* Where the class a query selects FROM begins, or NULL. */
static const char *from_class(const char *text)
{
    const char *p;
    for (p = text; *p; p++) {
        if ((p == text || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') &&
            util_striprefix(p, "from") && (p[4] == ' ' || p[4] == '\t' || p[4] == '\n')) {
            p += 4;
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            return p;
        }
    }
    return NULL;
}

/* Does the query select FROM a WMI class (Win32_...)? Then it goes to WinRM's WMI form of the
 * all-classes URI, as the other operations on such classes do. */
static int wmi_class(const char *text)
{
    const char *p = from_class(text);
    return p && util_striprefix(p, "win32_");
}

MI_Result mob_query_prepare(mob_op *op, char *err, size_t errlen)
{
    mob_query *q = op->query;
    const char *names[4], *what[4] = {"association class", "result class", "role", "result role"};
    size_t i;
    /* Results are of many classes: the source's declaration types none of them. */
    op->decl = NULL;
    if (op->kind == MOB_OP_QUERY || op->kind == MOB_OP_SUBSCRIBE) {
        const char *uri, *from;
        if (!q->text || !q->dialect) {
            snprintf(err, errlen, "%s needs a query language (WQL, CQL) and a query",
                     op->kind == MOB_OP_QUERY ? "QueryInstances" : "Subscribe");
            return MI_RESULT_INVALID_PARAMETER;
        }
        if (q->foreign_delivery) {
            snprintf(err, errlen,
                     "Subscribe: the subscription delivery options were not made by this "
                     "application (MI_Application_NewSubscriptionDeliveryOptions, pull)");
            return MI_RESULT_INVALID_PARAMETER;
        }
        if (op->kind == MOB_OP_SUBSCRIBE && (from = from_class(q->text)) != NULL) {
            size_t n = 0;
            while (n + 1 < sizeof q->from &&
                   ((from[n] >= 'a' && from[n] <= 'z') || (from[n] >= 'A' && from[n] <= 'Z') ||
                    (from[n] >= '0' && from[n] <= '9') || from[n] == '_'))
                n++;
            memcpy(q->from, from, n);
            q->from[n] = '\0';
        }
        if (!(uri = dialect_uri(q->dialect))) {
            snprintf(err, errlen,
                     "the query language '%.100s' is unknown: use WQL, CQL or a dialect URI",
                     q->dialect);
            return MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED;
        }
        if (!op->resource_uri && !op->resource_uri_prefix && wmi_class(q->text) &&
            !(op->resource_uri_prefix = util_strdup(WSMAN_URI_PREFIX_WMI))) {
            snprintf(err, errlen, "out of memory");
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        if (uri != q->dialect) {
            char *u = util_strdup(uri);
            if (!u) {
                snprintf(err, errlen, "out of memory");
                return MI_RESULT_SERVER_LIMITS_EXCEEDED;
            }
            free(q->dialect);
            q->dialect = u;
        }
        return MI_RESULT_OK;
    }
    names[0] = q->assoc_class;
    names[1] = q->result_class;
    names[2] = q->role;
    names[3] = q->result_role;
    for (i = 0; i < 4; i++) {
        if (names[i] && !util_is_cim_name(names[i])) {
            snprintf(err, errlen, "the %s '%.100s' is not a valid CIM name", what[i], names[i]);
            return MI_RESULT_INVALID_PARAMETER;
        }
    }
    return MI_RESULT_OK;
}

void mob_query_request(const mob_op *op, wsman_request *req)
{
    const mob_query *q = op->query;
    /* The prefix (WMI form for a Win32_ source) was chosen from the source's class; the
     * resource is every class of the namespace. */
    req->class_name = WSMAN_ALL_CLASSES;
    if (op->kind == MOB_OP_SUBSCRIBE && q->from[0])
        req->class_name = q->from;
    if (op->kind == MOB_OP_QUERY || op->kind == MOB_OP_SUBSCRIBE) {
        req->filter_dialect = q->dialect;
        req->filter = q->text;
        req->expires_usec = q->expires_usec;
        req->heartbeat_usec = q->heartbeat_usec;
        req->send_bookmarks = q->send_bookmarks;
        req->bookmark = q->bookmark;
    } else {
        req->assoc_object = op->instance;
        req->instance = NULL;
        req->assoc_references = op->kind == MOB_OP_REFERENCES ? MI_TRUE : MI_FALSE;
        req->assoc_class = q->assoc_class;
        req->result_class = q->result_class;
        req->role = q->role;
        req->result_role = q->result_role;
    }
}
