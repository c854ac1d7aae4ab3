/* cli/plan_report.c - evaluation files and report sections of a plan.
 *
 * Charts use the local clock of the centre: a day's intervals are placed
 * by their local time, so the 25-hour autumn day shows its repeated hour
 * twice rather than shifting the afternoon. */
#include <math.h>
#include <string.h>

#include "cli/plan.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/plot.h"
#include "common/units.h"

/* ---- evaluation files ------------------------------------------------- */

/* The simulated row of queue q starting at `start` (an interval start or
 * a day's first instant) in `rows`, sorted by queue then time, or NULL. */
static const RpSimRow *
sim_row(const GArray *rows, guint q, gint64 start)
{
    guint lo = 0, hi = rows->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const RpSimRow *r = &g_array_index(rows, RpSimRow, mid);
        if (r->queue < q || (r->queue == q && r->end_utc <= start))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < rows->len) {
        const RpSimRow *r = &g_array_index(rows, RpSimRow, lo);
        if (r->queue == q && r->start_utc <= start && start < r->end_utc)
            return r;
    }
    return NULL;
}

/* The simulated service level, its interval, abandonment and verdict. */
static void
append_sim(GString *out, const RpSimRow *r)
{
    double v[] = {NAN, NAN, NAN, NAN};
    if (r != NULL) {
        v[0] = r->service_level;
        v[1] = r->service_level_lo;
        v[2] = r->service_level_hi;
        v[3] = r->p_abandon;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
        rp_csv_append_number(out, v[k], FALSE);
    rp_csv_append_field(out, r == NULL ? "" : r->meets ? "1" : "0", FALSE);
}

static gboolean
write_intervals(CliOutputs *set, const char *dir, const RpCentre *c,
                const RpRequirements *req, const RpEvaluation *e,
                const GArray *sim, GError **error)
{
    g_autofree char *path =
        g_build_filename(dir, "evaluation-intervals.csv", NULL);
    CliOut *f = cli_out_open(set, path, error);
    if (f == NULL)
        return FALSE;
    GString *out = cli_out_text(f);
    g_string_append(out, "interval_start,queue,open,contacts,required,"
                         "staffed,service_level,asa_s,p_abandon,occupancy,"
                         "meets,simulated_service_level,simulated_lo,"
                         "simulated_hi,simulated_p_abandon,simulated_meets\n");
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        const RpEvalInterval *x =
            &g_array_index(e->intervals, RpEvalInterval, i);
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock, r->start, when, sizeof when);
        rp_csv_append_field(out, when, TRUE);
        rp_csv_append_field(out, rp_centre_queue(c, r->queue)->id, FALSE);
        rp_csv_append_field(out, r->open ? "1" : "0", FALSE);
        double v[] = {r->contacts,         r->required,
                      x->staffed,          x->metrics.service_level,
                      x->metrics.asa_s,    x->metrics.p_abandon,
                      x->metrics.occupancy};
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            rp_csv_append_number(out, v[k], FALSE);
        rp_csv_append_field(out, x->meets ? "1" : "0", FALSE);
        append_sim(out, sim_row(sim, r->queue, r->start));
        g_string_append_c(out, '\n');
        if (out->len > (1 << 20) && !cli_out_flush(f, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean
write_days(CliOutputs *set, const char *dir, const RpCentre *c,
           const RpEvaluation *e, const GArray *sim, GError **error)
{
    g_autoptr(GString) out =
        g_string_new("date,queue,channel,contacts,required_hours,officer_hours,"
                     "service_level,target,asa_s,p_abandon,backlog_hours,"
                     "planned_backlog_hours,due_items,late_items,meets,"
                     "simulated_service_level,simulated_lo,simulated_hi,"
                     "simulated_p_abandon,simulated_meets\n");
    for (guint i = 0; i < e->days->len; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        const RpQueue *q = rp_centre_queue(c, d->queue);
        char date[16];
        rp_format_date(d->day, date, sizeof date);
        rp_csv_append_field(out, date, TRUE);
        rp_csv_append_field(out, q->id, FALSE);
        rp_csv_append_field(out, rp_channel_name(q->channel), FALSE);
        double target = rp_channel_is_deferred(q->channel)
                            ? 1.0
                            : q->standard.service_level;
        double v[] = {d->contacts,
                      d->required_hours,
                      d->officer_hours,
                      d->service_level,
                      target,
                      d->asa_s,
                      d->p_abandon,
                      d->backlog_hours,
                      d->planned_backlog_hours,
                      d->due_items,
                      d->late_items};
        for (size_t k = 0; k < G_N_ELEMENTS(v); k++)
            rp_csv_append_number(out, v[k], FALSE);
        rp_csv_append_field(out, d->meets ? "1" : "0", FALSE);
        append_sim(out,
                   sim_row(sim, d->queue, rp_local_midnight(c->clock, d->day)));
        g_string_append_c(out, '\n');
    }
    g_autofree char *path = g_build_filename(dir, "evaluation-days.csv", NULL);
    return cli_write(set, path, out, error);
}

/* Shortfall against the standard: negative when short, whichever way the
 * target runs. */
static double
miss_gap(const RpEvalMiss *m)
{
    gboolean at_most =
        strcmp(m->what, "asa") == 0 || strcmp(m->what, "abandon") == 0 ||
        strcmp(m->what, "occupancy") == 0 || strcmp(m->what, "backlog") == 0;
    return at_most ? m->target - m->achieved : m->achieved - m->target;
}

static gboolean
write_misses(CliOutputs *set, const char *dir, const RpCentre *c,
             const RpEvaluation *e, GError **error)
{
    g_autoptr(GString) out =
        g_string_new("date,interval_start,queue,measure,achieved,target,gap\n");
    for (guint i = 0; i < e->misses->len; i++) {
        const RpEvalMiss *m = &g_array_index(e->misses, RpEvalMiss, i);
        char date[16], when[RP_CLOCK_BUF] = "";
        rp_format_date(m->day, date, sizeof date);
        if (m->start != G_MININT64)
            rp_clock_format(c->clock, m->start, when, sizeof when);
        rp_csv_append_field(out, date, TRUE);
        rp_csv_append_field(out, when, FALSE);
        rp_csv_append_field(out, rp_centre_queue(c, m->queue)->id, FALSE);
        rp_csv_append_field(out, m->what, FALSE);
        rp_csv_append_number(out, m->achieved, FALSE);
        rp_csv_append_number(out, m->target, FALSE);
        rp_csv_append_number(out, miss_gap(m), FALSE);
        g_string_append_c(out, '\n');
    }
    g_autofree char *path = g_build_filename(dir, "misses.csv", NULL);
    return cli_write(set, path, out, error);
}

/* backlog.csv: what --backlog reads next week. */
static gboolean
write_backlog(CliOutputs *set, const char *dir, const RpCentre *c,
              const RpEvaluation *e, GError **error)
{
    g_autoptr(GString) out = g_string_new("queue,date,items,hours\n");
    for (guint i = 0; i < e->backlog->len; i++) {
        const RpBacklogItem *b = &g_array_index(e->backlog, RpBacklogItem, i);
        char date[16];
        rp_format_date(b->day, date, sizeof date);
        rp_csv_append_field(out, rp_centre_queue(c, b->queue)->id, TRUE);
        rp_csv_append_field(out, date, FALSE);
        rp_csv_append_number(out, b->items, FALSE);
        rp_csv_append_number(out, b->hours, FALSE);
        g_string_append_c(out, '\n');
    }
    g_autofree char *path = g_build_filename(dir, "backlog.csv", NULL);
    return cli_write(set, path, out, error);
}

gboolean
plan_write_evaluation(CliOutputs *set, const char *dir, const RpCentre *centre,
                      const RpRequirements *req, const RpEvaluation *eval,
                      const RpSimResult *sim, GError **error)
{
    g_autoptr(GArray) by_interval =
        rp_sim_summarise(centre, sim, RP_SIM_BY_INTERVAL);
    g_autoptr(GArray) by_day = rp_sim_summarise(centre, sim, RP_SIM_BY_DAY);
    return write_intervals(set, dir, centre, req, eval, by_interval, error) &&
           write_days(set, dir, centre, eval, by_day, error) &&
           write_misses(set, dir, centre, eval, error) &&
           write_backlog(set, dir, centre, eval, error);
}

/* ---- the axis of opening hours ---------------------------------------- */

/* The days a channel group is open and the span of local time that
 * covers its opening hours: charts put each open day side by side, from
 * the first opening to the last closing, and leave out the rest. */
typedef struct {
    size_t n_days;
    gint64 day[7]; /* local day numbers, ascending */
    int from_min;  /* local minutes after midnight */
    int to_min;
} OpenAxis;

static int
local_minute(const RpCentre *c, gint64 utc)
{
    gint64 day = rp_centre_local_day(c, utc);
    return (int)((rp_clock_local(c->clock, utc) - day * 86400) / 60);
}

/* From the open requirements rows of group `group` (-1: every queue). */
static void
open_axis(const RpCentre *c, const RpRequirements *req, int group, OpenAxis *a)
{
    memset(a, 0, sizeof *a);
    a->from_min = 1440;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        RpChannel ch = rp_centre_queue(c, r->queue)->channel;
        if (!r->open || (group >= 0 && plan_channel_group(ch) != group))
            continue;
        gint64 day = rp_centre_local_day(c, r->start);
        int m = local_minute(c, r->start);
        a->from_min = MIN(a->from_min, m);
        a->to_min = MAX(a->to_min, m + c->interval_min);
        size_t k = 0;
        while (k < a->n_days && a->day[k] < day)
            k++;
        if ((k < a->n_days && a->day[k] == day) || a->n_days == 7)
            continue;
        memmove(a->day + k + 1, a->day + k, (a->n_days - k) * sizeof a->day[0]);
        a->day[k] = day;
        a->n_days++;
    }
}

/* Place of local day `day`, minute `m` on the axis: the day's index plus
 * the fraction of the span; NAN when the day is not on it or the time
 * outside the span. */
static double
axis_x(const OpenAxis *a, gint64 day, int m)
{
    for (size_t k = 0; k < a->n_days; k++)
        if (a->day[k] == day && m >= a->from_min && m <= a->to_min)
            return (double)k + (double)(m - a->from_min) /
                                   (double)(a->to_min - a->from_min);
    return NAN;
}

static double
axis_x_utc(const RpCentre *c, const OpenAxis *a, gint64 utc)
{
    return axis_x(a, rp_centre_local_day(c, utc), local_minute(c, utc));
}

static void
axis_set(RpPlot *p, const OpenAxis *a)
{
    g_autoptr(GString) tics = g_string_new("set xtics scale 0 (");
    for (size_t k = 0; k < a->n_days; k++)
        g_string_append_printf(tics, "%s'%s' %g", k ? ", " : "",
                               plan_weekday_names[rp_weekday(a->day[k])],
                               (double)k + 0.5);
    g_string_append(tics, ")");
    rp_plot_set(p, tics->str);
    for (size_t k = 1; k < a->n_days; k++) {
        g_autofree char *sep = g_strdup_printf(
            "set arrow from %zu, graph 0 to %zu, graph 1 nohead "
            "lc rgb '#bbbbbb'",
            k, k);
        rp_plot_set(p, sep);
    }
    g_autofree char *range =
        g_strdup_printf("set xrange [0:%zu]", MAX(a->n_days, (size_t)1));
    rp_plot_set(p, range);
    rp_plot_set(p, "set yrange [0:*]\nset grid noxtics ytics");
}

/* ---- forecast against last year --------------------------------------- */

/* Contacts of channel group `group` per interval of the 7 days from
 * `day0`, taking the rows `shift_days` before them; NAN where no queue of
 * the group has a row. */
static void
week_totals(const RpCentre *c, const RpVolumes *v, int group, gint64 day0,
            gint64 shift_days, double *totals, size_t slots_per_day)
{
    size_t n = 7 * slots_per_day;
    for (size_t i = 0; i < n; i++)
        totals[i] = NAN;
    for (size_t q = 0; q < v->n_queues && q < c->queues->len; q++) {
        if (plan_channel_group(rp_centre_queue(c, q)->channel) != group)
            continue;
        const GArray *rows = v->rows[q];
        for (guint i = 0; i < rows->len; i++) {
            const RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            gint64 own = rp_centre_local_day(c, r->start);
            gint64 day = own + shift_days; /* its place in the week */
            if (day < day0 || day >= day0 + 7)
                continue;
            size_t slot = (size_t)(local_minute(c, r->start) / c->interval_min);
            size_t k = (size_t)(day - day0) * slots_per_day + slot;
            if (slot < slots_per_day)
                totals[k] = (isnan(totals[k]) ? 0.0 : totals[k]) + r->contacts;
        }
    }
}

/* The week's slots on the axis: x per slot, NAN values off it (with a
 * break in the line between days). */
static size_t
slots_on_axis(const RpCentre *c, const OpenAxis *a, gint64 day0, size_t per_day,
              const double *now, const double *before, double *x, double *y_now,
              double *y_before)
{
    size_t n = 0;
    for (size_t d = 0; d < 7; d++) {
        gboolean any = FALSE;
        for (size_t s = 0; s < per_day; s++) {
            double xi = axis_x(a, day0 + (gint64)d, (int)s * c->interval_min);
            if (isnan(xi) || (int)s * c->interval_min >= a->to_min)
                continue;
            x[n] = xi;
            y_now[n] = now[d * per_day + s];
            y_before[n] = before[d * per_day + s];
            n++;
            any = TRUE;
        }
        if (any) { /* lines do not join across days */
            x[n] = x[n - 1];
            y_now[n] = y_before[n] = NAN;
            n++;
        }
    }
    return n;
}

gboolean
plan_report_forecast(CliReport *report, const RpCentre *centre,
                     const RpRequirements *req, const RpVolumes *history,
                     const RpVolumes *forecast, gint64 monday, const char *note,
                     GError **error)
{
    static const char *const groups[] = {"Telephone calls",
                                         "Visitors at the desks",
                                         "Deferred work (email, web, post, "
                                         "voicemail)"};
    size_t per_day = (size_t)(24 * 60 / centre->interval_min);
    size_t n = 7 * per_day;
    g_autofree double *now = g_new(double, n);
    g_autofree double *before = g_new(double, n);
    g_autofree double *x = g_new(double, n + 7);
    g_autofree double *yn = g_new(double, n + 7);
    g_autofree double *yb = g_new(double, n + 7);
    cli_report_section(report, "The detail",
                       "Contacts forecast for the week against the same "
                       "week a year before (52 weeks earlier, so weekdays "
                       "line up), then the officers each queue needs and "
                       "has, over opening hours only.");
    if (note)
        cli_report_paragraph(report, note);
    if (rp_centre_models_fcr(centre)) {
        g_autofree RpFcrSplit *split = rp_fcr_split(centre, forecast);
        g_autoptr(GString) text = g_string_new(NULL);
        cli_append_avoidable(text, "Avoidable contact this week", centre,
                             split);
        cli_report_paragraph(report, text->str);
    }
    cli_report_html(report, "<div class=\"multiples three\">\n");
    for (int g = 0; g < 3; g++) {
        OpenAxis a;
        open_axis(centre, req, g, &a);
        week_totals(centre, forecast, g, monday, 0, now, per_day);
        week_totals(centre, history, g, monday, 364, before, per_day);
        size_t m =
            slots_on_axis(centre, &a, monday, per_day, now, before, x, yn, yb);
        gboolean any = FALSE;
        for (size_t i = 0; i < m && !any; i++)
            any = !isnan(yn[i]);
        if (!any)
            continue;
        g_autoptr(RpPlot) p = rp_plot_new(groups[g], NULL, "per interval");
        axis_set(p, &a);
        rp_plot_set(p, "unset key"); /* the caption names the colours */
        rp_plot_series(p, "lines lw 1.5 lc rgb '#9e9e9e'", "last year", x, yb,
                       m);
        rp_plot_series(p, "lines lw 2 lc rgb '#1f77b4'", "forecast", x, yn, m);
        g_autofree char *caption = g_strdup_printf(
            "%s: forecast (blue), last year (grey).", groups[g]);
        if (!cli_report_small_chart(report, p, caption, error))
            return FALSE;
    }
    cli_report_html(report, "</div>\n");
    return TRUE;
}

/* ---- coverage -------------------------------------------------------- */

/* One small chart: required and staffed officers on queue q over the
 * axis, steps broken between days and at gaps. */
static gboolean
queue_chart(CliReport *report, const RpCentre *c, const RpRequirements *req,
            const double *staffed, guint q, const OpenAxis *a, GError **error)
{
    g_autoptr(GArray) x = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) need = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) have = g_array_new(FALSE, FALSE, sizeof(double));
    gint64 last = G_MININT64, step = rp_centre_interval_s(c);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        double xi = axis_x_utc(c, a, r->start);
        if (r->queue != q || !r->open || isnan(xi))
            continue;
        if (last != G_MININT64 && r->start - last > step) {
            /* not consecutive: end the steps, break the line */
            double xe = axis_x_utc(c, a, last + step), gap = NAN;
            double le = g_array_index(need, double, need->len - 1);
            double he = g_array_index(have, double, have->len - 1);
            if (isnan(xe))
                xe = g_array_index(x, double, x->len - 1);
            g_array_append_val(x, xe);
            g_array_append_val(need, le);
            g_array_append_val(have, he);
            g_array_append_val(x, xe);
            g_array_append_val(need, gap);
            g_array_append_val(have, gap);
        }
        last = r->start;
        g_array_append_val(x, xi);
        g_array_append_val(need, r->required);
        g_array_append_val(have, staffed[i]);
    }
    if (x->len == 0)
        return TRUE; /* shut all week (bank holidays, closures): no chart */
    const RpQueue *queue = rp_centre_queue(c, q);
    g_autofree char *title = rp_centre_short_name(queue->name);
    if (queue->channel == RP_CHANNEL_RECEPTION && queue->site >= 0) {
        g_free(title);
        title =
            rp_centre_short_name(rp_centre_site(c, (size_t)queue->site)->name);
    }
    g_autoptr(RpPlot) p = rp_plot_new(title, NULL, NULL);
    axis_set(p, a);
    /* about four steps of a whole number of officers up the side */
    double top = 1.0;
    for (guint k = 0; k < x->len; k++) {
        top = fmax(top, isnan(g_array_index(need, double, k))
                            ? 0.0
                            : g_array_index(need, double, k));
        top = fmax(top, isnan(g_array_index(have, double, k))
                            ? 0.0
                            : g_array_index(have, double, k));
    }
    g_autofree char *ytics =
        g_strdup_printf("unset key\nunset grid\nset ytics %g nomirror\n"
                        "set xtics nomirror",
                        fmax(1.0, ceil(top / 4.0)));
    rp_plot_set(p, ytics);
    rp_plot_series(p, "lines lw 1.2 lc rgb '#d62728'", "required",
                   (double *)(void *)x->data, (double *)(void *)need->data,
                   x->len);
    rp_plot_series(p, "lines lw 1.2 lc rgb '#1f77b4'", "scheduled",
                   (double *)(void *)x->data, (double *)(void *)have->data,
                   x->len);
    return cli_report_small_chart(report, p, queue->name, error);
}

/* Heat map of the officers short, summed over queues, by open day (rows)
 * and time of day over the opening hours (columns). */
static gboolean
shortfall_map(CliReport *report, const RpCentre *c, const RpRequirements *req,
              const double *staffed, const OpenAxis *a, GError **error)
{
    if (a->n_days == 0)
        return TRUE;
    size_t cols = (size_t)((a->to_min - a->from_min) / c->interval_min);
    g_autofree double *map = g_new0(double, a->n_days *cols);
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        gint64 day = rp_centre_local_day(c, r->start);
        int m = local_minute(c, r->start) - a->from_min;
        double short_by = r->required - staffed[i];
        if (m < 0 || short_by <= 0)
            continue;
        size_t col = (size_t)m / (size_t)c->interval_min;
        for (size_t k = 0; k < a->n_days; k++)
            if (a->day[k] == day && col < cols)
                map[k * cols + col] += short_by;
    }
    g_autoptr(RpPlot) p = rp_plot_new("Officers short, all queues", NULL, NULL);
    g_autoptr(GString) ytics = g_string_new("set ytics (");
    for (size_t k = 0; k < a->n_days; k++)
        g_string_append_printf(ytics, "%s'%s' %zu", k ? ", " : "",
                               plan_weekday_names[rp_weekday(a->day[k])], k);
    g_string_append(ytics, ")");
    rp_plot_set(p, ytics->str);
    g_autoptr(GString) xtics = g_string_new("set xtics (");
    for (int h = (a->from_min + 59) / 60; h * 60 <= a->to_min; h++)
        g_string_append_printf(
            xtics, "%s'%02d:00' %g",
            h * 60 > (a->from_min + 59) / 60 * 60 ? ", " : "", h,
            (double)(h * 60 - a->from_min) / c->interval_min - 0.5);
    g_string_append(xtics, ")");
    rp_plot_set(p, xtics->str);
    rp_plot_set(p, "set palette defined (0 '#ffffff', 1 '#fdd0a2', "
                   "3 '#f16913', 6 '#7f2704')\nset cbrange [0:*]\n"
                   "set cblabel 'officers short'\nunset grid\n"
                   "set autoscale xfix\nset autoscale yfix");
    rp_plot_matrix(p, map, a->n_days, cols);
    return cli_report_chart(report, p,
                            "Where the rota falls short: officers short of "
                            "the requirement, summed over all queues, by day "
                            "and time of day (white: none short).",
                            error);
}

gboolean
plan_report_coverage(CliReport *report, const RpCentre *centre,
                     const RpRequirements *req, const double *staffed,
                     GError **error)
{
    static const char *const groups[] = {"Telephone lines", "Desks",
                                         "Deferred work"};
    if (req->rows->len == 0)
        return TRUE;
    OpenAxis all;
    open_axis(centre, req, -1, &all);
    if (!shortfall_map(report, centre, req, staffed, &all, error))
        return FALSE;
    for (int g = 0; g < 3; g++) {
        OpenAxis a;
        open_axis(centre, req, g, &a);
        if (a.n_days == 0)
            continue;
        g_autofree char *h = g_strdup_printf(
            "<h3>%s: officers required (red) and scheduled (blue)</h3>\n"
            "<div class=\"multiples\">\n",
            groups[g]);
        cli_report_html(report, h);
        for (guint q = 0; q < centre->queues->len; q++) {
            if (plan_channel_group(rp_centre_queue(centre, q)->channel) != g)
                continue;
            if (!queue_chart(report, centre, req, staffed, q, &a, error))
                return FALSE;
        }
        cli_report_html(report, "</div>\n");
    }
    return TRUE;
}

/* The deferred work the week leaves for the next, per queue. */
void
plan_report_backlog(CliReport *report, const RpCentre *c, const RpEvaluation *e)
{
    g_autoptr(GString) text = g_string_new(
        "Deferred work is followed from the backlog last week left (given "
        "with --backlog, else what the plan carries from week to week): "
        "items count as late on the day their deadline passes.  Left at "
        "the close of the week for the next (backlog.csv, to give its "
        "plan as --backlog):");
    size_t n = 0;
    for (guint q = 0; q < c->queues->len; q++) {
        double items = 0.0, hours = 0.0;
        for (guint i = 0; i < e->backlog->len; i++) {
            const RpBacklogItem *b =
                &g_array_index(e->backlog, RpBacklogItem, i);
            if (b->queue == q) {
                items += b->items;
                hours += b->hours;
            }
        }
        if (hours > 0.0)
            g_string_append_printf(
                text, "%s %s %.0f items (%.1f officer-hours)", n++ ? ";" : "",
                rp_centre_queue(c, q)->id, items, hours);
    }
    g_string_append(text, n ? "." : " nothing.");
    cli_report_paragraph(report, text->str);
}

/* ---- the rota -------------------------------------------------------- */

/* The most officers the hours chart names on its axis. */
#define NAMED_OFFICERS 40

static gboolean
hours_chart(CliReport *report, const RpRosterInput *in, const RpRoster *ro,
            GError **error)
{
    size_t n = ro->n_officers;
    g_autofree double *x = g_new(double, n);
    g_autofree double *paid = g_new(double, n);
    g_autofree double *lo = g_new(double, n);
    g_autofree double *hi = g_new(double, n);
    /* officers named on the axis while their names can be read; past
     * that the table below names them, in the same order */
    gboolean named = n <= NAMED_OFFICERS;
    g_autoptr(GString) tics = g_string_new(named ? "set xtics rotate by -60 ("
                                                 : "unset xtics\nset xlabel "
                                                   "'officers, in the order of "
                                                   "the table below'\n");
    for (size_t i = 0; i < n; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        RpOfficerWeek w;
        rp_roster_officer_week(in, ro, i, &w);
        x[i] = (double)i;
        paid[i] = w.paid_h;
        lo[i] = w.min_h;
        hi[i] = w.max_h;
        if (named)
            g_string_append_printf(tics, "%s'%s' %zu", i ? ", " : "", o->name,
                                   i);
    }
    if (named)
        g_string_append(tics, ")");
    g_autoptr(RpPlot) p =
        rp_plot_new("Paid hours per officer", NULL, "hours this week");
    rp_plot_set(p, tics->str);
    rp_plot_set(p, "set boxwidth 0.6\nset style fill solid 0.7 noborder\n"
                   "set yrange [0:*]\nset xrange [-1:*]\n"
                   "unset grid\nset grid ytics\n"
                   "set key outside top center horizontal");
    rp_plot_series(p, "boxes lc rgb '#1f77b4'", "paid hours", x, paid, n);
    rp_plot_series(p, "points pt 9 ps 1.2 lc rgb '#2ca02c'",
                   "least (contract less leave)", x, lo, n);
    rp_plot_series(p, "points pt 11 ps 1.2 lc rgb '#d62728'", "most", x, hi, n);
    return cli_report_chart(report, p,
                            "Paid hours in the rota for each officer (bars) "
                            "against the least and most their contract "
                            "allows this week, leave taken off.",
                            error);
}

gboolean
plan_report_roster(CliReport *report, const RpRosterInput *in,
                   const RpRosterResult *r, GError **error)
{
    const RpCentre *c = in->centre;
    const RpObjective *ob = &r->objective;
    cli_report_section(report, "Officers and cost", NULL);
    g_autofree char *text = g_strdup_printf(
        "The rota pays %.2f %s this week (pay with on-costs and premiums) "
        "for %u shifts.  Its objective, which also prices understaffing, "
        "overstaffing, unmet preferences and unfair shares of evenings and "
        "weekends (see roster.md), is %.2f; the proven lower bound is %.2f, "
        "a gap of %.2f%%.  The rota is %.0f officer-hours short of what "
        "the standards need; the week at a glance gives the cost of "
        "meeting them.",
        ob->pay, c->costs.currency, r->roster->shifts->len, ob->total,
        isfinite(r->bound) ? r->bound : NAN, 100.0 * r->gap, ob->short_hours);
    cli_report_paragraph(report, text);
    g_autoptr(CliTable) summary = cli_roster_summary_table(r);
    g_autoptr(GString) fields =
        g_string_new("<p><strong>The roster solve</strong></p>\n");
    cli_table_render_fields(summary, fields);
    cli_report_html(report, fields->str);
    if (!hours_chart(report, in, r->roster, error))
        return FALSE;
    g_autoptr(CliTable) hours = cli_roster_hours_table(in, r->roster);
    cli_report_table(report, hours, "Hours per officer against contract");
    return TRUE;
}

/* ---- scenarios --------------------------------------------------------- */

gboolean
plan_report_scenarios(CliOutputs *set, CliReport *report, const char *dir,
                      GPtrArray *scenarios, const void *results,
                      const RpCentre *centre, double fte_in_post,
                      GError **error)
{
    g_autoptr(GString) csv = g_string_new(NULL);
    cli_scenario_table(scenarios, results, centre, fte_in_post, CLI_FORMAT_CSV,
                       csv);
    g_autofree char *compare = g_build_filename(dir, "compare.csv", NULL);
    g_autofree char *frontier = g_build_filename(dir, "frontier.csv", NULL);
    if (!cli_write(set, compare, csv, error) ||
        !cli_scenario_frontier(set, frontier, scenarios, results, error))
        return FALSE;
    cli_report_section(report, "Budget scenarios",
                       "Each scenario staffed to its standards for this "
                       "week's forecast (no roster), priced with on-costs "
                       "and premiums, and scaled to a year.  A scenario "
                       "over budget keeps its full cost; what its budget "
                       "would buy instead is in the last column.  "
                       "compare.csv has every figure.");
    g_autoptr(GString) html = g_string_new(NULL);
    cli_scenario_table(scenarios, results, centre, fte_in_post, CLI_FORMAT_HTML,
                       html);
    cli_report_html(report, html->str);
    g_autoptr(RpPlot) plot =
        cli_frontier_plot(scenarios, results, centre->costs.currency);
    return cli_report_chart(report, plot,
                            "The least annual cost of each telephone "
                            "service level, with the rest of each standard "
                            "kept: the choices open to finance.",
                            error);
}
