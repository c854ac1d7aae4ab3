/* roster/week.c - the best lawful week of one officer, exactly.
 *
 * Two levels of dynamic programming.  Within a day, each allowed shape is
 * scored from prefix sums of the interval values, and its breaks are
 * placed by a DP over the breaks in order (each inside its window, after
 * the one before, off any commitment); the best shape is kept for each
 * (paid length, end class, start class).  Across the days, a DP over
 * states (paid intervals so far, days worked, days in a row, end class of
 * the day before) keeps every weekly rule exactly: contract minimum and
 * maximum, days a week, days in a row (with last week's run), and rest
 * between shifts (a shape may follow one of the day before only if that
 * one's end class is at most its start class; problem.c builds the
 * classes).  Dimensions that cannot bind for an officer are collapsed, so
 * the usual state space is just the paid hours. */
#include <math.h>
#include <string.h>

#include "roster/roster_int.h"

/* The best shape of a day for one (paid, end class, start class). */
typedef struct {
    double value;
    int shape;
    int paid, end_class, start_class;
    int brk[RP_MAX_BREAKS];
} Option;

typedef struct {
    int nd, nr, nc, max_h; /* dimensions: days, run, classes; hours 0..max_h */
    size_t n;              /* states */
} Dims;

struct RpWeek {
    const RpProblem *p;
    size_t n_t1;     /* n_t + 1 */
    double *vsum;    /* [site * n_t1 + t]: prefix sums of values */
    double *nsum;    /* [site * n_t1 + t]: prefix sums of value - pay */
    int *csum;       /* [t]: prefix counts of committed intervals */
    int max_len;     /* longest shape (intervals) */
    int max_classes; /* most rest classes of a day */
    int *slot;       /* [(paid * C + ec) * C + sc]: index in the day's
                        options, or -1 */
    GArray *opts[RP_ROSTER_MAX_DAYS]; /* Option, per day */
    double *layer[2];                 /* DP values */
    int *back; /* [d * n_states + state]: previous state */
    int *pick; /* [d * n_states + state]: option, -1 off */
    size_t cap_states;
    Dims dims;     /* of the last DP */
    double *last;  /* its final layer */
    double *bloss; /* [k * (max_len + 1) + x]: break DP, least loss
                      with break k at its x-th position */
    int *bfrom;    /* [k * (max_len + 1) + x]: where break k-1 was */
};

RpWeek *
rp_week_new(const RpProblem *p)
{
    RpWeek *w = g_new0(RpWeek, 1);
    w->p = p;
    w->n_t1 = p->n_t + 1;
    w->vsum = g_new0(double, p->n_sites * w->n_t1);
    w->nsum = g_new0(double, p->n_sites * w->n_t1);
    w->csum = g_new0(int, w->n_t1);
    for (guint h = 0; h < p->shapes->len; h++)
        w->max_len = MAX(w->max_len, rp_shape(p, (int)h)->len);
    w->max_classes = 1;
    for (size_t d = 0; d < p->n_d; d++)
        w->max_classes = MAX(w->max_classes, p->n_classes[d]);
    size_t c = (size_t)w->max_classes, width = (size_t)w->max_len + 1;
    w->slot = g_new(int, width *c *c);
    for (size_t k = 0; k < width * c * c; k++)
        w->slot[k] = -1;
    w->bloss = g_new(double, RP_MAX_BREAKS *width);
    w->bfrom = g_new(int, RP_MAX_BREAKS *width);
    for (size_t d = 0; d < p->n_d; d++)
        w->opts[d] = g_array_new(FALSE, FALSE, sizeof(Option));
    return w;
}

void
rp_week_free(RpWeek *w)
{
    if (w == NULL)
        return;
    g_free(w->vsum);
    g_free(w->nsum);
    g_free(w->csum);
    g_free(w->slot);
    g_free(w->bloss);
    g_free(w->bfrom);
    for (size_t d = 0; d < w->p->n_d; d++)
        g_array_unref(w->opts[d]);
    g_free(w->layer[0]);
    g_free(w->layer[1]);
    g_free(w->back);
    g_free(w->pick);
    g_free(w);
}

/* Prefix sums of officer i's values (commitments are worth nothing). */
static void
prefix_sums(RpWeek *w, size_t i, const double *value)
{
    const RpProblem *p = w->p;
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    const guint8 *blocked = p->blocked + i * p->n_t;
    w->csum[0] = 0;
    for (size_t t = 0; t < p->n_t; t++)
        w->csum[t + 1] = w->csum[t] + (blocked[t] == 2);
    for (size_t s = 0; s < p->n_sites; s++) {
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << s)))
            continue;
        double *vs = w->vsum + s * w->n_t1, *ns = w->nsum + s * w->n_t1;
        const double *v = value + s * p->n_t;
        vs[0] = ns[0] = 0.0;
        for (size_t t = 0; t < p->n_t; t++) {
            double x = blocked[t] == 2 ? 0.0 : v[t];
            vs[t + 1] = vs[t] + x;
            ns[t + 1] = ns[t] + x - rp_pay(p, i, (int)t);
        }
    }
}

/* The least loss from the breaks of shape `h`: each break takes its
 * value (and, unpaid, its pay) out of the shift.  Positions go to `pos`;
 * +INFINITY when the breaks cannot avoid the officer's commitments. */
static double
break_loss(RpWeek *w, const RpShape *h, int *pos)
{
    const double *vs = w->vsum + (size_t)h->site * w->n_t1;
    const double *ns = w->nsum + (size_t)h->site * w->n_t1;
    size_t width = (size_t)w->max_len + 1;
    if (h->n_breaks == 0)
        return 0.0;
    for (int k = 0; k < h->n_breaks; k++) {
        int lo = h->brk_lo[k], n = h->brk_hi[k] - lo + 1, len = h->brk_len[k];
        const double *sum = h->brk_paid[k] ? vs : ns;
        double *bloss = w->bloss + (size_t)k * width;
        const double *prev = bloss - width;
        double best_prev = INFINITY;
        int prev_at = -1, j = 0;
        for (int x = 0; x < n; x++) {
            int t = lo + x;
            double loss = w->csum[t + len] > w->csum[t] ? INFINITY
                                                        : sum[t + len] - sum[t];
            if (k > 0) {
                /* the best earlier break ending by t */
                int plo = h->brk_lo[k - 1], plen = h->brk_len[k - 1];
                int pn = h->brk_hi[k - 1] - plo + 1;
                while (j < pn && plo + j + plen <= t) {
                    if (prev[j] < best_prev) {
                        best_prev = prev[j];
                        prev_at = j;
                    }
                    j++;
                }
                loss += best_prev;
            }
            bloss[x] = loss;
            w->bfrom[(size_t)k * width + (size_t)x] = prev_at;
        }
    }
    int k = h->n_breaks - 1, at = -1;
    const double *last = w->bloss + (size_t)k * width;
    double best = INFINITY;
    for (int x = 0; x <= h->brk_hi[k] - h->brk_lo[k]; x++)
        if (last[x] < best) {
            best = last[x];
            at = x;
        }
    if (!isfinite(best))
        return INFINITY;
    for (; k >= 0; k--) {
        pos[k] = h->brk_lo[k] + at;
        at = w->bfrom[(size_t)k * width + (size_t)at];
    }
    return best;
}

/* Unmet preferences if officer i works shape h. */
static double
preference_cost(const RpProblem *p, size_t i, const RpShape *h)
{
    return rp_preference_cost(p, i, (size_t)h->day, h->start_min, h->end_min);
}

/* Fills w->opts[d] with the best shape per (paid, end, start class). */
static void
day_options(RpWeek *w, size_t i, size_t d)
{
    const RpProblem *p = w->p;
    size_t cell = i * p->n_d + d, c = (size_t)w->max_classes;
    GArray *opts = w->opts[d];
    g_array_set_size(opts, 0);
    for (int a = p->allow_first[cell]; a < p->allow_first[cell + 1]; a++) {
        const RpShape *h = rp_shape(p, p->allow[a]);
        const double *ns = w->nsum + (size_t)h->site * w->n_t1;
        int pos[RP_MAX_BREAKS];
        double loss = break_loss(w, h, pos);
        if (!isfinite(loss))
            continue;
        double v = ns[h->start + h->len] - ns[h->start] - loss -
                   preference_cost(p, i, h);
        size_t k = ((size_t)h->paid * c + (size_t)h->end_class) * c +
                   (size_t)h->start_class;
        if (w->slot[k] < 0) {
            Option fresh = {.value = -INFINITY, .shape = -1};
            w->slot[k] = (int)opts->len;
            g_array_append_val(opts, fresh);
        }
        Option *dst = &g_array_index(opts, Option, (guint)w->slot[k]);
        if (v <= dst->value)
            continue;
        *dst = (Option){.value = v,
                        .shape = p->allow[a],
                        .paid = h->paid,
                        .end_class = h->end_class,
                        .start_class = h->start_class};
        memcpy(dst->brk, pos, sizeof pos);
    }
    /* reset the slots touched */
    for (guint k = 0; k < opts->len; k++) {
        const Option *o = &g_array_index(opts, Option, k);
        w->slot[((size_t)o->paid * c + (size_t)o->end_class) * c +
                (size_t)o->start_class] = -1;
    }
}

static size_t
state_of(const Dims *m, int h, int n, int r, int c)
{
    return (((size_t)h * (size_t)m->nd + (size_t)n) * (size_t)m->nr +
            (size_t)r) *
               (size_t)m->nc +
           (size_t)c;
}

static void
dims_for(const RpWeek *w, size_t i, Dims *m)
{
    const RpProblem *p = w->p;
    int workable = 0, streak = 0, longest = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        gboolean any = w->opts[d]->len > 0;
        workable += any;
        streak = any ? streak + 1 : 0;
        int run = MIN(streak, p->max_days[i]) +
                  (streak == (int)d + 1 ? p->prev_run[i] : 0);
        longest = MAX(longest, run);
    }
    m->max_h = p->max_paid[i];
    m->nd = workable > p->max_days[i] ? p->max_days[i] + 1 : 1;
    m->nr = longest > p->max_run ? p->max_run + 1 : 1;
    m->nc = w->max_classes;
    m->n =
        (size_t)(m->max_h + 1) * (size_t)m->nd * (size_t)m->nr * (size_t)m->nc;
}

static void
ensure_states(RpWeek *w, size_t n)
{
    if (n <= w->cap_states)
        return;
    w->cap_states = n;
    w->layer[0] = g_renew(double, w->layer[0], n);
    w->layer[1] = g_renew(double, w->layer[1], n);
    w->back = g_renew(int, w->back, n *RP_ROSTER_MAX_DAYS);
    w->pick = g_renew(int, w->pick, n *RP_ROSTER_MAX_DAYS);
}

/* Relaxes state `to` of day d from `from` with value `v`. */
static inline void
relax(RpWeek *w, size_t n, size_t d, double *next, size_t from, size_t to,
      double v, int option)
{
    if (v > next[to]) {
        next[to] = v;
        w->back[d * n + to] = (int)from;
        w->pick[d * n + to] = option;
    }
}

/* One day of the weekly DP. */
static void
step_day(RpWeek *w, size_t i, size_t d, const Dims *m, const double *cur,
         double *next)
{
    const RpProblem *p = w->p;
    gboolean must = p->must_work[i * p->n_d + d];
    const GArray *opts = w->opts[d];
    for (size_t s = 0; s < m->n; s++)
        next[s] = -INFINITY;
    for (int h = 0; h <= m->max_h; h++)
        for (int n = 0; n < m->nd; n++)
            for (int r = 0; r < m->nr; r++)
                for (int c = 0; c < m->nc; c++) {
                    size_t s = state_of(m, h, n, r, c);
                    double v = cur[s];
                    if (isinf(v))
                        continue;
                    if (!must)
                        relax(w, m->n, d, next, s, state_of(m, h, n, 0, 0), v,
                              -1);
                    if ((m->nd > 1 && n + 1 >= m->nd) ||
                        (m->nr > 1 && r + 1 >= m->nr))
                        continue;
                    for (guint k = 0; k < opts->len; k++) {
                        const Option *o = &g_array_index(opts, Option, k);
                        if (h + o->paid > m->max_h || o->start_class < c)
                            continue;
                        relax(w, m->n, d, next, s,
                              state_of(m, h + o->paid, m->nd > 1 ? n + 1 : 0,
                                       m->nr > 1 ? r + 1 : 0, o->end_class),
                              v + o->value, (int)k);
                    }
                }
}

/* Fills the DP tables of officer i's week under `value` (dimensions in
 * w->dims). */
static void
run_dp(RpWeek *w, size_t i, const double *value)
{
    const RpProblem *p = w->p;
    Dims *m = &w->dims;
    prefix_sums(w, i, value);
    for (size_t d = 0; d < p->n_d; d++)
        day_options(w, i, d);
    dims_for(w, i, m);
    ensure_states(w, m->n);
    double *cur = w->layer[0], *next = w->layer[1];
    for (size_t s = 0; s < m->n; s++)
        cur[s] = -INFINITY;
    cur[state_of(m, 0, 0, m->nr > 1 ? MIN(p->prev_run[i], p->max_run) : 0, 0)] =
        0.0;
    for (size_t d = 0; d < p->n_d; d++) {
        step_day(w, i, d, m, cur, next);
        double *tmp = cur;
        cur = next;
        next = tmp;
    }
    w->last = cur;
}

/* The best final state with exactly `h` paid intervals (-INFINITY: none),
 * its index in *at. */
static double
best_final(const RpWeek *w, int h, size_t *at)
{
    const Dims *m = &w->dims;
    double best = -INFINITY;
    for (int n = 0; n < m->nd; n++)
        for (int r = 0; r < m->nr; r++)
            for (int cl = 0; cl < m->nc; cl++) {
                size_t s = state_of(m, h, n, r, cl);
                if (w->last[s] > best) {
                    best = w->last[s];
                    *at = s;
                }
            }
    return best;
}

/* The week that ends in final state `at`. */
static void
backtrack(const RpWeek *w, size_t at, RpPlan *plan)
{
    const RpProblem *p = w->p;
    size_t n = w->dims.n;
    for (size_t d = p->n_d; d-- > 0;) {
        int k = w->pick[d * n + at];
        plan->shape[d] = -1;
        if (k >= 0) {
            const Option *o = &g_array_index(w->opts[d], Option, (guint)k);
            plan->shape[d] = o->shape;
            memcpy(plan->brk[d], o->brk, sizeof o->brk);
        }
        at = (size_t)w->back[d * n + at];
    }
}

double
rp_week_best(RpWeek *w, size_t i, const double *value, RpPlan *plan)
{
    const RpProblem *p = w->p;
    run_dp(w, i, value);
    double best = -INFINITY;
    size_t at = 0;
    for (int h = p->min_paid[i]; h <= w->dims.max_h; h++) {
        size_t s = 0;
        double v = best_final(w, h, &s);
        if (v > best) {
            best = v;
            at = s;
        }
    }
    if (isinf(best))
        return best;
    backtrack(w, at, plan);
    return best;
}

size_t
rp_week_by_hours(RpWeek *w, size_t i, const double *value, RpPlan *plans,
                 double *values, size_t max)
{
    const RpProblem *p = w->p;
    run_dp(w, i, value);
    size_t n = 0;
    for (int h = p->min_paid[i]; h <= w->dims.max_h; h++) {
        size_t at = 0;
        double v = best_final(w, h, &at);
        if (isinf(v))
            continue;
        /* keep the `max` best, in falling order */
        size_t k = n < max ? n++ : max;
        if (k == max && v <= values[max - 1])
            continue;
        if (k == max)
            k = max - 1;
        for (; k > 0 && values[k - 1] < v; k--) {
            values[k] = values[k - 1];
            plans[k] = plans[k - 1];
        }
        values[k] = v;
        backtrack(w, at, &plans[k]);
    }
    return n;
}

double
rp_week_value(RpWeek *w, size_t i, const double *value, const RpPlan *plan)
{
    const RpProblem *p = w->p;
    prefix_sums(w, i, value);
    double total = 0.0;
    for (size_t d = 0; d < p->n_d; d++) {
        if (plan->shape[d] < 0)
            continue;
        const RpShape *h = rp_shape(p, plan->shape[d]);
        const double *vs = w->vsum + (size_t)h->site * w->n_t1;
        const double *ns = w->nsum + (size_t)h->site * w->n_t1;
        total +=
            ns[h->start + h->len] - ns[h->start] - preference_cost(p, i, h);
        for (int k = 0; k < h->n_breaks; k++) {
            const double *sum = h->brk_paid[k] ? vs : ns;
            int t = plan->brk[d][k];
            total -= sum[t + h->brk_len[k]] - sum[t];
        }
    }
    return total;
}
