/* roster/blocks.c - positions held in blocks: the activities of one
 * officer's shift chosen together, not interval by interval.
 *
 * Within a stretch of work (the intervals at work between two breaks,
 * commitments or the shift's ends) the officer holds one position after
 * another.  Each change of position costs change_price in (6), and a
 * block bounded by a change at both ends lasts at least min_block
 * intervals; the first and the last block of a stretch may be shorter
 * (they sit next to a break or the shift's start or end).  Given every
 * other officer, the cheapest sequence is a shortest path over
 *
 *   state (k, l): holding position k for l intervals so far, l capped
 *   at L = min_block;
 *   V(a, k, L) = c(a, k)                      (the first block is free to
 *                                              be short)
 *   V(t+1, k, min(l+1, L)) <- V(t, k, l) + c(t+1, k)
 *   V(t+1, k, 1) <- V(t, k', L) + change_price + c(t+1, k),  k' != k
 *   answer: min over k, l of V(e-1, k, l)     (the last may be short)
 *
 * with c(t, k) the change in (3)+(4) of holding k at t: the cheapest of
 * the position's queues (all phone lines, under routing by skill), or
 * the idle price.  For phone lines and desks the cells of different
 * intervals are independent, so the path is the exact best for the
 * officer; for deferred work, owed per day, c is the first officer's
 * marginal price and the running totals count the truth.  O(len x K x
 * (L + K)) per stretch, K the officer's positions.
 *
 * The path is the best for one officer given the rest, so two officers
 * can each be on their best path and still both change where trading
 * blocks would spare both: Ann on general then tax, Bob on tax then
 * general, when Ann is the better at tax and Bob at general.
 * rp_state_trade() tries, at each change of position, the block before
 * it and the block after it against what each other officer at work
 * then does over the same intervals, swapped, and keeps a trade that
 * lowers (1) with every block still at least min_block.  On the sample
 * council's week (seeds 1 to 4) the rotas end with 82 to 86 changes of
 * position where they had 104 to 121 without it. */
#include <math.h>
#include <string.h>

#include "roster/roster_int.h"

struct RpBlocks {
    size_t max_k, max_len;
    int *posn;     /* [k] the positions officer i may hold */
    double *cost;  /* [t * max_k + k] c(t, k), INFINITY: cannot */
    int *queue;    /* [t * max_k + k] the queue that gives it, or idle */
    double *v;     /* [(t * max_k + k) * L + l - 1] V */
    int *from;     /* [same] the previous state, -1 at the start */
    gint16 *saved; /* [2 * max_len] activities before a trial */
};

RpBlocks *
rp_blocks_new(const RpProblem *p)
{
    RpBlocks *b = g_new0(RpBlocks, 1);
    for (size_t i = 0; i < p->n_o; i++)
        b->max_k = MAX(b->max_k, p->n_skills[i] + 1);
    b->max_len = p->n_t / MAX(p->n_d, 1) + 1;
    for (guint h = 0; h < p->shapes->len; h++)
        b->max_len = MAX(b->max_len, (size_t)rp_shape(p, (int)h)->len);
    size_t cells = b->max_len * b->max_k, L = (size_t)p->min_block;
    b->posn = g_new(int, b->max_k);
    b->cost = g_new(double, cells);
    b->queue = g_new(int, cells);
    b->v = g_new(double, cells *L);
    b->from = g_new(int, cells *L);
    b->saved = g_new(gint16, 2 * b->max_len);
    return b;
}

void
rp_blocks_free(RpBlocks *b)
{
    if (b == NULL)
        return;
    g_free(b->posn);
    g_free(b->cost);
    g_free(b->queue);
    g_free(b->v);
    g_free(b->from);
    g_free(b->saved);
    g_free(b);
}

/* The positions officer i may hold: those of their queues, and idle. */
static size_t
positions_of(const RpProblem *p, RpBlocks *b, size_t i)
{
    size_t n = 0;
    b->posn[n++] = RP_ACT_IDLE;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        int pos = p->pos[p->skills[i][k].q];
        size_t j = 0;
        while (j < n && b->posn[j] != pos)
            j++;
        if (j == n)
            b->posn[n++] = pos;
    }
    return n;
}

/* c(t, k) over the stretch [a, e), officer i idle there. */
static void
costs(const RpState *s, RpBlocks *b, size_t i, int site, int a, int e,
      size_t n_k)
{
    const RpProblem *p = s->p;
    for (int t = a; t < e; t++) {
        double *c = b->cost + (size_t)(t - a) * b->max_k;
        int *q = b->queue + (size_t)(t - a) * b->max_k;
        for (size_t k = 0; k < n_k; k++) {
            c[k] = b->posn[k] == RP_ACT_IDLE ? p->over : INFINITY;
            q[k] = RP_ACT_IDLE;
        }
        for (size_t j = 0; j < p->n_skills[i]; j++) {
            const RpSkill *sk = &p->skills[i][j];
            if (!rp_state_can_serve(p, sk->q, site, t))
                continue;
            size_t k = 1;
            while (b->posn[k] != p->pos[sk->q])
                k++;
            double d = rp_state_cover_delta(s, sk->q, t, sk->prof);
            if (d < c[k] - 1e-12) {
                c[k] = d;
                q[k] = sk->q;
            }
        }
    }
}

/* The best sequence over the stretch [a, e) (officer i idle there), set
 * into the state. */
static void
place_stretch(RpState *s, RpBlocks *b, size_t i, int site, int a, int e)
{
    const RpProblem *p = s->p;
    size_t n_k = positions_of(p, b, i), L = (size_t)p->min_block;
    size_t len = (size_t)(e - a), K = b->max_k;
    costs(s, b, i, site, a, e, n_k);
#define AT(t, k, l) ((((size_t)(t)) * K + (k)) * L + (l)-1)
    for (size_t k = 0; k < n_k; k++)
        for (size_t l = 1; l <= L; l++) {
            b->v[AT(0, k, l)] = l == L ? b->cost[k] : INFINITY;
            b->from[AT(0, k, l)] = -1;
        }
    for (size_t t = 1; t < len; t++)
        for (size_t k = 0; k < n_k; k++) {
            double c = b->cost[t * K + k];
            for (size_t l = 1; l <= L; l++) {
                double best = INFINITY;
                int arg = -1;
                if (l > 1 || L == 1) {
                    /* stay: from l - 1, or from L (capped) when l == L */
                    size_t lo = l > 1 ? l - 1 : L, hi = l == L ? L : lo;
                    for (size_t m = lo; m <= hi; m++) {
                        double v = b->v[AT(t - 1, k, m)];
                        if (v < best) {
                            best = v;
                            arg = (int)AT(t - 1, k, m);
                        }
                    }
                }
                if (l == 1)
                    for (size_t j = 0; j < n_k; j++) {
                        double v = b->v[AT(t - 1, j, L)] + p->change_price;
                        if (j != k && v < best - 1e-12) {
                            best = v;
                            arg = (int)AT(t - 1, j, L);
                        }
                    }
                b->v[AT(t, k, l)] = best + c;
                b->from[AT(t, k, l)] = arg;
            }
        }
    double best = INFINITY;
    int at = -1;
    for (size_t k = 0; k < n_k; k++)
        for (size_t l = 1; l <= L; l++)
            if (b->v[AT(len - 1, k, l)] < best - 1e-12) {
                best = b->v[AT(len - 1, k, l)];
                at = (int)AT(len - 1, k, l);
            }
    /* idle is always possible, so a path exists */
    for (size_t t = len; t-- > 0;) {
        size_t k = (size_t)at / L % K;
        rp_state_set_activity(s, i, a + (int)t, b->queue[t * K + k]);
        at = b->from[at];
    }
#undef AT
}

void
rp_state_place(RpState *s, RpBlocks *b, size_t i, size_t d)
{
    const RpProblem *p = s->p;
    const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
    int end = h->start + h->len;
    for (int t = h->start; t < end;) {
        if (!rp_is_position(rp_act(s, i, t))) {
            t++;
            continue;
        }
        int e = t;
        while (e < end && rp_is_position(rp_act(s, i, e)))
            rp_state_set_activity(s, i, e++, RP_ACT_IDLE);
        place_stretch(s, b, i, h->site, t, e);
        t = e;
    }
}

gboolean
rp_state_blocks_ok(const RpState *s, size_t i, size_t d)
{
    const RpProblem *p = s->p;
    const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
    int end = h->start + h->len, from = -1; /* start of the block */
    gboolean changed_in = FALSE;
    for (int t = h->start; t < end; t++) {
        int a = rp_act(s, i, t);
        if (!rp_is_position(a)) {
            from = -1;
            continue;
        }
        if (from >= 0 &&
            rp_position(p, a) != rp_position(p, rp_act(s, i, from))) {
            /* a change at t ends the block [from, t) */
            if (changed_in && t - from < p->min_block)
                return FALSE;
            changed_in = TRUE;
            from = t;
        } else if (from < 0) {
            changed_in = FALSE;
            from = t;
        }
    }
    return TRUE;
}

/* Rounds of rp_state_blocks() at most: each only keeps what lowers (1),
 * and the first mends every short block. */
#define ROUNDS 4

void
rp_state_blocks(RpState *s)
{
    const RpProblem *p = s->p;
    RpBlocks *b = s->blocks;
    for (int round = 0; round < ROUNDS; round++) {
        gboolean changed = FALSE;
        for (size_t i = 0; i < p->n_o; i++)
            for (size_t d = 0; d < p->n_d; d++) {
                if (s->plan[i].shape[d] < 0)
                    continue;
                const RpShape *h = rp_shape(p, s->plan[i].shape[d]);
                gboolean ok = rp_state_blocks_ok(s, i, d);
                double before = rp_state_total(s);
                for (int t = 0; t < h->len; t++)
                    b->saved[t] = (gint16)rp_act(s, i, h->start + t);
                rp_state_place(s, b, i, d);
                gboolean same = TRUE;
                for (int t = 0; t < h->len; t++)
                    same &= b->saved[t] == rp_act(s, i, h->start + t);
                if (same)
                    continue;
                if (ok && rp_state_total(s) > before - 1e-9) {
                    for (int t = 0; t < h->len; t++)
                        rp_state_set_activity(s, i, h->start + t, b->saved[t]);
                    continue;
                }
                changed = TRUE;
            }
        if (!changed)
            break;
    }
}

/* The activity officer i takes at t in place of `act` when trading
 * blocks: `act` itself where they may work it, else the queue of the
 * same position (another phone line) that helps the cover most, else
 * RP_ACT_OFF (they cannot hold it). */
static int
stand_in(const RpState *s, size_t i, int site, int t, int act)
{
    const RpProblem *p = s->p;
    if (act == RP_ACT_IDLE ||
        (rp_prof(p, i, act) > 0.0 && rp_state_can_serve(p, act, site, t)))
        return act;
    int best = RP_ACT_OFF;
    double least = INFINITY;
    for (size_t k = 0; k < p->n_skills[i]; k++) {
        const RpSkill *sk = &p->skills[i][k];
        if (p->pos[sk->q] != p->pos[act] ||
            !rp_state_can_serve(p, sk->q, site, t))
            continue;
        double d = rp_state_cover_delta(s, sk->q, t, sk->prof);
        if (d < least) {
            least = d;
            best = sk->q;
        }
    }
    return best;
}

/* Officers a and b (at sites sa and sb on day d) exchange what they do
 * over [from, to), kept only where (1) falls and both days keep the
 * minimum block; returns TRUE if kept. */
static gboolean
trade(RpState *s, RpBlocks *bl, size_t a, int sa, size_t b, int sb, size_t d,
      int from, int to)
{
    gint16 *keep = bl->saved;
    int n = to - from;
    for (int t = from; t < to; t++) {
        int x = rp_act(s, a, t), y = rp_act(s, b, t);
        if (!rp_is_position(y) || rp_position(s->p, x) == rp_position(s->p, y))
            return FALSE;
        keep[t - from] = (gint16)x;
        keep[n + t - from] = (gint16)y;
    }
    double before = rp_state_total(s);
    gboolean ok = TRUE;
    for (int t = from; t < to && ok; t++) {
        int x = keep[t - from], y = keep[n + t - from];
        rp_state_set_activity(s, a, t, RP_ACT_IDLE);
        rp_state_set_activity(s, b, t, RP_ACT_IDLE);
        int na = stand_in(s, a, sa, t, y);
        int nb = na == RP_ACT_OFF ? RP_ACT_OFF : stand_in(s, b, sb, t, x);
        ok = na != RP_ACT_OFF && nb != RP_ACT_OFF;
        rp_state_set_activity(s, a, t, ok ? na : x);
        rp_state_set_activity(s, b, t, ok ? nb : y);
    }
    if (ok && rp_state_total(s) < before - 1e-9 &&
        rp_state_blocks_ok(s, a, d) && rp_state_blocks_ok(s, b, d))
        return TRUE;
    for (int t = from; t < to; t++) {
        rp_state_set_activity(s, a, t, keep[t - from]);
        rp_state_set_activity(s, b, t, keep[n + t - from]);
    }
    return FALSE;
}

/* The block of officer i that holds interval t: [*from, *to). */
static void
block_at(const RpState *s, size_t i, int t, int *from, int *to)
{
    const RpProblem *p = s->p;
    int pos = rp_position(p, rp_act(s, i, t));
    int lo = t, hi = t + 1;
    while (lo > 0 && rp_is_position(rp_act(s, i, lo - 1)) &&
           rp_position(p, rp_act(s, i, lo - 1)) == pos)
        lo--;
    while ((size_t)hi < p->n_t && rp_is_position(rp_act(s, i, hi)) &&
           rp_position(p, rp_act(s, i, hi)) == pos)
        hi++;
    *from = lo;
    *to = hi;
}

/* Tries officer a's blocks on either side of their change of position at
 * t against every other officer at work then; TRUE once one is kept. */
static gboolean
trade_change(RpState *s, RpBlocks *bl, size_t a, size_t d, int t)
{
    const RpProblem *p = s->p;
    int sa = rp_shape(p, s->plan[a].shape[d])->site;
    int spans[2][2];
    block_at(s, a, t - 1, &spans[0][0], &spans[0][1]);
    block_at(s, a, t, &spans[1][0], &spans[1][1]);
    for (size_t b = 0; b < p->n_o; b++) {
        if (b == a || s->plan[b].shape[d] < 0)
            continue;
        int sb = rp_shape(p, s->plan[b].shape[d])->site;
        for (int k = 0; k < 2; k++)
            if (trade(s, bl, a, sa, b, sb, d, spans[k][0], spans[k][1]))
                return TRUE;
    }
    return FALSE;
}

/* Rounds of rp_state_trade() at most. */
#define TRADE_ROUNDS 3

void
rp_state_trade(RpState *s)
{
    const RpProblem *p = s->p;
    for (int round = 0; round < TRADE_ROUNDS; round++) {
        gboolean any = FALSE;
        for (size_t a = 0; a < p->n_o; a++)
            for (size_t d = 0; d < p->n_d; d++) {
                if (s->plan[a].shape[d] < 0)
                    continue;
                const RpShape *h = rp_shape(p, s->plan[a].shape[d]);
                for (int t = h->start + 1; t < h->start + h->len; t++) {
                    int x = rp_act(s, a, t - 1), y = rp_act(s, a, t);
                    if (rp_is_position(x) && rp_is_position(y) &&
                        rp_position(p, x) != rp_position(p, y))
                        any |= trade_change(s, s->blocks, a, d, t);
                }
            }
        if (!any)
            break;
    }
}
