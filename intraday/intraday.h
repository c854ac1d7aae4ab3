/* intraday/intraday.h - the rest of today: a re-forecast from this
 * morning's contacts, the day's rota as the plan published it, and a
 * re-plan of that rota inside its published shifts.
 *
 * Re-forecast.  A day's contacts of queue q are taken as Poisson counts
 * whose rate is the plan's forecast f_k times an unknown level for the
 * whole day, 1 + c + o_q: c shared by a group of queues (a busy Monday is
 * busy on every line), o_q the queue's own, independent, with means 0
 * and spreads (coefficients of variation) s_c and s_o.  Having seen A_q
 * contacts where the forecast said F_q (both over the intervals so far),
 * y_q = A_q / F_q - 1 is c + o_q plus Poisson noise of variance 1 / F_q,
 * and the posterior mean (best linear) of the common level is
 *
 *     c^ = s_c^2 sum_q w_q y_q / (1 + s_c^2 sum_q w_q),
 *     w_q = 1 / (s_o^2 + 1 / F_q)                                     (1)
 *
 * over the group's queues, and of the queue's own departure
 *
 *     o^_q = s_o^2 / (s_o^2 + 1 / F_q) (y_q - c^)                     (3)
 *
 * so the rest of the day is forecast as theta_q f_k, theta_q = 1 + c^ +
 * o^_q.  With one level (s_c = 0, or one queue alone) this is the gamma-
 * Poisson posterior mean (A + a) / (F + a), a = 1 / s^2: the ratio
 * actual / forecast shrunk towards 1 by how much of the day's volume has
 * been seen.
 *
 * The morning ran to forecast when every queue, and all of them
 * together, are within `band` standard deviations of a Poisson count of
 * their forecast:
 *
 *     |A_q - F_q| <= band sqrt(F_q) for every q, and
 *     |sum A_q - sum F_q| <= band sqrt(sum F_q)                       (4)
 *
 * and then the forecast is left as it was (theta_q = 1): what chance
 * alone explains changes nothing.  docs/intraday.md gives the backtest
 * that chose s_c, s_o and the band (bench/bench_intraday.c).
 *
 * Re-plan.  The day's officers keep their published shifts (start, end,
 * site): working-time rules are rules about shifts, so they stay kept.
 * What changes from `from` on is what each officer does in each interval
 * (a queue they are trained for and that is open at their site, phones
 * from anywhere, or idle) and where their breaks fall inside each
 * break's window.  The re-plan minimises
 *
 *     J = sum_{q real time, t} miss_q,t(n_q,t)
 *         + sum_{q deferred} price_q max(0, target_q - done_q)         (2)
 *
 * with n_q,t the officers on queue q in interval t weighted by
 * proficiency (an officer on the demand's pool, the position "phones"
 * when calls are routed by skill, counts on each line by a share the
 * caller gives: proficiency times the line's part of the traffic of the
 * lines they hold; one on a skill profile's phones, phones:NAME, likewise
 * on the profile's lines alone, and stays there), miss_q,t(n) the
 * contacts that miss the standard with n
 * officers (a table the caller fills from a queueing model, linear
 * between whole officers), done_q the officer-hours of deferred queue q
 * from `from` to the close and target_q what the published rota had;
 * price_q is the items an officer-hour clears (3600 / handling time), so
 * both terms count contacts.  The caller may keep officers on a queue:
 * one leaves queue q in interval t only while miss_q,t stays within
 * keep_q,t (the command line keeps officers on a desk that would fall
 * below its standard without them, and on request on a phone line too,
 * so that no line is robbed for another).  A local search: best single change
 * of one officer's activity in one interval; deferred work out of the peak (an
 * officer leaves it for a line while another officer-interval takes it up
 * later); the best place of one break inside its window; repeated until nothing
 * improves (or a sweep limit).  It never touches intervals before `from`,
 * breaks already started, commitments, or the positions blended and a
 * profile's (phones:NAME, blended:NAME), which stay where the rota put
 * them: a profile keeps an officer off lines the pool would give them
 * calls of, and a move to the pool would undo it.
 *
 * This module depends on common/ only: the queueing model behind
 * miss_q,t is wired in by the command line. */
#ifndef RP_INTRADAY_INTRADAY_H
#define RP_INTRADAY_INTRADAY_H

#include <glib.h>

#include "common/activities.h"
#include "common/centre.h"
#include "common/rules.h"

/* ---- re-forecast -------------------------------------------------------- */

typedef struct {
    double common_cv; /* s_c of (1): the spread of the day's level shared
                         by a group's queues (>= 0; 0: none) */
    double own_cv;    /* s_o of (1) and (3): the spread of each queue's own
                         departure from it (>= 0; 0: none) */
    double band;      /* of (4), in Poisson standard deviations (0: no
                         dead band) */
} RpReforecastParams;

void rp_reforecast_params_init(RpReforecastParams *p);

/* TRUE when the morning ran to forecast, (4): `seen[q]` contacts where
 * `expected[q]` were forecast so far, for `n_queues` queues. */
gboolean rp_intraday_on_forecast(const double *seen, const double *expected,
                                 size_t n_queues, double band);

/* Re-forecasts `n_queues` queues' days of `n` intervals each, seen up to
 * interval `n_seen`: forecast[q * n + k] is the plan's expected contacts
 * (NAN where the queue is shut), actual[q * n + k] the contacts seen for
 * k < n_seen (NAN where not known: those intervals count on neither
 * side).  Queues with the same `group[q]` (e.g. the channel: every phone
 * line) share a level c of (1); each queue then has its own departure
 * from it, (3); a morning that ran to forecast, (4) over all `n_queues`,
 * leaves every theta_q at 1.
 *
 * Writes `revised` (n_queues * n values): the actual contacts where seen
 * (the forecast where an actual is missing), theta_q x forecast from
 * n_seen on, NAN where shut; and theta_q into `theta` (n_queues values;
 * 1 + c^ for a queue with nothing expected yet).  `revised` may
 * not alias the inputs.  Returns TRUE when the morning ran to forecast
 * (and so nothing was re-forecast). */
gboolean rp_intraday_reforecast(const double *forecast, const double *actual,
                                size_t n_queues, size_t n, size_t n_seen,
                                const int *group,
                                const RpReforecastParams *params,
                                double *revised, double *theta);

/* ---- the day's rota ------------------------------------------------------ */

/* What an officer does in an interval, besides a queue index (>= 0):
 * the roster's codes (roster/roster.h) and the positions of
 * common/activities.h, a skill profile's with the profile in the code
 * (rp_day_position_code()).  The re-plan moves officers between queues
 * and idle only; the caller maps a position it wants re-planned to a
 * queue and back. */
enum {
    RP_DAY_OFF = -1,        /* not at work */
    RP_DAY_IDLE = -2,       /* at work, on no queue */
    RP_DAY_BREAK = -3,      /* paid break */
    RP_DAY_LUNCH = -4,      /* unpaid break */
    RP_DAY_COMMITMENT = -5, /* training, meeting */
    RP_DAY_PHONES = -6,     /* position "phones": every phone line the
                               officer holds (calls routed by skill) */
    RP_DAY_BLENDED = -7,    /* position "blended": the site's desk first,
                               the phone lines between visitors; kept
                               where it is by the re-plan */
    RP_DAY_PROFILES = -8,   /* and below: phones:NAME of profile k at
                               -8 - 2k, blended:NAME at -9 - 2k; both kept
                               where they are by the re-plan */
};

/* The activity code of position `pos` (common/activities.h; not
 * RP_POSITION_NONE). */
int rp_day_position_code(const RpPosition *pos);

/* TRUE, with the position in *pos, when activity `code` is one (phones or
 * blended, with or without a profile). */
gboolean rp_day_position(int code, RpPosition *pos);

/* One officer's day. */
typedef struct {
    char *id;          /* as in the officers file */
    char *name;        /* display name */
    int site;          /* the shift's site (index), -1 without a shift */
    size_t start, end; /* intervals [start, end) of the shift */
    int n_breaks;      /* breaks in the shift */
    size_t break_start[RP_MAX_BREAKS]; /* first interval of each break */
    size_t break_len[RP_MAX_BREAKS];   /* intervals of each break */
    gboolean break_paid[RP_MAX_BREAKS];
    size_t break_earliest[RP_MAX_BREAKS]; /* window of each break's start */
    size_t break_latest[RP_MAX_BREAKS];   /* (interval indices) */
    gint16 *activity;                     /* n_intervals: queue or RP_DAY_* */
    size_t line;           /* line of the shift in the rota file, 0: none */
    gint64 next_start_utc; /* start of the officer's next shift in the
                              rota after this day (s), G_MININT64: none */
    gint64 prev_end_utc;   /* end of its last shift before this day in
                              the rota (s), G_MININT64: none */
    int week_paid_min;     /* paid time in the rota's week (min) */
    int week_days;         /* days with a shift in the rota's week */
} RpDayOfficer;

/* One day of a published rota, read back from the rota and activities
 * files `rotaplan plan` writes. */
typedef struct {
    const RpCentre *centre; /* borrowed */
    gint64 day;             /* local day number */
    gint64 start_utc;       /* local midnight (s) */
    size_t n_intervals;     /* intervals of the local day */
    GPtrArray *officers;    /* RpDayOfficer *, in rota order */
} RpDay;

/* Reads day `day` of the rota CSV `rota` and activities CSV `activities`
 * (the files rp_roster_rota_csv() and rp_roster_activities_csv() write)
 * for `centre`.  `officers` lists the ids of every officer in the plan
 * (the officers file), each then appears in the result (without a shift
 * when the rota has none for them that day), in that order; skills are
 * not read here.  Break windows come from the site's shift rules (a break
 * the rules do not give keeps its published place).  Fails with
 * RP_IO_ERROR_READ or an RP_DATA_ERROR naming file, line and field: an
 * unknown officer, site or activity, a bad date or time, an activity
 * outside its officer's shift, a repeated row.  Returns: (transfer full)
 * free with rp_day_free(). */
RpDay *rp_day_read(const RpCentre *centre, gint64 day,
                   const char *const *officers, size_t n_officers,
                   const char *rota, const char *activities, GError **error);

/* A deep copy.  (transfer full) */
RpDay *rp_day_copy(const RpDay *d);
void rp_day_free(RpDay *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpDay, rp_day_free)

/* Index of officer `id` in `d`, or -1. */
int rp_day_officer_index(const RpDay *d, const char *id);

/* Interval index of UTC instant `utc` in the day (may lie outside). */
gint64 rp_day_interval(const RpDay *d, gint64 utc);

/* Takes officer `o` off the rest of the day from interval `from`
 * (absence: the shift is cut there, breaks after it dropped; from <=
 * start removes the shift).  */
void rp_day_absent(RpDay *d, size_t o, size_t from);

/* Officer `o` arrives at interval `at`: intervals before it become
 * RP_DAY_OFF and the shift starts there (breaks that would have started
 * before then are dropped).  FALSE, with nothing changed, when `at` is not
 * inside the shift. */
gboolean rp_day_late(RpDay *d, size_t o, size_t at);

/* Replaces the rows of day `d->day` in the rota and activities CSV texts
 * (`rota`, `activities`: the files as read) by the rows of `d`, keeping
 * every other row and the order of days; officers without a shift get no
 * row.  Returns: (transfer full) the new texts in *rota_out and
 * *activities_out.  Fails like rp_day_read() on text it cannot parse. */
gboolean rp_day_write(const RpDay *d, const char *rota_path, const char *rota,
                      const char *activities_path, const char *activities,
                      GString **rota_out, GString **activities_out,
                      GError **error);

/* ---- the re-plan ----------------------------------------------------------
 */

/* What the rest of the day asks of its officers. */
typedef struct {
    size_t n_queues;     /* the centre's queues */
    size_t n_intervals;  /* of the day */
    size_t max_officers; /* the tables go up to this many officers */
    double *miss;        /* [(q * n_intervals + t) * (max_officers + 1) + k]:
                            real-time queue q in interval t: contacts missing
                            the standard with k officers (non-increasing in k);
                            closed intervals and deferred queues: 0 */
    double *keep;        /* [q * n_intervals + t]: an officer is taken off
                            queue q in interval t only if its miss stays at
                            or below this (INFINITY: no limit; a desk: what
                            its standard allows, so officers leave a desk
                            only where it is quiet) */
    double *target_h;    /* per deferred queue: officer-hours of it wanted
                            from `from` to the end of the day (0 others) */
    double *price;       /* per deferred queue: contacts (items) an
                            officer-hour short of target_h costs */
    int pool;            /* a queue standing for several (calls routed by
                            skill: the position "phones"), -1: none */
    double *share;       /* NULL, or 1 + (the centre's profiles) blocks of
                            n_officers x n_queues: an officer on the pool
                            counts share[o * n_queues + q] on each queue q
                            instead of their skill on it, one on
                            phones:NAME of profile k share[((1 + k) *
                            n_officers + o) * n_queues + q] */
    size_t n_officers;   /* rows of each block of `share` */
} RpDayDemand;

/* A demand for `n_queues` x `n_intervals` with tables to `max_officers`,
 * all zero, `keep` INFINITY, no pool.  (transfer full) */
RpDayDemand *rp_day_demand_new(size_t n_queues, size_t n_intervals,
                               size_t max_officers);
void rp_day_demand_free(RpDayDemand *dd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpDayDemand, rp_day_demand_free)

/* Officers on each queue in each interval, weighted by proficiency
 * (`skill`: per officer of `d`, per queue), into `staffed`
 * [q * n_intervals + t].  An officer on `blended` or `blended:NAME`
 * counts on the desk of their site, which they take first (shared
 * equally between the site's desks they hold when there are several);
 * the calls they take between visitors are not counted. */
void rp_day_staffed(const RpDay *d, const double *const *skill,
                    double *staffed);

/* J of (2) for `d` from interval `from` on. */
double rp_day_cost(const RpDay *d, const double *const *skill,
                   const RpDayDemand *dd, size_t from);

typedef struct {
    size_t max_sweeps; /* rounds of the local search (default 50) */
} RpReplanParams;

void rp_replan_params_init(RpReplanParams *p);

/* What the re-plan changed. */
typedef struct {
    double cost_before; /* J of (2) (contacts) */
    double cost_after;
    size_t n_moved;  /* officer-intervals given another activity */
    size_t n_breaks; /* breaks moved */
    size_t sweeps;   /* rounds run */
} RpReplanResult;

/* Re-plans `d` in place from interval `from`, as (2) describes, for
 * officers whose proficiencies are `skill` (per officer, per queue; 0:
 * untrained).  An officer works a queue only where it is open at that
 * instant and, for desks, at the shift's site.  Deterministic. */
void rp_day_replan(RpDay *d, const double *const *skill, const RpDayDemand *dd,
                   size_t from, const RpReplanParams *params,
                   RpReplanResult *result);

#endif
