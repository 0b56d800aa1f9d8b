/* SPDX-License-Identifier: MIT */
/* server/provhost_main.c: mofbind-provider-host FD LIBRARY [IDLE]: the process mofbind-server
 * starts for each provider library (--provider), talking to it over the socket FD; IDLE is the
 * seconds after which an idle provider is unloaded (0: never; absent: 0). Not meant to be run
 * by hand. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provhost.h"
#include "provsession.h"

int main(int argc, char **argv)
{
    char *end;
    long fd;
    unsigned long idle = 0;
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        puts("mofbind-provider-host " PACKAGE_VERSION);
        return 0;
    }
    if ((argc != 3 && argc != 4) || (fd = strtol(argv[1], &end, 10)) < 0 || *end || fd > 1024 ||
        (argc == 4 && (argv[3][0] == '-' || (idle = strtoul(argv[3], &end, 10)) > 0xffffffffUL ||
                       *end || !argv[3][0]))) {
        fputs("Usage: mofbind-provider-host FD LIBRARY [IDLE-SECONDS]\n"
              "Runs the provider LIBRARY for mofbind-server, which starts it (--provider)\n"
              "and talks to it over the socket FD.\n",
              stderr);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a server that went away is seen as a failed write */
    return srv_provhost_run((int)fd, argv[2], &srv_provsession, (unsigned)idle) == 0 ? 0 : 1;
}
