/* cli/cmd_plan.c - `rotaplan plan`: the weekly plan in one go.
 *
 * forecast -> staff -> roster -> evaluation -> report, writing every file
 * into a fresh directory beside the output directory (an output
 * directory of the run's CliOutputs) that replaces the old plan only when
 * all stages have succeeded, so a failed or killed run leaves the
 * previous plan as it was.  Each stage's files are in place inside the
 * new directory once the stage ends: the roster reads the requirements
 * back from there. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "cli/plan.h"
#include "cli/simulation.h"
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
    char *backlog, *format, *day_cv, *model;
    int seed, threads, replications, corrections;
    gint64 iterations;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {
        &o->config,       &o->history,  &o->events,      &o->officers,
        &o->availability, &o->previous, &o->preferences, &o->scenarios,
        &o->week,         &o->out,      &o->quantile,    &o->time_limit,
        &o->backlog,      &o->format,   &o->day_cv,      &o->model};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* Everything the stages hand on. */
typedef struct {
    const Options *o;
    CliOutputs *out; /* the plan directory */
    const char *dir; /* the new plan, being written (in `out`) */
    gint64 monday;   /* local day number */
    char week[16];   /* the week planned, YYYY-Www */
    CliHistory history;
    RpVolumes *forecast; /* read back from forecast.csv */
    double *rate_cv;     /* per queue: the forecast's own uncertainty */
    GArray *backlog;     /* RpBacklogItem from --backlog, or NULL */
    char *forecast_note; /* how the forecast was made: newly opened hours,
                            reconciliation */
    RpRequirements *req;
    CliModel model;        /* how the phone lines were sized */
    int corrections;       /* rounds of correction by simulation */
    double *staffed;       /* per requirements row */
    RpRosterParams params; /* of the roster solver */
    RpRosterInput *roster_in;
    RpRosterResult roster;
    RpEvaluation *eval;
    RpSimResult *sim;
    GArray *sim_days; /* RpSimRow per queue and day */
    CliReport *report;
    GTimer *timer;
} Plan;

static void
plan_clear(Plan *p)
{
    cli_outputs_free(p->out);
    cli_history_clear(&p->history);
    rp_volumes_free(p->forecast);
    g_free(p->rate_cv);
    g_free(p->forecast_note);
    if (p->backlog)
        g_array_unref(p->backlog);
    rp_requirements_free(p->req);
    g_free(p->staffed);
    rp_roster_result_clear(&p->roster);
    rp_roster_input_free(p->roster_in);
    rp_evaluation_free(p->eval);
    rp_sim_result_free(p->sim);
    if (p->sim_days)
        g_array_unref(p->sim_days);
    cli_report_free(p->report);
    if (p->timer)
        g_timer_destroy(p->timer);
}

static void
stage(const Plan *p, const char *what)
{
    cli_progress("plan %s: %s (%.0f s)", p->week, what,
                 g_timer_elapsed(p->timer, NULL));
}

static char *
in_dir(const Plan *p, const char *name)
{
    return g_build_filename(p->dir, name, NULL);
}

/* ---- stages ------------------------------------------------------------ */

static gboolean
any_queue_open(const RpCentre *c, gint64 monday)
{
    for (guint q = 0; q < c->queues->len; q++)
        for (gint64 d = monday; d < monday + 7; d++)
            if (rp_centre_queue_open_day(c, q, d))
                return TRUE;
    return FALSE;
}

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
    if (!any_queue_open(p->history.centre, p->monday)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s: every queue is closed all week %s (bank holidays and "
                    "closure dates): there is nothing to plan",
                    p->o->config, p->week);
        return FALSE;
    }
    if (p->o->backlog &&
        (p->backlog = rp_backlog_read(p->o->backlog, p->history.centre,
                                      p->monday, error)) == NULL)
        return FALSE;
    cli_history_warn_unforecast(&p->history);
    /* the week's last day, counted from the first day after the history */
    gint64 after =
        rp_centre_local_day(p->history.centre, p->history.volumes->last) + 1;
    gint64 ahead = p->monday + 7 - after;
    if (ahead > 7 * RP_FORECAST_MAX_WEEKS) {
        char last[16];
        rp_format_date(after - 1, last, sizeof last);
        cli_warn("week %s ends %" G_GINT64_FORMAT " days after the history "
                 "(its last day is %s), beyond the %d weeks ahead the "
                 "forecast's backtests support: treat the forecast as rough, "
                 "or plan from a history that reaches nearer the week",
                 p->week, ahead, last, RP_FORECAST_MAX_WEEKS);
    }
    p->forecast =
        cli_forecast_volumes_cv(&p->history, p->o->quantile, &p->rate_cv, &csv,
                                &p->forecast_note, error);
    g_autoptr(CliOutputs) files = cli_outputs_new();
    return p->forecast != NULL && cli_write(files, path, csv, error) &&
           cli_outputs_commit(files, error);
}

/* The centre and officers the plan was made for, kept in the plan so
 * that `rotaplan intraday` and `leave-check` work from the folder alone:
 * the configuration as one file (includes resolved), the officers and
 * availability files as given. */
static gboolean
stage_inputs(Plan *p, GError **error)
{
    g_autofree char *ini = in_dir(p, "centre.ini");
    g_autoptr(GString) text = rp_config_to_text(p->history.centre->config);
    g_autoptr(CliOutputs) files = cli_outputs_new();
    if (!cli_write(files, ini, text, error))
        return FALSE;
    const char *from[] = {p->o->officers, p->o->availability};
    const char *to[] = {"officers.csv", "availability.csv"};
    for (size_t i = 0; i < G_N_ELEMENTS(from); i++) {
        if (from[i] == NULL)
            continue;
        g_autofree char *path = in_dir(p, to[i]);
        if (!cli_copy_file(files, from[i], path, error))
            return FALSE;
    }
    return cli_outputs_commit(files, error);
}

static gboolean
stage_staff(Plan *p, GError **error)
{
    stage(p, "staffing");
    if (!cli_model_parse(p->o->model, p->history.centre, &p->model, error))
        return FALSE;
    const RpCentre *c = p->history.centre;
    g_autoptr(RpRosterInput) staff = rp_roster_input_new(c);
    if (p->model == CLI_MODEL_SETS &&
        !rp_roster_input_read_officers(staff, p->o->officers, error))
        return FALSE;
    p->req = rp_requirements_compute(c, p->forecast, FALSE, error);
    if (p->req == NULL ||
        !plan_apply_model(c, p->req, p->model, staff->officers, FALSE, error))
        return FALSE;
    g_autofree char *path = in_dir(p, "requirements.csv");
    g_autoptr(CliOutputs) files = cli_outputs_new();
    return plan_write_requirements(files, p->history.centre, p->req, path,
                                   error) &&
           cli_outputs_commit(files, error);
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
    g_autofree char *xlsx = in_dir(p, "rota.xlsx");
    CliRosterFiles f = {o->officers, req,  o->availability, o->preferences,
                        o->previous, rota, activities,      coverage,
                        hours,       ics,  summary,         xlsx,
                        TRUE};
    /* a pooled requirement assumes every officer takes every line: the
     * simulation corrects it where the skills are thinner */
    p->corrections = o->corrections != CLI_DEFAULT_CORRECTIONS ? o->corrections
                     : p->model == CLI_MODEL_PER_LINE          ? 0
                                                      : CLI_POOLED_CORRECTIONS;
    p->roster_in = rp_roster_input_new(p->history.centre);
    if (!cli_roster_read(p->roster_in, &f, error) ||
        !(p->corrections == 0
              ? rp_roster_solve(p->roster_in, &p->params, &p->roster, error)
              : cli_roster_correct(p->roster_in, p->forecast, &p->params,
                                   p->corrections, &p->roster, error)))
        return FALSE;
    cli_roster_warn(&p->roster);
    if (!rp_roster_check(p->roster_in, p->roster.roster, error)) {
        g_prefix_error(error, "internal error, no plan written: ");
        return FALSE;
    }
    p->staffed = staffed_from_roster(p->roster_in, p->roster.roster, p->req,
                                     rp_centre_interval_s(p->history.centre));
    g_autoptr(CliOutputs) files = cli_outputs_new();
    return cli_roster_write(files, &f, p->roster_in, &p->roster, error) &&
           cli_outputs_commit(files, error);
}

/* --day-cv: none (default), the forecast's own rate uncertainty, or one
 * coefficient of variation for every queue. */
static gboolean
set_day_cv(const Plan *p, RpSimDemand *demand, GError **error)
{
    const char *v = p->o->day_cv;
    if (v == NULL)
        return TRUE;
    if (strcmp(v, "forecast") == 0) {
        g_free(demand->day_cv);
        demand->day_cv =
            g_memdup2(p->rate_cv, demand->n_queues * sizeof(double));
        return TRUE;
    }
    double cv;
    if (!cli_opt_proportion("--day-cv", v, &cv, error))
        return FALSE;
    cli_sim_set_day_cv(demand, cv);
    return TRUE;
}

/* The rota simulated against the forecast, with common random numbers
 * seeded by --seed. */
static gboolean
stage_simulate(Plan *p, GError **error)
{
    stage(p, "simulating");
    const RpCentre *c = p->history.centre;
    const RpRoster *ro = p->roster.roster;
    g_autoptr(RpSimDemand) demand = cli_sim_demand(
        c, p->forecast, p->roster_in->req->start_utc, ro->n_intervals, error);
    if (demand == NULL)
        return FALSE;
    if (!set_day_cv(p, demand, error))
        return FALSE;
    g_autoptr(RpSimStaff) staff = cli_sim_staff_from_roster(p->roster_in, ro);
    RpSimParams params;
    rp_sim_params_init(&params);
    params.replications = (size_t)p->o->replications;
    params.seed = (guint64)p->o->seed;
    params.threads = p->o->threads > 0 ? (guint)p->o->threads : 0;
    p->sim = rp_sim_run(c, demand, staff, &params, error);
    if (p->sim == NULL)
        return FALSE;
    p->sim_days = rp_sim_summarise(c, p->sim, RP_SIM_BY_DAY);
    g_autoptr(CliOutputs) files = cli_outputs_new();
    return plan_write_simulation(files, p->dir, c, p->sim, error) &&
           cli_outputs_commit(files, error);
}

static gboolean
stage_evaluate(Plan *p, GError **error)
{
    stage(p, "evaluating");
    p->eval =
        rp_evaluate(p->history.centre, p->req, p->staffed, p->backlog, error);
    g_autoptr(CliOutputs) files = cli_outputs_new();
    return p->eval != NULL && stage_simulate(p, error) &&
           plan_write_evaluation(files, p->dir, p->history.centre, p->req,
                                 p->eval, p->sim, error) &&
           cli_outputs_commit(files, error);
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
    /* sized as the plan sizes its phones; skill-sets as their pool */
    if (!rp_scenario_run_all(
            list, c, p->forecast, p->monday, 7, targets, G_N_ELEMENTS(targets),
            p->model != CLI_MODEL_PER_LINE, threads, res, error))
        return FALSE;
    double hours = 0.0;
    for (guint i = 0; i < p->roster_in->officers->len; i++)
        hours +=
            ((const RpOfficer *)g_ptr_array_index(p->roster_in->officers, i))
                ->contract_h;
    g_autoptr(CliOutputs) files = cli_outputs_new();
    gboolean ok = plan_report_scenarios(files, p->report, p->dir, list, res, c,
                                        hours / c->fte_hours, error) &&
                  cli_outputs_commit(files, error);
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
    double raised_h;    /* phone officer-hours the corrections added */
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
    /* the roster was solved against the requirement the corrections
     * raised; the grid holds no other change */
    const RpRosterDemand *d = p->roster_in->req;
    for (size_t q = 0; q < d->n_queues; q++) {
        if (rp_centre_queue(c, (guint)q)->channel != RP_CHANNEL_PHONE)
            continue;
        for (size_t t = 0; t < d->n_intervals; t++)
            f->raised_h += d->required[q * d->n_intervals + t] * h;
    }
    for (guint i = 0; i < p->req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(p->req->rows, RpRequirement, i);
        if (rp_centre_queue(c, r->queue)->channel == RP_CHANNEL_PHONE)
            f->raised_h -= r->required * h;
    }
    for (guint i = 0; i < p->eval->misses->len; i++) {
        if (g_array_index(p->eval->misses, RpEvalMiss, i).start == G_MININT64)
            f->day_misses++;
        else
            f->interval_misses++;
    }
}

/* How the phone lines' officers were worked out, for the summary and
 * the report: "the phone lines as one pool; 104 more on the phones after
 * 8 rounds of correction by simulation". */
static char *
sizing(const Plan *p, const Figures *f)
{
    static const char *const how[] = {
        [CLI_MODEL_PER_LINE] = "each phone line on its own",
        [CLI_MODEL_POOLED] = "the phone lines as one pool",
        [CLI_MODEL_SETS] = "the phone lines as one pool checked by skill sets",
    };
    if (p->corrections == 0)
        return g_strdup(how[p->model]);
    return g_strdup_printf("%s; %.0f more on the phones after %d round%s of "
                           "correction by simulation",
                           how[p->model], f->raised_h, p->corrections,
                           p->corrections == 1 ? "" : "s");
}

static void
headline(Plan *p)
{
    Figures f;
    figures(p, &f);
    g_autofree char *how = sizing(p, &f);
    g_autofree char *text = g_strdup_printf(
        "Forecast: %.0f calls, %.0f visitors and %.0f items of deferred "
        "work.  The standards need %.0f officer-hours on the queues (%s); "
        "the rota gives %.0f, with %.0f officer-hours short where it is "
        "short.  %zu queue-day(s) and %zu queue-interval(s) miss a standard "
        "(misses.csv lists them all).",
        f.contacts[0], f.contacts[1], f.contacts[2], f.required_h, how,
        f.staffed_h, f.short_h, f.day_misses, f.interval_misses);
    cli_report_paragraph(p->report, text);
}

/* The terminal summary's figures as one JSON object (docs/plan.md). */
static void
print_json(const Plan *p, const Figures *f, const char *report)
{
    static const CliColumn cols[] = {
        {"centre", NULL, CLI_COL_TEXT},
        {"week", NULL, CLI_COL_TEXT},
        {"directory", NULL, CLI_COL_TEXT},
        {"report", NULL, CLI_COL_TEXT},
        {"calls", NULL, CLI_COL_NUMBER},
        {"visitors", NULL, CLI_COL_NUMBER},
        {"deferred_items", NULL, CLI_COL_NUMBER},
        {"required_hours", NULL, CLI_COL_NUMBER},
        {"shifts", NULL, CLI_COL_COUNT},
        {"rostered_hours", NULL, CLI_COL_NUMBER},
        {"cost", NULL, CLI_COL_MONEY},
        {"currency", NULL, CLI_COL_TEXT},
        {"objective", NULL, CLI_COL_NUMBER},
        {"gap_to_bound", NULL, CLI_COL_PERCENT},
        {"short_hours", NULL, CLI_COL_NUMBER},
        {"queue_days_missed", NULL, CLI_COL_COUNT},
        {"queue_intervals_missed", NULL, CLI_COL_COUNT},
        {"simulated_queue_days", NULL, CLI_COL_COUNT},
        {"simulated_queue_days_met", NULL, CLI_COL_COUNT},
        {"replications", NULL, CLI_COL_COUNT},
        {"seconds", NULL, CLI_COL_SECONDS},
        {"phone_sizing", NULL, CLI_COL_TEXT},
        {"corrections", NULL, CLI_COL_COUNT},
        {"corrections_added_phone_hours", NULL, CLI_COL_NUMBER},
    };
    const RpObjective *ob = &p->roster.objective;
    const RpCentre *c = p->history.centre;
    g_autoptr(CliTable) t = cli_table_new(cols, G_N_ELEMENTS(cols));
    cli_table_row(t);
    const char *text[] = {c->name, p->week, p->o->out, report};
    for (size_t k = 0; k < G_N_ELEMENTS(text); k++)
        cli_table_text(t, k, text[k]);
    double v[] = {f->contacts[0],
                  f->contacts[1],
                  f->contacts[2],
                  f->required_h,
                  (double)p->roster.roster->shifts->len,
                  f->staffed_h,
                  ob->pay};
    for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
        cli_table_number(t, 4 + k, v[k]);
    cli_table_text(t, 11, c->costs.currency);
    size_t n_days, met = plan_sim_days_met(p->sim_days, &n_days);
    double w[] = {ob->total,
                  p->roster.gap,
                  f->short_h,
                  (double)f->day_misses,
                  (double)f->interval_misses,
                  (double)n_days,
                  (double)met,
                  (double)p->o->replications,
                  g_timer_elapsed(p->timer, NULL)};
    for (size_t k = 0; k < G_N_ELEMENTS(w); k++)
        cli_table_number(t, 12 + k, w[k]);
    cli_table_text(t, 21, cli_model_name(p->model));
    cli_table_number(t, 22, p->corrections);
    cli_table_number(t, 23, f->raised_h);
    g_autoptr(GString) out = g_string_new(NULL);
    cli_table_render_object(t, out);
    fputs(out->str, stdout);
}

/* What the plan prints on the terminal (or as JSON with --format json). */
static void
print_summary(const Plan *p, const char *report)
{
    Figures f;
    figures(p, &f);
    if (p->o->format && strcmp(p->o->format, "json") == 0) {
        print_json(p, &f, report);
        return;
    }
    const RpObjective *ob = &p->roster.objective;
    const RpCentre *c = p->history.centre;
    g_autofree char *how = sizing(p, &f);
    printf("%s, week %s\n"
           "  forecast  %.0f calls, %.0f visitors, %.0f deferred items\n"
           "  required  %.0f officer-hours on the queues (%s)\n"
           "  rota      %u shifts, %.0f officer-hours on the queues, cost "
           "%.2f %s; objective %.2f, gap to the bound %.2f%%\n"
           "  service   %.0f officer-hours short; %zu queue-days and %zu "
           "queue-intervals miss a standard\n",
           c->name, p->week, f.contacts[0], f.contacts[1], f.contacts[2],
           f.required_h, how, p->roster.roster->shifts->len, f.staffed_h,
           ob->pay, c->costs.currency, ob->total, 100.0 * p->roster.gap,
           f.short_h, f.day_misses, f.interval_misses);
    size_t n_days, met = plan_sim_days_met(p->sim_days, &n_days);
    printf("  simulated %zu of %zu queue-days meet their standard (%d "
           "replications, simulation-days.csv)\n",
           met, n_days, p->o->replications);
    printf("plan %s written to %s/ in %.1f s; the report is %s\n", p->week,
           p->o->out, g_timer_elapsed(p->timer, NULL), report);
}

static gboolean
stage_report(Plan *p, GError **error)
{
    stage(p, "drawing the report");
    const RpCentre *c = p->history.centre;
    plan_report_glance(p->report, c, p->eval, p->sim_days, p->req, p->roster_in,
                       &p->roster);
    headline(p);
    plan_report_backlog(p->report, c, p->eval);
    plan_report_rota(p->report, p->roster_in, p->roster.roster);
    if (!plan_report_forecast(p->report, c, p->req, p->history.volumes,
                              p->forecast, p->monday, p->forecast_note,
                              error) ||
        !plan_report_coverage(p->report, c, p->req, p->staffed, error))
        return FALSE;
    plan_report_simulation(p->report, c, p->eval, p->sim_days, p->monday,
                           (size_t)p->o->replications);
    return plan_report_roster(p->report, p->roster_in, &p->roster, error);
}

/* --week next: the Monday after today, today being the date now in the
 * centre's time zone (Sunday evening in London is already Monday in
 * Auckland). */
static gboolean
next_week(const char *config, gint64 *monday, GError **error)
{
    g_autoptr(RpCentre) c = rp_centre_load(config, error);
    if (c == NULL)
        return FALSE;
    gint64 today = rp_centre_local_day(c, g_get_real_time() / G_USEC_PER_SEC);
    *monday = today - rp_weekday(today) + 7;
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
    if (o->seed < 0 || o->threads < 0 || o->threads > CLI_MAX_THREADS) {
        cli_usage(error,
                  "--seed takes a number of 0 or more, --threads "
                  "0 (one per processor) to %d",
                  CLI_MAX_THREADS);
        return FALSE;
    }
    if (o->format && strcmp(o->format, "table") != 0 &&
        strcmp(o->format, "json") != 0) {
        cli_usage(error, "--format: '%s' is not table or json", o->format);
        return FALSE;
    }
    if (!cli_sim_check_replications(o->replications, error))
        return FALSE;
    if (!cli_check_corrections(o->corrections, error))
        return FALSE;
    Plan p = {.o = o, .out = cli_outputs_new(), .timer = g_timer_new()};
    GError *local = NULL;
    gboolean ok = TRUE;
    if (!cli_roster_params(&p.params, o->time_limit, o->seed, o->iterations,
                           FALSE, error)) {
        plan_clear(&p);
        return FALSE;
    }
    if (strcmp(o->week, "next") == 0) {
        ok = next_week(o->config, &p.monday, error);
    } else if (!(ok = rp_parse_iso_week(o->week, &p.monday, &local))) {
        cli_usage(error, "--week: %s", local->message);
        g_error_free(local);
    }
    rp_format_iso_week(p.monday, p.week, sizeof p.week);
    ok = ok && (p.dir = cli_outputs_dir(p.out, o->out, error)) != NULL;
    if (ok) {
        g_autofree char *title = NULL;
        ok = stage_forecast(&p, error);
        if (ok) {
            title = g_strdup_printf("Weekly plan %s", p.week);
            char first[16], last[16];
            rp_format_date(p.monday, first, sizeof first);
            rp_format_date(p.monday + 6, last, sizeof last);
            g_autofree char *sub = g_strdup_printf(
                "%s, %s to %s", p.history.centre->name, first, last);
            p.report = cli_report_new(title, sub);
        }
        ok = ok && stage_inputs(&p, error) && stage_staff(&p, error) &&
             stage_roster(&p, error) && stage_evaluate(&p, error) &&
             stage_report(&p, error) && stage_scenarios(&p, error);
        if (ok) {
            g_autofree char *path = in_dir(&p, "report.html");
            ok = cli_report_write(p.out, p.report, path, error) &&
                 cli_outputs_commit(p.out, error);
        }
    }
    cli_progress_end();
    if (ok) {
        g_autofree char *report = g_build_filename(o->out, "report.html", NULL);
        print_summary(&p, report);
    }
    plan_clear(&p);
    return ok;
}

int
cmd_plan(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1,
                         .iterations = G_MININT64,
                         .replications = 30,
                         .corrections = CLI_DEFAULT_CORRECTIONS};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"history", 'H', 0, G_OPTION_ARG_FILENAME, &o.history,
         "contacts per queue and interval so far (required)", "FILE"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers (required)", "FILE"},
        {"week", 'w', 0, G_OPTION_ARG_STRING, &o.week,
         "the ISO week to plan, e.g. 2027-W02, or next: the week after "
         "today in the centre's time zone (required)",
         "YYYY-Www|next"},
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
        {"backlog", 0, 0, G_OPTION_ARG_FILENAME, &o.backlog,
         "deferred work left from last week (its plan's backlog.csv)", "FILE"},
        {"scenarios", 0, 0, G_OPTION_ARG_FILENAME, &o.scenarios,
         "budget scenarios to compare in the report", "FILE"},
        {"quantile", 'q', 0, G_OPTION_ARG_STRING, &o.quantile,
         "plan to this forecast column, e.g. p80 (default: contacts)",
         "COLUMN"},
        {"iterations", 0, 0, G_OPTION_ARG_INT64, &o.iterations,
         "roster search iterations (default 30000): with the seed they "
         "decide the rota",
         "N"},
        {"time-limit", 't', 0, G_OPTION_ARG_STRING, &o.time_limit,
         "cap on the roster solver's time (default 10m)", "DURATION"},
        {"seed", 0, 0, G_OPTION_ARG_INT, &o.seed,
         "seed of the roster search and the simulation (default 1)", "N"},
        {"replications", 'n', 0, G_OPTION_ARG_INT, &o.replications,
         "simulation runs of the rota (default 30)", "N"},
        {"model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
         "phone lines sized pooled (one queue per interval; the default "
         "where calls are routed by skill), per-line (the default otherwise) "
         "or skill-sets (the pool checked against who holds each set of "
         "lines)",
         "MODEL"},
        {"corrections", 0, 0, G_OPTION_ARG_INT, &o.corrections,
         "rounds of simulate, raise the phone line-intervals that miss, "
         "roster again (default 8 where the phones are pooled, 0 per-line; "
         "the best round's requirement is kept)",
         "N"},
        {"day-cv", 0, 0, G_OPTION_ARG_STRING, &o.day_cv,
         "day-to-day variation of volumes in the simulation: forecast (the "
         "forecast's own error) or a proportion (default none)",
         "forecast|PROPORTION"},
        {"threads", 0, 0, G_OPTION_ARG_INT, &o.threads,
         "threads for the simulation and scenarios (default: one per "
         "processor)",
         "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "the summary printed at the end: table (default) or json, one "
         "object for scripts",
         "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- the weekly plan: forecast to report");
    g_option_context_set_summary(
        ctx, "Forecasts the week, works out the officers each queue needs, "
             "rosters the officers,\nevaluates the rota against the "
             "standards and writes everything into DIR: report.html\n(the "
             "week at a glance, the rota per site, the detail), rota.xlsx, "
             "the CSV files.\nExample:\n"
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
