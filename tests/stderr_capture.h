/* SPDX-License-Identifier: MIT */
/* tests/stderr_capture.h: catches what a program writes to stderr between begin and end (file
 * descriptor 2 pointed at a temporary file), so that a test can require a library to print
 * nothing. Test code only; not thread-safe (one capture at a time). */
#ifndef MOFBIND_STDERR_CAPTURE_H
#define MOFBIND_STDERR_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

typedef struct stderr_capture {
    FILE *file;
    int saved; /* the original stderr */
} stderr_capture;

/* 0 when capturing, -1 when stderr could not be redirected (nothing changed then). */
static int stderr_capture_begin(stderr_capture *c)
{
    fflush(stderr);
    c->saved = -1;
    if (!(c->file = tmpfile()))
        return -1;
    if ((c->saved = dup(2)) < 0 || dup2(fileno(c->file), 2) != 2) {
        if (c->saved >= 0)
            close(c->saved);
        fclose(c->file);
        return -1;
    }
    return 0;
}

/* Puts stderr back; buf gets the start of what was written ("" for nothing). */
static const char *stderr_capture_end(stderr_capture *c, char *buf, size_t size)
{
    size_t n;
    fflush(stderr);
    dup2(c->saved, 2);
    close(c->saved);
    rewind(c->file);
    n = fread(buf, 1, size - 1, c->file);
    buf[n] = '\0';
    fclose(c->file);
    return buf;
}

#endif
