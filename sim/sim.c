/* sim/sim.c - checking the inputs, laying them out for the event loop
 * (sim/engine.c), and running the replications on worker threads.
 *
 * Each replication writes only its own slice of the result, and its
 * random streams depend on the seed, the replication and the queue alone,
 * so the result is the same whatever the number of threads. */
#include "sim/sim.h"

#include <math.h>

#include "common/error.h"
#include "common/units.h"
#include "common/volumes.h"
#include "sim/sim_int.h"

RpSimDemand *
rp_sim_demand_new(size_t n_queues, size_t n_intervals, gint64 start_utc)
{
    RpSimDemand *d = g_new0(RpSimDemand, 1);
    d->start_utc = start_utc;
    d->n_intervals = n_intervals;
    d->n_queues = n_queues;
    d->contacts = g_new0(double, n_queues *n_intervals + 1);
    d->aht_s = g_new(double, n_queues *n_intervals + 1);
    for (size_t k = 0; k < n_queues * n_intervals; k++)
        d->aht_s[k] = NAN;
    return d;
}

void
rp_sim_demand_free(RpSimDemand *demand)
{
    if (demand == NULL)
        return;
    g_free(demand->contacts);
    g_free(demand->aht_s);
    g_free(demand->day_cv);
    g_free(demand);
}

RpSimStaff *
rp_sim_staff_new(size_t n_officers, size_t n_queues, size_t n_intervals)
{
    RpSimStaff *s = g_new0(RpSimStaff, 1);
    s->n_officers = n_officers;
    s->n_queues = n_queues;
    s->n_intervals = n_intervals;
    s->skill = g_new0(double, n_officers *n_queues + 1);
    s->login = g_new0(guint64, n_officers * n_intervals + 1);
    s->first = g_new0(guint64, n_officers * n_intervals + 1);
    return s;
}

void
rp_sim_staff_free(RpSimStaff *staff)
{
    if (staff == NULL)
        return;
    g_free(staff->skill);
    g_free(staff->login);
    g_free(staff->first);
    g_free(staff);
}

void
rp_sim_params_init(RpSimParams *params)
{
    *params = (RpSimParams){.replications = 30, .seed = 1, .threads = 0};
}

void
rp_sim_result_free(RpSimResult *result)
{
    if (result == NULL)
        return;
    g_free(result->counts);
    g_free(result->overrun_s);
    g_free(result->contacts_served);
    g_free(result);
}

/* ---- checks ------------------------------------------------------------ */

static gboolean
check_demand(const RpCentre *c, const RpSimDemand *d, GError **error)
{
    for (size_t q = 0; q < d->n_queues; q++) {
        const char *id = rp_centre_queue(c, q)->id;
        for (size_t t = 0; t < d->n_intervals; t++) {
            double n = d->contacts[q * d->n_intervals + t];
            double a = d->aht_s[q * d->n_intervals + t];
            if (!(n >= 0.0 && isfinite(n)) ||
                !(isnan(a) || (a > 0.0 && isfinite(a)))) {
                g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "queue %s, interval %zu: contacts %g and "
                            "handling time %g s cannot be simulated",
                            id, t, n, a);
                return FALSE;
            }
        }
        double cv = d->day_cv ? d->day_cv[q] : 0.0;
        if (!(cv >= 0.0 && cv <= 10.0)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "queue %s: a daily variation of %g is not a "
                        "coefficient of variation from 0 to 10",
                        id, cv);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean
check_staff(const RpCentre *c, const RpSimStaff *s, GError **error)
{
    for (size_t i = 0; i < s->n_officers; i++) {
        for (size_t t = 0; t < s->n_intervals; t++) {
            guint64 mask = s->login[i * s->n_intervals + t];
            for (; mask; mask &= mask - 1) {
                size_t q = (size_t)__builtin_ctzll(mask);
                double k =
                    q < s->n_queues ? s->skill[i * s->n_queues + q] : 0.0;
                if (!(k > 0.0 && isfinite(k))) {
                    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                                "officer %zu, interval %zu: logged into "
                                "queue %s without the skill",
                                i + 1, t,
                                q < c->queues->len ? rp_centre_queue(c, q)->id
                                                   : "(none)");
                    return FALSE;
                }
            }
        }
    }
    return TRUE;
}

/* ---- the model --------------------------------------------------------- */

/* UTC instant of local minute `minute` of local day `day`. */
static gint64
local_instant(const RpCentre *c, gint64 day, int minute)
{
    gint64 local = day * 86400 + (gint64)minute * 60, utc[2];
    if (rp_clock_resolve(c->clock, local, utc) > 0)
        return utc[0];
    return local - rp_clock_offset(c->clock, local);
}

/* Deadlines of queue q: an item is counted to the working day it arrives
 * on when the queue is open then or has not yet opened that day, else to
 * the next working day (as `rotaplan staff` counts it, queueing.md
 * section 8), and is late after the close of the working day
 * `deadline_days` later. */
static void
set_deadlines(const RpCentre *c, RpSimModel *m, size_t q)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    gint64 first = m->day_of[0], last = m->day_of[m->n_t - 1];
    gint64 horizon = last + 7 * ((gint64)queue->deadline_days + 2) + 14;
    g_autoptr(GArray) days = g_array_new(FALSE, FALSE, sizeof(gint64));
    for (gint64 d = first; d <= horizon; d++)
        if (rp_centre_queue_open_day(c, q, d))
            g_array_append_val(days, d);
    gint64 step = rp_centre_interval_s(c);
    guint k = 0;
    for (size_t t = 0; t < m->n_t; t++) {
        gint64 utc = m->demand->start_utc + (gint64)t * step;
        gint64 day = m->day_of[t];
        const RpDayHours *h = &queue->hours.day[rp_weekday(day)];
        int minute = (int)((rp_clock_local(c->clock, utc) - day * 86400) / 60);
        gboolean today = rp_centre_queue_open_at(c, q, utc) ||
                         (h->n_spans > 0 && minute < h->open_min[0]);
        while (k < days->len && g_array_index(days, gint64, k) < day)
            k++;
        guint counted = k;
        if (counted < days->len && g_array_index(days, gint64, k) == day &&
            !today)
            counted++;
        guint due = counted + (guint)queue->deadline_days;
        double at = INFINITY;
        if (due < days->len) {
            gint64 d = g_array_index(days, gint64, due);
            const RpDayHours *dh = &queue->hours.day[rp_weekday(d)];
            at = (double)(local_instant(c, d, dh->close_min[dh->n_spans - 1]) -
                          m->demand->start_utc);
        }
        m->deadline_s[q * m->n_t + t] = at;
    }
}

static void
model_clear(RpSimModel *m)
{
    g_free(m->deferred);
    g_free(m->aht_s);
    g_free(m->patience_s);
    g_free(m->target_s);
    g_free(m->lognormal_sigma);
    g_free(m->priority);
    g_free(m->deadline_s);
    g_free(m->day_of);
}

static void
model_init(RpSimModel *m, const RpCentre *c, const RpSimDemand *d,
           const RpSimStaff *s, guint64 seed)
{
    size_t n_q = d->n_queues, n_t = d->n_intervals;
    *m = (RpSimModel){.demand = d,
                      .staff = s,
                      .n_q = n_q,
                      .n_t = n_t,
                      .interval_s = (double)rp_centre_interval_s(c),
                      .seed = seed};
    m->deferred = g_new0(gboolean, n_q);
    m->aht_s = g_new(double, n_q);
    m->patience_s = g_new(double, n_q);
    m->target_s = g_new(double, n_q);
    m->lognormal_sigma = g_new0(double, n_q);
    m->priority = g_new0(int, n_q);
    m->deadline_s = g_new(double, n_q *n_t);
    m->day_of = g_new(gint64, n_t);
    for (size_t t = 0; t < n_t; t++)
        m->day_of[t] = rp_centre_local_day(
            c, d->start_utc + (gint64)t * rp_centre_interval_s(c));
    for (size_t q = 0; q < n_q; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        m->deferred[q] = rp_channel_is_deferred(queue->channel);
        m->aht_s[q] = queue->aht_s;
        m->patience_s[q] = m->deferred[q] ? INFINITY : queue->patience_s;
        m->target_s[q] = isnan(queue->standard.answer_within_s)
                             ? 0.0
                             : queue->standard.answer_within_s;
        if (queue->aht_distribution == RP_AHT_LOGNORMAL)
            m->lognormal_sigma[q] = sqrt(log1p(queue->aht_cv * queue->aht_cv));
        m->priority[q] = queue->priority;
        for (size_t t = 0; t < n_t; t++)
            m->deadline_s[q * n_t + t] = INFINITY;
        if (m->deferred[q])
            set_deadlines(c, m, q);
    }
}

/* ---- replications on threads ------------------------------------------- */

typedef struct {
    const RpSimModel *m;
    RpSimResult *result;
    const RpSimParams *params;
    gint next; /* next replication to run (atomic) */
    gint done; /* replications finished (atomic) */
    GMutex lock;
} Work;

static gpointer
worker(gpointer data)
{
    Work *w = data;
    RpSimResult *res = w->result;
    size_t per = res->n_queues * res->n_intervals;
    for (;;) {
        size_t r = (size_t)g_atomic_int_add(&w->next, 1);
        if (r >= res->replications)
            break;
        rp_sim_replicate(w->m, r, res->counts + r * per, &res->overrun_s[r],
                         &res->contacts_served[r]);
        size_t done = (size_t)g_atomic_int_add(&w->done, 1) + 1;
        if (w->params->progress) {
            g_mutex_lock(&w->lock);
            w->params->progress(done, res->replications,
                                w->params->progress_data);
            g_mutex_unlock(&w->lock);
        }
    }
    return NULL;
}

static void
run_threads(Work *w, guint threads)
{
    if (threads == 0)
        threads = g_get_num_processors();
    if (threads > w->result->replications)
        threads = (guint)w->result->replications;
    if (threads <= 1) {
        worker(w);
        return;
    }
    GThread **pool = g_new(GThread *, threads);
    for (guint k = 0; k < threads; k++)
        pool[k] = g_thread_new("rotaplan-sim", worker, w);
    for (guint k = 0; k < threads; k++)
        g_thread_join(pool[k]);
    g_free(pool);
}

RpSimResult *
rp_sim_run(const RpCentre *centre, const RpSimDemand *demand,
           const RpSimStaff *staff, const RpSimParams *params, GError **error)
{
    g_return_val_if_fail(centre != NULL && demand != NULL && staff != NULL,
                         NULL);
    RpSimParams defaults;
    rp_sim_params_init(&defaults);
    if (params == NULL)
        params = &defaults;
    if (params->replications == 0) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "a simulation needs at least one replication");
        return NULL;
    }
    if (centre->queues->len > RP_SIM_MAX_QUEUES) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "the simulation takes at most %d queues; the centre "
                    "has %u",
                    RP_SIM_MAX_QUEUES, centre->queues->len);
        return NULL;
    }
    g_return_val_if_fail(demand->n_queues == centre->queues->len &&
                             staff->n_queues == demand->n_queues &&
                             staff->n_intervals == demand->n_intervals,
                         NULL);
    if (!check_demand(centre, demand, error) ||
        !check_staff(centre, staff, error))
        return NULL;

    RpSimResult *res = g_new0(RpSimResult, 1);
    res->n_queues = demand->n_queues;
    res->n_intervals = demand->n_intervals;
    res->replications = params->replications;
    res->start_utc = demand->start_utc;
    res->counts =
        g_new0(RpSimCounts,
               params->replications * res->n_queues * res->n_intervals + 1);
    res->overrun_s = g_new0(double, params->replications);
    res->contacts_served = g_new0(double, params->replications);
    if (demand->n_intervals == 0)
        return res;

    RpSimModel m;
    model_init(&m, centre, demand, staff, params->seed);
    Work w = {.m = &m, .result = res, .params = params};
    g_mutex_init(&w.lock);
    run_threads(&w, params->threads);
    g_mutex_clear(&w.lock);
    model_clear(&m);
    return res;
}
