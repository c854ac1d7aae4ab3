/* cli/cmd_scenario.c - `rotaplan scenario`: budget scenarios for finance.
 *
 * Each [scenario:NAME] of the scenarios file changes the centre or its
 * volumes; each is staffed to its standards and priced, in parallel, and
 * compared: FTE, weekly and annual cost, service per channel and the gap
 * to its standard, and the cost-versus-service frontier. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/error.h"
#include "common/plot.h"
#include "common/scenario.h"
#include "common/units.h"
#include "models/scenario.h"
#include "roster/roster.h"

typedef struct {
    char *config, *volumes, *history, *events, *officers, *scenarios;
    char *output, *format, *frontier, *plot, *targets;
    int weeks, year, threads;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->config,   &o->volumes,   &o->history, &o->events,
                    &o->officers, &o->scenarios, &o->output,  &o->format,
                    &o->frontier, &o->plot,      &o->targets};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* "60%,70%,80%" -> targets */
static gboolean
parse_targets(const char *text, GArray *out, GError **error)
{
    static const double defaults[] = {0.5, 0.6,  0.7, 0.75,
                                      0.8, 0.85, 0.9, 0.95};
    if (text == NULL) {
        g_array_append_vals(out, defaults, G_N_ELEMENTS(defaults));
        return TRUE;
    }
    g_auto(GStrv) items = g_strsplit(text, ",", -1);
    for (size_t i = 0; items[i]; i++) {
        double t;
        if (!cli_opt_proportion("--targets", g_strstrip(items[i]), &t, error))
            return FALSE;
        if (!(t > 0.0 && t < 1.0)) {
            cli_usage(error, "--targets: %s is not above 0%% and below 100%%",
                      items[i]);
            return FALSE;
        }
        g_array_append_val(out, t);
    }
    return TRUE;
}

/* Keeps the rows of `v` whose local day lies in [day0, day1]. */
static void
select_days(RpVolumes *v, const RpCentre *c, gint64 day0, gint64 day1)
{
    v->first = G_MAXINT64;
    v->last = G_MININT64;
    for (size_t q = 0; q < v->n_queues; q++) {
        GArray *rows = v->rows[q];
        guint kept = 0;
        for (guint i = 0; i < rows->len; i++) {
            RpVolumeRow r = g_array_index(rows, RpVolumeRow, i);
            gint64 d = rp_centre_local_day(c, r.start);
            if (d < day0 || d > day1)
                continue;
            g_array_index(rows, RpVolumeRow, kept++) = r;
            v->first = MIN(v->first, r.start);
            v->last = MAX(v->last, r.start);
        }
        g_array_set_size(rows, kept);
    }
}

static gboolean
choose_period(const Options *o, RpVolumes *v, const RpCentre *c, GError **error)
{
    if (o->weeks && o->year) {
        cli_usage(error, "give --weeks or --year, not both");
        return FALSE;
    }
    gint64 first = rp_centre_local_day(c, v->first);
    if (o->year)
        select_days(v, c, rp_days_from_civil(o->year, 1, 1),
                    rp_days_from_civil(o->year, 12, 31));
    else if (o->weeks > 0)
        select_days(v, c, first, first + 7 * o->weeks - 1);
    else if (o->weeks < 0) {
        cli_usage(error, "--weeks must be positive");
        return FALSE;
    }
    if (v->first > v->last) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no volumes in the period asked for", v->path);
        return FALSE;
    }
    return TRUE;
}

void
cli_scenario_table(GPtrArray *scenarios, const void *results,
                   const RpCentre *base, double fte_in_post, CliFormat format,
                   GString *out)
{
    const RpScenarioResult *res = results;
    gboolean present[RP_N_CHANNELS] = {FALSE};
    for (guint q = 0; q < base->queues->len; q++)
        present[rp_centre_queue(base, q)->channel] = TRUE;
    g_autoptr(GArray) cols = g_array_new(FALSE, FALSE, sizeof(CliColumn));
    CliColumn fixed[] = {
        {"scenario", NULL, CLI_COL_TEXT},
        {"fte", "FTE", CLI_COL_NUMBER},
        {"weekly_cost", "weekly cost", CLI_COL_MONEY},
        {"annual_cost", "annual cost", CLI_COL_MONEY},
        {"budget", NULL, CLI_COL_MONEY},
        {"within_budget", "in budget", CLI_COL_TEXT},
        {"phone_target_staffed", "phones staffed to", CLI_COL_PERCENT},
    };
    g_array_append_vals(cols, fixed, G_N_ELEMENTS(fixed));
    gboolean in_post = isfinite(fte_in_post);
    if (in_post) {
        CliColumn more[] = {{"fte_in_post", "FTE in post", CLI_COL_NUMBER},
                            {"fte_gap", "FTE short", CLI_COL_NUMBER}};
        g_array_append_vals(cols, more, G_N_ELEMENTS(more));
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    /* a person sees the real-time channels; files get every channel */
    gboolean table = format == CLI_FORMAT_TABLE || format == CLI_FORMAT_HTML;
    for (int ch = 0; ch < RP_N_CHANNELS; ch++)
        present[ch] =
            present[ch] && !(table && rp_channel_is_deferred((RpChannel)ch));
    for (int ch = 0; ch < RP_N_CHANNELS; ch++) {
        if (!present[ch])
            continue;
        const char *what[] = {"target", "achieved", "gap", "abandon",
                              "abandon_max"};
        int n_what = rp_channel_is_deferred((RpChannel)ch) ? 3 : 5;
        for (int k = 0; k < n_what; k++) {
            char *name = g_strdup_printf(
                "%s_%s", rp_channel_name((RpChannel)ch), what[k]);
            g_ptr_array_add(names, name);
            CliColumn c = {name, NULL, CLI_COL_PERCENT};
            g_array_append_val(cols, c);
        }
    }
    if (!table) {
        CliColumn d = {"description", NULL, CLI_COL_TEXT};
        g_array_append_val(cols, d);
    }
    g_autoptr(CliTable) t =
        cli_table_new((CliColumn *)(void *)cols->data, cols->len);
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        const RpScenarioResult *r = &res[i];
        cli_table_row(t);
        cli_table_text(t, 0, s->name);
        double v[] = {r->fte, r->weekly_cost, r->annual_cost, r->budget};
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            cli_table_number(t, 1 + k, v[k]);
        cli_table_text(t, 5,
                       isnan(r->budget)   ? ""
                       : r->within_budget ? "yes"
                                          : "no");
        cli_table_number(t, 6, r->phone_target);
        size_t col = 7;
        if (in_post) {
            cli_table_number(t, col++, fte_in_post);
            cli_table_number(t, col++, r->fte - fte_in_post);
        }
        for (int ch = 0; ch < RP_N_CHANNELS; ch++) {
            if (!present[ch])
                continue;
            cli_table_number(t, col++, r->target[ch]);
            cli_table_number(t, col++, r->achieved[ch]);
            cli_table_number(t, col++, r->achieved[ch] - r->target[ch]);
            if (!rp_channel_is_deferred((RpChannel)ch)) {
                cli_table_number(t, col++, r->abandon[ch]);
                cli_table_number(t, col++, r->abandon_max[ch]);
            }
        }
        if (!table)
            cli_table_text(t, col, s->description);
    }
    cli_table_render(t, format, out);
}

gboolean
cli_scenario_frontier(const char *path, GPtrArray *scenarios,
                      const void *results, GError **error)
{
    const RpScenarioResult *res = results;
    static const CliColumn cols[] = {
        {"scenario", NULL, CLI_COL_TEXT},
        {"service_level", NULL, CLI_COL_PERCENT},
        {"annual_cost", NULL, CLI_COL_MONEY},
        {"fte", NULL, CLI_COL_NUMBER},
    };
    g_autoptr(CliTable) t = cli_table_new(cols, G_N_ELEMENTS(cols));
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        for (guint k = 0; k < res[i].frontier->len; k++) {
            const RpFrontierPoint *p =
                &g_array_index(res[i].frontier, RpFrontierPoint, k);
            cli_table_row(t);
            cli_table_text(t, 0, s->name);
            cli_table_number(t, 1, p->service_level);
            cli_table_number(t, 2, p->annual_cost);
            cli_table_number(t, 3, p->fte);
        }
    }
    g_autoptr(GString) out = g_string_new(NULL);
    cli_table_render(t, CLI_FORMAT_CSV, out);
    return cli_write(path, out, error);
}

/* The cost-versus-service chart: one line per scenario, the budget. */
RpPlot *
cli_frontier_plot(GPtrArray *scenarios, const void *results)
{
    const RpScenarioResult *res = results;
    RpPlot *p = rp_plot_new("Least annual cost for each telephone service "
                            "level",
                            "telephone calls answered within the standard's "
                            "time (%)",
                            "annual cost (thousands)");
    rp_plot_set(p, "set key left top");
    double budget = NAN;
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        GArray *f = res[i].frontier;
        g_autofree double *x = g_new(double, f->len);
        g_autofree double *y = g_new(double, f->len);
        for (guint k = 0; k < f->len; k++) {
            x[k] = 100.0 * g_array_index(f, RpFrontierPoint, k).service_level;
            y[k] = g_array_index(f, RpFrontierPoint, k).annual_cost / 1000.0;
        }
        rp_plot_series(p, "linespoints lw 2 pt 7", s->name, x, y, f->len);
        if (!isnan(res[i].budget))
            budget = res[i].budget;
    }
    if (!isnan(budget)) {
        g_autofree char *cmd = g_strdup_printf(
            "set arrow from graph 0, first %g to graph 1, first %g nohead "
            "dashtype 2 lc rgb '#b00000'\nset label 'budget' at graph 0.01, "
            "first %g offset 0,0.6 tc rgb '#b00000'",
            budget / 1000.0, budget / 1000.0, budget / 1000.0);
        rp_plot_set(p, cmd);
    }
    return p;
}

/* The base volumes: read from --volumes and cut to the period, or
 * forecast from --history for it (a calendar year, N weeks after the
 * history, or 52 weeks after it by default). */
static RpVolumes *
base_volumes(const Options *o, CliHistory *h, RpCentre **centre, GError **error)
{
    if (o->volumes) {
        *centre = rp_centre_load(o->config, error);
        if (*centre == NULL)
            return NULL;
        g_autoptr(RpVolumes) v =
            rp_volumes_read(o->volumes, *centre, NULL, error);
        if (v == NULL || !choose_period(o, v, *centre, error))
            return NULL;
        return g_steal_pointer(&v);
    }
    if (o->weeks && o->year) {
        cli_usage(error, "give --weeks or --year, not both");
        return NULL;
    }
    if (o->weeks < 0 || o->weeks > 104) {
        cli_usage(error, "--weeks: %d is not 1 to 104", o->weeks);
        return NULL;
    }
    g_autofree char *start =
        o->year ? g_strdup_printf("%d-01-01", o->year) : NULL;
    size_t days = o->year ? (size_t)(rp_days_from_civil(o->year + 1, 1, 1) -
                                     rp_days_from_civil(o->year, 1, 1))
                          : 7 * (size_t)(o->weeks ? o->weeks : 52);
    if (!cli_history_load(h, o->config, o->history, o->events, start, days,
                          error))
        return NULL;
    *centre = NULL; /* the history owns it */
    return cli_forecast_volumes(h, NULL, NULL, NULL, error);
}

/* Full-time equivalents of the officers' contracts, or NAN without an
 * officers file. */
static gboolean
fte_in_post(const char *officers, const RpCentre *centre, double *fte,
            GError **error)
{
    *fte = NAN;
    if (officers == NULL)
        return TRUE;
    g_autoptr(RpRosterInput) in = rp_roster_input_new(centre);
    if (!rp_roster_input_read_officers(in, officers, error))
        return FALSE;
    double hours = 0.0;
    for (guint i = 0; i < in->officers->len; i++)
        hours +=
            ((const RpOfficer *)g_ptr_array_index(in->officers, i))->contract_h;
    *fte = hours / centre->fte_hours;
    return TRUE;
}

static gboolean
run(const Options *o, GError **error)
{
    CliFormat format;
    if (o->config == NULL || o->scenarios == NULL ||
        (o->volumes == NULL) == (o->history == NULL)) {
        cli_usage(error, "--config, --scenarios and one of --history or "
                         "--volumes are required");
        return FALSE;
    }
    g_autoptr(GArray) targets = g_array_new(FALSE, FALSE, sizeof(double));
    if (!parse_targets(o->targets, targets, error) ||
        !cli_format_parse(o->format, o->output, &format, error))
        return FALSE;
    g_auto(CliHistory) h = {0};
    g_autoptr(RpCentre) own = NULL;
    cli_progress("reading%s...", o->history ? " and forecasting" : "");
    g_autoptr(RpVolumes) base = base_volumes(o, &h, &own, error);
    if (base == NULL)
        return FALSE;
    const RpCentre *centre = own ? own : h.centre;
    double in_post;
    g_autoptr(GPtrArray) scenarios =
        rp_scenarios_load(o->scenarios, o->config, error);
    if (scenarios == NULL || !fte_in_post(o->officers, centre, &in_post, error))
        return FALSE;

    size_t n = scenarios->len;
    int threads = o->threads > 0 ? o->threads : (int)g_get_num_processors();
    g_autofree RpScenarioResult *res = g_new0(RpScenarioResult, n);
    cli_progress("costing %zu scenarios on %d threads...", n, threads);
    if (!rp_scenario_run_all(scenarios, centre, base,
                             (double *)(void *)targets->data, targets->len,
                             threads, res, error))
        return FALSE;
    cli_progress_end();

    g_autoptr(GString) out = g_string_new(NULL);
    cli_scenario_table(scenarios, res, centre, in_post, format, out);
    gboolean ok = cli_write(o->output, out, error);
    if (ok && o->frontier)
        ok = cli_scenario_frontier(o->frontier, scenarios, res, error);
    if (ok && o->plot) {
        g_autoptr(RpPlot) p = cli_frontier_plot(scenarios, res);
        ok = cli_plot_file(p, o->plot, error);
    }
    for (size_t i = 0; i < n; i++)
        rp_scenario_result_clear(&res[i]);
    return ok;
}

int
cmd_scenario(int argc, char **argv)
{
    g_auto(Options) o = {0};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration the scenarios change (required)", "FILE"},
        {"history", 'H', 0, G_OPTION_ARG_FILENAME, &o.history,
         "contacts so far: the period is forecast from it", "FILE"},
        {"events", 'e', 0, G_OPTION_ARG_FILENAME, &o.events,
         "known events for the forecast", "FILE"},
        {"volumes", 'v', 0, G_OPTION_ARG_FILENAME, &o.volumes,
         "or contacts per queue and interval already forecast", "FILE"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers: FTE in post against FTE required", "FILE"},
        {"scenarios", 's', 0, G_OPTION_ARG_FILENAME, &o.scenarios,
         "the scenarios (INI, one [scenario:NAME] each; required)", "FILE"},
        {"weeks", 0, 0, G_OPTION_ARG_INT, &o.weeks,
         "N weeks after the history (default 52), or the first N weeks of "
         "the volumes",
         "N"},
        {"year", 0, 0, G_OPTION_ARG_INT, &o.year, "this calendar year", "YYYY"},
        {"targets", 0, 0, G_OPTION_ARG_STRING, &o.targets,
         "telephone service levels for the frontier (default "
         "50%,60%,...,95%)",
         "LIST"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &o.threads,
         "scenarios run in parallel (default: one per processor)", "N"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the comparison here (- for standard output, the default)",
         "FILE"},
        {"frontier", 0, 0, G_OPTION_ARG_FILENAME, &o.frontier,
         "write the cost-versus-service frontier as CSV", "FILE"},
        {"plot", 0, 0, G_OPTION_ARG_FILENAME, &o.plot,
         "draw the frontier chart (.svg or .png; needs gnuplot)", "FILE"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "table, csv or json (default: table on a terminal)", "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- cost and service of budget scenarios");
    g_option_context_set_summary(
        ctx, "Staffs each scenario to its standards, prices it (pay, "
             "on-costs, evening and weekend\npremiums) and compares FTE, "
             "cost and service per channel.  Example:\n"
             "  rotaplan scenario --config data/centre.ini --history "
             "build/data/history.csv \\\n"
             "      --scenarios data/scenarios.ini --year 2027 -o "
             "compare.csv");
    g_option_context_set_description(
        ctx, "Keys change the configuration (queue:council_tax.fcr = 80%, "
             "phone.hours = ...,\nshrinkage:training.add = 20%), the "
             "volumes (volume.all = +5%) or move contacts\n(shift.phone = 5% "
             "to web at 6m).  The scenarios file format is in "
             "docs/scenarios.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
