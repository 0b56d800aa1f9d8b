/* SPDX-License-Identifier: MIT */
/* tests/fuzz/replay.c: runs a libFuzzer harness (its LLVMFuzzerTestOneInput) over every file of
 * its corpus directory, $MOFBIND_SRCDIR/REPLAY_DIR (a compile-time define): the seeds and every
 * input that once crashed it, which stay there as regression tests. Built with the project's
 * compiler by `make check`, so that the sanitizer build replays them under ASan+UBSan. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef REPLAY_DIR
#error "REPLAY_DIR must name the corpus directory, relative to the source tree"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    int c;
    if (!f) {
        perror(path);
        return -1;
    }
    while ((c = getc(f)) != EOF) {
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap ? cap * 2 : 4096);
            if (!nb) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = nb;
            cap = cap ? cap * 2 : 4096;
        }
        buf[n++] = (uint8_t)c;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", n);
    free(buf);
    return 0;
}

int main(void)
{
    const char *src = getenv("MOFBIND_SRCDIR");
    char dir[4096], path[8192];
    DIR *d;
    struct dirent *e;
    int files = 0, failed = 0;
    snprintf(dir, sizeof dir, "%s/%s", src && *src ? src : "..", REPLAY_DIR);
    d = opendir(dir);
    if (!d) {
        perror(dir);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (replay_file(path) != 0)
            failed++;
        files++;
    }
    closedir(d);
    printf("replayed %d inputs of %s\n", files, REPLAY_DIR);
    return failed || files == 0 ? 1 : 0;
}
