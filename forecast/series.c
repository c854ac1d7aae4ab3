/* forecast/series.c - a history file laid out per queue as days x slots,
 * with its gaps, out-of-hours contacts and outliers.
 *
 * Key decision: nothing a planner did not see is invented.  A gap stays
 * NAN (every method treats it as unknown, never as zero), contacts out of
 * hours are reported and left out of the demand, and outliers are found
 * by comparing like with like (the same weekday a few weeks either side,
 * by median, so one odd day cannot hide another), then reported and left
 * out rather than silently smoothed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"
#include "forecast/forecast_int.h"

static const char *const anomaly_names[] = {
    [RP_ANOMALY_GAP] = "gap",
    [RP_ANOMALY_OUT_OF_HOURS] = "out-of-hours",
    [RP_ANOMALY_OUTLIER_DAY] = "outlier-day",
    [RP_ANOMALY_OUTLIER] = "outlier",
};

const char *
rp_anomaly_kind_name(RpAnomalyKind kind)
{
    return anomaly_names[kind];
}

void
rp_clean_params_init(RpCleanParams *p)
{
    p->day_factor = 2.5;
    p->window_weeks = 4;
    p->interval_z = 8.0;
    p->interval_min_excess = 10.0;
}

/* ---- allocation and calendar flags ----------------------------------------
 */

static RpQueueSeries *
series_alloc(gint64 first_day, size_t n_slots, int interval_min, size_t n_hist,
             size_t n_days)
{
    RpQueueSeries *s = g_new0(RpQueueSeries, 1);
    size_t n = n_days * n_slots;
    s->first_day = first_day;
    s->n_slots = n_slots;
    s->interval_min = interval_min;
    s->n_hist = s->n_known = n_hist;
    s->n_days = n_days;
    s->y = g_new(double, n);
    s->aht_s = g_new(double, n);
    s->open = g_new0(guint8, n);
    s->days = g_new0(RpDayInfo, n_days);
    for (size_t i = 0; i < n; i++)
        s->y[i] = s->aht_s[i] = NAN;
    for (size_t d = 0; d < n_days; d++) {
        s->days[d].day = first_day + (gint64)d;
        s->days[d].weekday = rp_weekday(first_day + (gint64)d);
        s->days[d].factor = 1.0;
    }
    return s;
}

void
rp_queue_series_free(RpQueueSeries *s)
{
    if (s == NULL)
        return;
    g_free(s->y);
    g_free(s->aht_s);
    g_free(s->open);
    g_free(s->days);
    g_free(s);
}

/* A day opens when a slot is open; it follows a closure when the last
 * earlier day whose weekday normally opens did not (the Tuesday after
 * Easter Monday, the first day after the Christmas closure). */
static void
mark_calendar(RpQueueSeries *s, const gboolean weekday_opens[7])
{
    for (size_t d = 0; d < s->n_days; d++) {
        RpDayInfo *day = &s->days[d];
        const guint8 *open = rp_fc_open(s, d);
        day->open = FALSE;
        for (size_t k = 0; k < s->n_slots && !day->open; k++)
            day->open = open[k] != 0;
        day->after_closure = FALSE;
        if (!day->open)
            continue;
        for (size_t b = d; b-- > 0;) {
            if (!weekday_opens[s->days[b].weekday])
                continue;
            day->after_closure = !s->days[b].open;
            break;
        }
    }
}

static void
weekday_opens_from_open(const RpQueueSeries *s, gboolean weekday_opens[7])
{
    memset(weekday_opens, 0, 7 * sizeof weekday_opens[0]);
    for (size_t d = 0; d < s->n_days; d++)
        weekday_opens[s->days[d].weekday] |= s->days[d].open;
}

static void
count_missing(RpQueueSeries *s)
{
    for (size_t d = 0; d < s->n_hist; d++) {
        const double *y = rp_fc_day(s, d);
        const guint8 *open = rp_fc_open(s, d);
        s->days[d].n_missing = 0;
        for (size_t k = 0; k < s->n_slots; k++)
            s->days[d].n_missing += open[k] && isnan(y[k]);
    }
}

RpQueueSeries *
rp_queue_series_new_from_values(gint64 first_day, size_t n_slots,
                                int interval_min, size_t n_hist,
                                size_t n_future, const double *y,
                                const guint8 *open_weekday)
{
    g_return_val_if_fail(n_slots > 0 && y != NULL, NULL);
    RpQueueSeries *s = series_alloc(first_day, n_slots, interval_min, n_hist,
                                    n_hist + n_future);
    s->id = "series";
    s->aht_default_s = 300.0;
    for (size_t d = 0; d < s->n_days; d++) {
        guint8 *open = s->open + d * n_slots;
        int w = s->days[d].weekday;
        for (size_t k = 0; k < n_slots; k++)
            open[k] = open_weekday ? open_weekday[(size_t)w * n_slots + k] : 1;
    }
    for (size_t i = 0; i < n_hist * n_slots; i++)
        s->y[i] = s->open[i] ? y[i] : NAN;
    gboolean opens[7];
    mark_calendar(s, (gboolean[7]){TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE});
    weekday_opens_from_open(s, opens);
    mark_calendar(s, opens);
    count_missing(s);
    return s;
}

void
rp_queue_series_close_day(RpQueueSeries *s, size_t d)
{
    g_return_if_fail(d < s->n_days);
    gboolean opens[7];
    weekday_opens_from_open(s, opens);
    for (size_t k = 0; k < s->n_slots; k++) {
        s->open[d * s->n_slots + k] = 0;
        s->y[d * s->n_slots + k] = NAN;
    }
    mark_calendar(s, opens);
    count_missing(s);
}

/* ---- shared helpers ---------------------------------------------------------
 */

double
rp_fc_day_total(const RpQueueSeries *s, size_t d)
{
    const double *y = rp_fc_day(s, d);
    const guint8 *open = rp_fc_open(s, d);
    double sum = 0.0;
    for (size_t k = 0; k < s->n_slots; k++)
        if (open[k])
            sum += y[k];
    return sum;
}

size_t
rp_fc_last_normal(const RpQueueSeries *s, size_t before, size_t like)
{
    int w = s->days[like].weekday;
    for (size_t d = before; d-- > 0;)
        if (s->days[d].weekday == w && rp_fc_day_normal(s, d))
            return d;
    return (size_t)-1;
}

size_t
rp_fc_first_observed(const RpQueueSeries *s, size_t n_train)
{
    for (size_t d = 0; d < n_train && d < s->n_hist; d++) {
        const double *y = rp_fc_day(s, d);
        for (size_t k = 0; k < s->n_slots; k++)
            if (!isnan(y[k]))
                return d;
    }
    return n_train;
}

size_t
rp_queue_series_history_days(const RpQueueSeries *s, size_t n_train)
{
    size_t end = MIN(n_train, s->n_known);
    size_t first = rp_fc_first_observed(s, end);
    return end > first ? end - first : 0;
}

/* Adds the contacts of the normal days of `weekday` (any weekday when -1)
 * before `before`, up to `weeks` of them, into sum[]; returns the days. */
static size_t
profile_sum(const RpQueueSeries *s, size_t before, int weekday, size_t max_days,
            double *sum)
{
    size_t used = 0;
    for (size_t d = before; d-- > 0 && used < max_days;) {
        if ((weekday >= 0 && s->days[d].weekday != weekday) ||
            !rp_fc_day_normal(s, d))
            continue;
        const double *y = rp_fc_day(s, d);
        const guint8 *open = rp_fc_open(s, d);
        for (size_t k = 0; k < s->n_slots; k++)
            if (open[k])
                sum[k] += y[k];
        used++;
    }
    return used;
}

size_t
rp_fc_profile(const RpQueueSeries *s, size_t before, int weekday, size_t weeks,
              double *share)
{
    memset(share, 0, s->n_slots * sizeof *share);
    size_t used = profile_sum(s, before, weekday, weeks, share);
    if (used == 0)
        used = profile_sum(s, before, -1, weeks * 5, share);
    /* the open slots of this weekday, from its latest day in the series */
    const guint8 *open = NULL;
    for (size_t d = s->n_days; d-- > 0 && open == NULL;)
        if (s->days[d].weekday == weekday && s->days[d].open)
            open = rp_fc_open(s, d);
    double total = 0.0;
    size_t n_open = 0;
    for (size_t k = 0; k < s->n_slots; k++) {
        if (open != NULL && !open[k])
            share[k] = 0.0;
        total += share[k];
        n_open += open == NULL || open[k];
    }
    for (size_t k = 0; k < s->n_slots; k++) {
        gboolean is_open = open == NULL || open[k];
        if (total > 0.0)
            share[k] /= total;
        else
            share[k] = is_open && n_open > 0 ? 1.0 / (double)n_open : 0.0;
    }
    return used;
}

/* ---- building from a volumes file ---------------------------------------- */

static void
add_anomaly(RpHistory *h, RpAnomalyKind kind, size_t q, gint64 start, size_t n,
            double contacts, double expected)
{
    RpAnomaly a = {kind, q, start, n, contacts, expected};
    g_array_append_val(h->anomalies, a);
}

/* UTC instant of slot k of local day `day` (the first, when it repeats);
 * FALSE when that local time does not exist. */
static gboolean
slot_utc(const RpClock *clock, gint64 day, size_t k, int interval_min,
         gint64 *utc)
{
    gint64 cand[2];
    gint64 local = day * 86400 + (gint64)k * interval_min * 60;
    if (rp_clock_resolve(clock, local, cand) == 0)
        return FALSE;
    *utc = cand[0];
    return TRUE;
}

static void
mark_open(RpQueueSeries *s, const RpCentre *centre, size_t q)
{
    const RpQueue *queue = rp_centre_queue(centre, q);
    for (size_t d = 0; d < s->n_days; d++) {
        if (!rp_centre_queue_open_day(centre, q, s->days[d].day))
            continue;
        const RpDayHours *h = &queue->hours.day[s->days[d].weekday];
        guint8 *open = s->open + d * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            int minute = (int)k * s->interval_min;
            for (int i = 0; i < h->n_spans; i++)
                if (s->daily ||
                    (minute >= h->open_min[i] && minute < h->close_min[i]))
                    open[k] = 1;
        }
    }
}

/* Copies the rows of queue q before day n_hist into y and aht_s; contacts
 * out of hours are summed per day and reported. */
static void
fill_rows(RpHistory *h, RpQueueSeries *s, const RpVolumes *v, size_t q)
{
    const RpCentre *centre = h->centre;
    GArray *rows = v->rows[q];
    double out_sum = 0.0;
    size_t out_n = 0, out_day = 0;
    gint64 out_start = 0;
    for (guint i = 0; i <= rows->len; i++) {
        const RpVolumeRow *r =
            i < rows->len ? &g_array_index(rows, RpVolumeRow, i) : NULL;
        gint64 local = r ? rp_clock_local(centre->clock, r->start) : 0;
        size_t d =
            r ? (size_t)(rp_centre_local_day(centre, r->start) - s->first_day)
              : s->n_hist;
        if (out_n > 0 && d != out_day) {
            add_anomaly(h, RP_ANOMALY_OUT_OF_HOURS, q, out_start, out_n,
                        out_sum, 0.0);
            out_n = 0;
            out_sum = 0.0;
        }
        if (d >= s->n_hist)
            break;
        s->last_line = r->line;
        size_t k = s->daily ? 0
                            : (size_t)((local - s->days[d].day * 86400) /
                                       (s->interval_min * 60));
        size_t at = d * s->n_slots + k;
        if (!s->open[at]) {
            if (r->contacts > 0.0) {
                if (out_n == 0)
                    out_start = r->start;
                out_day = d;
                out_n++;
                out_sum += r->contacts;
            }
            continue;
        }
        /* the repeated hour of an autumn night: its two intervals are
         * averaged, a rate per real interval like any other slot */
        s->y[at] =
            isnan(s->y[at]) ? r->contacts : 0.5 * (s->y[at] + r->contacts);
        if (!isnan(r->aht_s))
            s->aht_s[at] = r->aht_s;
    }
}

static void
report_gaps(RpHistory *h, const RpQueueSeries *s)
{
    for (size_t d = 0; d < s->n_hist; d++) {
        if (s->days[d].n_missing == 0)
            continue;
        const double *y = rp_fc_day(s, d);
        const guint8 *open = rp_fc_open(s, d);
        size_t k = 0;
        while (!(open[k] && isnan(y[k])))
            k++;
        gint64 start = 0;
        slot_utc(h->centre->clock, s->days[d].day, k, s->interval_min, &start);
        add_anomaly(h, RP_ANOMALY_GAP, s->queue, start, s->days[d].n_missing,
                    NAN, NAN);
    }
}

static void
apply_events(RpQueueSeries *s, const RpEvents *events)
{
    if (events == NULL)
        return;
    for (guint i = 0; i < events->events->len; i++) {
        const RpEvent *e = &g_array_index(events->events, RpEvent, i);
        if ((e->queue >= 0 && (size_t)e->queue != s->queue) ||
            e->kind == RP_EVENT_MOVES) /* moves: rp_events_prepare() */
            continue;
        gint64 from = MAX(e->first_day, s->first_day);
        gint64 to = MIN(e->last_day, s->first_day + (gint64)s->n_days - 1);
        for (gint64 day = from; day <= to; day++) {
            RpDayInfo *info = &s->days[day - s->first_day];
            info->events |= 1u << e->label;
            if (isnan(e->factor))
                s->estimated_events |= 1u << e->label;
            else
                info->factor *= e->factor;
        }
    }
    for (size_t d = 0; d < s->n_hist; d++)
        for (size_t k = 0; k < s->n_slots; k++)
            s->y[d * s->n_slots + k] /= s->days[d].factor;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median total of the ordinary complete days of day d's weekday within
 * `weeks` weeks either side (d excluded); NAN with fewer than 3. */
static double
neighbour_median(const RpQueueSeries *s, const double *totals, size_t d,
                 size_t weeks)
{
    double v[64];
    size_t n = 0;
    for (size_t j = 1; j <= weeks && n + 2 <= G_N_ELEMENTS(v); j++) {
        size_t near[2] = {d >= 7 * j ? d - 7 * j : (size_t)-1, d + 7 * j};
        for (int i = 0; i < 2; i++)
            if (near[i] < s->n_hist && !isnan(totals[near[i]]))
                v[n++] = totals[near[i]];
    }
    if (n < 3)
        return NAN;
    qsort(v, n, sizeof v[0], cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static void
flag_outlier_days(RpHistory *h, RpQueueSeries *s, const RpCleanParams *p)
{
    double *totals = g_new(double, s->n_hist);
    for (size_t d = 0; d < s->n_hist; d++)
        totals[d] = rp_fc_day_normal(s, d) ? rp_fc_day_total(s, d) : NAN;
    for (size_t d = 0; d < s->n_hist; d++) {
        if (isnan(totals[d]))
            continue;
        double med = neighbour_median(s, totals, d, p->window_weeks);
        if (isnan(med) || (totals[d] <= med * p->day_factor &&
                           totals[d] * p->day_factor >= med))
            continue;
        s->days[d].outlier = TRUE;
        gint64 start = 0;
        slot_utc(h->centre->clock, s->days[d].day, 0, s->interval_min, &start);
        add_anomaly(h, RP_ANOMALY_OUTLIER_DAY, s->queue, start, 1,
                    totals[d] * s->days[d].factor, med * s->days[d].factor);
    }
    g_free(totals);
}

/* An interval far from its day's total times the weekday's profile (from
 * the weeks before it) is left out; its day then counts as having a gap,
 * so profiles and daily totals do not use it either. */
static void
flag_outlier_intervals(RpHistory *h, RpQueueSeries *s, const RpCleanParams *p)
{
    if (s->n_slots < 2)
        return;
    double *share = g_new(double, s->n_slots);
    for (size_t d = 0; d < s->n_hist; d++) {
        if (!rp_fc_day_complete(s, d))
            continue;
        size_t used =
            rp_fc_profile(s, d, s->days[d].weekday, p->window_weeks, share);
        if (used < 2)
            continue;
        double total = rp_fc_day_total(s, d);
        double *y = s->y + d * s->n_slots;
        for (size_t k = 0; k < s->n_slots; k++) {
            double e = total * share[k];
            double sd = sqrt(e + 0.0625 * e * e);
            if (!s->open[d * s->n_slots + k] || isnan(y[k]) ||
                fabs(y[k] - e) < p->interval_min_excess ||
                fabs(y[k] - e) <= p->interval_z * sd)
                continue;
            gint64 start = 0;
            slot_utc(h->centre->clock, s->days[d].day, k, s->interval_min,
                     &start);
            add_anomaly(h, RP_ANOMALY_OUTLIER, s->queue, start, 1,
                        y[k] * s->days[d].factor, e * s->days[d].factor);
            y[k] = NAN;
            s->days[d].n_missing++;
        }
    }
    g_free(share);
}

static RpQueueSeries *
build_series(RpHistory *h, const RpVolumes *v, size_t q, const RpEvents *events,
             const RpCleanParams *clean, gint64 start_day, size_t n_future)
{
    const RpCentre *centre = h->centre;
    GArray *rows = v->rows[q];
    if (rows->len == 0)
        return NULL;
    gint64 first =
        rp_centre_local_day(centre, g_array_index(rows, RpVolumeRow, 0).start);
    if (first >= start_day)
        return NULL;
    gboolean daily = v->daily[q];
    size_t n_hist = (size_t)(start_day - first);
    int interval_min = daily ? 1440 : centre->interval_min;
    RpQueueSeries *s =
        series_alloc(first, daily ? 1 : (size_t)(1440 / centre->interval_min),
                     interval_min, n_hist, n_hist + n_future);
    const RpQueue *queue = rp_centre_queue(centre, q);
    s->queue = q;
    s->id = queue->id;
    s->daily = daily;
    s->aht_default_s = queue->aht_s;
    gint64 last = rp_centre_local_day(centre, v->last);
    s->n_known = (size_t)CLAMP(last - first + 1, 0, (gint64)n_hist);
    mark_open(s, centre, q);
    gboolean opens[7];
    for (int w = 0; w < 7; w++)
        opens[w] = queue->hours.day[w].n_spans > 0;
    mark_calendar(s, opens);
    fill_rows(h, s, v, q);
    apply_events(s, events);
    count_missing(s);
    report_gaps(h, s);
    flag_outlier_days(h, s, clean);
    flag_outlier_intervals(h, s, clean);
    return s;
}

RpHistory *
rp_history_new(const RpVolumes *volumes, const RpCentre *centre,
               const RpEvents *events, const RpCleanParams *clean,
               gint64 start_day, size_t n_days, GError **error)
{
    g_return_val_if_fail(volumes != NULL && centre != NULL, NULL);
    g_return_val_if_fail(volumes->n_queues == centre->queues->len, NULL);
    RpCleanParams defaults;
    if (clean == NULL) {
        rp_clean_params_init(&defaults);
        clean = &defaults;
    }
    g_autoptr(RpVolumes) prepared =
        events ? rp_events_prepare(events, centre, volumes, start_day) : NULL;
    if (prepared)
        volumes = prepared;
    g_autoptr(RpHistory) h = g_new0(RpHistory, 1);
    h->path = g_strdup(volumes->path);
    h->centre = centre;
    h->events = events;
    h->n_queues = volumes->n_queues;
    h->series = g_new0(RpQueueSeries *, h->n_queues);
    h->anomalies = g_array_new(FALSE, FALSE, sizeof(RpAnomaly));
    gboolean any = FALSE;
    for (size_t q = 0; q < h->n_queues; q++) {
        h->series[q] =
            build_series(h, volumes, q, events, clean, start_day, n_days);
        any = any || h->series[q] != NULL;
    }
    if (!any) {
        char date[16];
        rp_format_date(start_day, date, sizeof date);
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no queue has history before %s", volumes->path, date);
        return NULL;
    }
    return g_steal_pointer(&h);
}

void
rp_history_free(RpHistory *history)
{
    if (history == NULL)
        return;
    for (size_t q = 0; q < history->n_queues; q++)
        rp_queue_series_free(history->series[q]);
    g_free(history->series);
    g_free(history->path);
    if (history->anomalies)
        g_array_unref(history->anomalies);
    g_free(history);
}
