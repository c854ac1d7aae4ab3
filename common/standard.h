/* common/standard.h - a published service standard, as plain data.
 *
 * Lives in common/ because the centre configuration reads it and the
 * queueing models use it; checking that a standard can be met at all
 * needs no queueing maths. */
#ifndef RP_COMMON_STANDARD_H
#define RP_COMMON_STANDARD_H

#include <glib.h>

/* A published standard; NAN marks a target that is not set. */
typedef struct {
    double service_level;   /* fraction answered within answer_within_s */
    double answer_within_s; /* service-level threshold (s) */
    double asa_max_s;       /* highest average speed of answer (s) */
    double abandon_max;     /* highest fraction of contacts abandoning */
    double occupancy_max;   /* highest officer occupancy (0..1] */
} RpStandard;

/* Sets every target of `s` to "not set". */
void rp_standard_init(RpStandard *s);

/* Checks that `s` can be met by some finite number of officers: at least
 * one of service level, ASA or abandonment is set; a service level below
 * 100% (random arrivals always leave some chance of waiting); an ASA above
 * zero; abandonment above 0%; occupancy in (0, 100%].  Fails with
 * RP_DATA_ERROR_TARGET and a message naming the target. */
gboolean rp_standard_check(const RpStandard *s, GError **error);

#endif
