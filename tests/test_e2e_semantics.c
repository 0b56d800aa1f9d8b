/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_semantics.c: what the generated bindings mean, end to end (issue 14), with the
 * bindings of tests/semantics/acme.mof against an embedded mofbind-server that has an older copy
 * of that schema (the lines marked "newer than the server" left out):
 * 1. defaults: unset properties are absent from the Create request, so the MOF defaults (and a
 *    subclass's override) reach the result; NULL on purpose (X_SetNull_P) travels as xsi:nil;
 * 2. schema evolution: a property only the client's schema has, left unset, is not sent (also
 *    through an embedded instance's class); set, the server refuses it;
 * 3. Modify changes what the struct sets and keeps the rest; a Required property set to NULL is
 *    refused before sending; MOFBIND_GEN_FLAG_REPLACE replaces the whole instance;
 * 4. one key space per class that declares the keys.
 * The requests are read from the client's trace (MOFBIND_TRACE=1) on a captured stderr; each
 * check on the wire failed before the change that made unset mean absent. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "Acme_AllocatedFromPool.h"
#include "Acme_Label.h"
#include "Acme_StoragePool.h"
#include "Acme_StorageVolume.h"
#include "Acme_ThinVolume.h"
#include "e2e_util.h"
#include "stderr_capture.h"

#define NS "root/acme"

static e2e_server S;
static e2e_client C;
static char *server_text;

/* Appends the file top/rel to *out (n bytes used of cap), leaving out the lines newer than the
 * server when older != 0. */
static void append_file(char **out, size_t *n, size_t *cap, const char *rel, int older)
{
    char path[4096], line[512];
    const char *top = getenv("MOFBIND_SRCDIR");
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", top ? top : E2E_SRCDIR, rel);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    while (fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        if (older && strstr(line, "; // newer than the server"))
            continue;
        if (*n + len + 1 >= *cap) {
            *cap *= 2;
            *out = realloc(*out, *cap);
            ck_assert_ptr_nonnull(*out);
        }
        memcpy(*out + *n, line, len);
        *n += len;
    }
    (*out)[*n] = '\0';
    fclose(f);
}

/* acme.mof as the server has it: without the lines newer than the server (older != 0); then
 * the lifecycle indication classes, in acme.mof's namespace, for subscriptions. */
static char *server_schema(int older)
{
    size_t n = 0, cap = 1 << 14;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    append_file(&out, &n, &cap, "tests/semantics/acme.mof", older);
    append_file(&out, &n, &cap, "schemas/indications.mof", 0);
    return out;
}

static void start(int older)
{
    e2e_server_opts o;
    memset(&o, 0, sizeof o);
    server_text = server_schema(older);
    o.schema_text = server_text;
    e2e_server_start(&S, &o);
    setenv("MOFBIND_TRACE", "1", 1); /* read when the session opens */
    ck_assert_int_eq(e2e_client_open(&C, S.url, NULL), MI_RESULT_OK);
    unsetenv("MOFBIND_TRACE");
}

static void setup(void)
{
    start(1);
}

static void setup_same_schema(void)
{
    start(0);
}

static void teardown(void)
{
    e2e_client_close(&C);
    e2e_server_stop(&S);
    free(server_text);
}

/* The request text of what runs between begin and end (the trace on stderr). */
static char trace[1 << 16];
static stderr_capture cap;
static void begin(void)
{
    ck_assert_int_eq(stderr_capture_begin(&cap), 0);
}
/* The body of the first request traced since begin(), or "" when nothing was sent. */
static const char *end(void)
{
    char *b, *e;
    stderr_capture_end(&cap, trace, sizeof trace);
    b = strstr(trace, "<s:Body>");
    e = b ? strstr(b, "</s:Body>") : NULL;
    if (!e)
        return "";
    e[0] = '\0';
    return b;
}

static void volume(Acme_StorageVolume *v, const char *id)
{
    Acme_StorageVolume_Init(v);
    ck_assert_int_eq(Acme_StorageVolume_Set_DeviceID(v, id), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_Set_ElementName(v, "vol"), MI_RESULT_OK);
}

static Acme_StorageVolume get_volume(const char *id)
{
    Acme_StorageVolume key, got;
    MI_Instance *err = NULL;
    MI_Result r;
    Acme_StorageVolume_Init(&key);
    Acme_StorageVolume_Init(&got);
    ck_assert_int_eq(Acme_StorageVolume_Set_DeviceID(&key, id), MI_RESULT_OK);
    r = Acme_StorageVolume_GetSync(&C.session, NS, &key, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Get %s: %d %s", id, (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    Acme_StorageVolume_Destruct(&key);
    return got;
}

/* The declaration of property name in X_rtti. */
static const MI_PropertyDecl *decl_of(const MI_ClassDecl *d, const char *name)
{
    MI_Uint32 i;
    for (i = 0; i < d->numProperties; i++)
        if (strcmp(d->properties[i]->name, name) == 0)
            return d->properties[i];
    ck_abort_msg("%s has no %s", d->name, name);
    return NULL;
}

static int same_datetime(const MI_Datetime *a, const MI_Datetime *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* The datetime and array defaults a Create left unset came back as the MOF says and as the
 * generated table carries them (the table's values are what mofbind-server applies, from
 * declarations built by the same code). */
static void check_datetime_defaults(const Acme_StorageVolume *got)
{
    const MI_Datetime *inst = decl_of(&Acme_StorageVolume_rtti, "Installed")->value;
    const MI_Datetime *scrub = decl_of(&Acme_StorageVolume_rtti, "ScrubEvery")->value;
    const MI_ConstDatetimeA *win = decl_of(&Acme_StorageVolume_rtti, "Windows")->value;
    const MI_ConstUint16A *lv = decl_of(&Acme_StorageVolume_rtti, "Levels")->value;
    ck_assert_ptr_nonnull(inst);
    ck_assert_ptr_nonnull(scrub);
    ck_assert_ptr_nonnull(win);
    ck_assert_ptr_nonnull(lv);
    ck_assert(inst->isTimestamp && inst->u.timestamp.year == 2026 && inst->u.timestamp.day == 1);
    ck_assert(!scrub->isTimestamp && scrub->u.interval.days == 7 && scrub->u.interval.hours == 12);
    ck_assert_uint_eq(win->size, 2);
    ck_assert_int_eq(win->data[0].u.timestamp.utc, -300);
    ck_assert(!win->data[1].isTimestamp && win->data[1].u.interval.hours == 1);
    ck_assert(got->Installed.exists && same_datetime(&got->Installed.value, inst));
    ck_assert(got->ScrubEvery.exists && same_datetime(&got->ScrubEvery.value, scrub));
    ck_assert(got->Windows.exists);
    ck_assert_uint_eq(got->Windows.value.size, 2);
    ck_assert(same_datetime(&got->Windows.value.data[0], &win->data[0]));
    ck_assert(same_datetime(&got->Windows.value.data[1], &win->data[1]));
    ck_assert(got->Levels.exists);
    ck_assert_uint_eq(got->Levels.value.size, 3);
    ck_assert_uint_eq(got->Levels.value.data[2], lv->data[2]);
}

/* 1. Unset is absent; the defaults apply; NULL on purpose is xsi:nil. */
START_TEST(defaults_reach_the_result)
{
    Acme_ThinVolume t;
    Acme_StorageVolume v, got;
    MI_Instance *err = NULL;
    const char *req;
    MI_Result r;

    Acme_ThinVolume_Init(&t);
    ck_assert_int_eq(Acme_ThinVolume_Set_DeviceID(&t, "t1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_Set_ElementName(&t, "thin"), MI_RESULT_OK);
    Acme_ThinVolume_SetNull_Notes(&t);
    begin();
    r = Acme_ThinVolume_CreateSync(&C.session, NS, &t, NULL, &err);
    req = end();
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert_msg(strstr(req, "<p:ElementName>thin</p:ElementName>") != NULL, "%s", req);
    ck_assert_msg(strstr(req, "<p:Notes xsi:nil=\"true\"/>") != NULL, "%s", req);
    ck_assert_msg(strstr(req, "p:Primordial") == NULL, "unset Primordial sent:\n%s", req);
    ck_assert_msg(strstr(req, "p:BlockSize") == NULL, "unset BlockSize sent:\n%s", req);
    Acme_ThinVolume_Destruct(&t);

    got = get_volume("t1");
    ck_assert(got.Primordial.exists);
    ck_assert(!got.Primordial.value);
    ck_assert(got.BlockSize.exists);
    ck_assert_uint_eq(got.BlockSize.value, 4096); /* the subclass's override */
    ck_assert(!got.Notes.exists);
    Acme_StorageVolume_Destruct(&got);

    volume(&v, "s1");
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, NULL), MI_RESULT_OK);
    Acme_StorageVolume_Destruct(&v);
    got = get_volume("s1");
    ck_assert(got.BlockSize.exists);
    ck_assert_uint_eq(got.BlockSize.value, 512);
    check_datetime_defaults(&got);
    Acme_StorageVolume_Destruct(&got);
}
END_TEST

/* 2. A property the server does not know yet is not sent unless set. */
START_TEST(schema_evolution)
{
    Acme_StorageVolume v;
    Acme_Label l;
    MI_Instance *err = NULL;
    MI_Result r;

    Acme_Label_Init(&l);
    ck_assert_int_eq(Acme_Label_Set_Id(&l, "l1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_Label_Set_Text(&l, "fast"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_Label_CreateSync(&C.session, NS, &l, NULL, NULL), MI_RESULT_OK);

    volume(&v, "e1");
    ck_assert_int_eq(Acme_StorageVolume_SetFrom_Label(&v, &l, &C.app), MI_RESULT_OK);
    r = Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    Acme_StorageVolume_Destruct(&v);

    /* Set, the server's older schema refuses them: directly and inside the embedded one. */
    volume(&v, "e2");
    ck_assert_int_eq(Acme_StorageVolume_Set_Tier(&v, 2), MI_RESULT_OK);
    r = Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, &err);
    ck_assert_int_eq(r, MI_RESULT_NO_SUCH_PROPERTY);
    MI_Instance_Delete(err);
    err = NULL;
    Acme_StorageVolume_Destruct(&v);
    volume(&v, "e3");
    ck_assert_int_eq(Acme_Label_Set_Color(&l, "red"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_SetFrom_Label(&v, &l, &C.app), MI_RESULT_OK);
    r = Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, &err);
    ck_assert_int_eq(r, MI_RESULT_NO_SUCH_PROPERTY);
    MI_Instance_Delete(err);
    Acme_StorageVolume_Destruct(&v);
    Acme_Label_Destruct(&l);
}
END_TEST

/* 3. Modify changes the properties the struct sets and keeps the others. */
START_TEST(modify_changes_what_it_sets)
{
    Acme_StorageVolume v, m, got;
    MI_Instance *err = NULL;
    const char *req;
    MI_Result r;

    volume(&v, "m1");
    ck_assert_int_eq(Acme_StorageVolume_Set_NumberOfBlocks(&v, 100), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_Set_Notes(&v, "keep"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, NULL), MI_RESULT_OK);
    Acme_StorageVolume_Destruct(&v);

    Acme_StorageVolume_Init(&m);
    ck_assert_int_eq(Acme_StorageVolume_Set_DeviceID(&m, "m1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_Set_NumberOfBlocks(&m, 200), MI_RESULT_OK);
    begin();
    r = Acme_StorageVolume_ModifySync(&C.session, NS, &m, &err);
    req = end();
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert_msg(strstr(req, "<p:NumberOfBlocks>200<") != NULL, "%s", req);
    ck_assert_msg(strstr(req, "p:ElementName") == NULL, "unset ElementName sent:\n%s", req);
    ck_assert_msg(strstr(req, "xsi:nil") == NULL, "a NULL sent:\n%s", req);
    got = get_volume("m1");
    ck_assert_uint_eq(got.NumberOfBlocks.value, 200);
    ck_assert(got.ElementName.exists);
    ck_assert_str_eq(got.ElementName.value, "vol");
    ck_assert(got.Notes.exists);
    ck_assert_str_eq(got.Notes.value, "keep");
    ck_assert_uint_eq(got.BlockSize.value, 512);
    Acme_StorageVolume_Destruct(&got);

    /* A Required property NULL on purpose: refused before anything is sent. */
    Acme_StorageVolume_SetNull_ElementName(&m);
    begin();
    r = Acme_StorageVolume_ModifySync(&C.session, NS, &m, &err);
    req = end();
    ck_assert_int_eq(r, MI_RESULT_INVALID_PARAMETER);
    ck_assert_str_eq(e2e_err_str(err, "Message"),
                     "Acme_StorageVolume: the Required property ElementName cannot be NULL");
    ck_assert_msg(!*req, "sent:\n%s", req);
    MI_Instance_Delete(err);
    err = NULL;

    /* NULL on purpose for an optional property: it becomes NULL, the rest stays. */
    Acme_StorageVolume_Clear_ElementName(&m);
    Acme_StorageVolume_SetNull_Notes(&m);
    ck_assert_int_eq(Acme_StorageVolume_ModifySync(&C.session, NS, &m, NULL), MI_RESULT_OK);
    got = get_volume("m1");
    ck_assert(!got.Notes.exists);
    ck_assert_str_eq(got.ElementName.value, "vol");
    Acme_StorageVolume_Destruct(&got);

    Acme_StorageVolume_Destruct(&m);
}
END_TEST

/* 3b. A full replacement on request (MOFBIND_GEN_FLAG_REPLACE): what the struct does not set
 * becomes NULL. It sends every property of the client's class, so it is for a server with the
 * same schema. */
START_TEST(modify_replace)
{
    Acme_StorageVolume v, m, got;
    MI_Operation op = MI_OPERATION_NULL;
    volume(&v, "m1");
    ck_assert_int_eq(Acme_StorageVolume_Set_NumberOfBlocks(&v, 100), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_Set_Notes(&v, "gone"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, NULL), MI_RESULT_OK);
    Acme_StorageVolume_Destruct(&v);
    Acme_StorageVolume_Init(&m);
    ck_assert_int_eq(Acme_StorageVolume_Set_DeviceID(&m, "m1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StorageVolume_Set_NumberOfBlocks(&m, 200), MI_RESULT_OK);
    /* A full replacement on request: what the struct does not set becomes NULL. */
    ck_assert_int_eq(Acme_StorageVolume_Set_ElementName(&m, "replaced"), MI_RESULT_OK);
    Acme_StorageVolume_ModifyEx(&C.session, MOFBIND_GEN_FLAG_REPLACE, NULL, NS, &m, NULL, &op);
    {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Boolean more = MI_TRUE;
        MI_Result res = MI_RESULT_FAILED;
        while (more)
            ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &details),
                             MI_RESULT_OK);
        ck_assert_msg(res == MI_RESULT_OK, "%d %s", (int)res, msg ? msg : "");
        MI_Operation_Close(&op);
    }
    got = get_volume("m1");
    ck_assert_str_eq(got.ElementName.value, "replaced");
    ck_assert_uint_eq(got.NumberOfBlocks.value, 200);
    ck_assert(!got.BlockSize.exists);
    ck_assert(!got.Primordial.exists);
    ck_assert(!got.Notes.exists);
    Acme_StorageVolume_Destruct(&got);
    Acme_StorageVolume_Destruct(&m);
}
END_TEST

/* 4. One key space per class that declares the keys. */
START_TEST(one_key_space)
{
    Acme_StorageVolume v, got;
    Acme_ThinVolume t;
    MI_Instance *err = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    int seen = 0;

    volume(&v, "k1");
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, NULL), MI_RESULT_OK);
    Acme_StorageVolume_Destruct(&v);
    Acme_ThinVolume_Init(&t);
    ck_assert_int_eq(Acme_ThinVolume_Set_DeviceID(&t, "k1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_Set_ElementName(&t, "thin"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_CreateSync(&C.session, NS, &t, NULL, &err),
                     MI_RESULT_ALREADY_EXISTS);
    ck_assert_msg(strstr(e2e_err_str(err, "Message"), "an Acme_StorageVolume with these keys"),
                  "%s", e2e_err_str(err, "Message"));
    MI_Instance_Delete(err);
    Acme_ThinVolume_Destruct(&t);

    Acme_StorageVolume_Enumerate(&C.session, NS, MI_FALSE, NULL, &op);
    Acme_StorageVolume_Init(&got);
    while (more) {
        ck_assert_int_eq(
            Acme_StorageVolume_EnumerateNext(&op, &got, &found, &more, &res, &msg, &details),
            MI_RESULT_OK);
        if (found && strcmp(got.DeviceID.value, "k1") == 0)
            seen++;
        Acme_StorageVolume_Destruct(&got);
    }
    MI_Operation_Close(&op);
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(seen, 1);
}
END_TEST

/* A deep Enumerate's results say their actual class, and one of a subclass converts to the
 * subclass's struct with all its properties. */
START_TEST(results_say_their_class)
{
    Acme_StorageVolume v, got;
    Acme_ThinVolume t, thin;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    int plain = 0, thins = 0;

    volume(&v, "c1");
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &v, NULL, NULL), MI_RESULT_OK);
    Acme_StorageVolume_Destruct(&v);
    Acme_ThinVolume_Init(&t);
    ck_assert_int_eq(Acme_ThinVolume_Set_DeviceID(&t, "c2"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_Set_ElementName(&t, "thin"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_Set_Provisioned(&t, 77), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_CreateSync(&C.session, NS, &t, NULL, NULL), MI_RESULT_OK);
    Acme_ThinVolume_Destruct(&t);

    Acme_StorageVolume_Enumerate(&C.session, NS, MI_FALSE, NULL, &op);
    Acme_StorageVolume_Init(&got);
    while (more) {
        ck_assert_int_eq(
            Acme_StorageVolume_EnumerateNext(&op, &got, &found, &more, &res, &msg, &details),
            MI_RESULT_OK);
        if (!found)
            continue;
        if (strcmp(got.DeviceID.value, "c1") == 0) {
            plain++;
            ck_assert_str_eq(Acme_StorageVolume_ClassName(&got), "Acme_StorageVolume");
            ck_assert_int_eq(Acme_ThinVolume_From_Acme_StorageVolume(&got, &thin),
                             MI_RESULT_TYPE_MISMATCH);
            ck_assert(!thin.DeviceID.exists);
        } else if (strcmp(got.DeviceID.value, "c2") == 0) {
            thins++;
            ck_assert_str_eq(Acme_StorageVolume_ClassName(&got), "Acme_ThinVolume");
            ck_assert_uint_eq(got.BlockSize.value, 4096);
            ck_assert_int_eq(Acme_ThinVolume_From_Acme_StorageVolume(&got, &thin), MI_RESULT_OK);
            ck_assert_str_eq(Acme_ThinVolume_ClassName(&thin), "Acme_ThinVolume");
            ck_assert_str_eq(thin.DeviceID.value, "c2");
            ck_assert_str_eq(thin.ElementName.value, "thin");
            ck_assert(thin.Provisioned.exists);
            ck_assert_uint_eq(thin.Provisioned.value, 77);
            ck_assert_uint_eq(thin.BlockSize.value, 4096);
            Acme_ThinVolume_Destruct(&thin);
        }
        Acme_StorageVolume_Destruct(&got);
    }
    MI_Operation_Close(&op);
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(plain, 1);
    ck_assert_int_eq(thins, 1);
}
END_TEST

/* The typed traversals of an association, a typed query and a typed subscription. */
static void pool_volume(const Acme_StoragePool *pool, const Acme_StorageVolume *vol, MI_Uint64 used)
{
    Acme_AllocatedFromPool a;
    Acme_AllocatedFromPool_Init(&a);
    ck_assert_int_eq(Acme_AllocatedFromPool_SetFrom_Antecedent(&a, pool, &C.app), MI_RESULT_OK);
    ck_assert_int_eq(Acme_AllocatedFromPool_SetFrom_Dependent(&a, vol, &C.app), MI_RESULT_OK);
    ck_assert_int_eq(Acme_AllocatedFromPool_Set_SpaceConsumed(&a, used), MI_RESULT_OK);
    ck_assert_int_eq(Acme_AllocatedFromPool_CreateSync(&C.session, NS, &a, NULL, NULL),
                     MI_RESULT_OK);
    Acme_AllocatedFromPool_Destruct(&a);
}

/* The DeviceIDs of an operation's Acme_StorageVolume results, each with its actual class
 * ("a2:Acme_ThinVolume"), in the order they came, space-separated. */
static const char *volumes_of(MI_Operation *op)
{
    static char out[512];
    Acme_StorageVolume v;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    out[0] = '\0';
    while (more) {
        ck_assert_int_eq(Acme_StorageVolume_EnumerateNext(op, &v, &found, &more, &res, NULL, NULL),
                         MI_RESULT_OK);
        if (!found)
            continue;
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s:%s", out[0] ? " " : "",
                 v.DeviceID.value, Acme_StorageVolume_ClassName(&v));
        Acme_StorageVolume_Destruct(&v);
    }
    MI_Operation_Close(op);
    ck_assert_int_eq(res, MI_RESULT_OK);
    return out;
}

/* How many Acme_StoragePool results an operation gives (each must be P1, of 1000). */
static int pools_of(MI_Operation *op)
{
    Acme_StoragePool got;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    int n = 0;
    while (more) {
        ck_assert_int_eq(Acme_StoragePool_EnumerateNext(op, &got, &found, &more, &res, NULL, NULL),
                         MI_RESULT_OK);
        if (!found)
            continue;
        n++;
        ck_assert_str_eq(got.PoolID.value, "P1");
        ck_assert_uint_eq(got.Capacity.value, 1000);
        Acme_StoragePool_Destruct(&got);
    }
    MI_Operation_Close(op);
    ck_assert_int_eq(res, MI_RESULT_OK);
    return n;
}

typedef struct created {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char ids[256];
    MI_Result last;
} created;

static void MI_CALL on_indication(MI_Operation *op, void *ctx, const MI_Instance *indication,
                                  const MI_Char *bookmark, const MI_Char *machineID,
                                  MI_Boolean moreResults, MI_Result result,
                                  const MI_Char *errorString, const MI_Instance *errorDetails,
                                  MI_Result(MI_CALL *ack)(MI_Operation *))
{
    created *w = ctx;
    Acme_StorageVolume v;
    (void)op, (void)bookmark, (void)machineID, (void)errorString, (void)errorDetails;
    (void)moreResults;
    pthread_mutex_lock(&w->mu);
    w->last = result;
    if (indication && Acme_StorageVolume_FromIndication(indication, &v, NULL) == MI_RESULT_OK) {
        snprintf(w->ids + strlen(w->ids), sizeof w->ids - strlen(w->ids), "%s:%s ",
                 v.DeviceID.value, Acme_StorageVolume_ClassName(&v));
        Acme_StorageVolume_Destruct(&v);
    }
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (ack)
        ack(op);
}

START_TEST(typed_traversals_queries_subscriptions)
{
    Acme_StoragePool pool;
    Acme_StorageVolume a1, a3;
    Acme_ThinVolume a2;
    Acme_AllocatedFromPool ref;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    int n = 0;

    Acme_StoragePool_Init(&pool);
    ck_assert_int_eq(Acme_StoragePool_Set_PoolID(&pool, "P1"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StoragePool_Set_Capacity(&pool, 1000), MI_RESULT_OK);
    ck_assert_int_eq(Acme_StoragePool_CreateSync(&C.session, NS, &pool, NULL, NULL), MI_RESULT_OK);
    volume(&a1, "a1");
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &a1, NULL, NULL), MI_RESULT_OK);
    Acme_ThinVolume_Init(&a2);
    ck_assert_int_eq(Acme_ThinVolume_Set_DeviceID(&a2, "a2"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_Set_ElementName(&a2, "thin"), MI_RESULT_OK);
    ck_assert_int_eq(Acme_ThinVolume_CreateSync(&C.session, NS, &a2, NULL, NULL), MI_RESULT_OK);
    volume(&a3, "a3"); /* in no pool */
    ck_assert_int_eq(Acme_StorageVolume_CreateSync(&C.session, NS, &a3, NULL, NULL), MI_RESULT_OK);
    pool_volume(&pool, &a1, 10);
    pool_volume(&pool, Acme_ThinVolume_AsConst_Acme_StorageVolume(&a2), 20);

    /* From the pool to its volumes, each read as what it is. */
    Acme_AllocatedFromPool_Associators_Dependent(&C.session, NS, &pool, NULL, &op);
    ck_assert_str_eq(volumes_of(&op), "a1:Acme_StorageVolume a2:Acme_ThinVolume");
    /* And back, from the thin volume as a volume. */
    memset(&op, 0, sizeof op);
    Acme_AllocatedFromPool_Associators_Antecedent(
        &C.session, NS, Acme_ThinVolume_AsConst_Acme_StorageVolume(&a2), NULL, &op);
    ck_assert_int_eq(pools_of(&op), 1);
    /* The associations themselves, from the pool: typed, their references readable. */
    memset(&op, 0, sizeof op);
    Acme_AllocatedFromPool_References_Antecedent(&C.session, NS, &pool, NULL, &op);
    n = 0;
    more = MI_TRUE;
    while (more) {
        ck_assert_int_eq(
            Acme_AllocatedFromPool_EnumerateNext(&op, &ref, &found, &more, &res, NULL, NULL),
            MI_RESULT_OK);
        if (!found)
            continue;
        n++;
        ck_assert(ref.SpaceConsumed.exists);
        ck_assert(ref.SpaceConsumed.value == 10 || ref.SpaceConsumed.value == 20);
        ck_assert(ref.Dependent.exists);
        ck_assert_str_eq(e2e_str_param(ref.Dependent.value, "DeviceID"),
                         ref.SpaceConsumed.value == 10 ? "a1" : "a2");
        Acme_AllocatedFromPool_Destruct(&ref);
    }
    MI_Operation_Close(&op);
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(n, 2);
    /* A volume in no pool has no associators. */
    memset(&op, 0, sizeof op);
    Acme_AllocatedFromPool_Associators_Antecedent(&C.session, NS, &a3, NULL, &op);
    ck_assert_int_eq(pools_of(&op), 0);

    /* Typed queries: a condition, and none. */
    memset(&op, 0, sizeof op);
    Acme_StorageVolume_Query(&C.session, NS, "BlockSize = 4096", NULL, &op);
    ck_assert_str_eq(volumes_of(&op), "a2:Acme_ThinVolume");
    memset(&op, 0, sizeof op);
    Acme_StorageVolume_Query(&C.session, NS, NULL, NULL, &op);
    ck_assert_str_eq(volumes_of(&op),
                     "a1:Acme_StorageVolume a2:Acme_ThinVolume a3:Acme_StorageVolume");

    /* A subscription to the volumes' creations, a subclass's included, delivered as volumes.
     * Volumes are created on a second session until the subscription, which may not be in
     * place yet when the first ones come, delivers one; then a thin one. */
    {
        created w;
        e2e_client other;
        MI_OperationCallbacks cbs = MI_OPERATIONCALLBACKS_NULL;
        MI_Operation sub = MI_OPERATION_NULL;
        char id[32];
        int i;
        Acme_StorageVolume v;
        memset(&w, 0, sizeof w);
        pthread_mutex_init(&w.mu, NULL);
        pthread_cond_init(&w.cv, NULL);
        cbs.callbackContext = &w;
        cbs.indicationResult = on_indication;
        ck_assert_int_eq(e2e_client_open(&other, S.url, NULL), MI_RESULT_OK);
        Acme_StorageVolume_Subscribe(&C.session, NS, MOFBIND_GEN_CREATION, &cbs, &sub);
        for (i = 0; i < 100; i++) {
            int got_one;
            snprintf(id, sizeof id, "s%d", i);
            volume(&v, id);
            ck_assert_int_eq(Acme_StorageVolume_CreateSync(&other.session, NS, &v, NULL, NULL),
                             MI_RESULT_OK);
            Acme_StorageVolume_Destruct(&v);
            pthread_mutex_lock(&w.mu);
            if (!w.ids[0]) {
                struct timespec until;
                clock_gettime(CLOCK_REALTIME, &until);
                until.tv_nsec += 200 * 1000 * 1000;
                if (until.tv_nsec >= 1000000000) {
                    until.tv_sec++;
                    until.tv_nsec -= 1000000000;
                }
                pthread_cond_timedwait(&w.cv, &w.mu, &until);
            }
            got_one = w.ids[0] != '\0';
            pthread_mutex_unlock(&w.mu);
            if (got_one)
                break;
        }
        ck_assert_msg(i < 100, "no creation indication in 100 creations");
        Acme_ThinVolume_Destruct(&a2);
        Acme_ThinVolume_Init(&a2);
        ck_assert_int_eq(Acme_ThinVolume_Set_DeviceID(&a2, "t9"), MI_RESULT_OK);
        ck_assert_int_eq(Acme_ThinVolume_Set_ElementName(&a2, "thin"), MI_RESULT_OK);
        ck_assert_int_eq(Acme_ThinVolume_CreateSync(&other.session, NS, &a2, NULL, NULL),
                         MI_RESULT_OK);
        Acme_ThinVolume_Destruct(&a2);
        pthread_mutex_lock(&w.mu);
        while (!strstr(w.ids, "t9:"))
            pthread_cond_wait(&w.cv, &w.mu);
        pthread_mutex_unlock(&w.mu);
        /* Every one delivered came after the first, in order, each as its own class. */
        snprintf(id, sizeof id, "s%d:Acme_StorageVolume ", i);
        ck_assert_msg(strstr(w.ids, id) != NULL, "%s", w.ids);
        ck_assert_msg(strstr(w.ids, "t9:Acme_ThinVolume ") != NULL, "%s", w.ids);
        MI_Operation_Cancel(&sub, MI_REASON_NONE);
        pthread_mutex_lock(&w.mu);
        while (w.last == MI_RESULT_OK)
            pthread_cond_wait(&w.cv, &w.mu);
        pthread_mutex_unlock(&w.mu);
        MI_Operation_Close(&sub);
        e2e_client_close(&other);
        pthread_mutex_destroy(&w.mu);
        pthread_cond_destroy(&w.cv);
    }
    /* What is not a lifecycle indication is refused before anything is sent. */
    {
        const MI_Instance *ind = NULL;
        MI_Operation bad = MI_OPERATION_NULL;
        Acme_StorageVolume v;
        Acme_StorageVolume_Subscribe(&C.session, NS, 7, NULL, &bad);
        ck_assert_int_eq(
            MI_Operation_GetIndication(&bad, &ind, NULL, NULL, &more, &res, NULL, NULL),
            MI_RESULT_OK);
        ck_assert_int_eq(res, MI_RESULT_INVALID_PARAMETER);
        MI_Operation_Close(&bad);
        ck_assert_int_eq(Acme_StorageVolume_FromIndication(NULL, &v, NULL),
                         MI_RESULT_INVALID_PARAMETER);
    }
    Acme_StoragePool_Destruct(&pool);
    Acme_StorageVolume_Destruct(&a1);
    Acme_StorageVolume_Destruct(&a3);
}
END_TEST

static Suite *suite(void)
{
    Suite *su = suite_create("semantics");
    TCase *t = tcase_create("bindings");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, defaults_reach_the_result);
    tcase_add_test(t, schema_evolution);
    tcase_add_test(t, modify_changes_what_it_sets);
    tcase_add_test(t, one_key_space);
    tcase_add_test(t, results_say_their_class);
    tcase_add_test(t, typed_traversals_queries_subscriptions);
    suite_add_tcase(su, t);
    t = tcase_create("same schema");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_checked_fixture(t, setup_same_schema, teardown);
    tcase_add_test(t, modify_replace);
    suite_add_tcase(su, t);
    return su;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
