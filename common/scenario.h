/* common/scenario.h - budget scenarios: named variations of a centre.
 *
 * A scenarios file is INI with one [scenario:NAME] group per scenario.
 * Its keys change the centre configuration or the volumes:
 *
 *   title = Extended hours            the name shown to people (default
 *                                     NAME, underscores as spaces)
 *   description = One evening and Saturday mornings
 *   base = centre-extended.ini        start from another configuration
 *   GROUP.KEY = VALUE                 any configuration key, e.g.
 *                                     queue:council_tax.aht = 300s,
 *                                     costs.evening_premium = 33%
 *   CHANNEL.KEY = VALUE               that key for every queue of a
 *                                     channel, e.g. phone.service_level = 90%
 *   volume.TARGET = +5%               contacts of a queue, a channel or
 *                                     `all` changed by a percentage
 *                                     (optionally "from 2027-04-01": a
 *                                     service joining on a date; likewise
 *                                     a new queue's share and aht)
 *   volume.NEWQUEUE = 25% of general  a new queue's contacts: a share of
 *                                     an existing queue's (same pattern)
 *   aht.TARGET = +10%                 handling times changed
 *   new_hours.TARGET = 50%            contacts in hours a scenario opens,
 *                                     as a share of the day's average open
 *                                     interval (default 50%)
 *   shift.SOURCE = 5% to web          a share of a queue's or channel's
 *                                     contacts moved to another queue
 *                                     (channel shift, a service moving),
 *                                     optionally "at 4m" (their handling
 *                                     time there) and "from 2027-04-01"
 *   queue:ID.fcr = 80%, phone.fcr     first-contact resolution: repeats
 *                                     follow it (common/fcr.h)
 *
 * Errors name the scenarios file, line and key; a configuration key that
 * does not fit the centre is reported at the scenario's line. */
#ifndef RP_COMMON_SCENARIO_H
#define RP_COMMON_SCENARIO_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"

/* A change of contacts or handling times. */
typedef struct {
    char *target;    /* queue id, channel name or "all" */
    double factor;   /* multiply by this */
    char *source;    /* for a new queue: the queue whose contacts it copies */
    gint64 from_day; /* local day it starts ("from 2027-04-01"), or
                        G_MININT64: the whole period */
} RpScenarioChange;

/* Contacts moved from one queue (or channel) to another. */
typedef struct {
    char *source;    /* queue id or channel name */
    char *target;    /* queue id */
    double share;    /* share of the source's contacts moved */
    double aht_s;    /* their handling time at the target; NAN: the
                        target's own */
    gint64 from_day; /* local day they move from; G_MININT64: always */
} RpScenarioShift;

typedef struct {
    char *name;        /* NAME of [scenario:NAME] */
    char *title;       /* the name shown to people: the title key, or NAME
                          with underscores as spaces */
    char *description; /* free text, may be empty */
    RpCentre *centre;  /* the centre as this scenario changes it */
    GArray *volume;    /* RpScenarioChange */
    GArray *aht;       /* RpScenarioChange */
    GArray *new_hours; /* RpScenarioChange (factor = share) */
    GArray *shift;     /* RpScenarioShift, in file order */
} RpScenario;

void rp_scenario_free(RpScenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpScenario, rp_scenario_free)

/* Reads every [scenario:NAME] of `path` as changes to the configuration
 * at `config_path`.  Returns (transfer full) RpScenario * in file order.
 * Fails with RP_DATA_ERROR naming file, line and key: unknown keys or
 * groups, unknown queues or channels, values that do not parse,
 * configuration values that do not fit (an impossible opening time, an
 * impossible standard), and a file without scenarios. */
GPtrArray *rp_scenarios_load(const char *path, const char *config_path,
                             GError **error);

/* The volumes of scenario `s`, made from `base` (read for `centre`), in
 * this order: contacts and handling times changed, new queues filled
 * from their source, and open intervals the base has no row for (hours
 * the scenario opens, on the days the base covers) filled with the
 * new-hours share of that queue's average open interval; then repeats
 * changed from the first-contact resolution of `centre` to the
 * scenario's (rp_fcr_rescale()); then the shifts, each moving its share
 * of the source's contacts to the target (rp_volumes_move()).
 * (transfer full) */
RpVolumes *rp_scenario_volumes(const RpScenario *s, const RpCentre *centre,
                               const RpVolumes *base);

#endif
