/* roster/bound.c - a proven lower bound on (1).
 *
 * Lagrangian relaxation of the cover rows of the Dantzig-Wolfe master
 * over officers' weeks (Desrosiers & Lubbecke, "A primer in column
 * generation", 2005): a column is one lawful week of one officer with an
 * activity in each interval at work; the master chooses a convex
 * combination of columns per officer and pays for shortfall and surplus
 * at each queue-interval (queue-day for deferred work):
 *
 *   min  sum_j c_j z_j + sum_r (F_r(short_r) + o over_r)
 *   s.t. sum_j a_rj z_j + short_r - over_r = r_r     (every cover row r)
 *        sum_{j of officer i} z_j = 1               (every officer i)
 *        z, short, over >= 0                                         (6)
 *
 * F_r the convex piecewise-linear price of (3) at the cover whole
 * officers can give (whole.c), slopes g_r0 <= g_r1 <=
 * ... <= g_r,n-1 (in the LP, one shortfall column per segment, each up
 * to its width but the last).  For any duals pi with -o <= pi_r <=
 * g_r,n-1, weak duality gives
 *
 *   L(pi) = sum_r (pi_r r_r + min_s>=0 (F_r(s) - pi_r s))
 *           - sum_i max_week (sum v - pay - preferences)            (7)
 *
 * with v(s,t) = max(-o, max_q pi_q,t * skill), and the inner maximum is
 * exactly rp_week_best(); the minimum over s lies at a breakpoint of F_r,
 * s* = the end of the last segment whose slope is below pi_r, so it is
 * -sum_k width_k max(0, pi_r - g_rk).  (7)
 * is a valid bound at every such pi, and its maximum is the optimum of
 * (6), at least the LP relaxation of the compact model (each column keeps
 * every rule of one officer's week exactly).  Unfairness (>= 0) is left
 * out, which keeps it valid.
 *
 * The ascent starts from zero prices, where (7) is the pay of each
 * officer's cheapest lawful week, and climbs by projected subgradient
 * with Polyak steps towards the first rota's objective (Held, Wolfe &
 * Crowder 1974), halving the step when the bound stalls.  Each step's
 * direction is deflected by the one before where the two point apart
 * (Camerini, Fratta & Maffioli 1975, eta = 1.5), which stops the zigzag
 * of plain subgradients: on the sample week 70,057.76 after 4,777 steps
 * against 70,033.18 after 4,237 without.  Starting from
 * the duals of the master over the first rota's weeks (GLPK), as before,
 * left the bound lower and dependent on that rota: on the sample
 * council's demo week 69,233.62 after 6,910 steps, or 68,796.29 after
 * 8,635 from another first rota, against 69,449.92 after 4,978 from
 * zero.  Pricing every officer takes milliseconds, so thousands of steps
 * fit in a few seconds, where column generation's growing master LP took
 * seconds a round and closed less.
 *
 * Left out (docs/roster.md, "How it works"): unfairness, positions and
 * start times (6) and the minimum block.  They are never negative and
 * the block rule only removes rotas, so the relaxed minimum is at most
 * the real one and (7) stays valid.  Counting the start times in the
 * officers' weeks by (8) of week.c is valid too, but on the demo week 400
 * steps so from the best prices without it raised the bound by 0.04, and
 * counting it in every step took two and a half times the work: at these
 * prices an officer's best week with several start times has another of
 * (nearly) the same value with one. */
#include <math.h>
#include <string.h>

#include "roster/roster_int.h"

/* Subgradient: iterations without a better bound before halving the
 * step, and the least step factor before stopping. */
#define SG_PATIENCE  200
#define SG_MIN_THETA 0.001
/* Deflection of each direction by the one before (0 none, below 2). */
#define SG_ETA 1.5

typedef struct {
    const RpProblem *p;
    int *row;              /* [q * n_t + t]: cover row (1-based) or 0 */
    size_t n_cover;        /* cover rows: 1..n_cover */
    size_t n_rows;         /* n_cover + 1 (arrays are 1-based) */
    double *rhs;           /* [row] */
    const RpPrice **price; /* [row]: F of a shortfall */
    double *top;           /* [row]: its last slope, pi's upper limit */
    double *best_pi;       /* [row]: duals of the best bound */
    double *value;         /* [site * n_t + t] */
    RpWeek *week;
    RpPlan *plans;      /* [n_o] weeks priced last */
    RpPlan *best_plans; /* [n_o] weeks priced at the best duals */
} Master;

static int
cover_row(const Master *m, int q, int t)
{
    const RpProblem *p = m->p;
    return m->row[(size_t)q * p->n_t +
                  (size_t)(p->q[q].deferred ? p->day_first[p->day_of[t]] : t)];
}

static gboolean
deferred_open(const RpProblem *p, size_t q, size_t d)
{
    for (int u = p->day_first[d]; u < p->day_first[d + 1]; u++)
        if (p->open[q * p->n_t + (size_t)u])
            return TRUE;
    return FALSE;
}

/* Cover rows: every open queue-interval (queue-day) or one with a
 * requirement. */
static void
number_rows(Master *m)
{
    const RpProblem *p = m->p;
    g_autoptr(GArray) rhs = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) price =
        g_array_new(FALSE, FALSE, sizeof(const RpPrice *));
    const RpPrice *none = NULL;
    double zero = 0.0;
    g_array_append_val(rhs, zero);
    g_array_append_val(price, none);
    m->row = g_new0(int, p->n_q * p->n_t);
    for (size_t q = 0; q < p->n_q; q++)
        for (size_t t = 0; t < p->n_t; t++) {
            double r;
            const RpPrice *c;
            gboolean open;
            if (p->q[q].deferred) {
                size_t d = (size_t)p->day_of[t];
                if ((int)t != p->day_first[d])
                    continue;
                r = p->dreq[q * p->n_d + d];
                c = rp_whole_price(p, q, d);
                open = deferred_open(p, q, d);
            } else {
                r = p->req[q * p->n_t + t];
                c = rp_whole_price(p, q, t);
                open = p->open[q * p->n_t + t];
            }
            if (!open && r <= 0.0)
                continue;
            g_array_append_val(rhs, r);
            g_array_append_val(price, c);
            m->row[q * p->n_t + t] = (int)(rhs->len - 1);
        }
    m->n_cover = rhs->len - 1;
    m->n_rows = m->n_cover + 1;
    m->rhs = g_new0(double, m->n_rows);
    m->price = g_new0(const RpPrice *, m->n_rows);
    m->top = g_new0(double, m->n_rows);
    for (size_t r = 1; r < m->n_rows; r++) {
        m->rhs[r] = g_array_index(rhs, double, r);
        m->price[r] = g_array_index(price, const RpPrice *, r);
        m->top[r] = m->price[r]->g[m->price[r]->n - 1];
    }
}

/* v(s,t) of officer i under duals `pi`. */
static void
values(Master *m, size_t i, const double *pi)
{
    const RpProblem *p = m->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    for (size_t s = 0; s < p->n_sites; s++) {
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << s)))
            continue;
        double *v = m->value + s * p->n_t;
        for (size_t t = 0; t < p->n_t; t++) {
            v[t] = -p->over;
            for (size_t k = 0; k < p->n_skills[i]; k++) {
                const RpSkill *sk = &p->skills[i][k];
                const RpPQueue *q = &p->q[sk->q];
                if (!p->open[(size_t)sk->q * p->n_t + t] ||
                    (q->site >= 0 && q->site != (int)s))
                    continue;
                v[t] = MAX(v[t], pi[cover_row(m, sk->q, (int)t)] * sk->prof);
            }
        }
    }
}

/* Row and skill of the queue officer i at `site` serves at t under duals
 * `pi`; row 0 for idle. */
static int
serve(const Master *m, size_t i, int site, int t, const double *pi,
      double *prof)
{
    const RpProblem *p = m->p;
    double best = -p->over;
    int row = 0;
    *prof = 0.0;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        const RpPQueue *q = &p->q[sk->q];
        if (!p->open[(size_t)sk->q * p->n_t + (size_t)t] ||
            (q->site >= 0 && q->site != site))
            continue;
        int r = cover_row(m, sk->q, t);
        if (pi[r] * sk->prof > best + 1e-12) {
            best = pi[r] * sk->prof;
            row = r;
            *prof = sk->prof;
        }
    }
    return row;
}

/* Takes from g[] what officer i's week `plan` supplies to each cover
 * row: every interval at work on the queue `pi` rates best, as
 * rp_week_best() valued it. */
static void
subtract_supply(const Master *m, size_t i, const RpPlan *plan, const double *pi,
                double *g)
{
    const RpProblem *p = m->p;
    for (size_t d = 0; d < p->n_d; d++) {
        if (plan->shape[d] < 0)
            continue;
        const RpShape *h = rp_shape(p, plan->shape[d]);
        for (int t = h->start; t < h->start + h->len; t++) {
            gboolean in_break = FALSE;
            for (int k = 0; k < h->n_breaks; k++)
                in_break |=
                    t >= plan->brk[d][k] && t < plan->brk[d][k] + h->brk_len[k];
            if (in_break || p->blocked[i * p->n_t + (size_t)t] == 2)
                continue;
            double prof;
            int row = serve(m, i, h->site, t, pi, &prof);
            if (row > 0)
                g[row] -= prof;
        }
    }
}

/* min over s >= 0 of F(s) - pi s for a convex F of slopes `g` and pi at
 * most the last slope: at the breakpoint after every slope below pi,
 * which goes to *s. */
static double
short_dual(const RpPrice *g, double pi, double *s)
{
    double v = 0.0;
    *s = 0.0;
    for (int k = 0; k + 1 < g->n && g->g[k] < pi; k++) {
        v += (g->g[k] - pi) * rp_price_width(g, k);
        *s = g->b[k + 1];
    }
    return v;
}

/* (7) at `pi`, which must lie in the box -o <= pi_r <= top_r; each
 * officer's best week goes to m->plans, and g[r] becomes the subgradient
 * r_r less the shortfall s* and what those weeks supply. */
static double
price(Master *m, const double *pi, double *g)
{
    const RpProblem *p = m->p;
    double bound = 0.0;
    for (size_t r = 1; r <= m->n_cover; r++) {
        double s;
        bound += pi[r] * m->rhs[r] + short_dual(m->price[r], pi[r], &s);
        g[r] = m->rhs[r] - s;
    }
    for (size_t i = 0; i < p->n_o; i++) {
        values(m, i, pi);
        bound -= rp_week_best(m->week, i, m->value, &m->plans[i]);
        subtract_supply(m, i, &m->plans[i], pi, g);
    }
    return bound;
}

static void
record(Master *m, RpClockwork *cw, const double *pi, double bound, double *best)
{
    if (bound <= *best)
        return;
    *best = bound;
    memcpy(m->best_pi, pi, m->n_rows * sizeof(double));
    memcpy(m->best_plans, m->plans, m->p->n_o * sizeof *m->plans);
    cw->bound = MAX(cw->bound, bound);
}

/* Zeroes the components of g that point out of the box -o <= pi_r <=
 * top_r at pi; returns the squared norm of what is left. */
static double
project(const Master *m, const double *pi, double *g)
{
    double norm = 0.0;
    for (size_t r = 1; r <= m->n_cover; r++) {
        if ((pi[r] >= m->top[r] && g[r] > 0.0) ||
            (pi[r] <= -m->p->over && g[r] < 0.0))
            g[r] = 0.0;
        norm += g[r] * g[r];
    }
    return norm;
}

/* Deflects the projected subgradient g by the last direction d where
 * they point apart (g.d < 0), and makes the result the new d; returns
 * its squared norm. */
static double
deflect(const Master *m, const double *pi, double *g, double *d)
{
    double gd = 0.0, dd = 0.0;
    for (size_t r = 1; r <= m->n_cover; r++) {
        gd += g[r] * d[r];
        dd += d[r] * d[r];
    }
    double beta = gd < 0.0 && dd > 0.0 ? -SG_ETA * gd / dd : 0.0;
    for (size_t r = 1; r <= m->n_cover; r++)
        g[r] += beta * d[r];
    double norm = project(m, pi, g);
    memcpy(d, g, m->n_rows * sizeof(double));
    return norm;
}

/* Projected deflected subgradient ascent of (7) from zero prices;
 * returns the steps. */
static size_t
subgradient(Master *m, RpClockwork *cw, size_t max_iter, double *best)
{
    const RpProblem *p = m->p;
    g_autofree double *pi = g_new0(double, m->n_rows);
    g_autofree double *g = g_new(double, m->n_rows);
    g_autofree double *d = g_new0(double, m->n_rows);
    double theta = 1.0;
    int stall = 0;
    size_t it = 0;
    for (; it < max_iter; it++) {
        if (g_get_monotonic_time() >= cw->deadline_us) {
            cw->timed_out = TRUE;
            break;
        }
        double l = price(m, pi, g);
        if (l > *best) {
            record(m, cw, pi, l, best);
            stall = 0;
        } else if (++stall >= SG_PATIENCE) {
            theta /= 2.0;
            stall = 0;
            memcpy(pi, m->best_pi, m->n_rows * sizeof(double));
            memset(d, 0, m->n_rows * sizeof(double));
            if (theta < SG_MIN_THETA)
                break;
            continue;
        }
        rp_progress(cw, "bound");
        if (project(m, pi, g) <= 0.0)
            break; /* no direction: pi is optimal for (7) */
        /* Polyak step along the deflected direction */
        double norm = deflect(m, pi, g, d);
        if (norm <= 0.0)
            break;
        double step = theta * MAX(cw->best - l, 1e-6 * fabs(l)) / norm;
        for (size_t r = 1; r <= m->n_cover; r++)
            pi[r] = CLAMP(pi[r] + step * g[r], -p->over, m->top[r]);
    }
    return it;
}

static void
master_clear(Master *m)
{
    g_free(m->row);
    g_free(m->rhs);
    g_free(m->price);
    g_free(m->top);
    g_free(m->best_pi);
    g_free(m->value);
    rp_week_free(m->week);
    g_free(m->plans);
    g_free(m->best_plans);
}

static void
master_init(Master *m, const RpProblem *p, const RpState *start)
{
    *m = (Master){.p = p};
    number_rows(m);
    m->best_pi = g_new0(double, m->n_rows);
    m->value = g_new0(double, p->n_sites * p->n_t);
    m->week = rp_week_new(p);
    /* (8) of week.c: valid, but worth nothing here (above) */
    rp_week_count_starts(m->week, FALSE);
    m->plans = g_new(RpPlan, p->n_o);
    m->best_plans = g_new(RpPlan, p->n_o);
    for (size_t i = 0; i < p->n_o; i++)
        m->best_plans[i] = start->plan[i];
}

size_t
rp_bound(const RpProblem *p, const RpState *start, RpClockwork *cw,
         RpPlan *weeks)
{
    g_return_val_if_fail(p != NULL && start != NULL && cw != NULL, 0);
    Master m;
    master_init(&m, p, start);
    double best = -INFINITY;
    size_t steps = subgradient(&m, cw, cw->params->bound_steps, &best);
    if (weeks)
        memcpy(weeks, m.best_plans, p->n_o * sizeof *weeks);
    master_clear(&m);
    return steps;
}
