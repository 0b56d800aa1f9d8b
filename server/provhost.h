/* SPDX-License-Identifier: MIT */
/* server/provhost.h: the provider host: loads one provider library through MI_Main and serves
 * the requests mofbind-server sends over a socket (provwire.h) by calling the library's
 * MI_ProviderFT, with an MI_Context whose posts go back over the socket. It runs as a process
 * of its own (mofbind-provider-host, so that a crashing provider takes down only its host) or,
 * for debugging, on a thread of the server. */
#ifndef MOFBIND_SERVER_PROVHOST_H
#define MOFBIND_SERVER_PROVHOST_H

/* Serves until the server closes fd (then unloads the provider and returns 0), or returns 1
 * when the library cannot be loaded (after telling the server why). fd is closed on return.
 * Each request runs on a thread of its own, so a provider that blocks holds up only its own
 * request. */
int srv_provhost_run(int fd, const char *path);

#endif
