/* SPDX-License-Identifier: MIT */
/* runtime/client/options.c: MI_DestinationOptions and MI_OperationOptions: one small store of named
 * values (strings, numbers, intervals, custom options) and credentials behind both function
 * tables. Every string is copied; passwords are wiped when freed and reported as "******". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

#define MOB_DEST_MAGIC 0x6d6f62446573744fULL
#define MOB_OPER_MAGIC 0x6d6f624f7065724fULL
#define MOB_SUBD_MAGIC 0x6d6f62537562444fULL
#define MOB_MAX_OPTIONS 4096

void mob_wipe_free(MI_Char *s)
{
    if (s) {
        volatile MI_Char *p = s;
        while (*p)
            *p++ = 0;
        free(s);
    }
}

/* ---- the store ---------------------------------------------------------------------------- */

static void mob_option_clear(mob_option *o)
{
    free(o->name);
    mic_value_free(o->type, &o->value);
    o->name = NULL;
}

static void mob_cred_clear(mob_cred *c)
{
    free(c->option_name);
    free(c->auth_type);
    free(c->domain);
    free(c->username);
    mob_wipe_free(c->password);
    free(c->thumbprint);
    memset(c, 0, sizeof *c);
}

static void mob_store_free(mob_options *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->count; i++)
        mob_option_clear(&s->opts[i]);
    for (i = 0; i < s->ncreds; i++)
        mob_cred_clear(&s->creds[i]);
    free(s->opts);
    free(s->creds);
    s->magic = 0;
    free(s);
}

const mob_option *mob_options_find(const mob_options *s, const MI_Char *name)
{
    size_t i;
    if (!s || !name)
        return NULL;
    for (i = 0; i < s->count; i++)
        if (util_strieq(s->opts[i].name, name))
            return &s->opts[i];
    return NULL;
}

const mob_cred *mob_options_cred(const mob_options *s, const MI_Char *option_name)
{
    size_t i;
    if (!s)
        return NULL;
    for (i = 0; i < s->ncreds; i++)
        if (util_strieq(s->creds[i].option_name, option_name))
            return &s->creds[i];
    return NULL;
}

/* Sets (replacing a same-named option; channels keep one entry per channel). */
static MI_Result mob_store_set(mob_options *s, const MI_Char *name, mob_optkind kind, MI_Type type,
                               const MI_Value *value, MI_Uint32 flags, MI_Boolean must)
{
    mob_option n, *slot = NULL;
    size_t i;
    MI_Result r;
    if (!s || !name || !*name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < s->count; i++)
        if (util_strieq(s->opts[i].name, name)) {
            if (util_strieq(name, MI_OPERATIONOPTIONS_CHANNEL) &&
                s->opts[i].value.uint32 != value->uint32)
                continue;
            slot = &s->opts[i];
            break;
        }
    memset(&n, 0, sizeof n);
    n.kind = kind;
    n.type = type;
    n.flags = flags;
    n.must_comply = must;
    if (!(n.name = util_strdup(name)))
        return MIC_RESULT_NOMEM;
    r = mic_value_copy(type, value, &n.value);
    if (r != MI_RESULT_OK) {
        free(n.name);
        return r;
    }
    if (slot) {
        mob_option_clear(slot);
        *slot = n;
        return MI_RESULT_OK;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        mob_option *p;
        if (s->count >= MOB_MAX_OPTIONS || !(p = (mob_option *)realloc(s->opts, cap * sizeof *p))) {
            mob_option_clear(&n);
            return s->count >= MOB_MAX_OPTIONS ? MI_RESULT_SERVER_LIMITS_EXCEEDED
                                               : MIC_RESULT_NOMEM;
        }
        s->opts = p;
        s->cap = cap;
    }
    s->opts[s->count++] = n;
    return MI_RESULT_OK;
}

static MI_Result mob_store_get(const mob_options *s, const MI_Char *name, mob_optkind kind,
                               MI_Value *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    size_t i;
    if (!s || !name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < s->count; i++)
        if (util_strieq(s->opts[i].name, name)) {
            if (s->opts[i].kind != kind)
                return MI_RESULT_TYPE_MISMATCH;
            *value = s->opts[i].value;
            if (index)
                *index = (MI_Uint32)i;
            if (flags)
                *flags = s->opts[i].flags;
            return MI_RESULT_OK;
        }
    return MI_RESULT_NO_SUCH_PROPERTY;
}

static MI_Result mob_store_clone(const mob_options *s, mob_options **out)
{
    mob_options *c;
    size_t i;
    MI_Result r = MI_RESULT_OK;
    *out = NULL;
    if (!(c = (mob_options *)calloc(1, sizeof *c)))
        return MIC_RESULT_NOMEM;
    c->magic = s->magic;
    c->custom_must_understand = s->custom_must_understand;
    for (i = 0; i < s->count && r == MI_RESULT_OK; i++)
        r = mob_store_set(c, s->opts[i].name, s->opts[i].kind, s->opts[i].type, &s->opts[i].value,
                          s->opts[i].flags, s->opts[i].must_comply);
    if (r == MI_RESULT_OK && s->ncreds) {
        if (!(c->creds = (mob_cred *)calloc(s->ncreds, sizeof *c->creds)))
            r = MIC_RESULT_NOMEM;
        for (i = 0; i < s->ncreds && r == MI_RESULT_OK; i++) {
            const mob_cred *a = &s->creds[i];
            mob_cred *b = &c->creds[i];
            c->ncreds++;
            b->option_name = util_strdup(a->option_name);
            b->auth_type = util_strdup(a->auth_type);
            b->domain = util_strdup(a->domain);
            b->username = util_strdup(a->username);
            b->password = util_strdup(a->password);
            b->thumbprint = util_strdup(a->thumbprint);
            if (!b->option_name || !b->auth_type || (a->domain && !b->domain) ||
                (a->username && !b->username) || (a->password && !b->password) ||
                (a->thumbprint && !b->thumbprint))
                r = MIC_RESULT_NOMEM;
        }
    }
    if (r != MI_RESULT_OK) {
        mob_store_free(c);
        return r;
    }
    *out = c;
    return MI_RESULT_OK;
}

static MI_Result mob_store_option_at(const mob_options *s, MI_Uint32 index, const MI_Char **name,
                                     MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    if (!s || !value)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->count)
        return MI_RESULT_NOT_FOUND;
    if (name)
        *name = s->opts[index].name;
    *value = s->opts[index].value;
    if (type)
        *type = s->opts[index].type;
    if (flags)
        *flags = s->opts[index].flags;
    return MI_RESULT_OK;
}

static MI_Result mob_store_option(const mob_options *s, const MI_Char *name, MI_Value *value,
                                  MI_Type *type, MI_Uint32 *index, MI_Uint32 *flags)
{
    size_t i;
    if (!s || !name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < s->count; i++)
        if (util_strieq(s->opts[i].name, name))
            break;
    if (i == s->count)
        return MI_RESULT_NO_SUCH_PROPERTY;
    if (index)
        *index = (MI_Uint32)i;
    return mob_store_option_at(s, (MI_Uint32)i, NULL, value, type, flags);
}

/* The typed getters, the interval setter, the count and the clone every options handle
 * shares: destination, operation and subscription delivery options differ only in how a
 * handle finds its store. */
static MI_Result mob_st_get_string(const mob_options *s, const MI_Char *name, const MI_Char **value,
                                   MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_Value v;
    MI_Result r = value ? mob_store_get(s, name, MOB_OPT_STRING, &v, index, flags)
                        : MI_RESULT_INVALID_PARAMETER;
    if (r == MI_RESULT_OK)
        *value = v.string;
    return r;
}

static MI_Result mob_st_get_number(const mob_options *s, const MI_Char *name, MI_Uint32 *value,
                                   MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_Value v;
    MI_Result r = value ? mob_store_get(s, name, MOB_OPT_NUMBER, &v, index, flags)
                        : MI_RESULT_INVALID_PARAMETER;
    if (r == MI_RESULT_OK)
        *value = v.uint32;
    return r;
}

/* An interval (MOB_OPT_INTERVAL) or, for subscription delivery options, a time or an interval
 * (MOB_OPT_DATETIME) into *value. */
static MI_Result mob_st_get_datetime(const mob_options *s, const MI_Char *name, mob_optkind kind,
                                     MI_Datetime *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_Value v;
    MI_Result r =
        value ? mob_store_get(s, name, kind, &v, index, flags) : MI_RESULT_INVALID_PARAMETER;
    if (r == MI_RESULT_OK)
        *value = v.datetime;
    return r;
}

static MI_Result mob_st_get_interval(const mob_options *s, const MI_Char *name, MI_Interval *value,
                                     MI_Uint32 *index, MI_Uint32 *flags)
{
    MI_Datetime dt;
    MI_Result r = value ? mob_st_get_datetime(s, name, MOB_OPT_INTERVAL, &dt, index, flags)
                        : MI_RESULT_INVALID_PARAMETER;
    if (r == MI_RESULT_OK)
        *value = dt.u.interval;
    return r;
}

static MI_Result mob_st_set_interval(mob_options *s, const MI_Char *name, const MI_Interval *value,
                                     MI_Uint32 flags)
{
    MI_Value v;
    if (!value)
        return MI_RESULT_INVALID_PARAMETER;
    memset(&v, 0, sizeof v);
    v.datetime.u.interval = *value;
    return mob_store_set(s, name, MOB_OPT_INTERVAL, MI_DATETIME, &v, flags, MI_FALSE);
}

static MI_Result mob_st_count(const mob_options *s, MI_Uint32 *count)
{
    if (!s || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = (MI_Uint32)s->count;
    return MI_RESULT_OK;
}

/* A copy of s behind a new handle's reserved fields (the handle's ft is the caller's to set). */
static MI_Result mob_st_clone(const mob_options *s, const void *out, MI_Uint64 *r1, ptrdiff_t *r2)
{
    mob_options *c;
    MI_Result r;
    if (!s || !out)
        return MI_RESULT_INVALID_PARAMETER;
    r = mob_store_clone(s, &c);
    if (r != MI_RESULT_OK)
        return r;
    *r1 = s->magic;
    *r2 = (ptrdiff_t)c;
    return MI_RESULT_OK;
}

/* ---- destination options ------------------------------------------------------------------ */

static mob_options *mob_dest_rw(MI_DestinationOptions *o)
{
    mob_options *s;
    if (!o || o->reserved1 != MOB_DEST_MAGIC || !o->reserved2)
        return NULL;
    s = (mob_options *)o->reserved2;
    return s->magic == MOB_DEST_MAGIC ? s : NULL;
}

const mob_options *mob_dest_store(const MI_DestinationOptions *o)
{
    return mob_dest_rw((MI_DestinationOptions *)o);
}

static void MI_CALL mob_dest_Delete(MI_DestinationOptions *o)
{
    mob_store_free(mob_dest_rw(o));
    if (o)
        memset(o, 0, sizeof *o);
}

static int mob_known_bool(const MI_Char *n)
{
    return util_strieq(n, MI_DESTINATIONOPTIONS_CERT_CA_CHECK) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_CERT_CN_CHECK) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_CERT_REVOCATION_CHECK) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_PACKET_PRIVACY) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_PACKET_INTEGRITY) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_ENCODE_PORT_IN_SPN) ||
           util_strieq(n, MI_DESTINATIONOPTIONS_TRACE);
}

static MI_Result MI_CALL mob_dest_SetString(MI_DestinationOptions *o, const MI_Char *name,
                                            const MI_Char *value, MI_Uint32 flags)
{
    MI_Value v;
    if (!name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    if (util_strieq(name, MI_DESTINATIONOPTIONS_TRANSPORT) &&
        !util_strieq(value, MI_DESTINATIONOPTIONS_TRANSPORT_HTTP) &&
        !util_strieq(value, MI_DESTINATIONOPTIONS_TRANSPORT_HTTPS))
        return MI_RESULT_INVALID_PARAMETER;
    v.string = (MI_Char *)value;
    return mob_store_set(mob_dest_rw(o), name, MOB_OPT_STRING, MI_STRING, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_dest_SetNumber(MI_DestinationOptions *o, const MI_Char *name,
                                            MI_Uint32 value, MI_Uint32 flags)
{
    MI_Value v;
    if (!name)
        return MI_RESULT_INVALID_PARAMETER;
    if (mob_known_bool(name) && value > 1)
        return MI_RESULT_INVALID_PARAMETER;
    if (util_strieq(name, MI_DESTINATIONOPTIONS_DESTINATION_PORT) && (value == 0 || value > 65535))
        return MI_RESULT_INVALID_PARAMETER;
    if (util_strieq(name, MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS) &&
        (value == 0 || value > 1024))
        return MI_RESULT_INVALID_PARAMETER;
    if (util_strieq(name, MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE) &&
        (value < WSMAN_MIN_ENVELOPE_SIZE / 1024 || value > 1024 * 1024))
        return MI_RESULT_INVALID_PARAMETER;
    v.uint32 = value;
    return mob_store_set(mob_dest_rw(o), name, MOB_OPT_NUMBER, MI_UINT32, &v, flags, MI_FALSE);
}

static int mob_auth_known(const MI_Char *t)
{
    static const char *const known[] = {
        MI_AUTH_TYPE_DEFAULT,         MI_AUTH_TYPE_NONE,          MI_AUTH_TYPE_DIGEST,
        MI_AUTH_TYPE_NEGO_WITH_CREDS, MI_AUTH_TYPE_NEGO_NO_CREDS, MI_AUTH_TYPE_BASIC,
        MI_AUTH_TYPE_KERBEROS,        MI_AUTH_TYPE_CLIENT_CERTS,  MI_AUTH_TYPE_NTLM,
        MI_AUTH_TYPE_CREDSSP,         MI_AUTH_TYPE_ISSUER_CERT};
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (util_strieq(t, known[i]))
            return 1;
    return 0;
}

static MI_Result MI_CALL mob_dest_AddCredentials(MI_DestinationOptions *o, const MI_Char *name,
                                                 const MI_UserCredentials *c, MI_Uint32 flags)
{
    mob_options *s = mob_dest_rw(o);
    mob_cred n, *slot = NULL;
    size_t i;
    int certs;
    (void)flags;
    if (!s || !name || !c || !c->authenticationType || !mob_auth_known(c->authenticationType))
        return MI_RESULT_INVALID_PARAMETER;
    if (!util_strieq(name, MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS) &&
        !util_strieq(name, MI_DESTINATIONOPTIONS_PROXY_CREDENTIALS))
        return MI_RESULT_INVALID_PARAMETER;
    certs = util_strieq(c->authenticationType, MI_AUTH_TYPE_CLIENT_CERTS) ||
            util_strieq(c->authenticationType, MI_AUTH_TYPE_ISSUER_CERT);
    memset(&n, 0, sizeof n);
    n.option_name = util_strdup(name);
    n.auth_type = util_strdup(c->authenticationType);
    if (certs) {
        n.thumbprint = util_strdup(c->credentials.certificateThumbprint);
        if (c->credentials.certificateThumbprint && !n.thumbprint)
            goto oom;
    } else {
        const MI_UsernamePasswordCreds *u = &c->credentials.usernamePassword;
        n.domain = util_strdup(u->domain);
        n.username = util_strdup(u->username);
        n.password = util_strdup(u->password);
        if ((u->domain && !n.domain) || (u->username && !n.username) ||
            (u->password && !n.password))
            goto oom;
    }
    if (!n.option_name || !n.auth_type)
        goto oom;
    for (i = 0; i < s->ncreds; i++)
        if (util_strieq(s->creds[i].option_name, name))
            slot = &s->creds[i];
    if (slot) {
        mob_cred_clear(slot);
        *slot = n;
        return MI_RESULT_OK;
    } else {
        mob_cred *p = (mob_cred *)realloc(s->creds, (s->ncreds + 1) * sizeof *p);
        if (!p)
            goto oom;
        s->creds = p;
        s->creds[s->ncreds++] = n;
        return MI_RESULT_OK;
    }
oom:
    mob_cred_clear(&n);
    return MIC_RESULT_NOMEM;
}

static MI_Result MI_CALL mob_dest_GetString(const MI_DestinationOptions *o, const MI_Char *name,
                                            const MI_Char **value, MI_Uint32 *index,
                                            MI_Uint32 *flags)
{
    return mob_st_get_string(mob_dest_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_dest_GetNumber(const MI_DestinationOptions *o, const MI_Char *name,
                                            MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_number(mob_dest_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_dest_GetOptionCount(const MI_DestinationOptions *o, MI_Uint32 *count)
{
    return mob_st_count(mob_dest_store(o), count);
}

static MI_Result MI_CALL mob_dest_GetOptionAt(const MI_DestinationOptions *o, MI_Uint32 index,
                                              const MI_Char **name, MI_Value *value, MI_Type *type,
                                              MI_Uint32 *flags)
{
    return mob_store_option_at(mob_dest_store(o), index, name, value, type, flags);
}

static MI_Result MI_CALL mob_dest_GetOption(const MI_DestinationOptions *o, const MI_Char *name,
                                            MI_Value *value, MI_Type *type, MI_Uint32 *index,
                                            MI_Uint32 *flags)
{
    return mob_store_option(mob_dest_store(o), name, value, type, index, flags);
}

static MI_Result MI_CALL mob_dest_GetCredentialsCount(const MI_DestinationOptions *o,
                                                      MI_Uint32 *count)
{
    const mob_options *s = mob_dest_store(o);
    if (!s || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = (MI_Uint32)s->ncreds;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_dest_GetCredentialsAt(const MI_DestinationOptions *o, MI_Uint32 index,
                                                   const MI_Char **name, MI_UserCredentials *c,
                                                   MI_Uint32 *flags)
{
    const mob_options *s = mob_dest_store(o);
    const mob_cred *k;
    if (!s || !c)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->ncreds)
        return MI_RESULT_NOT_FOUND;
    k = &s->creds[index];
    if (name)
        *name = k->option_name;
    if (flags)
        *flags = 0;
    memset(c, 0, sizeof *c);
    c->authenticationType = k->auth_type;
    if (k->thumbprint) {
        c->credentials.certificateThumbprint = k->thumbprint;
    } else {
        c->credentials.usernamePassword.domain = k->domain;
        c->credentials.usernamePassword.username = k->username;
        c->credentials.usernamePassword.password = k->password ? MI_T("******") : NULL;
    }
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_dest_GetCredentialsPasswordAt(const MI_DestinationOptions *o,
                                                           MI_Uint32 index, const MI_Char **name,
                                                           MI_Char *password, MI_Uint32 buflen,
                                                           MI_Uint32 *pwlen, MI_Uint32 *flags)
{
    const mob_options *s = mob_dest_store(o);
    const mob_cred *k;
    size_t n;
    if (!s || !pwlen)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= s->ncreds)
        return MI_RESULT_NOT_FOUND;
    k = &s->creds[index];
    if (name)
        *name = k->option_name;
    if (flags)
        *flags = 0;
    n = k->password ? strlen(k->password) + 1 : 1;
    *pwlen = (MI_Uint32)n;
    if (!password || buflen < n)
        return MI_RESULT_FAILED; /* too small: *pwlen says what is needed */
    memcpy(password, k->password ? k->password : "", n);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_dest_Clone(const MI_DestinationOptions *self,
                                        MI_DestinationOptions *out)
{
    MI_Result r = mob_st_clone(mob_dest_store(self), out, out ? &out->reserved1 : NULL,
                               out ? &out->reserved2 : NULL);
    if (r == MI_RESULT_OK)
        out->ft = self->ft;
    return r;
}

static MI_Result MI_CALL mob_dest_SetInterval(MI_DestinationOptions *o, const MI_Char *name,
                                              const MI_Interval *value, MI_Uint32 flags)
{
    return mob_st_set_interval(mob_dest_rw(o), name, value, flags);
}

static MI_Result MI_CALL mob_dest_GetInterval(const MI_DestinationOptions *o, const MI_Char *name,
                                              MI_Interval *value, MI_Uint32 *index,
                                              MI_Uint32 *flags)
{
    return mob_st_get_interval(mob_dest_store(o), name, value, index, flags);
}

static const MI_DestinationOptionsFT mob_dest_ft = {
    mob_dest_Delete,
    mob_dest_SetString,
    mob_dest_SetNumber,
    mob_dest_AddCredentials,
    mob_dest_GetString,
    mob_dest_GetNumber,
    mob_dest_GetOptionCount,
    mob_dest_GetOptionAt,
    mob_dest_GetOption,
    mob_dest_GetCredentialsCount,
    mob_dest_GetCredentialsAt,
    mob_dest_GetCredentialsPasswordAt,
    mob_dest_Clone,
    mob_dest_SetInterval,
    mob_dest_GetInterval,
};

MI_Result mob_destination_options_new(MI_DestinationOptions *out)
{
    mob_options *s;
    if (!out)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (!(s = (mob_options *)calloc(1, sizeof *s)))
        return MIC_RESULT_NOMEM;
    s->magic = MOB_DEST_MAGIC;
    out->reserved1 = MOB_DEST_MAGIC;
    out->reserved2 = (ptrdiff_t)s;
    out->ft = &mob_dest_ft;
    return MI_RESULT_OK;
}

/* ---- operation options -------------------------------------------------------------------- */

static mob_options *mob_op_rw(MI_OperationOptions *o)
{
    mob_options *s;
    if (!o || o->reserved1 != MOB_OPER_MAGIC || !o->reserved2)
        return NULL;
    s = (mob_options *)o->reserved2;
    return s->magic == MOB_OPER_MAGIC ? s : NULL;
}

const mob_options *mob_op_store(const MI_OperationOptions *o)
{
    return mob_op_rw((MI_OperationOptions *)o);
}

static void MI_CALL mob_oo_Delete(MI_OperationOptions *o)
{
    mob_store_free(mob_op_rw(o));
    if (o)
        memset(o, 0, sizeof *o);
}

static MI_Result MI_CALL mob_oo_SetString(MI_OperationOptions *o, const MI_Char *name,
                                          const MI_Char *value, MI_Uint32 flags)
{
    MI_Value v;
    if (!name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    v.string = (MI_Char *)value;
    return mob_store_set(mob_op_rw(o), name, MOB_OPT_STRING, MI_STRING, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_oo_SetNumber(MI_OperationOptions *o, const MI_Char *name,
                                          MI_Uint32 value, MI_Uint32 flags)
{
    MI_Value v;
    if (!name)
        return MI_RESULT_INVALID_PARAMETER;
    v.uint32 = value;
    return mob_store_set(mob_op_rw(o), name, MOB_OPT_NUMBER, MI_UINT32, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_oo_SetCustomOption(MI_OperationOptions *o, const MI_Char *name,
                                                MI_Type type, const MI_Value *value,
                                                MI_Boolean must, MI_Uint32 flags)
{
    mob_options *s = mob_op_rw(o);
    /* Custom options travel as w:Option text: scalars only. */
    if (!s || !name || !value || (type & MI_ARRAY) || type == MI_REFERENCE || type == MI_INSTANCE ||
        (unsigned)type > MI_INSTANCEA || (type == MI_STRING && !value->string))
        return MI_RESULT_INVALID_PARAMETER;
    if (!strncmp(name, "__MI_", 5))
        return MI_RESULT_INVALID_PARAMETER; /* reserved names */
    return mob_store_set(s, name, MOB_OPT_CUSTOM, type, value, flags,
                         (MI_Boolean)(must || s->custom_must_understand));
}

static MI_Result MI_CALL mob_oo_GetString(const MI_OperationOptions *o, const MI_Char *name,
                                          const MI_Char **value, MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_string(mob_op_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_oo_GetNumber(const MI_OperationOptions *o, const MI_Char *name,
                                          MI_Uint32 *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_number(mob_op_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_oo_GetOptionCount(const MI_OperationOptions *o, MI_Uint32 *count)
{
    return mob_st_count(mob_op_store(o), count);
}

static MI_Result MI_CALL mob_oo_GetOptionAt(const MI_OperationOptions *o, MI_Uint32 index,
                                            const MI_Char **name, MI_Value *value, MI_Type *type,
                                            MI_Uint32 *flags)
{
    return mob_store_option_at(mob_op_store(o), index, name, value, type, flags);
}

static MI_Result MI_CALL mob_oo_GetOption(const MI_OperationOptions *o, const MI_Char *name,
                                          MI_Value *value, MI_Type *type, MI_Uint32 *index,
                                          MI_Uint32 *flags)
{
    return mob_store_option(mob_op_store(o), name, value, type, index, flags);
}

static MI_Result MI_CALL mob_oo_GetEnabledChannels(const MI_OperationOptions *o,
                                                   const MI_Char *name, MI_Uint32 *channels,
                                                   MI_Uint32 buflen, MI_Uint32 *count,
                                                   MI_Uint32 *flags)
{
    const mob_options *s = mob_op_store(o);
    size_t i;
    MI_Uint32 n = 0;
    if (!s || !name || !count)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < s->count; i++)
        if (util_strieq(s->opts[i].name, name) && s->opts[i].flags == 0) {
            if (channels && n < buflen)
                channels[n] = s->opts[i].value.uint32;
            n++;
        }
    *count = n;
    if (flags)
        *flags = 0;
    return (n > buflen) ? MI_RESULT_FAILED : MI_RESULT_OK;
}

static MI_Result MI_CALL mob_oo_Clone(const MI_OperationOptions *self, MI_OperationOptions *out)
{
    MI_Result r = mob_st_clone(mob_op_store(self), out, out ? &out->reserved1 : NULL,
                               out ? &out->reserved2 : NULL);
    if (r == MI_RESULT_OK)
        out->ft = self->ft;
    return r;
}

static MI_Result MI_CALL mob_oo_SetInterval(MI_OperationOptions *o, const MI_Char *name,
                                            const MI_Interval *value, MI_Uint32 flags)
{
    return mob_st_set_interval(mob_op_rw(o), name, value, flags);
}

static MI_Result MI_CALL mob_oo_GetInterval(const MI_OperationOptions *o, const MI_Char *name,
                                            MI_Interval *value, MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_interval(mob_op_store(o), name, value, index, flags);
}

static const MI_OperationOptionsFT mob_oo_ft = {
    mob_oo_Delete,      mob_oo_SetString,          mob_oo_SetNumber,      mob_oo_SetCustomOption,
    mob_oo_GetString,   mob_oo_GetNumber,          mob_oo_GetOptionCount, mob_oo_GetOptionAt,
    mob_oo_GetOption,   mob_oo_GetEnabledChannels, mob_oo_Clone,          mob_oo_SetInterval,
    mob_oo_GetInterval,
};

MI_Result mob_operation_options_new(MI_Boolean mustUnderstand, MI_OperationOptions *out)
{
    mob_options *s;
    if (!out)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (!(s = (mob_options *)calloc(1, sizeof *s)))
        return MIC_RESULT_NOMEM;
    s->magic = MOB_OPER_MAGIC;
    s->custom_must_understand = mustUnderstand ? MI_TRUE : MI_FALSE;
    out->reserved1 = MOB_OPER_MAGIC;
    out->reserved2 = (ptrdiff_t)s;
    out->ft = &mob_oo_ft;
    return MI_RESULT_OK;
}

/* ---- subscription delivery options ----------------------------------------------------------
 * Pull delivery only: what a subscription reads is its expiration time and heartbeat interval;
 * credentials (push delivery's) are not supported. */

static mob_options *mob_sd_rw(MI_SubscriptionDeliveryOptions *o)
{
    mob_options *s;
    if (!o || o->reserved1 != MOB_SUBD_MAGIC || !o->reserved2)
        return NULL;
    s = (mob_options *)o->reserved2;
    return s->magic == MOB_SUBD_MAGIC ? s : NULL;
}

const mob_options *mob_sd_store(const MI_SubscriptionDeliveryOptions *o)
{
    return mob_sd_rw((MI_SubscriptionDeliveryOptions *)o);
}

static MI_Result MI_CALL mob_sd_SetString(MI_SubscriptionDeliveryOptions *o, const MI_Char *name,
                                          const MI_Char *value, MI_Uint32 flags)
{
    MI_Value v;
    if (!name || !value)
        return MI_RESULT_INVALID_PARAMETER;
    v.string = (MI_Char *)value;
    return mob_store_set(mob_sd_rw(o), name, MOB_OPT_STRING, MI_STRING, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_sd_SetNumber(MI_SubscriptionDeliveryOptions *o, const MI_Char *name,
                                          MI_Uint32 value, MI_Uint32 flags)
{
    MI_Value v;
    v.uint32 = value;
    return mob_store_set(mob_sd_rw(o), name, MOB_OPT_NUMBER, MI_UINT32, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_sd_SetDateTime(MI_SubscriptionDeliveryOptions *o, const MI_Char *name,
                                            const MI_Datetime *value, MI_Uint32 flags)
{
    MI_Value v;
    if (!value)
        return MI_RESULT_INVALID_PARAMETER;
    v.datetime = *value;
    return mob_store_set(mob_sd_rw(o), name, MOB_OPT_DATETIME, MI_DATETIME, &v, flags, MI_FALSE);
}

static MI_Result MI_CALL mob_sd_SetInterval(MI_SubscriptionDeliveryOptions *o, const MI_Char *name,
                                            const MI_Interval *value, MI_Uint32 flags)
{
    return mob_st_set_interval(mob_sd_rw(o), name, value, flags);
}

static MI_Result MI_CALL mob_sd_AddCredentials(MI_SubscriptionDeliveryOptions *o,
                                               const MI_Char *name, const MI_UserCredentials *c,
                                               MI_Uint32 flags)
{
    (void)name, (void)c, (void)flags;
    return mob_sd_rw(o) ? MI_RESULT_NOT_SUPPORTED : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL mob_sd_Delete(MI_SubscriptionDeliveryOptions *o)
{
    mob_options *s = mob_sd_rw(o);
    if (!s)
        return MI_RESULT_INVALID_PARAMETER;
    mob_store_free(s);
    memset(o, 0, sizeof *o);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_sd_GetString(const MI_SubscriptionDeliveryOptions *o,
                                          const MI_Char *name, const MI_Char **value,
                                          MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_string(mob_sd_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_sd_GetNumber(const MI_SubscriptionDeliveryOptions *o,
                                          const MI_Char *name, MI_Uint32 *value, MI_Uint32 *index,
                                          MI_Uint32 *flags)
{
    return mob_st_get_number(mob_sd_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_sd_GetDateTime(const MI_SubscriptionDeliveryOptions *o,
                                            const MI_Char *name, MI_Datetime *value,
                                            MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_datetime(mob_sd_store(o), name, MOB_OPT_DATETIME, value, index, flags);
}

static MI_Result MI_CALL mob_sd_GetInterval(const MI_SubscriptionDeliveryOptions *o,
                                            const MI_Char *name, MI_Interval *value,
                                            MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_st_get_interval(mob_sd_store(o), name, value, index, flags);
}

static MI_Result MI_CALL mob_sd_GetOptionCount(const MI_SubscriptionDeliveryOptions *o,
                                               MI_Uint32 *count)
{
    return mob_st_count(mob_sd_store(o), count);
}

static MI_Result MI_CALL mob_sd_GetOptionAt(const MI_SubscriptionDeliveryOptions *o,
                                            MI_Uint32 index, const MI_Char **name, MI_Value *value,
                                            MI_Type *type, MI_Uint32 *flags)
{
    return mob_store_option_at(mob_sd_store(o), index, name, value, type, flags);
}

static MI_Result MI_CALL mob_sd_GetOption(const MI_SubscriptionDeliveryOptions *o,
                                          const MI_Char *name, MI_Value *value, MI_Type *type,
                                          MI_Uint32 *index, MI_Uint32 *flags)
{
    return mob_store_option(mob_sd_store(o), name, value, type, index, flags);
}

static MI_Result MI_CALL mob_sd_GetCredentialsCount(const MI_SubscriptionDeliveryOptions *o,
                                                    MI_Uint32 *count)
{
    if (!mob_sd_store(o) || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = 0;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_sd_GetCredentialsAt(const MI_SubscriptionDeliveryOptions *o,
                                                 MI_Uint32 index, const MI_Char **name,
                                                 MI_UserCredentials *c, MI_Uint32 *flags)
{
    (void)index, (void)name, (void)c, (void)flags;
    return mob_sd_store(o) ? MI_RESULT_NOT_FOUND : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL mob_sd_GetCredentialsPasswordAt(const MI_SubscriptionDeliveryOptions *o,
                                                         MI_Uint32 index, const MI_Char **name,
                                                         MI_Char *password, MI_Uint32 len,
                                                         MI_Uint32 *plen, MI_Uint32 *flags)
{
    (void)index, (void)name, (void)password, (void)len, (void)plen, (void)flags;
    return mob_sd_store(o) ? MI_RESULT_NOT_FOUND : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL mob_sd_Clone(const MI_SubscriptionDeliveryOptions *self,
                                      MI_SubscriptionDeliveryOptions *out)
{
    MI_Result r = mob_st_clone(mob_sd_store(self), out, out ? &out->reserved1 : NULL,
                               out ? &out->reserved2 : NULL);
    if (r == MI_RESULT_OK)
        out->ft = self->ft;
    return r;
}

static const MI_SubscriptionDeliveryOptionsFT mob_sd_ft = {
    mob_sd_SetString,
    mob_sd_SetNumber,
    mob_sd_SetDateTime,
    mob_sd_SetInterval,
    mob_sd_AddCredentials,
    mob_sd_Delete,
    mob_sd_GetString,
    mob_sd_GetNumber,
    mob_sd_GetDateTime,
    mob_sd_GetInterval,
    mob_sd_GetOptionCount,
    mob_sd_GetOptionAt,
    mob_sd_GetOption,
    mob_sd_GetCredentialsCount,
    mob_sd_GetCredentialsAt,
    mob_sd_GetCredentialsPasswordAt,
    mob_sd_Clone,
};

MI_Result mob_delivery_options_new(MI_SubscriptionDeliveryType type,
                                   MI_SubscriptionDeliveryOptions *out)
{
    mob_options *s;
    if (!out)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (type == MI_SubscriptionDeliveryType_Push)
        return MI_RESULT_NOT_SUPPORTED; /* (the client would have to listen) */
    if (type != MI_SubscriptionDeliveryType_Pull)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(s = (mob_options *)calloc(1, sizeof *s)))
        return MIC_RESULT_NOMEM;
    s->magic = MOB_SUBD_MAGIC;
    out->reserved1 = MOB_SUBD_MAGIC;
    out->reserved2 = (ptrdiff_t)s;
    out->ft = &mob_sd_ft;
    return MI_RESULT_OK;
}
