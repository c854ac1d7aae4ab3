/* common/shrinkage.c - shrinkage by month, weekday, time of day and site.
 *
 * Key decision: a period is a share *added* at the times it names, not a
 * table of totals per month and hour.  Planners think "August has 6% more
 * leave" and "training takes 20% on Wednesday afternoons"; the periods
 * then overlap as they do in life (training on a Wednesday in August
 * adds both), and the year-round components stay where they were. */
#include "common/shrinkage.h"

#include <string.h>

#include "common/error.h"
#include "common/units.h"
#include "common/volumes.h"

#define ALL_MONTHS 0xfffu
#define MAX_TOTAL  0.95 /* as for the year-round total */

static const char *const month_names[12] = {"jan", "feb", "mar", "apr",
                                            "may", "jun", "jul", "aug",
                                            "sep", "oct", "nov", "dec"};

static void
period_clear(gpointer p)
{
    g_free(((RpShrinkagePeriod *)p)->name);
}

GArray *
rp_shrinkage_periods_new(void)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(RpShrinkagePeriod));
    g_array_set_clear_func(a, period_clear);
    return a;
}

static int
month_index(const char *name)
{
    for (int m = 0; m < 12; m++)
        if (g_ascii_strcasecmp(name, month_names[m]) == 0)
            return m;
    return -1;
}

/* "aug", "jul,aug", "dec-feb" (a range may run over the new year). */
static gboolean
parse_months(const char *text, guint *months, GError **error)
{
    g_auto(GStrv) parts = g_strsplit(text, ",", -1);
    guint set = 0;
    for (size_t i = 0; parts[i]; i++) {
        g_auto(GStrv) range = g_strsplit(g_strstrip(parts[i]), "-", 2);
        int a = month_index(g_strstrip(range[0]));
        int b = range[1] ? month_index(g_strstrip(range[1])) : a;
        if (a < 0 || b < 0) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not a month or range of months (jan..dec, "
                        "e.g. aug or dec-feb)",
                        parts[i]);
            return FALSE;
        }
        for (int m = a;; m = (m + 1) % 12) {
            set |= 1u << m;
            if (m == b)
                break;
        }
    }
    *months = set;
    return TRUE;
}

gboolean
rp_shrinkage_read_period(RpCentre *c, const char *group, GError **error)
{
    static const char *const known[] = {"months", "days", "hours",
                                        "site",   "add",  NULL};
    RpConfig *cfg = c->config;
    if (!rp_config_check_keys(cfg, group, known, error))
        return FALSE;
    RpShrinkagePeriod p = {.months = ALL_MONTHS, .site = -1};
    const char *add = rp_config_get(cfg, group, "add");
    if (add == NULL || *add == '\0') {
        rp_config_error(cfg, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_MISSING,
                        "the key 'add' is missing (the share of paid time "
                        "it adds, e.g. 5%%)");
        return FALSE;
    }
    if (!rp_parse_proportion(add, &p.add, error)) {
        rp_config_prefix_error(cfg, error, group, "add");
        return FALSE;
    }
    const char *months = rp_config_get(cfg, group, "months");
    if (months && !parse_months(months, &p.months, error)) {
        rp_config_prefix_error(cfg, error, group, "months");
        return FALSE;
    }
    /* days and hours together are an opening-hours entry */
    const char *days = rp_config_get(cfg, group, "days");
    const char *hours = rp_config_get(cfg, group, "hours");
    g_autofree char *when = g_strdup_printf("%s %s", days ? days : "mon-sun",
                                            hours ? hours : "00:00-24:00");
    if (!rp_week_hours_parse(when, c->interval_min, &p.when, error)) {
        rp_config_prefix_error(cfg, error, group, hours ? "hours" : "days");
        return FALSE;
    }
    const char *site = rp_config_get(cfg, group, "site");
    if (site) {
        p.site = rp_centre_site_index(c, site);
        if (p.site < 0) {
            rp_config_error(cfg, error, group, "site", RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN, "'%s' is not a site", site);
            return FALSE;
        }
    }
    p.name = g_strdup(group + strlen("shrinkage:"));
    g_array_append_val(c->shrinkage.periods, p);
    return TRUE;
}

static gboolean
period_covers(const RpShrinkagePeriod *p, int site, int month, int weekday,
              int minute)
{
    if (!(p->months & (1u << month)) || (p->site >= 0 && p->site != site))
        return FALSE;
    const RpDayHours *h = &p->when.day[weekday];
    for (int i = 0; i < h->n_spans; i++)
        if (minute >= h->open_min[i] && minute < h->close_min[i])
            return TRUE;
    return FALSE;
}

/* The shrinkage at a local month (0-11), weekday and minute for `site`;
 * *last is the last period that applies (or NULL). */
static double
shrinkage_when(const RpShrinkage *s, int site, int month, int weekday,
               int minute, const RpShrinkagePeriod **last)
{
    double total = s->total, keep = 1.0 - s->total;
    *last = NULL;
    for (guint i = 0; i < s->periods->len; i++) {
        const RpShrinkagePeriod *p =
            &g_array_index(s->periods, RpShrinkagePeriod, i);
        if (!period_covers(p, site, month, weekday, minute))
            continue;
        total += p->add;
        keep *= 1.0 - p->add;
        *last = p;
    }
    return s->sequential ? 1.0 - keep : total;
}

gboolean
rp_shrinkage_check(const RpCentre *c, GError **error)
{
    static const char *const days[7] = {"Monday",   "Tuesday", "Wednesday",
                                        "Thursday", "Friday",  "Saturday",
                                        "Sunday"};
    const RpShrinkage *s = &c->shrinkage;
    if (s->periods->len == 0)
        return TRUE;
    for (int site = -1; site < (int)c->sites->len; site++)
        for (int m = 0; m < 12; m++)
            for (int d = 0; d < 7; d++)
                for (int t = 0; t < 1440; t += c->interval_min) {
                    const RpShrinkagePeriod *last;
                    double v = shrinkage_when(s, site, m, d, t, &last);
                    if (v < MAX_TOTAL)
                        continue;
                    g_autofree char *group =
                        g_strconcat("shrinkage:", last->name, NULL);
                    rp_config_error(
                        c->config, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "shrinkage reaches %.1f%% on a %s in %s at "
                        "%02d:%02d%s%s (must stay below 95%%)",
                        100.0 * v, days[d], month_names[m], t / 60, t % 60,
                        site >= 0 ? " at site " : "",
                        site >= 0 ? rp_centre_site(c, (size_t)site)->id : "");
                    return FALSE;
                }
    return TRUE;
}

double
rp_centre_shrinkage_at(const RpCentre *c, int site, gint64 utc)
{
    const RpShrinkage *s = &c->shrinkage;
    if (s->periods->len == 0)
        return s->total;
    gint64 local = rp_clock_local(c->clock, utc);
    gint64 day = rp_centre_local_day(c, utc);
    int year, month, mday;
    rp_civil_from_days(day, &year, &month, &mday);
    const RpShrinkagePeriod *last;
    return shrinkage_when(s, site, month - 1, rp_weekday(day),
                          (int)((local - day * 86400) / 60), &last);
}

gboolean
rp_centre_shrinkage_varies(const RpCentre *c)
{
    return c->shrinkage.periods->len > 0;
}
