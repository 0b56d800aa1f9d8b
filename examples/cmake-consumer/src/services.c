/* SPDX-License-Identifier: MIT */
/* src/services.c: the services example: creates a Svc_Service on a WS-Man CIM server through the
 * bindings mofbind generated from schema/services.mof, changes its state and reads it back.
 *
 * Usage: services URL USER   (the password is read from the environment: SERVICES_PASSWORD, so
 * that it never shows in a process listing). Exit status 0 when every step worked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mofbind/mi.h>

#include "Svc_Service.h"

static int failed(const char *what, MI_Result r, MI_Instance *error)
{
    fprintf(stderr, "services: %s failed: MI_Result %d\n", what, (int)r);
    if (error)
        MI_Instance_Delete(error);
    return 1;
}

static int run(MI_Session *session)
{
    Svc_Service svc, got;
    MI_Instance *error = NULL;
    MI_Result r;
    int rc = 0;

    Svc_Service_Init(&svc);
    Svc_Service_Init(&got);
    r = Svc_Service_Set_Name(&svc, MI_T("sshd"));
    if (r == MI_RESULT_OK)
        r = Svc_Service_Set_State(&svc, 3);
    if (r == MI_RESULT_OK)
        r = Svc_Service_Set_AutoStart(&svc, MI_TRUE);
    if (r == MI_RESULT_OK)
        r = Svc_Service_CreateSync(session, NULL, &svc, NULL, &error);
    if (r != MI_RESULT_OK) {
        rc = failed("Svc_Service_CreateSync", r, error);
        goto out;
    }
    r = Svc_Service_Set_State(&svc, 2);
    if (r == MI_RESULT_OK)
        r = Svc_Service_ModifySync(session, NULL, &svc, &error);
    if (r != MI_RESULT_OK) {
        rc = failed("Svc_Service_ModifySync", r, error);
        goto out;
    }
    r = Svc_Service_GetSync(session, NULL, &svc, &got, &error);
    if (r != MI_RESULT_OK) {
        rc = failed("Svc_Service_GetSync", r, error);
        goto out;
    }
    if (!got.State.exists || got.State.value != 2 || !got.AutoStart.exists ||
        !got.AutoStart.value) {
        fputs("services: the service read back differs from the one written\n", stderr);
        rc = 1;
        goto out;
    }
    printf("service %s: state %u, autostart %s\n", got.Name.value, (unsigned)got.State.value,
           got.AutoStart.value ? "yes" : "no");
out:
    Svc_Service_Destruct(&svc);
    Svc_Service_Destruct(&got);
    return rc;
}

int main(int argc, char **argv)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_DestinationOptions options = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials creds;
    MI_Instance *error = NULL;
    const char *password = getenv("SERVICES_PASSWORD");
    MI_Result r;
    int rc;

    if (argc != 3 || !password) {
        fputs("Usage: SERVICES_PASSWORD=... services URL USER\n", stderr);
        return 2;
    }
    r = MI_Application_Initialize(0, MI_T("services"), NULL, &app);
    if (r != MI_RESULT_OK)
        return failed("MI_Application_Initialize", r, NULL);
    r = MI_Application_NewDestinationOptions(&app, &options);
    memset(&creds, 0, sizeof creds);
    creds.authenticationType = MI_AUTH_TYPE_BASIC;
    creds.credentials.usernamePassword.username = argv[2];
    creds.credentials.usernamePassword.password = password;
    if (r == MI_RESULT_OK)
        r = MI_DestinationOptions_AddDestinationCredentials(&options, &creds);
    /* Basic credentials in clear text are refused unless asked for: a test server on loopback. */
    if (r == MI_RESULT_OK && strncmp(argv[1], "http:", 5) == 0)
        r = MI_DestinationOptions_SetPacketPrivacy(&options, MI_FALSE);
    if (r == MI_RESULT_OK)
        r = MI_Application_NewSession(&app, NULL, argv[1], &options, NULL, &error, &session);
    MI_DestinationOptions_Delete(&options);
    if (r != MI_RESULT_OK) {
        rc = failed("MI_Application_NewSession", r, error);
    } else {
        rc = run(&session);
        MI_Session_Close(&session, NULL, NULL);
    }
    MI_Application_Close(&app);
    if (rc == 0)
        puts("services: ok");
    return rc;
}
