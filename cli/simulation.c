/* cli/simulation.c - the simulator wired to rotaplan's files: contacts
 * from a volumes, forecast or requirements file, log-ins from a rota in
 * memory, and the results as a table, CSV or JSON.  Shared by `rotaplan
 * simulate` and `rotaplan plan`. */
#include "cli/simulation.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"
#include "models/requirements.h"

RpSimDemand *
cli_sim_demand(const RpCentre *c, const RpVolumes *v, gint64 start_utc,
               size_t n_intervals, GError **error)
{
    gint64 step = rp_centre_interval_s(c);
    RpSimDemand *d = rp_sim_demand_new(c->queues->len, n_intervals, start_utc);
    for (size_t q = 0; q < v->n_queues; q++) {
        const GArray *rows = v->rows[q];
        for (guint k = 0; k < rows->len; k++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, k);
            gint64 off = r->start - start_utc;
            if (off < 0 || (size_t)(off / step) >= n_intervals) {
                g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "%s:%zu: interval_start: outside the days "
                            "simulated",
                            v->path, r->line);
                rp_sim_demand_free(d);
                return NULL;
            }
            size_t t = (size_t)(off / step);
            d->contacts[q * n_intervals + t] = r->contacts;
            d->aht_s[q * n_intervals + t] = r->aht_s;
        }
    }
    return d;
}

void
cli_sim_set_day_cv(RpSimDemand *d, double cv)
{
    if (!(cv > 0.0))
        return;
    g_free(d->day_cv);
    d->day_cv = g_new(double, d->n_queues);
    for (size_t q = 0; q < d->n_queues; q++)
        d->day_cv[q] = cv;
}

RpSimStaff *
cli_sim_staff_skills(const RpRosterInput *in, size_t n_intervals)
{
    size_t n_q = in->centre->queues->len, n_o = in->officers->len;
    RpSimStaff *s = rp_sim_staff_new(n_o, n_q, n_intervals);
    for (size_t i = 0; i < n_o; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        memcpy(s->skill + i * n_q, o->skill, n_q * sizeof(double));
    }
    return s;
}

RpSimStaff *
cli_sim_staff_from_roster(const RpRosterInput *in, const RpRoster *roster)
{
    RpSimStaff *s = cli_sim_staff_skills(in, roster->n_intervals);
    /* calls routed by skill: on a line means on every line held, or a
     * profile's; a blended desk takes calls between visitors */
    rp_roster_login_masks(in, roster, s->login, s->first);
    return s;
}

/* ---- simulation-based correction ---------------------------------------- */

/* Replications of each correction round's simulation. */
#define CORRECTION_REPLICATIONS 30

/* How a rota did in simulation: phone lines meeting their standard over
 * the whole week, and open phone line-intervals meeting it. */
typedef struct {
    int lines_met;
    int intervals_met;
} Simulated;

static gboolean
better(const Simulated *a, const Simulated *b)
{
    return a->lines_met != b->lines_met ? a->lines_met > b->lines_met
                                        : a->intervals_met > b->intervals_met;
}

/* The officers `req` asks for on the phone lines open in each interval
 * of the roster's grid.  (transfer full) */
static double *
phone_sum(const RpCentre *c, const RpRequirements *req, const RpRosterDemand *d)
{
    double *need = g_new0(double, d->n_intervals);
    gint64 step = rp_centre_interval_s(c);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        gint64 t = (r->start - d->start_utc) / step;
        if (r->open && t >= 0 && (size_t)t < d->n_intervals &&
            rp_centre_queue(c, r->queue)->channel == RP_CHANNEL_PHONE)
            need[t] += r->required;
    }
    return need;
}

/* Per interval of the roster's grid, over the phone lines open then: the
 * officers one pool of their calls needs (`staff --model pooled`'s rows,
 * whole officers, added up), and the officers they need sized one by one
 * (`--model per-line`), whatever model the requirement was sized with. */
typedef struct {
    double *pool, *lines;
    gboolean *phone;     /* [q] a phone line */
    gboolean short_week; /* rp_roster_short_week() before any correction */
} PhoneNeeds;

static void
phone_needs_clear(PhoneNeeds *n)
{
    g_clear_pointer(&n->pool, g_free);
    g_clear_pointer(&n->lines, g_free);
    g_clear_pointer(&n->phone, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PhoneNeeds, phone_needs_clear)

static gboolean
phone_needs(const RpCentre *c, const RpVolumes *volumes,
            const RpRosterDemand *d, PhoneNeeds *n, GError **error)
{
    g_autoptr(RpRequirements) req =
        rp_requirements_compute(c, volumes, FALSE, error);
    if (req == NULL)
        return FALSE;
    n->lines = phone_sum(c, req, d);
    if (!rp_requirements_pool(c, req, FALSE, error))
        return FALSE;
    n->pool = phone_sum(c, req, d);
    n->phone = g_new0(gboolean, d->n_queues);
    for (size_t q = 0; q < d->n_queues; q++)
        n->phone[q] = rp_centre_queue(c, (guint)q)->channel == RP_CHANNEL_PHONE;
    return TRUE;
}

/* Per interval of the roster's grid from `start_utc`: the officers the
 * rota has at work (on any queue, or idle) who hold a phone line open
 * then, each by their best proficiency on such a line: the officers who
 * could be on the phones, wherever the rota put them. */
static double *
phones_available(const RpRosterInput *in, const RpRoster *roster,
                 gint64 start_utc)
{
    const RpCentre *c = in->centre;
    size_t n_t = roster->n_intervals, n_q = c->queues->len;
    gint64 step = rp_centre_interval_s(c);
    g_autofree gboolean *open = g_new0(gboolean, n_q * n_t);
    for (size_t q = 0; q < n_q; q++)
        if (rp_centre_queue(c, (guint)q)->channel == RP_CHANNEL_PHONE)
            for (size_t t = 0; t < n_t; t++)
                open[q * n_t + t] = rp_centre_queue_open_at(
                    c, (guint)q, start_utc + (gint64)t * step);
    double *on = g_new0(double, n_t);
    for (size_t o = 0; o < roster->n_officers; o++) {
        const RpOfficer *officer = g_ptr_array_index(in->officers, o);
        for (size_t t = 0; t < n_t; t++) {
            int a = roster->activity[o * n_t + t];
            if (a < 0 && a != RP_ACT_IDLE)
                continue;
            double best = 0.0;
            for (size_t q = 0; q < n_q; q++)
                if (open[q * n_t + t])
                    best = MAX(best, officer->skill[q]);
            on[t] += best;
        }
    }
    return on;
}

/* A phone line-interval that missed its standard in simulation. */
typedef struct {
    size_t t, queue;
    double service_level;
} Miss;

static gint
by_interval_then_worst(gconstpointer a, gconstpointer b)
{
    const Miss *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->service_level != y->service_level)
        return x->service_level < y->service_level ? -1 : 1;
    return x->queue < y->queue ? -1 : x->queue > y->queue;
}

/* Adds one officer to the requirement of each of `misses` (sorted by
 * by_interval_then_worst()) where enough officers are available: where
 * the rota has at work at least `need->pool[t]` (the fully pooled figure)
 * officers who could take calls (`on`).  With fewer, even all of them on
 * the phones could not meet every line, and raising the lines would only
 * move the shortfall onto the desks and deferred work.  In a week short
 * of officers every line misses for want of them, which says nothing of
 * the pool's figure: there the phones of an interval are raised no
 * higher than its lines need sized one by one (`need->lines[t]`), the
 * worst lines first, so that the corrections do not move the shortage
 * from the desks onto the phones. */
static void
raise_misses(RpRosterDemand *d, const PhoneNeeds *need, const double *on,
             const GArray *misses)
{
    g_autofree double *sum = g_new0(double, d->n_intervals);
    for (guint k = 0; k < misses->len; k++) {
        const Miss *m = &g_array_index(misses, Miss, k);
        if (k > 0 && g_array_index(misses, Miss, k - 1).t == m->t)
            continue;
        for (size_t q = 0; q < d->n_queues; q++)
            if (need->phone[q])
                sum[m->t] += d->required[q * d->n_intervals + m->t];
    }
    for (guint k = 0; k < misses->len; k++) {
        const Miss *m = &g_array_index(misses, Miss, k);
        if (on[m->t] + 1e-9 < need->pool[m->t] ||
            (need->short_week && sum[m->t] + 1.0 > need->lines[m->t] + 1e-9))
            continue;
        d->required[m->queue * d->n_intervals + m->t] += 1.0;
        sum[m->t] += 1.0;
    }
}

/* Simulates `roster` against the requirements' contacts (seeded by the
 * roster's seed) and, when `raise` is set, raises the open phone
 * line-intervals that miss their standard (raise_misses()).  Fills
 * `*sim`. */
static gboolean
simulate_round(RpRosterInput *in, const RpVolumes *volumes,
               const RpRoster *roster, guint32 seed, const PhoneNeeds *need,
               gboolean raise, Simulated *sim, GError **error)
{
    const RpCentre *c = in->centre;
    RpRosterDemand *d = in->req;
    g_autoptr(RpSimDemand) demand =
        cli_sim_demand(c, volumes, d->start_utc, d->n_intervals, error);
    if (demand == NULL)
        return FALSE;
    g_autoptr(RpSimStaff) staff = cli_sim_staff_from_roster(in, roster);
    RpSimParams params;
    rp_sim_params_init(&params);
    params.replications = CORRECTION_REPLICATIONS;
    params.seed = seed;
    g_autoptr(RpSimResult) res = rp_sim_run(c, demand, staff, &params, error);
    if (res == NULL)
        return FALSE;
    *sim = (Simulated){0, 0};
    g_autoptr(GArray) week = rp_sim_summarise(c, res, RP_SIM_BY_ALL);
    for (guint k = 0; k < week->len; k++) {
        const RpSimRow *r = &g_array_index(week, RpSimRow, k);
        if (rp_centre_queue(c, r->queue)->channel != RP_CHANNEL_PHONE)
            continue;
        sim->lines_met += r->meets ? 1 : 0;
    }
    g_autoptr(GArray) rows = rp_sim_summarise(c, res, RP_SIM_BY_INTERVAL);
    g_autoptr(GArray) misses = g_array_new(FALSE, FALSE, sizeof(Miss));
    gint64 step = rp_centre_interval_s(c);
    for (guint k = 0; k < rows->len; k++) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, k);
        gint64 t = (r->start_utc - d->start_utc) / step;
        if (rp_centre_queue(c, r->queue)->channel != RP_CHANNEL_PHONE ||
            !rp_centre_queue_open_at(c, r->queue, r->start_utc) || t < 0 ||
            (size_t)t >= d->n_intervals)
            continue;
        if (r->meets)
            sim->intervals_met++;
        else {
            Miss m = {(size_t)t, r->queue, r->service_level};
            g_array_append_val(misses, m);
        }
    }
    if (raise) {
        g_array_sort(misses, by_interval_then_worst);
        g_autofree double *on = phones_available(in, roster, d->start_utc);
        raise_misses(d, need, on, misses);
    }
    return TRUE;
}

/* The effort of each round's solve: a rota good enough to show where the
 * requirement misses in simulation, at a tenth of the default search and
 * without the bound; the rota kept is then solved with the full effort. */
#define CORRECTION_ITERATIONS 3000

gboolean
cli_roster_correct(RpRosterInput *in, const RpVolumes *volumes,
                   const RpRosterParams *params, int rounds,
                   RpRosterResult *result, GError **error)
{
    RpRosterDemand *d = in->req;
    size_t cells = d->n_queues * d->n_intervals;
    RpRosterParams quick = *params;
    if (quick.iterations == 0 || quick.iterations > CORRECTION_ITERATIONS)
        quick.iterations = CORRECTION_ITERATIONS;
    quick.bound = FALSE;
    /* the time limit caps the whole: each round has its share of one
     * half, the final solve what the rounds leave */
    RpRosterParams full = *params;
    quick.time_limit_s = params->time_limit_s / (2.0 * (rounds + 1));
    double used = 0.0;
    /* the rounds' effort is the full effort: keep the best round's rota */
    gboolean same = quick.iterations == params->iterations && !params->bound;
    g_autofree double *best_req = NULL;
    g_auto(RpRosterResult) best_rota = {0};
    Simulated best = {-1, -1};
    g_auto(PhoneNeeds) need = {.short_week = rp_roster_short_week(in)};
    if (!phone_needs(in->centre, volumes, d, &need, error))
        return FALSE;
    for (int k = 0; k <= rounds; k++) {
        g_autofree double *req = g_memdup2(d->required, cells * sizeof(double));
        RpRosterResult next = {0};
        Simulated sim;
        if (!rp_roster_solve(in, &quick, &next, error) ||
            !simulate_round(in, volumes, next.roster, params->seed, &need,
                            k < rounds, &sim, error)) {
            rp_roster_result_clear(&next);
            return FALSE;
        }
        used += next.seconds;
        cli_progress("correction %d of %d: %d phone lines meet, %d "
                     "line-intervals",
                     k, rounds, sim.lines_met, sim.intervals_met);
        if (better(&sim, &best)) {
            best = sim;
            g_free(best_req);
            best_req = g_steal_pointer(&req);
            rp_roster_result_clear(&best_rota);
            best_rota = next;
        } else {
            rp_roster_result_clear(&next);
        }
    }
    memcpy(d->required, best_req, cells * sizeof(double));
    if (same) {
        *result = best_rota;
        best_rota = (RpRosterResult){0};
        return TRUE;
    }
    full.time_limit_s =
        MAX(params->time_limit_s - used, params->time_limit_s / 2.0);
    return rp_roster_solve(in, &full, result, error);
}

/* ---- results ----------------------------------------------------------- */

static const CliColumn columns[] = {
    {"queue", NULL, CLI_COL_TEXT},
    {"queue_name", "queue", CLI_COL_TEXT},
    {"period", NULL, CLI_COL_TEXT},
    {"offered", NULL, CLI_COL_COUNT},
    {"answered", NULL, CLI_COL_COUNT},
    {"answered_in_time", "in time", CLI_COL_COUNT},
    {"abandoned", NULL, CLI_COL_COUNT},
    {"service_level", "service", CLI_COL_PERCENT},
    {"service_level_lo", "low", CLI_COL_PERCENT},
    {"service_level_hi", "high", CLI_COL_PERCENT},
    {"target", NULL, CLI_COL_PERCENT},
    {"p_abandon", "abandoned %", CLI_COL_PERCENT},
    {"p_abandon_lo", "low", CLI_COL_PERCENT},
    {"p_abandon_hi", "high", CLI_COL_PERCENT},
    {"asa_s", "ASA s", CLI_COL_SECONDS},
    {"occupancy", NULL, CLI_COL_PERCENT},
    {"logged_hours", "officer-hours", CLI_COL_NUMBER},
    {"late_items", "late", CLI_COL_COUNT},
    {"backlog_end", "backlog", CLI_COL_COUNT},
    {"meets", NULL, CLI_COL_COUNT},
};
enum { C_QUEUE, C_NAME, C_PERIOD, C_FIRST_NUMBER, C_MEETS = 19 };
G_STATIC_ASSERT(G_N_ELEMENTS(columns) == C_MEETS + 1);

void
cli_sim_period_label(const RpCentre *c, RpSimPeriod by, const RpSimRow *row,
                     char *buf, size_t size)
{
    gint64 day = rp_centre_local_day(c, row->start_utc);
    switch (by) {
    case RP_SIM_BY_INTERVAL:
        rp_clock_format(c->clock, row->start_utc, buf, size);
        break;
    case RP_SIM_BY_DAY:
        rp_format_date(day, buf, size);
        break;
    case RP_SIM_BY_WEEK:
        rp_format_iso_week(day, buf, size);
        break;
    default:
        g_strlcpy(buf, "all", size);
    }
}

double
cli_sim_target(const RpQueue *q)
{
    return rp_channel_is_deferred(q->channel) ? 1.0 : q->standard.service_level;
}

void
cli_sim_render(const RpCentre *c, const GArray *rows, RpSimPeriod by,
               CliFormat format, GString *out)
{
    g_autoptr(CliTable) t = cli_table_new(columns, G_N_ELEMENTS(columns));
    for (guint k = 0; k < rows->len; k++) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, k);
        const RpQueue *q = rp_centre_queue(c, r->queue);
        char period[RP_CLOCK_BUF];
        cli_sim_period_label(c, by, r, period, sizeof period);
        cli_table_row(t);
        cli_table_text(t, C_QUEUE, q->id);
        cli_table_text(t, C_NAME, q->name);
        cli_table_text(t, C_PERIOD, period);
        double v[] = {
            r->offered,          r->answered,       r->answered_in_time,
            r->abandoned,        r->service_level,  r->service_level_lo,
            r->service_level_hi, cli_sim_target(q), r->p_abandon,
            r->p_abandon_lo,     r->p_abandon_hi,   r->asa_s,
            r->occupancy,        r->logged_h,       r->late_items,
            r->backlog_end};
        for (size_t j = 0; j < G_N_ELEMENTS(v); j++)
            cli_table_number(t, C_FIRST_NUMBER + j, v[j]);
        cli_table_number(t, C_MEETS, r->meets ? 1.0 : 0.0);
    }
    cli_table_render(t, format, out);
}

gboolean
cli_check_corrections(int corrections, GError **error)
{
    if (corrections == CLI_DEFAULT_CORRECTIONS ||
        (corrections >= 0 && corrections <= 20))
        return TRUE;
    cli_usage(error, "--corrections: %d is not from 0 to 20", corrections);
    return FALSE;
}

gboolean
cli_sim_check_replications(int replications, GError **error)
{
    if (replications >= 1 && replications <= 100000)
        return TRUE;
    cli_usage(error, "--replications: %d is not from 1 to 100000",
              replications);
    return FALSE;
}
