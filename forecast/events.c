/* forecast/events.c - the events file: known drivers of demand by date.
 *
 * Key decision: an event is a label over days, not a number typed in.
 * The same label in several rows (council tax bills every March) is one
 * effect that the top-down model estimates from the history; only a
 * driver with no history yet (a service about to join) needs a factor,
 * and then every row of that label must give one, so a label is never
 * half estimated and half assumed. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/transfer.h"
#include "common/units.h"
#include "forecast/forecast_int.h"

enum {
    COL_START,
    COL_END,
    COL_QUEUE,
    COL_LABEL,
    COL_FACTOR,
    COL_KIND,
    COL_FROM,
    COL_SHARE,
    N_COLS
};

#define OPEN_END G_MAXINT32 /* a day number far beyond any history */

static const char *const kind_names[] = {
    [RP_EVENT_EFFECT] = "effect",
    [RP_EVENT_JOINS] = "joins",
    [RP_EVENT_LAUNCH] = "launch",
    [RP_EVENT_MOVES] = "moves",
};

typedef struct {
    const RpCentre *centre;
    RpEvents *ev;
    RpCsvColumn cols[N_COLS];
    gboolean header_seen;
    GArray *label_kind; /* int per label: 0 unseen, 1 estimated, 2 factor */
} EventsCtx;

static gboolean fail(GError **error, int code, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

static gboolean
fail(GError **error, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(error, RP_DATA_ERROR, code, msg);
    return FALSE;
}

static gboolean
parse_day(const char *text, const char *column, gint64 *day, GError **error)
{
    GError *local = NULL;
    if (text == NULL || *text == '\0')
        return fail(error, RP_DATA_ERROR_MISSING, "%s: empty", column);
    if (!rp_parse_date(text, day, &local)) {
        g_propagate_prefixed_error(error, local, "%s: ", column);
        return FALSE;
    }
    return TRUE;
}

static int
label_index(EventsCtx *ctx, const char *label)
{
    GPtrArray *labels = ctx->ev->labels;
    for (guint i = 0; i < labels->len; i++)
        if (strcmp(g_ptr_array_index(labels, i), label) == 0)
            return (int)i;
    if (labels->len == RP_EVENTS_MAX_LABELS)
        return -1;
    g_ptr_array_add(labels, g_strdup(label));
    int unseen = 0;
    g_array_append_val(ctx->label_kind, unseen);
    return (int)labels->len - 1;
}

static gboolean
parse_factor(const char *text, double *factor, GError **error)
{
    GError *local = NULL;
    *factor = NAN;
    if (text == NULL || *text == '\0')
        return TRUE;
    if (!rp_parse_number(text, "a factor (e.g. 1.3)", factor, &local)) {
        g_propagate_prefixed_error(error, local, "factor: ");
        return FALSE;
    }
    if (!(*factor > 0.0))
        return fail(error, RP_DATA_ERROR_VALUE, "factor: %s is not above 0",
                    text);
    return TRUE;
}

static gboolean
parse_kind(const char *text, RpEventKind *kind, GError **error)
{
    *kind = RP_EVENT_EFFECT;
    if (text == NULL || *text == '\0')
        return TRUE;
    for (size_t k = 0; k < G_N_ELEMENTS(kind_names); k++)
        if (strcmp(text, kind_names[k]) == 0) {
            *kind = (RpEventKind)k;
            return TRUE;
        }
    return fail(error, RP_DATA_ERROR_VALUE,
                "kind: '%s' is not effect, joins, launch or moves", text);
}

/* moves: from (another queue) and share, in (0, 1). */
static gboolean
parse_move(const char *from, const char *share, EventsCtx *ctx, RpEvent *e,
           GError **error)
{
    if (e->kind != RP_EVENT_MOVES) {
        if ((from && *from) || (share && *share))
            return fail(error, RP_DATA_ERROR_VALUE,
                        "%s: only a 'moves' row has from and share",
                        from && *from ? "from" : "share");
        return TRUE;
    }
    if (from == NULL || *from == '\0')
        return fail(error, RP_DATA_ERROR_MISSING,
                    "from: empty (the queue the contacts move from)");
    e->from = rp_centre_queue_index(ctx->centre, from);
    if (e->from < 0 || e->from == e->queue)
        return fail(error, RP_DATA_ERROR_UNKNOWN,
                    "from: '%s' is not another queue of the centre", from);
    GError *local = NULL;
    if (share == NULL || *share == '\0')
        return fail(error, RP_DATA_ERROR_MISSING,
                    "share: empty (the share of its contacts that move, "
                    "e.g. 30%%)");
    if (!rp_parse_proportion(share, &e->share, &local)) {
        g_propagate_prefixed_error(error, local, "share: ");
        return FALSE;
    }
    if (!(e->share > 0.0 && e->share < 1.0))
        return fail(error, RP_DATA_ERROR_VALUE,
                    "share: %s is not above 0%% and below 100%%", share);
    return TRUE;
}

static gboolean
parse_event(const char *const *f, size_t n, size_t line, EventsCtx *ctx,
            GError **error)
{
    RpEvent e = {.line = line, .queue = -1, .from = -1};
    const char *queue = rp_csv_field(f, n, &ctx->cols[COL_QUEUE]);
    const char *label = rp_csv_field(f, n, &ctx->cols[COL_LABEL]);
    const char *end = rp_csv_field(f, n, &ctx->cols[COL_END]);
    if (!parse_kind(rp_csv_field(f, n, &ctx->cols[COL_KIND]), &e.kind, error) ||
        !parse_day(rp_csv_field(f, n, &ctx->cols[COL_START]), "start",
                   &e.first_day, error))
        return FALSE;
    if (e.kind != RP_EVENT_EFFECT && (end == NULL || *end == '\0'))
        e.last_day = e.kind == RP_EVENT_LAUNCH ? e.first_day - 1 : OPEN_END;
    else if (!parse_day(end, "end", &e.last_day, error))
        return FALSE;
    if (e.last_day < e.first_day &&
        !(e.kind == RP_EVENT_LAUNCH && e.last_day == e.first_day - 1))
        return fail(error, RP_DATA_ERROR_VALUE, "end: %s is before start %s",
                    rp_csv_field(f, n, &ctx->cols[COL_END]),
                    rp_csv_field(f, n, &ctx->cols[COL_START]));
    if (queue == NULL || *queue == '\0')
        return fail(error, RP_DATA_ERROR_MISSING,
                    "queue: empty (a queue id or 'all')");
    if (strcmp(queue, "all") != 0) {
        e.queue = rp_centre_queue_index(ctx->centre, queue);
        if (e.queue < 0)
            return fail(error, RP_DATA_ERROR_UNKNOWN,
                        "queue: '%s' is not a queue of the centre (%s), "
                        "nor 'all'",
                        queue, rp_config_path(ctx->centre->config));
    }
    if (label == NULL || *label == '\0')
        return fail(error, RP_DATA_ERROR_MISSING, "label: empty");
    if (e.kind != RP_EVENT_EFFECT && e.queue < 0)
        return fail(error, RP_DATA_ERROR_VALUE,
                    "queue: a '%s' row names one queue, not all",
                    kind_names[e.kind]);
    if (!parse_factor(rp_csv_field(f, n, &ctx->cols[COL_FACTOR]), &e.factor,
                      error) ||
        !parse_move(rp_csv_field(f, n, &ctx->cols[COL_FROM]),
                    rp_csv_field(f, n, &ctx->cols[COL_SHARE]), ctx, &e, error))
        return FALSE;
    if (e.kind == RP_EVENT_JOINS && isnan(e.factor))
        return fail(error, RP_DATA_ERROR_MISSING,
                    "factor: empty (a service joining needs its factor, "
                    "e.g. 1.3 for 30%% more contacts)");
    if (e.kind == RP_EVENT_MOVES && !isnan(e.factor))
        return fail(error, RP_DATA_ERROR_VALUE,
                    "factor: a 'moves' row has a share, not a factor");
    e.label = label_index(ctx, label);
    if (e.label < 0)
        return fail(error, RP_DATA_ERROR_VALUE,
                    "label: '%s' is one label too many (at most %d)", label,
                    RP_EVENTS_MAX_LABELS);
    int *seen = &g_array_index(ctx->label_kind, int, e.label);
    int kind = isnan(e.factor) ? 1 : 2;
    if (*seen != 0 && *seen != kind)
        return fail(error, RP_DATA_ERROR_VALUE,
                    "factor: label '%s' has a factor in some rows and not in "
                    "others: give every row of it one, or none",
                    label);
    *seen = kind;
    g_array_append_val(ctx->ev->events, e);
    return TRUE;
}

static gboolean
on_record(const char *const *f, size_t n, size_t line, gpointer data,
          GError **error)
{
    EventsCtx *ctx = data;
    if (!ctx->header_seen) {
        ctx->header_seen = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, N_COLS, error);
    }
    return parse_event(f, n, line, ctx, error);
}

RpEvents *
rp_events_read(const char *path, const RpCentre *centre, GError **error)
{
    g_return_val_if_fail(path != NULL && centre != NULL, NULL);
    g_autoptr(RpEvents) ev = g_new0(RpEvents, 1);
    ev->path = g_strdup(path);
    ev->events = g_array_new(FALSE, FALSE, sizeof(RpEvent));
    ev->labels = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) kinds = g_array_new(FALSE, FALSE, sizeof(int));
    EventsCtx ctx = {.centre = centre,
                     .ev = ev,
                     .cols = {{"start", TRUE, -1},
                              {"end", TRUE, -1},
                              {"queue", TRUE, -1},
                              {"label", TRUE, -1},
                              {"factor", FALSE, -1},
                              {"kind", FALSE, -1},
                              {"from", FALSE, -1},
                              {"share", FALSE, -1}},
                     .label_kind = kinds};
    if (!rp_csv_parse_file(path, on_record, &ctx, error))
        return NULL;
    return g_steal_pointer(&ev);
}

void
rp_events_free(RpEvents *events)
{
    if (events == NULL)
        return;
    g_free(events->path);
    if (events->events)
        g_array_unref(events->events);
    if (events->labels)
        g_ptr_array_unref(events->labels);
    g_free(events);
}

/* ---- moves and launches ------------------------------------------------- */

RpVolumes *
rp_events_prepare(const RpEvents *events, const RpCentre *centre,
                  const RpVolumes *v, gint64 start_day)
{
    RpVolumes *out = NULL;
    for (guint i = 0; i < events->events->len; i++) {
        const RpEvent *e = &g_array_index(events->events, RpEvent, i);
        if ((e->kind != RP_EVENT_MOVES && e->kind != RP_EVENT_LAUNCH) ||
            e->first_day >= start_day)
            continue;
        if (out == NULL)
            out = rp_volumes_copy(v);
        if (e->kind == RP_EVENT_MOVES) {
            /* the days before the move made as they would be after it */
            rp_volumes_move(centre, out, (size_t)e->from, (size_t)e->queue,
                            e->share, NAN, G_MININT64, e->first_day - 1);
            continue;
        }
        GArray *rows = out->rows[e->queue];
        guint keep = 0;
        while (keep < rows->len &&
               rp_centre_local_day(
                   centre, g_array_index(rows, RpVolumeRow, keep).start) <
                   e->first_day)
            keep++;
        g_array_remove_range(rows, 0, keep);
    }
    return out;
}

static RpQueueForecast *
queue_forecast(RpForecast *f, int queue)
{
    for (guint i = 0; i < f->queues->len; i++) {
        RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
        if ((int)qf->queue == queue)
            return qf;
    }
    return NULL;
}

/* Moves share of `from`'s forecast to `to` on forecast day d: slot by
 * slot where `to` is open, the rest over `to`'s open slots that day. */
static void
move_day(RpQueueForecast *from, const RpQueueSeries *fs, RpQueueForecast *to,
         const RpQueueSeries *ts, size_t d, double share)
{
    double spill = 0.0, open_sum = 0.0;
    size_t n_open = 0;
    for (size_t k = 0; k < ts->n_slots; k++)
        if (!isnan(to->mean[d * ts->n_slots + k])) {
            open_sum += to->mean[d * ts->n_slots + k];
            n_open++;
        }
    for (size_t k = 0; k < fs->n_slots; k++) {
        double *m = &from->mean[d * fs->n_slots + k];
        if (isnan(*m))
            continue;
        double moved = share * *m;
        *m -= moved;
        /* the same slot when both have slots of one length */
        size_t tk = fs->n_slots == ts->n_slots ? k : ts->n_slots;
        if (tk < ts->n_slots && !isnan(to->mean[d * ts->n_slots + tk]))
            to->mean[d * ts->n_slots + tk] += moved;
        else
            spill += moved;
    }
    for (size_t k = 0; k < ts->n_slots && n_open > 0; k++) {
        double *m = &to->mean[d * ts->n_slots + k];
        if (!isnan(*m))
            *m +=
                spill * (open_sum > 0.0 ? *m / open_sum : 1.0 / (double)n_open);
    }
}

gboolean
rp_forecast_apply_moves(RpForecast *f, GError **error)
{
    const RpHistory *h = f->history;
    if (h->events == NULL)
        return TRUE;
    for (guint i = 0; i < h->events->events->len; i++) {
        const RpEvent *e = &g_array_index(h->events->events, RpEvent, i);
        RpQueueForecast *from = queue_forecast(f, e->from);
        if (e->kind != RP_EVENT_MOVES || from == NULL)
            continue;
        const RpQueueSeries *fs = h->series[e->from];
        gint64 day0 = fs->first_day + (gint64)fs->n_hist;
        gint64 day1 = fs->first_day + (gint64)fs->n_days - 1;
        if (e->first_day < day0 || e->first_day > day1)
            continue; /* before the forecast: in the history already */
        RpQueueForecast *to = queue_forecast(f, e->queue);
        if (to == NULL) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "%s:%zu: queue: %s has no history to forecast, so "
                        "the contacts moving to it from %s cannot be "
                        "forecast here (a scenario's shift key can: "
                        "docs/scenarios.md)",
                        h->events->path, e->line,
                        rp_centre_queue(h->centre, (size_t)e->queue)->id,
                        rp_centre_queue(h->centre, (size_t)e->from)->id);
            return FALSE;
        }
        const RpQueueSeries *ts = h->series[e->queue];
        for (gint64 day = e->first_day; day <= day1; day++) {
            size_t d = (size_t)(day - day0);
            move_day(from, fs, to, ts, d, e->share);
            rp_fc_quantiles_day(from, fs->n_slots, d);
            rp_fc_quantiles_day(to, ts->n_slots, d);
        }
    }
    return TRUE;
}
