/* SPDX-License-Identifier: MIT */
/* server/provsession.h: the providers' local session of mofbind-provider-host (provsession.c),
 * what the host program hands srv_provhost_run; it links the client library, which the server
 * library (and with it the in-process host) does not. */
#ifndef MOFBIND_SERVER_PROVSESSION_H
#define MOFBIND_SERVER_PROVSESSION_H

#include "provhost.h"

extern const srv_provhost_local srv_provsession;

#endif
