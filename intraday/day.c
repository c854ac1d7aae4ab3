/* intraday/day.c - one day of a published rota, read back from the rota
 * and activities files of a plan, changed by absences and late starts,
 * and written back into those files.
 *
 * Key decision: the files are rewritten row by row in their own order,
 * only the chosen day's rows replaced, so every other day of the week
 * reads back exactly as the plan wrote it. */
#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"
#include "intraday/intraday.h"

/* ---- the day's clock ----------------------------------------------------- */

gint64
rp_day_interval(const RpDay *d, gint64 utc)
{
    gint64 step = rp_centre_interval_s(d->centre);
    gint64 rel = utc - d->start_utc;
    return rel >= 0 ? rel / step : -((-rel + step - 1) / step);
}

/* "HH:MM" on the day -> interval index; FALSE when it is not a time. */
static gboolean
clock_interval(const RpDay *d, const char *text, gint64 *t, GError **error)
{
    int min;
    if (!rp_parse_clock(text, &min, error))
        return FALSE;
    gint64 utc[2];
    if (rp_clock_resolve(d->centre->clock, d->day * 86400 + min * 60, utc) ==
        0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME,
                    "%s does not exist on that day", text);
        return FALSE;
    }
    *t = rp_day_interval(d, utc[0]);
    return TRUE;
}

static void
format_interval(const RpDay *d, size_t t, char *buf, size_t size)
{
    gint64 utc = d->start_utc + (gint64)t * rp_centre_interval_s(d->centre);
    int min =
        (int)((rp_clock_local(d->centre->clock, utc) - d->day * 86400) / 60);
    g_snprintf(buf, size, "%02d:%02d", min / 60, min % 60);
}

/* ---- the day ------------------------------------------------------------- */

static void
officer_free(gpointer p)
{
    RpDayOfficer *o = p;
    g_free(o->id);
    g_free(o->name);
    g_free(o->activity);
    g_free(o);
}

void
rp_day_free(RpDay *d)
{
    if (d == NULL)
        return;
    g_ptr_array_unref(d->officers);
    g_free(d);
}

static RpDay *
day_new(const RpCentre *centre, gint64 day)
{
    RpDay *d = g_new0(RpDay, 1);
    d->centre = centre;
    d->day = day;
    d->start_utc = rp_local_midnight(centre->clock, day);
    d->n_intervals =
        (size_t)((rp_local_midnight(centre->clock, day + 1) - d->start_utc) /
                 rp_centre_interval_s(centre));
    d->officers = g_ptr_array_new_with_free_func(officer_free);
    return d;
}

RpDay *
rp_day_copy(const RpDay *d)
{
    RpDay *c = day_new(d->centre, d->day);
    for (guint i = 0; i < d->officers->len; i++) {
        const RpDayOfficer *o = g_ptr_array_index(d->officers, i);
        RpDayOfficer *n = g_memdup2(o, sizeof *o);
        n->id = g_strdup(o->id);
        n->name = g_strdup(o->name);
        n->activity = g_memdup2(o->activity, d->n_intervals * sizeof(gint16));
        g_ptr_array_add(c->officers, n);
    }
    return c;
}

int
rp_day_officer_index(const RpDay *d, const char *id)
{
    for (guint i = 0; i < d->officers->len; i++)
        if (strcmp(((RpDayOfficer *)g_ptr_array_index(d->officers, i))->id,
                   id) == 0)
            return (int)i;
    return -1;
}

/* ---- reading ------------------------------------------------------------- */

typedef struct {
    RpDay *d;
    char date[16];
    RpCsvColumn cols[8];
    size_t n_cols;
    gboolean header;
    size_t *line_of; /* activities: [officer * n_intervals + t] line, 0 */
} Reader;

static gboolean
map_header(Reader *r, const char *const *fields, size_t n, GError **error)
{
    r->header = TRUE;
    return rp_csv_map_header(fields, n, r->cols, r->n_cols, error);
}

static const char *
field(const Reader *r, const char *const *fields, size_t n, size_t col)
{
    const char *f = rp_csv_field(fields, n, &r->cols[col]);
    return f ? f : "";
}

static RpDayOfficer *
officer_of(const Reader *r, const char *id, GError **error)
{
    int o = rp_day_officer_index(r->d, id);
    if (o < 0) {
        rp_csv_field_error(error, "officer",
                           "'%s' is not in the plan's officers file", id);
        return NULL;
    }
    return g_ptr_array_index(r->d->officers, (guint)o);
}

/* Break windows of officer `o`'s shift from its site's rules: the k-th
 * break of the shift is the k-th rule that applies to its length. */
static void
break_windows(const RpDay *d, RpDayOfficer *o)
{
    const RpShiftRules *rules = rp_rules_site(d->centre, (size_t)o->site);
    int step = d->centre->interval_min;
    int length = (int)(o->end - o->start) * step, k = 0;
    for (size_t i = 0; rules && i < rules->n_breaks && k < o->n_breaks; i++) {
        const RpBreakRule *b = &rules->breaks[i];
        if (length <= b->over_min)
            continue;
        if ((size_t)(b->length_min / step) != o->break_len[k])
            break;
        int lo, hi;
        rp_break_window(b, length, &lo, &hi);
        o->break_earliest[k] = o->start + (size_t)(lo / step);
        o->break_latest[k] = o->start + (size_t)(hi / step);
        k++;
    }
    for (; k < o->n_breaks; k++)
        o->break_earliest[k] = o->break_latest[k] = o->break_start[k];
}

enum { R_OFFICER, R_NAME, R_DATE, R_SITE, R_START, R_END, R_BREAKS, R_PAID };

static gboolean
read_breaks(RpDay *d, RpDayOfficer *o, const char *text, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(text, ";", -1);
    for (size_t i = 0; parts[i] && *parts[i]; i++) {
        g_auto(GStrv) ends = g_strsplit(parts[i], "-", 2);
        gint64 a, b;
        if (o->n_breaks == RP_MAX_BREAKS || ends[1] == NULL ||
            !clock_interval(d, ends[0], &a, NULL) ||
            !clock_interval(d, ends[1], &b, NULL) || a <= (gint64)o->start ||
            b <= a || b >= (gint64)o->end)
            return rp_csv_field_error(error, "breaks",
                                      "'%s' is not a break inside the shift",
                                      parts[i]);
        int k = o->n_breaks++;
        o->break_start[k] = (size_t)a;
        o->break_len[k] = (size_t)(b - a);
        o->break_paid[k] = TRUE;
    }
    return TRUE;
}

static gboolean
rota_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error)
{
    Reader *r = data;
    if (!r->header)
        return map_header(r, f, n, error);
    RpDayOfficer *o = officer_of(r, field(r, f, n, R_OFFICER), error);
    if (o == NULL)
        return FALSE;
    double paid_h;
    if (!rp_parse_number(field(r, f, n, R_PAID), "paid_hours", &paid_h, error))
        return FALSE;
    o->week_paid_min += (int)lround(paid_h * 60.0);
    if (strcmp(field(r, f, n, R_DATE), r->date) > 0 &&
        o->next_start_utc == G_MININT64) {
        g_autofree char *when = g_strdup_printf("%sT%s", field(r, f, n, R_DATE),
                                                field(r, f, n, R_START));
        if (!rp_clock_parse(r->d->centre->clock, when, &o->next_start_utc,
                            error))
            return FALSE;
    }
    if (strcmp(field(r, f, n, R_DATE), r->date) != 0)
        return TRUE;
    if (o->line != 0)
        return rp_csv_field_error(error, "date",
                                  "a second shift for %s on %s (line %zu)",
                                  o->id, r->date, o->line);
    int site = rp_centre_site_index(r->d->centre, field(r, f, n, R_SITE));
    if (site < 0)
        return rp_csv_field_error(error, "site", "unknown site '%s'",
                                  field(r, f, n, R_SITE));
    gint64 a, b;
    GError *local = NULL;
    const char *bad = NULL;
    if (!clock_interval(r->d, field(r, f, n, R_START), &a, &local))
        bad = "start";
    else if (!clock_interval(r->d, field(r, f, n, R_END), &b, &local))
        bad = "end";
    if (bad != NULL) {
        rp_csv_field_error(error, bad, "%s", local->message);
        g_error_free(local);
        return FALSE;
    }
    if (strcmp(field(r, f, n, R_END), "00:00") == 0)
        b = (gint64)r->d->n_intervals;
    if (a < 0 || b <= a || b > (gint64)r->d->n_intervals)
        return rp_csv_field_error(error, "end",
                                  "the shift %s-%s is not a "
                                  "shift of that day",
                                  field(r, f, n, R_START),
                                  field(r, f, n, R_END));
    o->site = site;
    o->start = (size_t)a;
    o->end = (size_t)b;
    o->line = line;
    g_free(o->name);
    o->name = g_strdup(field(r, f, n, R_NAME));
    if (!read_breaks(r->d, o, field(r, f, n, R_BREAKS), error))
        return FALSE;
    for (size_t t = o->start; t < o->end; t++)
        o->activity[t] = RP_DAY_IDLE;
    for (int k = 0; k < o->n_breaks; k++)
        for (size_t t = 0; t < o->break_len[k]; t++)
            o->activity[o->break_start[k] + t] = RP_DAY_BREAK;
    break_windows(r->d, o);
    return TRUE;
}

enum { A_OFFICER, A_START, A_SITE, A_ACTIVITY };

int
rp_day_position_code(const RpPosition *pos)
{
    gboolean blended = pos->kind == RP_POSITION_BLENDED;
    if (pos->profile < 0)
        return blended ? RP_DAY_BLENDED : RP_DAY_PHONES;
    return RP_DAY_PROFILES - 2 * pos->profile - (blended ? 1 : 0);
}

gboolean
rp_day_position(int code, RpPosition *pos)
{
    if (code == RP_DAY_PHONES || code == RP_DAY_BLENDED) {
        pos->kind =
            code == RP_DAY_PHONES ? RP_POSITION_PHONES : RP_POSITION_BLENDED;
        pos->profile = -1;
        return TRUE;
    }
    if (code > RP_DAY_PROFILES)
        return FALSE;
    int k = RP_DAY_PROFILES - code;
    pos->kind = k % 2 ? RP_POSITION_BLENDED : RP_POSITION_PHONES;
    pos->profile = k / 2;
    return TRUE;
}

/* The code of activity `name` into *code: a queue, a position or one of
 * the named codes. */
static gboolean
activity_code(const RpCentre *c, const char *name, int *code, GError **error)
{
    static const struct {
        const char *name;
        int code;
    } named[] = {{"off", RP_DAY_OFF},
                 {"idle", RP_DAY_IDLE},
                 {"break", RP_DAY_BREAK},
                 {"lunch", RP_DAY_LUNCH},
                 {"commitment", RP_DAY_COMMITMENT}};
    for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
        if (strcmp(name, named[i].name) == 0) {
            *code = named[i].code;
            return TRUE;
        }
    RpPosition pos;
    if (!rp_position_parse(c, name, &pos, error))
        return FALSE;
    if (pos.kind != RP_POSITION_NONE) {
        *code = rp_day_position_code(&pos);
        if (*code < G_MININT16)
            return rp_csv_field_error(
                error, "activity",
                "'%s': a day takes at most %d skill profiles", name,
                (RP_DAY_PROFILES - G_MININT16) / 2);
        return TRUE;
    }
    int q = rp_centre_queue_index(c, name);
    if (q < 0)
        return rp_csv_field_error(error, "activity", "unknown activity '%s'",
                                  name);
    *code = q;
    return TRUE;
}

static gboolean
activity_row(const char *const *f, size_t n, size_t line, gpointer data,
             GError **error)
{
    Reader *r = data;
    if (!r->header)
        return map_header(r, f, n, error);
    const char *when = field(r, f, n, A_START);
    if (strncmp(when, r->date, 10) != 0 || when[10] != 'T')
        return TRUE;
    RpDayOfficer *o = officer_of(r, field(r, f, n, A_OFFICER), error);
    if (o == NULL)
        return FALSE;
    gint64 utc;
    if (!rp_clock_parse(r->d->centre->clock, when, &utc, error)) {
        g_prefix_error(error, "interval_start: ");
        return FALSE;
    }
    gint64 t = rp_day_interval(r->d, utc);
    if (o->line == 0 || t < (gint64)o->start || t >= (gint64)o->end)
        return rp_csv_field_error(error, "interval_start",
                                  "%s is outside %s's shift in the rota", when,
                                  o->id);
    size_t *seen = &r->line_of[(size_t)rp_day_officer_index(r->d, o->id) *
                                   r->d->n_intervals +
                               (size_t)t];
    if (*seen != 0)
        return rp_csv_field_error(error, "interval_start",
                                  "%s is given for %s already (line %zu)", when,
                                  o->id, *seen);
    *seen = line;
    int code = RP_DAY_OFF;
    if (!activity_code(r->d->centre, field(r, f, n, A_ACTIVITY), &code, error))
        return FALSE;
    if (code == RP_DAY_LUNCH)
        for (int k = 0; k < o->n_breaks; k++)
            if ((size_t)t >= o->break_start[k] &&
                (size_t)t < o->break_start[k] + o->break_len[k])
                o->break_paid[k] = FALSE;
    o->activity[t] = (gint16)code;
    return TRUE;
}

RpDay *
rp_day_read(const RpCentre *centre, gint64 day, const char *const *officers,
            size_t n_officers, const char *rota, const char *activities,
            GError **error)
{
    g_autoptr(RpDay) d = day_new(centre, day);
    for (size_t i = 0; i < n_officers; i++) {
        RpDayOfficer *o = g_new0(RpDayOfficer, 1);
        o->id = g_strdup(officers[i]);
        o->name = g_strdup(officers[i]);
        o->site = -1;
        o->next_start_utc = o->prev_end_utc = G_MININT64;
        o->activity = g_new(gint16, d->n_intervals);
        for (size_t t = 0; t < d->n_intervals; t++)
            o->activity[t] = RP_DAY_OFF;
        g_ptr_array_add(d->officers, o);
    }
    Reader r = {.d = d,
                .cols = {{"officer", TRUE, -1},
                         {"name", TRUE, -1},
                         {"date", TRUE, -1},
                         {"site", TRUE, -1},
                         {"start", TRUE, -1},
                         {"end", TRUE, -1},
                         {"breaks", TRUE, -1},
                         {"paid_hours", TRUE, -1}},
                .n_cols = 8};
    rp_format_date(day, r.date, sizeof r.date);
    if (!rp_csv_parse_file(rota, rota_row, &r, error))
        return NULL;
    Reader a = {.d = d,
                .cols = {{"officer", TRUE, -1},
                         {"interval_start", TRUE, -1},
                         {"site", TRUE, -1},
                         {"activity", TRUE, -1}},
                .n_cols = 4};
    memcpy(a.date, r.date, sizeof a.date);
    g_autofree size_t *line_of = g_new0(size_t, n_officers * d->n_intervals);
    a.line_of = line_of;
    if (!rp_csv_parse_file(activities, activity_row, &a, error))
        return NULL;
    return g_steal_pointer(&d);
}

/* ---- changes ------------------------------------------------------------- */

/* Drops breaks that start before `from` (late) or at or after it (cut). */
static void
drop_breaks(RpDayOfficer *o, size_t at, gboolean before)
{
    int k = 0;
    for (int i = 0; i < o->n_breaks; i++) {
        gboolean drop = before ? o->break_start[i] < at
                               : o->break_start[i] + o->break_len[i] > at;
        if (drop)
            continue;
        o->break_start[k] = o->break_start[i];
        o->break_len[k] = o->break_len[i];
        o->break_paid[k] = o->break_paid[i];
        o->break_earliest[k] = o->break_earliest[i];
        o->break_latest[k] = o->break_latest[i];
        k++;
    }
    o->n_breaks = k;
}

void
rp_day_absent(RpDay *d, size_t o, size_t from)
{
    g_return_if_fail(o < d->officers->len);
    RpDayOfficer *off = g_ptr_array_index(d->officers, (guint)o);
    if (off->line == 0 || from >= off->end)
        return;
    for (size_t t = MAX(from, off->start); t < off->end; t++)
        off->activity[t] = RP_DAY_OFF;
    drop_breaks(off, from, FALSE);
    off->end = MAX(from, off->start);
    if (off->end == off->start) {
        off->line = 0;
        off->n_breaks = 0;
    }
}

gboolean
rp_day_late(RpDay *d, size_t o, size_t at)
{
    g_return_val_if_fail(o < d->officers->len, FALSE);
    RpDayOfficer *off = g_ptr_array_index(d->officers, (guint)o);
    if (off->line == 0 || at < off->start || at >= off->end)
        return FALSE;
    for (size_t t = off->start; t < at; t++)
        off->activity[t] = RP_DAY_OFF;
    for (size_t t = at; t < off->end; t++)
        if (off->activity[t] == RP_DAY_BREAK ||
            off->activity[t] == RP_DAY_LUNCH)
            off->activity[t] = RP_DAY_IDLE;
    drop_breaks(off, at, TRUE);
    for (int k = 0; k < off->n_breaks; k++)
        for (size_t t = 0; t < off->break_len[k]; t++)
            off->activity[off->break_start[k] + t] =
                off->break_paid[k] ? RP_DAY_BREAK : RP_DAY_LUNCH;
    off->start = at;
    return TRUE;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct {
    const RpDay *d;
    char date[16];
    GString *out;
    gboolean header, *done; /* per officer: today's rows written */
    int date_col, officer_col;
} Writer;

static void
write_rota_row(const Writer *w, const RpDayOfficer *o)
{
    const RpCentre *c = w->d->centre;
    char start[8], end[8];
    format_interval(w->d, o->start, start, sizeof start);
    format_interval(w->d, o->end, end, sizeof end);
    GString *breaks = g_string_new(NULL);
    size_t unpaid = 0;
    for (int k = 0; k < o->n_breaks; k++) {
        char a[8], b[8];
        format_interval(w->d, o->break_start[k], a, sizeof a);
        format_interval(w->d, o->break_start[k] + o->break_len[k], b, sizeof b);
        g_string_append_printf(breaks, "%s%s-%s", k ? ";" : "", a, b);
        if (!o->break_paid[k])
            unpaid += o->break_len[k];
    }
    const char *row[] = {
        o->id, o->name, w->date,    rp_centre_site(c, (size_t)o->site)->id,
        start, end,     breaks->str};
    for (size_t i = 0; i < G_N_ELEMENTS(row); i++)
        rp_csv_append_field(w->out, row[i], i == 0);
    rp_csv_append_number(
        w->out, (double)(o->end - o->start - unpaid) * c->interval_min / 60.0,
        FALSE);
    g_string_append_c(w->out, '\n');
    g_string_free(breaks, TRUE);
}

static const char *
activity_text(const RpCentre *c, int a, GString *buf)
{
    RpPosition pos;
    switch (a) {
    case RP_DAY_IDLE:
        return "idle";
    case RP_DAY_BREAK:
        return "break";
    case RP_DAY_LUNCH:
        return "lunch";
    case RP_DAY_COMMITMENT:
        return "commitment";
    default:
        if (rp_day_position(a, &pos))
            return rp_position_name(c, &pos, buf);
        return rp_centre_queue(c, (size_t)a)->id;
    }
}

static void
write_activity_rows(const Writer *w, const RpDayOfficer *o)
{
    const RpCentre *c = w->d->centre;
    g_autoptr(GString) buf = g_string_new(NULL);
    for (size_t t = o->start; t < o->end; t++) {
        if (o->activity[t] == RP_DAY_OFF)
            continue;
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock,
                        w->d->start_utc + (gint64)t * rp_centre_interval_s(c),
                        when, sizeof when);
        const char *row[] = {o->id, when,
                             rp_centre_site(c, (size_t)o->site)->id,
                             activity_text(c, o->activity[t], buf)};
        rp_csv_append_row(w->out, row, G_N_ELEMENTS(row));
    }
}

static gboolean
copy_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error, gboolean rota)
{
    (void)line;
    Writer *w = data;
    if (!w->header) {
        w->header = TRUE;
        RpCsvColumn cols[] = {{"officer", TRUE, -1},
                              {rota ? "date" : "interval_start", TRUE, -1}};
        if (!rp_csv_map_header(f, n, cols, 2, error))
            return FALSE;
        w->officer_col = cols[0].index;
        w->date_col = cols[1].index;
        rp_csv_append_row(w->out, f, n);
        return TRUE;
    }
    const char *date = (size_t)w->date_col < n ? f[w->date_col] : "";
    if (strncmp(date, w->date, 10) != 0) {
        rp_csv_append_row(w->out, f, n);
        return TRUE;
    }
    int o = rp_day_officer_index(
        w->d, (size_t)w->officer_col < n ? f[w->officer_col] : "");
    if (o < 0)
        return rp_csv_field_error(error, "officer",
                                  "'%s' is not in the plan's officers file",
                                  f[w->officer_col]);
    if (w->done[o])
        return TRUE;
    w->done[o] = TRUE;
    const RpDayOfficer *off = g_ptr_array_index(w->d->officers, (guint)o);
    if (off->line == 0)
        return TRUE;
    if (rota)
        write_rota_row(w, off);
    else
        write_activity_rows(w, off);
    return TRUE;
}

static gboolean
copy_rota_row(const char *const *f, size_t n, size_t line, gpointer data,
              GError **error)
{
    return copy_row(f, n, line, data, error, TRUE);
}

static gboolean
copy_activity_row(const char *const *f, size_t n, size_t line, gpointer data,
                  GError **error)
{
    return copy_row(f, n, line, data, error, FALSE);
}

static GString *
rewrite(const RpDay *d, const char *path, const char *text, RpCsvRowFunc fn,
        GError **error)
{
    g_autofree gboolean *done = g_new0(gboolean, d->officers->len);
    Writer w = {.d = d, .out = g_string_new(NULL), .done = done};
    rp_format_date(d->day, w.date, sizeof w.date);
    if (!rp_csv_parse_text(path, text, strlen(text), fn, &w, error)) {
        g_string_free(w.out, TRUE);
        return NULL;
    }
    return w.out;
}

gboolean
rp_day_write(const RpDay *d, const char *rota_path, const char *rota,
             const char *activities_path, const char *activities,
             GString **rota_out, GString **activities_out, GError **error)
{
    g_autoptr(GString) r = rewrite(d, rota_path, rota, copy_rota_row, error);
    if (r == NULL)
        return FALSE;
    GString *a =
        rewrite(d, activities_path, activities, copy_activity_row, error);
    if (a == NULL)
        return FALSE;
    *rota_out = g_steal_pointer(&r);
    *activities_out = a;
    return TRUE;
}
