/* roster/demand.c - reading the requirements of `rotaplan staff`
 * and last week's rota.
 *
 * Requirement rows are gathered first and laid on the grid afterwards,
 * because the week is only known once every row is read: it runs from
 * local midnight of the first row's day to the end of the last row's day,
 * in UTC intervals, so a day with a clock change has 92 or 100 quarter
 * hours. */
#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"
#include "roster/roster_int.h"

gint64
rp_local_day(const RpClock *clock, gint64 utc)
{
    gint64 local = rp_clock_local(clock, utc);
    return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

int
rp_local_minute(const RpClock *clock, gint64 day, gint64 utc)
{
    return (int)((rp_clock_local(clock, utc) - day * 86400) / 60);
}

void
rp_roster_requirements_free(RpRosterDemand *req)
{
    if (req == NULL)
        return;
    g_free(req->path);
    g_free(req->required);
    g_free(req->weights);
    g_free(req->n_weights);
    g_free(req->line);
    g_free(req);
}

/* ---- requirements ------------------------------------------------------ */

enum {
    R_START,
    R_QUEUE,
    R_SITE,
    R_REQUIRED,
    R_WEIGHT,
    R_WEIGHTS,
    R_SIZED,
    R_N
};

typedef struct {
    gint64 utc;
    int queue;
    double required;
    double weights[RP_ROSTER_MAX_WEIGHTS];
    guint8 n_weights;
    size_t line;
} Row;

typedef struct {
    const RpCentre *centre;
    RpCsvColumn cols[R_N];
    gboolean header;
    gboolean pooled; /* a row's sized_as says the phones were pooled */
    GArray *rows;    /* Row */
} ReqCtx;

static gboolean
number(const char *text, const char *name, double *out, GError **error)
{
    if (text == NULL || !rp_parse_number(text, "a number", out, NULL) ||
        *out < 0.0)
        return rp_csv_field_error(
            error, name, "'%s' is not a number of 0 or more", text ? text : "");
    return TRUE;
}

/* The `weights` field: numbers separated by ';', none below the one
 * before, since the solver relies on the cost of being short being
 * convex (roster_int.h (3)). */
static gboolean
parse_weights(const char *text, Row *r, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(text, ";", -1);
    guint n = g_strv_length(parts);
    if (n > RP_ROSTER_MAX_WEIGHTS)
        return rp_csv_field_error(error, "weights",
                                  "'%s' has %u values, more than the %d read",
                                  text, n, RP_ROSTER_MAX_WEIGHTS);
    for (guint k = 0; k < n; k++) {
        if (!number(g_strstrip(parts[k]), "weights", &r->weights[k], error))
            return FALSE;
        if (k > 0 && r->weights[k] < r->weights[k - 1])
            return rp_csv_field_error(
                error, "weights",
                "'%s' falls from %s to %s (each officer short must cost at "
                "least as much as the one before)",
                text, parts[k - 1], parts[k]);
    }
    r->n_weights = (guint8)n;
    return TRUE;
}

/* `sized_as`, as `rotaplan staff` writes it: a phone line's share of
 * the pool (`pool`), its check on its own (`alone`) or with a set of
 * lines (`set:A+B`), a queue sized on its own (`queue`), deferred work
 * (`backlog`).  Sets `pooled` on the first three. */
static gboolean
parse_sized_as(const char *text, gboolean *pooled, GError **error)
{
    if (text == NULL || strcmp(text, "queue") == 0 ||
        strcmp(text, "backlog") == 0)
        return TRUE;
    if (strcmp(text, "pool") == 0 || strcmp(text, "alone") == 0 ||
        (g_str_has_prefix(text, "set:") && text[4] != '\0')) {
        *pooled = TRUE;
        return TRUE;
    }
    return rp_csv_field_error(error, "sized_as",
                              "'%s' is not pool, alone, set:LINES, queue or "
                              "backlog",
                              text);
}

/* `required`, and the cost of each officer short: `weights`, or in files
 * without it `weight` as a list of one. */
static gboolean
row_numbers(const char *const *f, size_t n, const ReqCtx *ctx, Row *r,
            GError **error)
{
    if (!number(rp_field(f, n, &ctx->cols[R_REQUIRED]), "required",
                &r->required, error))
        return FALSE;
    const char *ws = rp_field(f, n, &ctx->cols[R_WEIGHTS]);
    if (ws != NULL)
        return parse_weights(ws, r, error);
    const char *w = rp_field(f, n, &ctx->cols[R_WEIGHT]);
    if (w == NULL)
        return TRUE;
    r->n_weights = 1;
    return number(w, "weight", &r->weights[0], error);
}

static gboolean
req_row(const char *const *f, size_t n, size_t line, gpointer data,
        GError **error)
{
    ReqCtx *ctx = data;
    const RpCentre *c = ctx->centre;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, R_N, error);
    }
    Row r = {.line = line};
    const char *v = rp_field(f, n, &ctx->cols[R_QUEUE]);
    if (v == NULL || (r.queue = rp_centre_queue_index(c, v)) < 0)
        return rp_csv_field_error(
            error, "queue", "'%s' is not a queue of the centre", v ? v : "");
    const RpQueue *q = rp_centre_queue(c, (size_t)r.queue);
    const char *site = rp_field(f, n, &ctx->cols[R_SITE]);
    const char *want =
        q->site >= 0 ? rp_centre_site(c, (size_t)q->site)->id : NULL;
    if (g_strcmp0(site, want) != 0)
        return rp_csv_field_error(error, "site",
                                  "'%s' is not the site of queue %s ('%s')",
                                  site ? site : "", q->id, want ? want : "");
    v = rp_field(f, n, &ctx->cols[R_START]);
    GError *local = NULL;
    if (v == NULL || !rp_clock_parse(c->clock, v, &r.utc, &local)) {
        rp_csv_field_error(error, "interval_start", "%s",
                           local ? local->message : "missing");
        g_clear_error(&local);
        return FALSE;
    }
    gint64 day = rp_local_day(c->clock, r.utc);
    if ((r.utc - rp_local_midnight(c->clock, day)) % rp_centre_interval_s(c) !=
        0)
        return rp_csv_field_error(error, "interval_start",
                                  "%s is not on the %d-minute interval grid", v,
                                  c->interval_min);
    if (!row_numbers(f, n, ctx, &r, error) ||
        !parse_sized_as(rp_field(f, n, &ctx->cols[R_SIZED]), &ctx->pooled,
                        error))
        return FALSE;
    g_array_append_val(ctx->rows, r);
    return TRUE;
}

/* Lays the rows on the week's grid. */
static gboolean
build(const RpCentre *c, const char *path, GArray *rows, RpRosterDemand *req,
      GError **error)
{
    gint64 lo = G_MAXINT64, hi = G_MININT64;
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        lo = MIN(lo, r->utc);
        hi = MAX(hi, r->utc);
    }
    req->first_day = rp_local_day(c->clock, lo);
    gint64 last = rp_local_day(c->clock, hi);
    if (last - req->first_day + 1 > RP_ROSTER_MAX_DAYS) {
        char a[16], b[16];
        rp_format_date(req->first_day, a, sizeof a);
        rp_format_date(last, b, sizeof b);
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s: interval_start: the requirements run from %s to %s; "
                    "a rota covers at most %d days",
                    path, a, b, RP_ROSTER_MAX_DAYS);
        return FALSE;
    }
    req->n_days = (size_t)(last - req->first_day + 1);
    req->start_utc = rp_local_midnight(c->clock, req->first_day);
    gint64 end = rp_local_midnight(c->clock, last + 1);
    req->n_intervals =
        (size_t)((end - req->start_utc) / rp_centre_interval_s(c));
    req->n_queues = c->queues->len;
    size_t cells = req->n_queues * req->n_intervals;
    req->required = g_new0(double, cells);
    req->weights = g_new0(double, cells *RP_ROSTER_MAX_WEIGHTS);
    req->n_weights = g_new0(guint8, cells);
    req->line = g_new0(size_t, cells);
    for (guint i = 0; i < rows->len; i++) {
        const Row *r = &g_array_index(rows, Row, i);
        size_t t =
            (size_t)((r->utc - req->start_utc) / rp_centre_interval_s(c));
        size_t k = (size_t)r->queue * req->n_intervals + t;
        if (req->line[k] != 0) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_DUPLICATE,
                        "%s:%zu: interval_start: queue %s already has this "
                        "interval on line %zu",
                        path, r->line, rp_centre_queue(c, (size_t)r->queue)->id,
                        req->line[k]);
            return FALSE;
        }
        req->required[k] = r->required;
        memcpy(req->weights + k * RP_ROSTER_MAX_WEIGHTS, r->weights,
               sizeof r->weights);
        req->n_weights[k] = r->n_weights;
        req->line[k] = r->line;
    }
    return TRUE;
}

gboolean
rp_roster_input_read_requirements(RpRosterInput *input, const char *path,
                                  GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_return_val_if_fail(input->req == NULL, FALSE);
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(Row));
    ReqCtx ctx = {.centre = input->centre,
                  .cols = {{"interval_start", TRUE, -1},
                           {"queue", TRUE, -1},
                           {"site", FALSE, -1},
                           {"required", TRUE, -1},
                           {"weight", FALSE, -1},
                           {"weights", FALSE, -1},
                           {"sized_as", FALSE, -1}},
                  .rows = rows};
    if (!rp_csv_parse_file(path, req_row, &ctx, error))
        return FALSE;
    if (rows->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no requirement rows (is it the output of rotaplan "
                    "staff?)",
                    path);
        return FALSE;
    }
    RpRosterDemand *req = g_new0(RpRosterDemand, 1);
    req->path = g_strdup(path);
    req->pooled = ctx.pooled;
    if (!build(input->centre, path, rows, req, error)) {
        rp_roster_requirements_free(req);
        return FALSE;
    }
    input->req = req;
    return TRUE;
}

/* ---- last week's rota -------------------------------------------------- */

enum { V_OFFICER, V_DATE, V_END, V_N };

typedef struct {
    const RpRosterInput *input;
    RpCsvColumn cols[V_N];
    gboolean header;
    gint64 *end_utc; /* [officer] */
    size_t *line;    /* [officer]: the row of that end */
    guint8 *worked;  /* [officer * 7 + k]: worked k + 1 days before */
} PrevCtx;

static gboolean
prev_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error)
{
    PrevCtx *ctx = data;
    const RpCentre *c = ctx->input->centre;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, V_N, error);
    }
    const char *id = rp_field(f, n, &ctx->cols[V_OFFICER]);
    int i = id ? rp_roster_officer_index(ctx->input, id) : -1;
    if (i < 0)
        return TRUE; /* an officer who has left */
    const char *date = rp_field(f, n, &ctx->cols[V_DATE]);
    const char *end = rp_field(f, n, &ctx->cols[V_END]);
    gint64 day;
    int end_min;
    if (date == NULL || !rp_parse_date(date, &day, NULL))
        return rp_csv_field_error(
            error, "date", "'%s' is not a date (YYYY-MM-DD)", date ? date : "");
    if (end == NULL || !rp_parse_clock(end, &end_min, NULL))
        return rp_csv_field_error(
            error, "end", "'%s' is not a clock time (HH:MM)", end ? end : "");
    gint64 first = ctx->input->req->first_day;
    if (day >= first)
        return rp_csv_field_error(error, "date",
                                  "%s is not before the rota's week", date);
    gint64 cand[2], end_utc;
    if (rp_clock_resolve(c->clock, day * 86400 + (gint64)end_min * 60, cand) >
        0)
        end_utc = cand[0];
    else /* in the hour the clocks skip: the instant an hour later */
        end_utc = rp_local_midnight(c->clock, day) + (gint64)end_min * 60;
    if (end_utc > ctx->end_utc[i]) {
        ctx->end_utc[i] = end_utc;
        ctx->line[i] = line;
    }
    if (first - day <= 7)
        ctx->worked[(size_t)i * 7 + (size_t)(first - day - 1)] = 1;
    return TRUE;
}

gboolean
rp_roster_input_read_previous(RpRosterInput *input, const char *path,
                              GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_return_val_if_fail(input->req != NULL, FALSE);
    size_t n_o = input->officers->len;
    g_autofree gint64 *end_utc = g_new(gint64, n_o);
    g_autofree guint8 *worked = g_new0(guint8, n_o * 7);
    g_autofree size_t *line = g_new0(size_t, n_o);
    for (size_t i = 0; i < n_o; i++)
        end_utc[i] = G_MININT64;
    PrevCtx ctx = {
        .input = input,
        .cols = {{"officer", TRUE, -1}, {"date", TRUE, -1}, {"end", TRUE, -1}},
        .end_utc = end_utc,
        .line = line,
        .worked = worked};
    if (!rp_csv_parse_file(path, prev_row, &ctx, error))
        return FALSE;
    g_free(input->prev_run);
    input->prev_run = g_new0(int, n_o);
    for (size_t i = 0; i < n_o; i++)
        while (input->prev_run[i] < 7 &&
               worked[i * 7 + (size_t)input->prev_run[i]])
            input->prev_run[i]++;
    g_free(input->prev_end_utc);
    input->prev_end_utc = g_steal_pointer(&end_utc);
    g_free(input->prev_line);
    input->prev_line = g_steal_pointer(&line);
    g_free(input->previous_path);
    input->previous_path = g_strdup(path);
    return TRUE;
}
