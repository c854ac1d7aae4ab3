/* tests/test_centre.c - the centre configuration and volumes files: what
 * they mean, and every kind of bad input with its file, line and field. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/activities.h"
#include "common/centre.h"
#include "common/config.h"
#include "common/error.h"
#include "common/profiles.h"
#include "common/units.h"
#include "common/volumes.h"
#include "tests/testutil.h"

static char *
fixture(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, "data", name, NULL);
}

static void
test_sample_council(void)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *path =
        g_test_build_filename(G_TEST_DIST, "..", "data", "centre.ini", NULL);
    g_autoptr(RpCentre) c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    g_assert_cmpint(c->interval_min, ==, 15);
    g_assert_cmpuint(c->sites->len, ==, 5);
    int ct = rp_centre_queue_index(c, "council_tax");
    g_assert_cmpint(ct, >=, 0);
    const RpQueue *q = rp_centre_queue(c, (size_t)ct);
    g_assert_cmpint(q->channel, ==, RP_CHANNEL_PHONE);
    rp_assert_rel(q->standard.service_level, 0.8, 1e-15);
    g_assert_cmpfloat(q->standard.answer_within_s, ==, 20.0);
    g_assert_cmpfloat(q->patience_s, ==, 150.0);
    g_assert_cmpfloat(q->min_officers, ==, 1.0);
    /* additive shrinkage: 3.8 + 11.5 + 3 + 2 + 4 = 24.3% */
    rp_assert_rel(c->shrinkage.total, 0.243, 1e-12);
    /* newly opened hours: the defaults unless [forecast] says otherwise */
    rp_assert_rel(c->new_hours.share, 0.30, 1e-15);
    rp_assert_rel(c->new_hours.transfer, 0.50, 1e-15);
    /* premiums as written: weekends and overtime */
    rp_assert_rel(c->costs.sunday_premium, 1.0, 1e-15);
    rp_assert_rel(c->costs.overtime_premium, 0.5, 1e-15);

    /* skill profiles, and the planning desk blended with planning */
    g_assert_cmpuint(c->profiles->len, ==, 2);
    int planning = rp_centre_profile_index(c, "planning");
    int revenues = rp_centre_profile_index(c, "revenues");
    g_assert_cmpint(planning, >=, 0);
    g_assert_cmpuint(rp_centre_profile(c, (size_t)revenues)->n_lines, ==, 2);
    g_assert_cmpint(rp_centre_profile(c, (size_t)revenues)->lines[1], ==,
                    rp_centre_queue_index(c, "benefits"));
    g_assert_cmpint(
        rp_centre_site(c, (size_t)rp_centre_site_index(c, "wyndham"))->blended,
        ==, planning);
    g_assert_cmpint(
        rp_centre_site(c, (size_t)rp_centre_site_index(c, "mere"))->blended, ==,
        RP_BLENDED_NONE);

    /* the extended-hours variant includes this file and extends phones */
    g_autofree char *ext = g_test_build_filename(G_TEST_DIST, "..", "data",
                                                 "centre-extended.ini", NULL);
    g_autoptr(RpCentre) e = rp_centre_load(ext, &error);
    g_assert_no_error(error);
    q = rp_centre_queue(e, (size_t)rp_centre_queue_index(e, "council_tax"));
    g_assert_cmpint(rp_day_hours_minutes(&q->hours.day[3]), ==, 600);
    g_assert_cmpint(rp_day_hours_minutes(&q->hours.day[5]), ==, 180);
    g_assert_cmpuint(e->queues->len, ==, c->queues->len);
}

static void
test_opening(void)
{
    g_autofree char *path = fixture("small.ini");
    g_autoptr(RpCentre) c = rp_centre_load(path, NULL);
    g_assert_nonnull(c);
    size_t tax = (size_t)rp_centre_queue_index(c, "tax");
    /* sequential shrinkage: 1 - 0.9 * 0.9 */
    rp_assert_rel(c->shrinkage.total, 0.19, 1e-12);
    gint64 u;
    g_assert_true(rp_clock_parse(c->clock, "2027-01-11T08:45", &u, NULL));
    g_assert_false(rp_centre_queue_open_at(c, tax, u));
    g_assert_true(rp_clock_parse(c->clock, "2027-01-11T09:00", &u, NULL));
    g_assert_true(rp_centre_queue_open_at(c, tax, u));
    g_assert_true(rp_clock_parse(c->clock, "2027-01-11T16:45", &u, NULL));
    g_assert_true(rp_centre_queue_open_at(c, tax, u));
    g_assert_true(rp_clock_parse(c->clock, "2027-01-11T17:00", &u, NULL));
    g_assert_false(rp_centre_queue_open_at(c, tax, u));
    /* Saturday, a bank holiday (Good Friday) and a closure date */
    g_assert_false(
        rp_centre_queue_open_day(c, tax, rp_days_from_civil(2027, 1, 16)));
    g_assert_false(
        rp_centre_queue_open_day(c, tax, rp_days_from_civil(2027, 3, 26)));
    g_assert_false(
        rp_centre_queue_open_day(c, tax, rp_days_from_civil(2027, 12, 24)));
    /* summer time: 09:00 local is 08:00 UTC */
    g_assert_true(rp_clock_parse(c->clock, "2027-07-05T09:00", &u, NULL));
    g_assert_true(rp_centre_queue_open_at(c, tax, u));
    g_assert_false(rp_centre_queue_open_at(c, tax, u - 900));
}

static void
test_week_hours(void)
{
    RpWeekHours h;
    g_assert_true(rp_week_hours_parse(
        "mon-fri 09:00-17:00; thu 09:00-13:00,14:00-19:00; sat 10:00-12:00", 15,
        &h, NULL));
    g_assert_cmpint(rp_day_hours_minutes(&h.day[0]), ==, 480);
    g_assert_cmpint(h.day[3].n_spans, ==, 2);
    g_assert_cmpint(rp_day_hours_minutes(&h.day[3]), ==, 540);
    g_assert_cmpint(rp_day_hours_minutes(&h.day[5]), ==, 120);
    g_assert_cmpint(h.day[6].n_spans, ==, 0);
    static const char *const bad[] = {"mon-fri",
                                      "xyz 09:00-17:00",
                                      "fri-mon 09:00-17:00",
                                      "mon 17:00-09:00",
                                      "mon 09:10-17:00",
                                      "mon 09:00-25:00",
                                      "mon 09:00-13:00,12:00-17:00",
                                      ""};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        g_assert_false(rp_week_hours_parse(bad[i], 15, &h, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    }
}

/* Each bad configuration fails with its code, and the message starts with
 * the file and line of the offending key. */
static void
test_bad_configs(void)
{
    static const struct {
        const char *text;
        int code;
        int line;
        const char *field;
    } cases[] = {
        {"[centre]\nname = x\ncolour = red\n", RP_DATA_ERROR_UNKNOWN, 3,
         "colour"},
        {"[centre]\nname = x\n[queues:a]\nchannel = phone\n",
         RP_DATA_ERROR_UNKNOWN, 3, "[queues:a]"},
        {"[centre]\nname = x\ninterval = 25m\n", RP_DATA_ERROR_VALUE, 3,
         "interval"},
        {"[centre]\nname = x\ntimezone = Nowhere/Land\n", RP_DATA_ERROR_VALUE,
         3, "timezone"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 100%\n"
         "answer_within = 0s\n",
         RP_DATA_ERROR_TARGET, 7, "service_level"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nabandon_max = 5%\n",
         RP_DATA_ERROR_MISSING, 7, "abandon_max"},
        {"[centre]\nname = x\n[queue:a]\nchannel = fax\n", RP_DATA_ERROR_VALUE,
         4, "channel"},
        {"[centre]\nname = x\n[queue:a]\nchannel = reception\nsite = nowhere\n"
         "aht = 3m\nservice_level = 80%\nanswer_within = 20s\n",
         RP_DATA_ERROR_UNKNOWN, 5, "site"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n",
         RP_DATA_ERROR_VALUE, 7, "service_level"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = -3m\nservice_level = 80%\n"
         "answer_within = 20s\n",
         RP_DATA_ERROR_VALUE, 6, "aht"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:15h\naht = 3m\n",
         RP_DATA_ERROR_VALUE, 5, "hours"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nmin_officers = 1\n",
         RP_DATA_ERROR_VALUE, 7, "min_officers"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nmin_officers = 1.5\n",
         RP_DATA_ERROR_VALUE, 7, "min_officers"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nmin_officers = -1\n",
         RP_DATA_ERROR_VALUE, 7, "min_officers"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nshortfall_weight = -1\n",
         RP_DATA_ERROR_VALUE, 7, "shortfall_weight"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nshortfall_weight = 101\n",
         RP_DATA_ERROR_VALUE, 7, "shortfall_weight"},
        {"[centre]\nname = x\n[roster]\nshortfall_share_hour = -5\n",
         RP_DATA_ERROR_VALUE, 4, "shortfall_share_hour"},
        {"[centre]\nname = x\n[shrinkage]\nsick = 60%\nleave = 40%\n",
         RP_DATA_ERROR_VALUE, 3, "[shrinkage]"},
        {"[centre]\nname = x\n[forecast]\nnew_hours_share = 130%\n",
         RP_DATA_ERROR_VALUE, 4, "new_hours_share"},
        {"[centre]\nname = x\n[forecast]\nnew_hours = 30%\n",
         RP_DATA_ERROR_UNKNOWN, 4, "new_hours"},
        {"[centre]\nname = x\n[shrinkage:t]\ndays = wed\n",
         RP_DATA_ERROR_MISSING, 3, "add"},
        {"[centre]\nname = x\n[shrinkage:t]\nmonths = august\nadd = 5%\n",
         RP_DATA_ERROR_VALUE, 4, "months"},
        {"[centre]\nname = x\n[shrinkage:t]\nhours = 14:10-16:00\n"
         "add = 5%\n",
         RP_DATA_ERROR_VALUE, 4, "hours"},
        {"[centre]\nname = x\n[shrinkage:t]\nsite = nowhere\nadd = 5%\n",
         RP_DATA_ERROR_UNKNOWN, 4, "site"},
        {"[centre]\nname = x\n[shrinkage:t]\nweeks = 2\nadd = 5%\n",
         RP_DATA_ERROR_UNKNOWN, 4, "weeks"},
        {"[centre]\nname = x\n[shrinkage]\nsick = 50%\n[shrinkage:a]\n"
         "months = aug\nadd = 20%\n[shrinkage:t]\ndays = mon\n"
         "add = 30%\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n",
         RP_DATA_ERROR_VALUE, 8, "Monday in aug"},
        {"[centre]\nname = x\n[first_contact]\nresolution = 0%\n"
         "[queue:a]\nchannel = email\nhours = mon-fri 09:00-17:00\n"
         "aht = 3m\ndeadline_days = 1\n",
         RP_DATA_ERROR_VALUE, 4, "resolution"},
        {"[centre]\nname = x\n[first_contact]\nresolved = 80%\n"
         "[queue:a]\nchannel = email\nhours = mon-fri 09:00-17:00\n"
         "aht = 3m\ndeadline_days = 1\n",
         RP_DATA_ERROR_UNKNOWN, 4, "resolved"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\ndeadline_days = "
         "1\nfcr_return_to = b\n",
         RP_DATA_ERROR_UNKNOWN, 8, "fcr_return_to"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\ndeadline_days = "
         "1\nfcr_return_after = 30\n",
         RP_DATA_ERROR_VALUE, 8, "fcr_return_after"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\ndeadline_days = 1\nfcr = "
         "120%\n",
         RP_DATA_ERROR_VALUE, 8, "fcr"},
        {"[centre]\nname = x\nthis line is wrong\n", RP_DATA_ERROR_SYNTAX, 3,
         "this line"},
        /* skill profiles: phone lines of the centre, each once */
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n[profile:p]\nlines = a, b\n",
         RP_DATA_ERROR_UNKNOWN, 10, "'b' is not a queue"},
        {"[centre]\nname = x\n[queue:a]\nchannel = email\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\ndeadline_days = 1\n"
         "[profile:p]\nlines = a\n",
         RP_DATA_ERROR_VALUE, 9, "not a phone line"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n[profile:p]\nlines = a, a\n",
         RP_DATA_ERROR_VALUE, 10, "named twice"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n[profile:p]\nname = P\n",
         RP_DATA_ERROR_MISSING, 9, "at least one phone line"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n[profile:p]\nlines = a\nqueues = a\n",
         RP_DATA_ERROR_UNKNOWN, 11, "queues"},
        {"[centre]\nname = x\n[site:s]\nhours = mon 09:00-12:00\n"
         "blended = nope\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 3m\nservice_level = 80%\n"
         "answer_within = 20s\n",
         RP_DATA_ERROR_UNKNOWN, 5, "blended"},
        {"[centre]\nname = x\n", RP_DATA_ERROR_MISSING, 0, "no [queue"},
        /* hardening (issue 12): each of these crashed, read uninitialised
         * memory, printed a GLib-CRITICAL or was silently accepted */
        {"[centre]\nname = x\n[costs]\nhourly_rate = 15\ncurrency = \xa3\n",
         RP_DATA_ERROR_SYNTAX, 5, "UTF-8"},
        {"[centre]\nname = x\nname = y\n", RP_DATA_ERROR_DUPLICATE, 3,
         "line 2"},
        {"[centre]\nname = x\ntimezone = /etc/passwd\n", RP_DATA_ERROR_VALUE, 3,
         "timezone"},
        {"[centre]\nname = x\nclosed = 1024-01-01..2026-12-31\n",
         RP_DATA_ERROR_VALUE, 3, "closed"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon, wed 09:00-17:00\naht = 3m\n",
         RP_DATA_ERROR_VALUE, 5, "hours"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon 09:00-12:00,\naht = 3m\n",
         RP_DATA_ERROR_VALUE, 5, "hours"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon 09:00-12:00,,13:00-14:00\naht = 3m\n",
         RP_DATA_ERROR_VALUE, 5, "hours"},
        {"[centre]\nname = x\n[queue:a]\nchannel = phone\n"
         "hours = mon-fri 09:00-17:00\naht = 0x15\n",
         RP_DATA_ERROR_VALUE, 6, "aht"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = rp_test_file("centre.ini", cases[i].text);
        g_autoptr(GError) error = NULL;
        g_autoptr(RpCentre) c = rp_centre_load(path, &error);
        g_assert_null(c);
        g_assert_error(error, RP_DATA_ERROR, cases[i].code);
        if (error == NULL) {
            rp_test_remove(path);
            continue;
        }
        g_autofree char *what = g_strdup_printf("case %zu", i);
        rp_assert_error_at(error->message, path, cases[i].line, cases[i].field,
                           what);
        rp_test_remove(path);
    }
}

/* A NUL byte in a configuration is an error with its line and key, not
 * the end of the file; a byte-order mark is skipped. */
static void
test_config_bytes(void)
{
    static const char nul[] = "[centre]\nname = x\ninterval = 15m\0junk\n";
    g_autofree char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "c.ini", NULL);
    g_assert_true(g_file_set_contents(path, nul, sizeof nul - 1, NULL));
    g_autoptr(GError) error = NULL;
    g_assert_null(rp_centre_load(path, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
    if (error)
        rp_assert_error_at(error->message, path, 3, "interval", "NUL");
    g_clear_error(&error);
    g_autofree char *sample = fixture("small.ini");
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(sample, &text, NULL, NULL));
    g_autofree char *bom = g_strconcat("\xEF\xBB\xBF", text, NULL);
    g_assert_true(g_file_set_contents(path, bom, -1, NULL));
    g_autoptr(RpCentre) c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    g_assert_nonnull(c);
    /* an include that never ends is refused, not read until memory runs
     * out */
    if (g_file_test("/dev/zero", G_FILE_TEST_EXISTS)) {
        g_assert_true(g_file_set_contents(
            path, "[centre]\nname = x\ninclude = /dev/zero\n", -1, NULL));
        g_assert_null(rp_centre_load(path, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        if (error) /* found by fuzz_config: the message named /dev/zero only */
            rp_assert_error_at(error->message, path, 3, "/dev/zero", "include");
        g_clear_error(&error);
    }
    g_unlink(path);
    g_rmdir(dir);
}

/* Escapes as GKeyFile writes them are read back (\s, \t, \\); a bad one
 * is an error at its line and key.  Found by fuzz_config: a bad escape and
 * a backslash at the end of the same value made GLib's own reader of
 * escapes warn "GError set over the top of a previous GError". */
static void
test_config_escapes(void)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "c.ini", NULL);
    g_assert_true(g_file_set_contents(
        path, "[centre]\nname = \\sLeading\\tand C:\\\\data\n", -1, NULL));
    g_autoptr(GError) error = NULL;
    g_autoptr(RpConfig) good = rp_config_load(path, &error);
    g_assert_no_error(error);
    if (good)
        g_assert_cmpstr(rp_config_get(good, "centre", "name"), ==,
                        "Leading\tand C:\\data");
    static const struct {
        const char *text, *what;
    } bad[] = {
        {"[centre]\ninterval = 15m\nname = a\\qb\n", "'\\q' is not an escape"},
        {"[centre]\ninterval = 15m\nname = ab\\\n", "ends in a backslash"},
        {"[centre]\ninterval = 15m\nname = a\\\x18\\\\\\\n", "byte 0x18"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_true(g_file_set_contents(path, bad[i].text, -1, NULL));
        g_assert_null(rp_config_load(path, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
        if (error) {
            rp_assert_error_at(error->message, path, 3, "name", bad[i].what);
            g_assert_nonnull(strstr(error->message, bad[i].what));
        }
        g_clear_error(&error);
    }
    g_unlink(path);
    g_rmdir(dir);
}

static void
test_include_cycle(void)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    g_autofree char *a = g_build_filename(dir, "a.ini", NULL);
    g_autofree char *b = g_build_filename(dir, "b.ini", NULL);
    g_assert_true(
        g_file_set_contents(a, "[centre]\ninclude = b.ini\n", -1, NULL));
    g_assert_true(
        g_file_set_contents(b, "[centre]\ninclude = a.ini\n", -1, NULL));
    g_autoptr(GError) error = NULL;
    g_assert_null(rp_centre_load(a, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX);
    g_unlink(a);
    g_unlink(b);
    g_rmdir(dir);
}

/* ---- volumes -------------------------------------------------------- */

static RpCentre *
small_centre(void)
{
    g_autofree char *path = fixture("small.ini");
    RpCentre *c = rp_centre_load(path, NULL);
    g_assert_nonnull(c);
    return c;
}

/* A full Monday of the tax line, 09:00-17:00, `calls` each interval. */
static GString *
monday_tax(double calls)
{
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int m = 9 * 60; m < 17 * 60; m += 15)
        g_string_append_printf(s, "2027-01-11T%02d:%02d,tax,%g\n", m / 60,
                               m % 60, calls);
    return s;
}

static void
test_volumes_read(void)
{
    g_autoptr(RpCentre) c = small_centre();
    g_autoptr(GString) text = monday_tax(7.5);
    g_string_append(text, "2027-01-11T18:00,tax,2\n"
                          "2027-01-16T11:00,email,3\n");
    g_autofree char *path = rp_test_file("v.csv", text->str);
    g_autoptr(GError) error = NULL;
    g_autoptr(RpVolumes) v = rp_volumes_read(path, c, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(v->rows[0]->len, ==, 33);
    g_assert_cmpuint(v->rows[2]->len, ==, 1);
    g_assert_cmpfloat(g_array_index(v->rows[0], RpVolumeRow, 0).contacts, ==,
                      7.5);
    g_assert_true(isnan(g_array_index(v->rows[0], RpVolumeRow, 0).aht_s));
    rp_test_remove(path);
}

/* Each bad volumes file fails with its code and names file:line: field. */
static void
test_volumes_bad(void)
{
    g_autoptr(RpCentre) c = small_centre();
    static const struct {
        const char *rows; /* appended to a good Monday of the tax line */
        int code;
        int line;
        const char *field;
    } cases[] = {
        {"2027-01-11T09:00,tax,3\n", RP_DATA_ERROR_DUPLICATE, 34,
         "interval_start"},
        {"2027-01-11T08:00,tax,3\n", RP_DATA_ERROR_VALUE, 34, "interval_start"},
        {"2027-01-11T17:00,nope,3\n", RP_DATA_ERROR_UNKNOWN, 34, "queue"},
        {"2027-01-11T17:00,tax,-3\n", RP_DATA_ERROR_VALUE, 34, "contacts"},
        {"2027-01-11T17:00,tax,lots\n", RP_DATA_ERROR_VALUE, 34, "contacts"},
        {"2027-01-11T17:10,tax,3\n", RP_DATA_ERROR_VALUE, 34, "interval_start"},
        {"2027-03-28T01:30,email,3\n", RP_DATA_ERROR_TIME, 34,
         "interval_start"},
        {"2027-10-31T01:30,email,3\n", RP_DATA_ERROR_TIME, 34,
         "interval_start"},
        {"2027-01-11T17:00,tax,3,\"oops\n", RP_DATA_ERROR_SYNTAX, 34, "CSV"},
        {"2027-01-12T09:00,tax,3\n", RP_DATA_ERROR_MISSING, 34,
         "2027-01-12T09:15"},
        {"2027-01-11T17:00,tax\n", RP_DATA_ERROR_VALUE, 34, "contacts"},
        {"2027-01-16T10:00,email,1\n2027-01-16T09:00,email,1\n",
         RP_DATA_ERROR_VALUE, 35, "time order"},
        /* a mistyped year: a thousand years of gaps before it was caught */
        {"1027-01-12T09:00,email,1\n", RP_DATA_ERROR_VALUE, 34,
         "mistyped year"},
        {"2027-01-11T17:00,tax,0x15\n", RP_DATA_ERROR_VALUE, 34, "contacts"},
        {"2027-01-11T17:00,tax,3,4\n", RP_DATA_ERROR_SYNTAX, 34, "header"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) text = monday_tax(4);
        g_string_append(text, cases[i].rows);
        g_autofree char *path = rp_test_file("v.csv", text->str);
        g_autoptr(GError) error = NULL;
        g_autoptr(RpVolumes) v = rp_volumes_read(path, c, NULL, &error);
        g_assert_null(v);
        g_assert_error(error, RP_DATA_ERROR, cases[i].code);
        if (error) {
            g_autofree char *what = g_strdup_printf("case %zu", i);
            rp_assert_error_at(error->message, path, cases[i].line,
                               cases[i].field, what);
        }
        rp_test_remove(path);
    }
    /* a missing column and an empty file */
    const char *texts[] = {"interval_start,queue\n",
                           "interval_start,queue,contacts\n"};
    int codes[] = {RP_DATA_ERROR_MISSING, RP_DATA_ERROR_MISSING};
    for (size_t i = 0; i < 2; i++) {
        g_autofree char *path = rp_test_file("v.csv", texts[i]);
        g_autoptr(GError) error = NULL;
        g_assert_null(rp_volumes_read(path, c, NULL, &error));
        g_assert_error(error, RP_DATA_ERROR, codes[i]);
        rp_test_remove(path);
    }
}

static void
test_volumes_gaps_allowed(void)
{
    g_autoptr(RpCentre) c = small_centre();
    g_autoptr(GString) text = monday_tax(4);
    g_string_append(text, "2027-01-12T16:45,tax,3\n");
    g_autofree char *path = rp_test_file("v.csv", text->str);
    RpVolumesParams p;
    rp_volumes_params_init(&p);
    p.allow_gaps = TRUE;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpVolumes) v = rp_volumes_read(path, c, &p, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(v->gaps->len, ==, 31); /* Tuesday 09:00-16:30 */
    rp_test_remove(path);
}

static void
test_short_name(void)
{
    static const char *const cases[][2] = {
        {"Council tax and other financial enquiries", "Council tax"},
        {"Pennyfarthing House (main telephone team, revenues and benefits "
         "desk)",
         "Pennyfarthing House"},
        {"Environmental services, pests, refuse and parks",
         "Environmental services"},
        {"Housing benefits", "Housing benefits"},
        {"(odd)", "(odd)"},
        {"", ""},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *s = rp_centre_short_name(cases[i][0]);
        g_assert_cmpstr(s, ==, cases[i][1]);
    }
}

/* The positions of skill profiles read as log-ins, by hand on the sample
 * council: a Wyndham Road officer holding planning, its desk, general
 * enquiries and email. */
static void
test_profile_logins(void)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *path =
        g_test_build_filename(G_TEST_DIST, "..", "data", "centre.ini", NULL);
    g_autoptr(RpCentre) c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    g_autofree double *skill = g_new0(double, c->queues->len);
    const char *held[] = {"planning", "reception_wyndham", "general", "email"};
    for (size_t k = 0; k < G_N_ELEMENTS(held); k++)
        skill[rp_centre_queue_index(c, held[k])] = k == 2 ? 0.8 : 1.0;
#define BIT(id) (G_GUINT64_CONSTANT(1) << rp_centre_queue_index(c, id))
    int wyndham = rp_centre_site_index(c, "wyndham");
    static const struct {
        const char *name;
        const char *login[3];
        const char *first;
    } cases[] = {
        {"phones", {"planning", "general", NULL}, NULL},
        {"phones:planning", {"planning", NULL, NULL}, NULL},
        {"blended",
         {"reception_wyndham", "planning", "general"},
         "reception_wyndham"},
        {"blended:planning",
         {"reception_wyndham", "planning", NULL},
         "reception_wyndham"},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        guint64 login = 0, first = 0, want = 0;
        g_assert_true(rp_position_login(c, cases[k].name, wyndham, skill,
                                        &login, &first, &error));
        g_assert_no_error(error);
        for (size_t j = 0; j < 3 && cases[k].login[j]; j++)
            want |= BIT(cases[k].login[j]);
        g_assert_cmphex(login, ==, want);
        g_assert_cmphex(first, ==, cases[k].first ? BIT(cases[k].first) : 0);
    }
    /* an unknown profile, and one whose lines the officer does not hold */
    const char *bad[][2] = {{"phones:housing", "not a skill profile"},
                            {"phones:revenues", "none of the profile's"},
                            {"blended:revenues", "none of the profile's"}};
    for (size_t k = 0; k < G_N_ELEMENTS(bad); k++) {
        guint64 login = 7, first = 7;
        g_autoptr(GError) e = NULL;
        g_assert_false(rp_position_login(c, bad[k][0], wyndham, skill, &login,
                                         &first, &e));
        g_assert_error(e, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
        g_assert_nonnull(strstr(e->message, bad[k][1]));
        g_assert_cmpuint(login, ==, 7);
    }
#undef BIT
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/centre/short-name", test_short_name);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/centre/sample-council", test_sample_council);
    g_test_add_func("/centre/profile-logins", test_profile_logins);
    g_test_add_func("/centre/opening", test_opening);
    g_test_add_func("/centre/week-hours", test_week_hours);
    g_test_add_func("/centre/bad-configs", test_bad_configs);
    g_test_add_func("/centre/include-cycle", test_include_cycle);
    g_test_add_func("/centre/bytes", test_config_bytes);
    g_test_add_func("/centre/escapes", test_config_escapes);
    g_test_add_func("/volumes/read", test_volumes_read);
    g_test_add_func("/volumes/bad", test_volumes_bad);
    g_test_add_func("/volumes/gaps-allowed", test_volumes_gaps_allowed);
    return g_test_run();
}
