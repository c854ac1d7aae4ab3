/* models/evaluate.c - service of a staffing plan, interval by interval and
 * day by day.
 *
 * Daily figures of real-time queues weight each interval by its contacts
 * (service level, abandonment) or by its answered contacts (ASA), never a
 * plain average of intervals (queueing.md section 4).  Deferred work is
 * followed first in, first out, in lots of items counted to one working
 * day: the opening backlog (given, or left by turns of the period worked
 * as planned, which is the level the plan carries from period to period),
 * then the period as staffed.  At the close of each working day the lots
 * whose deadline it is and that are not done are late: they count against
 * that day, once, and stay in the backlog.  Lots whose deadline falls
 * after the period are carried out of it (RpEvaluation.backlog), not
 * judged: the next period's evaluation picks them up. */
#include "models/evaluate.h"

#include <math.h>

#include "common/error.h"
#include "models/models_int.h"
#include "models/staffing.h"

#define MET_TOLERANCE 1e-9 /* items late below this count as none */

static void
add_miss(GArray *misses, guint queue, gint64 start, gint64 day,
         const char *what, double achieved, double target)
{
    RpEvalMiss m = {queue, start, day, what, achieved, target};
    g_array_append_val(misses, m);
}

/* Lists each target of `s` that `m` misses. */
static void
list_misses(GArray *misses, const RpStandard *s, const RpErlangMetrics *m,
            guint queue, gint64 start, gint64 day)
{
    if (!isnan(s->service_level) && !(m->service_level >= s->service_level))
        add_miss(misses, queue, start, day, "service_level", m->service_level,
                 s->service_level);
    if (!isnan(s->asa_max_s) && !(m->asa_s <= s->asa_max_s))
        add_miss(misses, queue, start, day, "asa", m->asa_s, s->asa_max_s);
    if (!isnan(s->abandon_max) && !(m->p_abandon <= s->abandon_max))
        add_miss(misses, queue, start, day, "abandon", m->p_abandon,
                 s->abandon_max);
    if (start != G_MININT64 && !isnan(s->occupancy_max) &&
        !(m->occupancy <= s->occupancy_max))
        add_miss(misses, queue, start, day, "occupancy", m->occupancy,
                 s->occupancy_max);
}

/* Sums of one real-time queue-day, for contact-weighted averages. */
typedef struct {
    double contacts, answered, sl, asa, ab, staffed_h, required_h;
} DaySums;

static gboolean
evaluate_interval(const RpCentre *c, const RpRequirement *r, double staffed,
                  RpEvalInterval *out, GError **error)
{
    const RpQueue *q = rp_centre_queue(c, r->queue);
    out->staffed = staffed;
    out->metrics = (RpErlangMetrics){NAN, NAN, NAN, NAN, NAN, TRUE};
    out->meets = TRUE;
    if (rp_channel_is_deferred(q->channel) || !r->open)
        return TRUE;
    RpQueueLoad load = {r->traffic, r->aht_s, q->patience_s};
    if (!rp_erlang_metrics(&load, staffed, q->standard.answer_within_s,
                           &out->metrics, error))
        return FALSE;
    out->meets = rp_standard_met(&q->standard, &out->metrics);
    return TRUE;
}

/* Calls routed by skill: the open phone lines of each interval share
 * their officers, so each line shows the service of the pool with all of
 * them (models/pooled.c), against its own standard. */
static gboolean
evaluate_pools(const RpCentre *c, const RpRequirements *req, RpEvaluation *e,
               GError **error)
{
    const RpRequirement *rows = (const RpRequirement *)(void *)req->rows->data;
    size_t n = req->rows->len;
    g_autofree const RpRequirement **group =
        g_new(const RpRequirement *, n + 1);
    g_autofree size_t *at = g_new(size_t, n + 1);
    for (size_t i = 0; i < n;) {
        size_t j = i, k = 0;
        double staffed = 0.0;
        for (; j < n && rows[j].start == rows[i].start; j++) {
            if (!rows[j].open ||
                rp_centre_queue(c, rows[j].queue)->channel != RP_CHANNEL_PHONE)
                continue;
            group[k] = &rows[j];
            at[k++] = j;
            staffed += g_array_index(e->intervals, RpEvalInterval, j).staffed;
        }
        i = j;
        if (k < 2)
            continue;
        RpQueueLoad load;
        RpStandard s;
        RpErlangMetrics m;
        rp_pool_load(c, group, k, &load, &s);
        if (!rp_erlang_metrics(&load, staffed, s.answer_within_s, &m, error))
            return FALSE;
        for (size_t x = 0; x < k; x++) {
            RpEvalInterval *out =
                &g_array_index(e->intervals, RpEvalInterval, at[x]);
            out->metrics = m;
            out->meets = rp_standard_met(
                &rp_centre_queue(c, group[x]->queue)->standard, &m);
        }
    }
    return TRUE;
}

/* ---- deferred work -------------------------------------------------- */

/* Items of one working day, followed through the period. */
typedef struct {
    gint64 day;    /* local day they count to */
    gint64 due;    /* index of the working day at whose close they are due
                      (negative: overdue before the period) */
    double items;  /* items when the lot enters the period */
    double hours;  /* work left (officer-hours) */
    double hours0; /* work when the lot enters the period */
} Lot;

/* One queue's working days in the period. */
typedef struct {
    const RpDeferredDay *d; /* n days, in order */
    size_t n;
    gint64 deadline;      /* working days */
    gint64 period_days;   /* calendar days one turn of the period spans */
    const double *plan_h; /* officer-hours planned per day */
} Period;

static void
lot_add(GArray *lots, gint64 day, gint64 due, double items, double hours)
{
    if (!(hours > MET_TOLERANCE))
        return;
    Lot l = {day, due, items, hours, hours};
    g_array_append_val(lots, l);
}

static double
lot_items_left(const Lot *l)
{
    return l->items * l->hours / l->hours0;
}

/* Works `h` officer-hours off the oldest lots with work left. */
static void
lots_work(GArray *lots, double h)
{
    for (guint i = 0; i < lots->len && h > 0.0; i++) {
        Lot *l = &g_array_index(lots, Lot, i);
        double take = fmin(h, l->hours);
        l->hours -= take;
        h -= take;
    }
}

/* Keeps the lots with work left, each as a new lot of what is left. */
static void
lots_restart(GArray *lots)
{
    guint k = 0;
    for (guint i = 0; i < lots->len; i++) {
        Lot l = g_array_index(lots, Lot, i);
        if (l.hours <= MET_TOLERANCE)
            continue;
        l.items = lot_items_left(&l);
        l.hours0 = l.hours;
        g_array_index(lots, Lot, k++) = l;
    }
    g_array_set_size(lots, k);
}

/* The backlog the plan carries into the period: turns worked as planned
 * from nothing, enough of them for every deadline to have passed once;
 * what is left has its deadline within or after this period. */
static void
planned_opening(const Period *p, GArray *lots)
{
    size_t n = p->n, turns = 2 + (size_t)p->deadline / n;
    for (size_t k = 0; k < turns * n; k++) {
        gint64 back = (gint64)(turns - k / n);
        const RpDeferredDay *d = &p->d[k % n];
        lot_add(lots, d->day - back * p->period_days,
                (gint64)(k % n) + p->deadline - back * (gint64)n, d->arrivals,
                d->arrival_hours);
        lots_work(lots, p->plan_h[k % n]);
    }
    lots_restart(lots);
}

static int
compare_lots(gconstpointer a, gconstpointer b)
{
    const Lot *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

/* The given opening backlog of queue q, oldest first: items counted to
 * day b are due at the close of the deadline-th working day after b. */
static void
given_opening(const RpCentre *c, guint q, const Period *p,
              const GArray *opening, GArray *lots)
{
    gint64 first = p->d[0].day;
    for (guint i = 0; i < opening->len; i++) {
        const RpBacklogItem *b = &g_array_index(opening, RpBacklogItem, i);
        if (b->queue != q)
            continue;
        gint64 between = 0; /* working days after b, before the period */
        for (gint64 x = b->day + 1; x < first; x++)
            between += rp_centre_queue_open_day(c, q, x);
        lot_add(lots, b->day, p->deadline - 1 - between, b->items, b->hours);
    }
    g_array_sort(lots, compare_lots);
}

/* Lists the day and its misses: items late, and work left beyond what
 * the plan leaves by more than `slack_h` (one officer for one interval). */
static void
close_deferred_day(RpEvalDay *out, double slack_h, RpEvaluation *e)
{
    out->service_level =
        out->due_items > 0.0 ? 1.0 - out->late_items / out->due_items : 1.0;
    gboolean late = out->late_items > MET_TOLERANCE;
    gboolean behind = out->backlog_hours > out->planned_backlog_hours + slack_h;
    out->meets = !late && !behind;
    if (late)
        add_miss(e->misses, out->queue, G_MININT64, out->day, "deadline",
                 out->service_level, 1.0);
    if (behind)
        add_miss(e->misses, out->queue, G_MININT64, out->day, "backlog",
                 out->backlog_hours, out->planned_backlog_hours);
    g_array_append_val(e->days, *out);
}

static void
evaluate_deferred(const RpCentre *c, const RpRequirements *req,
                  const double *staffed, guint q, const GArray *opening,
                  RpEvaluation *e)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    g_autoptr(GArray) days = g_array_new(FALSE, FALSE, sizeof(RpDeferredDay));
    for (guint i = 0; i < req->deferred->len; i++) {
        const RpDeferredDay *d =
            &g_array_index(req->deferred, RpDeferredDay, i);
        if (d->queue == q)
            g_array_append_val(days, *d);
    }
    size_t n = days->len;
    if (n == 0)
        return;
    const RpDeferredDay *d = (const RpDeferredDay *)(void *)days->data;
    g_autofree double *work = g_new0(double, n);
    g_autofree double *plan = g_new0(double, n);
    g_autofree double *need = g_new0(double, n);
    double interval_h = c->interval_min / 60.0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        if (r->queue != q || !r->open)
            continue;
        gint64 day = rp_centre_local_day(c, r->start);
        for (size_t j = 0; j < n; j++) {
            if (d[j].day == day) {
                work[j] += staffed[i] * interval_h;
                need[j] += r->required * interval_h;
                break;
            }
        }
    }
    for (size_t j = 0; j < n; j++)
        plan[j] = d[j].work_hours;
    gint64 span = d[n - 1].day - d[0].day + 1;
    Period p = {d, n, (gint64)queue->deadline_days, (span + 6) / 7 * 7, plan};
    g_autoptr(GArray) lots = g_array_new(FALSE, FALSE, sizeof(Lot));
    if (opening)
        given_opening(c, q, &p, opening, lots);
    else
        planned_opening(&p, lots);
    for (size_t j = 0; j < n; j++) {
        RpEvalDay out = {.queue = q,
                         .day = d[j].day,
                         .contacts = d[j].arrivals,
                         .officer_hours = work[j],
                         .required_hours = need[j],
                         .planned_backlog_hours = d[j].backlog_hours,
                         .asa_s = NAN,
                         .p_abandon = NAN};
        /* items overdue before the period are late whatever is done */
        for (guint i = 0; j == 0 && i < lots->len; i++) {
            const Lot *l = &g_array_index(lots, Lot, i);
            if (l->due < 0) {
                out.due_items += l->items;
                out.late_items += l->items;
            }
        }
        lot_add(lots, d[j].day, (gint64)j + p.deadline, d[j].arrivals,
                d[j].arrival_hours);
        lots_work(lots, work[j]);
        for (guint i = 0; i < lots->len; i++) {
            const Lot *l = &g_array_index(lots, Lot, i);
            if (l->due == (gint64)j) {
                out.due_items += l->items;
                out.late_items += lot_items_left(l);
            }
            out.backlog_hours += l->hours;
        }
        close_deferred_day(&out, interval_h, e);
    }
    lots_restart(lots);
    for (guint i = 0; i < lots->len; i++) {
        const Lot *l = &g_array_index(lots, Lot, i);
        RpBacklogItem item = {q, l->day, l->items, l->hours};
        g_array_append_val(e->backlog, item);
    }
}

/* ---- real-time days -------------------------------------------------- */

static void
close_day(const RpCentre *c, guint q, gint64 day, const DaySums *s,
          RpEvaluation *e)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    RpEvalDay out = {.queue = q,
                     .day = day,
                     .contacts = s->contacts,
                     .officer_hours = s->staffed_h,
                     .required_hours = s->required_h,
                     .service_level = 1.0,
                     .asa_s = 0.0,
                     .p_abandon = 0.0,
                     .backlog_hours = NAN,
                     .planned_backlog_hours = NAN,
                     .due_items = NAN,
                     .late_items = NAN};
    if (s->contacts > 0.0) {
        out.service_level = s->sl / s->contacts;
        out.p_abandon = s->ab / s->contacts;
        out.asa_s = s->answered > 0.0 ? s->asa / s->answered : INFINITY;
    }
    RpErlangMetrics m = {NAN, out.service_level, out.asa_s, out.p_abandon, NAN,
                         TRUE};
    guint before = e->misses->len;
    list_misses(e->misses, &queue->standard, &m, q, G_MININT64, day);
    out.meets = e->misses->len == before;
    g_array_append_val(e->days, out);
}

static void
realtime_days(const RpCentre *c, const RpRequirements *req,
              const double *staffed, guint q, RpEvaluation *e)
{
    DaySums s = {0};
    gint64 day = G_MININT64;
    double interval_h = c->interval_min / 60.0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        if (r->queue != q)
            continue;
        gint64 d = rp_centre_local_day(c, r->start);
        if (d != day) {
            if (day != G_MININT64)
                close_day(c, q, day, &s, e);
            day = d;
            s = (DaySums){0};
        }
        s.staffed_h += staffed[i] * interval_h;
        s.required_h += r->required * interval_h;
        const RpErlangMetrics *m =
            &g_array_index(e->intervals, RpEvalInterval, i).metrics;
        if (!r->open || r->contacts <= 0.0)
            continue;
        double answered = r->contacts * (1.0 - m->p_abandon);
        s.contacts += r->contacts;
        s.sl += r->contacts * m->service_level;
        s.ab += r->contacts * m->p_abandon;
        s.answered += answered;
        s.asa += answered > 0.0 ? answered * m->asa_s : 0.0;
    }
    if (day != G_MININT64)
        close_day(c, q, day, &s, e);
}

RpEvaluation *
rp_evaluate(const RpCentre *centre, const RpRequirements *req,
            const double *staffed, const GArray *opening, GError **error)
{
    g_return_val_if_fail(centre && req && (staffed || !req->rows->len), NULL);
    g_autoptr(RpEvaluation) e = g_new0(RpEvaluation, 1);
    e->intervals =
        g_array_sized_new(FALSE, TRUE, sizeof(RpEvalInterval), req->rows->len);
    e->days = g_array_new(FALSE, TRUE, sizeof(RpEvalDay));
    e->misses = g_array_new(FALSE, TRUE, sizeof(RpEvalMiss));
    e->backlog = g_array_new(FALSE, TRUE, sizeof(RpBacklogItem));
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        if (!(staffed[i] >= 0.0) || !isfinite(staffed[i])) {
            g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                        "queue %s: %g officers is not a staffing level",
                        rp_centre_queue(centre, r->queue)->id, staffed[i]);
            return NULL;
        }
        RpEvalInterval x;
        if (!evaluate_interval(centre, r, staffed[i], &x, error))
            return NULL;
        g_array_append_val(e->intervals, x);
    }
    if (centre->routing == RP_ROUTING_SKILLS &&
        !evaluate_pools(centre, req, e, error))
        return NULL;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        const RpEvalInterval *x =
            &g_array_index(e->intervals, RpEvalInterval, i);
        if (!x->meets)
            list_misses(e->misses, &rp_centre_queue(centre, r->queue)->standard,
                        &x->metrics, r->queue, r->start,
                        rp_centre_local_day(centre, r->start));
    }
    for (guint q = 0; q < req->n_queues; q++) {
        if (rp_channel_is_deferred(rp_centre_queue(centre, q)->channel))
            evaluate_deferred(centre, req, staffed, q, opening, e);
        else
            realtime_days(centre, req, staffed, q, e);
    }
    return g_steal_pointer(&e);
}

void
rp_evaluation_free(RpEvaluation *e)
{
    if (e == NULL)
        return;
    g_array_unref(e->intervals);
    g_array_unref(e->days);
    g_array_unref(e->misses);
    g_array_unref(e->backlog);
    g_free(e);
}
