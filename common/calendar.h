/* common/calendar.h - public holidays computed by rule.
 *
 * England and Wales: New Year's Day, Good Friday, Easter Monday, the early
 * May and spring bank holidays (first and last Monday of May), the summer
 * bank holiday (last Monday of August), Christmas Day and Boxing Day, with
 * substitute weekdays when a fixed date falls at a weekend (Banking and
 * Financial Dealings Act 1971), plus the one-off changes made by Royal
 * Proclamation since 1995 (moved May holidays, jubilees, the 2011 royal
 * wedding, the 2022 state funeral, the 2023 coronation).  Dates announced
 * later are listed in the centre configuration. */
#ifndef RP_COMMON_CALENDAR_H
#define RP_COMMON_CALENDAR_H

#include <glib.h>

typedef enum {
    RP_HOLIDAYS_NONE,             /* no public holidays */
    RP_HOLIDAYS_ENGLAND_AND_WALES /* England and Wales bank holidays */
} RpHolidayRegion;

/* Parses "england-and-wales" or "none".  RP_DATA_ERROR_VALUE otherwise. */
gboolean rp_holiday_region_parse(const char *text, RpHolidayRegion *region,
                                 GError **error);

/* The holidays of `year` as day numbers, ascending, in `days` (room for
 * RP_HOLIDAYS_MAX); returns how many. */
#define RP_HOLIDAYS_MAX 16
size_t rp_holidays(RpHolidayRegion region, int year, gint64 *days);

/* Easter Sunday of `year` (Gregorian), as a day number. */
gint64 rp_easter(int year);

/* TRUE when `day` is a holiday of `region`. */
gboolean rp_is_holiday(RpHolidayRegion region, gint64 day);

#endif
