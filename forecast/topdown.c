/* forecast/topdown.c - the workforce-management standard: daily totals
 * times an intraday profile per day type.
 *
 *     F(d, s) = D(d) p(weekday(d), s)                                 (1)
 *
 * Daily totals D: a regression of log D on day of week, a linear trend,
 * the yearly cycle (Fourier terms, once a year of history exists), the
 * day after a closure and each estimated event label, fitted by least
 * squares (GSL multifit, SVD), plus a local level: the residuals r are
 * smoothed exponentially,
 *
 *     L <- L + a (r - L)                                              (2)
 *
 * and the forecast is log D = x b + L, times exp(sigma^2 / 2) so the
 * lognormal mean is unbiased.  `a` is chosen from a grid to minimise the
 * squared error of the level as known a week before each day.
 *
 * Profiles p: the share of each slot in the day's contacts over the last
 * `profile_weeks` normal days of the weekday, blended with the profile of
 * all weekdays pooled (weight w on the weekday's own); w and the
 * smoothing of neighbouring slots are chosen by how well they would have
 * spread the actual totals of the last two weeks (Poisson deviance).
 *
 * Key decision: the daily level carries the over-dispersion of call
 * arrivals (the random daily rate), so it gets the model with the most
 * information (calendar, events, trend, local level), while the profile,
 * estimated from many thousands of contacts, is kept simple and shrunk
 * towards the pooled shape to keep its noise below the Poisson floor. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "common/error.h"
#include "common/units.h"
#include "forecast/forecast_int.h"

#define N_FOURIER 3 /* yearly harmonics */
#define YEAR_DAYS 365.25
#define N_MONTH   2 /* first working days of the month with a column */
#define MAX_COLS  (2 + 7 + 2 * N_FOURIER + 1 + N_MONTH + RP_EVENTS_MAX_LABELS)

static const double level_grid[] = {0.0, 0.05, 0.1, 0.15, 0.2,
                                    0.3, 0.4,  0.5, 0.7};
static const double own_grid[] = {0.0, 0.25, 0.5, 0.75, 1.0};

typedef struct {
    size_t profile_weeks;
    /* hyperparameters (tuned) */
    double a;        /* smoothing of the level (2) */
    double own;      /* weight of the weekday's own profile */
    gboolean smooth; /* profiles smoothed over neighbouring slots */
    /* the daily regression */
    int ref_weekday; /* the weekday without a dummy */
    gboolean weekday_col[7];
    gboolean yearly;    /* Fourier terms used */
    gboolean after_col; /* after-closure dummy used */
    gboolean month_col; /* first-working-days-of-the-month dummies used */
    guint32 event_cols; /* estimated labels with a column */
    size_t n_cols;
    double beta[MAX_COLS];
    double level;  /* L at the end of training */
    double sigma2; /* variance of the week-ahead log errors */
    size_t n_train;
    /* profiles */
    size_t n_slots;
    double *profile; /* 7 * n_slots */
} TdState;

static void
td_init(void *state, const RpForecastParams *params)
{
    TdState *st = state;
    st->profile_weeks = MAX(params->profile_weeks, 1);
    st->a = 0.2;
    st->own = 0.5;
    st->smooth = FALSE;
}

static void
td_clear(void *state)
{
    TdState *st = state;
    g_free(st->profile);
}

/* ---- the regression ---------------------------------------------------------
 */

/* Which open day of its month day d is (1 for the first), counted over
 * the days the queue opens; 0 when shut. */
static size_t
working_day_of_month(const RpQueueSeries *s, size_t d)
{
    if (!s->days[d].open)
        return 0;
    int y, m, day_of_month;
    rp_civil_from_days(s->days[d].day, &y, &m, &day_of_month);
    size_t nth = 1;
    for (size_t b = d; b-- > 0 && d - b < (size_t)day_of_month;)
        nth += s->days[b].open ? 1 : 0;
    return nth;
}

/* The regressors of day d into x (n_cols values). */
static void
regressors(const TdState *st, const RpQueueSeries *s, size_t d, double *x)
{
    size_t c = 0;
    const RpDayInfo *day = &s->days[d];
    x[c++] = 1.0;
    x[c++] = ((double)d - (double)st->n_train) / YEAR_DAYS;
    for (int w = 0; w < 7; w++)
        if (st->weekday_col[w])
            x[c++] = day->weekday == w;
    if (st->yearly) {
        for (int j = 1; j <= N_FOURIER; j++) {
            double t = 2.0 * G_PI * j * (double)day->day / YEAR_DAYS;
            x[c++] = sin(t);
            x[c++] = cos(t);
        }
    }
    if (st->after_col)
        x[c++] = day->after_closure;
    if (st->month_col) {
        size_t nth = working_day_of_month(s, d);
        for (size_t m = 1; m <= N_MONTH; m++)
            x[c++] = nth == m;
    }
    for (int e = 0; e < RP_EVENTS_MAX_LABELS; e++)
        if (st->event_cols & (1u << e))
            x[c++] = (day->events >> e) & 1u;
}

/* Which columns the days [first, n_train) can support. */
static void
choose_columns(TdState *st, const RpQueueSeries *s, size_t first,
               size_t n_train, const double *logd)
{
    size_t per_weekday[7] = {0}, n_after = 0;
    size_t per_event[RP_EVENTS_MAX_LABELS] = {0};
    size_t lo = n_train, hi = 0;
    for (size_t d = first; d < n_train; d++) {
        if (isnan(logd[d]))
            continue;
        per_weekday[s->days[d].weekday]++;
        n_after += s->days[d].after_closure ? 1 : 0;
        for (int e = 0; e < RP_EVENTS_MAX_LABELS; e++)
            per_event[e] += (s->days[d].events >> e) & 1u;
        lo = MIN(lo, d);
        hi = d;
    }
    st->ref_weekday = 0;
    for (int w = 1; w < 7; w++)
        if (per_weekday[w] > per_weekday[st->ref_weekday])
            st->ref_weekday = w;
    st->n_cols = 2;
    for (int w = 0; w < 7; w++) {
        st->weekday_col[w] = w != st->ref_weekday && per_weekday[w] >= 2;
        st->n_cols += st->weekday_col[w] ? 1 : 0;
    }
    st->yearly = hi > lo && hi - lo >= 400;
    st->n_cols += st->yearly ? 2 * N_FOURIER : 0;
    st->after_col = n_after >= 1; /* one day: its own column, i.e. left out */
    st->n_cols += st->after_col ? 1 : 0;
    st->month_col = hi > lo && hi - lo >= 90;
    st->n_cols += st->month_col ? N_MONTH : 0;
    st->event_cols = 0;
    for (int e = 0; e < RP_EVENTS_MAX_LABELS; e++) {
        if (!(s->estimated_events & (1u << e)) || per_event[e] == 0)
            continue;
        st->event_cols |= 1u << e;
        st->n_cols++;
    }
}

static gboolean
regress(TdState *st, const RpQueueSeries *s, size_t first, size_t n_train,
        const double *logd, GError **error)
{
    size_t n = 0;
    for (size_t d = first; d < n_train; d++)
        n += isnan(logd[d]) ? 0 : 1;
    size_t p = st->n_cols;
    if (n < p) { /* too few days for the calendar: a flat mean */
        double sum = 0.0;
        for (size_t d = first; d < n_train; d++)
            sum += isnan(logd[d]) ? 0.0 : logd[d];
        memset(st->beta, 0, sizeof st->beta);
        st->beta[0] = n > 0 ? sum / (double)n : 0.0;
        return TRUE;
    }
    gsl_matrix *X = gsl_matrix_alloc(n, p);
    gsl_vector *yv = gsl_vector_alloc(n);
    gsl_vector *b = gsl_vector_alloc(p);
    gsl_matrix *cov = gsl_matrix_alloc(p, p);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(n, p);
    double x[MAX_COLS], chisq;
    size_t i = 0;
    for (size_t d = first; d < n_train; d++) {
        if (isnan(logd[d]))
            continue;
        regressors(st, s, d, x);
        for (size_t c = 0; c < p; c++)
            gsl_matrix_set(X, i, c, x[c]);
        gsl_vector_set(yv, i++, logd[d]);
    }
    int status = gsl_multifit_linear(X, yv, b, cov, &chisq, w);
    for (size_t c = 0; c < p; c++)
        st->beta[c] = gsl_vector_get(b, c);
    gsl_multifit_linear_free(w);
    gsl_matrix_free(cov);
    gsl_vector_free(b);
    gsl_vector_free(yv);
    gsl_matrix_free(X);
    if (status != GSL_SUCCESS) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_NUMERIC,
                    "queue %s: daily regression failed: %s", s->id,
                    gsl_strerror(status));
        return FALSE;
    }
    return TRUE;
}

static double
fitted(const TdState *st, const RpQueueSeries *s, size_t d)
{
    double x[MAX_COLS], sum = 0.0;
    regressors(st, s, d, x);
    for (size_t c = 0; c < st->n_cols; c++)
        sum += st->beta[c] * x[c];
    return sum;
}

/* Runs (2) over the residuals with constant `a` (from L = 0); returns the
 * mean squared error of the level as it stood 7 days before each day
 * (after four weeks), and leaves the final level in *level. */
static double
level_run(const double *r, size_t first, size_t n_train, double a,
          double *level)
{
    double L = 0.0, sse = 0.0;
    size_t n = 0;
    double *after = g_new(double, n_train); /* the level after day d */
    for (size_t d = first; d < n_train; d++) {
        if (d >= first + 28 && !isnan(r[d])) {
            double known = after[d - 7];
            sse += (r[d] - known) * (r[d] - known);
            n++;
        }
        if (!isnan(r[d]))
            L += a * (r[d] - L);
        after[d] = L;
    }
    g_free(after);
    *level = L;
    return n > 0 ? sse / (double)n : 0.0;
}

static void
fit_level(TdState *st, const double *r, size_t first, size_t n_train,
          gboolean tune)
{
    if (tune) {
        double best = INFINITY;
        for (size_t i = 0; i < G_N_ELEMENTS(level_grid); i++) {
            double mse =
                level_run(r, first, n_train, level_grid[i], &st->level);
            if (mse < best - 1e-12) {
                best = mse;
                st->a = level_grid[i];
            }
        }
    }
    st->sigma2 = level_run(r, first, n_train, st->a, &st->level);
}

/* ---- profiles
 * ---------------------------------------------------------------- */

static void
smooth3(double *p, const guint8 *open, size_t n)
{
    double prev = 0.0;
    for (size_t k = 0; k < n; k++) {
        double cur = p[k];
        if (open[k]) {
            double left = k > 0 && open[k - 1] ? prev : cur;
            double right = k + 1 < n && open[k + 1] ? p[k + 1] : cur;
            p[k] = 0.25 * left + 0.5 * cur + 0.25 * right;
        }
        prev = cur;
    }
}

static const guint8 *
weekday_open(const RpQueueSeries *s, int weekday)
{
    for (size_t d = s->n_days; d-- > 0;)
        if (s->days[d].weekday == weekday && s->days[d].open)
            return rp_fc_open(s, d);
    return NULL;
}

/* Profiles of every weekday from days before `before`, with weight `own`
 * on the weekday's own shape, into prof (7 * n_slots). */
static void
build_profiles(const TdState *st, const RpQueueSeries *s, size_t before,
               double own, gboolean smooth, double *prof)
{
    size_t n = s->n_slots;
    double *pooled = g_new0(double, n);
    double *one = g_new(double, n);
    double days_pooled = 0.0;
    for (int w = 0; w < 7; w++) {
        size_t used = rp_fc_profile(s, before, w, st->profile_weeks, one);
        for (size_t k = 0; k < n; k++)
            pooled[k] += (double)used * one[k];
        days_pooled += (double)used;
    }
    for (int w = 0; w < 7; w++) {
        double *p = prof + (size_t)w * n;
        const guint8 *open = weekday_open(s, w);
        rp_fc_profile(s, before, w, st->profile_weeks, p);
        if (open == NULL)
            continue;
        double total = 0.0;
        for (size_t k = 0; k < n; k++) {
            double pool = days_pooled > 0.0 ? pooled[k] / days_pooled : p[k];
            p[k] = open[k] ? own * p[k] + (1.0 - own) * pool : 0.0;
        }
        if (smooth)
            smooth3(p, open, n);
        for (size_t k = 0; k < n; k++)
            total += p[k];
        for (size_t k = 0; k < n && total > 0.0; k++)
            p[k] /= total;
    }
    g_free(pooled);
    g_free(one);
}

/* Poisson deviance of spreading the actual totals of the normal days in
 * [from, to) with profiles built from days before `from`. */
static double
profile_deviance(const TdState *st, const RpQueueSeries *s, size_t from,
                 size_t to, double own, gboolean smooth, double *prof)
{
    build_profiles(st, s, from, own, smooth, prof);
    double dev = 0.0;
    for (size_t d = from; d < to; d++) {
        if (!rp_fc_day_normal(s, d))
            continue;
        double total = rp_fc_day_total(s, d);
        const double *y = rp_fc_day(s, d);
        const double *p = prof + (size_t)s->days[d].weekday * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            double mu = total * p[k];
            if (!rp_fc_open(s, d)[k] || isnan(y[k]))
                continue;
            if (mu <= 0.0) {
                dev += y[k] > 0.0 ? 1e6 : 0.0;
                continue;
            }
            dev += 2.0 *
                   ((y[k] > 0.0 ? y[k] * log(y[k] / mu) : 0.0) - (y[k] - mu));
        }
    }
    return dev;
}

static void
tune_profiles(TdState *st, const RpQueueSeries *s, size_t first, size_t n_train)
{
    if (n_train < first + 35 || s->n_slots < 2)
        return;
    double best = INFINITY;
    for (size_t i = 0; i < G_N_ELEMENTS(own_grid); i++) {
        for (int smooth = 0; smooth < 2; smooth++) {
            double dev = profile_deviance(st, s, n_train - 14, n_train,
                                          own_grid[i], smooth, st->profile);
            if (dev < best - 1e-9) {
                best = dev;
                st->own = own_grid[i];
                st->smooth = smooth;
            }
        }
    }
}

/* ---- fit and predict ------------------------------------------------------
 */

static gboolean
td_fit(void *state, const RpQueueSeries *s, size_t n_train, gboolean tune,
       GError **error)
{
    TdState *st = state;
    if (st->n_slots != s->n_slots) {
        g_free(st->profile);
        st->n_slots = s->n_slots;
        st->profile = g_new0(double, 7 * s->n_slots);
    }
    st->n_train = n_train;
    size_t first = rp_fc_first_observed(s, n_train);
    double *logd = g_new(double, n_train);
    for (size_t d = 0; d < n_train; d++) {
        double total = rp_fc_day_complete(s, d) ? rp_fc_day_total(s, d) : 0;
        logd[d] = total > 0.0 ? log(total) : NAN;
    }
    choose_columns(st, s, first, n_train, logd);
    if (!regress(st, s, first, n_train, logd, error)) {
        g_free(logd);
        return FALSE;
    }
    for (size_t d = first; d < n_train; d++)
        if (!isnan(logd[d]))
            logd[d] -= fitted(st, s, d);
    fit_level(st, logd, first, n_train, tune);
    g_free(logd);
    if (tune)
        tune_profiles(st, s, first, n_train);
    build_profiles(st, s, n_train, st->own, st->smooth, st->profile);
    return TRUE;
}

static void
td_predict(void *state, const RpQueueSeries *s, size_t n_train, size_t n_days,
           double *out)
{
    const TdState *st = state;
    for (size_t i = 0; i < n_days; i++) {
        size_t d = n_train + i;
        double total = exp(fitted(st, s, d) + st->level + 0.5 * st->sigma2);
        const double *p = st->profile + (size_t)s->days[d].weekday * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++)
            out[i * s->n_slots + k] = total * p[k];
    }
}

const RpForecasterType rp_fc_topdown_type = {
    .name = "topdown",
    .description = "daily totals (regression on weekday, trend, yearly "
                   "cycle, holidays and events, with a local level) times "
                   "an intraday profile per weekday",
    .min_days = 21,
    .size = sizeof(TdState),
    .init = td_init,
    .fit = td_fit,
    .predict = td_predict,
    .clear = td_clear,
};
const RpForecasterType *const rp_forecaster_topdown = &rp_fc_topdown_type;
