/* forecast/naive.c - the two baselines every contact centre knows: the
 * same interval last week (seasonal naive) and the mean of the same
 * interval over the last k weeks.
 *
 * Key decision: "last week" means the last *normal* day of the same
 * weekday, so a bank holiday, the day after a closure, an event day or an
 * outlier is never copied into the weeks ahead; with a whole week of
 * history that is one week earlier, the textbook y(t - m2). */
#include <math.h>
#include <string.h>

#include "forecast/forecast_int.h"

/* ---- seasonal naive --------------------------------------------------------
 */

static void
snaive_init(void *state, const RpForecastParams *params)
{
    (void)state;
    (void)params;
}

static gboolean
snaive_fit(void *state, const RpQueueSeries *s, size_t n_train, gboolean tune,
           GError **error)
{
    (void)state;
    (void)s;
    (void)n_train;
    (void)tune;
    (void)error;
    return TRUE;
}

/* The latest normal day before n_train of day d's weekday, or of any
 * weekday when that weekday has none. */
static size_t
source_day(const RpQueueSeries *s, size_t n_train, size_t d)
{
    size_t src = rp_fc_last_normal(s, n_train, d);
    for (size_t b = n_train; src == (size_t)-1 && b-- > 0;)
        if (rp_fc_day_normal(s, b))
            src = b;
    return src;
}

static void
snaive_predict(void *state, const RpQueueSeries *s, size_t n_train,
               size_t n_days, double *out)
{
    (void)state;
    for (size_t i = 0; i < n_days; i++) {
        size_t src = source_day(s, n_train, n_train + i);
        double *o = out + i * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++)
            o[k] = src == (size_t)-1 ? 0.0 : rp_fc_day(s, src)[k];
    }
}

const RpForecasterType rp_fc_snaive_type = {
    .name = "snaive",
    .description = "seasonal naive: the same interval on the last normal "
                   "day of the same weekday (one week earlier)",
    .min_days = 7,
    .size = 1,
    .init = snaive_init,
    .fit = snaive_fit,
    .predict = snaive_predict,
};
const RpForecasterType *const rp_forecaster_snaive = &rp_fc_snaive_type;

/* ---- mean of the last k weeks ------------------------------------------ */

#define MEAN_WEEKS 4 /* k; the method's min_days is 7 k */

static void
mean_predict(void *state, const RpQueueSeries *s, size_t n_train, size_t n_days,
             double *out)
{
    (void)state;
    double *sum = g_new(double, s->n_slots);
    for (size_t i = 0; i < n_days; i++) {
        size_t d = n_train + i, used = 0;
        memset(sum, 0, s->n_slots * sizeof *sum);
        for (size_t b = n_train; b-- > 0 && used < MEAN_WEEKS;) {
            if (s->days[b].weekday != s->days[d].weekday ||
                !rp_fc_day_normal(s, b))
                continue;
            const double *y = rp_fc_day(s, b);
            for (size_t k = 0; k < s->n_slots; k++)
                sum[k] += isnan(y[k]) ? 0.0 : y[k];
            used++;
        }
        double *o = out + i * s->n_slots;
        if (used == 0) { /* a weekday never seen: last week's copy rule */
            snaive_predict(NULL, s, n_train, 1, o);
            continue;
        }
        for (size_t k = 0; k < s->n_slots; k++)
            o[k] = sum[k] / (double)used;
    }
    g_free(sum);
}

const RpForecasterType rp_fc_mean_type = {
    .name = "mean",
    .description = "historical average: the mean of the same interval over "
                   "the last 4 normal days of the same weekday",
    .min_days = 7 * MEAN_WEEKS,
    .size = 1,
    .init = snaive_init,
    .fit = snaive_fit,
    .predict = mean_predict,
};
const RpForecasterType *const rp_forecaster_mean = &rp_fc_mean_type;
