/* SPDX-License-Identifier: MIT */
/* tests/provider/typed/typed_alerts.h: what the three skeletons of tests/provider/typed/ share
 * (typed_alerts.c): the indication contexts their EnableIndications gave, and the log of the
 * calls the provider had, which Test_TypedControl.Calls returns. */
#ifndef TYPED_ALERTS_H
#define TYPED_ALERTS_H

#include "mofbind_prov.h"

/* The two indication classes: Test_TypedAlert, Test_TypedAlertSub. */
enum { TYPED_ALERT, TYPED_ALERT_SUB };

/* A new log and no context (a new host, or in process a new server, loads the module again). */
void typed_reset(void);
/* Notes one call, a line. */
void typed_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* The log so far into buf. */
void typed_calls(char *buf, size_t len);
/* Keeps (NULL: forgets) the indication context of class which. */
void typed_enable(int which, MI_Context *context, const MI_Char *ns, const MI_Char *cn);
/* Accepts a subscription, noting it with its filter and bookmark. */
void typed_subscribe(MI_Context *context, const MI_Char *cn, const MI_Filter *filter,
                     const MI_Char *bookmark, MI_Uint64 id, void **subscriptionSelf);
/* Posts count alerts of class which (its context's, while enabled), numbered from 1, from a
 * thread of its own: MI_RESULT_OK when that thread started. */
MI_Result typed_raise(int which, MI_Uint32 count, const MI_Char *text);

#endif
