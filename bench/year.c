/* bench/year.c - a year of volumes for the benchmarks, timing, the demo
 * plan's command line and removing a folder. */
#include "bench/year.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "common/clock.h"

char *
rp_bench_year_file(const RpCentre *c, int year, size_t *rows)
{
    GRand *rng = g_rand_new_with_seed((guint32)year);
    GString *s = g_string_new("interval_start,queue,contacts\n");
    g_autofree char *from = g_strdup_printf("%d-01-01T00:00", year);
    g_autofree char *to = g_strdup_printf("%d-01-01T00:00", year + 1);
    gint64 t0, t1;
    rp_clock_parse(c->clock, from, &t0, NULL);
    rp_clock_parse(c->clock, to, &t1, NULL);
    *rows = 0;
    for (gint64 t = t0; t < t1; t += 900) {
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock, t, when, sizeof when);
        for (guint q = 0; q < c->queues->len; q++) {
            gboolean open = rp_centre_queue_open_at(c, q, t);
            double mean = open ? g_rand_double_range(rng, 2.0, 40.0) : 0.2;
            g_string_append_printf(s, "%s,%s,%.0f\n", when,
                                   rp_centre_queue(c, q)->id,
                                   g_rand_double_range(rng, 0.5, 1.5) * mean);
            (*rows)++;
        }
    }
    g_rand_free(rng);
    char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    char *path = g_build_filename(dir, "year.csv", NULL);
    if (!g_file_set_contents(path, s->str, (gssize)s->len, NULL))
        g_error("cannot write %s", path);
    g_string_free(s, TRUE);
    g_free(dir);
    return path;
}

void
rp_bench_year_remove(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_unlink(path);
    g_rmdir(dir);
}

double
rp_bench_time(const char *const *args, int runs)
{
    g_auto(GStrv) argv = g_strdupv((char **)(void *)(gsize)args);
    double best = G_MAXDOUBLE;
    for (int run = 0; run < runs; run++) {
        g_autoptr(GError) error = NULL;
        int status = 0;
        gint64 start = g_get_monotonic_time();
        if (!g_spawn_sync(NULL, argv, NULL,
                          G_SPAWN_STDERR_TO_DEV_NULL |
                              G_SPAWN_STDOUT_TO_DEV_NULL,
                          NULL, NULL, NULL, NULL, &status, &error) ||
            !g_spawn_check_wait_status(status, &error)) {
            fprintf(stderr, "bench: %s: %s\n", argv[1], error->message);
            return -1.0;
        }
        best = MIN(best, (double)(g_get_monotonic_time() - start) / 1e6);
    }
    return best;
}

/* The volumes file at `path` with every `contacts` (third column) times
 * `factor`.  (transfer full) */
char *
rp_bench_scaled_volumes(const char *path, double factor)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GString *out = g_string_new(NULL);
    for (size_t k = 0; lines[k] && *lines[k]; k++) {
        g_auto(GStrv) f = g_strsplit(lines[k], ",", 4);
        if (k == 0 || !f[1] || !f[2]) {
            g_string_append_printf(out, "%s\n", lines[k]);
            continue;
        }
        g_string_append_printf(out, "%s,%s,%.4f%s%s\n", f[0], f[1],
                               g_ascii_strtod(f[2], NULL) * factor,
                               f[3] ? "," : "", f[3] ? f[3] : "");
    }
    return g_string_free(out, FALSE);
}

void
rp_bench_plan_argv(const char **argv, const char *rotaplan, const char *history,
                   const char *officers, const char *out)
{
    const char *a[RP_BENCH_PLAN_ARGC + 1] = {
        rotaplan, "plan",     "--config",        "data/centre.ini", "--history",
        history,  "--events", "data/events.csv", "--officers",      officers,
        "--week", "2026-W49", "--time-limit",    "3000s",           "--out",
        out,      NULL};
    memcpy(argv, a, sizeof a);
}

void
rp_bench_remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
        const char *name;
        while (d && (name = g_dir_read_name(d)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            rp_bench_remove_tree(child);
        }
        g_rmdir(path);
    } else {
        g_remove(path);
    }
}
