/* cli/cmd_simulate.c - `rotaplan simulate`: a rota checked against the
 * standards by simulating the centre (sim/), contact by contact, as its
 * call distributor routes them. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/simulation.h"
#include "common/activities.h"
#include "common/error.h"
#include "common/units.h"
#include "common/volumes.h"
#include "roster/roster.h"
#include "sim/sim.h"

typedef struct {
    char *config, *volumes, *requirements, *officers, *activities;
    char *by, *format, *output, *seed, *quantile, *day_cv;
    int replications, threads;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->config,   &o->volumes,    &o->requirements,
                    &o->officers, &o->activities, &o->by,
                    &o->format,   &o->output,     &o->seed,
                    &o->quantile, &o->day_cv};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

static gboolean
parse_by(const char *text, RpSimPeriod *by, GError **error)
{
    static const char *const names[] = {"interval", "day", "week", "all"};
    for (int k = 0; k < 4; k++) {
        if (strcmp(text ? text : "day", names[k]) == 0) {
            *by = (RpSimPeriod)k;
            return TRUE;
        }
    }
    cli_usage(error, "--by: '%s' is not interval, day, week or all", text);
    return FALSE;
}

static gboolean
parse_seed(const char *text, guint64 *seed, GError **error)
{
    if (text == NULL) {
        *seed = 1;
        return TRUE;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (!g_ascii_isdigit(text[0]) || *end != '\0' || errno != 0) {
        cli_usage(error, "--seed: '%s' is not a whole number from 0", text);
        return FALSE;
    }
    *seed = v;
    return TRUE;
}

static void
progress(size_t done, size_t total, gpointer data)
{
    (void)data;
    cli_progress("simulating: %zu of %zu replications", done, total);
}

/* Per queue and period, the figures a manager reads first. */
static void
render_summary(const RpCentre *c, const GArray *rows, RpSimPeriod by,
               const RpSimResult *res, GString *out)
{
    static const CliColumn cols[] = {
        {"queue", NULL, CLI_COL_TEXT},     {"period", NULL, CLI_COL_TEXT},
        {"offered", NULL, CLI_COL_COUNT},  {"service", NULL, CLI_COL_TEXT},
        {"target", NULL, CLI_COL_PERCENT}, {"abandoned", NULL, CLI_COL_PERCENT},
        {"ASA s", NULL, CLI_COL_SECONDS},  {"occupancy", NULL, CLI_COL_PERCENT},
        {"late", NULL, CLI_COL_COUNT},     {"backlog", NULL, CLI_COL_COUNT},
        {"meets", NULL, CLI_COL_TEXT}};
    g_autoptr(CliTable) t = cli_table_new(cols, G_N_ELEMENTS(cols));
    size_t met = 0;
    for (guint k = 0; k < rows->len; k++) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, k);
        const RpQueue *q = rp_centre_queue(c, r->queue);
        char period[RP_CLOCK_BUF], service[64] = "";
        cli_sim_period_label(c, by, r, period, sizeof period);
        if (!isnan(r->service_level))
            g_snprintf(service, sizeof service, "%.1f%% (%.1f-%.1f)",
                       100.0 * r->service_level, 100.0 * r->service_level_lo,
                       100.0 * r->service_level_hi);
        cli_table_row(t);
        cli_table_text(t, 0, q->name);
        cli_table_text(t, 1, period);
        cli_table_number(t, 2, r->offered);
        cli_table_text(t, 3, service);
        cli_table_number(t, 4, cli_sim_target(q));
        cli_table_number(t, 5, r->p_abandon);
        gboolean deferred = rp_channel_is_deferred(q->channel);
        cli_table_number(t, 6, deferred ? NAN : r->asa_s);
        cli_table_number(t, 7, r->occupancy);
        cli_table_number(t, 8, r->late_items);
        cli_table_number(t, 9, r->backlog_end);
        cli_table_text(t, 10, r->meets ? "yes" : "NO");
        met += r->meets ? 1 : 0;
    }
    double overrun = 0.0;
    for (size_t r = 0; r < res->replications; r++)
        overrun += res->overrun_s[r] / (double)res->replications;
    g_string_append_printf(out,
                           "%s: %zu replications; service with its 95%% "
                           "confidence interval\n",
                           c->name, res->replications);
    cli_table_render(t, CLI_FORMAT_TABLE, out);
    g_string_append_printf(out,
                           "%zu of %u rows meet their standard; %.1f "
                           "officer-hours worked past the end of a position "
                           "to finish a contact\n",
                           met, rows->len, overrun / 3600.0);
}

/* The contacts file, the grid of its days, and the officers. */
typedef struct {
    RpCentre *centre;
    RpVolumes *volumes;
    RpRosterInput *in;
    gint64 start_utc;
    size_t n_intervals;
} Inputs;

static void
inputs_clear(Inputs *x)
{
    rp_roster_input_free(x->in);
    rp_volumes_free(x->volumes);
    rp_centre_free(x->centre);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Inputs, inputs_clear)

static gboolean
read_inputs(const Options *o, Inputs *x, GError **error)
{
    x->centre = rp_centre_load(o->config, error);
    if (x->centre == NULL)
        return FALSE;
    RpVolumesParams params;
    rp_volumes_params_init(&params);
    if (o->quantile)
        params.contacts_column = o->quantile;
    x->volumes = rp_volumes_read(o->volumes ? o->volumes : o->requirements,
                                 x->centre, &params, error);
    if (x->volumes == NULL)
        return FALSE;
    gint64 first = rp_centre_local_day(x->centre, x->volumes->first);
    gint64 last = rp_centre_local_day(x->centre, x->volumes->last);
    if (last - first >= 366) {
        g_set_error(
            error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
            "%s: simulates at most a year of days, not %" G_GINT64_FORMAT,
            x->volumes->path, last - first + 1);
        return FALSE;
    }
    x->start_utc = rp_local_midnight(x->centre->clock, first);
    x->n_intervals = (size_t)((rp_local_midnight(x->centre->clock, last + 1) -
                               x->start_utc) /
                              rp_centre_interval_s(x->centre));
    x->in = rp_roster_input_new(x->centre);
    if (!rp_roster_input_read_officers(x->in, o->officers, error))
        return FALSE;
    /* every queue with contacts has an officer who can take them */
    size_t n_q = x->volumes->n_queues;
    g_autofree gint64 *need_utc = g_new(gint64, n_q);
    g_autofree size_t *need_line = g_new0(size_t, n_q);
    for (size_t q = 0; q < n_q; q++) {
        const GArray *rows = x->volumes->rows[q];
        need_utc[q] = G_MININT64;
        for (guint k = 0; k < rows->len && need_utc[q] == G_MININT64; k++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, k);
            if (r->contacts > 0.0) {
                need_utc[q] = r->start;
                need_line[q] = r->line;
            }
        }
    }
    return rp_roster_input_check_holders(x->in, x->volumes->path, need_utc,
                                         need_line, error);
}

static RpSimStaff *
read_staff(const Options *o, const Inputs *x, GError **error)
{
    size_t n_o = x->in->officers->len;
    g_autoptr(RpSimStaff) staff = cli_sim_staff_skills(x->in, x->n_intervals);
    g_autofree const char **ids = g_new(const char *, n_o);
    for (size_t i = 0; i < n_o; i++)
        ids[i] = ((const RpOfficer *)g_ptr_array_index(x->in->officers, i))->id;
    g_autoptr(RpActivities) a =
        rp_activities_read(o->activities, x->centre, ids, staff->skill, n_o,
                           x->start_utc, x->n_intervals, error);
    if (a == NULL)
        return NULL;
    memcpy(staff->login, a->login, n_o * x->n_intervals * sizeof(guint64));
    memcpy(staff->first, a->first, n_o * x->n_intervals * sizeof(guint64));
    return g_steal_pointer(&staff);
}

static gboolean
run(const Options *o, GError **error)
{
    RpSimPeriod by;
    CliFormat format;
    guint64 seed;
    if (o->config == NULL || o->officers == NULL || o->activities == NULL ||
        (o->volumes == NULL) == (o->requirements == NULL)) {
        cli_usage(error, "--config, --officers, --activities and one of "
                         "--volumes or --requirements are required");
        return FALSE;
    }
    if (!cli_sim_check_replications(o->replications, error))
        return FALSE;
    double day_cv = 0.0;
    if (o->day_cv && !cli_opt_proportion("--day-cv", o->day_cv, &day_cv, error))
        return FALSE;
    if (o->threads < 0 || !(day_cv >= 0.0 && day_cv <= 10.0)) {
        cli_usage(error, "--threads must be 0 or more and --day-cv from 0 "
                         "to 1000%%");
        return FALSE;
    }
    if (!parse_by(o->by, &by, error) || !parse_seed(o->seed, &seed, error) ||
        !cli_format_parse(o->format, o->output, &format, error))
        return FALSE;

    g_auto(Inputs) x = {0};
    if (!read_inputs(o, &x, error))
        return FALSE;
    g_autoptr(RpSimStaff) staff = read_staff(o, &x, error);
    if (staff == NULL)
        return FALSE;
    g_autoptr(RpSimDemand) demand =
        cli_sim_demand(x.centre, x.volumes, x.start_utc, x.n_intervals, error);
    if (demand == NULL)
        return FALSE;
    cli_sim_set_day_cv(demand, day_cv);

    RpSimParams params;
    rp_sim_params_init(&params);
    params.replications = (size_t)o->replications;
    params.seed = seed;
    params.threads = (guint)o->threads;
    params.progress = progress;
    g_autoptr(RpSimResult) res =
        rp_sim_run(x.centre, demand, staff, &params, error);
    cli_progress_end();
    if (res == NULL)
        return FALSE;

    g_autoptr(GArray) rows = rp_sim_summarise(x.centre, res, by);
    g_autoptr(GString) text = g_string_new(NULL);
    if (format == CLI_FORMAT_TABLE)
        render_summary(x.centre, rows, by, res, text);
    else
        cli_sim_render(x.centre, rows, by, format, text);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    if (!cli_write(set, o->output, text, error))
        return FALSE;
    if (!cli_is_stdout(o->output) && format != CLI_FORMAT_TABLE) {
        g_autoptr(GArray) week = rp_sim_summarise(x.centre, res, RP_SIM_BY_ALL);
        g_autoptr(GString) summary = g_string_new(NULL);
        render_summary(x.centre, week, RP_SIM_BY_ALL, res, summary);
        if (!cli_write(set, "-", summary, error))
            return FALSE;
    }
    return cli_outputs_commit(set, error);
}

int
cmd_simulate(int argc, char **argv)
{
    g_auto(Options) o = {.replications = 30};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"volumes", 'v', 0, G_OPTION_ARG_FILENAME, &o.volumes,
         "contacts per queue and interval: a volumes or forecast file", "FILE"},
        {"requirements", 'r', 0, G_OPTION_ARG_FILENAME, &o.requirements,
         "or the requirements file of rotaplan staff (its contacts)", "FILE"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers and their skills (required)", "FILE"},
        {"activities", 'a', 0, G_OPTION_ARG_FILENAME, &o.activities,
         "what each officer does in each interval, as rotaplan roster "
         "writes (required)",
         "FILE"},
        {"replications", 'n', 0, G_OPTION_ARG_INT, &o.replications,
         "independent runs (default 30)", "N"},
        {"seed", 0, 0, G_OPTION_ARG_STRING, &o.seed,
         "seed of the random callers (default 1)", "N"},
        {"day-cv", 0, 0, G_OPTION_ARG_STRING, &o.day_cv,
         "day-to-day variation of volumes beyond Poisson, e.g. 8% "
         "(default 0)",
         "PROPORTION"},
        {"quantile", 'q', 0, G_OPTION_ARG_STRING, &o.quantile,
         "simulate this forecast column instead of contacts, e.g. p80",
         "COLUMN"},
        {"by", 0, 0, G_OPTION_ARG_STRING, &o.by,
         "results per interval, day (default), week or all", "PERIOD"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &o.threads,
         "worker threads (default: one per processor; results do not "
         "depend on it)",
         "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "table, csv or json (default: table on a terminal, else csv)",
         "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the results here (default standard output)", "FILE"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- check a rota by simulating the centre");
    g_option_context_set_summary(
        ctx,
        "Simulates the centre contact by contact: calls and visitors arrive "
        "at random at the\nforecast rate, the call distributor gives each "
        "to the free officer logged into its\nqueue who has waited longest, "
        "callers hang up when their patience runs out,\ndeferred work waits "
        "in a backlog.  Reports service per queue with 95% confidence\n"
        "intervals.  Example:\n"
        "  rotaplan simulate --config data/centre.ini --requirements "
        "plan/requirements.csv \\\n"
        "      --officers data/officers.csv --activities plan/activities.csv");
    g_option_context_set_description(
        ctx, "The model, its validation and how to read the intervals: "
             "docs/simulation.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
