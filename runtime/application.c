/* runtime/application.c: MI_Application_InitializeV1, the one exported entry point of
 * libmofbind, and the application function table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "micore.h"

MI_EXPORT MI_Result MI_MAIN_CALL MI_Application_InitializeV1(MI_Uint32 flags,
                                                             const MI_Char *applicationID,
                                                             MI_Instance **extendedError,
                                                             MI_Application *application)
{
    (void)applicationID;
    if (extendedError)
        *extendedError = NULL;
    if (!application)
        return MI_RESULT_INVALID_PARAMETER;
    memset(application, 0, sizeof *application);
    if (flags != 0)
        return MI_RESULT_INVALID_PARAMETER;
    mic_application_core(application);
    return MI_RESULT_OK;
}
