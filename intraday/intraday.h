/* intraday/intraday.h - the rest of today: a re-forecast from this
 * morning's contacts.
 *
 * Re-forecast.  A day's contacts of one queue are taken as Poisson counts
 * whose rate is the plan's forecast f_k times one unknown level for the
 * whole day, gamma distributed with mean 1 and shape a (a coefficient of
 * variation 1/sqrt(a)): the negative binomial model of
 * forecast/forecast.h.  Having seen A contacts where the forecast said F
 * (both over the intervals so far), the posterior mean of the level is
 *
 *     Theta = (A + a) / (F + a)                                       (1)
 *
 * the ratio actual/forecast shrunk towards 1 by how much of the day's
 * volume has been seen: F / (F + a) is the weight the morning gets.  A
 * busy Monday is busy on every line, so the level is estimated over a
 * group of queues (a channel: all phone lines together), which has seen
 * far more contacts than any one line, and each queue departs from its
 * group's level by a factor of its own, shrunk the same way, (3) below.
 * The rest of the day is forecast as theta_q f_k.  docs/intraday.md gives
 * the backtest that chose a and b (bench/bench_intraday.c).
 *
 * This module depends on common/ only: the queueing model behind
 * miss_q,t is wired in by the command line. */
#ifndef RP_INTRADAY_INTRADAY_H
#define RP_INTRADAY_INTRADAY_H

#include <glib.h>

#include "common/centre.h"
#include "common/rules.h"

/* ---- re-forecast -------------------------------------------------------- */

typedef struct {
    double group_prior; /* a of (1): contacts' worth of belief in the
                           plan's level of a group of queues (contacts,
                           > 0); default 400 */
    double queue_prior; /* b of (3): the same for one queue's own
                           departure from its group's level; default 400 */
} RpReforecastParams;

void rp_reforecast_params_init(RpReforecastParams *p);

/* Re-forecasts `n_queues` queues' days of `n` intervals each, seen up to
 * interval `n_seen`: forecast[q * n + k] is the plan's expected contacts
 * (NAN where the queue is shut), actual[q * n + k] the contacts seen for
 * k < n_seen (NAN where not known: those intervals count on neither
 * side).  Queues with the same `group[q]` (e.g. the channel: every phone
 * line) share a level, (1) over the group's sums; each queue then has its
 * own departure from it,
 *
 *     theta_q = Theta_g (A_q + b) / (Theta_g F_q + b)                 (3)
 *
 * Writes `revised` (n_queues * n values): the actual contacts where seen
 * (the forecast where an actual is missing), theta_q x forecast from
 * n_seen on, NAN where shut; and theta_q into `theta` (n_queues values;
 * 1 for a queue with nothing seen and nothing expected).  `revised` may
 * not alias the inputs. */
void rp_intraday_reforecast(const double *forecast, const double *actual,
                            size_t n_queues, size_t n, size_t n_seen,
                            const int *group, const RpReforecastParams *params,
                            double *revised, double *theta);

#endif
