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
#include "sim/sim.h"

/* The roster's input and output files; NULL for those not wanted. */
typedef struct {
    const char *officers, *requirements, *availability, *preferences;
    const char *previous;
    const char *rota, *activities, *coverage, *hours, *ics, *summary;
    const char *xlsx;
    gboolean plans_own; /* the requirements are the plan's own: messages
                           name no file for them */
} CliRosterFiles;

/* Reads the roster's inputs (officers first, then requirements, then the
 * others). */
gboolean cli_roster_read(RpRosterInput *in, const CliRosterFiles *files,
                         GError **error);

/* Writes the rota, activities, coverage, hours (CSV), one iCalendar file
 * per officer in the ics directory, the summary (CSV) and the workbook
 * (xlsx). */
gboolean cli_roster_write(CliOutputs *set, const CliRosterFiles *files,
                          const RpRosterInput *in, const RpRosterResult *r,
                          GError **error);

/* Writes the rota as a workbook, the output `path` of `set` (cli/xlsx.c):
 * a rota sheet per site (officer by day, shift times, frozen header, A4
 * landscape), then the activities, coverage and hours as in their CSV
 * files.  RP_IO_ERROR_WRITE when it cannot be written. */
gboolean cli_roster_xlsx(CliOutputs *set, const char *path,
                         const RpRosterInput *in, const RpRoster *roster,
                         GError **error);

/* Hours per officer against contract; the solve's figures in one row.
 * (transfer full) */
CliTable *cli_roster_hours_table(const RpRosterInput *in,
                                 const RpRoster *roster);
CliTable *cli_roster_summary_table(const RpRosterResult *r);

/* The solver's parameters from the options of `roster` and `plan`
 * (time_limit NULL and iterations G_MININT64 for the defaults: -1 is an
 * error like any other negative count); a usage error
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

/* Re-sizes the phone lines of `req` by `model` (per-line leaves them);
 * skill-sets needs `officers` (the RpOfficer of a roster input), and
 * fails with a usage error naming --officers without them. */
gboolean plan_apply_model(const RpCentre *centre, RpRequirements *req,
                          CliModel model, const GPtrArray *officers,
                          gboolean fractional, GError **error);

/* Writes the requirements file (docs/files.md) to `path`, atomically. */
gboolean plan_write_requirements(CliOutputs *set, const RpCentre *centre,
                                 const RpRequirements *req, const char *path,
                                 GError **error);

/* Writes the evaluation of `staffed` (one value per requirements row) as
 * four CSV files in `dir`: evaluation-intervals.csv (service per queue
 * and interval), evaluation-days.csv (per queue and day), each with the
 * simulated service of `sim` beside the Erlang figures, misses.csv
 * (every interval and day that misses its standard, with the gap) and
 * backlog.csv (deferred work left at the close of the week, which
 * rp_backlog_read() reads). */
gboolean plan_write_evaluation(CliOutputs *set, const char *dir,
                               const RpCentre *centre,
                               const RpRequirements *req,
                               const RpEvaluation *eval, const RpSimResult *sim,
                               GError **error);

/* A paragraph on the deferred work the week leaves for the next (the
 * evaluation's closing backlog per queue, as backlog.csv holds it). */
void plan_report_backlog(CliReport *report, const RpCentre *centre,
                         const RpEvaluation *eval);

/* Report section: the week's forecast against the same week a year
 * before (364 days earlier, so weekdays line up), contacts summed per
 * channel group (telephones, desks, deferred work), interval by
 * interval over the group's opening hours (from `req`), after `note`
 * (how newly opened hours were forecast; NULL: none). */
gboolean plan_report_forecast(CliReport *report, const RpCentre *centre,
                              const RpRequirements *req,
                              const RpVolumes *history,
                              const RpVolumes *forecast, gint64 monday,
                              const char *note, GError **error);

/* Report section: officers required and scheduled, small multiples by
 * channel group (one small chart per queue, over opening hours only),
 * and a heat map of the shortfall by day and time of day. */
gboolean plan_report_coverage(CliReport *report, const RpCentre *centre,
                              const RpRequirements *req, const double *staffed,
                              GError **error);

/* "Mon" to "Sun", by rp_weekday(). */
extern const char *const plan_weekday_names[7];

/* Channel group of a channel: 0 telephones, 1 desks, 2 deferred work. */
int plan_channel_group(RpChannel channel);

/* Report section: the week at a glance.  The verdict grid (a row per
 * queue, telephones then desks then deferred work, a column per day,
 * each cell one queue-day coloured met, near or missed with its service
 * level: the simulated figures of `sim_days` (RpSimRow by day) where
 * known, else the Erlang evaluation's in `eval`), beside the rota's cost
 * against the budget, the cost of meeting every standard and the FTE in
 * post against the FTE needed. */
void plan_report_glance(CliReport *report, const RpCentre *centre,
                        const RpEvaluation *eval, const GArray *sim_days,
                        const RpRequirements *req, const RpRosterInput *in,
                        const RpRosterResult *r);

/* Report section: the rota of each site (officer by day, each shift's
 * times and its positions as coloured blocks; a row per officer with a
 * shift there, data-officer="ID") and the site's cover by hour. */
void plan_report_rota(CliReport *report, const RpRosterInput *in,
                      const RpRoster *roster);

/* Report section: paid hours per officer against their contract (chart
 * and table), and the rota's cost, objective and gap to its bound. */
gboolean plan_report_roster(CliReport *report, const RpRosterInput *in,
                            const RpRosterResult *r, GError **error);

/* Writes compare.csv and frontier.csv into `dir` and adds the scenario
 * comparison (with the FTE in post, when finite) and the
 * cost-versus-service chart to the report (scenarios: RpScenario *,
 * results: RpScenarioResult[]). */
gboolean plan_report_scenarios(CliOutputs *set, CliReport *report,
                               const char *dir, GPtrArray *scenarios,
                               const void *results, const RpCentre *centre,
                               double fte_in_post, GError **error);

/* Writes the simulated service as simulation-days.csv and
 * simulation-intervals.csv (the CSV of rotaplan simulate) into `dir`. */
gboolean plan_write_simulation(CliOutputs *set, const char *dir,
                               const RpCentre *centre, const RpSimResult *sim,
                               GError **error);

/* Queue-days of `sim_days` (RpSimRow by day) that meet their standard;
 * their number in `*n_days`. */
size_t plan_sim_days_met(const GArray *sim_days, size_t *n_days);

/* Report section: the simulated service per queue per day of the week
 * from `monday` against its standard, with the Erlang figure of `eval`
 * where it lies outside the simulation's interval. */
void plan_report_simulation(CliReport *report, const RpCentre *centre,
                            const RpEvaluation *eval, const GArray *sim_days,
                            gint64 monday, size_t replications);

#endif
