/* SPDX-License-Identifier: MIT */
/* src/inventory.c: the inventory example: records a host and one of its disks on a WS-Man CIM
 * server through the bindings mofbind generated from schema/inventory.mof, reads them back and
 * lists the disks.
 *
 * Usage: inventory URL USER   (the password is read from the environment: INVENTORY_PASSWORD,
 * so that it never shows in a process listing). Exit status 0 when every step worked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mofbind/mi.h>

#include "Inv_Disk.h"
#include "Inv_Host.h"

/* Prints what failed, with the server's message when there is one, and frees the error. */
static int failed(const char *what, MI_Result r, MI_Instance *error)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;
    fprintf(stderr, "inventory: %s failed: MI_Result %d", what, (int)r);
    if (error &&
        MI_Instance_GetElement(error, MI_T("Message"), &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL) && v.string)
        fprintf(stderr, ": %s", v.string);
    fputc('\n', stderr);
    if (error)
        MI_Instance_Delete(error);
    return 1;
}

static int open_session(MI_Application *app, const char *url, const char *user,
                        const char *password, MI_Session *session)
{
    MI_DestinationOptions options = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials creds;
    MI_Instance *error = NULL;
    MI_Result r;

    r = MI_Application_NewDestinationOptions(app, &options);
    if (r != MI_RESULT_OK)
        return failed("MI_Application_NewDestinationOptions", r, NULL);
    memset(&creds, 0, sizeof creds);
    creds.authenticationType = MI_AUTH_TYPE_BASIC;
    creds.credentials.usernamePassword.username = user;
    creds.credentials.usernamePassword.password = password;
    r = MI_DestinationOptions_AddDestinationCredentials(&options, &creds);
    /* Basic credentials in clear text are refused unless asked for: a test server on loopback. */
    if (r == MI_RESULT_OK && strncmp(url, "http:", 5) == 0)
        r = MI_DestinationOptions_SetPacketPrivacy(&options, MI_FALSE);
    if (r == MI_RESULT_OK)
        r = MI_Application_NewSession(app, NULL, url, &options, NULL, &error, session);
    MI_DestinationOptions_Delete(&options);
    if (r != MI_RESULT_OK)
        return failed("MI_Application_NewSession", r, error);
    return 0;
}

static int record(MI_Session *session)
{
    static const MI_Char *const tags[] = {MI_T("rack-7"), MI_T("prod")};
    Inv_Host host, host_read;
    Inv_Disk disk;
    MI_Instance *error = NULL;
    MI_Result r;
    int rc = 0;

    Inv_Host_Init(&host);
    Inv_Host_Init(&host_read);
    Inv_Disk_Init(&disk);
    r = Inv_Host_Set_Name(&host, MI_T("web1"));
    if (r == MI_RESULT_OK)
        r = Inv_Host_Set_Cores(&host, 16);
    if (r == MI_RESULT_OK)
        r = Inv_Host_Set_Tags(&host, tags, 2);
    if (r == MI_RESULT_OK)
        r = Inv_Host_CreateSync(session, NULL, &host, NULL, &error);
    if (r != MI_RESULT_OK) {
        rc = failed("Inv_Host_CreateSync", r, error);
        goto out;
    }

    /* Read it back by its key. */
    r = Inv_Host_GetSync(session, NULL, &host, &host_read, &error);
    if (r != MI_RESULT_OK) {
        rc = failed("Inv_Host_GetSync", r, error);
        goto out;
    }
    if (!host_read.Cores.exists || host_read.Cores.value != 16 || !host_read.Tags.exists ||
        host_read.Tags.value.size != 2 || strcmp(host_read.Tags.value.data[1], "prod") != 0) {
        fputs("inventory: the host read back differs from the one created\n", stderr);
        rc = 1;
        goto out;
    }
    printf("host %s: %u cores, tags %s %s\n", host_read.Name.value, (unsigned)host_read.Cores.value,
           host_read.Tags.value.data[0], host_read.Tags.value.data[1]);

    r = Inv_Disk_Set_InstanceID(&disk, MI_T("web1/sda"));
    if (r == MI_RESULT_OK)
        r = Inv_Disk_Set_Model(&disk, MI_T("ACME 2000"));
    if (r == MI_RESULT_OK)
        r = Inv_Disk_Set_Size(&disk, 2000398934016ULL);
    if (r == MI_RESULT_OK)
        r = Inv_Disk_CreateSync(session, NULL, &disk, NULL, &error);
    if (r != MI_RESULT_OK)
        rc = failed("Inv_Disk_CreateSync", r, error);
out:
    Inv_Host_Destruct(&host);
    Inv_Host_Destruct(&host_read);
    Inv_Disk_Destruct(&disk);
    return rc;
}

static int list_disks(MI_Session *session)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean more = MI_TRUE, found;
    MI_Result r, result = MI_RESULT_OK;
    const MI_Char *message = NULL;
    const MI_Instance *error = NULL;
    unsigned n = 0;
    int rc = 0;

    Inv_Disk_Enumerate(session, NULL, MI_FALSE, NULL, &op);
    while (more) {
        Inv_Disk disk;
        Inv_Disk_Init(&disk);
        r = Inv_Disk_EnumerateNext(&op, &disk, &found, &more, &result, &message, &error);
        if (r != MI_RESULT_OK || result != MI_RESULT_OK) {
            fprintf(stderr, "inventory: enumerating Inv_Disk failed: MI_Result %d %s\n",
                    (int)(r != MI_RESULT_OK ? r : result), message ? message : "");
            rc = 1;
            Inv_Disk_Destruct(&disk);
            break;
        }
        if (found) {
            printf("disk %s: %s, %llu bytes\n", disk.InstanceID.value,
                   disk.Model.exists ? disk.Model.value : "?",
                   disk.Size.exists ? (unsigned long long)disk.Size.value : 0ULL);
            n++;
        }
        Inv_Disk_Destruct(&disk);
    }
    MI_Operation_Close(&op);
    if (rc == 0)
        printf("%u disk%s\n", n, n == 1 ? "" : "s");
    return rc;
}

int main(int argc, char **argv)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    const char *password = getenv("INVENTORY_PASSWORD");
    MI_Result r;
    int rc;

    if (argc != 3 || !password) {
        fputs("Usage: INVENTORY_PASSWORD=... inventory URL USER\n", stderr);
        return 2;
    }
    r = MI_Application_Initialize(0, MI_T("inventory"), NULL, &app);
    if (r != MI_RESULT_OK)
        return failed("MI_Application_Initialize", r, NULL);
    rc = open_session(&app, argv[1], argv[2], password, &session);
    if (rc == 0) {
        rc = record(&session);
        if (rc == 0)
            rc = list_disks(&session);
        MI_Session_Close(&session, NULL, NULL);
    }
    MI_Application_Close(&app);
    if (rc == 0)
        puts("inventory: ok");
    return rc;
}
