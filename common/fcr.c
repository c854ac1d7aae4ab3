/* common/fcr.c - first contacts and repeats of each queue, per day.
 *
 * Key decision: the model works on daily totals per queue, not
 * intervals.  "Comes back after two working days" says nothing about the
 * hour, and a repeat on another queue (a web form chased by a call) has
 * that queue's pattern over the day, so a day's repeats scale the day as
 * a whole. */
#include "common/fcr.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "common/units.h"

#define MAX_RETURN_AFTER 20
#define MAX_ITERATIONS   1000
#define TOLERANCE        1e-12

/* ---- reading ---------------------------------------------------------- */

static gboolean
read_share(RpConfig *cfg, const char *group, const char *key, double *value,
           GError **error)
{
    const char *v = rp_config_get(cfg, group, key);
    if (v == NULL)
        return TRUE;
    if (!rp_parse_proportion(v, value, error)) {
        rp_config_prefix_error(cfg, error, group, key);
        return FALSE;
    }
    return TRUE;
}

static gboolean
read_days(RpConfig *cfg, const char *group, const char *key, int *days,
          GError **error)
{
    const char *v = rp_config_get(cfg, group, key);
    if (v == NULL)
        return TRUE;
    double x;
    if (!rp_parse_number(v, "a number of working days", &x, error)) {
        rp_config_prefix_error(cfg, error, group, key);
        return FALSE;
    }
    if (!(x >= 0.0 && x <= MAX_RETURN_AFTER) || fabs(x - round(x)) > 1e-9) {
        rp_config_error(cfg, error, group, key, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "%s is not a whole number of working days from 0 to "
                        "%d",
                        v, MAX_RETURN_AFTER);
        return FALSE;
    }
    *days = (int)lround(x);
    return TRUE;
}

/* The resolution must leave the chain of repeats finite. */
static gboolean
check_resolution(RpConfig *cfg, const char *group, const char *key,
                 double resolution, GError **error)
{
    if (isnan(resolution) || resolution > 0.0)
        return TRUE;
    rp_config_error(cfg, error, group, key, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "a resolution of 0%% means no contact is ever resolved "
                    "(it must be above 0%%)");
    return FALSE;
}

gboolean
rp_fcr_read(RpCentre *c, GError **error)
{
    static const char *const known[] = {"resolution", "returns", "return_after",
                                        NULL};
    RpConfig *cfg = c->config;
    const char *g = "first_contact";
    RpFirstContact all = {NAN, 1.0, 1, -1};
    if (!rp_config_check_keys(cfg, g, known, error) ||
        !read_share(cfg, g, "resolution", &all.resolution, error) ||
        !check_resolution(cfg, g, "resolution", all.resolution, error) ||
        !read_share(cfg, g, "returns", &all.returns, error) ||
        !read_days(cfg, g, "return_after", &all.return_after, error))
        return FALSE;
    for (guint i = 0; i < c->queues->len; i++) {
        RpQueue *q = g_ptr_array_index(c->queues, i);
        g_autofree char *group = g_strconcat("queue:", q->id, NULL);
        q->fcr = all;
        q->fcr.return_to = (int)i;
        if (!read_share(cfg, group, "fcr", &q->fcr.resolution, error) ||
            !check_resolution(cfg, group, "fcr", q->fcr.resolution, error) ||
            !read_share(cfg, group, "fcr_returns", &q->fcr.returns, error) ||
            !read_days(cfg, group, "fcr_return_after", &q->fcr.return_after,
                       error))
            return FALSE;
        const char *to = rp_config_get(cfg, group, "fcr_return_to");
        if (to) {
            q->fcr.return_to = rp_centre_queue_index(c, to);
            if (q->fcr.return_to < 0) {
                rp_config_error(cfg, error, group, "fcr_return_to",
                                RP_DATA_ERROR, RP_DATA_ERROR_UNKNOWN,
                                "'%s' is not a queue of the centre", to);
                return FALSE;
            }
        }
    }
    return TRUE;
}

double
rp_fcr_repeat_rate(const RpFirstContact *f)
{
    return isnan(f->resolution) ? 0.0 : f->returns * (1.0 - f->resolution);
}

gboolean
rp_centre_models_fcr(const RpCentre *c)
{
    for (guint i = 0; i < c->queues->len; i++)
        if (!isnan(rp_centre_queue(c, i)->fcr.resolution))
            return TRUE;
    return FALSE;
}

/* ---- the daily model ---------------------------------------------------- */

typedef struct {
    size_t nq, nd;  /* queues, days */
    gint64 day0;    /* local day number of day 0 */
    double *p;      /* per queue: repeat rate */
    int *to;        /* per queue: the queue repeats come back on */
    gint64 *target; /* nq x nd: the day index repeats of (q, d) land on,
                       or -1 (the queue returned to never opens) */
} Model;

static void
model_clear(Model *m)
{
    g_free(m->p);
    g_free(m->to);
    g_free(m->target);
}

/* The day index a repeat of day d lands on: the `after`-th working day
 * of `days` (n ascending day indices) after d, or d itself for 0 when it
 * is one; past the end it wraps round to the start. */
static gint64
landing(const gint64 *days, size_t n, gint64 d, int after)
{
    if (n == 0)
        return -1;
    size_t i = 0;
    while (i < n && (after == 0 ? days[i] < d : days[i] <= d))
        i++;
    size_t k = i + (size_t)(after > 0 ? after - 1 : 0);
    return days[k % n];
}

/* The model of `c`'s queues over the days of `v`, with each queue's rate
 * and return queue taken from `rates` (by id; NULL or missing: c's). */
static void
model_init(Model *m, const RpCentre *c, const RpCentre *rates,
           const RpVolumes *v)
{
    m->nq = c->queues->len;
    m->day0 = rp_centre_local_day(c, v->first);
    m->nd = (size_t)(rp_centre_local_day(c, v->last) - m->day0 + 1);
    m->p = g_new(double, m->nq);
    m->to = g_new(int, m->nq);
    m->target = g_new(gint64, m->nq * m->nd);
    g_autofree gint64 *days = g_new(gint64, m->nd);
    for (size_t q = 0; q < m->nq; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        const RpFirstContact *f = &queue->fcr;
        m->to[q] = f->return_to;
        int rq = rates ? rp_centre_queue_index(rates, queue->id) : -1;
        if (rq >= 0) {
            f = &rp_centre_queue(rates, (size_t)rq)->fcr;
            const char *to_id =
                rp_centre_queue(rates, (size_t)f->return_to)->id;
            int to = rp_centre_queue_index(c, to_id);
            m->to[q] = to >= 0 ? to : (int)q;
        }
        m->p[q] = rp_fcr_repeat_rate(f);
    }
    for (size_t q = 0; q < m->nq; q++) {
        size_t t = (size_t)m->to[q], n = 0;
        for (size_t d = 0; d < m->nd; d++)
            if (rp_centre_queue_open_day(c, t, m->day0 + (gint64)d))
                days[n++] = (gint64)d;
        for (size_t d = 0; d < m->nd; d++)
            m->target[q * m->nd + d] = landing(
                days, n, (gint64)d, rp_centre_queue(c, q)->fcr.return_after);
    }
}

/* Contacts per queue and day (nq x nd). */
static double *
daily_totals(const Model *m, const RpCentre *c, const RpVolumes *v)
{
    double *D = g_new0(double, m->nq * m->nd);
    for (size_t q = 0; q < m->nq; q++)
        for (guint i = 0; i < v->rows[q]->len; i++) {
            const RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
            gint64 d = rp_centre_local_day(c, r->start) - m->day0;
            D[q * m->nd + (size_t)d] += r->contacts;
        }
    return D;
}

/* R = the repeats that contacts D cause, where they land. */
static void
repeats(const Model *m, const double *D, double *R)
{
    memset(R, 0, m->nq * m->nd * sizeof *R);
    for (size_t q = 0; q < m->nq; q++) {
        if (!(m->p[q] > 0.0))
            continue;
        for (size_t d = 0; d < m->nd; d++) {
            gint64 t = m->target[q * m->nd + d];
            if (t >= 0)
                R[(size_t)m->to[q] * m->nd + (size_t)t] +=
                    m->p[q] * D[q * m->nd + d];
        }
    }
}

RpFcrSplit *
rp_fcr_split(const RpCentre *c, const RpVolumes *v)
{
    RpFcrSplit *out = g_new0(RpFcrSplit, c->queues->len);
    if (v->first > v->last)
        return out;
    Model m;
    model_init(&m, c, NULL, v);
    g_autofree double *D = daily_totals(&m, c, v);
    g_autofree double *R = g_new(double, m.nq *m.nd);
    repeats(&m, D, R);
    for (size_t q = 0; q < m.nq; q++)
        for (size_t d = 0; d < m.nd; d++) {
            out[q].contacts += D[q * m.nd + d];
            out[q].repeats += MIN(R[q * m.nd + d], D[q * m.nd + d]);
        }
    model_clear(&m);
    return out;
}

void
rp_fcr_rescale(const RpCentre *from, const RpCentre *to, RpVolumes *v)
{
    if (v->first > v->last ||
        (!rp_centre_models_fcr(from) && !rp_centre_models_fcr(to)))
        return;
    Model m0, m1;
    model_init(&m0, to, from, v);
    model_init(&m1, to, NULL, v);
    size_t n = m1.nq * m1.nd;
    g_autofree double *D0 = daily_totals(&m1, to, v);
    g_autofree double *F = g_new(double, n);
    g_autofree double *D1 = g_new(double, n);
    g_autofree double *R = g_new(double, n);
    repeats(&m0, D0, R);
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        F[i] = D0[i] - R[i]; /* not clamped: the same rates give D0 back */
        D1[i] = D0[i];
        total += D0[i];
    }
    /* D1 = F + repeats(D1): a contraction, as every rate is below 1 */
    for (int it = 0; it < MAX_ITERATIONS; it++) {
        repeats(&m1, D1, R);
        double change = 0.0;
        for (size_t i = 0; i < n; i++) {
            double next = F[i] + R[i];
            change = MAX(change, fabs(next - D1[i]));
            D1[i] = next;
        }
        if (change <= TOLERANCE * MAX(total, 1.0))
            break;
    }
    for (size_t q = 0; q < m1.nq; q++)
        for (guint i = 0; i < v->rows[q]->len; i++) {
            RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
            size_t k = q * m1.nd +
                       (size_t)(rp_centre_local_day(to, r->start) - m1.day0);
            if (D0[k] > 0.0)
                r->contacts *= MAX(D1[k], 0.0) / D0[k];
        }
    model_clear(&m0);
    model_clear(&m1);
}
