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
#include "common/units.h"
#include "forecast/forecast.h"

enum { COL_START, COL_END, COL_QUEUE, COL_LABEL, COL_FACTOR, N_COLS };

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
parse_event(const char *const *f, size_t n, size_t line, EventsCtx *ctx,
            GError **error)
{
    RpEvent e = {.line = line, .queue = -1};
    const char *queue = rp_csv_field(f, n, &ctx->cols[COL_QUEUE]);
    const char *label = rp_csv_field(f, n, &ctx->cols[COL_LABEL]);
    if (!parse_day(rp_csv_field(f, n, &ctx->cols[COL_START]), "start",
                   &e.first_day, error) ||
        !parse_day(rp_csv_field(f, n, &ctx->cols[COL_END]), "end", &e.last_day,
                   error))
        return FALSE;
    if (e.last_day < e.first_day)
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
    if (!parse_factor(rp_csv_field(f, n, &ctx->cols[COL_FACTOR]), &e.factor,
                      error))
        return FALSE;
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
                              {"factor", FALSE, -1}},
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
