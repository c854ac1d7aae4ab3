/* models/requirements.c - from volumes to officers per queue and interval.
 *
 * Deferred work follows the cumulative-curve (Newell) form of
 * queueing.md section 8: with D working days allowed, the work done by the
 * close of working day j must cover everything that arrived up to working
 * day j - D.  The plan works min(p, backlog) each day; the smallest level
 * p that keeps every deadline is found by bisection (feasibility only
 * improves as p rises), which spreads the work as evenly as the deadlines
 * allow instead of staffing each day's own peak.
 *
 * The period is treated as one turn of a repeating cycle (a planned week
 * follows a week like it): items arriving after its last working day, the
 * weekend's email say, are worked on its first, and the level is found on
 * the arrivals repeated until the deadlines wrap round, so Friday's
 * five-day post is planned for, not left to a week that is not in the
 * file. */
#include "models/requirements.h"

#include <math.h>

#include "common/error.h"
#include "common/shrinkage.h"
#include "common/units.h"
#include "models/models_int.h"
#include "models/staffing.h"

#define LEVEL_BISECTIONS 60

static double
row_aht(const RpQueue *q, const RpVolumeRow *row)
{
    return isnan(row->aht_s) ? q->aht_s : row->aht_s;
}

static RpRequirement
base_row(const RpCentre *c, guint q, const RpVolumeRow *row)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    RpRequirement r = {.start = row->start,
                       .queue = q,
                       .contacts = row->contacts,
                       .aht_s = row_aht(queue, row)};
    r.open = rp_centre_queue_open_at(c, q, row->start);
    r.shrinkage = rp_centre_shrinkage_at(c, queue->site, row->start);
    r.traffic = r.contacts * r.aht_s / (double)rp_centre_interval_s(c);
    r.metrics = (RpErlangMetrics){NAN, NAN, NAN, NAN, NAN, TRUE};
    return r;
}

static void short_weights(const RpQueueLoad *load, double t, RpRequirement *r);

static gboolean
realtime_row(const char *path, const RpQueue *queue, const RpVolumeRow *row,
             gboolean fractional, RpRequirement *r, GError **error)
{
    RpQueueLoad load = {r->traffic, r->aht_s, queue->patience_s};
    const double t = queue->standard.answer_within_s;
    GError *local = NULL;
    gboolean ok = rp_staffing_required(&load, &queue->standard, NULL,
                                       fractional, &r->required, &local);
    /* an open queue never has fewer than its minimum */
    r->required = MAX(r->required, queue->min_officers);
    if (!ok || !rp_erlang_metrics(&load, r->required, t, &r->metrics, &local)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET,
                    "%s:%zu: queue %s: %s", path, row->line, queue->id,
                    local->message);
        g_error_free(local);
        return FALSE;
    }
    short_weights(&load, t, r);
    return TRUE;
}

/* Service level with `n` officers (no ASA needed). */
static double
service_level(const RpQueueLoad *load, double n, double t)
{
    RpErlangMetrics m;
    if (n <= 0.0)
        return 0.0;
    if (isinf(load->patience_s)) {
        RpInvB ib;
        rp_erlang_inv_b(load->traffic, n, &ib);
        rp_erlang_c_from_inv_b(load->traffic, n, &ib, load->aht_s, t, &m);
    } else {
        rp_erlang_a_eval(load, n, t, RP_ERLANG_A_SL, &m);
    }
    return m.service_level;
}

/* Contacts that miss the standard for the 1st, 2nd... officer short:
 * SL is concave in the officers near the requirement, so these grow; the
 * running maximum keeps them growing further down, where SL is S-shaped,
 * so that the cost of being short stays convex. */
void
rp_short_weights(const RpQueueLoad *load, double t, double n, double sl_n,
                 RpRequirement *r)
{
    double above = sl_n, w_max = 0.0;
    r->n_weights = 0;
    for (int k = 1; k <= RP_SHORT_WEIGHTS && n - k >= -1e-9; k++) {
        double sl = load->traffic > 0.0 ? service_level(load, n - k, t) : 1.0;
        double w = r->contacts * (above - sl);
        w_max = w > w_max ? w : w_max;
        r->weights[r->n_weights++] = w_max;
        above = sl;
    }
    r->weight = r->n_weights ? r->weights[0] : 0.0;
}

static void
short_weights(const RpQueueLoad *load, double t, RpRequirement *r)
{
    rp_short_weights(load, t, r->required, r->metrics.service_level, r);
}

/* ---- deferred work ------------------------------------------------------ */

/* Working days of queue q between day0 and day1. */
static GArray *
working_days(const RpCentre *c, size_t q, gint64 day0, gint64 day1)
{
    GArray *days = g_array_new(FALSE, FALSE, sizeof(gint64));
    for (gint64 d = day0; d <= day1; d++)
        if (rp_centre_queue_open_day(c, q, d))
            g_array_append_val(days, d);
    return days;
}

/* Index of the working day a contact arriving at `utc` is counted to:
 * its own day if it arrives while open or before opening, else the next
 * working day; days->len when that lies beyond the volumes. */
static guint
arrival_day(const RpCentre *c, size_t q, const GArray *days, gint64 utc)
{
    gint64 local = rp_clock_local(c->clock, utc);
    gint64 day = rp_centre_local_day(c, utc);
    int minute = (int)((local - day * 86400) / 60);
    const RpDayHours *h = &rp_centre_queue(c, q)->hours.day[rp_weekday(day)];
    gboolean today = rp_centre_queue_open_at(c, q, utc) ||
                     (h->n_spans > 0 && minute < h->open_min[0]);
    guint i = 0;
    while (i < days->len && (g_array_index(days, gint64, i) < day ||
                             (!today && g_array_index(days, gint64, i) == day)))
        i++;
    return i;
}

/* Greedy plan at level p over `cycles` repeats of the n days' arrivals:
 * work min(p, backlog) each day.  Returns TRUE when every deadline is kept
 * and the backlog no longer grows from one repeat to the next (the level
 * keeps up for good, not just for the repeats tried).  Fills work[] and
 * backlog[] (n each) from the last repeat when they are not NULL. */
static gboolean
level_plan(const double *hours, size_t n, size_t deadline, size_t cycles,
           double p, double *work, double *backlog)
{
    double left = 0.0, done = 0.0, due = 0.0, total = 0.0;
    double end_left[2] = {0.0, 0.0}; /* backlog at the last two ends */
    for (size_t j = 0; j < n; j++)
        total += hours[j];
    for (size_t k = 0; k < n * cycles; k++) {
        double avail = left + hours[k % n];
        double w = fmin(p, avail);
        left = avail - w;
        done += w;
        if (work && k >= n * (cycles - 1)) {
            work[k % n] = w;
            backlog[k % n] = left;
        }
        if (k >= deadline) {
            due += hours[(k - deadline) % n];
            if (done < due * (1.0 - 1e-12))
                return FALSE;
        }
        if (k % n == n - 1) {
            end_left[0] = end_left[1];
            end_left[1] = left;
        }
    }
    return end_left[1] - end_left[0] <= 1e-12 * total;
}

static void
deferred_queue(const RpCentre *c, size_t q, const GArray *rows,
               RpRequirements *out)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    const RpVolumeRow *r = (const RpVolumeRow *)(void *)rows->data;
    gint64 day0 = rp_centre_local_day(c, r[0].start);
    gint64 day1 = rp_centre_local_day(c, r[rows->len - 1].start);
    g_autoptr(GArray) days = working_days(c, q, day0, day1);
    size_t n = days->len;
    g_autofree double *hours = g_new0(double, n + 1);
    g_autofree double *items = g_new0(double, n + 1);
    g_autofree guint *day_of = g_new(guint, rows->len);
    if (n == 0)
        return; /* no working day: every row is closed */
    for (guint i = 0; i < rows->len; i++) {
        /* after the last working day: the first one of the next turn */
        guint d = arrival_day(c, q, days, r[i].start);
        day_of[i] = d < n ? d : 0;
        items[day_of[i]] += r[i].contacts;
        hours[day_of[i]] += r[i].contacts * row_aht(queue, &r[i]) / 3600.0;
    }

    size_t deadline = (size_t)queue->deadline_days;
    size_t cycles = 3 + 2 * (deadline / n);
    double lo = 0.0, hi = 0.0;
    for (size_t j = 0; j < n; j++)
        hi += hours[j];
    for (int i = 0; i < LEVEL_BISECTIONS && hi > 0.0; i++) {
        double mid = 0.5 * (lo + hi);
        if (level_plan(hours, n, deadline, cycles, mid, NULL, NULL))
            hi = mid;
        else
            lo = mid;
    }
    /* bisection leaves hi a hair under the exact level (the checks allow
     * for rounding): round up to a nanohour, never planning too little */
    hi = ceil(hi * 1e9) / 1e9;
    g_autofree double *work = g_new0(double, n);
    g_autofree double *backlog = g_new0(double, n);
    level_plan(hours, n, deadline, cycles, hi, work, backlog);

    for (size_t j = 0; j < n; j++) {
        RpDeferredDay d = {(guint)q, g_array_index(days, gint64, j),
                           items[j], hours[j],
                           work[j],  backlog[j]};
        g_array_append_val(out->deferred, d);
    }
    for (guint i = 0; i < rows->len; i++) {
        RpRequirement req = base_row(c, (guint)q, &r[i]);
        if (req.open) {
            gint64 day = g_array_index(days, gint64, day_of[i]);
            double open_h =
                rp_day_hours_minutes(&queue->hours.day[rp_weekday(day)]) / 60.0;
            req.required = work[day_of[i]] / open_h;
            req.weight = (double)rp_centre_interval_s(c) / req.aht_s;
            req.weights[0] = req.weight;
            req.n_weights = 1;
        } else if (!req.open) {
            out->closed_contacts[q] += req.contacts;
        }
        req.scheduled = req.required / (1.0 - req.shrinkage);
        g_array_append_val(out->rows, req);
    }
}

/* ---- the whole file ------------------------------------------------------ */

static gint
by_start_then_queue(gconstpointer a, gconstpointer b)
{
    const RpRequirement *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->queue > y->queue) - (x->queue < y->queue);
}

static gboolean
realtime_queue(const RpCentre *c, size_t q, const RpVolumes *v,
               gboolean fractional, RpRequirements *out, GError **error)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    const GArray *rows = v->rows[q];
    for (guint i = 0; i < rows->len; i++) {
        const RpVolumeRow *row = &g_array_index(rows, RpVolumeRow, i);
        RpRequirement req = base_row(c, (guint)q, row);
        if (req.open) {
            if (!realtime_row(v->path, queue, row, fractional, &req, error))
                return FALSE;
        } else {
            out->closed_contacts[q] += req.contacts;
        }
        req.scheduled = req.required / (1.0 - req.shrinkage);
        g_array_append_val(out->rows, req);
    }
    return TRUE;
}

static RpRequirements *
requirements_new(size_t n_queues)
{
    RpRequirements *r = g_new0(RpRequirements, 1);
    r->n_queues = n_queues;
    r->rows = g_array_new(FALSE, FALSE, sizeof(RpRequirement));
    r->deferred = g_array_new(FALSE, FALSE, sizeof(RpDeferredDay));
    r->closed_contacts = g_new0(double, n_queues);
    return r;
}

/* One queue's requirements, worked out on a thread of the pool. */
typedef struct {
    const RpCentre *centre;
    const RpVolumes *volumes;
    gboolean fractional;
    size_t queue;
    RpRequirements *out; /* this queue's rows alone */
    GError *error;
} Job;

static void
run_job(gpointer data, gpointer user_data)
{
    Job *j = data;
    (void)user_data;
    if (rp_channel_is_deferred(rp_centre_queue(j->centre, j->queue)->channel))
        deferred_queue(j->centre, j->queue, j->volumes->rows[j->queue], j->out);
    else
        realtime_queue(j->centre, j->queue, j->volumes, j->fractional, j->out,
                       &j->error);
}

RpRequirements *
rp_requirements_compute(const RpCentre *centre, const RpVolumes *volumes,
                        gboolean fractional, GError **error)
{
    g_return_val_if_fail(centre != NULL && volumes != NULL, NULL);
    size_t nq = volumes->n_queues;
    g_autoptr(RpRequirements) out = requirements_new(nq);
    g_autofree Job *jobs = g_new0(Job, nq);
    GThreadPool *pool = g_thread_pool_new(
        run_job, NULL, (int)g_get_num_processors(), TRUE, NULL);
    for (size_t q = 0; q < nq; q++) {
        jobs[q] =
            (Job){centre, volumes, fractional, q, requirements_new(nq), NULL};
        if (volumes->rows[q]->len > 0)
            g_thread_pool_push(pool, &jobs[q], NULL);
    }
    g_thread_pool_free(pool, FALSE, TRUE); /* waits for every job */
    gboolean ok = TRUE;
    for (size_t q = 0; q < nq; q++) {
        RpRequirements *part = jobs[q].out;
        if (ok && jobs[q].error) {
            g_propagate_error(error, g_steal_pointer(&jobs[q].error));
            ok = FALSE;
        }
        g_clear_error(&jobs[q].error);
        g_array_append_vals(out->rows, part->rows->data, part->rows->len);
        g_array_append_vals(out->deferred, part->deferred->data,
                            part->deferred->len);
        out->closed_contacts[q] = part->closed_contacts[q];
        rp_requirements_free(part);
    }
    if (!ok)
        return NULL;
    g_array_sort(out->rows, by_start_then_queue);
    return g_steal_pointer(&out);
}

void
rp_requirements_free(RpRequirements *r)
{
    if (r == NULL)
        return;
    g_array_unref(r->rows);
    g_array_unref(r->deferred);
    g_free(r->closed_contacts);
    g_free(r);
}

/* ---- totals -------------------------------------------------------------- */

GArray *
rp_requirements_totals(const RpCentre *centre, const RpRequirements *r)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(RpStaffTotal));
    if (r->rows->len == 0)
        return out;
    const RpRequirement *rows = (const RpRequirement *)(void *)r->rows->data;
    gint64 day0 = G_MAXINT64, day1 = G_MININT64;
    for (guint i = 0; i < r->rows->len; i++) {
        gint64 d = rp_centre_local_day(centre, rows[i].start);
        day0 = MIN(day0, d);
        day1 = MAX(day1, d);
    }
    size_t n_days = (size_t)(day1 - day0 + 1), nq = r->n_queues;
    /* cells: (day, queue) for day < n_days, queue <= nq (nq = all);
     * then day = n_days (all days) */
    size_t stride = nq + 1;
    g_autofree RpStaffTotal *cell = g_new0(RpStaffTotal, (n_days + 1) * stride);
    double interval_h = centre->interval_min / 60.0;
    for (guint i = 0; i < r->rows->len; i++) {
        size_t d = (size_t)(rp_centre_local_day(centre, rows[i].start) - day0);
        size_t qs[2] = {rows[i].queue, nq};
        size_t ds[2] = {d, n_days};
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                RpStaffTotal *t = &cell[ds[a] * stride + qs[b]];
                if (rows[i].open)
                    t->contacts += rows[i].contacts;
                else
                    t->closed_contacts += rows[i].contacts;
                t->officer_hours += rows[i].required * interval_h;
                t->scheduled_hours += rows[i].scheduled * interval_h;
            }
        }
    }
    for (size_t d = 0; d <= n_days; d++) {
        double fte_h = d < n_days ? centre->fte_hours / 5.0
                                  : centre->fte_hours * (double)n_days / 7.0;
        for (size_t q = 0; q <= nq; q++) {
            RpStaffTotal *t = &cell[d * stride + q];
            t->day = d < n_days ? day0 + (gint64)d : G_MAXINT64;
            t->queue = q < nq ? (int)q : -1;
            t->fte = t->scheduled_hours / fte_h;
            g_array_append_val(out, *t);
        }
    }
    return out;
}
