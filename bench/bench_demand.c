/* bench/bench_demand.c - the demand councils face (issue 15), measured on
 * the sample council: what raising council-tax first-contact resolution
 * from 75% to 80% saves in a year.
 *
 *   build/bench/bench_demand build/rotaplan build/data/history.csv
 *
 * The year is the 52 weeks after the generated history, forecast by
 * `rotaplan forecast`; both scenarios are staffed to the standards and
 * priced by the library's scenario code (no roster).  docs/scenarios.md
 * explains the arithmetic. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench/year.h"
#include "common/fcr.h"
#include "common/scenario.h"
#include "models/scenario.h"

static double
queue_total(const RpVolumes *v, const RpCentre *c, const char *id)
{
    int q = rp_centre_queue_index(c, id);
    double sum = 0.0;
    for (guint i = 0; q >= 0 && i < v->rows[q]->len; i++)
        sum += g_array_index(v->rows[q], RpVolumeRow, i).contacts;
    return sum;
}

static int
fcr_saving(const char *rotaplan, const char *history, const char *dir)
{
    g_autofree char *forecast = g_build_filename(dir, "forecast.csv", NULL);
    g_autofree char *scen = g_build_filename(dir, "fcr.ini", NULL);
    const char *args[] = {
        rotaplan,    "forecast", "--config", "data/centre.ini",
        "--history", history,    "--events", "data/events.csv",
        "--weeks",   "52",       "-o",       forecast,
        NULL};
    double t = rp_bench_time(args, 1);
    if (t < 0.0)
        return 1;
    g_autoptr(GError) error = NULL;
    const char *text = "[scenario:core]\n"
                       "[scenario:fcr80]\nqueue:council_tax.fcr = 80%\n";
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", &error);
    g_autoptr(RpVolumes) v = NULL;
    g_autoptr(GPtrArray) list = NULL;
    if (c == NULL || !g_file_set_contents(scen, text, -1, &error) ||
        (v = rp_volumes_read(forecast, c, NULL, &error)) == NULL ||
        (list = rp_scenarios_load(scen, "data/centre.ini", &error)) == NULL) {
        fprintf(stderr, "bench_demand: %s\n", error->message);
        return 1;
    }
    RpScenarioResult res[2];
    if (!rp_scenario_run_all(list, c, v, NULL, 0, 2, res, &error)) {
        fprintf(stderr, "bench_demand: %s\n", error->message);
        return 1;
    }
    const RpScenario *s80 = g_ptr_array_index(list, 1);
    g_autoptr(RpVolumes) v80 = rp_scenario_volumes(s80, c, v);
    double calls75 = queue_total(v, c, "council_tax");
    double calls80 = queue_total(v80, s80->centre, "council_tax");
    const RpQueue *ct =
        rp_centre_queue(c, (size_t)rp_centre_queue_index(c, "council_tax"));
    double p75 = rp_fcr_repeat_rate(&ct->fcr);
    double days = (double)(rp_centre_local_day(c, v->last) -
                           rp_centre_local_day(c, v->first) + 1);
    double year = 365.25 / days;
    printf("council tax first-contact resolution 75%% -> 80%% (returns "
           "%.0f%%, after %d working days), the 52 weeks forecast from the "
           "history (forecast %.1f s):\n",
           100.0 * ct->fcr.returns, ct->fcr.return_after, t);
    printf("  council tax calls a year: %.0f -> %.0f (%.2f%% fewer; "
           "(1 - %.4f) / (1 - %.4f) = %.4f)\n",
           calls75 * year, calls80 * year, 100.0 * (1.0 - calls80 / calls75),
           p75, ct->fcr.returns * 0.2,
           (1.0 - p75) / (1.0 - ct->fcr.returns * 0.2));
    printf("  officers (FTE): %.2f -> %.2f, %.2f saved\n", res[0].fte,
           res[1].fte, res[0].fte - res[1].fte);
    printf("  cost a year: %.0f -> %.0f, GBP %.0f saved\n", res[0].annual_cost,
           res[1].annual_cost, res[0].annual_cost - res[1].annual_cost);
    rp_scenario_result_clear(&res[0]);
    rp_scenario_result_clear(&res[1]);
    g_unlink(forecast);
    g_unlink(scen);
    return 0;
}

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    const char *history = argc > 2 ? argv[2] : "build/data/history.csv";
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    int status = fcr_saving(rotaplan, history, dir);
    g_rmdir(dir);
    return status;
}
