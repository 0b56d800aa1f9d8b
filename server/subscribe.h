/* SPDX-License-Identifier: MIT */
/* server/subscribe.h: subscriptions to lifecycle indications (WS-Eventing Subscribe with pull
 * delivery, as OMI serves it): a Subscribe with a WQL filter such as
 *     SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA Acme_Pool
 * makes a subscription whose e:Identifier is also the EnumerationContext its events are Pulled
 * from; Renew and Unsubscribe name it by the identifier. Every Create, Modify and Delete (of the
 * repository or of a provider) raises CIM_InstCreation, CIM_InstModification or
 * CIM_InstDeletion in its namespace (schemas/indications.mof declares them, as does the CIM
 * schema), which each matching subscription queues.
 *
 * - Expiry: e:Expires (xs:duration, or an xs:dateTime in the future) is granted up to
 *   SRV_SUB_MAX_EXPIRES and answered as the duration granted; at expiry no more events are
 *   queued, and Pulls hand out what was queued and then EndOfSequence. Without Expires a
 *   subscription lasts until Unsubscribe, but one not Pulled for SRV_SUB_IDLE_SECONDS is
 *   dropped, as idle enumeration contexts are.
 * - Pull: waits for events up to the subscription's w:Heartbeats, else SRV_SUB_PULL_WAIT,
 *   and at most three quarters of the Pull's OperationTimeout (so the answer beats the
 *   client's deadline); with no event by then, a PullResponse without items (a heartbeat). Its
 *   MaxElements (1 when absent) and MaxEnvelopeSize bound the events of one answer.
 * - The queue is bounded: SRV_SUB_MAX_QUEUE events per subscription, and their bytes count
 *   against the enumeration contexts' byte limit (msrv_config.max_enum_bytes) with the
 *   snapshots of open enumerations. Overflow ends the subscription, never silently: the events
 *   queued before it are still handed out, then the next Pull is a wsman:QuotaLimit fault
 *   (MI_RESULT_SERVER_LIMITS_EXCEEDED) saying how many events were dropped after them, and
 *   the subscription is gone. No event is lost without the subscriber being told.
 * - Limits: at most MSRV_DEFAULT_MAX_ENUM_CONTEXTS subscriptions at once (the count open
 *   enumerations have; more are refused with wsman:QuotaLimit, never evicted); with a thread
 *   pool (msrv_config.threads) at most half its threads wait in Pulls, others answer at once.
 *
 * - Providers: where a loaded provider serves an indication class the subscription selects
 *   (the FROM class or a subclass), the dispatcher attaches the provider's class to the
 *   subscription and asks the provider to Subscribe (its host enables the class's
 *   indications first); what the provider then posts on its indication context, from any
 *   thread, is queued by each attached subscription whose filter it matches, under the same
 *   bounds. A subscription that ends for any reason (Unsubscribe, expiry, overflow, idleness,
 *   another provider's end) has its providers told to Unsubscribe, outside the table's lock
 *   and without waiting. A provider whose host ends, or that ends its class's indications by
 *   posting a result, ends the subscriptions attached to it: what they queued is handed out,
 *   then the next Pull is a fault with the provider's result and a message naming it.
 * - Bookmarks: a subscription made with w:SendBookmarks keeps the bookmark each provider's
 *   event was posted with, and a Pull answers the last one of the events it hands out
 *   (srv_subs_pull_bookmark); the server's own lifecycle events have none (no history).
 *
 * Threads: one lock for the table; a subscription is Pulled by one request at a time (a second
 * concurrent Pull is refused as an invalid context). */
#ifndef MOFBIND_SERVER_SUBSCRIBE_H
#define MOFBIND_SERVER_SUBSCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mofbind/mi.h>
#include "enums.h"
#include "model.h"
#include "providers.h"
#include "typing.h"
#include "wsman.h"

#define SRV_SUB_MAX_QUEUE 1000u           /* events queued per subscription */
#define SRV_SUB_MAX_EXPIRES (86400u)      /* seconds: the longest Expires granted */
#define SRV_SUB_IDLE_SECONDS 600          /* a subscription not Pulled for this long goes */
#define SRV_SUB_PULL_WAIT 5000000ull      /* usec a Pull waits for events by default */
#define SRV_SUB_PULL_WAIT_MAX 30000000ull /* usec a Pull waits at most */

typedef struct srv_subs srv_subs;
typedef struct srv_sub srv_sub;

typedef enum srv_event_kind {
    SRV_EVENT_CREATION,
    SRV_EVENT_MODIFICATION,
    SRV_EVENT_DELETION
} srv_event_kind;

/* bytes: the contexts' byte count queued events are counted in; max subscriptions;
 * max_waiters: Pulls that may wait at once (0: any number). NULL when out of memory. */
srv_subs *srv_subs_new(srv_enums *bytes, size_t max, size_t max_waiters);
/* Wakes the waiting Pulls (they answer at once) and makes later ones answer at once: before
 * the HTTP front waits for its requests in flight. */
void srv_subs_stop(srv_subs *t);
void srv_subs_free(srv_subs *t);

/* Subscribe in namespace ns. On success id (the identifier and context), expires (the
 * xs:duration granted, "" for none), *sid (the number providers know it by) and *from (the
 * indication class the query selects) are filled; else the fault to answer. */
MI_Result srv_subs_subscribe(srv_subs *t, const mof_namespace *ns, const wsman_message *msg,
                             char id[48], char expires[40], uint64_t *sid, const mof_class **from,
                             wsman_fault_desc *f);

/* Attaches the indication class cls of provider p to subscription id, before the provider
 * is asked to Subscribe (what it posts from then on is taken). False when the subscription
 * is gone or memory ran out. srv_subs_detach undoes it when the provider refused (it is then
 * not told to Unsubscribe). */
bool srv_subs_attach(srv_subs *t, const char *id, srv_prov *p, const char *cls);
void srv_subs_detach(srv_subs *t, const char *id, srv_prov *p, const char *cls);
/* An indication p posted on the indication context of its class cls, with its bookmark (NULL:
 * none): each subscription attached to it whose filter matches queues a copy, and the
 * bookmark when the subscriber asked for bookmarks (w:SendBookmarks). */
void srv_subs_post(srv_subs *t, srv_prov *p, const char *cls, const MI_Instance *ind,
                   const char *bookmark);
/* p's host ended (cls NULL) or p ended the indications of cls: the subscriptions attached
 * end, with result r and message for the client (MI_RESULT_OK: EndOfSequence). With cls
 * NULL it may be called with p's lock held (the other providers of those subscriptions are
 * told later); with cls, not (p is told to Unsubscribe each, as OMI cancels them). */
void srv_subs_provider_ended(srv_subs *t, srv_prov *p, const char *cls, MI_Result r,
                             const char *message);
MI_Result srv_subs_renew(srv_subs *t, const wsman_message *msg, char expires[40],
                         wsman_fault_desc *f);
MI_Result srv_subs_unsubscribe(srv_subs *t, const wsman_message *msg, wsman_fault_desc *f);

/* One Pull of a subscription's events: items borrowed from its queue until srv_subs_pull_end. */
typedef struct srv_sub_pull {
    srv_sub *sub;
    MI_Instance **items;
    char **marks; /* each item's bookmark, when the subscriber asked for them; else NULL */
    size_t n;
    bool end; /* the subscription ended (expired, unsubscribed, server stopping) */
} srv_sub_pull;

/* When msg->context names a subscription: waits as the header says, then returns true with
 * *r MI_RESULT_OK and p filled (call srv_subs_pull_end), or *r the fault in f. False: the
 * context is not a subscription's. */
bool srv_subs_pull_begin(srv_subs *t, const wsman_message *msg, size_t max, srv_sub_pull *p,
                         MI_Result *r, wsman_fault_desc *f);
/* The first `sent` events of p were answered (0 when the answer failed: they stay queued). */
void srv_subs_pull_end(srv_subs *t, srv_sub_pull *p, size_t sent);
/* The bookmark of an answer with the first n events of p: the last one posted among them
 * (NULL when none was, or bookmarks were not asked for), valid until srv_subs_pull_end. */
const char *srv_subs_pull_bookmark(const srv_sub_pull *p, size_t n);

/* Whether a subscription in ns could want an event (callers copy an instance only then). */
bool srv_subs_active(srv_subs *t, const mof_namespace *ns);
/* Raises the indication of a change in ns: source is the instance created, modified (its new
 * state) or deleted; previous the state before a modification (NULL when unknown). Each
 * subscription whose filter matches queues a copy. Never fails the change: an event that
 * cannot be queued overflows its subscription. */
void srv_subs_raise(srv_subs *t, srv_decls *decls, const mof_namespace *ns, srv_event_kind kind,
                    const MI_Instance *source, const MI_Instance *previous);

#endif
