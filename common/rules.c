/* common/rules.c - reading and checking shift rules, working-time rules
 * and roster prices.
 *
 * A site's shift rules are assembled key by key: [shifts:SITE] first, then
 * [shifts].  Each start time and length must be usable on some weekday at
 * some site it applies to; one that is not is almost always a typing
 * mistake (07:00 for 09:00, 40h for 4h), so it is an error, not a rule the
 * solver quietly never uses. */
#include "common/rules.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"

static const char *const shift_keys[] = {"starts", "lengths", "breaks", "hours",
                                         NULL};

RpRules *
rp_rules_new(void)
{
    RpRules *r = g_new0(RpRules, 1);
    r->work = (RpWorkRules){.min_rest_min = 11 * 60,
                            .break_after_min = 6 * 60,
                            .min_break_min = 20,
                            .max_week_min = 48 * 60,
                            .max_days_running = 6};
    r->prices = (RpObjectivePrices){.understaffed_hour = 60.0,
                                    .missed_contact = 2.0,
                                    .below_minimum_hour = 500.0,
                                    .shortfall_share_hour = 20.0,
                                    .overstaffed_hour = 1.0,
                                    .unfair_hour = 2.0,
                                    .preference = 10.0,
                                    .position_change = 3.0,
                                    .start_time_change = 5.0};
    r->min_block_min = 60;
    r->holiday_pro_rata = TRUE;
    r->shifts = g_ptr_array_new();
    return r;
}

static void
shift_rules_free(RpShiftRules *s)
{
    if (s == NULL)
        return;
    if (s->starts)
        g_array_unref(s->starts);
    if (s->lengths)
        g_array_unref(s->lengths);
    g_free(s);
}

void
rp_rules_free(RpRules *rules)
{
    if (rules == NULL)
        return;
    for (guint i = 0; i < rules->shifts->len; i++)
        shift_rules_free(g_ptr_array_index(rules->shifts, i));
    g_ptr_array_unref(rules->shifts);
    g_clear_error(&rules->shifts_error);
    g_free(rules);
}

gboolean
rp_rules_has_group(const char *group)
{
    return strcmp(group, "rules") == 0 || strcmp(group, "roster") == 0 ||
           strcmp(group, "shifts") == 0 ||
           (g_str_has_prefix(group, "shifts:") && group[7] != '\0');
}

const RpShiftRules *
rp_rules_site(const RpCentre *centre, size_t site)
{
    const GPtrArray *s = centre->rules->shifts;
    return site < s->len ? g_ptr_array_index(s, site) : NULL;
}

/* ---- values ------------------------------------------------------------ */

/* A duration in whole minutes on the interval grid (0 allowed). */
static gboolean
parse_minutes(const char *text, int interval_min, int *minutes, GError **error)
{
    double s;
    if (!rp_parse_duration(text, &s, error))
        return FALSE;
    double m = s / 60.0;
    /* the week's bound first: a larger value does not fit a long */
    if (!(m <= 7 * 1440.0) || fabs(m - round(m)) > 1e-9 ||
        (long)round(m) % interval_min != 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not a whole number of %d-minute intervals", text,
                    interval_min);
        return FALSE;
    }
    *minutes = (int)lround(m);
    return TRUE;
}

static gboolean
parse_item(const char *text, gboolean clock, int interval_min, int *v,
           GError **error)
{
    if (!clock)
        return parse_minutes(text, interval_min, v, error);
    if (!rp_parse_clock(text, v, error))
        return FALSE;
    if (*v % interval_min != 0 || *v >= 1440) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s is not a start time on the %d-minute interval grid "
                    "before 24:00",
                    text, interval_min);
        return FALSE;
    }
    return TRUE;
}

static int
cmp_int(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "08:00-10:00/30m, 12:00" (clock) or "4h-8h/30m, 9h" (durations) into
 * ascending distinct minutes. */
static GArray *
parse_list(const char *text, gboolean clock, int interval_min, GError **error)
{
    g_autoptr(GArray) out = g_array_new(FALSE, FALSE, sizeof(int));
    g_auto(GStrv) items = g_strsplit(text, ",", -1);
    for (size_t i = 0; items[i]; i++) {
        char *item = g_strstrip(items[i]);
        if (*item == '\0')
            continue;
        g_auto(GStrv) step = g_strsplit(item, "/", 2);
        g_auto(GStrv) ends = g_strsplit(g_strstrip(step[0]), "-", 2);
        int from, to, by = interval_min;
        if (ends[0] == NULL) { /* "/30m": an empty string splits into none */
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' has a step but no values", item);
            return NULL;
        }
        if (!parse_item(g_strstrip(ends[0]), clock, interval_min, &from, error))
            return NULL;
        to = from;
        if (ends[1] &&
            !parse_item(g_strstrip(ends[1]), clock, interval_min, &to, error))
            return NULL;
        if (step[1] &&
            !parse_minutes(g_strstrip(step[1]), interval_min, &by, error))
            return NULL;
        if (to < from || by <= 0 || (step[1] && ends[1] == NULL)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not a value or an ascending range with a "
                        "step (e.g. %s)",
                        item, clock ? "08:00-10:00/30m" : "4h-8h/30m");
            return NULL;
        }
        for (int v = from; v <= to; v += by)
            if (clock || v > 0)
                g_array_append_val(out, v);
    }
    if (out->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE, "no %s given",
                    clock ? "start time" : "length");
        return NULL;
    }
    g_array_sort(out, cmp_int);
    for (guint i = out->len - 1; i > 0; i--)
        if (g_array_index(out, int, i) == g_array_index(out, int, i - 1))
            g_array_remove_index(out, i);
    return g_steal_pointer(&out);
}

/* The words of "30m unpaid 3h-5h after start over 6h"; FALSE when they
 * are not a break, with `error` set only for a bad duration. */
static gboolean
break_words(char **w, size_t n, int interval_min, RpBreakRule *b,
            GError **error)
{
    if (n < 3 || (strcmp(w[1], "paid") != 0 && strcmp(w[1], "unpaid") != 0))
        return FALSE;
    b->paid = strcmp(w[1], "paid") == 0;
    g_auto(GStrv) win = g_strsplit(w[2], "-", 2);
    if (win[1] == NULL ||
        !parse_minutes(w[0], interval_min, &b->length_min, error) ||
        !parse_minutes(win[0], interval_min, &b->earliest_min, error) ||
        !parse_minutes(win[1], interval_min, &b->latest_min, error))
        return FALSE;
    size_t k = 3;
    if (k + 1 < n && strcmp(w[k], "after") == 0 &&
        strcmp(w[k + 1], "start") == 0) {
        k += 2;
    } else if (k + 1 < n && strcmp(w[k], "before") == 0 &&
               strcmp(w[k + 1], "end") == 0) {
        b->from_end = TRUE;
        k += 2;
    }
    if (k + 1 < n && strcmp(w[k], "over") == 0) {
        if (!parse_minutes(w[k + 1], interval_min, &b->over_min, error))
            return FALSE;
        k += 2;
    }
    return k == n && b->length_min > 0 && b->latest_min >= b->earliest_min;
}

static gboolean
parse_break(const char *text, int interval_min, RpBreakRule *b, GError **error)
{
    g_auto(GStrv) tok = g_strsplit_set(text, " \t", -1);
    g_autoptr(GPtrArray) w = g_ptr_array_new();
    for (size_t i = 0; tok[i]; i++)
        if (*tok[i] != '\0')
            g_ptr_array_add(w, tok[i]);
    GError *local = NULL;
    *b = (RpBreakRule){0};
    if (break_words((char **)w->pdata, w->len, interval_min, b, &local))
        return TRUE;
    if (local != NULL) {
        g_propagate_error(error, local);
        return FALSE;
    }
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                "'%s' is not a break (LENGTH paid|unpaid FROM-TO [after "
                "start|before end] [over LENGTH], e.g. 30m unpaid 3h-5h "
                "after start over 6h)",
                text);
    return FALSE;
}

void
rp_break_window(const RpBreakRule *b, int length_min, int *earliest,
                int *latest)
{
    if (b->from_end) {
        *earliest = length_min - b->latest_min;
        *latest = length_min - b->earliest_min;
    } else {
        *earliest = b->earliest_min;
        *latest = b->latest_min;
    }
}

int
rp_shift_rules_first_breaks(const RpShiftRules *rules, int length_min,
                            int *offset_min)
{
    int n = 0, free_from = 0;
    for (size_t i = 0; i < rules->n_breaks; i++) {
        const RpBreakRule *b = &rules->breaks[i];
        if (length_min <= b->over_min)
            continue;
        int lo, hi;
        rp_break_window(b, length_min, &lo, &hi);
        int at = MAX(lo, free_from);
        if (at > hi || at <= 0 || at + b->length_min >= length_min)
            return -1;
        offset_min[n++] = at;
        free_from = at + b->length_min;
    }
    return n;
}

/* ---- groups ------------------------------------------------------------ */

/* A duration in whole minutes, left alone when the key is absent. */
static gboolean
read_minutes_key(RpConfig *config, const char *key, int *minutes,
                 GError **error)
{
    const char *v = rp_config_get(config, "rules", key);
    if (v == NULL)
        return TRUE;
    if (!parse_minutes(v, 1, minutes, error)) {
        rp_config_prefix_error(config, error, "rules", key);
        return FALSE;
    }
    return TRUE;
}

static gboolean
read_work_rules(RpCentre *c, GError **error)
{
    static const char *const known[] = {"min_rest",         "break_after",
                                        "min_break",        "max_week",
                                        "max_days_running", NULL};
    RpWorkRules *w = &c->rules->work;
    RpConfig *cf = c->config;
    if (!rp_config_check_keys(cf, "rules", known, error) ||
        !read_minutes_key(cf, "min_rest", &w->min_rest_min, error) ||
        !read_minutes_key(cf, "break_after", &w->break_after_min, error) ||
        !read_minutes_key(cf, "min_break", &w->min_break_min, error) ||
        !read_minutes_key(cf, "max_week", &w->max_week_min, error))
        return FALSE;
    const char *v = rp_config_get(cf, "rules", "max_days_running");
    double days;
    if (v != NULL) {
        if (!rp_parse_number(v, "a number of days", &days, error)) {
            rp_config_prefix_error(cf, error, "rules", "max_days_running");
            return FALSE;
        }
        if (!(days >= 1.0 && days <= 13.0) || fabs(days - floor(days)) > 0.0) {
            rp_config_error(cf, error, "rules", "max_days_running",
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "'%s' is not a whole number of days from 1 to 13",
                            v);
            return FALSE;
        }
        w->max_days_running = (int)days;
    }
    if (w->max_week_min <= 0 || w->max_week_min > 7 * 1440) {
        rp_config_error(cf, error, "rules", "max_week", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "a working week must be above 0h and within 168h");
        return FALSE;
    }
    return TRUE;
}

static gboolean
read_prices(RpCentre *c, GError **error)
{
    static const struct {
        const char *key;
        size_t offset;
    } prices[] = {
        {"understaffed_hour",
         G_STRUCT_OFFSET(RpObjectivePrices, understaffed_hour)},
        {"missed_contact", G_STRUCT_OFFSET(RpObjectivePrices, missed_contact)},
        {"below_minimum_hour",
         G_STRUCT_OFFSET(RpObjectivePrices, below_minimum_hour)},
        {"shortfall_share_hour",
         G_STRUCT_OFFSET(RpObjectivePrices, shortfall_share_hour)},
        {"overstaffed_hour",
         G_STRUCT_OFFSET(RpObjectivePrices, overstaffed_hour)},
        {"unfair_hour", G_STRUCT_OFFSET(RpObjectivePrices, unfair_hour)},
        {"preference", G_STRUCT_OFFSET(RpObjectivePrices, preference)},
        {"position_change",
         G_STRUCT_OFFSET(RpObjectivePrices, position_change)},
        {"start_time_change",
         G_STRUCT_OFFSET(RpObjectivePrices, start_time_change)},
    };
    static const char *const known[] = {
        "understaffed_hour",  "missed_contact",
        "below_minimum_hour", "shortfall_share_hour",
        "overstaffed_hour",   "unfair_hour",
        "preference",         "position_change",
        "start_time_change",  "min_block",
        "bank_holiday_hours", NULL};
    if (!rp_config_check_keys(c->config, "roster", known, error))
        return FALSE;
    const char *h = rp_config_get(c->config, "roster", "bank_holiday_hours");
    if (h != NULL) {
        if (strcmp(h, "pro-rata") != 0 && strcmp(h, "none") != 0) {
            rp_config_error(c->config, error, "roster", "bank_holiday_hours",
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "'%s' is not pro-rata or none", h);
            return FALSE;
        }
        c->rules->holiday_pro_rata = strcmp(h, "pro-rata") == 0;
    }
    /* on the interval grid, checked with the shifts (rp_rules_finish) */
    const char *b = rp_config_get(c->config, "roster", "min_block");
    double sec;
    if (b != NULL) {
        if (!rp_parse_duration(b, &sec, error)) {
            rp_config_prefix_error(c->config, error, "roster", "min_block");
            return FALSE;
        }
        if (!(sec >= 60.0 && sec <= 1440.0 * 60.0) || fmod(sec, 60.0) > 0.0) {
            rp_config_error(c->config, error, "roster", "min_block",
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "'%s' is not a whole number of minutes from 1m "
                            "to 24h",
                            b);
            return FALSE;
        }
        c->rules->min_block_min = (int)lround(sec / 60.0);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(prices); i++) {
        const char *v = rp_config_get(c->config, "roster", prices[i].key);
        double x;
        if (v == NULL)
            continue;
        if (!rp_parse_number(v, "an amount of money", &x, error)) {
            rp_config_prefix_error(c->config, error, "roster", prices[i].key);
            return FALSE;
        }
        if (x < 0.0) {
            rp_config_error(c->config, error, "roster", prices[i].key,
                            RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                            "'%s' is negative", v);
            return FALSE;
        }
        G_STRUCT_MEMBER(double, &c->rules->prices, prices[i].offset) = x;
    }
    return TRUE;
}

gboolean
rp_rules_read_group(RpCentre *centre, const char *group, GError **error)
{
    g_return_val_if_fail(centre != NULL && group != NULL, FALSE);
    if (strcmp(group, "rules") == 0)
        return read_work_rules(centre, error);
    if (strcmp(group, "roster") == 0)
        return read_prices(centre, error);
    if (g_str_has_prefix(group, "shifts:") &&
        rp_centre_site_index(centre, group + 7) < 0) {
        rp_config_error(centre->config, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_UNKNOWN,
                        "no [site:%s] group defines this site", group + 7);
        return FALSE;
    }
    return rp_config_check_keys(centre->config, group, shift_keys, error);
}

/* ---- assembling and checking a site's shift rules ---------------------- */

/* Where each key of one site's rules came from (NULL: nowhere). */
typedef struct {
    const char *from[4]; /* group of starts, lengths, breaks, hours */
} Origin;

static const char *
key_group(RpConfig *cf, const char *site_group, const char *key)
{
    if (rp_config_get(cf, site_group, key) != NULL)
        return site_group;
    return rp_config_get(cf, "shifts", key) != NULL ? "shifts" : NULL;
}

static gboolean
parse_breaks(RpCentre *c, const char *group, RpShiftRules *s, GError **error)
{
    const char *v = rp_config_get(c->config, group, "breaks");
    g_auto(GStrv) items = g_strsplit(v, ";", -1);
    for (size_t i = 0; items[i]; i++) {
        char *item = g_strstrip(items[i]);
        if (*item == '\0')
            continue;
        if (s->n_breaks == RP_MAX_BREAKS) {
            rp_config_error(c->config, error, group, "breaks", RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE, "at most %d breaks a shift",
                            RP_MAX_BREAKS);
            return FALSE;
        }
        if (!parse_break(item, c->interval_min, &s->breaks[s->n_breaks],
                         error)) {
            rp_config_prefix_error(c->config, error, group, "breaks");
            return FALSE;
        }
        s->n_breaks++;
    }
    return TRUE;
}

static gboolean
parse_site_keys(RpCentre *c, const RpSite *site, const Origin *o,
                RpShiftRules *s, GError **error)
{
    RpConfig *cf = c->config;
    s->hours = site->hours;
    const char *v = rp_config_get(cf, o->from[0], "starts");
    if ((s->starts = parse_list(v, TRUE, c->interval_min, error)) == NULL) {
        rp_config_prefix_error(cf, error, o->from[0], "starts");
        return FALSE;
    }
    v = rp_config_get(cf, o->from[1], "lengths");
    if ((s->lengths = parse_list(v, FALSE, c->interval_min, error)) == NULL) {
        rp_config_prefix_error(cf, error, o->from[1], "lengths");
        return FALSE;
    }
    if (o->from[2] && !parse_breaks(c, o->from[2], s, error))
        return FALSE;
    v = o->from[3] ? rp_config_get(cf, o->from[3], "hours") : NULL;
    if (v && !rp_week_hours_parse(v, c->interval_min, &s->hours, error)) {
        rp_config_prefix_error(cf, error, o->from[3], "hours");
        return FALSE;
    }
    return TRUE;
}

static gboolean
fits_day(const RpDayHours *h, int start, int end)
{
    return h->n_spans > 0 && start >= h->open_min[0] &&
           end <= h->close_min[h->n_spans - 1];
}

static void
format_minutes(int m, char *buf, size_t size)
{
    if (m % 60 == 0)
        g_snprintf(buf, size, "%dh", m / 60);
    else if (m < 60)
        g_snprintf(buf, size, "%dm", m);
    else
        g_snprintf(buf, size, "%dh%02dm", m / 60, m % 60);
}

/* Each length's breaks must fit, and a shift over the legal limit needs a
 * long enough break. */
static gboolean
check_breaks(RpCentre *c, const Origin *o, const RpShiftRules *s,
             GError **error)
{
    const RpWorkRules *w = &c->rules->work;
    for (guint i = 0; i < s->lengths->len; i++) {
        int len = g_array_index(s->lengths, int, i), offsets[RP_MAX_BREAKS];
        char text[32];
        format_minutes(len, text, sizeof text);
        if (rp_shift_rules_first_breaks(s, len, offsets) < 0) {
            rp_config_error(c->config, error,
                            o->from[2] ? o->from[2] : o->from[1],
                            o->from[2] ? "breaks" : "lengths", RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE,
                            "the breaks of a %s shift do not fit in it "
                            "(each break must start inside its window, "
                            "after the one before, and end before the "
                            "shift does)",
                            text);
            return FALSE;
        }
        gboolean lawful = len <= w->break_after_min;
        for (size_t b = 0; b < s->n_breaks && !lawful; b++)
            lawful = len > s->breaks[b].over_min &&
                     s->breaks[b].length_min >= w->min_break_min;
        if (!lawful) {
            char limit[32], brk[32];
            format_minutes(w->break_after_min, limit, sizeof limit);
            format_minutes(w->min_break_min, brk, sizeof brk);
            rp_config_error(c->config, error,
                            o->from[2] ? o->from[2] : o->from[1],
                            o->from[2] ? "breaks" : "lengths", RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE,
                            "a %s shift has no break of at least %s (the "
                            "working-time rules require one in any shift "
                            "over %s)",
                            text, brk, limit);
            return FALSE;
        }
    }
    return TRUE;
}

/* Marks the starts and lengths some weekday's working hours can use. */
static void
mark_used(const RpShiftRules *s, gboolean *start_used, gboolean *length_used)
{
    for (guint i = 0; i < s->starts->len; i++) {
        int st = g_array_index(s->starts, int, i);
        for (guint j = 0; j < s->lengths->len; j++) {
            int end = st + g_array_index(s->lengths, int, j);
            for (int d = 0; d < 7; d++) {
                if (end <= 1440 && fits_day(&s->hours.day[d], st, end)) {
                    start_used[i] = TRUE;
                    length_used[j] = TRUE;
                }
            }
        }
    }
}

static gboolean
report_unused(RpCentre *c, const char *group, const RpShiftRules *s,
              const gboolean *start_used, const gboolean *length_used,
              GError **error)
{
    for (guint i = 0; i < s->starts->len; i++) {
        if (start_used[i])
            continue;
        int m = g_array_index(s->starts, int, i);
        rp_config_error(c->config, error, group, "starts", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "no allowed shift starting at %02d:%02d fits the "
                        "working hours of any site these rules apply to",
                        m / 60, m % 60);
        return FALSE;
    }
    for (guint j = 0; j < s->lengths->len; j++) {
        if (length_used[j])
            continue;
        char text[32];
        format_minutes(g_array_index(s->lengths, int, j), text, sizeof text);
        rp_config_error(c->config, error, group, "lengths", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "no %s shift from an allowed start fits the working "
                        "hours of any site these rules apply to",
                        text);
        return FALSE;
    }
    return TRUE;
}

/* Builds the rules of site `i` (NULL in *out when it has none). */
static gboolean
build_site(RpCentre *c, guint i, gboolean *def_start, gboolean *def_length,
           gboolean *inherits, RpShiftRules **out, GError **error)
{
    const RpSite *site = rp_centre_site(c, i);
    g_autofree char *group = g_strconcat("shifts:", site->id, NULL);
    Origin o = {{NULL, NULL, NULL, NULL}};
    for (size_t k = 0; k < 4; k++)
        o.from[k] = key_group(c->config, group, shift_keys[k]);
    *out = NULL;
    if (o.from[0] == NULL && o.from[1] == NULL && o.from[2] == NULL &&
        o.from[3] == NULL)
        return TRUE;
    for (size_t k = 0; k < 2; k++) {
        if (o.from[k] == NULL) {
            rp_config_error(c->config, error, group, NULL, RP_DATA_ERROR,
                            RP_DATA_ERROR_MISSING,
                            "the key '%s' is missing (here or in [shifts])",
                            shift_keys[k]);
            return FALSE;
        }
    }
    RpShiftRules *s = g_new0(RpShiftRules, 1);
    *out = s;
    if (!parse_site_keys(c, site, &o, s, error) ||
        !check_breaks(c, &o, s, error))
        return FALSE;
    g_autofree gboolean *su = g_new0(gboolean, s->starts->len);
    g_autofree gboolean *lu = g_new0(gboolean, s->lengths->len);
    mark_used(s, su, lu);
    /* inherited lists are checked over every site that inherits them */
    if (strcmp(o.from[0], "shifts") == 0 && strcmp(o.from[1], "shifts") == 0) {
        *inherits = TRUE;
        for (guint k = 0; k < s->starts->len; k++)
            def_start[k] = def_start[k] || su[k];
        for (guint k = 0; k < s->lengths->len; k++)
            def_length[k] = def_length[k] || lu[k];
        return TRUE;
    }
    return report_unused(c, strcmp(o.from[0], "shifts") ? o.from[0] : o.from[1],
                         s, su, lu, error);
}

/* [roster] min_block: whole intervals, and no longer than the longest
 * shift any site allows (a block that long could never be held). */
static gboolean
check_min_block(RpCentre *c, GError **error)
{
    const RpRules *r = c->rules;
    int b = r->min_block_min, longest = 0;
    const char *v = rp_config_get(c->config, "roster", "min_block");
    if (v == NULL)
        return TRUE; /* the default; the roster caps it at the shift */
    if (b % c->interval_min != 0) {
        rp_config_error(c->config, error, "roster", "min_block", RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "'%s' is not a whole number of %d-minute intervals", v,
                        c->interval_min);
        return FALSE;
    }
    for (guint i = 0; i < r->shifts->len; i++) {
        const RpShiftRules *s = g_ptr_array_index(r->shifts, i);
        for (guint k = 0; s != NULL && k < s->lengths->len; k++)
            longest = MAX(longest, g_array_index(s->lengths, int, k));
    }
    if (longest > 0 && b > longest) {
        rp_config_error(
            c->config, error, "roster", "min_block", RP_DATA_ERROR,
            RP_DATA_ERROR_VALUE,
            "'%s' is longer than any shift (the longest is %dh%02d)", v,
            longest / 60, longest % 60);
        return FALSE;
    }
    return TRUE;
}

gboolean
rp_rules_finish(RpCentre *centre, GError **error)
{
    g_return_val_if_fail(centre != NULL, FALSE);
    RpRules *r = centre->rules;
    const RpWorkRules *w = &r->work;
    if (w->min_break_min > w->break_after_min) {
        rp_config_error(centre->config, error, "rules", "min_break",
                        RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "the break is longer than the shift that needs it");
        return FALSE;
    }
    /* the default lists, parsed once, to track their use across sites */
    g_autoptr(GArray) def_starts = NULL, def_lengths = NULL;
    const char *v = rp_config_get(centre->config, "shifts", "starts");
    if (v && !(def_starts = parse_list(v, TRUE, centre->interval_min, NULL)))
        def_starts = g_array_new(FALSE, FALSE, sizeof(int));
    v = rp_config_get(centre->config, "shifts", "lengths");
    if (v && !(def_lengths = parse_list(v, FALSE, centre->interval_min, NULL)))
        def_lengths = g_array_new(FALSE, FALSE, sizeof(int));
    g_autofree gboolean *ds =
        g_new0(gboolean, def_starts ? def_starts->len : 1);
    g_autofree gboolean *dl =
        g_new0(gboolean, def_lengths ? def_lengths->len : 1);
    gboolean inherits = FALSE, ok = TRUE;
    for (guint i = 0; i < centre->sites->len && ok; i++) {
        RpShiftRules *s = NULL;
        ok = build_site(centre, i, ds, dl, &inherits, &s, &r->shifts_error);
        g_ptr_array_add(r->shifts, s);
    }
    if (ok && inherits && def_starts != NULL && def_lengths != NULL) {
        RpShiftRules view = {.starts = def_starts, .lengths = def_lengths};
        ok = report_unused(centre, "shifts", &view, ds, dl, &r->shifts_error);
    }
    if (ok && !check_min_block(centre, error))
        return FALSE;
    if (!ok) {
        /* no site keeps rules that are known to be unusable */
        for (guint i = 0; i < r->shifts->len; i++)
            shift_rules_free(g_ptr_array_index(r->shifts, i));
        g_ptr_array_set_size(r->shifts, 0);
    }
    return TRUE;
}

gboolean
rp_rules_check_shifts(const RpCentre *centre, GError **error)
{
    g_return_val_if_fail(centre != NULL, FALSE);
    const GError *e = centre->rules->shifts_error;
    if (e == NULL)
        return TRUE;
    g_set_error_literal(error, e->domain, e->code, e->message);
    return FALSE;
}
