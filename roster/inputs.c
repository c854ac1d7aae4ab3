/* roster/inputs.c - reading officers, availability and preferences.
 *
 * Each reader parses into new objects and adds them to the input only
 * when the whole file is good, so a failed read leaves the input as it
 * was.  Messages name the field: csvio puts "FILE:LINE: " in front. */
#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"
#include "roster/roster_int.h"

static void
officer_free(gpointer p)
{
    RpOfficer *o = p;
    g_free(o->id);
    g_free(o->name);
    g_free(o->skill);
    g_free(o);
}

static void
away_free(gpointer p)
{
    RpAway *a = p;
    g_free(a->reason);
    g_free(a);
}

RpRosterInput *
rp_roster_input_new(const RpCentre *centre)
{
    g_return_val_if_fail(centre != NULL, NULL);
    RpRosterInput *in = g_new0(RpRosterInput, 1);
    in->centre = centre;
    in->officers = g_ptr_array_new_with_free_func(officer_free);
    in->away = g_ptr_array_new_with_free_func(away_free);
    in->preferences = g_ptr_array_new_with_free_func(g_free);
    return in;
}

void
rp_roster_input_free(RpRosterInput *input)
{
    if (input == NULL)
        return;
    g_free(input->officers_path);
    g_free(input->away_path);
    g_ptr_array_unref(input->officers);
    g_ptr_array_unref(input->away);
    g_ptr_array_unref(input->preferences);
    rp_roster_requirements_free(input->req);
    g_free(input->prev_end_utc);
    g_free(input->prev_run);
    g_free(input->prev_line);
    g_free(input->previous_path);
    g_free(input);
}

const char *
rp_field(const char *const *fields, size_t n, const RpCsvColumn *col)
{
    const char *v = rp_csv_field(fields, n, col);
    return v && *v ? v : NULL;
}

int
rp_roster_officer_index(const RpRosterInput *input, const char *id)
{
    for (guint i = 0; i < input->officers->len; i++) {
        const RpOfficer *o = g_ptr_array_index(input->officers, i);
        if (strcmp(o->id, id) == 0)
            return (int)i;
    }
    return -1;
}

/* ---- officers ---------------------------------------------------------- */

enum {
    O_ID,
    O_NAME,
    O_HOME,
    O_SITES,
    O_SKILLS,
    O_CONTRACT,
    O_MIN,
    O_MAX,
    O_DAYS,
    O_COST,
    O_EVENINGS,
    O_SATURDAYS,
    O_N
};

typedef struct {
    const RpCentre *centre;
    RpCsvColumn cols[O_N];
    gboolean header; /* the header row has been mapped */
    GPtrArray *officers;
    GHashTable *lines; /* id -> line (GSIZE_TO_POINTER) */
} OfficerCtx;

/* "37h", "22h30m", "37" (hours) or "0.6fte" into hours. */
static gboolean
parse_hours(const char *text, double fte_hours, double *hours, const char *name,
            GError **error)
{
    g_autofree char *t = g_ascii_strdown(text, -1);
    g_strstrip(t);
    size_t len = strlen(t);
    double v, seconds;
    if (len > 3 && strcmp(t + len - 3, "fte") == 0) {
        t[len - 3] = '\0';
        if (!rp_parse_number(g_strstrip(t), "a number", &v, NULL) ||
            !(v >= 0.0 && v <= 2.0))
            return rp_csv_field_error(error, name,
                                      "'%s' is not a share of a full-time week "
                                      "(e.g. 0.6fte)",
                                      text);
        *hours = v * fte_hours;
        return TRUE;
    }
    if (rp_parse_number(t, "a number", &v, NULL)) {
        seconds = v * 3600.0;
    } else if (!rp_parse_duration(t, &seconds, NULL)) {
        return rp_csv_field_error(error, name,
                                  "'%s' is not hours (e.g. 37h, 22h30m or "
                                  "0.6fte)",
                                  text);
    }
    if (!(seconds >= 0.0 && seconds <= 168 * 3600.0))
        return rp_csv_field_error(error, name, "'%s' is not within a week",
                                  text);
    *hours = seconds / 3600.0;
    return TRUE;
}

static gboolean
parse_yes_no(const char *text, gboolean dflt, gboolean *out, const char *name,
             GError **error)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    *out = dflt;
    if (text == NULL)
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(text, yes[i]) == 0) {
            *out = TRUE;
            return TRUE;
        }
        if (g_ascii_strcasecmp(text, no[i]) == 0) {
            *out = FALSE;
            return TRUE;
        }
    }
    return rp_csv_field_error(error, name, "'%s' is not yes or no", text);
}

static gboolean
parse_sites(const RpCentre *c, const char *text, guint64 *sites, GError **error)
{
    g_auto(GStrv) items = g_strsplit(text, ";", -1);
    for (size_t i = 0; items[i]; i++) {
        char *id = g_strstrip(items[i]);
        if (*id == '\0')
            continue;
        int s = rp_centre_site_index(c, id);
        if (s < 0)
            return rp_csv_field_error(error, "sites",
                                      "'%s' is not a site of the centre", id);
        *sites |= G_GUINT64_CONSTANT(1) << s;
    }
    return TRUE;
}

static gboolean
parse_skills(const RpCentre *c, const char *text, RpOfficer *o, GError **error)
{
    g_auto(GStrv) items = g_strsplit(text, ";", -1);
    for (size_t i = 0; items[i]; i++) {
        char *item = g_strstrip(items[i]);
        if (*item == '\0')
            continue;
        char *colon = strchr(item, ':');
        double p = 1.0;
        if (colon) {
            *colon = '\0';
            if (!rp_parse_number(g_strstrip(colon + 1), "a number", &p, NULL) ||
                !(p > 0.0 && p <= 1.0))
                return rp_csv_field_error(error, "skills",
                                          "'%s' is not a proficiency above 0 "
                                          "and at most 1 for '%s'",
                                          g_strstrip(colon + 1), item);
        }
        g_strstrip(item);
        int q = rp_centre_queue_index(c, item);
        if (q < 0)
            return rp_csv_field_error(
                error, "skills", "'%s' is not a queue of the centre", item);
        const RpQueue *queue = rp_centre_queue(c, (size_t)q);
        if (queue->site >= 0 &&
            !(o->sites & (G_GUINT64_CONSTANT(1) << queue->site)))
            return rp_csv_field_error(
                error, "skills",
                "'%s' is worked at site %s, which is not "
                "among the officer's sites",
                item, rp_centre_site(c, (size_t)queue->site)->id);
        o->skill[q] = p;
    }
    return TRUE;
}

/* Contract, minimum and maximum hours, days and pay. */
static gboolean
parse_contract(const RpCentre *c, const char *const *f, size_t n,
               const RpCsvColumn *cols, RpOfficer *o, GError **error)
{
    double min_h, max_h, days = 5.0;
    const char *v;
    if (!parse_hours(rp_field(f, n, &cols[O_CONTRACT]), c->fte_hours,
                     &o->contract_h, "contract", error))
        return FALSE;
    min_h = max_h = o->contract_h;
    if ((v = rp_field(f, n, &cols[O_MIN])) &&
        !parse_hours(v, c->fte_hours, &min_h, "min_hours", error))
        return FALSE;
    if ((v = rp_field(f, n, &cols[O_MAX])) &&
        !parse_hours(v, c->fte_hours, &max_h, "max_hours", error))
        return FALSE;
    if (min_h > max_h)
        return rp_csv_field_error(error, "min_hours",
                                  "%gh is above max_hours %gh", min_h, max_h);
    if (o->contract_h < min_h || o->contract_h > max_h)
        return rp_csv_field_error(
            error, "contract", "%gh is outside min_hours %gh to max_hours %gh",
            o->contract_h, min_h, max_h);
    int limit = c->rules->work.max_week_min;
    if (max_h * 60.0 > limit + 1e-9)
        return rp_csv_field_error(
            error, cols[O_MAX].index >= 0 ? "max_hours" : "contract",
            "%gh is above the %gh working-time limit "
            "([rules] max_week)",
            max_h, limit / 60.0);
    o->min_paid_min = (int)ceil(min_h * 60.0 - 1e-9);
    o->max_paid_min = (int)floor(max_h * 60.0 + 1e-9);
    if ((v = rp_field(f, n, &cols[O_DAYS])) &&
        (!rp_parse_number(v, "a number", &days, NULL) || days < 1.0 ||
         days > 7.0 || fabs(days - round(days)) > 0.0))
        return rp_csv_field_error(error, "days",
                                  "'%s' is not a whole number of days from 1 "
                                  "to 7",
                                  v);
    o->max_days = (int)days;
    o->hourly_cost = c->costs.hourly_rate;
    if ((v = rp_field(f, n, &cols[O_COST])) &&
        (!rp_parse_number(v, "a number", &o->hourly_cost, NULL) ||
         o->hourly_cost < 0.0))
        return rp_csv_field_error(error, "hourly_cost",
                                  "'%s' is not an amount of money", v);
    return TRUE;
}

static gboolean
officer_row(const char *const *f, size_t n, size_t line, gpointer data,
            GError **error)
{
    OfficerCtx *ctx = data;
    const RpCentre *c = ctx->centre;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, O_N, error);
    }
    const char *id = rp_field(f, n, &ctx->cols[O_ID]);
    const char *home = rp_field(f, n, &ctx->cols[O_HOME]);
    const char *v;
    if (id == NULL)
        return rp_csv_field_error(error, "id", "missing");
    gpointer seen = g_hash_table_lookup(ctx->lines, id);
    if (seen)
        return rp_csv_field_error(error, "id", "'%s' is already on line %zu",
                                  id, GPOINTER_TO_SIZE(seen));
    RpOfficer *o = g_new0(RpOfficer, 1);
    g_ptr_array_add(ctx->officers, o);
    o->id = g_strdup(id);
    o->name = g_strdup((v = rp_field(f, n, &ctx->cols[O_NAME])) ? v : id);
    o->line = line;
    o->skill = g_new0(double, c->queues->len);
    g_hash_table_insert(ctx->lines, o->id, GSIZE_TO_POINTER(line));
    if (home == NULL || (o->home_site = rp_centre_site_index(c, home)) < 0)
        return rp_csv_field_error(error, "home_site",
                                  "'%s' is not a site of the centre",
                                  home ? home : "");
    o->sites = G_GUINT64_CONSTANT(1) << o->home_site;
    if ((v = rp_field(f, n, &ctx->cols[O_SITES])) &&
        !parse_sites(c, v, &o->sites, error))
        return FALSE;
    if ((v = rp_field(f, n, &ctx->cols[O_SKILLS])) == NULL)
        return rp_csv_field_error(error, "skills", "an officer needs a skill");
    if (!parse_skills(c, v, o, error))
        return FALSE;
    if (rp_field(f, n, &ctx->cols[O_CONTRACT]) == NULL)
        return rp_csv_field_error(error, "contract", "missing");
    if (!parse_contract(c, f, n, ctx->cols, o, error))
        return FALSE;
    return parse_yes_no(rp_field(f, n, &ctx->cols[O_EVENINGS]), TRUE,
                        &o->evenings, "evenings", error) &&
           parse_yes_no(rp_field(f, n, &ctx->cols[O_SATURDAYS]), TRUE,
                        &o->weekends, "saturdays", error);
}

gboolean
rp_roster_input_read_officers(RpRosterInput *input, const char *path,
                              GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_return_val_if_fail(input->officers->len == 0, FALSE);
    if (input->centre->sites->len > 64) {
        /* officers' sites are kept as bits of a 64-bit mask */
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "the centre has %u sites; the roster plans at most 64",
                    input->centre->sites->len);
        return FALSE;
    }
    g_autoptr(GPtrArray) officers =
        g_ptr_array_new_with_free_func(officer_free);
    g_autoptr(GHashTable) lines = g_hash_table_new(g_str_hash, g_str_equal);
    OfficerCtx ctx = {.centre = input->centre,
                      .cols = {{"id", TRUE, -1},
                               {"name", FALSE, -1},
                               {"home_site", TRUE, -1},
                               {"sites", FALSE, -1},
                               {"skills", TRUE, -1},
                               {"contract", TRUE, -1},
                               {"min_hours", FALSE, -1},
                               {"max_hours", FALSE, -1},
                               {"days", FALSE, -1},
                               {"hourly_cost", FALSE, -1},
                               {"evenings", FALSE, -1},
                               {"saturdays", FALSE, -1}},
                      .officers = officers,
                      .lines = lines};
    if (!rp_csv_parse_file(path, officer_row, &ctx, error))
        return FALSE;
    if (officers->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no officers", path);
        return FALSE;
    }
    if (officers->len > RP_ROSTER_MAX_OFFICERS) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s: %u officers; a rota plans at most %d", path,
                    officers->len, RP_ROSTER_MAX_OFFICERS);
        return FALSE;
    }
    for (guint i = 0; i < officers->len; i++)
        g_ptr_array_add(input->officers, g_ptr_array_index(officers, i));
    g_ptr_array_set_free_func(officers, NULL);
    input->officers_path = g_strdup(path);
    return TRUE;
}

/* ---- who can hold each position ------------------------------------------ */

gboolean
rp_roster_input_check_holders(const RpRosterInput *input, const char *path,
                              const gint64 *first_utc, const size_t *first_line,
                              GError **error)
{
    g_return_val_if_fail(input != NULL && first_utc != NULL, FALSE);
    const RpCentre *c = input->centre;
    for (guint q = 0; q < c->queues->len; q++) {
        if (first_utc[q] == G_MININT64)
            continue;
        gboolean held = FALSE;
        for (guint i = 0; i < input->officers->len && !held; i++)
            held = ((const RpOfficer *)g_ptr_array_index(input->officers, i))
                       ->skill[q] > 0.0;
        if (held)
            continue;
        const RpQueue *queue = rp_centre_queue(c, q);
        char when[RP_CLOCK_BUF];
        rp_clock_format(c->clock, first_utc[q], when, sizeof when);
        g_autofree char *need =
            path ? g_strdup_printf("%s:%zu needs it (from %s)", path,
                                   first_line ? first_line[q] : 0, when)
                 : g_strdup_printf("the requirements need it (from %s)", when);
        g_autofree char *group = g_strconcat("queue:", queue->id, NULL);
        if (queue->site >= 0) {
            const RpSite *site = rp_centre_site(c, (size_t)queue->site);
            rp_config_error(c->config, error, group, "site", RP_DATA_ERROR,
                            RP_DATA_ERROR_MISSING,
                            "no officer of %s can work this desk at %s "
                            "(nobody holds %s; only an officer whose home "
                            "or extra sites include %s can), but %s: give "
                            "the skill to an officer of that site, or take "
                            "the desk out",
                            input->officers_path, site->name, queue->id,
                            site->id, need);
        } else {
            rp_config_error(c->config, error, group, NULL, RP_DATA_ERROR,
                            RP_DATA_ERROR_MISSING,
                            "no officer of %s holds %s, but %s: give the "
                            "skill to an officer, or take the queue out",
                            input->officers_path, queue->id, need);
        }
        return FALSE;
    }
    return TRUE;
}

/* ---- availability ------------------------------------------------------ */

enum { A_OFFICER, A_START, A_END, A_REASON, A_KIND, A_N };

typedef struct {
    const RpRosterInput *input;
    RpCsvColumn cols[A_N];
    gboolean header;
    GPtrArray *rows;
} AwayCtx;

/* A local time, or a date: its start, or with `end` the next midnight. */
static gboolean
parse_when(const RpCentre *c, const char *text, gboolean end, gint64 *utc,
           const char *name, GError **error)
{
    gint64 day;
    if (text == NULL)
        return rp_csv_field_error(error, name, "missing");
    if (strlen(text) == 10 && rp_parse_date(text, &day, NULL)) {
        *utc = rp_local_midnight(c->clock, day + (end ? 1 : 0));
        return TRUE;
    }
    GError *local = NULL;
    if (!rp_clock_parse(c->clock, text, utc, &local)) {
        g_set_error(error, local->domain, local->code, "%s: %s", name,
                    local->message);
        g_error_free(local);
        return FALSE;
    }
    return TRUE;
}

static RpAwayKind
kind_of_reason(const char *reason)
{
    static const char *const absences[] = {
        "leave",   "annual_leave", "sick",   "sickness",
        "absence", "unavailable",  "holiday"};
    for (size_t i = 0; i < G_N_ELEMENTS(absences); i++)
        if (g_ascii_strcasecmp(reason, absences[i]) == 0)
            return RP_AWAY_ABSENCE;
    return RP_AWAY_COMMITMENT;
}

static gboolean
away_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error)
{
    AwayCtx *ctx = data;
    const RpCentre *c = ctx->input->centre;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, A_N, error);
    }
    const char *id = rp_field(f, n, &ctx->cols[A_OFFICER]);
    int officer = id ? rp_roster_officer_index(ctx->input, id) : -1;
    if (officer < 0)
        return rp_csv_field_error(
            error, "officer", "'%s' is not in the officers file", id ? id : "");
    RpAway *a = g_new0(RpAway, 1);
    g_ptr_array_add(ctx->rows, a);
    a->officer = (size_t)officer;
    a->line = line;
    const char *reason = rp_field(f, n, &ctx->cols[A_REASON]);
    a->reason = g_strdup(reason ? reason : "absence");
    a->kind = kind_of_reason(a->reason);
    const char *kind = rp_field(f, n, &ctx->cols[A_KIND]);
    if (kind && strcmp(kind, "absence") == 0)
        a->kind = RP_AWAY_ABSENCE;
    else if (kind && strcmp(kind, "commitment") == 0)
        a->kind = RP_AWAY_COMMITMENT;
    else if (kind)
        return rp_csv_field_error(error, "kind",
                                  "'%s' is not absence or commitment", kind);
    if (!parse_when(c, rp_field(f, n, &ctx->cols[A_START]), FALSE,
                    &a->start_utc, "start", error) ||
        !parse_when(c, rp_field(f, n, &ctx->cols[A_END]), TRUE, &a->end_utc,
                    "end", error))
        return FALSE;
    if (a->end_utc <= a->start_utc)
        return rp_csv_field_error(error, "end", "'%s' is not after the start",
                                  rp_field(f, n, &ctx->cols[A_END]));
    if (a->kind == RP_AWAY_COMMITMENT &&
        rp_local_day(c->clock, a->start_utc) !=
            rp_local_day(c->clock, a->end_utc - 1))
        return rp_csv_field_error(error, "end",
                                  "a commitment (%s) must end on the day it "
                                  "starts; give one row per day",
                                  a->reason);
    return TRUE;
}

static int
cmp_away(gconstpointer a, gconstpointer b)
{
    const RpAway *x = *(RpAway *const *)a, *y = *(RpAway *const *)b;
    if (x->officer != y->officer)
        return x->officer < y->officer ? -1 : 1;
    return (x->start_utc > y->start_utc) - (x->start_utc < y->start_utc);
}

gboolean
rp_roster_input_read_availability(RpRosterInput *input, const char *path,
                                  GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(away_free);
    AwayCtx ctx = {.input = input,
                   .cols = {{"officer", TRUE, -1},
                            {"start", TRUE, -1},
                            {"end", TRUE, -1},
                            {"reason", FALSE, -1},
                            {"kind", FALSE, -1}},
                   .rows = rows};
    if (!rp_csv_parse_file(path, away_row, &ctx, error))
        return FALSE;
    g_ptr_array_sort(rows, cmp_away);
    for (guint i = 1; i < rows->len; i++) {
        const RpAway *a = g_ptr_array_index(rows, i - 1);
        const RpAway *b = g_ptr_array_index(rows, i);
        if (a->officer == b->officer && b->start_utc < a->end_utc) {
            const RpAway *later = a->line > b->line ? a : b;
            const RpAway *first = later == a ? b : a;
            const RpOfficer *o = g_ptr_array_index(input->officers, a->officer);
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s:%zu: start: %s of officer %s overlaps the %s on "
                        "line %zu",
                        path, later->line, later->reason, o->id, first->reason,
                        first->line);
            return FALSE;
        }
    }
    for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add(input->away, g_ptr_array_index(rows, i));
    g_ptr_array_set_free_func(rows, NULL);
    g_free(input->away_path);
    input->away_path = g_strdup(path);
    return TRUE;
}

/* ---- preferences ------------------------------------------------------- */

enum { P_OFFICER, P_DAY, P_PREFER, P_WEIGHT, P_N };

typedef struct {
    const RpRosterInput *input;
    RpCsvColumn cols[P_N];
    gboolean header;
    GPtrArray *rows;
} PrefCtx;

static gboolean
parse_day(const char *text, RpPreference *p, GError **error)
{
    static const char *const names[7] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};
    p->weekday = -1;
    p->day = -1;
    for (int d = 0; text && d < 7; d++)
        if (g_ascii_strncasecmp(text, names[d], 3) == 0 &&
            (text[3] == '\0' || g_ascii_isalpha(text[3]))) {
            p->weekday = d;
            return TRUE;
        }
    if (text && rp_parse_date(text, &p->day, NULL))
        return TRUE;
    return rp_csv_field_error(error, "day",
                              "'%s' is not a date (YYYY-MM-DD) or a weekday "
                              "(mon..sun)",
                              text ? text : "");
}

static gboolean
parse_prefer(const char *text, RpPreference *p, GError **error)
{
    if (text && g_ascii_strcasecmp(text, "off") == 0) {
        p->off = TRUE;
        return TRUE;
    }
    g_auto(GStrv) ends = text ? g_strsplit(text, "-", 2) : NULL;
    if (ends && ends[1] &&
        rp_parse_clock(g_strstrip(ends[0]), &p->from_min, NULL) &&
        rp_parse_clock(g_strstrip(ends[1]), &p->to_min, NULL) &&
        p->from_min < p->to_min)
        return TRUE;
    return rp_csv_field_error(error, "prefer",
                              "'%s' is not 'off' or a time span HH:MM-HH:MM",
                              text ? text : "");
}

static gboolean
pref_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error)
{
    PrefCtx *ctx = data;
    if (!ctx->header) {
        ctx->header = TRUE;
        return rp_csv_map_header(f, n, ctx->cols, P_N, error);
    }
    const char *id = rp_field(f, n, &ctx->cols[P_OFFICER]);
    int officer = id ? rp_roster_officer_index(ctx->input, id) : -1;
    if (officer < 0)
        return rp_csv_field_error(
            error, "officer", "'%s' is not in the officers file", id ? id : "");
    RpPreference *p = g_new0(RpPreference, 1);
    g_ptr_array_add(ctx->rows, p);
    p->officer = (size_t)officer;
    p->line = line;
    p->weight = ctx->input->centre->rules->prices.preference;
    const char *w = rp_field(f, n, &ctx->cols[P_WEIGHT]);
    if (w &&
        (!rp_parse_number(w, "a number", &p->weight, NULL) || p->weight < 0.0))
        return rp_csv_field_error(error, "weight",
                                  "'%s' is not a weight of 0 or more", w);
    return parse_day(rp_field(f, n, &ctx->cols[P_DAY]), p, error) &&
           parse_prefer(rp_field(f, n, &ctx->cols[P_PREFER]), p, error);
}

gboolean
rp_roster_input_read_preferences(RpRosterInput *input, const char *path,
                                 GError **error)
{
    g_return_val_if_fail(input != NULL && path != NULL, FALSE);
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
    PrefCtx ctx = {.input = input,
                   .cols = {{"officer", TRUE, -1},
                            {"day", TRUE, -1},
                            {"prefer", TRUE, -1},
                            {"weight", FALSE, -1}},
                   .rows = rows};
    if (!rp_csv_parse_file(path, pref_row, &ctx, error))
        return FALSE;
    for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add(input->preferences, g_ptr_array_index(rows, i));
    g_ptr_array_set_free_func(rows, NULL);
    return TRUE;
}
