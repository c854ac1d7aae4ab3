/* bench/bench_intraday.c - the intraday re-forecast's backtest, as issue
 * 16 asks.
 *
 *   bench_intraday ROTAPLAN HISTORY [WEEKS [CONFIG PRIOR_WEEKS]]
 *       (make bench: HISTORY = build/data/history.csv, 52 weeks; and the
 *       real bank series, build/data/bank-history.csv with
 *       data/real/bank-5min.ini, 20 weeks after 8)
 *
 * With CONFIG, the centre is that configuration's (no events), the
 * spreads are estimated on PRIOR_WEEKS weeks, a queue is forecast once
 * it has PRIOR_WEEKS weeks of history, and the worked example is
 * skipped.
 * For each of the last WEEKS weeks of the sample council's history, every
 * queue with interval history is forecast for the week on the Thursday
 * before, as the weekly plan is (the top-down method, the plan's usual
 * choice, fitted on the days before that Thursday only: the "morning's
 * forecast").  On every open weekday it then re-forecasts the rest of the
 * day at 11:00 from the contacts before 11:00 (intraday/intraday.h) and
 * scores both forecasts on the afternoon (12:00 to close):
 *
 *   - afternoon WAPE per queue-day: |afternoon total - forecast| summed
 *     over queue-days, over the afternoon contacts (what staffing the
 *     afternoon rests on), with its Poisson floor;
 *   - interval WAPE: the same per 15-minute interval, with its floor;
 *   - days whose morning ran to forecast ((4) of intraday/intraday.h with
 *     the default band, the same test the method makes): how many the
 *     re-forecast made worse (afternoon error summed over the day's
 *     queues), and by how much at most (in points of that day's afternoon
 *     WAPE).
 *
 * The spreads s_c and s_o of (1) are estimated, before the backtest, from
 * the morning forecast's errors on the PRIOR_WEEKS weeks before the first
 * scored week (whole days, method of moments: the covariance of two
 * different queues' relative errors on the same day is s_c^2, a queue's
 * own variance beyond Poisson s_c^2 + s_o^2), and printed with the
 * correlations by channel and from one day to the next.  Then several
 * variants are scored (the default marked), and a ceiling: the centre's
 * afternoon level known exactly.  Figures are printed, never asserted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "bench/year.h"
#include "common/units.h"
#include "forecast/forecast.h"
#include "intraday/intraday.h"

/* The weekly plan is made on the Thursday before its Monday. */
#define LEAD_DAYS 4
/* Weeks before the backtest that the spreads are estimated on, and
 * the days of history a queue needs before it is forecast, for the
 * sample council. */
#define PRIOR_WEEKS  26
#define MIN_HISTORY  400
#define MAX_VARIANTS 32
/* Channel classes for the correlations: phone, desk, deferred. */
#define N_CLASS 3

/* How the queues of a day are grouped for (1). */
typedef enum {
    GROUP_CENTRE,   /* all together */
    GROUP_REALTIME, /* calls and visits together, each deferred channel */
    GROUP_CHANNEL,  /* each channel */
    GROUP_QUEUE,    /* each queue alone (one level) */
} Grouping;

typedef struct {
    char name[64];
    RpReforecastParams p;
    Grouping grouping;
    double carry;    /* share of the day before's level carried into the
                        morning forecast (0: none) */
    gboolean oracle; /* the centre's afternoon level, known */
} Variant;

typedef struct {
    Variant v[MAX_VARIANTS];
    size_t n;
    size_t def;  /* the default */
    double band; /* of the default: what "ran to forecast" means here */
    double day_abs[MAX_VARIANTS + 1]; /* [0]: morning forecast */
    double int_abs[MAX_VARIANTS + 1];
    double sum_y, floor_day, floor_int; /* afternoon contacts, floors */
    size_t n_qdays, n_days, n_to_forecast;
    size_t n_worse[MAX_VARIANTS];
    double worst[MAX_VARIANTS];
} Score;

/* Moments of whole days' errors d = A - F (contacts), for the spreads. */
typedef struct {
    double var_num, var_den;                   /* sum d^2 - A, sum F^2 */
    double cross_num[N_CLASS][N_CLASS];        /* sum d_q d_r, q != r */
    double cross_den[N_CLASS][N_CLASS];        /* sum F_q F_r */
    double own_num[N_CLASS], own_den[N_CLASS]; /* per class: d^2 - A, F^2 */
    double lag_num, lag_den;                   /* same queue, the day before */
    double lag_cross_num, lag_cross_den; /* other queues, the day before */
} Moments;

/* One day of `m` queues: forecast f and actual y (m x n). */
typedef struct {
    const double *f, *y;
    const int *cls;        /* channel class per queue */
    const int *chan;       /* channel per queue */
    const size_t *idx;     /* queue's index among all queues */
    const double *yf, *yy; /* the day before's forecast and actual, per
                              queue index (m_all x n), NULL: none */
    const gboolean *yok;   /* per queue index: the day before is there */
    size_t m, n;
    int interval_min;
} Day;

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

static void
sums(const double *f, const double *y, size_t from, size_t to, double *sf,
     double *sy)
{
    *sf = *sy = 0;
    for (size_t k = from; k < to; k++)
        if (!isnan(f[k])) {
            *sf += f[k];
            *sy += y[k];
        }
}

/* Whole days' errors into the moments; `prev_d`, `prev_f` (per queue
 * index, NAN: none) are the day before's, replaced by this day's. */
static void
add_moments(Moments *mo, const Day *d, double *prev_d, double *prev_f,
            size_t n_all)
{
    g_autofree double *dd = g_new(double, d->m);
    g_autofree double *ff = g_new(double, d->m);
    for (size_t q = 0; q < d->m; q++) {
        double sf, sy;
        sums(d->f + q * d->n, d->y + q * d->n, 0, d->n, &sf, &sy);
        dd[q] = sy - sf;
        ff[q] = sf;
        mo->var_num += dd[q] * dd[q] - sy;
        mo->var_den += sf * sf;
        mo->own_num[d->cls[q]] += dd[q] * dd[q] - sy;
        mo->own_den[d->cls[q]] += sf * sf;
    }
    for (size_t q = 0; q < d->m; q++)
        for (size_t r = 0; r < d->m; r++) {
            if (r == q)
                continue;
            mo->cross_num[d->cls[q]][d->cls[r]] += dd[q] * dd[r];
            mo->cross_den[d->cls[q]][d->cls[r]] += ff[q] * ff[r];
        }
    for (size_t q = 0; q < d->m; q++)
        for (size_t r = 0; r < n_all; r++) {
            if (isnan(prev_d[r]))
                continue;
            if (r == d->idx[q]) {
                mo->lag_num += dd[q] * prev_d[r];
                mo->lag_den += ff[q] * prev_f[r];
            } else {
                mo->lag_cross_num += dd[q] * prev_d[r];
                mo->lag_cross_den += ff[q] * prev_f[r];
            }
        }
    for (size_t r = 0; r < n_all; r++)
        prev_d[r] = prev_f[r] = NAN;
    for (size_t q = 0; q < d->m; q++) {
        prev_d[d->idx[q]] = dd[q];
        prev_f[d->idx[q]] = ff[q];
    }
}

static void
group_of(const Day *d, Grouping g, int *group)
{
    for (size_t q = 0; q < d->m; q++) {
        RpChannel ch = (RpChannel)d->chan[q];
        switch (g) {
        case GROUP_CENTRE:
            group[q] = 0;
            break;
        case GROUP_REALTIME: /* as rotaplan intraday groups them */
            group[q] = rp_channel_is_deferred(ch) ? 1 + (int)ch : 0;
            break;
        case GROUP_CHANNEL:
            group[q] = (int)ch;
            break;
        case GROUP_QUEUE:
            group[q] = (int)q;
            break;
        }
    }
}

/* The morning forecast of day d with `carry` of the day before's level
 * (its posterior with the whole day seen) carried into it, into fc;
 * queues without a day before keep theirs. */
static void
carried(const Day *d, const int *group, const RpReforecastParams *p,
        double carry, double *fc)
{
    size_t m = d->m, n = d->n;
    g_autofree double *pf = g_new(double, m *n);
    g_autofree double *py = g_new(double, m *n);
    g_autofree double *r = g_new(double, m *n);
    g_autofree double *theta = g_new(double, m);
    for (size_t q = 0; q < m; q++)
        for (size_t k = 0; k < n; k++) {
            gboolean ok = d->yok[d->idx[q]];
            pf[q * n + k] = ok ? d->yf[d->idx[q] * n + k] : NAN;
            py[q * n + k] = ok ? d->yy[d->idx[q] * n + k] : NAN;
        }
    RpReforecastParams whole = *p;
    whole.band = 0.0;
    rp_intraday_reforecast(pf, py, m, n, n, group, &whole, r, theta);
    for (size_t q = 0; q < m; q++)
        for (size_t k = 0; k < n; k++)
            fc[q * n + k] =
                d->f[q * n + k] *
                (d->yok[d->idx[q]] ? 1.0 + carry * (theta[q] - 1.0) : 1.0);
}

static void
score_day(Score *sc, const Day *d)
{
    size_t m = d->m, n = d->n;
    size_t k11 = (size_t)(660 / d->interval_min),
           k12 = (size_t)(720 / d->interval_min);
    double day_y = 0, day_abs = 0, pm_f_all = 0, pm_y_all = 0;
    g_autofree double *am_y = g_new(double, m);
    g_autofree double *am_f = g_new(double, m);
    for (size_t q = 0; q < m; q++) {
        sums(d->f + q * n, d->y + q * n, 0, k11, &am_f[q], &am_y[q]);
        double tot, iabs, sf, sy;
        double a = pm_abs(d->f + q * n, d->y + q * n, n, k12, &tot, &iabs);
        sums(d->f + q * n, d->y + q * n, k11, n, &sf, &sy);
        pm_f_all += sf;
        pm_y_all += sy;
        sc->day_abs[0] += a;
        sc->int_abs[0] += iabs;
        sc->sum_y += tot;
        sc->floor_day += rp_poisson_mad(tot);
        for (size_t k = k12; k < n; k++)
            if (!isnan(d->f[q * n + k]))
                sc->floor_int += rp_poisson_mad(d->y[q * n + k]);
        day_y += tot;
        day_abs += a;
    }
    sc->n_qdays += m;
    sc->n_days++;
    gboolean to_forecast = rp_intraday_on_forecast(am_y, am_f, m, sc->band);
    if (to_forecast)
        sc->n_to_forecast++;
    g_autofree double *r = g_new(double, m *n);
    g_autofree double *theta = g_new(double, m);
    g_autofree int *group = g_new(int, m);
    g_autofree double *fc = g_new(double, m *n);
    for (size_t i = 0; i < sc->n; i++) {
        const Variant *v = &sc->v[i];
        group_of(d, v->grouping, group);
        const double *f = d->f;
        if (v->carry > 0.0 && d->yf != NULL) {
            carried(d, group, &v->p, v->carry, fc);
            f = fc;
        }
        rp_intraday_reforecast(f, d->y, m, n, k11, group, &v->p, r, theta);
        if (v->oracle) {
            /* the centre's level from the afternoon itself, then each
             * queue's own departure from it as (3) reads it */
            for (size_t q = 0; q < m * n; q++)
                fc[q] = d->f[q] * pm_y_all / pm_f_all;
            rp_intraday_reforecast(fc, d->y, m, n, k11, group, &v->p, r, theta);
        }
        double re_abs = 0;
        for (size_t q = 0; q < m; q++) {
            double tot, iabs;
            double a = pm_abs(r + q * n, d->y + q * n, n, k12, &tot, &iabs);
            sc->day_abs[1 + i] += a;
            sc->int_abs[1 + i] += iabs;
            re_abs += a;
        }
        if (to_forecast && re_abs > day_abs) {
            sc->n_worse[i]++;
            sc->worst[i] = MAX(sc->worst[i], (re_abs - day_abs) / day_y);
        }
    }
}

static void
add_variant(Score *sc, const char *name, double common_cv, double own_cv,
            double band, Grouping g)
{
    g_assert(sc->n < MAX_VARIANTS);
    Variant *v = &sc->v[sc->n++];
    g_strlcpy(v->name, name, sizeof v->name);
    v->p = (RpReforecastParams){common_cv, own_cv, band};
    v->grouping = g;
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
        rotaplan,    "intraday",  "--plan",
        plan,        "--actuals", "data/actuals-2026-11-30.csv",
        "--now",     "10:30",     "--absent",
        "o001,o002", NULL};
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
                    more = 7; /* the paragraph, and whether it is adopted */
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

/* The backtest's inputs: the queues with interval history and their
 * forecasters. */
typedef struct {
    const RpCentre *c;
    GPtrArray *qs; /* const RpQueueSeries * */
    RpForecaster **fc;
    gboolean *fitted;
    double *week; /* per queue: the week's forecast, from the Thursday */
    size_t n;     /* intervals a day */
    gint64 last_monday;
    int interval_min;
    gint64 min_history; /* days of history before a queue is forecast */
} Backtest;

/* Weeks `from` .. `from + count - 1` counted back from the last (0: the
 * last one), day by day: into `mo` always (the day before's errors in
 * prev_d, prev_f), and scored into `sc` unless NULL. */
static void
run_weeks(Backtest *bt, size_t back_from, size_t count, Moments *mo, Score *sc)
{
    size_t n = bt->n, m_all = bt->qs->len;
    g_autofree double *f = g_new(double, m_all *n);
    g_autofree double *y = g_new(double, m_all *n);
    g_autofree int *cls = g_new(int, m_all);
    g_autofree int *chan = g_new(int, m_all);
    g_autofree size_t *idx = g_new(size_t, m_all);
    g_autofree double *prev_d = g_new(double, m_all);
    g_autofree double *prev_f = g_new(double, m_all);
    g_autofree double *yf = g_new(double, m_all *n);
    g_autofree double *yy = g_new(double, m_all *n);
    g_autofree gboolean *yok = g_new0(gboolean, m_all);
    g_autofree gboolean *tok = g_new0(gboolean, m_all);
    g_autofree double *tf = g_new(double, m_all *n);
    g_autofree double *ty = g_new(double, m_all *n);
    for (size_t w = 0; w < count; w++) {
        gint64 monday = bt->last_monday - (gint64)(back_from - w) * 7;
        for (size_t i = 0; i < m_all; i++) {
            const RpQueueSeries *s = g_ptr_array_index(bt->qs, i);
            gint64 at = monday - LEAD_DAYS - s->first_day;
            gboolean was = bt->fitted[i];
            bt->fitted[i] = at > bt->min_history && s->n_slots == n &&
                            rp_forecaster_fit(bt->fc[i], s, (size_t)at,
                                              w == 0 || !was, NULL);
            if (bt->fitted[i])
                rp_forecaster_predict(bt->fc[i], s, (size_t)at, 7 + LEAD_DAYS,
                                      bt->week + i * (7 + LEAD_DAYS) * n);
            prev_d[i] = prev_f[i] = NAN;
            yok[i] = FALSE;
        }
        for (size_t dn = 0; dn < 5; dn++) {
            size_t m = 0;
            for (size_t i = 0; i < m_all; i++)
                tok[i] = FALSE;
            for (size_t i = 0; i < m_all; i++) {
                const RpQueueSeries *s = g_ptr_array_index(bt->qs, i);
                size_t di = (size_t)(monday - s->first_day) + dn;
                if (!bt->fitted[i] || !s->days[di].open || s->days[di].outlier)
                    continue;
                gboolean gap = FALSE;
                for (size_t k = 0; k < n; k++) {
                    f[m * n + k] =
                        bt->week[(i * (7 + LEAD_DAYS) + LEAD_DAYS + dn) * n +
                                 k];
                    y[m * n + k] = s->y[di * n + k] * s->days[di].factor;
                    gap |= !isnan(f[m * n + k]) && isnan(y[m * n + k]);
                }
                if (gap)
                    continue;
                tok[i] = TRUE;
                memcpy(tf + i * n, f + m * n, n * sizeof *f);
                memcpy(ty + i * n, y + m * n, n * sizeof *y);
                RpChannel ch = rp_centre_queue(bt->c, s->queue)->channel;
                chan[m] = (int)ch;
                cls[m] = rp_channel_is_deferred(ch)   ? 2
                         : ch == RP_CHANNEL_RECEPTION ? 1
                                                      : 0;
                idx[m++] = i;
            }
            if (m == 0)
                continue;
            Day d = {f,
                     y,
                     cls,
                     chan,
                     idx,
                     dn > 0 ? yf : NULL,
                     yy,
                     yok,
                     m,
                     n,
                     bt->interval_min};
            add_moments(mo, &d, prev_d, prev_f, m_all);
            if (sc != NULL)
                score_day(sc, &d);
            memcpy(yf, tf, m_all * n * sizeof *yf);
            memcpy(yy, ty, m_all * n * sizeof *yy);
            memcpy(yok, tok, m_all * sizeof *yok);
        }
    }
}

static const char *const class_names[N_CLASS] = {"phone", "desk", "deferred"};

/* The spreads of a span of days: s_c^2 over every pair of different
 * queues, s_c^2 + s_o^2 over each queue alone. */
static void
print_moments(const char *what, const Moments *mo, double *sc2, double *so2)
{
    double cn = 0, cd = 0;
    for (int i = 0; i < N_CLASS; i++)
        for (int j = 0; j < N_CLASS; j++) {
            cn += mo->cross_num[i][j];
            cd += mo->cross_den[i][j];
        }
    double total = mo->var_num / mo->var_den;
    /* one queue alone: nothing is shared */
    *sc2 = cd > 0.0 ? MAX(0.0, cn / cd) : 0.0;
    *so2 = MAX(0.0, total - *sc2);
    printf("  %s: a queue's day beyond Poisson %.2f%% (cv), shared with the "
           "other queues s_c = %.2f%%, its own s_o = %.2f%%\n",
           what, 100 * sqrt(MAX(0.0, total)), 100 * sqrt(*sc2),
           100 * sqrt(*so2));
    printf("    correlation of two queues' days (row, column):");
    for (int j = 0; j < N_CLASS; j++)
        printf(" %9s", class_names[j]);
    printf("\n");
    for (int i = 0; i < N_CLASS; i++) {
        printf("    %46s", class_names[i]);
        for (int j = 0; j < N_CLASS; j++) {
            double vi = mo->own_num[i] / mo->own_den[i],
                   vj = mo->own_num[j] / mo->own_den[j];
            double cov = mo->cross_num[i][j] / mo->cross_den[i][j];
            printf(" %9.2f", cov / sqrt(vi * vj));
        }
        printf("\n");
    }
    printf("    correlation with the day before (same week): the same queue "
           "%.2f, other queues %.2f\n",
           mo->lag_num / mo->lag_den / total,
           mo->lag_cross_num / mo->lag_cross_den / total);
}

int
main(int argc, char **argv)
{
    if (argc < 3 || argc == 5) {
        fprintf(stderr, "usage: bench_intraday ROTAPLAN HISTORY [WEEKS "
                        "[CONFIG PRIOR_WEEKS]]\n");
        return 2;
    }
    size_t weeks = argc > 3 ? (size_t)atoi(argv[3]) : 52;
    gboolean other = argc > 5; /* another centre than the sample council */
    const char *config = other ? argv[4] : "data/centre.ini";
    size_t prior_weeks = other ? (size_t)atoi(argv[5]) : PRIOR_WEEKS;
    GError *error = NULL;
    g_autoptr(GTimer) timer = g_timer_new();
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    g_autoptr(RpCentre) c = rp_centre_load(config, &error);
    if (c == NULL)
        die(error);
    g_autoptr(RpVolumes) v = rp_volumes_read(argv[2], c, &vp, &error);
    /* the sample council's events; another centre's history has none */
    g_autoptr(RpEvents) ev =
        v && !other ? rp_events_read("data/events.csv", c, &error) : NULL;
    if (v == NULL || (!other && ev == NULL))
        die(error);
    gint64 end = rp_centre_local_day(c, v->last) + 1;
    g_autoptr(RpHistory) h = rp_history_new(v, c, ev, NULL, end, 1, &error);
    if (h == NULL)
        die(error);

    /* the queues with interval history, and the last Monday with a whole
     * week of history after it (the same calendar for every queue) */
    Backtest bt = {.c = c,
                   .qs = g_ptr_array_new(),
                   .min_history =
                       other ? (gint64)prior_weeks * 7 : MIN_HISTORY};
    for (size_t q = 0; q < h->n_queues; q++) {
        const RpQueueSeries *s = h->series[q];
        if (s != NULL && !s->daily && s->n_slots > 1)
            g_ptr_array_add(bt.qs, h->series[q]);
    }
    const RpQueueSeries *s0 = g_ptr_array_index(bt.qs, 0);
    size_t m_all = bt.qs->len;
    bt.n = s0->n_slots;
    bt.interval_min = s0->interval_min;
    bt.last_monday = s0->first_day + (gint64)s0->n_hist - 7;
    while (rp_weekday(bt.last_monday) != 0)
        bt.last_monday--;
    bt.fc = g_new0(RpForecaster *, m_all);
    for (size_t i = 0; i < m_all; i++)
        bt.fc[i] = rp_forecaster_new(rp_forecaster_topdown, NULL);
    bt.fitted = g_new0(gboolean, m_all);
    bt.week = g_new(double, m_all *(7 + LEAD_DAYS) * bt.n);

    printf("intraday re-forecast at 11:00, afternoon (12:00-close) scored: "
           "%s\n",
           c->name);
    /* the spreads, from the weeks before the backtest */
    Moments prior = {0}, scored = {0};
    run_weeks(&bt, weeks + prior_weeks - 1, prior_weeks, &prior, NULL);
    double sc2, so2, sc2_in, so2_in;
    g_autofree char *before = g_strdup_printf(
        "the %zu weeks before, whole days against the morning forecast",
        prior_weeks);
    print_moments(before, &prior, &sc2, &so2);

    RpReforecastParams def;
    rp_reforecast_params_init(&def);
    Score *sc = g_new0(Score, 1);
    sc->band = def.band;
    double s_c = sqrt(sc2), s_o = sqrt(so2);
    add_variant(sc, "plain ratio actual / forecast", 0, 1e6, 0, GROUP_QUEUE);
    add_variant(sc, "one level per queue, s = 0.05 (a = 400)", 0, 0.05, 0,
                GROUP_QUEUE);
    add_variant(sc, "one level per queue, s estimated", 0, sqrt(sc2 + so2), 0,
                GROUP_QUEUE);
    add_variant(sc, "two levels, channels, s_c = s_o = 0.05", 0.05, 0.05, 0,
                GROUP_CHANNEL);
    add_variant(sc, "two levels, real time + deferred, 0.05", 0.05, 0.05, 0,
                GROUP_REALTIME);
    add_variant(sc, "two levels, channels, estimated", s_c, s_o, 0,
                GROUP_CHANNEL);
    add_variant(sc, "two levels, real time + deferred, est.", s_c, s_o, 0,
                GROUP_REALTIME);
    add_variant(sc, "two levels, centre, estimated", s_c, s_o, 0, GROUP_CENTRE);
    add_variant(sc, "two levels, centre, common only", s_c, 0, 0, GROUP_CENTRE);
    add_variant(sc, "two levels, centre, est. x 1.5", 1.5 * s_c, 1.5 * s_o, 0,
                GROUP_CENTRE);
    add_variant(sc, "two levels, centre, est. / 1.5", s_c / 1.5, s_o / 1.5, 0,
                GROUP_CENTRE);
    add_variant(sc, "the default: rounded estimates, band 2", def.common_cv,
                def.own_cv, def.band, GROUP_CENTRE);
    size_t def_index = sc->n - 1;
    static const double bands[] = {1.0, 1.5, 2.0, 2.5, 3.0};
    for (size_t i = 0; i < G_N_ELEMENTS(bands); i++) {
        char name[64];
        g_snprintf(name, sizeof name, "two levels, centre, est., band %.1f",
                   bands[i]);
        add_variant(sc, name, s_c, s_o, bands[i], GROUP_CENTRE);
    }
    static const double carries[] = {0.15, 0.25, 0.4};
    for (size_t i = 0; i < G_N_ELEMENTS(carries); i++) {
        char name[64];
        g_snprintf(name, sizeof name,
                   "two levels, centre, est., %.0f%% of "
                   "yesterday",
                   100 * carries[i]);
        add_variant(sc, name, s_c, s_o, 0, GROUP_CENTRE);
        sc->v[sc->n - 1].carry = carries[i];
    }
    add_variant(sc, "ceiling: the centre's afternoon level known", 0, 0, 0,
                GROUP_CENTRE);
    sc->v[sc->n - 1].oracle = TRUE;
    add_variant(sc, "ceiling: that, and each queue's own by (3)", 0, s_o, 0,
                GROUP_CENTRE);
    sc->v[sc->n - 1].oracle = TRUE;
    run_weeks(&bt, weeks - 1, weeks, &scored, sc);
    print_moments("the backtest's weeks (not used)", &scored, &sc2_in, &so2_in);
    for (size_t i = 0; i < m_all; i++)
        rp_forecaster_free(bt.fc[i]);
    g_free(bt.fc);
    g_free(bt.fitted);
    g_free(bt.week);

    printf("  %u queues, %zu weeks, %zu days, %zu queue-days (%.1f s); "
           "default s_c = %.3f, s_o = %.3f, band %.1f; %zu days ran to "
           "forecast ((4), band %.1f)\n",
           bt.qs->len, weeks, sc->n_days, sc->n_qdays,
           g_timer_elapsed(timer, NULL), def.common_cv, def.own_cv, def.band,
           sc->n_to_forecast, def.band);
    printf("  the morning's forecast (the plan): afternoon WAPE %.2f%% per "
           "queue-day (Poisson floor %.2f%%), %.2f%% per interval (floor "
           "%.2f%%)\n",
           100 * sc->day_abs[0] / sc->sum_y, 100 * sc->floor_day / sc->sum_y,
           100 * sc->int_abs[0] / sc->sum_y, 100 * sc->floor_int / sc->sum_y);
    printf("  %-44s %6s %6s %5s %8s %8s %13s %8s %16s\n", "variant", "s_c",
           "s_o", "band", "pm WAPE", "vs plan", "interval WAPE", "vs plan",
           "to-forecast worse");
    for (size_t i = 0; i < sc->n; i++) {
        const Variant *va = &sc->v[i];
        gboolean is_def = i == def_index;
        printf("  %-44s %6.3f %6.3f %5.1f %7.2f%% %+7.1f%% %12.2f%% %+7.1f%% "
               "%5zu/%zu <=%.2f%%%s\n",
               va->name, va->p.common_cv, MIN(va->p.own_cv, 9.999), va->p.band,
               100 * sc->day_abs[1 + i] / sc->sum_y,
               100 * (sc->day_abs[1 + i] / sc->day_abs[0] - 1),
               100 * sc->int_abs[1 + i] / sc->sum_y,
               100 * (sc->int_abs[1 + i] / sc->int_abs[0] - 1), sc->n_worse[i],
               sc->n_to_forecast, 100 * sc->worst[i],
               is_def ? "  <- default" : "");
    }
    g_ptr_array_free(bt.qs, TRUE);
    g_free(sc);
    return other ? 0 : time_example(argv[1], argv[2]);
}
