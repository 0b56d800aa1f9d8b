/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman.h: the WS-Management codec shared by the client runtime and mofbind-server.
 *
 * One dialect on both sides of the wire: the runtime writes requests with wsman_write_request()
 * and reads answers with wsman_read_response(); the server reads requests with
 * wsman_read_request() and answers with wsman_write_reply() or wsman_write_fault().
 * Instances go in and out as MI_Instance through the public MI API (mi.h); the codec makes the
 * instances it decodes through the caller's wsman_codec.new_instance hook, so it needs no
 * MI_Application of its own.
 *
 * Wire facts: ../shared/reference/wsman-mi.md parts B and C, and the OMI captures.
 * - Requests follow OMI's client (headers in OMI's order, no whitespace between <s:Body> and the
 *   instance element, __cimnamespace selector) so OMI and WinRM accept them.
 * - Instances per DSP0230: properties in class order, arrays as repeated elements, xsi:nil for
 *   NULL (a NULL array is one nil element; an empty array is no element), references as EPRs,
 *   embedded instances with xsi:type, booleans true/false, reals INF/-INF/NaN, char16 as its
 *   decimal code (as OMI), uint8[] with the OctetString qualifier as one cimBase64Binary
 *   element (as OMI), datetimes as bare xs:dateTime / xs:duration text (as OMI's client:
 *   OMI's server reads a <cim:Datetime> child as an embedded instance). Reading accepts all of
 *   these plus uppercase TRUE/FALSE, 1/0, <cim:Datetime>/<cim:Interval>/<CIM_DateTime> wrappers
 *   and DMTF datetime strings.
 * - Decoding: with a class declaration (or a method's parameters) values are typed by it, and a
 *   bad lexical form fails with MI_RESULT_INVALID_PARAMETER naming the property; without one
 *   every value is MI_STRING (references and embedded instances stay MI_REFERENCE/MI_INSTANCE),
 *   repeated elements become MI_STRINGA, and xsi:nil gives a NULL element.
 *
 * Security: libxml2 with XML_PARSE_NONET, no entity substitution, any DOCTYPE refused, input size
 * capped (wsman_codec.max_message), element depth capped (WSMAN_MAX_DEPTH), distinct properties
 * of an instance capped (WSMAN_MAX_PROPERTIES), time n log n in the input, every written value
 * escaped; characters XML 1.0 cannot carry are refused with MI_RESULT_INVALID_PARAMETER.
 *
 * Cost (callgrind, 20-property instance): writing a Create request about 29k instructions;
 * reading a plain CreateResponse about 84k (SAX, no tree; 128k through the tree path); reading
 * a 20-property GetResponse, typed, about 238k.
 *
 * Threads: no global mutable state. Functions are reentrant; objects (wsman_buf, wsman_response,
 * wsman_message) belong to one thread at a time. Call wsman_global_init() once at start-up
 * before other threads use libxml2 (it calls xmlInitParser, which is not thread-safe).
 *
 * Errors: functions return MI_Result; they never abort. On failure the wsman_error (when given)
 * holds a one-line message; reading functions always leave their output freeable.
 * Strings are UTF-8. Memory: every char* and MI_Instance* in an output struct is owned by the
 * struct and released by its _free function; a caller may take one by copying the pointer and
 * setting the field to NULL.
 */
#ifndef MOFBIND_WSMAN_H
#define MOFBIND_WSMAN_H

#include <stddef.h>

#include <mofbind/mi.h>
#include "util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- namespaces and well-known URIs ---------------------------------------------------- */

#define WSMAN_NS_SOAP "http://www.w3.org/2003/05/soap-envelope"
#define WSMAN_NS_ADDRESSING "http://schemas.xmlsoap.org/ws/2004/08/addressing"
#define WSMAN_NS_WSMAN "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
#define WSMAN_NS_MSWSMAN "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"
#define WSMAN_NS_TRANSFER "http://schemas.xmlsoap.org/ws/2004/09/transfer"
#define WSMAN_NS_ENUMERATION "http://schemas.xmlsoap.org/ws/2004/09/enumeration"
#define WSMAN_NS_EVENTING "http://schemas.xmlsoap.org/ws/2004/08/eventing"
#define WSMAN_NS_CIMBINDING "http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd"
#define WSMAN_NS_CIM "http://schemas.dmtf.org/wbem/wscim/1/common"
#define WSMAN_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define WSMAN_NS_IDENTITY "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd"
#define WSMAN_NS_WSMANFAULT "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"

/* The WS-Management 2005/06 draft as WinRM 1.x speaks it (MS-WSMAN; MS-WSMV's examples): read
 * wherever WSMAN_NS_WSMAN (and its WSManFault namespace where WSMAN_NS_WSMANFAULT) is, never
 * written. Its instances carry their own address in a cim:Location
 * EPR (base namespace below, or DSP0227's), which is not a property. */
#define WSMAN_NS_WSMAN_2005 "http://schemas.xmlsoap.org/ws/2005/06/management"
#define WSMAN_NS_WSMANFAULT_2005 "http://schemas.microsoft.com/ws/2005/06/wsmanfault" /* MS-WSMAN  \
                                                                                       */
#define WSMAN_NS_BASE_2005 "http://schemas.dmtf.org/wsman/2005/06/base"
#define WSMAN_NS_BASE "http://schemas.dmtf.org/wbem/wsman/1/base"

#define WSMAN_ANONYMOUS "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"

/* Resource URI prefixes (class name appended). The Microsoft wscim form is the default: OMI
 * routes on the last segment whatever the prefix, and WinRM accepts it for any CIM class. The
 * WMI form carries the namespace in the URI (prefix + namespace + "/" + class) and no
 * __cimnamespace selector. */
#define WSMAN_URI_PREFIX_MSFT "http://schemas.microsoft.com/wbem/wscim/1/cim-schema/2/"
#define WSMAN_URI_PREFIX_DMTF "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
#define WSMAN_URI_PREFIX_WMI "http://schemas.microsoft.com/wbem/wsman/1/wmi/"

/* Class definitions as CIM-XML (DSP0201 <CLASS>), the resource WinRM and OMI serve them from:
 * Get with the selectors __cimnamespace and ClassName answers one <CLASS> as the body
 * (GetClass; OMI's wsman.c, its test_wsman.cpp); Enumerate with ClassName empty or a base
 * class answers them as items (EnumerateClasses, as Windows' Get-CimClass sends it). */
#define WSMAN_URI_CIMXML_SCHEMA "http://schemas.dmtf.org/wbem/cim-xml/2/cim-schema/2/*"

#define WSMAN_DIALECT_WQL "http://schemas.microsoft.com/wbem/wsman/1/WQL"
#define WSMAN_DIALECT_CQL "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf"
#define WSMAN_DIALECT_SELECTOR "http://schemas.dmtf.org/wbem/wsman/1/wsman/SelectorFilter"
/* DSP0227 8.2, as WinRM and OMI speak it: w:Filter holding b:AssociatedInstances (associators)
 * or b:AssociationInstances (references) in WSMAN_NS_CIMBINDING, with b:Object (the source
 * EPR), b:AssociationClassName, b:Role, b:ResultClassName, b:ResultRole; the ResourceURI is
 * the all-classes one (prefix + "*"). WinRM's help spells it with a capital A: read either. */
#define WSMAN_DIALECT_ASSOCIATION                                                                  \
    "http://schemas.dmtf.org/wbem/wsman/1/cimbinding/associationFilter"
#define WSMAN_ALL_CLASSES "*"

/* WS-Eventing's pull delivery mode as DSP0226 10.2.9 names it (OMI accepts no other), and the
 * ResourceURI OMI's SubscribeResponse gives the subscription manager (Renew and Unsubscribe go
 * to it). */
#define WSMAN_DELIVERY_PULL "http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull"
/* DSP0226 10.2.6's reserved bookmark: replay every event the source still has. */
#define WSMAN_BOOKMARK_EARLIEST "http://schemas.dmtf.org/wbem/wsman/1/wsman/bookmark/earliest"
#define WSMAN_URI_SUBSCRIPTIONS "http://schemas.dmtf.org/wbem/wscim/1/*"

/* Limits. */
#define WSMAN_DEFAULT_MAX_MESSAGE (16u * 1024u * 1024u) /* bytes of one message read */
#define WSMAN_MAX_DEPTH 64           /* element nesting (embedded instances, EPRs) */
#define WSMAN_MAX_PROPERTIES 4096    /* distinct properties of one decoded instance */
#define WSMAN_MIN_ENVELOPE_SIZE 8192 /* DSP0226: smaller MaxEnvelopeSize -> EncodingLimit */
#define WSMAN_MSGID_SIZE 42          /* "uuid:" + 36 + NUL, rounded */
#define WSMAN_ERROR_SIZE 256

/* ---- small building blocks ------------------------------------------------------------- */

/* The output buffer: libutil's growable buffer (util.h). After an allocation failure the writer
 * that used it returns MI_RESULT_FAILED. util_buf_reset keeps the memory for the next message
 * (no allocation in the steady state). */
typedef util_buf wsman_buf;
/* Appends s escaped as XML text (attr: as an attribute value); -1 for text XML 1.0 cannot carry
 * (part of s may have been appended). */
int wsman_buf_escape(wsman_buf *b, const char *s, int attr);
/* Appends the base64 form of size bytes of data (RFC 4648, padded). */
void wsman_buf_base64(wsman_buf *b, const unsigned char *data, size_t size);

/* A failure description: the MI_Result and one line of text. */
typedef struct wsman_error {
    MI_Result result;
    char message[WSMAN_ERROR_SIZE];
} wsman_error;

/* The operations. A response or a request is named by its request's action. */
typedef enum wsman_action {
    WSMAN_ACTION_UNKNOWN = 0,
    WSMAN_ACTION_IDENTIFY,
    WSMAN_ACTION_GET,
    WSMAN_ACTION_PUT,
    WSMAN_ACTION_CREATE,
    WSMAN_ACTION_DELETE,
    WSMAN_ACTION_ENUMERATE,
    WSMAN_ACTION_PULL,
    WSMAN_ACTION_RELEASE,
    WSMAN_ACTION_INVOKE,
    /* WS-Eventing with pull delivery (DSP0226 10, as OMI serves it): Subscribe answers an
     * EnumerationContext the events are Pulled from (WSMAN_ACTION_PULL); Renew and
     * Unsubscribe name the subscription by the e:Identifier header. */
    WSMAN_ACTION_SUBSCRIBE,
    WSMAN_ACTION_RENEW,
    WSMAN_ACTION_UNSUBSCRIBE
} wsman_action;

/* The a:Action URI of a request (invoke: NULL, it is resource URI + "/" + method) and of its
 * response (invoke: NULL). Static strings. */
const char *wsman_action_uri(wsman_action action);
const char *wsman_action_response_uri(wsman_action action);

/* How the codec makes an instance: class name, optional class declaration (values then typed
 * by it), result. The runtime wraps MI_Application_NewInstance; the server likewise. */
typedef MI_Result (*wsman_new_instance_fn)(void *ctx, const MI_Char *class_name,
                                           const MI_ClassDecl *decl, MI_Instance **out);

typedef struct wsman_codec {
    wsman_new_instance_fn new_instance; /* required for anything that decodes instances */
    void *new_instance_ctx;
    size_t max_message; /* 0: WSMAN_DEFAULT_MAX_MESSAGE */
} wsman_codec;

/* Once per process, before threads use libxml2. Idempotent. */
void wsman_global_init(void);

/* A fresh "uuid:XXXXXXXX-XXXX-4XXX-YXXX-XXXXXXXXXXXX" (random, version 4) into out. */
void wsman_new_message_id(char out[WSMAN_MSGID_SIZE]);
/* The next MessageID of a series that wsman_new_message_id started in id: its last 12 hex
 * digits counted up by one (wrapping), so a sender makes unique IDs without asking the kernel
 * for randomness each time (2^48 of them before one repeats). */
void wsman_next_message_id(char id[WSMAN_MSGID_SIZE]);

/* ---- values: lexical forms --------------------------------------------------------------- */

/* Appends the wire text of one scalar value (type without MI_ARRAY) to b, unescaped:
 * callers escape. MI_REFERENCE/MI_INSTANCE are not text: MI_RESULT_INVALID_PARAMETER. */
MI_Result wsman_format_scalar(wsman_buf *b, MI_Type type, const MI_Value *value);

/* Parses the text of one scalar of `type` (not REFERENCE/INSTANCE). MI_STRING results point
 * into `text` (no copy). Whitespace around non-string values is ignored. Accepts what the
 * header comment lists. Returns MI_RESULT_OK or MI_RESULT_INVALID_PARAMETER. */
MI_Result wsman_parse_scalar(const char *text, MI_Type type, MI_Value *out);

/* The MI type an OptionSet entry's Type attribute (xs:unsignedInt ...) names, as the client
 * writes them; MI_STRING for none or one it does not know. */
MI_Type wsman_xs_type_mi(const char *xs);

/* xs:dateTime, xs:duration or a DMTF datetime string -> MI_Datetime. */
MI_Result wsman_parse_datetime(const char *text, MI_Datetime *out);

/* How many microseconds dt is from now: an interval's length (at most a century), or the time
 * until a timestamp (negative when it is past). WS-Eventing's Expires, either form. */
long long wsman_datetime_usec_from_now(const MI_Datetime *dt);

/* MI_Datetime -> xs:dateTime (timestamp) or xs:duration (interval). */
MI_Result wsman_format_datetime(wsman_buf *b, const MI_Datetime *dt);

/* ---- client: requests -------------------------------------------------------------------- */

/* One entry of the OptionSet (custom operation options). */
typedef struct wsman_option {
    const MI_Char *name;
    MI_Type type; /* scalar types; the value is formatted like a property */
    MI_Value value;
    MI_Boolean must_comply; /* any set -> OptionSet s:mustUnderstand="true" */
} wsman_option;

typedef struct wsman_request {
    wsman_action action;
    const char *to; /* a:To, the transport URL, e.g. http://host:5985/wsman */

    /* Resource URI: `resource_uri` when set, else `resource_uri_prefix` (default
     * WSMAN_URI_PREFIX_MSFT) + class name; with namespace_in_uri (WMI form) the prefix is
     * followed by the namespace and "/" and no __cimnamespace selector is sent. */
    const char *resource_uri;
    const char *resource_uri_prefix;
    MI_Boolean namespace_in_uri;
    const MI_Char *class_name;  /* NULL: the instance's class */
    const MI_Char *name_space;  /* __cimnamespace selector; NULL/"" omits it */
    const MI_Char *method_name; /* Invoke */
    const MI_Char *schema_class; /* a ClassName selector ("" allowed) with WSMAN_URI_CIMXML_SCHEMA:
                                    Get of a class (no instance needed), Enumerate of classes */

    /* Create, Put: the body. Get, Put, Delete, Invoke of an instance method: its keys become
     * selectors (properties flagged MI_FLAG_KEY in the class declaration or element flags; an
     * instance with no key flagged at all sends every non-NULL scalar). */
    const MI_Instance *instance;
    const MI_Instance *parameters; /* Invoke: the IN parameters; NULL sends none */

    MI_Uint32 max_envelope_size; /* bytes; 0 omits the header */
    MI_Uint64 timeout_usec;      /* OperationTimeout; 0 omits the header */
    const char *locale;          /* w:Locale xml:lang; NULL omits */
    const char *data_locale;     /* p:DataLocale xml:lang; NULL omits */
    const wsman_option *options;
    size_t num_options;

    /* Enumerate. */
    MI_Uint32 max_elements;     /* with optimize: w:MaxElements (0 -> 32000) */
    MI_Boolean optimize;        /* w:OptimizeEnumeration */
    MI_Boolean epr_mode;        /* w:EnumerationMode EnumerateEPR */
    const char *filter_dialect; /* with filter: w:Filter Dialect */
    const char *filter;
    /* Enumerate with the association filter (instead of `filter`): the source instance (its
     * keys make b:Object), references (AssociationInstances) or associators, and the optional
     * names (NULL or "" omits each; references send ResultClassName and Role only). */
    const MI_Instance *assoc_object;
    MI_Boolean assoc_references;
    const MI_Char *assoc_class, *result_class, *role, *result_role;

    /* Pull, Release. Pull also uses max_elements (0 -> 1 item as DSP0226 defaults; OMI's
     * client sends its MaxElements option). */
    const char *context;

    /* Subscribe: pull delivery, the filter (filter_dialect, filter; the ResourceURI names the
     * class the query selects from, or "*"), e:Expires and w:Heartbeats as xs:duration (0
     * omits each). Renew: expires_usec. Renew, Unsubscribe: the subscription's e:Identifier
     * (a header) and the manager's ResourceURI in resource_uri (NULL:
     * WSMAN_URI_SUBSCRIPTIONS). */
    MI_Uint64 expires_usec;
    MI_Uint64 heartbeat_usec;
    const char *identifier;
    /* Subscribe: w:SendBookmarks (ask for a bookmark with the events) and w:Bookmark, where
     * to resume (NULL omits it), after the filter as MS-WSMV's example has them. */
    MI_Boolean send_bookmarks;
    const char *bookmark;

    const char *message_id; /* NULL: a fresh one is made and returned in msgid_out */
} wsman_request;

/* Writes the SOAP envelope of req into out (reset first). msgid_out (may be NULL) receives the
 * MessageID used, for matching RelatesTo. Errors: INVALID_PARAMETER for a missing class,
 * method, context, or an instance value that cannot be encoded (the message names it). */
MI_Result wsman_write_request(const wsman_request *req, wsman_buf *out,
                              char msgid_out[WSMAN_MSGID_SIZE], wsman_error *err);

/* ---- faults ---------------------------------------------------------------------------------*/

/* What a fault (or an HTTP-level failure) said, and the MI_Result a careful client reports
 * (the rule of ../shared/reference/winrm-samples/SOURCES.md, i.e. wsman-mi.md B.9):
 * 1. a Detail child with IsCIM_Error="true" (OMI_Error, MSFT_WmiError, CIM_Error): its
 *    CIMStatusCode, else its MessageID "OMI:MI_Result:N";
 * 2. else the SOAP subcode (namespace-resolved, whitespace-trimmed) through this table:
 *    wsman:AccessDenied 2 | wsman:AlreadyExists 11 | wsa:DestinationUnreachable 6 |
 *    wsman:InvalidSelectors, wsman:InvalidParameter, wsman:SchemaValidationError,
 *    wsman:InvalidOptions 4 | wsa:ActionNotSupported, wsman:UnsupportedFeature 7 |
 *    wsman/wsen:CannotProcessFilter 15 | wsen:FilterDialectRequestedUnavailable 14 |
 *    wsen:FilteringNotSupported 25 | wsen:InvalidEnumerationContext 21 |
 *    wse:DeliveryModeRequestedUnavailable, wse:UnsupportedExpirationType 7 |
 *    wse:FilteringRequestedUnavailable 14 | wse:FilteringNotSupported 25 |
 *    wse:InvalidExpirationTime 4 | wse:UnableToRenew 6 | wsman:TimedOut 1
 *    (error_Category OPERATION_TIMEOUT) | anything else 1: wsman:InternalError,
 *    wsman:EncodingLimit and wsman:QuotaLimit (27 only through a CIM_Error detail),
 *    wsa:InvalidMessageInformationHeader, s:VersionMismatch, unknown codes; a SOAP
 *    MustUnderstand code (the header names what in s:NotUnderstood) 7 whatever the subcode.
 *    A subcode whose prefix the message does not declare (MS-WSMV's examples write
 *    `wsa:DestinationUnreachable` with only `xmlns:a`) is read by its local name;
 *    the 2005/06 wsman namespace counts as the current one;
 * 3. HTTP without a SOAP fault: 401 and 403 -> 2, 301/302/303/307/308 -> 7, 413 -> 27, other
 *    non-200 (500 with an empty body included) -> 1; a 200 that is not the expected
 *    response, or XML that is not well-formed -> 1.
 * `error` is always set when result != MI_RESULT_OK (unless memory ran out): the detail
 * instance when a CIM_Error-shaped one came (values typed by their xsi:type, Message filled
 * from the Reason when absent), else a synthesized CIM_Error with CIMStatusCode, Message,
 * MessageID "MI_Result:N", OwningEntity "mofbind", ErrorType, PerceivedSeverity, ProbableCause,
 * error_Category, and the fault facts: FaultCode, FaultSubcode, FaultDetail, WSManFaultCode,
 * WSManFaultMachine, NotUnderstood, HTTPStatus (those that are known). */
typedef struct wsman_fault {
    MI_Result result;
    char *code;         /* SOAP Code local name: "Sender", "Receiver", "MustUnderstand"... */
    char *subcode;      /* "prefix:Name" with the customary prefix (wsman, wsa, wsen, wse, s) */
    char *reason;       /* Reason text, whitespace-trimmed */
    char *fault_detail; /* w:FaultDetail URI */
    MI_Uint32 wsman_fault_code; /* WSManFault Code (0: none) */
    char *wsman_fault_machine;
    char *wsman_fault_message; /* innermost WSManFault message text */
    char *not_understood;      /* MustUnderstand: the qname of s:NotUnderstood, or NULL */
    int http_status;
    MI_Instance *error; /* CIM_Error-shaped details, see above */
} wsman_fault;

void wsman_fault_free(wsman_fault *f);

/* Fills f for a failure found outside a SOAP fault (transport errors in the runtime, HTTP
 * status, unreadable bodies): result, message, MI_ErrorCategory, HTTP status (0: none), and a
 * synthesized error instance. f is freed first. */
MI_Result wsman_fault_synthesize(const wsman_codec *codec, wsman_fault *f, MI_Result result,
                                 const char *message, MI_Uint32 category, int http_status);

/* The MI_Result for a subcode given as namespace URI + local name (table above). */
MI_Result wsman_subcode_result(const char *ns, const char *local, const char *fault_detail,
                               wsman_action action);

/* ---- client: responses ------------------------------------------------------------------- */

/* Typing of what a response carries. decl types the instances of that class (Get, Put,
 * Enumerate/Pull items, Create's representation) and the keys of EPRs naming that class
 * (Create's ResourceCreated, EPR-mode items): the instance is then made from decl, so every
 * declared property is there (NULL when not sent). An instance of another class (a subclass in
 * a polymorphic enumeration) keeps its own class name and is read untyped. A value whose text
 * does not fit its declared type fails the read (MI_RESULT_FAILED, the message names the
 * property). References and embedded instances inside are read untyped. */
/* libxml2 parser state that one thread keeps between reads (a session keeps one for its
 * responses): making libxml2's parser context costs about a third of reading a small
 * CreateResponse. Zero-initialized; only the Create fast path uses it; it is remade after
 * WSMAN_PARSER_REUSES reads, or when its dictionary of names grew past a bound, or after a read
 * that failed. Never used by two threads at once; wsman_parser_free releases it. */
typedef struct wsman_parser {
    void *ctxt;    /* libxml2's push parser context, or NULL */
    unsigned uses; /* reads since it was made */
} wsman_parser;
#define WSMAN_PARSER_REUSES 10000u
void wsman_parser_free(wsman_parser *p);

typedef struct wsman_read_options {
    const MI_ClassDecl *decl;    /* the class asked for; NULL: untyped */
    const MI_MethodDecl *method; /* Invoke: types the output parameters and ReturnValue */
    MI_Boolean no_rtti;          /* MI_OPERATIONFLAGS_NO_RTTI: ignore decl/method, strings */
    wsman_parser *parser;        /* optional: parser state reused between reads, see above */
} wsman_read_options;

typedef struct wsman_response {
    MI_Result result;  /* OK, or the fault's result, or FAILED for an unreadable message */
    wsman_fault fault; /* when result != OK */
    char *message_id;
    char *relates_to;
    /* Get, Put, Create, Invoke: items[0] (Create: the full representation when the server sent
     * one, else a keys instance from ResourceCreated; Delete, Release: none).
     * Enumerate/Pull: every item, instances or (EPR mode) references as instances of their
     * class with the selectors as key properties and the __cimnamespace as namespace. */
    MI_Instance **items;
    size_t num_items;
    MI_Class **classes; /* wsman_read_class_response: the classes read (MI_Class_Delete) */
    size_t num_classes;
    char *context;              /* Enumerate/Pull/Subscribe: the (new) EnumerationContext */
    MI_Boolean end_of_sequence; /* Enumerate (optimized) / Pull */
    /* Subscribe: the subscription manager's e:Identifier and ResourceURI (either may be
     * NULL); Subscribe, Renew: e:Expires as sent (xs:duration or xs:dateTime), or NULL. A
     * SubscribeResponse without an EnumerationContext (not pull delivery) fails the read. */
    char *identifier;
    char *manager_uri;
    char *expires;
    /* Pull: the w:Bookmark header's text, or NULL. */
    char *bookmark;
    /* Identify */
    char *protocol_version;
    char *product_vendor;
    char *product_version;
} wsman_response;

/* Reads what the server answered to a request of `action`: the HTTP status, the body (may be
 * NULL/empty) and its Content-Type (may be NULL; a charset there selects the decoder, a BOM
 * wins). Returns resp->result. Never crashes on any input; resp is always freeable. */
MI_Result wsman_read_response(const wsman_codec *codec, wsman_action action, int http_status,
                              const char *content_type, const char *body, size_t len,
                              const wsman_read_options *opts, wsman_response *resp);

void wsman_response_free(wsman_response *resp);

/* The names the class objects of a class answer carry (either may be NULL). */
typedef struct wsman_class_read {
    const char *name_space;
    const char *server;
} wsman_class_read;

/* wsman_read_response for the class resource (WSMAN_URI_CIMXML_SCHEMA): the body of a Get and
 * the items of an Enumerate or Pull are CIM-XML <CLASS> elements (a w:Item around one is
 * read too), read into resp->classes; faults and the rest as wsman_read_response. A <CLASS>
 * that cannot be read (no NAME, an unknown TYPE, a value not of its type) fails the read. */
MI_Result wsman_read_class_response(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_class_read *names, wsman_response *resp);

/* ---- server: requests -------------------------------------------------------------------- */

/* A key selector: a string value, or (nested EPR) a reference instance. */
typedef struct wsman_selector {
    char *name;
    char *value;      /* NULL when ref is set */
    MI_Instance *ref; /* class from its ResourceURI, keys from its selectors */
} wsman_selector;

/* An OptionSet entry as sent. */
typedef struct wsman_option_text {
    char *name;
    char *type; /* the Type attribute, may be NULL */
    char *value;
} wsman_option_text;

/* What the server answers when a request cannot be processed (wsman_write_fault). */
typedef struct wsman_fault_desc {
    MI_Result result;
    const char *code;           /* "Sender", "Receiver", "MustUnderstand" (static) */
    const char *subcode;        /* "wsman:AlreadyExists"... or NULL (static) */
    const char *fault_detail;   /* FaultDetail URI or NULL (static) */
    const char *not_understood; /* MustUnderstand: QName of the header (may point into msg) */
    char message[WSMAN_ERROR_SIZE];
} wsman_fault_desc;

typedef struct wsman_message {
    wsman_action action;
    char *action_uri;
    char *to;
    char *resource_uri;
    char *class_name;  /* text after the last '/' of the resource URI (OMI's rule) */
    char *method_name; /* Invoke: last segment of the action URI */
    char *name_space;  /* __cimnamespace selector, else NULL (the server picks its default) */
    char *message_id;  /* echo in RelatesTo; NULL when absent */
    char *reply_to;
    char *locale;
    char *data_locale;
    MI_Uint32 max_envelope_size; /* 0: absent */
    MI_Uint64 timeout_usec;      /* 0: absent */
    wsman_selector *selectors;   /* keys, without __cimnamespace */
    size_t num_selectors;
    wsman_option_text *options;
    size_t num_options;
    /* Enumerate / Pull / Release */
    MI_Uint32 max_elements; /* 0: absent */
    MI_Boolean optimize;
    MI_Boolean epr_mode;
    char *filter_dialect;
    char *filter; /* a text filter (WQL, CQL...); NULL for the association filter */
    /* The association filter (filter_dialect WSMAN_DIALECT_ASSOCIATION): assoc_object is the
     * source (class from its ResourceURI, keys from its selectors, __cimnamespace as its
     * namespace); NULL names are absent. */
    MI_Instance *assoc_object;
    MI_Boolean assoc_references;
    char *assoc_class, *result_class, *role, *result_role;
    char *context;
    /* Subscribe: e:Delivery's Mode (NULL: absent, which WS-Eventing reads as push), e:Expires
     * as sent (NULL: absent; the server reads it with wsman_parse_datetime), w:Heartbeats
     * (0: absent); the filter in filter_dialect and filter. Renew: expires. Renew and
     * Unsubscribe: the e:Identifier header (NULL: absent). */
    char *delivery_mode;
    char *expires;
    MI_Uint64 heartbeat_usec;
    char *identifier;
    /* Subscribe: w:SendBookmarks was present; w:Bookmark's text (NULL: absent). */
    MI_Boolean send_bookmarks;
    char *bookmark;
    /* Create / Put / Invoke: local name of the body element (Create's class, per OMI). */
    char *body_name;
    void *doc_;  /* internal: the parsed document */
    void *body_; /* internal: the body element */
} wsman_message;

/* Parses a request. content_type may be NULL (then treated as application/soap+xml; UTF-8).
 * On failure returns the MI_Result and fills `fault` with the SOAP fault to answer:
 * malformed XML or not a SOAP 1.2 envelope -> Sender/wsman:SchemaValidationError (FAILED);
 * charset other than UTF-8 -> Sender/wsman:EncodingLimit; MaxEnvelopeSize < 8192 ->
 * Sender/wsman:EncodingLimit; an unknown header with s:mustUnderstand="true" -> MustUnderstand;
 * no a:Action with a non-Identify body -> wsa:MessageInformationHeaderRequired; an action of
 * an unsupported family (eventing's GetStatus and SubscriptionEnd, other transfer/enumeration
 * verbs) -> wsa:ActionNotSupported; a Subscribe, Renew or Unsubscribe without its body
 * element, or a Subscribe without e:Delivery -> wsman:SchemaValidationError
 * (any other action is an Invoke); a bad OperationTimeout or MaxEnvelopeSize ->
 * wsa:InvalidMessageInformationHeader; a Content-Type that is not application/soap+xml or
 * text/xml -> wsman:EncodingLimit.
 * Missing a:To, ReplyTo, MessageID, MaxEnvelopeSize, OperationTimeout, Locale, DataLocale and
 * ResourceURI are tolerated, as OMI does; whitespace anywhere is tolerated (OMI's quirk about
 * whitespace after <s:Body> is not copied). msg is always freeable. */
MI_Result wsman_read_request(const wsman_codec *codec, const char *content_type, const char *data,
                             size_t len, wsman_message *msg, wsman_fault_desc *fault);

/* Decodes the body instance of a Create/Put (or Invoke's input, with decl = NULL and the
 * method's parameters through `method`). decl types the values (strict: an element the class
 * does not have -> MI_RESULT_NO_SUCH_PROPERTY naming it; bad value -> INVALID_PARAMETER);
 * decl NULL gives strings. The class name is the body element's local name. */
MI_Result wsman_message_instance(const wsman_codec *codec, const wsman_message *msg,
                                 const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                 MI_Instance **out, wsman_error *err);

void wsman_message_free(wsman_message *msg);

/* ---- server: responses -------------------------------------------------------------------- */

typedef struct wsman_reply {
    wsman_action action;        /* the request's action */
    const char *relates_to;     /* the request's MessageID; NULL omits RelatesTo */
    const char *resource_uri;   /* Invoke: for the action and body namespace */
    const char *uri_prefix;     /* instances/EPRs: prefix + class (NULL: DMTF form) */
    const MI_Char *method_name; /* Invoke */
    /* Get, Put, Invoke (output parameters, class METHOD_OUTPUT): the body; Create: the
     * ResourceCreated EPR takes its keys (MI_FLAG_KEY in decl or element flags). */
    const MI_Instance *instance;
    /* Enumerate, Pull: items, and the context (NULL when the sequence ended). */
    const MI_Instance *const *items;
    size_t num_items;
    /* Instead of instance or items: XML written as it is (CIM-XML classes), the Get body or
     * num_items Enumerate/Pull items. */
    const char *xml_body;
    const char *const *xml_items;
    const char *context;
    MI_Boolean end_of_sequence;
    MI_Boolean epr_mode;        /* items as wsa:EndpointReference */
    MI_Boolean optimized;       /* Enumerate: items in w:Items (else none are sent) */
    const char *product_vendor; /* Identify */
    const char *product_version;
    /* Subscribe: the subscription's e:Identifier (required) and context (the
     * EnumerationContext events are pulled from, required); Subscribe and Renew: e:Expires
     * (xs:duration text; NULL omits it). Unsubscribe: nothing. */
    const char *identifier;
    const char *expires;
    /* Pull of a subscription: the w:Bookmark header, as OMI writes it (NULL: none). */
    const char *bookmark;
} wsman_reply;

/* Writes a success response into out (reset first). */
MI_Result wsman_write_reply(const wsman_reply *reply, wsman_buf *out, wsman_error *err);

/* The DSP0226 fault for an MI_Result (server side): FAILED, SERVER_IS_SHUTTING_DOWN and
 * unmapped -> Receiver/wsman:InternalError; ACCESS_DENIED -> wsman:AccessDenied;
 * INVALID_NAMESPACE, INVALID_CLASS, NOT_FOUND -> wsa:DestinationUnreachable (INVALID_CLASS and
 * INVALID_NAMESPACE with FaultDetail InvalidResourceURI); INVALID_PARAMETER ->
 * wsman:InvalidParameter; NO_SUCH_PROPERTY, TYPE_MISMATCH -> wsman:SchemaValidationError;
 * NOT_SUPPORTED -> wsman:UnsupportedFeature; METHOD_NOT_FOUND, METHOD_NOT_AVAILABLE ->
 * wsa:ActionNotSupported; ALREADY_EXISTS -> wsman:AlreadyExists; INVALID_QUERY ->
 * wsen:CannotProcessFilter; QUERY_LANGUAGE_NOT_SUPPORTED -> wsen:FilterDialectRequestedUnavailable;
 * INVALID_ENUMERATION_CONTEXT -> Receiver/wsen:InvalidEnumerationContext;
 * INVALID_OPERATION_TIMEOUT -> wsa:InvalidMessageInformationHeader; SERVER_LIMITS_EXCEEDED ->
 * wsman:QuotaLimit. message NULL: the MI_Result's standard text. */
void wsman_fault_for_result(MI_Result result, const char *message, wsman_fault_desc *out);

/* Writes a fault envelope (HTTP status 500 goes with it) with a:Action per the subcode family
 * (wsa:, wsen:, e: for WS-Eventing's, else wsman's),
 * RelatesTo when relates_to is set, NotUnderstood when set, Reason = message, and a Detail
 * holding an OMI_Error-shaped CIM_Error (wsmb:IsCIM_Error="true", CIMStatusCode, MessageID
 * "OMI:MI_Result:N", Message, OwningEntity, PerceivedSeverity...), which OMI's client and ours
 * read for the MI_Result. */
MI_Result wsman_write_fault(const wsman_fault_desc *fault, const char *relates_to, wsman_buf *out);

/* The MI_RESULT_ name of r ("MI_RESULT_NOT_FOUND") and its standard English text. */
const char *wsman_result_name(MI_Result r);
const char *wsman_result_text(MI_Result r);
/* Whether v is an MI_Result mi.h defines, other than MI_RESULT_OK. */
int wsman_result_valid(unsigned long v);

#ifdef __cplusplus
}
#endif

#endif /* MOFBIND_WSMAN_H */
