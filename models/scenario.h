/* models/scenario.h - what a variation of the centre costs and the service
 * it gives: FTE, weekly and annual cost, service per channel against its
 * standard, and the cost-versus-service frontier finance chooses from.
 *
 * Staffing is planned to the standards (no roster): every interval gets
 * the officers its standard needs, grossed up for shrinkage, and priced at
 * the hourly rate with on-costs and evening and weekend premiums.  The
 * frontier replaces the telephone service-level target by each of a list
 * of targets, keeping the rest of each standard (an abandonment cap, an
 * ASA), and prices the least staffing that meets it.  The cost of a
 * scenario is always the cost of meeting its standards, whatever the
 * budget; a scenario over budget is never trimmed to fit.  Separately,
 * the service the budget buys: telephones staffed to the highest service
 * level the budget pays for, as their only target (an abandonment cap
 * would otherwise forbid any saving), with the abandonment that
 * follows. */
#ifndef RP_MODELS_SCENARIO_H
#define RP_MODELS_SCENARIO_H

#include <glib.h>

#include "common/centre.h"
#include "common/scenario.h"
#include "common/volumes.h"

#define RP_N_CHANNELS 6

/* Least annual cost for one telephone service-level target. */
typedef struct {
    double service_level; /* the telephone target */
    double annual_cost;   /* least cost meeting it */
    double fte;           /* full-time officers that staffing is */
} RpFrontierPoint;

/* What a budget below the standards' cost buys: telephones staffed to
 * the highest service level it pays for, the rest to their standards.
 * Every field NAN when the budget covers the standards (or there is no
 * budget, or no telephones). */
typedef struct {
    double phone_target;   /* the telephone service level it pays for */
    double phone_achieved; /* contact-weighted service level that gives */
    double phone_abandon;  /* contact-weighted share hanging up */
    double annual_cost;    /* its cost (at most the budget) */
    double fte;            /* full-time officers */
} RpBudgetService;

typedef struct {
    gint64 first_day, last_day; /* local days the volumes cover */
    double days;                /* calendar days from first to last */
    /* meeting the standards: */
    double fte;             /* scheduled hours over full-time weeks */
    double weekly_cost;     /* average week */
    double annual_cost;     /* the period's cost scaled to 365.25 days */
    double budget;          /* annual budget, NAN when not set */
    double over_budget;     /* annual_cost - budget: negative when under;
                               NAN without a budget */
    gboolean within_budget; /* annual_cost <= budget (TRUE without one) */
    double phone_target;    /* the telephone service-level standard */
    /* per channel (RpChannel order), NAN when the centre has none: */
    double target[RP_N_CHANNELS];      /* the standard: real time, the
                                          contact-weighted service-level
                                          target; deferred, 100% in time */
    double achieved[RP_N_CHANNELS];    /* service level (share in time) */
    double abandon[RP_N_CHANNELS];     /* real time: share hanging up */
    double abandon_max[RP_N_CHANNELS]; /* real time: contact-weighted cap
                                          (100% for queues without one;
                                          NAN when no queue has one) */
    GArray *frontier;                  /* RpFrontierPoint, by target */
    RpBudgetService afford;            /* what the budget buys, if short */
} RpScenarioResult;

/* Prices and evaluates `volumes` for `centre`, with the frontier at the
 * `n_targets` telephone `targets` (each in (0, 1)).  The volumes are for
 * the `days` calendar days from local day `first_day` (a whole week even
 * when its Sunday has no contacts); with `days` 0, for the days from the
 * first row's to the last row's.  Annual figures scale the period to
 * 365.25 days.  With `pooled` the phone lines open in each interval are
 * sized as one pool (rp_requirements_pool()), at the standards and at
 * every target, as a centre routing calls by skill needs them; else each
 * line on its own.  Fails with RP_DATA_ERROR like
 * rp_requirements_compute(). */
gboolean rp_scenario_run(const RpCentre *centre, const RpVolumes *volumes,
                         gint64 first_day, size_t days, const double *targets,
                         size_t n_targets, gboolean pooled,
                         RpScenarioResult *out, GError **error);

/* Frees what rp_scenario_run() allocated in `r`. */
void rp_scenario_result_clear(RpScenarioResult *r);

/* Runs every scenario of `scenarios` (RpScenario *, as
 * rp_scenarios_load() reads them) on the volumes it makes from `base`
 * (read for `centre`, covering `days` from `first_day` as for
 * rp_scenario_run()), on up
 * to `threads` threads (a GThreadPool); the
 * results, one per scenario in `results`, are identical to running them
 * one by one.  On failure returns FALSE with the first failing scenario's
 * error (in file order) and leaves no results to clear. */
gboolean rp_scenario_run_all(GPtrArray *scenarios, const RpCentre *centre,
                             const RpVolumes *base, gint64 first_day,
                             size_t days, const double *targets,
                             size_t n_targets, gboolean pooled, int threads,
                             RpScenarioResult *results, GError **error);

#endif
