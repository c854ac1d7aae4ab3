/* cli/plan.h - pieces of `rotaplan plan` shared between its stages:
 * evaluation files and the report's sections built from requirements,
 * staffing and evaluation. */
#ifndef RP_CLI_PLAN_H
#define RP_CLI_PLAN_H

#include <glib.h>

#include "cli/cli.h"
#include "common/centre.h"
#include "common/volumes.h"
#include "models/evaluate.h"
#include "models/requirements.h"
#include "roster/roster.h"

/* The roster's input and output files; NULL for those not wanted. */
typedef struct {
    const char *officers, *requirements, *availability, *preferences;
    const char *previous;
    const char *rota, *activities, *coverage, *hours, *ics, *summary;
} CliRosterFiles;

/* Reads the roster's inputs (officers first, then requirements, then the
 * others). */
gboolean cli_roster_read(RpRosterInput *in, const CliRosterFiles *files,
                         GError **error);

/* Writes the rota, activities, coverage, hours (CSV), one iCalendar file
 * per officer in the ics directory, and the summary (CSV). */
gboolean cli_roster_write(const CliRosterFiles *files, const RpRosterInput *in,
                          const RpRosterResult *r, GError **error);

/* Hours per officer against contract; the solve's figures in one row.
 * (transfer full) */
CliTable *cli_roster_hours_table(const RpRosterInput *in,
                                 const RpRoster *roster);
CliTable *cli_roster_summary_table(const RpRosterResult *r);

/* The solver's parameters from the options of `roster` and `plan`
 * (time_limit NULL and iterations -1 for the defaults); a usage error
 * for a bad one. */
gboolean cli_roster_params(RpRosterParams *p, const char *time_limit,
                           gint64 seed, gint64 iterations, gboolean no_bound,
                           GError **error);

/* Warns of what no rota can meet, and when the time limit cut the solve
 * short. */
void cli_roster_warn(const RpRosterResult *r);

/* The roster solver's progress line (an RpRosterProgressFunc). */
void cli_roster_progress(const char *phase, double objective, double bound,
                         double gap, double seconds, gpointer data);

/* Writes the requirements file (docs/files.md) to `path`, atomically. */
gboolean plan_write_requirements(const RpCentre *centre,
                                 const RpRequirements *req, const char *path,
                                 GError **error);

/* Writes the evaluation of `staffed` (one value per requirements row) as
 * three CSV files in `dir`: evaluation-intervals.csv (service per queue
 * and interval), evaluation-days.csv (per queue and day) and misses.csv
 * (every interval and day that misses its standard, with the gap). */
gboolean plan_write_evaluation(const char *dir, const RpCentre *centre,
                               const RpRequirements *req,
                               const RpEvaluation *eval, GError **error);

/* Report section: the week's forecast against the same week a year
 * before (364 days earlier, so weekdays line up), contacts summed per
 * channel group (telephones, desks, deferred work), interval by
 * interval. */
gboolean plan_report_forecast(CliReport *report, const RpCentre *centre,
                              const RpVolumes *history,
                              const RpVolumes *forecast, gint64 monday,
                              GError **error);

/* Report section: officers required and scheduled through each day, one
 * chart per day for all queues together, and a heat map of the shortfall
 * by day and interval. */
gboolean plan_report_coverage(CliReport *report, const RpCentre *centre,
                              const RpRequirements *req, const double *staffed,
                              GError **error);

/* Report section: service level per queue per day against its standard,
 * and the list of misses. */
gboolean plan_report_service(CliReport *report, const RpCentre *centre,
                             const RpEvaluation *eval, GError **error);

/* Report section: paid hours per officer against their contract (chart
 * and table), and the rota's cost and objective against what staffing
 * exactly to the standards would cost. */
gboolean plan_report_roster(CliReport *report, const RpRosterInput *in,
                            const RpRosterResult *r, const RpRequirements *req,
                            GError **error);

/* Writes compare.csv and frontier.csv into `dir` and adds the scenario
 * comparison (with the FTE in post, when finite) and the
 * cost-versus-service chart to the report (scenarios: RpScenario *,
 * results: RpScenarioResult[]). */
gboolean plan_report_scenarios(CliReport *report, const char *dir,
                               GPtrArray *scenarios, const void *results,
                               const RpCentre *centre, double fte_in_post,
                               GError **error);

#endif
