/* common/centre.c - reading and checking a centre configuration.
 *
 * Every group and key the file may hold is listed in the tables below;
 * anything else is reported with its line, so a misspelt key never
 * silently falls back to a default. */
#include "common/centre.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/fcr.h"
#include "common/profiles.h"
#include "common/rules.h"
#include "common/shrinkage.h"
#include "common/units.h"

static const char *const channel_names[] = {
    [RP_CHANNEL_PHONE] = "phone", [RP_CHANNEL_RECEPTION] = "reception",
    [RP_CHANNEL_EMAIL] = "email", [RP_CHANNEL_WEB] = "web",
    [RP_CHANNEL_POST] = "post",   [RP_CHANNEL_VOICEMAIL] = "voicemail",
};

const char *
rp_channel_name(RpChannel channel)
{
    return channel_names[channel];
}

gboolean
rp_channel_is_deferred(RpChannel channel)
{
    return channel != RP_CHANNEL_PHONE && channel != RP_CHANNEL_RECEPTION;
}

/* ---- opening hours ---------------------------------------------------- */

static const char *const day_names[7] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};

static int
day_index(const char *name)
{
    for (int d = 0; d < 7; d++)
        if (g_ascii_strcasecmp(name, day_names[d]) == 0)
            return d;
    return -1;
}

/* "mon-fri", "sat", "tue,thu" -> days[] flags */
static gboolean
parse_days(const char *text, gboolean days[7])
{
    g_auto(GStrv) parts = g_strsplit(text, ",", -1);
    memset(days, 0, 7 * sizeof days[0]);
    for (size_t i = 0; parts[i]; i++) {
        /* an empty part (a stray comma) splits into no strings at all */
        if (*g_strstrip(parts[i]) == '\0')
            return FALSE;
        g_auto(GStrv) range = g_strsplit(parts[i], "-", 2);
        int a = day_index(g_strstrip(range[0]));
        int b = range[1] ? day_index(g_strstrip(range[1])) : a;
        if (a < 0 || b < 0 || b < a)
            return FALSE;
        for (int d = a; d <= b; d++)
            days[d] = TRUE;
    }
    return TRUE;
}

static gboolean
parse_spans(const char *text, int interval_min, RpDayHours *out, GError **error)
{
    RpDayHours h = {0};
    if (g_ascii_strcasecmp(text, "closed") == 0) {
        *out = h;
        return TRUE;
    }
    g_auto(GStrv) spans = g_strsplit(text, ",", -1);
    for (size_t i = 0; spans[i]; i++) {
        g_auto(GStrv) ends = g_strsplit(g_strstrip(spans[i]), "-", 2);
        int open, close;
        if (ends[0] == NULL || ends[1] == NULL || h.n_spans == RP_MAX_SPANS) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not HH:MM-HH:MM (at most %d spans a day)",
                        spans[i], RP_MAX_SPANS);
            return FALSE;
        }
        if (!rp_parse_clock(g_strstrip(ends[0]), &open, error) ||
            !rp_parse_clock(g_strstrip(ends[1]), &close, error))
            return FALSE;
        if (open % interval_min || close % interval_min) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s is not on the %d-minute interval grid", spans[i],
                        interval_min);
            return FALSE;
        }
        int prev_close = h.n_spans ? h.close_min[h.n_spans - 1] : 0;
        if (close <= open || open < prev_close) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s: spans must run forwards, in order, without "
                        "overlapping",
                        spans[i]);
            return FALSE;
        }
        h.open_min[h.n_spans] = open;
        h.close_min[h.n_spans] = close;
        h.n_spans++;
    }
    *out = h;
    return TRUE;
}

gboolean
rp_week_hours_parse(const char *text, int interval_min, RpWeekHours *hours,
                    GError **error)
{
    RpWeekHours w = {0};
    g_auto(GStrv) entries = g_strsplit(text, ";", -1);
    gboolean any = FALSE;
    for (size_t i = 0; entries[i]; i++) {
        char *entry = g_strstrip(entries[i]);
        if (*entry == '\0')
            continue;
        char *space = strpbrk(entry, " \t");
        gboolean days[7];
        if (space == NULL) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not 'DAYS HH:MM-HH:MM' (e.g. mon-fri "
                        "09:00-17:00)",
                        entry);
            return FALSE;
        }
        *space = '\0';
        if (!parse_days(entry, days)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not a day or range of days (mon..sun, "
                        "e.g. mon-fri or sat)",
                        entry);
            return FALSE;
        }
        RpDayHours h;
        if (!parse_spans(g_strstrip(space + 1), interval_min, &h, error))
            return FALSE;
        for (int d = 0; d < 7; d++)
            if (days[d])
                w.day[d] = h;
        any = TRUE;
    }
    if (!any) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "no opening hours given (e.g. mon-fri 09:00-17:00)");
        return FALSE;
    }
    *hours = w;
    return TRUE;
}

int
rp_day_hours_minutes(const RpDayHours *day)
{
    int total = 0;
    for (int i = 0; i < day->n_spans; i++)
        total += day->close_min[i] - day->open_min[i];
    return total;
}

/* ---- reading keys ------------------------------------------------------ */

typedef struct {
    RpConfig *config;
    const char *group;
    GError **error;
} Reader;

static const char *
get(Reader *r, const char *key)
{
    return rp_config_get(r->config, r->group, key);
}

static gboolean
require(Reader *r, const char *key, const char **value)
{
    *value = get(r, key);
    if (*value == NULL || **value == '\0') {
        rp_config_error(r->config, r->error, r->group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_MISSING, "the key '%s' is missing", key);
        return FALSE;
    }
    return TRUE;
}

/* Wraps a value parser's error with the key's location. */
static gboolean
located(Reader *r, const char *key, gboolean ok)
{
    if (!ok)
        rp_config_prefix_error(r->config, r->error, r->group, key);
    return ok;
}

static gboolean
read_duration(Reader *r, const char *key, double *seconds)
{
    const char *v = get(r, key);
    return v == NULL ||
           located(r, key, rp_parse_duration(v, seconds, r->error));
}

static gboolean
read_proportion(Reader *r, const char *key, double *value)
{
    const char *v = get(r, key);
    return v == NULL ||
           located(r, key, rp_parse_proportion(v, value, r->error));
}

static gboolean
read_number(Reader *r, const char *key, double min, double *value)
{
    const char *v = get(r, key);
    if (v == NULL)
        return TRUE;
    double x;
    if (!located(r, key, rp_parse_number(v, "a number", &x, r->error)))
        return FALSE;
    if (!(x >= min)) {
        rp_config_error(r->config, r->error, r->group, key, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE, "%s is below %g", v, min);
        return FALSE;
    }
    *value = x;
    return TRUE;
}

/* read_number() for a whole number: `what` names the unit in the error. */
static gboolean
read_whole(Reader *r, const char *key, double min, const char *what,
           double *value)
{
    if (!read_number(r, key, min, value))
        return FALSE;
    if (fabs(*value - round(*value)) > 1e-9) {
        rp_config_error(r->config, r->error, r->group, key, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE, "a whole number of %s", what);
        return FALSE;
    }
    return TRUE;
}

static gboolean
read_string(Reader *r, const char *key, char **out)
{
    const char *v = get(r, key);
    if (v != NULL) {
        g_free(*out);
        *out = g_strdup(v);
    }
    return TRUE;
}

/* The longest range of closed days one item may give. */
#define MAX_CLOSED_DAYS 366

/* "2027-12-24, 2027-12-27..2027-12-31" -> day numbers appended to `days` */
static gboolean
read_dates(Reader *r, const char *key, GArray *days)
{
    const char *v = get(r, key);
    if (v == NULL)
        return TRUE;
    g_auto(GStrv) items = g_strsplit(v, ",", -1);
    for (size_t i = 0; items[i]; i++) {
        char *item = g_strstrip(items[i]);
        if (*item == '\0')
            continue;
        char *dots = strstr(item, "..");
        gint64 from, to;
        if (dots)
            *dots = '\0';
        if (!located(r, key,
                     rp_parse_date(g_strstrip(item), &from, r->error)) ||
            !located(r, key,
                     rp_parse_date(dots ? g_strstrip(dots + 2) : item, &to,
                                   r->error)))
            return FALSE;
        if (to < from) {
            rp_config_error(r->config, r->error, r->group, key, RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE,
                            "the range %s..%s runs backwards", item, dots + 2);
            return FALSE;
        }
        if (to - from > MAX_CLOSED_DAYS) { /* a mistyped year */
            rp_config_error(r->config, r->error, r->group, key, RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE,
                            "the range %s..%s is longer than a year", item,
                            dots + 2);
            return FALSE;
        }
        for (gint64 d = from; d <= to; d++)
            g_array_append_val(days, d);
    }
    return TRUE;
}

static gboolean
read_hours(Reader *r, const char *key, int interval_min, RpWeekHours *hours)
{
    const char *v = get(r, key);
    return v == NULL ||
           located(r, key,
                   rp_week_hours_parse(v, interval_min, hours, r->error));
}

/* Reports the first key of the group not in `known` (NULL-terminated). */
static gboolean
check_keys(Reader *r, const char *const *known)
{
    return rp_config_check_keys(r->config, r->group, known, r->error);
}

/* ---- groups ------------------------------------------------------------ */

static gboolean
read_centre_group(RpCentre *c, GError **error)
{
    static const char *const known[] = {
        "name",   "interval", "timezone", "fte_hours", "bank_holidays",
        "closed", "include",  "routing",  NULL};
    Reader r = {c->config, "centre", error};
    const char *v;
    double interval_s = 15 * 60.0;
    if (!check_keys(&r, known) || !require(&r, "name", &v))
        return FALSE;
    c->name = g_strdup(v);
    if (!read_duration(&r, "interval", &interval_s))
        return FALSE;
    /* Any whole number of minutes that divides an hour keeps every
     * interval inside one clock hour, so opening hours and clock changes
     * stay on the grid: councils use 15m or 30m, the real series in
     * data/real/ are 5m and 6m. */
    long minutes = lround(interval_s / 60.0);
    if (fabs(interval_s - 60.0 * (double)minutes) > 0.5 || minutes < 1 ||
        60 % minutes != 0) {
        rp_config_error(c->config, error, "centre", "interval", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "the interval must be whole minutes dividing an "
                        "hour (e.g. 5m, 6m, 15m, 30m, 60m)");
        return FALSE;
    }
    c->interval_min = (int)minutes;
    v = get(&r, "timezone");
    c->clock = rp_clock_new(v ? v : "Europe/London", error);
    if (c->clock == NULL)
        return located(&r, "timezone", FALSE);
    double fte_s = 37 * 3600.0;
    if (!read_duration(&r, "fte_hours", &fte_s))
        return FALSE;
    if (!(fte_s > 0.0) || fte_s > 7 * 86400.0) {
        rp_config_error(c->config, error, "centre", "fte_hours", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "a full-time week must be above 0h and within 168h");
        return FALSE;
    }
    c->fte_hours = fte_s / 3600.0;
    v = get(&r, "routing");
    if (v != NULL && strcmp(v, "skills") != 0 && strcmp(v, "line") != 0) {
        rp_config_error(c->config, error, "centre", "routing", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "'%s' is not skills (officers on the phones take "
                        "every line they hold) or line (one line each)",
                        v);
        return FALSE;
    }
    c->routing = v != NULL && strcmp(v, "skills") == 0 ? RP_ROUTING_SKILLS
                                                       : RP_ROUTING_LINE;
    v = get(&r, "bank_holidays");
    if (v && !located(&r, "bank_holidays",
                      rp_holiday_region_parse(v, &c->holidays, error)))
        return FALSE;
    return read_dates(&r, "closed", c->closed);
}

static gboolean
read_shrinkage(RpCentre *c, GError **error)
{
    RpShrinkage *s = &c->shrinkage;
    Reader r = {c->config, "shrinkage", error};
    g_auto(GStrv) keys = rp_config_keys(c->config, "shrinkage");
    double keep = 1.0, sum = 0.0;
    for (size_t i = 0; keys[i]; i++) {
        const char *v = get(&r, keys[i]);
        if (strcmp(keys[i], "method") == 0) {
            if (strcmp(v, "additive") != 0 && strcmp(v, "sequential") != 0) {
                rp_config_error(c->config, error, "shrinkage", "method",
                                RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                                "'%s' is not additive or sequential", v);
                return FALSE;
            }
            s->sequential = strcmp(v, "sequential") == 0;
            continue;
        }
        double f;
        if (!located(&r, keys[i], rp_parse_proportion(v, &f, error)))
            return FALSE;
        g_ptr_array_add(s->names, g_strdup(keys[i]));
        g_array_append_val(s->fractions, f);
        keep *= 1.0 - f;
        sum += f;
    }
    s->total = s->sequential ? 1.0 - keep : sum;
    if (!(s->total < 0.95)) {
        rp_config_error(c->config, error, "shrinkage", NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "total shrinkage %.1f%% leaves officers no time for "
                        "contacts (must be below 95%%)",
                        100.0 * s->total);
        return FALSE;
    }
    return TRUE;
}

static gboolean
read_forecast(RpCentre *c, GError **error)
{
    static const char *const known[] = {"new_hours_share", "new_hours_transfer",
                                        NULL};
    Reader r = {c->config, "forecast", error};
    return check_keys(&r, known) &&
           read_proportion(&r, "new_hours_share", &c->new_hours.share) &&
           read_proportion(&r, "new_hours_transfer", &c->new_hours.transfer);
}

static gboolean
read_costs(RpCentre *c, GError **error)
{
    static const char *const known[] = {"currency",        "hourly_rate",
                                        "oncost",          "evening_after",
                                        "evening_premium", "saturday_premium",
                                        "sunday_premium",  "overtime_premium",
                                        "budget",          NULL};
    Reader r = {c->config, "costs", error};
    RpCosts *k = &c->costs;
    const char *v = get(&r, "evening_after");
    if (!check_keys(&r, known) || !read_string(&r, "currency", &k->currency) ||
        !read_number(&r, "hourly_rate", 0.0, &k->hourly_rate) ||
        !read_number(&r, "budget", 0.0, &k->annual_budget))
        return FALSE;
    static const struct {
        const char *key;
        size_t offset;
    } premiums[] = {
        {"oncost", G_STRUCT_OFFSET(RpCosts, oncost)},
        {"evening_premium", G_STRUCT_OFFSET(RpCosts, evening_premium)},
        {"saturday_premium", G_STRUCT_OFFSET(RpCosts, saturday_premium)},
        {"sunday_premium", G_STRUCT_OFFSET(RpCosts, sunday_premium)},
        {"overtime_premium", G_STRUCT_OFFSET(RpCosts, overtime_premium)},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(premiums); i++) {
        v = get(&r, premiums[i].key);
        double x;
        if (v == NULL)
            continue;
        /* premiums may exceed 100% (double time) */
        g_autofree char *num = g_strdup(v);
        size_t len = strlen(num);
        double scale = len && num[len - 1] == '%' ? 0.01 : 1.0;
        if (scale < 1.0)
            num[len - 1] = '\0';
        if (!located(&r, premiums[i].key,
                     rp_parse_number(g_strstrip(num), "a percentage (e.g. 25%)",
                                     &x, error)))
            return FALSE;
        if (x < 0.0) {
            rp_config_error(c->config, error, "costs", premiums[i].key,
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "'%s' is negative", v);
            return FALSE;
        }
        G_STRUCT_MEMBER(double, k, premiums[i].offset) = x * scale;
    }
    v = get(&r, "evening_after");
    return v == NULL ||
           located(&r, "evening_after",
                   rp_parse_clock(v, &k->evening_after_min, error));
}

static gboolean
read_site(RpCentre *c, const char *group, GError **error)
{
    static const char *const known[] = {"name", "hours", "closed", "blended",
                                        NULL};
    Reader r = {c->config, group, error};
    RpSite *s = g_new0(RpSite, 1);
    s->blended = RP_BLENDED_NONE; /* read by rp_profiles_read() */
    s->id = g_strdup(group + strlen("site:"));
    s->closed = g_array_new(FALSE, FALSE, sizeof(gint64));
    g_ptr_array_add(c->sites, s);
    const char *v;
    if (!check_keys(&r, known) || !require(&r, "hours", &v))
        return FALSE;
    s->name = g_strdup(s->id);
    return read_string(&r, "name", &s->name) &&
           read_hours(&r, "hours", c->interval_min, &s->hours) &&
           read_dates(&r, "closed", s->closed);
}

static gboolean
parse_channel(const char *text, RpChannel *channel)
{
    for (size_t i = 0; i < G_N_ELEMENTS(channel_names); i++) {
        if (strcmp(text, channel_names[i]) == 0) {
            *channel = (RpChannel)i;
            return TRUE;
        }
    }
    return FALSE;
}

/* The standard keys of a real-time queue. */
static gboolean
read_standard(Reader *r, RpQueue *q)
{
    RpStandard *s = &q->standard;
    double within = NAN;
    if (!read_proportion(r, "service_level", &s->service_level) ||
        !read_duration(r, "answer_within", &within) ||
        !read_duration(r, "asa_max", &s->asa_max_s) ||
        !read_proportion(r, "abandon_max", &s->abandon_max) ||
        !read_proportion(r, "occupancy_max", &s->occupancy_max))
        return FALSE;
    if (!isnan(s->service_level) && isnan(within)) {
        rp_config_error(r->config, r->error, r->group, "service_level",
                        RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "a service level needs answer_within (e.g. 20s)");
        return FALSE;
    }
    s->answer_within_s = isnan(within) ? 0.0 : within;
    if (!isnan(s->abandon_max) && isinf(q->patience_s)) {
        rp_config_error(r->config, r->error, r->group, "abandon_max",
                        RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "an abandonment target needs the callers' mean "
                        "patience (e.g. patience = 120s)");
        return FALSE;
    }
    if (!rp_standard_check(s, r->error)) {
        const char *key = !isnan(s->service_level) ? "service_level"
                          : !isnan(s->asa_max_s)   ? "asa_max"
                          : !isnan(s->abandon_max) ? "abandon_max"
                                                   : NULL;
        rp_config_prefix_error(r->config, r->error, r->group, key);
        return FALSE;
    }
    return TRUE;
}

/* aht_distribution = exponential | lognormal (then aht_cv, e.g. 80%),
 * and the routing priority: what rotaplan simulate draws and routes. */
static gboolean
read_aht_distribution(Reader *r, RpQueue *q)
{
    const char *v = get(r, "aht_distribution");
    q->aht_distribution = RP_AHT_EXPONENTIAL;
    q->aht_cv = 1.0;
    if (v != NULL && strcmp(v, "lognormal") == 0)
        q->aht_distribution = RP_AHT_LOGNORMAL;
    else if (v != NULL && strcmp(v, "exponential") != 0) {
        rp_config_error(r->config, r->error, r->group, "aht_distribution",
                        RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not exponential or lognormal", v);
        return FALSE;
    }
    if (get(r, "aht_cv") != NULL) {
        if (q->aht_distribution != RP_AHT_LOGNORMAL) {
            rp_config_error(r->config, r->error, r->group, "aht_cv",
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "goes with aht_distribution = lognormal (the "
                            "exponential's is 100%%)");
            return FALSE;
        }
        if (!read_proportion(r, "aht_cv", &q->aht_cv))
            return FALSE;
        if (!(q->aht_cv > 0.0 && q->aht_cv <= 10.0)) {
            rp_config_error(r->config, r->error, r->group, "aht_cv",
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "must lie above 0%% and at most 1000%%");
            return FALSE;
        }
    }
    double priority = 0.0;
    if (!read_whole(r, "priority", 0.0, "levels", &priority))
        return FALSE;
    if (priority > 100.0) {
        rp_config_error(r->config, r->error, r->group, "priority",
                        RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "priorities run from 0 to 100");
        return FALSE;
    }
    q->priority = (int)priority;
    return TRUE;
}

static gboolean
read_queue(RpCentre *c, const char *group, GError **error)
{
    static const char *const known[] = {"name",
                                        "channel",
                                        "site",
                                        "hours",
                                        "aht",
                                        "patience",
                                        "service_level",
                                        "answer_within",
                                        "asa_max",
                                        "abandon_max",
                                        "occupancy_max",
                                        "deadline_days",
                                        "min_officers",
                                        "shortfall_weight",
                                        "aht_distribution",
                                        "aht_cv",
                                        "priority",
                                        "fcr",
                                        "fcr_returns",
                                        "fcr_return_after",
                                        "fcr_return_to",
                                        NULL};
    static const char *const realtime_only[] = {
        "patience",    "service_level", "answer_within", "asa_max",
        "abandon_max", "occupancy_max", "min_officers"};
    Reader r = {c->config, group, error};
    RpQueue *q = g_new0(RpQueue, 1);
    q->id = g_strdup(group + strlen("queue:"));
    q->site = -1;
    q->patience_s = INFINITY;
    q->deadline_days = NAN;
    q->shortfall_weight = 1.0;
    rp_standard_init(&q->standard);
    g_ptr_array_add(c->queues, q);

    const char *v;
    if (!check_keys(&r, known) || !require(&r, "channel", &v))
        return FALSE;
    if (!parse_channel(v, &q->channel)) {
        rp_config_error(c->config, error, group, "channel", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "'%s' is not a channel (phone, reception, email, "
                        "web, post, voicemail)",
                        v);
        return FALSE;
    }
    q->name = g_strdup(q->id);
    if (!read_string(&r, "name", &q->name))
        return FALSE;
    v = get(&r, "site");
    if (v != NULL) {
        q->site = rp_centre_site_index(c, v);
        if (q->site < 0) {
            rp_config_error(c->config, error, group, "site", RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN,
                            "no [site:%s] group defines this site", v);
            return FALSE;
        }
        q->hours = rp_centre_site(c, (size_t)q->site)->hours;
    } else if (q->channel == RP_CHANNEL_RECEPTION) {
        rp_config_error(c->config, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_MISSING,
                        "a reception desk needs the key 'site'");
        return FALSE;
    }
    if (get(&r, "hours") == NULL && q->site < 0) {
        rp_config_error(c->config, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_MISSING,
                        "the key 'hours' is missing (needed without 'site')");
        return FALSE;
    }
    double aht = NAN;
    if (!read_hours(&r, "hours", c->interval_min, &q->hours) ||
        !require(&r, "aht", &v) || !read_duration(&r, "aht", &aht))
        return FALSE;
    if (!(aht > 0.0)) {
        rp_config_error(c->config, error, group, "aht", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "the handling time must be above 0s");
        return FALSE;
    }
    q->aht_s = aht;
    if (!read_aht_distribution(&r, q) ||
        !read_number(&r, "shortfall_weight", 0.0, &q->shortfall_weight))
        return FALSE;
    if (q->shortfall_weight > 100.0) {
        rp_config_error(c->config, error, group, "shortfall_weight",
                        RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "weights run from 0 to 100");
        return FALSE;
    }

    if (rp_channel_is_deferred(q->channel)) {
        for (size_t i = 0; i < G_N_ELEMENTS(realtime_only); i++) {
            if (get(&r, realtime_only[i]) != NULL) {
                rp_config_error(c->config, error, group, realtime_only[i],
                                RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                                "applies to phone and reception queues only; "
                                "%s work has deadline_days",
                                rp_channel_name(q->channel));
                return FALSE;
            }
        }
        return require(&r, "deadline_days", &v) &&
               read_whole(&r, "deadline_days", 1.0, "working days",
                          &q->deadline_days);
    }
    if (get(&r, "deadline_days") != NULL) {
        rp_config_error(c->config, error, group, "deadline_days", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "applies to deferred work (email, web, post, "
                        "voicemail) only");
        return FALSE;
    }
    double patience = INFINITY;
    if (!read_duration(&r, "patience", &patience))
        return FALSE;
    if (!(patience > 0.0)) {
        rp_config_error(c->config, error, group, "patience", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE, "patience must be above 0s");
        return FALSE;
    }
    q->patience_s = patience;
    return read_whole(&r, "min_officers", 0.0, "officers", &q->min_officers) &&
           read_standard(&r, q);
}

/* ---- the centre -------------------------------------------------------- */

static void
site_free(gpointer p)
{
    RpSite *s = p;
    g_free(s->id);
    g_free(s->name);
    g_array_unref(s->closed);
    g_free(s);
}

static void
queue_free(gpointer p)
{
    RpQueue *q = p;
    g_free(q->id);
    g_free(q->name);
    g_free(q);
}

static void
profile_free(gpointer p)
{
    RpProfile *f = p;
    g_free(f->id);
    g_free(f->name);
    g_free(f->lines);
    g_free(f);
}

void
rp_centre_free(RpCentre *centre)
{
    if (centre == NULL)
        return;
    rp_config_free(centre->config);
    g_free(centre->name);
    rp_clock_free(centre->clock);
    g_array_unref(centre->closed);
    g_ptr_array_unref(centre->shrinkage.names);
    g_array_unref(centre->shrinkage.fractions);
    g_array_unref(centre->shrinkage.periods);
    g_free(centre->costs.currency);
    g_ptr_array_unref(centre->sites);
    g_ptr_array_unref(centre->queues);
    g_ptr_array_unref(centre->profiles);
    rp_rules_free(centre->rules);
    g_free(centre);
}

static RpCentre *
centre_new(RpConfig *config)
{
    RpCentre *c = g_new0(RpCentre, 1);
    c->config = config;
    c->holidays = RP_HOLIDAYS_ENGLAND_AND_WALES;
    c->closed = g_array_new(FALSE, FALSE, sizeof(gint64));
    c->shrinkage.names = g_ptr_array_new_with_free_func(g_free);
    c->shrinkage.fractions = g_array_new(FALSE, FALSE, sizeof(double));
    c->shrinkage.periods = rp_shrinkage_periods_new();
    c->costs.currency = g_strdup("GBP");
    c->costs.evening_after_min = 18 * 60;
    c->costs.annual_budget = NAN;
    c->new_hours = (RpNewHours){.share = 0.30, .transfer = 0.50};
    c->sites = g_ptr_array_new_with_free_func(site_free);
    c->queues = g_ptr_array_new_with_free_func(queue_free);
    c->profiles = g_ptr_array_new_with_free_func(profile_free);
    c->rules = rp_rules_new();
    return c;
}

static gboolean
has_prefix_id(const char *group, const char *prefix)
{
    return g_str_has_prefix(group, prefix) && group[strlen(prefix)] != '\0';
}

static gboolean
read_groups(RpCentre *c, GError **error)
{
    g_auto(GStrv) groups = rp_config_groups(c->config);
    /* sites first: queues refer to them wherever they are written */
    for (size_t i = 0; groups[i]; i++) {
        const char *g = groups[i];
        if (has_prefix_id(g, "site:") && !read_site(c, g, error))
            return FALSE;
    }
    for (size_t i = 0; groups[i]; i++) {
        const char *g = groups[i];
        if (has_prefix_id(g, "queue:")) {
            if (!read_queue(c, g, error))
                return FALSE;
        } else if (strcmp(g, "shrinkage") == 0) {
            if (!read_shrinkage(c, error))
                return FALSE;
        } else if (strcmp(g, "first_contact") == 0 ||
                   has_prefix_id(g, "profile:")) {
            continue; /* read by rp_fcr_read() and rp_profiles_read() once
                         the queues are */
        } else if (has_prefix_id(g, "shrinkage:")) {
            if (!rp_shrinkage_read_period(c, g, error))
                return FALSE;
        } else if (strcmp(g, "costs") == 0) {
            if (!read_costs(c, error))
                return FALSE;
        } else if (strcmp(g, "forecast") == 0) {
            if (!read_forecast(c, error))
                return FALSE;
        } else if (rp_rules_has_group(g)) {
            if (!rp_rules_read_group(c, g, error))
                return FALSE;
        } else if (strcmp(g, "centre") != 0 && !has_prefix_id(g, "site:")) {
            rp_config_error(c->config, error, g, NULL, RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN,
                            "unknown group (known: [centre], [shrinkage], "
                            "[shrinkage:NAME], [first_contact], [costs], "
                            "[forecast], [site:ID], [queue:ID], [profile:ID], "
                            "[rules], "
                            "[shifts], [shifts:SITE], [roster])");
            return FALSE;
        }
    }
    if (c->queues->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no [queue:ID] group: the centre has no queues",
                    rp_config_path(c->config));
        return FALSE;
    }
    return rp_shrinkage_check(c, error) && rp_fcr_read(c, error) &&
           rp_profiles_read(c, error) && rp_rules_finish(c, error);
}

RpCentre *
rp_centre_from_config(RpConfig *config, GError **error)
{
    g_return_val_if_fail(config != NULL, NULL);
    g_autoptr(RpCentre) c = centre_new(config);
    g_auto(GStrv) groups = rp_config_groups(config);
    gboolean has_centre = FALSE;
    for (size_t i = 0; groups[i]; i++)
        has_centre = has_centre || strcmp(groups[i], "centre") == 0;
    if (!has_centre) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no [centre] group", rp_config_path(config));
        return NULL;
    }
    if (!read_centre_group(c, error) || !read_groups(c, error))
        return NULL;
    return g_steal_pointer(&c);
}

RpCentre *
rp_centre_load(const char *path, GError **error)
{
    RpConfig *config = rp_config_load(path, error);
    return config ? rp_centre_from_config(config, error) : NULL;
}

int
rp_centre_queue_index(const RpCentre *centre, const char *id)
{
    for (guint i = 0; i < centre->queues->len; i++)
        if (strcmp(rp_centre_queue(centre, i)->id, id) == 0)
            return (int)i;
    return -1;
}

int
rp_centre_site_index(const RpCentre *centre, const char *id)
{
    for (guint i = 0; i < centre->sites->len; i++)
        if (strcmp(rp_centre_site(centre, i)->id, id) == 0)
            return (int)i;
    return -1;
}

static gboolean
day_listed(const GArray *days, gint64 day)
{
    for (guint i = 0; i < days->len; i++)
        if (g_array_index(days, gint64, i) == day)
            return TRUE;
    return FALSE;
}

gboolean
rp_centre_site_open_day(const RpCentre *centre, int site, gint64 day)
{
    if (day_listed(centre->closed, day) || rp_is_holiday(centre->holidays, day))
        return FALSE;
    return site < 0 ||
           !day_listed(rp_centre_site(centre, (size_t)site)->closed, day);
}

gboolean
rp_centre_queue_open_day(const RpCentre *centre, size_t queue, gint64 day)
{
    const RpQueue *q = rp_centre_queue(centre, queue);
    return q->hours.day[rp_weekday(day)].n_spans > 0 &&
           rp_centre_site_open_day(centre, q->site, day);
}

gboolean
rp_centre_queue_hours_cover(const RpCentre *centre, size_t queue, gint64 day,
                            int minute)
{
    const RpDayHours *h =
        &rp_centre_queue(centre, queue)->hours.day[rp_weekday(day)];
    for (int i = 0; i < h->n_spans; i++)
        if (minute >= h->open_min[i] && minute < h->close_min[i])
            return TRUE;
    return FALSE;
}

gboolean
rp_centre_queue_open_at(const RpCentre *centre, size_t queue, gint64 utc)
{
    gint64 local = rp_clock_local(centre->clock, utc);
    gint64 day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int minute = (int)((local - day * 86400) / 60);
    return rp_centre_queue_open_day(centre, queue, day) &&
           rp_centre_queue_hours_cover(centre, queue, day, minute);
}

double
rp_centre_pay_factor(const RpCentre *centre, gint64 utc)
{
    const RpCosts *k = &centre->costs;
    gint64 local = rp_clock_local(centre->clock, utc);
    gint64 day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int minute = (int)((local - day * 86400) / 60);
    double premium = 0.0;
    switch (rp_weekday(day)) {
    case 5:
        premium = k->saturday_premium;
        break;
    case 6:
        premium = k->sunday_premium;
        break;
    default:
        premium = minute >= k->evening_after_min ? k->evening_premium : 0.0;
    }
    return (1.0 + k->oncost) * (1.0 + premium);
}

char *
rp_centre_short_name(const char *name)
{
    g_return_val_if_fail(name != NULL, NULL);
    size_t end = strcspn(name, "(,");
    const char *and = strstr(name, " and ");
    if (and != NULL && (size_t)(and-name) < end)
        end = (size_t)(and-name);
    g_autofree char *cut = g_strndup(name, end);
    g_strstrip(cut);
    return *cut ? g_steal_pointer(&cut) : g_strdup(name);
}
