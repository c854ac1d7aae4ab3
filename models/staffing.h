/* models/staffing.h - the fewest officers that meet a published standard.
 *
 * A standard combines targets: service level (a fraction answered within a
 * time), average speed of answer, abandonment and maximum occupancy.  Every
 * one of them improves as officers are added, so the officers needed are
 * the largest of the numbers each target needs alone, and the search looks
 * for the smallest count that meets them all at once. */
#ifndef RP_MODELS_STAFFING_H
#define RP_MODELS_STAFFING_H

#include <glib.h>

#include "common/standard.h"
#include "models/erlang.h"

/* TRUE when `m` meets every target of `s`. */
gboolean rp_standard_met(const RpStandard *s, const RpErlangMetrics *m);

/* Limits of the search. */
typedef struct {
    double max_agents;     /* give up above this many officers */
    double fractional_tol; /* precision of fractional answers (officers) */
} RpStaffingParams;

/* Defaults: max_agents 100000, fractional_tol 1e-6. */
void rp_staffing_params_init(RpStaffingParams *p);

/* The fewest officers for queue `q` to meet standard `s`, in `*agents`.
 * Whole officers unless `fractional`, when the answer is the least real
 * number of officers (continued Erlang B) to within p->fractional_tol.
 * Zero traffic needs zero officers.  Under Erlang A the answer may be below
 * the traffic.  `params` may be NULL for the defaults.  Fails with
 * RP_MODEL_ERROR_DOMAIN for a bad load, RP_DATA_ERROR_TARGET for a
 * standard no number of officers meets (rp_standard_check()), and with
 * RP_MODEL_ERROR_UNREACHABLE when more than max_agents would be needed;
 * `*agents` is untouched on failure. */
gboolean rp_staffing_required(const RpQueueLoad *q, const RpStandard *s,
                              const RpStaffingParams *params,
                              gboolean fractional, double *agents,
                              GError **error);

#endif
