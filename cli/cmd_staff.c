/* cli/cmd_staff.c - `rotaplan staff`: volumes -> officers per queue and
 * interval, and a summary of officer-hours and FTE per queue and day. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/plan.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/shrinkage.h"
#include "common/units.h"
#include "models/requirements.h"

typedef struct {
    char *config, *volumes, *output, *summary, *quantile, *format, *model;
    char *officers;
    gboolean fractional;
} Options;

static void
options_clear(Options *o)
{
    g_free(o->config);
    g_free(o->volumes);
    g_free(o->output);
    g_free(o->summary);
    g_free(o->quantile);
    g_free(o->format);
    g_free(o->model);
    g_free(o->officers);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/* Which constraint set a row: a phone line's share of the pool, the set
 * of lines (ids joined by +) whose check raised it, a queue on its own,
 * or deferred work's level plan. */
static char *
sized_as(const RpCentre *c, const RpRequirements *r, const RpRequirement *x)
{
    const RpQueue *q = rp_centre_queue(c, x->queue);
    if (rp_channel_is_deferred(q->channel))
        return g_strdup("backlog");
    if (q->channel != RP_CHANNEL_PHONE || !r->pooled || !x->open)
        return g_strdup("queue");
    if (x->sized_set == 0)
        return g_strdup("pool");
    if (x->sized_set == (G_GUINT64_CONSTANT(1) << x->queue))
        return g_strdup("alone");
    GString *ids = g_string_new("set:");
    for (guint k = 0; k < 64 && k < c->queues->len; k++)
        if (x->sized_set & (G_GUINT64_CONSTANT(1) << k))
            g_string_append_printf(ids, "%s%s", ids->len > 4 ? "+" : "",
                                   rp_centre_queue(c, k)->id);
    return g_string_free(ids, FALSE);
}

gboolean
plan_apply_model(const RpCentre *centre, RpRequirements *req, CliModel model,
                 const GPtrArray *officers, gboolean fractional, GError **error)
{
    if (model == CLI_MODEL_POOLED)
        return rp_requirements_pool(centre, req, fractional, error);
    if (model != CLI_MODEL_SETS)
        return TRUE;
    if (officers == NULL) {
        cli_usage(error, "--model skill-sets needs --officers");
        return FALSE;
    }
    size_t nq = centre->queues->len;
    g_autofree double *skill = g_new0(double, officers->len *nq);
    for (guint o = 0; o < officers->len; o++) {
        const RpOfficer *x = g_ptr_array_index(officers, o);
        memcpy(&skill[o * nq], x->skill, nq * sizeof(double));
    }
    RpPoolSkills skills = {officers->len, nq, skill};
    return rp_requirements_pool_sets(centre, req, &skills, fractional, error);
}

/* The requirements file: one row per queue per interval, written as it
 * is made (a year of intervals is tens of megabytes). */
gboolean
plan_write_requirements(CliOutputs *set, const RpCentre *c,
                        const RpRequirements *r, const char *path,
                        GError **error)
{
    CliOut *file = cli_out_open(set, path, error);
    if (file == NULL)
        return FALSE;
    GString *out = cli_out_text(file);
    static const char *const header[] = {
        "interval_start", "queue",   "channel",   "site",      "open",
        "contacts",       "aht_s",   "traffic",   "required",  "scheduled",
        "service_level",  "asa_s",   "p_abandon", "occupancy", "weight",
        "weights",        "sized_as"};
    rp_csv_append_row(out, header, G_N_ELEMENTS(header));
    for (guint i = 0; i < r->rows->len; i++) {
        const RpRequirement *x = &g_array_index(r->rows, RpRequirement, i);
        const RpQueue *q = rp_centre_queue(c, x->queue);
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock, x->start, when, sizeof when);
        rp_csv_append_field(out, when, TRUE);
        rp_csv_append_field(out, q->id, FALSE);
        rp_csv_append_field(out, rp_channel_name(q->channel), FALSE);
        rp_csv_append_field(
            out, q->site >= 0 ? rp_centre_site(c, (size_t)q->site)->id : "",
            FALSE);
        rp_csv_append_field(out, x->open ? "1" : "0", FALSE);
        double values[] = {x->contacts,          x->aht_s,
                           x->traffic,           x->required,
                           x->scheduled,         x->metrics.service_level,
                           x->metrics.asa_s,     x->metrics.p_abandon,
                           x->metrics.occupancy, x->weight};
        for (size_t k = 0; k < G_N_ELEMENTS(values); k++)
            rp_csv_append_number(out, values[k], FALSE);
        g_string_append_c(out, ',');
        for (int k = 0; k < x->n_weights; k++) {
            if (k > 0)
                g_string_append_c(out, ';');
            rp_csv_append_number(out, x->weights[k], TRUE);
        }
        g_autofree char *how = sized_as(c, r, x);
        rp_csv_append_field(out, how, FALSE);
        g_string_append_c(out, '\n');
        if (out->len > (1 << 20) && !cli_out_flush(file, error))
            return FALSE;
    }
    return TRUE;
}

static const CliColumn summary_columns[] = {
    {"date", NULL, CLI_COL_TEXT},
    {"queue", NULL, CLI_COL_TEXT},
    {"contacts", NULL, CLI_COL_COUNT},
    {"closed_contacts", "while closed", CLI_COL_COUNT},
    {"officer_hours", "officer-hours", CLI_COL_NUMBER},
    {"scheduled_hours", "scheduled hours", CLI_COL_NUMBER},
    {"fte", "FTE", CLI_COL_NUMBER},
};

static void
summary_row(CliTable *t, const RpCentre *c, const RpStaffTotal *x)
{
    char date[32] = "all";
    static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu",
                                     "Fri", "Sat", "Sun"};
    if (x->day != G_MAXINT64) {
        rp_format_date(x->day, date, sizeof date);
        g_strlcat(date, " ", sizeof date);
        g_strlcat(date, wd[rp_weekday(x->day)], sizeof date);
    }
    cli_table_row(t);
    cli_table_text(t, 0, date);
    cli_table_text(
        t, 1, x->queue >= 0 ? rp_centre_queue(c, (size_t)x->queue)->id : "all");
    double v[] = {x->contacts, x->closed_contacts, x->officer_hours,
                  x->scheduled_hours, x->fte};
    for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
        cli_table_number(t, 2 + k, v[k]);
}

/* Every (day, queue) total in csv/json; for a person, the totals per
 * queue and then per day. */
static void
render_summary(const RpCentre *c, const GArray *totals, CliModel model,
               CliFormat format, GString *out)
{
    g_autoptr(CliTable) all =
        cli_table_new(summary_columns, G_N_ELEMENTS(summary_columns));
    g_autoptr(CliTable) by_queue =
        cli_table_new(summary_columns, G_N_ELEMENTS(summary_columns));
    g_autoptr(CliTable) by_day =
        cli_table_new(summary_columns, G_N_ELEMENTS(summary_columns));
    for (guint i = 0; i < totals->len; i++) {
        const RpStaffTotal *x = &g_array_index(totals, RpStaffTotal, i);
        summary_row(all, c, x);
        if (x->day == G_MAXINT64)
            summary_row(by_queue, c, x);
        else if (x->queue < 0)
            summary_row(by_day, c, x);
    }
    if (format != CLI_FORMAT_TABLE) {
        cli_table_render(all, format, out);
        return;
    }
    g_string_append_printf(
        out,
        "%s\nshrinkage %.1f%%%s; FTE = %g paid hours "
        "a week; phone lines sized %s\n\nBy queue, whole "
        "period:\n",
        c->name, 100.0 * c->shrinkage.total,
        rp_centre_shrinkage_varies(c) ? " all year, more at the times of the "
                                        "[shrinkage:NAME] groups"
                                      : "",
        c->fte_hours,
        model == CLI_MODEL_POOLED ? "as one pool"
        : model == CLI_MODEL_SETS
            ? "as one pool, checked for every set of lines against the "
              "officers who hold them (sized_as in the requirements file)"
            : "each on its own");
    cli_table_render(by_queue, format, out);
    g_string_append(out, "\nBy day, all queues:\n");
    cli_table_render(by_day, format, out);
}

static void
warn_about(const RpCentre *c, const RpVolumes *v, const RpRequirements *r)
{
    for (size_t q = 0; q < r->n_queues; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        if (v->rows[q]->len == 0)
            cli_warn("queue %s has no volumes: nothing planned for it",
                     queue->id);
        if (r->closed_contacts[q] > 0.0 &&
            !rp_channel_is_deferred(queue->channel))
            cli_warn("queue %s: %g contacts arrive while it is closed "
                     "(not staffed; see the summary)",
                     queue->id, r->closed_contacts[q]);
    }
}

static gboolean
run(const Options *o, GError **error)
{
    CliFormat format;
    if (o->config == NULL || o->volumes == NULL) {
        cli_usage(error, "--config and --volumes are required");
        return FALSE;
    }
    const char *const outputs[] = {o->output, o->summary};
    if (!cli_outputs_distinct(outputs, G_N_ELEMENTS(outputs), error))
        return FALSE;
    const char *summary_to = cli_is_stdout(o->output) && o->output
                                 ? o->summary
                                 : (o->summary ? o->summary : "-");
    if (!cli_format_parse(o->format, summary_to, &format, error))
        return FALSE;
    g_autoptr(RpCentre) centre = rp_centre_load(o->config, error);
    if (centre == NULL)
        return FALSE;
    CliModel model;
    if (!cli_model_parse(o->model, centre, &model, error))
        return FALSE;
    g_autoptr(RpRosterInput) staff = NULL;
    if (o->officers) {
        staff = rp_roster_input_new(centre);
        if (!rp_roster_input_read_officers(staff, o->officers, error))
            return FALSE;
    }
    RpVolumesParams params;
    rp_volumes_params_init(&params);
    if (o->quantile)
        params.contacts_column = o->quantile;
    g_autoptr(RpVolumes) volumes =
        rp_volumes_read(o->volumes, centre, &params, error);
    if (volumes == NULL)
        return FALSE;
    g_autoptr(RpRequirements) req =
        rp_requirements_compute(centre, volumes, o->fractional, error);
    if (req == NULL ||
        !plan_apply_model(centre, req, model, staff ? staff->officers : NULL,
                          o->fractional, error))
        return FALSE;
    warn_about(centre, volumes, req);

    g_autoptr(CliOutputs) set = cli_outputs_new();
    if (o->output &&
        !plan_write_requirements(set, centre, req, o->output, error))
        return FALSE;
    if (summary_to != NULL) {
        g_autoptr(GArray) totals = rp_requirements_totals(centre, req);
        g_autoptr(GString) text = g_string_new(NULL);
        render_summary(centre, totals, model,
                       o->summary ? CLI_FORMAT_CSV : format, text);
        if (!cli_write(set, summary_to, text, error))
            return FALSE;
    }
    return cli_outputs_commit(set, error);
}

int
cmd_staff(int argc, char **argv)
{
    g_auto(Options) o = {0};
    GOptionEntry entries[] = {
        {"config", 'c', 0, G_OPTION_ARG_FILENAME, &o.config,
         "the centre configuration (required)", "FILE"},
        {"volumes", 'v', 0, G_OPTION_ARG_FILENAME, &o.volumes,
         "contacts per queue and interval, e.g. a forecast (required)", "FILE"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
         "write the requirements CSV here (- for standard output)", "FILE"},
        {"summary", 0, 0, G_OPTION_ARG_FILENAME, &o.summary,
         "write the summary as CSV here instead of showing it", "FILE"},
        {"quantile", 'q', 0, G_OPTION_ARG_STRING, &o.quantile,
         "plan to this forecast column instead of contacts, e.g. p80",
         "COLUMN"},
        {"model", 'm', 0, G_OPTION_ARG_STRING, &o.model,
         "pooled (the lines open in each interval as one pool; the default "
         "where calls are routed by skill), per-line (each phone line on its "
         "own; the default otherwise) or skill-sets (the pool checked for "
         "every set of lines against who holds them; needs --officers)",
         "MODEL"},
        {"officers", 0, 0, G_OPTION_ARG_FILENAME, &o.officers,
         "the officers and their skills, for --model skill-sets", "FILE"},
        {"fractional", 0, 0, G_OPTION_ARG_NONE, &o.fractional,
         "fractional officers for phones and desks", NULL},
        {"format", 0, 0, G_OPTION_ARG_STRING, &o.format,
         "summary as table, csv or json (default: table on a terminal)",
         "FORMAT"},
        G_OPTION_ENTRY_NULL};
    g_autoptr(GOptionContext) ctx =
        g_option_context_new("- officers needed per queue and interval");
    g_option_context_set_summary(
        ctx,
        "Turns contacts per queue and interval into officers needed: Erlang "
        "C or A for phone lines\nand reception desks, a backlog plan for "
        "email, web forms, post and voicemail.\nExample:\n"
        "  rotaplan staff --config data/centre.ini --volumes "
        "data/volumes-week.csv -o req.csv");
    g_option_context_set_description(
        ctx, "The summary (officer-hours and FTE per queue and per day) goes "
             "to standard output,\nor to --summary FILE.  With -o - the "
             "requirements go to standard output and the\nsummary only to "
             "--summary.  Formats: docs/files.md; models: docs/models.md.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *error = NULL;
    if (!cli_parse(ctx, &argc, &argv, &error) || !run(&o, &error))
        return cli_fail(error);
    return CLI_EXIT_OK;
}
