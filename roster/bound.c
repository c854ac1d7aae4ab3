/* roster/bound.c - a proven lower bound on (1).
 *
 * Dantzig-Wolfe master over officers' weeks (Desrosiers & Lubbecke, "A
 * primer in column generation", 2005): a column is one lawful week of one
 * officer with an activity in each interval at work; the master chooses a
 * convex combination of columns per officer and pays for shortfall and
 * surplus at each queue-interval (queue-day for deferred work):
 *
 *   min  sum_j c_j z_j + sum_r (price_r short_r + o over_r)
 *   s.t. sum_j a_rj z_j + short_r - over_r = r_r     (every cover row r)
 *        sum_{j of officer i} z_j = 1               (every officer i)
 *        z, short, over >= 0                                         (6)
 *
 * Pricing is rp_week_best() with v(s,t) = max(-o, max_q pi_q,t * skill):
 * the exact best week of each officer under the row duals pi.  For any pi
 * with -o <= pi_r <= price_r, weak duality gives the Lagrangian bound
 *
 *   L(pi) = sum_r pi_r r_r - sum_i max_week (sum v - pay - preferences)  (7)
 *
 * valid whether or not anything has converged; its maximum is the optimum
 * of (6), at least the LP relaxation of the compact model since each
 * column keeps every rule of one officer's week exactly.  Unfairness
 * (>= 0) is left out, which keeps the bound valid.
 *
 * Two phases.  Pricing is cheap (milliseconds for all officers) while the
 * master LP grows slow, so a projected subgradient method with Polyak
 * steps towards the best rota's objective (Held, Wolfe & Crowder 1974)
 * first climbs (7) and collects the weeks it prices; column generation
 * then starts from those columns, with duals smoothed towards the best
 * subgradient point (Wentges 1997), and closes the remaining gap.  Only
 * this file includes <glpk.h>. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "common/error.h"
#include "roster/roster_int.h"

/* Smoothing weight of the best dual point in column generation. */
#define SMOOTH 0.8
/* Subgradient: iterations without a better bound before halving the
 * step, the least step factor, and the iterations whose weeks seed the
 * master. */
#define SG_PATIENCE 15
#define SG_MIN_THETA 0.005
/* Columns per officer kept from the subgradient for the master: those
 * with the least reduced cost at the best duals. */
#define POOL_KEEP 24
/* Column-generation rounds after the subgradient: each closes a little
 * of what is left, at the price of a growing LP. */
#define CG_ROUNDS 10

typedef struct {
    size_t officer;
    double cost;
    int n;      /* entries, the officer's convexity row included */
    int *ind;   /* 1-based rows, ind[1..n] */
    double *val; /* val[1..n] */
} Column;

typedef struct {
    const RpProblem *p;
    glp_prob *lp;
    int *row;        /* [q * n_t + t]: cover row (1-based) or 0 */
    size_t n_cover;  /* cover rows: 1..n_cover; officer i is n_cover + 1 + i */
    size_t n_rows;   /* rows + 1 (arrays are 1-based) */
    double *rhs;     /* [row] */
    double *cost;    /* [row]: price of a shortfall (cover rows) */
    double *pi;      /* [row]: duals in use */
    double *best_pi; /* [row]: duals of the best bound */
    double *coef;    /* [row] scratch: a column being built */
    gboolean *used;  /* [row] scratch: coef[row] is in ind */
    int *ind;        /* scratch */
    double *val;     /* scratch */
    double *value;   /* [site * n_t + t] */
    RpWeek *week;
    GPtrArray *pool; /* Column *: columns priced by the subgradient */
    GHashTable *seen; /* hashes of columns priced, to keep them distinct */
} Master;

static void
column_free(gpointer data)
{
    Column *c = data;
    g_free(c->ind);
    g_free(c->val);
    g_free(c);
}

static int
cover_row(const Master *m, int q, int t)
{
    const RpProblem *p = m->p;
    return m->row[(size_t)q * p->n_t +
                  (size_t)(p->q[q].deferred ? p->day_first[p->day_of[t]]
                                            : t)];
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
    g_autoptr(GArray) price = g_array_new(FALSE, FALSE, sizeof(double));
    double zero = 0.0;
    g_array_append_val(rhs, zero);
    g_array_append_val(price, zero);
    m->row = g_new0(int, p->n_q * p->n_t);
    for (size_t q = 0; q < p->n_q; q++)
        for (size_t t = 0; t < p->n_t; t++) {
            double r, c;
            gboolean open;
            if (p->q[q].deferred) {
                size_t d = (size_t)p->day_of[t];
                if ((int)t != p->day_first[d])
                    continue;
                r = p->dreq[q * p->n_d + d];
                c = p->dprice[q * p->n_d + d];
                open = deferred_open(p, q, d);
            } else {
                r = p->req[q * p->n_t + t];
                c = p->price[q * p->n_t + t];
                open = p->open[q * p->n_t + t];
            }
            if (!open && r <= 0.0)
                continue;
            g_array_append_val(rhs, r);
            g_array_append_val(price, c);
            m->row[q * p->n_t + t] = (int)(rhs->len - 1);
        }
    m->n_cover = rhs->len - 1;
    m->n_rows = m->n_cover + p->n_o + 1;
    m->rhs = g_new0(double, m->n_rows);
    m->cost = g_new0(double, m->n_rows);
    for (size_t r = 1; r < m->n_rows; r++) {
        m->rhs[r] = r <= m->n_cover ? g_array_index(rhs, double, r) : 1.0;
        m->cost[r] = r <= m->n_cover ? g_array_index(price, double, r) : 0.0;
    }
}

/* The rows in GLPK, with a short and an over column per cover row. */
static void
build_lp(Master *m)
{
    const RpProblem *p = m->p;
    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MIN);
    glp_add_rows(m->lp, (int)(m->n_rows - 1));
    for (size_t r = 1; r < m->n_rows; r++)
        glp_set_row_bnds(m->lp, (int)r, GLP_FX, m->rhs[r], m->rhs[r]);
    int first = glp_add_cols(m->lp, (int)(2 * m->n_cover));
    for (size_t r = 1; r <= m->n_cover; r++) {
        int ind[2] = {0, (int)r};
        double up[2] = {0.0, 1.0}, down[2] = {0.0, -1.0};
        int js = first + 2 * (int)(r - 1), jo = js + 1;
        glp_set_col_bnds(m->lp, js, GLP_LO, 0.0, 0.0);
        glp_set_col_bnds(m->lp, jo, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(m->lp, js, m->cost[r]);
        glp_set_obj_coef(m->lp, jo, p->over);
        glp_set_mat_col(m->lp, js, 1, ind, up);
        glp_set_mat_col(m->lp, jo, 1, ind, down);
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

/* Officer i's week `plan` as a column: each interval at work on the queue
 * of `act` (one officer's row of problem queues or RP_ACT_IDLE) or, with
 * `act` NULL, on the queue `pi` rates best, as rp_week_best() valued it.
 * (transfer full) */
static Column *
make_column(Master *m, size_t i, const RpPlan *plan, const gint16 *act,
            const double *pi)
{
    const RpProblem *p = m->p;
    double cost = 0.0;
    int n = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        if (plan->shape[d] < 0)
            continue;
        const RpShape *h = rp_shape(p, plan->shape[d]);
        cost += rp_preference_cost(p, i, d, h->start_min, h->end_min);
        for (int t = h->start; t < h->start + h->len; t++) {
            gboolean in_break = FALSE, unpaid = FALSE;
            for (int k = 0; k < h->n_breaks; k++)
                if (t >= plan->brk[d][k] &&
                    t < plan->brk[d][k] + h->brk_len[k]) {
                    in_break = TRUE;
                    unpaid = !h->brk_paid[k];
                }
            if (!unpaid)
                cost += rp_pay(p, i, t);
            if (in_break || p->blocked[i * p->n_t + (size_t)t] == 2)
                continue;
            double prof = 0.0;
            int row = 0;
            if (act == NULL)
                row = serve(m, i, h->site, t, pi, &prof);
            else if (act[t] >= 0) {
                row = cover_row(m, act[t], t);
                prof = rp_prof(p, i, act[t]);
            }
            if (row == 0) {
                cost += p->over;
                continue;
            }
            if (!m->used[row]) {
                m->used[row] = TRUE;
                m->ind[++n] = row;
            }
            m->coef[row] += prof;
        }
    }
    m->ind[++n] = (int)(m->n_cover + 1 + i);
    m->coef[m->ind[n]] = 1.0;
    Column *c = g_new(Column, 1);
    *c = (Column){.officer = i,
                  .cost = cost,
                  .n = n,
                  .ind = g_new(int, (size_t)n + 1),
                  .val = g_new(double, (size_t)n + 1)};
    for (int k = 1; k <= n; k++) {
        c->ind[k] = m->ind[k];
        c->val[k] = m->coef[m->ind[k]];
        m->coef[m->ind[k]] = 0.0;
        m->used[m->ind[k]] = FALSE;
    }
    return c;
}

static double
reduced_cost(const Column *c, const double *pi)
{
    double rc = c->cost;
    for (int k = 1; k <= c->n; k++)
        rc -= pi[c->ind[k]] * c->val[k];
    return rc;
}

static void
lp_add(Master *m, const Column *c)
{
    int j = glp_add_cols(m->lp, 1);
    glp_set_col_bnds(m->lp, j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(m->lp, j, c->cost);
    glp_set_mat_col(m->lp, j, c->n, c->ind, c->val);
}

/* FNV-1a over the column's officer, cost and entries. */
static guint64
column_hash(const Column *c)
{
    guint64 h = 14695981039346656037u;
    const guint8 *parts[4] = {(const guint8 *)&c->officer,
                              (const guint8 *)&c->cost,
                              (const guint8 *)(c->ind + 1),
                              (const guint8 *)(c->val + 1)};
    size_t len[4] = {sizeof c->officer, sizeof c->cost,
                     (size_t)c->n * sizeof(int), (size_t)c->n * sizeof(double)};
    for (size_t k = 0; k < 4; k++)
        for (size_t b = 0; b < len[k]; b++)
            h = (h ^ parts[k][b]) * 1099511628211u;
    return h;
}

/* Keeps `c` in the pool unless it was seen before (a hash collision
 * only loses a column, which the bound does not need to be valid). */
static void
pool_add(Master *m, Column *c)
{
    guint64 h = column_hash(c);
    if (g_hash_table_contains(m->seen, &h)) {
        column_free(c);
        return;
    }
    g_hash_table_add(m->seen, g_memdup2(&h, sizeof h));
    g_ptr_array_add(m->pool, c);
}

typedef struct {
    Column *c;
    double rc;
} Ranked;

static int
cmp_ranked(gconstpointer a, gconstpointer b)
{
    const Ranked *x = a, *y = b;
    if (x->c->officer != y->c->officer)
        return x->c->officer < y->c->officer ? -1 : 1;
    return (x->rc > y->rc) - (x->rc < y->rc);
}

/* Keeps the POOL_KEEP columns of each officer with the least reduced cost
 * at the best duals. */
static void
pool_prune(Master *m)
{
    GPtrArray *pool = m->pool;
    guint n = pool->len;
    g_autofree Ranked *r = g_new(Ranked, n + 1);
    g_autofree size_t *kept = g_new0(size_t, m->p->n_o);
    for (guint k = 0; k < n; k++) {
        r[k].c = g_ptr_array_index(pool, k);
        r[k].rc = reduced_cost(r[k].c, m->best_pi);
    }
    qsort(r, n, sizeof *r, cmp_ranked);
    /* take the columns out without freeing them, then keep the best */
    g_ptr_array_set_free_func(pool, NULL);
    g_ptr_array_set_size(pool, 0);
    g_ptr_array_set_free_func(pool, column_free);
    for (guint k = 0; k < n; k++) {
        if (kept[r[k].c->officer]++ < POOL_KEEP)
            g_ptr_array_add(pool, r[k].c);
        else
            column_free(r[k].c);
    }
}

/* (7) at `pi`, which must lie in the box -o <= pi_r <= price_r; the best
 * week of each officer goes to `weeks` (Column *). */
static double
price(Master *m, const double *pi, GPtrArray *weeks)
{
    const RpProblem *p = m->p;
    double bound = 0.0;
    for (size_t r = 1; r <= m->n_cover; r++)
        bound += pi[r] * m->rhs[r];
    for (size_t i = 0; i < p->n_o; i++) {
        RpPlan plan;
        values(m, i, pi);
        bound -= rp_week_best(m->week, i, m->value, &plan);
        g_ptr_array_add(weeks, make_column(m, i, &plan, NULL, pi));
    }
    return bound;
}

static void
record(Master *m, RpClockwork *cw, const double *pi, double bound,
       double *best)
{
    if (bound <= *best)
        return;
    *best = bound;
    memcpy(m->best_pi, pi, m->n_rows * sizeof(double));
    cw->bound = MAX(cw->bound, bound);
}

/* ---- phase 1: subgradient ------------------------------------------------ */

/* Returns the iterations run. */
static size_t
subgradient(Master *m, RpClockwork *cw, size_t max_iter, gint64 until,
            double *best)
{
    const RpProblem *p = m->p;
    g_autofree double *pi = g_memdup2(m->pi, m->n_rows * sizeof(double));
    g_autofree double *g = g_new(double, m->n_rows);
    double theta = 1.0;
    int stall = 0;
    size_t it = 0;
    for (; it < max_iter && g_get_monotonic_time() < until; it++) {
        g_autoptr(GPtrArray) weeks = g_ptr_array_new();
        double l = price(m, pi, weeks);
        for (size_t r = 1; r <= m->n_cover; r++)
            g[r] = m->rhs[r];
        for (guint k = 0; k < weeks->len; k++) {
            Column *c = g_ptr_array_index(weeks, k);
            for (int e = 1; e < c->n; e++)
                g[c->ind[e]] -= c->val[e];
            pool_add(m, c);
        }
        if (it % 25 == 24)
            pool_prune(m);
        if (l > *best) {
            record(m, cw, pi, l, best);
            stall = 0;
        } else if (++stall >= SG_PATIENCE) {
            theta /= 2.0;
            stall = 0;
            memcpy(pi, m->best_pi, m->n_rows * sizeof(double));
            if (theta < SG_MIN_THETA)
                break;
            continue;
        }
        rp_progress(cw, "bound");
        /* Polyak step on the projected subgradient */
        double norm = 0.0;
        for (size_t r = 1; r <= m->n_cover; r++) {
            if ((pi[r] >= m->cost[r] && g[r] > 0.0) ||
                (pi[r] <= -p->over && g[r] < 0.0))
                g[r] = 0.0;
            norm += g[r] * g[r];
        }
        if (norm <= 0.0)
            break; /* no direction: pi is optimal for (7) */
        double step = theta * MAX(cw->best - l, 1e-6 * fabs(l)) / norm;
        for (size_t r = 1; r <= m->n_cover; r++)
            pi[r] = CLAMP(pi[r] + step * g[r], -p->over, m->cost[r]);
    }
    pool_prune(m);
    return it;
}

/* ---- phase 2: column generation ------------------------------------------ */

static gboolean
solve_lp(Master *m, const RpClockwork *cw, gboolean *done, GError **error)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_PRIMAL;
    gint64 left_ms = (cw->deadline_us - g_get_monotonic_time()) / 1000;
    parm.tm_lim = (int)CLAMP(left_ms, 1, G_MAXINT);
    int rc = glp_simplex(m->lp, &parm);
    *done = rc == GLP_ETMLIM;
    if (*done)
        return TRUE;
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        g_set_error(error, RP_ROSTER_ERROR, RP_ROSTER_ERROR_SOLVER,
                    "the LP solver (GLPK) failed on the bound's master "
                    "problem (code %d, status %d)",
                    rc, glp_get_status(m->lp));
        return FALSE;
    }
    for (size_t r = 1; r < m->n_rows; r++)
        m->pi[r] = glp_get_row_dual(m->lp, (int)r);
    return TRUE;
}

static gboolean
column_generation(Master *m, RpClockwork *cw, size_t max_rounds,
                  size_t *rounds, double *best, GError **error)
{
    const RpProblem *p = m->p;
    g_autofree double *trial = g_new0(double, m->n_rows);
    gboolean smooth = isfinite(*best);
    for (guint k = 0; k < m->pool->len; k++)
        lp_add(m, g_ptr_array_index(m->pool, k));
    while (*rounds < max_rounds && g_get_monotonic_time() < cw->deadline_us) {
        gboolean done;
        if (!solve_lp(m, cw, &done, error))
            return FALSE;
        if (done)
            break;
        (*rounds)++;
        double lp = glp_get_obj_val(m->lp);
        /* (7) needs -o <= pi <= price on cover rows; the LP's duals meet
         * it up to rounding, which the clamp removes */
        for (size_t r = 1; r < m->n_rows; r++) {
            double x = smooth ? SMOOTH * m->best_pi[r] + (1 - SMOOTH) * m->pi[r]
                              : m->pi[r];
            trial[r] = r <= m->n_cover ? CLAMP(x, -p->over, m->cost[r]) : x;
        }
        g_autoptr(GPtrArray) weeks = g_ptr_array_new_with_free_func(column_free);
        double l = price(m, trial, weeks);
        record(m, cw, trial, l, best);
        rp_progress(cw, "bound");
        if (lp - *best <= 1e-7 * MAX(1.0, fabs(lp)))
            break; /* the master is optimal: no better bound exists */
        size_t added = 0;
        for (guint k = 0; k < weeks->len; k++) {
            const Column *c = g_ptr_array_index(weeks, k);
            if (reduced_cost(c, m->pi) < -1e-7) {
                lp_add(m, c);
                added++;
            }
        }
        if (added == 0 && !smooth)
            break; /* nothing improves the master: converged */
        /* smooth while smoothing still finds columns, else price at the
         * LP's own duals */
        smooth = added > 0;
    }
    return TRUE;
}

static void
master_clear(Master *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    g_free(m->row);
    g_free(m->rhs);
    g_free(m->cost);
    g_free(m->pi);
    g_free(m->best_pi);
    g_free(m->coef);
    g_free(m->used);
    g_free(m->ind);
    g_free(m->val);
    g_free(m->value);
    rp_week_free(m->week);
    g_ptr_array_unref(m->pool);
    g_hash_table_unref(m->seen);
}

static void
master_init(Master *m, const RpProblem *p, const RpState *start)
{
    *m = (Master){.p = p};
    number_rows(m);
    m->pi = g_new0(double, m->n_rows);
    m->best_pi = g_new0(double, m->n_rows);
    m->coef = g_new0(double, m->n_rows);
    m->used = g_new0(gboolean, m->n_rows);
    m->ind = g_new(int, m->n_rows + 1);
    m->val = g_new(double, m->n_rows + 1);
    m->value = g_new0(double, p->n_sites * p->n_t);
    m->week = rp_week_new(p);
    m->pool = g_ptr_array_new_with_free_func(column_free);
    m->seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    build_lp(m);
    for (size_t i = 0; i < p->n_o; i++)
        pool_add(m, make_column(m, i, &start->plan[i],
                                start->act + i * p->n_t, NULL));
}

int
rp_bound(const RpProblem *p, const RpState *start, RpClockwork *cw,
         GError **error)
{
    g_return_val_if_fail(p != NULL && start != NULL && cw != NULL, -1);
    const RpRosterParams *pr = cw->params;
    Master m;
    master_init(&m, p, start);
    double best = -INFINITY;
    size_t rounds = 0;
    gboolean done;
    /* the first duals: the master over the starting rota's weeks */
    for (guint k = 0; k < m.pool->len; k++)
        lp_add(&m, g_ptr_array_index(m.pool, k));
    g_ptr_array_set_size(m.pool, 0);
    gboolean ok = solve_lp(&m, cw, &done, error);
    if (ok && !done) {
        gint64 now = g_get_monotonic_time();
        rounds = subgradient(&m, cw, pr->bound_rounds,
                             now + (cw->deadline_us - now) / 2, &best);
        size_t cg = 0;
        ok = column_generation(&m, cw, CG_ROUNDS, &cg, &best, error);
        rounds += cg;
    }
    master_clear(&m);
    return ok ? (int)rounds : -1;
}
