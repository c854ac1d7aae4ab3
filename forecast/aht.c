/* forecast/aht.c - handling time per interval, for the Erlang models.
 *
 * The forecast for a weekday and slot is the contact-weighted mean of the
 * handling times seen in that weekday and slot over the last weeks
 * (total handling time over total contacts, which is what the workload
 * needs), shrunk towards the queue's overall mean of the same weeks:
 *
 *     aht = (n m_slot + N0 m_queue) / (n + N0)
 *
 * with n the contacts behind the slot's mean and N0 = 30 contacts, so a
 * slot seen a handful of times does not swing the staffing.  Without any
 * handling times in the history, the configured one is used. */
#include <math.h>
#include <string.h>

#include "forecast/forecast_int.h"

#define SHRINK_CONTACTS 30.0

void
rp_aht_forecast(const RpQueueSeries *s, size_t n_train, size_t n_days,
                size_t weeks, double *out)
{
    size_t m = 7 * s->n_slots;
    double *work = g_new0(double, 2 * m); /* handling seconds, contacts */
    double all_work = 0.0, all_n = 0.0;
    size_t from = n_train > 7 * weeks ? n_train - 7 * weeks : 0;
    for (size_t d = from; d < n_train; d++) {
        if (!s->days[d].open || s->days[d].outlier)
            continue;
        size_t base = (size_t)s->days[d].weekday * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            size_t at = d * s->n_slots + k;
            if (isnan(s->aht_s[at]) || isnan(s->y[at]) || s->y[at] <= 0.0)
                continue;
            work[base + k] += s->aht_s[at] * s->y[at];
            work[m + base + k] += s->y[at];
            all_work += s->aht_s[at] * s->y[at];
            all_n += s->y[at];
        }
    }
    double queue_mean = all_n > 0.0 ? all_work / all_n : s->aht_default_s;
    for (size_t i = 0; i < n_days; i++) {
        size_t d = n_train + i;
        size_t base = (size_t)s->days[d].weekday * s->n_slots;
        const guint8 *open = rp_fc_open(s, d);
        for (size_t k = 0; k < s->n_slots; k++) {
            double n = work[m + base + k];
            out[i * s->n_slots + k] =
                !open[k] ? NAN
                         : (work[base + k] + SHRINK_CONTACTS * queue_mean) /
                               (n + SHRINK_CONTACTS);
        }
    }
    g_free(work);
}
