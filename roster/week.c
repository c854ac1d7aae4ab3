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
 * the usual state space is just the paid hours.
 *
 * Start times (6): each start time of the week beyond the first costs
 * start_price, which the day-by-day DP cannot count (it would need the
 * set of start times used so far).  It counts instead
 *
 *   start_price x [the week has two start times or more]           (8)
 *
 * which is never more than start_price x (distinct starts - 1) and equal
 * to it for one or two: the best week under (8) is the better of the best
 * week with every shift at one start time S (a DP over the options that
 * start at S, for each S) and the best week of all less start_price.  The
 * first DP is the best week of all; only when that week has two start
 * times or more are the per-start DPs run (and only for starts whose
 * week could still win, by a bound that ignores the weekly rules). */
#include <math.h>
#include <string.h>

#include "roster/roster_int.h"

/* The best shape of a day for one (paid, end class, start class). */
typedef struct {
    double value;
    int shape;
    int paid, end_class, start_class;
    int start; /* start time: index in RpWeek.start_min */
    int brk[RP_MAX_BREAKS];
} Option;

typedef struct {
    int nd, nr, nc, max_h; /* dimensions: days, run, classes; hours 0..max_h */
    size_t n;              /* states */
} Dims;

struct RpWeek {
    const RpProblem *p;
    size_t n_t1;       /* n_t + 1 */
    double *vsum;      /* [site * n_t1 + t]: prefix sums of values */
    double *nsum;      /* [site * n_t1 + t]: prefix sums of value - pay */
    int *csum;         /* [t]: prefix counts of committed intervals */
    int max_len;       /* longest shape (intervals) */
    int max_classes;   /* most rest classes of a day */
    int *slot;         /* [(paid * C + ec) * C + sc]: index in the day's
                          options, or -1 */
    int *sslot;        /* the same by start: [slot * S + start] */
    GArray *scratch;   /* Option */
    int n_starts;      /* S: distinct start times (local minutes) of shapes */
    int *start_min;    /* [S] those minutes, rising */
    int *shape_start;  /* [shape]: index of its start in start_min */
    gboolean by_start; /* start times are priced: (8) */
    gboolean at_least; /* weeks of the least paid hours only */
    GArray *opts[RP_ROSTER_MAX_DAYS];  /* Option, per day: the best per
                                          (paid, end class, start class) */
    GArray *sopts[RP_ROSTER_MAX_DAYS]; /* Option, per day: the best per
                                          (paid, end class, start class,
                                          start), by start */
    int *sfirst; /* [d * (S + 1) + start]: its range in sopts[d] */
    const Option *used[RP_ROSTER_MAX_DAYS]; /* options of the last DP */
    double *layer[2];                       /* DP values */
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
    /* distinct start minutes, rising */
    w->start_min = g_new(int, p->shapes->len + 1);
    w->shape_start = g_new(int, p->shapes->len + 1);
    for (guint h = 0; h < p->shapes->len; h++) {
        int m = rp_shape(p, (int)h)->start_min, k = 0;
        while (k < w->n_starts && w->start_min[k] < m)
            k++;
        if (k < w->n_starts && w->start_min[k] == m)
            continue;
        memmove(w->start_min + k + 1, w->start_min + k,
                (size_t)(w->n_starts - k) * sizeof(int));
        w->start_min[k] = m;
        w->n_starts++;
    }
    for (guint h = 0; h < p->shapes->len; h++) {
        int k = 0;
        while (w->start_min[k] != rp_shape(p, (int)h)->start_min)
            k++;
        w->shape_start[h] = k;
    }
    w->by_start = p->start_price > 0.0 && w->n_starts > 1;
    size_t c = (size_t)w->max_classes, width = (size_t)w->max_len + 1;
    size_t n_s = (size_t)MAX(w->n_starts, 1);
    w->slot = g_new(int, width *c *c);
    for (size_t k = 0; k < width * c * c; k++)
        w->slot[k] = -1;
    w->sslot = g_new(int, width *c *c *n_s);
    for (size_t k = 0; k < width * c * c * n_s; k++)
        w->sslot[k] = -1;
    w->scratch = g_array_new(FALSE, FALSE, sizeof(Option));
    w->sfirst = g_new0(int, p->n_d *(n_s + 1));
    w->bloss = g_new(double, RP_MAX_BREAKS *width);
    w->bfrom = g_new(int, RP_MAX_BREAKS *width);
    for (size_t d = 0; d < p->n_d; d++) {
        w->opts[d] = g_array_new(FALSE, FALSE, sizeof(Option));
        w->sopts[d] = g_array_new(FALSE, FALSE, sizeof(Option));
    }
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
    g_free(w->sslot);
    g_array_unref(w->scratch);
    g_free(w->start_min);
    g_free(w->shape_start);
    g_free(w->sfirst);
    g_free(w->bloss);
    g_free(w->bfrom);
    for (size_t d = 0; d < w->p->n_d; d++) {
        g_array_unref(w->opts[d]);
        g_array_unref(w->sopts[d]);
    }
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

/* Keeps `o` in `opts` if it is the best of its slot so far; `slot` maps
 * slots to indices in `opts` (-1: none yet). */
static void
keep_option(int *slot, GArray *opts, size_t k, const Option *o)
{
    if (slot[k] < 0) {
        Option fresh = {.value = -INFINITY, .shape = -1};
        slot[k] = (int)opts->len;
        g_array_append_val(opts, fresh);
    }
    Option *dst = &g_array_index(opts, Option, (guint)slot[k]);
    if (o->value > dst->value)
        *dst = *o;
}

/* The slot of (paid, end class, start class) and, when `by_start`, the
 * start. */
static size_t
slot_of(const RpWeek *w, const Option *o, gboolean by_start)
{
    size_t c = (size_t)w->max_classes;
    size_t k = ((size_t)o->paid * c + (size_t)o->end_class) * c +
               (size_t)o->start_class;
    return by_start ? k * (size_t)w->n_starts + (size_t)o->start : k;
}

/* Fills w->opts[d] with the best shape per (paid, end, start class) and,
 * when start times are priced, w->sopts[d] with the best per (paid, end,
 * start class, start), by start. */
static void
day_options(RpWeek *w, size_t i, size_t d)
{
    const RpProblem *p = w->p;
    size_t cell = i * p->n_d + d;
    GArray *opts = w->opts[d], *sopts = w->sopts[d];
    g_array_set_size(opts, 0);
    g_array_set_size(sopts, 0);
    for (int a = p->allow_first[cell]; a < p->allow_first[cell + 1]; a++) {
        const RpShape *h = rp_shape(p, p->allow[a]);
        const double *ns = w->nsum + (size_t)h->site * w->n_t1;
        Option o = {.shape = p->allow[a],
                    .paid = h->paid,
                    .end_class = h->end_class,
                    .start_class = h->start_class,
                    .start = w->shape_start[p->allow[a]]};
        double loss = break_loss(w, h, o.brk);
        if (!isfinite(loss))
            continue;
        o.value = ns[h->start + h->len] - ns[h->start] - loss -
                  preference_cost(p, i, h);
        keep_option(w->slot, opts, slot_of(w, &o, FALSE), &o);
        if (w->by_start)
            keep_option(w->sslot, sopts, slot_of(w, &o, TRUE), &o);
    }
    for (guint k = 0; k < opts->len; k++)
        w->slot[slot_of(w, &g_array_index(opts, Option, k), FALSE)] = -1;
    for (guint k = 0; k < sopts->len; k++)
        w->sslot[slot_of(w, &g_array_index(sopts, Option, k), TRUE)] = -1;
    if (!w->by_start)
        return;
    /* by start, each start's options in the order found */
    int n_s = w->n_starts, *first = w->sfirst + d * (size_t)(n_s + 1);
    memset(first, 0, (size_t)(n_s + 1) * sizeof(int));
    for (guint k = 0; k < sopts->len; k++)
        first[g_array_index(sopts, Option, k).start + 1]++;
    for (int k = 0; k < n_s; k++)
        first[k + 1] += first[k];
    g_autofree int *at = g_memdup2(first, (size_t)n_s * sizeof(int));
    g_array_set_size(w->scratch, sopts->len);
    for (guint k = 0; k < sopts->len; k++) {
        const Option *o = &g_array_index(sopts, Option, k);
        g_array_index(w->scratch, Option, (guint)at[o->start]++) = *o;
    }
    GArray *tmp = w->sopts[d];
    w->sopts[d] = w->scratch;
    w->scratch = tmp;
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
    m->max_h = w->at_least ? p->min_paid[i] : p->max_paid[i];
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

/* One day of the weekly DP over the `n_opts` options `opts`. */
static void
step_day(RpWeek *w, size_t i, size_t d, const Dims *m, const double *cur,
         double *next, const Option *opts, int n_opts)
{
    const RpProblem *p = w->p;
    gboolean must = p->must_work[i * p->n_d + d];
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
                    for (int k = 0; k < n_opts; k++) {
                        const Option *o = &opts[k];
                        if (h + o->paid > m->max_h || o->start_class < c)
                            continue;
                        relax(w, m->n, d, next, s,
                              state_of(m, h + o->paid, m->nd > 1 ? n + 1 : 0,
                                       m->nr > 1 ? r + 1 : 0, o->end_class),
                              v + o->value, k);
                    }
                }
}

/* Officer i's day options under `value` and the DP's dimensions (in
 * w->dims). */
static void
prepare(RpWeek *w, size_t i, const double *value)
{
    const RpProblem *p = w->p;
    prefix_sums(w, i, value);
    for (size_t d = 0; d < p->n_d; d++)
        day_options(w, i, d);
    dims_for(w, i, &w->dims);
    ensure_states(w, w->dims.n);
}

/* The options of day d with start `start` (-1: every start). */
static const Option *
options(const RpWeek *w, size_t d, int start, int *n)
{
    if (start < 0) {
        *n = (int)w->opts[d]->len;
        return (const Option *)(void *)w->opts[d]->data;
    }
    const int *first = w->sfirst + d * (size_t)(w->n_starts + 1);
    *n = first[start + 1] - first[start];
    return (const Option *)(void *)w->sopts[d]->data + first[start];
}

/* Fills the DP tables of officer i's week, prepared, over the options
 * with start `start` (-1: all). */
static void
run_dp(RpWeek *w, size_t i, int start)
{
    const RpProblem *p = w->p;
    const Dims *m = &w->dims;
    double *cur = w->layer[0], *next = w->layer[1];
    for (size_t s = 0; s < m->n; s++)
        cur[s] = -INFINITY;
    cur[state_of(m, 0, 0, m->nr > 1 ? MIN(p->prev_run[i], p->max_run) : 0, 0)] =
        0.0;
    for (size_t d = 0; d < p->n_d; d++) {
        int n;
        w->used[d] = options(w, d, start, &n);
        step_day(w, i, d, m, cur, next, w->used[d], n);
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
            const Option *o = &w->used[d][k];
            plan->shape[d] = o->shape;
            memcpy(plan->brk[d], o->brk, sizeof o->brk);
        }
        at = (size_t)w->back[d * n + at];
    }
}

/* The best week of the last DP, into `plan` (untouched if none). */
static double
best_week(RpWeek *w, size_t i, RpPlan *plan)
{
    double best = -INFINITY;
    size_t at = 0;
    for (int h = w->p->min_paid[i]; h <= w->dims.max_h; h++) {
        size_t s = 0;
        double v = best_final(w, h, &s);
        if (v > best) {
            best = v;
            at = s;
        }
    }
    if (isfinite(best))
        backtrack(w, at, plan);
    return best;
}

/* Distinct start times of `plan`. */
static int
plan_starts(const RpWeek *w, const RpPlan *plan)
{
    const RpProblem *p = w->p;
    int seen[RP_ROSTER_MAX_DAYS], n = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        if (plan->shape[d] < 0)
            continue;
        int k = w->shape_start[plan->shape[d]], j = 0;
        while (j < n && seen[j] != k)
            j++;
        if (j == n)
            seen[n++] = k;
    }
    return n;
}

/* An upper bound on the best week of officer i with every shift at start
 * `start`: each day's best option, or a day off, ignoring the weekly
 * rules. */
static double
start_ceiling(const RpWeek *w, size_t i, int start)
{
    const RpProblem *p = w->p;
    double sum = 0.0;
    for (size_t d = 0; d < p->n_d; d++) {
        int n;
        const Option *o = options(w, d, start, &n);
        double best = p->must_work[i * p->n_d + d] ? -INFINITY : 0.0;
        for (int k = 0; k < n; k++)
            best = MAX(best, o[k].value);
        sum += best;
    }
    return sum;
}

void
rp_week_count_starts(RpWeek *w, gboolean on)
{
    w->by_start = on && w->p->start_price > 0.0 && w->n_starts > 1;
}

void
rp_week_least_hours(RpWeek *w, gboolean on)
{
    w->at_least = on;
}

double
rp_week_best(RpWeek *w, size_t i, const double *value, RpPlan *plan)
{
    const RpProblem *p = w->p;
    prepare(w, i, value);
    run_dp(w, i, -1);
    double best = best_week(w, i, plan);
    int k = isfinite(best) && w->by_start ? plan_starts(w, plan) : 1;
    if (k < 2)
        return best;
    /* (8): the best week of all pays one start time more; a week of one
     * start time may beat it */
    double relaxed = best - p->start_price;
    double real = best - p->start_price * (k - 1), one = -INFINITY;
    RpPlan mine;
    for (int s = 0; s < w->n_starts; s++) {
        if (start_ceiling(w, i, s) <= MAX(real, one))
            continue;
        run_dp(w, i, s);
        double v = best_week(w, i, &mine);
        if (v > one) {
            one = v;
            if (v > real)
                *plan = mine;
        }
    }
    return MAX(relaxed, one);
}

size_t
rp_week_by_hours(RpWeek *w, size_t i, const double *value, RpPlan *plans,
                 double *values, size_t max)
{
    const RpProblem *p = w->p;
    prepare(w, i, value);
    run_dp(w, i, -1);
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

/* Whether shape h may be officer i's shift on day d with breaks `brk`. */
static gboolean
shift_lawful(const RpProblem *p, size_t i, size_t d, int h, const int *brk)
{
    size_t cell = i * p->n_d + d;
    gboolean allowed = FALSE;
    for (int a = p->allow_first[cell]; a < p->allow_first[cell + 1]; a++)
        allowed |= p->allow[a] == h;
    if (!allowed)
        return FALSE;
    const RpShape *sh = rp_shape(p, h);
    const guint8 *blocked = p->blocked + i * p->n_t;
    for (int k = 0; k < sh->n_breaks; k++) {
        if (brk[k] < sh->brk_lo[k] || brk[k] > sh->brk_hi[k] ||
            (k > 0 && brk[k] < brk[k - 1] + sh->brk_len[k - 1]))
            return FALSE;
        for (int t = brk[k]; t < brk[k] + sh->brk_len[k]; t++)
            if (blocked[t] == 2)
                return FALSE;
    }
    return TRUE;
}

gboolean
rp_week_lawful(const RpProblem *p, size_t i, const RpPlan *plan)
{
    int paid = 0, days = 0, run = MIN(p->prev_run[i], p->max_run);
    int end_class = 0;
    for (size_t d = 0; d < p->n_d; d++) {
        int h = plan->shape[d];
        if (h < 0) {
            if (p->must_work[i * p->n_d + d])
                return FALSE;
            run = 0;
            end_class = 0;
            continue;
        }
        const RpShape *sh = rp_shape(p, h);
        if (!shift_lawful(p, i, d, h, plan->brk[d]) ||
            sh->start_class < end_class || ++days > p->max_days[i] ||
            ++run > p->max_run)
            return FALSE;
        paid += sh->paid;
        end_class = sh->end_class;
    }
    return paid >= p->min_paid[i] && paid <= p->max_paid[i];
}
