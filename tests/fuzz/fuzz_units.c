/* tests/fuzz/fuzz_units.c - the parsers of option values and fields:
 * durations, proportions, numbers, dates, ISO weeks, clock times, local
 * timestamps and opening hours.  The first byte chooses the parser, the
 * rest (as a C string) is the text.  Besides the GError contract, what a
 * parser accepts is checked against what it means: a duration is finite
 * and not negative, a proportion in [0, 1], a date prints back as its
 * text, a week starts on a Monday, a clock time is within the day. */
#include <math.h>

#include "common/centre.h"
#include "common/clock.h"
#include "common/units.h"
#include "tests/fuzz/fuzz.h"

static void
require(gboolean property, const char *what, const char *text)
{
    if (!property) {
        fprintf(stderr, "fuzz: '%s' parsed, but %s\n", text, what);
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    g_autofree char *text = g_strndup((const char *)data + 1, size - 1);
    GError *error = NULL;
    gboolean ok;
    double v = NAN;
    gint64 day = 0;
    int minutes = -1;
    switch (data[0] % 8) {
    case 0:
        ok = rp_parse_duration(text, &v, &error);
        if (ok)
            require(isfinite(v) && v >= 0.0, "not a duration", text);
        break;
    case 1:
        ok = rp_parse_proportion(text, &v, &error);
        if (ok)
            require(v >= 0.0 && v <= 1.0, "not in [0, 1]", text);
        break;
    case 2:
        ok = rp_parse_number(text, "a number", &v, &error);
        if (ok)
            require(isfinite(v), "not finite", text);
        break;
    case 3: {
        ok = rp_parse_date(text, &day, &error);
        char back[16];
        if (ok) {
            rp_format_date(day, back, sizeof back);
            require(strcmp(back, text) == 0, "prints back otherwise", text);
        }
        break;
    }
    case 4:
        ok = rp_parse_iso_week(text, &day, &error);
        if (ok)
            require(rp_weekday(day) == 0, "is not a Monday", text);
        break;
    case 5:
        ok = rp_parse_clock(text, &minutes, &error);
        if (ok)
            require(minutes >= 0 && minutes <= 1440, "not in the day", text);
        break;
    case 6: {
        static RpClock *london;
        if (london == NULL)
            london = rp_clock_new("Europe/London", NULL);
        gint64 utc = 0;
        ok = rp_clock_parse(london, text, &utc, &error);
        break;
    }
    default: {
        RpWeekHours h;
        ok = rp_week_hours_parse(text, 15, &h, &error);
        for (int d = 0; ok && d < 7; d++)
            for (int s = 0; s < h.day[d].n_spans; s++)
                require(h.day[d].open_min[s] < h.day[d].close_min[s] &&
                            h.day[d].close_min[s] <= 1440,
                        "a span is not within a day", text);
        break;
    }
    }
    fuzz_check(ok, error, NULL);
    return 0;
}
