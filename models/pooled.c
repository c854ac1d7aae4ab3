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
 * (rotaplan simulate) checks the result against routing by skill.
 *
 * By skill sets (rp_requirements_pool_sets()), the pool's split is then
 * checked for every set S of the interval's lines (the set relaxation of
 * multi-skill staffing): the officers on S's lines, plus from each other
 * line p its officers beyond its own load a_p times the share phi(p, S)
 * of p's holders who hold a line of S, must reach N(S), what one queue of
 * S's calls needs,
 *
 *   sum_{q in S} r_q + sum_{p not in S} phi(p, S) max(0, r_p - a_p)
 *       >= N(S)                                                    (2)
 *
 * The set short by most raises, by one officer, its line furthest below
 * its share of N(S) by (1), never above the line's own need, until every
 * set meets (2): raising a line only helps every set, so this ends. */
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

gboolean
rp_pool_size(const RpCentre *c, const RpRequirement *const *rows, size_t n,
             const RpQueueLoad *load, const RpStandard *s, const double *alone,
             gboolean fractional, double *required, double *need_out,
             RpErlangMetrics *m, GError **error)
{
    double need = 0.0;
    GError *local = NULL;
    if (!rp_staffing_required(load, s, NULL, fractional, &need, &local)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                    "the phone lines pooled: %s", local->message);
        g_error_free(local);
        return FALSE;
    }
    if (!rp_erlang_metrics(load, need, s->answer_within_s, m, error))
        return FALSE;
    Group g = {(RpRequirement **)(void *)(gsize)rows, n};
    split(&g, need, fractional, required);
    for (size_t k = 0; k < n; k++) {
        const RpQueue *q = rp_centre_queue(c, rows[k]->queue);
        required[k] = fmin(fmax(required[k], q->min_officers), alone[k]);
    }
    *need_out = need;
    return TRUE;
}

static gboolean
pool_group(const RpCentre *c, const Group *g, gboolean fractional,
           GError **error)
{
    RpQueueLoad load;
    RpStandard s;
    const RpRequirement *const *rows = (const RpRequirement *const *)g->row;
    rp_pool_load(c, rows, g->n, &load, &s);
    g_autofree double *alone = g_new(double, g->n);
    g_autofree double *share = g_new(double, g->n);
    for (size_t k = 0; k < g->n; k++)
        alone[k] = g->row[k]->required;
    RpErlangMetrics m;
    double n;
    if (!rp_pool_size(c, rows, g->n, &load, &s, alone, fractional, share, &n,
                      &m, error))
        return FALSE;
    for (size_t k = 0; k < g->n; k++) {
        RpRequirement *r = g->row[k];
        r->required = share[k];
        r->scheduled = r->required / (1.0 - r->shrinkage);
        r->metrics = m;
        rp_short_weights(&load, s.answer_within_s, n, m.service_level, r);
    }
    return TRUE;
}

/* ---- skill sets -------------------------------------------------------- */

/* Every set of a group's lines (bits over the group) and what one queue
 * of its calls needs. */
typedef struct {
    size_t n_sets;
    guint32 *mask;
    double *need;       /* officers one queue of the set's calls needs */
    RpQueueLoad *load;  /* the set as one queue */
    RpErlangMetrics *m; /* its service at `need` */
    double *answer_s;   /* its standard's answer time */
    double *phi;        /* [p * n_sets + s]: share of line p's holders
                           who hold a line of set s */
} Sets;

static void
sets_clear(Sets *s)
{
    g_free(s->mask);
    g_free(s->need);
    g_free(s->load);
    g_free(s->m);
    g_free(s->answer_s);
    g_free(s->phi);
}

/* The sets to check: all of them up to RP_POOL_SET_LINES lines, else
 * each line, each pair and the whole group. */
static void
sets_enumerate(size_t n, Sets *s)
{
    if (n <= RP_POOL_SET_LINES) {
        s->n_sets = ((size_t)1 << n) - 1;
        s->mask = g_new(guint32, s->n_sets);
        for (size_t k = 0; k < s->n_sets; k++)
            s->mask[k] = (guint32)(k + 1);
        return;
    }
    s->mask = g_new(guint32, n + n * (n - 1) / 2 + 1);
    s->n_sets = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a; b < n; b++)
            s->mask[s->n_sets++] = (1u << a) | (1u << b);
    s->mask[s->n_sets++] = 0xffffffffu >> (32 - n);
}

/* What each set needs, and who can help it. */
static gboolean
sets_size(const RpCentre *c, const Group *g, const RpPoolSkills *skills,
          const double *alone, gboolean fractional, Sets *s, GError **error)
{
    size_t n = g->n;
    sets_enumerate(n, s);
    s->need = g_new(double, s->n_sets);
    s->load = g_new(RpQueueLoad, s->n_sets);
    s->m = g_new(RpErlangMetrics, s->n_sets);
    s->answer_s = g_new(double, s->n_sets);
    s->phi = g_new0(double, n * s->n_sets);
    g_autofree const RpRequirement **rows = g_new(const RpRequirement *, n);
    for (size_t k = 0; k < s->n_sets; k++) {
        size_t m = 0;
        for (size_t q = 0; q < n; q++)
            if (s->mask[k] & (1u << q))
                rows[m++] = g->row[q];
        RpStandard st;
        rp_pool_load(c, rows, m, &s->load[k], &st);
        s->answer_s[k] = st.answer_within_s;
        GError *local = NULL;
        if (m == 1) {
            s->need[k] = alone[g_bit_nth_lsf(s->mask[k], -1)];
        } else if (!rp_staffing_required(&s->load[k], &st, NULL, fractional,
                                         &s->need[k], &local)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                        "a set of phone lines pooled: %s", local->message);
            g_error_free(local);
            return FALSE;
        }
        if (!rp_erlang_metrics(&s->load[k], s->need[k], st.answer_within_s,
                               &s->m[k], error))
            return FALSE;
    }
    /* officers' lines as bits over the group */
    g_autofree guint32 *held = g_new0(guint32, skills->n_officers);
    for (size_t o = 0; o < skills->n_officers; o++)
        for (size_t q = 0; q < n; q++)
            if (skills->skill[o * skills->n_queues + g->row[q]->queue] > 0.0)
                held[o] |= 1u << q;
    for (size_t p = 0; p < n; p++) {
        double holders = 0.0;
        for (size_t o = 0; o < skills->n_officers; o++)
            holders += (held[o] >> p) & 1u;
        for (size_t k = 0; k < s->n_sets && holders > 0.0; k++) {
            double also = 0.0;
            for (size_t o = 0; o < skills->n_officers; o++)
                if (((held[o] >> p) & 1u) && (held[o] & s->mask[k]))
                    also += 1.0;
            s->phi[p * s->n_sets + k] = also / holders;
        }
    }
    return TRUE;
}

/* Officers set `k` can count on with the lines at `r`: its own lines'
 * officers, and the spare officers (beyond their line's own load) of the
 * other lines, times the share who hold a line of the set. */
static double
set_cover(const Group *g, const Sets *s, size_t k, const double *r)
{
    double cover = 0.0;
    for (size_t p = 0; p < g->n; p++) {
        if (s->mask[k] & (1u << p))
            cover += r[p];
        else
            cover += s->phi[p * s->n_sets + k] *
                     fmax(0.0, r[p] - g->row[p]->traffic);
    }
    return cover;
}

/* Raises lines until every set is covered; by[p] is the set that last
 * raised line p (or -1). */
static void
sets_raise(const Group *g, const Sets *s, const double *alone,
           gboolean fractional, double *r, int *by)
{
    g_autofree gboolean *stuck = g_new0(gboolean, s->n_sets);
    for (;;) {
        size_t worst = 0;
        double deficit = 1e-9;
        for (size_t k = 0; k < s->n_sets; k++) {
            double d = s->need[k] - set_cover(g, s, k, r);
            if (!stuck[k] && d > deficit) {
                deficit = d;
                worst = k;
            }
        }
        if (!(deficit > 1e-9))
            return;
        /* the line of the set furthest below its square-root share of
           the set's need, among those below what they need alone */
        guint32 mask = s->mask[worst];
        double a = 0.0, root = 0.0, gap = -G_MAXDOUBLE;
        for (size_t p = 0; p < g->n; p++)
            if (mask & (1u << p)) {
                a += g->row[p]->traffic;
                root += sqrt(g->row[p]->traffic);
            }
        int line = -1;
        for (size_t p = 0; p < g->n; p++) {
            if (!(mask & (1u << p)) || !(r[p] < alone[p] - 1e-9))
                continue;
            double target =
                a > 0.0 ? ideal_share(g, p, s->need[worst], a, root) : 0.0;
            if (target - r[p] > gap) {
                gap = target - r[p];
                line = (int)p;
            }
        }
        if (line < 0) {
            stuck[worst] = TRUE; /* every line of it at its own need */
            continue;
        }
        double step = fractional ? fmin(deficit, alone[line] - r[line]) : 1.0;
        r[line] = fmin(r[line] + step, alone[line]);
        by[line] = (int)worst;
    }
}

static guint64
queue_bits(const Group *g, guint32 mask)
{
    guint64 bits = 0;
    for (size_t p = 0; p < g->n; p++)
        if (mask & (1u << p))
            bits |= G_GUINT64_CONSTANT(1) << g->row[p]->queue;
    return bits;
}

static gboolean
sets_group(const RpCentre *c, const Group *g, const RpPoolSkills *skills,
           gboolean fractional, GError **error)
{
    size_t n = g->n;
    if (n > 32) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                    "phone lines by skill sets: %zu lines open at once (at "
                    "most 32 are supported)",
                    n);
        return FALSE;
    }
    g_autofree double *alone = g_new(double, n);
    g_autofree double *r = g_new(double, n);
    g_autofree int *by = g_new(int, n);
    for (size_t p = 0; p < n; p++) {
        alone[p] = g->row[p]->required;
        by[p] = -1;
        if (g->row[p]->queue >= 64) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                        "phone lines by skill sets: queue %s is the 65th or "
                        "later of the centre (at most 64 are supported)",
                        rp_centre_queue(c, g->row[p]->queue)->id);
            return FALSE;
        }
    }
    if (!pool_group(c, g, fractional, error))
        return FALSE;
    Sets s = {0};
    gboolean ok = sets_size(c, g, skills, alone, fractional, &s, error);
    if (ok) {
        for (size_t p = 0; p < n; p++)
            r[p] = g->row[p]->required;
        sets_raise(g, &s, alone, fractional, r, by);
        for (size_t p = 0; p < n; p++) {
            RpRequirement *x = g->row[p];
            if (by[p] < 0)
                continue;
            size_t k = (size_t)by[p];
            x->required = r[p];
            x->scheduled = x->required / (1.0 - x->shrinkage);
            x->metrics = s.m[k];
            x->sized_set = queue_bits(g, s.mask[k]);
            rp_short_weights(&s.load[k], s.answer_s[k], s.need[k],
                             s.m[k].service_level, x);
        }
    }
    sets_clear(&s);
    return ok;
}

/* Calls `each` on every interval's open phone lines (two or more). */
static gboolean
for_each_group(const RpCentre *centre, RpRequirements *req,
               gboolean (*each)(const RpCentre *, const Group *, gpointer,
                                GError **),
               gpointer data, GError **error)
{
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
        if (g.n > 1 && !each(centre, &g, data, error))
            return FALSE;
        i = j;
    }
    return TRUE;
}

typedef struct {
    const RpPoolSkills *skills;
    gboolean fractional;
} SetsJob;

static gboolean
each_pool(const RpCentre *c, const Group *g, gpointer data, GError **error)
{
    return pool_group(c, g, *(const gboolean *)data, error);
}

static gboolean
each_sets(const RpCentre *c, const Group *g, gpointer data, GError **error)
{
    const SetsJob *j = data;
    return sets_group(c, g, j->skills, j->fractional, error);
}

gboolean
rp_requirements_pool_sets(const RpCentre *centre, RpRequirements *req,
                          const RpPoolSkills *skills, gboolean fractional,
                          GError **error)
{
    g_return_val_if_fail(centre != NULL && req != NULL && skills != NULL,
                         FALSE);
    g_return_val_if_fail(skills->n_queues == centre->queues->len, FALSE);
    SetsJob j = {skills, fractional};
    if (!for_each_group(centre, req, each_sets, &j, error))
        return FALSE;
    req->pooled = TRUE;
    return TRUE;
}

gboolean
rp_requirements_pool(const RpCentre *centre, RpRequirements *req,
                     gboolean fractional, GError **error)
{
    g_return_val_if_fail(centre != NULL && req != NULL, FALSE);
    if (!for_each_group(centre, req, each_pool, &fractional, error))
        return FALSE;
    req->pooled = TRUE;
    return TRUE;
}
