/* cli/simulation.h - the simulator (sim/) wired to rotaplan's files,
 * shared by `rotaplan simulate` and `rotaplan plan`. */
#ifndef RP_CLI_SIMULATION_H
#define RP_CLI_SIMULATION_H

#include <glib.h>

#include "cli/cli.h"
#include "common/centre.h"
#include "common/volumes.h"
#include "roster/roster.h"
#include "sim/sim.h"

/* Contacts and handling times of `volumes` on the grid of `n_intervals`
 * from `start_utc`; a row outside it is an RP_DATA_ERROR naming the file
 * and line.  (transfer full) */
RpSimDemand *cli_sim_demand(const RpCentre *centre, const RpVolumes *volumes,
                            gint64 start_utc, size_t n_intervals,
                            GError **error);

/* Gives every queue of `demand` a daily factor of coefficient of
 * variation `cv` (nothing for cv <= 0). */
void cli_sim_set_day_cv(RpSimDemand *demand, double cv);

/* The officers' proficiencies, logged into nothing.  (transfer full) */
RpSimStaff *cli_sim_staff_skills(const RpRosterInput *in, size_t n_intervals);

/* The officers logged in as `roster` says: each into the queue of its
 * activity or, on a phone line of a centre routing calls by skill, into
 * every phone line they hold.  (transfer full) */
RpSimStaff *cli_sim_staff_from_roster(const RpRosterInput *in,
                                      const RpRoster *roster);

/* --corrections not given (`plan`, `roster`): CLI_POOLED_CORRECTIONS
 * rounds where the phones were sized as one pool (pooled, skill-sets;
 * docs/models.md), none where each line was sized on its own. */
#define CLI_DEFAULT_CORRECTIONS G_MININT
#define CLI_POOLED_CORRECTIONS  8

/* Cezik and L'Ecuyer's correction by simulation: the rota solved with
 * a light effort (at most 3000 iterations of search, no bound),
 * simulated against `volumes` (seeded by the roster's seed), every open
 * phone line-interval that misses its standard raised by one officer
 * where enough officers are available (the rota has at work at least as
 * many officers who could take calls as one pool of the lines open then
 * needs) and, in a week short of officers (rp_roster_short_week() of
 * the requirement before any correction), while the phones of the
 * interval ask no more than its lines sized one by one would; then
 * solved again, `rounds` times.
 * The requirement of the round with the most phone lines meeting their
 * standard over the period (then the most line-intervals) is kept in
 * `in`, and the rota solved against it with `params` goes to `result`
 * (the round's own rota when `params` ask no more than the rounds'
 * effort).  `params`' time limit caps the whole: each round has its
 * share of one half, the final solve what the rounds leave.  Deterministic for
 * the same inputs and seed (unless the time limit cuts a solve). */
gboolean cli_roster_correct(RpRosterInput *in, const RpVolumes *volumes,
                            const RpRosterParams *params, int rounds,
                            RpRosterResult *result, GError **error);

/* The period of `row`: local interval start, date, ISO week or "all". */
void cli_sim_period_label(const RpCentre *centre, RpSimPeriod by,
                          const RpSimRow *row, char *buf, size_t size);

/* The service-level target of `q` (deferred work: 100% on time). */
double cli_sim_target(const RpQueue *q);

/* Refuses (usage) a --corrections given outside 0 to 20, the rule of
 * `plan` and `roster`. */
gboolean cli_check_corrections(int corrections, GError **error);

/* Refuses (usage) a --replications outside 1 to 100000, the rule of
 * every command that simulates. */
gboolean cli_sim_check_replications(int replications, GError **error);

/* Every figure of `rows` (RpSimRow) in `format` (docs/simulation.md). */
void cli_sim_render(const RpCentre *centre, const GArray *rows, RpSimPeriod by,
                    CliFormat format, GString *out);

#endif
