/* roster/solve.c - rp_roster_solve(): compile, construct, bound, search.
 *
 * Two threads share the work, and every part counts its own steps and
 * iterations, which is what makes a run repeatable for a seed on any
 * machine, under any load (the time limit is only a cap):
 *
 *   1. while the calling thread proves the lower bound (its steps end
 *      when the ascent stalls), a second thread searches from the first
 *      rota for a fixed number of iterations;
 *   2. the better of that rota and the one the bound's weeks make is the
 *      start of stretches of search run in both threads at once, each
 *      with its own seed and of a fixed length, each at a temperature a
 *      little below the one before; after each stretch both go on from the
 *      better of the two (the first on a tie);
 *   3. on a small problem, GLPK's branch and cut on the MIP, within a
 *      budget of nodes (exact.c).
 *
 * Neither thread ever reads what the other is doing, only what it handed
 * over at the end of a stretch, so the threads' timing cannot change the
 * rota. */
#include <math.h>

#include "common/error.h"
#include "roster/roster_int.h"

/* Search threads; the iterations of the first search (beside the bound,
 * about as long as the bound's steps take on the sample council) and of
 * each later stretch in each thread; how much cooler each stretch is
 * than the one before (the temperature is constant within a stretch).
 * Stretches of a fixed length make a run with a larger budget (or more
 * time) the same run as a smaller one, continued: more effort never
 * gives a worse rota. */
#define THREADS            2
#define FIRST_ITERATIONS   14000
#define STRETCH_ITERATIONS 1000
#define COOLING            0.94

void
rp_roster_params_init(RpRosterParams *params)
{
    g_return_if_fail(params != NULL);
    *params = (RpRosterParams){.seed = 1,
                               .time_limit_s = 600.0,
                               .iterations = 30000,
                               .bound_steps = 10000,
                               .bound = TRUE,
                               .exact = TRUE,
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

/* A search stretch run in a thread of its own: `runs` stretches of
 * `run`'s length one after the other, each cooler than the one before
 * and seeded by `seeds`, the last of them possibly stopped early (at
 * `run.stop` iterations in all). */
typedef struct {
    RpState *s;
    RpClockwork cw;
    RpSearchRun run;
    size_t runs;
    guint32 seeds;
    size_t done;
} Stretch;

static gpointer
stretch_thread(gpointer data)
{
    Stretch *x = data;
    size_t stop = x->run.stop;
    x->done = 0;
    for (size_t r = 0; r < x->runs && x->done < stop && !x->cw.timed_out; r++) {
        RpSearchRun run = x->run;
        if (x->runs > 1) {
            run.seed = x->seeds + (guint32)r * 0x9e3779b9u;
            run.from = x->run.from + r * run.length;
            run.stop = MIN(run.length, stop - x->done);
            run.heat = x->run.heat * pow(COOLING, (double)(r + 1));
        }
        x->done += rp_search(x->s, &x->cw, &run);
    }
    return NULL;
}

/* Seed of stretch `k` of thread `j`. */
static guint32
stretch_seed(guint32 seed, size_t k, size_t j)
{
    return (seed ^ 0x5eedu) + (guint32)(k * THREADS + j) * 0x9e3779b9u;
}

/* Stage 2: stretches in both threads from `s` until the budget (the
 * iterations already `done` included) is used or the deadline passes;
 * every thread runs each stretch's iterations, so the budget counts the
 * search's length, not its work.  The best rota ends in `s`.  Returns
 * the iterations run (of one thread). */
static size_t
search_stretches(RpState *s, RpClockwork *cw, size_t done, double heat)
{
    const RpProblem *p = s->p;
    const RpRosterParams *pr = cw->params;
    size_t total = pr->iterations;
    Stretch x[THREADS];
    for (size_t j = 0; j < THREADS; j++)
        x[j] =
            (Stretch){.s = j == 0 ? s : rp_state_new(p), .cw = *cw, .runs = 1};
    for (size_t j = 1; j < THREADS; j++)
        x[j].cw.report = FALSE;
    size_t ran = 0;
    for (size_t k = 1; (total == 0 || done < total) && !cw->timed_out; k++) {
        /* every thread runs the stretch's iterations, each its own way */
        size_t stop = total > 0 ? MIN(STRETCH_ITERATIONS, total - done)
                                : STRETCH_ITERATIONS;
        heat *= COOLING;
        GThread *th[THREADS] = {NULL};
        for (size_t j = 0; j < THREADS; j++) {
            if (j > 0)
                rp_state_copy(x[j].s, s);
            x[j].run = (RpSearchRun){.seed = stretch_seed(pr->seed, k, j),
                                     .from = done,
                                     .length = STRETCH_ITERATIONS,
                                     .stop = stop,
                                     .heat = heat};
            if (j > 0)
                th[j] = g_thread_new("rp-search", stretch_thread, &x[j]);
        }
        stretch_thread(&x[0]);
        size_t win = 0, most = 0;
        for (size_t j = 0; j < THREADS; j++) {
            if (th[j])
                g_thread_join(th[j]);
            most = MAX(most, x[j].done);
            cw->timed_out |= x[j].cw.timed_out;
            if (rp_state_total(x[j].s) < rp_state_total(x[win].s) - 1e-9)
                win = j;
        }
        if (win != 0)
            rp_state_copy(s, x[win].s);
        cw->best = rp_state_total(s);
        x[0].cw.best = cw->best;
        ran += most;
        done += STRETCH_ITERATIONS;
    }
    for (size_t j = 1; j < THREADS; j++)
        rp_state_free(x[j].s);
    return ran;
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
                      .bound = -INFINITY,
                      .report = TRUE};
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
    double heat = rp_search_heat(s);
    size_t total = params->iterations;

    /* stage 1: the bound here, a first search in a second thread, in
     * stretches that cool as those of stage 2 do */
    size_t first = total > 0 ? MIN(total, FIRST_ITERATIONS) : FIRST_ITERATIONS;
    Stretch one = {.s = rp_state_new(p),
                   .cw = cw,
                   .runs = FIRST_ITERATIONS / STRETCH_ITERATIONS,
                   .seeds = stretch_seed(params->seed, 0, 0)};
    one.cw.report = !params->bound;
    rp_state_copy(one.s, s);
    one.run = (RpSearchRun){
        .from = 0, .length = STRETCH_ITERATIONS, .stop = first, .heat = heat};
    GThread *th = g_thread_new("rp-search", stretch_thread, &one);
    size_t steps = 0;
    g_autofree RpPlan *weeks = g_new(RpPlan, p->n_o);
    if (params->bound)
        steps = rp_bound(p, s, &cw, weeks);
    g_thread_join(th);
    size_t iterations = one.done;
    cw.timed_out |= one.cw.timed_out;
    if (params->bound)
        start_from_weeks(one.s, weeks);
    rp_state_copy(s, one.s);
    rp_state_free(one.s);
    cw.best = rp_state_total(s);

    /* stage 2: stretches in both threads; 3: exact on a small problem */
    iterations += search_stretches(
        s, &cw, FIRST_ITERATIONS,
        heat * pow(COOLING, (double)(FIRST_ITERATIONS / STRETCH_ITERATIONS)));
    /* the search's polishing moves officers interval by interval: hold
     * every position in blocks again, before the exact step compares */
    rp_state_blocks(s);
    rp_state_trade(s);
    if (params->exact && !cw.timed_out)
        rp_exact(s, &cw, &cw.bound);
    gint64 end_us = g_get_monotonic_time();

    *result = (RpRosterResult){0};
    result->roster = rp_state_roster(s);
    rp_roster_smooth(input, result->roster);
    rp_problem_evaluate(p, result->roster, &result->objective);
    result->bound = cw.bound;
    double obj = result->objective.total;
    result->gap =
        isfinite(cw.bound) ? (obj - cw.bound) / MAX(obj, 1e-9) : INFINITY;
    result->seconds = (double)(end_us - cw.start_us) / 1e6;
    result->iterations = iterations;
    result->bound_steps = steps;
    result->shortfalls = g_steal_pointer(&shortfalls);
    if (result->gap <= params->gap_tol)
        result->status = RP_ROSTER_OPTIMAL;
    else if (cw.timed_out)
        result->status = RP_ROSTER_TIME_LIMIT;
    else
        result->status = RP_ROSTER_FEASIBLE;
    return TRUE;
}
