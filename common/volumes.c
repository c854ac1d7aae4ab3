/* common/volumes.c - reading and checking a volumes file.
 *
 * Rows are parsed as they stream past; the checks that need a whole queue
 * (gaps) run once the file is read, walking each queue's open intervals
 * from its first to its last day. */
#include "common/volumes.h"

#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"

enum { COL_START, COL_QUEUE, COL_CONTACTS, COL_AHT, N_COLS };

typedef struct {
    const RpCentre *centre;
    const RpVolumesParams *params;
    RpVolumes *v;
    RpCsvColumn cols[N_COLS];
    gboolean header_seen;
    GHashTable *queue_ids;        /* char * -> index + 1 */
    size_t first_line, last_line; /* lines of v->first and v->last */
} ReadCtx;

static gboolean
on_grid(const RpCentre *centre, gint64 utc)
{
    gint64 local = rp_clock_local(centre->clock, utc);
    gint64 step = rp_centre_interval_s(centre);
    return ((local % step) + step) % step == 0;
}

/* `row` is not after the queue's last row: a duplicate if its interval
 * is already there (named by its line), otherwise out of order. */
static gboolean
out_of_order(const RpCentre *centre, const GArray *rows, const RpVolumeRow *row,
             const char *start, const char *queue, GError **error)
{
    const RpVolumeRow *r = (const RpVolumeRow *)(void *)rows->data;
    guint lo = 0, hi = rows->len; /* first index with start >= row */
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (r[mid].start < row->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (r[lo].start == row->start) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_DUPLICATE,
                    "interval_start: %s for queue %s repeats line %zu", start,
                    queue, r[lo].line);
        return FALSE;
    }
    const RpVolumeRow *last = &r[rows->len - 1];
    char when[RP_CLOCK_BUF];
    rp_clock_format(centre->clock, last->start, when, sizeof when);
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                "interval_start: %s for queue %s comes after line %zu (%s): "
                "rows of a queue must be in time order",
                start, queue, last->line, when);
    return FALSE;
}

/* The first UTC instant of local day `day` (midnight, or the end of a
 * skipped hour when the clocks go forward at midnight). */
static gint64
day_start_utc(const RpClock *clock, gint64 day)
{
    gint64 utc[2];
    for (gint64 local = day * 86400;; local += 3600)
        if (rp_clock_resolve(clock, local, utc) > 0)
            return utc[0];
}

/* Parses interval_start of a row of queue `q`: a local time on the grid,
 * or (where allowed, for deferred queues) a date standing for the day's
 * total.  A queue's rows must all be of one kind. */
static gboolean
parse_start(ReadCtx *ctx, size_t q, const char *start, gint64 *utc,
            GError **error)
{
    const RpCentre *centre = ctx->centre;
    const RpQueue *queue = rp_centre_queue(centre, q);
    gint64 day;
    gboolean daily = strlen(start) == 10 && rp_parse_date(start, &day, NULL);
    if (daily && !ctx->params->allow_daily)
        return rp_csv_field_error(
            error, "interval_start",
            "'%s' is a date, not the start of an interval "
            "(YYYY-MM-DDTHH:MM)",
            start);
    if (daily && !rp_channel_is_deferred(queue->channel))
        return rp_csv_field_error(
            error, "interval_start",
            "'%s' is a daily total, but queue %s is a %s queue: "
            "daily totals are accepted for deferred work only "
            "(email, web, post, voicemail)",
            start, queue->id, rp_channel_name(queue->channel));
    GArray *rows = ctx->v->rows[q];
    if (rows->len > 0 && ctx->v->daily[q] != daily) {
        const RpVolumeRow *first = &g_array_index(rows, RpVolumeRow, 0);
        return rp_csv_field_error(
            error, "interval_start",
            "'%s' is %s, but queue %s has %s from line %zu: "
            "one queue cannot mix interval lengths",
            start, daily ? "a daily total" : "an interval", queue->id,
            ctx->v->daily[q] ? "daily totals" : "intervals", first->line);
    }
    ctx->v->daily[q] = daily;
    if (daily) {
        *utc = day_start_utc(centre->clock, day);
        return TRUE;
    }
    GError *local = NULL;
    if (!rp_clock_parse(centre->clock, start, utc, &local)) {
        g_propagate_prefixed_error(error, local, "interval_start: ");
        return FALSE;
    }
    if (!on_grid(centre, *utc))
        return rp_csv_field_error(error, "interval_start",
                                  "'%s' is not on the %d-minute interval grid",
                                  start, centre->interval_min);
    return TRUE;
}

static gboolean
parse_row(const char *const *f, size_t n, size_t line, ReadCtx *ctx,
          GError **error)
{
    const RpCentre *centre = ctx->centre;
    const char *start = rp_csv_field(f, n, &ctx->cols[COL_START]);
    const char *queue = rp_csv_field(f, n, &ctx->cols[COL_QUEUE]);
    const char *contacts = rp_csv_field(f, n, &ctx->cols[COL_CONTACTS]);
    const char *aht = rp_csv_field(f, n, &ctx->cols[COL_AHT]);
    const char *names[] = {"interval_start", "queue",
                           ctx->cols[COL_CONTACTS].name};
    const char *vals[] = {start, queue, contacts};
    for (size_t i = 0; i < 3; i++)
        if (vals[i] == NULL || *vals[i] == '\0')
            return rp_csv_field_error(error, names[i], "empty");

    RpVolumeRow row = {.aht_s = NAN, .line = line};
    GError *local = NULL;
    gpointer qi = g_hash_table_lookup(ctx->queue_ids, queue);
    if (qi == NULL) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_UNKNOWN,
                    "queue: '%s' is not a queue of the centre (%s)", queue,
                    rp_config_path(centre->config));
        return FALSE;
    }
    size_t q = GPOINTER_TO_SIZE(qi) - 1;
    if (!parse_start(ctx, q, start, &row.start, error))
        return FALSE;
    if (!rp_parse_number(contacts, "a number of contacts", &row.contacts,
                         &local)) {
        g_propagate_prefixed_error(error, local, "%s: ", names[2]);
        return FALSE;
    }
    if (row.contacts < 0.0)
        return rp_csv_field_error(error, names[2], "%s is negative", contacts);
    if (aht != NULL && *aht != '\0') {
        if (!rp_parse_number(aht, "a handling time in seconds", &row.aht_s,
                             &local)) {
            g_propagate_prefixed_error(error, local, "aht_s: ");
            return FALSE;
        }
        if (!(row.aht_s > 0.0))
            return rp_csv_field_error(error, "aht_s", "%s is not above 0", aht);
    }

    if (ctx->v->first <= ctx->v->last &&
        (row.start - ctx->v->first > RP_VOLUMES_MAX_SPAN_S ||
         ctx->v->last - row.start > RP_VOLUMES_MAX_SPAN_S)) {
        /* a mistyped year would otherwise make every interval between
         * the two a gap to walk and report */
        char other[RP_CLOCK_BUF];
        gboolean later = row.start > ctx->v->last;
        rp_clock_format(centre->clock, later ? ctx->v->first : ctx->v->last,
                        other, sizeof other);
        return rp_csv_field_error(
            error, "interval_start",
            "%s is more than %d years from %s on line %zu: a volumes file "
            "covers at most %d years (a mistyped year on one of the two "
            "lines?)",
            start, RP_VOLUMES_MAX_YEARS, other,
            later ? ctx->first_line : ctx->last_line, RP_VOLUMES_MAX_YEARS);
    }
    GArray *rows = ctx->v->rows[q];
    if (rows->len > 0 &&
        g_array_index(rows, RpVolumeRow, rows->len - 1).start >= row.start)
        return out_of_order(centre, rows, &row, start, queue, error);
    g_array_append_val(rows, row);
    if (row.start < ctx->v->first) {
        ctx->v->first = row.start;
        ctx->first_line = line;
    }
    if (row.start > ctx->v->last) {
        ctx->v->last = row.start;
        ctx->last_line = line;
    }
    return TRUE;
}

static gboolean
on_record(const char *const *f, size_t n, size_t line, gpointer data,
          GError **error)
{
    ReadCtx *ctx = data;
    if (!ctx->header_seen) {
        ctx->header_seen = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, N_COLS, error);
    }
    return parse_row(f, n, line, ctx, error);
}

gint64
rp_centre_local_day(const RpCentre *centre, gint64 utc)
{
    gint64 local = rp_clock_local(centre->clock, utc);
    return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

static gboolean
report_gap(RpVolumes *v, const RpCentre *centre, size_t q, gint64 t,
           const RpVolumeRow *near, gboolean after, gboolean allow_gaps,
           GError **error)
{
    if (allow_gaps) {
        RpVolumeGap gap = {q, t};
        g_array_append_val(v->gaps, gap);
        return TRUE;
    }
    char when[RP_CLOCK_BUF];
    rp_clock_format(centre->clock, t, when, sizeof when);
    if (v->daily[q])
        when[10] = '\0';
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                "%s:%zu: interval_start: queue %s has no row for %s, "
                "an open %s %s this line",
                v->path, near->line, rp_centre_queue(centre, q)->id, when,
                v->daily[q] ? "day" : "interval", after ? "after" : "before");
    return FALSE;
}

/* A daily queue needs a row for each open day from its first to its
 * last. */
static gboolean
check_daily_gaps(RpVolumes *v, const RpCentre *centre, size_t q,
                 gboolean allow_gaps, GError **error)
{
    GArray *rows = v->rows[q];
    const RpVolumeRow *r = (const RpVolumeRow *)(void *)rows->data;
    gint64 day0 = rp_centre_local_day(centre, r[0].start);
    gint64 day1 = rp_centre_local_day(centre, r[rows->len - 1].start);
    size_t i = 0;
    for (gint64 day = day0; day <= day1; day++) {
        while (i < rows->len && rp_centre_local_day(centre, r[i].start) < day)
            i++;
        if (rp_centre_local_day(centre, r[i].start) == day ||
            !rp_centre_queue_open_day(centre, q, day))
            continue;
        if (!report_gap(v, centre, q, day_start_utc(centre->clock, day),
                        &r[i > 0 ? i - 1 : 0], i > 0, allow_gaps, error))
            return FALSE;
    }
    return TRUE;
}

/* Walks queue q's open intervals from the local day of its first row to
 * that of its last; each must have a row unless gaps are allowed.  Day by
 * day: whether the queue opens on a day (the holiday rules, the costly
 * part) is asked once, and a closed day costs nothing more, so a long
 * span is walked in time proportional to its open intervals. */
static gboolean
check_gaps(RpVolumes *v, const RpCentre *centre, size_t q, gboolean allow_gaps,
           GError **error)
{
    GArray *rows = v->rows[q];
    if (rows->len == 0)
        return TRUE;
    if (v->daily[q])
        return check_daily_gaps(v, centre, q, allow_gaps, error);
    const RpVolumeRow *r = (const RpVolumeRow *)(void *)rows->data;
    gint64 step = rp_centre_interval_s(centre);
    gint64 day0 = rp_centre_local_day(centre, r[0].start);
    gint64 day1 = rp_centre_local_day(centre, r[rows->len - 1].start);
    size_t i = 0;
    for (gint64 day = day0; day <= day1; day++) {
        if (!rp_centre_queue_open_day(centre, q, day))
            continue;
        gint64 midnight = rp_local_midnight(centre->clock, day);
        gint64 end = rp_local_midnight(centre->clock, day + 1);
        /* the first instant of the interval grid at or after midnight */
        gint64 t = midnight + ((step - midnight % step) % step + step) % step;
        for (; t < end; t += step) {
            while (i < rows->len && r[i].start < t)
                i++;
            if (i < rows->len && r[i].start == t)
                continue;
            int minute =
                (int)((rp_clock_local(centre->clock, t) - day * 86400) / 60);
            if (!rp_centre_queue_hours_cover(centre, q, day, minute))
                continue;
            if (!report_gap(v, centre, q, t, &r[i > 0 ? i - 1 : 0], i > 0,
                            allow_gaps, error))
                return FALSE;
        }
    }
    return TRUE;
}

static gint64
gcd64(gint64 a, gint64 b)
{
    while (b != 0) {
        gint64 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Rows of one queue and day that are all a multiple of the interval apart
 * (three rows at least, so a gap or two does not count) come from a file
 * of another interval length, or from a file mixing lengths: said so
 * rather than reported as gaps between every row. */
static gboolean
check_spacing(const RpVolumes *v, const RpCentre *centre, size_t q,
              GError **error)
{
    GArray *rows = v->rows[q];
    if (v->daily[q] || rows->len < 3)
        return TRUE;
    const RpVolumeRow *r = (const RpVolumeRow *)(void *)rows->data;
    gint64 step = rp_centre_interval_s(centre);
    size_t first = 0; /* first row of the current day */
    gint64 g = 0;
    for (size_t i = 1; i <= rows->len; i++) {
        gboolean same_day =
            i < rows->len && rp_centre_local_day(centre, r[i].start) ==
                                 rp_centre_local_day(centre, r[first].start);
        if (same_day) {
            g = gcd64(g, r[i].start - r[i - 1].start);
            continue;
        }
        if (i - first >= 3 && g > step) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s:%zu: interval_start: rows of queue %s on this "
                        "day are %d minutes apart, but the centre's "
                        "interval is %d minutes: the file mixes interval "
                        "lengths or was written for another interval",
                        v->path, r[first + 1].line,
                        rp_centre_queue(centre, q)->id, (int)(g / 60),
                        centre->interval_min);
            return FALSE;
        }
        first = i;
        g = 0;
    }
    return TRUE;
}

void
rp_volumes_params_init(RpVolumesParams *p)
{
    p->contacts_column = "contacts";
    p->allow_gaps = FALSE;
    p->allow_daily = FALSE;
}

RpVolumes *
rp_volumes_read(const char *path, const RpCentre *centre,
                const RpVolumesParams *params, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    return rp_volumes_parse(path, NULL, 0, centre, params, error);
}

RpVolumes *
rp_volumes_parse(const char *name, const char *text, size_t len,
                 const RpCentre *centre, const RpVolumesParams *params,
                 GError **error)
{
    RpVolumesParams defaults;
    const char *path = name;
    g_return_val_if_fail(name != NULL && centre != NULL, NULL);
    if (params == NULL) {
        rp_volumes_params_init(&defaults);
        params = &defaults;
    }
    g_autoptr(RpVolumes) v = g_new0(RpVolumes, 1);
    v->path = g_strdup(path);
    v->n_queues = centre->queues->len;
    v->rows = g_new0(GArray *, v->n_queues);
    v->daily = g_new0(gboolean, v->n_queues);
    for (size_t q = 0; q < v->n_queues; q++)
        v->rows[q] = g_array_new(FALSE, FALSE, sizeof(RpVolumeRow));
    v->gaps = g_array_new(FALSE, FALSE, sizeof(RpVolumeGap));
    v->first = G_MAXINT64;
    v->last = G_MININT64;

    g_autoptr(GHashTable) ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t q = 0; q < v->n_queues; q++)
        g_hash_table_insert(ids, rp_centre_queue(centre, q)->id,
                            GSIZE_TO_POINTER(q + 1));
    ReadCtx ctx = {.centre = centre,
                   .params = params,
                   .v = v,
                   .cols = {{"interval_start", TRUE, -1},
                            {"queue", TRUE, -1},
                            {params->contacts_column, TRUE, -1},
                            {"aht_s", FALSE, -1}},
                   .queue_ids = ids};
    if (!(text ? rp_csv_parse_text(name, text, len, on_record, &ctx, error)
               : rp_csv_parse_file(path, on_record, &ctx, error)))
        return NULL;
    if (v->first > v->last) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no rows of volumes", path);
        return NULL;
    }
    for (size_t q = 0; q < v->n_queues; q++)
        if (!check_spacing(v, centre, q, error) ||
            !check_gaps(v, centre, q, params->allow_gaps, error))
            return NULL;
    return g_steal_pointer(&v);
}

void
rp_volumes_free(RpVolumes *volumes)
{
    if (volumes == NULL)
        return;
    for (size_t q = 0; q < volumes->n_queues; q++)
        if (volumes->rows[q])
            g_array_unref(volumes->rows[q]);
    g_free(volumes->rows);
    g_free(volumes->daily);
    if (volumes->gaps)
        g_array_unref(volumes->gaps);
    g_free(volumes->path);
    g_free(volumes);
}
