/* tests/test_common.c - units, dates, holidays, the clock and CSV. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/file.h"
#include "common/plot.h"
#include "common/units.h"
#include "tests/testutil.h"

static void
test_durations(void)
{
    static const struct {
        const char *text;
        double seconds;
    } ok[] = {{"20", 20},      {"2.5", 2.5}, {"20s", 20},      {"30m", 1800},
              {"30min", 1800}, {"1h", 3600}, {"7h24m", 26640}, {"1h 30m", 5400},
              {"7d", 604800},  {" 45s ", 45}};
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        double s = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_true(rp_parse_duration(ok[i].text, &s, &error));
        g_assert_no_error(error);
        g_assert_cmpfloat(s, ==, ok[i].seconds);
    }
    static const char *const bad[] = {"",     "abc",   "-5s",  "5x", "30m1h",
                                      "1h1h", "20 30", "1h20", "s"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        double s = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_false(rp_parse_duration(bad[i], &s, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        g_assert_cmpfloat(s, ==, -1.0);
    }
}

static void
test_proportions(void)
{
    double v;
    g_assert_true(rp_parse_proportion("0.8", &v, NULL));
    g_assert_cmpfloat(v, ==, 0.8);
    g_assert_true(rp_parse_proportion("80%", &v, NULL));
    rp_assert_rel(v, 0.8, 1e-15);
    g_assert_true(rp_parse_proportion("100 %", &v, NULL));
    g_assert_cmpfloat(v, ==, 1.0);
    static const char *const bad[] = {"", "%", "120%", "-0.1", "1.5", "x"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        g_assert_false(rp_parse_proportion(bad[i], &v, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    }
}

static void
test_clock_times_and_dates(void)
{
    int m;
    gint64 d;
    g_assert_true(rp_parse_clock("09:30", &m, NULL));
    g_assert_cmpint(m, ==, 570);
    g_assert_true(rp_parse_clock("24:00", &m, NULL));
    g_assert_cmpint(m, ==, 1440);
    g_assert_false(rp_parse_clock("24:15", &m, NULL));
    g_assert_false(rp_parse_clock("9:30", &m, NULL));
    g_assert_false(rp_parse_clock("09:60", &m, NULL));
    g_assert_true(rp_parse_date("1970-01-01", &d, NULL));
    g_assert_cmpint(d, ==, 0);
    g_assert_true(rp_parse_date("2027-01-11", &d, NULL));
    g_assert_cmpint(rp_weekday(d), ==, 0); /* a Monday */
    g_assert_false(rp_parse_date("2027-02-29", &d, NULL));
    g_assert_false(rp_parse_date("2027-1-11", &d, NULL));
    /* ISO weeks: 2027-W02 starts Monday 11 January; 2020 had 53 weeks,
     * its week 1 starting on 30 December 2019 */
    g_assert_true(rp_parse_iso_week("2027-W02", &d, NULL));
    g_assert_cmpint(d, ==, rp_days_from_civil(2027, 1, 11));
    g_assert_true(rp_parse_iso_week("2020-W01", &d, NULL));
    g_assert_cmpint(d, ==, rp_days_from_civil(2019, 12, 30));
    g_assert_true(rp_parse_iso_week("2020-W53", &d, NULL));
    g_assert_cmpint(d, ==, rp_days_from_civil(2020, 12, 28));
    g_assert_false(rp_parse_iso_week("2027-W53", &d, NULL));
    g_assert_false(rp_parse_iso_week("2027-W00", &d, NULL));
    g_assert_false(rp_parse_iso_week("2027W02", &d, NULL));
    /* and back, from any day of the week, across the turn of the year:
     * 2026 has 53 weeks (it starts on a Thursday), 2027 has 52 */
    const struct {
        int y, m, d;
        const char *week;
    } weeks[] = {
        {2026, 12, 27, "2026-W52"}, {2026, 12, 28, "2026-W53"},
        {2027, 1, 3, "2026-W53"},   {2027, 1, 4, "2027-W01"},
        {2024, 12, 30, "2025-W01"}, {2028, 1, 2, "2027-W52"},
        {2028, 1, 3, "2028-W01"},   {2026, 11, 30, "2026-W49"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(weeks); i++) {
        char buf[16];
        rp_format_iso_week(
            rp_days_from_civil(weeks[i].y, weeks[i].m, weeks[i].d), buf,
            sizeof buf);
        g_assert_cmpstr(buf, ==, weeks[i].week);
    }
    for (gint64 day = 0; day < 3000; day += 13) {
        char buf[16];
        rp_format_iso_week(day, buf, sizeof buf);
        g_assert_true(rp_parse_iso_week(buf, &d, NULL));
        g_assert_cmpint(d, ==, day - rp_weekday(day));
    }
    /* round trip across centuries and leap years */
    for (gint64 day = -800000; day < 800000; day += 997) {
        int y, mo, dd;
        rp_civil_from_days(day, &y, &mo, &dd);
        g_assert_cmpint(rp_days_from_civil(y, mo, dd), ==, day);
    }
}

static gboolean
in_list(const gint64 *days, size_t n, int y, int m, int d)
{
    gint64 want = rp_days_from_civil(y, m, d);
    for (size_t i = 0; i < n; i++)
        if (days[i] == want)
            return TRUE;
    return FALSE;
}

/* England and Wales bank holidays as published on gov.uk. */
static void
test_bank_holidays(void)
{
    static const struct {
        int year;
        int dates[10][2];
        size_t n;
    } years[] = {
        {2020,
         {{1, 1},
          {4, 10},
          {4, 13},
          {5, 8},
          {5, 25},
          {8, 31},
          {12, 25},
          {12, 28}},
         8},
        {2022,
         {{1, 3},
          {4, 15},
          {4, 18},
          {5, 2},
          {6, 2},
          {6, 3},
          {8, 29},
          {9, 19},
          {12, 26},
          {12, 27}},
         10},
        {2026,
         {{1, 1}, {4, 3}, {4, 6}, {5, 4}, {5, 25}, {8, 31}, {12, 25}, {12, 28}},
         8},
        {2027,
         {{1, 1},
          {3, 26},
          {3, 29},
          {5, 3},
          {5, 31},
          {8, 30},
          {12, 27},
          {12, 28}},
         8},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(years); i++) {
        gint64 days[RP_HOLIDAYS_MAX];
        size_t n =
            rp_holidays(RP_HOLIDAYS_ENGLAND_AND_WALES, years[i].year, days);
        g_assert_cmpuint(n, ==, years[i].n);
        for (size_t k = 0; k < years[i].n; k++)
            g_assert_true(in_list(days, n, years[i].year, years[i].dates[k][0],
                                  years[i].dates[k][1]));
    }
    g_assert_cmpuint(rp_holidays(RP_HOLIDAYS_NONE, 2027, NULL), ==, 0);
    g_assert_cmpint(rp_easter(2027), ==, rp_days_from_civil(2027, 3, 28));
    g_assert_cmpint(rp_easter(2038), ==, rp_days_from_civil(2038, 4, 25));
}

static void
test_clock_changes(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpClock) c = rp_clock_new("Europe/London", &error);
    g_assert_no_error(error);
    gint64 u;
    /* ordinary winter and summer times */
    g_assert_true(rp_clock_parse(c, "2027-01-11T09:00", &u, NULL));
    g_assert_cmpint(u, ==, rp_days_from_civil(2027, 1, 11) * 86400 + 9 * 3600);
    g_assert_true(rp_clock_parse(c, "2027-07-01T09:00", &u, NULL));
    g_assert_cmpint(u, ==, rp_days_from_civil(2027, 7, 1) * 86400 + 8 * 3600);
    /* the spring gap: 01:00-02:00 on 28 March 2027 does not exist */
    g_assert_false(rp_clock_parse(c, "2027-03-28T01:30", &u, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME);
    g_clear_error(&error);
    /* the autumn repeat: 01:00-02:00 on 31 October 2027 happens twice */
    g_assert_false(rp_clock_parse(c, "2027-10-31T01:30", &u, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME);
    g_assert_nonnull(strstr(error->message, "+01:00"));
    g_clear_error(&error);
    gint64 first, second;
    g_assert_true(rp_clock_parse(c, "2027-10-31T01:30+01:00", &first, NULL));
    g_assert_true(rp_clock_parse(c, "2027-10-31T01:30+00:00", &second, NULL));
    g_assert_cmpint(second - first, ==, 3600);
    /* an offset not in force */
    g_assert_false(rp_clock_parse(c, "2027-01-11T09:00+01:00", &u, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TIME);
    g_clear_error(&error);
    /* formatting reads back, with the offset only when it is needed */
    char buf[RP_CLOCK_BUF];
    rp_clock_format(c, first, buf, sizeof buf);
    g_assert_cmpstr(buf, ==, "2027-10-31T01:30+01:00");
    rp_clock_format(c, u, buf, sizeof buf);
    g_assert_cmpstr(buf, ==, "2027-07-01T09:00");
    /* 92 quarter-hours in the spring day, 100 in the autumn day */
    gint64 d0, d1;
    g_assert_true(rp_clock_parse(c, "2027-03-28T00:00", &d0, NULL));
    g_assert_true(rp_clock_parse(c, "2027-03-29T00:00", &d1, NULL));
    g_assert_cmpint((d1 - d0) / 900, ==, 92);
    g_assert_true(rp_clock_parse(c, "2027-10-31T00:00", &d0, NULL));
    g_assert_true(rp_clock_parse(c, "2027-11-01T00:00", &d1, NULL));
    g_assert_cmpint((d1 - d0) / 900, ==, 100);
    /* the table agrees with GLib on every hour of 2027 */
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier("Europe/London");
    for (gint64 t = rp_days_from_civil(2027, 1, 1) * 86400;
         t < rp_days_from_civil(2028, 1, 1) * 86400; t += 3600) {
        int iv = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);
        g_assert_cmpint(rp_clock_offset(c, t), ==,
                        g_time_zone_get_offset(tz, iv));
    }
}

static void
test_clock_bad_input(void)
{
    g_autoptr(GError) error = NULL;
    g_assert_null(rp_clock_new("Mars/Olympus_Mons", &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    g_autoptr(RpClock) c = rp_clock_new("UTC", NULL);
    static const char *const bad[] = {"2027-01-11",         "2027-01-11T9:00",
                                      "2027-13-01T09:00",   "2027-01-11T24:00",
                                      "2027-01-11T09:00+1", "x"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        gint64 u = -1;
        g_clear_error(&error);
        g_assert_false(rp_clock_parse(c, bad[i], &u, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        g_assert_cmpint(u, ==, -1);
    }
}

typedef struct {
    GPtrArray *rows; /* joined fields */
    GArray *lines;   /* size_t */
} Collected;

static gboolean
collect(const char *const *f, size_t n, size_t line, gpointer data,
        GError **error)
{
    Collected *c = data;
    (void)error;
    g_autoptr(GString) s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(s, "%s<%s>", i ? "," : "", f[i]);
    g_ptr_array_add(c->rows, g_strdup(s->str));
    g_array_append_val(c->lines, line);
    return TRUE;
}

static void
test_csv_reading(void)
{
    const char *text =
        "a,b\n1,\"x,y\"\n\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n";
    Collected c = {g_ptr_array_new_with_free_func(g_free),
                   g_array_new(FALSE, FALSE, sizeof(size_t))};
    g_autoptr(GError) error = NULL;
    g_assert_true(
        rp_csv_parse_text("t.csv", text, strlen(text), collect, &c, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(c.rows->len, ==, 4);
    g_assert_cmpstr(g_ptr_array_index(c.rows, 1), ==, "<1>,<x,y>");
    g_assert_cmpstr(g_ptr_array_index(c.rows, 2), ==, "<2>,<two\nlines>");
    g_assert_cmpstr(g_ptr_array_index(c.rows, 3), ==, "<3>,<say \"hi\">");
    g_assert_cmpuint(g_array_index(c.lines, size_t, 1), ==, 2);
    g_assert_cmpuint(g_array_index(c.lines, size_t, 3), ==, 6);
    g_ptr_array_unref(c.rows);
    g_array_unref(c.lines);

    /* a stray quote: malformed, with the file and line */
    const char *bad = "a,b\n1,2\n3,x\"y\n";
    Collected d = {g_ptr_array_new_with_free_func(g_free),
                   g_array_new(FALSE, FALSE, sizeof(size_t))};
    g_assert_false(
        rp_csv_parse_text("bad.csv", bad, strlen(bad), collect, &d, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
    g_assert_true(g_str_has_prefix(error->message, "bad.csv:3:"));
    g_ptr_array_unref(d.rows);
    g_array_unref(d.lines);
}

static void
test_csv_writing(void)
{
    g_autoptr(GString) s = g_string_new(NULL);
    const char *row[] = {"plain", "with,comma", "with \"quote\""};
    rp_csv_append_row(s, row, 3);
    rp_csv_append_number(s, 0.1, TRUE);
    rp_csv_append_number(s, NAN, FALSE);
    rp_csv_append_number(s, INFINITY, FALSE);
    rp_csv_append_number(s, 1.0 / 3.0, FALSE);
    g_assert_cmpstr(s->str, ==,
                    "plain,\"with,comma\",\"with \"\"quote\"\"\"\n"
                    "0.1,,,0.333333333333333");
}

static void
test_plot_script(void)
{
    g_autoptr(RpPlot) p = rp_plot_new("Calls \"today\"", "hour", NULL);
    double x[] = {9, 9.25, 9.5}, y[] = {10, NAN, 12.5};
    rp_plot_set(p, "set key left");
    rp_plot_series(p, "lines", "forecast", x, y, 3);
    rp_plot_band(p, "P10-P90", x, y, y, 3);
    g_autofree char *s = rp_plot_script(p, "svg", "/tmp/a b.svg");
    g_assert_nonnull(
        strstr(s, "set terminal svg\nset output \"/tmp/a b.svg\"\n"));
    g_assert_nonnull(strstr(s, "set title \"Calls \\\"today\\\"\"\n"));
    g_assert_nonnull(strstr(s, "set key left\n"));
    g_assert_nonnull(strstr(s, "$d0 << EOD\n9 10\n9.25 NaN\n9.5 12.5\nEOD\n"));
    /* the band (block 1) is drawn first, under the line (block 0) */
    const char *band = strstr(s, "$d1 using 1:2:3 with filledcurves");
    const char *line = strstr(s, "$d0 using 1:2 with lines title \"forecast\"");
    g_assert_nonnull(band);
    g_assert_nonnull(line);
    g_assert_true(band < line);
    g_assert_cmpstr(rp_plot_terminal_for("x.pdf"), ==, NULL);
}

/* strtod() reads hex, inf and nan; the parsers take plain decimals only,
 * and dates and weeks exactly four and two digits (no sign, no space). */
static void
test_strict_numbers(void)
{
    static const char *const bad_numbers[] = {
        "0x15", "0X1p3", "inf", "nan", "-inf", "1e", ".", "1e400", "+", "1,5"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_numbers); i++) {
        double v = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_false(rp_parse_number(bad_numbers[i], "a number", &v, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        g_assert_cmpfloat(v, ==, -1.0);
    }
    static const struct {
        const char *text;
        double value;
    } ok[] = {{"21", 21}, {" -2.5 ", -2.5}, {"1e3", 1000}, {".5", 0.5},
              {"+7", 7},  {"3.", 3},        {"2E-2", 0.02}};
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        double v = -1.0;
        g_assert_true(rp_parse_number(ok[i].text, "a number", &v, NULL));
        g_assert_cmpfloat(v, ==, ok[i].value);
    }
    static const char *const bad_durations[] = {"0x15s", "0x15", "infs",
                                                "nanm"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_durations); i++) {
        double v = -1.0;
        g_assert_false(rp_parse_duration(bad_durations[i], &v, NULL));
    }
    static const char *const bad_dates[] = {"+027-01-01", " 027-01-01",
                                            "2027-+1-01", "2027-01-+1"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad_dates); i++) {
        gint64 d = -1;
        g_assert_false(rp_parse_date(bad_dates[i], &d, NULL));
        g_assert_cmpint(d, ==, -1);
    }
    gint64 w = -1;
    g_assert_false(rp_parse_iso_week("+027-W01", &w, NULL));
    int m = -1;
    g_assert_false(rp_parse_clock("+9:00", &m, NULL));
    g_assert_false(rp_parse_clock(" 9:00", &m, NULL));
    g_assert_cmpint(m, ==, -1);
}

/* Writes `len` bytes (NULs allowed) to a temporary file. */
static char *
bytes_file(const char *name, const char *bytes, size_t len)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    char *path = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    return path;
}

/* Keeps each record's fields joined by '|'. */
static gboolean
keep_row(const char *const *f, size_t n, size_t line, gpointer data,
         GError **error)
{
    (void)line;
    (void)error;
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(s, "%s%s", i ? "|" : "", f[i]);
    g_ptr_array_add(data, g_string_free(s, FALSE));
    return TRUE;
}

static gboolean
parse_bytes(const char *bytes, size_t len, GPtrArray *rows, GError **error)
{
    return rp_csv_parse_text("t.csv", bytes, len, keep_row, rows, error);
}

/* A NUL byte in a field is an error naming line and column; a UTF-8
 * byte-order mark is skipped; a row longer than the header is an error. */
static void
test_csv_strict(void)
{
    static const char nul[] = "a,b\n1,2\n3,\0"
                              "1\n";
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) error = NULL;
    g_assert_false(parse_bytes(nul, sizeof nul - 1, rows, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
    if (error) {
        g_assert_true(g_str_has_prefix(error->message, "t.csv:3:"));
        g_assert_nonnull(strstr(error->message, "column 'b'"));
        g_assert_nonnull(strstr(error->message, "NUL"));
    }
    g_clear_error(&error);

    const char bom[] = "\xEF\xBB\xBF"
                       "a,b\n1,2\n";
    g_ptr_array_set_size(rows, 0);
    g_assert_true(parse_bytes(bom, strlen(bom), rows, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(rows->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(rows, 0), ==, "a|b");

    const char extra[] = "a,b\n1,2\n3,4,5\n";
    g_ptr_array_set_size(rows, 0);
    g_assert_false(parse_bytes(extra, strlen(extra), rows, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
    if (error)
        g_assert_true(g_str_has_prefix(error->message, "t.csv:3:"));
    g_assert_cmpuint(rows->len, ==, 2); /* the bad row never reaches it */
    g_clear_error(&error);

    /* fewer fields than the header stay allowed (optional last columns) */
    const char fewer[] = "a,b\n1\n";
    g_assert_true(parse_bytes(fewer, strlen(fewer), rows, NULL));
}

/* A file past the limit is refused whether its size is known in advance
 * (a regular file) or not (/dev/zero never ends). */
static void
test_file_limits(void)
{
    char big[5000];
    memset(big, 'x', sizeof big);
    g_autofree char *path = bytes_file("big.csv", big, sizeof big);
    char *text = NULL;
    size_t len = 0;
    g_autoptr(GError) error = NULL;
    g_assert_false(rp_file_read(path, 4096, &text, &len, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    g_assert_null(text);
    g_clear_error(&error);
    g_assert_true(rp_file_read(path, 5000, &text, &len, &error));
    g_assert_cmpuint(len, ==, 5000);
    g_assert_cmpint(text[5000], ==, '\0');
    g_free(text);
    text = NULL;
    rp_test_remove(path);
    if (g_file_test("/dev/zero", G_FILE_TEST_EXISTS)) {
        g_assert_false(rp_file_read("/dev/zero", 1 << 20, &text, &len, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        g_clear_error(&error);
    }
    g_assert_false(rp_file_read("/nonexistent/x.csv", 10, &text, &len, &error));
    g_assert_error(error, RP_IO_ERROR, RP_IO_ERROR_READ);
    g_clear_error(&error);
    g_assert_false(rp_file_read("/", 10, &text, &len, &error));
    g_assert_error(error, RP_IO_ERROR, RP_IO_ERROR_READ);
}

/* A configuration that includes another, written as one file, reads
 * back to the same groups, keys and values (the sample council with
 * extended hours: centre-extended.ini includes centre.ini). */
static void
test_config_to_text(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpConfig) a = rp_config_load("data/centre-extended.ini", &error);
    g_assert_no_error(error);
    g_autoptr(GString) text = rp_config_to_text(a);
    g_assert_null(strstr(text->str, "include ="));
    g_autofree char *dir = g_dir_make_tmp("rp-config-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "flat.ini", NULL);
    g_assert_true(g_file_set_contents(path, text->str, -1, NULL));
    g_autoptr(RpConfig) b = rp_config_load(path, &error);
    g_assert_no_error(error);
    g_remove(path);
    g_rmdir(dir);
    g_auto(GStrv) ga = rp_config_groups(a);
    g_auto(GStrv) gb = rp_config_groups(b);
    g_assert_cmpuint(g_strv_length(ga), ==, g_strv_length(gb));
    size_t n_keys = 0;
    for (size_t g = 0; ga[g]; g++) {
        g_assert_cmpstr(ga[g], ==, gb[g]);
        g_auto(GStrv) ka = rp_config_keys(a, ga[g]);
        g_auto(GStrv) kb = rp_config_keys(b, gb[g]);
        g_assert_cmpuint(g_strv_length(ka), ==, g_strv_length(kb));
        for (size_t k = 0; ka[k]; k++, n_keys++)
            g_assert_cmpstr(rp_config_get(a, ga[g], ka[k]), ==,
                            rp_config_get(b, ga[g], ka[k]));
    }
    /* the extended hours replaced the included ones */
    g_assert_cmpstr(rp_config_get(b, "queue:parking", "hours"), ==,
                    "mon-wed,fri 09:00-17:00; thu 09:00-19:00; sat "
                    "09:00-12:00");
    g_assert_cmpuint(n_keys, >, 100);
}

/* A copy has the same groups, values and locations (an included key
 * keeps its own file and line), and a change to it stays in it. */
static void
test_config_copy(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpConfig) a = rp_config_load("data/centre-extended.ini", &error);
    g_assert_no_error(error);
    g_autoptr(RpConfig) b = rp_config_copy(a);
    g_autoptr(GString) ta = rp_config_to_text(a);
    g_autoptr(GString) tb = rp_config_to_text(b);
    g_assert_cmpstr(ta->str, ==, tb->str);
    const char *file = NULL;
    size_t line = 0;
    g_assert_true(rp_config_location(b, "centre", "interval", &file, &line));
    g_assert_cmpstr(file, ==, "data/centre.ini");
    g_assert_cmpuint(line, ==, 10);
    g_assert_true(
        rp_config_location(b, "queue:parking", "hours", &file, &line));
    g_assert_cmpstr(file, ==, "data/centre-extended.ini");
    rp_config_set(b, "centre", "interval", "30m", "x.ini", 3);
    rp_config_set(b, "queue:new", "name", "New", "x.ini", 4);
    g_assert_cmpstr(rp_config_get(b, "centre", "interval"), ==, "30m");
    g_assert_cmpstr(rp_config_get(a, "centre", "interval"), ==, "15m");
    g_assert_null(rp_config_get(a, "queue:new", "name"));
    g_assert_true(rp_config_location(a, "centre", "interval", &file, &line));
    g_assert_cmpuint(line, ==, 10);
    g_assert_false(rp_config_location(a, "queue:new", NULL, &file, &line));
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/units/duration", test_durations);
    g_test_add_func("/units/proportion", test_proportions);
    g_test_add_func("/units/clock-and-date", test_clock_times_and_dates);
    g_test_add_func("/calendar/bank-holidays", test_bank_holidays);
    g_test_add_func("/clock/changes", test_clock_changes);
    g_test_add_func("/clock/bad-input", test_clock_bad_input);
    g_test_add_func("/csvio/read", test_csv_reading);
    g_test_add_func("/csvio/write", test_csv_writing);
    g_test_add_func("/csvio/strict", test_csv_strict);
    g_test_add_func("/units/strict-numbers", test_strict_numbers);
    g_test_add_func("/file/limits", test_file_limits);
    g_test_add_func("/plot/script", test_plot_script);
    g_test_add_func("/config/to-text", test_config_to_text);
    g_test_add_func("/config/copy", test_config_copy);
    return g_test_run();
}
