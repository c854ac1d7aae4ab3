/* tests/testutil.h - helpers shared by the unit tests. */
#ifndef RP_TESTS_TESTUTIL_H
#define RP_TESTS_TESTUTIL_H

#include <math.h>

#include <glib.h>

/* Fails the test unless |got - want| <= rel * |want| (or |got| <= rel when
 * want is 0); NaNs and infinities must match exactly. */
#define rp_assert_rel(got, want, rel)                                          \
    do {                                                                       \
        double g_ = (got), w_ = (want), r_ = (rel);                            \
        gboolean ok_;                                                          \
        if (isnan(g_) || isnan(w_))                                            \
            ok_ = isnan(g_) && isnan(w_);                                      \
        else if (isinf(g_) || isinf(w_))                                       \
            ok_ = isinf(g_) && isinf(w_) && signbit(g_) == signbit(w_);        \
        else if (w_ != 0.0)                                                    \
            ok_ = fabs(g_ - w_) / fabs(w_) <= r_;                              \
        else                                                                   \
            ok_ = fabs(g_) <= r_;                                              \
        if (!ok_)                                                              \
            g_test_fail_printf("%s:%d: %s = %.17g, want %.17g (rel %g)",       \
                               __FILE__, __LINE__, #got, g_, w_, r_);          \
    } while (0)

/* Fails unless |got - want| <= abs_tol + rel * |want|. */
#define rp_assert_close(got, want, rel, abs_tol)                               \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        if (!(fabs(g_ - w_) <= (abs_tol) + (rel)*fabs(w_)))                    \
            g_test_fail_printf("%s:%d: %s = %.17g, want %.17g", __FILE__,      \
                               __LINE__, #got, g_, w_);                        \
    } while (0)

#endif
