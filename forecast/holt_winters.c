/* forecast/holt_winters.c - double-seasonal Holt-Winters (Taylor 2003,
 * "Short-term electricity demand forecasting using double seasonal
 * exponential smoothing", JORS 54:799-805; used for call arrivals in
 * Taylor 2008, Management Science 54(2):253-265), additive, with an AR(1)
 * adjustment of the one-step error.
 *
 * The series runs over the open slots of the weekdays the queue opens, day
 * after day; s is a slot of the day, p = (weekday, slot) a slot of the
 * week.  With base_t = l + D[s] + W[p]:
 *
 *     e_t   = y_t - base_t                     (error before adjustment)
 *     l    <- l    + alpha e_t                                      (1)
 *     D[s] <- D[s] + delta e_t     (daily cycle)                    (2)
 *     W[p] <- W[p] + omega e_t     (weekly cycle)                   (3)
 *     yhat_{t+h} = base_{t+h} + phi^h e_t                           (4)
 *
 * (the error-correction form of Taylor's recursions).  A missing value
 * (bank holiday, gap, outlier, the day after a closure) changes no state,
 * so it is never copied forward.  alpha, delta, omega and phi, each in
 * (0, 1), minimise the in-sample sum of squared one-step errors of (4),
 * found by GSL's Nelder-Mead simplex on their logits.
 *
 * Key decision: parameters are tuned once, on the last 26 weeks before
 * the origin, and kept for refits (the tune flag), because a refit is then
 * one pass of the filter over the whole history: a three-year backtest
 * over a year of weekly origins stays well under a second, and a six-week
 * forecast of sixteen queues too. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "common/error.h"
#include "forecast/forecast_int.h"

#define N_PAR     4
#define MAX_ITER  300
#define SIZE_TOL  1e-3
#define TUNE_DAYS (26 * 7) /* parameters are fitted on the last 26 weeks */

typedef struct {
    double par[N_PAR]; /* alpha, delta, omega, phi */
    size_t n_slots;
    double level;             /* l after the last training slot */
    double *daily;            /* D[s], n_slots */
    double *weekly;           /* W[p], 7 * n_slots */
    double e_last;            /* the last one-step error e_t */
    size_t since_e;           /* slots since e_last was observed */
    guint8 pattern[7 * 1440]; /* open slots of a normal weekday */
} HwState;

typedef struct {
    const RpQueueSeries *s;
    size_t first, n_train;
    HwState *st;
} HwFit;

static void
hw_init(void *state, const RpForecastParams *params)
{
    HwState *st = state;
    (void)params;
    const double start[N_PAR] = {0.05, 0.05, 0.05, 0.5};
    memcpy(st->par, start, sizeof start);
}

static void
hw_clear(void *state)
{
    HwState *st = state;
    g_free(st->daily);
    g_free(st->weekly);
}

/* The open slots of each weekday, from the latest open day of each. */
static void
find_pattern(HwState *st, const RpQueueSeries *s)
{
    gboolean seen[7] = {FALSE};
    memset(st->pattern, 0, sizeof st->pattern);
    for (size_t d = s->n_days; d-- > 0;) {
        int w = s->days[d].weekday;
        if (seen[w] || !s->days[d].open)
            continue;
        seen[w] = TRUE;
        memcpy(st->pattern + (size_t)w * s->n_slots, rp_fc_open(s, d),
               s->n_slots);
    }
}

static gboolean
usable(const RpQueueSeries *s, size_t d)
{
    return s->days[d].open && !s->days[d].outlier && !s->days[d].after_closure;
}

/* Initial states from the first two weeks: the level is the mean of what
 * was seen, the weekly cycle each weekly slot's mean less that level. */
static void
initial_states(HwState *st, const RpQueueSeries *s, size_t first,
               size_t n_train)
{
    size_t m = 7 * s->n_slots;
    double *sum = g_new0(double, m);
    double *cnt = g_new0(double, m);
    double total = 0.0, n = 0.0;
    for (size_t d = first; d < n_train && d < first + 14; d++) {
        if (!usable(s, d))
            continue;
        const double *y = rp_fc_day(s, d);
        size_t base = (size_t)s->days[d].weekday * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            if (!st->pattern[base + k] || isnan(y[k]))
                continue;
            sum[base + k] += y[k];
            cnt[base + k] += 1.0;
            total += y[k];
            n += 1.0;
        }
    }
    st->level = n > 0.0 ? total / n : 0.0;
    memset(st->daily, 0, s->n_slots * sizeof *st->daily);
    for (size_t p = 0; p < m; p++)
        st->weekly[p] = cnt[p] > 0.0 ? sum[p] / cnt[p] - st->level : 0.0;
    g_free(sum);
    g_free(cnt);
}

/* Runs (1)-(4) over days [first, n_train) with parameters `par`; returns
 * the sum of squared one-step errors after the first week. */
static double
filter(HwState *st, const RpQueueSeries *s, size_t first, size_t n_train,
       const double par[N_PAR])
{
    double alpha = par[0], delta = par[1], omega = par[2], phi = par[3];
    initial_states(st, s, first, n_train);
    double sse = 0.0, e = 0.0, ar = 0.0;
    size_t since = 0;
    for (size_t d = first; d < n_train; d++) {
        size_t base = (size_t)s->days[d].weekday * s->n_slots;
        const double *y = rp_fc_day(s, d);
        gboolean use = usable(s, d);
        for (size_t k = 0; k < s->n_slots; k++) {
            if (!st->pattern[base + k])
                continue;
            ar *= phi;
            since++;
            if (!use || isnan(y[k]))
                continue;
            double b = st->level + st->daily[k] + st->weekly[base + k];
            e = y[k] - b;
            if (d >= first + 7)
                sse += (e - ar) * (e - ar);
            st->level += alpha * e;
            st->daily[k] += delta * e;
            st->weekly[base + k] += omega * e;
            ar = e;
            since = 0;
        }
    }
    st->e_last = e;
    st->since_e = since;
    return sse;
}

static double
logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

static double
sse_at(const gsl_vector *x, void *data)
{
    HwFit *fit = data;
    double par[N_PAR];
    for (size_t i = 0; i < N_PAR; i++)
        par[i] = logistic(gsl_vector_get(x, i));
    return filter(fit->st, fit->s, fit->first, fit->n_train, par);
}

static gboolean
tune_parameters(HwState *st, const RpQueueSeries *s, size_t first,
                size_t n_train, GError **error)
{
    HwFit fit = {s, first, n_train, st};
    gsl_multimin_function fn = {sse_at, N_PAR, &fit};
    gsl_vector *x = gsl_vector_alloc(N_PAR);
    gsl_vector *step = gsl_vector_alloc(N_PAR);
    for (size_t i = 0; i < N_PAR; i++) {
        gsl_vector_set(x, i, log(st->par[i] / (1.0 - st->par[i])));
        gsl_vector_set(step, i, 1.0);
    }
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(
        gsl_multimin_fminimizer_nmsimplex2, N_PAR);
    int status = gsl_multimin_fminimizer_set(m, &fn, x, step);
    for (size_t iter = 0; status == GSL_SUCCESS && iter < MAX_ITER; iter++) {
        status = gsl_multimin_fminimizer_iterate(m);
        if (status != GSL_SUCCESS)
            break;
        status =
            gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), SIZE_TOL);
        if (status == GSL_SUCCESS)
            break;
        if (status == GSL_CONTINUE)
            status = GSL_SUCCESS;
    }
    gboolean ok = status == GSL_SUCCESS && isfinite(m->fval);
    if (ok)
        for (size_t i = 0; i < N_PAR; i++)
            st->par[i] = logistic(gsl_vector_get(m->x, i));
    else
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_NUMERIC,
                    "queue %s: fitting Holt-Winters failed: %s", s->id,
                    gsl_strerror(status));
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return ok;
}

static gboolean
hw_fit(void *state, const RpQueueSeries *s, size_t n_train, gboolean tune,
       GError **error)
{
    HwState *st = state;
    if (st->n_slots != s->n_slots) {
        g_free(st->daily);
        g_free(st->weekly);
        st->n_slots = s->n_slots;
        st->daily = g_new0(double, s->n_slots);
        st->weekly = g_new0(double, 7 * s->n_slots);
    }
    g_return_val_if_fail(7 * s->n_slots <= sizeof st->pattern, FALSE);
    find_pattern(st, s);
    size_t first = rp_fc_first_observed(s, n_train);
    size_t recent = n_train > first + TUNE_DAYS ? n_train - TUNE_DAYS : first;
    if (tune && !tune_parameters(st, s, recent, n_train, error))
        return FALSE;
    filter(st, s, first, n_train, st->par);
    return TRUE;
}

static void
hw_predict(void *state, const RpQueueSeries *s, size_t n_train, size_t n_days,
           double *out)
{
    const HwState *st = state;
    double phi = st->par[3];
    double ar = st->e_last * pow(phi, (double)st->since_e);
    for (size_t i = 0; i < n_days; i++) {
        size_t d = n_train + i;
        size_t base = (size_t)s->days[d].weekday * s->n_slots;
        double *o = out + i * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            o[k] = NAN;
            if (!st->pattern[base + k])
                continue;
            ar *= phi;
            o[k] = st->level + st->daily[k] + st->weekly[base + k] + ar;
        }
    }
}

const RpForecasterType rp_fc_hw_type = {
    .name = "hw",
    .description = "double-seasonal Holt-Winters (daily and weekly cycles, "
                   "Taylor 2003), parameters fitted by Nelder-Mead",
    .min_days = 28,
    .size = sizeof(HwState),
    .init = hw_init,
    .fit = hw_fit,
    .predict = hw_predict,
    .clear = hw_clear,
};
const RpForecasterType *const rp_forecaster_hw = &rp_fc_hw_type;
