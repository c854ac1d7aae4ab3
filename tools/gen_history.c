/* tools/gen_history.c - a seeded, synthetic interval history for the
 * sample council (data/centre.ini), for demos, tests and benchmarks.
 *
 *   gen_history CONFIG FIRST LAST SEED > history.csv
 *
 * writes a volumes history from local day FIRST to LAST (YYYY-MM-DD) for
 * every queue: contacts per open 15-minute interval drawn from a Poisson
 * distribution around an expected rate, and a mean handling time per
 * interval; post as daily totals (a deferred channel's history).  The
 * same arguments always give the same file (GSL's MT19937 generator).
 *
 * The expected rate of queue q on day d in slot s is
 *
 *   Y_q / 250 x growth_q(d) x year(d) x weekday_q(d) x event_q(d)
 *            x catch_up(d) x L(d) x shape_q(weekday, s)
 *
 * with Y_q the queue's contacts a year (620,000 calls and 152,000 visits
 * shared as in scripts/make-sample-week.py; email 50,000, web forms 33,000,
 * post 33,000, voicemail 12,000), growth_q 1% a year for email and web
 * forms, year(d) a winter high and August low, weekday_q the channel's
 * day-of-week factors (Monday busiest), event_q the council tax bills
 * (11 March to 5 April: council tax x2.0, benefits x1.3, general x1.15,
 * the revenues desk x1.3) and elections (three weeks before polling day:
 * general x1.5), catch_up 1.25 on the first day after a closure, L(d) a
 * random daily level (lognormal, 6%: call arrivals are over-dispersed)
 * and shape_q the intraday profile (phones: a Monday-morning peak and a
 * lunch dip).  Housing tenancy joins the contact centre on 6 January 2025
 * (no rows before) and ramps up from half its volume over four weeks.
 * Days the queue is shut (weekends, bank holidays by rule, the Christmas
 * closures of centre.ini) have no rows.
 *
 * A few realistic faults are planted so the tools have something to find:
 * a telephony outage (12 June 2025, 10:00-11:30, no rows for the phone
 * lines), a lost day of email data (3 September 2024), a double-counted
 * interval (council tax, 8 October 2025 14:00, ten times the count) and a
 * few calls in the quarter-hour before the lines open.
 *
 * Handling time: the configured mean (+6% before 10:00), and per interval
 * the mean of n handling times, so its noise shrinks as 1/sqrt(n). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/centre.h"
#include "common/units.h"
#include "common/volumes.h"

typedef struct {
    const char *id;
    double per_year;
} Volume;

static const Volume volumes[] = {
    {"environment", 620000 * .17},
    {"parking", 620000 * .08},
    {"housing_options", 620000 * .06},
    {"housing_tenancy", 620000 * .09},
    {"planning", 620000 * .06},
    {"general", 620000 * .12},
    {"benefits", 620000 * .18},
    {"council_tax", 620000 * .24},
    {"reception_pennyfarthing", 152000 * .45},
    {"reception_library", 152000 * .20},
    {"reception_wyndham", 152000 * .15},
    {"reception_amesbury", 152000 * .12},
    {"reception_mere", 152000 * .08},
    {"email", 50000},
    {"web", 33000},
    {"post", 33000},
    {"voicemail", 12000},
};

static const double day_phone[7] = {1.25, 1.05, 0.95, 0.93, 0.82, 0, 0};
static const double day_desk[7] = {1.20, 1.00, 0.95, 1.00, 0.85, 0.6, 0};
static const double day_mail[7] = {1.10, 1.05, 1.00, 1.00, 0.95, 0, 0};

static double
bump(double x, double centre, double width)
{
    return exp(-0.5 * (x - centre) * (x - centre) / (width * width));
}

/* Relative rate at `minute` after midnight (the middle of the slot). */
static double
shape(RpChannel channel, int minute, int weekday)
{
    double h = minute / 60.0 + 0.125;
    switch (channel) {
    case RP_CHANNEL_PHONE: {
        double peak = 1.0 + (weekday == 0 ? 0.35 : 0.15);
        return 0.25 + peak * bump(h, 10.0, 1.1) + 0.7 * bump(h, 14.5, 1.3) -
               0.25 * bump(h, 13.0, 0.4) + 0.35 * bump(h, 12.0, 2.5);
    }
    case RP_CHANNEL_RECEPTION:
        return 0.5 + bump(h, 11.5, 1.5) + 0.6 * bump(h, 14.5, 1.2);
    default:
        return 0.15 + bump(h, 10.5, 2.5) + 0.8 * bump(h, 15.0, 2.5);
    }
}

static gboolean
between(gint64 day, int y, int m1, int d1, int m2, int d2)
{
    return day >= rp_days_from_civil(y, m1, d1) &&
           day <= rp_days_from_civil(y, m2, d2);
}

/* Polling days of the local elections in the years generated. */
static const int polling[][3] = {{2024, 5, 2}, {2025, 5, 1}, {2026, 5, 7}};

static double
event_factor(const char *id, gint64 day)
{
    int y, m, d;
    rp_civil_from_days(day, &y, &m, &d);
    double f = 1.0;
    if (between(day, y, 3, 11, 4, 5)) {
        if (strcmp(id, "council_tax") == 0)
            f *= 2.0;
        else if (strcmp(id, "benefits") == 0 ||
                 strcmp(id, "reception_pennyfarthing") == 0)
            f *= 1.3;
        else if (strcmp(id, "general") == 0)
            f *= 1.15;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(polling); i++) {
        gint64 poll =
            rp_days_from_civil(polling[i][0], polling[i][1], polling[i][2]);
        if (strcmp(id, "general") == 0 && day > poll - 21 && day <= poll)
            f *= 1.5;
    }
    return f;
}

/* Winter high, August low, a quiet week before Christmas. */
static double
year_factor(gint64 day)
{
    int y, m, d;
    rp_civil_from_days(day, &y, &m, &d);
    double doy = (double)(day - rp_days_from_civil(y, 1, 1));
    double f = 1.0 + 0.08 * cos(2.0 * G_PI * (doy - 15.0) / 365.25);
    if (m == 8)
        f *= 0.9;
    if (m == 12 && d >= 18)
        f *= 0.8;
    return f;
}

static double
weekday_factor(RpChannel channel, int weekday)
{
    switch (channel) {
    case RP_CHANNEL_PHONE:
        return day_phone[weekday];
    case RP_CHANNEL_RECEPTION:
        return day_desk[weekday];
    default:
        return day_mail[weekday];
    }
}

static const gint64 tenancy_launch_days = 28;

/* Day-level multiplier of queue q on `day` (0: the queue has not started). */
static double
day_factor(const RpCentre *c, size_t q, gint64 day, gint64 first_day,
           double level)
{
    const RpQueue *queue = rp_centre_queue(c, q);
    double f = year_factor(day) *
               weekday_factor(queue->channel, rp_weekday(day)) *
               event_factor(queue->id, day) * level;
    if (queue->channel == RP_CHANNEL_EMAIL || queue->channel == RP_CHANNEL_WEB)
        f *= pow(1.01, (double)(day - first_day) / 365.25);
    if (strcmp(queue->id, "housing_tenancy") == 0) {
        gint64 launch = rp_days_from_civil(2025, 1, 6);
        if (day < launch)
            return 0.0;
        if (day < launch + tenancy_launch_days)
            f *= 0.5 +
                 0.5 * (double)(day - launch) / (double)tenancy_launch_days;
    }
    /* the first open day after a closure catches up */
    for (gint64 b = day - 1; b > day - 10; b--) {
        if (queue->hours.day[rp_weekday(b)].n_spans == 0)
            continue;
        if (!rp_centre_queue_open_day(c, q, b))
            f *= 1.25;
        break;
    }
    return f;
}

static double
per_year(const char *id)
{
    for (size_t i = 0; i < G_N_ELEMENTS(volumes); i++)
        if (strcmp(volumes[i].id, id) == 0)
            return volumes[i].per_year;
    return 0.0;
}

typedef struct {
    const RpCentre *c;
    gsl_rng *rng;
    GString *out;
    gint64 first_day;
} Gen;

static gboolean
planted_gap(const RpQueue *q, gint64 day, int minute)
{
    if (q->channel == RP_CHANNEL_PHONE &&
        day == rp_days_from_civil(2025, 6, 12) && minute >= 600 && minute < 690)
        return TRUE;
    return strcmp(q->id, "email") == 0 && day == rp_days_from_civil(2024, 9, 3);
}

static void
write_interval(Gen *g, size_t q, gint64 utc, double rate, int minute,
               gint64 day)
{
    const RpQueue *queue = rp_centre_queue(g->c, q);
    unsigned int n = gsl_ran_poisson(g->rng, rate);
    if (strcmp(queue->id, "council_tax") == 0 &&
        day == rp_days_from_civil(2025, 10, 8) && minute == 14 * 60)
        n *= 10;
    char when[RP_CLOCK_BUF];
    rp_clock_format(g->c->clock, utc, when, sizeof when);
    g_string_append_printf(g->out, "%s,%s,%u,", when, queue->id, n);
    if (n > 0) {
        double aht = queue->aht_s * (minute < 600 ? 1.06 : 1.0);
        aht *= exp(gsl_ran_gaussian(g->rng, 0.5 / sqrt((double)n)) - 0.125 / n);
        g_string_append_printf(g->out, "%.1f", aht);
    }
    g_string_append_c(g->out, '\n');
}

/* One queue's day: open intervals, plus a few calls in the quarter-hour
 * before a phone line opens. */
static void
write_day(Gen *g, size_t q, gint64 day, double day_total)
{
    const RpQueue *queue = rp_centre_queue(g->c, q);
    const RpDayHours *h = &queue->hours.day[rp_weekday(day)];
    int step = g->c->interval_min;
    double weight[1440 / 5] = {0}, sum = 0.0;
    for (int m = 0; m < 1440; m += step)
        for (int i = 0; i < h->n_spans; i++)
            if (m >= h->open_min[i] && m < h->close_min[i]) {
                weight[m / step] = shape(queue->channel, m, rp_weekday(day));
                sum += weight[m / step];
            }
    for (int m = 0; m < 1440; m += step) {
        gint64 utc[2];
        gboolean early = queue->channel == RP_CHANNEL_PHONE && h->n_spans > 0 &&
                         m == h->open_min[0] - step;
        if ((weight[m / step] <= 0.0 && !early) || planted_gap(queue, day, m))
            continue;
        int n = rp_clock_resolve(g->c->clock, day * 86400 + m * 60, utc);
        double rate = early ? 0.05 * day_total / 32.0
                            : day_total * weight[m / step] / sum;
        for (int i = 0; i < n; i++)
            write_interval(g, q, utc[i], rate, m, day);
    }
}

static void
generate(Gen *g, gint64 first, gint64 last)
{
    const RpCentre *c = g->c;
    size_t n_queues = c->queues->len;
    for (gint64 day = first; day <= last; day++) {
        /* the day's random level: shared by the queues of a channel
         * (a bad-weather day is bad for every phone line) and their own */
        double common = exp(gsl_ran_gaussian(g->rng, 0.04));
        for (size_t q = 0; q < n_queues; q++) {
            const RpQueue *queue = rp_centre_queue(c, q);
            double own = exp(gsl_ran_gaussian(g->rng, 0.045) - 0.0018);
            if (!rp_centre_queue_open_day(c, q, day))
                continue;
            double total = per_year(queue->id) / 250.0 *
                           day_factor(c, q, day, first, common * own);
            if (total <= 0.0)
                continue;
            if (queue->channel == RP_CHANNEL_POST) {
                char date[16];
                rp_format_date(day, date, sizeof date);
                g_string_append_printf(g->out, "%s,%s,%u,\n", date, queue->id,
                                       gsl_ran_poisson(g->rng, total));
                continue;
            }
            write_day(g, q, day, total);
        }
        fwrite(g->out->str, 1, g->out->len, stdout);
        g_string_truncate(g->out, 0);
    }
}

int
main(int argc, char **argv)
{
    gint64 first, last;
    GError *error = NULL;
    if (argc != 5) {
        fprintf(stderr, "usage: %s CONFIG FIRST LAST SEED\n", argv[0]);
        return 2;
    }
    RpCentre *c = rp_centre_load(argv[1], &error);
    if (c == NULL || !rp_parse_date(argv[2], &first, &error) ||
        !rp_parse_date(argv[3], &last, &error)) {
        fprintf(stderr, "gen_history: %s\n", error->message);
        return 65;
    }
    if (c->interval_min < 5) {
        fprintf(stderr, "gen_history: intervals of 5 minutes or more\n");
        return 65;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, strtoul(argv[4], NULL, 10));
    Gen g = {c, rng, g_string_new("interval_start,queue,contacts,aht_s\n"),
             first};
    generate(&g, first, last);
    g_string_free(g.out, TRUE);
    gsl_rng_free(rng);
    rp_centre_free(c);
    return 0;
}
