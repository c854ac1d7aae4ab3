/* roster/exact.c - the exact last step on small rosters: the MIP of
 * mps.c solved by GLPK's branch and cut after the search.
 *
 * On a small centre (a few officers, a day or two) a MIP solver proves
 * the optimum in seconds where the search may stop a little above it.
 * So when the model is small, GLPK solves it within a budget of
 * branch-and-bound nodes (counted, so the result repeats on any
 * machine), and its rota replaces the search's if it is better; when
 * GLPK proves it optimal, the bound becomes the optimum.  The model is
 * the exported one, built in memory from the same compiled problem, so
 * the rota read back keeps every rule (the checker confirms it before
 * anything is written). */
#include <glpk.h>
#include <math.h>

#include "roster/roster_int.h"

/* Columns (estimated) up to which the MIP is tried, and its budget in
 * nodes times columns (a node costs GLPK about 3 ms at 1000 columns and
 * 30 ms at 15000).  Two officers over three days come to about 12300
 * columns and 200 nodes, which GLPK needs 28 of; four officers over two
 * days with the positions priced, to about 17700, where GLPK does not
 * prove the optimum within 5 minutes. */
#define EXACT_MAX_COLUMNS 15000
#define EXACT_WORK        2500000

typedef struct {
    size_t nodes, limit;
} Budget;

static void
count_nodes(glp_tree *tree, void *info)
{
    Budget *b = info;
    if (glp_ios_reason(tree) == GLP_ISELECT && ++b->nodes > b->limit)
        glp_ios_terminate(tree);
}

/* About how many columns the MIP has: shapes, and queues per interval
 * each officer can reach (with the rows of (6) per position). */
static size_t
estimated_columns(const RpProblem *p)
{
    size_t n = (size_t)p->allow_first[p->n_o * p->n_d];
    /* the change and block rows of (6) slow each node as much as columns
     * do: counted alike */
    gboolean blocks = p->change_price > 0.0 || p->min_block > 1;
    for (size_t i = 0; i < p->n_o; i++)
        for (size_t t = 0; t < p->n_t; t++)
            n += p->reach[i * p->n_t + t]
                     ? (p->n_skills[i] + 1) *
                           (blocks ? 1 + 4 * (size_t)p->min_block : 1)
                     : 0;
    return n;
}

static glp_prob *
load(const RpMip *m)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    int n_rows = (int)m->row_name->len, n_cols = (int)m->col_name->len;
    glp_add_rows(lp, n_rows);
    glp_add_cols(lp, n_cols);
    for (int r = 0; r < n_rows; r++) {
        double v = g_array_index(m->rhs, double, (guint)r);
        char type = m->row_type->str[r];
        glp_set_row_bnds(lp, r + 1,
                         type == 'E'   ? GLP_FX
                         : type == 'L' ? GLP_UP
                                       : GLP_LO,
                         v, v);
    }
    for (int c = 0; c < n_cols; c++) {
        double lo = g_array_index(m->lo, double, (guint)c);
        double hi = g_array_index(m->hi, double, (guint)c);
        glp_set_obj_coef(lp, c + 1, g_array_index(m->cost, double, (guint)c));
        if (m->binary->str[c] == '1')
            glp_set_col_kind(lp, c + 1, GLP_BV);
        else
            glp_set_col_bnds(lp, c + 1, isfinite(hi) ? GLP_DB : GLP_LO, lo,
                             isfinite(hi) ? hi : 0.0);
    }
    guint ne = m->entries->len;
    g_autofree int *ia = g_new(int, ne + 1);
    g_autofree int *ja = g_new(int, ne + 1);
    g_autofree double *ar = g_new(double, ne + 1);
    for (guint k = 0; k < ne; k++) {
        const RpMipEntry *e = &g_array_index(m->entries, RpMipEntry, k);
        ia[k + 1] = e->row + 1;
        ja[k + 1] = e->col + 1;
        ar[k + 1] = e->val;
    }
    glp_load_matrix(lp, (int)ne, ia, ja, ar);
    return lp;
}

/* GLPK's solution as a rota in `s` (empty on entry). */
static void
read_back(const RpMip *m, glp_prob *lp, RpState *s)
{
    const RpProblem *p = s->p;
    g_autofree RpPlan *plan = g_new(RpPlan, p->n_o);
    for (size_t i = 0; i < p->n_o; i++)
        for (size_t d = 0; d < RP_ROSTER_MAX_DAYS; d++)
            plan[i].shape[d] = -1;
    for (int pass = 0; pass < 2; pass++)
        for (guint c = 0; c < m->meaning->len; c++) {
            const RpMipCol *x = &g_array_index(m->meaning, RpMipCol, c);
            if (glp_mip_col_val(lp, (int)c + 1) < 0.5)
                continue;
            if (pass == 0 && x->kind == RP_MIP_SHAPE)
                plan[x->i].shape[rp_shape(p, x->a)->day] = x->a;
            if (pass == 1 && x->kind == RP_MIP_BREAK) {
                const RpShape *h = rp_shape(p, plan[x->i].shape[x->a]);
                for (int k = 0; k < h->n_breaks; k++)
                    if (h->brk_rule[k] == x->b)
                        plan[x->i].brk[x->a][k] = x->c;
            }
        }
    for (size_t i = 0; i < p->n_o; i++)
        rp_state_insert(s, i, &plan[i]);
    /* the intervals at work as GLPK assigned them: idle unless on a queue */
    for (size_t i = 0; i < p->n_o; i++)
        for (size_t t = 0; t < p->n_t; t++)
            if (rp_act(s, i, (int)t) >= 0)
                rp_state_set_activity(s, i, (int)t, RP_ACT_IDLE);
    for (guint c = 0; c < m->meaning->len; c++) {
        const RpMipCol *x = &g_array_index(m->meaning, RpMipCol, c);
        if (x->kind == RP_MIP_QUEUE && glp_mip_col_val(lp, (int)c + 1) > 0.5)
            rp_state_set_activity(s, x->i, x->b, x->a);
    }
}

gboolean
rp_exact(RpState *s, RpClockwork *cw, double *bound)
{
    const RpProblem *p = s->p;
    size_t columns = estimated_columns(p);
    if (columns > EXACT_MAX_COLUMNS)
        return FALSE;
    g_autoptr(RpMip) m = rp_mip_new(p);
    glp_prob *lp = load(m);
    Budget budget = {0, EXACT_WORK / MAX(columns, 1)};
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    /* mixed-integer rounding cuts: two officers over three days take 28
     * nodes with them, and more than 1000 without */
    parm.mir_cuts = GLP_ON;
    parm.cb_func = count_nodes;
    parm.cb_info = &budget;
    gint64 left_ms = (cw->deadline_us - g_get_monotonic_time()) / 1000;
    parm.tm_lim = (int)CLAMP(left_ms, 1, G_MAXINT);
    int rc = glp_intopt(lp, &parm), status = glp_mip_status(lp);
    cw->timed_out |= rc == GLP_ETMLIM;
    if (status == GLP_OPT || status == GLP_FEAS) {
        g_autoptr(RpState) mine = rp_state_new(p);
        read_back(m, lp, mine);
        if (rp_state_total(mine) < rp_state_total(s) - 1e-9)
            rp_state_copy(s, mine);
        if (rc == 0 && status == GLP_OPT)
            *bound = MAX(*bound, glp_mip_obj_val(lp));
    }
    glp_delete_prob(lp);
    return TRUE;
}
