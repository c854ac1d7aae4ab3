/* cli/cmd_forecast.c - `rotaplan forecast`: history -> a volumes file of
 * expected contacts, handling times and quantiles per queue and interval,
 * with the method chosen per queue; optionally a chart through gnuplot.
 *
 * Key decision: everything is computed before anything is written, and
 * gnuplot is looked up before the work starts, so bad input or a missing
 * program never leaves a partial forecast behind. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/fcr.h"
#include "common/units.h"
#include "forecast/forecast.h"

#define PLOT_HISTORY_DAYS 21

typedef struct {
    char *config, *history, *events, *start, *model, *output, *plot, *anomalies;
    char *reconcile;
    int weeks;
} Options;

static void
options_clear(Options *o)
{
    g_free(o->config);
    g_free(o->history);
    g_free(o->events);
    g_free(o->start);
    g_free(o->model);
    g_free(o->output);
    g_free(o->plot);
    g_free(o->anomalies);
    g_free(o->reconcile);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

void
cli_history_clear(CliHistory *h)
{
    rp_history_free(h->history);
    rp_events_free(h->events);
    rp_volumes_free(h->volumes);
    rp_centre_free(h->centre);
    memset(h, 0, sizeof *h);
}

/* The furthest --start may be after the last day of the history. */
#define MAX_START_AFTER_DAYS 366

gboolean
cli_history_load(CliHistory *h, const char *config, const char *history,
                 const char *events, const char *start, size_t n_days,
                 GError **error)
{
    gint64 day = 0;
    GError *local = NULL;
    if (start && !rp_parse_date(start, &day, &local)) {
        cli_usage(error, "--start: %s", local->message); /* an option */
        g_error_free(local);
        return FALSE;
    }
    h->centre = rp_centre_load(config, error);
    if (h->centre == NULL)
        return FALSE;
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    vp.allow_daily = TRUE;
    h->volumes = rp_volumes_read(history, h->centre, &vp, error);
    if (h->volumes == NULL)
        return FALSE;
    if (events) {
        h->events = rp_events_read(events, h->centre, error);
        if (h->events == NULL)
            return FALSE;
    }
    gint64 next = rp_centre_local_day(h->centre, h->volumes->last) + 1;
    if (start == NULL)
        day = next;
    if (day - next > MAX_START_AFTER_DAYS) {
        /* the days between would be laid out as history to fill */
        char end[16];
        rp_format_date(next - 1, end, sizeof end);
        cli_usage(error,
                  "--start: %s is more than a year after the history "
                  "ends (%s)",
                  start, end);
        return FALSE;
    }
    h->history = rp_history_new(h->volumes, h->centre, h->events, NULL, day,
                                n_days, error);
    return h->history != NULL;
}

/* Counts the anomalies of a history per kind, for a warning. */
void
cli_history_warn(const CliHistory *h, const char *details)
{
    size_t n[4] = {0}, intervals[4] = {0};
    double contacts[4] = {0};
    GArray *a = h->history->anomalies;
    for (guint i = 0; i < a->len; i++) {
        const RpAnomaly *x = &g_array_index(a, RpAnomaly, i);
        n[x->kind]++;
        intervals[x->kind] += x->n;
        contacts[x->kind] += isnan(x->contacts) ? 0.0 : x->contacts;
    }
    const char *see = details ? details : "--anomalies FILE lists them";
    if (n[RP_ANOMALY_GAP])
        cli_warn("history: %zu open intervals on %zu days have no row: "
                 "treated as unknown, not zero (%s)",
                 intervals[RP_ANOMALY_GAP], n[RP_ANOMALY_GAP], see);
    if (n[RP_ANOMALY_OUT_OF_HOURS])
        cli_warn("history: %g contacts on %zu days arrived while the queue "
                 "was shut: reported, not forecast as demand (%s)",
                 contacts[RP_ANOMALY_OUT_OF_HOURS], n[RP_ANOMALY_OUT_OF_HOURS],
                 see);
    if (n[RP_ANOMALY_OUTLIER_DAY] || n[RP_ANOMALY_OUTLIER])
        cli_warn("history: %zu outlier days and %zu outlier intervals left "
                 "out of the fit (%s)",
                 n[RP_ANOMALY_OUTLIER_DAY], n[RP_ANOMALY_OUTLIER], see);
}

void
cli_history_warn_unforecast(const CliHistory *h)
{
    for (size_t q = 0; q < h->history->n_queues; q++)
        if (h->history->series[q] == NULL)
            cli_warn("queue %s has no history before the forecast starts: "
                     "not forecast",
                     rp_centre_queue(h->centre, q)->id);
}

gboolean
cli_write_anomalies(CliOutputs *set, const CliHistory *h, const char *path,
                    GError **error)
{
    g_autoptr(GString) out =
        g_string_new("kind,queue,interval_start,intervals,contacts,expected\n");
    GArray *a = h->history->anomalies;
    for (guint i = 0; i < a->len; i++) {
        const RpAnomaly *x = &g_array_index(a, RpAnomaly, i);
        char when[RP_CLOCK_BUF], count[32];
        rp_clock_format(h->centre->clock, x->start, when, sizeof when);
        g_snprintf(count, sizeof count, "%zu", x->n);
        const char *f[] = {rp_anomaly_kind_name(x->kind),
                           rp_centre_queue(h->centre, x->queue)->id, when,
                           count};
        for (size_t j = 0; j < G_N_ELEMENTS(f); j++)
            rp_csv_append_field(out, f[j], j == 0);
        rp_csv_append_number(out, x->contacts, FALSE);
        rp_csv_append_number(out, x->expected, FALSE);
        g_string_append_c(out, '\n');
    }
    return cli_write(set, path, out, error);
}

/* ---- the chart
 * ----------------------------------------------------------------- */

static gboolean
plot_is_svg(const char *path, gboolean *svg, GError **error)
{
    *svg = g_str_has_suffix(path, ".svg");
    if (!*svg && !g_str_has_suffix(path, ".png")) {
        cli_usage(error, "--plot: '%s' must end in .png or .svg", path);
        return FALSE;
    }
    return TRUE;
}

/* gnuplot is checked for before any work, so a missing program costs
 * nothing and leaves nothing behind. */
static gboolean
have_gnuplot(GError **error)
{
    g_autofree char *path = g_find_program_in_path("gnuplot");
    if (path == NULL)
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_SPAWN,
                    "--plot needs gnuplot, which is not installed (Debian: "
                    "apt-get install gnuplot-nox)");
    return path != NULL;
}

typedef struct {
    const RpForecast *forecast;
    gboolean svg;
} Chart;

static char *
chart_script(const char *output, gpointer data)
{
    const Chart *c = data;
    return g_string_free(
        rp_forecast_plot_script(c->forecast, output, c->svg, PLOT_HISTORY_DAYS),
        FALSE);
}

/* Draws the chart as the output `path`. */
static gboolean
draw_chart(CliOutputs *set, const RpForecast *f, const char *path, gboolean svg,
           GError **error)
{
    Chart c = {f, svg};
    return cli_gnuplot_draw(set, path, chart_script, &c, error);
}

/* Adds the spans of newly opened intervals of one queue ("Sat
 * 09:00-12:00") not yet listed to `spans`. */
static void
new_spans(const RpQueueForecast *qf, const RpQueueSeries *s, GPtrArray *spans)
{
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
                                     "Fri", "Sat", "Sun"};
    size_t n_days = s->n_days - s->n_hist;
    for (size_t d = 0; d < n_days && d < 7; d++) {
        const guint8 *row = qf->is_new + d * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            if (!row[k] || (k > 0 && row[k - 1]))
                continue;
            size_t e = k;
            while (e < s->n_slots && row[e])
                e++;
            int a = (int)k * s->interval_min, b = (int)e * s->interval_min;
            char *span = g_strdup_printf("%s %02d:%02d-%02d:%02d",
                                         wd[s->days[s->n_hist + d].weekday],
                                         a / 60, a % 60, b / 60, b % 60);
            if (g_ptr_array_find_with_equal_func(spans, span, g_str_equal,
                                                 NULL))
                g_free(span);
            else
                g_ptr_array_add(spans, span);
        }
    }
}

char *
cli_forecast_new_hours_note(const RpForecast *f)
{
    const RpCentre *c = f->history->centre;
    g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GString) queues = g_string_new(NULL);
    for (guint i = 0; i < f->queues->len; i++) {
        const RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
        const RpQueueSeries *s = f->history->series[qf->queue];
        if (!(qf->new_contacts > 0.0))
            continue;
        new_spans(qf, s, spans);
        g_string_append_printf(queues, "%s%s %.0f (%.0f from its other hours)",
                               queues->len ? "; " : "", s->id, qf->new_contacts,
                               qf->moved_contacts);
    }
    if (queues->len == 0)
        return NULL;
    g_ptr_array_add(spans, NULL);
    g_autofree char *when = g_strjoinv(", ", (char **)spans->pdata);
    return g_strdup_printf(
        "Hours never open before (%s) have no history to learn from: they "
        "are forecast at %.0f%% of what the same hours get on ordinary "
        "weekdays (or of the neighbouring hour, where no weekday is open "
        "then), and %.0f%% of that is taken from the same week's other "
        "hours, as callers who would have rung then ([forecast] "
        "new_hours_share and new_hours_transfer; forecasting.md).  "
        "Contacts forecast in them: %s.",
        when, 100.0 * c->new_hours.share, 100.0 * c->new_hours.transfer,
        queues->str);
}

/* The daily WAPE of each level by `method` and unreconciled. */
static void
append_wapes(GString *out, const RpReconcileBacktest *b,
             RpReconcileMethod method)
{
    static const char *const level[RP_LEVELS] = {"lines", "channels", "centre"};
    for (int l = 0; l < RP_LEVELS; l++)
        g_string_append_printf(
            out, "%s %s %.2f%% (unreconciled %.2f%%)", l ? "," : "", level[l],
            100.0 * rp_accuracy_wape(&b->acc[method][l]),
            100.0 * rp_accuracy_wape(&b->acc[RP_RECONCILE_NONE][l]));
}

/* --reconcile: lines, channels and centre made to add up, day by day, by
 * `method`, or by the choice of a backtest when `choose` (the default).
 * Chosen, a history with no hierarchy to reconcile (one queue, or too
 * little history for the backtest) is left as it is.  What was done goes
 * to `summary`. */
static gboolean
reconcile_forecast(RpForecast *f, const RpForecasterType *type, gboolean choose,
                   RpReconcileMethod method, GString *summary, GError **error)
{
    RpReconcileParams p;
    rp_reconcile_params_init(&p);
    if (type)
        p.type = type;
    RpReconcileBacktest b;
    if (choose) {
        GError *local = NULL;
        if (!rp_reconcile_backtest(f->history, &p, &b, &local)) {
            if (!g_error_matches(local, RP_DATA_ERROR, RP_DATA_ERROR_MISSING)) {
                g_propagate_error(error, local);
                return FALSE;
            }
            g_string_append_printf(summary, "Not reconciled: %s\n",
                                   local->message);
            g_error_free(local);
            return TRUE;
        }
        method = b.next;
    }
    double before, after;
    if (!rp_forecast_reconcile(f, &p, method, &before, &after, error))
        return FALSE;
    g_string_append_printf(summary, "Reconciled %s", rp_reconcile_name(method));
    if (choose) {
        g_string_append_printf(
            summary,
            method == RP_RECONCILE_MINT_LEVEL
                ? ", the default: no method clearly better at every level "
                  "in a backtest of the last %zu weeks (daily WAPE"
                : ", clearly better than mint-level at every level in a "
                  "backtest of the last %zu weeks (daily WAPE",
            b.n_origins);
        append_wapes(summary, &b, method);
        g_string_append(summary, ")");
    }
    g_string_append_printf(summary,
                           ": channel and centre days differed from their "
                           "lines' sums by up to %.1f%%, now %.2g%%\n",
                           100.0 * before, 100.0 * after);
    return TRUE;
}

RpVolumes *
cli_forecast_volumes(const CliHistory *h, const char *column, GString **csv,
                     char **note, GError **error)
{
    return cli_forecast_volumes_cv(h, column, NULL, csv, note, error);
}

RpVolumes *
cli_forecast_volumes_cv(const CliHistory *h, const char *column,
                        double **rate_cv, GString **csv, char **note,
                        GError **error)
{
    RpForecastRunParams params;
    rp_forecast_run_params_init(&params);
    g_autoptr(RpForecast) f = rp_forecast_run(h->history, &params, error);
    g_autoptr(GString) said = g_string_new(NULL);
    if (f == NULL ||
        !reconcile_forecast(f, NULL, TRUE, RP_RECONCILE_NONE, said, error))
        return NULL;
    if (note) {
        g_autofree char *hours = cli_forecast_new_hours_note(f);
        g_strchomp(said->str);
        *note = hours ? g_strdup_printf("%s %s", hours, said->str)
                      : g_strdup(said->str);
    }
    g_autoptr(GString) text = rp_forecast_to_csv(f);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.contacts_column = column ? column : "contacts";
    RpVolumes *v = rp_volumes_parse("the forecast", text->str, text->len,
                                    h->centre, &vp, error);
    if (v != NULL && csv != NULL)
        *csv = g_steal_pointer(&text);
    if (v != NULL && rate_cv != NULL) {
        *rate_cv = g_new0(double, h->centre->queues->len);
        for (guint i = 0; i < f->queues->len; i++) {
            const RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
            if (qf->n_weeks > 0 && qf->c2[0] > 0.0)
                (*rate_cv)[qf->queue] = sqrt(qf->c2[0]);
        }
    }
    return v;
}

/* ---- the command
 * ---------------------------------------------------------------- */

static const CliColumn summary_columns[] = {
    {"queue", NULL, CLI_COL_TEXT},
    {"model", NULL, CLI_COL_TEXT},
    {"contacts", NULL, CLI_COL_COUNT},
    {"p90_peak", "P90 at the peak", CLI_COL_COUNT},
    {"backtest_wape", "backtest WAPE", CLI_COL_PERCENT},
    {"repeats", "repeats (avoidable)", CLI_COL_COUNT},
};

/* The forecast's contacts split into first contacts and repeats
 * (rp_fcr_split()), or NULL when the centre has no resolution rates. */
static RpFcrSplit *
forecast_split(const RpCentre *c, const GString *csv, GError **error)
{
    if (!rp_centre_models_fcr(c))
        return NULL;
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE; /* queues without history are not forecast */
    g_autoptr(RpVolumes) v =
        rp_volumes_parse("the forecast", csv->str, csv->len, c, &vp, error);
    return v ? rp_fcr_split(c, v) : NULL;
}

void
cli_append_avoidable(GString *out, const char *what, const RpCentre *c,
                     const RpFcrSplit *split)
{
    double all = 0.0, rep = 0.0;
    for (guint q = 0; q < c->queues->len; q++) {
        all += split[q].contacts;
        rep += split[q].repeats;
    }
    g_string_append_printf(
        out,
        "%s: of %.0f contacts, an estimated %.0f (%.1f%%) are repeats of "
        "contacts not resolved the first time, avoidable at 100%% "
        "first-contact resolution (docs/forecasting.md)\n",
        what, all, rep, all > 0.0 ? 100.0 * rep / all : 0.0);
}

static void
render_summary(const RpForecast *f, const RpFcrSplit *split, GString *out)
{
    g_autoptr(CliTable) t =
        cli_table_new(summary_columns, G_N_ELEMENTS(summary_columns));
    for (guint i = 0; i < f->queues->len; i++) {
        const RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
        const RpQueueSeries *s = f->history->series[qf->queue];
        size_t n = (s->n_days - s->n_hist) * s->n_slots;
        double total = 0.0, peak = 0.0;
        for (size_t j = 0; j < n; j++) {
            if (isnan(qf->mean[j]))
                continue;
            total += qf->mean[j];
            peak = MAX(peak, qf->q[j * RP_N_QUANTILES + RP_N_QUANTILES - 1]);
        }
        cli_table_row(t);
        cli_table_text(t, 0, s->id);
        cli_table_text(t, 1, qf->type->name);
        cli_table_number(t, 2, total);
        cli_table_number(t, 3, peak);
        cli_table_number(t, 4, qf->backtest_wape);
        cli_table_number(t, 5, split ? split[qf->queue].repeats : NAN);
    }
    cli_table_render(t, CLI_FORMAT_TABLE, out);
    if (split)
        cli_append_avoidable(out, "The forecast", f->history->centre, split);
}

static gboolean
run(const Options *o, GError **error)
{
    if (o->config == NULL || o->history == NULL) {
        cli_usage(error, "--config and --history are required");
        return FALSE;
    }
    if (o->weeks < 1 || o->weeks > 52) {
        cli_usage(error, "--weeks: %d is not 1 to 52", o->weeks);
        return FALSE;
    }
    RpForecastRunParams params;
    rp_forecast_run_params_init(&params);
    if (o->model && strcmp(o->model, "auto") != 0) {
        params.type = rp_forecaster_type_find(o->model);
        if (params.type == NULL) {
            cli_usage(error,
                      "--model: '%s' is not auto, snaive, mean, hw "
                      "or topdown",
                      o->model);
            return FALSE;
        }
    }
    RpReconcileMethod reconcile = RP_RECONCILE_NONE;
    gboolean choose = o->reconcile == NULL || strcmp(o->reconcile, "auto") == 0;
    if (!choose && !rp_reconcile_find(o->reconcile, &reconcile)) {
        cli_usage(error,
                  "--reconcile: '%s' is not auto, none, bottom-up, "
                  "top-down, wls, mint or mint-level",
                  o->reconcile);
        return FALSE;
    }
    gboolean svg = FALSE;
    if (o->plot && (!plot_is_svg(o->plot, &svg, error) || !have_gnuplot(error)))
        return FALSE;
    g_auto(CliHistory) h = {0};
    if (!cli_history_load(&h, o->config, o->history, o->events, o->start,
                          (size_t)o->weeks * 7, error))
        return FALSE;
    g_autoptr(RpForecast) f = rp_forecast_run(h.history, &params, error);
    if (f == NULL)
        return FALSE;
    g_autoptr(GString) reconciled = g_string_new(NULL);
    if ((choose || reconcile != RP_RECONCILE_NONE) &&
        !reconcile_forecast(f, params.type, choose, reconcile, reconciled,
                            error))
        return FALSE;
    cli_history_warn(&h, o->anomalies ? o->anomalies : NULL);
    cli_history_warn_unforecast(&h);
    g_autoptr(GString) csv = rp_forecast_to_csv(f);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    if (o->anomalies && !cli_write_anomalies(set, &h, o->anomalies, error))
        return FALSE;
    if (!cli_write(set, o->output, csv, error))
        return FALSE;
    if (o->plot && !draw_chart(set, f, o->plot, svg, error))
        return FALSE;
    if (!cli_is_stdout(o->output)) {
        g_autofree RpFcrSplit *split = forecast_split(h.centre, csv, error);
        if (split == NULL && rp_centre_models_fcr(h.centre))
            return FALSE;
        g_autoptr(GString) summary = g_string_new(NULL);
        render_summary(f, split, summary);
        if (split) {
            g_autofree RpFcrSplit *past = rp_fcr_split(h.centre, h.volumes);
            cli_append_avoidable(summary, "The history", h.centre, past);
        }
        g_string_append(summary, reconciled->str);
        g_autofree char *note = cli_forecast_new_hours_note(f);
        if (note)
            g_string_append_printf(summary, "\n%s\n", note);
        if (!cli_write(set, "-", summary, error))
            return FALSE;
    }
    return cli_outputs_commit(set, error);
}

int
cmd_forecast(int argc, char **argv)
{
    g_auto(Options) o = {.weeks = 6};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"history", 'H', 0, G_OPTION_ARG_FILENAME, &o.history,
         "contacts per queue and interval (or day) so far (required)", "FILE"},
        {"start", 's', 0, G_OPTION_ARG_STRING, &o.start,
         "first day to forecast (default: the day after the history)", "DATE"},
        {"weeks", 'w', 0, G_OPTION_ARG_INT, &o.weeks,
         "weeks to forecast (default 6)", "N"},
        {"model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
         "auto (default: best per queue by backtest), snaive, mean, hw or "
         "topdown",
         "NAME"},
        {"events", 'e', 0, G_OPTION_ARG_FILENAME, &o.events,
         "known events: start,end,queue,label[,factor]", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the forecast here (default: standard output)", "FILE"},
        {"plot", 0, 0, G_OPTION_ARG_FILENAME, &o.plot,
         "draw history, forecast and band with gnuplot", "FILE.png|svg"},
        {"anomalies", 0, 0, G_OPTION_ARG_FILENAME, &o.anomalies,
         "list gaps, outliers and out-of-hours contacts here", "FILE"},
        {"reconcile", 0, 0, G_OPTION_ARG_STRING, &o.reconcile,
         "make lines add up to channels and the centre: auto (default: "
         "mint-level, unless a backtest of the last 8 weeks shows another "
         "method clearly better at every level), none, bottom-up, "
         "top-down, wls, mint or mint-level",
         "METHOD"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- contacts and handling times to come");
    g_option_context_set_summary(
        ctx,
        "Forecasts contacts and handling times per queue and interval for "
        "the weeks after the\nhistory, with P10/P50/P80/P90 quantiles; "
        "the result is a volumes file for `rotaplan staff`\n(--quantile p80 "
        "plans to the P80).  Example:\n"
        "  rotaplan forecast --config data/centre.ini --history "
        "history.csv --weeks 6 -o forecast.csv");
    g_option_context_set_description(
        ctx, "Methods: snaive (same interval last week), mean (of the last "
             "4 weeks), hw (double-\nseasonal Holt-Winters), topdown (daily "
             "totals x intraday profile); auto picks per queue\nthe one with "
             "the lowest WAPE over the last 4 weeks.  With -o FILE a summary "
             "per queue\nis shown.  Manual: docs/forecasting.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
