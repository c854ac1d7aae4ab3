/* bench/bench_scenario.c - a year of budget scenarios: `rotaplan
 * scenario` with the sample council's scenarios (data/scenarios.ini, plus
 * one) for the calendar year 2027, forecast from the generated
 * three-year history (the second argument) at 15 minutes: forecasting,
 * staffing and cost with the frontier, no rostering, timed end to end. */
#include <stdio.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench/year.h"

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    const char *history = argc > 2 ? argv[2] : "build/data/history.csv";
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", &error);
    g_autofree char *base = NULL;
    if (c == NULL ||
        !g_file_get_contents("data/scenarios.ini", &base, NULL, &error)) {
        fprintf(stderr, "bench_scenario: %s\n", error->message);
        return 1;
    }
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autofree char *scen = g_build_filename(dir, "scenarios.ini", NULL);
    g_autofree char *cwd = g_get_current_dir();
    /* the scenarios name centre-extended.ini relative to their file */
    g_autofree char *text =
        g_strdup_printf("%s\n[scenario:email_doubles]\nvolume.email = x2\n"
                        "volume.web = x2\n",
                        base);
    g_autofree char *ext_from = g_build_filename(cwd, "data", NULL);
    g_autofree char *fixed = NULL;
    {
        g_auto(GStrv) parts =
            g_strsplit(text, "base = centre-extended.ini", -1);
        g_autofree char *abs_base =
            g_strdup_printf("base = %s/centre-extended.ini", ext_from);
        fixed = g_strjoinv(abs_base, parts);
    }
    if (!g_file_set_contents(scen, fixed, -1, &error)) {
        fprintf(stderr, "bench_scenario: %s\n", error->message);
        return 1;
    }
    const char *args[] = {
        rotaplan,      "scenario",  "--config", "data/centre.ini",
        "--history",   history,     "--events", "data/events.csv",
        "--scenarios", scen,        "--year",   "2027",
        "-o",          "/dev/null", NULL};
    double t = rp_bench_time(args, 1);
    g_unlink(scen);
    g_rmdir(dir);
    if (t < 0.0)
        return 1;
    g_auto(GStrv) groups = g_strsplit(fixed, "[scenario:", -1);
    printf("scenario, %u scenarios x the year 2027 (%u queues, forecast, "
           "staffing, cost and an 8-point frontier, %u threads): %.2f s "
           "(target < 30 s)\n",
           g_strv_length(groups) - 1, c->queues->len, g_get_num_processors(),
           t);
    return 0;
}
