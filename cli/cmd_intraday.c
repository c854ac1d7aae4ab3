/* cli/cmd_intraday.c - `rotaplan intraday`: the rest of today from this
 * morning's contacts and today's absences.
 *
 * Re-forecast (intraday/), the officers needed for it and the table of
 * contacts missing the standard (models/), the published day with
 * absences and late starts applied, the re-plan inside the published
 * shifts (intraday/), the rest of the day simulated before and after it
 * (sim/), then the options beyond it: overtime at the end of a shift,
 * officers off today coming in, voluntary time off where the queues can
 * spare an officer.  Nothing is written until every input has been
 * checked; -o DIR2 gets a copy of the plan with the revised rota and
 * activities, the report, the service per interval and the re-forecast,
 * put in place as a whole. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/dayplan.h"
#include "cli/simulation.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/file.h"
#include "common/units.h"

typedef struct {
    char *plan, *actuals, *now, *absent, *late, *out, *config, *date;
    int seed, replications;
    gboolean keep_lines;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->plan, &o->actuals, &o->now,    &o->absent,
                    &o->late, &o->out,     &o->config, &o->date};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

typedef struct {
    CliPlanDir plan;
    RpVolumes *actuals;
    gint64 day, now_utc;
    size_t n_seen, from; /* intervals seen; the first re-planned */
    RpDay *published, *today, *replanned;
    double *forecast, *aht, *revised, *theta;
    gboolean on_forecast; /* the morning ran to forecast: none changed */
    RpRequirements *req;
    RpDayDemand *demand;
    CliQueueService *before, *after; /* Erlang */
    GArray *sim[2][2]; /* [before, after][per queue, per interval] */
    RpReplanResult result;
    gboolean adopted; /* the re-plan is kept: the simulation finds it no
                         worse than the published positions */
    double base_cost; /* J of (2) for the day kept, what options improve */
    RpReplanParams option_sweeps; /* the re-plan pricing each option */
    GString *report;
    GString *changes; /* what the re-plan changed, one line each */
    int replications;
    double seconds;     /* the re-plan, from the re-forecast (s) */
    double seconds_sim; /* the two simulations (s) */
} Intraday;

static void
intraday_clear(Intraday *x)
{
    cli_plan_dir_clear(&x->plan);
    rp_volumes_free(x->actuals);
    rp_day_free(x->published);
    rp_day_free(x->today);
    rp_day_free(x->replanned);
    g_free(x->forecast);
    g_free(x->aht);
    g_free(x->revised);
    g_free(x->theta);
    rp_requirements_free(x->req);
    rp_day_demand_free(x->demand);
    g_free(x->before);
    g_free(x->after);
    for (size_t i = 0; i < 4; i++)
        if (x->sim[i / 2][i % 2])
            g_array_unref(x->sim[i / 2][i % 2]);
    if (x->report)
        g_string_free(x->report, TRUE);
    if (x->changes)
        g_string_free(x->changes, TRUE);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Intraday, intraday_clear)

static void
clock_of(const Intraday *x, size_t t, char *buf, size_t size)
{
    const RpCentre *c = x->plan.centre;
    gint64 utc = x->today->start_utc + (gint64)t * rp_centre_interval_s(c);
    int m = (int)((rp_clock_local(c->clock, utc) - x->day * 86400) / 60);
    g_snprintf(buf, size, "%02d:%02d", m / 60, m % 60);
}

/* ---- inputs ------------------------------------------------------------- */

static gboolean
read_actuals(Intraday *x, const Options *o, GError **error)
{
    const RpCentre *c = x->plan.centre;
    if (o->date != NULL) {
        GError *local = NULL;
        if (!rp_parse_date(o->date, &x->day, &local)) {
            cli_usage(error, "--date: %s", local->message);
            g_error_free(local);
            return FALSE;
        }
        if (o->actuals == NULL)
            return TRUE; /* nothing seen yet: the plan's forecast stands */
    }
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    x->actuals = rp_volumes_read(o->actuals, c, &vp, error);
    if (x->actuals == NULL) {
        if (error && *error && (*error)->domain == RP_DATA_ERROR &&
            (*error)->code == RP_DATA_ERROR_UNKNOWN)
            g_prefix_error(error,
                           "(the plan in %s is for %s: are the "
                           "actuals another centre's?) ",
                           o->plan, c->name);
        return FALSE;
    }
    if (o->date == NULL)
        x->day = rp_centre_local_day(c, x->actuals->first);
    for (size_t q = 0; q < x->actuals->n_queues; q++) {
        const GArray *rows = x->actuals->rows[q];
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            if (rp_centre_local_day(c, r->start) != x->day) {
                char when[RP_CLOCK_BUF], day[16];
                rp_clock_format(c->clock, r->start, when, sizeof when);
                rp_format_date(x->day, day, sizeof day);
                g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "%s:%zu: interval_start: %s is not on %s, the "
                            "day being re-planned (%s)",
                            o->actuals, r->line, when, day,
                            o->date ? "--date" : "the first row's");
                return FALSE;
            }
        }
    }
    return TRUE;
}

static gboolean
parse_now(Intraday *x, const Options *o, GError **error)
{
    const RpCentre *c = x->plan.centre;
    int min;
    GError *local = NULL;
    if (!rp_parse_clock(o->now, &min, &local)) {
        cli_usage(error, "--now: %s", local->message);
        g_error_free(local);
        return FALSE;
    }
    gint64 utc[2];
    if (rp_clock_resolve(c->clock, x->day * 86400 + min * 60, utc) == 0) {
        cli_usage(error, "--now: %s does not exist that day", o->now);
        return FALSE;
    }
    x->now_utc = utc[0];
    gint64 step = rp_centre_interval_s(c);
    x->n_seen = (size_t)((x->now_utc - x->today->start_utc) / step);
    x->from = (size_t)((x->now_utc - x->today->start_utc + step - 1) / step);
    /* inside the day's opening hours: some real-time queue open now */
    gboolean open = FALSE;
    for (size_t q = 0; q < c->queues->len && !open; q++)
        open = !rp_channel_is_deferred(rp_centre_queue(c, q)->channel) &&
               rp_centre_queue_open_at(c, q, x->now_utc);
    if (!open) {
        char date[16];
        rp_format_date(x->day, date, sizeof date);
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "--now %s: no line or desk is open at that time on %s "
                    "(the day of the actuals)",
                    o->now, date);
        return FALSE;
    }
    for (size_t q = 0; x->actuals && q < x->actuals->n_queues; q++) {
        const GArray *rows = x->actuals->rows[q];
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            if (!x->actuals->daily[q] && r->start + step > x->now_utc) {
                char when[RP_CLOCK_BUF];
                rp_clock_format(c->clock, r->start, when, sizeof when);
                g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "%s:%zu: interval_start: %s is not over by --now "
                            "%s: actuals can only be of intervals already "
                            "past",
                            o->actuals, r->line, when, o->now);
                return FALSE;
            }
        }
    }
    return TRUE;
}

static int
officer_arg(const Intraday *x, const char *option, const char *id,
            GError **error)
{
    int i = rp_day_officer_index(x->today, id);
    if (i < 0)
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_UNKNOWN,
                    "%s: no officer '%s' in the plan's officers file "
                    "(%s/officers.csv)",
                    option, id, x->plan.dir);
    return i;
}

static gboolean
apply_absences(Intraday *x, const Options *o, GError **error)
{
    g_auto(GStrv) absent = g_strsplit(o->absent ? o->absent : "", ",", -1);
    for (size_t i = 0; absent[i]; i++) {
        const char *id = g_strstrip(absent[i]);
        if (*id == '\0')
            continue;
        int k = officer_arg(x, "--absent", id, error);
        if (k < 0)
            return FALSE;
        const RpDayOfficer *off = g_ptr_array_index(x->today->officers, k);
        if (off->line == 0)
            cli_warn("--absent: %s has no shift that day", id);
        rp_day_absent(x->today, (size_t)k, 0);
        g_string_append_printf(x->changes, "%s (%s) absent all day\n", id,
                               off->name);
    }
    g_auto(GStrv) late = g_strsplit(o->late ? o->late : "", ",", -1);
    for (size_t i = 0; late[i]; i++) {
        char *item = g_strstrip(late[i]);
        if (*item == '\0')
            continue;
        char *eq = strchr(item, '=');
        int min;
        if (eq == NULL || !rp_parse_clock(eq + 1, &min, NULL)) {
            cli_usage(error, "--late: '%s' is not ID=HH:MM", item);
            return FALSE;
        }
        *eq = '\0';
        int k = officer_arg(x, "--late", item, error);
        if (k < 0)
            return FALSE;
        gint64 step = rp_centre_interval_s(x->plan.centre);
        gint64 utc[2];
        if (rp_clock_resolve(x->plan.centre->clock, x->day * 86400 + min * 60,
                             utc) == 0) {
            cli_usage(error, "--late: %s does not exist that day", eq + 1);
            return FALSE;
        }
        size_t at = (size_t)((utc[0] - x->today->start_utc + step - 1) / step);
        if (!rp_day_late(x->today, (size_t)k, at)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "--late: %s=%s is not inside %s's shift that day", item,
                        eq + 1, item);
            return FALSE;
        }
        g_string_append_printf(x->changes, "%s arrives at %s\n", item, eq + 1);
    }
    return TRUE;
}

/* The re-forecast of the day: every queue shares the centre's level (the
 * backtest finds the day's levels of lines, desks and deferred queues
 * about equally correlated), then has its own. */
static void
reforecast(Intraday *x)
{
    const RpCentre *c = x->plan.centre;
    size_t nq = c->queues->len, n = x->today->n_intervals;
    x->forecast = g_new(double, nq *n);
    x->aht = g_new(double, nq *n);
    x->revised = g_new(double, nq *n);
    x->theta = g_new(double, nq);
    cli_day_forecast(&x->plan, x->today, x->forecast, x->aht);
    g_autofree double *actual = g_new(double, nq *n);
    g_autofree int *group = g_new0(int, nq);
    for (size_t i = 0; i < nq * n; i++)
        actual[i] = NAN;
    for (size_t q = 0; q < nq; q++) {
        if (x->actuals == NULL || x->actuals->daily[q])
            continue;
        const GArray *rows = x->actuals->rows[q];
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            actual[q * n + (size_t)rp_day_interval(x->today, r->start)] =
                r->contacts;
        }
    }
    gboolean kept =
        rp_intraday_reforecast(x->forecast, actual, nq, n, x->n_seen, group,
                               NULL, x->revised, x->theta);
    x->on_forecast = kept && x->actuals != NULL && x->n_seen > 0;
}

/* ---- the report --------------------------------------------------------- */

/* The simulated rest of the day of queue q (NULL when it has none). */
static const RpSimRow *
sim_row(const GArray *rows, size_t q)
{
    for (guint i = 0; i < rows->len; i++) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, i);
        if (r->queue == q)
            return r;
    }
    return NULL;
}

static void
service_table(const Intraday *x, GString *out)
{
    const RpCentre *c = x->plan.centre;
    size_t n = x->today->n_intervals;
    g_string_append_printf(out, "  %-26s %8s %8s %6s %7s %7s %7s %8s\n",
                           "queue", "forecast", "expected", "level", "before",
                           "after", "Erlang", "standard");
    for (size_t q = 0; q < c->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        const RpSimRow *b = sim_row(x->sim[0][0], q);
        const RpSimRow *a = sim_row(x->sim[1][0], q);
        if (b == NULL || a == NULL || b->offered <= 0)
            continue;
        double plan = 0, expected = 0;
        for (size_t t = x->from; t < n; t++)
            if (!isnan(x->forecast[q * n + t])) {
                plan += x->forecast[q * n + t];
                expected += x->revised[q * n + t];
            }
        if (rp_channel_is_deferred(queue->channel)) {
            g_string_append_printf(
                out,
                "  %-26s %8.0f %8.0f %5.0f%%   %.1f then %.1f officer-hours, "
                "%.0f then %.0f items waiting at the close\n",
                queue->id, plan, expected, 100 * x->theta[q],
                x->before[q].officer_h, x->after[q].officer_h, b->backlog_end,
                a->backlog_end);
            continue;
        }
        g_string_append_printf(
            out,
            "  %-26s %8.0f %8.0f %5.0f%% %6.1f%% %6.1f%% %6.1f%% %7.0f%%\n",
            queue->id, plan, expected, 100 * x->theta[q],
            100 * b->service_level, 100 * a->service_level,
            100 * x->after[q].sl, 100 * queue->standard.service_level);
    }
}

/* Pay for one officer-hour of overtime at UTC instant `utc` at hourly
 * rate `rate`: on-costs, and the larger of the time's premium and the
 * overtime premium. */
static double
overtime_pay(const RpCentre *c, double rate, gint64 utc)
{
    double on = 1.0 + c->costs.oncost;
    return rate * on *
           fmax(rp_centre_pay_factor(c, utc) / on,
                1.0 + c->costs.overtime_premium);
}

/* An officer's option: contacts more within their standard, its cost,
 * and (overtime) the interval it ends. */
typedef struct {
    guint officer;
    double saved, cost;
    size_t end;
} Option;

/* Most contacts saved first; ties by cost, then the officers' order. */
static void
sort_options(GArray *options)
{
    for (guint i = 1; i < options->len; i++)
        for (guint j = i; j > 0; j--) {
            Option *p = &g_array_index(options, Option, j - 1);
            Option *q = &g_array_index(options, Option, j);
            if (q->saved > p->saved + 1e-9 ||
                (fabs(q->saved - p->saved) <= 1e-9 && q->cost < p->cost)) {
                Option t = *p;
                *p = *q;
                *q = t;
            }
        }
}

/* Officers who could stay up to an hour later without breaking a rule,
 * and what it would do; the five that would help most. */
static void
overtime(const Intraday *x, GString *out)
{
    const RpCentre *c = x->plan.centre;
    const RpWorkRules *w = &c->rules->work;
    int step = c->interval_min;
    size_t extra = (size_t)(60 / step);
    g_autoptr(GArray) options = g_array_new(FALSE, FALSE, sizeof(Option));
    for (guint o = 0; o < x->replanned->officers->len; o++) {
        const RpDayOfficer *off = g_ptr_array_index(x->replanned->officers, o);
        const RpOfficer *who = g_ptr_array_index(x->plan.in->officers, o);
        if (off->line == 0 || off->end + extra > x->replanned->n_intervals ||
            off->end < x->from)
            continue;
        gint64 end_utc =
            x->replanned->start_utc + (gint64)(off->end + extra) * step * 60;
        int end_min =
            (int)((rp_clock_local(c->clock, end_utc) - x->day * 86400) / 60);
        const RpShiftRules *rules = rp_rules_site(c, (size_t)off->site);
        /* the site's working hours, evenings and the rest before the
         * next shift (11 hours by default) */
        if (rules == NULL ||
            (!who->evenings && end_min > c->costs.evening_after_min))
            continue;
        const RpDayHours *h = &rules->hours.day[rp_weekday(x->day)];
        gboolean inside = FALSE;
        for (int s = 0; s < h->n_spans; s++)
            inside |= end_min > h->open_min[s] && end_min <= h->close_min[s];
        if (!inside ||
            (off->next_start_utc != G_MININT64 &&
             off->next_start_utc - end_utc < (gint64)w->min_rest_min * 60) ||
            off->week_paid_min + (int)extra * step > w->max_week_min)
            continue;
        g_autoptr(RpDay) more = rp_day_copy(x->replanned);
        RpDayOfficer *m = g_ptr_array_index(more->officers, o);
        for (size_t t = m->end; t < m->end + extra; t++)
            m->activity[t] = RP_DAY_IDLE;
        m->end += extra;
        RpReplanResult r;
        rp_day_replan(more, x->plan.skill, x->demand, x->from,
                      &x->option_sweeps, &r);
        double saved =
            x->base_cost - rp_day_cost(more, x->plan.skill, x->demand, x->from);
        if (saved < 0.5)
            continue;
        Option op = {o, saved, 0.0, off->end + extra};
        for (size_t t = 0; t < extra; t++)
            op.cost += overtime_pay(c, who->hourly_cost,
                                    end_utc - (gint64)(extra - t) * step * 60) *
                       step / 60.0;
        g_array_append_val(options, op);
    }
    if (options->len == 0) {
        g_string_append(out, "Overtime: no officer can lawfully stay later "
                             "where it would help.\n");
        return;
    }
    sort_options(options);
    g_string_append(out, "Overtime (an hour after the shift ends, lawful: "
                         "rest before the next shift, weekly hours, "
                         "evenings, the site's hours):\n");
    for (guint i = 0; i < options->len && i < 5; i++) {
        const Option *op = &g_array_index(options, Option, i);
        const RpDayOfficer *off =
            g_ptr_array_index(x->replanned->officers, op->officer);
        char a[8];
        clock_of(x, op->end, a, sizeof a);
        g_string_append_printf(out,
                               "  %s (%s) stays to %s: %.0f more contacts "
                               "within the standard, %.2f %s\n",
                               off->id, off->name, a, op->saved, op->cost,
                               c->costs.currency);
    }
    if (options->len > 5)
        g_string_append_printf(out, "  (%u more could, each helping less)\n",
                               options->len - 5);
}

/* Officers with no shift today who could lawfully come in for four
 * hours from an hour after now, at their home site, and what it would
 * do; the five that would help most. */
static void
come_in(const Intraday *x, GString *out)
{
    const RpCentre *c = x->plan.centre;
    const RpWorkRules *w = &c->rules->work;
    int step = c->interval_min;
    size_t len = (size_t)(240 / step), at = x->from + (size_t)(60 / step);
    gint64 step_s = rp_centre_interval_s(c);
    g_autoptr(GArray) options = g_array_new(FALSE, FALSE, sizeof(Option));
    for (guint o = 0; o < x->replanned->officers->len; o++) {
        const RpDayOfficer *off = g_ptr_array_index(x->replanned->officers, o);
        const RpOfficer *who = g_ptr_array_index(x->plan.in->officers, o);
        const RpShiftRules *rules = rp_rules_site(c, (size_t)who->home_site);
        const RpDayOfficer *pub = g_ptr_array_index(x->today->officers, o);
        if (off->line != 0 || pub->line != 0 || rules == NULL ||
            at + len > x->replanned->n_intervals)
            continue;
        /* absent today (given --absent): not asked */
        const RpDayOfficer *plan = g_ptr_array_index(x->published->officers, o);
        if (plan->line != 0)
            continue;
        gint64 start_utc = x->replanned->start_utc + (gint64)at * step_s;
        gint64 end_utc = start_utc + (gint64)len * step_s;
        int start_min =
            (int)((rp_clock_local(c->clock, start_utc) - x->day * 86400) / 60);
        int end_min = start_min + (int)len * step;
        const RpDayHours *h = &rules->hours.day[rp_weekday(x->day)];
        gboolean inside = FALSE;
        for (int k = 0; k < h->n_spans; k++)
            inside |= start_min >= h->open_min[k] && end_min <= h->close_min[k];
        gboolean rested =
            (off->prev_end_utc == G_MININT64 ||
             start_utc - off->prev_end_utc >= (gint64)w->min_rest_min * 60) &&
            (off->next_start_utc == G_MININT64 ||
             off->next_start_utc - end_utc >= (gint64)w->min_rest_min * 60);
        if (!inside || !rested || off->week_days + 1 > who->max_days ||
            off->week_paid_min + (int)len * step > w->max_week_min ||
            (!who->evenings && end_min > c->costs.evening_after_min))
            continue;
        g_autoptr(RpDay) more = rp_day_copy(x->replanned);
        RpDayOfficer *m = g_ptr_array_index(more->officers, o);
        m->site = who->home_site;
        m->start = at;
        m->end = at + len;
        m->line = 1;
        for (size_t t = at; t < at + len; t++)
            m->activity[t] = RP_DAY_IDLE;
        RpReplanResult r;
        rp_day_replan(more, x->plan.skill, x->demand, x->from,
                      &x->option_sweeps, &r);
        Option op = {o,
                     x->base_cost -
                         rp_day_cost(more, x->plan.skill, x->demand, x->from),
                     0, 0};
        for (size_t t = 0; t < len; t++)
            op.cost += overtime_pay(c, who->hourly_cost,
                                    start_utc + (gint64)t * step_s) *
                       step / 60.0;
        if (op.saved >= 0.5)
            g_array_append_val(options, op);
    }
    if (options->len == 0) {
        g_string_append(out, "Coming in: no officer off today can lawfully "
                             "come in where it would help.\n");
        return;
    }
    sort_options(options);
    char a[8], b[8];
    clock_of(x, at, a, sizeof a);
    clock_of(x, at + len, b, sizeof b);
    g_string_append_printf(out,
                           "Coming in %s-%s (off today; lawful: rest either "
                           "side, days and hours in the week):\n",
                           a, b);
    for (guint i = 0; i < options->len && i < 5; i++) {
        const Option *op = &g_array_index(options, Option, i);
        const RpDayOfficer *off =
            g_ptr_array_index(x->replanned->officers, op->officer);
        g_string_append_printf(out,
                               "  %s (%s): %.0f more contacts within the "
                               "standard, %.2f %s\n",
                               off->id, off->name, op->saved, op->cost,
                               c->costs.currency);
    }
}

/* Officers who could go home an hour early at no cost to service, one
 * after another (each granted before the next is tried). */
static void
time_off(const Intraday *x, GString *out)
{
    const RpCentre *c = x->plan.centre;
    size_t hour = (size_t)(60 / c->interval_min);
    g_autoptr(RpDay) less = rp_day_copy(x->replanned);
    double cost = x->base_cost;
    gboolean any = FALSE;
    for (guint o = 0; o < less->officers->len; o++) {
        const RpDayOfficer *off = g_ptr_array_index(less->officers, o);
        if (off->line == 0 || off->end < x->from + hour ||
            off->end - hour <= off->start)
            continue;
        g_autoptr(RpDay) trial = rp_day_copy(less);
        size_t leave = off->end - hour;
        rp_day_absent(trial, o, leave);
        double j = rp_day_cost(trial, x->plan.skill, x->demand, x->from);
        if (j - cost > 0.5)
            continue;
        const RpOfficer *who = g_ptr_array_index(x->plan.in->officers, o);
        if (!any)
            g_string_append(out, "Voluntary time off (an hour early, each "
                                 "on top of those above it, no contact "
                                 "more missing its standard):\n");
        any = TRUE;
        char a[8];
        clock_of(x, leave, a, sizeof a);
        g_string_append_printf(
            out, "  %s (%s) leaves at %s: saves %.2f %s\n", off->id, off->name,
            a, who->hourly_cost * (1 + c->costs.oncost), c->costs.currency);
        rp_day_free(less);
        less = g_steal_pointer(&trial);
    }
    if (!any)
        g_string_append(out, "Voluntary time off: none; every officer "
                             "on shift is needed.\n");
}

static void
make_report(Intraday *x)
{
    const RpCentre *c = x->plan.centre;
    char date[16], from[8];
    rp_format_date(x->day, date, sizeof date);
    clock_of(x, x->from, from, sizeof from);
    GString *r = x->report = g_string_new(NULL);
    g_string_append_printf(r, "%s, intraday %s at %s\n\n", c->name, date, from);
    if (x->changes->len)
        g_string_append_printf(r, "Today:\n%s\n", x->changes->str);
    g_string_append_printf(
        r,
        "Rest of the day from %s.  Contacts re-forecast from the morning "
        "(level = expected / forecast)%s.\n"
        "Share answered within the standard on each line and desk with the "
        "officers at work,\nbefore and after the re-plan, simulated (%d "
        "runs; Erlang's figure after, for comparison);\ndeferred work in "
        "officer-hours and items left at the close:\n",
        from,
        x->on_forecast ? ";\nthe morning ran to forecast (every queue, and "
                         "all together, within chance of it),\nso the "
                         "forecast stands"
                       : "",
        x->replications);
    service_table(x, r);
    g_string_append_printf(
        r,
        "\nRe-plan inside the published shifts: %zu officer-intervals on "
        "another queue,\n%zu breaks moved within their windows (%.2f s).  "
        "Calls and visitors not answered within\ntheir standard, rest of "
        "the day: %.0f before, %.0f after, simulated\n(%.0f and %.0f by "
        "Erlang; simulations %.1f s).\n%s\n",
        x->result.n_moved, x->result.n_breaks, x->seconds,
        cli_sim_missed(x->plan.centre, x->sim[0][0]),
        cli_sim_missed(x->plan.centre, x->sim[1][0]),
        cli_service_missed(&x->plan, x->before),
        cli_service_missed(&x->plan, x->after), x->seconds_sim,
        x->adopted ? ""
                   : "The simulation finds the re-plan worse than the "
                     "published positions, so it is not\nadopted: the "
                     "revised plan keeps the published positions and "
                     "breaks (today's\nabsences and late starts applied), "
                     "and the options below start from them.\n");
    overtime(x, r);
    come_in(x, r);
    time_off(x, r);
}

/* ---- output ------------------------------------------------------------- */

/* Service per queue and remaining interval, simulated before and after
 * the re-plan; and the re-forecast as a volumes file. */
static GString *
intervals_csv(const Intraday *x)
{
    const RpCentre *c = x->plan.centre;
    GString *out = g_string_new("interval_start,queue,offered,"
                                "service_level_before,service_level_after,"
                                "p_abandon_before,p_abandon_after,"
                                "meets_before,meets_after\n");
    const GArray *b = x->sim[0][1], *a = x->sim[1][1];
    for (guint i = 0; i < b->len && i < a->len; i++) {
        const RpSimRow *rb = &g_array_index(b, RpSimRow, i);
        const RpSimRow *ra = &g_array_index(a, RpSimRow, i);
        if (rp_channel_is_deferred(rp_centre_queue(c, rb->queue)->channel))
            continue;
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock, rb->start_utc, when, sizeof when);
        g_string_append_printf(out, "%s,%s", when,
                               rp_centre_queue(c, rb->queue)->id);
        double v[] = {rb->offered, rb->service_level, ra->service_level,
                      rb->p_abandon, ra->p_abandon};
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            rp_csv_append_number(out, v[k], FALSE);
        g_string_append_printf(out, ",%d,%d\n", rb->meets ? 1 : 0,
                               ra->meets ? 1 : 0);
    }
    return out;
}

static GString *
forecast_csv(const Intraday *x)
{
    const RpCentre *c = x->plan.centre;
    size_t n = x->today->n_intervals;
    GString *out = g_string_new("interval_start,queue,contacts,aht_s\n");
    for (size_t q = 0; q < c->queues->len; q++)
        for (size_t t = 0; t < n; t++) {
            if (isnan(x->revised[q * n + t]))
                continue;
            char when[RP_CLOCK_BUF];
            rp_clock_format(c->clock,
                            x->today->start_utc +
                                (gint64)t * rp_centre_interval_s(c),
                            when, sizeof when);
            g_string_append_printf(out, "%s,%s", when,
                                   rp_centre_queue(c, q)->id);
            rp_csv_append_number(out, x->revised[q * n + t], FALSE);
            rp_csv_append_number(out, x->aht[q * n + t], FALSE);
            g_string_append_c(out, '\n');
        }
    return out;
}

static gboolean
write_out(const Intraday *x, const char *out, GError **error)
{
    g_autofree char *rota = NULL, *activities = NULL;
    size_t len;
    if (!rp_file_read(x->plan.rota, RP_FILE_MAX_CSV, &rota, &len, error) ||
        !rp_file_read(x->plan.activities, RP_FILE_MAX_CSV, &activities, &len,
                      error))
        return FALSE;
    g_autoptr(GString) new_rota = NULL;
    g_autoptr(GString) new_act = NULL;
    g_autoptr(RpDay) files = cli_day_for_files(&x->plan, x->replanned);
    if (!rp_day_write(files, x->plan.rota, rota, x->plan.activities, activities,
                      &new_rota, &new_act, error))
        return FALSE;
    g_autoptr(CliOutputs) set = cli_outputs_new();
    const char *dir = cli_outputs_dir(set, out, error);
    if (dir == NULL)
        return FALSE;
    static const char *const copied[] = {"centre.ini", "officers.csv",
                                         "forecast.csv", "availability.csv"};
    gboolean ok = TRUE;
    for (size_t i = 0; ok && i < G_N_ELEMENTS(copied); i++) {
        g_autofree char *from = g_build_filename(x->plan.dir, copied[i], NULL);
        g_autofree char *to = g_build_filename(dir, copied[i], NULL);
        if (g_file_test(from, G_FILE_TEST_EXISTS))
            ok = cli_copy_file(set, from, to, error);
    }
    g_autofree char *p_rota = g_build_filename(dir, "rota.csv", NULL);
    g_autofree char *p_act = g_build_filename(dir, "activities.csv", NULL);
    g_autofree char *p_rep = g_build_filename(dir, "intraday.txt", NULL);
    g_autofree char *p_int =
        g_build_filename(dir, "intraday-intervals.csv", NULL);
    g_autofree char *p_fc =
        g_build_filename(dir, "intraday-forecast.csv", NULL);
    g_autoptr(GString) intervals = intervals_csv(x);
    g_autoptr(GString) forecast = forecast_csv(x);
    return ok && cli_write(set, p_rota, new_rota, error) &&
           cli_write(set, p_act, new_act, error) &&
           cli_write(set, p_rep, x->report, error) &&
           cli_write(set, p_int, intervals, error) &&
           cli_write(set, p_fc, forecast, error) &&
           cli_outputs_commit(set, error);
}

/* ---- the command -------------------------------------------------------- */

static gboolean
run(const Options *o, GError **error)
{
    if (!o->plan || !(o->actuals || o->date) || !o->now) {
        cli_usage(error, "--plan, --actuals (or --date) and --now are "
                         "required");
        return FALSE;
    }
    if (!cli_sim_check_replications(o->replications, error))
        return FALSE;
    if (o->seed < 0) {
        cli_usage(error, "--seed must not be negative");
        return FALSE;
    }
    if (o->out != NULL) {
        /* the published plan stays as it was: -o is a new folder */
        g_autofree char *a = g_canonicalize_filename(o->out, NULL);
        g_autofree char *b = g_canonicalize_filename(o->plan, NULL);
        if (strcmp(a, b) == 0) {
            cli_usage(error,
                      "-o %s is the plan folder itself; the revised "
                      "plan goes into another folder",
                      o->out);
            return FALSE;
        }
    }
    g_auto(Intraday) x = {.changes = g_string_new(NULL)};
    if (!cli_plan_dir_load(&x.plan, o->plan, o->config, error) ||
        !read_actuals(&x, o, error))
        return FALSE;
    if ((x.published = cli_plan_dir_day(&x.plan, x.day, error)) == NULL)
        return FALSE;
    x.today = rp_day_copy(x.published);
    if (!parse_now(&x, o, error) || !apply_absences(&x, o, error))
        return FALSE;
    g_autoptr(GTimer) timer = g_timer_new();
    reforecast(&x);
    size_t nq = x.plan.centre->queues->len;
    x.before = g_new0(CliQueueService, nq);
    x.after = g_new0(CliQueueService, nq);
    if ((x.req = cli_day_requirements(&x.plan, x.today, x.revised, x.aht,
                                      error)) == NULL ||
        (x.demand = cli_day_demand(&x.plan, x.today, x.req, x.from,
                                   o->keep_lines, error)) == NULL ||
        !cli_day_service(&x.plan, x.today, x.req, x.from, x.before, NULL,
                         error))
        return FALSE;
    x.replanned = rp_day_copy(x.today);
    rp_day_replan(x.replanned, x.plan.skill, x.demand, x.from, NULL, &x.result);
    x.seconds = g_timer_elapsed(timer, NULL);
    if (!cli_day_service(&x.plan, x.replanned, x.req, x.from, x.after, NULL,
                         error))
        return FALSE;
    x.replications = o->replications;
    for (int i = 0; i < 2; i++)
        if (!cli_day_simulate(&x.plan, i ? x.replanned : x.today, x.revised,
                              x.aht, x.from, (size_t)o->replications,
                              (guint64)o->seed, &x.sim[i][0], &x.sim[i][1],
                              error))
            return FALSE;
    x.seconds_sim = g_timer_elapsed(timer, NULL) - x.seconds;
    /* the re-plan is judged by the simulation, as the service is: one that
     * answers fewer contacts within their standard is not adopted, and the
     * options start from the published positions */
    x.adopted = cli_sim_missed(x.plan.centre, x.sim[1][0]) <=
                cli_sim_missed(x.plan.centre, x.sim[0][0]);
    if (!x.adopted) {
        rp_day_free(x.replanned);
        x.replanned = rp_day_copy(x.today);
    }
    x.base_cost = rp_day_cost(x.replanned, x.plan.skill, x.demand, x.from);
    /* an option starts from a re-planned day: one round fits the extra
     * hours in (and keeps the command quick) */
    rp_replan_params_init(&x.option_sweeps);
    x.option_sweeps.max_sweeps = 1;
    make_report(&x);
    if (o->out && !write_out(&x, o->out, error))
        return FALSE;
    fputs(x.report->str, stdout);
    if (o->out)
        printf("\nrevised rota, activities, intraday.txt, the service per "
               "interval and the re-forecast written to %s/\n",
               o->out);
    return TRUE;
}

int
cmd_intraday(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1, .replications = 20};
    GOptionEntry entries[] = {
        {"plan", 0, 0, G_OPTION_ARG_FILENAME, &o.plan,
         "the plan folder rotaplan plan wrote (required)", "DIR"},
        {"actuals", 0, 0, G_OPTION_ARG_FILENAME, &o.actuals,
         "today's contacts so far, per queue and interval (history format; "
         "required)",
         "FILE"},
        {"date", 0, 0, G_OPTION_ARG_STRING, &o.date,
         "the day (default: the actuals' day); with no --actuals, nothing "
         "has been seen yet",
         "YYYY-MM-DD"},
        {"now", 0, 0, G_OPTION_ARG_STRING, &o.now,
         "the time now: intervals before it are over (required)", "HH:MM"},
        {"absent", 0, 0, G_OPTION_ARG_STRING, &o.absent,
         "officers not at work today", "ID,..."},
        {"late", 0, 0, G_OPTION_ARG_STRING, &o.late,
         "officers arriving late, and when", "ID=HH:MM,..."},
        {"out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out,
         "write the revised plan (rota, activities, intraday.txt) here, "
         "replaced as a whole",
         "DIR2"},
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "check the plan is this centre's", "FILE"},
        {"keep-lines", 0, 0, G_OPTION_ARG_NONE, &o.keep_lines,
         "move no officer off a phone line that would then fall short of "
         "its standard (desks always)",
         NULL},
        {"seed", 0, 0, G_OPTION_ARG_INT, &o.seed, "simulation seed (default 1)",
         "N"},
        {"replications", 0, 0, G_OPTION_ARG_INT, &o.replications,
         "simulation runs (default 20)", "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- re-forecast and re-plan the rest of today");
    g_option_context_set_summary(
        ctx, "Re-forecasts the rest of today from the contacts so far, takes "
             "absent and late officers\nout, evaluates the service of every "
             "line and desk, re-plans inside the published\nshifts (positions "
             "and breaks) and lists overtime and time-off options.  Example:\n"
             "  rotaplan intraday --plan plan --actuals today.csv --now 10:30 "
             "\\\n      --absent o07,o12 -o plan-1030");
    g_option_context_set_description(
        ctx, "The method and a worked example are in docs/intraday.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
