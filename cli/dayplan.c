/* cli/dayplan.c - a plan folder read back and one of its days costed and
 * evaluated, for `rotaplan intraday` and `rotaplan leave-check`.
 *
 * This is where the modules meet: the day and its re-plan come from
 * intraday/, the officers from roster/, the officers needed and the
 * service from models/ (Erlang C or A, the model the plan was sized
 * with). */
#include "cli/dayplan.h"

#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/simulation.h"
#include "common/activities.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"
#include "models/erlang.h"

void
cli_plan_dir_clear(CliPlanDir *p)
{
    g_free(p->dir);
    g_free(p->rota);
    g_free(p->activities);
    g_free(p->ids);
    g_free(p->skill);
    g_free(p->pool_skill);
    rp_volumes_free(p->forecast);
    rp_roster_input_free(p->in);
    rp_centre_free(p->centre);
    memset(p, 0, sizeof *p);
}

static gboolean
need_file(const char *dir, const char *path, GError **error)
{
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                "%s is not a plan folder of this version of rotaplan: it has "
                "no %s (run rotaplan plan again)",
                dir, path);
    return FALSE;
}

gboolean
cli_plan_dir_load(CliPlanDir *p, const char *dir, const char *config,
                  GError **error)
{
    memset(p, 0, sizeof *p);
    p->dir = g_strdup(dir);
    g_autofree char *ini = g_build_filename(dir, "centre.ini", NULL);
    g_autofree char *officers = g_build_filename(dir, "officers.csv", NULL);
    g_autofree char *forecast = g_build_filename(dir, "forecast.csv", NULL);
    p->rota = g_build_filename(dir, "rota.csv", NULL);
    p->activities = g_build_filename(dir, "activities.csv", NULL);
    const char *need[] = {ini, officers, forecast, p->rota, p->activities};
    for (size_t i = 0; i < G_N_ELEMENTS(need); i++)
        if (!need_file(dir, need[i], error))
            return FALSE;
    if ((p->centre = rp_centre_load(ini, error)) == NULL)
        return FALSE;
    if (config != NULL) {
        g_autoptr(RpCentre) given = rp_centre_load(config, error);
        if (given == NULL)
            return FALSE;
        if (strcmp(given->name, p->centre->name) != 0) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "the plan folder %s is for \"%s\", not \"%s\" (%s): "
                        "a plan folder from another centre",
                        dir, p->centre->name, given->name, config);
            return FALSE;
        }
    }
    p->in = rp_roster_input_new(p->centre);
    if (!rp_roster_input_read_officers(p->in, officers, error))
        return FALSE;
    if ((p->forecast = rp_volumes_read(forecast, p->centre, NULL, error)) ==
        NULL)
        return FALSE;
    guint n = p->in->officers->len;
    size_t nq = p->centre->queues->len;
    p->ids = g_new(const char *, n);
    p->skill = g_new(const double *, n);
    p->pool = -1;
    for (size_t q = 0;
         q < nq && p->centre->routing == RP_ROUTING_SKILLS && p->pool < 0; q++)
        if (rp_centre_queue(p->centre, q)->channel == RP_CHANNEL_PHONE)
            p->pool = (int)q;
    if (p->pool >= 0)
        p->pool_skill = g_new0(double, n *nq);
    for (guint i = 0; i < n; i++) {
        const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
        p->ids[i] = o->id;
        p->skill[i] = o->skill;
        if (p->pool < 0)
            continue;
        /* the lines as one: an officer holds the pool as well as their
         * best line */
        double *s = p->pool_skill + i * nq;
        for (size_t q = 0; q < nq; q++) {
            if (rp_centre_queue(p->centre, q)->channel != RP_CHANNEL_PHONE)
                s[q] = o->skill[q];
            else
                s[p->pool] = MAX(s[p->pool], o->skill[q]);
        }
        p->skill[i] = s;
    }
    return TRUE;
}

/* Turns activity `from` into `to` throughout `d`. */
static void
swap_activity(RpDay *d, int from, int to)
{
    for (guint i = 0; i < d->officers->len; i++) {
        RpDayOfficer *o = g_ptr_array_index(d->officers, i);
        for (size_t t = 0; t < d->n_intervals; t++)
            if (o->activity[t] == from)
                o->activity[t] = (gint16)to;
    }
}

RpDay *
cli_day_for_files(const CliPlanDir *p, const RpDay *d)
{
    RpDay *copy = rp_day_copy(d);
    if (p->pool >= 0)
        swap_activity(copy, p->pool, RP_DAY_PHONES);
    return copy;
}

RpDay *
cli_plan_dir_day(const CliPlanDir *p, gint64 day, GError **error)
{
    const RpCentre *c = p->centre;
    gint64 first = rp_centre_local_day(c, p->forecast->first);
    gint64 last = rp_centre_local_day(c, p->forecast->last);
    if (day < first || day > last) {
        char a[16], b[16], d[16];
        rp_format_date(first, a, sizeof a);
        rp_format_date(last, b, sizeof b);
        rp_format_date(day, d, sizeof d);
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "the plan in %s covers %s to %s, not %s", p->dir, a, b, d);
        return NULL;
    }
    RpDay *d = rp_day_read(c, day, p->ids, p->in->officers->len, p->rota,
                           p->activities, error);
    if (d != NULL && p->pool >= 0)
        swap_activity(d, RP_DAY_PHONES, p->pool);
    for (guint i = 0; d && i < d->officers->len; i++) {
        RpDayOfficer *o = g_ptr_array_index(d->officers, i);
        if (o->line == 0) {
            /* no shift today: the name from the officers file */
            g_free(o->name);
            o->name = g_strdup(
                ((const RpOfficer *)g_ptr_array_index(p->in->officers, i))
                    ->name);
        }
    }
    return d;
}

void
cli_day_forecast(const CliPlanDir *p, const RpDay *d, double *contacts,
                 double *aht_s)
{
    size_t nq = p->centre->queues->len, n = d->n_intervals;
    for (size_t i = 0; i < nq * n; i++)
        contacts[i] = aht_s[i] = NAN;
    for (size_t q = 0; q < nq; q++) {
        const GArray *rows = p->forecast->rows[q];
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            gint64 t = rp_day_interval(d, r->start);
            if (t < 0 || t >= (gint64)n)
                continue;
            contacts[q * n + (size_t)t] = r->contacts;
            aht_s[q * n + (size_t)t] =
                isnan(r->aht_s) ? rp_centre_queue(p->centre, q)->aht_s
                                : r->aht_s;
        }
    }
}

RpRequirements *
cli_day_requirements(const CliPlanDir *p, const RpDay *d,
                     const double *contacts, const double *aht_s,
                     GError **error)
{
    const RpCentre *c = p->centre;
    size_t nq = c->queues->len, n = d->n_intervals;
    g_autoptr(GString) csv = g_string_new("interval_start,queue,contacts,"
                                          "aht_s\n");
    for (size_t q = 0; q < nq; q++)
        for (size_t t = 0; t < n; t++) {
            if (isnan(contacts[q * n + t]))
                continue;
            char when[RP_CLOCK_BUF];
            rp_clock_format(c->clock,
                            d->start_utc + (gint64)t * rp_centre_interval_s(c),
                            when, sizeof when);
            g_string_append_printf(csv, "%s,%s,", when,
                                   rp_centre_queue(c, q)->id);
            rp_csv_append_number(csv, contacts[q * n + t], TRUE);
            rp_csv_append_number(csv, aht_s[q * n + t], FALSE);
            g_string_append_c(csv, '\n');
        }
    g_autoptr(RpVolumes) v = rp_volumes_parse("the day's forecast", csv->str,
                                              csv->len, c, NULL, error);
    return v ? rp_requirements_compute(c, v, FALSE, error) : NULL;
}

/* Replaces m[0..n) by its lower convex hull, as the roster prices
 * officers short: under Erlang C a queue of 1.5 Erlangs misses every call
 * with one officer and few with two, and a search moving one officer at a
 * time would never start it; on the hull the first officer counts for
 * half of what the pair does. */
static void
convex_hull(double *m, size_t n)
{
    size_t i = 0;
    while (i + 1 < n) {
        /* the point after i with the steepest fall per officer */
        size_t best = i + 1;
        for (size_t j = i + 2; j < n; j++)
            if ((m[j] - m[i]) / (double)(j - i) <
                (m[best] - m[i]) / (double)(best - i) - 1e-12)
                best = j;
        for (size_t j = i + 1; j < best; j++)
            m[j] =
                m[i] + (m[best] - m[i]) * (double)(j - i) / (double)(best - i);
        i = best;
    }
}

/* The miss table of (2) for `queue` (or the pool on its line) at
 * interval t: the contacts of `load` missing standard `st` with 0..
 * officers, on its convex hull; with `keep`, what the standard allows
 * as the most an officer may leave it missing. */
static gboolean
fill_miss(RpDayDemand *dd, size_t queue, size_t t, const RpQueueLoad *load,
          const RpStandard *st, gboolean keep, double interval_s,
          GError **error)
{
    size_t n = dd->n_intervals, k_max = dd->max_officers;
    double contacts = load->traffic * interval_s / load->aht_s;
    double within = !isnan(st->answer_within_s) ? st->answer_within_s
                    : !isnan(st->asa_max_s)     ? st->asa_max_s
                                                : 20.0;
    double *m = dd->miss + (queue * n + t) * (k_max + 1);
    for (size_t k = 0; k <= k_max; k++) {
        RpErlangMetrics em;
        if (!rp_erlang_metrics(load, (double)k, within, &em, error))
            return FALSE;
        m[k] = contacts * (isnan(st->service_level) ? em.p_abandon
                                                    : 1.0 - em.service_level);
        if (k > 0 && m[k] > m[k - 1])
            m[k] = m[k - 1];
    }
    convex_hull(m, k_max + 1);
    if (keep)
        dd->keep[queue * n + t] =
            contacts * (!isnan(st->service_level) ? 1.0 - st->service_level
                        : !isnan(st->abandon_max) ? st->abandon_max
                                                  : 1.0);
    return TRUE;
}

/* Officer o's shares on `lines` (bits of queues, the phone lines they
 * hold of a profile or all of them) into row[q]: their proficiency times
 * the line's part of `traffic` (per queue) among those lines. */
static void
line_shares(const double *skill, guint64 lines, const double *traffic,
            size_t nq, double *row)
{
    double held = 0.0;
    for (size_t q = 0; q < nq; q++)
        if (lines >> q & 1)
            held += traffic[q];
    for (size_t q = 0; q < nq && held > 0.0; q++)
        if (lines >> q & 1)
            row[q] = skill[q] * traffic[q] / held;
}

/* Calls routed by skill: an officer on the phones counts on each line
 * they hold by their proficiency times that line's share of the day's
 * traffic among those lines (`traffic`, per queue), one on phones:NAME
 * likewise among the profile's lines they hold, so that the re-plan
 * weighs each line with the officers who can take its calls. */
static void
pool_shares(const CliPlanDir *p, RpDayDemand *dd, const double *traffic)
{
    const RpCentre *c = p->centre;
    size_t nq = c->queues->len, n = p->in->officers->len;
    size_t blocks = 1 + c->profiles->len;
    dd->pool = p->pool;
    dd->n_officers = n;
    dd->share = g_new0(double, blocks *n *nq);
    for (size_t o = 0; o < n; o++) {
        const RpOfficer *off = g_ptr_array_index(p->in->officers, (guint)o);
        for (size_t b = 0; b < blocks; b++) {
            /* block 0 the pool (phones), then phones:NAME of each profile */
            RpPosition pos = {RP_POSITION_PHONES, (int)b - 1};
            line_shares(off->skill, rp_position_lines(c, &pos, off->skill),
                        traffic, nq, dd->share + (b * n + o) * nq);
        }
    }
}

RpDayDemand *
cli_day_demand(const CliPlanDir *p, const RpDay *d, const RpRequirements *req,
               size_t from, gboolean keep_lines, GError **error)
{
    const RpCentre *c = p->centre;
    size_t nq = c->queues->len, n = d->n_intervals;
    size_t k_max = MAX((size_t)1, (size_t)d->officers->len);
    double interval_s = (double)rp_centre_interval_s(c);
    g_autoptr(RpDayDemand) dd = rp_day_demand_new(nq, n, k_max);
    g_autofree double *traffic = g_new0(double, nq);
    const RpRequirement *rows = (const RpRequirement *)(void *)req->rows->data;
    /* rows are by start, then queue: one interval at a time */
    for (guint i = 0, j; i < req->rows->len; i = j) {
        size_t t = (size_t)rp_day_interval(d, rows[i].start);
        for (j = i; j < req->rows->len && rows[j].start == rows[i].start; j++) {
            const RpRequirement *r = &rows[j];
            const RpQueue *q = rp_centre_queue(c, r->queue);
            if (!r->open || r->contacts <= 0.0 ||
                rp_channel_is_deferred(q->channel))
                continue;
            /* officers leave a desk (and with keep_lines a line) only
             * where it keeps its standard without them */
            RpQueueLoad load = {r->traffic, r->aht_s, q->patience_s};
            if (!fill_miss(dd, r->queue, t, &load, &q->standard,
                           q->channel == RP_CHANNEL_RECEPTION || keep_lines,
                           interval_s, error))
                return NULL;
            if (q->channel == RP_CHANNEL_PHONE)
                traffic[r->queue] += r->traffic;
        }
    }
    if (p->pool >= 0)
        pool_shares(p, dd, traffic);
    g_autofree double *staffed = g_new(double, nq *n);
    rp_day_staffed(d, p->skill, staffed);
    for (size_t q = 0; q < nq; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        if (!rp_channel_is_deferred(queue->channel))
            continue;
        for (size_t t = from; t < n; t++)
            dd->target_h[q] += staffed[q * n + t] * c->interval_min / 60.0;
        dd->price[q] = 3600.0 / queue->aht_s;
    }
    return g_steal_pointer(&dd);
}

gboolean
cli_day_service(const CliPlanDir *p, const RpDay *d, const RpRequirements *req,
                size_t from, CliQueueService *out, RpEvaluation **eval,
                GError **error)
{
    const RpCentre *c = p->centre;
    size_t nq = c->queues->len, n = d->n_intervals;
    g_autofree double *staffed = g_new(double, nq *n);
    rp_day_staffed(d, p->skill, staffed);
    /* the evaluation pools the lines: an officer on a profile's phones
     * counts on the pool's line, as one on the phones does */
    for (guint i = 0; p->pool >= 0 && i < d->officers->len; i++) {
        const RpDayOfficer *o = g_ptr_array_index(d->officers, i);
        for (size_t t = 0; t < n; t++) {
            RpPosition pos;
            if (rp_day_position(o->activity[t], &pos) &&
                pos.kind == RP_POSITION_PHONES && pos.profile >= 0)
                staffed[(size_t)p->pool * n + t] += p->skill[i][p->pool];
        }
    }
    g_autofree double *rows = g_new0(double, req->rows->len);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        rows[i] = staffed[r->queue * n + (size_t)rp_day_interval(d, r->start)];
    }
    g_autoptr(RpEvaluation) e = rp_evaluate(c, req, rows, NULL, error);
    if (e == NULL)
        return FALSE;
    memset(out, 0, nq * sizeof *out);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        const RpEvalInterval *x =
            &g_array_index(e->intervals, RpEvalInterval, i);
        gint64 t = rp_day_interval(d, r->start);
        if (t < (gint64)from || !r->open)
            continue;
        CliQueueService *s = &out[r->queue];
        s->officer_h += x->staffed * c->interval_min / 60.0;
        if (rp_channel_is_deferred(rp_centre_queue(c, r->queue)->channel))
            continue;
        s->contacts += r->contacts;
        s->sl += r->contacts * x->metrics.service_level;
        s->abandon += r->contacts * x->metrics.p_abandon;
        if (!x->meets)
            s->n_missed++;
    }
    for (size_t q = 0; q < nq; q++)
        if (out[q].contacts > 0) {
            out[q].sl /= out[q].contacts;
            out[q].abandon /= out[q].contacts;
        }
    if (eval)
        *eval = g_steal_pointer(&e);
    return TRUE;
}

double
cli_service_missed(const CliPlanDir *p, const CliQueueService *s)
{
    double missed = 0.0;
    for (size_t q = 0; q < p->centre->queues->len; q++)
        missed += s[q].contacts * (1.0 - s[q].sl);
    return missed;
}

double
cli_sim_missed(const RpCentre *c, const GArray *rows)
{
    double missed = 0.0;
    for (guint i = 0; i < rows->len; i++) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, i);
        if (!rp_channel_is_deferred(rp_centre_queue(c, r->queue)->channel))
            missed += r->offered - r->answered_in_time;
    }
    return missed;
}

gboolean
cli_day_simulate(const CliPlanDir *p, const RpDay *d, const double *contacts,
                 const double *aht_s, size_t from, size_t replications,
                 guint64 seed, GArray **by_queue, GArray **by_interval,
                 GError **error)
{
    const RpCentre *c = p->centre;
    size_t nq = c->queues->len, n = d->n_intervals, rest = n - from;
    g_autoptr(RpSimDemand) demand = rp_sim_demand_new(
        nq, rest, d->start_utc + (gint64)from * rp_centre_interval_s(c));
    for (size_t q = 0; q < nq; q++)
        for (size_t t = from; t < n; t++) {
            double y = contacts[q * n + t];
            demand->contacts[q * rest + t - from] = isnan(y) ? 0.0 : y;
            demand->aht_s[q * rest + t - from] = aht_s[q * n + t];
        }
    g_autoptr(RpSimStaff) staff = cli_sim_staff_skills(p->in, rest);
    g_autoptr(RpDay) files = cli_day_for_files(p, d);
    g_autoptr(GString) name = g_string_new(NULL);
    for (guint i = 0; i < files->officers->len; i++) {
        const RpDayOfficer *o = g_ptr_array_index(files->officers, i);
        const double *skill = staff->skill + i * nq;
        for (size_t t = from; t < n; t++) {
            int a = o->activity[t];
            guint64 *login = &staff->login[i * rest + t - from];
            guint64 *first = &staff->first[i * rest + t - from];
            RpPosition pos;
            if (a >= 0)
                *login = G_GUINT64_CONSTANT(1) << a;
            else if (rp_day_position(a, &pos) &&
                     !rp_position_login(c, rp_position_name(c, &pos, name),
                                        o->site, skill, login, first, error))
                return FALSE;
        }
    }
    RpSimParams params;
    rp_sim_params_init(&params);
    params.replications = replications;
    params.seed = seed;
    g_autoptr(RpSimResult) r = rp_sim_run(c, demand, staff, &params, error);
    if (r == NULL)
        return FALSE;
    *by_queue = rp_sim_summarise(c, r, RP_SIM_BY_ALL);
    *by_interval = rp_sim_summarise(c, r, RP_SIM_BY_INTERVAL);
    return TRUE;
}
