/* common/transfer.h - contacts moving from one queue to another: a
 * service leaving General Enquiries for its own line, phone calls
 * becoming web forms.  Used by scenarios (shift keys) and by the
 * forecast's history (the events file's `moves` rows). */
#ifndef RP_COMMON_TRANSFER_H
#define RP_COMMON_TRANSFER_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"

/* Moves `share` of the contacts of queue `source` in `v` (read for `c`)
 * on local days first_day to last_day (inclusive) to queue `target`:
 * each into the target's interval with the same start when it has one or
 * is open then (a row is added), else spread over the target's open rows
 * of that day in proportion to their contacts (its rows of that day if
 * none is open: a queue of daily totals; dropped when it has none).
 * Moved contacts take `aht_s` as their handling time at the target (NAN:
 * the target's own), blended into the rows' handling times. */
void rp_volumes_move(const RpCentre *c, RpVolumes *v, size_t source,
                     size_t target, double share, double aht_s,
                     gint64 first_day, gint64 last_day);

/* A deep copy of `v`.  (transfer full) */
RpVolumes *rp_volumes_copy(const RpVolumes *v);

#endif
