/* forecast/output.c - a forecast as the volumes file `staff` reads, and as
 * a gnuplot script.
 *
 * Key decision: the file is written per real interval, not per slot of the
 * local day, so it reads back through rp_volumes_read(): a local time that
 * happens twice when the clocks go back gets both its intervals (each the
 * slot's rate), one that does not exist gets none.  The gnuplot script is
 * text only; running gnuplot is the command line's business. */
#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/units.h"
#include "forecast/forecast_int.h"

static void
append_fixed(GString *out, const char *format, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(out, ',');
    if (isfinite(value)) /* no figure, or none finite: empty */
        g_string_append(out, g_ascii_formatd(buf, sizeof buf, format, value));
}

static void
append_row(GString *out, const RpCentre *centre, gint64 utc, const char *queue,
           const double *v, double share, const char *model)
{
    char when[RP_CLOCK_BUF];
    rp_clock_format(centre->clock, utc, when, sizeof when);
    rp_csv_append_field(out, when, TRUE);
    rp_csv_append_field(out, queue, FALSE);
    append_fixed(out, "%.3f", v[0] * share);
    append_fixed(out, "%.1f", v[1]);
    for (size_t j = 0; j < RP_N_QUANTILES; j++)
        append_fixed(out, share < 1.0 ? "%.3f" : "%.0f", v[2 + j] * share);
    rp_csv_append_field(out, model, FALSE);
    g_string_append_c(out, '\n');
}

static int
compare_utc(gconstpointer a, gconstpointer b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return (x > y) - (x < y);
}

/* The UTC starts of the open intervals of local day `day` for queue q, in
 * UTC order: when the clocks go back the repeated hour is written 01:00
 * BST, 01:15 BST ... then 01:00 GMT, each with its offset, as files are
 * read. */
static size_t
open_intervals(const RpCentre *centre, size_t q, gint64 day, GArray *starts)
{
    g_array_set_size(starts, 0);
    gint64 step = rp_centre_interval_s(centre);
    for (gint64 local = day * 86400; local < (day + 1) * 86400; local += step) {
        gint64 utc[2];
        int n = rp_clock_resolve(centre->clock, local, utc);
        for (int i = 0; i < n; i++)
            if (rp_centre_queue_open_at(centre, q, utc[i]))
                g_array_append_val(starts, utc[i]);
    }
    g_array_sort(starts, compare_utc);
    return starts->len;
}

static void
append_queue(GString *out, const RpHistory *h, const RpQueueForecast *qf,
             GArray *starts)
{
    const RpCentre *centre = h->centre;
    const RpQueueSeries *s = h->series[qf->queue];
    size_t n_days = s->n_days - s->n_hist;
    gint64 step = rp_centre_interval_s(centre);
    for (size_t i = 0; i < n_days; i++) {
        const RpDayInfo *day = &s->days[s->n_hist + i];
        if (!day->open)
            continue;
        size_t n = open_intervals(centre, qf->queue, day->day, starts);
        for (size_t j = 0; j < n; j++) {
            gint64 utc = g_array_index(starts, gint64, j);
            gint64 local = rp_clock_local(centre->clock, utc);
            size_t k =
                s->daily ? 0 : (size_t)((local - day->day * 86400) / step);
            size_t at = i * s->n_slots + k;
            double v[2 + RP_N_QUANTILES] = {qf->mean[at], qf->aht_s[at]};
            for (size_t m = 0; m < RP_N_QUANTILES; m++)
                v[2 + m] = qf->q[at * RP_N_QUANTILES + m];
            append_row(out, centre, utc, s->id, v,
                       s->daily ? 1.0 / (double)n : 1.0, qf->type->name);
        }
    }
}

GString *
rp_forecast_to_csv(const RpForecast *f)
{
    g_return_val_if_fail(f != NULL, NULL);
    GString *out =
        g_string_new("interval_start,queue,contacts,aht_s,p10,p50,p80,p90,"
                     "model\n");
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(gint64));
    for (guint i = 0; i < f->queues->len; i++)
        append_queue(out, f->history, g_ptr_array_index(f->queues, i), starts);
    g_array_unref(starts);
    return out;
}

/* ---- the chart
 * ------------------------------------------------------------------ */

static void
append_time(GString *out, const RpQueueSeries *s, size_t d, size_t k)
{
    char date[16];
    rp_format_date(s->days[d].day, date, sizeof date);
    int minute = (int)k * s->interval_min;
    g_string_append_printf(out, "%sT%02d:%02d", date, minute / 60, minute % 60);
}

/* Inline data block $H<i> (history) and $F<i> (forecast): one line per
 * open slot, a blank line after each day so lines do not join overnight;
 * a queue of daily totals has one point a day, joined day to day (with
 * blank lines between them it would draw nothing). */
static void
append_data(GString *out, const RpHistory *h, const RpQueueForecast *qf,
            guint i, size_t history_days)
{
    const RpQueueSeries *s = h->series[qf->queue];
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(out, "$H%u << EOD\n", i);
    size_t from = s->n_hist > history_days ? s->n_hist - history_days : 0;
    for (size_t d = from; d < s->n_hist; d++) {
        for (size_t k = 0; k < s->n_slots; k++) {
            double y = rp_fc_day(s, d)[k];
            if (!rp_fc_open(s, d)[k] || isnan(y))
                continue;
            append_time(out, s, d, k);
            g_string_append_printf(out, " %s\n",
                                   g_ascii_formatd(buf, sizeof buf, "%.3f",
                                                   y * s->days[d].factor));
        }
        if (!s->daily)
            g_string_append_c(out, '\n');
    }
    g_string_append(out, "EOD\n");
    g_string_append_printf(out, "$F%u << EOD\n", i);
    for (size_t d = s->n_hist; d < s->n_days; d++) {
        for (size_t k = 0; k < s->n_slots; k++) {
            size_t at = (d - s->n_hist) * s->n_slots + k;
            if (!rp_fc_open(s, d)[k] || isnan(qf->mean[at]))
                continue;
            append_time(out, s, d, k);
            const double *q = qf->q + at * RP_N_QUANTILES;
            double v[3] = {qf->mean[at], q[0], q[RP_N_QUANTILES - 1]};
            for (int j = 0; j < 3; j++)
                g_string_append_printf(
                    out, " %s", g_ascii_formatd(buf, sizeof buf, "%.3f", v[j]));
            g_string_append_c(out, '\n');
        }
        if (!s->daily)
            g_string_append_c(out, '\n');
    }
    g_string_append(out, "EOD\n");
}

static void
append_escaped(GString *out, const char *text)
{
    for (const char *c = text; *c; c++) {
        if (*c == '"' || *c == '\\')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *c);
    }
}

GString *
rp_forecast_plot_script(const RpForecast *f, const char *output, gboolean svg,
                        size_t history_days)
{
    g_return_val_if_fail(f != NULL && output != NULL, NULL);
    guint n = f->queues->len;
    guint cols = n > 1 ? 2 : 1, rows = (n + cols - 1) / cols;
    GString *out = g_string_new("# rotaplan forecast chart\n");
    for (guint i = 0; i < n; i++)
        append_data(out, f->history, g_ptr_array_index(f->queues, i), i,
                    history_days);
    g_string_append_printf(out, "set terminal %s size %u,%u font \"sans,9\"\n",
                           svg ? "svg dynamic" : "pngcairo", 900 * cols,
                           260 * MAX(rows, 1u));
    g_string_append(out, "set output \"");
    append_escaped(out, output);
    g_string_append(out, "\"\n"
                         "set xdata time\n"
                         "set timefmt \"%Y-%m-%dT%H:%M\"\n"
                         "set format x \"%d %b\"\n"
                         "set key top left horizontal\n"
                         "set termoption noenhanced\n"
                         "set grid\n");
    g_string_append_printf(out, "set multiplot layout %u,%u\n", MAX(rows, 1u),
                           cols);
    for (guint i = 0; i < n; i++) {
        const RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
        const RpQueueSeries *s = f->history->series[qf->queue];
        g_string_append(out, "set title \"");
        append_escaped(out,
                       rp_centre_queue(f->history->centre, qf->queue)->name);
        g_string_append_printf(out, " (%s)\"\nset ylabel \"contacts per %s\"\n",
                               qf->type->name, s->daily ? "day" : "interval");
        g_string_append_printf(
            out,
            "plot $F%u using 1:3:4 with filledcurves lc rgb \"#c6dbef\" "
            "title \"P10-P90\", \\\n"
            "     $H%u using 1:2 with lines lc rgb \"#444444\" "
            "title \"history\", \\\n"
            "     $F%u using 1:2 with lines lc rgb \"#08519c\" lw 1.5 "
            "title \"forecast\"\n",
            i, i, i);
    }
    g_string_append(out, "unset multiplot\n");
    return out;
}
