/* models/evaluate.c - service of a staffing plan, interval by interval and
 * day by day.
 *
 * Daily figures of real-time queues weight each interval by its contacts
 * (service level, abandonment) or by its answered contacts (ASA), never a
 * plain average of intervals (queueing.md section 4).  Deferred work is
 * followed first in, first out: turns of the period worked as planned
 * bring the backlog to the level the plan carries from period to period,
 * then one turn is worked as staffed and reported, then planned turns
 * again until all its deadlines have passed.  A shortfall is thus judged
 * on its own period, not compounded week after week. */
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

/* Follows the backlog through planned turns, the staffed turn and planned
 * turns again; fills late_h[] and backlog[] (n each) for the staffed
 * turn. */
static void
follow_backlog(const double *arrive_h, const double *plan_h,
               const double *staffed_h, size_t n, size_t deadline,
               double *late_h, double *backlog)
{
    size_t report = 2 + deadline / n; /* planned turns before it */
    size_t total = (report + 2 + deadline / n) * n;
    g_autofree double *left = g_new0(double, total); /* per origin day */
    size_t oldest = 0;
    for (size_t k = 0; k < total; k++) {
        left[k] = arrive_h[k % n];
        double w = k / n == report ? staffed_h[k % n] : plan_h[k % n];
        while (w > 0.0 && oldest <= k) {
            double take = fmin(w, left[oldest]);
            left[oldest] -= take;
            w -= take;
            if (left[oldest] <= 0.0)
                oldest++;
        }
        if (k / n == report) {
            double b = 0.0;
            for (size_t i = oldest; i <= k; i++)
                b += left[i];
            backlog[k % n] = b;
        }
        /* what is left of day k - D at this close is late */
        if (k >= deadline && (k - deadline) / n == report)
            late_h[(k - deadline) % n] = left[k - deadline];
    }
}

static void
evaluate_deferred(const RpCentre *c, const RpRequirements *req,
                  const double *staffed, guint q, RpEvaluation *e)
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
    g_autofree double *arrive = g_new0(double, n);
    g_autofree double *work = g_new0(double, n);
    g_autofree double *plan = g_new0(double, n);
    g_autofree double *need = g_new0(double, n);
    g_autofree double *late = g_new0(double, n);
    g_autofree double *backlog = g_new0(double, n);
    const RpDeferredDay *d = (const RpDeferredDay *)(void *)days->data;
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
    for (size_t j = 0; j < n; j++) {
        arrive[j] = d[j].arrival_hours;
        plan[j] = d[j].work_hours;
    }
    follow_backlog(arrive, plan, work, n, (size_t)queue->deadline_days, late,
                   backlog);
    for (size_t j = 0; j < n; j++) {
        double items_per_h = arrive[j] > 0.0 ? d[j].arrivals / arrive[j] : 0.0;
        RpEvalDay out = {.queue = q,
                         .day = d[j].day,
                         .contacts = d[j].arrivals,
                         .officer_hours = work[j],
                         .required_hours = need[j],
                         .backlog_hours = backlog[j],
                         .late_items = late[j] * items_per_h,
                         .asa_s = NAN,
                         .p_abandon = NAN};
        out.service_level =
            d[j].arrivals > 0.0 ? 1.0 - out.late_items / d[j].arrivals : 1.0;
        out.meets = out.late_items <= MET_TOLERANCE;
        if (!out.meets)
            add_miss(e->misses, q, G_MININT64, d[j].day, "deadline",
                     out.service_level, 1.0);
        g_array_append_val(e->days, out);
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
            const double *staffed, GError **error)
{
    g_return_val_if_fail(centre && req && (staffed || !req->rows->len), NULL);
    g_autoptr(RpEvaluation) e = g_new0(RpEvaluation, 1);
    e->intervals =
        g_array_sized_new(FALSE, TRUE, sizeof(RpEvalInterval), req->rows->len);
    e->days = g_array_new(FALSE, TRUE, sizeof(RpEvalDay));
    e->misses = g_array_new(FALSE, TRUE, sizeof(RpEvalMiss));
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
            evaluate_deferred(centre, req, staffed, q, e);
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
    g_free(e);
}
