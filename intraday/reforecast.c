/* intraday/reforecast.c - the rest of the day from the contacts so far,
 * by the two-level posterior mean of (1) and (3) in intraday/intraday.h,
 * with the dead band of (4).
 *
 * Why posterior means rather than the plain ratio actual/forecast: at
 * 11:00 one line's ratio rests on a hundred or so contacts and is mostly
 * Poisson noise (the backtest finds the plain ratio 30% worse than not
 * re-forecasting at all).  The group's level is read from all its queues
 * at once, each weighted by how much its ratio says about the common
 * level (its Poisson noise plus its own level's spread, so one big line
 * running hot does not drag the rest), and each queue's own departure is
 * then shrunk by its own noise. */
#include <math.h>

#include "intraday/intraday.h"

void
rp_reforecast_params_init(RpReforecastParams *p)
{
    p->common_cv = 0.05;
    p->own_cv = 0.05;
    p->band = 2.0;
}

/* Contacts seen and expected for queue q so far. */
static void
seen_so_far(const double *forecast, const double *actual, size_t n,
            size_t n_seen, size_t q, double *seen, double *expected)
{
    *seen = *expected = 0.0;
    for (size_t k = 0; k < n_seen; k++) {
        double f = forecast[q * n + k], y = actual[q * n + k];
        if (isnan(f) || isnan(y))
            continue;
        *seen += y;
        *expected += f;
    }
}

gboolean
rp_intraday_on_forecast(const double *seen, const double *expected,
                        size_t n_queues, double band)
{
    double all_seen = 0.0, all_expected = 0.0;
    for (size_t q = 0; q < n_queues; q++) {
        if (fabs(seen[q] - expected[q]) > band * sqrt(expected[q]))
            return FALSE;
        all_seen += seen[q];
        all_expected += expected[q];
    }
    return fabs(all_seen - all_expected) <= band * sqrt(all_expected);
}

gboolean
rp_intraday_reforecast(const double *forecast, const double *actual,
                       size_t n_queues, size_t n, size_t n_seen,
                       const int *group, const RpReforecastParams *params,
                       double *revised, double *theta)
{
    g_return_val_if_fail(n_seen <= n, FALSE);
    RpReforecastParams defaults;
    if (params == NULL) {
        rp_reforecast_params_init(&defaults);
        params = &defaults;
    }
    double sc2 = params->common_cv * params->common_cv;
    double so2 = params->own_cv * params->own_cv;
    g_autofree double *seen = g_new(double, n_queues);
    g_autofree double *expected = g_new(double, n_queues);
    for (size_t q = 0; q < n_queues; q++)
        seen_so_far(forecast, actual, n, n_seen, q, &seen[q], &expected[q]);
    gboolean keep =
        params->band > 0.0 &&
        rp_intraday_on_forecast(seen, expected, n_queues, params->band);
    for (size_t q = 0; q < n_queues; q++) {
        /* (1): the group's level, each queue's ratio weighted by
         * 1 / (own spread + Poisson noise) */
        double sum_w = 0.0, sum_wy = 0.0;
        for (size_t r = 0; r < n_queues; r++) {
            if (group[r] != group[q] || expected[r] <= 0.0)
                continue;
            double w = 1.0 / (so2 + 1.0 / expected[r]);
            sum_w += w;
            sum_wy += w * (seen[r] / expected[r] - 1.0);
        }
        double level = sc2 * sum_wy / (1.0 + sc2 * sum_w);
        /* (3): the queue's own departure from it */
        if (expected[q] > 0.0) {
            double y = seen[q] / expected[q] - 1.0;
            level += so2 / (so2 + 1.0 / expected[q]) * (y - level);
        }
        theta[q] = keep ? 1.0 : 1.0 + level;
        for (size_t k = 0; k < n; k++) {
            double f = forecast[q * n + k];
            double *out = &revised[q * n + k];
            if (isnan(f))
                *out = NAN;
            else if (k < n_seen)
                *out = isnan(actual[q * n + k]) ? f : actual[q * n + k];
            else
                *out = theta[q] * f;
        }
    }
    return keep;
}
