/* tests/test_forecast.c - the forecast methods against series whose
 * forecasts can be worked out by hand: a pure weekly pattern is forecast
 * exactly, a linear trend is followed, a bank holiday and the catch-up day
 * after it are not copied into the next week; count quantiles and the
 * Poisson floor against direct summation of the probabilities. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>

#include "common/error.h"
#include "common/units.h"
#include "forecast/forecast_int.h"
#include "tests/testutil.h"

#define SLOTS 8

/* 2024-01-01 is a Monday. */
static gint64
monday(void)
{
    return rp_days_from_civil(2024, 1, 1);
}

/* Open Monday to Friday, every slot. */
static const guint8 *
weekdays_open(void)
{
    static guint8 open[7 * SLOTS];
    memset(open, 0, sizeof open);
    memset(open, 1, 5 * SLOTS);
    return open;
}

/* A weekly pattern: weekday w, slot k -> 10 + 3w + k^2 (all different). */
static double
pattern(int w, size_t k)
{
    return 10.0 + 3.0 * w + (double)(k * k);
}

static RpQueueSeries *
weekly_series(size_t weeks, size_t future_days, double growth_per_day)
{
    size_t n = weeks * 7;
    double *y = g_new(double, n *SLOTS);
    for (size_t d = 0; d < n; d++)
        for (size_t k = 0; k < SLOTS; k++)
            y[d * SLOTS + k] =
                pattern((int)(d % 7), k) * (1.0 + growth_per_day * (double)d);
    RpQueueSeries *s = rp_queue_series_new_from_values(
        monday(), SLOTS, 60, n, future_days, y, weekdays_open());
    g_free(y);
    return s;
}

/* Forecasts days [n_train, n_train + n) with `type` into a new array. */
static double *
forecast(const RpForecasterType *type, const RpQueueSeries *s, size_t n_train,
         size_t n)
{
    g_autoptr(RpForecaster) f = rp_forecaster_new(type, NULL);
    g_autoptr(GError) error = NULL;
    g_assert_true(rp_forecaster_fit(f, s, n_train, TRUE, &error));
    g_assert_no_error(error);
    double *out = g_new(double, n * s->n_slots);
    rp_forecaster_predict(f, s, n_train, n, out);
    return out;
}

static void
test_weekly_exact(gconstpointer data)
{
    const RpForecasterType *type = data;
    g_autoptr(RpQueueSeries) s = weekly_series(8, 14, 0.0);
    g_autofree double *f = forecast(type, s, s->n_hist, 14);
    for (size_t i = 0; i < 14; i++) {
        int w = (int)(i % 7);
        for (size_t k = 0; k < SLOTS; k++) {
            double got = f[i * SLOTS + k];
            if (w >= 5)
                g_assert_true(isnan(got)); /* shut at weekends */
            else
                rp_assert_rel(got, pattern(w, k), 1e-6);
        }
    }
}

/* Daily totals grow by 0.5% of the first day's a day: a week ahead the
 * top-down forecast is within 1% of the continued line, while the
 * seasonal naive (which cannot follow a trend) copies last week and is
 * 1 - (1 + 0.005 (d - 7)) / (1 + 0.005 d) = 2.5% low (d = 84). */
static void
test_trend_followed(void)
{
    g_autoptr(RpQueueSeries) s = weekly_series(12, 7, 0.005);
    g_autofree double *td = forecast(rp_forecaster_topdown, s, s->n_hist, 7);
    g_autofree double *sn = forecast(rp_forecaster_snaive, s, s->n_hist, 7);
    for (size_t i = 0; i < 5; i++) {
        size_t d = s->n_hist + i;
        for (size_t k = 0; k < SLOTS; k++) {
            double want = pattern((int)i, k) * (1.0 + 0.005 * (double)d);
            rp_assert_rel(td[i * SLOTS + k], want, 0.01);
            g_assert_cmpfloat(sn[i * SLOTS + k], <, want * 0.98);
        }
    }
}

/* The last Monday of history is a bank holiday (shut) and the Tuesday
 * after it carries twice the contacts (the catch-up).  Next week's Monday
 * and Tuesday are forecast from normal days: the pattern, exactly for the
 * copying methods, within 2% for the fitted ones. */
static void
test_holiday_not_copied(gconstpointer data)
{
    const RpForecasterType *type = data;
    g_autoptr(RpQueueSeries) s = weekly_series(8, 7, 0.0);
    size_t holiday = s->n_hist - 7, tuesday = holiday + 1;
    rp_queue_series_close_day(s, holiday);
    for (size_t k = 0; k < SLOTS; k++)
        s->y[tuesday * SLOTS + k] *= 2.0;
    g_assert_true(s->days[tuesday].after_closure);
    g_assert_false(s->days[holiday].open);
    g_autofree double *f = forecast(type, s, s->n_hist, 7);
    double tol = type == rp_forecaster_topdown || type == rp_forecaster_hw
                     ? 0.02
                     : 1e-12;
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < SLOTS; k++)
            rp_assert_rel(f[i * SLOTS + k], pattern((int)i, k), tol);
}

static void
test_short_history(gconstpointer data)
{
    const RpForecasterType *type = data;
    g_autoptr(RpQueueSeries) s = weekly_series(4, 7, 0.0);
    size_t n_train = type->min_days - 1;
    g_autoptr(RpForecaster) f = rp_forecaster_new(type, NULL);
    g_autoptr(GError) error = NULL;
    g_assert_false(rp_forecaster_fit(f, s, n_train, TRUE, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING);
    g_autofree char *need =
        g_strdup_printf("at least %zu days", type->min_days);
    g_assert_nonnull(strstr(error->message, type->name));
    g_assert_nonnull(strstr(error->message, need));
    g_clear_error(&error);
    g_assert_true(rp_forecaster_fit(f, s, n_train + 1, TRUE, &error));
}

/* A gap is unknown, not zero: the mean of four Mondays with one interval
 * missing in one of them still gives the pattern (the Monday with the gap
 * is skipped, an older one taken instead). */
static void
test_gap_not_zero(void)
{
    g_autoptr(RpQueueSeries) s = weekly_series(8, 7, 0.0);
    size_t last_monday = s->n_hist - 7;
    s->y[last_monday * SLOTS + 3] = NAN;
    s->days[last_monday].n_missing = 1;
    for (const RpForecasterType *const *t = rp_forecaster_types; *t; t++) {
        g_autofree double *f = forecast(*t, s, s->n_hist, 1);
        for (size_t k = 0; k < SLOTS; k++)
            rp_assert_rel(f[k], pattern(0, k), 1e-6);
    }
}

/* An estimated event: every fourth Wednesday doubles.  The top-down
 * model learns the effect and forecasts the next event day doubled. */
static void
test_event_estimated(void)
{
    g_autoptr(RpQueueSeries) s = weekly_series(16, 7, 0.0);
    s->estimated_events = 1u;
    for (size_t d = 2; d < s->n_days; d += 28) {
        s->days[d].events = 1u;
        for (size_t k = 0; k < SLOTS && d < s->n_hist; k++)
            s->y[d * SLOTS + k] *= 2.0;
    }
    size_t next = 2 + 28 * ((s->n_hist - 2) / 28 + 1);
    g_assert_cmpuint(next, <, s->n_days);
    g_autofree double *f = forecast(rp_forecaster_topdown, s, s->n_hist, 7);
    size_t i = next - s->n_hist;
    for (size_t k = 0; k < SLOTS; k++)
        rp_assert_rel(f[i * SLOTS + k], 2.0 * pattern(2, k), 0.02);
    /* and the ordinary Wednesday a week later is not doubled (the naive
     * methods skip event days as sources) */
    g_autofree double *n = forecast(rp_forecaster_snaive, s, s->n_hist, 7);
    rp_assert_rel(n[2 * SLOTS], pattern(2, 0), 1e-12);
}

/* A known factor is divided out of history and applied to the forecast. */
static void
test_event_factor(void)
{
    g_autoptr(RpQueueSeries) s = weekly_series(8, 7, 0.0);
    size_t day = s->n_hist + 1; /* next Tuesday */
    s->days[day].factor = 1.5;
    g_autofree double *f = forecast(rp_forecaster_mean, s, s->n_hist, 7);
    for (size_t k = 0; k < SLOTS; k++)
        rp_assert_rel(f[1 * SLOTS + k], 1.5 * pattern(1, k), 1e-12);
}

/* Exact Poisson mean absolute deviation against direct summation. */
static void
test_poisson_mad(void)
{
    const double lambdas[] = {0.3, 1.0, 3.7, 25.0, 199.5};
    for (size_t i = 0; i < G_N_ELEMENTS(lambdas); i++) {
        double lam = lambdas[i], p = exp(-lam), sum = 0.0;
        for (int k = 0; k < 2000; k++) {
            sum += fabs(k - lam) * p;
            p *= lam / (k + 1);
        }
        rp_assert_rel(rp_poisson_mad(lam), sum, 1e-10);
    }
    g_assert_cmpfloat(rp_poisson_mad(0.0), ==, 0.0);
    /* the rule of thumb: about 0.8 / sqrt(lambda) relative */
    rp_assert_rel(rp_poisson_mad(400.0) / 400.0, sqrt(2.0 / G_PI / 400.0),
                  0.01);
}

/* Quantiles of a negative binomial count with mean mu and c^2, against
 * the cumulative sum of its probabilities (mixture of Poissons over a
 * gamma rate: p(k) = Gamma(k + r) / (k! Gamma(r)) (r/(r+mu))^r
 * (mu/(r+mu))^k, r = 1/c^2). */
static double
nb_quantile_by_sum(double mu, double c2, double q)
{
    double cum = 0.0;
    for (int k = 0;; k++) {
        double lp;
        if (c2 == 0.0) {
            lp = -mu + k * log(mu) - lgamma(k + 1.0);
        } else {
            double r = 1.0 / c2;
            lp = lgamma(k + r) - lgamma(k + 1.0) - lgamma(r) +
                 r * log(r / (r + mu)) + k * log(mu / (r + mu));
        }
        cum += exp(lp);
        if (cum >= q)
            return k;
    }
}

static void
test_count_quantile(void)
{
    /* Poisson(10): P(Y <= 13) = 0.8645, P(Y <= 14) = 0.9165 */
    g_assert_cmpfloat(rp_count_quantile(10.0, 0.0, 0.9), ==, 14.0);
    g_assert_cmpfloat(rp_count_quantile(10.0, 0.0, 0.5), ==, 10.0);
    const double mus[] = {0.4, 3.0, 12.5, 80.0, 350.0};
    const double c2s[] = {0.0, 0.01, 0.05, 0.3};
    for (size_t i = 0; i < G_N_ELEMENTS(mus); i++)
        for (size_t j = 0; j < G_N_ELEMENTS(c2s); j++)
            for (size_t k = 0; k < RP_N_QUANTILES; k++) {
                double q = rp_forecast_quantiles[k];
                g_assert_cmpfloat(rp_count_quantile(mus[i], c2s[j], q), ==,
                                  nb_quantile_by_sum(mus[i], c2s[j], q));
            }
    g_assert_cmpfloat(rp_count_quantile(0.0, 0.1, 0.9), ==, 0.0);
}

/* Handling times: the contact-weighted mean of the slot over the weeks,
 * shrunk towards the queue's mean by 30 contacts; the configured value
 * when the history has none. */
static void
test_aht(void)
{
    g_autoptr(RpQueueSeries) s = weekly_series(4, 7, 0.0);
    double out[7 * SLOTS];
    rp_aht_forecast(s, s->n_hist, 7, 4, out);
    rp_assert_rel(out[0], s->aht_default_s, 1e-12);
    g_assert_true(isnan(out[5 * SLOTS]));
    for (size_t d = 0; d < s->n_hist; d++)
        for (size_t k = 0; k < SLOTS; k++)
            s->aht_s[d * SLOTS + k] = k == 0 ? 400.0 : 200.0;
    rp_aht_forecast(s, s->n_hist, 7, 4, out);
    /* queue mean m = sum(aht y) / sum y over the four weeks */
    double work = 0.0, n = 0.0;
    for (int w = 0; w < 5; w++)
        for (size_t k = 0; k < SLOTS; k++) {
            work += 4 * pattern(w, k) * (k == 0 ? 400.0 : 200.0);
            n += 4 * pattern(w, k);
        }
    double m = work / n, n0 = 4 * pattern(0, 0);
    rp_assert_rel(out[0], (n0 * 400.0 + 30.0 * m) / (n0 + 30.0), 1e-12);
}

/* The seasonal naive forecast of `h`, which must succeed. */
static RpForecast *
forecast_snaive(const RpHistory *h)
{
    RpForecastRunParams p;
    rp_forecast_run_params_init(&p);
    p.type = rp_forecaster_snaive;
    GError *error = NULL;
    RpForecast *f = rp_forecast_run(h, &p, &error);
    g_assert_no_error(error);
    return f;
}

/* The forecast file reads back as a volumes file: the contacts, and the
 * P80 through RpVolumesParams.contacts_column (what staff --quantile p80
 * does); the weekly pattern gives 4 and 10 calls, whose Poisson P80s are
 * 6 and 13, and post's 20 a day spread over four intervals. */
static void
test_csv_roundtrip(void)
{
    g_autofree char *config = g_test_build_filename(
        G_TEST_DIST, "data", "forecast", "centre.ini", NULL);
    g_autofree char *history = g_test_build_filename(
        G_TEST_DIST, "data", "forecast", "weekly.csv", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = rp_centre_load(config, &error);
    g_assert_no_error(error);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = vp.allow_daily = TRUE;
    g_autoptr(RpVolumes) v = rp_volumes_read(history, c, &vp, &error);
    g_assert_no_error(error);
    g_assert_true(v->daily[1] && !v->daily[0]);
    gint64 start = rp_days_from_civil(2024, 10, 7);
    g_autoptr(RpHistory) h = rp_history_new(v, c, NULL, NULL, start, 7, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(h->anomalies->len, ==, 0);
    g_autoptr(RpForecast) f = forecast_snaive(h);
    g_autoptr(GString) csv = rp_forecast_to_csv(f);
    g_autofree char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "forecast.csv", NULL);
    g_assert_true(g_file_set_contents(path, csv->str, -1, NULL));
    rp_volumes_params_init(&vp);
    const char *columns[] = {"contacts", "p80"};
    const double tax[2][4] = {{4, 10, 10, 4}, {6, 13, 13, 6}};
    const double post[2] = {5.0, 24.0 / 4};
    for (int i = 0; i < 2; i++) {
        vp.contacts_column = columns[i];
        g_autoptr(RpVolumes) back = rp_volumes_read(path, c, &vp, &error);
        g_assert_no_error(error);
        g_assert_cmpuint(back->rows[0]->len, ==, 20);
        g_assert_cmpuint(back->rows[1]->len, ==, 20);
        for (guint r = 0; r < 20; r++) {
            const RpVolumeRow *t =
                &g_array_index(back->rows[0], RpVolumeRow, r);
            const RpVolumeRow *m =
                &g_array_index(back->rows[1], RpVolumeRow, r);
            g_assert_cmpfloat(t->contacts, ==, tax[i][r % 4]);
            g_assert_cmpfloat(t->aht_s, ==, 300.0);
            g_assert_cmpfloat(m->contacts, ==, post[i]);
        }
    }
    g_autoptr(GString) plot = rp_forecast_plot_script(f, "x.svg", TRUE, 7);
    g_assert_nonnull(strstr(plot->str, "set terminal svg"));
    g_assert_nonnull(strstr(plot->str, "set output \"x.svg\""));
    g_unlink(path);
    g_rmdir(dir);
}

/* An out-of-hours line open 00:00-03:00 each night, forecast through both
 * clock changes (tests/data/night: 2 calls a quarter-hour before 02:00, 4
 * after).  The file reads back, in UTC order, with the repeated hour
 * written twice with its offsets: 25 October 2026 has 16 quarter-hours
 * and 4x2 + 8x2 + 4x4 = 40 calls; 28 March 2027 has 8 and 4x2 + 4x4 = 24. */
static void
test_csv_clock_changes(void)
{
    g_autofree char *config =
        g_test_build_filename(G_TEST_DIST, "data", "night", "centre.ini", NULL);
    const struct {
        const char *history;
        int y, m, d; /* first day forecast (a Monday) */
        size_t rows; /* on the Sunday of the change */
        double calls;
        const char *repeated; /* a stamp that must be in the file */
    } cases[] = {
        {"autumn.csv", 2026, 10, 19, 16, 40.0, "2026-10-25T01:45+00:00"},
        {"spring.csv", 2027, 3, 22, 8, 24.0, "2027-03-28T02:00,"},
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = rp_centre_load(config, &error);
    g_assert_no_error(error);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *history = g_test_build_filename(
            G_TEST_DIST, "data", "night", cases[i].history, NULL);
        RpVolumesParams vp;
        rp_volumes_params_init(&vp);
        vp.allow_gaps = vp.allow_daily = TRUE;
        g_autoptr(RpVolumes) v = rp_volumes_read(history, c, &vp, &error);
        g_assert_no_error(error);
        gint64 start = rp_days_from_civil(cases[i].y, cases[i].m, cases[i].d);
        g_autoptr(RpHistory) h =
            rp_history_new(v, c, NULL, NULL, start, 7, &error);
        g_assert_no_error(error);
        g_autoptr(RpForecast) f = forecast_snaive(h);
        g_autoptr(GString) csv = rp_forecast_to_csv(f);
        g_assert_nonnull(strstr(csv->str, cases[i].repeated));
        rp_volumes_params_init(&vp);
        g_autoptr(RpVolumes) back =
            rp_volumes_parse("forecast", csv->str, csv->len, c, &vp, &error);
        g_assert_no_error(error);
        g_assert_nonnull(back);
        GArray *rows = back->rows[0];
        size_t n = 0;
        double calls = 0.0;
        for (guint r = 0; r < rows->len; r++) {
            const RpVolumeRow *x = &g_array_index(rows, RpVolumeRow, r);
            if (r > 0)
                g_assert_cmpint(x->start, >,
                                g_array_index(rows, RpVolumeRow, r - 1).start);
            if (rp_centre_local_day(c, x->start) == start + 6) {
                n++;
                calls += x->contacts;
            }
        }
        g_assert_cmpuint(n, ==, cases[i].rows);
        g_assert_cmpfloat(calls, ==, cases[i].calls);
        g_assert_cmpuint(rows->len, ==, 6 * 12 + cases[i].rows);
    }
}

/* Hours never open before: a line open 09:00-09:30 (two slots) on
 * weekdays in four weeks of history, which next week also opens on
 * Saturday 09:00-09:30 and until 09:45 on Thursday, forecast at 10 and 20
 * calls in its two known slots every weekday.  With share 30% and
 * transfer 50%: Saturday gets 0.3 x 10 = 3 and 0.3 x 20 = 6 (the same
 * hours on weekdays), Thursday 09:30 0.3 x 20 = 6 (its neighbour, as no
 * day has 09:30); of those 15 calls half, 7.5, come out of the known
 * hours' 150, which keep 1 - 7.5/150 = 95%: 9.5 and 19 calls. */
static void
test_new_hours(void)
{
    enum { NH_SLOTS = 3, NH_WEEKS = 4 };
    guint8 open[7 * NH_SLOTS] = {0};
    for (int w = 0; w < 5; w++)
        open[w * NH_SLOTS] = open[w * NH_SLOTS + 1] = 1;
    double y[NH_WEEKS * 7 * NH_SLOTS];
    for (size_t i = 0; i < G_N_ELEMENTS(y); i++)
        y[i] = open[i % (7 * NH_SLOTS)] ? 5.0 : NAN;
    g_autoptr(RpQueueSeries) s = rp_queue_series_new_from_values(
        rp_days_from_civil(2027, 1, 4), NH_SLOTS, 15, NH_WEEKS * 7, 7, y, open);
    size_t n_hist = NH_WEEKS * 7;
    s->open[(n_hist + 5) * NH_SLOTS] = s->open[(n_hist + 5) * NH_SLOTS + 1] = 1;
    s->open[(n_hist + 3) * NH_SLOTS + 2] = 1;
    double mean[7 * NH_SLOTS];
    for (size_t d = 0; d < 7; d++)
        for (size_t k = 0; k < NH_SLOTS; k++)
            mean[d * NH_SLOTS + k] =
                d < 5 && k < 2 ? 10.0 * (double)(k + 1) : NAN;
    guint8 is_new[7 * NH_SLOTS];
    RpNewHours rules = {.share = 0.3, .transfer = 0.5};
    double added, moved;
    rp_fc_new_hours(s, n_hist, 7, 8, &rules, mean, is_new, &added, &moved);
    rp_assert_rel(added, 15.0, 1e-12);
    rp_assert_rel(moved, 7.5, 1e-12);
    rp_assert_rel(mean[5 * NH_SLOTS], 3.0, 1e-12);
    rp_assert_rel(mean[5 * NH_SLOTS + 1], 6.0, 1e-12);
    rp_assert_rel(mean[3 * NH_SLOTS + 2], 6.0, 1e-12);
    for (size_t d = 0; d < 5; d++) {
        rp_assert_rel(mean[d * NH_SLOTS], 9.5, 1e-12);
        rp_assert_rel(mean[d * NH_SLOTS + 1], 19.0, 1e-12);
    }
    size_t n_new = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(is_new); i++)
        n_new += is_new[i];
    g_assert_cmpuint(n_new, ==, 3);
    g_assert_true(is_new[5 * NH_SLOTS] && is_new[3 * NH_SLOTS + 2]);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    gsl_set_error_handler_off();
    for (const RpForecasterType *const *t = rp_forecaster_types; *t; t++) {
        g_autofree char *a =
            g_strdup_printf("/forecast/%s/weekly-exact", (*t)->name);
        g_autofree char *b =
            g_strdup_printf("/forecast/%s/holiday", (*t)->name);
        g_autofree char *c =
            g_strdup_printf("/forecast/%s/short-history", (*t)->name);
        g_test_add_data_func(a, *t, test_weekly_exact);
        g_test_add_data_func(b, *t, test_holiday_not_copied);
        g_test_add_data_func(c, *t, test_short_history);
    }
    g_test_add_func("/forecast/topdown/trend", test_trend_followed);
    g_test_add_func("/forecast/gap-not-zero", test_gap_not_zero);
    g_test_add_func("/forecast/topdown/event", test_event_estimated);
    g_test_add_func("/forecast/event-factor", test_event_factor);
    g_test_add_func("/forecast/poisson-mad", test_poisson_mad);
    g_test_add_func("/forecast/count-quantile", test_count_quantile);
    g_test_add_func("/forecast/aht", test_aht);
    g_test_add_func("/forecast/csv-roundtrip", test_csv_roundtrip);
    g_test_add_func("/forecast/csv-clock-changes", test_csv_clock_changes);
    g_test_add_func("/forecast/new-hours", test_new_hours);
    return g_test_run();
}
