/* roster/mps.c - the roster problem as a mixed-integer programme in free
 * MPS format, for any MIP solver.
 *
 * It is the model the solver optimises, built from the same compiled
 * problem (shapes, prices, limits), so a MIP solver's objective compares
 * directly with rotaplan's.  Per officer i (docs/roster.md, "The model as
 * a MIP"):
 *
 *   x[h]       binary: works allowed shape h (site, day, start, length)
 *   b[d,s,r,p] binary: break rule r of the shift at site s on day d
 *              starts at interval p
 *   u[s,t]     at work at site s in interval t: u[t] - u[t-1] = shapes
 *              starting at t - shapes ending at t (two entries per x)
 *   y[q,t]     binary: works queue q in interval t; idle[t] >= 0
 *   sum_q y + idle + breaks covering t = sum_s u[s,t]     (t not committed)
 *   y[q,t] <= u[site(q),t] for a queue with a site
 *   one shape a day (exactly one with a commitment); paid intervals within
 *   the contract; days <= max; days in a row <= max in every window (last
 *   week's run counted); rest: shapes whose end class exceeds the start
 *   class of the next day's shape exclude each other; each break once,
 *   inside its shape's window, after the one before;
 *   cover rows: sum prof y + sum_k short_k - over = requirement (per
 *   interval, or per day for deferred work), short_k up to the width of
 *   segment k of (3) but the last; unfairness: sum_j e_j >= H - share/F
 *   * T, e_j the j-th hour above the share (up to 1, the last unbounded),
 *   priced j x unfair_hour.
 *   positions (6): chg[t] >= 0 per change of position, block rows for
 *   the minimum block, st[m] per start time used (positions() and
 *   start_times() below).
 *
 * Rows and columns are named by index (o3 = officer 3, q5 = problem queue
 * 5, t140 = interval 140).  Entries are gathered as (column, row, value)
 * and sorted by column, since MPS lists the matrix column by column. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "common/error.h"
#include "roster/roster_int.h"

typedef RpMipEntry Entry;
typedef RpMip Model;

static int
add_row(Model *m, char type, double rhs, char *name)
{
    g_ptr_array_add(m->row_name, name);
    g_string_append_c(m->row_type, type);
    g_array_append_val(m->rhs, rhs);
    return (int)m->row_name->len - 1;
}

static int
add_col(Model *m, double cost, double lo, double hi, gboolean binary,
        char *name)
{
    RpMipCol none = {RP_MIP_OTHER, 0, 0, 0, 0};
    g_ptr_array_add(m->col_name, name);
    g_array_append_val(m->meaning, none);
    g_array_append_val(m->cost, cost);
    g_array_append_val(m->lo, lo);
    g_array_append_val(m->hi, hi);
    g_string_append_c(m->binary, binary ? '1' : '0');
    return (int)m->col_name->len - 1;
}

/* What column `col` stands for, for reading a solution back. */
static void
mean(Model *m, int col, RpMipKind kind, size_t i, int a, int b, int c)
{
    g_array_index(m->meaning, RpMipCol, (guint)col) =
        (RpMipCol){kind, i, a, b, c};
}

static void
put(Model *m, int col, int row, double val)
{
    Entry e = {col, row, val};
    g_array_append_val(m->entries, e);
}

#define NAME(...) g_strdup_printf(__VA_ARGS__)

/* ---- one officer ----------------------------------------------------------
 */

typedef struct {
    const RpProblem *p;
    Model *m;
    size_t i;
    int *xcol; /* [a - allow_first(i,0)]: column of allowed shape a */
    int *ucol; /* [s * n_t + t]: column of u[s,t], or -1 */
    int *wrow; /* [t]: the work row, or -1 */
    int *bcol; /* [((d * n_sites + s) * RP_MAX_BREAKS + r) * n_t + p] */
    int *ycol; /* [q * n_t + t]: column of y[q,t], or -1 */
    int *icol; /* [t]: column of idle[t], or -1 */
} Officer;

static const RpShape *
allowed(const Officer *o, int a)
{
    return rp_shape(o->p, o->p->allow[a]);
}

static int
first_allowed(const Officer *o, size_t d)
{
    return o->p->allow_first[o->i * o->p->n_d + d];
}

static double
shape_cost(const Officer *o, const RpShape *h)
{
    double c = rp_preference_cost(o->p, o->i, (size_t)h->day, h->start_min,
                                  h->end_min);
    for (int t = h->start; t < h->start + h->len; t++)
        c += rp_pay(o->p, o->i, t);
    return c;
}

static void
shape_columns(Officer *o)
{
    const RpProblem *p = o->p;
    int a0 = first_allowed(o, 0);
    for (size_t d = 0; d < p->n_d; d++)
        for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
            o->xcol[a - a0] =
                add_col(o->m, shape_cost(o, allowed(o, a)), 0, 1, TRUE,
                        NAME("x_o%zu_h%d", o->i, p->allow[a]));
            mean(o->m, o->xcol[a - a0], RP_MIP_SHAPE, o->i, p->allow[a], 0, 0);
        }
}

/* u[s,t] and its defining rows, per site and day. */
static void
presence(Officer *o)
{
    const RpProblem *p = o->p;
    int a0 = first_allowed(o, 0);
    for (size_t d = 0; d < p->n_d; d++)
        for (size_t s = 0; s < p->n_sites; s++) {
            int lo = G_MAXINT, hi = -1;
            for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++)
                if (allowed(o, a)->site == (int)s) {
                    lo = MIN(lo, allowed(o, a)->start);
                    hi = MAX(hi, allowed(o, a)->start + allowed(o, a)->len);
                }
            for (int t = lo; t < hi; t++) {
                int u = add_col(o->m, 0.0, 0.0, 1.0, FALSE,
                                NAME("u_o%zu_s%zu_t%d", o->i, s, t));
                o->ucol[s * p->n_t + (size_t)t] = u;
                int r = add_row(o->m, 'E', 0.0,
                                NAME("pres_o%zu_s%zu_t%d", o->i, s, t));
                put(o->m, u, r, 1.0);
                if (t > lo)
                    put(o->m, o->ucol[s * p->n_t + (size_t)t - 1], r, -1.0);
                for (int a = first_allowed(o, d); a < first_allowed(o, d + 1);
                     a++) {
                    const RpShape *h = allowed(o, a);
                    if (h->site != (int)s)
                        continue;
                    if (h->start == t)
                        put(o->m, o->xcol[a - a0], r, -1.0);
                    if (h->start + h->len == t)
                        put(o->m, o->xcol[a - a0], r, 1.0);
                }
            }
        }
}

static int *
bslot(Officer *o, size_t d, size_t s, int r, int t)
{
    const RpProblem *p = o->p;
    return &o->bcol[((d * p->n_sites + s) * RP_MAX_BREAKS + (size_t)r) *
                        p->n_t +
                    (size_t)t];
}

/* Break columns of (day, site, rule) and their count and window rows. */
static void
break_rule(Officer *o, size_t d, size_t s, int rule)
{
    const RpProblem *p = o->p;
    Model *m = o->m;
    int a0 = first_allowed(o, 0), lo = G_MAXINT, hi = -1, len = 0, count = -1;
    double unpaid = 0.0;
    for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
        const RpShape *h = allowed(o, a);
        for (int k = 0; h->site == (int)s && k < h->n_breaks; k++)
            if (h->brk_rule[k] == rule) {
                lo = MIN(lo, h->brk_lo[k]);
                hi = MAX(hi, h->brk_hi[k]);
                len = h->brk_len[k];
                unpaid = h->brk_paid[k] ? 0.0 : 1.0;
                if (count < 0)
                    count = add_row(
                        m, 'E', 0.0,
                        NAME("brk_o%zu_d%zu_s%zu_r%d", o->i, d, s, rule));
                put(m, o->xcol[a - a0], count, -1.0);
            }
    }
    const guint8 *blocked = p->blocked + o->i * p->n_t;
    for (int t = lo; t <= hi; t++) {
        gboolean clash = FALSE;
        for (int u = t; u < t + len; u++)
            clash |= blocked[u] == 2;
        if (clash)
            continue; /* no break over a commitment */
        double cost = 0.0;
        for (int u = t; u < t + len; u++)
            cost -= unpaid * rp_pay(p, o->i, u);
        int b = add_col(m, cost, 0, 1, TRUE,
                        NAME("b_o%zu_d%zu_s%zu_r%d_t%d", o->i, d, s, rule, t));
        mean(m, b, RP_MIP_BREAK, o->i, (int)d, rule, t);
        *bslot(o, d, s, rule, t) = b;
        put(m, b, count, 1.0);
        int win =
            add_row(m, 'L', 0.0,
                    NAME("win_o%zu_d%zu_s%zu_r%d_t%d", o->i, d, s, rule, t));
        put(m, b, win, 1.0);
        for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
            const RpShape *h = allowed(o, a);
            for (int k = 0; h->site == (int)s && k < h->n_breaks; k++)
                if (h->brk_rule[k] == rule && t >= h->brk_lo[k] &&
                    t <= h->brk_hi[k])
                    put(m, o->xcol[a - a0], win, -1.0);
        }
    }
}

/* Rule r2 comes after rule r1 when both apply: for each tau, starts of r2
 * up to tau <= starts of r1 up to tau - len(r1), unless r1 does not apply. */
static void
break_order(Officer *o, size_t d, size_t s, int r1, int r2)
{
    int a0 = first_allowed(o, 0), len1 = 0, lo = G_MAXINT, hi = -1;
    gboolean conflict = FALSE;
    for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
        const RpShape *h = allowed(o, a);
        int k1 = -1, k2 = -1;
        for (int k = 0; h->site == (int)s && k < h->n_breaks; k++) {
            k1 = h->brk_rule[k] == r1 ? k : k1;
            k2 = h->brk_rule[k] == r2 ? k : k2;
        }
        if (k1 < 0 || k2 < 0)
            continue;
        len1 = h->brk_len[k1];
        conflict |= h->brk_hi[k1] + len1 > h->brk_lo[k2];
        lo = MIN(lo, h->brk_lo[k2]);
        hi = MAX(hi, h->brk_hi[k1] + len1);
    }
    if (!conflict)
        return; /* the windows already keep the order */
    for (int tau = lo; tau < hi; tau++) {
        int row = add_row(
            o->m, 'L', 0.0,
            NAME("ord_o%zu_d%zu_s%zu_r%d_%d_t%d", o->i, d, s, r1, r2, tau));
        for (int t = 0; t <= tau; t++) {
            int b2 = *bslot(o, d, s, r2, t), b1 = *bslot(o, d, s, r1, t);
            if (b2 >= 0)
                put(o->m, b2, row, 1.0);
            if (b1 >= 0 && t <= tau - len1)
                put(o->m, b1, row, -1.0);
        }
        for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
            const RpShape *h = allowed(o, a);
            gboolean has1 = FALSE, has2 = FALSE;
            for (int k = 0; h->site == (int)s && k < h->n_breaks; k++) {
                has1 |= h->brk_rule[k] == r1;
                has2 |= h->brk_rule[k] == r2;
            }
            if (has2 && !has1)
                put(o->m, o->xcol[a - a0], row, -1.0);
        }
    }
}

static void
breaks(Officer *o)
{
    const RpProblem *p = o->p;
    for (size_t d = 0; d < p->n_d; d++)
        for (size_t s = 0; s < p->n_sites; s++) {
            const RpShiftRules *r = rp_rules_site(p->in->centre, s);
            for (size_t k = 0; r && k < r->n_breaks; k++)
                break_rule(o, d, s, (int)k);
            for (size_t k1 = 0; r && k1 < r->n_breaks; k1++)
                for (size_t k2 = k1 + 1; k2 < r->n_breaks; k2++)
                    break_order(o, d, s, (int)k1, (int)k2);
        }
}

/* Work rows, activities and idle time. */
static void
work(Officer *o, const int *cover)
{
    const RpProblem *p = o->p;
    Model *m = o->m;
    size_t i = o->i;
    for (size_t t = 0; t < p->n_t; t++) {
        gboolean any = FALSE;
        for (size_t s = 0; s < p->n_sites; s++)
            any |= o->ucol[s * p->n_t + t] >= 0;
        if (!any || p->blocked[i * p->n_t + t] == 2)
            continue;
        int w = add_row(m, 'E', 0.0, NAME("work_o%zu_t%zu", i, t));
        o->wrow[t] = w;
        for (size_t s = 0; s < p->n_sites; s++)
            if (o->ucol[s * p->n_t + t] >= 0)
                put(m, o->ucol[s * p->n_t + t], w, -1.0);
        o->icol[t] = add_col(m, p->over, 0, INFINITY, FALSE,
                             NAME("idle_o%zu_t%zu", i, t));
        put(m, o->icol[t], w, 1.0);
        for (size_t k = 0; k < p->n_skills[i]; k++) {
            const RpSkill *sk = &p->skills[i][k];
            const RpPQueue *q = &p->q[sk->q];
            if (!p->open[(size_t)sk->q * p->n_t + t] ||
                (q->site >= 0 && o->ucol[(size_t)q->site * p->n_t + t] < 0))
                continue;
            int y = add_col(m, 0.0, 0, 1, TRUE,
                            NAME("y_o%zu_q%d_t%zu", i, sk->q, t));
            mean(m, y, RP_MIP_QUEUE, i, sk->q, (int)t, 0);
            o->ycol[(size_t)sk->q * p->n_t + t] = y;
            put(m, y, w, 1.0);
            size_t cell =
                (size_t)sk->q * p->n_t +
                (size_t)(q->deferred ? p->day_first[p->day_of[t]] : (int)t);
            put(m, y, cover[cell], sk->prof);
            if (q->site >= 0) {
                int r = add_row(m, 'L', 0.0,
                                NAME("site_o%zu_q%d_t%zu", i, sk->q, t));
                put(m, y, r, 1.0);
                put(m, o->ucol[(size_t)q->site * p->n_t + t], r, -1.0);
            }
        }
    }
    /* breaks take intervals out of work */
    for (size_t k = 0; k < p->n_d * p->n_sites * RP_MAX_BREAKS * p->n_t; k++) {
        int b = o->bcol[k];
        if (b < 0)
            continue;
        /* k = ((d * n_sites + s) * RP_MAX_BREAKS + r) * n_t + t */
        int t = (int)(k % p->n_t);
        size_t s = k / p->n_t / RP_MAX_BREAKS % p->n_sites;
        size_t r = k / p->n_t % RP_MAX_BREAKS;
        const RpShiftRules *rules = rp_rules_site(p->in->centre, s);
        int len = rules->breaks[r].length_min / p->in->centre->interval_min;
        for (int u = t; u < t + len; u++)
            if (o->wrow[u] >= 0)
                put(m, b, o->wrow[u], 1.0);
    }
}

/* Puts `sign` times "holds position P at t" (z[P,t], other FALSE) or
 * "holds a position other than P at t" (other TRUE) into row r. */
static void
put_position(Officer *o, int row, int P, size_t t, gboolean other, double sign)
{
    const RpProblem *p = o->p;
    if (o->icol[t] >= 0 && (P == RP_ACT_IDLE) != other)
        put(o->m, o->icol[t], row, sign);
    for (size_t k = 0; k < p->n_skills[o->i]; k++) {
        int q = p->skills[o->i][k].q, y = o->ycol[(size_t)q * p->n_t + t];
        if (y >= 0 && (p->pos[q] == P) != other)
            put(o->m, y, row, sign);
    }
}

/* Changes of position and blocks, (6):
 *   c[t] >= z[P,t] + other_P[t-1] - 1            for each position P
 *   z[P,t] + other_P[t-1] + sum_{u=t+1}^{t+j-1} z[P,u] + other_P[t+j]
 *       <= j + 1                                  for j = 1 .. L - 1
 * z[P,t] the officer's queues of position P at t (idle for P idle),
 * other_P the rest; c[t] in [0, 1] costs change_price.  The second row
 * forbids a block of P of j < L intervals with a change at both ends;
 * a break, commitment or the shift's end on either side leaves it
 * free. */
static void
positions(Officer *o)
{
    const RpProblem *p = o->p;
    Model *m = o->m;
    size_t i = o->i;
    int posn[RP_ROSTER_MAX_WEIGHTS * 8], n = 0;
    posn[n++] = RP_ACT_IDLE;
    for (size_t k = 0; k < p->n_skills[i] && n < (int)G_N_ELEMENTS(posn); k++) {
        int P = p->pos[p->skills[i][k].q], j = 0;
        while (j < n && posn[j] != P)
            j++;
        if (j == n)
            posn[n++] = P;
    }
    if (n < 2 || (p->change_price <= 0.0 && p->min_block <= 1))
        return; /* no change is possible, or none costs or matters */
    for (size_t t = 1; t < p->n_t; t++) {
        if (o->wrow[t] < 0 || o->wrow[t - 1] < 0)
            continue;
        int c = add_col(m, p->change_price, 0, 1, FALSE,
                        NAME("chg_o%zu_t%zu", i, t));
        for (int k = 0; k < n; k++) {
            int r = add_row(m, 'G', -1.0, NAME("chg_o%zu_t%zu_p%d", i, t, k));
            put(m, c, r, 1.0);
            put_position(o, r, posn[k], t, FALSE, -1.0);
            put_position(o, r, posn[k], t - 1, TRUE, -1.0);
            for (int j = 1; j < p->min_block; j++) {
                size_t e = t + (size_t)j;
                if (e >= p->n_t || o->wrow[e] < 0)
                    break;
                int b = add_row(m, 'L', j + 1.0,
                                NAME("blk_o%zu_t%zu_p%d_j%d", i, t, k, j));
                put_position(o, b, posn[k], t, FALSE, 1.0);
                put_position(o, b, posn[k], t - 1, TRUE, 1.0);
                for (size_t u = t + 1; u < e; u++)
                    put_position(o, b, posn[k], u, FALSE, 1.0);
                put_position(o, b, posn[k], e, TRUE, 1.0);
            }
        }
    }
}

/* Start times, (6): st[m] >= x[h] for every allowed shape h starting at
 * local minute m, priced start_time_change, less the same for one of
 * them when the officer works at all (any <= sum x, any <= 1). */
static void
start_times(Officer *o)
{
    const RpProblem *p = o->p;
    Model *m = o->m;
    size_t i = o->i;
    int a0 = first_allowed(o, 0), a1 = first_allowed(o, p->n_d);
    if (a1 == a0 || p->start_price <= 0.0)
        return;
    g_autoptr(GHashTable) col = g_hash_table_new(NULL, NULL);
    int any = add_col(m, -p->start_price, 0, 1, FALSE, NAME("any_o%zu", i));
    int any_row = add_row(m, 'L', 0.0, NAME("any_o%zu", i));
    put(m, any, any_row, 1.0);
    for (int a = a0; a < a1; a++) {
        int min = allowed(o, a)->start_min;
        gpointer key = GINT_TO_POINTER(min + 1);
        if (!g_hash_table_contains(col, key))
            g_hash_table_insert(
                col, key,
                GINT_TO_POINTER(add_col(m, p->start_price, 0, 1, TRUE,
                                        NAME("st_o%zu_m%d", i, min))));
        int st = GPOINTER_TO_INT(g_hash_table_lookup(col, key));
        int r = add_row(m, 'L', 0.0, NAME("st_o%zu_h%d", i, p->allow[a]));
        put(m, o->xcol[a - a0], r, 1.0);
        put(m, st, r, -1.0);
        put(m, o->xcol[a - a0], any_row, -1.0);
    }
}

/* One shape a day, hours, days, days in a row, rest. */
static void
week_rows(Officer *o)
{
    const RpProblem *p = o->p;
    Model *m = o->m;
    size_t i = o->i;
    int a0 = first_allowed(o, 0);
    int hours_lo = add_row(m, 'G', p->min_paid[i], NAME("minpaid_o%zu", i));
    int hours_hi = add_row(m, 'L', p->max_paid[i], NAME("maxpaid_o%zu", i));
    int days = add_row(m, 'L', p->max_days[i], NAME("days_o%zu", i));
    int day_row[RP_ROSTER_MAX_DAYS];
    for (size_t d = 0; d < p->n_d; d++) {
        gboolean must = p->must_work[i * p->n_d + d];
        day_row[d] =
            add_row(m, must ? 'E' : 'L', 1.0, NAME("one_o%zu_d%zu", i, d));
        for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++) {
            int x = o->xcol[a - a0];
            put(m, x, day_row[d], 1.0);
            put(m, x, hours_lo, allowed(o, a)->paid);
            put(m, x, hours_hi, allowed(o, a)->paid);
            put(m, x, days, 1.0);
        }
    }
    /* every window of max_run + 1 days, last week's run included */
    int run = p->max_run, prev = p->prev_run[i];
    for (int start = -run; start + run < (int)p->n_d; start++) {
        if (start + run < 0)
            continue;
        int worked_before = 0;
        for (int d = start; d < 0; d++)
            worked_before += d >= -prev;
        int row = add_row(m, 'L', run - worked_before,
                          NAME("run_o%zu_d%d", i, start));
        for (int d = MAX(start, 0); d <= start + run && d < (int)p->n_d; d++)
            for (int a = first_allowed(o, (size_t)d);
                 a < first_allowed(o, (size_t)d + 1); a++)
                put(m, o->xcol[a - a0], row, 1.0);
    }
    /* rest between day d and d + 1 */
    for (size_t d = 0; d + 1 < p->n_d; d++)
        for (int c = 1; c < p->n_classes[d]; c++) {
            int row = add_row(m, 'L', 1.0, NAME("rest_o%zu_d%zu_c%d", i, d, c));
            for (int a = first_allowed(o, d); a < first_allowed(o, d + 1); a++)
                if (allowed(o, a)->end_class >= c)
                    put(m, o->xcol[a - a0], row, 1.0);
            for (int a = first_allowed(o, d + 1); a < first_allowed(o, d + 2);
                 a++)
                if (allowed(o, a)->start_class < c)
                    put(m, o->xcol[a - a0], row, 1.0);
        }
}

/* Hours of evening (k 0) or weekend (k 1) work of a shape. */
static double
fair_hours(const RpProblem *p, const RpShape *h, size_t k)
{
    return k == 0       ? h->evening * p->hours
           : h->weekend ? h->len * p->hours
                        : 0.0;
}

static void
fairness(Model *m, const RpProblem *p, int **xcols)
{
    double price = p->in->centre->rules->prices.unfair_hour;
    for (size_t k = 0; k < 2; k++) {
        double shares = 0.0;
        for (size_t i = 0; i < p->n_o; i++)
            if (p->fair_kind[i * 2 + k])
                shares += p->fair_share[i];
        if (!(shares > 0.0))
            continue;
        int total = add_col(m, 0.0, 0, INFINITY, FALSE, NAME("T_k%zu", k));
        int tdef = add_row(m, 'E', 0.0, NAME("tdef_k%zu", k));
        put(m, total, tdef, 1.0);
        for (size_t i = 0; i < p->n_o; i++) {
            if (!p->fair_kind[i * 2 + k])
                continue;
            int h =
                add_col(m, 0.0, 0, INFINITY, FALSE, NAME("H_o%zu_k%zu", i, k));
            int hdef = add_row(m, 'E', 0.0, NAME("hdef_o%zu_k%zu", i, k));
            int exc = add_row(m, 'G', 0.0, NAME("exc_o%zu_k%zu", i, k));
            /* the j-th hour above the share costs j x unfair_hour */
            for (int j = 1; j <= RP_UNFAIR_SEGMENTS; j++)
                put(m,
                    add_col(m, j * price, 0,
                            j < RP_UNFAIR_SEGMENTS ? 1.0 : INFINITY, FALSE,
                            NAME("E_o%zu_k%zu_j%d", i, k, j)),
                    exc, 1.0);
            put(m, h, hdef, 1.0);
            put(m, h, tdef, -1.0);
            put(m, h, exc, -1.0);
            put(m, total, exc, p->fair_share[i] / shares);
            int a0 = p->allow_first[i * p->n_d];
            for (int a = a0; a < p->allow_first[(i + 1) * p->n_d]; a++) {
                double v = fair_hours(p, rp_shape(p, p->allow[a]), k);
                if (v > 0.0)
                    put(m, xcols[i][a - a0], hdef, -v);
            }
        }
    }
}

/* Requirement, prices and whether anyone can work cover cell (q, t); t
 * is the day's first interval for deferred queues. */
static gboolean
cover_cell(const RpProblem *p, size_t q, size_t t, double *r, const RpPrice **g)
{
    if (!p->q[q].deferred) {
        *r = p->req[q * p->n_t + t];
        *g = rp_whole_price(p, q, t);
        return p->open[q * p->n_t + t];
    }
    size_t d = (size_t)p->day_of[t];
    gboolean open = FALSE;
    *r = p->dreq[q * p->n_d + d];
    *g = rp_whole_price(p, q, d);
    for (int u = p->day_first[d]; u < p->day_first[d + 1]; u++)
        open |= p->open[q * p->n_t + (size_t)u];
    return open;
}

/* Cover rows with their over column and a shortfall column per segment
 * of (3) at the cover whole officers can give (whole.c), each up to its
 * width but the last: the slopes rise, so an LP fills them in order and
 * (3) needs no integers.  cover[q * n_t + t] (t
 * the day's first interval for deferred queues). */
static void
cover_rows(Model *m, const RpProblem *p, int *cover)
{
    for (size_t q = 0; q < p->n_q; q++)
        for (size_t t = 0; t < p->n_t; t++) {
            if (p->q[q].deferred && (int)t != p->day_first[p->day_of[t]])
                continue;
            double r;
            const RpPrice *g;
            if (!cover_cell(p, q, t, &r, &g) && r <= 0.0)
                continue; /* nothing can or need happen there */
            int row = add_row(m, 'E', r, NAME("cov_q%zu_t%zu", q, t));
            cover[q * p->n_t + t] = row;
            for (int k = 0; k < g->n; k++)
                put(m,
                    add_col(m, g->g[k], 0, rp_price_width(g, k), FALSE,
                            NAME("short_q%zu_t%zu_k%d", q, t, k)),
                    row, 1.0);
            put(m,
                add_col(m, p->over, 0, INFINITY, FALSE,
                        NAME("over_q%zu_t%zu", q, t)),
                row, -1.0);
        }
}

/* ---- writing ---------------------------------------------------------- */

static int
cmp_entry(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Text in chunks, written to a file descriptor as it grows. */
typedef struct {
    int fd;
    GString *buf;
    gboolean failed;
} Sink;

static void
drain(Sink *k, gboolean all)
{
    if (!all && k->buf->len < (1u << 20))
        return;
    const char *p = k->buf->str;
    size_t left = k->buf->len;
    while (left > 0 && !k->failed) {
        ssize_t n = write(k->fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        k->failed = n <= 0;
        p += n > 0 ? n : 0;
        left -= n > 0 ? (size_t)n : 0;
    }
    g_string_truncate(k->buf, 0);
}

static void emit(Sink *k, const char *format, ...) G_GNUC_PRINTF(2, 3);

static void
emit(Sink *k, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_string_append_vprintf(k->buf, format, ap);
    va_end(ap);
    drain(k, FALSE);
}

static void
write_model(Sink *f, Model *m)
{
    emit(f, "NAME rotaplan-roster\nROWS\n N cost\n");
    for (guint r = 0; r < m->row_name->len; r++)
        emit(f, " %c %s\n", m->row_type->str[r],
             (const char *)g_ptr_array_index(m->row_name, r));
    emit(f, "COLUMNS\n");
    guint e = 0;
    for (guint c = 0; c < m->col_name->len; c++) {
        const char *name = g_ptr_array_index(m->col_name, c);
        double cost = g_array_index(m->cost, double, c);
        if (fabs(cost) > 0.0 || e >= m->entries->len ||
            g_array_index(m->entries, Entry, e).col != (int)c)
            emit(f, " %s cost %.12g\n", name, cost);
        for (; e < m->entries->len &&
               g_array_index(m->entries, Entry, e).col == (int)c;
             e++) {
            const Entry *x = &g_array_index(m->entries, Entry, e);
            emit(f, " %s %s %.12g\n", name,
                 (const char *)g_ptr_array_index(m->row_name, x->row), x->val);
        }
    }
    emit(f, "RHS\n");
    for (guint r = 0; r < m->row_name->len; r++) {
        double v = g_array_index(m->rhs, double, r);
        if (fabs(v) > 0.0)
            emit(f, " RHS %s %.12g\n",
                 (const char *)g_ptr_array_index(m->row_name, r), v);
    }
    emit(f, "BOUNDS\n");
    for (guint c = 0; c < m->col_name->len; c++) {
        const char *name = g_ptr_array_index(m->col_name, c);
        double hi = g_array_index(m->hi, double, c);
        if (m->binary->str[c] == '1')
            emit(f, " BV BND %s\n", name);
        else if (isfinite(hi))
            emit(f, " UP BND %s %.12g\n", name, hi);
    }
    emit(f, "ENDATA\n");
}

void
rp_mip_free(RpMip *m)
{
    if (m == NULL)
        return;
    g_ptr_array_unref(m->row_name);
    g_string_free(m->row_type, TRUE);
    g_array_unref(m->rhs);
    g_ptr_array_unref(m->col_name);
    g_array_unref(m->meaning);
    g_array_unref(m->cost);
    g_array_unref(m->lo);
    g_array_unref(m->hi);
    g_string_free(m->binary, TRUE);
    g_array_unref(m->entries);
    g_free(m);
}

static void
build(Model *m, const RpProblem *p)
{
    g_autofree int *cover = g_new(int, p->n_q * p->n_t);
    g_autofree int **xcols = g_new0(int *, p->n_o);
    cover_rows(m, p, cover);
    size_t n_bslots = p->n_d * p->n_sites * RP_MAX_BREAKS * p->n_t;
    for (size_t i = 0; i < p->n_o; i++) {
        size_t n_allow = (size_t)(p->allow_first[(i + 1) * p->n_d] -
                                  p->allow_first[i * p->n_d]);
        Officer o = {.p = p,
                     .m = m,
                     .i = i,
                     .xcol = g_new(int, n_allow + 1),
                     .ucol = g_new(int, p->n_sites * p->n_t),
                     .wrow = g_new(int, p->n_t),
                     .bcol = g_new(int, n_bslots),
                     .ycol = g_new(int, p->n_q * p->n_t),
                     .icol = g_new(int, p->n_t)};
        memset(o.ycol, 0xff, p->n_q * p->n_t * sizeof(int));
        memset(o.icol, 0xff, p->n_t * sizeof(int));
        memset(o.ucol, 0xff, p->n_sites * p->n_t * sizeof(int));
        memset(o.wrow, 0xff, p->n_t * sizeof(int));
        memset(o.bcol, 0xff, n_bslots * sizeof(int));
        shape_columns(&o);
        presence(&o);
        breaks(&o);
        work(&o, cover);
        positions(&o);
        start_times(&o);
        week_rows(&o);
        xcols[i] = o.xcol;
        g_free(o.ucol);
        g_free(o.wrow);
        g_free(o.bcol);
        g_free(o.ycol);
        g_free(o.icol);
    }
    fairness(m, p, xcols);
    for (size_t i = 0; i < p->n_o; i++)
        g_free(xcols[i]);
}

RpMip *
rp_mip_new(const RpProblem *p)
{
    RpMip *m = g_new(RpMip, 1);
    *m = (RpMip){.row_name = g_ptr_array_new_with_free_func(g_free),
                 .row_type = g_string_new(NULL),
                 .rhs = g_array_new(FALSE, FALSE, sizeof(double)),
                 .col_name = g_ptr_array_new_with_free_func(g_free),
                 .meaning = g_array_new(FALSE, FALSE, sizeof(RpMipCol)),
                 .cost = g_array_new(FALSE, FALSE, sizeof(double)),
                 .lo = g_array_new(FALSE, FALSE, sizeof(double)),
                 .hi = g_array_new(FALSE, FALSE, sizeof(double)),
                 .binary = g_string_new(NULL),
                 .entries = g_array_new(FALSE, FALSE, sizeof(Entry))};
    build(m, p);
    qsort(m->entries->data, m->entries->len, sizeof(Entry), cmp_entry);
    return m;
}

gboolean
rp_roster_write_mps(const RpRosterInput *input, const char *path,
                    GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_autoptr(RpProblem) p = rp_problem_new(input, error);
    if (p == NULL)
        return FALSE;
    g_autoptr(RpMip) m = rp_mip_new(p);
    g_autofree char *tmp = g_strconcat(path, ".XXXXXX", NULL);
    Sink sink = {.fd = g_mkstemp_full(tmp, O_RDWR, 0644),
                 .buf = g_string_new(NULL)};
    gboolean ok = sink.fd >= 0;
    if (ok) {
        write_model(&sink, m);
        drain(&sink, TRUE);
        ok = !sink.failed;
        ok = close(sink.fd) == 0 && ok;
        ok = ok && g_rename(tmp, path) == 0;
    }
    g_string_free(sink.buf, TRUE);
    int saved = errno;
    if (!ok) {
        if (sink.fd >= 0)
            g_unlink(tmp);
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "%s: %s", path,
                    g_strerror(saved));
    }
    return ok;
}
