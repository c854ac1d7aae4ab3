/* forecast/forecast_int.h - declarations shared by the files of forecast/
 * only (and its tests). */
#ifndef RP_FORECAST_FORECAST_INT_H
#define RP_FORECAST_FORECAST_INT_H

#include "forecast/forecast.h"

/* The method tables (rp_forecaster_snaive... point at these). */
extern const RpForecasterType rp_fc_snaive_type;
extern const RpForecasterType rp_fc_mean_type;
extern const RpForecasterType rp_fc_hw_type;
extern const RpForecasterType rp_fc_topdown_type;

/* The contacts of day d (n_slots values). */
static inline const double *
rp_fc_day(const RpQueueSeries *s, size_t d)
{
    return s->y + d * s->n_slots;
}

static inline const guint8 *
rp_fc_open(const RpQueueSeries *s, size_t d)
{
    return s->open + d * s->n_slots;
}

/* A day whose every open slot was observed and not flagged: what profiles,
 * daily totals and copies may be taken from. */
static inline gboolean
rp_fc_day_complete(const RpQueueSeries *s, size_t d)
{
    const RpDayInfo *day = &s->days[d];
    return day->open && !day->outlier && day->n_missing == 0;
}

/* A complete day that is also ordinary: no estimated event, not the first
 * day after a closure.  Seasonal copies and profiles come from these. */
static inline gboolean
rp_fc_day_normal(const RpQueueSeries *s, size_t d)
{
    const RpDayInfo *day = &s->days[d];
    return rp_fc_day_complete(s, d) && !day->after_closure &&
           (day->events & s->estimated_events) == 0;
}

/* Sum of the open slots of day d (NAN when one is unobserved). */
double rp_fc_day_total(const RpQueueSeries *s, size_t d);

/* The last normal day before `before` with the same weekday as day
 * `like`, or (size_t)-1. */
size_t rp_fc_last_normal(const RpQueueSeries *s, size_t before, size_t like);

/* Intraday profile of weekday `weekday` from up to `weeks` normal days of
 * that weekday before day `before`: the share of the day's contacts per
 * slot (sums to 1 over the open slots), into `share` (n_slots).  Falls
 * back to every weekday pooled, then to an even spread.  Returns the
 * number of days used. */
size_t rp_fc_profile(const RpQueueSeries *s, size_t before, int weekday,
                     size_t weeks, double *share);

/* Forecasts the newly opened slots of `mean` (n_days * n_slots contacts
 * for days n_train on, as a method predicted them): the slots open in
 * the forecast whose weekday and time were never open and observed in
 * the last `weeks` weeks of history (forecast/new_hours.c).  Each gets
 * rules->share of the same slot's mean over the days of its forecast week
 * that know it, else of the nearest known slot of its day, else of the
 * week; then rules->transfer of the week's new volume is taken from its
 * known slots pro rata.  Marks the new slots in is_new (n_days *
 * n_slots) and returns the contacts put in them and those moved from
 * known hours.  Daily-total queues are left alone. */
void rp_fc_new_hours(const RpQueueSeries *s, size_t n_train, size_t n_days,
                     size_t weeks, const RpNewHours *rules, double *mean,
                     guint8 *is_new, double *new_contacts, double *moved);

/* First day with an open observed slot, or n_train when none. */
size_t rp_fc_first_observed(const RpQueueSeries *s, size_t n_train);

/* The history `v` with the moves and launches of `events` before
 * `start_day` applied (rp_history_new()), or NULL when there are none.
 * (transfer full) */
RpVolumes *rp_events_prepare(const RpEvents *events, const RpCentre *centre,
                             const RpVolumes *v, gint64 start_day);

/* Applies the moves of f->history->events from the forecast's first day
 * on to the forecast.  Fails with RP_DATA_ERROR naming the events file
 * and line when the queue contacts move to has no forecast. */
gboolean rp_forecast_apply_moves(RpForecast *f, GError **error);

/* Recomputes the quantiles of day d of a queue's forecast from its
 * means. */
void rp_fc_quantiles_day(RpQueueForecast *qf, size_t n_slots, size_t d);

/* Reconciliation weights from `rows` x `n` relative errors (NAN: not
 * observed): each column's standard deviation about its mean into sd
 * (n), the pairwise correlations on the rows both observe into r (n x n,
 * 1 on the diagonal), and returns Schafer and Strimmer's (2005)
 * shrinkage intensity towards no correlation, lambda = sum Var(r_ij) /
 * sum r_ij^2 over i < j, clamped to [0, 1] (1 when nothing correlates). */
/* Adds the sums of a to those of to. */
void rp_fc_accuracy_add(RpAccuracy *to, const RpAccuracy *a);

/* Each node's standard deviation sd (n: the centre, n_agg - 1 channels,
 * then the lines) pooled over its level, the root mean square of the
 * level's, into pooled (n). */
void rp_fc_pool_levels(size_t n_agg, size_t n, const double *sd,
                       double *pooled);

double rp_fc_shrunk_correlation(const double *e, size_t rows, size_t n,
                                double *sd, double *r);

#endif
