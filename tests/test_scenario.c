/* tests/test_scenario.c - budget scenarios: reading them, the volumes
 * they make, their cost and frontier, and every kind of bad scenario. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>

#include "common/error.h"
#include "common/fcr.h"
#include "common/scenario.h"
#include "common/units.h"
#include "models/requirements.h"
#include "models/scenario.h"
#include "tests/testutil.h"

static char *
data_path(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, "..", "data", name, NULL);
}

/* The sample council and its week of volumes. */
static RpVolumes *
sample_week(RpCentre **centre)
{
    g_autofree char *cp = data_path("centre.ini");
    g_autofree char *vp = data_path("volumes-week.csv");
    *centre = rp_centre_load(cp, NULL);
    g_assert_nonnull(*centre);
    RpVolumes *v = rp_volumes_read(vp, *centre, NULL, NULL);
    g_assert_nonnull(v);
    return v;
}

/* Scenarios of `text` for the sample council. (transfer full) */
static GPtrArray *
scenarios_from(const char *text)
{
    g_autofree char *path = rp_test_file("s.ini", text);
    g_autofree char *cp = data_path("centre.ini");
    g_autoptr(GError) error = NULL;
    GPtrArray *list = rp_scenarios_load(path, cp, &error);
    g_assert_no_error(error);
    rp_test_remove(path);
    return list;
}

static GPtrArray *
sample_scenarios(void)
{
    g_autofree char *s = data_path("scenarios.ini");
    g_autofree char *c = data_path("centre.ini");
    g_autoptr(GError) error = NULL;
    GPtrArray *list = rp_scenarios_load(s, c, &error);
    g_assert_no_error(error);
    return list;
}

static const RpScenario *
find(GPtrArray *list, const char *name)
{
    for (guint i = 0; i < list->len; i++) {
        const RpScenario *s = g_ptr_array_index(list, i);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    g_error("no scenario %s", name);
    return NULL;
}

static double
total_contacts(const RpVolumes *v, const RpCentre *c, const char *queue)
{
    int q = rp_centre_queue_index(c, queue);
    g_assert_cmpint(q, >=, 0);
    double sum = 0.0;
    for (guint i = 0; i < v->rows[q]->len; i++)
        sum += g_array_index(v->rows[q], RpVolumeRow, i).contacts;
    return sum;
}

static void
test_sample_scenarios(void)
{
    g_autoptr(GPtrArray) list = sample_scenarios();
    g_assert_cmpuint(list->len, ==, 10);
    const RpScenario *ext = find(list, "extended");
    const RpQueue *ct = rp_centre_queue(
        ext->centre, (size_t)rp_centre_queue_index(ext->centre, "council_tax"));
    g_assert_cmpint(rp_day_hours_minutes(&ct->hours.day[5]), ==, 180);
    const RpScenario *s90 = find(list, "standard_90");
    for (guint q = 0; q < s90->centre->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(s90->centre, q);
        if (queue->channel == RP_CHANNEL_PHONE)
            rp_assert_rel(queue->standard.service_level, 0.9, 1e-15);
        else if (queue->channel == RP_CHANNEL_RECEPTION)
            rp_assert_rel(queue->standard.service_level, 0.95, 1e-15);
    }
    const RpScenario *lj = find(list, "leisure_joins");
    g_assert_cmpint(rp_centre_queue_index(lj->centre, "leisure"), ==, 17);
    /* the base is read once and copied: no scenario sees another's
     * changes (standard_90 comes before growth, leisure_joins before
     * savings, all on data/centre.ini) */
    const RpScenario *growth = find(list, "growth");
    const RpScenario *savings = find(list, "savings");
    g_assert_cmpint(rp_centre_queue_index(savings->centre, "leisure"), ==, -1);
    g_assert_cmpuint(growth->centre->queues->len, ==, 17);
    for (guint q = 0; q < growth->centre->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(growth->centre, q);
        if (queue->channel == RP_CHANNEL_PHONE)
            rp_assert_rel(queue->standard.service_level, 0.8, 1e-15);
    }
}

static void
test_scenario_volumes(void)
{
    g_autoptr(GPtrArray) list = sample_scenarios();
    g_autoptr(RpCentre) base = NULL;
    g_autoptr(RpVolumes) v = sample_week(&base);
    double general = total_contacts(v, base, "general");
    double email = total_contacts(v, base, "email");
    double tax = total_contacts(v, base, "council_tax");

    const RpScenario *growth = find(list, "growth");
    g_autoptr(RpVolumes) g = rp_scenario_volumes(growth, base, v);
    rp_assert_rel(total_contacts(g, growth->centre, "email"),
                  email * 1.05 * 1.05, 1e-12);
    rp_assert_rel(total_contacts(g, growth->centre, "general"), general * 1.05,
                  1e-12);

    const RpScenario *lj = find(list, "leisure_joins");
    g_autoptr(RpVolumes) l = rp_scenario_volumes(lj, base, v);
    rp_assert_rel(total_contacts(l, lj->centre, "leisure"), 0.3 * general,
                  1e-12);
    rp_assert_rel(total_contacts(l, lj->centre, "general"), general, 1e-12);

    /* the extended week gains Thursday 18:00-19:00 and Saturday
     * 09:00-12:00 rows for each line (17:00-18:00 Thursday was already
     * in the file, as calls while closed): 4 + 12 intervals, each half
     * the line's average open interval */
    const RpScenario *ext = find(list, "extended");
    g_autoptr(RpVolumes) e = rp_scenario_volumes(ext, base, v);
    int q = rp_centre_queue_index(base, "council_tax");
    g_assert_cmpuint(e->rows[q]->len, ==, v->rows[q]->len + 16);
    double open_sum = 0.0;
    size_t open_n = 0;
    for (guint i = 0; i < v->rows[q]->len; i++) {
        const RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
        if (rp_centre_queue_open_at(ext->centre, (size_t)q, r->start)) {
            open_sum += r->contacts;
            open_n++;
        }
    }
    rp_assert_rel(total_contacts(e, ext->centre, "council_tax"),
                  tax + 16 * 0.5 * open_sum / (double)open_n, 1e-12);
    /* the rows stay in time order, as staffing needs */
    for (guint i = 1; i < e->rows[q]->len; i++)
        g_assert_cmpint(g_array_index(e->rows[q], RpVolumeRow, i - 1).start, <,
                        g_array_index(e->rows[q], RpVolumeRow, i).start);
}

/* Each bad scenario fails with file:line naming the key. */
static void
test_bad_scenarios(void)
{
    static const struct {
        const char *text;
        int code;
        int line;
        const char *field;
    } cases[] = {
        {"[scenario:a]\ncolour = red\n", RP_DATA_ERROR_UNKNOWN, 2, "colour"},
        {"[scenario:a]\nvolume.parkin = +5%\n", RP_DATA_ERROR_UNKNOWN, 2,
         "volume.parkin"},
        {"[scenario:a]\nvolume.all = 5%\n", RP_DATA_ERROR_VALUE, 2,
         "volume.all"},
        {"[scenario:a]\nvolume.new = 10% of nothing\n", RP_DATA_ERROR_UNKNOWN,
         2, "volume.new"},
        {"[scenario:a]\nphone.hours = mon-fri 09:10-17:00\n",
         RP_DATA_ERROR_VALUE, 2, "hours"},
        {"[scenario:a]\n\nphone.service_level = 100%\n", RP_DATA_ERROR_TARGET,
         3, "service_level"},
        {"[scenario:a]\nqueue:general.colour = red\n", RP_DATA_ERROR_UNKNOWN, 2,
         "colour"},
        {"[scenario:a]\nfax.hours = mon 09:00-10:00\n", RP_DATA_ERROR_UNKNOWN,
         2, "fax"},
        {"[scenario:a]\nshift.phone = 5% web\n", RP_DATA_ERROR_VALUE, 2,
         "shift.phone"},
        {"[scenario:a]\nshift.phone = 5% to nowhere\n", RP_DATA_ERROR_UNKNOWN,
         2, "shift.phone"},
        {"[scenario:a]\nshift.phone = 5% to reception\n", RP_DATA_ERROR_UNKNOWN,
         2, "shift.phone"},
        {"[scenario:a]\nshift.web = 5% to web\n", RP_DATA_ERROR_VALUE, 2,
         "shift.web"},
        {"[scenario:a]\nshift.phone = 5% to web at 0s\n", RP_DATA_ERROR_VALUE,
         2, "shift.phone"},
        {"[scenario:a]\nshift.phone = 5% to web from 2027-13-01\n",
         RP_DATA_ERROR_VALUE, 2, "shift.phone"},
        {"[scenario:a]\nphone.fcr = 0%\n", RP_DATA_ERROR_VALUE, 2, "fcr"},
        {"[scenario:a]\nfirst_contact.return_after = 1.5\n",
         RP_DATA_ERROR_VALUE, 2, "return_after"},
        {"[scenario:a]\nvolume.all = +5% from 2027-02-30\n",
         RP_DATA_ERROR_VALUE, 2, "volume.all"},
        {"[scenarios]\n", RP_DATA_ERROR_UNKNOWN, 1, "[scenarios]"},
        {"# nothing\n", RP_DATA_ERROR_MISSING, 0, "no [scenario"},
    };
    g_autofree char *cp = data_path("centre.ini");
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path = rp_test_file("s.ini", cases[i].text);
        g_autoptr(GError) error = NULL;
        g_assert_null(rp_scenarios_load(path, cp, &error));
        g_assert_error(error, RP_DATA_ERROR, cases[i].code);
        if (error) {
            g_autofree char *what = g_strdup_printf("case %zu", i);
            rp_assert_error_at(error->message, path, cases[i].line,
                               cases[i].field, what);
        }
        rp_test_remove(path);
    }
}

/* The sample council's week priced by hand from its required officers:
 * required / (1 - shrinkage) x rate x (1 + on-cost) x (1 + premium), with
 * shrinkage 24.3% and `wed_pm` more on Wednesdays 14:00-16:00. */
static double
hand_cost(const RpCentre *c, const RpRequirements *req, double wed_pm,
          double *hours)
{
    double cost = 0.0;
    *hours = 0.0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        gint64 local = rp_clock_local(c->clock, r->start);
        int wd = rp_weekday(rp_centre_local_day(c, r->start));
        gint64 tod = local % 86400;
        double shrink =
            0.243 +
            (wd == 2 && tod >= 14 * 3600 && tod < 16 * 3600 ? wed_pm : 0.0);
        double h = r->required / (1.0 - shrink) * 0.25;
        double premium = wd == 5            ? 0.5
                         : wd == 6          ? 1.0
                         : tod >= 18 * 3600 ? 0.25
                                            : 0.0;
        cost += h * 13.20 * 1.30 * (1.0 + premium);
        *hours += h;
    }
    return cost;
}

/* A week of the sample council, priced by hand from its requirements. */
static void
test_cost_by_hand(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = sample_week(&c);
    g_autoptr(RpRequirements) req = rp_requirements_compute(c, v, FALSE, NULL);
    double hours;
    double cost = hand_cost(c, req, 0.0, &hours);
    RpScenarioResult res;
    double targets[] = {0.7, 0.8, 0.9};
    g_autoptr(GError) error = NULL;
    g_assert_true(rp_scenario_run(c, v, 0, 0, targets, 3, FALSE, &res, &error));
    g_assert_no_error(error);
    rp_assert_rel(res.annual_cost, cost * 365.25 / 7.0, 1e-9);
    rp_assert_rel(res.weekly_cost, cost, 1e-9);
    rp_assert_rel(res.fte, hours / 37.0, 1e-9);
    g_assert_true(res.within_budget); /* 3.26m within 3.4m */
    /* the frontier rises with the target; at the standard's own 80% it
     * is the standard's cost (the abandonment cap kept) */
    GArray *f = res.frontier;
    g_assert_cmpuint(f->len, ==, 3);
    for (guint k = 1; k < f->len; k++)
        g_assert_cmpfloat(g_array_index(f, RpFrontierPoint, k).annual_cost, >=,
                          g_array_index(f, RpFrontierPoint, k - 1).annual_cost);
    rp_assert_rel(g_array_index(f, RpFrontierPoint, 1).annual_cost,
                  res.annual_cost, 1e-12);
    rp_assert_rel(res.target[RP_CHANNEL_PHONE], 0.8, 1e-12);
    g_assert_cmpfloat(res.achieved[RP_CHANNEL_PHONE], >=, 0.8);
    g_assert_cmpfloat(res.abandon[RP_CHANNEL_PHONE], <=, 0.05);
    g_assert_true(isnan(res.target[RP_CHANNEL_WEB]) == FALSE);
    rp_scenario_result_clear(&res);
}

/* Three phone lines of 1, 4 and 9 Erlangs all day (5, 20 and 45 calls of
 * 180 s a quarter-hour, 09:00-17:00, callers wait, 80% in 20 s; the
 * lines of tests/test_requirements.c's pooled test).  Worked by hand with
 * Erlang C: one by one they need 3 + 7 + 12 = 22 officers; as one queue
 * of 14 Erlangs 18 (SL(18) = 0.85143, SL(17) = 0.75046, the split 2, 5
 * and 11).  At a telephone target of 75% the pool needs 17: the split
 * 1.5, 5 and 10.5, whole by largest remainders (ties to the first line)
 * 2, 5 and 10, each below what the line alone needs at 75% (a alone:
 * SL(2) = 1 - exp(-20/180) / 3 = 0.702, so 3).  No shrinkage, every hour
 * at the same pay: 32 quarter-hours a day of 22, 18 and 17 officers. */
static void
test_pooled_by_hand(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = rp_test_pool_day(&c);
    double one_day_fte = c->fte_hours / 7.0; /* the period is one day */
    double targets[] = {0.75, 0.8};
    RpScenarioResult line, pool;
    g_autoptr(GError) error = NULL;
    g_assert_true(
        rp_scenario_run(c, v, 0, 0, targets, 2, FALSE, &line, &error));
    g_assert_true(rp_scenario_run(c, v, 0, 0, targets, 2, TRUE, &pool, &error));
    g_assert_no_error(error);
    rp_assert_rel(line.fte, 32 * 22 * 0.25 / one_day_fte, 1e-12);
    rp_assert_rel(pool.fte, 32 * 18 * 0.25 / one_day_fte, 1e-12);
    rp_assert_rel(pool.achieved[RP_CHANNEL_PHONE], 0.8514260625258286, 1e-9);
    /* the day's pay, scaled to a year */
    rp_assert_rel(pool.annual_cost / 365.25, 32 * 18 * 0.25 * 10.0, 1e-12);
    rp_assert_rel(line.annual_cost / 365.25, 32 * 22 * 0.25 * 10.0, 1e-12);
    const RpFrontierPoint *p75 =
        &g_array_index(pool.frontier, RpFrontierPoint, 0);
    const RpFrontierPoint *p80 =
        &g_array_index(pool.frontier, RpFrontierPoint, 1);
    rp_assert_rel(p75->fte, 32 * 17 * 0.25 / one_day_fte, 1e-12);
    rp_assert_rel(p80->annual_cost, pool.annual_cost, 1e-12);
    g_assert_cmpfloat(g_array_index(line.frontier, RpFrontierPoint, 0).fte, >,
                      p75->fte);
    rp_scenario_result_clear(&line);
    rp_scenario_result_clear(&pool);
}

/* A scenario adding 20% shrinkage on Wednesday afternoons (team training)
 * costs what the officers required cost with that shrinkage then, and
 * 24.3% at every other time. */
static void
test_shrinkage_scenario(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = sample_week(&c);
    g_autoptr(GPtrArray) list =
        scenarios_from("[scenario:training]\nshrinkage:training.days = wed\n"
                       "shrinkage:training.hours = 14:00-16:00\n"
                       "shrinkage:training.add = 20%\n");
    g_autoptr(GError) error = NULL;
    const RpScenario *s = g_ptr_array_index(list, 0);
    g_autoptr(RpVolumes) sv = rp_scenario_volumes(s, c, v);
    g_autoptr(RpRequirements) req =
        rp_requirements_compute(s->centre, sv, FALSE, NULL);
    double hours, base_hours;
    double cost = hand_cost(s->centre, req, 0.2, &hours);
    double base = hand_cost(s->centre, req, 0.0, &base_hours);
    RpScenarioResult res;
    g_assert_true(
        rp_scenario_run(s->centre, sv, 0, 0, NULL, 0, FALSE, &res, &error));
    g_assert_no_error(error);
    rp_assert_rel(res.weekly_cost, cost, 1e-9);
    rp_assert_rel(res.fte, hours / 37.0, 1e-9);
    g_assert_cmpfloat(cost, >, base * 1.01); /* the period matters */
    rp_scenario_result_clear(&res);
}

/* ---- first-contact resolution ------------------------------------------ */

/* small.ini with `extra` appended (as an include). */
static RpCentre *
small_with(const char *extra)
{
    g_autofree char *base =
        g_test_build_filename(G_TEST_DIST, "data", "small.ini", NULL);
    g_autofree char *text =
        g_strdup_printf("[centre]\ninclude = %s\n%s", base, extra);
    g_autofree char *path = rp_test_file("c.ini", text);
    g_autoptr(GError) error = NULL;
    RpCentre *c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    rp_test_remove(path);
    return c;
}

/* The week of 11-15 January 2027: the tax line `per_interval[d]` calls
 * in each of its 32 intervals on day d, the email queue 2 an interval. */
static RpVolumes *
tax_week(const RpCentre *c, const double per_interval[5])
{
    g_autoptr(GString) s = g_string_new("interval_start,queue,contacts\n");
    for (int d = 0; d < 5; d++)
        for (int m = 9 * 60; m < 17 * 60; m += 15)
            g_string_append_printf(s,
                                   "2027-01-%02dT%02d:%02d,tax,%g\n"
                                   "2027-01-%02dT%02d:%02d,email,2\n",
                                   11 + d, m / 60, m % 60, per_interval[d],
                                   11 + d, m / 60, m % 60);
    g_autoptr(GError) error = NULL;
    RpVolumes *v =
        rp_volumes_parse("week.csv", s->str, s->len, c, NULL, &error);
    g_assert_no_error(error);
    return v;
}

static double
day_total(const RpVolumes *v, const RpCentre *c, const char *queue, int mday)
{
    int q = rp_centre_queue_index(c, queue);
    gint64 day = rp_days_from_civil(2027, 1, mday);
    double sum = 0.0;
    for (guint i = 0; i < v->rows[q]->len; i++) {
        const RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
        if (rp_centre_local_day(c, r->start) == day)
            sum += r->contacts;
    }
    return sum;
}

#define TAX_FCR                                                                \
    "[queue:tax]\nfcr = 75%\nfcr_returns = 80%\nfcr_return_after = 2\n"

/* Council tax resolves 75% first time and 80% of the rest ring again two
 * working days later: p = 0.8 x 0.25 = 0.2 of the calls repeat.  Days of
 * 320, 160, 160, 160, 160 calls: Monday's 64 repeats land on Wednesday,
 * Tuesday's 32 on Thursday, Wednesday's on Friday, and (the week
 * repeating) Thursday's on Monday and Friday's on Tuesday: 192 repeats of
 * 960 calls, 20%.  Email has no resolution rate: no repeats. */
static void
test_fcr_split(void)
{
    g_autoptr(RpCentre) c = small_with(TAX_FCR);
    double per[5] = {10, 5, 5, 5, 5};
    g_autoptr(RpVolumes) v = tax_week(c, per);
    g_autofree RpFcrSplit *split = rp_fcr_split(c, v);
    int tax = rp_centre_queue_index(c, "tax");
    int email = rp_centre_queue_index(c, "email");
    rp_assert_rel(split[tax].contacts, 960.0, 1e-12);
    rp_assert_rel(split[tax].repeats, 192.0, 1e-12);
    rp_assert_rel(split[email].contacts, 320.0, 1e-12);
    g_assert_cmpfloat(split[email].repeats, ==, 0.0);
    g_assert_true(rp_centre_models_fcr(c));
    rp_assert_rel(rp_fcr_repeat_rate(&rp_centre_queue(c, (size_t)tax)->fcr),
                  0.2, 1e-12);
}

/* Raising council tax to 80%: p' = 0.8 x 0.2 = 0.16.  First contacts F =
 * 288, 128, 96, 128, 128 (the calls less the repeats above) stay, and
 * each day's calls D' solve D'(day) = F(day) + 0.16 D'(day two working
 * days before): in total 768 / (1 - 0.16) = 914.29 calls instead of 960.
 * The same rates give back the same volumes. */
static void
test_fcr_rescale(void)
{
    g_autoptr(RpCentre) c = small_with(TAX_FCR);
    g_autoptr(RpCentre) c80 = small_with(
        "[queue:tax]\nfcr = 80%\nfcr_returns = 80%\nfcr_return_after = 2\n");
    double per[5] = {10, 5, 5, 5, 5};
    g_autoptr(RpVolumes) v = tax_week(c, per);
    rp_fcr_rescale(c, c, v);
    for (int d = 0; d < 5; d++)
        rp_assert_rel(day_total(v, c, "tax", 11 + d), 32 * per[d], 1e-12);
    rp_fcr_rescale(c, c80, v);
    double D[5], F[5] = {288, 128, 96, 128, 128}, total = 0.0;
    for (int d = 0; d < 5; d++) {
        D[d] = day_total(v, c80, "tax", 11 + d);
        total += D[d];
    }
    rp_assert_rel(total, 768.0 / 0.84, 1e-9);
    for (int d = 0; d < 5; d++)
        rp_assert_rel(D[d], F[d] + 0.16 * D[(d + 3) % 5], 1e-9);
    /* a day keeps its shape: Monday's intervals all alike */
    int q = rp_centre_queue_index(c, "tax");
    rp_assert_rel(g_array_index(v->rows[q], RpVolumeRow, 0).contacts,
                  D[0] / 32.0, 1e-9);
    rp_assert_rel(day_total(v, c80, "email", 11), 64.0, 1e-12);
}

/* Emails half resolved, every unresolved one chased by a call the same
 * day: the tax line carries 0.5 x 64 = 32 repeats a day of the emails. */
static void
test_fcr_return_to(void)
{
    g_autoptr(RpCentre) c =
        small_with("[queue:email]\nfcr = 50%\nfcr_return_to = tax\n"
                   "fcr_return_after = 0\n");
    double per[5] = {5, 5, 5, 5, 5};
    g_autoptr(RpVolumes) v = tax_week(c, per);
    g_autofree RpFcrSplit *split = rp_fcr_split(c, v);
    int tax = rp_centre_queue_index(c, "tax");
    int email = rp_centre_queue_index(c, "email");
    rp_assert_rel(split[tax].repeats, 5 * 32.0, 1e-12);
    g_assert_cmpfloat(split[email].repeats, ==, 0.0);
}

/* The sample council: council tax from 75% to 80% first-contact
 * resolution lowers its calls by (1 - 0.85 x 0.25) / (1 - 0.85 x 0.20) =
 * 0.7875 / 0.83 over the week (the week repeating, the lag only moves
 * repeats between days), and no other queue's. */
static void
test_fcr_scenario(void)
{
    g_autoptr(GPtrArray) list = sample_scenarios();
    g_autoptr(RpCentre) base = NULL;
    g_autoptr(RpVolumes) v = sample_week(&base);
    const RpScenario *s = find(list, "council_tax_fcr_80");
    g_autoptr(RpVolumes) sv = rp_scenario_volumes(s, base, v);
    rp_assert_rel(total_contacts(sv, s->centre, "council_tax"),
                  total_contacts(v, base, "council_tax") * 0.7875 / 0.83, 1e-9);
    rp_assert_rel(total_contacts(sv, s->centre, "benefits"),
                  total_contacts(v, base, "benefits"), 1e-12);
}

/* 5% of the phone calls become web forms of 4 minutes: the lines lose 5%
 * of every call; the web queue gains those of the days it is open (on a
 * weekday, in the same interval or spread over the day), with 4 minutes
 * of work each. */
static void
test_shift(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = sample_week(&c);
    g_autoptr(GPtrArray) list =
        scenarios_from("[scenario:web]\nshift.phone = 5% to web at 4m\n");
    const RpScenario *s = g_ptr_array_index(list, 0);
    g_autoptr(RpVolumes) sv = rp_scenario_volumes(s, c, v);
    int web = rp_centre_queue_index(c, "web");
    double moved = 0.0;
    for (guint q = 0; q < c->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        if (queue->channel != RP_CHANNEL_PHONE)
            continue;
        rp_assert_rel(total_contacts(sv, c, queue->id),
                      0.95 * total_contacts(v, c, queue->id), 1e-12);
        for (guint i = 0; i < v->rows[q]->len; i++) {
            const RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
            if (rp_centre_queue_open_day(c, (size_t)web,
                                         rp_centre_local_day(c, r->start)))
                moved += 0.05 * r->contacts;
        }
    }
    g_assert_cmpfloat(moved, >, 100.0);
    rp_assert_rel(total_contacts(sv, c, "web"),
                  total_contacts(v, c, "web") + moved, 1e-12);
    double work0 = 0.0, work1 = 0.0;
    for (guint i = 0; i < v->rows[web]->len; i++) {
        const RpVolumeRow *r = &g_array_index(v->rows[web], RpVolumeRow, i);
        work0 += r->contacts * (isnan(r->aht_s) ? 300.0 : r->aht_s);
    }
    for (guint i = 0; i < sv->rows[web]->len; i++) {
        const RpVolumeRow *r = &g_array_index(sv->rows[web], RpVolumeRow, i);
        work1 += r->contacts * (isnan(r->aht_s) ? 300.0 : r->aht_s);
    }
    rp_assert_rel(work1, work0 + 240.0 * moved, 1e-9);
}

/* Changes from a date: housing options gains 30% (a service joining) from
 * Wednesday 13 January, and a permits line starts that day with 30% of
 * the parking calls (same hours): before the Wednesday, housing options
 * as it was and no permits rows at all. */
static void
test_changes_from_date(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = sample_week(&c);
    g_autoptr(GPtrArray) list = scenarios_from(
        "[scenario:dated]\n"
        "volume.housing_options = +30% from 2027-01-13\n"
        "queue:permits.channel = phone\n"
        "queue:permits.hours = mon-fri 09:00-17:00\n"
        "queue:permits.aht = 200s\nqueue:permits.service_level = 80%\n"
        "queue:permits.answer_within = 20s\n"
        "volume.permits = 30% of parking from 2027-01-13\n");
    const RpScenario *s = g_ptr_array_index(list, 0);
    g_autoptr(RpVolumes) sv = rp_scenario_volumes(s, c, v);
    gint64 wed = rp_days_from_civil(2027, 1, 13);
    int ho = rp_centre_queue_index(c, "housing_options");
    int pk = rp_centre_queue_index(c, "parking");
    int pm = rp_centre_queue_index(s->centre, "permits");
    double want_ho = 0.0, want_pm = 0.0;
    for (guint i = 0; i < v->rows[ho]->len; i++) {
        const RpVolumeRow *r = &g_array_index(v->rows[ho], RpVolumeRow, i);
        want_ho +=
            r->contacts * (rp_centre_local_day(c, r->start) >= wed ? 1.3 : 1.0);
    }
    for (guint i = 0; i < v->rows[pk]->len; i++) {
        const RpVolumeRow *r = &g_array_index(v->rows[pk], RpVolumeRow, i);
        if (rp_centre_local_day(c, r->start) >= wed)
            want_pm += 0.3 * r->contacts;
    }
    rp_assert_rel(total_contacts(sv, s->centre, "housing_options"), want_ho,
                  1e-12);
    rp_assert_rel(total_contacts(sv, s->centre, "permits"), want_pm, 1e-12);
    g_assert_cmpfloat(want_pm, >, 0.0);
    for (guint i = 0; i < sv->rows[pm]->len; i++)
        g_assert_cmpint(
            rp_centre_local_day(
                s->centre, g_array_index(sv->rows[pm], RpVolumeRow, i).start),
            >=, wed);
}

/* In parallel the results are the same, to the last bit; every
 * scenario is priced at its standards, over or under its budget. */
static void
test_parallel_and_budget(void)
{
    g_autoptr(GPtrArray) list = sample_scenarios();
    g_autoptr(RpCentre) base = NULL;
    g_autoptr(RpVolumes) v = sample_week(&base);
    size_t n = list->len;
    double targets[] = {0.6, 0.8, 0.95};
    g_autofree RpScenarioResult *serial = g_new0(RpScenarioResult, n);
    g_autofree RpScenarioResult *threaded = g_new0(RpScenarioResult, n);
    g_assert_true(rp_scenario_run_all(list, base, v, 0, 0, targets, 3, FALSE, 1,
                                      serial, NULL));
    g_assert_true(rp_scenario_run_all(list, base, v, 0, 0, targets, 3, FALSE, 4,
                                      threaded, NULL));
    for (size_t i = 0; i < n; i++) {
        g_assert_cmpfloat(serial[i].annual_cost, ==, threaded[i].annual_cost);
        g_assert_cmpfloat(serial[i].fte, ==, threaded[i].fte);
        for (guint k = 0; k < 3; k++)
            g_assert_cmpfloat(
                g_array_index(serial[i].frontier, RpFrontierPoint, k)
                    .annual_cost,
                ==,
                g_array_index(threaded[i].frontier, RpFrontierPoint, k)
                    .annual_cost);
    }
    const RpScenarioResult *core = NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(((const RpScenario *)g_ptr_array_index(list, i))->name,
                   "core") == 0)
            core = &serial[i];
    g_assert_nonnull(core);
    for (size_t i = 0; i < n; i++) {
        const RpScenario *s = g_ptr_array_index(list, i);
        const RpScenarioResult *r = &serial[i];
        /* never trimmed: over or under budget, by the difference */
        rp_assert_rel(r->over_budget, r->annual_cost - r->budget, 1e-12);
        g_assert_cmpint(r->within_budget, ==, r->annual_cost <= r->budget);
        g_assert_cmpfloat(r->days, ==, 7.0);
        g_assert_cmpint(r->last_day - r->first_day, ==, 6);
        if (strcmp(s->name, "savings") == 0) {
            /* a budget changes nothing of the standards' cost */
            g_assert_cmpfloat(r->annual_cost, ==, core->annual_cost);
            rp_assert_rel(r->budget, 3900000.0 * 0.97, 1e-12);
        }
        if (r->within_budget)
            g_assert_true(isnan(r->afford.annual_cost) &&
                          isnan(r->afford.phone_target));
        rp_scenario_result_clear(&serial[i]);
        rp_scenario_result_clear(&threaded[i]);
    }
}

/* A budget below the standards' cost: the cost stays the standards',
 * over budget by the difference; separately, telephones staffed to the
 * service level alone that the budget buys, which costs at most the
 * budget and within 2% of it. */
static void
test_budget_short(void)
{
    g_autofree char *cp = data_path("centre.ini");
    g_autofree char *vp = data_path("volumes-week.csv");
    g_autofree char *path = rp_test_file(
        "s.ini", "[scenario:core]\n[scenario:short]\ncosts.budget = 3000000\n");
    g_autoptr(GPtrArray) list = rp_scenarios_load(path, cp, NULL);
    g_assert_nonnull(list);
    g_autoptr(RpCentre) base = rp_centre_load(cp, NULL);
    g_autoptr(RpVolumes) v = rp_volumes_read(vp, base, NULL, NULL);
    double targets[] = {0.8};
    RpScenarioResult res[2];
    g_assert_true(rp_scenario_run_all(list, base, v, 0, 0, targets, 1, FALSE, 1,
                                      res, NULL));
    const RpScenarioResult *r = &res[1];
    g_assert_cmpfloat(r->annual_cost, ==, res[0].annual_cost);
    g_assert_false(r->within_budget);
    rp_assert_rel(r->over_budget, r->annual_cost - 3000000.0, 1e-12);
    g_assert_cmpfloat(r->afford.annual_cost, <=, 3000000.0);
    g_assert_cmpfloat(r->afford.annual_cost, >, 0.98 * 3000000.0);
    g_assert_cmpfloat(r->afford.phone_target, >, 0.0);
    g_assert_cmpfloat(r->afford.phone_target, <, 0.8);
    /* fewer officers answer fewer calls in time, and more hang up */
    g_assert_cmpfloat(r->afford.phone_achieved, <,
                      r->achieved[RP_CHANNEL_PHONE]);
    g_assert_cmpfloat(r->afford.phone_abandon, >, r->abandon[RP_CHANNEL_PHONE]);
    g_assert_cmpfloat(r->afford.fte, <, r->fte);
    for (int i = 0; i < 2; i++)
        rp_scenario_result_clear(&res[i]);
    rp_test_remove(path);
}

/* A scenario's title: its own key, or its NAME with underscores as
 * spaces. */
static void
test_scenario_title(void)
{
    g_autoptr(GPtrArray) list = scenarios_from("[scenario:long_day]\n"
                                               "[scenario:b]\n"
                                               "title = Saturday mornings\n");
    g_assert_cmpstr(find(list, "long_day")->title, ==, "long day");
    g_assert_cmpstr(find(list, "b")->title, ==, "Saturday mornings");
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    gsl_set_error_handler_off();
    g_test_add_func("/scenario/title", test_scenario_title);
    g_test_add_func("/scenario/load/sample", test_sample_scenarios);
    g_test_add_func("/scenario/volumes", test_scenario_volumes);
    g_test_add_func("/scenario/load/bad", test_bad_scenarios);
    g_test_add_func("/scenario/run/cost-by-hand", test_cost_by_hand);
    g_test_add_func("/scenario/run/pooled-by-hand", test_pooled_by_hand);
    g_test_add_func("/scenario/run/shrinkage-by-time", test_shrinkage_scenario);
    g_test_add_func("/fcr/split", test_fcr_split);
    g_test_add_func("/fcr/rescale", test_fcr_rescale);
    g_test_add_func("/fcr/return-to", test_fcr_return_to);
    g_test_add_func("/scenario/fcr", test_fcr_scenario);
    g_test_add_func("/scenario/shift", test_shift);
    g_test_add_func("/scenario/changes-from-date", test_changes_from_date);
    g_test_add_func("/scenario/run/parallel-and-budget",
                    test_parallel_and_budget);
    g_test_add_func("/scenario/run/budget-short", test_budget_short);
    return g_test_run();
}
