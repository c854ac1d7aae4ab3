/* common/calendar.c - bank holidays of England and Wales by rule. */
#include "common/calendar.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"

gboolean
rp_holiday_region_parse(const char *text, RpHolidayRegion *region,
                        GError **error)
{
    if (strcmp(text, "england-and-wales") == 0)
        *region = RP_HOLIDAYS_ENGLAND_AND_WALES;
    else if (strcmp(text, "none") == 0)
        *region = RP_HOLIDAYS_NONE;
    else {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not a holiday calendar (england-and-wales or "
                    "none)",
                    text);
        return FALSE;
    }
    return TRUE;
}

gint64
rp_easter(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher) */
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return rp_days_from_civil(year, month, day);
}

/* First Monday on or after `day`. */
static gint64
monday_on_or_after(gint64 day)
{
    return day + (7 - rp_weekday(day)) % 7;
}

/* Last Monday on or before `day`. */
static gint64
monday_on_or_before(gint64 day)
{
    return day - rp_weekday(day);
}

/* A fixed date, or the next weekday not already taken when it falls at a
 * weekend or on `taken`. */
static gint64
substitute(gint64 day, gint64 taken)
{
    while (rp_weekday(day) >= 5 || day == taken)
        day++;
    return day;
}

/* Royal Proclamation changes: a rule date moved, or a day added. */
static const struct {
    int year, month, day;       /* the holiday as proclaimed */
    int moved_month, moved_day; /* the rule date it replaces, or 0 */
} changes[] = {
    {1995, 5, 8, 5, 1}, {1999, 12, 31, 0, 0}, {2002, 6, 4, 5, 27},
    {2002, 6, 3, 0, 0}, {2011, 4, 29, 0, 0},  {2012, 6, 4, 5, 28},
    {2012, 6, 5, 0, 0}, {2020, 5, 8, 5, 4},   {2022, 6, 2, 5, 30},
    {2022, 6, 3, 0, 0}, {2022, 9, 19, 0, 0},  {2023, 5, 8, 0, 0},
};

static int
cmp_day(gconstpointer a, gconstpointer b)
{
    gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
    return x < y ? -1 : x > y;
}

size_t
rp_holidays(RpHolidayRegion region, int year, gint64 *days)
{
    size_t n = 0;
    if (region == RP_HOLIDAYS_NONE)
        return 0;
    gint64 easter = rp_easter(year);
    gint64 christmas = substitute(rp_days_from_civil(year, 12, 25), -1);
    days[n++] = substitute(rp_days_from_civil(year, 1, 1), -1);
    days[n++] = easter - 2;
    days[n++] = easter + 1;
    days[n++] = monday_on_or_after(rp_days_from_civil(year, 5, 1));
    days[n++] = monday_on_or_before(rp_days_from_civil(year, 5, 31));
    days[n++] = monday_on_or_before(rp_days_from_civil(year, 8, 31));
    days[n++] = christmas;
    days[n++] = substitute(rp_days_from_civil(year, 12, 26), christmas);
    for (size_t i = 0; i < G_N_ELEMENTS(changes); i++) {
        if (changes[i].year != year)
            continue;
        gint64 d = rp_days_from_civil(year, changes[i].month, changes[i].day);
        if (changes[i].moved_month == 0) {
            days[n++] = d;
            continue;
        }
        gint64 old = rp_days_from_civil(year, changes[i].moved_month,
                                        changes[i].moved_day);
        for (size_t j = 0; j < n; j++)
            if (days[j] == old)
                days[j] = d;
    }
    qsort(days, n, sizeof days[0], cmp_day);
    return n;
}

gboolean
rp_is_holiday(RpHolidayRegion region, gint64 day)
{
    int y, m, d;
    gint64 list[RP_HOLIDAYS_MAX];
    rp_civil_from_days(day, &y, &m, &d);
    size_t n = rp_holidays(region, y, list);
    for (size_t i = 0; i < n; i++)
        if (list[i] == day)
            return TRUE;
    return FALSE;
}
