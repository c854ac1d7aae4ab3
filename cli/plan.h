/* cli/plan.h - pieces of `rotaplan plan` shared between its stages:
 * evaluation files and the report's sections built from requirements,
 * staffing and evaluation. */
#ifndef RP_CLI_PLAN_H
#define RP_CLI_PLAN_H

#include <glib.h>

#include "cli/cli.h"
#include "common/centre.h"
#include "models/evaluate.h"
#include "models/requirements.h"

/* Writes the evaluation of `staffed` (one value per requirements row) as
 * three CSV files in `dir`: evaluation-intervals.csv (service per queue
 * and interval), evaluation-days.csv (per queue and day) and misses.csv
 * (every interval and day that misses its standard, with the gap). */
gboolean plan_write_evaluation(const char *dir, const RpCentre *centre,
                               const RpRequirements *req,
                               const RpEvaluation *eval, GError **error);

/* Report section: officers required and scheduled through each day, one
 * chart per day for all queues together, and a heat map of the shortfall
 * by day and interval. */
gboolean plan_report_coverage(CliReport *report, const RpCentre *centre,
                              const RpRequirements *req,
                              const double *staffed, GError **error);

/* Report section: service level per queue per day against its standard,
 * and the list of misses. */
gboolean plan_report_service(CliReport *report, const RpCentre *centre,
                             const RpEvaluation *eval, GError **error);

#endif
