/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_error.c: the codec's errors (wsman_seterr) and the names and texts of
 * MI_Results. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "wsman.h"
#include "wsman_int.h"

/* ---- errors ---------------------------------------------------------------------------- */

MI_Result wsman_seterr(wsman_error *err, MI_Result r, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->result = r;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return r;
}

static const struct {
    const char *name;
    const char *text;
} result_names[] = {
    {"MI_RESULT_OK", "The operation succeeded."},
    {"MI_RESULT_FAILED", "A general error occurred, not covered by a more specific error code."},
    {"MI_RESULT_ACCESS_DENIED", "Access is denied."},
    {"MI_RESULT_INVALID_NAMESPACE", "The target namespace does not exist."},
    {"MI_RESULT_INVALID_PARAMETER",
     "One or more parameter values passed to the method were invalid."},
    {"MI_RESULT_INVALID_CLASS", "The specified class does not exist."},
    {"MI_RESULT_NOT_FOUND", "The requested object cannot be found."},
    {"MI_RESULT_NOT_SUPPORTED", "The requested operation is not supported."},
    {"MI_RESULT_CLASS_HAS_CHILDREN",
     "The operation cannot be invoked on this class because it has subclasses."},
    {"MI_RESULT_CLASS_HAS_INSTANCES",
     "The operation cannot be invoked on this class because one or more instances of this class "
     "exist."},
    {"MI_RESULT_INVALID_SUPERCLASS",
     "The operation cannot be invoked because the specified superclass does not exist."},
    {"MI_RESULT_ALREADY_EXISTS",
     "The operation cannot be invoked because an object already exists."},
    {"MI_RESULT_NO_SUCH_PROPERTY", "The specified property does not exist."},
    {"MI_RESULT_TYPE_MISMATCH",
     "The value supplied is not compatible with the type of the property."},
    {"MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED",
     "The query language is not recognized or supported."},
    {"MI_RESULT_INVALID_QUERY", "The query is not valid for the specified query language."},
    {"MI_RESULT_METHOD_NOT_AVAILABLE", "The extrinsic method cannot be invoked."},
    {"MI_RESULT_METHOD_NOT_FOUND", "The specified extrinsic method does not exist."},
    {NULL, NULL},
    {NULL, NULL},
    {"MI_RESULT_NAMESPACE_NOT_EMPTY", "The specified namespace is not empty."},
    {"MI_RESULT_INVALID_ENUMERATION_CONTEXT",
     "The enumeration identified by the specified context is invalid."},
    {"MI_RESULT_INVALID_OPERATION_TIMEOUT", "The specified operation timeout is not supported."},
    {"MI_RESULT_PULL_HAS_BEEN_ABANDONED", "The Pull operation has been abandoned."},
    {"MI_RESULT_PULL_CANNOT_BE_ABANDONED",
     "The attempt to abandon a concurrent Pull request failed."},
    {"MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED",
     "Using a filter in the enumeration is not supported."},
    {"MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED", "Continuation on error is not supported."},
    {"MI_RESULT_SERVER_LIMITS_EXCEEDED",
     "The operation failed because server limits were exceeded."},
    {"MI_RESULT_SERVER_IS_SHUTTING_DOWN",
     "The server is shutting down and cannot process the operation."},
};

const char *wsman_result_name(MI_Result r)
{
    if ((size_t)r < sizeof result_names / sizeof result_names[0] && result_names[r].name)
        return result_names[r].name;
    return "MI_RESULT_FAILED";
}

const char *wsman_result_text(MI_Result r)
{
    if ((size_t)r < sizeof result_names / sizeof result_names[0] && result_names[r].text)
        return result_names[r].text;
    return result_names[MI_RESULT_FAILED].text;
}

int wsman_result_valid(unsigned long v)
{
    return v > 0 && v < sizeof result_names / sizeof result_names[0] && result_names[v].name;
}
