/* tests/test_requirements.c - officers per queue and interval (real-time
 * queues by the staffing search, deferred work by the deadline plan), and
 * the evaluation of a staffing against the standards, checked on
 * hand-worked cases. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>

#include "common/centre.h"
#include "common/error.h"
#include "common/units.h"
#include "models/evaluate.h"
#include "models/requirements.h"
#include "models/staffing.h"
#include "tests/testutil.h"

typedef struct {
    RpCentre *centre;
    char *dir;
} Fixture;

static void
setup(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autofree char *path =
        g_test_build_filename(G_TEST_DIST, "data", "small.ini", NULL);
    f->centre = rp_centre_load(path, NULL);
    g_assert_nonnull(f->centre);
    f->dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
}

static void
teardown(Fixture *f, gconstpointer data)
{
    (void)data;
    rp_centre_free(f->centre);
    g_autofree char *v = g_build_filename(f->dir, "v.csv", NULL);
    g_unlink(v);
    g_rmdir(f->dir);
    g_free(f->dir);
}

static RpRequirements *
compute(Fixture *f, const char *text)
{
    g_autofree char *path = g_build_filename(f->dir, "v.csv", NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    g_autoptr(GError) error = NULL;
    g_autoptr(RpVolumes) v = rp_volumes_read(path, f->centre, NULL, &error);
    g_assert_no_error(error);
    RpRequirements *r = rp_requirements_compute(f->centre, v, FALSE, &error);
    g_assert_no_error(error);
    return r;
}

/* Email rows for Monday 11 to Friday 15 January 2027, 09:00-17:00, all
 * zero except `extra` (CSV rows, any order within a day is not allowed:
 * give them in time order and they replace the zero row). */
static GString *
email_week(const char *day, int hour, double items)
{
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int d = 11; d <= 15; d++) {
        for (int m = 9 * 60; m < 17 * 60; m += 15) {
            char date[16];
            g_snprintf(date, sizeof date, "2027-01-%02d", d);
            double n = strcmp(date, day) == 0 && m == hour * 60 ? items : 0.0;
            g_string_append_printf(s, "%sT%02d:%02d,email,%g\n", date, m / 60,
                                   m % 60, n);
        }
    }
    return s;
}

static double
day_work(const RpRequirements *r, int day_of_month)
{
    gint64 day = rp_days_from_civil(2027, 1, day_of_month);
    for (guint i = 0; i < r->deferred->len; i++) {
        const RpDeferredDay *d = &g_array_index(r->deferred, RpDeferredDay, i);
        if (d->day == day)
            return d->work_hours;
    }
    return NAN;
}

/* 10 emails (6 minutes each: 1 officer-hour) arrive on Monday; within one
 * working day means done by Tuesday's close, so the level plan works half
 * an hour on each of Monday and Tuesday: 0.5 h over an 8-hour day is
 * 1/16 of an officer in each Monday interval. */
static void
test_deferred_one_day(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) text = email_week("2027-01-11", 10, 10.0);
    g_autoptr(RpRequirements) r = compute(f, text->str);
    rp_assert_rel(day_work(r, 11), 0.5, 1e-9);
    rp_assert_rel(day_work(r, 12), 0.5, 1e-9);
    rp_assert_close(day_work(r, 13), 0.0, 0.0, 1e-9);
    const RpRequirement *first = &g_array_index(r->rows, RpRequirement, 0);
    rp_assert_rel(first->required, 0.0625, 1e-9);
    /* scheduled hours carry sequential shrinkage 1 - 0.9^2 = 19% */
    rp_assert_rel(first->scheduled, 0.0625 / 0.81, 1e-9);
    /* 15 minutes of an officer clear 15 min / 6 min = 2.5 emails */
    rp_assert_rel(first->weight, 2.5, 1e-12);
}

/* A five-day deadline spreads Monday's hour over the whole week: 0.2 h a
 * day is the least level that keeps up week after week. */
static void
test_deferred_five_days(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autofree char *path = g_build_filename(f->dir, "c.ini", NULL);
    g_autofree char *base =
        g_test_build_filename(G_TEST_DIST, "data", "small.ini", NULL);
    g_autofree char *text_ini = g_strdup_printf(
        "[centre]\ninclude = %s\n[queue:email]\ndeadline_days = 5\n", base);
    g_assert_true(g_file_set_contents(path, text_ini, -1, NULL));
    RpCentre *c = rp_centre_load(path, NULL);
    g_assert_nonnull(c);
    rp_centre_free(f->centre);
    f->centre = c;
    g_autoptr(GString) text = email_week("2027-01-11", 10, 10.0);
    g_autoptr(RpRequirements) r = compute(f, text->str);
    for (int d = 11; d <= 15; d++)
        rp_assert_rel(day_work(r, d), 0.2, 1e-9);
    g_unlink(path);
}

/* Email arriving on Saturday counts to Monday (the first working day). */
static void
test_deferred_weekend(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) text = email_week("none", 0, 0.0);
    g_string_append(text, "2027-01-16T11:00,email,20\n");
    g_autoptr(RpRequirements) r = compute(f, text->str);
    /* 2 officer-hours counted to Monday of the repeating week */
    double total = 0.0;
    for (int d = 11; d <= 15; d++)
        total += day_work(r, d);
    rp_assert_rel(total, 2.0, 1e-9);
    rp_assert_rel(day_work(r, 11), 1.0, 1e-9);
    rp_assert_rel(day_work(r, 12), 1.0, 1e-9);
    rp_assert_rel(r->closed_contacts[2], 20.0, 1e-12);
}

/* Phone rows: the staffing search's answer, the service it gives, and
 * nothing while closed (those calls are counted). */
static void
test_realtime(Fixture *f, gconstpointer data)
{
    (void)data;
    GString *s = g_string_new("interval_start,queue,contacts,aht_s\n");
    g_string_append(s, "2027-01-11T08:45,tax,4,\n");
    for (int m = 9 * 60; m < 17 * 60; m += 15)
        g_string_append_printf(s, "2027-01-11T%02d:%02d,tax,%d,%s\n", m / 60,
                               m % 60, 50, m == 600 ? "240" : "");
    g_autoptr(RpRequirements) r = compute(f, s->str);
    g_string_free(s, TRUE);
    g_assert_cmpuint(r->rows->len, ==, 33);
    const RpRequirement *closed = &g_array_index(r->rows, RpRequirement, 0);
    g_assert_false(closed->open);
    g_assert_cmpfloat(closed->required, ==, 0.0);
    rp_assert_rel(r->closed_contacts[0], 4.0, 1e-12);
    /* 50 calls in 15 min at 180 s: 10 Erlangs, 80/20 -> 14 officers */
    const RpRequirement *open = &g_array_index(r->rows, RpRequirement, 1);
    g_assert_true(open->open);
    rp_assert_rel(open->traffic, 10.0, 1e-12);
    g_assert_cmpfloat(open->required, ==, 14.0);
    rp_assert_rel(open->metrics.service_level, 0.888350019179, 1e-9);
    /* the per-row handling time replaces the queue's: 240 s -> 13.33 E */
    const RpRequirement *ten = &g_array_index(r->rows, RpRequirement, 5);
    g_assert_cmpfloat(ten->aht_s, ==, 240.0);
    RpQueueLoad q = {50 * 240.0 / 900.0, 240.0, INFINITY};
    RpStandard st = rp_centre_queue(f->centre, 0)->standard;
    double want;
    g_assert_true(rp_staffing_required(&q, &st, NULL, FALSE, &want, NULL));
    g_assert_cmpfloat(ten->required, ==, want);
    /* weight: calls answered late per officer short = 50 (SL(14)-SL(13)) */
    rp_assert_rel(open->weight, 50 * (0.888350019179 - 0.795594788418), 1e-9);
    /* the 1st to 4th officers short cost all of SL(14): 10 officers (the
     * traffic) answer nothing in time under Erlang C; the 5th and 6th,
     * costing nothing more by themselves, are priced like the 4th so the
     * cost stays convex */
    g_assert_cmpint(open->n_weights, ==, RP_SHORT_WEIGHTS);
    rp_assert_rel(open->weights[0], open->weight, 1e-15);
    double sum = 0.0;
    for (int k = 0; k < 4; k++) {
        sum += open->weights[k];
        if (k > 0)
            g_assert_cmpfloat(open->weights[k], >=, open->weights[k - 1]);
    }
    rp_assert_rel(sum, 50 * 0.888350019179, 1e-9);
    rp_assert_rel(open->weights[3], 50 * 0.389613811729, 1e-9);
    g_assert_cmpfloat(open->weights[4], ==, open->weights[3]);
    g_assert_cmpfloat(open->weights[5], ==, open->weights[3]);

    g_autoptr(GArray) totals = rp_requirements_totals(f->centre, r);
    const RpStaffTotal *all =
        &g_array_index(totals, RpStaffTotal, totals->len - 1);
    g_assert_cmpint(all->queue, ==, -1);
    double hours = 0.0;
    for (guint i = 0; i < r->rows->len; i++)
        hours += g_array_index(r->rows, RpRequirement, i).required * 0.25;
    rp_assert_rel(all->officer_hours, hours, 1e-12);
    rp_assert_rel(all->contacts, 32 * 50.0, 1e-12);
    rp_assert_rel(all->closed_contacts, 4.0, 1e-12);
    /* one day: FTE is scheduled hours over a 7.4-hour full-time day */
    rp_assert_rel(all->fte, all->scheduled_hours / (37.0 / 7.0), 1e-12);
}

/* A queue with min_officers = 2 has two officers whenever it is open,
 * even with no calls; closed, none; busy, what the standard needs. */
static void
test_realtime_minimum(Fixture *f, gconstpointer data)
{
    (void)data;
    RpQueue *tax = g_ptr_array_index(f->centre->queues, 0);
    tax->min_officers = 2.0;
    GString *s = g_string_new("interval_start,queue,contacts\n"
                              "2027-01-11T08:45,tax,4\n"
                              "2027-01-11T09:00,tax,0\n"
                              "2027-01-11T09:15,tax,1\n");
    for (int m = 9 * 60 + 30; m < 17 * 60; m += 15)
        g_string_append_printf(s, "2027-01-11T%02d:%02d,tax,50\n", m / 60,
                               m % 60);
    g_autoptr(RpRequirements) r = compute(f, s->str);
    g_string_free(s, TRUE);
    static const double want[] = {0.0, 2.0, 2.0, 14.0};
    for (guint i = 0; i < G_N_ELEMENTS(want); i++)
        g_assert_cmpfloat(g_array_index(r->rows, RpRequirement, i).required, ==,
                          want[i]);
    /* the service is worked at the two officers: 0.2 Erlangs, Erlang C
     * P(wait) = (0.02 x 2/1.8) / (1 + 0.2 + 0.02 x 2/1.8) = 1/55, SL =
     * 1 - P(wait) exp(-1.8 x 20/180), ASA = P(wait) x 180/1.8 */
    const RpRequirement *one = &g_array_index(r->rows, RpRequirement, 2);
    rp_assert_rel(one->metrics.service_level, 0.9851139863076731, 1e-12);
    rp_assert_rel(one->metrics.asa_s, 1.8181818181818188, 1e-12);
}

/* Officers on each requirements row exactly as required. */
static double *
as_required(const RpRequirements *r)
{
    double *staffed = g_new(double, r->rows->len);
    for (guint i = 0; i < r->rows->len; i++)
        staffed[i] = g_array_index(r->rows, RpRequirement, i).required;
    return staffed;
}

/* Staffed exactly as required, every interval and day meets its standard
 * and no email is late. */
static void
test_evaluate_as_required(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) text = email_week("2027-01-11", 10, 10.0);
    g_autoptr(RpRequirements) r = compute(f, text->str);
    g_autofree double *staffed = as_required(r);
    g_autoptr(GError) error = NULL;
    g_autoptr(RpEvaluation) e =
        rp_evaluate(f->centre, r, staffed, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(e->misses->len, ==, 0);
    g_assert_cmpuint(e->days->len, ==, 5);
    for (guint i = 0; i < e->days->len; i++)
        g_assert_true(g_array_index(e->days, RpEvalDay, i).meets);
}

/* The week leaves one lot: `items` of Monday 11 January, `hours` of
 * work. */
static void
expect_one_left(const RpEvaluation *e, double items, double hours)
{
    g_assert_cmpuint(e->backlog->len, ==, 1);
    const RpBacklogItem *left = &g_array_index(e->backlog, RpBacklogItem, 0);
    g_assert_cmpint(left->day, ==, rp_days_from_civil(2027, 1, 11));
    rp_assert_rel(left->items, items, 1e-9);
    rp_assert_rel(left->hours, hours, 1e-9);
}

/* Nobody on email on Tuesday: half of Monday's ten emails (half an hour
 * of work) is still there at Tuesday's close, when all ten are due, so
 * Tuesday has five late; they stay in the backlog to the end of the week
 * (nobody is planned after Tuesday) and are not counted late again, but
 * Wednesday to Friday close half an hour behind the plan's empty backlog
 * (more than the quarter-hour of one officer), so they miss as well. */
static void
test_evaluate_deferred_late(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) text = email_week("2027-01-11", 10, 10.0);
    g_autoptr(RpRequirements) r = compute(f, text->str);
    g_autofree double *staffed = g_new(double, r->rows->len);
    gint64 tuesday = rp_days_from_civil(2027, 1, 12);
    for (guint i = 0; i < r->rows->len; i++) {
        const RpRequirement *x = &g_array_index(r->rows, RpRequirement, i);
        staffed[i] = rp_centre_local_day(f->centre, x->start) == tuesday
                         ? 0.0
                         : x->required;
    }
    g_autoptr(RpEvaluation) e = rp_evaluate(f->centre, r, staffed, NULL, NULL);
    const RpEvalDay *monday = &g_array_index(e->days, RpEvalDay, 0);
    const RpEvalDay *tue = &g_array_index(e->days, RpEvalDay, 1);
    g_assert_true(monday->meets);
    rp_assert_rel(monday->backlog_hours, 0.5, 1e-9);
    rp_assert_rel(monday->planned_backlog_hours, 0.5, 1e-9);
    rp_assert_rel(tue->due_items, 10.0, 1e-9);
    rp_assert_rel(tue->late_items, 5.0, 1e-9);
    rp_assert_rel(tue->service_level, 0.5, 1e-9);
    g_assert_false(tue->meets);
    for (guint i = 2; i < 5; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        g_assert_false(d->meets);
        rp_assert_close(d->late_items, 0.0, 0.0, 1e-12);
        rp_assert_rel(d->backlog_hours, 0.5, 1e-9);
        rp_assert_close(d->planned_backlog_hours, 0.0, 0.0, 1e-9);
    }
    /* Tuesday: deadline and backlog; Wednesday to Friday: backlog */
    g_assert_cmpuint(e->misses->len, ==, 5);
    const RpEvalMiss *m = &g_array_index(e->misses, RpEvalMiss, 0);
    g_assert_cmpstr(m->what, ==, "deadline");
    g_assert_cmpint(m->day, ==, tuesday);
    rp_assert_rel(m->achieved, 0.5, 1e-9);
    const RpEvalMiss *b = &g_array_index(e->misses, RpEvalMiss, 1);
    g_assert_cmpstr(b->what, ==, "backlog");
    g_assert_cmpint(b->day, ==, tuesday);
    rp_assert_rel(b->achieved, 0.5, 1e-9);
    expect_one_left(e, 5.0, 0.5);
}

/* Eight emails at 10:00 every weekday (48 minutes of work a day, which
 * the plan works the same day) and no officer-hours all week, from an
 * empty backlog: Monday has nothing due but closes 0.8 h behind plan;
 * from Tuesday each day's eight emails of the day before are all late;
 * the week ends with 4 hours (40 emails) left, one lot a day. */
static void
test_evaluate_deferred_unstaffed(Fixture *f, gconstpointer data)
{
    (void)data;
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int d = 11; d <= 15; d++)
        for (int m = 9 * 60; m < 17 * 60; m += 15)
            g_string_append_printf(s, "2027-01-%02dT%02d:%02d,email,%d\n", d,
                                   m / 60, m % 60, m == 600 ? 8 : 0);
    g_autoptr(RpRequirements) r = compute(f, s->str);
    g_string_free(s, TRUE);
    g_autofree double *staffed = g_new0(double, r->rows->len);
    g_autoptr(GArray) empty = g_array_new(FALSE, FALSE, sizeof(RpBacklogItem));
    g_autoptr(RpEvaluation) e = rp_evaluate(f->centre, r, staffed, empty, NULL);
    g_assert_cmpuint(e->days->len, ==, 5);
    for (guint i = 0; i < 5; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        rp_assert_rel(d->backlog_hours, 0.8 * (i + 1), 1e-9);
        rp_assert_rel(d->due_items, i == 0 ? 0.0 : 8.0, 1e-9);
        rp_assert_rel(d->late_items, i == 0 ? 0.0 : 8.0, 1e-9);
        rp_assert_close(d->service_level, i == 0 ? 1.0 : 0.0, 0.0, 1e-9);
        rp_assert_close(d->planned_backlog_hours, 0.0, 0.0, 1e-9);
        g_assert_false(d->meets);
    }
    g_assert_cmpuint(e->misses->len, ==, 4 + 5);
    g_assert_cmpuint(e->backlog->len, ==, 5);
    for (guint i = 0; i < 5; i++) {
        const RpBacklogItem *b = &g_array_index(e->backlog, RpBacklogItem, i);
        g_assert_cmpint(b->day, ==, rp_days_from_civil(2027, 1, 11 + (int)i));
        rp_assert_rel(b->items, 8.0, 1e-9);
    }
}

/* Last week left 2 emails counted to Thursday 7 January (due at Friday's
 * close: overdue) and 6 counted to Friday 8 January (due at Monday's
 * close), 6 minutes each; this week is staffed as planned for its own ten
 * Monday emails alone (half an hour on Monday and on Tuesday).  Monday:
 * the 2 overdue are late; half an hour clears them (0.2 h) and 3 of
 * Friday's, so 3 more are late: 5 of 8 due.  Tuesday: the other 3 of
 * Friday's (0.3 h), then 2 of Monday's: 8 of Monday's 10 are late.  The
 * week ends with those 8 left. */
static void
test_evaluate_deferred_opening(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) text = email_week("2027-01-11", 10, 10.0);
    g_autoptr(RpRequirements) r = compute(f, text->str);
    g_autofree double *staffed = as_required(r);
    guint email = (guint)rp_centre_queue_index(f->centre, "email");
    RpBacklogItem given[] = {
        {email, rp_days_from_civil(2027, 1, 8), 6.0, 0.6},
        {email, rp_days_from_civil(2027, 1, 7), 2.0, 0.2},
    };
    g_autoptr(GArray) opening = g_array_new(FALSE, FALSE, sizeof given[0]);
    g_array_append_vals(opening, given, G_N_ELEMENTS(given));
    g_autoptr(RpEvaluation) e =
        rp_evaluate(f->centre, r, staffed, opening, NULL);
    const double due[] = {8, 10, 0, 0, 0}, late[] = {5, 8, 0, 0, 0};
    const double backlog[] = {1.3, 0.8, 0.8, 0.8, 0.8};
    for (guint i = 0; i < 5; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        rp_assert_close(d->due_items, due[i], 0.0, 1e-9);
        rp_assert_close(d->late_items, late[i], 0.0, 1e-9);
        rp_assert_rel(d->backlog_hours, backlog[i], 1e-9);
    }
    rp_assert_rel(g_array_index(e->days, RpEvalDay, 0).service_level, 0.375,
                  1e-9);
    rp_assert_rel(g_array_index(e->days, RpEvalDay, 1).service_level, 0.2,
                  1e-9);
    /* deadlines on Monday and Tuesday; every day behind the plan, which
     * leaves 0.5 h on Monday and nothing after */
    g_assert_cmpuint(e->misses->len, ==, 2 + 5);
    expect_one_left(e, 8.0, 0.8);
}

/* One officer short in one interval: that interval misses with the
 * service level Erlang gives; the day's figure weights intervals by their
 * calls. */
static void
test_evaluate_realtime(Fixture *f, gconstpointer data)
{
    (void)data;
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int m = 9 * 60; m < 17 * 60; m += 15)
        g_string_append_printf(s, "2027-01-11T%02d:%02d,tax,%d\n", m / 60,
                               m % 60, m == 540 ? 50 : 10);
    g_autoptr(RpRequirements) r = compute(f, s->str);
    g_string_free(s, TRUE);
    g_autofree double *staffed = as_required(r);
    staffed[0] -= 1.0; /* 13 instead of 14 at 09:00 */
    g_autoptr(RpEvaluation) e = rp_evaluate(f->centre, r, staffed, NULL, NULL);
    const RpEvalMiss *m = &g_array_index(e->misses, RpEvalMiss, 0);
    g_assert_cmpstr(m->what, ==, "service_level");
    rp_assert_rel(m->achieved, 0.795594788418, 1e-9);
    g_assert_cmpfloat(m->target, ==, 0.8);
    /* the day: (50 SL(13) + sum of 10 SL_i) / (50 + 31 x 10) */
    double want = 50 * 0.795594788418;
    for (guint i = 1; i < r->rows->len; i++)
        want += 10 * g_array_index(e->intervals, RpEvalInterval, i)
                         .metrics.service_level;
    const RpEvalDay *day = &g_array_index(e->days, RpEvalDay, 0);
    rp_assert_rel(day->service_level, want / 360.0, 1e-9);
    rp_assert_rel(day->officer_hours, day->required_hours - 0.25, 1e-12);

    staffed[0] = -1.0;
    g_autoptr(GError) error = NULL;
    g_assert_null(rp_evaluate(f->centre, r, staffed, NULL, &error));
    g_assert_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN);
}

/* A centre of small.ini (sequential shrinkage 1 - 0.9 x 0.9 = 19%) with
 * `extra` groups added. */
static RpCentre *
small_with(Fixture *f, const char *extra)
{
    g_autofree char *path = g_build_filename(f->dir, "c.ini", NULL);
    g_autofree char *base =
        g_test_build_filename(G_TEST_DIST, "data", "small.ini", NULL);
    g_autofree char *text =
        g_strdup_printf("[centre]\ninclude = %s\n%s", base, extra);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    g_autoptr(GError) error = NULL;
    RpCentre *c = rp_centre_load(path, &error);
    g_assert_no_error(error);
    g_unlink(path);
    return c;
}

/* A whole day 09:00-17:00 of the tax line (20 calls an interval) and the
 * desk (3 visitors). */
static GString *
full_day(const char *day)
{
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int m = 9 * 60; m < 17 * 60; m += 15)
        g_string_append_printf(s,
                               "%sT%02d:%02d,tax,20\n"
                               "%sT%02d:%02d,desk,3\n",
                               day, m / 60, m % 60, day, m / 60, m % 60);
    return s;
}

static const RpRequirement *
row_at(const RpRequirements *r, const RpCentre *c, const char *queue,
       const char *local)
{
    gint64 day;
    int minute;
    g_auto(GStrv) parts = g_strsplit(local, "T", 2);
    g_assert_true(rp_parse_date(parts[0], &day, NULL));
    g_assert_true(rp_parse_clock(parts[1], &minute, NULL));
    int q = rp_centre_queue_index(c, queue);
    for (guint i = 0; i < r->rows->len; i++) {
        const RpRequirement *x = &g_array_index(r->rows, RpRequirement, i);
        gint64 t = rp_clock_local(c->clock, x->start);
        if ((int)x->queue == q && t == day * 86400 + minute * 60)
            return x;
    }
    g_error("no row %s %s", queue, local);
    return NULL;
}

/* Shrinkage by time, worked by hand with sequential combination (each
 * addition a share of the time left): the year-round 19% becomes
 * 1 - 0.81 x 0.5 = 59.5% in the Wednesday 14:00-16:00 training (so twice
 * the officers of 13:45 are scheduled for the same calls), 1 - 0.81 x 0.9
 * = 27.1% in August, 1 - 0.81 x 0.8 = 35.2% at the hq desk only (the tax
 * line has no site), and both at the desk in training:
 * 1 - 0.81 x 0.5 x 0.8 = 67.6%.  Officers required do not change. */
static void
test_shrinkage_by_time(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GString) jan = full_day("2027-01-13");
    g_autoptr(GString) aug = full_day("2027-08-04");
    g_autoptr(RpRequirements) flat = compute(f, jan->str);
    g_autoptr(RpRequirements) flat_aug = compute(f, aug->str);
    RpCentre *c = small_with(f, "[shrinkage:training]\ndays = wed\n"
                                "hours = 14:00-16:00\nadd = 50%\n"
                                "[shrinkage:summer]\nmonths = jul-aug\n"
                                "add = 10%\n"
                                "[shrinkage:desk]\nsite = hq\nadd = 20%\n");
    rp_centre_free(f->centre);
    f->centre = c;
    g_autoptr(RpRequirements) r = compute(f, jan->str);
    g_autoptr(RpRequirements) r_aug = compute(f, aug->str);
    static const struct {
        const char *queue, *at;
        double shrinkage;
    } want[] = {
        {"tax", "2027-01-13T13:45", 0.19},
        {"tax", "2027-01-13T14:00", 1 - 0.81 * 0.5},
        {"tax", "2027-01-13T15:45", 1 - 0.81 * 0.5},
        {"tax", "2027-01-13T16:00", 0.19},
        {"tax", "2027-08-04T13:45", 1 - 0.81 * 0.9},
        {"desk", "2027-01-13T13:45", 1 - 0.81 * 0.8},
        {"desk", "2027-01-13T14:00", 1 - 0.81 * 0.5 * 0.8},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        gboolean in_aug = strstr(want[i].at, "-08-") != NULL;
        const RpRequirement *x =
            row_at(in_aug ? r_aug : r, c, want[i].queue, want[i].at);
        const RpRequirement *y =
            row_at(in_aug ? flat_aug : flat, c, want[i].queue, want[i].at);
        rp_assert_rel(x->shrinkage, want[i].shrinkage, 1e-12);
        rp_assert_rel(y->shrinkage, 0.19, 1e-12);
        g_assert_cmpfloat(x->required, ==, y->required);
        g_assert_cmpfloat(x->required, >, 0.0);
        rp_assert_rel(x->scheduled, x->required / (1 - want[i].shrinkage),
                      1e-12);
    }
    /* same calls, twice the shrinkage's complement: twice the officers */
    rp_assert_rel(row_at(r, c, "tax", "2027-01-13T14:00")->scheduled,
                  2 * row_at(r, c, "tax", "2027-01-13T13:45")->scheduled,
                  1e-12);
}

/* Added up (method = additive): 20% all year and 30% on Friday
 * afternoons make 50%; the rest of Friday stays at 20%. */
static void
test_shrinkage_additive(Fixture *f, gconstpointer data)
{
    (void)data;
    RpCentre *c = small_with(
        f, "[shrinkage]\nmethod = additive\nsickness = 10%\nleave = 10%\n"
           "[shrinkage:friday]\ndays = fri\nhours = 12:00-17:00\n"
           "add = 30%\n");
    rp_centre_free(f->centre);
    f->centre = c;
    g_autoptr(GString) rows = full_day("2027-01-15");
    g_autoptr(RpRequirements) r = compute(f, rows->str);
    rp_assert_rel(row_at(r, c, "tax", "2027-01-15T11:45")->shrinkage, 0.2,
                  1e-12);
    rp_assert_rel(row_at(r, c, "tax", "2027-01-15T12:00")->shrinkage, 0.5,
                  1e-12);
}

/* Three phone lines of 1, 4 and 9 Erlangs (5, 20 and 45 calls of 180 s
 * in a quarter-hour; callers wait; 80% in 20 s) need 3 + 7 + 12 = 22
 * officers one by one, and 18 as one queue of 14 Erlangs (worked by hand
 * with Erlang C: SL(18) = 0.85143, SL(17) = 0.75046).  Split by the
 * square-root rule a + (18 - 14) sqrt(a) / 6: 1.67, 5.33 and 11, whole by
 * largest remainders: 2, 5 and 11. */
static void
test_pooled(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = rp_test_pool_day(&c);
    g_assert_true(c->routing == RP_ROUTING_SKILLS);
    static const int calls[] = {5, 20, 45};
    g_autoptr(RpRequirements) r = rp_requirements_compute(c, v, FALSE, NULL);
    g_assert_nonnull(r);
    static const double alone[] = {3, 7, 12}, pooled[] = {2, 5, 11};
    for (int k = 0; k < 3; k++)
        g_assert_cmpfloat(g_array_index(r->rows, RpRequirement, k).required, ==,
                          alone[k]);
    g_assert_false(r->pooled);
    g_autoptr(GError) error = NULL;
    g_assert_true(rp_requirements_pool(c, r, FALSE, &error));
    g_assert_no_error(error);
    g_assert_true(r->pooled);
    for (guint i = 0; i < r->rows->len; i++) {
        const RpRequirement *x = &g_array_index(r->rows, RpRequirement, i);
        g_assert_cmpfloat(x->required, ==, pooled[i % 3]);
        rp_assert_rel(x->metrics.service_level, 0.8514260625258286, 1e-9);
        rp_assert_rel(x->weights[0],
                      calls[i % 3] * (0.8514260625258286 - 0.7504573362345709),
                      1e-9);
    }
    /* the pool staffed as required gives every line the pool's service */
    g_autofree double *staffed = g_new(double, r->rows->len);
    for (guint i = 0; i < r->rows->len; i++)
        staffed[i] = pooled[i % 3];
    g_autoptr(RpEvaluation) e = rp_evaluate(c, r, staffed, NULL, NULL);
    g_assert_nonnull(e);
    g_assert_cmpuint(e->misses->len, ==, 0);
    rp_assert_rel(
        g_array_index(e->intervals, RpEvalInterval, 0).metrics.service_level,
        0.8514260625258286, 1e-9);
    /* one officer short anywhere: every line misses with SL(17) */
    staffed[2] = 10;
    g_autoptr(RpEvaluation) short_one = rp_evaluate(c, r, staffed, NULL, NULL);
    for (int k = 0; k < 3; k++) {
        const RpEvalInterval *x =
            &g_array_index(short_one->intervals, RpEvalInterval, k);
        rp_assert_rel(x->metrics.service_level, 0.7504573362345709, 1e-9);
        g_assert_false(x->meets);
    }
}

/* The same three lines (1, 4 and 9 Erlangs) by skill sets, with three
 * ways of holding them (rows a, b, c of the skill matrix are officers).
 * Erlang C at 80% in 20 s, worked by hand with the formulas of
 * queueing.md: one queue of 5 Erlangs (a and b) needs 8, of 10 (a, c)
 * 14, of 13 (b, c) 17, of 14 (all) 18; alone a 3, b 7, c 12.  The pool
 * splits 18 as 2, 5 and 11; each line's spare officers beyond its own
 * load are then 1, 1 and 2.
 *   - nobody holds two lines: no one helps, each set of one is short
 *     (2 < 3, 5 < 7, 11 < 12) and every line ends as it would alone;
 *   - everyone holds every line: every set is covered (a: 2 + 1 + 2 = 5
 *     >= 3, b: 8 >= 7, c: 13 >= 12, a+b: 7 + 2 = 9 >= 8, a+c: 13 + 1 >=
 *     14, b+c: 16 + 1 >= 17), the pool stands;
 *   - two officers hold a and b, one holds c alone: set b counts 5 + a's
 *     spare 1 = 6 < 7, so b is raised to 6 (then 6 + 1 = 7); c counts 11
 *     < 12 with no help and is raised to 12; a keeps 2 (2 + b's spare 2
 *     = 4 >= 3) and a+b has 8 >= 8: 2, 6 and 12. */
static void
test_pooled_sets(void)
{
    g_autoptr(RpCentre) c = NULL;
    g_autoptr(RpVolumes) v = rp_test_pool_day(&c);
    static const double skill[3][9] = {
        {1, 0, 0, 0, 1, 0, 0, 0, 1}, /* each holds one line */
        {1, 1, 1, 1, 1, 1, 1, 1, 1}, /* all hold all */
        {1, 1, 0, 1, 1, 0, 0, 0, 1}, /* two hold a and b, one c */
    };
    static const double want[3][3] = {{3, 7, 12}, {2, 5, 11}, {2, 6, 12}};
    const guint64 a = 1, b = 2, cc = 4;
    static const guint64 none = 0;
    const guint64 set[3][3] = {{a, b, cc}, {none, none, none}, {none, b, cc}};
    /* the service each row shows: its set's queue at its need */
    const double sl[3][3] = {
        {0.9272056906439266, 0.9031893307787887, 0.8093778188795848},
        {0.8514260625258286, 0.8514260625258286, 0.8514260625258286},
        {0.8514260625258286, 0.9031893307787887, 0.8093778188795848}};
    for (int k = 0; k < 3; k++) {
        g_autoptr(RpRequirements) r =
            rp_requirements_compute(c, v, FALSE, NULL);
        g_assert_nonnull(r);
        RpPoolSkills skills = {3, 3, skill[k]};
        g_autoptr(GError) error = NULL;
        g_assert_true(rp_requirements_pool_sets(c, r, &skills, FALSE, &error));
        g_assert_no_error(error);
        g_assert_true(r->pooled);
        g_assert_cmpuint(r->rows->len, ==, 3 * 32);
        for (guint i = 0; i < r->rows->len; i++) {
            const RpRequirement *x = &g_array_index(r->rows, RpRequirement, i);
            g_assert_cmpfloat(x->required, ==, want[k][i % 3]);
            g_assert_cmpuint(x->sized_set, ==, set[k][i % 3]);
            rp_assert_rel(x->metrics.service_level, sl[k][i % 3], 1e-9);
        }
    }
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    gsl_set_error_handler_off();
    g_test_add("/requirements/deferred/one-day", Fixture, NULL, setup,
               test_deferred_one_day, teardown);
    g_test_add("/requirements/deferred/five-days", Fixture, NULL, setup,
               test_deferred_five_days, teardown);
    g_test_add("/requirements/deferred/weekend", Fixture, NULL, setup,
               test_deferred_weekend, teardown);
    g_test_add("/requirements/realtime", Fixture, NULL, setup, test_realtime,
               teardown);
    g_test_add("/requirements/realtime-minimum", Fixture, NULL, setup,
               test_realtime_minimum, teardown);
    g_test_add("/evaluate/as-required", Fixture, NULL, setup,
               test_evaluate_as_required, teardown);
    g_test_add("/evaluate/deferred-late", Fixture, NULL, setup,
               test_evaluate_deferred_late, teardown);
    g_test_add("/evaluate/deferred-unstaffed", Fixture, NULL, setup,
               test_evaluate_deferred_unstaffed, teardown);
    g_test_add("/evaluate/deferred-opening", Fixture, NULL, setup,
               test_evaluate_deferred_opening, teardown);
    g_test_add("/evaluate/realtime", Fixture, NULL, setup,
               test_evaluate_realtime, teardown);
    g_test_add("/requirements/shrinkage/by-time", Fixture, NULL, setup,
               test_shrinkage_by_time, teardown);
    g_test_add("/requirements/shrinkage/additive", Fixture, NULL, setup,
               test_shrinkage_additive, teardown);
    g_test_add_func("/requirements/pooled", test_pooled);
    g_test_add_func("/requirements/pooled-sets", test_pooled_sets);
    return g_test_run();
}
