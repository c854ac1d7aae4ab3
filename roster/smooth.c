/* roster/smooth.c - fewer changes of position in a finished rota, at no
 * cost to it.
 *
 * The search decides, interval by interval, how many officers of what
 * proficiency work each queue; which of two officers at the same site
 * takes which of two activities is often left to chance, so rotas move
 * officers between the desk and the phones every quarter-hour.  Swapping
 * the activities of two officers in one interval changes nothing the
 * objective counts when each officer is exactly as proficient at the
 * other's queue as the other is (the cover of every queue stays the same
 * to the last digit, and shifts, breaks and pay do not move), and the
 * rules still hold (same site, same interval, a skill the other holds at
 * the same level).  So swaps are made wherever they lower the number of
 * changes of position around the interval (and so the price of (6)),
 * keeping every block at least min_block long, until none does.  With calls
 * routed by skill every phone line is one position, "phones". */
#include <math.h>

#include "roster/roster_int.h"

#define ON_PHONES (-100) /* the position of any phone line, by skill */

typedef struct {
    const RpRosterInput *in;
    RpRoster *ro;
    int least;  /* min_block (intervals) */
    int *site;  /* [i * n_t + t]: site of the officer's shift, -1 off */
    int *phone; /* per queue: 1 for phone lines pooled by skill */
} Smooth;

/* The position activity `a` holds: breaks and off time hold none. */
static gboolean
is_position(int a)
{
    return a >= 0 || a == RP_ACT_IDLE;
}

static int
position(const Smooth *s, int a)
{
    return a >= 0 && s->phone[a] ? ON_PHONES : a;
}

/* Changes of position officer i makes around interval t if it held `a`
 * there. */
static int
changes(const Smooth *s, size_t i, size_t t, int a)
{
    size_t n_t = s->ro->n_intervals;
    const gint16 *act = s->ro->activity + i * n_t;
    int n = 0, p = position(s, a);
    if (t > 0 && is_position(act[t - 1]) && position(s, act[t - 1]) != p)
        n++;
    if (t + 1 < n_t && is_position(act[t + 1]) && position(s, act[t + 1]) != p)
        n++;
    return n;
}

static double
skill_of(const Smooth *s, size_t i, int a)
{
    if (a < 0)
        return 0.0;
    const RpOfficer *o = g_ptr_array_index(s->in->officers, i);
    return o->skill[a];
}

/* TRUE when officers i and j may swap activities a (i's) and b (j's)
 * with every queue's cover unchanged. */
static gboolean
swappable(const Smooth *s, size_t i, size_t j, int a, int b)
{
    return fabs(skill_of(s, i, b) - skill_of(s, j, b)) < 1e-12 &&
           fabs(skill_of(s, j, a) - skill_of(s, i, a)) < 1e-12;
}

/* TRUE when the blocks of officer i around interval t keep the minimum
 * (a block between two other positions lasts `least` intervals). */
static gboolean
blocks_ok(const Smooth *s, size_t i, size_t t)
{
    size_t n_t = s->ro->n_intervals;
    const gint16 *act = s->ro->activity + i * n_t;
    for (size_t u = t > 0 ? t - 1 : t; u <= t + 1 && u < n_t; u++) {
        if (!is_position(act[u]))
            continue;
        int p = position(s, act[u]);
        size_t b0 = u, b1 = u + 1;
        while (b0 > 0 && is_position(act[b0 - 1]) &&
               position(s, act[b0 - 1]) == p)
            b0--;
        while (b1 < n_t && is_position(act[b1]) && position(s, act[b1]) == p)
            b1++;
        if (b0 > 0 && is_position(act[b0 - 1]) && b1 < n_t &&
            is_position(act[b1]) && (int)(b1 - b0) < s->least)
            return FALSE;
    }
    return TRUE;
}

/* One swap in interval t that lowers the changes of officer i, if any. */
static gboolean
improve(Smooth *s, size_t i, size_t t)
{
    size_t n_o = s->ro->n_officers, n_t = s->ro->n_intervals;
    gint16 *act = s->ro->activity;
    int a = act[i * n_t + t];
    if (!is_position(a) || changes(s, i, t, a) == 0)
        return FALSE;
    for (size_t j = 0; j < n_o; j++) {
        int b = act[j * n_t + t];
        if (j == i || !is_position(b) || position(s, b) == position(s, a) ||
            s->site[j * n_t + t] != s->site[i * n_t + t] ||
            !swappable(s, i, j, a, b))
            continue;
        int before = changes(s, i, t, a) + changes(s, j, t, b);
        int after = changes(s, i, t, b) + changes(s, j, t, a);
        if (after < before) {
            /* no block that kept the minimum may lose it */
            gboolean ok_i = blocks_ok(s, i, t), ok_j = blocks_ok(s, j, t);
            act[i * n_t + t] = (gint16)b;
            act[j * n_t + t] = (gint16)a;
            if ((blocks_ok(s, i, t) || !ok_i) && (blocks_ok(s, j, t) || !ok_j))
                return TRUE;
            act[i * n_t + t] = (gint16)a;
            act[j * n_t + t] = (gint16)b;
        }
    }
    return FALSE;
}

/* Per queue: 1 for a phone line that, calls routed by skill, is one
 * position with the other lines.  (transfer full) */
static int *
pooled_lines(const RpCentre *c)
{
    int *phone = g_new0(int, c->queues->len + 1);
    for (guint q = 0; q < c->queues->len; q++)
        phone[q] = c->routing == RP_ROUTING_SKILLS &&
                   rp_centre_queue(c, q)->channel == RP_CHANNEL_PHONE;
    return phone;
}

void
rp_roster_smooth(const RpRosterInput *in, RpRoster *ro)
{
    const RpCentre *c = in->centre;
    size_t n_o = ro->n_officers, n_t = ro->n_intervals;
    gint64 step = rp_centre_interval_s(c);
    Smooth s = {in, ro, MAX(1, c->rules->min_block_min / c->interval_min),
                g_new(int, n_o *n_t + 1), pooled_lines(c)};
    for (size_t k = 0; k < n_o * n_t; k++)
        s.site[k] = -1;
    for (guint k = 0; k < ro->shifts->len; k++) {
        const RpShift *sh = &g_array_index(ro->shifts, RpShift, k);
        for (gint64 u = sh->start_utc; u < sh->end_utc; u += step) {
            gint64 t = (u - in->req->start_utc) / step;
            if (t >= 0 && (size_t)t < n_t)
                s.site[sh->officer * n_t + (size_t)t] = sh->site;
        }
    }
    /* each swap lowers the (finite) count of changes: this ends */
    for (gboolean more = TRUE; more;) {
        more = FALSE;
        for (size_t t = 0; t < n_t; t++)
            for (size_t i = 0; i < n_o; i++)
                more |= improve(&s, i, t);
    }
    g_free(s.site);
    g_free(s.phone);
}

size_t
rp_roster_position_changes(const RpRosterInput *in, const RpRoster *ro)
{
    size_t n_t = ro->n_intervals, n = 0;
    g_autofree int *phone = pooled_lines(in->centre);
    Smooth s = {in, (RpRoster *)(void *)(gsize)ro, 1, NULL, phone};
    for (size_t i = 0; i < ro->n_officers; i++) {
        int last = RP_ACT_OFF;
        for (size_t t = 0; t < n_t; t++) {
            int a = ro->activity[i * n_t + t];
            if (a == RP_ACT_OFF) {
                last = RP_ACT_OFF;
                continue;
            }
            if (!is_position(a))
                continue;
            if (is_position(last) && position(&s, last) != position(&s, a))
                n++;
            last = a;
        }
    }
    return n;
}
