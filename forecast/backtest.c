/* forecast/backtest.c - rolling-origin evaluation, accuracy measures and
 * the calibration of forecast uncertainty.
 *
 * An origin is a day: a method is fitted on the days before it and
 * forecasts the `horizon` days from it; origins step back a week at a
 * time from the end of the history.  Every method of a queue is scored on
 * the same origins and the same intervals (open, observed, not in an
 * outlier day), so WAPEs compare like with like.
 *
 * Uncertainty is calibrated the same way, out of sample: the c^2 of (1)
 * in forecast.h for an origin comes only from origins whose forecast
 * windows had ended by then (per week ahead), so the P80/P90 coverage a
 * backtest reports is what a planner would have seen.
 *
 * Key decision: MASE is scaled, per queue, by the in-sample mean absolute
 * error of the textbook seasonal naive (y(t) - y(t - 1 week)) on the
 * history before the earliest origin, and across queues MASE is the mean
 * of the scaled errors (Hyndman & Koehler 2006). */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "common/error.h"
#include "forecast/forecast_int.h"

#define MAX_WEEKS  RP_FORECAST_MAX_WEEKS
#define DEFAULT_C2 0.0225 /* (15%)^2 when nothing can be calibrated */

/* ---- accuracy
 * ----------------------------------------------------------------- */

static double
ratio(double num, double den)
{
    return den > 0.0 ? num / den : NAN;
}

double
rp_accuracy_wape(const RpAccuracy *a)
{
    return ratio(a->sum_abs, a->sum_y);
}

double
rp_accuracy_bias(const RpAccuracy *a)
{
    return ratio(a->sum_err, a->sum_y);
}

double
rp_accuracy_mase(const RpAccuracy *a)
{
    return a->n_scaled > 0 ? a->sum_scaled / (double)a->n_scaled : NAN;
}

double
rp_accuracy_floor_wape(const RpAccuracy *a)
{
    return ratio(a->sum_floor, a->sum_y);
}

double
rp_accuracy_cover80(const RpAccuracy *a)
{
    return ratio((double)a->n_in80, (double)a->n_cover);
}

double
rp_accuracy_cover90(const RpAccuracy *a)
{
    return ratio((double)a->n_in90, (double)a->n_cover);
}

void
rp_fc_accuracy_add(RpAccuracy *to, const RpAccuracy *a)
{
    to->n += a->n;
    to->sum_y += a->sum_y;
    to->sum_abs += a->sum_abs;
    to->sum_err += a->sum_err;
    to->sum_floor += a->sum_floor;
    to->sum_scaled += a->sum_scaled;
    to->n_scaled += a->n_scaled;
    to->n_in80 += a->n_in80;
    to->n_in90 += a->n_in90;
    to->n_cover += a->n_cover;
}

/* P(Y < y) under (1).  With Q_q = min{k : P(Y <= k) >= q}, y <= Q_q
 * exactly when P(Y <= y - 1) < q: coverage needs no quantile search. */
static double
count_cdf_below(double y, double mu, double c2)
{
    double k = floor(y + 1e-9) - 1.0;
    if (k < 0.0)
        return 0.0;
    if (!(mu > 0.0))
        return 1.0;
    if (c2 < 1e-9)
        return gsl_cdf_poisson_P((unsigned int)k, mu);
    double size = 1.0 / c2;
    return gsl_cdf_negative_binomial_P((unsigned int)k, size / (size + mu),
                                       size);
}

/* ---- one method on one queue over a list of origins ------------------------
 */

/* Sums of (1) per week ahead, from one origin's errors. */
typedef struct {
    double excess[MAX_WEEKS]; /* sum (y - f)^2 - f */
    double f2[MAX_WEEKS];     /* sum f^2 */
} CalSums;

typedef struct {
    const RpQueueSeries *s;
    const size_t *origins; /* day indices, ascending */
    size_t n_origins;
    size_t first_scored;  /* origins from this index on are scored */
    size_t horizon;       /* days */
    size_t n_calibration; /* completed origins c^2 is taken from */
    double scale;         /* MASE scale, or NAN */
} Plan;

typedef struct {
    RpAccuracy acc;       /* over the scored origins */
    double c2[MAX_WEEKS]; /* from the last n_calibration origins */
    gboolean skipped;
} Outcome;

static size_t
n_weeks(size_t horizon)
{
    return MIN((horizon + 6) / 7, (size_t)MAX_WEEKS);
}

/* c^2 per week ahead from the origins j < i whose windows had ended by
 * origin i, the latest `n` of them; DEFAULT_C2 when there are none.  Made
 * non-decreasing with the week ahead. */
static void
estimate_c2(const Plan *plan, const CalSums *sums, size_t i, size_t until,
            double *c2)
{
    size_t weeks = n_weeks(plan->horizon);
    for (size_t w = 0; w < weeks; w++) {
        double ex = 0.0, f2 = 0.0;
        size_t used = 0;
        for (size_t j = i; j-- > 0 && used < plan->n_calibration;) {
            if (plan->origins[j] + plan->horizon > until)
                continue;
            ex += sums[j].excess[w];
            f2 += sums[j].f2[w];
            used++;
        }
        c2[w] = f2 > 0.0 ? MAX(ex / f2, 0.0) : DEFAULT_C2;
        if (w > 0)
            c2[w] = MAX(c2[w], c2[w - 1]);
    }
}

static gboolean
scored_day(const RpQueueSeries *s, size_t d)
{
    return d < s->n_hist && s->days[d].open && !s->days[d].outlier;
}

/* Scores the forecast `f` of the days from origin o against the history,
 * adding to the calibration sums and (when `acc`) to the accuracy. */
static void
score(const Plan *plan, size_t o, const double *f, const double *c2,
      CalSums *cal, RpAccuracy *acc)
{
    const RpQueueSeries *s = plan->s;
    for (size_t i = 0; i < plan->horizon; i++) {
        size_t d = o + i, w = MIN(i / 7, (size_t)MAX_WEEKS - 1);
        if (!scored_day(s, d))
            continue;
        const double *y = rp_fc_day(s, d);
        const guint8 *open = rp_fc_open(s, d);
        double factor = s->days[d].factor;
        for (size_t k = 0; k < s->n_slots; k++) {
            double fk = f[i * s->n_slots + k];
            if (!open[k] || isnan(y[k]) || isnan(fk))
                continue;
            double yk = y[k] * factor, e = fk - yk;
            cal->excess[w] += e * e - fk;
            cal->f2[w] += fk * fk;
            if (acc == NULL)
                continue;
            acc->n++;
            acc->sum_y += yk;
            acc->sum_abs += fabs(e);
            acc->sum_err += e;
            acc->sum_floor += rp_poisson_mad(yk);
            if (!isnan(plan->scale)) {
                acc->sum_scaled += fabs(e) / plan->scale;
                acc->n_scaled++;
            }
            double below = count_cdf_below(yk, fk, c2[w]);
            acc->n_in80 += below < 0.8;
            acc->n_in90 += below < 0.9;
            acc->n_cover++;
        }
    }
}

/* Runs one method over the plan's origins: tuned at the first origin it
 * has history for, refitted at each later one. */
static gboolean
run_plan(const RpForecasterType *type, const RpForecastParams *params,
         const Plan *plan, Outcome *out, GError **error)
{
    const RpQueueSeries *s = plan->s;
    g_autoptr(RpForecaster) f = rp_forecaster_new(type, params);
    double *pred = g_new(double, plan->horizon * s->n_slots);
    CalSums *cal = g_new0(CalSums, plan->n_origins + 1);
    gboolean tuned = FALSE, ok = TRUE;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < plan->n_origins && ok; i++) {
        size_t o = plan->origins[i];
        if (rp_queue_series_history_days(s, o) < type->min_days) {
            out->skipped = out->skipped || i >= plan->first_scored;
            continue;
        }
        if (!rp_forecaster_fit(f, s, o, !tuned, error)) {
            ok = FALSE;
            break;
        }
        tuned = TRUE;
        rp_forecaster_predict(f, s, o, plan->horizon, pred);
        double c2[MAX_WEEKS];
        estimate_c2(plan, cal, i, o, c2);
        score(plan, o, pred, c2, &cal[i],
              i >= plan->first_scored ? &out->acc : NULL);
    }
    if (ok)
        estimate_c2(plan, cal, plan->n_origins, s->n_hist, out->c2);
    g_free(pred);
    g_free(cal);
    return ok;
}

/* In-sample MAE of y(t) - y(t - 7 days) before day `until`. */
static double
naive_scale(const RpQueueSeries *s, size_t until)
{
    double sum = 0.0;
    size_t n = 0;
    for (size_t d = 7; d < until; d++) {
        if (!rp_fc_day_complete(s, d) || !rp_fc_day_complete(s, d - 7))
            continue;
        const double *a = rp_fc_day(s, d), *b = rp_fc_day(s, d - 7);
        for (size_t k = 0; k < s->n_slots; k++) {
            if (isnan(a[k]) || isnan(b[k]))
                continue;
            sum +=
                fabs(a[k] * s->days[d].factor - b[k] * s->days[d - 7].factor);
            n++;
        }
    }
    return n > 0 && sum > 0.0 ? sum / (double)n : NAN;
}

/* Origins a week apart ending `horizon` days before the history's end,
 * ascending: up to n_calibration unscored ones, then up to n_scored;
 * origins at or before day 0 are dropped.  Returns how many, and the index
 * of the first scored one in *first_scored. */
static size_t
make_origins(const RpQueueSeries *s, size_t horizon, size_t n_scored,
             size_t n_calibration, size_t *origins, size_t *first_scored)
{
    size_t n = 0, unscored = 0;
    for (size_t j = n_scored + n_calibration; j-- > 0;) {
        size_t back = horizon + 7 * j;
        if (back >= s->n_hist)
            continue;
        unscored += j >= n_scored;
        origins[n++] = s->n_hist - back;
    }
    *first_scored = unscored;
    return n;
}

/* ---- backtest of every method -----------------------------------------------
 */

void
rp_backtest_params_init(RpBacktestParams *p)
{
    memset(p, 0, sizeof *p);
    p->horizon_days = 7;
    p->n_origins = 4;
    p->n_calibration = 4;
    p->types = rp_forecaster_types;
    rp_forecast_params_init(&p->forecast);
}

void
rp_backtest_free(RpBacktest *b)
{
    if (b == NULL)
        return;
    if (b->rows)
        g_array_unref(b->rows);
    g_free(b->total);
    g_free(b);
}

static size_t
count_types(const RpForecasterType *const *types)
{
    size_t n = 0;
    while (types[n])
        n++;
    return n;
}

RpBacktest *
rp_backtest_run(const RpHistory *history, const RpBacktestParams *params,
                GError **error)
{
    g_return_val_if_fail(history != NULL && params != NULL, NULL);
    g_return_val_if_fail(params->horizon_days > 0 && params->n_origins > 0,
                         NULL);
    g_autoptr(RpBacktest) b = g_new0(RpBacktest, 1);
    b->rows = g_array_new(FALSE, FALSE, sizeof(RpBacktestRow));
    b->n_types = count_types(params->types);
    b->total = g_new0(RpAccuracy, b->n_types);
    b->first_origin = G_MAXINT64;
    b->last_origin = G_MININT64;
    size_t n_series = 0, done = 0;
    for (size_t q = 0; q < history->n_queues; q++)
        n_series += history->series[q] != NULL;
    size_t *origins = g_new(size_t, params->n_origins + params->n_calibration);
    for (size_t q = 0; q < history->n_queues; q++) {
        const RpQueueSeries *s = history->series[q];
        if (s == NULL)
            continue;
        Plan plan = {.s = s,
                     .origins = origins,
                     .horizon = params->horizon_days,
                     .n_calibration = MAX(params->n_calibration, 1)};
        plan.n_origins =
            make_origins(s, plan.horizon, params->n_origins,
                         params->n_calibration, origins, &plan.first_scored);
        if (plan.n_origins == 0)
            continue;
        plan.scale = naive_scale(s, origins[plan.first_scored]);
        for (size_t t = 0; t < b->n_types; t++) {
            Outcome out;
            if (!run_plan(params->types[t], &params->forecast, &plan, &out,
                          error)) {
                g_free(origins);
                return NULL;
            }
            RpBacktestRow row = {q, params->types[t], out.acc, out.skipped};
            g_array_append_val(b->rows, row);
            if (!out.skipped)
                rp_fc_accuracy_add(&b->total[t], &out.acc);
            if (params->progress)
                params->progress(++done, n_series * b->n_types,
                                 params->progress_data);
        }
        b->first_origin =
            MIN(b->first_origin, s->days[origins[plan.first_scored]].day);
        b->last_origin =
            MAX(b->last_origin, s->days[origins[plan.n_origins - 1]].day);
    }
    g_free(origins);
    if (b->rows->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no queue has the %zu days of history a backtest "
                    "with a %zu-day horizon needs",
                    history->path, params->horizon_days + 1,
                    params->horizon_days);
        return NULL;
    }
    return g_steal_pointer(&b);
}

/* ---- the forecast
 * -------------------------------------------------------------- */

const double rp_forecast_quantiles[RP_N_QUANTILES] = {0.1, 0.5, 0.8, 0.9};

void
rp_forecast_run_params_init(RpForecastRunParams *p)
{
    memset(p, 0, sizeof *p);
    p->type = NULL;
    p->n_auto_origins = 4;
    p->n_calibration = 4;
    rp_forecast_params_init(&p->forecast);
}

static void
queue_forecast_free(gpointer p)
{
    RpQueueForecast *qf = p;
    g_free(qf->mean);
    g_free(qf->aht_s);
    g_free(qf->q);
    g_free(qf->c2);
    g_free(qf->is_new);
    g_free(qf);
}

void
rp_forecast_free(RpForecast *f)
{
    if (f == NULL)
        return;
    if (f->queues)
        g_ptr_array_unref(f->queues);
    g_free(f);
}

/* Chooses the method for series s (params->type, or by backtest WAPE) and
 * its c^2 per week ahead. */
static gboolean
choose(const RpQueueSeries *s, const RpForecastRunParams *params,
       size_t horizon, RpQueueForecast *qf, GError **error)
{
    const RpForecasterType *only[] = {params->type, NULL};
    const RpForecasterType *const *types =
        params->type ? only : rp_forecaster_types;
    size_t n_scored = MAX(params->n_auto_origins, params->n_calibration);
    size_t *origins = g_new(size_t, n_scored);
    Plan plan = {.s = s,
                 .origins = origins,
                 .horizon = horizon,
                 .n_calibration = MAX(params->n_calibration, 1),
                 .scale = NAN};
    plan.n_origins =
        make_origins(s, horizon, n_scored, 0, origins, &plan.first_scored);
    double best = INFINITY;
    gboolean ok = TRUE;
    for (size_t t = 0; types[t] && ok; t++) {
        if (rp_queue_series_history_days(s, s->n_hist) < types[t]->min_days)
            continue;
        Outcome out;
        if (!(ok = run_plan(types[t], &params->forecast, &plan, &out, error)))
            break;
        /* a method missing some origins is not compared on equal terms */
        double wape = rp_accuracy_wape(&out.acc);
        if (isnan(wape) || out.skipped)
            wape = INFINITY;
        if (qf->type == NULL || wape < best) {
            best = wape;
            qf->type = types[t];
            qf->backtest_wape = isinf(wape) ? NAN : wape;
            memcpy(qf->c2, out.c2, sizeof out.c2);
        }
    }
    g_free(origins);
    return ok;
}

static gboolean
forecast_queue(const RpHistory *h, const RpQueueSeries *s,
               const RpForecastRunParams *params, RpQueueForecast *qf,
               GError **error)
{
    size_t n_days = s->n_days - s->n_hist;
    size_t horizon = MIN(n_days, (size_t)7 * MAX_WEEKS);
    qf->n_weeks = n_weeks(horizon);
    qf->c2 = g_new(double, MAX_WEEKS);
    if (!choose(s, params, horizon, qf, error))
        return FALSE;
    const RpForecasterType *type = qf->type ? qf->type : params->type;
    if (type == NULL)
        type = rp_forecaster_snaive; /* for the message below */
    g_autoptr(RpForecaster) f = rp_forecaster_new(type, &params->forecast);
    GError *local = NULL;
    if (!rp_forecaster_fit(f, s, s->n_hist, TRUE, &local)) {
        g_propagate_prefixed_error(
            error, local, "%s:%zu: interval_start: ", h->path, s->last_line);
        return FALSE;
    }
    qf->type = type;
    qf->mean = g_new(double, n_days * s->n_slots);
    qf->aht_s = g_new(double, n_days * s->n_slots);
    qf->q = g_new(double, n_days * s->n_slots * RP_N_QUANTILES);
    rp_forecaster_predict(f, s, s->n_hist, n_days, qf->mean);
    qf->is_new = g_new(guint8, n_days * s->n_slots);
    rp_fc_new_hours(s, s->n_hist, n_days, params->forecast.profile_weeks,
                    &h->centre->new_hours, qf->mean, qf->is_new,
                    &qf->new_contacts, &qf->moved_contacts);
    rp_aht_forecast(s, s->n_hist, n_days, params->forecast.profile_weeks,
                    qf->aht_s);
    for (size_t d = 0; d < n_days; d++)
        rp_fc_quantiles_day(qf, s->n_slots, d);
    return TRUE;
}

void
rp_fc_quantiles_day(RpQueueForecast *qf, size_t n_slots, size_t d)
{
    size_t w = MIN(d / 7, qf->n_weeks - 1);
    for (size_t i = d * n_slots; i < (d + 1) * n_slots; i++)
        for (size_t j = 0; j < RP_N_QUANTILES; j++)
            qf->q[i * RP_N_QUANTILES + j] = rp_count_quantile(
                qf->mean[i], qf->c2[w], rp_forecast_quantiles[j]);
}

RpForecast *
rp_forecast_run(const RpHistory *history, const RpForecastRunParams *params,
                GError **error)
{
    g_return_val_if_fail(history != NULL && params != NULL, NULL);
    g_autoptr(RpForecast) f = g_new0(RpForecast, 1);
    f->history = history;
    f->queues = g_ptr_array_new_with_free_func(queue_forecast_free);
    for (size_t q = 0; q < history->n_queues; q++) {
        const RpQueueSeries *s = history->series[q];
        if (s == NULL || s->n_days == s->n_hist)
            continue;
        RpQueueForecast *qf = g_new0(RpQueueForecast, 1);
        qf->queue = q;
        qf->backtest_wape = NAN;
        g_ptr_array_add(f->queues, qf);
        if (!forecast_queue(history, s, params, qf, error))
            return NULL;
    }
    if (!rp_forecast_apply_moves(f, error))
        return NULL;
    return g_steal_pointer(&f);
}
