/* tests/test_intraday.c - the intraday module: the re-forecast against
 * hand-worked values of (1), the day's rota read back from the plan's
 * files, absences and late starts, and the re-plan on small days whose
 * best answer can be worked out by hand. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "common/error.h"
#include "intraday/intraday.h"
#include "tests/testutil.h"

/* One queue, its own group: forecast 10 a slot, 15 seen in each of the
 * first two, a = 10, b = 20: Theta = (30 + 10) / (20 + 10) = 4/3, then
 * theta = 4/3 (30 + 20) / (4/3 20 + 20) = (200/3) / (140/3) = 10/7. */
static void
test_reforecast_hand(void)
{
    const double f[] = {10, 10, 10, 10, NAN};
    const double y[] = {15, 15, NAN, NAN, NAN};
    const int group[] = {0};
    double r[5], theta;
    RpReforecastParams p = {.group_prior = 10, .queue_prior = 20};
    rp_intraday_reforecast(f, y, 1, 5, 2, group, &p, r, &theta);
    rp_assert_rel(theta, 10.0 / 7.0, 1e-15);
    rp_assert_rel(r[0], 15, 0);
    rp_assert_rel(r[1], 15, 0);
    rp_assert_rel(r[2], 100.0 / 7.0, 1e-15);
    rp_assert_rel(r[3], 100.0 / 7.0, 1e-15);
    g_assert_true(isnan(r[4]));
}

/* Two queues of one group and one of another, worked by hand.  Group 0
 * saw 30 + 10 = 40 against 20 + 20 = 40 expected: Theta = 1, so queue 0
 * (30 seen, 20 expected, b = 10) gets (30 + 10) / (20 + 10) = 4/3 and
 * queue 1 (10 against 20) (10 + 10) / (20 + 10) = 2/3; queue 2 alone:
 * Theta = (5 + 5) / (10 + 5) = 2/3, theta = 2/3 (5 + 10) / (2/3 10 + 10)
 * = 10 / (50/3) = 0.6.  A missing actual counts on neither side. */
static void
test_reforecast_groups(void)
{
    /* 3 queues x 3 intervals, 2 seen */
    const double f[] = {10, 10, 6, 10, 10, 6, NAN, 10, 4};
    const double y[] = {15, 15, NAN, 5, 5, NAN, 99, 5, NAN};
    const int group[] = {0, 0, 1};
    double r[9], theta[3];
    RpReforecastParams p = {.group_prior = 5, .queue_prior = 10};
    rp_intraday_reforecast(f, y, 3, 3, 2, group, &p, r, theta);
    rp_assert_rel(theta[0], 4.0 / 3.0, 1e-15);
    rp_assert_rel(theta[1], 2.0 / 3.0, 1e-15);
    rp_assert_rel(theta[2], 0.6, 1e-15);
    rp_assert_rel(r[2], 8, 1e-15);
    rp_assert_rel(r[5], 4, 1e-15);
    g_assert_true(isnan(r[6]));
    rp_assert_rel(r[7], 5, 0);
    rp_assert_rel(r[8], 2.4, 1e-15);
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
    rp_intraday_reforecast(f, same, 1, 4, 2, group, NULL, r, &theta);
    rp_assert_rel(theta, 1, 1e-15);
    rp_assert_rel(r[3], 20, 1e-15);
    rp_intraday_reforecast(f, same, 1, 4, 0, group, NULL, r, &theta);
    rp_assert_rel(theta, 1, 0);
    rp_assert_rel(r[0], 8, 0);
    /* the defaults, a dead morning: Theta = 400 / 420, theta = Theta 400 /
     * (Theta 20 + 400) = 400 / 420 x 400 / (8000 / 420 + 400) */
    const double none[] = {0, 0, NAN, NAN};
    rp_intraday_reforecast(f, none, 1, 4, 2, group, NULL, r, &theta);
    double big = 400.0 / 420.0;
    rp_assert_rel(theta, big * 400.0 / (big * 20.0 + 400.0), 1e-15);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/intraday/reforecast/hand", test_reforecast_hand);
    g_test_add_func("/intraday/reforecast/groups", test_reforecast_groups);
    g_test_add_func("/intraday/reforecast/edges", test_reforecast_edges);
    return g_test_run();
}
