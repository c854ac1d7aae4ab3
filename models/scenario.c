/* models/scenario.c - costing a centre's staffing and its frontier.
 *
 * The requirements are computed once at the standards; each frontier
 * point then re-sizes only the telephone intervals, so a point costs one
 * staffing search per open telephone interval. */
#include "models/scenario.h"

#include <math.h>

#include "common/error.h"
#include "models/requirements.h"
#include "models/staffing.h"

#define BUDGET_BISECTIONS 12    /* telephone target resolved to ~0.02% */
#define MAX_SERVICE_LEVEL 0.999 /* the budget search's upper end */

typedef struct {
    const RpCentre *centre;
    const RpRequirements *req;
    double days;                /* calendar days the volumes cover */
    gint64 first_day, last_day; /* local days of the first and last row */
    double fixed_cost;          /* everything but telephone rows */
    double fixed_hours;         /* scheduled hours of those rows */
    double *pay_factor;         /* per row: pay multiplier at its start */
    gboolean pooled;            /* phone lines sized as one pool */
} Costing;

static gboolean
is_phone(const RpCentre *c, guint q)
{
    return rp_centre_queue(c, q)->channel == RP_CHANNEL_PHONE;
}

/* What telephones cost staffed one way, and the service they give. */
typedef struct {
    double cost;    /* pay with on-costs and premiums */
    double hours;   /* scheduled officer-hours */
    double sl;      /* contact-weighted service level */
    double abandon; /* contact-weighted abandonment */
} PhoneCost;

/* One telephone row staffed alone to service level `target`, keeping
 * the rest of its queue's standard unless `alone`: `*n` officers, `*m`
 * their service. */
static gboolean
line_at(const RpCentre *c, const RpRequirement *r, double target,
        gboolean alone, double *n, RpErlangMetrics *m, GError **error)
{
    const RpQueue *q = rp_centre_queue(c, r->queue);
    RpQueueLoad load = {r->traffic, r->aht_s, q->patience_s};
    RpStandard s = q->standard;
    if (alone)
        rp_standard_init(&s);
    s.service_level = target;
    s.answer_within_s = q->standard.answer_within_s;
    return rp_staffing_required(&load, &s, NULL, FALSE, n, error) &&
           rp_erlang_metrics(&load, *n, s.answer_within_s, m, error);
}

/* The open telephone rows `rows[0..n)` of one interval staffed to
 * service level `target` (as line_at()), and, when the scenarios size the
 * phones as one pool and there are two or more, re-sized as one pool
 * with that target (rp_pool_size()): officers in `need[k]`, service in
 * `m[k]`. */
static gboolean
interval_at(const Costing *k, const RpRequirement *const *rows, size_t n,
            double target, gboolean alone, double *need, RpErlangMetrics *m,
            GError **error)
{
    for (size_t i = 0; i < n; i++)
        if (!line_at(k->centre, rows[i], target, alone, &need[i], &m[i], error))
            return FALSE;
    if (!k->pooled || n < 2)
        return TRUE;
    RpQueueLoad load;
    RpStandard s, pool_s;
    rp_pool_load(k->centre, rows, n, &load, &pool_s);
    s = pool_s;
    if (alone)
        rp_standard_init(&s);
    s.service_level = target;
    s.answer_within_s = pool_s.answer_within_s;
    g_autofree double *alone_need = g_memdup2(need, n * sizeof(double));
    double total;
    RpErlangMetrics pool_m;
    if (!rp_pool_size(k->centre, rows, n, &load, &s, alone_need, FALSE, need,
                      &total, &pool_m, error))
        return FALSE;
    for (size_t i = 0; i < n; i++)
        m[i] = pool_m;
    return TRUE;
}

/* Telephone rows staffed to service level `target`, keeping the rest of
 * each queue's standard unless `alone`, one by one or as one pool per
 * interval as the requirements were sized; NAN target: as required. */
static gboolean
phone_cost(const Costing *k, double target, gboolean alone, PhoneCost *pc,
           GError **error)
{
    const RpCentre *c = k->centre;
    const GArray *rows = k->req->rows;
    double h = c->interval_min / 60.0;
    double cost_sum = 0.0, hours_sum = 0.0, sl_sum = 0.0, ab_sum = 0.0;
    double contacts = 0.0;
    g_autofree const RpRequirement **group =
        g_new(const RpRequirement *, rows->len + 1);
    g_autofree guint *index = g_new(guint, rows->len + 1);
    g_autofree double *need = g_new(double, rows->len + 1);
    g_autofree RpErlangMetrics *m = g_new(RpErlangMetrics, rows->len + 1);
    for (guint i = 0; i < rows->len;) {
        size_t n = 0;
        guint j = i;
        for (; j < rows->len && g_array_index(rows, RpRequirement, j).start ==
                                    g_array_index(rows, RpRequirement, i).start;
             j++) {
            const RpRequirement *r = &g_array_index(rows, RpRequirement, j);
            if (is_phone(c, r->queue) && r->open) {
                index[n] = j;
                group[n++] = r;
            }
        }
        i = j;
        if (n == 0)
            continue;
        if (isnan(target)) {
            for (size_t g = 0; g < n; g++) {
                need[g] = group[g]->required;
                m[g] = group[g]->metrics;
            }
        } else if (!interval_at(k, group, n, target, alone, need, m, error)) {
            return FALSE;
        }
        for (size_t g = 0; g < n; g++) {
            const RpRequirement *r = group[g];
            double scheduled_h = need[g] / (1.0 - r->shrinkage) * h;
            cost_sum +=
                scheduled_h * c->costs.hourly_rate * k->pay_factor[index[g]];
            hours_sum += scheduled_h;
            sl_sum += r->contacts * m[g].service_level;
            ab_sum += r->contacts * m[g].p_abandon;
            contacts += r->contacts;
        }
    }
    pc->cost = cost_sum;
    pc->hours = hours_sum;
    pc->sl = contacts > 0.0 ? sl_sum / contacts : NAN;
    pc->abandon = contacts > 0.0 ? ab_sum / contacts : NAN;
    return TRUE;
}

static double
annual(const Costing *k, double cost)
{
    return cost * 365.25 / k->days;
}

static double
fte(const Costing *k, double hours)
{
    return hours / (k->centre->fte_hours * k->days / 7.0);
}

/* Per channel: contact-weighted target and achieved service of the
 * real-time rows; deferred work is planned to its deadline (100%). */
static void
channel_service(const Costing *k, RpScenarioResult *out)
{
    double contacts[RP_N_CHANNELS] = {0}, target[RP_N_CHANNELS] = {0};
    double achieved[RP_N_CHANNELS] = {0}, abandon[RP_N_CHANNELS] = {0};
    double cap[RP_N_CHANNELS] = {0};
    gboolean capped[RP_N_CHANNELS] = {FALSE};
    gboolean present[RP_N_CHANNELS] = {FALSE};
    const RpCentre *c = k->centre;
    for (guint q = 0; q < c->queues->len; q++)
        present[rp_centre_queue(c, q)->channel] = TRUE;
    for (guint i = 0; i < k->req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(k->req->rows, RpRequirement, i);
        const RpQueue *q = rp_centre_queue(c, r->queue);
        if (rp_channel_is_deferred(q->channel) || !r->open ||
            isnan(q->standard.service_level))
            continue;
        contacts[q->channel] += r->contacts;
        target[q->channel] += r->contacts * q->standard.service_level;
        achieved[q->channel] += r->contacts * r->metrics.service_level;
        abandon[q->channel] += r->contacts * r->metrics.p_abandon;
        /* a queue without a cap allows everyone to hang up */
        cap[q->channel] +=
            r->contacts *
            (isnan(q->standard.abandon_max) ? 1.0 : q->standard.abandon_max);
        capped[q->channel] |= !isnan(q->standard.abandon_max);
    }
    for (int ch = 0; ch < RP_N_CHANNELS; ch++) {
        out->target[ch] = out->achieved[ch] = NAN;
        out->abandon[ch] = out->abandon_max[ch] = NAN;
        if (!present[ch])
            continue;
        if (rp_channel_is_deferred((RpChannel)ch)) {
            out->target[ch] = out->achieved[ch] = 1.0;
        } else if (contacts[ch] > 0.0) {
            out->target[ch] = target[ch] / contacts[ch];
            out->achieved[ch] = achieved[ch] / contacts[ch];
            out->abandon[ch] = abandon[ch] / contacts[ch];
            out->abandon_max[ch] = capped[ch] ? cap[ch] / contacts[ch] : NAN;
        }
    }
}

static gboolean
costing_init(Costing *k, const RpCentre *c, const RpRequirements *req,
             gint64 first_day, size_t days)
{
    k->centre = c;
    k->req = req;
    k->pay_factor = g_new(double, req->rows->len);
    gint64 day0 = G_MAXINT64, day1 = G_MININT64;
    double h = c->interval_min / 60.0;
    k->fixed_cost = k->fixed_hours = 0.0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        gint64 d = rp_centre_local_day(c, r->start);
        day0 = MIN(day0, d);
        day1 = MAX(day1, d);
        k->pay_factor[i] = rp_centre_pay_factor(c, r->start);
        if (!is_phone(c, r->queue)) {
            k->fixed_hours += r->scheduled * h;
            k->fixed_cost +=
                r->scheduled * h * c->costs.hourly_rate * k->pay_factor[i];
        }
    }
    if (req->rows->len == 0)
        day0 = day1 = 0;
    if (days > 0) {
        day0 = first_day;
        day1 = first_day + (gint64)days - 1;
    }
    k->days = req->rows->len || days ? (double)(day1 - day0 + 1) : 7.0;
    k->first_day = day0;
    k->last_day = day1;
    return TRUE;
}

/* Highest telephone service level in [lo, hi], as the only telephone
 * target, whose annual cost fits `budget`; 0 when none does. */
static gboolean
fit_budget(const Costing *k, double lo, double hi, double budget, double *best,
           GError **error)
{
    PhoneCost pc;
    for (int i = 0; i < BUDGET_BISECTIONS; i++) {
        double mid = 0.5 * (lo + hi);
        if (!phone_cost(k, mid, TRUE, &pc, error))
            return FALSE;
        if (annual(k, k->fixed_cost + pc.cost) <= budget)
            lo = mid;
        else
            hi = mid;
    }
    *best = lo;
    return TRUE;
}

/* What the budget buys when the standards cost more: telephones to the
 * best service level it pays for (which may be above the standard's when
 * the standard's other targets were what cost). */
static gboolean
budget_service(const Costing *k, double budget, RpBudgetService *b,
               GError **error)
{
    double best;
    PhoneCost pc;
    if (!fit_budget(k, 0.0, MAX_SERVICE_LEVEL, budget, &best, error))
        return FALSE;
    if (best <= 0.0)
        return TRUE; /* not even the other channels fit */
    if (!phone_cost(k, best, TRUE, &pc, error))
        return FALSE;
    b->phone_target = best;
    b->phone_achieved = pc.sl;
    b->phone_abandon = pc.abandon;
    b->annual_cost = annual(k, k->fixed_cost + pc.cost);
    b->fte = fte(k, k->fixed_hours + pc.hours);
    return TRUE;
}

gboolean
rp_scenario_run(const RpCentre *centre, const RpVolumes *volumes,
                gint64 first_day, size_t days, const double *targets,
                size_t n_targets, gboolean pooled, RpScenarioResult *out,
                GError **error)
{
    g_autoptr(RpRequirements) req =
        rp_requirements_compute(centre, volumes, FALSE, error);
    if (req == NULL ||
        (pooled && !rp_requirements_pool(centre, req, FALSE, error)))
        return FALSE;
    Costing k;
    costing_init(&k, centre, req, first_day, days);
    k.pooled = pooled;
    RpScenarioResult r = {.budget = centre->costs.annual_budget,
                          .first_day = k.first_day,
                          .last_day = k.last_day,
                          .days = k.days,
                          .afford = {NAN, NAN, NAN, NAN, NAN}};
    r.frontier = g_array_new(FALSE, FALSE, sizeof(RpFrontierPoint));
    PhoneCost pc;
    gboolean ok = phone_cost(&k, NAN, FALSE, &pc, error);
    for (size_t i = 0; ok && i < n_targets; i++) {
        PhoneCost at;
        ok = phone_cost(&k, targets[i], FALSE, &at, error);
        RpFrontierPoint p = {targets[i], annual(&k, k.fixed_cost + at.cost),
                             fte(&k, k.fixed_hours + at.hours)};
        g_array_append_val(r.frontier, p);
    }
    channel_service(&k, &r);
    r.phone_target = r.target[RP_CHANNEL_PHONE];
    r.annual_cost = annual(&k, k.fixed_cost + pc.cost);
    r.weekly_cost = r.annual_cost * 7.0 / 365.25;
    r.fte = fte(&k, k.fixed_hours + pc.hours);
    r.over_budget = r.annual_cost - r.budget;
    r.within_budget = isnan(r.budget) || r.annual_cost <= r.budget;
    if (ok && !r.within_budget && !isnan(r.phone_target))
        ok = budget_service(&k, r.budget, &r.afford, error);
    g_free(k.pay_factor);
    if (!ok) {
        g_array_unref(r.frontier);
        return FALSE;
    }
    *out = r;
    return TRUE;
}

void
rp_scenario_result_clear(RpScenarioResult *r)
{
    g_clear_pointer(&r->frontier, g_array_unref);
}

/* ---- in parallel ------------------------------------------------------- */

typedef struct {
    const RpCentre *centre;
    RpVolumes *volumes; /* owned */
    gint64 first_day;
    size_t days;
    const double *targets;
    size_t n_targets;
    gboolean pooled;
    RpScenarioResult *result;
    GError *error;
} Job;

static void
run_job(gpointer data, gpointer user_data)
{
    Job *j = data;
    (void)user_data;
    rp_scenario_run(j->centre, j->volumes, j->first_day, j->days, j->targets,
                    j->n_targets, j->pooled, j->result, &j->error);
}

gboolean
rp_scenario_run_all(GPtrArray *scenarios, const RpCentre *centre,
                    const RpVolumes *base, gint64 first_day, size_t days,
                    const double *targets, size_t n_targets, gboolean pooled,
                    int threads, RpScenarioResult *results, GError **error)
{
    size_t n = scenarios->len;
    g_autofree Job *jobs = g_new0(Job, n);
    for (size_t i = 0; i < n; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        jobs[i] = (Job){s->centre, rp_scenario_volumes(s, centre, base),
                        first_day, days,
                        targets,   n_targets,
                        pooled,    &results[i],
                        NULL};
    }
    if (threads <= 1) {
        for (size_t i = 0; i < n; i++)
            run_job(&jobs[i], NULL);
    } else {
        GThreadPool *pool =
            g_thread_pool_new(run_job, NULL, threads, TRUE, NULL);
        for (size_t i = 0; i < n; i++)
            g_thread_pool_push(pool, &jobs[i], NULL);
        g_thread_pool_free(pool, FALSE, TRUE); /* waits for every job */
    }
    gboolean ok = TRUE;
    for (size_t i = 0; i < n; i++) {
        rp_volumes_free(jobs[i].volumes);
        if (jobs[i].error && ok) {
            g_propagate_error(error, jobs[i].error);
            ok = FALSE;
        } else if (jobs[i].error) {
            g_error_free(jobs[i].error);
        }
    }
    if (!ok)
        for (size_t i = 0; i < n; i++)
            rp_scenario_result_clear(&results[i]);
    return ok;
}
