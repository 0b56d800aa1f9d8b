/* SPDX-License-Identifier: MIT */
/* runtime/include/mofbind/mi.h: the public MI API of mofbind (installed as <mofbind/mi.h>):
 * the client half libmofbind implements, and the provider half (at the end) that provider hosts
 * implement.
 *
 * Names, types, values and the function-table layout follow the MI API as OMI's MI.h and the
 * Windows documentation declare it, with MI_Char being UTF-8 `char`, so code written against
 * the MI API compiles unchanged for the part libmofbind covers (see doc/coverage.md). Every
 * client call except MI_Application_Initialize is an inline wrapper that
 * calls through the function table (ft) of its handle.
 *
 * Ownership, in one sentence: MI_Instance_SetElement/AddElement copy the value, MI_FLAG_BORROW
 * borrows it (the caller keeps it alive and unchanged for the instance's lifetime), MI_FLAG_ADOPT
 * hands it over (the instance frees it), and results handed to callbacks or returned by
 * MI_Operation_GetInstance are valid until the next MI_Operation_GetInstance call, the
 * acknowledgement, or MI_Operation_Close.
 *
 * Threads: an MI_Application and its sessions may be used from several threads; one
 * MI_Instance, MI_DestinationOptions or MI_OperationOptions must not be used by two threads at
 * once. An application runs the operations of all its sessions on a small pool of event-loop
 * threads (environment variable MOFBIND_LOOP_THREADS, 1 to 16, default 1; made with the first
 * session), whatever the number of sessions: those threads call the asynchronous callbacks, the
 * callbacks of one operation one at a time and its results in order; a callback that blocks
 * holds up every session of its loop. Each session runs its operations in order, one at a time;
 * sessions with the same destination, credentials and options share kept-alive connections, at
 * most MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS of them at a time (default 8), and a
 * connection opened with credentials is never used by a session with other credentials. A
 * synchronous operation with one result (not an enumeration) that has not started when its
 * caller asks for the result runs inside that MI_Operation_GetInstance (or GetClass) call, on
 * the caller's thread, over a connection of its session's own (a thread hand-off costs more
 * than the client's work; that connection closes when the loop next runs one of the session's
 * operations); one nobody asks for starts on the loop 1 to 16 ms after its turn comes (1 ms
 * once the loop has had to start one, longer while every caller asks for its own in time), and
 * one whose caller waits for it behind another runs on that caller's thread as soon as the
 * session is free. From a callback, MI_Operation_Close and MI_Session_Close do not block (the
 * loop then finishes closing the session and calls the completion callback),
 * MI_Operation_GetInstance of a result not yet there returns MI_RESULT_FAILED instead of
 * deadlocking, and MI_Application_Close must not be called. Each connection is a file
 * descriptor: 1,000 sessions busy at once need a RLIMIT_NOFILE above 1,000 (`ulimit -n`; the
 * library does not change it).
 *
 * Errors: every call returns an MI_Result (never aborts); operations report their outcome as an
 * MI_Result plus an error-details instance of a CIM_Error shape (Message, MessageID,
 * CIMStatusCode, error_Category, ...), which is always present when the result is not
 * MI_RESULT_OK. A SOAP fault gives the server's CIM_Error (OMI_Error, MSFT_WmiError) status,
 * else its WS-Man subcode's; HTTP 401 is MI_RESULT_ACCESS_DENIED and a redirect
 * MI_RESULT_NOT_SUPPORTED. Transport failures: refused connection, unknown host, reset or empty
 * answer MI_RESULT_FAILED (MI_ERRORCATEGORY_CONNECTION_ERROR); timeout MI_RESULT_FAILED
 * (OPERATION_TIMEOUT); untrusted TLS certificate MI_RESULT_ACCESS_DENIED (SECURITY_ERROR); an
 * answer over the MaxEnvelopeSize the request named (MI_DestinationOptions_SetMaxEnvelopeSize,
 * default 500 KiB) or over 16 MiB MI_RESULT_SERVER_LIMITS_EXCEEDED (LIMITS_EXCEEDED, as the
 * server's wsman:EncodingLimit fault), abandoned as soon as it goes over; an answer in an
 * encoding other than UTF-8 or UTF-16 MI_RESULT_NOT_SUPPORTED (PROTOCOL_ERROR); cancellation
 * MI_RESULT_FAILED (OPERATION_STOPPED); out of memory MI_RESULT_SERVER_LIMITS_EXCEEDED (as OMI;
 * RESOURCE_UNAVAILABLE), even when there is no memory for the operation itself. The library
 * never prints, but for the trace the caller asks for (libxml2's messages go into the error
 * details). Basic credentials over plain HTTP while packet privacy is on (the default) are
 * refused with MI_RESULT_ACCESS_DENIED before anything is sent.
 */
#ifndef MOFBIND_MI_H
#define MOFBIND_MI_H

#include <stddef.h>

/* The runtime's version (major * 10000 + minor * 100 + patch); generated bindings check it. */
#define MOFBIND_RUNTIME_VERSION 200

#ifdef __cplusplus
extern "C" {
#endif

/* ---- General shape ------------------------------------------------------------------------ */

#define MI_CHAR_TYPE 1
#define MI_T(x) x

#ifndef MI_API_VERSION
#define MI_API_VERSION 2
#endif
#define MI_MAJOR 1
#define MI_MINOR 1
#define MI_REVISION 0
#define MI_MAKE_VERSION(major, minor, rev) (((major) << 16) | ((minor) << 8) | (rev))
#define MI_VERSION MI_MAKE_VERSION(MI_MAJOR, MI_MINOR, MI_REVISION)

#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#define MI_INLINE static inline
#else
#define MI_INLINE static __inline
#endif
#define MI_CALL
#define MI_MAIN_CALL
#if defined(__GNUC__)
#define MI_EXPORT __attribute__((visibility("default")))
#else
#define MI_EXPORT
#endif
#define MI_CONST const
#define MI_UNREFERENCED_PARAMETER(P) ((void)(P))

/* ---- Scalar types ------------------------------------------------------------------------- */

typedef unsigned char MI_Boolean;
typedef unsigned char MI_Uint8;
typedef signed char MI_Sint8;
typedef unsigned short MI_Uint16;
typedef signed short MI_Sint16;
typedef unsigned int MI_Uint32;
typedef signed int MI_Sint32;
typedef unsigned long long MI_Uint64;
typedef signed long long MI_Sint64;
typedef float MI_Real32;
typedef double MI_Real64;
typedef unsigned short MI_Char16;
typedef char MI_Char;
typedef MI_Char ZChar;

#define MI_TRUE ((MI_Boolean)1)
#define MI_FALSE ((MI_Boolean)0)

/* ---- MI_Result and friends ---------------------------------------------------------------- */

typedef enum _MI_Result {
    MI_RESULT_OK = 0,
    MI_RESULT_FAILED = 1,
    MI_RESULT_ACCESS_DENIED = 2,
    MI_RESULT_INVALID_NAMESPACE = 3,
    MI_RESULT_INVALID_PARAMETER = 4,
    MI_RESULT_INVALID_CLASS = 5,
    MI_RESULT_NOT_FOUND = 6,
    MI_RESULT_NOT_SUPPORTED = 7,
    MI_RESULT_CLASS_HAS_CHILDREN = 8,
    MI_RESULT_CLASS_HAS_INSTANCES = 9,
    MI_RESULT_INVALID_SUPERCLASS = 10,
    MI_RESULT_ALREADY_EXISTS = 11,
    MI_RESULT_NO_SUCH_PROPERTY = 12,
    MI_RESULT_TYPE_MISMATCH = 13,
    MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED = 14,
    MI_RESULT_INVALID_QUERY = 15,
    MI_RESULT_METHOD_NOT_AVAILABLE = 16,
    MI_RESULT_METHOD_NOT_FOUND = 17,
    MI_RESULT_NAMESPACE_NOT_EMPTY = 20,
    MI_RESULT_INVALID_ENUMERATION_CONTEXT = 21,
    MI_RESULT_INVALID_OPERATION_TIMEOUT = 22,
    MI_RESULT_PULL_HAS_BEEN_ABANDONED = 23,
    MI_RESULT_PULL_CANNOT_BE_ABANDONED = 24,
    MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED = 25,
    MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED = 26,
    MI_RESULT_SERVER_LIMITS_EXCEEDED = 27,
    MI_RESULT_SERVER_IS_SHUTTING_DOWN = 28
} MI_Result;

typedef enum _MI_ErrorCategory {
    MI_ERRORCATEGORY_NOT_SPECIFIED = 0,
    MI_ERRORCATEGORY_OPEN_ERROR = 1,
    MI_ERRORCATEGORY_CLOS_EERROR = 2, /* sic: the MI API's spelling */
    MI_ERRORCATEGORY_DEVICE_ERROR = 3,
    MI_ERRORCATEGORY_DEADLOCK_DETECTED = 4,
    MI_ERRORCATEGORY_INVALID_ARGUMENT = 5,
    MI_ERRORCATEGORY_INVALID_DATA = 6,
    MI_ERRORCATEGORY_INVALID_OPERATION = 7,
    MI_ERRORCATEGORY_INVALID_RESULT = 8,
    MI_ERRORCATEGORY_INVALID_TYPE = 9,
    MI_ERRORCATEGORY_METADATA_ERROR = 10,
    MI_ERRORCATEGORY_NOT_IMPLEMENTED = 11,
    MI_ERRORCATEGORY_NOT_INSTALLED = 12,
    MI_ERRORCATEGORY_OBJECT_NOT_FOUND = 13,
    MI_ERRORCATEGORY_OPERATION_STOPPED = 14,
    MI_ERRORCATEGORY_OPERATION_TIMEOUT = 15,
    MI_ERRORCATEGORY_SYNTAX_ERROR = 16,
    MI_ERRORCATEGORY_PARSER_ERROR = 17,
    MI_ERRORCATEGORY_ACCESS_DENIED = 18,
    MI_ERRORCATEGORY_RESOURCE_BUSY = 19,
    MI_ERRORCATEGORY_RESOURCE_EXISTS = 20,
    MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE = 21,
    MI_ERRORCATEGORY_READ_ERROR = 22,
    MI_ERRORCATEGORY_WRITE_ERROR = 23,
    MI_ERRORCATEGORY_FROM_STDERR = 24,
    MI_ERRORCATEGORY_SECURITY_ERROR = 25,
    MI_ERRORCATEGORY_PROTOCOL_ERROR = 26,
    MI_ERRORCATEGORY_CONNECTION_ERROR = 27,
    MI_ERRORCATEGORY_AUTHENTICATION_ERROR = 28,
    MI_ERRORCATEGORY_LIMITS_EXCEEDED = 29,
    MI_ERRORCATEGORY_QUOTA_EXCEEDED = 30,
    MI_ERRORCATEGORY_NOT_ENABLED = 31
} MI_ErrorCategory;

typedef enum _MI_PromptType { MI_PROMPTTYPE_NORMAL = 0, MI_PROMPTTYPE_CRITICAL = 1 } MI_PromptType;

typedef enum _MI_CallbackMode {
    MI_CALLBACKMODE_REPORT = 0,
    MI_CALLBACKMODE_INQUIRE = 1,
    MI_CALLBACKMODE_IGNORE = 2
} MI_CallbackMode;

typedef enum _MI_CancellationReason {
    MI_REASON_NONE = 0,
    MI_REASON_TIMEOUT = 1,
    MI_REASON_SHUTDOWN = 2,
    MI_REASON_SERVICESTOP = 3
} MI_CancellationReason;

typedef enum _MI_ProviderArchitecture {
    MI_PROVIDER_ARCHITECTURE_32BIT = 0,
    MI_PROVIDER_ARCHITECTURE_64BIT = 1
} MI_ProviderArchitecture;

/* ---- MI_Type ------------------------------------------------------------------------------ */

typedef enum _MI_Type {
    MI_BOOLEAN = 0,
    MI_UINT8 = 1,
    MI_SINT8 = 2,
    MI_UINT16 = 3,
    MI_SINT16 = 4,
    MI_UINT32 = 5,
    MI_SINT32 = 6,
    MI_UINT64 = 7,
    MI_SINT64 = 8,
    MI_REAL32 = 9,
    MI_REAL64 = 10,
    MI_CHAR16 = 11,
    MI_DATETIME = 12,
    MI_STRING = 13,
    MI_REFERENCE = 14,
    MI_INSTANCE = 15,
    MI_BOOLEANA = 16,
    MI_UINT8A = 17,
    MI_SINT8A = 18,
    MI_UINT16A = 19,
    MI_SINT16A = 20,
    MI_UINT32A = 21,
    MI_SINT32A = 22,
    MI_UINT64A = 23,
    MI_SINT64A = 24,
    MI_REAL32A = 25,
    MI_REAL64A = 26,
    MI_CHAR16A = 27,
    MI_DATETIMEA = 28,
    MI_STRINGA = 29,
    MI_REFERENCEA = 30,
    MI_INSTANCEA = 31
} MI_Type;

/* The array bit of MI_Type (not a type by itself). */
#define MI_ARRAY 16

/* ---- Flags -------------------------------------------------------------------------------- */

#define MI_FLAG_CLASS (1 << 0)
#define MI_FLAG_METHOD (1 << 1)
#define MI_FLAG_PROPERTY (1 << 2)
#define MI_FLAG_PARAMETER (1 << 3)
#define MI_FLAG_ASSOCIATION (1 << 4)
#define MI_FLAG_INDICATION (1 << 5)
#define MI_FLAG_REFERENCE (1 << 6)
#define MI_FLAG_ANY (1 | 2 | 4 | 8 | 16 | 32 | 64)

#define MI_FLAG_ENABLEOVERRIDE (1 << 7)
#define MI_FLAG_DISABLEOVERRIDE (1 << 8)
#define MI_FLAG_RESTRICTED (1 << 9)
#define MI_FLAG_TOSUBCLASS (1 << 10)
#define MI_FLAG_TRANSLATABLE (1 << 11)

#define MI_FLAG_KEY (1 << 12)
#define MI_FLAG_IN (1 << 13)
#define MI_FLAG_OUT (1 << 14)
#define MI_FLAG_REQUIRED (1 << 15)
#define MI_FLAG_STATIC (1 << 16)
#define MI_FLAG_ABSTRACT (1 << 17)
#define MI_FLAG_TERMINAL (1 << 18)
#define MI_FLAG_EXPENSIVE (1 << 19)
#define MI_FLAG_STREAM (1 << 20)
#define MI_FLAG_READONLY (1 << 21)
#define MI_FLAG_TOINSTANCE (1 << 22)

#define MI_FLAG_NOT_MODIFIED (1 << 25)
#define MI_FLAG_VERSION ((1 << 26) | (1 << 27) | (1 << 28))
#define MI_FLAG_NULL (1 << 29)
#define MI_FLAG_BORROW (1 << 30)
#define MI_FLAG_ADOPT (1u << 31)

/* ---- Datetime ----------------------------------------------------------------------------- */

typedef struct _MI_Timestamp {
    MI_Uint32 year;
    MI_Uint32 month;
    MI_Uint32 day;
    MI_Uint32 hour;
    MI_Uint32 minute;
    MI_Uint32 second;
    MI_Uint32 microseconds;
    MI_Sint32 utc; /* offset from UTC in minutes */
} MI_Timestamp;

typedef struct _MI_Interval {
    MI_Uint32 days;
    MI_Uint32 hours;
    MI_Uint32 minutes;
    MI_Uint32 seconds;
    MI_Uint32 microseconds;
    MI_Uint32 __padding1;
    MI_Uint32 __padding2;
    MI_Uint32 __padding3;
} MI_Interval;

typedef struct _MI_Datetime {
    MI_Uint32 isTimestamp;
    union {
        MI_Timestamp timestamp;
        MI_Interval interval;
    } u;
} MI_Datetime;

/* ---- Forward declarations ----------------------------------------------------------------- */

typedef struct _MI_Instance MI_Instance;
typedef struct _MI_InstanceFT MI_InstanceFT;
typedef struct _MI_ClassDecl MI_ClassDecl;
typedef struct _MI_SchemaDecl MI_SchemaDecl;
typedef struct _MI_Class MI_Class;
typedef struct _MI_ClassFT MI_ClassFT;
typedef struct _MI_Context MI_Context;       /* provider side (below) */
typedef struct _MI_ProviderFT MI_ProviderFT; /* provider side (below) */
typedef struct _MI_Server MI_Server;         /* provider side (below) */
typedef struct _MI_Module MI_Module;         /* provider side (below) */

/* ---- Arrays ------------------------------------------------------------------------------- */

#define MI_DECLARE_ARRAY_(NAME, T)                                                                 \
    typedef struct _MI_##NAME##A {                                                                 \
        T *data;                                                                                   \
        MI_Uint32 size;                                                                            \
    } MI_##NAME##A;                                                                                \
    typedef struct _MI_Const##NAME##A {                                                            \
        const T *data;                                                                             \
        MI_Uint32 size;                                                                            \
    } MI_Const##NAME##A

MI_DECLARE_ARRAY_(Boolean, MI_Boolean);
MI_DECLARE_ARRAY_(Uint8, MI_Uint8);
MI_DECLARE_ARRAY_(Sint8, MI_Sint8);
MI_DECLARE_ARRAY_(Uint16, MI_Uint16);
MI_DECLARE_ARRAY_(Sint16, MI_Sint16);
MI_DECLARE_ARRAY_(Uint32, MI_Uint32);
MI_DECLARE_ARRAY_(Sint32, MI_Sint32);
MI_DECLARE_ARRAY_(Uint64, MI_Uint64);
MI_DECLARE_ARRAY_(Sint64, MI_Sint64);
MI_DECLARE_ARRAY_(Real32, MI_Real32);
MI_DECLARE_ARRAY_(Real64, MI_Real64);
MI_DECLARE_ARRAY_(Char16, MI_Char16);
MI_DECLARE_ARRAY_(Datetime, MI_Datetime);

typedef struct _MI_StringA {
    MI_Char **data;
    MI_Uint32 size;
} MI_StringA;
typedef struct _MI_ConstStringA {
    const MI_Char *const *data;
    MI_Uint32 size;
} MI_ConstStringA;
typedef struct _MI_ReferenceA {
    MI_Instance **data;
    MI_Uint32 size;
} MI_ReferenceA;
typedef struct _MI_ConstReferenceA {
    const MI_Instance *const *data;
    MI_Uint32 size;
} MI_ConstReferenceA;
typedef struct _MI_InstanceA {
    MI_Instance **data;
    MI_Uint32 size;
} MI_InstanceA;
typedef struct _MI_ConstInstanceA {
    const MI_Instance *const *data;
    MI_Uint32 size;
} MI_ConstInstanceA;

/* The generic view of any array value. */
typedef struct _MI_Array {
    void *data;
    MI_Uint32 size;
} MI_Array;

/* ---- MI_Value ----------------------------------------------------------------------------- */

typedef union _MI_Value {
    MI_Boolean boolean;
    MI_Uint8 uint8;
    MI_Sint8 sint8;
    MI_Uint16 uint16;
    MI_Sint16 sint16;
    MI_Uint32 uint32;
    MI_Sint32 sint32;
    MI_Uint64 uint64;
    MI_Sint64 sint64;
    MI_Real32 real32;
    MI_Real64 real64;
    MI_Char16 char16;
    MI_Datetime datetime;
    MI_Char *string;
    MI_Instance *instance;
    MI_Instance *reference;
    MI_BooleanA booleana;
    MI_Uint8A uint8a;
    MI_Sint8A sint8a;
    MI_Uint16A uint16a;
    MI_Sint16A sint16a;
    MI_Uint32A uint32a;
    MI_Sint32A sint32a;
    MI_Uint64A uint64a;
    MI_Sint64A sint64a;
    MI_Real32A real32a;
    MI_Real64A real64a;
    MI_Char16A char16a;
    MI_DatetimeA datetimea;
    MI_StringA stringa;
    MI_ReferenceA referencea;
    MI_InstanceA instancea;
    MI_Array array;
} MI_Value;

/* ---- Field types (the members of generated structs: exists == MI_FALSE means NULL) -------- */

#define MI_DECLARE_FIELD_(NAME, T, CT)                                                             \
    typedef struct _MI_##NAME##Field {                                                             \
        T value;                                                                                   \
        MI_Boolean exists;                                                                         \
        MI_Uint8 flags;                                                                            \
    } MI_##NAME##Field;                                                                            \
    typedef struct _MI_Const##NAME##Field {                                                        \
        CT value;                                                                                  \
        MI_Boolean exists;                                                                         \
        MI_Uint8 flags;                                                                            \
    } MI_Const##NAME##Field

MI_DECLARE_FIELD_(Boolean, MI_Boolean, MI_Boolean);
MI_DECLARE_FIELD_(Uint8, MI_Uint8, MI_Uint8);
MI_DECLARE_FIELD_(Sint8, MI_Sint8, MI_Sint8);
MI_DECLARE_FIELD_(Uint16, MI_Uint16, MI_Uint16);
MI_DECLARE_FIELD_(Sint16, MI_Sint16, MI_Sint16);
MI_DECLARE_FIELD_(Uint32, MI_Uint32, MI_Uint32);
MI_DECLARE_FIELD_(Sint32, MI_Sint32, MI_Sint32);
MI_DECLARE_FIELD_(Uint64, MI_Uint64, MI_Uint64);
MI_DECLARE_FIELD_(Sint64, MI_Sint64, MI_Sint64);
MI_DECLARE_FIELD_(Real32, MI_Real32, MI_Real32);
MI_DECLARE_FIELD_(Real64, MI_Real64, MI_Real64);
MI_DECLARE_FIELD_(Char16, MI_Char16, MI_Char16);
MI_DECLARE_FIELD_(Datetime, MI_Datetime, MI_Datetime);
MI_DECLARE_FIELD_(String, MI_Char *, const MI_Char *);
MI_DECLARE_FIELD_(Reference, MI_Instance *, const MI_Instance *);
MI_DECLARE_FIELD_(Instance, MI_Instance *, const MI_Instance *);
MI_DECLARE_FIELD_(BooleanA, MI_BooleanA, MI_ConstBooleanA);
MI_DECLARE_FIELD_(Uint8A, MI_Uint8A, MI_ConstUint8A);
MI_DECLARE_FIELD_(Sint8A, MI_Sint8A, MI_ConstSint8A);
MI_DECLARE_FIELD_(Uint16A, MI_Uint16A, MI_ConstUint16A);
MI_DECLARE_FIELD_(Sint16A, MI_Sint16A, MI_ConstSint16A);
MI_DECLARE_FIELD_(Uint32A, MI_Uint32A, MI_ConstUint32A);
MI_DECLARE_FIELD_(Sint32A, MI_Sint32A, MI_ConstSint32A);
MI_DECLARE_FIELD_(Uint64A, MI_Uint64A, MI_ConstUint64A);
MI_DECLARE_FIELD_(Sint64A, MI_Sint64A, MI_ConstSint64A);
MI_DECLARE_FIELD_(Real32A, MI_Real32A, MI_ConstReal32A);
MI_DECLARE_FIELD_(Real64A, MI_Real64A, MI_ConstReal64A);
MI_DECLARE_FIELD_(Char16A, MI_Char16A, MI_ConstChar16A);
MI_DECLARE_FIELD_(DatetimeA, MI_DatetimeA, MI_ConstDatetimeA);
MI_DECLARE_FIELD_(StringA, MI_StringA, MI_ConstStringA);
MI_DECLARE_FIELD_(ReferenceA, MI_ReferenceA, MI_ConstReferenceA);
MI_DECLARE_FIELD_(InstanceA, MI_InstanceA, MI_ConstInstanceA);

/* ---- Declarations (the tables generated code emits) --------------------------------------- */

typedef struct _MI_Qualifier {
    const MI_Char *name;
    MI_Uint32 type;    /* MI_Type */
    MI_Uint32 flavor;  /* MI_FLAG_ENABLEOVERRIDE ... MI_FLAG_TRANSLATABLE */
    const void *value; /* points to a value of the C type of `type` (NULL: no value) */
} MI_Qualifier;

typedef struct _MI_QualifierDecl {
    const MI_Char *name;
    MI_Uint32 type;
    MI_Uint32 scope; /* MI_FLAG_CLASS ... MI_FLAG_ANY */
    MI_Uint32 flavor;
    MI_Uint32 subscript; /* array size when fixed, else 0 */
    const void *value;
} MI_QualifierDecl;

typedef struct _MI_ParameterDecl {
    MI_Uint32 flags; /* MI_FLAG_PARAMETER | MI_FLAG_IN / MI_FLAG_OUT ... */
    MI_Uint32 code;  /* (first char << 24) | (last char << 16) | length; 0 when unknown */
    const MI_Char *name;
    const MI_Qualifier *const *qualifiers;
    MI_Uint32 numQualifiers;
    MI_Uint32 type;
    const MI_Char *className; /* for references and embedded instances, else NULL */
    MI_Uint32 subscript;
    MI_Uint32 offset;
} MI_ParameterDecl;

typedef struct _MI_PropertyDecl {
    MI_Uint32 flags; /* MI_FLAG_PROPERTY | MI_FLAG_KEY | MI_FLAG_READONLY ... */
    MI_Uint32 code;
    const MI_Char *name;
    const MI_Qualifier *const *qualifiers;
    MI_Uint32 numQualifiers;
    MI_Uint32 type;
    const MI_Char *className; /* for references and embedded instances, else NULL */
    MI_Uint32 subscript;
    MI_Uint32 offset;          /* offset of the field in the generated struct */
    const MI_Char *origin;     /* class that first declared the property */
    const MI_Char *propagator; /* class that last overrode it */
    const void *value;         /* default value (NULL: none) */
} MI_PropertyDecl;

typedef void(MI_CALL *MI_MethodDecl_Invoke)(void *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_Char *methodName,
                                            const MI_Instance *instanceName,
                                            const MI_Instance *parameters);

typedef struct _MI_MethodDecl {
    MI_Uint32 flags;
    MI_Uint32 code;
    const MI_Char *name;
    const MI_Qualifier *const *qualifiers;
    MI_Uint32 numQualifiers;
    const MI_ParameterDecl *const *parameters;
    MI_Uint32 numParameters;
    MI_Uint32 size;       /* size of the generated parameter struct */
    MI_Uint32 returnType; /* MI_Type */
    const MI_Char *origin;
    const MI_Char *propagator;
    const MI_SchemaDecl *schema;
    MI_MethodDecl_Invoke function; /* provider side; NULL in client bindings */
} MI_MethodDecl;

struct _MI_ClassDecl {
    MI_Uint32 flags; /* MI_FLAG_CLASS | MI_FLAG_ASSOCIATION | MI_FLAG_INDICATION | ABSTRACT ... */
    MI_Uint32 code;
    const MI_Char *name;
    const MI_Qualifier *const *qualifiers;
    MI_Uint32 numQualifiers;
    const MI_PropertyDecl *const *properties; /* inherited ones first, in inheritance order */
    MI_Uint32 numProperties;
    MI_Uint32 size; /* size of the generated struct */
    const MI_Char *superClass;
    const MI_ClassDecl *superClassDecl;
    const MI_MethodDecl *const *methods;
    MI_Uint32 numMethods;
    const MI_SchemaDecl *schema;
    const MI_ProviderFT *providerFT; /* provider side; NULL in client bindings */
    MI_Class *owningClass;
};

struct _MI_SchemaDecl {
    const MI_QualifierDecl *const *qualifierDecls;
    MI_Uint32 numQualifierDecls;
    const MI_ClassDecl *const *classDecls;
    MI_Uint32 numClassDecls;
};

/* ---- MI_Instance -------------------------------------------------------------------------- */

struct _MI_Instance {
    const MI_InstanceFT *ft;
    const MI_ClassDecl *classDecl; /* never NULL for instances made by libmofbind */
    const MI_Char *serverName;
    const MI_Char *nameSpace;
    ptrdiff_t reserved[4]; /* the runtime's private state */
};

/* MI_Class: the class object of the MI API, what MI_Session_GetClass and EnumerateClasses give.
 * MI_Application_NewClass makes one over a deep copy of a declaration and of its superclasses'
 * (through superClassDecl), which the class owns: the caller may free or change its own once
 * the call returned (the schema pointer is not copied: NULL). MI_Instance_GetClass gives an
 * instance's: its declaration, or for a dynamic instance a copy of its elements' names, types
 * and flags as they stand (no qualifiers); free either with MI_Class_Delete.
 * MI_Application_NewInstanceFromClass(application, className, classObject, &instance) is
 * MI_Application_NewInstance with the class's declaration (as OMI's): every declared property,
 * typed and flagged, none set (a default is the server's to apply); the instance keeps the class
 * alive, so the class may be deleted first. With classObject NULL it is a dynamic instance of
 * className.
 * classDecl describes the class: its qualifiers, its properties (inherited ones first) with
 * their types, qualifiers and default values, its methods with their parameters (parameters[0]
 * of a method is its return value, MIReturn, as in OMI's declarations). A class object is
 * immutable and may be read by several threads at once; Clone gives another handle to it. */
struct _MI_Class {
    const MI_ClassFT *ft;
    const MI_ClassDecl *classDecl;
    const MI_Char *namespaceName;
    const MI_Char *serverName;
    ptrdiff_t reserved[4];
};

/* A qualifier set (of a class, property, method or parameter) and a method's parameter set:
 * value types filled by the MI_Class calls, valid as long as the class object they came from. */
typedef struct _MI_QualifierSet MI_QualifierSet;
typedef struct _MI_QualifierSetFT {
    MI_Result(MI_CALL *GetQualifierCount)(const MI_QualifierSet *self, MI_Uint32 *count);
    MI_Result(MI_CALL *GetQualifierAt)(const MI_QualifierSet *self, MI_Uint32 index,
                                       const MI_Char **name, MI_Type *qualifierType,
                                       MI_Uint32 *qualifierFlags, MI_Value *qualifierValue);
    MI_Result(MI_CALL *GetQualifier)(const MI_QualifierSet *self, const MI_Char *name,
                                     MI_Type *qualifierType, MI_Uint32 *qualifierFlags,
                                     MI_Value *qualifierValue, MI_Uint32 *index);
} MI_QualifierSetFT;

struct _MI_QualifierSet {
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_QualifierSetFT *ft;
};

typedef struct _MI_ParameterSet MI_ParameterSet;
typedef struct _MI_ParameterSetFT {
    MI_Result(MI_CALL *GetMethodReturnType)(const MI_ParameterSet *self, MI_Type *returnType,
                                            MI_QualifierSet *qualifierSet);
    MI_Result(MI_CALL *GetParameterCount)(const MI_ParameterSet *self, MI_Uint32 *count);
    MI_Result(MI_CALL *GetParameterAt)(const MI_ParameterSet *self, MI_Uint32 index,
                                       const MI_Char **name, MI_Type *parameterType,
                                       MI_Char **referenceClass, MI_QualifierSet *qualifierSet);
    MI_Result(MI_CALL *GetParameter)(const MI_ParameterSet *self, const MI_Char *name,
                                     MI_Type *parameterType, MI_Char **referenceClass,
                                     MI_QualifierSet *qualifierSet, MI_Uint32 *index);
} MI_ParameterSetFT;

struct _MI_ParameterSet {
    MI_Uint64 reserved1;
    ptrdiff_t reserved2;
    const MI_ParameterSetFT *ft;
};

/* The class function table (OMI's layout). Semantics (libmofbind, as OMI's):
 * - GetElement(At): a property by name (case-insensitive) or index: its default value (value,
 *   valueExists MI_FALSE when it has none), type, reference or embedded class (referenceClass,
 *   NULL when none), qualifier set, flags (MI_FLAG_PROPERTY, KEY, REQUIRED...), index; every
 *   out-pointer may be NULL; MI_RESULT_NO_SUCH_PROPERTY when there is no such property.
 * - GetMethod(At): MI_RESULT_METHOD_NOT_FOUND when absent; a parameter set's GetParameterAt and
 *   GetParameter give MI_RESULT_NOT_FOUND past the end or for an unknown name, a qualifier
 *   set's GetQualifierAt and GetQualifier likewise.
 * - GetParentClassName: the superclass's name, or NULL and MI_RESULT_INVALID_SUPERCLASS for a
 *   root class; GetParentClass: a new class object of the superclass (free it with Delete),
 *   MI_RESULT_INVALID_SUPERCLASS for a root class.
 * - Clone: a new handle to the same immutable class (free it with Delete); Delete frees a
 *   handle Clone or GetParentClass gave, never one an operation delivered (that one is valid
 *   until the next result, the acknowledgement or MI_Operation_Close, as instances are). */
struct _MI_ClassFT {
    MI_Result(MI_CALL *GetClassName)(const MI_Class *self, const MI_Char **className);
    MI_Result(MI_CALL *GetNameSpace)(const MI_Class *self, const MI_Char **nameSpace);
    MI_Result(MI_CALL *GetServerName)(const MI_Class *self, const MI_Char **serverName);
    MI_Result(MI_CALL *GetElementCount)(const MI_Class *self, MI_Uint32 *count);
    MI_Result(MI_CALL *GetElement)(const MI_Class *self, const MI_Char *name, MI_Value *value,
                                   MI_Boolean *valueExists, MI_Type *type, MI_Char **referenceClass,
                                   MI_QualifierSet *qualifierSet, MI_Uint32 *flags,
                                   MI_Uint32 *index);
    MI_Result(MI_CALL *GetElementAt)(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                     MI_Value *value, MI_Boolean *valueExists, MI_Type *type,
                                     MI_Char **referenceClass, MI_QualifierSet *qualifierSet,
                                     MI_Uint32 *flags);
    MI_Result(MI_CALL *GetClassQualifierSet)(const MI_Class *self, MI_QualifierSet *qualifierSet);
    MI_Result(MI_CALL *GetMethodCount)(const MI_Class *self, MI_Uint32 *count);
    MI_Result(MI_CALL *GetMethodAt)(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                    MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet);
    MI_Result(MI_CALL *GetMethod)(const MI_Class *self, const MI_Char *name,
                                  MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet,
                                  MI_Uint32 *index);
    MI_Result(MI_CALL *GetParentClassName)(const MI_Class *self, const MI_Char **name);
    MI_Result(MI_CALL *GetParentClass)(const MI_Class *self, MI_Class **parentClass);
    MI_Result(MI_CALL *Delete)(MI_Class *self);
    MI_Result(MI_CALL *Clone)(const MI_Class *self, MI_Class **newClass);
};

#define MI_CLASS_FT_CHECK_(self)                                                                   \
    if (!(self) || !(self)->ft)                                                                    \
    return MI_RESULT_INVALID_PARAMETER

MI_INLINE MI_Result MI_Class_GetClassName(const MI_Class *self, const MI_Char **className)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetClassName(self, className);
}

MI_INLINE MI_Result MI_Class_GetNameSpace(const MI_Class *self, const MI_Char **nameSpace)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetNameSpace(self, nameSpace);
}

MI_INLINE MI_Result MI_Class_GetServerName(const MI_Class *self, const MI_Char **serverName)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetServerName(self, serverName);
}

MI_INLINE MI_Result MI_Class_GetElementCount(const MI_Class *self, MI_Uint32 *count)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetElementCount(self, count);
}

MI_INLINE MI_Result MI_Class_GetElement(const MI_Class *self, const MI_Char *name, MI_Value *value,
                                        MI_Boolean *valueExists, MI_Type *type,
                                        MI_Char **referenceClass, MI_QualifierSet *qualifierSet,
                                        MI_Uint32 *flags, MI_Uint32 *index)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetElement(self, name, value, valueExists, type, referenceClass, qualifierSet,
                                flags, index);
}

MI_INLINE MI_Result MI_Class_GetElementAt(const MI_Class *self, MI_Uint32 index,
                                          const MI_Char **name, MI_Value *value,
                                          MI_Boolean *valueExists, MI_Type *type,
                                          MI_Char **referenceClass, MI_QualifierSet *qualifierSet,
                                          MI_Uint32 *flags)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetElementAt(self, index, name, value, valueExists, type, referenceClass,
                                  qualifierSet, flags);
}

MI_INLINE MI_Result MI_Class_GetClassQualifierSet(const MI_Class *self,
                                                  MI_QualifierSet *qualifierSet)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetClassQualifierSet(self, qualifierSet);
}

MI_INLINE MI_Result MI_Class_GetMethodCount(const MI_Class *self, MI_Uint32 *count)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetMethodCount(self, count);
}

MI_INLINE MI_Result MI_Class_GetMethodAt(const MI_Class *self, MI_Uint32 index,
                                         const MI_Char **name, MI_QualifierSet *qualifierSet,
                                         MI_ParameterSet *parameterSet)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetMethodAt(self, index, name, qualifierSet, parameterSet);
}

MI_INLINE MI_Result MI_Class_GetMethod(const MI_Class *self, const MI_Char *name,
                                       MI_QualifierSet *qualifierSet, MI_ParameterSet *parameterSet,
                                       MI_Uint32 *index)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetMethod(self, name, qualifierSet, parameterSet, index);
}

MI_INLINE MI_Result MI_Class_GetParentClassName(const MI_Class *self, const MI_Char **name)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetParentClassName(self, name);
}

MI_INLINE MI_Result MI_Class_GetParentClass(const MI_Class *self, MI_Class **parentClass)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->GetParentClass(self, parentClass);
}

MI_INLINE MI_Result MI_Class_Delete(MI_Class *self)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->Delete(self);
}

MI_INLINE MI_Result MI_Class_Clone(const MI_Class *self, MI_Class **newClass)
{
    MI_CLASS_FT_CHECK_(self);
    return self->ft->Clone(self, newClass);
}

#define MI_SET_FT_CHECK_(self)                                                                     \
    if (!(self) || !(self)->ft)                                                                    \
    return MI_RESULT_INVALID_PARAMETER

MI_INLINE MI_Result MI_QualifierSet_GetQualifierCount(const MI_QualifierSet *self, MI_Uint32 *count)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetQualifierCount(self, count);
}

MI_INLINE MI_Result MI_QualifierSet_GetQualifierAt(const MI_QualifierSet *self, MI_Uint32 index,
                                                   const MI_Char **name, MI_Type *qualifierType,
                                                   MI_Uint32 *qualifierFlags,
                                                   MI_Value *qualifierValue)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetQualifierAt(self, index, name, qualifierType, qualifierFlags,
                                    qualifierValue);
}

MI_INLINE MI_Result MI_QualifierSet_GetQualifier(const MI_QualifierSet *self, const MI_Char *name,
                                                 MI_Type *qualifierType, MI_Uint32 *qualifierFlags,
                                                 MI_Value *qualifierValue, MI_Uint32 *index)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetQualifier(self, name, qualifierType, qualifierFlags, qualifierValue, index);
}

MI_INLINE MI_Result MI_ParameterSet_GetMethodReturnType(const MI_ParameterSet *self,
                                                        MI_Type *returnType,
                                                        MI_QualifierSet *qualifierSet)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetMethodReturnType(self, returnType, qualifierSet);
}

MI_INLINE MI_Result MI_ParameterSet_GetParameterCount(const MI_ParameterSet *self, MI_Uint32 *count)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetParameterCount(self, count);
}

MI_INLINE MI_Result MI_ParameterSet_GetParameterAt(const MI_ParameterSet *self, MI_Uint32 index,
                                                   const MI_Char **name, MI_Type *parameterType,
                                                   MI_Char **referenceClass,
                                                   MI_QualifierSet *qualifierSet)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetParameterAt(self, index, name, parameterType, referenceClass, qualifierSet);
}

MI_INLINE MI_Result MI_ParameterSet_GetParameter(const MI_ParameterSet *self, const MI_Char *name,
                                                 MI_Type *parameterType, MI_Char **referenceClass,
                                                 MI_QualifierSet *qualifierSet, MI_Uint32 *index)
{
    MI_SET_FT_CHECK_(self);
    return self->ft->GetParameter(self, name, parameterType, referenceClass, qualifierSet, index);
}

/* The instance function table. Semantics (libmofbind):
 * - Clone: a deep heap copy; free it with Delete. Delete frees a heap instance (NewInstance,
 *   Clone, results the caller cloned); Destruct frees the contents of an instance the caller
 *   owns the storage of. Both return MI_RESULT_OK, INVALID_PARAMETER for NULL.
 * - AddElement: adds a property (dynamic instances, or a name the class declaration lacks);
 *   MI_RESULT_ALREADY_EXISTS when the name is present; flags may carry MI_FLAG_KEY, IN, OUT,
 *   REQUIRED, STREAM, the MI_FLAG_ANY bits, MI_FLAG_NULL (value may then be NULL), BORROW, ADOPT.
 * - SetElement(At): replaces the value; MI_RESULT_NOT_FOUND for an unknown name,
 *   MI_RESULT_TYPE_MISMATCH when `type` differs from the element's type (declared or first set),
 *   MI_FLAG_NULL or a NULL value sets NULL. ClearElement(At) sets NULL, keeping the element.
 * - GetElement(At): `value` receives a shallow view owned by the instance (valid until the
 *   element changes or the instance is freed); flags carry MI_FLAG_NULL when the value is NULL,
 *   and the declared qualifier flags (KEY...). Out-pointers other than value may be NULL.
 * - Unset is not NULL: an element of an instance made from a class declaration starts NULL
 *   and not modified (GetElement(At) adds MI_FLAG_NOT_MODIFIED) until a Set, Add or Clear gives
 *   it a value or a NULL (a Set with MI_FLAG_NOT_MODIFIED leaves it so). An instance sent to a
 *   server (Create, Modify, a method's parameters) carries its values and its NULLs set on
 *   purpose (xsi:nil); NULL elements never modified are left out, so the server applies the
 *   class default on Create and keeps the stored value on Modify.
 * - Names are compared case-insensitively (ASCII), as CIM wants. */
struct _MI_InstanceFT {
    MI_Result(MI_CALL *Clone)(const MI_Instance *self, MI_Instance **newInstance);
    MI_Result(MI_CALL *Destruct)(MI_Instance *self);
    MI_Result(MI_CALL *Delete)(MI_Instance *self);
    MI_Result(MI_CALL *IsA)(const MI_Instance *self, const MI_ClassDecl *classDecl,
                            MI_Boolean *flag);
    MI_Result(MI_CALL *GetClassName)(const MI_Instance *self, const MI_Char **className);
    MI_Result(MI_CALL *SetNameSpace)(MI_Instance *self, const MI_Char *nameSpace);
    MI_Result(MI_CALL *GetNameSpace)(const MI_Instance *self, const MI_Char **nameSpace);
    MI_Result(MI_CALL *GetElementCount)(const MI_Instance *self, MI_Uint32 *count);
    MI_Result(MI_CALL *AddElement)(MI_Instance *self, const MI_Char *name, const MI_Value *value,
                                   MI_Type type, MI_Uint32 flags);
    MI_Result(MI_CALL *SetElement)(MI_Instance *self, const MI_Char *name, const MI_Value *value,
                                   MI_Type type, MI_Uint32 flags);
    MI_Result(MI_CALL *SetElementAt)(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
                                     MI_Type type, MI_Uint32 flags);
    MI_Result(MI_CALL *GetElement)(const MI_Instance *self, const MI_Char *name, MI_Value *value,
                                   MI_Type *type, MI_Uint32 *flags, MI_Uint32 *index);
    MI_Result(MI_CALL *GetElementAt)(const MI_Instance *self, MI_Uint32 index, const MI_Char **name,
                                     MI_Value *value, MI_Type *type, MI_Uint32 *flags);
    MI_Result(MI_CALL *ClearElement)(MI_Instance *self, const MI_Char *name);
    MI_Result(MI_CALL *ClearElementAt)(MI_Instance *self, MI_Uint32 index);
    MI_Result(MI_CALL *GetServerName)(const MI_Instance *self, const MI_Char **serverName);
    MI_Result(MI_CALL *SetServerName)(MI_Instance *self, const MI_Char *serverName);
    MI_Result(MI_CALL *GetClass)(const MI_Instance *self, MI_Class **instanceClass);
};

#define MI_INSTANCE_FT_CHECK_(self)                                                                \
    if (!(self) || !(self)->ft)                                                                    \
    return MI_RESULT_INVALID_PARAMETER

MI_INLINE MI_Result MI_Instance_Clone(const MI_Instance *self, MI_Instance **newInstance)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->Clone(self, newInstance);
}

MI_INLINE MI_Result MI_Instance_Destruct(MI_Instance *self)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->Destruct(self);
}

MI_INLINE MI_Result MI_Instance_Delete(MI_Instance *self)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->Delete(self);
}

MI_INLINE MI_Result MI_Instance_IsA(const MI_Instance *self, const MI_ClassDecl *classDecl,
                                    MI_Boolean *flag)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->IsA(self, classDecl, flag);
}

MI_INLINE MI_Result MI_Instance_GetClassName(const MI_Instance *self, const MI_Char **className)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetClassName(self, className);
}

MI_INLINE MI_Result MI_Instance_SetNameSpace(MI_Instance *self, const MI_Char *nameSpace)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->SetNameSpace(self, nameSpace);
}

MI_INLINE MI_Result MI_Instance_GetNameSpace(const MI_Instance *self, const MI_Char **nameSpace)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetNameSpace(self, nameSpace);
}

MI_INLINE MI_Result MI_Instance_GetElementCount(const MI_Instance *self, MI_Uint32 *count)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetElementCount(self, count);
}

MI_INLINE MI_Result MI_Instance_AddElement(MI_Instance *self, const MI_Char *name,
                                           const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->AddElement(self, name, value, type, flags);
}

MI_INLINE MI_Result MI_Instance_SetElement(MI_Instance *self, const MI_Char *name,
                                           const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->SetElement(self, name, value, type, flags);
}

MI_INLINE MI_Result MI_Instance_SetElementAt(MI_Instance *self, MI_Uint32 index,
                                             const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->SetElementAt(self, index, value, type, flags);
}

MI_INLINE MI_Result MI_Instance_GetElement(const MI_Instance *self, const MI_Char *name,
                                           MI_Value *value, MI_Type *type, MI_Uint32 *flags,
                                           MI_Uint32 *index)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetElement(self, name, value, type, flags, index);
}

MI_INLINE MI_Result MI_Instance_GetElementAt(const MI_Instance *self, MI_Uint32 index,
                                             const MI_Char **name, MI_Value *value, MI_Type *type,
                                             MI_Uint32 *flags)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetElementAt(self, index, name, value, type, flags);
}

MI_INLINE MI_Result MI_Instance_ClearElement(MI_Instance *self, const MI_Char *name)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->ClearElement(self, name);
}

MI_INLINE MI_Result MI_Instance_ClearElementAt(MI_Instance *self, MI_Uint32 index)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->ClearElementAt(self, index);
}

MI_INLINE MI_Result MI_Instance_GetServerName(const MI_Instance *self, const MI_Char **name)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetServerName(self, name);
}

MI_INLINE MI_Result MI_Instance_SetServerName(MI_Instance *self, const MI_Char *name)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->SetServerName(self, name);
}

MI_INLINE MI_Result MI_Instance_GetClass(const MI_Instance *self, MI_Class **instanceClass)
{
    MI_INSTANCE_FT_CHECK_(self);
    return self->ft->GetClass(self, instanceClass);
}

/* ---- Handles ------------------------------------------------------------------------------ */

typedef struct _MI_ApplicationFT MI_ApplicationFT;
typedef struct _MI_SessionFT MI_SessionFT;
typedef struct _MI_OperationFT MI_OperationFT;
typedef struct _MI_HostedProviderFT MI_HostedProviderFT; /* not provided by libmofbind */
typedef struct _MI_DestinationOptionsFT MI_DestinationOptionsFT;
typedef struct _MI_OperationOptionsFT MI_OperationOptionsFT;
typedef struct _MI_SubscriptionDeliveryOptionsFT MI_SubscriptionDeliveryOptionsFT;
typedef struct _MI_SerializerFT MI_SerializerFT;     /* not provided by libmofbind */
typedef struct _MI_DeserializerFT MI_DeserializerFT; /* not provided by libmofbind */

/* Value types the caller owns; the runtime keeps its state behind reserved1/reserved2. */
#define MI_DECLARE_HANDLE_(NAME)                                                                   \
    typedef struct _MI_##NAME {                                                                    \
        MI_Uint64 reserved1;                                                                       \
        ptrdiff_t reserved2;                                                                       \
        const MI_##NAME##FT *ft;                                                                   \
    } MI_##NAME

MI_DECLARE_HANDLE_(Application);
MI_DECLARE_HANDLE_(Session);
MI_DECLARE_HANDLE_(Operation);
MI_DECLARE_HANDLE_(HostedProvider);
MI_DECLARE_HANDLE_(DestinationOptions);
MI_DECLARE_HANDLE_(OperationOptions);
MI_DECLARE_HANDLE_(SubscriptionDeliveryOptions);
MI_DECLARE_HANDLE_(Serializer);
MI_DECLARE_HANDLE_(Deserializer);

#define MI_APPLICATION_NULL                                                                        \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_SESSION_NULL                                                                            \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_OPERATION_NULL                                                                          \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_HOSTEDPROVIDER_NULL                                                                     \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_DESTINATIONOPTIONS_NULL                                                                 \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_OPERATIONOPTIONS_NULL                                                                   \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }
#define MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL                                                        \
    {                                                                                              \
        0, 0, NULL                                                                                 \
    }

typedef enum _MI_SubscriptionDeliveryType {
    MI_SubscriptionDeliveryType_Pull = 1,
    MI_SubscriptionDeliveryType_Push = 2
} MI_SubscriptionDeliveryType;

/* ---- Credentials -------------------------------------------------------------------------- */

/* libmofbind authenticates through libcurl. Kerberos, NegoNoCreds, and Default without a user
 * name speak SPNEGO (HTTP Negotiate) with the ticket in the calling process's Kerberos
 * credential cache (`kinit`; KRB5CCNAME picks the cache): libcurl cannot get a ticket from a
 * password, so a user name and password given with these are not used to log in, and the user
 * name is not checked against the ticket's principal. NegoWithCreds is Negotiate with the same
 * ticket, falling back to NTLM with the user name and password when the server offers only
 * NTLM. No ticket, or one the server cannot read, ends the operation as
 * MI_RESULT_ACCESS_DENIED. */
#define MI_AUTH_TYPE_DEFAULT MI_T("Default")
#define MI_AUTH_TYPE_NONE MI_T("None")
#define MI_AUTH_TYPE_DIGEST MI_T("Digest")
#define MI_AUTH_TYPE_NEGO_WITH_CREDS MI_T("NegoWithCreds")
#define MI_AUTH_TYPE_NEGO_NO_CREDS MI_T("NegoNoCreds")
#define MI_AUTH_TYPE_BASIC MI_T("Basic")
#define MI_AUTH_TYPE_KERBEROS MI_T("Kerberos")
#define MI_AUTH_TYPE_CLIENT_CERTS MI_T("ClientCerts")
#define MI_AUTH_TYPE_NTLM MI_T("Ntlmdomain")
#define MI_AUTH_TYPE_CREDSSP MI_T("CredSSP")
#define MI_AUTH_TYPE_ISSUER_CERT MI_T("IssuerCert")

typedef struct _MI_UsernamePasswordCreds {
    const MI_Char *domain;
    const MI_Char *username;
    const MI_Char *password;
} MI_UsernamePasswordCreds;

typedef struct _MI_UserCredentials {
    const MI_Char *authenticationType; /* MI_AUTH_TYPE_... */
    union {
        MI_UsernamePasswordCreds usernamePassword;
        const MI_Char *certificateThumbprint;
    } credentials;
} MI_UserCredentials;

/* ---- Operation flags ---------------------------------------------------------------------- */

#define MI_OPERATIONFLAGS_AUTOMATIC_ACK_RESULTS 0x0000
#define MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS 0x0001
#define MI_OPERATIONFLAGS_NO_RTTI 0x0400
#define MI_OPERATIONFLAGS_BASIC_RTTI 0x0002
#define MI_OPERATIONFLAGS_STANDARD_RTTI 0x0800
#define MI_OPERATIONFLAGS_FULL_RTTI 0x0004
#define MI_OPERATIONFLAGS_DEFAULT_RTTI 0
#define MI_OPERATIONFLAGS_LOCALIZED_QUALIFIERS 0x0008
#define MI_OPERATIONFLAGS_EXPENSIVE_PROPERTIES 0x0040
#define MI_OPERATIONFLAGS_POLYMORPHISM_SHALLOW 0x0080
#define MI_OPERATIONFLAGS_POLYMORPHISM_DEEP_BASE_PROPS_ONLY 0x0180
#define MI_OPERATIONFLAGS_REPORT_OPERATION_STARTED 0x0200

/* ---- Callbacks ---------------------------------------------------------------------------- */

typedef enum _MI_OperationCallback_ResponseType {
    MI_OperationCallback_ResponseType_No = 0,
    MI_OperationCallback_ResponseType_Yes = 1,
    MI_OperationCallback_ResponseType_NoToAll = 2,
    MI_OperationCallback_ResponseType_YesToAll = 3
} MI_OperationCallback_ResponseType;

typedef enum _MI_OperationCallback_Channel {
    MI_WRITEMESSAGE_CHANNEL_WARNING = 0,
    MI_WRITEMESSAGE_CHANNEL_VERBOSE = 1,
    MI_WRITEMESSAGE_CHANNEL_DEBUG = 2
} MI_OperationCallback_Channel;

typedef void(MI_CALL *MI_OperationCallback_PromptUser)(
    MI_Operation *operation, void *callbackContext, const MI_Char *message,
    MI_PromptType promptType,
    MI_Result(MI_CALL *promptUserResult)(MI_Operation *operation,
                                         MI_OperationCallback_ResponseType response));

typedef void(MI_CALL *MI_OperationCallback_WriteError)(
    MI_Operation *operation, void *callbackContext, MI_Instance *instance,
    MI_Result(MI_CALL *writeErrorResult)(MI_Operation *operation,
                                         MI_OperationCallback_ResponseType response));

typedef void(MI_CALL *MI_OperationCallback_WriteMessage)(MI_Operation *operation,
                                                         void *callbackContext, MI_Uint32 channel,
                                                         const MI_Char *message);

typedef void(MI_CALL *MI_OperationCallback_WriteProgress)(
    MI_Operation *operation, void *callbackContext, const MI_Char *activity,
    const MI_Char *currentOperation, const MI_Char *statusDescription, MI_Uint32 percentageComplete,
    MI_Uint32 secondsRemaining);

/* Called for every result of Get/Create/Modify/Delete/Enumerate/Invoke, on a loop thread.
 * The final call has moreResults == MI_FALSE and carries the operation's outcome.
 * resultAcknowledgement is NULL unless MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS was given; then
 * the operation does not progress (nor can it be closed) until it is called. The arguments are
 * valid until the callback returns (automatic ack) or until the acknowledgement. */
typedef void(MI_CALL *MI_OperationCallback_Instance)(
    MI_Operation *operation, void *callbackContext, const MI_Instance *instance,
    MI_Boolean moreResults, MI_Result resultCode, const MI_Char *errorString,
    const MI_Instance *errorDetails,
    MI_Result(MI_CALL *resultAcknowledgement)(MI_Operation *operation));

typedef void(MI_CALL *MI_OperationCallback_StreamedParameter)(
    MI_Operation *operation, void *callbackContext, const MI_Char *parameterName,
    MI_Type resultType, const MI_Value *result,
    MI_Result(MI_CALL *resultAcknowledgement)(MI_Operation *operation));

typedef void(MI_CALL *MI_OperationCallback_Indication)(
    MI_Operation *operation, void *callbackContext, const MI_Instance *instance,
    const MI_Char *bookmark, const MI_Char *machineID, MI_Boolean moreResults, MI_Result resultCode,
    const MI_Char *errorString, const MI_Instance *errorDetails,
    MI_Result(MI_CALL *resultAcknowledgement)(MI_Operation *operation));

typedef void(MI_CALL *MI_OperationCallback_Class)(
    MI_Operation *operation, void *callbackContext, const MI_Class *classResult,
    MI_Boolean moreResults, MI_Result resultCode, const MI_Char *errorString,
    const MI_Instance *errorDetails,
    MI_Result(MI_CALL *resultAcknowledgement)(MI_Operation *operation));

typedef struct _MI_OperationCallbacks {
    void *callbackContext;
    MI_OperationCallback_PromptUser promptUser;
    MI_OperationCallback_WriteError writeError;
    MI_OperationCallback_WriteMessage writeMessage;
    MI_OperationCallback_WriteProgress writeProgress;
    MI_OperationCallback_Instance instanceResult;
    MI_OperationCallback_Indication indicationResult;
    MI_OperationCallback_Class classResult;
    MI_OperationCallback_StreamedParameter streamedParameterResult;
} MI_OperationCallbacks;

#define MI_OPERATIONCALLBACKS_NULL                                                                 \
    {                                                                                              \
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL                                       \
    }

typedef struct _MI_SessionCallbacks {
    void *callbackContext;
    void(MI_CALL *writeMessage)(MI_Application *application, void *callbackContext,
                                MI_Uint32 channel, const MI_Char *message);
    void(MI_CALL *writeError)(MI_Application *application, void *callbackContext,
                              MI_Instance *instance);
} MI_SessionCallbacks;

#define MI_SESSIONCALLBACKS_NULL                                                                   \
    {                                                                                              \
        NULL, NULL, NULL                                                                           \
    }

/* ---- Query dialects ----------------------------------------------------------------------- */

#define MI_QUERY_DIALECT_WQL MI_T("WQL")
#define MI_QUERY_DIALECT_CQL MI_T("CQL")
#define MI_QUERY_DIALECT_SELECTOR MI_T("selectorFilter")

/* ---- Function tables ---------------------------------------------------------------------- */

typedef MI_Module *(MI_MAIN_CALL *MI_MainFunction)(MI_Server *server);

/* Application. Close waits for every session and operation to end (cancelling what is in
 * flight); it must not be called from a callback. NewSession takes protocol NULL or
 * MI_T("WINRM") and a destination that is a URL http[s]://host[:port][/path] or a bare host
 * (then MI_DestinationOptions give transport and port: HTTP 5985, HTTPS 5986 by default);
 * NULL destination means localhost. */
struct _MI_ApplicationFT {
    MI_Result(MI_CALL *Close)(MI_Application *application);
    MI_Result(MI_CALL *NewSession)(MI_Application *application, const MI_Char *protocol,
                                   const MI_Char *destination, MI_DestinationOptions *options,
                                   MI_SessionCallbacks *callbacks, MI_Instance **extendedError,
                                   MI_Session *session);
    MI_Result(MI_CALL *NewHostedProvider)(MI_Application *application, const MI_Char *namespaceName,
                                          const MI_Char *providerName, MI_MainFunction mi_main,
                                          MI_Instance **extendedError, MI_HostedProvider *provider);
    MI_Result(MI_CALL *NewInstance)(MI_Application *application, const MI_Char *className,
                                    const MI_ClassDecl *classRTTI, MI_Instance **instance);
    MI_Result(MI_CALL *NewDestinationOptions)(MI_Application *application,
                                              MI_DestinationOptions *options);
    MI_Result(MI_CALL *NewOperationOptions)(MI_Application *application,
                                            MI_Boolean customOptionsMustUnderstand,
                                            MI_OperationOptions *options);
    MI_Result(MI_CALL *NewSubscriptionDeliveryOptions)(
        MI_Application *application, MI_SubscriptionDeliveryType deliveryType,
        MI_SubscriptionDeliveryOptions *deliveryOptions);
    MI_Result(MI_CALL *NewSerializer)(MI_Application *application, MI_Uint32 flags, MI_Char *format,
                                      MI_Serializer *serializer);
    MI_Result(MI_CALL *NewDeserializer)(MI_Application *application, MI_Uint32 flags,
                                        MI_Char *format, MI_Deserializer *deserializer);
    MI_Result(MI_CALL *NewInstanceFromClass)(MI_Application *application, const MI_Char *className,
                                             const MI_Class *classObject, MI_Instance **instance);
    MI_Result(MI_CALL *NewClass)(MI_Application *application, const MI_ClassDecl *classDecl,
                                 const MI_Char *namespaceName, const MI_Char *serverName,
                                 MI_Class **classObject);
};

/* Session. Operations never block the caller; with callbacks == NULL the caller collects
 * results with MI_Operation_GetInstance. Every operation must be closed with
 * MI_Operation_Close before MI_Session_Close. */
struct _MI_SessionFT {
    MI_Result(MI_CALL *Close)(MI_Session *session, void *completionContext,
                              void(MI_CALL *completionCallback)(void *completionContext));
    MI_Result(MI_CALL *GetApplication)(MI_Session *session, MI_Application *application);
    void(MI_CALL *GetInstance)(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                               const MI_Char *namespaceName, const MI_Instance *inboundInstance,
                               MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *ModifyInstance)(MI_Session *session, MI_Uint32 flags,
                                  MI_OperationOptions *options, const MI_Char *namespaceName,
                                  const MI_Instance *inboundInstance,
                                  MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *CreateInstance)(MI_Session *session, MI_Uint32 flags,
                                  MI_OperationOptions *options, const MI_Char *namespaceName,
                                  const MI_Instance *inboundInstance,
                                  MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *DeleteInstance)(MI_Session *session, MI_Uint32 flags,
                                  MI_OperationOptions *options, const MI_Char *namespaceName,
                                  const MI_Instance *inboundInstance,
                                  MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *Invoke)(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                          const MI_Char *namespaceName, const MI_Char *className,
                          const MI_Char *methodName, const MI_Instance *inboundInstance,
                          const MI_Instance *inboundProperties, MI_OperationCallbacks *callbacks,
                          MI_Operation *operation);
    void(MI_CALL *EnumerateInstances)(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options, const MI_Char *namespaceName,
                                      const MI_Char *className, MI_Boolean keysOnly,
                                      MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *QueryInstances)(MI_Session *session, MI_Uint32 flags,
                                  MI_OperationOptions *options, const MI_Char *namespaceName,
                                  const MI_Char *queryDialect, const MI_Char *queryExpression,
                                  MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *AssociatorInstances)(MI_Session *session, MI_Uint32 flags,
                                       MI_OperationOptions *options, const MI_Char *namespaceName,
                                       const MI_Instance *instanceKeys, const MI_Char *assocClass,
                                       const MI_Char *resultClass, const MI_Char *role,
                                       const MI_Char *resultRole, MI_Boolean keysOnly,
                                       MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *ReferenceInstances)(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options, const MI_Char *namespaceName,
                                      const MI_Instance *instanceKeys, const MI_Char *resultClass,
                                      const MI_Char *role, MI_Boolean keysOnly,
                                      MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *Subscribe)(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                             const MI_Char *namespaceName, const MI_Char *queryDialect,
                             const MI_Char *queryExpression,
                             const MI_SubscriptionDeliveryOptions *deliverOptions,
                             MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *GetClass)(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                            const MI_Char *namespaceName, const MI_Char *className,
                            MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *EnumerateClasses)(MI_Session *session, MI_Uint32 flags,
                                    MI_OperationOptions *options, const MI_Char *namespaceName,
                                    const MI_Char *className, MI_Boolean classNamesOnly,
                                    MI_OperationCallbacks *callbacks, MI_Operation *operation);
    void(MI_CALL *TestConnection)(MI_Session *session, MI_Uint32 flags,
                                  MI_OperationCallbacks *callbacks, MI_Operation *operation);
};

/* Operation. GetInstance blocks until the next result (synchronous operations only; it is
 * MI_RESULT_INVALID_PARAMETER when callbacks were given); its return value is the call's own
 * status and *result the operation's. Cancel may be called from any thread and stops a
 * transfer in progress at once (the final result is MI_RESULT_FAILED with the category
 * MI_ERRORCATEGORY_OPERATION_STOPPED); the results still have to be consumed until moreResults
 * is MI_FALSE. Close of a synchronous operation waits
 * for the final result and frees it; Close of an asynchronous one does not block. */
struct _MI_OperationFT {
    MI_Result(MI_CALL *Close)(MI_Operation *operation);
    MI_Result(MI_CALL *Cancel)(MI_Operation *operation, MI_CancellationReason reason);
    MI_Result(MI_CALL *GetSession)(MI_Operation *operation, MI_Session *session);
    MI_Result(MI_CALL *GetInstance)(MI_Operation *operation, const MI_Instance **instance,
                                    MI_Boolean *moreResults, MI_Result *result,
                                    const MI_Char **errorMessage,
                                    const MI_Instance **completionDetails);
    MI_Result(MI_CALL *GetIndication)(MI_Operation *operation, const MI_Instance **instance,
                                      const MI_Char **bookmark, const MI_Char **machineID,
                                      MI_Boolean *moreResults, MI_Result *result,
                                      const MI_Char **errorMessage,
                                      const MI_Instance **completionDetails);
    MI_Result(MI_CALL *GetClass)(MI_Operation *operation, const MI_Class **classResult,
                                 MI_Boolean *moreResults, MI_Result *result,
                                 const MI_Char **errorMessage,
                                 const MI_Instance **completionDetails);
};

/* Options hold copies of every string and credential they are given. */
struct _MI_DestinationOptionsFT {
    void(MI_CALL *Delete)(MI_DestinationOptions *options);
    MI_Result(MI_CALL *SetString)(MI_DestinationOptions *options, const MI_Char *optionName,
                                  const MI_Char *value, MI_Uint32 flags);
    MI_Result(MI_CALL *SetNumber)(MI_DestinationOptions *options, const MI_Char *optionName,
                                  MI_Uint32 value, MI_Uint32 flags);
    MI_Result(MI_CALL *AddCredentials)(MI_DestinationOptions *options, const MI_Char *optionName,
                                       const MI_UserCredentials *credentials, MI_Uint32 flags);
    MI_Result(MI_CALL *GetString)(const MI_DestinationOptions *options, const MI_Char *optionName,
                                  const MI_Char **value, MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetNumber)(const MI_DestinationOptions *options, const MI_Char *optionName,
                                  MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOptionCount)(const MI_DestinationOptions *options, MI_Uint32 *count);
    MI_Result(MI_CALL *GetOptionAt)(const MI_DestinationOptions *options, MI_Uint32 index,
                                    const MI_Char **optionName, MI_Value *value, MI_Type *type,
                                    MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOption)(const MI_DestinationOptions *options, const MI_Char *optionName,
                                  MI_Value *value, MI_Type *type, MI_Uint32 *index,
                                  MI_Uint32 *flags);
    MI_Result(MI_CALL *GetCredentialsCount)(const MI_DestinationOptions *options, MI_Uint32 *count);
    /* The password comes back as "******"; GetCredentialsPasswordAt gives the real one. */
    MI_Result(MI_CALL *GetCredentialsAt)(const MI_DestinationOptions *options, MI_Uint32 index,
                                         const MI_Char **optionName,
                                         MI_UserCredentials *credentials, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetCredentialsPasswordAt)(const MI_DestinationOptions *options,
                                                 MI_Uint32 index, const MI_Char **optionName,
                                                 MI_Char *password, MI_Uint32 bufferLength,
                                                 MI_Uint32 *passwordLength, MI_Uint32 *flags);
    MI_Result(MI_CALL *Clone)(const MI_DestinationOptions *self,
                              MI_DestinationOptions *newDestinationOptions);
    MI_Result(MI_CALL *SetInterval)(MI_DestinationOptions *options, const MI_Char *optionName,
                                    const MI_Interval *value, MI_Uint32 flags);
    MI_Result(MI_CALL *GetInterval)(const MI_DestinationOptions *options, const MI_Char *optionName,
                                    MI_Interval *value, MI_Uint32 *index, MI_Uint32 *flags);
};

struct _MI_OperationOptionsFT {
    void(MI_CALL *Delete)(MI_OperationOptions *options);
    MI_Result(MI_CALL *SetString)(MI_OperationOptions *options, const MI_Char *optionName,
                                  const MI_Char *value, MI_Uint32 flags);
    MI_Result(MI_CALL *SetNumber)(MI_OperationOptions *options, const MI_Char *optionName,
                                  MI_Uint32 value, MI_Uint32 flags);
    MI_Result(MI_CALL *SetCustomOption)(MI_OperationOptions *options, const MI_Char *optionName,
                                        MI_Type valueType, const MI_Value *value,
                                        MI_Boolean mustComply, MI_Uint32 flags);
    MI_Result(MI_CALL *GetString)(const MI_OperationOptions *options, const MI_Char *optionName,
                                  const MI_Char **value, MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetNumber)(const MI_OperationOptions *options, const MI_Char *optionName,
                                  MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOptionCount)(const MI_OperationOptions *options, MI_Uint32 *count);
    MI_Result(MI_CALL *GetOptionAt)(const MI_OperationOptions *options, MI_Uint32 index,
                                    const MI_Char **optionName, MI_Value *value, MI_Type *type,
                                    MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOption)(const MI_OperationOptions *options, const MI_Char *optionName,
                                  MI_Value *value, MI_Type *type, MI_Uint32 *index,
                                  MI_Uint32 *flags);
    MI_Result(MI_CALL *GetEnabledChannels)(const MI_OperationOptions *options,
                                           const MI_Char *optionName, MI_Uint32 *channels,
                                           MI_Uint32 bufferLength, MI_Uint32 *channelCount,
                                           MI_Uint32 *flags);
    MI_Result(MI_CALL *Clone)(const MI_OperationOptions *self,
                              MI_OperationOptions *newOperationOptions);
    MI_Result(MI_CALL *SetInterval)(MI_OperationOptions *options, const MI_Char *optionName,
                                    const MI_Interval *value, MI_Uint32 flags);
    MI_Result(MI_CALL *GetInterval)(const MI_OperationOptions *options, const MI_Char *optionName,
                                    MI_Interval *value, MI_Uint32 *index, MI_Uint32 *flags);
};

/* Subscription delivery options (OMI's layout). libmofbind makes them for pull delivery only and
 * reads the expiration time and the heartbeat interval; credentials are for push delivery and
 * answer MI_RESULT_NOT_SUPPORTED. */
struct _MI_SubscriptionDeliveryOptionsFT {
    MI_Result(MI_CALL *SetString)(MI_SubscriptionDeliveryOptions *options,
                                  const MI_Char *optionName, const MI_Char *value, MI_Uint32 flags);
    MI_Result(MI_CALL *SetNumber)(MI_SubscriptionDeliveryOptions *options,
                                  const MI_Char *optionName, MI_Uint32 value, MI_Uint32 flags);
    MI_Result(MI_CALL *SetDateTime)(MI_SubscriptionDeliveryOptions *options,
                                    const MI_Char *optionName, const MI_Datetime *value,
                                    MI_Uint32 flags);
    MI_Result(MI_CALL *SetInterval)(MI_SubscriptionDeliveryOptions *options,
                                    const MI_Char *optionName, const MI_Interval *value,
                                    MI_Uint32 flags);
    MI_Result(MI_CALL *AddCredentials)(MI_SubscriptionDeliveryOptions *options,
                                       const MI_Char *optionName,
                                       const MI_UserCredentials *credentials, MI_Uint32 flags);
    MI_Result(MI_CALL *Delete)(MI_SubscriptionDeliveryOptions *self);
    MI_Result(MI_CALL *GetString)(const MI_SubscriptionDeliveryOptions *options,
                                  const MI_Char *optionName, const MI_Char **value,
                                  MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetNumber)(const MI_SubscriptionDeliveryOptions *options,
                                  const MI_Char *optionName, MI_Uint32 *value, MI_Uint32 *index,
                                  MI_Uint32 *flags);
    MI_Result(MI_CALL *GetDateTime)(const MI_SubscriptionDeliveryOptions *options,
                                    const MI_Char *optionName, MI_Datetime *value, MI_Uint32 *index,
                                    MI_Uint32 *flags);
    MI_Result(MI_CALL *GetInterval)(const MI_SubscriptionDeliveryOptions *options,
                                    const MI_Char *optionName, MI_Interval *value, MI_Uint32 *index,
                                    MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOptionCount)(const MI_SubscriptionDeliveryOptions *options,
                                       MI_Uint32 *count);
    MI_Result(MI_CALL *GetOptionAt)(const MI_SubscriptionDeliveryOptions *options, MI_Uint32 index,
                                    const MI_Char **optionName, MI_Value *value, MI_Type *type,
                                    MI_Uint32 *flags);
    MI_Result(MI_CALL *GetOption)(const MI_SubscriptionDeliveryOptions *options,
                                  const MI_Char *optionName, MI_Value *value, MI_Type *type,
                                  MI_Uint32 *index, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetCredentialsCount)(const MI_SubscriptionDeliveryOptions *options,
                                            MI_Uint32 *count);
    MI_Result(MI_CALL *GetCredentialsAt)(const MI_SubscriptionDeliveryOptions *options,
                                         MI_Uint32 index, const MI_Char **optionName,
                                         MI_UserCredentials *credentials, MI_Uint32 *flags);
    MI_Result(MI_CALL *GetCredentialsPasswordAt)(const MI_SubscriptionDeliveryOptions *options,
                                                 MI_Uint32 index, const MI_Char **optionName,
                                                 MI_Char *password, MI_Uint32 bufferLength,
                                                 MI_Uint32 *passwordLength, MI_Uint32 *flags);
    MI_Result(MI_CALL *Clone)(const MI_SubscriptionDeliveryOptions *self,
                              MI_SubscriptionDeliveryOptions *newSubscriptionDeliveryOptions);
};

/* ---- Application -------------------------------------------------------------------------- */

/* The one exported entry point: flags must be 0; applicationID may be NULL. On failure
 * *extendedError (when extendedError is not NULL) receives an error instance the caller frees
 * with MI_Instance_Delete. The application owns no global state: several may coexist. */
MI_EXPORT MI_Result MI_MAIN_CALL MI_Application_InitializeV1(MI_Uint32 flags,
                                                             const MI_Char *applicationID,
                                                             MI_Instance **extendedError,
                                                             MI_Application *application);

#define MI_Application_Initialize(flags, applicationID, extendedError, application)                \
    MI_Application_InitializeV1((flags), (applicationID), (extendedError), (application))

/* libmofbind's own additions (other MI implementations lack them; the generated bindings do not
 * call them). mofbind_result_name: the name of an MI_Result as this header spells it
 * ("MI_RESULT_NOT_FOUND"); mofbind_result_text: one sentence saying what it means ("The
 * requested object cannot be found."). Any value is accepted: one this header does not define
 * gives "MI_RESULT_UNKNOWN" and a sentence saying so. The strings are static; thread-safe. */
MI_EXPORT const char *mofbind_result_name(MI_Result result);
MI_EXPORT const char *mofbind_result_text(MI_Result result);

MI_INLINE MI_Result MI_Application_Close(MI_Application *application)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->Close(application);
}

MI_INLINE MI_Result MI_Application_NewSession(MI_Application *application, const MI_Char *protocol,
                                              const MI_Char *destination,
                                              MI_DestinationOptions *options,
                                              MI_SessionCallbacks *callbacks,
                                              MI_Instance **extendedError, MI_Session *session)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewSession(application, protocol, destination, options, callbacks,
                                       extendedError, session);
}

MI_INLINE MI_Result MI_Application_NewHostedProvider(
    MI_Application *application, const MI_Char *namespaceName, const MI_Char *providerName,
    MI_MainFunction mi_main, MI_Instance **extendedError, MI_HostedProvider *provider)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewHostedProvider(application, namespaceName, providerName, mi_main,
                                              extendedError, provider);
}

/* A heap instance of class `className`; with classRTTI (a generated MI_ClassDecl), the
 * instance has one element per declared property (NULL, typed, with the declared flags) and
 * the decl's class name when className is NULL. Free it with MI_Instance_Delete. */
MI_INLINE MI_Result MI_Application_NewInstance(MI_Application *application,
                                               const MI_Char *className,
                                               const MI_ClassDecl *classRTTI,
                                               MI_Instance **instance)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewInstance(application, className, classRTTI, instance);
}

MI_INLINE MI_Result MI_Application_NewParameterSet(MI_Application *application,
                                                   const MI_ClassDecl *classRTTI,
                                                   MI_Instance **instance)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewInstance(application, MI_T("__parameters"), classRTTI, instance);
}

MI_INLINE MI_Result MI_Application_NewInstanceFromClass(MI_Application *application,
                                                        const MI_Char *className,
                                                        const MI_Class *classObject,
                                                        MI_Instance **instance)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewInstanceFromClass(application, className, classObject, instance);
}

MI_INLINE MI_Result MI_Application_NewClass(MI_Application *application,
                                            const MI_ClassDecl *classDecl,
                                            const MI_Char *namespaceName, const MI_Char *serverName,
                                            MI_Class **classObject)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewClass(application, classDecl, namespaceName, serverName,
                                     classObject);
}

MI_INLINE MI_Result MI_Application_NewDestinationOptions(MI_Application *application,
                                                         MI_DestinationOptions *options)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewDestinationOptions(application, options);
}

MI_INLINE MI_Result MI_Application_NewOperationOptions(MI_Application *application,
                                                       MI_Boolean customOptionsMustUnderstand,
                                                       MI_OperationOptions *options)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewOperationOptions(application, customOptionsMustUnderstand, options);
}

MI_INLINE MI_Result MI_Application_NewSubscriptionDeliveryOptions(
    MI_Application *application, MI_SubscriptionDeliveryType deliveryType,
    MI_SubscriptionDeliveryOptions *deliveryOptions)
{
    if (!application || !application->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return application->ft->NewSubscriptionDeliveryOptions(application, deliveryType,
                                                           deliveryOptions);
}

/* ---- Session ------------------------------------------------------------------------------ */

MI_INLINE MI_Result MI_Session_Close(MI_Session *session, void *completionContext,
                                     void(MI_CALL *completionCallback)(void *completionContext))
{
    if (!session || !session->ft) {
        if (completionCallback)
            completionCallback(completionContext);
        return MI_RESULT_OK;
    }
    return session->ft->Close(session, completionContext, completionCallback);
}

MI_INLINE MI_Result MI_Session_GetApplication(MI_Session *session, MI_Application *application)
{
    if (!session || !session->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return session->ft->GetApplication(session, application);
}

/* What every MI_Session_<operation> wrapper does with a NULL session: an empty operation and,
 * for callers with callbacks, one final INVALID_PARAMETER result. */
MI_INLINE void MI_Session_BadSession_(MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (operation) {
        operation->reserved1 = 0;
        operation->reserved2 = 0;
        operation->ft = NULL;
    }
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
                                  MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

/* The same for the class operations, whose callback is classResult. */
MI_INLINE void MI_Session_BadClassSession_(MI_OperationCallbacks *callbacks,
                                           MI_Operation *operation)
{
    if (operation) {
        operation->reserved1 = 0;
        operation->reserved2 = 0;
        operation->ft = NULL;
    }
    if (callbacks && callbacks->classResult)
        callbacks->classResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
                               MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

MI_INLINE void MI_Session_GetInstance(MI_Session *session, MI_Uint32 flags,
                                      MI_OperationOptions *options, const MI_Char *namespaceName,
                                      const MI_Instance *inboundInstance,
                                      MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->GetInstance(session, flags, options, namespaceName, inboundInstance, callbacks,
                                 operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_ModifyInstance(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options, const MI_Char *namespaceName,
                                         const MI_Instance *inboundInstance,
                                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->ModifyInstance(session, flags, options, namespaceName, inboundInstance,
                                    callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_CreateInstance(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options, const MI_Char *namespaceName,
                                         const MI_Instance *inboundInstance,
                                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->CreateInstance(session, flags, options, namespaceName, inboundInstance,
                                    callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_DeleteInstance(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options, const MI_Char *namespaceName,
                                         const MI_Instance *inboundInstance,
                                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->DeleteInstance(session, flags, options, namespaceName, inboundInstance,
                                    callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_Invoke(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                                 const MI_Char *namespaceName, const MI_Char *className,
                                 const MI_Char *methodName, const MI_Instance *inboundInstance,
                                 const MI_Instance *inboundProperties,
                                 MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->Invoke(session, flags, options, namespaceName, className, methodName,
                            inboundInstance, inboundProperties, callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_EnumerateInstances(MI_Session *session, MI_Uint32 flags,
                                             MI_OperationOptions *options,
                                             const MI_Char *namespaceName, const MI_Char *className,
                                             MI_Boolean keysOnly, MI_OperationCallbacks *callbacks,
                                             MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->EnumerateInstances(session, flags, options, namespaceName, className, keysOnly,
                                        callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_QueryInstances(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options, const MI_Char *namespaceName,
                                         const MI_Char *queryDialect,
                                         const MI_Char *queryExpression,
                                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->QueryInstances(session, flags, options, namespaceName, queryDialect,
                                    queryExpression, callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void
MI_Session_AssociatorInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                               const MI_Char *namespaceName, const MI_Instance *instanceKeys,
                               const MI_Char *assocClass, const MI_Char *resultClass,
                               const MI_Char *role, const MI_Char *resultRole, MI_Boolean keysOnly,
                               MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->AssociatorInstances(session, flags, options, namespaceName, instanceKeys,
                                         assocClass, resultClass, role, resultRole, keysOnly,
                                         callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void
MI_Session_ReferenceInstances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                              const MI_Char *namespaceName, const MI_Instance *instanceKeys,
                              const MI_Char *resultClass, const MI_Char *role, MI_Boolean keysOnly,
                              MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->ReferenceInstances(session, flags, options, namespaceName, instanceKeys,
                                        resultClass, role, keysOnly, callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_Subscribe(MI_Session *session, MI_Uint32 flags,
                                    MI_OperationOptions *options, const MI_Char *namespaceName,
                                    const MI_Char *queryDialect, const MI_Char *queryExpression,
                                    const MI_SubscriptionDeliveryOptions *deliverOptions,
                                    MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->Subscribe(session, flags, options, namespaceName, queryDialect,
                               queryExpression, deliverOptions, callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

MI_INLINE void MI_Session_GetClass(MI_Session *session, MI_Uint32 flags,
                                   MI_OperationOptions *options, const MI_Char *namespaceName,
                                   const MI_Char *className, MI_OperationCallbacks *callbacks,
                                   MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->GetClass(session, flags, options, namespaceName, className, callbacks,
                              operation);
    else
        MI_Session_BadClassSession_(callbacks, operation);
}

MI_INLINE void MI_Session_EnumerateClasses(MI_Session *session, MI_Uint32 flags,
                                           MI_OperationOptions *options,
                                           const MI_Char *namespaceName, const MI_Char *className,
                                           MI_Boolean classNamesOnly,
                                           MI_OperationCallbacks *callbacks,
                                           MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->EnumerateClasses(session, flags, options, namespaceName, className,
                                      classNamesOnly, callbacks, operation);
    else
        MI_Session_BadClassSession_(callbacks, operation);
}

MI_INLINE void MI_Session_TestConnection(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    if (session && session->ft)
        session->ft->TestConnection(session, flags, callbacks, operation);
    else
        MI_Session_BadSession_(callbacks, operation);
}

/* ---- Operation ---------------------------------------------------------------------------- */

MI_INLINE MI_Result MI_Operation_Close(MI_Operation *operation)
{
    if (!operation || !operation->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return operation->ft->Close(operation);
}

MI_INLINE MI_Result MI_Operation_Cancel(MI_Operation *operation, MI_CancellationReason reason)
{
    if (!operation || !operation->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return operation->ft->Cancel(operation, reason);
}

MI_INLINE MI_Result MI_Operation_GetSession(MI_Operation *operation, MI_Session *session)
{
    if (!operation || !operation->ft)
        return MI_RESULT_INVALID_PARAMETER;
    return operation->ft->GetSession(operation, session);
}

MI_INLINE MI_Result MI_Operation_GetInstance(MI_Operation *operation, const MI_Instance **instance,
                                             MI_Boolean *moreResults, MI_Result *result,
                                             const MI_Char **errorMessage,
                                             const MI_Instance **completionDetails)
{
    if (!operation || !operation->ft) {
        if (result)
            *result = MI_RESULT_INVALID_PARAMETER;
        if (moreResults)
            *moreResults = MI_FALSE;
        return MI_RESULT_INVALID_PARAMETER;
    }
    return operation->ft->GetInstance(operation, instance, moreResults, result, errorMessage,
                                      completionDetails);
}

MI_INLINE MI_Result MI_Operation_GetIndication(MI_Operation *operation,
                                               const MI_Instance **instance,
                                               const MI_Char **bookmark, const MI_Char **machineID,
                                               MI_Boolean *moreResults, MI_Result *result,
                                               const MI_Char **errorMessage,
                                               const MI_Instance **completionDetails)
{
    if (!operation || !operation->ft) {
        if (result)
            *result = MI_RESULT_INVALID_PARAMETER;
        if (moreResults)
            *moreResults = MI_FALSE;
        return MI_RESULT_INVALID_PARAMETER;
    }
    return operation->ft->GetIndication(operation, instance, bookmark, machineID, moreResults,
                                        result, errorMessage, completionDetails);
}

MI_INLINE MI_Result MI_Operation_GetClass(MI_Operation *operation, const MI_Class **classResult,
                                          MI_Boolean *moreResults, MI_Result *result,
                                          const MI_Char **errorMessage,
                                          const MI_Instance **completionDetails)
{
    if (!operation || !operation->ft) {
        if (result)
            *result = MI_RESULT_INVALID_PARAMETER;
        if (moreResults)
            *moreResults = MI_FALSE;
        return MI_RESULT_INVALID_PARAMETER;
    }
    return operation->ft->GetClass(operation, classResult, moreResults, result, errorMessage,
                                   completionDetails);
}

/* ---- Destination options ------------------------------------------------------------------ */

#define MI_DESTINATIONOPTIONS_TIMEOUT MI_T("__MI_DESTINATIONOPTIONS_TIMEOUT")
#define MI_DESTINATIONOPTIONS_CERT_CA_CHECK MI_T("__MI_DESTINATIONOPTIONS_CERT_CA_CHECK")
#define MI_DESTINATIONOPTIONS_CERT_CN_CHECK MI_T("__MI_DESTINATIONOPTIONS_CERT_CN_CHECK")
#define MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK                                                \
    MI_T("__MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK")
#define MI_DESTINATIONOPTIONS_PACKET_PRIVACY MI_T("__MI_DESTINATIONOPTIONS_PACKET_PRIVACY")
#define MI_DESTINATIONOPTIONS_PACKET_INTEGRITY MI_T("__MI_DESTINATIONOPTIONS_PACKET_INTEGRITY")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING MI_T("__MI_DESTINATIONOPTIONS_PACKET_ENCODING")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_DEFAULT MI_T("default")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF8 MI_T("UTF8")
#define MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF16 MI_T("UTF16")
#define MI_DESTINATIONOPTIONS_DATA_LOCALE MI_T("__MI_DESTINATIONOPTIONS_DATA_LOCALE")
#define MI_DESTINATIONOPTIONS_UI_LOCALE MI_T("__MI_DESTINATIONOPTIONS_UI_LOCALE")
#define MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE MI_T("__MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE")
#define MI_DESTINATIONOPTIONS_MAX_ELEMENTS MI_T("__MI_DESTINATIONOPTIONS_MAX_ELEMENTS")
#define MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN MI_T("__MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN")
#define MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX MI_T("__MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX")
#define MI_DESTINATIONOPTIONS_DESTINATION_PORT MI_T("__MI_DESTINATIONOPTIONS_DESTINATION_PORT")
#define MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR MI_T("__MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR")
#define MI_DESTINATIONOPTIONS_CERT_FILE MI_T("__MI_DESTINATIONOPTIONS_CERT_FILE")
#define MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE MI_T("__MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE")
#define MI_DESTINATIONOPTIONS_TRANSPORT MI_T("__MI_DESTINATIONOPTIONS_TRANSPORT")
#define MI_DESTINATIONOPTIONS_TRANSPORT_HTTP MI_T("HTTP")
#define MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS MI_T("HTTPS")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE MI_T("__MI_DESTINATIONOPTIONS_PROXY_TYPE")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_IE MI_T("IE")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_WINHTTP MI_T("WinHTTP")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_AUTO MI_T("Auto")
#define MI_DESTINATIONOPTIONS_PROXY_TYPE_NONE MI_T("None")
#define MI_DESTINATIONOPTIONS_SSL_OPTIONS MI_T("__MI_DESTINATIONOPTIONS_SSL_OPTIONS")
#define MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS MI_T("__MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS")
#define MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS                                              \
    MI_T("__MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS")
#define MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE MI_T("__MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE")
/* libmofbind extension: 1 prints each request and response (credentials redacted) on stderr. */
#define MI_DESTINATIONOPTIONS_TRACE MI_T("__MI_DESTINATIONOPTIONS_TRACE")
/* libmofbind extension (MI_DestinationOptions_SetNumber, 1 to 1024, default 8): the most
 * connections the sessions to one destination with the same credentials and options hold at a
 * time; more operations wait for one of them. (A synchronous operation run by its caller uses
 * its session's own connection, outside the cap.) */
#define MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS MI_T("MOFBIND_MAX_CONNECTIONS_PER_DESTINATION")

typedef enum _MI_PacketEncoding {
    MI_PACKETENCODING_DEFAULT = 0,
    MI_PACKETENCODING_UTF8 = 1,
    MI_PACKETENCODING_UTF16 = 2
} MI_PacketEncoding;

typedef enum _MI_ProxyType {
    MI_PROXYTYPE_IE = 0,
    MI_PROXYTYPE_WINHTTP = 1,
    MI_PROXYTYPE_AUTO = 2,
    MI_PROXYTYPE_NONE = 3
} MI_ProxyType;

typedef enum _MI_DestinationOptions_ImpersonationType {
    MI_DestinationOptions_ImpersonationType_Default = 0,
    MI_DestinationOptions_ImpersonationType_None = 1,
    MI_DestinationOptions_ImpersonationType_Identify = 2,
    MI_DestinationOptions_ImpersonationType_Impersonate = 3,
    MI_DestinationOptions_ImpersonationType_Delegate = 4
} MI_DestinationOptions_ImpersonationType;

#define MI_DESTOPT_CHECK_(o)                                                                       \
    if (!(o) || !(o)->ft)                                                                          \
    return MI_RESULT_INVALID_PARAMETER

MI_INLINE void MI_DestinationOptions_Delete(MI_DestinationOptions *options)
{
    if (options && options->ft)
        options->ft->Delete(options);
}

MI_INLINE MI_Result MI_DestinationOptions_Clone(const MI_DestinationOptions *self,
                                                MI_DestinationOptions *newDestinationOptions)
{
    MI_DESTOPT_CHECK_(self);
    return self->ft->Clone(self, newDestinationOptions);
}

MI_INLINE MI_Result MI_DestinationOptions_SetString(MI_DestinationOptions *options,
                                                    const MI_Char *optionName, const MI_Char *value,
                                                    MI_Uint32 flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->SetString(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetString(const MI_DestinationOptions *options,
                                                    const MI_Char *optionName,
                                                    const MI_Char **value, MI_Uint32 *index,
                                                    MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetString(options, optionName, value, index, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_SetNumber(MI_DestinationOptions *options,
                                                    const MI_Char *optionName, MI_Uint32 value,
                                                    MI_Uint32 flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->SetNumber(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetNumber(const MI_DestinationOptions *options,
                                                    const MI_Char *optionName, MI_Uint32 *value,
                                                    MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetNumber(options, optionName, value, index, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetOptionCount(const MI_DestinationOptions *options,
                                                         MI_Uint32 *count)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetOptionCount(options, count);
}

MI_INLINE MI_Result MI_DestinationOptions_GetOptionAt(const MI_DestinationOptions *options,
                                                      MI_Uint32 index, const MI_Char **optionName,
                                                      MI_Value *value, MI_Type *type,
                                                      MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetOptionAt(options, index, optionName, value, type, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetOption(const MI_DestinationOptions *options,
                                                    const MI_Char *optionName, MI_Value *value,
                                                    MI_Type *type, MI_Uint32 *index,
                                                    MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetOption(options, optionName, value, type, index, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetCredentialsCount(const MI_DestinationOptions *options,
                                                              MI_Uint32 *count)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetCredentialsCount(options, count);
}

MI_INLINE MI_Result MI_DestinationOptions_GetCredentialsAt(const MI_DestinationOptions *options,
                                                           MI_Uint32 index,
                                                           const MI_Char **optionName,
                                                           MI_UserCredentials *credentials,
                                                           MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetCredentialsAt(options, index, optionName, credentials, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetCredentialsPasswordAt(
    const MI_DestinationOptions *options, MI_Uint32 index, const MI_Char **optionName,
    MI_Char *password, MI_Uint32 bufferLength, MI_Uint32 *passwordLength, MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetCredentialsPasswordAt(options, index, optionName, password, bufferLength,
                                                 passwordLength, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_SetInterval(MI_DestinationOptions *options,
                                                      const MI_Char *optionName,
                                                      const MI_Interval *value, MI_Uint32 flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->SetInterval(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_GetInterval(const MI_DestinationOptions *options,
                                                      const MI_Char *optionName, MI_Interval *value,
                                                      MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->GetInterval(options, optionName, value, index, flags);
}

MI_INLINE MI_Result MI_DestinationOptions_SetTimeout(MI_DestinationOptions *options,
                                                     const MI_Interval *timeout)
{
    return MI_DestinationOptions_SetInterval(options, MI_DESTINATIONOPTIONS_TIMEOUT, timeout, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetTimeout(const MI_DestinationOptions *options,
                                                     MI_Interval *timeout)
{
    return MI_DestinationOptions_GetInterval(options, MI_DESTINATIONOPTIONS_TIMEOUT, timeout, NULL,
                                             NULL);
}

MI_INLINE MI_Result MI_DestinationOptions_SetCertCACheck(MI_DestinationOptions *options,
                                                         MI_Boolean check)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_CERT_CA_CHECK, check, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetCertCACheck(const MI_DestinationOptions *options,
                                                         MI_Boolean *check)
{
    MI_Uint32 v = 1;
    MI_Result r = MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_CERT_CA_CHECK, &v,
                                                  NULL, NULL);
    if (r == MI_RESULT_OK && check)
        *check = v ? MI_TRUE : MI_FALSE;
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_SetCertCNCheck(MI_DestinationOptions *options,
                                                         MI_Boolean check)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_CERT_CN_CHECK, check, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetCertCNCheck(const MI_DestinationOptions *options,
                                                         MI_Boolean *check)
{
    MI_Uint32 v = 1;
    MI_Result r = MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_CERT_CN_CHECK, &v,
                                                  NULL, NULL);
    if (r == MI_RESULT_OK && check)
        *check = v ? MI_TRUE : MI_FALSE;
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_SetCertRevocationCheck(MI_DestinationOptions *options,
                                                                 MI_Boolean check)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK,
                                           check, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetPacketPrivacy(MI_DestinationOptions *options,
                                                           MI_Boolean privacy)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_PACKET_PRIVACY, privacy,
                                           0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetPacketPrivacy(const MI_DestinationOptions *options,
                                                           MI_Boolean *privacy)
{
    MI_Uint32 v = 1;
    MI_Result r = MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_PACKET_PRIVACY, &v,
                                                  NULL, NULL);
    if (r == MI_RESULT_OK && privacy)
        *privacy = v ? MI_TRUE : MI_FALSE;
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_SetPacketIntegrity(MI_DestinationOptions *options,
                                                             MI_Boolean integrity)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_PACKET_INTEGRITY,
                                           integrity, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetPacketEncoding(MI_DestinationOptions *options,
                                                            MI_PacketEncoding encoding)
{
    const MI_Char *s = MI_DESTINATIONOPTIONS_PACKET_ENCODING_DEFAULT;
    if (encoding == MI_PACKETENCODING_UTF8)
        s = MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF8;
    else if (encoding == MI_PACKETENCODING_UTF16)
        s = MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF16;
    else if (encoding != MI_PACKETENCODING_DEFAULT)
        return MI_RESULT_INVALID_PARAMETER;
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_PACKET_ENCODING, s, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetDataLocale(MI_DestinationOptions *options,
                                                        const MI_Char *locale)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_DATA_LOCALE, locale, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetDataLocale(const MI_DestinationOptions *options,
                                                        const MI_Char **locale)
{
    return MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_DATA_LOCALE, locale, NULL,
                                           NULL);
}

MI_INLINE MI_Result MI_DestinationOptions_SetUILocale(MI_DestinationOptions *options,
                                                      const MI_Char *locale)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_UI_LOCALE, locale, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetUILocale(const MI_DestinationOptions *options,
                                                      const MI_Char **locale)
{
    return MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_UI_LOCALE, locale, NULL,
                                           NULL);
}

/* In kilobytes, as the MI API has it. */
MI_INLINE MI_Result MI_DestinationOptions_SetMaxEnvelopeSize(MI_DestinationOptions *options,
                                                             MI_Uint32 sizeInKB)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE,
                                           sizeInKB, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetMaxEnvelopeSize(const MI_DestinationOptions *options,
                                                             MI_Uint32 *sizeInKB)
{
    return MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE,
                                           sizeInKB, NULL, NULL);
}

MI_INLINE MI_Result MI_DestinationOptions_SetEncodePortInSPN(MI_DestinationOptions *options,
                                                             MI_Boolean encodePort)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN,
                                           encodePort, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetHttpUrlPrefix(MI_DestinationOptions *options,
                                                           const MI_Char *prefix)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX, prefix,
                                           0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetHttpUrlPrefix(const MI_DestinationOptions *options,
                                                           const MI_Char **prefix)
{
    return MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX, prefix,
                                           NULL, NULL);
}

MI_INLINE MI_Result MI_DestinationOptions_SetDestinationPort(MI_DestinationOptions *options,
                                                             MI_Uint32 port)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_DESTINATION_PORT, port,
                                           0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetDestinationPort(const MI_DestinationOptions *options,
                                                             MI_Uint32 *port)
{
    return MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_DESTINATION_PORT, port,
                                           NULL, NULL);
}

/* MI_DESTINATIONOPTIONS_TRANSPORT_HTTP or _HTTPS. */
MI_INLINE MI_Result MI_DestinationOptions_SetTransport(MI_DestinationOptions *options,
                                                       const MI_Char *transport)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_TRANSPORT, transport, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetTransport(const MI_DestinationOptions *options,
                                                       const MI_Char **transport)
{
    return MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_TRANSPORT, transport,
                                           NULL, NULL);
}

/* PEM files and a directory of trusted CA certificates (OMI's extensions). */
MI_INLINE MI_Result MI_DestinationOptions_SetTrustedCertsDir(MI_DestinationOptions *options,
                                                             const MI_Char *path)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR, path,
                                           0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetCertFile(MI_DestinationOptions *options,
                                                      const MI_Char *path)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_CERT_FILE, path, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetPrivateKeyFile(MI_DestinationOptions *options,
                                                            const MI_Char *path)
{
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE, path,
                                           0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetProxyType(MI_DestinationOptions *options,
                                                       MI_ProxyType proxyType)
{
    const MI_Char *s;
    switch (proxyType) {
    case MI_PROXYTYPE_IE:
        s = MI_DESTINATIONOPTIONS_PROXY_TYPE_IE;
        break;
    case MI_PROXYTYPE_WINHTTP:
        s = MI_DESTINATIONOPTIONS_PROXY_TYPE_WINHTTP;
        break;
    case MI_PROXYTYPE_AUTO:
        s = MI_DESTINATIONOPTIONS_PROXY_TYPE_AUTO;
        break;
    case MI_PROXYTYPE_NONE:
        s = MI_DESTINATIONOPTIONS_PROXY_TYPE_NONE;
        break;
    default:
        return MI_RESULT_INVALID_PARAMETER;
    }
    return MI_DestinationOptions_SetString(options, MI_DESTINATIONOPTIONS_PROXY_TYPE, s, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_SetImpersonationType(
    MI_DestinationOptions *options, MI_DestinationOptions_ImpersonationType impersonationType)
{
    return MI_DestinationOptions_SetNumber(options, MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE,
                                           (MI_Uint32)impersonationType, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_GetBoolean_(const MI_DestinationOptions *options,
                                                      const MI_Char *name, MI_Boolean *value)
{
    MI_Uint32 v = 0;
    MI_Result r = MI_DestinationOptions_GetNumber(options, name, &v, NULL, NULL);
    if (r == MI_RESULT_OK && value)
        *value = v ? MI_TRUE : MI_FALSE;
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_GetCertRevocationCheck(
    const MI_DestinationOptions *options, MI_Boolean *check)
{
    return MI_DestinationOptions_GetBoolean_(options, MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK,
                                             check);
}

MI_INLINE MI_Result MI_DestinationOptions_GetPacketIntegrity(const MI_DestinationOptions *options,
                                                             MI_Boolean *integrity)
{
    return MI_DestinationOptions_GetBoolean_(options, MI_DESTINATIONOPTIONS_PACKET_INTEGRITY,
                                             integrity);
}

MI_INLINE MI_Result MI_DestinationOptions_GetEncodePortInSPN(const MI_DestinationOptions *options,
                                                             MI_Boolean *encodePort)
{
    return MI_DestinationOptions_GetBoolean_(options, MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN,
                                             encodePort);
}

MI_INLINE MI_Result MI_DestinationOptions_GetPacketEncoding(const MI_DestinationOptions *options,
                                                            MI_PacketEncoding *encoding)
{
    const MI_Char *s = NULL;
    MI_Result r = MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_PACKET_ENCODING,
                                                  &s, NULL, NULL);
    if (r == MI_RESULT_OK && encoding && s) {
        if (s[0] == 'U' && s[1] == 'T' && s[2] == 'F' && s[3] == '8')
            *encoding = MI_PACKETENCODING_UTF8;
        else if (s[0] == 'U' && s[1] == 'T' && s[2] == 'F' && s[3] == '1')
            *encoding = MI_PACKETENCODING_UTF16;
        else
            *encoding = MI_PACKETENCODING_DEFAULT;
    }
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_GetProxyType(const MI_DestinationOptions *options,
                                                       MI_ProxyType *proxyType)
{
    const MI_Char *s = NULL;
    MI_Result r =
        MI_DestinationOptions_GetString(options, MI_DESTINATIONOPTIONS_PROXY_TYPE, &s, NULL, NULL);
    if (r == MI_RESULT_OK && proxyType && s) {
        if (s[0] == 'I')
            *proxyType = MI_PROXYTYPE_IE;
        else if (s[0] == 'W')
            *proxyType = MI_PROXYTYPE_WINHTTP;
        else if (s[0] == 'A')
            *proxyType = MI_PROXYTYPE_AUTO;
        else
            *proxyType = MI_PROXYTYPE_NONE;
    }
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_GetImpersonationType(
    const MI_DestinationOptions *options,
    MI_DestinationOptions_ImpersonationType *impersonationType)
{
    MI_Uint32 v = 0;
    MI_Result r = MI_DestinationOptions_GetNumber(options, MI_DESTINATIONOPTIONS_IMPERSONATION_TYPE,
                                                  &v, NULL, NULL);
    if (r == MI_RESULT_OK && impersonationType)
        *impersonationType = (MI_DestinationOptions_ImpersonationType)v;
    return r;
}

MI_INLINE MI_Result MI_DestinationOptions_AddDestinationCredentials(
    MI_DestinationOptions *options, const MI_UserCredentials *credentials)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->AddCredentials(options, MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS,
                                       credentials, 0);
}

MI_INLINE MI_Result MI_DestinationOptions_AddProxyCredentials(MI_DestinationOptions *options,
                                                              const MI_UserCredentials *credentials)
{
    MI_DESTOPT_CHECK_(options);
    return options->ft->AddCredentials(options, MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS,
                                       credentials, 0);
}

/* ---- Operation options -------------------------------------------------------------------- */

#define MI_OPERATIONOPTIONS_WRITEERRORMODE MI_T("__MI_OPERATIONOPTIONS_WRITEERRORMODE")
#define MI_OPERATIONOPTIONS_PROMPTUSERMODE MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODE")
#define MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE                                         \
    MI_T("__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE")
#define MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE                                                  \
    MI_T("__MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE")
#define MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE                                                  \
    MI_T("__MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE")
#define MI_OPERATIONOPTIONS_CHANNEL MI_T("__MI_OPERATIONOPTIONS_CHANNEL")
#define MI_OPERATIONOPTIONS_TIMEOUT MI_T("__MI_OPERATIONOPTIONS_TIMEOUT")
#define MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX")
#define MI_OPERATIONOPTIONS_RESOURCE_URI MI_T("__MI_OPERATIONOPTIONS_RESOURCE_URI")
#define MI_OPERATIONOPTIONS_USE_MACHINE_ID MI_T("__MI_OPERATIONOPTIONS_USE_MACHINE_ID")

#define MI_OPTOPT_CHECK_(o)                                                                        \
    if (!(o) || !(o)->ft)                                                                          \
    return MI_RESULT_INVALID_PARAMETER

MI_INLINE void MI_OperationOptions_Delete(MI_OperationOptions *options)
{
    if (options && options->ft)
        options->ft->Delete(options);
}

MI_INLINE MI_Result MI_OperationOptions_Clone(const MI_OperationOptions *self,
                                              MI_OperationOptions *newOperationOptions)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->Clone(self, newOperationOptions);
}

MI_INLINE MI_Result MI_OperationOptions_SetString(MI_OperationOptions *options,
                                                  const MI_Char *optionName, const MI_Char *value,
                                                  MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->SetString(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_OperationOptions_GetString(const MI_OperationOptions *options,
                                                  const MI_Char *optionName, const MI_Char **value,
                                                  MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetString(options, optionName, value, index, flags);
}

MI_INLINE MI_Result MI_OperationOptions_SetNumber(MI_OperationOptions *options,
                                                  const MI_Char *optionName, MI_Uint32 value,
                                                  MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->SetNumber(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_OperationOptions_GetNumber(const MI_OperationOptions *options,
                                                  const MI_Char *optionName, MI_Uint32 *value,
                                                  MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetNumber(options, optionName, value, index, flags);
}

/* A custom option travels in the request's <w:OptionSet>. */
MI_INLINE MI_Result MI_OperationOptions_SetCustomOption(MI_OperationOptions *options,
                                                        const MI_Char *optionName,
                                                        MI_Type valueType, const MI_Value *value,
                                                        MI_Boolean mustComply)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->SetCustomOption(options, optionName, valueType, value, mustComply, 0);
}

MI_INLINE MI_Result MI_OperationOptions_GetOptionCount(const MI_OperationOptions *options,
                                                       MI_Uint32 *count)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetOptionCount(options, count);
}

MI_INLINE MI_Result MI_OperationOptions_GetOptionAt(const MI_OperationOptions *options,
                                                    MI_Uint32 index, const MI_Char **optionName,
                                                    MI_Value *value, MI_Type *type,
                                                    MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetOptionAt(options, index, optionName, value, type, flags);
}

MI_INLINE MI_Result MI_OperationOptions_GetOption(const MI_OperationOptions *options,
                                                  const MI_Char *optionName, MI_Value *value,
                                                  MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetOption(options, optionName, value, type, index, flags);
}

MI_INLINE MI_Result MI_OperationOptions_GetEnabledChannels(const MI_OperationOptions *options,
                                                           MI_Uint32 *channels,
                                                           MI_Uint32 bufferLength,
                                                           MI_Uint32 *channelCount,
                                                           MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetEnabledChannels(options, MI_OPERATIONOPTIONS_CHANNEL, channels,
                                           bufferLength, channelCount, flags);
}

MI_INLINE MI_Result MI_OperationOptions_EnableChannel(MI_OperationOptions *options,
                                                      MI_Uint32 channel)
{
    return MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_CHANNEL, channel, 0);
}

MI_INLINE MI_Result MI_OperationOptions_DisableChannel(MI_OperationOptions *options,
                                                       MI_Uint32 channel)
{
    return MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_CHANNEL, channel, 1);
}

MI_INLINE MI_Result MI_OperationOptions_SetInterval(MI_OperationOptions *options,
                                                    const MI_Char *optionName,
                                                    const MI_Interval *value, MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->SetInterval(options, optionName, value, flags);
}

MI_INLINE MI_Result MI_OperationOptions_GetInterval(const MI_OperationOptions *options,
                                                    const MI_Char *optionName, MI_Interval *value,
                                                    MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(options);
    return options->ft->GetInterval(options, optionName, value, index, flags);
}

#define MI_SUBSCRIPTIONDELIVERYOPTIONS_EXPIRATION_TIME                                             \
    MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_EXPIRATION_TIME")
#define MI_SUBSCRIPTIONDELIVERYOPTIONS_HEARTBEAT_INTERVAL                                          \
    MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_HEARTBEAT_INTERVAL")
#define MI_SUBSCRIPTIONDELIVERYOPTIONS_BOOKMARK                                                    \
    MI_T("__MI_SUBSCRIPTIONDELIVERYOPTIONS_SET_BOOKMARK")
/* The bookmarks MI_SubscriptionDeliveryOptions_SetBookmark takes besides one an indication
 * came with: from the earliest indication the source still has, or from now. */
#define MI_SUBSCRIBE_BOOKMARK_OLDEST MI_T("MI_SUBSCRIBE_BOOKMARK_OLDEST")
#define MI_SUBSCRIBE_BOOKMARK_NEWEST MI_T("MI_SUBSCRIBE_BOOKMARK_NEWEST")

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_Delete(MI_SubscriptionDeliveryOptions *self)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->Delete(self);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_Clone(const MI_SubscriptionDeliveryOptions *self,
                                                         MI_SubscriptionDeliveryOptions *newOptions)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->Clone(self, newOptions);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetString(MI_SubscriptionDeliveryOptions *self,
                                                             const MI_Char *optionName,
                                                             const MI_Char *value, MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->SetString(self, optionName, value, flags);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetNumber(MI_SubscriptionDeliveryOptions *self,
                                                             const MI_Char *optionName,
                                                             MI_Uint32 value, MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->SetNumber(self, optionName, value, flags);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetDateTime(MI_SubscriptionDeliveryOptions *self,
                                                               const MI_Char *optionName,
                                                               const MI_Datetime *value,
                                                               MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->SetDateTime(self, optionName, value, flags);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetInterval(MI_SubscriptionDeliveryOptions *self,
                                                               const MI_Char *optionName,
                                                               const MI_Interval *value,
                                                               MI_Uint32 flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->SetInterval(self, optionName, value, flags);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_GetDateTime(
    const MI_SubscriptionDeliveryOptions *self, const MI_Char *optionName, MI_Datetime *value,
    MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->GetDateTime(self, optionName, value, index, flags);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_GetInterval(
    const MI_SubscriptionDeliveryOptions *self, const MI_Char *optionName, MI_Interval *value,
    MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->GetInterval(self, optionName, value, index, flags);
}

/* When the subscription ends: a time (MI_Datetime timestamp) or how long from its start (an
 * interval); the server may grant less. */
MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetExpirationTime(
    MI_SubscriptionDeliveryOptions *self, const MI_Datetime *value)
{
    return MI_SubscriptionDeliveryOptions_SetDateTime(
        self, MI_SUBSCRIPTIONDELIVERYOPTIONS_EXPIRATION_TIME, value, 0);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_GetExpirationTime(
    const MI_SubscriptionDeliveryOptions *self, MI_Datetime *value)
{
    return MI_SubscriptionDeliveryOptions_GetDateTime(
        self, MI_SUBSCRIPTIONDELIVERYOPTIONS_EXPIRATION_TIME, value, NULL, NULL);
}

/* How long the server may wait with nothing to deliver before answering a Pull without
 * indications (WS-Management's heartbeats). */
MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(
    MI_SubscriptionDeliveryOptions *self, const MI_Interval *value)
{
    return MI_SubscriptionDeliveryOptions_SetInterval(
        self, MI_SUBSCRIPTIONDELIVERYOPTIONS_HEARTBEAT_INTERVAL, value, 0);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_GetHeartbeatInterval(
    const MI_SubscriptionDeliveryOptions *self, MI_Interval *value)
{
    return MI_SubscriptionDeliveryOptions_GetInterval(
        self, MI_SUBSCRIPTIONDELIVERYOPTIONS_HEARTBEAT_INTERVAL, value, NULL, NULL);
}

/* Asks the server for bookmarks with the indications (w:SendBookmarks) and resumes the
 * subscription from bookmark: one an indication came with (w:Bookmark), or
 * MI_SUBSCRIBE_BOOKMARK_OLDEST (DSP0226's .../bookmark/earliest) or _NEWEST (from now: no
 * w:Bookmark). The bookmark is copied. */
MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_SetBookmark(MI_SubscriptionDeliveryOptions *self,
                                                               const MI_Char *bookmark)
{
    return MI_SubscriptionDeliveryOptions_SetString(self, MI_SUBSCRIPTIONDELIVERYOPTIONS_BOOKMARK,
                                                    bookmark, 0);
}

MI_INLINE MI_Result MI_SubscriptionDeliveryOptions_GetBookmark(
    const MI_SubscriptionDeliveryOptions *self, const MI_Char **bookmark)
{
    MI_OPTOPT_CHECK_(self);
    return self->ft->GetString(self, MI_SUBSCRIPTIONDELIVERYOPTIONS_BOOKMARK, bookmark, NULL, NULL);
}

MI_INLINE MI_Result MI_OperationOptions_SetTimeout(MI_OperationOptions *options,
                                                   const MI_Interval *timeout)
{
    return MI_OperationOptions_SetInterval(options, MI_OPERATIONOPTIONS_TIMEOUT, timeout, 0);
}

MI_INLINE MI_Result MI_OperationOptions_GetTimeout(const MI_OperationOptions *options,
                                                   MI_Interval *timeout)
{
    return MI_OperationOptions_GetInterval(options, MI_OPERATIONOPTIONS_TIMEOUT, timeout, NULL,
                                           NULL);
}

MI_INLINE MI_Result MI_OperationOptions_SetResourceUriPrefix(MI_OperationOptions *options,
                                                             const MI_Char *prefix)
{
    return MI_OperationOptions_SetString(options, MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX, prefix,
                                         0);
}

MI_INLINE MI_Result MI_OperationOptions_GetResourceUriPrefix(const MI_OperationOptions *options,
                                                             const MI_Char **prefix)
{
    return MI_OperationOptions_GetString(options, MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX, prefix,
                                         NULL, NULL);
}

MI_INLINE MI_Result MI_OperationOptions_SetResourceUri(MI_OperationOptions *options,
                                                       const MI_Char *uri)
{
    return MI_OperationOptions_SetString(options, MI_OPERATIONOPTIONS_RESOURCE_URI, uri, 0);
}

MI_INLINE MI_Result MI_OperationOptions_GetResourceUri(const MI_OperationOptions *options,
                                                       const MI_Char **uri)
{
    return MI_OperationOptions_GetString(options, MI_OPERATIONOPTIONS_RESOURCE_URI, uri, NULL,
                                         NULL);
}

MI_INLINE MI_Result MI_OperationOptions_SetUseMachineID(MI_OperationOptions *options,
                                                        MI_Boolean machineID)
{
    return MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_USE_MACHINE_ID, machineID, 0);
}

MI_INLINE MI_Result MI_OperationOptions_SetWriteErrorMode(MI_OperationOptions *options,
                                                          MI_CallbackMode mode)
{
    return MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_WRITEERRORMODE,
                                         (MI_Uint32)mode, 0);
}

MI_INLINE MI_Result MI_OperationOptions_SetPromptUserMode(MI_OperationOptions *options,
                                                          MI_CallbackMode mode)
{
    return MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_PROMPTUSERMODE,
                                         (MI_Uint32)mode, 0);
}

MI_INLINE MI_Result MI_OperationOptions_SetProviderArchitecture(
    MI_OperationOptions *options, MI_ProviderArchitecture architecture, MI_Boolean mustComply)
{
    MI_Result r = MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE,
                                                (MI_Uint32)architecture, 0);
    if (r == MI_RESULT_OK)
        r = MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE,
                                          mustComply, 0);
    return r;
}

MI_INLINE MI_Result MI_OperationOptions_GetWriteErrorMode(const MI_OperationOptions *options,
                                                          MI_CallbackMode *mode)
{
    MI_Uint32 v = 0;
    MI_Result r =
        MI_OperationOptions_GetNumber(options, MI_OPERATIONOPTIONS_WRITEERRORMODE, &v, NULL, NULL);
    if (r == MI_RESULT_OK && mode)
        *mode = (MI_CallbackMode)v;
    return r;
}

MI_INLINE MI_Result MI_OperationOptions_GetPromptUserMode(const MI_OperationOptions *options,
                                                          MI_CallbackMode *mode)
{
    MI_Uint32 v = 0;
    MI_Result r =
        MI_OperationOptions_GetNumber(options, MI_OPERATIONOPTIONS_PROMPTUSERMODE, &v, NULL, NULL);
    if (r == MI_RESULT_OK && mode)
        *mode = (MI_CallbackMode)v;
    return r;
}

MI_INLINE MI_Result MI_OperationOptions_SetPromptUserRegularMode(MI_OperationOptions *options,
                                                                 MI_CallbackMode mode,
                                                                 MI_Boolean ackValue)
{
    MI_Result r = MI_OperationOptions_SetNumber(options, MI_OPERATIONOPTIONS_PROMPTUSERMODE,
                                                (MI_Uint32)mode, 0);
    if (r == MI_RESULT_OK)
        r = MI_OperationOptions_SetNumber(
            options, MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE, ackValue, 0);
    return r;
}

MI_INLINE MI_Result MI_OperationOptions_GetProviderArchitecture(
    const MI_OperationOptions *options, MI_ProviderArchitecture *architecture,
    MI_Boolean *mustComply)
{
    MI_Uint32 a = 0, m = 0;
    MI_Result r = MI_OperationOptions_GetNumber(options, MI_OPERATIONOPTIONS_PROVIDER_ARCHITECTURE,
                                                &a, NULL, NULL);
    if (r == MI_RESULT_OK)
        r = MI_OperationOptions_GetNumber(options, MI_OPERATIONOPTIONS_REQUIRED_ARCHITECTURE, &m,
                                          NULL, NULL);
    if (r == MI_RESULT_OK) {
        if (architecture)
            *architecture = (MI_ProviderArchitecture)a;
        if (mustComply)
            *mustComply = m ? MI_TRUE : MI_FALSE;
    }
    return r;
}

MI_INLINE MI_Result MI_OperationOptions_GetUseMachineID(const MI_OperationOptions *options,
                                                        MI_Boolean *machineID)
{
    MI_Uint32 v = 0;
    MI_Result r =
        MI_OperationOptions_GetNumber(options, MI_OPERATIONOPTIONS_USE_MACHINE_ID, &v, NULL, NULL);
    if (r == MI_RESULT_OK && machineID)
        *machineID = v ? MI_TRUE : MI_FALSE;
    return r;
}

/* ---- Provider side ------------------------------------------------------------------------
 * The half of the MI API a provider is written against: the module a provider library hands
 * its host from MI_Main, the function table each class's declaration points at, and the
 * context through which the provider answers. The layouts are those of OMI's MI.h on the
 * same platform (tests/test_provider_abi checks the x86_64 offsets), so one shared object
 * built against <mofbind/mi.h> loads in mofbind-server and in OMI alike. libmofbind, the
 * client library, implements none of it: a provider host does (mofbind-server's). */

typedef struct _MI_PropertySet MI_PropertySet;
typedef struct _MI_PropertySetFT MI_PropertySetFT;
typedef struct _MI_Filter MI_Filter;
typedef struct _MI_FilterFT MI_FilterFT;
typedef struct _MI_ServerFT MI_ServerFT;
typedef struct _MI_ContextFT MI_ContextFT;
typedef struct _MI_Module_Self MI_Module_Self; /* the provider's own, opaque to the host */
typedef struct _MI_LifecycleIndicationContext MI_LifecycleIndicationContext; /* not provided */

/* The set of property names an operation asks for (NULL: every property). */
struct _MI_PropertySetFT {
    MI_Result(MI_CALL *GetElementCount)(const MI_PropertySet *self, MI_Uint32 *count);
    MI_Result(MI_CALL *ContainsElement)(const MI_PropertySet *self, const MI_Char *name,
                                        MI_Boolean *flag);
    MI_Result(MI_CALL *AddElement)(MI_PropertySet *self, const MI_Char *name);
    MI_Result(MI_CALL *GetElementAt)(const MI_PropertySet *self, MI_Uint32 index,
                                     const MI_Char **name);
    MI_Result(MI_CALL *Clear)(MI_PropertySet *self);
    MI_Result(MI_CALL *Destruct)(MI_PropertySet *self);
    MI_Result(MI_CALL *Delete)(MI_PropertySet *self);
    MI_Result(MI_CALL *Clone)(const MI_PropertySet *self, MI_PropertySet **newPropertySet);
};

struct _MI_PropertySet {
    const MI_PropertySetFT *ft;
    ptrdiff_t reserved[3];
};

/* The inline wrappers: each calls through self->ft, MI_RESULT_INVALID_PARAMETER without. */
#define MI_PROPERTYSET_CALL_(s, call) ((s) && (s)->ft ? (s)->ft->call : MI_RESULT_INVALID_PARAMETER)
MI_INLINE MI_Result MI_PropertySet_GetElementCount(const MI_PropertySet *self, MI_Uint32 *count)
{
    return MI_PROPERTYSET_CALL_(self, GetElementCount(self, count));
}
MI_INLINE MI_Result MI_PropertySet_ContainsElement(const MI_PropertySet *self, const MI_Char *name,
                                                   MI_Boolean *flag)
{
    return MI_PROPERTYSET_CALL_(self, ContainsElement(self, name, flag));
}
MI_INLINE MI_Result MI_PropertySet_AddElement(MI_PropertySet *self, const MI_Char *name)
{
    return MI_PROPERTYSET_CALL_(self, AddElement(self, name));
}
MI_INLINE MI_Result MI_PropertySet_GetElementAt(const MI_PropertySet *self, MI_Uint32 index,
                                                const MI_Char **name)
{
    return MI_PROPERTYSET_CALL_(self, GetElementAt(self, index, name));
}
MI_INLINE MI_Result MI_PropertySet_Clear(MI_PropertySet *self)
{
    return MI_PROPERTYSET_CALL_(self, Clear(self));
}
MI_INLINE MI_Result MI_PropertySet_Destruct(MI_PropertySet *self)
{
    return MI_PROPERTYSET_CALL_(self, Destruct(self));
}
MI_INLINE MI_Result MI_PropertySet_Delete(MI_PropertySet *self)
{
    return MI_PROPERTYSET_CALL_(self, Delete(self));
}
MI_INLINE MI_Result MI_PropertySet_Clone(const MI_PropertySet *self,
                                         MI_PropertySet **newPropertySet)
{
    return MI_PROPERTYSET_CALL_(self, Clone(self, newPropertySet));
}

/* A query an enumeration or a subscription carries (NULL: none). */
struct _MI_FilterFT {
    MI_Result(MI_CALL *Evaluate)(const MI_Filter *self, const MI_Instance *instance,
                                 MI_Boolean *result);
    MI_Result(MI_CALL *GetExpression)(const MI_Filter *self, const MI_Char **queryLang,
                                      const MI_Char **queryExpr);
};

struct _MI_Filter {
    const MI_FilterFT *ft;
    ptrdiff_t reserved[3];
};

MI_INLINE MI_Result MI_Filter_Evaluate(const MI_Filter *self, const MI_Instance *instance,
                                       MI_Boolean *result)
{
    return self && self->ft ? self->ft->Evaluate(self, instance, result)
                            : MI_RESULT_INVALID_PARAMETER;
}

MI_INLINE MI_Result MI_Filter_GetExpression(const MI_Filter *self, const MI_Char **queryLang,
                                            const MI_Char **queryExpr)
{
    return self && self->ft ? self->ft->GetExpression(self, queryLang, queryExpr)
                            : MI_RESULT_INVALID_PARAMETER;
}

struct _MI_ServerFT {
    MI_Result(MI_CALL *GetVersion)(MI_Uint32 *version);
    MI_Result(MI_CALL *GetSystemName)(const MI_Char **systemName);
};

/* What the host passes MI_Main: its own function tables. */
struct _MI_Server {
    const MI_ServerFT *serverFT;
    const MI_ContextFT *contextFT;
    const MI_InstanceFT *instanceFT;
    const MI_PropertySetFT *propertySetFT;
    const MI_FilterFT *filterFT;
};

/* The provider's entry points for one class. Each answers through its context: zero or more
 * PostInstance, then exactly one PostResult (or PostError/PostCimError), from the calling
 * thread or later from another one. An entry may be NULL: the host then answers
 * MI_RESULT_NOT_SUPPORTED. self is what Load stored. */
typedef void(MI_CALL *MI_ProviderFT_Load)(void **self, MI_Module_Self *selfModule,
                                          MI_Context *context);
typedef void(MI_CALL *MI_ProviderFT_Unload)(void *self, MI_Context *context);
typedef void(MI_CALL *MI_ProviderFT_GetInstance)(void *self, MI_Context *context,
                                                 const MI_Char *nameSpace, const MI_Char *className,
                                                 const MI_Instance *instanceName,
                                                 const MI_PropertySet *propertySet);
typedef void(MI_CALL *MI_ProviderFT_EnumerateInstances)(
    void *self, MI_Context *context, const MI_Char *nameSpace, const MI_Char *className,
    const MI_PropertySet *propertySet, MI_Boolean keysOnly, const MI_Filter *filter);
typedef void(MI_CALL *MI_ProviderFT_CreateInstance)(void *self, MI_Context *context,
                                                    const MI_Char *nameSpace,
                                                    const MI_Char *className,
                                                    const MI_Instance *newInstance);
typedef void(MI_CALL *MI_ProviderFT_ModifyInstance)(void *self, MI_Context *context,
                                                    const MI_Char *nameSpace,
                                                    const MI_Char *className,
                                                    const MI_Instance *modifiedInstance,
                                                    const MI_PropertySet *propertySet);
typedef void(MI_CALL *MI_ProviderFT_DeleteInstance)(void *self, MI_Context *context,
                                                    const MI_Char *nameSpace,
                                                    const MI_Char *className,
                                                    const MI_Instance *instanceName);
typedef void(MI_CALL *MI_ProviderFT_AssociatorInstances)(
    void *self, MI_Context *context, const MI_Char *nameSpace, const MI_Char *className,
    const MI_Instance *instanceName, const MI_Char *resultClass, const MI_Char *role,
    const MI_Char *resultRole, const MI_PropertySet *propertySet, MI_Boolean keysOnly,
    const MI_Filter *filter);
typedef void(MI_CALL *MI_ProviderFT_ReferenceInstances)(
    void *self, MI_Context *context, const MI_Char *nameSpace, const MI_Char *className,
    const MI_Instance *instanceName, const MI_Char *role, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter);
typedef void(MI_CALL *MI_ProviderFT_EnableIndications)(void *self, MI_Context *indicationsContext,
                                                       const MI_Char *nameSpace,
                                                       const MI_Char *className);
typedef void(MI_CALL *MI_ProviderFT_DisableIndications)(void *self, MI_Context *indicationsContext,
                                                        const MI_Char *nameSpace,
                                                        const MI_Char *className);
typedef void(MI_CALL *MI_ProviderFT_Subscribe)(void *self, MI_Context *context,
                                               const MI_Char *nameSpace, const MI_Char *className,
                                               const MI_Filter *filter, const MI_Char *bookmark,
                                               MI_Uint64 subscriptionID, void **subscriptionSelf);
typedef void(MI_CALL *MI_ProviderFT_Unsubscribe)(void *self, MI_Context *context,
                                                 const MI_Char *nameSpace, const MI_Char *className,
                                                 MI_Uint64 subscriptionID, void *subscriptionSelf);
typedef void(MI_CALL *MI_ProviderFT_Invoke)(void *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_Char *methodName,
                                            const MI_Instance *instanceName,
                                            const MI_Instance *inputParameters);

struct _MI_ProviderFT {
    MI_ProviderFT_Load Load;
    MI_ProviderFT_Unload Unload;
    MI_ProviderFT_GetInstance GetInstance;
    MI_ProviderFT_EnumerateInstances EnumerateInstances;
    MI_ProviderFT_CreateInstance CreateInstance;
    MI_ProviderFT_ModifyInstance ModifyInstance;
    MI_ProviderFT_DeleteInstance DeleteInstance;
    MI_ProviderFT_AssociatorInstances AssociatorInstances;
    MI_ProviderFT_ReferenceInstances ReferenceInstances;
    MI_ProviderFT_EnableIndications EnableIndications;
    MI_ProviderFT_DisableIndications DisableIndications;
    MI_ProviderFT_Subscribe Subscribe;
    MI_ProviderFT_Unsubscribe Unsubscribe;
    MI_ProviderFT_Invoke Invoke;
};

/* MI_Module.flags: what the generator put into the tables. */
#define MI_MODULE_FLAG_STANDARD_QUALIFIERS (1 << 0)
#define MI_MODULE_FLAG_DESCRIPTIONS (1 << 1)
#define MI_MODULE_FLAG_VALUES (1 << 2)
#define MI_MODULE_FLAG_MAPPING_STRINGS (1 << 3)
#define MI_MODULE_FLAG_BOOLEANS (1 << 4)
#define MI_MODULE_FLAG_CPLUSPLUS (1 << 5)
#define MI_MODULE_FLAG_LOCALIZED (1 << 6)
#define MI_MODULE_FLAG_FILTER_SUPPORT (1 << 7)

typedef void(MI_CALL *MI_Module_Load)(MI_Module_Self **self, MI_Context *context);
typedef void(MI_CALL *MI_Module_Unload)(MI_Module_Self *self, MI_Context *context);

/* What MI_Main returns: the provider library as a whole. The host checks charSize
 * (sizeof(MI_Char)) and the major version, then finds each class's providerFT in schemaDecl. */
struct _MI_Module {
    MI_Uint32 version;          /* MI_VERSION the provider was built with */
    MI_Uint32 generatorVersion; /* MI_VERSION of the generator */
    MI_Uint32 flags;            /* MI_MODULE_FLAG_... */
    MI_Uint32 charSize;         /* sizeof(MI_Char) */
    MI_SchemaDecl *schemaDecl;
    MI_Module_Load Load;
    MI_Module_Unload Unload;
    const MI_ProviderFT *dynamicProviderFT; /* not used by mofbind-server */
};

#define MI_MAX_LOCALE_SIZE 128

typedef enum _MI_LocaleType {
    MI_LOCALE_TYPE_REQUESTED_UI = 0,
    MI_LOCALE_TYPE_REQUESTED_DATA = 1,
    MI_LOCALE_TYPE_CLOSEST_UI = 2,
    MI_LOCALE_TYPE_CLOSEST_DATA = 3
} MI_LocaleType;

typedef void(MI_CALL *MI_CancelCallback)(MI_CancellationReason reason, void *callbackData);

/* MI_Context_PostError's resultType: the space resultCode is a code of. */
#define MI_RESULT_TYPE_MI MI_T("MI")
#define MI_RESULT_TYPE_HRESULT MI_T("HRESULT")
#define MI_RESULT_TYPE_WIN32 MI_T("WIN32")
#define MI_RESULT_TYPE_ERRNO MI_T("ERRNO")
#define MI_RESULT_TYPE_WINRM MI_T("WINRM")

/* The host's answers to a provider. mofbind-server's host implements PostResult, PostInstance,
 * PostIndication (on the context EnableIndications gave, from any thread until
 * DisableIndications), PostError, PostCimError, NewInstance, NewDynamicInstance, NewParameters,
 * ConstructInstance and ConstructParameters (in the caller's memory laid out as OMI's generated
 * structs), Canceled, WriteMessage/WriteError/WriteProgress (logged),
 * ShouldContinue/ShouldProcess (yes), RequestUnload, RefuseUnload and GetLocalSession (a
 * session to the same server, owned by the host: do not close it); the others return
 * MI_RESULT_NOT_SUPPORTED. Instances a provider posts are copied: the provider keeps and frees
 * its own. */
struct _MI_ContextFT {
    MI_Result(MI_CALL *PostResult)(MI_Context *context, MI_Result result);
    MI_Result(MI_CALL *PostInstance)(MI_Context *context, const MI_Instance *instance);
    MI_Result(MI_CALL *PostIndication)(MI_Context *context, const MI_Instance *indication,
                                       MI_Uint32 subscriptionIDCount, const MI_Char *bookmark);
    MI_Result(MI_CALL *ConstructInstance)(MI_Context *context, const MI_ClassDecl *classDecl,
                                          MI_Instance *instance);
    MI_Result(MI_CALL *ConstructParameters)(MI_Context *context, const MI_MethodDecl *methodDecl,
                                            MI_Instance *instance);
    MI_Result(MI_CALL *NewInstance)(MI_Context *context, const MI_ClassDecl *classDecl,
                                    MI_Instance **instance);
    MI_Result(MI_CALL *NewDynamicInstance)(MI_Context *context, const MI_Char *className,
                                           MI_Uint32 flags, MI_Instance **instance);
    MI_Result(MI_CALL *NewParameters)(MI_Context *context, const MI_MethodDecl *methodDecl,
                                      MI_Instance **instance);
    MI_Result(MI_CALL *Canceled)(const MI_Context *context, MI_Boolean *flag);
    MI_Result(MI_CALL *GetLocale)(const MI_Context *context, MI_LocaleType localeType,
                                  MI_Char locale[MI_MAX_LOCALE_SIZE]);
    MI_Result(MI_CALL *RegisterCancel)(MI_Context *context, MI_CancelCallback callback,
                                       void *callbackData);
    MI_Result(MI_CALL *RequestUnload)(MI_Context *context);
    MI_Result(MI_CALL *RefuseUnload)(MI_Context *context);
    MI_Result(MI_CALL *GetLocalSession)(const MI_Context *context, MI_Session *session);
    MI_Result(MI_CALL *SetStringOption)(MI_Context *context, const MI_Char *name,
                                        const MI_Char *value);
    MI_Result(MI_CALL *GetStringOption)(MI_Context *context, const MI_Char *name,
                                        const MI_Char **value);
    MI_Result(MI_CALL *GetNumberOption)(MI_Context *context, const MI_Char *name, MI_Uint32 *value);
    MI_Result(MI_CALL *GetCustomOption)(MI_Context *context, const MI_Char *name,
                                        MI_Type *valueType, MI_Value *value);
    MI_Result(MI_CALL *GetCustomOptionCount)(MI_Context *context, MI_Uint32 *count);
    MI_Result(MI_CALL *GetCustomOptionAt)(MI_Context *context, MI_Uint32 index,
                                          const MI_Char **name, MI_Type *valueType,
                                          MI_Value *value);
    MI_Result(MI_CALL *WriteMessage)(MI_Context *context, MI_Uint32 channel,
                                     const MI_Char *message);
    MI_Result(MI_CALL *WriteProgress)(MI_Context *context, const MI_Char *activity,
                                      const MI_Char *currentOperation,
                                      const MI_Char *statusDescription, MI_Uint32 percentComplete,
                                      MI_Uint32 secondsRemaining);
    MI_Result(MI_CALL *WriteStreamParameter)(MI_Context *context, const MI_Char *name,
                                             const MI_Value *value, MI_Type type, MI_Uint32 flags);
    MI_Result(MI_CALL *WriteCimError)(MI_Context *context, const MI_Instance *error,
                                      MI_Boolean *flag);
    MI_Result(MI_CALL *PromptUser)(MI_Context *context, const MI_Char *message,
                                   MI_PromptType promptType, MI_Boolean *result);
    MI_Result(MI_CALL *ShouldProcess)(MI_Context *context, const MI_Char *target,
                                      const MI_Char *action, MI_Boolean *result);
    MI_Result(MI_CALL *ShouldContinue)(MI_Context *context, const MI_Char *message,
                                       MI_Boolean *result);
    MI_Result(MI_CALL *PostError)(MI_Context *context, MI_Uint32 resultCode,
                                  const MI_Char *resultType, const MI_Char *errorMessage);
    MI_Result(MI_CALL *PostCimError)(MI_Context *context, const MI_Instance *error);
    MI_Result(MI_CALL *WriteError)(MI_Context *context, MI_Uint32 resultCode,
                                   const MI_Char *resultType, const MI_Char *errorMessage,
                                   MI_Boolean *flag);
    MI_Result(MI_CALL *GetLifecycleIndicationContext)(
        const MI_Context *context, MI_LifecycleIndicationContext **lifecycleContext);
};

struct _MI_Context {
    const MI_ContextFT *ft;
    ptrdiff_t reserved[3]; /* the host's */
};

/* The inline wrappers: each calls through context->ft, MI_RESULT_INVALID_PARAMETER without. */
#define MI_CONTEXT_CALL_(c, call) ((c) && (c)->ft ? (c)->ft->call : MI_RESULT_INVALID_PARAMETER)

MI_INLINE MI_Result MI_Context_PostResult(MI_Context *context, MI_Result result)
{
    return MI_CONTEXT_CALL_(context, PostResult(context, result));
}
MI_INLINE MI_Result MI_Context_PostInstance(MI_Context *context, const MI_Instance *instance)
{
    return MI_CONTEXT_CALL_(context, PostInstance(context, instance));
}
MI_INLINE MI_Result MI_Context_PostIndication(MI_Context *context, const MI_Instance *indication,
                                              MI_Uint32 subscriptionIDCount,
                                              const MI_Char *bookmark)
{
    return MI_CONTEXT_CALL_(context,
                            PostIndication(context, indication, subscriptionIDCount, bookmark));
}
MI_INLINE MI_Result MI_Context_PostError(MI_Context *context, MI_Uint32 resultCode,
                                         const MI_Char *resultType, const MI_Char *errorMessage)
{
    return MI_CONTEXT_CALL_(context, PostError(context, resultCode, resultType, errorMessage));
}
MI_INLINE MI_Result MI_Context_PostCimError(MI_Context *context, const MI_Instance *error)
{
    return MI_CONTEXT_CALL_(context, PostCimError(context, error));
}
MI_INLINE MI_Result MI_Context_ConstructInstance(MI_Context *context, const MI_ClassDecl *classDecl,
                                                 MI_Instance *instance)
{
    return MI_CONTEXT_CALL_(context, ConstructInstance(context, classDecl, instance));
}
MI_INLINE MI_Result MI_Context_ConstructParameters(MI_Context *context,
                                                   const MI_MethodDecl *methodDecl,
                                                   MI_Instance *instance)
{
    return MI_CONTEXT_CALL_(context, ConstructParameters(context, methodDecl, instance));
}
MI_INLINE MI_Result MI_Context_NewInstance(MI_Context *context, const MI_ClassDecl *classDecl,
                                           MI_Instance **instance)
{
    return MI_CONTEXT_CALL_(context, NewInstance(context, classDecl, instance));
}
MI_INLINE MI_Result MI_Context_NewDynamicInstance(MI_Context *context, const MI_Char *className,
                                                  MI_Uint32 flags, MI_Instance **instance)
{
    return MI_CONTEXT_CALL_(context, NewDynamicInstance(context, className, flags, instance));
}
MI_INLINE MI_Result MI_Context_NewParameters(MI_Context *context, const MI_MethodDecl *methodDecl,
                                             MI_Instance **instance)
{
    return MI_CONTEXT_CALL_(context, NewParameters(context, methodDecl, instance));
}
MI_INLINE MI_Result MI_Context_Canceled(const MI_Context *context, MI_Boolean *flag)
{
    return MI_CONTEXT_CALL_(context, Canceled(context, flag));
}
MI_INLINE MI_Result MI_Context_GetLocale(const MI_Context *context, MI_LocaleType localeType,
                                         MI_Char locale[MI_MAX_LOCALE_SIZE])
{
    return MI_CONTEXT_CALL_(context, GetLocale(context, localeType, locale));
}
MI_INLINE MI_Result MI_Context_RegisterCancel(MI_Context *context, MI_CancelCallback callback,
                                              void *callbackData)
{
    return MI_CONTEXT_CALL_(context, RegisterCancel(context, callback, callbackData));
}
MI_INLINE MI_Result MI_Context_RequestUnload(MI_Context *context)
{
    return MI_CONTEXT_CALL_(context, RequestUnload(context));
}
MI_INLINE MI_Result MI_Context_RefuseUnload(MI_Context *context)
{
    return MI_CONTEXT_CALL_(context, RefuseUnload(context));
}
MI_INLINE MI_Result MI_Context_GetLocalSession(const MI_Context *context, MI_Session *session)
{
    return MI_CONTEXT_CALL_(context, GetLocalSession(context, session));
}
MI_INLINE MI_Result MI_Context_SetStringOption(MI_Context *context, const MI_Char *name,
                                               const MI_Char *value)
{
    return MI_CONTEXT_CALL_(context, SetStringOption(context, name, value));
}
MI_INLINE MI_Result MI_Context_GetStringOption(MI_Context *context, const MI_Char *name,
                                               const MI_Char **value)
{
    return MI_CONTEXT_CALL_(context, GetStringOption(context, name, value));
}
MI_INLINE MI_Result MI_Context_GetNumberOption(MI_Context *context, const MI_Char *name,
                                               MI_Uint32 *value)
{
    return MI_CONTEXT_CALL_(context, GetNumberOption(context, name, value));
}
MI_INLINE MI_Result MI_Context_GetCustomOption(MI_Context *context, const MI_Char *name,
                                               MI_Type *valueType, MI_Value *value)
{
    return MI_CONTEXT_CALL_(context, GetCustomOption(context, name, valueType, value));
}
MI_INLINE MI_Result MI_Context_GetCustomOptionCount(MI_Context *context, MI_Uint32 *count)
{
    return MI_CONTEXT_CALL_(context, GetCustomOptionCount(context, count));
}
MI_INLINE MI_Result MI_Context_GetCustomOptionAt(MI_Context *context, MI_Uint32 index,
                                                 const MI_Char **name, MI_Type *valueType,
                                                 MI_Value *value)
{
    return MI_CONTEXT_CALL_(context, GetCustomOptionAt(context, index, name, valueType, value));
}
MI_INLINE MI_Result MI_Context_WriteMessage(MI_Context *context, MI_Uint32 channel,
                                            const MI_Char *message)
{
    return MI_CONTEXT_CALL_(context, WriteMessage(context, channel, message));
}
MI_INLINE MI_Result MI_Context_WriteWarning(MI_Context *context, const MI_Char *message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_WARNING, message);
}
MI_INLINE MI_Result MI_Context_WriteVerbose(MI_Context *context, const MI_Char *message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_VERBOSE, message);
}
MI_INLINE MI_Result MI_Context_WriteDebug(MI_Context *context, const MI_Char *message)
{
    return MI_Context_WriteMessage(context, MI_WRITEMESSAGE_CHANNEL_DEBUG, message);
}
MI_INLINE MI_Result MI_Context_WriteProgress(MI_Context *context, const MI_Char *activity,
                                             const MI_Char *currentOperation,
                                             const MI_Char *statusDescription,
                                             MI_Uint32 percentComplete, MI_Uint32 secondsRemaining)
{
    return MI_CONTEXT_CALL_(context,
                            WriteProgress(context, activity, currentOperation, statusDescription,
                                          percentComplete, secondsRemaining));
}
MI_INLINE MI_Result MI_Context_WriteStreamParameter(MI_Context *context, const MI_Char *name,
                                                    const MI_Value *value, MI_Type type,
                                                    MI_Uint32 flags)
{
    return MI_CONTEXT_CALL_(context, WriteStreamParameter(context, name, value, type, flags));
}
MI_INLINE MI_Result MI_Context_WriteCimError(MI_Context *context, const MI_Instance *error,
                                             MI_Boolean *flag)
{
    return MI_CONTEXT_CALL_(context, WriteCimError(context, error, flag));
}
MI_INLINE MI_Result MI_Context_WriteError(MI_Context *context, MI_Uint32 resultCode,
                                          const MI_Char *resultType, const MI_Char *errorMessage,
                                          MI_Boolean *flag)
{
    return MI_CONTEXT_CALL_(context,
                            WriteError(context, resultCode, resultType, errorMessage, flag));
}
MI_INLINE MI_Result MI_Context_PromptUser(MI_Context *context, const MI_Char *message,
                                          MI_PromptType promptType, MI_Boolean *result)
{
    return MI_CONTEXT_CALL_(context, PromptUser(context, message, promptType, result));
}
MI_INLINE MI_Result MI_Context_ShouldProcess(MI_Context *context, const MI_Char *target,
                                             const MI_Char *action, MI_Boolean *result)
{
    return MI_CONTEXT_CALL_(context, ShouldProcess(context, target, action, result));
}
MI_INLINE MI_Result MI_Context_ShouldContinue(MI_Context *context, const MI_Char *message,
                                              MI_Boolean *result)
{
    return MI_CONTEXT_CALL_(context, ShouldContinue(context, message, result));
}
MI_INLINE MI_Result MI_Context_GetLifecycleIndicationContext(
    const MI_Context *context, MI_LifecycleIndicationContext **lifecycleContext)
{
    return MI_CONTEXT_CALL_(context, GetLifecycleIndicationContext(context, lifecycleContext));
}

#ifdef __cplusplus
}
#endif

#endif /* MOFBIND_MI_H */
