/* models/erlang.h - Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M).
 *
 * Notation (docs/models.md, ../shared/reference/queueing.md):
 *   A = calls * aht / interval   offered load in Erlangs            (1)
 *   B(n, A)                      Erlang B blocking probability      (2)
 *   C(n, A) = n / (A + (n - A) / B)   Erlang C probability of wait  (3)
 * Service level is the fraction of ALL offered contacts answered within
 * t seconds; under Erlang A a contact that abandons is never answered in
 * time.  ASA is the mean wait of answered contacts.  Agents may be
 * fractional: B is then the continued Erlang B of Jagerman,
 * 1/B(x, A) = A U(1, x + 2, A) with U Tricomi's confluent function. */
#ifndef RP_MODELS_ERLANG_H
#define RP_MODELS_ERLANG_H

#include <glib.h>

/* One queue in one interval. */
typedef struct {
    double traffic;    /* offered load A (Erlangs), >= 0 */
    double aht_s;      /* mean handling time (s), > 0 */
    double patience_s; /* mean patience (s), > 0; INFINITY: Erlang C */
} RpQueueLoad;

/* Steady-state performance of a queue with a given number of agents. */
typedef struct {
    double p_wait;        /* probability a contact waits at all (0..1) */
    double service_level; /* fraction of offered contacts answered in t */
    double asa_s;         /* mean wait of answered contacts (s) */
    double p_abandon;     /* fraction of offered contacts abandoning */
    double occupancy;     /* carried load / agents (0..1) */
    gboolean stable;      /* FALSE only for Erlang C with agents <= A */
} RpErlangMetrics;

/* The largest problems the models compute: beyond them the recursions
 * would run for hours (past 2^53 a step of one agent no longer changes a
 * double at all).  RP_ERLANG_MAX_WAITING bounds A * patience / aht, the
 * length of Erlang A's series. */
#define RP_ERLANG_MAX_TRAFFIC 1e6 /* Erlangs */
#define RP_ERLANG_MAX_AGENTS  1e7 /* agents */
#define RP_ERLANG_MAX_WAITING 1e8 /* A * patience / aht */

/* Erlang B blocking probability B(agents, traffic) (2), by the stable
 * recursion 1/B(k) = 1 + (k / A) / B(k - 1).  `agents` may be fractional.
 * Relative error below 1e-13 for A up to 1e5.  Fails with
 * RP_MODEL_ERROR_DOMAIN for negative or non-finite arguments and for
 * traffic above RP_ERLANG_MAX_TRAFFIC or agents above
 * RP_ERLANG_MAX_AGENTS; `*blocking`
 * is untouched on failure. */
gboolean rp_erlang_b(double traffic, double agents, double *blocking,
                     GError **error);

/* Performance of the queue `q` served by `agents` agents, with the service
 * level measured at `target_s` seconds.  Erlang C when q->patience_s is
 * infinite, Erlang A otherwise.  Erlang C with agents <= traffic has no
 * steady state: then stable is FALSE, p_wait = 1, service_level = 0,
 * asa_s = INFINITY, occupancy = 1.  Zero traffic gives p_wait = 0,
 * service_level = 1, asa_s = 0.  Zero agents under Erlang A gives
 * p_abandon = 1, service_level = 0 and asa_s = INFINITY.  Fails with
 * RP_MODEL_ERROR_DOMAIN for out-of-range arguments; `*out` is untouched on
 * failure. */
gboolean rp_erlang_metrics(const RpQueueLoad *q, double agents, double target_s,
                           RpErlangMetrics *out, GError **error);

/* Checks that `q` describes a queue: traffic >= 0, aht_s > 0, patience_s
 * > 0 (infinity allowed), all finite but patience; traffic at most
 * RP_ERLANG_MAX_TRAFFIC and, with a finite patience, traffic * patience_s
 * / aht_s at most RP_ERLANG_MAX_WAITING (RP_MODEL_ERROR_DOMAIN). */
gboolean rp_erlang_check_load(const RpQueueLoad *q, GError **error);

#endif
