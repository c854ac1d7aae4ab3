/* bench/bench_forecast.c - forecast accuracy and speed, as issue 3 asks.
 *
 *   bench_forecast DATA_DIR     (make bench: DATA_DIR = build/data)
 *
 * 1. The real bank series (data/real/bank-calls-5min.csv): rolling-origin
 *    backtest, 1-week horizon, origins over its last 4 weeks (and 12),
 *    interval-level (5-minute) WAPE of every method, its improvement over
 *    the seasonal naive and its ratio to the Poisson noise floor.
 * 2. The Israeli Anonymous Bank series, the same over its last 4 weeks.
 * 3. The sample council (DATA_DIR/history.csv, three years): the same
 *    table per queue over the last year (52 origins), with the time to
 *    read the history and run the backtest.
 * 4. A 6-week forecast of every queue of the sample council (method
 *    chosen per queue), timed from reading the history.
 * Figures are printed, never asserted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <gsl/gsl_errno.h>

#include "common/units.h"
#include "forecast/forecast.h"

typedef struct {
    RpCentre *centre;
    RpVolumes *volumes;
    RpEvents *events;
    RpHistory *history;
} Loaded;

static void
loaded_clear(Loaded *l)
{
    rp_history_free(l->history);
    rp_events_free(l->events);
    rp_volumes_free(l->volumes);
    rp_centre_free(l->centre);
}

static void
die(GError *error)
{
    fprintf(stderr, "bench_forecast: %s\n", error->message);
    exit(1);
}

static void
load(Loaded *l, const char *config, const char *history, const char *events,
     size_t n_days)
{
    GError *error = NULL;
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    if ((l->centre = rp_centre_load(config, &error)) == NULL ||
        (l->volumes = rp_volumes_read(history, l->centre, &vp, &error)) ==
            NULL ||
        (events &&
         (l->events = rp_events_read(events, l->centre, &error)) == NULL))
        die(error);
    gint64 end = rp_centre_local_day(l->centre, l->volumes->last) + 1;
    l->history = rp_history_new(l->volumes, l->centre, l->events, NULL, end,
                                n_days, &error);
    if (l->history == NULL)
        die(error);
}

static void
print_row(const char *queue, const char *model, const RpAccuracy *a)
{
    double wape = rp_accuracy_wape(a), floor = rp_accuracy_floor_wape(a);
    printf("  %-24s %-8s %6.2f%% %5.2f %+6.2f%% %6.2f%% %5.2f %5.1f%% "
           "%5.1f%% %7zu\n",
           queue, model, 100 * wape, rp_accuracy_mase(a),
           100 * rp_accuracy_bias(a), 100 * floor, wape / floor,
           100 * rp_accuracy_cover80(a), 100 * rp_accuracy_cover90(a), a->n);
}

static void
backtest(const char *title, const Loaded *l, size_t n_origins,
         gboolean per_queue)
{
    RpBacktestParams bp;
    rp_backtest_params_init(&bp);
    bp.n_origins = n_origins;
    GError *error = NULL;
    gint64 t0 = g_get_monotonic_time();
    RpBacktest *b = rp_backtest_run(l->history, &bp, &error);
    gint64 t1 = g_get_monotonic_time();
    if (b == NULL)
        die(error);
    char from[16], to[16];
    rp_format_date(b->first_origin, from, sizeof from);
    rp_format_date(b->last_origin + 6, to, sizeof to);
    printf("\n%s: %zu weekly origins, 1-week horizon, scored %s to %s\n", title,
           n_origins, from, to);
    printf("  %-24s %-8s %7s %5s %7s %7s %5s %6s %6s %7s\n", "queue", "model",
           "WAPE", "MASE", "bias", "floor", "ratio", "inP80", "inP90", "n");
    for (guint i = 0; per_queue && i < b->rows->len; i++) {
        const RpBacktestRow *r = &g_array_index(b->rows, RpBacktestRow, i);
        if (!r->skipped)
            print_row(rp_centre_queue(l->centre, r->queue)->id, r->type->name,
                      &r->acc);
    }
    for (size_t t = 0; t < b->n_types; t++)
        print_row("all queues", bp.types[t]->name, &b->total[t]);
    double naive = rp_accuracy_wape(&b->total[0]);
    for (size_t t = 1; t < b->n_types; t++) {
        double w = rp_accuracy_wape(&b->total[t]);
        printf("  %-8s WAPE %.2f%%: %.1f%% below the seasonal naive (%.2f%%), "
               "%.2f x the Poisson floor (%.2f%%)\n",
               bp.types[t]->name, 100 * w, 100 * (1 - w / naive), 100 * naive,
               w / rp_accuracy_floor_wape(&b->total[t]),
               100 * rp_accuracy_floor_wape(&b->total[t]));
    }
    printf("  backtest time %.2f s\n", (double)(t1 - t0) / 1e6);
    rp_backtest_free(b);
}

/* Contacts per channel in the last 365 days of the history, against the
 * sample council's figures (docs/sample-council.md). */
static void
print_volumes(const Loaded *l)
{
    double by[6] = {0}, total = 0.0;
    gint64 from = l->volumes->last - 365 * 86400;
    for (size_t q = 0; q < l->volumes->n_queues; q++) {
        GArray *rows = l->volumes->rows[q];
        RpChannel ch = rp_centre_queue(l->centre, q)->channel;
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            if (r->start > from) {
                by[ch] += r->contacts;
                total += r->contacts;
            }
        }
    }
    printf("  last year: %.0f calls (target 620,000), %.0f visits (152,000), "
           "%.0f email and web forms, %.0f letters, %.0f voicemails; "
           "phone %.0f%%, face to face %.0f%%\n",
           by[RP_CHANNEL_PHONE], by[RP_CHANNEL_RECEPTION],
           by[RP_CHANNEL_EMAIL] + by[RP_CHANNEL_WEB], by[RP_CHANNEL_POST],
           by[RP_CHANNEL_VOICEMAIL], 100 * by[RP_CHANNEL_PHONE] / total,
           100 * by[RP_CHANNEL_RECEPTION] / total);
}

static void
time_forecast(const char *config, const char *history, const char *events)
{
    gint64 t0 = g_get_monotonic_time();
    Loaded l = {0};
    load(&l, config, history, events, 42);
    gint64 t1 = g_get_monotonic_time();
    RpForecastRunParams p;
    rp_forecast_run_params_init(&p);
    GError *error = NULL;
    RpForecast *f = rp_forecast_run(l.history, &p, &error);
    if (f == NULL)
        die(error);
    GString *csv = rp_forecast_to_csv(f);
    gint64 t2 = g_get_monotonic_time();
    printf("\nsample council, 6-week forecast of %u queues (method chosen "
           "per queue by a 4-origin backtest): read %.2f s, forecast %.2f "
           "s, total %.2f s, %zu bytes of CSV\n",
           f->queues->len, (double)(t1 - t0) / 1e6, (double)(t2 - t1) / 1e6,
           (double)(t2 - t0) / 1e6, csv->len);
    g_string_free(csv, TRUE);
    rp_forecast_free(f);
    loaded_clear(&l);
}

int
main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc != 2) {
        fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    g_autofree char *bank = g_build_filename(argv[1], "bank-history.csv", NULL);
    g_autofree char *israel =
        g_build_filename(argv[1], "anonymous-bank-history.csv", NULL);
    g_autofree char *council = g_build_filename(argv[1], "history.csv", NULL);
    printf("forecast accuracy (interval level) and speed\n");
    Loaded l = {0};
    load(&l, "data/real/bank-5min.ini", bank, NULL, 0);
    backtest("real bank series (fpp2 calls, 5-minute)", &l, 4, FALSE);
    backtest("real bank series (fpp2 calls, 5-minute)", &l, 12, FALSE);
    loaded_clear(&l);
    l = (Loaded){0};
    load(&l, "data/real/anonymous-bank-6min.ini", israel, NULL, 0);
    backtest("real Anonymous Bank series (Israel, 6-minute)", &l, 4, FALSE);
    loaded_clear(&l);

    l = (Loaded){0};
    gint64 t0 = g_get_monotonic_time();
    load(&l, "data/centre.ini", council, "data/events.csv", 0);
    printf("\nsample council: read three years of history in %.2f s\n",
           (double)(g_get_monotonic_time() - t0) / 1e6);
    print_volumes(&l);
    backtest("sample council, last year", &l, 52, TRUE);
    printf("  read + backtest %.2f s (target < 10 s)\n",
           (double)(g_get_monotonic_time() - t0) / 1e6);
    loaded_clear(&l);
    time_forecast("data/centre.ini", council, "data/events.csv");
    return 0;
}
