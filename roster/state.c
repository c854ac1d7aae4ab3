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
    for (size_t q = 0; q < p->n_q; q++) {
        if (p->q[q].deferred) {
            for (size_t d = 0; d < p->n_d; d++)
                s->cover += rp_cover_cost(p->dreq[q * p->n_d + d], 0.0,
                                          p->dprice[q * p->n_d + d], p->over);
            continue;
        }
        for (size_t t = 0; t < p->n_t; t++)
            s->cover += rp_cover_cost(p->req[q * p->n_t + t], 0.0,
                                      p->price[q * p->n_t + t], p->over);
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
    dst->pay = src->pay;
    dst->prefs = src->prefs;
    dst->cover = src->cover;
    dst->idle = src->idle;
}

/* Change in (3)+(4) from adding `amount` to queue q at t. */
static double
cover_delta(const RpState *s, int q, int t, double amount)
{
    const RpProblem *p = s->p;
    if (p->q[q].deferred) {
        size_t k = (size_t)q * p->n_d + (size_t)p->day_of[t];
        double r = p->dreq[k], sup = s->dsupply[k], c = p->dprice[k];
        return rp_cover_cost(r, sup + amount, c, p->over) -
               rp_cover_cost(r, sup, c, p->over);
    }
    size_t k = (size_t)q * p->n_t + (size_t)t;
    double r = p->req[k], sup = s->supply[k], c = p->price[k];
    return rp_cover_cost(r, sup + amount, c, p->over) -
           rp_cover_cost(r, sup, c, p->over);
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

void
rp_state_marginal(const RpState *s, size_t i, double *value)
{
    const RpProblem *p = s->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    for (size_t site = 0; site < p->n_sites; site++) {
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << site)))
            continue;
        double *v = value + site * p->n_t;
        for (size_t t = 0; t < p->n_t; t++)
            best_queue(s, i, (int)site, (int)t, &v[t]);
    }
}

static double
skill_of(const RpProblem *p, size_t i, int q)
{
    for (size_t k = 0; k < p->n_skills[i]; k++)
        if (p->skills[i][k].q == q)
            return p->skills[i][k].prof;
    return 0.0;
}

/* Sets officer i's activity at t, keeping supplies and totals. */
static void
set_act(RpState *s, size_t i, int t, int act)
{
    const RpProblem *p = s->p;
    gint16 *a = &s->act[i * p->n_t + (size_t)t];
    if (*a >= 0)
        add_supply(s, *a, t, -skill_of(p, i, *a));
    else if (*a == RP_ACT_IDLE)
        s->idle -= 1.0;
    *a = (gint16)act;
    if (act >= 0)
        add_supply(s, act, t, skill_of(p, i, act));
    else if (act == RP_ACT_IDLE)
        s->idle += 1.0;
}

/* Activity of a shape's interval t that is not work, or 0 for work. */
static int
fixed_act(const RpProblem *p, size_t i, const RpShape *h, const int *brk,
          int t)
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

void
rp_state_remove(RpState *s, size_t i)
{
    const RpProblem *p = s->p;
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
            double gain;
            if (act == 0) {
                act = best_queue(s, i, h->site, t, &gain);
                act = act >= 0 ? act : RP_ACT_IDLE;
            }
            set_act(s, i, t, act);
        }
    }
}

gboolean
rp_state_repair(RpState *s, int t)
{
    const RpProblem *p = s->p;
    gboolean moved = FALSE;
    for (int pass = 0; pass < 3; pass++) {
        gboolean any = FALSE;
        for (size_t i = 0; i < p->n_o; i++) {
            int a = s->act[i * p->n_t + (size_t)t];
            if (a < 0 && a != RP_ACT_IDLE)
                continue;
            int site = rp_shape(p, s->plan[i].shape[p->day_of[t]])->site;
            /* what the officer is worth where they are, and elsewhere */
            double here = a >= 0 ? -cover_delta(s, a, t, -skill_of(p, i, a))
                                 : -p->over;
            set_act(s, i, t, RP_ACT_OFF);
            double gain;
            int q = best_queue(s, i, site, t, &gain);
            int to = gain > here + 1e-9 ? (q >= 0 ? q : RP_ACT_IDLE) : a;
            set_act(s, i, t, to);
            any |= to != a;
        }
        moved |= any;
        if (!any)
            break;
    }
    return moved;
}

/* (3) + (4) with idle time. */
static double
cover_idle(const RpState *s)
{
    return s->cover + s->idle * s->p->over;
}

/* Officers at work in interval t (not on a break or commitment), into
 * `who`; returns how many. */
static size_t
working(const RpState *s, int t, size_t *who)
{
    const RpProblem *p = s->p;
    size_t n = 0;
    for (size_t i = 0; i < p->n_o; i++) {
        int a = s->act[i * p->n_t + (size_t)t];
        if (a >= 0 || a == RP_ACT_IDLE)
            who[n++] = i;
    }
    return n;
}

/* The best move of officer b (at `site_b`) onto queue q at t, after
 * whatever has moved already; applied if it lowers the cost below
 * `limit`, else undone.  Returns TRUE if applied. */
static gboolean
try_fill(RpState *s, size_t b, int site_b, int q, int t, double limit)
{
    const RpProblem *p = s->p;
    int from = s->act[b * p->n_t + (size_t)t];
    if (from == q || skill_of(p, b, q) <= 0.0 || !can_serve(p, q, site_b, t))
        return FALSE;
    set_act(s, b, t, q);
    if (cover_idle(s) < limit)
        return TRUE;
    set_act(s, b, t, from);
    return FALSE;
}

gboolean
rp_state_polish(RpState *s, int t, size_t *who)
{
    const RpProblem *p = s->p;
    size_t n = working(s, t, who);
    gboolean improved = FALSE;
    for (size_t x = 0; x < n; x++) {
        size_t a = who[x];
        int from = s->act[a * p->n_t + (size_t)t];
        int site = rp_shape(p, s->plan[a].shape[p->day_of[t]])->site;
        for (size_t k = 0; k < p->n_skills[a]; k++) {
            int q = p->skills[a][k].q;
            if (q == from || !can_serve(p, q, site, t))
                continue;
            double before = cover_idle(s);
            set_act(s, a, t, q);
            if (cover_idle(s) < before - 1e-9) {
                improved = TRUE;
                break;
            }
            /* a chain: someone else takes the place a left */
            gboolean done = FALSE;
            for (size_t y = 0; y < n && from >= 0 && !done; y++) {
                size_t b = who[y];
                if (b != a)
                    done = try_fill(
                        s, b,
                        rp_shape(p, s->plan[b].shape[p->day_of[t]])->site,
                        from, t, before - 1e-9);
            }
            if (done) {
                improved = TRUE;
                break;
            }
            set_act(s, a, t, from);
        }
    }
    return improved;
}

double
rp_state_total(const RpState *s)
{
    return s->pay + s->prefs + s->cover + s->idle * s->p->over +
           rp_unfairness(s->p, s->fair_hours);
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
                          .end_utc = p->start_utc +
                                     (h->start + h->len) * p->step_s,
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
            int a = s->act[i * p->n_t + t];
            r->activity[i * p->n_t + t] =
                (gint16)(a >= 0 ? p->q[a].queue : a);
        }
    }
    return r;
}
