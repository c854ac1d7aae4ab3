/* tests/test_erlang.c - Erlang B, C and A against independently computed
 * reference values (tests/data/reference/, see its README) and against
 * the properties theory guarantees. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "common/csvio.h"
#include "common/error.h"
#include "models/erlang.h"
#include "tests/testutil.h"

/* ---- reading the reference files ------------------------------------ */

typedef struct {
    GPtrArray *header; /* char * */
    GPtrArray *rows;   /* GStrv */
} Table;

static gboolean
table_row(const char *const *fields, size_t n, size_t line, gpointer data,
          GError **error)
{
    Table *t = data;
    (void)line;
    (void)error;
    GStrv row = g_new0(char *, n + 1);
    for (size_t i = 0; i < n; i++)
        row[i] = g_strdup(fields[i]);
    if (t->header->len == 0) {
        for (size_t i = 0; i < n; i++)
            g_ptr_array_add(t->header, g_strdup(fields[i]));
        g_strfreev(row);
    } else {
        g_ptr_array_add(t->rows, row);
    }
    return TRUE;
}

static Table *
table_read(const char *name)
{
    g_autofree char *path =
        g_test_build_filename(G_TEST_DIST, "data", "reference", name, NULL);
    g_autoptr(GError) error = NULL;
    Table *t = g_new0(Table, 1);
    t->header = g_ptr_array_new_with_free_func(g_free);
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_assert_true(rp_csv_parse_file(path, table_row, t, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(t->rows->len, >, 0);
    return t;
}

static void
table_free(Table *t)
{
    g_ptr_array_unref(t->header);
    g_ptr_array_unref(t->rows);
    g_free(t);
}

static const char *
cell(const Table *t, guint row, const char *col)
{
    GStrv r = g_ptr_array_index(t->rows, row);
    for (guint i = 0; i < t->header->len; i++)
        if (strcmp(g_ptr_array_index(t->header, i), col) == 0)
            return r[i];
    g_error("no column %s", col);
    return NULL;
}

static double
num(const Table *t, guint row, const char *col)
{
    const char *s = cell(t, row, col);
    return *s ? g_ascii_strtod(s, NULL) : NAN;
}

/* Tolerance of the reference README: relative 1e-9, absolute 1e-12 for
 * values below 1e-6. */
#define check_ref(got, want)                                                   \
    do {                                                                       \
        double w__ = (want);                                                   \
        if (fabs(w__) < 1e-6)                                                  \
            rp_assert_close((got), w__, 0.0, 1e-12);                           \
        else                                                                   \
            rp_assert_rel((got), w__, 1e-9);                                   \
    } while (0)

static RpQueueLoad
row_load(const Table *t, guint i)
{
    double calls = num(t, i, "calls_per_interval");
    double interval_s = num(t, i, "interval_s");
    double aht_s = num(t, i, "aht_s");
    double patience = num(t, i, "patience_s");
    return (RpQueueLoad){.traffic = calls * aht_s / interval_s,
                         .aht_s = aht_s,
                         .patience_s = isnan(patience) ? INFINITY : patience};
}

static void
test_reference_metrics(gconstpointer model_)
{
    const char *model = model_;
    Table *t = table_read("erlang-reference.csv");
    guint seen = 0;
    for (guint i = 0; i < t->rows->len; i++) {
        if (strcmp(cell(t, i, "model"), model) != 0)
            continue;
        RpQueueLoad q = row_load(t, i);
        RpErlangMetrics m;
        g_autoptr(GError) error = NULL;
        g_assert_true(rp_erlang_metrics(&q, num(t, i, "agents"),
                                        num(t, i, "target_s"), &m, &error));
        g_assert_no_error(error);
        check_ref(m.p_wait, num(t, i, "P_wait"));
        check_ref(m.service_level, num(t, i, "service_level"));
        check_ref(m.asa_s, num(t, i, "asa_s"));
        check_ref(m.p_abandon, num(t, i, "abandon_prob"));
        check_ref(m.occupancy, num(t, i, "occupancy"));
        g_assert_true(m.stable);
        seen++;
    }
    g_assert_cmpuint(seen, >=, 10);
    table_free(t);
}

static void
test_reference_erlang_b(void)
{
    Table *t = table_read("erlang-b-reference.csv");
    for (guint i = 0; i < t->rows->len; i++) {
        /* "inverse" rows give the largest load for a blocking target: at
         * that load, B equals the target. */
        double b = -1.0;
        g_autoptr(GError) error = NULL;
        g_assert_true(rp_erlang_b(num(t, i, "offered_load_erlangs"),
                                  num(t, i, "lines"), &b, &error));
        g_assert_no_error(error);
        rp_assert_rel(b, num(t, i, "blocking_prob"), 1e-9);
    }
    table_free(t);
}

/* ---- hand-checkable values and conventions -------------------------- */

static void
test_erlang_b_boundaries(void)
{
    double b;
    g_assert_true(rp_erlang_b(1.0, 1.0, &b, NULL));
    rp_assert_rel(b, 0.5, 1e-15);
    g_assert_true(rp_erlang_b(0.5, 2.0, &b, NULL));
    rp_assert_rel(b, 1.0 / 13.0, 1e-15);
    g_assert_true(rp_erlang_b(7.3, 0.0, &b, NULL));
    g_assert_cmpfloat(b, ==, 1.0);
    g_assert_true(rp_erlang_b(0.0, 3.0, &b, NULL));
    g_assert_cmpfloat(b, ==, 0.0);
    /* 200 lines, 1 Erlang: 1/(e 200!) underflows to zero, not NaN */
    g_assert_true(rp_erlang_b(1.0, 200.0, &b, NULL));
    g_assert_cmpfloat(b, >=, 0.0);
    g_assert_cmpfloat(b, <, 1e-300);
}

/* The warm start for large traffic must agree with the plain recursion
 * from B(0) = 1. */
static void
test_erlang_b_warm_start(void)
{
    for (int i = 0; i < 400; i++) {
        double a = g_test_rand_double_range(0.01, 6000.0);
        double n = floor(a + g_test_rand_double_range(-3.0, 5.0) * sqrt(a));
        if (n < 1.0)
            n = 1.0;
        double plain = 1.0;
        for (double k = 1.0; k <= n; k += 1.0)
            plain = a * plain / (k + a * plain);
        double b;
        g_assert_true(rp_erlang_b(a, n, &b, NULL));
        rp_assert_rel(b, plain, 1e-12);
    }
}

/* Fractional agents: B is continuous in the number of agents and falls as
 * it rises. */
static void
test_erlang_b_fractional(void)
{
    for (int i = 0; i < 200; i++) {
        double a = g_test_rand_double_range(0.1, 800.0);
        double n = floor(a) + g_test_rand_int_range(1, 8); /* n >= 1 */
        double at, below, above;
        g_assert_true(rp_erlang_b(a, n, &at, NULL));
        g_assert_true(rp_erlang_b(a, n - 1e-7, &below, NULL));
        g_assert_true(rp_erlang_b(a, n + 0.5, &above, NULL));
        rp_assert_rel(below, at, 1e-5);
        g_assert_cmpfloat(above, <, at);
    }
}

static void
test_erlang_c_unstable(void)
{
    RpQueueLoad q = {.traffic = 10.0, .aht_s = 180.0, .patience_s = INFINITY};
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&q, 10.0, 20.0, &m, NULL));
    g_assert_false(m.stable);
    g_assert_cmpfloat(m.p_wait, ==, 1.0);
    g_assert_cmpfloat(m.service_level, ==, 0.0);
    g_assert_true(isinf(m.asa_s));
    g_assert_cmpfloat(m.occupancy, ==, 1.0);
}

static void
test_zero_traffic(void)
{
    RpQueueLoad q = {.traffic = 0.0, .aht_s = 180.0, .patience_s = 60.0};
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&q, 0.0, 20.0, &m, NULL));
    g_assert_cmpfloat(m.service_level, ==, 1.0);
    g_assert_cmpfloat(m.p_wait, ==, 0.0);
    g_assert_cmpfloat(m.asa_s, ==, 0.0);
}

static void
test_erlang_a_no_agents(void)
{
    RpQueueLoad q = {.traffic = 2.5, .aht_s = 180.0, .patience_s = 60.0};
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&q, 0.0, 20.0, &m, NULL));
    g_assert_cmpfloat(m.p_abandon, ==, 1.0);
    g_assert_cmpfloat(m.service_level, ==, 0.0);
}

static void
test_domain_errors(void)
{
    RpErlangMetrics m = {.p_wait = -7.0};
    RpQueueLoad bad[] = {
        {.traffic = -1.0, .aht_s = 180.0, .patience_s = INFINITY},
        {.traffic = NAN, .aht_s = 180.0, .patience_s = INFINITY},
        {.traffic = 3.0, .aht_s = 0.0, .patience_s = INFINITY},
        {.traffic = 3.0, .aht_s = 180.0, .patience_s = 0.0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        g_assert_false(rp_erlang_metrics(&bad[i], 5.0, 20.0, &m, &error));
        g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
        g_assert_cmpfloat(m.p_wait, ==, -7.0); /* untouched on failure */
    }
    g_autoptr(GError) error = NULL;
    RpQueueLoad q = {.traffic = 3.0, .aht_s = 180.0, .patience_s = INFINITY};
    g_assert_false(rp_erlang_metrics(&q, -1.0, 20.0, &m, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
    double b = -3.0;
    g_clear_error(&error);
    g_assert_false(rp_erlang_b(INFINITY, 3.0, &b, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
    g_assert_cmpfloat(b, ==, -3.0);
}

/* ---- properties ------------------------------------------------------ */

/* More agents: less waiting, less abandonment, better service level, for
 * every traffic level up to 5000 Erlangs and both models. */
static void
test_monotone_in_agents(void)
{
    for (int i = 0; i < 60; i++) {
        double a = exp(g_test_rand_double_range(log(0.05), log(5000.0)));
        gboolean model_a = i % 2;
        RpQueueLoad q = {.traffic = a,
                         .aht_s = g_test_rand_double_range(60.0, 900.0),
                         .patience_s =
                             model_a ? g_test_rand_double_range(10.0, 900.0)
                                     : INFINITY};
        double t = g_test_rand_double_range(0.0, 120.0);
        double lo = model_a ? 0.0 : floor(a) + 1.0;
        double hi = a + 6.0 * sqrt(a) + 10.0;
        double step = fmax(1.0, floor((hi - lo) / 40.0));
        RpErlangMetrics prev = {0};
        for (double n = lo; n <= hi; n += step) {
            RpErlangMetrics m;
            g_assert_true(rp_erlang_metrics(&q, n, t, &m, NULL));
            g_assert_true(isfinite(m.p_wait) && isfinite(m.service_level));
            g_assert_cmpfloat(m.p_wait, >=, 0.0);
            g_assert_cmpfloat(m.p_wait, <=, 1.0);
            g_assert_cmpfloat(m.service_level, >=, 0.0);
            g_assert_cmpfloat(m.service_level, <=, 1.0);
            g_assert_cmpfloat(m.p_abandon, >=, 0.0);
            g_assert_cmpfloat(m.p_abandon, <=, 1.0);
            if (n > lo) {
                g_assert_cmpfloat(m.p_wait, <=, prev.p_wait + 1e-12);
                /* deep overload leaves ~1e-13 absolute noise in SL */
                g_assert_cmpfloat(m.service_level, >=,
                                  prev.service_level - 1e-10);
                g_assert_cmpfloat(m.p_abandon, <=, prev.p_abandon + 1e-12);
                g_assert_cmpfloat(m.asa_s, <=, prev.asa_s * (1 + 1e-12));
            }
            prev = m;
        }
    }
}

/* Erlang A tends to Erlang C as patience grows without bound. */
static void
test_erlang_a_tends_to_c(void)
{
    RpQueueLoad c = {.traffic = 10.0, .aht_s = 180.0, .patience_s = INFINITY};
    RpQueueLoad a = c;
    a.patience_s = 1e9;
    RpErlangMetrics mc, ma;
    g_assert_true(rp_erlang_metrics(&c, 12.0, 20.0, &mc, NULL));
    g_assert_true(rp_erlang_metrics(&a, 12.0, 20.0, &ma, NULL));
    rp_assert_rel(ma.p_wait, mc.p_wait, 1e-5);
    rp_assert_rel(ma.service_level, mc.service_level, 1e-5);
    rp_assert_rel(ma.asa_s, mc.asa_s, 1e-5);
    g_assert_cmpfloat(ma.p_abandon, <, 1e-6);
}

/* With patience equal to the handling time the number in system is
 * Poisson(A), so P(wait) = P(Poisson(A) >= N) (queueing.md 5). */
static void
test_erlang_a_poisson_identity(void)
{
    for (int i = 0; i < 50; i++) {
        double a = g_test_rand_double_range(0.5, 300.0);
        double n = floor(a + g_test_rand_double_range(-2.0, 3.0) * sqrt(a));
        if (n < 1.0)
            n = 1.0;
        RpQueueLoad q = {.traffic = a, .aht_s = 240.0, .patience_s = 240.0};
        RpErlangMetrics m;
        g_assert_true(rp_erlang_metrics(&q, n, 20.0, &m, NULL));
        double want = gsl_cdf_poisson_Q((unsigned)n - 1u, a);
        rp_assert_rel(m.p_wait, want, 1e-10);
    }
}

/* Traffic up to 5000 Erlangs in deep overload and underload: finite values
 * within [0, 1], no NaN. */
static void
test_large_traffic(void)
{
    double loads[] = {1000.0, 2500.0, 5000.0};
    for (size_t i = 0; i < G_N_ELEMENTS(loads); i++) {
        double a = loads[i];
        for (double f = 0.5; f <= 1.5; f += 0.05) {
            RpQueueLoad qa = {
                .traffic = a, .aht_s = 300.0, .patience_s = 600.0};
            RpErlangMetrics m;
            g_assert_true(rp_erlang_metrics(&qa, floor(a * f), 20.0, &m, NULL));
            g_assert_true(isfinite(m.service_level) && isfinite(m.asa_s));
            g_assert_cmpfloat(m.service_level, >=, 0.0);
            g_assert_cmpfloat(m.p_abandon, <=, 1.0);
        }
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    gsl_set_error_handler_off();

    g_test_add_data_func("/erlang/reference/erlang-c", "erlang_c",
                         test_reference_metrics);
    g_test_add_data_func("/erlang/reference/erlang-a", "erlang_a",
                         test_reference_metrics);
    g_test_add_func("/erlang/reference/erlang-b", test_reference_erlang_b);
    g_test_add_func("/erlang/b/boundaries", test_erlang_b_boundaries);
    g_test_add_func("/erlang/b/warm-start", test_erlang_b_warm_start);
    g_test_add_func("/erlang/b/fractional", test_erlang_b_fractional);
    g_test_add_func("/erlang/c/unstable", test_erlang_c_unstable);
    g_test_add_func("/erlang/metrics/zero-traffic", test_zero_traffic);
    g_test_add_func("/erlang/a/no-agents", test_erlang_a_no_agents);
    g_test_add_func("/erlang/metrics/domain-errors", test_domain_errors);
    g_test_add_func("/erlang/metrics/monotone", test_monotone_in_agents);
    g_test_add_func("/erlang/a/tends-to-c", test_erlang_a_tends_to_c);
    g_test_add_func("/erlang/a/poisson-identity",
                    test_erlang_a_poisson_identity);
    g_test_add_func("/erlang/metrics/large-traffic", test_large_traffic);
    return g_test_run();
}
