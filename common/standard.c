/* common/standard.c - checking that a standard can be met at all. */
#include "common/standard.h"

#include <math.h>

#include "common/error.h"

void
rp_standard_init(RpStandard *s)
{
    g_return_if_fail(s != NULL);
    *s = (RpStandard){.service_level = NAN,
                      .answer_within_s = 0.0,
                      .asa_max_s = NAN,
                      .abandon_max = NAN,
                      .occupancy_max = NAN};
}

static gboolean
fail_target(GError **error, const char *message)
{
    g_set_error_literal(error, RP_DATA_ERROR, RP_DATA_ERROR_TARGET, message);
    return FALSE;
}

gboolean
rp_standard_check(const RpStandard *s, GError **error)
{
    g_return_val_if_fail(s != NULL, FALSE);
    if (isnan(s->service_level) && isnan(s->asa_max_s) && isnan(s->abandon_max))
        return fail_target(error, "the standard sets no service level, "
                                  "average speed of answer or abandonment "
                                  "target");
    if (!isnan(s->service_level) &&
        !(s->service_level > 0.0 && s->service_level < 1.0))
        return fail_target(error, "a service level must be above 0% and below "
                                  "100%: with random arrivals no number of "
                                  "officers answers every contact in time");
    if (!isnan(s->service_level) &&
        !(s->answer_within_s >= 0.0 && isfinite(s->answer_within_s)))
        return fail_target(error, "the answer time of a service level must "
                                  "be a finite time of 0 s or more");
    if (!isnan(s->asa_max_s) && !(s->asa_max_s > 0.0))
        return fail_target(error,
                           "an average speed of answer target must be above "
                           "0 s: some contacts always wait");
    if (!isnan(s->abandon_max) &&
        !(s->abandon_max > 0.0 && s->abandon_max < 1.0))
        return fail_target(error, "an abandonment target must be above 0% "
                                  "and below 100%: impatient callers always "
                                  "leave with some chance");
    if (!isnan(s->occupancy_max) &&
        !(s->occupancy_max > 0.0 && s->occupancy_max <= 1.0))
        return fail_target(error, "a maximum occupancy must be above 0% and "
                                  "at most 100%");
    return TRUE;
}
