/* cli/cmd_plan.c - `rotaplan plan`: the weekly plan in one go.
 *
 * forecast -> staff -> roster -> evaluation -> report, writing every file
 * into a fresh directory beside the output directory and swapping it into
 * place only when all stages have succeeded, so a failed run leaves the
 * previous plan as it was. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "cli/plan.h"
#include "common/error.h"
#include "common/scenario.h"
#include "common/units.h"
#include "forecast/forecast.h"
#include "models/evaluate.h"
#include "models/requirements.h"
#include "models/scenario.h"

typedef struct {
    char *config, *history, *events, *officers, *availability, *previous;
    char *preferences, *scenarios, *week, *out, *quantile, *time_limit;
    int seed, threads;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->config,       &o->history,   &o->events,
                    &o->officers,     &o->availability, &o->previous,
                    &o->preferences,  &o->scenarios, &o->week,
                    &o->out,          &o->quantile,  &o->time_limit};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* Everything the stages hand on. */
typedef struct {
    const Options *o;
    char *dir;             /* the new plan, being written */
    gint64 monday;         /* local day number */
    CliHistory history;
    RpVolumes *forecast;   /* read back from forecast.csv */
    RpRequirements *req;
    double *staffed;       /* per requirements row */
    RpEvaluation *eval;
    CliReport *report;
    GTimer *timer;
} Plan;

static void
plan_clear(Plan *p)
{
    g_free(p->dir);
    cli_history_clear(&p->history);
    rp_volumes_free(p->forecast);
    rp_requirements_free(p->req);
    g_free(p->staffed);
    rp_evaluation_free(p->eval);
    cli_report_free(p->report);
    if (p->timer)
        g_timer_destroy(p->timer);
}

static void
stage(const Plan *p, const char *what)
{
    cli_progress("plan %s: %s (%.0f s)", p->o->week, what,
                 g_timer_elapsed(p->timer, NULL));
}

static char *
in_dir(const Plan *p, const char *name)
{
    return g_build_filename(p->dir, name, NULL);
}

/* ---- stages ------------------------------------------------------------ */

static gboolean
stage_forecast(Plan *p, GError **error)
{
    stage(p, "forecasting");
    char date[16];
    rp_format_date(p->monday, date, sizeof date);
    if (!cli_history_load(&p->history, p->o->config, p->o->history,
                          p->o->events, date, 7, error))
        return FALSE;
    RpForecastRunParams params;
    rp_forecast_run_params_init(&params);
    g_autoptr(RpForecast) f = rp_forecast_run(p->history.history, &params,
                                              error);
    if (f == NULL)
        return FALSE;
    g_autoptr(GString) csv = rp_forecast_to_csv(f);
    g_autofree char *path = in_dir(p, "forecast.csv");
    if (!cli_write(path, csv, error))
        return FALSE;
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.contacts_column = p->o->quantile ? p->o->quantile : "contacts";
    p->forecast = rp_volumes_read(path, p->history.centre, &vp, error);
    return p->forecast != NULL;
}

static gboolean
stage_staff(Plan *p, GError **error)
{
    stage(p, "staffing");
    p->req = rp_requirements_compute(p->history.centre, p->forecast, FALSE,
                                     error);
    if (p->req == NULL)
        return FALSE;
    g_autofree char *path = in_dir(p, "requirements.csv");
    return plan_write_requirements(p->history.centre, p->req, path, error);
}

/* TEMPORARY until the roster merges: staffed as required */
static gboolean
stage_roster(Plan *p, GError **error)
{
    (void)error;
    p->staffed = g_new(double, p->req->rows->len);
    for (guint i = 0; i < p->req->rows->len; i++)
        p->staffed[i] = g_array_index(p->req->rows, RpRequirement, i).required * (i % 7 ? 1.0 : 0.8);
    return TRUE;
}

static gboolean
stage_evaluate(Plan *p, GError **error)
{
    stage(p, "evaluating");
    p->eval = rp_evaluate(p->history.centre, p->req, p->staffed, error);
    return p->eval != NULL &&
           plan_write_evaluation(p->dir, p->history.centre, p->req, p->eval,
                                 error);
}

/* Optional: the scenarios on this week's forecast, compared. */
static gboolean
stage_scenarios(Plan *p, GError **error)
{
    if (p->o->scenarios == NULL)
        return TRUE;
    stage(p, "scenarios");
    const RpCentre *c = p->history.centre;
    g_autoptr(GPtrArray) list =
        rp_scenarios_load(p->o->scenarios, p->o->config, error);
    if (list == NULL)
        return FALSE;
    size_t n = list->len;
    static const double targets[] = {0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    g_autofree RpScenarioResult *res = g_new0(RpScenarioResult, n);
    int threads = p->o->threads > 0 ? p->o->threads
                                    : (int)g_get_num_processors();
    if (!rp_scenario_run_all(list, c, p->forecast, targets,
                             G_N_ELEMENTS(targets), threads, res, error))
        return FALSE;
    gboolean ok = plan_report_scenarios(p->report, p->dir, list, res, c,
                                        error);
    for (size_t i = 0; i < n; i++)
        rp_scenario_result_clear(&res[i]);
    return ok;
}

/* ---- the report -------------------------------------------------------- */

static void
headline(Plan *p)
{
    const RpCentre *c = p->history.centre;
    double req_h = 0.0, staffed_h = 0.0, short_h = 0.0, h = c->interval_min /
                                                              60.0;
    for (guint i = 0; i < p->req->rows->len; i++) {
        double r = g_array_index(p->req->rows, RpRequirement, i).required;
        req_h += r * h;
        staffed_h += p->staffed[i] * h;
        short_h += (r > p->staffed[i] ? r - p->staffed[i] : 0.0) * h;
    }
    size_t day_misses = 0, interval_misses = 0;
    for (guint i = 0; i < p->eval->misses->len; i++) {
        if (g_array_index(p->eval->misses, RpEvalMiss, i).start == G_MININT64)
            day_misses++;
        else
            interval_misses++;
    }
    g_autofree char *text = g_strdup_printf(
        "The standards need %.0f officer-hours on the queues this week; the "
        "rota gives %.0f, with %.0f officer-hours short where it is short.  "
        "%zu queue-day(s) and %zu queue-interval(s) miss a standard.",
        req_h, staffed_h, short_h, day_misses, interval_misses);
    cli_report_section(p->report, "Summary", text);
}

static gboolean
stage_report(Plan *p, GError **error)
{
    stage(p, "drawing the report");
    headline(p);
    return plan_report_forecast(p->report, p->history.centre,
                                p->history.volumes, p->forecast, p->monday,
                                error) &&
           plan_report_coverage(p->report, p->history.centre, p->req,
                                p->staffed, error) &&
           plan_report_service(p->report, p->history.centre, p->eval,
                               error);
}

/* ---- the output directory ---------------------------------------------- */

/* Puts the finished plan at `out`: the old plan, if any, moves aside and
 * is removed only once the new one is in place. */
static gboolean
swap_into_place(const char *tmp, const char *out, GError **error)
{
    g_autofree char *old = NULL;
    if (g_file_test(out, G_FILE_TEST_EXISTS)) {
        old = g_strdup_printf("%s.old-%d", out, (int)getpid());
        if (g_rename(out, old) != 0) {
            g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                        "cannot move the previous plan %s aside: %s", out,
                        g_strerror(errno));
            return FALSE;
        }
    }
    if (g_rename(tmp, out) != 0) {
        int e = errno;
        if (old)
            g_rename(old, out);
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot put the plan in %s: %s", out, g_strerror(e));
        return FALSE;
    }
    if (old)
        cli_remove_tree(old);
    return TRUE;
}

static gboolean
make_work_dir(Plan *p, GError **error)
{
    g_autofree char *parent = g_path_get_dirname(p->o->out);
    g_autofree char *base = g_path_get_basename(p->o->out);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.new-XXXXXX", parent, base);
    p->dir = g_mkdtemp_full(g_steal_pointer(&tmpl), 0755);
    if (p->dir == NULL) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot create a directory beside %s: %s", p->o->out,
                    g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

static gboolean
run(const Options *o, GError **error)
{
    if (!o->config || !o->history || !o->officers || !o->week || !o->out) {
        cli_usage(error, "--config, --history, --officers, --week and --out "
                         "are required");
        return FALSE;
    }
    Plan p = {.o = o, .timer = g_timer_new()};
    gboolean ok = rp_parse_iso_week(o->week, &p.monday, error);
    if (!ok)
        g_prefix_error(error, "--week: ");
    else
        ok = make_work_dir(&p, error);
    if (ok) {
        g_autofree char *title = NULL;
        ok = stage_forecast(&p, error);
        if (ok) {
            title = g_strdup_printf("Weekly plan %s", o->week);
            char first[16], last[16];
            rp_format_date(p.monday, first, sizeof first);
            rp_format_date(p.monday + 6, last, sizeof last);
            g_autofree char *sub = g_strdup_printf(
                "%s, %s to %s", p.history.centre->name, first, last);
            p.report = cli_report_new(title, sub);
        }
        ok = ok && stage_staff(&p, error) && stage_roster(&p, error) &&
             stage_evaluate(&p, error) && stage_report(&p, error) &&
             stage_scenarios(&p, error);
        if (ok) {
            g_autofree char *path = in_dir(&p, "report.html");
            ok = cli_report_write(p.report, path, error) &&
                 swap_into_place(p.dir, o->out, error);
        }
        if (!ok)
            cli_remove_tree(p.dir);
    }
    cli_progress_end();
    if (ok) {
        g_autofree char *report = g_build_filename(o->out, "report.html",
                                                   NULL);
        printf("plan %s written to %s/ in %.1f s; the report is %s\n",
               o->week, o->out, g_timer_elapsed(p.timer, NULL), report);
    }
    plan_clear(&p);
    return ok;
}

int
cmd_plan(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"history", 'H', 0, G_OPTION_ARG_FILENAME, &o.history,
         "contacts per queue and interval so far (required)", "FILE"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers (required)", "FILE"},
        {"week", 'w', 0, G_OPTION_ARG_STRING, &o.week,
         "the ISO week to plan, e.g. 2027-W02 (required)", "YYYY-Www"},
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &o.out,
         "the directory the plan goes in, replaced as a whole (required)",
         "DIR"},
        {"events", 'e', 0, G_OPTION_ARG_FILENAME, &o.events,
         "known events for the forecast", "FILE"},
        {"availability", 0, 0, G_OPTION_ARG_FILENAME, &o.availability,
         "leave, training and commitments", "FILE"},
        {"preferences", 0, 0, G_OPTION_ARG_FILENAME, &o.preferences,
         "officers' preferred days off and shifts", "FILE"},
        {"previous", 0, 0, G_OPTION_ARG_FILENAME, &o.previous,
         "last week's rota, for rest and days off across the weekend",
         "FILE"},
        {"scenarios", 0, 0, G_OPTION_ARG_FILENAME, &o.scenarios,
         "budget scenarios to compare in the report", "FILE"},
        {"quantile", 'q', 0, G_OPTION_ARG_STRING, &o.quantile,
         "plan to this forecast column, e.g. p80 (default: contacts)",
         "COLUMN"},
        {"time-limit", 't', 0, G_OPTION_ARG_STRING, &o.time_limit,
         "time for the roster solver (default 30s)", "DURATION"},
        {"seed", 0, 0, G_OPTION_ARG_INT, &o.seed,
         "roster search seed (default 1)", "N"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &o.threads,
         "threads for scenarios (default: one per processor)", "N"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- the weekly plan: forecast to report");
    g_option_context_set_summary(
        ctx, "Forecasts the week, works out the officers each queue needs, "
             "rosters the officers,\nevaluates the rota against the "
             "standards and writes everything, with report.html,\ninto "
             "DIR.  Example:\n"
             "  rotaplan plan --config data/centre.ini --history "
             "build/data/history.csv \\\n"
             "      --officers data/officers.csv --week 2026-W49 --out plan");
    g_option_context_set_description(
        ctx, "The files of a plan are described in docs/plan.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
