/* cli/cmd_backtest.c - `rotaplan backtest`: how each forecast method would
 * have done on the history, per queue, by rolling origin.
 *
 * Key decision: the table shows the Poisson noise floor beside each WAPE,
 * and their ratio, because an interval WAPE means little on its own: at
 * 25 calls an interval even a perfect forecast is off by 16%. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/error.h"
#include "common/units.h"
#include "forecast/forecast.h"

typedef struct {
    char *config, *history, *events, *horizon, *model, *output, *format;
    int origins;
    gboolean hierarchy;
} Options;

static void
options_clear(Options *o)
{
    g_free(o->config);
    g_free(o->history);
    g_free(o->events);
    g_free(o->horizon);
    g_free(o->model);
    g_free(o->output);
    g_free(o->format);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

static const CliColumn columns[] = {
    {"queue", NULL, CLI_COL_TEXT},
    {"model", NULL, CLI_COL_TEXT},
    {"wape", "WAPE", CLI_COL_PERCENT},
    {"mase", "MASE", CLI_COL_NUMBER},
    {"bias", NULL, CLI_COL_PERCENT},
    {"floor_wape", "floor", CLI_COL_PERCENT},
    {"floor_ratio", "WAPE/floor", CLI_COL_NUMBER},
    {"cover_p80", "in P80", CLI_COL_PERCENT},
    {"cover_p90", "in P90", CLI_COL_PERCENT},
    {"intervals", NULL, CLI_COL_COUNT},
};

static void
add_row(CliTable *t, const char *queue, const char *model, const RpAccuracy *a)
{
    double v[] = {rp_accuracy_wape(a),
                  rp_accuracy_mase(a),
                  rp_accuracy_bias(a),
                  rp_accuracy_floor_wape(a),
                  rp_accuracy_wape(a) / rp_accuracy_floor_wape(a),
                  rp_accuracy_cover80(a),
                  rp_accuracy_cover90(a),
                  (double)a->n};
    cli_table_row(t);
    cli_table_text(t, 0, queue);
    cli_table_text(t, 1, model);
    for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
        cli_table_number(t, 2 + k, v[k]);
}

static void
on_progress(size_t done, size_t total, gpointer data)
{
    (void)data;
    cli_progress("backtest: %zu of %zu queue-methods", done, total);
}

/* --model all (default) or a comma-separated list of methods. */
static gboolean
parse_models(const char *text, const RpForecasterType **types, GError **error)
{
    size_t n = 0;
    if (text == NULL || strcmp(text, "all") == 0) {
        for (; rp_forecaster_types[n]; n++)
            types[n] = rp_forecaster_types[n];
        types[n] = NULL;
        return TRUE;
    }
    g_auto(GStrv) names = g_strsplit(text, ",", -1);
    for (size_t i = 0; names[i]; i++) {
        const RpForecasterType *t = rp_forecaster_type_find(names[i]);
        if (t == NULL || n == 4) {
            cli_usage(error,
                      "--model: '%s' is not all or a list of snaive, "
                      "mean, hw, topdown",
                      names[i]);
            return FALSE;
        }
        types[n++] = t;
    }
    types[n] = NULL;
    return TRUE;
}

static gboolean
parse_horizon(const char *text, size_t *days, GError **error)
{
    double s = 7 * 86400.0;
    if (text && !rp_parse_duration(text, &s, error)) {
        g_prefix_error(error, "--horizon: ");
        (*error)->domain = CLI_USAGE_ERROR;
        return FALSE;
    }
    double d = s / 86400.0;
    if (d < 1.0 || d > 42.0 || fabs(d - round(d)) > 1e-9) {
        cli_usage(error,
                  "--horizon: %s is not a whole number of days from "
                  "1d to 42d",
                  text);
        return FALSE;
    }
    *days = (size_t)lround(d);
    return TRUE;
}

static void
render(const CliHistory *h, const RpBacktest *b, const RpBacktestParams *p,
       CliFormat format, GString *out)
{
    g_autoptr(CliTable) t = cli_table_new(columns, G_N_ELEMENTS(columns));
    for (guint i = 0; i < b->rows->len; i++) {
        const RpBacktestRow *r = &g_array_index(b->rows, RpBacktestRow, i);
        const char *queue = rp_centre_queue(h->centre, r->queue)->id;
        if (r->skipped) {
            cli_warn("backtest: queue %s has too little history for %s at "
                     "the first origin (it needs %zu days): not scored",
                     queue, r->type->name, r->type->min_days);
            continue;
        }
        add_row(t, queue, r->type->name, &r->acc);
    }
    for (size_t k = 0; k < b->n_types; k++)
        add_row(t, "all", p->types[k]->name, &b->total[k]);
    if (format == CLI_FORMAT_TABLE) {
        char from[16], to[16];
        rp_format_date(b->first_origin, from, sizeof from);
        rp_format_date(b->last_origin + (gint64)p->horizon_days - 1, to,
                       sizeof to);
        g_string_append_printf(out,
                               "%s\n%zu origin%s a week apart, %zu-day "
                               "horizon, scored %s to %s\n\n",
                               h->centre->name, p->n_origins,
                               p->n_origins == 1 ? "" : "s", p->horizon_days,
                               from, to);
    }
    cli_table_render(t, format, out);
}

static const CliColumn hierarchy_columns[] = {
    {"reconciliation", NULL, CLI_COL_TEXT},
    {"lines_wape", "lines WAPE", CLI_COL_PERCENT},
    {"channels_wape", "channels WAPE", CLI_COL_PERCENT},
    {"centre_wape", "centre WAPE", CLI_COL_PERCENT},
    {"chosen", NULL, CLI_COL_TEXT},
};

/* --hierarchy: daily totals of lines, channels and the centre, before
 * (none) and after each reconciliation, and last auto: at each origin the
 * method auto's rule chose from the weeks before, as forecast does.  The
 * chosen column marks what forecast would choose after these weeks. */
static gboolean
run_hierarchy(const CliHistory *h, const RpBacktestParams *bp, CliFormat format,
              const char *output, GError **error)
{
    RpReconcileParams p;
    rp_reconcile_params_init(&p);
    p.n_origins = bp->n_origins;
    p.horizon_days = bp->horizon_days;
    if (bp->types[0] && bp->types[1] == NULL)
        p.type = bp->types[0];
    RpReconcileBacktest b;
    if (!rp_reconcile_backtest(h->history, &p, &b, error))
        return FALSE;
    g_autoptr(CliTable) t =
        cli_table_new(hierarchy_columns, G_N_ELEMENTS(hierarchy_columns));
    for (int m = 0; m < RP_RECONCILE_N; m++) {
        cli_table_row(t);
        cli_table_text(t, 0, rp_reconcile_name((RpReconcileMethod)m));
        for (int level = 0; level < RP_LEVELS; level++)
            cli_table_number(t, 1 + (size_t)level,
                             rp_accuracy_wape(&b.acc[m][level]));
        cli_table_text(t, 4, (int)b.next == m ? "yes" : "");
    }
    /* what forecast's default would have done, chosen week by week */
    cli_table_row(t);
    cli_table_text(t, 0, "auto");
    for (int level = 0; level < RP_LEVELS; level++)
        cli_table_number(t, 1 + (size_t)level,
                         rp_accuracy_wape(&b.acc_auto[level]));
    cli_table_text(t, 4, "");
    g_autoptr(GString) out = g_string_new(NULL);
    if (format == CLI_FORMAT_TABLE)
        g_string_append_printf(
            out,
            "%s\nDaily totals of %zu lines, %zu channels and the centre, "
            "%s at every level; %zu origins a week apart, %zu-day "
            "horizon (MinT shrinkage %.2f)\n\n",
            h->centre->name, b.n_lines, b.n_channels, p.type->name, b.n_origins,
            p.horizon_days, b.lambda);
    cli_table_render(t, format, out);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    return cli_write(set, output, out, error) && cli_outputs_commit(set, error);
}

static gboolean
run(const Options *o, GError **error)
{
    if (o->config == NULL || o->history == NULL) {
        cli_usage(error, "--config and --history are required");
        return FALSE;
    }
    if (o->origins < 1 || o->origins > 520) {
        cli_usage(error, "--origins: %d is not 1 to 520", o->origins);
        return FALSE;
    }
    RpBacktestParams p;
    rp_backtest_params_init(&p);
    const RpForecasterType *types[5];
    CliFormat format;
    if (!parse_models(o->model, types, error) ||
        !parse_horizon(o->horizon, &p.horizon_days, error) ||
        !cli_format_parse(o->format, o->output, &format, error))
        return FALSE;
    p.types = types;
    p.n_origins = (size_t)o->origins;
    p.progress = on_progress;
    g_auto(CliHistory) h = {0};
    if (!cli_history_load(&h, o->config, o->history, o->events, NULL, 0, error))
        return FALSE;
    cli_history_warn(&h, "rotaplan forecast --anomalies FILE lists them");
    if (o->hierarchy)
        return run_hierarchy(&h, &p, format, o->output, error);
    g_autoptr(RpBacktest) b = rp_backtest_run(h.history, &p, error);
    cli_progress_end();
    if (b == NULL)
        return FALSE;
    g_autoptr(GString) out = g_string_new(NULL);
    render(&h, b, &p, format, out);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    return cli_write(set, o->output, out, error) &&
           cli_outputs_commit(set, error);
}

int
cmd_backtest(int argc, char **argv)
{
    g_auto(Options) o = {.origins = 4};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"history", 'H', 0, G_OPTION_ARG_FILENAME, &o.history,
         "contacts per queue and interval (or day) (required)", "FILE"},
        {"horizon", 0, 0, G_OPTION_ARG_STRING, &o.horizon,
         "days forecast from each origin (default 7d)", "DAYS"},
        {"origins", 'n', 0, G_OPTION_ARG_INT, &o.origins,
         "origins scored, a week apart, ending with the history (default 4)",
         "N"},
        {"model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
         "all (default) or some of snaive,mean,hw,topdown", "LIST"},
        {"events", 'e', 0, G_OPTION_ARG_FILENAME, &o.events,
         "known events: start,end,queue,label[,factor]", "FILE"},
        {"hierarchy", 0, 0, G_OPTION_ARG_NONE, &o.hierarchy,
         "daily totals of lines, channels and the centre, before and after "
         "each reconciliation (none, bottom-up, top-down, wls, mint, "
         "mint-level), with "
         "--model one method (default topdown)",
         NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the table here (default: standard output)", "FILE"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "table, csv or json (default: table on a terminal, else csv)",
         "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- how well each forecast method would have done");
    g_option_context_set_summary(
        ctx,
        "Forecasts the last weeks of the history from the weeks before them "
        "(rolling origin) with\nevery method and scores them per queue: "
        "WAPE, MASE, bias, the Poisson noise floor and\nthe share of "
        "actuals inside the P80 and P90.  Example:\n"
        "  rotaplan backtest --config data/centre.ini --history "
        "history.csv --origins 52");
    g_option_context_set_description(
        ctx, "Each method is tuned once at the earliest origin and refitted "
             "at each later one on the\ndays before it only.  Results are "
             "deterministic.  Progress is shown on a terminal.\nManual: "
             "docs/forecasting.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
