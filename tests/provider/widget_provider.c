/* SPDX-License-Identifier: MIT */
/* tests/provider/widget_provider.c: a provider written by hand against the provider half of
 * mi.h (no generated code), for tests/test_provider_host: Contoso_Widget of
 * tests/server/widget.mof kept in memory, with ways to misbehave on request: Ping("crash")
 * aborts the host, Ping("silent") never posts a result, Ping("garbage") and Ping("huge") write
 * a malformed frame and an oversized one on the host's socket (descriptor 3 in a host process)
 * as a provider scribbling over it would, Get of Id "error" posts a CIM error instance, and a
 * Create of an existing Id posts MI_RESULT_ALREADY_EXISTS with a message. Ping("options")
 * echoes the client's locales and custom operation options as its context gives them. Enumerate
 * says in a message the query it was given, as a provider that uses it would read it, and while a
 * widget of Id "hold" exists it keeps its result, after posting, until Ping("release") (a provider
 * still working on an enumeration whose first instances the client already has).
 * Ping("local") reads other classes through the context's local session; Ping("construct")
 * answers with instances constructed in place, laid out as OMI's generated structs. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mofbind/mi.h>

#define MAX_WIDGETS 64
#define PW_KIND_INSTANCE 2 /* server/provwire.h */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t released_cond = PTHREAD_COND_INITIALIZER;
static int released;
static MI_Instance *widgets[MAX_WIDGETS];
static size_t n_widgets;

static const char *id_of(const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    if (!inst || MI_Instance_GetElement(inst, "Id", &v, &t, &flags, NULL) != MI_RESULT_OK ||
        t != MI_STRING || (flags & MI_FLAG_NULL))
        return NULL;
    return v.string;
}

/* The index of the widget with inst's Id, or -1. Called with the lock held. */
static int find(const MI_Instance *inst)
{
    const char *id = id_of(inst);
    size_t i;
    for (i = 0; id && i < n_widgets; i++)
        if (strcmp(id_of(widgets[i]), id) == 0)
            return (int)i;
    return -1;
}

static void MI_CALL load(void **self, MI_Module_Self *module, MI_Context *context)
{
    (void)module;
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL unload(void *self, MI_Context *context)
{
    size_t i;
    (void)self;
    for (i = 0; i < n_widgets; i++)
        MI_Instance_Delete(widgets[i]);
    n_widgets = 0;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL enumerate(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                              const MI_PropertySet *ps, MI_Boolean keysOnly,
                              const MI_Filter *filter)
{
    size_t i;
    const MI_Char *lang = NULL, *expr = NULL;
    (void)self, (void)ns, (void)cn, (void)keysOnly;
    if (filter && MI_Filter_GetExpression(filter, &lang, &expr) == MI_RESULT_OK) {
        char line[300];
        snprintf(line, sizeof line, "filter %s: %s", lang, expr);
        MI_Context_WriteVerbose(context, line);
    }
    if (ps) { /* the properties asked for, as the provider reads them */
        char line[300] = "properties:";
        MI_Uint32 n = 0, k;
        const MI_Char *name;
        MI_Boolean has_count = MI_FALSE;
        MI_PropertySet_GetElementCount(ps, &n);
        for (k = 0; k < n && MI_PropertySet_GetElementAt(ps, k, &name) == MI_RESULT_OK; k++)
            snprintf(line + strlen(line), sizeof line - strlen(line), " %s", name);
        MI_PropertySet *grown = NULL;
        MI_Uint32 n_grown = 0;
        MI_PropertySet_ContainsElement(ps, "count", &has_count);
        if (MI_PropertySet_Clone(ps, &grown) == MI_RESULT_OK &&
            MI_PropertySet_AddElement(grown, "Tags") == MI_RESULT_OK &&
            MI_PropertySet_AddElement(grown, "TAGS") == MI_RESULT_ALREADY_EXISTS)
            MI_PropertySet_GetElementCount(grown, &n_grown);
        MI_PropertySet_Delete(grown);
        snprintf(line + strlen(line), sizeof line - strlen(line), " (count: %s, clone+1: %u)",
                 has_count ? "yes" : "no", (unsigned)n_grown);
        MI_Context_WriteVerbose(context, line);
    }
    int hold = 0;
    pthread_mutex_lock(&lock);
    for (i = 0; i < n_widgets; i++) {
        MI_Context_PostInstance(context, widgets[i]);
        hold |= strcmp(id_of(widgets[i]), "hold") == 0;
    }
    if (hold) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 30;
        while (!released && pthread_cond_timedwait(&released_cond, &lock, &until) == 0)
            ;
        released = 0;
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL get(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                        const MI_Instance *name, const MI_PropertySet *ps)
{
    int i;
    (void)self, (void)ns, (void)cn, (void)ps;
    if (id_of(name) && strcmp(id_of(name), "error") == 0) {
        MI_Instance *err = NULL;
        MI_Value v;
        MI_Context_NewDynamicInstance(context, "CIM_Error", 0, &err);
        v.string = (MI_Char *)"the widget named error refuses to be read";
        MI_Instance_AddElement(err, "Message", &v, MI_STRING, 0);
        v.uint32 = MI_RESULT_ACCESS_DENIED;
        MI_Instance_AddElement(err, "CIMStatusCode", &v, MI_UINT32, 0);
        MI_Context_PostCimError(context, err);
        MI_Instance_Delete(err);
        return;
    }
    pthread_mutex_lock(&lock);
    i = find(name);
    if (i >= 0)
        MI_Context_PostInstance(context, widgets[i]);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}

static void MI_CALL create(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                           const MI_Instance *inst)
{
    MI_Instance *copy = NULL;
    (void)self, (void)ns, (void)cn;
    pthread_mutex_lock(&lock);
    if (find(inst) >= 0) {
        pthread_mutex_unlock(&lock);
        MI_Context_PostError(context, MI_RESULT_ALREADY_EXISTS, MI_RESULT_TYPE_MI,
                             "a widget with this Id exists already");
        return;
    }
    if (n_widgets == MAX_WIDGETS || MI_Instance_Clone(inst, &copy) != MI_RESULT_OK) {
        pthread_mutex_unlock(&lock);
        MI_Context_PostResult(context, MI_RESULT_SERVER_LIMITS_EXCEEDED);
        return;
    }
    widgets[n_widgets++] = copy;
    MI_Context_PostInstance(context, copy);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL modify(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                           const MI_Instance *inst, const MI_PropertySet *ps)
{
    MI_Instance *copy = NULL;
    int i;
    (void)self, (void)ns, (void)cn, (void)ps;
    pthread_mutex_lock(&lock);
    i = find(inst);
    if (i >= 0 && MI_Instance_Clone(inst, &copy) == MI_RESULT_OK) {
        MI_Instance_Delete(widgets[i]);
        widgets[i] = copy;
        MI_Context_PostInstance(context, copy);
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}

static void MI_CALL delete_(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                            const MI_Instance *name)
{
    int i;
    (void)self, (void)ns, (void)cn;
    pthread_mutex_lock(&lock);
    i = find(name);
    if (i >= 0) {
        MI_Instance_Delete(widgets[i]);
        widgets[i] = widgets[--n_widgets];
    }
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND);
}

/* How many instances of cls an Enumerate of the local session gives (*r its result). */
static MI_Uint32 local_count(MI_Session *session, const char *ns, const char *cls, MI_Result *r)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Uint32 n = 0;
    *r = MI_RESULT_FAILED;
    MI_Session_EnumerateInstances(session, 0, NULL, ns, cls, MI_FALSE, NULL, &op);
    while (more && MI_Operation_GetInstance(&op, &inst, &more, r, NULL, NULL) == MI_RESULT_OK)
        n += inst != NULL;
    MI_Operation_Close(&op);
    return n;
}

/* Ping("local"): reads through the context's local session, from inside a request, the
 * widgets (this provider's own class, so its own host serves the nested request), the
 * Contoso_Pair the schema declares (the server's store) and the demo's Win32_Foo (another
 * provider, when the server runs it), and says what it found. */
static void local_reads(MI_Context *context, char *echo, size_t size)
{
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *keys = NULL;
    const MI_Instance *pair = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_Context_GetLocalSession(context, &session), rw, rp = MI_RESULT_FAILED, rf;
    MI_Uint32 n_widgets_seen, foos;
    MI_Value v;
    const char *note = "-";
    if (r != MI_RESULT_OK) {
        snprintf(echo, size, "no local session: %d", (int)r);
        return;
    }
    n_widgets_seen = local_count(&session, "root/cimv2", "Contoso_Widget", &rw);
    MI_Context_NewDynamicInstance(context, "Contoso_Pair", 0, &keys);
    v.string = (MI_Char *)"seed";
    MI_Instance_AddElement(keys, "Left", &v, MI_STRING, MI_FLAG_KEY);
    v.uint32 = 1;
    MI_Instance_AddElement(keys, "Right", &v, MI_UINT32, MI_FLAG_KEY);
    MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", keys, NULL, &op);
    if (MI_Operation_GetInstance(&op, &pair, &more, &rp, NULL, NULL) == MI_RESULT_OK && pair &&
        MI_Instance_GetElement(pair, "Note", &v, NULL, NULL, NULL) == MI_RESULT_OK)
        snprintf(echo, size, "%s", v.string); /* (pair is valid until the close) */
    else
        snprintf(echo, size, "%s", note);
    MI_Operation_Close(&op);
    MI_Instance_Delete(keys);
    foos = local_count(&session, "root/mofbind", "Win32_Foo", &rf);
    snprintf(echo + strlen(echo), size - strlen(echo), "|widgets=%u/%d pair=%d foos=%u/%d",
             (unsigned)n_widgets_seen, (int)rw, (int)rp, (unsigned)foos, (int)rf);
}

/* Contoso_Widget and Ping's parameters as OMI's generated structs lay them out: the instance
 * header, then a field per element that the generated code reads and writes directly. */
typedef struct OmiWidget {
    MI_Instance __instance;
    MI_ConstStringField Id;
    MI_ConstStringField Name;
    MI_ConstUint32Field Count;
    MI_ConstStringAField Tags;
} OmiWidget;
#define OMI_PROP(flags, name, type, field)                                                         \
    {MI_FLAG_PROPERTY | (flags), 0, name, NULL, 0, type, NULL, 0, offsetof(OmiWidget, field),      \
     "Contoso_Widget", "Contoso_Widget", NULL}
static const MI_PropertyDecl omi_id = OMI_PROP(MI_FLAG_KEY, "Id", MI_STRING, Id);
static const MI_PropertyDecl omi_name = OMI_PROP(0, "Name", MI_STRING, Name);
static const MI_PropertyDecl omi_count = OMI_PROP(0, "Count", MI_UINT32, Count);
static const MI_PropertyDecl omi_tags = OMI_PROP(0, "Tags", MI_STRINGA, Tags);
static const MI_PropertyDecl *const omi_props[] = {&omi_id, &omi_name, &omi_count, &omi_tags};
static const MI_ClassDecl omi_widget_decl = {
    MI_FLAG_CLASS, 0,    "Contoso_Widget", NULL, 0,    omi_props, 4, sizeof(OmiWidget),
    NULL,          NULL, NULL,             0,    NULL, NULL,      NULL};
/* A struct of mofbind's own kind (a pointer first): no in-place layout. */
static const MI_PropertyDecl low_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Id", NULL, 0, MI_STRING, NULL, 0, sizeof(void *), NULL,
    NULL, NULL};
static const MI_PropertyDecl *const low_props[] = {&low_id};
static const MI_ClassDecl low_decl = {
    MI_FLAG_CLASS, 0,    "Contoso_Widget", NULL, 0,    low_props, 1,   sizeof(OmiWidget),
    NULL,          NULL, NULL,             0,    NULL, NULL,      NULL};

typedef struct OmiPing {
    MI_Instance __instance;
    MI_ConstUint32Field MIReturn;
    MI_ConstStringField Text;
    MI_ConstUint32Field Times;
    MI_ConstStringField Echo;
} OmiPing;
#define OMI_PARAM(flags, name, type, field)                                                        \
    {MI_FLAG_PARAMETER | (flags), 0, name, NULL, 0, type, NULL, 0, offsetof(OmiPing, field)}
static const MI_ParameterDecl omi_ret = OMI_PARAM(MI_FLAG_OUT, "MIReturn", MI_UINT32, MIReturn);
static const MI_ParameterDecl omi_text = OMI_PARAM(MI_FLAG_IN, "Text", MI_STRING, Text);
static const MI_ParameterDecl omi_times = OMI_PARAM(MI_FLAG_IN, "Times", MI_UINT32, Times);
static const MI_ParameterDecl omi_echo = OMI_PARAM(MI_FLAG_OUT, "Echo", MI_STRING, Echo);
static const MI_ParameterDecl *const omi_params[] = {&omi_ret, &omi_text, &omi_times, &omi_echo};
static const MI_MethodDecl omi_ping_decl = {
    MI_FLAG_METHOD,   0,    "Ping", NULL, 0, omi_params, 4, sizeof(OmiPing), MI_UINT32,
    "Contoso_Widget", "Contoso_Widget", NULL, NULL};

/* Ping("construct"): the answer built as an omigen provider builds it. A widget constructed in
 * place, set through the function table (copied, borrowed) and directly (a number, as omigen's
 * inline setters do), read back, cloned, destructed; the out parameters constructed in place
 * and posted as they are. */
static void construct_reply(MI_Context *context)
{
    OmiWidget w;
    OmiPing out;
    MI_Instance *clone = NULL;
    MI_Value v, name, count;
    static const MI_Char *const tags[] = {"a", "b"};
    char echo[200];
    MI_Result refused = MI_Context_ConstructInstance(context, &low_decl, &w.__instance);
    MI_Context_WriteProgress(context, "Building", "construct", "half way", 50, 1);
    MI_Context_ConstructInstance(context, &omi_widget_decl, &w.__instance);
    v.string = (MI_Char *)"built";
    MI_Instance_SetElement(&w.__instance, "Id", &v, MI_STRING, 0);
    v.string = (MI_Char *)"borrowed";
    MI_Instance_SetElementAt(&w.__instance, 1, &v, MI_STRING, MI_FLAG_BORROW);
    v.stringa.data = (MI_Char **)tags;
    v.stringa.size = 2;
    MI_Instance_SetElement(&w.__instance, "Tags", &v, MI_STRINGA, 0);
    w.Count.value = 42;
    w.Count.exists = MI_TRUE;
    MI_Instance_Clone(&w.__instance, &clone);
    MI_Instance_Destruct(&w.__instance);
    if (!clone || MI_Instance_GetElement(clone, "Name", &name, NULL, NULL, NULL) != MI_RESULT_OK ||
        MI_Instance_GetElement(clone, "Count", &count, NULL, NULL, NULL) != MI_RESULT_OK ||
        MI_Instance_GetElement(clone, "Tags", &v, NULL, NULL, NULL) != MI_RESULT_OK) {
        MI_Context_PostResult(context, MI_RESULT_FAILED);
        return;
    }
    snprintf(echo, sizeof echo, "%s %s %u %s%s refused=%d", w.Id.value ? "?" : "destructed",
             name.string, (unsigned)count.uint32, v.stringa.data[0], v.stringa.data[1],
             (int)refused);
    MI_Context_ConstructParameters(context, &omi_ping_decl, &out.__instance);
    v.string = echo;
    MI_Instance_SetElement(&out.__instance, "Echo", &v, MI_STRING, 0);
    out.MIReturn.value = 9;
    out.MIReturn.exists = MI_TRUE;
    MI_Context_PostInstance(context, &out.__instance);
    MI_Instance_Destruct(&out.__instance);
    MI_Instance_Delete(clone);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL ping(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                         const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    MI_Instance *out = NULL;
    MI_Value v;
    char echo[256];
    (void)self, (void)ns, (void)cn, (void)method, (void)target;
    if (MI_Instance_GetElement(in, "Text", &v, NULL, NULL, NULL) != MI_RESULT_OK)
        v.string = (MI_Char *)"";
    if (strcmp(v.string, "crash") == 0)
        abort(); /* (not SIGSEGV: sanitizers catch that and exit instead) */
    if (strcmp(v.string, "silent") == 0)
        return; /* never posts: the server must time the request out */
    if (strcmp(v.string, "options") == 0) {
        MI_Char ui[MI_MAX_LOCALE_SIZE], data[MI_MAX_LOCALE_SIZE];
        const MI_Char *color = "-", *name;
        MI_Uint32 size = 0, n = 0, k;
        MI_Value ov;
        MI_Type ot;
        MI_Context_GetLocale(context, MI_LOCALE_TYPE_REQUESTED_UI, ui);
        MI_Context_GetLocale(context, MI_LOCALE_TYPE_CLOSEST_DATA, data);
        MI_Context_GetStringOption(context, "Color", &color);
        MI_Context_GetNumberOption(context, "Size", &size);
        MI_Context_GetCustomOptionCount(context, &n);
        snprintf(echo, sizeof echo, "ui=%.20s data=%.20s Color=%.20s Size=%u n=%u%s", ui, data,
                 color, (unsigned)size, (unsigned)n,
                 MI_Context_GetStringOption(context, "Size", &name) == MI_RESULT_TYPE_MISMATCH
                     ? " mismatch"
                     : "");
        for (k = 0; k < n; k++)
            if (MI_Context_GetCustomOptionAt(context, k, &name, &ot, &ov) == MI_RESULT_OK)
                snprintf(echo + strlen(echo), sizeof echo - strlen(echo), " %s:%d", name, (int)ot);
        v.string = echo;
        goto answer;
    }
    if (strcmp(v.string, "construct") == 0) {
        construct_reply(context);
        return;
    }
    if (strcmp(v.string, "local") == 0) {
        local_reads(context, echo, sizeof echo);
        v.string = echo;
        goto answer;
    }
    if (strcmp(v.string, "release") == 0) {
        pthread_mutex_lock(&lock);
        released = 1;
        pthread_cond_broadcast(&released_cond);
        pthread_mutex_unlock(&lock);
    }
    if (strcmp(v.string, "garbage") == 0) {
        /* a frame of 5 bytes of an unknown kind, too short for the request id */
        static const unsigned char junk[] = {5, 0, 0, 0, 0x63, 'j', 'u', 'n', 'k'};
        if (write(3, junk, sizeof junk) != (ssize_t)sizeof junk)
            abort();
        return;
    }
    if (strcmp(v.string, "huge") == 0) {
        static const unsigned char huge[] = {0xff, 0xff, 0xff, 0x7f, PW_KIND_INSTANCE};
        if (write(3, huge, sizeof huge) != (ssize_t)sizeof huge)
            abort();
        return;
    }
    snprintf(echo, sizeof echo, "echo:%s", v.string);
    v.string = echo;
answer:
    MI_Context_NewDynamicInstance(context, "Ping", 0, &out);
    MI_Instance_AddElement(out, "Echo", &v, MI_STRING, MI_FLAG_OUT);
    v.uint32 = 7;
    MI_Instance_AddElement(out, "MIReturn", &v, MI_UINT32, MI_FLAG_OUT);
    MI_Context_PostInstance(context, out);
    MI_Instance_Delete(out);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static const MI_ProviderFT widget_ft = {load, unload, get,  enumerate, create, modify, delete_,
                                        NULL, NULL,   NULL, NULL,      NULL,   NULL,   NULL};

static const MI_MethodDecl ping_decl = {
    MI_FLAG_METHOD,   0,    "Ping", NULL, 0, NULL, 0, 0, MI_UINT32, "Contoso_Widget",
    "Contoso_Widget", NULL, ping};
static const MI_MethodDecl *const widget_methods[] = {&ping_decl};
static const MI_ClassDecl widget_decl = {
    MI_FLAG_CLASS, 0,    "Contoso_Widget", NULL, 0,    NULL,       0,   0,
    NULL,          NULL, widget_methods,   1,    NULL, &widget_ft, NULL};
static const MI_ClassDecl *const classes[] = {&widget_decl};
static MI_SchemaDecl schema = {NULL, 0, classes, 1};

static MI_Module module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &schema, NULL, NULL, NULL};

MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server);
MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
