/* models/backlog.c - reading back the deferred work a plan left: the
 * backlog.csv of last week's plan (queue,date,items,hours), the opening
 * backlog of rp_evaluate(). */
#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"
#include "models/evaluate.h"

typedef struct {
    const RpCentre *centre;
    gint64 monday;
    RpCsvColumn cols[4];
    GArray *items; /* RpBacklogItem */
} BacklogReader;

static gboolean
backlog_number(const char *const *f, size_t n, const RpCsvColumn *col,
               double *x, GError **error)
{
    const char *v = rp_csv_field(f, n, col);
    GError *local = NULL;
    if (v == NULL || !rp_parse_number(v, "a number", x, &local)) {
        rp_csv_field_error(error, col->name, "%s",
                           local ? local->message : "missing");
        g_clear_error(&local);
        return FALSE;
    }
    if (*x < 0.0)
        return rp_csv_field_error(error, col->name, "'%s' is negative", v);
    return TRUE;
}

static gboolean
backlog_row(const char *const *f, size_t n, size_t line, gpointer data,
            GError **error)
{
    BacklogReader *r = data;
    if (line == 1)
        return rp_csv_map_header(f, n, r->cols, G_N_ELEMENTS(r->cols), error);
    const char *id = rp_csv_field(f, n, &r->cols[0]);
    int q = id ? rp_centre_queue_index(r->centre, id) : -1;
    if (q < 0 ||
        !rp_channel_is_deferred(rp_centre_queue(r->centre, (size_t)q)->channel))
        return rp_csv_field_error(error, "queue",
                                  "'%s' is not a deferred-work queue of the "
                                  "centre",
                                  id ? id : "");
    RpBacklogItem b = {.queue = (guint)q};
    const char *date = rp_csv_field(f, n, &r->cols[1]);
    GError *local = NULL;
    if (date == NULL || !rp_parse_date(date, &b.day, &local)) {
        rp_csv_field_error(error, "date", "%s",
                           local ? local->message : "missing");
        g_clear_error(&local);
        return FALSE;
    }
    if (b.day >= r->monday)
        return rp_csv_field_error(error, "date",
                                  "%s is not before the week planned", date);
    if (!backlog_number(f, n, &r->cols[2], &b.items, error) ||
        !backlog_number(f, n, &r->cols[3], &b.hours, error))
        return FALSE;
    g_array_append_val(r->items, b);
    return TRUE;
}

GArray *
rp_backlog_read(const char *path, const RpCentre *centre, gint64 monday,
                GError **error)
{
    BacklogReader r = {centre,
                       monday,
                       {{"queue", TRUE, -1},
                        {"date", TRUE, -1},
                        {"items", TRUE, -1},
                        {"hours", TRUE, -1}},
                       g_array_new(FALSE, FALSE, sizeof(RpBacklogItem))};
    if (!rp_csv_parse_file(path, backlog_row, &r, error)) {
        g_array_unref(r.items);
        return NULL;
    }
    return r.items;
}
