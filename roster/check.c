/* roster/check.c - every hard rule, checked on a finished roster.
 *
 * Written against the inputs and the rules as configured (clock times,
 * minutes, the centre's opening hours), not against the solver's compiled
 * shapes, so a mistake in compiling the model cannot hide itself.  That
 * includes the contract limits after leave, counted here from the
 * availability rows absence by absence, where the solver counts them day
 * by day (rp_contract_limits()). */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"
#include "roster/roster_int.h"

typedef struct {
    const RpRosterInput *in;
    const RpRoster *roster;
    GError **error;
} Check;

static gboolean broken(Check *c, const RpShift *sh, size_t officer,
                       const char *format, ...) G_GNUC_PRINTF(4, 5);

static gboolean
broken(Check *c, const RpShift *sh, size_t officer, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    const RpOfficer *o = g_ptr_array_index(c->in->officers, officer);
    char date[16] = "";
    if (sh)
        rp_format_date(c->in->req->first_day + (gint64)sh->day, date,
                       sizeof date);
    g_set_error(c->error, RP_ROSTER_ERROR, RP_ROSTER_ERROR_RULE,
                "officer %s%s%s: %s", o->id, sh ? " on " : "", date, msg);
    return FALSE;
}

static int
minute_of(const RpCentre *centre, gint64 day, gint64 utc)
{
    return rp_local_minute(centre->clock, day, utc);
}

static gboolean
listed(const GArray *a, int v)
{
    for (guint i = 0; i < a->len; i++)
        if (g_array_index(a, int, i) == v)
            return TRUE;
    return FALSE;
}

static gboolean
closed_day(const RpCentre *centre, int site, gint64 day)
{
    const GArray *lists[2] = {centre->closed,
                              rp_centre_site(centre, (size_t)site)->closed};
    for (size_t k = 0; k < 2; k++)
        for (guint i = 0; i < lists[k]->len; i++)
            if (g_array_index(lists[k], gint64, i) == day)
                return TRUE;
    return rp_is_holiday(centre->holidays, day);
}

/* Start, length, hours and site of one shift. */
static gboolean
check_shape(Check *c, const RpShift *sh, const RpShiftRules **rules)
{
    const RpCentre *centre = c->in->centre;
    const RpOfficer *o = g_ptr_array_index(c->in->officers, sh->officer);
    gint64 day = c->in->req->first_day + (gint64)sh->day;
    const RpSite *site = rp_centre_site(centre, (size_t)sh->site);
    *rules = rp_rules_site(centre, (size_t)sh->site);
    if (!(o->sites & (G_GUINT64_CONSTANT(1) << sh->site)))
        return broken(c, sh, sh->officer,
                      "works at %s, not one of their "
                      "sites",
                      site->id);
    if (*rules == NULL || closed_day(centre, sh->site, day))
        return broken(c, sh, sh->officer,
                      "works at %s, which has no shifts "
                      "that day",
                      site->id);
    int start = minute_of(centre, day, sh->start_utc);
    int end = minute_of(centre, day, sh->end_utc);
    int length = (int)((sh->end_utc - sh->start_utc) / 60);
    if (rp_local_day(centre->clock, sh->start_utc) != day ||
        sh->end_utc > rp_local_midnight(centre->clock, day + 1))
        return broken(c, sh, sh->officer, "the shift is not within its day");
    if (!listed((*rules)->starts, start) || !listed((*rules)->lengths, length))
        return broken(c, sh, sh->officer,
                      "a shift from %02d:%02d lasting "
                      "%dmin is not among %s's allowed starts and lengths",
                      start / 60, start % 60, length, site->id);
    const RpDayHours *h = &(*rules)->hours.day[rp_weekday(day)];
    if (h->n_spans == 0 || start < h->open_min[0] ||
        end > h->close_min[h->n_spans - 1])
        return broken(c, sh, sh->officer,
                      "%02d:%02d-%02d:%02d is outside "
                      "the working hours of %s",
                      start / 60, start % 60, end / 60, end % 60, site->id);
    if (!o->evenings && end > centre->costs.evening_after_min)
        return broken(c, sh, sh->officer,
                      "works in the evening (until "
                      "%02d:%02d) but does not work evenings",
                      end / 60, end % 60);
    if (!o->weekends && rp_weekday(day) >= 5)
        return broken(c, sh, sh->officer,
                      "works at the weekend but does not "
                      "work weekends");
    return TRUE;
}

/* The breaks: as the site's rules place them, and the legal one. */
static gboolean
check_breaks(Check *c, const RpShift *sh, const RpShiftRules *r)
{
    const RpWorkRules *w = &c->in->centre->rules->work;
    int length = (int)((sh->end_utc - sh->start_utc) / 60), k = 0;
    gint64 free_from = sh->start_utc + 1;
    gboolean lawful = length <= w->break_after_min;
    for (size_t b = 0; b < r->n_breaks; b++) {
        const RpBreakRule *br = &r->breaks[b];
        if (length <= br->over_min)
            continue;
        if (k >= sh->n_breaks)
            return broken(c, sh, sh->officer, "a break is missing");
        int lo, hi;
        rp_break_window(br, length, &lo, &hi);
        int at = (int)((sh->break_start_utc[k] - sh->start_utc) / 60);
        int len = (int)((sh->break_end_utc[k] - sh->break_start_utc[k]) / 60);
        if (at < lo || at > hi || len != br->length_min ||
            sh->break_paid[k] != br->paid ||
            sh->break_start_utc[k] < free_from ||
            sh->break_end_utc[k] >= sh->end_utc)
            return broken(c, sh, sh->officer,
                          "break %d is not a %dmin %s "
                          "break starting %d to %d min into the shift, after "
                          "the one before",
                          k + 1, br->length_min, br->paid ? "paid" : "unpaid",
                          lo, hi);
        lawful |= len >= w->min_break_min;
        free_from = sh->break_end_utc[k];
        k++;
    }
    if (k != sh->n_breaks)
        return broken(c, sh, sh->officer, "has %d breaks, the rules give %d",
                      sh->n_breaks, k);
    if (!lawful)
        return broken(c, sh, sh->officer,
                      "a %dmin shift without a break of "
                      "at least %dmin",
                      length, w->min_break_min);
    return TRUE;
}

static int
paid_minutes(const RpShift *sh)
{
    gint64 s = sh->end_utc - sh->start_utc;
    for (int k = 0; k < sh->n_breaks; k++)
        if (!sh->break_paid[k])
            s -= sh->break_end_utc[k] - sh->break_start_utc[k];
    return (int)(s / 60);
}

/* Absences never overlap a shift; commitments lie inside one. */
static gboolean
check_away(Check *c, size_t i, const RpShift *const *shifts, size_t n)
{
    const RpRosterInput *in = c->in;
    gint64 lo = in->req->start_utc,
           hi = rp_local_midnight(in->centre->clock,
                                  in->req->first_day + (gint64)in->req->n_days);
    for (guint k = 0; k < in->away->len; k++) {
        const RpAway *a = g_ptr_array_index(in->away, k);
        if (a->officer != i || a->end_utc <= lo || a->start_utc >= hi)
            continue;
        gboolean inside = FALSE;
        for (size_t s = 0; s < n; s++) {
            const RpShift *sh = shifts[s];
            gboolean overlap =
                sh->start_utc < a->end_utc && a->start_utc < sh->end_utc;
            if (a->kind == RP_AWAY_ABSENCE && overlap)
                return broken(c, sh, i,
                              "works during their %s (%s line "
                              "%zu)",
                              a->reason, in->away_path, a->line);
            inside |=
                sh->start_utc <= a->start_utc && a->end_utc <= sh->end_utc;
            for (int b = 0; a->kind == RP_AWAY_COMMITMENT && b < sh->n_breaks;
                 b++)
                if (sh->break_start_utc[b] < a->end_utc &&
                    a->start_utc < sh->break_end_utc[b])
                    return broken(c, sh, i,
                                  "break %d is during their %s (%s line "
                                  "%zu)",
                                  b + 1, a->reason, in->away_path, a->line);
        }
        if (a->kind == RP_AWAY_COMMITMENT && !inside)
            return broken(c, NULL, i,
                          "is not at work for their %s (%s line "
                          "%zu)",
                          a->reason, in->away_path, a->line);
    }
    return TRUE;
}

/* May officer o be at work on local day `day` at all: at some site of
 * theirs with shift rules, open that day, a start and length that fit its
 * staff hours, before the evening if they do not work evenings, and not
 * at the weekend if they do not work weekends? */
static gboolean
day_workable(const RpRosterInput *in, const RpOfficer *o, gint64 day)
{
    const RpCentre *centre = in->centre;
    gboolean weekend = rp_weekday(day) >= 5;
    for (size_t s = 0; s < centre->sites->len && (o->weekends || !weekend);
         s++) {
        const RpShiftRules *r = rp_rules_site(centre, s);
        if (r == NULL || !(o->sites >> s & 1) ||
            closed_day(centre, (int)s, day))
            continue;
        const RpDayHours *h = &r->hours.day[rp_weekday(day)];
        for (guint b = 0; h->n_spans > 0 && b < r->lengths->len; b++) {
            int length = g_array_index(r->lengths, int, b);
            for (guint a = 0; a < r->starts->len; a++) {
                int start = g_array_index(r->starts, int, a),
                    end = start + length;
                if (start < h->open_min[0] ||
                    end > h->close_min[h->n_spans - 1] ||
                    (!o->evenings && end > centre->costs.evening_after_min))
                    continue;
                return TRUE;
            }
        }
    }
    return FALSE;
}

/* Officer i's least and most paid minutes after leave: each absence is
 * cut at local midnights, each day's minutes count up to the contract's
 * hours per working day on a day the officer could work, and the limits
 * are rounded to the interval grid as the contract is. */
static void
limits_after_leave(const RpRosterInput *in, size_t i, int *lo, int *hi)
{
    const RpOfficer *o = g_ptr_array_index(in->officers, i);
    const RpClock *clock = in->centre->clock;
    gint64 first = in->req->first_day;
    double away_min[RP_ROSTER_MAX_DAYS] = {0};
    for (guint k = 0; k < in->away->len; k++) {
        const RpAway *a = g_ptr_array_index(in->away, k);
        if (a->officer != i || a->kind != RP_AWAY_ABSENCE)
            continue;
        for (gint64 at = a->start_utc; at < a->end_utc;) {
            gint64 day = rp_local_day(clock, at);
            gint64 cut = MIN(a->end_utc, rp_local_midnight(clock, day + 1));
            if (day >= first && day < first + (gint64)in->req->n_days)
                away_min[day - first] += (double)(cut - at) / 60.0;
            at = cut;
        }
    }
    double daily = 60.0 * o->contract_h / (double)o->max_days, off = 0.0;
    /* with holiday_pro_rata, each weekday of the ISO week the whole
     * centre is shut pays a fifth of the contract, leave on it nothing */
    gint64 monday = first - rp_weekday(first);
    gboolean shut[5] = {FALSE};
    for (int k = 0; k < 5 && in->centre->rules->holiday_pro_rata; k++) {
        shut[k] = rp_is_holiday(in->centre->holidays, monday + k);
        for (guint j = 0; j < in->centre->closed->len; j++)
            shut[k] |=
                g_array_index(in->centre->closed, gint64, j) == monday + k;
        off += shut[k] ? 12.0 * o->contract_h : 0.0; /* 60 min / 5 */
    }
    for (size_t d = 0; d < in->req->n_days; d++) {
        gint64 day = first + (gint64)d;
        gboolean paid_holiday = day < monday + 5 && shut[day - monday];
        if (!paid_holiday && day_workable(in, o, day))
            off += MIN(daily, away_min[d]);
    }
    double step = in->centre->interval_min;
    *lo = (int)step * (int)lround(MAX(0.0, o->min_paid_min - off) / step);
    *hi = (int)step * (int)lround(MAX(0.0, o->max_paid_min - off) / step);
}

/* Rest, hours, days and days in a row over the week. */
static gboolean
check_week(Check *c, size_t i, const RpShift *const *shifts, size_t n)
{
    const RpRosterInput *in = c->in;
    const RpWorkRules *w = &in->centre->rules->work;
    const RpOfficer *o = g_ptr_array_index(in->officers, i);
    gint64 prev_end = in->prev_end_utc ? in->prev_end_utc[i] : G_MININT64;
    int paid = 0, run = in->prev_run ? in->prev_run[i] : 0, min_p, max_p;
    size_t last_day = (size_t)-1;
    for (size_t s = 0; s < n; s++) {
        const RpShift *sh = shifts[s];
        if (s > 0 && sh->day == shifts[s - 1]->day)
            return broken(c, sh, i, "two shifts in one day");
        if (prev_end != G_MININT64 &&
            sh->start_utc - prev_end < (gint64)w->min_rest_min * 60)
            return broken(c, sh, i,
                          "%.4gh of rest before the shift, below "
                          "the %.4gh minimum",
                          (double)(sh->start_utc - prev_end) / 3600.0,
                          w->min_rest_min / 60.0);
        run = (last_day != (size_t)-1 && sh->day == last_day + 1) ||
                      (last_day == (size_t)-1 && sh->day == 0)
                  ? run + 1
                  : 1;
        if (run > w->max_days_running)
            return broken(c, sh, i, "%d working days in a row, above %d", run,
                          w->max_days_running);
        prev_end = sh->end_utc;
        last_day = sh->day;
        paid += paid_minutes(sh);
    }
    limits_after_leave(in, i, &min_p, &max_p);
    if (paid < min_p || paid > max_p)
        return broken(c, NULL, i,
                      "%.4gh paid, outside %.4gh to %.4gh (the "
                      "contract less leave)",
                      paid / 60.0, min_p / 60.0, max_p / 60.0);
    if (paid > w->max_week_min)
        return broken(c, NULL, i, "%.4gh paid, above the %.4gh working week",
                      paid / 60.0, w->max_week_min / 60.0);
    if ((int)n > o->max_days)
        return broken(c, NULL, i, "%zu working days, above %d", n, o->max_days);
    return TRUE;
}

/* What officer i does in interval t of shift `sh` (NULL: off). */
static gboolean
check_activity(Check *c, size_t i, const RpShift *sh, size_t t)
{
    const RpRosterInput *in = c->in;
    const RpCentre *centre = in->centre;
    int act = c->roster->activity[i * c->roster->n_intervals + t];
    gint64 at = in->req->start_utc + (gint64)t * rp_centre_interval_s(centre);
    int want = sh ? 0 : RP_ACT_OFF;
    for (int k = 0; sh && k < sh->n_breaks; k++)
        if (at >= sh->break_start_utc[k] && at < sh->break_end_utc[k])
            want = sh->break_paid[k] ? RP_ACT_BREAK : RP_ACT_LUNCH;
    for (guint k = 0; sh && want == 0 && k < in->away->len; k++) {
        const RpAway *a = g_ptr_array_index(in->away, k);
        if (a->officer == i && a->kind == RP_AWAY_COMMITMENT &&
            at < a->end_utc && a->start_utc < at + rp_centre_interval_s(centre))
            want = RP_ACT_COMMITMENT;
    }
    char when[RP_CLOCK_BUF];
    rp_clock_format(centre->clock, at, when, sizeof when);
    if (want != 0 && act != want)
        return broken(c, sh, i, "at %s the activity is %d, the rota says %d",
                      when, act, want);
    if (want != 0 || act == RP_ACT_IDLE)
        return TRUE;
    if (act < 0 || act >= (int)centre->queues->len)
        return broken(c, sh, i, "at %s the activity %d is not a queue", when,
                      act);
    const RpQueue *q = rp_centre_queue(centre, (size_t)act);
    const RpOfficer *o = g_ptr_array_index(in->officers, i);
    if (!(o->skill[act] > 0.0))
        return broken(c, sh, i, "at %s works %s without the skill", when,
                      q->id);
    if (q->site >= 0 && q->site != sh->site)
        return broken(c, sh, i, "at %s works %s away from its site", when,
                      q->id);
    if (!rp_centre_queue_open_at(centre, (size_t)act, at))
        return broken(c, sh, i, "at %s works %s while it is closed", when,
                      q->id);
    return TRUE;
}

/* The position of centre activity `a`: every phone line is one when
 * calls are routed by skill; NO_POSITION for breaks, commitments and
 * time off. */
#define NO_POSITION (-1000)
static int
position_of(const RpCentre *centre, int a)
{
    if (a == RP_ACT_IDLE)
        return a;
    if (a < 0)
        return NO_POSITION;
    if (centre->routing == RP_ROUTING_SKILLS &&
        rp_centre_queue(centre, (size_t)a)->channel == RP_CHANNEL_PHONE)
        return -100;
    return a;
}

/* [roster] min_block: a block of one position with a different position
 * just before and just after it lasts at least min_block. */
static gboolean
check_blocks(Check *c, size_t i, const RpShift *const *at)
{
    const RpCentre *centre = c->in->centre;
    size_t n_t = c->roster->n_intervals;
    const gint16 *row = c->roster->activity + i * n_t;
    int least = centre->rules->min_block_min;
    size_t t = 0;
    while (t < n_t) {
        int pos = position_of(centre, row[t]);
        size_t e = t + 1;
        while (e < n_t && position_of(centre, row[e]) == pos)
            e++;
        int len = (int)(e - t) * centre->interval_min;
        if (pos != NO_POSITION && t > 0 && e < n_t &&
            position_of(centre, row[t - 1]) != NO_POSITION &&
            position_of(centre, row[e]) != NO_POSITION && len < least) {
            char when[RP_CLOCK_BUF];
            gint64 u = c->in->req->start_utc +
                       (gint64)t * rp_centre_interval_s(centre);
            rp_clock_format(centre->clock, u, when, sizeof when);
            return broken(c, at[t], i,
                          "at %s holds a position for %dm between two "
                          "others, under min_block (%dm)",
                          when, len, least);
        }
        t = e;
    }
    return TRUE;
}

static int
cmp_shift(gconstpointer a, gconstpointer b)
{
    const RpShift *x = *(const RpShift *const *)a;
    const RpShift *y = *(const RpShift *const *)b;
    if (x->officer != y->officer)
        return x->officer < y->officer ? -1 : 1;
    return (x->start_utc > y->start_utc) - (x->start_utc < y->start_utc);
}

gboolean
rp_roster_check(const RpRosterInput *input, const RpRoster *roster,
                GError **error)
{
    g_return_val_if_fail(input != NULL && input->req != NULL, FALSE);
    g_return_val_if_fail(roster != NULL, FALSE);
    g_return_val_if_fail(roster->n_officers == input->officers->len &&
                             roster->n_intervals == input->req->n_intervals,
                         FALSE);
    if (!rp_rules_check_shifts(input->centre, error))
        return FALSE;
    Check c = {input, roster, error};
    size_t n_o = roster->n_officers, n_t = roster->n_intervals;
    g_autoptr(GPtrArray) order = g_ptr_array_new();
    for (guint k = 0; k < roster->shifts->len; k++)
        g_ptr_array_add(order, &g_array_index(roster->shifts, RpShift, k));
    g_ptr_array_sort(order, cmp_shift);
    g_autofree const RpShift **at = g_new0(const RpShift *, n_t);
    size_t k = 0;
    gint64 step = rp_centre_interval_s(input->centre);
    for (size_t i = 0; i < n_o; i++) {
        size_t first = k;
        memset(at, 0, n_t * sizeof *at);
        for (; k < order->len &&
               ((const RpShift *)g_ptr_array_index(order, k))->officer == i;
             k++) {
            const RpShift *sh = g_ptr_array_index(order, k);
            const RpShiftRules *rules;
            if (!check_shape(&c, sh, &rules) || !check_breaks(&c, sh, rules))
                return FALSE;
            for (gint64 u = sh->start_utc; u < sh->end_utc; u += step)
                at[(u - input->req->start_utc) / step] = sh;
        }
        const RpShift *const *mine =
            (const RpShift *const *)order->pdata + first;
        if (!check_week(&c, i, mine, k - first) ||
            !check_away(&c, i, mine, k - first))
            return FALSE;
        for (size_t t = 0; t < n_t; t++)
            if (!check_activity(&c, i, at[t], t))
                return FALSE;
        if (!check_blocks(&c, i, at))
            return FALSE;
    }
    return TRUE;
}
