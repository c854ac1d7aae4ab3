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

/* The weekly pattern of tests/data/forecast (tax and post) as a history
 * to forecast the week of 7 October 2024 from. */
static RpHistory *
weekly_history(RpCentre **c, RpVolumes **v)
{
    g_autofree char *config = g_test_build_filename(
        G_TEST_DIST, "data", "forecast", "centre.ini", NULL);
    g_autofree char *history = g_test_build_filename(
        G_TEST_DIST, "data", "forecast", "weekly.csv", NULL);
    g_autoptr(GError) error = NULL;
    *c = rp_centre_load(config, &error);
    g_assert_no_error(error);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = vp.allow_daily = TRUE;
    *v = rp_volumes_read(history, *c, &vp, &error);
    g_assert_no_error(error);
    gint64 start = rp_days_from_civil(2024, 10, 7);
    RpHistory *h = rp_history_new(*v, *c, NULL, NULL, start, 7, &error);
    g_assert_no_error(error);
    return h;
}

/* The forecast file reads back as a volumes file: the contacts, and the
 * P80 through RpVolumesParams.contacts_column (what staff --quantile p80
 * does); the weekly pattern gives 4 and 10 calls, whose Poisson P80s are
 * 6 and 13, and post's 20 a day spread over four intervals. */
static void
test_csv_roundtrip(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = NULL;
    g_autoptr(RpHistory) h = weekly_history(&c, &v);
    g_autoptr(GError) error = NULL;
    RpVolumesParams vp;
    g_assert_true(v->daily[1] && !v->daily[0]);
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
    /* names as written (no gnuplot subscripts for "_") */
    g_assert_nonnull(strstr(plot->str, "set termoption noenhanced\n"));
    g_assert_nonnull(strstr(plot->str, "set title \"post ("));
    /* the daily queue's forecast is one line of 5 joined points (a blank
     * line between them would leave its panel empty); the interval
     * queue's days are apart */
    const char *daily = strstr(plot->str, "$F1 << EOD\n");
    g_assert_nonnull(daily);
    daily += strlen("$F1 << EOD\n");
    g_autofree char *block =
        g_strndup(daily, (gsize)(strstr(daily, "EOD\n") - daily));
    g_assert_null(strstr(block, "\n\n"));
    g_auto(GStrv) points = g_strsplit(block, "\n", -1);
    g_assert_cmpuint(g_strv_length(points), ==, 5 + 1);
    const char *per_interval = strstr(plot->str, "$F0 << EOD\n");
    g_assert_nonnull(strstr(per_interval, "\n\n"));
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

/* The weekly pattern (tax 28 calls a weekday as 4, 10, 10, 4; post 20)
 * repeats exactly, so the seasonal naive is exact at every level: the
 * centre's own series (the lines' days summed, 48) forecasts what its
 * lines add up to, every method scores 0 at lines, channels and centre,
 * and reconciling the forecast changes nothing. */
static void
test_reconcile_history(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = NULL;
    g_autoptr(RpHistory) h = weekly_history(&c, &v);
    g_autoptr(GError) error = NULL;
    RpReconcileParams p;
    rp_reconcile_params_init(&p);
    p.type = rp_forecaster_snaive;
    p.n_origins = 2;
    p.n_calibration = 1;
    RpReconcileBacktest b;
    g_assert_true(rp_reconcile_backtest(h, &p, &b, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(b.n_lines, ==, 2);
    g_assert_cmpuint(b.n_channels, ==, 2);
    g_assert_cmpuint(b.n_origins, ==, 2);
    for (int m = 0; m < RP_RECONCILE_N; m++)
        for (int level = 0; level < RP_LEVELS; level++) {
            g_assert_cmpuint(b.acc[m][level].n, ==,
                             level == 0   ? 20
                             : level == 1 ? 20
                                          : 10);
            rp_assert_close(rp_accuracy_wape(&b.acc[m][level]), 0.0, 0.0,
                            1e-12);
        }
    rp_assert_rel(b.acc[0][2].sum_y, 10 * 48.0, 1e-12);
    /* auto week by week: every method ties at 0 every week, so none
     * beats mint-level (every paired difference is 0) and mint-level is
     * kept at both origins and after them; in hindsight the first no
     * worse than none, bottom-up, is best; scored on the same days as
     * the rest */
    g_assert_cmpuint(b.n_chosen[RP_RECONCILE_MINT_LEVEL], ==, 2);
    g_assert_cmpuint(b.next, ==, RP_RECONCILE_MINT_LEVEL);
    g_assert_cmpuint(b.best, ==, RP_RECONCILE_BOTTOM_UP);
    for (int level = 0; level < RP_LEVELS; level++) {
        g_assert_cmpuint(b.acc_auto[level].n, ==, b.acc[0][level].n);
        rp_assert_close(rp_accuracy_wape(&b.acc_auto[level]), 0.0, 0.0, 1e-12);
    }
    RpForecastRunParams fp;
    rp_forecast_run_params_init(&fp);
    fp.type = rp_forecaster_snaive;
    g_autoptr(RpForecast) f = rp_forecast_run(h, &fp, &error);
    g_assert_no_error(error);
    double before = NAN, after = NAN;
    g_assert_true(rp_forecast_reconcile(f, &p, RP_RECONCILE_MINT, &before,
                                        &after, &error));
    g_assert_no_error(error);
    rp_assert_close(before, 0.0, 0.0, 1e-12);
    rp_assert_close(after, 0.0, 0.0, 1e-12);
    const RpQueueForecast *tax = g_ptr_array_index(f->queues, 0);
    const double want[4] = {4, 10, 10, 4};
    const RpQueueSeries *s = h->series[0];
    for (size_t k = 0; k < s->n_slots; k++)
        if (!isnan(tax->mean[k]))
            rp_assert_rel(tax->mean[k], want[k - 36], 1e-12);
}

/* A line forecast at nothing on a day (shut, or no contacts expected)
 * while its channel and the centre forecast contacts: reconciling cannot
 * scale nothing up, so that line stays at nothing and the others carry
 * the day; the result is coherent whatever the method.  Here post's first
 * forecast day is set to nothing by hand. */
static void
test_reconcile_line_at_nothing(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = NULL;
    g_autoptr(RpHistory) h = weekly_history(&c, &v);
    g_autoptr(GError) error = NULL;
    RpReconcileParams p;
    rp_reconcile_params_init(&p);
    p.type = rp_forecaster_snaive;
    p.n_calibration = 1;
    for (int m = RP_RECONCILE_BOTTOM_UP; m < RP_RECONCILE_N; m++) {
        RpForecastRunParams fp;
        rp_forecast_run_params_init(&fp);
        fp.type = rp_forecaster_snaive;
        g_autoptr(RpForecast) f = rp_forecast_run(h, &fp, &error);
        g_assert_no_error(error);
        RpQueueForecast *post = g_ptr_array_index(f->queues, 1);
        size_t slots = h->series[1]->n_slots;
        for (size_t k = 0; k < slots; k++)
            if (!isnan(post->mean[k]))
                post->mean[k] = 0.0;
        double before = NAN, after = NAN;
        g_assert_true(rp_forecast_reconcile(f, &p, (RpReconcileMethod)m,
                                            &before, &after, &error));
        g_assert_no_error(error);
        g_assert_cmpfloat(before, >, 0.1);
        rp_assert_close(after, 0.0, 0.0, 1e-9);
        for (size_t k = 0; k < slots; k++)
            if (!isnan(post->mean[k]))
                g_assert_cmpfloat(post->mean[k], ==, 0.0);
    }
}

/* auto's rule by hand, three weeks, every WAPE set directly: mint-level
 * 10% at every level; none 5% (better, but never chosen: not coherent).
 * Bottom-up better by 1, 2, 3 points each week at every level: mean -2,
 * sd 1, t = -2 / (1 / sqrt 3) = -3.46, clear.  wls better by 4, 0, 2 at
 * the lines (mean -2, sd 2, t = -1.73, not clear) and 5 every week
 * elsewhere.  Top-down better by 2, 3, 4 (t = -3 / (1 / sqrt 3) = -5.2). */
static void
set_week(RpReconcileWeek *w, int method, int level, double wape)
{
    w->acc[method][level].sum_y = 100.0;
    w->acc[method][level].sum_abs = 100.0 * wape;
}

static void
test_reconcile_choose(void)
{
    static const double bu[3] = {-0.01, -0.02, -0.03};
    static const double wls_lines[3] = {-0.04, 0.0, -0.02};
    static const double td[3] = {-0.02, -0.03, -0.04};
    RpReconcileWeek weeks[3];
    for (int pass = 0; pass < 3; pass++) {
        memset(weeks, 0, sizeof weeks);
        for (int k = 0; k < 3; k++)
            for (int level = 0; level < RP_LEVELS; level++) {
                for (int m = 0; m < RP_RECONCILE_N; m++)
                    set_week(&weeks[k], m, level, 0.10 + 0.01); /* worse */
                set_week(&weeks[k], RP_RECONCILE_MINT_LEVEL, level, 0.10);
                set_week(&weeks[k], RP_RECONCILE_NONE, level, 0.05);
                /* pass 1: bottom-up worse by 1 point at the centre */
                set_week(&weeks[k], RP_RECONCILE_BOTTOM_UP, level,
                         pass == 1 && level == 2 ? 0.11 : 0.10 + bu[k]);
                set_week(&weeks[k], RP_RECONCILE_WLS, level,
                         0.10 + (level == 0 ? wls_lines[k] : -0.05));
                if (pass == 2)
                    set_week(&weeks[k], RP_RECONCILE_TOP_DOWN, level,
                             0.10 + td[k]);
            }
        RpReconcileMethod want = pass == 0   ? RP_RECONCILE_BOTTOM_UP
                                 : pass == 1 ? RP_RECONCILE_MINT_LEVEL
                                             : RP_RECONCILE_TOP_DOWN;
        g_assert_cmpint(rp_reconcile_choose(weeks, 3), ==, want);
    }
    /* one week: no spread to judge the noise by, mint-level kept */
    g_assert_cmpint(rp_reconcile_choose(weeks, 1), ==, RP_RECONCILE_MINT_LEVEL);
    g_assert_cmpint(rp_reconcile_choose(weeks, 0), ==, RP_RECONCILE_MINT_LEVEL);
}

/* ---- moves, launches and services joining ---------------------------- */

#define TWO_LINES                                                              \
    "[centre]\nname = x\ninterval = 15m\nbank_holidays = none\n"               \
    "[queue:general]\nchannel = phone\nhours = mon-fri 09:00-10:00\n"          \
    "aht = 3m\nservice_level = 80%\nanswer_within = 20s\n"                     \
    "[queue:permits]\nchannel = phone\nhours = mon-fri 09:00-10:00\n"          \
    "aht = 3m\nservice_level = 80%\nanswer_within = 20s\n"

/* Weekdays from Monday 2 September 2024 for `weeks` weeks: general
 * `before` calls an interval until `move` (a date; NULL: never), then
 * `after`; permits `permits` an interval from `permits_from` (NULL:
 * never). */
static GString *
two_lines(int weeks, const char *move, double before, double after,
          const char *permits_from, double permits)
{
    GString *s = g_string_new("interval_start,queue,contacts\n");
    gint64 day0 = rp_days_from_civil(2024, 9, 2), mv = G_MAXINT64;
    gint64 pf = G_MAXINT64;
    if (move)
        rp_parse_date(move, &mv, NULL);
    if (permits_from)
        rp_parse_date(permits_from, &pf, NULL);
    for (gint64 d = day0; d < day0 + 7 * weeks; d++) {
        if (rp_weekday(d) >= 5)
            continue;
        char date[16];
        rp_format_date(d, date, sizeof date);
        for (int m = 9 * 60; m < 10 * 60; m += 15) {
            g_string_append_printf(s, "%sT%02d:%02d,general,%g\n", date, m / 60,
                                   m % 60, d < mv ? before : after);
            if (d >= pf)
                g_string_append_printf(s, "%sT%02d:%02d,permits,%g\n", date,
                                       m / 60, m % 60, permits);
        }
    }
    return s;
}

typedef struct {
    RpCentre *c;
    RpVolumes *v;
    RpEvents *ev;
    RpHistory *h;
    RpForecast *f;
} Moved;

static void
moved_clear(Moved *m)
{
    rp_forecast_free(m->f);
    rp_history_free(m->h);
    rp_events_free(m->ev);
    rp_volumes_free(m->v);
    rp_centre_free(m->c);
}

/* A one-week snaive forecast from 7 October 2024 of `history` with
 * `events`; returns FALSE with `error` when it fails. */
static gboolean
moved_forecast(Moved *m, const GString *history, const char *events,
               GError **error)
{
    memset(m, 0, sizeof *m);
    g_autofree char *cp = rp_test_file("c.ini", TWO_LINES);
    g_autofree char *hp = rp_test_file("h.csv", history->str);
    g_autofree char *ep = rp_test_file("e.csv", events);
    m->c = rp_centre_load(cp, NULL);
    g_assert_nonnull(m->c);
    RpVolumesParams vp;
    rp_volumes_params_init(&vp);
    vp.allow_gaps = TRUE;
    m->v = rp_volumes_read(hp, m->c, &vp, NULL);
    g_assert_nonnull(m->v);
    m->ev = rp_events_read(ep, m->c, error);
    gboolean ok = FALSE;
    if (m->ev) {
        m->h = rp_history_new(m->v, m->c, m->ev, NULL,
                              rp_days_from_civil(2024, 10, 7), 7, error);
        RpForecastRunParams p;
        rp_forecast_run_params_init(&p);
        p.type = rp_forecaster_snaive;
        ok = m->h && (m->f = rp_forecast_run(m->h, &p, error)) != NULL;
    }
    rp_test_remove(cp);
    rp_test_remove(hp);
    rp_test_remove(ep);
    return ok;
}

/* The forecast of `queue` on forecast day d (0 = Monday 7 October), slot
 * 09:00. */
static double
moved_at(const Moved *m, const char *queue, size_t d)
{
    int q = rp_centre_queue_index(m->c, queue);
    for (guint i = 0; i < m->f->queues->len; i++) {
        const RpQueueForecast *qf = g_ptr_array_index(m->f->queues, i);
        if ((int)qf->queue == q)
            return qf->mean[d * m->h->series[q]->n_slots + 36];
    }
    return NAN;
}

/* Permits left General Enquiries on 23 September at 30% of its calls:
 * general 10 an interval before, 7 after, permits 3 after.  The history
 * before the move is made as it would have been after it (general 7,
 * permits 3), so even a copy of three weeks ago forecasts 7 and 3; the
 * permits line starts with the move (its launch). */
static void
test_moves_past(void)
{
    g_autoptr(GString) h = two_lines(5, "2024-09-23", 10, 7, "2024-09-23", 3);
    Moved m;
    g_autoptr(GError) error = NULL;
    g_assert_true(
        moved_forecast(&m, h,
                       "start,end,queue,label,factor,kind,from,share\n"
                       "2024-09-23,,permits,permits_move,,moves,"
                       "general,30%\n",
                       &error));
    g_assert_no_error(error);
    const RpQueueSeries *g = m.h->series[0], *p = m.h->series[1];
    g_assert_cmpint(g->first_day, ==, rp_days_from_civil(2024, 9, 2));
    g_assert_cmpint(p->first_day, ==, rp_days_from_civil(2024, 9, 2));
    rp_assert_rel(g->y[36], 7.0, 1e-12); /* Monday 2 September */
    rp_assert_rel(p->y[36], 3.0, 1e-12);
    for (size_t d = 0; d < 5; d++) {
        rp_assert_rel(moved_at(&m, "general", d), 7.0, 1e-12);
        rp_assert_rel(moved_at(&m, "permits", d), 3.0, 1e-12);
    }
    moved_clear(&m);
}

/* The same move on Wednesday 9 October, in the forecast week: Monday and
 * Tuesday as before (general 10, permits 2), from Wednesday general
 * loses 30% of its 10 to permits: 7 and 5.  With no permits history the
 * move cannot be forecast, and the error names the events file line. */
static void
test_moves_future(void)
{
    g_autoptr(GString) h = two_lines(5, NULL, 10, 10, "2024-09-02", 2);
    const char *events = "start,end,queue,label,factor,kind,from,share\n"
                         "2024-10-09,,permits,permits_move,,moves,general,"
                         "30%\n";
    Moved m;
    g_autoptr(GError) error = NULL;
    g_assert_true(moved_forecast(&m, h, events, &error));
    g_assert_no_error(error);
    const double g[5] = {10, 10, 7, 7, 7}, p[5] = {2, 2, 5, 5, 5};
    for (size_t d = 0; d < 5; d++) {
        rp_assert_rel(moved_at(&m, "general", d), g[d], 1e-12);
        rp_assert_rel(moved_at(&m, "permits", d), p[d], 1e-12);
    }
    moved_clear(&m);
    g_autoptr(GString) alone = two_lines(5, NULL, 10, 10, NULL, 0);
    g_assert_false(moved_forecast(&m, alone, events, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING);
    if (error)
        g_assert_nonnull(strstr(error->message, "e.csv:2:"));
    moved_clear(&m);
}

/* A line launched on 16 September: its earlier rows (a trial week of 9
 * calls an interval) are not its history, so it forecasts its 4.  A
 * service joining general on 30 September adds 20% (factor 1.2) from
 * then: general's 12 an interval from that day are 10 once the factor is
 * divided out (like the weeks before), and the forecast, a copy of last
 * week's 10, is 12 with the factor applied. */
static void
test_launch_and_joins(void)
{
    g_autoptr(GString) h = two_lines(5, "2024-09-30", 10, 12, "2024-09-09", 4);
    /* the permits trial week: 9 an interval, 9-13 September */
    g_autoptr(GString) trial = g_string_new(NULL);
    g_auto(GStrv) lines = g_strsplit(h->str, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        if (*lines[i] == '\0')
            continue;
        if (g_str_has_prefix(lines[i], "2024-09-1") && lines[i][9] <= '3' &&
            strstr(lines[i], "permits"))
            g_string_append_printf(trial, "%.*s9\n",
                                   (int)(strrchr(lines[i], ',') - lines[i] + 1),
                                   lines[i]);
        else
            g_string_append_printf(trial, "%s\n", lines[i]);
    }
    Moved m;
    g_autoptr(GError) error = NULL;
    g_assert_true(
        moved_forecast(&m, trial,
                       "start,end,queue,label,factor,kind\n"
                       "2024-09-16,,permits,permits_launch,,launch\n"
                       "2024-09-30,,general,parking_joins,1.2,joins\n",
                       &error));
    g_assert_no_error(error);
    g_assert_cmpint(m.h->series[1]->first_day, ==,
                    rp_days_from_civil(2024, 9, 16));
    rp_assert_rel(m.h->series[0]->y[4 * 7 * 96 + 36], 10.0, 1e-12);
    for (size_t d = 0; d < 5; d++) {
        rp_assert_rel(moved_at(&m, "general", d), 12.0, 1e-12);
        rp_assert_rel(moved_at(&m, "permits", d), 4.0, 1e-12);
    }
    moved_clear(&m);
}

/* Each bad row is refused with its line and field. */
static void
test_events_bad(void)
{
    static const struct {
        const char *row;
        int code;
        const char *field;
    } cases[] = {
        {"2024-10-09,,permits,x,,moved,general,30%", RP_DATA_ERROR_VALUE,
         "kind"},
        {"2024-10-09,,permits,x,,moves,,30%", RP_DATA_ERROR_MISSING, "from"},
        {"2024-10-09,,permits,x,,moves,permits,30%", RP_DATA_ERROR_UNKNOWN,
         "from"},
        {"2024-10-09,,permits,x,,moves,general,", RP_DATA_ERROR_MISSING,
         "share"},
        {"2024-10-09,,permits,x,,moves,general,100%", RP_DATA_ERROR_VALUE,
         "share"},
        {"2024-10-09,,permits,x,1.2,moves,general,30%", RP_DATA_ERROR_VALUE,
         "factor"},
        {"2024-10-09,,general,x,,joins,,", RP_DATA_ERROR_MISSING, "factor"},
        {"2024-10-09,,all,x,,launch,,", RP_DATA_ERROR_VALUE, "queue"},
        {"2024-10-09,2024-10-10,general,x,,,general,30%", RP_DATA_ERROR_VALUE,
         "from"},
        {"2024-10-09,,general,x,,,,", RP_DATA_ERROR_MISSING, "end"},
    };
    g_autofree char *cp = rp_test_file("c.ini", TWO_LINES);
    g_autoptr(RpCentre) c = rp_centre_load(cp, NULL);
    rp_test_remove(cp);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *text = g_strdup_printf(
            "start,end,queue,label,factor,kind,from,share\n%s\n", cases[i].row);
        g_autofree char *path = rp_test_file("e.csv", text);
        g_autoptr(GError) error = NULL;
        g_assert_null(rp_events_read(path, c, &error));
        g_assert_error(error, RP_DATA_ERROR, cases[i].code);
        if (error) {
            g_autofree char *what = g_strdup_printf("case %zu", i);
            rp_assert_error_at(error->message, path, 2, cases[i].field, what);
        }
        rp_test_remove(path);
    }
}

/* Two nodes' errors (1, -1, 1, -1) and (1, -1, 1, 1): the second's mean
 * is 0.5, so about their means sd = 1 and sqrt(0.75), the correlation
 * (0.5 + 1.5 + 0.5 - 0.5) / (4 sqrt(0.75)) = 1/sqrt(3), and with the
 * standardised products x = (1, 3, 1, -1) / sqrt(3) the variance of
 * their mean (sum x^2 - 4 mean^2) / (4 x 3) = (4 - 4/3) / 12 = 2/9
 * against r^2 = 1/3: lambda = 2/3.  Uncorrelated errors give lambda 1. */
static void
test_reconcile_shrinkage(void)
{
    const double e[] = {1, 1, -1, -1, 1, 1, -1, 1};
    double sd[2], r[4];
    double lambda = rp_fc_shrunk_correlation(e, 4, 2, sd, r);
    rp_assert_rel(sd[0], 1.0, 1e-14);
    rp_assert_rel(sd[1], sqrt(0.75), 1e-14);
    rp_assert_rel(r[1], 1.0 / sqrt(3.0), 1e-14);
    rp_assert_rel(r[2], r[1], 1e-15);
    g_assert_cmpfloat(r[0], ==, 1.0);
    rp_assert_rel(lambda, 2.0 / 3.0, 1e-14);
    const double flat[] = {1, 1, -1, -1, 1, -1, -1, 1};
    rp_assert_close(rp_fc_shrunk_correlation(flat, 4, 2, sd, r), 1.0, 0.0,
                    1e-15);
    rp_assert_close(r[1], 0.0, 0.0, 1e-15);
}

/* ---- reconciliation -------------------------------------------------- */

/* Two lines of 10 and 20 and a centre forecast of 36.  Bottom-up keeps
 * 10 and 20; top-down splits 36 as 10:20, 12 and 24; least squares with
 * equal variances (OLS) spreads the gap of 6 over the three forecasts
 * alike, each line +2 and the centre -2: 12 and 22; with the centre's
 * variance 4 times the lines' (WLS) it takes 4/6 of the gap: 11 and 21,
 * by (S'W^-1 S)^-1 S'W^-1 yhat worked by hand. */
static void
test_reconcile_hand(void)
{
    const guint8 member[] = {1, 1};
    const int parent[] = {0, 0};
    const double yhat[] = {36, 10, 20};
    const double eye[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    const double w4[] = {4, 0, 0, 0, 1, 0, 0, 0, 1};
    double out[2];
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_BOTTOM_UP, 1, 2, member,
                                       parent, yhat, NULL, out));
    g_assert_cmpfloat(out[0], ==, 10.0);
    g_assert_cmpfloat(out[1], ==, 20.0);
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_TOP_DOWN, 1, 2, member,
                                       parent, yhat, NULL, out));
    rp_assert_rel(out[0], 12.0, 1e-14);
    rp_assert_rel(out[1], 24.0, 1e-14);
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_MINT, 1, 2, member, parent,
                                       yhat, eye, out));
    rp_assert_rel(out[0], 12.0, 1e-12);
    rp_assert_rel(out[1], 22.0, 1e-12);
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_WLS, 1, 2, member, parent,
                                       yhat, w4, out));
    rp_assert_rel(out[0], 11.0, 1e-12);
    rp_assert_rel(out[1], 21.0, 1e-12);
    const double bad[] = {1, 2, 0, 2, 1, 0, 0, 0, 1}; /* not definite */
    out[0] = -1.0;
    g_assert_false(rp_reconcile_combine(RP_RECONCILE_MINT, 1, 2, member, parent,
                                        yhat, bad, out));
    g_assert_cmpfloat(out[0], ==, -1.0);
}

/* mint-level by hand: a centre of 36 over lines of 10 and 20 whose
 * relative errors were 1/36 for the centre and sqrt(0.005) and
 * sqrt(0.015) for the lines.  Pooled over the level the lines' become
 * sqrt((0.005 + 0.015) / 2) = 0.1 each, so the variances are
 * (36/36)^2 = 1, (10 x 0.1)^2 = 1 and (20 x 0.1)^2 = 4: least squares
 * with one aggregate gives each line its share of the gap 36 - 30 = 6 in
 * proportion to its variance over all three, 1/6 and 4/6: lines 11 and
 * 24, the centre 35.  With a channel between, the channel pools alone
 * and the lines still pool together. */
static void
test_reconcile_mint_level(void)
{
    const double sd[] = {1.0 / 36.0, sqrt(0.005), sqrt(0.015)};
    double pooled[3];
    rp_fc_pool_levels(1, 3, sd, pooled);
    rp_assert_rel(pooled[0], 1.0 / 36.0, 1e-15);
    rp_assert_rel(pooled[1], 0.1, 1e-14);
    rp_assert_rel(pooled[2], 0.1, 1e-14);
    const double yhat[] = {36, 10, 20};
    double W[9] = {0};
    for (int i = 0; i < 3; i++)
        W[i * 3 + i] = yhat[i] * pooled[i] * yhat[i] * pooled[i];
    const guint8 member[] = {1, 1};
    const int parent[] = {0, 0};
    double out[2];
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_MINT_LEVEL, 1, 2, member,
                                       parent, yhat, W, out));
    rp_assert_rel(out[0], 11.0, 1e-12);
    rp_assert_rel(out[1], 24.0, 1e-12);
    rp_assert_rel(out[0] + out[1], 35.0, 1e-12);
    /* centre, one channel, three lines: 0.1 | 0.2 | 0.1, 0.3, 0.2 */
    const double sd5[] = {0.1, 0.2, 0.1, 0.3, 0.2};
    double p5[5];
    rp_fc_pool_levels(2, 5, sd5, p5);
    rp_assert_rel(p5[0], 0.1, 1e-15);
    rp_assert_rel(p5[1], 0.2, 1e-15);
    for (int i = 2; i < 5; i++)
        rp_assert_rel(p5[i], sqrt((0.01 + 0.09 + 0.04) / 3.0), 1e-14);
    RpReconcileMethod found;
    g_assert_true(rp_reconcile_find("mint-level", &found));
    g_assert_cmpint(found, ==, RP_RECONCILE_MINT_LEVEL);
}

/* Three levels: the centre (100) over a channel (60) of lines 20 and 30
 * and a line of 35 alone.  Top-down: the centre's 100 split 60:35, the
 * channel's share 20:30: lines 100 x 60/95 x 2/5, x 3/5, and 100 x
 * 35/95.  MinT with a full covariance: the result meets the normal
 * equations S'W^-1 (yhat - S b) = 0, checked by hand-coded products.  A
 * coherent forecast is left as it is by every method. */
static void
test_reconcile_three_levels(void)
{
    const guint8 member[] = {1, 1, 1, /* centre */ 1, 1, 0 /* channel */};
    const int parent[] = {1, 1, 0};
    const double yhat[] = {100, 60, 20, 30, 35};
    double out[3];
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_TOP_DOWN, 2, 3, member,
                                       parent, yhat, NULL, out));
    rp_assert_rel(out[0], 100.0 * 60 / 95 * 20 / 50, 1e-14);
    rp_assert_rel(out[1], 100.0 * 60 / 95 * 30 / 50, 1e-14);
    rp_assert_rel(out[2], 100.0 * 35 / 95, 1e-14);
    /* W: variances 9, 4, 2, 2, 3 with some correlation (definite:
     * diagonally dominant) */
    const double W[25] = {9,   1.5, 0.5, 0.5, 1.0, 1.5, 4,   0.5, 0.5,
                          0.2, 0.5, 0.5, 2,   0.3, 0.0, 0.5, 0.5, 0.3,
                          2,   0.1, 1.0, 0.2, 0.0, 0.1, 3};
    g_assert_true(rp_reconcile_combine(RP_RECONCILE_MINT, 2, 3, member, parent,
                                       yhat, W, out));
    /* residual r = yhat - S b; W^-1 r solved by Gauss-Jordan here */
    double r[5] = {yhat[0] - out[0] - out[1] - out[2],
                   yhat[1] - out[0] - out[1], yhat[2] - out[0],
                   yhat[3] - out[1], yhat[4] - out[2]};
    double a[5][6];
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++)
            a[i][j] = W[i * 5 + j];
        a[i][5] = r[i];
    }
    for (int p = 0; p < 5; p++)
        for (int i = 0; i < 5; i++) {
            if (i == p)
                continue;
            double k = a[i][p] / a[p][p];
            for (int j = 0; j < 6; j++)
                a[i][j] -= k * a[p][j];
        }
    double z[5];
    for (int i = 0; i < 5; i++)
        z[i] = a[i][5] / a[i][i];
    /* S' z = 0: columns of S are (1,1,1,0,0), (1,1,0,1,0), (1,0,0,0,1) */
    rp_assert_close(z[0] + z[1] + z[2], 0.0, 0.0, 1e-12);
    rp_assert_close(z[0] + z[1] + z[3], 0.0, 0.0, 1e-12);
    rp_assert_close(z[0] + z[4], 0.0, 0.0, 1e-12);
    const double coherent[] = {85, 50, 20, 30, 35};
    for (int m = 0; m < RP_RECONCILE_N; m++) {
        g_assert_true(rp_reconcile_combine((RpReconcileMethod)m, 2, 3, member,
                                           parent, coherent, W, out));
        rp_assert_rel(out[0], 20.0, 1e-12);
        rp_assert_rel(out[1], 30.0, 1e-12);
        rp_assert_rel(out[2], 35.0, 1e-12);
    }
    RpReconcileMethod found;
    g_assert_true(rp_reconcile_find("mint", &found));
    g_assert_cmpint(found, ==, RP_RECONCILE_MINT);
    g_assert_false(rp_reconcile_find("optimal", &found));
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
    g_test_add_func("/events/moves-past", test_moves_past);
    g_test_add_func("/events/moves-future", test_moves_future);
    g_test_add_func("/events/launch-and-joins", test_launch_and_joins);
    g_test_add_func("/events/bad", test_events_bad);
    g_test_add_func("/reconcile/hand", test_reconcile_hand);
    g_test_add_func("/reconcile/shrinkage", test_reconcile_shrinkage);
    g_test_add_func("/reconcile/mint-level", test_reconcile_mint_level);
    g_test_add_func("/reconcile/history", test_reconcile_history);
    g_test_add_func("/reconcile/line-at-nothing",
                    test_reconcile_line_at_nothing);
    g_test_add_func("/reconcile/choose", test_reconcile_choose);
    g_test_add_func("/reconcile/three-levels", test_reconcile_three_levels);
    return g_test_run();
}
