/* intraday/replan.c - the rest of the day re-planned inside the published
 * shifts: (2) of intraday/intraday.h by local search.
 *
 * Key decision: every move keeps each shift's start, end and site and
 * each break's length and window, so the working-time rules the plan
 * kept stay kept without re-checking them; the search only chooses what
 * officers do and when, inside those limits, so it is small (officers x
 * intervals x queues) and runs in milliseconds. */
#include <math.h>
#include <string.h>

#include "intraday/intraday.h"

RpDayDemand *
rp_day_demand_new(size_t n_queues, size_t n_intervals, size_t max_officers)
{
    RpDayDemand *dd = g_new0(RpDayDemand, 1);
    dd->n_queues = n_queues;
    dd->n_intervals = n_intervals;
    dd->max_officers = max_officers;
    dd->miss = g_new0(double, n_queues *n_intervals *(max_officers + 1));
    dd->keep = g_new(double, n_queues *n_intervals);
    for (size_t i = 0; i < n_queues * n_intervals; i++)
        dd->keep[i] = INFINITY;
    dd->target_h = g_new0(double, n_queues);
    dd->price = g_new0(double, n_queues);
    dd->pool = -1;
    return dd;
}

void
rp_day_demand_free(RpDayDemand *dd)
{
    if (dd == NULL)
        return;
    g_free(dd->miss);
    g_free(dd->keep);
    g_free(dd->target_h);
    g_free(dd->price);
    g_free(dd->share);
    g_free(dd);
}

void
rp_replan_params_init(RpReplanParams *p)
{
    p->max_sweeps = 50;
}

static const RpDayOfficer *
officer(const RpDay *d, size_t o)
{
    return g_ptr_array_index(d->officers, (guint)o);
}

void
rp_day_staffed(const RpDay *d, const double *const *skill, double *staffed)
{
    size_t nq = d->centre->queues->len, n = d->n_intervals;
    memset(staffed, 0, nq * n * sizeof *staffed);
    for (guint o = 0; o < d->officers->len; o++) {
        const RpDayOfficer *off = officer(d, o);
        guint64 desks = rp_site_desks(d->centre, off->site, skill[o]);
        guint n_desks = (guint)__builtin_popcountll(desks);
        for (size_t t = 0; t < n; t++) {
            int a = off->activity[t];
            RpPosition pos;
            if (a >= 0)
                staffed[(size_t)a * n + t] += skill[o][a];
            else if (n_desks > 0 && rp_day_position(a, &pos) &&
                     pos.kind == RP_POSITION_BLENDED)
                for (size_t q = 0; q < nq; q++)
                    if (desks >> q & 1)
                        staffed[q * n + t] += skill[o][q] / n_desks;
        }
    }
}

/* miss_q,t(n) of (2), linear between whole officers. */
static double
miss_at(const RpDayDemand *dd, size_t q, size_t t, double n)
{
    const double *m =
        dd->miss + (q * dd->n_intervals + t) * (dd->max_officers + 1);
    if (n >= (double)dd->max_officers)
        return m[dd->max_officers];
    double k = floor(n);
    size_t i = (size_t)k;
    return m[i] + (n - k) * (m[i + 1] - m[i]);
}

static double
deferred_cost(const RpDayDemand *dd, size_t q, double done_h)
{
    return dd->price[q] * MAX(0.0, dd->target_h[q] - done_h);
}

/* The search's state: staffing and deferred hours kept up to date. */
typedef struct {
    RpDay *d;
    const double *const *skill;
    const RpDayDemand *dd;
    size_t from, n, nq;
    double *staffed; /* [q * n + t] */
    double *done_h;  /* per queue, from `from` on */
    guint8 *open;    /* [q * n + t]: open then */
    gboolean *deferred;
    double interval_h;
} Search;

static double
cell_cost(const Search *s, size_t q, size_t t)
{
    return s->deferred[q] ? 0.0
                          : miss_at(s->dd, q, t, s->staffed[q * s->n + t]);
}

/* What officer o counts on each queue while on activity a when it
 * stands for several (the pool, or phones:NAME of a profile), or NULL. */
static const double *
shares(const Search *s, size_t o, int a)
{
    const RpDayDemand *dd = s->dd;
    RpPosition pos;
    size_t block;
    if (dd->share == NULL || o >= dd->n_officers)
        return NULL;
    if (a >= 0 && a == dd->pool)
        block = 0;
    else if (a < 0 && rp_day_position(a, &pos) &&
             pos.kind == RP_POSITION_PHONES && pos.profile >= 0)
        block = 1 + (size_t)pos.profile;
    else
        return NULL;
    return dd->share + (block * dd->n_officers + o) * s->nq;
}

/* Adds `sign` times `share` (per queue) at t; returns the change of J. */
static double
add_pooled(Search *s, const double *share, size_t t, double sign)
{
    double delta = 0.0;
    for (size_t q = 0; q < s->nq; q++) {
        double w = share[q];
        if (w <= 0.0)
            continue;
        double before = cell_cost(s, q, t);
        s->staffed[q * s->n + t] += sign * w;
        delta += cell_cost(s, q, t) - before;
    }
    return delta;
}

/* Sets officer o's activity at t to `a`; returns the change of J. */
static double
set_activity(Search *s, size_t o, size_t t, int a)
{
    RpDayOfficer *off = g_ptr_array_index(s->d->officers, (guint)o);
    int was = off->activity[t];
    if (was == a)
        return 0.0;
    double delta = 0.0;
    int qs[2] = {was, a};
    double sign[2] = {-1.0, 1.0};
    for (int i = 0; i < 2; i++) {
        const double *share = shares(s, o, qs[i]);
        if (share != NULL) {
            delta += add_pooled(s, share, t, sign[i]);
            continue;
        }
        if (qs[i] < 0)
            continue;
        size_t q = (size_t)qs[i];
        double w = s->skill[o][q] * sign[i];
        if (s->deferred[q]) {
            double before = deferred_cost(s->dd, q, s->done_h[q]);
            s->done_h[q] += w * s->interval_h;
            delta += deferred_cost(s->dd, q, s->done_h[q]) - before;
        } else {
            double before = cell_cost(s, q, t);
            s->staffed[q * s->n + t] += w;
            delta += cell_cost(s, q, t) - before;
        }
    }
    off->activity[t] = (gint16)a;
    return delta;
}

/* May officer o work queue q at interval t? */
static gboolean
may_work(const Search *s, size_t o, size_t q, size_t t)
{
    const RpDayOfficer *off = officer(s->d, o);
    int site = rp_centre_queue(s->d->centre, q)->site;
    return s->skill[o][q] > 0.0 && s->open[q * s->n + t] &&
           (site < 0 || site == off->site);
}

static gboolean
movable(int a)
{
    return a >= 0 || a == RP_DAY_IDLE;
}

/* May officer o leave what they do at t (a desk only where it keeps its
 * standard without them)? */
static gboolean
may_leave(const Search *s, size_t o, size_t t)
{
    int was = officer(s->d, o)->activity[t];
    if (!movable(was))
        return FALSE;
    if (was < 0 || s->deferred[was])
        return TRUE;
    const double *share = shares(s, o, was);
    if (share != NULL) {
        for (size_t q = 0; q < s->nq; q++) {
            double w = share[q];
            if (w > 0.0 &&
                miss_at(s->dd, q, t, MAX(0.0, s->staffed[q * s->n + t] - w)) >
                    s->dd->keep[q * s->n + t] + 1e-9)
                return FALSE;
        }
        return TRUE;
    }
    size_t q = (size_t)was;
    double left = s->staffed[q * s->n + t] - s->skill[o][q];
    return miss_at(s->dd, q, t, MAX(0.0, left)) <=
           s->dd->keep[q * s->n + t] + 1e-9;
}

/* The best activity for officer o at t, real-time queues only when
 * `realtime`; applies it and returns the change of J (<= 0 unless
 * `realtime`, when it is the best change whatever its sign). */
static double
best_move(Search *s, size_t o, size_t t, gboolean realtime)
{
    RpDayOfficer *off = g_ptr_array_index(s->d->officers, (guint)o);
    int was = off->activity[t], best = was;
    double best_delta = realtime ? INFINITY : 0.0;
    if (!may_leave(s, o, t))
        return 0.0;
    for (int a = realtime ? 0 : RP_DAY_IDLE; a < (int)s->nq; a++) {
        if (realtime && s->deferred[a])
            continue;
        if (a == was || (a >= 0 && !may_work(s, o, (size_t)a, t)) ||
            (a < 0 && a != RP_DAY_IDLE))
            continue;
        double delta = set_activity(s, o, t, a);
        set_activity(s, o, t, was);
        if (delta < best_delta - 1e-12) {
            best_delta = delta;
            best = a;
        }
    }
    return best == was ? 0.0 : set_activity(s, o, t, best);
}

static double
best_activity(Search *s, size_t o, size_t t)
{
    return best_move(s, o, t, FALSE);
}

/* Deferred work out of the peak: officer o leaves deferred queue q at t
 * for the best real-time queue, and another officer-interval from
 * `from` on takes up q instead (where it costs least).  Kept only if the
 * pair lowers J; returns the change (< 0), or 0 with nothing changed. */
static double
defer_move(Search *s, size_t o, size_t t)
{
    RpDayOfficer *off = g_ptr_array_index(s->d->officers, (guint)o);
    int q = off->activity[t];
    if (q < 0 || !s->deferred[q])
        return 0.0;
    double d1 = best_move(s, o, t, TRUE);
    if (off->activity[t] == q)
        return 0.0;
    size_t best_o = 0, best_t = 0;
    double best = INFINITY;
    for (size_t o2 = 0; o2 < s->d->officers->len; o2++) {
        const RpDayOfficer *x = officer(s->d, o2);
        for (size_t t2 = MAX(s->from, x->start); t2 < x->end; t2++) {
            int a = x->activity[t2];
            if ((o2 == o && t2 == t) || a == q || !may_leave(s, o2, t2) ||
                !may_work(s, o2, (size_t)q, t2))
                continue;
            double d2 = set_activity(s, o2, t2, q);
            set_activity(s, o2, t2, a);
            if (d2 < best) {
                best = d2;
                best_o = o2;
                best_t = t2;
            }
        }
    }
    if (d1 + best < -1e-9)
        return d1 + set_activity(s, best_o, best_t, q);
    set_activity(s, o, t, q);
    return 0.0;
}

/* Moves break k of officer o to start at `at`; returns the change of J,
 * the vacated intervals given their best activity. */
static double
place_break(Search *s, size_t o, int k, size_t at)
{
    RpDayOfficer *off = g_ptr_array_index(s->d->officers, (guint)o);
    int code = off->break_paid[k] ? RP_DAY_BREAK : RP_DAY_LUNCH;
    size_t old = off->break_start[k], len = off->break_len[k];
    double delta = 0.0;
    for (size_t t = old; t < old + len; t++)
        off->activity[t] = RP_DAY_IDLE;
    for (size_t t = at; t < at + len; t++)
        delta += set_activity(s, o, t, RP_DAY_IDLE);
    for (size_t t = at; t < at + len; t++)
        off->activity[t] = (gint16)code;
    off->break_start[k] = at;
    for (size_t t = old; t < old + len; t++)
        if (off->activity[t] == RP_DAY_IDLE)
            delta += best_activity(s, o, t);
    return delta;
}

/* Can break k of officer o start at `at` (inside its window, the shift,
 * after the break before and before the next, over no commitment and no
 * desk that needs them)? */
static gboolean
break_fits(const Search *s, size_t o, int k, size_t at)
{
    const RpDayOfficer *off = officer(s->d, o);
    size_t len = off->break_len[k];
    if (at < off->break_earliest[k] || at > off->break_latest[k] ||
        at < s->from || at <= off->start || at + len >= off->end)
        return FALSE;
    if (k > 0 && at < off->break_start[k - 1] + off->break_len[k - 1])
        return FALSE;
    if (k + 1 < off->n_breaks && at + len > off->break_start[k + 1])
        return FALSE;
    for (size_t t = at; t < at + len; t++) {
        int a = off->activity[t];
        gboolean own =
            t >= off->break_start[k] && t < off->break_start[k] + len;
        if (!own && (!movable(a) || !may_leave(s, o, t)))
            return FALSE;
    }
    return TRUE;
}

/* Tries every place for every break not yet started; keeps the best. */
static gboolean
improve_breaks(Search *s, size_t *moved)
{
    gboolean better = FALSE;
    for (size_t o = 0; o < s->d->officers->len; o++) {
        RpDayOfficer *off = g_ptr_array_index(s->d->officers, (guint)o);
        for (int k = 0; k < off->n_breaks; k++) {
            size_t home = off->break_start[k];
            if (home < s->from ||
                off->break_earliest[k] == off->break_latest[k])
                continue;
            g_autofree gint16 *keep =
                g_memdup2(off->activity, s->n * sizeof(gint16));
            size_t best_at = home;
            double best = 0.0;
            for (size_t at = off->break_earliest[k]; at <= off->break_latest[k];
                 at++) {
                if (at == home || !break_fits(s, o, k, at))
                    continue;
                double delta = place_break(s, o, k, at);
                /* back to where it was */
                for (size_t t = 0; t < s->n; t++)
                    if (off->activity[t] != keep[t])
                        set_activity(s, o, t, keep[t]);
                off->break_start[k] = home;
                if (delta < best - 1e-9) {
                    best = delta;
                    best_at = at;
                }
            }
            if (best_at != home) {
                place_break(s, o, k, best_at);
                (*moved)++;
                better = TRUE;
            }
        }
    }
    return better;
}

static void
search_init(Search *s, RpDay *d, const double *const *skill,
            const RpDayDemand *dd, size_t from)
{
    const RpCentre *c = d->centre;
    s->d = d;
    s->skill = skill;
    s->dd = dd;
    s->from = from;
    s->n = d->n_intervals;
    s->nq = c->queues->len;
    s->interval_h = c->interval_min / 60.0;
    s->staffed = g_new(double, s->nq * s->n);
    rp_day_staffed(d, skill, s->staffed);
    /* officers on the pool or a profile's phones count by their shares */
    for (size_t o = 0; dd->share != NULL && o < d->officers->len; o++) {
        const RpDayOfficer *off = officer(d, o);
        for (size_t t = 0; t < s->n; t++) {
            int a = off->activity[t];
            const double *share = shares(s, o, a);
            if (share == NULL)
                continue;
            if (a >= 0)
                s->staffed[(size_t)a * s->n + t] -= skill[o][a];
            for (size_t q = 0; q < s->nq; q++)
                s->staffed[q * s->n + t] += share[q];
        }
    }
    s->done_h = g_new0(double, s->nq);
    s->open = g_new0(guint8, s->nq * s->n);
    s->deferred = g_new0(gboolean, s->nq);
    gint64 step = rp_centre_interval_s(c);
    for (size_t q = 0; q < s->nq; q++) {
        s->deferred[q] = rp_channel_is_deferred(rp_centre_queue(c, q)->channel);
        for (size_t t = 0; t < s->n; t++) {
            s->open[q * s->n + t] = (guint8)rp_centre_queue_open_at(
                c, q, d->start_utc + (gint64)t * step);
            if (t >= from)
                s->done_h[q] += s->staffed[q * s->n + t] * s->interval_h;
        }
    }
}

static void
search_clear(Search *s)
{
    g_free(s->staffed);
    g_free(s->done_h);
    g_free(s->open);
    g_free(s->deferred);
}

static double
search_cost(const Search *s)
{
    double j = 0.0;
    for (size_t q = 0; q < s->nq; q++) {
        if (s->deferred[q]) {
            j += deferred_cost(s->dd, q, s->done_h[q]);
            continue;
        }
        for (size_t t = s->from; t < s->n; t++)
            j += cell_cost(s, q, t);
    }
    return j;
}

double
rp_day_cost(const RpDay *d, const double *const *skill, const RpDayDemand *dd,
            size_t from)
{
    Search s;
    /* search_init only reads the day */
    search_init(&s, (RpDay *)(gintptr)d, skill, dd, from);
    double j = search_cost(&s);
    search_clear(&s);
    return j;
}

void
rp_day_replan(RpDay *d, const double *const *skill, const RpDayDemand *dd,
              size_t from, const RpReplanParams *params, RpReplanResult *result)
{
    RpReplanParams defaults;
    if (params == NULL) {
        rp_replan_params_init(&defaults);
        params = &defaults;
    }
    g_autoptr(RpDay) before = rp_day_copy(d);
    Search s;
    search_init(&s, d, skill, dd, from);
    memset(result, 0, sizeof *result);
    result->cost_before = search_cost(&s);
    gboolean better = TRUE;
    while (better && result->sweeps < params->max_sweeps) {
        better = FALSE;
        result->sweeps++;
        for (size_t o = 0; o < d->officers->len; o++) {
            const RpDayOfficer *off = officer(d, o);
            for (size_t t = MAX(from, off->start); t < off->end; t++)
                if (movable(off->activity[t]) &&
                    (best_activity(&s, o, t) < -1e-9 ||
                     defer_move(&s, o, t) < -1e-9))
                    better = TRUE;
        }
        size_t moves = 0;
        if (improve_breaks(&s, &moves))
            better = TRUE;
    }
    result->cost_after = search_cost(&s);
    for (size_t o = 0; o < d->officers->len; o++) {
        const RpDayOfficer *a = officer(d, o), *b = officer(before, o);
        for (size_t t = from; t < d->n_intervals; t++)
            if (a->activity[t] != b->activity[t] && movable(a->activity[t]) &&
                movable(b->activity[t]))
                result->n_moved++;
        for (int k = 0; k < a->n_breaks; k++)
            if (a->break_start[k] != b->break_start[k])
                result->n_breaks++;
    }
    search_clear(&s);
}
