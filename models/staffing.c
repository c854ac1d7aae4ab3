/* models/staffing.c - searching for the fewest officers.
 *
 * Erlang C: no count at or below the traffic is stable, so the search
 * starts at floor(A) + 1 (or at A / max occupancy) and steps up one officer
 * at a time, carrying the Erlang B recursion forward: each step costs one
 * multiply-add and one exponential.
 *
 * Erlang A: the answer can lie far below the traffic (impatient callers
 * leave), and each evaluation sums series, so the search takes secant
 * steps on a smooth measure of how far the standard is missed, starting
 * at the traffic, inside a bracket that bisection falls back on.
 * Every target is monotone in the number of officers, so this finds the
 * least count that meets them all; it needs three to five evaluations.
 *
 * Fractional answers bisect between the whole answer and one officer less,
 * using the continued Erlang B. */
#include "models/staffing.h"

#include <math.h>

#include "common/error.h"
#include "models/models_int.h"

gboolean
rp_standard_met(const RpStandard *s, const RpErlangMetrics *m)
{
    if (!m->stable)
        return FALSE;
    if (!isnan(s->service_level) && m->service_level < s->service_level)
        return FALSE;
    if (!isnan(s->asa_max_s) && m->asa_s > s->asa_max_s)
        return FALSE;
    if (!isnan(s->abandon_max) && m->p_abandon > s->abandon_max)
        return FALSE;
    if (!isnan(s->occupancy_max) && m->occupancy > s->occupancy_max)
        return FALSE;
    return TRUE;
}

void
rp_staffing_params_init(RpStaffingParams *p)
{
    g_return_if_fail(p != NULL);
    p->max_agents = 100000.0;
    p->fractional_tol = 1e-6;
}

static gboolean
unreachable(GError **error, const RpQueueLoad *q, double max_agents)
{
    g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_UNREACHABLE,
                "%g Erlangs need more than %g officers to meet the standard",
                q->traffic, max_agents);
    return FALSE;
}

/* Metrics of `n` officers (any real n >= 0), computing only what the
 * targets of `s` need. */
static void
evaluate(const RpQueueLoad *q, const RpStandard *s, double n,
         RpErlangMetrics *m)
{
    if (isinf(q->patience_s)) {
        RpInvB ib;
        rp_erlang_inv_b(q->traffic, n, &ib);
        rp_erlang_c_from_inv_b(q->traffic, n, &ib, q->aht_s, s->answer_within_s,
                               m);
        return;
    }
    unsigned what = 0;
    if (!isnan(s->service_level))
        what |= RP_ERLANG_A_SL;
    if (!isnan(s->asa_max_s))
        what |= RP_ERLANG_A_ASA;
    rp_erlang_a_eval(q, n, s->answer_within_s, what, m);
}

static gboolean
feasible(const RpQueueLoad *q, const RpStandard *s, double n)
{
    RpErlangMetrics m;
    evaluate(q, s, n, &m);
    return rp_standard_met(s, &m);
}

/* How far `m` misses the standard: the largest of log(miss / allowed) over
 * the targets (1 - SL against 1 - target, ASA, abandonment, occupancy).
 * Positive: missed; at most 0: met.  Each term falls with the number of
 * officers roughly in a straight line, which suits a secant search. */
static double
deficit(const RpStandard *s, const RpErlangMetrics *m)
{
    double d = -INFINITY;
    if (!isnan(s->service_level))
        d = fmax(d, log((1.0 - m->service_level) / (1.0 - s->service_level)));
    if (!isnan(s->asa_max_s))
        d = fmax(d, log(m->asa_s / s->asa_max_s));
    if (!isnan(s->abandon_max))
        d = fmax(d, log(m->p_abandon / s->abandon_max));
    if (!isnan(s->occupancy_max))
        d = fmax(d, log(m->occupancy / s->occupancy_max));
    /* the rounding of log() must not contradict rp_standard_met() */
    gboolean met = rp_standard_met(s, m);
    if (met && d > 0.0)
        d = 0.0;
    if (!met && !(d > 0.0))
        d = 1e-300;
    return d;
}

/* Erlang C: step up from the first stable (and occupancy-feasible) count. */
static gboolean
erlang_c_whole(const RpQueueLoad *q, const RpStandard *s, double max_agents,
               double *agents, GError **error)
{
    const double a = q->traffic;
    double n = floor(a) + 1.0;
    if (!isnan(s->occupancy_max))
        n = fmax(n, ceil(a / s->occupancy_max));
    if (n > max_agents) /* checked first: the ladder up to n is long */
        return unreachable(error, q, max_agents);
    RpInvB ib;
    rp_erlang_inv_b(a, n, &ib);
    for (;;) {
        RpErlangMetrics m;
        rp_erlang_c_from_inv_b(a, n, &ib, q->aht_s, s->answer_within_s, &m);
        if (rp_standard_met(s, &m)) {
            *agents = n;
            return TRUE;
        }
        n += 1.0;
        if (n > max_agents)
            return unreachable(error, q, max_agents);
        rp_erlang_inv_b_step(&ib, n, a);
    }
}

/* Erlang A: the least whole count with deficit <= 0, by secant steps on
 * the deficit kept inside a bracket [lo fails, hi meets], bisecting when a
 * step would leave it.  0 officers never meet a standard with a service
 * target, so lo starts at 0. */
static gboolean
erlang_a_whole(const RpQueueLoad *q, const RpStandard *s, double guess,
               double max_agents, double *agents, GError **error)
{
    double lo = 0.0, hi = INFINITY;
    double n_prev = NAN, d_prev = NAN;
    double n = fmin(fmax(1.0, guess), max_agents);
    for (;;) {
        RpErlangMetrics m;
        evaluate(q, s, n, &m);
        double d = deficit(s, &m);
        if (d > 0.0) {
            lo = n;
            if (lo >= max_agents)
                return unreachable(error, q, max_agents);
        } else {
            hi = n;
        }
        if (hi - lo <= 1.0)
            break;
        double next = NAN;
        if (isfinite(d) && isfinite(d_prev) && fabs(d - d_prev) > 0.0)
            next = ceil(n - d * (n - n_prev) / (d - d_prev) - 1e-9);
        if (isnan(next)) /* no slope yet: one step toward the boundary */
            next = d > 0.0 ? n + 1.0 : n - 1.0;
        if (fabs(next - n) < 0.5) /* secant lands on n: test a neighbour */
            next = d > 0.0 ? n + 1.0 : n - 1.0;
        if (!(next > lo && next < hi)) {
            next = isinf(hi)
                       ? fmin(lo + 2.0 * fmax(1.0, lo - n_prev), max_agents)
                       : floor(0.5 * (lo + hi));
            if (!(next > lo && next < hi))
                next = isinf(hi) ? fmin(lo + 1.0, max_agents)
                                 : floor(0.5 * (lo + hi));
        }
        n_prev = n;
        d_prev = d;
        n = next;
    }
    *agents = hi;
    return TRUE;
}

/* Least real count in (whole - 1, whole] that meets the standard. */
static double
fractional_refine(const RpQueueLoad *q, const RpStandard *s, double whole,
                  double tol)
{
    double lo = whole - 1.0, hi = whole;
    if (isinf(q->patience_s))
        lo = fmax(lo, q->traffic); /* at or below A: unstable, fails */
    if (lo < 0.0)
        lo = 0.0;
    while (hi - lo > tol) {
        double mid = 0.5 * (lo + hi);
        if (feasible(q, s, mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

gboolean
rp_staffing_required(const RpQueueLoad *q, const RpStandard *s,
                     const RpStaffingParams *params, gboolean fractional,
                     double *agents, GError **error)
{
    RpStaffingParams defaults;
    double n;

    g_return_val_if_fail(q != NULL && s != NULL && agents != NULL, FALSE);
    if (params == NULL) {
        rp_staffing_params_init(&defaults);
        params = &defaults;
    }
    if (!rp_erlang_check_load(q, error) || !rp_standard_check(s, error))
        return FALSE;
    if (q->traffic <= 0.0) {
        *agents = 0.0;
        return TRUE;
    }
    if (isinf(q->patience_s)) {
        if (!erlang_c_whole(q, s, params->max_agents, &n, error))
            return FALSE;
    } else {
        /* With impatient callers the answer lies near the traffic: above
         * it for an abandonment cap, below it for large queues with a
         * service-level target alone. */
        double guess = round(q->traffic);
        if (!erlang_a_whole(q, s, guess, params->max_agents, &n, error))
            return FALSE;
    }
    if (fractional && n > 0.0)
        n = fractional_refine(q, s, n, params->fractional_tol);
    *agents = n;
    return TRUE;
}
