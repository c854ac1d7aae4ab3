/* common/units.c - parsing durations, proportions, clock times and dates.
 *
 * Day numbers use Howard Hinnant's days_from_civil algorithm (public
 * domain, "chrono-Compatible Low-Level Date Algorithms"): exact for every
 * proleptic Gregorian date, no tables, no time zone. */
#include "common/units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/error.h"

static gboolean
bad(GError **error, const char *text, const char *what)
{
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE, "'%s' is not %s",
                text, what);
    return FALSE;
}

gboolean
rp_parse_number(const char *text, const char *what, double *value,
                GError **error)
{
    char *end = NULL;
    g_return_val_if_fail(text != NULL && value != NULL, FALSE);
    double v = g_ascii_strtod(text, &end);
    while (end && g_ascii_isspace(*end))
        end++;
    if (end == text || *end != '\0' || !isfinite(v))
        return bad(error, text, what);
    *value = v;
    return TRUE;
}

gboolean
rp_parse_duration(const char *text, double *seconds, GError **error)
{
    static const struct {
        const char *unit;
        double seconds;
    } units[] = {
        {"min", 60.0}, {"s", 1.0}, {"m", 60.0}, {"h", 3600.0}, {"d", 86400.0}};
    const char *what = "a duration (e.g. 20s, 30m, 1h, 7h24m)";
    g_return_val_if_fail(text != NULL && seconds != NULL, FALSE);

    const char *p = text;
    double total = 0.0, last_unit = INFINITY;
    gboolean any = FALSE;
    while (g_ascii_isspace(*p))
        p++;
    while (*p) {
        char *end = NULL;
        if (!g_ascii_isdigit(*p) && *p != '.')
            return bad(error, text, what);
        double v = g_ascii_strtod(p, &end);
        if (end == p || !isfinite(v) || v < 0.0)
            return bad(error, text, what);
        p = end;
        double unit = 0.0;
        for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
            size_t len = strlen(units[i].unit);
            if (strncmp(p, units[i].unit, len) == 0) {
                unit = units[i].seconds;
                p += len;
                break;
            }
        }
        if (unit <= 0.0) { /* a bare number: seconds, and only alone */
            if (any)
                return bad(error, text, what);
            unit = 1.0;
            while (g_ascii_isspace(*p))
                p++;
            if (*p)
                return bad(error, text, what);
        }
        if (!(unit < last_unit)) /* units largest first, each once */
            return bad(error, text, what);
        last_unit = unit;
        total += v * unit;
        any = TRUE;
        while (g_ascii_isspace(*p))
            p++;
    }
    if (!any)
        return bad(error, text, what);
    *seconds = total;
    return TRUE;
}

gboolean
rp_parse_proportion(const char *text, double *value, GError **error)
{
    const char *what = "a proportion (e.g. 0.8 or 80%)";
    g_return_val_if_fail(text != NULL && value != NULL, FALSE);
    g_autofree char *copy = g_strstrip(g_strdup(text));
    size_t len = strlen(copy);
    double scale = 1.0;
    if (len > 0 && copy[len - 1] == '%') {
        copy[len - 1] = '\0';
        g_strchomp(copy);
        scale = 0.01;
    }
    double v;
    if (*copy == '\0' || !rp_parse_number(copy, what, &v, NULL))
        return bad(error, text, what);
    v *= scale;
    if (!(v >= 0.0 && v <= 1.0)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not between 0%% and 100%%", text);
        return FALSE;
    }
    *value = v;
    return TRUE;
}

gboolean
rp_parse_clock(const char *text, int *minutes, GError **error)
{
    int h, m, used = 0;
    g_return_val_if_fail(text != NULL && minutes != NULL, FALSE);
    if (strlen(text) != 5 || sscanf(text, "%2d:%2d%n", &h, &m, &used) != 2 ||
        used != 5 || !g_ascii_isdigit(text[0]) || !g_ascii_isdigit(text[3]) ||
        h < 0 || m < 0 || m > 59 || h * 60 + m > 24 * 60)
        return bad(error, text, "a clock time (HH:MM, 00:00 to 24:00)");
    *minutes = h * 60 + m;
    return TRUE;
}

gint64
rp_days_from_civil(int year, int month, int day)
{
    gint64 y = month <= 2 ? year - 1 : year;
    gint64 era = (y >= 0 ? y : y - 399) / 400;
    gint64 yoe = y - era * 400;
    gint64 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void
rp_civil_from_days(gint64 days, int *year, int *month, int *day)
{
    gint64 z = days + 719468;
    gint64 era = (z >= 0 ? z : z - 146096) / 146097;
    gint64 doe = z - era * 146097;
    gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    gint64 mp = (5 * doy + 2) / 153;
    gint64 d = doy - (153 * mp + 2) / 5 + 1;
    gint64 m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int
rp_weekday(gint64 days)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    gint64 w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

gboolean
rp_parse_date(const char *text, gint64 *day, GError **error)
{
    int y, m, d, used = 0;
    g_return_val_if_fail(text != NULL && day != NULL, FALSE);
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
        sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
        !g_ascii_isdigit(text[5]) || !g_ascii_isdigit(text[8]) ||
        !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return bad(error, text, "a date (YYYY-MM-DD)");
    *day = rp_days_from_civil(y, m, d);
    return TRUE;
}

/* Monday of ISO week 1 of `year`: the week holding 4 January. */
static gint64
iso_week1_monday(int year)
{
    gint64 jan4 = rp_days_from_civil(year, 1, 4);
    return jan4 - rp_weekday(jan4);
}

gboolean
rp_parse_iso_week(const char *text, gint64 *monday, GError **error)
{
    int y, w, used = 0;
    g_return_val_if_fail(text != NULL && monday != NULL, FALSE);
    if (strlen(text) != 8 || text[4] != '-' || text[5] != 'W' ||
        sscanf(text, "%4d-W%2d%n", &y, &w, &used) != 2 || used != 8 ||
        !g_ascii_isdigit(text[6]) || w < 1)
        return bad(error, text, "an ISO week (YYYY-Www, e.g. 2027-W02)");
    gint64 first = iso_week1_monday(y);
    gint64 weeks = (iso_week1_monday(y + 1) - first) / 7; /* 52 or 53 */
    if (w > weeks) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s': %d has %d ISO weeks", text, y, (int)weeks);
        return FALSE;
    }
    *monday = first + 7 * (w - 1);
    return TRUE;
}

void
rp_format_iso_week(gint64 day, char *buf, size_t size)
{
    gint64 thursday = day - rp_weekday(day) + 3;
    int y, m, d;
    rp_civil_from_days(thursday, &y, &m, &d);
    gint64 week = (thursday - 3 - iso_week1_monday(y)) / 7 + 1;
    g_snprintf(buf, size, "%04d-W%02d", y, (int)week);
}

void
rp_format_date(gint64 days, char *buf, size_t size)
{
    int y, m, d;
    rp_civil_from_days(days, &y, &m, &d);
    g_snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}
