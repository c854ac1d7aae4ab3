/* cli/plan_sim.c - the plan's simulated service: files and the report's
 * grid of each line, desk and deferred queue by day against its standard,
 * with the Erlang figure beside it where the two disagree by more than
 * the simulation's confidence interval. */
#include <math.h>
#include <string.h>

#include "cli/plan.h"
#include "cli/simulation.h"
#include "common/units.h"

gboolean
plan_write_simulation(const char *dir, const RpCentre *centre,
                      const RpSimResult *sim, GError **error)
{
    static const struct {
        RpSimPeriod by;
        const char *name;
    } files[] = {{RP_SIM_BY_DAY, "simulation-days.csv"},
                 {RP_SIM_BY_INTERVAL, "simulation-intervals.csv"}};
    for (size_t k = 0; k < G_N_ELEMENTS(files); k++) {
        g_autoptr(GArray) rows = rp_sim_summarise(centre, sim, files[k].by);
        g_autoptr(GString) text = g_string_new(NULL);
        cli_sim_render(centre, rows, files[k].by, CLI_FORMAT_CSV, text);
        g_autofree char *path = g_build_filename(dir, files[k].name, NULL);
        if (!cli_write(path, text, error))
            return FALSE;
    }
    return TRUE;
}

size_t
plan_sim_days_met(const GArray *sim_days, size_t *n_days)
{
    size_t met = 0;
    for (guint k = 0; k < sim_days->len; k++)
        met += g_array_index(sim_days, RpSimRow, k).meets ? 1 : 0;
    *n_days = sim_days->len;
    return met;
}

static const RpEvalDay *
erlang_day(const RpEvaluation *eval, guint queue, gint64 day)
{
    for (guint k = 0; k < eval->days->len; k++) {
        const RpEvalDay *d = &g_array_index(eval->days, RpEvalDay, k);
        if (d->queue == queue && d->day == day)
            return d;
    }
    return NULL;
}

/* One cell: the simulated figure and interval, and Erlang's where it lies
 * outside that interval. */
static void
cell(GString *html, const RpSimRow *r, const RpEvalDay *e)
{
    g_string_append_printf(html, "<td class=\"num%s\">",
                           r->meets ? "" : " miss");
    if (isnan(r->service_level)) {
        g_string_append(html, "&ndash;</td>");
        return;
    }
    g_string_append_printf(html, "%.1f%%", 100.0 * r->service_level);
    if (!isnan(r->service_level_lo))
        g_string_append_printf(html, "<br><small>(%.1f&ndash;%.1f)</small>",
                               100.0 * r->service_level_lo,
                               100.0 * r->service_level_hi);
    if (e != NULL && !isnan(e->service_level) &&
        !(e->service_level >= r->service_level_lo &&
          e->service_level <= r->service_level_hi))
        g_string_append_printf(html, "<br><small>Erlang %.1f%%</small>",
                               100.0 * e->service_level);
    g_string_append(html, "</td>");
}

void
plan_report_simulation(CliReport *report, const RpCentre *centre,
                       const RpEvaluation *eval, const GArray *sim_days,
                       gint64 monday, size_t replications)
{
    g_autofree char *intro = g_strdup_printf(
        "The rota simulated contact by contact, %zu times over: callers and "
        "visitors arrive at random at the forecast rate, the call "
        "distributor gives each to the free officer logged into its queue "
        "who has waited longest, callers hang up when their patience runs "
        "out, and deferred work waits in its backlog.  Each cell is the "
        "share answered within the standard's time (deferred work: done "
        "by its deadline), with its 95%% confidence interval; red where "
        "the standard (with its abandonment cap) is missed.  Where the "
        "Erlang figure of the week at a glance falls outside the interval it "
        "is shown beneath: the queueing formulas treat each queue alone "
        "and the officers as fixed, which the centre does not.",
        replications);
    cli_report_section(report, "Service simulated", intro);
    gboolean open[7] = {FALSE};
    for (guint k = 0; k < sim_days->len; k++) {
        gint64 d = rp_centre_local_day(
                       centre, g_array_index(sim_days, RpSimRow, k).start_utc) -
                   monday;
        if (d >= 0 && d < 7)
            open[d] = TRUE;
    }
    GString *html = g_string_new("<table>\n<tr><th>queue</th><th>target</th>");
    for (int d = 0; d < 7; d++)
        if (open[d])
            g_string_append_printf(html, "<th>%s</th>", plan_weekday_names[d]);
    g_string_append(html, "</tr>\n");
    for (guint q = 0; q < centre->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(centre, q);
        const RpSimRow *days[7] = {0};
        gboolean any = FALSE;
        for (guint k = 0; k < sim_days->len; k++) {
            const RpSimRow *r = &g_array_index(sim_days, RpSimRow, k);
            gint64 d = rp_centre_local_day(centre, r->start_utc) - monday;
            if (r->queue == q && d >= 0 && d < 7) {
                days[d] = r;
                any = TRUE;
            }
        }
        if (!any)
            continue;
        g_autofree char *name = g_markup_escape_text(queue->name, -1);
        g_string_append_printf(html,
                               "<tr><td>%s</td><td class=\"num\">%.0f%%"
                               "</td>",
                               name, 100.0 * cli_sim_target(queue));
        for (int d = 0; d < 7; d++) {
            if (!open[d])
                continue;
            if (days[d] == NULL)
                g_string_append(html, "<td></td>");
            else
                cell(html, days[d], erlang_day(eval, q, monday + d));
        }
        g_string_append(html, "</tr>\n");
    }
    g_string_append(html, "</table>\n");
    cli_report_html(report, html->str);
    g_string_free(html, TRUE);
}
