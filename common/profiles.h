/* common/profiles.h - named skill profiles: the groups of phone lines a
 * call distributor can log an officer into instead of every line they
 * hold, e.g. [profile:revenues] lines = council_tax, benefits.
 *
 * An officer on the position `phones:NAME` takes the calls of the
 * profile's lines they are trained for, and no others; `phones` alone
 * logs them into every line they hold; `blended:NAME` into their site's
 * desk first and the profile's lines between visitors
 * (common/activities.h).  The
 * roster chooses between them per block (roster/logins.c). */
#ifndef RP_COMMON_PROFILES_H
#define RP_COMMON_PROFILES_H

#include <glib.h>

#include "common/centre.h"

/* Reads every [profile:NAME] group (keys `name`, `lines`) into
 * centre->profiles, once the queues are read, and each site's `blended`
 * (`phones` or a profile: what its desk officers take between visitors,
 * the position `blended` or `blended:NAME`).  Fails with RP_DATA_ERROR
 * naming the file, line and key: a line that is no queue of the centre,
 * a queue that is not a phone line, a profile with no line, a line
 * named twice, a site's `blended` that is no profile. */
gboolean rp_profiles_read(RpCentre *centre, GError **error);

/* Index of the profile called `id` in centre->profiles, or -1. */
int rp_centre_profile_index(const RpCentre *centre, const char *id);

/* The phone lines of profile `k` that an officer of proficiencies
 * `skill` (per centre queue) holds, as bits (queue q: bit q); the centre
 * has at most 64 queues. */
guint64 rp_profile_lines_held(const RpCentre *centre, size_t k,
                              const double *skill);

#endif
