/* tests/test_intraday.c - the intraday module: the re-forecast against
 * hand-worked values of (1), the day's rota read back from the plan's
 * files, absences and late starts, and the re-plan on small days whose
 * best answer can be worked out by hand. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/error.h"
#include "common/units.h"
#include "intraday/intraday.h"
#include "tests/testutil.h"

/* One queue, one level (s_c = 0, s_o = 0.1): the gamma-Poisson posterior
 * mean (A + a) / (F + a) with a = 1 / 0.1^2 = 100.  Forecast 10 a slot,
 * 15 seen in each of the first two: (30 + 100) / (20 + 100) = 13/12. */
static void
test_reforecast_hand(void)
{
    const double f[] = {10, 10, 10, 10, NAN};
    const double y[] = {15, 15, NAN, NAN, NAN};
    const int group[] = {0};
    double r[5], theta;
    RpReforecastParams p = {.common_cv = 0, .own_cv = 0.1, .band = 0};
    g_assert_false(rp_intraday_reforecast(f, y, 1, 5, 2, group, &p, r, &theta));
    rp_assert_rel(theta, 13.0 / 12.0, 1e-15);
    rp_assert_rel(r[0], 15, 0);
    rp_assert_rel(r[1], 15, 0);
    rp_assert_rel(r[2], 130.0 / 12.0, 1e-15);
    rp_assert_rel(r[3], 130.0 / 12.0, 1e-15);
    g_assert_true(isnan(r[4]));
}

/* Two queues of one group and one of another, s_c = 0.2, s_o = 0.1,
 * worked by hand.  Group 0: queue 0 saw 30 against 20 (y = 0.5), queue 1
 * 10 against 20 (y = -0.5), both weighted w = 1 / (0.01 + 1/20) = 50/3:
 * c^ = 0, and each keeps 0.01 / 0.06 = 1/6 of its own y: theta 13/12 and
 * 11/12.  Queue 2 alone saw 5 against 10 (y = -0.5, w = 1 / 0.11 =
 * 100/11): c^ = 0.04 (-50/11) / (1 + 4/11) = -2/15, o^ = (0.01 / 0.11)
 * (-0.5 + 2/15) = -1/30, theta = 1 - 2/15 - 1/30 = 5/6.  A missing actual
 * counts on neither side. */
static void
test_reforecast_groups(void)
{
    /* 3 queues x 3 intervals, 2 seen */
    const double f[] = {10, 10, 6, 10, 10, 6, NAN, 10, 4};
    const double y[] = {15, 15, NAN, 5, 5, NAN, 99, 5, NAN};
    const int group[] = {0, 0, 1};
    double r[9], theta[3];
    RpReforecastParams p = {.common_cv = 0.2, .own_cv = 0.1, .band = 0};
    rp_intraday_reforecast(f, y, 3, 3, 2, group, &p, r, theta);
    rp_assert_rel(theta[0], 13.0 / 12.0, 1e-14);
    rp_assert_rel(theta[1], 11.0 / 12.0, 1e-14);
    rp_assert_rel(theta[2], 5.0 / 6.0, 1e-14);
    rp_assert_rel(r[2], 6.5, 1e-14);
    rp_assert_rel(r[5], 5.5, 1e-14);
    g_assert_true(isnan(r[6]));
    rp_assert_rel(r[7], 5, 0);
    rp_assert_rel(r[8], 10.0 / 3.0, 1e-14);
}

/* The dead band (4), band 2: 110 seen against 100 is within 2 sqrt(100)
 * = 20 and leaves the forecast; 121 is not.  Two queues each within
 * theirs (119 against 100) but together 38 above 200, beyond 2 sqrt(200)
 * = 28.3: not on forecast. */
static void
test_reforecast_band(void)
{
    const double f[] = {50, 50, 40};
    const double near[] = {60, 50, NAN};
    const double far[] = {71, 50, NAN};
    const int group[] = {0};
    double r[3], theta;
    RpReforecastParams p = {.common_cv = 0.05, .own_cv = 0.05, .band = 2};
    g_assert_true(
        rp_intraday_reforecast(f, near, 1, 3, 2, group, &p, r, &theta));
    rp_assert_rel(theta, 1, 0);
    rp_assert_rel(r[2], 40, 0);
    rp_assert_rel(r[0], 60, 0);
    g_assert_false(
        rp_intraday_reforecast(f, far, 1, 3, 2, group, &p, r, &theta));
    g_assert_cmpfloat(theta, >, 1.0);
    /* the band's edges, and the centre's test */
    const double seen_in[] = {119, 119}, seen_edge[] = {120, 80},
                 seen_out[] = {121, 100}, expected[] = {100, 100};
    g_assert_false(rp_intraday_on_forecast(seen_in, expected, 2, 2));
    g_assert_true(rp_intraday_on_forecast(seen_in, expected, 2, 3));
    g_assert_true(rp_intraday_on_forecast(seen_edge, expected, 2, 2));
    g_assert_false(rp_intraday_on_forecast(seen_out, expected, 2, 2));
    g_assert_true(rp_intraday_on_forecast(seen_in, expected, 1, 2));
}

/* A morning that ran exactly to forecast leaves the rest as it was;
 * nothing seen: theta = 1 and the forecast throughout. */
static void
test_reforecast_edges(void)
{
    const double f[] = {8, 12, 20, 20};
    const double same[] = {8, 12, NAN, NAN};
    const int group[] = {0};
    double r[4], theta;
    g_assert_true(
        rp_intraday_reforecast(f, same, 1, 4, 2, group, NULL, r, &theta));
    rp_assert_rel(theta, 1, 0);
    rp_assert_rel(r[3], 20, 0);
    rp_intraday_reforecast(f, same, 1, 4, 0, group, NULL, r, &theta);
    rp_assert_rel(theta, 1, 0);
    rp_assert_rel(r[0], 8, 0);
    /* the defaults (s_c = s_o = 0.05), a dead morning (0 against 20,
     * beyond the band 2 sqrt(20)): one queue alone, so its two levels add
     * to one of spread^2 0.005, a = 200: theta = (0 + 200) / (20 + 200) */
    const double none[] = {0, 0, NAN, NAN};
    g_assert_false(
        rp_intraday_reforecast(f, none, 1, 4, 2, group, NULL, r, &theta));
    rp_assert_rel(theta, 10.0 / 11.0, 1e-14);
}

/* ---- the day's rota ------------------------------------------------------ */

/* A phone line `id` open 09:00-17:00, email and the hub's desk: the
 * queues of the test centres. */
#define PHONE_LINE(id)                                                         \
    "[queue:" id "]\n"                                                         \
    "channel = phone\n"                                                        \
    "hours = mon-fri 09:00-17:00\n"                                            \
    "aht = 5m\n"                                                               \
    "service_level = 80%\n"                                                    \
    "answer_within = 20s\n"
#define EMAIL_AND_DESK                                                         \
    "[queue:email]\n"                                                          \
    "channel = email\n"                                                        \
    "hours = mon-fri 09:00-17:00\n"                                            \
    "aht = 6m\n"                                                               \
    "deadline_days = 1\n"                                                      \
    "[queue:desk]\n"                                                           \
    "channel = reception\n"                                                    \
    "site = hub\n"                                                             \
    "hours = mon-fri 09:00-17:00\n"                                            \
    "aht = 10m\n"                                                              \
    "service_level = 95%\n"                                                    \
    "answer_within = 10m\n"

static const char *const centre_ini = PHONE_LINE("line") EMAIL_AND_DESK
    "[centre]\n"
    "name = Test\n"
    "interval = 30m\n"
    "timezone = UTC\n"
    "[site:hub]\n"
    "hours = mon-fri 09:00-17:00\n"
    "[shifts]\n"
    "starts = 09:00\n"
    "lengths = 8h\n"
    "breaks = 30m unpaid 2h-4h after start over 6h\n";

static const char *const rota_csv =
    "officer,name,date,site,start,end,breaks,paid_hours\n"
    "ann,Ann,2026-11-30,hub,09:00,17:00,12:00-12:30,7.5\n"
    "ann,Ann,2026-12-01,hub,09:00,17:00,12:00-12:30,7.5\n"
    "bob,Bob,2026-11-30,hub,09:00,17:00,12:00-12:30,7.5\n";

typedef struct {
    char *dir, *ini, *rota, *activities;
    RpCentre *centre;
    GString *act; /* the activities text */
} Fixture;

static void
put(const Fixture *f, const char *name, const char *text, char **path)
{
    *path = g_build_filename(f->dir, name, NULL);
    g_assert_true(g_file_set_contents(*path, text, -1, NULL));
}

/* The fixture's configuration and rota files, and the activities' header;
 * then, once the activities are filled in, their file and the centre. */
static void
files_begin(Fixture *f, const char *ini, const char *rota)
{
    f->dir = g_dir_make_tmp("rp-intraday-XXXXXX", NULL);
    put(f, "centre.ini", ini, &f->ini);
    put(f, "rota.csv", rota, &f->rota);
    f->act = g_string_new("officer,interval_start,site,activity\n");
}

static void
files_end(Fixture *f)
{
    put(f, "activities.csv", f->act->str, &f->activities);
    g_autoptr(GError) error = NULL;
    f->centre = rp_centre_load(f->ini, &error);
    g_assert_no_error(error);
}

/* Ann on the line, Bob on email, both at lunch 12:00-12:30 on Monday;
 * Ann on the line all Tuesday. */
static void
fixture_set_up(Fixture *f, gconstpointer data)
{
    (void)data;
    files_begin(f, centre_ini, rota_csv);
    const char *days[] = {"2026-11-30", "2026-12-01"};
    const char *who[] = {"ann", "bob"};
    for (size_t d = 0; d < 2; d++)
        for (size_t w = 0; w < (d == 0 ? 2u : 1u); w++)
            for (int m = 9 * 60; m < 17 * 60; m += 30)
                g_string_append_printf(f->act, "%s,%sT%02d:%02d,hub,%s\n",
                                       who[w], days[d], m / 60, m % 60,
                                       m == 12 * 60 ? "lunch"
                                       : w == 0     ? "line"
                                                    : "email");
    files_end(f);
}

static void
fixture_tear_down(Fixture *f, gconstpointer data)
{
    (void)data;
    const char *files[] = {f->ini, f->rota, f->activities};
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++)
        g_remove(files[i]);
    g_rmdir(f->dir);
    g_free(f->dir);
    g_free(f->ini);
    g_free(f->rota);
    g_free(f->activities);
    g_string_free(f->act, TRUE);
    rp_centre_free(f->centre);
}

static const char *const ids[] = {"ann", "bob", "cat"};

static RpDay *
read_monday(const Fixture *f, GError **error)
{
    return rp_day_read(f->centre, rp_days_from_civil(2026, 11, 30), ids, 3,
                       f->rota, f->activities, error);
}

static const RpDayOfficer *
nth(const RpDay *d, guint i)
{
    return g_ptr_array_index(d->officers, i);
}

/* 30-minute intervals: 09:00 is interval 18, 17:00 is 34; the lunch
 * window 2h-4h after 09:00 is 11:00-13:00, intervals 22 to 26. */
static void
test_day_read(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(d->n_intervals, ==, 48);
    const RpDayOfficer *ann = nth(d, 0), *cat = nth(d, 2);
    g_assert_cmpuint(ann->start, ==, 18);
    g_assert_cmpuint(ann->end, ==, 34);
    g_assert_cmpint(ann->n_breaks, ==, 1);
    g_assert_cmpuint(ann->break_start[0], ==, 24);
    g_assert_false(ann->break_paid[0]);
    g_assert_cmpuint(ann->break_earliest[0], ==, 22);
    g_assert_cmpuint(ann->break_latest[0], ==, 26);
    g_assert_cmpint(ann->activity[18], ==, 0);
    g_assert_cmpint(ann->activity[24], ==, RP_DAY_LUNCH);
    g_assert_cmpint(nth(d, 1)->activity[20], ==, 1);
    /* Tuesday's shift: the next start and the week's paid time */
    g_assert_cmpint(ann->next_start_utc, ==,
                    rp_days_from_civil(2026, 12, 1) * 86400 + 9 * 3600);
    g_assert_cmpint(ann->week_paid_min, ==, 900);
    g_assert_cmpuint(cat->line, ==, 0);
    g_assert_cmpint(cat->activity[20], ==, RP_DAY_OFF);
}

/* The day refused when the activities file is `text`, with a message
 * naming `where` (file and line) and `what`. */
static void
assert_refused(const Fixture *f, const char *text, const char *where,
               const char *what)
{
    g_autoptr(GError) error = NULL;
    g_assert_true(g_file_set_contents(f->activities, text, -1, NULL));
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_null(d);
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    g_assert_nonnull(strstr(error->message, where));
    g_assert_nonnull(strstr(error->message, what));
}

static void
test_day_bad(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    /* an officer the plan does not have */
    g_autoptr(RpDay) d =
        rp_day_read(f->centre, rp_days_from_civil(2026, 11, 30), ids, 1,
                    f->rota, f->activities, &error);
    g_assert_null(d);
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    g_assert_nonnull(strstr(error->message, "rota.csv:4"));
    g_assert_nonnull(strstr(error->message, "bob"));
    /* an activity outside the shift */
    g_autofree char *bad =
        g_strconcat(f->act->str, "bob,2026-11-30T17:00,hub,email\n", NULL);
    assert_refused(f, bad, "activities.csv:50:", "outside bob's shift");
    /* an interval given twice */
    g_free(bad);
    bad = g_strconcat(f->act->str, "ann,2026-11-30T10:00,hub,line\n", NULL);
    assert_refused(f, bad,
                   "activities.csv:50:", "given for ann already (line 4)");
}

static void
test_day_absent_late(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    rp_day_absent(d, 0, 0);
    g_assert_cmpuint(nth(d, 0)->line, ==, 0);
    for (size_t t = 0; t < d->n_intervals; t++)
        g_assert_cmpint(nth(d, 0)->activity[t], ==, RP_DAY_OFF);
    /* Bob at 10:00: 09:00-10:00 off, the rest as it was */
    g_assert_true(rp_day_late(d, 1, 20));
    g_assert_cmpuint(nth(d, 1)->start, ==, 20);
    g_assert_cmpint(nth(d, 1)->activity[19], ==, RP_DAY_OFF);
    g_assert_cmpint(nth(d, 1)->activity[20], ==, 1);
    g_assert_cmpint(nth(d, 1)->activity[24], ==, RP_DAY_LUNCH);
    g_assert_cmpint(nth(d, 1)->n_breaks, ==, 1);
    /* after the end, or without a shift: no */
    g_assert_false(rp_day_late(d, 1, 34));
    g_assert_false(rp_day_late(d, 2, 20));
}

/* The day written back unchanged is the files as they were; with Ann
 * absent her Monday rows go and everything else stays. */
static void
test_day_write(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    g_autoptr(GString) rota = NULL;
    g_autoptr(GString) act = NULL;
    g_assert_true(rp_day_write(d, "rota.csv", rota_csv, "activities.csv",
                               f->act->str, &rota, &act, &error));
    g_assert_no_error(error);
    g_assert_cmpstr(rota->str, ==, rota_csv);
    g_assert_cmpstr(act->str, ==, f->act->str);
    rp_day_absent(d, 0, 0);
    g_string_free(rota, TRUE);
    g_string_free(act, TRUE);
    g_assert_true(rp_day_write(d, "rota.csv", rota_csv, "activities.csv",
                               f->act->str, &rota, &act, &error));
    g_assert_cmpstr(rota->str, ==,
                    "officer,name,date,site,start,end,breaks,paid_hours\n"
                    "ann,Ann,2026-12-01,hub,09:00,17:00,12:00-12:30,7.5\n"
                    "bob,Bob,2026-11-30,hub,09:00,17:00,12:00-12:30,7.5\n");
    g_assert_null(strstr(act->str, "ann,2026-11-30"));
    g_assert_nonnull(strstr(act->str, "ann,2026-12-01T16:30,hub,line\n"));
    g_assert_nonnull(strstr(act->str, "bob,2026-11-30T16:30,hub,email\n"));
}

/* ---- the re-plan ----------------------------------------------------------
 */

/* A hand-made demand from 10:00 (interval 20): the line misses 5
 * contacts with one officer and none with two in 10:00-12:00 (20-23),
 * none at all later; email wants Bob's 6.5 published hours from 10:00 at
 * 10 contacts an hour.  Best: Bob on the line through the peak and Ann
 * doing his 2 hours of email after it, where the line needs nobody:
 * J = 0 from J = 4 x 5 = 20; the lunches can go anywhere. */
static void
test_replan_peak(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    size_t n = d->n_intervals, k = 3;
    g_autoptr(RpDayDemand) dd = rp_day_demand_new(3, n, k);
    for (size_t t = 20; t < 24; t++) {
        double *m = dd->miss + t * (k + 1);
        m[0] = 30;
        m[1] = 5;
    }
    dd->target_h[1] = 6.5;
    dd->price[1] = 10;
    const double ann[] = {1, 1, 0}, bob[] = {1, 1, 0}, cat[] = {1, 1, 0};
    const double *const skill[] = {ann, bob, cat};
    rp_assert_rel(rp_day_cost(d, skill, dd, 20), 20, 1e-12);
    RpReplanResult r;
    rp_day_replan(d, skill, dd, 20, NULL, &r);
    rp_assert_rel(r.cost_before, 20, 1e-12);
    rp_assert_rel(r.cost_after, 0, 1e-12);
    rp_assert_rel(rp_day_cost(d, skill, dd, 20), 0, 1e-12);
    for (size_t t = 20; t < 24; t++) {
        g_assert_cmpint(nth(d, 0)->activity[t], ==, 0);
        g_assert_cmpint(nth(d, 1)->activity[t], ==, 0);
    }
    /* nothing before 10:00 changed; shifts and lunch lengths kept, each
     * lunch inside its window and off the peak */
    g_assert_cmpint(nth(d, 1)->activity[19], ==, 1);
    for (guint o = 0; o < 2; o++) {
        const RpDayOfficer *x = nth(d, o);
        g_assert_cmpuint(x->start, ==, 18);
        g_assert_cmpuint(x->end, ==, 34);
        g_assert_cmpuint(x->break_len[0], ==, 1);
        g_assert_cmpuint(x->break_start[0], >=, 24);
        g_assert_cmpuint(x->break_start[0], <=, 26);
        g_assert_cmpint(x->activity[x->break_start[0]], ==, RP_DAY_LUNCH);
        size_t lunch = 0;
        for (size_t t = 0; t < n; t++)
            lunch += x->activity[t] == RP_DAY_LUNCH;
        g_assert_cmpuint(lunch, ==, 1);
    }
    /* Cat has no shift and stays off */
    for (size_t t = 0; t < n; t++)
        g_assert_cmpint(nth(d, 2)->activity[t], ==, RP_DAY_OFF);
}

/* A lunch in the peak moves out of it: Ann alone on the line, her lunch
 * at 11:00 (22) where the line misses 8 with nobody and 0 with her;
 * the window runs to 13:00 and the line is quiet from 12:00. */
static void
test_replan_break(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    rp_day_absent(d, 1, 0);
    RpDayOfficer *ann = g_ptr_array_index(d->officers, 0);
    ann->activity[24] = 0;
    ann->activity[22] = RP_DAY_LUNCH;
    ann->break_start[0] = 22;
    size_t n = d->n_intervals, k = 2;
    g_autoptr(RpDayDemand) dd = rp_day_demand_new(3, n, k);
    for (size_t t = 18; t < 24; t++)
        dd->miss[t * (k + 1)] = 8;
    const double one[] = {1, 0, 0};
    const double *const skill[] = {one, one, one};
    RpReplanResult r;
    rp_day_replan(d, skill, dd, 20, NULL, &r);
    rp_assert_rel(r.cost_before, 8, 1e-12);
    rp_assert_rel(r.cost_after, 0, 1e-12);
    g_assert_cmpuint(r.n_breaks, ==, 1);
    g_assert_cmpuint(ann->break_start[0], >=, 24);
    g_assert_cmpint(ann->activity[22], ==, 0);
    /* she cannot do email (no skill): idle or the line otherwise */
    for (size_t t = ann->start; t < ann->end; t++)
        g_assert_cmpint(ann->activity[t], !=, 1);
}

/* A desk is only left where it keeps its standard: Bob on the desk,
 * which misses 3 visitors without him and whose standard allows none;
 * the line misses 20 with nobody, 9 with Ann alone, none with both.  He
 * stays (but for the interval his lunch leaves).  With the desk allowed 3
 * misses he goes to the line: 14 intervals from 10:00, each 3 on the desk, and
 * the two lunches apart (together: 20 + 3; apart: twice 9 + 3), so J = 12 x 3 +
 * 2 x 12 = 60. */
static void
test_replan_keep(Fixture *f, gconstpointer data)
{
    (void)data;
    for (int pass = 0; pass < 2; pass++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(RpDay) d = read_monday(f, &error);
        g_assert_no_error(error);
        RpDayOfficer *bob = g_ptr_array_index(d->officers, 1);
        for (size_t t = 20; t < 34; t++)
            if (bob->activity[t] == 1)
                bob->activity[t] = 2;
        size_t n = d->n_intervals, k = 2;
        g_autoptr(RpDayDemand) dd = rp_day_demand_new(3, n, k);
        for (size_t t = 20; t < 34; t++) {
            dd->miss[(2 * n + t) * (k + 1)] = 3;
            dd->miss[t * (k + 1)] = 20;
            dd->miss[t * (k + 1) + 1] = 9;
            dd->keep[2 * n + t] = pass == 0 ? 0 : 3;
        }
        const double one[] = {1, 1, 1};
        const double *const skill[] = {one, one, one};
        RpReplanResult r;
        rp_day_replan(d, skill, dd, 20, NULL, &r);
        /* (moving his lunch frees the interval it was in: that one may go
         * to the line, the desk having been without him there anyway) */
        size_t on_desk = 0, on_line = 0;
        for (size_t t = 20; t < 34; t++) {
            on_desk += bob->activity[t] == 2;
            on_line += bob->activity[t] == 0;
        }
        g_assert_cmpuint(pass == 0 ? on_desk : on_line, >=, 12);
        if (pass == 0)
            g_assert_cmpfloat(r.cost_after, <=, r.cost_before);
        else
            rp_assert_rel(r.cost_after, 60, 1e-12);
    }
}

/* Calls routed by skill: the line (queue 0) stands for the pool, and an
 * officer on it counts on queues 0 and 2 by their shares.  Only 10:00
 * (interval 20) has demand: queue 0 misses 10 with nobody and none with
 * one officer, queue 2 misses 8 and none, linear between.  Ann on the
 * pool at shares 1/2 and 1/2: 10/2 + 8/2 = 9 (counted on queue 0 alone,
 * as without shares, 0 + 8 = 8).  Bob, on email that nobody needs, joins
 * the pool: with shares 1/2, 1/2 both queues have a whole officer and J =
 * 0; with his share all on queue 0 (he takes only its calls) queue 2
 * keeps Ann's half, J = 4. */
static void
test_replan_pool(Fixture *f, gconstpointer data)
{
    (void)data;
    for (int pass = 0; pass < 2; pass++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(RpDay) d = read_monday(f, &error);
        g_assert_no_error(error);
        size_t n = d->n_intervals, k = 2;
        g_autoptr(RpDayDemand) dd = rp_day_demand_new(3, n, k);
        dd->miss[20 * (k + 1)] = 10;
        dd->miss[(2 * n + 20) * (k + 1)] = 8;
        const double one[] = {1, 1, 0}; /* nobody works queue 2 itself */
        const double *const skill[] = {one, one, one};
        rp_assert_rel(rp_day_cost(d, skill, dd, 20), 8, 1e-12);
        const double share[] = {
            0.5, 0, 0.5, pass ? 1.0 : 0.5, 0, pass ? 0.0 : 0.5, 0, 0, 0};
        dd->pool = 0;
        dd->n_officers = 3;
        dd->share = g_memdup2(share, sizeof share);
        rp_assert_rel(rp_day_cost(d, skill, dd, 20), 9, 1e-12);
        RpReplanResult r;
        rp_day_replan(d, skill, dd, 20, NULL, &r);
        rp_assert_rel(r.cost_before, 9, 1e-12);
        rp_assert_rel(r.cost_after, pass ? 4 : 0, 1e-12);
        g_assert_cmpint(nth(d, 1)->activity[20], ==, 0);
    }
}

/* ---- skill profiles -------------------------------------------------------
 */

/* Three phone lines, email and a desk; profile p is line l2 alone. */
#define PROFILES_QUEUES                                                        \
    PHONE_LINE("l0") PHONE_LINE("l1") PHONE_LINE("l2") EMAIL_AND_DESK
static const char *const profiles_ini =
    PROFILES_QUEUES "[centre]\n"
                    "name = Test\n"
                    "routing = skills\n"
                    "interval = 30m\n"
                    "timezone = UTC\n"
                    "[site:hub]\n"
                    "hours = mon-fri 09:00-17:00\n"
                    "blended = p\n"
                    "[profile:p]\n"
                    "name = Line two alone\n"
                    "lines = l2\n"
                    "[shifts]\n"
                    "starts = 09:00\n"
                    "lengths = 8h\n";

static const char *const profiles_rota =
    "officer,name,date,site,start,end,breaks,paid_hours\n"
    "ann,Ann,2026-11-30,hub,09:00,17:00,,8\n"
    "bob,Bob,2026-11-30,hub,09:00,17:00,,8\n";

/* Monday: Ann on phones:p to 12:00, then phones, blended:p from 15:00
 * (the desk first, line l2 between visitors); Bob on email. */
static void
profiles_set_up(Fixture *f, gconstpointer data)
{
    (void)data;
    files_begin(f, profiles_ini, profiles_rota);
    for (int w = 0; w < 2; w++)
        for (int m = 9 * 60; m < 17 * 60; m += 30)
            g_string_append_printf(f->act, "%s,2026-11-30T%02d:%02d,hub,%s\n",
                                   w ? "bob" : "ann", m / 60, m % 60,
                                   w         ? "email"
                                   : m < 720 ? "phones:p"
                                   : m < 900 ? "phones"
                                             : "blended:p");
    files_end(f);
}

/* The profile positions read back keep their profile, and a day read and
 * written without a change is the file as it was; an unknown profile is
 * refused naming the file, line and field. */
static void
test_profiles_read_write(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    RpPosition pos;
    const RpDayOfficer *ann = nth(d, 0);
    g_assert_true(rp_day_position(ann->activity[18], &pos));
    g_assert_cmpint(pos.kind, ==, RP_POSITION_PHONES);
    g_assert_cmpint(pos.profile, ==, 0);
    g_assert_cmpint(ann->activity[24], ==, RP_DAY_PHONES);
    g_assert_true(rp_day_position(ann->activity[30], &pos));
    g_assert_cmpint(pos.kind, ==, RP_POSITION_BLENDED);
    g_assert_cmpint(pos.profile, ==, 0);
    g_assert_false(rp_day_position(nth(d, 1)->activity[18], &pos));
    g_autoptr(GString) rota = NULL;
    g_autoptr(GString) act = NULL;
    g_assert_true(rp_day_write(d, "rota.csv", profiles_rota, "activities.csv",
                               f->act->str, &rota, &act, &error));
    g_assert_no_error(error);
    g_assert_cmpstr(rota->str, ==, profiles_rota);
    g_assert_cmpstr(act->str, ==, f->act->str);
    /* phones:nope on line 3 */
    g_autoptr(GString) bad = g_string_new(f->act->str);
    g_string_replace(bad, "09:30,hub,phones:p", "09:30,hub,phones:nope", 1);
    assert_refused(f, bad->str, "activities.csv:3: activity: ",
                   "'nope' is not a skill profile");
}

/* The re-plan counts an officer on phones:p on the profile's line alone.
 * At 10:00 (interval 20) lines l0, l1, l2 miss 12, 6 and 3 contacts with
 * nobody and none with one officer, linear between; the lines carry
 * equal traffic.  Ann holds all three, Bob too and email; as the command
 * line gives them, the pool is l0 and their shares (proficiency times
 * the line's part of the traffic among the lines) 1/3 on each line on
 * the phones, and on phones:p 1 on l2 and 0 on l0 and l1.  Ann on
 * phones:p: J = 12 + 6 + 0 = 18 (on the phones she would leave 2/3 of
 * each: 14).  Bob leaves email (wanted by nobody) for the phones: l0 and
 * l1 keep 2/3 of theirs, l2 has 4/3 officers: J = 8 + 4 + 0 = 12, and
 * Ann stays on phones:p. */
static void
test_profiles_replan(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    size_t n = d->n_intervals, k = 2, nq = 5;
    g_autoptr(RpDayDemand) dd = rp_day_demand_new(nq, n, k);
    const double miss0[] = {12, 6, 3};
    for (size_t q = 0; q < 3; q++)
        dd->miss[(q * n + 20) * (k + 1)] = miss0[q];
    const double third = 1.0 / 3.0;
    /* [profile block][officer][queue]: the pool, then phones:p */
    const double share[] = {third, third, third, 0, 0, third, third,
                            third, 0,     0,     0, 0, 1,     0,
                            0,     0,     0,     1, 0, 0};
    dd->pool = 0;
    dd->n_officers = 2;
    dd->share = g_memdup2(share, sizeof share);
    const double ann[] = {1, 0, 0, 0, 0}, bob[] = {1, 0, 0, 1, 0};
    const double *const skill[] = {ann, bob, ann};
    rp_assert_rel(rp_day_cost(d, skill, dd, 20), 18, 1e-12);
    g_autoptr(RpDay) pooled = rp_day_copy(d);
    ((RpDayOfficer *)g_ptr_array_index(pooled->officers, 0))->activity[20] = 0;
    rp_assert_rel(rp_day_cost(pooled, skill, dd, 20), 14, 1e-12);
    RpReplanResult r;
    rp_day_replan(d, skill, dd, 20, NULL, &r);
    rp_assert_rel(r.cost_before, 18, 1e-12);
    rp_assert_rel(r.cost_after, 12, 1e-12);
    g_assert_cmpuint(r.n_moved, ==, 1);
    g_assert_cmpint(nth(d, 1)->activity[20], ==, 0);
    RpPosition pos;
    for (size_t t = 18; t < 24; t++) {
        g_assert_true(rp_day_position(nth(d, 0)->activity[t], &pos));
        g_assert_cmpint(pos.kind, ==, RP_POSITION_PHONES);
        g_assert_cmpint(pos.profile, ==, 0);
    }
}

/* An officer on blended:p counts on the desk of their site (queue 4),
 * which they take first, by their proficiency there (0.8), and on no
 * phone line: Ann from 15:00 (interval 30); before, on the phones, not
 * on the desk. */
static void
test_profiles_blended_desk(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpDay) d = read_monday(f, &error);
    g_assert_no_error(error);
    size_t n = d->n_intervals, nq = 5;
    /* the third officer, off today, holds the desk and counts nowhere */
    const double ann[] = {1, 1, 1, 0, 0.8}, bob[] = {0, 0, 0, 1, 0},
                 off[] = {0, 0, 0, 0, 1};
    const double *const skill[] = {ann, bob, off};
    g_autofree double *staffed = g_new(double, nq *n);
    rp_day_staffed(d, skill, staffed);
    for (size_t t = 18; t < 34; t++) {
        rp_assert_rel(staffed[4 * n + t], t >= 30 ? 0.8 : 0.0, 0);
        rp_assert_rel(staffed[3 * n + t], 1.0, 0);
        for (size_t q = 0; q < 3; q++)
            rp_assert_rel(staffed[q * n + t], 0.0, 0);
    }
}

/* The rules every re-plan keeps, checked on its result independently of
 * the search, for random demands, skills, absences and starting times:
 * shifts, breaks' lengths, windows and order as published; nothing
 * before `from` changed; every position a queue the officer is trained
 * for, open then, at their site for a desk; J not worse, and as
 * rp_day_cost() counts it. */
static void
test_replan_rules(Fixture *f, gconstpointer data)
{
    (void)data;
    for (guint32 seed = 1; seed <= 40; seed++) {
        g_autoptr(GRand) rng = g_rand_new_with_seed(seed);
        g_autoptr(GError) error = NULL;
        g_autoptr(RpDay) d = read_monday(f, &error);
        g_assert_no_error(error);
        size_t n = d->n_intervals, k_max = 3, nq = 3;
        if (g_rand_boolean(rng))
            rp_day_late(d, 1, (size_t)g_rand_int_range(rng, 19, 24));
        double skill_v[3][3];
        const double *skill[3];
        for (size_t o = 0; o < 3; o++) {
            for (size_t q = 0; q < nq; q++)
                skill_v[o][q] = g_rand_boolean(rng)
                                    ? g_rand_double_range(rng, 0.5, 1.0)
                                    : 0.0;
            skill_v[o][0] = 1.0; /* the line, as the published rota has */
            skill_v[o][1] = 1.0; /* email likewise */
            skill[o] = skill_v[o];
        }
        g_autoptr(RpDayDemand) dd = rp_day_demand_new(nq, n, k_max);
        for (size_t q = 0; q < nq; q++)
            for (size_t t = 18; t < 34; t++) {
                double c = g_rand_double_range(rng, 0, 20), r = 0.8;
                for (size_t k = 0; k <= k_max; k++, c *= r)
                    dd->miss[(q * n + t) * (k_max + 1) + k] = q == 1 ? 0 : c;
                if (g_rand_int_range(rng, 0, 4) == 0)
                    dd->keep[q * n + t] = g_rand_double_range(rng, 0, 10);
            }
        dd->target_h[1] = g_rand_double_range(rng, 0, 8);
        dd->price[1] = g_rand_double_range(rng, 0, 20);
        size_t from = (size_t)g_rand_int_range(rng, 18, 30);
        g_autoptr(RpDay) before = rp_day_copy(d);
        RpReplanResult r;
        rp_day_replan(d, skill, dd, from, NULL, &r);
        g_assert_cmpfloat(r.cost_after, <=, r.cost_before + 1e-9);
        rp_assert_rel(rp_day_cost(d, skill, dd, from), r.cost_after, 1e-9);
        for (guint o = 0; o < d->officers->len; o++) {
            const RpDayOfficer *a = nth(d, o), *b = nth(before, o);
            g_assert_cmpuint(a->line, ==, b->line);
            g_assert_cmpuint(a->start, ==, b->start);
            g_assert_cmpuint(a->end, ==, b->end);
            g_assert_cmpint(a->site, ==, b->site);
            g_assert_cmpint(a->n_breaks, ==, b->n_breaks);
            size_t on_break = 0;
            for (int k = 0; k < a->n_breaks; k++) {
                g_assert_cmpuint(a->break_len[k], ==, b->break_len[k]);
                g_assert_cmpint(a->break_paid[k], ==, b->break_paid[k]);
                g_assert_cmpuint(a->break_start[k], >=, a->break_earliest[k]);
                g_assert_cmpuint(a->break_start[k], <=, a->break_latest[k]);
                g_assert_cmpuint(a->break_start[k], >, a->start);
                g_assert_cmpuint(a->break_start[k] + a->break_len[k], <,
                                 a->end);
                if (a->break_start[k] != b->break_start[k])
                    g_assert_cmpuint(MIN(a->break_start[k], b->break_start[k]),
                                     >=, from);
                on_break += a->break_len[k];
                for (size_t t = 0; t < a->break_len[k]; t++)
                    g_assert_cmpint(a->activity[a->break_start[k] + t], ==,
                                    a->break_paid[k] ? RP_DAY_BREAK
                                                     : RP_DAY_LUNCH);
            }
            size_t counted = 0;
            for (size_t t = 0; t < n; t++) {
                int act = a->activity[t];
                counted += act == RP_DAY_BREAK || act == RP_DAY_LUNCH;
                if (t < from || t < a->start || t >= a->end)
                    g_assert_cmpint(act, ==, b->activity[t]);
                if (t < a->start || t >= a->end)
                    g_assert_cmpint(act, ==, RP_DAY_OFF);
                if (act >= 0) {
                    g_assert_cmpfloat(skill[o][act], >, 0.0);
                    g_assert_true(rp_centre_queue_open_at(
                        f->centre, (size_t)act,
                        d->start_utc + (gint64)t * 1800));
                    int site = rp_centre_queue(f->centre, (size_t)act)->site;
                    g_assert_true(site < 0 || site == a->site);
                }
            }
            g_assert_cmpuint(counted, ==, on_break);
        }
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/intraday/reforecast/hand", test_reforecast_hand);
    g_test_add_func("/intraday/reforecast/groups", test_reforecast_groups);
    g_test_add_func("/intraday/reforecast/band", test_reforecast_band);
    g_test_add_func("/intraday/reforecast/edges", test_reforecast_edges);
    g_test_add("/intraday/day/read", Fixture, NULL, fixture_set_up,
               test_day_read, fixture_tear_down);
    g_test_add("/intraday/day/bad", Fixture, NULL, fixture_set_up, test_day_bad,
               fixture_tear_down);
    g_test_add("/intraday/day/absent-late", Fixture, NULL, fixture_set_up,
               test_day_absent_late, fixture_tear_down);
    g_test_add("/intraday/day/write", Fixture, NULL, fixture_set_up,
               test_day_write, fixture_tear_down);
    g_test_add("/intraday/replan/peak", Fixture, NULL, fixture_set_up,
               test_replan_peak, fixture_tear_down);
    g_test_add("/intraday/replan/break", Fixture, NULL, fixture_set_up,
               test_replan_break, fixture_tear_down);
    g_test_add("/intraday/replan/pool", Fixture, NULL, fixture_set_up,
               test_replan_pool, fixture_tear_down);
    g_test_add("/intraday/replan/keep", Fixture, NULL, fixture_set_up,
               test_replan_keep, fixture_tear_down);
    g_test_add("/intraday/replan/rules", Fixture, NULL, fixture_set_up,
               test_replan_rules, fixture_tear_down);
    g_test_add("/intraday/profiles/read-write", Fixture, NULL, profiles_set_up,
               test_profiles_read_write, fixture_tear_down);
    g_test_add("/intraday/profiles/replan", Fixture, NULL, profiles_set_up,
               test_profiles_replan, fixture_tear_down);
    g_test_add("/intraday/profiles/blended-desk", Fixture, NULL,
               profiles_set_up, test_profiles_blended_desk, fixture_tear_down);
    return g_test_run();
}
