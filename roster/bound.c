/* roster/bound.c - a proven lower bound on (1) by column generation.
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
 * which is valid whether or not the master has converged, and at
 * convergence equals the master's optimum: at least the LP relaxation of
 * the compact model, since each column keeps every rule of one officer's
 * week exactly.  Unfairness (>= 0) is left out of the bound, which keeps
 * it valid.  Duals are smoothed towards the best point so far (Wentges,
 * 1997), which cuts the rounds several-fold.  Only this file includes
 * <glpk.h>. */
#include <math.h>
#include <string.h>

#include <glpk.h>

#include "common/error.h"
#include "roster/roster_int.h"

/* Smoothing weight of the best dual point. */
#define SMOOTH 0.5

typedef struct {
    const RpProblem *p;
    glp_prob *lp;
    int *row;       /* [q * n_t + t]: cover row (1-based) or 0 */
    size_t n_cover; /* cover rows: 1..n_cover; officer i is n_cover + 1 + i */
    double *rhs;    /* [row] */
    double *cost;   /* [row]: price of a shortfall (cover rows) */
    double *pi;     /* [row]: LP duals */
    double *best_pi; /* [row]: duals of the best bound */
    double *trial;   /* [row]: smoothed duals */
    double *coef;    /* [row] scratch: a column being built */
    gboolean *used;  /* [row] scratch: coef[row] is in ind */
    int *ind;
    double *val;
    double *value;   /* [site * n_t + t] */
    RpWeek *week;
} Master;

static int
cover_row(const Master *m, int q, int t)
{
    const RpProblem *p = m->p;
    return m->row[(size_t)q * p->n_t +
                  (size_t)(p->q[q].deferred ? p->day_first[p->day_of[t]]
                                            : t)];
}

/* Rows, and a short and an over column for each cover row. */
static void
build_rows(Master *m)
{
    const RpProblem *p = m->p;
    m->row = g_new0(int, p->n_q * p->n_t);
    g_autoptr(GArray) rhs = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) price = g_array_new(FALSE, FALSE, sizeof(double));
    double zero = 0.0;
    g_array_append_val(rhs, zero);
    g_array_append_val(price, zero);
    for (size_t q = 0; q < p->n_q; q++)
        for (size_t t = 0; t < p->n_t; t++) {
            double r, c;
            if (p->q[q].deferred) {
                size_t d = (size_t)p->day_of[t];
                if ((int)t != p->day_first[d])
                    continue;
                r = p->dreq[q * p->n_d + d];
                c = p->dprice[q * p->n_d + d];
                gboolean open = FALSE;
                for (int u = p->day_first[d]; u < p->day_first[d + 1]; u++)
                    open |= p->open[q * p->n_t + (size_t)u];
                if (!open && r <= 0.0)
                    continue;
            } else {
                r = p->req[q * p->n_t + t];
                c = p->price[q * p->n_t + t];
                if (!p->open[q * p->n_t + t] && r <= 0.0)
                    continue;
            }
            g_array_append_val(rhs, r);
            g_array_append_val(price, c);
            m->row[q * p->n_t + t] = (int)(rhs->len - 1);
        }
    m->n_cover = rhs->len - 1;
    size_t n_rows = m->n_cover + p->n_o;
    glp_add_rows(m->lp, (int)n_rows);
    m->rhs = g_new0(double, n_rows + 1);
    m->cost = g_new0(double, n_rows + 1);
    for (size_t r = 1; r <= n_rows; r++) {
        m->rhs[r] = r <= m->n_cover ? g_array_index(rhs, double, r) : 1.0;
        m->cost[r] = r <= m->n_cover ? g_array_index(price, double, r) : 0.0;
        glp_set_row_bnds(m->lp, (int)r, GLP_FX, m->rhs[r], m->rhs[r]);
    }
    int first = glp_add_cols(m->lp, (int)(2 * m->n_cover));
    for (size_t r = 1; r <= m->n_cover; r++) {
        int ind[2] = {0, (int)r};
        double up[2] = {0.0, 1.0}, down[2] = {0.0, -1.0};
        int js = first + 2 * (int)(r - 1), jo = js + 1;
        glp_set_col_bnds(m->lp, js, GLP_LO, 0.0, 0.0);
        glp_set_col_bnds(m->lp, jo, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(m->lp, js, g_array_index(price, double, r));
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

/* The queue officer i at `site` serves at t under duals `pi` (its row in
 * *row and the officer's skill returned), or 0.0 with *row 0: idle. */
static double
serve(const Master *m, size_t i, int site, int t, const double *pi, int *row)
{
    const RpProblem *p = m->p;
    double best = -p->over, prof = 0.0;
    *row = 0;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        const RpPQueue *q = &p->q[sk->q];
        if (!p->open[(size_t)sk->q * p->n_t + (size_t)t] ||
            (q->site >= 0 && q->site != site))
            continue;
        int r = cover_row(m, sk->q, t);
        if (pi[r] * sk->prof > best + 1e-12) {
            best = pi[r] * sk->prof;
            *row = r;
            prof = sk->prof;
        }
    }
    return prof;
}

/* Adds officer i's week `plan` as a column: each interval at work on the
 * queue of `act` (problem queue or RP_ACT_IDLE, one officer's row) or,
 * with `act` NULL, on the queue the trial duals rate best, as
 * rp_week_best() valued it.  Returns its reduced cost under the LP
 * duals. */
static double
add_column(Master *m, size_t i, const RpPlan *plan, const gint16 *act)
{
    const RpProblem *p = m->p;
    double cost = 0.0;
    size_t n = 0;
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
            int row = 0;
            double prof = 0.0;
            if (act == NULL) {
                prof = serve(m, i, h->site, t, m->trial, &row);
            } else if (act[t] >= 0) {
                row = cover_row(m, act[t], t);
                for (size_t k = 0; k < p->n_skills[i]; k++)
                    if (p->skills[i][k].q == act[t])
                        prof = p->skills[i][k].prof;
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
    size_t conv = m->n_cover + 1 + i;
    double rc = cost;
    m->ind[++n] = (int)conv;
    m->coef[conv] = 1.0;
    for (size_t k = 1; k <= n; k++) {
        m->val[k] = m->coef[m->ind[k]];
        rc -= m->pi[m->ind[k]] * m->val[k];
        m->coef[m->ind[k]] = 0.0;
        m->used[m->ind[k]] = FALSE;
    }
    int j = glp_add_cols(m->lp, 1);
    glp_set_col_bnds(m->lp, j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(m->lp, j, cost);
    glp_set_mat_col(m->lp, j, (int)n, m->ind, m->val);
    return rc;
}

static gboolean
solve_master(Master *m, const RpClockwork *cw, GError **error)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_PRIMAL;
    gint64 left_ms = (cw->deadline_us - g_get_monotonic_time()) / 1000;
    parm.tm_lim = (int)CLAMP(left_ms, 1, G_MAXINT);
    int rc = glp_simplex(m->lp, &parm);
    if (rc == GLP_ETMLIM)
        return TRUE; /* duals not optimal: the caller stops */
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        g_set_error(error, RP_ROSTER_ERROR, RP_ROSTER_ERROR_SOLVER,
                    "the LP solver (GLPK) failed on the bound's master "
                    "problem (code %d, status %d)",
                    rc, glp_get_status(m->lp));
        return FALSE;
    }
    size_t n_rows = m->n_cover + m->p->n_o;
    for (size_t r = 1; r <= n_rows; r++)
        m->pi[r] = glp_get_row_dual(m->lp, (int)r);
    return TRUE;
}

/* (7) at the trial duals; prices every officer, adding a column for each
 * week whose reduced cost under the LP duals is negative.  Returns the
 * bound; *added counts the columns. */
static double
price(Master *m, size_t *added)
{
    const RpProblem *p = m->p;
    double bound = 0.0;
    for (size_t r = 1; r <= m->n_cover; r++)
        bound += m->trial[r] * m->rhs[r];
    *added = 0;
    for (size_t i = 0; i < p->n_o; i++) {
        RpPlan plan;
        values(m, i, m->trial);
        double best = rp_week_best(m->week, i, m->value, &plan);
        bound -= best;
        if (add_column(m, i, &plan, NULL) < -1e-7)
            (*added)++;
        else
            glp_del_cols(m->lp, 1,
                         (const int[]){0, glp_get_num_cols(m->lp)});
    }
    return bound;
}

static void
master_free(Master *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    g_free(m->row);
    g_free(m->rhs);
    g_free(m->cost);
    g_free(m->pi);
    g_free(m->best_pi);
    g_free(m->trial);
    g_free(m->coef);
    g_free(m->used);
    g_free(m->ind);
    g_free(m->val);
    g_free(m->value);
    rp_week_free(m->week);
}

static void
master_init(Master *m, const RpProblem *p, const RpState *start)
{
    *m = (Master){.p = p, .lp = glp_create_prob()};
    glp_set_obj_dir(m->lp, GLP_MIN);
    build_rows(m);
    size_t n_rows = m->n_cover + p->n_o + 1;
    m->pi = g_new0(double, n_rows);
    m->best_pi = g_new0(double, n_rows);
    m->trial = g_new0(double, n_rows);
    m->coef = g_new0(double, n_rows);
    m->used = g_new0(gboolean, n_rows);
    m->ind = g_new(int, n_rows + 1);
    m->val = g_new(double, n_rows + 1);
    m->value = g_new0(double, p->n_sites * p->n_t);
    m->week = rp_week_new(p);
    for (size_t i = 0; i < p->n_o; i++)
        add_column(m, i, &start->plan[i], start->act + i * p->n_t);
}

int
rp_bound(const RpProblem *p, const RpState *start, RpClockwork *cw,
         GError **error)
{
    g_return_val_if_fail(p != NULL && start != NULL && cw != NULL, -1);
    Master m;
    master_init(&m, p, start);
    size_t n_rows = m.n_cover + p->n_o + 1, rounds = 0;
    double best = -INFINITY;
    gboolean smooth = FALSE;
    while (rounds < cw->params->bound_rounds &&
           g_get_monotonic_time() < cw->deadline_us) {
        if (!solve_master(&m, cw, error)) {
            master_free(&m);
            return -1;
        }
        if (g_get_monotonic_time() >= cw->deadline_us)
            break;
        rounds++;
        double lp = glp_get_obj_val(m.lp);
        /* (7) needs -o <= pi <= price on cover rows; the LP's duals meet
         * it up to rounding, which the clamp removes */
        for (size_t r = 1; r < n_rows; r++) {
            double x = smooth ? SMOOTH * m.best_pi[r] + (1 - SMOOTH) * m.pi[r]
                              : m.pi[r];
            m.trial[r] = r <= m.n_cover ? CLAMP(x, -p->over, m.cost[r]) : x;
        }
        size_t added;
        double l = price(&m, &added);
        if (l > best) {
            best = l;
            memcpy(m.best_pi, m.trial, n_rows * sizeof(double));
            cw->bound = MAX(cw->bound, best);
        }
        rp_progress(cw, "bound");
        if (lp - best <= 1e-7 * MAX(1.0, fabs(lp)))
            break; /* the master is optimal: no better bound exists */
        if (added == 0 && !smooth)
            break; /* nothing improves the master: converged */
        /* smooth while smoothing still finds columns, else price at the
         * LP's own duals */
        smooth = added > 0;
    }
    master_free(&m);
    return (int)rounds;
}
