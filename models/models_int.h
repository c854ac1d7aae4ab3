/* models/models_int.h - declarations shared by the files of models/ only.
 *
 * The staffing search calls the Erlang evaluations many times per interval,
 * so it uses these unchecked entry points and the scaled 1/B value directly
 * instead of the checked public functions of erlang.h. */
#ifndef RP_MODELS_MODELS_INT_H
#define RP_MODELS_MODELS_INT_H

#include "models/erlang.h"

/* 1/B(x, A) = r * exp(log_scale); log_scale > 0 only when 1/B exceeds the
 * double range, which happens for x far above A. */
typedef struct {
    double r;         /* scaled reciprocal of the Erlang B probability */
    double log_scale; /* natural log of the scale factor */
} RpInvB;

/* 1/B(x, a) for a > 0, x >= 0 (no argument checks). */
void rp_erlang_inv_b(double a, double x, RpInvB *out);

/* Advances `s` from 1/B(k - 1, a) to 1/B(k, a). */
void rp_erlang_inv_b_step(RpInvB *s, double k, double a);

/* Erlang C metrics from 1/B(n, a) (no argument checks; a > 0). */
void rp_erlang_c_from_inv_b(double a, double n, const RpInvB *ib, double aht_s,
                            double t_s, RpErlangMetrics *out);

/* What rp_erlang_a_eval() must compute beyond p_wait and p_abandon. */
enum {
    RP_ERLANG_A_SL = 1 << 0,  /* service_level */
    RP_ERLANG_A_ASA = 1 << 1, /* asa_s */
};

/* Erlang A metrics for a > 0, n >= 0 (no argument checks).  Fields not
 * asked for in `what` are set to NAN. */
void rp_erlang_a_eval(const RpQueueLoad *q, double n, double t_s, unsigned what,
                      RpErlangMetrics *out);

/* ---- pooled phone lines ---------------------------------------------- */

#include "models/requirements.h"

/* Sets r->weights (and r->weight): r->contacts times the loss of service
 * level of `load` (at answer time t) for the 1st, 2nd... officer short of
 * `n`, where the service level is `sl_n`, made non-decreasing so that the
 * cost of being short is convex. */
void rp_short_weights(const RpQueueLoad *load, double t, double n, double sl_n,
                      RpRequirement *r);

#endif
