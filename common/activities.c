/* common/activities.c - the activities file read back as log-ins. */
#include "common/activities.h"

#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/profiles.h"

#define BIT(q) (G_GUINT64_CONSTANT(1) << (q))

static guint64
phone_lines(const RpCentre *c, const double *skill)
{
    guint64 mask = 0;
    for (guint q = 0; q < c->queues->len; q++)
        if (rp_centre_queue(c, q)->channel == RP_CHANNEL_PHONE && skill[q] > 0)
            mask |= BIT(q);
    return mask;
}

guint64
rp_site_desks(const RpCentre *c, int site, const double *skill)
{
    guint64 mask = 0;
    for (guint q = 0; q < c->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        if (queue->channel == RP_CHANNEL_RECEPTION && queue->site == site &&
            site >= 0 && skill[q] > 0)
            mask |= BIT(q);
    }
    return mask;
}

gboolean
rp_position_parse(const RpCentre *c, const char *name, RpPosition *pos,
                  GError **error)
{
    static const struct {
        const char *name;
        RpPositionKind kind;
    } kinds[] = {{"phones", RP_POSITION_PHONES},
                 {"blended", RP_POSITION_BLENDED}};
    pos->kind = RP_POSITION_NONE;
    pos->profile = -1;
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        size_t len = strlen(kinds[i].name);
        if (strncmp(name, kinds[i].name, len) != 0 ||
            (name[len] != '\0' && name[len] != ':'))
            continue;
        if (name[len] == ':' &&
            (pos->profile = rp_centre_profile_index(c, name + len + 1)) < 0)
            return rp_csv_field_error(
                error, "activity",
                "'%s': '%s' is not a skill profile of the configuration "
                "([profile:NAME])",
                name, name + len + 1);
        pos->kind = kinds[i].kind;
        return TRUE;
    }
    return TRUE;
}

guint64
rp_position_lines(const RpCentre *c, const RpPosition *pos, const double *skill)
{
    return pos->profile >= 0
               ? rp_profile_lines_held(c, (size_t)pos->profile, skill)
               : phone_lines(c, skill);
}

const char *
rp_position_name(const RpCentre *c, const RpPosition *pos, GString *buf)
{
    const char *kind = pos->kind == RP_POSITION_BLENDED ? "blended" : "phones";
    if (pos->profile < 0)
        return kind;
    g_string_printf(buf, "%s:%s", kind,
                    rp_centre_profile(c, (size_t)pos->profile)->id);
    return buf->str;
}

gboolean
rp_position_login(const RpCentre *c, const char *name, int site,
                  const double *skill, guint64 *login, guint64 *first,
                  GError **error)
{
    g_return_val_if_fail(c->queues->len <= 64, FALSE);
    static const char *const away[] = {"break", "lunch", "commitment", "idle"};
    for (size_t k = 0; k < G_N_ELEMENTS(away); k++) {
        if (strcmp(name, away[k]) == 0) {
            *login = *first = 0;
            return TRUE;
        }
    }
    guint64 in = 0, ahead = 0;
    RpPosition pos;
    if (!rp_position_parse(c, name, &pos, error))
        return FALSE;
    if (pos.kind != RP_POSITION_NONE) {
        in = rp_position_lines(c, &pos, skill);
        if (in == 0)
            return rp_csv_field_error(
                error, "activity", "'%s': the officer holds %s", name,
                pos.profile >= 0 ? "none of the profile's lines"
                                 : "no phone line");
        if (pos.kind == RP_POSITION_BLENDED) {
            ahead = rp_site_desks(c, site, skill);
            if (ahead == 0)
                return rp_csv_field_error(
                    error, "activity",
                    "'%s': the officer holds no reception desk at %s", name,
                    site >= 0 ? rp_centre_site(c, (size_t)site)->id
                              : "this site");
            in |= ahead;
        }
    } else {
        int q = rp_centre_queue_index(c, name);
        if (q < 0)
            return rp_csv_field_error(
                error, "activity",
                "'%s' is not a queue or a position (phones, "
                "phones:PROFILE, blended, blended:PROFILE, break, lunch, "
                "commitment, idle)",
                name);
        if (!(skill[q] > 0))
            return rp_csv_field_error(error, "activity",
                                      "the officer has no skill for queue %s",
                                      name);
        in = BIT(q);
    }
    *login = in;
    *first = ahead;
    return TRUE;
}

/* ---- the file ---------------------------------------------------------- */

enum { A_OFFICER, A_START, A_SITE, A_ACTIVITY, A_N };

typedef struct {
    const RpCentre *centre;
    const double *skill;
    GHashTable *index; /* id -> officer index + 1 */
    RpCsvColumn cols[A_N];
    gboolean header;
    RpActivities *out;
    guint8 *seen; /* [i * n_t + t] */
} Ctx;

static const char *
field(const char *const *f, size_t n, const RpCsvColumn *col)
{
    const char *v = rp_csv_field(f, n, col);
    return v && *v ? v : NULL;
}

static gboolean
activity_row(const char *const *f, size_t n, size_t line, gpointer data,
             GError **error)
{
    Ctx *ctx = data;
    const RpCentre *c = ctx->centre;
    RpActivities *a = ctx->out;
    (void)line;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, A_N, error);
    }
    const char *id = field(f, n, &ctx->cols[A_OFFICER]);
    const char *when = field(f, n, &ctx->cols[A_START]);
    const char *site_id = field(f, n, &ctx->cols[A_SITE]);
    const char *what = field(f, n, &ctx->cols[A_ACTIVITY]);
    size_t i = id ? GPOINTER_TO_SIZE(g_hash_table_lookup(ctx->index, id)) : 0;
    if (i-- == 0)
        return rp_csv_field_error(
            error, "officer", "'%s' is not in the officers file", id ? id : "");
    gint64 utc;
    if (when == NULL)
        return rp_csv_field_error(error, "interval_start", "missing");
    if (!rp_clock_parse(c->clock, when, &utc, error)) {
        g_prefix_error(error, "interval_start: ");
        return FALSE;
    }
    gint64 step = rp_centre_interval_s(c), off = utc - a->start_utc;
    if (off < 0 || off % step != 0 || (size_t)(off / step) >= a->n_intervals)
        return rp_csv_field_error(
            error, "interval_start",
            "%s is off the %d-minute grid or outside the days of the "
            "contacts",
            when, c->interval_min);
    size_t t = (size_t)(off / step);
    int site = -1;
    if (site_id != NULL && (site = rp_centre_site_index(c, site_id)) < 0)
        return rp_csv_field_error(error, "site",
                                  "'%s' is not a site of the centre", site_id);
    if (what == NULL)
        return rp_csv_field_error(error, "activity", "missing");
    size_t k = i * a->n_intervals + t;
    if (ctx->seen[k])
        return rp_csv_field_error(error, "interval_start",
                                  "officer %s is given twice at %s", id, when);
    ctx->seen[k] = 1;
    a->n_rows++;
    return rp_position_login(c, what, site, ctx->skill + i * c->queues->len,
                             &a->login[k], &a->first[k], error);
}

RpActivities *
rp_activities_read(const char *path, const RpCentre *centre,
                   const char *const *ids, const double *skill,
                   size_t n_officers, gint64 start_utc, size_t n_intervals,
                   GError **error)
{
    g_return_val_if_fail(path != NULL && centre != NULL, NULL);
    if (centre->queues->len > 64) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s: log-ins take at most 64 queues; the centre has %u",
                    path, centre->queues->len);
        return NULL;
    }
    RpActivities *a = g_new0(RpActivities, 1);
    a->n_officers = n_officers;
    a->n_intervals = n_intervals;
    a->start_utc = start_utc;
    a->login = g_new0(guint64, n_officers * n_intervals + 1);
    a->first = g_new0(guint64, n_officers * n_intervals + 1);
    Ctx ctx = {.centre = centre,
               .skill = skill,
               .out = a,
               .cols = {{"officer", TRUE, -1},
                        {"interval_start", TRUE, -1},
                        {"site", FALSE, -1},
                        {"activity", TRUE, -1}}};
    ctx.index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < n_officers; i++)
        g_hash_table_insert(ctx.index, g_strdup(ids[i]),
                            GSIZE_TO_POINTER(i + 1));
    ctx.seen = g_new0(guint8, n_officers * n_intervals + 1);
    gboolean ok = rp_csv_parse_file(path, activity_row, &ctx, error);
    g_hash_table_unref(ctx.index);
    g_free(ctx.seen);
    if (ok && a->n_rows == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no activities", path);
        ok = FALSE;
    }
    if (!ok) {
        rp_activities_free(a);
        return NULL;
    }
    return a;
}

void
rp_activities_free(RpActivities *activities)
{
    if (activities == NULL)
        return;
    g_free(activities->login);
    g_free(activities->first);
    g_free(activities);
}
