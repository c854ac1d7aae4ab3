/* common/fcr.h - first-contact resolution and failure demand.
 *
 * A contact not resolved the first time comes back: the resident rings
 * again, or writes, a few working days later.  With a share r resolved at
 * the first contact, and a share s of the unresolved coming back, a
 * queue's contacts repeat at the rate
 *
 *     p = s (1 - r)                                                  (1)
 *
 * and the repeats of day d arrive on the L-th working day after d, on the
 * queue they return to (the same one unless configured).  Everything is
 * worked on daily totals, and the days are treated as one turn of a
 * repeating cycle, as the deferred-work plan does (models/requirements.h):
 * the repeats of the last days of a period land on its first ones.
 *
 * The estimate's assumptions (docs/forecasting.md): every contact, first
 * or repeat, is resolved at the same rate; a repeat comes back once per
 * failure (a repeat not resolved repeats again, so the chain is
 * geometric); the first contacts themselves do not depend on the
 * resolution rate.  Then, with contacts D per queue and day, the repeats
 * are R = p D shifted by L working days, the first contacts F = D - R,
 * and a change of resolution changes D to the solution of D' = F + p' D'
 * (shifted), found by fixed-point iteration (it converges because p' <
 * 1).  F is not clamped at zero, so the same rates give the same
 * contacts back even where a day holds fewer contacts than the repeats
 * the model sends it (a day the history has little of).  Over a period, repeats
 * are about p of the contacts: avoidable demand, since a contact resolved first
 * time does not come back. */
#ifndef RP_COMMON_FCR_H
#define RP_COMMON_FCR_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"

/* Reads [first_contact] (resolution, returns, return_after for every
 * queue) and each queue's fcr, fcr_returns, fcr_return_after and
 * fcr_return_to into queue->fcr.  Fails with RP_DATA_ERROR naming the
 * file, line and key: values that do not parse, a resolution of 0%, a
 * return_after that is not a whole number of days from 0 to 20, an
 * unknown queue to return to. */
gboolean rp_fcr_read(RpCentre *centre, GError **error);

/* p of (1): the share of a queue's contacts that come back as repeats
 * (0 when its resolution is not modelled). */
double rp_fcr_repeat_rate(const RpFirstContact *f);

/* TRUE when some queue of the centre has a resolution rate. */
gboolean rp_centre_models_fcr(const RpCentre *centre);

/* One queue's contacts over a period, split. */
typedef struct {
    double contacts; /* all contacts */
    double repeats;  /* estimated repeats of unresolved contacts (avoidable
                        at 100% resolution); contacts - repeats are first
                        contacts */
} RpFcrSplit;

/* Splits every queue's contacts of `volumes` (read for `centre`) into
 * first contacts and repeats.  Returns: (transfer full) centre->queues->len
 * splits. */
RpFcrSplit *rp_fcr_split(const RpCentre *centre, const RpVolumes *volumes);

/* Changes the contacts of `volumes` (rows of the queues of `to`) from the
 * resolution rates of `from` to those of `to` (queues matched by id; a
 * queue `from` lacks keeps its rate): first contacts stay, repeats follow
 * the new rates.  Each queue's day is scaled as a whole, so its pattern
 * over the day is kept. */
void rp_fcr_rescale(const RpCentre *from, const RpCentre *to,
                    RpVolumes *volumes);

#endif
