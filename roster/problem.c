/* roster/problem.c - compiling the inputs into the roster model.
 *
 * Shift shapes are enumerated per site and day without break positions:
 * a shape keeps each break's window, and the best position is chosen
 * when an officer's week is planned (week.c).  Enumerating positions too
 * would multiply the shapes by the product of the window sizes (hundreds
 * for a long shift) for nothing. */
#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"
#include "roster/roster_int.h"

void
rp_problem_free(RpProblem *p)
{
    if (p == NULL)
        return;
    g_free(p->minute);
    g_free(p->day_of);
    g_free(p->pay_factor);
    g_free(p->evening);
    g_free(p->q);
    g_free(p->req);
    g_free(p->price);
    g_free(p->open);
    g_free(p->dreq);
    g_free(p->dprice);
    g_free(p->whole);
    g_free(p->pos);
    if (p->shapes)
        g_array_unref(p->shapes);
    g_free(p->rate);
    g_free(p->min_paid);
    g_free(p->max_paid);
    g_free(p->max_days);
    g_free(p->prev_run);
    for (size_t i = 0; p->skills && i < p->n_o; i++)
        g_free(p->skills[i]);
    g_free(p->skills);
    g_free(p->n_skills);
    g_free(p->prof);
    g_free(p->blocked);
    g_free(p->must_work);
    g_free(p->pref_off);
    for (size_t k = 0; p->pref_win && k < p->n_o * p->n_d; k++)
        if (p->pref_win[k])
            g_array_unref(p->pref_win[k]);
    g_free(p->pref_win);
    g_free(p->allow_first);
    g_free(p->allow);
    g_free(p->reach);
    g_free(p->fair_share);
    g_free(p->fair_kind);
    g_free(p);
}

/* ---- the grid and the queues ------------------------------------------ */

static void
build_grid(RpProblem *p)
{
    const RpCentre *c = p->in->centre;
    const RpRosterDemand *req = p->in->req;
    const RpCosts *k = &c->costs;
    p->n_t = req->n_intervals;
    p->n_d = req->n_days;
    p->start_utc = req->start_utc;
    p->step_s = rp_centre_interval_s(c);
    p->hours = (double)p->step_s / 3600.0;
    p->minute = g_new(int, p->n_t);
    p->day_of = g_new(int, p->n_t);
    p->pay_factor = g_new(double, p->n_t);
    p->evening = g_new(gboolean, p->n_t);
    for (size_t d = 0; d <= p->n_d; d++) {
        gint64 m = rp_local_midnight(c->clock, req->first_day + (gint64)d);
        p->day_first[d] = (int)((m - p->start_utc) / p->step_s);
        if (d < p->n_d)
            p->day_number[d] = req->first_day + (gint64)d;
    }
    for (size_t d = 0; d < p->n_d; d++) {
        int wd = rp_weekday(p->day_number[d]);
        for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++) {
            gint64 utc = p->start_utc + t * p->step_s;
            p->day_of[t] = (int)d;
            p->minute[t] = rp_local_minute(c->clock, p->day_number[d], utc);
            p->evening[t] = p->minute[t] >= k->evening_after_min;
            double prem = p->evening[t] ? k->evening_premium : 0.0;
            if (wd == 5)
                prem = MAX(prem, k->saturday_premium);
            if (wd == 6)
                prem = MAX(prem, k->sunday_premium);
            p->pay_factor[t] = p->hours * (1.0 + prem);
        }
    }
}

/* Adds `extra` to the slopes of F beyond `d` officers short, splitting
 * the segment that `d` falls inside. */
static void
add_beyond(RpPrice *g, double d, double extra)
{
    int k = rp_price_segment(d, g);
    if (d > g->b[k]) {
        size_t tail = (size_t)(g->n - k - 1);
        memmove(&g->g[k + 2], &g->g[k + 1], tail * sizeof g->g[0]);
        memmove(&g->b[k + 2], &g->b[k + 1], tail * sizeof g->b[0]);
        g->g[k + 1] = g->g[k];
        g->b[k + 1] = d;
        g->n++;
        k++;
    }
    for (; k < g->n; k++)
        g->g[k] += extra;
}

/* F of (3) from the weights w[0..n-1] (none: the flat price alone), with
 * the minimum's price beyond `below` officers short (NAN: no minimum),
 * and the share price: `share` more per officer-interval for each tenth
 * of the requirement `r` already short. */
static void
set_price(const RpProblem *p, RpPrice *g, const double *w, int n, double below,
          double r, double share)
{
    const RpObjectivePrices *pr = &p->in->centre->rules->prices;
    g->n = MAX(n, 1);
    for (int k = 0; k < g->n; k++) {
        g->b[k] = k;
        g->g[k] = p->hours * pr->understaffed_hour +
                  (k < n ? pr->missed_contact * w[k] : 0.0);
    }
    if (!isnan(below))
        add_beyond(g, below, p->hours * pr->below_minimum_hour);
    if (r > 0.0 && share > 0.0)
        for (int j = 1; j < RP_SHARE_BANDS; j++)
            add_beyond(g, r * j / RP_SHARE_BANDS, share * (2 * j - 1));
    g->f[0] = 0.0;
    for (int k = 1; k < g->n; k++)
        g->f[k] = g->f[k - 1] + g->g[k - 1] * (g->b[k] - g->b[k - 1]);
}

/* Requirements, prices and opening of problem queue q; deferred work is
 * owed per day and priced at the day's average weight; an open phone
 * line or desk pays below_minimum_hour for each officer short of its
 * min_officers; every cell pays the share price on its own
 * requirement. */
static void
queue_cells(RpProblem *p, size_t q)
{
    const RpCentre *c = p->in->centre;
    const RpRosterDemand *req = p->in->req;
    size_t n_t = p->n_t, cq = (size_t)p->q[q].queue;
    const RpQueue *queue = rp_centre_queue(c, cq);
    double least = queue->min_officers;
    double share = p->hours * c->rules->prices.shortfall_share_hour *
                   queue->shortfall_weight;
    double wsum[RP_ROSTER_MAX_DAYS] = {0};
    for (size_t t = 0; t < n_t; t++) {
        size_t k = q * n_t + t, cell = cq * n_t + t;
        double r = req->required[cell];
        p->req[k] = r;
        p->open[k] = rp_centre_queue_open_at(
            c, cq, p->start_utc + (gint64)t * p->step_s);
        double below = p->open[k] && least > 0.0 ? MAX(0.0, r - least) : NAN;
        set_price(p, &p->price[t * p->n_q + q],
                  req->weights + cell * RP_ROSTER_MAX_WEIGHTS,
                  req->n_weights[cell], below, r, share);
        size_t d = (size_t)p->day_of[t];
        p->dreq[q * p->n_d + d] += r;
        wsum[d] += r * req->weights[cell * RP_ROSTER_MAX_WEIGHTS];
    }
    for (size_t d = 0; d < p->n_d; d++) {
        double r = p->dreq[q * p->n_d + d], w = r > 0.0 ? wsum[d] / r : 0.0;
        set_price(p, &p->dprice[q * p->n_d + d], &w, 1, NAN, r, share);
    }
}

static void
build_queues(RpProblem *p)
{
    const RpCentre *c = p->in->centre;
    const RpRosterDemand *req = p->in->req;
    size_t n_t = p->n_t;
    p->q = g_new0(RpPQueue, req->n_queues);
    for (size_t cq = 0; cq < req->n_queues; cq++) {
        gboolean listed = FALSE;
        for (size_t t = 0; t < n_t && !listed; t++)
            listed = req->line[cq * n_t + t] != 0;
        if (!listed)
            continue;
        const RpQueue *queue = rp_centre_queue(c, cq);
        p->q[p->n_q++] =
            (RpPQueue){.queue = (int)cq,
                       .deferred = rp_channel_is_deferred(queue->channel),
                       .site = queue->site};
    }
    p->req = g_new0(double, p->n_q *n_t);
    p->price = g_new0(RpPrice, p->n_q * n_t);
    p->open = g_new0(gboolean, p->n_q * n_t);
    p->dreq = g_new0(double, p->n_q * p->n_d);
    p->dprice = g_new0(RpPrice, p->n_q * p->n_d);
    p->over = p->hours * c->rules->prices.overstaffed_hour;
    for (size_t q = 0; q < p->n_q; q++)
        queue_cells(p, q);
    p->pos = g_new(int, p->n_q + 1);
    for (size_t q = 0; q < p->n_q; q++)
        p->pos[q] =
            c->routing == RP_ROUTING_SKILLS &&
                    rp_centre_queue(c, (size_t)p->q[q].queue)->channel ==
                        RP_CHANNEL_PHONE
                ? RP_POS_PHONES
                : (int)q;
    p->min_block = MAX(1, c->rules->min_block_min / c->interval_min);
    p->change_price = c->rules->prices.position_change;
    p->start_price = c->rules->prices.start_time_change;
}

/* ---- shift shapes ------------------------------------------------------ */

/* Adds the shape of `start_min`..+`length_min` at `site` on day `d`, if
 * it exists on the grid that day. */
static void
add_shape(RpProblem *p, const RpShiftRules *r, int site, size_t d,
          int start_min, int length_min)
{
    const RpCentre *c = p->in->centre;
    int step_min = c->interval_min;
    gint64 utc[2];
    if (rp_clock_resolve(c->clock,
                         p->day_number[d] * 86400 + (gint64)start_min * 60,
                         utc) == 0)
        return; /* the clocks skip that time */
    RpShape h = {.site = site,
                 .day = (int)d,
                 .start = (int)((utc[0] - p->start_utc) / p->step_s),
                 .len = length_min / step_min,
                 .start_min = start_min,
                 .weekend = rp_weekday(p->day_number[d]) >= 5};
    if (h.start + h.len > p->day_first[d + 1])
        return;
    h.end_min = rp_local_minute(c->clock, p->day_number[d],
                                utc[0] + (gint64)length_min * 60);
    const RpDayHours *hours = &r->hours.day[rp_weekday(p->day_number[d])];
    if (hours->n_spans == 0 || start_min < hours->open_min[0] ||
        h.end_min > hours->close_min[hours->n_spans - 1])
        return;
    h.paid = h.len;
    for (size_t b = 0; b < r->n_breaks; b++) {
        const RpBreakRule *br = &r->breaks[b];
        if (length_min <= br->over_min)
            continue;
        int lo, hi, k = h.n_breaks++;
        rp_break_window(br, length_min, &lo, &hi);
        h.brk_len[k] = br->length_min / step_min;
        h.brk_paid[k] = br->paid;
        h.brk_rule[k] = (int)b;
        h.brk_lo[k] = h.start + MAX(lo / step_min, 1);
        h.brk_hi[k] = h.start + MIN(hi / step_min, h.len - h.brk_len[k] - 1);
        if (!br->paid)
            h.paid -= h.brk_len[k];
    }
    for (int t = h.start; t < h.start + h.len; t++)
        h.evening += p->evening[t];
    g_array_append_val(p->shapes, h);
}

static int
cmp_int(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Rest classes (week.c): a shape of day d-1 may precede a shape of day d
 * when its end class is at most the latter's start class. */
static void
build_rest_classes(RpProblem *p)
{
    gint64 rest_s = (gint64)p->in->centre->rules->work.min_rest_min * 60;
    int rest_n = (int)((rest_s + p->step_s - 1) / p->step_s);
    for (size_t d = 0; d < p->n_d; d++)
        p->n_classes[d] = 1;
    for (size_t d = 1; d < p->n_d; d++) {
        g_autoptr(GArray) theta = g_array_new(FALSE, FALSE, sizeof(int));
        for (int h = p->shape_first[d]; h < p->shape_first[d + 1]; h++) {
            int th = rp_shape(p, h)->start - rest_n;
            g_array_append_val(theta, th);
        }
        g_array_sort(theta, cmp_int);
        /* raw class of an end e: how many distinct thresholds lie below e */
        g_autoptr(GArray) used = g_array_new(FALSE, FALSE, sizeof(int));
        int zero = 0;
        g_array_append_val(used, zero);
        for (int h = p->shape_first[d - 1]; h < p->shape_first[d]; h++) {
            RpShape *s = &g_array_index(p->shapes, RpShape, h);
            int e = s->start + s->len, raw = 0;
            for (guint k = 0; k < theta->len; k++)
                if (g_array_index(theta, int, k) < e &&
                    (k == 0 || g_array_index(theta, int, k) !=
                                   g_array_index(theta, int, k - 1)))
                    raw++;
            s->end_class = raw;
            g_array_append_val(used, raw);
        }
        g_array_sort(used, cmp_int);
        g_autoptr(GArray) u = g_array_new(FALSE, FALSE, sizeof(int));
        for (guint k = 0; k < used->len; k++)
            if (k == 0 ||
                g_array_index(used, int, k) != g_array_index(used, int, k - 1))
                g_array_append_val(u, g_array_index(used, int, k));
        p->n_classes[d - 1] = (int)u->len;
        for (int h = p->shape_first[d - 1]; h < p->shape_first[d]; h++) {
            RpShape *s = &g_array_index(p->shapes, RpShape, h);
            for (guint k = 0; k < u->len; k++)
                if (g_array_index(u, int, k) == s->end_class)
                    s->end_class = (int)k;
        }
        for (int h = p->shape_first[d]; h < p->shape_first[d + 1]; h++) {
            RpShape *s = &g_array_index(p->shapes, RpShape, h);
            int th = s->start - rest_n, raw = 0;
            for (guint k = 0; k < theta->len; k++)
                if (g_array_index(theta, int, k) < th &&
                    (k == 0 || g_array_index(theta, int, k) !=
                                   g_array_index(theta, int, k - 1)))
                    raw++;
            int j = 0;
            while (j + 1 < (int)u->len &&
                   g_array_index(u, int, (guint)j + 1) <= raw)
                j++;
            s->start_class = j;
        }
    }
    for (int h = p->shape_first[p->n_d - 1]; h < p->shape_first[p->n_d]; h++)
        g_array_index(p->shapes, RpShape, h).end_class = 0;
    for (int h = p->shape_first[0]; h < p->shape_first[1]; h++)
        g_array_index(p->shapes, RpShape, h).start_class = 0;
}

static void
build_shapes(RpProblem *p)
{
    const RpCentre *c = p->in->centre;
    p->shapes = g_array_new(FALSE, FALSE, sizeof(RpShape));
    p->n_sites = c->sites->len;
    for (size_t d = 0; d < p->n_d; d++) {
        p->shape_first[d] = (int)p->shapes->len;
        for (size_t s = 0; s < c->sites->len; s++) {
            const RpShiftRules *r = rp_rules_site(c, s);
            if (r == NULL ||
                !rp_centre_site_open_day(c, (int)s, p->day_number[d]))
                continue;
            for (guint a = 0; a < r->starts->len; a++)
                for (guint b = 0; b < r->lengths->len; b++)
                    add_shape(p, r, (int)s, d, g_array_index(r->starts, int, a),
                              g_array_index(r->lengths, int, b));
        }
    }
    p->shape_first[p->n_d] = (int)p->shapes->len;
    build_rest_classes(p);
}

/* ---- officers ------------------------------------------------------------ */

/* Could officer o work some shift on local day `day`, leave aside: a
 * start and length one of their sites allows that day, inside its staff
 * hours, keeping to their evenings and weekends? */
static gboolean
could_work(const RpCentre *c, const RpOfficer *o, gint64 day)
{
    int wd = rp_weekday(day);
    if (!o->weekends && wd >= 5)
        return FALSE;
    for (size_t s = 0; s < c->sites->len; s++) {
        const RpShiftRules *r = rp_rules_site(c, s);
        if (!(o->sites & (G_GUINT64_CONSTANT(1) << s)) || r == NULL ||
            !rp_centre_site_open_day(c, (int)s, day))
            continue;
        const RpDayHours *h = &r->hours.day[wd];
        if (h->n_spans == 0)
            continue;
        int last = o->evenings ? h->close_min[h->n_spans - 1]
                               : MIN(h->close_min[h->n_spans - 1],
                                     c->costs.evening_after_min);
        for (guint a = 0; a < r->starts->len; a++)
            for (guint b = 0; b < r->lengths->len; b++) {
                int from = g_array_index(r->starts, int, a);
                if (from >= h->open_min[0] &&
                    from + g_array_index(r->lengths, int, b) <= last)
                    return TRUE;
            }
    }
    return FALSE;
}

static gboolean
holiday_paid(const RpCentre *c, gint64 day)
{
    return c->rules->holiday_pro_rata && rp_weekday(day) < 5 &&
           !rp_centre_site_open_day(c, -1, day);
}

void
rp_contract_limits(const RpRosterInput *in, size_t i, int *min_paid,
                   int *max_paid)
{
    const RpOfficer *o = g_ptr_array_index(in->officers, i);
    const RpCentre *c = in->centre;
    const RpRosterDemand *req = in->req;
    double per_day = o->contract_h * 60.0 / o->max_days, credit = 0.0;
    /* A weekday of the rota's ISO week on which the whole centre is shut
     * (a bank holiday, a closure date) is paid leave pro rata: a fifth of
     * the contract, as a full-timer's 37h gives 7h24m (the usual UK
     * reckoning for part-timers).  It counts whether or not the rota's
     * requirements reach that day (a closed Monday has none), and absence
     * on it adds nothing more. */
    gint64 monday = req->first_day - rp_weekday(req->first_day);
    for (gint64 day = monday; day < monday + 5; day++)
        if (holiday_paid(c, day))
            credit += o->contract_h * 60.0 / 5.0;
    for (size_t d = 0; d < req->n_days; d++) {
        gint64 day = req->first_day + (gint64)d;
        if (day < monday + 5 && holiday_paid(c, day))
            continue;
        if (!could_work(c, o, day))
            continue; /* leave on a day off anyway takes nothing off */
        gint64 from = rp_local_midnight(c->clock, day);
        gint64 to = rp_local_midnight(c->clock, day + 1);
        double day_min = 0.0;
        for (guint k = 0; k < in->away->len; k++) {
            const RpAway *a = g_ptr_array_index(in->away, k);
            if (a->officer != i || a->kind != RP_AWAY_ABSENCE)
                continue;
            gint64 lo = MAX(from, a->start_utc), hi = MIN(to, a->end_utc);
            if (hi > lo)
                day_min += (double)(hi - lo) / 60.0;
        }
        credit += MIN(day_min, per_day);
    }
    double step = c->interval_min;
    *min_paid = (int)lround(MAX(0.0, o->min_paid_min - credit) / step);
    *max_paid = (int)lround(MAX(0.0, o->max_paid_min - credit) / step);
}

static void
mark_away(RpProblem *p)
{
    const RpRosterInput *in = p->in;
    for (guint k = 0; k < in->away->len; k++) {
        const RpAway *a = g_ptr_array_index(in->away, k);
        guint8 mark = a->kind == RP_AWAY_ABSENCE ? 1 : 2;
        for (size_t t = 0; t < p->n_t; t++) {
            gint64 lo = p->start_utc + (gint64)t * p->step_s;
            if (lo < a->end_utc && a->start_utc < lo + p->step_s) {
                p->blocked[a->officer * p->n_t + t] = mark;
                if (mark == 2)
                    p->must_work[a->officer * p->n_d + (size_t)p->day_of[t]] =
                        TRUE;
            }
        }
    }
}

static void
mark_preferences(RpProblem *p)
{
    const RpRosterInput *in = p->in;
    p->pref_off = g_new0(double, p->n_o * p->n_d);
    p->pref_win = g_new0(GArray *, p->n_o * p->n_d);
    for (guint k = 0; k < in->preferences->len; k++) {
        const RpPreference *pr = g_ptr_array_index(in->preferences, k);
        for (size_t d = 0; d < p->n_d; d++) {
            gint64 day = p->day_number[d];
            if (pr->day != day && pr->weekday != rp_weekday(day))
                continue;
            size_t cell = pr->officer * p->n_d + d;
            if (pr->off) {
                p->pref_off[cell] += pr->weight;
                continue;
            }
            if (p->pref_win[cell] == NULL)
                p->pref_win[cell] =
                    g_array_new(FALSE, FALSE, sizeof(RpPreference *));
            g_array_append_val(p->pref_win[cell], pr);
        }
    }
}

/* May officer `i` work shape `h`, breaks aside? */
static gboolean
shape_allowed(const RpProblem *p, size_t i, const RpShape *h)
{
    const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
    const guint8 *blocked = p->blocked + i * p->n_t;
    if (!(o->sites & (G_GUINT64_CONSTANT(1) << h->site)) ||
        (!o->evenings && h->evening > 0) || (!o->weekends && h->weekend))
        return FALSE;
    for (int t = h->start; t < h->start + h->len; t++)
        if (blocked[t] == 1)
            return FALSE;
    /* every commitment of the day lies inside the shift */
    for (int t = p->day_first[h->day]; t < p->day_first[h->day + 1]; t++)
        if (blocked[t] == 2 && (t < h->start || t >= h->start + h->len))
            return FALSE;
    const gint64 *prev = p->in->prev_end_utc;
    gint64 rest_s = (gint64)p->in->centre->rules->work.min_rest_min * 60;
    return h->day > 0 || prev == NULL || prev[i] == G_MININT64 ||
           p->start_utc + h->start * p->step_s - prev[i] >= rest_s;
}

static void
build_officers(RpProblem *p)
{
    const RpRosterInput *in = p->in;
    const RpCentre *c = in->centre;
    size_t n_o = p->n_o = in->officers->len;
    p->rate = g_new(double, n_o);
    p->min_paid = g_new(int, n_o);
    p->max_paid = g_new(int, n_o);
    p->max_days = g_new(int, n_o);
    p->prev_run = g_new0(int, n_o);
    p->max_run = c->rules->work.max_days_running;
    p->skills = g_new0(RpSkill *, n_o);
    p->n_skills = g_new0(size_t, n_o);
    p->prof = g_new0(double, n_o * p->n_q);
    p->blocked = g_new0(guint8, n_o * p->n_t);
    p->must_work = g_new0(gboolean, n_o * p->n_d);
    p->fair_share = g_new0(double, n_o);
    p->fair_kind = g_new0(gboolean, n_o * 2);
    p->reach = g_new0(guint8, n_o * p->n_t);
    mark_away(p);
    mark_preferences(p);
    g_autoptr(GArray) allow = g_array_new(FALSE, FALSE, sizeof(int));
    p->allow_first = g_new(int, n_o * p->n_d + 1);
    for (size_t i = 0; i < n_o; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        p->rate[i] = o->hourly_cost * (1.0 + c->costs.oncost);
        rp_contract_limits(in, i, &p->min_paid[i], &p->max_paid[i]);
        p->max_days[i] = o->max_days;
        if (in->prev_run)
            p->prev_run[i] = in->prev_run[i];
        p->skills[i] = g_new(RpSkill, p->n_q);
        for (size_t q = 0; q < p->n_q; q++) {
            double prof = o->skill[p->q[q].queue];
            p->prof[i * p->n_q + q] = prof;
            if (prof > 0.0)
                p->skills[i][p->n_skills[i]++] =
                    (RpSkill){.q = (int)q, .prof = prof};
        }
        for (size_t d = 0; d < p->n_d; d++) {
            p->allow_first[i * p->n_d + d] = (int)allow->len;
            for (int h = p->shape_first[d]; h < p->shape_first[d + 1]; h++) {
                const RpShape *s = rp_shape(p, h);
                if (!shape_allowed(p, i, s))
                    continue;
                g_array_append_val(allow, h);
                memset(p->reach + i * p->n_t + s->start, 1, (size_t)s->len);
                p->fair_kind[i * 2] |= s->evening > 0;
                p->fair_kind[i * 2 + 1] |= s->weekend;
            }
        }
        p->fair_share[i] = (p->min_paid[i] + p->max_paid[i]) * p->hours / 2;
    }
    p->allow_first[n_o * p->n_d] = (int)allow->len;
    p->allow = (int *)(void *)g_array_free(g_steal_pointer(&allow), FALSE);
}

/* ---- checks that stop the solve ------------------------------------------ */

/* Has officer i a lawful week once last week's rota is forgotten? */
static gboolean
lawful_without_previous(const RpProblem *p, size_t i)
{
    RpRosterInput alone = *p->in;
    alone.prev_end_utc = NULL;
    alone.prev_run = NULL;
    g_autoptr(RpProblem) q = rp_problem_compile(&alone);
    g_autoptr(RpWeek) w = rp_week_new(q);
    g_autofree double *zero = g_new0(double, q->n_sites * q->n_t);
    RpPlan plan;
    return isfinite(rp_week_best(w, i, zero, &plan));
}

/* Could officer i work some shift on day d once last week's rota is
 * forgotten (its rest rule is all that can bar day 0)? */
static gboolean
allowed_without_previous(const RpProblem *p, size_t i, size_t d)
{
    if (d > 0 || p->in->prev_end_utc == NULL)
        return FALSE;
    RpRosterInput alone = *p->in;
    alone.prev_end_utc = NULL;
    alone.prev_run = NULL;
    g_autoptr(RpProblem) q = rp_problem_compile(&alone);
    size_t cell = i * q->n_d + d;
    return q->allow_first[cell + 1] > q->allow_first[cell];
}

static gboolean
check_commitments(const RpProblem *p, GError **error)
{
    const RpRosterInput *in = p->in;
    for (guint k = 0; k < in->away->len; k++) {
        const RpAway *a = g_ptr_array_index(in->away, k);
        if (a->kind != RP_AWAY_COMMITMENT)
            continue;
        gint64 day = rp_local_day(in->centre->clock, a->start_utc);
        gint64 d = day - in->req->first_day;
        if (d < 0 || d >= (gint64)p->n_d)
            continue;
        size_t cell = a->officer * p->n_d + (size_t)d;
        if (p->allow_first[cell + 1] > p->allow_first[cell])
            continue;
        const RpOfficer *o = g_ptr_array_index(in->officers, a->officer);
        char date[16];
        rp_format_date(day, date, sizeof date);
        if (in->previous_path && in->prev_line &&
            in->prev_line[a->officer] > 0 &&
            allowed_without_previous(p, a->officer, (size_t)d)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s:%zu: end: officer %s finished last week too late "
                        "for the rest (rules: min_rest) before any shift on "
                        "%s that covers their %s (%s line %zu)",
                        in->previous_path, in->prev_line[a->officer], o->id,
                        date, a->reason, in->away_path, a->line);
            return FALSE;
        }
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s:%zu: start: no shift officer %s may work on %s "
                    "covers the %s (check the shift rules, the officer's "
                    "sites, evenings and weekends, and other absences that "
                    "day)",
                    in->away_path, a->line, o->id, date, a->reason);
        return FALSE;
    }
    return TRUE;
}

static gboolean
check_weeks(const RpProblem *p, GError **error)
{
    const RpRosterInput *in = p->in;
    g_autoptr(RpWeek) w = rp_week_new(p);
    g_autofree double *zero = g_new0(double, p->n_sites * p->n_t);
    for (size_t i = 0; i < p->n_o; i++) {
        RpPlan plan;
        if (isfinite(rp_week_best(w, i, zero, &plan)))
            continue;
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        if (in->previous_path && in->prev_line && in->prev_line[i] > 0 &&
            lawful_without_previous(p, i)) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "%s:%zu: end: officer %s has no lawful week after "
                        "last week's rota: %d days in a row and the rest "
                        "after this shift leave no way to work %.4gh to "
                        "%.4gh paid (after leave) in at most %d days "
                        "(rules: min_rest and max_days_running)",
                        in->previous_path, in->prev_line[i], o->id,
                        p->prev_run[i], p->min_paid[i] * p->hours,
                        p->max_paid[i] * p->hours, o->max_days);
            return FALSE;
        }
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "%s:%zu: min_hours: officer %s has no lawful week: "
                    "%.4gh to %.4gh paid (after leave) in at most %d days "
                    "cannot be made of the shifts their sites allow on the "
                    "days they are available",
                    in->officers_path, o->line, o->id,
                    p->min_paid[i] * p->hours, p->max_paid[i] * p->hours,
                    o->max_days);
        return FALSE;
    }
    return TRUE;
}

RpProblem *
rp_problem_compile(const RpRosterInput *in)
{
    g_return_val_if_fail(in != NULL && in->req != NULL, NULL);
    g_return_val_if_fail(in->officers->len > 0, NULL);
    RpProblem *p = g_new0(RpProblem, 1);
    p->in = in;
    build_grid(p);
    build_queues(p);
    build_shapes(p);
    build_officers(p);
    p->whole = rp_whole_prices(p);
    return p;
}

RpProblem *
rp_problem_new(const RpRosterInput *in, GError **error)
{
    /* the shift rules are checked here, where shifts are built: a centre
     * whose rules do not fit its grid can still forecast and staff */
    if (!rp_rules_check_shifts(in->centre, error))
        return NULL;
    g_autoptr(RpProblem) p = rp_problem_compile(in);
    if (p == NULL || !check_commitments(p, error) || !check_weeks(p, error))
        return NULL;
    return g_steal_pointer(&p);
}

/* ---- shared by the state, the evaluation and the bound ------------------ */

double
rp_preference_cost(const RpProblem *p, size_t i, size_t day, int start_min,
                   int end_min)
{
    size_t cell = i * p->n_d + day;
    double cost = p->pref_off[cell];
    const GArray *win = p->pref_win[cell];
    for (guint k = 0; win && k < win->len; k++) {
        const RpPreference *pr = g_array_index(win, RpPreference *, k);
        if (start_min < pr->from_min || end_min > pr->to_min)
            cost += pr->weight;
    }
    return cost;
}

int
rp_problem_queue(const RpProblem *p, int queue)
{
    for (size_t q = 0; q < p->n_q; q++)
        if (p->q[q].queue == queue)
            return (int)q;
    return -1;
}

double
rp_unfairness(const RpProblem *p, const double *fair_hours)
{
    double excess = 0.0;
    for (size_t k = 0; k < 2; k++) {
        double total = 0.0, shares = 0.0;
        for (size_t i = 0; i < p->n_o; i++)
            if (p->fair_kind[i * 2 + k]) {
                total += fair_hours[i * 2 + k];
                shares += p->fair_share[i];
            }
        if (!(shares > 0.0))
            continue;
        for (size_t i = 0; i < p->n_o; i++)
            if (p->fair_kind[i * 2 + k])
                excess += rp_unfair_hours(fair_hours[i * 2 + k] -
                                          total * p->fair_share[i] / shares);
    }
    return excess * p->in->centre->rules->prices.unfair_hour;
}

double
rp_unfair_hours(double e)
{
    if (!(e > 0.0))
        return 0.0;
    double k = floor(e);
    return k * (k + 1.0) / 2.0 + (k + 1.0) * (e - k);
}

/* ---- what no rota can meet ----------------------------------------------- */

/* [i * n_sites * n_t + s * n_t + t]: officer i could be at work at site s
 * in interval t (some allowed shape covers it, not committed). */
static guint8 *
site_reach(const RpProblem *p)
{
    size_t n = p->n_sites * p->n_t;
    guint8 *can = g_new0(guint8, p->n_o * n);
    for (size_t i = 0; i < p->n_o; i++)
        for (int a = p->allow_first[i * p->n_d];
             a < p->allow_first[(i + 1) * p->n_d]; a++) {
            const RpShape *h = rp_shape(p, p->allow[a]);
            for (int t = h->start; t < h->start + h->len; t++)
                can[i * n + (size_t)h->site * p->n_t + (size_t)t] =
                    p->blocked[i * p->n_t + (size_t)t] == 0;
        }
    return can;
}

/* Proficiency of the officers who could serve queue q at t. */
static double
possible(const RpProblem *p, const guint8 *can, size_t q, size_t t)
{
    const RpQueue *queue =
        rp_centre_queue(p->in->centre, (size_t)p->q[q].queue);
    double sum = 0.0;
    for (size_t i = 0; i < p->n_o; i++) {
        const RpOfficer *o = g_ptr_array_index(p->in->officers, i);
        double prof = o->skill[p->q[q].queue];
        if (prof <= 0.0)
            continue;
        for (size_t s = 0; s < p->n_sites; s++)
            if ((queue->site < 0 || queue->site == (int)s) &&
                can[i * p->n_sites * p->n_t + s * p->n_t + t]) {
                sum += prof;
                break;
            }
    }
    return sum;
}

static void
append_span(const RpProblem *p, GString *out, size_t from, size_t to)
{
    char date[16];
    size_t d = (size_t)p->day_of[from];
    int end = p->minute[to - 1] + (int)(p->step_s / 60);
    rp_format_date(p->day_number[d], date, sizeof date);
    g_string_append_printf(out, "%s%s %02d:%02d-%02d:%02d",
                           out->len ? ", " : "", date, p->minute[from] / 60,
                           p->minute[from] % 60, end / 60, end % 60);
}

/* Reasons for interval t of queue q: 0 none, 1 closed, 2 nobody, 3 too
 * few. */
static int
reason(const RpProblem *p, const guint8 *can, size_t q, size_t t, double *most)
{
    double r = p->req[q * p->n_t + t];
    if (r <= 1e-9)
        return 0;
    if (!p->open[q * p->n_t + t])
        return 1;
    *most = possible(p, can, q, t);
    return *most <= 0.0 ? 2 : *most < r - 1e-9 ? 3 : 0;
}

static void
queue_shortfalls(const RpProblem *p, const guint8 *can, size_t q,
                 GPtrArray *out)
{
    static const char *const why[] = {
        NULL, "officers are required while the queue is closed",
        "no officer with the skill can work then (skills, sites, shift "
        "rules, site hours, availability, evenings and weekends)",
        "fewer skilled officers can work then than are required (the "
        "worst interval of each span)"};
    const RpQueue *queue =
        rp_centre_queue(p->in->centre, (size_t)p->q[q].queue);
    for (int kind = 1; kind <= 3; kind++) {
        g_autoptr(GString) spans = g_string_new(NULL);
        double worst_need = 0.0, worst_have = 0.0;
        size_t n_spans = 0, from = 0;
        gboolean in_span = FALSE;
        for (size_t t = 0; t <= p->n_t; t++) {
            double most = 0.0;
            gboolean hit = t < p->n_t && reason(p, can, q, t, &most) == kind &&
                           (!in_span || p->day_of[t] == p->day_of[from]);
            if (hit && !in_span) {
                from = t;
                in_span = TRUE;
                worst_need = worst_have = 0.0;
            }
            if (hit && kind == 3 &&
                p->req[q * p->n_t + t] - most > worst_need - worst_have) {
                worst_need = p->req[q * p->n_t + t];
                worst_have = most;
            }
            if (!hit && in_span) {
                if (n_spans++ < 8) {
                    append_span(p, spans, from, t);
                    if (kind == 3)
                        g_string_append_printf(spans,
                                               " (%.3g required, at most "
                                               "%.3g possible)",
                                               worst_need, worst_have);
                }
                in_span = FALSE;
                if (t < p->n_t && reason(p, can, q, t, &most) == kind)
                    t--; /* a new day starts a new span */
            }
        }
        if (n_spans == 0)
            continue;
        if (n_spans > 8)
            g_string_append_printf(spans, " and %zu more", n_spans - 8);
        g_ptr_array_add(out, g_strdup_printf("queue %s: %s: %s", queue->id,
                                             spans->str, why[kind]));
    }
}

static void
deferred_shortfalls(const RpProblem *p, const guint8 *can, size_t q,
                    GPtrArray *out)
{
    const RpQueue *queue =
        rp_centre_queue(p->in->centre, (size_t)p->q[q].queue);
    for (size_t d = 0; d < p->n_d; d++) {
        double need = p->dreq[q * p->n_d + d], have = 0.0;
        if (need <= 1e-9)
            continue;
        for (int t = p->day_first[d]; t < p->day_first[d + 1]; t++)
            if (p->open[q * p->n_t + (size_t)t])
                have += possible(p, can, q, (size_t)t);
        if (have >= need - 1e-9)
            continue;
        char date[16];
        rp_format_date(p->day_number[d], date, sizeof date);
        g_ptr_array_add(
            out,
            g_strdup_printf("queue %s: %s: %.4g officer-hours of "
                            "deferred work, but skilled officers can "
                            "give at most %.4g while it is open",
                            queue->id, date, need * p->hours, have * p->hours));
    }
}

void
rp_problem_shortfalls(const RpProblem *p, GPtrArray *out)
{
    g_autofree guint8 *can = site_reach(p);
    for (size_t q = 0; q < p->n_q; q++) {
        if (p->q[q].deferred)
            deferred_shortfalls(p, can, q, out);
        else
            queue_shortfalls(p, can, q, out);
    }
    double need, most;
    rp_roster_week_hours(p->in, &need, &most);
    if (need > most + 1e-9)
        g_ptr_array_add(out, g_strdup_printf("the requirements add up to %.5g "
                                             "officer-hours, but the officers' "
                                             "maximum hours give at most %.5g "
                                             "(breaks included)",
                                             need * p->hours, most * p->hours));
}
