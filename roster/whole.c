/* roster/whole.c - the price of a shortfall at the cover whole officers
 * can give, for the bound and the exported model.
 *
 * F of (3) prices a shortfall by the tenth of an officer (the share
 * price's bands) and by the officer (the weights), and it is convex, so
 * a relaxation that may put part of an officer on a queue (the LP of the
 * compact model, or the Dantzig-Wolfe master of bound.c, which mixes
 * weeks) spreads officers thinly over many queue-intervals and pays the
 * cheap first part of every shortfall's price only.  A rota cannot: the
 * cover of queue q at t is the sum of the proficiencies of the officers
 * on it, so it is one of the sums of a set of the officers who could
 * serve q at t.  Between two such sums next to each other no rota's
 * cover lies, so F may be replaced there by its chord: the new price Fw
 * equals F wherever a rota's shortfall can be, and lies above F between.
 * Both the LP and the master then give a bound at least as high, and
 * still a bound on every rota, with the same optimum.
 *
 * Fw interpolates F at s = 0 (the requirement met) and at s = r - a for
 * every sum a < r of proficiencies of officers who could serve the cell
 * (some allowed shift covers t, not away or committed, the queue's site
 * among theirs: more officers than can really serve it only adds sums,
 * which keeps Fw valid), and follows F beyond s = r.  The chords of a
 * convex function at increasing points have rising slopes, so Fw is
 * convex too.  Where the sums are too many to list (more than
 * MAX_SUMS) or Fw needs more segments than an RpPrice holds, the cell
 * keeps F.  Deferred work is owed per day, in officer-intervals of many
 * intervals, and keeps F. */
#include <math.h>
#include <stdlib.h>

#include "roster/roster_int.h"

#define MAX_SUMS 48
#define SUM_EPS  1e-9

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Adds `prof` to each of the n sums in `sum` (sorted, distinct) and
 * keeps those below `r`; returns the new count, or -1 past MAX_SUMS. */
static int
add_officer(double *sum, int n, double prof, double r)
{
    double more[2 * MAX_SUMS];
    int m = 0;
    for (int k = 0; k < n; k++) {
        more[m++] = sum[k];
        if (sum[k] + prof < r - SUM_EPS)
            more[m++] = sum[k] + prof;
    }
    qsort(more, (size_t)m, sizeof more[0], cmp_double);
    int out = 0;
    for (int k = 0; k < m; k++) {
        if (out > 0 && more[k] - sum[out - 1] <= SUM_EPS)
            continue;
        if (out == MAX_SUMS)
            return -1;
        sum[out++] = more[k];
    }
    return out;
}

/* The sums below r of the proficiencies of officers who could serve
 * queue q at t, into sum[] (sorted, from 0); -1 when too many. */
static int
cover_sums(const RpProblem *p, size_t q, size_t t, double r, double *sum)
{
    int site = p->q[q].site, n = 1;
    sum[0] = 0.0;
    for (size_t i = 0; i < p->n_o && n > 0; i++) {
        const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
        double prof = rp_prof(p, i, (int)q);
        if (prof <= 0.0 || !p->reach[i * p->n_t + t] ||
            p->blocked[i * p->n_t + t] != 0 ||
            (site >= 0 && !(o->sites & (G_GUINT64_CONSTANT(1) << site))))
            continue;
        n = add_officer(sum, n, prof, r);
    }
    return n;
}

/* Appends a segment of slope `g` from `b` to w (with F(b) = f), merged
 * into the last one when their slopes agree; FALSE when w is full. */
static gboolean
append(RpPrice *w, double b, double f, double g)
{
    if (w->n > 0 && fabs(g - w->g[w->n - 1]) <= 1e-9 * MAX(1.0, fabs(g)))
        return TRUE;
    if (w->n == RP_PRICE_SEGMENTS)
        return FALSE;
    w->b[w->n] = b;
    w->f[w->n] = f;
    w->g[w->n] = g;
    w->n++;
    return TRUE;
}

/* Fw of one cell from F `g`, requirement r and the n sums below r. */
static gboolean
whole_price(const RpPrice *g, double r, const double *sum, int n, RpPrice *w)
{
    w->n = 0;
    /* shortfalls r - sum[k], rising as k falls, then r itself */
    double s0 = 0.0, f0 = 0.0;
    for (int k = n - 1; k >= 0; k--) {
        double s = r - sum[k], f = rp_short_cost(s, g);
        if (!append(w, s0, f0, (f - f0) / (s - s0)))
            return FALSE;
        s0 = s;
        f0 = f;
    }
    /* beyond r (no rota's shortfall is there): F itself */
    int k = rp_price_segment(r, g);
    if (!append(w, r, f0, g->g[k]))
        return FALSE;
    for (k++; k < g->n; k++)
        if (!append(w, g->b[k], g->f[k], g->g[k]))
            return FALSE;
    return TRUE;
}

RpPrice *
rp_whole_prices(const RpProblem *p)
{
    RpPrice *w = g_new(RpPrice, p->n_q * p->n_t);
    for (size_t t = 0; t < p->n_t; t++)
        for (size_t q = 0; q < p->n_q; q++) {
            const RpPrice *g = &p->price[t * p->n_q + q];
            RpPrice *out = &w[t * p->n_q + q];
            double r = p->req[q * p->n_t + t], sum[MAX_SUMS];
            int n = p->q[q].deferred || r <= SUM_EPS
                        ? -1
                        : cover_sums(p, q, t, r, sum);
            if (n < 0 || !whole_price(g, r, sum, n, out))
                *out = *g;
        }
    return w;
}
