/* cli/cmd_roster.c - `rotaplan roster`: the weekly rota from the
 * requirements of `rotaplan staff`, the officers and their availability.
 *
 * Every rota is checked against every hard rule (rp_roster_check())
 * before anything is written: a rota that broke a rule would be a bug, and
 * it is reported as one instead of being handed to a planner. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "cli/plan.h"
#include "cli/simulation.h"
#include "common/error.h"
#include "common/volumes.h"
#include "roster/roster.h"

typedef struct {
    char *config, *officers, *requirements, *availability, *preferences;
    char *previous, *output, *activities, *coverage, *hours, *ics, *summary;
    char *mps, *time_limit, *format, *xlsx;
    gint64 seed, iterations;
    int corrections;
    gboolean no_bound;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {
        &o->config,      &o->officers,   &o->requirements, &o->availability,
        &o->preferences, &o->previous,   &o->output,       &o->activities,
        &o->coverage,    &o->hours,      &o->ics,          &o->summary,
        &o->mps,         &o->time_limit, &o->format,       &o->xlsx};
    for (size_t k = 0; k < G_N_ELEMENTS(all); k++)
        g_clear_pointer(all[k], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

void
cli_roster_progress(const char *phase, double objective, double bound,
                    double gap, double seconds, gpointer data)
{
    (void)data;
    if (isnan(bound))
        cli_progress("roster: %s  objective %.2f  %.1fs", phase, objective,
                     seconds);
    else
        cli_progress("roster: %s  objective %.2f  bound %.2f  gap %.2f%%  "
                     "%.1fs",
                     phase, objective, bound, 100.0 * gap, seconds);
}

/* Every queue the requirements need has an officer who can hold it;
 * `path` NULL when the requirements are the plan's own. */
static gboolean
check_holders(const RpRosterInput *in, const char *path, GError **error)
{
    const RpRosterDemand *req = in->req;
    g_autofree gint64 *first = g_new(gint64, req->n_queues);
    g_autofree size_t *line = g_new0(size_t, req->n_queues);
    gint64 step = rp_centre_interval_s(in->centre);
    for (size_t q = 0; q < req->n_queues; q++) {
        first[q] = G_MININT64;
        for (size_t t = 0; t < req->n_intervals; t++) {
            size_t k = q * req->n_intervals + t;
            if (req->required[k] > 0.0) {
                first[q] = req->start_utc + (gint64)t * step;
                line[q] = req->line[k];
                break;
            }
        }
    }
    return rp_roster_input_check_holders(in, path, first, line, error);
}

gboolean
cli_roster_read(RpRosterInput *in, const CliRosterFiles *f, GError **error)
{
    return rp_roster_input_read_officers(in, f->officers, error) &&
           rp_roster_input_read_requirements(in, f->requirements, error) &&
           check_holders(in, f->plans_own ? NULL : f->requirements, error) &&
           (!f->availability ||
            rp_roster_input_read_availability(in, f->availability, error)) &&
           (!f->preferences ||
            rp_roster_input_read_preferences(in, f->preferences, error)) &&
           (!f->previous ||
            rp_roster_input_read_previous(in, f->previous, error));
}

gboolean
cli_roster_params(RpRosterParams *p, const char *time_limit, gint64 seed,
                  gint64 iterations, gboolean no_bound, GError **error)
{
    rp_roster_params_init(p);
    if (time_limit &&
        !cli_opt_duration("--time-limit", time_limit, &p->time_limit_s, error))
        return FALSE;
    /* G_MININT64: --iterations not given (so -1 is refused like -2) */
    if (seed < 0 || seed > G_MAXUINT32 ||
        (iterations < 0 && iterations != G_MININT64)) {
        cli_usage(error, "--seed and --iterations take a number of 0 or "
                         "more");
        return FALSE;
    }
    p->seed = (guint32)seed;
    if (iterations >= 0)
        p->iterations = (size_t)iterations;
    p->bound = !no_bound;
    p->progress = cli_roster_progress;
    return TRUE;
}

void
cli_roster_warn(const RpRosterResult *r)
{
    for (guint k = 0; k < r->shortfalls->len; k++)
        cli_warn("%s", (const char *)g_ptr_array_index(r->shortfalls, k));
    if (r->status == RP_ROSTER_TIME_LIMIT)
        cli_warn("the time limit stopped the roster solver after %zu search "
                 "iterations and %zu bound steps: another run may give "
                 "another rota (raise --time-limit, or lower --iterations)",
                 r->iterations, r->bound_steps);
}

/* Writes `text` (taken) as the output `path`. */
static gboolean
write_text(CliOutputs *set, const char *path, char *text, GError **error)
{
    g_autofree char *owned = text;
    GString s = {.str = owned, .len = strlen(owned), .allocated_len = 0};
    return cli_write(set, path, &s, error);
}

/* The calendars replace the directory `path` as a whole, so one that
 * holds anything else (say, --ics .) is refused rather than replaced. */
static gboolean
check_ics_dir(const char *path, GError **error)
{
    GDir *d = g_dir_open(path, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)) != NULL) {
        if (!g_str_has_suffix(name, ".ics")) {
            cli_usage(error,
                      "--ics: %s holds %s, which is not a calendar: give "
                      "a directory for the calendars alone",
                      path, name);
            g_dir_close(d);
            return FALSE;
        }
    }
    if (d)
        g_dir_close(d);
    return TRUE;
}

static gboolean
write_ics(CliOutputs *set, const char *ics, const RpRosterInput *in,
          const RpRoster *roster, GError **error)
{
    if (!check_ics_dir(ics, error))
        return FALSE;
    const char *dir = cli_outputs_dir(set, ics, error);
    if (dir == NULL)
        return FALSE;
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    gint64 stamp = epoch ? g_ascii_strtoll(epoch, NULL, 10)
                         : g_get_real_time() / G_USEC_PER_SEC;
    for (size_t i = 0; i < roster->n_officers; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        g_autofree char *name = g_strconcat(o->id, ".ics", NULL);
        g_autofree char *path = g_build_filename(dir, name, NULL);
        if (!write_text(set, path, rp_roster_ics(in, roster, i, stamp), error))
            return FALSE;
    }
    return TRUE;
}

static const CliColumn hours_columns[] = {
    {"officer", NULL, CLI_COL_TEXT},
    {"name", NULL, CLI_COL_TEXT},
    {"paid_hours", "paid h", CLI_COL_NUMBER},
    {"min_hours", "min h", CLI_COL_NUMBER},
    {"max_hours", "max h", CLI_COL_NUMBER},
    {"contract_hours", "contract h", CLI_COL_NUMBER},
    {"days", NULL, CLI_COL_COUNT},
    {"evening_hours", "evening h", CLI_COL_NUMBER},
    {"weekend_hours", "weekend h", CLI_COL_NUMBER},
};

CliTable *
cli_roster_hours_table(const RpRosterInput *in, const RpRoster *roster)
{
    CliTable *t = cli_table_new(hours_columns, G_N_ELEMENTS(hours_columns));
    for (size_t i = 0; i < roster->n_officers; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        RpOfficerWeek w;
        rp_roster_officer_week(in, roster, i, &w);
        cli_table_row(t);
        cli_table_text(t, 0, o->id);
        cli_table_text(t, 1, o->name);
        double v[] = {w.paid_h, w.min_h,     w.max_h,    o->contract_h,
                      w.days,   w.evening_h, w.weekend_h};
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            cli_table_number(t, 2 + k, v[k]);
    }
    return t;
}

static const CliColumn summary_columns[] = {
    {"status", NULL, CLI_COL_TEXT},
    {"objective", NULL, CLI_COL_MONEY},
    {"bound", NULL, CLI_COL_MONEY},
    {"gap", NULL, CLI_COL_PERCENT},
    {"understaffed_officer_hours", "officer-hours short", CLI_COL_NUMBER},
    {"overstaffed_officer_hours", "officer-hours spare", CLI_COL_NUMBER},
    {"cost", NULL, CLI_COL_MONEY},
    {"understaffing", NULL, CLI_COL_MONEY},
    {"overstaffing", NULL, CLI_COL_MONEY},
    {"preferences", NULL, CLI_COL_MONEY},
    {"unfairness", NULL, CLI_COL_MONEY},
    {"positions", NULL, CLI_COL_MONEY},
    {"position_changes", "changes of position", CLI_COL_COUNT},
    {"extra_start_times", "start times beyond the first", CLI_COL_COUNT},
    {"seconds", NULL, CLI_COL_SECONDS},
    {"iterations", NULL, CLI_COL_COUNT},
    {"bound_steps", "bound steps", CLI_COL_COUNT},
};

CliTable *
cli_roster_summary_table(const RpRosterResult *r)
{
    const RpObjective *ob = &r->objective;
    CliTable *t = cli_table_new(summary_columns, G_N_ELEMENTS(summary_columns));
    cli_table_row(t);
    cli_table_text(t, 0, rp_roster_status_name(r->status));
    double v[] = {ob->total,
                  isfinite(r->bound) ? r->bound : NAN,
                  isfinite(r->gap) ? r->gap : NAN,
                  ob->short_hours,
                  ob->over_hours,
                  ob->pay,
                  ob->understaffing,
                  ob->overstaffing,
                  ob->preferences,
                  ob->unfairness,
                  ob->positions,
                  (double)ob->changes,
                  (double)ob->extra_starts,
                  r->seconds,
                  (double)r->iterations,
                  (double)r->bound_steps};
    for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
        cli_table_number(t, 1 + k, v[k]);
    return t;
}

static gboolean
write_table(CliOutputs *set, const char *path, CliTable *table,
            CliFormat format, GError **error)
{
    g_autoptr(CliTable) t = table;
    g_autoptr(GString) out = g_string_new(NULL);
    cli_table_render(t, format, out);
    return cli_write(set, path, out, error);
}

gboolean
cli_roster_write(CliOutputs *set, const CliRosterFiles *f,
                 const RpRosterInput *in, const RpRosterResult *r,
                 GError **error)
{
    const RpRoster *ro = r->roster;
    return (!f->xlsx || cli_roster_xlsx(set, f->xlsx, in, ro, error)) &&
           (!f->rota ||
            write_text(set, f->rota, rp_roster_rota_csv(in, ro), error)) &&
           (!f->activities ||
            write_text(set, f->activities, rp_roster_activities_csv(in, ro),
                       error)) &&
           (!f->coverage ||
            write_text(set, f->coverage, rp_roster_coverage_csv(in, ro),
                       error)) &&
           (!f->hours ||
            write_table(set, f->hours, cli_roster_hours_table(in, ro),
                        CLI_FORMAT_CSV, error)) &&
           (!f->ics || write_ics(set, f->ics, in, ro, error)) &&
           (!f->summary ||
            write_table(set, f->summary, cli_roster_summary_table(r),
                        CLI_FORMAT_CSV, error));
}

static const char *const status_text[] = {
    [RP_ROSTER_OPTIMAL] = "optimal (within the gap tolerance of the bound)",
    [RP_ROSTER_FEASIBLE] = "feasible (iteration budget used)",
    [RP_ROSTER_TIME_LIMIT] = "feasible (the time limit cut the solve short)",
};

/* The summary on standard output: for a person, the figures and hours per
 * officer; as csv or json, the figures. */
static gboolean
show_summary(CliOutputs *set, const RpRosterInput *in, const RpRosterResult *r,
             int corrections, CliFormat format, GError **error)
{
    if (format != CLI_FORMAT_TABLE)
        return write_table(set, "-", cli_roster_summary_table(r), format,
                           error);
    g_autoptr(GString) out = g_string_new(NULL);
    const RpObjective *ob = &r->objective;
    const char *cur = in->centre->costs.currency;
    g_string_append_printf(
        out,
        "%s\nrota: %u shifts, %s\n"
        "objective %12.2f %s  (understaffing %.2f + pay %.2f + "
        "overstaffing %.2f\n"
        "                           + preferences %.2f + unfairness %.2f"
        " + positions %.2f)\n",
        in->centre->name, r->roster->shifts->len, status_text[r->status],
        ob->total, cur, ob->understaffing, ob->pay, ob->overstaffing,
        ob->preferences, ob->unfairness, ob->positions);
    if (isfinite(r->bound))
        g_string_append_printf(out, "bound     %12.2f %s  gap %.2f%%\n",
                               r->bound, cur, 100.0 * r->gap);
    if (corrections > 0)
        g_string_append_printf(out,
                               "the phone lines' requirement corrected by %d "
                               "round%s of simulation (--corrections)\n",
                               corrections, corrections == 1 ? "" : "s");
    g_string_append_printf(out,
                           "understaffed %.2f officer-hours, overstaffed "
                           "%.2f; %.1f s, %zu iterations, %zu bound "
                           "steps\n\nHours per officer:\n",
                           ob->short_hours, ob->over_hours, r->seconds,
                           r->iterations, r->bound_steps);
    g_autoptr(CliTable) hours = cli_roster_hours_table(in, r->roster);
    cli_table_render(hours, CLI_FORMAT_TABLE, out);
    return cli_write(set, "-", out, error);
}

static gboolean
run(const Options *o, GError **error)
{
    if (!o->config || !o->officers || !o->requirements) {
        cli_usage(error, "--config, --officers and --requirements are "
                         "required");
        return FALSE;
    }
    const char *const outputs[] = {o->output, o->activities, o->coverage,
                                   o->hours,  o->summary,    o->xlsx,
                                   o->mps};
    if (!cli_outputs_distinct(outputs, G_N_ELEMENTS(outputs), error))
        return FALSE;
    if (!cli_check_corrections(o->corrections, error))
        return FALSE;
    RpRosterParams params;
    CliFormat format;
    if (!cli_roster_params(&params, o->time_limit, o->seed, o->iterations,
                           o->no_bound, error) ||
        !cli_format_parse(o->format, "-", &format, error))
        return FALSE;
    g_autoptr(RpCentre) centre = rp_centre_load(o->config, error);
    if (centre == NULL)
        return FALSE;
    g_autoptr(RpRosterInput) in = rp_roster_input_new(centre);
    CliRosterFiles files = {.officers = o->officers,
                            .requirements = o->requirements,
                            .availability = o->availability,
                            .preferences = o->preferences,
                            .previous = o->previous,
                            .rota = o->output,
                            .activities = o->activities,
                            .coverage = o->coverage,
                            .hours = o->hours,
                            .ics = o->ics,
                            .summary = o->summary,
                            .xlsx = o->xlsx};
    if (!cli_roster_read(in, &files, error))
        return FALSE;
    g_autoptr(CliOutputs) set = cli_outputs_new();
    const char *mps = o->mps ? cli_outputs_file(set, o->mps, error) : NULL;
    if (o->mps && (mps == NULL || !rp_roster_write_mps(in, mps, error)))
        return FALSE;
    /* a pooled requirement assumes every officer takes every line: the
     * simulation corrects it where the skills are thinner */
    int corrections = o->corrections != CLI_DEFAULT_CORRECTIONS ? o->corrections
                      : in->req->pooled ? CLI_POOLED_CORRECTIONS
                                        : 0;
    g_autoptr(RpVolumes) contacts = NULL;
    if (corrections > 0) {
        RpVolumesParams vp;
        rp_volumes_params_init(&vp);
        contacts = rp_volumes_read(o->requirements, centre, &vp, error);
        if (contacts == NULL)
            return FALSE;
    }
    g_auto(RpRosterResult) result = {0};
    gboolean ok = corrections == 0
                      ? rp_roster_solve(in, &params, &result, error)
                      : cli_roster_correct(in, contacts, &params, corrections,
                                           &result, error);
    cli_progress_end();
    if (!ok)
        return FALSE;
    cli_roster_warn(&result);
    if (!rp_roster_check(in, result.roster, error)) {
        g_prefix_error(error, "internal error, no rota written: ");
        return FALSE;
    }
    return cli_roster_write(set, &files, in, &result, error) &&
           (cli_is_stdout(o->output) && o->output
                ? TRUE
                : show_summary(set, in, &result, corrections, format, error)) &&
           cli_outputs_commit(set, error);
}

int
cmd_roster(int argc, char **argv)
{
    g_auto(Options) o = {.seed = 1,
                         .iterations = G_MININT64,
                         .corrections = CLI_DEFAULT_CORRECTIONS};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration, with its shift rules (required)", "FILE"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers CSV (required)", "FILE"},
        {"requirements", 'r', 0, G_OPTION_ARG_FILENAME, &o.requirements,
         "officers needed per queue and interval, from rotaplan staff "
         "(required)",
         "FILE"},
        {"availability", 'a', 0, G_OPTION_ARG_FILENAME, &o.availability,
         "leave, training and fixed commitments CSV", "FILE"},
        {"preferences", 'p', 0, G_OPTION_ARG_FILENAME, &o.preferences,
         "preferred days off and shifts CSV", "FILE"},
        {"previous", 0, 0, G_OPTION_ARG_FILENAME, &o.previous,
         "last week's rota, for rest and days in a row across the weekend",
         "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the rota CSV here (- for standard output)", "FILE"},
        {"activities", 0, 0, G_OPTION_ARG_FILENAME, &o.activities,
         "write what each officer does in each interval here", "FILE"},
        {"coverage", 0, 0, G_OPTION_ARG_FILENAME, &o.coverage,
         "write required versus scheduled per queue and interval here", "FILE"},
        {"hours", 0, 0, G_OPTION_ARG_FILENAME, &o.hours,
         "write hours per officer against contract here", "FILE"},
        {"ics", 0, 0, G_OPTION_ARG_FILENAME, &o.ics,
         "write one iCalendar file per officer into this directory", "DIR"},
        {"summary", 0, 0, G_OPTION_ARG_FILENAME, &o.summary,
         "write objective, bound, gap, cost... as CSV here", "FILE"},
        {"xlsx", 0, 0, G_OPTION_ARG_FILENAME, &o.xlsx,
         "write the rota as a spreadsheet workbook here (a sheet per site, "
         "activities, coverage, hours)",
         "FILE.xlsx"},
        {"export-mps", 0, 0, G_OPTION_ARG_FILENAME, &o.mps,
         "write the roster problem as a MIP in free MPS format here", "FILE"},
        {"time-limit", 't', 0, G_OPTION_ARG_STRING, &o.time_limit,
         "a cap on the solver's time (default 10m); the summary says when "
         "it cut the solve short",
         "DURATION"},
        {"iterations", 0, 0, G_OPTION_ARG_INT64, &o.iterations,
         "search iterations (default 30000): the rota depends only on these, "
         "the seed and the inputs, on any machine; 0 searches until the "
         "time limit instead (not repeatable)",
         "N"},
        {"seed", 's', 0, G_OPTION_ARG_INT64, &o.seed,
         "seed of the search (default 1)", "N"},
        {"no-bound", 0, 0, G_OPTION_ARG_NONE, &o.no_bound,
         "skip the lower bound (no gap is reported)", NULL},
        {"corrections", 0, 0, G_OPTION_ARG_INT, &o.corrections,
         "rounds of simulate, raise the phone line-intervals that miss, "
         "roster again (default 8 where the requirements pool the phones, "
         "0 where each line was sized alone; the best round's requirement "
         "is kept)",
         "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "summary as table, csv or json (default: table on a terminal)",
         "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- the weekly rota: who works when, where, on "
                             "what");
    g_option_context_set_summary(
        ctx,
        "Plans the week of the requirements: a shift or a day off for each "
        "officer and day, and\nthe queue each officer works in each "
        "interval, keeping every working-time, contract,\navailability, "
        "skill and opening-hours rule, at the least cost (docs/roster.md).\n"
        "Example:\n"
        "  rotaplan roster --config data/centre.ini --officers "
        "data/officers.csv \\\n"
        "      --requirements req.csv -o rota.csv --coverage cover.csv");
    g_option_context_set_description(
        ctx, "The summary (objective, lower bound and gap, hours per "
             "officer) goes to standard\noutput.  Requirements no rota can "
             "meet are reported as warnings on standard error.\nFiles and "
             "the objective: docs/roster.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
