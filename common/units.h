/* common/units.h - the ways people write durations, proportions, clock
 * times and dates, parsed in one place so every command and file agrees.
 *
 * Durations: plain seconds ("20", "2.5"), or numbers with units s, m (or
 * min), h, d, combined largest first ("20s", "30m", "1h", "7h24m", "7d").
 * Proportions: "0.8" or "80%".  Clock times: "HH:MM", 00:00 to 24:00.
 * Dates: "YYYY-MM-DD".  Errors are RP_DATA_ERROR_VALUE with a message that
 * quotes the text; callers add where it came from. */
#ifndef RP_COMMON_UNITS_H
#define RP_COMMON_UNITS_H

#include <glib.h>

/* Parses a duration into seconds (>= 0). */
gboolean rp_parse_duration(const char *text, double *seconds, GError **error);

/* Parses a proportion into [0, 1]. */
gboolean rp_parse_proportion(const char *text, double *value, GError **error);

/* Parses a finite number (locale-free); `what` names it in the error. */
gboolean rp_parse_number(const char *text, const char *what, double *value,
                         GError **error);

/* Parses "HH:MM" into minutes after midnight (0..1440). */
gboolean rp_parse_clock(const char *text, int *minutes, GError **error);

/* Parses "YYYY-MM-DD" into a day number (days since 1970-01-01). */
gboolean rp_parse_date(const char *text, gint64 *day, GError **error);

/* Parses an ISO 8601 week "YYYY-Www" (e.g. 2027-W02) into the day
 * number of its Monday.  Week 1 is the week with the year's first
 * Thursday. */
gboolean rp_parse_iso_week(const char *text, gint64 *monday, GError **error);

/* Formats the ISO 8601 week holding day number `day` as "YYYY-Www" into
 * `buf` (at least 9 bytes): the year is that of the week's Thursday, so
 * Sunday 3 January 2027 is in 2026-W53. */
void rp_format_iso_week(gint64 day, char *buf, size_t size);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
gint64 rp_days_from_civil(int year, int month, int day);
void rp_civil_from_days(gint64 days, int *year, int *month, int *day);

/* Day of the week of a day number: 0 = Monday ... 6 = Sunday. */
int rp_weekday(gint64 days);

/* Formats a day number as "YYYY-MM-DD" into `buf` (at least 11 bytes). */
void rp_format_date(gint64 days, char *buf, size_t size);

#endif
