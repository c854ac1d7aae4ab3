/* common/clock.c - time-zone conversions through a transition table.
 *
 * GTimeZone answers one instant at a time by scanning its transitions, and
 * keeps no public list of them.  At creation the clock therefore finds
 * every offset change from TABLE_FIRST_YEAR to TABLE_LAST_YEAR (sampling
 * each week, bisecting to the second where the offset differs) and keeps
 * them sorted, with the index of the offset in force at the start of each
 * UTC day; after that a lookup is two array reads and the clock is
 * immutable, so threads may share it.  Outside the table GTimeZone is
 * asked directly. */
#include "common/clock.h"

#include <stdio.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"

#define TABLE_FIRST_YEAR 1970
#define TABLE_LAST_YEAR  2100
#define SAMPLE_S         (7 * 86400) /* no zone changes offset twice a week */

typedef struct {
    gint64 from;   /* first UTC second of this offset */
    gint32 offset; /* seconds east of UTC */
} Transition;

struct RpClock {
    char *zone;
    GTimeZone *tz;
    GArray *table; /* Transition, sorted by `from`; first from = lo */
    guint *by_day; /* per UTC day from lo: index in force at its start */
    gint64 lo, hi; /* UTC range the table covers */
};

static gint32
tz_offset(GTimeZone *tz, gint64 utc)
{
    int i = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, utc);
    return g_time_zone_get_offset(tz, i);
}

static void
build_table(RpClock *c)
{
    c->lo = rp_days_from_civil(TABLE_FIRST_YEAR, 1, 1) * 86400;
    c->hi = rp_days_from_civil(TABLE_LAST_YEAR + 1, 1, 1) * 86400;
    c->table = g_array_new(FALSE, FALSE, sizeof(Transition));
    Transition t = {c->lo, tz_offset(c->tz, c->lo)};
    g_array_append_val(c->table, t);
    for (gint64 a = c->lo; a < c->hi; a += SAMPLE_S) {
        gint64 b = a + SAMPLE_S;
        gint32 off_b = tz_offset(c->tz, b);
        if (off_b == t.offset)
            continue;
        gint64 lo = a, hi = b; /* offset(lo) old, offset(hi) new */
        while (hi - lo > 1) {
            gint64 mid = lo + (hi - lo) / 2;
            if (tz_offset(c->tz, mid) == t.offset)
                lo = mid;
            else
                hi = mid;
        }
        t = (Transition){hi, off_b};
        g_array_append_val(c->table, t);
    }
    gint64 days = (c->hi - c->lo) / 86400;
    const Transition *tr = (const Transition *)(void *)c->table->data;
    c->by_day = g_new(guint, (gsize)days);
    guint i = 0;
    for (gint64 d = 0; d < days; d++) {
        gint64 start = c->lo + d * 86400;
        while (i + 1 < c->table->len && tr[i + 1].from <= start)
            i++;
        c->by_day[d] = i;
    }
}

RpClock *
rp_clock_new(const char *zone, GError **error)
{
    g_return_val_if_fail(zone != NULL, NULL);
    GTimeZone *tz = g_time_zone_new_identifier(zone);
    if (tz == NULL) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not a known time zone (IANA name such as "
                    "Europe/London; is tzdata installed?)",
                    zone);
        return NULL;
    }
    RpClock *c = g_new0(RpClock, 1);
    c->zone = g_strdup(zone);
    c->tz = tz;
    build_table(c);
    return c;
}

void
rp_clock_free(RpClock *clock)
{
    if (clock == NULL)
        return;
    g_free(clock->zone);
    g_time_zone_unref(clock->tz);
    g_array_unref(clock->table);
    g_free(clock->by_day);
    g_free(clock);
}

gint32
rp_clock_offset(const RpClock *clock, gint64 utc)
{
    if (utc < clock->lo || utc >= clock->hi)
        return tz_offset(clock->tz, utc);
    const Transition *t = (const Transition *)(void *)clock->table->data;
    guint i = clock->by_day[(utc - clock->lo) / 86400];
    while (i + 1 < clock->table->len && t[i + 1].from <= utc)
        i++;
    return t[i].offset;
}

gint64
rp_clock_local(const RpClock *clock, gint64 utc)
{
    return utc + rp_clock_offset(clock, utc);
}

int
rp_clock_resolve(const RpClock *clock, gint64 local, gint64 utc[2])
{
    /* Any instant with this wall time lies within 26 hours of it; the
     * offsets in force a day either side are the only candidates. */
    gint32 cand[2] = {rp_clock_offset(clock, local - 86400),
                      rp_clock_offset(clock, local + 86400)};
    int n = 0;
    if (cand[0] == cand[1]) { /* no change within a day: one answer */
        utc[0] = local - cand[0];
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        if (i == 1 && cand[1] == cand[0])
            break;
        gint64 u = local - cand[i];
        if (rp_clock_offset(clock, u) == cand[i])
            utc[n++] = u;
    }
    if (n == 2 && utc[1] < utc[0]) {
        gint64 tmp = utc[0];
        utc[0] = utc[1];
        utc[1] = tmp;
    }
    return n;
}

static gboolean
digits(const char *p, int n)
{
    for (int i = 0; i < n; i++)
        if (!g_ascii_isdigit(p[i]))
            return FALSE;
    return TRUE;
}

static int
num(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

gboolean
rp_stamp_parse(const char *text, RpStamp *stamp, GError **error)
{
    g_return_val_if_fail(text != NULL && stamp != NULL, FALSE);
    const char *p = text;
    size_t len = strlen(text);
    /* YYYY-MM-DDTHH:MM */
    if (len < 16 || !digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) ||
        p[7] != '-' || !digits(p + 8, 2) || (p[10] != 'T' && p[10] != ' ') ||
        !digits(p + 11, 2) || p[13] != ':' || !digits(p + 14, 2))
        goto bad;
    int y = num(p, 4), mo = num(p + 5, 2), d = num(p + 8, 2);
    int h = num(p + 11, 2), mi = num(p + 14, 2), s = 0;
    p += 16;
    if (*p == ':') {
        if (!digits(p + 1, 2))
            goto bad;
        s = num(p + 1, 2);
        p += 3;
    }
    if (!g_date_valid_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y) ||
        h > 23 || mi > 59 || s > 59)
        goto bad;
    RpStamp out = {.local = rp_days_from_civil(y, mo, d) * 86400 + h * 3600 +
                            mi * 60 + s};
    if (*p == 'Z') {
        out.has_offset = TRUE;
        p++;
    } else if (*p == '+' || *p == '-') {
        if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2))
            goto bad;
        int oh = num(p + 1, 2), om = num(p + 4, 2);
        if (oh > 14 || om > 59)
            goto bad;
        out.has_offset = TRUE;
        out.offset_s = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        p += 6;
    }
    if (*p != '\0')
        goto bad;
    *stamp = out;
    return TRUE;
bad:
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                "'%s' is not a local time (YYYY-MM-DDTHH:MM, with an "
                "optional UTC offset such as +01:00)",
                text);
    return FALSE;
}

static void
put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM-DDTHH:MM" by hand: snprintf was a tenth of the time to write a
 * year of requirements. */
static void
format_local(gint64 local, char *buf, size_t size)
{
    gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int sec = (int)(local - days * 86400);
    int y, m, d;
    rp_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999 || size < 17) {
        g_snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d", y, m, d, sec / 3600,
                   sec / 60 % 60);
        return;
    }
    put2(buf, y / 100);
    put2(buf + 2, y % 100);
    buf[4] = '-';
    put2(buf + 5, m);
    buf[7] = '-';
    put2(buf + 8, d);
    buf[10] = 'T';
    put2(buf + 11, sec / 3600);
    buf[13] = ':';
    put2(buf + 14, sec / 60 % 60);
    buf[16] = '\0';
}

static void
format_offset(gint32 offset, char *buf, size_t size)
{
    gint32 a = offset < 0 ? -offset : offset;
    g_snprintf(buf, size, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
               a / 60 % 60);
}

gboolean
rp_clock_stamp_utc(const RpClock *clock, const RpStamp *stamp, gint64 *utc,
                   GError **error)
{
    char when[RP_CLOCK_BUF], off[16];
    g_return_val_if_fail(clock != NULL && stamp != NULL && utc != NULL, FALSE);
    format_local(stamp->local, when, sizeof when);
    if (stamp->has_offset) {
        gint64 u = stamp->local - stamp->offset_s;
        if (rp_clock_offset(clock, u) != stamp->offset_s) {
            format_offset(stamp->offset_s, off, sizeof off);
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME,
                        "%s%s: that UTC offset is not in force in %s then",
                        when, off, clock->zone);
            return FALSE;
        }
        *utc = u;
        return TRUE;
    }
    gint64 cand[2];
    switch (rp_clock_resolve(clock, stamp->local, cand)) {
    case 0:
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME,
                    "%s does not exist in %s (the clocks go forward then)",
                    when, clock->zone);
        return FALSE;
    case 1:
        *utc = cand[0];
        return TRUE;
    default:
        format_offset(rp_clock_offset(clock, cand[0]), off, sizeof off);
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME,
                    "%s happens twice in %s (the clocks go back then): add "
                    "the UTC offset, e.g. %s%s",
                    when, clock->zone, when, off);
        return FALSE;
    }
}

gboolean
rp_clock_parse(const RpClock *clock, const char *text, gint64 *utc,
               GError **error)
{
    RpStamp stamp;
    return rp_stamp_parse(text, &stamp, error) &&
           rp_clock_stamp_utc(clock, &stamp, utc, error);
}

void
rp_clock_format(const RpClock *clock, gint64 utc, char *buf, size_t size)
{
    gint32 offset = rp_clock_offset(clock, utc);
    gint64 local = utc + offset;
    gint64 cand[2];
    format_local(local, buf, size);
    if (rp_clock_resolve(clock, local, cand) == 2) {
        char off[16];
        format_offset(offset, off, sizeof off);
        g_strlcat(buf, off, size);
    }
}

gint64
rp_local_midnight(const RpClock *clock, gint64 day)
{
    gint64 utc[2];
    /* in zones that skip midnight, the day starts at the first quarter
     * hour that exists */
    for (gint64 s = 0; s < 86400; s += 900)
        if (rp_clock_resolve(clock, day * 86400 + s, utc) > 0)
            return utc[0];
    return day * 86400;
}
