/* common/clock.h - local clock time in the centre's time zone.
 *
 * Interval starts are kept as UTC seconds (gint64) so that a 25-hour
 * autumn day has 100 quarter-hours and a 23-hour spring day 92; people
 * read and write local clock times.  A local time that repeats when the
 * clocks go back needs its UTC offset ("2027-10-31T01:30+01:00"); one
 * skipped when they go forward does not exist.  The zone's rules come from
 * the system's tzdata through GLib's GTimeZone. */
#ifndef RP_COMMON_CLOCK_H
#define RP_COMMON_CLOCK_H

#include <glib.h>

typedef struct RpClock RpClock;

/* A zone by IANA name ("Europe/London", "UTC").  Fails with
 * RP_DATA_ERROR_VALUE for an unknown zone. */
RpClock *rp_clock_new(const char *zone, GError **error);
void rp_clock_free(RpClock *clock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpClock, rp_clock_free)

/* Offset from UTC in force at `utc` (seconds east of Greenwich). */
gint32 rp_clock_offset(const RpClock *clock, gint64 utc);

/* Local wall time at `utc`, as seconds since 1970-01-01 00:00 local. */
gint64 rp_clock_local(const RpClock *clock, gint64 utc);

/* The UTC instants whose local wall time is `local`: returns how many
 * (0 in a skipped hour, 2 in a repeated one), earliest first in `utc`. */
int rp_clock_resolve(const RpClock *clock, gint64 local, gint64 utc[2]);

/* UTC instant of local midnight starting local day `day` (days since
 * 1970-01-01), or the first quarter hour of the day that exists if
 * midnight itself is skipped. */
gint64 rp_local_midnight(const RpClock *clock, gint64 day);

/* A timestamp as written: local wall time and, when given, its offset. */
typedef struct {
    gint64 local; /* seconds since 1970-01-01 00:00 local */
    gboolean has_offset;
    gint32 offset_s; /* UTC offset written after the time (s) */
} RpStamp;

/* Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T),
 * optionally followed by "Z" or "+HH:MM"/"-HH:MM".  Fails with
 * RP_DATA_ERROR_VALUE. */
gboolean rp_stamp_parse(const char *text, RpStamp *stamp, GError **error);

/* The UTC instant of a parsed timestamp.  Fails with RP_DATA_ERROR_TIME
 * when the local time does not exist, repeats without an offset, or has
 * an offset not in force at that time in this zone. */
gboolean rp_clock_stamp_utc(const RpClock *clock, const RpStamp *stamp,
                            gint64 *utc, GError **error);

/* Parses and resolves in one step. */
gboolean rp_clock_parse(const RpClock *clock, const char *text, gint64 *utc,
                        GError **error);

/* Formats `utc` as local "YYYY-MM-DDTHH:MM", adding the offset only when
 * that local time repeats, so the text reads back to the same instant.
 * `buf` needs RP_CLOCK_BUF bytes. */
#define RP_CLOCK_BUF 32
void rp_clock_format(const RpClock *clock, gint64 utc, char *buf, size_t size);

#endif
