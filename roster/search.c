/* roster/search.c - the first rota and its improvement.
 *
 * Every hard rule concerns one officer's week, and rp_week_best() finds
 * the best lawful week of one officer given everyone else exactly.  So
 * the search is a large-neighbourhood search over officers: take a few
 * related officers (sharing a skill or a site) off the rota, put them
 * back one by one in random order, each planned exactly against the rest,
 * or re-plan two of them jointly (the first at each of its best weekly
 * hours, the second exactly against each), or swap two officers' shifts
 * of a day (a random day, or the day of an officer's odd start time),
 * then let officers at work in the intervals that changed move between
 * queues; at the end of a stretch officers trade blocks of positions
 * (rp_state_trade(), blocks.c).  Moves are accepted by
 * simulated annealing at the temperature of the stretch of the search
 * (solve.c: each stretch a little cooler than the one before), so a
 * stretch is a function of its start, seed and length alone (the time
 * limit only cuts it short). */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "roster/roster_int.h"

/* Largest number of officers re-planned together. */
#define MAX_GROUP 4

void
rp_progress(RpClockwork *cw, const char *phase)
{
    const RpRosterParams *pr = cw->params;
    gint64 now = g_get_monotonic_time();
    if (pr->progress == NULL || now - cw->last_report_us < 200000)
        return;
    cw->last_report_us = now;
    double gap = isfinite(cw->bound) && cw->best > 0.0
                     ? (cw->best - cw->bound) / cw->best
                     : NAN;
    pr->progress(phase, cw->best, isfinite(cw->bound) ? cw->bound : NAN, gap,
                 (double)(now - cw->start_us) / 1e6, pr->progress_data);
}

static void
plan_officer(RpState *s, RpWeek *w, RpPolish *pw, double *value, size_t i)
{
    RpPlan plan;
    rp_state_marginal(s, i, value, pw);
    if (isfinite(rp_week_best(w, i, value, &plan)))
        rp_state_insert(s, i, &plan);
}

void
rp_construct(RpState *s, GRand *rng)
{
    const RpProblem *p = s->p;
    g_autoptr(RpWeek) w = rp_week_new(p);
    g_autofree double *value = g_new0(double, p->n_sites * p->n_t);
    g_autofree size_t *order = g_new(size_t, p->n_o);
    g_autoptr(RpPolish) pw = rp_polish_new(p);
    for (size_t i = 0; i < p->n_o; i++)
        order[i] = i;
    for (size_t i = p->n_o; i > 1; i--) {
        size_t j = (size_t)g_rand_int_range(rng, 0, (gint32)i);
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
    rp_week_least_hours(w, TRUE);
    for (size_t k = 0; k < p->n_o; k++)
        plan_officer(s, w, pw, value, order[k]);
    rp_week_least_hours(w, FALSE);
    for (size_t k = 0; k < p->n_o; k++) {
        rp_state_remove(s, order[k]);
        plan_officer(s, w, pw, value, order[k]);
    }
}

/* Do officers i and j share a skill or a site? */
static gboolean
related(const RpProblem *p, size_t i, size_t j)
{
    const RpOfficer *a = g_ptr_array_index(p->in->officers, i);
    const RpOfficer *b = g_ptr_array_index(p->in->officers, j);
    if (a->sites & b->sites)
        return TRUE;
    for (size_t k = 0; k < p->n_skills[i]; k++)
        for (size_t l = 0; l < p->n_skills[j]; l++)
            if (p->skills[i][k].q == p->skills[j][l].q)
                return TRUE;
    return FALSE;
}

/* Picks up to MAX_GROUP distinct related officers into `group`. */
static size_t
pick_group(const RpProblem *p, GRand *rng, size_t *group)
{
    size_t want = (size_t)g_rand_int_range(rng, 1, MAX_GROUP + 1);
    size_t n = 1;
    group[0] = (size_t)g_rand_int_range(rng, 0, (gint32)p->n_o);
    for (int tries = 0; n < MIN(want, p->n_o) && tries < 30; tries++) {
        size_t j = (size_t)g_rand_int_range(rng, 0, (gint32)p->n_o);
        gboolean dup = FALSE;
        for (size_t k = 0; k < n; k++)
            dup |= group[k] == j;
        if (!dup && related(p, group[0], j))
            group[n++] = j;
    }
    return n;
}

/* Marks the intervals of officer i's shifts in `touched`. */
static void
mark_shifts(const RpState *s, size_t i, guint8 *touched)
{
    const RpProblem *p = s->p;
    for (size_t d = 0; d < p->n_d; d++) {
        if (s->plan[i].shape[d] < 0)
            continue;
        const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
        memset(touched + h->start, 1, (size_t)h->len);
    }
}

/* The search's workspace. */
typedef struct {
    RpWeek *w;
    RpPolish *pw;
    double *value;   /* [n_sites * n_t] */
    guint8 *touched; /* [n_t] intervals whose officers changed */
    guint8 *old;     /* [n_t] scratch */
    RpState *base;   /* scratch states */
    RpState *keep;
    GRand *rng;
} Search;

static void
polish_touched(RpState *s, Search *x)
{
    for (size_t t = 0; t < s->p->n_t; t++)
        if (x->touched[t])
            rp_state_polish(s, (int)t, x->pw);
}

/* One move: re-plans `n` officers; returns the new objective. */
static double
move(RpState *s, Search *x, size_t *group, size_t n)
{
    const RpProblem *p = s->p;
    memset(x->touched, 0, p->n_t);
    for (size_t k = 0; k < n; k++) {
        mark_shifts(s, group[k], x->touched);
        rp_state_remove(s, group[k]);
    }
    for (size_t k = n; k > 1; k--) {
        size_t j = (size_t)g_rand_int_range(x->rng, 0, (gint32)k);
        size_t tmp = group[k - 1];
        group[k - 1] = group[j];
        group[j] = tmp;
    }
    for (size_t k = 0; k < n; k++) {
        plan_officer(s, x->w, x->pw, x->value, group[k]);
        mark_shifts(s, group[k], x->touched);
    }
    polish_touched(s, x);
    return rp_state_total(s);
}

/* Weeks of different length tried for the first officer of a pair. */
#define ALTERNATIVES 4

/* Re-plans officers a and b jointly: a's best week at each of its few
 * best totals of paid hours, each followed by b's exact best week given
 * a's, and the best pair kept.  This is what lets one officer work
 * fewer hours while another takes up the cover, which re-planning one
 * at a time (each on its own best week) never does.  Returns the new
 * objective. */
static double
move_pair(RpState *s, Search *x, size_t a, size_t b)
{
    const RpProblem *p = s->p;
    RpPlan plans[ALTERNATIVES];
    double values[ALTERNATIVES];
    memset(x->old, 0, p->n_t);
    mark_shifts(s, a, x->old);
    mark_shifts(s, b, x->old);
    rp_state_remove(s, a);
    rp_state_remove(s, b);
    rp_state_marginal(s, a, x->value, x->pw);
    size_t n = rp_week_by_hours(x->w, a, x->value, plans, values, ALTERNATIVES);
    g_assert(n > 0); /* rp_problem_new() made sure every officer has one */
    rp_state_copy(x->base, s);
    double best = INFINITY;
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            rp_state_copy(s, x->base);
        memcpy(x->touched, x->old, p->n_t);
        rp_state_insert(s, a, &plans[k]);
        plan_officer(s, x->w, x->pw, x->value, b);
        mark_shifts(s, a, x->touched);
        mark_shifts(s, b, x->touched);
        polish_touched(s, x);
        double v = rp_state_total(s);
        if (v < best - 1e-9) {
            best = v;
            if (k + 1 < n)
                rp_state_copy(x->keep, s);
        } else if (k + 1 == n) {
            rp_state_copy(s, x->keep);
        }
    }
    return rp_state_total(s);
}

/* Swaps the shifts of officers a and b on day d, when both work it on
 * different shifts and both weeks stay lawful: two officers' start
 * times can then each settle on one (a at 09:00 all week and b at
 * 09:30, where each had both), which re-planning one at a time cannot
 * reach when the cover needs both starts every day.  Returns the new
 * objective, or NAN (the rota untouched) when that day cannot be
 * swapped. */
static double
swap_day(RpState *s, Search *x, size_t a, size_t b, size_t d)
{
    const RpProblem *p = s->p;
    RpPlan pa = s->plan[a], pb = s->plan[b];
    if (pa.shape[d] < 0 || pb.shape[d] < 0 || pa.shape[d] == pb.shape[d])
        return NAN;
    pa.shape[d] = s->plan[b].shape[d];
    pb.shape[d] = s->plan[a].shape[d];
    memcpy(pa.brk[d], s->plan[b].brk[d], sizeof pa.brk[d]);
    memcpy(pb.brk[d], s->plan[a].brk[d], sizeof pb.brk[d]);
    if (!rp_week_lawful(p, a, &pa) || !rp_week_lawful(p, b, &pb))
        return NAN;
    memset(x->touched, 0, p->n_t);
    mark_shifts(s, a, x->touched);
    mark_shifts(s, b, x->touched);
    rp_state_remove(s, a);
    rp_state_remove(s, b);
    rp_state_insert(s, a, &pa);
    rp_state_insert(s, b, &pb);
    polish_touched(s, x);
    return rp_state_total(s);
}

/* swap_day() of a and b on a random day. */
static double
move_swap(RpState *s, Search *x, size_t a, size_t b)
{
    size_t d = (size_t)g_rand_int_range(x->rng, 0, (gint32)s->p->n_d);
    return swap_day(s, x, a, b, d);
}

/* Start time (minutes) of officer i on day d, or -1 off. */
static int
start_on(const RpState *s, size_t i, size_t d)
{
    int h = s->plan[i].shape[d];
    return h < 0 ? -1 : rp_shape(s->p, h)->start_min;
}

/* Days of officer i's week starting at m. */
static int
starts_at(const RpState *s, size_t i, int m)
{
    int n = 0;
    for (size_t d = 0; d < s->p->n_d; d++)
        n += m >= 0 && start_on(s, i, d) == m;
    return n;
}

/* A day-swap aimed at a start time: officer a's day d that starts at a
 * time a keeps on fewest days, swapped with a related officer b who
 * starts that day at a's most kept time and already starts at a's odd
 * one on another day, so that neither gains a start time and a may
 * lose one.  Returns the new objective, or NAN (untouched) when a has
 * one start time or no such b works that day. */
static double
move_starts(RpState *s, Search *x, size_t a)
{
    const RpProblem *p = s->p;
    int odd = -1, most = -1, n_odd = INT_MAX, n_most = 0;
    size_t day = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        int n = starts_at(s, a, start_on(s, a, d));
        if (n == 0)
            continue;
        if (n < n_odd)
            odd = start_on(s, a, d), n_odd = n, day = d;
        if (n > n_most)
            most = start_on(s, a, d), n_most = n;
    }
    if (odd < 0 || odd == most)
        return NAN;
    size_t from = (size_t)g_rand_int_range(x->rng, 0, (gint32)p->n_o);
    for (size_t k = 0; k < p->n_o; k++) {
        size_t b = (from + k) % p->n_o;
        if (b == a || start_on(s, b, day) != most ||
            starts_at(s, b, odd) == 0 || !related(p, a, b))
            continue;
        double v = swap_day(s, x, a, b, day);
        if (!isnan(v))
            return v;
    }
    return NAN;
}

void
rp_state_polish_all(RpState *s)
{
    const RpProblem *p = s->p;
    g_autoptr(RpPolish) pw = rp_polish_new(p);
    g_autoptr(RpState) backup = rp_state_new(p);
    for (int pass = 0; pass < 8; pass++) {
        gboolean any = FALSE;
        for (size_t t = 0; t < p->n_t; t++)
            any |= rp_state_polish(s, (int)t, pw);
        for (size_t q = 0; q < p->n_q; q++)
            for (size_t d = 0; p->q[q].deferred && d < p->n_d; d++)
                any |= rp_state_rebalance(s, d, (int)q, backup, pw);
        if (!any)
            break;
    }
}

/* Polishes intervals [from, to). */
static void
polish_span(RpState *s, RpPolish *pw, int from, int to)
{
    for (int t = from; t < to; t++)
        rp_state_polish(s, t, pw);
}

/* Tries every start of one random break of a random shift, each counted
 * exactly after polishing the intervals involved, and keeps the best.
 * Returns the new objective. */
static double
move_break(RpState *s, RpPolish *pw, RpState *trial, GRand *rng)
{
    const RpProblem *p = s->p;
    size_t i = (size_t)g_rand_int_range(rng, 0, (gint32)p->n_o);
    size_t d = (size_t)g_rand_int_range(rng, 0, (gint32)p->n_d);
    double best = rp_state_total(s);
    int shape = s->plan[i].shape[d];
    if (shape < 0 || rp_shape(p, shape)->n_breaks == 0)
        return best;
    int k = g_rand_int_range(rng, 0, rp_shape(p, shape)->n_breaks);
    int lo, hi, len = rp_state_break_room(s, i, d, k, &lo, &hi);
    int from = s->plan[i].brk[d][k], best_at = from;
    rp_state_copy(trial, s);
    for (int at = lo; at <= hi; at++) {
        if (at == from || !rp_state_move_break(trial, i, d, k, at))
            continue;
        polish_span(trial, pw, MIN(at, from), MAX(at, from) + len);
        double v = rp_state_total(trial);
        if (v < best - 1e-9) {
            best = v;
            best_at = at;
        }
        rp_state_copy(trial, s);
    }
    if (best_at != from) {
        rp_state_move_break(s, i, d, k, best_at);
        polish_span(s, pw, MIN(best_at, from), MAX(best_at, from) + len);
    }
    return rp_state_total(s);
}

double
rp_search_heat(const RpState *s)
{
    const RpProblem *p = s->p;
    /* hot enough to accept an officer-hour of pay in a few moves */
    return 0.3 * rp_state_total(s) / (double)(p->n_o * p->n_d * 8 + 1);
}

size_t
rp_search(RpState *s, RpClockwork *cw, const RpSearchRun *run)
{
    const RpProblem *p = s->p;
    Search x = {.w = rp_week_new(p),
                .pw = rp_polish_new(p),
                .value = g_new0(double, p->n_sites * p->n_t),
                .touched = g_new0(guint8, p->n_t),
                .old = g_new0(guint8, p->n_t),
                .base = rp_state_new(p),
                .keep = rp_state_new(p),
                .rng = g_rand_new_with_seed(run->seed)};
    g_autoptr(RpState) backup = rp_state_new(p);
    g_autoptr(RpState) best = rp_state_new(p);
    size_t group[MAX_GROUP];
    double cur = rp_state_total(s), best_total = cur;
    rp_state_copy(best, s);
    size_t it = run->from, to = run->from + MIN(run->stop, run->length);
    for (; it < to; it++) {
        if (g_get_monotonic_time() >= cw->deadline_us) {
            cw->timed_out = TRUE;
            break;
        }
        if (cw->report) {
            cw->best = MIN(cw->best, best_total);
            rp_progress(cw, "search");
        }
        double temp = run->heat;
        double next;
        if (it % 2 == 1) {
            /* break moves only improve, so they need no backup */
            cur = move_break(s, x.pw, backup, x.rng);
            if (cur < best_total - 1e-9) {
                best_total = cur;
                rp_state_copy(best, s);
            }
            continue;
        }
        rp_state_copy(backup, s);
        size_t n = pick_group(p, x.rng, group);
        next = NAN;
        if (n >= 2 && it % 6 == 0)
            next = move_pair(s, &x, group[0], group[1]);
        else if (n >= 2 && it % 6 == 2)
            next = move_swap(s, &x, group[0], group[1]);
        else if (it % 12 == 4)
            next = move_starts(s, &x, group[0]);
        if (isnan(next))
            next = move(s, &x, group, n);
        double delta = next - cur;
        gboolean accept =
            delta <= 1e-9 ||
            (temp > 0.0 && g_rand_double(x.rng) < exp(-delta / temp));
        if (!accept) {
            rp_state_copy(s, backup);
            continue;
        }
        cur = next;
        if (cur < best_total - 1e-9) {
            best_total = cur;
            rp_state_copy(best, s);
        }
    }
    rp_state_copy(s, best);
    if (it == run->from + run->length)
        rp_state_polish_all(s);
    /* polishing moves officers interval by interval: hold every position
     * in blocks again, so that stretches compare lawful rotas */
    rp_state_blocks(s);
    rp_state_trade(s);
    rp_week_free(x.w);
    rp_polish_free(x.pw);
    g_free(x.value);
    g_free(x.touched);
    g_free(x.old);
    rp_state_free(x.base);
    rp_state_free(x.keep);
    g_rand_free(x.rng);
    return it - run->from;
}
