/* cli/dayplan.h - what `rotaplan intraday` and `rotaplan leave-check`
 * share: a plan folder read back, one day's forecast turned into the
 * officers each queue needs and the table of contacts missing the
 * standard per officer (for the re-plan of intraday/), and the service
 * of the rest of a day by the Erlang evaluation of models/ and by
 * simulation (sim/). */
#ifndef RP_CLI_DAYPLAN_H
#define RP_CLI_DAYPLAN_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"
#include "intraday/intraday.h"
#include "models/evaluate.h"
#include "models/requirements.h"
#include "roster/roster.h"
#include "sim/sim.h"

/* A plan folder written by `rotaplan plan`. */
typedef struct {
    char *dir;
    RpCentre *centre;
    RpRosterInput *in;       /* the officers, with their skills */
    RpVolumes *forecast;     /* forecast.csv */
    char *rota, *activities; /* paths */
    const char **ids;        /* officer ids, in officers-file order */
    const double **skill;    /* per officer: proficiency per queue, as the
                                re-plan and Erlang see it */
    int pool;                /* calls routed by skill: the phone line that
                                stands for all of them (the first), -1 when
                                each line is staffed on its own */
    double *pool_skill;      /* with a pool: the skills behind `skill`, the
                                best phone skill on the pool's line, 0 on the
                                other lines */
} CliPlanDir;

/* Reads DIR/centre.ini (or `config` when given: then it must be the same
 * centre), DIR/officers.csv and DIR/forecast.csv.  Fails with
 * RP_DATA_ERROR for a folder that is not a plan or is another centre's,
 * naming the files. */
gboolean cli_plan_dir_load(CliPlanDir *p, const char *dir, const char *config,
                           GError **error);
void cli_plan_dir_clear(CliPlanDir *p);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CliPlanDir, cli_plan_dir_clear)

/* Day `day` of the plan's rota (RP_DATA_ERROR when the plan does not
 * cover it), with the position "phones" on the pool's line when calls
 * are routed by skill.  (transfer full) */
RpDay *cli_plan_dir_day(const CliPlanDir *p, gint64 day, GError **error);

/* A copy of `d` as the files say it: the pool's line back to the
 * position "phones".  (transfer full) */
RpDay *cli_day_for_files(const CliPlanDir *p, const RpDay *d);

/* The plan's forecast for `d`'s day: contacts and handling times per
 * [q * n_intervals + t], NAN where the forecast has no row. */
void cli_day_forecast(const CliPlanDir *p, const RpDay *d, double *contacts,
                      double *aht_s);

/* The officers each queue needs through `d`'s day for `contacts` and
 * `aht_s` (as cli_day_forecast() gives them).  (transfer full) */
RpRequirements *cli_day_requirements(const CliPlanDir *p, const RpDay *d,
                                     const double *contacts,
                                     const double *aht_s, GError **error);

/* The table (2) of intraday/intraday.h is minimised over: contacts
 * missing each real-time standard with 0.. officers by Erlang C or A
 * (its lower convex hull, so that a queue needing two officers to do
 * anything still draws the first), officers kept on a desk (and with
 * `keep_lines` on a phone line) unless it meets its standard without
 * them,
 * and each deferred queue's officer-hours in `d` from `from` on as its
 * target (the re-plan moves deferred work in time, it does not take on
 * an absent officer's).  (transfer full) */
RpDayDemand *cli_day_demand(const CliPlanDir *p, const RpDay *d,
                            const RpRequirements *req, size_t from,
                            gboolean keep_lines, GError **error);

/* Service of one queue over the rest of a day. */
typedef struct {
    double contacts;  /* real time: contacts from `from` on */
    double sl;        /* contact-weighted service level */
    double abandon;   /* contact-weighted share abandoning */
    double officer_h; /* officer-hours on the queue, from `from` on */
    size_t n_missed;  /* intervals missing a standard */
} CliQueueService;

/* Evaluates `d` against `req` from interval `from` on: per queue into
 * `out` (the centre's queues), and the evaluation itself in `*eval` when
 * not NULL. */
gboolean cli_day_service(const CliPlanDir *p, const RpDay *d,
                         const RpRequirements *req, size_t from,
                         CliQueueService *out, RpEvaluation **eval,
                         GError **error);

/* Contacts of real-time queues missing the service-level standard in
 * `s` (per queue), summed. */
double cli_service_missed(const CliPlanDir *p, const CliQueueService *s);

/* Simulates the rest of `d`'s day, from interval `from` to its end (no
 * contacts waiting at `from`), against `contacts` and `aht_s` (as
 * cli_day_forecast() lays them out) with `replications` runs from
 * `seed`: the rest of the day per queue in `*by_queue` and per queue and
 * interval in `*by_interval` (GArray of RpSimRow, transfer full). */
gboolean cli_day_simulate(const CliPlanDir *p, const RpDay *d,
                          const double *contacts, const double *aht_s,
                          size_t from, size_t replications, guint64 seed,
                          GArray **by_queue, GArray **by_interval,
                          GError **error);

/* Real-time contacts not answered within their standard in simulated
 * rows `rows` (RpSimRow), summed. */
double cli_sim_missed(const RpCentre *c, const GArray *rows);

#endif
