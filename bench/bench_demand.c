/* bench/bench_demand.c - the demand councils face (issue 15), measured on
 * the sample council: forecasts of lines, channels and the centre
 * reconciled (WAPE per level before and after, on 52 weekly origins, and
 * the coherence of a six-week forecast), and what raising council-tax
 * first-contact resolution from 75% to 80% saves in a year.
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
#include <gsl/gsl_errno.h>

#include "bench/year.h"
#include "common/fcr.h"
#include "common/scenario.h"
#include "forecast/forecast.h"
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
    if (!rp_scenario_run_all(list, c, v, 0, 0, NULL, 0,
                             c->routing == RP_ROUTING_SKILLS, 2, res, &error)) {
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

static const char *const level_names[RP_LEVELS] = {"lines", "channels",
                                                   "centre"};

static const size_t other_origins[] = {8, 26, 78};

/* The best method in hindsight against none, level by level. */
static void
print_choice(const char *when, const RpReconcileBacktest *b)
{
    printf("  %sbest in hindsight %s against none:", when,
           rp_reconcile_name(b->best));
    gboolean worse = FALSE;
    for (int level = 0; level < RP_LEVELS; level++) {
        double d = rp_accuracy_wape(&b->acc[b->best][level]) -
                   rp_accuracy_wape(&b->acc[RP_RECONCILE_NONE][level]);
        worse = worse || d > 1e-12;
        printf(" %s %+.3f pt", level_names[level], 100.0 * d);
    }
    printf(" (%s)\n", worse ? "WORSE at some level" : "not worse at any level");
}

static int
hierarchy(const char *history)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", &error);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = vp.allow_daily = TRUE;
    g_autoptr(RpVolumes) v = NULL;
    g_autoptr(RpEvents) ev = NULL;
    g_autoptr(RpHistory) h = NULL;
    if (c == NULL || (v = rp_volumes_read(history, c, &vp, &error)) == NULL ||
        (ev = rp_events_read("data/events.csv", c, &error)) == NULL ||
        (h = rp_history_new(v, c, ev, NULL, rp_centre_local_day(c, v->last) + 1,
                            42, &error)) == NULL) {
        fprintf(stderr, "bench_demand: %s\n", error->message);
        return 1;
    }
    RpReconcileParams p;
    rp_reconcile_params_init(&p);
    p.n_origins = 52;
    RpReconcileBacktest b;
    gint64 t0 = g_get_monotonic_time();
    if (!rp_reconcile_backtest(h, &p, &b, &error)) {
        fprintf(stderr, "bench_demand: %s\n", error->message);
        return 1;
    }
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    printf("hierarchy, sample council: daily totals of %zu lines, %zu "
           "channels and the centre, %s at every level, %zu origins a week "
           "apart, 7-day horizon (%.1f s; MinT shrinkage %.2f at the last)\n",
           b.n_lines, b.n_channels, p.type->name, b.n_origins, secs, b.lambda);
    printf("  %-10s %8s %9s %7s\n", "WAPE", "lines", "channels", "centre");
    for (int m = 0; m < RP_RECONCILE_N; m++) {
        printf("  %-10s", rp_reconcile_name((RpReconcileMethod)m));
        for (int level = 0; level < RP_LEVELS; level++)
            printf(" %8.3f%%", 100.0 * rp_accuracy_wape(&b.acc[m][level]));
        printf("%s%s\n", (int)b.best == m ? "  <- best in hindsight" : "",
               (int)b.next == m ? "  <- auto's choice now" : "");
    }
    print_choice("", &b);
    printf("  auto as forecast uses it (at each origin mint-level unless "
           "another method beat it at every level by paired t < -%.0f over "
           "the %zu weeks before):",
           RP_RECONCILE_CLEAR, p.n_choose);
    for (int level = 0; level < RP_LEVELS; level++)
        printf(" %s %.3f%% (%+.3f pt)", level_names[level],
               100.0 * rp_accuracy_wape(&b.acc_auto[level]),
               100.0 * (rp_accuracy_wape(&b.acc_auto[level]) -
                        rp_accuracy_wape(&b.acc[RP_RECONCILE_NONE][level])));
    printf("\n    chose");
    for (int m = 0; m < RP_RECONCILE_N; m++)
        if (b.n_chosen[m])
            printf(" %s %zu", rp_reconcile_name((RpReconcileMethod)m),
                   b.n_chosen[m]);
    printf(" times of %zu\n", b.n_origins);
    for (size_t k = 0; k < G_N_ELEMENTS(other_origins); k++) {
        RpReconcileParams q = p;
        q.n_origins = other_origins[k];
        RpReconcileBacktest ob;
        if (!rp_reconcile_backtest(h, &q, &ob, &error)) {
            fprintf(stderr, "bench_demand: %s\n", error->message);
            return 1;
        }
        g_autofree char *when =
            g_strdup_printf("last %zu origins: ", ob.n_origins);
        print_choice(when, &ob);
    }

    RpForecastRunParams fp;
    rp_forecast_run_params_init(&fp);
    g_autoptr(RpForecast) f = rp_forecast_run(h, &fp, &error);
    double before, after;
    if (f == NULL ||
        !rp_forecast_reconcile(f, &p, b.next, &before, &after, &error)) {
        fprintf(stderr, "bench_demand: %s\n", error->message);
        return 1;
    }
    printf("  six-week forecast (auto methods), reconciled %s: channel and "
           "centre days off the sum of their lines by up to %.2f%% before, "
           "%.1e%% after\n",
           rp_reconcile_name(b.next), 100.0 * before, 100.0 * after);
    printf("  real series (data/real/): one queue each, no hierarchy to "
           "reconcile\n");
    return 0;
}

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    const char *history = argc > 2 ? argv[2] : "build/data/history.csv";
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    gsl_set_error_handler_off();
    int status = hierarchy(history) || fcr_saving(rotaplan, history, dir);
    g_rmdir(dir);
    return status;
}
