/* common/transfer.c - moving contacts between queues.
 *
 * Key decision: a moved contact keeps its time when the queue it moves
 * to is open then, so a service moving between phone lines keeps its
 * pattern over the day; only what arrives while the target is shut is
 * spread over the target's day, so no contact is planned for a closed
 * queue and none is lost on a day the target opens. */
#include "common/transfer.h"

#include <math.h>

/* Index of the row of `rows` (in time order) starting at `t`, or -1. */
static int
row_starting(const GArray *rows, gint64 t)
{
    guint lo = 0, hi = rows->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        gint64 m = g_array_index(rows, RpVolumeRow, mid).start;
        if (m == t)
            return (int)mid;
        if (m < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Adds `moved` contacts of handling time `aht_s` (NAN: the row's own)
 * to row r, blending the handling times. */
static void
row_add(RpVolumeRow *r, const RpQueue *q, double moved, double aht_s)
{
    if (!isnan(aht_s) && moved > 0.0) {
        double own = isnan(r->aht_s) ? q->aht_s : r->aht_s;
        r->aht_s = (r->contacts * own + moved * aht_s) / (r->contacts + moved);
    }
    r->contacts += moved;
}

/* Contacts of one source row waiting for a target shut at that time. */
static void
spill_add(GHashTable *spill, gint64 day, double moved)
{
    double *left = g_hash_table_lookup(spill, &day);
    if (left == NULL) {
        left = g_new0(double, 1);
        g_hash_table_insert(spill, g_memdup2(&day, sizeof day), left);
    }
    *left += moved;
}

static gint
by_start(gconstpointer a, gconstpointer b)
{
    const RpVolumeRow *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* Spreads `moved` over the target's rows of local day `day`: its open
 * ones by their contacts (evenly when they have none), else all of them. */
static void
spread_over_day(const RpCentre *c, GArray *trows, size_t t, const RpQueue *tq,
                gint64 day, double moved, double aht_s)
{
    for (int pass = 0; pass < 2; pass++) {
        double sum = 0.0;
        size_t n = 0;
        for (guint i = 0; i < trows->len; i++) {
            const RpVolumeRow *r = &g_array_index(trows, RpVolumeRow, i);
            if (rp_centre_local_day(c, r->start) == day &&
                (pass == 1 || rp_centre_queue_open_at(c, t, r->start))) {
                sum += r->contacts;
                n++;
            }
        }
        if (n == 0)
            continue;
        for (guint i = 0; i < trows->len; i++) {
            RpVolumeRow *r = &g_array_index(trows, RpVolumeRow, i);
            if (rp_centre_local_day(c, r->start) != day ||
                (pass == 0 && !rp_centre_queue_open_at(c, t, r->start)))
                continue;
            double w = sum > 0.0 ? r->contacts / sum : 1.0 / (double)n;
            row_add(r, tq, moved * w, aht_s);
        }
        return;
    }
}

void
rp_volumes_move(const RpCentre *c, RpVolumes *v, size_t source, size_t target,
                double share, double aht_s, gint64 first_day, gint64 last_day)
{
    g_return_if_fail(source != target && source < v->n_queues &&
                     target < v->n_queues);
    const RpQueue *tq = rp_centre_queue(c, target);
    GArray *rows = v->rows[source], *trows = v->rows[target];
    /* per local day: contacts arriving while the target is shut */
    g_autoptr(GHashTable) spill =
        g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    g_autoptr(GHashTable) fresh =
        g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
    for (guint i = 0; i < rows->len; i++) {
        RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
        gint64 day = rp_centre_local_day(c, r->start);
        if (day < first_day || day > last_day || !(r->contacts > 0.0))
            continue;
        double moved = share * r->contacts;
        r->contacts -= moved;
        int k = row_starting(trows, r->start);
        if (k >= 0) {
            row_add(&g_array_index(trows, RpVolumeRow, (guint)k), tq, moved,
                    aht_s);
        } else if (rp_centre_queue_open_at(c, target, r->start)) {
            RpVolumeRow *add = g_hash_table_lookup(fresh, &r->start);
            if (add == NULL) {
                add = g_new0(RpVolumeRow, 1);
                *add = (RpVolumeRow){r->start, 0.0, NAN, r->line};
                g_hash_table_insert(fresh, &add->start, add);
            }
            row_add(add, tq, moved, aht_s);
        } else {
            spill_add(spill, day, moved);
        }
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, fresh);
    while (g_hash_table_iter_next(&it, &key, &value))
        g_array_append_val(trows, *(RpVolumeRow *)value);
    if (g_hash_table_size(fresh) > 0)
        g_array_sort(trows, by_start);
    g_hash_table_iter_init(&it, spill);
    while (g_hash_table_iter_next(&it, &key, &value))
        spread_over_day(c, trows, target, tq, *(gint64 *)key, *(double *)value,
                        aht_s);
    for (guint i = 0; i < trows->len; i++) {
        gint64 t = g_array_index(trows, RpVolumeRow, i).start;
        v->first = MIN(v->first, t);
        v->last = MAX(v->last, t);
    }
}

RpVolumes *
rp_volumes_copy(const RpVolumes *v)
{
    RpVolumes *c = g_new0(RpVolumes, 1);
    c->path = g_strdup(v->path);
    c->n_queues = v->n_queues;
    c->rows = g_new0(GArray *, v->n_queues);
    for (size_t q = 0; q < v->n_queues; q++) {
        c->rows[q] = g_array_sized_new(FALSE, FALSE, sizeof(RpVolumeRow),
                                       v->rows[q]->len);
        g_array_append_vals(c->rows[q], v->rows[q]->data, v->rows[q]->len);
    }
    if (v->daily)
        c->daily = g_memdup2(v->daily, v->n_queues * sizeof *v->daily);
    c->gaps = g_array_new(FALSE, FALSE, sizeof(RpVolumeGap));
    if (v->gaps)
        g_array_append_vals(c->gaps, v->gaps->data, v->gaps->len);
    c->first = v->first;
    c->last = v->last;
    return c;
}
