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
#include "roster/roster.h"

/* The plan hands the weights rotaplan staff writes to the roster, which
 * reads as many as that. */
G_STATIC_ASSERT(RP_ROSTER_MAX_WEIGHTS == RP_SHORT_WEIGHTS);

typedef struct {
    char *config, *history, *events, *officers, *availability, *previous;
    char *preferences, *scenarios, *week, *out, *quantile, *time_limit;
    int seed, threads;
    gint64 iterations;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->config,      &o->history,      &o->events,
                    &o->officers,    &o->availability, &o->previous,
                    &o->preferences, &o->scenarios,    &o->week,
                    &o->out,         &o->quantile,     &o->time_limit};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* Everything the stages hand on. */
typedef struct {
    const Options *o;
    char *dir;     /* the new plan, being written */
    gint64 monday; /* local day number */
    CliHistory history;
    RpVolumes *forecast; /* read back from forecast.csv */
    RpRequirements *req;
    double *staffed;       /* per requirements row */
    RpRosterParams params; /* of the roster solver */
    RpRosterInput *roster_in;
    RpRosterResult roster;
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
    rp_roster_result_clear(&p->roster);
    rp_roster_input_free(p->roster_in);
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
    g_autoptr(GString) csv = NULL;
    g_autofree char *path = in_dir(p, "forecast.csv");
    if (!cli_history_load(&p->history, p->o->config, p->o->history,
                          p->o->events, date, 7, error))
        return FALSE;
    p->forecast =
        cli_forecast_volumes(&p->history, p->o->quantile, &csv, error);
    return p->forecast != NULL && cli_write(path, csv, error);
}

static gboolean
stage_staff(Plan *p, GError **error)
{
    stage(p, "staffing");
    p->req =
        rp_requirements_compute(p->history.centre, p->forecast, FALSE, error);
    if (p->req == NULL)
        return FALSE;
    g_autofree char *path = in_dir(p, "requirements.csv");
    return plan_write_requirements(p->history.centre, p->req, path, error);
}

/* Officers on each queue in each interval, weighted by proficiency, in
 * the order of the requirements rows. */
static double *
staffed_from_roster(const RpRosterInput *in, const RpRoster *roster,
                    const RpRequirements *req, gint64 interval_s)
{
    const RpRosterDemand *d = in->req;
    size_t n_queues = in->centre->queues->len;
    g_autofree double *on = g_new0(double, n_queues * d->n_intervals);
    for (size_t o = 0; o < roster->n_officers; o++) {
        const RpOfficer *officer = g_ptr_array_index(in->officers, o);
        for (size_t t = 0; t < d->n_intervals; t++) {
            int a = roster->activity[o * d->n_intervals + t];
            if (a >= 0)
                on[(size_t)a * d->n_intervals + t] += officer->skill[a];
        }
    }
    double *staffed = g_new0(double, req->rows->len);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        gint64 t = (r->start - d->start_utc) / interval_s;
        if (t >= 0 && (size_t)t < d->n_intervals)
            staffed[i] = on[r->queue * d->n_intervals + (size_t)t];
    }
    return staffed;
}

static gboolean
stage_roster(Plan *p, GError **error)
{
    stage(p, "rostering");
    const Options *o = p->o;
    g_autofree char *req = in_dir(p, "requirements.csv");
    g_autofree char *rota = in_dir(p, "rota.csv");
    g_autofree char *activities = in_dir(p, "activities.csv");
    g_autofree char *coverage = in_dir(p, "coverage.csv");
    g_autofree char *hours = in_dir(p, "hours.csv");
    g_autofree char *ics = in_dir(p, "ics");
    g_autofree char *summary = in_dir(p, "roster-summary.csv");
    CliRosterFiles f = {o->officers, req,  o->availability, o->preferences,
                        o->previous, rota, activities,      coverage,
                        hours,       ics,  summary};
    p->roster_in = rp_roster_input_new(p->history.centre);
    if (!cli_roster_read(p->roster_in, &f, error) ||
        !rp_roster_solve(p->roster_in, &p->params, &p->roster, error))
        return FALSE;
    cli_roster_warn(&p->roster);
    if (!rp_roster_check(p->roster_in, p->roster.roster, error)) {
        g_prefix_error(error, "internal error, no plan written: ");
        return FALSE;
    }
    p->staffed = staffed_from_roster(p->roster_in, p->roster.roster, p->req,
                                     rp_centre_interval_s(p->history.centre));
    return cli_roster_write(&f, p->roster_in, &p->roster, error);
}

static gboolean
stage_evaluate(Plan *p, GError **error)
{
    stage(p, "evaluating");
    p->eval = rp_evaluate(p->history.centre, p->req, p->staffed, error);
    return p->eval != NULL && plan_write_evaluation(p->dir, p->history.centre,
                                                    p->req, p->eval, error);
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
    int threads =
        p->o->threads > 0 ? p->o->threads : (int)g_get_num_processors();
    if (!rp_scenario_run_all(list, c, p->forecast, targets,
                             G_N_ELEMENTS(targets), threads, res, error))
        return FALSE;
    double hours = 0.0;
    for (guint i = 0; i < p->roster_in->officers->len; i++)
        hours +=
            ((const RpOfficer *)g_ptr_array_index(p->roster_in->officers, i))
                ->contract_h;
    gboolean ok = plan_report_scenarios(p->report, p->dir, list, res, c,
                                        hours / c->fte_hours, error);
    for (size_t i = 0; i < n; i++)
        rp_scenario_result_clear(&res[i]);
    return ok;
}

/* ---- the report -------------------------------------------------------- */

/* The week in figures: for the report's summary and the terminal. */
typedef struct {
    double contacts[3]; /* phones, desks, deferred */
    double required_h;  /* officer-hours the standards need */
    double staffed_h;   /* officer-hours the rota puts on queues */
    double short_h;     /* officer-hours short, where short */
    size_t day_misses, interval_misses;
} Figures;

static void
figures(const Plan *p, Figures *f)
{
    const RpCentre *c = p->history.centre;
    double h = c->interval_min / 60.0;
    memset(f, 0, sizeof *f);
    for (guint i = 0; i < p->req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(p->req->rows, RpRequirement, i);
        RpChannel ch = rp_centre_queue(c, r->queue)->channel;
        f->contacts[ch == RP_CHANNEL_PHONE       ? 0
                    : ch == RP_CHANNEL_RECEPTION ? 1
                                                 : 2] += r->contacts;
        f->required_h += r->required * h;
        f->staffed_h += p->staffed[i] * h;
        if (r->required > p->staffed[i])
            f->short_h += (r->required - p->staffed[i]) * h;
    }
    for (guint i = 0; i < p->eval->misses->len; i++) {
        if (g_array_index(p->eval->misses, RpEvalMiss, i).start == G_MININT64)
            f->day_misses++;
        else
            f->interval_misses++;
    }
}

static void
headline(Plan *p)
{
    Figures f;
    figures(p, &f);
    g_autofree char *text = g_strdup_printf(
        "Forecast: %.0f calls, %.0f visitors and %.0f items of deferred "
        "work.  The standards need %.0f officer-hours on the queues; the "
        "rota gives %.0f, with %.0f officer-hours short where it is short.  "
        "%zu queue-day(s) and %zu queue-interval(s) miss a standard "
        "(misses.csv lists them all).",
        f.contacts[0], f.contacts[1], f.contacts[2], f.required_h, f.staffed_h,
        f.short_h, f.day_misses, f.interval_misses);
    cli_report_section(p->report, "Summary", text);
}

/* What the plan printed on the terminal. */
static void
print_summary(const Plan *p)
{
    Figures f;
    figures(p, &f);
    const RpObjective *ob = &p->roster.objective;
    const RpCentre *c = p->history.centre;
    printf("%s, week %s\n"
           "  forecast  %.0f calls, %.0f visitors, %.0f deferred items\n"
           "  required  %.0f officer-hours on the queues\n"
           "  rota      %u shifts, %.0f officer-hours on the queues, cost "
           "%.2f %s; objective %.2f, gap to the bound %.2f%%\n"
           "  service   %.0f officer-hours short; %zu queue-days and %zu "
           "queue-intervals miss a standard\n",
           c->name, p->o->week, f.contacts[0], f.contacts[1], f.contacts[2],
           f.required_h, p->roster.roster->shifts->len, f.staffed_h, ob->pay,
           c->costs.currency, ob->total, 100.0 * p->roster.gap, f.short_h,
           f.day_misses, f.interval_misses);
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
           plan_report_service(p->report, p->history.centre, p->eval, error) &&
           plan_report_roster(p->report, p->roster_in, &p->roster, p->req,
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
    GError *local = NULL;
    gboolean ok = rp_parse_iso_week(o->week, &p.monday, &local);
    if (ok && !cli_roster_params(&p.params, o->time_limit, o->seed,
                                 o->iterations, FALSE, error)) {
        plan_clear(&p);
        return FALSE;
    }
    if (!ok) {
        cli_usage(error, "--week: %s", local->message);
        g_error_free(local);
    } else {
        ok = make_work_dir(&p, error);
    }
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
        print_summary(&p);
        g_autofree char *report = g_build_filename(o->out, "report.html", NULL);
        printf("plan %s written to %s/ in %.1f s; the report is %s\n", o->week,
               o->out, g_timer_elapsed(p.timer, NULL), report);
    }
    plan_clear(&p);
    return ok;
}

int
cmd_plan(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1, .iterations = -1};
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
         "last week's rota, for rest and days off across the weekend", "FILE"},
        {"scenarios", 0, 0, G_OPTION_ARG_FILENAME, &o.scenarios,
         "budget scenarios to compare in the report", "FILE"},
        {"quantile", 'q', 0, G_OPTION_ARG_STRING, &o.quantile,
         "plan to this forecast column, e.g. p80 (default: contacts)",
         "COLUMN"},
        {"iterations", 0, 0, G_OPTION_ARG_INT64, &o.iterations,
         "roster search iterations (default 20000): with the seed they "
         "decide the rota",
         "N"},
        {"time-limit", 't', 0, G_OPTION_ARG_STRING, &o.time_limit,
         "cap on the roster solver's time (default 10m)", "DURATION"},
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
