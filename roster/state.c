/* roster/state.c - a roster under improvement, with its objective kept
 * up to date as officers are taken off, put on and moved between queues.
 *
 * Only (3)+(4) need care: they are sums over queues and intervals of a
 * convex piecewise-linear function of the supply, so adding or removing
 * an officer changes the total by the difference of that function at one
 * queue-interval (or, for deferred work, one queue-day).  Activities are
 * whole intervals on one queue, as the rota prints them. */
#include <math.h>
#include <string.h>

#include "common/units.h"
#include "roster/roster_int.h"

RpState *
rp_state_new(const RpProblem *p)
{
    RpState *s = g_new0(RpState, 1);
    s->p = p;
    s->plan = g_new(RpPlan, p->n_o);
    for (size_t i = 0; i < p->n_o; i++)
        for (size_t d = 0; d < RP_ROSTER_MAX_DAYS; d++)
            s->plan[i].shape[d] = -1;
    s->act = g_new(gint16, p->n_o * p->n_t);
    for (size_t k = 0; k < p->n_o * p->n_t; k++)
        s->act[k] = RP_ACT_OFF;
    s->supply = g_new0(double, p->n_q * p->n_t);
    s->dsupply = g_new0(double, p->n_q * p->n_d);
    s->fair_hours = g_new0(double, p->n_o * 2);
    s->fair_prev = g_new0(double, p->n_o * 2);
    s->blocks = rp_blocks_new(p);
    for (size_t q = 0; q < p->n_q; q++) {
        gboolean deferred = p->q[q].deferred;
        size_t n = deferred ? p->n_d : p->n_t;
        const double *r = (deferred ? p->dreq : p->req) + q * n;
        for (size_t j = 0; j < n; j++)
            s->cover +=
                rp_cover_cost(r[j], 0.0, rp_cover_price(p, q, j), p->over);
    }
    return s;
}

void
rp_state_free(RpState *s)
{
    if (s == NULL)
        return;
    g_free(s->plan);
    g_free(s->act);
    g_free(s->supply);
    g_free(s->dsupply);
    g_free(s->fair_hours);
    g_free(s->fair_prev);
    rp_blocks_free(s->blocks);
    g_free(s);
}

void
rp_state_copy(RpState *dst, const RpState *src)
{
    const RpProblem *p = src->p;
    memcpy(dst->plan, src->plan, p->n_o * sizeof *src->plan);
    memcpy(dst->act, src->act, p->n_o * p->n_t * sizeof *src->act);
    memcpy(dst->supply, src->supply, p->n_q * p->n_t * sizeof(double));
    memcpy(dst->dsupply, src->dsupply, p->n_q * p->n_d * sizeof(double));
    memcpy(dst->fair_hours, src->fair_hours, p->n_o * 2 * sizeof(double));
    memcpy(dst->fair_prev, src->fair_prev, p->n_o * 2 * sizeof(double));
    dst->pay = src->pay;
    dst->prefs = src->prefs;
    dst->cover = src->cover;
    dst->idle = src->idle;
    dst->changes = src->changes;
    dst->starts = src->starts;
}

/* Requirement, supply and prices of queue q seen from interval t (the
 * day's for deferred work). */
static const RpPrice *
queue_state(const RpState *s, int q, int t, double *r, double *sup)
{
    const RpProblem *p = s->p;
    if (p->q[q].deferred) {
        size_t d = (size_t)p->day_of[t], k = (size_t)q * p->n_d + d;
        *r = p->dreq[k];
        *sup = s->dsupply[k];
        return &p->dprice[k];
    }
    size_t k = (size_t)q * p->n_t + (size_t)t;
    *r = p->req[k];
    *sup = s->supply[k];
    return &p->price[(size_t)t * p->n_q + (size_t)q];
}

/* Change in (3)+(4) if queue q's supply at t changed by `a` and then by
 * `b` more, counted from before either. */
static double
delta2(const RpState *s, int q, int t, double a, double b)
{
    double r, sup;
    const RpPrice *g = queue_state(s, q, t, &r, &sup);
    double o = s->p->over;
    return rp_cover_cost(r, sup + a + b, g, o) - rp_cover_cost(r, sup, g, o);
}

/* Change in (3)+(4) from adding `amount` to queue q at t. */
static double
cover_delta(const RpState *s, int q, int t, double amount)
{
    return delta2(s, q, t, amount, 0.0);
}

double
rp_state_cover_delta(const RpState *s, int q, int t, double amount)
{
    return cover_delta(s, q, t, amount);
}

static void
add_supply(RpState *s, int q, int t, double amount)
{
    const RpProblem *p = s->p;
    s->cover += cover_delta(s, q, t, amount);
    s->supply[(size_t)q * p->n_t + (size_t)t] += amount;
    if (p->q[q].deferred)
        s->dsupply[(size_t)q * p->n_d + (size_t)p->day_of[t]] += amount;
}

static gboolean
can_serve(const RpProblem *p, int q, int site, int t)
{
    return p->open[(size_t)q * p->n_t + (size_t)t] &&
           (p->q[q].site < 0 || p->q[q].site == site);
}

gboolean
rp_state_can_serve(const RpProblem *p, int q, int site, int t)
{
    return can_serve(p, q, site, t);
}

int
rp_state_links(const RpState *s, size_t i, int t, int a)
{
    const RpProblem *p = s->p;
    if (!rp_is_position(a))
        return 0;
    int n = 0, here = rp_position(p, a);
    for (int u = t - 1; u <= t + 1; u += 2) {
        if (u < 0 || (size_t)u >= p->n_t)
            continue;
        int b = rp_act(s, i, u);
        n += rp_is_position(b) && rp_position(p, b) != here;
    }
    return n;
}

/* The change in (6)'s price if officer i's activity at t went from
 * `from` to `to`. */
static double
change_delta(const RpState *s, size_t i, int t, int from, int to)
{
    return s->p->change_price *
           (rp_state_links(s, i, t, to) - rp_state_links(s, i, t, from));
}

/* The queue where officer i at `site` lowers (3)+(4) most at t, or -1
 * (idle); its gain (>= -o) in *gain. */
static int
best_queue(const RpState *s, size_t i, int site, int t, double *gain)
{
    const RpProblem *p = s->p;
    int best = -1;
    *gain = -p->over;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        if (!can_serve(p, sk->q, site, t))
            continue;
        double g = -cover_delta(s, sk->q, t, sk->prof);
        if (g > *gain + 1e-12) {
            *gain = g;
            best = sk->q;
        }
    }
    return best;
}

/* The cheapest way to free a place on each queue at interval t: one
 * officer now on it moves to a short phone or desk queue.  exit_cost[q]
 * is the change in (3)+(4) of that move elsewhere, exit_prof[q] the skill
 * they leave behind (0: nobody can move); is_short[] is scratch.  Moves
 * to deferred work are left out: its need is owed per day, and counting
 * it in every interval would promise the same day's work many times. */
static void
exits(const RpState *s, int t, double *exit_cost, double *exit_prof,
      gboolean *is_short)
{
    const RpProblem *p = s->p;
    gboolean any = FALSE;
    for (size_t q = 0; q < p->n_q; q++) {
        exit_cost[q] = INFINITY;
        exit_prof[q] = 0.0;
        is_short[q] = !p->q[q].deferred && p->open[q * p->n_t + (size_t)t] &&
                      p->req[q * p->n_t + (size_t)t] >
                          s->supply[q * p->n_t + (size_t)t] + 1e-9;
        any |= is_short[q];
    }
    if (!any)
        return; /* nobody gains by moving */
    for (size_t j = 0; j < p->n_o; j++) {
        int q = rp_act(s, j, t);
        if (q < 0)
            continue;
        int site = -1;
        double best = INFINITY;
        for (size_t k = 0; k < p->n_skills[j]; k++) {
            const RpSkill *sk = &p->skills[j][k];
            if (sk->q == q || !is_short[sk->q])
                continue;
            if (site < 0)
                site = rp_shape(p, s->plan[j].shape[p->day_of[t]])->site;
            if (can_serve(p, sk->q, site, t))
                best = MIN(best, cover_delta(s, sk->q, t, sk->prof));
        }
        if (best < exit_cost[q] - 1e-12) {
            exit_cost[q] = best;
            exit_prof[q] = rp_prof(p, j, q);
        }
    }
}

/* The best gain of officer i at `site` and t on a phone or desk queue,
 * directly or by taking the place of an officer who moves to a queue
 * that needs them more; at least -o (idle). */
static double
realtime_gain(const RpState *s, size_t i, int site, int t,
              const double *exit_cost, const double *exit_prof)
{
    const RpProblem *p = s->p;
    double gain = -p->over;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        if (!can_serve(p, sk->q, site, t))
            continue;
        double g = -cover_delta(s, sk->q, t, sk->prof);
        if (exit_prof[sk->q] > 0.0)
            g = MAX(g, -cover_delta(s, sk->q, t, sk->prof - exit_prof[sk->q]) -
                           exit_cost[sk->q]);
        if (!p->q[sk->q].deferred)
            gain = MAX(gain, g);
    }
    return gain;
}

/* Raises v[t] over day d to what deferred skill `sk` is worth there.  The
 * day owes `rem` officer-intervals of it; the officer's free intervals
 * (where phones and desks gain less) share that value evenly: counting
 * every one at the full price would rate free time the day does not need
 * as highly as time it does, and the week would take its breaks where
 * they cost the most. */
static void
deferred_value(const RpState *s, const RpSkill *sk, int site, size_t d,
               double *v)
{
    const RpProblem *p = s->p;
    size_t k = (size_t)sk->q * p->n_d + d;
    const RpPrice *g = &p->dprice[k];
    double rem = MAX(0.0, p->dreq[k] - s->dsupply[k]);
    double full = rp_short_cost(rem, g) -
                  rp_short_cost(MAX(0.0, rem - sk->prof), g) -
                  p->over * MAX(0.0, sk->prof - rem);
    int free = 0;
    for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++)
        free += can_serve(p, sk->q, site, t) && v[t] < full;
    if (free == 0)
        return;
    double total = rp_short_cost(rem, g) -
                   rp_short_cost(MAX(0.0, rem - free * sk->prof), g) -
                   p->over * MAX(0.0, free * sk->prof - rem);
    double each = total / free;
    for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++)
        if (can_serve(p, sk->q, site, t))
            v[t] = MAX(v[t], each);
}

/* Lowers officer i's values of evening (k 0) and weekend (k 1) intervals
 * by the unfairness price of one more such hour, at the hours above
 * their fair share they had before they were taken off: the price rises
 * with each hour, so an officer who had many is steered off them and one
 * below their share takes them up.  (The week's DP adds values up; this
 * linear price at the officer's last hours stands in for the rising
 * one, and the search counts the true unfairness of every move.) */
static void
fair_values(const RpState *s, size_t i, double *value)
{
    const RpProblem *p = s->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    double price = p->in->centre->rules->prices.unfair_hour;
    for (size_t k = 0; k < 2; k++) {
        if (!p->fair_kind[i * 2 + k])
            continue;
        double total = s->fair_prev[i * 2 + k], shares = 0.0;
        for (size_t j = 0; j < p->n_o; j++)
            if (p->fair_kind[j * 2 + k]) {
                total += s->fair_hours[j * 2 + k];
                shares += p->fair_share[j];
            }
        double excess = s->fair_prev[i * 2 + k] -
                        total * p->fair_share[i] / MAX(shares, 1e-9);
        if (excess < -1.0)
            continue; /* the next hours are within the share */
        double cut = price * p->hours * (1.0 + floor(MAX(0.0, excess)));
        for (size_t t = 0; t < p->n_t; t++) {
            gboolean hit = k == 0
                               ? p->evening[t]
                               : rp_weekday(p->day_number[p->day_of[t]]) >= 5;
            for (size_t site = 0; hit && site < p->n_sites; site++)
                if (o->sites & (G_GUINT64_CONSTANT(1) << site))
                    value[site * p->n_t + t] -= cut;
        }
    }
}

/* Lowers officer i's values by half the price of a change of position
 * on each side of every interval where their best position changes
 * (ties kept on the position before): the week's DP adds values up, so
 * a shift across such a point pays the whole price and one that starts
 * or ends there half, which steers shifts to where the officer can hold
 * one position.  The search counts the true changes of every move. */
static void
position_values(const RpState *s, size_t i, double *value)
{
    const RpProblem *p = s->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    const guint8 *reach = p->reach + i * p->n_t;
    double half = 0.5 * p->change_price;
    if (half <= 0.0)
        return;
    for (size_t site = 0; site < p->n_sites; site++) {
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << site)))
            continue;
        double *v = value + site * p->n_t;
        int last = RP_ACT_OFF;
        for (size_t t = 0; t < p->n_t; t++) {
            if (!reach[t]) {
                last = RP_ACT_OFF;
                continue;
            }
            int best = RP_ACT_IDLE;
            double gain = -p->over;
            for (size_t k = 0; k < p->n_skills[i]; k++) {
                const RpSkill *sk = &p->skills[i][k];
                if (!can_serve(p, sk->q, (int)site, (int)t))
                    continue;
                double g = -cover_delta(s, sk->q, (int)t, sk->prof);
                int pos = p->pos[sk->q];
                if (g > gain + 1e-12 ||
                    (g > gain - 1e-12 && pos == last && best != last)) {
                    gain = g;
                    best = pos;
                }
            }
            if (last != RP_ACT_OFF && best != last) {
                v[t] -= half;
                v[t - 1] -= half;
            }
            last = best;
        }
    }
}

void
rp_state_marginal(const RpState *s, size_t i, double *value, RpPolish *w)
{
    const RpProblem *p = s->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    const guint8 *reach = p->reach + i * p->n_t;
    for (size_t t = 0; t < p->n_t; t++) {
        if (reach[t])
            exits(s, (int)t, w->exit_cost, w->exit_prof, w->is_short);
        for (size_t site = 0; site < p->n_sites; site++)
            if (o->sites & (G_GUINT64_CONSTANT(1) << site))
                value[site * p->n_t + t] =
                    reach[t] ? realtime_gain(s, i, (int)site, (int)t,
                                             w->exit_cost, w->exit_prof)
                             : -p->over;
    }
    for (size_t site = 0; site < p->n_sites; site++) {
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << site)))
            continue;
        for (size_t k = 0; k < p->n_skills[i]; k++)
            if (p->q[p->skills[i][k].q].deferred)
                for (size_t d = 0; d < p->n_d; d++)
                    deferred_value(s, &p->skills[i][k], (int)site, d,
                                   value + site * p->n_t);
    }
    position_values(s, i, value);
    fair_values(s, i, value);
}

/* Sets officer i's activity at t, keeping supplies and totals. */
static void
set_act(RpState *s, size_t i, int t, int act)
{
    const RpProblem *p = s->p;
    gint16 *a = &s->act[(size_t)t * p->n_o + i];
    s->changes += rp_state_links(s, i, t, act) - rp_state_links(s, i, t, *a);
    if (*a >= 0)
        add_supply(s, *a, t, -rp_prof(p, i, *a));
    else if (*a == RP_ACT_IDLE)
        s->idle -= 1.0;
    *a = (gint16)act;
    if (act >= 0)
        add_supply(s, act, t, rp_prof(p, i, act));
    else if (act == RP_ACT_IDLE)
        s->idle += 1.0;
}

void
rp_state_set_activity(RpState *s, size_t i, int t, int act)
{
    set_act(s, i, t, act);
}

/* Activity of a shape's interval t that is not work, or 0 for work. */
static int
fixed_act(const RpProblem *p, size_t i, const RpShape *h, const int *brk, int t)
{
    if (p->blocked[i * p->n_t + (size_t)t] == 2)
        return RP_ACT_COMMITMENT;
    for (int k = 0; k < h->n_breaks; k++)
        if (t >= brk[k] && t < brk[k] + h->brk_len[k])
            return h->brk_paid[k] ? RP_ACT_BREAK : RP_ACT_LUNCH;
    return 0;
}

static void
count_shift(RpState *s, size_t i, size_t d, double sign)
{
    const RpProblem *p = s->p;
    const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
    const int *brk = s->plan[i].brk[d];
    for (int t = h->start; t < h->start + h->len; t++)
        if (fixed_act(p, i, h, brk, t) != RP_ACT_LUNCH)
            s->pay += sign * rp_pay(p, i, t);
    s->prefs += sign * rp_preference_cost(p, i, d, h->start_min, h->end_min);
    s->fair_hours[i * 2] += sign * h->evening * p->hours;
    if (h->weekend)
        s->fair_hours[i * 2 + 1] += sign * h->len * p->hours;
}

/* Officer i's distinct start times in the week beyond the first, (6). */
static double
extra_starts(const RpState *s, size_t i)
{
    const RpProblem *p = s->p;
    int seen[RP_ROSTER_MAX_DAYS], n = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        if (s->plan[i].shape[d] < 0)
            continue;
        int m = rp_shape(p, s->plan[i].shape[d])->start_min, k = 0;
        while (k < n && seen[k] != m)
            k++;
        if (k == n)
            seen[n++] = m;
    }
    return n > 1 ? n - 1 : 0;
}

void
rp_state_remove(RpState *s, size_t i)
{
    const RpProblem *p = s->p;
    s->starts -= extra_starts(s, i);
    for (size_t d = 0; d < p->n_d; d++) {
        if (s->plan[i].shape[d] < 0)
            continue;
        const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
        count_shift(s, i, d, -1.0);
        for (int t = h->start; t < h->start + h->len; t++)
            set_act(s, i, t, RP_ACT_OFF);
        s->plan[i].shape[d] = -1;
    }
    /* the counts may drift by rounding; an officer off has none */
    s->fair_prev[i * 2] = s->fair_hours[i * 2];
    s->fair_prev[i * 2 + 1] = s->fair_hours[i * 2 + 1];
    s->fair_hours[i * 2] = s->fair_hours[i * 2 + 1] = 0.0;
}

void
rp_state_insert(RpState *s, size_t i, const RpPlan *plan)
{
    const RpProblem *p = s->p;
    for (size_t d = 0; d < p->n_d; d++) {
        s->plan[i].shape[d] = plan->shape[d];
        if (plan->shape[d] < 0)
            continue;
        memcpy(s->plan[i].brk[d], plan->brk[d], sizeof plan->brk[d]);
        const RpShape *h = rp_shape(p, plan->shape[d]);
        count_shift(s, i, d, 1.0);
        for (int t = h->start; t < h->start + h->len; t++) {
            int act = fixed_act(p, i, h, plan->brk[d], t);
            set_act(s, i, t, act == 0 ? RP_ACT_IDLE : act);
        }
        rp_state_place(s, s->blocks, i, d);
    }
    s->starts += extra_starts(s, i);
}

/* Officers at work in interval t (not on a break or commitment), into
 * `who`; returns how many. */
static size_t
working(const RpState *s, int t, size_t *who)
{
    const RpProblem *p = s->p;
    size_t n = 0;
    for (size_t i = 0; i < p->n_o; i++) {
        int a = rp_act(s, i, t);
        if (a >= 0 || a == RP_ACT_IDLE)
            who[n++] = i;
    }
    return n;
}

/* Change in (3)+(4) if officer a left activity `from` (idle saves o). */
static double
leave(const RpState *s, size_t a, int from, int t)
{
    return from >= 0 ? delta2(s, from, t, -rp_prof(s->p, a, from), 0.0)
                     : -s->p->over;
}

/* What taking officer b off their activity at t costs in (3)+(4). */
static double
release_cost(const RpState *s, size_t b, int t)
{
    return leave(s, b, rp_act(s, b, t), t);
}

/* The price of one more officer short on queue q at t, from where it
 * stands. */
static double
queue_price(const RpState *s, int q, int t)
{
    double r, sup;
    const RpPrice *g = queue_state(s, q, t, &r, &sup);
    return g->g[rp_price_segment(MAX(0.0, r - sup), g)];
}

#define CANDIDATES 2

/* The officers at work at t (of w->who) most worth moving onto queue q
 * if it ran short: skill times price, less what leaving their own
 * activity costs.  Computed once a pass, when first needed. */
static const int *
candidates(const RpState *s, int t, RpPolish *w, size_t n, int q)
{
    const RpProblem *p = s->p;
    int *c = w->cand + (size_t)q * CANDIDATES;
    if (w->known[q])
        return c;
    w->known[q] = TRUE;
    double key[CANDIDATES];
    for (int k = 0; k < CANDIDATES; k++) {
        c[k] = -1;
        key[k] = -INFINITY;
    }
    double price = queue_price(s, q, t);
    for (size_t y = 0; y < n; y++) {
        size_t b = w->who[y];
        double prof = rp_prof(p, b, q);
        if (prof <= 0.0 || rp_act(s, b, t) == q ||
            !can_serve(p, q, w->site[y], t))
            continue;
        double v = prof * price - w->release[y];
        for (int k = 0; k < CANDIDATES; k++)
            if (v > key[k]) {
                for (int j = CANDIDATES - 1; j > k; j--) {
                    key[j] = key[j - 1];
                    c[j] = c[j - 1];
                }
                key[k] = v;
                c[k] = (int)y;
                break;
            }
    }
    return c;
}

/* The best chain that refills queue `from` after officer a moved from it
 * to q: the change in (3)+(4) of b's move given a's (*b_out the
 * officer), or +INFINITY for none. */
static double
refill(const RpState *s, int t, RpPolish *w, size_t n, size_t a, int from,
       int q, size_t *b_out)
{
    const RpProblem *p = s->p;
    const int *c = candidates(s, t, w, n, from);
    double best = INFINITY, pa_from = rp_prof(p, a, from),
           pa_q = rp_prof(p, a, q);
    for (int j = 0; j < CANDIDATES && c[j] >= 0; j++) {
        size_t b = w->who[c[j]];
        int x = rp_act(s, b, t);
        if (b == a || x == from)
            continue;
        double pb = rp_prof(p, b, from);
        double d = delta2(s, from, t, -pa_from, pb) -
                   delta2(s, from, t, -pa_from, 0.0);
        if (x == q)
            d += delta2(s, q, t, pa_q, -rp_prof(p, b, q)) -
                 delta2(s, q, t, pa_q, 0.0);
        else
            d += leave(s, b, x, t);
        if (d < best) {
            best = d;
            *b_out = b;
        }
    }
    return best;
}

/* Is queue q short at t (its day, for deferred work)? */
static gboolean
short_at(const RpState *s, int q, int t)
{
    double r, sup;
    queue_state(s, q, t, &r, &sup);
    return r > sup + 1e-9;
}

int
rp_state_break_room(const RpState *s, size_t i, size_t d, int k, int *lo,
                    int *hi)
{
    const RpProblem *p = s->p;
    const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
    const int *brk = s->plan[i].brk[d];
    *lo = h->brk_lo[k];
    *hi = h->brk_hi[k];
    if (k > 0)
        *lo = MAX(*lo, brk[k - 1] + h->brk_len[k - 1]);
    if (k + 1 < h->n_breaks)
        *hi = MIN(*hi, brk[k + 1] - h->brk_len[k]);
    return h->brk_len[k];
}

gboolean
rp_state_move_break(RpState *s, size_t i, size_t d, int k, int to)
{
    const RpProblem *p = s->p;
    const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
    int *brk = s->plan[i].brk[d], from = brk[k], len = h->brk_len[k];
    for (int t = to; t < to + len; t++)
        if (p->blocked[i * p->n_t + (size_t)t] == 2)
            return FALSE;
    count_shift(s, i, d, -1.0);
    brk[k] = to;
    count_shift(s, i, d, 1.0);
    /* back to work where the break was, then off where it is */
    for (int t = from; t < from + len; t++) {
        if (fixed_act(p, i, h, brk, t) != 0)
            continue;
        double gain;
        int q = best_queue(s, i, h->site, t, &gain);
        set_act(s, i, t, q >= 0 ? q : RP_ACT_IDLE);
    }
    for (int t = to; t < to + len; t++)
        set_act(s, i, t, fixed_act(p, i, h, brk, t));
    return TRUE;
}

gboolean
rp_state_polish(RpState *s, int t, RpPolish *w)
{
    const RpProblem *p = s->p;
    size_t n = working(s, t, w->who);
    for (size_t x = 0; x < n; x++)
        w->site[x] = rp_shape(p, s->plan[w->who[x]].shape[p->day_of[t]])->site;
    gboolean improved = FALSE;
    for (int pass = 0; pass < 3; pass++) {
        gboolean any = FALSE;
        for (size_t x = 0; x < n; x++)
            w->release[x] = release_cost(s, w->who[x], t);
        memset(w->known, 0, p->n_q * sizeof *w->known);
        for (size_t x = 0; x < n; x++) {
            size_t a = w->who[x];
            for (size_t k = 0; k < p->n_skills[a]; k++) {
                int q = p->skills[a][k].q;
                int from = rp_act(s, a, t);
                /* moving is only worth it towards a queue that is short */
                if (q == from || !can_serve(p, q, w->site[x], t) ||
                    !short_at(s, q, t))
                    continue;
                double d = leave(s, a, from, t) +
                           delta2(s, q, t, p->skills[a][k].prof, 0.0) +
                           change_delta(s, a, t, from, q);
                size_t b = 0;
                double chain =
                    from >= 0 ? refill(s, t, w, n, a, from, q, &b) : INFINITY;
                if (isfinite(chain))
                    chain += change_delta(s, b, t, rp_act(s, b, t), from);
                if (d < -1e-9 && d <= d + chain) {
                    set_act(s, a, t, q);
                } else if (d + chain < -1e-9) {
                    set_act(s, a, t, q);
                    set_act(s, b, t, from);
                } else {
                    continue;
                }
                any = TRUE;
                memset(w->known, 0, p->n_q * sizeof *w->known);
            }
        }
        improved |= any;
        if (!any)
            break;
    }
    return improved;
}

/* The best short phone or desk queue for officer i at t (-1: none), its
 * gain in *gain. */
static int
best_short_realtime(const RpState *s, size_t i, int t, double *gain)
{
    const RpProblem *p = s->p;
    int site = rp_shape(p, s->plan[i].shape[p->day_of[t]])->site, best = -1;
    *gain = 0.0;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        if (p->q[sk->q].deferred || !can_serve(p, sk->q, site, t) ||
            !short_at(s, sk->q, t))
            continue;
        double g = -cover_delta(s, sk->q, t, sk->prof);
        if (g > *gain) {
            *gain = g;
            best = sk->q;
        }
    }
    return best;
}

/* Donors to try per queue and day. */
#define DONORS 6

/* A move onto deferred queue q: officer a from its activity, and unless
 * b_officer is -1, officer b into the place a left. */
typedef struct {
    double delta; /* change in (3)+(4) */
    int t;
    size_t a;
    long b;
} Fill;

/* The best way to put one more officer on deferred queue q in interval t:
 * directly, or with another officer taking the place they leave. */
static void
best_fill(RpState *s, int q, int t, RpPolish *w, Fill *best)
{
    const RpProblem *p = s->p;
    size_t n = working(s, t, w->who);
    for (size_t x = 0; x < n; x++) {
        w->site[x] = rp_shape(p, s->plan[w->who[x]].shape[p->day_of[t]])->site;
        w->release[x] = release_cost(s, w->who[x], t);
    }
    memset(w->known, 0, p->n_q * sizeof *w->known);
    for (size_t x = 0; x < n; x++) {
        size_t a = w->who[x];
        int from = rp_act(s, a, t);
        double prof = rp_prof(p, a, q);
        if (from == q || prof <= 0.0 || !can_serve(p, q, w->site[x], t))
            continue;
        double d = leave(s, a, from, t) + delta2(s, q, t, prof, 0.0);
        if (d < best->delta)
            *best = (Fill){d, t, a, -1};
        size_t b;
        double chain =
            from >= 0 ? refill(s, t, w, n, a, from, q, &b) : INFINITY;
        if (d + chain < best->delta)
            *best = (Fill){d + chain, t, a, (long)b};
    }
}

gboolean
rp_state_rebalance(RpState *s, size_t d, int q, RpState *backup, RpPolish *pw)
{
    const RpProblem *p = s->p;
    gboolean moved = FALSE;
    for (int round = 0; round < DONORS; round++) {
        /* the officer on q who gains most on a short phone or desk queue */
        size_t who = 0;
        int at = -1, to = -1;
        double best = 1e-9;
        for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++)
            for (size_t i = 0;
                 p->open[(size_t)q * p->n_t + (size_t)t] && i < p->n_o; i++) {
                double g;
                int x;
                if (rp_act(s, i, t) == q &&
                    (x = best_short_realtime(s, i, t, &g)) >= 0 && g > best) {
                    best = g;
                    who = i;
                    at = t;
                    to = x;
                }
            }
        if (at < 0)
            break;
        /* move them; the day's best other interval takes the work over */
        double before = s->cover + s->idle * p->over;
        rp_state_copy(backup, s);
        set_act(s, who, at, to);
        Fill f = {INFINITY, -1, 0, -1};
        for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++)
            if (t != at && p->open[(size_t)q * p->n_t + (size_t)t])
                best_fill(s, q, t, pw, &f);
        if (f.t >= 0) {
            int left = rp_act(s, f.a, f.t);
            set_act(s, f.a, f.t, q);
            if (f.b >= 0)
                set_act(s, (size_t)f.b, f.t, left);
        }
        if (s->cover + s->idle * p->over < before - 1e-9) {
            moved = TRUE;
            continue;
        }
        rp_state_copy(s, backup);
        break;
    }
    return moved;
}

RpPolish *
rp_polish_new(const RpProblem *p)
{
    RpPolish *w = g_new(RpPolish, 1);
    w->who = g_new(size_t, p->n_o);
    w->site = g_new(int, p->n_o);
    w->release = g_new(double, p->n_o);
    w->cand = g_new(int, p->n_q *CANDIDATES);
    w->known = g_new(gboolean, p->n_q);
    w->exit_cost = g_new(double, p->n_q);
    w->exit_prof = g_new(double, p->n_q);
    w->is_short = g_new(gboolean, p->n_q);
    return w;
}

void
rp_polish_free(RpPolish *w)
{
    if (w == NULL)
        return;
    g_free(w->who);
    g_free(w->site);
    g_free(w->release);
    g_free(w->cand);
    g_free(w->known);
    g_free(w->exit_cost);
    g_free(w->exit_prof);
    g_free(w->is_short);
    g_free(w);
}

double
rp_state_total(const RpState *s)
{
    const RpProblem *p = s->p;
    return s->pay + s->prefs + s->cover + s->idle * p->over +
           p->change_price * s->changes + p->start_price * s->starts +
           rp_unfairness(p, s->fair_hours);
}

RpRoster *
rp_state_roster(const RpState *s)
{
    const RpProblem *p = s->p;
    RpRoster *r = rp_roster_new(p->n_o, p->n_t);
    for (size_t i = 0; i < p->n_o; i++) {
        for (size_t d = 0; d < p->n_d; d++) {
            if (s->plan[i].shape[d] < 0)
                continue;
            const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
            RpShift sh = {.officer = i,
                          .day = d,
                          .site = h->site,
                          .start_utc = p->start_utc + h->start * p->step_s,
                          .end_utc =
                              p->start_utc + (h->start + h->len) * p->step_s,
                          .n_breaks = h->n_breaks};
            for (int k = 0; k < h->n_breaks; k++) {
                int b = s->plan[i].brk[d][k];
                sh.break_start_utc[k] = p->start_utc + b * p->step_s;
                sh.break_end_utc[k] =
                    p->start_utc + (b + h->brk_len[k]) * p->step_s;
                sh.break_paid[k] = h->brk_paid[k];
            }
            g_array_append_val(r->shifts, sh);
        }
        for (size_t t = 0; t < p->n_t; t++) {
            int a = rp_act(s, i, (int)t);
            r->activity[i * p->n_t + t] = (gint16)(a >= 0 ? p->q[a].queue : a);
        }
    }
    return r;
}
