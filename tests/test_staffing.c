/* tests/test_staffing.c - the fewest officers for a standard, checked
 * against the independently computed `min_agents_for_target` column of
 * tests/data/reference/erlang-reference.csv and against properties. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <gsl/gsl_errno.h>

#include "common/csvio.h"
#include "common/error.h"
#include "models/staffing.h"
#include "tests/testutil.h"

typedef struct {
    RpCsvColumn cols[8];
    guint rows;
    guint failures;
} RefCtx;

enum { C_CALLS, C_INTERVAL, C_AHT, C_TARGET_S, C_PATIENCE, C_MIN, C_SL };

static double
field_num(const char *const *f, size_t n, const RpCsvColumn *c)
{
    const char *s = rp_csv_field(f, n, c);
    return s && *s ? g_ascii_strtod(s, NULL) : NAN;
}

static gboolean
check_row(const char *const *f, size_t n, size_t line, gpointer data,
          GError **error)
{
    RefCtx *ctx = data;
    if (line == 1)
        return rp_csv_map_header(f, n, ctx->cols, 7, error);
    double patience = field_num(f, n, &ctx->cols[C_PATIENCE]);
    double aht = field_num(f, n, &ctx->cols[C_AHT]);
    RpQueueLoad q = {.traffic = field_num(f, n, &ctx->cols[C_CALLS]) * aht /
                                field_num(f, n, &ctx->cols[C_INTERVAL]),
                     .aht_s = aht,
                     .patience_s = isnan(patience) ? INFINITY : patience};
    RpStandard s;
    rp_standard_init(&s);
    s.service_level = field_num(f, n, &ctx->cols[C_SL]);
    s.answer_within_s = field_num(f, n, &ctx->cols[C_TARGET_S]);
    double agents = -1.0;
    g_autoptr(GError) local = NULL;
    g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &agents, &local));
    g_assert_no_error(local);
    double want = field_num(f, n, &ctx->cols[C_MIN]);
    if (agents != want) {
        g_test_fail_printf("line %zu: %g officers, want %g", line, agents,
                           want);
        ctx->failures++;
    }
    ctx->rows++;
    return TRUE;
}

static void
test_reference_min_agents(void)
{
    RefCtx ctx = {.cols = {{"calls_per_interval", TRUE, -1},
                           {"interval_s", TRUE, -1},
                           {"aht_s", TRUE, -1},
                           {"target_s", TRUE, -1},
                           {"patience_s", TRUE, -1},
                           {"min_agents_for_target", TRUE, -1},
                           {"target_sl", TRUE, -1}}};
    g_autofree char *path = g_test_build_filename(
        G_TEST_DIST, "data", "reference", "erlang-reference.csv", NULL);
    g_autoptr(GError) error = NULL;
    g_assert_true(rp_csv_parse_file(path, check_row, &ctx, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(ctx.rows, >=, 30);
    g_assert_cmpuint(ctx.failures, ==, 0);
}

static RpStandard
sl_standard(double sl, double t)
{
    RpStandard s;
    rp_standard_init(&s);
    s.service_level = sl;
    s.answer_within_s = t;
    return s;
}

/* Call Centre Helper's worked example (queueing.md section 10): 100 calls
 * in 30 minutes, 180 s handling, 80% in 20 s, 85% maximum occupancy: 14
 * officers (occupancy 71.4%, not binding). */
static void
test_call_centre_helper(void)
{
    RpQueueLoad q = {.traffic = 10.0, .aht_s = 180.0, .patience_s = INFINITY};
    RpStandard s = sl_standard(0.8, 20.0);
    s.occupancy_max = 0.85;
    double n;
    g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &n, NULL));
    g_assert_cmpfloat(n, ==, 14.0);
}

/* DOMAIN.md: at 500 Erlangs with 120 s patience an 80/20 target alone is
 * met by 459 officers, below the traffic, while 8.4% of callers hang up;
 * a 5% abandonment cap needs more. */
static void
test_erlang_a_below_traffic(void)
{
    RpQueueLoad q = {.traffic = 500.0, .aht_s = 300.0, .patience_s = 120.0};
    RpStandard s = sl_standard(0.8, 20.0);
    double n;
    g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &n, NULL));
    g_assert_cmpfloat(n, ==, 459.0);
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&q, n, 20.0, &m, NULL));
    g_assert_cmpfloat(m.p_abandon, >, 0.08);
    s.abandon_max = 0.05;
    g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &n, NULL));
    g_assert_cmpfloat(n, >, 459.0);
    g_assert_true(rp_erlang_metrics(&q, n, 20.0, &m, NULL));
    g_assert_cmpfloat(m.p_abandon, <=, 0.05);
    g_assert_true(rp_erlang_metrics(&q, n - 1.0, 20.0, &m, NULL));
    g_assert_cmpfloat(m.p_abandon, >, 0.05);
}

/* The answer meets every target and one officer fewer does not; a
 * combination of targets needs the most any one of them needs. */
static void
test_least_and_strictest(void)
{
    for (int i = 0; i < 300; i++) {
        gboolean model_a = i % 2;
        RpQueueLoad q = {
            .traffic = exp(g_test_rand_double_range(log(0.05), log(800.0))),
            .aht_s = g_test_rand_double_range(60.0, 900.0),
            .patience_s =
                model_a ? g_test_rand_double_range(20.0, 600.0) : INFINITY};
        RpStandard all = sl_standard(g_test_rand_double_range(0.5, 0.95),
                                     g_test_rand_double_range(0.0, 60.0));
        all.asa_max_s = g_test_rand_double_range(2.0, 60.0);
        all.abandon_max = model_a ? g_test_rand_double_range(0.01, 0.2) : NAN;
        all.occupancy_max = g_test_rand_double_range(0.7, 0.95);
        double n_all;
        g_assert_true(
            rp_staffing_required(&q, &all, NULL, FALSE, &n_all, NULL));
        RpErlangMetrics m;
        g_assert_true(
            rp_erlang_metrics(&q, n_all, all.answer_within_s, &m, NULL));
        g_assert_true(rp_standard_met(&all, &m));
        g_assert_true(
            rp_erlang_metrics(&q, n_all - 1.0, all.answer_within_s, &m, NULL));
        g_assert_false(rp_standard_met(&all, &m));

        RpStandard one[3];
        for (int k = 0; k < 3; k++)
            rp_standard_init(&one[k]);
        one[0].service_level = all.service_level;
        one[0].answer_within_s = all.answer_within_s;
        one[1].asa_max_s = all.asa_max_s;
        one[2].abandon_max = model_a ? all.abandon_max : NAN;
        one[2].asa_max_s = model_a ? NAN : all.asa_max_s;
        one[2].occupancy_max = all.occupancy_max;
        double worst = 0.0;
        for (int k = 0; k < 3; k++) {
            double nk;
            g_assert_true(
                rp_staffing_required(&q, &one[k], NULL, FALSE, &nk, NULL));
            worst = fmax(worst, nk);
        }
        g_assert_cmpfloat(n_all, ==, worst);
    }
}

/* More traffic never needs fewer officers. */
static void
test_monotone_in_traffic(void)
{
    RpStandard s = sl_standard(0.8, 20.0);
    s.abandon_max = 0.05;
    for (int model_a = 0; model_a < 2; model_a++) {
        double prev = 0.0;
        for (double a = 0.0; a <= 600.0; a += 0.73) {
            RpQueueLoad q = {.traffic = a,
                             .aht_s = 240.0,
                             .patience_s = model_a ? 90.0 : INFINITY};
            double n;
            g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &n, NULL));
            g_assert_cmpfloat(n, >=, prev);
            prev = n;
        }
    }
}

static void
test_zero_traffic_zero_officers(void)
{
    RpQueueLoad q = {.traffic = 0.0, .aht_s = 240.0, .patience_s = 60.0};
    RpStandard s = sl_standard(0.8, 20.0);
    double n = -1.0;
    g_assert_true(rp_staffing_required(&q, &s, NULL, TRUE, &n, NULL));
    g_assert_cmpfloat(n, ==, 0.0);
}

/* Fractional officers lie in (whole - 1, whole] and meet the target
 * exactly at the answer. */
static void
test_fractional(void)
{
    RpQueueLoad q = {.traffic = 10.0, .aht_s = 180.0, .patience_s = INFINITY};
    RpStandard s = sl_standard(0.8, 20.0);
    double whole, frac;
    g_assert_true(rp_staffing_required(&q, &s, NULL, FALSE, &whole, NULL));
    g_assert_true(rp_staffing_required(&q, &s, NULL, TRUE, &frac, NULL));
    g_assert_cmpfloat(frac, >, whole - 1.0);
    g_assert_cmpfloat(frac, <=, whole);
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&q, frac, 20.0, &m, NULL));
    rp_assert_rel(m.service_level, 0.8, 1e-5);

    q.patience_s = 120.0;
    g_assert_true(rp_staffing_required(&q, &s, NULL, TRUE, &frac, NULL));
    g_assert_true(rp_erlang_metrics(&q, frac, 20.0, &m, NULL));
    rp_assert_rel(m.service_level, 0.8, 1e-5);
}

static void
test_impossible_targets(void)
{
    RpQueueLoad q = {.traffic = 4.0, .aht_s = 240.0, .patience_s = INFINITY};
    RpStandard bad[6];
    for (int i = 0; i < 6; i++)
        rp_standard_init(&bad[i]);
    bad[0] = sl_standard(1.0, 0.0); /* 100% within 0 s */
    bad[1] = sl_standard(1.0, 20.0);
    bad[2].asa_max_s = 0.0;
    bad[3].abandon_max = 0.0;
    bad[4] = sl_standard(0.8, 20.0);
    bad[4].occupancy_max = 0.0;
    /* bad[5]: no target at all */
    for (int i = 0; i < 6; i++) {
        double n = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_false(
            rp_staffing_required(&q, &bad[i], NULL, FALSE, &n, &error));
        g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET);
        g_assert_cmpfloat(n, ==, -1.0);
    }
}

static void
test_unreachable(void)
{
    RpQueueLoad q = {.traffic = 400.0, .aht_s = 240.0, .patience_s = INFINITY};
    RpStandard s = sl_standard(0.8, 20.0);
    RpStaffingParams p;
    rp_staffing_params_init(&p);
    p.max_agents = 300.0;
    double n = -1.0;
    g_autoptr(GError) error = NULL;
    g_assert_false(rp_staffing_required(&q, &s, &p, FALSE, &n, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_UNREACHABLE);
    g_assert_cmpfloat(n, ==, -1.0);
    g_clear_error(&error);
    q.patience_s = 30.0;
    p.max_agents = 10.0;
    g_assert_false(rp_staffing_required(&q, &s, &p, FALSE, &n, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_UNREACHABLE);
}

/* Past 2^53 a step of one agent does not change a double: the Erlang
 * loops never ended.  Loads beyond the models' range are refused. */
static void
test_beyond_range(void)
{
    static const RpQueueLoad loads[] = {
        {.traffic = 1e16, .aht_s = 180.0, .patience_s = INFINITY},
        {.traffic = 1e12, .aht_s = 180.0, .patience_s = 60.0},
        {.traffic = 1e16, .aht_s = 180.0, .patience_s = 60.0},
        {.traffic = 100.0, .aht_s = 1.0, .patience_s = 1e12},
    };
    RpStandard s;
    rp_standard_init(&s);
    s.service_level = 0.8;
    s.answer_within_s = 20.0;
    for (size_t i = 0; i < G_N_ELEMENTS(loads); i++) {
        double n = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_false(
            rp_staffing_required(&loads[i], &s, NULL, FALSE, &n, &error));
        g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
        g_assert_cmpfloat(n, ==, -1.0);
        RpErlangMetrics m;
        g_clear_error(&error);
        g_assert_false(rp_erlang_metrics(&loads[i], 5.0, 20.0, &m, &error));
        g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
    }
    double b = -1.0;
    g_assert_false(rp_erlang_b(1.0, 1e16, &b, NULL));
    g_assert_false(rp_erlang_b(1e16, 1e16, &b, NULL));
    g_assert_cmpfloat(b, ==, -1.0);
    /* more traffic than the officer cap: unreachable at once */
    RpQueueLoad big = {.traffic = 5e5, .aht_s = 180.0, .patience_s = INFINITY};
    double n = -1.0;
    g_autoptr(GError) error = NULL;
    g_assert_false(rp_staffing_required(&big, &s, NULL, FALSE, &n, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_UNREACHABLE);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    gsl_set_error_handler_off();

    g_test_add_func("/staffing/reference/min-agents",
                    test_reference_min_agents);
    g_test_add_func("/staffing/required/call-centre-helper",
                    test_call_centre_helper);
    g_test_add_func("/staffing/required/erlang-a-below-traffic",
                    test_erlang_a_below_traffic);
    g_test_add_func("/staffing/required/least-and-strictest",
                    test_least_and_strictest);
    g_test_add_func("/staffing/required/monotone-in-traffic",
                    test_monotone_in_traffic);
    g_test_add_func("/staffing/required/zero-traffic",
                    test_zero_traffic_zero_officers);
    g_test_add_func("/staffing/required/fractional", test_fractional);
    g_test_add_func("/staffing/standard/impossible", test_impossible_targets);
    g_test_add_func("/staffing/required/unreachable", test_unreachable);
    g_test_add_func("/staffing/required/beyond-range", test_beyond_range);
    return g_test_run();
}
