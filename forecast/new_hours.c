/* forecast/new_hours.c - hours a queue has never been open in.
 *
 * A method fitted to history has nothing to learn from hours the history
 * never saw open (a new evening, Saturday mornings): top-down puts a whole
 * weekday's volume into a three-hour Saturday, Holt-Winters extrapolates
 * unfitted states.  Such intervals are forecast instead from the hours
 * the queue does know, scaled by a stated share (RpNewHours): the same
 * time of day on the week's ordinary days, or, for a time no day has
 * been open at, the nearest known interval of the same day.  Part of that
 * volume (the transfer) is callers who would otherwise have rung in core
 * hours, so it is taken from the queue's known hours the same week,
 * pro rata, rather than added to the week. */
#include <math.h>
#include <string.h>

#include "forecast/forecast_int.h"

/* known[w * n_slots + k]: slot k of weekday w was open and observed on
 * some day of the last `weeks` weeks before day `end`. */
static guint8 *
known_slots(const RpQueueSeries *s, size_t end, size_t weeks)
{
    guint8 *known = g_new0(guint8, 7 * s->n_slots);
    size_t from = end > 7 * weeks ? end - 7 * weeks : 0;
    for (size_t d = from; d < end; d++) {
        const double *y = rp_fc_day(s, d);
        const guint8 *open = rp_fc_open(s, d);
        guint8 *row = known + (size_t)s->days[d].weekday * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++)
            row[k] |= open[k] && !isnan(y[k]);
    }
    return known;
}

/* The forecast a new slot k of forecast day `day` takes its share of:
 * the mean of slot k over the days of the week [w0, w1) that know it;
 * else the nearest known slot of the same day; else of any day of the
 * week.  0 when the week knows nothing. */
static double
base_of(const RpQueueSeries *s, size_t n_train, const guint8 *known,
        const double *mean, size_t w0, size_t w1, size_t day, size_t k)
{
    size_t n_slots = s->n_slots;
    double sum = 0.0;
    size_t n = 0;
    for (size_t d = w0; d < w1; d++) {
        int wd = s->days[n_train + d].weekday;
        if (rp_fc_open(s, n_train + d)[k] && known[(size_t)wd * n_slots + k]) {
            sum += mean[d * n_slots + k];
            n++;
        }
    }
    if (n > 0)
        return sum / (double)n;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t r = 1; r < n_slots; r++) {
            for (int side = -1; side <= 1; side += 2) {
                long j = (long)k + side * (long)r;
                if (j < 0 || j >= (long)n_slots)
                    continue;
                for (size_t d = pass ? w0 : day; d < (pass ? w1 : day + 1);
                     d++) {
                    int wd = s->days[n_train + d].weekday;
                    if (rp_fc_open(s, n_train + d)[j] &&
                        known[(size_t)wd * n_slots + (size_t)j]) {
                        sum += mean[d * n_slots + (size_t)j];
                        n++;
                    }
                }
                if (n > 0)
                    return sum / (double)n;
            }
        }
    }
    return 0.0;
}

void
rp_fc_new_hours(const RpQueueSeries *s, size_t n_train, size_t n_days,
                size_t weeks, const RpNewHours *rules, double *mean,
                guint8 *is_new, double *new_contacts, double *moved)
{
    size_t n_slots = s->n_slots;
    *new_contacts = *moved = 0.0;
    memset(is_new, 0, n_days * n_slots);
    if (s->daily)
        return;
    g_autofree guint8 *known = known_slots(s, MIN(n_train, s->n_known), weeks);
    g_autofree double *base = g_new0(double, n_slots * 7);
    for (size_t w0 = 0; w0 < n_days; w0 += 7) {
        size_t w1 = MIN(w0 + 7, n_days);
        double added = 0.0, core = 0.0;
        for (size_t d = w0; d < w1; d++) {
            int wd = s->days[n_train + d].weekday;
            const guint8 *open = rp_fc_open(s, n_train + d);
            for (size_t k = 0; k < n_slots; k++) {
                if (!open[k])
                    continue;
                if (known[(size_t)wd * n_slots + k]) {
                    core += mean[d * n_slots + k];
                    continue;
                }
                is_new[d * n_slots + k] = 1;
                base[(d - w0) * n_slots + k] =
                    rules->share *
                    base_of(s, n_train, known, mean, w0, w1, d, k);
            }
        }
        /* every base is taken from known slots' forecasts before any new
         * slot is written */
        for (size_t d = w0; d < w1; d++)
            for (size_t k = 0; k < n_slots; k++)
                if (is_new[d * n_slots + k]) {
                    mean[d * n_slots + k] = base[(d - w0) * n_slots + k];
                    added += mean[d * n_slots + k];
                }
        double take = core > 0.0 ? MIN(rules->transfer * added, core) : 0.0;
        double keep = core > 0.0 ? 1.0 - take / core : 1.0;
        for (size_t d = w0; d < w1 && take > 0.0; d++) {
            const guint8 *open = rp_fc_open(s, n_train + d);
            for (size_t k = 0; k < n_slots; k++)
                if (open[k] && !is_new[d * n_slots + k])
                    mean[d * n_slots + k] *= keep;
        }
        *new_contacts += added;
        *moved += take;
    }
}
