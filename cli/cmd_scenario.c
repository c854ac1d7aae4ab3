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
    char *output, *format, *frontier, *plot, *targets, *model;
    int weeks, year, threads;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->config,   &o->volumes,   &o->history, &o->events,
                    &o->officers, &o->scenarios, &o->output,  &o->format,
                    &o->frontier, &o->plot,      &o->targets, &o->model};
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

/* Every figure at full precision, one row per scenario (csv, json). */
static void
scenario_file(GPtrArray *scenarios, const RpScenarioResult *res,
              const RpCentre *base, double fte_in_post, CliFormat format,
              GString *out)
{
    gboolean present[RP_N_CHANNELS] = {FALSE};
    for (guint q = 0; q < base->queues->len; q++)
        present[rp_centre_queue(base, q)->channel] = TRUE;
    g_autoptr(GArray) cols = g_array_new(FALSE, FALSE, sizeof(CliColumn));
    static const CliColumn fixed[] = {
        {"scenario", NULL, CLI_COL_TEXT},
        {"title", NULL, CLI_COL_TEXT},
        {"description", NULL, CLI_COL_TEXT},
        {"first_day", NULL, CLI_COL_TEXT},
        {"last_day", NULL, CLI_COL_TEXT},
        {"days", NULL, CLI_COL_COUNT},
        {"fte", NULL, CLI_COL_NUMBER},
        {"weekly_cost", NULL, CLI_COL_MONEY},
        {"annual_cost", NULL, CLI_COL_MONEY},
        {"change_vs_base", NULL, CLI_COL_MONEY},
        {"budget", NULL, CLI_COL_MONEY},
        {"over_budget", NULL, CLI_COL_MONEY},
        {"within_budget", NULL, CLI_COL_TEXT},
        {"fte_in_post", NULL, CLI_COL_NUMBER},
        {"fte_gap", NULL, CLI_COL_NUMBER},
    };
    g_array_append_vals(cols, fixed, G_N_ELEMENTS(fixed));
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
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
    static const CliColumn afford[] = {
        {"budget_phone_target", NULL, CLI_COL_PERCENT},
        {"budget_phone_achieved", NULL, CLI_COL_PERCENT},
        {"budget_phone_abandon", NULL, CLI_COL_PERCENT},
        {"budget_annual_cost", NULL, CLI_COL_MONEY},
        {"budget_fte", NULL, CLI_COL_NUMBER},
    };
    g_array_append_vals(cols, afford, G_N_ELEMENTS(afford));
    g_autoptr(CliTable) t =
        cli_table_new((CliColumn *)(void *)cols->data, cols->len);
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        const RpScenarioResult *r = &res[i];
        cli_table_row(t);
        char first[16], last[16];
        rp_format_date(r->first_day, first, sizeof first);
        rp_format_date(r->last_day, last, sizeof last);
        const char *text[] = {s->name, s->title,
                              s->description ? s->description : "", first,
                              last};
        for (size_t k = 0; k < G_N_ELEMENTS(text); k++)
            cli_table_text(t, k, text[k]);
        double v[] = {r->days,
                      r->fte,
                      r->weekly_cost,
                      r->annual_cost,
                      r->annual_cost - res[0].annual_cost,
                      r->budget,
                      r->over_budget};
        size_t at = G_N_ELEMENTS(text);
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            cli_table_number(t, at++, v[k]);
        cli_table_text(t, at++,
                       isnan(r->budget)   ? ""
                       : r->within_budget ? "yes"
                                          : "no");
        cli_table_number(t, at++, fte_in_post);
        cli_table_number(t, at, r->fte - fte_in_post);
        size_t col = G_N_ELEMENTS(fixed);
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
        double a[] = {r->afford.phone_target, r->afford.phone_achieved,
                      r->afford.phone_abandon, r->afford.annual_cost,
                      r->afford.fte};
        for (size_t k = 0; k < G_N_ELEMENTS(a); k++)
            cli_table_number(t, col++, a[k]);
    }
    cli_table_render(t, format, out);
}

/* The readable parts of one scenario's row: money rounded, in words. */
typedef struct {
    char *cost;   /* "£3.47m a year" */
    char *change; /* "+£209k on core", "" for the base */
    char *budget; /* "£3.40m" */
    char *over;   /* "£68k over", "£141k under" */
    char *fte;    /* "103.5, +4.5 on core (34.5 in post)" */
    char *buys;   /* "phones 86% in time, 4% hang up", "" */
} Readable;

static void
readable_clear(Readable *w)
{
    g_free(w->cost);
    g_free(w->change);
    g_free(w->budget);
    g_free(w->over);
    g_free(w->fte);
    g_free(w->buys);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Readable, readable_clear)

static void
readable(const RpScenario *base_s, const RpScenarioResult *base,
         const RpScenarioResult *r, gboolean is_base, const char *currency,
         double fte_in_post, Readable *w)
{
    g_autofree char *cost = cli_money_short(r->annual_cost, currency, FALSE);
    w->cost = g_strdup_printf("%s a year", cost);
    g_autofree char *change =
        cli_money_short(r->annual_cost - base->annual_cost, currency, TRUE);
    gboolean same = fabs(r->annual_cost - base->annual_cost) < 0.5;
    w->change = is_base ? g_strdup("the base")
                : same  ? g_strdup_printf("as %s", base_s->title)
                        : g_strdup_printf("%s on %s", change, base_s->title);
    w->budget = cli_money_short(r->budget, currency, FALSE);
    g_autofree char *by =
        cli_money_short(fabs(r->over_budget), currency, FALSE);
    w->over =
        isnan(r->budget)
            ? g_strdup("")
            : g_strdup_printf("%s %s", by, r->within_budget ? "under" : "over");
    double dfte = r->fte - base->fte;
    g_autofree char *fte_change =
        is_base || fabs(dfte) < 0.005
            ? g_strdup("")
            : g_strdup_printf(", %+.2f on %s", dfte, base_s->title);
    w->fte = isfinite(fte_in_post)
                 ? g_strdup_printf("%.1f%s (%.1f in post)", r->fte, fte_change,
                                   fte_in_post)
                 : g_strdup_printf("%.1f%s", r->fte, fte_change);
    w->buys = isnan(r->afford.phone_achieved)
                  ? g_strdup(r->within_budget ? "every standard" : "")
                  : g_strdup_printf("phones %.0f%% in time (standard %.0f%%), "
                                    "%.0f%% hang up",
                                    100.0 * r->afford.phone_achieved,
                                    100.0 * r->phone_target,
                                    100.0 * r->afford.phone_abandon);
}

/* "Figures for 2026-11-30 to 2026-12-06 (7 days), scaled to a year." */
static char *
period_text(const RpScenarioResult *r)
{
    char first[16], last[16];
    rp_format_date(r->first_day, first, sizeof first);
    rp_format_date(r->last_day, last, sizeof last);
    return g_strdup_printf("Costs of meeting each scenario's standards, "
                           "worked out for %s to %s (%.0f days) and scaled "
                           "to a year; the first scenario is the base.",
                           first, last, r->days);
}

/* For a person: one block of lines per scenario (table) or a table of
 * readable rows (html). */
static void
scenario_readable(GPtrArray *scenarios, const RpScenarioResult *res,
                  const RpCentre *base, double fte_in_post, CliFormat format,
                  GString *out)
{
    const char *cur = base->costs.currency;
    const RpScenario *base_s = g_ptr_array_index(scenarios, 0);
    g_autofree char *period = period_text(&res[0]);
    size_t width = 0;
    for (guint i = 0; i < scenarios->len; i++)
        width = MAX(
            width,
            strlen(
                ((const RpScenario *)g_ptr_array_index(scenarios, i))->title));
    if (format == CLI_FORMAT_HTML) {
        g_autofree char *p = g_markup_escape_text(period, -1);
        g_string_append_printf(
            out,
            "<p>%s</p>\n<table class=\"scenarios\">\n<thead><tr>"
            "<th>Scenario</th><th>Cost of the standards</th><th>Change"
            "</th><th>Budget</th><th>Over or under</th><th class=\"num\">"
            "FTE needed</th><th>What the budget buys</th></tr></thead>\n"
            "<tbody>\n",
            p);
    } else {
        g_string_append_printf(out, "%s\n\n", period);
    }
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        g_auto(Readable) w = {0};
        readable(base_s, &res[0], &res[i], i == 0, cur, fte_in_post, &w);
        const char *desc = s->description ? s->description : "";
        if (format == CLI_FORMAT_HTML) {
            g_autofree char *n = g_markup_escape_text(s->title, -1);
            g_autofree char *d = g_markup_escape_text(desc, -1);
            g_autofree char *b = g_markup_escape_text(w.buys, -1);
            g_string_append_printf(
                out,
                "<tr class=\"%s\"><td><strong>%s</strong><br><small>%s"
                "</small></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                "<td class=\"num\">%s</td><td>%s</td></tr>\n",
                res[i].within_budget ? "met" : "miss", n, d, w.cost, w.change,
                w.budget, w.over, w.fte, b);
            continue;
        }
        g_string_append_printf(out, "%-*s  %s\n", (int)width, s->title, desc);
        g_string_append_printf(out, "%*s  standards  %s, %s; FTE %s\n",
                               (int)width, "", w.cost, w.change, w.fte);
        if (*w.budget)
            g_string_append_printf(out, "%*s  budget     %s: %s%s%s\n",
                                   (int)width, "", w.budget, w.over,
                                   *w.buys ? "; it buys " : "", w.buys);
    }
    if (format == CLI_FORMAT_HTML)
        g_string_append(out, "</tbody>\n</table>\n");
}

void
cli_scenario_table(GPtrArray *scenarios, const void *results,
                   const RpCentre *base, double fte_in_post, CliFormat format,
                   GString *out)
{
    g_return_if_fail(scenarios->len > 0);
    if (format == CLI_FORMAT_TABLE || format == CLI_FORMAT_HTML)
        scenario_readable(scenarios, results, base, fte_in_post, format, out);
    else
        scenario_file(scenarios, results, base, fte_in_post, format, out);
}

gboolean
cli_scenario_frontier(CliOutputs *set, const char *path, GPtrArray *scenarios,
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
    return cli_write(set, path, out, error);
}

/* The cost-versus-service chart: one line per scenario, told apart by
 * colour (a palette safe for colour blindness), point shape and dash,
 * with later lines dashed so that a line hidden under another still
 * shows; the y range takes in every budget line. */
RpPlot *
cli_frontier_plot(GPtrArray *scenarios, const void *results,
                  const char *currency)
{
    static const char *const colours[] = {"#0072b2", "#e69f00", "#009e73",
                                          "#cc79a7", "#56b4e9", "#d55e00",
                                          "#000000", "#f0e442"};
    static const int points[] = {7, 5, 9, 11, 13, 4, 6, 8};
    const RpScenarioResult *res = results;
    RpPlot *p = rp_plot_new("Least annual cost for each telephone service "
                            "level",
                            "telephone calls answered within the standard's "
                            "time (%)",
                            "annual cost (thousands)");
    rp_plot_set(p, "set key outside right top");
    double lo = INFINITY, hi = -INFINITY;
    g_autoptr(GArray) budgets = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < scenarios->len; i++) {
        const RpScenario *s = g_ptr_array_index(scenarios, i);
        GArray *f = res[i].frontier;
        g_autofree double *x = g_new(double, f->len);
        g_autofree double *y = g_new(double, f->len);
        for (guint k = 0; k < f->len; k++) {
            x[k] = 100.0 * g_array_index(f, RpFrontierPoint, k).service_level;
            y[k] = g_array_index(f, RpFrontierPoint, k).annual_cost / 1000.0;
            lo = fmin(lo, y[k]);
            hi = fmax(hi, y[k]);
        }
        size_t c = i % G_N_ELEMENTS(colours);
        g_autofree char *style = g_strdup_printf(
            "linespoints lw 2 pt %d ps 1.1 dt %u lc rgb '%s'",
            points[i % G_N_ELEMENTS(points)], 1 + i % 5, colours[c]);
        rp_plot_series(p, style, s->title, x, y, f->len);
        double b = res[i].budget;
        gboolean seen = isnan(b);
        for (guint k = 0; k < budgets->len && !seen; k++)
            seen = g_array_index(budgets, double, k) == b;
        if (!seen)
            g_array_append_val(budgets, b);
    }
    for (guint k = 0; k < budgets->len; k++) {
        double b = g_array_index(budgets, double, k) / 1000.0;
        lo = fmin(lo, b);
        hi = fmax(hi, b);
        g_autofree char *money = cli_money_short(b * 1000.0, currency, FALSE);
        g_autofree char *cmd = g_strdup_printf(
            "set arrow from graph 0, first %g to graph 1, first %g nohead "
            "dashtype 2 lw 1.5 lc rgb '#b00000' front\nset label 'budget %s' "
            "at graph 0.01, first %g offset 0,%s tc rgb '#b00000' front",
            b, b, money, b, k % 2 ? "-0.8" : "0.7");
        rp_plot_set(p, cmd);
    }
    if (isfinite(lo) && isfinite(hi)) {
        double pad = 0.06 * fmax(hi - lo, 1.0);
        g_autofree char *range =
            g_strdup_printf("set yrange [%g:%g]", lo - pad, hi + pad);
        rp_plot_set(p, range);
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
    if (o->threads < 0 || o->threads > CLI_MAX_THREADS) {
        cli_usage(error, "--threads: %d is not 0 (one per processor) to %d",
                  o->threads, CLI_MAX_THREADS);
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
    CliModel model;
    if (!cli_model_parse(o->model, centre, &model, error))
        return FALSE;
    if (model == CLI_MODEL_SETS) {
        cli_usage(error, "--model: scenarios size the phones per-line or "
                         "pooled, not by skill-sets");
        return FALSE;
    }
    double in_post;
    g_autoptr(GPtrArray) scenarios =
        rp_scenarios_load(o->scenarios, o->config, error);
    if (scenarios == NULL || !fte_in_post(o->officers, centre, &in_post, error))
        return FALSE;

    size_t n = scenarios->len;
    int threads = o->threads > 0 ? o->threads : (int)g_get_num_processors();
    g_autofree RpScenarioResult *res = g_new0(RpScenarioResult, n);
    cli_progress("costing %zu scenarios on %d threads...", n, threads);
    /* the period asked for, whole even where its first or last days have
     * no contacts (a closed Sunday, New Year's Day) */
    gint64 first_day = rp_centre_local_day(centre, base->first);
    size_t days = 0;
    if (o->year) {
        first_day = rp_days_from_civil(o->year, 1, 1);
        days = (size_t)(rp_days_from_civil(o->year + 1, 1, 1) - first_day);
    } else if (o->weeks > 0 || o->history) {
        days = 7 * (size_t)(o->weeks ? o->weeks : 52);
    }
    if (!rp_scenario_run_all(scenarios, centre, base, first_day, days,
                             (double *)(void *)targets->data, targets->len,
                             model == CLI_MODEL_POOLED, threads, res, error))
        return FALSE;
    cli_progress_end();

    g_autoptr(GString) out = g_string_new(NULL);
    cli_scenario_table(scenarios, res, centre, in_post, format, out);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    gboolean ok = cli_write(set, o->output, out, error);
    if (ok && o->frontier)
        ok = cli_scenario_frontier(set, o->frontier, scenarios, res, error);
    if (ok && o->plot) {
        g_autoptr(RpPlot) p =
            cli_frontier_plot(scenarios, res, centre->costs.currency);
        ok = cli_plot_file(set, p, o->plot, error);
    }
    ok = ok && cli_outputs_commit(set, error);
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
        {"model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
         "phone lines sized pooled (one queue per interval; the default "
         "where calls are routed by skill) or per-line (the default "
         "otherwise)",
         "MODEL"},
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
             "on-costs, evening and weekend\npremiums) and compares the "
             "cost of meeting the standards, the change on the first\n"
             "scenario (the base), over or under budget by how much, and "
             "what a short budget buys\ninstead; with FTE and service per "
             "channel.  Example:\n"
             "  rotaplan scenario --config data/centre.ini --history "
             "build/data/history.csv \\\n"
             "      --scenarios data/scenarios.ini --year 2027 -o "
             "compare.csv");
    g_option_context_set_description(
        ctx, "Keys change the configuration (queue:council_tax.fcr = 80%, "
             "phone.hours = ...,\nshrinkage:training.add = 20%), the "
             "volumes (volume.all = +5%) or move contacts\n(shift.phone = 5% "
             "to web at 6m).  On a terminal each scenario reads in words\n"
             "with rounded money; csv and json keep every figure.  The "
             "scenarios file format\nand the columns are in "
             "docs/scenarios.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
