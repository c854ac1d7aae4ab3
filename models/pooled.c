/* models/pooled.c - the phone lines sized as one pool, as a call
 * distributor that routes by skill runs them.
 *
 * When officers on the phones are logged into every line they hold, the
 * lines share them minute by minute, and the centre needs the officers of
 * one queue of the combined calls, not the sum of each line's own (Erlang
 * staffing has economies of scale).  Per interval:
 *
 *   1. the pool: the lines open in the interval as one queue, arrival rate
 *      the sum of theirs, handling time and patience the call-weighted
 *      means, the strictest of their standards; N officers meet it
 *      (Erlang A, or C without patience);
 *   2. the split into the officers each line's skill must supply (Wallace
 *      and Whitt 2005, square-root rule): each line its own offered load
 *      a_q, plus a share of the pool's safety staffing N - sum a
 *      proportional to sqrt(a_q),
 *
 *        r_q = a_q + (N - A) sqrt(a_q) / sum_j sqrt(a_j)            (1)
 *
 *      (when N < A, as Erlang A allows, r_q = N a_q / A); whole officers by
 *      largest remainders so that the r_q add up to N; never below the
 *      line's min_officers nor above what the line alone would need.
 *
 * Each line's row then shows the pool's service (every line of a pool of
 * equal-priority, FIFO lines sees the same waits), and the price of each
 * officer short is the line's calls times the pool's loss of service for
 * that officer, kept convex as in models/requirements.c.  The simulation
 * (rotaplan simulate) checks the result against routing by skill. */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "models/models_int.h"
#include "models/staffing.h"

/* The lines open in one interval: rows [first, first + n) of the phone
 * rows of one start. */
typedef struct {
    RpRequirement **row; /* the phone rows open at this start */
    size_t n;
} Group;

void
rp_pool_load(const RpCentre *c, const RpRequirement *const *rows, size_t n,
             RpQueueLoad *load, RpStandard *s)
{
    Group one = {(RpRequirement **)(void *)(gsize)rows, n};
    const Group *g = &one;
    double interval_s = (double)rp_centre_interval_s(c);
    double calls = 0.0, work = 0.0, patience = 0.0;
    gboolean patient = FALSE;
    rp_standard_init(s);
    for (size_t k = 0; k < g->n; k++) {
        const RpRequirement *r = g->row[k];
        const RpQueue *q = rp_centre_queue(c, r->queue);
        calls += r->contacts;
        work += r->contacts * r->aht_s;
        if (isinf(q->patience_s))
            patient = TRUE;
        else
            patience += r->contacts * q->patience_s;
        const RpStandard *qs = &q->standard;
        if (!isnan(qs->service_level)) {
            gboolean first = isnan(s->service_level);
            s->service_level = first
                                   ? qs->service_level
                                   : fmax(s->service_level, qs->service_level);
            s->answer_within_s =
                first ? qs->answer_within_s
                      : fmin(s->answer_within_s, qs->answer_within_s);
        }
        if (!isnan(qs->asa_max_s))
            s->asa_max_s = isnan(s->asa_max_s)
                               ? qs->asa_max_s
                               : fmin(s->asa_max_s, qs->asa_max_s);
        if (!isnan(qs->abandon_max))
            s->abandon_max = isnan(s->abandon_max)
                                 ? qs->abandon_max
                                 : fmin(s->abandon_max, qs->abandon_max);
        if (!isnan(qs->occupancy_max))
            s->occupancy_max = isnan(s->occupancy_max)
                                   ? qs->occupancy_max
                                   : fmin(s->occupancy_max, qs->occupancy_max);
    }
    load->aht_s = calls > 0.0 ? work / calls : g->row[0]->aht_s;
    load->traffic = work / interval_s;
    /* a line whose callers never hang up makes the pool Erlang C: the
       safer of the two */
    load->patience_s = patient || !(calls > 0.0) ? INFINITY : patience / calls;
    if (isinf(load->patience_s))
        s->abandon_max = NAN;
}

/* Line k's share of `n` officers by (1); `a` and `root` are the sums of
 * the lines' loads and of their square roots. */
static double
ideal_share(const Group *g, size_t k, double n, double a, double root)
{
    double ak = g->row[k]->traffic;
    if (!(a > 0.0))
        return n / (double)g->n;
    if (n >= a)
        return ak + (n - a) * sqrt(ak) / root;
    return n * ak / a;
}

/* Splits `n` officers between the lines by (1); whole officers by largest
 * remainders (ties to the line first in the centre) unless fractional. */
static void
split(const Group *g, double n, gboolean fractional, double *share)
{
    double a = 0.0, root = 0.0, given = 0.0;
    for (size_t k = 0; k < g->n; k++) {
        a += g->row[k]->traffic;
        root += sqrt(g->row[k]->traffic);
    }
    g_autofree double *rem = g_new(double, g->n);
    for (size_t k = 0; k < g->n; k++) {
        share[k] = ideal_share(g, k, n, a, root);
        if (fractional)
            continue;
        double whole = floor(share[k] + 1e-9);
        rem[k] = share[k] - whole;
        share[k] = whole;
        given += whole;
    }
    if (fractional)
        return;
    for (double left = round(n - given); left > 0.5; left -= 1.0) {
        size_t best = 0;
        for (size_t k = 1; k < g->n; k++)
            if (rem[k] > rem[best])
                best = k;
        share[best] += 1.0;
        rem[best] = -1.0;
    }
}

static gboolean
pool_group(const RpCentre *c, const Group *g, gboolean fractional,
           GError **error)
{
    RpQueueLoad load;
    RpStandard s;
    rp_pool_load(c, (const RpRequirement *const *)g->row, g->n, &load, &s);
    double n = 0.0;
    GError *local = NULL;
    if (!rp_staffing_required(&load, &s, NULL, fractional, &n, &local)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                    "the phone lines pooled: %s", local->message);
        g_error_free(local);
        return FALSE;
    }
    RpErlangMetrics m;
    if (!rp_erlang_metrics(&load, n, s.answer_within_s, &m, error))
        return FALSE;
    g_autofree double *share = g_new(double, g->n);
    split(g, n, fractional, share);
    double t = s.answer_within_s;
    for (size_t k = 0; k < g->n; k++) {
        RpRequirement *r = g->row[k];
        const RpQueue *q = rp_centre_queue(c, r->queue);
        double alone = r->required;
        r->required = fmin(fmax(share[k], q->min_officers), alone);
        r->scheduled = r->required / (1.0 - r->shrinkage);
        r->metrics = m;
        rp_short_weights(&load, t, n, m.service_level, r);
    }
    return TRUE;
}

gboolean
rp_requirements_pool(const RpCentre *centre, RpRequirements *req,
                     gboolean fractional, GError **error)
{
    g_return_val_if_fail(centre != NULL && req != NULL, FALSE);
    RpRequirement *rows = (RpRequirement *)(void *)req->rows->data;
    size_t n = req->rows->len;
    g_autofree RpRequirement **group = g_new(RpRequirement *, n + 1);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        Group g = {group, 0};
        while (j < n && rows[j].start == rows[i].start) {
            RpRequirement *r = &rows[j++];
            if (r->open &&
                rp_centre_queue(centre, r->queue)->channel == RP_CHANNEL_PHONE)
                g.row[g.n++] = r;
        }
        if (g.n > 1 && !pool_group(centre, &g, fractional, error))
            return FALSE;
        i = j;
    }
    req->pooled = TRUE;
    return TRUE;
}
