/* tests/test_sim.c - the simulator against independent figures: Erlang C
 * and Erlang A (models/erlang.c, itself checked against every row of the
 * independently computed reference table) for one queue with constant
 * staffing, one pooled queue for two lines whose officers hold both
 * skills, a pointwise-stationary Erlang evaluation for the sample
 * council's intraday shape, and a deferred backlog worked by hand across a bank
 * holiday.  Plus determinism: the same seed gives the same counts with 1
 * or 2 threads, and two rotas see the same callers.
 *
 * A confidence interval misses the true value 5% of the time, so a test
 * asserting every one of many 95% intervals would fail by chance alone;
 * each comparison must lie within the 99.9% interval, and at least 80% of
 * them within the 95% one (a biased simulator fails both). */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <gsl/gsl_cdf.h>

#include "common/centre.h"
#include "common/error.h"
#include "common/units.h"
#include "models/erlang.h"
#include "sim/sim.h"
#include "tests/testutil.h"

/* A centre of UTC hours with queues given as INI text. */
static RpCentre *
centre_with(const char *interval, const char *queues)
{
    g_autofree char *text = g_strdup_printf(
        "[centre]\nname = Sim test\ninterval = %s\ntimezone = UTC\n"
        "bank_holidays = england-and-wales\n"
        "[site:hq]\nhours = mon-sun 00:00-24:00\n%s",
        interval, queues);
    g_autofree char *path = rp_test_file("c.ini", text);
    g_autoptr(GError) error = NULL;
    RpCentre *c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    rp_test_remove(path);
    return c;
}

#define ALL_DAY "hours = mon-sun 00:00-24:00\n"

/* Tally of interval checks: inside the 95% and the 99.9% interval. */
typedef struct {
    int n, in95, in999;
} Tally;

static void
check_ci(Tally *tally, const char *what, double exact, double mid, double lo,
         double hi, size_t reps)
{
    double t95 = gsl_cdf_tdist_Pinv(0.975, (double)(reps - 1));
    double t999 = gsl_cdf_tdist_Pinv(0.9995, (double)(reps - 1));
    double half = (hi - lo) / 2.0;
    double wide = half * t999 / t95;
    tally->n++;
    if (fabs(exact - mid) <= half)
        tally->in95++;
    if (fabs(exact - mid) <= wide)
        tally->in999++;
    else
        g_test_fail_printf("%s: simulated %.5f [%.5f, %.5f], exact %.5f", what,
                           mid, lo, hi, exact);
}

static void
tally_done(const Tally *t)
{
    g_test_message("%d of %d within the 95%% interval", t->in95, t->n);
    if (t->in95 < (4 * t->n + 4) / 5)
        g_test_fail_printf("only %d of %d comparisons within their 95%% "
                           "interval",
                           t->in95, t->n);
}

/* One summary row over intervals [1, n_t) (the first is warm-up). */
static RpSimRow
steady_row(const RpCentre *c, const RpSimResult *res, size_t q)
{
    RpSimResult trimmed = *res;
    size_t per = res->n_queues * res->n_intervals;
    size_t n_t = res->n_intervals - 1;
    trimmed.n_intervals = n_t;
    trimmed.start_utc = res->start_utc + rp_centre_interval_s(c);
    trimmed.counts =
        g_new(RpSimCounts, res->replications * res->n_queues * n_t);
    for (size_t r = 0; r < res->replications; r++)
        for (size_t k = 0; k < res->n_queues; k++)
            memcpy(&trimmed.counts[(r * res->n_queues + k) * n_t],
                   &res->counts[r * per + k * res->n_intervals + 1],
                   n_t * sizeof(RpSimCounts));
    g_autoptr(GArray) rows = rp_sim_summarise(c, &trimmed, RP_SIM_BY_ALL);
    g_free(trimmed.counts);
    for (guint k = 0; k < rows->len; k++) {
        RpSimRow *row = &g_array_index(rows, RpSimRow, k);
        if (row->queue == q)
            return *row;
    }
    g_assert_not_reached();
}

/* The fewest officers meeting 80% in 20 s, for a test staffing. */
static double
agents_for(const RpQueueLoad *load)
{
    for (double n = 1.0;; n += 1.0) {
        RpErlangMetrics m;
        g_assert_true(rp_erlang_metrics(load, n, 20.0, &m, NULL));
        if (m.stable && m.service_level >= 0.8)
            return n;
    }
}

/* Monday 4 January 2027 00:00 UTC: a week with no holiday. */
static gint64
monday(void)
{
    return rp_days_from_civil(2027, 1, 4) * 86400;
}

/* Constant demand and `n` full officers on queue `q` (of `n_q`) all the
 * time, for `hours` hourly intervals. */
static void
constant(RpSimDemand *d, RpSimStaff *s, size_t q, double calls_per_h,
         size_t first_officer, size_t n)
{
    for (size_t t = 0; t < d->n_intervals; t++)
        d->contacts[q * d->n_intervals + t] = calls_per_h;
    for (size_t i = first_officer; i < first_officer + n; i++) {
        s->skill[i * s->n_queues + q] = 1.0;
        for (size_t t = 0; t < d->n_intervals; t++)
            s->login[i * d->n_intervals + t] |= G_GUINT64_CONSTANT(1) << q;
    }
}

static void
erlang_case(Tally *tally, double traffic, gboolean patient)
{
    const double aht = 180.0, patience = 150.0;
    g_autofree char *queue = g_strdup_printf(
        "[queue:line]\nchannel = phone\n" ALL_DAY "aht = 180s\n%s"
        "service_level = 80%%\nanswer_within = 20s\n",
        patient ? "" : "patience = 150s\n");
    g_autoptr(RpCentre) c = centre_with("60m", queue);
    RpQueueLoad load = {traffic, aht, patient ? INFINITY : patience};
    double n = agents_for(&load);
    double calls_h = traffic * 3600.0 / aht;
    size_t hours = (size_t)fmax(4.0, ceil(8000.0 / calls_h)) + 1;
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(1, hours, monday());
    g_autoptr(RpSimStaff) s = rp_sim_staff_new((size_t)n, 1, hours);
    constant(d, s, 0, calls_h, 0, (size_t)n);
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 20;
    p.seed = 7;
    g_autoptr(GError) error = NULL;
    g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, &error);
    g_assert_no_error(error);
    RpSimRow row = steady_row(c, res, 0);
    RpErlangMetrics m;
    g_assert_true(rp_erlang_metrics(&load, n, 20.0, &m, NULL));
    g_autofree char *what = g_strdup_printf(
        "%s A=%g n=%g", patient ? "Erlang C" : "Erlang A", traffic, n);
    g_autofree char *sl = g_strdup_printf("%s service level", what);
    g_autofree char *asa = g_strdup_printf("%s ASA", what);
    check_ci(tally, sl, m.service_level, row.service_level,
             row.service_level_lo, row.service_level_hi, p.replications);
    check_ci(tally, asa, m.asa_s, row.asa_s, row.asa_lo_s, row.asa_hi_s,
             p.replications);
    if (!patient) {
        g_autofree char *ab = g_strdup_printf("%s abandonment", what);
        check_ci(tally, ab, m.p_abandon, row.p_abandon, row.p_abandon_lo,
                 row.p_abandon_hi, p.replications);
    }
    rp_assert_rel(row.occupancy, m.occupancy, 0.03);
}

static void
test_erlang(void)
{
    static const double levels[] = {1.0, 5.0, 20.0, 80.0, 200.0};
    Tally tally = {0};
    for (size_t k = 0; k < G_N_ELEMENTS(levels); k++) {
        erlang_case(&tally, levels[k], TRUE);
        erlang_case(&tally, levels[k], FALSE);
    }
    tally_done(&tally);
}

/* Two lines whose officers all hold both skills behave as one queue of
 * the combined traffic; with disjoint officers, as two queues. */
static void
test_pooling(void)
{
    g_autoptr(RpCentre) c =
        centre_with("60m", "[queue:a]\nchannel = phone\n" ALL_DAY
                           "aht = 240s\npatience = 200s\nservice_level = 80%\n"
                           "answer_within = 20s\n"
                           "[queue:b]\nchannel = phone\n" ALL_DAY
                           "aht = 240s\npatience = 200s\nservice_level = 80%\n"
                           "answer_within = 20s\n");
    const size_t hours = 60, n = 14;
    const double ta = 8.0, tb = 4.0, calls = 3600.0 / 240.0;
    Tally tally = {0};
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 20;
    for (int pooled = 1; pooled >= 0; pooled--) {
        g_autoptr(RpSimDemand) d = rp_sim_demand_new(2, hours, monday());
        g_autoptr(RpSimStaff) s = rp_sim_staff_new(n, 2, hours);
        if (pooled) {
            constant(d, s, 0, ta * calls, 0, n);
            constant(d, s, 1, tb * calls, 0, n);
        } else {
            constant(d, s, 0, ta * calls, 0, 9);
            constant(d, s, 1, tb * calls, 9, 5);
        }
        g_autoptr(GError) error = NULL;
        g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, &error);
        g_assert_no_error(error);
        for (size_t q = 0; q < 2; q++) {
            RpSimRow row = steady_row(c, res, q);
            RpQueueLoad load = {pooled ? ta + tb : (q == 0 ? ta : tb), 240.0,
                                200.0};
            double agents = pooled ? (double)n : (q == 0 ? 9.0 : 5.0);
            RpErlangMetrics m;
            g_assert_true(rp_erlang_metrics(&load, agents, 20.0, &m, NULL));
            g_autofree char *what = g_strdup_printf(
                "%s line %zu", pooled ? "pooled" : "separate", q);
            check_ci(&tally, what, m.service_level, row.service_level,
                     row.service_level_lo, row.service_level_hi,
                     p.replications);
            check_ci(&tally, what, m.p_abandon, row.p_abandon, row.p_abandon_lo,
                     row.p_abandon_hi, p.replications);
        }
    }
    tally_done(&tally);
}

/* The sample council's council-tax line on Monday 11 January 2027
 * (data/volumes-week.csv): the calls of each quarter-hour from 09:00 to
 * 17:00, rising to a mid-morning peak, dipping at lunch and falling. */
static size_t
sample_day(double *calls, size_t max)
{
    g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "data",
                                                  "volumes-week.csv", NULL);
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t n = 0;
    for (size_t k = 0; lines[k] && n < max; k++) {
        g_auto(GStrv) f = g_strsplit(lines[k], ",", -1);
        if (g_strv_length(f) < 3 || strcmp(f[1], "council_tax") != 0 ||
            !g_str_has_prefix(f[0], "2027-01-11T") ||
            strcmp(f[0] + 11, "09:00") < 0 || strcmp(f[0] + 11, "17:00") >= 0)
            continue;
        calls[n++] = g_ascii_strtod(f[2], NULL);
    }
    return n;
}

/* That day staffed interval by interval from Erlang A: the simulated
 * service level of each quarter-hour lies within 5 points of the
 * stationary figure away from the steepest changes (the
 * pointwise-stationary approximation, queueing.md), and the day's within
 * 2 points. */
static void
test_time_varying(void)
{
    g_autoptr(RpCentre) c =
        centre_with("15m", "[queue:line]\nchannel = phone\n"
                           "hours = mon-fri 09:00-17:00\naht = 270s\n"
                           "patience = 150s\nservice_level = 80%\n"
                           "answer_within = 20s\n");
    double shape[32];
    size_t n_open = sample_day(shape, G_N_ELEMENTS(shape));
    g_assert_cmpuint(n_open, ==, 32);
    const size_t n_t = 96, first = 36; /* 09:00 on a 15-minute grid */
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(1, n_t, monday());
    RpErlangMetrics want[32];
    double agents[32], day_sl = 0.0, day_calls = 0.0;
    size_t n_max = 0;
    for (size_t k = 0; k < n_open; k++) {
        d->contacts[first + k] = shape[k];
        RpQueueLoad load = {shape[k] * 270.0 / 900.0, 270.0, 150.0};
        agents[k] = agents_for(&load);
        g_assert_true(
            rp_erlang_metrics(&load, agents[k], 20.0, &want[k], NULL));
        day_sl += want[k].service_level * shape[k];
        day_calls += shape[k];
        n_max = MAX(n_max, (size_t)agents[k]);
    }
    g_autoptr(RpSimStaff) s = rp_sim_staff_new(n_max, 1, n_t);
    for (size_t i = 0; i < n_max; i++) {
        s->skill[i] = 1.0;
        for (size_t k = 0; k < n_open; k++)
            if ((double)i < agents[k])
                s->login[i * n_t + first + k] = 1;
    }
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 200;
    g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, NULL);
    g_autoptr(GArray) rows = rp_sim_summarise(c, res, RP_SIM_BY_INTERVAL);
    g_assert_cmpuint(rows->len, ==, n_open);
    size_t checked = 0;
    double worst = 0.0;
    for (size_t k = 1; k < n_open; k++) {
        double change = fabs(shape[k] - shape[k - 1]) / shape[k - 1];
        if (change > 0.25)
            continue;
        const RpSimRow *row = &g_array_index(rows, RpSimRow, k);
        rp_assert_close(row->service_level, want[k].service_level, 0.0, 0.05);
        worst = fmax(worst, fabs(row->service_level - want[k].service_level));
        checked++;
    }
    g_assert_cmpuint(checked, >=, 25);
    g_test_message("%zu quarter-hours within %.1f points of the stationary "
                   "figure",
                   checked, 100.0 * worst);
    g_autoptr(GArray) day = rp_sim_summarise(c, res, RP_SIM_BY_DAY);
    g_assert_cmpuint(day->len, ==, 1);
    rp_assert_close(g_array_index(day, RpSimRow, 0).service_level,
                    day_sl / day_calls, 0.0, 0.02);
}

/* Email with a deadline of one working day, worked by hand: items arrive
 * on Friday 28 May 2027 between 09:00 and 09:15; Monday 31 May is the
 * spring bank holiday, so they are due by the close of Tuesday.  One
 * officer works from 09:00 to 10:00 on Tuesday at 7 minutes an item
 * (handling times all but fixed): items start at 0, 7, ... 56 minutes, so
 * 9 are done (the ninth finishing 3 minutes after 10:00, an overrun), and
 * every other item is done on Wednesday, late. */
static void
test_deferred_by_hand(void)
{
    g_autoptr(RpCentre) c = centre_with(
        "15m", "[queue:email]\nchannel = email\nhours = mon-fri 09:00-17:00\n"
               "aht = 7m\naht_distribution = lognormal\naht_cv = 0.0001%\n"
               "deadline_days = 1\n");
    gint64 start = rp_days_from_civil(2027, 5, 28) * 86400;
    const size_t n_t = 6 * 96; /* Friday to Wednesday */
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(1, n_t, start);
    d->contacts[36] = 20.0; /* Friday 09:00 */
    g_autoptr(RpSimStaff) s = rp_sim_staff_new(1, 1, n_t);
    s->skill[0] = 1.0;
    for (size_t t = 4 * 96 + 36; t < 4 * 96 + 40; t++)
        s->login[t] = 1; /* Tuesday 09:00-10:00 */
    for (size_t t = 5 * 96 + 36; t < 5 * 96 + 68; t++)
        s->login[t] = 1; /* Wednesday 09:00-17:00 */
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 10;
    g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, NULL);
    for (size_t r = 0; r < p.replications; r++) {
        const RpSimCounts *k = &res->counts[r * n_t + 36];
        double got = k->offered;
        g_assert_cmpfloat(got, >, 9.0);
        g_assert_cmpfloat(k->answered, ==, got);
        g_assert_cmpfloat(k->in_time, ==, 9.0);
        g_assert_cmpfloat(k->late, ==, got - 9.0);
        rp_assert_rel(res->overrun_s[r], 180.0, 1e-3);
        /* Tuesday at 10:00 the rest wait; by Wednesday 17:00 none */
        g_assert_cmpfloat(res->counts[r * n_t + 4 * 96 + 39].waiting, ==,
                          got - 9.0);
        g_assert_cmpfloat(res->counts[r * n_t + 5 * 96 + 67].waiting, ==, 0.0);
    }
    g_autoptr(GArray) days = rp_sim_summarise(c, res, RP_SIM_BY_DAY);
    const RpSimRow *friday = &g_array_index(days, RpSimRow, 0);
    g_assert_false(friday->meets);
    g_assert_cmpfloat(friday->late_items, >, 0.0);
}

/* Two rotas with the same seed meet the same callers; the same seed gives
 * the same counts on 1 and 2 threads. */
static void
test_determinism(void)
{
    g_autoptr(RpCentre) c =
        centre_with("15m", "[queue:line]\nchannel = phone\n" ALL_DAY
                           "aht = 180s\npatience = 120s\nservice_level = 80%\n"
                           "answer_within = 20s\n");
    const size_t n_t = 96;
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(1, n_t, monday());
    g_autoptr(RpSimStaff) few = rp_sim_staff_new(8, 1, n_t);
    g_autoptr(RpSimStaff) many = rp_sim_staff_new(8, 1, n_t);
    constant(d, few, 0, 30.0, 0, 3);
    constant(d, many, 0, 30.0, 0, 8);
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 8;
    p.threads = 1;
    g_autoptr(RpSimResult) a = rp_sim_run(c, d, few, &p, NULL);
    p.threads = 2;
    g_autoptr(RpSimResult) b = rp_sim_run(c, d, few, &p, NULL);
    g_autoptr(RpSimResult) m = rp_sim_run(c, d, many, &p, NULL);
    size_t n = p.replications * n_t;
    g_assert_true(memcmp(a->counts, b->counts, n * sizeof(RpSimCounts)) == 0);
    double served_few = 0.0, served_many = 0.0;
    for (size_t k = 0; k < n; k++) {
        g_assert_cmpfloat(a->counts[k].offered, ==, m->counts[k].offered);
        served_few += a->counts[k].in_time;
        served_many += m->counts[k].in_time;
    }
    g_assert_cmpfloat(served_many, >, served_few);
    p.seed = 2;
    g_autoptr(RpSimResult) other = rp_sim_run(c, d, few, &p, NULL);
    g_assert_true(memcmp(a->counts, other->counts, n * sizeof(RpSimCounts)) !=
                  0);
}

/* A blended officer takes the desk's visitors before waiting calls.  With
 * more calls than the officer can take, they are always busy, and a
 * visitor waits for the contact in hand and for the visitors ahead
 * (non-preemptive priority, Cobham 1954): W = R / (1 - rho_desk), where R,
 * the mean residual of the contact in hand, is rho_call E[S_call] +
 * rho_desk E[S_desk] for exponential handling times. */
static void
test_routing(void)
{
    g_autoptr(RpCentre) c = centre_with(
        "15m", "[queue:line]\nchannel = phone\n" ALL_DAY
               "aht = 180s\nservice_level = 80%\nanswer_within = 20s\n"
               "[queue:desk]\nchannel = reception\nsite = hq\naht = 5m\n"
               "service_level = 95%\nanswer_within = 10m\n");
    const size_t n_t = 96;
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(2, n_t, monday());
    for (size_t t = 0; t < n_t; t++) {
        d->contacts[t] = 40.0;      /* calls: 8 Erlangs for one officer */
        d->contacts[n_t + t] = 0.5; /* visitors: 1/6 of the officer */
    }
    g_autoptr(RpSimStaff) s = rp_sim_staff_new(1, 2, n_t);
    s->skill[0] = s->skill[1] = 1.0;
    for (size_t t = 0; t < n_t; t++) {
        s->login[t] = 3;
        s->first[t] = 2; /* the desk first */
    }
    RpSimParams p;
    rp_sim_params_init(&p);
    p.replications = 100;
    g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, NULL);
    g_autoptr(GArray) rows = rp_sim_summarise(c, res, RP_SIM_BY_ALL);
    const RpSimRow *desk = &g_array_index(rows, RpSimRow, 1);
    double rho_desk = 0.5 * 300.0 / 900.0, rho_call = 1.0 - rho_desk;
    double residual = rho_call * 180.0 + rho_desk * 300.0;
    rp_assert_rel(desk->asa_s, residual / (1.0 - rho_desk), 0.1);
    rp_assert_rel(desk->occupancy, 1.0, 0.01);
}

static void
test_bad_input(void)
{
    g_autoptr(RpCentre) c = centre_with(
        "15m", "[queue:line]\nchannel = phone\n" ALL_DAY
               "aht = 180s\nservice_level = 80%\nanswer_within = 20s\n");
    g_autoptr(RpSimDemand) d = rp_sim_demand_new(1, 4, monday());
    g_autoptr(RpSimStaff) s = rp_sim_staff_new(1, 1, 4);
    s->login[0] = 1; /* no skill */
    RpSimParams p;
    rp_sim_params_init(&p);
    g_autoptr(GError) e1 = NULL;
    g_assert_null(rp_sim_run(c, d, s, &p, &e1));
    g_assert_error(e1, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    s->skill[0] = 1.0;
    d->contacts[2] = -1.0;
    g_autoptr(GError) e2 = NULL;
    g_assert_null(rp_sim_run(c, d, s, &p, &e2));
    g_assert_error(e2, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    d->contacts[2] = 1.0;
    p.replications = 0;
    g_autoptr(GError) e3 = NULL;
    g_assert_null(rp_sim_run(c, d, s, &p, &e3));
    g_assert_error(e3, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sim/erlang", test_erlang);
    g_test_add_func("/sim/pooling", test_pooling);
    g_test_add_func("/sim/time-varying", test_time_varying);
    g_test_add_func("/sim/deferred-by-hand", test_deferred_by_hand);
    g_test_add_func("/sim/determinism", test_determinism);
    g_test_add_func("/sim/routing", test_routing);
    g_test_add_func("/sim/bad-input", test_bad_input);
    return g_test_run();
}
