/* sim/summary.c - the replications' counts as figures per queue and
 * period, with 95% confidence intervals.
 *
 * A period's service level is a ratio of sums (answered in time over
 * offered) whose numerator and denominator vary together from one
 * replication to the next, so its interval comes from the ratio
 * estimator's variance (the delta method):
 *
 *   R = sum y_r / sum x_r,   s^2 = sum (y_r - R x_r)^2 / (n - 1),
 *   half-width = t(0.975, n - 1) sqrt(s^2 / n) / mean(x)              (1)
 *
 * with y_r, x_r the replication's sums over the period.  The same gives
 * the abandonment rate (abandoned over offered) and the average speed of
 * answer (total wait over answered). */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "common/units.h"
#include "common/volumes.h"
#include "sim/sim.h"

/* One replication's sums over a period. */
typedef struct {
    double offered, answered, in_time, abandoned, late, wait_s, logged_s,
        busy_s, waiting;
} Sums;

static void
add_counts(Sums *s, const RpSimCounts *k)
{
    s->offered += k->offered;
    s->answered += k->answered;
    s->in_time += k->in_time;
    s->abandoned += k->abandoned;
    s->late += k->late;
    s->wait_s += k->wait_s;
    s->logged_s += k->logged_s;
    s->busy_s += k->busy_s;
    s->waiting = k->waiting; /* at the end of the period's last interval */
}

/* Ratio sum y / sum x over replications and its 95% interval by (1). */
static void
ratio(const double *y, const double *x, size_t n, double tq, double *mid,
      double *lo, double *hi)
{
    double sy = 0.0, sx = 0.0;
    for (size_t r = 0; r < n; r++) {
        sy += y[r];
        sx += x[r];
    }
    *mid = *lo = *hi = NAN;
    if (!(sx > 0.0))
        return;
    *mid = sy / sx;
    if (n < 2)
        return;
    double ss = 0.0;
    for (size_t r = 0; r < n; r++) {
        double e = y[r] - *mid * x[r];
        ss += e * e;
    }
    double half =
        tq * sqrt(ss / (double)(n - 1) / (double)n) / (sx / (double)n);
    *lo = *mid - half;
    *hi = *mid + half;
}

/* A proportion's interval stays within [0, 1]. */
static void
clamp01(double *lo, double *hi)
{
    if (*lo < 0.0)
        *lo = 0.0;
    if (*hi > 1.0)
        *hi = 1.0;
}

static gint64
period_key(RpSimPeriod by, size_t t, gint64 day)
{
    switch (by) {
    case RP_SIM_BY_INTERVAL:
        return (gint64)t;
    case RP_SIM_BY_DAY:
        return day;
    case RP_SIM_BY_WEEK:
        return day - rp_weekday(day);
    default:
        return 0;
    }
}

static gboolean
meets(const RpQueue *queue, const RpSimRow *row)
{
    if (rp_channel_is_deferred(queue->channel))
        return row->late_items < 0.5;
    if (!(row->offered > 0.0))
        return TRUE;
    const RpStandard *s = &queue->standard;
    return (isnan(s->service_level) ||
            row->service_level >= s->service_level) &&
           (isnan(s->abandon_max) || row->p_abandon <= s->abandon_max) &&
           (isnan(s->asa_max_s) || row->asa_s <= s->asa_max_s);
}

/* Fills `row` from the replications' sums `s[0..n)`. */
static void
fill_row(const RpQueue *queue, const Sums *s, size_t n, RpSimRow *row)
{
    double tq = n > 1 ? gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) : NAN;
    g_autofree double *y = g_new(double, n);
    g_autofree double *x = g_new(double, n);
    Sums mean = {0};
    for (size_t r = 0; r < n; r++) {
        mean.offered += s[r].offered / (double)n;
        mean.answered += s[r].answered / (double)n;
        mean.in_time += s[r].in_time / (double)n;
        mean.abandoned += s[r].abandoned / (double)n;
        mean.late += s[r].late / (double)n;
        mean.logged_s += s[r].logged_s;
        mean.busy_s += s[r].busy_s;
        mean.waiting += s[r].waiting / (double)n;
    }
    row->offered = mean.offered;
    row->answered = mean.answered;
    row->answered_in_time = mean.in_time;
    row->abandoned = mean.abandoned;
    gboolean deferred = rp_channel_is_deferred(queue->channel);
    for (size_t r = 0; r < n; r++) {
        y[r] = s[r].in_time;
        /* deferred: the share of items whose fate is known (done, or
           past their deadline) that were done in time */
        x[r] = deferred ? s[r].in_time + s[r].late : s[r].offered;
    }
    ratio(y, x, n, tq, &row->service_level, &row->service_level_lo,
          &row->service_level_hi);
    clamp01(&row->service_level_lo, &row->service_level_hi);
    for (size_t r = 0; r < n; r++) {
        y[r] = s[r].abandoned;
        x[r] = s[r].offered;
    }
    ratio(y, x, n, tq, &row->p_abandon, &row->p_abandon_lo, &row->p_abandon_hi);
    for (size_t r = 0; r < n; r++) {
        y[r] = s[r].wait_s;
        x[r] = s[r].answered;
    }
    ratio(y, x, n, tq, &row->asa_s, &row->asa_lo_s, &row->asa_hi_s);
    row->occupancy = mean.logged_s > 0.0 ? mean.busy_s / mean.logged_s : NAN;
    row->logged_h = mean.logged_s / (double)n / 3600.0;
    row->late_items = deferred ? mean.late : NAN;
    row->backlog_end = deferred ? mean.waiting : NAN;
    if (!deferred)
        row->p_abandon = row->offered > 0.0 ? row->p_abandon : NAN;
    row->meets = meets(queue, row);
}

/* Appends the row of queue q over intervals [t0, t1) when the queue is
 * open in one of them or is offered contacts. */
static void
add_row(const RpCentre *c, const RpSimResult *res, size_t q, size_t t0,
        size_t t1, GArray *rows)
{
    size_t n = res->replications, n_t = res->n_intervals;
    gint64 step = rp_centre_interval_s(c);
    g_autofree Sums *s = g_new0(Sums, n);
    gboolean open = FALSE;
    for (size_t t = t0; t < t1; t++)
        open = open ||
               rp_centre_queue_open_at(c, q, res->start_utc + (gint64)t * step);
    for (size_t r = 0; r < n; r++)
        for (size_t t = t0; t < t1; t++)
            add_counts(&s[r], &res->counts[(r * res->n_queues + q) * n_t + t]);
    RpSimRow row = {.queue = (guint)q,
                    .start_utc = res->start_utc + (gint64)t0 * step,
                    .end_utc = res->start_utc + (gint64)t1 * step};
    fill_row(rp_centre_queue(c, q), s, n, &row);
    if (open || row.offered > 0.0)
        g_array_append_val(rows, row);
}

GArray *
rp_sim_summarise(const RpCentre *centre, const RpSimResult *result,
                 RpSimPeriod by)
{
    g_return_val_if_fail(centre != NULL && result != NULL, NULL);
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(RpSimRow));
    size_t n_t = result->n_intervals;
    gint64 step = rp_centre_interval_s(centre);
    g_autofree gint64 *key = g_new(gint64, n_t + 1);
    for (size_t t = 0; t < n_t; t++)
        key[t] = period_key(
            by, t,
            rp_centre_local_day(centre, result->start_utc + (gint64)t * step));
    for (size_t q = 0; q < result->n_queues; q++) {
        size_t t0 = 0;
        for (size_t t = 1; t <= n_t; t++) {
            if (t < n_t && key[t] == key[t0])
                continue;
            add_row(centre, result, q, t0, t, rows);
            t0 = t;
        }
    }
    return rows;
}
