/* SPDX-License-Identifier: MIT */
/* server/wql.h: the WQL subset mofbind-server answers filtered enumerations with (WS-Man
 * Enumerate with a w:Filter of dialect http://schemas.microsoft.com/wbem/wsman/1/WQL, as
 * PowerShell's Get-CimInstance -Filter and WMI clients send):
 *
 *   SELECT * | Prop [, Prop]... FROM Class [WHERE condition]
 *
 * where a condition combines, with AND, OR, NOT and parentheses, comparisons
 * `Prop op literal` or `literal op Prop` (op: = != <> < > <= >=), `Prop LIKE 'pattern'` (% and
 * _ wildcards, [] not), `Prop IS [NOT] NULL`, and `Prop ISA Class` (an embedded instance or a
 * reference of Class or a subclass; the class as a name or a string) or `__THIS ISA Class`
 * (the instance itself, for a query FROM a superclass). Literals: 'string' or "string" (backslash
 * escapes the next character), integers and reals (signed), TRUE, FALSE, NULL. Keywords and
 * property names are case-insensitive, and so are string comparisons, as in WMI. A comparison
 * with NULL (a NULL property, or the literal) is false; arrays compare false too. The
 * selected property list is checked against the class (and given to a provider as its
 * property set), but full instances are returned.
 *
 * Errors: wql_parse returns NULL with a message (MI_RESULT_INVALID_QUERY is the answer).
 * Threads: a parsed query is read-only and may be shared. */
#ifndef MOFBIND_SERVER_WQL_H
#define MOFBIND_SERVER_WQL_H

#include <stdbool.h>
#include <stddef.h>

#include <mofbind/mi.h>
#include "model.h"

typedef struct wql_query wql_query;

/* Parses text; the FROM class is looked up in ns (and the properties named checked against
 * it). Returns the query (free with wql_free), or NULL with a message in msg. */
wql_query *wql_parse(const char *text, const mof_namespace *ns, char *msg, size_t msglen);

/* The class the query selects from. */
const mof_class *wql_class(const wql_query *q);

/* True when inst (an instance of the class or a subclass) satisfies the WHERE condition. */
bool wql_match(const wql_query *q, const MI_Instance *inst);

/* The properties the query selects (their declared names, valid with the schema): their
 * number, 0 for SELECT *. */
size_t wql_selected(const wql_query *q, const char *const **names);

void wql_free(wql_query *q);

#endif
