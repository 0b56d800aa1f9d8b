/* SPDX-License-Identifier: MIT */
/* runtime/client/application.c: MI_Application_InitializeV1, the MI entry point of libmofbind,
 * and the application function table: sessions, instances, options; and
 * mofbind_result_name/_text, the readable names of MI_Result values (mi.h). All state
 * lives in the application object; MI_Application_Close closes the sessions still open. */
#include "config.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define MOB_APP_MAGIC 0x6d6f624170706c21ULL

static mob_app *mob_app_of(MI_Application *h)
{
    mob_app *a;
    if (!h || h->reserved1 != MOB_APP_MAGIC || !h->reserved2)
        return NULL;
    a = (mob_app *)h->reserved2;
    return a->magic == MOB_APP_MAGIC ? a : NULL;
}

static MI_Result MI_CALL mob_app_Close(MI_Application *h)
{
    mob_app *a = mob_app_of(h);
    if (!a)
        return MI_RESULT_INVALID_PARAMETER;
    memset(h, 0, sizeof *h);
    for (;;) {
        mob_session *s;
        pthread_mutex_lock(&a->mu);
        s = a->sessions;
        pthread_mutex_unlock(&a->mu);
        if (!s)
            break;
        mob_session_close(s, NULL, NULL); /* unlinks it */
    }
    /* Sessions closed from their own callbacks finish on their loop: wait for them. */
    pthread_mutex_lock(&a->mu);
    while (a->closing_sessions > 0)
        pthread_cond_wait(&a->cv, &a->mu);
    pthread_mutex_unlock(&a->mu);
    mob_loops_stop(a);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    a->magic = 0;
    free(a);
    curl_global_cleanup();
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_app_NewSession(MI_Application *h, const MI_Char *protocol,
                                            const MI_Char *destination,
                                            MI_DestinationOptions *options,
                                            MI_SessionCallbacks *callbacks,
                                            MI_Instance **extendedError, MI_Session *session)
{
    mob_app *a = mob_app_of(h);
    (void)callbacks;
    if (extendedError)
        *extendedError = NULL;
    if (!a || !session)
        return MI_RESULT_INVALID_PARAMETER;
    return mob_session_new(a, protocol, destination, options, extendedError, session);
}

static MI_Result MI_CALL mob_app_NewInstance(MI_Application *h, const MI_Char *className,
                                             const MI_ClassDecl *classRTTI, MI_Instance **instance)
{
    if (!mob_app_of(h))
        return MI_RESULT_INVALID_PARAMETER;
    return mic_instance_new(className, classRTTI, instance);
}

static MI_Result MI_CALL mob_app_NewDestinationOptions(MI_Application *h,
                                                       MI_DestinationOptions *options)
{
    if (!mob_app_of(h))
        return MI_RESULT_INVALID_PARAMETER;
    return mob_destination_options_new(options);
}

static MI_Result MI_CALL mob_app_NewOperationOptions(MI_Application *h, MI_Boolean must,
                                                     MI_OperationOptions *options)
{
    if (!mob_app_of(h))
        return MI_RESULT_INVALID_PARAMETER;
    return mob_operation_options_new(must, options);
}

static MI_Result MI_CALL mob_app_NewSubscriptionDeliveryOptions(
    MI_Application *h, MI_SubscriptionDeliveryType type, MI_SubscriptionDeliveryOptions *options)
{
    if (!mob_app_of(h))
        return MI_RESULT_INVALID_PARAMETER;
    return mob_delivery_options_new(type, options);
}

static const MI_ApplicationFT mob_application_ft = {
    mob_app_Close,
    mob_app_NewSession,
    mic_app_NewHostedProvider,
    mob_app_NewInstance,
    mob_app_NewDestinationOptions,
    mob_app_NewOperationOptions,
    mob_app_NewSubscriptionDeliveryOptions,
    mic_app_NewSerializer,
    mic_app_NewDeserializer,
    mic_app_NewInstanceFromClass,
    mic_app_NewClass,
};

MI_EXPORT MI_Result MI_MAIN_CALL MI_Application_InitializeV1(MI_Uint32 flags,
                                                             const MI_Char *applicationID,
                                                             MI_Instance **extendedError,
                                                             MI_Application *application)
{
    mob_app *a;
    (void)applicationID;
    if (extendedError)
        *extendedError = NULL;
    if (!application)
        return MI_RESULT_INVALID_PARAMETER;
    memset(application, 0, sizeof *application);
    if (flags != 0)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(a = (mob_app *)calloc(1, sizeof *a)))
        return MIC_RESULT_NOMEM;
    if (pthread_mutex_init(&a->mu, NULL)) {
        free(a);
        return MI_RESULT_FAILED;
    }
    if (pthread_cond_init(&a->cv, NULL)) {
        pthread_mutex_destroy(&a->mu);
        free(a);
        return MI_RESULT_FAILED;
    }
    /* Thread-safe in the libcurl this builds on (>= 7.84); reference counted by libcurl. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        pthread_cond_destroy(&a->cv);
        pthread_mutex_destroy(&a->mu);
        free(a);
        return MI_RESULT_FAILED;
    }
    wsman_global_init();
    a->magic = MOB_APP_MAGIC;
    a->transport = &mob_curl_transport;
    application->reserved1 = MOB_APP_MAGIC;
    application->reserved2 = (ptrdiff_t)a;
    application->ft = &mob_application_ft;
    a->handle = *application;
    return MI_RESULT_OK;
}

const char *mofbind_result_name(MI_Result result)
{
    if (result != MI_RESULT_OK && !wsman_result_valid((unsigned long)result))
        return "MI_RESULT_UNKNOWN";
    return wsman_result_name(result);
}

const char *mofbind_result_text(MI_Result result)
{
    if (result != MI_RESULT_OK && !wsman_result_valid((unsigned long)result))
        return "An MI_Result value that mi.h does not define.";
    return wsman_result_text(result);
}

MI_Result mob_application_set_transport(MI_Application *app, const mob_transport_ft *ft)
{
    mob_app *a = mob_app_of(app);
    if (!a || !ft)
        return MI_RESULT_INVALID_PARAMETER;
    a->transport = ft;
    return MI_RESULT_OK;
}
