/* forecast/forecast.c - the forecaster type table and dispatch, count
 * quantiles and the Poisson noise floor.
 *
 * Key decision: the history-length check and the known event factors live
 * here, once, so no method can forget them: every method sees a series
 * with factors divided out and its forecasts are multiplied back. */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "common/error.h"
#include "common/units.h"
#include "forecast/forecast_int.h"

const RpForecasterType *const rp_forecaster_types[] = {
    &rp_fc_snaive_type, &rp_fc_mean_type, &rp_fc_hw_type, &rp_fc_topdown_type,
    NULL};

struct RpForecaster {
    const RpForecasterType *type;
    RpForecastParams params;
    gboolean tuned;
    void *state;
};

void
rp_forecast_params_init(RpForecastParams *p)
{
    p->profile_weeks = 8;
}

const RpForecasterType *
rp_forecaster_type_find(const char *name)
{
    for (size_t i = 0; rp_forecaster_types[i]; i++)
        if (g_strcmp0(rp_forecaster_types[i]->name, name) == 0)
            return rp_forecaster_types[i];
    return NULL;
}

RpForecaster *
rp_forecaster_new(const RpForecasterType *type, const RpForecastParams *params)
{
    g_return_val_if_fail(type != NULL, NULL);
    RpForecaster *f = g_new0(RpForecaster, 1);
    f->type = type;
    if (params)
        f->params = *params;
    else
        rp_forecast_params_init(&f->params);
    f->state = g_malloc0(type->size);
    type->init(f->state, &f->params);
    return f;
}

void
rp_forecaster_free(RpForecaster *f)
{
    if (f == NULL)
        return;
    if (f->type->clear)
        f->type->clear(f->state);
    g_free(f->state);
    g_free(f);
}

gboolean
rp_forecaster_fit(RpForecaster *f, const RpQueueSeries *s, size_t n_train,
                  gboolean tune, GError **error)
{
    g_return_val_if_fail(f != NULL && s != NULL, FALSE);
    g_return_val_if_fail(n_train <= s->n_hist, FALSE);
    size_t have = rp_queue_series_history_days(s, n_train);
    if (have < f->type->min_days) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "queue %s has %zu days of history; model %s needs at "
                    "least %zu days (%zu weeks)",
                    s->id, have, f->type->name, f->type->min_days,
                    (f->type->min_days + 6) / 7);
        return FALSE;
    }
    if (!f->type->fit(f->state, s, n_train, tune || !f->tuned, error))
        return FALSE;
    f->tuned = TRUE;
    return TRUE;
}

void
rp_forecaster_predict(RpForecaster *f, const RpQueueSeries *s, size_t n_train,
                      size_t n_days, double *out)
{
    g_return_if_fail(f != NULL && f->tuned && out != NULL);
    g_return_if_fail(n_train + n_days <= s->n_days);
    f->type->predict(f->state, s, n_train, n_days, out);
    for (size_t d = 0; d < n_days; d++) {
        const RpDayInfo *day = &s->days[n_train + d];
        const guint8 *open = rp_fc_open(s, n_train + d);
        double *o = out + d * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++)
            o[k] = open[k] ? MAX(o[k], 0.0) * day->factor : NAN;
    }
}

/* ---- counts ----------------------------------------------------------------
 */

/* P(Y <= k) for the negative binomial of mean mu and size 1/c2. */
static double
count_cdf(double k, double mu, double c2)
{
    if (c2 < 1e-9)
        return gsl_cdf_poisson_P((unsigned int)k, mu);
    double size = 1.0 / c2;
    return gsl_cdf_negative_binomial_P((unsigned int)k, size / (size + mu),
                                       size);
}

double
rp_count_quantile(double mu, double c2, double q)
{
    g_return_val_if_fail(q > 0.0 && q < 1.0, NAN);
    if (isnan(mu))
        return NAN;
    if (!(mu > 0.0))
        return 0.0;
    c2 = MAX(c2, 0.0);
    /* start at the normal approximation, then step to the exact one */
    double sd = sqrt(mu + c2 * mu * mu);
    double k = floor(mu + gsl_cdf_ugaussian_Pinv(q) * sd);
    k = MAX(k, 0.0);
    while (k > 0.0 && count_cdf(k - 1.0, mu, c2) >= q)
        k -= 1.0;
    while (count_cdf(k, mu, c2) < q)
        k += 1.0;
    return k;
}

double
rp_poisson_mad(double lambda)
{
    if (!(lambda > 0.0))
        return 0.0;
    double n = floor(lambda);
    return exp(G_LN2 - lambda + (n + 1.0) * log(lambda) - lgamma(n + 1.0));
}
