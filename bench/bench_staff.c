/* bench/bench_staff.c - `rotaplan staff` on a year of 15-minute intervals.
 *
 * A year of volumes for the sample council (data/centre.ini, 17 queues,
 * every interval of 2027 including the clock-change days), timed end to
 * end through the real command: start-up, reading, Erlang searches,
 * deferred plans, writing the requirements CSV. */
#include <stdio.h>

#include <glib.h>

#include "bench/year.h"

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
    g_autofree char *vol = rp_bench_year_file(c, 2027, &rows);
    g_autofree char *dir = g_path_get_dirname(vol);
    g_autofree char *out = g_build_filename(dir, "req.csv", NULL);
    const char *args[] = {
        rotaplan, "staff", "--config",  "data/centre.ini", "--volumes", vol,
        "-o",     out,     "--summary", "/dev/null",       NULL};
    double t = rp_bench_time(args, 3);
    remove(out);
    rp_bench_year_remove(vol);
    if (t < 0.0)
        return 1;
    printf("staff, a year of 15-minute intervals (%zu rows, %u queues): "
           "%.3f s (best of 3; target < 1 s)\n",
           rows, c->queues->len, t);
    return 0;
}
