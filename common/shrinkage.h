/* common/shrinkage.h - shrinkage that changes with the time: more leave in
 * August, sickness in winter, team training on Wednesday afternoons, a
 * site's own extra.
 *
 * The [shrinkage] group gives the share of paid time officers are away
 * all year; each [shrinkage:NAME] group adds a share at set times:
 *
 *   [shrinkage:training]
 *   days = wed
 *   hours = 14:00-16:00
 *   add = 20%
 *
 * with `months` (jan..dec, ranges such as dec-feb), `days` (mon..sun),
 * `hours` (HH:MM-HH:MM spans on the interval grid) and `site` (the desks
 * of that site) each optional: what is not given applies throughout.
 * Additions combine with the year-round total by the [shrinkage] method:
 * added up, or (sequential) each a share of the time left. */
#ifndef RP_COMMON_SHRINKAGE_H
#define RP_COMMON_SHRINKAGE_H

#include <glib.h>

#include "common/centre.h"

/* An empty array of RpShrinkagePeriod that frees its names. */
GArray *rp_shrinkage_periods_new(void);

/* Reads group `group` ("shrinkage:NAME") of the centre's configuration
 * into centre->shrinkage.periods.  Sites must have been read.  Fails with
 * RP_DATA_ERROR naming the file, line and key: unknown keys, a missing
 * `add`, months, days or hours that do not parse, an unknown site. */
gboolean rp_shrinkage_read_period(RpCentre *centre, const char *group,
                                  GError **error);

/* Checks that the shrinkage stays below 95% at every month, weekday,
 * interval and site once every period is read.  Fails with
 * RP_DATA_ERROR_VALUE naming the group that takes it over, with the
 * time. */
gboolean rp_shrinkage_check(const RpCentre *centre, GError **error);

/* The share of paid time officers of site `site` (-1: phone lines and
 * deferred work, which no site owns) are away at UTC instant `utc`: the
 * year-round total with every period that covers that local month, day
 * and time, and that site. */
double rp_centre_shrinkage_at(const RpCentre *centre, int site, gint64 utc);

/* TRUE when the centre has shrinkage that changes with the time. */
gboolean rp_centre_shrinkage_varies(const RpCentre *centre);

#endif
