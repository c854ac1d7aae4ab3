/* bench/bench_staff.c - `rotaplan staff` on a year of 15-minute intervals.
 *
 * Writes a volumes file for the sample council (data/centre.ini, 17
 * queues): every 15-minute interval of 2027, open or not (96 a day, 92 or
 * 100 on clock-change days), with seeded random volumes, then times the
 * real command end to end (start-up, reading, Erlang searches, deferred
 * plans, writing the requirements CSV).  Run from the repository root
 * with the path of the rotaplan binary. */
#include <stdio.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/centre.h"
#include "common/clock.h"
#include "common/units.h"

static GString *
year_of_volumes(const RpCentre *c, size_t *rows)
{
    GRand *rng = g_rand_new_with_seed(2027);
    GString *s = g_string_new("interval_start,queue,contacts\n");
    gint64 t0, t1;
    rp_clock_parse(c->clock, "2027-01-01T00:00", &t0, NULL);
    rp_clock_parse(c->clock, "2028-01-01T00:00", &t1, NULL);
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
    return s;
}

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", &error);
    if (c == NULL) {
        fprintf(stderr, "bench_staff: %s\n", error->message);
        return 1;
    }
    size_t rows;
    g_autoptr(GString) text = year_of_volumes(c, &rows);
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autofree char *vol = g_build_filename(dir, "year.csv", NULL);
    g_autofree char *out = g_build_filename(dir, "req.csv", NULL);
    if (!g_file_set_contents(vol, text->str, (gssize)text->len, &error)) {
        fprintf(stderr, "bench_staff: %s\n", error->message);
        return 1;
    }
    char *args[] = {g_strdup(rotaplan), g_strdup("staff"),
                    g_strdup("--config"), g_strdup("data/centre.ini"),
                    g_strdup("--volumes"), g_strdup(vol), g_strdup("-o"),
                    g_strdup(out), g_strdup("--summary"),
                    g_strdup("/dev/null"), NULL};
    double best = G_MAXDOUBLE;
    int status = 0;
    for (int run = 0; run < 3; run++) {
        gint64 start = g_get_monotonic_time();
        if (!g_spawn_sync(NULL, args, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, NULL, NULL, &status, &error) ||
            !g_spawn_check_wait_status(status, &error)) {
            fprintf(stderr, "bench_staff: %s\n", error->message);
            return 1;
        }
        best = MIN(best, (double)(g_get_monotonic_time() - start) / 1e6);
    }
    printf("staff, a year of 15-minute intervals (%zu rows, %u queues): "
           "%.3f s (best of 3; target < 1 s)\n",
           rows, c->queues->len, best);
    for (size_t i = 0; args[i]; i++)
        g_free(args[i]);
    if (g_getenv("RP_BENCH_KEEP")) printf("kept %s\n", vol); else g_unlink(vol);
    g_unlink(out);
    g_rmdir(dir);
    return 0;
}
