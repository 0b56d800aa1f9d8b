/* SPDX-License-Identifier: MIT */
/* tests/provider/typed/typed_alerts.c: the state the skeletons of tests/provider/typed/ share
 * (typed_alerts.h), and the thread that posts typed alerts with Test_TypedAlert_PostIndication
 * and Test_TypedAlertSub_PostIndication on the contexts EnableIndications gave. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Test_TypedAlertSub_Provider.h"
#include "Test_TypedAlert_Provider.h"
#include "typed_alerts.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static MI_Context *contexts[2]; /* while enabled */
static char calls[8192];

void typed_reset(void)
{
    pthread_mutex_lock(&lock);
    calls[0] = '\0';
    contexts[TYPED_ALERT] = contexts[TYPED_ALERT_SUB] = NULL;
    pthread_mutex_unlock(&lock);
}

void typed_note(const char *fmt, ...)
{
    va_list ap;
    size_t len;
    va_start(ap, fmt);
    pthread_mutex_lock(&lock);
    len = strlen(calls);
    if (len + 300 < sizeof calls)
        vsnprintf(calls + len, sizeof calls - len, fmt, ap);
    pthread_mutex_unlock(&lock);
    va_end(ap);
}

void typed_calls(char *buf, size_t len)
{
    pthread_mutex_lock(&lock);
    snprintf(buf, len, "%s", calls);
    pthread_mutex_unlock(&lock);
}

void typed_enable(int which, MI_Context *context, const MI_Char *ns, const MI_Char *cn)
{
    pthread_mutex_lock(&lock);
    contexts[which] = context;
    pthread_mutex_unlock(&lock);
    typed_note("%s %s %s\n", context ? "enable" : "disable", ns ? ns : "-", cn);
}

void typed_subscribe(MI_Context *context, const MI_Char *cn, const MI_Filter *filter,
                     const MI_Char *bookmark, MI_Uint64 id, void **subscriptionSelf)
{
    const MI_Char *lang = NULL, *expr = "";
    if (filter)
        MI_Filter_GetExpression(filter, &lang, &expr);
    typed_note("subscribe %s %llu %s%s%s\n", cn, (unsigned long long)id, expr,
               bookmark ? " bookmark=" : "", bookmark ? bookmark : "");
    *subscriptionSelf = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

typedef struct raise_job {
    int which;
    MI_Uint32 count;
    char text[64];
} raise_job;

/* Alert i of the job, typed, posted with the bookmark TEXT-i. */
static MI_Result post_one(MI_Context *context, const raise_job *j, MI_Uint32 i)
{
    char mark[80];
    MI_Result r;
    snprintf(mark, sizeof mark, "%s-%u", j->text, (unsigned)i);
    if (j->which == TYPED_ALERT_SUB) {
        Test_TypedAlertSub a;
        Test_TypedAlertSub_Init(&a);
        Test_TypedAlertSub_Set_Message(&a, j->text);
        Test_TypedAlertSub_Set_Number(&a, i);
        Test_TypedAlertSub_Set_Urgent(&a, MI_TRUE);
        r = Test_TypedAlertSub_PostIndication(context, &a, mark);
        Test_TypedAlertSub_Destruct(&a);
    } else {
        Test_TypedAlert a;
        Test_TypedAlert_Init(&a);
        Test_TypedAlert_Set_Message(&a, j->text);
        Test_TypedAlert_Set_Number(&a, i);
        r = Test_TypedAlert_PostIndication(context, &a, mark);
        Test_TypedAlert_Destruct(&a);
    }
    return r;
}

static void *raiser(void *arg)
{
    raise_job *j = (raise_job *)arg;
    MI_Uint32 i, failed = 0;
    pthread_mutex_lock(&lock); /* (Disable waits: the context stays valid while posting) */
    for (i = 1; contexts[j->which] && i <= j->count; i++)
        failed += post_one(contexts[j->which], j, i) != MI_RESULT_OK;
    pthread_mutex_unlock(&lock);
    typed_note("raised %u, %u failed\n", (unsigned)(i - 1), (unsigned)failed);
    free(j);
    return NULL;
}

MI_Result typed_raise(int which, MI_Uint32 count, const MI_Char *text)
{
    raise_job *j = (raise_job *)calloc(1, sizeof *j);
    pthread_t t;
    pthread_attr_t attr;
    int err;
    if (!j)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    j->which = which;
    j->count = count;
    snprintf(j->text, sizeof j->text, "%s", text ? text : "");
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    err = pthread_create(&t, &attr, raiser, j);
    pthread_attr_destroy(&attr);
    if (err) {
        free(j);
        return MI_RESULT_FAILED;
    }
    return MI_RESULT_OK;
}
