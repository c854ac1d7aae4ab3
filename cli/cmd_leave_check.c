/* cli/cmd_leave_check.c - `rotaplan leave-check`: would granting an
 * officer leave keep every standard of the plan met?
 *
 * Each day of the leave inside the plan's week is taken from the
 * published rota and re-planned twice inside the published shifts
 * (positions and breaks, as `rotaplan intraday` does, from the day's
 * start): with the officer and without.  Both are simulated against the
 * plan's forecast with the same callers (as intraday re-evaluates its
 * day), so what differs is the leave, not the optimiser or chance; the
 * simulation's verdict per interval is what "meets its standard" means,
 * and Erlang's count is printed beside it.  Only what the leave makes
 * worse is reported: an interval that met its standard and
 * would not, or missed it and would miss by more; an already short plan is not
 * blamed on the leave. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/dayplan.h"
#include "cli/simulation.h"
#include "common/error.h"
#include "common/units.h"

typedef struct {
    char *plan, *officer, *from, *to, *config;
    int seed, replications;
} Options;

static void
options_clear(Options *o)
{
    g_free(o->plan);
    g_free(o->officer);
    g_free(o->from);
    g_free(o->to);
    g_free(o->config);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* The standard of queue q as printed. */
static void
standard_text(const RpQueue *q, char *buf, size_t size)
{
    if (isnan(q->standard.abandon_max))
        g_snprintf(buf, size, "%.0f%%", 100 * q->standard.service_level);
    else
        g_snprintf(buf, size, "%.0f%% (%.0f%%)",
                   100 * q->standard.service_level,
                   100 * q->standard.abandon_max);
}

/* Intervals of real-time queues the Erlang evaluation finds falling
 * short, or further short, without the officer (the pooled lines as one,
 * on the pool's line). */
static size_t
erlang_worse(const CliPlanDir *p, const RpRequirements *req,
             const RpEvaluation *ea, const RpEvaluation *eb)
{
    size_t worse = 0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *row = &g_array_index(req->rows, RpRequirement, i);
        const RpQueue *q = rp_centre_queue(p->centre, row->queue);
        const RpEvalInterval *x =
            &g_array_index(ea->intervals, RpEvalInterval, i);
        const RpEvalInterval *y =
            &g_array_index(eb->intervals, RpEvalInterval, i);
        gboolean pooled = p->pool >= 0 && q->channel == RP_CHANNEL_PHONE;
        if ((pooled && row->queue != (guint)p->pool) || !row->open ||
            rp_channel_is_deferred(q->channel) || y->meets ||
            !(y->metrics.service_level < x->metrics.service_level - 1e-9))
            continue;
        worse++;
    }
    return worse;
}

/* Orders indices of simulated rows (`data`) by start, then queue. */
static gint
by_time(gconstpointer a, gconstpointer b, gpointer data)
{
    const GArray *rows = data;
    const RpSimRow *x = &g_array_index(rows, RpSimRow, *(const guint *)a);
    const RpSimRow *y = &g_array_index(rows, RpSimRow, *(const guint *)b);
    if (x->start_utc != y->start_utc)
        return x->start_utc < y->start_utc ? -1 : 1;
    return x->queue < y->queue ? -1 : x->queue > y->queue;
}

/* Re-plans *d from the day's start and simulates it and the day as it
 * was with the same callers; keeps in *d whichever the simulation finds
 * answering more contacts within their standard (the published positions
 * on a tie go to the re-plan, as in intraday), with its simulated rows. */
static gboolean
settle(const CliPlanDir *p, RpDay **d, const RpRequirements *req,
       const double *contacts, const double *aht, const Options *opt,
       GArray **by_queue, GArray **by_interval, GError **error)
{
    g_autoptr(RpDayDemand) dd = cli_day_demand(p, *d, req, 0, FALSE, error);
    if (dd == NULL)
        return FALSE;
    g_autoptr(RpDay) re = rp_day_copy(*d);
    RpReplanResult r;
    rp_day_replan(re, p->skill, dd, 0, NULL, &r);
    g_autoptr(GArray) q0 = NULL, i0 = NULL, q1 = NULL, i1 = NULL;
    if (!cli_day_simulate(p, *d, contacts, aht, 0, (size_t)opt->replications,
                          (guint64)opt->seed, &q0, &i0, error) ||
        !cli_day_simulate(p, re, contacts, aht, 0, (size_t)opt->replications,
                          (guint64)opt->seed, &q1, &i1, error))
        return FALSE;
    if (cli_sim_missed(p->centre, q1) <= cli_sim_missed(p->centre, q0)) {
        RpDay *published = *d;
        *d = g_steal_pointer(&re);
        re = published;
        *by_queue = g_steal_pointer(&q1);
        *by_interval = g_steal_pointer(&i1);
    } else {
        *by_queue = g_steal_pointer(&q0);
        *by_interval = g_steal_pointer(&i0);
    }
    return TRUE;
}

/* One day: the simulation with the officer and without (the same
 * callers: common random numbers), and Erlang's count for comparison. */
static gboolean
check_day(const CliPlanDir *p, gint64 day, const char *id, const Options *opt,
          GString *out, size_t *n_worse, size_t *n_erlang, GError **error)
{
    const RpCentre *c = p->centre;
    g_autoptr(RpDay) with = cli_plan_dir_day(p, day, error);
    if (with == NULL)
        return FALSE;
    int o = rp_day_officer_index(with, id);
    const RpDayOfficer *off = g_ptr_array_index(with->officers, (guint)o);
    char date[16];
    rp_format_date(day, date, sizeof date);
    if (off->line == 0) {
        g_string_append_printf(out, "%s: %s has no shift; nothing changes\n",
                               date, id);
        return TRUE;
    }
    size_t nq = c->queues->len, n = with->n_intervals;
    g_autofree double *contacts = g_new(double, nq *n);
    g_autofree double *aht = g_new(double, nq *n);
    cli_day_forecast(p, with, contacts, aht);
    g_autoptr(RpRequirements) req =
        cli_day_requirements(p, with, contacts, aht, error);
    if (req == NULL)
        return FALSE;
    /* both days re-planned by the same search, so that what differs is
     * the leave and not the optimiser, each kept only where the
     * simulation finds it no worse than the published positions (as
     * intraday does) */
    g_autoptr(RpDay) without = rp_day_copy(with);
    rp_day_absent(without, (size_t)o, 0);
    g_autoptr(GArray) sa = NULL, sb = NULL, ia = NULL, ib = NULL;
    if (!settle(p, &with, req, contacts, aht, opt, &sa, &ia, error) ||
        !settle(p, &without, req, contacts, aht, opt, &sb, &ib, error))
        return FALSE;
    g_autofree CliQueueService *a = g_new0(CliQueueService, nq);
    g_autofree CliQueueService *b = g_new0(CliQueueService, nq);
    g_autoptr(RpEvaluation) ea = NULL;
    g_autoptr(RpEvaluation) eb = NULL;
    if (!cli_day_service(p, with, req, 0, a, &ea, error) ||
        !cli_day_service(p, without, req, 0, b, &eb, error))
        return FALSE;
    /* short without the officer, where it met its standard with them or
     * had a better service level; by time, then queue */
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < ia->len && i < ib->len; i++) {
        const RpSimRow *x = &g_array_index(ia, RpSimRow, i);
        const RpSimRow *y = &g_array_index(ib, RpSimRow, i);
        g_assert(x->queue == y->queue && x->start_utc == y->start_utc);
        if (!rp_channel_is_deferred(rp_centre_queue(c, x->queue)->channel) &&
            x->offered > 0.0 && !y->meets &&
            (x->meets || y->service_level < x->service_level))
            g_array_append_val(rows, i);
    }
    g_array_sort_with_data(rows, by_time, ia);
    size_t worse = rows->len;
    for (guint k = 0; k < rows->len; k++) {
        guint i = g_array_index(rows, guint, k);
        const RpSimRow *x = &g_array_index(ia, RpSimRow, i);
        const RpSimRow *y = &g_array_index(ib, RpSimRow, i);
        const RpQueue *q = rp_centre_queue(c, x->queue);
        if (k == 0)
            g_string_append_printf(out,
                                   "%s without %s: intervals that fall "
                                   "short or further short (simulated, %d "
                                   "runs)\n"
                                   "  %-6s %-26s %18s %18s %11s\n",
                                   date, id, opt->replications, "time", "queue",
                                   "with (abandoned)", "without", "standard");
        char when[RP_CLOCK_BUF], standard[32];
        rp_clock_format(c->clock, x->start_utc, when, sizeof when);
        standard_text(q, standard, sizeof standard);
        g_string_append_printf(
            out, "  %-6s %-26s %8.1f%% (%5.1f%%) %8.1f%% (%5.1f%%) %11s\n",
            when + 11, q->id, 100 * x->service_level, 100 * x->p_abandon,
            100 * y->service_level, 100 * y->p_abandon, standard);
    }
    size_t erlang = erlang_worse(p, req, ea, eb);
    if (worse == 0)
        g_string_append_printf(out,
                               "%s: without %s every line and desk "
                               "keeps the standard it meets (the others' "
                               "positions and breaks re-planned; "
                               "simulated, %d runs)\n",
                               date, id, opt->replications);
    for (size_t q = 0; q < nq; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        if (rp_channel_is_deferred(queue->channel) &&
            b[q].officer_h < a[q].officer_h - 1e-9)
            g_string_append_printf(out,
                                   "  %s: %.2f officer-hours of deferred work "
                                   "instead of %.2f (the rest waits for the "
                                   "next day, within its deadline or not)\n",
                                   queue->id, b[q].officer_h, a[q].officer_h);
    }
    if (worse > 0)
        g_string_append_printf(out,
                               "  calls and visitors not answered within "
                               "their standard that day: %.0f with, %.0f "
                               "without (simulated)\n",
                               cli_sim_missed(c, sa), cli_sim_missed(c, sb));
    g_string_append_printf(out,
                           "  Erlang, for comparison: %zu interval%s short "
                           "or further short%s\n",
                           erlang, erlang == 1 ? "" : "s",
                           p->pool >= 0 ? " (the phone lines as one pool)"
                                        : "");
    *n_worse += worse;
    *n_erlang += erlang;
    return TRUE;
}

static gboolean
run(const Options *o, GError **error)
{
    if (!o->plan || !o->officer || !o->from || !o->to) {
        cli_usage(error, "--plan, --officer, --from and --to are required");
        return FALSE;
    }
    gint64 from, to;
    GError *local = NULL;
    if (!rp_parse_date(o->from, &from, &local) ||
        !rp_parse_date(o->to, &to, &local)) {
        cli_usage(error, "--from/--to: %s", local->message);
        g_error_free(local);
        return FALSE;
    }
    if (to < from) {
        cli_usage(error, "--to %s is before --from %s", o->to, o->from);
        return FALSE;
    }
    if (!cli_sim_check_replications(o->replications, error))
        return FALSE;
    if (o->seed < 0) {
        cli_usage(error, "--seed must not be negative");
        return FALSE;
    }
    g_auto(CliPlanDir) p;
    if (!cli_plan_dir_load(&p, o->plan, o->config, error))
        return FALSE;
    gboolean known = FALSE;
    for (guint i = 0; i < p.in->officers->len; i++)
        known |= strcmp(p.ids[i], o->officer) == 0;
    if (!known) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_UNKNOWN,
                    "--officer: no officer '%s' in the plan's officers file "
                    "(%s/officers.csv)",
                    o->officer, o->plan);
        return FALSE;
    }
    const RpCentre *c = p.centre;
    gint64 first = rp_centre_local_day(c, p.forecast->first);
    gint64 last = rp_centre_local_day(c, p.forecast->last);
    g_autoptr(GString) out = g_string_new(NULL);
    size_t worse = 0, erlang = 0, checked = 0;
    for (gint64 d = MAX(from, first); d <= MIN(to, last); d++, checked++)
        if (!check_day(&p, d, o->officer, o, out, &worse, &erlang, error))
            return FALSE;
    if (checked == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "--from %s --to %s: no day of the leave is in the plan "
                    "in %s",
                    o->from, o->to, o->plan);
        return FALSE;
    }
    if (from < first || to > last)
        g_string_append(out, "(days of the leave outside the plan's week "
                             "are not checked)\n");
    fputs(out->str, stdout);
    printf("%s: granting %s leave from %s to %s %s\n", worse ? "no" : "yes",
           o->officer, o->from, o->to,
           worse ? "leaves standards short (above, simulated)"
                 : "keeps every standard the plan meets (simulated)");
    if ((worse == 0) != (erlang == 0))
        printf("(Erlang alone would say %s; the simulation, which follows "
               "every call to an officer who can take it, decides)\n",
               erlang ? "no" : "yes");
    return TRUE;
}

int
cmd_leave_check(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1, .replications = 20};
    GOptionEntry entries[] = {
        {"plan", 0, 0, G_OPTION_ARG_FILENAME, &o.plan,
         "the plan folder rotaplan plan wrote (required)", "DIR"},
        {"officer", 0, 0, G_OPTION_ARG_STRING, &o.officer,
         "the officer asking for leave (required)", "ID"},
        {"from", 0, 0, G_OPTION_ARG_STRING, &o.from,
         "first day of the leave (required)", "YYYY-MM-DD"},
        {"to", 0, 0, G_OPTION_ARG_STRING, &o.to,
         "last day of the leave (required)", "YYYY-MM-DD"},
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "check the plan is this centre's", "FILE"},
        {"seed", 0, 0, G_OPTION_ARG_INT, &o.seed, "simulation seed (default 1)",
         "N"},
        {"replications", 0, 0, G_OPTION_ARG_INT, &o.replications,
         "simulation runs per day (default 20)", "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- would granting this leave keep the standards?");
    g_option_context_set_summary(
        ctx, "Takes the officer off each day of the leave in the plan's "
             "week, re-plans the others'\npositions and breaks inside their "
             "shifts, and lists the queues and intervals that\nwould fall "
             "short of a standard they meet now, by simulation.  Example:\n"
             "  rotaplan leave-check --plan plan --officer o007 --from "
             "2026-12-01 --to 2026-12-02");
    g_option_context_set_description(ctx, "See docs/intraday.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
