/* models/erlang.c - Erlang B, C and A without overflow.
 *
 * Everything is computed from ratio recursions, never from A^n / n!, which
 * overflows a double near n = 170 (queueing.md sections 1, 5.1).
 *
 * Erlang B uses 1/B(k) = 1 + (k / A) / B(k - 1): every step adds positive
 * terms, so the relative error grows only like k * eps.  Below A the
 * recursion forgets its starting value (an error in 1/B(k) is multiplied by
 * k / A < 1 at each step), so for large A it starts at
 * k0 = A - WARM_SIGMAS * sqrt(A) from the second-order estimate
 * 1/B(k) ~ A / (A - k) - k A / (A - k)^3; the start error of about
 * 1/WARM_SIGMAS^4 shrinks by exp(-WARM_SIGMAS^2 / 2) before k reaches A.
 * That makes B(n, 5000) cost about 600 steps instead of 5000.
 *
 * Erlang A follows Mandelbaum & Zeltyn's formulas in the ratio form of
 * queueing.md 5.1, with the series summed in linear space and rescaled
 * when terms exceed RESCALE, and P(abandon) as E[Q] theta / lambda, a sum
 * of positive terms. */
#include "models/erlang.h"

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_hyperg.h>

#include "common/error.h"
#include "models/models_int.h"

#define WARM_SIGMAS 8.0   /* start of the warm recursion, in sqrt(A) */
#define RESCALE     1e250 /* rescale a running series above this */
#define LOG_RESCALE 575.6462732485114 /* log(RESCALE) */
#define SERIES_REL  1e-17 /* stop a series at terms this far below its sum */

void
rp_erlang_inv_b_step(RpInvB *s, double k, double a)
{
    /* 1/B(k) = 1 + (k / a) 1/B(k - 1); the 1 is exp(-log_scale) once
     * scaled, which is negligible then. */
    double one = s->log_scale > 0.0 ? 0.0 : 1.0;
    s->r = one + (k / a) * s->r;
    if (s->r > RESCALE) {
        s->r /= RESCALE;
        s->log_scale += LOG_RESCALE;
    }
}

/* Steps `s` from 1/B(k - 1) through k, k + 1, ... up to `last`.  The hot
 * loop of every Erlang evaluation.  Four steps of r' = 1 + x r are folded
 * into one, r4 = c + p r, whose coefficients do not depend on r, so the
 * processor overlaps them and the dependent chain is one multiply-add per
 * four steps.  Folding is used only while 1/B is far from overflow and the
 * step factors k / a are moderate (then four steps grow r by at most
 * 1e40, well inside the double range). */
static void
inv_b_run(RpInvB *s, double k, double last, double a)
{
    const double inv_a = 1.0 / a;
    double r = s->r;
    if (s->log_scale <= 0.0 && last * inv_a < 1e10) {
        for (; k + 3.0 <= last && r <= RESCALE; k += 4.0) {
            double x0 = k * inv_a, x1 = (k + 1.0) * inv_a;
            double x2 = (k + 2.0) * inv_a, x3 = (k + 3.0) * inv_a;
            double c = 1.0 + x3 * (1.0 + x2 * (1.0 + x1));
            double p = x3 * x2 * x1 * x0;
            r = c + p * r;
        }
        s->r = r;
    }
    for (; k <= last; k += 1.0)
        rp_erlang_inv_b_step(s, k, a);
}

/* 1/B(x0, a) for a fractional 0 < x0 < 1 (Jagerman's continued Erlang B).
 * U(1, x0 + 2, a) is finite and positive for every a > 0. */
static double
inv_b_fraction(double a, double x0)
{
    gsl_sf_result u;
    if (gsl_sf_hyperg_U_e(1.0, x0 + 2.0, a, &u) != GSL_SUCCESS)
        return NAN;
    return a * u.val;
}

void
rp_erlang_inv_b(double a, double x, RpInvB *out)
{
    double x0 = x - floor(x); /* fractional part: start of the ladder */
    double k0 = floor(a - WARM_SIGMAS * sqrt(a) - x0);
    RpInvB s = {1.0, 0.0};
    double k;

    if (k0 >= 1.0 && k0 + x0 < x) {
        double k_start = k0 + x0, d = a - k_start;
        s.r = a / d - k_start * a / (d * d * d);
        k = k_start + 1.0;
    } else {
        if (x0 > 0.0)
            s.r = inv_b_fraction(a, x0);
        k = x0 + 1.0;
    }
    inv_b_run(&s, k, x + 0.5, a);
    *out = s;
}

static gboolean
check_finite_nonneg(double v, const char *what, GError **error)
{
    if (!(v >= 0.0) || !isfinite(v)) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "%s must be a finite number >= 0, not %g", what, v);
        return FALSE;
    }
    return TRUE;
}

/* check_finite_nonneg() and at most `max`. */
static gboolean
check_range(double v, double max, const char *what, GError **error)
{
    if (!check_finite_nonneg(v, what, error))
        return FALSE;
    if (v > max) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "%s %g is beyond what the queueing models compute "
                    "(at most %g)",
                    what, v, max);
        return FALSE;
    }
    return TRUE;
}

gboolean
rp_erlang_b(double traffic, double agents, double *blocking, GError **error)
{
    g_return_val_if_fail(blocking != NULL, FALSE);
    if (!check_range(traffic, RP_ERLANG_MAX_TRAFFIC, "traffic", error) ||
        !check_range(agents, RP_ERLANG_MAX_AGENTS, "agents", error))
        return FALSE;
    if (traffic <= 0.0) {
        *blocking = agents > 0.0 ? 0.0 : 1.0;
        return TRUE;
    }
    RpInvB ib;
    rp_erlang_inv_b(traffic, agents, &ib);
    *blocking = exp(-log(ib.r) - ib.log_scale);
    return TRUE;
}

gboolean
rp_erlang_check_load(const RpQueueLoad *q, GError **error)
{
    g_return_val_if_fail(q != NULL, FALSE);
    if (!check_range(q->traffic, RP_ERLANG_MAX_TRAFFIC, "traffic", error))
        return FALSE;
    if (!(q->aht_s > 0.0) || !isfinite(q->aht_s)) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "handling time must be a finite number > 0, not %g",
                    q->aht_s);
        return FALSE;
    }
    if (!(q->patience_s > 0.0)) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "patience must be > 0, not %g", q->patience_s);
        return FALSE;
    }
    double waiting = q->traffic * q->patience_s / q->aht_s;
    if (isfinite(q->patience_s) && !(waiting <= RP_ERLANG_MAX_WAITING)) {
        g_set_error(error, RP_MODEL_ERROR, RP_MODEL_ERROR_DOMAIN,
                    "patience %g s is too long for Erlang A at %g Erlangs "
                    "(traffic x patience / handling time is %g, at most "
                    "%g): leave patience out for Erlang C",
                    q->patience_s, q->traffic, waiting, RP_ERLANG_MAX_WAITING);
        return FALSE;
    }
    return TRUE;
}

void
rp_erlang_c_from_inv_b(double a, double n, const RpInvB *ib, double aht_s,
                       double t_s, RpErlangMetrics *out)
{
    if (n <= a) {
        *out = (RpErlangMetrics){.p_wait = 1.0,
                                 .service_level = 0.0,
                                 .asa_s = INFINITY,
                                 .p_abandon = 0.0,
                                 .occupancy = 1.0,
                                 .stable = FALSE};
        return;
    }
    /* C = n / (a + (n - a) / B), by (3), with 1/B = r exp(log_scale). */
    double c;
    if (ib->log_scale > 0.0)
        c = n / ((n - a) * ib->r) * exp(-ib->log_scale);
    else
        c = n / (a + (n - a) * ib->r);
    out->p_wait = c;
    out->service_level = 1.0 - c * exp(-(n - a) * t_s / aht_s);
    out->asa_s = c * aht_s / (n - a);
    out->p_abandon = 0.0;
    out->occupancy = a / n;
    out->stable = TRUE;
}

/* A running sum of a positive series whose terms may exceed the double
 * range: the true sum is `sum * exp(log_scale)`. */
typedef struct {
    double term;      /* current term, scaled */
    double sum;       /* sum of the terms so far, scaled */
    double moment;    /* sum of m times term m, scaled */
    double log_scale; /* log of the scale shared by the three fields */
} Series;

/* Sums c_0 = first, c_m = c_{m-1} * a / (b + m) (queueing.md 5.1 step 2)
 * and, in s->moment, sum m c_m.  Stops once the terms fall (a / (b + m)
 * below 1, and falling faster with every term) and the last term is below
 * SERIES_REL of the sum.  No fmax() here: without -ffast-math it is a
 * function call, and this loop is the hot spot of Erlang A. */
static void
series_sum(Series *s, double first, double a, double b)
{
    double term = first, sum = first, moment = 0.0, log_scale = 0.0;
    for (double m = 1.0;; m += 1.0) {
        term *= a / (b + m);
        sum += term;
        moment += m * term;
        if (term > RESCALE) {
            term /= RESCALE;
            sum /= RESCALE;
            moment /= RESCALE;
            log_scale += LOG_RESCALE;
        }
        if (a < b + m && term < sum * SERIES_REL)
            break;
        if (term <= 0.0)
            break; /* underflow: the rest adds nothing */
    }
    *s = (Series){
        .term = term, .sum = sum, .moment = moment, .log_scale = log_scale};
}

/* log(1 + exp(x)) without overflow. */
static double
softplus(double x)
{
    return x > 0.0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

void
rp_erlang_a_eval(const RpQueueLoad *q, double n, double t_s, unsigned what,
                 RpErlangMetrics *out)
{
    const double a_load = q->traffic, aht = q->aht_s;
    const double lam_over_theta = a_load * q->patience_s / aht; /* a */
    const double b = n * q->patience_s / aht;                   /* N mu/theta */
    const double theta = 1.0 / q->patience_s;

    out->stable = TRUE;
    out->service_level = NAN;
    out->asa_s = NAN;
    if (n <= 0.0) {
        out->p_wait = 1.0;
        out->p_abandon = 1.0;
        out->service_level = 0.0;
        out->asa_s = INFINITY;
        out->occupancy = 0.0;
        return;
    }

    RpInvB ib;
    rp_erlang_inv_b(a_load, n, &ib);
    const double log_e = -log(ib.r) - ib.log_scale; /* log B(n, A) */
    const double log1m_e = log1p(-exp(log_e));

    Series s;
    series_sum(&s, 1.0, lam_over_theta, b);
    const double log_s = log(s.sum) + s.log_scale;

    /* r = (1 - E) / (E S); P(wait) = 1 / (1 + r); pi_N = 1 / (S (1 + r)) */
    const double log_r = log1m_e - log_e - log_s;
    const double log1p_r = softplus(log_r);
    const double log_pi_n = -log_s - log1p_r;
    out->p_wait = exp(-log1p_r);
    /* P(ab) = theta E[Q] / lambda = pi_N sum(m c_m) / a */
    out->p_abandon =
        exp(log_pi_n + log(s.moment) + s.log_scale - log(lam_over_theta));
    if (!(out->p_abandon <= 1.0))
        out->p_abandon = s.moment > 0.0 ? 1.0 : 0.0;
    out->occupancy = a_load * (1.0 - out->p_abandon) / n;

    if (what & RP_ERLANG_A_SL) {
        double p_late;
        if (t_s > 0.0) {
            /* P(answered after t) = pi_N b u^(b+1) e^(a(1-u)) T(a u),
             * u = exp(-theta t), T(x) = sum x^k / ((b+1)...(b+1+k)). */
            Series tser;
            double x = lam_over_theta * exp(-theta * t_s);
            series_sum(&tser, 1.0 / (b + 1.0), x, b + 1.0);
            double log_t = log(tser.sum) + tser.log_scale;
            p_late = exp(log_pi_n + log(b) - (b + 1.0) * theta * t_s -
                         lam_over_theta * expm1(-theta * t_s) + log_t);
        } else {
            p_late = out->p_wait - out->p_abandon;
        }
        double sl = 1.0 - out->p_abandon - p_late;
        out->service_level = sl < 0.0 ? 0.0 : sl;
    }

    if (what & RP_ERLANG_A_ASA) {
        /* First-step recursion over the callers ahead (5.1 step 5):
         * ASA = P(wait) sum(c_m h_m) / S / (1 - P(ab)), the sum rescaled
         * like the series because c_m may exceed the double range. */
        const double mu = 1.0 / aht;
        double c = 1.0, acc = 0.0, acc_log_scale = 0.0;
        double p_prev = 1.0, h_prev = 0.0;
        for (double m = 0.0; m < 1e8; m += 1.0) {
            if (m > 0.0)
                c *= lam_over_theta / (b + m);
            double rk = n * mu + m * theta;
            double qk = rk / (rk + theta);
            double p_m = qk * p_prev;
            double h_m = p_m / (rk + theta) + qk * h_prev;
            acc += c * h_m;
            p_prev = p_m;
            h_prev = h_m;
            if (c > RESCALE) {
                c /= RESCALE;
                acc /= RESCALE;
                acc_log_scale += LOG_RESCALE;
            }
            if (m > lam_over_theta - b && c * h_m < acc * SERIES_REL)
                break;
        }
        double answered = 1.0 - out->p_abandon;
        double wait_sum = exp(log(acc) + acc_log_scale - log_s);
        out->asa_s =
            answered > 0.0 ? out->p_wait * wait_sum / answered : INFINITY;
    }
}

gboolean
rp_erlang_metrics(const RpQueueLoad *q, double agents, double target_s,
                  RpErlangMetrics *out, GError **error)
{
    g_return_val_if_fail(q != NULL && out != NULL, FALSE);
    if (!rp_erlang_check_load(q, error) ||
        !check_range(agents, RP_ERLANG_MAX_AGENTS, "agents", error) ||
        !check_finite_nonneg(target_s, "answer time", error))
        return FALSE;
    if (q->traffic <= 0.0) {
        *out = (RpErlangMetrics){.p_wait = 0.0,
                                 .service_level = 1.0,
                                 .asa_s = 0.0,
                                 .p_abandon = 0.0,
                                 .occupancy = 0.0,
                                 .stable = TRUE};
        return TRUE;
    }
    if (isinf(q->patience_s)) {
        RpInvB ib;
        rp_erlang_inv_b(q->traffic, agents, &ib);
        rp_erlang_c_from_inv_b(q->traffic, agents, &ib, q->aht_s, target_s,
                               out);
    } else {
        rp_erlang_a_eval(q, agents, target_s, RP_ERLANG_A_SL | RP_ERLANG_A_ASA,
                         out);
    }
    return TRUE;
}
