/* bench/bench_forecast.c - forecast accuracy and speed, as issue 3 asks.
 *
 *   bench_forecast CONFIG HISTORY ORIGINS [EVENTS]
 *
 * Runs the rolling-origin backtest (1-week horizon, ORIGINS weekly origins
 * ending at the end of the history) of every method on every queue and
 * prints, per queue and method, WAPE, MASE, bias, the Poisson noise floor,
 * the ratio of WAPE to that floor and the P80/P90 coverage; then the
 * improvement of each method over the seasonal naive, and the wall-clock
 * time of reading the history plus the backtest.  The Makefile's bench
 * target runs it on the real series and on the sample council. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <gsl/gsl_errno.h>

#include "common/units.h"
#include "forecast/forecast.h"

static void
print_row(const char *queue, const char *model, const RpAccuracy *a)
{
    double wape = rp_accuracy_wape(a), floor = rp_accuracy_floor_wape(a);
    printf("%-24s %-8s %7.2f%% %6.3f %+7.2f%% %7.2f%% %6.2f %6.1f%% "
           "%6.1f%% %8zu\n",
           queue, model, 100 * wape, rp_accuracy_mase(a),
           100 * rp_accuracy_bias(a), 100 * floor, wape / floor,
           100 * rp_accuracy_cover80(a), 100 * rp_accuracy_cover90(a), a->n);
}

int
main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 4) {
        fprintf(stderr, "usage: %s CONFIG HISTORY ORIGINS [EVENTS]\n",
                argv[0]);
        return 2;
    }
    g_autoptr(GError) error = NULL;
    gint64 t0 = g_get_monotonic_time();
    g_autoptr(RpCentre) centre = rp_centre_load(argv[1], &error);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    g_autoptr(RpVolumes) v =
        centre ? rp_volumes_read(argv[2], centre, &vp, &error) : NULL;
    g_autoptr(RpEvents) events =
        v && argc > 4 ? rp_events_read(argv[4], centre, &error) : NULL;
    if (v == NULL || (argc > 4 && events == NULL)) {
        fprintf(stderr, "%s\n", error->message);
        return 1;
    }
    gint64 end = rp_centre_local_day(centre, v->last) + 1;
    g_autoptr(RpHistory) h =
        rp_history_new(v, centre, events, NULL, end, 0, &error);
    gint64 t1 = g_get_monotonic_time();
    RpBacktestParams bp;
    rp_backtest_params_init(&bp);
    bp.n_origins = (size_t)atoi(argv[3]);
    g_autoptr(RpBacktest) b = h ? rp_backtest_run(h, &bp, &error) : NULL;
    gint64 t2 = g_get_monotonic_time();
    if (b == NULL) {
        fprintf(stderr, "%s\n", error->message);
        return 1;
    }
    char from[16], to[16];
    rp_format_date(b->first_origin, from, sizeof from);
    rp_format_date(b->last_origin + 6, to, sizeof to);
    printf("%s: %s origins, 1-week horizon, %s to %s\n", argv[2], argv[3],
           from, to);
    printf("%-24s %-8s %8s %6s %8s %8s %6s %7s %7s %8s\n", "queue", "model",
           "WAPE", "MASE", "bias", "floor", "ratio", "P80in", "P90in",
           "n");
    for (guint i = 0; i < b->rows->len; i++) {
        const RpBacktestRow *r = &g_array_index(b->rows, RpBacktestRow, i);
        if (!r->skipped)
            print_row(rp_centre_queue(centre, r->queue)->id, r->type->name,
                      &r->acc);
    }
    for (size_t t = 0; t < b->n_types; t++)
        print_row("ALL", bp.types[t]->name, &b->total[t]);
    double naive = rp_accuracy_wape(&b->total[0]);
    for (size_t t = 1; t < b->n_types; t++)
        printf("%s: interval WAPE %.1f%% below the seasonal naive\n",
               bp.types[t]->name,
               100 * (1 - rp_accuracy_wape(&b->total[t]) / naive));
    printf("read %.2f s, backtest %.2f s (%zu anomalies in the history)\n",
           (double)(t1 - t0) / 1e6, (double)(t2 - t1) / 1e6,
           (size_t)h->anomalies->len);
    return 0;
}
