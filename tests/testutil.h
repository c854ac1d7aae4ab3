/* tests/testutil.h - helpers shared by the unit tests. */
#ifndef RP_TESTS_TESTUTIL_H
#define RP_TESTS_TESTUTIL_H

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/centre.h"
#include "common/volumes.h"

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

/* Writes `text` to a file `name` in a fresh temporary directory; returns
 * its path (free with g_free() after rp_test_remove()). */
static inline char *
rp_test_file(const char *name, const char *text)
{
    char *dir = g_dir_make_tmp("rotaplan-XXXXXX", NULL);
    g_assert_nonnull(dir);
    char *path = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    g_free(dir);
    return path;
}

/* Removes a file made by rp_test_file() and its directory. */
static inline void
rp_test_remove(const char *path)
{
    char *dir = g_path_get_dirname(path);
    g_unlink(path);
    g_rmdir(dir);
    g_free(dir);
}

/* Fails the test unless `message` starts with `path` and `line` (the path
 * alone when line is 0) and mentions `field`; `what` names the case. */
static inline void
rp_assert_error_at(const char *message, const char *path, int line,
                   const char *field, const char *what)
{
    char *at = line ? g_strdup_printf("%s:%d:", path, line)
                    : g_strdup_printf("%s:", path);
    if (!g_str_has_prefix(message, at) || strstr(message, field) == NULL)
        g_test_fail_printf("%s: '%s' lacks '%s' or '%s'", what, message, at,
                           field);
    g_free(at);
}

/* Three phone lines a, b and c, open 09:00-17:00 on weekdays, calls of
 * 180 s, 80% in 20 s, callers wait, routed by skill; GBP 10 an hour (the
 * pooled tests of test_requirements.c and test_scenario.c). */
#define RP_TEST_POOL_INI                                                       \
    "[centre]\nname = Pool\ninterval = 15m\ntimezone = UTC\n"                  \
    "routing = skills\n[costs]\nhourly_rate = 10\n"                            \
    "[queue:a]\nchannel = phone\nhours = mon-fri 09:00-17:00\naht = 180s\n"    \
    "service_level = 80%\nanswer_within = 20s\n"                               \
    "[queue:b]\nchannel = phone\nhours = mon-fri 09:00-17:00\naht = 180s\n"    \
    "service_level = 80%\nanswer_within = 20s\n"                               \
    "[queue:c]\nchannel = phone\nhours = mon-fri 09:00-17:00\naht = 180s\n"    \
    "service_level = 80%\nanswer_within = 20s\n"

/* RP_TEST_POOL_INI's centre in `*centre` and the calls of its lines on
 * Monday 11 January 2027: 5, 20 and 45 a quarter-hour (1, 4 and 9
 * Erlangs), 09:00 to 17:00.  The files they were read from are gone.
 * (transfer full) */
static inline RpVolumes *
rp_test_pool_day(RpCentre **centre)
{
    char *ini = rp_test_file("pool.ini", RP_TEST_POOL_INI);
    *centre = rp_centre_load(ini, NULL);
    g_assert_nonnull(*centre);
    rp_test_remove(ini);
    g_free(ini);
    static const char *const q[] = {"a", "b", "c"};
    static const int calls[] = {5, 20, 45};
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int m = 9 * 60; m < 17 * 60; m += 15)
        for (int k = 0; k < 3; k++)
            g_string_append_printf(s, "2027-01-11T%02d:%02d,%s,%d\n", m / 60,
                                   m % 60, q[k], calls[k]);
    char *path = rp_test_file("v.csv", s->str);
    g_string_free(s, TRUE);
    RpVolumes *v = rp_volumes_read(path, *centre, NULL, NULL);
    g_assert_nonnull(v);
    rp_test_remove(path);
    g_free(path);
    return v;
}

#endif
