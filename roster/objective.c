/* roster/objective.c - the objective (1) of a finished roster, counted
 * from its shifts and activities alone.
 *
 * This is deliberately a second, plain count, independent of the running
 * totals the search keeps (state.c): the figure reported for a rota is
 * always the one its printed shifts and activities give, and the tests
 * compare the two. */
#include <math.h>

#include "common/units.h"
#include "roster/roster_int.h"

RpRoster *
rp_roster_new(size_t n_officers, size_t n_intervals)
{
    RpRoster *r = g_new0(RpRoster, 1);
    r->n_officers = n_officers;
    r->n_intervals = n_intervals;
    r->shifts = g_array_new(FALSE, FALSE, sizeof(RpShift));
    r->activity = g_new(gint16, n_officers * n_intervals);
    for (size_t k = 0; k < n_officers * n_intervals; k++)
        r->activity[k] = RP_ACT_OFF;
    return r;
}

void
rp_roster_free(RpRoster *roster)
{
    if (roster == NULL)
        return;
    g_array_unref(roster->shifts);
    g_free(roster->activity);
    g_free(roster);
}

static int
interval_of(const RpProblem *p, gint64 utc)
{
    return (int)((utc - p->start_utc) / p->step_s);
}

/* Pay, preferences and fair-share hours of the shifts. */
static void
count_shifts(const RpProblem *p, const RpRoster *roster, RpObjective *obj,
             double *fair_hours)
{
    const RpClock *clock = p->in->centre->clock;
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        int t0 = interval_of(p, sh->start_utc),
            t1 = interval_of(p, sh->end_utc);
        gint64 day = p->day_number[sh->day];
        for (int t = t0; t < t1; t++) {
            gint64 at = p->start_utc + t * p->step_s;
            gboolean unpaid = FALSE;
            for (int b = 0; b < sh->n_breaks; b++)
                unpaid |= !sh->break_paid[b] && at >= sh->break_start_utc[b] &&
                          at < sh->break_end_utc[b];
            if (!unpaid)
                obj->pay += rp_pay(p, sh->officer, t);
            if (p->evening[t])
                fair_hours[sh->officer * 2] += p->hours;
            if (rp_weekday(day) >= 5)
                fair_hours[sh->officer * 2 + 1] += p->hours;
        }
        obj->preferences += rp_preference_cost(
            p, sh->officer, sh->day, rp_local_minute(clock, day, sh->start_utc),
            rp_local_minute(clock, day, sh->end_utc));
    }
}

/* Changes of position and start times beyond the first, (6): counted
 * from the rota's rows and shifts. */
static void
count_positions(const RpProblem *p, const RpRoster *roster, RpObjective *obj)
{
    const RpClock *clock = p->in->centre->clock;
    for (size_t i = 0; i < p->n_o; i++) {
        const gint16 *row = roster->activity + i * p->n_t;
        for (size_t t = 1; t < p->n_t; t++) {
            int a = row[t - 1], b = row[t];
            if (!rp_is_position(a) || !rp_is_position(b))
                continue;
            int qa = a >= 0 ? rp_problem_queue(p, a) : a;
            int qb = b >= 0 ? rp_problem_queue(p, b) : b;
            obj->changes += rp_position(p, qa) != rp_position(p, qb);
        }
    }
    /* (officer, start minute) pairs seen, and officers seen */
    g_autoptr(GHashTable) pairs = g_hash_table_new(NULL, NULL);
    g_autoptr(GHashTable) who = g_hash_table_new(NULL, NULL);
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        int m = rp_local_minute(clock, p->day_number[sh->day], sh->start_utc);
        gpointer pair = GSIZE_TO_POINTER(sh->officer * 2048 + (size_t)m + 1);
        gpointer officer = GSIZE_TO_POINTER(sh->officer + 1);
        if (g_hash_table_add(pairs, pair) && !g_hash_table_add(who, officer))
            obj->extra_starts++;
    }
    obj->positions = p->change_price * (double)obj->changes +
                     p->start_price * (double)obj->extra_starts;
}

void
rp_problem_evaluate(const RpProblem *p, const RpRoster *roster,
                    RpObjective *obj)
{
    g_autofree double *supply = g_new0(double, p->n_q * p->n_t);
    g_autofree double *dsupply = g_new0(double, p->n_q * p->n_d);
    g_autofree double *fair_hours = g_new0(double, p->n_o * 2);
    double idle = 0.0, surplus = 0.0, shortage = 0.0;
    *obj = (RpObjective){0};
    count_shifts(p, roster, obj, fair_hours);
    count_positions(p, roster, obj);
    for (size_t i = 0; i < p->n_o; i++) {
        const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
        for (size_t t = 0; t < p->n_t; t++) {
            int a = roster->activity[i * p->n_t + t];
            int q = a >= 0 ? rp_problem_queue(p, a) : -1;
            if (q < 0) {
                idle += a == RP_ACT_IDLE || a >= 0;
                continue;
            }
            supply[(size_t)q * p->n_t + t] += o->skill[a];
            if (p->q[q].deferred)
                dsupply[(size_t)q * p->n_d + (size_t)p->day_of[t]] +=
                    o->skill[a];
        }
    }
    for (size_t q = 0; q < p->n_q; q++) {
        size_t n = p->q[q].deferred ? p->n_d : p->n_t;
        const double *r = p->q[q].deferred ? p->dreq : p->req;
        const double *s = p->q[q].deferred ? dsupply : supply;
        for (size_t k = q * n; k < (q + 1) * n; k++) {
            double gap = r[k] - s[k];
            if (gap > 0.0) {
                shortage += gap;
                obj->understaffing +=
                    rp_short_cost(gap, rp_cover_price(p, q, k - q * n));
            } else {
                surplus -= gap;
            }
        }
    }
    obj->overstaffing = p->over * (surplus + idle);
    obj->short_hours = shortage * p->hours;
    obj->over_hours = (surplus + idle) * p->hours;
    obj->unfairness = rp_unfairness(p, fair_hours);
    obj->total = obj->understaffing + obj->pay + obj->overstaffing +
                 obj->preferences + obj->unfairness + obj->positions;
}

void
rp_roster_evaluate(const RpRosterInput *input, const RpRoster *roster,
                   RpObjective *objective)
{
    g_return_if_fail(input != NULL && roster != NULL && objective != NULL);
    g_autoptr(RpProblem) p = rp_problem_compile(input);
    rp_problem_evaluate(p, roster, objective);
}
