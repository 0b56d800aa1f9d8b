/* SPDX-License-Identifier: MIT */
/* bench/cputime.c: runs a command and prints what bench/run needs to know about that one run,
 * in microseconds where the shell's tools only give hundredths: "WALL CPU MAXRSS USER" (elapsed
 * and user+system CPU time of the command and everything it waited for, in microseconds; peak
 * RSS of the largest process in KiB; the user part of CPU, in microseconds). On a machine
 * shared with other work, CPU time says what the command costs and wall time what it took.
 * The command's output goes to /dev/null.
 * Usage: cputime COMMAND [ARG]... ; exit status 1 when the command fails. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status = 0;
    pid_t pid;
    if (argc < 2) {
        fputs("usage: cputime COMMAND [ARG]...\n", stderr);
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%ld %ld %ld %ld\n",
           (long)((t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000),
           (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L +
               (long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec),
           ru.ru_maxrss, (long)ru.ru_utime.tv_sec * 1000000L + (long)ru.ru_utime.tv_usec);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
