/* bench/bench_intraday.c - the intraday re-forecast's backtest, as issue
 * 16 asks.
 *
 *   bench_intraday ROTAPLAN HISTORY [WEEKS]
 *       (make bench: HISTORY = build/data/history.csv, 52 weeks)
 *
 * For each of the last WEEKS weeks of the sample council's history, every
 * queue with interval history is forecast for the week on the Thursday
 * before, as the weekly plan is (the top-down method, the plan's usual
 * choice, fitted on the days before that Thursday only: the "morning's
 * forecast").  On every open
 * weekday it then re-forecasts the rest of the day at 11:00 from the
 * contacts before 11:00 (intraday/intraday.h, (1)) and scores both
 * forecasts on the afternoon (12:00 to close):
 *
 *   - afternoon WAPE per queue-day: |afternoon total - forecast| summed
 *     over queue-days, over the afternoon contacts (what staffing the
 *     afternoon rests on);
 *   - interval WAPE: the same per 15-minute interval, with its Poisson
 *     floor (the error a perfect rate would still have);
 *   - days whose morning ran to forecast (all real-time and deferred
 *     contacts before 11:00 within 5% of it): how many the re-forecast
 *     made worse (afternoon error summed over the day's queues), and by
 *     how much at most (in points of that day's afternoon WAPE).
 *
 * for several values of the prior strengths a of (1) and b of (3); the
 * default is marked (a or b "inf": that level left at the plan's).  Figures are
 * printed, never asserted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "bench/year.h"
#include "common/units.h"
#include "forecast/forecast.h"
#include "intraday/intraday.h"

static const double group_priors[] = {1e-9, 100, 400, 1000, 1e12};
static const double queue_priors[] = {1e-9, 100, 400, 1000, 1e12};
#define N_A G_N_ELEMENTS(group_priors)
#define N_B G_N_ELEMENTS(queue_priors)
#define N_P (N_A * N_B)
/* The weekly plan is made on the Thursday before its Monday. */
#define LEAD_DAYS 4

typedef struct {
    double day_abs[N_P + 1]; /* [0]: morning forecast, [1+i]: prior pair i */
    double int_abs[N_P + 1]; /* interval level */
    double sum_y, floor_day, floor_int; /* afternoon contacts, Poisson floors */
    size_t n_qdays;                     /* queue-days scored */
    size_t n_days;                      /* days scored */
    size_t n_to_forecast;               /* days whose morning ran within 5% */
    size_t n_worse[N_P]; /* of those, days the re-forecast made worse */
    double worst[N_P];   /* largest increase of the day's pm WAPE */
} Score;

static void
die(GError *error)
{
    fprintf(stderr, "bench_intraday: %s\n", error->message);
    exit(1);
}

static double
pm_abs(const double *f, const double *y, size_t n, size_t k12, double *tot,
       double *interval_abs)
{
    double pm_f = 0, pm_y = 0;
    *interval_abs = 0;
    for (size_t k = k12; k < n; k++)
        if (!isnan(f[k])) {
            pm_f += f[k];
            pm_y += y[k];
            *interval_abs += fabs(y[k] - f[k]);
        }
    *tot = pm_y;
    return fabs(pm_y - pm_f);
}

/* One day of `m` queues: forecast f and actual y (m x n), channel per
 * queue. */
static void
score_day(Score *sc, const double *f, const double *y, const int *group,
          size_t m, size_t n, int interval_min)
{
    size_t k11 = (size_t)(660 / interval_min),
           k12 = (size_t)(720 / interval_min);
    double am_y = 0, am_f = 0, day_y = 0, day_abs = 0;
    for (size_t q = 0; q < m; q++) {
        for (size_t k = 0; k < k11; k++)
            if (!isnan(f[q * n + k])) {
                am_y += y[q * n + k];
                am_f += f[q * n + k];
            }
        double tot, iabs;
        double a = pm_abs(f + q * n, y + q * n, n, k12, &tot, &iabs);
        sc->day_abs[0] += a;
        sc->int_abs[0] += iabs;
        sc->sum_y += tot;
        sc->floor_day += rp_poisson_mad(tot);
        for (size_t k = k12; k < n; k++)
            if (!isnan(f[q * n + k]))
                sc->floor_int += rp_poisson_mad(y[q * n + k]);
        day_y += tot;
        day_abs += a;
    }
    sc->n_qdays += m;
    sc->n_days++;
    gboolean to_forecast = fabs(am_y - am_f) <= 0.05 * am_f;
    if (to_forecast)
        sc->n_to_forecast++;
    g_autofree double *r = g_new(double, m *n);
    g_autofree double *theta = g_new(double, m);
    for (size_t i = 0; i < N_P; i++) {
        RpReforecastParams p = {.group_prior = group_priors[i / N_B],
                                .queue_prior = queue_priors[i % N_B]};
        rp_intraday_reforecast(f, y, m, n, k11, group, &p, r, theta);
        double re_abs = 0;
        for (size_t q = 0; q < m; q++) {
            double tot, iabs;
            double a = pm_abs(r + q * n, y + q * n, n, k12, &tot, &iabs);
            sc->day_abs[1 + i] += a;
            sc->int_abs[1 + i] += iabs;
            re_abs += a;
        }
        if (to_forecast && re_abs > day_abs + 1e-9) {
            sc->n_worse[i]++;
            sc->worst[i] = MAX(sc->worst[i], (re_abs - day_abs) / day_y);
        }
    }
}

/* The worked example of docs/intraday.md, timed. */
static int
time_example(const char *rotaplan, const char *history)
{
    g_autofree char *dir = g_dir_make_tmp("rp-bench-intraday-XXXXXX", NULL);
    g_autofree char *plan = g_build_filename(dir, "plan", NULL);
    const char *const make_plan[] = {rotaplan,
                                     "plan",
                                     "--config",
                                     "data/centre.ini",
                                     "--history",
                                     history,
                                     "--events",
                                     "data/events.csv",
                                     "--officers",
                                     "data/officers.csv",
                                     "--week",
                                     "2026-W49",
                                     "--time-limit",
                                     "5s",
                                     "--out",
                                     plan,
                                     NULL};
    const char *const intraday[] = {
        rotaplan,  "intraday",  "--plan",
        plan,      "--actuals", "data/actuals-2026-11-30.csv",
        "--now",   "10:30",     "--absent",
        "o01,o02", NULL};
    int status = 1;
    char *out = NULL;
    if (rp_bench_time(make_plan, 1) >= 0.0) {
        double s = rp_bench_time(intraday, 3);
        g_autoptr(GError) error = NULL;
        if (s >= 0.0 && g_spawn_sync(NULL, (char **)(gsize)intraday, NULL,
                                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                     &out, NULL, NULL, &error)) {
            printf("rotaplan intraday, demo Monday 10:30, two absent: %.2f s "
                   "(best of 3, the whole command)\n",
                   s);
            g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
            for (size_t i = 0, more = 0; lines[i]; i++) {
                if (g_str_has_prefix(lines[i], "Re-plan"))
                    more = 4; /* the paragraph */
                if (more > 0 || g_str_has_prefix(lines[i], "  council_tax") ||
                    g_str_has_prefix(lines[i], "  queue"))
                    printf("  %s\n", lines[i]);
                if (more > 0)
                    more--;
            }
            status = 0;
        }
    }
    g_free(out);
    const char *const rm[] = {"/bin/rm", "-rf", dir, NULL};
    rp_bench_time(rm, 1);
    return status;
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_intraday ROTAPLAN HISTORY [WEEKS]\n");
        return 2;
    }
    size_t weeks = argc > 3 ? (size_t)atoi(argv[3]) : 52;
    GError *error = NULL;
    g_autoptr(GTimer) timer = g_timer_new();
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", &error);
    if (c == NULL)
        die(error);
    g_autoptr(RpVolumes) v = rp_volumes_read(argv[2], c, &vp, &error);
    g_autoptr(RpEvents) ev =
        v ? rp_events_read("data/events.csv", c, &error) : NULL;
    if (ev == NULL)
        die(error);
    gint64 end = rp_centre_local_day(c, v->last) + 1;
    g_autoptr(RpHistory) h = rp_history_new(v, c, ev, NULL, end, 1, &error);
    if (h == NULL)
        die(error);

    /* the queues with interval history, and the last Monday with a whole
     * week of history after it (the same calendar for every queue) */
    GPtrArray *qs = g_ptr_array_new();
    for (size_t q = 0; q < h->n_queues; q++) {
        const RpQueueSeries *s = h->series[q];
        if (s != NULL && !s->daily && s->n_slots > 1)
            g_ptr_array_add(qs, h->series[q]);
    }
    const RpQueueSeries *s0 = g_ptr_array_index(qs, 0);
    size_t n = s0->n_slots, m_all = qs->len;
    gint64 last_day = s0->first_day + (gint64)s0->n_hist - 7;
    while (rp_weekday(last_day) != 0)
        last_day--;
    RpForecaster **fc = g_new0(RpForecaster *, m_all);
    for (size_t i = 0; i < m_all; i++)
        fc[i] = rp_forecaster_new(rp_forecaster_topdown, NULL);
    g_autofree double *week = g_new(double, m_all *(7 + LEAD_DAYS) * n);
    g_autofree double *f = g_new(double, m_all *n);
    g_autofree double *y = g_new(double, m_all *n);
    g_autofree int *group = g_new(int, m_all);
    g_autofree gboolean *fitted = g_new0(gboolean, m_all);
    Score sc = {0};
    for (size_t w = 0; w < weeks; w++) {
        gint64 monday = last_day - (gint64)(weeks - 1 - w) * 7;
        for (size_t i = 0; i < m_all; i++) {
            const RpQueueSeries *s = g_ptr_array_index(qs, i);
            gint64 at = monday - LEAD_DAYS - s->first_day;
            fitted[i] = at > 400 && s->n_slots == n &&
                        rp_forecaster_fit(fc[i], s, (size_t)at,
                                          w == 0 || !fitted[i], NULL);
            if (fitted[i])
                rp_forecaster_predict(fc[i], s, (size_t)at, 7 + LEAD_DAYS,
                                      week + i * (7 + LEAD_DAYS) * n);
        }
        for (size_t d = 0; d < 5; d++) {
            size_t m = 0;
            for (size_t i = 0; i < m_all; i++) {
                const RpQueueSeries *s = g_ptr_array_index(qs, i);
                size_t di = (size_t)(monday - s->first_day) + d;
                if (!fitted[i] || !s->days[di].open || s->days[di].outlier)
                    continue;
                gboolean gap = FALSE;
                for (size_t k = 0; k < n; k++) {
                    f[m * n + k] =
                        week[(i * (7 + LEAD_DAYS) + LEAD_DAYS + d) * n + k];
                    y[m * n + k] = s->y[di * n + k] * s->days[di].factor;
                    gap |= !isnan(f[m * n + k]) && isnan(y[m * n + k]);
                }
                if (gap)
                    continue;
                {
                    /* as rotaplan intraday groups them */
                    RpChannel ch = rp_centre_queue(c, s->queue)->channel;
                    group[m++] = rp_channel_is_deferred(ch) ? 1 + (int)ch : 0;
                }
            }
            if (m > 0)
                score_day(&sc, f, y, group, m, n, s0->interval_min);
        }
    }
    for (size_t i = 0; i < m_all; i++)
        rp_forecaster_free(fc[i]);
    g_free(fc);

    RpReforecastParams def;
    rp_reforecast_params_init(&def);
    printf("intraday re-forecast at 11:00, afternoon (12:00-close) scored: "
           "%u queues, %zu weeks, %zu days, %zu queue-days (%.1f s)\n",
           qs->len, weeks, sc.n_days, sc.n_qdays, g_timer_elapsed(timer, NULL));
    printf("  the morning's forecast (the plan): afternoon WAPE %.2f%% per "
           "queue-day (Poisson floor %.2f%%), %.2f%% per interval (floor "
           "%.2f%%)\n",
           100 * sc.day_abs[0] / sc.sum_y, 100 * sc.floor_day / sc.sum_y,
           100 * sc.int_abs[0] / sc.sum_y, 100 * sc.floor_int / sc.sum_y);
    printf("  %-8s %-8s %10s %9s %13s %9s %22s\n", "a", "b", "pm WAPE",
           "vs plan", "interval WAPE", "vs plan", "to-forecast days worse");
    for (size_t i = 0; i < N_P; i++) {
        double a = group_priors[i / N_B], b = queue_priors[i % N_B];
        gboolean is_def = fabs(a - def.group_prior) < 1e-9 &&
                          fabs(b - def.queue_prior) < 1e-9;
        char as[16], bs[16];
        g_snprintf(as, sizeof as, a > 1e11 ? "inf" : "%g", a < 1e-6 ? 0 : a);
        g_snprintf(bs, sizeof bs, b > 1e11 ? "inf" : "%g", b < 1e-6 ? 0 : b);
        printf("  %-8s %-8s %9.2f%% %+8.1f%% %12.2f%% %+8.1f%% %8zu/%zu, "
               "<=%.2f%%%s\n",
               as, bs, 100 * sc.day_abs[1 + i] / sc.sum_y,
               100 * (sc.day_abs[1 + i] / sc.day_abs[0] - 1),
               100 * sc.int_abs[1 + i] / sc.sum_y,
               100 * (sc.int_abs[1 + i] / sc.int_abs[0] - 1), sc.n_worse[i],
               sc.n_to_forecast, 100 * sc.worst[i],
               is_def ? "  <- default" : "");
    }
    g_ptr_array_free(qs, TRUE);
    return time_example(argv[1], argv[2]);
}
