/* roster/solve.c - rp_roster_solve(): compile, construct, bound, search.
 *
 * The bound runs before the search and may take at most bound_share of
 * the time limit, so a run always has time to improve its rota; both
 * parts count their own steps and iterations, which is what makes a run
 * repeatable for a seed (the time limit is only a cap). */
#include <math.h>

#include "common/error.h"
#include "roster/roster_int.h"

void
rp_roster_params_init(RpRosterParams *params)
{
    g_return_if_fail(params != NULL);
    *params = (RpRosterParams){.seed = 1,
                               .time_limit_s = 30.0,
                               .iterations = 20000,
                               .bound_steps = 10000,
                               .bound_share = 0.5,
                               .bound = TRUE,
                               .gap_tol = 1e-6};
}

void
rp_roster_result_clear(RpRosterResult *result)
{
    if (result == NULL)
        return;
    rp_roster_free(result->roster);
    if (result->shortfalls)
        g_ptr_array_unref(result->shortfalls);
    *result = (RpRosterResult){0};
}

/* The officers' weeks priced at the bound's best duals often share the
 * work out better than the greedy first rota: start from them if so. */
static void
start_from_weeks(RpState *s, const RpPlan *weeks)
{
    const RpProblem *p = s->p;
    g_autoptr(RpState) other = rp_state_new(p);
    for (size_t i = 0; i < p->n_o; i++)
        rp_state_insert(other, i, &weeks[i]);
    rp_state_polish_all(other);
    if (rp_state_total(other) < rp_state_total(s))
        rp_state_copy(s, other);
}

gboolean
rp_roster_solve(const RpRosterInput *input, const RpRosterParams *params,
                RpRosterResult *result, GError **error)
{
    RpRosterParams defaults;
    g_return_val_if_fail(input != NULL && result != NULL, FALSE);
    g_return_val_if_fail(input->req != NULL && input->officers->len > 0, FALSE);
    if (params == NULL) {
        rp_roster_params_init(&defaults);
        params = &defaults;
    }
    RpClockwork cw = {.params = params,
                      .start_us = g_get_monotonic_time(),
                      .bound = -INFINITY};
    cw.deadline_us = cw.start_us + (gint64)(params->time_limit_s * 1e6);
    g_autoptr(RpProblem) p = rp_problem_new(input, error);
    if (p == NULL)
        return FALSE;
    g_autoptr(GPtrArray) shortfalls = g_ptr_array_new_with_free_func(g_free);
    rp_problem_shortfalls(p, shortfalls);
    g_autoptr(RpState) s = rp_state_new(p);
    g_autoptr(GRand) rng = g_rand_new_with_seed(params->seed);
    rp_construct(s, rng);
    cw.best = rp_state_total(s);
    int steps = 0;
    if (params->bound) {
        RpClockwork bw = cw;
        bw.deadline_us = cw.start_us + (gint64)(params->time_limit_s *
                                                params->bound_share * 1e6);
        g_autofree RpPlan *weeks = g_new(RpPlan, p->n_o);
        steps = rp_bound(p, s, &bw, weeks, error);
        if (steps < 0)
            return FALSE;
        cw.bound = bw.bound;
        cw.last_report_us = bw.last_report_us;
        start_from_weeks(s, weeks);
        cw.best = rp_state_total(s);
    }
    size_t iterations = rp_search(s, &cw);
    gint64 end_us = g_get_monotonic_time();

    *result = (RpRosterResult){0};
    result->roster = rp_state_roster(s);
    rp_problem_evaluate(p, result->roster, &result->objective);
    result->bound = cw.bound;
    double obj = result->objective.total;
    result->gap =
        isfinite(cw.bound) ? (obj - cw.bound) / MAX(obj, 1e-9) : INFINITY;
    result->seconds = (double)(end_us - cw.start_us) / 1e6;
    result->iterations = iterations;
    result->bound_steps = (size_t)steps;
    result->shortfalls = g_steal_pointer(&shortfalls);
    if (result->gap <= params->gap_tol)
        result->status = RP_ROSTER_OPTIMAL;
    else if (params->iterations == 0 || iterations < params->iterations)
        result->status = RP_ROSTER_TIME_LIMIT;
    else
        result->status = RP_ROSTER_FEASIBLE;
    return TRUE;
}
