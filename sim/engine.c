/* sim/engine.c - the event loop of one replication, and the replications
 * run on worker threads.
 *
 * Events are arrivals (one pending per queue, drawn inside the current
 * interval only: the rate changes at each boundary, and exponential gaps
 * restarted at a boundary are exact for a piecewise-constant Poisson
 * process) and ends of service (one per busy officer), kept in one binary
 * heap; interval boundaries are handled between them.  Abandonment is
 * lazy: a waiting contact whose patience has run out is dropped, and
 * counted, when an officer reaches it (nothing else depends on it), so
 * the heap never holds more than one event per queue and per officer.
 *
 * Free officers wait in one list in the order they became free: an
 * arriving contact takes the first one logged into its queue, i.e. the
 * one idle longest. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/error.h"
#include "sim/sim.h"
#include "sim/sim_int.h"

enum { OFF, IDLE, BUSY };

typedef struct {
    double arrive;  /* (s from the start) */
    double abandon; /* when patience runs out (s); INFINITY: never */
    double work;    /* handling time of a full officer (s) */
    guint32 t;      /* interval of arrival */
} Contact;

typedef struct {
    Contact *buf;
    size_t head, len, cap;
} Fifo;

typedef struct {
    guint64 mask, first; /* queues logged into, and taken first */
    int state;
    int prev, next;  /* idle list links, -1 at the ends */
    int queue;       /* queue of the contact in hand */
    Contact contact; /* the contact in hand */
    double start;    /* its service start (s) */
    double logout;   /* when the position ended mid-contact, or NAN */
} Officer;

typedef struct {
    double time;
    int id; /* < n_queues: next arrival of that queue; else officer */
} Event;

typedef struct {
    const RpSimModel *m;
    RpSimCounts *counts;
    gsl_rng **rng;     /* per queue: arrivals and their contacts */
    gsl_rng **day_rng; /* per queue: daily factors */
    Fifo *fifo;        /* per queue */
    Officer *off;
    int idle_head, idle_tail;
    Event *heap;
    size_t n_heap;
    double *busy;   /* [i * n_t + t] officer busy seconds */
    double *factor; /* per queue: today's daily factor */
    double now;
    double overrun_s;
    double arrived;
} Run;

/* ---- the heap ---------------------------------------------------------- */

/* Earlier first; at the same time, arrivals before ends of service and
 * lower ids first, so that the order never depends on the heap's shape. */
static gboolean
before(const Event *a, const Event *b)
{
    return a->time < b->time || (!(b->time < a->time) && a->id < b->id);
}

static void
heap_push(Run *s, double time, int id)
{
    Event e = {time, id};
    size_t k = s->n_heap++;
    while (k > 0) {
        size_t p = (k - 1) / 2;
        if (!before(&e, &s->heap[p]))
            break;
        s->heap[k] = s->heap[p];
        k = p;
    }
    s->heap[k] = e;
}

static Event
heap_pop(Run *s)
{
    Event top = s->heap[0];
    Event last = s->heap[--s->n_heap];
    size_t k = 0, n = s->n_heap;
    for (;;) {
        size_t c = 2 * k + 1;
        if (c >= n)
            break;
        if (c + 1 < n && before(&s->heap[c + 1], &s->heap[c]))
            c++;
        if (!before(&s->heap[c], &last))
            break;
        s->heap[k] = s->heap[c];
        k = c;
    }
    if (n > 0)
        s->heap[k] = last;
    return top;
}

/* ---- waiting contacts -------------------------------------------------- */

static void
fifo_push(Fifo *f, const Contact *c)
{
    if (f->len == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        Contact *buf = g_new(Contact, cap);
        for (size_t k = 0; k < f->len; k++)
            buf[k] = f->buf[(f->head + k) % f->cap];
        g_free(f->buf);
        f->buf = buf;
        f->cap = cap;
        f->head = 0;
    }
    f->buf[(f->head + f->len) % f->cap] = *c;
    f->len++;
}

static const Contact *
fifo_head(const Fifo *f)
{
    return &f->buf[f->head];
}

static Contact
fifo_pop(Fifo *f)
{
    Contact c = f->buf[f->head];
    f->head = (f->head + 1) % f->cap;
    f->len--;
    return c;
}

static RpSimCounts *
counts_at(Run *s, size_t q, size_t t)
{
    return &s->counts[q * s->m->n_t + t];
}

/* Drops the contacts at the head of queue q whose patience ran out by
 * `now`; they abandoned then. */
static void
purge(Run *s, size_t q)
{
    Fifo *f = &s->fifo[q];
    while (f->len > 0 && fifo_head(f)->abandon <= s->now) {
        Contact c = fifo_pop(f);
        counts_at(s, q, c.t)->abandoned += 1.0;
    }
}

/* ---- officers ---------------------------------------------------------- */

static void
idle_append(Run *s, int i)
{
    Officer *o = &s->off[i];
    o->state = IDLE;
    o->prev = s->idle_tail;
    o->next = -1;
    if (s->idle_tail >= 0)
        s->off[s->idle_tail].next = i;
    else
        s->idle_head = i;
    s->idle_tail = i;
}

static void
idle_remove(Run *s, int i)
{
    Officer *o = &s->off[i];
    if (o->prev >= 0)
        s->off[o->prev].next = o->next;
    else
        s->idle_head = o->next;
    if (o->next >= 0)
        s->off[o->next].prev = o->prev;
    else
        s->idle_tail = o->prev;
    o->prev = o->next = -1;
}

/* Adds [from, to) of officer i's busy time to the intervals it spans. */
static void
add_busy(Run *s, int i, double from, double to)
{
    double step = s->m->interval_s;
    size_t n_t = s->m->n_t;
    size_t t = (size_t)(from / step);
    while (from < to && t < n_t) {
        double end = fmin(to, (double)(t + 1) * step);
        s->busy[(size_t)i * n_t + t] += end - from;
        from = end;
        t++;
    }
}

static void
start_service(Run *s, int i, size_t q, const Contact *c)
{
    const RpSimModel *m = s->m;
    Officer *o = &s->off[i];
    RpSimCounts *k = counts_at(s, q, c->t);
    double wait = s->now - c->arrive;
    k->wait_s += wait;
    /* deferred items count as answered when done (end_service) */
    if (!m->deferred[q]) {
        k->answered += 1.0;
        if (wait <= m->target_s[q])
            k->in_time += 1.0;
    }
    o->state = BUSY;
    o->queue = (int)q;
    o->contact = *c;
    o->start = s->now;
    o->logout = NAN;
    double skill = m->staff->skill[(size_t)i * m->n_q + q];
    heap_push(s, s->now + c->work / skill, (int)(m->n_q + (size_t)i));
}

/* Which waiting contact officer i takes now: queues in the officer's
 * first set before the rest, then by priority, then the longest wait.
 * Returns the queue, or -1 when nothing waits. */
static int
choose_queue(Run *s, const Officer *o)
{
    const RpSimModel *m = s->m;
    int best = -1;
    gboolean best_first = FALSE;
    for (guint64 bits = o->mask; bits; bits &= bits - 1) {
        size_t q = (size_t)__builtin_ctzll(bits);
        if (s->fifo[q].len == 0)
            continue;
        purge(s, q);
        if (s->fifo[q].len == 0)
            continue;
        gboolean first = (o->first >> q) & 1u;
        if (best >= 0) {
            if (first != best_first) {
                if (!first)
                    continue;
            } else if (m->priority[q] != m->priority[best]) {
                if (m->priority[q] < m->priority[best])
                    continue;
            } else if (!(fifo_head(&s->fifo[q])->arrive <
                         fifo_head(&s->fifo[best])->arrive))
                continue;
        }
        best = (int)q;
        best_first = first;
    }
    return best;
}

/* Officer i, free at s->now, takes waiting work or joins the idle list
 * (or goes off when logged into nothing). */
static void
take_work(Run *s, int i)
{
    Officer *o = &s->off[i];
    int q = o->mask ? choose_queue(s, o) : -1;
    if (q >= 0) {
        if (o->state == IDLE)
            idle_remove(s, i);
        Contact c = fifo_pop(&s->fifo[q]);
        start_service(s, i, (size_t)q, &c);
    } else if (o->mask == 0) {
        if (o->state == IDLE)
            idle_remove(s, i);
        o->state = OFF;
    } else if (o->state != IDLE) {
        idle_append(s, i);
    }
}

static void
end_service(Run *s, int i)
{
    const RpSimModel *m = s->m;
    Officer *o = &s->off[i];
    size_t q = (size_t)o->queue;
    if (m->deferred[q]) {
        RpSimCounts *k = counts_at(s, q, o->contact.t);
        k->answered += 1.0;
        if (s->now <= m->deadline_s[q * m->n_t + o->contact.t])
            k->in_time += 1.0;
        else
            k->late += 1.0;
    }
    add_busy(s, i, o->start, s->now);
    if (!isnan(o->logout))
        s->overrun_s += s->now - o->logout;
    o->state = OFF;
    o->queue = -1;
    take_work(s, i);
}

/* ---- arrivals ---------------------------------------------------------- */

static double
draw_work(const RpSimModel *m, gsl_rng *rng, size_t q, double mean)
{
    if (m->lognormal_sigma[q] > 0.0) {
        double sg = m->lognormal_sigma[q];
        return gsl_ran_lognormal(rng, log(mean) - 0.5 * sg * sg, sg);
    }
    return -mean * log(gsl_rng_uniform_pos(rng));
}

/* The next arrival of queue q inside interval t, if any, goes on the heap
 * (drawn from the queue's own stream whatever happens to it). */
static void
schedule_arrival(Run *s, size_t q, size_t t, double from)
{
    const RpSimModel *m = s->m;
    double n = m->demand->contacts[q * m->n_t + t] * s->factor[q];
    if (!(n > 0.0))
        return;
    double rate = n / m->interval_s;
    double at = from - log(gsl_rng_uniform_pos(s->rng[q])) / rate;
    if (at < (double)(t + 1) * m->interval_s)
        heap_push(s, at, (int)q);
}

static void
arrive(Run *s, size_t q, size_t t)
{
    const RpSimModel *m = s->m;
    gsl_rng *rng = s->rng[q];
    double aht = m->demand->aht_s[q * m->n_t + t];
    if (isnan(aht))
        aht = m->aht_s[q];
    Contact c = {s->now, INFINITY, draw_work(m, rng, q, aht), (guint32)t};
    if (isfinite(m->patience_s[q]))
        c.abandon = s->now - m->patience_s[q] * log(gsl_rng_uniform_pos(rng));
    counts_at(s, q, t)->offered += 1.0;
    s->arrived += 1.0;
    schedule_arrival(s, q, t, s->now);

    for (int i = s->idle_head; i >= 0; i = s->off[i].next) {
        if ((s->off[i].mask >> q) & 1u) {
            idle_remove(s, i);
            start_service(s, i, q, &c);
            return;
        }
    }
    fifo_push(&s->fifo[q], &c);
}

/* ---- interval boundaries ----------------------------------------------- */

static void
new_day_factors(Run *s)
{
    const RpSimModel *m = s->m;
    for (size_t q = 0; q < m->n_q; q++) {
        double cv = m->demand->day_cv ? m->demand->day_cv[q] : 0.0;
        if (cv > 0.0)
            s->factor[q] =
                gsl_ran_gamma(s->day_rng[q], 1.0 / (cv * cv), cv * cv);
        else
            s->factor[q] = 1.0;
    }
}

/* Officers log in and out as the rota says for interval t; the free ones
 * (longest idle first, then those just logged in) take waiting work. */
static void
boundary(Run *s, size_t t)
{
    const RpSimModel *m = s->m;
    const RpSimStaff *st = m->staff;
    size_t n_t = m->n_t;
    if (t == 0 || m->day_of[t] != m->day_of[t - 1])
        new_day_factors(s);
    for (size_t i = 0; i < st->n_officers; i++) {
        Officer *o = &s->off[i];
        guint64 mask = st->login[i * n_t + t];
        o->first = st->first[i * n_t + t];
        o->mask = mask;
        if (o->state == BUSY) {
            /* a shift or break starting mid-contact: finished first */
            if (mask == 0 && isnan(o->logout))
                o->logout = s->now;
            else if (mask != 0)
                o->logout = NAN;
        } else if (mask == 0 && o->state == IDLE) {
            idle_remove(s, (int)i);
            o->state = OFF;
        } else if (mask != 0 && o->state == OFF) {
            idle_append(s, (int)i);
        }
    }
    /* Idle officers may now see queues with waiting contacts.  The list is
     * walked in order; one who takes work leaves it. */
    for (int i = s->idle_head; i >= 0;) {
        int next = s->off[i].next;
        take_work(s, i);
        i = next;
    }
    for (size_t q = 0; q < m->n_q; q++)
        schedule_arrival(s, q, t, s->now);
}

static void
snapshot(Run *s, size_t t)
{
    const RpSimModel *m = s->m;
    for (size_t q = 0; q < m->n_q; q++)
        if (m->deferred[q])
            counts_at(s, q, t)->waiting = (double)s->fifo[q].len;
}

/* Contacts still waiting when the simulation ends: abandoned if their
 * patience had run out, late if their deadline had passed. */
static void
finish(Run *s)
{
    const RpSimModel *m = s->m;
    for (size_t q = 0; q < m->n_q; q++) {
        purge(s, q);
        Fifo *f = &s->fifo[q];
        if (!m->deferred[q])
            continue;
        for (size_t k = 0; k < f->len; k++) {
            const Contact *c = &f->buf[(f->head + k) % f->cap];
            if (m->deadline_s[q * m->n_t + c->t] < s->now)
                counts_at(s, q, c->t)->late += 1.0;
        }
    }
    for (size_t i = 0; i < m->staff->n_officers; i++) {
        Officer *o = &s->off[i];
        if (o->state == BUSY)
            add_busy(s, (int)i, o->start, s->now);
    }
}

/* Officer time logged into each queue, and busy, per interval. */
static void
add_logged(Run *s)
{
    const RpSimModel *m = s->m;
    size_t n_t = m->n_t;
    for (size_t i = 0; i < m->staff->n_officers; i++) {
        for (size_t t = 0; t < n_t; t++) {
            guint64 mask = m->staff->login[i * n_t + t];
            double busy = fmin(s->busy[i * n_t + t], m->interval_s);
            for (; mask; mask &= mask - 1) {
                RpSimCounts *k = counts_at(s, (size_t)__builtin_ctzll(mask), t);
                k->logged_s += m->interval_s;
                k->busy_s += busy;
            }
        }
    }
}

static guint64
mix64(guint64 x)
{
    x += G_GUINT64_CONSTANT(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

/* The stream of queue q in replication r, for a purpose (0 arrivals, 1
 * daily factors): independent of the officers and of the threads. */
static gsl_rng *
stream(guint64 seed, size_t r, size_t q, guint64 purpose)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    guint64 x = mix64(mix64(mix64(seed) ^ (guint64)r) ^ (guint64)q);
    gsl_rng_set(rng, (unsigned long)mix64(x ^ purpose));
    return rng;
}

void
rp_sim_replicate(const RpSimModel *m, size_t r, RpSimCounts *counts,
                 double *overrun_s, double *arrived)
{
    size_t n_q = m->n_q, n_o = m->staff->n_officers, n_t = m->n_t;
    Run s = {.m = m, .counts = counts};
    s.rng = g_new(gsl_rng *, n_q);
    s.day_rng = g_new(gsl_rng *, n_q);
    for (size_t q = 0; q < n_q; q++) {
        s.rng[q] = stream(m->seed, r, q, 0);
        s.day_rng[q] = stream(m->seed, r, q, 1);
    }
    s.fifo = g_new0(Fifo, n_q);
    s.factor = g_new(double, n_q);
    s.off = g_new0(Officer, n_o ? n_o : 1);
    for (size_t i = 0; i < n_o; i++)
        s.off[i] = (Officer){
            .state = OFF, .prev = -1, .next = -1, .queue = -1, .logout = NAN};
    s.idle_head = s.idle_tail = -1;
    s.heap = g_new(Event, n_q + n_o + 1);
    s.busy = g_new0(double, n_o *n_t + 1);

    for (size_t t = 0; t < n_t; t++) {
        s.now = (double)t * m->interval_s;
        boundary(&s, t);
        double end = (double)(t + 1) * m->interval_s;
        while (s.n_heap > 0 && s.heap[0].time < end) {
            Event e = heap_pop(&s);
            s.now = e.time;
            if ((size_t)e.id < n_q)
                arrive(&s, (size_t)e.id, t);
            else
                end_service(&s, (int)((size_t)e.id - n_q));
        }
        s.now = end;
        snapshot(&s, t);
    }
    finish(&s);
    add_logged(&s);
    *overrun_s = s.overrun_s;
    *arrived = s.arrived;

    for (size_t q = 0; q < n_q; q++) {
        gsl_rng_free(s.rng[q]);
        gsl_rng_free(s.day_rng[q]);
        g_free(s.fifo[q].buf);
    }
    g_free(s.rng);
    g_free(s.day_rng);
    g_free(s.fifo);
    g_free(s.factor);
    g_free(s.off);
    g_free(s.heap);
    g_free(s.busy);
}
