/* cli/cmd_erlang.c - `rotaplan erlang`: the calculator a manager reaches
 * for.  From calls per interval (or traffic), handling time and a
 * standard, the officers needed and the service they give; --agents
 * evaluates a given number, --table prints the rows around the answer like
 * a printed Erlang table. */
#include <math.h>
#include <stdio.h>

#include "cli/cli.h"
#include "common/error.h"
#include "common/units.h"
#include "models/staffing.h"

typedef struct {
    char *calls, *interval, *traffic, *aht, *patience;
    char *sl, *target, *asa, *abandon, *occupancy, *agents;
    gboolean table, fractional;
    char *output, *format;
} Options;

static void
options_clear(Options *o)
{
    char **all[] = {&o->calls,    &o->interval,  &o->traffic, &o->aht,
                    &o->patience, &o->sl,        &o->target,  &o->asa,
                    &o->abandon,  &o->occupancy, &o->agents,  &o->output,
                    &o->format};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        g_free(*all[i]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

typedef struct {
    RpQueueLoad load;
    RpStandard standard;
    double calls, interval_s; /* NAN when traffic was given */
    double agents;            /* --agents, or NAN */
} Problem;

/* Every figure of the calculator comes from its options, so a load the
 * models cannot compute or a standard no number of officers meets is a
 * usage error (exit 2), as an impossible standard is. */
static gboolean
options_at_fault(GError *local, GError **error)
{
    cli_usage(error, "%s", local->message);
    g_error_free(local);
    return FALSE;
}

static gboolean
number_opt(const char *name, const char *text, double min, double *out,
           GError **error)
{
    GError *local = NULL;
    if (!rp_parse_number(text, "a number", out, &local)) {
        cli_usage(error, "%s: %s", name, local->message);
        g_error_free(local);
        return FALSE;
    }
    if (!(*out >= min)) {
        cli_usage(error, "%s: %s is below %g", name, text, min);
        return FALSE;
    }
    return TRUE;
}

static gboolean
build_problem(const Options *o, Problem *p, GError **error)
{
    RpStandard *s = &p->standard;
    rp_standard_init(s);
    p->calls = p->interval_s = p->agents = NAN;
    p->load.patience_s = INFINITY;
    s->answer_within_s = 20.0;

    if (o->aht == NULL) {
        cli_usage(error, "--aht is required (mean handling time, e.g. 180s)");
        return FALSE;
    }
    if ((o->calls == NULL) == (o->traffic == NULL)) {
        cli_usage(error, "give either --calls (with --interval) or --traffic");
        return FALSE;
    }
    if (!cli_opt_duration("--aht", o->aht, &p->load.aht_s, error))
        return FALSE;
    if (!(p->load.aht_s > 0.0)) {
        cli_usage(error, "--aht must be above 0s");
        return FALSE;
    }
    if (o->calls) {
        p->interval_s = 1800.0;
        if (!number_opt("--calls", o->calls, 0.0, &p->calls, error) ||
            (o->interval && !cli_opt_duration("--interval", o->interval,
                                              &p->interval_s, error)))
            return FALSE;
        if (!(p->interval_s > 0.0)) {
            cli_usage(error, "--interval must be above 0s");
            return FALSE;
        }
        p->load.traffic = p->calls * p->load.aht_s / p->interval_s;
    } else if (!number_opt("--traffic", o->traffic, 0.0, &p->load.traffic,
                           error)) {
        return FALSE;
    }
    if (o->patience && !cli_opt_duration("--patience", o->patience,
                                         &p->load.patience_s, error))
        return FALSE;
    if (!(p->load.patience_s > 0.0)) {
        cli_usage(error, "--patience must be above 0s");
        return FALSE;
    }
    if ((o->sl &&
         !cli_opt_proportion("--sl", o->sl, &s->service_level, error)) ||
        (o->target && !cli_opt_duration("--target", o->target,
                                        &s->answer_within_s, error)) ||
        (o->asa && !cli_opt_duration("--asa", o->asa, &s->asa_max_s, error)) ||
        (o->abandon && !cli_opt_proportion("--abandon", o->abandon,
                                           &s->abandon_max, error)) ||
        (o->occupancy && !cli_opt_proportion("--occupancy", o->occupancy,
                                             &s->occupancy_max, error)) ||
        (o->agents &&
         !number_opt("--agents", o->agents, 0.0, &p->agents, error)))
        return FALSE;
    if (o->abandon && isinf(p->load.patience_s)) {
        cli_usage(error, "--abandon needs --patience (callers' mean "
                         "patience): without it nobody abandons");
        return FALSE;
    }
    if (isnan(s->service_level) && isnan(s->asa_max_s) && isnan(s->abandon_max))
        s->service_level = 0.8; /* the national minimum: 80% in 20 s */
    GError *local = NULL;
    if (!rp_standard_check(s, &local))
        return options_at_fault(local, error);
    return TRUE;
}

static const CliColumn columns[] = {
    {"agents", "officers", CLI_COL_COUNT},
    {"p_wait", "waits", CLI_COL_PERCENT},
    {"service_level", "service level", CLI_COL_PERCENT},
    {"asa_s", "ASA (s)", CLI_COL_SECONDS},
    {"occupancy", "occupancy", CLI_COL_PERCENT},
    {"p_abandon", "abandoned", CLI_COL_PERCENT},
    {"meets_standard", "meets", CLI_COL_TEXT},
};

static gboolean
add_row(CliTable *t, const Problem *p, double agents, GError **error)
{
    RpErlangMetrics m;
    GError *local = NULL;
    if (!rp_erlang_metrics(&p->load, agents, p->standard.answer_within_s, &m,
                           &local))
        return options_at_fault(local, error);
    double values[] = {agents,  m.p_wait,    m.service_level,
                       m.asa_s, m.occupancy, m.p_abandon};
    cli_table_row(t);
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++)
        cli_table_number(t, i, values[i]);
    cli_table_text(t, 6, rp_standard_met(&p->standard, &m) ? "yes" : "no");
    return TRUE;
}

static void
describe(const Problem *p, double answer, gboolean given, GString *out)
{
    const RpStandard *s = &p->standard;
    if (isnan(p->calls))
        g_string_append_printf(out, "Offered load: %.2f Erlangs (AHT %g s)\n",
                               p->load.traffic, p->load.aht_s);
    else
        g_string_append_printf(out,
                               "Offered load: %.2f Erlangs (%g contacts in "
                               "%g min, AHT %g s)\n",
                               p->load.traffic, p->calls, p->interval_s / 60.0,
                               p->load.aht_s);
    if (isinf(p->load.patience_s))
        g_string_append(out, "Model: Erlang C (nobody hangs up)\n");
    else
        g_string_append_printf(out, "Model: Erlang A (mean patience %g s)\n",
                               p->load.patience_s);
    g_string_append(out, "Standard:");
    if (!isnan(s->service_level))
        g_string_append_printf(out, " %g%% answered within %g s;",
                               100.0 * s->service_level, s->answer_within_s);
    if (!isnan(s->asa_max_s))
        g_string_append_printf(out, " ASA at most %g s;", s->asa_max_s);
    if (!isnan(s->abandon_max))
        g_string_append_printf(out, " at most %g%% abandoned;",
                               100.0 * s->abandon_max);
    if (!isnan(s->occupancy_max))
        g_string_append_printf(out, " occupancy at most %g%%;",
                               100.0 * s->occupancy_max);
    out->str[out->len - 1] = '\n';
    if (!given)
        g_string_append_printf(out, "Officers needed: %g\n\n", answer);
    else
        g_string_append(out, "\n");
}

static gboolean
run(const Options *o, GError **error)
{
    Problem p;
    CliFormat format;
    if (!build_problem(o, &p, error) ||
        !cli_format_parse(o->format, o->output, &format, error))
        return FALSE;
    double answer = p.agents;
    gboolean given = !isnan(p.agents);
    GError *local = NULL;
    if (!given && !rp_staffing_required(&p.load, &p.standard, NULL,
                                        o->fractional, &answer, &local))
        return options_at_fault(local, error);

    g_autoptr(CliTable) t = cli_table_new(columns, G_N_ELEMENTS(columns));
    if (o->table) {
        double first = fmax(0.0, floor(answer) - 4.0);
        for (double n = first; n <= floor(answer) + 5.0; n += 1.0) {
            if (o->fractional && !given && n > answer - 1.0 && n < answer &&
                !add_row(t, &p, answer, error))
                return FALSE;
            if (!add_row(t, &p, n, error))
                return FALSE;
        }
    } else if (!add_row(t, &p, answer, error)) {
        return FALSE;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    if (format == CLI_FORMAT_TABLE)
        describe(&p, answer, given, out);
    cli_table_render(t, format, out);
    g_autoptr(CliOutputs) set = cli_outputs_new();
    return cli_write(set, o->output, out, error) &&
           cli_outputs_commit(set, error);
}

int
cmd_erlang(int argc, char **argv)
{
    g_auto(Options) o = {0};
    GOptionEntry entries[] = {
        {"calls", 0, 0, G_OPTION_ARG_STRING, &o.calls,
         "contacts offered in one interval (may be fractional)", "N"},
        {"interval", 0, 0, G_OPTION_ARG_STRING, &o.interval,
         "interval length (default 30m)", "DURATION"},
        {"traffic", 0, 0, G_OPTION_ARG_STRING, &o.traffic,
         "offered load in Erlangs, instead of --calls", "ERLANGS"},
        {"aht", 0, 0, G_OPTION_ARG_STRING, &o.aht,
         "mean handling time (talk + hold + wrap-up), e.g. 180s", "DURATION"},
        {"patience", 0, 0, G_OPTION_ARG_STRING, &o.patience,
         "callers' mean patience: switches to Erlang A", "DURATION"},
        {"sl", 0, 0, G_OPTION_ARG_STRING, &o.sl,
         "service-level target, e.g. 80% (default when no other target)",
         "PROPORTION"},
        {"target", 0, 0, G_OPTION_ARG_STRING, &o.target,
         "answer time of the service level (default 20s)", "DURATION"},
        {"asa", 0, 0, G_OPTION_ARG_STRING, &o.asa,
         "highest average speed of answer", "DURATION"},
        {"abandon", 0, 0, G_OPTION_ARG_STRING, &o.abandon,
         "highest share of callers hanging up (needs --patience)",
         "PROPORTION"},
        {"occupancy", 0, 0, G_OPTION_ARG_STRING, &o.occupancy,
         "highest occupancy of officers, e.g. 85%", "PROPORTION"},
        {"agents", 0, 0, G_OPTION_ARG_STRING, &o.agents,
         "evaluate this many officers instead of searching", "N"},
        {"table", 0, 0, G_OPTION_ARG_NONE, &o.table,
         "a row per officer count around the answer", NULL},
        {"fractional", 0, 0, G_OPTION_ARG_NONE, &o.fractional,
         "fractional officers (continued Erlang formulas)", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the result here (- for standard output, the default)", "FILE"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "table, csv or json (default: table on a terminal, else csv)",
         "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx = g_option_context_new("- Erlang calculator");
    g_option_context_set_summary(
        ctx, "Officers needed for one queue to meet a standard, and the "
             "service level, average speed\nof answer (ASA), occupancy and "
             "abandonment they give.  Example:\n"
             "  rotaplan erlang --calls 100 --interval 30m --aht 180 "
             "--target 20s --sl 80%");
    g_option_context_set_description(
        ctx, "Durations: plain seconds or with a unit (20s, 30m, 1h).  "
             "Proportions: 0.8 or 80%.\nService level counts every offered "
             "contact: one that hangs up is not answered in time.\nSee "
             "docs/commands.md and docs/models.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
