/* tests/fuzz/fuzz.h - what every libFuzzer harness shares.
 *
 * Readers take file names, so each input is written to a file in a
 * private temporary directory (in /dev/shm when there is one: no disk
 * writes per execution) and read back.  Every harness checks the GError
 * contract of the house style: a failure sets an error, a success never
 * does, and bad data (RP_DATA_ERROR) names the file it is about.  A
 * broken contract aborts, which libFuzzer reports as a crash. */
#ifndef RP_TESTS_FUZZ_H
#define RP_TESTS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/error.h"

/* The repository root (the Makefile passes it), for fixtures. */
#ifndef RP_SOURCE_DIR
#define RP_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A GLib critical or warning (a g_return_if_fail() tripped, "timezone =
 * /etc/passwd" printing GLib-CRITICAL) is a crash too: abort() (GLib's
 * own fatal logs raise SIGTRAP, which libFuzzer does not save an input
 * for). */
static void
fuzz_log(const char *domain, GLogLevelFlags level, const char *message,
         gpointer data)
{
    (void)data;
    fprintf(stderr, "fuzz: %s: %s\n", domain ? domain : "", message);
    if (level &
        (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
        abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_log_set_default_handler(fuzz_log, NULL);
    return 0;
}

/* The harness's temporary directory, made on first use and removed at
 * exit. */
static char *fuzz_tmp_dir;

static inline void
fuzz_remove_dir(void)
{
    GDir *d = g_dir_open(fuzz_tmp_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)) != NULL) {
        g_autofree char *p = g_build_filename(fuzz_tmp_dir, name, NULL);
        g_unlink(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(fuzz_tmp_dir);
}

static inline const char *
fuzz_dir(void)
{
    if (fuzz_tmp_dir == NULL) {
        const char *base =
            g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : NULL;
        g_autofree char *tmpl = g_build_filename(base ? base : g_get_tmp_dir(),
                                                 "rp-fuzz-XXXXXX", NULL);
        fuzz_tmp_dir = g_mkdtemp(g_steal_pointer(&tmpl));
        if (fuzz_tmp_dir == NULL)
            abort();
        atexit(fuzz_remove_dir);
    }
    return fuzz_tmp_dir;
}

/* Writes `size` bytes to the file `name` of the temporary directory and
 * returns its path (transfer full). */
static inline char *
fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char *path = g_build_filename(fuzz_dir(), name, NULL);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
        fclose(f) != 0)
        abort();
    return path;
}

/* A fixture of the repository, by its path from the root (transfer
 * full). */
static inline char *
fuzz_fixture(const char *path)
{
    return g_build_filename(RP_SOURCE_DIR, path, NULL);
}

/* The GError contract: `ok` exactly when no error was set; bad data names
 * `file` (when not NULL).  Frees the error. */
static inline void
fuzz_check(gboolean ok, GError *error, const char *file)
{
    if (ok != (error == NULL)) {
        fprintf(stderr, "fuzz: %s but %s\n", ok ? "success" : "failure",
                error ? error->message : "no error set");
        abort();
    }
    if (error == NULL)
        return;
    if (error->message == NULL || *error->message == '\0') {
        fprintf(stderr, "fuzz: an error without a message\n");
        abort();
    }
    if (file != NULL && error->domain == RP_DATA_ERROR &&
        strstr(error->message, file) == NULL) {
        fprintf(stderr, "fuzz: '%s' does not name %s\n", error->message, file);
        abort();
    }
    g_error_free(error);
}

#endif
